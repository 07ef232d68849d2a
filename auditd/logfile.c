// SPDX-License-Identifier: GPL-2.0
/*
 * The log file.  Lines are gathered in a buffer and written in one go at
 * the end of each batch of records; explicit syncs happen only as the
 * flush mode asks.  The size limit and the free space are checked
 * after each write, free space also when the daemon asks (about once a
 * second).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "auditd.h"

#define LOG_BUF_SIZE	(256 * 1024)
#define MIB		(1024ULL * 1024ULL)
#define MAX_KEEP_LOGS	100000

static void say(struct logfile *lf, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct logfile *lf, int prio, const char *fmt, ...)
{
	char msg[PATH_MAX + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lf->say)
		lf->say(lf->ctx, prio, msg);
}

int log_open(struct logfile *lf, const struct auditd_conf *c,
	     struct al_err *err)
{
	struct stat st;
	mode_t mode = c->log_gid ? 0640 : 0600;

	lf->conf = c;
	lf->fd = -1;
	lf->size = 0;
	if (!lf->buf) {
		lf->buf = malloc(LOG_BUF_SIZE);
		if (!lf->buf)
			return al_fail(err, "out of memory for the log buffer");
		lf->cap = LOG_BUF_SIZE;
		lf->len = 0;
	}
	if (!c->write_logs)
		return 0;
	lf->fd = open(c->log_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		      O_NOFOLLOW, mode);
	if (lf->fd < 0)
		return al_fail(err, "cannot open log file %s: %s", c->log_file,
			       strerror(errno));
	if (fstat(lf->fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(lf->fd);
		lf->fd = -1;
		return al_fail(err, "log file %s is not a regular file",
			       c->log_file);
	}
	if (st.st_gid != c->log_gid && fchown(lf->fd, (uid_t)-1, c->log_gid) < 0)
		say(lf, LOG_WARNING, "cannot give %s to group %s: %s",
		    c->log_file, c->log_group, strerror(errno));
	if ((st.st_mode & 07777) != mode)
		(void)fchmod(lf->fd, mode);
	lf->size = st.st_size;
	return 0;
}

/* Closes the log without writing the buffer (the caller has). */
static void close_fd(struct logfile *lf)
{
	if (lf->fd < 0)
		return;
	(void)fsync(lf->fd);
	close(lf->fd);
	lf->fd = -1;
}

static void write_out(struct logfile *lf);
static void check_space(struct logfile *lf, bool repeat);

static void act(struct logfile *lf, const struct action_conf *a,
		const char *why)
{
	switch (a->action) {
	case DA_IGNORE:
		break;
	case DA_SYSLOG:
		say(lf, LOG_ALERT, "%s", why);
		break;
	case DA_EMAIL:
		say(lf, LOG_ALERT, "%s (no mail is sent: not supported)", why);
		break;
	case DA_ROTATE:
	case DA_KEEP_LOGS:
		say(lf, LOG_NOTICE, "%s: rotating the logs", why);
		(void)log_rotate(lf, a->action == DA_KEEP_LOGS, NULL);
		break;
	case DA_EXEC:
		/* as auditd(8): the log is closed (the script may move it)
		 * and logging suspended until SIGUSR2 */
		say(lf, LOG_ALERT, "%s: logging suspended, running %s", why,
		    a->exe);
		if (lf->len)
			write_out(lf);
		close_fd(lf);
		lf->suspended = true;
		if (lf->run)
			lf->run(lf->ctx, a->exe, NULL);
		break;
	case DA_SUSPEND:
		say(lf, LOG_ALERT, "%s: logging suspended", why);
		lf->suspended = true;
		break;
	case DA_SINGLE:
		say(lf, LOG_ALERT, "%s: going to single user mode", why);
		if (lf->run)
			lf->run(lf->ctx, "/sbin/init", "1");
		break;
	case DA_HALT:
		say(lf, LOG_ALERT, "%s: halting the system", why);
		if (lf->run)
			lf->run(lf->ctx, "/sbin/init", "0");
		break;
	}
}

/* disk_error_action: syslog at most 5 times in a row, the others once,
 * until a write succeeds or logging resumes. */
static void disk_error(struct logfile *lf, const char *why)
{
	const struct action_conf *a = &lf->conf->disk_error_action;
	unsigned limit = a->action == DA_SYSLOG ? 5 : 1;

	if (lf->errors_said >= limit)
		return;
	lf->errors_said++;
	act(lf, a, why);
}

/* disk_full_action, once until space comes back or logging resumes;
 * even ignore says so (auditd.conf(5)). */
