// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink messages of the senders.  Message number K of a sender is
 * a pure function of the sender's seed, K, the enabled classes, the fuzz
 * directory and the sender's pid (an AUDIT_SET may name it), so a message
 * named in a .last file can be built again byte for byte (worker.c,
 * --replay).  Nothing here depends on what the kernel answered.  The
 * random numbers are drawn in a fixed order: never two draws in the
 * arguments of one call or the operands of one operator, whose order C
 * leaves to the compiler.
 *
 * Classes: valid-looking requests of every type in the uapi, with random
 * and boundary values (get, set, list, rule, watch, lsm, del, user,
 * user-big, feature, tty, siginfo, trim, unknown), and datagrams built
 * from those: several messages (multi), a lying nlmsg_len (lying), cut
 * short (trunc), random bytes (garbage), flipped bytes (mutate).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

void fz_msg_init(struct fz_msg *m, size_t cap)
{
	m->b = calloc(1, cap);
	if (!m->b)
		abort();
	m->cap = cap;
	m->len = 0;
	m->seq = 0;
	m->count = 0;
}

void fz_msg_free(struct fz_msg *m)
{
	free(m->b);
	m->b = NULL;
}

void *fz_put(struct fz_msg *m, uint16_t type, uint16_t flags, size_t plen)
{
	struct nlmsghdr *h;

	if (m->len + NLMSG_SPACE(plen) > m->cap)
		abort();	/* a generator outgrew the buffer: our bug */
	h = (struct nlmsghdr *)(m->b + m->len);
	memset(h, 0, NLMSG_SPACE(plen));
	h->nlmsg_len = (uint32_t)NLMSG_LENGTH(plen);
	h->nlmsg_type = type;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = m->seq++;
	h->nlmsg_pid = 0;
	m->len += NLMSG_SPACE(plen);
	m->count++;
	return NLMSG_DATA(h);
}

/* ---- values ---- */

static const uint32_t interesting[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 65, 100, 127, 128, 255,
	256, 257, 1000, 1024, 4095, 4096, 4097, 8560, 65535, 65536,
	0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff,
};

static uint32_t some_u32(struct fz_rng *r)
{
	switch (fz_below(r, 4)) {
	case 0:
		return (uint32_t)fz_next(r);
	case 1:
		return fz_below(r, 16);
	default:
		return FZ_PICK(r, interesting);
	}
}

static uint16_t some_flags(struct fz_rng *r)
{
	unsigned p = fz_below(r, 100);

	if (p < 80)
		return NLM_F_REQUEST | NLM_F_ACK;
	if (p < 95)
		return NLM_F_REQUEST;
	return (uint16_t)fz_next(r);
}

/*
 * Bytes of a chosen style: text, words, binary, quotes, controls.  The
 * printable styles have no capitals, ':' or '_': user messages reach the
 * kernel log (printk fallback), and must never read like a kernel report
 * ("BUG:", "Oops", "rcu_...stall") to scripts/kernel-reports.
 */
static void fill(struct fz_rng *r, unsigned char *p, size_t n)
{
	static const char words[] = "abcdefghijklmnopqrstuvwxyz0123456789 =\"'";
	static const char punct[] = "abcdefghijklmnopqrstuvwxyz0123456789 !\"#$%&'()*+,-./;<=>?@[\\]^`{|}~";
	unsigned style = fz_below(r, 6);

	for (size_t i = 0; i < n; i++) {
		switch (style) {
		case 0:
			p[i] = (unsigned char)('a' + i % 26);
			break;
		case 1:
			p[i] = (unsigned char)words[fz_below(r, sizeof(words) - 1)];
			break;
		case 2:
			p[i] = (unsigned char)fz_next(r);
			break;
		case 3:
			p[i] = (unsigned char)fz_range(r, 1, 31);
			break;
		case 4:
			p[i] = (unsigned char)fz_range(r, 0x80, 0xff);
			break;
		default:
			p[i] = (unsigned char)punct[fz_below(r, sizeof(punct) - 1)];
			break;
		}
	}
}

/* Payload length for a structure of SIZE: mostly exact, else near it. */
static size_t near_size(struct fz_rng *r, size_t size)
{
	unsigned p = fz_below(r, 100);

	if (p < 75)
		return size;
	if (p < 85)
		return fz_below(r, (uint32_t)size);
	if (p < 95)
		return size + fz_range(r, 1, 16);
	return fz_below(r, 4);
}

/* ---- paths, for watch, dir and exe fields ---- */

static size_t cat(char *out, size_t cap, size_t at, const char *s)
{
	size_t n = strlen(s);

	if (at + n >= cap)
		n = at < cap ? cap - 1 - at : 0;
	memcpy(out + at, s, n);
	out[at + n] = '\0';
	return at + n;
}

/* A path: real or missing, under the fuzz directory or not, at or past
 * the length limits.  Returns its length (it may hold a NUL). */
