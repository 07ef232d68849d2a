# `make bench` inside the UML guest (run by scripts/bench, one boot per
# kernel per round).  Writes $R/bench.out, one measurement a line:
#   micro CASE getppid|open|stat|file NS
#   ruleset NAME RULES-LOADED
#   daemon DAEMON EVENTS RECORDS LOST CALLS NS SECONDS LOG-BYTES
# Parameters from the kernel command line:
#   BENCH_KERNEL  ours | stock | noaudit (no audit: the same slots, no rules)
#   BENCH_N       calls per microbenchmark (file load: BENCH_N/5 rounds)
#   BENCH_DTIME   seconds of load in the daemon cases (0: none)
#   BENCH_ROUND   round number (which daemon goes first)
T=$AUDIT_TOP
B=$T/build/bench/bench
CTL=/sbin/auditctl
OUT=$R/bench.out
N=${BENCH_N:-10000}
NF=$((N / 5))
K=${BENCH_KERNEL:-ours}
: >"$OUT"
mkdir -p /tmp/bench /tmp/load
for i in 0 1 2 3 4 5 6 7 8 9; do mkdir -p /tmp/watch$i; done

ctl() {
	[ "$K" = noaudit ] && return
	ctl_out=$("$CTL" "$@" 2>&1) || echo "bench: auditctl $*: $ctl_out" >&2
}
field() { "$CTL" -s | awk -v k="$1" '$1 == k { print $2 }'; }

# One slot: a fresh process (so that it is created under the current
# rules, as the stock kernel decides per task at fork) runs every
# microbenchmark, then the file load.
measure() {
	"$B" /tmp/bench "$N" | sed "s/^/micro $1 /" >>"$OUT"
	"$B" -f /tmp/load "$NF" | sed "s/^/micro $1 /" >>"$OUT"
}

# rules N other|same: N exit rules that never match us (uid 10000+i; we
# run as root), naming either syscalls the benchmarks never make, or
# exactly the ones they time.
OTHER="mkdir rmdir chmod fchmod chown fchown lchown rename link symlink truncate ftruncate setxattr removexattr mknod"
rules() {
	awk -v n="$1" -v kind="$2" -v other="$OTHER" 'BEGIN {
		m = split(other, sys, " ")
		for (i = 0; i < n; i++) {
			s = kind == "same" ? "-S getppid -S openat -S stat" : "-S " sys[i % m + 1]
			printf "-a always,exit -F arch=b64 %s -F uid=%d\n", s, 10000 + i
		}
	}' >/tmp/rules
	ctl -D
	ctl -R /tmp/rules
	if [ "$K" != noaudit ]; then
		got=$("$CTL" -l | grep -c -- '-a always,exit')
		[ "$got" = "$1" ] || echo "bench: $got rules loaded, wanted $1" >&2
	fi
}

# (a) audit disabled (never enabled since boot), (b) enabled, no rules.
ctl -e 0
measure a
ctl -e 1
measure b
# (c) 1 to 1000 rules that never match.
for kind in other same; do
	for n in 1 10 100 1000; do
		rules $n $kind
		measure ${kind%"${kind#?}"}$n
	done
done
# (e) ten directory watches; the load runs in /tmp/load.
ctl -D
for i in 0 1 2 3 4 5 6 7 8 9; do
	ctl -a always,exit -F arch=b64 -F dir=/tmp/watch$i -F perm=wa
done
measure e
ctl -D

# (f) the rule sets Debian ships (/usr/share/doc/auditd/examples/rules),
# merged as augenrules merges rules.d (files in name order, comments
# out), less the control lines (-D, -b, -f, -e: the bench's own stay):
#   stig: 10-base-config 30-stig 31-privileged (made by the recipe in
#         its comments: the setuid files of /bin /sbin /usr/bin
#         /usr/sbin) 42-injection 43-module-load 71-networking
#   ospp: 10-base-config 30-ospp-v42*.rules 43-module-load
#   pci:  10-base-config 30-pci-dss-v31
# The benchmarks run as root with no login uid, as a service does, so
# the auid>=1000 rules do not match them: what is measured is what the
# rules cost the syscalls they do not log.
EX=/usr/share/doc/auditd/examples/rules
privileged() {
	for d in /bin /sbin /usr/bin /usr/sbin; do
		find "$d" -type f -perm -04000 2>/dev/null
	done | sort -u | awk '{ printf "-a always,exit -F path=%s -F perm=x -F auid>=1000 -F auid!=unset -F key=privileged\n", $1 }'
}
ruleset() { # ruleset NAME FILE...
	name=$1
	shift
	for f in "$@"; do
		case $f in
		31-privileged.rules) privileged ;;
		*) cat "$EX/$f" ;;
		esac
	done | grep -E '^-[aAw] ' >/tmp/ruleset.rules
	ctl -D
	[ "$K" = noaudit ] && return
	"$CTL" -c -R /tmp/ruleset.rules >/dev/null 2>/tmp/ruleset.err ||
		echo "bench: $name: $(grep -c 'error in line' /tmp/ruleset.err) rules refused: $(head -n 1 /tmp/ruleset.err)" >&2
	echo "ruleset $name $("$CTL" -l | grep -c '^-')" >>"$OUT"
}
if [ -d "$EX" ]; then
	ruleset stig 10-base-config.rules 30-stig.rules 31-privileged.rules \
		42-injection.rules 43-module-load.rules 71-networking.rules
	measure fstig
	# shellcheck disable=SC2046
	ruleset ospp 10-base-config.rules $(cd "$EX" && ls 30-ospp-v42*.rules) \
		43-module-load.rules
	measure fospp
	ruleset pci 10-base-config.rules 30-pci-dss-v31.rules
	measure fpci
	ctl -D
