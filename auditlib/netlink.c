// SPDX-License-Identifier: GPL-2.0
/*
 * The NETLINK_AUDIT control channel: requests with acks, status,
 * features, user messages and the rule list.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "audit-lib.h"

int al_nl_open_groups(struct al_nl *nl, uint32_t groups)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = groups };

	nl->seq = 0;
	nl->timeout_ms = AL_REPLY_TIMEOUT;
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

int al_nl_open(struct al_nl *nl)
{
	return al_nl_open_groups(nl, 0);
}

void al_nl_close(struct al_nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
}

/* Sends the datagram made of IOV to the kernel; 0 or -errno. */
static int send_iov(struct al_nl *nl, struct iovec *iov, size_t n)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct msghdr m = {
		.msg_name = &to, .msg_namelen = sizeof(to),
		.msg_iov = iov, .msg_iovlen = n,
	};

	while (sendmsg(nl->fd, &m, 0) < 0) {
		if (errno != EINTR)
			return -errno;
	}
	return 0;
}

/* The header, the data and the padding that aligns it, as one datagram
 * (nothing is allocated: a request may run where allocations fail). */
int al_nl_send(struct al_nl *nl, int type, int flags, const void *data,
	       size_t len)
{
	static const unsigned char pad[NLMSG_ALIGNTO];
	struct nlmsghdr h = {
		.nlmsg_len = (uint32_t)NLMSG_LENGTH(len),
		.nlmsg_type = (uint16_t)type,
		.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags),
	};
	struct iovec iov[] = {
		{ .iov_base = &h, .iov_len = NLMSG_HDRLEN },
		{ .iov_base = (void *)data, .iov_len = len },
		{ .iov_base = (void *)pad, .iov_len = NLMSG_ALIGN(len) - len },
	};
	int rc;

	if (len > AL_MAX_MSG)
		return -EMSGSIZE;
	h.nlmsg_seq = ++nl->seq;
	rc = send_iov(nl, iov, sizeof(iov) / sizeof(iov[0]));
	return rc < 0 ? rc : (int)(nl->seq & INT32_MAX);
}

int al_nl_send_raw(struct al_nl *nl, const void *msg, size_t len)
{
	struct iovec iov = { .iov_base = (void *)msg, .iov_len = len };

	return send_iov(nl, &iov, 1);
}

long al_nl_recv(struct al_nl *nl, void *buf, size_t len)
{
	struct pollfd p = { .fd = nl->fd, .events = POLLIN };

	for (;;) {
		struct sockaddr_nl from;
		socklen_t fl = sizeof(from);
		ssize_t n;

		if (nl->timeout_ms >= 0) {
			int rc = poll(&p, 1, nl->timeout_ms);

			if (rc < 0 && errno == EINTR)
				continue;
			if (rc < 0)
				return -errno;
			if (rc == 0)
				return -ETIMEDOUT;
		}
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

int al_nl_wait(struct al_nl *nl, int seq, int *ack, int reply_type,
	       void *reply, size_t reply_len)
{
	union {
		struct nlmsghdr h;
		unsigned char b[AL_MAX_MSG];
	} buf;
	bool acked = false, replied = reply == NULL;

	*ack = 0;
	while (!acked || !replied) {
		long n = al_nl_recv(nl, buf.b, sizeof(buf.b));
		size_t left;
		unsigned char *p = buf.b;

		if (n < 0)
			return (int)n;
		left = (size_t)n;
		while (left >= NLMSG_HDRLEN) {
			struct nlmsghdr *h = (struct nlmsghdr *)p;
			size_t l = msg_len(h, left);
			size_t step = NLMSG_ALIGN(l) < left ? NLMSG_ALIGN(l) : left;

			if (seq >= 0 && h->nlmsg_seq != (uint32_t)seq) {
				/* not ours: a record, or a stale answer */
			} else if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (l < NLMSG_LENGTH(sizeof(*e)))
					return -EPROTO;
				acked = true;
				*ack = e->error;
				if (*ack < 0)
					return 0;
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
	return 0;
}

int al_nl_request(struct al_nl *nl, int type, const void *data, size_t len,
		  int reply_type, void *reply, size_t reply_len)
{
	int ack, rc, seq = al_nl_send(nl, type, NLM_F_ACK, data, len);

	if (seq < 0)
		return seq;
	rc = al_nl_wait(nl, seq, &ack, reply_type, reply, reply_len);
	return rc < 0 ? rc : ack;
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

int al_make_equiv(struct al_nl *nl, const char *old, size_t old_len,
		  const char *new)
{
	size_t new_len = strlen(new);
	uint32_t lens[2] = { (uint32_t)old_len, (uint32_t)new_len };
	char *msg;
	int rc;

	if (old_len > PATH_MAX || new_len > PATH_MAX)
		return -ENAMETOOLONG;
	msg = malloc(sizeof(lens) + old_len + new_len);
	if (!msg)
		return -ENOMEM;
	memcpy(msg, lens, sizeof(lens));
	memcpy(msg + sizeof(lens), old, old_len);
	memcpy(msg + sizeof(lens) + old_len, new, new_len);
	rc = al_nl_request(nl, AUDIT_MAKE_EQUIV, msg,
			   sizeof(lens) + old_len + new_len, 0, NULL, 0);
	free(msg);
	return rc;
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
		long n = al_nl_recv(nl, buf.b, sizeof(buf.b));
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
