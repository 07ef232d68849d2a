/* SPDX-License-Identifier: GPL-2.0 */
/*
 * auxop: the operations whose auxiliary audit records the integration
 * tests check, each done with the exact arguments the test names.
 *
 *   auxop capset EFF PERM INH        capset(2) on itself, version 3
 *   auxop openat2 PATH FLAGS MODE RESOLVE
 *   auxop mmap PATH FLAGS            mmap of PATH's first page
 *   auxop pipe | socketpair          prints "fds=A,B"
 *   auxop msgset ID UID GID MODE QBYTES   msgctl IPC_STAT, then IPC_SET
 *   auxop mq NAME                    mq_open, mq_timedsend, mq_notify,
 *                                    mq_timedreceive, mq_setattr, unlink
 *   auxop ptrace PID                 PTRACE_ATTACH, wait, PTRACE_DETACH
 *   auxop seccomp NR ACTION FLAGS    a filter returning ACTION for syscall
 *                                    NR, then NR; prints "ret=R errno=E"
 *   auxop adjoffset SEC              adjtimex ADJ_SETOFFSET by SEC seconds
 *   auxop ntpfreq FREQ               adjtimex ADJ_FREQUENCY; prints the
 *                                    old frequency, "old=F"
 *   auxop handle PATH                name_to_handle_at, then
 *                                    open_by_handle_at of PATH's handle
 *   auxop bpfprog                    loads a socket filter BPF program
 *                                    ("return 0"), prints "id=N", closes it
 *   auxop fanotify PATH allow|deny [RULE]
 *                                    a fanotify listener on PATH's opens
 *                                    answers a child's open with FAN_AUDIT
 *                                    (and, with RULE, an audit rule info:
 *                                    that number, subj_trust=1 obj_trust=0);
 *                                    prints "open=0" or "open=-ERRNO"
 *   auxop uring openat|close PATH [async]
 *                                    one io_uring operation: IORING_OP_OPENAT
 *                                    of PATH, or IORING_OP_CLOSE of PATH
 *                                    opened first; with "async", forced to
 *                                    an io-wq worker (IOSQE_ASYNC); prints
 *                                    "res=R", the completion's result
 *
 * Numbers are read with strtoull base 0.  Exits 0 when every call
 * succeeded, 1 otherwise (with the failing call on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/fanotify.h>
#include <linux/io_uring.h>
#include <linux/filter.h>
#include <linux/openat2.h>
#include <linux/seccomp.h>
#include <mqueue.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long num(const char *s)
{
	return strtoull(s, NULL, 0);
}

static int failed(const char *what)
{
	fprintf(stderr, "auxop: %s: %s\n", what, strerror(errno));
	return 1;
}

static int do_capset(char **a)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct d[2];
	unsigned long long e = num(a[0]), p = num(a[1]), i = num(a[2]);

	d[0].effective = (uint32_t)e;
	d[1].effective = (uint32_t)(e >> 32);
	d[0].permitted = (uint32_t)p;
	d[1].permitted = (uint32_t)(p >> 32);
	d[0].inheritable = (uint32_t)i;
	d[1].inheritable = (uint32_t)(i >> 32);
	if (syscall(SYS_capset, &hdr, d))
		return failed("capset");
	return 0;
}

static int do_openat2(char **a)
{
	struct open_how how = {
		.flags = num(a[1]), .mode = num(a[2]), .resolve = num(a[3]),
	};
	long fd = syscall(SYS_openat2, AT_FDCWD, a[0], &how, sizeof(how));

	if (fd < 0)
		return failed("openat2");
	printf("fd=%ld\n", fd);
	return 0;
}

static int do_mmap(char **a)
{
	int fd = open(a[0], O_RDONLY);
	void *p;

	if (fd < 0)
		return failed("open");
	p = mmap(NULL, 4096, PROT_READ, (int)num(a[1]), fd, 0);
	if (p == MAP_FAILED)
		return failed("mmap");
	printf("fd=%d\n", fd);
	return 0;
}

static int do_fds(int sock)
{
	int fds[2];

	if (sock ? socketpair(AF_UNIX, SOCK_STREAM, 0, fds) : pipe2(fds, 0))
		return failed(sock ? "socketpair" : "pipe2");
	printf("fds=%d,%d\n", fds[0], fds[1]);
	return 0;
}

static int do_msgset(char **a)
{
	int id = (int)num(a[0]);
	struct msqid_ds ds;

	if (msgctl(id, IPC_STAT, &ds))
		return failed("msgctl IPC_STAT");
	ds.msg_perm.uid = (uid_t)num(a[1]);
	ds.msg_perm.gid = (gid_t)num(a[2]);
	ds.msg_perm.mode = (unsigned short)num(a[3]);
	ds.msg_qbytes = (msglen_t)num(a[4]);
	if (msgctl(id, IPC_SET, &ds))
		return failed("msgctl IPC_SET");
	return 0;
}

/* The timeouts are far in the future and exact, so the test can see them. */
static int do_mq(const char *name)
{
	struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
	struct mq_attr nonblock = { .mq_flags = O_NONBLOCK };
	struct timespec ts = { .tv_sec = 4000000000LL, .tv_nsec = 5 };
	struct sigevent sev = {
		.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1,
	};
	unsigned int prio;
	char buf[64];
	mqd_t q;

	q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
	if (q == (mqd_t)-1)
		return failed("mq_open");
	printf("mqdes=%d\n", (int)q);
	if (mq_timedsend(q, "hello", 5, 7, &ts))
		return failed("mq_timedsend");
	if (mq_notify(q, &sev))
		return failed("mq_notify");
	if (mq_timedreceive(q, buf, sizeof(buf), &prio, &ts) != 5)
		return failed("mq_timedreceive");
	if (mq_setattr(q, &nonblock, NULL))
		return failed("mq_setattr");
	if (mq_unlink(name))
		return failed("mq_unlink");
	return 0;
}

