// SPDX-License-Identifier: GPL-2.0
/*
 * rule-load: the kernel's side of loading and deleting many rules, with
 * as little of userspace as can be: N exit rules, all different
 * (-a always,exit -F arch=b64 -S mkdir -F uid=10000+i), sent BATCH to a
 * datagram, each acked, then deleted the same way.  auditctl -R pays one
 * round trip per rule, which under UML costs more than the kernel's work
 * and hides it; this leaves the kernel's work.
 *
 * With -f, the floor instead: as many requests, each refused at once by
 * the kernel (more fields than a rule may have), in the same batches:
 * what the round trips cost without a rule in them.
 *
 * usage: rule-load [-f] N [BATCH]
 * prints: rule-load N LOAD-SECONDS DELETE-SECONDS ERRORS
 *         rule-load-floor N SECONDS
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

struct msg {
	struct nlmsghdr h;
	struct audit_rule_data d;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void rule(struct msg *m, int type, unsigned int seq, unsigned int uid,
		 int floor)
{
	memset(m, 0, sizeof(*m));
	m->h.nlmsg_len = NLMSG_LENGTH(sizeof(m->d));
	m->h.nlmsg_type = type;
	m->h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m->h.nlmsg_seq = seq;
	m->d.flags = AUDIT_FILTER_EXIT;
	m->d.action = AUDIT_ALWAYS;
	m->d.mask[SYS_mkdir / 32] = 1U << (SYS_mkdir % 32);
	m->d.field_count = 2;
	m->d.fields[0] = AUDIT_ARCH;
	m->d.fieldflags[0] = AUDIT_EQUAL;
	m->d.values[0] = AUDIT_ARCH_X86_64;
	m->d.fields[1] = AUDIT_UID;
	m->d.fieldflags[1] = AUDIT_EQUAL;
	m->d.values[1] = uid;
	if (floor)
		m->d.field_count = AUDIT_MAX_FIELDS + 1;
}

/* Waits for the acks of sequence numbers up to LAST; counts the errors. */
static int acks(int fd, unsigned int last, int *errors)
{
	char buf[8192];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;
		size_t left;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("rule-load: recv");
			return -1;
		}
		for (left = (size_t)n; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			const struct nlmsgerr *e = NLMSG_DATA(h);

			if (h->nlmsg_type != NLMSG_ERROR)
				continue;
			if (e->error)
				(*errors)++;
			if (h->nlmsg_seq == last)
				return 0;
		}
	}
}

/* Sends N rules of TYPE, BATCH to a datagram: seconds taken, or < 0. */
static double run(int fd, int type, unsigned int n, unsigned int batch,
		  int floor, int *errors)
{
	struct msg *m = calloc(batch, sizeof(*m));
	unsigned int i = 0, k;
	double t0 = now();

	if (!m)
		return -1;
	while (i < n) {
		for (k = 0; k < batch && i < n; k++, i++)
			rule(&m[k], type, i + 1, 10000 + i, floor);
		if (send(fd, m, k * sizeof(*m), 0) < 0) {
			perror("rule-load: send");
			free(m);
			return -1;
		}
		if (acks(fd, i, errors) < 0) {
			free(m);
			return -1;
		}
	}
	free(m);
	return now() - t0;
}

int main(int argc, char **argv)
{
	unsigned int n, batch;
	double load, del;
	int fd, one = 1, errors = 0, floor = 0;

	if (argc > 1 && !strcmp(argv[1], "-f")) {
		floor = 1;
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: rule-load [-f] N [BATCH]\n");
		return 2;
	}
	n = (unsigned int)strtoul(argv[1], NULL, 10);
	batch = argc == 3 ? (unsigned int)strtoul(argv[2], NULL, 10) : 32;
	if (!n || !batch || batch > 1024) {
		fprintf(stderr, "rule-load: N and BATCH (1-1024) must be positive\n");
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("rule-load: socket");
		return 1;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (floor) {
		load = run(fd, AUDIT_ADD_RULE, n, batch, 1, &errors);
		if (load < 0)
			return 1;
		printf("rule-load-floor %u %.3f\n", n, load);
		return errors == (int)n ? 0 : 1;
	}
	load = run(fd, AUDIT_ADD_RULE, n, batch, 0, &errors);
	del = load < 0 ? -1 : run(fd, AUDIT_DEL_RULE, n, batch, 0, &errors);
	if (del < 0)
		return 1;
	printf("rule-load %u %.3f %.3f %d\n", n, load, del, errors);
	return errors ? 1 : 0;
}
