# vm: also
# Every implemented rule field, with each operator, on the exit list:
# a rule that must match and one that must not, seen in Debian auditd's
# log.  Calls are made by tests/helpers/sysc with a magic a3, so a rule
# "-S getpid -F a3=MAGIC" only sees the helper's calls.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin
start_auditd
umask 022
M=0xa0d17
U="setpriv --ruid 1001 --euid 1002 --rgid 2001 --egid 2002 --groups 3000,3001"

# t yes|no KEY FIELD... -- COMMAND...: one rule (getpid, a3=MAGIC, the
# fields), the command, then the rule goes and the key is (not) logged.
t() {
	want=$1 key=$2
	shift 2
	fields=
	while [ "$1" != -- ]; do fields="$fields $1"; shift; done
	shift
	rule -a always,exit -F arch=b64 $fields -k "$key"
	"$@" >/dev/null || fail "$*"
	"$AUDITCTL" -D >/dev/null
	if [ "$want" = yes ]; then has_key "$key"; else no_key "$key"; fi
}
G="-S getpid -F a3=$M"
call() { "$SYSC" 39 16 0x20 0x30 $M; }

# ---- a0..a3 and every operator ----
t yes a0-eq $G -F a0=16 -- call
t no a0-eq-no $G -F a0=17 -- call
t yes a0-ne $G -F a0!=17 -- call
t no a0-ne-no $G -F a0!=16 -- call
t yes a0-lt $G -F a0\<17 -- call
t no a0-lt-no $G -F a0\<16 -- call
t yes a0-gt $G -F a0\>15 -- call
t no a0-gt-no $G -F a0\>16 -- call
t yes a0-le $G -F a0\<=16 -- call
t no a0-le-no $G -F a0\<=15 -- call
t yes a0-ge $G -F a0\>=16 -- call
t no a0-ge-no $G -F a0\>=17 -- call
t yes a0-and $G -F a0\&0x18 -- call
t no a0-and-no $G -F a0\&0x3 -- call
t yes a0-andeq $G -F a0\&=0x10 -- call
t no a0-andeq-no $G -F a0\&=0x18 -- call
t yes a1 $G -F a1=0x20 -- call
t no a1-no $G -F a1=0x21 -- call
t yes a2 $G -F a2=0x30 -- call
t no a2-no $G -F a2=0x31 -- call
t yes a3 $G -- call
t no a3-no $G -F a3!=$M -- call

# ---- pid, ppid ----
rm -f /tmp/pid /tmp/go
"$SYSC" --pidfile /tmp/pid --wait /tmp/go 39 0 0 0 $M >/dev/null &
bg=$!
wait_until -t 5 -i 0.05 test -s /tmp/pid
p=$(cat /tmp/pid)
rule -a always,exit -F arch=b64 $G -F pid=$p -k pid-eq
rule -a always,exit -F arch=b64 $G -F pid=$((p + 1)) -k pid-eq-no
rule -a always,exit -F arch=b64 $G -F pid!=$p -k pid-ne-no
touch /tmp/go
wait $bg
"$AUDITCTL" -D >/dev/null
has_key pid-eq
no_key pid-eq-no
no_key pid-ne-no
t yes ppid $G -F ppid=$$ -- call
t no ppid-no $G -F ppid=1 -- call

