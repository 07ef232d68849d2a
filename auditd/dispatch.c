// SPDX-License-Identifier: GPL-2.0
/*
 * The dispatcher: the plugins of plugin_dir run as children, each
 * reading the records on its standard input, in the format its file
 * asks for (auditd-plugins(5)).
 *
 * Every record logged, and the end of each event (EOE, which the log
 * leaves out), is queued for every running plugin; the queues are
 * written to the plugins' pipes without blocking, as the pipes take
 * them, from the daemon's one loop.  A plugin's queue holds at most
 * q_depth records: one more is dropped, counted, and overflow_action
 * taken.  A plugin that exits is started again, up to max_restarts
 * times (counted afresh at each SIGHUP), on the same pipe: the daemon
 * keeps its read end too, so what the plugin had not read yet is read by
 * the next one.  SIGHUP reads plugin_dir again: a plugin
 * whose file did not change is sent SIGHUP, one removed, made inactive
 * or changed is stopped, a new one started.  At the end the queues are
 * written out (for at most two seconds), the pipes closed and the
 * plugins sent SIGTERM.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "auditd.h"

/* The binary format, as libaudit's dispatcher header defines it. */
#define DISP_PROTOCOL_RAW	0	/* data: the kernel's text */
#define DISP_PROTOCOL_FORMATTED	1	/* data: the whole line, less '\n' */
#define DISP_DATA_LEN		8970	/* MAX_AUDIT_MESSAGE_LENGTH */

struct disp_header {
	uint32_t ver;
	uint32_t hlen;
	uint32_t type;
	uint32_t size;
};

/* One record in one format, shared by the queues holding it. */
struct disp_entry {
	unsigned refs;
	size_t len;
	char data[];
};

struct disp_node {
	struct disp_node *next;
	struct disp_entry *e;
};

static void dsay(struct dispatcher *dp, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void dsay(struct dispatcher *dp, int prio, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (dp->say)
		dp->say(dp->ctx, prio, msg);
}

void dsay_plugin(struct dispatcher *dp, int prio, const struct disp_plugin *p,
		 const char *msg)
{
	dsay(dp, prio, "plugin %s: %s", p->conf.name, msg);
}

static void entry_put(struct disp_entry *e)
{
	if (e && --e->refs == 0)
		free(e);
}

static void queue_clear(struct disp_plugin *p)
{
	while (p->head) {
		struct disp_node *n = p->head;

		p->head = n->next;
		entry_put(n->e);
		free(n);
	}
	p->tail = NULL;
	p->count = 0;
	p->off = 0;
}

/* Its args split into ARGV after the path; BUF holds the words. */
static void plugin_argv(const struct plugin_conf *c, char *buf, size_t len,
			char *argv[PLUGIN_MAX_ARGS + 2])
{
	struct al_err err;
	int n = 0;

	snprintf(buf, len, "%s", c->args);
	argv[0] = (char *)c->path;
	if (buf[0])
		n = al_split_words(buf, argv + 1, PLUGIN_MAX_ARGS, &err);
	argv[n < 0 ? 1 : n + 1] = NULL;
}

/*
 * Starts P with a pipe on its standard input; the write end is ours,
 * without blocking.  The child gets the signals the daemon blocks back,
 * and an empty environment, as with Debian's auditd.
 */
static int plugin_start(struct dispatcher *dp, struct disp_plugin *p)
{
	char buf[sizeof(p->conf.args)];
	char *argv[PLUGIN_MAX_ARGS + 2];
	char *envp[] = { NULL };
	int pfd[2];
	pid_t pid;

	if (access(p->conf.path, X_OK) < 0) {
		dsay(dp, LOG_ERR, "plugin %s: %s: %s", p->conf.name,
		     p->conf.path, strerror(errno));
		return -1;
	}
	if (p->fd < 0) {
		if (pipe2(pfd, O_CLOEXEC) < 0) {
			dsay(dp, LOG_ERR, "plugin %s: pipe: %s", p->conf.name,
			     strerror(errno));
			return -1;
		}
		fcntl(pfd[1], F_SETFL, O_NONBLOCK);
		/* room for bursts; the default is kept if we may not */
		(void)fcntl(pfd[1], F_SETPIPE_SZ, 1 << 20);
		p->rfd = pfd[0];
		p->fd = pfd[1];
	}
	plugin_argv(&p->conf, buf, sizeof(buf), argv);
	pid = fork();
	if (pid < 0) {
		dsay(dp, LOG_ERR, "plugin %s: fork: %s", p->conf.name,
		     strerror(errno));
		return -1;
	}
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		if (dup2(p->rfd, STDIN_FILENO) < 0)
			_exit(127);
		execve(p->conf.path, argv, envp);
		_exit(127);
	}
	p->pid = pid;
	return 0;
}

