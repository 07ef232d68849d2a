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
