# debug: also
# Records other subsystems write through the record API: BPF (a program
# loaded and unloaded: op=LOAD, op=UNLOAD with its id) and FANOTIFY (a
# fanotify listener's answer given with FAN_AUDIT, in the event of the
# open that waited for it: resp=, and the audit rule info when given).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
"$AUDITCTL" -e 1 >/dev/null

# ---- BPF ----
out=$("$AUXOP" bpfprog) || fail "load a BPF program"
id=${out#id=}
log_barrier
wait_log "^type=BPF msg=audit\([0-9.]+:[0-9]+\): prog-id=$id op=LOAD\$"
wait_log "^type=BPF msg=audit\([0-9.]+:[0-9]+\): prog-id=$id op=UNLOAD\$"
pass "BPF prog-id=$id op=LOAD, then op=UNLOAD"

# ---- FANOTIFY ----
mkdir -p /tmp/fan && echo x >/tmp/fan/f
rule -a always,exit -F arch=b64 -S openat -F dir=/tmp/fan -F uid=0 -k rfan
expect_eq "an open denied by the listener" "$("$AUXOP" fanotify /tmp/fan/f deny)" "open=-1"
expect_eq "an open allowed, with a rule" "$("$AUXOP" fanotify /tmp/fan/f allow 7)" "open=0"
log_barrier
s=$(log_serial '^type=FANOTIFY .*: resp=2 fan_type=0 fan_info=0 subj_trust=2 obj_trust=2$')
[ -n "$s" ] || { grep FANOTIFY $AUDIT_LOG; fail "no FANOTIFY resp=2 record"; }
log_record "$s" SYSCALL | grep -q 'syscall=257 success=no exit=-1 .*key="rfan"' ||
	{ grep ":$s)" $AUDIT_LOG; fail "FANOTIFY in the denied open's event"; }
pass "FANOTIFY resp=2 in the event of the denied open"
s=$(log_serial '^type=FANOTIFY .*: resp=1 fan_type=1 fan_info=7 subj_trust=1 obj_trust=0$')
[ -n "$s" ] || { grep FANOTIFY $AUDIT_LOG; fail "no FANOTIFY resp=1 record with the rule"; }
log_record "$s" SYSCALL | grep -q 'syscall=257 success=yes .*key="rfan"' ||
	{ grep ":$s)" $AUDIT_LOG; fail "FANOTIFY in the allowed open's event"; }
pass "FANOTIFY resp=1 with rule 7 in the event of the allowed open"
rm -rf /tmp/fan
