# boot: own
# With the configuration locked (-e 2), rule changes are refused (EPERM)
# and the rules in place keep working.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
M=0xa0d17
rule -a always,exit -F arch=b64 -S getpid -F a3=$M -k locked-rule
rule -w /tmp/lockw -p wa -k locked-watch
before=$("$AUDITCTL" -l)
"$AUDITCTL" -e 2 >/dev/null || fail "-e 2"
expect_eq enabled "$(status_field enabled)" 2
for args in "-a always,exit -F arch=b64 -S umask -k new" \
	"-A always,exit -F arch=b64 -S umask -k new" \
	"-d always,exit -F arch=b64 -S getpid -F a3=$M -k locked-rule" \
	"-w /tmp/other -p wa" "-W /tmp/lockw -p wa -k locked-watch" "-D" \
	"-a never,exclude -F msgtype=CWD" "-a never,user -F msgtype=USER"; do
	# (Debian's auditctl sees the lock itself, says so and exits 0; the
	# kernel's EPERM is checked with raw requests below.)
	out=$("$AUDITCTL" $args 2>&1)
	case "$out" in *"Operation not permitted"*|*"immutable mode"*) ;; *) fail "auditctl $args: '$out'" ;; esac
	pass "auditctl $args refused"
done
expect_eq "raw add while locked" "$("$NL" rule add 4 2 sc=39 11,=,0xc000003e)" error=-1
expect_eq "raw delete while locked" "$("$NL" rule del 4 2 sc=39 11,=,0xc000003e 203,=,$M 210,=,s:locked-rule)" error=-1
expect_eq "rules unchanged" "$("$AUDITCTL" -l)" "$before"
"$SYSC" 39 0 0 0 $M >/dev/null
has_key locked-rule
echo x >/tmp/lockw
has_key locked-watch
