# The harness of the integration tests (tests/README.md), sourced by each
# test inside the guest; dash, POSIX sh.  A test starts with
#
#     . "$AUDIT_TOP/tests/lib/harness.sh"
#     test_begin                     # or test_begin --ours / --keep
#
# prints "ok: WHAT" for each check that holds (pass, expect_eq) and stops
# at the first that does not (fail: "FAIL: WHAT", status 1).  Teardown
# runs however it ends.
set -u
T=${AUDIT_TOP:?}
HELPERS=$T/build/tests

# The tools: Debian's, or ours with test_begin --ours.  (In the x86_64
# Debian guest ours are /sbin's and Debian's are diverted: scripts/vm-boot
# sets DEBIAN_AUDITCTL and DEBIAN_AUDITD.)
DEBIAN_AUDITCTL=${DEBIAN_AUDITCTL:-/sbin/auditctl}
DEBIAN_AUDITD=${DEBIAN_AUDITD:-/sbin/auditd}
OURS_AUDITCTL=$T/build/bin/auditctl
OURS_AUDITD=$T/build/bin/auditd
AUDITCTL=${AUDITCTL:-$DEBIAN_AUDITCTL}
AUDITD=${AUDITD:-$DEBIAN_AUDITD}
# The log of Debian's auditd (start_auditd), on the guest's tmpfs.
AUDIT_LOG=/var/log/audit/audit.log
# The helpers (tests/helpers/): the netlink test client, a syscall with
# the arguments given, the auxiliary records' operations.
NL=$HELPERS/audit-nl
SYSC=$HELPERS/sysc
AUXOP=$HELPERS/auxop

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

# ---- waiting ----
# wait_until [-t SECONDS] [-i INTERVAL] CONDITION
# wait_until [-t SECONDS] [-i INTERVAL] COMMAND ARG...
# Until the condition holds: one argument is shell text, evaluated each
# time (as in "while ! CONDITION"); more are a command and its
# arguments, run as they are.  Tries every INTERVAL seconds (0.1) for
# SECONDS (10); returns 1 if it never held: "wait_until ... || fail ...".
# (The count of tries, not the clock, sets the limit, so that a slow
# kernel gets as many tries as a fast one.)
wait_until() {
	local _wu_t=10 _wu_i=0.1 _wu_n _wu_k=0
	while [ $# -gt 1 ]; do
		case $1 in
		-t) _wu_t=$2; shift 2 ;;
		-i) _wu_i=$2; shift 2 ;;
		*) break ;;
		esac
	done
	_wu_n=$(awk -v t="$_wu_t" -v i="$_wu_i" 'BEGIN { print int(t / i + 0.5) }')
	while :; do
		if [ $# = 1 ]; then
			eval "$1" && return 0
		else
			"$@" && return 0
		fi
		[ $_wu_k -lt $_wu_n ] || return 1
		sleep "$_wu_i"
		_wu_k=$((_wu_k + 1))
	done
}

