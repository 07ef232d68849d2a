/* SPDX-License-Identifier: GPL-2.0 */
/*
 * auditd: the parts of the daemon, each testable on its own.
 *   conf.c     auditd.conf into struct auditd_conf
 *   record.c   a kernel record (or one of ours) into a log line
 *   logfile.c  the log: batched writes, flush policy, rotation,
 *              suspension; reports what happens to it
 *   action.c   the disk policy: which action a reported condition or
 *              the free space selects, and taking it; spawn()
 *   plugin.c   the files of plugin_dir into struct plugin_conf
 *   dispatch.c the plugins run: their queues, restarts, overflow
 *   afunix.c   the builtin af_unix plugin: a socket for local readers
 *   listen.c   the collector: remote daemons' records over TCP
 *   main.c     command line, netlink, signals, the loop
 */
#ifndef AUDITD_H
#define AUDITD_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <poll.h>
#include <sys/types.h>

#include "audit-lib.h"

/* Record types only userspace writes (the kernel header lacks them). */
#define AUDIT_DAEMON_ROTATE	1205
#define AUDIT_DAEMON_RESUME	1206
#define AUDIT_DAEMON_ACCEPT	1207
#define AUDIT_DAEMON_CLOSE	1208

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

/* overflow_action: what a full plugin queue does (auditd.conf(5)). */
enum overflow_action {
	OV_IGNORE,
	OV_SYSLOG,
	OV_SUSPEND,
	OV_SINGLE,
	OV_HALT,
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
	/* the dispatcher */
	unsigned q_depth;		/* records queued per plugin, at most */
	enum overflow_action overflow_action;
	unsigned max_restarts;
	char plugin_dir[PATH_MAX];
	unsigned report_interval;	/* seconds between state reports, 0: none */
	/* the network (listen.c) */
	bool local_events;		/* read the kernel's records */
	unsigned tcp_listen_port;	/* 0: no collector */
	unsigned tcp_listen_queue;
	unsigned tcp_max_per_addr;
	unsigned tcp_client_min_port, tcp_client_max_port;
	unsigned tcp_client_max_idle;	/* seconds, 0: none */
	bool distribute_network;	/* remote events to the plugins too */
};

void conf_defaults(struct auditd_conf *c);
/* Reads PATH into C (starting from the defaults); -1 with ERR naming
 * the file and line of the first problem. */
int conf_load(const char *path, struct auditd_conf *c, struct al_err *err);
int conf_load_text(const char *name, char *text, struct auditd_conf *c,
		   struct al_err *err);
const char *flush_name(enum flush_mode f);
const char *action_name(enum disk_action a);
const char *overflow_name(enum overflow_action a);

/* ---- plugins (plugin.c) ---- */
#define PLUGIN_MAX_ARGS	16

enum plugin_format {
	PLUGIN_STRING,		/* the log's lines */
	PLUGIN_BINARY,		/* struct audit_dispatcher_header, then data */
};

struct plugin_conf {
	char name[NAME_MAX + 1];	/* its file's name, less ".conf" */
	bool active;
	bool builtin;			/* type = builtin */
	char path[PATH_MAX];		/* the program, or builtin_af_unix */
	char args[1024];		/* as written: words, quotes group */
	enum plugin_format format;
};

/* One plugin file (TEXT is modified); -1 with ERR naming NAME and the
 * line of the first problem. */
int plugin_conf_load_text(const char *name, char *text, struct plugin_conf *p,
			  struct al_err *err);
int plugin_conf_load(const char *path, struct plugin_conf *p,
		     struct al_err *err);
/* Every NAME.conf of DIR that root owns and only root may write, sorted
 * by name, into *OUT (malloc'd, *N of them; none if DIR does not exist).
 * A file that is skipped, or does not parse, is told to BAD and left
 * out.  -1 with ERR if DIR cannot be read. */
int plugin_dir_load(const char *dir, struct plugin_conf **out, size_t *n,
		    void (*bad)(void *ctx, const char *msg), void *ctx,
		    struct al_err *err);

/* ---- the dispatcher (dispatch.c) ---- */
struct disp_node;
struct afunix;

