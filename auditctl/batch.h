/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Requests sent many to a datagram: a rules file's rules and -D's
 * deletions.  Only the last request of a datagram asks for an ack; the
 * kernel (ours and the stock one) handles every request of a datagram in
 * order and answers each failing one with its error, so once the last
 * ack is in, every request without an error reply succeeded.  One round
 * trip for a datagram instead of one a request.
 */
#ifndef AUDITCTL_BATCH_H
#define AUDITCTL_BATCH_H

#include "audit-lib.h"

#define BATCH_MAX	64		/* requests in one datagram */
/* And bytes: under the socket's default send buffer (212992), and so
 * are the answers should every request fail with its echo. */
#define BATCH_BYTES	(96 * 1024)

struct batch_req {
	int line;		/* the caller's tag: a rules file's line */
	uint32_t seq;
	size_t off;		/* where its message begins in buf */
	int err;		/* its error, when done */
	bool done;		/* the kernel's answer is known */
};

struct batch {
	unsigned char *buf;	/* the datagram being built */
	size_t len;
	struct batch_req req[BATCH_MAX];
	int n;
};

int batch_init(struct batch *b);
void batch_free(struct batch *b);
void batch_clear(struct batch *b);
/* Whether a request of LEN data bytes still fits. */
bool batch_fits(const struct batch *b, size_t len);
/* Appends request TYPE (data LEN bytes at DATA) tagged LINE; the caller
 * checked batch_fits. */
void batch_add(struct batch *b, struct al_nl *nl, int type,
	       const void *data, size_t len, int line);
/* The data of request I, for sending it again under another type. */
const void *batch_data(const struct batch *b, int i, size_t *len);
/*
 * Sends the datagram and reads the answers: each request's err and done.
 * Returns 0, or -errno when the answers could not all be read (then the
 * requests not done may or may not have been carried out).
 */
int batch_send(struct batch *b, struct al_nl *nl);

#endif
