/* SPDX-License-Identifier: GPL-2.0 */
/*
 * auditlib: what auditctl and auditd share.
 *
 *  - netlink: one NETLINK_AUDIT socket, requests answered by an ack;
 *  - name tables: record types, rule fields, operators, lists, actions,
 *    syscalls, errno values (the long ones generated from headers);
 *  - rules: building a struct audit_rule_data from auditctl(8) words and
 *    printing one back the way 'auditctl -l' does;
 *  - small parsers: numbers, "key = value" files, words of a rule line.
 *
 * Functions that can fail return 0 (or a count) on success and a negative
 * errno value, or -1 with a message in a caller-provided struct al_err,
 * on failure.  Nothing here prints: the programs report errors once.
 */
#ifndef AUDIT_LIB_H
#define AUDIT_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <linux/audit.h>
#include <linux/netlink.h>

#define AL_VERSION		"3.0.9"
/* The largest datagram the kernel sends us: header, record, slack. */
#define AL_MAX_MSG		9000
/* The string area of a rule: what fits in a datagram with the rest. */
#define AL_RULE_BUF_MAX		(AL_MAX_MSG - NLMSG_HDRLEN - \
				 (int)sizeof(struct audit_rule_data) - 64)
#define AL_KEY_SEP		'\001'

/* An error message, filled by the function that failed. */
struct al_err {
	char msg[512];
};

