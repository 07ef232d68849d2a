// SPDX-License-Identifier: GPL-2.0
/*
 * Rules on paths: file watches (AUDIT_WATCH), directory watches covering
 * a subtree (AUDIT_DIR) and executables (AUDIT_EXE).
 *
 * A path is matched by identity: the device, inode number and generation
 * of the directory that holds it (or of the directory itself, for
 * AUDIT_DIR), the last component, and the device and inode of the object
 * if it existed when the rule was added.  A name matches a watch when it
 * sits in the watched directory under the watched last component, so a
 * file that does not exist yet is matched once it is created, and a file
 * replaced by rename is matched under its new inode; a hard link
 * elsewhere matches through the remembered inode.  A renamed directory
 * keeps its inode, so its rules keep matching under the new name.
 *
 * The watched directory itself is held through kernel/audit_dir.c: an
 * fsnotify mark, shared by the rules watching it, pins its inode in the
 * inode cache (not its mount: a watch never keeps a filesystem busy) and
 * tells us when the directory is removed or its filesystem unmounted;
 * the rules watching it are then removed (audit_watch_gone()).  So is the
 * directory of an executable rule (AUDIT_EXE), whose rule goes with it
 * (op=autoremove_rule, as with the stock kernel).
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "audit.h"
#include "audit_names.h"

/* Immutable once the rule is built, like the rule, but for .reported. */
struct audit_pathspec {
	char		*path;		/* as the administrator gave it */
	u32		type;		/* AUDIT_WATCH, AUDIT_DIR, AUDIT_EXE */
	struct audit_inode_id dir;	/* the directory holding it */
	struct audit_dir *watched;	/* that directory */
	unsigned int	moves;		/* its audit_dir_moves() then */
	/*
	 * A directory rule: the roots of the filesystems mounted below the
	 * directory when the rule was added, which its subtree takes in
	 * (owned; nmnts of them), as the stock kernel's tree rules do.
	 */
	unsigned int	nmnts;
	struct audit_inode_id *mnts;
	const char	*last;		/* last component, inside path */
	struct audit_inode_id obj;	/* the object, when it existed */
	bool		have_obj;
	/*
	 * Its removal was logged when its directory went (written once,
	 * before the directory is flagged gone, so read after that).
	 */
	bool		reported;
};

void audit_inode_id_set(struct audit_inode_id *id, const struct inode *inode)
{
	id->ino = inode->i_ino;
	id->dev = inode->i_sb->s_dev;
	id->gen = inode->i_generation;
}

/* Identities gathered by a walk: mount roots, or a path's ancestors. */
struct audit_id_list {
	unsigned int		n, room;
	struct audit_inode_id	*ids;
	int			err;
};

static int audit_id_list_add(struct audit_id_list *l, const struct inode *inode)
{
	struct audit_inode_id *more;

	if (l->n == l->room) {
		more = krealloc_array(l->ids, l->room * 2 + 4, sizeof(*more),
				      GFP_KERNEL);
		if (!more) {
			l->err = -ENOMEM;
			return l->err;
		}
		l->ids = more;
		l->room = l->room * 2 + 4;
	}
	audit_inode_id_set(&l->ids[l->n++], inode);
	return 0;
}

static int audit_mount_root_add(struct vfsmount *mnt, void *arg)
{
	struct inode *inode = d_backing_inode(mnt->mnt_root);

	return inode ? audit_id_list_add(arg, inode) : 0;
}

/*
 * The roots of the mounts at and below @dir, @dir itself first (the
 * first mount of the copy is rooted there), into @l; a failure to grow
 * @l is in l->err.  Returns collect_mounts()'s error: -EINVAL when @dir
 * is not in the caller's mount namespace.
 */
static int audit_collect_mount_roots(const struct path *dir,
				     struct audit_id_list *l)
{
	struct vfsmount *tree;

	tree = collect_mounts(dir);
	if (IS_ERR(tree))
		return PTR_ERR(tree);
	iterate_mounts(audit_mount_root_add, l, tree);
	drop_collected_mounts(tree);
	return 0;
}

/*
 * A directory rule takes in the filesystems mounted below its directory
 * now (as a stock tree rule tags them): their roots' identities, which
 * the watch set holds and matching compares as it does the directory's.
 * The directory itself is not kept among them.  A directory outside the
 * caller's mount namespace has nothing below it to take in.
 */
