// SPDX-License-Identifier: GPL-2.0
/* Small parsers: numbers, words of a rule line, "key = value" files. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "audit-lib.h"

int al_parse_ll(const char *s, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	if (*s == '-') {
		v = strtoll(s, &end, 0);
	} else {
		unsigned long long u = strtoull(s, &end, 0);

		if (u > (unsigned long long)INT64_MAX)
			return -ERANGE;
		v = (long long)u;
	}
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int al_split_words(char *line, char **argv, int max, struct al_err *err)
{
	int n = 0;
	char *p = line;

	for (;;) {
		char *w;

		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (n == max)
			return al_fail(err, "more than %d words", max);
		if (*p == '"') {
			w = ++p;
			while (*p && *p != '"')
				p++;
			if (!*p)
				return al_fail(err, "unterminated quote");
		} else {
			w = p;
			while (*p && !isspace((unsigned char)*p))
				p++;
		}
		argv[n++] = w;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int al_conf_parse_text(const char *name, char *text, al_conf_cb cb, void *ctx,
		       struct al_err *err)
{
	char *line = text;
	int lineno = 0;

	while (line && *line) {
		char *next = strchr(line, '\n');
		char *eq, *key, *value;
		struct al_err e;

		if (next)
			*next++ = '\0';
		lineno++;
		key = trim(line);
		line = next;
		if (*key == '\0' || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq)
			return al_fail(err, "%s:%d: no '=' in '%s'", name,
				       lineno, key);
		*eq = '\0';
		value = trim(eq + 1);
		key = trim(key);
		if (*key == '\0')
			return al_fail(err, "%s:%d: no option name before '='",
				       name, lineno);
		if (strpbrk(key, " \t"))
			return al_fail(err, "%s:%d: '%s' is not an option name",
				       name, lineno, key);
		if (*value == '\0')
			return al_fail(err, "%s:%d: no value for '%s'", name,
				       lineno, key);
		if (cb(key, value, ctx, &e) < 0)
			return al_fail(err, "%s:%d: %s", name, lineno, e.msg);
	}
	return 0;
}

/* Reads a whole regular file of at most MAX bytes, NUL-terminated. */
static char *read_file(const char *path, size_t max, struct al_err *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return al_fail(err, "%s: %s", path, strerror(errno)), NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > max) {
		close(fd);
		al_fail(err, "%s: not a regular file of at most %zu bytes",
			path, max);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		al_fail(err, "%s: out of memory", path);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	return buf;
}

int al_conf_parse_file(const char *path, al_conf_cb cb, void *ctx,
		       struct al_err *err)
{
	char *text = read_file(path, 1 << 20, err);
	int rc;

	if (!text)
		return -1;
	rc = al_conf_parse_text(path, text, cb, ctx, err);
	free(text);
	return rc;
}

size_t al_encode_value(const char *s, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	bool plain = true;
	size_t n = 0;

	if (outlen == 0)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == '"' || *p >= 0x7f)
			plain = false;
	if (plain) {
		n = (size_t)snprintf(out, outlen, "\"%s\"", s);
		return n < outlen ? n : outlen - 1;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (n + 3 > outlen)
			break;
		out[n++] = hex[*p >> 4];
		out[n++] = hex[*p & 15];
	}
	out[n] = '\0';
	return n;
}

void al_bprintf(struct al_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n < b->cap - b->len ? (size_t)n :
			  b->cap - b->len - 1;
}
