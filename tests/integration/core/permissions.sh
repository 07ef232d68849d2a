# debug: also
# Configuration needs CAP_AUDIT_CONTROL, user messages CAP_AUDIT_WRITE;
# without them: EPERM, and nothing changes.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }
without() { cap=$1; shift; setpriv --bounding-set=-"$cap" --inh-caps=-"$cap" "$@"; }
expect_eq "nobody AUDIT_GET" "$(nobody "$NL" errno 1000)" "error=-1"
expect_eq "nobody AUDIT_SET" "$(nobody "$NL" malformed badmask)" "error=-1"
expect_eq "nobody AUDIT_USER" "$(nobody "$NL" errno 1107)" "error=-1"
if nobody "$AUDITCTL" -e 1 2>/dev/null; then fail "nobody could auditctl -e 1"; fi
expect_eq enabled "$(status_field enabled)" 0
expect_eq "root without audit_control: AUDIT_GET" "$(without audit_control "$NL" errno 1000)" "error=-1"
expect_eq "root without audit_control: AUDIT_USER" "$(without audit_control "$NL" errno 1107)" "error=0"
expect_eq "root without audit_write: AUDIT_USER" "$(without audit_write "$NL" errno 1107)" "error=-1"
expect_eq "nobody multicast bind" "$(nobody "$NL" reader /dev/null --multicast)" "bind error=-1"
