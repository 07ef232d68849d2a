# Our auditd as the collector of remote logging (tcp_listen_port,
# local_events = no): Debian's audisp-remote, a plugin of our local
# auditd, sends to it; every record arrives once, in order, with the
# sender's node name; connections are logged DAEMON_ACCEPT / DAEMON_CLOSE
# as the standard auditd logs them; records and heartbeats are answered
# ACK with their sequence, ascii lines are taken; a connection beyond
# tcp_max_per_addr or from a port outside tcp_client_ports is refused
# and logged; an idle client is closed; at the end clients get ENDING;
# with distribute_network the remote records reach the collector's
# plugins too.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-coll
C=$D/collector
PORT=6061
RMW=$AUDIT_TOP/tests/helpers/rmw-client
[ -x /sbin/audisp-remote ] || fail "no /sbin/audisp-remote (Debian's audispd-plugins)"
rm -rf $D
mkdir -p $D/plugins.d $C/plugins.d
plugin_conf $C/plugins.d/sink.conf "$AUDIT_TOP/tests/helpers/plugin-sink" $C/plugin.out
ip link set lo up || fail "loopback up"
collector_conf() { # collector_conf EXTRA...
	ours_auditd_conf $C $C/audit.log "local_events = no" "log_format = RAW" \
		"freq = 1" "max_log_file = 0" "space_left = 1" "admin_space_left = 1" \
		"tcp_listen_port = $PORT" "tcp_max_per_addr = 2" "plugin_dir = $C/plugins.d" \
		"distribute_network = yes" "$@"
}
collector_conf
"$AUDITD" -t -c $C >/dev/null || fail "-t on the collector's configuration"
"$AUDITD" -f -c $C 2>$C/err &
COLL=$!
on_exit "kill $COLL 2>/dev/null"
wait_until -t 10 sh -c "ss -ltn 2>/dev/null | grep -q ':$PORT '" ||
	{ cat $C/err; fail "the collector does not listen on $PORT"; }
expect_eq "the collector did not register with the kernel" "$(status_field pid)" 0
pass "local_events = no: a collector only, listening on $PORT"

# The sender: our auditd, with Debian's audisp-remote as its plugin.
audisp_remote_to $PORT $D
plugin_conf $D/plugins.d/au-remote.conf /sbin/audisp-remote
ours_auditd_conf $D $D/audit.log "log_format = ENRICHED" "freq = 20" "max_log_file = 0" \
	"space_left = 1" "admin_space_left = 1" "name_format = user" "name = sender1" \
	"plugin_dir = $D/plugins.d"
"$AUDITD" -f -c $D 2>$D/err &
OURS=$!
wait_until registered "$OURS" || { cat $D/err; fail "our auditd did not register"; }
wait_until -t 10 file_has $C/audit.log '^type=DAEMON_ACCEPT msg=audit\([0-9.]+:[0-9]+\): addr=::ffff:127\.0\.0\.1 port=[0-9]+ res=success$' ||
	{ cat $C/err $D/err; cat $C/audit.log; fail "no DAEMON_ACCEPT of audisp-remote"; }
pass "audisp-remote connected: DAEMON_ACCEPT addr= port= res=success"

"$AUDITCTL" -a always,exit -F arch=b64 -S getppid -k coll >/dev/null
"$SYSC" 110 >/dev/null
for i in $(seq 1 100); do "$AUDITCTL" -m "coll-$i" >/dev/null; done
wait_until -t 20 file_has $C/audit.log "coll-100" || { tail -3 $C/audit.log; fail "the collector lacks the last record"; }
got=$(grep -o "^node=sender1 type=USER .*msg='coll-[0-9]*" $C/audit.log | sed 's/.*coll-//' | tr '\n' ' ')
expect_eq "the collector's records, once each, in order" "$got" "$(seq 1 100 | tr '\n' ' ')"
grep -q '^node=sender1 type=SYSCALL .*syscall=110 .*key="coll"' $C/audit.log || fail "no getppid event"
# What the sender logged, the collector logged: the same lines.
grep "^node=sender1 type=USER .*coll-" $D/audit.log >$D/sent
grep "^node=sender1 type=USER .*coll-" $C/audit.log >$D/got
cmp -s $D/sent $D/got || { diff $D/sent $D/got | head; fail "the collector's lines differ from the sender's"; }
pass "every record at the collector once, in order, as the sender logged it"
wait_until has_lines $C/plugin.out "^node=sender1 type=USER .*msg='coll-" 100 ||
	fail "distribute_network: the plugin has $(grep -c "coll-" $C/plugin.out) of 100"
grep "^node=sender1 type=USER .*coll-" $C/plugin.out >$D/plugin-got
cmp -s $D/got $D/plugin-got ||
	fail "distribute_network: the plugin's lines differ from the log's"
pass "distribute_network: the remote records at the collector's plugin, as logged"

