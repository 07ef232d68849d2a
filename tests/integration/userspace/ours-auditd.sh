# debug: also
# vm: also
# Our auditd against our kernel: registration, the log and its format,
# rules loaded with our auditctl at start, DAEMON_START/ROTATE/CONFIG/END,
# SIGUSR1 rotation, SIGHUP reload, size rotation with num_logs, nothing
# lost under a burst, SIGTERM, and Debian's ausearch/aureport on the log.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-auditd
LOG=$D/audit.log
rm -rf $D
mkdir -p $D

write_conf() { # write_conf EXTRA-LINES
	ours_auditd_conf $D $LOG "log_format = ENRICHED" "flush = INCREMENTAL_ASYNC" \
		"freq = 20" "max_log_file = 8" "num_logs = 3" "max_log_file_action = ROTATE" \
		"space_left = 1" "admin_space_left = 1" "name_format = NONE" "$1"
}
ours_pid() { cat /run/auditd.pid 2>/dev/null; }
wait_gone() {
	wait_until gone "$1" || fail "auditd $1 did not exit"
}

# -t: a good file, Debian's own file, and a bad one named by line.
write_conf ""
"$AUDITD" -t -c $D >/dev/null || fail "-t on a good config"
"$AUDITD" -t -c /etc/audit >/dev/null || fail "-t on Debian's /etc/audit/auditd.conf"
printf 'log_file = /tmp/x\nflush = sometimes\n' >/tmp/bad-auditd.conf
mkdir -p /tmp/badconf && mv /tmp/bad-auditd.conf /tmp/badconf/auditd.conf
"$AUDITD" -t -c /tmp/badconf 2>/tmp/auditd.err
expect_eq "exit code on a bad config" $? 6
grep -q "auditd.conf:2: flush: unknown mode 'sometimes'" /tmp/auditd.err ||
	fail "bad config message: $(cat /tmp/auditd.err)"
pass "config errors name file and line"
"$AUDITD" -s sometimes -c $D 2>/dev/null
expect_eq "exit code on a bad option" $? 2

# Start: the rules file is loaded with our auditctl.  Until it is, the
# backlog is a deployment's (reset_audit leaves 64, with no wait: in the
# Debian guest the AVCs of auditd's start can fill that before it reads).
printf -- '-b 333\n' >$D/audit.rules
chmod 600 $D/audit.rules
"$AUDITCTL" -b 8192 >/dev/null
"$AUDITD" -c $D || fail "auditd did not start"
pid=$(ours_pid)
[ -n "$pid" ] || fail "no pid file"
expect_eq "registered pid" "$(status_field pid)" "$pid"
expect_eq "enabled by auditd" "$(status_field enabled)" 1
wait_file $LOG "type=CONFIG_CHANGE .*audit_backlog_limit=333"
expect_eq "backlog_limit from audit.rules" "$(status_field backlog_limit)" 333
head -n 1 $LOG | grep -Eq "^type=DAEMON_START msg=audit\([0-9]+\.[0-9]{3}:[0-9]+\): op=start ver=[0-9.]+ format=enriched kernel=[^ ]+ auid=[0-9]+ pid=$pid uid=0 ses=[0-9]+ res=success" ||
	fail "first line is not DAEMON_START: $(head -n 1 $LOG)"
pass "DAEMON_START first"

# A user message, ENRICHED: the ids named after a 0x1d separator.
"$AUDITCTL" -m "ours auditd hello" || fail "-m"
wait_file $LOG "^type=USER msg=audit\([0-9.]+:[0-9]+\): pid=[0-9]+ uid=0 auid=[0-9]+ ses=[0-9]+ (subj=[^ ]+ )?msg='ours auditd hello"
grep "ours auditd hello" $LOG | grep -q "$(printf '\035')UID=\"root\" AUID=" ||
	fail "no enrichment: $(grep 'ours auditd hello' $LOG | cat -v)"
pass "ENRICHED names the ids"
[ "$(stat -c %a $LOG)" = 600 ] || fail "log mode $(stat -c %a $LOG)"
pass "log mode 600"

# A burst: every message arrives, each record on one line.  The backlog
# is sized as a deployment would size it (reset_audit leaves 64).
"$AUDITCTL" -b 8192 >/dev/null
"$HELPERS/audit-nl" user 2000 "burst message" >/tmp/burst.out
expect_eq "acked" "$(cat /tmp/burst.out)" 2000
wait_until has_lines $LOG 'burst message' 2000
expect_eq "burst in the log" "$(grep -c 'burst message' $LOG)" 2000
lost=$(status_field lost)
# What the kernel said of it (audit: REASON: lost=N ...), for the report.
[ "$lost" = 0 ] || dmesg | grep -a "audit: .*lost=" | tail -n 5
expect_eq "lost" "$lost" 0
bad=$(grep -cv '^type=[A-Z_]* msg=audit(' $LOG)
expect_eq "lines not in the standard format" "$bad" 0

