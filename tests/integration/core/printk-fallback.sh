# debug: also
# With no daemon registered, records go to the kernel log.
. "$AUDIT_TOP/tests/lib/harness.sh"
# The fallback is rate-limited (50 records in 5 s): the tests before this
# one in the boot may have used the window up.  A fresh one begins once 5
# seconds have gone by.
sleep 6
test_begin
"$AUDITCTL" -e 1 >/dev/null
"$AUDITCTL" -m "to the kernel log" || fail "auditctl -m"
wait_dmesg "audit: type=1005 audit(.*msg='.*to the kernel log"
pass "USER record printed via printk"
dmesg | grep -q "audit: type=1305 audit(.*op=set audit_enabled=1 old=0" ||
	fail "no CONFIG_CHANGE in the kernel log"
pass "CONFIG_CHANGE printed via printk"
# A syscall event: its records are printed, its EOE is not (as on the
# stock kernel: the records carry the serial already).
rule -a always,exit -F arch=b64 -S getpid -F a3=0x7e0e -k printed
"$SYSC" 39 0 0 0 0x7e0e >/dev/null
wait_dmesg 'audit: type=1300 audit(.*key="printed"'
s=$(dmesg | sed -n 's/.*audit: type=1300 audit([0-9.]*:\([0-9]*\)).*key="printed".*/\1/p' | head -n 1)
[ -n "$s" ] || fail "no serial in the SYSCALL record"
"$AUDITCTL" -m "after the event" || fail "auditctl -m"
wait_dmesg "msg='.*after the event"
if dmesg | grep -q "audit: type=1320 audit([0-9.]*:$s)"; then
	fail "EOE of event $s printed"
fi
pass "event $s printed without its EOE"
