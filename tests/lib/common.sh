# Helpers for integration tests; sourced by each test inside the guest.
# A test prints what it checks and exits non-zero on the first failure.
set -u
T=${AUDIT_TOP:?}
HELPERS=$T/build/tests
AUDITCTL=${AUDITCTL:-/sbin/auditctl}
AUDITD=${AUDITD:-/sbin/auditd}

fail() {
	echo "FAIL: $*"
	exit 1
}

pass() {
	echo "ok: $*"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
	pass "$1 = '$3'"
}

# One field of 'auditctl -s' (enabled, failure, pid, rate_limit, ...).
status_field() {
	"$AUDITCTL" -s | awk -v k="$1" '$1 == k { print $2 }'
}

# Any reader a test left behind (a failed test exits early).
stop_helpers() {
	pkill -9 -x audit-nl 2>/dev/null
	i=0
	while [ "$(status_field pid)" != 0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

stop_auditd() {
	if [ -f /run/auditd.pid ]; then
		kill "$(cat /run/auditd.pid)" 2>/dev/null
	fi
	pkill -x auditd 2>/dev/null
	i=0
	while pgrep -x auditd >/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	rm -f /run/auditd.pid
}

# Debian's auditd, logging to /var/log/audit/audit.log (tmpfs in the guest).
start_auditd() {
	rm -f /var/log/audit/audit.log
	"$AUDITD" || fail "auditd did not start"
	i=0
	while [ "$(status_field pid)" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(status_field pid)" != 0 ] || fail "auditd did not register"
}

# Waits until the log has a line matching the extended regex $1.
wait_log() {
	i=0
	while [ $i -lt 100 ]; do
		grep -Eq -- "$1" /var/log/audit/audit.log 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "--- audit.log:"; cat /var/log/audit/audit.log 2>/dev/null | tail -20
	fail "no record matching '$1' in the log"
}

# Back to the boot defaults, so tests sharing a boot do not see each
# other's settings.  (Not possible once a test has locked with -e 2.)
reset_audit() {
	stop_auditd
	stop_helpers
	"$AUDITCTL" -e 0 -f 1 -r 0 -b 64 --backlog_wait_time 0 >/dev/null ||
		fail "could not reset the audit configuration"
	"$AUDITCTL" -D >/dev/null ||
		fail "could not delete the rules"
	"$AUDITCTL" --reset-lost >/dev/null
}

NL=$HELPERS/audit-nl

# start_reader OUT [OPTIONS...]: a registering reader in the background;
# sets READER_PID once the kernel acked its registration.
start_reader() {
	out=$1
	shift
	: >"$out"
	"$NL" reader "$out" "$@" >"$out.status" 2>&1 &
	READER_PID=$!
	i=0
	while ! grep -q registered "$out.status" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	grep -q registered "$out.status" || { cat "$out.status"; fail "reader did not register"; }
}

stop_reader() {
	kill -9 "$READER_PID" 2>/dev/null
	wait "$READER_PID" 2>/dev/null
	i=0
	while [ "$(status_field pid)" != 0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

# wait_file FILE REGEX: until FILE has a line matching REGEX.
wait_file() {
	i=0
	while [ $i -lt 100 ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "--- $1:"; tail -20 "$1"
	fail "no line matching '$2' in $1"
}

# wait_dmesg REGEX: until the kernel log has a line matching the basic
# regex REGEX.
wait_dmesg() {
	i=0
	while ! dmesg | grep -q -- "$1"; do
		i=$((i + 1))
		[ $i -lt 50 ] || { dmesg | tail; fail "no line matching '$1' in the kernel log"; }
		sleep 0.1
	done
}

# ---- syscall auditing (rules, fields, watches) ----
SYSC=$HELPERS/sysc

# log_barrier: returns once every record emitted before it is in auditd's
# log (auditd writes in order): a USER message, waited for.
log_barrier() {
	BARRIER_N=$((${BARRIER_N:-0} + 1))
	"$AUDITCTL" -m "barrier $$ $BARRIER_N" || fail "auditctl -m barrier"
	wait_log "barrier $$ $BARRIER_N "
}

# has_key KEY / no_key KEY: a SYSCALL record with key="KEY" is (is not) in
# the log, after a barrier.
has_key() {
	log_barrier
	grep -q "^type=SYSCALL .*key=\"$1\"" /var/log/audit/audit.log ||
		{ tail -30 /var/log/audit/audit.log; fail "no record with key $1"; }
	pass "key $1 logged"
}
no_key() {
	log_barrier
	if grep -q "^type=SYSCALL .*key=\"$1\"" /var/log/audit/audit.log; then
		grep "^type=SYSCALL .*key=\"$1\"" /var/log/audit/audit.log | head -5
		fail "record with key $1 logged"
	fi
	pass "key $1 not logged"
}

# rule ARGS...: auditctl ARGS, which must succeed.
rule() {
	"$AUDITCTL" "$@" >/dev/null || fail "auditctl $* refused"
}

# ---- the records of one event, in auditd's log ----
# log_serials REGEX: the serials of the records matching the extended
# regex REGEX, in log order; log_serial REGEX: the first of them.
log_serials() {
	grep -E -- "$1" /var/log/audit/audit.log |
		sed -E 's/.*msg=audit\([0-9.]+:([0-9]+)\).*/\1/'
}
log_serial() {
	log_serials "$1" | head -n 1
}
# log_event SERIAL: the record types of an event, in log order.
log_event() {
	grep -E "msg=audit\([0-9.]+:$1\)" /var/log/audit/audit.log |
		sed -E 's/^type=([A-Z_0-9]+) .*/\1/' | tr '\n' ' '
}
# log_records SERIAL TYPE: the text of the event's records of TYPE, after
# the stamp, without the fields auditd's enriched format appends.
log_records() {
	grep -E "^type=$2 msg=audit\([0-9.]+:$1\): " /var/log/audit/audit.log |
		sed -E 's/^[^)]*\): //; s/\x1d.*//'
}
# log_record SERIAL TYPE: the first of them.
log_record() {
	log_records "$1" "$2" | head -n 1
}
