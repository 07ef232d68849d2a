/* SPDX-License-Identifier: GPL-2.0 */
/*
 * faultinj: allocation failures injected into audit, on the debug test
 * kernel (configs/debug.config: FAILSLAB, FAULT_INJECTION_DEBUG_FS).
 *
 *   faultinj nth OP [--lsm] [--dir DIR] [--max N]
 *       For N = 1, 2, 3, ...: writes N to /proc/self/task/TID/fail-nth
 *       (the Nth slab allocation of this task from then on fails), does
 *       one operation OP, reads fail-nth back (0: the failure was
 *       injected) and checks the outcome; stops at the first N that
 *       injects nothing (the operation made fewer allocations).
 *   faultinj random SECONDS PERCENT [--lsm] [--dir DIR]
 *       failslab with probability PERCENT for this process only
 *       (task-filter, /proc/self/make-it-fail) while it does the
 *       operations below, picked at random, for SECONDS; then checks
 *       that audit still works and no rule is left behind.
 *
 * Operations (OP):
 *   user   an AUDIT_USER message, acked: the record reaches the reader,
 *          or lost goes up by one, or the send failed (ENOMEM/ENOBUFS);
 *          exactly one.  A failed ack (its own allocation, after the
 *          record) is allowed beside a delivered or lost record.
 *   rule   AUDIT_ADD_RULE of each test rule (plain, key, watch, dir,
 *          exe, subj_type with --lsm), then AUDIT_DEL_RULE: a request
 *          that succeeds leaves the listing exactly one rule longer
 *          (shorter), one that fails leaves it exactly as it was; the
 *          rule can always be added and deleted again afterwards; its
 *          CONFIG_CHANGE record arrives or is counted in lost.
 *   fork   vfork() with audit enabled (the child's context): fails
 *          with ENOMEM, or the child's audited syscall makes its record
 *          (delivered or counted in lost).  (vfork: a fork() failing in
 *          dup_mmap() crashes UML itself, audit or not.)
 *   lazy   a task forked while audit was off makes an audited syscall
 *          once it is on (its context is made then, in the syscall):
 *          the syscall's record arrives or is counted in lost.
 *   names  rename() and open(O_CREAT) under DIR with an exit rule on
 *          them: every record of the event that does not arrive is
 *          counted in lost.
 *
 * The records are read by a child registered as the audit daemon (the
 * daemon's own syscalls are not audited); after each operation a USER
 * "barrier" message, sent with no failure injected, marks the end of
 * what the operation produced (kauditd delivers in order).  Prints a
 * summary per operation and one "VIOLATION" line per broken rule; exits
 * 1 when there was any, 2 when the test could not run.
 *
 * Accounting: a clean run of each operation (no failure) tells how many
 * records its event has and of which types; with a failure injected,
 * either no record arrives and lost counts the event (its first record
 * could not be made), or arrived + lost is exactly that number.
 *
 * Debugging: FI_TRACE=1 prints each N on stderr; FI_KMSG=1 writes each
 * N to the kernel log and has failslab print a stack per failure (boot
 * with printk.devkmsg=on, or the marks are rate-limited).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testnl.h"

#define FI_MAGIC	0x5a5a	/* a0 of the audited getpgid of fork/lazy */
#define MAX_N		50	/* runs past a clean run's allocations */

static const char *dir = "/tmp/faultinj";
static int use_lsm, max_n = MAX_N, kmsg_fd = -1;
static int violations;
static int failnth_fd = -1, makeitfail_fd = -1;
static struct al_nl ctl;	/* requests with no failure injected */
static pid_t reader_pid;
static int reader_pipe = -1;
static unsigned int barrier_seq;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "faultinj: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(2);
}

static void violation(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("VIOLATION ");
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	va_end(ap);
	violations++;
}

/* A line in the kernel log (FI_KMSG=1), to match the failures' reports. */
static void kmsg(const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int len;

	if (kmsg_fd < 0)
		return;
	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (write(kmsg_fd, line, (size_t)len) < 0)
		kmsg_fd = -1;
}

/* ---- fail-nth and make-it-fail ---- */

static void write_num(int fd, long n)
{
	char b[32];
	int len = snprintf(b, sizeof(b), "%ld", n);

	if (pwrite(fd, b, (size_t)len, 0) != len)
		die("writing %ld to a fault-injection file: %s", n, strerror(errno));
}

static void fault_files_open(void)
{
	char path[80];

	snprintf(path, sizeof(path), "/proc/self/task/%d/fail-nth", (int)gettid());
	failnth_fd = open(path, O_RDWR | O_CLOEXEC);
	if (failnth_fd < 0)
		die("%s: %s (not the debug kernel?)", path, strerror(errno));
	makeitfail_fd = open("/proc/self/make-it-fail", O_RDWR | O_CLOEXEC);
	if (makeitfail_fd < 0)
		die("/proc/self/make-it-fail: %s", strerror(errno));
}

static void failnth_set(unsigned int n)
{
	write_num(failnth_fd, n);
}

static unsigned int failnth_left;

/* What is left of fail-nth (0: the failure was injected); resets it. */
static unsigned int failnth_take(void)
{
	char b[32] = "";
	int saved = errno;
	ssize_t n = pread(failnth_fd, b, sizeof(b) - 1, 0);

	if (n < 0)
		die("reading fail-nth: %s", strerror(errno));
	failnth_set(0);
	errno = saved;
	failnth_left = (unsigned int)strtoul(b, NULL, 10);
	return failnth_left;
}

static void make_it_fail(int on)
{
	int saved = errno;

	write_num(makeitfail_fd, on);
	errno = saved;
}

/* ---- netlink (auditlib, tests/helpers/testnl.c) ---- */

/* A socket whose waits for the kernel end after 20 s. */
static void nl_open(struct al_nl *nl)
{
	tnl_open(nl, 20000, "faultinj");
}

/* A request on the control socket, no failure injected: its ack. */
static int ctl_request(uint16_t type, const void *data, size_t len)
{
	int err, ack;

	err = tnl_ask(&ctl, type, data, len, 0, NULL, 0, &ack);
	if (err)
		die("request %u: %s", type, strerror(-err));
	return ack;
}

static struct audit_status audit_get(void)
{
	struct audit_status st;
	int err = al_get_status(&ctl, &st);