static int audit_pathspec_mounts(struct audit_pathspec *w,
				 const struct path *dir)
{
	struct audit_id_list m = {};

	if (audit_collect_mount_roots(dir, &m) || m.err || m.n <= 1) {
		kfree(m.ids);
		return m.err;
	}
	w->nmnts = m.n - 1;
	memmove(m.ids, m.ids + 1, w->nmnts * sizeof(*m.ids));
	w->mnts = m.ids;
	return 0;
}

/*
 * The directory of @w: the directory itself (AUDIT_DIR) or the one that
 * holds the path (AUDIT_WATCH, AUDIT_EXE), found by path and held through
 * kernel/audit_dir.c.  A file or executable rule also remembers the object
 * that is there now: the name itself, a symlink not followed (the link is
 * what a watch on it watches, as with the stock kernel).  The lookups are
 * the stock kernel's, so that the event of the rule's CONFIG_CHANGE has
 * the same PATH items: the directory of a file or executable rule
 * (one PARENT), the directory of a directory rule.
 */
static int audit_pathspec_resolve(struct audit_pathspec *w)
{
	struct dentry *obj;
	struct path dir;
	int err;

	if (w->type == AUDIT_DIR) {
		err = kern_path(w->path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
		if (err)
			return err;
		err = audit_pathspec_mounts(w, &dir);
		if (err) {
			path_put(&dir);
			return err;
		}
	} else {
		/* The parent, locked; the last component, perhaps negative. */
		obj = kern_path_locked(w->path, &dir);
		if (IS_ERR(obj))
			return PTR_ERR(obj);
		if (d_backing_inode(obj)) {
			audit_inode_id_set(&w->obj, d_backing_inode(obj));
			w->have_obj = true;
		}
		inode_unlock(d_inode(dir.dentry));
		dput(obj);
	}
	err = 0;
	audit_inode_id_set(&w->dir, d_backing_inode(dir.dentry));
	/* Without it the rule could outlive its directory: refused. */
	w->watched = audit_dir_get(dir.dentry);
	if (IS_ERR(w->watched)) {
		err = PTR_ERR(w->watched);
		w->watched = NULL;
	} else {
		w->moves = audit_dir_moves(w->watched);
	}
	path_put(&dir);
	return err;
}

/*
 * A path field of a rule being parsed.  An executable's directory is
 * looked up now (a rule on a missing one is malformed); a watched one only
 * when the rule is added, audit_watch_resolve(), whose failure is a
 * refused change and logged as one.
 */
int audit_watch_init(struct audit_rule *r, struct audit_field *f, char *path)
{
	struct audit_pathspec *w;
	size_t len = strlen(path);

	/* Absolute, and a file watch names a file, not a directory. */
	if (path[0] != '/' || (f->type != AUDIT_DIR && path[len - 1] == '/') ||
	    (f->type == AUDIT_EXE ? r->exe : r->watch)) {
		kfree(path);
		return -EINVAL;
	}
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w) {
		kfree(path);
		return -ENOMEM;
	}
	w->path = path;
	w->type = f->type;
	if (f->type != AUDIT_DIR)
		w->last = strrchr(path, '/') + 1;
	if (f->type != AUDIT_EXE) {
		r->watch = w;
		return 0;
	}
	r->exe = w;
	return audit_pathspec_resolve(w);
}

int audit_watch_resolve(struct audit_rule *r)
{
	return r->watch ? audit_pathspec_resolve(r->watch) : 0;
}

bool audit_watch_is_dir(const struct audit_rule *r)
{
	return r->watch && r->watch->type == AUDIT_DIR;
}

/*
 * @fresh, just resolved again from what the administrator sent, keeps
 * of the mounts it found only those @old had: a trim forgets the
 * filesystems no longer mounted below the directory, and takes in none
 * (as the stock kernel's trim).  Returns whether @old had more (false,
 * too, when the path now names another directory).
 */
bool audit_watch_trim(struct audit_rule *fresh, const struct audit_rule *old,
		      void *unused)
{
	struct audit_pathspec *w = fresh->watch;
	const struct audit_pathspec *o = old->watch;
	unsigned int i, j, kept = 0;

	/* Its path names another directory now: the rule stays as it was. */
	if (!audit_inode_id_eq(&w->dir, &o->dir))
		return false;
	for (i = 0; i < w->nmnts; i++) {
		for (j = 0; j < o->nmnts; j++)
			if (audit_inode_id_eq(&w->mnts[i], &o->mnts[j]))
				break;
		if (j < o->nmnts)
			w->mnts[kept++] = w->mnts[i];
	}
	w->nmnts = kept;
	return kept < o->nmnts;
}

