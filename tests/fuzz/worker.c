// SPDX-License-Identifier: GPL-2.0
/*
 * A worker's life: its signals (stop on SIGTERM, dump the ring on a crash
 * of our own), the ring of its last operations and the LOG-DIR/worker-N.last
 * file that keeps it, and --replay, which sends again the messages a
 * sender's .last file names.
 *
 * worker-N.last: the first 128 bytes are the in-flight line, rewritten
 * before each message a sender sends ("inflight k=K op=CLASS len=L t=T")
 * and before each operation of the churn, so that what a crash
 * interrupted is named even if the ring was not dumped since; then a header (worker, role, seeds, directory, classes)
 * and the ring, oldest first: per entry its number, class, length,
 * answer, the acks' values, how long the answer took, and the start and
 * end of the datagram in hex (the whole of it is built again by
 * --replay).  The ring is rewritten every 100 entries, at least every
 * half second while it changes, and when the worker ends.  T is the
 * time as dmesg shows it (CLOCK_MONOTONIC).  On SIGUSR1 (main.c saw a
 * report in the kernel log) the worker writes worker-N.snap-K: the
 * in-flight line and the ring as they were then.  The file is written through to the host
 * (hostfs writes through), so it survives a kernel panic.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define DUMP_MAX (64 * 1024)

/*
 * What the signal handlers need, which no argument can carry: the stop
 * request, and the worker whose ring a crash should dump.
 */
static volatile sig_atomic_t stop_requested;
static struct fz_worker *crash_worker;
static char *crash_dump;	/* the dump's buffer, set up beforehand */
static char *snap_dump;		/* the snapshot's (SIGUSR1) */

uint64_t fz_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

bool fz_stopping(const struct fz_worker *w)
{
	return stop_requested || fz_now_ms() >= w->cfg->deadline_ms;
}

void fz_sleep_ms(const struct fz_worker *w, unsigned ms)
{
	while (ms && !fz_stopping(w)) {
		unsigned step = ms < 50 ? ms : 50;
		struct timespec ts = { 0, (long)step * 1000000L };

		nanosleep(&ts, NULL);
		ms -= step;
	}
}

/* ---- formatting without stdio (the crash handler uses it) ---- */

struct out {
	char *p;
	size_t len, cap;
};

static void put_s(struct out *o, const char *s)
{
	while (*s && o->len + 1 < o->cap)
		o->p[o->len++] = *s++;
}