static size_t gen_path(const struct fz_gen *g, struct fz_rng *r, char *out,
		       size_t cap)
{
	static const char *const tails[] = {
		"", "/f0", "/f1", "/f3", "/sub", "/sub/f0", "/missing",
		"/missing/x", "/", "//f0", "/./f0", "/../d1", "/s0", "/p0",
	};
	static const char *const fixed[] = {
		"/", "/tmp", "/bin/true", "/usr/bin/true", "d0/f0", "", ".",
		"/nonexistent/dir/file", "/proc/self", "/dev/null",
	};
	char d[16];
	size_t n;

	if (fz_chance(r, 10))
		return cat(out, cap, 0, FZ_PICK(r, fixed));
	if (fz_chance(r, 5))
		return cat(out, cap, 0, g->cfg->self_exe);
	n = cat(out, cap, 0, g->cfg->dir);
	snprintf(d, sizeof(d), "/d%u", fz_below(r, FZ_NDIRS + 2));
	if (fz_chance(r, 5))
		snprintf(d, sizeof(d), "/moved-%u", fz_below(r, FZ_NDIRS));
	n = cat(out, cap, n, d);
	n = cat(out, cap, n, FZ_PICK(r, tails));
	if (fz_chance(r, 8)) {
		/* Long: at, just under or just past NAME_MAX and PATH_MAX. */
		static const size_t lens[] = {
			255, 256, 4094, 4095, 4096, 4097, 5000,
		};
		size_t want = FZ_PICK(r, lens);

		n = cat(out, cap, n, "/");
		for (; n < want && n + 1 < cap; n++)
			out[n] = (char)('a' + n % 26);
		out[n] = '\0';
	}
	if (fz_chance(r, 3) && n > 2)
		out[fz_range(r, 1, (uint32_t)n - 1)] = '\0';	/* embedded NUL */
	return n;
}

/* ---- rules ---- */

#define RULE_BUF 16384

struct rule {
	union {
		struct audit_rule_data d;
		unsigned char raw[sizeof(struct audit_rule_data) + RULE_BUF];
	} u;
};

static const uint32_t rule_ops[] = {
	AUDIT_EQUAL, AUDIT_NOT_EQUAL, AUDIT_LESS_THAN, AUDIT_GREATER_THAN,
	AUDIT_LESS_THAN_OR_EQUAL, AUDIT_GREATER_THAN_OR_EQUAL,
	AUDIT_BIT_MASK, AUDIT_BIT_TEST,
};

static uint32_t some_op(struct fz_rng *r)
{
	unsigned p = fz_below(r, 100);

	if (p < 60)
		return AUDIT_EQUAL;
	if (p < 90)
		return FZ_PICK(r, rule_ops);
	if (p < 95)
		return FZ_PICK(r, rule_ops) | AUDIT_NEGATE;
	return p < 97 ? 0 : (uint32_t)fz_next(r);
}

static const uint32_t num_fields[] = {
	AUDIT_PID, AUDIT_UID, AUDIT_EUID, AUDIT_SUID, AUDIT_FSUID, AUDIT_GID,
	AUDIT_EGID, AUDIT_SGID, AUDIT_FSGID, AUDIT_LOGINUID, AUDIT_PERS,
	AUDIT_ARCH, AUDIT_MSGTYPE, AUDIT_PPID, AUDIT_LOGINUID_SET,
	AUDIT_SESSIONID, AUDIT_FSTYPE, AUDIT_DEVMAJOR, AUDIT_DEVMINOR,
	AUDIT_INODE, AUDIT_EXIT, AUDIT_SUCCESS, AUDIT_PERM, AUDIT_FILETYPE,
	AUDIT_OBJ_UID, AUDIT_OBJ_GID, AUDIT_FIELD_COMPARE, AUDIT_SADDR_FAM,
	AUDIT_ARG0, AUDIT_ARG1, AUDIT_ARG2, AUDIT_ARG3,
};

static const uint32_t lsm_fields[] = {
	AUDIT_SUBJ_USER, AUDIT_SUBJ_ROLE, AUDIT_SUBJ_TYPE, AUDIT_SUBJ_SEN,
	AUDIT_SUBJ_CLR, AUDIT_OBJ_USER, AUDIT_OBJ_ROLE, AUDIT_OBJ_TYPE,
	AUDIT_OBJ_LEV_LOW, AUDIT_OBJ_LEV_HIGH,
};

/* A value that means something for FIELD, or a boundary one. */
static uint32_t field_value(const struct fz_gen *g, struct fz_rng *r,
			    uint32_t field)
{
	if (fz_chance(r, 25))
		return some_u32(r);
	switch (field) {
	case AUDIT_PID: case AUDIT_PPID:
		return fz_chance(r, 50) ? (uint32_t)g->self : fz_below(r, 3);
	case AUDIT_UID: case AUDIT_EUID: case AUDIT_SUID: case AUDIT_FSUID:
	case AUDIT_GID: case AUDIT_EGID: case AUDIT_SGID: case AUDIT_FSGID:
	case AUDIT_LOGINUID: case AUDIT_OBJ_UID: case AUDIT_OBJ_GID: {
		static const uint32_t ids[] = { 0, 1, 1000, 65534, AUDIT_UID_UNSET };

		return FZ_PICK(r, ids);
	}
	case AUDIT_ARCH: {
		static const uint32_t arches[] = {
			AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, AUDIT_ARCH_AARCH64, 0,
		};

		return FZ_PICK(r, arches);
	}
	case AUDIT_MSGTYPE:
		return fz_range(r, 1000, 2999);
	case AUDIT_LOGINUID_SET: case AUDIT_SUCCESS:
		return fz_below(r, 3);
	case AUDIT_PERM:
		return fz_below(r, 17);
	case AUDIT_FILETYPE: {
		static const uint32_t types[] = { S_IFREG, S_IFDIR, S_IFLNK,
						  S_IFIFO, S_IFSOCK, 0, 1 };

		return FZ_PICK(r, types);
	}
	case AUDIT_FIELD_COMPARE:
		return fz_below(r, AUDIT_MAX_FIELD_COMPARE + 2);
	case AUDIT_SADDR_FAM:
		return fz_below(r, 50);
	case AUDIT_EXIT:
		return (uint32_t)-(int32_t)fz_below(r, 40);
	case AUDIT_FSTYPE:
		return fz_chance(r, 50) ? 0x01021994 : 0x00c0ffee; /* tmpfs, hostfs */
	}
	return some_u32(r);
}

