# 500 rules loaded with auditctl -R, listed back exactly, then deleted
# one by one with -d (watches with -W), ending with "No rules".
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
R=/tmp/many.rules
W=/tmp/many.want
mkdir -p /tmp/many
: >$R
: >$W
i=1
while [ $i -le 500 ]; do
	case $((i % 5)) in
	0) echo "-a always,exit -F arch=b64 -S openat,unlinkat -F uid=$i -F key=m$i" ;;
	1) echo "-a never,exit -F arch=b64 -S getpid -F pid=$i -F auid>=$i" ;;
	2) echo "-w /tmp/many/f$i -p wa -k m$i" ;;
	3) echo "-a always,exit -F arch=b64 -S close -F exit>$i -F success=1 -F key=m$i" ;;
	4) echo "-a always,exit -F arch=b64 -S umask -F gid!=$i -F ppid<$i -F key=m$i" ;;
	esac >>$W
	i=$((i + 1))
done
cp $W $R
"$AUDITCTL" -R $R >/tmp/many.out 2>&1 || { tail /tmp/many.out; fail "auditctl -R"; }
"$AUDITCTL" -l >/tmp/many.got
expect_eq "rules listed" "$(wc -l </tmp/many.got)" 500
diff $W /tmp/many.got >/tmp/many.diff || { head -20 /tmp/many.diff; fail "auditctl -l differs from the rules loaded"; }
pass "500 rules listed back exactly"
# Delete them one by one, in a shuffled order, checking the count.
n=500
for line in $(seq 500 | sort -R); do
	r=$(sed -n "${line}p" $W)
	case "$r" in
	"-w "*) "$AUDITCTL" $(echo "$r" | sed 's/^-w /-W /') >/dev/null ;;
	*) "$AUDITCTL" $(echo "$r" | sed 's/^-a /-d /') >/dev/null ;;
	esac || fail "deleting '$r'"
	n=$((n - 1))
	if [ $((n % 100)) = 0 ]; then
		expect_eq "rules left" "$("$AUDITCTL" -l | grep -c -- '^-')" $n
	fi
done
expect_eq "after deleting all" "$("$AUDITCTL" -l)" "No rules"
rm -rf /tmp/many /tmp/many.*