	if (err)
		die("AUDIT_GET: %s", strerror(-err));
	return st;
}

static unsigned int audit_lost(void)
{
	return audit_get().lost;
}

static void audit_set_enabled(unsigned int on)
{
	struct audit_status s = { .mask = AUDIT_STATUS_ENABLED, .enabled = on };
	int err = ctl_request(AUDIT_SET, &s, sizeof(s));

	if (err)
		die("AUDIT_SET enabled=%u: %s", on, strerror(-err));
}

/* ---- rules ---- */

struct rule {
	const char *name;
	struct tnl_rule t;
};

static void rule_init(struct rule *r, const char *name, uint32_t list)
{
	tnl_rule_init(&r->t, list, AUDIT_ALWAYS);
	r->name = name;
}

static void rule_syscall(struct rule *r, int nr)
{
	tnl_rule_syscall(&r->t, nr);
}

static void rule_num(struct rule *r, uint32_t field, uint32_t op, uint32_t val)
{
	if (tnl_rule_num(&r->t, field, op, val))
		die("rule %s: too many fields", r->name);
}

static void rule_str(struct rule *r, uint32_t field, const char *s)
{
	if (tnl_rule_str(&r->t, field, AUDIT_EQUAL, s))
		die("rule %s: no room for '%s'", r->name, s);
}

static void rule_b64(struct rule *r)
{
	rule_num(r, AUDIT_ARCH, AUDIT_EQUAL, 0xc000003eU);	/* x86_64 */
}

static const void *rule_data(const struct rule *r)
{
	return &r->t.u.d;
}

static size_t rule_len(const struct rule *r)
{
	return al_rule_size(&r->t.u.d);
}

/* The listing: each rule's payload, length-prefixed, in list order. */
struct listing {
	size_t len, count;
	char *buf;
};

static void listing_free(struct listing *l)
{
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

static int listing_eq(const struct listing *a, const struct listing *b)
{
	return a->len == b->len && !memcmp(a->buf, b->buf, a->len);
}

static int listing_add(const struct audit_rule_data *d, size_t len, void *ctx)
{
	struct listing *l = ctx;

	l->buf = realloc(l->buf, l->len + sizeof(len) + len);
	if (!l->buf)
		die("out of memory");
	memcpy(l->buf + l->len, &len, sizeof(len));
	memcpy(l->buf + l->len + sizeof(len), d, len);
	l->len += sizeof(len) + len;
	l->count++;
	return 0;
}

static struct listing list_rules(void)
{
	struct listing l = { 0 };
	struct al_err err;

	if (al_list_rules(&ctl, listing_add, &l, &err) < 0)
		die("AUDIT_LIST_RULES: %s", err.msg);
	return l;
}

/* Adds or deletes @r with no failure injected; the ack's error code. */
static int rule_change(uint16_t type, const struct rule *r)
{
	return ctl_request(type, rule_data(r), rule_len(r));
}

/* ---- the reader: a child registered as the audit daemon ---- */

static void reader_main(int out)
{
	static char buf[16384], line[16384 + 16];
	struct al_nl nl;
	int big = 4 << 20;
	FILE *o = fdopen(out, "w");

	nl_open(&nl);
	setsockopt(nl.fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big));
	if (tnl_register(&nl)) {
		fprintf(o, "0 register failed\n");
		exit(1);
	}
	fprintf(o, "0 registered\n");
	fflush(o);
	for (;;) {
		ssize_t n = recv(nl.fd, buf, sizeof(buf) - 1, 0);

		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			fprintf(o, "0 ENOBUFS-or-error %s\n", strerror(errno));
			fflush(o);
			continue;
		}
		/* The daemon protocol: nlmsg_len is the payload length. */
		if (tnl_record_line(line, sizeof(line), buf, (size_t)n, false)) {
			fputs(line, o);
			fflush(o);
		}
	}
}

/* The records read since the last barrier. */
struct records {
	size_t count;
	char **line;
};

static void records_free(struct records *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->line[i]);
	free(r->line);
	memset(r, 0, sizeof(*r));
}

static void records_add(struct records *r, const char *line)
{
	r->line = realloc(r->line, (r->count + 1) * sizeof(*r->line));
	if (!r->line || !(r->line[r->count] = strdup(line)))
		die("out of memory");
	r->count++;
}

static size_t records_matching(const struct records *r, const char *a,
			       const char *b)
{
	size_t n = 0;

	for (size_t i = 0; i < r->count; i++)
		if (strstr(r->line[i], a) && (!b || strstr(r->line[i], b)))
			n++;
	return n;
}

/* The first record with @a (and @b), for a violation's message. */
static const char *first_matching(const struct records *r, const char *a,
				  const char *b)
{
	for (size_t i = 0; i < r->count; i++)
		if (strstr(r->line[i], a) && (!b || strstr(r->line[i], b)))
			return r->line[i];
	return "(none)";
}

static char pbuf[1 << 20];
static size_t plen;

/* Reads the next line from the reader within @ms; NULL on timeout. */
static char *reader_line(int ms)
{
	for (;;) {
		char *nl = memchr(pbuf, '\n', plen);
		struct pollfd p = { .fd = reader_pipe, .events = POLLIN };
		ssize_t n;

		if (nl) {
			static char line[sizeof(pbuf)];
			size_t len = (size_t)(nl - pbuf);

			memcpy(line, pbuf, len);
			line[len] = '\0';
			memmove(pbuf, nl + 1, plen - len - 1);
			plen -= len + 1;
			return line;
		}
		if (plen == sizeof(pbuf))
			die("reader line too long");
		if (poll(&p, 1, ms) <= 0)
			return NULL;
		n = read(reader_pipe, pbuf + plen, sizeof(pbuf) - plen);
		if (n <= 0)
			die("the reader went away");
		plen += (size_t)n;
	}
}

static void reader_start(void)
{
	int p[2];
	char *line;

	if (pipe2(p, O_CLOEXEC))
		die("pipe: %s", strerror(errno));
	reader_pid = fork();
	if (reader_pid < 0)
		die("fork: %s", strerror(errno));
	if (!reader_pid) {
		close(p[0]);
		reader_main(p[1]);
	}
	close(p[1]);
	reader_pipe = p[0];
	line = reader_line(20000);
	if (!line || strcmp(line, "0 registered"))
		die("the reader did not register (%s)", line ? line : "timeout");
}

