# The exit list's index: rules asking for one uid (or euid, auid, pid) are
# found by their value, not walked; first match still wins in rule order
# across keyed, unkeyed and all-syscall rules.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
# Every syscall of the test programs is recorded: room for the bursts.
"$AUDITCTL" -b 8192 >/dev/null
NR_GETPPID=110 NR_GETPGRP=111
# 300 rules on getppid for uids nobody here has, around one for uid 4242.
: >/tmp/index.rules
i=10000
while [ $i -lt 10300 ]; do
	echo "-a always,exit -F arch=b64 -S getppid -F uid=$i -k u$i" >>/tmp/index.rules
	[ $i = 10150 ] && echo "-a always,exit -F arch=b64 -S getppid -F uid=4242 -k mine" >>/tmp/index.rules
	i=$((i + 1))
done
"$AUDITCTL" -R /tmp/index.rules >/dev/null || fail "loading 301 rules"
expect_eq "rules listed" "$("$AUDITCTL" -l | wc -l)" 301
setpriv --reuid=4242 --regid=4242 --clear-groups "$SYSC" $NR_GETPPID >/dev/null
wait_log "type=SYSCALL .*syscall=$NR_GETPPID .* uid=4242 .*key=\"mine\""
pass "the keyed rule for uid 4242 fired among 300 others"
grep '^type=SYSCALL' $AUDIT_LOG | grep -q 'key="u10' &&
	fail "a rule for another uid fired"
pass "no rule for another uid fired"
# An earlier unkeyed never rule wins over a later keyed always rule.
"$AUDITCTL" -A never,exit -F arch=b64 -S getppid -F gid=4242 >/dev/null
setpriv --reuid=4242 --regid=4242 --clear-groups "$SYSC" $NR_GETPPID >/dev/null
setpriv --reuid=4243 --regid=4243 --clear-groups "$SYSC" $NR_GETPGRP >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S getpgrp -k marker >/dev/null
setpriv --reuid=4243 --regid=4243 --clear-groups "$SYSC" $NR_GETPGRP >/dev/null
wait_log "key=\"marker\""
expect_eq "getppid events after the never rule" \
	"$(grep -c "syscall=$NR_GETPPID .*key=\"mine\"" $AUDIT_LOG)" 1
# A keyed rule ahead of an all-syscall rule takes the event, with its key.
"$AUDITCTL" -D >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S getppid -F euid=4242 -k keyed-first >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S all -F euid=4242 -k any-later >/dev/null
setpriv --reuid=4242 --regid=4242 --clear-groups "$SYSC" $NR_GETPPID >/dev/null
wait_log "syscall=$NR_GETPPID .*key=\"keyed-first\""
# ... and an all-syscall rule ahead of a keyed one takes it.
"$AUDITCTL" -D >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S all -F auid=4242 -k any-first >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S getppid -F auid=4242 -k keyed-later >/dev/null
sh -c "echo 4242 >/proc/self/loginuid; exec $SYSC $NR_GETPPID" >/dev/null
wait_log "syscall=$NR_GETPPID .*auid=4242 .*key=\"any-first\""
grep '^type=SYSCALL' $AUDIT_LOG | grep -q 'key="keyed-later"' &&
	fail "the later keyed rule fired"
pass "order kept across keyed and all-syscall rules"
"$AUDITCTL" -D >/dev/null
