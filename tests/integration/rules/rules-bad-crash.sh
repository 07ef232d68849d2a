# debug: also
# boot: own
# Bad rule blobs that panic the kernel today: each must get -EINVAL and
# leave nothing stored (DESIGN: bad input never crashes).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
A="4 2 sc=39 11,=,0xc000003e"
# An operator that is none of the eight, after a valid field: the
# builder returns ERR_PTR(0) (NULL) and the caller dereferences it.
expect_eq "bogus operator bits" "$("$NL" rule add $A 0,0x7,1)" error=-22
# An LSM field (16 = subj_sen) whose string length overruns the buffer,
# on a kernel without an LSM policy loaded: panics in audit_rule_free.
expect_eq "subj_sen beyond the buffer" "$("$NL" rule add $A 203,=,0xa0d17 16,=,0xa0d17)" error=-22
# No policy loaded: the LSM cannot compile the context (as on stock).
expect_eq "subj_user, no policy" "$("$NL" rule add $A 13,=,s:user_u)" error=-95
expect_eq rules "$("$AUDITCTL" -l)" "No rules"