static void reader_stop(void)
{
	kill(reader_pid, SIGKILL);
	waitpid(reader_pid, NULL, 0);
	close(reader_pipe);
	plen = 0;
}

/*
 * Sends a barrier user message (no failure injected) and collects every
 * record up to it into @r.  Returns 0, or -1 when the barrier did not
 * arrive (lost; retried once).
 */
static int barrier(struct records *r)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		char token[64], *line;
		int err;

		snprintf(token, sizeof(token), "fi-barrier %d %u.", (int)getpid(),
			 ++barrier_seq);
		err = ctl_request(AUDIT_USER, token, strlen(token) + 1);
		if (err)
			die("barrier: error %d", err);
		while ((line = reader_line(20000))) {
			if (strstr(line, token))
				return 0;
			if (!strncmp(line, "0 ", 2))
				violation("the reader: %s", line + 2);
			records_add(r, line);
		}
	}
	violation("barrier message never arrived");
	return -1;
}

/* Records (and the "lost" delta) of one operation: since the last barrier. */
struct outcome {
	unsigned int lost;
	struct records rec;
};

static unsigned int lost_mark;

static void outcome_begin(void)
{
	struct records junk = { 0 };

	/* Whatever came before belongs to no operation of ours. */
	barrier(&junk);
	records_free(&junk);
	lost_mark = audit_lost();
}

static struct outcome outcome_end(void)
{
	struct outcome o = { 0 };

	barrier(&o.rec);
	o.lost = audit_lost() - lost_mark;
	return o;
}

/* ---- the operations ---- */

enum op_kind { OP_USER, OP_RULE, OP_FORK, OP_LAZY, OP_NAMES, OP_COUNT };
static const char *const op_labels[] = { "user", "rule", "fork", "lazy", "names" };

/* Counters of outcomes, printed per operation. */
struct tally {
	unsigned int runs, injected;
	unsigned int c[16];
};
static const char *const tally_names[] = {
	"delivered", "lost", "send-error", "ack-error", "ack-lost",
	"op-failed", "op-ok", "fork-enomem", "partial-accounted",
	"delivered-and-lost", "rule-added", "rule-refused", "rule-deleted",
	"delete-refused", "child-unaudited", "failed-call-no-event",
};
enum { T_DELIVERED, T_LOST, T_SEND_ERR, T_ACK_ERR, T_ACK_LOST, T_OP_FAILED,
       T_OP_OK, T_FORK_ENOMEM, T_PARTIAL, T_BOTH, T_ADDED, T_REFUSED,
       T_DELETED, T_DEL_REFUSED, T_UNAUDITED, T_NO_EVENT };

static void tally_print(const char *what, const struct tally *t)
{
	if (!strncmp(what, "random", 6))
		printf("%s: %u runs:", what, t->runs);
	else
		printf("%s: %u runs, %u with a failure injected:", what, t->runs,
		       t->injected);
	for (size_t i = 0; i < sizeof(t->c) / sizeof(t->c[0]); i++)
		if (t->c[i])
			printf(" %s=%u", tally_names[i], t->c[i]);
	printf("\n");
	fflush(stdout);
}

/*
 * The records a run with no failure makes, by what it did ("rule watch
 * add", "names rename", ...): learnt from the clean runs, as a count and
 * as their types ("1305s 1300s 1327 1320": s when the record has subj=).
 */
static struct {
	char key[64];
	size_t n;
	char types[256];
} refs[64];
static size_t n_refs;
static int clean_run;	/* this run injects nothing: it sets the reference */

static void types_of(const struct records *r, char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < r->count && used + 16 < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%.*s%s",
					 i ? " " : "", (int)strcspn(r->line[i], " "),
					 r->line[i], strstr(r->line[i], " subj=") ? "s" : "");
}

/* How many records of @type a types string ("1305s 1300s ...") names. */
static long types_count(const char *types, const char *type)
{
	size_t len = strlen(type);
	long n = 0;

	for (const char *p = strstr(types, type); p; p = strstr(p + len, type))
		if ((p == types || p[-1] == ' ') && (!p[len] || p[len] == ' ' ||
						    p[len] == 's'))
			n++;
	return n;
}

/*
 * An event: @got of its records arrived and lost went up by @lost.
 * Either none arrived and lost counts it (its first record could not be
 * made, so the rest never was), or every record not delivered is
 * counted and none that was: got + lost is exactly what a clean run
 * makes.  @refused: a request refused for want of memory may have
 * failed before its lookup reported a name: then its event has no PATH
 * and no CWD and nothing of them is missing (or they were made and
 * lost, and counted: either adds up).
 */
static void check_whole_as(struct tally *t, const char *key, int n, size_t got,
			   unsigned int lost, const struct records *rec,
			   int refused)
{
	char types[256];
	long want = -1, names = 0;
	const char *ref = "";

	types_of(rec, types, sizeof(types));
	for (size_t i = 0; i < n_refs; i++) {
		if (!strcmp(refs[i].key, key)) {
			want = (long)refs[i].n;
			ref = refs[i].types;
		}
	}
	/* Without them, the records may have been lost or never made. */
	if (refused && want >= 0 && !types_count(types, "1302") &&
	    !types_count(types, "1307"))
		names = types_count(ref, "1302") + types_count(ref, "1307");
	if (clean_run && want < 0 && n_refs < sizeof(refs) / sizeof(refs[0])) {
		snprintf(refs[n_refs].key, sizeof(refs[n_refs].key), "%s", key);
		snprintf(refs[n_refs].types, sizeof(refs[n_refs].types), "%s", types);
		refs[n_refs++].n = got + lost;
		want = (long)(got + lost);
	}
	if (!lost)
		t->c[T_DELIVERED]++;
	else if (!got)
		t->c[T_LOST]++;
	else
		t->c[T_PARTIAL]++;
	if (want < 0 || (long)(got + lost) == want || (!got && lost) ||
	    (names && (long)(got + lost) == want - names))
		return;
	if ((long)(got + lost) < want)
		violation("%s N=%d: %zu of %ld records arrived, lost+%u: %ld not counted "
			  "[got: %s] [clean run: %s]", key, n, got, want, lost,
			  want - (long)(got + lost), types, ref);
	else
		violation("%s N=%d: %zu of %ld records arrived, lost+%u: lost counts %ld "
			  "that arrived [got: %s] [clean run: %s]", key, n, got, want, lost,
			  (long)(got + lost) - want, types, ref);
}

