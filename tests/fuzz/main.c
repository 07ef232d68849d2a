// SPDX-License-Identifier: GPL-2.0
/*
 * audit-fuzz: a fuzzer of the kernel's audit interfaces, for the UML test
 * guest (it changes the audit configuration and mounts on the fuzz
 * directory: never run it on a machine you care about).
 *
 *   audit-fuzz --seed N --time SECONDS --workers N --dir /tmp/fuzz
 *              [--log-dir DIR] [--only CLASS,...] [--skip CLASS,...]
 *   audit-fuzz --replay DIR/worker-N.last [--replay-k K]
 *   audit-fuzz --gen-only N [--seed N] [--only/--skip ...]
 *
 * Starts WORKERS senders of random and mutated NETLINK_AUDIT messages and
 * one process per other role (daemon, mcast, two of load, churn, toggle,
 * storm, keeper), each with its own seed derived from the run's seed and
 * its index; watches the kernel log meanwhile (on a report of a defect,
 * every worker writes a snapshot of its last messages); stops them after
 * SECONDS, prints the report (report.c; also LOG-DIR/report.txt), removes its mounts, files and rules and puts the
 * audit status back as it found it.  CLASS is a message class or a role
 * (see --help).  --gen-only builds the first N messages of sender 0 and
 * prints their class, length and a hash, sending nothing (a check of the
 * generator, anywhere).  Exit status: 0, 1 when the fuzzer itself failed (a
 * worker crashed, setup failed), 2 on misuse.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

#define MAX_WORKERS 64

#define MAX_SEEN 8

struct run {
	struct fz_cfg cfg;
	struct fz_slot *slots;		/* shared with the workers */
	int n;
	pid_t pid[MAX_WORKERS];
	bool done[MAX_WORKERS];
	int reaped, by_signal;
	bool failed;
	int kmsg;			/* /dev/kmsg, read as the run goes */
	int reports;			/* report lines seen there */
	char seen[MAX_SEEN][160];	/* the first of them */
};

typedef void (*role_fn)(struct fz_worker *w);

static const role_fn role_fns[FZ_NROLES] = {
	[R_SENDER] = fz_role_sender, [R_DAEMON] = fz_role_daemon,
	[R_MCAST] = fz_role_mcast, [R_LOAD] = fz_role_load,
	[R_CHURN] = fz_role_churn, [R_TOGGLE] = fz_role_toggle,
	[R_STORM] = fz_role_storm, [R_KEEPER] = fz_role_keeper,
};

/* Processes per role, senders aside. */
static const int role_count[FZ_NROLES] = {
	[R_DAEMON] = 1, [R_MCAST] = 1, [R_LOAD] = 2, [R_CHURN] = 1,
	[R_TOGGLE] = 1, [R_STORM] = 1, [R_KEEPER] = 1,
};

static void usage(FILE *f)
{
	fprintf(f, "usage: audit-fuzz [--seed N] [--time SECONDS] [--workers N] "
		"[--dir DIR]\n"
		"                  [--log-dir DIR] [--only CLASS,...] [--skip CLASS,...]\n"
		"       audit-fuzz --replay FILE.last [--replay-k K]\n"
		"       audit-fuzz --gen-only N [--seed N] [--only/--skip ...]\n"
		"(only in the UML test guest unless --force-host)\n"
		"classes:");
	for (int i = 0; i < FZ_NCLASSES; i++)
		fprintf(f, " %s", fz_ops[i].name);
	fprintf(f, "\nroles:  ");
	for (int i = R_DAEMON; i < FZ_NROLES; i++)
		fprintf(f, " %s", fz_role_names[i]);
	fprintf(f, "\n");
}

/* --only / --skip: a comma list of classes and roles. */
static int select_names(struct fz_cfg *cfg, const char *list, bool on)
{
	char *copy = strdup(list), *save = NULL;
	int bad = 0;

	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int op = fz_op_by_name(t), role = fz_role_by_name(t);

		if (op >= 0 && op < FZ_NCLASSES) {
			cfg->classes[op] = on;
			cfg->skipped[op] = !on;
		} else if (role > R_SENDER) {
			cfg->roles[role] = on;
		} else {
			fprintf(stderr, "audit-fuzz: no class or role '%s'\n", t);
			bad = 1;
		}
	}
	free(copy);
	return bad ? -1 : 0;
}

