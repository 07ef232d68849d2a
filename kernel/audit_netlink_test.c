// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the validation of AUDIT_SET requests: what is refused,
 * and with which error, before anything is changed.
 */
#include <kunit/test.h>

#include "audit.h"

#define FULL sizeof(struct audit_status)

static int validate(u32 mask, struct audit_status s, size_t len, u32 enabled)
{
	s.mask = mask;
	return audit_status_validate(&s, len, enabled);
}

static void status_accepts_good(struct kunit *test)
{
	struct audit_status s = { .enabled = 1, .failure = 2, .rate_limit = 7,
				  .backlog_limit = 9, .backlog_wait_time = 0 };

	KUNIT_EXPECT_EQ(test, validate(0, s, FULL, 0), 0);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE |
				       AUDIT_STATUS_RATE_LIMIT |
				       AUDIT_STATUS_BACKLOG_LIMIT |
				       AUDIT_STATUS_BACKLOG_WAIT_TIME, s, FULL, 1), 0);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_LOST, s, FULL, 2), 0);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_PID, s, FULL, 2), 0);
}

static void status_rejects_bad_values(struct kunit *test)
{
	struct audit_status s = {};

	s.enabled = 3;
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_ENABLED, s, FULL, 0), -EINVAL);
	s.enabled = 0;
	s.failure = 3;
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_FAILURE, s, FULL, 0), -EINVAL);
	s.failure = 0;
	s.backlog_wait_time = 10 * 60 * HZ + 1;
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_BACKLOG_WAIT_TIME, s, FULL, 0),
			-EINVAL);
	/* A bad value refuses the whole request, good fields included. */
	s.enabled = 1;
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_ENABLED |
				       AUDIT_STATUS_BACKLOG_WAIT_TIME, s, FULL, 0),
			-EINVAL);
}

static void status_rejects_unknown_mask(struct kunit *test)
{
	struct audit_status s = {};

	KUNIT_EXPECT_EQ(test, validate(0x100, s, FULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, validate(0x80000000, s, FULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_LOST | AUDIT_STATUS_ENABLED,
				       s, FULL, 0), -EINVAL);
}

static void status_rejects_short(struct kunit *test)
{
	struct audit_status s = {};

	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_BACKLOG_WAIT_TIME, s,
				       offsetof(struct audit_status,
						backlog_wait_time), 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_ENABLED, s, 6, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, validate(0, s, 2, 0), -EINVAL);
	/* An old, shorter struct is fine for the fields it has. */
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_BACKLOG_LIMIT, s,
				       offsetofend(struct audit_status,
						   backlog_limit), 0), 0);
}

static void status_locked(struct kunit *test)
{
	struct audit_status s = { .enabled = 1 };

	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_ENABLED, s, FULL, 2), -EPERM);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_RATE_LIMIT, s, FULL, 2), -EPERM);
	KUNIT_EXPECT_EQ(test, validate(AUDIT_STATUS_ENABLED, s, FULL, 1), 0);
}

static struct kunit_case audit_status_cases[] = {
	KUNIT_CASE(status_accepts_good),
	KUNIT_CASE(status_rejects_bad_values),
	KUNIT_CASE(status_rejects_unknown_mask),
	KUNIT_CASE(status_rejects_short),
	KUNIT_CASE(status_locked),
	{}
};

static struct kunit_suite audit_status_suite = {
	.name = "audit_status",
	.test_cases = audit_status_cases,
};

kunit_test_suite(audit_status_suite);

MODULE_LICENSE("GPL");
