// SPDX-License-Identifier: GPL-2.0
/*
 * auditctl: shows and changes the kernel's audit configuration and rules,
 * with the command line of auditctl(8).
 *
 * One command (the program's arguments, or one line of a rules file) is
 * parsed whole into a struct cmd first, so that a bad argument changes
 * nothing; then its actions run in the order they were given, the rule
 * built from -a/-A/-d/-w/-W with -S/-F/-C/-k/-p last, and listings after.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "audit-lib.h"

#define MAX_ACTIONS	32
#define MAX_LINE	8192
#define MAX_WORDS	256

enum act_kind {
	ACT_SET,		/* one AUDIT_SET field */
	ACT_STATUS,
	ACT_LIST,
	ACT_DELETE_ALL,
	ACT_MSG,
	ACT_RULES_FILE,
	ACT_RESET_LOST,
	ACT_RESET_WAIT_ACTUAL,
	ACT_LOGINUID_IMMUTABLE,
	ACT_VERSION,
};

struct action {
	enum act_kind kind;
	uint32_t mask;		/* ACT_SET: which field */
	uint32_t value;
	const char *arg;	/* ACT_MSG, ACT_RULES_FILE */
};

struct cmd {
	struct action acts[MAX_ACTIONS];
	int nacts;
	struct al_rule rule;
	int rule_op;		/* AUDIT_ADD_RULE, AUDIT_DEL_RULE or 0 */
	bool rule_words;	/* some -S/-F/-C/-p seen */
	const char *key;	/* first -k, the filter of -l and -D */
	bool keep_going;	/* -c */
	bool ignore_errors;	/* -i */
};

/* What a run shares across the commands of a rules file. */
struct ctx {
	struct al_nl nl;
	bool open;
	int depth;		/* -R inside -R */
};

enum {
	OPT_BACKLOG_WAIT = 256,
	OPT_RESET_LOST,
	OPT_RESET_WAIT_ACTUAL,
	OPT_LOGINUID_IMMUTABLE,
	OPT_SIGNAL,
};