# SIGUSR1: rotate; the old log ends with DAEMON_ROTATE.
kill -USR1 "$pid"
wait_file $LOG.1 "type=DAEMON_ROTATE .*op=rotate-logs"
tail -n 1 $LOG.1 | grep -q "^type=DAEMON_ROTATE" || fail "DAEMON_ROTATE is not last in $LOG.1"
"$AUDITCTL" -m "after rotation" || fail "-m"
wait_file $LOG "after rotation"
grep -q "after rotation" $LOG.1 && fail "record went to the old log"
pass "SIGUSR1 rotates"

# SIGHUP: reload; name_format = user takes effect.
write_conf "name_format = user
name = ourbox"
kill -HUP "$pid"
wait_file $LOG "^type=DAEMON_CONFIG .*op=reconfigure state=changed .*res=success"
"$AUDITCTL" -m "after reload" || fail "-m"
wait_file $LOG "^node=ourbox type=USER .*after reload"
pass "SIGHUP reloads"
# A broken file on SIGHUP keeps the old configuration.
echo "flush = sometimes" >>$D/auditd.conf
kill -HUP "$pid"
wait_file $LOG "op=reconfigure state=no-change .*res=failed"
kill -0 "$pid" || fail "auditd died on a bad reload"
pass "bad reload kept the old configuration"

# Size limit: 1 MiB, num_logs 3, so at most .1 and .2 exist.
write_conf "max_log_file = 1"
kill -HUP "$pid"
wait_file $LOG "op=reconfigure state=changed"
"$HELPERS/audit-nl" user 3000 "$(printf 'x%.0s' $(seq 1 400))" >/dev/null
wait_until test -f $LOG.2
[ -f $LOG.2 ] || fail "no rotation by size: $(ls -l $D)"
[ -f $LOG.3 ] && fail "num_logs = 3 left $LOG.3"
[ "$(stat -c %s $LOG.1)" -lt 1200000 ] || fail "$LOG.1 is $(stat -c %s $LOG.1) bytes"
# Rotated between records: none is split across two logs, none garbled.
for f in $LOG $LOG.1 $LOG.2; do
	bad=$(LC_ALL=C grep -acv '^\(node=[^ ]* \)\{0,1\}type=[A-Z_]* msg=audit(' $f)
	expect_eq "lines of $f not in the standard format" "$bad" 0
	[ "$(tr -d '\000' <$f | wc -c)" = "$(stat -c %s $f)" ] || fail "NUL bytes in $f"
done
pass "rotation by size keeps num_logs"

# Debian's tools read our log.
"$AUDITCTL" -m "for ausearch" >/dev/null
wait_file $LOG "for ausearch"
ausearch -if $LOG -m USER -i 2>/dev/null | grep -q "for ausearch" || fail "ausearch -i -m USER"
aureport -if $LOG --summary 2>/dev/null | grep -q "Number of events" || fail "aureport"
pass "ausearch and aureport read our log"

# SIGTERM: DAEMON_END last, registration dropped, pid file gone.
kill -TERM "$pid"
wait_gone "$pid"
tail -n 1 $LOG | grep -Eq "^type=DAEMON_END msg=audit\([0-9.]+:[0-9]+\): op=terminate auid=[0-9]+ uid=0 ses=[0-9]+ pid=[0-9]+ res=success" ||
	fail "last line is not DAEMON_END: $(tail -n 1 $LOG)"
expect_eq "pid after SIGTERM" "$(status_field pid)" 0
[ -f /run/auditd.pid ] && fail "pid file left behind"
pass "SIGTERM: clean exit"
ausearch -if $LOG -m DAEMON_END -i 2>/dev/null | grep -q "op=terminate" || fail "ausearch DAEMON_END"

# -f: foreground, messages on stderr; RAW format; -s nochange.
write_conf "log_format = RAW"
"$AUDITCTL" -e 0 >/dev/null
"$AUDITD" -f -s nochange -c $D 2>/tmp/fg.err &
fg=$!
wait_until registered "$fg"
expect_eq "foreground registered" "$(status_field pid)" "$fg"
expect_eq "-s nochange left enabled" "$(status_field enabled)" 0
grep "op=start" $LOG | tail -n 1 | grep -q "format=raw" || fail "format=raw"
grep "op=start" $LOG | tail -n 1 | grep -q "$(printf '\035')" && fail "RAW has enrichment"
pass "RAW format"
kill -TERM $fg
wait $fg
expect_eq "foreground exit status" $? 0
# A second instance cannot take over a live daemon.
"$AUDITD" -c $D || fail "restart"
pid=$(ours_pid)
"$AUDITD" -f -c $D 2>/tmp/second.err
[ $? -ne 0 ] || fail "a second auditd started"
grep -q "cannot register" /tmp/second.err || fail "second: $(cat /tmp/second.err)"
pass "a second auditd is refused, with a message on stderr"
expect_eq "first still registered" "$(status_field pid)" "$pid"
kill -TERM "$pid"
wait_gone "$pid"

