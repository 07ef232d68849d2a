# A task that may sleep waits up to backlog_wait_time for backlog room;
# the time waited shows in backlog_wait_time_actual, which can be reset.
. "$AUDIT_TOP/tests/lib/common.sh"
reset_audit
"$AUDITCTL" -e 1 -b 3 --backlog_wait_time 50 >/dev/null
rm -f /tmp/go
start_reader /tmp/stalled --stall /tmp/go --rcvbuf 1024
start=$(date +%s%N)
"$NL" user 12 "wait" >/dev/null
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
actual=$(status_field backlog_wait_time_actual)
[ "$actual" -gt 0 ] || fail "backlog_wait_time_actual is $actual"
pass "tasks waited: backlog_wait_time_actual=$actual, ${elapsed_ms}ms"
[ "$elapsed_ms" -ge 400 ] || fail "senders did not wait (${elapsed_ms}ms)"
pass "senders were held back"
[ "$(status_field lost)" -gt 0 ] || fail "records that found no room were not counted"
touch /tmp/go
stop_reader
"$AUDITCTL" --reset_backlog_wait_time_actual >/dev/null || fail "--reset_backlog_wait_time_actual"
expect_eq backlog_wait_time_actual "$(status_field backlog_wait_time_actual)" 0
reset_audit
