// SPDX-License-Identifier: GPL-2.0
/*
 * auditd: registers with the kernel as the audit daemon and writes every
 * record it is sent to the log, in the format of auditd(8).
 *
 * One thread, one poll loop over the netlink socket, a signalfd, the
 * pipes of the plugins (dispatch.c) and, as a collector, the TCP
 * clients (listen.c).  With local_events = no there is no netlink
 * socket: the daemon only collects.  Records are received in batches
 * (recvmmsg), formatted into the log's buffer and written once per
 * batch, and queued for the plugins; the socket's receive buffer is
 * large so that a slow disk never makes the kernel wait.
 *
 * Exit codes as auditd(8): 1 initialisation, 2 command line,
 * 4 privilege, 6 configuration.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <netdb.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "auditd.h"

#define PID_FILE	"/run/auditd.pid"
#define STATE_DIR	"/run/audit"
#define STATE_FILE	STATE_DIR "/auditd.state"
#define BATCH		64
#define RCVBUF		(8 * 1024 * 1024)
#define LINE_MAX_LEN	(AL_MAX_MSG + 4096)

enum { EXIT_INIT = 1, EXIT_ARGS = 2, EXIT_PRIV = 4, EXIT_CONF = 6 };

enum enable_state { EN_ENABLE, EN_DISABLE, EN_NOCHANGE };

/* Who sent a signal, for the record that reports it. */
struct sender {
	pid_t pid;
	uid_t uid;
};

struct daemon {
	struct auditd_conf *conf;	/* the log and the actions point here */
	char conf_dir[PATH_MAX];
	char conf_path[PATH_MAX + 16];
	bool foreground, nofork, test_only;
	enum enable_state enable;
	struct al_nl nl;
	int sigfd;
	int notify_fd;		/* to the waiting parent, -1 once told */
	struct logfile log;
	struct actions act;
	struct dispatcher disp;
	struct listener lsn;
	struct al_name_cache names;
	char node[256];
	unsigned serial;
	bool stop;
	struct sender stopper;
	char auditctl[PATH_MAX];
	unsigned char (*bufs)[AL_MAX_MSG];
	char line[LINE_MAX_LEN];
};

static void say(struct daemon *d, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct daemon *d, int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (d->foreground || d->notify_fd >= 0) {
		fputs("auditd: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	} else {
		vsyslog(prio, fmt, ap);
	}
	va_end(ap);
}

static void hook_say(void *ctx, int prio, const char *msg)
{
	say(ctx, prio, "%s", msg);
}

/* What happens to the log goes to the disk policy. */
static void log_report(void *ctx, struct logfile *lf, enum log_event ev,
		       const char *why)
{
	struct daemon *d = ctx;

	action_report(&d->act, lf, ev, why);
}

static unsigned read_proc_u(pid_t pid, const char *what)
{
	char path[64], buf[32];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return (unsigned)-1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (unsigned)-1;
	buf[n] = '\0';
	return (unsigned)strtoul(buf, NULL, 10);
}

/* Appends one record of our own, stamped now, to the log. */
static void daemon_record(struct daemon *d, int type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void daemon_record(struct daemon *d, int type, const char *fmt, ...)
{
	char text[1024];
	struct timespec ts;
	va_list ap;
	int n;
	size_t len;

	clock_gettime(CLOCK_REALTIME, &ts);
	n = snprintf(text, sizeof(text), "audit(%lld.%03ld:%u): ",
		     (long long)ts.tv_sec, ts.tv_nsec / 1000000, ++d->serial);
	va_start(ap, fmt);
	vsnprintf(text + n, sizeof(text) - (size_t)n, fmt, ap);
	va_end(ap);
	len = record_format(type, text, strlen(text), d->conf->log_format,
			    d->node, &d->names, d->line, sizeof(d->line));
	log_add(&d->log, d->line, len);
	dispatch_record(&d->disp, type, text, strlen(text), d->line, len);
}

static void sender_record(struct daemon *d, int type, const char *op,
			  const struct sender *s, const char *res)
{
	daemon_record(d, type, "op=%s auid=%u uid=%u ses=%u pid=%d res=%s", op,
		      read_proc_u(s->pid, "loginuid"), (unsigned)s->uid,
		      read_proc_u(s->pid, "sessionid"), (int)s->pid, res);
}

static void rotate_record(void *ctx, struct logfile *lf)
{
	struct daemon *d = ctx;
	struct sender self = { getpid(), getuid() };

	(void)lf;
	sender_record(d, AUDIT_DAEMON_ROTATE, "rotate-logs", &self, "success");
}

static void set_node(struct daemon *d)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_flags = AI_CANONNAME };
	struct addrinfo *ai = NULL;
	char host[256] = "";

	d->node[0] = '\0';
	if (d->conf->name_format == NAME_NONE)
		return;
	if (d->conf->name_format == NAME_USER) {
		snprintf(d->node, sizeof(d->node), "%s", d->conf->name);
		return;
	}
	if (gethostname(host, sizeof(host) - 1) < 0)
		return;
	snprintf(d->node, sizeof(d->node), "%s", host);
	if (d->conf->name_format == NAME_HOSTNAME ||
	    getaddrinfo(host, NULL, &hints, &ai) != 0)
		return;
	if (d->conf->name_format == NAME_FQD && ai->ai_canonname)
		snprintf(d->node, sizeof(d->node), "%s", ai->ai_canonname);
	else if (d->conf->name_format == NAME_NUMERIC)
		getnameinfo(ai->ai_addr, ai->ai_addrlen, d->node,
			    sizeof(d->node), NULL, 0, NI_NUMERICHOST);
	freeaddrinfo(ai);
}

