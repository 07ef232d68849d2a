// SPDX-License-Identifier: GPL-2.0
/*
 * Filter rules: parsing and validating struct audit_rule_data, storing
 * rules per list, AUDIT_ADD_RULE / AUDIT_DEL_RULE / AUDIT_LIST_RULES, and
 * the read-only snapshot the matching code walks.
 *
 * Rules are kept twice.  The master lists (audit_rule_lists) are changed
 * only under audit_cmd_mutex, by the netlink handlers and by the work
 * that removes the rules of a directory that went away
 * (kernel/audit_dir.c).  After each change a new struct audit_ruleset is
 * built from them and published with RCU; the snapshot holds each list as
 * an array in rule order and indexes the exit list by syscall, so that a
 * syscall no rule names costs one array lookup.  A snapshot and the rules
 * it points to stay valid until its last reference is dropped (RCU
 * readers hold none; a rule listing holds one for the duration of the
 * dump).  References are dropped in process context only, never from an
 * RCU callback, because freeing a path rule releases its directory's
 * fsnotify mark, which sleeps.
 *
 * Each rule keeps the exact audit_rule_data it was added with: listing
 * returns it unchanged (auditctl -l prints what was typed) and duplicates
 * and deletions are found by comparing it.
 */
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/netlink.h>
#include <linux/refcount.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/sort.h>
#include <linux/static_key.h>
#include <linux/workqueue.h>
#include <net/netlink.h>

#include "audit.h"

/* Master lists, in rule order.  Protected by audit_cmd_mutex. */
static struct list_head audit_rule_lists[AUDIT_NR_FILTERS] = {
	LIST_HEAD_INIT(audit_rule_lists[0]), LIST_HEAD_INIT(audit_rule_lists[1]),
	LIST_HEAD_INIT(audit_rule_lists[2]), LIST_HEAD_INIT(audit_rule_lists[3]),
	LIST_HEAD_INIT(audit_rule_lists[4]), LIST_HEAD_INIT(audit_rule_lists[5]),
	LIST_HEAD_INIT(audit_rule_lists[6]), LIST_HEAD_INIT(audit_rule_lists[7]),
};

static unsigned int audit_rule_count;	/* all lists; audit_cmd_mutex */

/* The published snapshot; see the comment at the top. */
struct audit_ruleset __rcu *audit_ruleset;

/* On while the exit list has rules: the syscall hooks look at this. */
DEFINE_STATIC_KEY_FALSE(audit_exit_rules_key);

/* Rule order: prepended rules get decreasing, appended increasing keys. */
static s64 audit_rule_next_tail = 1, audit_rule_next_head;

/* ---- rules ---- */

static void audit_rule_free(struct audit_rule *r)
{
	u32 i;

	for (i = 0; i < r->nfields; i++) {
		struct audit_field *f = &r->fields[i];

		if (audit_field_is_lsm(f->type)) {
			security_audit_rule_free(f->lsm_rule);
			kfree(f->lsm_str);
		}
	}
	audit_watch_free(r);
	kfree(r->key);
	kfree(r->fields);
	kfree(r->orig);
	kfree(r);
}

void audit_rule_put(struct audit_rule *r)
{
	if (refcount_dec_and_test(&r->ref))
		audit_rule_free(r);
}

/* The operator of a field, from the bits it travels in (fieldflags). */
static u32 audit_op_from_wire(u32 flags)
{
	switch (flags & AUDIT_OPERATORS) {
	case AUDIT_BIT_TEST:
		return Audit_bittest;
	case AUDIT_BIT_MASK:
		return Audit_bitmask;
	case AUDIT_GREATER_THAN_OR_EQUAL:
		return Audit_ge;
	case AUDIT_LESS_THAN_OR_EQUAL:
		return Audit_le;
	case AUDIT_GREATER_THAN:
		return Audit_gt;
	case AUDIT_LESS_THAN:
		return Audit_lt;
	case AUDIT_NOT_EQUAL:
		return Audit_not_equal;
	case AUDIT_EQUAL:
		return Audit_equal;
	}
	return Audit_bad;
}

bool audit_field_is_lsm(u32 type)
{
	switch (type) {
	case AUDIT_SUBJ_USER: case AUDIT_SUBJ_ROLE: case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN: case AUDIT_SUBJ_CLR:
	case AUDIT_OBJ_USER: case AUDIT_OBJ_ROLE: case AUDIT_OBJ_TYPE:
	case AUDIT_OBJ_LEV_LOW: case AUDIT_OBJ_LEV_HIGH:
		return true;
	}
	return false;
}

