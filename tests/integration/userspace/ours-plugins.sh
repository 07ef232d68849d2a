# Our auditd's dispatcher (auditd-plugins(5)): the plugins of plugin_dir
# get every record and the end of each event, in the string or the
# binary format; a plugin that exits is restarted up to max_restarts; a
# plugin that does not read fills its queue (q_depth) and loses records,
# counted and reported, while the log loses none; SIGHUP re-reads the
# plugins; SIGCONT writes the state report; at the end the plugins read
# what was queued, then the end of their input.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-plugins
P=$D/plugins.d
LOG=$D/audit.log
SINK=$AUDIT_TOP/tests/helpers/plugin-sink
rm -rf $D
mkdir -p $P

write_conf() { # write_conf EXTRA-LINES
	ours_auditd_conf $D $LOG "log_format = RAW" "flush = INCREMENTAL_ASYNC" \
		"freq = 20" "max_log_file = 0" "space_left = 1" "admin_space_left = 1" \
		"plugin_dir = $P" "$@"
}
plugin() { # plugin NAME ARGS [FORMAT]: an active plugin-sink
	plugin_conf $P/$1.conf "$SINK" "$2" "${3:-string}"
}
start_ours() {
	"$AUDITD" -f -c $D 2>>$D/err &
	OURS=$!
	wait_until registered "$OURS" || { cat $D/err; fail "our auditd did not register"; }
}
stop_ours() {
	kill -TERM "$OURS"
	wait "$OURS"
	expect_eq "auditd exit status" $? 0
}

# -t names a bad plugin file and its line; backup copies are not read.
write_conf "q_depth = 2000" "overflow_action = syslog" "max_restarts = 2"
plugin a "$D/a.out"
printf 'active = yes\npath = %s\nformat = xml\n' "$SINK" >$P/bad.conf
printf 'this is = not read\n' >$P/a.conf.bak
"$AUDITD" -t -c $D 2>$D/t.err
expect_eq "-t exit status with a bad plugin file" $? 6
grep -q "$P/bad.conf:3: format: 'xml' is neither string nor binary" $D/t.err ||
	fail "-t message: $(cat $D/t.err)"
grep -q "a.conf.bak" $D/t.err && fail "-t read a backup copy: $(cat $D/t.err)"
rm $P/bad.conf
"$AUDITD" -t -c $D >/dev/null || fail "-t with good plugin files"
chmod 0666 $P/a.conf
"$AUDITD" -t -c $D 2>$D/t.err && fail "-t accepts a plugin file anyone may write"
grep -q "a.conf: skipped: not owned by root, or writable by others" $D/t.err ||
	fail "-t message: $(cat $D/t.err)"
chmod 0640 $P/a.conf
pass "-t checks the plugin files, naming file and line"

# The string format: the log's lines, in order, and EOE; and binary;
# and the builtin af_unix plugin's socket.
plugin b "$D/b.out --binary" binary
printf 'active = yes\ndirection = out\npath = builtin_af_unix\ntype = builtin\nargs = 0640 %s\nformat = string\n' \
	$D/events.sock >$P/u.conf
chmod 0640 $P/u.conf
start_ours
expect_eq "the af_unix socket" "$(stat -c '%F %a' $D/events.sock)" "socket 640"
python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
open(sys.argv[2] + ".ready", "w").close()
with open(sys.argv[2], "ab", buffering=0) as f:
    while True:
        b = s.recv(65536)
        if not b:
            break
        f.write(b)
' $D/events.sock $D/u.out &
U=$!
wait_until test -e $D/u.out.ready || fail "no reader of the af_unix socket"
"$AUDITCTL" -m "to the socket" || fail "-m"
wait_until grep -q "msg='to the socket" $D/u.out || fail "the af_unix reader did not get the record"
grep -q "^type=DAEMON_START " $D/u.out && fail "the af_unix reader got a record from before it connected"
pass "builtin_af_unix: a socket of mode 0640; a reader gets the records from when it connects"
"$AUDITCTL" -m "to the plugins" || fail "-m"
"$AUDITCTL" -a always,exit -F arch=b64 -S getppid -k plug >/dev/null
"$SYSC" 110 >/dev/null
wait_until grep -q 'key="plug"' $D/a.out || fail "the getppid event did not reach the plugin"
wait_until grep -q 'type=EOE ' $D/a.out || fail "no EOE reached the plugin"
head -n 1 $D/a.out | grep -q '^type=DAEMON_START ' || fail "plugin's first line: $(head -n 1 $D/a.out)"
grep -q "^type=USER .*msg='to the plugins" $D/a.out || fail "USER record"
# Every logged line reached the plugin, in the log's order.
expect_eq "the log's lines, as the plugin got them" \
	"$(grep -v '^type=EOE ' $D/a.out | head -n "$(wc -l <$LOG)")" "$(cat $LOG)"
s=$(sed -n 's/^type=SYSCALL msg=audit([0-9.]*:\([0-9]*\)).*key="plug".*/\1/p' $D/a.out | head -n 1)
expect_eq "the event's records, then its EOE" \
	"$(grep ":$s)" $D/a.out | sed 's/ .*//' | tr '\n' ' ')" "type=SYSCALL type=PROCTITLE type=EOE "
grep -q "type=EOE" $LOG && fail "EOE in the log"
pass "string format: every record of the log, in order, and each event's EOE"
wait_until grep -q 'type=1300 .*key="plug"' $D/b.out || fail "binary: no SYSCALL"
grep -Eq '^ver=0 hlen=16 type=1300 size=[0-9]+ audit\([0-9.]+:[0-9]+\): arch=c000003e syscall=110 ' $D/b.out ||
	fail "binary record: $(grep type=1300 $D/b.out | head -n 1)"
