# Our collector tells its senders how its disk is: its log on a tmpfs of
# 4 MiB, filled from outside.  Below space_left, records are answered
# DISKLOW ("disk space low"); when a write fails for want of space,
# disk_full_action = suspend and the answer is DISKFULL; after SIGUSR2
# with space again, ACK; when the log cannot be reopened (its directory
# gone, at a rotation), DISKERROR.  Debian's audisp-remote, a plugin of
# our sending auditd, understands each answer: it logs the standard
# warnings ("remote server is low on disk space", "remote server's disk
# is full", "remote server has a disk error").  (It also stops sending
# after DISKFULL and DISKERROR, as it does with Debian's collector.)
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-cdisk
C=$D/collector
M=$D/fs
PORT=6062
RMW=$AUDIT_TOP/tests/helpers/rmw-client
[ -x /sbin/audisp-remote ] || fail "no /sbin/audisp-remote (Debian's audispd-plugins)"
rm -rf $D
mkdir -p $D/plugins.d $C/plugins.d $M
mount -t tmpfs -o size=4m disk $M || fail "mount the collector's tmpfs"
on_exit "umount $M"
mkdir $M/log
ip link set lo up || fail "loopback up"

# syslog: a reader on /dev/log.
start_syslog $D/syslog

ours_auditd_conf $C $M/log/audit.log "local_events = no" "log_format = RAW" \
	"freq = 1" "max_log_file = 0" "num_logs = 2" \
	"space_left = 2" "space_left_action = syslog" \
	"admin_space_left = 1" "admin_space_left_action = syslog" \
	"disk_full_action = suspend" "disk_error_action = suspend" \
	"tcp_listen_port = $PORT" "tcp_max_per_addr = 2" "plugin_dir = $C/plugins.d"
"$AUDITD" -f -c $C 2>$C/err &
COLL=$!
on_exit "kill $COLL 2>/dev/null"
wait_until -t 10 sh -c "ss -ltn 2>/dev/null | grep -q ':$PORT '" ||
	{ cat $C/err; fail "the collector does not listen on $PORT"; }

# The sender: audisp-remote told to log each kind of answer.
audisp_remote_to $PORT $D
sed -e 's/^disk_low_action =.*/disk_low_action = syslog/' \
	-e 's/^disk_full_action =.*/disk_full_action = syslog/' \
	-e 's/^disk_error_action =.*/disk_error_action = syslog/' \
	$D/audisp-remote.conf >$D/remote.tmp
cat $D/remote.tmp >$D/audisp-remote.conf
plugin_conf $D/plugins.d/au-remote.conf /sbin/audisp-remote
ours_auditd_conf $D $D/audit.log "log_format = RAW" "freq = 20" "max_log_file = 0" \
	"space_left = 1" "admin_space_left = 1" "name_format = user" "name = sender" \
	"plugin_dir = $D/plugins.d"
# start_sender: our auditd and its audisp-remote, connected.
start_sender() {
	local n
	n=$(grep -c '^type=DAEMON_ACCEPT .*res=success$' $M/log/audit.log 2>/dev/null)
	"$AUDITD" -f -c $D 2>>$D/err &
	OURS=$!
	wait_until registered "$OURS" || { cat $D/err; fail "our auditd did not register"; }
	wait_until -t 10 has_lines $M/log/audit.log '^type=DAEMON_ACCEPT .*res=success$' $((n + 1)) ||
		{ cat $C/err $D/err; fail "no DAEMON_ACCEPT of audisp-remote"; }
}
stop_sender() {
	kill -TERM $OURS
	wait $OURS
	expect_eq "the sender's exit status" $? 0
}
start_sender

seq=0
# answer TEXT: what the collector answers one record (a fresh connection).
answer() {
	seq=$((seq + 1))
	"$RMW" 127.0.0.1 $PORT msg $seq "node=rmw type=USER msg=audit(1.000:$seq): pid=1 msg='$1'"
}
answer_is() { # answer_is TYPE TEXT: the collector answers TYPE now
	[ "$(answer "$2" | sed -E 's/^answer type=(0x[0-9a-f]+) .*/\1/')" = "$1" ]
}
ACK=0x40000000 LOW=0x50000001 FULL=0x60000001 ERROR=0x60000002
expect_eq "with room" "$(answer room)" "answer type=$ACK seq=1 text="
"$AUDITCTL" -m "disk-room" >/dev/null
wait_file $M/log/audit.log "^node=sender type=USER .*disk-room"

# Below space_left (2 MiB): DISKLOW, the record logged.
dd if=/dev/zero of=$M/fill1 bs=64k count=36 2>/dev/null
wait_until -t 10 answer_is $LOW low || fail "no DISKLOW: $(answer low)"
expect_eq "below space_left" "$(answer low | sed 's/ seq=[0-9]*//')" \
	"answer type=$LOW text=disk space low"
grep -q "msg='low'" $M/log/audit.log || fail "the record answered DISKLOW is not in the log"
"$AUDITCTL" -m "disk-low" >/dev/null
wait_until -t 10 file_has $D/syslog "audisp-remote.*remote server is low on disk space" ||
	{ tail $D/syslog; fail "audisp-remote did not log the DISKLOW"; }
pass "below space_left: DISKLOW; audisp-remote logged 'remote server is low on disk space'"

# Full: the next write fails; suspended, DISKFULL.
dd if=/dev/zero of=$M/fill2 bs=64k 2>/dev/null
big=$(printf '%03000d' 0)
wait_until -t 10 answer_is $FULL "$big" || fail "no DISKFULL: $(answer full)"
expect_eq "the disk full" "$(answer full | sed 's/ seq=[0-9]*//')" \
	"answer type=$FULL text=disk full: logging suspended"
"$AUDITCTL" -m "disk-full" >/dev/null
wait_until -t 10 file_has $D/syslog "audisp-remote.*remote server's disk is full" ||
	{ tail $D/syslog; fail "audisp-remote did not log the DISKFULL"; }
grep -q "auditd.*logging suspended" $D/syslog $C/err || fail "the collector did not say it suspended"
pass "disk full: DISKFULL, logging suspended; audisp-remote logged 'remote server's disk is full'"
# audisp-remote 3.0.9 closes its connection at DISKFULL and DISKERROR and
# does not open another: the sender starts afresh below.
stop_sender

# Room again and SIGUSR2: ACK.
rm -f $M/fill1 $M/fill2
kill -USR2 $COLL
wait_until -t 10 answer_is $ACK resumed || fail "no ACK after SIGUSR2: $(answer resumed)"
wait_file $M/log/audit.log "msg='resumed'"
pass "space back and SIGUSR2: ACK, records logged again"
start_sender

# The log's directory gone: the rotation cannot reopen it; DISKERROR.
rm -rf $M/log
kill -USR1 $COLL
wait_until -t 10 answer_is $ERROR error || fail "no DISKERROR: $(answer error)"
expect_eq "the log gone" "$(answer error | sed 's/ seq=[0-9]*//')" \
	"answer type=$ERROR text=disk error: logging suspended"
"$AUDITCTL" -m "disk-error" >/dev/null
wait_until -t 10 file_has $D/syslog "audisp-remote.*remote server has a disk error" ||
	{ tail $D/syslog; fail "audisp-remote did not log the DISKERROR"; }
pass "no log to write: DISKERROR; audisp-remote logged 'remote server has a disk error'"

mkdir $M/log
kill -USR2 $COLL
wait_until -t 10 answer_is $ACK back || fail "no ACK with the log back: $(answer back)"
stop_sender
kill -TERM $COLL
wait $COLL
expect_eq "the collector's exit status" $? 0
