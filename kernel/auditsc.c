// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall auditing: the per-task context, the syscall entry and exit
 * hooks, the names and inodes a syscall touches, and the records of a
 * syscall event (SYSCALL, EXECVE, SOCKADDR, CWD, PATH, PROCTITLE, EOE;
 * the auxiliary records between them come from kernel/audit_aux.c); the
 * io_uring operations, whose URINGOP record is in the event of the
 * io_uring_enter that runs them, or heads an event of its own when an
 * io-wq worker or the SQPOLL thread runs them.
 *
 * Cost, by design.  The entry hook runs only while the exit list has
 * rules (audit_exit_rules_key); it notes the syscall number and
 * arguments and asks the rule index whether any rule names the syscall.
 * Only then do the VFS hooks gather names (kernel/audit_names.c), which
 * capture a few words of each: text is made only when a record is built.
 * A syscall no rule names is watched lightly (ctx->shadow): should a
 * record be logged during it (an AVC, a CONFIG_CHANGE), the syscall
 * becomes an event, and the event must carry the SOCKADDR, PATH and
 * other auxiliary records the stock kernel gives it, so the hooks note
 * them as for a named syscall, less what only rules need (the walk up to
 * watched directories, the working directory until it is adopted); a
 * syscall that touches no name, address or aux hook pays one store.
 * The exit hook runs for every task that has a context, from the first
 * time audit is enabled on (audit_exit_key, never turned off): a syscall
 * in progress when audit is switched off, or when the last rule goes,
 * still ends through it and releases what its context took.  It does
 * nothing unless the task is in an audited syscall or a record was logged
 * during the syscall.
 *
 * A context belongs to its task and is touched only by it (and by the
 * task's parent before the child first runs), so it needs no lock.
 */
#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/sched/mm.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/static_key.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>

#include "audit.h"
#include "audit_aux.h"
#include "audit_names.h"
#include "audit_syscall.h"

/* On while audit is enabled. */
DEFINE_STATIC_KEY_FALSE(audit_on_key);
/*
 * On from the first time audit is enabled: see the top of this file.
 * From then on, new tasks get a context, also while audit is off.
 */
DEFINE_STATIC_KEY_FALSE(audit_exit_key);

#define AUDIT_PROCTITLE_MAX	128	/* bytes of the command line */
#define AUDIT_EXECVE_CHUNK	7500	/* text per EXECVE record */

struct audit_context {
	bool		in_syscall;
	bool		gather;		/* some rule may need the names */
	bool		shadow;		/* no rule names it: noted in case */
	bool		pending;	/* a record was logged meanwhile */
	bool		never;		/* a task,never rule matched at fork */
	bool		began_off;	/* this syscall began with audit off */
	struct audit_syscall sc;	/* what rules and records see */
	struct timespec64 stamp;	/* the event's time: at entry */
	unsigned int	serial;		/* 0: no record yet */
	bool		execve;		/* a successful execve happened */
	bool		uring;		/* the event is an io_uring op's */
	u8		uring_op;	/* the last IORING_OP_* begun */
	struct audit_aux aux;		/* kernel/audit_aux.c */
};

/* ---- contexts ---- */

static struct audit_context *audit_context_new(gfp_t gfp)
{
	return kzalloc(sizeof(struct audit_context), gfp);
}

/* The task list decides at fork whether a task is audited at all. */
static bool audit_task_never(struct task_struct *tsk)
{
	struct audit_subject subj;
	struct audit_rule *r;
	bool never;

	rcu_read_lock();
	audit_subject_init(&subj, tsk, NULL, 0);
	r = audit_ruleset_first(AUDIT_FILTER_TASK, &subj);
	never = r && r->action == AUDIT_NEVER;
	rcu_read_unlock();
	return never;
}

/*
 * Called at fork once audit has ever been enabled (audit_exit_key), as by
 * the stock kernel, also while it is off: generic-entry architectures
 * (x86_64, arm64) call the syscall hooks only for a task that has a
 * context, so a task forked while audit was off would otherwise go
 * unaudited once audit is on again (UML calls them for every task, and
 * the entry hook would give it one then).
 */
int __audit_alloc(struct task_struct *tsk)
{
	struct audit_context *ctx;

	tsk->audit_context = NULL;
	ctx = audit_context_new(GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->never = audit_task_never(tsk);
	tsk->audit_context = ctx;
	/* Generic-entry architectures call the hooks only when asked to. */
	set_task_syscall_work(tsk, SYSCALL_AUDIT);
	return 0;
}

static void audit_context_reset(struct audit_context *ctx)
{
	audit_names_release(&ctx->sc.names);
	ctx->sc.sockaddr_len = 0;
	audit_aux_reset(&ctx->aux);
	ctx->in_syscall = false;
	ctx->gather = false;
	ctx->shadow = false;
	ctx->pending = false;
	ctx->execve = false;
	ctx->uring = false;
	ctx->began_off = false;
	ctx->serial = 0;
}

void __audit_free(struct task_struct *tsk)
{
	struct audit_context *ctx = tsk->audit_context;

	if (!ctx)
		return;
	/* exit and exit_group never return: their event ends here. */
	if (tsk == current && ctx->in_syscall)
		__audit_syscall_exit(1, 0);
	audit_context_reset(ctx);
	tsk->audit_context = NULL;
	clear_task_syscall_work(tsk, SYSCALL_AUDIT);
	kfree(ctx);
}

/*
 * init is forked before audit_init() runs, so its fork gave it no context,
 * and generic-entry architectures (x86_64) call the syscall hooks only
 * for tasks that have one: init, and what it does before it forks, would
 * never be audited under audit=1.  audit_init() runs in init itself and
 * calls this to give it the context a later fork would have.  (UML calls
 * the hooks for every task, and the entry hook gives a context then.)
 */
void __init audit_syscall_init_task(void)
{
	if (READ_ONCE(audit_enabled) && !current->audit_context)
		__audit_alloc(current);
}

/*
 * A syscall that began while audit was off is no event, as on the stock
 * kernel (whose entry hook did nothing then): a record logged after it
 * turned audit on is not made part of it.  Without this, a daemon forked
 * while audit was off would see its own "audit_enabled" CONFIG_CHANGE
 * turned into an event with a SYSCALL record.  The mark goes at the
 * syscall's exit.
 */
void audit_syscall_began_off(void)
{
	struct audit_context *ctx = current->audit_context;

	if (ctx && !ctx->in_syscall)
		ctx->began_off = true;
}

/*
 * The exit hook goes on before any context can exist (contexts are made
 * at fork or by the entry hook once it is on), and is never turned off
 * again: a task may keep its context, and be in the middle of a syscall,
 * long after audit was switched off.
 */
void audit_syscall_hooks_update(void)
{
	if (READ_ONCE(audit_enabled)) {
		static_branch_enable(&audit_exit_key);
		static_branch_enable(&audit_on_key);
	} else {
		static_branch_disable(&audit_on_key);
	}
}

/* ---- entry and exit ---- */

void __audit_syscall_entry(int major, unsigned long a0, unsigned long a1,
			   unsigned long a2, unsigned long a3)
{
	struct audit_context *ctx = current->audit_context;

	if (!READ_ONCE(audit_enabled) || !current->mm)
		return;
	if (!ctx) {
		/* Only once the exit hook will see it end. */
		if (!static_key_enabled(&audit_exit_key))
			return;
		ctx = audit_context_new(GFP_KERNEL | __GFP_NOWARN);
		if (!ctx) {
			bool watches;

			/* The syscall goes unaudited: if a rule names it, say so. */
			if (audit_ruleset_names_syscall(major, &watches))
				audit_log_lost("no memory to audit a syscall");
			return;
		}
		current->audit_context = ctx;
		set_task_syscall_work(current, SYSCALL_AUDIT);
	}
	if (ctx->never)
		return;
	/* Left over from a record adopted outside a syscall: drop it. */
	if (ctx->in_syscall || ctx->shadow)
		audit_context_reset(ctx);
	/*
	 * The event is stamped with the time the syscall began, as by the
	 * stock kernel (a settimeofday's event shows when it was called),
	 * also when no rule names it but a record may make it an event:
	 * the coarse clock is one read of the timekeeper's cached value.
	 */
	ktime_get_coarse_real_ts64(&ctx->stamp);
	/*
	 * A syscall no rule names costs this one lookup and a few stores;
	 * the hooks note what it touches in case a record makes it an event.
	 */
	ctx->gather = audit_ruleset_names_syscall(major, &ctx->sc.names.watch_walk);
	if (!ctx->gather) {
		ctx->sc.names.watch_walk = false;
		ctx->sc.names.light = true;
		ctx->shadow = true;
		return;
	}
	ctx->sc.names.light = false;
	/*
	 * The daemon's own syscalls match no rule, as with the stock kernel:
	 * a rule on its log directory would otherwise feed on itself.
	 */
	if (audit_daemon_is(task_tgid(current))) {
		ctx->gather = false;
		return;
	}
	ctx->in_syscall = true;
	ctx->sc.major = major;
	ctx->sc.args[0] = a0;
	ctx->sc.args[1] = a1;
	ctx->sc.args[2] = a2;
	ctx->sc.args[3] = a3;
}

/*
 * A record is being logged during a syscall whose entry we did not see
 * (no rule named it): take the syscall from the registers, so that the
 * record and the syscall's own share one event.
 */
static bool audit_syscall_adopt(struct audit_context *ctx)
{
	struct pt_regs *regs;
	unsigned long args[6];
	int nr;

	/* The daemon's records stand alone, as with the stock kernel. */
	if (in_interrupt() || !current->mm || ctx->never || ctx->began_off ||
	    audit_daemon_is(task_tgid(current)))
		return false;
	regs = task_pt_regs(current);
	nr = syscall_get_nr(current, regs);
	if (nr < 0)
		return false;
	syscall_get_arguments(current, regs, args);
	ctx->sc.major = nr;
	memcpy(ctx->sc.args, args, sizeof(ctx->sc.args));
	/*
	 * What a light syscall noted stays, its entry time included; the
	 * working directory its names were looked up from is where the task
	 * still is, the syscall being in progress (chdir moves it only after
	 * its checks).  Without the entry hook (no exit rule), the first
	 * record's time is the closest there is.
	 */
	if (ctx->shadow)
		audit_names_adopt(&ctx->sc.names);
	else
		ktime_get_coarse_real_ts64(&ctx->stamp);
	ctx->in_syscall = true;
	return true;
}

bool audit_syscall_stamp(struct audit_context *ctx, struct timespec64 *t,
			 unsigned int *serial)
{
	if (!ctx || ctx != current->audit_context)
		return false;
	if (!ctx->in_syscall && !audit_syscall_adopt(ctx))
		return false;
	if (!ctx->serial)
		ctx->serial = audit_next_serial();
	ctx->pending = true;
	*t = ctx->stamp;
	*serial = ctx->serial;
	return true;
}

static void audit_log_syscall_records(struct audit_context *ctx,
				      const char *key);

/*
 * Under RCU: does rule @r ask for the event?  Its key is copied to @key
 * ("" without one), since the rule may go once RCU is left.
 */
static bool audit_rule_wants(const struct audit_rule *r,
			     char key[AUDIT_MAX_KEY_LEN + 1])
{
	if (r->action != AUDIT_ALWAYS)
		return false;
	if (r->key)
		strscpy(key, r->key, AUDIT_MAX_KEY_LEN + 1);
	return true;
}

/* The end of a syscall no rule named and no record made an event. */
static void audit_shadow_drop(struct audit_context *ctx)
{
	ctx->shadow = false;
	if (ctx->sc.names.n || ctx->sc.names.dropped || ctx->sc.sockaddr_len ||
	    ctx->aux.present || ctx->execve)
		audit_context_reset(ctx);
}

void __audit_syscall_exit(int success, long ret)
{
	struct audit_context *ctx = current->audit_context;
	char key[AUDIT_MAX_KEY_LEN + 1] = "";
	struct audit_rule *r = NULL;
	bool log;

	if (!ctx)
		return;
	if (!ctx->in_syscall) {
		/* Read, not written, on every exit: set once in a blue moon. */
		if (unlikely(ctx->began_off))
			ctx->began_off = false;
		/* A light syscall that stayed one: drop what it noted. */
		if (unlikely(ctx->shadow))
			audit_shadow_drop(ctx);
		return;
	}
	/* An interrupted call restarts; to the administrator it failed. */
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	    ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK)
		ret = -EINTR;
	ctx->sc.ret = ret;
	ctx->sc.arch = syscall_get_arch(current);

	log = ctx->pending;
	if (ctx->gather) {
		struct audit_subject subj;

		rcu_read_lock();
		audit_subject_init(&subj, current, &ctx->sc, 0);
		r = audit_ruleset_exit(&subj);
		if (r)
			log = audit_rule_wants(r, key);
		rcu_read_unlock();
	}
	if (log && READ_ONCE(audit_enabled))
		audit_log_syscall_records(ctx, key[0] ? key : NULL);
	audit_context_reset(ctx);
}

/* ---- what the syscall touches ---- */

static bool audit_gathering(struct audit_context *ctx)
{
	return ctx && ((ctx->in_syscall && ctx->gather) || ctx->shadow);
}

struct audit_aux *audit_aux_current(void)
{
	struct audit_context *ctx = current->audit_context;

	return audit_gathering(ctx) ? &ctx->aux : NULL;
}

struct audit_names *audit_names_current(void)
{
	struct audit_context *ctx = current->audit_context;

	return audit_gathering(ctx) ? &ctx->sc.names : NULL;
}

int __audit_sockaddr(int len, void *addr)
{
	struct audit_context *ctx = current->audit_context;

	if (!audit_gathering(ctx) || len <= 0)
		return 0;
	/* move_addr_to_kernel() never passes more than sockaddr_storage. */
	len = min_t(int, len, sizeof(ctx->sc.sockaddr));
	memcpy(&ctx->sc.sockaddr, addr, len);
	ctx->sc.sockaddr_len = len;
	return 0;
}

void __audit_bprm(struct linux_binprm *bprm)
{
	struct audit_context *ctx = current->audit_context;

	if (ctx && (ctx->in_syscall || ctx->shadow))
		ctx->execve = true;
}

/* ---- records ---- */

static void audit_log_syscall_record(struct audit_context *ctx,
				     const char *key, unsigned int items)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_SYSCALL);
	if (!ab)
		return;
	audit_log_format(ab, "arch=%x syscall=%d success=%s exit=%ld",
			 ctx->sc.arch, ctx->sc.major, ctx->sc.ret >= 0 ? "yes" : "no",
			 ctx->sc.ret);
	audit_log_format(ab, " a0=%lx a1=%lx a2=%lx a3=%lx items=%u ",
			 ctx->sc.args[0], ctx->sc.args[1], ctx->sc.args[2], ctx->sc.args[3],
			 items);
	audit_log_task_info(ab);
	/* Several keys, joined by \x01, come out hex-encoded as one. */
	audit_log_key(ab, (char *)key);
	audit_log_end(ab);
}

