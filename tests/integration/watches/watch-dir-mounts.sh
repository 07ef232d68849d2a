# debug: also
# A directory rule takes in the filesystems mounted below its directory
# when it is added, as the stock kernel's tree rules do: a change on a
# tmpfs mounted in the watched subtree is logged, one on a filesystem
# mounted elsewhere is not; the rule's own CONFIG_CHANGE event has one
# PATH item, the directory's lookup.  auditctl -t (AUDIT_TRIM) makes it
# forget a filesystem since moved out of the subtree.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
W=/tmp/wdm
umount $W/a/inner 2>/dev/null
umount /tmp/wdm-out 2>/dev/null
rm -rf $W /tmp/wdm-out
mkdir -p $W/a/inner /tmp/wdm-out
mount -t tmpfs -o size=1m tmpfs $W/a/inner || fail "mount below the watched directory"
mount -t tmpfs -o size=1m tmpfs /tmp/wdm-out || fail "mount elsewhere"
on_exit "umount $W/a/inner /tmp/wdm-out 2>/dev/null; rm -rf $W /tmp/wdm-out"
mkdir $W/a/inner/deep

# Syscall auditing on (a rule in the exit list), so that the rule's event
# has its names, as on the stock kernel.
rule -a always,exit -F arch=b64 -S getppid -k wdm-unrelated
rule -w $W -p wa -k wdm
event_of '^type=CONFIG_CHANGE .*op=add_rule .*key="wdm"' "add_rule CONFIG_CHANGE"
expect_eq "PATH items of the directory rule's event" "$(log_records "$s" PATH | wc -l)" 1

touch $W/a/inner/deep/f
touch /tmp/wdm-out/f
log_barrier
grep -q "^type=PATH .*name=\"$W/a/inner/deep/f\"" $AUDIT_LOG ||
	{ tail -20 $AUDIT_LOG; fail "a change on the filesystem mounted below the watched directory is not logged"; }
pass "the directory rule takes in the filesystem mounted below it"
if grep -q '^type=PATH .*name="/tmp/wdm-out/f"' $AUDIT_LOG; then
	fail "a change on a filesystem mounted elsewhere is logged"
fi
pass "a filesystem mounted elsewhere is not taken in"
expect_eq "events of the rule" "$(grep -c '^type=SYSCALL .*key="wdm"' $AUDIT_LOG)" 1

# auditctl -t (AUDIT_TRIM): a filesystem moved out of the subtree stays
# taken in until the rules are trimmed, then is not; logged op=trim.
mkdir -p /tmp/wdm-moved
mount --move $W/a/inner /tmp/wdm-moved || fail "mount --move out of the subtree"
on_exit "umount /tmp/wdm-moved 2>/dev/null; rmdir /tmp/wdm-moved 2>/dev/null"
touch /tmp/wdm-moved/deep/before-trim
"$AUDITCTL" -t >/dev/null || fail "auditctl -t"
wait_log 'op=trim res=1'
touch /tmp/wdm-moved/deep/after-trim
log_barrier
grep -q '^type=PATH .*name="/tmp/wdm-moved/deep/before-trim"' $AUDIT_LOG ||
	fail "the moved filesystem is not taken in before the trim"
if grep -q '^type=PATH .*name="/tmp/wdm-moved/deep/after-trim"' $AUDIT_LOG; then
	fail "the moved filesystem is still taken in after the trim"
fi
pass "auditctl -t trims the filesystem moved out of the subtree"
expect_eq "rules after the trim" "$("$AUDITCTL" -l | grep -c -- '-k wdm$')" 1
