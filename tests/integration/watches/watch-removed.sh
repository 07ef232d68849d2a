# debug: also
# When a watched directory goes away (the directory holding a file watch,
# or the top of a directory watch), the rules on it go too, as in the
# stock kernel: gone from auditctl -l, one CONFIG_CHANGE op=remove_rule
# each, with the rule's path and key, in the event of the syscall that
# removed the directory (as the stock kernel logs it).  Removal and
# unmount both count; a renamed directory keeps its directory rules
# (same inode), which still match, and takes its file rules (their path
# is wrong).
# An executable rule goes with its directory too (op=autoremove_rule).
# The same rules can be added again once the directory is back, a rule on
# a directory already removed is refused with nothing stored, and the
# watches never keep a filesystem busy.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
rm -rf /tmp/ra /tmp/rb /tmp/rm /tmp/rexe /tmp/rkeep /tmp/mv1 /tmp/mv2 /tmp/mvf1 /tmp/mvf2 /tmp/dead
umount /tmp/rmnt 2>/dev/null
rm -rf /tmp/rmnt

# The records the kernel writes when it removes a rule itself carry the
# rule's path= (file watch) or dir= (directory watch); those of auditctl -W
# and -D do not.
auto_re() { echo "op=remove_rule (path|dir)=[^ ]* key=\"$1\" list=4 res=1"; }

# removed_once KEY WHAT: the kernel removed the rule with key KEY, logged
# exactly once, as ausearch -i shows it (WHAT: path=... or dir=...).
removed_once() {
	wait_log "$(auto_re "$1")"
	log_barrier
	n=$(ausearch -i -m CONFIG_CHANGE 2>/dev/null |
		grep -c -- "op=remove_rule $2 key=$1 list=exit res=yes")
	[ "$n" = 1 ] || { ausearch -i -m CONFIG_CHANGE; fail "$1: $n records 'op=remove_rule $2 key=$1', want 1"; }
	pass "rule $1 removed with its directory, logged once ($2)"
}

# not_removed KEY: no record of the kernel removing the rule with KEY.
not_removed() {
	log_barrier
	if grep -Eq -- "$(auto_re "$1")" $AUDIT_LOG; then
		grep -E -- "$(auto_re "$1")" $AUDIT_LOG
		fail "rule $1 removed"
	fi
	pass "rule $1 not removed"
}

# listed: the rules, one per line, sorted.
listed() { "$AUDITCTL" -l | sort; }

# ---- one file watch, one directory watch: the first case of the stock kernel ----
mkdir -p /tmp/ra /tmp/rb /tmp/rkeep
touch /tmp/ra/p
rule -w /tmp/ra/p -p wa -k rmfile
rule -w /tmp/rb -p wa -k rmdir
rule -w /tmp/rkeep/x -p wa -k keep
# Removed by a task with a login uid: the file watch's record names it.
sh -c 'echo 1234 >/proc/self/loginuid && rm -rf /tmp/ra /tmp/rb' ||
	fail "rm -rf as auid 1234"
removed_once rmfile "path=/tmp/ra/p"
removed_once rmdir "dir=/tmp/rb"
grep -Eq "type=CONFIG_CHANGE msg=audit\([0-9.:]+\): auid=1234 ses=[0-9]+ op=remove_rule path=\"/tmp/ra/p\" key=\"rmfile\" list=4 res=1" $AUDIT_LOG ||
	{ grep CONFIG_CHANGE $AUDIT_LOG; fail "file watch record: auid of the remover"; }
pass "the file watch's record has the remover's auid and session"
# ... and is in the event of the syscall that removed the directory.
for k in rmfile rmdir; do
	s=$(log_serial "op=remove_rule .* key=\"$k\"")
	log_record "$s" SYSCALL | grep -Eq ' syscall=(84|263) ' ||
		{ grep ":$s)" $AUDIT_LOG; fail "$k: the CONFIG_CHANGE is not in the rmdir's event"; }
done
pass "the CONFIG_CHANGE records are in the event of the rmdir that removed the directories"
expect_eq "rules left" "$(listed)" "-w /tmp/rkeep/x -p wa -k keep"
not_removed keep

# ---- several rules on one directory, and one in a directory below it ----
mkdir -p /tmp/rm/sub
echo x >/tmp/rm/a
rule -w /tmp/rm/a -p wa -k m1
rule -w /tmp/rm/b -p r -k m2
rule -a always,exit -F dir=/tmp/rm -F perm=wa -k m3
rule -a always,exit -F path=/tmp/rm/a -F perm=x -k m4
rule -w /tmp/rm/a -p wa -k m5 -k m5b
rule -w /tmp/rm/sub/c -p wa -k m6
rm -rf /tmp/rm
removed_once m1 "path=/tmp/rm/a"
removed_once m2 "path=/tmp/rm/b"
removed_once m3 "dir=/tmp/rm"
removed_once m4 "path=/tmp/rm/a"
removed_once m6 "path=/tmp/rm/sub/c"
# Two keys travel joined by \x01, as in any record of the rule.
wait_log "op=remove_rule path=\"/tmp/rm/a\" key=6D35016D3562 list=4 res=1"
pass "a rule with two keys removed with both"
expect_eq "rules left" "$(listed)" "-w /tmp/rkeep/x -p wa -k keep"

# ---- an executable rule goes with its directory: op=autoremove_rule ----
mkdir -p /tmp/rexe
cp /bin/true /tmp/rexe/prog
rule -a always,exit -F arch=b64 -S getppid -F exe=/tmp/rexe/prog -k exe1
sh -c 'echo 1234 >/proc/self/loginuid && rm -rf /tmp/rexe' ||
	fail "rm -rf /tmp/rexe as auid 1234"
