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
for f in 30-stig 42-injection 43-module-load 71-networking; do
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
"$SYSC" 170 s:difftest 8			# sethostname
"$SYSC" 176 s:no_such_module 0			# delete_module: ENOENT
"$SYSC" 101 4 1 0 0				# ptrace POKETEXT of init: ESRCH
log_barrier
echo "=== log"
cat "$AUDIT_LOG"
echo "=== end"
rm -rf $W
