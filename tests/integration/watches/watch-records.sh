# debug: also
# vm: also
# PATH records of creates and renames as the stock kernel writes them:
# a created file is one CREATE item with its inode (no second, inode-less
# CREATE item); a rename's CREATE item names the new path; the parent of
# a relative name is the cwd, not (null).
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
rm -rf /tmp/wr
mkdir -p /tmp/wr
rule -w /tmp/wr -p wa -k wrec
echo x >/tmp/wr/f
mv /tmp/wr/f /tmp/wr/g
(cd /tmp/wr && mkdir sub)
log_barrier
ser() { log_serial "^type=SYSCALL .*syscall=$1 .*key=\"wrec\""; }
paths() { grep "^type=PATH msg=audit([0-9.]*:$1)" $AUDIT_LOG | sed -E 's/^[^:]*:[0-9]+\): //; s/ inode=[0-9]+ dev=[0-9a-f:]+ mode=[0-7]+ ouid=0 ogid=0 rdev=00:00( obj=[^ ]+)?/ I/; s/ cap_fp=.*//' | tr '\n' '|'; }
expect_eq "open(O_CREAT) items" "$(paths "$(ser 257)")" \
	'item=0 name="/tmp/wr/" I nametype=PARENT|item=1 name="/tmp/wr/f" I nametype=CREATE|'
expect_eq "rename items" "$(paths "$(ser 316)")" \
	'item=0 name="/tmp/wr/" I nametype=PARENT|item=1 name="/tmp/wr/" I nametype=PARENT|item=2 name="/tmp/wr/f" I nametype=DELETE|item=3 name="/tmp/wr/g" I nametype=CREATE|'
expect_eq "relative mkdir items" "$(paths "$(ser 83)")" \
	'item=0 name="/tmp/wr" I nametype=PARENT|item=1 name="sub" I nametype=CREATE|'
rm -rf /tmp/wr