else
	echo "bench: no $EX (Debian's auditd package): no (f)" >&2
fi

# (d) one matching rule, a daemon writing to tmpfs.
[ "$K" = noaudit ] && exit 0
[ "${BENCH_DTIME:-0}" = 0 ] && exit 0
LOG=/var/log/audit/audit.log
mkdir -p /tmp/dconf
# Debian's own auditd.conf, which both daemons read, less log rotation
# and the free-space actions (the log is on a tmpfs of the guest's RAM).
sed -e 's/^max_log_file_action.*/max_log_file_action = IGNORE/' \
    -e 's/^space_left .*/space_left = 2/' \
    -e 's/^admin_space_left .*/admin_space_left = 1/' \
    /etc/audit/auditd.conf >/tmp/dconf/auditd.conf
chmod 600 /tmp/dconf/auditd.conf
sz() { stat -c %s $LOG 2>/dev/null || echo 0; }
now() { date +%s.%N; }

daemon_case() { # daemon_case NAME BINARY
	rm -f $LOG /run/auditd.pid
	ctl -e 0
	ctl -D
	"$2" -c /tmp/dconf -s enable || { echo "bench: $1 auditd did not start" >&2; return; }
	i=0
	while [ "$(field pid)" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	# 60 s at UML's HZ=100 (backlog_wait_time is in jiffies).
	ctl -b 8192 --backlog_wait_time 6000 --reset-lost
	ctl -a always,exit -F arch=b64 -S getppid -k bench
	sleep 0.5
	t0=$(now)
	"$B" -t "$BENCH_DTIME" >/tmp/load.out
	# Drained: nothing queued in the kernel and the log still for 0.5 s.
	last=$(sz) tlast=$(now) i=0
	while [ $i -lt 600 ]; do
		sleep 0.1
		s=$(sz)
		if [ "$s" != "$last" ]; then
			last=$s tlast=$(now)
		elif [ "$(field backlog)" = 0 ] &&
		     awk -v a="$(now)" -v b="$tlast" 'BEGIN { exit !(a - b > 0.5) }' ; then
			break
		fi
		i=$((i + 1))
	done
	lost=$(field lost)
	ctl -D
	pid=$(cat /run/auditd.pid 2>/dev/null)
	kill "$pid" 2>/dev/null
	i=0
	while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	bytes=$(cat $LOG* 2>/dev/null | wc -c)
	secs=$(awk -v a="$tlast" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')
	awk -v name="$1" -v lost="$lost" -v secs="$secs" -v bytes="$bytes" '
		FNR == NR { if ($1 == "calls") calls = $2; else ns = $2; next }
		{ if (!match($0, /msg=audit\([0-9.]+:[0-9]+\)/)) next
		  id = substr($0, RSTART, RLENGTH) }
		/^type=SYSCALL / && /key="bench"/ { ev[id] = 1; events++ }
		{ n[id]++ }
		END {
			for (id in ev) records += n[id]
			printf "daemon %s %d %d %d %d %s %s %d\n", name, events, records, lost, calls, ns, secs, bytes
		}' /tmp/load.out $LOG* >>"$OUT"
	rm -f $LOG*
}

if [ $((${BENCH_ROUND:-0} % 2)) = 0 ]; then
	daemon_case ours "$T/build/bin/auditd"
	daemon_case debian /sbin/auditd
else
	daemon_case debian /sbin/auditd
	daemon_case ours "$T/build/bin/auditd"
fi
exit 0
