# kernel: stock
# Our auditctl and auditd against the stock Linux 6.12 audit (Debian's
# unpatched tree): status, rules listed exactly as Debian's auditctl lists
# them, and our daemon's log read by Debian's ausearch.
OURCTL=$AUDIT_TOP/build/bin/auditctl
OURD=$AUDIT_TOP/build/bin/auditd
. "$AUDIT_TOP/tests/lib/common.sh"
DEB=/sbin/auditctl
uname -r
"$DEB" -s >/dev/null || fail "Debian's auditctl cannot talk to the stock kernel"

# Status, set by ours, read by Debian's.
expect_eq "-s keys" "$("$OURCTL" -s | awk '{print $1}' | tr '\n' ' ')" \
	"$("$DEB" -s | awk '{print $1}' | tr '\n' ' ')"
"$OURCTL" -e 1 -b 333 -r 0 -f 1 >/dev/null || fail "our auditctl -e 1 -b 333"
expect_eq "backlog_limit (Debian reads)" "$("$DEB" -s | awk '$1=="backlog_limit"{print $2}')" 333
expect_eq "enabled (Debian reads)" "$("$DEB" -s | awk '$1=="enabled"{print $2}')" 1

# Rules added by ours are listed identically by both tools.
cat >/tmp/interop.rules <<'RULES'
-D
-w /etc/passwd -p wa -k identity
-w /etc/ -p wa -k etc
-a always,exit -F arch=b64 -S openat,open -F exit=-EACCES -k access
-a always,exit -F arch=b64 -S unlinkat -F auid>=1000 -F auid!=unset -k delete
-a never,exit -F arch=b64 -S getppid
-a always,exit -F arch=b64 -S execve -F uid=0 -F a0&0x1 -k exec
-a never,exclude -F msgtype=CWD
-A always,exit -F arch=b64 -S chmod -F success=0 -k first
RULES
"$OURCTL" -R /tmp/interop.rules >/dev/null || fail "our auditctl -R on the stock kernel"
ours=$("$OURCTL" -l) theirs=$("$DEB" -l)
echo "$theirs"
expect_eq "-l: ours = Debian's" "$ours" "$theirs"
expect_eq "rule count" "$(echo "$theirs" | wc -l)" 8
"$OURCTL" -D >/dev/null || fail "our auditctl -D"
expect_eq "after -D" "$("$DEB" -l)" "No rules"

# Our daemon on the stock kernel; Debian's ausearch reads its log.
D=/tmp/interop-d
mkdir -p $D
cat >$D/auditd.conf <<CONF
log_file = $D/audit.log
log_format = RAW
flush = INCREMENTAL_ASYNC
freq = 1
CONF
printf -- '-D\n-w /tmp/interop-watched -p wa -k interop\n' >$D/audit.rules
"$OURD" -c $D || fail "our auditd did not start on the stock kernel"
i=0
while [ "$("$DEB" -s | awk '$1=="pid"{print $2}')" = 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "registered" "$("$DEB" -s | awk '$1=="pid"{print $2}')" "$(cat /run/auditd.pid)"
"$OURCTL" -m "interop message" || fail "our auditctl -m"
# A new process: the stock kernel audits only tasks forked while enabled.
sh -c 'echo data >/tmp/interop-watched'
i=0
while ! ausearch -k interop --input $D/audit.log >/dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ausearch -i -k interop --input $D/audit.log | grep -q "name=/tmp/interop-watched" ||
	{ tail $D/audit.log; fail "ausearch -k interop on our daemon's log"; }
pass "ausearch -i -k finds the watch event in our daemon's log"
ausearch -m USER --input $D/audit.log | grep -q "interop message" || fail "USER record"
pass "our auditctl -m reached our auditd on the stock kernel"
kill "$(cat /run/auditd.pid)"
i=0
while [ "$("$DEB" -s | awk '$1=="pid"{print $2}')" != 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
tail -n 1 $D/audit.log | grep -q "^type=DAEMON_END" || fail "DAEMON_END last"
pass "DAEMON_END written on SIGTERM"
"$DEB" -D >/dev/null
