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
 * Publishing and lifetime.  Snapshots are changed under audit_cmd_mutex
 * and published with RCU; readers hold rcu_read_lock() and take no
 * reference.  Adding or deleting one rule derives the next snapshot from
 * the published one: only the arrays that change are copied (the rule's
 * list, the slots of the syscalls it names), the rest is shared, so that
 * loading N rules costs N small edits, not N builds.  The other changes
 * (directories gone, rules compiled again) build a whole new snapshot.
 * What a replaced snapshot does not share with its successor is freed
 * with it, from a work item after a grace period (nothing older can still
 * be read then: its readers began before this one's).  Snapshots hold no
 * reference on their rules: a rule leaving the lists is put after a grace
 * period too (audit_rule_put_rcu()), and a listing holds its own.
 */
#include <linux/bitops.h>
#include <linux/cred.h>
#include <linux/rcupdate.h>
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

/*
 * An array of a snapshot: its @n elements from @elems on, in @base, an
 * allocation that other snapshots may share; @room elements fit from
 * @elems to the end of @base.  Only the newest snapshot's view of a base
 * ends where what any snapshot uses of it ends (edits that would cut it
 * short copy instead), so the next may append in place: no reader looks
 * past the end of its own view.  Deleting the first element moves @elems
 * on, in place too: loading a rules file appends, auditctl -D deletes
 * from the front, neither copies.
 */
struct audit_array {
	union {
		void			*elems;
		struct audit_rule	**rules;
		struct audit_keyed_rule	*keyed;
	};
	unsigned int		n, room;
	void			*base;
};

struct audit_slot {
	struct audit_array	plain;
	struct audit_array	watched;
	struct audit_array	keyed;
	u32			key_fields;	/* BIT(enum audit_key_field) */
	unsigned int		nkeyed[AUDIT_KEY_FIELDS];	/* by field */
};

/*
 * The slots, 32 syscalls to a chunk, so that a change copies the chunks
 * it touches, not a table of every syscall.
 */
#define AUDIT_SLOT_CHUNK	32
#define AUDIT_SLOT_CHUNKS	(AUDIT_SYSCALL_SLOTS / AUDIT_SLOT_CHUNK)

struct audit_slot_chunk {
	struct audit_slot	*slot[AUDIT_SLOT_CHUNK];
};

/*
 * Immutable once published, but for the fields below "stale", written
 * once when the snapshot is replaced and read only by its retirement.
 * The arrays and slots may be shared with the snapshots before and after.
 */
struct audit_ruleset {
	struct rcu_work		retire;		/* frees what is not shared */
	struct audit_array	list[AUDIT_NR_FILTERS];
	struct audit_array	any_syscall;
	struct audit_slot_chunk	*chunks[AUDIT_SLOT_CHUNKS];
	struct audit_watch_set	*watch_set;	/* NULL: no path rules */
	/* What the successor does not share: all of it, or these. */
	bool			whole;
	unsigned int		nstale;
	void			**stale;	/* bases and slots: kvfree()d */
	struct audit_watch_set	*stale_watches;
};

static struct audit_ruleset __rcu *audit_ruleset;

/* The slot of syscall @nr (in range), or NULL. */
static struct audit_slot *audit_slot_of(const struct audit_ruleset *rs,
					unsigned int nr)
{
	const struct audit_slot_chunk *c = rs->chunks[nr / AUDIT_SLOT_CHUNK];

	return c ? c->slot[nr % AUDIT_SLOT_CHUNK] : NULL;
}

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

static void audit_slot_free(struct audit_slot *slot)
{
	if (!slot)
		return;
	kvfree(slot->plain.base);
	kvfree(slot->watched.base);
	kvfree(slot->keyed.base);
	kvfree(slot);
}

/* Frees @rs and everything it holds; nothing else may share its parts. */
void audit_ruleset_free(struct audit_ruleset *rs)
{
	unsigned int i;

	if (!rs)
		return;
	for (i = 0; i < AUDIT_NR_FILTERS; i++)
		kvfree(rs->list[i].base);
	for (i = 0; i < AUDIT_SYSCALL_SLOTS; i++)
		if (rs->chunks[i / AUDIT_SLOT_CHUNK])
			audit_slot_free(audit_slot_of(rs, i));
	for (i = 0; i < AUDIT_SLOT_CHUNKS; i++)
		kfree(rs->chunks[i]);
	kvfree(rs->any_syscall.base);
	audit_watch_set_free(rs->watch_set);
	kvfree(rs);
}

/* Frees a replaced snapshot with the parts its successor does not share. */
static void audit_ruleset_retire_now(struct audit_ruleset *rs)
{
	unsigned int i;

	if (rs->whole) {
		audit_ruleset_free(rs);
		return;
	}
	for (i = 0; i < rs->nstale; i++)
		kvfree(rs->stale[i]);
	kfree(rs->stale);
	audit_watch_set_free(rs->stale_watches);
	kvfree(rs);
}

/* The readers of a replaced snapshot are done with it. */
static void audit_ruleset_retire(struct work_struct *work)
{
	audit_ruleset_retire_now(container_of(to_rcu_work(work),
					      struct audit_ruleset, retire));
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

/*
 * Appends the element of @size at @elem to @a, an array of a snapshot
 * being built, that no other shares: it grows by doubling.
 */
static int audit_array_push(struct audit_array *a, size_t size,
			    const void *elem)
{
	if (a->n == a->room) {
		unsigned int cap = max(8U, 2 * a->room);
		void *grown = kvmalloc_array(cap, size, GFP_KERNEL);

		if (!grown)
			return -ENOMEM;
		if (a->n)
			memcpy(grown, a->elems, a->n * size);
		kvfree(a->base);
		a->base = grown;
		a->elems = grown;
		a->room = cap;
	}
	memcpy((char *)a->elems + a->n * size, elem, size);
	a->n++;
	return 0;
}

static int audit_slot_add(struct audit_slot *slot, struct audit_rule *r,
			  u64 key)
{
	struct audit_keyed_rule keyed = { .key = key, .rule = r };

	if (!key && r->watch_eq)
		return audit_array_push(&slot->watched, sizeof(r), &r);
	if (!key)
		return audit_array_push(&slot->plain, sizeof(r), &r);
	slot->key_fields |= BIT((key >> 32) - 1);
	slot->nkeyed[(key >> 32) - 1]++;
	return audit_array_push(&slot->keyed, sizeof(keyed), &keyed);
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

/*
 * The syscalls whose slots index exit rule @r, in @mask; false when it is
 * kept with the rules on every syscall instead.
 */
static bool audit_rule_slot_mask(const struct audit_rule *r, u32 *mask)
{
	if (audit_rule_names_every_syscall(r))
		return audit_rule_perm_mask(r, mask);
	memcpy(mask, r->mask, sizeof(r->mask));
	return true;
}

/* Adds @r to the index of every syscall it names. */
static int audit_ruleset_index(struct audit_ruleset *rs, struct audit_rule *r)
{
	u32 mask[AUDIT_BITMASK_SIZE];
	u64 key = audit_rule_key(r);
	unsigned int nr;

	if (!audit_rule_slot_mask(r, mask))
		return audit_array_push(&rs->any_syscall, sizeof(r), &r);
	for (nr = 0; nr < AUDIT_SYSCALL_SLOTS; nr++) {
		struct audit_slot_chunk **c = &rs->chunks[nr / AUDIT_SLOT_CHUNK];
		struct audit_slot **slot;

		if (!(mask[AUDIT_WORD(nr)] & AUDIT_BIT(nr)))
			continue;
		if (!*c) {
			*c = kzalloc(sizeof(**c), GFP_KERNEL);
			if (!*c)
				return -ENOMEM;
		}
		slot = &(*c)->slot[nr % AUDIT_SLOT_CHUNK];
		if (!*slot) {
			*slot = kzalloc(sizeof(**slot), GFP_KERNEL);
			if (!*slot)
				return -ENOMEM;
		}
		if (audit_slot_add(*slot, r, key))
			return -ENOMEM;
	}
	return 0;
}

/* The identities the exit and io_uring lists' path rules watch. */
static struct audit_watch_set *audit_ruleset_watches(struct audit_ruleset *rs)
{
	unsigned int ne = rs->list[AUDIT_FILTER_EXIT].n;
	unsigned int nu = rs->list[AUDIT_FILTER_URING_EXIT].n;
	struct audit_watch_set *set;
	struct audit_rule **all;

	if (!nu)
		return audit_watch_set_build(rs->list[AUDIT_FILTER_EXIT].rules,
					     ne);
	all = kvmalloc_array(ne + nu, sizeof(*all), GFP_KERNEL);
	if (!all)
		return ERR_PTR(-ENOMEM);
	if (ne)
		memcpy(all, rs->list[AUDIT_FILTER_EXIT].rules,
		       ne * sizeof(*all));
	memcpy(all + ne, rs->list[AUDIT_FILTER_URING_EXIT].rules,
	       nu * sizeof(*all));
	set = audit_watch_set_build(all, ne + nu);
	kvfree(all);
	return set;
}

struct audit_ruleset *audit_ruleset_build(struct list_head *lists)
{
	struct audit_ruleset *rs = kvzalloc(sizeof(*rs), GFP_KERNEL);
	struct audit_rule *r;
	unsigned int i;

	if (!rs)
		return NULL;
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		list_for_each_entry(r, &lists[i], list) {
			if (audit_array_push(&rs->list[i], sizeof(r), &r))
				goto fail;
			if (i == AUDIT_FILTER_EXIT && audit_ruleset_index(rs, r))
				goto fail;
		}
	}
	for (i = 0; i < AUDIT_SYSCALL_SLOTS; i++) {
		struct audit_slot *slot = rs->chunks[i / AUDIT_SLOT_CHUNK] ?
					  audit_slot_of(rs, i) : NULL;

		if (slot)
			sort(slot->keyed.keyed, slot->keyed.n,
			     sizeof(struct audit_keyed_rule), audit_keyed_cmp,
			     NULL);
	}
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

/* ---- one rule added or deleted: the next snapshot from the last ---- */

/*
 * A change being made: @rs starts as a copy of the published snapshot;
 * each base or slot it replaces with a new one (fresh, freed if the
 * change fails) is the old snapshot's alone from then on (stale, freed
 * with it).  Appending into room, or dropping the first element, shares
 * the base.
 */
struct audit_change {
	struct audit_ruleset	*rs;
	u64			chunks_copied;	/* BIT(chunk) */
	unsigned int		nfresh, nstale, cap;
	void			**fresh;
	void			**stale;
	struct audit_watch_set	*fresh_watches, *stale_watches;
};

/* @fresh takes @stale's place; either may be NULL. */
static void audit_change_swap(struct audit_change *ch, void *stale, void *fresh)
{
	/* audit_ruleset_derive() sized both for every edit the rule makes. */
	if (stale && !WARN_ON_ONCE(ch->nstale >= ch->cap))
		ch->stale[ch->nstale++] = stale;
	if (fresh && !WARN_ON_ONCE(ch->nfresh >= ch->cap))
		ch->fresh[ch->nfresh++] = fresh;
}

/* Where a rule of @order goes among @n rules in rule order. */
static unsigned int audit_rules_pos(struct audit_rule *const *rules,
				    unsigned int n, s64 order)
{
	unsigned int lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rules[mid]->order < order)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Where (@key, @order) goes among @n keyed rules, sorted as by the build. */
static unsigned int audit_keyed_pos(const struct audit_keyed_rule *keyed,
				    unsigned int n, u64 key, s64 order)
{
	unsigned int lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (keyed[mid].key < key ||
		    (keyed[mid].key == key && keyed[mid].rule->order < order))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * @a, an array of the snapshot being made, with the element of @size at
 * @elem put in at @pos (@add) or element @pos left out.  Appending where
 * there is room and leaving out the first are done in place; anything
 * else copies into a new base with room for as many again.
 */
static int audit_array_edit(struct audit_change *ch, struct audit_array *a,
			    size_t size, unsigned int pos, bool add,
			    const void *elem)
{
	unsigned int m = add ? a->n + 1 : a->n - 1;
	char *from = a->elems, *base;
	unsigned int cap;

	if (add && pos == a->n && a->n < a->room) {
		memcpy(from + pos * size, elem, size);
		a->n++;
		return 0;
	}
	if (!m) {
		audit_change_swap(ch, a->base, NULL);
		*a = (struct audit_array){};
		return 0;
	}
	if (!add && pos == 0) {
		a->elems = from + size;
		a->n--;
		a->room--;
		return 0;
	}
	cap = max(8U, 2 * m);
	base = kvmalloc_array(cap, size, GFP_KERNEL);
	if (!base)
		return -ENOMEM;
	memcpy(base, from, pos * size);
	if (add) {
		memcpy(base + pos * size, elem, size);
		memcpy(base + (pos + 1) * size, from + pos * size,
		       (a->n - pos) * size);
	} else {
		memcpy(base + pos * size, from + (pos + 1) * size,
		       (a->n - pos - 1) * size);
	}
	audit_change_swap(ch, a->base, base);
	a->base = base;
	a->elems = base;
	a->n = m;
	a->room = cap;
	return 0;
}

/* @r into, or out of, @a, an array of rules in rule order. */
static int audit_change_rules(struct audit_change *ch, struct audit_array *a,
			      struct audit_rule *r, bool add)
{
	unsigned int pos = audit_rules_pos(a->rules, a->n, r->order);

	if (!add && WARN_ON_ONCE(pos >= a->n || a->rules[pos] != r))
		return -ENOENT;
	return audit_array_edit(ch, a, sizeof(r), pos, add, &r);
}

static int audit_change_keyed(struct audit_change *ch, struct audit_slot *slot,
			      struct audit_rule *r, u64 key, bool add)
{
	struct audit_keyed_rule keyed = { .key = key, .rule = r };
	struct audit_array *a = &slot->keyed;
	unsigned int pos = audit_keyed_pos(a->keyed, a->n, key, r->order);
	unsigned int field = (key >> 32) - 1;
	int err;

	if (!add && WARN_ON_ONCE(pos >= a->n || a->keyed[pos].rule != r))
		return -ENOENT;
	err = audit_array_edit(ch, a, sizeof(keyed), pos, add, &keyed);
	if (err)
		return err;
	if (add)
		slot->nkeyed[field]++;
	else
		slot->nkeyed[field]--;
	if (slot->nkeyed[field])
		slot->key_fields |= BIT(field);
	else
		slot->key_fields &= ~BIT(field);
	return 0;
}

/* The chunk of syscall @nr in the snapshot being made, its own copy. */
static struct audit_slot_chunk *audit_change_chunk(struct audit_change *ch,
						   unsigned int nr)
{
	unsigned int i = nr / AUDIT_SLOT_CHUNK;
	struct audit_slot_chunk *old = ch->rs->chunks[i], *c;

	BUILD_BUG_ON(AUDIT_SLOT_CHUNKS > 64);
	if (ch->chunks_copied & BIT_ULL(i))
		return old;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NULL;
	if (old)
		*c = *old;
	audit_change_swap(ch, old, c);
	ch->rs->chunks[i] = c;
	ch->chunks_copied |= BIT_ULL(i);
	return c;
}

/* @r into, or out of, the slot of syscall @nr: a new slot either way. */
static int audit_change_slot(struct audit_change *ch, unsigned int nr,
			     struct audit_rule *r, u64 key, bool add)
{
	struct audit_slot_chunk *c = audit_change_chunk(ch, nr);
	struct audit_slot *old, *slot;
	int err;

	if (!c)
		return -ENOMEM;
	old = c->slot[nr % AUDIT_SLOT_CHUNK];
	if (!add && WARN_ON_ONCE(!old))
		return -ENOENT;
	slot = kzalloc(sizeof(*slot), GFP_KERNEL);
	if (!slot)
		return -ENOMEM;
	if (old)
		*slot = *old;
	audit_change_swap(ch, old, slot);
	c->slot[nr % AUDIT_SLOT_CHUNK] = slot;
	if (key)
		err = audit_change_keyed(ch, slot, r, key, add);
	else if (r->watch_eq)
		err = audit_change_rules(ch, &slot->watched, r, add);
	else
		err = audit_change_rules(ch, &slot->plain, r, add);
	if (err || slot->plain.n || slot->watched.n || slot->keyed.n)
		return err;
	/*
	 * Its last rule went: no slot, so that the syscall costs nothing.
	 * The emptied array left no fresh base; the slot is the last fresh.
	 */
	c->slot[nr % AUDIT_SLOT_CHUNK] = NULL;
	if (!WARN_ON_ONCE(ch->fresh[ch->nfresh - 1] != slot))
		ch->nfresh--;
	kfree(slot);
	return 0;
}

/* Frees what the failed change @ch allocated; the old snapshot is intact. */
static void audit_change_abort(struct audit_change *ch)
{
	unsigned int i;

	for (i = 0; i < ch->nfresh; i++)
		kvfree(ch->fresh[i]);
	audit_watch_set_free(ch->fresh_watches);
	kfree(ch->fresh);
	kfree(ch->stale);
	kvfree(ch->rs);
}

/*
 * The snapshot @old (NULL: empty) with @r added (@add) or deleted; @r's
 * order key places it.  On success @old is left as it was for its
 * readers, its parts the result does not share recorded for its
 * retirement; on failure nothing changed.
 */
static struct audit_ruleset *audit_ruleset_derive(struct audit_ruleset *old,
						  struct audit_rule *r,
						  bool add)
{
	struct audit_change ch = {};
	u32 mask[AUDIT_BITMASK_SIZE];
	u64 key = audit_rule_key(r);
	bool slotted = false;
	unsigned int w, edits = 1;
	int err = -ENOMEM;
	u32 bits;

	/*
	 * One base per list edit; a slot and its base per syscall, and the
	 * chunks of those slots (32 syscalls to a word of the mask).
	 */
	if (r->listnr == AUDIT_FILTER_EXIT) {
		slotted = audit_rule_slot_mask(r, mask);
		for (w = 0; slotted && w < AUDIT_BITMASK_SIZE; w++)
			edits += 2 * hweight32(mask[w]) + !!mask[w];
		edits += !slotted;
	}
	ch.rs = kvmalloc(sizeof(*ch.rs), GFP_KERNEL);
	ch.fresh = kmalloc_array(edits, sizeof(void *), GFP_KERNEL);
	ch.stale = kmalloc_array(edits, sizeof(void *), GFP_KERNEL);
	ch.cap = edits;
	if (!ch.rs || !ch.fresh || !ch.stale)
		goto fail;
	if (old)
		memcpy(ch.rs, old, sizeof(*ch.rs));
	else
		memset(ch.rs, 0, sizeof(*ch.rs));
	ch.rs->whole = false;
	ch.rs->nstale = 0;
	ch.rs->stale = NULL;
	ch.rs->stale_watches = NULL;

	err = audit_change_rules(&ch, &ch.rs->list[r->listnr], r, add);
	if (err)
		goto fail;
	if (r->listnr == AUDIT_FILTER_EXIT && !slotted)
		err = audit_change_rules(&ch, &ch.rs->any_syscall, r, add);
	for (w = 0; slotted && !err && w < AUDIT_BITMASK_SIZE; w++) {
		for (bits = mask[w]; bits && !err; bits &= bits - 1)
			err = audit_change_slot(&ch, w * 32 + __ffs(bits), r,
						key, add);
	}
	if (err)
		goto fail;
	if (r->watch && (r->listnr == AUDIT_FILTER_EXIT ||
			 r->listnr == AUDIT_FILTER_URING_EXIT)) {
		ch.fresh_watches = audit_ruleset_watches(ch.rs);
		if (IS_ERR(ch.fresh_watches)) {
			ch.fresh_watches = NULL;
			err = -ENOMEM;
			goto fail;
		}
		ch.stale_watches = ch.rs->watch_set;
		ch.rs->watch_set = ch.fresh_watches;
	}

	if (old) {
		old->nstale = ch.nstale;
		old->stale = ch.stale;
		old->stale_watches = ch.stale_watches;
	} else {
		kfree(ch.stale);
	}
	kfree(ch.fresh);
	return ch.rs;

fail:
	audit_change_abort(&ch);
	return ERR_PTR(err);
}

/* Makes @rs the published snapshot; the one it replaces retires. */
static void audit_ruleset_install(struct audit_ruleset *rs)
{
	struct audit_ruleset *old;

	old = rcu_replace_pointer(audit_ruleset, rs,
				  lockdep_is_held(&audit_cmd_mutex));
	if (rs->list[AUDIT_FILTER_EXIT].n || rs->list[AUDIT_FILTER_URING_EXIT].n)
		static_branch_enable(&audit_exit_rules_key);
	else
		static_branch_disable(&audit_exit_rules_key);
	if (old) {
		INIT_RCU_WORK(&old->retire, audit_ruleset_retire);
		queue_rcu_work(system_wq, &old->retire);
	}
}

int audit_ruleset_publish(struct list_head *lists)
{
	struct audit_ruleset *rs, *old;

	lockdep_assert_held(&audit_cmd_mutex);
	rs = audit_ruleset_build(lists);
	if (!rs)
		return -ENOMEM;
	old = rcu_dereference_protected(audit_ruleset,
					lockdep_is_held(&audit_cmd_mutex));
	if (old)
		old->whole = true;
	audit_ruleset_install(rs);
	return 0;
}

int audit_ruleset_change(struct audit_rule *r, bool add)
{
	struct audit_ruleset *rs, *old;

	old = rcu_dereference_protected(audit_ruleset,
					lockdep_is_held(&audit_cmd_mutex));
	rs = audit_ruleset_derive(old, r, add);
	if (IS_ERR(rs))
		return PTR_ERR(rs);
	audit_ruleset_install(rs);
	return 0;
}

struct audit_ruleset *audit_ruleset_changed(struct audit_ruleset *rs,
					    struct audit_rule *r, bool add)
{
	struct audit_ruleset *next = audit_ruleset_derive(rs, r, add);

	if (!IS_ERR(next) && rs)
		audit_ruleset_retire_now(rs);
	return next;
}

/* ---- readers ---- */

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

	for (i = 0; rs && i < rs->list[listnr].n; i++)
		if (audit_rule_match(rs->list[listnr].rules[i], s))
			return rs->list[listnr].rules[i];
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

	for (i = 0; rs && i < rs->list[AUDIT_FILTER_URING_EXIT].n; i++) {
		struct audit_rule *r = rs->list[AUDIT_FILTER_URING_EXIT].rules[i];

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
		for (i = 0; i < rs->list[l].n; i++)
			if (rs->list[l].rules[i]->watch ||
			    rs->list[l].rules[i]->exe)
				audit_watch_log_going(rs->list[l].rules[i], d, auid,
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
	any = rs && (rs->any_syscall.n ||
		     (major >= 0 && major < AUDIT_SYSCALL_SLOTS &&
		      audit_slot_of(rs, major)));
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
	const struct audit_keyed_rule *keyed = slot->keyed.keyed;
	unsigned int lo = 0, hi = slot->keyed.n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (keyed[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	run->keyed = keyed + lo;
	run->rules = NULL;
	run->n = 0;
	while (lo + run->n < slot->keyed.n && keyed[lo + run->n].key == key)
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

	if (rs->any_syscall.n)
		runs[nruns++] = (struct audit_run){ rs->any_syscall.rules, NULL,
						    rs->any_syscall.n };
	if (major >= 0 && major < AUDIT_SYSCALL_SLOTS)
		slot = audit_slot_of(rs, major);
	if (slot && slot->plain.n)
		runs[nruns++] = (struct audit_run){ slot->plain.rules, NULL,
						    slot->plain.n };
	/* Watch rules (auditctl -w): none can match far from every watch. */
	if (slot && slot->watched.n && audit_near_watch(rs, s, &near))
		runs[nruns++] = (struct audit_run){ slot->watched.rules, NULL,
						    slot->watched.n };
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
