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
 *
 * Numbers are read with strtoull base 0.  Exits 0 when every call
 * succeeded, 1 otherwise (with the failing call on stderr).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/openat2.h>
#include <mqueue.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
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
	fprintf(stderr, "usage: auxop capset|openat2|mmap|pipe|socketpair|msgset|mq|ptrace ARGS (see the source)\n");
	return 2;
}