/* Handles one datagram from the kernel.  A record sent to the daemon
 * may carry its payload length, not its own, in nlmsg_len: the text's
 * length is taken from the datagram's size.  Returns the seq of an ack
 * (with its error in *ACK_ERR), or 0. */
static uint32_t handle_datagram(struct daemon *d, const unsigned char *buf,
				size_t n, int *ack_err)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
	int type;
	size_t len;

	if (n < NLMSG_HDRLEN)
		return 0;
	type = h->nlmsg_type;
	if (type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(h);

		if (n < NLMSG_LENGTH(sizeof(*e)))
			return 0;
		*ack_err = e->error;
		return h->nlmsg_seq;
	}
	/* replies to requests are not records */
	if (type < AUDIT_USER ||
	    (type > AUDIT_LOGIN && type <= AUDIT_GET_FEATURE))
		return 0;
	len = record_format(type, (const char *)buf + NLMSG_HDRLEN,
			    n - NLMSG_HDRLEN, d->conf->log_format, d->node,
			    &d->names, d->line, sizeof(d->line));
	/* the end of an event is for the plugins, not the log */
	if (type != AUDIT_EOE)
		log_add(&d->log, d->line, len);
	dispatch_record(&d->disp, type, (const char *)buf + NLMSG_HDRLEN,
			n - NLMSG_HDRLEN, d->line, len);
	return 0;
}

/* Receives what is waiting, up to BATCH datagrams per call, until the
 * socket is empty (or, when SEQ is set, that request is acked). */
static int receive(struct daemon *d, uint32_t seq, int *ack_err)
{
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	bool acked = false;

	for (;;) {
		int n;

		for (int i = 0; i < BATCH; i++) {
			iov[i].iov_base = d->bufs[i];
			iov[i].iov_len = AL_MAX_MSG;
			memset(&msgs[i], 0, sizeof(msgs[i]));
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(d->nl.fd, msgs, BATCH, MSG_DONTWAIT, NULL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				say(d, LOG_WARNING, "netlink receive buffer overflowed: the kernel counts what was lost");
				continue;
			}
			if (errno == EAGAIN)
				break;
			return -errno;
		}
		for (int i = 0; i < n; i++) {
			int err = 0;
			uint32_t s = handle_datagram(d, d->bufs[i], msgs[i].msg_len,
						     &err);

			log_limit(&d->log);
			if (seq && s == seq) {
				acked = true;
				*ack_err = err;
			}
		}
		if (n < BATCH || (seq && acked))
			break;
	}
	log_flush(&d->log, false);
	dispatch_write(&d->disp);
	return acked ? 1 : 0;
}