static void rule_start(struct fz_rng *r, struct rule *ru, uint32_t list,
		       uint32_t action)
{
	struct audit_rule_data *d = &ru->u.d;

	memset(ru, 0, sizeof(*ru));
	d->flags = list;
	d->action = action;
	switch (fz_below(r, 10)) {
	case 0: case 1: case 2:
		memset(d->mask, 0xff, sizeof(d->mask));
		break;
	case 3: case 4: case 5: case 6: {
		/* the file syscalls of x86_64, and some others */
		static const unsigned nrs[] = { 2, 4, 21, 42, 49, 59, 76, 82, 83,
						84, 85, 86, 87, 88, 90, 92, 165,
						166, 257, 258, 263, 264, 316, 437 };

		for (unsigned i = fz_range(r, 1, 6); i; i--) {
			unsigned nr = fz_chance(r, 80) ? FZ_PICK(r, nrs) :
				      fz_below(r, 32 * AUDIT_BITMASK_SIZE);

			d->mask[nr / 32] |= 1U << (nr % 32);
		}
		break;
	}
	case 7: case 8:
		for (unsigned i = 0; i < AUDIT_BITMASK_SIZE; i++)
			d->mask[i] = (uint32_t)fz_next(r);
		break;
	default:
		break;
	}
}

static void rule_num(struct rule *ru, uint32_t field, uint32_t op,
		     uint32_t value)
{
	struct audit_rule_data *d = &ru->u.d;

	if (d->field_count >= AUDIT_MAX_FIELDS)
		return;
	d->fields[d->field_count] = field;
	d->fieldflags[d->field_count] = op;
	d->values[d->field_count] = value;
	d->field_count++;
}

/* A string field; its value is its length (cut to what fits). */
static void rule_str(struct rule *ru, uint32_t field, uint32_t op,
		     const char *s, size_t len)
{
	struct audit_rule_data *d = &ru->u.d;

	if (d->field_count >= AUDIT_MAX_FIELDS)
		return;
	if (len > RULE_BUF - d->buflen)
		len = RULE_BUF - d->buflen;
	memcpy(d->buf + d->buflen, s, len);
	d->buflen += (uint32_t)len;
	rule_num(ru, field, op, (uint32_t)len);
}

static uint32_t some_list(struct fz_rng *r)
{
	static const uint32_t lists[] = {
		AUDIT_FILTER_USER, AUDIT_FILTER_TASK, AUDIT_FILTER_EXIT,
		AUDIT_FILTER_EXIT, AUDIT_FILTER_EXCLUDE, AUDIT_FILTER_FS,
	};
	unsigned p = fz_below(r, 100);
	uint32_t l;

	if (p < 75)
		l = FZ_PICK(r, lists);
	else if (p < 85)
		l = FZ_PICK(r, ((const uint32_t[]){ AUDIT_FILTER_ENTRY,
			AUDIT_FILTER_WATCH, AUDIT_FILTER_URING_EXIT, 8 }));
	else if (p < 95)
		l = fz_below(r, 32);
	else
		l = (uint32_t)fz_next(r);
	if (fz_chance(r, 10))
		l |= AUDIT_FILTER_PREPEND;
	return l;
}

static uint32_t some_action(struct fz_rng *r)
{
	unsigned p = fz_below(r, 100);

	if (p < 65)
		return AUDIT_ALWAYS;
	if (p < 85)
		return AUDIT_NEVER;
	return p < 92 ? AUDIT_POSSIBLE : some_u32(r);
}

/*
 * A rule whose fields are only keys matches everything on its list: a
 * "never" one silences the list, and any on the exclude list drops every
 * record.  Such a rule gets a field that matches nearly nothing, but now
 * and then.
 */
static void rule_tame(struct fz_rng *r, struct rule *ru)
{
	const struct audit_rule_data *d = &ru->u.d;
	uint32_t list = d->flags & ~(uint32_t)AUDIT_FILTER_PREPEND, field;

	if ((d->action != AUDIT_NEVER && list != AUDIT_FILTER_EXCLUDE) ||
	    fz_chance(r, 5))
		return;
	for (uint32_t i = 0; i < d->field_count; i++)
		if (d->fields[i] != AUDIT_FILTERKEY)
			return;
	field = fz_chance(r, 50) ? AUDIT_PID : AUDIT_UID;
	rule_num(ru, field, AUDIT_EQUAL, fz_range(r, 40000, 60000));
}

/* A key, at and past AUDIT_MAX_KEY_LEN now and then. */
static void rule_key(struct fz_rng *r, struct rule *ru)
{
	static const size_t lens[] = { 1, 4, 31, 128, 255, 256, 257, 300, 4096 };
	char key[4200];
	size_t len = fz_chance(r, 70) ? fz_range(r, 1, 12) : FZ_PICK(r, lens);

	fill(r, (unsigned char *)key, len);
	if (fz_chance(r, 80))
		for (size_t i = 0; i < len; i++)
			key[i] = (char)('k' + i % 10);
	rule_str(ru, AUDIT_FILTERKEY, AUDIT_EQUAL, key, len);
}