static void defaults(struct fz_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->seed = fz_mix((uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32));
	cfg->time_s = 60;
	cfg->senders = 4;
	cfg->dir = "/tmp/fuzz";
	cfg->max_wait = 20;		/* jiffies: 0.2 s at HZ=100 */
	cfg->sane_wait = 1;
	cfg->sane_backlog = 1024;
	for (int i = 0; i < FZ_NCLASSES; i++)
		cfg->classes[i] = true;
	for (int i = 0; i < FZ_NROLES; i++)
		cfg->roles[i] = true;
}

struct opts {
	const char *replay;
	long long replay_k;
	const char *only, *skip;
	bool force_host;
	long long gen_only;
};

static int parse_args(int argc, char **argv, struct fz_cfg *cfg, struct opts *o)
{
	static const struct option longs[] = {
		{ "seed", 1, NULL, 's' }, { "time", 1, NULL, 't' },
		{ "workers", 1, NULL, 'w' }, { "dir", 1, NULL, 'd' },
		{ "log-dir", 1, NULL, 'l' }, { "only", 1, NULL, 'o' },
		{ "skip", 1, NULL, 'x' }, { "replay", 1, NULL, 'r' },
		{ "replay-k", 1, NULL, 'k' }, { "force-host", 0, NULL, 'F' },
		{ "gen-only", 1, NULL, 'g' },
		{ "help", 0, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 's': cfg->seed = strtoull(optarg, NULL, 0); break;
		case 't': cfg->time_s = (unsigned)strtoul(optarg, NULL, 0); break;
		case 'w': cfg->senders = atoi(optarg); break;
		case 'd': cfg->dir = optarg; break;
		case 'l': cfg->logdir = optarg; break;
		case 'o': o->only = optarg; break;
		case 'x': o->skip = optarg; break;
		case 'r': o->replay = optarg; break;
		case 'k': o->replay_k = strtoll(optarg, NULL, 0); break;
		case 'F': o->force_host = true; break;
		case 'g': o->gen_only = strtoll(optarg, NULL, 0); break;
		case 'h': usage(stdout); exit(0);
		default: return -1;
		}
	}
	if (optind != argc || cfg->senders < 0 || cfg->senders > 32)
		return -1;
	if (cfg->dir[0] != '/' || !strcmp(cfg->dir, "/")) {
		fprintf(stderr, "audit-fuzz: --dir must be an absolute path, not /\n");
		return -1;
	}
	return 0;
}

static int apply_selection(struct fz_cfg *cfg, const struct opts *o)
{
	if (o->only) {
		memset(cfg->classes, 0, sizeof(cfg->classes));
		for (int i = R_DAEMON; i < FZ_NROLES; i++)
			cfg->roles[i] = i == R_KEEPER;
		if (select_names(cfg, o->only, true) < 0)
			return -1;
	}
	if (o->skip && select_names(cfg, o->skip, false) < 0)
		return -1;
	cfg->roles[R_SENDER] = false;
	for (int i = 0; i < FZ_NCLASSES; i++)
		cfg->roles[R_SENDER] |= cfg->classes[i];
	if (!cfg->roles[R_SENDER])
		cfg->senders = 0;
	cfg->classlist[0] = '\0';
	for (int i = 0; i < FZ_NCLASSES; i++) {
		if (!cfg->classes[i])
			continue;
		if (cfg->classlist[0])
			strcat(cfg->classlist, ",");
		strcat(cfg->classlist, fz_ops[i].name);
	}
	return 0;
}

/* Only in a test guest: it rewrites the audit configuration and mounts. */
static bool in_guest(void)
{
	char line[4096] = "";
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f)
		return false;
	if (!fgets(line, sizeof(line), f))
		line[0] = '\0';
	fclose(f);
	return strstr(line, "rootfstype=hostfs") != NULL;
}

