// SPDX-License-Identifier: GPL-2.0
/*
 * Evaluating a rule: the comparison operators, and the fields that depend
 * only on the task (ids, pid, session, personality, LSM subject, exe) or
 * on the record type.  Fields that need the syscall (arguments, exit
 * value, names and inodes) are answered by auditsc.c.
 *
 * Callers hold rcu_read_lock() (they walk an RCU-published ruleset), which
 * also keeps the task's credentials stable for __task_cred().
 */
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <asm/syscall.h>

#include "audit.h"

bool audit_compare(u32 left, u32 op, u32 right)
{
	switch (op) {
	case Audit_equal:
		return left == right;
	case Audit_not_equal:
		return left != right;
	case Audit_lt:
		return left < right;
	case Audit_le:
		return left <= right;
	case Audit_gt:
		return left > right;
	case Audit_ge:
		return left >= right;
	case Audit_bitmask:
		return left & right;
	case Audit_bittest:
		return (left & right) == right;
	}
	return false;
}

/* Ids compare as the numbers the administrator typed (initial ns). */
static bool audit_compare_uid(kuid_t left, u32 op, kuid_t right)
{
	return audit_compare(__kuid_val(left), op, __kuid_val(right));
}

static bool audit_compare_gid(kgid_t left, u32 op, kgid_t right)
{
	return audit_compare(__kgid_val(left), op, __kgid_val(right));
}

static bool audit_field_needs_names(u32 type)
{
	switch (type) {
	case AUDIT_DEVMAJOR: case AUDIT_DEVMINOR: case AUDIT_INODE:
	case AUDIT_WATCH: case AUDIT_DIR: case AUDIT_FILETYPE:
	case AUDIT_OBJ_UID: case AUDIT_OBJ_GID: case AUDIT_OBJ_USER:
	case AUDIT_OBJ_ROLE: case AUDIT_OBJ_TYPE: case AUDIT_OBJ_LEV_LOW:
	case AUDIT_OBJ_LEV_HIGH: case AUDIT_FIELD_COMPARE:
		return true;
	}
	return false;
}

/*
 * Prepares a parsed rule for matching: class bits expanded, and the
 * fields that look at the syscall's names moved last (a rule matches when
 * all its fields do, so their order is free), so that a cheap field that
 * fails spares the walk over the names; a rule that asks for a watched
 * path is marked, for the exit filter's watch set.
 */
void audit_rule_classify(struct audit_rule *r)
{
	struct audit_field tmp;
	u32 i, j;

	audit_mask_expand_classes(r->mask);
	for (i = 0, j = 0; i < r->nfields; i++) {
		if ((r->fields[i].type == AUDIT_WATCH ||
		     r->fields[i].type == AUDIT_DIR) &&
		    r->fields[i].op == Audit_equal)
			r->watch_eq = true;
		if (audit_field_needs_names(r->fields[i].type))
			continue;
		/* Stable: move each cheap field down past the name fields. */
		if (i != j) {
			tmp = r->fields[i];
			memmove(&r->fields[j + 1], &r->fields[j],
				(i - j) * sizeof(tmp));
			r->fields[j] = tmp;
		}
		j++;
	}
}

/* Group fields also match supplementary groups for = and !=. */
static bool audit_group_match(kgid_t primary, const struct cred *cred,
			      const struct audit_field *f)
{
	bool member = groups_search(cred->group_info, f->gid);

	if (f->op == Audit_equal)
		return gid_eq(primary, f->gid) || member;
	if (f->op == Audit_not_equal)
		return !gid_eq(primary, f->gid) && !member;
	return audit_compare_gid(primary, f->op, f->gid);
}

static bool audit_subject_match(struct task_struct *tsk,
				const struct audit_field *f)
{
	u32 secid;

	if (tsk == current)
		security_current_getsecid_subj(&secid);
	else
		security_task_getsecid_obj(tsk, &secid);
	return secid && security_audit_rule_match(secid, f->type, f->op,
						  f->lsm_rule) > 0;
}

/*
 * AUDIT_FIELD_COMPARE between two ids of the task (uid!=euid ...).  Those
 * against a file's owner (uid=obj_uid ...) need the syscall's names and
 * are answered by auditsc.c.
 */
