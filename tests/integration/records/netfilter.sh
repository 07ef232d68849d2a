# debug: also
# NETFILTER_CFG for each change of an nf_tables table, chain and rule, in
# the event of nft's sendmsg, and NETFILTER_PKT for a packet a rule logs
# at "log level audit".
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
command -v nft >/dev/null || fail "no nft (Debian's nftables; scripts/install-deps)"
"$AUDITCTL" -e 1 >/dev/null
on_exit 'nft delete table inet audtest 2>/dev/null'
ip link set lo up || fail "lo up"
nft add table inet audtest || fail "nft add table"
nft add chain inet audtest out '{ type filter hook output priority 0; }' || fail "nft add chain"
nft add rule inet audtest out ip daddr 127.0.0.1 udp dport 9 log level audit || fail "nft add rule"
python3 -c 'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9))' ||
	fail "send a datagram"
nft delete table inet audtest || fail "nft delete table"
log_barrier
for op in nft_register_table nft_register_chain nft_register_rule nft_unregister_table; do
	wait_log "^type=NETFILTER_CFG msg=audit\([0-9.]+:[0-9]+\): table=audtest(:[0-9]+)? family=1 entries=[0-9]+ op=$op pid=[0-9]+ (subj=[^ ]+ )?comm=\"nft\""
	pass "NETFILTER_CFG op=$op"
done
s=$(log_serial '^type=NETFILTER_CFG .* op=nft_register_table ')
log_record "$s" SYSCALL | grep -q 'comm="nft"' ||
	{ grep ":$s)" $AUDIT_LOG; fail "NETFILTER_CFG in nft's syscall event"; }
pass "NETFILTER_CFG in the event of nft's syscall"
wait_log "^type=NETFILTER_PKT msg=audit\([0-9.]+:[0-9]+\): mark=(0|0x0) saddr=127\.0\.0\.1 daddr=127\.0\.0\.1 proto=17"
pass "NETFILTER_PKT of the logged datagram"