static void check_whole(struct tally *t, const char *key, int n, size_t got,
			unsigned int lost, const struct records *rec)
{
	check_whole_as(t, key, n, got, lost, rec, 0);
}

/*
 * One operation with fail-nth @n (0: none; -1: random faults, whatever
 * make-it-fail says); returns whether a failure was injected (fail-nth
 * only) and adds to @t.
 */
typedef int (*op_fn)(int n, struct tally *t, const char *tag);

static void inject(int n)
{
	if (n > 0)
		failnth_set((unsigned int)n);
	else if (n < 0)
		make_it_fail(1);
}

/* Ends the injection; returns 1 when fail-nth fired. */
static int inject_end(int n)
{
	if (n > 0)
		return failnth_take() == 0;
	if (n < 0)
		make_it_fail(0);
	return 0;
}

static int op_user(int n, struct tally *t, const char *tag)
{
	char text[96];
	int seq, err = 0, ack = 0, ackerr = 0, fired;
	struct outcome o;
	struct al_nl nl;
	size_t got;

	snprintf(text, sizeof(text), "fi-user %d %s %d.", (int)getpid(), tag, n);
	outcome_begin();
	nl_open(&nl);
	inject(n);
	/* (Sending and waiting allocate nothing in this process: what
	 * fail-nth counts is the request's own doing.) */
	seq = al_nl_send(&nl, AUDIT_USER, NLM_F_ACK, text, strlen(text) + 1);
	if (seq < 0)
		err = seq;
	else
		ackerr = al_nl_wait(&nl, seq, &ack, 0, NULL, 0);
	fired = inject_end(n);
	al_nl_close(&nl);
	o = outcome_end();
	got = records_matching(&o.rec, text, NULL);

	if (err) {
		t->c[T_SEND_ERR]++;
		if (err != -ENOMEM && err != -ENOBUFS)
			violation("user %s N=%d: send failed with %s", tag, n, strerror(-err));
		if (got || o.lost)
			violation("user %s N=%d: send failed (%s) yet delivered=%zu lost+%u",
				  tag, n, strerror(-err), got, o.lost);
		goto out;
	}
	if (ackerr) {
		t->c[T_ACK_LOST]++;
		if (ackerr != -ENOBUFS && ackerr != -ENOMEM)
			violation("user %s N=%d: no ack (%s)", tag, n, strerror(-ackerr));
	} else if (ack) {
		t->c[T_ACK_ERR]++;
	}
	if (got > 1)
		violation("user %s N=%d: the record arrived %zu times", tag, n, got);
	if (got && o.lost) {
		t->c[T_BOTH]++;
		violation("user %s N=%d: the record was delivered and lost went up by %u: %.300s",
			  tag, n, o.lost, first_matching(&o.rec, text, NULL));
	} else if (got) {
		t->c[T_DELIVERED]++;
		if (ack && !ackerr)
			violation("user %s N=%d: the record was delivered but the ack said %d",
				  tag, n, ack);
	} else if (o.lost) {
		t->c[T_LOST]++;
		if (o.lost > 1)
			violation("user %s N=%d: lost went up by %u for one record",
				  tag, n, o.lost);
	} else if (!ack || ackerr) {
		violation("user %s N=%d: the record neither arrived nor was counted in lost (ack %d%s)",
			  tag, n, ack, ackerr ? ", ack lost" : "");
	}
out:
	records_free(&o.rec);
	return fired;
}

static struct rule rules[8];
static size_t n_rules;

/*
 * The test rules, on the exit list: a syscall (-1: every syscall; the
 * arch field only with one), a string field (for a watch or a dir, a
 * path under DIR), perm=wa for a watch, a key; in that order.
 */
struct rule_spec {
	const char *name;
	int nr;
	uint32_t field;
	const char *value;
	const char *key;
	int lsm;		/* needs an LSM policy (--lsm) */
};

static const struct rule_spec rule_specs[] = {
	{ "plain", SYS_getpgid, 0, NULL, NULL, 0 },
	{ "key", SYS_getsid, 0, NULL, "fi-key", 0 },
	{ "watch", -1, AUDIT_WATCH, "/watched", "fi-watch", 0 },
	{ "dir", -1, AUDIT_DIR, "/wdir", "fi-dir", 0 },
	{ "exe", SYS_getpgid, AUDIT_EXE, "/bin/true", "fi-exe", 0 },
	{ "subj_type", SYS_getsid, AUDIT_SUBJ_TYPE, "kernel_t", "fi-lsm", 1 },
};

static void rules_setup(void)
{
	for (size_t i = 0; i < sizeof(rule_specs) / sizeof(rule_specs[0]); i++) {
		const struct rule_spec *spec = &rule_specs[i];
		struct rule *r;
		char path[256];

		if (spec->lsm && !use_lsm)
			continue;
		r = &rules[n_rules++];
		rule_init(r, spec->name, AUDIT_FILTER_EXIT);
		rule_syscall(r, spec->nr);
		if (spec->nr >= 0)
			rule_b64(r);
		if (spec->field == AUDIT_WATCH || spec->field == AUDIT_DIR) {
			snprintf(path, sizeof(path), "%s%s", dir, spec->value);
			rule_str(r, spec->field, path);
		} else if (spec->field) {
			rule_str(r, spec->field, spec->value);
		}
		if (spec->field == AUDIT_WATCH)
			rule_num(r, AUDIT_PERM, AUDIT_EQUAL,
				 AUDIT_PERM_WRITE | AUDIT_PERM_ATTR);
		if (spec->key)
			rule_str(r, AUDIT_FILTERKEY, spec->key);
	}
}

static struct listing list_copy(const struct listing *l)
{
	struct listing c = *l;

	c.buf = malloc(l->len + 1);
	if (!c.buf)
		die("out of memory");
	if (l->len)
		memcpy(c.buf, l->buf, l->len);
	return c;
}

/* The listings without and with the rule last asked for. */
static const struct rule *ref_rule;
static struct listing ref_base, ref_with;

/*
 * One injected ADD (del=0) or DEL (del=1) request of rule @r, from no
 * rule (add) or the rule in place (del).  The listing afterwards must be
 * exactly the one without the rule or the one with it, as a request with
 * no failure makes them, and agree with the ack.
 */
