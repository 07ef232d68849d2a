# debug: also
# vm: also
# A process killed by a signal that dumps core leaves an ANOM_ABEND
# record (aureport --anomaly reads them); SIGQUIT, asked for, does not.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
sh -c 'kill -SEGV $$' 2>/dev/null
sh -c 'kill -QUIT $$' 2>/dev/null
"$AUDITCTL" -m "abend barrier" >/dev/null
wait_log "abend barrier"
wait_log "^type=ANOM_ABEND msg=audit\([0-9.]+:[0-9]+\): auid=[0-9]+ uid=0 gid=0 ses=[0-9]+ (subj=[^ ]+ )?pid=[0-9]+ comm=\"sh\" exe=\"/usr/bin/dash\" sig=11 res=1"
pass "ANOM_ABEND for SIGSEGV"
grep -q "^type=ANOM_ABEND.*sig=3 " $AUDIT_LOG && fail "ANOM_ABEND for SIGQUIT"
pass "none for SIGQUIT"
aureport --anomaly -i --input $AUDIT_LOG 2>/dev/null | grep -q "ANOM_ABEND" ||
	fail "aureport --anomaly does not list it"
pass "aureport --anomaly lists it"