static void disk_full(struct logfile *lf, const char *why)
{
	const struct action_conf *a = &lf->conf->disk_full_action;

	if (lf->full_acted)
		return;
	lf->full_acted = true;
	if (a->action == DA_IGNORE)
		say(lf, LOG_ALERT, "%s", why);
	else
		act(lf, a, why);
}

/* After a failed write: cuts what was written back to the last whole
 * line, so that the log never ends in half a record, and counts the
 * lines lost. */
static void drop_partial(struct logfile *lf, size_t done)
{
	size_t keep = done;

	while (keep > 0 && lf->buf[keep - 1] != '\n')
		keep--;
	if (keep < done && ftruncate(lf->fd, lf->size - (off_t)(done - keep)) == 0)
		lf->size -= (off_t)(done - keep);
	for (size_t i = keep; i < lf->len; i++)
		if (lf->buf[i] == '\n')
			lf->dropped++;
}

/* Writes the buffer; on failure the rest of the batch is lost, counted
 * and acted on. */
static void write_out(struct logfile *lf)
{
	size_t done = 0;
	int e = 0;

	while (lf->fd >= 0 && done < lf->len) {
		ssize_t n = write(lf->fd, lf->buf + done, lf->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			break;
		}
		done += (size_t)n;
		lf->size += n;
	}
	if (e) {
		char why[PATH_MAX + 64];

		drop_partial(lf, done);
		lf->len = 0;
		snprintf(why, sizeof(why), "error writing %s: %s",
			 lf->conf->log_file, strerror(e));
		if (e == ENOSPC)
			disk_full(lf, why);
		else
			disk_error(lf, why);
		return;
	}
	if (done)
		lf->errors_said = 0;
	lf->len = 0;
}

void log_add(struct logfile *lf, const char *line, size_t len)
{
	if (lf->fd < 0 || lf->suspended) {
		lf->dropped++;
		return;
	}
	if (len > lf->cap - lf->len)
		write_out(lf);
	if (len > lf->cap)
		len = lf->cap;
	memcpy(lf->buf + lf->len, line, len);
	lf->len += len;
	lf->unsynced++;
}

static void sync_now(struct logfile *lf, bool data_only)
{
	if (lf->fd < 0)
		return;
	if (data_only)
		(void)fdatasync(lf->fd);
	else
		(void)fsync(lf->fd);
	lf->unsynced = 0;
}

void log_flush(struct logfile *lf, bool force_sync)
{
	const struct auditd_conf *c = lf->conf;

	bool wrote = lf->len > 0;

	if (wrote)
		write_out(lf);
	if (force_sync) {
		sync_now(lf, false);
	} else {
		switch (c->flush) {
		case FLUSH_NONE:
			break;
		case FLUSH_INCREMENTAL:
		case FLUSH_INCREMENTAL_ASYNC:
			if (c->freq && lf->unsynced >= c->freq)
				sync_now(lf, true);
			break;
		case FLUSH_DATA:
			if (lf->unsynced)
				sync_now(lf, true);
			break;
		case FLUSH_SYNC:
			if (lf->unsynced)
				sync_now(lf, false);
			break;
		}
	}
	if (lf->fd >= 0 && c->max_log_file &&
	    (unsigned long long)lf->size >= c->max_log_file * MIB) {
		enum disk_action a = c->max_log_file_action.action;
		bool repeat = a == DA_ROTATE || a == DA_KEEP_LOGS;

		if (a == DA_ROTATE && c->num_logs < 2)
			repeat = false;		/* "< 2: not rotated" */
		if (!lf->size_acted || repeat) {
			char why[PATH_MAX + 64];

			lf->size_acted = true;
			snprintf(why, sizeof(why), "%s reached max_log_file (%u MiB)",
				 c->log_file, c->max_log_file);
			if (a == DA_ROTATE && c->num_logs < 2)
				say(lf, LOG_WARNING, "%s; num_logs < 2, not rotating", why);
			else
				act(lf, &c->max_log_file_action, why);
		}
	}
	if (wrote && lf->fd >= 0)
		check_space(lf, false);
}

static void numbered(char *out, size_t len, const char *base, unsigned n)
{
	if (n == 0)
		snprintf(out, len, "%s", base);
	else
		snprintf(out, len, "%s.%u", base, n);
}

/* A rename of rotation that failed: disk_full or disk_error_action. */
static void rename_failed(struct logfile *lf, const char *from, const char *to)
{
	char why[2 * PATH_MAX + 64];
	int e = errno;

	snprintf(why, sizeof(why), "cannot rename %s to %s: %s", from, to,
		 strerror(e));
	if (e == ENOSPC)
		disk_full(lf, why);
	else
		disk_error(lf, why);
}

