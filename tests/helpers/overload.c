/* SPDX-License-Identifier: GPL-2.0 */
/*
 * overload: the load generator, the kill-safe reader and the log tally of
 * the overload tests (tests/integration/delivery/overload-*.sh), where every event
 * is exactly one record so that generated = logged + lost can be checked
 * to the unit.
 *
 *   overload gen [--user N] [--sysc M] [--rate R] --seconds T --tag TAG
 *       Forks N workers sending AUDIT_USER messages "TAG w=I n=K" (each
 *       acked) and M workers calling fcntl(777, F_GETFD, K) (fd 777 is
 *       /dev/null; K in a2 numbers the call), all as fast as they can for
 *       T seconds, started together; with --rate, each at most R events
 *       a second.  A worker counts what it generated:
 *       messages the kernel acked with 0, calls that succeeded.  Prints a
 *       line per worker and the totals:
 *         "worker I user|sysc pid=P generated=G failed=F"
 *         "generated user=U sysc=S failed=F"
 *   overload reader OUT [--rcvbuf N]
 *       Registers as the audit daemon and appends each record to OUT as
 *       "TYPE TEXT".  It reads each datagram with MSG_PEEK, writes it,
 *       and only then takes it off the socket, so that a SIGKILL at any
 *       moment loses nothing the process took from the kernel: what it
 *       never wrote is still in the socket's queue.  (A record may be
 *       written twice, when the kill falls between the write and the
 *       dequeue; the tally counts serials once.)
 *       Prints "registered" on stdout once the kernel acked.
 *   overload trim LOG
 *       Cuts LOG after its last newline: a reader killed in the middle of
 *       a write (tmpfs stops between pages on a fatal signal) may leave
 *       half a line, whose record then counts as not written.  Prints
 *       the number of bytes cut.
 *   overload tally LOG TAG KEY
 *       Reads a log written by the reader ("TYPE TEXT") or by auditd
 *       ("type=NAME msg=audit(...): ..."), and prints, on one line:
 *         user=U      distinct serials of USER records with msg='TAG ...
 *         sysc=S      distinct serials of SYSCALL records with key="KEY"
 *         dups=D      lines seen again, word for word (same serial)
 *         extra=E     other records sharing a serial with a test record
 *                     (an event of more than one record)
 *         first=A last=B  the lowest and highest serial of the kernel's
 *                     records (daemon records, types 1200-1299, excluded)
 *         gaps=G      serials between A and B that no kernel record has
 *         records=R   lines with a stamp
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testnl.h"

#define TEST_FD		777
#define MAX_WORKERS	64

static void die(const char *what)
{
	fprintf(stderr, "overload: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* ---- gen ---- */

static volatile sig_atomic_t time_up;
static long rate;		/* events a second per worker; 0: no limit */
static struct timespec started;

/* With --rate: sleeps until event @n is due. */
static void pace(unsigned long n)
{
	struct timespec due;
	long long ns;

	if (!rate)
		return;
	ns = (long long)n * 1000000000LL / rate;
	due.tv_sec = started.tv_sec + (time_t)(ns / 1000000000LL);
	due.tv_nsec = started.tv_nsec + (long)(ns % 1000000000LL);
	if (due.tv_nsec >= 1000000000L) {
		due.tv_sec++;
		due.tv_nsec -= 1000000000L;
	}
	while (!time_up &&
	       clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) == EINTR)
		;
}

static void on_alarm(int sig)
{
	(void)sig;
	time_up = 1;
}

struct result {
	int worker;
	int sysc;
	int pid;
	unsigned long generated, failed;
	int last_error;
};

static void user_worker(int w, const char *tag, struct result *res)
{
	struct al_nl nl;

	/* A message may wait for backlog room as long as the kernel says. */
	tnl_open(&nl, -1, "overload");

	while (!time_up) {
		char text[200];
		int err;

		pace(res->generated + res->failed);
		if (time_up)
			break;
		snprintf(text, sizeof(text), "%s w=%d n=%lu", tag, w,
			 res->generated);
		err = al_send_user(&nl, AUDIT_USER, text);
		if (err == 0) {
			res->generated++;
		} else {
			res->failed++;
			res->last_error = err;
		}
	}
	al_nl_close(&nl);
}

static void sysc_worker(struct result *res)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd < 0 || dup2(fd, TEST_FD) < 0)
		die("/dev/null as fd 777");
	close(fd);
	while (!time_up) {
		long r;

		pace(res->generated + res->failed);
		if (time_up)
			break;
		/* The raw call: a2 reaches the kernel (and the record) as is. */
		r = syscall(SYS_fcntl, TEST_FD, F_GETFD, res->generated);

		if (r >= 0) {
			res->generated++;
		} else {
			res->failed++;
			res->last_error = -errno;
		}
	}
}

