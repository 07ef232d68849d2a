# boot: own
# kernel: debug
# Allocation failures injected into audit (failslab, fail-nth; the debug
# kernel only): record creation (user messages), rule insertion and
# deletion (plain, key, watch, dir, exe, subj_type), context allocation
# (fork with audit on; a task forked while it was off), name collection
# (rename and open under a dir rule); then 10% of this test's slab
# allocations failing at random while it does all of these.  No crash,
# no leak, no partial rule; every record not made is counted in lost,
# and the failure policy (printk) says so.  tests/helpers/faultinj.c
# has the rules of each outcome.
# Own boot: the SELinux policy loaded for the subj_type rule stays.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
FI=$HELPERS/faultinj
D=/tmp/faultinj
[ -x "$FI" ] || fail "no $FI; run make userspace"
[ -e "/proc/self/task/$$/fail-nth" ] || fail "no fail-nth: not the debug kernel"
[ -d /sys/kernel/debug/failslab ] || fail "no /sys/kernel/debug/failslab"
"$AUDITCTL" -f 1 >/dev/null 2>&1 || fail "auditctl -f 1"

# An LSM field needs a policy: ours, left permissive.
LSM=
POLICY=$T/build/selinux/policy.33
if [ -f "$POLICY" ] && mount -t selinuxfs selinuxfs /sys/fs/selinux 2>/dev/null &&
   cat "$POLICY" >/sys/fs/selinux/load; then
	expect_eq "SELinux permissive" "$(cat /sys/fs/selinux/enforce)" 0
	LSM=--lsm
fi

bad=0
run_fi() { # WHAT ARGS...: one run of the helper; its output kept
	what=$1
	shift
	echo "--- faultinj $*"
	start=$(date +%s)
	{ "$FI" "$@" --dir $D 2>&1; echo $? >/tmp/fi.rc; } | tee -a /tmp/fi-all.out
	rc=$(cat /tmp/fi.rc)
	echo "(${what}: status $rc, $(( $(date +%s) - start )) s)"
	[ $rc = 0 ] || bad=1
	[ $rc = 2 ] && fail "faultinj $* could not run"
}

rm -rf $D /tmp/fi-all.out
mkdir -p $D
lost0=$(status_field lost)
run_fi user nth user
lost1=$(status_field lost)
# The failure policy is printk: a lost record is said in the kernel log.
if [ "$lost1" != "$lost0" ]; then
	dmesg | grep -q "audit: .*: lost=" || { dmesg | tail; fail "lost rose, no printk"; }
	pass "records lost to injected failures ($lost0 -> $lost1) are in the kernel log"
fi
run_fi rule nth rule $LSM
expect_eq "rules after the rule runs" "$("$AUDITCTL" -l)" "No rules"
run_fi fork nth fork
run_fi lazy nth lazy
run_fi names nth names
run_fi random random "${FI_SECONDS:-20}" 10 $LSM
expect_eq "rules after the random run" "$("$AUDITCTL" -l)" "No rules"
expect_eq "failslab probability after the runs" \
	"$(cat /sys/kernel/debug/failslab/probability)" 0

# Audit still works: a user message reaches a reader.
"$AUDITCTL" -e 1 >/dev/null
start_reader /tmp/fi-reader.out
"$AUDITCTL" -m "faultinj still works" || fail "auditctl -m"
wait_file /tmp/fi-reader.out "^1005 .*faultinj still works"
stop_reader
pass "a user message reaches a reader after the runs"

# No kernel report, no leak (kmemleak reports objects 5 s old or more).
dmesg >/tmp/fi-dmesg.log
if ! "$T/scripts/kernel-reports" /tmp/fi-dmesg.log; then
	bad=1
	echo "FAIL: the kernel reported a defect"
fi
if [ -w /sys/kernel/debug/kmemleak ]; then
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	sleep 1
	echo scan >/sys/kernel/debug/kmemleak
	if grep -q . /sys/kernel/debug/kmemleak; then
		head -n 60 /sys/kernel/debug/kmemleak
		bad=1
		echo "FAIL: kmemleak found leaks"
	else
		pass "kmemleak: no leak"
	fi
fi
rm -rf $D
if grep -q '^VIOLATION' /tmp/fi-all.out; then
	# The kinds of violation, by how often (N, tags and stamps elided).
	echo "--- violations, by kind:"
	sed -n 's/^VIOLATION //p' /tmp/fi-all.out |
		sed -E 's/N=-?[0-9]+/N=#/; s/ r[0-9]+ / /; s/audit\([0-9.:]+\)/audit(#)/;
			s/(msg=.fi-user )[0-9]+ [^ ]* ?-?[0-9]+\./\1#/; s/ pid=[0-9]+/ pid=#/g;
			s/ ppid=[0-9]+/ ppid=#/g; s/a[0-3]=[0-9a-f]+/a=#/g' |
		cut -c1-220 | sort | uniq -c | sort -rn | head -n 40
fi
[ $bad = 0 ] || fail "violations above"
pass "fault injection: no violation"
