# debug: also
# Malformed netlink messages get an error and change nothing.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 -r 11 -b 77 >/dev/null
snapshot() { "$AUDITCTL" -s | grep -v '^backlog '; }
before=$(snapshot)
for kind in short overlong zerolen unknown badmask badenabled badfailure shortset badwait badfeature; do
	expect_eq "$kind" "$("$NL" malformed $kind)" "error=-22"
done
expect_eq "status unchanged" "$(snapshot)" "$before"
# AUDIT_TRIM without a directory rule: nothing to trim, done.
expect_eq "AUDIT_TRIM" "$("$NL" errno 1014)" "error=0"
# Known but not yet implemented: an error, not silence.
expect_eq "AUDIT_MAKE_EQUIV" "$("$NL" errno 1015)" "error=-95"
expect_eq "AUDIT_ADD_RULE, empty" "$("$NL" errno 1011)" "error=-22"
expect_eq "obsolete AUDIT_LIST" "$("$NL" errno 1002)" "error=-95"
expect_eq "NLMSG_NOOP" "$("$NL" errno 1)" "error=-22"