static int do_ptrace(pid_t pid)
{
	int status;

	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL))
		return failed("PTRACE_ATTACH");
	if (waitpid(pid, &status, 0) != pid)
		return failed("waitpid");
	if (ptrace(PTRACE_DETACH, pid, NULL, NULL))
		return failed("PTRACE_DETACH");
	return 0;
}

/* Any other syscall is allowed, whatever its architecture. */
static int do_seccomp(char **a)
{
	unsigned int nr = (unsigned int)num(a[0]);
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, (unsigned int)num(a[1])),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(f) / sizeof(f[0]), .filter = f,
	};
	long ret;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return failed("PR_SET_NO_NEW_PRIVS");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    (unsigned int)num(a[2]), &prog))
		return failed("seccomp");
	errno = 0;
	ret = syscall(nr);
	printf("ret=%ld errno=%d\n", ret, ret < 0 ? errno : 0);
	return 0;
}

static int do_adjoffset(const char *sec)
{
	struct timex t = { .modes = ADJ_SETOFFSET | ADJ_NANO };

	t.time.tv_sec = strtol(sec, NULL, 0);
	if (adjtimex(&t) < 0)
		return failed("adjtimex ADJ_SETOFFSET");
	return 0;
}

static int do_ntpfreq(const char *freq)
{
	struct timex t = { .modes = 0 };
	long old;

	if (adjtimex(&t) < 0)
		return failed("adjtimex");
	old = t.freq;
	t = (struct timex){ .modes = ADJ_FREQUENCY };
	t.freq = strtol(freq, NULL, 0);
	if (adjtimex(&t) < 0)
		return failed("adjtimex ADJ_FREQUENCY");
	printf("old=%ld\n", old);
	return 0;
}

