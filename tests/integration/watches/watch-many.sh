# debug: also
# Many watches at once: the exit filter first asks whether any name of the
# syscall is near a watched path (the ruleset's watch set) and only then
# tries the rules one by one.  Each way a name can be near a watch must
# still match: under the sixth of ten watched trees, a file not yet
# created in a watched directory, a hard link elsewhere to a watched file
# (its inode), and a "dir!=" rule must still see names far from any watch;
# rule order holds between watch rules and the others.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
rm -rf /tmp/wm
mkdir -p /tmp/wm/far /tmp/wm/f
for i in 0 1 2 3 4 5 6 7 8 9; do mkdir -p /tmp/wm/d$i/sub; done
echo x >/tmp/wm/f/target
for i in 0 1 2 3 4 5 6 7 8 9; do
	rule -a always,exit -F arch=b64 -F dir=/tmp/wm/d$i -F perm=wa -k wmd$i
done
rule -w /tmp/wm/f/target -p wa -k wmfile
rule -w /tmp/wm/f/later -p wa -k wmlater
rule -a always,exit -F arch=b64 -S mkdir -S mkdirat -F dir!=/tmp/wm/d0 -F success=1 -k wmnot

touch /tmp/wm/far/a			# near no watch
echo y >/tmp/wm/d5/sub/deep		# under the sixth tree
ln /tmp/wm/f/target /tmp/wm/far/link
echo z >>/tmp/wm/far/link		# the watched inode, by another name
echo w >/tmp/wm/f/later			# created after the rule
mkdir /tmp/wm/far/newdir		# dir!= with no name near a watch
log_barrier

# keyed KEY: how many syscalls were logged with KEY (not the rule changes).
keyed() { ausearch -k "$1" --raw 2>/dev/null | grep -c "^type=SYSCALL .*key=\"$1\"" || true; }
for i in 0 1 2 3 4 6 7 8 9; do
	expect_eq "events under d$i" "$(keyed wmd$i)" 0
done
[ "$(keyed wmd5)" -ge 1 ] || { ausearch -k wmd5 -i; fail "no event under the watched d5"; }
ausearch -k wmd5 -i 2>/dev/null | grep -q "name=/tmp/wm/d5/sub/deep " ||
	fail "d5: no PATH for the new file"
pass "a name deep under one of ten watched trees matches its rule only"
ausearch -k wmfile -i 2>/dev/null | grep -q "name=/tmp/wm/far/link " ||
	{ ausearch -k wmfile -i; fail "write through a hard link to a watched file"; }
pass "a hard link elsewhere matches through the watched inode"
ausearch -k wmlater -i 2>/dev/null | grep -q "name=/tmp/wm/f/later .*nametype=CREATE" ||
	{ ausearch -k wmlater -i; fail "a file created after its watch"; }
pass "a watch on a file not yet there fires once it is created"
ausearch -k wmnot -i 2>/dev/null | grep -q "name=/tmp/wm/far/newdir " ||
	{ ausearch -k wmnot -i; fail "dir!= and a name far from every watch"; }
pass "dir!= matches a name near no watch"
if ausearch -k wmfile -i 2>/dev/null | grep -q "name=/tmp/wm/far/a "; then
	fail "a file near no watch matched a file watch"
fi

# Watch rules are kept apart from the others of their syscall; rule order
# still holds across them: a never rule on a watched tree ahead of an
# always rule for every open.
mkdir -p /tmp/wm/quiet
rule -a never,exit -F arch=b64 -F dir=/tmp/wm/quiet -F perm=wa
rule -a always,exit -F arch=b64 -S open -S openat -S creat -F success=1 -k wmall
touch /tmp/wm/quiet/x /tmp/wm/far/y
log_barrier
# PATH records only: the always rule also logs the checks' own greps.
ausearch -k wmall -i 2>/dev/null | grep -q "^type=PATH .* name=/tmp/wm/far/y " ||
	{ ausearch -k wmall -i; fail "the always rule after a never watch rule"; }
if ausearch -k wmall -i 2>/dev/null | grep -q "^type=PATH .* name=/tmp/wm/quiet/x "; then
	ausearch -k wmall -i | grep "quiet/x"; fail "a never watch rule did not win over a later always rule"
fi
pass "a never watch rule ahead of an always rule wins under its tree only"
rm -rf /tmp/wm
