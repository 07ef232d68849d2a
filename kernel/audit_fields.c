// SPDX-License-Identifier: GPL-2.0
/*
 * The rule fields: one table, with an entry for each AUDIT_* field of the
 * uapi header, saying what kind of value the field takes, which operators
 * and filter lists allow it, whether it indexes a rule, whether it looks
 * at the syscall's names, and how it matches.  Rule validation
 * (auditfilter.c), the ruleset index and matching all read it; adding a
 * field is adding an entry.
 *
 * Matching runs under rcu_read_lock() (the rule belongs to an
 * RCU-published ruleset), which also keeps the task's credentials stable
 * for __task_cred().  A field that asks about the syscall matches only
 * when the rule is tried at the syscall's exit (the subject has one).
 */
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/socket.h>
#include <linux/stat.h>

#include "audit.h"
#include "audit_syscall.h"

/* ---- operators ---- */

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

/* ---- fields of the task ---- */

#define AUDIT_MATCH(name)						\
	static bool name(const struct audit_subject *s,			\
			 const struct audit_rule *r,			\
			 const struct audit_field *f)

AUDIT_MATCH(audit_match_pid)
{
	return audit_compare(task_tgid_nr(s->tsk), f->op, f->val);
}

AUDIT_MATCH(audit_match_ppid)
{
	return audit_compare(task_ppid_nr(s->tsk), f->op, f->val);
}

AUDIT_MATCH(audit_match_uid)
{
	return audit_compare_uid(s->cred->uid, f->op, f->uid);
}

AUDIT_MATCH(audit_match_euid)
{
	return audit_compare_uid(s->cred->euid, f->op, f->uid);
}

AUDIT_MATCH(audit_match_suid)
{
	return audit_compare_uid(s->cred->suid, f->op, f->uid);
}

