// SPDX-License-Identifier: GPL-2.0
/*
 * x86-audit-init: the init of the x86_64 boot test (scripts/x86-boot).
 *
 * Statically linked and alone in an initramfs, it runs as pid 1 under
 * qemu-system-x86_64.  A child registers as the audit daemon, adds rules
 * over NETLINK_AUDIT with auditlib, makes 64-bit and 32-bit (int $0x80)
 * system calls and reads back the records they produce.  Each check
 * prints one line on the console:
 *
 *   x86-audit: ok NAME
 *   x86-audit: not ok NAME: WHY
 *
 * then "x86-audit: summary ok=N not-ok=M" (so that a line garbled on
 * the console cannot hide a failure) and, last, "x86-audit: done"; then
 * init reboots, which qemu -no-reboot turns into an exit.
 *
 * A check that a call is NOT audited is only meaningful if records do
 * arrive: every look at the records first sends a user message (a
 * marker) and reads until the marker comes back, so whatever the calls
 * before it produced has been read by then.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit-lib.h"

/* Syscall numbers of the i386 ABI (asm/unistd_32.h), as int $0x80 takes. */
#define I386_OPEN	5
#define I386_TRUNCATE	92
#define I386_SOCKETCALL	102

#define RECORD_WAIT_MS	20000	/* TCG is slow; a healthy run takes ms */
#define MAX_RECORDS	256

/* Files the checks touch; static, so below 4 GiB for int $0x80. */
static char f_b64[] = "/tmp/x86-b64";
static char f_missing[] = "/tmp/x86-missing";
static char f_b32[] = "/tmp/x86-b32";
static char f_watched[] = "/tmp/x86-watched";
static char f_init[] = "/tmp/x86-init";
static char f_off[] = "/tmp/x86-off";
/* socketcall(SYS_SOCKET, {AF_NETLINK, SOCK_RAW, NETLINK_AUDIT}), 32-bit. */
static unsigned int sockcall_args[3] = { 16, 3, 9 };

static struct al_nl ctl;	/* requests */
static struct al_nl daemon_nl;	/* records, once registered */
static int passes, failures;

/* The records read up to the last marker: "TYPE text", one per entry. */
static char *records[MAX_RECORDS];
static int nrecords;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	/* One write per line, so that console lines do not interleave. */
	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		return;
}

static void check(const char *name, const char *why)
{
	if (why) {
		say("x86-audit: not ok %s: %s", name, why);
		failures++;
	} else {
		say("x86-audit: ok %s", name);
		passes++;
	}
}

/* A 32-bit system call from this 64-bit program, through int $0x80. */
static long int80(long nr, const void *a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"((long)a), "c"(b), "d"(c)
			 : "r8", "r9", "r10", "r11", "memory", "cc");
	return ret;
}

static void records_clear(void)
{
	for (int i = 0; i < nrecords; i++)
		free(records[i]);
	nrecords = 0;
}

/*
 * Sends a user message with a fresh text and keeps every record read
 * until it comes back; returns NULL, or why it did not come back.
 */
static const char *sync_records(void)
{
	static unsigned int serial;
	static union {
		struct nlmsghdr h;
		char b[AL_MAX_MSG + 1];
	} buf;
	char marker[64];
	struct pollfd p = { .fd = daemon_nl.fd, .events = POLLIN };
	int err;

	records_clear();
	snprintf(marker, sizeof(marker), "x86-marker-%u", ++serial);
	err = al_send_user(&ctl, AUDIT_USER, marker);
	if (err < 0)
		return "sending the marker failed";
	for (;;) {
		ssize_t n;
		size_t len;
		char *rec;

		if (poll(&p, 1, RECORD_WAIT_MS) <= 0)
			return "the marker did not come back within the timeout";
		n = recv(daemon_nl.fd, buf.b, AL_MAX_MSG, 0);
		if (n < 0 && (errno == EINTR || errno == ENOBUFS))
			continue;
		if (n < (ssize_t)NLMSG_HDRLEN)
			return "reading the daemon socket failed";
		/* A record's nlmsg_len may be the payload's: take what came. */
		len = (size_t)n - NLMSG_HDRLEN;
		if (asprintf(&rec, "%u %.*s", buf.h.nlmsg_type, (int)len,
			     (char *)NLMSG_DATA(&buf.h)) < 0)
			return "out of memory";
		if (nrecords < MAX_RECORDS)
			records[nrecords++] = rec;
		else
			free(rec);
		if (buf.h.nlmsg_type == AUDIT_USER && strstr(rec, marker))
			return NULL;
	}
}

