/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audit-nl: a small NETLINK_AUDIT client for the integration tests, for
 * what the standard tools cannot do on purpose.
 *
 *   audit-nl reader OUT [--stall FILE] [--rcvbuf N] [--multicast]
 *       Registers as the audit daemon (or joins the read-log multicast
 *       group) and appends each record to OUT as "TYPE TEXT".  With
 *       --stall it registers but reads nothing until FILE exists.
 *       Prints "registered" on stdout once the kernel acked.
 *   audit-nl user COUNT TEXT
 *       Sends COUNT AUDIT_USER messages, each acked; prints how many
 *       were acked with 0.
 *   audit-nl big TYPE LEN
 *       Sends one message of TYPE (a number) carrying LEN bytes of 'A',
 *       no NUL, acked; prints the ack's error code.
 *   audit-nl malformed KIND
 *       Sends one malformed message (short, overlong, zerolen, unknown,
 *       badmask, badenabled, badfailure, shortset, badwait, badfeature)
 *       and prints the error code of the kernel's answer ("error=-22").
 *   audit-nl errno TYPE
 *       Sends an empty message of TYPE and prints the ack's error code.
 *   audit-nl feature MASK FEATURES LOCK
 *       AUDIT_SET_FEATURE; prints the error code.
 *   audit-nl tty ENABLED LOG_PASSWD
 *       AUDIT_TTY_SET, then AUDIT_TTY_GET in the same process; prints
 *       "set error=E enabled=N log_passwd=N".
 *   audit-nl siginfo
 *       AUDIT_SIGNAL_INFO; prints "uid=U pid=P ctx=C".
 *   audit-nl rule add|del LIST ACTION [SPEC...]
 *       AUDIT_ADD_RULE / AUDIT_DEL_RULE with a struct audit_rule_data
 *       built from raw numbers, for rules Debian's auditctl refuses to
 *       send; prints the ack's error code.  LIST and ACTION are numbers
 *       (LIST may have AUDIT_FILTER_PREPEND or'ed in).  Each SPEC is
 *       sc=NR (a syscall; "sc=all" for all), FIELD,OP,VALUE with OP one
 *       of = != < > <= >= & &= and a numeric VALUE, or FIELD,OP,s:TEXT
 *       for a string field (path, dir, exe, key): TEXT goes in buf.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

struct request {
	struct nlmsghdr nlh;
	unsigned char data[512];
};

static int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);

	if (fd < 0) {
		fprintf(stderr, "audit-nl: socket: %s\n", strerror(errno));
		exit(2);
	}
	return fd;
}

static void nl_send_raw(int fd, const void *buf, size_t len)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	if (sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
		fprintf(stderr, "audit-nl: send: %s\n", strerror(errno));
		exit(2);
	}
}

/* Waits for the NLMSG_ERROR answering @seq and returns its error code. */
static int nl_wait_ack(int fd, uint32_t seq)
{
	static char buf[16384];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n < 0) {
			fprintf(stderr, "audit-nl: recv: %s\n", strerror(errno));
			exit(2);
		}
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR &&
			    (h->nlmsg_seq == seq || seq == 0)) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;
			}
		}
	}
}

static int nl_request(int fd, uint16_t type, uint32_t seq, const void *data,
		      size_t len)
{
	struct request r;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_len = NLMSG_LENGTH(len);
	r.nlh.nlmsg_type = type;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.nlh.nlmsg_seq = seq;
	memcpy(r.data, data, len);
	nl_send_raw(fd, &r, r.nlh.nlmsg_len);
	return nl_wait_ack(fd, seq);
}

