# debug: also
# vm: also
# Debian's auditd receives a user message sent with Debian's auditctl -m,
# and the CONFIG_CHANGE record of every status change.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
expect_eq enabled "$(status_field enabled)" 1
"$AUDITCTL" -m "hello from the guest" || fail "auditctl -m"
wait_log "^type=USER msg=audit\([0-9]+\.[0-9]{3}:[0-9]+\): pid=[0-9]+ uid=0 auid=[0-9]+ ses=[0-9]+ .*msg='.*hello from the guest"
pass "USER record in auditd's log"
"$AUDITCTL" -r 7 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set audit_rate_limit=7 old=0 auid=[0-9]+ ses=[0-9]+.* res=1"
"$AUDITCTL" -r 0 >/dev/null
"$AUDITCTL" -b 99 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set audit_backlog_limit=99 old=64 .*res=1"
"$AUDITCTL" -f 2 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set audit_failure=2 old=1 .*res=1"
"$AUDITCTL" -f 1 >/dev/null
"$AUDITCTL" --backlog_wait_time 50 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set audit_backlog_wait_time=50 old=0 .*res=1"
"$AUDITCTL" --reset-lost >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set lost=0 old=0 .*res=1"
"$AUDITCTL" -e 0 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set audit_enabled=0 old=1 .*res=1"
"$AUDITCTL" -e 1 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=set audit_pid=[0-9]+ old=0 .*res=1"
pass "CONFIG_CHANGE for every change"
ausearch -m USER -i 2>/dev/null | grep -q "hello from the guest" || fail "ausearch -m USER"
pass "ausearch reads the USER record"