int al_fail(struct al_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- name tables ---- */
struct al_name {
	int num;
	const char *name;
};

extern const struct al_name al_syscalls_b64[], al_syscalls_b32[];
extern const size_t al_syscalls_b64_len, al_syscalls_b32_len;
extern const struct al_name al_errnos[], al_kernel_types[], al_compares[];
extern const size_t al_errnos_len, al_kernel_types_len, al_compares_len;

/* Record type NUM as the log spells it; NULL if unknown. */
const char *al_type_name(int num);
/* Record type from a name or a number; -1 if neither. */
int al_type_num(const char *name);

const char *al_errno_name(int num);
int al_errno_num(const char *name);

/* Syscall tables by audit arch (AUDIT_ARCH_X86_64 or AUDIT_ARCH_I386). */
const char *al_syscall_name(uint32_t arch, int num);
int al_syscall_num(uint32_t arch, const char *name);
/* "b64", "b32", "x86_64", "i386"... to an AUDIT_ARCH_* value; 0 if not. */
uint32_t al_arch_parse(const char *s);
const char *al_arch_name(uint32_t arch);	/* "b64", "b32" or NULL */

/* Names of uids and gids met recently (names.c). */
#define AL_NAME_CACHE 32
struct al_name_cache {
	struct {
		unsigned id;
		bool group, used;
		char name[64];
	} e[AL_NAME_CACHE];
	unsigned next;
};

/* The name the ENRICHED format gives field KEY (KLEN bytes) = VAL: the
 * key in capitals into UKEY, the name into *NAME (valid until the next
 * call).  *ARCH is the record's arch: set by arch=, used by syscall=.
 * False when the field has no name to give. */
bool al_field_name(struct al_name_cache *nc, const char *key, size_t klen,
		   const char *val, uint32_t *arch, char *ukey, size_t ukeylen,
		   const char **name);

/* Hex text (LEN digits) into at most MAX bytes; (size_t)-1 if not hex. */
size_t al_unhex(const char *hex, size_t len, unsigned char *out, size_t max);

/* The saddr= of a SOCKADDR record, decoded (sockaddr.c). */
struct al_sockaddr {
	int family;		/* AF_* */
	char fam[24];		/* "inet", "inet6", "local", "netlink", ... */
	char addr[112];		/* address, or socket path ('@' if abstract) */
	int port;
	bool has_port;
	unsigned nl_pid;
};
int al_sockaddr_decode(const char *hex, size_t len, struct al_sockaddr *sa);
/* As Debian's ENRICHED format writes it inside SADDR={ ... }. */
size_t al_sockaddr_format(const struct al_sockaddr *sa, char *out, size_t len);
uint32_t al_native_arch(void);

enum al_ftype {
	AL_F_NUM,	/* plain number */
	AL_F_SNUM,	/* signed number (exit, pid-like values may be -1) */
	AL_F_UID,	/* user name or number, "unset" */
	AL_F_GID,	/* group name or number, "unset" */
	AL_F_STR,	/* string carried in the rule's buffer */
	AL_F_ARCH,
	AL_F_MSGTYPE,
	AL_F_PERM,
	AL_F_FILETYPE,
	AL_F_EXIT,	/* number or errno name */
	AL_F_HEX,	/* syscall arguments: number, listed in hex */
};

struct al_field {
	int num;
	const char *name;
	enum al_ftype type;
	unsigned flags;
};
#define AL_EXIT_ONLY	0x1	/* meaningful on the exit list only */
#define AL_EQ_ONLY	0x2	/* only = and != make sense */

const struct al_field *al_field_by_name(const char *name);
const struct al_field *al_field_by_num(int num);

/* Operator text to AUDIT_EQUAL...; 0 if unknown. */
uint32_t al_op_parse(const char *s);
const char *al_op_name(uint32_t op);

int al_list_num(const char *name);		/* -1 if unknown */
const char *al_list_name(int num);
int al_action_num(const char *name);		/* -1 if unknown */
const char *al_action_name(int num);

/* A text buffer that truncates quietly at CAP - 1 bytes. */
struct al_buf {
	char *p;
	size_t len, cap;
};

void al_bprintf(struct al_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- small parsers ---- */
/* Whole string as a number in [min, max]; decimal, 0x hex or 0 octal. */
int al_parse_ll(const char *s, long long min, long long max, long long *out);
/* Splits LINE in place into words (double quotes group); returns the
 * count, or -1 with ERR set if there are more than MAX or a quote is
 * left open. */
int al_split_words(char *line, char **argv, int max, struct al_err *err);

/* "key = value" files.  CB gets each pair with its line number and
 * returns 0, or -1 with ERR set (the caller's message is then prefixed
 * with the file and line).  Blank lines and '#' comments are skipped. */
typedef int (*al_conf_cb)(const char *key, const char *value, void *ctx,
			  struct al_err *err);
int al_conf_parse_text(const char *name, char *text, al_conf_cb cb, void *ctx,
		       struct al_err *err);
int al_conf_parse_file(const char *path, al_conf_cb cb, void *ctx,
		       struct al_err *err);

/* ---- rules ---- */
struct al_rule {
	union {
		struct audit_rule_data d;
		unsigned char raw[sizeof(struct audit_rule_data) +
				  AL_RULE_BUF_MAX];
	} u;
	int list;		/* -1 until -a/-A/-d/-w says */
	int action;
	bool prepend;
	bool syscalls_set;	/* some -S given */
	uint32_t arch;		/* arch field value seen so far, 0 if none */
	char keys[AUDIT_MAX_KEY_LEN + 1];	/* -k values, \001 separated */
	size_t keys_len;
	const char *watch;	/* -w / -W path */
	bool watch_dir;
	unsigned perm;		/* -p bits, 0 if not given */
};

void al_rule_init(struct al_rule *r);
/* "exit,always" or "always,exit". */
int al_rule_set_list_action(struct al_rule *r, const char *s, struct al_err *err);
/* One -S word: a name, a number, "all", or a comma list of those. */
int al_rule_add_syscalls(struct al_rule *r, const char *s, struct al_err *err);
/* One -F word: "name OP value". */
int al_rule_add_field(struct al_rule *r, const char *expr, struct al_err *err);
/* One -C word: "field OP field". */
int al_rule_add_compare(struct al_rule *r, const char *expr, struct al_err *err);
int al_rule_add_key(struct al_rule *r, const char *key, struct al_err *err);
int al_rule_set_watch(struct al_rule *r, const char *path, struct al_err *err);
int al_rule_set_perm(struct al_rule *r, const char *perm, struct al_err *err);
/* Completes the rule (watch fields, keys, default syscall mask, checks);
 * returns the size of the audit_rule_data to send. */
int al_rule_finish(struct al_rule *r, struct al_err *err);
/* Size of a rule's data, as sent. */
size_t al_rule_size(const struct audit_rule_data *d);

/* Checks that LEN bytes at D form a sound rule (counts, lengths). */
int al_rule_check(const struct audit_rule_data *d, size_t len,
		  struct al_err *err);
/* The rule as 'auditctl -l' prints it; D must have passed al_rule_check.
 * Returns the length written (truncated at OUTLEN - 1). */
size_t al_rule_format(const struct audit_rule_data *d, char *out, size_t outlen);
/* Whether the rule carries key KEY (exactly, as one of its keys). */
bool al_rule_has_key(const struct audit_rule_data *d, const char *key);

/* ---- netlink ---- */
struct al_nl {
	int fd;
	uint32_t seq;
	/* How long a wait for the kernel may take, in milliseconds; set
	 * by al_nl_open to AL_REPLY_TIMEOUT, < 0 to wait as long as it
	 * takes. */
	int timeout_ms;
};
#define AL_REPLY_TIMEOUT	3000

int al_nl_open(struct al_nl *nl);
/* The same, joined to the multicast GROUPS (a bit mask, as nl_groups);
 * -errno (EPERM without CAP_AUDIT_READ) if the bind is refused. */
int al_nl_open_groups(struct al_nl *nl, uint32_t groups);
void al_nl_close(struct al_nl *nl);
/* Sends one message; returns its sequence number or -errno. */
int al_nl_send(struct al_nl *nl, int type, int flags, const void *data,
	       size_t len);
/* Sends LEN bytes as they are, header included, whatever the header
 * says (for tests of malformed messages); 0 or -errno. */
int al_nl_send_raw(struct al_nl *nl, const void *msg, size_t len);
/* Receives one datagram from the kernel (messages of other senders are
 * skipped) within the timeout; returns its size or -errno (-ETIMEDOUT,
 * -ENOBUFS when the socket overflowed). */
long al_nl_recv(struct al_nl *nl, void *buf, size_t len);
/* Waits for the answer to request SEQ (< 0: to any request): its ack,
 * whose value goes to *ACK, and, if REPLY is set, a message of type
 * REPLY_TYPE, copied there up to REPLY_LEN.  Returns 0 once the ack
 * came (and the reply, unless the ack is an error), or -errno when
 * nothing more could be read. */
int al_nl_wait(struct al_nl *nl, int seq, int *ack, int reply_type,
	       void *reply, size_t reply_len);
/* Sends TYPE with an ack request and waits for the ack (and, if REPLY is
 * set, for a message of type REPLY_TYPE, copied there up to REPLY_LEN).
 * Returns the ack's value: 0, a positive value some requests return,
 * or -errno. */
int al_nl_request(struct al_nl *nl, int type, const void *data, size_t len,
		  int reply_type, void *reply, size_t reply_len);
int al_get_status(struct al_nl *nl, struct audit_status *st);
int al_set_status(struct al_nl *nl, const struct audit_status *st);
int al_get_features(struct al_nl *nl, struct audit_features *f);
int al_set_feature(struct al_nl *nl, unsigned feature, bool on, bool lock);
int al_send_user(struct al_nl *nl, int type, const char *text);
/* AUDIT_MAKE_EQUIV: directory rules holding OLD take in NEW's subtree. */
int al_make_equiv(struct al_nl *nl, const char *old, size_t old_len,
		  const char *new);
/* Lists the rules: CB is called with each rule, already checked. */
typedef int (*al_rule_cb)(const struct audit_rule_data *d, size_t len,
			  void *ctx);
int al_list_rules(struct al_nl *nl, al_rule_cb cb, void *ctx,
		  struct al_err *err);

/* Writes a value the way the kernel writes untrusted strings: quoted if
 * plain, hex if it holds a space, quote or control character. */
size_t al_encode_value(const char *s, char *out, size_t outlen);

#endif
