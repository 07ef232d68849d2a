# debug: also
# Records logged while no daemon is registered (after one was killed)
# reach the next daemon.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 >/dev/null
start_reader /tmp/first
"$AUDITCTL" -m "while the first listens" || fail "auditctl -m"
wait_file /tmp/first "^1005 .*msg='.*while the first listens"
stop_reader
expect_eq pid "$(status_field pid)" 0
"$AUDITCTL" -m "between daemons one" || fail "auditctl -m"
"$AUDITCTL" -m "between daemons two" || fail "auditctl -m"
start_reader /tmp/second
wait_file /tmp/second "^1005 .*msg='.*between daemons one"
wait_file /tmp/second "^1005 .*msg='.*between daemons two"
grep -q "between daemons" /tmp/first && fail "the dead reader got records"
# Held records come first, in order.
order=$(grep -o "between daemons [a-z]*" /tmp/second | tr '\n' ,)
expect_eq order "$order" "between daemons one,between daemons two,"
stop_reader