static void put_u(struct out *o, uint64_t v)
{
	char tmp[24];
	int i = 0;

	do {
		tmp[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (i && o->len + 1 < o->cap)
		o->p[o->len++] = tmp[--i];
}

static void put_x(struct out *o, uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";

	while (digits-- && o->len + 1 < o->cap)
		o->p[o->len++] = hex[(v >> (4 * digits)) & 0xf];
}

static void put_i(struct out *o, int v)
{
	if (v < 0) {
		put_s(o, "-");
		put_u(o, (uint64_t)-(int64_t)v);
	} else {
		put_u(o, (uint64_t)v);
	}
}

/* ok, ENOENT..., none, send:EPERM: the answer as the files spell it. */
static void put_ans(struct out *o, int ans)
{
	const char *name;
	int e;

	if (ans < 0) {
		put_s(o, "pending");
		return;
	}
	if (ans == FZ_ANS_OK) {
		put_s(o, "ok");
		return;
	}
	if (ans == FZ_ANS_NONE) {
		put_s(o, "none");
		return;
	}
	e = ans;
	if (ans >= FZ_ANS_SEND0) {
		put_s(o, "send:");
		e = ans - FZ_ANS_SEND0 + 1;
	}
	name = strerrorname_np(e);
	if (name) {
		put_s(o, name);
	} else {
		put_s(o, "E");
		put_u(o, (uint64_t)e);
	}
}

/* Milliseconds of CLOCK_MONOTONIC as dmesg shows its time: 12.345 */
static void put_time(struct out *o, uint64_t ms)
{
	put_u(o, ms / 1000);
	put_s(o, ".");
	put_u(o, ms % 1000 / 100);
	put_u(o, ms % 100 / 10);
	put_u(o, ms % 10);
}

static void put_hex_lines(struct out *o, const unsigned char *b, size_t n,
			  size_t base)
{
	for (size_t i = 0; i < n; i += 16) {
		put_s(o, "  ");
		put_x(o, base + i, 5);
		for (size_t j = i; j < n && j < i + 16; j++) {
			put_s(o, " ");
			put_x(o, b[j], 2);
		}
		put_s(o, "\n");
	}
}

static void put_entry(struct out *o, const struct fz_ring_entry *e)
{
	size_t head = e->len < FZ_RING_HEAD ? e->len : FZ_RING_HEAD;

	put_s(o, "k=");
	put_u(o, e->k);
	put_s(o, " op=");
	put_s(o, fz_ops[e->op].name);
	put_s(o, " len=");
	put_u(o, e->len);
	put_s(o, " answer=");
	put_ans(o, e->answer);
	if (e->nacks) {
		put_s(o, " acks=");
		for (int i = 0; i < e->nacks && i < 4; i++) {
			if (i)
				put_s(o, ",");
			put_i(o, e->acks[i]);
		}
	}
	put_s(o, " ms=");
	put_u(o, e->ms);
	put_s(o, " t=");
	put_time(o, e->at_ms);
	if (e->what[0]) {
		put_s(o, " what=");
		put_s(o, e->what);
	}
	put_s(o, "\n");
	put_hex_lines(o, e->head, head, 0);
	if (e->len > FZ_RING_HEAD) {
		size_t tail = e->len - FZ_RING_HEAD < FZ_RING_TAIL ?
			      e->len - FZ_RING_HEAD : FZ_RING_TAIL;

		put_s(o, "  ...\n");
		put_hex_lines(o, e->tail + FZ_RING_TAIL - tail, tail,
			      e->len - tail);
	}
}

static void put_header(struct out *o, const struct fz_worker *w)
{
	put_s(o, "# audit-fuzz worker ");
	put_u(o, (uint64_t)w->index);
	put_s(o, " role ");
	put_s(o, fz_role_names[w->role]);
	put_s(o, " seed ");
	put_u(o, w->cfg->seed);
	put_s(o, " wseed 0x");
	put_x(o, w->seed, 16);
	put_s(o, " pid ");
	put_u(o, (uint64_t)getpid());
	put_s(o, " dir ");
	put_s(o, w->cfg->dir);
	put_s(o, "\n# classes ");
	put_s(o, w->cfg->classlist);
	put_s(o, "\n# entries ");
	put_u(o, w->ring.count);
	put_s(o, ", the last ones follow, oldest first");
	if (w->role == R_SENDER)
		put_s(o, "; send them again: audit-fuzz --replay THIS-FILE [--replay-k K]");
	put_s(o, "\n");
}

/* The header and the ring, oldest first, into O. */
static void format_ring(struct out *o, const struct fz_worker *w)
{
	uint64_t first = w->ring.count > FZ_RING ? w->ring.count - FZ_RING : 0;

	put_header(o, w);
	for (uint64_t i = first; i < w->ring.count; i++)
		put_entry(o, &w->ring.e[i % FZ_RING]);
}

/* Async-signal-safe: no stdio, no allocation. */
void fz_ring_dump(struct fz_worker *w)
{
	struct out o = { w == crash_worker ? crash_dump : NULL, 0, DUMP_MAX };

	if (w->logfd < 0 || !o.p)
		return;
	format_ring(&o, w);
	if (pwrite(w->logfd, o.p, o.len, FZ_INFLIGHT_LEN) == (ssize_t)o.len)
		(void)!ftruncate(w->logfd, FZ_INFLIGHT_LEN + (off_t)o.len);
	w->since_dump = 0;
}

/*
 * The kernel logged a report (main.c watches /dev/kmsg): the in-flight
 * line and the ring as they are now, in worker-N.snap-K (K from 1, at
 * most 20 per worker).  Async-signal-safe.
 */
static void snapshot(struct fz_worker *w)
{
	struct out o = { snap_dump, 0, DUMP_MAX };
	char path[PATH_MAX + 64];
	struct out p = { path, 0, sizeof(path) };
	int fd;

	if (!w->cfg->logdir || !o.p || w->snaps >= 20)
		return;
	w->snaps++;
	put_s(&p, w->cfg->logdir);
	put_s(&p, "/worker-");
	put_u(&p, (uint64_t)w->index);
	put_s(&p, ".snap-");
	put_u(&p, w->snaps);
	path[p.len] = '\0';
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	put_s(&o, "# a snapshot taken when the kernel logged a report, at t=");
	put_time(&o, fz_now_ms());
	put_s(&o, "\n");
	put_s(&o, w->inflight);
	format_ring(&o, w);
	(void)!write(fd, o.p, o.len);
	close(fd);
}

/* ---- signals ---- */

static void on_stop(int sig)
{
	stop_requested = sig;
}

int fz_stop_signal(void)
{
	return (int)stop_requested;
}

static void on_snapshot(int sig)
{
	(void)sig;
	if (crash_worker)
		snapshot(crash_worker);
}

/* A crash of the fuzzer itself: keep the ring, then die of the signal. */
static void on_crash(int sig)
{
	if (crash_worker)
		fz_ring_dump(crash_worker);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);	/* no SA_RESTART: blocked calls end */
}

static void install_handlers(void)
{
	static const int stops[] = { SIGTERM, SIGINT, SIGHUP };
	static const int crashes[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

	for (size_t i = 0; i < FZ_ARRAY_SIZE(stops); i++)
		set_handler(stops[i], on_stop);
	for (size_t i = 0; i < FZ_ARRAY_SIZE(crashes); i++)
		set_handler(crashes[i], on_crash);
	set_handler(SIGUSR1, on_snapshot);
	signal(SIGPIPE, SIG_IGN);
}

/* ---- the worker ---- */

/* The first FZ_INFLIGHT_LEN bytes of the .last file: TEXT, padded. */
static void write_inflight(struct fz_worker *w, const char *text)
{
	size_t n = strlen(text);

	if (n > FZ_INFLIGHT_LEN - 1)
		n = FZ_INFLIGHT_LEN - 1;
	memset(w->inflight, ' ', FZ_INFLIGHT_LEN - 1);
	memcpy(w->inflight, text, n);
	w->inflight[FZ_INFLIGHT_LEN - 1] = '\n';
	w->inflight[FZ_INFLIGHT_LEN] = '\0';
	if (w->logfd >= 0)
		(void)!pwrite(w->logfd, w->inflight, FZ_INFLIGHT_LEN, 0);
}

static int open_log(const struct fz_cfg *cfg, int index)
{
	char path[PATH_MAX + 32];

	if (!cfg->logdir)
		return -1;
	snprintf(path, sizeof(path), "%s/worker-%d.last", cfg->logdir, index);
	return open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

void fz_worker_init(struct fz_worker *w, const struct fz_cfg *cfg, int index,
		    enum fz_role role, struct fz_slot *slot)
{
	memset(w, 0, sizeof(*w));
	w->cfg = cfg;
	w->index = index;
	w->role = role;
	w->seed = fz_worker_seed(cfg->seed, index);
	w->rng.s = w->seed;
	w->slot = slot;
	w->rbuf_len = 256 * 1024;
	w->rbuf = malloc(w->rbuf_len);
	crash_dump = crash_dump ? crash_dump : malloc(DUMP_MAX);
	snap_dump = snap_dump ? snap_dump : malloc(DUMP_MAX);
	if (!w->rbuf || !crash_dump || !snap_dump)
		abort();
	w->logfd = open_log(cfg, index);
	write_inflight(w, "inflight none");
	slot->role = role;
	slot->pid = getpid();
	crash_worker = w;
	install_handlers();
	fz_ring_dump(w);
}

void fz_worker_child_reset(struct fz_worker *w)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGSEGV, SIGBUS,
				    SIGFPE, SIGILL, SIGABRT, SIGUSR1 };

	if (w->logfd >= 0)
		close(w->logfd);
	w->logfd = -1;
	crash_worker = NULL;
	for (size_t i = 0; i < FZ_ARRAY_SIZE(sigs); i++)
		signal(sigs[i], SIG_DFL);
	/* A helper's own sequence, still derived from the seed. */
	w->rng.s = fz_mix(w->rng.s ^ 0xc0ffee);
}

void fz_worker_exit(struct fz_worker *w, int status)
{
	fz_ring_dump(w);
	_exit(status);
}

/* ---- the ring ---- */

static struct fz_ring_entry *current(struct fz_worker *w)
{
	return &w->ring.e[w->ring.count % FZ_RING];
}

static void keep_bytes(struct fz_ring_entry *e, const struct fz_msg *m)
{
	size_t head = m->len < FZ_RING_HEAD ? m->len : FZ_RING_HEAD;
	size_t tail = m->len < FZ_RING_TAIL ? m->len : FZ_RING_TAIL;

	e->len = m->len;
	memcpy(e->head, m->b, head);
	memcpy(e->tail + FZ_RING_TAIL - tail, m->b + m->len - tail, tail);
}

void fz_ring_begin(struct fz_worker *w, uint64_t k, int op,
		   const struct fz_msg *m, const char *what)
{
	struct fz_ring_entry *e = current(w);
	char line[2 * FZ_INFLIGHT_LEN];

	memset(e, 0, sizeof(*e));
	e->k = k;
	e->op = op;
	e->answer = -1;
	e->at_ms = fz_now_ms();
	keep_bytes(e, m);
	if (what)
		snprintf(e->what, sizeof(e->what), "%s", what);
	snprintf(line, sizeof(line), "inflight k=%llu op=%s len=%zu t=%llu.%03llu",
		 (unsigned long long)k, fz_ops[op].name, m->len,
		 (unsigned long long)(e->at_ms / 1000),
		 (unsigned long long)(e->at_ms % 1000));
	write_inflight(w, line);
}

void fz_inflight(struct fz_worker *w, const char *fmt, ...)
{
	char what[96], line[2 * FZ_INFLIGHT_LEN];
	uint64_t now = fz_now_ms();
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "inflight %s t=%llu.%03llu", what,
		 (unsigned long long)(now / 1000), (unsigned long long)(now % 1000));
	write_inflight(w, line);
}