/* CWD: where the first name was looked up from, or where the task is. */
static void audit_log_cwd(struct audit_context *ctx)
{
	struct path now;
	const struct path *pwd = audit_names_pwd(&ctx->sc.names, &now);
	struct audit_buffer *ab;

	if (!pwd)
		return;
	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_CWD);
	if (ab) {
		audit_log_d_path(ab, "cwd=", pwd);
		audit_log_end(ab);
	}
	if (now.dentry)
		path_put(&now);
}

/* Reads @len bytes of the task's memory at @addr into @buf (@len + 1). */
static bool audit_read_user(unsigned long addr, char *buf, size_t len)
{
	if (access_process_vm(current, addr, buf, len, FOLL_FORCE) != len)
		return false;
	buf[len] = '\0';
	return true;
}

/*
 * The EXECVE records of one execve, laid out as the stock kernel lays them
 * out, so that tools reading both see the same records: each record has
 * room for AUDIT_EXECVE_CHUNK characters of arguments; an argument that
 * fits (with AUDIT_EXECVE_SLACK to spare) is written whole, " aN=...";
 * one that does not, or that is AUDIT_EXECVE_CHUNK bytes or more (always
 * hex then), goes in numbered pieces, " aN_len=LEN aN[0]=... aN[1]=...",
 * as many as the record has room for, the rest in the next records.  LEN
 * is the length of the argument as logged (twice its bytes in hex).  A
 * record with less than AUDIT_EXECVE_SLACK + 8 left is ended before the
 * next piece.
 */
