# debug: also
# vm: also
# MMAP (mmap of a file: its fd and flags), FD_PAIR (the two descriptors
# pipe2 and socketpair return) and OPENAT2 (the open_how of openat2):
# each in the event of its syscall, when a rule audits the syscall, and
# interpreted by ausearch -i.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd

# ---- MMAP ----
# MAP_PRIVATE|MAP_POPULATE (0x8002): flags no loader or libc uses.
rule -a always,exit -F arch=b64 -S mmap -F a3=0x8002 -k rmmap
# Anonymous mappings (MAP_PRIVATE|MAP_ANONYMOUS) name no file.
rule -a always,exit -F arch=b64 -S mmap -F a3=0x22 -k ranon
fd=$("$AUXOP" mmap /etc/passwd 0x8002) || fail "auxop mmap"
fd=${fd#fd=}
event_of '^type=SYSCALL .*syscall=9 .*comm="auxop" .*key="rmmap"' mmap
expect_eq "MMAP" "$(log_record "$s" MMAP)" "fd=$fd flags=0x8002"
expect_eq "mmap event" "$(log_event "$s")" "SYSCALL MMAP PROCTITLE "
interpreted rmmap "^type=MMAP .* fd=$fd flags=MAP_PRIVATE|MAP_POPULATE" MMAP
s=$(log_serial '^type=SYSCALL .*syscall=9 .*key="ranon"')
[ -n "$s" ] || fail "no anonymous mmap record"
[ -z "$(log_record "$s" MMAP)" ] || fail "MMAP record for an anonymous mapping"
pass "no MMAP record for an anonymous mapping"
"$AUDITCTL" -D >/dev/null

# ---- a file opened by its handle: name="" (the empty name the open
# resolves against the handle), as on the stock kernel ----
echo x >/tmp/handled
rule -a always,exit -F arch=b64 -S open_by_handle_at -k rhandle
"$AUXOP" handle /tmp/handled || fail "auxop handle"
event_of '^type=SYSCALL .*syscall=304 success=yes .*key="rhandle"' open_by_handle_at
log_record "$s" PATH | grep -q '^item=0 name="" inode=[0-9]* .*nametype=NORMAL' ||
	{ grep ":$s)" $AUDIT_LOG; fail "open_by_handle_at's PATH"; }
pass "open_by_handle_at: PATH name=\"\""
rm -f /tmp/handled
"$AUDITCTL" -D >/dev/null

# ---- FD_PAIR ----
rule -a always,exit -F arch=b64 -S pipe2 -S socketpair -F success=1 -k rpair
fds=$("$AUXOP" pipe) || fail "auxop pipe"
sfds=$("$AUXOP" socketpair) || fail "auxop socketpair"
fds=${fds#fds=} sfds=${sfds#fds=}
log_barrier
s=$(log_serial '^type=SYSCALL .*syscall=293 .*comm="auxop" .*key="rpair"')
[ -n "$s" ] || fail "no pipe2 record"
expect_eq "FD_PAIR of pipe2" "$(log_record "$s" FD_PAIR)" "fd0=${fds%,*} fd1=${fds#*,}"
expect_eq "pipe2 event" "$(log_event "$s")" "SYSCALL FD_PAIR PROCTITLE "
s=$(log_serial '^type=SYSCALL .*syscall=53 .*comm="auxop" .*key="rpair"')
[ -n "$s" ] || fail "no socketpair record"
expect_eq "FD_PAIR of socketpair" "$(log_record "$s" FD_PAIR)" "fd0=${sfds%,*} fd1=${sfds#*,}"
ausearch -k rpair -m FD_PAIR -i 2>/dev/null | grep -q "^type=SYSCALL .*syscall=socketpair " ||
	fail "ausearch: FD_PAIR with its socketpair syscall"
pass "ausearch finds FD_PAIR with its syscall"
"$AUDITCTL" -D >/dev/null
# A pipe no rule audits has no record.
rule -a always,exit -F arch=b64 -S getpid -k runrelated
n=$(grep -c '^type=FD_PAIR ' $AUDIT_LOG)
"$AUXOP" pipe >/dev/null || fail "auxop pipe"
log_barrier
expect_eq "FD_PAIR records after an unaudited pipe2" "$(grep -c '^type=FD_PAIR ' $AUDIT_LOG)" "$n"
"$AUDITCTL" -D >/dev/null

# ---- OPENAT2 ----
rule -a always,exit -F arch=b64 -S openat2 -k ropen2
# O_WRONLY|O_CREAT, 0640, RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH.
"$AUXOP" openat2 o2file 0x41 0640 0xc >/dev/null || fail "auxop openat2"
event_of '^type=SYSCALL .*syscall=437 .*comm="auxop" .*key="ropen2"' openat2
# (The stock format: oflag and mode in octal.)
expect_eq "OPENAT2" "$(log_record "$s" OPENAT2)" "oflag=0101 mode=0640 resolve=0xc"
expect_eq "openat2 event" "$(log_event "$s")" "SYSCALL OPENAT2 CWD PATH PATH PROCTITLE "
interpreted ropen2 "^type=OPENAT2 .* mode=[^ ]*640 resolve=RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH" OPENAT2
rm -f o2file
