// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall auditing: the per-task context, the syscall entry and exit
 * hooks, the names and inodes a syscall touches, and the records of a
 * syscall event (SYSCALL, EXECVE, SOCKADDR, CWD, PATH, PROCTITLE, EOE;
 * the auxiliary records between them come from kernel/audit_aux.c).
 *
 * Cost, by design.  The entry hook runs only while the exit list has
 * rules (audit_exit_rules_key); it notes the syscall number and
 * arguments and asks the rule index whether any rule names the syscall.
 * Only then do the VFS hooks gather names, and they take references, not
 * copies: text is made only when a record is built.  The exit hook runs
 * while audit is enabled (audit_on_key) and does nothing unless the task
 * is in an audited syscall or a record was logged during the syscall.
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

DEFINE_STATIC_KEY_FALSE(audit_on_key);

#define AUDIT_NAMES_MAX		32	/* names kept per syscall */
#define AUDIT_PROCTITLE_MAX	128	/* bytes of the command line */
#define AUDIT_EXECVE_CHUNK	7500	/* text per EXECVE record */

/* One name or inode the syscall touched. */
struct audit_name {
	struct filename	*fname;		/* referenced, may be NULL */
	struct dentry	*dentry;	/* referenced, may be NULL */
	struct inode	*inode;		/* referenced, as found; may be NULL */
	u8		type;		/* AUDIT_TYPE_* */
	bool		hidden;
	bool		noeval;		/* do not read the file (umount) */
};

struct audit_context {
	bool		in_syscall;
	bool		gather;		/* some rule may need the names */
	bool		pending;	/* a record was logged meanwhile */
	bool		never;		/* a task,never rule matched at fork */
	int		major;
	u32		arch;
	unsigned long	args[4];
	long		ret;
	struct timespec64 stamp;
	unsigned int	serial;		/* 0: no record yet */
	unsigned int	nnames;
	struct audit_name names[AUDIT_NAMES_MAX];
	void		*sockaddr;	/* kmalloc'd copy, or NULL */
	int		sockaddr_len;
	bool		execve;		/* a successful execve happened */
	struct audit_aux aux;		/* kernel/audit_aux.c */
	/*
	 * While audit_filter_exit() runs (under RCU): the ruleset's watch
	 * set, and whether a name is near one of its paths (-1: not yet
	 * known).  NULL outside of it, and then every watch is tried.
	 */
	const struct audit_watch_set *watch_set;
	int		near_watch;
};

/* ---- contexts ---- */

static struct audit_context *audit_context_new(gfp_t gfp)
{
	return kzalloc(sizeof(struct audit_context), gfp);
}

/* The task list decides at fork whether a task is audited at all. */
static bool audit_task_never(struct task_struct *tsk)
{
	struct audit_ruleset *rs;
	bool never = false;
	unsigned int i;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	for (i = 0; rs && i < rs->count[AUDIT_FILTER_TASK]; i++) {
		struct audit_rule *r = rs->list[AUDIT_FILTER_TASK][i];

		if (audit_rule_match(r, tsk, NULL, 0)) {
			never = r->action == AUDIT_NEVER;
			break;
		}
	}
	rcu_read_unlock();
	return never;
}

