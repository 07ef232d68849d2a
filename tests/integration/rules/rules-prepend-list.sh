# debug: also
# A rule added with -A (AUDIT_FILTER_PREPEND) is listed back as the
# administrator typed it, on its list: "-a always,exit ...", as the stock
# kernel does (it clears the prepend flag once the rule is in place).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
rule -a always,exit -F arch=b64 -S getpid -k ord-second
rule -A always,exit -F arch=b64 -S getpid -k ord-first
rule -A never,exclude -F msgtype=CWD
expect_eq "auditctl -l" "$("$AUDITCTL" -l | tr '\n' '|')" \
	"-a always,exit -F arch=b64 -S getpid -F key=ord-first|-a always,exit -F arch=b64 -S getpid -F key=ord-second|-a never,exclude -F msgtype=CWD|"
"$AUDITCTL" -d always,exit -F arch=b64 -S getpid -k ord-first || fail "-d of the prepended rule"
"$AUDITCTL" -D >/dev/null
# The same rule prepended is a new rule, in front (as on the stock
# kernel); appended again it is a duplicate.  Deleting removes one copy
# at a time.
R="exit -F arch=b64 -S getppid -F uid=4243"
rule -a never,$R
rule -A never,$R
rule -A never,$R
expect_eq "the same rule appended once, prepended twice" \
	"$("$AUDITCTL" -l | grep -c -- "-a never,exit -F arch=b64 -S getppid -F uid=4243")" 3
out=$("$AUDITCTL" -a never,$R 2>&1) && fail "appended duplicate accepted"
case "$out" in *"Rule exists"*) pass "appended duplicate: EEXIST" ;; *) fail "appended duplicate: '$out'" ;; esac
for n in 2 1 0; do
	"$AUDITCTL" -d never,$R >/dev/null || fail "-d with $((n + 1)) copies"
	expect_eq "copies left" "$("$AUDITCTL" -l | grep -c -- "-F uid=4243")" $n
done
if "$AUDITCTL" -d never,$R >/dev/null 2>&1; then fail "-d with no copy left"; fi
pass "-d with no copy left: refused"