grep -q '^ver=0 hlen=16 type=1320 size=' $D/b.out || fail "binary: no EOE"
pass "binary format: the header, then the kernel's text"

# SIGCONT: the state report names the plugins.
kill -CONT "$OURS"
wait_until test -s /run/audit/auditd.state || fail "no state report"
grep -Eq '^plugin a = pid [0-9]+, running, queued 0, sent [0-9]+, dropped 0, restarts 0$' /run/audit/auditd.state ||
	fail "state report: $(cat /run/audit/auditd.state)"
pass "SIGCONT writes /run/audit/auditd.state"
rm -f /run/audit/auditd.state
"$AUDITCTL" --signal state || fail "auditctl --signal state"
wait_until test -s /run/audit/auditd.state || fail "--signal state: no state report"
pass "auditctl --signal state: the report, written again"

# A plugin that exits is restarted max_restarts times, then given up.
plugin c "$D/c.out --exit-after 2"
kill -HUP "$OURS"
wait_until grep -q "op=reconfigure state=changed" $LOG || fail "no reconfigure"
wait_until test -s $D/a.out.hup || fail "the unchanged plugin was not sent SIGHUP"
for i in 1 2 3 4 5 6 7 8; do "$AUDITCTL" -m "restart $i" >/dev/null; done
wait_until grep -q "plugin c exited (status 3) and was restarted max_restarts (2) times: not started again" $D/err ||
	{ cat $D/err; fail "no message of the restarts given up"; }
expect_eq "restart messages" "$(grep -c 'plugin c exited (status 3): restarting it' $D/err)" 2
# Each run read two records; what one left in the pipe the next read.
expect_eq "records the three runs of c read" \
	"$(sed -n "s/.*msg='\(restart [0-9]\).*/\1/p" $D/c.out | tr '\n' ,)" \
	"restart 1,restart 2,restart 3,restart 4,restart 5,restart 6,"
wait_until has_lines $D/a.out "msg='restart 8" 1 || fail "plugin a did not get every record"
pass "a plugin that exits is restarted on its pipe, max_restarts times, then given up"

# A plugin that reads nothing: its queue fills, records are dropped and
# counted; the log and the other plugins lose nothing.
rm $P/c.conf $P/b.conf $P/u.conf
plugin s "$D/s.out --stall"
write_conf "q_depth = 2000" "overflow_action = syslog" "max_restarts = 2" "report_interval = 1s"
rm -f /run/audit/auditd.state
kill -HUP "$OURS"
wait_until test "$(grep -c 'op=reconfigure state=changed' $LOG)" -ge 2 || fail "no second reconfigure"
"$AUDITCTL" -b 8192 >/dev/null
# 6000 records of 1 KiB, 500 at a time, each batch read by plugin a
# before the next: the stalled plugin's pipe (1 MiB) and queue (2000)
# take half of them.
F=$(printf 'f%.0s' $(seq 1 1000))
for i in $(seq 1 12); do
	"$HELPERS/audit-nl" user 500 "$F" >/dev/null
	wait_until -t 30 has_lines $D/a.out "$F" $((i * 500)) ||
		{ cat $D/err; fail "plugin a has $(grep -c "$F" $D/a.out) of $((i * 500)) records"; }
done
wait_until -t 60 has_lines $LOG "$F" 6000 ||
	{ cat $D/err; "$AUDITCTL" -s; ls -la $D; tail -c 600 $LOG; cat /proc/$OURS/wchan; echo; cat /proc/$OURS/status | head -3; fail "the log got $(grep -c "$F" $LOG) of the 6000 records"; }
wait_until grep -q "plugin s: queue full (q_depth 2000): events dropped" $D/err ||
	{ cat $D/err; fail "no message of the full queue"; }
wait_until -t 60 has_lines $D/a.out "$F" 6000 ||
	{ cat $D/err; fail "plugin a lost records: it has $(grep -c "$F" $D/a.out)"; }
grep -q "plugin a: queue full" $D/err && fail "plugin a's queue filled"
# report_interval = 1s: the report is written again every second.
wait_until grep -q '^plugin s = ' /run/audit/auditd.state || fail "report_interval: no state of s"
dropped=$(sed -n 's/^plugin s = .*dropped \([0-9]*\),.*/\1/p' /run/audit/auditd.state)
[ "${dropped:-0}" -gt 0 ] || fail "state report: $(cat /run/audit/auditd.state)"
expect_eq "lost by the kernel" "$(status_field lost)" 0
pass "a stalled plugin loses $dropped records, counted; the log and plugin a none"

# The end: plugin a reads everything, DAEMON_END included, then EOF;
# the stalled one is stopped; the drops are said once more.
stop_ours
tail -n 1 $D/a.out | grep -q '^type=DAEMON_END ' || fail "plugin a's last line: $(tail -n 1 $D/a.out)"
wait_until grep -q eof $D/a.out.term || fail "plugin a did not see the end of its input"
wait_until grep -q term $D/s.out.term || fail "the stalled plugin was not stopped"
grep -q "plugin s: [0-9]* events dropped in all" $D/err || fail "no final count: $(cat $D/err)"
pass "at the end the plugins get what was queued, then EOF and SIGTERM"
"$AUDITCTL" --signal state 2>$D/sig.err && fail "--signal with no daemon succeeds"
grep -q -- "--signal state: no audit daemon is registered" $D/sig.err || fail "--signal: $(cat $D/sig.err)"
