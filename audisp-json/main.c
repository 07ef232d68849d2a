// SPDX-License-Identifier: GPL-2.0
/*
 * audisp-json: a plugin of auditd (auditd-plugins(5), format = string)
 * that writes each event as one JSON object on one line:
 *
 *   {"time":"2026-12-02T23:59:40.149Z","timestamp":"1796255980.149",
 *    "serial":209,"node":"ourbox","records":[{"type":"SYSCALL",...},...]}
 *
 * The records of one serial (and node) go together; an event ends at
 * its EOE record, or TIMEOUT seconds after its last record for those
 * the kernel ends without one; user-space and daemon records are events
 * by themselves.  Each record is decoded as record.c says; the EXECVE
 * records of a long command line become one, with the whole argv.
 *
 *   audisp-json [-o FILE] [-s SIZE] [-n COUNT] [-t SECONDS] [-c CONF] [-N]
 *
 * Without -t, TIMEOUT is end_of_event_timeout of auditd.conf (CONF,
 * /etc/audit/auditd.conf by default), as for the auparse tools; 2 when
 * the file does not set it.
 *
 * SIGHUP reopens FILE (after an outside rotation); SIGTERM, SIGINT and
 * the end of the input write out the events still open, then exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/stat.h>

#include "json-event.h"

#define MAX_OPEN	256
#define DEFAULT_CONF	"/etc/audit/auditd.conf"

struct event {
	bool used;
	char node[256];
	char stamp[32];
	unsigned long serial;
	json_t *records;
	struct timespec last;		/* CLOCK_MONOTONIC of its last record */
	/* EXECVE: the first record, and the fields of all of them */
	json_t *execve;			/* borrowed from records */
	char *execve_fields;
	size_t execve_len;
	unsigned nexecve;
};

struct output {
	const char *path;		/* NULL: stdout */
	FILE *f;
	unsigned long long size, max;	/* bytes; max 0: no rotation */
	unsigned keep;
};

struct plugin {
	struct event ev[MAX_OPEN];
	struct output out;
	struct al_name_cache names;
	bool name_ids;
	unsigned timeout;
	bool timeout_set;		/* by -t */
	const char *conf;		/* -c, or NULL: the default file */
	int sigfd;
	bool stop, failed;
};

static void usage(FILE *f)
{
	fputs("usage: audisp-json [-o FILE] [-s SIZE] [-n COUNT] [-t SECONDS] [-c CONF] [-N]\n"
	      "  -o FILE     append the events to FILE (default: stdout)\n"
	      "  -s SIZE     rotate FILE at SIZE bytes (k, M, G suffixes; default 0: never)\n"
	      "  -n COUNT    rotated files kept, FILE.1 to FILE.COUNT (default 5)\n"
	      "  -t SECONDS  an event without EOE ends SECONDS after its last record\n"
	      "              (default: end_of_event_timeout of CONF, else 2)\n"
	      "  -c CONF     the auditd.conf read for it (default " DEFAULT_CONF ")\n"
	      "  -N          do not name ids, arch and syscall of records that come without names\n",
	      f);
}

