# KERN_MODULE: the module a finit_module or delete_module names, in that
# syscall's event, also when the call fails (no such module).  The module
# is tests/module/audit_test.c, built for the test kernel.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
KO=$T/build/tests/module/audit_test.ko
[ -f "$KO" ] || fail "no $KO (make test-module)"
rule -a always,exit -F arch=b64 -S init_module -S finit_module -S delete_module -k rmod
insmod "$KO" || fail "insmod"
grep -q '^audit_test ' /proc/modules || fail "the module is not loaded"
rmmod audit_test || fail "rmmod"
# delete_module (176) of a module that is not there: ENOENT.
expect_eq "delete_module of a missing module" "$("$SYSC" 176 s:no_such_module 0)" "ret=-1 errno=2"
log_barrier
for want in "finit_module success=yes audit_test" "delete_module success=yes audit_test" \
	"delete_module success=no no_such_module"; do
	set -- $want
	s=$(log_serial "^type=SYSCALL .*syscall=$(case $1 in finit_module) echo 313 ;; *) echo 176 ;; esac) $2 .*key=\"rmod\"" |
		while read -r s; do
			[ "$(log_record "$s" KERN_MODULE)" = "name=\"$3\"" ] && echo "$s" && break
		done)
	[ -n "$s" ] || { grep -E "KERN_MODULE|key=\"rmod\"" $AUDIT_LOG; fail "no $1 event with KERN_MODULE name=\"$3\""; }
	pass "$1 ($2): KERN_MODULE name=\"$3\" in its event ($(log_event "$s"))"
done
ausearch -m KERN_MODULE -i 2>/dev/null | grep -q 'type=KERN_MODULE .*name=audit_test' ||
	fail "ausearch -i: KERN_MODULE"
pass "ausearch -i finds KERN_MODULE"
