# Debian's own plugins under our auditd's dispatcher: audisp-syslog
# (records to syslog), audisp-remote (records to a collector: here
# Debian's auditd with local_events = no, on loopback) and laurel (one
# JSON object per event), together; every record reaches each once, in
# order, with our node name.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-fleet
P=$D/plugins.d
C=$D/collector
LAUREL=$T/build/debs/laurel/usr/sbin/laurel
PORT=6060
[ -x "$LAUREL" ] || fail "no $LAUREL (make test-debs)"
[ -x /sbin/audisp-remote ] || fail "no /sbin/audisp-remote (Debian's audispd-plugins)"
rm -rf $D
mkdir -p $P $C/plugins.d $D/laurel
ip link set lo up || fail "loopback up"

# syslog: a reader on /dev/log.
start_syslog $D/syslog

# The collector: Debian's auditd, network events only.
cat >$C/auditd.conf <<EOF
local_events = no
write_logs = yes
log_file = $C/audit.log
log_format = RAW
flush = INCREMENTAL_ASYNC
freq = 1
max_log_file = 0
max_log_file_action = IGNORE
space_left = 2
admin_space_left = 1
tcp_listen_port = $PORT
tcp_listen_queue = 5
tcp_max_per_addr = 1
use_libwrap = no
transport = TCP
distribute_network = no
plugin_dir = $C/plugins.d
EOF
chmod 0640 $C/auditd.conf
"$DEBIAN_AUDITD" -n -c $C >$C/out 2>&1 &
COLLECTOR=$!
on_exit "kill $COLLECTOR 2>/dev/null"
wait_until -t 10 file_has $C/audit.log 'type=DAEMON_START' ||
	{ cat $C/out; fail "the collector did not start"; }
wait_until -t 10 sh -c "ss -ltn 2>/dev/null | grep -q ':$PORT '" ||
	{ cat $C/out; fail "the collector does not listen on $PORT"; }

audisp_remote_to $PORT $D

# laurel writes its JSON to stdout ("-"): the guest's tmpfs has no ACLs,
# which laurel sets on a log file of its own.
cat >$D/laurel/config.toml <<EOF
directory = "$D/laurel"
user = "root"
[auditlog]
file = "-"
EOF
printf '#!/bin/sh\nexec %s --config %s >%s\n' "$LAUREL" $D/laurel/config.toml \
	$D/laurel/audit.json >$D/laurel/run
chmod 0755 $D/laurel/run
plugin_conf $P/syslog.conf /sbin/audisp-syslog LOG_INFO
plugin_conf $P/au-remote.conf /sbin/audisp-remote
plugin_conf $P/laurel.conf $D/laurel/run
ours_auditd_conf $D $D/audit.log "log_format = ENRICHED" "freq = 20" "max_log_file = 0" \
	"space_left = 1" "admin_space_left = 1" "name_format = user" "name = ourbox" \
	"plugin_dir = $P"
"$AUDITD" -f -c $D 2>$D/err &
OURS=$!
wait_until registered "$OURS" || { cat $D/err; fail "our auditd did not register"; }
wait_until -t 10 file_has $C/audit.log 'type=DAEMON_ACCEPT .*res=success' ||
	{ cat $D/err $C/out $D/syslog; tail $C/audit.log; fail "audisp-remote did not connect to the collector"; }
pass "our auditd started audisp-remote, which the collector accepted"
# Our collector (ours-collector) writes DAEMON_ACCEPT as Debian's does.
grep '^type=DAEMON_ACCEPT ' $C/audit.log | grep -Eq '^type=DAEMON_ACCEPT msg=audit\([0-9.]+:[0-9]+\): addr=::ffff:127\.0\.0\.1 port=[0-9]+ res=success$' ||
	fail "Debian's DAEMON_ACCEPT: $(grep DAEMON_ACCEPT $C/audit.log)"

"$AUDITCTL" -a always,exit -F arch=b64 -S getppid -k fleet >/dev/null
"$SYSC" 110 >/dev/null
for i in $(seq 1 200); do "$AUDITCTL" -m "fleet-$i" >/dev/null; done
wait_file $D/audit.log "fleet-200"

# The collector: each record once, in order, with our node name.
wait_until -t 20 file_has $C/audit.log "fleet-200" || { tail $C/audit.log; fail "the collector lacks the last record"; }
got=$(grep -o "^node=ourbox type=USER .*msg='fleet-[0-9]*" $C/audit.log | sed 's/.*fleet-//' | tr '\n' ' ')
expect_eq "the collector's fleet records" "$got" "$(seq 1 200 | tr '\n' ' ')"
grep -q '^node=ourbox type=SYSCALL .*syscall=110 .*key="fleet"' $C/audit.log ||
	fail "the collector lacks the getppid event"
pass "audisp-remote: every record at the collector once, in order, node=ourbox"

# syslog: audisp-syslog's lines.
wait_until has_lines $D/syslog "audisp-syslog.*node=ourbox type=USER .*fleet-" 200 ||
	{ tail -3 $D/syslog; fail "audisp-syslog: $(grep -c fleet- $D/syslog) of 200 records"; }
pass "audisp-syslog: every record in syslog"

# laurel: one JSON object per event.
J=$D/laurel/audit.json
wait_until -t 10 has_lines $J '"fleet-200' 1 || { cat $D/err; tail -2 $J; fail "laurel did not write the last record"; }
expect_eq "laurel's fleet events" "$(grep -o 'fleet-[0-9]*' $J | sort -u | wc -l)" 200
expect_eq "laurel's lines with a fleet record" "$(grep -c 'fleet-[0-9]' $J)" 200
jq -e . $J >/dev/null || fail "laurel's output is not JSON"
ev=$(jq -c 'select(.SYSCALL.key? == "fleet")' $J 2>&1)
expect_eq "laurel: the getppid event's syscall" "$(echo "$ev" | jq -r .SYSCALL.SYSCALL)" getppid
expect_eq "laurel: its PROCTITLE" "$(echo "$ev" | jq -c .PROCTITLE.ARGV)" "[\"$SYSC\",\"110\"]"
expect_eq "laurel: its node" "$(echo "$ev" | jq -r .NODE)" ourbox
pass "laurel: one JSON object per event, the syscall's records together"

# The end: audisp-remote hands over and closes; the collector logs it.
kill -TERM "$OURS"
wait "$OURS"
expect_eq "our auditd's exit status" $? 0
wait_until -t 10 file_has $C/audit.log 'type=DAEMON_CLOSE' ||
	{ tail $C/audit.log; fail "the collector did not log the closing"; }
grep '^type=DAEMON_CLOSE ' $C/audit.log | grep -Eq '^type=DAEMON_CLOSE msg=audit\([0-9.]+:[0-9]+\): addr=::ffff:127\.0\.0\.1 port=[0-9]+ res=success$' ||
	fail "Debian's DAEMON_CLOSE: $(grep DAEMON_CLOSE $C/audit.log)"
grep -q '^node=ourbox type=DAEMON_END ' $C/audit.log || fail "DAEMON_END did not reach the collector"
grep -q "fleet-" $D/err && fail "our auditd said: $(cat $D/err)"
pass "at the end DAEMON_END reaches the collector, which logs the close"
