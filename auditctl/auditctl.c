// SPDX-License-Identifier: GPL-2.0
/*
 * auditctl: shows and changes the kernel's audit configuration and rules,
 * with the command line of auditctl(8).
 *
 * A command's actions run in the order they were given, the rule built
 * from -a/-A/-d/-w/-W with -S/-F/-C/-k/-p after them, listings last.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "cmd.h"

/* The netlink socket, opened when a command first needs it, and the
 * rules of a rules file waiting to be sent. */
struct ctx {
	struct al_nl nl;
	bool open;
	struct batch batch;
};

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

/* -s -i names the enabled flag and the failure mode, as Debian's does. */
static void print_status(const struct audit_status *st, bool interpret)
{
	static const char *const enabled[] = {
		"disable", "enabled", "enabled+immutable",
	};
	static const char *const failure[] = { "silent", "printk", "panic" };

	if (interpret && st->enabled <= 2)
		printf("enabled %s\n", enabled[st->enabled]);
	else
		printf("enabled %u\n", st->enabled);
	if (interpret && st->failure <= 2)
		printf("failure %s\n", failure[st->failure]);
	else
		printf("failure %u\n", st->failure);
	printf("pid %u\nrate_limit %u\n"
	       "backlog_limit %u\nlost %u\nbacklog %u\n"
	       "backlog_wait_time %u\nbacklog_wait_time_actual %u\n",
	       st->pid, st->rate_limit,
	       st->backlog_limit, st->lost, st->backlog,
	       st->backlog_wait_time, st->backlog_wait_time_actual);
}

static int do_status(struct ctx *x, bool features, bool interpret,
		     struct al_err *err)
{
	struct audit_status st;
	struct audit_features f;
	int rc = al_get_status(&x->nl, &st);

	if (rc < 0)
		return al_fail(err, "Error sending status request (%s)",
			       strerror(-rc));
	print_status(&st, interpret);
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
	bool interpret;		/* -l -i: arch by name, as Debian's does */
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
		char *arch;

		al_rule_format(d, line, sizeof(line));
		arch = strstr(line, " -F arch=b");
		if (lc->interpret && arch && (arch[10] == '6' || arch[10] == '3') &&
		    (arch[12] == ' ' || arch[12] == '\0'))
			printf("%.*s -F arch=%s%s\n", (int)(arch - line), line,
			       arch[10] == '6' ? "x86_64" : "i386", arch + 12);
		else
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

static int do_list(struct ctx *x, const char *key, bool interpret,
		   struct al_err *err)
{
	struct list_ctx lc = { .key = key, .interpret = interpret };

	if (al_list_rules(&x->nl, list_one, &lc, err) < 0)
		return -1;
	if (lc.count == 0)
		printf("No rules\n");
	return 0;
}

/* Sends the deletions in B; the first refused one fails the lot. */
static int send_deletions(struct ctx *x, struct batch *b, struct al_err *err)
{
	int rc = batch_send(b, &x->nl);

	for (int i = 0; rc == 0 && i < b->n; i++)
		rc = b->req[i].err;
	batch_clear(b);
	if (rc < 0)
		return al_fail(err, "Error deleting rule (%s)", strerror(-rc));
	return 0;
}

static int do_delete_all(struct ctx *x, const char *key, struct al_err *err)
{
	struct list_ctx lc = { .key = key, .collect = true };
	struct batch b;
	int rc = batch_init(&b);

	if (rc < 0)
		return al_fail(err, "-D: out of memory");
	if (al_list_rules(&x->nl, list_one, &lc, err) < 0)
		rc = -1;
	for (int i = 0; rc == 0 && i < lc.ndel; i++) {
		if (!batch_fits(&b, lc.del_len[i]))
			rc = send_deletions(x, &b, err);
		if (rc == 0)
			batch_add(&b, &x->nl, AUDIT_DEL_RULE, lc.del[i],
				  lc.del_len[i], i);
	}
	if (rc == 0)
		rc = send_deletions(x, &b, err);
	for (int i = 0; i < lc.ndel; i++)
		free(lc.del[i]);
	free(lc.del);
	free(lc.del_len);
	batch_free(&b);
	if (rc == 0)
		printf("No rules\n");
	return rc;
}

/* --signal: to the daemon the kernel has registered. */
static int do_signal(struct ctx *x, int sig, const char *name,
		     struct al_err *err)
{
	struct audit_status st;
	int rc = al_get_status(&x->nl, &st);

	if (rc < 0)
		return al_fail(err, "--signal %s: cannot get the audit status (%s)",
			       name, strerror(-rc));
	if (st.pid == 0)
		return al_fail(err, "--signal %s: no audit daemon is registered", name);
	if (kill((pid_t)st.pid, sig) < 0)
		return al_fail(err, "--signal %s: pid %u: %s", name, st.pid,
			       strerror(errno));
	return 0;
}

/* What a refused rule request says, as Debian's auditctl words it. */
static int rule_error(int op, int rc, struct al_err *err)
{
	if (rc == -EEXIST)
		return al_fail(err, "Error sending add rule data request (Rule exists)");
	if (rc == -ENOENT && op == AUDIT_DEL_RULE)
		return al_fail(err, "Error sending delete rule data request (No rule matches)");
	return al_fail(err, "Error sending %s rule data request (%s)",
		       op == AUDIT_ADD_RULE ? "add" : "delete", strerror(-rc));
}

static int do_rule(struct ctx *x, struct cmd *c, struct al_err *err)
{
	const struct audit_rule_data *d = &c->rule.u.d;
	int rc = al_nl_request(&x->nl, c->rule_op, d, al_rule_size(d), 0,
			       NULL, 0);

	return rc < 0 ? rule_error(c->rule_op, rc, err) : 0;
}

/*
 * A rules file's lines that only add a rule wait in the batch; anything
 * else sends them first (cmd_run_file calls flush).
 */
static int defer_rule(void *ctx, const struct cmd *c, int line,
		      struct al_err *err)
{
	struct ctx *x = ctx;
	size_t len = al_rule_size(&c->rule.u.d);

