/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysc: calls one system call with the arguments given, so that the
 * integration tests can drive a0..a3, exit and success exactly.
 *
 *   sysc [--pers N] [--pidfile F] [--wait G] NR [ARG...]
 *
 * Up to six arguments; "s:TEXT" passes a pointer to TEXT, "x:HEX" a
 * pointer to the bytes HEX spells (a sockaddr, a struct), "sock:F:T" the
 * descriptor of a new socket(F, T, 0); anything else is a number
 * (strtoull base 0; "-9" is allowed).  --pers calls
 * personality(N) first; --pidfile writes our pid to F and --wait then
 * waits until G exists (so a test can write a rule naming our pid).
 * Prints "ret=R errno=E" and exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The bytes of "x:HEX", decoded in place (they are never longer). */
static long hex_bytes(char *s)
{
	unsigned char *out = (unsigned char *)s;
	size_t i, n = strlen(s) / 2;

	for (i = 0; i < n; i++) {
		char two[3] = { s[2 * i], s[2 * i + 1], 0 };

		out[i] = (unsigned char)strtoul(two, NULL, 16);
	}
	return (long)s;
}

static long arg(char *s)
{
	if (!strncmp(s, "s:", 2))
		return (long)(s + 2);
	if (!strncmp(s, "x:", 2))
		return hex_bytes(s + 2);
	if (!strncmp(s, "sock:", 5)) {
		char *t = strchr(s + 5, ':');

		return socket(atoi(s + 5), t ? atoi(t + 1) : SOCK_STREAM, 0);
	}
	if (s[0] == '-')
		return strtoll(s, NULL, 0);
	return (long)strtoull(s, NULL, 0);
}

int main(int argc, char **argv)
{
	const char *pidfile = NULL, *wait = NULL;
	long a[6] = { 0 }, nr, ret;
	int i = 1, n;

	while (i + 1 < argc && !strncmp(argv[i], "--", 2)) {
		if (!strcmp(argv[i], "--pers"))
			personality((unsigned long)arg(argv[i + 1]));
		else if (!strcmp(argv[i], "--pidfile"))
			pidfile = argv[i + 1];
		else if (!strcmp(argv[i], "--wait"))
			wait = argv[i + 1];
		else
			break;
		i += 2;
	}
	if (i >= argc || argc - i - 1 > 6) {
		fprintf(stderr, "usage: sysc [--pers N] [--pidfile F] [--wait G] NR [ARG...]\n");
		return 2;
	}
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");

		if (!f)
			return 2;
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
	if (wait) {
		struct stat st;

		while (stat(wait, &st) < 0)
			usleep(20000);
	}
	nr = arg(argv[i]);
	for (n = 0; i + 1 + n < argc; n++)
		a[n] = arg(argv[i + 1 + n]);
	errno = 0;
	ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	printf("ret=%ld errno=%d\n", ret, ret < 0 ? errno : 0);
	return 0;
}