static void count(struct fz_worker *w, int op, int ans, uint64_t ms)
{
	w->slot->n[op][ans]++;
	if (ms > 1000)
		w->slot->slow[op]++;
	if (ms > w->slot->max_ms[op])
		w->slot->max_ms[op] = ms;
}

/* Dumped every 100 entries, and at least every half second while there
 * are new ones (slow roles: churn, toggle). */
static void ring_advance(struct fz_worker *w)
{
	uint64_t now = fz_now_ms();

	w->ring.count++;
	if (++w->since_dump >= 100 || now >= w->dumped_ms + 500) {
		fz_ring_dump(w);
		w->dumped_ms = now;
	}
}

void fz_ring_end(struct fz_worker *w, const struct fz_answer *a)
{
	struct fz_ring_entry *e = current(w);

	e->answer = a->code;
	e->nacks = a->nacks;
	memcpy(e->acks, a->acks, sizeof(e->acks));
	e->ms = a->ms;
	count(w, e->op, a->code, a->ms);
	ring_advance(w);
}

static void vnote(struct fz_worker *w, int op, int err, uint64_t ms,
		  const char *fmt, va_list ap)
{
	struct fz_ring_entry *e = current(w);

	memset(e, 0, sizeof(*e));
	e->k = w->ring.count;
	e->op = op;
	e->answer = err < 0 ? FZ_ANS_NONE : fz_ans_err(err);
	e->ms = ms;
	e->at_ms = fz_now_ms() - ms;
	vsnprintf(e->what, sizeof(e->what), fmt, ap);
	count(w, op, e->answer, ms);
	ring_advance(w);
}