static bool audit_field_is_string(u32 type)
{
	return audit_field_is_lsm(type) || type == AUDIT_WATCH ||
	       type == AUDIT_DIR || type == AUDIT_FILTERKEY || type == AUDIT_EXE;
}

/* Which operators a field takes: all, all but the bit tests, or = and !=. */
enum audit_field_ops { OPS_ALL, OPS_ORDERED, OPS_EQUALITY, OPS_NONE };

static enum audit_field_ops audit_field_ops(u32 type)
{
	switch (type) {
	case AUDIT_ARG0: case AUDIT_ARG1: case AUDIT_ARG2: case AUDIT_ARG3:
	case AUDIT_PERS: case AUDIT_DEVMINOR:
		return OPS_ALL;
	case AUDIT_PID: case AUDIT_PPID: case AUDIT_UID: case AUDIT_EUID:
	case AUDIT_SUID: case AUDIT_FSUID: case AUDIT_LOGINUID:
	case AUDIT_OBJ_UID: case AUDIT_GID: case AUDIT_EGID: case AUDIT_SGID:
	case AUDIT_FSGID: case AUDIT_OBJ_GID: case AUDIT_MSGTYPE:
	case AUDIT_DEVMAJOR: case AUDIT_EXIT: case AUDIT_SUCCESS:
	case AUDIT_INODE: case AUDIT_SESSIONID: case AUDIT_SADDR_FAM:
	case AUDIT_SUBJ_SEN: case AUDIT_SUBJ_CLR:
	case AUDIT_OBJ_LEV_LOW: case AUDIT_OBJ_LEV_HIGH:
		return OPS_ORDERED;
	case AUDIT_SUBJ_USER: case AUDIT_SUBJ_ROLE: case AUDIT_SUBJ_TYPE:
	case AUDIT_OBJ_USER: case AUDIT_OBJ_ROLE: case AUDIT_OBJ_TYPE:
	case AUDIT_WATCH: case AUDIT_DIR: case AUDIT_FILTERKEY:
	case AUDIT_LOGINUID_SET: case AUDIT_ARCH: case AUDIT_FSTYPE:
	case AUDIT_PERM: case AUDIT_FILETYPE: case AUDIT_FIELD_COMPARE:
	case AUDIT_EXE:
		return OPS_EQUALITY;
	}
	return OPS_NONE;
}

/* Fields that only mean something for a syscall (exit list). */
static bool audit_field_needs_syscall(u32 type)
{
	switch (type) {
	case AUDIT_ARCH: case AUDIT_ARG0: case AUDIT_ARG1: case AUDIT_ARG2:
	case AUDIT_ARG3: case AUDIT_SUCCESS: case AUDIT_EXIT:
	case AUDIT_DEVMAJOR: case AUDIT_DEVMINOR: case AUDIT_INODE:
	case AUDIT_WATCH: case AUDIT_DIR: case AUDIT_PERM: case AUDIT_FILETYPE:
	case AUDIT_OBJ_UID: case AUDIT_OBJ_GID: case AUDIT_FIELD_COMPARE:
	case AUDIT_SADDR_FAM:
	case AUDIT_OBJ_USER: case AUDIT_OBJ_ROLE: case AUDIT_OBJ_TYPE:
	case AUDIT_OBJ_LEV_LOW: case AUDIT_OBJ_LEV_HIGH:
		return true;
	}
	return false;
}

/* Is field @f (type and op read; value @val) allowed on list @listnr? */
static int audit_field_check(u32 listnr, struct audit_field *f, u32 val)
{
	enum audit_field_ops ops = audit_field_ops(f->type);
	bool fs_field, fs_list;

	if (ops == OPS_NONE)
		return -EINVAL;
	if (ops == OPS_ORDERED &&
	    (f->op == Audit_bitmask || f->op == Audit_bittest))
		return -EINVAL;
	if (ops == OPS_EQUALITY && f->op != Audit_equal &&
	    f->op != Audit_not_equal)
		return -EINVAL;

	if (f->type == AUDIT_MSGTYPE && listnr != AUDIT_FILTER_EXCLUDE &&
	    listnr != AUDIT_FILTER_USER)
		return -EINVAL;
	/* The filesystem list takes fstype= (and keys), and only it does. */
	fs_field = f->type == AUDIT_FSTYPE;
	fs_list = listnr == AUDIT_FILTER_FS;
	if (f->type != AUDIT_FILTERKEY && fs_field != fs_list)
		return -EINVAL;
	if (audit_field_needs_syscall(f->type) && listnr != AUDIT_FILTER_EXIT)
		return -EINVAL;

	switch (f->type) {
	case AUDIT_LOGINUID_SET:
		return val > 1 ? -EINVAL : 0;
	case AUDIT_PERM:
		return val & ~(u32)(AUDIT_PERM_EXEC | AUDIT_PERM_WRITE |
				       AUDIT_PERM_READ | AUDIT_PERM_ATTR) ?
		       -EINVAL : 0;
	case AUDIT_FILETYPE:
		return val & ~S_IFMT ? -EINVAL : 0;
	case AUDIT_FIELD_COMPARE:
		return val > AUDIT_MAX_FIELD_COMPARE || !val ? -EINVAL : 0;
	case AUDIT_SADDR_FAM:
		return val >= AF_MAX ? -EINVAL : 0;
	}
	return 0;
}