/* Sizes that lie: the field count, the buffer length, the payload. */
static size_t rule_finish(struct fz_rng *r, struct rule *ru, unsigned pct)
{
	struct audit_rule_data *d = &ru->u.d;
	size_t plen = sizeof(*d) + d->buflen;

	if (fz_chance(r, pct)) {
		static const uint32_t counts[] = { 65, 0xffffffff, 0x80000000 };

		d->field_count = fz_chance(r, 50) ? FZ_PICK(r, counts) :
				 d->field_count + (fz_chance(r, 50) ? 1 : -1);
	}
	if (fz_chance(r, pct)) {
		static const uint32_t lies[] = { 0, 1, 0xffffffff, 0x80000000 };

		d->buflen = fz_chance(r, 50) ? FZ_PICK(r, lies) :
			    d->buflen + (fz_chance(r, 50) ? 1 : -1);
	}
	if (fz_chance(r, pct)) {
		switch (fz_below(r, 4)) {
		case 0:
			plen = fz_below(r, sizeof(*d));
			break;
		case 1:
			plen = plen ? plen - 1 : 0;
			break;
		case 2:
			plen += fz_range(r, 1, 64);
			break;
		default:
			plen = sizeof(*d) - fz_range(r, 1, 8);
			break;
		}
	}
	if (plen > sizeof(ru->u.raw))
		plen = sizeof(ru->u.raw);
	return plen;
}

static void rule_emit(struct fz_rng *r, struct fz_msg *m, uint16_t type,
		      const struct rule *ru, size_t plen)
{
	void *p = fz_put(m, type, some_flags(r), plen);

	memcpy(p, ru->u.raw, plen);
}

static uint16_t add_or_del(struct fz_rng *r, unsigned add_pct)
{
	return fz_chance(r, add_pct) ? AUDIT_ADD_RULE : AUDIT_DEL_RULE;
}

/* An add (ADD_PCT of the time) or a delete, sizes lying LIE_PCT of it. */
static void rule_send(struct fz_rng *r, struct fz_msg *m, unsigned add_pct,
		      struct rule *ru, unsigned lie_pct)
{
	uint16_t type = add_or_del(r, add_pct);

	rule_emit(r, m, type, ru, rule_finish(r, ru, lie_pct));
}

/* Field F with a random operator and a value that means something. */
static void rule_rand_num(const struct fz_gen *g, struct fz_rng *r,
			  struct rule *ru, uint32_t f)
{
	uint32_t op = some_op(r);

	rule_num(ru, f, op, field_value(g, r, f));
}

static void gen_rule(const struct fz_gen *g, struct fz_rng *r, struct fz_msg *m)
{
	struct rule ru;
	uint32_t list;
	unsigned n;

	list = some_list(r);
	rule_start(r, &ru, list, some_action(r));
	n = fz_range(r, 0, 6);
	if (fz_chance(r, 5))
		n = AUDIT_MAX_FIELDS;
	for (unsigned i = 0; i < n; i++) {
		unsigned p = fz_below(r, 100);

		if (p < 80) {
			uint32_t f = fz_chance(r, 95) ? FZ_PICK(r, num_fields) :
				     fz_below(r, 256);

			rule_rand_num(g, r, &ru, f);
		} else {
			rule_key(r, &ru);
		}
	}
	rule_tame(r, &ru);
	rule_send(r, m, 85, &ru, 8);
}

static void gen_watch(const struct fz_gen *g, struct fz_rng *r,
		      struct fz_msg *m)
{
	static const uint32_t kinds[] = { AUDIT_WATCH, AUDIT_WATCH, AUDIT_DIR,
					  AUDIT_DIR, AUDIT_EXE };
	struct rule ru;
	char path[6000];
	uint32_t list, action, kind, op;
	size_t len;

	list = fz_chance(r, 85) ? AUDIT_FILTER_EXIT : some_list(r);
	action = fz_chance(r, 85) ? AUDIT_ALWAYS : some_action(r);
	rule_start(r, &ru, list, action);
	len = gen_path(g, r, path, sizeof(path));
	if (fz_chance(r, 5))
		len = fz_chance(r, 50) ? len + 1 : 0;	/* lie about it */
	kind = FZ_PICK(r, kinds);
	op = fz_chance(r, 85) ? AUDIT_EQUAL : some_op(r);
	rule_str(&ru, kind, op, path, len);
	if (fz_chance(r, 60))
		rule_num(&ru, AUDIT_PERM, AUDIT_EQUAL,
			 fz_chance(r, 90) ? fz_range(r, 1, 15) : some_u32(r));
	if (fz_chance(r, 10))
		rule_str(&ru, FZ_PICK(r, kinds), AUDIT_EQUAL, path, strlen(path));
	if (fz_chance(r, 50))
		rule_key(r, &ru);
	if (fz_chance(r, 10)) {
		uint32_t f = FZ_PICK(r, num_fields);

		rule_rand_num(g, r, &ru, f);
	}
	rule_send(r, m, 75, &ru, 4);
}

static void gen_lsm(const struct fz_gen *g, struct fz_rng *r, struct fz_msg *m)
{
	static const char *const ctx[] = {
		"system_u", "unconfined_u", "object_r", "system_r",
		"unconfined_t", "kernel_t", "init_t", "tmp_t", "s0", "s0-s0",
		"s0:c0", "s0-s15:c0.c1023", "s15:c1023", "s99", "c0", "*", "",
		"system_u:object_r:tmp_t:s0", "-", ":::", "s0-", "s0:c0.",
	};
	struct rule ru;
	char s[300];
	uint32_t list, field, op;
	size_t len;

	list = fz_chance(r, 50) ? AUDIT_FILTER_EXIT : some_list(r);
	rule_start(r, &ru, list, some_action(r));
	for (unsigned i = fz_range(r, 1, 3); i; i--) {
		if (fz_chance(r, 85)) {
			len = (size_t)snprintf(s, sizeof(s), "%s", FZ_PICK(r, ctx));
		} else {
			len = fz_range(r, 1, 299);
			fill(r, (unsigned char *)s, len);
		}
		field = FZ_PICK(r, lsm_fields);
		op = fz_chance(r, 70) ? AUDIT_EQUAL : some_op(r);
		rule_str(&ru, field, op, s, len);
	}
	if (fz_chance(r, 30)) {
		uint32_t f = FZ_PICK(r, num_fields);

		rule_rand_num(g, r, &ru, f);
	}
	if (fz_chance(r, 30))
		rule_key(r, &ru);
	rule_tame(r, &ru);
	rule_send(r, m, 80, &ru, 4);
}