/* The first N messages of sender 0, as class, length and FNV-1a hash. */
static int gen_only(const struct fz_cfg *cfg, long long n)
{
	struct fz_gen g = { cfg, fz_worker_seed(cfg->seed, 0), 1 };
	struct fz_msg m;

	fz_msg_init(&m, FZ_MSG_MAX);
	for (long long k = 0; k < n; k++) {
		uint64_t h = 0xcbf29ce484222325ULL;
		enum fz_op op;

		fz_generate(&g, (uint64_t)k, &m, &op);
		fz_sanitize(cfg, &m);
		for (size_t i = 0; i < m.len; i++)
			h = (h ^ m.b[i]) * 0x100000001b3ULL;
		printf("%lld %s %zu %016llx\n", k, fz_ops[op].name, m.len,
		       (unsigned long long)h);
	}
	fz_msg_free(&m);
	return 0;
}

/* ---- workers ---- */

static void spawn(struct run *r, enum fz_role role)
{
	int index = r->n++;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		struct fz_worker w;

		setpgid(0, 0);
		fz_worker_init(&w, &r->cfg, index, role, &r->slots[index]);
		role_fns[role](&w);
		fz_worker_exit(&w, 0);
	}
	if (pid < 0) {
		fprintf(stderr, "audit-fuzz: fork: %s\n", strerror(errno));
		r->failed = true;
		r->done[index] = true;
		return;
	}
	setpgid(pid, pid);
	r->pid[index] = pid;
	r->slots[index].role = role;
	r->slots[index].pid = pid;
}

static void spawn_all(struct run *r)
{
	for (int i = 0; i < r->cfg.senders; i++)
		spawn(r, R_SENDER);
	for (int role = R_DAEMON; role < FZ_NROLES; role++)
		for (int i = 0; r->cfg.roles[role] && i < role_count[role]; i++)
			spawn(r, (enum fz_role)role);
}

static void reaped_one(struct run *r, pid_t pid, int st, bool stopping)
{
	for (int i = 0; i < r->n; i++) {
		if (r->pid[i] != pid || r->done[i])
			continue;
		r->done[i] = true;
		r->reaped++;
		if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL &&
		    WTERMSIG(st) != SIGTERM) {
			printf("audit-fuzz: worker %d (%s) died of signal %d\n", i,
			       fz_role_names[r->slots[i].role], WTERMSIG(st));
			r->by_signal++;
			r->failed = true;
		} else if (WIFEXITED(st) && WEXITSTATUS(st)) {
			printf("audit-fuzz: worker %d (%s) exited with %d\n", i,
			       fz_role_names[r->slots[i].role], WEXITSTATUS(st));
			r->failed = true;
		} else if (!stopping) {
			printf("audit-fuzz: worker %d (%s) ended early\n", i,
			       fz_role_names[r->slots[i].role]);
		}
		return;
	}
}

static void reap(struct run *r, bool stopping)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		reaped_one(r, pid, st, stopping);
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void signal_all(struct run *r, int sig, bool live_only)
{
	for (int i = 0; i < r->n; i++)
		if (r->pid[i] > 0 && (!live_only || !r->done[i]))
			kill(-r->pid[i], sig);
}

/* Waits up to MS for every worker to end. */
static void wait_all(struct run *r, unsigned ms)
{
	for (unsigned t = 0; t < ms && r->reaped < r->n; t += 50) {
		reap(r, true);
		sleep_ms(50);
	}
	reap(r, true);
}

static void stop_all(struct run *r)
{
	signal_all(r, SIGTERM, true);
	wait_all(r, 5000);
	/* Helpers (a daemon, FIFO readers, storm children) go too. */
	signal_all(r, SIGKILL, false);
	wait_all(r, 10000);
	if (r->reaped < r->n)
		printf("audit-fuzz: note: %d workers did not end after SIGKILL "
		       "(stuck in the kernel?)\n", r->n - r->reaped);
}

/* ---- the kernel log, watched ---- */

