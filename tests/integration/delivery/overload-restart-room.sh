# The daemon killed with SIGKILL every 3 s for 60 s under load (every
# other time after 0.3 s stopped, not reading, so that its socket's queue
# is full), a new one started each time, with a hold queue that has room:
# a backlog (and hold queue) of 8192, the default backlog_wait_time, and
# 4 workers (2 user messages, 2 syscalls) making 100 events a second each,
# far less than the reader takes, so that the queues are near empty when a
# daemon dies.  Nothing is missing from the log and nothing is lost.
# The daemon is the kill-safe reader of tests/helpers/overload.c (see
# overload-restart.sh).
# boot: own
# cmdline: AUDIT_TEST_TIMEOUT=200
. "$AUDIT_TOP/tests/lib/harness.sh"
. "$AUDIT_TOP/tests/lib/overload.sh"
wait_default=$(status_field backlog_wait_time)
LOG=$OVL_D/reader.log
ovl_begin -b 8192 --backlog_wait_time "$wait_default"
name=ovlC-room
ovl_restart_run $name $LOG ${OVL_SECONDS:-60} ${OVL_EVERY:-3} --user 2 --sysc 2 --rate ${OVL_RATE:-100}
missing=$((GEN - LOGGED))
gaps=$(kv gaps "$TALLY")
echo "$name: generated=$GEN logged=$LOGGED missing=$missing lost=$LOST" \
	"serial gaps=$gaps kills=$KILLS"
expect_eq "$name: lost (if not 0, the reader fell behind: no room)" "$LOST" 0
expect_eq "$name: serials missing from the log" "$gaps" 0
expect_eq "$name: events missing from the log (generated - logged)" "$missing" 0
ovl_kill_reader
