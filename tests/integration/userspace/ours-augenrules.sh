# Our augenrules: the rules files of a rules.d merged into audit.rules
# as augenrules(8) describes it (natural order, -D first, the last -b and
# -f next, the last -e at the end), --check, and --load with our
# auditctl into our kernel.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
AUG=$T/auditctl/augenrules
D=/tmp/ours-aug
rm -rf $D
mkdir -p $D/rules.d
printf -- '-D\n-b 320\n-f 1\n' >$D/rules.d/10-base.rules
printf -- '# first, in natural order\n\n-w /tmp/ours-aug/watched -p wa -k aug-watch\n-b 999\n' >$D/rules.d/9-first.rules
printf -- '-a always,exit -F arch=b64 -S getppid -k aug-sc\n-e 1\n' >$D/rules.d/99-finalize.rules
echo '-e 2' >$D/rules.d/README
"$AUG" --dir $D || fail "augenrules"
expect_eq "the merged rules" "$(grep -v '^#' $D/audit.rules)" "-D
-b 320
-f 1
-w /tmp/ours-aug/watched -p wa -k aug-watch
-a always,exit -F arch=b64 -S getppid -k aug-sc
-e 1"
expect_eq "audit.rules mode" "$(stat -c %a $D/audit.rules)" 640
pass "rules.d merged: natural order, -D, -b, -f first, -e last, other files ignored"

"$AUG" --dir $D --check >$D/check.out || fail "--check on unchanged rules: $(cat $D/check.out)"
before=$(stat -c %Y.%i $D/audit.rules)
echo '-a always,exit -F arch=b64 -S getpgid -k aug-new' >$D/rules.d/50-new.rules
"$AUG" --dir $D --check >$D/check.out && fail "--check does not see the new file"
grep -q "would change" $D/check.out || fail "--check: $(cat $D/check.out)"
expect_eq "audit.rules after --check" "$(stat -c %Y.%i $D/audit.rules)" "$before"
pass "--check tells a change and changes nothing"

"$AUG" --dir $D --load || fail "augenrules --load"
expect_eq "backlog limit loaded" "$(status_field backlog_limit)" 320
"$AUDITCTL" -l >$D/list
grep -q -- "-w /tmp/ours-aug/watched -p wa -k aug-watch" $D/list || fail "watch not loaded: $(cat $D/list)"
grep -q -- "-S getpgid -F key=aug-new\|-S getpgid .*aug-new" $D/list || fail "new rule not loaded: $(cat $D/list)"
pass "--load: the merged rules in the kernel"
"$AUG" --dir /tmp/ours-aug-none 2>$D/err && fail "augenrules without rules.d succeeds"
grep -q "no directory /tmp/ours-aug-none/rules.d" $D/err || fail "message: $(cat $D/err)"

# Debian's augenrules with our auditctl as /sbin/auditctl (what Debian's
# unit runs, augenrules --load): the same merge as ours, loaded by ours.
E=$D/etc-audit
cp -a /etc/audit $E || fail "copy /etc/audit"
rm -rf $E/rules.d $E/audit.rules
cp -a $D/rules.d $E/rules.d
mount --bind $E /etc/audit || fail "bind over /etc/audit"
on_exit "umount /etc/audit"
mount --bind "$AUDITCTL" /sbin/auditctl || fail "bind our auditctl over /sbin/auditctl"
on_exit "umount /sbin/auditctl"
"$AUDITCTL" -D >/dev/null
"$AUDITCTL" -b 64 >/dev/null
/sbin/augenrules --load >$D/debian.out 2>&1 || fail "Debian's augenrules --load: $(cat $D/debian.out)"
expect_eq "Debian's merge, against ours" "$(grep -v '^#' /etc/audit/audit.rules | grep .)" \
	"$(grep -v '^#' $D/audit.rules | grep .)"
expect_eq "backlog limit loaded by Debian's augenrules" "$(status_field backlog_limit)" 320
"$AUDITCTL" -l >$D/list.debian
cmp -s $D/list $D/list.debian || { diff $D/list $D/list.debian; fail "the rules Debian's augenrules loaded"; }
/sbin/augenrules --check >$D/debian.out 2>&1
grep -q "No change" $D/debian.out || fail "Debian's augenrules --check: $(cat $D/debian.out)"
pass "Debian's augenrules --load: our auditctl loads its merge, the rules of ours"