/* The serial of a record ("audit(SEC.MSEC:SERIAL): ..."), or 0. */
static unsigned long record_serial(const char *rec)
{
	const char *p = strstr(rec, "audit(");

	p = p ? strchr(p, ':') : NULL;
	return p ? strtoul(p + 1, NULL, 10) : 0;
}

/* Does @rec carry the field "@kv" (a whole "key=value" word)? */
static int has_field(const char *rec, const char *kv)
{
	size_t len = strlen(kv);

	for (const char *p = strstr(rec, kv); p; p = strstr(p + 1, kv))
		if ((p == rec || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return 1;
	return 0;
}

/* The record of @type and @serial, or NULL. */
static const char *find_record(int type, unsigned long serial)
{
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "%d ", type);
	for (int i = 0; i < nrecords; i++)
		if (!strncmp(records[i], prefix, strlen(prefix)) &&
		    record_serial(records[i]) == serial)
			return records[i];
	return NULL;
}

/* The SYSCALL record of the event whose PATH record names @path. */
static const char *event_of_path(const char *path)
{
	char name[128];

	snprintf(name, sizeof(name), "name=\"%s\"", path);
	for (int i = 0; i < nrecords; i++) {
		if (strncmp(records[i], "1302 ", 5) || !has_field(records[i], name))
			continue;
		return find_record(AUDIT_SYSCALL, record_serial(records[i]));
	}
	return NULL;
}

/* The first SYSCALL record carrying field @kv, or NULL. */
static const char *syscall_with(const char *kv)
{
	for (int i = 0; i < nrecords; i++)
		if (!strncmp(records[i], "1300 ", 5) && has_field(records[i], kv))
			return records[i];
	return NULL;
}

/*
 * Checks that the records read hold an event for @path whose SYSCALL
 * record has every "key=value" of the NULL-terminated list.
 */
static void expect_event(const char *name, const char *path, ...)
{
	static char why[512];
	const char *sc, *kv, *err = sync_records();
	va_list ap;

	if (err) {
		check(name, err);
		return;
	}
	sc = event_of_path(path);
	if (!sc) {
		snprintf(why, sizeof(why), "no SYSCALL and PATH records for %s",
			 path);
		check(name, why);
		return;
	}
	va_start(ap, path);
	while ((kv = va_arg(ap, const char *)) && has_field(sc, kv))
		;
	va_end(ap);
	if (kv) {
		snprintf(why, sizeof(why), "no %s in: %.400s", kv, sc);
		check(name, why);
		return;
	}
	check(name, NULL);
}

/* Checks that no record names @path (and no SYSCALL carries @kv). */
static void expect_silence(const char *name, const char *path, const char *kv)
{
	static char why[512];
	const char *sc, *err = sync_records();

	if (err) {
		check(name, err);
		return;
	}
	sc = path ? event_of_path(path) : NULL;
	if (!sc && kv)
		sc = syscall_with(kv);
	if (sc) {
		snprintf(why, sizeof(why), "unexpected record: %.400s", sc);
		check(name, why);
		return;
	}
	check(name, NULL);
}

/*
 * Adds (or deletes) a rule written in auditctl's words, e.g.
 * "-a exit,always -F arch=b64 -S openat -k KEY" or "-w PATH -p w -k KEY";
 * returns NULL or why it failed.
 */
static const char *rule(int type, const char *words)
{
	static char why[600];
	struct al_rule r;
	struct al_err err;
	char line[256], *argv[16];
	int argc, i, len, rc = 0;

	snprintf(line, sizeof(line), "%s", words);
	al_rule_init(&r);
	argc = al_split_words(line, argv, 16, &err);
	for (i = 0; argc > 0 && i + 1 < argc && rc == 0; i += 2) {
		const char *opt = argv[i], *val = argv[i + 1];

		if (!strcmp(opt, "-a"))
			rc = al_rule_set_list_action(&r, val, &err);
		else if (!strcmp(opt, "-F"))
			rc = al_rule_add_field(&r, val, &err);
		else if (!strcmp(opt, "-S"))
			rc = al_rule_add_syscalls(&r, val, &err);
		else if (!strcmp(opt, "-k"))
			rc = al_rule_add_key(&r, val, &err);
		else if (!strcmp(opt, "-w"))
			rc = al_rule_set_watch(&r, val, &err);
		else if (!strcmp(opt, "-p"))
			rc = al_rule_set_perm(&r, val, &err);
		else
			rc = al_fail(&err, "unknown option %s", opt);
	}
	if (argc < 0 || rc < 0 || (len = al_rule_finish(&r, &err)) < 0) {
		snprintf(why, sizeof(why), "rule '%s': %s", words, err.msg);
		return why;
	}
	rc = al_nl_request(&ctl, type, &r.u.d, (size_t)len, 0, NULL, 0);
	if (rc < 0) {
		snprintf(why, sizeof(why), "rule '%s': the kernel said %s",
			 words, strerror(-rc));
		return why;
	}
	return NULL;
}

/* Sets the enabled flag; returns NULL or why it failed. */
static const char *set_enabled(uint32_t on)
{
	struct audit_status st = { .mask = AUDIT_STATUS_ENABLED, .enabled = on };

	if (al_set_status(&ctl, &st) < 0 || al_get_status(&ctl, &st) < 0 ||
	    st.enabled != on)
		return on ? "AUDIT_SET enabled=1 did not enable audit" :
			    "AUDIT_SET enabled=0 did not disable audit";
	return NULL;
}

/* AUDIT_GET and AUDIT_SET of the enabled flag; registering as daemon. */
static void test_status(void)
{
	struct audit_status st = { 0 };
	const char *why = NULL;
	int err;

	err = al_get_status(&ctl, &st);
	if (err < 0)
		why = "AUDIT_GET failed";
	else if (st.enabled != 1)
		why = "audit=1 did not leave audit enabled";
	if (!why)
		why = set_enabled(0);
	if (!why)
		why = set_enabled(1);
	check("status-enable", why);

	why = NULL;
	if (al_nl_open(&daemon_nl) < 0) {
		why = "no NETLINK_AUDIT socket";
	} else {
		st = (struct audit_status){ .mask = AUDIT_STATUS_PID,
					    .pid = (uint32_t)getpid() };
		if (al_set_status(&daemon_nl, &st) < 0)
			why = "AUDIT_SET pid failed";
		else if (al_get_status(&ctl, &st) < 0 ||
			 st.pid != (uint32_t)getpid())
			why = "AUDIT_GET does not show our pid as the daemon's";
	}
	if (!why)
		why = sync_records();
	check("daemon-register", why);
}

/* Creates @file, adds rule @words and reports it as check @name. */
static int setup_rule(const char *name, const char *file, const char *words)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	const char *why;

	if (fd >= 0)
		close(fd);
	why = rule(AUDIT_ADD_RULE, words);
	check(name, why);
	return !why;
}

