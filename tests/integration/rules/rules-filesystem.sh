# debug: also
# vm: also
# The filesystem list: a never rule on a filesystem type keeps the names
# on such filesystems out of syscall records, so watches there stay quiet
# (auditctl -a never,filesystem -F fstype=...).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
TMPFS_MAGIC=0x01021994
mkdir -p /tmp/fst
rule -w /tmp/fst -p wa -k fst
touch /tmp/fst/before
wait_log 'type=PATH .*name="/tmp/fst/before"'
pass "a watch on tmpfs fires"
expect_eq "never,filesystem on tmpfs" \
	"$("$NL" rule add 6 0 26,=,$TMPFS_MAGIC)" "error=0"
"$AUDITCTL" -l | grep -q "never,filesystem" || { "$AUDITCTL" -l; fail "filesystem rule not listed"; }
touch /tmp/fst/hidden
touch /tmp/fst/marker-done
"$AUDITCTL" -m "fs barrier" >/dev/null
wait_log "fs barrier"
grep -q 'name="/tmp/fst/hidden"' $AUDIT_LOG && fail "names on an excluded filesystem were recorded"
pass "names on tmpfs are no longer recorded"
expect_eq "the rule deleted" "$("$NL" rule del 6 0 26,=,$TMPFS_MAGIC)" "error=0"
touch /tmp/fst/after
wait_log 'type=PATH .*name="/tmp/fst/after"'
pass "recorded again once the rule is gone"
# fstype only on the filesystem list, and only = / !=.
expect_eq "fstype on the exit list" "$("$NL" rule add 4 2 sc=all 26,=,$TMPFS_MAGIC)" "error=-22"
expect_eq "fstype with <" "$("$NL" rule add 6 0 "26,<,$TMPFS_MAGIC")" "error=-22"
rm -rf /tmp/fst