/* Sends an AUDIT_SET and waits for its ack, logging records meanwhile. */
static int set_and_wait(struct daemon *d, const struct audit_status *st)
{
	int seq = al_nl_send(&d->nl, AUDIT_SET, NLM_F_ACK, st, sizeof(*st));
	struct timespec start, now;

	if (seq < 0)
		return seq;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd p = { .fd = d->nl.fd, .events = POLLIN };
		int err = 0, rc;

		if (poll(&p, 1, 500) < 0 && errno != EINTR)
			return -errno;
		rc = receive(d, (uint32_t)seq, &err);
		if (rc < 0)
			return rc;
		if (rc == 1)
			return err;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > 5)
			return -ETIMEDOUT;
	}
}

static int register_daemon(struct daemon *d, bool on)
{
	struct audit_status st = { .mask = AUDIT_STATUS_PID };

	st.pid = on ? (uint32_t)getpid() : 0;
	if (on && d->enable != EN_NOCHANGE) {
		st.mask |= AUDIT_STATUS_ENABLED;
		st.enabled = d->enable == EN_ENABLE;
	}
	return set_and_wait(d, &st);
}

static void write_pid_file(struct daemon *d)
{
	char buf[32];
	int fd = open(PID_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());

	if (fd < 0 || write(fd, buf, (size_t)n) != n)
		say(d, LOG_WARNING, "cannot write %s: %s", PID_FILE, strerror(errno));
	if (fd >= 0)
		close(fd);
}

/* Our auditctl lives next to us; the system's is the fallback. */
static void find_auditctl(struct daemon *d)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		snprintf(d->auditctl, sizeof(d->auditctl), "%s/auditctl",
			 dirname(self));
		if (access(d->auditctl, X_OK) == 0)
			return;
	}
	snprintf(d->auditctl, sizeof(d->auditctl), "/sbin/auditctl");
}

static void load_rules(struct daemon *d)
{
	char rules[PATH_MAX + 16];
	const char *argv[] = { "auditctl", "-R", rules, NULL };
	pid_t pid;

	snprintf(rules, sizeof(rules), "%s/audit.rules", d->conf_dir);
	if (access(rules, R_OK) < 0)
		return;
	pid = spawn(d->auditctl, argv, true);
	if (pid < 0)
		say(d, LOG_ERR, "cannot run %s: %s", d->auditctl,
		    strerror((int)-pid));
}

