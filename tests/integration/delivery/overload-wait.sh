# Overload with the default backlog_wait_time (60 s, in jiffies: 60 * HZ)
# and a backlog of 64: 4 workers make events as fast as they can for 10 s
# (user messages, then syscalls, then both), our auditd logging them.
# The workers wait for backlog room instead of losing records: nothing is
# lost and generated = logged, exactly.
# boot: own
. "$AUDIT_TOP/tests/lib/harness.sh"
. "$AUDIT_TOP/tests/lib/overload.sh"
SECONDS_EACH=${OVL_SECONDS:-10}
# The kernel's default, before anything changed it (a boot of our own).
wait_default=$(status_field backlog_wait_time)
echo "default backlog_wait_time: $wait_default jiffies"
[ "$wait_default" -gt 0 ] || fail "no default wait time ($wait_default)"
LOG=$OVL_D/audit.log
ovl_begin -b 64 --backlog_wait_time "$wait_default"
ovl_start_auditd $LOG
expect_eq backlog_limit "$(status_field backlog_limit)" 64
expect_eq backlog_wait_time "$(status_field backlog_wait_time)" "$wait_default"

run() { # NAME GEN-ARGS...
	name=$1
	shift
	"$AUDITCTL" --reset_backlog_wait_time_actual >/dev/null ||
		fail "--reset_backlog_wait_time_actual"
	ovl_run "$name" $LOG "$@" --seconds $SECONDS_EACH
	actual=$(status_field backlog_wait_time_actual)
	echo "$name: backlog_wait_time_actual=$actual"
	[ "$actual" -gt 0 ] || fail "$name: the backlog never filled (no task waited)"
	pass "$name: the backlog filled and tasks waited"
	expect_eq "$name: lost" "$LOST" 0
	expect_eq "$name: logged" "$LOGGED" "$GEN"
}

ovl_loads run ovlB
ovl_stop_auditd
