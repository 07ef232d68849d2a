# debug: also
# A task that may sleep waits up to backlog_wait_time for backlog room;
# the time waited shows in backlog_wait_time_actual, which can be reset.
# A syscall's records that still find no room are lost and counted; a
# netlink request's records are not (its handler holds the lock every
# request needs, so cannot wait): they are queued a little past the
# limit and the sender waits after its request instead.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 -b 3 --backlog_wait_time 50 >/dev/null
rm -f /tmp/go
start_reader /tmp/stalled --stall /tmp/go --rcvbuf 1024
lost=$(status_field lost)
start=$(date +%s%N)
expect_eq "user messages acked" "$("$NL" user 12 "wait")" 12
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
actual=$(status_field backlog_wait_time_actual)
[ "$actual" -gt 0 ] || fail "backlog_wait_time_actual is $actual"
pass "tasks waited: backlog_wait_time_actual=$actual, ${elapsed_ms}ms"
[ "$elapsed_ms" -ge 400 ] || fail "senders did not wait (${elapsed_ms}ms)"
pass "senders were held back"
expect_eq "user messages lost" "$(status_field lost)" "$lost"
"$AUDITCTL" -a always,exit -F arch=b64 -S getppid -k waited >/dev/null
for i in 1 2 3; do "$HELPERS/sysc" 110 >/dev/null; done
[ "$(status_field lost)" -gt "$lost" ] || fail "syscall records that found no room were not counted"
pass "syscall records that found no room are counted lost"
touch /tmp/go
stop_reader
"$AUDITCTL" --reset_backlog_wait_time_actual >/dev/null || fail "--reset_backlog_wait_time_actual"
expect_eq backlog_wait_time_actual "$(status_field backlog_wait_time_actual)" 0
