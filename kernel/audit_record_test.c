// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for record formatting: the text helpers, escaping of
 * untrusted strings and growth of long records.  Records are built in a
 * private buffer and inspected, never queued.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "audit.h"

static struct audit_buffer *test_buffer(struct kunit *test)
{
	struct audit_buffer *ab = kunit_kzalloc(test, sizeof(*ab), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ab);
	ab->gfp = GFP_KERNEL;
	ab->skb = nlmsg_new(AUDIT_RECORD_START, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ab->skb);
	KUNIT_ASSERT_NOT_NULL(test, nlmsg_put(ab->skb, 0, 0, AUDIT_KERNEL, 0, 0));
	return ab;
}

/* The record's text as a NUL-terminated string owned by the test. */
static char *test_text(struct kunit *test, struct audit_buffer *ab)
{
	const char *text;
	unsigned int len = audit_record_text(ab->skb, &text);
	char *s = kunit_kzalloc(test, len + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	memcpy(s, text, len);
	kfree_skb(ab->skb);
	ab->skb = NULL;
	return s;
}

static void record_format(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);

	audit_log_format(ab, "op=%s n=%d", "set", 42);
	audit_log_format(ab, " res=%u", 1);
	KUNIT_EXPECT_STREQ(test, test_text(test, ab), "op=set n=42 res=1");
}

static void record_control_detection(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, audit_string_contains_control("plain", 5));
	KUNIT_EXPECT_FALSE(test, audit_string_contains_control("/usr/bin/a-b_c.d", 16));
	KUNIT_EXPECT_TRUE(test, audit_string_contains_control("two words", 9));
	KUNIT_EXPECT_TRUE(test, audit_string_contains_control("q\"uote", 6));
	KUNIT_EXPECT_TRUE(test, audit_string_contains_control("tab\there", 8));
	KUNIT_EXPECT_TRUE(test, audit_string_contains_control("del\x7f", 4));
	KUNIT_EXPECT_TRUE(test, audit_string_contains_control("\xc3\xa9t\xc3\xa9", 6));
	/* Only the first @len bytes count, and a NUL is a control byte. */
	KUNIT_EXPECT_FALSE(test, audit_string_contains_control("ok then", 2));
	KUNIT_EXPECT_TRUE(test, audit_string_contains_control("ok\0then", 7));
}

static void record_untrusted_quoted(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);

	audit_log_format(ab, "comm=");
	audit_log_untrustedstring(ab, "bash");
	KUNIT_EXPECT_STREQ(test, test_text(test, ab), "comm=\"bash\"");
}

static void record_untrusted_hex(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);

	audit_log_format(ab, "name=");
	audit_log_untrustedstring(ab, "a b\"\n");
	KUNIT_EXPECT_STREQ(test, test_text(test, ab), "name=612062220A");
}

static void record_n_untrusted_stops_at_n(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);

	audit_log_n_untrustedstring(ab, "abc def", 3);
	KUNIT_EXPECT_STREQ(test, test_text(test, ab), "\"abc\"");
}

static void record_hex(struct kunit *test)
{
	static const unsigned char bytes[] = { 0x00, 0x7f, 0xab, 0xff, 0x10 };
	struct audit_buffer *ab = test_buffer(test);

	audit_log_n_hex(ab, bytes, sizeof(bytes));
	KUNIT_EXPECT_STREQ(test, test_text(test, ab), "007FABFF10");
}

static void record_key(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);

	audit_log_format(ab, "x=1");
	audit_log_key(ab, "passwd");
	audit_log_key(ab, NULL);
	KUNIT_EXPECT_STREQ(test, test_text(test, ab),
			   "x=1 key=\"passwd\" key=(null)");
}

static void record_grows(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);
	char *big = kunit_kzalloc(test, 3001, GFP_KERNEL);
	char *text;

	KUNIT_ASSERT_NOT_NULL(test, big);
	memset(big, 'x', 3000);
	audit_log_format(ab, "a=%s", big);
	audit_log_untrustedstring(ab, big);
	text = test_text(test, ab);
	KUNIT_EXPECT_EQ(test, strlen(text), 2 + 3000 + 3000 + 2);
	KUNIT_EXPECT_EQ(test, text[strlen(text) - 1], '"');
}

static void record_capped(struct kunit *test)
{
	struct audit_buffer *ab = test_buffer(test);
	char *big = kunit_kzalloc(test, AUDIT_RECORD_MAX + 2, GFP_KERNEL);
	char *text;

	KUNIT_ASSERT_NOT_NULL(test, big);
	memset(big, 'y', AUDIT_RECORD_MAX + 1);
	audit_log_format(ab, "start ");
	/* Too long for any record: dropped, the record stays well formed. */
	audit_log_format(ab, "%s", big);
	audit_log_format(ab, "end");
	text = test_text(test, ab);
	KUNIT_EXPECT_STREQ(test, text, "start end");
}

static struct audit_buffer *no_memory(gfp_t gfp, int type)
{
	return NULL;
}

/* Memory exhaustion is a lost record like any other: counted, policed. */
static void record_alloc_failure_is_lost(struct kunit *test)
{
	u32 policy = READ_ONCE(audit_failure);
	int before = atomic_read(&audit_lost);

	WRITE_ONCE(audit_failure, AUDIT_FAIL_SILENT);
	kunit_activate_static_stub(test, audit_buffer_alloc, no_memory);
	KUNIT_EXPECT_NULL(test, audit_log_start(NULL, GFP_KERNEL, AUDIT_KERNEL));
	kunit_deactivate_static_stub(test, audit_buffer_alloc);
	WRITE_ONCE(audit_failure, policy);
	KUNIT_EXPECT_EQ(test, atomic_read(&audit_lost), before + 1);
	/* The kernel under test must not show the test's loss afterwards. */
	atomic_sub(1, &audit_lost);
}

static struct kunit_case audit_record_cases[] = {
	KUNIT_CASE(record_format),
	KUNIT_CASE(record_control_detection),
	KUNIT_CASE(record_untrusted_quoted),
	KUNIT_CASE(record_untrusted_hex),
	KUNIT_CASE(record_n_untrusted_stops_at_n),
	KUNIT_CASE(record_hex),
	KUNIT_CASE(record_key),
	KUNIT_CASE(record_grows),
	KUNIT_CASE(record_capped),
	KUNIT_CASE(record_alloc_failure_is_lost),
	{}
};

static struct kunit_suite audit_record_suite = {
	.name = "audit_record",
	.test_cases = audit_record_cases,
};

kunit_test_suite(audit_record_suite);

MODULE_LICENSE("GPL");
