# debug: also
# vm: also
# Read-only log readers on the multicast group get every record, beside
# the daemon.  Joining and leaving the group is in the log
# (EVENT_LISTENER, as on the stock kernel), a refused join too.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
"$AUDITCTL" -e 1 >/dev/null
: >/tmp/mc
"$NL" reader /tmp/mc --multicast >/tmp/mc.status 2>&1 &
mc=$!
sleep 0.3
start_reader /tmp/daemon
"$AUDITCTL" -m "for everyone" || fail "auditctl -m"
wait_file /tmp/mc "^1005 audit\([0-9.]+:[0-9]+\): .*msg='.*for everyone"
wait_file /tmp/daemon "^1005 audit\([0-9.]+:[0-9]+\): .*msg='.*for everyone"
a=$(grep "for everyone" /tmp/mc | sed 's/.*audit(\([^)]*\)).*/\1/')
b=$(grep "for everyone" /tmp/daemon | sed 's/.*audit(\([^)]*\)).*/\1/')
expect_eq "same stamp and serial" "$a" "$b"
kill $mc
# The join (held until the daemon came), the leave, a refused join.
wait_file /tmp/daemon "^1335 audit\([0-9.]+:[0-9]+\): pid=$mc uid=0 auid=[0-9]+ tty=[^ ]+ ses=[0-9]+ (subj=[^ ]+ )?comm=\"audit-nl\" exe=\"[^\"]*/audit-nl\" nl-mcgrp=1 op=connect res=1\$"
pass "EVENT_LISTENER op=connect of the multicast reader"
wait_file /tmp/daemon "^1335 audit\([0-9.]+:[0-9]+\): pid=$mc .* nl-mcgrp=1 op=disconnect res=1\$"
pass "EVENT_LISTENER op=disconnect when it was killed"
setpriv --bounding-set=-audit_read --inh-caps=-audit_read "$NL" reader /tmp/mc2 --multicast >/tmp/mc2.status 2>&1 &&
	fail "a multicast join without CAP_AUDIT_READ succeeded"
wait_file /tmp/daemon "^1335 audit\(.* comm=\"audit-nl\" .* nl-mcgrp=1 op=connect res=0\$"
pass "a refused join: EVENT_LISTENER res=0"
stop_reader