int __audit_alloc(struct task_struct *tsk)
{
	struct audit_context *ctx;

	tsk->audit_context = NULL;
	if (!READ_ONCE(audit_enabled))
		return 0;
	ctx = audit_context_new(GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->never = audit_task_never(tsk);
	tsk->audit_context = ctx;
	/* Generic-entry architectures call the hooks only when asked to. */
	set_task_syscall_work(tsk, SYSCALL_AUDIT);
	return 0;
}

static void audit_names_release(struct audit_context *ctx)
{
	unsigned int i;

	for (i = 0; i < ctx->nnames; i++) {
		struct audit_name *n = &ctx->names[i];

		if (n->fname)
			putname(n->fname);
		dput(n->dentry);
		iput(n->inode);
	}
	ctx->nnames = 0;
}

static void audit_context_reset(struct audit_context *ctx)
{
	audit_names_release(ctx);
	kfree(ctx->sockaddr);
	ctx->sockaddr = NULL;
	audit_aux_reset(&ctx->aux);
	ctx->in_syscall = false;
	ctx->gather = false;
	ctx->pending = false;
	ctx->execve = false;
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

void audit_syscall_hooks_update(void)
{
	if (READ_ONCE(audit_enabled))
		static_branch_enable(&audit_on_key);
	else
		static_branch_disable(&audit_on_key);
}

/* ---- entry and exit ---- */

/* Could a rule on the exit list match syscall @major? */
static bool audit_syscall_indexed(int major)
{
	struct audit_ruleset *rs;
	bool any;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	any = rs && (rs->n_any || (major >= 0 && major < AUDIT_SYSCALL_SLOTS &&
				   rs->slots[major]));
	rcu_read_unlock();
	return any;
}

void __audit_syscall_entry(int major, unsigned long a0, unsigned long a1,
			   unsigned long a2, unsigned long a3)
{
	struct audit_context *ctx = current->audit_context;

	if (!READ_ONCE(audit_enabled) || !current->mm)
		return;
	if (!ctx) {
		ctx = audit_context_new(GFP_KERNEL | __GFP_NOWARN);
		if (!ctx)
			return;
		current->audit_context = ctx;
		set_task_syscall_work(current, SYSCALL_AUDIT);
	}
	if (ctx->never)
		return;
	/* Left over from a record adopted outside a syscall: drop it. */
	if (ctx->in_syscall)
		audit_context_reset(ctx);
	/* A syscall no rule names costs this one lookup, nothing more. */
	ctx->gather = audit_syscall_indexed(major);
	if (!ctx->gather)
		return;
	ctx->in_syscall = true;
	ctx->major = major;
	ctx->args[0] = a0;
	ctx->args[1] = a1;
	ctx->args[2] = a2;
	ctx->args[3] = a3;
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

	if (in_interrupt() || !current->mm || ctx->never)
		return false;
	regs = task_pt_regs(current);
	nr = syscall_get_nr(current, regs);
	if (nr < 0)
		return false;
	syscall_get_arguments(current, regs, args);
	ctx->major = nr;
	memcpy(ctx->args, args, sizeof(ctx->args));
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
	if (!ctx->serial) {
		ktime_get_coarse_real_ts64(&ctx->stamp);
		ctx->serial = audit_next_serial();
	}
	ctx->pending = true;
	*t = ctx->stamp;
	*serial = ctx->serial;
	return true;
}

/* A run of rules in rule order, consumed from the front. */
struct audit_run {
	struct audit_rule *const *rules;
	const struct audit_keyed_rule *keyed;	/* or this, when keyed */
	unsigned int n;
};

static struct audit_rule *audit_run_head(const struct audit_run *run)
{
	return run->keyed ? run->keyed->rule : run->rules[0];
}

static void audit_run_next(struct audit_run *run)
{
	if (run->keyed)
		run->keyed++;
	else
		run->rules++;
	run->n--;
}

/* The rules of @slot keyed by @key, found by binary search. */
static void audit_keyed_run(const struct audit_slot *slot, u64 key,
			    struct audit_run *run)
{
	unsigned int lo = 0, hi = slot->nkeyed, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (slot->keyed[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	run->keyed = slot->keyed + lo;
	run->rules = NULL;
	run->n = 0;
	while (lo + run->n < slot->nkeyed && slot->keyed[lo + run->n].key == key)
		run->n++;
}

/* The current task's value of each index key field. */
static u64 audit_task_key(enum audit_key_field field)
{
	const struct cred *cred = current_cred();
	u32 v;

	switch (field) {
	case AUDIT_KEY_UID:
		v = __kuid_val(cred->uid);
		break;
	case AUDIT_KEY_EUID:
		v = __kuid_val(cred->euid);
		break;
	case AUDIT_KEY_AUID:
		v = __kuid_val(audit_get_loginuid(current));
		break;
	default:
		v = task_tgid_nr(current);
		break;
	}
	return (u64)(field + 1) << 32 | v;
}

static bool audit_names_near_watch(struct audit_context *ctx);

/*
 * The exit list: the first matching rule, in rule order.  Candidates are
 * the rules that name every syscall, this syscall's unkeyed rules, its
 * watch rules when a name is near a watch, and its keyed rules whose key
 * is the task's own; they are merged by order.
 */
static struct audit_rule *audit_filter_exit_rules(struct audit_context *ctx,
						  const struct audit_ruleset *rs)
{
	struct audit_run runs[3 + AUDIT_KEY_FIELDS];
	const struct audit_slot *slot = NULL;
	unsigned int nruns = 0, i, best;
	struct audit_rule *r;

	if (rs->n_any)
		runs[nruns++] = (struct audit_run){ rs->any_syscall, NULL,
						    rs->n_any };
	if (ctx->major >= 0 && ctx->major < AUDIT_SYSCALL_SLOTS)
		slot = rs->slots[ctx->major];
	if (slot && slot->nplain)
		runs[nruns++] = (struct audit_run){ slot->plain, NULL,
						    slot->nplain };
	/* Watch rules (auditctl -w): none can match far from every watch. */
	if (slot && slot->nwatched && audit_names_near_watch(ctx))
		runs[nruns++] = (struct audit_run){ slot->watched, NULL,
						    slot->nwatched };
	for (i = 0; slot && i < AUDIT_KEY_FIELDS; i++) {
		if (!(slot->key_fields & BIT(i)))
			continue;
		audit_keyed_run(slot, audit_task_key(i), &runs[nruns]);
		if (runs[nruns].n)
			nruns++;
	}

	for (;;) {
		best = nruns;
		for (i = 0; i < nruns; i++) {
			if (!runs[i].n)
				continue;
			if (best == nruns || audit_run_head(&runs[i])->order <
					     audit_run_head(&runs[best])->order)
				best = i;
		}
		if (best == nruns)
			return NULL;
		r = audit_run_head(&runs[best]);
		audit_run_next(&runs[best]);
		/* A watch rule with no name near any watch: not even tried. */
		if (r->watch_eq && !audit_names_near_watch(ctx))
			continue;
		if (audit_rule_match(r, current, ctx, 0))
			return r;
	}
}

/* Call under RCU. */
static struct audit_rule *audit_filter_exit(struct audit_context *ctx)
{
	const struct audit_ruleset *rs = rcu_dereference(audit_ruleset);
	struct audit_rule *r;

	if (!rs)
		return NULL;
	ctx->watch_set = rs->watch_set;
	ctx->near_watch = -1;
	r = audit_filter_exit_rules(ctx, rs);
	ctx->watch_set = NULL;
	return r;
}

static void audit_log_syscall_records(struct audit_context *ctx,
				      const char *key);

void __audit_syscall_exit(int success, long ret)
{
	struct audit_context *ctx = current->audit_context;
	struct audit_rule *r = NULL;
	bool log;
	char *key = NULL;

	if (!ctx || !ctx->in_syscall)
		return;
	/* An interrupted call restarts; to the administrator it failed. */
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	    ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK)
		ret = -EINTR;
	ctx->ret = ret;
	ctx->arch = syscall_get_arch(current);

	log = ctx->pending;
	if (ctx->gather) {
		rcu_read_lock();
		r = audit_filter_exit(ctx);
		if (r) {
			log = r->action == AUDIT_ALWAYS;
			if (log && r->key)
				key = kstrdup(r->key, GFP_ATOMIC);
		}
		rcu_read_unlock();
	}
	if (log && READ_ONCE(audit_enabled))
		audit_log_syscall_records(ctx, key);
	kfree(key);
	audit_context_reset(ctx);
}

/* ---- names and inodes ---- */

static bool audit_gathering(struct audit_context *ctx)
{
	return ctx && ctx->in_syscall && ctx->gather;
}

struct audit_aux *audit_aux_current(void)
{
	struct audit_context *ctx = current->audit_context;

	return audit_gathering(ctx) ? &ctx->aux : NULL;
}

static struct audit_name *audit_name_add(struct audit_context *ctx)
{
	struct audit_name *n;

	if (ctx->nnames >= AUDIT_NAMES_MAX)
		return NULL;
	n = &ctx->names[ctx->nnames++];
	memset(n, 0, sizeof(*n));
	return n;
}

void __audit_getname(struct filename *name)
{
	struct audit_context *ctx = current->audit_context;
	struct audit_name *n;

	if (!audit_gathering(ctx))
		return;
	n = audit_name_add(ctx);
	if (!n)
		return;
	atomic_inc(&name->refcnt);
	n->fname = name;
	n->type = AUDIT_TYPE_UNKNOWN;
}

/*
 * Remembers the dentry a name resolved to.  Its inode is read through the
 * dentry when needed, except for a child about to be deleted: the dentry
 * will not lead to it afterwards, so the inode itself is held.
 */
static void audit_name_set_dentry(struct audit_name *n,
				  const struct dentry *dentry,
				  unsigned char type)
{
	struct inode *inode = d_backing_inode(dentry);

	dput(n->dentry);
	iput(n->inode);
	n->dentry = dget((struct dentry *)dentry);
	n->inode = inode && type == AUDIT_TYPE_CHILD_DELETE ? igrab(inode) : NULL;
	n->type = type;
}

/* The inode a name stands for, as it was found. */
static struct inode *audit_name_inode(const struct audit_name *n)
{
	if (n->inode)
		return n->inode;
	return n->dentry ? d_backing_inode(n->dentry) : NULL;
}

void __audit_inode(struct filename *name, const struct dentry *dentry,
		   unsigned int flags)
{
	struct audit_context *ctx = current->audit_context;
	struct audit_name *n = NULL;
	int i;

	if (!audit_gathering(ctx) || audit_filter_fs(dentry->d_sb->s_magic))
		return;
	/* The name this lookup started from, most recent first. */
	for (i = ctx->nnames - 1; name && i >= 0; i--) {
		if (ctx->names[i].fname == name && !ctx->names[i].dentry) {
			n = &ctx->names[i];
			break;
		}
	}
	if (!n) {
		n = audit_name_add(ctx);
		if (!n)
			return;
		if (name) {
			atomic_inc(&name->refcnt);
			n->fname = name;
		}
	}
	audit_name_set_dentry(n, dentry, flags & AUDIT_INODE_PARENT ?
			      AUDIT_TYPE_PARENT : AUDIT_TYPE_NORMAL);
	n->hidden = flags & AUDIT_INODE_HIDDEN;
	n->noeval = flags & AUDIT_INODE_NOEVAL;
}

void __audit_file(const struct file *file)
{
	__audit_inode(NULL, file->f_path.dentry, 0);
}

/* Does the last component of @fname equal @name? */
static bool audit_fname_ends_with(const struct filename *fname,
				  const struct qstr *name)
{
	const char *s = fname->name, *last = strrchr(s, '/');
	size_t len;

	last = last ? last + 1 : s;
	len = strlen(last);
	/* "dir/" names the directory itself, not a child of it. */
	return len == name->len && !memcmp(last, name->name, len);
}

/* Is @n the same child (same type, same dentry or same place and name)? */
static bool audit_same_child(const struct audit_name *n,
			     const struct inode *parent,
			     const struct dentry *dentry, unsigned char type)
{
	bool same;

	if (n->type != type || !n->dentry)
		return false;
	if (n->dentry == dentry)
		return true;
	rcu_read_lock();
	same = d_inode_rcu(READ_ONCE(n->dentry->d_parent)) == parent &&
	       n->dentry->d_name.len == dentry->d_name.len &&
	       !memcmp(n->dentry->d_name.name, dentry->d_name.name,
		       dentry->d_name.len);
	rcu_read_unlock();
	return same;
}

/*
 * A child created in or removed from @parent.  Some operations report the
 * same child twice (before and after it exists; a rename's target under
 * its new name): the later report refreshes the first.
 */
void __audit_inode_child(struct inode *parent, const struct dentry *dentry,
			 const unsigned char type)
{
	struct audit_context *ctx = current->audit_context;
	struct filename *fname = NULL;
	struct audit_name *n = NULL;
	int i;

	if (!audit_gathering(ctx) || audit_filter_fs(dentry->d_sb->s_magic))
		return;
	for (i = ctx->nnames - 1; i >= 0; i--) {
		if (audit_same_child(&ctx->names[i], parent, dentry, type)) {
			n = &ctx->names[i];
			break;
		}
	}
	if (!n) {
		/* Named by the lookup that reached its parent, if any. */
		for (i = ctx->nnames - 1; i >= 0; i--) {
			struct audit_name *p = &ctx->names[i];

			if (p->type == AUDIT_TYPE_PARENT &&
			    audit_name_inode(p) == parent &&
			    p->fname && audit_fname_ends_with(p->fname,
							      &dentry->d_name)) {
				fname = p->fname;
				break;
			}
		}
		n = audit_name_add(ctx);
		if (!n)
			return;
		if (fname) {
			atomic_inc(&fname->refcnt);
			n->fname = fname;
		}
	}
	audit_name_set_dentry(n, dentry, type);
}

int __audit_sockaddr(int len, void *addr)
{
	struct audit_context *ctx = current->audit_context;

	if (!audit_gathering(ctx) || len <= 0)
		return 0;
	kfree(ctx->sockaddr);
	ctx->sockaddr = kmemdup(addr, len, GFP_KERNEL);
	ctx->sockaddr_len = ctx->sockaddr ? len : 0;
	return 0;
}

void __audit_bprm(struct linux_binprm *bprm)
{
	struct audit_context *ctx = current->audit_context;

	if (ctx && ctx->in_syscall)
		ctx->execve = true;
}

/* ---- fields that need the syscall ---- */

/* AUDIT_FIELD_COMPARE of a task id with the owner of a name's inode. */
static bool audit_obj_compare(const struct audit_name *n,
			      const struct audit_field *f)
{
	const struct cred *cred = current_cred();
	const struct inode *inode = audit_name_inode(n);
	kuid_t uid;
	kgid_t gid;

	if (!inode)
		return false;
	switch (f->val) {
	case AUDIT_COMPARE_UID_TO_OBJ_UID:
		uid = cred->uid; break;
	case AUDIT_COMPARE_EUID_TO_OBJ_UID:
		uid = cred->euid; break;
	case AUDIT_COMPARE_SUID_TO_OBJ_UID:
		uid = cred->suid; break;
	case AUDIT_COMPARE_FSUID_TO_OBJ_UID:
		uid = cred->fsuid; break;
	case AUDIT_COMPARE_AUID_TO_OBJ_UID:
		uid = audit_get_loginuid(current); break;
	case AUDIT_COMPARE_GID_TO_OBJ_GID:
		gid = cred->gid; goto gids;
	case AUDIT_COMPARE_EGID_TO_OBJ_GID:
		gid = cred->egid; goto gids;
	case AUDIT_COMPARE_SGID_TO_OBJ_GID:
		gid = cred->sgid; goto gids;
	case AUDIT_COMPARE_FSGID_TO_OBJ_GID:
		gid = cred->fsgid; goto gids;
	default:
		return false;
	}
	return audit_compare(__kuid_val(uid), f->op, __kuid_val(inode->i_uid));
gids:
	return audit_compare(__kgid_val(gid), f->op, __kgid_val(inode->i_gid));
}

static bool audit_name_field_match(const struct audit_name *n,
				   const struct audit_rule *r,
				   const struct audit_field *f)
{
	const struct inode *inode = audit_name_inode(n);

	switch (f->type) {
	case AUDIT_WATCH:
	case AUDIT_DIR:
		return audit_watch_match(r->watch, n->dentry, inode);
	}
	if (!inode)
		return false;
	switch (f->type) {
	case AUDIT_DEVMAJOR:
		return audit_compare(MAJOR(inode->i_sb->s_dev), f->op, f->val);
	case AUDIT_DEVMINOR:
		return audit_compare(MINOR(inode->i_sb->s_dev), f->op, f->val);
	case AUDIT_INODE:
		return audit_compare(inode->i_ino, f->op, f->val);
	case AUDIT_FILETYPE:
		return audit_compare(inode->i_mode & S_IFMT, f->op, f->val);
	case AUDIT_OBJ_UID:
		return audit_compare(__kuid_val(inode->i_uid), f->op,
				     __kuid_val(f->uid));
	case AUDIT_OBJ_GID:
		return audit_compare(__kgid_val(inode->i_gid), f->op,
				     __kgid_val(f->gid));
	case AUDIT_FIELD_COMPARE:
		return audit_obj_compare(n, f);
	case AUDIT_OBJ_USER: case AUDIT_OBJ_ROLE: case AUDIT_OBJ_TYPE:
	case AUDIT_OBJ_LEV_LOW: case AUDIT_OBJ_LEV_HIGH: {
		u32 sid;

		/* The LSM label of the object, as the LSM's rule sees it. */
		security_inode_getsecid((struct inode *)inode, &sid);
		return sid && security_audit_rule_match(sid, f->type, f->op,
							f->lsm_rule) > 0;
	}
	}
	return false;
}

/* True when some name of the syscall satisfies @f. */
static bool audit_names_match(struct audit_context *ctx,
			      const struct audit_rule *r,
			      const struct audit_field *f)
{
	unsigned int i;

	for (i = 0; i < ctx->nnames; i++)
		if (audit_name_field_match(&ctx->names[i], r, f))
			return true;
	return false;
}

/*
 * Might an "=" watch or directory rule match a name of the syscall?  One
 * walk over the names against the ruleset's watch set, remembered for the
 * rest of the filter run; true when there is no set to ask.
 */
static bool audit_names_near_watch(struct audit_context *ctx)
{
	unsigned int i;

	if (!ctx->watch_set)
		return true;
	if (ctx->near_watch < 0) {
		ctx->near_watch = 0;
		for (i = 0; i < ctx->nnames && !ctx->near_watch; i++)
			ctx->near_watch =
				audit_watch_set_near(ctx->watch_set,
						     ctx->names[i].dentry,
						     audit_name_inode(&ctx->names[i]));
	}
	return ctx->near_watch;
}

bool audit_syscall_field_match(struct audit_context *ctx,
			       const struct audit_rule *r,
			       const struct audit_field *f)
{
	switch (f->type) {
	case AUDIT_ARCH:
		return audit_compare(ctx->arch, f->op, f->val);
	case AUDIT_ARG0: case AUDIT_ARG1: case AUDIT_ARG2: case AUDIT_ARG3:
		return audit_compare(ctx->args[f->type - AUDIT_ARG0], f->op,
				     f->val);
	case AUDIT_SUCCESS:
		return audit_compare(ctx->ret >= 0, f->op, f->val != 0);
	case AUDIT_EXIT:
		return audit_compare((u32)ctx->ret, f->op, f->val);
	case AUDIT_SADDR_FAM:
		return ctx->sockaddr &&
		       audit_compare(((struct sockaddr *)ctx->sockaddr)->sa_family,
				     f->op, f->val);
	case AUDIT_PERM:
		return !!(audit_syscall_perm(ctx->arch, ctx->major, ctx->args) &
			  f->val) == (f->op == Audit_equal);
	case AUDIT_WATCH: case AUDIT_DIR:
		/* "!=" means: no name of the syscall is under the watch. */
		return audit_names_match(ctx, r, f) == (f->op == Audit_equal);
	case AUDIT_DEVMAJOR: case AUDIT_DEVMINOR: case AUDIT_INODE:
	case AUDIT_FILETYPE: case AUDIT_OBJ_UID: case AUDIT_OBJ_GID:
	case AUDIT_FIELD_COMPARE: case AUDIT_OBJ_USER: case AUDIT_OBJ_ROLE:
	case AUDIT_OBJ_TYPE: case AUDIT_OBJ_LEV_LOW: case AUDIT_OBJ_LEV_HIGH:
		return audit_names_match(ctx, r, f);
	}
	return false;
}

/* ---- records ---- */

static const char *const audit_nametypes[] = {
	[AUDIT_TYPE_UNKNOWN] = "UNKNOWN",
	[AUDIT_TYPE_NORMAL] = "NORMAL",
	[AUDIT_TYPE_PARENT] = "PARENT",
	[AUDIT_TYPE_CHILD_DELETE] = "DELETE",
	[AUDIT_TYPE_CHILD_CREATE] = "CREATE",
};

static void audit_log_syscall_record(struct audit_context *ctx,
				     const char *key, unsigned int items)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_SYSCALL);
	if (!ab)
		return;
	audit_log_format(ab, "arch=%x syscall=%d success=%s exit=%ld",
			 ctx->arch, ctx->major, ctx->ret >= 0 ? "yes" : "no",
			 ctx->ret);
	audit_log_format(ab, " a0=%lx a1=%lx a2=%lx a3=%lx items=%u ",
			 ctx->args[0], ctx->args[1], ctx->args[2], ctx->args[3],
			 items);
	audit_log_task_info(ab);
	/* Several keys, joined by \x01, come out hex-encoded as one. */
	audit_log_key(ab, (char *)key);
	audit_log_end(ab);
}

static void audit_log_cwd(struct audit_context *ctx)
{
	struct audit_buffer *ab;
	struct path pwd;

	if (!current->fs)
		return;
	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_CWD);
	if (!ab)
		return;
	get_fs_pwd(current->fs, &pwd);
	audit_log_d_path(ab, "cwd=", &pwd);
	path_put(&pwd);
	audit_log_end(ab);
}

