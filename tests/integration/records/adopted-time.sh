# An event adopted from a syscall no rule names (a record logged during
# it) is stamped with the time the syscall began, as the stock kernel
# stamps it, not the time of its first record: tests/module/audit_test.c
# loaded with log_after_ms=1500 logs a record 1.5 s into finit_module.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
KO=$T/build/tests/module/audit_test.ko
[ -f "$KO" ] || fail "no $KO (make test-module)"
# Syscall auditing on; no rule names finit_module.
rule -a always,exit -F arch=b64 -S getppid -k unrelated
before=$(date +%s.%N)
insmod "$KO" log_after_ms=1500 || fail "insmod"
after=$(date +%s.%N)
rmmod audit_test || fail "rmmod"
event_of '^type=KERNEL_OTHER .*op=audit_test slept=1500' "the module's record"
log_record "$s" SYSCALL | grep -q ' syscall=313 ' ||
	{ grep ":$s)" $AUDIT_LOG; fail "the module's record is not in finit_module's event"; }
t=$(grep -m1 ":$s)" $AUDIT_LOG | sed 's/.*msg=audit(\([0-9.]*\):.*/\1/')
echo "# insmod from $before to $after; event stamped $t"
awk -v b="$before" -v a="$after" 'BEGIN { exit !(a - b >= 1.5) }' ||
	fail "insmod took less than the module's sleep"
# The coarse clock may be a tick behind the date before insmod.
awk -v b="$before" -v t="$t" 'BEGIN { exit !(t >= b - 0.05 && t < b + 1) }' ||
	fail "event stamped $t: not when finit_module began (insmod from $before)"
pass "the adopted event shows when finit_module began, not when the record was made"