/* Takes the next string of @len bytes from the rule's buffer. */
static char *audit_take_string(const char **buf, size_t *left, u32 len,
			       size_t max)
{
	char *s;

	if (!len || len > *left || len > max)
		return ERR_PTR(-EINVAL);
	s = kmemdup_nul(*buf, len, GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	/* An embedded NUL would make the rule mean something else. */
	if (strlen(s) != len) {
		kfree(s);
		return ERR_PTR(-EINVAL);
	}
	*buf += len;
	*left -= len;
	return s;
}

/* Appends @k to the rule's key; several keys are joined by \x01. */
static int audit_rule_add_key(struct audit_rule *r, char *k)
{
	char *joined;

	if (!r->key) {
		r->key = k;
		return 0;
	}
	joined = kasprintf(GFP_KERNEL, "%s%c%s", r->key, AUDIT_KEY_SEPARATOR, k);
	kfree(k);
	if (!joined)
		return -ENOMEM;
	if (strlen(joined) > AUDIT_MAX_KEY_LEN) {
		kfree(joined);
		return -EINVAL;
	}
	kfree(r->key);
	r->key = joined;
	return 0;
}

static int audit_field_read_string(struct audit_rule *r, struct audit_field *f,
				   u32 len, const char **buf, size_t *left)
{
	size_t max = f->type == AUDIT_FILTERKEY ? AUDIT_MAX_KEY_LEN : PATH_MAX;
	char *s = audit_take_string(buf, left, len, max);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	switch (f->type) {
	case AUDIT_FILTERKEY:
		return audit_rule_add_key(r, s);
	case AUDIT_WATCH:
	case AUDIT_DIR:
	case AUDIT_EXE:
		return audit_watch_init(r, f, s);
	default:
		f->lsm_str = s;
		err = security_audit_rule_init(f->type, f->op, s, &f->lsm_rule,
					       GFP_KERNEL);
		/* Without an LSM policy the rule cannot mean anything. */
		if (!err && !f->lsm_rule)
			err = -EINVAL;
		return err;
	}
}

/* Typed values: ids through the caller's namespace. */
static int audit_field_read_value(struct audit_rule *r, struct audit_field *f)
{
	switch (f->type) {
	case AUDIT_LOGINUID:
		/* auid=unset is the old way of asking for loginuid_set. */
		if (f->val == AUDIT_UID_UNSET) {
			f->type = AUDIT_LOGINUID_SET;
			f->val = 0;
			return 0;
		}
		fallthrough;
	case AUDIT_UID: case AUDIT_EUID: case AUDIT_SUID: case AUDIT_FSUID:
	case AUDIT_OBJ_UID:
		f->uid = make_kuid(current_user_ns(), f->val);
		return uid_valid(f->uid) ? 0 : -EINVAL;
	case AUDIT_GID: case AUDIT_EGID: case AUDIT_SGID: case AUDIT_FSGID:
	case AUDIT_OBJ_GID:
		f->gid = make_kgid(current_user_ns(), f->val);
		return gid_valid(f->gid) ? 0 : -EINVAL;
	}
	return 0;
}

/*
 * Builds a rule from what userspace sent.  Nothing is shared with the
 * request; on error nothing is left allocated.
 */
struct audit_rule *audit_rule_from_data(const void *data, size_t len)
{
	const struct audit_rule_data *d = data;
	struct audit_rule *r;
	const char *buf;
	size_t left;
	u32 i;
	int err = -EINVAL;

	if (len < sizeof(*d) || d->field_count > AUDIT_MAX_FIELDS ||
	    d->buflen > len - sizeof(*d))
		return ERR_PTR(-EINVAL);

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return ERR_PTR(-ENOMEM);
	refcount_set(&r->ref, 1);
	INIT_LIST_HEAD(&r->list);
	r->orig_len = sizeof(*d) + d->buflen;
	r->orig = kmemdup(d, r->orig_len, GFP_KERNEL);
	r->fields = kcalloc(d->field_count, sizeof(*r->fields), GFP_KERNEL);
	if (!r->orig || (d->field_count && !r->fields)) {
		err = -ENOMEM;
		goto fail;
	}

	r->listnr = d->flags & ~AUDIT_FILTER_PREPEND;
	r->prepend = d->flags & AUDIT_FILTER_PREPEND;
	/* Listed without the prepend flag: it says where, not what. */
	r->orig->flags = r->listnr;
	r->action = d->action;
	switch (r->listnr) {
	case AUDIT_FILTER_USER: case AUDIT_FILTER_TASK:
	case AUDIT_FILTER_EXIT: case AUDIT_FILTER_EXCLUDE:
	case AUDIT_FILTER_FS:
		break;
	default:	/* entry (obsolete), io_uring (not supported), unknown */
		goto fail;
	}
	if (r->action != AUDIT_NEVER && r->action != AUDIT_ALWAYS)
		goto fail;
	memcpy(r->mask, d->mask, sizeof(r->mask));

	buf = d->buf;
	left = d->buflen;
	for (i = 0; i < d->field_count; i++) {
		struct audit_field *f = &r->fields[r->nfields++];
		u32 val = d->values[i];

		f->type = d->fields[i];
		f->op = audit_op_from_wire(d->fieldflags[i]);
		/*
		 * A string field's value is its length; its union holds
		 * pointers that audit_rule_free() releases, so they start NULL.
		 */
		if (audit_field_is_string(f->type)) {
			f->lsm_str = NULL;
			f->lsm_rule = NULL;
		} else {
			f->val = val;
		}
		err = f->op == Audit_bad ? -EINVAL :
		      audit_field_check(r->listnr, f, val);
		if (!err)
			err = audit_field_is_string(f->type) ?
			      audit_field_read_string(r, f, val, &buf, &left) :
			      audit_field_read_value(r, f);
		if (err)
			goto fail;
	}
	/* Every byte of the string buffer must belong to some field. */
	if (left) {
		err = -EINVAL;
		goto fail;
	}
	audit_rule_classify(r);
	return r;

fail:
	audit_rule_free(r);
	return ERR_PTR(err);
}

/* Same rule?  Everything but the prepend flag must be equal. */
static bool audit_rule_same(const struct audit_rule *a, const void *data,
			    size_t len)
{
	const struct audit_rule_data *d = data;

	if (a->orig_len != sizeof(*d) + d->buflen || len < a->orig_len)
		return false;
	if ((a->orig->flags & ~AUDIT_FILTER_PREPEND) !=
	    (d->flags & ~AUDIT_FILTER_PREPEND))
		return false;
	return !memcmp((const char *)a->orig + sizeof(d->flags),
		       (const char *)d + sizeof(d->flags),
		       a->orig_len - sizeof(d->flags));
}

static struct audit_rule *audit_rule_find(const void *data, size_t len,
					  u32 listnr)
{
	struct audit_rule *r;

	list_for_each_entry(r, &audit_rule_lists[listnr], list)
		if (audit_rule_same(r, data, len))
			return r;
	return NULL;
}

/*
 * auditctl -W decides between a file and a directory watch by looking at
 * the path; once the directory is gone it asks to delete a file watch.
 * Find the rule with the other kind of watch, all else equal.
 */
static struct audit_rule *audit_rule_find_moved(const void *data, size_t len,
						u32 listnr)
{
	const struct audit_rule_data *d = data;
	struct audit_rule_data *alt;
	struct audit_rule *found;
	bool swapped = false;
	u32 i;

	if (d->field_count > AUDIT_MAX_FIELDS)
		return NULL;
	alt = kmemdup(data, len, GFP_KERNEL);
	if (!alt)
		return NULL;
	for (i = 0; i < alt->field_count; i++) {
		if (alt->fields[i] == AUDIT_WATCH) {
			alt->fields[i] = AUDIT_DIR;
			swapped = true;
		} else if (alt->fields[i] == AUDIT_DIR) {
			alt->fields[i] = AUDIT_WATCH;
			swapped = true;
		}
	}
	found = swapped ? audit_rule_find(alt, len, listnr) : NULL;
	kfree(alt);
	return found;
}

/* ---- snapshots ---- */

static void audit_ruleset_free(struct audit_ruleset *rs)
{
	unsigned int i, n;

	if (!rs)
		return;
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		for (n = 0; n < rs->count[i]; n++)
			audit_rule_put(rs->list[i][n]);
		kfree(rs->list[i]);
	}
	for (i = 0; i < AUDIT_SYSCALL_SLOTS; i++) {
		struct audit_slot *slot = rs->slots[i];

		if (!slot)
			continue;
		kfree(slot->plain);
		kfree(slot->watched);
		kfree(slot->keyed);
		kfree(slot);
	}
	kfree(rs->any_syscall);
	audit_watch_set_free(rs->watch_set);
	kvfree(rs);
}

