# Shipping to an existing collector engine: Debian's audisp-syslog, a
# plugin of our auditd, writes each record to syslog; an rsyslog on the
# guest's /dev/log forwards them over TCP in RFC 5424 (octet-counted
# framing) to a second rsyslog, the central one, which writes a file.
# Every record reaches the file once, in order, whole: an event of
# several records with an EXECVE of some 8 KiB among them arrives with
# the same text as in our log.  The configurations are the admin guide's
# ("Shipping the log through rsyslog").
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-rsyslog
P=$D/plugins.d
PORT=6514
[ -x /usr/sbin/rsyslogd ] || fail "no /usr/sbin/rsyslogd (Debian's rsyslog)"
[ -x /sbin/audisp-syslog ] || fail "no /sbin/audisp-syslog (Debian's audispd-plugins)"
rm -rf $D
mkdir -p $P $D/edge $D/central
ip link set lo up || fail "loopback up"

# The central rsyslog: TCP in, one file; the record is the message.
cat >$D/central.conf <<EOF
global(workDirectory="$D/central" maxMessageSize="64k")
module(load="imtcp")
template(name="auditrec" type="string"
	 string="%protocol-version% %app-name%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\n")
ruleset(name="remote") {
	action(type="omfile" file="$D/central/audit.log" template="auditrec")
}
input(type="imtcp" port="$PORT" ruleset="remote")
EOF
/usr/sbin/rsyslogd -n -f $D/central.conf -i $D/central.pid >$D/central.out 2>&1 &
CENTRAL=$!
on_exit "kill $CENTRAL 2>/dev/null"
wait_until -t 10 sh -c "ss -ltn 2>/dev/null | grep -q ':$PORT '" ||
	{ cat $D/central.out; fail "the central rsyslog does not listen on $PORT"; }

# The edge rsyslog: /dev/log in; audisp-syslog's messages forwarded.
cat >$D/edge.conf <<EOF
global(workDirectory="$D/edge" maxMessageSize="64k")
module(load="imuxsock" SysSock.RateLimit.Interval="0")
if \$programname == "audisp-syslog" then {
	action(type="omfwd" target="127.0.0.1" port="$PORT" protocol="tcp"
	       TCP_Framing="octet-counted"
	       template="RSYSLOG_SyslogProtocol23Format"
	       queue.type="LinkedList" queue.filename="fwd"
	       action.resumeRetryCount="-1")
	stop
}
EOF
/usr/sbin/rsyslogd -n -f $D/edge.conf -i $D/edge.pid >$D/edge.out 2>&1 &
EDGE=$!
on_exit "kill $EDGE 2>/dev/null; rm -f /dev/log"
wait_until -t 10 test -S /dev/log || { cat $D/edge.out; fail "the edge rsyslog has no /dev/log"; }

plugin_conf $P/syslog.conf /sbin/audisp-syslog LOG_INFO
ours_auditd_conf $D $D/audit.log "log_format = RAW" "freq = 20" "max_log_file = 0" \
	"space_left = 1" "admin_space_left = 1" "name_format = user" "name = edgebox" \
	"plugin_dir = $P"
"$AUDITD" -f -c $D 2>$D/err &
OURS=$!
wait_until registered "$OURS" || { cat $D/err; fail "our auditd did not register"; }

# An event of several records, one of them long; then 200 in a row.
"$AUDITCTL" -w /usr/bin/printenv -p x -k ship >/dev/null
long=$(printf '%0240d' 0 | tr 0 a)
set --
for i in $(seq 1 32); do set -- "$@" "$i$long"; done
/usr/bin/printenv "$@" 'a "quoted" arg' >/dev/null
# A PATH record over rsyslog's default 8 KiB: a name of 4,037 bytes with
# a space, which the record spells in hex.
"$AUDITCTL" -a always,exit -F arch=b64 -S openat -F a3=0x5a5a -k shiplong >/dev/null
name="$D/a b"
for i in $(seq 1 16); do name="$name/$(printf '%0250d' $i)"; done
"$SYSC" 257 -100 "s:$name" 0 0x5a5a >/dev/null
for i in $(seq 1 200); do "$AUDITCTL" -m "ship-$i" >/dev/null; done
wait_file $D/audit.log "ship-200"

C=$D/central/audit.log
wait_until -t 30 file_has $C "ship-200" ||
	{ cat $D/edge.out $D/central.out; tail -3 $C; fail "the central file lacks the last record"; }
other=$(grep -v '^1 audisp-syslog ' $C | cut -c 1-300)
[ -z "$other" ] || fail "lines at the central file not from audisp-syslog in RFC 5424: $other"
pass "every line at the central file from audisp-syslog, in RFC 5424"
got=$(grep -o "^1 audisp-syslog node=edgebox type=USER .*msg='ship-[0-9]*" $C |
	sed 's/.*ship-//' | tr '\n' ' ')
expect_eq "the central file's ship records" "$got" "$(seq 1 200 | tr '\n' ' ')"
pass "every record at the central rsyslog once, in order"

# The event whole: its records, in order, as our log has them, then EOE.
s=$(grep -E '^node=edgebox type=SYSCALL .*key="ship"' $D/audit.log |
	sed -E 's/.*msg=audit\([0-9.]+:([0-9]+)\).*/\1/' | head -n 1)
[ -n "$s" ] || fail "no SYSCALL record of the printenv watch in our log"
grep -E "msg=audit\([0-9.]+:$s\)" $D/audit.log >$D/event.ours
sed -n 's/^1 audisp-syslog //p' $C | grep -E "msg=audit\([0-9.]+:$s\)" >$D/event.all
# The dispatcher passes the EOE on (as Debian's does); the log has none.
grep -v '^node=edgebox type=EOE ' $D/event.all >$D/event.central
expect_eq "the event's end at the central file" \
	"$(grep -c "^node=edgebox type=EOE msg=audit([0-9.]*:$s): *\$" $D/event.all)" 1
types=$(sed -E 's/^node=[^ ]* type=([A-Z_]+) .*/\1/' $D/event.ours | sort -u | tr '\n' ' ')
case $types in
*EXECVE*PATH*SYSCALL*) ;;
*) fail "the event's records: $types" ;;
esac
longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n }' $D/event.ours)
[ "$longest" -gt 7000 ] || fail "the event's longest record is $longest bytes"
cmp -s $D/event.ours $D/event.central ||
	{ diff $D/event.ours $D/event.central | cut -c 1-200; fail "the event differs at the central file"; }
pass "the printenv event: $(wc -l <$D/event.ours) records ($types), the longest $longest bytes, the same at the central file"

# The long PATH record whole.
grep -E '^node=edgebox type=PATH .*name=2F746D702F6F7572732D727379736C6F672F6120622F' $D/audit.log |
	awk 'length($0) > 8192' >$D/long.ours
[ "$(wc -l <$D/long.ours)" = 1 ] || { grep -A3 shiplong $D/audit.log | cut -c 1-400; fail "our log has $(wc -l <$D/long.ours) PATH records of the long name"; }
sed -n 's/^1 audisp-syslog //p' $C | grep -F -x -f $D/long.ours >$D/long.central
expect_eq "the long PATH record ($(wc -c <$D/long.ours) bytes) at the central file" \
	"$(wc -l <$D/long.central)" 1

kill -TERM "$OURS"
wait "$OURS"
expect_eq "our auditd's exit status" $? 0
