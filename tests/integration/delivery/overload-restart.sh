# The daemon killed with SIGKILL every 3 s for 60 s under load (every
# other time after 0.3 s stopped, not reading, so that its socket's queue
# is full), a new one started each time, with backlog_wait_time 0 and a
# backlog (and so a hold queue) of 64: what the dead daemons left goes to
# the next one, and what found no room is counted.  Every event generated
# is in the log or in lost, exactly (generated - logged = lost delta), and
# every serial missing from the log is a lost record.  2 workers send user
# messages, 2 make syscall events, as fast as they can.
# The daemon is the kill-safe reader of tests/helpers/overload.c: it takes
# a record off its socket only once it is written, so that a record the
# log lacks is one the kernel did not deliver.
# boot: own
# cmdline: AUDIT_TEST_TIMEOUT=200
. "$AUDIT_TOP/tests/lib/harness.sh"
. "$AUDIT_TOP/tests/lib/overload.sh"
LOG=$OVL_D/reader.log
ovl_begin -b 64 --backlog_wait_time 0
name=ovlC-restart
ovl_restart_run $name $LOG ${OVL_SECONDS:-60} ${OVL_EVERY:-3} --user 2 --sysc 2
missing=$((GEN - LOGGED))
gaps=$(kv gaps "$TALLY")
echo "$name: generated=$GEN logged=$LOGGED missing=$missing lost=$LOST" \
	"serial gaps=$gaps kills=$KILLS"
[ "$LOST" -gt 0 ] || fail "$name: nothing was lost: the test did not overload"
pass "$name: the backlog and hold queue overflowed ($LOST lost)"
[ "$gaps" -le "$LOST" ] || fail "$name: $gaps serials missing, only $LOST lost"
pass "$name: the $gaps missing serials are within lost ($LOST)"
expect_eq "$name: missing from the log (generated - logged) = lost" "$missing" "$LOST"
ovl_kill_reader