static const struct option long_opts[] = {
	{ "backlog_wait_time", required_argument, NULL, OPT_BACKLOG_WAIT },
	{ "reset-lost", no_argument, NULL, OPT_RESET_LOST },
	{ "reset_lost", no_argument, NULL, OPT_RESET_LOST },
	{ "reset_backlog_wait_time_actual", no_argument, NULL,
	  OPT_RESET_WAIT_ACTUAL },
	{ "loginuid-immutable", no_argument, NULL, OPT_LOGINUID_IMMUTABLE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("usage: auditctl [options]\n"
	      "    -a <l,a>            append a rule to list l with action a\n"
	      "    -A <l,a>            insert a rule at the head of list l\n"
	      "    -b <backlog>        set the backlog limit (default 64)\n"
	      "    --backlog_wait_time <t>  set the backlog wait time\n"
	      "    -c                  continue past errors in a rules file\n"
	      "    -C f=f | f!=f       compare two fields\n"
	      "    -d <l,a>            delete a rule from list l with action a\n"
	      "    -D                  delete all rules and watches (with -k: those with the key)\n"
	      "    -e [0..2]           set the enabled flag (2 locks the configuration)\n"
	      "    -f [0..2]           set the failure mode: 0 silent, 1 printk, 2 panic\n"
	      "    -F f=v              a rule field: name, operator (= != < > <= >= & &=), value\n"
	      "    -h                  this help\n"
	      "    -i                  ignore errors when reading rules from a file\n"
	      "    -k <key>            a key on a rule, or the filter of -l and -D\n"
	      "    -l                  list the rules\n"
	      "    -m <text>           send a user space message\n"
	      "    -p [r|w|x|a]        the permissions a watch triggers on\n"
	      "    -r <rate>           set the rate limit in records/s (0 = none)\n"
	      "    -R <file>           read rules from a file\n"
	      "    -s                  report the status\n"
	      "    -S <syscall>        a rule's syscall: name, number, list, or all\n"
	      "    -v                  version\n"
	      "    -w <path>           insert a watch on path\n"
	      "    -W <path>           remove the watch on path\n"
	      "    --loginuid-immutable  make login uids unchangeable once set\n"
	      "    --reset-lost        reset the lost record counter\n"
	      "    --reset_backlog_wait_time_actual  reset the backlog wait counter\n",
	      f);
}

static int add_action(struct cmd *c, enum act_kind kind, uint32_t mask,
		      uint32_t value, const char *arg, struct al_err *err)
{
	if (c->nacts == MAX_ACTIONS)
		return al_fail(err, "too many options in one command");
	c->acts[c->nacts++] = (struct action){ kind, mask, value, arg };
	return 0;
}

static int set_option(struct cmd *c, const char *opt, const char *what,
		      const char *v, long long max, uint32_t mask,
		      struct al_err *err)
{
	long long n;

	if (al_parse_ll(v, 0, max, &n) < 0)
		return al_fail(err, "%s %s: %s must be a number from 0 to %lld",
			       opt, v, what, max);
	return add_action(c, ACT_SET, mask, (uint32_t)n, NULL, err);
}

static int rule_start(struct cmd *c, int op, const char *opt, const char *v,
		      bool prepend, struct al_err *err)
{
	if (c->rule_op)
		return al_fail(err, "%s %s: one rule per command", opt, v);
	c->rule_op = op;
	c->rule.prepend = prepend;
	return 0;
}

/* Parses ARGV into C; every error names the argument at fault. */
static int parse_cmd(int argc, char **argv, struct cmd *c, struct al_err *err)
{
	int o;

	memset(c, 0, sizeof(*c));
	al_rule_init(&c->rule);
	optind = 0;		/* GNU getopt: start afresh for each command */
	opterr = 0;
	if (argc < 2)
		return al_fail(err, "no option given; try -h");
	while ((o = getopt_long(argc, argv, "+:a:A:b:cC:d:De:f:F:hik:lm:p:r:R:sS:tvw:W:",
				long_opts, NULL)) != -1) {
		int rc = 0;

		switch (o) {
		case 'e':
			rc = set_option(c, "-e", "the enabled flag", optarg, 2,
					AUDIT_STATUS_ENABLED, err);
			break;
		case 'f':
			rc = set_option(c, "-f", "the failure mode", optarg, 2,
					AUDIT_STATUS_FAILURE, err);
			break;
		case 'r':
			rc = set_option(c, "-r", "the rate", optarg, UINT32_MAX,
					AUDIT_STATUS_RATE_LIMIT, err);
			break;
		case 'b':
			rc = set_option(c, "-b", "the backlog limit", optarg,
					UINT32_MAX, AUDIT_STATUS_BACKLOG_LIMIT, err);
			break;
		case OPT_BACKLOG_WAIT:
			rc = set_option(c, "--backlog_wait_time", "the wait time",
					optarg, 600000,
					AUDIT_STATUS_BACKLOG_WAIT_TIME, err);
			break;
		case OPT_RESET_LOST:
			rc = add_action(c, ACT_RESET_LOST, 0, 0, NULL, err);
			break;
		case OPT_RESET_WAIT_ACTUAL:
			rc = add_action(c, ACT_RESET_WAIT_ACTUAL, 0, 0, NULL, err);
			break;
		case OPT_LOGINUID_IMMUTABLE:
			rc = add_action(c, ACT_LOGINUID_IMMUTABLE, 0, 0, NULL, err);
			break;
		case 's':
			rc = add_action(c, ACT_STATUS, 0, 0, NULL, err);
			break;
		case 'l':
			rc = add_action(c, ACT_LIST, 0, 0, NULL, err);
			break;
		case 'D':
			rc = add_action(c, ACT_DELETE_ALL, 0, 0, NULL, err);
			break;
		case 'm':
			rc = add_action(c, ACT_MSG, 0, 0, optarg, err);
			break;
		case 'R':
			rc = add_action(c, ACT_RULES_FILE, 0, 0, optarg, err);
			break;
		case 'v':
			rc = add_action(c, ACT_VERSION, 0, 0, NULL, err);
			break;
		case 'c':
			c->keep_going = true;
			break;
		case 'i':
			c->ignore_errors = true;
			break;
		case 't':
			break;		/* trimming subtrees: nothing to do */
		case 'a':
		case 'A':
		case 'd':
			rc = rule_start(c, o == 'd' ? AUDIT_DEL_RULE : AUDIT_ADD_RULE,
					o == 'a' ? "-a" : o == 'A' ? "-A" : "-d",
					optarg, o == 'A', err);
			if (rc == 0)
				rc = al_rule_set_list_action(&c->rule, optarg, err);
			break;
		case 'w':
		case 'W':
			rc = rule_start(c, o == 'W' ? AUDIT_DEL_RULE : AUDIT_ADD_RULE,
					o == 'w' ? "-w" : "-W", optarg, false, err);
			if (rc == 0)
				rc = al_rule_set_watch(&c->rule, optarg, err);
			break;
		case 'S':
			c->rule_words = true;
			rc = al_rule_add_syscalls(&c->rule, optarg, err);
			break;
		case 'F':
			c->rule_words = true;
			rc = al_rule_add_field(&c->rule, optarg, err);
			break;
		case 'C':
			c->rule_words = true;
			rc = al_rule_add_compare(&c->rule, optarg, err);
			break;
		case 'p':
			c->rule_words = true;
			rc = al_rule_set_perm(&c->rule, optarg, err);
			break;
		case 'k':
			if (!c->key)
				c->key = optarg;
			rc = al_rule_add_key(&c->rule, optarg, err);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case ':':
			return al_fail(err, "%s: needs a value", argv[optind - 1]);
		default:
			return al_fail(err, "%s: unknown option", argv[optind - 1]);
		}
		if (rc < 0)
			return -1;
	}
	if (optind < argc)
		return al_fail(err, "%s: unexpected argument", argv[optind]);
	if (c->rule_words && !c->rule_op)
		return al_fail(err, "-S, -F, -C and -p need -a, -A, -d, -w or -W");
	if (c->rule_op && al_rule_finish(&c->rule, err) < 0)
		return -1;
	return 0;
}

static int need_nl(struct ctx *x, struct al_err *err)
{
	int rc;

	if (x->open)
		return 0;
	rc = al_nl_open(&x->nl);
	if (rc < 0)
		return al_fail(err, "cannot open the audit netlink socket (%s)",
			       strerror(-rc));
	x->open = true;
	return 0;
}

static void print_status(const struct audit_status *st)
{
	printf("enabled %u\nfailure %u\npid %u\nrate_limit %u\n"
	       "backlog_limit %u\nlost %u\nbacklog %u\n"
	       "backlog_wait_time %u\nbacklog_wait_time_actual %u\n",
	       st->enabled, st->failure, st->pid, st->rate_limit,
	       st->backlog_limit, st->lost, st->backlog,
	       st->backlog_wait_time, st->backlog_wait_time_actual);
}

static int do_status(struct ctx *x, bool features, struct al_err *err)
{
	struct audit_status st;
	struct audit_features f;
	int rc = al_get_status(&x->nl, &st);

	if (rc < 0)
		return al_fail(err, "Error sending status request (%s)",
			       strerror(-rc));
	print_status(&st);
	if (features && al_get_features(&x->nl, &f) == 0) {
		uint32_t m = AUDIT_FEATURE_TO_MASK(AUDIT_FEATURE_LOGINUID_IMMUTABLE);

		printf("loginuid_immutable %u %s\n", (f.features & m) ? 1 : 0,
		       (f.lock & m) ? "locked" : "unlocked");
	}
	return 0;
}

static const char *set_name(uint32_t mask)
{
	switch (mask) {
	case AUDIT_STATUS_ENABLED: return "enable";
	case AUDIT_STATUS_FAILURE: return "failure";
	case AUDIT_STATUS_RATE_LIMIT: return "rate limit";
	case AUDIT_STATUS_BACKLOG_LIMIT: return "backlog limit";
	case AUDIT_STATUS_BACKLOG_WAIT_TIME: return "backlog wait time";
	case AUDIT_STATUS_LOST: return "lost reset";
	default: return "backlog wait time actual reset";
	}
}

static int do_set(struct ctx *x, uint32_t mask, uint32_t value,
		  struct al_err *err)
{
	struct audit_status st = { .mask = mask };
	int rc;

	switch (mask) {
	case AUDIT_STATUS_ENABLED: st.enabled = value; break;
	case AUDIT_STATUS_FAILURE: st.failure = value; break;
	case AUDIT_STATUS_RATE_LIMIT: st.rate_limit = value; break;
	case AUDIT_STATUS_BACKLOG_LIMIT: st.backlog_limit = value; break;
	case AUDIT_STATUS_BACKLOG_WAIT_TIME: st.backlog_wait_time = value; break;
	}
	rc = al_set_status(&x->nl, &st);
	if (rc < 0)
		return al_fail(err, "Error sending %s request (%s)",
			       set_name(mask), strerror(-rc));
	if (mask == AUDIT_STATUS_LOST)
		printf("lost: %d\n", rc);
	else if (mask == AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL)
		printf("backlog_wait_time_actual: %d\n", rc);
	return 0;
}

/* The path of this program, for the exe= of a user message. */
static void self_exe(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);

	if (n < 0)
		n = 0;
	buf[n] = '\0';
}

