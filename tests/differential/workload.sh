# The differential suite's workload (tests/checks/differential runs it on
# the stock kernel twice and on ours, and compares): Debian's rule sets,
# then the same syscalls, as a logged-in user (loginuid 1000) and as
# root, each through sysc so that every argument is exact.  The records
# of the events it caused are printed between "=== log" and "=== end".
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
"$AUDITCTL" -e 1 >/dev/null
ex=/usr/share/doc/auditd/examples/rules
n=0 refused=0
for f in 30-stig 30-ospp-v42 30-pci-dss-v31 32-power-abuse 42-injection \
	43-module-load 71-networking; do
	while read -r line; do
		# shellcheck disable=SC2086
		if "$AUDITCTL" $line >/dev/null 2>&1; then n=$((n + 1)); else refused=$((refused + 1)); fi
	done <<EOR
$(grep -E '^-[aw] ' "$ex/$f.rules")
EOR
done
echo "rules: $n loaded, $refused refused"
W=/tmp/diffw
rm -rf $W && mkdir -p $W && chmod 1777 $W
echo secret >$W/root-only && chmod 0600 $W/root-only
# U CMD...: CMD as uid 1000 with loginuid 1000.
U() {
	sh -c 'echo 1000 >/proc/self/loginuid && exec setpriv --reuid 1000 --regid 1000 --clear-groups "$@"' U "$@" >/dev/null
}
# A CMD...: CMD as root with loginuid 1000 (an administrator who logged
# in as 1000, then became root); R0 CMD...: as root with loginuid 0.
A() {
	sh -c 'echo 1000 >/proc/self/loginuid && exec "$@"' A "$@" >/dev/null
}
R0() {
	sh -c 'echo 0 >/proc/self/loginuid && exec "$@"' R0 "$@" >/dev/null
}
ip link set lo up 2>/dev/null
mkdir -p $W/mnt $W/suid
cp "$SYSC" $W/suid/sysc && chmod 4755 $W/suid/sysc
touch $W/f2
U "$SYSC" 2 s:$W/f 0x41 0644			# open O_WRONLY|O_CREAT
U "$SYSC" 90 s:$W/f 0600			# chmod
U "$SYSC" 92 s:$W/f 0 0				# chown to root: EPERM
U "$SYSC" 188 s:$W/f s:user.k s:v 1 0		# setxattr
U "$SYSC" 197 s:$W/f s:user.k			# removexattr
U "$SYSC" 82 s:$W/f s:$W/g			# rename
U "$SYSC" 86 s:$W/g s:$W/h			# link
U "$SYSC" 87 s:$W/h				# unlink
U "$SYSC" 87 s:$W/g				# unlink
U "$SYSC" 2 s:$W/root-only 0			# open: EACCES
U "$SYSC" 76 s:$W/root-only 0			# truncate: EACCES
U "$SYSC" 165 s:none s:$W s:tmpfs 0 0		# mount: EPERM
U "$SYSC" 87 s:$W/root-only			# unlink: EPERM (sticky)
U $W/suid/sysc 39				# a setuid-root execve, then getpid
U "$SYSC" 42 sock:2:2 x:020000097F0000010000000000000000 16	# connect udp 127.0.0.1:9
U "$SYSC" 42 sock:10:2 x:0A000009000000000000000000000000000000000000000100000000 28	# connect udp [::1]:9
U "$SYSC" 62 1 0				# kill -0 of init: EPERM
A "$SYSC" 165 s:none s:$W/mnt s:tmpfs 0 0	# mount
A "$SYSC" 166 s:$W/mnt 0			# umount2
A "$SYSC" 164 0 0				# settimeofday(NULL, NULL): no change
A "$SYSC" 159 x:$(printf '%0416d' 0)		# adjtimex, modes 0: a read
A "$SYSC" 90 s:$W/f2 0640			# chmod as root
A "$SYSC" 92 s:$W/f2 1000 1000			# chown as root
R0 "$SYSC" 188 s:$W/f2 s:trusted.k s:v 1 0	# setxattr as root, auid 0
R0 "$SYSC" 197 s:$W/f2 s:trusted.k		# removexattr as root, auid 0
"$SYSC" 170 s:difftest 8			# sethostname
"$SYSC" 176 s:no_such_module 0			# delete_module: ENOENT
"$SYSC" 101 4 1 0 0				# ptrace POKETEXT of init: ESRCH
# A directory rule made to take in a filesystem mounted elsewhere
# (auditctl -q), then trimmed of it (auditctl -t).
mkdir -p $W/tree $W/eq
"$AUDITCTL" -w $W/tree -p wa -k difftree >/dev/null
mount -t tmpfs -o size=1m tmpfs $W/eq
"$AUDITCTL" -q $W/tree,$W/eq >/dev/null
A "$SYSC" 2 s:$W/eq/f 0x41 0644			# open O_CREAT: taken in
"$AUDITCTL" -t >/dev/null
A "$SYSC" 2 s:$W/eq/g 0x41 0644			# after the trim: not
umount $W/eq
log_barrier
echo "=== log"
cat "$AUDIT_LOG"
echo "=== end"
rm -rf $W