/* ---- the other requests ---- */

static void gen_get(struct fz_rng *r, struct fz_msg *m)
{
	size_t len = fz_chance(r, 80) ? 0 : fz_range(r, 1, 96);

	fill(r, fz_put(m, AUDIT_GET, some_flags(r), len), len);
}

static uint32_t pick_u32(struct fz_rng *r, const uint32_t *v, size_t n,
			 unsigned pct)
{
	return fz_chance(r, pct) ? v[fz_below(r, (uint32_t)n)] : some_u32(r);
}

#define PICK_U32(r, pct, ...) \
	pick_u32((r), (const uint32_t[]){ __VA_ARGS__ }, \
		 sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), (pct))

static uint32_t status_mask(struct fz_rng *r)
{
	switch (fz_below(r, 8)) {
	case 0: case 1:
		return 1U << fz_below(r, 8);
	case 2: case 3: case 4: {
		uint32_t low = fz_below(r, 0x80);

		return low | (1U << fz_below(r, 6));
	}
	case 5:
		return fz_chance(r, 50) ? AUDIT_STATUS_LOST :
		       AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL;
	case 6:
		return (uint32_t)fz_next(r);
	default:
		return 0;
	}
}

static void gen_set(const struct fz_gen *g, struct fz_rng *r, struct fz_msg *m)
{
	struct audit_status s;
	size_t len;
	unsigned char *p;

	memset(&s, 0, sizeof(s));
	s.mask = status_mask(r);
	/* 2 (locked, panic) is sent here and made safe by fz_sanitize. */
	s.enabled = PICK_U32(r, 90, 0, 1, 1, 1, 2, 3);
	s.failure = PICK_U32(r, 90, 0, 1, 1, 2, 3);
	/* Rarely itself: a sender that registers starves the daemon role. */
	s.pid = fz_chance(r, 3) ? (uint32_t)g->self :
		PICK_U32(r, 80, 0, 0, (uint32_t)g->self + 1, 1);
	/* Mostly values that keep records flowing, so the rest of the run
	 * has a log to work on. */
	s.rate_limit = PICK_U32(r, 85, 0, 0, 0, 0, 1, 10, 1000, 100000);
	s.backlog_limit = PICK_U32(r, 85, 0, 1, 2, 64, 1024, 1024, 8192, 8192,
				   0xffffffff);
	s.backlog_wait_time = PICK_U32(r, 80, 0, 1, 5, 20, 60000, 60001, 600000,
				       600001, 0xffffffff);
	s.lost = some_u32(r);
	s.backlog = some_u32(r);
	s.feature_bitmap = some_u32(r);
	s.backlog_wait_time_actual = some_u32(r);
	len = near_size(r, sizeof(s));
	p = fz_put(m, AUDIT_SET, some_flags(r), len);
	memcpy(p, &s, len < sizeof(s) ? len : sizeof(s));
	if (len > sizeof(s))
		fill(r, p + sizeof(s), len - sizeof(s));
}

static void gen_list(struct fz_rng *r, struct fz_msg *m)
{
	uint16_t type = fz_chance(r, 85) ? AUDIT_LIST_RULES :
			FZ_PICK(r, ((const uint16_t[]){ AUDIT_LIST, AUDIT_ADD,
							AUDIT_DEL }));
	size_t len = fz_chance(r, 85) ? 0 : fz_range(r, 1, 1100);

	fill(r, fz_put(m, type, some_flags(r), len), len);
}

static void gen_feature(struct fz_rng *r, struct fz_msg *m)
{
	struct audit_features f;
	size_t len;
	unsigned char *p;

	if (fz_chance(r, 30)) {
		len = fz_chance(r, 80) ? 0 : fz_range(r, 1, 32);
		fill(r, fz_put(m, AUDIT_GET_FEATURE, some_flags(r), len), len);
		return;
	}
	f.vers = PICK_U32(r, 85, 1, 1, 0, 2);
	f.mask = PICK_U32(r, 85, 1, 2, 3, 0, 4, 0x80000000);
	f.features = PICK_U32(r, 85, 0, 1, 2, 3);
	/* Locks are permanent: rare. */
	f.lock = fz_chance(r, 3) ? PICK_U32(r, 90, 1, 2, 3) : 0;
	len = near_size(r, sizeof(f));
	p = fz_put(m, AUDIT_SET_FEATURE, some_flags(r), len);
	memcpy(p, &f, len < sizeof(f) ? len : sizeof(f));
}

