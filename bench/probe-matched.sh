# The matched-event probe of issue 15, inside the UML guest (one boot per
# kernel; scripts/probe-matched boots them): N getppid calls that one
# rule matches (-S getppid, backlog 8192, so that no task waits for
# room), timed while a daemon reads, and the context switches they cost:
# the whole guest's (/proc/stat ctxt), kauditd's and the daemon's
# (/proc/PID/status), from just before the timed calls to the drain.
# Writes $R/probe.out, a line per daemon:
#   probe DAEMON NS-PER-CALL EVENTS LOST CTXT KAUDITD-CS DAEMON-CS WAKEUPS
# (NS-PER-CALL: bench's getppid median; CTXT and the -CS counts are per
# matched event; WAKEUPS: the daemon's voluntary switches per event.)
# PROBE_N (default 2000) calls.
T=$AUDIT_TOP
B=$T/build/bench/bench
CTL=/sbin/auditctl
OUT=$R/probe.out
N=${PROBE_N:-2000}
LOG=/var/log/audit/audit.log
: >"$OUT"
mkdir -p /tmp/bench /tmp/pconf

field() { "$CTL" -s | awk -v k="$1" '$1 == k { print $2 }'; }
ctxt() { awk '$1 == "ctxt" { print $2 }' /proc/stat; }
cs() { # cs PID: voluntary + involuntary switches of PID
	awk '/^voluntary_ctxt_switches/ { v = $2 } /^nonvoluntary_ctxt_switches/ { n = $2 }
	     END { print v + n }' "/proc/$1/status" 2>/dev/null
}
vcs() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
kpid=$(pgrep -x kauditd | head -n 1)

probe() { # probe NAME BINARY FORMAT
	rm -f $LOG /run/auditd.pid
	sed -e 's/^max_log_file_action.*/max_log_file_action = IGNORE/' \
	    -e 's/^space_left .*/space_left = 2/' \
	    -e 's/^admin_space_left .*/admin_space_left = 1/' \
	    -e "s/^log_format.*/log_format = $3/" \
	    -e 's/^flush.*/flush = INCREMENTAL_ASYNC/' \
	    -e 's/^freq.*/freq = 20/' \
	    /etc/audit/auditd.conf >/tmp/pconf/auditd.conf
	chmod 600 /tmp/pconf/auditd.conf
	"$CTL" -D >/dev/null
	"$2" -c /tmp/pconf -s enable || { echo "probe: $1 did not start" >&2; return; }
	i=0
	while [ "$(field pid)" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	dpid=$(field pid)
	"$CTL" -b 8192 --backlog_wait_time 6000 --reset-lost >/dev/null
	"$CTL" -a always,exit -F arch=b64 -S getppid -k probe >/dev/null
	sleep 0.5
	c0=$(ctxt) k0=$(cs "$kpid") d0=$(cs "$dpid") v0=$(vcs "$dpid")
	ns=$("$B" /tmp/bench "$N" | awk '$1 == "getppid" { print $2 }')
	# Drained: nothing queued and the log still for half a second.
	last=-1 i=0
	while [ $i -lt 100 ]; do
		s=$(stat -c %s $LOG 2>/dev/null || echo 0)
		[ "$s" = "$last" ] && [ "$(field backlog)" = 0 ] && break
		last=$s
		sleep 0.5
		i=$((i + 1))
	done
	c1=$(ctxt) k1=$(cs "$kpid") d1=$(cs "$dpid") v1=$(vcs "$dpid")
	lost=$(field lost)
	"$CTL" -D >/dev/null
	kill "$dpid" 2>/dev/null
	i=0
	while kill -0 "$dpid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	ev=$(grep -c '^type=SYSCALL .*key="probe"' $LOG)
	awk -v n="$1" -v ns="$ns" -v ev="$ev" -v lost="$lost" \
	    -v c="$((c1 - c0))" -v k="$((k1 - k0))" -v d="$((d1 - d0))" -v v="$((v1 - v0))" \
	    'BEGIN { e = ev > 0 ? ev : 1
		printf "probe %s %s %d %s %.2f %.2f %.2f %.2f\n", n, ns, ev, lost, c / e, k / e, d / e, v / e }' >>"$OUT"
	rm -f $LOG*
}

probe debian-raw /sbin/auditd RAW
probe debian-enriched /sbin/auditd ENRICHED
probe ours "$T/build/bin/auditd" RAW
