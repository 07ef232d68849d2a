# debug: also
# boot: own
# cmdline: audit=1
# SELinux denials in the audit log, end to end (issue 5): our test policy
# (tests/selinux/policy.conf, built into build/selinux/policy.33) is
# loaded and enforced; the denial of a read is an AVC record followed by
# its SYSCALL record with the same serial, in Debian's auditd's log, in
# the kernel log when no daemon is registered (rate-limited), and in our
# auditd's log; MAC_POLICY_LOAD and MAC_STATUS; rules on every subj_* and
# obj_* field, matching and not; ausearch -m AVC reads it all.
# Own boot: a loaded policy cannot be unloaded.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
POLICY=$T/build/selinux/policy.33
[ -f "$POLICY" ] || fail "no $POLICY; run make userspace"
LOG=$AUDIT_LOG
D=/tmp/selinux
SECRET=$D/secret
MARKED=$D/marked

# serial_of FILE REGEX: the serial of the last record matching REGEX.
serial_of() {
	grep -E -- "$2" "$1" | tail -n 1 | sed -n 's/.*msg=audit([0-9.]*:\([0-9]*\)).*/\1/p'
}
# event FILE SERIAL: the record types of one event, in log order.
event_types() {
	grep -- "msg=audit([0-9.]*:$2)" "$1" | sed 's/^\(node=[^ ]* \)\{0,1\}type=\([A-Z_]*\) .*/\2/' | tr '\n' ' '
}
# check_denial FILE: the last denial of $SECRET in FILE is an AVC record
# in the standard form, followed by the openat's SYSCALL (same serial,
# same pid, EACCES).
check_denial() {
	avc_re='type=AVC msg=audit\([0-9]+\.[0-9]{3}:[0-9]+\): avc:  denied  \{ read \} for  pid=[0-9]+ comm="cat" name="secret" dev="tmpfs" ino=[0-9]+ scontext=system_u:system_r:kernel_t:s0-s1:c0,c1 tcontext=system_u:object_r:secret_t:s0 tclass=file permissive=0'
	wait_file "$1" "$avc_re"
	s=$(serial_of "$1" "$avc_re")
	wait_file "$1" "type=SYSCALL msg=audit\([0-9.]+:$s\)"
	case "$(event_types "$1" "$s")" in
	"AVC SYSCALL "*) ;;
	*) grep "msg=audit([0-9.]*:$s)" "$1"; fail "event $s is not AVC then SYSCALL" ;;
	esac
	avc_pid=$(grep "type=AVC msg=audit([0-9.]*:$s)" "$1" | sed 's/.* pid=\([0-9]*\) .*/\1/')
	grep "type=SYSCALL msg=audit([0-9.]*:$s)" "$1" |
		grep -Eq " syscall=257 success=no exit=-13 .* pid=$avc_pid .*comm=\"cat\" .*subj=system_u:system_r:kernel_t:s0-s1:c0,c1 " ||
		{ grep "msg=audit([0-9.]*:$s)" "$1"; fail "SYSCALL of event $s is not cat's failed openat"; }
	pass "$1: AVC denial then its SYSCALL, serial $s"
}

# ---- SELinux is on, permissive, no policy ----
mount -t selinuxfs selinuxfs /sys/fs/selinux || fail "mount selinuxfs"
expect_eq "enforce before the policy" "$(cat /sys/fs/selinux/enforce)" 0
expect_eq "our context before the policy" "$(tr -d '\0' </proc/self/attr/current)" kernel

# ---- policy load and enforcing, with Debian's auditd ----
start_auditd
cat "$POLICY" >/sys/fs/selinux/load || fail "loading $POLICY"
wait_log "^type=MAC_POLICY_LOAD msg=audit\([0-9.]+:[0-9]+\): auid=[0-9]+ ses=[0-9]+ lsm=selinux res=1"
pass "MAC_POLICY_LOAD"
expect_eq "our context after the policy" "$(tr -d '\0' </proc/self/attr/current)" \
	system_u:system_r:kernel_t:s0-s1:c0,c1