static int do_msg(struct ctx *x, const char *text, struct al_err *err)
{
	char exe[PATH_MAX], exe_enc[2 * PATH_MAX + 3], host[256];
	char host_enc[2 * sizeof(host) + 3], *tty, tty_enc[128];
	char *msg;
	size_t len;
	int rc;

	self_exe(exe, sizeof(exe));
	al_encode_value(exe[0] ? exe : "?", exe_enc, sizeof(exe_enc));
	if (gethostname(host, sizeof(host)) < 0)
		strcpy(host, "?");
	host[sizeof(host) - 1] = '\0';
	al_encode_value(host, host_enc, sizeof(host_enc));
	tty = ttyname(STDIN_FILENO);
	snprintf(tty_enc, sizeof(tty_enc), "%s",
		 tty ? (strncmp(tty, "/dev/", 5) == 0 ? tty + 5 : tty) : "?");
	len = strlen(text) + strlen(exe_enc) + strlen(host_enc) +
	      strlen(tty_enc) + 64;
	msg = malloc(len);
	if (!msg)
		return al_fail(err, "-m: out of memory");
	snprintf(msg, len, "%s exe=%s hostname=%s addr=? terminal=%s res=success",
		 text, exe_enc, host_enc, tty_enc);
	rc = al_send_user(&x->nl, AUDIT_USER, msg);
	free(msg);
	if (rc < 0)
		return al_fail(err, "-m: error sending the user message (%s)",
			       strerror(-rc));
	return 0;
}

