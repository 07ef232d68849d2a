# Our auditd's disk actions, on a small tmpfs as the log's file system:
# space_left and admin_space_left (exec, each once, in order; suspend:
# nothing written, the daemon alive), SIGUSR2 resuming (and reopening a
# log an exec action closed), disk_full_action when the disk fills (the
# log never ends in half a record), and disk_error_action on a write
# error (EFBIG past a small RLIMIT_FSIZE): exec once, syslog at most 5
# in a row.  (SINGLE and HALT would take the guest down: unit-tested.)
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-auditd-space
SMALL=/tmp/ours-auditd-small
LOG=$SMALL/audit.log
MARK=$D/markers
ERR=$D/stderr
pid=

cleanup() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	umount "$SMALL" 2>/dev/null
}
on_exit cleanup

umount "$SMALL" 2>/dev/null
rm -rf $D $SMALL
mkdir -p $D $SMALL
mount -t tmpfs -o size=6m tmpfs $SMALL || fail "cannot mount a tmpfs on $SMALL"

# Action scripts: each appends its name to $MARK.  space.sh resumes
# logging, as auditd.conf(5) asks of an exec script; the others do not.
for a in space admin full error; do
	printf '#!/bin/sh\necho %s >>%s\n' $a $MARK >$D/$a.sh
	chmod 755 $D/$a.sh
done
echo 'kill -USR2 "$(cat /run/auditd.pid)"' >>$D/space.sh

write_conf() { # write_conf EXTRA-LINES
	ours_auditd_conf $D $LOG "log_format = RAW" "flush = INCREMENTAL_ASYNC" \
		"freq = 50" "max_log_file = 0" "max_log_file_action = IGNORE" \
		"name_format = NONE" "$1"
}