void audit_ruleset_put(struct audit_ruleset *rs)
{
	if (rs && refcount_dec_and_test(&rs->ref))
		audit_ruleset_free(rs);
}

/* Readers of the published pointer are done with it: drop its reference. */
static void audit_ruleset_unpublished(struct work_struct *work)
{
	audit_ruleset_put(container_of(to_rcu_work(work), struct audit_ruleset,
				       unpublished));
}

static bool audit_rule_names_every_syscall(const struct audit_rule *r)
{
	int i;

	for (i = 0; i < AUDIT_BITMASK_SIZE; i++)
		if (r->mask[i] != ~0U)
			return false;
	return true;
}

/*
 * The index key of a rule: the first field asking for one value of a task
 * id, as (field << 32 | value); 0 when there is none.
 */
static u64 audit_rule_key(const struct audit_rule *r)
{
	u32 i;

	for (i = 0; i < r->nfields; i++) {
		const struct audit_field *f = &r->fields[i];

		if (f->op != Audit_equal)
			continue;
		switch (f->type) {
		case AUDIT_UID:
			return (u64)(AUDIT_KEY_UID + 1) << 32 | __kuid_val(f->uid);
		case AUDIT_EUID:
			return (u64)(AUDIT_KEY_EUID + 1) << 32 | __kuid_val(f->uid);
		case AUDIT_LOGINUID:
			return (u64)(AUDIT_KEY_AUID + 1) << 32 | __kuid_val(f->uid);
		case AUDIT_PID:
			return (u64)(AUDIT_KEY_PID + 1) << 32 | f->val;
		}
	}
	return 0;
}