static void gen_tty(struct fz_rng *r, struct fz_msg *m)
{
	struct audit_tty_status t;
	size_t len;
	unsigned char *p;

	if (fz_chance(r, 40)) {
		len = fz_chance(r, 80) ? 0 : fz_range(r, 1, 16);
		fill(r, fz_put(m, AUDIT_TTY_GET, some_flags(r), len), len);
		return;
	}
	t.enabled = PICK_U32(r, 85, 0, 1, 2);
	t.log_passwd = PICK_U32(r, 85, 0, 1, 2);
	len = fz_chance(r, 20) ? sizeof(t.enabled) : near_size(r, sizeof(t));
	p = fz_put(m, AUDIT_TTY_SET, some_flags(r), len);
	memcpy(p, &t, len < sizeof(t) ? len : sizeof(t));
}

static void gen_siginfo(struct fz_rng *r, struct fz_msg *m)
{
	size_t len = fz_chance(r, 80) ? 0 : fz_range(r, 1, 64);

	fill(r, fz_put(m, AUDIT_SIGNAL_INFO, some_flags(r), len), len);
}

/* TRIM and MAKE_EQUIV (tree watches): empty, junk, or two paths. */
static void gen_trim(const struct fz_gen *g, struct fz_rng *r, struct fz_msg *m)
{
	uint16_t type = fz_chance(r, 50) ? AUDIT_TRIM : AUDIT_MAKE_EQUIV;
	char a[600], b[600];
	size_t la, lb, len;
	unsigned char *p;

	if (fz_chance(r, 50)) {
		len = fz_chance(r, 50) ? 0 : fz_range(r, 1, 200);
		fill(r, fz_put(m, type, some_flags(r), len), len);
		return;
	}
	la = gen_path(g, r, a, sizeof(a));
	lb = gen_path(g, r, b, sizeof(b));
	len = 8 + la + lb;
	p = fz_put(m, type, some_flags(r), len);
	memcpy(p, &(uint32_t){ (uint32_t)la }, 4);
	memcpy(p + 4, &(uint32_t){ fz_chance(r, 90) ? (uint32_t)lb : some_u32(r) }, 4);
	memcpy(p + 8, a, la);
	memcpy(p + 8 + la, b, lb);
}

static uint16_t user_type(struct fz_rng *r)
{
	switch (fz_below(r, 8)) {
	case 0: case 1: case 2:
		return AUDIT_USER;
	case 3:
		return FZ_PICK(r, ((const uint16_t[]){ AUDIT_USER_AVC,
				AUDIT_USER_TTY, AUDIT_FIRST_USER_MSG,
				AUDIT_LAST_USER_MSG, AUDIT_FIRST_USER_MSG2,
				AUDIT_LAST_USER_MSG2 }));
	case 4:
		/* just outside the user ranges */
		return FZ_PICK(r, ((const uint16_t[]){ 1099, 1200, 2099, 3000 }));
	case 5: case 6:
		return (uint16_t)fz_range(r, AUDIT_FIRST_USER_MSG, AUDIT_LAST_USER_MSG);
	default:
		return (uint16_t)fz_range(r, AUDIT_FIRST_USER_MSG2, AUDIT_LAST_USER_MSG2);
	}
}

/* A user message of LEN bytes: NUL-terminated or not, a newline, a NUL
 * inside now and then. */
static void user_msg(struct fz_rng *r, struct fz_msg *m, size_t len)
{
	uint16_t type = user_type(r);
	unsigned char *p = fz_put(m, type, some_flags(r), len);

	fill(r, p, len);
	if (len && fz_chance(r, 60))
		p[len - 1] = '\0';
	if (len > 1 && fz_chance(r, 15))
		p[len - 2] = '\n';
	if (len > 2 && fz_chance(r, 5))
		p[fz_below(r, (uint32_t)len)] = '\0';
}

static void gen_user(struct fz_rng *r, struct fz_msg *m)
{
	static const size_t lens[] = { 0, 1, 2, 255, 1024, 4096, 8559, 8560,
				       8561, 8970, 9000 };
	size_t len = fz_chance(r, 60) ? fz_range(r, 1, 200) : FZ_PICK(r, lens);

	user_msg(r, m, len);
}

/* User messages past AUDIT_MESSAGE_TEXT_MAX, up to a 64 KiB datagram. */
static void gen_user_big(struct fz_rng *r, struct fz_msg *m)
{
	static const size_t lens[] = { 9001, 16383, 16384, 16385, 32767, 32768,
				       32769, 40000, 65535 - NLMSG_HDRLEN,
				       65536 - NLMSG_HDRLEN };
	size_t len = fz_chance(r, 50) ? fz_range(r, 8561, 65536 - NLMSG_HDRLEN) :
		     FZ_PICK(r, lens);

	user_msg(r, m, len);
}

static void gen_unknown(struct fz_rng *r, struct fz_msg *m)
{
	uint16_t type;
	size_t len = fz_below(r, 4) ? fz_below(r, 64) : fz_below(r, 1024);

	switch (fz_below(r, 7)) {
	case 0:
		type = (uint16_t)fz_below(r, 32);	/* NLMSG_NOOP, ERROR, DONE... */
		break;
	case 1:
		type = (uint16_t)fz_range(r, 32, 999);
		break;
	case 2:
		type = FZ_PICK(r, ((const uint16_t[]){ AUDIT_LOGIN,
				AUDIT_WATCH_INS, AUDIT_WATCH_REM,
				AUDIT_WATCH_LIST, 1020, 1099 }));
		break;
	case 3:
		type = (uint16_t)fz_range(r, 1020, 1099);
		break;
	case 4:
		type = (uint16_t)fz_range(r, 1200, 1299);
		break;
	case 5:
		type = (uint16_t)fz_range(r, 1300, 2099);
		break;
	default:
		type = (uint16_t)fz_range(r, 3000, 65535);
		break;
	}
	fill(r, fz_put(m, type, some_flags(r), len), len);
}

