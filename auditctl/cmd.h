/* SPDX-License-Identifier: GPL-2.0 */
/*
 * auditctl's command line: one command (the program's arguments, or one
 * line of a rules file) parsed whole into a struct cmd before anything
 * is sent, so that a bad argument changes nothing.
 */
#ifndef AUDITCTL_CMD_H
#define AUDITCTL_CMD_H

#include <stdio.h>

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
	ACT_TRIM,		/* AUDIT_TRIM */
	ACT_MAKE_EQUIV,		/* arg: "old,new" */
	ACT_SIGNAL,		/* value: the signal, to the registered daemon */
};

struct action {
	enum act_kind kind;
	uint32_t mask;		/* ACT_SET: which field */
	uint32_t value;
	const char *arg;	/* ACT_MSG, ACT_RULES_FILE, ACT_MAKE_EQUIV */
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

/* Parses ARGV (ARGV[0] is the program) into C; every error names the
 * argument at fault. */
int cmd_parse(int argc, char **argv, struct cmd *c, struct al_err *err);

/* A rules file's line done: MSG is NULL if it succeeded, else what
 * failed.  Returns whether to go on with the file. */
typedef bool (*cmd_report_fn)(void *rctx, int line, const char *msg);

/* Where a rules file's commands go. */
struct cmd_file_ops {
	/* Runs one parsed command now. */
	int (*exec)(void *ctx, struct cmd *c, struct al_err *err);
	/*
	 * Optional, with flush: takes command C of line LINE, if it is one
	 * that may be sent later with others (a rule to add, nothing
	 * else).  Returns 0 if not taken (it goes to exec), 1 if taken, 2
	 * if taken and nothing more fits (flush now), -1 on error.
	 */
	int (*defer)(void *ctx, const struct cmd *c, int line,
		     struct al_err *err);
	/*
	 * Sends what defer took, reporting each line in order.  When a
	 * report says stop, the lines after it that had succeeded are
	 * undone, so that the kernel is left as if the file had stopped
	 * at the failing line.
	 */
	void (*flush)(void *ctx, cmd_report_fn report, void *rctx);
};

/* Reads rules from PATH, one command a line ('#' comments), parsing
 * each and handing it to OPS.  A failing line is reported on MSGS with
 * the file and line; then the file stops unless KEEP_GOING or IGNORE.
 * Fails (unless IGNORE) if any line failed. */
int cmd_run_file(const char *path, bool keep_going, bool ignore,
		 const struct cmd_file_ops *ops, void *ctx, FILE *msgs,
		 struct al_err *err);

void cmd_usage(FILE *f);

#endif
