# debug: also
# vm: also
# SECCOMP: a seccomp action that is logged (RET_LOG, RET_KILL_*, or any
# action of a filter installed with SECCOMP_FILTER_FLAG_LOG) makes a
# record in the event of the syscall it acted on, with no audit rule at
# all, as in the stock kernel; CONFIG_CHANGE op=seccomp-logging when the
# actions_logged sysctl changes.  ausearch -i interprets them.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
RET_LOG=0x7ffc0000
RET_EPERM=0x50001	# SECCOMP_RET_ERRNO | EPERM
FLAG_LOG=2		# SECCOMP_FILTER_FLAG_LOG

# seccomp_serial NR: the serial of the SECCOMP record of syscall NR by auxop.
seccomp_serial() {
	log_serial "^type=SECCOMP .* comm=\"auxop\" .* syscall=$1 "
}

# ---- RET_LOG: logged, the syscall runs ----
[ -z "$("$AUDITCTL" -l | grep -v '^No rules')" ] || fail "rules are loaded"
out=$("$AUXOP" seccomp 39 $RET_LOG 0) || fail "auxop seccomp"
case "$out" in "ret=-"*) fail "getpid under RET_LOG: $out" ;; esac
log_barrier
s=$(seccomp_serial 39)
[ -n "$s" ] || fail "no SECCOMP record for RET_LOG"
log_record "$s" SECCOMP | grep -Eq "^auid=4294967295 uid=0 gid=0 ses=4294967295( subj=[^ ]+)? pid=[0-9]+ comm=\"auxop\" exe=\"$AUXOP\" sig=0 arch=c000003e syscall=39 compat=0 ip=0x[0-9a-f]+ code=0x7ffc0000\$" ||
	{ grep ":$s)" $AUDIT_LOG; fail "SECCOMP record of RET_LOG"; }
pass "SECCOMP record of RET_LOG, with no audit rule"
expect_eq "the event of the logged getpid" "$(log_event "$s")" "SECCOMP SYSCALL PROCTITLE "
log_record "$s" SYSCALL | grep -q "^arch=c000003e syscall=39 success=yes " ||
	fail "the SYSCALL record of the getpid"
ausearch -m SECCOMP -i 2>/dev/null | grep -Eq "^type=SECCOMP .* comm=auxop .*syscall=getpid compat=0 ip=0x[0-9a-f]+ code=log" ||
	{ ausearch -m SECCOMP -i; fail "ausearch -i: SECCOMP interpreted"; }
pass "ausearch -i interprets SECCOMP"

# ---- RET_ERRNO: logged only when the filter asks for it (the code is
# the action, without its data) ----
out=$("$AUXOP" seccomp 110 $RET_EPERM $FLAG_LOG) || fail "auxop seccomp"
expect_eq "getppid under RET_ERRNO" "$out" "ret=-1 errno=1"
log_barrier
s=$(seccomp_serial 110)
[ -n "$s" ] || fail "no SECCOMP record for RET_ERRNO with SECCOMP_FILTER_FLAG_LOG"
log_record "$s" SECCOMP | grep -q " sig=0 arch=c000003e syscall=110 compat=0 ip=0x[0-9a-f]* code=0x50000$" ||
	{ grep ":$s)" $AUDIT_LOG; fail "SECCOMP record of RET_ERRNO"; }
ausearch -m SECCOMP -i 2>/dev/null | grep -q "^type=SECCOMP .*syscall=getppid .* code=errno" ||
	fail "ausearch -i: code=errno"
pass "SECCOMP record of RET_ERRNO with SECCOMP_FILTER_FLAG_LOG"
n=$(grep -c '^type=SECCOMP ' $AUDIT_LOG)
"$AUXOP" seccomp 110 $RET_EPERM 0 >/dev/null || fail "auxop seccomp"
log_barrier
expect_eq "SECCOMP records after an unlogged RET_ERRNO" "$(grep -c '^type=SECCOMP ' $AUDIT_LOG)" "$n"

# ---- the actions_logged sysctl ----
f=/proc/sys/kernel/seccomp/actions_logged
old=$(cat $f)
echo "kill_process kill_thread" > $f || fail "write $f"
echo "$old" > $f || fail "restore $f"
olds=$(echo "$old" | tr ' ' ,)
wait_log "^type=CONFIG_CHANGE .*: op=seccomp-logging actions=kill_process,kill_thread old-actions=$olds res=1"
wait_log "^type=CONFIG_CHANGE .*: op=seccomp-logging actions=$olds old-actions=kill_process,kill_thread res=1"
pass "CONFIG_CHANGE op=seccomp-logging, both ways"
ausearch -m CONFIG_CHANGE -i 2>/dev/null | grep -q "^type=CONFIG_CHANGE .*op=seccomp-logging actions=kill_process,kill_thread .*res=yes" ||
	fail "ausearch -i: op=seccomp-logging"
pass "ausearch -i interprets op=seccomp-logging"
