// SPDX-License-Identifier: GPL-2.0
/*
 * The log file: opening it, batched writes, the flush policy, rotation,
 * suspension, reconfiguration, and reporting what happens to it.  Lines
 * are gathered in a buffer and written in one go at the end of each
 * batch of records; explicit syncs happen only as the flush mode asks.
 * A failed write, a full disk, the size limit reached and each batch
 * written are reported through the report hook; what is done about
 * them is the disk policy's (action.c).
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

static void report(struct logfile *lf, enum log_event ev, const char *why)
{
	if (lf->report)
		lf->report(lf->ctx, lf, ev, why);
}

int log_open(struct logfile *lf, const struct auditd_conf *c,
	     struct al_err *err)
{
	struct stat st;
	mode_t mode = c->log_gid ? 0640 : 0600;

	lf->conf = c;
	lf->fd = -1;
	lf->size = 0;
	lf->over_limit = false;
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
 * and reported. */
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
		report(lf, e == ENOSPC ? LOG_FULL : LOG_ERROR, why);
		return;
	}
	lf->len = 0;
	if (done)
		report(lf, LOG_WROTE, NULL);
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

void log_limit(struct logfile *lf)
{
	const struct auditd_conf *c = lf->conf;

	if (lf->fd >= 0 && c->max_log_file && !lf->over_limit &&
	    (unsigned long long)lf->size + lf->len >= c->max_log_file * MIB)
		log_flush(lf, false);
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
		char why[PATH_MAX + 64];

		snprintf(why, sizeof(why), "%s reached max_log_file (%u MiB)",
			 c->log_file, c->max_log_file);
		report(lf, LOG_SIZE, why);
		/* Still open and over: the action kept this file.  (After a
		 * rotation log_open has begun a new one, under the limit.) */
		lf->over_limit = lf->fd >= 0 &&
			(unsigned long long)lf->size >= c->max_log_file * MIB;
	}
	/* the report may have closed it */
	if (wrote && lf->fd >= 0)
		report(lf, LOG_FLUSHED, NULL);
}

static void numbered(char *out, size_t len, const char *base, unsigned n)
{
	if (n == 0)
		snprintf(out, len, "%s", base);
	else
		snprintf(out, len, "%s.%u", base, n);
}

/* A rename of rotation that failed. */
static void rename_failed(struct logfile *lf, const char *from, const char *to)
{
	char why[2 * PATH_MAX + 64];
	int e = errno;

	snprintf(why, sizeof(why), "cannot rename %s to %s: %s", from, to,
		 strerror(e));
	report(lf, e == ENOSPC ? LOG_FULL : LOG_ERROR, why);
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
	report(lf, LOG_ROTATED, NULL);
	lf->unsynced = 0;
	if (log_open(lf, c, err) == 0)
		return 0;
	/* no log to write to: suspended until SIGUSR2 finds one */
	lf->suspended = true;
	report(lf, LOG_ERROR, err->msg);
	return -1;
}

void log_suspend(struct logfile *lf, bool close_log)
{
	if (close_log) {
		if (lf->len)
			write_out(lf);
		close_fd(lf);
	}
	lf->suspended = true;
}

int log_resume(struct logfile *lf)
{
	struct al_err err;

	lf->suspended = false;
	if (lf->fd >= 0 || !lf->conf->write_logs)
		return 0;
	if (log_open(lf, lf->conf, &err) == 0)
		return 0;
	lf->suspended = true;
	report(lf, LOG_ERROR, err.msg);
	return -1;
}

int log_reconfigure(struct logfile *lf, const struct auditd_conf *c,
		    struct al_err *err)
{
	const struct auditd_conf *old = lf->conf;
	bool reopen = strcmp(c->log_file, old->log_file) != 0 ||
		      c->write_logs != old->write_logs ||
		      c->log_gid != old->log_gid;

	log_flush(lf, true);
	lf->conf = c;
	if (!reopen)
		return 0;
	if (lf->fd >= 0) {
		close(lf->fd);		/* synced just now */
		lf->fd = -1;
	}
	return log_open(lf, c, err);
}

/* Where the log lives, open or not: an exec action closes it, and the
 * disk may go on filling meanwhile. */
int log_space(const struct logfile *lf, unsigned long long *free_mib,
	      unsigned long long *total_mib)
{
	struct statvfs vfs;
	char dir[PATH_MAX];
	int rc;

	if (!lf->conf->write_logs)
		return -1;
	if (lf->fd >= 0) {
		rc = fstatvfs(lf->fd, &vfs);
	} else {
		snprintf(dir, sizeof(dir), "%s", lf->conf->log_file);
		rc = statvfs(dirname(dir), &vfs);
	}
	if (rc < 0)
		return -1;
	*free_mib = (unsigned long long)vfs.f_bavail * vfs.f_frsize / MIB;
	*total_mib = (unsigned long long)vfs.f_blocks * vfs.f_frsize / MIB;
	return 0;
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
