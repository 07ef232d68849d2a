# debug: also
# With no daemon registered, records go to the kernel log.
. "$AUDIT_TOP/tests/lib/common.sh"
reset_audit
"$AUDITCTL" -e 1 >/dev/null
"$AUDITCTL" -m "to the kernel log" || fail "auditctl -m"
i=0
while ! dmesg | grep -q "audit: type=1005 audit(.*msg='.*to the kernel log"; do
	i=$((i + 1)); [ $i -lt 50 ] || { dmesg | tail; fail "no USER record in the kernel log"; }
	sleep 0.1
done
pass "USER record printed via printk"
dmesg | grep -q "audit: type=1305 audit(.*op=set audit_enabled=1 old=0" ||
	fail "no CONFIG_CHANGE in the kernel log"
pass "CONFIG_CHANGE printed via printk"
reset_audit