/* Appends @r to the array @rules of @n rules. */
static int audit_rules_append(struct audit_rule ***rules, unsigned int *n,
			      struct audit_rule *r)
{
	struct audit_rule **grown;

	grown = krealloc_array(*rules, *n + 1, sizeof(*grown), GFP_KERNEL);
	if (!grown)
		return -ENOMEM;
	grown[(*n)++] = r;
	*rules = grown;
	return 0;
}

static int audit_slot_add(struct audit_slot *slot, struct audit_rule *r,
			  u64 key)
{
	struct audit_keyed_rule *keyed;

	if (!key && r->watch_eq)
		return audit_rules_append(&slot->watched, &slot->nwatched, r);
	if (!key)
		return audit_rules_append(&slot->plain, &slot->nplain, r);
	keyed = krealloc_array(slot->keyed, slot->nkeyed + 1, sizeof(*keyed),
			       GFP_KERNEL);
	if (!keyed)
		return -ENOMEM;
	keyed[slot->nkeyed].key = key;
	keyed[slot->nkeyed].rule = r;
	slot->keyed = keyed;
	slot->nkeyed++;
	slot->key_fields |= BIT((key >> 32) - 1);
	return 0;
}

static int audit_keyed_cmp(const void *a, const void *b)
{
	const struct audit_keyed_rule *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* Within one key, rule order. */
	if (x->rule->order != y->rule->order)
		return x->rule->order < y->rule->order ? -1 : 1;
	return 0;
}

/*
 * A rule naming every syscall with perm=X can only match the syscalls
 * that exercise X (watches, auditctl -w): index it under those, so that
 * other syscalls do not even gather names for it.  Fills @mask; false
 * when the rule has no such field.
 */
static bool audit_rule_perm_mask(const struct audit_rule *r, u32 *mask)
{
	u32 i;

	for (i = 0; i < r->nfields; i++) {
		if (r->fields[i].type == AUDIT_PERM &&
		    r->fields[i].op == Audit_equal) {
			memset(mask, 0, sizeof(u32) * AUDIT_BITMASK_SIZE);
			audit_perm_syscalls(r->fields[i].val, mask);
			return true;
		}
	}
	return false;
}

