# When a watched directory goes away, the rules on it go too, as in the
# stock kernel (a CONFIG_CHANGE op=remove_rule each); they must never be
# left listed but undeletable.
. "$AUDIT_TOP/tests/lib/common.sh"
reset_audit
start_auditd
mkdir -p /tmp/ra /tmp/rb
touch /tmp/ra/p
rule -w /tmp/ra/p -p wa -k rmfile
rule -w /tmp/rb -p wa -k rmdir
rm -rf /tmp/ra /tmp/rb
log_barrier
# Either the rules are gone, or they can still be deleted.
left=$("$AUDITCTL" -l)
case "$left" in
"No rules") wait_log "op=remove_rule key=\"rmfile\"" ;;
*)
	"$AUDITCTL" -W /tmp/ra/p -p wa -k rmfile || fail "listed file watch cannot be deleted: $left"
	"$AUDITCTL" -W /tmp/rb -p wa -k rmdir || fail "listed dir watch cannot be deleted: $left"
	;;
esac
"$AUDITCTL" -D >/dev/null || fail "auditctl -D after the watched directories went"
expect_eq rules "$("$AUDITCTL" -l)" "No rules"
reset_audit
