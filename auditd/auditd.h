/* SPDX-License-Identifier: GPL-2.0 */
/*
 * auditd: the parts of the daemon, each testable on its own.
 *   conf.c     auditd.conf into struct auditd_conf
 *   record.c   a kernel record (or one of ours) into a log line
 *   logfile.c  the log: batched writes, flush policy, size and space
 *              limits, rotation
 *   main.c     command line, netlink, signals, the loop
 */
#ifndef AUDITD_H
#define AUDITD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "audit-lib.h"

/* Record types only userspace writes (the kernel header lacks them). */
#define AUDIT_DAEMON_ROTATE	1205
#define AUDIT_DAEMON_RESUME	1206

enum flush_mode {
	FLUSH_NONE,
	FLUSH_INCREMENTAL,
	FLUSH_INCREMENTAL_ASYNC,
	FLUSH_DATA,
	FLUSH_SYNC,
};

enum log_format {
	FORMAT_RAW,
	FORMAT_ENRICHED,
};

/* What to do when a limit is crossed; which apply depends on the limit. */
enum disk_action {
	DA_IGNORE,
	DA_SYSLOG,
	DA_ROTATE,
	DA_EMAIL,
	DA_EXEC,
	DA_SUSPEND,
	DA_SINGLE,
	DA_HALT,
	DA_KEEP_LOGS,
};

enum name_format {
	NAME_NONE,
	NAME_HOSTNAME,
	NAME_FQD,
	NAME_NUMERIC,
	NAME_USER,
};

struct action_conf {
	enum disk_action action;
	char exe[PATH_MAX];		/* DA_EXEC */
};

struct auditd_conf {
	char log_file[PATH_MAX];
	bool write_logs;
	char log_group[64];
	gid_t log_gid;
	enum log_format log_format;
	enum flush_mode flush;
	unsigned freq;
	unsigned num_logs;
	unsigned max_log_file;		/* MiB, 0 = no limit */
	struct action_conf max_log_file_action;
	unsigned space_left;		/* MiB, or percent */
	bool space_left_pct;
	struct action_conf space_left_action;
	unsigned admin_space_left;
	bool admin_space_left_pct;
	struct action_conf admin_space_left_action;
	struct action_conf disk_full_action;
	struct action_conf disk_error_action;
	enum name_format name_format;
	char name[256];
};

void conf_defaults(struct auditd_conf *c);
/* Reads PATH into C (starting from the defaults); -1 with ERR naming
 * the file and line of the first problem. */
int conf_load(const char *path, struct auditd_conf *c, struct al_err *err);
int conf_load_text(const char *name, char *text, struct auditd_conf *c,
		   struct al_err *err);
const char *flush_name(enum flush_mode f);
const char *action_name(enum disk_action a);

/* ---- records ---- */
#define UID_CACHE 32

/* Names of uids and gids met recently, for the ENRICHED format. */
struct name_cache {
	struct {
		unsigned id;
		bool group, used;
		char name[64];
	} e[UID_CACHE];
	unsigned next;
};

/* Formats one record: "[node=N ]type=T msg=TEXT[\035ENRICHMENT]\n".
 * TEXT is the kernel's, LEN bytes, not NUL-terminated.  Returns the line
 * length (truncated to OUTLEN - 1). */
size_t record_format(int type, const char *text, size_t len,
		     enum log_format fmt, const char *node,
		     struct name_cache *nc, char *out, size_t outlen);

/* ---- the log ---- */
struct logfile {
	const struct auditd_conf *conf;
	int fd;
	off_t size;
	char *buf;
	size_t len, cap;
	unsigned unsynced;	/* records since the last explicit flush */
	bool suspended;		/* SUSPEND or EXEC in effect: records are dropped */
	/* Taken already: re-armed when the limit is no longer crossed
	 * (full: 1 MiB free), on SIGUSR2 (full) or on SIGHUP (all). */
	bool size_acted, space_acted, admin_acted, full_acted;
	unsigned errors_said;	/* disk errors in a row acted on */
	unsigned long long dropped;
	/* The daemon's hooks; CTX is passed back to each. */
	void *ctx;
	/* A message for syslog (or stderr in the foreground). */
	void (*say)(void *ctx, int prio, const char *msg);
	/* Runs PATH with ARG (or none) for EXEC, SINGLE and HALT. */
	void (*run)(void *ctx, const char *path, const char *arg);
	/* Just before a rotation: the last words for the old log. */
	void (*before_rotate)(void *ctx, struct logfile *lf);
};

int log_open(struct logfile *lf, const struct auditd_conf *c,
	     struct al_err *err);
void log_close(struct logfile *lf);
/* Adds one line; writes the batch out when the buffer is full. */
void log_add(struct logfile *lf, const char *line, size_t len);
/* Writes the batch out, syncs as the flush mode asks and applies the
 * size limit.  FORCE_SYNC syncs whatever the mode (at exit). */
void log_flush(struct logfile *lf, bool force_sync);
/* Rotates now (SIGUSR1, or an action).  A failure is reported and
 * acted on here (disk_full or disk_error_action; with no log to reopen,
 * logging is suspended); -1 then, with ERR (may be NULL) set. */
int log_rotate(struct logfile *lf, bool keep_all, struct al_err *err);
/* Checks free space against space_left then admin_space_left and acts
 * (also done after each write; here rotate actions repeat). */
void log_check_space(struct logfile *lf);
/* SIGUSR2: ends a suspension, reopening the log if an action closed
 * it; on failure logging stays suspended, disk_error_action is taken
 * and -1 returned. */
int log_resume(struct logfile *lf);

#endif