static int rule_request(const struct rule *r, int del, int n, struct tally *t,
			const char *tag)
{
	struct listing base, with, after;
	int seq, err, ack = 0, ackerr = 0, fired, present, ok, again;
	struct al_nl nl;
	uint16_t type = del ? AUDIT_DEL_RULE : AUDIT_ADD_RULE;
	const char *op = del ? "op=remove_rule" : "op=add_rule";
	const char *what = del ? "del" : "add";
	struct outcome o;
	size_t res1, res0;
	char key[96];

	base = list_rules();
	if (ref_rule == r && listing_eq(&base, &ref_base)) {
		/* As last time: the listing with the rule is known. */
		with = list_copy(&ref_with);
		if (del && (err = rule_change(AUDIT_ADD_RULE, r)))
			die("rule %s: refused with no failure injected: %d", r->name, err);
	} else {
		err = rule_change(AUDIT_ADD_RULE, r);
		if (err)
			die("rule %s: refused with no failure injected: %d", r->name, err);
		with = list_rules();
		if (!del && (err = rule_change(AUDIT_DEL_RULE, r)))
			die("rule %s: delete refused with no failure injected: %d",
			    r->name, err);
		listing_free(&ref_base);
		listing_free(&ref_with);
		ref_rule = r;
		ref_base = list_copy(&base);
		ref_with = list_copy(&with);
	}
	/* The kernel log says which request a failure's report belongs to. */
	kmsg("faultinj: rule %s %s %s N=%d", r->name, what, tag, n);
	outcome_begin();
	nl_open(&nl);
	inject(n);
	seq = al_nl_send(&nl, type, NLM_F_ACK, rule_data(r), rule_len(r));
	err = seq < 0 ? seq : 0;
	if (!err)
		ackerr = al_nl_wait(&nl, seq, &ack, 0, NULL, 0);
	fired = inject_end(n);
	al_nl_close(&nl);
	o = outcome_end();
	after = list_rules();

	/* Did the request take effect?  The listing says. */
	if (listing_eq(&after, &with)) {
		present = 1;
	} else if (listing_eq(&after, &base)) {
		present = 0;
	} else {
		violation("rule %s %s %s N=%d: the listing (%zu rules) is neither the one "
			  "without the rule (%zu) nor the one with it (%zu)",
			  r->name, what, tag, n, after.count, base.count, with.count);
		present = after.count > base.count;
	}
	ok = del ? !present : present;
	if (err) {
		t->c[T_SEND_ERR]++;
		if (ok)
			violation("rule %s %s %s N=%d: the send failed (%s) but the request took effect",
				  r->name, what, tag, n, strerror(-err));
	} else if (ackerr) {
		t->c[T_ACK_LOST]++;
	} else if (ack && ok) {
		violation("rule %s %s %s N=%d: the ack said %d but the request took effect",
			  r->name, what, tag, n, ack);
	} else if (!ack && !ok) {
		violation("rule %s %s %s N=%d: acked 0 but the request did not take effect",
			  r->name, what, tag, n);
	} else if (ack && ack != -ENOMEM && n > 0) {
		violation("rule %s %s %s N=%d: refused with %d, not -ENOMEM",
			  r->name, what, tag, n, ack);
	}
	t->c[del ? (ok ? T_DELETED : T_DEL_REFUSED) : (ok ? T_ADDED : T_REFUSED)]++;

	/*
	 * Its event: CONFIG_CHANGE (res=1 when it took effect) and the
	 * records of the syscall that sent it; whole, or counted in lost.
	 * A refused request has that event with res=0, or none at all
	 * (refused before there was a rule to log).
	 */
	res1 = records_matching(&o.rec, op, "res=1");
	res0 = records_matching(&o.rec, op, "res=0");
	snprintf(key, sizeof(key), "rule %s %s", r->name, what);
	if (ok) {
		if (res0)
			violation("%s N=%d: took effect, logged res=0", key, n);
		check_whole(t, key, n, o.rec.count, o.lost, &o.rec);
	} else {
		if (res1)
			violation("%s N=%d: refused, logged res=1", key, n);
		if (o.rec.count || o.lost)
			check_whole_as(t, key, n, o.rec.count, o.lost, &o.rec,
				       1);
	}

	/*
	 * Back to no rule; after a request that failed, the rule can be
	 * added and deleted again (nothing half-made stands in the way).
	 */
	if (present && (err = rule_change(AUDIT_DEL_RULE, r)))
		violation("rule %s %s %s N=%d: cannot be deleted afterwards: %d",
			  r->name, what, tag, n, err);
	again = ok ? 0 : rule_change(AUDIT_ADD_RULE, r);
	if (ok)
		;
	else if (again)
		violation("rule %s %s %s N=%d: cannot be added again afterwards: %d",
			  r->name, what, tag, n, again);
	else if ((err = rule_change(AUDIT_DEL_RULE, r)))
		violation("rule %s %s %s N=%d: added again, cannot be deleted: %d",
			  r->name, what, tag, n, err);
	listing_free(&after);
	after = list_rules();
	if (!listing_eq(&after, &base))
		violation("rule %s %s %s N=%d: %zu rules left, want %zu", r->name, what,
			  tag, n, after.count, base.count);
	listing_free(&base);
	listing_free(&with);
	listing_free(&after);
	records_free(&o.rec);
	return fired;
}

/* Can @r be added at all (exe and LSM fields need kernel support)? */
static int rule_supported(const struct rule *r)
{
	int err = rule_change(AUDIT_ADD_RULE, r);

	if (err) {
		printf("rule %s: refused with no failure injected (%d): skipped\n",
		       r->name, err);
		return 0;
	}
	if ((err = rule_change(AUDIT_DEL_RULE, r)))
		die("rule %s: delete refused with no failure injected: %d", r->name, err);
	return 1;
}

/* A rule the fork and lazy operations' children match: getpgid(MAGIC). */
static struct rule child_rule;

static void child_rule_add(void)
{
	rule_init(&child_rule, "child", AUDIT_FILTER_EXIT);
	rule_syscall(&child_rule, SYS_getpgid);
	rule_b64(&child_rule);
	rule_num(&child_rule, AUDIT_ARG0, AUDIT_EQUAL, FI_MAGIC);
	rule_str(&child_rule, AUDIT_FILTERKEY, "fi-child");
	if (rule_change(AUDIT_ADD_RULE, &child_rule))
		die("could not add the child rule");
}

