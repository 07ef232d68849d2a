# Shared by the overload tests (tests/integration/delivery/overload-*.sh);
# sourced after harness.sh.  Each event the generator (tests/helpers/overload.c)
# makes is exactly one record: an AUDIT_USER message, or an fcntl(777, ...)
# call matched by one exit rule, whose PROCTITLE, EOE and CWD records are
# excluded.  CONFIG_CHANGE is excluded as well, so that a daemon
# registering adds no record of its own to the count.  Then, exactly,
#   generated = logged + (lost after - lost before).
OV=$HELPERS/overload
OVL_D=/tmp/overload

[ -x "$OV" ] || fail "no $OV; run make userspace"

# ovl_begin AUDITCTL-ARGS...: the start of an overload test: our tools
# (test_begin --ours), an empty $OVL_D, audit enabled with the settings
# AUDITCTL-ARGS, the exclusions (ovl_rules).
ovl_begin() {
	test_begin --ours
	rm -rf $OVL_D
	mkdir -p $OVL_D
	"$AUDITCTL" -e 1 "$@" >/dev/null || fail "auditctl $*"
	ovl_rules
}

# ovl_rules: the exclusions.
ovl_rules() {
	for t in PROCTITLE EOE CWD CONFIG_CHANGE; do
		rule -a always,exclude -F msgtype=$t
	done
}

# ovl_key_rule -a|-d KEY: the exit rule of the syscall workers, keyed by
# the run, so that a run counts only its own records.
ovl_key_rule() {
	rule "$1" always,exit -F arch=b64 -S fcntl -F a0=777 -k "$2"
}

