/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench: system call microbenchmarks for `make bench` (scripts/bench).
 * Built -static, so that every kernel runs exactly the same binary with
 * no dynamic loader in the way.
 *
 *   bench DIR N              getppid, open+close and stat, N calls each
 *                            (open+close: N/2 pairs); prints
 *                            "getppid NS", "open NS", "stat NS"
 *   bench -f DIR N           the file load: N rounds of open(O_CREAT) +
 *                            write + close + unlink in DIR; prints "file NS"
 *   bench -t SECONDS         getppid for SECONDS; prints "calls N", "ns NS"
 *
 * NS is nanoseconds per call (per round for the file load, per pair for
 * open+close), from CLOCK_MONOTONIC: the median of five timed chunks,
 * after a warm-up.
 * Raw system calls (syscall(2)), so that libc never caches or substitutes
 * one: getppid, openat, close, stat.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void do_getppid(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static const char *target;

static void do_open(long n)
{
	for (long i = 0; i < n; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, target, O_RDONLY);

		if (fd < 0)
			die(target);
		syscall(SYS_close, fd);
	}
}

static void do_stat(long n)
{
	struct stat st;

	for (long i = 0; i < n; i++)
		if (syscall(SYS_stat, target, &st))
			die(target);
}

static const char *loadfile;

static void do_file(long n)
{
	for (long i = 0; i < n; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, loadfile,
				  O_CREAT | O_WRONLY | O_TRUNC, 0600);

		if (fd < 0)
			die(loadfile);
		if (syscall(SYS_write, fd, "x", 1) != 1)
			die("write");
		syscall(SYS_close, fd);
		if (syscall(SYS_unlink, loadfile))
			die("unlink");
	}
}

/*
 * Nanoseconds per iteration of fn: after a warm-up, CHUNKS timed runs of
 * n / CHUNKS iterations each, and the median of the chunks, so that a
 * burst of load elsewhere on the host spoils one chunk, not the result.
 */
#define CHUNKS 5

static double measure(void (*fn)(long), long n)
{
	double ns[CHUNKS], t0, tmp;
	long per = n / CHUNKS > 0 ? n / CHUNKS : 1;

	fn(per / 4 + 1);
	for (int i = 0; i < CHUNKS; i++) {
		t0 = now_ns();
		fn(per);
		ns[i] = (now_ns() - t0) / per;
		for (int j = i; j > 0 && ns[j] < ns[j - 1]; j--) {
			tmp = ns[j];
			ns[j] = ns[j - 1];
			ns[j - 1] = tmp;
		}
	}
	return ns[CHUNKS / 2];
}

static char *path_in(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		die("asprintf");
	return p;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "-t")) {
		double secs = atof(argv[2]), t0 = now_ns(), end, t;
		long calls = 0;

		end = t0 + secs * 1e9;
		do {
			do_getppid(256);
			calls += 256;
			t = now_ns();
		} while (t < end);
		printf("calls %ld\nns %.1f\n", calls, (t - t0) / calls);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "-f")) {
		loadfile = path_in(argv[2], "load");
		printf("file %.1f\n", measure(do_file, atol(argv[3])));
		return 0;
	}
	if (argc == 3) {
		long n = atol(argv[2]);
		int fd;

		target = path_in(argv[1], "target");
		fd = open(target, O_CREAT | O_WRONLY, 0600);
		if (fd < 0)
			die(target);
		close(fd);
		printf("getppid %.1f\n", measure(do_getppid, n));
		printf("open %.1f\n", measure(do_open, n / 2));
		printf("stat %.1f\n", measure(do_stat, n));
		return 0;
	}
	fprintf(stderr, "usage: bench DIR N | bench -f DIR N | bench -t SECONDS\n");
	return 2;
}
