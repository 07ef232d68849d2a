// SPDX-License-Identifier: GPL-2.0
/*
 * auditctl -R: a 1000-line rules file, comments, errors named by file and
 * line, -c (go on) and -i (ignore), and files that must be refused.
 * The commands are handed to a recorder instead of the kernel.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "audit-lib.h"
#include "cmd.h"
#include "unit.h"

struct recorder {
	int commands, rules, sets;
	char last[16384];
};

static int record(void *ctx, struct cmd *c, struct al_err *err)
{
	struct recorder *r = ctx;

	(void)err;
	r->commands++;
	if (c->rule_op) {
		r->rules++;
		al_rule_format(&c->rule.u.d, r->last, sizeof(r->last));
	}
	for (int i = 0; i < c->nacts; i++)
		if (c->acts[i].kind == ACT_SET)
			r->sets++;
	return 0;
}

static const struct cmd_file_ops record_ops = { .exec = record };

/*
 * A batching runner, as auditctl's: rules to add wait (8 at most), and
 * are "sent" at flush, where the lines in fail[] are refused; a refusal
 * that stops the file undoes the later lines of its batch.  The log
 * says in what order things happened: d<line> deferred, x<line> run at
 * once, s<line> sent, u<line> undone.
 */
struct batcher {
	struct recorder rec;
	int pending[8], npending, fail[4], nfail, line;
	char log[65536];
	size_t loglen;
};

static void blog(struct batcher *b, char what, int line)
{
	b->loglen += (size_t)snprintf(b->log + b->loglen,
				      sizeof(b->log) - b->loglen, "%c%d ",
				      what, line);
}

static int batch_exec(void *ctx, struct cmd *c, struct al_err *err)
{
	struct batcher *b = ctx;

	blog(b, 'x', 0);
	return record(&b->rec, c, err);
}

static int batch_defer(void *ctx, const struct cmd *c, int line,
		       struct al_err *err)
{
	struct batcher *b = ctx;

	(void)err;
	if (c->rule_op != AUDIT_ADD_RULE || c->nacts)
		return 0;
	b->pending[b->npending++] = line;
	blog(b, 'd', line);
	return b->npending == 8 ? 2 : 1;
}

static void batch_flush(void *ctx, cmd_report_fn report, void *rctx)
{
	struct batcher *b = ctx;

	for (int i = 0; i < b->npending; i++) {
		int line = b->pending[i];
		bool refused = false;

		for (int k = 0; k < b->nfail; k++)
			refused |= b->fail[k] == line;
		blog(b, 's', line);
		if (!refused) {
			b->rec.rules++;
			report(rctx, line, NULL);
		} else if (!report(rctx, line, "Error sending add rule data request (Rule exists)")) {
			/* loaded in the same datagram, deleted again */
			for (int k = i + 1; k < b->npending; k++)
				blog(b, 'u', b->pending[k]);
			break;
		}
	}
	b->npending = 0;
}

static const struct cmd_file_ops batch_ops = {
	.exec = batch_exec, .defer = batch_defer, .flush = batch_flush,
};

static int run_batched(const char *path, bool keep_going, struct batcher *b,
		       char *msgs, size_t len)
{
	FILE *m = tmpfile();
	struct al_err err = { "" };
	size_t n;
	int rc;

	memset(&b->rec, 0, sizeof(b->rec));
	b->npending = 0;
	b->loglen = 0;
	b->log[0] = '\0';
	rc = cmd_run_file(path, keep_going, false, &batch_ops, b, m, &err);
	rewind(m);
	n = fread(msgs, 1, len - 1, m);
	msgs[n] = '\0';
	fclose(m);
	return rc;
}

static char dir[] = "/tmp/unit-rules-XXXXXX";

static const char *write_rules(const char *name, int lines, int bad_line,
			       mode_t mode)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return NULL;
	fprintf(f, "# generated\n-D\n-b 8192\n\n");
	for (int i = 4; i < lines; i++) {
		if (i + 1 == bad_line)
			fprintf(f, "-a always,exit -F nosuchfield=%d\n", i);
		else if (i % 3 == 0)
			fprintf(f, "-w /etc/file%d -p wa -k key%d\n", i, i);
		else if (i % 3 == 1)
			fprintf(f, "-a always,exit -F arch=b64 -S openat,unlinkat -F auid=%d -k k%d\n", i, i);
		else
			fprintf(f, "   # comment %d\n", i);
	}
	fclose(f);
	chmod(path, mode);
	return path;
}

/* Runs PATH; returns the status and leaves the messages in MSGS. */
static int run(const char *path, bool keep_going, bool ignore,
	       struct recorder *r, char *msgs, size_t len)
{
	FILE *m = tmpfile();
	struct al_err err = { "" };
	size_t n;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = cmd_run_file(path, keep_going, ignore, &record_ops, r, m, &err);
	rewind(m);
	n = fread(msgs, 1, len - 1, m);
	msgs[n] = '\0';
	fclose(m);
	if (rc < 0) {
		strncat(msgs, err.msg, len - strlen(msgs) - 1);
	}
	return rc;
}

