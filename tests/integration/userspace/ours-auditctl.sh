# vm: also
# Our auditctl against our kernel: the status commands, their output
# format (line for line Debian's), -m, -R, -v and the errors.
# Rule commands (-a/-d/-l/-D/-w) wait for rule support in the kernel.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours

# -s: the same keys, in the same order, as Debian's; the same values.
ours=$("$AUDITCTL" -s) || fail "-s"
theirs=$("$DEBIAN_AUDITCTL" -s)
expect_eq "-s keys" "$(echo "$ours" | awk '{print $1}' | tr '\n' ' ')" \
	"$(echo "$theirs" | awk '{print $1}' | tr '\n' ' ')"
expect_eq "-s values less backlog" "$(echo "$ours" | grep -v '^backlog ')" \
	"$(echo "$theirs" | grep -v '^backlog ')"

# Each setting, read back by Debian's auditctl.
check_settings debian_status

# Several in one command, applied in order; the status printed after.
out=$("$AUDITCTL" -r 9 -b 99 --backlog_wait_time 0) || fail "-r -b --backlog_wait_time"
expect_eq "status after a change" "$(echo "$out" | awk '$1 == "rate_limit" {print $2} $1 == "backlog_limit" {print $2}' | tr '\n' ' ')" "9 99 "
echo "$out" | grep -q loginuid_immutable && fail "status after a change has the features line"
pass "status after a change has no features line (as Debian's)"
expect_eq rate_limit "$(status_field rate_limit)" 9

out=$("$AUDITCTL" --reset-lost) || fail "--reset-lost"
echo "$out" | grep -Eq '^lost: [0-9]+$' || fail "--reset-lost printed '$out'"
expect_eq lost "$(status_field lost)" 0
out=$("$AUDITCTL" --reset_backlog_wait_time_actual) || fail "--reset_backlog_wait_time_actual"
echo "$out" | grep -Eq '^backlog_wait_time_actual: [0-9]+$' || fail "printed '$out'"
pass "counters reset"

# Errors name the argument and change nothing.
check_error() { # check_error WANT ARGS...
	want=$1
	shift
	if "$AUDITCTL" "$@" >/tmp/ctl.out 2>/tmp/ctl.err; then
		fail "auditctl $* accepted"
	fi
	grep -qF -- "$want" /tmp/ctl.err || fail "auditctl $*: '$(cat /tmp/ctl.err)' lacks '$want'"
	pass "auditctl $* refused: $(cat /tmp/ctl.err)"
}
check_error "-f 3" -f 3
check_error "-e 7" -e 7
check_error "-r abc" -r abc
check_error "-q" -q
check_error "-b -1" -r 5 -b -1
expect_eq "rate unchanged by a refused command" "$(status_field rate_limit)" 9
check_error "nosuch" -a always,exit -F nosuch=1
check_error "-k" -a always,exit -k "$(printf '%0300d' 0)"

# -v, and no arguments at all
"$AUDITCTL" -v | grep -q "^auditctl version" || fail "-v"
pass "-v"
if "$AUDITCTL" >/dev/null 2>&1; then fail "no arguments accepted"; fi
pass "no arguments: usage, non-zero"

# -m reaches a registered reader as a USER record.
start_reader /tmp/ctl-reader.out
"$AUDITCTL" -e 1 >/dev/null
"$AUDITCTL" -m "ours says hello" || fail "-m"
wait_file /tmp/ctl-reader.out "^1005 .*msg='ours says hello exe=.*res=success'"
stop_reader

# -R: status lines from a file; a bad line is named with its number.
printf '# a comment\n\n-b 321\n-r 12\n' >/tmp/ok.rules
chmod 600 /tmp/ok.rules
"$AUDITCTL" -R /tmp/ok.rules >/dev/null || fail "-R ok.rules"
expect_eq "backlog_limit from -R" "$(status_field backlog_limit)" 321
expect_eq "rate_limit from -R" "$(status_field rate_limit)" 12
printf -- '-b 400\n-f 9\n-r 13\n' >/tmp/bad.rules
chmod 600 /tmp/bad.rules
if "$AUDITCTL" -R /tmp/bad.rules >/dev/null 2>/tmp/ctl.err; then fail "-R bad.rules accepted"; fi
grep -q "error in line 2 of /tmp/bad.rules" /tmp/ctl.err || fail "no line number: $(cat /tmp/ctl.err)"
expect_eq "stopped at the bad line" "$(status_field rate_limit)" 12
if "$AUDITCTL" -c -R /tmp/bad.rules >/dev/null 2>/tmp/ctl.err; then fail "-c -R bad.rules returned 0"; fi
expect_eq "-c went on" "$(status_field rate_limit)" 13
"$AUDITCTL" -i -R /tmp/bad.rules >/dev/null 2>&1 || fail "-i -R returned non-zero"
pass "-R reports file and line; -c goes on; -i ignores"
chmod 666 /tmp/ok.rules
if "$AUDITCTL" -R /tmp/ok.rules >/dev/null 2>&1; then fail "world-writable rules file accepted"; fi
pass "world-writable rules file refused"