#define AUDIT_EXECVE_SLACK	96

struct audit_execve_out {
	struct audit_context	*ctx;
	struct audit_buffer	*ab;
	long			room;	/* characters left in ab */
};

/* Logs argument @i, @len bytes at @arg; false once no record can be had. */
static bool audit_execve_arg(struct audit_execve_out *o, unsigned int i,
			     const char *arg, size_t len)
{
	bool big = len >= AUDIT_EXECVE_CHUNK;
	bool hex = big || audit_string_contains_control(arg, len);
	unsigned int piece = 0;
	size_t left = len;
	char label[64];

	do {
		long need = hex ? 2 * left : left + 2;
		size_t n = left;
		int l = 0;

		if (o->room < AUDIT_EXECVE_SLACK + 8) {
			audit_log_end(o->ab);
			o->ab = audit_log_start(o->ctx, GFP_KERNEL,
						AUDIT_EXECVE);
			if (!o->ab)
				return false;
			o->room = AUDIT_EXECVE_CHUNK;
		}
		if (!big && !piece && need + AUDIT_EXECVE_SLACK <= o->room) {
			l = scnprintf(label, sizeof(label), " a%u=", i);
		} else {
			if (!piece)
				l = scnprintf(label, sizeof(label),
					      " a%u_len=%zu", i,
					      hex ? 2 * len : len);
			l += scnprintf(label + l, sizeof(label) - l,
				       " a%u[%u]=", i, piece++);
		}
		audit_log_format(o->ab, "%s", label);
		o->room -= l;
		if (need > o->room)
			n = hex ? o->room / 2 : o->room - 2;
		if (hex)
			audit_log_n_hex(o->ab, (const unsigned char *)arg, n);
		else
			audit_log_n_string(o->ab, arg, n);
		o->room -= hex ? 2 * n : n + 2;
		arg += n;
		left -= n;
	} while (left);
	return true;
}

