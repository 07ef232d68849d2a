#!/bin/sh
# The report of `make bench`: reads the raw results scripts/bench wrote
# (one measurement a line, "KERNEL ROUND micro CASE BENCH NS" or
# "KERNEL ROUND daemon NAME EVENTS RECORDS LOST CALLS NS SECONDS") and
# prints the tables and the targets of issue 6, each met / not met.
#   sh bench/report.sh RESULTS
set -eu
results=$1

# Samples grouped by (kernel, case, bench), sorted by value; the floor's
# slots (the noaudit kernel runs the same sequence) pooled per bench.
# Daemon runs become the metrics evs (events/s), recs (records/s), lost
# and ns (the audited process's ns per getppid).
samples() {
	awk '
	$1 ~ /^#/ { next }
	$3 == "micro" { print $1, ($1 == "noaudit" ? "floor" : $4), $5, $6 }
	$3 == "daemon" {
		secs = $10 > 0 ? $10 : 1
		print $1, "d:" $4, "evs", $5 / secs
		print $1, "d:" $4, "recs", $6 / secs
		print $1, "d:" $4, "lost", $7
		print $1, "d:" $4, "ns", $9
	}' "$results" | sort -k1,1 -k2,2 -k3,3 -k4,4g
}

# One line per group: KERNEL CASE BENCH n median min max q1 q3.
stats() {
	awk '
	function flush(   m) {
		if (n == 0) return
		m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
		print key, n, m, v[1], v[n], v[int((n + 3) / 4)], v[n - int((n - 1) / 4)]
	}
	{ k = $1 " " $2 " " $3
	  if (k != key) { flush(); key = k; n = 0 }
	  v[++n] = $4 }
	END { flush() }'
}

{ samples | stats; echo "--"; grep '^#' "$results" || true
  awk '$3 == "ruleset" && !seen[$1, $4]++ { printf "# (f) %s kernel, %s: %d rules loaded\n", $1, $4, $5 }' "$results"
} | awk '
function has(k, c, b) { return ((k, c, b, "n") in S) }
function med(k, c, b) { return S[k, c, b, "med"] }
function extra(k, c, b) { return med(k, c, b) - med("noaudit", "floor", b) }
function noise(b) { return S["noaudit", "floor", b, "q3"] - S["noaudit", "floor", b, "q1"] }
function sgn(x) { return sprintf("%+.0f", x) }
function ratio(c, b,   eo, es) {
	eo = extra("ours", c, b); es = extra("stock", c, b)
	if (es <= noise(b)) return "n/a"
	return sprintf("%.2f", eo / es)
}
function verdict(ok) { return ok ? "met" : "NOT MET" }
$0 == "--" { meta = 1; next }
meta { print; next }
{ S[$1, $2, $3, "n"] = $4; S[$1, $2, $3, "med"] = $5
  S[$1, $2, $3, "min"] = $6; S[$1, $2, $3, "max"] = $7
  S[$1, $2, $3, "q1"] = $8; S[$1, $2, $3, "q3"] = $9 }