# -R sends runs of rules many to a datagram; a refused one still stops
# the file at its line: the rules after it in the same datagram (line
# 100 refused, lines 101 to 134 sent with it) are deleted again.
"$AUDITCTL" -D >/dev/null
awk 'BEGIN { for (i = 1; i <= 150; i++)
	if (i == 70) print "-b 777"
	else printf "-a always,exit -F arch=b64 -S mkdir -F uid=%d\n", i == 100 ? 10010 : 10000 + i }' >/tmp/batch.rules
chmod 600 /tmp/batch.rules
if "$AUDITCTL" -R /tmp/batch.rules >/dev/null 2>/tmp/ctl.err; then fail "-R with a duplicate rule accepted"; fi
grep -q "Rule exists" /tmp/ctl.err && grep -q "error in line 100 of /tmp/batch.rules" /tmp/ctl.err ||
	fail "duplicate not reported at its line: $(cat /tmp/ctl.err)"
expect_eq "error lines" "$(grep -c 'error in line' /tmp/ctl.err)" 1
expect_eq "rules before line 100 loaded, none after" "$("$AUDITCTL" -l | grep -c 'uid=')" 98
expect_eq "the -b line between the runs" "$(status_field backlog_limit)" 777
"$AUDITCTL" -l | grep -q 'uid=10099$' || fail "line 99's rule missing"
if "$AUDITCTL" -l | grep -q 'uid=10101$'; then fail "line 101's rule left loaded"; fi
"$AUDITCTL" -D >/dev/null
if "$AUDITCTL" -c -R /tmp/batch.rules >/dev/null 2>/tmp/ctl.err; then fail "-c -R with a duplicate returned 0"; fi
grep -q "There were 1 rule errors and 149 rules loaded" /tmp/ctl.err || fail "-c count: $(cat /tmp/ctl.err)"
expect_eq "-c: all but the duplicate" "$("$AUDITCTL" -l | grep -c 'uid=')" 148
expect_eq "-D deletes them all" "$("$AUDITCTL" -D)" "No rules"
expect_eq "none left" "$("$AUDITCTL" -l)" "No rules"
pass "-R in batches: stops at the refused line, rules after it deleted again; -c; -D"


# -s -i and -l -i interpret as Debian's auditctl does: the enabled flag
# and failure mode by name, the arch of a rule by name.
"$DEBIAN_AUDITCTL" -D >/dev/null
"$DEBIAN_AUDITCTL" -a always,exit -F arch=b64 -S openat -F uid=0 -k interp64 >/dev/null
"$DEBIAN_AUDITCTL" -a always,exit -F arch=b32 -S open -F exit=-EACCES -k interp32 >/dev/null
"$DEBIAN_AUDITCTL" -w /etc/passwd -p wa -k interpw >/dev/null
# (failure 2 only while disabled: a record lost then would panic.)
"$DEBIAN_AUDITCTL" -r 0 >/dev/null
for fe in "0 0" "0 1" "1 0" "1 1" "2 0"; do
	set -- $fe
	"$DEBIAN_AUDITCTL" -e "$2" -f "$1" >/dev/null
	expect_eq "-s -i with -f $1 -e $2" "$("$AUDITCTL" -s -i | grep -v '^backlog \|^lost ')" \
		"$("$DEBIAN_AUDITCTL" -s -i | grep -v '^backlog \|^lost ')"
done
"$DEBIAN_AUDITCTL" -f 1 -e 1 >/dev/null
expect_eq "-l -i" "$("$AUDITCTL" -l -i)" "$("$DEBIAN_AUDITCTL" -l -i)"
"$AUDITCTL" -l -i | grep -q -- '-F arch=x86_64 -S openat' || fail "-l -i: $("$AUDITCTL" -l -i)"
expect_eq "-l without -i" "$("$AUDITCTL" -l)" "$("$DEBIAN_AUDITCTL" -l)"
pass "-s -i and -l -i: Debian's interpretation, line for line"
"$DEBIAN_AUDITCTL" -D >/dev/null