static void reap(struct daemon *d)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		if (dispatch_child_exited(&d->disp, pid, status))
			continue;
		else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			say(d, LOG_WARNING, "child %d (rules loader or action) failed with status %d",
			    (int)pid, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void reconfigure(struct daemon *d, const struct sender *s)
{
	struct auditd_conf *nc = malloc(sizeof(*nc));
	struct al_err err;
	int rc;

	if (!nc || conf_load(d->conf_path, nc, &err) < 0) {
		say(d, LOG_ERR, "reconfiguration failed, keeping the old one: %s",
		    nc ? err.msg : "out of memory");
		daemon_record(d, AUDIT_DAEMON_CONFIG,
			      "op=reconfigure state=no-change auid=%u pid=%d res=failed",
			      read_proc_u(s->pid, "loginuid"), (int)s->pid);
		free(nc);
		return;
	}
	daemon_record(d, AUDIT_DAEMON_CONFIG,
		      "op=reconfigure state=changed auid=%u pid=%d res=success",
		      read_proc_u(s->pid, "loginuid"), (int)s->pid);
	rc = log_reconfigure(&d->log, nc, &err);
	if (rc < 0)
		say(d, LOG_ERR, "%s", err.msg);
	action_set_conf(&d->act, nc);
	if (dispatch_reconfigure(&d->disp, nc, &err) < 0)
		say(d, LOG_ERR, "%s: the plugins stay as they were", err.msg);
	/* the limits on clients change now; the port only at a restart */
	if (nc->tcp_listen_port != d->conf->tcp_listen_port ||
	    nc->local_events != d->conf->local_events)
		say(d, LOG_WARNING, "tcp_listen_port and local_events change when auditd restarts");
	nc->tcp_listen_port = d->conf->tcp_listen_port;
	nc->local_events = d->conf->local_events;
	d->lsn.conf = nc;
	free(d->conf);
	d->conf = nc;
	set_node(d);
}

/* SIGCONT: what the daemon is doing, in STATE_FILE. */
static void write_state(struct daemon *d)
{
	unsigned long long free_mib, total_mib;
	char tmp[] = STATE_FILE ".XXXXXX";
	time_t now = time(NULL);
	FILE *f;
	int fd;

	mkdir(STATE_DIR, 0755);
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		say(d, LOG_WARNING, "cannot write %s: %s", STATE_FILE,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	fprintf(f, "audit version = %s\n", AL_VERSION);
	fprintf(f, "current time = %s", ctime(&now));
	fprintf(f, "writing to logs = %s\n",
		!d->conf->write_logs ? "no" : d->log.suspended ? "no (suspended)" : "yes");
	if (d->conf->write_logs) {
		fprintf(f, "current log size = %lld KiB\n",
			(long long)d->log.size / 1024);
		fprintf(f, "max log size = %u KiB\n", d->conf->max_log_file * 1024);
		if (log_space(&d->log, &free_mib, &total_mib) == 0)
			fprintf(f, "logging partition free space = %llu MiB\n",
				free_mib);
		fprintf(f, "records dropped while suspended = %llu\n",
			d->log.dropped);
	}
	fprintf(f, "q_depth = %u\noverflow_action = %s\nmax_restarts = %u\n",
		d->conf->q_depth, overflow_name(d->conf->overflow_action),
		d->conf->max_restarts);
	dispatch_state(&d->disp, f);
	fchmod(fd, 0640);
	if (fclose(f) != 0 || rename(tmp, STATE_FILE) < 0) {
		say(d, LOG_WARNING, "cannot write %s: %s", STATE_FILE,
		    strerror(errno));
		unlink(tmp);
	}
}

static void handle_signals(struct daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == sizeof(si)) {
		struct sender s = { (pid_t)si.ssi_pid, (uid_t)si.ssi_uid };

		switch (si.ssi_signo) {
		case SIGTERM:
		case SIGINT:
			d->stop = true;
			d->stopper = s;
			break;
		case SIGHUP:
			reconfigure(d, &s);
			break;
		case SIGUSR1:
			/* a failure is reported by log_rotate */
			(void)log_rotate(&d->log,
					 d->conf->max_log_file_action.action ==
					 DA_KEEP_LOGS, NULL);
			break;
		case SIGUSR2:
			if (action_resume(&d->act, &d->log) == 0)
				sender_record(d, AUDIT_DAEMON_RESUME,
					      "resume-logging", &s, "success");
			break;
		case SIGCHLD:
			reap(d);
			break;
		case SIGCONT:
			write_state(d);
			break;
		}
	}
	log_flush(&d->log, false);
}

/* A remote record: logged as it came; to the plugins if asked. */
/* A record from a remote daemon: logged, and dispatched if asked. */
static void net_event_record(struct daemon *d, const char *line, size_t len)
{
	const char *t = memmem(line, len, "type=", 5);
	const char *msg = memmem(line, len, " msg=", 5);
	int type = 0;

	if (len + 2 > sizeof(d->line))
		len = sizeof(d->line) - 2;
	memcpy(d->line, line, len);
	/* one record, one line: a sender cannot make two */
	for (size_t i = 0; i < len; i++)
		if (d->line[i] == '\n' || d->line[i] == '\0')
			d->line[i] = ' ';
	d->line[len++] = '\n';
	d->line[len] = '\0';
	log_add(&d->log, d->line, len);
	if (!d->conf->distribute_network)
		return;
	if (t && msg && msg > t) {
		char name[64];

		snprintf(name, sizeof(name), "%.*s", (int)(msg - t - 5), t + 5);
		type = al_type_num(name);
	}
	if (type > 0 && msg)
		dispatch_record(&d->disp, type, msg + 5,
				(size_t)(line + len - 1 - (msg + 5)), d->line, len);
}

static void net_event(void *ctx, const char *line, size_t len)
{
	struct daemon *d = ctx;

	net_event_record(d, line, len);
	log_limit(&d->log);
}

static void net_record(void *ctx, int type, const char *text)
{
	daemon_record(ctx, type, "%s", text);
}

/* What a remote daemon is told of its records: kept, or why not. */
static uint32_t net_reply(void *ctx, const char **why)
{
	struct daemon *d = ctx;

	if (!d->conf->write_logs)
		return LISTEN_ACK;
	if (d->log.suspended || d->log.fd < 0) {
		*why = d->act.full_acted ? "disk full: logging suspended" :
			"disk error: logging suspended";
		return d->act.full_acted ? LISTEN_DISKFULL : LISTEN_DISKERROR;
	}
	if (d->act.space_acted || d->act.admin_acted) {
		*why = "disk space low";
		return LISTEN_DISKLOW;
	}
	return LISTEN_ACK;
}

static int run(struct daemon *d)
{
	time_t last_check = 0, last_report = time(NULL);

	while (!d->stop) {
		struct pollfd p[2 + 64 + 1 + LISTEN_MAX_CLIENTS] = {
			{ .fd = d->nl.fd, .events = POLLIN },
			{ .fd = d->sigfd, .events = POLLIN },
		};
		size_t nd = dispatch_pollfds(&d->disp, p + 2, 64);
		size_t nl = listen_pollfds(&d->lsn, p + 2 + nd,
					   1 + LISTEN_MAX_CLIENTS);
		size_t np = 2 + nd + nl;
		int err, rc, ready = poll(p, np, 1000);
		time_t now = time(NULL);

		if (ready < 0 && errno != EINTR)
			return -errno;
		if (ready > 0 && (p[0].revents & POLLIN)) {
			rc = receive(d, 0, &err);
			if (rc < 0) {
				say(d, LOG_ERR, "netlink receive failed: %s",
				    strerror(-rc));
				return rc;
			}
		}
		if (ready > 0 && (p[1].revents & POLLIN))
			handle_signals(d);
		if (ready > 0 && nl) {
			listen_ready(&d->lsn, p + 2 + nd, nl);
			/* in the log first, then answered */
			log_flush(&d->log, false);
			listen_answer(&d->lsn);
		}
		if (np > 2)
			dispatch_write(&d->disp);
		listen_tick(&d->lsn, now);
		/* what the collector logged of its own (a client closed) */
		if (d->log.len)
			log_flush(&d->log, false);
		if (now != last_check) {
			last_check = now;
			action_check_space(&d->act, &d->log);
		}
		if (d->conf->report_interval &&
		    now - last_report >= (time_t)d->conf->report_interval) {
			last_report = now;
			write_state(d);
		}
	}
	return 0;
}

/* The parent waits until the child says it is running (or why not). */
static void daemonize(struct daemon *d)
{
	int pfd[2];
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		perror("auditd: cannot daemonize");
		exit(EXIT_INIT);
	}
	if (pid > 0) {
		char code = EXIT_INIT;

		close(pfd[1]);
		if (read(pfd[0], &code, 1) != 1)
			code = EXIT_INIT;
		exit(code);
	}
	close(pfd[0]);
	d->notify_fd = pfd[1];
	setsid();
}

