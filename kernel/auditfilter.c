// SPDX-License-Identifier: GPL-2.0
/*
 * Filter rules: parsing and validating struct audit_rule_data (what each
 * field accepts is kernel/audit_fields.c's table), the administrator's
 * lists, AUDIT_ADD_RULE / AUDIT_DEL_RULE / AUDIT_LIST_RULES, and the
 * questions the rest of the core asks of the user, exclude and
 * filesystem lists.
 *
 * Rules are kept twice.  The master lists (audit_rule_lists) are changed
 * only under audit_cmd_mutex, by the netlink handlers, by the work that
 * removes the rules of a directory that went away (kernel/audit_dir.c)
 * and by the LSM's policy loads.  After each change the snapshot that
 * matching reads is published (kernel/audit_ruleset.c): edited for one
 * rule added or deleted, built again from the lists otherwise.  A rule
 * is freed when its last reference goes: the master list's, dropped a
 * grace period after it left (snapshots hold none), and a listing's.
 *
 * Each rule keeps the exact audit_rule_data it was added with: listing
 * returns it unchanged (auditctl -l prints what was typed) and duplicates
 * and deletions are found by comparing it, in a hash table of the rules
 * in the lists by that data (audit_rule_hash, under audit_cmd_mutex).
 */
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
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

/* The rules of the master lists by audit_rule_hash_of(); audit_cmd_mutex. */
static DEFINE_HASHTABLE(audit_rule_hash, 11);

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

static void audit_rule_put_work(struct work_struct *work)
{
	audit_rule_put(container_of(to_rcu_work(work), struct audit_rule,
				    put_work));
}

