# debug: also
# TIME_INJOFFSET (the clock stepped by an offset) and TIME_ADJNTPVAL (an
# NTP value adjtimex changed, old and new): in the event of an audited
# adjtimex or clock_adjtime, interpreted by ausearch -i.  The clock is
# put back as it was.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

rule -a always,exit -F arch=b64 -S adjtimex -S clock_adjtime -k rtime
"$AUXOP" adjoffset 1 || fail "step the clock by 1s"
"$AUXOP" adjoffset -1 || fail "step the clock back"
# A step by nothing changes nothing: no record.
"$AUXOP" adjoffset 0 || fail "step the clock by 0s"
old=$("$AUXOP" ntpfreq 65536) || fail "set the frequency"
"$AUXOP" ntpfreq "${old#old=}" >/dev/null || fail "restore the frequency"
log_barrier

# ---- TIME_INJOFFSET ----
expect_eq "TIME_INJOFFSET records" "$(grep '^type=TIME_INJOFFSET ' $AUDIT_LOG | sed -E 's/^[^)]*\): //; s/\x1d.*//' | tr '\n' '|')" \
	"sec=1 nsec=0|sec=-1 nsec=0|"
s=$(log_serial '^type=TIME_INJOFFSET .*: sec=1 nsec=0')
log_record "$s" SYSCALL | grep -Eq '^arch=c000003e syscall=(159|305) success=yes .*key="rtime"' ||
	{ grep ":$s)" $AUDIT_LOG; fail "TIME_INJOFFSET in the adjtimex event"; }
pass "TIME_INJOFFSET in the event of the adjtimex"
ausearch -k rtime -m TIME_INJOFFSET -i 2>/dev/null | grep -q '^type=TIME_INJOFFSET .* sec=-1 nsec=0' ||
	fail "ausearch -i: TIME_INJOFFSET"
pass "ausearch -i finds TIME_INJOFFSET"

# ---- TIME_ADJNTPVAL: the frequency, set and put back ----
set -- $(log_serials '^type=TIME_ADJNTPVAL .*: op=freq ')
[ $# = 2 ] || fail "want 2 op=freq records, got $#"
a=$(log_records "$1" TIME_ADJNTPVAL | grep '^op=freq ')
b=$(log_records "$2" TIME_ADJNTPVAL | grep '^op=freq ')
was=$(echo "$a" | sed -E 's/^op=freq old=(-?[0-9]+) new=(-?[0-9]+)$/\1/')
is=$(echo "$a" | sed -E 's/^op=freq old=(-?[0-9]+) new=(-?[0-9]+)$/\2/')
[ -n "$was" ] && [ "$was" != "$is" ] || fail "op=freq record: '$a'"
expect_eq "op=freq put back" "$b" "op=freq old=$is new=$was"
log_record "$1" SYSCALL | grep -q 'key="rtime"' || fail "TIME_ADJNTPVAL in the adjtimex event"
ausearch -k rtime -m TIME_ADJNTPVAL -i 2>/dev/null | grep -q "^type=TIME_ADJNTPVAL .* op=freq old=$was new=$is" ||
	fail "ausearch -i: TIME_ADJNTPVAL"
pass "ausearch -i finds TIME_ADJNTPVAL"

# ---- not audited, no record ----
"$AUDITCTL" -D >/dev/null
rule -a always,exit -F arch=b64 -S getpid -k runrelated
"$AUXOP" adjoffset 1 && "$AUXOP" adjoffset -1 || fail "step the clock"
log_barrier
expect_eq "TIME_INJOFFSET records after unaudited steps" "$(grep -c '^type=TIME_INJOFFSET ' $AUDIT_LOG)" 2

# ---- the event's time is the syscall's entry, before the clock moved ----
"$AUDITCTL" -D >/dev/null
rule -a always,exit -F arch=b64 -S adjtimex -S clock_adjtime -k rstep
t0=$(date +%s)
"$AUXOP" adjoffset -100000 || fail "step the clock back by 100000s"
"$AUXOP" adjoffset 100000 || fail "step the clock forward again"
log_barrier
back=$(log_serial '^type=TIME_INJOFFSET .*: sec=-100000 nsec=0')
fwd=$(log_serial '^type=TIME_INJOFFSET .*: sec=100000 nsec=0')
stamp() { grep -m1 -E "^type=SYSCALL msg=audit\([0-9]+\.[0-9]+:$1\)" $AUDIT_LOG | sed -E 's/^type=SYSCALL msg=audit\(([0-9]+)\..*/\1/'; }
tb=$(stamp "$back") tf=$(stamp "$fwd")
[ -n "$tb" ] && [ -n "$tf" ] || fail "no SYSCALL records of the steps"
[ $((tb - t0)) -ge 0 ] && [ $((tb - t0)) -lt 30 ] ||
	fail "the step back is stamped $tb, not its entry (about $t0)"
pass "the step back is stamped at its entry ($tb), not after the step"
[ $((t0 - 100000 - tf)) -le 0 ] && [ $((tf - (t0 - 100000))) -lt 30 ] ||
	fail "the step forward is stamped $tf, not its entry (about $((t0 - 100000)))"
pass "the step forward is stamped at its entry ($tf), before the step"
