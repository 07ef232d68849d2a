# debug: also
# Read-only log readers on the multicast group get every record, beside
# the daemon.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 >/dev/null
: >/tmp/mc
"$NL" reader /tmp/mc --multicast >/tmp/mc.status 2>&1 &
mc=$!
sleep 0.3
start_reader /tmp/daemon
"$AUDITCTL" -m "for everyone" || fail "auditctl -m"
wait_file /tmp/mc "^1005 audit\([0-9.]+:[0-9]+\): .*msg='.*for everyone"
wait_file /tmp/daemon "^1005 audit\([0-9.]+:[0-9]+\): .*msg='.*for everyone"
a=$(grep "for everyone" /tmp/mc | sed 's/.*audit(\([^)]*\)).*/\1/')
b=$(grep "for everyone" /tmp/daemon | sed 's/.*audit(\([^)]*\)).*/\1/')
expect_eq "same stamp and serial" "$a" "$b"
kill $mc
stop_reader
