/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audit-nl: a small NETLINK_AUDIT client for the integration tests, for
 * what the standard tools cannot do on purpose; built on auditlib's
 * netlink (auditlib/netlink.c) and tests/helpers/testnl.c.  It waits for
 * the kernel as long as it takes (a request may wait for backlog room).
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
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testnl.h"

static struct al_nl nl;

static void nl_open(void)
{
	tnl_open(&nl, -1, "audit-nl");
}

static void die_nl(int rc)
{
	fprintf(stderr, "audit-nl: netlink: %s\n", strerror(-rc));
	exit(2);
}

/* Sends TYPE with an ack asked and waits for the ack (and for a reply
 * of the same type when REPLY is set); returns the ack's error code. */
static int query(uint16_t type, const void *data, size_t len, void *reply,
		 size_t reply_len)
{
	int ack, rc = tnl_ask(&nl, type, data, len, type, reply, reply_len, &ack);

	if (rc < 0)
		die_nl(rc);
	return ack;
}

static int request(uint16_t type, const void *data, size_t len)
{
	return query(type, data, len, NULL, 0);
}

/* Sends the message at MSG as it is (its header may lie) and returns
 * the error code of the first ack that comes, whatever its sequence. */
static int send_raw(const void *msg, size_t len)
{
	int ack, rc = al_nl_send_raw(&nl, msg, len);

	if (rc == 0)
		rc = al_nl_wait(&nl, -1, &ack, 0, NULL, 0);
	if (rc < 0)
		die_nl(rc);
	return ack;
}