# ---- user and group ids (setpriv: ruid 1001, euid=suid=fsuid 1002,
# rgid 2001, egid=sgid=fsgid 2002, supplementary 3000 3001) ----
ucall() { $U "$SYSC" 39 0 0 0 $M; }
t yes uid $G -F uid=1001 -- ucall
t no uid-no $G -F uid=1002 -- ucall
t yes uid-ne $G -F uid!=0 -- ucall
t no uid-ne-no $G -F uid!=1001 -- ucall
t yes uid-ge $G -F uid\>=1000 -- ucall
t no uid-lt-no $G -F uid\<1000 -- ucall
t yes euid $G -F euid=1002 -- ucall
t no euid-no $G -F euid=1001 -- ucall
t yes suid $G -F suid=1002 -- ucall
t no suid-no $G -F suid=1001 -- ucall
t yes fsuid $G -F fsuid=1002 -- ucall
t no fsuid-no $G -F fsuid=0 -- ucall
t yes gid $G -F gid=2001 -- ucall
t yes gid-supp $G -F gid=3001 -- ucall
t no gid-no $G -F gid=2002 -- ucall
t yes gid-ne $G -F gid!=4000 -- ucall
t no gid-ne-supp $G -F gid!=3000 -- ucall
t yes egid $G -F egid=2002 -- ucall
t yes egid-supp $G -F egid=3000 -- ucall
t no egid-no $G -F egid=2001 -- ucall
t yes sgid $G -F sgid=2002 -- ucall
t no sgid-no $G -F sgid=2001 -- ucall
t yes fsgid $G -F fsgid=2002 -- ucall
t no fsgid-no $G -F fsgid=2001 -- ucall
t yes root-uid $G -F uid=0 -F euid=0 -F gid=0 -- call

# ---- auid, loginuid_set, sessionid ----
acall() { sh -c "echo 1000 >/proc/self/loginuid && exec $SYSC 39 0 0 0 $M"; }
t yes auid $G -F auid=1000 -- acall
t no auid-no $G -F auid=1001 -- acall
t yes auid-ge $G -F auid\>=1000 -- acall
t no auid-gt-no $G -F auid\>1000 -- acall
t yes auid-unset $G -F auid=unset -- call
t no auid-unset-no $G -F auid=unset -- acall
# loginuid_set (24): Debian's auditctl 3.0.9 has no name for it.
lset() { # lset yes|no KEY VALUE COMMAND
	e=$("$NL" rule add 4 2 sc=39 11,=,0xc000003e 203,=,$M 24,=,$3 210,=,s:$2)
	expect_eq "raw rule loginuid_set=$3" "$e" error=0
	$4 >/dev/null
	"$AUDITCTL" -D >/dev/null
	if [ "$1" = yes ]; then has_key "$2"; else no_key "$2"; fi
}
lset yes loginuid-set 1 acall
lset no loginuid-set-no 1 call
lset yes loginuid-unset 0 call
lset no loginuid-unset-no 0 acall
rm -f /tmp/ses /tmp/go
sh -c "echo 1000 >/proc/self/loginuid && cat /proc/self/sessionid >/tmp/ses.new && mv /tmp/ses.new /tmp/ses && exec $SYSC --wait /tmp/go 39 0 0 0 $M" >/dev/null &
bg=$!
wait_until -t 5 -i 0.05 test -s /tmp/ses
s=$(cat /tmp/ses)
# Raw rules: Debian's auditctl asks for the SESSIONID_FILTER feature bit
# (tests/integration/rules/syscall-feature-bits.sh).
raw() { e=$("$NL" rule add 4 2 sc=39 11,=,0xc000003e 203,=,$M "$@"); expect_eq "raw rule $*" "$e" error=0; }
raw 25,=,$s 210,=,s:ses-eq
raw 25,=,$((s + 1000)) 210,=,s:ses-eq-no
raw 25,!=,$s 210,=,s:ses-ne-no
touch /tmp/go
wait $bg
"$AUDITCTL" -D >/dev/null
has_key ses-eq
no_key ses-eq-no
no_key ses-ne-no

# ---- arch, pers ----
t yes arch-all -S all -F a3=$M -- call
# (The UML kernel knows only its own arch: arch=b32 is refused there.)
e=$("$NL" rule add 4 2 sc=all 11,!=,0xc000003e 203,=,$M 210,=,s:arch-ne-no)
expect_eq "raw rule arch!=b64" "$e" error=0
call >/dev/null
"$AUDITCTL" -D >/dev/null
no_key arch-ne-no
pcall() { "$SYSC" --pers 0x40000 39 0 0 0 $M; }
t yes pers $G -F pers=262144 -- pcall
t no pers-no $G -F pers=0 -- pcall
t yes pers-zero $G -F pers=0 -- call

