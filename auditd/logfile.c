// SPDX-License-Identifier: GPL-2.0
/*
 * The log file.  Lines are gathered in a buffer and written in one go at
 * the end of each batch of records; explicit syncs happen only as the
 * flush mode asks.  The size limit is checked after each write, free
 * space when the daemon asks (about once a second).
 */
#include <errno.h>
#include <fcntl.h>
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

static void act(struct logfile *lf, const struct action_conf *a,
		const char *why)
{
	struct al_err err;

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
		if (log_rotate(lf, a->action == DA_KEEP_LOGS, &err) < 0)
			say(lf, LOG_ALERT, "%s", err.msg);
		break;
	case DA_EXEC:
		say(lf, LOG_ALERT, "%s: running %s", why, a->exe);
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

/* Writes the buffer; on failure the batch is lost, counted and acted on. */
static void write_out(struct logfile *lf)
{
	size_t done = 0;

	while (lf->fd >= 0 && done < lf->len) {
		ssize_t n = write(lf->fd, lf->buf + done, lf->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			char why[PATH_MAX + 64];

			snprintf(why, sizeof(why), "error writing %s: %s",
				 lf->conf->log_file, strerror(errno));
			if (errno == ENOSPC) {
				if (!lf->full_acted) {
					lf->full_acted = true;
					act(lf, &lf->conf->disk_full_action, why);
				}
			} else if (lf->errors_said < 5 ||
				   lf->conf->disk_error_action.action != DA_SYSLOG) {
				lf->errors_said++;
				act(lf, &lf->conf->disk_error_action, why);
			}
			lf->dropped++;
			break;
		}
		done += (size_t)n;
		lf->size += n;
		lf->errors_said = 0;
		lf->full_acted = false;
	}
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

	if (lf->len)
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
}

static void numbered(char *out, size_t len, const char *base, unsigned n)
{
	if (n == 0)
		snprintf(out, len, "%s", base);
	else
		snprintf(out, len, "%s.%u", base, n);
}

int log_rotate(struct logfile *lf, bool keep_all, struct al_err *err)
{
	const struct auditd_conf *c = lf->conf;
	char from[PATH_MAX + 16], to[PATH_MAX + 16];
	unsigned top;

	if (!c->write_logs)
		return 0;
	if (lf->before_rotate && lf->fd >= 0 && !lf->suspended)
		lf->before_rotate(lf->ctx, lf);
	if (lf->len)
		write_out(lf);
	if (lf->fd >= 0) {
		sync_now(lf, false);
		close(lf->fd);
		lf->fd = -1;
	}
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
			say(lf, LOG_WARNING, "cannot rename %s to %s: %s", from,
			    to, strerror(errno));
	}
	lf->size_acted = false;
	lf->unsynced = 0;
	return log_open(lf, c, err);
}

void log_check_space(struct logfile *lf)
{
	const struct auditd_conf *c = lf->conf;
	struct statvfs vfs;
	unsigned long long free_mib, total_mib, space, admin;

	if (lf->fd < 0 || fstatvfs(lf->fd, &vfs) < 0)
		return;
	free_mib = (unsigned long long)vfs.f_bavail * vfs.f_frsize / MIB;
	total_mib = (unsigned long long)vfs.f_blocks * vfs.f_frsize / MIB;
	space = c->space_left_pct ? total_mib * c->space_left / 100 : c->space_left;
	admin = c->admin_space_left_pct ? total_mib * c->admin_space_left / 100 :
		c->admin_space_left;
	if (free_mib < admin) {
		if (!lf->admin_acted ||
		    c->admin_space_left_action.action == DA_ROTATE) {
			char why[128];

			lf->admin_acted = true;
			snprintf(why, sizeof(why), "audit log space is below admin_space_left (%llu MiB free)",
				 free_mib);
			act(lf, &c->admin_space_left_action, why);
		}
	} else if (free_mib < space) {
		if (!lf->space_acted || c->space_left_action.action == DA_ROTATE) {
			char why[128];

			lf->space_acted = true;
			snprintf(why, sizeof(why), "audit log space is below space_left (%llu MiB free)",
				 free_mib);
			act(lf, &c->space_left_action, why);
		}
	} else {
		lf->space_acted = false;
		lf->admin_acted = false;
	}
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
