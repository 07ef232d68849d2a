# debug: also
# The control channel in every network namespace, as on the stock
# kernel: auditctl answered from a new network namespace (unshare -n);
# Debian's auditd registered from one, with the initial user
# namespace's credentials, gets the records (user messages, syscall
# events) there; when it goes its records are held for the next daemon,
# in the initial namespace, and its namespace can go.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin

out=$(unshare -n "$AUDITCTL" -s) || fail "auditctl -s in a new network namespace"
echo "$out" | grep -q '^enabled ' || fail "auditctl -s answered: $out"
pass "auditctl -s is answered in a new network namespace"
unshare -n "$AUDITCTL" -b 321 >/dev/null || fail "auditctl -b from a new network namespace"
expect_eq "backlog_limit set from a new network namespace" "$(status_field backlog_limit)" 321

rm -f "$AUDIT_LOG"
unshare -n "$DEBIAN_AUDITD" || fail "auditd in a new network namespace"
wait_until registered || fail "auditd did not register from its namespace"
pid=$(status_field pid)
[ "$(readlink /proc/$pid/ns/net)" != "$(readlink /proc/self/ns/net)" ] ||
	fail "auditd is in the initial network namespace"
pass "auditd registered from a network namespace of its own"

"$AUDITCTL" -m "netns message one" || fail "auditctl -m"
wait_log 'netns message one'
pass "a user message reaches the daemon in its namespace"
rule -a always,exit -F arch=b64 -S getppid -k netns
"$SYSC" 110 >/dev/null
wait_log '^type=SYSCALL .*syscall=110 .*key="netns"'
pass "a syscall event reaches the daemon in its namespace"

# The daemon goes: what comes meanwhile is held, for the next one (ours:
# Debian's auditd 3.0.9 discards the first message after the ack of its
# registration, on either kernel, which would be the held record).
kill -9 "$pid"
wait_until unregistered || fail "the daemon's death was not seen"
"$AUDITCTL" -m "netns message two" || fail "auditctl -m"
D=/tmp/netns-ours
rm -rf $D && mkdir -p $D
on_exit "rm -rf $D"
ours_auditd_conf $D $D/audit.log
"$OURS_AUDITD" -c $D || fail "our auditd did not start"
wait_until registered || fail "our auditd did not register"
wait_file $D/audit.log 'netns message two'
pass "records made after the namespace's daemon died reach the next daemon"
