// SPDX-License-Identifier: GPL-2.0
/*
 * NETLINK_AUDIT for the fuzzer: opening sockets with random options, the
 * safety filter every datagram passes before it is sent (audit is never
 * locked, the failure mode never set to panic, backlog waits stay
 * short), sending a datagram and collecting what the kernel answered,
 * and the few plain requests the roles need (status, the sane state,
 * deleting the rules that silence the log, or every rule).
 *
 * The kernel handles a datagram in the sender's sendto(), so once that
 * returns every ack and reply is already queued on the socket: answers
 * are collected without waiting.  A rule listing is a dump whose next
 * part is produced as the previous one is read, still without waiting.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

/* The largest backlog_wait_time the kernel could accept (HZ up to 1000). */
#define FZ_WAIT_VALID_MAX 600000

int fz_nl_open(struct fz_rng *r)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	int one = 1;

	if (fd < 0)
		return -errno;
	if (!r)
		return fd;
	/* Both ways of acking: with and without the request quoted. */
	if (fz_chance(r, 50))
		setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (fz_chance(r, 30))
		setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (fz_chance(r, 10)) {
		int size = fz_chance(r, 50) ? 4096 : 65536;

		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	}
	return fd;
}

/* ---- the safety filter ---- */

static uint32_t get32(const unsigned char *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, 4);
	return v;
}

static void put32(unsigned char *p, size_t off, uint32_t v)
{
	memcpy(p + off, &v, 4);
}

#define HAS(len, field) ((len) >= offsetof(struct audit_status, field) + 4)
#define OFF(field) offsetof(struct audit_status, field)

/* One AUDIT_SET payload of LEN bytes, as the kernel will read it. */
static void sanitize_status(const struct fz_cfg *cfg, unsigned char *p,
			    size_t len)
{
	uint32_t mask, v;

	if (!HAS(len, mask))
		return;
	mask = get32(p, OFF(mask));
	if ((mask & AUDIT_STATUS_ENABLED) && HAS(len, enabled) &&
	    get32(p, OFF(enabled)) == 2)
		put32(p, OFF(enabled), 1);	/* 2 locks audit until reboot */
	if ((mask & AUDIT_STATUS_FAILURE) && HAS(len, failure) &&
	    get32(p, OFF(failure)) == AUDIT_FAIL_PANIC)
		put32(p, OFF(failure), AUDIT_FAIL_PRINTK);
	if ((mask & AUDIT_STATUS_BACKLOG_WAIT_TIME) &&
	    HAS(len, backlog_wait_time)) {
		v = get32(p, OFF(backlog_wait_time));
		if (v > cfg->max_wait && v <= FZ_WAIT_VALID_MAX)
			put32(p, OFF(backlog_wait_time), v % (cfg->max_wait + 1));
	}
}

/* Walks the datagram the way the kernel's audit_receive() does. */
void fz_sanitize(const struct fz_cfg *cfg, struct fz_msg *m)
{
	unsigned char *p = m->b;
	size_t left = m->len;

	while (left >= NLMSG_HDRLEN) {
		struct nlmsghdr h;
		size_t step;

		memcpy(&h, p, sizeof(h));
		if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > left)
			break;
		if (h.nlmsg_type == AUDIT_SET)
			sanitize_status(cfg, p + NLMSG_HDRLEN,
					h.nlmsg_len - NLMSG_HDRLEN);
		step = NLMSG_ALIGN(h.nlmsg_len);
		if (step >= left)
			break;
		p += step;
		left -= step;
	}
}

/* ---- sending and answers ---- */

/* What a caller wants of the replies (status, rule list). */
typedef void (*reply_fn)(void *ctx, const struct nlmsghdr *h, size_t len);

static bool is_reply(const struct fz_msg *m, const struct nlmsghdr *h)
{
	uint32_t first = m->seq - (uint32_t)m->count;

	return h->nlmsg_type >= 1000 && h->nlmsg_type < 1100 &&
	       h->nlmsg_seq - first < (uint32_t)m->count + 16;
}

