// SPDX-License-Identifier: GPL-2.0
/*
 * The record API: audit_log_start() opens a record, the audit_log_*()
 * helpers append text to it, audit_log_end() hands it to the queue.
 *
 * A record lives in a netlink sk_buff from the start, so that finishing it
 * costs no copy: the nlmsghdr carries the record type and the payload is
 * the text "audit(SEC.MSEC:SERIAL): key=value ...", without a trailing NUL.
 * A buffer belongs to the task that started it until audit_log_end(); it is
 * never shared, so it needs no lock.
 */
#include <kunit/static_stub.h>
#include <linux/atomic.h>
#include <linux/ctype.h>
#include <linux/dcache.h>
#include <linux/hex.h>
#include <linux/ktime.h>
#include <linux/netlink.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <net/netlink.h>

#include "audit.h"

/* Serial numbers of events; 0 is never handed out. */
static atomic_t audit_serial = ATOMIC_INIT(0);

unsigned int audit_next_serial(void)
{
	unsigned int serial;

	do {
		serial = atomic_inc_return(&audit_serial);
	} while (unlikely(!serial));
	return serial;
}

static void audit_buffer_free(struct audit_buffer *ab)
{
	kfree_skb(ab->skb);
	kfree(ab);
}

/* A record buffer with its netlink header in place, or NULL. */
struct audit_buffer *audit_buffer_alloc(gfp_t gfp, int type)
{
	struct audit_buffer *ab;

	/* Lets the KUnit suite play out an allocation failure. */
	KUNIT_STATIC_STUB_REDIRECT(audit_buffer_alloc, gfp, type);

	ab = kmalloc(sizeof(*ab), gfp);
	if (!ab)
		return NULL;
	ab->gfp = gfp;
	ab->skb = nlmsg_new(AUDIT_RECORD_START, gfp);
	if (ab->skb && nlmsg_put(ab->skb, 0, 0, type, 0, 0))
		return ab;
	audit_buffer_free(ab);
	return NULL;
}

struct audit_buffer *audit_log_start(struct audit_context *ctx, gfp_t gfp_mask,
				     int type)
{
	struct audit_buffer *ab;
	struct timespec64 now;
	unsigned int serial;

	if (!audit_is_ready())
		return NULL;
	/* The exclude list drops whole record types (auditctl -a exclude). */
	if (!audit_filter_record(AUDIT_FILTER_EXCLUDE, type))
		return NULL;
	if (!audit_backlog_admit(gfp_mask)) {
		audit_log_lost("backlog limit exceeded");
		return NULL;
	}
	ab = audit_buffer_alloc(gfp_mask, type);
	if (!ab) {
		/* Memory exhaustion answers to the failure policy too. */
		audit_log_lost("out of memory starting a record");
		return NULL;
	}

	/*
	 * A record logged during a syscall is part of the syscall's event
	 * and shares its stamp; any other is an event of its own.  The stamp
	 * is taken here, not at audit_log_end(): the time is when the event
	 * happened, not when its text was complete.
	 */
	if (!audit_syscall_stamp(ctx, &now, &serial)) {
		ktime_get_coarse_real_ts64(&now);
		serial = audit_next_serial();
	}
	audit_log_format(ab, "audit(%llu.%03lu:%u): ", (u64)now.tv_sec,
			 now.tv_nsec / NSEC_PER_MSEC, serial);
	return ab;
}
EXPORT_SYMBOL(audit_log_start);

/* Makes room for @need more bytes of text; false when memory ran out. */
static bool audit_buffer_grow(struct audit_buffer *ab, unsigned int need)
{
	struct sk_buff *skb = ab->skb;
	unsigned int used = skb->len - NLMSG_HDRLEN;

	if (skb_tailroom(skb) >= need)
		return true;
	if (used + need > AUDIT_RECORD_MAX)
		return false;
	/* Grow by at least half again, so long records append cheaply. */
	need = max(need, skb_end_offset(skb) / 2);
	if (pskb_expand_head(skb, 0, need - skb_tailroom(skb), ab->gfp)) {
		/* The record still goes, without this piece of text. */
		audit_log_failure("out of memory growing a record");
		return false;
	}
	return true;
}

static void audit_log_vformat(struct audit_buffer *ab, const char *fmt,
			      va_list args)
{
	struct sk_buff *skb = ab->skb;
	va_list copy;
	int len;

	va_copy(copy, args);
	len = vsnprintf(skb_tail_pointer(skb), skb_tailroom(skb), fmt, copy);
	va_end(copy);
	if (len >= skb_tailroom(skb)) {
		/* +1: vsnprintf writes a NUL that is not part of the text. */
		if (!audit_buffer_grow(ab, len + 1))
			return;
		len = vsnprintf(skb_tail_pointer(skb), skb_tailroom(skb), fmt,
				args);
	}
	if (len > 0)
		skb_put(skb, len);
}

