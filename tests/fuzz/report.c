// SPDX-License-Identifier: GPL-2.0
/*
 * The names of the operations, roles and counters, and the report printed
 * at the end of a run: every (class or operation, answer) pair with its
 * count; per operation how many answers took over a second and the
 * slowest; per worker its role's own counters; and the seed.
 */
#include <string.h>

#include "fuzz.h"

const char *const fz_role_names[FZ_NROLES] = {
	[R_SENDER] = "sender", [R_DAEMON] = "daemon", [R_MCAST] = "mcast",
	[R_LOAD] = "load", [R_CHURN] = "churn", [R_TOGGLE] = "toggle",
	[R_STORM] = "storm", [R_KEEPER] = "keeper",
};

const struct fz_opinfo fz_ops[FZ_NOPS] = {
	[OP_GET] = { "get", R_SENDER },
	[OP_SET] = { "set", R_SENDER },
	[OP_LIST] = { "list", R_SENDER },
	[OP_RULE] = { "rule", R_SENDER },
	[OP_WATCH] = { "watch", R_SENDER },
	[OP_LSM] = { "lsm", R_SENDER },
	[OP_DEL] = { "del", R_SENDER },
	[OP_USER] = { "user", R_SENDER },
	[OP_USER_BIG] = { "user-big", R_SENDER },
	[OP_FEATURE] = { "feature", R_SENDER },
	[OP_TTY] = { "tty", R_SENDER },
	[OP_SIGINFO] = { "siginfo", R_SENDER },
	[OP_TRIM] = { "trim", R_SENDER },
	[OP_UNKNOWN] = { "unknown", R_SENDER },
	[OP_MULTI] = { "multi", R_SENDER },
	[OP_LYING] = { "lying", R_SENDER },
	[OP_TRUNC] = { "trunc", R_SENDER },
	[OP_GARBAGE] = { "garbage", R_SENDER },
	[OP_MUTATE] = { "mutate", R_SENDER },
	[OP_DAEMON_REGISTER] = { "daemon.register", R_DAEMON },
	[OP_DAEMON_UNREGISTER] = { "daemon.unregister", R_DAEMON },
	[OP_DAEMON_READ] = { "daemon.read", R_DAEMON },
	[OP_DAEMON_KILL] = { "daemon.kill", R_DAEMON },
	[OP_MCAST_BIND] = { "mcast.bind", R_MCAST },
	[OP_MCAST_JOIN] = { "mcast.join", R_MCAST },
	[OP_MCAST_READ] = { "mcast.read", R_MCAST },
	[OP_MCAST_DROP] = { "mcast.drop", R_MCAST },
	[OP_MCAST_CLOSE] = { "mcast.close", R_MCAST },
	[OP_LOAD_RULE] = { "load.rule", R_LOAD },
	[OP_LOAD_OPEN] = { "load.open", R_LOAD },
	[OP_LOAD_CREAT] = { "load.creat", R_LOAD },
	[OP_LOAD_RENAME] = { "load.rename", R_LOAD },
	[OP_LOAD_UNLINK] = { "load.unlink", R_LOAD },
	[OP_LOAD_MKDIR] = { "load.mkdir", R_LOAD },
	[OP_LOAD_RMDIR] = { "load.rmdir", R_LOAD },
	[OP_LOAD_CHMOD] = { "load.chmod", R_LOAD },
	[OP_LOAD_LINK] = { "load.link", R_LOAD },
	[OP_LOAD_CONNECT] = { "load.connect", R_LOAD },
	[OP_LOAD_FIFO] = { "load.fifo", R_LOAD },
	[OP_LOAD_CHDIR] = { "load.chdir", R_LOAD },
	[OP_CHURN_RENAME] = { "churn.rename", R_CHURN },
	[OP_CHURN_REMOVE] = { "churn.remove", R_CHURN },
	[OP_CHURN_CREATE] = { "churn.create", R_CHURN },
	[OP_CHURN_MOUNT] = { "churn.mount", R_CHURN },
	[OP_CHURN_UMOUNT] = { "churn.umount", R_CHURN },
	[OP_CHURN_DETACH] = { "churn.detach", R_CHURN },
	[OP_CHURN_BIND] = { "churn.bind", R_CHURN },
	[OP_TOGGLE_SET] = { "toggle.set", R_TOGGLE },
	[OP_STORM_FORK] = { "storm.fork", R_STORM },
	[OP_STORM_CHILD] = { "storm.child", R_STORM },
	[OP_KEEPER_RESTORE] = { "keeper.restore", R_KEEPER },
	[OP_KEEPER_DELETE] = { "keeper.delete", R_KEEPER },
};

