# Rule loading (issue 15, item 4), inside the UML guest: PROBE_RULES
# (default 10000) exit rules, all different (-F uid=), loaded with
# Debian's auditctl -R, then deleted with -D; the seconds each took;
# then the same with ours (which sends rules 64 to a datagram).
# Then the kernel's side alone: the same rules sent 32 to a datagram by
# bench/rule-load.c (auditctl's round trip per rule costs more under UML
# than the kernel's work).  Appends to $R/probe.out:
#   rules N LOAD-SECONDS DELETE-SECONDS LISTED (Debian's auditctl)
#   rules-ours N LOAD-SECONDS DELETE-SECONDS LISTED
#   rule-load N LOAD-SECONDS DELETE-SECONDS ERRORS
#   rule-load-floor N SECONDS (as many requests, each refused at once)
CTL=/sbin/auditctl
OUT=$R/probe.out
N=${PROBE_RULES:-10000}
now() { date +%s.%N; }
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++)
	printf "-a always,exit -F arch=b64 -S mkdir -F uid=%d\n", 10000 + i }' >/tmp/rules
"$CTL" -b 8192 >/dev/null
load() { # load NAME AUDITCTL
	"$2" -D >/dev/null
	t0=$(now)
	"$2" -R /tmp/rules >/dev/null 2>/tmp/rules.err ||
		{ echo "probe: $1 auditctl -R failed" >&2; head -3 /tmp/rules.err >&2; }
	t1=$(now)
	listed=$("$2" -l | grep -c -- '-a always,exit')
	t2=$(now)
	"$2" -D >/dev/null
	t3=$(now)
	awk -v w="$1" -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v l="$listed" \
		'BEGIN { printf "%s %d %.3f %.3f %d\n", w, n, b - a, d - c, l }' >>"$OUT"
}
load rules "$CTL"
load rules-ours "$AUDIT_TOP/build/bin/auditctl"
"$AUDIT_TOP/build/bench/rule-load" "$N" 32 >>"$OUT" ||
	echo "probe: rule-load failed" >&2
"$AUDIT_TOP/build/bench/rule-load" -f "$N" 32 >>"$OUT" ||
	echo "probe: rule-load -f failed" >&2
