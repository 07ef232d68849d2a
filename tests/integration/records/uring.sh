# debug: also
# io_uring operations.  One run inline by io_uring_enter: a URINGOP
# record (the operation, its result, who ran it, the key) in the event
# of the io_uring_enter a rule names, before its SYSCALL record.  One an
# io-wq worker runs (IOSQE_ASYNC): an event of its own, URINGOP, the
# PATH of the name it opened, PROCTITLE, EOE, when a rule of the io_uring
# list (AUDIT_FILTER_URING_EXIT, its syscall mask naming operations)
# asks for it, path fields included; perm= refused on that list.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

# ---- inline: in io_uring_enter's event ----
rule -a always,exit -F arch=b64 -S io_uring_enter -k uenter
out=$("$AUXOP" uring close /etc/passwd) || fail "auxop uring close"
expect_eq "result of IORING_OP_CLOSE" "$out" "res=0"
event_of '^type=SYSCALL .*syscall=426 .*key="uenter"' "io_uring_enter"
expect_eq "records of the io_uring_enter event" \
	"$(log_event "$s" | sed 's/ PROCTITLE//')" "URINGOP SYSCALL "
log_record "$s" URINGOP | grep -Eq '^uring_op=19 success=yes exit=0 items=0 ppid=[0-9]+ pid=[0-9]+ uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0( subj=[^ ]+)? key="uenter"$' ||
	{ grep ":$s)" $AUDIT_LOG; fail "URINGOP of the inline close"; }
pass "URINGOP of an inline operation, in io_uring_enter's event"
"$AUDITCTL" -D >/dev/null

# ---- in a worker: an event of its own, by the io_uring list ----
# audit-nl rule add LIST ACTION: list 7, always (2); sc= names op 18,
# IORING_OP_OPENAT; field 210 is the key.
expect_eq "io_uring-list rule added" \
	"$("$NL" rule add 7 2 sc=18 210,=,s:uopen)" "error=0"
# ... but not with perm= (field 114), as with the stock kernel.
expect_eq "io_uring-list rule with perm= refused" \
	"$("$NL" rule add 7 2 sc=18 114,=,2)" "error=-22"
out=$("$AUXOP" uring openat /etc/passwd async) || fail "auxop uring openat"
case $out in res=[0-9]*) ;; *) fail "IORING_OP_OPENAT: $out" ;; esac
event_of '^type=URINGOP .*uring_op=18 .*key="uopen"' "worker URINGOP"
expect_eq "records of the worker's event" "$(log_event "$s")" \
	"URINGOP CWD PATH PROCTITLE "
# exit= is the operation's return, 0; the descriptor is the completion's.
log_record "$s" URINGOP | grep -Eq "^uring_op=18 success=yes exit=0 items=1 " ||
	{ grep ":$s)" $AUDIT_LOG; fail "URINGOP of the worker's openat"; }
log_record "$s" PATH | grep -q '^item=0 name="/etc/passwd" inode=' ||
	{ grep ":$s)" $AUDIT_LOG; fail "PATH of the worker's openat"; }
pass "an io-wq worker's operation is an event of its own, with its PATH"
# A close the list does not name: no event.
n=$(grep -c '^type=URINGOP ' $AUDIT_LOG)
"$AUXOP" uring close /etc/passwd async >/dev/null || fail "auxop uring close async"
log_barrier
expect_eq "URINGOP records after an op the list does not name" \
	"$(grep -c '^type=URINGOP ' $AUDIT_LOG)" "$n"
expect_eq "io_uring-list rule deleted" \
	"$("$NL" rule del 7 2 sc=18 210,=,s:uopen)" "error=0"

# A path rule of the io_uring list (field 105, a file watch; 107, a
# directory): the operation on the watched file is an event, one on
# another file is not.
mkdir -p /tmp/uring-d/sub
echo x >/tmp/uring-d/sub/f
on_exit 'rm -rf /tmp/uring-d'
expect_eq "io_uring-list watch rule added" \
	"$("$NL" rule add 7 2 sc=18 105,=,s:/etc/passwd 210,=,s:uwatch)" "error=0"
expect_eq "io_uring-list directory rule added" \
	"$("$NL" rule add 7 2 sc=18 107,=,s:/tmp/uring-d 210,=,s:udir)" "error=0"
"$AUXOP" uring openat /etc/passwd async >/dev/null || fail "auxop uring openat"
"$AUXOP" uring openat /etc/group async >/dev/null || fail "auxop uring openat"
"$AUXOP" uring openat /tmp/uring-d/sub/f async >/dev/null || fail "auxop uring openat"
log_barrier
expect_eq "events of the io_uring watch rule" \
	"$(grep -c '^type=URINGOP .*key="uwatch"' $AUDIT_LOG)" 1
expect_eq "events of the io_uring directory rule" \
	"$(grep -c '^type=URINGOP .*key="udir"' $AUDIT_LOG)" 1
s=$(log_serial '^type=URINGOP .*key="uwatch"')
log_record "$s" PATH | grep -q '^item=0 name="/etc/passwd" ' ||
	{ grep ":$s)" $AUDIT_LOG; fail "PATH of the watched openat"; }
pass "path rules of the io_uring list match the operation's names"
"$NL" rule del 7 2 sc=18 105,=,s:/etc/passwd 210,=,s:uwatch >/dev/null
"$NL" rule del 7 2 sc=18 107,=,s:/tmp/uring-d 210,=,s:udir >/dev/null