static const char *const sender_extra[] = {
	[X_SND_MESSAGES] = "messages", [X_SND_REOPEN] = "sockets",
	[X_SND_ENOBUFS] = "enobufs", [X_SND_RECORDS] = "records", NULL,
};
static const char *const daemon_extra[] = {
	[X_DMN_STARTED] = "started", [X_DMN_RECORDS] = "records",
	[X_DMN_ENOBUFS] = "enobufs", [X_DMN_STALLS] = "stalls",
	[X_DMN_CLEAN_EXIT] = "clean-exits", NULL,
};
static const char *const mcast_extra[] = {
	[X_MC_RECORDS] = "records", [X_MC_ENOBUFS] = "enobufs", NULL,
};
static const char *const keeper_extra[] = {
	[X_KEEP_RULES_DELETED] = "rules-deleted", [X_KEEP_LOST] = "lost",
	[X_KEEP_BACKLOG_MAX] = "backlog-max", NULL,
};
static const char *const storm_extra[] = {
	[X_STORM_EXECS] = "execs", [X_STORM_SELF] = "self-execs", NULL,
};
static const char *const no_extra[] = { NULL };

const char *const *const fz_extra_names[FZ_NROLES] = {
	[R_SENDER] = sender_extra, [R_DAEMON] = daemon_extra,
	[R_MCAST] = mcast_extra, [R_LOAD] = no_extra, [R_CHURN] = no_extra,
	[R_TOGGLE] = no_extra, [R_STORM] = storm_extra,
	[R_KEEPER] = keeper_extra,
};

int fz_op_by_name(const char *name)
{
	for (int i = 0; i < FZ_NOPS; i++)
		if (!strcmp(fz_ops[i].name, name))
			return i;
	return -1;
}

int fz_role_by_name(const char *name)
{
	for (int i = 0; i < FZ_NROLES; i++)
		if (!strcmp(fz_role_names[i], name))
			return i;
	return -1;
}

const char *fz_ans_name(int ans, char *buf, size_t len)
{
	const char *name;
	int e = ans;

	if (ans == FZ_ANS_OK)
		return "ok";
	if (ans == FZ_ANS_NONE)
		return "none";
	if (ans >= FZ_ANS_SEND0)
		e = ans - FZ_ANS_SEND0 + 1;
	name = strerrorname_np(e);
	if (name)
		snprintf(buf, len, "%s%s", ans >= FZ_ANS_SEND0 ? "send:" : "", name);
	else
		snprintf(buf, len, "%sE%d", ans >= FZ_ANS_SEND0 ? "send:" : "", e);
	return buf;
}

static void answers_table(FILE *out, const struct fz_slot *slots, int n)
{
	char name[64];

	fprintf(out, "%-20s %-18s %12s\n", "class", "answer", "count");
	for (int op = 0; op < FZ_NOPS; op++) {
		for (int ans = 0; ans < FZ_NANS; ans++) {
			uint64_t c = 0;

			for (int s = 0; s < n; s++)
				c += slots[s].n[op][ans];
			if (c)
				fprintf(out, "%-20s %-18s %12llu\n", fz_ops[op].name,
					fz_ans_name(ans, name, sizeof(name)),
					(unsigned long long)c);
		}
	}
}

static void timing_table(FILE *out, const struct fz_slot *slots, int n)
{
	fprintf(out, "\n%-20s %12s %10s %10s\n", "class", "total", "slow>1s",
		"max-ms");
	for (int op = 0; op < FZ_NOPS; op++) {
		uint64_t total = 0, slow = 0, max = 0;

		for (int s = 0; s < n; s++) {
			for (int ans = 0; ans < FZ_NANS; ans++)
				total += slots[s].n[op][ans];
			slow += slots[s].slow[op];
			if (slots[s].max_ms[op] > max)
				max = slots[s].max_ms[op];
		}
		if (total)
			fprintf(out, "%-20s %12llu %10llu %10llu\n", fz_ops[op].name,
				(unsigned long long)total,
				(unsigned long long)slow,
				(unsigned long long)max);
	}
}

static void roles_table(FILE *out, const struct fz_slot *slots, int n)
{
	fprintf(out, "\n%-8s %6s %8s  %s\n", "role", "worker", "pid", "counters");
	for (int s = 0; s < n; s++) {
		const char *const *names = fz_extra_names[slots[s].role];
		uint64_t ops = 0;

		for (int op = 0; op < FZ_NOPS; op++)
			for (int ans = 0; ans < FZ_NANS; ans++)
				ops += slots[s].n[op][ans];
		fprintf(out, "%-8s %6d %8d  ops=%llu", fz_role_names[slots[s].role],
			s, (int)slots[s].pid, (unsigned long long)ops);
		for (int i = 0; names[i] && i < FZ_NEXTRA; i++)
			fprintf(out, " %s=%llu", names[i],
				(unsigned long long)slots[s].extra[i]);
		fprintf(out, "\n");
	}
}

void fz_report(FILE *out, const struct fz_cfg *cfg, const struct fz_slot *slots,
	       int nslots, int reaped, int by_signal)
{
	fprintf(out, "audit-fuzz report: seed %llu, %u s, %d senders, dir %s\n",
		(unsigned long long)cfg->seed, cfg->time_s, cfg->senders,
		cfg->dir);
	fprintf(out, "classes: %s\n\n", cfg->classlist);
	answers_table(out, slots, nslots);
	timing_table(out, slots, nslots);
	roles_table(out, slots, nslots);
	fprintf(out, "\nworkers: %d started, %d ended, %d by a signal of their own\n",
		nslots, reaped, by_signal);
	fprintf(out, "seed %llu (again: --seed %llu)\n",
		(unsigned long long)cfg->seed, (unsigned long long)cfg->seed);
}