static void note_ack(struct fz_answer *a, const struct nlmsghdr *h, size_t l)
{
	int err;

	if (l < NLMSG_LENGTH(sizeof(int)))
		return;
	memcpy(&err, NLMSG_DATA(h), sizeof(err));
	if (a->nacks < 4)
		a->acks[a->nacks] = err;
	a->nacks++;
	if (err < 0 && a->code == FZ_ANS_OK)
		a->code = fz_ans_err(-err);
}

/* One received datagram.  Returns true on NLMSG_DONE. */
static bool parse_answer(const struct fz_msg *m, const unsigned char *buf,
			 size_t n, struct fz_answer *a, reply_fn fn, void *ctx)
{
	bool done = false;

	while (n >= NLMSG_HDRLEN) {
		const struct nlmsghdr *h = (const struct nlmsghdr *)buf;
		size_t l = h->nlmsg_len, step;

		if (l < NLMSG_HDRLEN || l > n)
			l = n;	/* records to a daemon may carry odd lengths */
		if (h->nlmsg_type == NLMSG_ERROR) {
			note_ack(a, h, l);
		} else if (h->nlmsg_type == NLMSG_DONE) {
			a->replies++;
			done = true;
		} else if (is_reply(m, h)) {
			a->replies++;
			if (fn)
				fn(ctx, h, l);
		} else {
			a->records++;
		}
		step = NLMSG_ALIGN(l);
		if (step >= n)
			break;
		buf += step;
		n -= step;
	}
	return done;
}

/* Everything queued on the socket, up to a bound (a registered socket
 * keeps getting records). */
static void drain(struct fz_worker *w, int fd, const struct fz_msg *m,
		  struct fz_answer *a, reply_fn fn, void *ctx)
{
	for (int i = 0; i < 1024; i++) {
		ssize_t n = recv(fd, w->rbuf, w->rbuf_len, MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			a->enobufs++;
			continue;
		}
		if (n <= 0)
			return;
		if (parse_answer(m, w->rbuf, (size_t)n, a, fn, ctx))
			return;
	}
}

static void exchange(struct fz_worker *w, int fd, struct fz_msg *m,
		     struct fz_answer *a, reply_fn fn, void *ctx)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	uint64_t t0 = fz_now_ms();
	ssize_t n;

	memset(a, 0, sizeof(*a));
	a->code = FZ_ANS_OK;
	n = sendto(fd, m->b, m->len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel));
	if (n < 0)
		a->code = fz_ans_send(errno);
	drain(w, fd, m, a, fn, ctx);
	if (a->code == FZ_ANS_OK && !a->nacks && !a->replies)
		a->code = FZ_ANS_NONE;
	a->ms = fz_now_ms() - t0;
}

void fz_exchange(struct fz_worker *w, int fd, struct fz_msg *m,
		 struct fz_answer *a)
{
	exchange(w, fd, m, a, NULL, NULL);
}

/* The ack's value: 0, a positive count, or -errno. */
static int ack_value(const struct fz_answer *a)
{
	if (a->code >= FZ_ANS_SEND0)
		return -(a->code - FZ_ANS_SEND0 + 1);
	if (!a->nacks)
		return -ENODATA;
	return a->acks[0];
}

static int request(struct fz_worker *w, int fd, uint16_t type,
		   const void *data, size_t len, reply_fn fn, void *ctx)
{
	struct fz_msg m;
	struct fz_answer a;

	fz_msg_init(&m, NLMSG_SPACE(len));
	m.seq = (uint32_t)fz_next(&w->rng) & 0x7ffffff0;
	memcpy(fz_put(&m, type, NLM_F_REQUEST | NLM_F_ACK, len), data, len);
	fz_sanitize(w->cfg, &m);
	exchange(w, fd, &m, &a, fn, ctx);
	fz_msg_free(&m);
	w->req_ms = a.ms;
	return ack_value(&a);
}

int fz_request(struct fz_worker *w, int fd, uint16_t type, const void *data,
	       size_t len)
{
	return request(w, fd, type, data, len, NULL, NULL);
}

struct status_ctx {
	struct audit_status *s;
	bool got;
};

