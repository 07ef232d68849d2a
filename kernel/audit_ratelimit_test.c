// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the records-per-second limiter, driven by a fake clock.
 */
#include <kunit/test.h>
#include <linux/time64.h>

#include "audit.h"

static void ratelimit_unlimited(struct kunit *test)
{
	struct audit_ratelimit rl;
	int i;

	audit_ratelimit_init(&rl, 0, 0);
	for (i = 0; i < 100000; i++)
		KUNIT_ASSERT_TRUE(test, audit_ratelimit_allow(&rl, 0));
}

static void ratelimit_burst_then_refuse(struct kunit *test)
{
	struct audit_ratelimit rl;
	int i;

	audit_ratelimit_init(&rl, 5, 1000);
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, 1000));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, 1000));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, 1000));
}

static void ratelimit_refills_with_time(struct kunit *test)
{
	struct audit_ratelimit rl;
	u64 t = 0;
	int i;

	audit_ratelimit_init(&rl, 10, t);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, t));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, t));
	/* A tenth of a second buys exactly one record at 10/s. */
	t += NSEC_PER_SEC / 10;
	KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, t));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, t));
	/* A long quiet spell refills no more than one second's worth. */
	t += 100 * NSEC_PER_SEC;
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, t));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, t));
}

static void ratelimit_long_run_rate(struct kunit *test)
{
	struct audit_ratelimit rl;
	int allowed = 0;
	u64 t;

	/* 100/s offered 1000/s for ten seconds: about 100*10 + burst. */
	audit_ratelimit_init(&rl, 100, 0);
	for (t = 0; t < 10 * NSEC_PER_SEC; t += NSEC_PER_MSEC)
		allowed += audit_ratelimit_allow(&rl, t);
	KUNIT_EXPECT_GE(test, allowed, 1000);
	KUNIT_EXPECT_LE(test, allowed, 1101);
}

static void ratelimit_clock_backwards(struct kunit *test)
{
	struct audit_ratelimit rl;

	audit_ratelimit_init(&rl, 1, 5 * NSEC_PER_SEC);
	KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, 5 * NSEC_PER_SEC));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, NSEC_PER_SEC));
}

static void ratelimit_set_resets(struct kunit *test)
{
	struct audit_ratelimit rl;

	audit_ratelimit_init(&rl, 1, 0);
	KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, 0));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, 0));
	audit_ratelimit_set(&rl, 0, 0);
	KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, 0));
	audit_ratelimit_set(&rl, 2, 0);
	KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, 0));
	KUNIT_EXPECT_TRUE(test, audit_ratelimit_allow(&rl, 0));
	KUNIT_EXPECT_FALSE(test, audit_ratelimit_allow(&rl, 0));
}

static struct kunit_case audit_ratelimit_cases[] = {
	KUNIT_CASE(ratelimit_unlimited),
	KUNIT_CASE(ratelimit_burst_then_refuse),
	KUNIT_CASE(ratelimit_refills_with_time),
	KUNIT_CASE(ratelimit_long_run_rate),
	KUNIT_CASE(ratelimit_clock_backwards),
	KUNIT_CASE(ratelimit_set_resets),
	{}
};

static struct kunit_suite audit_ratelimit_suite = {
	.name = "audit_ratelimit",
	.test_cases = audit_ratelimit_cases,
};

kunit_test_suite(audit_ratelimit_suite);

MODULE_LICENSE("GPL");