/* EXECVE: argc and each argument, from the new image's argument area. */
static void audit_log_execve(struct audit_context *ctx)
{
	struct audit_execve_out o = { .ctx = ctx, .room = AUDIT_EXECVE_CHUNK };
	struct mm_struct *mm = current->mm;
	unsigned int argc = 0, i;
	size_t len, alen;
	char *args, *p;

	if (!mm || mm->arg_end <= mm->arg_start)
		return;
	len = min_t(size_t, mm->arg_end - mm->arg_start, 128 * 1024);
	args = kvmalloc(len + 1, GFP_KERNEL);
	if (!args) {
		audit_log_lost("out of memory reading the arguments of an execve");
		return;
	}
	if (!audit_read_user(mm->arg_start, args, len)) {
		kvfree(args);
		return;
	}
	for (p = args; p < args + len; p += strnlen(p, args + len - p) + 1)
		argc++;

	o.ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_EXECVE);
	audit_log_format(o.ab, "argc=%u", argc);
	for (p = args, i = 0; i < argc && o.ab; i++, p += alen + 1) {
		alen = strnlen(p, args + len - p);
		if (!audit_execve_arg(&o, i, p, alen))
			break;
	}
	audit_log_end(o.ab);
	kvfree(args);
}

static void audit_log_sockaddr(struct audit_context *ctx)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_SOCKADDR);
	if (!ab)
		return;
	audit_log_format(ab, "saddr=");
	audit_log_n_hex(ab, (const unsigned char *)&ctx->sc.sockaddr,
			ctx->sc.sockaddr_len);
	audit_log_end(ab);
}

