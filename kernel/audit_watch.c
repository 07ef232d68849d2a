// SPDX-License-Identifier: GPL-2.0
/*
 * Rules on paths: file watches (AUDIT_WATCH), directory watches covering
 * a subtree (AUDIT_DIR) and executables (AUDIT_EXE).
 *
 * A path is remembered by identity, not by reference: the device and
 * inode number of the directory that holds it (or of the directory
 * itself, for AUDIT_DIR), the last component, and the device and inode
 * of the object if it existed when the rule was added.  Nothing is pinned,
 * so a watch never keeps a filesystem busy.  A name matches a watch when
 * it sits in the watched directory under the watched last component, so
 * a file that does not exist yet is matched once it is created, and a
 * file replaced by rename is matched under its new inode; a hard link
 * elsewhere matches through the remembered inode.
 */
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "audit.h"

struct audit_pathspec {
	char		*path;		/* as the administrator gave it */
	u32		type;		/* AUDIT_WATCH, AUDIT_DIR, AUDIT_EXE */
	dev_t		dir_dev;	/* the directory holding it */
	unsigned long	dir_ino;
	const char	*last;		/* last component, inside path */
	dev_t		obj_dev;	/* the object, when it existed */
	unsigned long	obj_ino;
	bool		have_obj;
};

static void audit_pathspec_remember(struct audit_pathspec *w)
{
	struct path p;

	if (kern_path(w->path, LOOKUP_FOLLOW, &p))
		return;
	w->obj_dev = p.dentry->d_sb->s_dev;
	w->obj_ino = d_backing_inode(p.dentry)->i_ino;
	w->have_obj = true;
	path_put(&p);
}

int audit_watch_init(struct audit_rule *r, struct audit_field *f, char *path)
{
	struct audit_pathspec *w;
	struct path dir;
	char *slash;
	size_t len = strlen(path);
	int err;

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
	if (f->type == AUDIT_EXE)
		r->exe = w;
	else
		r->watch = w;

	if (f->type == AUDIT_DIR) {
		err = kern_path(path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
		if (err)
			return err;
	} else {
		/* The holding directory: everything up to the last '/'. */
		slash = strrchr(path, '/');
		w->last = slash + 1;
		*slash = '\0';
		err = kern_path(slash == path ? "/" : path, LOOKUP_FOLLOW |
				LOOKUP_DIRECTORY, &dir);
		*slash = '/';
		if (err)
			return err;
		audit_pathspec_remember(w);
	}
	w->dir_dev = dir.dentry->d_sb->s_dev;
	w->dir_ino = d_backing_inode(dir.dentry)->i_ino;
	path_put(&dir);
	return 0;
}

static void audit_pathspec_free(struct audit_pathspec *w)
{
	if (w) {
		kfree(w->path);
		kfree(w);
	}
}

void audit_watch_free(struct audit_rule *r)
{
	audit_pathspec_free(r->watch);
	audit_pathspec_free(r->exe);
}

static bool audit_same_inode(const struct inode *inode, dev_t dev,
			     unsigned long ino)
{
	return inode && inode->i_sb->s_dev == dev && inode->i_ino == ino;
}

/* Is @dentry, or one of its ancestors, the directory (dev, ino)? */
static bool audit_under_dir(const struct dentry *dentry, dev_t dev,
			    unsigned long ino)
{
	const struct dentry *d = dentry, *parent;
	bool found = false;

	rcu_read_lock();
	for (;;) {
		if (audit_same_inode(d_backing_inode(d), dev, ino)) {
			found = true;
			break;
		}
		parent = READ_ONCE(d->d_parent);
		if (parent == d)
			break;
		d = parent;
	}
	rcu_read_unlock();
	return found;
}

/* Does the name (@dentry, with @inode as it was) fall under watch @w? */
bool audit_watch_match(const struct audit_pathspec *w,
		       const struct dentry *dentry, const struct inode *inode)
{
	const struct dentry *parent;
	bool match;

	if (!w)
		return false;
	if (w->have_obj && audit_same_inode(inode, w->obj_dev, w->obj_ino))
		return true;
	if (!dentry)
		return false;
	if (w->type == AUDIT_DIR)
		return audit_under_dir(dentry, w->dir_dev, w->dir_ino);

	rcu_read_lock();
	parent = READ_ONCE(dentry->d_parent);
	match = audit_same_inode(d_backing_inode(parent), w->dir_dev,
				 w->dir_ino) &&
		!strcmp(dentry->d_name.name, w->last);
	rcu_read_unlock();
	return match;
}

/* Is @tsk running the executable of rule path @w? */
bool audit_exe_match(const struct audit_pathspec *w, struct task_struct *tsk)
{
	struct file *exe;
	bool match;

	if (!w || !tsk->mm)
		return false;
	exe = get_task_exe_file(tsk);
	if (!exe)
		return false;
	match = audit_watch_match(w, exe->f_path.dentry, file_inode(exe));
	fput(exe);
	return match;
}