END {
	ncase = split("a b o1 o10 o100 o1000 s1 s10 s100 s1000 e fstig fospp fpci", cases, " ")
	L["a"] = "(a) audit disabled"; L["b"] = "(b) enabled, no rules"
	L["o1"] = "(c) 1 rule, other syscalls"; L["o10"] = "(c) 10 rules, other syscalls"
	L["o100"] = "(c) 100 rules, other syscalls"; L["o1000"] = "(c) 1000 rules, other syscalls"
	L["s1"] = "(c) 1 rule, this syscall, uid="; L["s10"] = "(c) 10 rules, this syscall, uid="
	L["s100"] = "(c) 100 rules, this syscall, uid="; L["s1000"] = "(c) 1000 rules, this syscall, uid="
	L["e"] = "(e) 10 directory watches"
	L["fstig"] = "(f) STIG rules, Debian'"'"'s"; L["fospp"] = "(f) OSPP v4.2 rules, Debian'"'"'s"
	L["fpci"] = "(f) PCI DSS v3.1 rules, Debian'"'"'s"
	nb = split("getppid open stat file", benches, " ")
	T["getppid"] = "getppid: ns per call"
	T["open"] = "open+close: ns per pair (openat + close of a tmpfs file)"
	T["stat"] = "stat: ns per call (a tmpfs file)"
	T["file"] = "file load: ns per round (openat O_CREAT, write, close, unlink in another directory)"
	print ""
	print "Medians over the rounds; extra = median - the floor kernel'"'"'s median;"
	print "ours/stock = our extra over the stock kernel'"'"'s (n/a when the stock"
	print "extra is within the floor'"'"'s noise, its interquartile range)."
	for (bi = 1; bi <= nb; bi++) {
		b = benches[bi]
		if (!has("noaudit", "floor", b)) continue
		print ""
		print T[b]
		printf "%-36s %8s %8s %8s  %8s %8s %8s  %7s %7s %6s\n", "", "ours", "min", "max", \
			"stock", "min", "max", "+ours", "+stock", "ratio"
		printf "%-36s %8.0f %8.0f %8.0f  (floor, CONFIG_AUDIT off: %d samples, IQR %.0f)\n", \
			"floor", med("noaudit", "floor", b), S["noaudit", "floor", b, "min"], \
			S["noaudit", "floor", b, "max"], S["noaudit", "floor", b, "n"], noise(b)
		for (ci = 1; ci <= ncase; ci++) {
			c = cases[ci]
			if (!has("ours", c, b) || !has("stock", c, b)) continue
			printf "%-36s %8.0f %8.0f %8.0f  %8.0f %8.0f %8.0f  %7s %7s %6s\n", L[c], \
				med("ours", c, b), S["ours", c, b, "min"], S["ours", c, b, "max"], \
				med("stock", c, b), S["stock", c, b, "min"], S["stock", c, b, "max"], \
				sgn(extra("ours", c, b)), sgn(extra("stock", c, b)), ratio(c, b)
		}
	}

	nd = 0
	print ""
	print "(d) one matching rule (getppid), the daemon writing to tmpfs, backlog 8192,"
	print "    backlog_wait_time 6000 jiffies (60 s at HZ=100); medians over the rounds"
	printf "%-8s %-8s %10s %10s %6s %12s %10s %18s\n", "kernel", "daemon", "events/s", \
		"records/s", "lost", "ns/getppid", "slowdown", "events/s min-max"
	split("ours:ours ours:debian stock:ours stock:debian", pairs, " ")
	for (pi = 1; pi <= 4; pi++) {
		split(pairs[pi], kd, ":"); k = kd[1]; d = "d:" kd[2]
		if (!has(k, d, "evs")) continue
		nd++
		printf "%-8s %-8s %10.0f %10.0f %6d %12.0f %10s %8.0f-%-9.0f\n", k, kd[2], \
			med(k, d, "evs"), med(k, d, "recs"), S[k, d, "lost", "max"], med(k, d, "ns"), \
			sgn(med(k, d, "ns") - med("noaudit", "floor", "getppid")), \
			S[k, d, "evs", "min"], S[k, d, "evs", "max"]
	}
	print "(lost: the largest over the rounds; slowdown: ns per getppid over the floor)"

	print ""
	print "Targets of issue 6, for our kernel:"
	for (ci = 1; ci <= 2; ci++) {
		c = cases[ci]; ok = 1; detail = ""
		for (bi = 1; bi <= 3; bi++) {
			b = benches[bi]; e = extra("ours", c, b)
			if (e > noise(b) || -e > noise(b)) ok = 0
			detail = detail sprintf(" %s %s (noise %.0f)", b, sgn(e), noise(b))
		}
		printf "  %-7s %s: extra within the floor'"'"'s noise:%s\n", verdict(ok), L[c], detail
	}
	ok = 1; detail = ""
	for (bi = 1; bi <= 3; bi++) {
		b = benches[bi]; e = extra("ours", "o1000", b)
		if (b == "open") e = e / 2
		if (e > 300) ok = 0
		detail = detail sprintf(" %s %s", b == "open" ? "open+close per call" : b, sgn(e))
	}
	printf "  %-7s (c) 1000 rules naming other syscalls: extra <= 300 ns per call:%s\n", verdict(ok), detail
	ok = 1; detail = ""
	for (bi = 1; bi <= 3; bi++) {
		b = benches[bi]; eo = extra("ours", "s1000", b); es = extra("stock", "s1000", b)
		if (eo > es / 10) ok = 0
		detail = detail sprintf(" %s %s vs %s", b, sgn(eo), sgn(es))
	}
	printf "  %-7s (c) 1000 rules naming the syscall, distinct uids: extra <= 1/10 of stock'"'"'s:%s\n", verdict(ok), detail
	if (nd == 4) {
		eo = med("ours", "d:ours", "evs"); es = med("stock", "d:debian", "evs")
		lost = S["ours", "d:ours", "lost", "max"]
		printf "  %-7s (d) our kernel + our auditd >= 3x the events/s of stock + Debian'"'"'s, none lost: %.0f vs %.0f (%.1fx), lost %d\n", \
			verdict(eo >= 3 * es && lost == 0), eo, es, (es > 0 ? eo / es : 0), lost
		so = med("ours", "d:ours", "ns") - med("noaudit", "floor", "getppid")
		ss = med("stock", "d:debian", "ns") - med("noaudit", "floor", "getppid")
		printf "  %-7s (d) the audited process slowed at most 1/3 as much: %s vs %s ns per call\n", \
			verdict(so <= ss / 3), sgn(so), sgn(ss)
	} else
		print "  n/a     (d) not run (BENCH_DTIME=0)"
	eo = extra("ours", "e", "file"); es = extra("stock", "e", "file")
	printf "  %-7s (e) 10 directory watches: extra at most half the stock'"'"'s (file load): %s vs %s ns%s\n", \
		verdict(eo <= es / 2), sgn(eo), sgn(es), \
		(es <= noise("file") ? sprintf(" (the stock'"'"'s extra is within the floor'"'"'s noise, %.0f)", noise("file")) : "")
}'