static int out_open(struct output *o)
{
	struct stat st;
	int fd;

	if (!o->path) {
		o->f = stdout;
		return 0;
	}
	fd = open(o->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || !(o->f = fdopen(fd, "a"))) {
		fprintf(stderr, "audisp-json: %s: %s\n", o->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	o->size = fstat(fd, &st) == 0 ? (unsigned long long)st.st_size : 0;
	return 0;
}

static void out_close(struct output *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
}

/* FILE.(keep-1) to FILE.keep, ..., FILE to FILE.1, and a new FILE. */
static int out_rotate(struct output *o)
{
	char from[4096], to[4096];

	out_close(o);
	for (unsigned i = o->keep; i > 0; i--) {
		if (i == 1)
			snprintf(from, sizeof(from), "%s", o->path);
		else
			snprintf(from, sizeof(from), "%s.%u", o->path, i - 1);
		snprintf(to, sizeof(to), "%s.%u", o->path, i);
		if (rename(from, to) < 0 && errno != ENOENT)
			fprintf(stderr, "audisp-json: rename %s: %s\n", from,
				strerror(errno));
	}
	if (o->keep == 0 && unlink(o->path) < 0 && errno != ENOENT)
		fprintf(stderr, "audisp-json: %s: %s\n", o->path, strerror(errno));
	return out_open(o);
}

/* "2026-12-02T23:59:40.149Z" from "SEC.MSEC". */
static void iso_time(const char *stamp, char *out, size_t len)
{
	time_t sec = (time_t)strtoll(stamp, NULL, 10);
	const char *ms = strchr(stamp, '.');
	struct tm tm;

	gmtime_r(&sec, &tm);
	snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d.%.3sZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, ms ? ms + 1 : "000");
}

static void emit(struct plugin *pl, struct event *e)
{
	json_t *o = json_object();
	char iso[80];
	char *text;

	if (e->nexecve > 1)
		json_object_set_new(e->execve, "argv",
				    json_execve_argv(e->execve_fields, e->execve_len));
	free(e->execve_fields);
	e->execve_fields = NULL;
	iso_time(e->stamp, iso, sizeof(iso));
	json_object_set_new(o, "time", json_string(iso));
	json_object_set_new(o, "timestamp", json_string(e->stamp));
	json_object_set_new(o, "serial", json_integer((json_int_t)e->serial));
	if (e->node[0])
		json_object_set_new(o, "node", json_string(e->node));
	json_object_set(o, "records", e->records);
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (text && pl->out.f) {
		size_t n = strlen(text);

		if (fwrite(text, 1, n, pl->out.f) != n || fputc('\n', pl->out.f) == EOF) {
			fprintf(stderr, "audisp-json: writing: %s\n", strerror(errno));
			pl->failed = true;
		}
		pl->out.size += n + 1;
	}
	free(text);
	json_decref(e->records);
	e->records = NULL;
	e->used = false;
	if (pl->out.path && pl->out.max && pl->out.size >= pl->out.max) {
		fflush(pl->out.f);
		if (out_rotate(&pl->out) < 0)
			pl->failed = true;
	}
}

static struct event *find(struct plugin *pl, const struct json_record *r)
{
	for (size_t i = 0; i < MAX_OPEN; i++) {
		struct event *e = &pl->ev[i];

		if (e->used && e->serial == r->serial &&
		    !strcmp(e->stamp, r->stamp) && !strcmp(e->node, r->node))
			return e;
	}
	return NULL;
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static struct event *open_event(struct plugin *pl, const struct json_record *r)
{
	struct event *oldest = NULL;

	for (size_t i = 0; i < MAX_OPEN; i++) {
		struct event *e = &pl->ev[i];

		if (!e->used) {
			oldest = e;
			break;
		}
		if (!oldest || before(&e->last, &oldest->last))
			oldest = e;
	}
	/* all in use: the one waiting longest ends now */
	if (oldest->used)
		emit(pl, oldest);
	memset(oldest, 0, sizeof(*oldest));
	oldest->used = true;
	snprintf(oldest->node, sizeof(oldest->node), "%s", r->node);
	snprintf(oldest->stamp, sizeof(oldest->stamp), "%s", r->stamp);
	oldest->serial = r->serial;
	oldest->records = json_array();
	return oldest;
}

static void line(struct plugin *pl, const char *s, size_t len)
{
	struct json_record r;
	struct event *e;

	if (json_record_parse(s, len, pl->name_ids ? &pl->names : NULL, &r) < 0) {
		fprintf(stderr, "audisp-json: not a record, skipped: %.80s\n", s);
		return;
	}
	e = find(pl, &r);
	if (r.type == AUDIT_EOE) {
		json_decref(r.obj);
		if (e)
			emit(pl, e);
		return;
	}
	if (!e)
		e = open_event(pl, &r);
	if (r.type == AUDIT_EXECVE) {
		char *more = realloc(e->execve_fields, e->execve_len + r.body_len + 2);

		if (more) {
			more[e->execve_len++] = ' ';
			memcpy(more + e->execve_len, r.body, r.body_len);
			e->execve_len += r.body_len;
			more[e->execve_len] = '\0';
			e->execve_fields = more;
		}
		/* the arguments of the next ones go into the first one's argv */
		if (e->nexecve++) {
			json_decref(r.obj);
			clock_gettime(CLOCK_MONOTONIC, &e->last);
			return;
		}
		e->execve = r.obj;
	}
	json_array_append_new(e->records, r.obj);
	clock_gettime(CLOCK_MONOTONIC, &e->last);
	if (json_record_alone(r.type))
		emit(pl, e);
}

/* The events whose timeout passed (ALL: every open one), oldest first. */
static void expire(struct plugin *pl, bool all)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	for (;;) {
		struct event *oldest = NULL;

		for (size_t i = 0; i < MAX_OPEN; i++) {
			struct event *e = &pl->ev[i];

			if (e->used && (all || now.tv_sec - e->last.tv_sec >=
					(time_t)pl->timeout) &&
			    (!oldest || before(&e->last, &oldest->last)))
				oldest = e;
		}
		if (!oldest)
			return;
		emit(pl, oldest);
	}
}

static bool any_open(const struct plugin *pl)
{
	for (size_t i = 0; i < MAX_OPEN; i++)
		if (pl->ev[i].used)
			return true;
	return false;
}

static void signals(struct plugin *pl)
{
	struct signalfd_siginfo si;

	while (read(pl->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP && pl->out.path) {
			out_close(&pl->out);
			if (out_open(&pl->out) < 0)
				pl->failed = true;
		} else if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
			pl->stop = true;
		}
	}
}