static void child_rule_del(void)
{
	int err = rule_change(AUDIT_DEL_RULE, &child_rule);

	if (err)
		violation("the child rule cannot be deleted: %d", err);
}

/*
 * The child's SYSCALL record (" pid=PID ", getpgid): 1 with its key
 * (key="fi-child"), 0 if none, -1 if it came without the key.
 */
static int child_record(const struct records *r, pid_t pid, const char *what,
			 int n)
{
	char p[48];
	size_t all, keyed;

	snprintf(p, sizeof(p), " syscall=%d ", SYS_getpgid);
	all = 0;
	keyed = 0;
	for (size_t i = 0; i < r->count; i++) {
		char q[32];

		snprintf(q, sizeof(q), " pid=%d ", (int)pid);
		if (strncmp(r->line[i], "1300 ", 5) || !strstr(r->line[i], p) ||
		    !strstr(r->line[i], q))
			continue;
		all++;
		if (strstr(r->line[i], "key=\"fi-child\""))
			keyed++;
		else
			violation("%s N=%d: the child's SYSCALL record came without its key: %.300s",
				  what, n, r->line[i]);
	}
	if (all > 1)
		violation("%s N=%d: %zu SYSCALL records for one call", what, n, all);
	return keyed ? 1 : all ? -1 : 0;
}

static int op_fork(int n, struct tally *t, const char *tag)
{
	struct outcome o;
	pid_t pid;
	int fired, status, saved, got;

	outcome_begin();
	inject(n);
	/*
	 * vfork: a child sharing our memory.  A fork() failing in dup_mmap()
	 * crashes UML 6.12 itself (flush_tlb_mm() on the half-made mm, from
	 * mmput() in copy_process()'s error path), audit or not.
	 */
	pid = vfork();
	saved = errno;
	if (pid == 0) {
		syscall(SYS_getpgid, FI_MAGIC);
		_exit(0);
	}
	fired = inject_end(n);
	if (pid > 0)
		waitpid(pid, &status, 0);
	o = outcome_end();
	if (pid < 0) {
		t->c[T_FORK_ENOMEM]++;
		if (saved != ENOMEM)
			violation("fork %s N=%d: failed with %s, not ENOMEM", tag, n,
				  strerror(saved));
		if (o.rec.count || o.lost)
			violation("fork %s N=%d: failed, yet %zu records and lost+%u",
				  tag, n, o.rec.count, o.lost);
		goto out;
	}
	got = child_record(&o.rec, pid, "fork", n);
	if (!got && !o.lost) {
		t->c[T_UNAUDITED]++;
		violation("fork %s N=%d: the child was not audited (no record, lost+0)",
			  tag, n);
	} else {
		check_whole(t, "fork child", n, o.rec.count, o.lost, &o.rec);
	}
out:
	records_free(&o.rec);
	return fired;
}

/* Until @pid sleeps (state S in /proc/PID/stat), at most a second. */
static void child_wait_sleeping(pid_t pid)
{
	char path[64], buf[256];

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	for (int i = 0; i < 1000; i++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
		char *p;

		if (fd >= 0)
			close(fd);
		if (n > 0) {
			buf[n] = '\0';
			p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'S')
				return;
		}
		usleep(1000);
	}
}

/*
 * The child is forked while audit is off (no context), sets its own
 * fail-nth while it is still off, and makes the audited syscall once the
 * parent has turned audit on: the context is made in that syscall's entry.
 */
