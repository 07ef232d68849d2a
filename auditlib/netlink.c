// SPDX-License-Identifier: GPL-2.0
/*
 * The NETLINK_AUDIT control channel: requests with acks, status,
 * features, user messages and the rule list.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "audit-lib.h"

/* How long a request may wait for its answer, in milliseconds. */
#define AL_REPLY_TIMEOUT 3000

int al_nl_open(struct al_nl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	nl->seq = 0;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (nl->fd < 0)
		return -errno;
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;

		close(nl->fd);
		nl->fd = -1;
		return -e;
	}
	return 0;
}

void al_nl_close(struct al_nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
}

int al_nl_send(struct al_nl *nl, int type, int flags, const void *data,
	       size_t len)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	size_t total = NLMSG_SPACE(len);
	struct nlmsghdr *h;
	ssize_t n;

	if (len > AL_MAX_MSG)
		return -EMSGSIZE;
	h = calloc(1, total);
	if (!h)
		return -ENOMEM;
	h->nlmsg_len = (uint32_t)NLMSG_LENGTH(len);
	h->nlmsg_type = (uint16_t)type;
	h->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags);
	h->nlmsg_seq = ++nl->seq;
	if (len)
		memcpy(NLMSG_DATA(h), data, len);
	do {
		n = sendto(nl->fd, h, total, 0, (struct sockaddr *)&to,
			   sizeof(to));
	} while (n < 0 && errno == EINTR);
	free(h);
	if (n < 0)
		return -errno;
	return (int)(nl->seq & INT32_MAX);
}

/* Receives one datagram from the kernel into BUF within the timeout;
 * returns its size or -errno. */
static ssize_t recv_kernel(struct al_nl *nl, void *buf, size_t len)
{
	struct pollfd p = { .fd = nl->fd, .events = POLLIN };

	for (;;) {
		struct sockaddr_nl from;
		socklen_t fl = sizeof(from);
		ssize_t n;
		int rc = poll(&p, 1, AL_REPLY_TIMEOUT);

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -errno;
		if (rc == 0)
			return -ETIMEDOUT;
		n = recvfrom(nl->fd, buf, len, 0, (struct sockaddr *)&from, &fl);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (from.nl_pid == 0)	/* only the kernel speaks here */
			return n;
	}
}

/*
 * Walks the messages of one datagram.  A record unicast to the daemon
 * may carry its payload length in nlmsg_len; replies to requests carry
 * the real one.  Either way, never read past the datagram.
 */
static size_t msg_len(const struct nlmsghdr *h, size_t left)
{
	size_t l = h->nlmsg_len;

	if (l < NLMSG_HDRLEN || l > left)
		l = left;
	return l;
}

int al_nl_request(struct al_nl *nl, int type, const void *data, size_t len,
		  int reply_type, void *reply, size_t reply_len)
{
	union {
		struct nlmsghdr h;
		unsigned char b[AL_MAX_MSG];
	} buf;
	bool acked = false, replied = reply == NULL;
	int ack = 0;
	int seq = al_nl_send(nl, type, NLM_F_ACK, data, len);

	if (seq < 0)
		return seq;
	while (!acked || !replied) {
		ssize_t n = recv_kernel(nl, buf.b, sizeof(buf.b));
		size_t left;
		unsigned char *p = buf.b;

		if (n < 0)
			return (int)n;
		left = (size_t)n;
		while (left >= NLMSG_HDRLEN) {
			struct nlmsghdr *h = (struct nlmsghdr *)p;
			size_t l = msg_len(h, left);
			size_t step = NLMSG_ALIGN(l) < left ? NLMSG_ALIGN(l) : left;

			if (h->nlmsg_seq != (uint32_t)seq) {
				/* not ours: a record, or a stale answer */
			} else if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (l < NLMSG_LENGTH(sizeof(*e)))
					return -EPROTO;
				acked = true;
				ack = e->error;
				if (ack < 0)
					return ack;
			} else if (!replied && h->nlmsg_type == reply_type) {
				size_t plen = l - NLMSG_HDRLEN;

				memset(reply, 0, reply_len);
				memcpy(reply, NLMSG_DATA(h),
				       plen < reply_len ? plen : reply_len);
				replied = true;
			}
			p += step;
			left -= step;
		}
	}
	return ack;
}