static void notify_parent(struct daemon *d, int code)
{
	char c = (char)code;
	int fd;

	if (d->notify_fd < 0)
		return;
	if (write(d->notify_fd, &c, 1) != 1)
		say(d, LOG_WARNING, "cannot tell the parent that we started");
	close(d->notify_fd);
	d->notify_fd = -1;
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	if (chdir("/") < 0)
		say(d, LOG_WARNING, "cannot chdir to /");
}

static void say_bad_plugin(void *ctx, const char *msg)
{
	unsigned *bad = ctx;

	fprintf(stderr, "auditd: %s\n", msg);
	(*bad)++;
}

/* -t: auditd.conf and the plugin files, each problem named. */
static int test_config(struct daemon *d)
{
	struct plugin_conf *confs;
	struct al_err err;
	unsigned bad = 0;
	size_t n;

	if (plugin_dir_load(d->conf->plugin_dir, &confs, &n, say_bad_plugin,
			    &bad, &err) < 0) {
		fprintf(stderr, "auditd: %s\n", err.msg);
		return EXIT_CONF;
	}
	free(confs);
	if (bad)
		return EXIT_CONF;
	printf("auditd: %s is valid (%zu plugin files)\n", d->conf_path, n);
	return 0;
}

static void usage(void)
{
	fputs("usage: auditd [-f] [-l] [-n] [-t] [-s disable|enable|nochange] [-c config_dir]\n"
	      "  -f  foreground, messages on stderr\n"
	      "  -l  follow symlinks for config files (always done)\n"
	      "  -n  do not fork\n"
	      "  -t  check the configuration and exit\n"
	      "  -s  what to do with the kernel's enabled flag at start (default enable)\n"
	      "  -c  the directory of auditd.conf and audit.rules (default /etc/audit)\n",
	      stderr);
}