	if (c->rule_op != AUDIT_ADD_RULE || c->nacts)
		return 0;
	if (need_nl(x, err) < 0)
		return -1;
	if (!x->batch.buf && batch_init(&x->batch) < 0)
		return al_fail(err, "out of memory");
	if (!batch_fits(&x->batch, len))
		return 0;		/* a rule too big to share a datagram */
	batch_add(&x->batch, &x->nl, AUDIT_ADD_RULE, &c->rule.u.d, len, line);
	return batch_fits(&x->batch, sizeof(c->rule.u)) ? 1 : 2;
}

/*
 * Rules of B from FROM on that were added, deleted again: a file that
 * stops at a failing line leaves the rules before it, none after it.
 */
static void undo_rules(struct ctx *x, struct batch *b, int from,
		       cmd_report_fn report, void *rctx)
{
	struct batch undo;
	int rc, first = from;

	while (first < b->n && !(b->req[first].done && b->req[first].err == 0))
		first++;
	if (first == b->n)
		return;			/* none of them was added */
	if (batch_init(&undo) < 0) {
		report(rctx, b->req[first].line,
		       "out of memory: the rules after the failing line stay loaded");
		return;
	}
	for (int i = first; i < b->n; i++) {
		size_t len;
		const void *d = batch_data(b, i, &len);

		if (b->req[i].done && b->req[i].err == 0)
			batch_add(&undo, &x->nl, AUDIT_DEL_RULE, d, len,
				  b->req[i].line);
	}
	rc = batch_send(&undo, &x->nl);
	for (int i = 0; i < undo.n; i++) {
		struct al_err e;
		int r = undo.req[i].done ? undo.req[i].err : rc;

		if (r < 0) {
			al_fail(&e, "the rule was loaded after a failing line and could not be deleted again (%s)",
				strerror(-r));
			report(rctx, undo.req[i].line, e.msg);
		}
	}
	batch_free(&undo);
}

static void flush_rules(void *ctx, cmd_report_fn report, void *rctx)
{
	struct ctx *x = ctx;
	struct batch *b = &x->batch;
	int rc = batch_send(b, &x->nl);

	for (int i = 0; i < b->n; i++) {
		struct batch_req *r = &b->req[i];
		struct al_err e;

		if (r->done && r->err == 0) {
			report(rctx, r->line, NULL);
			continue;
		}
		rule_error(AUDIT_ADD_RULE, r->done ? r->err : rc, &e);
		if (!report(rctx, r->line, e.msg)) {
			undo_rules(x, b, i + 1, report, rctx);
			break;
		}
	}
	batch_clear(b);
}

static int run_cmd(void *ctx, struct cmd *c, struct al_err *err);

static const struct cmd_file_ops file_ops = {
	.exec = run_cmd,
	.defer = defer_rule,
	.flush = flush_rules,
};

static int run_cmd(void *ctx, struct cmd *c, struct al_err *err)
{
	struct ctx *x = ctx;
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
		case ACT_SIGNAL:
			rc = do_signal(x, (int)a->value, a->arg, err);
			break;
		case ACT_TRIM:
			rc = al_nl_request(&x->nl, AUDIT_TRIM, NULL, 0, 0, NULL, 0);
			if (rc < 0)
				rc = al_fail(err, "-t: trimming the directory rules: %s",
					     strerror(-rc));
			break;
		case ACT_MAKE_EQUIV: {
			const char *comma = strchr(a->arg, ',');

			rc = al_make_equiv(&x->nl, a->arg,
					   (size_t)(comma - a->arg), comma + 1);
			if (rc < 0)
				rc = al_fail(err, "-q %s: %s", a->arg,
					     strerror(-rc));
			break;
		}
		case ACT_RULES_FILE:
			rc = cmd_run_file(a->arg, c->keep_going,
					  c->ignore_errors, &file_ops, x, stderr,
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
	if (sets && do_status(x, false, false, err) < 0)
		return -1;
	for (int i = 0; i < c->nacts; i++) {
		int rc = 0;

		if (c->acts[i].kind == ACT_LIST)
			rc = do_list(x, c->key, c->ignore_errors, err);
		else if (c->acts[i].kind == ACT_STATUS)
			rc = do_status(x, true, c->ignore_errors, err);
		if (rc < 0)
			return -1;
	}
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
		cmd_usage(stderr);
		return 1;
	}
	rc = cmd_parse(argc, argv, c, &err);
	if (rc == 0)
		rc = run_cmd(&x, c, &err);
	fflush(stdout);
	if (rc < 0 && err.msg[0])
		fprintf(stderr, "auditctl: %s\n", err.msg);
	if (x.open)
		al_nl_close(&x.nl);
	batch_free(&x.batch);
	free(c);
	return rc < 0 ? 1 : 0;
}
