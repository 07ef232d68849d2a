# boot: own
# expect: panic audit: rate limit exceeded
# failure=2: losing a record panics the kernel.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --keep
"$AUDITCTL" -e 1 -r 1 >/dev/null
"$AUDITCTL" -f 2 >/dev/null
"$NL" user 20 "over the limit"
echo "FAIL: still alive"
