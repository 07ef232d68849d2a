# debug: also
# vm: also
# auditctl -s, -e, -f, -r, -b, --backlog_wait_time, --reset-lost with
# Debian's auditctl against our kernel.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -s
check_settings status_field
"$AUDITCTL" -r 0 -b 64 >/dev/null
expect_eq rate_limit "$(status_field rate_limit)" 0
"$AUDITCTL" --reset-lost >/dev/null || fail "--reset-lost"
expect_eq lost "$(status_field lost)" 0
if "$AUDITCTL" -f 3 2>/dev/null; then fail "-f 3 accepted"; fi
pass "-f 3 refused"