static int cmd_reader(int argc, char **argv)
{
	const char *out_path = argv[0], *stall = NULL;
	int multicast = 0, rcvbuf = 0, rc;
	static char buf[16384], line[16384 + 16];
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
	if (multicast) {
		rc = al_nl_open_groups(&nl, 1 << (AUDIT_NLGRP_READLOG - 1));
		if (rc < 0) {
			printf("bind error=%d\n", rc);
			return 1;
		}
		nl.timeout_ms = -1;
	} else {
		nl_open();
	}
	if (rcvbuf)
		setsockopt(nl.fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	if (multicast) {
		printf("registered\n");	/* joined: what the test waits for */
		fflush(stdout);
	} else if (tnl_register_say(&nl)) {
		return 1;
	}
	if (stall) {
		struct stat st;

		while (stat(stall, &st) < 0)
			usleep(20000);
	}
	for (;;) {
		long n = al_nl_recv(&nl, buf, sizeof(buf) - 1);

		if (n == -ENOBUFS) {
			fprintf(out, "ENOBUFS\n");
			fflush(out);
			continue;
		}
		if (n < 0)
			return 1;
		/*
		 * The daemon protocol puts the payload length in nlmsg_len
		 * (multicast carries the real length): take what arrived.
		 */
		if (tnl_record_line(line, sizeof(line), buf, (size_t)n, multicast)) {
			fputs(line, out);
			fflush(out);
		}
	}
}

static int cmd_user(int argc, char **argv)
{
	int count, ok = 0;

	if (argc < 2)
		return 2;
	nl_open();
	count = atoi(argv[0]);
	for (int i = 0; i < count; i++) {
		char text[4096];

		snprintf(text, sizeof(text), "%s %d", argv[1], i);
		if (request(AUDIT_USER, text, strlen(text) + 1) == 0)
			ok++;
	}
	printf("%d\n", ok);
	return 0;
}

static int cmd_big(int argc, char **argv)
{
	size_t len = strtoul(argv[1], NULL, 0);
	struct nlmsghdr *nlh;

	(void)argc;
	if (len > 1 << 20)
		return 2;
	nlh = calloc(1, NLMSG_SPACE(len));
	if (!nlh)
		return 2;
	nl_open();
	nlh->nlmsg_len = NLMSG_LENGTH(len);
	nlh->nlmsg_type = (uint16_t)atoi(argv[0]);
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 5;
	memset(NLMSG_DATA(nlh), 'A', len);
	printf("error=%d\n", send_raw(nlh, nlh->nlmsg_len));
	free(nlh);
	return 0;
}

static int cmd_malformed(int argc, char **argv)
{
	const char *kind = argv[0];
	struct {
		struct nlmsghdr nlh;
		unsigned char data[512];
	} r;
	struct audit_status *s = (struct audit_status *)r.data;
	size_t len = NLMSG_LENGTH(sizeof(*s));

	(void)argc;
	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_type = AUDIT_SET;
	r.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	r.nlh.nlmsg_seq = 77;

	if (!strcmp(kind, "short")) {
		/* Eight bytes: not even a netlink header. */
		r.nlh.nlmsg_len = 8;
		len = 8;
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
	nl_open();
	printf("error=%d\n", send_raw(&r, len));
	return 0;
}

static int cmd_errno(int argc, char **argv)
{
	(void)argc;
	nl_open();
	printf("error=%d\n", request((uint16_t)atoi(argv[0]), "", 0));
	return 0;
}

/* AUDIT_MAKE_EQUIV with the lengths the caller chooses, true or not. */
static int cmd_equiv(int argc, char **argv)
{
	static char msg[2 * sizeof(uint32_t) + 8192];
	uint32_t lens[2] = {
		(uint32_t)strtoul(argv[0], NULL, 0),
		(uint32_t)strtoul(argv[1], NULL, 0),
	};
	size_t len = strlen(argv[2]);

	(void)argc;
	if (len > sizeof(msg) - sizeof(lens)) {
		fprintf(stderr, "audit-nl: equiv: DATA too long\n");
		return 2;
	}
	memcpy(msg, lens, sizeof(lens));
	memcpy(msg + sizeof(lens), argv[2], len);
	nl_open();
	printf("error=%d\n", request(AUDIT_MAKE_EQUIV, msg, sizeof(lens) + len));
	return 0;
}

static int cmd_feature(int argc, char **argv)
{
	struct audit_features f = {
		.vers = AUDIT_FEATURE_VERSION,
		.mask = (uint32_t)strtoul(argv[0], NULL, 0),
		.features = (uint32_t)strtoul(argv[1], NULL, 0),
		.lock = (uint32_t)strtoul(argv[2], NULL, 0),
	};

	(void)argc;
	nl_open();
	printf("error=%d\n", request(AUDIT_SET_FEATURE, &f, sizeof(f)));
	return 0;
}

static int cmd_tty(int argc, char **argv)
{
	struct audit_tty_status s = {
		.enabled = (uint32_t)atoi(argv[0]),
		.log_passwd = (uint32_t)atoi(argv[1]),
	};
	int err;

	(void)argc;
	nl_open();
	err = request(AUDIT_TTY_SET, &s, sizeof(s));
	memset(&s, 0xff, sizeof(s));
	if (query(AUDIT_TTY_GET, NULL, 0, &s, sizeof(s)) < 0)
		return 1;
	printf("set error=%d enabled=%u log_passwd=%u\n", err, s.enabled,
	       s.log_passwd);
	return 0;
}

static int cmd_siginfo(int argc, char **argv)
{
	/* The kernel's struct audit_sig_info (not in the uapi headers). */
	union {
		struct {
			uint32_t uid;
			int32_t pid;
			char ctx[];
		} si;
		char raw[512];
	} u;
	int err;

	(void)argc;
	(void)argv;
	memset(&u, 0, sizeof(u));
	nl_open();
	err = query(AUDIT_SIGNAL_INFO, NULL, 0, &u, sizeof(u) - 1);
	if (err < 0) {
		printf("error=%d\n", err);
		return 1;
	}
	printf("uid=%u pid=%d ctx=%s\n", u.si.uid, u.si.pid, u.si.ctx);
	return 0;
}

static int cmd_rule(int argc, char **argv)
{
	static struct tnl_rule r;
	int add = !strcmp(argv[0], "add");

	tnl_rule_init(&r, (uint32_t)strtoul(argv[1], NULL, 0),
		      (uint32_t)strtoul(argv[2], NULL, 0));
	for (int i = 3; i < argc; i++) {
		char *spec = argv[i], *op, *val;
		uint32_t field;
		int rc;

		if (!strncmp(spec, "sc=", 3)) {
			tnl_rule_syscall(&r, strcmp(spec + 3, "all") ?
					 atoi(spec + 3) : -1);
			continue;
		}
		op = strchr(spec, ',');
		val = op ? strchr(op + 1, ',') : NULL;
		if (!val) {
			fprintf(stderr, "audit-nl: bad spec '%s'\n", spec);
			return 2;
		}
		*op++ = '\0';
		*val++ = '\0';
		field = (uint32_t)strtoul(spec, NULL, 0);
		if (!strncmp(val, "s:", 2))
			rc = tnl_rule_str(&r, field, tnl_op(op), val + 2);
		else
			rc = tnl_rule_num(&r, field, tnl_op(op),
					  (uint32_t)strtoll(val, NULL, 0));
		if (rc < 0) {
			fprintf(stderr, "audit-nl: no room for '%s'\n", argv[i]);
			return 2;
		}
	}
	nl_open();
	printf("error=%d\n", request(add ? AUDIT_ADD_RULE : AUDIT_DEL_RULE,
				     &r.u.d, al_rule_size(&r.u.d)));
	return 0;
}

static const struct tnl_cmd cmds[] = {
	{ "reader", 1, -1, cmd_reader, "reader OUT [--stall F] [--rcvbuf N] [--multicast]" },
	{ "user", 2, -1, cmd_user, "user COUNT TEXT" },
	{ "big", 2, 2, cmd_big, "big TYPE LEN" },
	{ "malformed", 1, 1, cmd_malformed, "malformed KIND" },
	{ "errno", 1, 1, cmd_errno, "errno TYPE" },
	{ "equiv", 3, 3, cmd_equiv, "equiv LEN0 LEN1 DATA" },
	{ "feature", 3, 3, cmd_feature, "feature MASK FEATURES LOCK" },
	{ "tty", 2, 2, cmd_tty, "tty ENABLED LOG_PASSWD" },
	{ "siginfo", 0, 0, cmd_siginfo, "siginfo" },
	{ "rule", 3, -1, cmd_rule, "rule add|del LIST ACTION [SPEC...]" },
	{ 0 }
};

int main(int argc, char **argv)
{
	return tnl_main("audit-nl", cmds, argc, argv);
}