static void plugin_close(struct disp_plugin *p)
{
	if (p->fd >= 0)
		close(p->fd);
	if (p->rfd >= 0)
		close(p->rfd);
	p->fd = p->rfd = -1;
}

/* Closes P's pipe (it reads the end) and asks it to stop. */
static void plugin_stop(struct dispatcher *dp, struct disp_plugin *p)
{
	afunix_stop(p);
	plugin_close(p);
	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		if (dp->nretired < DISP_MAX_RETIRED)
			dp->retired[dp->nretired++] = p->pid;
		p->pid = 0;
	}
}

static void plugin_report_dropped(struct dispatcher *dp,
				  const struct disp_plugin *p)
{
	if (p->dropped)
		dsay(dp, LOG_WARNING, "plugin %s: %llu events dropped in all",
		     p->conf.name, p->dropped);
}

static void plugin_free(struct dispatcher *dp, struct disp_plugin *p)
{
	plugin_stop(dp, p);
	plugin_report_dropped(dp, p);
	queue_clear(p);
}

/* Builds the list from CONFS: the active ones, all but builtins run. */
static int plugins_set(struct dispatcher *dp, const struct plugin_conf *confs,
		       size_t n)
{
	struct disp_plugin *list = NULL;
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += confs[i].active;
	if (count) {
		list = calloc(count, sizeof(*list));
		if (!list)
			return -1;
	}
	count = 0;
	for (size_t i = 0; i < n; i++) {
		if (!confs[i].active)
			continue;
		list[count].conf = confs[i];
		list[count].fd = -1;
		list[count].rfd = -1;
		count++;
	}
	dp->p = list;
	dp->n = count;
	return 0;
}

static void say_bad_file(void *ctx, const char *msg)
{
	struct dispatcher *dp = ctx;

	dsay(dp, LOG_ERR, "%s", msg);
	dp->bad_files++;
}

static void start_all(struct dispatcher *dp)
{
	for (size_t i = 0; i < dp->n; i++) {
		struct disp_plugin *p = &dp->p[i];

		if (p->conf.builtin) {
			struct al_err err;

			if (!p->ux && !p->given_up && afunix_start(p, &err) < 0) {
				dsay(dp, LOG_ERR, "%s: not started", err.msg);
				p->given_up = true;
			}
		} else if (p->pid == 0 && !p->given_up &&
			   plugin_start(dp, p) < 0) {
			p->given_up = true;
		}
	}
}

/*
 * C's plugin_dir read into a new list of plugins, not started; C is the
 * configuration from now on, whatever happens (the caller frees the old
 * one).  On failure the list is as it was.
 */
static int plugins_load(struct dispatcher *dp, const struct auditd_conf *c,
			struct al_err *err)
{
	struct plugin_conf *confs;
	size_t n;
	int rc;

	dp->conf = c;
	dp->bad_files = 0;
	if (plugin_dir_load(c->plugin_dir, &confs, &n, say_bad_file, dp,
			    err) < 0)
		return -1;
	rc = plugins_set(dp, confs, n);
	free(confs);
	return rc < 0 ? al_fail(err, "plugins: out of memory") : 0;
}

int dispatch_start(struct dispatcher *dp, const struct auditd_conf *c,
		   struct al_err *err)
{
	if (plugins_load(dp, c, err) < 0)
		return -1;
	start_all(dp);
	return 0;
}

bool dispatch_active(const struct dispatcher *dp)
{
	for (size_t i = 0; i < dp->n; i++)
		if (!dp->p[i].given_up)
			return true;
	return false;
}

/* The record as a plugin reads it: the log's line, its inner newlines
 * (a user message may have them) made spaces; or header and data. */
