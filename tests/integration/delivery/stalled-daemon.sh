# debug: also
# A daemon that stops reading is noticed (a kernel warning names the
# records waiting) and waited for: nothing is dropped while the backlog
# has room, and everything arrives once it reads again.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 -b 1000 >/dev/null
rm -f /tmp/go
start_reader /tmp/slow --stall /tmp/go --rcvbuf 4096
"$NL" user 100 "while stalled" >/dev/null
sleep 6
dmesg | grep -q "audit: daemon is not reading; [0-9]* records waiting" ||
	{ dmesg | tail -5; fail "no warning about the stalled daemon"; }
pass "the stalled daemon is reported"
expect_eq lost "$(status_field lost)" 0
touch /tmp/go
wait_until -t 5 has_lines /tmp/slow "msg='while stalled" 100
expect_eq "delivered after it read again" "$(grep -c "msg='while stalled" /tmp/slow)" 100
stop_reader
