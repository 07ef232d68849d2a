// SPDX-License-Identifier: GPL-2.0
/*
 * The disk policy of auditd.conf(5): which action each condition
 * selects (the log at max_log_file, free space below space_left or
 * admin_space_left, the disk full, a disk error), how often it is
 * taken, and taking it.  The log (logfile.c) reports the conditions
 * and does the rotating and suspending; the programs of exec, single
 * and halt, like every program auditd starts, are started by spawn().
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "auditd.h"

#define INIT_PATH	"/sbin/init"

/* What disk_full_action = ignore still does (auditd.conf(5)). */
static const struct action_conf say_only = { .action = DA_SYSLOG };

pid_t spawn(const char *path, const char *const argv[], bool quiet)
{
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		sigset_t none;

		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0 && fd != STDOUT_FILENO) {
				dup2(fd, STDOUT_FILENO);
				close(fd);
			}
		}
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		/* execv's argv is not const for historical reasons only */
		execv(path, (char *const *)argv);
		_exit(127);
	}
	return pid;
}

static void say(struct actions *ac, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct actions *ac, int prio, const char *fmt, ...)
{
	char msg[2 * PATH_MAX + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ac->say)
		ac->say(ac->ctx, prio, msg);
}

void action_set_conf(struct actions *ac, const struct auditd_conf *c)
{
	ac->conf = c;
	ac->size_acted = ac->space_acted = ac->admin_acted = false;
	ac->full_acted = false;
	ac->errors_said = 0;
}

bool action_argv(const struct action_conf *a, const char *argv[3])
{
	argv[1] = argv[2] = NULL;
	switch (a->action) {
	case DA_EXEC:
		argv[0] = a->exe;
		return true;
	case DA_SINGLE:
	case DA_HALT:
		argv[0] = INIT_PATH;
		argv[1] = a->action == DA_SINGLE ? "1" : "0";
		return true;
	default:
		argv[0] = NULL;
		return false;
	}
}

static void take(struct actions *ac, struct logfile *lf,
		 const struct action_conf *a, const char *why)
{
	const char *argv[3];

	switch (a->action) {
	case DA_IGNORE:
		break;
	case DA_SYSLOG:
		say(ac, LOG_ALERT, "%s", why);
		break;
	case DA_EMAIL:
		say(ac, LOG_ALERT, "%s (no mail is sent: not supported)", why);
		break;
	case DA_ROTATE:
	case DA_KEEP_LOGS:
		say(ac, LOG_NOTICE, "%s: rotating the logs", why);
		/* a failure is reported by the log, and acted on here */
		(void)log_rotate(lf, a->action == DA_KEEP_LOGS, NULL);
		break;
	case DA_EXEC:
		/* as auditd(8): the log is closed (the program may move
		 * it) and logging suspended until SIGUSR2 */
		say(ac, LOG_ALERT, "%s: logging suspended, running %s", why,
		    a->exe);
		log_suspend(lf, true);
		break;
	case DA_SUSPEND:
		say(ac, LOG_ALERT, "%s: logging suspended", why);
		log_suspend(lf, false);
		break;
	case DA_SINGLE:
		say(ac, LOG_ALERT, "%s: going to single user mode", why);
		break;
	case DA_HALT:
		say(ac, LOG_ALERT, "%s: halting the system", why);
		break;
	}
	if (action_argv(a, argv) && ac->spawn) {
		pid_t pid = ac->spawn(argv[0], argv, false);

		if (pid < 0)
			say(ac, LOG_ERR, "cannot run %s: %s", argv[0],
			    strerror((int)-pid));
	}
}

/* max_log_file_action: once, but rotate and keep_logs each time the
 * log is found too big, unless rotate has num_logs < 2 ("not
 * rotated", said once). */
static bool size_repeats(const struct auditd_conf *c)
{
	enum disk_action a = c->max_log_file_action.action;

	return a == DA_KEEP_LOGS || (a == DA_ROTATE && c->num_logs >= 2);
}

const struct action_conf *action_select(struct actions *ac,
					enum log_event ev)
{
	const struct auditd_conf *c = ac->conf;

