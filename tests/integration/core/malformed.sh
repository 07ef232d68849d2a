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
# AUDIT_MAKE_EQUIV: two lengths, then the two paths; lengths that are
# zero or run past the message are malformed, a path longer than
# PATH_MAX too long, a path that does not resolve not found.
expect_eq "AUDIT_MAKE_EQUIV, empty" "$("$NL" errno 1015)" "error=-22"
expect_eq "AUDIT_MAKE_EQUIV, zero length" "$("$NL" equiv 0 4 /tmp)" "error=-22"
expect_eq "AUDIT_MAKE_EQUIV, past the end" "$("$NL" equiv 4 5 /tmp/tmp)" "error=-22"
long=$(printf '/%.0s' $(seq 4097))
expect_eq "AUDIT_MAKE_EQUIV, too long" "$("$NL" equiv 4097 4 "$long/tmp")" "error=-36"
expect_eq "AUDIT_MAKE_EQUIV, no such path" "$("$NL" equiv 4 10 /tmp/tmp/no-such)" "error=-2"
expect_eq "AUDIT_MAKE_EQUIV, no rule holds it" "$("$NL" equiv 4 4 /tmp/tmp)" "error=0"
expect_eq "AUDIT_ADD_RULE, empty" "$("$NL" errno 1011)" "error=-22"
expect_eq "obsolete AUDIT_LIST" "$("$NL" errno 1002)" "error=-95"
expect_eq "NLMSG_NOOP" "$("$NL" errno 1)" "error=-22"