/* ---- building a class ---- */

/* Relative weights of the classes among the enabled ones. */
static const unsigned weights[FZ_NCLASSES] = {
	[OP_GET] = 3, [OP_SET] = 6, [OP_LIST] = 2, [OP_RULE] = 8,
	[OP_WATCH] = 8, [OP_LSM] = 3, [OP_DEL] = 4, [OP_USER] = 5,
	[OP_USER_BIG] = 1, [OP_FEATURE] = 2, [OP_TTY] = 2, [OP_SIGINFO] = 1,
	[OP_TRIM] = 1, [OP_UNKNOWN] = 2, [OP_MULTI] = 4, [OP_LYING] = 4,
	[OP_TRUNC] = 4, [OP_GARBAGE] = 2, [OP_MUTATE] = 6,
};

/* The classes one message stands for, not built from others. */
#define FZ_NSIMPLE OP_MULTI

static enum fz_op pick_weighted(struct fz_rng *r, const bool *set, int n)
{
	unsigned total = 0, x;
	int i;

	for (i = 0; i < n; i++)
		total += set[i] ? weights[i] : 0;
	if (!total)
		return OP_GET;
	x = fz_below(r, total);
	for (i = 0; i < n; i++) {
		if (!set[i])
			continue;
		if (x < weights[i])
			return (enum fz_op)i;
		x -= weights[i];
	}
	return OP_GET;
}

/* A simple class for a datagram built of others: an enabled one, or any
 * not skipped when only composite classes are enabled. */
static enum fz_op pick_simple(const struct fz_gen *g, struct fz_rng *r)
{
	bool set[FZ_NSIMPLE];
	bool any = false;

	for (int i = 0; i < FZ_NSIMPLE; i++)
		any |= set[i] = g->cfg->classes[i];
	if (!any)
		for (int i = 0; i < FZ_NSIMPLE; i++)
			set[i] = !g->cfg->skipped[i];
	return pick_weighted(r, set, FZ_NSIMPLE);
}

static void generate_at(const struct fz_gen *g, uint64_t k, struct fz_msg *m,
			enum fz_op *op, int depth);

/* The rule of one of the last 64 messages again, to delete. */
static void gen_del(const struct fz_gen *g, struct fz_rng *r, struct fz_msg *m,
		    uint64_t k, int depth)
{
	uint64_t back = fz_range(r, 1, 64);
	size_t at;

	if (depth == 0 && k >= back) {
		struct fz_msg old;
		enum fz_op op;

		fz_msg_init(&old, FZ_MSG_MAX);
		generate_at(g, k - back, &old, &op, depth + 1);
		if ((op == OP_RULE || op == OP_WATCH || op == OP_LSM) &&
		    old.count == 1 && m->len + old.len <= m->cap) {
			struct nlmsghdr *h = (struct nlmsghdr *)old.b;

			h->nlmsg_type = AUDIT_DEL_RULE;
			h->nlmsg_seq = m->seq++;
			memcpy(m->b + m->len, old.b, old.len);
			m->len += old.len;
			m->count++;
			fz_msg_free(&old);
			return;
		}
		fz_msg_free(&old);
	}
	at = m->len;
	gen_rule(g, r, m);
	((struct nlmsghdr *)(m->b + at))->nlmsg_type = AUDIT_DEL_RULE;
}

static void gen_simple(const struct fz_gen *g, enum fz_op op, struct fz_rng *r,
		       struct fz_msg *m, uint64_t k, int depth)
{
	switch (op) {
	case OP_GET: gen_get(r, m); break;
	case OP_SET: gen_set(g, r, m); break;
	case OP_LIST: gen_list(r, m); break;
	case OP_RULE: gen_rule(g, r, m); break;
	case OP_WATCH: gen_watch(g, r, m); break;
	case OP_LSM: gen_lsm(g, r, m); break;
	case OP_DEL: gen_del(g, r, m, k, depth); break;
	case OP_USER: gen_user(r, m); break;
	case OP_USER_BIG: gen_user_big(r, m); break;
	case OP_FEATURE: gen_feature(r, m); break;
	case OP_TTY: gen_tty(r, m); break;
	case OP_SIGINFO: gen_siginfo(r, m); break;
	case OP_TRIM: gen_trim(g, r, m); break;
	default: gen_unknown(r, m); break;
	}
}

/* Room left for one more simple message of any size. */
static bool room_for_one(const struct fz_msg *m)
{
	return m->len + FZ_ONE_MAX <= m->cap;
}

/* Up to N simple messages; their offsets in OFF (N at most 8). */
static int put_several(const struct fz_gen *g, struct fz_rng *r,
		       struct fz_msg *m, uint64_t k, int depth, int n,
		       size_t *off)
{
	int i;

	for (i = 0; i < n && (i == 0 || room_for_one(m)); i++) {
		off[i] = m->len;
		gen_simple(g, pick_simple(g, r), r, m, k, depth);
	}
	return i;
}

static void lie_about_length(struct fz_rng *r, struct fz_msg *m, size_t at)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(m->b + at);
	uint32_t real = h->nlmsg_len, rest = (uint32_t)(m->len - at);

	switch (fz_below(r, 9)) {
	case 0: h->nlmsg_len = 0; break;
	case 1: h->nlmsg_len = fz_range(r, 1, NLMSG_HDRLEN - 1); break;
	case 2: h->nlmsg_len = NLMSG_HDRLEN; break;
	case 3: h->nlmsg_len = real - 1; break;
	case 4: h->nlmsg_len = real + fz_range(r, 1, 4); break;
	case 5: h->nlmsg_len = rest + fz_range(r, 1, 4096); break;
	case 6: h->nlmsg_len = rest; break;
	case 7: h->nlmsg_len = FZ_PICK(r, ((const uint32_t[]){ 0x7fffffff,
				0x80000000, 0xffffffff, 0x10000 })); break;
	default: h->nlmsg_len = fz_below(r, real + 64); break;
	}
}