static void audit_pathspec_free(struct audit_pathspec *w)
{
	if (w) {
		if (w->watched)
			audit_dir_put(w->watched);
		kfree(w->mnts);
		kfree(w->path);
		kfree(w);
	}
}

void audit_watch_free(struct audit_rule *r)
{
	audit_pathspec_free(r->watch);
	audit_pathspec_free(r->exe);
}

static bool audit_pathspec_gone(const struct audit_pathspec *w)
{
	if (!w || !w->watched)
		return false;
	/* A file or executable rule's path is wrong once its directory moved. */
	return audit_dir_gone(w->watched, NULL, NULL) ||
	       (w->type != AUDIT_DIR && audit_dir_moves(w->watched) != w->moves);
}

bool audit_watch_gone(const struct audit_rule *r)
{
	return audit_pathspec_gone(r->watch) || audit_pathspec_gone(r->exe);
}

/*
 * The record of the stock kernel: for a file watch, the session of the
 * task that removed the directory (or unmounted it), and the path; for a
 * directory watch, the directory alone; for an executable rule whose
 * directory went, op=autoremove_rule with the session and the path.
 */
static void audit_watch_log(const struct audit_rule *r,
			    const struct audit_pathspec *w, kuid_t auid,
			    unsigned int ses, struct audit_context *ctx,
			    gfp_t gfp)
{
	const char *op = w == r->exe ? "autoremove_rule" : "remove_rule";
	struct audit_buffer *ab;

	if (!READ_ONCE(audit_enabled))
		return;
	ab = audit_log_start(ctx, gfp, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;
	if (w->type == AUDIT_DIR)
		audit_log_format(ab, "op=%s dir=", op);
	else
		audit_log_format(ab, "auid=%u ses=%u op=%s path=",
				 from_kuid(&init_user_ns, auid), ses, op);
	audit_log_untrustedstring(ab, w->path);
	audit_log_key(ab, r->key);
	audit_log_format(ab, " list=%u res=1", r->listnr);
	audit_log_end(ab);
}

/* A rule listed when its directory went was logged then. */
void audit_watch_log_removed(const struct audit_rule *r)
{
	const struct audit_pathspec *w = r->watch;
	unsigned int ses = AUDIT_SID_UNSET;
	kuid_t auid = INVALID_UID;

	if (!audit_pathspec_gone(w))
		w = r->exe;
	if (w->reported)
		return;
	audit_dir_gone(w->watched, &auid, &ses);
	audit_watch_log(r, w, auid, ses, NULL, GFP_KERNEL);
}

/* Does @w go when @d goes (@moved: is moved)? */
static bool audit_pathspec_goes(const struct audit_pathspec *w,
				const struct audit_dir *d, bool moved)
{
	if (!w || w->watched != d || w->reported)
		return false;
	return !moved || (w->type != AUDIT_DIR &&
			  audit_dir_moves(d) == w->moves);
}

void audit_watch_log_going(struct audit_rule *r, const struct audit_dir *d,
			   kuid_t auid, unsigned int ses, bool moved)
{
	struct audit_pathspec *w = r->watch;

	if (!audit_pathspec_goes(w, d, moved))
		w = r->exe;
	if (!audit_pathspec_goes(w, d, moved))
		return;
	w->reported = true;
	/*
	 * The caller may hold the directory's parent locked: no wait for
	 * backlog room, no reclaim into a filesystem.
	 */
	audit_watch_log(r, w, auid, ses, audit_context(), GFP_ATOMIC);
}

static bool audit_same_inode(const struct inode *inode,
			     const struct audit_inode_id *id)
{
	return inode && inode->i_ino == id->ino &&
	       inode->i_sb->s_dev == id->dev && inode->i_generation == id->gen;
}

/* Is @id the directory of rule path @w, or a mount root it takes in? */
static bool audit_dir_rule_has(const struct audit_pathspec *w,
			       const struct audit_inode_id *id)
{
	unsigned int i;

	if (!id)
		return false;
	if (audit_inode_id_eq(id, &w->dir))
		return true;
	for (i = 0; i < w->nmnts; i++)
		if (audit_inode_id_eq(id, &w->mnts[i]))
			return true;
	return false;
}

/*
 * Does the name fall under watch @w?  Everything compared was captured
 * when the name was reported (kernel/audit_names.c): its inode, the
 * directory holding it, and, when it was near a watch, its last component
 * and the watched directories above it.
 */
bool audit_watch_match(const struct audit_pathspec *w,
		       const struct audit_name *n)
{
	unsigned int i;

	if (!w)
		return false;
	if (w->have_obj && n->have_inode && audit_inode_id_eq(&n->inode.id,
							      &w->obj))
		return true;
	if (w->type == AUDIT_DIR) {
		if (audit_dir_rule_has(w, n->have_inode ? &n->inode.id : NULL))
			return true;
		if (audit_dir_rule_has(w, n->have_parent ? &n->parent : NULL))
			return true;
		for (i = 0; n->near && i < n->near->nids; i++)
			if (audit_dir_rule_has(w, &n->near->ids[i]))
				return true;
		return false;
	}
	return n->have_parent && audit_inode_id_eq(&n->parent, &w->dir) &&
	       n->near && !strcmp(n->near->last, w->last);
}

/*
 * Is @tsk running the executable of rule path @w?  The file is open, so
 * its dentry can be read now: the directory holding it and its name.
 */
bool audit_exe_match(const struct audit_pathspec *w, struct task_struct *tsk)
{
	const struct dentry *dentry, *parent;
	struct file *exe;
	bool match;

	if (!w || !tsk->mm)
		return false;
	exe = get_task_exe_file(tsk);
	if (!exe)
		return false;
	dentry = exe->f_path.dentry;
	match = w->have_obj && audit_same_inode(file_inode(exe), &w->obj);
	if (!match) {
		rcu_read_lock();
		parent = READ_ONCE(dentry->d_parent);
		match = audit_same_inode(d_backing_inode(parent), &w->dir) &&
			!strcmp(dentry->d_name.name, w->last);
		rcu_read_unlock();
	}
	fput(exe);
	return match;
}

/*
 * AUDIT_MAKE_EQUIV (auditctl -q OLD,NEW): the directory rules whose
 * directory holds OLD take in NEW and the filesystems mounted below it,
 * as the stock kernel tags a tree on NEW's mounts when the tree's path
 * holds OLD.  Neither path's last component is followed, as there.
 */
struct audit_equiv {
	struct audit_id_list	add;	/* NEW and the mount roots below it */
	struct audit_id_list	above;	/* OLD and every directory above it */
	int			err;	/* a rule that could not take NEW in */
};

/* @path and its ancestors, up through the mounts it sits on. */
static int audit_path_ancestors(const struct path *path,
				struct audit_id_list *l)
{
	struct dentry *parent;
	struct path p = *path;

	path_get(&p);
	for (;;) {
		if (d_backing_inode(p.dentry) &&
		    audit_id_list_add(l, d_backing_inode(p.dentry)))
			break;
		if (p.dentry == p.mnt->mnt_root) {
			if (!follow_up(&p))
				break;
			continue;
		}
		if (IS_ROOT(p.dentry))
			break;
		parent = dget_parent(p.dentry);
		dput(p.dentry);
		p.dentry = parent;
	}
	path_put(&p);
	return l->err;
}

void audit_equiv_free(struct audit_equiv *e)
{
	if (e) {
		kfree(e->add.ids);
		kfree(e->above.ids);
		kfree(e);
	}
}

struct audit_equiv *audit_equiv_prepare(const char *old, const char *new)
{
	struct audit_equiv *e;
	struct path p;
	int err;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return ERR_PTR(-ENOMEM);
	err = kern_path(new, 0, &p);
	if (err)
		goto fail;
	err = audit_collect_mount_roots(&p, &e->add) ?: e->add.err;
	path_put(&p);
	if (err)
		goto fail;
	err = kern_path(old, 0, &p);
	if (err)
		goto fail;
	err = audit_path_ancestors(&p, &e->above);
	path_put(&p);
	if (err)
		goto fail;
	return e;
fail:
	audit_equiv_free(e);
	return ERR_PTR(err);
}

int audit_equiv_err(const struct audit_equiv *e)
{
	return e->err;
}

/* Is @r a directory rule whose directory holds OLD? */
bool audit_watch_covers(const struct audit_rule *r, void *arg)
{
	const struct audit_equiv *e = arg;
	unsigned int i;

	if (!audit_watch_is_dir(r) || audit_watch_gone(r))
		return false;
	for (i = 0; i < e->above.n; i++)
		if (audit_inode_id_eq(&e->above.ids[i], &r->watch->dir))
			return true;
	return false;
}

/*
 * @fresh, resolved again, takes what @old took in and NEW's mount roots;
 * whether that is more than @old had.
 */
bool audit_watch_equiv(struct audit_rule *fresh, const struct audit_rule *old,
		       void *arg)
{
	struct audit_equiv *e = arg;
	struct audit_pathspec *w = fresh->watch;
	const struct audit_pathspec *o = old->watch;
	struct audit_pathspec sofar = *o;
	unsigned int i;

	if (!audit_inode_id_eq(&w->dir, &o->dir))
		return false;
	sofar.mnts = kmalloc_array(o->nmnts + e->add.n, sizeof(*sofar.mnts),
				   GFP_KERNEL);
	if (!sofar.mnts) {
		e->err = -ENOMEM;
		return false;
	}
	memcpy(sofar.mnts, o->mnts, o->nmnts * sizeof(*o->mnts));
	for (i = 0; i < e->add.n; i++)
		if (!audit_dir_rule_has(&sofar, &e->add.ids[i]))
			sofar.mnts[sofar.nmnts++] = e->add.ids[i];
	if (sofar.nmnts == o->nmnts) {
		kfree(sofar.mnts);
		return false;
	}
	kfree(w->mnts);
	w->mnts = sofar.mnts;
	w->nmnts = sofar.nmnts;
	return true;
}

/*
 * The watch set of a ruleset: every directory and object identity that a
 * watch or directory rule of the exit list remembers, sorted, behind a
 * 256-bit filter on the inode number.  When a syscall reports a name, the
 * set's identities among the name and its ancestors are noted with it
 * (kernel/audit_names.c), which is what a rule on the name is later
 * matched against; and a syscall whose names have none of them cannot
 * match any "=" rule, which one look decides instead of one per rule.
 * Immutable once built; lives as long as its ruleset.
 */
struct audit_watch_set {
	unsigned long		filter[256 / BITS_PER_LONG];
	unsigned int		n;
	struct audit_inode_id	ids[] __counted_by(n);
};

static unsigned int audit_ino_bit(unsigned long ino)
{
	return hash_long(ino, 8);
}

static int audit_inode_id_cmp(const void *a, const void *b)
{
	const struct audit_inode_id *x = a, *y = b;

	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->gen != y->gen)
		return x->gen < y->gen ? -1 : 1;
	return 0;
}