static void audit_log_name_text(struct audit_buffer *ab,
				const struct audit_name *n)
{
	const char *s;
	size_t len;

	audit_log_format(ab, " name=");
	if (!n->fname) {
		if (n->dentry)
			audit_log_untrustedstring(ab, n->dentry->d_name.name);
		else
			audit_log_format(ab, "(null)");
		return;
	}
	s = n->fname->name;
	len = strlen(s);
	/* A parent item names the directory part of the path. */
	if (n->type == AUDIT_TYPE_PARENT && n->dentry) {
		const char *slash = strrchr(s, '/');

		if (slash && slash != s + len - 1)
			len = slash - s + 1;
		else if (!slash)
			len = 0;
	}
	if (len) {
		audit_log_n_untrustedstring(ab, s, len);
		return;
	}
	/* A relative name's directory is the working directory. */
	if (n->type == AUDIT_TYPE_PARENT && current->fs) {
		struct path pwd;

		get_fs_pwd(current->fs, &pwd);
		audit_log_d_path(ab, NULL, &pwd);
		path_put(&pwd);
		return;
	}
	audit_log_format(ab, "(null)");
}

/* " obj=CONTEXT" of a file, when an LSM labels files. */
static void audit_log_inode_context(struct audit_buffer *ab,
				    const struct inode *inode)
{
	char *ctx;
	u32 sid, len;

	security_inode_getsecid((struct inode *)inode, &sid);
	if (!sid)
		return;
	if (security_secid_to_secctx(sid, &ctx, &len)) {
		audit_log_format(ab, " osid=%u", sid);
		return;
	}
	audit_log_format(ab, " obj=%s", ctx);
	security_release_secctx(ctx, len);
}