static void gen_lying(const struct fz_gen *g, struct fz_rng *r,
		      struct fz_msg *m, uint64_t k, int depth)
{
	size_t off[8];
	int n = put_several(g, r, m, k, depth, (int)fz_range(r, 1, 4), off);

	lie_about_length(r, m, off[fz_below(r, (uint32_t)n)]);
	if (fz_chance(r, 20))
		lie_about_length(r, m, off[fz_below(r, (uint32_t)n)]);
}

static void gen_trunc(const struct fz_gen *g, struct fz_rng *r,
		      struct fz_msg *m, uint64_t k, int depth)
{
	size_t off[8];
	int n = put_several(g, r, m, k, depth, (int)fz_range(r, 1, 4), off);
	size_t last = off[n - 1], size = m->len - last;

	switch (fz_below(r, 3)) {
	case 0:	/* inside the last header */
		m->len = last + fz_range(r, 1, NLMSG_HDRLEN - 1);
		break;
	case 1:	/* inside the last payload, if it has one */
		if (size > NLMSG_HDRLEN) {
			m->len = last + fz_range(r, NLMSG_HDRLEN, (uint32_t)size - 1);
			break;
		}
		/* fall through */
	default:
		m->len = fz_range(r, 1, (uint32_t)m->len - 1);
		break;
	}
}

static void gen_garbage(struct fz_rng *r, struct fz_msg *m)
{
	size_t len = fz_chance(r, 70) ? fz_range(r, 1, 64) : fz_range(r, 65, 4096);
	struct nlmsghdr *h = (struct nlmsghdr *)m->b;

	fill(r, m->b, len);
	if (len >= NLMSG_HDRLEN && fz_chance(r, 50)) {
		/* a plausible header over random bytes */
		h->nlmsg_type = (uint16_t)fz_range(r, 1000, 1020);
		h->nlmsg_len = fz_chance(r, 50) ? (uint32_t)len : some_u32(r);
		h->nlmsg_flags = some_flags(r);
	}
	m->len = len;
	m->count = 1;
}

static void gen_mutate(const struct fz_gen *g, struct fz_rng *r,
		       struct fz_msg *m, uint64_t k, int depth)
{
	gen_simple(g, pick_simple(g, r), r, m, k, depth);
	for (unsigned i = fz_range(r, 1, 8); i; i--) {
		size_t at = fz_chance(r, 30) ? fz_below(r, NLMSG_HDRLEN) :
			    fz_below(r, (uint32_t)m->len);

		switch (fz_below(r, 4)) {
		case 0:
			m->b[at] ^= (unsigned char)(1U << fz_below(r, 8));
			break;
		case 1:
			m->b[at] = FZ_PICK(r, ((const unsigned char[]){ 0, 1,
					0x7f, 0x80, 0xff }));
			break;
		case 2:
			m->b[at] = (unsigned char)fz_next(r);
			break;
		default:
			at &= ~(size_t)3;
			if (at + 4 <= m->len) {
				uint32_t v = some_u32(r);

				memcpy(m->b + at, &v, 4);
			}
			break;
		}
	}
}

static void generate_at(const struct fz_gen *g, uint64_t k, struct fz_msg *m,
			enum fz_op *op, int depth)
{
	struct fz_rng r = fz_msg_rng(g->wseed, k);

	m->len = 0;
	m->count = 0;
	m->seq = (uint32_t)(k << 4);
	*op = pick_weighted(&r, g->cfg->classes, FZ_NCLASSES);
	switch (*op) {
	case OP_MULTI: {
		size_t off[8];

		put_several(g, &r, m, k, depth, (int)fz_range(&r, 2, 8), off);
		break;
	}
	case OP_LYING: gen_lying(g, &r, m, k, depth); break;
	case OP_TRUNC: gen_trunc(g, &r, m, k, depth); break;
	case OP_GARBAGE: gen_garbage(&r, m); break;
	case OP_MUTATE: gen_mutate(g, &r, m, k, depth); break;
	default: gen_simple(g, *op, &r, m, k, depth); break;
	}
}

void fz_generate(const struct fz_gen *g, uint64_t k, struct fz_msg *m,
		 enum fz_op *op)
{
	generate_at(g, k, m, op, 0);
}

size_t fz_rule_path(struct fz_msg *m, uint16_t type, uint32_t list,
		    uint32_t field, const char *path, uint32_t perm,
		    const char *key)
{
	struct rule ru;
	struct audit_rule_data *d = &ru.u.d;
	size_t plen;

	memset(&ru, 0, sizeof(ru));
	d->flags = list;
	d->action = AUDIT_ALWAYS;
	memset(d->mask, 0xff, sizeof(d->mask));
	rule_str(&ru, field, AUDIT_EQUAL, path, strlen(path));
	if (perm)
		rule_num(&ru, AUDIT_PERM, AUDIT_EQUAL, perm);
	if (key)
		rule_str(&ru, AUDIT_FILTERKEY, AUDIT_EQUAL, key, strlen(key));
	plen = sizeof(*d) + d->buflen;
	memcpy(fz_put(m, type, NLM_F_REQUEST | NLM_F_ACK, plen), ru.u.raw, plen);
	return plen;
}
