/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal harness for the userspace unit tests: CHECK() records a
 * failure and goes on; main() returns unit_done(), non-zero on failure.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_checks, unit_failures;

#define CHECK(cond) do {						\
	unit_checks++;							\
	if (!(cond)) {							\
		unit_failures++;					\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	unit_checks++;							\
	if (!g_ || strcmp(g_, w_) != 0) {				\
		unit_failures++;					\
		printf("FAIL %s:%d: got '%s'\n     want '%s'\n",		\
		       __FILE__, __LINE__, g_ ? g_ : "(null)", w_);	\
	}								\
} while (0)

/* Whether HAY contains NEEDLE, reporting HAY when it does not. */
#define CHECK_HAS(hay, needle) do {					\
	const char *h_ = (hay), *n_ = (needle);				\
	unit_checks++;							\
	if (!h_ || !strstr(h_, n_)) {					\
		unit_failures++;					\
		printf("FAIL %s:%d: '%s' lacks '%s'\n", __FILE__,	\
		       __LINE__, h_ ? h_ : "(null)", n_);		\
	}								\
} while (0)

static inline int unit_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

#endif