/* The first lines of the kernel's reports (as scripts/kernel-reports). */
static const char *const report_marks[] = {
	"BUG:", "WARNING:", "KASAN", "UBSAN", "unreferenced object 0x",
	"possible circular locking", "possible recursive locking",
	"inconsistent lock state", "suspicious RCU usage",
	"sleeping function called from invalid context", "ODEBUG:",
	"list_add corruption", "list_del corruption", "Oops",
	"general protection fault", "Kernel panic", "detected stall",
	"blocked for more than", "Unable to handle kernel", "kernel BUG at",
	"refcount_t: ",
};

static bool is_report(const char *text)
{
	if (strstr(text, "Kernel command line"))
		return false;
	for (size_t i = 0; i < FZ_ARRAY_SIZE(report_marks); i++)
		if (strstr(text, report_marks[i]))
			return true;
	return false;
}

static void kmsg_open(struct run *r)
{
	r->kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (r->kmsg >= 0)
		lseek(r->kmsg, 0, SEEK_END);	/* what the run causes only */
}

/* One record of /dev/kmsg ("PRIO,SEQ,USEC,FLAGS;TEXT"): a report? */
static bool kmsg_record(struct run *r, char *rec)
{
	unsigned long long usec = 0;
	char *text = strchr(rec, ';');

	if (!text)
		return false;
	*text++ = '\0';
	text[strcspn(text, "\n")] = '\0';
	if (!is_report(text))
		return false;
	sscanf(rec, "%*u,%*u,%llu", &usec);
	if (r->reports < MAX_SEEN)
		snprintf(r->seen[r->reports], sizeof(r->seen[0]), "[%llu.%06llu] %s",
			 usec / 1000000, usec % 1000000, text);
	r->reports++;
	return true;
}

/*
 * Reads what the kernel logged since the last call.  On a report every
 * worker snapshots its ring (SIGUSR1, worker.c): the message that caused
 * it is among the last ones sent.
 */
static void kmsg_poll(struct run *r)
{
	char rec[8192];
	bool hit = false;

	for (int i = 0; r->kmsg >= 0 && i < 100000; i++) {
		ssize_t n = read(r->kmsg, rec, sizeof(rec) - 1);

		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten before we read it */
		if (n <= 0)
			break;
		rec[n] = '\0';
		hit |= kmsg_record(r, rec);
	}
	for (int i = 0; hit && i < r->n; i++)
		if (!r->done[i] && r->pid[i] > 0)
			kill(r->pid[i], SIGUSR1);
}

static void print_seen(FILE *f, const struct run *r)
{
	fprintf(f, "\nkernel log: %d report lines during the run%s\n", r->reports,
		r->reports ? "; each worker's ring then: LOG-DIR/worker-N.snap-K" : "");
	for (int i = 0; i < r->reports && i < MAX_SEEN; i++)
		fprintf(f, "  %s\n", r->seen[i]);
}

/* ---- the audit state before and after ---- */

static void restore(struct fz_worker *mw, const struct audit_status *before)
{
	int fd = fz_nl_open(NULL), n, total = 0;
	struct audit_status s = *before;

	if (fd < 0)
		return;
	while ((n = fz_delete_rules(mw, fd, 4000, false, 0)) > 0)
		total += n;
	s.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE |
		 AUDIT_STATUS_RATE_LIMIT | AUDIT_STATUS_BACKLOG_LIMIT |
		 AUDIT_STATUS_BACKLOG_WAIT_TIME;
	if (before->enabled > 1)
		s.mask &= ~(uint32_t)AUDIT_STATUS_ENABLED;
	n = fz_request(mw, fd, AUDIT_SET, &s, sizeof(s));
	printf("audit-fuzz: cleanup: %d rules deleted, status restored (%s)\n",
	       total, n < 0 ? strerror(-n) : "ok");
	close(fd);
}

static void write_report(const struct run *r)
{
	char path[PATH_MAX + 16];
	FILE *f;

	fz_report(stdout, &r->cfg, r->slots, r->n, r->reaped, r->by_signal);
	print_seen(stdout, r);
	fflush(stdout);
	if (!r->cfg.logdir)
		return;
	snprintf(path, sizeof(path), "%s/report.txt", r->cfg.logdir);
	f = fopen(path, "w");
	if (f) {
		fz_report(f, &r->cfg, r->slots, r->n, r->reaped, r->by_signal);
		print_seen(f, r);
		fclose(f);
	}
}