static void audit_log_proctitle(struct audit_context *ctx)
{
	char title[AUDIT_PROCTITLE_MAX + 1];
	struct mm_struct *mm = current->mm;
	struct audit_buffer *ab;
	size_t len;

	if (!mm || mm->arg_end <= mm->arg_start)
		return;
	len = min_t(size_t, mm->arg_end - mm->arg_start, AUDIT_PROCTITLE_MAX);
	if (!audit_read_user(mm->arg_start, title, len))
		return;
	/* The NULs between arguments make it hex, as the tools expect. */
	while (len && !title[len - 1])
		len--;
	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_PROCTITLE);
	if (ab) {
		audit_log_format(ab, "proctitle=");
		audit_log_n_untrustedstring(ab, title, len);
		audit_log_end(ab);
	}
}

/*
 * The records of an event after its first (SYSCALL and EXECVE, or
 * URINGOP): SOCKADDR, the auxiliary records, CWD, PATH, PROCTITLE, EOE.
 */
static void audit_log_event_rest(struct audit_context *ctx,
				 unsigned int items)
{
	struct audit_buffer *ab;

	if (ctx->sc.sockaddr_len)
		audit_log_sockaddr(ctx);
	if (ctx->aux.present)
		audit_aux_log(ctx, &ctx->aux);
	if (items)
		audit_log_cwd(ctx);
	audit_names_log(ctx, &ctx->sc.names);
	audit_log_proctitle(ctx);
	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_EOE);
	audit_log_end(ab);
}

static void audit_log_syscall_records(struct audit_context *ctx,
				      const char *key)
{
	unsigned int items = audit_names_items(&ctx->sc.names);

	audit_log_syscall_record(ctx, key, items);
	if (ctx->execve && ctx->sc.ret >= 0)
		audit_log_execve(ctx);
	audit_log_event_rest(ctx, items);
}

/* ---- io_uring operations ---- */