static int audit_ruleset_index_mask(struct audit_ruleset *rs,
				    struct audit_rule *r, const u32 *mask,
				    u64 key);

/* Adds @r to the index of every syscall it names. */
static int audit_ruleset_index(struct audit_ruleset *rs, struct audit_rule *r)
{
	u32 perm_mask[AUDIT_BITMASK_SIZE];
	u64 key = audit_rule_key(r);

	if (audit_rule_names_every_syscall(r)) {
		if (audit_rule_perm_mask(r, perm_mask))
			return audit_ruleset_index_mask(rs, r, perm_mask, key);
		return audit_rules_append(&rs->any_syscall, &rs->n_any, r);
	}
	return audit_ruleset_index_mask(rs, r, r->mask, key);
}

/* Adds @r to the slot of every syscall in @mask. */
static int audit_ruleset_index_mask(struct audit_ruleset *rs,
				    struct audit_rule *r, const u32 *mask,
				    u64 key)
{
	unsigned int nr;

	for (nr = 0; nr < AUDIT_SYSCALL_SLOTS; nr++) {
		if (!(mask[AUDIT_WORD(nr)] & AUDIT_BIT(nr)))
			continue;
		if (!rs->slots[nr]) {
			rs->slots[nr] = kzalloc(sizeof(*rs->slots[nr]),
						GFP_KERNEL);
			if (!rs->slots[nr])
				return -ENOMEM;
		}
		if (audit_slot_add(rs->slots[nr], r, key))
			return -ENOMEM;
	}
	return 0;
}

static struct audit_ruleset *audit_ruleset_build(void)
{
	struct audit_ruleset *rs = kvzalloc(sizeof(*rs), GFP_KERNEL);
	struct audit_rule *r;
	unsigned int i, n;

	if (!rs)
		return NULL;
	refcount_set(&rs->ref, 1);
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		n = list_count_nodes(&audit_rule_lists[i]);
		if (!n)
			continue;
		rs->list[i] = kmalloc_array(n, sizeof(*rs->list[i]), GFP_KERNEL);
		if (!rs->list[i])
			goto fail;
		list_for_each_entry(r, &audit_rule_lists[i], list) {
			refcount_inc(&r->ref);
			rs->list[i][rs->count[i]++] = r;
			if (i == AUDIT_FILTER_EXIT && audit_ruleset_index(rs, r))
				goto fail;
			rs->max_rule_len = max(rs->max_rule_len, r->orig_len);
		}
	}
	for (i = 0; i < AUDIT_SYSCALL_SLOTS; i++)
		if (rs->slots[i])
			sort(rs->slots[i]->keyed, rs->slots[i]->nkeyed,
			     sizeof(*rs->slots[i]->keyed), audit_keyed_cmp, NULL);
	rs->watch_set = audit_watch_set_build(rs->list[AUDIT_FILTER_EXIT],
					      rs->count[AUDIT_FILTER_EXIT]);
	if (IS_ERR(rs->watch_set)) {
		rs->watch_set = NULL;
		goto fail;
	}
	return rs;

fail:
	audit_ruleset_free(rs);
	return NULL;
}

/* Rebuilds and publishes the snapshot; on failure nothing changed. */
static int audit_ruleset_publish(void)
{
	struct audit_ruleset *rs = audit_ruleset_build(), *old;

	if (!rs)
		return -ENOMEM;
	old = rcu_replace_pointer(audit_ruleset, rs,
				  lockdep_is_held(&audit_cmd_mutex));
	if (rs->count[AUDIT_FILTER_EXIT])
		static_branch_enable(&audit_exit_rules_key);
	else
		static_branch_disable(&audit_exit_rules_key);
	if (old) {
		INIT_RCU_WORK(&old->unpublished, audit_ruleset_unpublished);
		queue_rcu_work(system_wq, &old->unpublished);
	}
	return 0;
}

/* ---- AUDIT_ADD_RULE / AUDIT_DEL_RULE ---- */

static void audit_log_rule_change(const char *op, const struct audit_rule *r,
				  int res)
{
	struct audit_buffer *ab;

	if (!READ_ONCE(audit_enabled))
		return;
	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;
	audit_log_format(ab, "auid=%u ses=%u",
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 audit_get_sessionid(current));
	audit_log_task_context(ab);
	audit_log_format(ab, " op=%s", op);
	audit_log_key(ab, r->key);
	audit_log_format(ab, " list=%u res=%d", r->listnr, res);
	audit_log_end(ab);
}