# Conditions for wait_until.
# file_has FILE EREGEX: a line of FILE matches.
file_has() {
	grep -Eq -- "$2" "$1" 2>/dev/null
}
# has_lines FILE EREGEX N: N lines of FILE at least match.
has_lines() {
	[ "$(grep -Ec -- "$2" "$1" 2>/dev/null)" -ge "$3" ]
}
# registered [PID]: a daemon is registered (PID, if given).
registered() {
	local p
	p=$(status_field pid)
	if [ $# -gt 0 ]; then [ "$p" = "$1" ]; else [ -n "$p" ] && [ "$p" != 0 ]; fi
}
# unregistered: no daemon (or no audit at all: audit=0).
unregistered() {
	local p
	p=$(status_field pid)
	[ "${p:-0}" = 0 ]
}
# gone PID: the process PID has exited.
gone() {
	! kill -0 "$1" 2>/dev/null
}

# wait_file FILE EREGEX: until FILE has a line matching EREGEX (10 s).
wait_file() {
	wait_until file_has "$1" "$2" && return 0
	echo "--- $1:"; tail -20 "$1"
	fail "no line matching '$2' in $1"
}

# wait_log EREGEX: the same in $AUDIT_LOG.
wait_log() {
	wait_until file_has "$AUDIT_LOG" "$1" && return 0
	echo "--- audit.log:"; tail -20 "$AUDIT_LOG" 2>/dev/null
	fail "no record matching '$1' in the log"
}

# wait_dmesg REGEX: until the kernel log has a line matching the basic
# regex REGEX (5 s).
in_dmesg() {
	dmesg | grep -q -- "$1"
}
wait_dmesg() {
	wait_until -t 5 in_dmesg "$1" && return 0
	dmesg | tail
	fail "no line matching '$1' in the kernel log"
}

# ---- the audit configuration ----
# status_field NAME: one field of 'auditctl -s' (enabled, failure, pid,
# rate_limit, ...).
status_field() {
	"$AUDITCTL" -s | awk -v k="$1" '$1 == k { print $2 }'
}
# debian_status NAME: the same, as Debian's auditctl reads it.
debian_status() {
	"$DEBIAN_AUDITCTL" -s | awk -v k="$1" '$1 == k { print $2 }'
}

# check_settings READER: each setting changed with $AUDITCTL (-e, -f,
# -r, -b, --backlog_wait_time) reads back through READER FIELD (a
# command printing that field of the status).
check_settings() {
	local _cs_get=$1 _cs_f
	"$AUDITCTL" -e 1 >/dev/null || fail "-e 1"
	expect_eq enabled "$($_cs_get enabled)" 1
	"$AUDITCTL" -e 0 >/dev/null || fail "-e 0"
	expect_eq enabled "$($_cs_get enabled)" 0
	for _cs_f in 0 2 1; do
		"$AUDITCTL" -f $_cs_f >/dev/null || fail "-f $_cs_f"
		expect_eq failure "$($_cs_get failure)" $_cs_f
	done
	"$AUDITCTL" -r 250 >/dev/null || fail "-r 250"
	expect_eq rate_limit "$($_cs_get rate_limit)" 250
	"$AUDITCTL" -b 1234 >/dev/null || fail "-b 1234"
	expect_eq backlog_limit "$($_cs_get backlog_limit)" 1234
	"$AUDITCTL" --backlog_wait_time 777 >/dev/null || fail "--backlog_wait_time 777"
	expect_eq backlog_wait_time "$($_cs_get backlog_wait_time)" 777
}

# Daemons and readers a test left behind (one that failed exits early):
# auditd, ours or Debian's; the helpers that register or read (the test
# client, the overload and fault injection tests', the fuzzer).
stop_auditd() {
	if [ -f /run/auditd.pid ]; then
		kill "$(cat /run/auditd.pid)" 2>/dev/null
	fi
	pkill -x auditd 2>/dev/null
	wait_until -t 5 '! pgrep -x auditd >/dev/null'
	rm -f /run/auditd.pid
	return 0
}
stop_helpers() {
	pkill -9 -x 'audit-nl|overload|faultinj|audit-fuzz' 2>/dev/null
	wait_until -t 5 -i 0.05 unregistered || :
}

# reset_audit: back to the boot's defaults, so that tests sharing a boot
# do not see each other's settings.  (Not possible once a test has
# locked the configuration with -e 2.)
reset_audit() {
	stop_auditd
	stop_helpers
	"$AUDITCTL" -e 0 -f 1 -r 0 -b 64 --backlog_wait_time 0 >/dev/null ||
		fail "could not reset the audit configuration"
	"$AUDITCTL" -D >/dev/null ||
		fail "could not delete the rules"
	"$AUDITCTL" --reset-lost >/dev/null
}

# ---- a test's start and end ----
# test_begin [--ours] [--keep]: installs the teardown (test_end), which
# runs however the test ends: at the end of the script, at a failed
# check, on the SIGTERM of the run's timeout; then resets the audit
# configuration (reset_audit).
#   --ours  $AUDITCTL and $AUDITD are our auditctl and auditd (build/bin)
#   --keep  no reset, at the start or at the end: the boot's own state is
#           what the test looks at (boot parameters, audit=0, the stock
#           kernel, a panic to come); for a boot of its own
test_begin() {
	TEST_KEEP= TEST_ON_EXIT=
	while [ $# -gt 0 ]; do
		case $1 in
		--ours)
			AUDITCTL=$OURS_AUDITCTL AUDITD=$OURS_AUDITD
			[ -x "$AUDITCTL" ] && [ -x "$AUDITD" ] ||
				fail "no $AUDITCTL or $AUDITD; run make userspace"
			;;
		--keep) TEST_KEEP=1 ;;
		*) fail "test_begin: unknown option '$1'" ;;
		esac
		shift
	done
	trap test_end EXIT
	trap 'exit 143' TERM
	trap 'exit 130' INT
	[ -n "$TEST_KEEP" ] || reset_audit
}

