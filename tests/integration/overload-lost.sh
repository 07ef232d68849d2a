# Overload with backlog_wait_time 0 and a small backlog: 4 workers make
# events as fast as they can for 10 s (user messages, then syscalls, then
# both), our auditd logging them; every event the generator counted is
# in the log or in lost, exactly: generated = logged + lost delta.
# boot: own
AUDITCTL=$AUDIT_TOP/build/bin/auditctl
. "$AUDIT_TOP/tests/lib/common.sh"
. "$AUDIT_TOP/tests/lib/overload.sh"
SECONDS_EACH=${OVL_SECONDS:-10}
reset_audit
rm -rf $OVL_D
mkdir -p $OVL_D
LOG=$OVL_D/audit.log
"$AUDITCTL" -e 1 -b 16 --backlog_wait_time 0 >/dev/null || fail "auditctl -b 16 --backlog_wait_time 0"
ovl_rules
ovl_start_auditd $LOG
expect_eq backlog_limit "$(status_field backlog_limit)" 16
expect_eq backlog_wait_time "$(status_field backlog_wait_time)" 0

run() { # NAME GEN-ARGS...
	name=$1
	shift
	ovl_key_rule -a "$name"
	lost0=$(status_field lost)
	start=$(date +%s)
	ovl_gen $OVL_D/$name.gen "$@" --seconds $SECONDS_EACH --tag "$name" >/dev/null
	ovl_drain
	ovl_barrier $LOG "barrier after $name"
	ovl_key_rule -d "$name"
	ovl_account "$name" $OVL_D/$name.gen $LOG "$name" "$lost0"
	expect_eq "$name: records logged twice" "$(kv dups "$TALLY")" 0
	[ "$LOST" -gt 0 ] || fail "$name: the backlog never overflowed (lost=$LOST)"
	pass "$name: the backlog overflowed ($LOST lost)"
	expect_eq "$name: logged + lost" "$((LOGGED + LOST))" "$GEN"
	echo "$name: took $(( $(date +%s) - start )) s"
}

run ovlA-user --user 4
run ovlA-sysc --sysc 4
run ovlA-mixed --user 2 --sysc 2
ovl_stop_auditd
reset_audit
