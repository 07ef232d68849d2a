# debug: also
# Bad rules are refused with the right error and leave nothing behind:
# unknown field, operator not allowed for the field, out-of-range
# values, relative watch, over-long key, bad list/action, strings that
# overrun the buffer; duplicates get EEXIST, deleting a missing rule
# ENOENT.  Raw blobs via audit-nl where Debian's auditctl refuses to send.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -a always,exit -F arch=b64 -S getpid -k baseline >/dev/null || fail "baseline rule"
base=$("$AUDITCTL" -l)
A="4 2 sc=39 11,=,0xc000003e"
bad() { # bad WANT WHAT SPEC...
	want=$1 what=$2
	shift 2
	expect_eq "$what" "$("$NL" rule add "$@")" "error=$want"
	expect_eq "rules after: $what" "$("$AUDITCTL" -l)" "$base"
}
key257=$(head -c 257 /dev/zero | tr '\0' k)
bad -22 "unknown field 9999" $A 9999,=,1
bad -22 "bit mask on uid" $A 0,\&,1
bad -22 "bit test on pid" $A 0,\&=,1
bad -22 "< on arch" 4 2 sc=39 11,\<,0xc000003e
bad -22 "perm=16" 4 2 sc=all 105,=,s:/tmp/x 106,=,16
bad -22 "loginuid_set=2" $A 24,=,2
bad -22 "filetype=0x1234" $A 108,=,0x1234
bad -22 "watch on a relative path" 4 2 sc=all 105,=,s:tmp/x 106,=,2
bad -22 "over-long key (257)" $A 210,=,s:$key257
bad -22 "msgtype on the exit list" $A 12,=,1300
bad -22 "arg0 on the user list" 8 2 200,=,1
bad -22 "entry list (obsolete)" 2 2 sc=39
bad -22 "list 99" 99 2 sc=39
bad -22 "action 7" 4 7 sc=39
bad -22 "key length beyond the buffer" $A 210,=,40
bad -22 "unused bytes in the buffer" 4 2 sc=39 11,=,0xc000003e 210,=,3 210,=,s:abcdef
# The same cases through Debian's auditctl, where it sends them.
for args in "-a always,exit -F arch=b64 -S getpid -F uid&1" \
	"-a always,exit -F arch=b64 -S getpid -F msgtype=1300" \
	"-a never,exclude -F a0=1" \
	"-w tmp/relative -p wa" \
	"-a always,exit -F arch=b64 -S getpid -k $key257"; do
	if "$AUDITCTL" $args >/dev/null 2>&1; then fail "auditctl $args accepted"; fi
	pass "auditctl $args refused"
done
expect_eq "rules after auditctl's refusals" "$("$AUDITCTL" -l)" "$base"
# A key of 256 bytes is the limit, and is accepted.
key256=$(head -c 256 /dev/zero | tr '\0' k)
expect_eq "256-byte key" "$("$NL" rule add $A 210,=,s:$key256)" error=0
"$AUDITCTL" -d always,exit -F arch=b64 -S getpid -k "$key256" >/dev/null || fail "delete the 256-byte-key rule"
# Duplicates and missing rules.
out=$("$AUDITCTL" -a always,exit -F arch=b64 -S getpid -k baseline 2>&1) && fail "duplicate accepted"
case "$out" in *"Rule exists"*) pass "duplicate: EEXIST" ;; *) fail "duplicate: '$out'" ;; esac
expect_eq "raw duplicate" "$("$NL" rule add $A 210,=,s:baseline)" error=-17
out=$("$AUDITCTL" -d always,exit -F arch=b64 -S getpid -k nosuchrule 2>&1) && fail "deleting a missing rule succeeded"
case "$out" in *"No such file"*) pass "missing: ENOENT" ;; *) fail "missing: '$out'" ;; esac
expect_eq "raw delete of a missing rule" "$("$NL" rule del $A 210,=,s:nosuchrule)" error=-2
expect_eq "rules at the end" "$("$AUDITCTL" -l)" "$base"

# The audit trail of refusals (audit on, a daemon): a well-formed rule
# that cannot be put in place is a refused change, CONFIG_CHANGE
# op=add_rule res=0 as on the stock kernel (a missing watched
# directory, a duplicate); a malformed one is refused unlogged.
start_auditd
"$AUDITCTL" -e 1 >/dev/null
if "$AUDITCTL" -a always,exit -F dir=/tmp/no-such-dir -F perm=w -k nodir >/dev/null 2>&1; then
	fail "dir= of a missing directory accepted"
fi
if "$AUDITCTL" -w /tmp/no-such-dir/f -p wa -k noparent >/dev/null 2>&1; then
	fail "watch in a missing directory accepted"
fi
"$AUDITCTL" -a always,exit -F arch=b64 -S getpid -k baseline >/dev/null 2>&1
bad -22 "unknown field 9999, audit on" 4 2 sc=39 9999,=,1 210,=,s:malformed
log_barrier
for k in nodir noparent baseline; do
	grep -Eq "^type=CONFIG_CHANGE .* op=add_rule key=\"$k\" list=4 res=0" "$AUDIT_LOG" ||
		{ grep CONFIG_CHANGE "$AUDIT_LOG"; fail "no add_rule res=0 for key $k"; }
	pass "refused ($k): CONFIG_CHANGE op=add_rule res=0"
done
if grep -q 'key="malformed"' "$AUDIT_LOG"; then fail "malformed rule logged"; fi
pass "malformed rule: not logged"
