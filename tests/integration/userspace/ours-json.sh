# audisp-json, our JSON plugin, under our auditd on real events: a
# syscall's records in one object, EXECVE's argv and PROCTITLE as
# arrays, SOCKADDR decoded, ids named; files with hostile names
# (quotes, a newline, a byte that is not UTF-8) given exactly.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin --ours
D=/tmp/ours-json
P=$D/plugins.d
J=$D/events.json
rm -rf $D
mkdir -p $P $D/w
ip link set lo up
plugin_conf $P/json.conf "$T/build/bin/audisp-json" "-o $J"
ours_auditd_conf $D $D/audit.log "log_format = RAW" "freq = 20" "max_log_file = 0" \
	"space_left = 1" "admin_space_left = 1" "plugin_dir = $P"
"$AUDITD" -f -c $D 2>$D/err &
OURS=$!
wait_until registered "$OURS" || { cat $D/err; fail "our auditd did not register"; }

"$AUDITCTL" -w $D/w -p wa -k json-w >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S execve -F exe=/usr/bin/printf -k json-x >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S connect -F exe=$SYSC -k json-c >/dev/null
q='quo"te'
nl='new
line'
bad=$(printf 'bad\377')
touch "$D/w/$q" "$D/w/$nl" "$D/w/$bad" "$D/w/plain"
/usr/bin/printf '%s|' "two words" "a\"b" >/dev/null
"$SYSC" 42 sock:2:2 x:020000097F0000010000000000000000 16 >/dev/null
"$AUDITCTL" -m json-last >/dev/null
wait_until -t 10 grep -q json-last $J || { cat $D/err; fail "audisp-json did not write the last event"; }
jq -e . $J >/dev/null || fail "not JSON"

# The names as the files have them.
names() { jq -r 'select(.records[0].type == "SYSCALL" and .records[0].key == "json-w") | .records[] | select(.type == "PATH" and .nametype == "CREATE") | .name' $J; }
names | grep -qx "$D/w/$q" || { names; fail "the name with a quote"; }
names | grep -qx "$D/w/plain" || fail "the plain name"
jq -r 'select(.records[0].type == "SYSCALL" and .records[0].key == "json-w") | .records[] | select(.type == "PATH" and .nametype == "CREATE") | .name' $J |
	grep -c "^$D/w/new$" | grep -qx 1 || fail "the name with a newline"
want=$(printf '%s/w/bad\377' $D | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
jq -r '.records[] | select(.type == "PATH") | .name_hex // empty' $J | grep -qx "$want" ||
	fail "the name that is not UTF-8: no name_hex $want"
pass "hostile file names: quotes and newlines as text, bytes exactly in name_hex"

ev=$(jq -c 'select(.records[0].type == "SYSCALL" and .records[0].key == "json-x")' $J)
expect_eq "EXECVE argv" "$(echo "$ev" | jq -c '.records[] | select(.type == "EXECVE") | .argv')" \
	'["/usr/bin/printf","%s|","two words","a\"b"]'
expect_eq "PROCTITLE" "$(echo "$ev" | jq -c '.records[] | select(.type == "PROCTITLE") | .proctitle')" \
	'["/usr/bin/printf","%s|","two words","a\"b"]'
expect_eq "syscall named" "$(echo "$ev" | jq -r '.records[0].SYSCALL')" execve
expect_eq "uid named" "$(echo "$ev" | jq -r '.records[0].UID')" root
expect_eq "records of the execve event" "$(echo "$ev" | jq -r '[.records[].type] | join(" ")')" \
	"SYSCALL EXECVE CWD PATH PATH PROCTITLE"
pass "an execve: its records in one object, argv and proctitle as arrays"
expect_eq "connect's SOCKADDR" \
	"$(jq -c 'select(.records[0].type == "SYSCALL" and .records[0].key == "json-c") | .records[] | select(.type == "SOCKADDR") | .SADDR' $J)" \
	'{"family":"inet","addr":"127.0.0.1","port":9}'
pass "SOCKADDR decoded"
kill -TERM "$OURS"
wait "$OURS"
expect_eq "auditd's exit status" $? 0
jq -c 'select(.records[0].type == "DAEMON_END")' $J | grep -q . || fail "no DAEMON_END"
# The registration's CONFIG_CHANGE has no EOE: written when its timeout
# passed or, at the latest, at the end of the input.
jq -c 'select(.records[0].type == "CONFIG_CHANGE" and .records[0].audit_pid == '"$OURS"')' $J | grep -q . ||
	fail "the registration's record was never written"
pass "audisp-json writes every event, those without EOE at the latest at the end"