static struct disp_entry *entry_new(enum plugin_format f, int type,
				    const char *text, size_t text_len,
				    const char *line, size_t line_len,
				    bool formatted)
{
	struct disp_entry *e;

	if (f == PLUGIN_STRING) {
		e = malloc(sizeof(*e) + line_len);
		if (!e)
			return NULL;
		memcpy(e->data, line, line_len);
		for (size_t i = 0; i + 1 < line_len; i++)
			if (e->data[i] == '\n')
				e->data[i] = ' ';
		e->len = line_len;
	} else {
		struct disp_header h = {
			.ver = formatted ? DISP_PROTOCOL_FORMATTED : DISP_PROTOCOL_RAW,
			.hlen = sizeof(h),
			.type = (uint32_t)type,
		};
		const char *d = formatted ? line : text;
		size_t dlen = formatted ? line_len - (line_len > 0) : text_len;

		if (dlen > DISP_DATA_LEN)
			dlen = DISP_DATA_LEN;
		h.size = (uint32_t)dlen;
		/* the data area has its full size, as libaudit reads it */
		e = calloc(1, sizeof(*e) + sizeof(h) + DISP_DATA_LEN);
		if (!e)
			return NULL;
		memcpy(e->data, &h, sizeof(h));
		memcpy(e->data + sizeof(h), d, dlen);
		e->len = sizeof(h) + DISP_DATA_LEN;
	}
	e->refs = 0;
	return e;
}

static void overflow(struct dispatcher *dp, struct disp_plugin *p)
{
	const char *const single[] = { "/sbin/init", "1", NULL };
	const char *const halt[] = { "/sbin/init", "0", NULL };

	p->dropped++;
	switch (dp->conf->overflow_action) {
	case OV_IGNORE:
		break;
	case OV_SYSLOG:
		if (!p->overflowing)
			dsay(dp, LOG_WARNING, "plugin %s: queue full (q_depth %u): events dropped",
			     p->conf.name, dp->conf->q_depth);
		break;
	case OV_SUSPEND:
		dsay(dp, LOG_ALERT, "plugin %s: queue full (q_depth %u): dispatching suspended until SIGHUP",
		     p->conf.name, dp->conf->q_depth);
		dp->suspended = true;
		break;
	case OV_SINGLE:
	case OV_HALT:
		if (dp->acted)
			break;
		dsay(dp, LOG_ALERT, "plugin %s: queue full (q_depth %u): %s",
		     p->conf.name, dp->conf->q_depth,
		     dp->conf->overflow_action == OV_SINGLE ?
		     "going to single user mode" : "halting the system");
		dp->acted = true;
		if (dp->spawn)
			dp->spawn("/sbin/init", dp->conf->overflow_action ==
				  OV_SINGLE ? single : halt, true);
		break;
	}
	p->overflowing = true;
}

void dispatch_record(struct dispatcher *dp, int type, const char *text,
		     size_t text_len, const char *line, size_t line_len)
{
	struct disp_entry *e[2] = { NULL, NULL };
	bool formatted;

	if (!dp->conf || dp->n == 0)
		return;
	formatted = dp->conf->log_format == FORMAT_ENRICHED;
	if (dp->suspended) {
		dp->dropped_suspended++;
		return;
	}
	for (size_t i = 0; i < dp->n; i++) {
		struct disp_plugin *p = &dp->p[i];
		struct disp_node *n;
		enum plugin_format f = p->conf.format;

		if (p->given_up)
			continue;
		if (p->ux) {
			if (!e[f])
				e[f] = entry_new(f, type, text, text_len, line,
						 line_len, formatted);
			if (e[f])
				afunix_send(dp, p, e[f]->data, e[f]->len);
			continue;
		}
		if (p->count >= dp->conf->q_depth) {
			overflow(dp, p);
			if (dp->suspended)
				break;
			continue;
		}
		if (!e[f])
			e[f] = entry_new(f, type, text, text_len, line,
					 line_len, formatted);
		n = malloc(sizeof(*n));
		if (!e[f] || !n) {
			free(n);
			p->dropped++;
			continue;
		}
		n->next = NULL;
		n->e = e[f];
		e[f]->refs++;
		if (p->tail)
			p->tail->next = n;
		else
			p->head = n;
		p->tail = n;
		p->count++;
	}
	for (int f = 0; f < 2; f++)
		if (e[f] && e[f]->refs == 0)
			free(e[f]);
}