static void audit_log_path(struct audit_context *ctx,
			   const struct audit_name *n, unsigned int item)
{
	const struct inode *inode = audit_name_inode(n);
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_PATH);
	if (!ab)
		return;
	audit_log_format(ab, "item=%u", item);
	audit_log_name_text(ab, n);
	if (inode) {
		audit_log_format(ab, " inode=%lu dev=%02x:%02x mode=%#ho",
				 inode->i_ino, MAJOR(inode->i_sb->s_dev),
				 MINOR(inode->i_sb->s_dev), inode->i_mode);
		audit_log_format(ab, " ouid=%u ogid=%u rdev=%02x:%02x",
				 from_kuid(&init_user_ns, inode->i_uid),
				 from_kgid(&init_user_ns, inode->i_gid),
				 MAJOR(inode->i_rdev), MINOR(inode->i_rdev));
		audit_log_inode_context(ab, inode);
	}
	audit_log_format(ab, " nametype=%s", audit_nametypes[n->type]);
	/* Read now, from the file the syscall named (and still holds). */
	audit_log_fcaps(ab, inode ? n->dentry : NULL, n->noeval);
	audit_log_end(ab);
}

/* Reads @len bytes of the task's memory at @addr into a new buffer. */
static char *audit_read_user(unsigned long addr, size_t len)
{
	char *buf = kmalloc(len + 1, GFP_KERNEL);

	if (!buf)
		return NULL;
	if (access_process_vm(current, addr, buf, len, FOLL_FORCE) != len) {
		kfree(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/*
 * EXECVE: argc and each argument, quoted or hex.  Arguments are taken from
 * the new image's argument area; records are split to stay readable.
 */
static void audit_log_execve(struct audit_context *ctx)
{
	struct mm_struct *mm = current->mm;
	struct audit_buffer *ab;
	size_t len, used = 0, alen, written;
	unsigned int argc = 0, i;
	char *args, *p;

	if (!mm || mm->arg_end <= mm->arg_start)
		return;
	len = min_t(size_t, mm->arg_end - mm->arg_start, 128 * 1024);
	args = audit_read_user(mm->arg_start, len);
	if (!args)
		return;
	for (p = args; p < args + len; p += strnlen(p, args + len - p) + 1)
		argc++;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_EXECVE);
	audit_log_format(ab, "argc=%u", argc);
	for (p = args, i = 0; i < argc; i++, p += alen + 1) {
		alen = strnlen(p, args + len - p);
		if (ab && used + 2 * alen > AUDIT_EXECVE_CHUNK && used) {
			audit_log_end(ab);
			ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_EXECVE);
			used = 0;
		}
		if (2 * alen + 16 <= AUDIT_EXECVE_CHUNK) {
			audit_log_format(ab, " a%u=", i);
			audit_log_n_untrustedstring(ab, p, alen);
			used += 2 * alen + 8;
			continue;
		}
		/* One long argument, in numbered pieces of hex. */
		audit_log_format(ab, " a%u_len=%zu", i, alen);
		for (written = 0; written < alen; written += AUDIT_EXECVE_CHUNK / 2) {
			size_t piece = min_t(size_t, alen - written,
					     AUDIT_EXECVE_CHUNK / 2);

			audit_log_end(ab);
			ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_EXECVE);
			audit_log_format(ab, "a%u[%zu]=", i,
					 written / (AUDIT_EXECVE_CHUNK / 2));
			audit_log_n_hex(ab, p + written, piece);
		}
		used = AUDIT_EXECVE_CHUNK;
	}
	audit_log_end(ab);
	kfree(args);
}