static void status_reply(void *ctx, const struct nlmsghdr *h, size_t len)
{
	struct status_ctx *c = ctx;
	size_t plen = len - NLMSG_HDRLEN;

	if (h->nlmsg_type != AUDIT_GET || c->got)
		return;
	memcpy(c->s, NLMSG_DATA(h), plen < sizeof(*c->s) ? plen : sizeof(*c->s));
	c->got = true;
}

int fz_get_status(struct fz_worker *w, int fd, struct audit_status *s)
{
	struct status_ctx c = { s, false };
	int err;

	memset(s, 0, sizeof(*s));
	err = request(w, fd, AUDIT_GET, NULL, 0, status_reply, &c);
	if (err < 0)
		return err;
	return c.got ? 0 : -ENODATA;
}

int fz_set_sane(struct fz_worker *w, int fd)
{
	struct audit_status s = {
		.mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE |
			AUDIT_STATUS_RATE_LIMIT | AUDIT_STATUS_BACKLOG_LIMIT |
			AUDIT_STATUS_BACKLOG_WAIT_TIME,
		.enabled = 1,
		.failure = AUDIT_FAIL_PRINTK,
		.rate_limit = 0,
		.backlog_limit = w->cfg->sane_backlog,
		.backlog_wait_time = w->cfg->sane_wait,
	};
	int err = fz_request(w, fd, AUDIT_SET, &s, sizeof(s));

	return err > 0 ? 0 : err;
}

/* ---- deleting every rule ---- */

struct rule_copy {
	void *data;
	size_t len;
};

struct rules_ctx {
	struct rule_copy *r;
	int n, max;
	bool only_silencers;
};

/*
 * A rule that silences much of the log: any rule on the exclude list (a
 * match there drops the record, whatever the action), "never" on the
 * user, task or exit list.  With no real condition such a rule drops
 * every record (or every user or syscall record, or the audit context of
 * every new task), and the run would go on fuzzing a log that stays
 * empty.
 */
static bool is_silencer(const void *data, size_t len)
{
	struct audit_rule_data d;
	uint32_t list;

	if (len < offsetof(struct audit_rule_data, field_count))
		return false;
	memcpy(&d, data, offsetof(struct audit_rule_data, field_count));
	list = d.flags & ~(uint32_t)AUDIT_FILTER_PREPEND;
	if (list == AUDIT_FILTER_EXCLUDE)
		return true;
	return d.action == AUDIT_NEVER &&
	       (list == AUDIT_FILTER_USER || list == AUDIT_FILTER_TASK ||
		list == AUDIT_FILTER_EXIT);
}

static void rule_reply(void *ctx, const struct nlmsghdr *h, size_t len)
{
	struct rules_ctx *c = ctx;
	size_t plen = len - NLMSG_HDRLEN;

	if (h->nlmsg_type != AUDIT_LIST_RULES || c->n >= c->max)
		return;
	if (c->only_silencers && !is_silencer(NLMSG_DATA(h), plen))
		return;
	c->r[c->n].data = malloc(plen ? plen : 1);
	if (!c->r[c->n].data)
		return;
	memcpy(c->r[c->n].data, NLMSG_DATA(h), plen);
	c->r[c->n].len = plen;
	c->n++;
}

int fz_delete_rules(struct fz_worker *w, int fd, int max, bool only_silencers,
		    unsigned budget_ms)
{
	uint64_t until = budget_ms ? fz_now_ms() + budget_ms : UINT64_MAX;
	struct rules_ctx c = { calloc((size_t)max, sizeof(*c.r)), 0, max,
			       only_silencers };
	int deleted = 0, err;

	if (!c.r)
		return -ENOMEM;
	err = request(w, fd, AUDIT_LIST_RULES, NULL, 0, rule_reply, &c);
	for (int i = 0; i < c.n; i++) {
		if (fz_now_ms() < until &&
		    fz_request(w, fd, AUDIT_DEL_RULE, c.r[i].data, c.r[i].len) == 0)
			deleted++;
		free(c.r[i].data);
	}
	free(c.r);
	return err < 0 && !deleted ? err : deleted;
}
