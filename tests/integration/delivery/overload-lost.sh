# Overload with backlog_wait_time 0 and a small backlog: 4 workers make
# events as fast as they can for 10 s (user messages, then syscalls, then
# both), our auditd logging them; every event the generator counted is
# in the log or in lost, exactly: generated = logged + lost delta.
# boot: own
. "$AUDIT_TOP/tests/lib/harness.sh"
. "$AUDIT_TOP/tests/lib/overload.sh"
SECONDS_EACH=${OVL_SECONDS:-10}
LOG=$OVL_D/audit.log
ovl_begin -b 16 --backlog_wait_time 0
ovl_start_auditd $LOG
expect_eq backlog_limit "$(status_field backlog_limit)" 16
expect_eq backlog_wait_time "$(status_field backlog_wait_time)" 0

run() { # NAME GEN-ARGS...
	name=$1
	shift
	ovl_run "$name" $LOG "$@" --seconds $SECONDS_EACH
	[ "$LOST" -gt 0 ] || fail "$name: the backlog never overflowed (lost=$LOST)"
	pass "$name: the backlog overflowed ($LOST lost)"
	expect_eq "$name: logged + lost" "$((LOGGED + LOST))" "$GEN"
}

ovl_loads run ovlA
ovl_stop_auditd