struct list_ctx {
	const char *key;
	int count;
	/* for -D: a copy of each rule to delete after the listing ends */
	struct audit_rule_data **del;
	size_t *del_len;
	int ndel, cap;
	bool collect;
};

static int list_one(const struct audit_rule_data *d, size_t len, void *p)
{
	struct list_ctx *lc = p;
	char line[16384];

	if (lc->key && !al_rule_has_key(d, lc->key))
		return 0;
	lc->count++;
	if (!lc->collect) {
		al_rule_format(d, line, sizeof(line));
		printf("%s\n", line);
		return 0;
	}
	if (lc->ndel == lc->cap) {
		int cap = lc->cap ? lc->cap * 2 : 64;
		struct audit_rule_data **nd = realloc(lc->del, (size_t)cap * sizeof(*nd));
		size_t *nl = nd ? realloc(lc->del_len, (size_t)cap * sizeof(*nl)) : NULL;

		if (nd)
			lc->del = nd;
		if (!nl)
			return -1;
		lc->del_len = nl;
		lc->cap = cap;
	}
	lc->del[lc->ndel] = malloc(len);
	if (!lc->del[lc->ndel])
		return -1;
	memcpy(lc->del[lc->ndel], d, len);
	lc->del_len[lc->ndel++] = len;
	return 0;
}