/* Opens @path with @flags, 64-bit or through int $0x80; returns the fd. */
static long open_close_self(const char *path, int flags, int b32)
{
	long fd = b32 ? int80(I386_OPEN, path, flags, 0) : open(path, flags, 0644);

	if (fd >= 0)
		close((int)fd);
	return fd;
}

/*
 * Returns fn(a, b, c, d) as a child computes it.  The checks' syscalls
 * are made by children: this process is the registered daemon, whose own
 * syscalls match no rule, as with the stock kernel.
 */
static long forked(long (*fn)(long, long, long, long), long a, long b,
		   long c, long d)
{
	long ret = -1;
	int p[2];
	pid_t pid;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		ret = fn(a, b, c, d);
		_exit(write(p[1], &ret, sizeof(ret)) == sizeof(ret) ? 0 : 1);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &ret, sizeof(ret)) != sizeof(ret))
		ret = -1;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return ret;
}

static long open_close_fn(long path, long flags, long b32, long unused)
{
	(void)unused;
	return open_close_self((const char *)path, (int)flags, (int)b32);
}

static long int80_fn(long nr, long a, long b, long c)
{
	return int80(nr, (const void *)a, b, c);
}

static long truncate_fn(long path, long len, long unused1, long unused2)
{
	(void)unused1;
	(void)unused2;
	return truncate((const char *)path, len);
}

static long fstat_fn(long fd, long unused1, long unused2, long unused3)
{
	struct stat st;

	(void)unused1;
	(void)unused2;
	(void)unused3;
	return syscall(SYS_fstat, fd, &st);
}

static long open_close(const char *path, int flags, int b32)
{
	return forked(open_close_fn, (long)path, flags, b32, 0);
}