static int audit_rule_add(struct audit_rule *r)
{
	bool prepend = r->prepend;
	int err;

	if (audit_rule_find(r->orig, r->orig_len, r->listnr))
		return -EEXIST;
	if (audit_rule_count >= AUDIT_MAX_RULES)
		return -ENOSPC;

	r->order = prepend ? audit_rule_next_head-- : audit_rule_next_tail++;
	if (prepend)
		list_add(&r->list, &audit_rule_lists[r->listnr]);
	else
		list_add_tail(&r->list, &audit_rule_lists[r->listnr]);
	err = audit_ruleset_publish();
	if (err) {
		list_del(&r->list);
		return err;
	}
	audit_rule_count++;
	return 0;
}

/* Reinserts @r by its order key; used only to undo a failed delete. */
static void audit_rule_relink(struct audit_rule *r, struct list_head *head)
{
	struct audit_rule *pos;

	list_for_each_entry(pos, head, list) {
		if (pos->order > r->order) {
			list_add_tail(&r->list, &pos->list);
			return;
		}
	}
	list_add_tail(&r->list, head);
}

int audit_rule_request(int type, const void *data, size_t len)
{
	struct audit_rule *r, *found;
	u32 listnr;
	int err;

	lockdep_assert_held(&audit_cmd_mutex);
	if (READ_ONCE(audit_enabled) == AUDIT_LOCKED)
		return -EPERM;

	if (type == AUDIT_ADD_RULE) {
		r = audit_rule_from_data(data, len);
		if (IS_ERR(r))
			return PTR_ERR(r);
		err = audit_rule_add(r);
		audit_log_rule_change("add_rule", r, !err);
		if (err)
			audit_rule_put(r);
		return err;
	}

	/*
	 * A rule is deleted by what it was added with, without parsing it
	 * again: a watch whose directory is gone can still be removed.
	 */
	if (len < sizeof(struct audit_rule_data))
		return -EINVAL;
	listnr = ((const struct audit_rule_data *)data)->flags &
		 ~AUDIT_FILTER_PREPEND;
	if (listnr >= AUDIT_NR_FILTERS)
		return -EINVAL;
	found = audit_rule_find(data, len, listnr);
	if (!found)
		found = audit_rule_find_moved(data, len, listnr);
	if (!found)
		return -ENOENT;
	r = found;
	list_del_init(&found->list);
	err = audit_ruleset_publish();
	audit_log_rule_change("remove_rule", found, !err);
	if (err) {
		/* Put it back where it was: order keys sort the list. */
		audit_rule_relink(found, &audit_rule_lists[found->listnr]);
	} else {
		audit_rule_count--;
		audit_rule_put(found);
	}
	return err;
}

/*
 * The directory some path rules watch was removed, or its filesystem
 * unmounted (kernel/audit_dir.c): those rules leave the lists as with
 * AUDIT_DEL_RULE, and each is logged.  If the new snapshot cannot be
 * built, every rule is put back where it was.
 */
int audit_rules_remove_gone(void)
{
	struct audit_rule *r, *next;
	LIST_HEAD(gone);
	unsigned int i;
	int err;

	lockdep_assert_held(&audit_cmd_mutex);
	for (i = 0; i < AUDIT_NR_FILTERS; i++)
		list_for_each_entry_safe(r, next, &audit_rule_lists[i], list)
			if (audit_watch_gone(r))
				list_move_tail(&r->list, &gone);
	if (list_empty(&gone))
		return 0;
	err = audit_ruleset_publish();
	list_for_each_entry_safe(r, next, &gone, list) {
		list_del_init(&r->list);
		if (err) {
			audit_rule_relink(r, &audit_rule_lists[r->listnr]);
			continue;
		}
		audit_watch_log_removed(r);
		audit_rule_count--;
		audit_rule_put(r);
	}
	return err;
}

/*
 * The LSM loaded a new policy: rules naming security contexts are
 * compiled again, from what the administrator sent, into new rules that
 * replace the old ones in place; readers still on the old snapshot keep
 * the old rules until they are done.
 */
