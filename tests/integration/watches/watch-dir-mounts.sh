# debug: also
# vm: also
# A directory rule takes in the filesystems mounted below its directory
# when it is added, as the stock kernel's tree rules do: a change on a
# tmpfs mounted in the watched subtree is logged, one on a filesystem
# mounted elsewhere is not; the rule's own CONFIG_CHANGE event has one
# PATH item, the directory's lookup.  auditctl -t (AUDIT_TRIM) makes it
# forget a filesystem since moved out of the subtree; auditctl -q
# (AUDIT_MAKE_EQUIV) makes it take in a filesystem mounted elsewhere.
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

# auditctl -q OLD,NEW (AUDIT_MAKE_EQUIV): the directory rules holding OLD
# take in NEW and what is mounted below it; logged op=make_equiv with
# both paths, res=0 when a path does not resolve.  Debian's auditctl,
# then ours.
mkdir -p /tmp/wdm-eq /tmp/wdm-eq2
mount -t tmpfs -o size=1m tmpfs /tmp/wdm-eq || fail "mount for -q"
mkdir /tmp/wdm-eq/sub
mount -t tmpfs -o size=1m tmpfs /tmp/wdm-eq/sub || fail "mount below it"
mount -t tmpfs -o size=1m tmpfs /tmp/wdm-eq2 || fail "mount for our -q"
on_exit "umount /tmp/wdm-eq/sub /tmp/wdm-eq /tmp/wdm-eq2 2>/dev/null; rmdir /tmp/wdm-eq /tmp/wdm-eq2 2>/dev/null"
touch /tmp/wdm-eq/before-q
"$DEBIAN_AUDITCTL" -q $W/a,/tmp/wdm-eq >/dev/null || fail "auditctl -q"
wait_log "op=make_equiv old=\"$W/a\" new=\"/tmp/wdm-eq\" res=1"
touch /tmp/wdm-eq/after-q /tmp/wdm-eq/sub/after-q /tmp/wdm-out/after-q
log_barrier
grep -q '^type=PATH .*name="/tmp/wdm-eq/before-q"' $AUDIT_LOG &&
	fail "the subtree is taken in before auditctl -q"
for f in /tmp/wdm-eq/after-q /tmp/wdm-eq/sub/after-q; do
	grep -q "^type=PATH .*name=\"$f\"" $AUDIT_LOG ||
		fail "$f: not taken in by auditctl -q"
done
grep -q '^type=PATH .*name="/tmp/wdm-out/after-q"' $AUDIT_LOG &&
	fail "auditctl -q takes in a filesystem it did not name"
pass "auditctl -q: the directory rule holding OLD takes in NEW and its mounts"

# A path that does not resolve: refused, and the refusal logged.
"$DEBIAN_AUDITCTL" -q /tmp/wdm-none,/tmp/wdm-eq >/dev/null 2>&1 &&
	fail "auditctl -q with a missing path succeeds"
wait_log 'op=make_equiv old="/tmp/wdm-none" new="/tmp/wdm-eq" res=0'
# OLD not under any directory rule: nothing taken in.
"$OURS_AUDITCTL" -q /tmp/wdm-out,/tmp/wdm-eq2 || fail "our auditctl -q"
wait_log 'op=make_equiv old="/tmp/wdm-out" new="/tmp/wdm-eq2" res=1'
touch /tmp/wdm-eq2/not-taken
# Ours, on OLD the directory itself.
"$OURS_AUDITCTL" -q $W,/tmp/wdm-eq2 || fail "our auditctl -q"
wait_log "op=make_equiv old=\"$W\" new=\"/tmp/wdm-eq2\" res=1"
touch /tmp/wdm-eq2/taken
log_barrier
grep -q '^type=PATH .*name="/tmp/wdm-eq2/not-taken"' $AUDIT_LOG &&
	fail "-q with OLD under no directory rule takes NEW in"
grep -q '^type=PATH .*name="/tmp/wdm-eq2/taken"' $AUDIT_LOG ||
	fail "our auditctl -q: NEW not taken in"
out=$("$OURS_AUDITCTL" -q /tmp/wdm-eq2 2>&1) && fail "our -q without a comma succeeds"
case $out in *"-q /tmp/wdm-eq2: expected two paths"*) ;; *) fail "our -q error: $out" ;; esac
pass "auditctl -q refuses a missing path, logged res=0; ours sends -q and names a malformed argument"

# The stock trim keeps of a tree only the mounts reachable below its
# path; NEW is not, so a trim forgets what -q took in.
"$AUDITCTL" -t >/dev/null || fail "auditctl -t after -q"
two_trims() { [ "$(grep -c 'op=trim res=1' $AUDIT_LOG)" -ge 2 ]; }
wait_until two_trims || fail "no second op=trim record"
touch /tmp/wdm-eq/after-trim
log_barrier
grep -q '^type=PATH .*name="/tmp/wdm-eq/after-trim"' $AUDIT_LOG &&
	fail "a subtree taken in by -q outlives a trim"
pass "a trim forgets what -q took in, as the stock trim"