/* A 64-bit syscall rule: arch, syscall number, success and exit, PATH. */
static void test_syscall_b64(void)
{
	const char *r = "-a exit,always -F arch=b64 -S openat -k x86-b64";
	char exit_fd[32];
	const char *why;

	open_close(f_b64, O_RDONLY | O_CREAT, 0);
	open_close(f_b64, O_RDONLY, 0);
	expect_silence("b64-no-rule-no-record", f_b64, "key=\"x86-b64\"");

	if (!setup_rule("b64-rule-add", f_b64, r))
		return;
	snprintf(exit_fd, sizeof(exit_fd), "exit=%ld",
		 open_close(f_b64, O_RDONLY, 0));
	expect_event("b64-openat-record", f_b64, "arch=c000003e",
		     "syscall=257", "success=yes", exit_fd, "key=\"x86-b64\"",
		     NULL);
	if (open_close(f_missing, O_RDONLY, 0) >= 0)
		check("b64-openat-failed-record", "the missing file exists");
	else
		expect_event("b64-openat-failed-record", f_missing,
			     "arch=c000003e", "syscall=257", "success=no",
			     "exit=-2", NULL);

	why = rule(AUDIT_DEL_RULE, r);
	if (!why) {
		open_close(f_b64, O_RDONLY, 0);
		expect_silence("b64-rule-del", f_b64, "key=\"x86-b64\"");
	} else {
		check("b64-rule-del", why);
	}
}

/* A rule with arch=b32 sees int $0x80 calls under their i386 numbers. */
static void test_syscall_b32(void)
{
	const char *r = "-a exit,always -F arch=b32 -S open -k x86-b32";
		char exit_fd[32];

	if (!setup_rule("b32-rule-add", f_b32, r))
		return;
	/* Native syscall 5 is fstat: same number, other ABI, no record. */
	forked(fstat_fn, 0, 0, 0, 0);
	expect_silence("b32-rule-ignores-native-nr", NULL, "key=\"x86-b32\"");

	snprintf(exit_fd, sizeof(exit_fd), "exit=%ld",
		 open_close(f_b32, O_RDONLY, 1));
	expect_event("b32-int80-open-record", f_b32, "arch=40000003",
		     "syscall=5", "success=yes", exit_fd, "key=\"x86-b32\"",
		     NULL);
	check("b32-rule-del", rule(AUDIT_DEL_RULE, r));
}

/*
 * socketcall through int $0x80: a SOCKETCALL record with the call's
 * arguments, in the event of the syscall.
 */
static void test_socketcall_b32(void)
{
	const char *r = "-a exit,always -F arch=b32 -S socketcall -k x86-sockcall";
	const char *sc, *err, *rec;
	static char why[1024];

	check("socketcall-rule-add", rule(AUDIT_ADD_RULE, r));
	forked(int80_fn, I386_SOCKETCALL, 1, (long)sockcall_args, 0);
	err = sync_records();
	sc = err ? NULL : syscall_with("key=\"x86-sockcall\"");
	rec = sc ? find_record(AUDIT_SOCKETCALL, record_serial(sc)) : NULL;
	if (err) {
		check("socketcall-record", err);
	} else if (!sc) {
		check("socketcall-record", "no SYSCALL record with key x86-sockcall");
	} else if (!rec || !strstr(rec, "nargs=3 a0=10 a1=3 a2=9")) {
		snprintf(why, sizeof(why), "SOCKETCALL of %.300s: %.300s", sc,
			 rec ? rec : "none");
		check("socketcall-record", why);
	} else {
		check("socketcall-record", has_field(sc, "syscall=102") ?
		      NULL : "SYSCALL is not socketcall (102)");
	}
	check("socketcall-rule-del", rule(AUDIT_DEL_RULE, r));
}

/*
 * A watch with perm=w: writes fire through the syscall classes (open's
 * flags, the write class for truncate), reads do not; both ABIs.
 */
static void test_watch(void)
{
	const char *r = "-w /tmp/x86-watched -p w -k x86-watch";

	if (!setup_rule("watch-rule-add", f_watched, r))
		return;
	open_close(f_watched, O_RDONLY, 0);
	expect_silence("watch-b64-read-open-silent", f_watched, NULL);
	open_close(f_watched, O_WRONLY, 0);
	expect_event("watch-b64-write-open", f_watched, "arch=c000003e",
		     "syscall=257", "success=yes", "key=\"x86-watch\"", NULL);
	if (forked(truncate_fn, (long)f_watched, 0, 0, 0) < 0)
		check("watch-b64-truncate", "truncate failed");
	else
		expect_event("watch-b64-truncate", f_watched, "arch=c000003e",
			     "syscall=76", "key=\"x86-watch\"", NULL);

	open_close(f_watched, O_RDONLY, 1);
	expect_silence("watch-b32-read-open-silent", f_watched, NULL);
	open_close(f_watched, O_WRONLY, 1);
	expect_event("watch-b32-write-open", f_watched, "arch=40000003",
		     "syscall=5", "success=yes", "key=\"x86-watch\"", NULL);
	if (forked(int80_fn, I386_TRUNCATE, (long)f_watched, 0, 0) != 0)
		check("watch-b32-truncate", "int $0x80 truncate failed");
	else
		expect_event("watch-b32-truncate", f_watched, "arch=40000003",
			     "syscall=92", "key=\"x86-watch\"", NULL);
	check("watch-rule-del", rule(AUDIT_DEL_RULE, r));
}