static int do_handle(const char *path)
{
	struct {
		struct file_handle h;
		unsigned char room[MAX_HANDLE_SZ];
	} fh;
	int mount_id, mfd, fd;

	fh.h.handle_bytes = MAX_HANDLE_SZ;
	if (name_to_handle_at(AT_FDCWD, path, &fh.h, &mount_id, 0))
		return failed("name_to_handle_at");
	/* Any descriptor on the file's mount: the file's own. */
	mfd = open(path, O_RDONLY);
	if (mfd < 0)
		return failed("open");
	fd = open_by_handle_at(mfd, &fh.h, O_RDONLY);
	if (fd < 0)
		return failed("open_by_handle_at");
	close(fd);
	close(mfd);
	return 0;
}

static int do_bpfprog(void)
{
	struct bpf_insn prog[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr load = {
		.prog_type = BPF_PROG_TYPE_SOCKET_FILTER,
		.insns = (uintptr_t)prog,
		.insn_cnt = sizeof(prog) / sizeof(prog[0]),
		.license = (uintptr_t)"GPL",
	};
	struct bpf_prog_info info = { 0 };
	union bpf_attr get = { .info.info_len = sizeof(info),
			       .info.info = (uintptr_t)&info };
	int fd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof(load));

	if (fd < 0)
		return failed("bpf BPF_PROG_LOAD");
	get.info.bpf_fd = (unsigned int)fd;
	if (syscall(SYS_bpf, BPF_OBJ_GET_INFO_BY_FD, &get, sizeof(get)))
		return failed("bpf BPF_OBJ_GET_INFO_BY_FD");
	printf("id=%u\n", info.id);
	fflush(stdout);
	close(fd);
	return 0;
}

/* Not in the headers of older distributions (Linux 6.3). */
#ifndef FAN_INFO
#define FAN_INFO			0x20
#define FAN_RESPONSE_INFO_AUDIT_RULE	1
struct fanotify_response_info_header {
	uint8_t type, pad;
	uint16_t len;
};
struct fanotify_response_info_audit_rule {
	struct fanotify_response_info_header hdr;
	uint32_t rule_number, subj_trust, obj_trust;
};
#endif

static int do_fanotify(char **a, int n)
{
	struct {
		struct fanotify_response r;
		struct fanotify_response_info_audit_rule rule;
	} answer = { 0 };
	struct fanotify_event_metadata ev;
	int fan, status, rc = 0;
	size_t len = sizeof(answer.r);
	pid_t child;

	fan = (int)syscall(SYS_fanotify_init, FAN_CLASS_CONTENT |
			   FAN_ENABLE_AUDIT, O_RDONLY);
	if (fan < 0)
		return failed("fanotify_init");
	if (syscall(SYS_fanotify_mark, fan, FAN_MARK_ADD, FAN_OPEN_PERM,
		    AT_FDCWD, a[0]))
		return failed("fanotify_mark");
	fflush(stdout);
	child = fork();
	if (child == 0) {
		int fd = open(a[0], O_RDONLY);

		printf("open=%d\n", fd < 0 ? -errno : 0);
		fflush(stdout);
		_exit(0);
	}
	if (read(fan, &ev, sizeof(ev)) < (ssize_t)sizeof(ev))
		return failed("read of the fanotify event");
	answer.r.fd = ev.fd;
	answer.r.response = (strcmp(a[1], "deny") ? FAN_ALLOW : FAN_DENY) |
			    FAN_AUDIT;
	if (n == 3) {
		answer.r.response |= FAN_INFO;
		answer.rule.hdr.type = FAN_RESPONSE_INFO_AUDIT_RULE;
		answer.rule.hdr.len = sizeof(answer.rule);
		answer.rule.rule_number = (uint32_t)num(a[2]);
		answer.rule.subj_trust = 1;
		answer.rule.obj_trust = 0;
		len = sizeof(answer);
	}
	if (write(fan, &answer, len) != (ssize_t)len)
		rc = failed("write of the fanotify answer");
	close(ev.fd);
	waitpid(child, &status, 0);
	close(fan);
	return rc;
}