# kv KEY LINE: the value of KEY=VALUE in LINE.
kv() {
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# ovl_gen OUT ARGS...: runs the generator, its report in OUT; prints the
# totals line.
ovl_gen() {
	out=$1
	shift
	"$OV" gen "$@" >"$out" 2>&1 || { cat "$out"; fail "overload gen $*"; }
	grep '^generated ' "$out"
}

# ovl_drain: waits (up to 60 s) until the kernel's backlog is empty.
ovl_drain() {
	wait_until -t 60 '[ "$(status_field backlog)" = 0 ]' ||
		fail "the backlog never drained"
}

# ovl_barrier LOG TEXT: a USER message TEXT, waited for in LOG (60 s):
# every record queued before it is in LOG once it is (kauditd delivers
# held records first, then the backlog, in order).
ovl_barrier() {
	"$AUDITCTL" -m "$2" || fail "auditctl -m $2"
	wait_until -t 60 file_has "$1" "msg='$2" ||
		{ tail -5 "$1"; fail "barrier '$2' never reached $1"; }
}

# ---- our auditd, for the tests that do not kill it ----
ovl_start_auditd() { # LOG
	mkdir -p $OVL_D/conf
	ours_auditd_conf $OVL_D/conf "$1" "log_format = RAW" "flush = NONE" \
		"max_log_file = 1000" "max_log_file_action = IGNORE" "space_left = 2" \
		"admin_space_left = 1" "name_format = NONE"
	rm -f "$1" /run/auditd.pid
	"$OURS_AUDITD" -c $OVL_D/conf || fail "our auditd did not start"
	wait_until registered || fail "our auditd did not register"
}

ovl_stop_auditd() {
	p=$(cat /run/auditd.pid 2>/dev/null)
	[ -n "$p" ] && kill -TERM "$p" 2>/dev/null && wait_until gone "$p"
	rm -f /run/auditd.pid
}

# ---- the kill-safe reader (overload reader), for the restart tests ----
ovl_start_reader() { # LOG
	: >$OVL_D/reader.status
	"$OV" reader "$1" >$OVL_D/reader.status 2>&1 &
	OVL_READER=$!
	wait_until -t 4 -i 0.02 grep -q registered $OVL_D/reader.status ||
		{ cat $OVL_D/reader.status; fail "reader did not register"; }
}

ovl_kill_reader() {
	kill -KILL "$OVL_READER" 2>/dev/null
	wait "$OVL_READER" 2>/dev/null
	return 0
}

# ovl_loads RUN NAME: RUN (a function taking a name and the generator's
# arguments) for each load: 4 workers sending user messages (NAME-user),
# 4 making syscalls (NAME-sysc), 2 of each (NAME-mixed).
ovl_loads() {
	"$1" "$2-user" --user 4
	"$1" "$2-sysc" --sysc 4
	"$1" "$2-mixed" --user 2 --sysc 2
}

# ovl_run NAME LOG GEN-ARGS...: one run of the generator, keyed and
# tagged NAME, its records logged in LOG; then the numbers (ovl_account:
# GEN LOGGED LOST TALLY), none logged twice, and the time it took.
ovl_run() {
	name=$1 log=$2
	shift 2
	ovl_key_rule -a "$name"
	lost0=$(status_field lost)
	OVL_START=$(date +%s)
	ovl_gen $OVL_D/$name.gen "$@" --tag "$name" >/dev/null
	ovl_drain
	ovl_barrier "$log" "barrier after $name"
	ovl_key_rule -d "$name"
	ovl_account "$name" $OVL_D/$name.gen "$log" "$name" "$lost0"
	expect_eq "$name: records logged twice" "$(kv dups "$TALLY")" 0
	echo "$name: took $(( $(date +%s) - OVL_START )) s"
}

# ovl_account NAME GEN-OUT LOG TAG LOST-BEFORE: the numbers of one run
# (user messages tagged TAG, syscall records keyed TAG):
# GEN (the generator's count), LOGGED (distinct serials of the run's
# records in LOG), LOST (the lost counter's delta), TALLY (overload tally);
# printed, with the checks every run shares.
ovl_account() {
	name=$1 genout=$2 log=$3 tag=$4 lost0=$5
	totals=$(grep '^generated ' "$genout")
	tally=$("$OV" tally "$log" "$tag" "$tag")
	lost1=$(status_field lost)
	GEN=$(( $(kv user "$totals") + $(kv sysc "$totals") ))
	LOGGED=$(( $(kv user "$tally") + $(kv sysc "$tally") ))
	LOST=$((lost1 - lost0))
	echo "$name: $totals"
	echo "$name: log: $tally"
	echo "$name: generated=$GEN logged=$LOGGED lost=$LOST" \
		"(lost before $lost0, after $lost1)" \
		"loss rate $(awk -v l=$LOST -v g=$GEN 'BEGIN { printf "%.2f%%", g ? 100 * l / g : 0 }')"
	expect_eq "$name: failed calls and unacked messages" "$(kv failed "$totals")" 0
	expect_eq "$name: records of an event beyond its one" "$(kv extra "$tally")" 0
	TALLY=$tally
}

# ovl_rmem PID: the bytes waiting in the receive queue of PID's audit
# socket (/proc/net/netlink: protocol 9, portid = pid).
ovl_rmem() {
	awk -v p="$1" '$2 == 9 && $3 == p { print $5; found = 1 }
		END { if (!found) print 0 }' /proc/net/netlink
}

# ovl_restart_run NAME LOG SECONDS EVERY GEN-ARGS...: the generator runs
# for SECONDS while the reader is killed with SIGKILL every EVERY seconds
# (every other time after 0.3 s of SIGSTOP) and a new one started at
# once; then the last reader gets everything, up to a barrier.  Prints,
# for each restart, the serials the log skips there.  Sets GEN LOGGED
# LOST TALLY (ovl_account) and KILLS.
ovl_restart_run() {
	name=$1 log=$2 secs=$3 every=$4
	shift 4
	ovl_key_rule -a "$name"
	ovl_start_reader "$log"
	ovl_barrier "$log" "start $name"
	lost0=$(status_field lost)
	start=$(date +%s)
	"$OV" gen "$@" --seconds "$secs" --tag "$name" >$OVL_D/$name.gen 2>&1 &
	gen=$!
	KILLS=0 CUTS=0 kill_lines=
	while :; do
		sleep "$every"
		kill -0 $gen 2>/dev/null || break
		# Every other kill finds the reader stopped for 0.3 s first, so
		# that its socket's queue is full when it dies (kauditd keeps
		# sending until the receive buffer is).
		if [ $((KILLS % 2)) = 1 ]; then
			kill -STOP "$OVL_READER"
			sleep 0.3
		fi
		q=$(ovl_rmem "$OVL_READER")
		ovl_kill_reader
		KILLS=$((KILLS + 1))
		# Between two readers nobody writes the log: drop a half-written
		# last line (its record counts as not logged), mark the restart.
		cut=$("$OV" trim "$log")
		[ "$cut" = 0 ] || CUTS=$((CUTS + 1))
		echo "# restart $KILLS" >>"$log"
		ovl_start_reader "$log"
		kill_lines="$kill_lines $q"
	done
	wait $gen || { cat $OVL_D/$name.gen; fail "overload gen $*"; }
	echo "$name: $KILLS kills in $(( $(date +%s) - start )) s;" \
		"bytes in each killed reader's socket queue (just before the kill):$kill_lines"
	ovl_drain
	ovl_barrier "$log" "end $name"
	ovl_key_rule -d "$name"
	ovl_account "$name" $OVL_D/$name.gen "$log" "$name" "$lost0"
	[ "$KILLS" -ge 5 ] || fail "$name: only $KILLS kills"
	echo "$name: log: $(kv dups "$TALLY") records written twice" \
		"(a kill between a write and its dequeue; counted once)," \
		"$CUTS half-written lines cut (a kill during a write)"
	echo "$name: serials missing from the log (between its first and last record): $(kv gaps "$TALLY")"
	# At each restart: the last serial the killed reader wrote, the first
	# the next one got (held records come first).
	sed -E 's/^[0-9]+ audit\([0-9.]+:([0-9]+)\).*/\1/' "$log" | awk -v n="$name" '
		/^# restart/ { k = $3; last[k] = prev; next }
		/^[0-9]+$/ { if (k && !(k in first)) first[k] = $1; prev = $1 }
		END { for (i = 1; i <= k; i++) {
			d = first[i] - last[i] - 1
			printf "%s: restart %d: last serial written %s, the next daemon got %s first (%d skipped)\n",
				n, i, last[i], first[i], d
			t += d }
			printf "%s: serials skipped at the restarts: %d in all\n", n, t }'
	echo "$name: took $(( $(date +%s) - start )) s"
}