/* init itself, started before audit_init(), is audited like any task. */
static void test_init_audited(int cmd_fd, int done_fd)
{
	const char *r = "-a exit,always -F arch=b64 -S openat -F pid=1 -k x86-init";
	char c = 'o';

	if (!setup_rule("init-rule-add", f_init, r))
		return;
	if (write(cmd_fd, &c, 1) != 1 || read(done_fd, &c, 1) != 1)
		check("init-openat-record", "init did not answer");
	else
		expect_event("init-openat-record", f_init, "arch=c000003e",
			     "syscall=257", "pid=1", "key=\"x86-init\"", NULL);
	check("init-rule-del", rule(AUDIT_DEL_RULE, r));
}

/*
 * A task forked while audit is off is audited once audit is on again (the
 * syscall hooks of x86_64 run only for a task that has a context).
 */
static void test_forked_while_off(void)
{
	const char *r = "-a exit,always -F arch=b64 -S openat -k x86-off";
	const char *why = set_enabled(0);
	int go[2], done[2];
	pid_t pid = -1;
	char c = 'o';

	if (!why && (pipe(go) < 0 || pipe(done) < 0))
		why = "pipe failed";
	if (!why) {
		pid = fork();
		if (pid == 0) {
			close(go[1]);
			close(done[0]);
			if (read(go[0], &c, 1) == 1)
				open_close_self(f_off, O_RDONLY, 0);
			_exit(write(done[1], &c, 1) == 1 ? 0 : 1);
		}
		close(go[0]);
		close(done[1]);
		if (pid < 0)
			why = "fork failed";
	}
	if (!why)
		why = set_enabled(1);
	check("off-fork-enable", why);
	if (pid < 0)
		return;
	if (!why && setup_rule("off-fork-rule-add", f_off, r)) {
		if (write(go[1], &c, 1) != 1 || read(done[0], &c, 1) != 1)
			check("off-fork-openat-record", "the child did not answer");
		else
			expect_event("off-fork-openat-record", f_off,
				     "arch=c000003e", "syscall=257",
				     "key=\"x86-off\"", NULL);
		check("off-fork-rule-del", rule(AUDIT_DEL_RULE, r));
	}
	close(go[1]);
	close(done[0]);
	waitpid(pid, NULL, 0);
}

static int run_tests(int cmd_fd, int done_fd)
{
	if (al_nl_open(&ctl) < 0) {
		check("netlink-audit-socket", "socket(NETLINK_AUDIT) failed");
		return 1;
	}
	test_status();
	test_syscall_b64();
	test_syscall_b32();
	test_socketcall_b32();
	test_watch();
	test_init_audited(cmd_fd, done_fd);
	test_forked_while_off();
	/* The harness compares its count of lines with this one. */
	say("x86-audit: summary ok=%d not-ok=%d", passes, failures);
	return failures ? 1 : 0;
}

/* pid 1: mounts, runs the checks in a child, does what it asks, reboots. */
int main(void)
{
	int cmd[2], done[2], status;
	pid_t child;
	char c;

	if (getpid() != 1) {
		fprintf(stderr, "x86-audit-init: must run as init (pid 1)\n");
		return 2;
	}
	mkdir("/proc", 0755);
	mkdir("/tmp", 01777);
	if (mount("proc", "/proc", "proc", 0, NULL) < 0 ||
	    mount("tmpfs", "/tmp", "tmpfs", 0, NULL) < 0)
		say("x86-audit: not ok mounts: %s", strerror(errno));
	say("x86-audit: start");
	if (pipe(cmd) < 0 || pipe(done) < 0)
		say("x86-audit: not ok pipes: %s", strerror(errno));
	child = fork();
	if (child == 0) {
		close(cmd[0]);
		close(done[1]);
		_exit(run_tests(cmd[1], done[0]));
	}
	close(cmd[1]);
	close(done[0]);
	/* The child's requests: 'o' opens f_init (an audited call of init). */
	while (child > 0 && read(cmd[0], &c, 1) == 1) {
		open_close_self(f_init, O_RDONLY, 0);
		if (write(done[1], &c, 1) != 1)
			break;
	}
	if (child < 0)
		say("x86-audit: not ok fork: %s", strerror(errno));
	else if (waitpid(child, &status, 0) == child && WIFSIGNALED(status))
		say("x86-audit: not ok tests: killed by signal %d",
		    WTERMSIG(status));
	say("x86-audit: done");
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
