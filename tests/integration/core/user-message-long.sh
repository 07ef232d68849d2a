# debug: also
# A user message longer than a record can carry, sent straight over the
# socket: its text is cut to AUDIT_MESSAGE_TEXT_MAX (8560) bytes, as the
# stock kernel does; the record still arrives, and the kernel does not
# warn (a format precision past 32 KiB made vsprintf WARN, a crash under
# panic_on_warn).  TTY data is cut to half of that (it may double in hex).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 >/dev/null
start_reader /tmp/long
dmesg -c >/dev/null

# expect_text TYPE LEN WANT: one message of LEN bytes gives a record whose
# run of A's is WANT long.
expect_text() {
	expect_eq "ack of a $2-byte message of type $1" "$("$NL" big "$1" "$2")" "error=0"
	wait_until -t 5 file_has /tmp/long "^$1 "
	got=$(grep "^$1 " /tmp/long | tail -n 1 | grep -o "AAAA*" | head -n 1 | tr -d '\n' | wc -c)
	expect_eq "text carried of a $2-byte message of type $1" "$got" "$3"
	: >/tmp/long
}

expect_text 1005 40000 8560
expect_text 1005 65000 8560
expect_text 1005 9000 8560
expect_text 1005 8000 8000
# AUDIT_USER_TTY: data=, cut to 4280 bytes (hex would double it).
got=$("$NL" big 1124 40000)
expect_eq "ack of a long TTY message" "$got" "error=0"
wait_file /tmp/long "^1124 .*data="
len=$(grep "^1124 " /tmp/long | grep -o "AAAA*" | head -n 1 | tr -d '\n' | wc -c)
expect_eq "TTY data carried" "$len" 4280
if dmesg | grep -E "WARNING:|precision" >/dev/null; then
	dmesg | tail
	fail "the kernel warned"
fi
pass "no kernel warning"
expect_eq lost "$(status_field lost)" 0
stop_reader