void fz_note(struct fz_worker *w, int op, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(w, op, err, 0, fmt, ap);
	va_end(ap);
}

void fz_note_req(struct fz_worker *w, int op, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(w, op, rc < 0 ? -rc : 0, w->req_ms, fmt, ap);
	va_end(ap);
}

/* ---- --replay ---- */

struct replay {
	struct fz_cfg cfg;
	uint64_t wseed;
	int index;
	uint64_t ks[FZ_RING + 1];
	int nks;
};

static void add_k(struct replay *rp, uint64_t k)
{
	for (int i = 0; i < rp->nks; i++)
		if (rp->ks[i] == k)
			return;
	if (rp->nks < (int)FZ_ARRAY_SIZE(rp->ks))
		rp->ks[rp->nks++] = k;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The enabled classes, from the "# classes" line. */
static void parse_classes(struct fz_cfg *cfg, char *list)
{
	char *save = NULL;

	memset(cfg->classes, 0, sizeof(cfg->classes));
	for (char *t = strtok_r(list, ",\n", &save); t; t = strtok_r(NULL, ",\n", &save)) {
		int op = fz_op_by_name(t);

		if (op >= 0 && op < FZ_NCLASSES)
			cfg->classes[op] = true;
	}
}

static int parse_last(FILE *f, struct replay *rp, char *dir, size_t dirlen)
{
	char line[4096];
	unsigned long long k;
	bool header = false;

	while (fgets(line, sizeof(line), f)) {
		char role[32];

		if (sscanf(line, "# audit-fuzz worker %d role %31s seed %llu wseed %llx",
			   &rp->index, role, (unsigned long long *)&rp->cfg.seed,
			   (unsigned long long *)&rp->wseed) == 4) {
			char *d = strstr(line, " dir ");

			if (strcmp(role, "sender"))
				return -1;
			if (d)
				snprintf(dir, dirlen, "%.*s", (int)strcspn(d + 5, "\n"), d + 5);
			header = true;
		} else if (!strncmp(line, "# classes ", 10)) {
			parse_classes(&rp->cfg, line + 10);
		} else if (sscanf(line, "inflight k=%llu", &k) == 1 ||
			   sscanf(line, "k=%llu", &k) == 1) {
			add_k(rp, k);
		}
	}
	return header ? 0 : -1;
}

static void print_hex(const struct fz_msg *m)
{
	for (size_t i = 0; i < m->len; i += 16) {
		printf("  %05zx", i);
		for (size_t j = i; j < m->len && j < i + 16; j++)
			printf(" %02x", m->b[j]);
		printf("\n");
	}
}

static void replay_one(struct fz_worker *w, const struct fz_gen *g, int fd,
		       uint64_t k, bool hex)
{
	struct fz_msg m;
	struct fz_answer a;
	enum fz_op op;
	char ans[64];

	fz_msg_init(&m, FZ_MSG_MAX);
	fz_generate(g, k, &m, &op);
	fz_sanitize(w->cfg, &m);
	printf("k=%llu op=%s len=%zu", (unsigned long long)k, fz_ops[op].name,
	       m.len);
	fflush(stdout);
	fz_exchange(w, fd, &m, &a);
	printf(" answer=%s acks=%d", fz_ans_name(a.code, ans, sizeof(ans)),
	       a.nacks ? a.acks[0] : 0);
	printf(" ms=%llu\n", (unsigned long long)a.ms);
	if (hex)
		print_hex(&m);
	fz_msg_free(&m);
}

int fz_replay(const char *file, const struct fz_cfg *base, long long only_k)
{
	struct replay rp;
	struct fz_slot *slot = calloc(1, sizeof(*slot));
	struct fz_worker w;
	struct fz_gen g;
	char dir[PATH_MAX] = "";
	FILE *f = fopen(file, "r");
	int fd;

	if (!f || !slot) {
		fprintf(stderr, "audit-fuzz: %s: %s\n", file, strerror(errno));
		return 2;
	}
	memset(&rp, 0, sizeof(rp));
	rp.cfg = *base;
	if (parse_last(f, &rp, dir, sizeof(dir)) < 0) {
		fclose(f);
		fprintf(stderr, "audit-fuzz: %s is not the .last file of a sender\n", file);
		return 2;
	}
	fclose(f);
	if (dir[0])
		rp.cfg.dir = dir;
	rp.cfg.logdir = NULL;
	rp.cfg.deadline_ms = UINT64_MAX;
	fz_worker_init(&w, &rp.cfg, rp.index, R_SENDER, slot);
	g = (struct fz_gen){ &rp.cfg, rp.wseed, getpid() };
	if (only_k >= 0) {
		rp.nks = 1;
		rp.ks[0] = (uint64_t)only_k;
	}
	qsort(rp.ks, (size_t)rp.nks, sizeof(rp.ks[0]), cmp_u64);
	fd = fz_nl_open(NULL);
	if (fd < 0) {
		fprintf(stderr, "audit-fuzz: socket: %s\n", strerror(-fd));
		return 2;
	}
	printf("replaying %d messages of worker %d, seed %llu, dir %s\n",
	       rp.nks, rp.index, (unsigned long long)rp.cfg.seed, rp.cfg.dir);
	for (int i = 0; i < rp.nks; i++)
		replay_one(&w, &g, fd, rp.ks[i], only_k >= 0);
	close(fd);
	return 0;
}