# ---- success, exit: close(MAGIC) fails with EBADF, umask returns 022 ----
B="-S close -F a0=$M"
bad() { "$SYSC" 3 $M; }
t yes success-no $B -F success=0 -- bad
t no success-no-no $B -F success=1 -- bad
t yes exit-ebadf $B -F exit=-EBADF -- bad
t yes exit-num $B -F exit=-9 -- bad
t no exit-ebadf-no $B -F exit=-ENOENT -- bad
U2="-S umask -F a3=$M"
um() { "$SYSC" 95 0x12 0 0 $M; }
t yes success-yes $U2 -F success=1 -- um
t no success-yes-no $U2 -F success=0 -- um
t yes exit-pos $U2 -F exit=18 -- um
t no exit-pos-no $U2 -F exit=19 -- um
t yes exit-ge $U2 -F exit\>=18 -- um
t no exit-gt-no $U2 -F exit\>18 -- um

# ---- exe ----
# Raw rules: Debian's auditctl asks for the EXECUTABLE_PATH feature bit
# (tests/integration/rules/syscall-feature-bits.sh).
# (One rule at a time: the first matching exit rule wins.)
rawt() { # rawt yes|no KEY SPEC...
	want=$1 key=$2
	shift 2
	raw "$@" 210,=,s:$key
	call >/dev/null
	"$AUDITCTL" -D >/dev/null
	if [ "$want" = yes ]; then has_key "$key"; else no_key "$key"; fi
}
rawt yes exe 112,=,s:$SYSC
rawt no exe-no 112,=,s:/usr/bin/true
rawt yes exe-ne 112,!=,s:/usr/bin/true
rawt no exe-ne-no 112,!=,s:$SYSC

# ---- inode, devmajor, devminor, filetype, obj_uid, obj_gid: on the
# names an openat looked up ----
mkdir -p /tmp/fld
echo x >/tmp/fld/f
chown 1000:1001 /tmp/fld/f
ino=$(stat -c %i /tmp/fld/f)
maj=$(stat -c %Hd /tmp/fld/f)
min=$(stat -c %Ld /tmp/fld/f)
O="-S openat -F a3=$M"
of() { "$SYSC" 257 -100 s:/tmp/fld/f 0 $M; }
od() { "$SYSC" 257 -100 s:/tmp/fld 0x10000 $M; }
t yes inode $O -F inode=$ino -- of
t no inode-no $O -F inode=$((ino + 1000)) -- of
t yes devmajor $O -F devmajor=$maj -- of
t no devmajor-no $O -F devmajor=$((maj + 7)) -- of
t yes devminor $O -F devminor=$min -- of
t no devminor-no $O -F devminor=$((min + 7)) -- of
t yes filetype-file $O -F filetype=file -- of
t no filetype-file-no $O -F filetype=dir -- of
t yes filetype-dir $O -F filetype=dir -- od
t no filetype-dir-no $O -F filetype=file -- od
t yes obj-uid $O -F obj_uid=1000 -- of
t no obj-uid-no $O -F obj_uid=0 -- of
t yes obj-gid $O -F obj_gid=1001 -- of
t no obj-gid-no $O -F obj_gid=1000 -- of

# ---- ausearch -k finds them ----
ausearch -k a0-eq -i 2>/dev/null | grep -q "syscall=getpid success=yes .*a0=0x10 a1=0x20 a2=0x30 a3=0xa0d17 .*uid=root .*key=a0-eq" ||
	{ ausearch -k a0-eq -i; fail "ausearch -i -k a0-eq"; }
ausearch -k uid --raw 2>/dev/null | grep -q " uid=1001 gid=2001 euid=1002 suid=1002 fsuid=1002 egid=2002 sgid=2002 fsgid=2002 .*key=\"uid\"" ||
	{ ausearch -k uid --raw; fail "ausearch -k uid: the ids"; }
ausearch -k success-no -i 2>/dev/null | grep -q "syscall=close success=no exit=EBADF" ||
	{ ausearch -k success-no -i; fail "ausearch -i -k success-no"; }
pass "ausearch -k"
rm -rf /tmp/fld /tmp/pid /tmp/go /tmp/ses