struct disp_plugin {
	struct plugin_conf conf;
	pid_t pid;			/* running, or 0 */
	int fd;				/* its pipe's write end, or -1 */
	int rfd;			/* the read end, kept for restarts */
	unsigned restarts;		/* since the start or the last SIGHUP */
	bool given_up;			/* not run (again): records not queued */
	bool overflowing;		/* its queue filled; said so */
	struct afunix *ux;		/* builtin_af_unix: its socket */
	struct disp_node *head, *tail;	/* the records it has yet to read */
	unsigned count;
	size_t off;			/* of the head record, written already */
	unsigned long long sent, dropped;
};

#define DISP_MAX_RETIRED 64

struct dispatcher {
	const struct auditd_conf *conf;
	struct disp_plugin *p;		/* the active plugins */
	size_t n;
	unsigned bad_files;		/* in plugin_dir, at the last reading */
	bool suspended;			/* overflow_action suspend took effect */
	bool acted;			/* overflow_action single or halt started */
	bool stopping;
	unsigned long long dropped_suspended;
	pid_t retired[DISP_MAX_RETIRED];	/* stopped, not reaped yet */
	size_t nretired;
	/* The daemon's hooks; CTX is passed back to say. */
	void *ctx;
	void (*say)(void *ctx, int prio, const char *msg);
	pid_t (*spawn)(const char *path, const char *const argv[], bool quiet);
};

/* Reads C's plugin_dir and starts the active plugins; a bad file is
 * reported (bad_files counts them) and left out.  -1 with ERR if the
 * directory cannot be read. */
int dispatch_start(struct dispatcher *dp, const struct auditd_conf *c,
		   struct al_err *err);
/* Is some plugin running, or to be restarted? */
bool dispatch_active(const struct dispatcher *dp);
/* Queues one record for every plugin: TEXT is the kernel's (LEN bytes),
 * LINE the log's line for it (with its newline). */
void dispatch_record(struct dispatcher *dp, int type, const char *text,
		     size_t text_len, const char *line, size_t line_len);
/* Writes to the plugins what their pipes take now, without blocking. */
void dispatch_write(struct dispatcher *dp);
/* The pipes with records waiting, to poll for POLLOUT; how many. */
size_t dispatch_pollfds(const struct dispatcher *dp, struct pollfd *pfd,
			size_t max);
/* SIGCHLD: PID was a plugin (restarted, or given up on)?  */
bool dispatch_child_exited(struct dispatcher *dp, pid_t pid, int status);
/* SIGHUP, with C the new configuration (valid until the next call). */
int dispatch_reconfigure(struct dispatcher *dp, const struct auditd_conf *c,
			 struct al_err *err);
/* The plugins and their counts, for the state report. */
void dispatch_state(const struct dispatcher *dp, FILE *f);
/* The end: queues written out (two seconds at most), plugins stopped. */
void dispatch_stop(struct dispatcher *dp);
/* A message about plugin P, for dispatch.c's parts. */
void dsay_plugin(struct dispatcher *dp, int prio, const struct disp_plugin *p,
		 const char *msg);

/* ---- the af_unix plugin (afunix.c) ---- */
/* Opens P's socket (args: MODE PATH); -1 with ERR. */
int afunix_start(struct disp_plugin *p, struct al_err *err);
/* One record, LEN bytes in P's format, to every reader. */
void afunix_send(struct dispatcher *dp, struct disp_plugin *p,
		 const char *data, size_t len);
/* New readers accepted; what slow ones could not take, written. */
void afunix_service(struct dispatcher *dp, struct disp_plugin *p);
size_t afunix_pollfds(const struct disp_plugin *p, struct pollfd *pfd,
		      size_t max);
size_t afunix_readers(const struct disp_plugin *p);
/* Readers disconnected, the socket closed and removed. */
void afunix_stop(struct disp_plugin *p);

/* ---- the collector (listen.c) ---- */
#define LISTEN_MAX_CLIENTS	64
#define LISTEN_MAX_RECORD	8970	/* MAX_AUDIT_MESSAGE_LENGTH */

/* The answers to a record, as the standard protocol numbers them. */
#define LISTEN_ACK		0x40000000U
#define LISTEN_DISKLOW		0x50000001U
#define LISTEN_DISKFULL		0x60000001U
#define LISTEN_DISKERROR	0x60000002U

struct listen_client;

