# boot: own
# cmdline: audit=1
# PENDING (needs a kernel change, issue 5): a PATH record names the
# file's security context as obj=, between rdev= and nametype=, as the
# stock kernel does (kernel/auditsc.c, audit_log_name: n->osid).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
POLICY=$T/build/selinux/policy.33
[ -f "$POLICY" ] || fail "no $POLICY; run make userspace"
mount -t selinuxfs selinuxfs /sys/fs/selinux || fail "mount selinuxfs"
start_auditd
cat "$POLICY" >/sys/fs/selinux/load || fail "loading $POLICY"
mkdir -p /tmp/selinux
echo readable >/tmp/selinux/marked
chcon system_u:object_r:marked_t:s0-s1:c1 /tmp/selinux/marked || fail chcon
rule -a always,exit -F arch=b64 -S openat -F obj_type=marked_t -k pathobj
cat /tmp/selinux/marked >/dev/null
has_key pathobj
grep -q '^type=PATH .* name="/tmp/selinux/marked" inode=[0-9]* dev=[0-9a-f:]* mode=0100644 ouid=0 ogid=0 rdev=00:00 obj=system_u:object_r:marked_t:s0-s1:c1 nametype=NORMAL ' \
	$AUDIT_LOG ||
	{ grep '^type=PATH .*marked' $AUDIT_LOG; fail "no obj= in the PATH record"; }
pass "PATH names the file's context"
ausearch -if $AUDIT_LOG -k pathobj -i 2>/dev/null |
	grep -q 'type=PATH .*obj=system_u:object_r:marked_t:s0-s1:c1' || fail "ausearch -i: obj="
pass "ausearch shows obj="
