# debug: also
# PATH records carry the file capabilities (security.capability) of the
# file the syscall named: cap_fp, cap_fi, cap_fe, cap_fver, cap_frootid,
# read when the record is written, from the file itself, so a file the
# syscall removed still shows them; a mount point being unmounted is not
# read (cap_fe=? ...).  ausearch -i interprets them.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

# path_of SERIAL NAMETYPE: that PATH record of the event.
path_of() {
	grep -E "^type=PATH msg=audit\([0-9.]+:$1\):.* nametype=$2 " $AUDIT_LOG | head -n 1
}

# /tmp is tmpfs with xattrs: files there can carry capabilities.
cp /bin/true /tmp/capx || fail "cp"
setcap "cap_net_raw,cap_sys_time+ep cap_chown+ie" /tmp/capx || fail "setcap"
cp /bin/true /tmp/nocap || fail "cp"
cp /bin/true /tmp/capdel || fail "cp"
setcap "cap_kill+p" /tmp/capdel || fail "setcap"

# ---- execve of a file with capabilities, and of one without ----
rule -a always,exit -F arch=b64 -S execve -F success=1 -F uid=0 -k rfx
/tmp/capx || fail "/tmp/capx"
/tmp/nocap || fail "/tmp/nocap"
log_barrier
s=$(log_serial '^type=SYSCALL .*comm="capx" .*key="rfx"')
[ -n "$s" ] || fail "no execve record of /tmp/capx"
p=$(path_of "$s" NORMAL)
echo "$p" | grep -Eq 'name="/tmp/capx" .* cap_fp=0000000002002000 cap_fi=0000000000000001 cap_fe=1 cap_fver=2 cap_frootid=0([^0-9]|$)' ||
	{ echo "$p"; fail "PATH of /tmp/capx: its capabilities"; }
pass "PATH of an executable with capabilities"
ausearch -k rfx -i 2>/dev/null | grep -q '^type=PATH .* name=/tmp/capx .* cap_fp=net_raw,sys_time cap_fi=chown cap_fe=1 cap_fver=2 cap_frootid=0' ||
	fail "ausearch -i: cap_fp=net_raw,sys_time cap_fi=chown"
pass "ausearch -i interprets the file capabilities"
s=$(log_serial '^type=SYSCALL .*comm="nocap" .*key="rfx"')
[ -n "$s" ] || fail "no execve record of /tmp/nocap"
path_of "$s" NORMAL | grep -Eq 'name="/tmp/nocap" .* cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0([^0-9]|$)' ||
	{ path_of "$s" NORMAL; fail "PATH of /tmp/nocap: no capabilities"; }
pass "PATH of an executable without capabilities"
"$AUDITCTL" -D >/dev/null

# ---- a file removed by the syscall: its capabilities as it was ----
rule -a always,exit -F arch=b64 -S unlinkat -S unlink -F success=1 -k rfdel
rm /tmp/capdel || fail "rm"
log_barrier
s=$(log_serial '^type=SYSCALL .*key="rfdel"')
[ -n "$s" ] || fail "no unlink record"
p=$(path_of "$s" DELETE)
echo "$p" | grep -Eq 'name="/tmp/capdel" .* cap_fp=0000000000000020 cap_fi=0 cap_fe=0 cap_fver=2 cap_frootid=0([^0-9]|$)' ||
	{ grep ":$s)" $AUDIT_LOG; fail "PATH DELETE of /tmp/capdel: its capabilities"; }
path_of "$s" PARENT | grep -q 'cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 ' ||
	fail "PATH PARENT /tmp: no capabilities"
pass "PATH of a removed file keeps its capabilities"
"$AUDITCTL" -D >/dev/null

# ---- a mount point being unmounted is not read ----
mkdir -p /tmp/mnt && mount -t tmpfs none /tmp/mnt || fail "mount"
rule -a always,exit -F arch=b64 -S umount2 -F success=1 -k rfum
umount /tmp/mnt || fail "umount"
log_barrier
s=$(log_serial '^type=SYSCALL .*key="rfum"')
[ -n "$s" ] || fail "no umount2 record"
grep -E "^type=PATH msg=audit\([0-9.]+:$s\): .*name=\"/tmp/mnt\" .* cap_fe=\? cap_fver=\? cap_fp=\? cap_fi=\?" $AUDIT_LOG >/dev/null ||
	{ grep ":$s)" $AUDIT_LOG; fail "PATH of the mount point: cap_* unknown"; }
pass "PATH of an unmounted mount point: cap_fe=? cap_fver=? cap_fp=? cap_fi=?"
rm -f /tmp/capx /tmp/nocap