struct listener {
	const struct auditd_conf *conf;
	int fd;				/* listening, or -1 */
	struct listen_client *c[LISTEN_MAX_CLIENTS];
	size_t n;
	time_t last_idle;
	/* The daemon's hooks; CTX is passed back to each. */
	void *ctx;
	void (*say)(void *ctx, int prio, const char *msg);
	/* A record of our own (DAEMON_ACCEPT, DAEMON_CLOSE): TEXT after
	 * the stamp. */
	void (*record)(void *ctx, int type, const char *text);
	/* A remote record's line, LEN bytes without its newline. */
	void (*event)(void *ctx, const char *line, size_t len);
	/* The answer the records get now: LISTEN_ACK, or a DISK* one with
	 * *WHY saying why. */
	uint32_t (*reply)(void *ctx, const char **why);
};

/* Listens on C's tcp_listen_port (none if 0); -1 with ERR. */
int listen_start(struct listener *l, const struct auditd_conf *c,
		 struct al_err *err);
/* The listening socket and the clients, to poll for input. */
size_t listen_pollfds(const struct listener *l, struct pollfd *pfd, size_t max);
/* Accepts and reads what the polled fds have; records go to ->event. */
void listen_ready(struct listener *l, const struct pollfd *pfd, size_t n);
/* Answers what was received, once it is in the log. */
void listen_answer(struct listener *l);
/* Closes the clients idle past tcp_client_max_idle. */
void listen_tick(struct listener *l, time_t now);
size_t listen_clients(const struct listener *l);
/* The end: answers owed, ENDING to every client, all closed. */
void listen_stop(struct listener *l);

/* ---- records ---- */
/* Formats one record: "[node=N ]type=T msg=TEXT[\035ENRICHMENT]\n".
 * TEXT is the kernel's, LEN bytes, not NUL-terminated.  Returns the line
 * length (truncated to OUTLEN - 1). */
size_t record_format(int type, const char *text, size_t len,
		     enum log_format fmt, const char *node,
		     struct al_name_cache *nc, char *out, size_t outlen);

/* ---- the log (logfile.c) ---- */

/* What the log reports to the disk policy (action.c). */
enum log_event {
	LOG_WROTE,	/* a write succeeded: a row of errors ends */
	LOG_FLUSHED,	/* a batch went out: free space may be lower */
	LOG_ROTATED,	/* the log was rotated: it is small again */
	LOG_SIZE,	/* the log is at max_log_file or past it */
	LOG_FULL,	/* a write or a rename of rotation found the disk full */
	LOG_ERROR,	/* any other failure to write, rename or reopen it */
};

struct logfile {
	const struct auditd_conf *conf;
	int fd;
	off_t size;
	char *buf;
	size_t len, cap;
	unsigned unsynced;	/* records since the last explicit flush */
	bool suspended;		/* log_suspend in effect: records are dropped */
	/* This file's size action was taken and left it open (ignore,
	 * syslog, ...): the limit is checked at each batch, not each record. */
	bool over_limit;
	unsigned long long dropped;
	/* The daemon's hooks; CTX is passed back to each. */
	void *ctx;
	/* A message for syslog (or stderr in the foreground). */
	void (*say)(void *ctx, int prio, const char *msg);
	/* EV happened; WHY (NULL for WROTE, FLUSHED, ROTATED) says what. */
	void (*report)(void *ctx, struct logfile *lf, enum log_event ev,
		       const char *why);
	/* Just before a rotation: the last words for the old log. */
	void (*before_rotate)(void *ctx, struct logfile *lf);
};

int log_open(struct logfile *lf, const struct auditd_conf *c,
	     struct al_err *err);
void log_close(struct logfile *lf);
/* Adds one line; writes the batch out when the buffer is full.  Takes
 * no action: LINE may be the caller's buffer that an action's own
 * records (DAEMON_ROTATE) are formatted in. */
void log_add(struct logfile *lf, const char *line, size_t len);
/* Between records, once the caller is done with the last one: a log
 * that reached max_log_file, counting what is buffered, is written out
 * and the size action taken now, so that a burst overshoots the limit by
 * at most one record and a record is never split between two logs. */
void log_limit(struct logfile *lf);
/* Writes the batch out, syncs as the flush mode asks and reports the
 * size limit.  FORCE_SYNC syncs whatever the mode (at exit). */
