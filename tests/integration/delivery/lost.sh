# debug: also
# Every record is either delivered or counted in lost: a reader that stops
# reading makes the backlog overflow, and lost counts exactly what never
# arrives.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 --backlog_wait_time 0 -b 10 >/dev/null
rm -f /tmp/go
start_reader /tmp/stalled --stall /tmp/go --rcvbuf 4096
before=$(status_field lost)
expect_eq lost-before "$before" 0
sent=$("$NL" user 300 "flood")
expect_eq acked "$sent" 300
lost=$(status_field lost)
[ "$lost" -gt 0 ] || fail "the backlog never overflowed (lost=$lost)"
pass "backlog overflowed, lost=$lost"
touch /tmp/go
# Wait until the reader has everything the kernel kept.
prev=-1
while :; do
	sleep 0.5
	got=$(grep -c "^1005 .*msg='flood" /tmp/stalled)
	[ "$got" = "$prev" ] && break
	prev=$got
done
expect_eq "delivered + lost" "$((got + lost))" 300
expect_eq "lost after delivery" "$(status_field lost)" "$lost"
stop_reader