static void audit_watch_set_put_id(struct audit_watch_set *s,
				   const struct audit_inode_id *id)
{
	s->ids[s->n++] = *id;
	__set_bit(audit_ino_bit(id->ino), s->filter);
}

struct audit_watch_set *audit_watch_set_build(struct audit_rule **rules,
					      unsigned int count)
{
	struct audit_watch_set *s;
	unsigned int i, j, n = 0;

	for (i = 0; i < count; i++)
		if (rules[i]->watch)
			n += 2 + rules[i]->watch->nmnts;
	if (!n)
		return NULL;
	s = kzalloc(struct_size(s, ids, n), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < count; i++) {
		const struct audit_pathspec *w = rules[i]->watch;

		if (!w)
			continue;
		audit_watch_set_put_id(s, &w->dir);
		if (w->have_obj)
			audit_watch_set_put_id(s, &w->obj);
		for (j = 0; j < w->nmnts; j++)
			audit_watch_set_put_id(s, &w->mnts[j]);
	}
	sort(s->ids, s->n, sizeof(s->ids[0]), audit_inode_id_cmp, NULL);
	return s;
}

void audit_watch_set_free(struct audit_watch_set *s)
{
	kfree(s);
}

bool audit_watch_set_has(const struct audit_watch_set *s,
			 const struct audit_inode_id *id)
{
	if (!test_bit(audit_ino_bit(id->ino), s->filter))
		return false;
	return bsearch(id, s->ids, s->n, sizeof(*id), audit_inode_id_cmp);
}

/*
 * One walk from a name's dentry up to its root, at the moment it is
 * reported: a negative dentry has no inode of its own, its ancestors do.
 */
unsigned int audit_watch_set_collect(const struct audit_watch_set *s,
				     const struct dentry *dentry,
				     struct audit_inode_id *ids,
				     unsigned int max)
{
	const struct dentry *d = dentry, *parent;
	const struct inode *inode;
	struct audit_inode_id id;
	unsigned int n = 0;

	while (d && n < max) {
		inode = d_backing_inode(d);
		if (inode) {
			audit_inode_id_set(&id, inode);
			if (audit_watch_set_has(s, &id))
				ids[n++] = id;
		}
		parent = READ_ONCE(d->d_parent);
		if (parent == d)
			break;
		d = parent;
	}
	return n;
}
