// SPDX-License-Identifier: GPL-2.0
/*
 * The names and inodes an audited syscall touches: the VFS hooks
 * (audit_getname, audit_inode, audit_inode_child, audit_file), the rule
 * fields that look at them, and the PATH records.
 *
 * What a record or a rule needs of a name is captured when the VFS
 * reports it, in a few words: the inode's identity, mode, owner, device
 * and LSM label, a regular file's capabilities, the directory holding
 * it, and, near a watch, its last component and the watched directories
 * above it.  So a PATH record says what the syscall found (a chmod shows
 * the mode before the change), and between the report and the syscall's
 * exit the context holds nothing of the filesystem: the syscall may block
 * for ever, audit may be switched off before it returns, the filesystem
 * may be unmounted meanwhile, and nothing is pinned, nor put after its
 * superblock went.  Only the struct filename is referenced, for the text,
 * and the working directory of the first name, for the CWD record (as the
 * stock kernel does: a chdir's event shows where it was called from); the
 * task's fs_struct holds that one already, unless the syscall itself moves
 * the task elsewhere, and every way a syscall's event ends puts it.
 *
 * The names belong to the task's audit context, which only the task
 * itself touches, so they need no lock.
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/mnt_idmapping.h>
#include <linux/path.h>
#include <linux/rcupdate.h>
#include <linux/security.h>
#include <linux/slab.h>

#include "audit.h"
#include "audit_aux.h"
#include "audit_names.h"

/* ---- capture ---- */

/* A new, empty name at the end; NULL (and counted) when there is no room. */
static struct audit_name *audit_name_add(struct audit_names *ns)
{
	struct audit_name *n;

	if (ns->n >= AUDIT_NAMES_MAX)
		goto dropped;
	if (ns->n == AUDIT_NAMES_INLINE && !ns->more) {
		ns->more = kcalloc(AUDIT_NAMES_MAX - AUDIT_NAMES_INLINE,
				   sizeof(*ns->more), GFP_NOFS | __GFP_NOWARN);
		if (!ns->more)
			goto dropped;
	}
	n = audit_names_at(ns, ns->n++);
	memset(n, 0, sizeof(*n));
	return n;

dropped:
	/* Its PATH record is missing: counted in lost if the event is logged. */
	ns->dropped++;
	return NULL;
}

void audit_names_release(struct audit_names *ns)
{
	unsigned int i;

	for (i = 0; i < ns->n; i++) {
		struct audit_name *n = audit_names_at(ns, i);

		if (n->fname)
			putname(n->fname);
		kfree(n->near);
	}
	kfree(ns->more);
	ns->more = NULL;
	ns->n = 0;
	ns->dropped = 0;
	if (ns->pwd.dentry) {
		path_put(&ns->pwd);
		ns->pwd.dentry = NULL;
		ns->pwd.mnt = NULL;
	}
}

static void audit_inode_snap_take(struct audit_inode_snap *s,
				  const struct dentry *dentry,
				  struct inode *inode, bool noeval)
{
	audit_inode_id_set(&s->id, inode);
	s->mode = inode->i_mode;
	s->uid = inode->i_uid;
	s->gid = inode->i_gid;
	s->rdev = inode->i_rdev;
	security_inode_getsecid(inode, &s->secid);
	memset(&s->caps, 0, sizeof(s->caps));
	/* S_NOSEC: the VFS knows there is no security.capability to read. */
	if (!noeval && S_ISREG(inode->i_mode) && !IS_NOSEC(inode))
		audit_read_fcaps(&nop_mnt_idmap, dentry, &s->caps);
}

/*
 * When the ruleset watches paths: the watched identities among @dentry's
 * inode and its ancestors, and its last component; NULL when there are
 * none (or no memory: then only the name's own inode and directory are
 * compared with the watches).
 */
static struct audit_name_near *audit_name_near_take(const struct dentry *dentry)
{
	struct audit_inode_id ids[AUDIT_NEAR_IDS];
	const struct audit_watch_set *set;
	struct audit_name_near *near;
	struct name_snapshot last;
	unsigned int nids = 0;

	rcu_read_lock();
	set = audit_ruleset_watch_set();
	if (set)
		nids = audit_watch_set_collect(set, dentry, ids, AUDIT_NEAR_IDS);
	rcu_read_unlock();
	if (!nids)
		return NULL;

	take_dentry_name_snapshot(&last, (struct dentry *)dentry);
	near = kmalloc(struct_size(near, last, last.name.len + 1),
		       GFP_NOFS | __GFP_NOWARN);
	if (near) {
		near->nids = nids;
		memcpy(near->ids, ids, nids * sizeof(ids[0]));
		memcpy(near->last, last.name.name, last.name.len);
		near->last[last.name.len] = '\0';
	}
	release_dentry_name_snapshot(&last);
	return near;
}