# on_exit COMMAND: COMMAND (shell text) runs at teardown, before the
# rest of it; the last one given runs first.
on_exit() {
	TEST_ON_EXIT="$1
$TEST_ON_EXIT"
}

# test_end: the teardown (an EXIT trap; test_begin installs it).  The
# test's on_exit commands; its background jobs still running, ended;
# auditd and the readers stopped; unless --keep, the configuration reset
# (not when it is locked: -e 2 cannot be undone).  A teardown that
# fails fails the test.
test_end() {
	local rc=$? jobs=/tmp/.test-jobs.$$
	trap - EXIT TERM INT
	jobs -p >$jobs 2>/dev/null
	eval "$TEST_ON_EXIT"
	kill $(cat $jobs) 2>/dev/null
	rm -f $jobs
	if [ -z "$TEST_KEEP" ] && [ "$(status_field enabled)" != 2 ]; then
		reset_audit
	else
		[ -n "$TEST_KEEP" ] ||
			echo "teardown: the configuration is locked (enabled 2); left as it is"
		stop_auditd
		stop_helpers
	fi
	exit $rc
}

# ---- Debian's auditd ----
# start_auditd: Debian's auditd, logging to $AUDIT_LOG, registered.
start_auditd() {
	rm -f "$AUDIT_LOG"
	"$DEBIAN_AUDITD" || fail "auditd did not start"
	wait_until registered || fail "auditd did not register"
}

# ---- our auditd ----
# ours_auditd_conf DIR LOG SETTING...: DIR/auditd.conf for our auditd
# (auditd -c DIR): log_file LOG, then each SETTING ("key = value", or
# several such lines) on lines of its own.
ours_auditd_conf() {
	local dir=$1 log=$2
	shift 2
	printf 'log_file = %s\n' "$log" >"$dir/auditd.conf"
	printf '%s\n' "$@" >>"$dir/auditd.conf"
}

# audisp_remote_to PORT DIR: Debian's audisp-remote (which reads only
# /etc/audit/audisp-remote.conf) sends to 127.0.0.1:PORT, its queue in
# DIR: a copy of its file, changed so, bound over it until the teardown.
audisp_remote_to() {
	sed -e "s/^remote_server =.*/remote_server = 127.0.0.1/" -e "s/^port =.*/port = $1/" \
		-e "s/^network_failure_action =.*/network_failure_action = syslog/" \
		-e "s|^queue_file =.*|queue_file = $2/remote.queue|" \
		/etc/audit/audisp-remote.conf >"$2/audisp-remote.conf"
	mount --bind "$2/audisp-remote.conf" /etc/audit/audisp-remote.conf ||
		fail "bind audisp-remote.conf"
	on_exit "umount /etc/audit/audisp-remote.conf"
}

# plugin_conf FILE PATH [ARGS [FORMAT]]: FILE, the plugins.d file of an
# active output plugin PATH (format string unless FORMAT), mode 0640.
plugin_conf() {
	printf 'active = yes\ndirection = out\npath = %s\ntype = always\nformat = %s\n' \
		"$2" "${4:-string}" >"$1"
	[ -z "${3:-}" ] || printf 'args = %s\n' "$3" >>"$1"
	chmod 0640 "$1"
}