int main(void)
{
	struct recorder r;
	char msgs[65536], want[512];
	const char *path;
	FILE *f;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}

	/* 1000 lines, all good */
	path = write_rules("good.rules", 1000, 0, 0600);
	CHECK(run(path, false, false, &r, msgs, sizeof(msgs)) == 0);
	/* -D, -b, then 996 lines of which two thirds are rules */
	CHECK(r.commands == 2 + 664);
	CHECK(r.rules == 664);
	CHECK(r.sets == 1);
	CHECK_STR(r.last, "-w /etc/file999 -p wa -k key999");
	CHECK_STR(msgs, "");

	/* an error on line 502 stops the file there, and says where */
	path = write_rules("bad.rules", 1000, 502, 0600);
	CHECK(run(path, false, false, &r, msgs, sizeof(msgs)) < 0);
	snprintf(want, sizeof(want), "There was an error in line 502 of %s", path);
	CHECK_HAS(msgs, want);
	CHECK_HAS(msgs, "nosuchfield");
	CHECK(r.commands < 400);

	/* -c goes on, and still fails */
	CHECK(run(path, true, false, &r, msgs, sizeof(msgs)) < 0);
	CHECK_HAS(msgs, want);
	CHECK_HAS(msgs, "There were 1 rule errors");
	CHECK(r.rules == 663);

	/* -i ignores */
	CHECK(run(path, false, true, &r, msgs, sizeof(msgs)) == 0);

	/* files others may write are refused */
	path = write_rules("open.rules", 10, 0, 0666);
	CHECK(run(path, false, false, &r, msgs, sizeof(msgs)) < 0);
	CHECK_HAS(msgs, "writable by others");
	CHECK(r.commands == 0);
	CHECK(run("/nonexistent/audit.rules", false, false, &r, msgs, sizeof(msgs)) < 0);
	CHECK_HAS(msgs, "/nonexistent/audit.rules");

	/* -R inside a file, an over-long line, an unterminated quote */
	snprintf(want, sizeof(want), "%s/nested.rules", dir);
	f = fopen(want, "w");
	if (f) {
		fprintf(f, "-R /etc/audit/audit.rules\n-k \"open\n");
		for (int i = 0; i < 9000; i++)
			fputc('x', f);
		fprintf(f, "\n-e 1\n");
		fclose(f);
	}
	chmod(want, 0600);
	CHECK(run(want, true, false, &r, msgs, sizeof(msgs)) < 0);
	CHECK_HAS(msgs, "inside a rules file");
	CHECK_HAS(msgs, "line 1 of");
	CHECK_HAS(msgs, "quote");
	CHECK_HAS(msgs, "line 2 of");
	CHECK_HAS(msgs, "longer than 8192");
	CHECK_HAS(msgs, "line 3 of");
	CHECK(r.sets == 1);		/* the line after them still ran */

	/*
	 * Batched: 12 rules, a status line, 12 more, a line that does not
	 * parse.  The status line runs after the 12 rules before it were
	 * sent; a refusal of line 6 stops the file there, the rest of its
	 * batch (lines 7 and 8) undone, nothing after it run or reported.
	 */
	snprintf(want, sizeof(want), "%s/batch.rules", dir);
	f = fopen(want, "w");
	if (f) {
		for (int i = 1; i <= 25; i++)
			fprintf(f, i == 13 ? "-b 100\n" :
				"-a always,exit -F arch=b64 -S openat -F uid=%d\n", i);
		fprintf(f, "-a always,exit -F nosuchfield=1\n");
		fclose(f);
	}
	chmod(want, 0600);
	{
		static struct batcher b;
		char where[1024];

		b.nfail = 0;
		CHECK(run_batched(want, false, &b, msgs, sizeof(msgs)) < 0);
		CHECK_HAS(msgs, "nosuchfield");
		CHECK_HAS(msgs, "line 26 of");
		CHECK_HAS(b.log, "d1 d2 d3 d4 d5 d6 d7 d8 s1 s2 s3 s4 s5 s6 s7 s8 d9 ");
		CHECK_HAS(b.log, "s12 x0 d14 ");
		CHECK_HAS(b.log, "d25 s22 s23 s24 s25 ");
		CHECK(b.rec.rules == 24 && b.rec.sets == 1);

		b.nfail = 1;
		b.fail[0] = 6;
		CHECK(run_batched(want, false, &b, msgs, sizeof(msgs)) < 0);
		snprintf(where, sizeof(where),
			 "Error sending add rule data request (Rule exists)\nThere was an error in line 6 of %s\n",
			 want);
		CHECK_STR(msgs, where);
		CHECK_STR(b.log, "d1 d2 d3 d4 d5 d6 d7 d8 s1 s2 s3 s4 s5 s6 u7 u8 ");
		CHECK(b.rec.rules == 5 && b.rec.sets == 0);

		/* -c: every refusal reported, the other lines done, counted */
		b.nfail = 2;
		b.fail[1] = 20;
		CHECK(run_batched(want, true, &b, msgs, sizeof(msgs)) < 0);
		CHECK_HAS(msgs, "error in line 6 of");
		CHECK_HAS(msgs, "error in line 20 of");
		CHECK_HAS(msgs, "error in line 26 of");
		CHECK_HAS(msgs, "There were 3 rule errors and 23 rules loaded");
		CHECK(b.rec.rules == 22 && b.rec.sets == 1);
		CHECK(strstr(b.log, "u") == NULL);
	}

	/* the sample installed as /etc/audit/audit.rules parses */
	CHECK(run(AUDIT_TOP "/auditd/audit.rules", false, false, &r, msgs,
		  sizeof(msgs)) == 0);
	CHECK_STR(msgs, "");
	CHECK(r.rules == 7 && r.sets == 3);

	snprintf(want, sizeof(want), "rm -rf %s", dir);
	if (system(want) != 0)
		printf("could not remove %s\n", dir);
	return unit_done("unit-rules-file");
}