	switch (ev) {
	case LOG_SIZE:
		if (ac->size_acted && !size_repeats(c))
			return NULL;
		ac->size_acted = true;
		return &c->max_log_file_action;
	case LOG_FULL:
		/* once until space comes back or logging resumes; even
		 * ignore says so */
		if (ac->full_acted)
			return NULL;
		ac->full_acted = true;
		return c->disk_full_action.action == DA_IGNORE ?
			&say_only : &c->disk_full_action;
	case LOG_ERROR:
		/* syslog at most 5 times in a row, the others once, until
		 * a write succeeds or logging resumes */
		if (ac->errors_said >=
		    (c->disk_error_action.action == DA_SYSLOG ? 5U : 1U))
			return NULL;
		ac->errors_said++;
		return &c->disk_error_action;
	default:
		return NULL;
	}
}

/* One limit: due once per crossing (rotate, when PERIODIC, each time
 * it is found crossed); re-armed once the space is back. */
static bool limit_due(unsigned long long free_mib, unsigned long long limit,
		      bool *acted, const struct action_conf *a, bool periodic)
{
	if (free_mib >= limit) {
		*acted = false;
		return false;
	}
	if (*acted && !(periodic && a->action == DA_ROTATE))
		return false;
	*acted = true;
	return true;
}

static unsigned long long limit_mib(unsigned v, bool pct,
				    unsigned long long total_mib)
{
	return pct ? total_mib * v / 100 : v;
}

size_t action_space_due(struct actions *ac, unsigned long long free_mib,
			unsigned long long total_mib, bool periodic,
			struct space_due due[2])
{
	const struct auditd_conf *c = ac->conf;
	size_t n = 0;

	if (limit_due(free_mib, limit_mib(c->space_left, c->space_left_pct,
					  total_mib),
		      &ac->space_acted, &c->space_left_action, periodic))
		due[n++] = (struct space_due){ "space_left",
					       &c->space_left_action };
	if (limit_due(free_mib, limit_mib(c->admin_space_left,
					  c->admin_space_left_pct, total_mib),
		      &ac->admin_acted, &c->admin_space_left_action, periodic))
		due[n++] = (struct space_due){ "admin_space_left",
					       &c->admin_space_left_action };
	return n;
}

/* space_left first, then admin_space_left, so that both act, in that
 * order, when one batch crosses both. */
static void check_space(struct actions *ac, struct logfile *lf,
			bool periodic)
{
	unsigned long long free_mib, total_mib;
	struct space_due due[2];
	size_t n;

	if (log_space(lf, &free_mib, &total_mib) < 0)
		return;
	n = action_space_due(ac, free_mib, total_mib, periodic, due);
	for (size_t i = 0; i < n; i++) {
		char why[128];

		snprintf(why, sizeof(why),
			 "audit log space is below %s (%llu MiB free)",
			 due[i].limit, free_mib);
		take(ac, lf, due[i].action, why);
	}
	if (free_mib >= 1)
		ac->full_acted = false;
}

void action_report(struct actions *ac, struct logfile *lf,
		   enum log_event ev, const char *why)
{
	const struct action_conf *a;

	switch (ev) {
	case LOG_WROTE:
		ac->errors_said = 0;
		return;
	case LOG_ROTATED:
		ac->size_acted = false;
		return;
	case LOG_FLUSHED:
		check_space(ac, lf, false);
		return;
	case LOG_SIZE:
	case LOG_FULL:
	case LOG_ERROR:
		break;
	}
	a = action_select(ac, ev);
	if (!a)
		return;
	if (ev == LOG_SIZE && a->action == DA_ROTATE && ac->conf->num_logs < 2)
		say(ac, LOG_WARNING, "%s; num_logs < 2, not rotating", why);
	else
		take(ac, lf, a, why);
}

void action_check_space(struct actions *ac, struct logfile *lf)
{
	check_space(ac, lf, true);
}

int action_resume(struct actions *ac, struct logfile *lf)
{
	ac->full_acted = false;
	ac->errors_said = 0;
	return log_resume(lf);
}
