# debug: also
# auditctl -s, -e, -f, -r, -b, --backlog_wait_time, --reset-lost with
# Debian's auditctl against our kernel.
. "$AUDIT_TOP/tests/lib/common.sh"
reset_audit
"$AUDITCTL" -s
"$AUDITCTL" -e 1 >/dev/null || fail "-e 1"
expect_eq enabled "$(status_field enabled)" 1
"$AUDITCTL" -e 0 >/dev/null || fail "-e 0"
expect_eq enabled "$(status_field enabled)" 0
for f in 0 2 1; do
	"$AUDITCTL" -f $f >/dev/null || fail "-f $f"
	expect_eq failure "$(status_field failure)" $f
done
"$AUDITCTL" -r 250 >/dev/null || fail "-r 250"
expect_eq rate_limit "$(status_field rate_limit)" 250
"$AUDITCTL" -b 1234 >/dev/null || fail "-b 1234"
expect_eq backlog_limit "$(status_field backlog_limit)" 1234
"$AUDITCTL" --backlog_wait_time 777 >/dev/null || fail "--backlog_wait_time 777"
expect_eq backlog_wait_time "$(status_field backlog_wait_time)" 777
"$AUDITCTL" -r 0 -b 64 >/dev/null
expect_eq rate_limit "$(status_field rate_limit)" 0
"$AUDITCTL" --reset-lost >/dev/null || fail "--reset-lost"
expect_eq lost "$(status_field lost)" 0
if "$AUDITCTL" -f 3 2>/dev/null; then fail "-f 3 accepted"; fi
pass "-f 3 refused"
