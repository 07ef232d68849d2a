// SPDX-License-Identifier: GPL-2.0
/*
 * testnl: the test helpers' shared netlink pieces (testnl.h).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testnl.h"

void tnl_open(struct al_nl *nl, int timeout_ms, const char *prog)
{
	int rc = al_nl_open(nl);

	if (rc < 0) {
		fprintf(stderr, "%s: netlink socket: %s\n", prog, strerror(-rc));
		exit(2);
	}
	nl->timeout_ms = timeout_ms;
}

int tnl_ask(struct al_nl *nl, int type, const void *data, size_t len,
	    int reply_type, void *reply, size_t reply_len, int *ack)
{
	int seq = al_nl_send(nl, type, NLM_F_ACK, data, len);

	*ack = 0;
	if (seq < 0)
		return seq;
	return al_nl_wait(nl, seq, ack, reply_type, reply, reply_len);
}

int tnl_register(struct al_nl *nl)
{
	struct audit_status s = { .mask = AUDIT_STATUS_PID,
				  .pid = (uint32_t)getpid() };

	return al_set_status(nl, &s);
}

int tnl_register_say(struct al_nl *nl)
{
	int rc = tnl_register(nl);

	if (rc) {
		printf("register error=%d\n", rc);
		return -1;
	}
	printf("registered\n");
	fflush(stdout);
	return 0;
}

size_t tnl_record_line(char *out, size_t size, const void *dgram, size_t len,
		       bool nlmsg_len)
{
	const struct nlmsghdr *h = dgram;
	size_t textlen;
	int n;

	if (len < NLMSG_HDRLEN || !size)
		return 0;
	textlen = len - NLMSG_HDRLEN;
	if (nlmsg_len && h->nlmsg_len >= NLMSG_HDRLEN &&
	    h->nlmsg_len - NLMSG_HDRLEN < textlen)
		textlen = h->nlmsg_len - NLMSG_HDRLEN;
	n = snprintf(out, size, "%u %.*s\n", h->nlmsg_type, (int)textlen,
		     (const char *)NLMSG_DATA(h));
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

int tnl_main(const char *prog, const struct tnl_cmd *cmds, int argc,
	     char **argv)
{
	const struct tnl_cmd *c;

	signal(SIGPIPE, SIG_IGN);
	for (c = cmds; argc >= 2 && c->name; c++) {
		int n = argc - 2;

		if (!strcmp(argv[1], c->name) && n >= c->min &&
		    (c->max < 0 || n <= c->max))
			return c->run(n, argv + 2);
	}
	for (c = cmds; c->name; c++)
		fprintf(stderr, "%s %s %s\n", c == cmds ? "usage:" : "      ",
			prog, c->usage);
	return 2;
}

void tnl_rule_init(struct tnl_rule *r, uint32_t list, uint32_t action)
{
	memset(r, 0, sizeof(*r));
	r->u.d.flags = list;
	r->u.d.action = action;
}

void tnl_rule_syscall(struct tnl_rule *r, int nr)
{
	if (nr < 0)
		memset(r->u.d.mask, 0xff, sizeof(r->u.d.mask));
	else if (nr < AUDIT_BITMASK_SIZE * 32)
		r->u.d.mask[nr / 32] |= 1U << (nr % 32);
}

int tnl_rule_num(struct tnl_rule *r, uint32_t field, uint32_t op,
		 uint32_t value)
{
	struct audit_rule_data *d = &r->u.d;
	uint32_t i = d->field_count;

	if (i >= AUDIT_MAX_FIELDS)
		return -1;
	d->fields[i] = field;
	d->fieldflags[i] = op;
	d->values[i] = value;
	d->field_count++;
	return 0;
}

int tnl_rule_str(struct tnl_rule *r, uint32_t field, uint32_t op,
		 const char *s)
{
	struct audit_rule_data *d = &r->u.d;
	size_t len = strlen(s);

	if (d->buflen + len > TNL_RULE_BUF ||
	    tnl_rule_num(r, field, op, (uint32_t)len) < 0)
		return -1;
	memcpy(d->buf + d->buflen, s, len);
	d->buflen += (uint32_t)len;
	return 0;
}

uint32_t tnl_op(const char *s)
{
	uint32_t op = al_op_parse(s);

	return op ? op : (uint32_t)strtoul(s, NULL, 0);
}