/* Not from a listing's reference: the work item is the rule's own. */
void audit_rule_put_rcu(struct audit_rule *r)
{
	INIT_RCU_WORK(&r->put_work, audit_rule_put_work);
	queue_rcu_work(system_wq, &r->put_work);
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
				   u8 kind, u32 len, const char **buf,
				   size_t *left)
{
	size_t max = kind == AUDIT_KIND_KEY ? AUDIT_MAX_KEY_LEN : PATH_MAX;
	char *s = audit_take_string(buf, left, len, max);
	int err;

	if (IS_ERR(s))
		return PTR_ERR(s);
	switch (kind) {
	case AUDIT_KIND_KEY:
		return audit_rule_add_key(r, s);
	case AUDIT_KIND_WATCH:
	case AUDIT_KIND_EXE:
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
static int audit_field_read_value(struct audit_field *f, u8 kind)
{
	/* auid=unset is the old way of asking for loginuid_set. */
	if (f->type == AUDIT_LOGINUID && f->val == AUDIT_UID_UNSET) {
		f->type = AUDIT_LOGINUID_SET;
		f->val = 0;
		return 0;
	}
	switch (kind) {
	case AUDIT_KIND_UID:
		f->uid = make_kuid(current_user_ns(), f->val);
		return uid_valid(f->uid) ? 0 : -EINVAL;
	case AUDIT_KIND_GID:
		f->gid = make_kgid(current_user_ns(), f->val);
		return gid_valid(f->gid) ? 0 : -EINVAL;
	}
	return 0;
}

static bool audit_kind_is_string(u8 kind)
{
	return kind == AUDIT_KIND_KEY || kind == AUDIT_KIND_WATCH ||
	       kind == AUDIT_KIND_EXE || kind == AUDIT_KIND_LSM;
}

/*
 * Builds a rule from what userspace sent, its watched directory not yet
 * looked up.  Nothing is shared with the request; on error nothing is
 * left allocated.
 */
static struct audit_rule *audit_rule_parse(const void *data, size_t len)
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
	case AUDIT_FILTER_FS: case AUDIT_FILTER_URING_EXIT:
		break;
	default:	/* entry (obsolete), unknown */
		goto fail;
	}
	if (r->action != AUDIT_NEVER && r->action != AUDIT_ALWAYS)
		goto fail;
	memcpy(r->mask, d->mask, sizeof(r->mask));

	buf = d->buf;
	left = d->buflen;
	for (i = 0; i < d->field_count; i++) {
		struct audit_field *f = &r->fields[r->nfields++];
		const struct audit_field_desc *desc;
		u32 val = d->values[i];
		bool string;

		f->type = d->fields[i];
		f->op = audit_op_from_wire(d->fieldflags[i]);
		desc = audit_field_desc(f->type);
		/*
		 * A string field's value is its length; its union holds
		 * pointers that audit_rule_free() releases, so they start NULL.
		 */
		string = desc && audit_kind_is_string(desc->kind);
		if (string) {
			f->lsm_str = NULL;
			f->lsm_rule = NULL;
		} else {
			f->val = val;
		}
		err = audit_field_validate(r->listnr, f, val);
		if (!err)
			err = string ? audit_field_read_string(r, f, desc->kind,
							       val, &buf, &left) :
				       audit_field_read_value(f, desc->kind);
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

struct audit_rule *audit_rule_from_data(const void *data, size_t len)
{
	struct audit_rule *r = audit_rule_parse(data, len);
	int err;

	if (IS_ERR(r))
		return r;
	err = audit_watch_resolve(r);
	if (err) {
		audit_rule_put(r);
		return ERR_PTR(err);
	}
	return r;
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

/*
 * The hash of a rule as sent (@d, its length checked): of the parts
 * audit_rule_same() compares, those in use (the fields up to
 * field_count and the strings), which rules equal byte for byte share:
 * a quarter of the bytes of a two-field rule, hashed on every add and
 * delete.
 */
static u32 audit_rule_hash_of(const struct audit_rule_data *d)
{
	u32 n = min_t(u32, d->field_count, AUDIT_MAX_FIELDS);
	u32 h = d->flags & ~AUDIT_FILTER_PREPEND;

	h = jhash_2words(d->action, d->field_count, h);
	h = jhash2(d->mask, AUDIT_BITMASK_SIZE, h);
	h = jhash2(d->fields, n, h);
	h = jhash2(d->values, n, h);
	h = jhash2(d->fieldflags, n, h);
	return jhash(d->buf, d->buflen, h ^ d->buflen);
}

static void audit_rule_hash_add(struct audit_rule *r)
{
	r->hash_val = audit_rule_hash_of(r->orig);
	hash_add(audit_rule_hash, &r->hash, r->hash_val);
}

static struct audit_rule *audit_rule_find(const void *data, size_t len,
					  u32 listnr)
{
	const struct audit_rule_data *d = data;
	struct audit_rule *r;
	u32 h;

	if (len < sizeof(*d) || d->buflen > len - sizeof(*d))
		return NULL;
	h = audit_rule_hash_of(d);
	hash_for_each_possible(audit_rule_hash, r, hash, h)
		if (r->hash_val == h && r->listnr == listnr &&
		    audit_rule_same(r, data, len))
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

	/*
	 * A prepended rule is never a duplicate: the administrator asks for
	 * it to come first, in front of an equal one already there (the
	 * stock kernel compares the prepend flag, which a rule in the list
	 * no longer has).  An appended one that equals any rule is refused.
	 */
	if (!prepend && audit_rule_find(r->orig, r->orig_len, r->listnr))
		return -EEXIST;
	if (audit_rule_count >= AUDIT_MAX_RULES)
		return -ENOSPC;

	r->order = prepend ? audit_rule_next_head-- : audit_rule_next_tail++;
	err = audit_ruleset_change(r, true);
	if (err)
		return err;
	if (prepend)
		list_add(&r->list, &audit_rule_lists[r->listnr]);
	else
		list_add_tail(&r->list, &audit_rule_lists[r->listnr]);
	audit_rule_hash_add(r);
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
		/*
		 * A malformed rule is refused unlogged; one that is well
		 * formed but cannot be put in place (a watched directory
		 * that is missing, a duplicate, too many rules) is a
		 * refused change, logged with res=0 as by the stock kernel.
		 */
		r = audit_rule_parse(data, len);
		if (IS_ERR(r))
			return PTR_ERR(r);
		err = audit_watch_resolve(r);
		if (!err)
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
	err = audit_ruleset_change(found, false);
	audit_log_rule_change("remove_rule", found, !err);
	if (err)
		return err;
	list_del_init(&found->list);
	hash_del(&found->hash);
	audit_rule_count--;
	audit_rule_put_rcu(found);
	return 0;
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
	err = audit_ruleset_publish(audit_rule_lists);
	list_for_each_entry_safe(r, next, &gone, list) {
		list_del_init(&r->list);
		if (err) {
			audit_rule_relink(r, &audit_rule_lists[r->listnr]);
			continue;
		}
		audit_watch_log_removed(r);
		hash_del(&r->hash);
		audit_rule_count--;
		audit_rule_put_rcu(r);
	}
	return err;
}

/*
 * Rules compiled again, from what the administrator sent, into new rules
 * that replace the old ones in place (same order, same -A); readers still
 * on the old snapshot keep the old rules until they are done.  @which
 * picks the rules; @keep, if given, may adjust a new rule from its old
 * one and say whether it is worth the swap; both are passed @arg.  A rule that cannot be
 * compiled now (no memory, its directory going) is kept as it was.
 * Under audit_cmd_mutex.
 */
static int audit_rules_rebuild(bool (*which)(const struct audit_rule *r,
					     void *arg),
			       bool (*keep)(struct audit_rule *fresh,
					    const struct audit_rule *old,
					    void *arg),
			       void *arg)
{
	struct audit_rule *r, *next, *fresh;
	bool changed = false;
	int err = 0, publish_err;
	unsigned int i;

	lockdep_assert_held(&audit_cmd_mutex);
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		list_for_each_entry_safe(r, next, &audit_rule_lists[i], list) {
			if (!which(r, arg))
				continue;
			fresh = audit_rule_from_data(r->orig, r->orig_len);
			if (IS_ERR(fresh)) {
				err = PTR_ERR(fresh);
				continue;
			}
			if (keep && !keep(fresh, r, arg)) {
				audit_rule_put(fresh);
				continue;
			}
			fresh->order = r->order;
			fresh->prepend = r->prepend;
			fresh->replaced = r;
			list_replace(&r->list, &fresh->list);
			changed = true;
		}
	}
	if (!changed)
		return err;
	publish_err = audit_ruleset_publish(audit_rule_lists);
	/*
	 * Published: the old rules go once their readers are done.  Not:
	 * the published snapshot still has them, so back they go.
	 */
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		list_for_each_entry(r, &audit_rule_lists[i], list) {
			if (!r->replaced)
				continue;
			fresh = r;
			r = fresh->replaced;
			fresh->replaced = NULL;
			if (publish_err) {
				list_replace(&fresh->list, &r->list);
				audit_rule_put(fresh);
				continue;
			}
			hash_del(&r->hash);
			audit_rule_hash_add(fresh);
			audit_rule_put_rcu(r);
			r = fresh;
		}
	}
	return publish_err ?: err;
}

/*
 * AUDIT_TRIM: every directory rule resolved again, keeping of the mounts
 * it took in those still below its directory (audit_watch_trim()).
 */
static bool audit_rule_is_dir(const struct audit_rule *r, void *unused)
{
	return audit_watch_is_dir(r);
}

int audit_rules_trim(void)
{
	return audit_rules_rebuild(audit_rule_is_dir, audit_watch_trim, NULL);
}

/*
 * AUDIT_MAKE_EQUIV: the directory rules holding @old, compiled again,
 * take in @new and the filesystems mounted below it.
 */
int audit_rules_make_equiv(const char *old, const char *new)
{
	struct audit_equiv *e;
	int err;

	e = audit_equiv_prepare(old, new);
	if (IS_ERR(e))
		return PTR_ERR(e);
	err = audit_rules_rebuild(audit_watch_covers, audit_watch_equiv, e);
	err = err ?: audit_equiv_err(e);
	audit_equiv_free(e);
	return err;
}

static bool audit_rule_has_lsm_field(const struct audit_rule *r, void *unused)
{
	unsigned int f;

	for (f = 0; f < r->nfields; f++)
		if (audit_field_is_lsm(r->fields[f].type))
			return true;
	return false;
}

/*
 * The LSM loaded a new policy: rules naming security contexts are
 * compiled again; one that cannot be may match nothing now.
 */
int audit_update_lsm_rules(void)
{
	int err;

	audit_cmd_lock();
	err = audit_rules_rebuild(audit_rule_has_lsm_field, NULL, NULL);
	audit_cmd_unlock();
	return err;
}

/* ---- AUDIT_LIST_RULES, as a netlink dump ---- */

/*
 * What a listing sends: the rules of every list, in list and rule order,
 * as they were when it began, each referenced until it is done.
 */
struct audit_listing {
	unsigned int		n, next;
	struct audit_rule	*rules[];
};

/* cb->args[0]: the listing.  Called by netlink_dump_start(), under the lock. */
static int audit_list_start(struct netlink_callback *cb)
{
	struct audit_listing *l;
	struct audit_rule *r;
	unsigned int i, n = 0;

	lockdep_assert_held(&audit_cmd_mutex);
	/* Sized by the lists themselves: they are what is walked below. */
	for (i = 0; i < AUDIT_NR_FILTERS; i++)
		n += list_count_nodes(&audit_rule_lists[i]);
	l = kvmalloc(struct_size(l, rules, n), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->n = 0;
	l->next = 0;
	for (i = 0; i < AUDIT_NR_FILTERS; i++) {
		list_for_each_entry(r, &audit_rule_lists[i], list) {
			refcount_inc(&r->ref);
			l->rules[l->n++] = r;
		}
	}
	cb->args[0] = (long)l;
	return 0;
}

/*
 * One rule per datagram: libaudit reads a single message per recv(), so
 * a second message in the same datagram would be lost to it.
 */
static int audit_list_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct audit_listing *l = (struct audit_listing *)cb->args[0];
	struct audit_rule *r;
	struct nlmsghdr *nlh;

	if (l->next == l->n)
		return 0;	/* done: netlink sends NLMSG_DONE */
	r = l->rules[l->next];
	nlh = nlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			AUDIT_LIST_RULES, r->orig_len, NLM_F_MULTI);
	if (!nlh)
		return -EMSGSIZE;
	memcpy(nlmsg_data(nlh), r->orig, r->orig_len);
	l->next++;
	return skb->len;
}

