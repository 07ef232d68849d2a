# A registered daemon that stops reading fills the backlog (backlog_limit
# 1, backlog_wait_time 5 s).  Requests must not queue up behind a sender
# waiting for room: four senders of one user message at the same moment
# all finish after one wait (not 5, 10, 15 and 20 s), none of their
# records is lost, and 'auditctl -s' and 'auditctl -l' a second later are
# answered at once.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
ms() { echo $(( $(date +%s%N) / 1000000 )); }
"$AUDITCTL" -e 1 -b 1 --backlog_wait_time 500 >/dev/null
rm -f /tmp/go
start_reader /tmp/stalled --stall /tmp/go --rcvbuf 1024
# Fill the daemon's socket and the backlog; the fillers wait side by side.
t0=$(ms)
pids=
for i in 1 2 3 4 5 6; do "$NL" user 1 "filler $i" >/dev/null & pids="$pids $!"; done
wait $pids
echo "filled in $(( $(ms) - t0 )) ms: backlog $(status_field backlog)"
lost=$(status_field lost)

start=$(ms)
pids=
for i in 1 2 3 4; do
	( "$NL" user 1 "sender $i" >/tmp/sender.$i; echo $(( $(ms) - start )) >>/tmp/sender.$i ) &
	pids="$pids $!"
done
sleep 1
t0=$(ms)
"$AUDITCTL" -s >/dev/null || fail "auditctl -s"
get_ms=$(( $(ms) - t0 ))
t0=$(ms)
"$AUDITCTL" -l >/dev/null || fail "auditctl -l"
list_ms=$(( $(ms) - t0 ))
wait $pids
[ "$get_ms" -lt 1000 ] || fail "auditctl -s took ${get_ms} ms"
pass "auditctl -s answered in ${get_ms} ms while senders waited"
[ "$list_ms" -lt 1000 ] || fail "auditctl -l took ${list_ms} ms"
pass "auditctl -l answered in ${list_ms} ms while senders waited"
slowest=0
for i in 1 2 3 4; do
	expect_eq "sender $i acked" "$(head -n 1 /tmp/sender.$i)" 1
	t=$(tail -n 1 /tmp/sender.$i)
	[ "$t" -gt "$slowest" ] && slowest=$t
done
# Each waits at most 5 s after its request, all at the same time.
[ "$slowest" -lt 8000 ] || fail "the senders were served one after the other (${slowest} ms)"
pass "four senders done within ${slowest} ms"
expect_eq "lost by the senders" "$(status_field lost)" "$lost"
touch /tmp/go
for i in 1 2 3 4; do wait_file /tmp/stalled "msg='sender $i 0"; done
pass "every sender's record was delivered once the daemon read again"
stop_reader
rm -f /tmp/sender.*