# The protocol: answers with their sequence; ascii lines; a third
# connection from the address refused (tcp_max_per_addr = 2).
out=$("$RMW" 127.0.0.1 $PORT msg 7 "node=rmw type=USER msg=audit(1.000:1): pid=1 msg='by hand'" \
	hb 8 line "node=rmw type=USER msg=audit(1.000:2): pid=1 msg='ascii line'" sleep 0.3 \
	msg 9 "node=rmw type=USER msg=audit(1.000:3): pid=1 msg='after the line'")
expect_eq "answers" "$out" "answer type=0x40000000 seq=7 text=
answer type=0x40000000 seq=8 text=
answer type=0x40000000 seq=9 text="
for m in "by hand" "ascii line" "after the line"; do
	grep -q "^node=rmw type=USER msg=audit(1.000:[0-9]): pid=1 msg='$m'$" $C/audit.log ||
		fail "'$m' not in the collector's log"
done
pass "records and heartbeats answered ACK with their sequence; ascii lines taken"
"$RMW" 127.0.0.1 $PORT msg 10 "node=rmw type=USER msg=audit(1.000:4): pid=1 msg='two
type=FAKE msg=audit(1.000:5): injected'" >/dev/null
wait_file $C/audit.log "msg='two type=FAKE"
grep -q '^type=FAKE' $C/audit.log && fail "a sender's newline made a line of its own"
pass "a record with a newline stays one line"
"$RMW" 127.0.0.1 $PORT sleep 3 >/dev/null &
HOLD=$!
wait_until has_lines $C/audit.log '^type=DAEMON_ACCEPT .* res=success$' 3 || fail "second connection"
expect_eq "a third connection" "$("$RMW" 127.0.0.1 $PORT wait-end 5)" closed
wait_file $C/audit.log '^type=DAEMON_ACCEPT msg=audit\([0-9.]+:[0-9]+\): op=dup addr=::ffff:127\.0\.0\.1 port=[0-9]+ res=no$'
wait $HOLD
pass "beyond tcp_max_per_addr: refused, DAEMON_ACCEPT op=dup res=no"

# The sender stops: its DAEMON_END reaches the collector, and
# audisp-remote closes its connection.
closes=$(grep -c '^type=DAEMON_CLOSE ' $C/audit.log)
kill -TERM $OURS
wait $OURS
wait_until -t 10 file_has $C/audit.log '^node=sender1 type=DAEMON_END ' || fail "DAEMON_END did not reach the collector"
wait_until -t 10 has_lines $C/audit.log '^type=DAEMON_CLOSE ' $((closes + 1)) ||
	fail "no DAEMON_CLOSE when audisp-remote ended"
pass "the sender's DAEMON_END at the collector, then DAEMON_CLOSE"

# tcp_client_ports and tcp_client_max_idle take effect at SIGHUP.
collector_conf "tcp_client_ports = 1-1023" "tcp_client_max_idle = 2"
kill -HUP $COLL
wait_file $C/audit.log "op=reconfigure state=changed"
expect_eq "a client from port > 1023" "$("$RMW" 127.0.0.1 $PORT wait-end 5)" closed
wait_file $C/audit.log '^type=DAEMON_ACCEPT msg=audit\([0-9.]+:[0-9]+\): op=port addr=::ffff:127\.0\.0\.1 port=[0-9]+ res=no$'
pass "outside tcp_client_ports: refused, DAEMON_ACCEPT op=port res=no"
collector_conf "tcp_client_max_idle = 2"
kill -HUP $COLL
wait_until has_lines $C/audit.log "op=reconfigure state=changed" 2 || fail "second reconfigure"
closes=$(grep -c '^type=DAEMON_CLOSE ' $C/audit.log)
expect_eq "an idle client" "$("$RMW" 127.0.0.1 $PORT wait-end 8)" closed
wait_until has_lines $C/audit.log '^type=DAEMON_CLOSE msg=audit\([0-9.]+:[0-9]+\): addr=::ffff:127\.0\.0\.1 port=[0-9]+ res=success$' $((closes + 1)) ||
	fail "no DAEMON_CLOSE of the idle client"
pass "idle past tcp_client_max_idle: closed, DAEMON_CLOSE"

# The end: the collector sends ENDING to a client still connected.
collector_conf
kill -HUP $COLL
wait_until has_lines $C/audit.log "op=reconfigure state=changed" 3 || fail "third reconfigure"
accepts=$(grep -c '^type=DAEMON_ACCEPT .* res=success$' $C/audit.log)
"$RMW" 127.0.0.1 $PORT wait-end 10 >$D/ending &
CL=$!
wait_until has_lines $C/audit.log '^type=DAEMON_ACCEPT .* res=success$' $((accepts + 1)) || fail "last client"
kill -TERM $COLL
wait $COLL
expect_eq "the collector's exit status" $? 0
wait $CL
expect_eq "what the last client got" "$(cat $D/ending)" ending
tail -n 1 $C/audit.log | grep -q '^type=DAEMON_END ' || fail "collector's last line: $(tail -n 1 $C/audit.log)"
pass "at the end: ENDING to the clients, DAEMON_CLOSE, DAEMON_END"