mkdir -p $D
echo "not for kernel_t" >$SECRET
echo "readable" >$MARKED
chcon system_u:object_r:secret_t:s0 $SECRET || fail "chcon $SECRET"
chcon system_u:object_r:marked_t:s0-s1:c1 $MARKED || fail "chcon $MARKED"
expect_eq "label of $SECRET" "$(stat -c %C $SECRET)" system_u:object_r:secret_t:s0
# The policy denies nothing else the guest does.
log_barrier
grep -q "avc:  denied" $LOG && { grep "avc:  denied" $LOG; fail "denials before the test's own"; }
pass "no other denial with the policy loaded"
# Permissive: logged, not enforced.
cat $SECRET >/dev/null || fail "read denied while permissive"
wait_log '^type=AVC .*avc:  denied  \{ read \} for  pid=[0-9]+ comm="cat" name="secret" .* permissive=1'
pass "permissive: the read is allowed and logged with permissive=1"
echo 1 >/sys/fs/selinux/enforce || fail "setting enforcing"
expect_eq enforce "$(cat /sys/fs/selinux/enforce)" 1
wait_log "^type=MAC_STATUS msg=audit\([0-9.]+:[0-9]+\): enforcing=1 old_enforcing=0 auid=[0-9]+ ses=[0-9]+ enabled=1 old-enabled=1 lsm=selinux res=1"
pass "MAC_STATUS on enforcing"

# ---- the denial ----
if cat $SECRET 2>/tmp/cat.err; then fail "kernel_t read secret_t"; fi
grep -q "Permission denied" /tmp/cat.err || fail "cat: $(cat /tmp/cat.err)"
pass "read of secret_t denied"
cat $MARKED >/dev/null || fail "read of marked_t denied"
check_denial $LOG

# ---- Debian's ausearch ----
s=$(serial_of $LOG 'type=AVC .*name="secret"')
ausearch -if $LOG -m AVC -a "$s" >/tmp/as.raw 2>&1 || { cat /tmp/as.raw; fail "ausearch -m AVC"; }
grep -q '^type=AVC .*avc:  denied  { read } .*name="secret"' /tmp/as.raw || { cat /tmp/as.raw; fail "ausearch -m AVC: no AVC"; }
grep -q '^type=SYSCALL .*syscall=257 success=no exit=-13' /tmp/as.raw || { cat /tmp/as.raw; fail "ausearch -m AVC: no SYSCALL in the event"; }
pass "ausearch -m AVC: the AVC and its SYSCALL as one event"
ausearch -if $LOG -m AVC -a "$s" -i >/tmp/as.i 2>&1 || { cat /tmp/as.i; fail "ausearch -m AVC -i"; }
grep -q '^type=AVC .*avc:  denied  { read } for  pid=[0-9]* comm=cat name=secret .*tcontext=system_u:object_r:secret_t:s0 tclass=file permissive=0' /tmp/as.i ||
	{ cat /tmp/as.i; fail "ausearch -i: AVC"; }
grep -q '^type=SYSCALL .*syscall=openat success=no exit=EACCES' /tmp/as.i || { cat /tmp/as.i; fail "ausearch -i: SYSCALL"; }
pass "ausearch -m AVC -i interprets both"
ausearch -if $LOG -m MAC_POLICY_LOAD >/dev/null 2>&1 || fail "ausearch -m MAC_POLICY_LOAD"
ausearch -if $LOG -m MAC_STATUS >/dev/null 2>&1 || fail "ausearch -m MAC_STATUS"
ausearch -if $LOG -se secret_t >/dev/null 2>&1 || fail "ausearch -se secret_t"
pass "ausearch finds MAC_POLICY_LOAD, MAC_STATUS and the context"

