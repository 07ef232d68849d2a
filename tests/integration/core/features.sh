# debug: also
# boot: own
# cmdline: audit=1
# /proc/self/loginuid and sessionid, AUDIT_GET/SET_FEATURE with locks, and
# the FEATURE_CHANGE and LOGIN records.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --keep
expect_eq "loginuid at boot" "$(cat /proc/self/loginuid)" 4294967295
expect_eq "sessionid at boot" "$(cat /proc/self/sessionid)" 4294967295
out=$(sh -c 'echo 1000 > /proc/self/loginuid && echo "$(cat /proc/self/loginuid) $(cat /proc/self/sessionid)"')
case "$out" in "1000 "[0-9]*) pass "loginuid set once, new session: $out" ;; *) fail "loginuid: '$out'" ;; esac
dmesg | grep -q "type=1006 audit(.*old-auid=4294967295 auid=1000 .*res=1" || fail "no LOGIN record"
pass "LOGIN record"
# Changing a set loginuid takes CAP_AUDIT_CONTROL.
nocap() { setpriv --bounding-set=-audit_control --inh-caps=-audit_control "$@"; }
if nocap sh -c 'echo 1000 > /proc/self/loginuid; echo 1001 > /proc/self/loginuid' 2>/dev/null; then
	fail "loginuid changed without CAP_AUDIT_CONTROL"
fi
pass "changing a set loginuid needs CAP_AUDIT_CONTROL"
sh -c 'echo 1000 > /proc/self/loginuid; echo 1001 > /proc/self/loginuid' || fail "root could not change its loginuid"
pass "root changes its loginuid"
# Unknown feature bits and versions are refused.
expect_eq "unknown feature" "$("$NL" feature 0x4 0x4 0)" "error=-22"
# loginuid_immutable, locked: set once, then immutable, for everyone.
"$AUDITCTL" --loginuid-immutable >/dev/null || fail "--loginuid-immutable"
"$AUDITCTL" -s | grep -q "^loginuid_immutable 1 locked" || { "$AUDITCTL" -s; fail "feature not shown as set and locked"; }
pass "loginuid_immutable 1 locked"
dmesg | grep -q "type=1328 audit(.*feature=loginuid_immutable old=0 new=1 old_lock=0 new_lock=1 res=1" ||
	fail "no FEATURE_CHANGE record"
pass "FEATURE_CHANGE record"
expect_eq "unlocking a locked feature" "$("$NL" feature 0x2 0 0)" "error=-1"
expect_eq "clearing a locked feature" "$("$NL" feature 0x2 0 0x2)" "error=-1"
expect_eq "re-setting it as it is" "$("$NL" feature 0x2 0x2 0x2)" "error=0"
sh -c 'echo 1000 > /proc/self/loginuid' || fail "an unset loginuid can still be set once"
if sh -c 'echo 1000 > /proc/self/loginuid; echo 1001 > /proc/self/loginuid' 2>/dev/null; then
	fail "loginuid changed while immutable"
fi
pass "immutable: even root cannot change a set loginuid"
# The refused change is logged with no session given (the stock kernel's
# ses=4294967295), not the old one.
wait_dmesg "type=1006 audit(.*old-auid=1000 auid=1001 .*old-ses=[0-9]* ses=4294967295 res=0"
pass "refused change: LOGIN res=0 with ses unset"