static int cmd_reader(int argc, char **argv)
{
	const char *out_path = argv[0], *stall = NULL;
	int multicast = 0, rcvbuf = 0, fd, err;
	static char buf[16384];
	FILE *out;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--stall") && i + 1 < argc)
			stall = argv[++i];
		else if (!strcmp(argv[i], "--rcvbuf") && i + 1 < argc)
			rcvbuf = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--multicast"))
			multicast = 1;
		else {
			fprintf(stderr, "audit-nl reader: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	out = fopen(out_path, "a");
	if (!out) {
		fprintf(stderr, "audit-nl: %s: %s\n", out_path, strerror(errno));
		return 2;
	}
	fd = nl_open();
	if (rcvbuf)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	if (multicast) {
		struct sockaddr_nl me = { .nl_family = AF_NETLINK,
					  .nl_groups = 1 << (AUDIT_NLGRP_READLOG - 1) };

		if (bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0) {
			printf("bind error=%d\n", -errno);
			return 1;
		}
	} else {
		struct audit_status s = { .mask = AUDIT_STATUS_PID,
					  .pid = (uint32_t)getpid() };

		err = nl_request(fd, AUDIT_SET, 1, &s, sizeof(s));
		if (err) {
			printf("register error=%d\n", err);
			return 1;
		}
	}
	printf("registered\n");
	fflush(stdout);
	if (stall) {
		struct stat st;

		while (stat(stall, &st) < 0)
			usleep(20000);
	}
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		size_t textlen;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				fprintf(out, "ENOBUFS\n");
				fflush(out);
				continue;
			}
			return 1;
		}
		if ((size_t)n < NLMSG_HDRLEN)
			continue;
		/*
		 * The daemon protocol puts the payload length in nlmsg_len
		 * (multicast carries the real length): take what arrived.
		 */
		textlen = (size_t)n - NLMSG_HDRLEN;
		if (multicast && h->nlmsg_len >= NLMSG_HDRLEN &&
		    h->nlmsg_len - NLMSG_HDRLEN < textlen)
			textlen = h->nlmsg_len - NLMSG_HDRLEN;
		fprintf(out, "%u %.*s\n", h->nlmsg_type, (int)textlen,
			(char *)NLMSG_DATA(h));
		fflush(out);
	}
}

static int cmd_user(int argc, char **argv)
{
	int fd = nl_open(), count, ok = 0;

	if (argc < 2)
		return 2;
	count = atoi(argv[0]);
	for (int i = 0; i < count; i++) {
		char text[256];

		snprintf(text, sizeof(text), "%s %d", argv[1], i);
		if (nl_request(fd, AUDIT_USER, (uint32_t)i + 1, text,
			       strlen(text) + 1) == 0)
			ok++;
	}
	printf("%d\n", ok);
	return 0;
}

static int cmd_big(const char *type, const char *len_arg)
{
	size_t len = strtoul(len_arg, NULL, 0);
	struct nlmsghdr *nlh = calloc(1, NLMSG_SPACE(len));
	int fd = nl_open();

	if (!nlh || len > 1 << 20)
		return 2;
	nlh->nlmsg_len = NLMSG_LENGTH(len);
	nlh->nlmsg_type = (uint16_t)atoi(type);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 5;
	memset(NLMSG_DATA(nlh), 'A', len);
	nl_send_raw(fd, nlh, nlh->nlmsg_len);
	printf("error=%d\n", nl_wait_ack(fd, 5));
	free(nlh);
	return 0;
}

static int cmd_malformed(const char *kind)
{
	int fd = nl_open();
	struct request r;
	struct audit_status *s = (struct audit_status *)r.data;
	size_t len = NLMSG_LENGTH(sizeof(*s));

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_type = AUDIT_SET;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.nlh.nlmsg_seq = 77;

	if (!strcmp(kind, "short")) {
		/* Eight bytes: not even a netlink header. */
		r.nlh.nlmsg_len = 8;
		nl_send_raw(fd, &r, 8);
		printf("error=%d\n", nl_wait_ack(fd, 0));
		return 0;
	} else if (!strcmp(kind, "overlong")) {
		s->mask = AUDIT_STATUS_ENABLED;
		s->enabled = 1;
		r.nlh.nlmsg_len = 4096;	/* claims far more than is sent */
	} else if (!strcmp(kind, "zerolen")) {
		r.nlh.nlmsg_len = 0;
	} else if (!strcmp(kind, "unknown")) {
		r.nlh.nlmsg_type = 1999;
		len = NLMSG_LENGTH(4);
		r.nlh.nlmsg_len = len;
	} else if (!strcmp(kind, "badmask")) {
		s->mask = 0xffff0000 | AUDIT_STATUS_ENABLED;
		s->enabled = 1;
		r.nlh.nlmsg_len = len;
	} else if (!strcmp(kind, "badenabled")) {
		s->mask = AUDIT_STATUS_ENABLED | AUDIT_STATUS_RATE_LIMIT;
		s->enabled = 7;
		s->rate_limit = 99;
		r.nlh.nlmsg_len = len;
	} else if (!strcmp(kind, "badfailure")) {
		s->mask = AUDIT_STATUS_FAILURE | AUDIT_STATUS_BACKLOG_LIMIT;
		s->failure = 9;
		s->backlog_limit = 999;
		r.nlh.nlmsg_len = len;
	} else if (!strcmp(kind, "shortset")) {
		s->mask = AUDIT_STATUS_BACKLOG_WAIT_TIME;
		s->backlog_wait_time = 5;
		len = NLMSG_LENGTH(offsetof(struct audit_status, backlog_wait_time));
		r.nlh.nlmsg_len = len;
	} else if (!strcmp(kind, "badwait")) {
		s->mask = AUDIT_STATUS_BACKLOG_WAIT_TIME;
		s->backlog_wait_time = 0x7fffffff;
		r.nlh.nlmsg_len = len;
	} else if (!strcmp(kind, "badfeature")) {
		struct audit_features *f = (struct audit_features *)r.data;

		r.nlh.nlmsg_type = AUDIT_SET_FEATURE;
		f->vers = AUDIT_FEATURE_VERSION;
		f->mask = 0x80;
		f->features = 0x80;
		len = NLMSG_LENGTH(sizeof(*f));
		r.nlh.nlmsg_len = len;
	} else {
		fprintf(stderr, "audit-nl: unknown kind '%s'\n", kind);
		return 2;
	}
	nl_send_raw(fd, &r, len);
	printf("error=%d\n", nl_wait_ack(fd, 0));
	return 0;
}

