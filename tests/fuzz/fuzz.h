/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audit-fuzz: what its parts share.  The configuration, the PRNG, the
 * operations the report counts (netlink message classes first, then the
 * operations of the other roles), the shared counters, the per-worker
 * state and its ring of last operations, and each file's entry points.
 *
 * Files:  main.c    command line, workers, the end of a run
 *         worker.c  a worker's life: signals, stop, ring, .last, replay
 *         gen.c     the netlink messages (a pure function of seed and index)
 *         nl.c      sockets, sending, answers, the safety filter, status
 *         roles.c   senders, daemon, multicast readers, toggle, keeper
 *         fsload.c  the fuzz directories, syscall load, churn, exec storm
 *         report.c  operation names and the final report
 */
#ifndef AUDIT_FUZZ_H
#define AUDIT_FUZZ_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/audit.h>
#include <linux/netlink.h>

/* ---- the PRNG: splitmix64, small and good enough ---- */
struct fz_rng {
	uint64_t s;
};

static inline uint64_t fz_mix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint64_t fz_next(struct fz_rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return fz_mix(r->s);
}

/* Uniform in [0, n); 0 when n is 0. */
static inline uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return (uint32_t)(((fz_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* In [lo, hi]. */
static inline uint32_t fz_range(struct fz_rng *r, uint32_t lo, uint32_t hi)
{
	return lo + fz_below(r, hi - lo + 1);
}

static inline bool fz_chance(struct fz_rng *r, unsigned pct)
{
	return fz_below(r, 100) < pct;
}

#define FZ_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define FZ_PICK(r, a) ((a)[fz_below((r), FZ_ARRAY_SIZE(a))])

/* A worker's seed, from the run's seed and the worker's index. */
static inline uint64_t fz_worker_seed(uint64_t master, int index)
{
	return fz_mix(master ^ fz_mix(0x5eed0000ULL + (uint64_t)index));
}

/* The generator of a sender's message number K: no other input. */
static inline struct fz_rng fz_msg_rng(uint64_t wseed, uint64_t k)
{
	struct fz_rng r = { fz_mix(wseed + k * 0xd1b54a32d192ed03ULL) };

	return r;
}

/* ---- roles and operations ---- */
enum fz_role {
	R_SENDER, R_DAEMON, R_MCAST, R_LOAD, R_CHURN, R_TOGGLE, R_STORM,
	R_KEEPER, FZ_NROLES
};

enum fz_op {
	/* netlink message classes, what the senders choose from */
	OP_GET, OP_SET, OP_LIST, OP_RULE, OP_WATCH, OP_LSM, OP_DEL, OP_USER,
	OP_USER_BIG, OP_FEATURE, OP_TTY, OP_SIGINFO, OP_TRIM, OP_UNKNOWN,
	OP_MULTI, OP_LYING, OP_TRUNC, OP_GARBAGE, OP_MUTATE,
	FZ_NCLASSES,
	/* what the other roles do */
	OP_DAEMON_REGISTER = FZ_NCLASSES, OP_DAEMON_UNREGISTER,
	OP_DAEMON_READ, OP_DAEMON_KILL,
	OP_MCAST_BIND, OP_MCAST_JOIN, OP_MCAST_READ, OP_MCAST_DROP,
	OP_MCAST_CLOSE,
	OP_LOAD_RULE, OP_LOAD_OPEN, OP_LOAD_CREAT, OP_LOAD_RENAME,
	OP_LOAD_UNLINK, OP_LOAD_MKDIR, OP_LOAD_RMDIR, OP_LOAD_CHMOD,
	OP_LOAD_LINK, OP_LOAD_CONNECT, OP_LOAD_FIFO, OP_LOAD_CHDIR,
	OP_CHURN_RENAME, OP_CHURN_REMOVE, OP_CHURN_CREATE, OP_CHURN_MOUNT,
	OP_CHURN_UMOUNT, OP_CHURN_DETACH, OP_CHURN_BIND,
	OP_TOGGLE_SET,
	OP_STORM_FORK, OP_STORM_CHILD,
	OP_KEEPER_RESTORE, OP_KEEPER_DELETE,
	FZ_NOPS
};

struct fz_opinfo {
	const char *name;
	enum fz_role role;
};
extern const struct fz_opinfo fz_ops[FZ_NOPS];
extern const char *const fz_role_names[FZ_NROLES];
/* Per-role extra counters, by name (NULL-terminated lists). */
extern const char *const *const fz_extra_names[FZ_NROLES];

/* Extra counters: their indexes per role. */
enum { X_SND_MESSAGES, X_SND_REOPEN, X_SND_ENOBUFS, X_SND_RECORDS };
enum { X_DMN_STARTED, X_DMN_RECORDS, X_DMN_ENOBUFS, X_DMN_STALLS,
       X_DMN_CLEAN_EXIT };
enum { X_MC_RECORDS, X_MC_ENOBUFS };
enum { X_KEEP_RULES_DELETED, X_KEEP_LOST, X_KEEP_BACKLOG_MAX };
enum { X_STORM_EXECS, X_STORM_SELF };
#define FZ_NEXTRA 8

/*
 * Answers, as counted: 0 ok (ack 0, a reply, or a positive ack value),
 * 1..FZ_ERRMAX an errno (from the ack, or from the syscall for the other
 * roles), FZ_ANS_NONE nothing came back, and FZ_ANS_SEND(e) the send
 * itself failed with errno e.
 */
#define FZ_ERRMAX	134
#define FZ_ANS_OK	0
#define FZ_ANS_NONE	(FZ_ERRMAX + 1)
#define FZ_ANS_SEND0	(FZ_ERRMAX + 2)
#define FZ_NANS		(FZ_ANS_SEND0 + FZ_ERRMAX)

static inline int fz_ans_err(int e)
{
	if (e <= 0)
		return FZ_ANS_OK;
	return e > FZ_ERRMAX ? FZ_ERRMAX : e;
}

static inline int fz_ans_send(int e)
{
	return FZ_ANS_SEND0 + fz_ans_err(e) - 1;
}

/* One worker's counters, in memory shared with the main process. */
struct fz_slot {
	uint64_t n[FZ_NOPS][FZ_NANS];
	uint64_t slow[FZ_NOPS];		/* answered after more than a second */
	uint64_t max_ms[FZ_NOPS];	/* slowest answer */
	uint64_t extra[FZ_NEXTRA];
	int role;
	pid_t pid;
};

/* ---- configuration ---- */
struct fz_cfg {
	uint64_t seed;
	unsigned time_s;
	int senders;
	const char *dir;		/* the fuzz directory */
	const char *logdir;		/* where worker-N.last go; NULL: none */
	bool classes[FZ_NCLASSES];	/* what senders may send */
	bool skipped[FZ_NCLASSES];	/* named by --skip */
	bool roles[FZ_NROLES];		/* which roles run */
	uint64_t deadline_ms;		/* CLOCK_MONOTONIC */
	char self_exe[PATH_MAX];
	uint32_t max_wait;		/* largest backlog_wait_time sent */
	uint32_t sane_backlog;		/* backlog_limit the keeper restores */
	uint32_t sane_wait;		/* backlog_wait_time it restores */
	char classlist[1024];		/* the enabled classes, for .last */
};

uint64_t fz_now_ms(void);

/* ---- a datagram under construction ---- */
/* The largest single message (a user message filling 64 KiB, or a rule
 * with its 16 KiB of strings), and the largest datagram. */
#define FZ_ONE_MAX	(70 * 1024)
#define FZ_MSG_MAX	(200 * 1024)

struct fz_msg {
	unsigned char *b;
	size_t len;
	size_t cap;
	uint32_t seq;		/* of the next message put */
	int count;		/* messages put */
};

/* ---- the ring of the last operations of a worker ---- */
#define FZ_INFLIGHT_LEN	128	/* the in-flight line of worker-N.last */
#define FZ_RING		32
#define FZ_RING_HEAD	192
#define FZ_RING_TAIL	32

struct fz_ring_entry {
	uint64_t k;
	int op;
	int answer;
	int acks[4];
	int nacks;
	size_t len;
	unsigned char head[FZ_RING_HEAD];
	unsigned char tail[FZ_RING_TAIL];
	char what[96];
	uint64_t ms;		/* how long the answer took */
	uint64_t at_ms;		/* when it was sent (CLOCK_MONOTONIC) */
};

struct fz_ring {
	struct fz_ring_entry e[FZ_RING];
	uint64_t count;		/* entries ever recorded */
};

/* A worker: everything a role needs, passed around. */
struct fz_worker {
	const struct fz_cfg *cfg;
	int index;
	enum fz_role role;
	uint64_t seed;
	struct fz_rng rng;	/* the role's own sequence */
	struct fz_slot *slot;
	struct fz_ring ring;
	int logfd;		/* worker-N.last, or -1 */
	uint64_t since_dump;	/* entries since the ring was last written */
	uint64_t dumped_ms;	/* when */
	uint64_t req_ms;	/* how long the last fz_request took */
	char inflight[FZ_INFLIGHT_LEN + 1];	/* the in-flight line, as written */
	unsigned snaps;		/* snapshots written (SIGUSR1) */
	unsigned char *rbuf;	/* receive buffer */
	size_t rbuf_len;
};

/* ---- worker.c ---- */
void fz_worker_init(struct fz_worker *w, const struct fz_cfg *cfg, int index,
		    enum fz_role role, struct fz_slot *slot);
void fz_worker_child_reset(struct fz_worker *w);	/* in a forked helper */
bool fz_stopping(const struct fz_worker *w);
int fz_stop_signal(void);	/* the signal that asked us to stop, or 0 */
void fz_sleep_ms(const struct fz_worker *w, unsigned ms);
/* Before sending message K: the in-flight line of the .last file. */
void fz_ring_begin(struct fz_worker *w, uint64_t k, int op,
		   const struct fz_msg *m, const char *what);
/* Its answer: counted, kept in the ring, dumped now and then. */
struct fz_answer;
void fz_ring_end(struct fz_worker *w, const struct fz_answer *a);
/* What a role is about to do, in the in-flight line. */
void fz_inflight(struct fz_worker *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An operation of a role other than sending, once done: counted and
 * kept.  ERR: 0, a positive errno, or negative for "none". */
void fz_note(struct fz_worker *w, int op, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same for the last fz_request (RC: its value), with its duration. */
void fz_note_req(struct fz_worker *w, int op, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void fz_ring_dump(struct fz_worker *w);
void fz_worker_exit(struct fz_worker *w, int status) __attribute__((noreturn));
/* Sends again the messages a sender's .last file names (or only K). */
int fz_replay(const char *file, const struct fz_cfg *base, long long only_k);

/* ---- gen.c ---- */
struct fz_gen {
	const struct fz_cfg *cfg;
	uint64_t wseed;
	pid_t self;
};

void fz_msg_init(struct fz_msg *m, size_t cap);
void fz_msg_free(struct fz_msg *m);
/* Message number K of the sender whose seed is G->wseed; *OP its class. */
void fz_generate(const struct fz_gen *g, uint64_t k, struct fz_msg *m,
		 enum fz_op *op);
/* Appends one message; returns its payload, zeroed. */
void *fz_put(struct fz_msg *m, uint16_t type, uint16_t flags, size_t plen);
/* Rules, for the load role: a rule with one string field (and perm). */
size_t fz_rule_path(struct fz_msg *m, uint16_t type, uint32_t list,
		    uint32_t field, const char *path, uint32_t perm,
		    const char *key);

/* ---- nl.c ---- */
struct fz_answer {
	int code;		/* FZ_ANS_* */
	int acks[4];		/* the first ack values */
	int nacks;
	int replies;
	int records;		/* records seen (a registered socket) */
	int enobufs;
	uint64_t ms;
};

int fz_nl_open(struct fz_rng *r);
/* Makes the datagram safe to send: never lock audit, never panic. */
void fz_sanitize(const struct fz_cfg *cfg, struct fz_msg *m);
/* Sends M and collects what the kernel answered. */
void fz_exchange(struct fz_worker *w, int fd, struct fz_msg *m,
		 struct fz_answer *a);
/* One request with an ack; returns 0 or -errno. */
int fz_request(struct fz_worker *w, int fd, uint16_t type, const void *data,
	       size_t len);
int fz_get_status(struct fz_worker *w, int fd, struct audit_status *s);
int fz_set_sane(struct fz_worker *w, int fd);
/* Deletes every rule (at most MAX), or only those that silence much of
 * the log (any on the exclude list, "never" on the user, task or exit
 * list), for at most
 * BUDGET_MS (0: no limit); returns how many went. */
int fz_delete_rules(struct fz_worker *w, int fd, int max, bool only_silencers,
		    unsigned budget_ms);

/* ---- roles.c, fsload.c ---- */
void fz_role_sender(struct fz_worker *w);
void fz_role_daemon(struct fz_worker *w);
void fz_role_mcast(struct fz_worker *w);
void fz_role_toggle(struct fz_worker *w);
void fz_role_keeper(struct fz_worker *w);
void fz_role_load(struct fz_worker *w);
void fz_role_churn(struct fz_worker *w);
void fz_role_storm(struct fz_worker *w);
int fz_dirs_setup(const struct fz_cfg *cfg);
void fz_dirs_cleanup(const struct fz_cfg *cfg);
int fz_exec_child(const char *dir);
#define FZ_NDIRS 4

/* ---- report.c ---- */
void fz_report(FILE *out, const struct fz_cfg *cfg, const struct fz_slot *slots,
	       int nslots, int reaped, int by_signal);
int fz_op_by_name(const char *name);
int fz_role_by_name(const char *name);
const char *fz_ans_name(int ans, char *buf, size_t len);

#endif