static int parse_args(struct daemon *d, int argc, char **argv)
{
	int o;

	strcpy(d->conf_dir, "/etc/audit");
	d->enable = EN_ENABLE;
	opterr = 0;
	while ((o = getopt(argc, argv, "+:fnlts:c:h")) != -1) {
		const char *v = optarg;

		switch (o) {
		case 'f':
			d->foreground = true;
			break;
		case 'n':
			d->nofork = true;
			break;
		case 'l':
			break;
		case 't':
			d->test_only = true;
			break;
		case 's':
			if (*v == '=')
				v++;
			if (strcmp(v, "enable") == 0)
				d->enable = EN_ENABLE;
			else if (strcmp(v, "disable") == 0)
				d->enable = EN_DISABLE;
			else if (strcmp(v, "nochange") == 0)
				d->enable = EN_NOCHANGE;
			else
				return fprintf(stderr, "auditd: -s %s: want disable, enable or nochange\n", v), -1;
			break;
		case 'c':
			if (strlen(optarg) >= sizeof(d->conf_dir) - 16)
				return fprintf(stderr, "auditd: -c %s: path too long\n", optarg), -1;
			strcpy(d->conf_dir, optarg);
			break;
		case ':':
			return fprintf(stderr, "auditd: -%c needs a value\n", optopt), -1;
		case 'h':
			usage();
			exit(0);
		default:
			fprintf(stderr, "auditd: -%c: unknown option\n", optopt);
			usage();
			return -1;
		}
	}
	if (optind < argc)
		return fprintf(stderr, "auditd: %s: unexpected argument\n", argv[optind]), -1;
	snprintf(d->conf_path, sizeof(d->conf_path), "%s/auditd.conf", d->conf_dir);
	return 0;
}

static int setup_signals(struct daemon *d)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGCONT);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	/* past RLIMIT_FSIZE a write fails with EFBIG: a disk error, acted
	 * on as configured, not a reason to die */
	signal(SIGXFSZ, SIG_IGN);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return d->sigfd < 0 ? -errno : 0;
}

static int start(struct daemon *d)
{
	struct al_err err;
	struct utsname un;
	int rc, buf = RCVBUF;

	if (log_open(&d->log, d->conf, &err) < 0) {
		say(d, LOG_ERR, "%s", err.msg);
		return EXIT_INIT;
	}
	rc = setup_signals(d);
	if (rc == 0 && d->conf->local_events)
		rc = al_nl_open(&d->nl);
	if (rc < 0) {
		say(d, LOG_ERR, "cannot open the audit netlink socket: %s",
		    strerror(-rc));
		return EXIT_INIT;
	}
	if (d->conf->local_events &&
	    setsockopt(d->nl.fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)) < 0 &&
	    setsockopt(d->nl.fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf)) < 0)
		say(d, LOG_WARNING, "cannot enlarge the socket buffer: %s",
		    strerror(errno));
	if (listen_start(&d->lsn, d->conf, &err) < 0) {
		say(d, LOG_ERR, "%s", err.msg);
		return EXIT_INIT;
	}
	if (dispatch_start(&d->disp, d->conf, &err) < 0)
		say(d, LOG_ERR, "%s: no plugins", err.msg);
	uname(&un);
	daemon_record(d, AUDIT_DAEMON_START,
		      "op=start ver=%s format=%s kernel=%s auid=%u pid=%d uid=%u ses=%u res=success",
		      AL_VERSION, d->conf->log_format == FORMAT_RAW ? "raw" : "enriched",
		      un.release, read_proc_u(getpid(), "loginuid"), (int)getpid(),
		      (unsigned)getuid(), read_proc_u(getpid(), "sessionid"));
	log_flush(&d->log, false);
	rc = d->conf->local_events ? register_daemon(d, true) : 0;
	if (rc < 0) {
		say(d, LOG_ERR, "cannot register as the audit daemon: %s",
		    strerror(-rc));
		daemon_record(d, AUDIT_DAEMON_ABORT,
			      "op=register reason=\"%s\" pid=%d res=failed",
			      strerror(-rc), (int)getpid());
		log_flush(&d->log, true);
		return EXIT_INIT;
	}
	write_pid_file(d);
	if (d->conf->local_events) {
		find_auditctl(d);
		load_rules(d);
	}
	return 0;
}