static int op_lazy(int n, struct tally *t, const char *tag)
{
	int go[2], res[2], fired;
	struct outcome o;
	pid_t pid;
	char c;
	int got;

	if (pipe(go) || pipe(res))
		die("pipe: %s", strerror(errno));
	audit_set_enabled(0);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		char path[80], b[16] = "";
		int fd;

		close(go[1]);
		close(res[0]);
		snprintf(path, sizeof(path), "/proc/self/task/%d/fail-nth",
			 (int)gettid());
		fd = open(path, O_RDWR);
		if (fd < 0)
			_exit(1);
		if (n > 0)
			write_num(fd, n);
		if (write(res[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		syscall(SYS_getpgid, FI_MAGIC);
		if (pread(fd, b, sizeof(b) - 1, 0) < 0)
			_exit(1);
		write_num(fd, 0);
		/* What was left of fail-nth, as failnth_take() says it. */
		if (write(res[1], b, strlen(b) + 1) != (ssize_t)strlen(b) + 1)
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	close(res[1]);
	if (read(res[0], &c, 1) != 1)
		die("lazy: the child failed");
	/*
	 * Audit goes on only once the child sleeps in read(), entered while
	 * it was off: its context is then made in the getpgid() entry.
	 */
	child_wait_sleeping(pid);
	audit_set_enabled(1);
	outcome_begin();
	if (write(go[1], "g", 1) != 1)
		die("lazy: the child failed");
	{
		char b[32] = "";

		if (read(res[0], b, sizeof(b) - 1) <= 0)
			die("lazy: the child failed");
		failnth_left = (unsigned int)strtoul(b, NULL, 10);
		fired = n > 0 && failnth_left == 0;
	}
	waitpid(pid, NULL, 0);
	close(go[1]);
	close(res[0]);
	o = outcome_end();
	got = child_record(&o.rec, pid, "lazy", n);
	if (!got && !o.lost) {
		t->c[T_UNAUDITED]++;
		violation("lazy %s N=%d: the child's syscall was not audited and not counted in lost",
			  tag, n);
	} else {
		check_whole(t, "lazy child", n, o.rec.count, o.lost, &o.rec);
	}
	records_free(&o.rec);
	return fired;
}

/* ---- names: rename() and open(O_CREAT) with an exit rule on them ---- */

static struct rule names_rule;

static void names_rule_add(void)
{
	rule_init(&names_rule, "names", AUDIT_FILTER_EXIT);
	rule_syscall(&names_rule, SYS_rename);
	rule_syscall(&names_rule, SYS_open);
	rule_b64(&names_rule);
	rule_str(&names_rule, AUDIT_DIR, dir);
	rule_str(&names_rule, AUDIT_FILTERKEY, "fi-names");
	if (rule_change(AUDIT_ADD_RULE, &names_rule))
		die("could not add the names rule");
}

/*
 * The records of the event whose SYSCALL record has key fi-names (or is
 * our rename/open without a key: *nokey is set then).
 */
static size_t names_event(const struct records *r, size_t *syscalls, int *nokey)
{
	char serial[64] = "", rn[32], op[32];
	size_t n = 0;

	*syscalls = 0;
	*nokey = 0;
	snprintf(rn, sizeof(rn), " syscall=%d ", SYS_rename);
	snprintf(op, sizeof(op), " syscall=%d ", SYS_open);
	for (size_t i = 0; i < r->count; i++) {
		const char *p;

		if (strncmp(r->line[i], "1300 ", 5))
			continue;
		if (!strstr(r->line[i], "key=\"fi-names\"")) {
			if (!strstr(r->line[i], "comm=\"faultinj\"") ||
			    (!strstr(r->line[i], rn) && !strstr(r->line[i], op)))
				continue;
			*nokey = 1;
		}
		(*syscalls)++;
		p = strchr(r->line[i], ':');
		if (p)
			snprintf(serial, sizeof(serial), "%.*s", (int)strcspn(p, ")") + 1, p);
	}
	if (!*serial)
		return 0;
	for (size_t i = 0; i < r->count; i++)
		if (strstr(r->line[i], serial))
			n++;
	return n;
}

static int op_names(int n, struct tally *t, const char *tag, int which)
{
	char a[256], b[256];
	struct outcome o;
	int ret, fired, saved, nokey;
	size_t got, syscalls;

	snprintf(a, sizeof(a), "%s/n-%d-%s", dir, n, tag);
	snprintf(b, sizeof(b), "%s/m-%d-%s", dir, n, tag);
	if (which == 0) {
		int fd = open(a, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);

		if (fd < 0)
			die("%s: %s", a, strerror(errno));
		close(fd);
	}
	outcome_begin();
	inject(n);
	if (which == 0) {
		ret = (int)syscall(SYS_rename, a, b);
	} else {
		ret = (int)syscall(SYS_open, a, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
		if (ret >= 0)
			close(ret);
	}
	saved = errno;
	fired = inject_end(n);
	o = outcome_end();
	got = names_event(&o.rec, &syscalls, &nokey);
	if (nokey)
		violation("names %s %s N=%d: the SYSCALL record came without its key: %.300s",
			  which ? "open" : "rename", tag, n,
			  first_matching(&o.rec, "1300 ", "comm=\"faultinj\""));
	t->c[ret < 0 ? T_OP_FAILED : T_OP_OK]++;
	/* tmpfs says ENOSPC when it cannot allocate an inode. */
	if (ret < 0 && saved != ENOMEM && saved != ENOSPC)
		violation("names %s %s N=%d: failed with %s, not ENOMEM",
			  which ? "open" : "rename", tag, n, strerror(saved));
	if (syscalls > 1)
		violation("names %s %s N=%d: %zu SYSCALL records for one call",
			  which ? "open" : "rename", tag, n, syscalls);
	if (ret >= 0) {
		/* The call did what a clean run does: its event is whole. */
		check_whole(t, which ? "names open" : "names rename", n,
			    o.rec.count, o.lost, &o.rec);
		if (!got && o.rec.count && !o.lost)
			violation("names %s %s N=%d: %zu records but no SYSCALL record of the call, lost+0",
				  which ? "open" : "rename", tag, n, o.rec.count);
	} else if (!o.rec.count && !o.lost) {
		/*
		 * The call failed before it named anything the dir rule
		 * could match (getname() and the like): no event.
		 */
		t->c[T_NO_EVENT]++;
	} else if (!got && !o.lost) {
		violation("names %s %s N=%d: %zu records but no SYSCALL record of the call, lost+0",
			  which ? "open" : "rename", tag, n, o.rec.count);
	}
	unlink(a);
	unlink(b);
	records_free(&o.rec);
	return fired;
}

static int op_rename(int n, struct tally *t, const char *tag)
{
	return op_names(n, t, tag, 0);
}

static int op_open(int n, struct tally *t, const char *tag)
{
	return op_names(n, t, tag, 1);
}

/* ---- drivers ---- */

static void failslab_set(const char *file, const char *val)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/sys/kernel/debug/failslab/%s", file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, val, strlen(val)) != (ssize_t)strlen(val))
		die("%s: %s", path, strerror(errno));
	close(fd);
}


static void setup_common(void)
{
	char path[256];

	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/wdir", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/watched", dir);
	close(open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644));
	nl_open(&ctl);
	audit_set_enabled(1);
	fault_files_open();
	/*
	 * failslab skips allocations that may sleep unless told otherwise;
	 * fail-nth obeys the same filters.  Quiet: no stack per failure.
	 */
	failslab_set("ignore-gfp-wait", "N");
	/* FI_KMSG=1: a stack in the kernel log per failure, N marked. */
	failslab_set("verbose", getenv("FI_KMSG") ? "2" : "0");
	if (getenv("FI_KMSG"))
		kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	failslab_set("probability", "0");
	reader_start();
}

/*
 * fail-nth N = 1, 2, ... until a run of @fn injects nothing.  An
 * operation that makes more than FULL_MAX allocations (a watch rule
 * indexes itself under every syscall it covers) is tried at its first
 * and last EDGE allocations and at about SPREAD points between.
 */
#define FULL_MAX	300
#define EDGE		60
#define SPREAD		30

static void nth_loop(const char *what, op_fn fn, const char *tag)
{
	struct tally t = { 0 };
	unsigned int total;
	int n, step = 1, limit;
	char label[96];

	/* A clean run first, which counts the allocations of one run. */
	clean_run = 1;
	fn(1000000, &t, tag);
	clean_run = 0;
	total = 1000000 - failnth_left;
	memset(&t, 0, sizeof(t));
	limit = (int)total + max_n;
	for (n = 1; n <= limit; n += step) {
		int fired;

		if (getenv("FI_TRACE"))
			fprintf(stderr, "trace: %s %s N=%d of %u\n", what, tag, n, total);
		kmsg("faultinj: %s %s N=%d", what, tag, n);
		fired = fn(n, &t, tag);
		t.runs++;
		if (!fired && (unsigned int)n >= total)
			break;
		if (fired)
			t.injected++;
		step = 1;
		if (total > FULL_MAX && n >= EDGE && (unsigned int)n + EDGE < total) {
			step = (int)(total - 2 * EDGE) / SPREAD + 1;
			if ((unsigned int)(n + step) > total - EDGE)
				step = (int)(total - EDGE) - n;
		}
	}
	if (n > limit)
		violation("%s %s: still injecting at N=%d, %u allocations after a clean run's",
			  what, tag, limit, max_n);
	snprintf(label, sizeof(label), "nth %s%s%s (%u allocations per run%s)",
		 what, *tag ? " " : "", tag, total,
		 total > FULL_MAX ? ", sampled" : "");
	tally_print(label, &t);
}

static const struct rule *cur_rule;
static int cur_del;

static int op_rule_cur(int n, struct tally *t, const char *tag)
{
	(void)tag;	/* the rule's name and add/del say it */
	return rule_request(cur_rule, cur_del, n, t, "nth");
}

static int cmd_nth(const char *op)
{
	setup_common();
	if (!strcmp(op, "user")) {
		nth_loop("user", op_user, "");
	} else if (!strcmp(op, "rule")) {
		rules_setup();
		for (size_t i = 0; i < n_rules; i++) {
			char tag[64];

			if (!rule_supported(&rules[i]))
				continue;
			cur_rule = &rules[i];
			for (cur_del = 0; cur_del < 2; cur_del++) {
				snprintf(tag, sizeof(tag), "%s %s", rules[i].name,
					 cur_del ? "del" : "add");
				nth_loop("rule", op_rule_cur, tag);
			}
		}
	} else if (!strcmp(op, "fork")) {
		child_rule_add();
		nth_loop("fork", op_fork, "");
		child_rule_del();
	} else if (!strcmp(op, "lazy")) {
		child_rule_add();
		nth_loop("lazy", op_lazy, "");
		child_rule_del();
	} else if (!strcmp(op, "names")) {
		names_rule_add();
		nth_loop("names", op_rename, "rename");
		nth_loop("names", op_open, "open");
		if (rule_change(AUDIT_DEL_RULE, &names_rule))
			violation("the names rule cannot be deleted");
	} else {
		die("unknown operation '%s'", op);
	}
	reader_stop();
	return violations ? 1 : 0;
}

static int cmd_random(int seconds, int percent)
{
	struct tally t[OP_COUNT + 1];
	struct listing empty;
	time_t end;
	char pct[16];
	unsigned int i = 0;

	memset(t, 0, sizeof(t));
	setup_common();
	rules_setup();
	child_rule_add();
	names_rule_add();
	for (size_t k = 0; k < n_rules; k++)
		if (!rule_supported(&rules[k]))
			rules[k--] = rules[--n_rules];
	/* Clean runs first: the reference events of each operation. */
	clean_run = 1;
	op_user(0, &t[OP_USER], "ref");
	op_fork(0, &t[OP_FORK], "ref");
	op_names(0, &t[OP_NAMES], "ref", 0);
	op_names(0, &t[OP_NAMES], "ref", 1);
	for (size_t k = 0; k < n_rules; k++) {
		rule_request(&rules[k], 0, 0, &t[OP_RULE], "ref");
		rule_request(&rules[k], 1, 0, &t[OP_RULE], "ref");
	}
	clean_run = 0;
	memset(t, 0, sizeof(t));
	/* Ours only: failslab's probability, for tasks with make-it-fail. */
	snprintf(pct, sizeof(pct), "%d", percent);
	failslab_set("task-filter", "Y");
	failslab_set("interval", "1");
	failslab_set("times", "-1");
	failslab_set("space", "0");
	failslab_set("probability", pct);
	srand((unsigned int)getpid());
	end = time(NULL) + seconds;
	while (time(NULL) < end) {
		int k = rand() % 5;
		char tag[32];

		snprintf(tag, sizeof(tag), "r%u", i++);
		switch (k) {
		case 0:
			op_user(-1, &t[OP_USER], tag);
			break;
		case 1:
			rule_request(&rules[(size_t)rand() % n_rules], rand() % 2, -1,
				     &t[OP_RULE], tag);
			break;
		case 2:
			op_fork(-1, &t[OP_FORK], tag);
			break;
		case 3:
			op_names(-1, &t[OP_NAMES], tag, rand() % 2);
			break;
		default:
			op_user(-1, &t[OP_USER], tag);
			break;
		}
		t[k == 4 ? OP_USER : k == 3 ? OP_NAMES : k].runs++;
	}
	failslab_set("probability", "0");
	for (int k = 0; k < OP_COUNT; k++) {
		char label[64];

		if (!t[k].runs)
			continue;
		snprintf(label, sizeof(label), "random %d%% %s", percent, op_labels[k]);
		tally_print(label, &t[k]);
	}
	child_rule_del();
	if (rule_change(AUDIT_DEL_RULE, &names_rule))
		violation("the names rule cannot be deleted");
	empty = list_rules();
	if (empty.count)
		violation("%zu rules left after the random run", empty.count);
	listing_free(&empty);
	/* Audit still works: a user message reaches the reader. */
	{
		struct tally after = { 0 };

		op_user(0, &after, "after");
		if (after.c[T_DELIVERED] != 1)
			violation("after the random run a user message was not delivered");
		else
			printf("after the random run: a user message was delivered\n");
	}
	reader_stop();
	return violations ? 1 : 0;
}

int main(int argc, char **argv)
{
	int i = 3;

	signal(SIGPIPE, SIG_IGN);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		goto usage;
	if (!strcmp(argv[1], "random"))
		i = 4;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--lsm"))
			use_lsm = 1;
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--max") && i + 1 < argc)
			max_n = atoi(argv[++i]);
		else
			goto usage;
	}
	if (!strcmp(argv[1], "nth"))
		return cmd_nth(argv[2]);
	if (!strcmp(argv[1], "random") && argc >= 4)
		return cmd_random(atoi(argv[2]), atoi(argv[3]));
usage:
	fprintf(stderr, "usage: faultinj nth user|rule|fork|lazy|names [--lsm] [--dir DIR] [--max N]\n"
			"       faultinj random SECONDS PERCENT [--lsm] [--dir DIR]\n");
	return 2;
}