void log_flush(struct logfile *lf, bool force_sync);
/* Rotates now (SIGUSR1, or an action).  A failure is reported here
 * (LOG_FULL or LOG_ERROR; with no log to reopen, logging is
 * suspended); -1 then, with ERR (may be NULL) set. */
int log_rotate(struct logfile *lf, bool keep_all, struct al_err *err);
/* Stops writing: records are dropped, and counted, until log_resume.
 * CLOSE_LOG writes out what is buffered and closes the file first (an
 * exec action's program may move it). */
void log_suspend(struct logfile *lf, bool close_log);
/* Ends a suspension, reopening the log if it was closed; on failure
 * logging stays suspended, LOG_ERROR is reported and -1 returned. */
int log_resume(struct logfile *lf);
/* SIGHUP: C from now on; it must stay valid until the next call or
 * log_close.  What is buffered is written and synced under the old
 * configuration; the log is reopened if its file, group or write_logs
 * changed.  -1 with ERR if that failed: records are dropped until a
 * rotation, SIGUSR2 or SIGHUP opens a log. */
int log_reconfigure(struct logfile *lf, const struct auditd_conf *c,
		    struct al_err *err);
/* Free and total space, in MiB, where the log lives, open or not; -1
 * with write_logs = no or when it cannot be known. */
int log_space(const struct logfile *lf, unsigned long long *free_mib,
	      unsigned long long *total_mib);

/* ---- the disk policy (action.c) ---- */

/* Starts PATH with ARGV (ARGV[0] first, NULL last) and an empty signal
 * mask, without waiting: SIGCHLD reaps it.  QUIET: its stdout on
 * /dev/null.  The child's pid, or -errno if it could not be forked (a
 * program that cannot be executed exits 127). */
pid_t spawn(const char *path, const char *const argv[], bool quiet);

struct actions {
	const struct auditd_conf *conf;
	/* Taken already: re-armed when the limit is no longer crossed
	 * (full: 1 MiB free), by a rotation (size), on SIGUSR2 (full and
	 * errors) or on SIGHUP (all). */
	bool size_acted, space_acted, admin_acted, full_acted;
	unsigned errors_said;	/* disk errors in a row acted on */
	/* The daemon's hooks; CTX is passed back to say. */
	void *ctx;
	void (*say)(void *ctx, int prio, const char *msg);
	/* spawn(), or the unit tests' stand-in; NULL runs nothing. */
	pid_t (*spawn)(const char *path, const char *const argv[], bool quiet);
};

/* C from now on (start, SIGHUP): every limit re-armed. */
void action_set_conf(struct actions *ac, const struct auditd_conf *c);
/* The log's report hook: the marks kept, the space checked after a
 * batch, and the action selected for LOG_SIZE, LOG_FULL, LOG_ERROR
 * taken on LF. */
void action_report(struct actions *ac, struct logfile *lf,
		   enum log_event ev, const char *why);
/* The action LOG_SIZE, LOG_FULL or LOG_ERROR selects now, the marks
 * updated; NULL when it is not due (taken already) or EV is another. */
const struct action_conf *action_select(struct actions *ac,
					enum log_event ev);

struct space_due {
	const char *limit;		/* "space_left", "admin_space_left" */
	const struct action_conf *action;
};

/* The free-space limits at FREE_MIB of TOTAL_MIB: the actions due now,
 * into DUE in the order they are taken (space_left's, then
 * admin_space_left's); returns how many.  Each is due once per
 * crossing, rotate also at each PERIODIC check while the space is low;
 * a limit is re-armed once the space is back above it. */
size_t action_space_due(struct actions *ac, unsigned long long free_mib,
			unsigned long long total_mib, bool periodic,
			struct space_due due[2]);
/* About once a second: free space against the limits, acted on. */
void action_check_space(struct actions *ac, struct logfile *lf);
/* SIGUSR2: disk_full and disk_error actions re-armed, then the log
 * resumed (log_resume, whose result this is). */
int action_resume(struct actions *ac, struct logfile *lf);
/* The program action A runs, as an argv into ARGV: exec's, or
 * /sbin/init 1 (single) or 0 (halt); false for the others. */
bool action_argv(const struct action_conf *a, const char *argv[3]);

#endif