static void audit_log_sockaddr(struct audit_context *ctx)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_SOCKADDR);
	if (!ab)
		return;
	audit_log_format(ab, "saddr=");
	audit_log_n_hex(ab, ctx->sockaddr, ctx->sockaddr_len);
	audit_log_end(ab);
}

static void audit_log_proctitle(struct audit_context *ctx)
{
	struct mm_struct *mm = current->mm;
	struct audit_buffer *ab;
	size_t len;
	char *title;

	if (!mm || mm->arg_end <= mm->arg_start)
		return;
	len = min_t(size_t, mm->arg_end - mm->arg_start, AUDIT_PROCTITLE_MAX);
	title = audit_read_user(mm->arg_start, len);
	if (!title)
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
	kfree(title);
}

static void audit_log_syscall_records(struct audit_context *ctx,
				      const char *key)
{
	unsigned int i, items = 0;
	struct audit_buffer *ab;

	for (i = 0; i < ctx->nnames; i++)
		items += !ctx->names[i].hidden;

	audit_log_syscall_record(ctx, key, items);
	if (ctx->execve && ctx->ret >= 0)
		audit_log_execve(ctx);
	if (ctx->sockaddr)
		audit_log_sockaddr(ctx);
	if (ctx->aux.present)
		audit_aux_log(ctx, &ctx->aux);
	if (items)
		audit_log_cwd(ctx);
	for (i = 0, items = 0; i < ctx->nnames; i++)
		if (!ctx->names[i].hidden)
			audit_log_path(ctx, &ctx->names[i], items++);
	audit_log_proctitle(ctx);
	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_EOE);
	audit_log_end(ab);
}

/* ---- abnormal ends ---- */

/*
 * A task is about to dump core: ANOM_ABEND, an event of its own (the
 * task is in signal delivery, not in a syscall).  SIGQUIT is asked for,
 * not an anomaly.
 */
void audit_core_dumps(long signr)
{
	struct audit_buffer *ab;

	if (!READ_ONCE(audit_enabled) || signr == SIGQUIT)
		return;
	ab = audit_log_start(NULL, GFP_KERNEL, AUDIT_ANOM_ABEND);
	if (!ab)
		return;
	audit_log_task_ids(ab);
	audit_log_format(ab, " sig=%ld res=1", signr);
	audit_log_end(ab);
}