static bool audit_task_compare(const struct cred *cred, struct task_struct *tsk,
			       const struct audit_field *f, bool *answered)
{
	kuid_t auid = audit_get_loginuid(tsk);
	kuid_t u1, u2;
	kgid_t g1, g2;

	*answered = true;
	switch (f->val) {
	case AUDIT_COMPARE_UID_TO_AUID:
		u1 = cred->uid; u2 = auid; break;
	case AUDIT_COMPARE_UID_TO_EUID:
		u1 = cred->uid; u2 = cred->euid; break;
	case AUDIT_COMPARE_UID_TO_FSUID:
		u1 = cred->uid; u2 = cred->fsuid; break;
	case AUDIT_COMPARE_UID_TO_SUID:
		u1 = cred->uid; u2 = cred->suid; break;
	case AUDIT_COMPARE_AUID_TO_FSUID:
		u1 = auid; u2 = cred->fsuid; break;
	case AUDIT_COMPARE_AUID_TO_SUID:
		u1 = auid; u2 = cred->suid; break;
	case AUDIT_COMPARE_AUID_TO_EUID:
		u1 = auid; u2 = cred->euid; break;
	case AUDIT_COMPARE_EUID_TO_SUID:
		u1 = cred->euid; u2 = cred->suid; break;
	case AUDIT_COMPARE_EUID_TO_FSUID:
		u1 = cred->euid; u2 = cred->fsuid; break;
	case AUDIT_COMPARE_SUID_TO_FSUID:
		u1 = cred->suid; u2 = cred->fsuid; break;
	case AUDIT_COMPARE_GID_TO_EGID:
		g1 = cred->gid; g2 = cred->egid; goto gids;
	case AUDIT_COMPARE_GID_TO_FSGID:
		g1 = cred->gid; g2 = cred->fsgid; goto gids;
	case AUDIT_COMPARE_GID_TO_SGID:
		g1 = cred->gid; g2 = cred->sgid; goto gids;
	case AUDIT_COMPARE_EGID_TO_FSGID:
		g1 = cred->egid; g2 = cred->fsgid; goto gids;
	case AUDIT_COMPARE_EGID_TO_SGID:
		g1 = cred->egid; g2 = cred->sgid; goto gids;
	case AUDIT_COMPARE_SGID_TO_FSGID:
		g1 = cred->sgid; g2 = cred->fsgid; goto gids;
	default:
		*answered = false;
		return false;
	}
	return audit_compare_uid(u1, f->op, u2);
gids:
	return audit_compare_gid(g1, f->op, g2);
}

static bool audit_field_match(const struct audit_rule *r,
			      const struct audit_field *f,
			      struct task_struct *tsk, const struct cred *cred,
			      struct audit_context *ctx, int msgtype)
{
	switch (f->type) {
	case AUDIT_PID:
		return audit_compare(task_tgid_nr(tsk), f->op, f->val);
	case AUDIT_PPID:
		return audit_compare(task_ppid_nr(tsk), f->op, f->val);
	case AUDIT_UID:
		return audit_compare_uid(cred->uid, f->op, f->uid);
	case AUDIT_EUID:
		return audit_compare_uid(cred->euid, f->op, f->uid);
	case AUDIT_SUID:
		return audit_compare_uid(cred->suid, f->op, f->uid);
	case AUDIT_FSUID:
		return audit_compare_uid(cred->fsuid, f->op, f->uid);
	case AUDIT_GID:
		return audit_group_match(cred->gid, cred, f);
	case AUDIT_EGID:
		return audit_group_match(cred->egid, cred, f);
	case AUDIT_SGID:
		return audit_compare_gid(cred->sgid, f->op, f->gid);
	case AUDIT_FSGID:
		return audit_compare_gid(cred->fsgid, f->op, f->gid);
	case AUDIT_LOGINUID:
		return audit_compare_uid(audit_get_loginuid(tsk), f->op, f->uid);
	case AUDIT_LOGINUID_SET:
		return audit_compare(audit_loginuid_set(tsk), f->op, f->val);
	case AUDIT_SESSIONID:
		return audit_compare(audit_get_sessionid(tsk), f->op, f->val);
	case AUDIT_PERS:
		return audit_compare(tsk->personality, f->op, f->val);
	case AUDIT_MSGTYPE:
		return audit_compare(msgtype, f->op, f->val);
	case AUDIT_EXE:
		return audit_exe_match(r->exe, tsk) == (f->op == Audit_equal);
	case AUDIT_FILTERKEY:
		return true;	/* a label, not a condition */
	case AUDIT_FIELD_COMPARE: {
		bool answered, m = audit_task_compare(cred, tsk, f, &answered);

		if (answered)
			return m;
		break;
	}
	case AUDIT_SUBJ_USER: case AUDIT_SUBJ_ROLE: case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN: case AUDIT_SUBJ_CLR:
		return audit_subject_match(tsk, f);
	}
	return ctx && audit_syscall_field_match(ctx, r, f);
}

bool audit_rule_match(const struct audit_rule *r, struct task_struct *tsk,
		      struct audit_context *ctx, int msgtype)
{
	const struct cred *cred = __task_cred(tsk);
	u32 i;

	for (i = 0; i < r->nfields; i++)
		if (!audit_field_match(r, &r->fields[i], tsk, cred, ctx, msgtype))
			return false;
	return true;
}
