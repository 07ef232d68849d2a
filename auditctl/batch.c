// SPDX-License-Identifier: GPL-2.0
/* Requests sent many to a datagram, answers matched back by sequence. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "batch.h"

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK	10
#endif

int batch_init(struct batch *b)
{
	memset(b, 0, sizeof(*b));
	b->buf = malloc(BATCH_BYTES);
	return b->buf ? 0 : -ENOMEM;
}

void batch_free(struct batch *b)
{
	free(b->buf);
	b->buf = NULL;
	b->n = 0;
	b->len = 0;
}

void batch_clear(struct batch *b)
{
	b->n = 0;
	b->len = 0;
}

bool batch_fits(const struct batch *b, size_t len)
{
	size_t msg = NLMSG_ALIGN(NLMSG_LENGTH(len));

	return b->n < BATCH_MAX && b->len + msg <= BATCH_BYTES;
}

void batch_add(struct batch *b, struct al_nl *nl, int type,
	       const void *data, size_t len, int line)
{
	struct batch_req *r = &b->req[b->n++];
	struct nlmsghdr *h = (struct nlmsghdr *)(b->buf + b->len);
	size_t msg = NLMSG_ALIGN(NLMSG_LENGTH(len));

	memset(h, 0, msg);
	h->nlmsg_len = (uint32_t)NLMSG_LENGTH(len);
	h->nlmsg_type = (uint16_t)type;
	h->nlmsg_flags = NLM_F_REQUEST;
	h->nlmsg_seq = ++nl->seq;
	memcpy(NLMSG_DATA(h), data, len);
	*r = (struct batch_req){
		.line = line, .seq = h->nlmsg_seq, .off = b->len,
	};
	b->len += msg;
}

const void *batch_data(const struct batch *b, int i, size_t *len)
{
	const struct nlmsghdr *h = (const void *)(b->buf + b->req[i].off);

	*len = h->nlmsg_len - NLMSG_HDRLEN;
	return NLMSG_DATA(h);
}

/* One datagram of answers; true once the last request's ack is in. */
static bool take_answers(struct batch *b, const unsigned char *p, size_t left)
{
	uint32_t first = b->req[0].seq;
	bool last = false;

	while (left >= NLMSG_HDRLEN) {
		const struct nlmsghdr *h = (const void *)p;
		size_t l = h->nlmsg_len;
		const struct nlmsgerr *e = NLMSG_DATA(h);
		uint32_t i = h->nlmsg_seq - first;

		if (l < NLMSG_HDRLEN || l > left)
			l = left;
		if (h->nlmsg_type == NLMSG_ERROR && i < (uint32_t)b->n &&
		    l >= NLMSG_LENGTH(sizeof(e->error))) {
			b->req[i].err = e->error;
			b->req[i].done = true;
			if (i == (uint32_t)b->n - 1)
				last = true;
		}
		l = NLMSG_ALIGN(l);
		if (l >= left)
			break;
		p += l;
		left -= l;
	}
	return last;
}

int batch_send(struct batch *b, struct al_nl *nl)
{
	union {
		struct nlmsghdr h;
		unsigned char b[AL_MAX_MSG];
	} ans;
	struct nlmsghdr *last;
	int one = 1, rc;

	if (b->n == 0)
		return 0;
	/* Errors without the request echoed, where the kernel can. */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	last = (struct nlmsghdr *)(b->buf + b->req[b->n - 1].off);
	last->nlmsg_flags |= NLM_F_ACK;
	rc = al_nl_send_raw(nl, b->buf, b->len);
	if (rc < 0)
		return rc;
	for (;;) {
		long n = al_nl_recv(nl, ans.b, sizeof(ans.b));

		if (n < 0)
			return (int)n;
		if (take_answers(b, ans.b, (size_t)n))
			break;
	}
	/* In order: whatever was not refused before the last ack succeeded. */
	for (int i = 0; i < b->n; i++)
		b->req[i].done = true;
	return 0;
}