/* Before the run: the status to put back, a sane state, the directories. */
static int setup(struct run *r, struct fz_worker *mw, struct audit_status *before)
{
	int fd = fz_nl_open(NULL);

	if (fd < 0 || fz_get_status(mw, fd, before) < 0) {
		fprintf(stderr, "audit-fuzz: cannot talk NETLINK_AUDIT\n");
		return -1;
	}
	fz_set_sane(mw, fd);
	close(fd);
	if (fz_dirs_setup(&r->cfg) < 0) {
		fprintf(stderr, "audit-fuzz: %s: %s\n", r->cfg.dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Until the deadline, a signal, or the end of every worker. */
static void watch_run(struct run *r, const struct fz_worker *mw)
{
	while (fz_now_ms() < r->cfg.deadline_ms && !fz_stopping(mw) &&
	       r->reaped < r->n) {
		sleep_ms(100);
		kmsg_poll(r);
		/* Workers end on their own at the deadline too. */
		reap(r, fz_now_ms() + 200 >= r->cfg.deadline_ms);
	}
	kmsg_poll(r);
	printf("audit-fuzz: stopping after %llu ms: %s\n",
	       (unsigned long long)(fz_now_ms() + (uint64_t)r->cfg.time_s * 1000 -
				    r->cfg.deadline_ms),
	       fz_stop_signal() ? strsignal(fz_stop_signal()) :
	       r->reaped < r->n ? "time is up" : "every worker ended");
}

static int run_fuzz(struct run *r)
{
	struct fz_slot *main_slot = calloc(1, sizeof(*main_slot));
	struct fz_cfg mcfg = r->cfg;
	struct audit_status before;
	struct fz_worker mw;

	if (!main_slot)
		return 1;
	mcfg.logdir = NULL;
	mcfg.deadline_ms = UINT64_MAX;
	fz_worker_init(&mw, &mcfg, MAX_WORKERS, R_KEEPER, main_slot);
	if (setup(r, &mw, &before) < 0)
		return 1;
	printf("audit-fuzz: seed %llu, %u s, %d senders, dir %s, log dir %s\n",
	       (unsigned long long)r->cfg.seed, r->cfg.time_s, r->cfg.senders,
	       r->cfg.dir, r->cfg.logdir ? r->cfg.logdir : "(none)");
	r->cfg.deadline_ms = fz_now_ms() + (uint64_t)r->cfg.time_s * 1000;
	kmsg_open(r);
	spawn_all(r);
	watch_run(r, &mw);
	stop_all(r);
	write_report(r);
	/* A kernel wedged by the run must not keep us from ending. */
	alarm(60);
	fz_dirs_cleanup(&r->cfg);
	restore(&mw, &before);
	return r->failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct run r = { .kmsg = -1 };
	struct opts o = { .replay_k = -1 };
	char self[PATH_MAX];
	ssize_t n;

	if (argc == 3 && !strcmp(argv[1], "--exec-child"))
		return fz_exec_child(argv[2]);
	defaults(&r.cfg);
	if (parse_args(argc, argv, &r.cfg, &o) < 0 || apply_selection(&r.cfg, &o) < 0) {
		usage(stderr);
		return 2;
	}
	if (o.gen_only > 0)
		return gen_only(&r.cfg, o.gen_only);
	if (!in_guest() && !o.force_host) {
		fprintf(stderr, "audit-fuzz: not in the UML test guest (no rootfstype=hostfs); "
			"--force-host to run anyway\n");
		return 2;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	memcpy(r.cfg.self_exe, self, sizeof(self));
	if (o.replay)
		return fz_replay(o.replay, &r.cfg, o.replay_k);
	r.slots = mmap(NULL, sizeof(*r.slots) * MAX_WORKERS, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (r.slots == MAP_FAILED) {
		fprintf(stderr, "audit-fuzz: mmap: %s\n", strerror(errno));
		return 1;
	}
	return run_fuzz(&r);
}
