# debug: also
# An event made by a record logged during a syscall no rule names (the
# CONFIG_CHANGE of auditctl's sendto, say) carries what the stock event
# carries: the SOCKADDR the syscall passed, the PATH items of the
# lookups made during it (a watch rule's directory: one PARENT item, as
# the stock kernel's lookup reports it), the CWD; and nothing of the
# syscalls before it that no record made events.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

# Syscall auditing is on once the exit list has a rule; none names sendto.
rule -a always,exit -F arch=b64 -S getppid -k unrelated

rule -a always,exit -F arch=b64 -S getpgid -k adopted1
event_of '^type=CONFIG_CHANGE .*op=add_rule key="adopted1"' "add_rule CONFIG_CHANGE"
log_record "$s" SYSCALL | grep -q ' syscall=44 ' ||
	{ grep ":$s)" $AUDIT_LOG; fail "the CONFIG_CHANGE is in the sendto's event"; }
pass "the CONFIG_CHANGE is in auditctl's sendto event"
# struct sockaddr_nl of the kernel: family 16, pid 0, groups 0.
expect_eq "SOCKADDR of the sendto" "$(log_record "$s" SOCKADDR)" \
	"saddr=100000000000000000000000"

mkdir -p /tmp/adopted
on_exit 'rm -rf /tmp/adopted'
ls /tmp/adopted /etc >/dev/null
rule -w /tmp/adopted/f -p w -k adopted2
event_of '^type=CONFIG_CHANGE .*op=add_rule .*key="adopted2"' "watch add_rule CONFIG_CHANGE"
paths=$(log_records "$s" PATH)
echo "$paths" | grep -Eq '^item=0 name="/tmp/adopted/" inode=[0-9]+ .* nametype=PARENT' ||
	{ grep ":$s)" $AUDIT_LOG; fail "PATH of the watch's directory"; }
expect_eq "PATH items of the watch rule's event" "$(echo "$paths" | wc -l)" 1
log_record "$s" SYSCALL | grep -q ' items=1 ' || fail "SYSCALL items=1"
expect_eq "CWD of the event" "$(log_record "$s" CWD | sed 's/ .*//')" \
	"cwd=\"$(pwd)\""
pass "the watch rule's event has its lookup's PARENT item and CWD"

# A syscall no rule names, with no record, leaves no trace in the next.
"$SYSC" 4 /etc/passwd 0 >/dev/null 2>&1
rule -a always,exit -F arch=b64 -S getsid -k adopted3
event_of '^type=CONFIG_CHANGE .*op=add_rule key="adopted3"' "third CONFIG_CHANGE"
expect_eq "PATH items after an unaudited stat" "$(log_records "$s" PATH | wc -l)" 0
expect_eq "event of the third rule" "$(log_event "$s")" \
	"CONFIG_CHANGE SYSCALL SOCKADDR PROCTITLE "

# The daemon's own syscalls match no rule, as with the stock kernel (a
# rule on its log directory would feed on itself): its reopening of the
# log when it rotates it is not logged; another task's open there is.
"$AUDITCTL" -D >/dev/null
rule -a always,exit -F arch=b64 -S openat -F dir=/var/log/audit -k selfopen
on_exit 'rm -f /var/log/audit/audit.log.[0-9]*'
kill -USR1 "$(status_field pid)"
wait_until -t 10 '[ -e /var/log/audit/audit.log.1 ]' || fail "auditd did not rotate its log"
cat "$AUDIT_LOG" >/dev/null
log_barrier
opens=$(cat /var/log/audit/audit.log.1 "$AUDIT_LOG" | grep '^type=SYSCALL .*key="selfopen"')
echo "$opens" | grep -q 'comm="cat"' || fail "another task's open in the log directory is not logged"
if echo "$opens" | grep -q 'comm="auditd"'; then
	echo "$opens"
	fail "the daemon's own open was logged"
fi
pass "the daemon's own syscalls match no rule"
