// SPDX-License-Identifier: GPL-2.0
/*
 * The published rules: the snapshot that matching reads, how it is built
 * from the administrator's lists (kernel/auditfilter.c keeps those), and
 * the walks over it: the first matching rule of a list, and the exit
 * filter's merge of the candidates of one syscall.
 *
 * A snapshot (struct audit_ruleset) holds each list as an array in rule
 * order, and indexes the exit list by syscall: a rule naming every
 * syscall is kept apart (any_syscall); for each syscall a slot keeps the
 * rules that ask for one value of a task id (uid=, euid=, auid=, pid=)
 * sorted by that value, found by binary search; those asking for a
 * watched path ("=" watch or dir field), looked at only when a name of
 * the syscall is near a watch (the ruleset's watch set,
 * kernel/audit_watch.c); and the others, in rule order.  A syscall no
 * rule names costs one array lookup.
 *
 * Publishing and lifetime.  A new snapshot is built after every change of
 * the lists, under audit_cmd_mutex, and published with RCU; readers hold
 * rcu_read_lock() and take no reference, a listing takes one for the
 * duration of its dump.  The published pointer's reference is dropped
 * from a work item after a grace period, and every reference in process
 * context: freeing the last reference to a path rule releases its
 * directory's fsnotify mark, which sleeps.
 */
#include <linux/cred.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/static_key.h>
#include <linux/workqueue.h>

#include "audit.h"
#include "audit_syscall.h"

/*
 * The exit-list rules of one syscall.  The keyed ones are sorted by key,
 * then rule order; the other two arrays are in rule order.
 */
struct audit_keyed_rule {
	u64			key;	/* audit_key(field, value) */
	struct audit_rule	*rule;
};

struct audit_slot {
	unsigned int		nplain;
	struct audit_rule	**plain;
	unsigned int		nwatched;
	struct audit_rule	**watched;
	unsigned int		nkeyed;
	u32			key_fields;	/* BIT(enum audit_key_field) */
	struct audit_keyed_rule	*keyed;
};

/* Immutable once published; see the top of this file. */
struct audit_ruleset {
	refcount_t		ref;
	struct rcu_work		unpublished;	/* drops the published ref */
	unsigned int		count[AUDIT_NR_FILTERS];
	struct audit_rule	**list[AUDIT_NR_FILTERS];
	unsigned int		n_any;
	struct audit_rule	**any_syscall;
	struct audit_slot	*slots[AUDIT_SYSCALL_SLOTS];
	struct audit_watch_set	*watch_set;	/* NULL: no path rules */
	size_t			max_rule_len;
};

static struct audit_ruleset __rcu *audit_ruleset;

/*
 * On while the exit or the io_uring list has rules: the syscall hooks
 * and the hooks that gather names look at this.
 */
DEFINE_STATIC_KEY_FALSE(audit_exit_rules_key);

/* The index key of task id @field with value @val: never 0. */
static u64 audit_key(enum audit_key_field field, u32 val)
{
	return (u64)(field + 1) << 32 | val;
}

/* ---- building and publishing ---- */

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
 * id, as audit_key() makes it; 0 when there is none.
 */
