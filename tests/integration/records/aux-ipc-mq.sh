# debug: also
# SysV IPC: IPC (owner, mode and LSM context of the object a syscall
# checked) and IPC_SET_PERM (the new owner, mode and qbytes of an
# IPC_SET); POSIX message queues: MQ_OPEN, MQ_SENDRECV, MQ_NOTIFY,
# MQ_GETSETATTR.  Each in its syscall's event, interpreted by ausearch -i.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

# (SELinux labels IPC objects: obj= is there when an LSM is.)
noobj() {
	sed -E 's/ obj=[^ ]+//'
}

# ---- SysV message queue: IPC_STAT, IPC_SET, IPC_RMID ----
id=$(ipcmk -Q -p 0644 | sed -n 's/^Message queue id: //p')
[ -n "$id" ] || fail "ipcmk -Q"
rule -a always,exit -F arch=b64 -S msgctl -k rmsg
"$AUXOP" msgset "$id" 1003 1003 0640 4000 || fail "auxop msgset"
ipcrm -q "$id" || fail "ipcrm"
log_barrier
set -- $(log_serials '^type=SYSCALL .*syscall=71 .*key="rmsg"')
[ $# = 3 ] || fail "want 3 msgctl records, got $#"
expect_eq "IPC of IPC_STAT" "$(log_record "$1" IPC | noobj)" "ouid=0 ogid=0 mode=0644"
[ -z "$(log_record "$1" IPC_SET_PERM)" ] || fail "IPC_SET_PERM for IPC_STAT"
expect_eq "IPC of IPC_SET" "$(log_record "$2" IPC | noobj)" "ouid=0 ogid=0 mode=0644"
expect_eq "IPC_SET_PERM of IPC_SET" "$(log_record "$2" IPC_SET_PERM)" \
	"qbytes=fa0 ouid=1003 ogid=1003 mode=0640"
expect_eq "IPC of IPC_RMID" "$(log_record "$3" IPC | noobj)" "ouid=1003 ogid=1003 mode=0640"
# With an LSM (subj= in SYSCALL records), the queue's label as obj=.
if log_record "$1" SYSCALL | grep -q ' subj='; then
	log_record "$1" IPC | grep -Eq ' mode=0644 obj=[^ ]+$' || fail "IPC: obj= of the queue"
	pass "IPC: obj= of the queue's label"
fi
ev=$(ausearch -k rmsg -i 2>/dev/null)
for want in "^type=IPC .* ouid=root ogid=root mode=[^ ]*644" \
	"^type=IPC_SET_PERM .* qbytes=fa0 ouid=unknown\(1003\) ogid=unknown\(1003\) mode=[^ ]*640" \
	"^type=IPC .* ouid=unknown\(1003\) ogid=unknown\(1003\) mode=[^ ]*640"; do
	echo "$ev" | grep -Eq -- "$want" || { echo "$ev"; fail "ausearch -i: '$want'"; }
done
pass "ausearch -i interprets IPC and IPC_SET_PERM"
"$AUDITCTL" -D >/dev/null

# ---- POSIX message queues ----
rule -a always,exit -F arch=b64 -S mq_open -S mq_timedsend -S mq_timedreceive \
	-S mq_notify -S mq_getsetattr -k rmq
q=$("$AUXOP" mq /auxq) || fail "auxop mq"
q=${q#mqdes=}
log_barrier
s=$(log_serial '^type=SYSCALL .*syscall=240 .*key="rmq"')
expect_eq "MQ_OPEN" "$(log_record "$s" MQ_OPEN)" \
	"oflag=0xc2 mode=0600 mq_flags=0x0 mq_maxmsg=4 mq_msgsize=64 mq_curmsgs=0"
s=$(log_serial '^type=SYSCALL .*syscall=242 .*key="rmq"')
expect_eq "MQ_SENDRECV of mq_timedsend" "$(log_record "$s" MQ_SENDRECV)" \
	"mqdes=$q msg_len=5 msg_prio=7 abs_timeout_sec=4000000000 abs_timeout_nsec=5"
s=$(log_serial '^type=SYSCALL .*syscall=243 .*key="rmq"')
expect_eq "MQ_SENDRECV of mq_timedreceive" "$(log_record "$s" MQ_SENDRECV)" \
	"mqdes=$q msg_len=64 msg_prio=0 abs_timeout_sec=4000000000 abs_timeout_nsec=5"
s=$(log_serial '^type=SYSCALL .*syscall=244 .*key="rmq"')
expect_eq "MQ_NOTIFY" "$(log_record "$s" MQ_NOTIFY)" "mqdes=$q sigev_signo=10"
s=$(log_serial '^type=SYSCALL .*syscall=245 .*key="rmq"')
expect_eq "MQ_GETSETATTR" "$(log_record "$s" MQ_GETSETATTR)" \
	"mqdes=$q mq_flags=0x800 mq_maxmsg=0 mq_msgsize=0 mq_curmsgs=0"
ev=$(ausearch -k rmq -i 2>/dev/null)
for want in "^type=MQ_OPEN .* oflag=O_RDWR\|O_CREAT\|O_EXCL mode=[^ ]*600 mq_flags=0x0 mq_maxmsg=4" \
	"^type=MQ_SENDRECV .* mqdes=$q msg_len=5 msg_prio=7" \
	"^type=MQ_NOTIFY .* mqdes=$q sigev_signo=SIGUSR1" \
	"^type=MQ_GETSETATTR .* mqdes=$q mq_flags=0x800"; do
	echo "$ev" | grep -Eq -- "$want" || { echo "$ev"; fail "ausearch -i: '$want'"; }
done
pass "ausearch -i interprets the MQ_* records"