/* Writes what P's pipe takes now; false once the pipe is broken. */
static bool plugin_write(struct dispatcher *dp, struct disp_plugin *p)
{
	while (p->head && p->fd >= 0) {
		struct iovec iov[64];
		struct disp_node *n = p->head;
		size_t niov = 0, off = p->off;
		ssize_t w;

		for (; n && niov < 64; n = n->next, off = 0) {
			iov[niov].iov_base = n->e->data + off;
			iov[niov].iov_len = n->e->len - off;
			niov++;
		}
		w = writev(p->fd, iov, (int)niov);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return true;
			/* not a pipe we could lose: say so, stop writing */
			dsay(dp, LOG_ERR, "plugin %s: write: %s", p->conf.name,
			     strerror(errno));
			p->given_up = true;
			p->dropped += p->count;
			queue_clear(p);
			plugin_stop(dp, p);
			return false;
		}
		while (w > 0 && p->head) {
			size_t left = p->head->e->len - p->off;

			if ((size_t)w < left) {
				p->off += (size_t)w;
				break;
			}
			w -= (ssize_t)left;
			n = p->head;
			p->head = n->next;
			if (!p->head)
				p->tail = NULL;
			entry_put(n->e);
			free(n);
			p->count--;
			p->sent++;
			p->off = 0;
		}
	}
	/* once the queue is empty: said once per overflow, not per record */
	if (p->overflowing && p->count == 0) {
		if (dp->conf->overflow_action == OV_SYSLOG)
			dsay(dp, LOG_NOTICE, "plugin %s: queue has room again; %llu events dropped so far",
			     p->conf.name, p->dropped);
		p->overflowing = false;
	}
	return true;
}

void dispatch_write(struct dispatcher *dp)
{
	for (size_t i = 0; i < dp->n; i++)
		if (dp->p[i].ux)
			afunix_service(dp, &dp->p[i]);
		else if (dp->p[i].fd >= 0 && dp->p[i].head)
			plugin_write(dp, &dp->p[i]);
}

size_t dispatch_pollfds(const struct dispatcher *dp, struct pollfd *pfd,
			size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < dp->n && n < max; i++)
		if (dp->p[i].ux)
			n += afunix_pollfds(&dp->p[i], pfd + n, max - n);
		else if (dp->p[i].fd >= 0 && dp->p[i].head) {
			pfd[n].fd = dp->p[i].fd;
			pfd[n].events = POLLOUT;
			pfd[n].revents = 0;
			n++;
		}
	return n;
}

bool dispatch_child_exited(struct dispatcher *dp, pid_t pid, int status)
{
	for (size_t i = 0; i < dp->nretired; i++)
		if (dp->retired[i] == pid) {
			dp->retired[i] = dp->retired[--dp->nretired];
			return true;
		}
	for (size_t i = 0; i < dp->n; i++) {
		struct disp_plugin *p = &dp->p[i];

		if (p->pid != pid)
			continue;
		p->pid = 0;
		if (dp->stopping)
			return true;
		if (p->restarts < dp->conf->max_restarts) {
			p->restarts++;
			dsay(dp, LOG_NOTICE, "plugin %s exited (%s %d): restarting it (%u of max_restarts %u)",
			     p->conf.name, WIFEXITED(status) ? "status" : "signal",
			     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
			     p->restarts, dp->conf->max_restarts);
			if (plugin_start(dp, p) == 0)
				return true;
		} else {
			dsay(dp, LOG_ERR, "plugin %s exited (%s %d) and was restarted max_restarts (%u) times: not started again",
			     p->conf.name, WIFEXITED(status) ? "status" : "signal",
			     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
			     dp->conf->max_restarts);
		}
		p->given_up = true;
		p->dropped += p->count;
		queue_clear(p);
		plugin_close(p);
		plugin_report_dropped(dp, p);
		return true;
	}
	return false;
}

static bool conf_equal(const struct plugin_conf *a,
		       const struct plugin_conf *b)
{
	return !strcmp(a->name, b->name) && a->active == b->active &&
	       a->builtin == b->builtin && !strcmp(a->path, b->path) &&
	       !strcmp(a->args, b->args) && a->format == b->format;
}