int al_get_status(struct al_nl *nl, struct audit_status *st)
{
	int rc = al_nl_request(nl, AUDIT_GET, NULL, 0, AUDIT_GET, st,
			       sizeof(*st));

	return rc < 0 ? rc : 0;
}

int al_set_status(struct al_nl *nl, const struct audit_status *st)
{
	return al_nl_request(nl, AUDIT_SET, st, sizeof(*st), 0, NULL, 0);
}

int al_get_features(struct al_nl *nl, struct audit_features *f)
{
	int rc = al_nl_request(nl, AUDIT_GET_FEATURE, NULL, 0,
			       AUDIT_GET_FEATURE, f, sizeof(*f));

	return rc < 0 ? rc : 0;
}

int al_set_feature(struct al_nl *nl, unsigned feature, bool on, bool lock)
{
	struct audit_features f = {
		.vers = AUDIT_FEATURE_VERSION,
		.mask = AUDIT_FEATURE_TO_MASK(feature),
		.features = on ? AUDIT_FEATURE_TO_MASK(feature) : 0,
		.lock = lock ? AUDIT_FEATURE_TO_MASK(feature) : 0,
	};

	return al_nl_request(nl, AUDIT_SET_FEATURE, &f, sizeof(f), 0, NULL, 0);
}

int al_send_user(struct al_nl *nl, int type, const char *text)
{
	size_t len = strlen(text);

	if (len > AUDIT_MESSAGE_TEXT_MAX)
		return -EMSGSIZE;
	return al_nl_request(nl, type, text, len + 1, 0, NULL, 0);
}

int al_list_rules(struct al_nl *nl, al_rule_cb cb, void *ctx,
		  struct al_err *err)
{
	union {
		struct nlmsghdr h;
		unsigned char b[AL_MAX_MSG];
	} buf;
	int seq = al_nl_send(nl, AUDIT_LIST_RULES, NLM_F_ACK, NULL, 0);

	if (seq < 0)
		return al_fail(err, "Error sending rule list data request (%s)",
			       strerror(-seq));
	for (;;) {
		ssize_t n = recv_kernel(nl, buf.b, sizeof(buf.b));
		size_t left;
		unsigned char *p = buf.b;

		if (n < 0)
			return al_fail(err, "Error receiving the rule list (%s)",
				       strerror((int)-n));
		left = (size_t)n;
		while (left >= NLMSG_HDRLEN) {
			struct nlmsghdr *h = (struct nlmsghdr *)p;
			size_t l = msg_len(h, left);
			size_t step = NLMSG_ALIGN(l) < left ? NLMSG_ALIGN(l) : left;
			struct nlmsgerr *e = NLMSG_DATA(h);

			p += step;
			left -= step;
			if (h->nlmsg_seq != (uint32_t)seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				if (l < NLMSG_LENGTH(sizeof(*e)))
					return al_fail(err, "short netlink error");
				if (e->error < 0)
					return al_fail(err, "Error sending rule list data request (%s)",
						       strerror(-e->error));
				continue;	/* the ack; the list follows */
			}
			if (h->nlmsg_type == AUDIT_LIST_RULES) {
				const struct audit_rule_data *d = NLMSG_DATA(h);
				size_t dl = l - NLMSG_HDRLEN;

				if (al_rule_check(d, dl, err) < 0)
					return -1;
				if (cb(d, dl, ctx) < 0)
					return al_fail(err, "rule list callback failed");
			}
		}
	}
}
