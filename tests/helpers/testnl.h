/* SPDX-License-Identifier: GPL-2.0 */
/*
 * testnl: what the test helpers (audit-nl, overload, faultinj) share on
 * top of auditlib's netlink (auditlib/audit-lib.h): opening a socket or
 * dying, registering as the audit daemon, a record as a line of text,
 * and rules built from raw numbers, for what auditctl would refuse.
 */
#ifndef TESTNL_H
#define TESTNL_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "audit-lib.h"

/* Opens NL with TIMEOUT_MS for its waits (< 0: as long as it takes), or
 * says why on stderr, as PROG, and exits with status 2. */
void tnl_open(struct al_nl *nl, int timeout_ms, const char *prog);

/* Sends TYPE with an ack asked and waits for the ack (and, if REPLY is
 * set, for a message of REPLY_TYPE, as al_nl_request): 0 with the ack's
 * value in *ACK, or -errno when the request could not be sent or its
 * answer not read (al_nl_request cannot tell those from the ack). */
int tnl_ask(struct al_nl *nl, int type, const void *data, size_t len,
	    int reply_type, void *reply, size_t reply_len, int *ack);

/* Registers the calling process as the audit daemon (AUDIT_SET, pid):
 * the ack's value, or -errno. */
int tnl_register(struct al_nl *nl);

/* The same, said on stdout for the test that waits for it: "registered"
 * (flushed), or "register error=E" and -1. */
int tnl_register_say(struct al_nl *nl);

/* A record received in a datagram of LEN bytes at DGRAM, as the line
 * "TYPE TEXT\n" in OUT (cut to SIZE - 1 bytes); returns its length.
 * Records unicast to the daemon may carry the payload's length in
 * nlmsg_len, so the datagram's size is what counts; with NLMSG_LEN set
 * (multicast, which carries the real length) nlmsg_len can only cut it
 * shorter.  0 for a datagram too short to hold a header. */
size_t tnl_record_line(char *out, size_t size, const void *dgram, size_t len,
		       bool nlmsg_len);

/* ---- a program of subcommands ---- */
/* Subcommand NAME takes MIN to MAX arguments (MAX < 0: no limit); RUN
 * gets them (ARGV[0] the first); USAGE shows them after the name. */
struct tnl_cmd {
	const char *name;
	int min, max;
	int (*run)(int argc, char **argv);
	const char *usage;
};

/* Runs the subcommand ARGV[1] names, from CMDS (ended by an empty
 * entry), with SIGPIPE ignored; returns its status, or 2 after printing
 * the usage of PROG when no subcommand fits. */
int tnl_main(const char *prog, const struct tnl_cmd *cmds, int argc,
	     char **argv);

/* ---- rules from raw numbers ---- */
/* What a rule may carry in its buffer: what fits in one request. */
#define TNL_RULE_BUF	AL_RULE_BUF_MAX

struct tnl_rule {
	union {
		struct audit_rule_data d;
		unsigned char raw[sizeof(struct audit_rule_data) + TNL_RULE_BUF];
	} u;
};

/* An empty rule for LIST (AUDIT_FILTER_*, AUDIT_FILTER_PREPEND or'ed in
 * as it comes) with ACTION. */
void tnl_rule_init(struct tnl_rule *r, uint32_t list, uint32_t action);
/* Syscall NR in the rule's mask; NR < 0: every syscall. */
void tnl_rule_syscall(struct tnl_rule *r, int nr);
/* A field compared (OP, an AUDIT_* operator) with a number, or with a
 * string carried in the rule's buffer; -1 if the fields or the buffer
 * are full. */
int tnl_rule_num(struct tnl_rule *r, uint32_t field, uint32_t op,
		 uint32_t value);
int tnl_rule_str(struct tnl_rule *r, uint32_t field, uint32_t op,
		 const char *s);
/* Operator text (= != < > <= >= & &=), or a number for an operator that
 * is none of them. */
uint32_t tnl_op(const char *s);

#endif