/*
 * URINGOP: the operation, its result, and who ran it, with the fields
 * (and only those) of the stock record, which tools parse.
 */
static void audit_log_uringop(struct audit_context *ctx, long ret,
			      const char *key)
{
	struct audit_buffer *ab;

	/* io_issue_sqe() may hold what a wait for backlog room would need. */
	ab = audit_log_start(ctx, GFP_ATOMIC, AUDIT_URINGOP);
	if (!ab)
		return;
	audit_log_format(ab, "uring_op=%u success=%s exit=%ld items=%u",
			 ctx->uring_op, ret >= 0 ? "yes" : "no", ret,
			 audit_names_items(&ctx->sc.names));
	audit_log_format(ab, " ppid=%d pid=%d", task_ppid_nr(current),
			 task_tgid_nr(current));
	audit_log_cred_ids(ab);
	audit_log_task_context(ab);
	audit_log_key(ab, (char *)key);
	audit_log_end(ab);
}

void __audit_uring_entry(u8 op)
{
	struct audit_context *ctx = current->audit_context;

	if (!READ_ONCE(audit_enabled) || ctx->never)
		return;
	ctx->uring_op = op;
	/*
	 * The op's names are walked up to watched directories, for the
	 * path rules of the io_uring list, even in a syscall no rule names.
	 */
	rcu_read_lock();
	ctx->sc.names.watch_walk = !!audit_ruleset_watch_set();
	rcu_read_unlock();
	/* Inline, in io_uring_enter: the syscall's event is the op's. */
	if (ctx->in_syscall || ctx->shadow)
		return;
	/*
	 * An io-wq worker or the SQPOLL thread: the op is an event of its
	 * own, as a syscall is, once some rule could ask for it (the key is
	 * on while the exit or the io_uring list has rules).
	 */
	if (!static_branch_unlikely(&audit_exit_rules_key))
		return;
	ctx->uring = true;
	ctx->in_syscall = true;
	ctx->gather = true;
	ctx->sc.major = -1;
	memset(ctx->sc.args, 0, sizeof(ctx->sc.args));
	ctx->sc.names.light = false;
	ktime_get_coarse_real_ts64(&ctx->stamp);
}

/*
 * The end of an op run inside a syscall: URINGOP, in the syscall's
 * event, when the exit list would log the syscall with the op's result
 * (a rule naming io_uring_enter), when the io_uring list asks for the
 * op, or when the event already has records; the syscall's own records
 * follow at its exit.
 */
static void audit_uring_inline_exit(struct audit_context *ctx, long ret)
{
	char key[AUDIT_MAX_KEY_LEN + 1] = "";
	struct audit_subject subj;
	struct audit_rule *r = NULL;
	bool log = ctx->pending;
	long saved = ctx->sc.ret;

	ctx->sc.ret = ret;
	ctx->sc.arch = syscall_get_arch(current);
	rcu_read_lock();
	audit_subject_init(&subj, current, &ctx->sc, 0);
	if (ctx->gather)
		r = audit_ruleset_exit(&subj);
	if (!r || r->action != AUDIT_ALWAYS)
		r = audit_ruleset_uring(&subj, ctx->uring_op);
	if (r && audit_rule_wants(r, key))
		log = true;
	rcu_read_unlock();
	ctx->sc.ret = saved;
	if (log)
		audit_log_uringop(ctx, ret, key[0] ? key : NULL);
}

void __audit_uring_exit(int success, long code)
{
	struct audit_context *ctx = current->audit_context;
	char key[AUDIT_MAX_KEY_LEN + 1] = "";
	struct audit_subject subj;
	struct audit_rule *r;
	bool log;

	if (!ctx->uring) {
		if ((ctx->in_syscall || ctx->shadow) && !ctx->never &&
		    READ_ONCE(audit_enabled))
			audit_uring_inline_exit(ctx, code);
		return;
	}
	ctx->sc.ret = code;
	ctx->sc.arch = syscall_get_arch(current);
	log = ctx->pending;
	rcu_read_lock();
	audit_subject_init(&subj, current, &ctx->sc, 0);
	r = audit_ruleset_uring(&subj, ctx->uring_op);
	if (r)
		log = audit_rule_wants(r, key);
	rcu_read_unlock();
	if (log && READ_ONCE(audit_enabled)) {
		audit_log_uringop(ctx, code, key[0] ? key : NULL);
		audit_log_event_rest(ctx, audit_names_items(&ctx->sc.names));
	}
	audit_context_reset(ctx);
}