# start [ULIMIT-F]: our auditd in the foreground (messages in $ERR),
# on an empty log folder with a 2 MiB filler (4 MiB free).
start() {
	rm -f $SMALL/* $MARK
	dd if=/dev/zero of=$SMALL/filler bs=1M count=2 2>/dev/null
	: >$MARK
	if [ -n "${1:-}" ]; then
		(ulimit -f "$1"; exec "$AUDITD" -f -c $D 2>$ERR) &
	else
		"$AUDITD" -f -c $D 2>$ERR &
	fi
	pid=$!
	wait_until registered "$pid"
	expect_eq "our auditd registered" "$(status_field pid)" "$pid"
	wait_file $LOG "^type=DAEMON_START "
}

stop() {
	kill -TERM "$pid"
	wait "$pid"
	expect_eq "auditd exit status" $? 0
	pid=
}

MSG=$(printf 'x%.0s' $(seq 1 400))
# fill_until CMD: 100 messages at a time until CMD succeeds (at most
# about 10 MiB of records).
fill_until() {
	n=0
	while ! eval "$1"; do
		n=$((n + 1))
		[ $n -le 200 ] || { tail -5 $ERR; df $SMALL; fail "never: $1"; }
		"$HELPERS/audit-nl" user 100 "$MSG" >/dev/null
		sleep 0.05
	done
}
marks() { tr '\n' ' ' <$MARK; }
size() { stat -c %s $LOG; }
# still_not_writing: more records are acked but the log does not grow.
still_not_writing() {
	before=$(size)
	"$HELPERS/audit-nl" user 200 "while suspended" >/tmp/space.acked
	expect_eq "acked while suspended" "$(cat /tmp/space.acked)" 200
	sleep 1.2	# past the daemon's once-a-second check too
	expect_eq "log size while suspended" "$(size)" "$before"
	kill -0 "$pid" || fail "auditd died"
	expect_eq "still registered" "$(status_field pid)" "$pid"
}
# whole_lines: every line of the log is a whole record.
whole_lines() {
	[ "$(tail -c 1 $LOG | od -An -c | tr -d ' ')" = '\n' ] ||
		fail "the log ends in half a record: $(tail -c 80 $LOG)"
	bad=$(grep -cv '^type=[A-Z_]* msg=audit(' $LOG)
	expect_eq "lines not in the standard format" "$bad" 0
}

"$AUDITCTL" -b 8192 >/dev/null

# 1. space_left and admin_space_left, both exec: each once, in order.
# space.sh resumes (DAEMON_RESUME); admin.sh does not, so logging stays
# suspended with the log closed.
write_conf "space_left = 3
space_left_action = EXEC $D/space.sh
admin_space_left = 2
admin_space_left_action = EXEC $D/admin.sh
disk_full_action = SUSPEND"
start
fill_until "grep -q admin $MARK"
sleep 0.3
expect_eq "actions run" "$(marks)" "space admin "
grep -q "^type=DAEMON_RESUME .*op=resume-logging .*res=success" $LOG ||
	fail "space.sh's SIGUSR2 wrote no DAEMON_RESUME"
grep -q "below space_left" $ERR && grep -q "below admin_space_left" $ERR ||
	fail "messages: $(cat $ERR)"
still_not_writing
expect_eq "actions run, still" "$(marks)" "space admin "
pass "space_left then admin_space_left exec, once each; logging suspended"
# Space back, SIGUSR2: the closed log is reopened and written again.
rm $SMALL/filler
kill -USR2 "$pid"
wait_file $LOG "^type=DAEMON_RESUME .*uid=0 .*pid=$$ res=success"
"$AUDITCTL" -m "after resume" || fail "-m"
wait_file $LOG "after resume"
pass "SIGUSR2 reopens the log and resumes"
stop

# 2. admin_space_left suspend: the log stops, the daemon lives on; then
# SIGUSR2 with the disk still low: writing goes on until the disk is
# full, disk_full_action exec runs once and the log ends in whole lines.
write_conf "space_left = 3
space_left_action = SYSLOG
admin_space_left = 2
admin_space_left_action = SUSPEND
disk_full_action = EXEC $D/full.sh"
start
fill_until "grep -q 'logging suspended' $ERR"
still_not_writing
expect_eq "space_left syslog messages" "$(grep -c 'below space_left' $ERR)" 1
expect_eq "suspend messages" "$(grep -c 'logging suspended' $ERR)" 1
pass "admin_space_left suspend: nothing written, daemon alive"
kill -USR2 "$pid"
wait_file $LOG "^type=DAEMON_RESUME .*pid=$$ res=success"
"$AUDITCTL" -m "resumed on a low disk" || fail "-m"
wait_file $LOG "resumed on a low disk"
pass "SIGUSR2 resumes after suspend"
fill_until "grep -q full $MARK"
sleep 0.3
expect_eq "avail on the full disk" "$(df --output=avail $SMALL | tail -1 | tr -d ' ')" 0
grep -q "No space left on device" $ERR || fail "messages: $(cat $ERR)"
whole_lines
still_not_writing
expect_eq "disk full action run" "$(marks)" "full "
pass "disk_full_action exec once; whole records only"
# As auditd(8) means it: the script moved the log away, space is back.
mv $LOG $SMALL/audit.log.full
rm $SMALL/filler
kill -USR2 "$pid"
wait_file $LOG "^type=DAEMON_RESUME "
head -n 1 $LOG | grep -q "^type=DAEMON_RESUME " || fail "new log starts with $(head -n 1 $LOG)"
"$AUDITCTL" -m "after full" || fail "-m"
wait_file $LOG "after full"
pass "SIGUSR2 after disk full: a new log"
stop

# 3. disk_error_action: writes past "ulimit -f 64" (32 or 64 KiB, as the
# shell counts) fail with EFBIG.
write_conf "space_left = 0
admin_space_left = 0
disk_error_action = EXEC $D/error.sh"
start 64
fill_until "grep -q error $MARK"
sleep 0.3
grep -q "File too large" $ERR || fail "messages: $(cat $ERR)"
[ "$(size)" -le 65536 ] || fail "log is $(size) bytes"
whole_lines
still_not_writing
expect_eq "disk error action run" "$(marks)" "error "
pass "disk_error_action exec once, auditd survives EFBIG"
stop
# syslog: at most 5 messages in a row (one batch, one failed write each).
# The records are all as long as the one that failed (pids and serials
# only grow), so none fits in what the cut left: no write succeeds.
write_conf "space_left = 0
admin_space_left = 0
disk_error_action = SYSLOG"
start 64
fill_until "grep -q 'File too large' $ERR"
for i in $(seq 1 20); do
	"$HELPERS/audit-nl" user 1 "$MSG" >/dev/null
	sleep 0.02
done
sleep 0.3
expect_eq "disk error messages" "$(grep -c 'File too large' $ERR)" 5
kill -0 "$pid" || fail "auditd died"
pass "disk_error_action syslog: 5 messages in a row"
stop

cleanup
rm -rf $D $SMALL