void audit_log_format(struct audit_buffer *ab, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	if (ab)
		audit_log_vformat(ab, fmt, args);
	va_end(args);
}
EXPORT_SYMBOL(audit_log_format);

void audit_log_end(struct audit_buffer *ab)
{
	if (!ab)
		return;
	if (!audit_ratelimit_allow(&audit_rate, ktime_get_ns())) {
		audit_log_lost("rate limit exceeded");
		audit_buffer_free(ab);
		return;
	}
	audit_queue_record(ab->skb);
	kfree(ab);
}
EXPORT_SYMBOL(audit_log_end);

void audit_log(struct audit_context *ctx, gfp_t gfp_mask, int type,
	       const char *fmt, ...)
{
	struct audit_buffer *ab;
	va_list args;

	va_start(args, fmt);
	ab = audit_log_start(ctx, gfp_mask, type);
	if (ab)
		audit_log_vformat(ab, fmt, args);
	va_end(args);
	/* audit_log_end() takes NULL: nothing was started. */
	audit_log_end(ab);
}
EXPORT_SYMBOL(audit_log);

/* Appends raw bytes; the caller has made sure they are safe text. */
static void audit_log_bytes(struct audit_buffer *ab, const char *buf,
			    size_t n)
{
	if (!ab || !audit_buffer_grow(ab, n + 1))
		return;
	skb_put_data(ab->skb, buf, n);
}

void audit_log_n_hex(struct audit_buffer *ab, const unsigned char *buf,
		     size_t len)
{
	char *out;
	size_t i;

	if (!ab || !audit_buffer_grow(ab, 2 * len + 1))
		return;
	out = skb_put(ab->skb, 2 * len);
	for (i = 0; i < len; i++) {
		*out++ = hex_asc_upper_hi(buf[i]);
		*out++ = hex_asc_upper_lo(buf[i]);
	}
}
EXPORT_SYMBOL(audit_log_n_hex);

/* A quoted string: "text". */
void audit_log_n_string(struct audit_buffer *ab, const char *buf, size_t n)
{
	if (!ab || !audit_buffer_grow(ab, n + 3))
		return;
	skb_put_u8(ab->skb, '"');
	skb_put_data(ab->skb, buf, n);
	skb_put_u8(ab->skb, '"');
}
EXPORT_SYMBOL(audit_log_n_string);

/*
 * Does @string need hex encoding to survive the key=value format?  It does
 * when any of its @len bytes is a double quote, a space, a control
 * character (NUL included) or a byte outside ASCII.
 */
bool audit_string_contains_control(const char *string, size_t len)
{
	const unsigned char *p = (const unsigned char *)string;
	const unsigned char *end = p + len;

	for (; p < end; p++) {
		if (*p == '"' || *p <= ' ' || *p >= 0x7f)
			return true;
	}
	return false;
}
EXPORT_SYMBOL(audit_string_contains_control);

/* Text from an untrusted source: quoted when safe, hex-encoded otherwise. */
void audit_log_n_untrustedstring(struct audit_buffer *ab, const char *string,
				 size_t n)
{
	if (audit_string_contains_control(string, n))
		audit_log_n_hex(ab, string, n);
	else
		audit_log_n_string(ab, string, n);
}
EXPORT_SYMBOL(audit_log_n_untrustedstring);

void audit_log_untrustedstring(struct audit_buffer *ab, const char *string)
{
	audit_log_n_untrustedstring(ab, string, strlen(string));
}
EXPORT_SYMBOL(audit_log_untrustedstring);

void audit_log_d_path(struct audit_buffer *ab, const char *prefix,
		      const struct path *path)
{
	char *page, *p;

	if (!ab)
		return;
	if (prefix)
		audit_log_bytes(ab, prefix, strlen(prefix));
	page = kmalloc(PATH_MAX, ab->gfp);
	if (!page) {
		audit_log_format(ab, "\"<no_memory>\"");
		return;
	}
	p = d_path(path, page, PATH_MAX);
	if (IS_ERR(p))
		audit_log_format(ab, "\"<unreachable>\"");
	else
		audit_log_untrustedstring(ab, p);
	kfree(page);
}
EXPORT_SYMBOL(audit_log_d_path);

void audit_log_key(struct audit_buffer *ab, char *key)
{
	audit_log_format(ab, " key=");
	if (key)
		audit_log_untrustedstring(ab, key);
	else
		audit_log_format(ab, "(null)");
}
EXPORT_SYMBOL(audit_log_key);
