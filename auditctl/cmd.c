// SPDX-License-Identifier: GPL-2.0
/* auditctl's command line and rules files: parsing only, no netlink. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmd.h"

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
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

void cmd_usage(FILE *f)
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
	      "    -q <dir>,<subtree>  directory rules holding dir take in subtree\n"
	      "    -r <rate>           set the rate limit in records/s (0 = none)\n"
	      "    -R <file>           read rules from a file\n"
	      "    -s                  report the status\n"
	      "    -S <syscall>        a rule's syscall: name, number, list, or all\n"
	      "    -t                  trim directory rules of mounts moved away\n"
	      "    -v                  version\n"
	      "    -w <path>           insert a watch on path\n"
	      "    -W <path>           remove the watch on path\n"
	      "    --loginuid-immutable  make login uids unchangeable once set\n"
	      "    --signal <s>        signal the audit daemon: stop (TERM), reload (HUP),\n"
	      "                        rotate (USR1), resume (USR2), state (CONT)\n"
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

/* --signal's names, as audit 4.x's auditctl takes them. */
static const struct {
	const char *name, *sig_name;
	int sig;
} signal_names[] = {
	{ "stop", "TERM", SIGTERM }, { "reload", "HUP", SIGHUP },
	{ "rotate", "USR1", SIGUSR1 }, { "resume", "USR2", SIGUSR2 },
	{ "state", "CONT", SIGCONT },
};

static int signal_number(const char *v)
{
	const char *bare = strncasecmp(v, "SIG", 3) == 0 ? v + 3 : v;

	for (size_t i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (strcasecmp(v, signal_names[i].name) == 0 ||
		    strcasecmp(bare, signal_names[i].sig_name) == 0)
			return signal_names[i].sig;
	return -1;
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

int cmd_parse(int argc, char **argv, struct cmd *c, struct al_err *err)
{
	int o;

	memset(c, 0, sizeof(*c));
	al_rule_init(&c->rule);
	optind = 0;		/* GNU getopt: start afresh for each command */
	opterr = 0;
	if (argc < 2)
		return al_fail(err, "no option given; try -h");
	while ((o = getopt_long(argc, argv, "+:a:A:b:cC:d:De:f:F:hik:lm:p:q:r:R:sS:tvw:W:",
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
		case OPT_SIGNAL: {
			int sig = signal_number(optarg);

			if (sig < 0)
				rc = al_fail(err, "--signal %s: want stop, reload, rotate, resume or state (or TERM, HUP, USR1, USR2, CONT)",
					     optarg);
			else
				rc = add_action(c, ACT_SIGNAL, 0, (uint32_t)sig,
						optarg, err);
			break;
		}
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
			rc = add_action(c, ACT_TRIM, 0, 0, NULL, err);
			break;
		case 'q': {
			const char *comma = strchr(optarg, ',');

			if (!comma || comma == optarg || !comma[1] ||
			    strchr(comma + 1, ','))
				rc = al_fail(err, "-q %s: expected two paths, <dir>,<subtree>",
					     optarg);
			else
				rc = add_action(c, ACT_MAKE_EQUIV, 0, 0, optarg,
						err);
			break;
		}
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
			cmd_usage(stdout);
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

static bool nested_file(const struct cmd *c)
{
	for (int i = 0; i < c->nacts; i++)
		if (c->acts[i].kind == ACT_RULES_FILE)
			return true;
	return false;
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

/* One rules file's run: where its lines are reported, and the counts. */
struct file_run {
	const char *path;
	FILE *msgs;
	bool keep_going, ignore, stopped;
	int failed, ok;
};

static bool file_report(void *p, int line, const char *msg)
{
	struct file_run *fr = p;

	if (!msg) {
		fr->ok++;
		return true;
	}
	fr->failed++;
	fprintf(fr->msgs, "%s\nThere was an error in line %d of %s\n",
		msg, line, fr->path);
	if (!fr->keep_going && !fr->ignore)
		fr->stopped = true;
	return !fr->stopped;
}

/* Lines taken for later are done before anything after them is. */
static void file_flush(const struct cmd_file_ops *ops, void *ctx,
		       struct file_run *fr)
{
	if (ops->flush && !fr->stopped)
		ops->flush(ctx, file_report, fr);
}

/* Parses one line into C and hands it on: 0 done, 1 deferred, 2 deferred
 * and the batch is full, -1 failed (E says why). */
static int file_line(char *line, size_t len, int lineno,
		     const struct cmd_file_ops *ops, void *ctx,
		     struct file_run *fr, struct al_err *e)
{
	char *argv[MAX_WORDS + 1];
	struct cmd *c;
	int n, rc;

	argv[0] = "auditctl";
	n = al_split_words(line, argv + 1, MAX_WORDS, e);
	if (len != (size_t)-1 && (n == 0 || (n > 0 && argv[1][0] == '#')))
		return 0;
	if (len == (size_t)-1)
		return al_fail(e, "line longer than %d bytes", MAX_LINE);
	if (n < 0)
		return -1;
	c = malloc(sizeof(*c));
	if (!c)
		return al_fail(e, "out of memory");
	rc = cmd_parse(n + 1, argv, c, e);
	if (rc == 0 && nested_file(c))
		rc = al_fail(e, "-R cannot be used inside a rules file");
	if (rc == 0 && ops->defer)
		rc = ops->defer(ctx, c, lineno, e);
	if (rc == 0) {
		file_flush(ops, ctx, fr);
		rc = fr->stopped ? 0 : ops->exec(ctx, c, e);
		if (rc == 0 && !fr->stopped)
			file_report(fr, lineno, NULL);
	}
	free(c);
	return rc;
}

int cmd_run_file(const char *path, bool keep_going, bool ignore,
		 const struct cmd_file_ops *ops, void *ctx, FILE *msgs,
		 struct al_err *err)
{
	struct file_run fr = {
		.path = path, .msgs = msgs,
		.keep_going = keep_going, .ignore = ignore,
	};
	char line[MAX_LINE + 2];
	int lineno = 0;
	FILE *f;

	f = open_rules(path, err);
	if (!f)
		return -1;
	while (!fr.stopped && fgets(line, sizeof(line), f)) {
		struct al_err e;
		size_t len = strlen(line);
		int rc;

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
		rc = file_line(line, len, lineno, ops, ctx, &fr, &e);
		if (rc == 2)
			file_flush(ops, ctx, &fr);
		if (rc >= 0)
			continue;
		/* Earlier lines first: one of them may stop the file. */
		file_flush(ops, ctx, &fr);
		if (!fr.stopped)
			file_report(&fr, lineno, e.msg);
	}
	file_flush(ops, ctx, &fr);
	fclose(f);
	if (keep_going && fr.failed)
		fprintf(msgs, "There were %d rule errors and %d rules loaded from %s\n",
			fr.failed, fr.ok, path);
	if (fr.failed && !ignore)
		return al_fail(err, "-R %s: %d line%s failed", path, fr.failed,
			       fr.failed == 1 ? "" : "s");
	return 0;
}