static int audit_list_done(struct netlink_callback *cb)
{
	struct audit_listing *l = (struct audit_listing *)cb->args[0];
	unsigned int i;

	if (!l)
		return 0;
	for (i = 0; i < l->n; i++)
		audit_rule_put(l->rules[i]);
	kvfree(l);
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
	size_t max_len = 0;
	struct audit_rule *r;
	unsigned int i;

	lockdep_assert_held(&audit_cmd_mutex);
	for (i = 0; i < AUDIT_NR_FILTERS; i++)
		list_for_each_entry(r, &audit_rule_lists[i], list)
			max_len = max(max_len, r->orig_len);
	c.min_dump_alloc = NLMSG_SPACE(max_len);
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
	struct audit_subject subj;
	struct audit_rule *r;
	bool log;

	rcu_read_lock();
	audit_subject_init(&subj, current, NULL, msgtype);
	r = audit_ruleset_first(listnr, &subj);
	log = !r || (listnr != AUDIT_FILTER_EXCLUDE &&
		     r->action == AUDIT_ALWAYS);
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
	struct audit_subject subj;
	struct audit_rule *r;
	bool excluded;

	rcu_read_lock();
	audit_subject_init(&subj, current, NULL, 0);
	subj.fs_magic = magic;
	r = audit_ruleset_first(AUDIT_FILTER_FS, &subj);
	excluded = r && r->action == AUDIT_NEVER;
	rcu_read_unlock();
	return excluded;
}
