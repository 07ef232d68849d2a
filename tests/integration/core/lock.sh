# boot: own
# cmdline: audit=1 audit_backlog_limit=321
# The boot parameters, then enabled=2: every further change is refused.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --keep
expect_eq "enabled at boot" "$(status_field enabled)" 1
expect_eq "backlog_limit at boot" "$(status_field backlog_limit)" 321
"$AUDITCTL" -e 2 >/dev/null || fail "-e 2"
expect_eq enabled "$(status_field enabled)" 2
for args in "-e 1" "-e 0" "-f 0" "-r 5" "-b 5" "--backlog_wait_time 9"; do
	if "$AUDITCTL" $args >/dev/null 2>&1; then fail "auditctl $args accepted while locked"; fi
	pass "auditctl $args refused"
done
expect_eq "enabled" "$(status_field enabled)" 2
expect_eq "failure" "$(status_field failure)" 1
expect_eq "rate_limit" "$(status_field rate_limit)" 0
expect_eq "backlog_limit" "$(status_field backlog_limit)" 321
dmesg | grep -q "op=set audit_enabled=1 old=2 .*res=0" || fail "no refused CONFIG_CHANGE"
pass "refusals are on the record (res=0)"
"$AUDITCTL" -m "still logging" || fail "user messages while locked"
"$AUDITCTL" --reset-lost >/dev/null || fail "--reset-lost while locked"
start_reader /tmp/locked
wait_file /tmp/locked "msg='.*still logging"
pass "a daemon can register while locked"