int dispatch_reconfigure(struct dispatcher *dp, const struct auditd_conf *c,
			 struct al_err *err)
{
	struct disp_plugin *old = dp->p;
	size_t nold = dp->n;

	if (plugins_load(dp, c, err) < 0)
		return -1;
	/* The unchanged ones carry on, told of the SIGHUP; the others stop. */
	for (size_t i = 0; i < nold; i++) {
		struct disp_plugin *o = &old[i];
		struct disp_plugin *keep = NULL;

		for (size_t j = 0; j < dp->n; j++)
			if (conf_equal(&dp->p[j].conf, &o->conf))
				keep = &dp->p[j];
		if (!keep || o->given_up || (o->pid == 0 && !o->ux)) {
			plugin_free(dp, o);
			continue;
		}
		*keep = *o;
		keep->restarts = 0;
		keep->overflowing = false;
		if (keep->pid > 0)
			kill(keep->pid, SIGHUP);
	}
	free(old);
	if (dp->suspended)
		dsay(dp, LOG_NOTICE, "dispatching resumed (SIGHUP); %llu events were dropped while suspended",
		     dp->dropped_suspended);
	dp->suspended = false;
	start_all(dp);
	return 0;
}

void dispatch_state(const struct dispatcher *dp, FILE *f)
{
	fprintf(f, "plugins = %zu%s\n", dp->n,
		dp->suspended ? " (dispatching suspended)" : "");
	for (size_t i = 0; i < dp->n; i++) {
		const struct disp_plugin *p = &dp->p[i];

		if (p->ux)
			fprintf(f, "plugin %s = af_unix, %zu readers, sent %llu, dropped %llu\n",
				p->conf.name, afunix_readers(p), p->sent, p->dropped);
		else
			fprintf(f, "plugin %s = pid %d, %s, queued %u, sent %llu, dropped %llu, restarts %u\n",
				p->conf.name, (int)p->pid,
				p->given_up ? "stopped" : "running", p->count, p->sent,
				p->dropped, p->restarts);
	}
}

/* Reaps the plugins that have exited; whether some still run. */
static bool plugins_running(struct dispatcher *dp)
{
	bool running = false;

	for (size_t i = 0; i < dp->n; i++) {
		struct disp_plugin *p = &dp->p[i];
		int status;

		if (p->pid > 0 && waitpid(p->pid, &status, WNOHANG) == p->pid)
			p->pid = 0;
		running |= p->pid > 0;
	}
	return running;
}

static long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 +
	       (now.tv_nsec - start->tv_nsec) / 1000000;
}

static void wait_plugins(struct dispatcher *dp, long ms)
{
	struct timespec start, tick = { 0, 20 * 1000 * 1000 };

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (plugins_running(dp) && ms_since(&start) < ms)
		nanosleep(&tick, NULL);
}

void dispatch_stop(struct dispatcher *dp)
{
	struct timespec start;

	dp->stopping = true;
	clock_gettime(CLOCK_MONOTONIC, &start);
	/*
	 * What is queued, while the plugins read it: two seconds at most,
	 * and not half a second more once none reads.
	 */
	for (;;) {
		struct pollfd pfd[64];
		size_t n = dispatch_pollfds(dp, pfd, 64);
		long ms = ms_since(&start);
		int ready;

		if (n == 0 || ms >= 2000)
			break;
		ready = poll(pfd, n, (int)(ms > 1500 ? 2000 - ms : 500));
		if (ready == 0 || (ready < 0 && errno != EINTR))
			break;
		dispatch_write(dp);
	}
	/* The end of their input, a moment to read it; then SIGTERM. */
	for (size_t i = 0; i < dp->n; i++) {
		struct disp_plugin *p = &dp->p[i];

		p->dropped += p->count;
		queue_clear(p);
		plugin_close(p);
		afunix_stop(p);
	}
	wait_plugins(dp, 2000);
	for (size_t i = 0; i < dp->n; i++)
		if (dp->p[i].pid > 0)
			kill(dp->p[i].pid, SIGTERM);
	wait_plugins(dp, 1000);
	for (size_t i = 0; i < dp->n; i++)
		plugin_report_dropped(dp, &dp->p[i]);
	free(dp->p);
	dp->p = NULL;
	dp->n = 0;
}