static void finish(struct daemon *d)
{
	int rc = d->conf->local_events ? register_daemon(d, false) : 0;

	if (rc < 0)
		say(d, LOG_WARNING, "cannot unregister: %s", strerror(-rc));
	listen_stop(&d->lsn);
	if (d->conf->local_events && d->enable == EN_ENABLE) {
		struct audit_status st = { .mask = AUDIT_STATUS_ENABLED };

		(void)set_and_wait(d, &st);	/* fails if locked: fine */
	}
	sender_record(d, AUDIT_DAEMON_END, "terminate", &d->stopper, "success");
	dispatch_stop(&d->disp);
	log_close(&d->log);
	unlink(PID_FILE);
	al_nl_close(&d->nl);
}

int main(int argc, char **argv)
{
	struct daemon *d = calloc(1, sizeof(*d));
	struct al_err err;
	int rc;

	if (!d) {
		fputs("auditd: out of memory\n", stderr);
		return EXIT_INIT;
	}
	d->notify_fd = -1;
	d->sigfd = -1;
	d->nl.fd = -1;
	d->log.fd = -1;
	if (parse_args(d, argc, argv) < 0)
		return EXIT_ARGS;
	d->conf = malloc(sizeof(*d->conf));
	if (!d->conf) {
		fputs("auditd: out of memory\n", stderr);
		return EXIT_INIT;
	}
	if (conf_load(d->conf_path, d->conf, &err) < 0) {
		fprintf(stderr, "auditd: %s\n", err.msg);
		return EXIT_CONF;
	}
	if (d->test_only)
		return test_config(d);
	if (geteuid() != 0) {
		fputs("auditd: must be run as root\n", stderr);
		return EXIT_PRIV;
	}
	d->bufs = malloc(BATCH * sizeof(*d->bufs));
	if (!d->bufs) {
		fputs("auditd: out of memory\n", stderr);
		return EXIT_INIT;
	}
	openlog("auditd", LOG_PID, LOG_DAEMON);
	set_node(d);
	d->log.ctx = d;
	d->log.say = hook_say;
	d->log.report = log_report;
	d->log.before_rotate = rotate_record;
	d->act.ctx = d;
	d->act.say = hook_say;
	d->act.spawn = spawn;
	action_set_conf(&d->act, d->conf);
	d->disp.ctx = d;
	d->disp.say = hook_say;
	d->disp.spawn = spawn;
	d->lsn.fd = -1;
	d->lsn.ctx = d;
	d->lsn.say = hook_say;
	d->lsn.record = net_record;
	d->lsn.event = net_event;
	d->lsn.reply = net_reply;
	if (!d->foreground && !d->nofork)
		daemonize(d);
	rc = start(d);
	notify_parent(d, rc);
	if (rc)
		return rc;
	d->stopper = (struct sender){ getpid(), getuid() };
	rc = run(d);
	finish(d);
	free(d->bufs);
	free(d->conf);
	free(d);
	return rc < 0 ? EXIT_INIT : 0;
}