static int do_list(struct ctx *x, const char *key, struct al_err *err)
{
	struct list_ctx lc = { .key = key };

	if (al_list_rules(&x->nl, list_one, &lc, err) < 0)
		return -1;
	if (lc.count == 0)
		printf("No rules\n");
	return 0;
}

static int do_delete_all(struct ctx *x, const char *key, struct al_err *err)
{
	struct list_ctx lc = { .key = key, .collect = true };
	int rc = 0;

	if (al_list_rules(&x->nl, list_one, &lc, err) < 0)
		rc = -1;
	for (int i = 0; i < lc.ndel; i++) {
		int r = rc < 0 ? 0 : al_nl_request(&x->nl, AUDIT_DEL_RULE,
						   lc.del[i], lc.del_len[i],
						   0, NULL, 0);

		if (r < 0)
			rc = al_fail(err, "Error deleting rule (%s)", strerror(-r));
		free(lc.del[i]);
	}
	free(lc.del);
	free(lc.del_len);
	if (rc == 0)
		printf("No rules\n");
	return rc;
}

static int do_rule(struct ctx *x, struct cmd *c, struct al_err *err)
{
	const struct audit_rule_data *d = &c->rule.u.d;
	int rc = al_nl_request(&x->nl, c->rule_op, d, al_rule_size(d), 0,
			       NULL, 0);

	if (rc == -EEXIST)
		return al_fail(err, "Error sending add rule data request (Rule exists)");
	if (rc == -ENOENT && c->rule_op == AUDIT_DEL_RULE)
		return al_fail(err, "Error sending delete rule data request (No rule matches)");
	if (rc < 0)
		return al_fail(err, "Error sending %s rule data request (%s)",
			       c->rule_op == AUDIT_ADD_RULE ? "add" : "delete",
			       strerror(-rc));
	return 0;
}

static int run_file(struct ctx *x, const char *path, bool keep_going,
		    bool ignore, struct al_err *err);

static int run_cmd(struct ctx *x, struct cmd *c, struct al_err *err)
{
	bool sets = false;

	for (int i = 0; i < c->nacts; i++) {
		struct action *a = &c->acts[i];
		int rc = 0;

		if (a->kind == ACT_VERSION) {
			printf("auditctl version %s\n", AL_VERSION);
			continue;
		}
		if (a->kind != ACT_RULES_FILE && need_nl(x, err) < 0)
			return -1;
		switch (a->kind) {
		case ACT_SET:
			rc = do_set(x, a->mask, a->value, err);
			sets = true;
			break;
		case ACT_RESET_LOST:
			rc = do_set(x, AUDIT_STATUS_LOST, 0, err);
			break;
		case ACT_RESET_WAIT_ACTUAL:
			rc = do_set(x, AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL, 0, err);
			break;
		case ACT_LOGINUID_IMMUTABLE:
			rc = al_set_feature(&x->nl, AUDIT_FEATURE_LOGINUID_IMMUTABLE,
					    true, false);
			if (rc < 0)
				rc = al_fail(err, "--loginuid-immutable: %s",
					     strerror(-rc));
			break;
		case ACT_MSG:
			rc = do_msg(x, a->arg, err);
			break;
		case ACT_DELETE_ALL:
			rc = do_delete_all(x, c->key, err);
			break;
		case ACT_RULES_FILE:
			rc = run_file(x, a->arg, c->keep_going, c->ignore_errors,
				      err);
			break;
		default:
			break;		/* listings come after the rule */
		}
		if (rc < 0)
			return -1;
	}
	if ((c->rule_op || sets) && need_nl(x, err) < 0)
		return -1;
	if (c->rule_op && do_rule(x, c, err) < 0)
		return -1;
	if (sets && do_status(x, false, err) < 0)
		return -1;
	for (int i = 0; i < c->nacts; i++) {
		int rc = 0;

		if (c->acts[i].kind == ACT_LIST)
			rc = do_list(x, c->key, err);
		else if (c->acts[i].kind == ACT_STATUS)
			rc = do_status(x, true, err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* A rules file must not be writable by others: it runs as root. */
static FILE *open_rules(const char *path, struct al_err *err)
{
	struct stat st;
	FILE *f = fopen(path, "re");

	if (!f)
		return al_fail(err, "-R %s: %s", path, strerror(errno)), NULL;
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return al_fail(err, "-R %s: not a regular file", path), NULL;
	}
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) ||
	    (st.st_uid != 0 && st.st_uid != geteuid())) {
		fclose(f);
		return al_fail(err, "-R %s: writable by others or owned by another user", path), NULL;
	}
	return f;
}