/*
 * Fills @n from the dentry the VFS reports (the caller holds it) and the
 * directory @parent holding it (NULL: its dentry parent).  A name
 * reported again (a child before and after it exists) is refreshed.
 */
static void audit_name_capture(struct audit_names *ns, struct audit_name *n,
			       const struct dentry *dentry,
			       const struct inode *parent, u8 type,
			       bool noeval)
{
	struct inode *inode = d_backing_inode(dentry);
	const struct dentry *dparent;

	n->dentry = dentry;
	n->hash_len = READ_ONCE(dentry->d_name.hash_len);
	n->type = type;
	n->resolved = true;
	n->noeval = noeval;
	n->have_inode = !!inode;
	if (inode)
		audit_inode_snap_take(&n->inode, dentry, inode, noeval);

	n->have_parent = false;
	if (parent) {
		audit_inode_id_set(&n->parent, parent);
		n->have_parent = true;
	} else {
		rcu_read_lock();
		dparent = READ_ONCE(dentry->d_parent);
		if (dparent != dentry && d_backing_inode(dparent)) {
			audit_inode_id_set(&n->parent, d_backing_inode(dparent));
			n->have_parent = true;
		}
		rcu_read_unlock();
	}

	kfree(n->near);
	n->near = ns->watch_walk ? audit_name_near_take(dentry) : NULL;
}

void __audit_getname(struct filename *name)
{
	struct audit_names *ns = audit_names_current();
	struct audit_name *n;

	if (!ns)
		return;
	n = audit_name_add(ns);
	if (!n)
		return;
	atomic_inc(&name->refcnt);
	n->fname = name;
	n->type = AUDIT_TYPE_UNKNOWN;
	if (!ns->pwd.dentry && !ns->light && current->fs)
		get_fs_pwd(current->fs, &ns->pwd);
}

void audit_names_adopt(struct audit_names *ns)
{
	ns->light = false;
	if (ns->n && !ns->pwd.dentry && current->fs)
		get_fs_pwd(current->fs, &ns->pwd);
}