# ---- rules on security contexts ----
# For each field a rule that must not match, then one that must, on the
# openat of $MARKED (system_u:object_r:marked_t:s0-s1:c1) by cat
# (system_u:system_r:kernel_t:s0-s1:c0,c1).  Exit rules stop at the first
# match, so the matching rule's key shows the other did not match.
# subj_* rules add obj_type=marked_t only to keep the log small.
# has_event KEY: an event with key KEY whose PATH names $MARKED.
has_event() {
	log_barrier
	for s in $(grep "^type=SYSCALL .*key=\"$1\"" $LOG | sed -n 's/.*msg=audit([0-9.]*:\([0-9]*\)).*/\1/p'); do
		grep -q "^type=PATH msg=audit([0-9.]*:$s): item=0 name=\"$MARKED\"" $LOG && return 0
	done
	tail -n 30 $LOG
	fail "no event with key $1 naming $MARKED"
}
check_field() { # check_field FIELD MATCHING NOT-MATCHING [NARROWING...]
	f=$1 yes=$2 no=$3
	shift 3
	"$AUDITCTL" -D >/dev/null
	rule -a always,exit -F arch=b64 -S openat -F "$f=$no" "$@" -k "$f-no"
	rule -a always,exit -F arch=b64 -S openat -F "$f=$yes" "$@" -k "$f-yes"
	cat $MARKED >/dev/null || fail "cat $MARKED"
	has_event "$f-yes"
	pass "$f=$yes matches"
	no_key "$f-no"
	pass "$f=$no does not match"
}
N="-F obj_type=marked_t"
check_field subj_user system_u test_u $N
check_field subj_role system_r test_r $N
check_field subj_type kernel_t other_t $N
check_field subj_sen s0 s1 $N
check_field subj_clr s1:c0.c1 s1:c0 $N
check_field obj_user system_u test_u
check_field obj_role object_r test_r
check_field obj_type marked_t other_t
check_field obj_lev_low s0 s1
check_field obj_lev_high s1:c1 s1:c0
# != and the level comparisons go through the same hook.
"$AUDITCTL" -D >/dev/null
rule -a always,exit -F arch=b64 -S openat -F obj_type!=marked_t -F obj_lev_high=s1:c1 -k ne-no
rule -a always,exit -F arch=b64 -S openat -F subj_type!=other_t -F obj_lev_high=s1:c1 -k ne-yes
cat $MARKED >/dev/null
has_event ne-yes
no_key ne-no
pass "!= on types"
"$AUDITCTL" -D >/dev/null
# A policy reload recompiles the rules (audit_update_lsm_rules): they
# still match.
rule -a always,exit -F arch=b64 -S openat -F obj_type=marked_t -k reloaded
cat "$POLICY" >/sys/fs/selinux/load || fail "reloading $POLICY"
cat $MARKED >/dev/null
has_event reloaded
pass "rules on contexts still match after a policy reload"
"$AUDITCTL" -D >/dev/null
# Names that are not in the policy are refused.
if "$AUDITCTL" -a always,exit -F arch=b64 -S openat -F subj_type=nosuch_t 2>/dev/null; then
	fail "rule on an unknown type accepted"
fi
pass "a rule naming an unknown type is refused"

# ---- no daemon: the kernel log, rate-limited ----
stop_auditd
expect_eq "daemon pid" "$(status_field pid)" 0
dmesg -C
cat $SECRET 2>/dev/null
wait_dmesg 'audit: type=1400 audit([0-9.]*:[0-9]*): avc:  denied  { read } for  pid=[0-9]* comm="cat" name="secret" dev="tmpfs" ino=[0-9]* scontext=system_u:system_r:kernel_t:s0-s1:c0,c1 tcontext=system_u:object_r:secret_t:s0 tclass=file permissive=0'
s=$(dmesg | grep 'type=1400 .*name="secret"' | tail -n 1 | sed -n 's/.*audit([0-9.]*:\([0-9]*\)).*/\1/p')
dmesg | grep -q "audit: type=1300 audit([0-9.]*:$s): arch=c000003e syscall=257 success=no exit=-13 " ||
	{ dmesg | tail; fail "no SYSCALL with serial $s in the kernel log"; }
pass "AVC and SYSCALL (serial $s) via printk"
# A burst of 300 denials in one shell (3 records each; "true", not ":",
# whose failed redirection would end the shell) against a limit
# of 50 records per 5 s: most are suppressed, and said to be.
dmesg -C
sh -c "i=0; while [ \$i -lt 300 ]; do true <$SECRET; i=\$((i + 1)); done" 2>/dev/null
sleep 0.5
n=$(dmesg | grep -c 'avc:  denied  { read } for  pid=[0-9]* comm="sh" name="secret"')
[ "$n" -ge 1 ] && [ "$n" -le 50 ] || fail "$n of 300 denials printed"
pass "$n of 300 denials printed"
sleep 5
cat $SECRET 2>/dev/null
wait_dmesg "audit_printk_record: [0-9]* callbacks suppressed"
pass "suppressed records are counted in the kernel log"

# ---- our auditd ----
reset_audit
O=/tmp/ours-selinux
rm -rf $O
mkdir -p $O
ours_auditd_conf $O $O/audit.log "log_format = RAW" "flush = INCREMENTAL_ASYNC" "freq = 20"
printf -- '-e 1\n' >$O/audit.rules
chmod 600 $O/audit.rules
"$OURS_AUDITD" -c $O || fail "our auditd did not start"
wait_until registered
if cat $SECRET 2>/dev/null; then fail "read allowed"; fi
check_denial $O/audit.log
echo 0 >/sys/fs/selinux/enforce || fail "setting permissive"
wait_file $O/audit.log "^type=MAC_STATUS msg=audit\([0-9.]+:[0-9]+\): enforcing=0 old_enforcing=1 .*lsm=selinux res=1"
pass "MAC_STATUS on permissive, in our auditd's log"
ausearch -if $O/audit.log -m AVC -i 2>/dev/null | grep -q 'avc:  denied  { read } .*name=secret' ||
	fail "ausearch -m AVC on our auditd's log"
pass "ausearch -m AVC reads our auditd's log"