int log_rotate(struct logfile *lf, bool keep_all, struct al_err *err)
{
	const struct auditd_conf *c = lf->conf;
	char from[PATH_MAX + 16], to[PATH_MAX + 16];
	struct al_err local;
	unsigned top;

	if (!err)
		err = &local;
	if (!c->write_logs)
		return 0;
	if (lf->before_rotate && lf->fd >= 0 && !lf->suspended)
		lf->before_rotate(lf->ctx, lf);
	if (lf->len)
		write_out(lf);
	close_fd(lf);
	if (keep_all) {
		/* shift every numbered log up one, deleting none */
		for (top = 1; top < MAX_KEEP_LOGS; top++) {
			numbered(from, sizeof(from), c->log_file, top);
			if (access(from, F_OK) < 0)
				break;
		}
	} else {
		top = c->num_logs < 2 ? 1 : c->num_logs - 1;
		numbered(to, sizeof(to), c->log_file, top);
		if (unlink(to) < 0 && errno != ENOENT)
			say(lf, LOG_WARNING, "cannot remove %s: %s", to,
			    strerror(errno));
	}
	for (unsigned i = top; i > 0; i--) {
		numbered(from, sizeof(from), c->log_file, i - 1);
		numbered(to, sizeof(to), c->log_file, i);
		if (rename(from, to) < 0 && errno != ENOENT)
			rename_failed(lf, from, to);
	}
	lf->size_acted = false;
	lf->unsynced = 0;
	if (log_open(lf, c, err) == 0)
		return 0;
	/* no log to write to: suspended until SIGUSR2 finds one */
	lf->suspended = true;
	disk_error(lf, err->msg);
	return -1;
}

int log_resume(struct logfile *lf)
{
	struct al_err err;

	lf->suspended = false;
	lf->full_acted = false;
	lf->errors_said = 0;
	if (lf->fd >= 0 || !lf->conf->write_logs)
		return 0;
	if (log_open(lf, lf->conf, &err) == 0)
		return 0;
	lf->suspended = true;
	disk_error(lf, err.msg);
	return -1;
}

/* Free space where the log lives, open or not (an exec action closes
 * it, and the disk may go on filling meanwhile). */
static int space_of(const struct logfile *lf, struct statvfs *vfs)
{
	char dir[PATH_MAX];

	if (!lf->conf->write_logs)
		return -1;
	if (lf->fd >= 0)
		return fstatvfs(lf->fd, vfs);
	snprintf(dir, sizeof(dir), "%s", lf->conf->log_file);
	return statvfs(dirname(dir), vfs);
}

/* One limit: its action once per crossing (rotate, when REPEAT, each
 * time it is found crossed); re-armed once the space is back. */
static void check_limit(struct logfile *lf, unsigned long long free_mib,
			unsigned long long limit, const char *name, bool *acted,
			const struct action_conf *a, bool repeat)
{
	char why[128];

	if (free_mib >= limit) {
		*acted = false;
		return;
	}
	if (*acted && !(repeat && a->action == DA_ROTATE))
		return;
	*acted = true;
	snprintf(why, sizeof(why), "audit log space is below %s (%llu MiB free)",
		 name, free_mib);
	act(lf, a, why);
}

static unsigned long long limit_mib(unsigned v, bool pct,
				    unsigned long long total_mib)
{
	return pct ? total_mib * v / 100 : v;
}

/* space_left first, then admin_space_left, so that both act, in that
 * order, when one batch crosses both. */
static void check_space(struct logfile *lf, bool repeat)
{
	const struct auditd_conf *c = lf->conf;
	struct statvfs vfs;
	unsigned long long free_mib, total_mib;

	if (space_of(lf, &vfs) < 0)
		return;
	free_mib = (unsigned long long)vfs.f_bavail * vfs.f_frsize / MIB;
	total_mib = (unsigned long long)vfs.f_blocks * vfs.f_frsize / MIB;
	check_limit(lf, free_mib, limit_mib(c->space_left, c->space_left_pct,
					    total_mib),
		    "space_left", &lf->space_acted, &c->space_left_action, repeat);
	check_limit(lf, free_mib, limit_mib(c->admin_space_left,
					    c->admin_space_left_pct, total_mib),
		    "admin_space_left", &lf->admin_acted,
		    &c->admin_space_left_action, repeat);
	if (free_mib >= 1)
		lf->full_acted = false;
}

void log_check_space(struct logfile *lf)
{
	check_space(lf, true);
}

void log_close(struct logfile *lf)
{
	if (lf->fd >= 0) {
		log_flush(lf, true);
		close(lf->fd);
		lf->fd = -1;
	}
	free(lf->buf);
	lf->buf = NULL;
	lf->len = lf->cap = 0;
}