/* One SQE through a ring of one entry, by the raw syscalls. */
static int do_uring(char **a, int n)
{
	struct io_uring_params p = { 0 };
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	unsigned int *sq_tail, *sq_array, *cq_head;
	bool open = !strcmp(a[0], "openat");
	size_t sq_len, cq_len;
	char *sq, *cq;
	int ring, fd = -1;

	if (!open && strcmp(a[0], "close"))
		return 2;
	if (!open) {
		fd = openat(AT_FDCWD, a[1], O_RDONLY);
		if (fd < 0)
			return failed("openat");
	}
	ring = (int)syscall(__NR_io_uring_setup, 1, &p);
	if (ring < 0)
		return failed("io_uring_setup");
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	sq = mmap(NULL, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED, ring,
		  IORING_OFF_SQ_RING);
	cq = mmap(NULL, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED, ring,
		  IORING_OFF_CQ_RING);
	sqe = mmap(NULL, sizeof(*sqe), PROT_READ | PROT_WRITE, MAP_SHARED,
		   ring, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqe == MAP_FAILED)
		return failed("mmap of the ring");
	memset(sqe, 0, sizeof(*sqe));
	if (open) {
		sqe->opcode = IORING_OP_OPENAT;
		sqe->fd = AT_FDCWD;
		sqe->addr = (unsigned long)a[1];
		sqe->open_flags = O_RDONLY;
	} else {
		sqe->opcode = IORING_OP_CLOSE;
		sqe->fd = fd;
	}
	if (n == 3 && !strcmp(a[2], "async"))
		sqe->flags = IOSQE_ASYNC;
	sq_array = (unsigned int *)(sq + p.sq_off.array);
	sq_tail = (unsigned int *)(sq + p.sq_off.tail);
	sq_array[0] = 0;
	__atomic_store_n(sq_tail, *sq_tail + 1, __ATOMIC_RELEASE);
	if (syscall(__NR_io_uring_enter, ring, 1, 1, IORING_ENTER_GETEVENTS,
		    NULL, 0) < 0)
		return failed("io_uring_enter");
	cq_head = (unsigned int *)(cq + p.cq_off.head);
	cqe = (struct io_uring_cqe *)(cq + p.cq_off.cqes) +
	      (*cq_head & *(unsigned int *)(cq + p.cq_off.ring_mask));
	printf("res=%d\n", cqe->res);
	return 0;
}

int main(int argc, char **argv)
{
	const char *op = argc > 1 ? argv[1] : "";
	int n = argc - 2;

	if (!strcmp(op, "capset") && n == 3)
		return do_capset(argv + 2);
	if (!strcmp(op, "openat2") && n == 4)
		return do_openat2(argv + 2);
	if (!strcmp(op, "mmap") && n == 2)
		return do_mmap(argv + 2);
	if (!strcmp(op, "pipe") && n == 0)
		return do_fds(0);
	if (!strcmp(op, "socketpair") && n == 0)
		return do_fds(1);
	if (!strcmp(op, "msgset") && n == 5)
		return do_msgset(argv + 2);
	if (!strcmp(op, "mq") && n == 1)
		return do_mq(argv[2]);
	if (!strcmp(op, "ptrace") && n == 1)
		return do_ptrace((pid_t)num(argv[2]));
	if (!strcmp(op, "seccomp") && n == 3)
		return do_seccomp(argv + 2);
	if (!strcmp(op, "adjoffset") && n == 1)
		return do_adjoffset(argv[2]);
	if (!strcmp(op, "ntpfreq") && n == 1)
		return do_ntpfreq(argv[2]);
	if (!strcmp(op, "handle") && n == 1)
		return do_handle(argv[2]);
	if (!strcmp(op, "bpfprog") && n == 0)
		return do_bpfprog();
	if (!strcmp(op, "fanotify") && (n == 2 || n == 3))
		return do_fanotify(argv + 2, n);
	if (!strcmp(op, "uring") && (n == 2 || n == 3))
		return do_uring(argv + 2, n);
	fprintf(stderr, "usage: auxop capset|openat2|mmap|pipe|socketpair|msgset|mq|ptrace|\n\tseccomp|adjoffset|ntpfreq|handle|bpfprog|fanotify|uring ARGS (see the source)\n");
	return 2;
}