void __audit_inode(struct filename *name, const struct dentry *dentry,
		   unsigned int flags)
{
	struct audit_names *ns = audit_names_current();
	struct audit_name *n = NULL;
	int i;

	if (!ns || audit_filter_fs(dentry->d_sb->s_magic))
		return;
	/* The name this lookup started from, most recent first. */
	for (i = ns->n - 1; name && i >= 0; i--) {
		struct audit_name *c = audit_names_at(ns, i);

		if (c->fname == name && !c->resolved) {
			n = c;
			break;
		}
	}
	if (!n) {
		n = audit_name_add(ns);
		if (!n)
			return;
		if (name) {
			atomic_inc(&name->refcnt);
			n->fname = name;
		}
	}
	audit_name_capture(ns, n, dentry, NULL, flags & AUDIT_INODE_PARENT ?
			   AUDIT_TYPE_PARENT : AUDIT_TYPE_NORMAL,
			   flags & AUDIT_INODE_NOEVAL);
	n->hidden = flags & AUDIT_INODE_HIDDEN;
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

/*
 * Is @n the same child: the same type, and the same dentry or the same
 * name in the same directory (a rename's target, reported under its new
 * name by the dentry that moved there)?  The name is compared by its
 * hash and length, which the dcache salts with the directory.
 */
static bool audit_same_child(const struct audit_name *n,
			     const struct audit_inode_id *parent,
			     const struct dentry *dentry, unsigned char type)
{
	if (n->type != type || !n->resolved)
		return false;
	if (n->dentry == dentry)
		return true;
	return n->have_parent && audit_inode_id_eq(&n->parent, parent) &&
	       n->hash_len == READ_ONCE(dentry->d_name.hash_len);
}

/*
 * A child created in or removed from @parent.  Some operations report the
 * same child twice (before and after it exists; a rename's target under
 * its new name): the later report refreshes the first.
 */
void __audit_inode_child(struct inode *parent, const struct dentry *dentry,
			 const unsigned char type)
{
	struct audit_names *ns = audit_names_current();
	struct filename *fname = NULL;
	struct audit_name *n = NULL;
	struct audit_inode_id pid;
	int i;

	if (!ns || audit_filter_fs(dentry->d_sb->s_magic))
		return;
	audit_inode_id_set(&pid, parent);
	for (i = ns->n - 1; i >= 0; i--) {
		if (audit_same_child(audit_names_at(ns, i), &pid, dentry,
				     type)) {
			n = audit_names_at(ns, i);
			break;
		}
	}
	if (!n) {
		/* Named by the lookup that reached its parent, if any. */
		for (i = ns->n - 1; i >= 0; i--) {
			struct audit_name *p = audit_names_at(ns, i);

			if (p->type == AUDIT_TYPE_PARENT && p->have_inode &&
			    audit_inode_id_eq(&p->inode.id, &pid) && p->fname &&
			    audit_fname_ends_with(p->fname, &dentry->d_name)) {
				fname = p->fname;
				break;
			}
		}
		n = audit_name_add(ns);
		if (!n)
			return;
		if (fname) {
			atomic_inc(&fname->refcnt);
			n->fname = fname;
		}
	}
	audit_name_capture(ns, n, dentry, parent, type, false);
}

/* ---- the exit filter's watch prefilter ---- */

bool audit_names_near(struct audit_names *ns,
		      const struct audit_watch_set *set)
{
	unsigned int i;

	for (i = 0; i < ns->n; i++) {
		const struct audit_name *n = audit_names_at(ns, i);

		if (n->near)
			return true;
		/* The ruleset may have changed since: these two are cheap. */
		if (n->have_inode && audit_watch_set_has(set, &n->inode.id))
			return true;
		if (n->have_parent && audit_watch_set_has(set, &n->parent))
			return true;
	}
	return false;
}

/* ---- PATH records ---- */

static const char *const audit_nametypes[] = {
	[AUDIT_TYPE_UNKNOWN] = "UNKNOWN",
	[AUDIT_TYPE_NORMAL] = "NORMAL",
	[AUDIT_TYPE_PARENT] = "PARENT",
	[AUDIT_TYPE_CHILD_DELETE] = "DELETE",
	[AUDIT_TYPE_CHILD_CREATE] = "CREATE",
};

unsigned int audit_names_items(struct audit_names *ns)
{
	unsigned int i, items = 0;

	for (i = 0; i < ns->n; i++)
		items += !audit_names_at(ns, i)->hidden;
	return items;
}

/*
 * " name=": the path as the syscall was given it; a name reached through
 * a file descriptor has none, as with the stock kernel: "(null)".
 */
const struct path *audit_names_pwd(const struct audit_names *ns,
				   struct path *now)
{
	now->dentry = NULL;
	now->mnt = NULL;
	if (ns->pwd.dentry)
		return &ns->pwd;
	if (!current->fs)
		return NULL;
	get_fs_pwd(current->fs, now);
	return now;
}

/*
 * " name=": the text the syscall passed (an empty one as ""), a parent's
 * directory part, or, for the parent of a relative name, the working
 * directory it was looked up from (audit_names_pwd()); "(null)" for a
 * name reached through a file descriptor.
 */
static void audit_log_name_text(struct audit_buffer *ab,
				const struct audit_names *ns,
				const struct audit_name *n)
{
	const struct path *pwd;
	struct path now;
	const char *s;
	size_t len;

	audit_log_format(ab, " name=");
	if (!n->fname) {
		audit_log_format(ab, "(null)");
		return;
	}
	s = n->fname->name;
	len = strlen(s);
	/* A parent item names the directory part of the path. */
	if (n->type == AUDIT_TYPE_PARENT && n->resolved) {
		const char *slash = strrchr(s, '/');

		if (slash && slash != s + len - 1)
			len = slash - s + 1;
		else if (!slash)
			len = 0;
	}
	if (len || n->type != AUDIT_TYPE_PARENT) {
		audit_log_n_untrustedstring(ab, s, len);
		return;
	}
	pwd = audit_names_pwd(ns, &now);
	if (pwd)
		audit_log_d_path(ab, NULL, pwd);
	else
		audit_log_format(ab, "(null)");
	if (now.dentry)
		path_put(&now);
}

static void audit_log_path(struct audit_context *ctx,
			   const struct audit_names *ns,
			   const struct audit_name *n, unsigned int item)
{
	static const struct audit_file_caps none;
	const struct audit_inode_snap *s = &n->inode;
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_PATH);
	if (!ab)
		return;
	audit_log_format(ab, "item=%u", item);
	audit_log_name_text(ab, ns, n);
	if (n->have_inode) {
		audit_log_format(ab, " inode=%lu dev=%02x:%02x mode=%#ho",
				 s->id.ino, MAJOR(s->id.dev), MINOR(s->id.dev),
				 s->mode);
		audit_log_format(ab, " ouid=%u ogid=%u rdev=%02x:%02x",
				 from_kuid(&init_user_ns, s->uid),
				 from_kgid(&init_user_ns, s->gid),
				 MAJOR(s->rdev), MINOR(s->rdev));
		audit_log_secctx(ab, "obj", s->secid, AUDIT_SECCTX_OSID);
	}
	audit_log_format(ab, " nametype=%s", audit_nametypes[n->type]);
	audit_log_fcaps(ab, n->have_inode ? &s->caps : &none, n->noeval);
	audit_log_end(ab);
}

void audit_names_log(struct audit_context *ctx, struct audit_names *ns)
{
	unsigned int i, item = 0;

	for (i = 0; i < ns->n; i++) {
		const struct audit_name *n = audit_names_at(ns, i);

		if (!n->hidden)
			audit_log_path(ctx, ns, n, item++);
	}
	for (i = 0; i < ns->dropped; i++)
		audit_log_lost("no room for a name of the syscall");
}