static int run_file(struct ctx *x, const char *path, bool keep_going,
		    bool ignore, struct al_err *err)
{
	char line[MAX_LINE + 2];
	int lineno = 0, failed = 0, ok = 0;
	FILE *f;

	if (x->depth > 0)
		return al_fail(err, "-R %s: -R cannot be used inside a rules file", path);
	f = open_rules(path, err);
	if (!f)
		return -1;
	x->depth++;
	while (fgets(line, sizeof(line), f)) {
		char *argv[MAX_WORDS + 1];
		struct cmd *c;
		struct al_err e;
		size_t len = strlen(line);
		int n, rc;

		lineno++;
		if (len && line[len - 1] == '\n') {
			line[--len] = '\0';
		} else if (!feof(f)) {
			int ch;

			while ((ch = fgetc(f)) != EOF && ch != '\n')
				;
			line[0] = '\0';
			len = (size_t)-1;
		}
		argv[0] = "auditctl";
		n = al_split_words(line, argv + 1, MAX_WORDS, &e);
		if (len != (size_t)-1 &&
		    (n == 0 || (n > 0 && argv[1][0] == '#')))
			continue;
		c = malloc(sizeof(*c));
		if (len == (size_t)-1) {
			rc = al_fail(&e, "line longer than %d bytes", MAX_LINE);
		} else if (!c) {
			rc = al_fail(&e, "out of memory");
		} else {
			rc = n < 0 ? -1 : parse_cmd(n + 1, argv, c, &e);
			if (rc == 0)
				rc = run_cmd(x, c, &e);
		}
		free(c);
		if (rc == 0) {
			ok++;
			continue;
		}
		failed++;
		fprintf(stderr, "%s\nThere was an error in line %d of %s\n",
			e.msg, lineno, path);
		if (!keep_going && !ignore)
			break;
	}
	x->depth--;
	fclose(f);
	if (keep_going && failed)
		fprintf(stderr, "There were %d rule errors and %d rules loaded from %s\n",
			failed, ok, path);
	if (failed && !ignore)
		return al_fail(err, "-R %s: %d line%s failed", path, failed,
			       failed == 1 ? "" : "s");
	return 0;
}

int main(int argc, char **argv)
{
	struct ctx x = { .open = false };
	struct al_err err = { "" };
	struct cmd *c = malloc(sizeof(*c));
	int rc;

	if (!c) {
		fprintf(stderr, "auditctl: out of memory\n");
		return 1;
	}
	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	rc = parse_cmd(argc, argv, c, &err);
	if (rc == 0)
		rc = run_cmd(&x, c, &err);
	fflush(stdout);
	if (rc < 0 && err.msg[0])
		fprintf(stderr, "auditctl: %s\n", err.msg);
	if (x.open)
		al_nl_close(&x.nl);
	free(c);
	return rc < 0 ? 1 : 0;
}
