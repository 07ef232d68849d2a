# boot: own
# debug: also
# A syscall that blocks while audited and returns after audit was switched
# off (or after the last rule went), or whose filesystem is lazily
# unmounted meanwhile, must leave nothing of that filesystem held: the
# unmount completes without "Dentry still in use", and the task's next
# syscalls, with audit on again, do not touch the dead superblock (which
# panicked the kernel).  Run in a boot of its own: the failure is a panic.
. "$AUDIT_TOP/tests/lib/harness.sh"
test_begin

no_dentry_bug() {
	if dmesg | grep -E "still in use|BUG:|WARNING:|busy inodes" >/dev/null; then
		dmesg | tail -20
		fail "$1: the kernel complained"
	fi
	pass "$1: no complaint from the kernel"
}

# blocked_open MODE: a task blocks in open() of a FIFO on a tmpfs while a
# rule names open/openat; audit is switched off (MODE off), or the rules
# deleted too (MODE off-and-delete), before the open returns; the tmpfs is
# unmounted; audit comes back; the task goes on with its syscalls.
blocked_open() {
	mode=$1
	mkdir -p /tmp/ends && mount -t tmpfs tmpfs /tmp/ends || fail "mount"
	mkfifo /tmp/ends/fifo
	"$AUDITCTL" -e 1 >/dev/null
	"$AUDITCTL" -a always,exit -F arch=b64 -S open -S openat -F uid=4242 -k ends >/dev/null ||
		fail "rule"
	# The reader reads the line before it closes the FIFO: a writer
	# whose reader had gone would die of SIGPIPE.
	sh -c 'exec 3</tmp/ends/fifo; read -r l <&3; exec 3<&-; while [ ! -e /tmp/ends-go ]; do sleep 0.1; done; ls / >/dev/null; cat /proc/self/status >/dev/null' &
	task=$!
	sleep 0.5
	"$AUDITCTL" -e 0 >/dev/null
	[ "$mode" = off-and-delete ] && "$AUDITCTL" -D >/dev/null
	echo x >/tmp/ends/fifo
	sleep 0.3
	umount /tmp/ends || fail "$mode: umount"
	no_dentry_bug "$mode: unmount after the open returned unaudited"
	"$AUDITCTL" -e 1 >/dev/null
	[ "$mode" = off-and-delete ] &&
		"$AUDITCTL" -a always,exit -F arch=b64 -S open -S openat -F uid=4242 >/dev/null
	touch /tmp/ends-go
	wait $task || fail "$mode: the task failed"
	rm -f /tmp/ends-go
	no_dentry_bug "$mode: the task's later syscalls with audit on"
	reset_audit
}

blocked_open off
blocked_open off-and-delete

# A connect() on a unix socket blocks (the listener's backlog is full);
# its filesystem is lazily unmounted and goes when the listener exits,
# which also ends the connect.
mkdir -p /tmp/ends && mount -t tmpfs tmpfs /tmp/ends || fail "mount"
"$AUDITCTL" -e 1 >/dev/null
"$AUDITCTL" -a always,exit -F arch=b64 -S connect -F uid=4242 >/dev/null || fail "rule"
python3 - <<'EOF' &
import os, socket, time
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind("/tmp/ends/sock")
srv.listen(0)
open("/tmp/ends-listening", "w").close()
while not os.path.exists("/tmp/ends-stop"):
    time.sleep(0.05)
srv.close()
EOF
server=$!
while [ ! -e /tmp/ends-listening ]; do sleep 0.05; done
python3 - <<'EOF' &
import socket
held = []
for i in range(3):
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        c.connect("/tmp/ends/sock")   # the third one blocks
        held.append(c)
    except OSError:
        break
EOF
client=$!
sleep 0.5
kill -0 $client 2>/dev/null || fail "the connect did not block"
pass "a connect blocks"
umount -l /tmp/ends || fail "umount -l"
touch /tmp/ends-stop
wait $server
wait $client
sleep 0.5
no_dentry_bug "lazy unmount under a blocked connect"
ls / >/dev/null
rm -f /tmp/ends-stop /tmp/ends-listening
reset_audit
no_dentry_bug "after everything"
