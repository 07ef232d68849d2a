# debug: also
# vm: also
# BPRM_FCAPS: an execve whose file capabilities raise a non-root task's
# effective set logs the file's and the task's capabilities before and
# after; CAPSET: capset(2) logs the new sets.  Both share the syscall's
# serial, only when a rule audits the syscall, and ausearch -i
# interprets them.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

cp /bin/true /tmp/fcx || fail "cp"
setcap "cap_net_raw,cap_kill+ep" /tmp/fcx || fail "setcap"

# ---- BPRM_FCAPS ----
rule -a always,exit -F arch=b64 -S execve -F uid=1003 -k rbprm
# (Through sh, whose execve as uid 1003 drops what setpriv kept.)
setpriv --reuid 1003 --regid 1003 --clear-groups /bin/sh -c 'exec /tmp/fcx' ||
	fail "/tmp/fcx as uid 1003"
# Without raised privileges (root already has them): no BPRM_FCAPS.
setpriv --reuid 1003 --regid 1003 --clear-groups /bin/true || fail "/bin/true"
log_barrier
s=$(log_serial '^type=SYSCALL .*comm="fcx" .*key="rbprm"')
[ -n "$s" ] || fail "no execve record of /tmp/fcx"
expect_eq "BPRM_FCAPS" "$(log_record "$s" BPRM_FCAPS)" \
	"fver=2 fp=0000000000002020 fi=0 fe=1 old_pp=0 old_pi=0 old_pe=0 old_pa=0 pp=0000000000002020 pi=0 pe=0000000000002020 pa=0 frootid=0"
s2=$(log_serial '^type=SYSCALL .*comm="true" .*key="rbprm"')
[ -n "$s2" ] || fail "no execve record of /bin/true"
[ -z "$(log_record "$s2" BPRM_FCAPS)" ] || fail "BPRM_FCAPS for an execve that raised nothing"
pass "no BPRM_FCAPS when no capability is gained"
ausearch -k rbprm -m BPRM_FCAPS -i 2>/dev/null |
	grep -q '^type=BPRM_FCAPS .* fver=2 fp=kill,net_raw fi=none fe=1 old_pp=none old_pi=none old_pe=none old_pa=none pp=kill,net_raw pi=none pe=kill,net_raw pa=none frootid=0' ||
	{ ausearch -k rbprm -i; fail "ausearch -i: BPRM_FCAPS interpreted"; }
pass "ausearch -i interprets BPRM_FCAPS"
"$AUDITCTL" -D >/dev/null

# Not audited (a rule exists, for another syscall), no record.
rule -a always,exit -F arch=b64 -S getpid -k runrelated
n=$(grep -c '^type=BPRM_FCAPS ' $AUDIT_LOG)
setpriv --reuid 1003 --regid 1003 --clear-groups /tmp/fcx || fail "/tmp/fcx unaudited"
log_barrier
expect_eq "BPRM_FCAPS records after an unaudited execve" "$(grep -c '^type=BPRM_FCAPS ' $AUDIT_LOG)" "$n"
"$AUDITCTL" -D >/dev/null

# ---- CAPSET ----
rule -a always,exit -F arch=b64 -S capset -k rcapset
# Root keeps net_raw and kill (0x2020), inherits net_raw (0x2000).
"$AUXOP" capset 0x2020 0x2020 0x2000 || fail "capset"
log_barrier
s=$(log_serial '^type=SYSCALL .*syscall=126 .*comm="auxop" .*key="rcapset"')
[ -n "$s" ] || fail "no capset record"
pid=$(grep -E "^type=SYSCALL msg=audit\([0-9.]+:$s\)" $AUDIT_LOG | sed -E 's/.* pid=([0-9]+) .*/\1/')
expect_eq "CAPSET" "$(log_record "$s" CAPSET)" \
	"pid=$pid cap_pi=0000000000002000 cap_pp=0000000000002020 cap_pe=0000000000002020 cap_pa=0"
ausearch -k rcapset -m CAPSET -i 2>/dev/null |
	grep -q "^type=CAPSET .* pid=$pid cap_pi=net_raw cap_pp=kill,net_raw cap_pe=kill,net_raw cap_pa=none" ||
	{ ausearch -k rcapset -i; fail "ausearch -i: CAPSET interpreted"; }
pass "ausearch -i interprets CAPSET"
rm -f /tmp/fcx