static int cmd_gen(int argc, char **argv)
{
	int users = 0, syscs = 0, seconds = 0, go[2], done[2];
	const char *tag = NULL;
	struct result got = { 0 };
	unsigned long user_total = 0, sysc_total = 0, failed_total = 0;
	int workers, reported = 0, bad = 0;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--user"))
			users = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--sysc"))
			syscs = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--seconds"))
			seconds = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--rate"))
			rate = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--tag"))
			tag = argv[i + 1];
		else
			goto usage;
	}
	workers = users + syscs;
	if (argc % 2 || !tag || seconds <= 0 || users < 0 || syscs < 0 ||
	    workers <= 0 || workers > MAX_WORKERS || rate < 0)
		goto usage;
	if (pipe(go) < 0 || pipe(done) < 0)
		die("pipe");
	fflush(stdout);
	for (int w = 0; w < workers; w++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			struct sigaction sa = { .sa_handler = on_alarm,
						.sa_flags = SA_RESTART };
			struct result res = { .worker = w, .sysc = w >= users,
					      .pid = (int)getpid() };
			char c;

			close(go[1]);
			close(done[0]);
			sigemptyset(&sa.sa_mask);
			sigaction(SIGALRM, &sa, NULL);
			/* All start when the parent closes the pipe. */
			while (read(go[0], &c, 1) < 0 && errno == EINTR)
				;
			clock_gettime(CLOCK_MONOTONIC, &started);
			alarm((unsigned)seconds);
			if (res.sysc)
				sysc_worker(&res);
			else
				user_worker(w, tag, &res);
			/* One small write: atomic on a pipe. */
			if (write(done[1], &res, sizeof(res)) != sizeof(res))
				_exit(3);
			_exit(0);
		}
	}
	close(go[0]);
	close(done[1]);
	close(go[1]);
	for (;;) {
		ssize_t n = read(done[0], &got, sizeof(got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (n != sizeof(got)) {
			bad = 1;
			break;
		}
		reported++;
		printf("worker %d %s pid=%d generated=%lu failed=%lu",
		       got.worker, got.sysc ? "sysc" : "user", got.pid,
		       got.generated, got.failed);
		if (got.failed)
			printf(" last_error=%d", got.last_error);
		printf("\n");
		if (got.sysc)
			sysc_total += got.generated;
		else
			user_total += got.generated;
		failed_total += got.failed;
	}
	while (wait(NULL) > 0)
		;
	printf("generated user=%lu sysc=%lu failed=%lu\n", user_total,
	       sysc_total, failed_total);
	if (bad || reported != workers) {
		fprintf(stderr, "overload: %d of %d workers reported\n",
			reported, workers);
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: overload gen [--user N] [--sysc M] [--rate R] --seconds T --tag TAG\n");
	return 2;
}

/* ---- reader ---- */

static int cmd_reader(int argc, char **argv)
{
	static char buf[16384], line[16384 + 16];
	struct al_nl nl;
	int out, rcvbuf = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rcvbuf") && i + 1 < argc) {
			rcvbuf = atoi(argv[++i]);
		} else {
			fprintf(stderr, "overload reader: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	out = open(argv[0], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (out < 0)
		die(argv[0]);
	tnl_open(&nl, -1, "overload");
	if (rcvbuf && setsockopt(nl.fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
				 sizeof(rcvbuf)) < 0)
		die("SO_RCVBUFFORCE");
	if (tnl_register_say(&nl))
		return 1;
	for (;;) {
		ssize_t n = recv(nl.fd, buf, sizeof(buf), MSG_PEEK);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		size_t len;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				/* The socket overflowed: say so in the log. */
				if (write(out, "ENOBUFS\n", 8) != 8)
					die("write");
				continue;
			}
			die("recv");
		}
		if ((size_t)n >= NLMSG_HDRLEN && h->nlmsg_type != NLMSG_ERROR &&
		    h->nlmsg_type != NLMSG_DONE) {
			/* The daemon protocol: nlmsg_len is the payload's. */
			len = tnl_record_line(line, sizeof(line), buf, (size_t)n,
					      false);
			if (write(out, line, len) != (ssize_t)len)
				die("write");
		}
		/* Written: now take it off the queue. */
		while (recv(nl.fd, buf, 1, MSG_TRUNC) < 0) {
			if (errno != EINTR && errno != ENOBUFS)
				die("recv");
		}
	}
}

/* ---- trim ---- */

static int cmd_trim(int argc, char **argv)
{
	const char *path = argv[0];
	int fd = open(path, O_RDWR | O_CLOEXEC);
	off_t end, pos;
	char c;

	(void)argc;
	if (fd < 0)
		die(path);
	end = lseek(fd, 0, SEEK_END);
	for (pos = end; pos > 0; pos--) {
		if (pread(fd, &c, 1, pos - 1) != 1)
			die("pread");
		if (c == '\n')
			break;
	}
	if (pos != end && ftruncate(fd, pos) < 0)
		die("ftruncate");
	close(fd);
	printf("%lld\n", (long long)(end - pos));
	return 0;
}

/* ---- tally ---- */

struct rec {
	unsigned serial;
	unsigned type;		/* a hash of the type's name or number */
	unsigned text;		/* a hash of the whole line */
	unsigned char test;	/* 1 user, 2 sysc, 0 other */
};

static int rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	if (x->serial != y->serial)
		return x->serial < y->serial ? -1 : 1;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->text != y->text)
		return x->text < y->text ? -1 : 1;
	return (int)x->test - (int)y->test;
}

