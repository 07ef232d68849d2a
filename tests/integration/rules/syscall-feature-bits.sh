# Debian's auditctl asks AUDIT_GET's feature_bitmap before it sends
# sessionid=, exe= and extended exclude fields; the kernel implements
# them, so it must offer the bits (stock: AUDIT_FEATURE_BITMAP_ALL).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
M=0xa0d17
rule -a always,exit -F arch=b64 -S getpid -F a3=$M -F exe=$SYSC -k fb-exe
rule -a always,exit -F arch=b64 -S getpid -F a3=$M -F sessionid=4294967295 -k fb-ses
rule -a never,exclude -F uid=1007
"$SYSC" 39 0 0 0 $M >/dev/null
has_key fb-exe
"$AUDITCTL" -d always,exit -F arch=b64 -S getpid -F a3=$M -F exe=$SYSC -k fb-exe >/dev/null
"$SYSC" 39 0 0 0 $M >/dev/null
has_key fb-ses
