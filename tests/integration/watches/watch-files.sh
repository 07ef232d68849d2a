# debug: also
# vm: also
# File and directory watches (-w, -F path=, -F dir=) with Debian's
# auditctl: write, attribute change, rename, unlink, create, exec, read;
# a watch on a path that does not exist yet; a directory watch covers the
# subtree.  PATH records checked with ausearch -i.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
rm -rf /tmp/w /tmp/wd
mkdir -p /tmp/w /tmp/wd
echo x >/tmp/w/f

# ev KEY SYSCALL COMM: an event with that key, syscall and command.
ev() {
	ausearch -k "$1" -sc "$2" -c "$3" --raw 2>/dev/null | grep -q "^type=SYSCALL .*key=\"$1\"" ||
		{ ausearch -k "$1" -i; fail "no $2 by $3 with key $1"; }
	pass "$2 by $3 logged with key $1"
}
noev() {
	if ausearch -k "$1" -c "$2" --raw 2>/dev/null | grep -q "key=\"$1\""; then
		ausearch -k "$1" -c "$2" -i
		fail "$2 logged with key $1"
	fi
	pass "$2 not logged with key $1"
}

# ---- a file: write, attributes, rename, unlink, re-create ----
rule -w /tmp/w/f -p wa -k wfile
expect_eq "auditctl -l" "$("$AUDITCTL" -l)" "-w /tmp/w/f -p wa -k wfile"
echo y >>/tmp/w/f
chmod 600 /tmp/w/f
chown 1000 /tmp/w/f
cat /tmp/w/f >/dev/null
mv /tmp/w/f /tmp/w/f2
touch /tmp/w/other
echo z >/tmp/w/f
rm /tmp/w/f
log_barrier
ev wfile openat sh
ev wfile fchmodat chmod
ev wfile fchownat chown
ev wfile renameat2 mv
ev wfile unlinkat rm
noev wfile cat
noev wfile touch
ausearch -k wfile -sc unlinkat -i 2>/dev/null | grep -q "name=/tmp/w/f inode=[0-9]* dev=[0-9a-f:]* mode=file,644 .*nametype=DELETE" ||
	{ ausearch -k wfile -sc unlinkat -i; fail "unlink: PATH nametype=DELETE"; }
ausearch -k wfile -sc unlinkat -i 2>/dev/null | grep -q "name=/tmp/w/ .*mode=dir,755 .*nametype=PARENT" ||
	fail "unlink: PATH nametype=PARENT"
ausearch -k wfile -sc renameat2 -i 2>/dev/null | grep -q "name=/tmp/w/f .*nametype=DELETE" ||
	fail "rename: old name DELETE"
ausearch -k wfile -sc fchmodat -i 2>/dev/null | grep -Eq "type=SYSCALL .*syscall=fchmodat success=yes exit=0 .*uid=root .*comm=chmod exe=/usr/bin/chmod( subj=[^ ]*)? key=wfile" ||
	{ ausearch -k wfile -sc fchmodat -i; fail "chmod: interpreted SYSCALL"; }
ausearch -k wfile -sc fchmodat -i 2>/dev/null | grep -q "name=/tmp/w/f .*nametype=NORMAL" ||
	fail "chmod: PATH nametype=NORMAL"
ausearch -k wfile -sc openat -c sh -i 2>/dev/null | grep -q "nametype=CREATE" ||
	fail "re-create: nametype=CREATE"
pass "PATH records interpreted by ausearch -i"
"$AUDITCTL" -D >/dev/null

# ---- read and exec permissions ----
echo x >/tmp/w/r
cp /bin/true /tmp/w/prog
rule -w /tmp/w/r -p r -k wread
rule -a always,exit -F path=/tmp/w/prog -F perm=x -k wexec
rule -a always,exit -F path=/tmp/w/r -F perm=w -k wnowrite
cat /tmp/w/r >/dev/null
/tmp/w/prog
head -c1 /tmp/w/prog >/dev/null
log_barrier
ev wread openat cat
ev wexec execve prog
noev wexec head
noev wnowrite cat
ausearch -k wexec -i 2>/dev/null | grep -q "type=EXECVE .*argc=1 a0=/tmp/w/prog" ||
	{ ausearch -k wexec -i; fail "exec: EXECVE record"; }
"$AUDITCTL" -D >/dev/null

# ---- a path that does not exist yet ----
rule -w /tmp/w/later -p wa -k wlater
touch /tmp/w/sooner
echo x >/tmp/w/later
log_barrier
noev wlater touch
ev wlater openat sh
ausearch -k wlater -i 2>/dev/null | grep -q "name=/tmp/w/later .*nametype=CREATE" ||
	{ ausearch -k wlater -i; fail "later: nametype=CREATE"; }
"$AUDITCTL" -D >/dev/null
# A directory rule (-F dir=) needs the directory to exist, as in the
# stock kernel (ENOENT), and nothing is stored.
if "$AUDITCTL" -a always,exit -F dir=/tmp/w/newdir -F perm=wa -k wnewdir 2>/dev/null; then
	fail "dir= on a missing directory accepted"
fi
expect_eq "rules after a refused dir=" "$("$AUDITCTL" -l)" "No rules"

# ---- a directory watch covers the subtree ----
rule -w /tmp/wd -p wa -k wdtree
mkdir -p /tmp/wd/a/b
echo x >/tmp/wd/a/b/deep
mv /tmp/wd/a/b/deep /tmp/wd/a/moved
rm /tmp/wd/a/moved
touch /tmp/w/outside
log_barrier
ev wdtree mkdir mkdir
ev wdtree openat sh
ev wdtree renameat2 mv
ev wdtree unlinkat rm
noev wdtree touch
ausearch -k wdtree -sc unlinkat -i 2>/dev/null | grep -q "name=/tmp/wd/a/moved .*nametype=DELETE" ||
	{ ausearch -k wdtree -sc unlinkat -i; fail "subtree unlink: DELETE"; }
"$AUDITCTL" -D >/dev/null

# ---- -F path= and -F dir= are the same rules as -w ----
rule -a always,exit -F path=/tmp/w/p -F perm=wa -k wpath
rule -a always,exit -F dir=/tmp/wd -F perm=wa -k wdirf
expect_eq "auditctl -l" "$("$AUDITCTL" -l | tr '\n' '|')" "-w /tmp/w/p -p wa -k wpath|-w /tmp/wd -p wa -k wdirf|"
echo x >/tmp/w/p
touch /tmp/wd/g
log_barrier
ev wpath openat sh
ev wdirf openat touch
# ---- a symlink: the link is watched, not the file it points to ----
"$AUDITCTL" -D >/dev/null
mkdir -p /tmp/wt
echo x >/tmp/wt/target
ln -s /tmp/wt/target /tmp/w/link
rule -w /tmp/w/link -p wa -k wlink
sh -c 'echo y >>/tmp/w/link'
"$SYSC" 2 s:/tmp/wt/target 1 >/dev/null
chown -h 0:0 /tmp/w/link
log_barrier
noev wlink sh
noev wlink sysc
ev wlink fchownat chown
rm -rf /tmp/wt
# (Rules on a directory that goes away go with it:
# tests/integration/watch-removed.sh.)
rm -rf /tmp/w /tmp/wd