static int cmd_errno(const char *type)
{
	int fd = nl_open();

	printf("error=%d\n", nl_request(fd, (uint16_t)atoi(type), 5, "", 0));
	return 0;
}

/* Waits for the reply of @type to @seq; returns its payload length. */
static int nl_wait_reply(int fd, uint32_t seq, uint16_t type, void *out,
			 size_t size)
{
	static char buf[16384];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n < 0)
			return -errno;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			size_t len = h->nlmsg_len - NLMSG_HDRLEN;

			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				if (e->error)
					return e->error;
				continue;
			}
			if (h->nlmsg_type != type)
				continue;
			if (len > size)
				len = size;
			memcpy(out, NLMSG_DATA(h), len);
			return (int)len;
		}
	}
}

static int cmd_feature(char **argv)
{
	struct audit_features f = {
		.vers = AUDIT_FEATURE_VERSION,
		.mask = (uint32_t)strtoul(argv[0], NULL, 0),
		.features = (uint32_t)strtoul(argv[1], NULL, 0),
		.lock = (uint32_t)strtoul(argv[2], NULL, 0),
	};

	printf("error=%d\n", nl_request(nl_open(), AUDIT_SET_FEATURE, 9, &f,
					sizeof(f)));
	return 0;
}

/* Sends an empty query of @type (no ack asked) and waits for its answer. */
static int nl_query(int fd, uint16_t type, uint32_t seq, void *out,
		    size_t size)
{
	struct nlmsghdr nlh = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = type,
		.nlmsg_flags = NLM_F_REQUEST,
		.nlmsg_seq = seq,
	};

	nl_send_raw(fd, &nlh, nlh.nlmsg_len);
	return nl_wait_reply(fd, seq, type, out, size);
}

static int cmd_tty(char **argv)
{
	int fd = nl_open();
	struct audit_tty_status s = {
		.enabled = (uint32_t)atoi(argv[0]),
		.log_passwd = (uint32_t)atoi(argv[1]),
	};
	int err = nl_request(fd, AUDIT_TTY_SET, 3, &s, sizeof(s));

	memset(&s, 0xff, sizeof(s));
	if (nl_query(fd, AUDIT_TTY_GET, 4, &s, sizeof(s)) < 0)
		return 1;
	printf("set error=%d enabled=%u log_passwd=%u\n", err, s.enabled,
	       s.log_passwd);
	return 0;
}

static int cmd_siginfo(void)
{
	int fd = nl_open();
	/* The kernel's struct audit_sig_info (not in the uapi headers). */
	union {
		struct {
			uint32_t uid;
			int32_t pid;
			char ctx[];
		} si;
		char raw[512];
	} u;
	int len;

	memset(&u, 0, sizeof(u));
	len = nl_query(fd, AUDIT_SIGNAL_INFO, 6, &u, sizeof(u) - 1);
	if (len < (int)sizeof(u.si)) {
		printf("error=%d\n", len);
		return 1;
	}
	printf("uid=%u pid=%d ctx=%s\n", u.si.uid, u.si.pid, u.si.ctx);
	return 0;
}