int audit_update_lsm_rules(void)
{
	struct audit_rule *r, *next, *fresh;
	bool changed = false;
	unsigned int i, f;
	int err = 0;

	audit_cmd_lock();
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		list_for_each_entry_safe(r, next, &audit_rule_lists[i], list) {
			for (f = 0; f < r->nfields; f++)
				if (audit_field_is_lsm(r->fields[f].type))
					break;
			if (f == r->nfields)
				continue;
			fresh = audit_rule_from_data(r->orig, r->orig_len);
			if (IS_ERR(fresh)) {
				/* Kept as it was; it may match nothing now. */
				err = PTR_ERR(fresh);
				continue;
			}
			fresh->order = r->order;
			list_replace(&r->list, &fresh->list);
			audit_rule_put(r);
			changed = true;
		}
	}
	if (changed)
		err = audit_ruleset_publish() ?: err;
	audit_cmd_unlock();
	return err;
}

/* ---- AUDIT_LIST_RULES, as a netlink dump ---- */

/*
 * cb->args[0]: the snapshot being listed (a reference is held),
 * cb->args[1]: the list, cb->args[2]: the rule within it.
 */
static int audit_list_start(struct netlink_callback *cb)
{
	struct audit_ruleset *rs;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	if (rs && !refcount_inc_not_zero(&rs->ref))
		rs = NULL;
	rcu_read_unlock();
	cb->args[0] = (long)rs;
	cb->args[1] = 0;
	cb->args[2] = 0;
	return 0;
}

/*
 * One rule per datagram: libaudit reads a single message per recv(), so
 * a second message in the same datagram would be lost to it.
 */
static int audit_list_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct audit_ruleset *rs = (struct audit_ruleset *)cb->args[0];
	struct nlmsghdr *nlh;
	struct audit_rule *r;

	while (rs && cb->args[1] < AUDIT_NR_FILTERS &&
	       cb->args[2] >= rs->count[cb->args[1]]) {
		cb->args[1]++;
		cb->args[2] = 0;
	}
	if (!rs || cb->args[1] >= AUDIT_NR_FILTERS)
		return 0;	/* done: netlink sends NLMSG_DONE */

	r = rs->list[cb->args[1]][cb->args[2]];
	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			AUDIT_LIST_RULES, r->orig_len, NLM_F_MULTI);
	if (!nlh)
		return -EMSGSIZE;
	memcpy(nlmsg_data(nlh), r->orig, r->orig_len);
	cb->args[2]++;
	return skb->len;
}

static int audit_list_done(struct netlink_callback *cb)
{
	audit_ruleset_put((struct audit_ruleset *)cb->args[0]);
	return 0;
}

int audit_rule_list(struct sk_buff *skb, const struct nlmsghdr *nlh,
		    struct sock *sk)
{
	struct netlink_dump_control c = {
		.start = audit_list_start,
		.dump = audit_list_dump,
		.done = audit_list_done,
	};
	struct audit_ruleset *rs;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	c.min_dump_alloc = NLMSG_SPACE(rs ? rs->max_rule_len : 0);
	rcu_read_unlock();
	return netlink_dump_start(sk, skb, nlh, &c);
}

/* ---- the user and exclude lists ---- */

/*
 * Should a record of @msgtype from the current task be logged?  The
 * exclude list drops a record when any rule matches; the user list
 * decides by the first matching rule's action (default: log).
 */
bool audit_filter_record(u32 listnr, int msgtype)
{
	struct audit_ruleset *rs;
	bool log = true;
	unsigned int i;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	for (i = 0; rs && i < rs->count[listnr]; i++) {
		struct audit_rule *r = rs->list[listnr][i];

		if (audit_rule_match(r, current, NULL, msgtype)) {
			log = listnr != AUDIT_FILTER_EXCLUDE &&
			      r->action == AUDIT_ALWAYS;
			break;
		}
	}
	rcu_read_unlock();
	return log;
}

/*
 * The filesystem list: a never rule whose fstype= matches keeps names on
 * that filesystem out of the syscall's records (auditctl -a
 * never,filesystem -F fstype=tracefs).  First matching rule decides.
 */
bool audit_filter_fs(unsigned long magic)
{
	struct audit_ruleset *rs;
	bool excluded = false;
	unsigned int i, j;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	for (i = 0; rs && i < rs->count[AUDIT_FILTER_FS]; i++) {
		struct audit_rule *r = rs->list[AUDIT_FILTER_FS][i];
		bool match = true;

		for (j = 0; j < r->nfields && match; j++)
			if (r->fields[j].type == AUDIT_FSTYPE)
				match = audit_compare(magic, r->fields[j].op,
						      r->fields[j].val);
		if (match) {
			excluded = r->action == AUDIT_NEVER;
			break;
		}
	}
	rcu_read_unlock();
	return excluded;
}
