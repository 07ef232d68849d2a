# debug: also
# With no daemon registered, records go to the kernel log.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 >/dev/null
"$AUDITCTL" -m "to the kernel log" || fail "auditctl -m"
wait_dmesg "audit: type=1005 audit(.*msg='.*to the kernel log"
pass "USER record printed via printk"
dmesg | grep -q "audit: type=1305 audit(.*op=set audit_enabled=1 old=0" ||
	fail "no CONFIG_CHANGE in the kernel log"
pass "CONFIG_CHANGE printed via printk"
