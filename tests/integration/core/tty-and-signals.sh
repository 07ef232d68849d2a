# debug: also
# AUDIT_TTY_GET/SET for the calling process, and AUDIT_SIGNAL_INFO: who
# last signalled the daemon (Debian's auditd reports it on SIGHUP).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
expect_eq "tty set 1 1" "$("$NL" tty 1 1)" "set error=0 enabled=1 log_passwd=1"
expect_eq "tty set 0 0" "$("$NL" tty 0 0)" "set error=0 enabled=0 log_passwd=0"
expect_eq "tty set 2 0" "$("$NL" tty 2 0)" "set error=-22 enabled=0 log_passwd=0"
start_auditd
"$NL" tty 1 0 >/dev/null
wait_log "type=CONFIG_CHANGE .*op=tty_set old-enabled=0 new-enabled=1 old-log_passwd=0 new-log_passwd=0 .*res=1"
sh -c 'echo 4242 > /proc/self/loginuid; kill -HUP "$(cat /run/auditd.pid)"; echo $$ > /tmp/sender'
wait_log "type=DAEMON_CONFIG .*auid=4242 pid=$(cat /tmp/sender) "
pass "auditd learned who sent SIGHUP"
out=$("$NL" siginfo)
expect_eq "AUDIT_SIGNAL_INFO" "${out%% ctx=*}" "uid=4242 pid=$(cat /tmp/sender)"