# start_syslog FILE: a reader on /dev/log (what syslog(3) writes to),
# each datagram a line of FILE, until the teardown.
start_syslog() {
	python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("/dev/log")
open(sys.argv[1] + ".ready", "w").close()
with open(sys.argv[1], "ab", buffering=0) as f:
    while True:
        f.write(s.recv(65536).replace(b"\n", b" ") + b"\n")
' "$1" &
	on_exit "kill $! 2>/dev/null; rm -f /dev/log"
	wait_until test -e "$1.ready" || fail "no /dev/log reader"
}

# ---- the test client's reader (audit-nl reader) ----
# start_reader OUT [OPTIONS...]: a registering reader in the background;
# sets READER_PID once the kernel acked its registration.
start_reader() {
	local out=$1
	shift
	: >"$out"
	"$NL" reader "$out" "$@" >"$out.status" 2>&1 &
	READER_PID=$!
	wait_until -t 5 -i 0.05 grep -q registered "$out.status" ||
		{ cat "$out.status"; fail "reader did not register"; }
}

stop_reader() {
	kill -9 "$READER_PID" 2>/dev/null
	wait "$READER_PID" 2>/dev/null
	wait_until -t 5 -i 0.05 unregistered || :
}

# ---- syscall auditing (rules, fields, watches) ----
# rule ARGS...: auditctl ARGS, which must succeed.
rule() {
	"$AUDITCTL" "$@" >/dev/null || fail "auditctl $* refused"
}

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
	grep -q "^type=SYSCALL .*key=\"$1\"" "$AUDIT_LOG" ||
		{ tail -30 "$AUDIT_LOG"; fail "no record with key $1"; }
	pass "key $1 logged"
}
no_key() {
	log_barrier
	if grep -q "^type=SYSCALL .*key=\"$1\"" "$AUDIT_LOG"; then
		grep "^type=SYSCALL .*key=\"$1\"" "$AUDIT_LOG" | head -5
		fail "record with key $1 logged"
	fi
	pass "key $1 not logged"
}

# interpreted KEY REGEX WHAT: "ausearch -k KEY -i" shows a line matching
# the basic regex REGEX (what the interpretation of WHAT should give).
interpreted() {
	if ausearch -k "$1" -i 2>/dev/null | grep -q -- "$2"; then
		pass "ausearch -i interprets $3"
		return 0
	fi
	ausearch -k "$1" -i
	fail "ausearch -i: $3 interpreted"
}

# ---- the records of one event, in $AUDIT_LOG ----
# log_serials EREGEX: the serials of the records matching EREGEX, in log
# order; log_serial EREGEX: the first of them.
log_serials() {
	grep -E -- "$1" "$AUDIT_LOG" |
		sed -E 's/.*msg=audit\([0-9.]+:([0-9]+)\).*/\1/'
}
log_serial() {
	log_serials "$1" | head -n 1
}
# event_of EREGEX WHAT: after a barrier, $s is the serial of the first
# record matching EREGEX; fails ("no WHAT record") when there is none.
event_of() {
	log_barrier
	s=$(log_serial "$1")
	[ -n "$s" ] || fail "no $2 record"
}
# log_event SERIAL: the record types of an event, in log order.
log_event() {
	grep -E "msg=audit\([0-9.]+:$1\)" "$AUDIT_LOG" |
		sed -E 's/^type=([A-Z_0-9]+) .*/\1/' | tr '\n' ' '
}
# log_records SERIAL TYPE: the text of the event's records of TYPE, after
# the stamp, without the fields auditd's enriched format appends.
log_records() {
	grep -E "^type=$2 msg=audit\([0-9.]+:$1\): " "$AUDIT_LOG" |
		sed -E 's/^[^)]*\): //; s/\x1d.*//'
}
# log_record SERIAL TYPE: the first of them.
log_record() {
	log_records "$1" "$2" | head -n 1
}