static u64 audit_rule_key(const struct audit_rule *r)
{
	u32 i;

	for (i = 0; i < r->nfields; i++) {
		const struct audit_field *f = &r->fields[i];
		u8 index = audit_field_desc(f->type)->index;

		/* f->val and f->uid share their bits. */
		if (f->op == Audit_equal && index)
			return audit_key(index - 1, f->val);
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

/* The identities the exit and io_uring lists' path rules watch. */
static struct audit_watch_set *audit_ruleset_watches(struct audit_ruleset *rs)
{
	unsigned int ne = rs->count[AUDIT_FILTER_EXIT];
	unsigned int nu = rs->count[AUDIT_FILTER_URING_EXIT];
	struct audit_watch_set *set;
	struct audit_rule **all;

	if (!nu)
		return audit_watch_set_build(rs->list[AUDIT_FILTER_EXIT], ne);
	all = kmalloc_array(ne + nu, sizeof(*all), GFP_KERNEL);
	if (!all)
		return ERR_PTR(-ENOMEM);
	if (ne)
		memcpy(all, rs->list[AUDIT_FILTER_EXIT], ne * sizeof(*all));
	memcpy(all + ne, rs->list[AUDIT_FILTER_URING_EXIT], nu * sizeof(*all));
	set = audit_watch_set_build(all, ne + nu);
	kfree(all);
	return set;
}

struct audit_ruleset *audit_ruleset_build(struct list_head *lists)
{
	struct audit_ruleset *rs = kvzalloc(sizeof(*rs), GFP_KERNEL);
	struct audit_rule *r;
	unsigned int i, n;

	if (!rs)
		return NULL;
	refcount_set(&rs->ref, 1);
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		n = list_count_nodes(&lists[i]);
		if (!n)
			continue;
		rs->list[i] = kmalloc_array(n, sizeof(*rs->list[i]), GFP_KERNEL);
		if (!rs->list[i])
			goto fail;
		list_for_each_entry(r, &lists[i], list) {
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
	rs->watch_set = audit_ruleset_watches(rs);
	if (IS_ERR(rs->watch_set)) {
		rs->watch_set = NULL;
		goto fail;
	}
	return rs;

fail:
	audit_ruleset_free(rs);
	return NULL;
}

int audit_ruleset_publish(struct list_head *lists)
{
	struct audit_ruleset *rs, *old;

	lockdep_assert_held(&audit_cmd_mutex);
	rs = audit_ruleset_build(lists);
	if (!rs)
		return -ENOMEM;
	old = rcu_replace_pointer(audit_ruleset, rs,
				  lockdep_is_held(&audit_cmd_mutex));
	if (rs->count[AUDIT_FILTER_EXIT] || rs->count[AUDIT_FILTER_URING_EXIT])
		static_branch_enable(&audit_exit_rules_key);
	else
		static_branch_disable(&audit_exit_rules_key);
	if (old) {
		INIT_RCU_WORK(&old->unpublished, audit_ruleset_unpublished);
		queue_rcu_work(system_wq, &old->unpublished);
	}
	return 0;
}

/* ---- readers ---- */

struct audit_ruleset *audit_ruleset_get(void)
{
	struct audit_ruleset *rs;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	if (rs && !refcount_inc_not_zero(&rs->ref))
		rs = NULL;
	rcu_read_unlock();
	return rs;
}

struct audit_rule *audit_ruleset_rule(const struct audit_ruleset *rs,
				      u32 listnr, unsigned int i)
{
	return i < rs->count[listnr] ? rs->list[listnr][i] : NULL;
}

size_t audit_ruleset_max_rule_len(void)
{
	struct audit_ruleset *rs;
	size_t len;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	len = rs ? rs->max_rule_len : 0;
	rcu_read_unlock();
	return len;
}

const struct audit_watch_set *audit_ruleset_watch_set(void)
{
	struct audit_ruleset *rs = rcu_dereference(audit_ruleset);

	return rs ? rs->watch_set : NULL;
}

struct audit_rule *audit_ruleset_first(u32 listnr,
				       const struct audit_subject *s)
{
	struct audit_ruleset *rs = rcu_dereference(audit_ruleset);
	unsigned int i;

	for (i = 0; rs && i < rs->count[listnr]; i++)
		if (audit_rule_match(rs->list[listnr][i], s))
			return rs->list[listnr][i];
	return NULL;
}

/*
 * The io_uring list is short and read only at the end of an operation
 * run outside a syscall: walked in order.  Its rules' syscall masks name
 * operations (IORING_OP_*).
 */
struct audit_rule *audit_ruleset_uring(const struct audit_subject *s, u8 op)
{
	struct audit_ruleset *rs = rcu_dereference(audit_ruleset);
	unsigned int i;

	for (i = 0; rs && i < rs->count[AUDIT_FILTER_URING_EXIT]; i++) {
		struct audit_rule *r = rs->list[AUDIT_FILTER_URING_EXIT][i];

		if ((r->mask[AUDIT_WORD(op)] & AUDIT_BIT(op)) &&
		    audit_rule_match(r, s))
			return r;
	}
	return NULL;
}

static void audit_ruleset_log_dir(const struct audit_dir *d, kuid_t auid,
				  unsigned int ses, bool moved)
{
	struct audit_ruleset *rs = rcu_dereference(audit_ruleset);
	unsigned int l, i;

	for (l = 0; rs && l < AUDIT_NR_FILTERS; l++)
		for (i = 0; i < rs->count[l]; i++)
			if (rs->list[l][i]->watch || rs->list[l][i]->exe)
				audit_watch_log_going(rs->list[l][i], d, auid,
						      ses, moved);
}

void audit_ruleset_log_going(const struct audit_dir *d, kuid_t auid,
			     unsigned int ses)
{
	audit_ruleset_log_dir(d, auid, ses, false);
}

void audit_ruleset_log_moved(const struct audit_dir *d, kuid_t auid,
			     unsigned int ses)
{
	audit_ruleset_log_dir(d, auid, ses, true);
}

bool audit_ruleset_names_syscall(int major, bool *watches)
{
	struct audit_ruleset *rs;
	bool any;

	rcu_read_lock();
	rs = rcu_dereference(audit_ruleset);
	any = rs && (rs->n_any || (major >= 0 && major < AUDIT_SYSCALL_SLOTS &&
				   rs->slots[major]));
	*watches = any && rs->watch_set;
	rcu_read_unlock();
	return any;
}

/* ---- the exit filter ---- */

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

/* The subject's value of each index key field. */
static u64 audit_subject_key(const struct audit_subject *s,
			     enum audit_key_field field)
{
	switch (field) {
	case AUDIT_KEY_UID:
		return audit_key(field, __kuid_val(s->cred->uid));
	case AUDIT_KEY_EUID:
		return audit_key(field, __kuid_val(s->cred->euid));
	case AUDIT_KEY_AUID:
		return audit_key(field, __kuid_val(audit_get_loginuid(s->tsk)));
	default:
		return audit_key(field, task_tgid_nr(s->tsk));
	}
}

/*
 * Might an "=" watch or directory rule match a name of the syscall?
 * Asked of the ruleset's watch set once per filter run (@near: -1 not
 * yet known), and only if some such rule is a candidate.
 */
static bool audit_near_watch(const struct audit_ruleset *rs,
			     const struct audit_subject *s, int *near)
{
	/* Without syscall auditing there are no names to ask about. */
	if (!IS_ENABLED(CONFIG_AUDITSYSCALL) || !rs->watch_set)
		return true;
	if (*near < 0)
		*near = audit_names_near(&s->sc->names, rs->watch_set);
	return *near;
}

/*
 * The exit list: the first matching rule, in rule order.  Candidates are
 * the rules that name every syscall, this syscall's unkeyed rules, its
 * watch rules when a name is near a watch, and its keyed rules whose key
 * is the task's own; they are merged by order.
 */
struct audit_rule *audit_ruleset_exit_in(const struct audit_ruleset *rs,
					 const struct audit_subject *s)
{
	struct audit_run runs[3 + AUDIT_KEY_FIELDS];
	const struct audit_slot *slot = NULL;
	unsigned int nruns = 0, i, best;
	int major = s->sc->major, near = -1;
	struct audit_rule *r;

	if (rs->n_any)
		runs[nruns++] = (struct audit_run){ rs->any_syscall, NULL,
						    rs->n_any };
	if (major >= 0 && major < AUDIT_SYSCALL_SLOTS)
		slot = rs->slots[major];
	if (slot && slot->nplain)
		runs[nruns++] = (struct audit_run){ slot->plain, NULL,
						    slot->nplain };
	/* Watch rules (auditctl -w): none can match far from every watch. */
	if (slot && slot->nwatched && audit_near_watch(rs, s, &near))
		runs[nruns++] = (struct audit_run){ slot->watched, NULL,
						    slot->nwatched };
	for (i = 0; slot && i < AUDIT_KEY_FIELDS; i++) {
		if (!(slot->key_fields & BIT(i)))
			continue;
		audit_keyed_run(slot, audit_subject_key(s, i), &runs[nruns]);
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
		if (r->watch_eq && !audit_near_watch(rs, s, &near))
			continue;
		if (audit_rule_match(r, s))
			return r;
	}
}

struct audit_rule *audit_ruleset_exit(const struct audit_subject *s)
{
	const struct audit_ruleset *rs = rcu_dereference(audit_ruleset);

	return rs ? audit_ruleset_exit_in(rs, s) : NULL;
}