static uint32_t op_of(const char *op)
{
	static const struct { const char *name; uint32_t op; } ops[] = {
		{ "=", AUDIT_EQUAL }, { "!=", AUDIT_NOT_EQUAL },
		{ "<", AUDIT_LESS_THAN }, { ">", AUDIT_GREATER_THAN },
		{ "<=", AUDIT_LESS_THAN_OR_EQUAL },
		{ ">=", AUDIT_GREATER_THAN_OR_EQUAL },
		{ "&", AUDIT_BIT_MASK }, { "&=", AUDIT_BIT_TEST },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcmp(op, ops[i].name))
			return ops[i].op;
	return (uint32_t)strtoul(op, NULL, 0);	/* raw, for bogus ops */
}

static int cmd_rule(int argc, char **argv)
{
	static union {
		struct nlmsghdr nlh;
		char raw[NLMSG_SPACE(sizeof(struct audit_rule_data) + 8192)];
	} m;
	struct audit_rule_data *r = NLMSG_DATA(&m.nlh);
	int add = !strcmp(argv[0], "add");

	memset(&m, 0, sizeof(m));
	r->flags = (uint32_t)strtoul(argv[1], NULL, 0);
	r->action = (uint32_t)strtoul(argv[2], NULL, 0);
	for (int i = 3; i < argc; i++) {
		char *spec = argv[i], *op, *val;
		uint32_t n = r->field_count;

		if (!strncmp(spec, "sc=", 3)) {
			if (!strcmp(spec + 3, "all")) {
				memset(r->mask, 0xff, sizeof(r->mask));
			} else {
				int nr = atoi(spec + 3);

				r->mask[nr / 32] |= 1U << (nr % 32);
			}
			continue;
		}
		op = strchr(spec, ',');
		val = op ? strchr(op + 1, ',') : NULL;
		if (!val || n >= AUDIT_MAX_FIELDS) {
			fprintf(stderr, "audit-nl: bad spec '%s'\n", spec);
			return 2;
		}
		*op++ = '\0';
		*val++ = '\0';
		r->fields[n] = (uint32_t)strtoul(spec, NULL, 0);
		r->fieldflags[n] = op_of(op);
		if (!strncmp(val, "s:", 2)) {
			size_t len = strlen(val + 2);

			if (r->buflen + len > 8192)
				return 2;
			memcpy(r->buf + r->buflen, val + 2, len);
			r->values[n] = (uint32_t)len;
			r->buflen += (uint32_t)len;
		} else {
			r->values[n] = (uint32_t)strtoll(val, NULL, 0);
		}
		r->field_count++;
	}
	m.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(*r) + r->buflen);
	m.nlh.nlmsg_type = add ? AUDIT_ADD_RULE : AUDIT_DEL_RULE;
	m.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m.nlh.nlmsg_seq = 11;
	int fd = nl_open();

	nl_send_raw(fd, &m, m.nlh.nlmsg_len);
	printf("error=%d\n", nl_wait_ack(fd, 11));
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 3 && !strcmp(argv[1], "reader"))
		return cmd_reader(argc - 2, argv + 2);
	if (argc >= 4 && !strcmp(argv[1], "user"))
		return cmd_user(argc - 2, argv + 2);
	if (argc == 4 && !strcmp(argv[1], "big"))
		return cmd_big(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "malformed"))
		return cmd_malformed(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "errno"))
		return cmd_errno(argv[2]);
	if (argc == 5 && !strcmp(argv[1], "feature"))
		return cmd_feature(argv + 2);
	if (argc == 4 && !strcmp(argv[1], "tty"))
		return cmd_tty(argv + 2);
	if (argc == 2 && !strcmp(argv[1], "siginfo"))
		return cmd_siginfo();
	if (argc >= 5 && !strcmp(argv[1], "rule"))
		return cmd_rule(argc - 2, argv + 2);
	fprintf(stderr, "usage: audit-nl reader OUT [--stall F] [--rcvbuf N] [--multicast]\n"
			"       audit-nl user COUNT TEXT\n"
			"       audit-nl big TYPE LEN\n"
			"       audit-nl malformed KIND\n"
			"       audit-nl errno TYPE\n"
			"       audit-nl feature MASK FEATURES LOCK\n"
			"       audit-nl tty ENABLED LOG_PASSWD\n"
			"       audit-nl siginfo\n"
			"       audit-nl rule add|del LIST ACTION [SPEC...]\n");
	return 2;
}
