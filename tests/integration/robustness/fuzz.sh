# The fuzzer of the audit interfaces (tests/fuzz/) for a bounded time with
# a fixed seed, then the kernel must still be healthy: auditctl -s
# answers, a user message reaches a registered reader, and the kernel log
# has no report of a defect (scripts/kernel-reports: BUG:, WARNING:,
# KASAN, lockdep, panics...).  The fuzzer writes its report and each
# worker's last messages (worker-N.last) to the results folder as it
# goes, so they survive a panic; so does the kernel log (dmesg.txt).
# Settings from the kernel command line (make fuzz passes them):
#   FUZZ_TIME [90] seconds, FUZZ_SEED [20241202], FUZZ_WORKERS [4]
#   senders, FUZZ_ONLY / FUZZ_SKIP comma lists of classes and roles.
# boot: own
# kernel: debug
# cmdline: AUDIT_TEST_TIMEOUT=400
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
FUZZ=$HELPERS/audit-fuzz
[ -x "$FUZZ" ] || fail "no $FUZZ (make userspace)"
time=${FUZZ_TIME:-90}
seed=${FUZZ_SEED:-20241202}
workers=${FUZZ_WORKERS:-4}
fzout=${R:-/tmp}/fuzz
mkdir -p "$fzout"

# The kernel log as it grows, kept on the host (the kernel's buffer
# would have lost the early part: records go to printk when no daemon
# reads them).
dmesg -w >"$fzout/dmesg.txt" 2>&1 &
dmesg_pid=$!

set -- --seed "$seed" --time "$time" --workers "$workers" --dir /tmp/fuzz \
	--log-dir "$fzout"
[ -n "${FUZZ_ONLY:-}" ] && set -- "$@" --only "$FUZZ_ONLY"
[ -n "${FUZZ_SKIP:-}" ] && set -- "$@" --skip "$FUZZ_SKIP"
echo "audit-fuzz $*"
timeout -k 10 $((time + 90)) "$FUZZ" "$@" >"$fzout/fuzz.out" 2>&1
rc=$?
cat "$fzout/fuzz.out"
# What the fuzzer could not undo (a timeout ended it): its mounts.
for i in 1 2 3 4 5; do
	awk '$2 ~ "^/tmp/fuzz/" { print $2 }' /proc/mounts | sort -r |
		xargs -r -n 1 umount -l 2>/dev/null
done

# kernel_reports: whether the kernel log so far is free of reports
# (they are printed if not).
kernel_reports() {
	"$T/scripts/kernel-reports" "$fzout/dmesg.txt" >"$fzout/kernel-reports.txt" 2>&1 &&
		return 0
	head -n 80 "$fzout/kernel-reports.txt"
	return 1
}
where="fuzz/kernel-reports.txt; what each worker sent when the kernel reported: fuzz/worker-N.snap-K; its last messages: fuzz/worker-N.last"
if [ $rc -ne 0 ]; then
	kernel_reports || echo "(the kernel reported defects: $where)"
	fail "audit-fuzz ended with status $rc (124: it did not end in time)"
fi
pass "audit-fuzz ran for $time s with seed $seed"

# Still healthy?
"$AUDITCTL" -s >"$fzout/status-after.txt" 2>&1 || fail "auditctl -s does not answer"
pass "auditctl -s answers"
reset_audit
start_reader /tmp/fuzz-reader
"$AUDITCTL" -e 1 >/dev/null || fail "auditctl -e 1"
"$AUDITCTL" -m "fuzz health $$" || fail "auditctl -m refused"
wait_file /tmp/fuzz-reader "fuzz health $$"
pass "a user message still reaches a reader"
stop_reader
reset_audit

sleep 1
kill "$dmesg_pid" 2>/dev/null
kernel_reports || fail "the kernel reported defects ($where)"
pass "no kernel reports in dmesg"
