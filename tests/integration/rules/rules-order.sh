# debug: also
# Rule order and the other lists: a never rule ahead of an always rule
# suppresses, -A prepends, exclude rules drop record types, user-list
# rules filter auditctl -m, task-list rules take a process out of audit.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
M=0xa0d17
G="-F arch=b64 -S getpid -F a3=$M"
call() { "$SYSC" 39 "$1" 0 0 $M >/dev/null; }

# ---- never ahead of always; first match wins ----
rule -a never,exit $G -F a0=1
rule -a always,exit $G -k ord-always
call 1
no_key ord-always
call 2
has_key ord-always
"$AUDITCTL" -D >/dev/null

# ---- -A puts a rule first ----
rule -a always,exit $G -k ord-second
rule -A always,exit $G -k ord-first
# (How the prepended rule itself is listed: tests/integration/rules/
# rules-prepend-list.sh.)
expect_eq "auditctl -l order" "$("$AUDITCTL" -l | grep -o 'key=ord-[a-z]*' | tr '\n' '|')" "key=ord-first|key=ord-second|"
call 3
has_key ord-first
no_key ord-second
rule -A never,exit $G -F a0=4
call 4
log_barrier
[ "$(grep -c '^type=SYSCALL .*syscall=39 .*a0=4 ' $AUDIT_LOG)" = 0 ] || fail "prepended never rule did not suppress"
pass "prepended never rule suppresses"
"$AUDITCTL" -D >/dev/null

# ---- exclude: drop record types ----
mkdir -p /tmp/ex
echo x >/tmp/ex/f
O="-F arch=b64 -S openat -F a3=$M"
rule -a always,exit $O -k ex-before
"$SYSC" 257 -100 s:/tmp/ex/f 0 $M >/dev/null
rule -a never,exclude -F msgtype=CWD
rule -a never,exclude -F msgtype=PROCTITLE
expect_eq "exclude rules listed" "$("$AUDITCTL" -l | grep exclude | tr '\n' '|')" \
	"-a never,exclude -F msgtype=CWD|-a never,exclude -F msgtype=PROCTITLE|"
"$AUDITCTL" -D >/dev/null
rule -a never,exclude -F msgtype=CWD
rule -a never,exclude -F msgtype=PROCTITLE
rule -a always,exit $O -k ex-after
"$SYSC" 257 -100 s:/tmp/ex/f 0 $M >/dev/null
log_barrier
serial() { log_serial "^type=SYSCALL .*key=\"$1\""; }
expect_eq "event before the exclude rules" "$(log_event "$(serial ex-before)")" "SYSCALL CWD PATH PROCTITLE "
expect_eq "event after the exclude rules" "$(log_event "$(serial ex-after)")" "SYSCALL PATH "
[ -z "$(ausearch -m CWD -k ex-after 2>/dev/null)" ] || fail "ausearch finds a CWD record"
pass "exclude rules drop CWD and PROCTITLE"
# msgtype ranges with < and >: everything from SYSCALL up is dropped.
"$AUDITCTL" -D >/dev/null
rule -a never,exclude -F msgtype\>=1300 -F msgtype\<=1399
rule -a always,exit $O -k ex-range
"$SYSC" 257 -100 s:/tmp/ex/f 0 $M >/dev/null
"$AUDITCTL" -D >/dev/null
no_key ex-range
rm -rf /tmp/ex

# ---- user list: filters auditctl -m ----
# (The barrier here is a syscall: USER records are what is filtered.)
sysbarrier() {
	rule -a always,exit $G -F a0=99 -k "$1"
	call 99
	"$AUDITCTL" -d always,exit $G -F a0=99 -k "$1" >/dev/null
	wait_log "key=\"$1\""
}
rule -a never,user -F msgtype=USER
"$AUDITCTL" -m "user-dropped" || fail "auditctl -m"
"$AUDITCTL" -D >/dev/null
rule -a never,user -F msgtype=USER_AVC
"$AUDITCTL" -m "user-kept" || fail "auditctl -m"
"$AUDITCTL" -D >/dev/null
rule -a never,user -F uid=1004
"$AUDITCTL" -m "user-root-kept" || fail "auditctl -m"
sysbarrier user-barrier
grep -q "user-dropped" $AUDIT_LOG && fail "never,user msgtype=USER let a USER record through"
grep -q "user-kept" $AUDIT_LOG || fail "never,user msgtype=USER_AVC dropped a USER record"
grep -q "user-root-kept" $AUDIT_LOG || fail "never,user uid=1004 dropped root's message"
pass "user-list rules filter auditctl -m"
"$AUDITCTL" -D >/dev/null

# ---- task list: never,task takes new processes out of syscall audit ----
rule -a never,task -F uid=1005
rule -a always,exit $G -k task-out
setpriv --reuid 1005 sh -c "$SYSC 39 5 0 0 $M; true" >/dev/null
no_key task-out
"$AUDITCTL" -D >/dev/null
rule -a never,task -F uid=1005
rule -a always,exit $G -k task-in
setpriv --reuid 1006 sh -c "$SYSC 39 6 0 0 $M; true" >/dev/null
has_key task-in