static unsigned hash(const char *s, size_t n)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Is the record a daemon's own (DAEMON_*, types 1200-1299)? */
static int daemon_record(const char *line, size_t typelen)
{
	if (!strncmp(line, "type=DAEMON_", 12))
		return 1;
	if (typelen == 4 && line[0] == '1' && line[1] == '2')
		return 1;
	return 0;
}

static int cmd_tally(int argc, char **argv)
{
	FILE *f = fopen(argv[0], "r");
	const char *tag = argv[1], *key = argv[2];
	char user_pat[256], key_pat[256];
	struct rec *recs = NULL;
	size_t nrec = 0, cap = 0, len = 0;
	char *line = NULL;
	ssize_t got;
	unsigned long users = 0, syscs = 0, dups = 0, extra = 0, gaps = 0;
	unsigned first = 0, last = 0;

	(void)argc;
	if (!f)
		die(argv[0]);
	snprintf(user_pat, sizeof(user_pat), "msg='%s ", tag);
	snprintf(key_pat, sizeof(key_pat), "key=\"%s\"", key);
	while ((got = getline(&line, &len, f)) > 0) {
		char *stamp = strstr(line, "audit(");
		char *colon, *end;
		unsigned long serial;
		size_t typelen = strcspn(line, " ");
		struct rec r;

		if (!stamp)
			continue;
		colon = strchr(stamp, ':');
		if (!colon)
			continue;
		serial = strtoul(colon + 1, &end, 10);
		if (end == colon + 1 || *end != ')')
			continue;
		if (daemon_record(line, typelen))
			continue;
		r.serial = (unsigned)serial;
		r.type = hash(line, typelen);
		r.text = hash(line, (size_t)got);
		r.test = 0;
		/* USER is type 1005. */
		if ((!strncmp(line, "type=USER ", 10) || !strncmp(line, "1005 ", 5)) &&
		    strstr(line, user_pat))
			r.test = 1;
		else if ((!strncmp(line, "type=SYSCALL ", 13) ||
			  !strncmp(line, "1300 ", 5)) && strstr(line, key_pat))
			r.test = 2;
		if (nrec == cap) {
			cap = cap ? 2 * cap : 65536;
			recs = realloc(recs, cap * sizeof(*recs));
			if (!recs)
				die("realloc");
		}
		recs[nrec++] = r;
	}
	fclose(f);
	free(line);
	qsort(recs, nrec, sizeof(*recs), rec_cmp);
	for (size_t i = 0; i < nrec;) {
		size_t j = i;
		int test = 0, types = 0;

		/* One serial: recs[i..j). */
		while (j < nrec && recs[j].serial == recs[i].serial) {
			if (j > i && recs[j].type == recs[j - 1].type &&
			    recs[j].text == recs[j - 1].text)
				dups++;
			else if (j == i || recs[j].type != recs[j - 1].type)
				types++;
			if (recs[j].test)
				test = recs[j].test;
			j++;
		}
		if (test == 1)
			users++;
		else if (test == 2)
			syscs++;
		if (test && types > 1)
			extra += (unsigned long)types - 1;
		if (i == 0)
			first = recs[i].serial;
		else if (recs[i].serial > last + 1)
			gaps += recs[i].serial - last - 1;
		last = recs[i].serial;
		i = j;
	}
	printf("user=%lu sysc=%lu dups=%lu extra=%lu first=%u last=%u gaps=%lu records=%zu\n",
	       users, syscs, dups, extra, first, last, gaps, nrec);
	free(recs);
	return 0;
}

static const struct tnl_cmd cmds[] = {
	{ "gen", 0, -1, cmd_gen, "gen [--user N] [--sysc M] [--rate R] --seconds T --tag TAG" },
	{ "reader", 1, -1, cmd_reader, "reader OUT [--rcvbuf N]" },
	{ "trim", 1, 1, cmd_trim, "trim LOG" },
	{ "tally", 3, 3, cmd_tally, "tally LOG TAG KEY" },
	{ 0 }
};

int main(int argc, char **argv)
{
	return tnl_main("overload", cmds, argc, argv);
}