wait_log "auid=1234 ses=[0-9]* op=autoremove_rule path=\"/tmp/rexe/prog\" key=\"exe1\" list=4 res=1"
log_barrier
n=$(ausearch -i -m CONFIG_CHANGE 2>/dev/null |
	grep -c -- "op=autoremove_rule path=/tmp/rexe/prog key=exe1 list=exit res=yes")
expect_eq "autoremove_rule records of exe1" "$n" 1
expect_eq "rules left" "$(listed)" "-w /tmp/rkeep/x -p wa -k keep"

# ---- a renamed directory: a directory watch follows it; a file watch
# in it goes, its path now wrong, as with the stock kernel: op=remove_rule
# by the renamer, in the rename's event ----
mkdir -p /tmp/mv1 /tmp/mvf1
rule -w /tmp/mv1 -p wa -k mvdir
rule -w /tmp/mvf1/f -p wa -k mvfile
mv /tmp/mv1 /tmp/mv2
sh -c 'echo 1235 >/proc/self/loginuid && mv /tmp/mvf1 /tmp/mvf2' ||
	fail "mv as auid 1235"
touch /tmp/mv2/new
has_key mvdir
not_removed mvdir
removed_once mvfile "path=/tmp/mvf1/f"
s=$(log_serial 'op=remove_rule path="/tmp/mvf1/f" key="mvfile"')
log_record "$s" CONFIG_CHANGE | grep -q '^auid=1235 ' ||
	{ grep ":$s)" $AUDIT_LOG; fail "mvfile: the renamer's auid"; }
log_record "$s" SYSCALL | grep -Eq ' syscall=(82|264|316) ' ||
	{ grep ":$s)" $AUDIT_LOG; fail "mvfile: the CONFIG_CHANGE is not in the rename's event"; }
pass "the file watch went with its directory's rename, in the rename's event"
echo x >/tmp/mvf2/f
no_key mvfile
expect_eq "rules after the rename" "$(listed | tr '\n' '|')" \
	"-w /tmp/mv1 -p wa -k mvdir|-w /tmp/rkeep/x -p wa -k keep|"
# A file watch added under the new name stays: the move was before it.
rule -w /tmp/mvf2/f -p wa -k mvfile2
echo y >/tmp/mvf2/f
has_key mvfile2
# Removed under its new name: still its directory.
rm -rf /tmp/mv2 /tmp/mvf2
removed_once mvdir "dir=/tmp/mv1"
removed_once mvfile2 "path=/tmp/mvf2/f"

# ---- an unmounted filesystem takes its rules, and is not kept busy ----
mkdir -p /tmp/rmnt
mount -t tmpfs -o size=1m tmpfs /tmp/rmnt || fail "mount tmpfs"
mkdir /tmp/rmnt/d
rule -w /tmp/rmnt/d -p wa -k um1
rule -w /tmp/rmnt/d/f -p wa -k um2
rule -w /tmp/rmnt/top -p wa -k um3
umount /tmp/rmnt || fail "umount of a filesystem with watched directories"
pass "umount with watched directories"
removed_once um1 "dir=/tmp/rmnt/d"
removed_once um2 "path=/tmp/rmnt/d/f"
removed_once um3 "path=/tmp/rmnt/top"
expect_eq "rules left" "$(listed)" "-w /tmp/rkeep/x -p wa -k keep"

# ---- the same rules again, once the directories are back ----
mkdir -p /tmp/ra /tmp/rb
rule -w /tmp/ra/p -p wa -k rmfile
rule -w /tmp/rb -p wa -k rmdir
echo x >/tmp/ra/p
touch /tmp/rb/y
has_key rmfile
has_key rmdir
mount -t tmpfs -o size=1m tmpfs /tmp/rmnt || fail "mount tmpfs again"
mkdir /tmp/rmnt/d
rule -w /tmp/rmnt/d -p wa -k um1
touch /tmp/rmnt/d/z
has_key um1

# ---- a directory already removed takes no rule ----
# auditctl's cwd is a removed directory, which /proc/self/cwd still
# reaches: such a watch could never go with its directory, so it is
# refused (ENOENT) and nothing is stored.
refused_in_removed_dir() {
	mkdir /tmp/dead || fail "mkdir /tmp/dead"
	out=$(cd /tmp/dead && rmdir /tmp/dead && { "$AUDITCTL" "$@" 2>&1; echo "rc=$?"; })
	case "$out" in
	*rc=0) fail "auditctl $* accepted in a removed directory" ;;
	*"No such file"*rc=*) ;;
	*) fail "auditctl $* in a removed directory: $out" ;;
	esac
	pass "auditctl $* refused in a removed directory"
}
refused_in_removed_dir -a always,exit -F dir=/proc/self/cwd -F perm=wa -k dead
refused_in_removed_dir -a always,exit -F path=/proc/self/cwd/f -F perm=wa -k dead
"$AUDITCTL" -l | grep -q "dead" && fail "a refused watch was stored"
pass "nothing stored"

# ---- auditctl -D leaves nothing behind ----
log_barrier
seen=$(wc -l <$AUDIT_LOG)
"$AUDITCTL" -D >/dev/null || fail "auditctl -D"
expect_eq "rules after -D" "$("$AUDITCTL" -l)" "No rules"
# The marks went with the rules: the directories going now remove
# nothing, and the filesystem unmounts.
rm -rf /tmp/ra /tmp/rb /tmp/rkeep
umount /tmp/rmnt || fail "umount after auditctl -D"
pass "umount after auditctl -D"
log_barrier
n=$(tail -n +$((seen + 1)) $AUDIT_LOG | grep -Ec -- "$(auto_re '[^"]*')")
expect_eq "rules the kernel removed after -D" "$n" 0
rmdir /tmp/rmnt