static unsigned long long size_arg(const char *s, bool *ok)
{
	char *end;
	unsigned long long n = strtoull(s, &end, 10);

	*ok = end != s;
	switch (*end) {
	case 'k': case 'K': n <<= 10; end++; break;
	case 'M': n <<= 20; end++; break;
	case 'G': n <<= 30; end++; break;
	}
	*ok = *ok && *end == '\0';
	return n;
}

static int eoe_key(const char *key, const char *value, void *ctx,
		   struct al_err *err)
{
	long long n;

	if (strcasecmp(key, "end_of_event_timeout") != 0)
		return 0;
	if (al_parse_ll(value, 1, 86400, &n) < 0)
		return al_fail(err, "end_of_event_timeout: '%s' is not seconds from 1 to 86400", value);
	*(unsigned *)ctx = (unsigned)n;
	return 0;
}

/* The timeout of auditd.conf, unless -t gave one.  The default file may
 * be absent; a file named with -c must be there. */
static int conf_timeout(struct plugin *pl)
{
	const char *path = pl->conf ? pl->conf : DEFAULT_CONF;
	struct al_err err;

	if (pl->timeout_set)
		return 0;
	if (!pl->conf && access(path, F_OK) < 0 && errno == ENOENT)
		return 0;
	if (al_conf_parse_file(path, eoe_key, &pl->timeout, &err) < 0)
		return fprintf(stderr, "audisp-json: %s\n", err.msg), -1;
	return 0;
}

static int parse_args(struct plugin *pl, int argc, char **argv)
{
	int o;
	bool ok;
	char *end;

	pl->out.keep = 5;
	pl->timeout = 2;
	pl->name_ids = true;
	while ((o = getopt(argc, argv, "o:s:n:t:c:Nh")) != -1) {
		switch (o) {
		case 'o':
			pl->out.path = optarg;
			break;
		case 's':
			pl->out.max = size_arg(optarg, &ok);
			if (!ok)
				return fprintf(stderr, "audisp-json: -s %s: not a size\n", optarg), -1;
			break;
		case 'n':
			pl->out.keep = (unsigned)strtoul(optarg, &end, 10);
			if (*end || end == optarg || pl->out.keep > 999)
				return fprintf(stderr, "audisp-json: -n %s: not a count from 0 to 999\n", optarg), -1;
			break;
		case 't':
			pl->timeout = (unsigned)strtoul(optarg, &end, 10);
			if (*end || end == optarg || pl->timeout > 3600)
				return fprintf(stderr, "audisp-json: -t %s: not seconds from 0 to 3600\n", optarg), -1;
			pl->timeout_set = true;
			break;
		case 'c':
			pl->conf = optarg;
			break;
		case 'N':
			pl->name_ids = false;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc)
		return fprintf(stderr, "audisp-json: %s: unexpected argument\n", argv[optind]), -1;
	if (pl->out.max && !pl->out.path)
		return fprintf(stderr, "audisp-json: -s needs -o FILE\n"), -1;
	return conf_timeout(pl);
}

int main(int argc, char **argv)
{
	struct plugin *pl = calloc(1, sizeof(*pl));
	size_t cap = 1 << 16, have = 0;
	char *buf = malloc(cap);
	sigset_t set;
	int rc;

	if (!pl || !buf) {
		fputs("audisp-json: out of memory\n", stderr);
		return 1;
	}
	if (parse_args(pl, argc, argv) < 0)
		return 2;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pl->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (pl->sigfd < 0 || out_open(&pl->out) < 0)
		return 1;
	while (!pl->stop && !pl->failed) {
		struct pollfd p[2] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = pl->sigfd, .events = POLLIN },
		};
		int ready = poll(p, 2, any_open(pl) ? 500 : -1);
		ssize_t n;
		char *s, *nl;

		if (ready < 0 && errno != EINTR)
			break;
		if (ready > 0 && (p[1].revents & POLLIN))
			signals(pl);
		if (ready > 0 && (p[0].revents & (POLLIN | POLLHUP))) {
			if (have == cap) {
				/* a line longer than the buffer: room for it */
				char *more = realloc(buf, cap * 2);

				if (!more)
					break;
				buf = more;
				cap *= 2;
			}
			n = read(STDIN_FILENO, buf + have, cap - have);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			have += (size_t)n;
			for (s = buf; (nl = memchr(s, '\n', have - (size_t)(s - buf))); s = nl + 1)
				line(pl, s, (size_t)(nl - s));
			have -= (size_t)(s - buf);
			memmove(buf, s, have);
		}
		expire(pl, false);
		if (pl->out.f)
			fflush(pl->out.f);
	}
	if (have)
		line(pl, buf, have);
	expire(pl, true);
	if (pl->out.f && fflush(pl->out.f) != 0)
		pl->failed = true;
	out_close(&pl->out);
	rc = pl->failed ? 1 : 0;
	free(buf);
	free(pl);
	return rc;
}
