# boot: own
# cmdline: audit=0
# audit=0 at boot: nothing is set up; the tools are told audit is absent.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --keep
if "$AUDITCTL" -s >/dev/null 2>&1; then fail "auditctl -s worked with audit=0"; fi
pass "auditctl -s fails"
dmesg | grep -q "audit: disabled by audit=0" || fail "no boot message"
pass "boot message says why"
