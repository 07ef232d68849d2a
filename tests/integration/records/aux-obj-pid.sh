# debug: also
# OBJ_PID: the tasks an audited syscall signals (kill, tgkill, one
# record per target of a process-group kill) or attaches to (ptrace):
# pid, auid, uid, session, LSM context and comm, as they were when the
# syscall ran; in the syscall's event, interpreted by ausearch -i.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

# wait_comm PID COMM: until PID has exec'd COMM.
is_comm() {
	[ "$(cat /proc/$1/comm 2>/dev/null)" = "$2" ]
}
wait_comm() {
	wait_until -t 5 -i 0.05 is_comm "$1" "$2" || fail "process $1 is not $2"
}

setpriv --reuid 1003 --regid 1003 --clear-groups sleep 60 &
P=$!
wait_comm $P sleep

# objpid_event NAME NR KEY CMD...: runs CMD under a rule on syscall NR
# with key KEY and checks that its event names $P in an OBJ_PID record.
objpid_event() {
	what=$1 nr=$2 key=$3
	shift 3
	rule -a always,exit -F arch=b64 -S "$nr" -k "$key"
	"$@" >/dev/null || fail "$what"
	log_barrier
	s=$(log_serial "^type=SYSCALL .*syscall=$nr .*key=\"$key\"")
	[ -n "$s" ] || fail "no $what record"
	# The stock record: signed ids (-1 unset), obj= when an LSM labels
	# tasks (as it labels ours: subj= in the SYSCALL record).
	obj=
	log_record "$s" SYSCALL | grep -q ' subj=' && obj=' obj=[^ ]+'
	log_records "$s" OBJ_PID |
		grep -Eq "^opid=$P oauid=-1 ouid=1003 oses=-1$obj ocomm=\"sleep\"\$" ||
		{ grep ":$s)" $AUDIT_LOG; fail "OBJ_PID of $what"; }
	pass "OBJ_PID of $what: the target's pid, ids${obj:+, label} and comm"
	"$AUDITCTL" -D >/dev/null
}

objpid_event kill 62 rkill kill -0 $P
ausearch -k rkill -m OBJ_PID -i 2>/dev/null |
	grep -Eq "^type=OBJ_PID .* opid=$P oauid=unset ouid=unknown\(1003\) oses=-1 .*ocomm=sleep" ||
	{ ausearch -k rkill -i; fail "ausearch -i: OBJ_PID interpreted"; }
pass "ausearch -i interprets OBJ_PID"
objpid_event tgkill 234 rtgkill "$SYSC" 234 $P $P 0
objpid_event PTRACE_ATTACH 101 rptrace "$AUXOP" ptrace $P

# ---- not audited: no record ----
rule -a always,exit -F arch=b64 -S getpid -k runrelated
n=$(grep -c '^type=OBJ_PID ' $AUDIT_LOG)
kill -0 $P || fail "kill -0"
log_barrier
expect_eq "OBJ_PID records after an unaudited kill" "$(grep -c '^type=OBJ_PID ' $AUDIT_LOG)" "$n"
"$AUDITCTL" -D >/dev/null
kill $P
wait $P 2>/dev/null

# ---- a process group: one record per target, all in one event ----
rm -f /tmp/pg
setsid sh -c 'echo $$ > /tmp/pg.new; mv /tmp/pg.new /tmp/pg
	i=0; while [ $i -lt 20 ]; do sleep 60 & i=$((i + 1)); done; wait' &
wait_until -t 5 -i 0.05 '[ -s /tmp/pg ] && [ "$(pgrep -c -g "$(cat /tmp/pg)" -x sleep)" = 20 ]' ||
	fail "the process group did not start"
G=$(cat /tmp/pg)
rule -a always,exit -F arch=b64 -S kill -F a1=15 -k rkillpg
/bin/kill -TERM -- -$G || fail "kill the process group"
log_barrier
s=$(log_serial '^type=SYSCALL .*syscall=62 .*key="rkillpg"')
[ -n "$s" ] || fail "no kill record"
expect_eq "OBJ_PID records of the group kill" "$(log_records "$s" OBJ_PID | wc -l)" 21
expect_eq "of them, sleep" "$(log_records "$s" OBJ_PID | grep -c 'ocomm="sleep"$')" 20
log_records "$s" OBJ_PID | grep -Eq "^opid=$G oauid=-1 ouid=0 oses=-1$obj ocomm=\"sh\"\$" ||
	{ log_records "$s" OBJ_PID; fail "OBJ_PID of the group's leader"; }
pass "a group kill: 21 targets, 21 OBJ_PID records with its serial"