AUDIT_MATCH(audit_match_fsuid)
{
	return audit_compare_uid(s->cred->fsuid, f->op, f->uid);
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

AUDIT_MATCH(audit_match_gid)
{
	return audit_group_match(s->cred->gid, s->cred, f);
}

AUDIT_MATCH(audit_match_egid)
{
	return audit_group_match(s->cred->egid, s->cred, f);
}

AUDIT_MATCH(audit_match_sgid)
{
	return audit_compare_gid(s->cred->sgid, f->op, f->gid);
}

AUDIT_MATCH(audit_match_fsgid)
{
	return audit_compare_gid(s->cred->fsgid, f->op, f->gid);
}

AUDIT_MATCH(audit_match_loginuid)
{
	return audit_compare_uid(audit_get_loginuid(s->tsk), f->op, f->uid);
}

AUDIT_MATCH(audit_match_loginuid_set)
{
	return audit_compare(audit_loginuid_set(s->tsk), f->op, f->val);
}

AUDIT_MATCH(audit_match_sessionid)
{
	return audit_compare(audit_get_sessionid(s->tsk), f->op, f->val);
}

AUDIT_MATCH(audit_match_pers)
{
	return audit_compare(s->tsk->personality, f->op, f->val);
}

AUDIT_MATCH(audit_match_msgtype)
{
	return audit_compare(s->msgtype, f->op, f->val);
}

AUDIT_MATCH(audit_match_exe)
{
	return audit_exe_match(r->exe, s->tsk) == (f->op == Audit_equal);
}

/* A key is a label of the rule, never a condition. */
AUDIT_MATCH(audit_match_key)
{
	return true;
}

AUDIT_MATCH(audit_match_subj_lsm)
{
	u32 secid;

	if (s->tsk == current)
		security_current_getsecid_subj(&secid);
	else
		security_task_getsecid_obj(s->tsk, &secid);
	return secid && security_audit_rule_match(secid, f->type, f->op,
						  f->lsm_rule) > 0;
}

/* The filesystem list: the filesystem of a name being gathered. */
AUDIT_MATCH(audit_match_fstype)
{
	return audit_compare(s->fs_magic, f->op, f->val);
}

/* ---- fields of the syscall ---- */

AUDIT_MATCH(audit_match_arch)
{
	return s->sc && audit_compare(s->sc->arch, f->op, f->val);
}

AUDIT_MATCH(audit_match_arg)
{
	return s->sc && audit_compare(s->sc->args[f->type - AUDIT_ARG0],
				      f->op, f->val);
}

AUDIT_MATCH(audit_match_success)
{
	return s->sc && audit_compare(s->sc->ret >= 0, f->op, f->val != 0);
}

AUDIT_MATCH(audit_match_exit)
{
	return s->sc && audit_compare((u32)s->sc->ret, f->op, f->val);
}

AUDIT_MATCH(audit_match_saddr_fam)
{
	return s->sc && s->sc->sockaddr_len &&
	       audit_compare(s->sc->sockaddr.ss_family, f->op, f->val);
}

AUDIT_MATCH(audit_match_perm)
{
	struct audit_syscall *sc = s->sc;

	return sc && !!(audit_syscall_perm(sc->arch, sc->major, sc->args) &
			f->val) == (f->op == Audit_equal);
}

/* ---- fields of the names a syscall touched ---- */

/* Does some name of the syscall satisfy @match? */
static bool audit_some_name(const struct audit_subject *s,
			    const struct audit_rule *r,
			    const struct audit_field *f,
			    bool (*match)(const struct audit_name *n,
					  const struct audit_rule *r,
					  const struct audit_field *f))
{
	struct audit_names *ns;
	unsigned int i;

	if (!s->sc)
		return false;
	ns = &s->sc->names;
	for (i = 0; i < ns->n; i++)
		if (match(audit_names_at(ns, i), r, f))
			return true;
	return false;
}

#define AUDIT_NAME_MATCH(name)						\
	static bool name(const struct audit_name *n,			\
			 const struct audit_rule *r,			\
			 const struct audit_field *f)

AUDIT_NAME_MATCH(audit_name_watch)
{
	return audit_watch_match(r->watch, n);
}

AUDIT_NAME_MATCH(audit_name_devmajor)
{
	return n->have_inode &&
	       audit_compare(MAJOR(n->inode.id.dev), f->op, f->val);
}

AUDIT_NAME_MATCH(audit_name_devminor)
{
	return n->have_inode &&
	       audit_compare(MINOR(n->inode.id.dev), f->op, f->val);
}

AUDIT_NAME_MATCH(audit_name_inode)
{
	return n->have_inode && audit_compare(n->inode.id.ino, f->op, f->val);
}

AUDIT_NAME_MATCH(audit_name_filetype)
{
	return n->have_inode &&
	       audit_compare(n->inode.mode & S_IFMT, f->op, f->val);
}

AUDIT_NAME_MATCH(audit_name_obj_uid)
{
	return n->have_inode && audit_compare_uid(n->inode.uid, f->op, f->uid);
}

AUDIT_NAME_MATCH(audit_name_obj_gid)
{
	return n->have_inode && audit_compare_gid(n->inode.gid, f->op, f->gid);
}

/* The label the object had, as the LSM's rule sees it. */
AUDIT_NAME_MATCH(audit_name_obj_lsm)
{
	return n->have_inode && n->inode.secid &&
	       security_audit_rule_match(n->inode.secid, f->type, f->op,
					 f->lsm_rule) > 0;
}

/* "!=" means: no name of the syscall is under the watch. */
AUDIT_MATCH(audit_match_watch)
{
	return audit_some_name(s, r, f, audit_name_watch) ==
	       (f->op == Audit_equal);
}

/* A field of the names: some name satisfies the entry's name_match. */
AUDIT_MATCH(audit_match_names);

/* ---- field comparisons (uid!=euid, uid=obj_uid, ...) ---- */

/*
 * The two ids AUDIT_FIELD_COMPARE value @which names, when both belong
 * to the task; false for comparisons with a file's owner.
 */
static bool audit_task_ids(const struct audit_subject *s, u32 which,
			   u32 *a, u32 *b)
{
	const struct cred *c = s->cred;
	u32 auid = __kuid_val(audit_get_loginuid(s->tsk));

	switch (which) {
	case AUDIT_COMPARE_UID_TO_AUID:
		*a = __kuid_val(c->uid); *b = auid; break;
	case AUDIT_COMPARE_UID_TO_EUID:
		*a = __kuid_val(c->uid); *b = __kuid_val(c->euid); break;
	case AUDIT_COMPARE_UID_TO_FSUID:
		*a = __kuid_val(c->uid); *b = __kuid_val(c->fsuid); break;
	case AUDIT_COMPARE_UID_TO_SUID:
		*a = __kuid_val(c->uid); *b = __kuid_val(c->suid); break;
	case AUDIT_COMPARE_AUID_TO_FSUID:
		*a = auid; *b = __kuid_val(c->fsuid); break;
	case AUDIT_COMPARE_AUID_TO_SUID:
		*a = auid; *b = __kuid_val(c->suid); break;
	case AUDIT_COMPARE_AUID_TO_EUID:
		*a = auid; *b = __kuid_val(c->euid); break;
	case AUDIT_COMPARE_EUID_TO_SUID:
		*a = __kuid_val(c->euid); *b = __kuid_val(c->suid); break;
	case AUDIT_COMPARE_EUID_TO_FSUID:
		*a = __kuid_val(c->euid); *b = __kuid_val(c->fsuid); break;
	case AUDIT_COMPARE_SUID_TO_FSUID:
		*a = __kuid_val(c->suid); *b = __kuid_val(c->fsuid); break;
	case AUDIT_COMPARE_GID_TO_EGID:
		*a = __kgid_val(c->gid); *b = __kgid_val(c->egid); break;
	case AUDIT_COMPARE_GID_TO_FSGID:
		*a = __kgid_val(c->gid); *b = __kgid_val(c->fsgid); break;
	case AUDIT_COMPARE_GID_TO_SGID:
		*a = __kgid_val(c->gid); *b = __kgid_val(c->sgid); break;
	case AUDIT_COMPARE_EGID_TO_FSGID:
		*a = __kgid_val(c->egid); *b = __kgid_val(c->fsgid); break;
	case AUDIT_COMPARE_EGID_TO_SGID:
		*a = __kgid_val(c->egid); *b = __kgid_val(c->sgid); break;
	case AUDIT_COMPARE_SGID_TO_FSGID:
		*a = __kgid_val(c->sgid); *b = __kgid_val(c->fsgid); break;
	default:
		return false;
	}
	return true;
}

/* The task's id that a comparison with a file's owner uses. */
static bool audit_owner_compare(const struct audit_name *n,
				const struct audit_rule *r,
				const struct audit_field *f)
{
	const struct cred *c = current_cred();
	u32 task, owner;

	if (!n->have_inode)
		return false;
	owner = __kuid_val(n->inode.uid);
	switch (f->val) {
	case AUDIT_COMPARE_UID_TO_OBJ_UID:
		task = __kuid_val(c->uid); break;
	case AUDIT_COMPARE_EUID_TO_OBJ_UID:
		task = __kuid_val(c->euid); break;
	case AUDIT_COMPARE_SUID_TO_OBJ_UID:
		task = __kuid_val(c->suid); break;
	case AUDIT_COMPARE_FSUID_TO_OBJ_UID:
		task = __kuid_val(c->fsuid); break;
	case AUDIT_COMPARE_AUID_TO_OBJ_UID:
		task = __kuid_val(audit_get_loginuid(current)); break;
	default:
		owner = __kgid_val(n->inode.gid);
		switch (f->val) {
		case AUDIT_COMPARE_GID_TO_OBJ_GID:
			task = __kgid_val(c->gid); break;
		case AUDIT_COMPARE_EGID_TO_OBJ_GID:
			task = __kgid_val(c->egid); break;
		case AUDIT_COMPARE_SGID_TO_OBJ_GID:
			task = __kgid_val(c->sgid); break;
		case AUDIT_COMPARE_FSGID_TO_OBJ_GID:
			task = __kgid_val(c->fsgid); break;
		default:
			return false;
		}
	}
	return audit_compare(task, f->op, owner);
}

AUDIT_MATCH(audit_match_compare)
{
	u32 a, b;

	if (audit_task_ids(s, f->val, &a, &b))
		return audit_compare(a, f->op, b);
	return audit_some_name(s, r, f, audit_owner_compare);
}

/* ---- the table ---- */

static int audit_check_bool(u32 val)
{
	return val > 1 ? -EINVAL : 0;
}

static int audit_check_perm(u32 val)
{
	return val & ~(u32)(AUDIT_PERM_EXEC | AUDIT_PERM_WRITE |
			    AUDIT_PERM_READ | AUDIT_PERM_ATTR) ? -EINVAL : 0;
}

static int audit_check_filetype(u32 val)
{
	return val & ~S_IFMT ? -EINVAL : 0;
}

static int audit_check_compare(u32 val)
{
	return !val || val > AUDIT_MAX_FIELD_COMPARE ? -EINVAL : 0;
}

static int audit_check_family(u32 val)
{
	return val >= AF_MAX ? -EINVAL : 0;
}

#define L(list)		BIT(AUDIT_FILTER_##list)
/* The lists of rules that describe a task or its records. */
#define LISTS_TASK	(L(USER) | L(TASK) | L(EXIT) | L(EXCLUDE))
#define LISTS_ALL	(LISTS_TASK | L(FS))

#define FIELD(t, k, o, l, m)						\
	[AUDIT_##t] = { .kind = AUDIT_KIND_##k, .ops = AUDIT_OPS_##o,	\
			.lists = (l), .match = (m) }
/* A field of the task that indexes exit rules by its value (key). */
#define KEYED(t, k, key, m)						\
	[AUDIT_##t] = { .kind = AUDIT_KIND_##k, .ops = AUDIT_OPS_ORDERED, \
			.lists = LISTS_TASK, .index = AUDIT_KEY_##key + 1, \
			.match = (m) }
/* A field that asks about the syscall's names: tried last. */
#define NAMES(t, k, o, m, c)						\
	[AUDIT_##t] = { .kind = AUDIT_KIND_##k, .ops = AUDIT_OPS_##o,	\
			.lists = L(EXIT), .names = true, .match = (m),	\
			.check = (c) }
/* ... and asks it of each name with @n, a question about one name. */
#define EACH_NAME(t, k, o, n)						\
	[AUDIT_##t] = { .kind = AUDIT_KIND_##k, .ops = AUDIT_OPS_##o,	\
			.lists = L(EXIT), .names = true,		\
			.match = audit_match_names, .name_match = (n) }
#define SYSCALL(t, o, m, c)						\
	[AUDIT_##t] = { .kind = AUDIT_KIND_NUM, .ops = AUDIT_OPS_##o,	\
			.lists = L(EXIT), .match = (m), .check = (c) }

static const struct audit_field_desc audit_fields[AUDIT_FIELD_TYPES] = {
	KEYED(PID, NUM, PID, audit_match_pid),
	KEYED(UID, UID, UID, audit_match_uid),
	KEYED(EUID, UID, EUID, audit_match_euid),
	KEYED(LOGINUID, UID, AUID, audit_match_loginuid),
	FIELD(PPID, NUM, ORDERED, LISTS_TASK, audit_match_ppid),
	FIELD(SUID, UID, ORDERED, LISTS_TASK, audit_match_suid),
	FIELD(FSUID, UID, ORDERED, LISTS_TASK, audit_match_fsuid),
	FIELD(GID, GID, ORDERED, LISTS_TASK, audit_match_gid),
	FIELD(EGID, GID, ORDERED, LISTS_TASK, audit_match_egid),
	FIELD(SGID, GID, ORDERED, LISTS_TASK, audit_match_sgid),
	FIELD(FSGID, GID, ORDERED, LISTS_TASK, audit_match_fsgid),
	FIELD(SESSIONID, NUM, ORDERED, LISTS_TASK, audit_match_sessionid),
	FIELD(PERS, NUM, ALL, LISTS_TASK, audit_match_pers),
	FIELD(MSGTYPE, NUM, ORDERED, L(USER) | L(EXCLUDE), audit_match_msgtype),
	FIELD(EXE, EXE, EQUALITY, LISTS_TASK, audit_match_exe),
	FIELD(FILTERKEY, KEY, EQUALITY, LISTS_ALL, audit_match_key),
	FIELD(SUBJ_USER, LSM, EQUALITY, LISTS_TASK, audit_match_subj_lsm),
	FIELD(SUBJ_ROLE, LSM, EQUALITY, LISTS_TASK, audit_match_subj_lsm),
	FIELD(SUBJ_TYPE, LSM, EQUALITY, LISTS_TASK, audit_match_subj_lsm),
	FIELD(SUBJ_SEN, LSM, ORDERED, LISTS_TASK, audit_match_subj_lsm),
	FIELD(SUBJ_CLR, LSM, ORDERED, LISTS_TASK, audit_match_subj_lsm),
	FIELD(FSTYPE, NUM, EQUALITY, L(FS), audit_match_fstype),
	[AUDIT_LOGINUID_SET] = { .kind = AUDIT_KIND_NUM,
				 .ops = AUDIT_OPS_EQUALITY,
				 .lists = LISTS_TASK,
				 .match = audit_match_loginuid_set,
				 .check = audit_check_bool },
	SYSCALL(ARCH, EQUALITY, audit_match_arch, NULL),
	SYSCALL(ARG0, ALL, audit_match_arg, NULL),
	SYSCALL(ARG1, ALL, audit_match_arg, NULL),
	SYSCALL(ARG2, ALL, audit_match_arg, NULL),
	SYSCALL(ARG3, ALL, audit_match_arg, NULL),
	SYSCALL(SUCCESS, ORDERED, audit_match_success, NULL),
	SYSCALL(EXIT, ORDERED, audit_match_exit, NULL),
	SYSCALL(SADDR_FAM, ORDERED, audit_match_saddr_fam, audit_check_family),
	SYSCALL(PERM, EQUALITY, audit_match_perm, audit_check_perm),
	NAMES(WATCH, WATCH, EQUALITY, audit_match_watch, NULL),
	NAMES(DIR, WATCH, EQUALITY, audit_match_watch, NULL),
	EACH_NAME(DEVMAJOR, NUM, ORDERED, audit_name_devmajor),
	EACH_NAME(DEVMINOR, NUM, ALL, audit_name_devminor),
	EACH_NAME(INODE, NUM, ORDERED, audit_name_inode),
	[AUDIT_FILETYPE] = { .kind = AUDIT_KIND_NUM, .ops = AUDIT_OPS_EQUALITY,
			     .lists = L(EXIT), .names = true,
			     .match = audit_match_names,
			     .name_match = audit_name_filetype,
			     .check = audit_check_filetype },
	EACH_NAME(OBJ_UID, UID, ORDERED, audit_name_obj_uid),
	EACH_NAME(OBJ_GID, GID, ORDERED, audit_name_obj_gid),
	EACH_NAME(OBJ_USER, LSM, EQUALITY, audit_name_obj_lsm),
	EACH_NAME(OBJ_ROLE, LSM, EQUALITY, audit_name_obj_lsm),
	EACH_NAME(OBJ_TYPE, LSM, EQUALITY, audit_name_obj_lsm),
	EACH_NAME(OBJ_LEV_LOW, LSM, ORDERED, audit_name_obj_lsm),
	EACH_NAME(OBJ_LEV_HIGH, LSM, ORDERED, audit_name_obj_lsm),
	/* Of the task's ids, or against a file's owner (names). */
	NAMES(FIELD_COMPARE, NUM, EQUALITY, audit_match_compare,
	      audit_check_compare),
};

AUDIT_MATCH(audit_match_names)
{
	return audit_some_name(s, r, f, audit_fields[f->type].name_match);
}

const struct audit_field_desc *audit_field_desc(u32 type)
{
	if (type >= ARRAY_SIZE(audit_fields) || !audit_fields[type].match)
		return NULL;
	return &audit_fields[type];
}

bool audit_field_is_lsm(u32 type)
{
	const struct audit_field_desc *d = audit_field_desc(type);

	return d && d->kind == AUDIT_KIND_LSM;
}

int audit_field_validate(u32 listnr, const struct audit_field *f, u32 val)
{
	const struct audit_field_desc *d = audit_field_desc(f->type);

	/*
	 * The io_uring list takes the exit list's fields (its syscall
	 * fields ask about the operation) but perm=, which names syscall
	 * classes, as with the stock kernel.
	 */
	if (listnr == AUDIT_FILTER_URING_EXIT) {
		if (f->type == AUDIT_PERM)
			return -EINVAL;
		listnr = AUDIT_FILTER_EXIT;
	}
	if (!d || f->op == Audit_bad || !(d->lists & BIT(listnr)))
		return -EINVAL;
	switch (d->ops) {
	case AUDIT_OPS_EQUALITY:
		if (f->op != Audit_equal && f->op != Audit_not_equal)
			return -EINVAL;
		break;
	case AUDIT_OPS_ORDERED:
		if (f->op == Audit_bitmask || f->op == Audit_bittest)
			return -EINVAL;
		break;
	}
	return d->check ? d->check(val) : 0;
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
		const struct audit_field_desc *d = audit_field_desc(r->fields[i].type);

		if (d->kind == AUDIT_KIND_WATCH && r->fields[i].op == Audit_equal)
			r->watch_eq = true;
		if (d->names)
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

void audit_subject_init(struct audit_subject *s, struct task_struct *tsk,
			struct audit_syscall *sc, int msgtype)
{
	s->tsk = tsk;
	s->cred = __task_cred(tsk);
	s->sc = sc;
	s->msgtype = msgtype;
	s->fs_magic = 0;
}

bool audit_rule_match(const struct audit_rule *r,
		      const struct audit_subject *s)
{
	u32 i;

	for (i = 0; i < r->nfields; i++) {
		const struct audit_field *f = &r->fields[i];

		if (!audit_fields[f->type].match(s, r, f))
			return false;
	}
	return true;
}
