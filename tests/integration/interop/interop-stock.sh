# kernel: stock
# Our auditctl and auditd against the stock Linux 6.12 audit (Debian's
# unpatched tree): status, rules listed exactly as Debian's auditctl lists
# them, and our daemon's log read by Debian's ausearch.
. "$AUDIT_TOP/tests/lib/harness.sh"
# (The stock kernel's own state at boot: nothing reset.  $AUDITCTL is
# Debian's, which status_field asks.)
test_begin --keep
uname -r
"$DEBIAN_AUDITCTL" -s >/dev/null || fail "Debian's auditctl cannot talk to the stock kernel"

# Status, set by ours, read by Debian's.
expect_eq "-s keys" "$("$OURS_AUDITCTL" -s | awk '{print $1}' | tr '\n' ' ')" \
	"$("$DEBIAN_AUDITCTL" -s | awk '{print $1}' | tr '\n' ' ')"
"$OURS_AUDITCTL" -e 1 -b 333 -r 0 -f 1 >/dev/null || fail "our auditctl -e 1 -b 333"
expect_eq "backlog_limit (Debian reads)" "$(status_field backlog_limit)" 333
expect_eq "enabled (Debian reads)" "$(status_field enabled)" 1

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
"$OURS_AUDITCTL" -R /tmp/interop.rules >/dev/null || fail "our auditctl -R on the stock kernel"
ours=$("$OURS_AUDITCTL" -l) theirs=$("$DEBIAN_AUDITCTL" -l)
echo "$theirs"
expect_eq "-l: ours = Debian's" "$ours" "$theirs"
expect_eq "rule count" "$(echo "$theirs" | wc -l)" 8
"$OURS_AUDITCTL" -D >/dev/null || fail "our auditctl -D"
expect_eq "after -D" "$("$DEBIAN_AUDITCTL" -l)" "No rules"
# Our -R's batches on the stock kernel: a duplicate on line 40 of 60
# stops the file there; what was sent after it in its datagram is
# deleted again; -D in batches empties the list.
awk 'BEGIN { for (i = 1; i <= 60; i++)
	printf "-a always,exit -F arch=b64 -S mkdir -F uid=%d\n", i == 40 ? 20005 : 20000 + i }' >/tmp/interop-batch.rules
chmod 600 /tmp/interop-batch.rules
if "$OURS_AUDITCTL" -R /tmp/interop-batch.rules >/dev/null 2>/tmp/interop.err; then fail "duplicate accepted by the stock kernel"; fi
grep -q "error in line 40 of" /tmp/interop.err || fail "line of the duplicate: $(cat /tmp/interop.err)"
expect_eq "stock: rules before line 40, none after" "$("$DEBIAN_AUDITCTL" -l | grep -c 'uid=')" 39
"$OURS_AUDITCTL" -D >/dev/null || fail "our auditctl -D of 39 rules"
expect_eq "after -D of the batch" "$("$DEBIAN_AUDITCTL" -l)" "No rules"

# Our daemon on the stock kernel; Debian's ausearch reads its log.
D=/tmp/interop-d
mkdir -p $D
ours_auditd_conf $D $D/audit.log "log_format = RAW" "flush = INCREMENTAL_ASYNC" "freq = 1"
printf -- '-D\n-w /tmp/interop-watched -p wa -k interop\n' >$D/audit.rules
"$OURS_AUDITD" -c $D || fail "our auditd did not start on the stock kernel"
wait_until -t 5 registered
expect_eq "registered" "$(status_field pid)" "$(cat /run/auditd.pid)"
"$OURS_AUDITCTL" -m "interop message" || fail "our auditctl -m"
# A new process: the stock kernel audits only tasks forked while enabled.
sh -c 'echo data >/tmp/interop-watched'
wait_until -t 5 "ausearch -k interop --input $D/audit.log >/dev/null 2>&1"
ausearch -i -k interop --input $D/audit.log | grep -q "name=/tmp/interop-watched" ||
	{ tail $D/audit.log; fail "ausearch -k interop on our daemon's log"; }
pass "ausearch -i -k finds the watch event in our daemon's log"
ausearch -m USER --input $D/audit.log | grep -q "interop message" || fail "USER record"
pass "our auditctl -m reached our auditd on the stock kernel"
kill "$(cat /run/auditd.pid)"
wait_until -t 5 unregistered
tail -n 1 $D/audit.log | grep -q "^type=DAEMON_END" || fail "DAEMON_END last"
pass "DAEMON_END written on SIGTERM"
"$DEBIAN_AUDITCTL" -D >/dev/null
