// SPDX-License-Identifier: GPL-2.0
/*
 * Watched directories: path rules go away with their directory, and file
 * and executable rules when their directory is moved.
 *
 * A file watch (AUDIT_WATCH) names a file in a directory; a directory
 * watch (AUDIT_DIR) names the top of a subtree.  When that directory is
 * removed, or the filesystem holding it is unmounted, every rule watching
 * it is taken off the lists as if the administrator had deleted it, and a
 * CONFIG_CHANGE op=remove_rule record says so, as with the stock kernel.
 *
 * To hear of it, each watched directory carries one fsnotify inode mark of
 * our group (struct audit_dir), shared by all the rules watching it.  The
 * fsnotify core detaches a mark when its inode is deleted (the directory
 * removed and its last dentry gone), when its filesystem is unmounted, and
 * when we destroy it ourselves; each time it calls ->freeing_mark.  The
 * mark asks for one event, FS_MOVE_SELF: a file or executable rule names
 * its file by the directory's path, which a move of the directory makes
 * wrong, so those rules go then (a directory rule follows its directory,
 * as with the stock kernel).  Operations in the directory stay on
 * fsnotify's fast path, and nothing here is on the syscall path: matching
 * still compares the identities kept in the rule (kernel/audit_watch.c).
 *
 * A mark holds a reference on its inode: a watched directory stays in the
 * inode cache for as long as some rule watches it, as with the stock
 * kernel's marks.  It holds no reference on a mount, so a watch never
 * makes an unmount fail; the unmount removes the rules instead.
 *
 * Locking.  ->freeing_mark may run with the caller's inode locks or
 * s_umount held, so it takes none of our locks: it logs the CONFIG_CHANGE
 * of each published rule watching the directory, in the event of the
 * syscall that removed it (rmdir, umount), as the stock kernel does,
 * without sleeping; flags the directory gone; and queues audit_dir_work,
 * which takes audit_cmd_mutex and removes the rules
 * (audit_rules_remove_gone(); it logs those that were not published
 * yet).  The order of the sleeping locks
 * is: audit_cmd_mutex, audit_dir_mutex, the directory's i_rwsem, the
 * group's mark_mutex.
 */
#include <linux/audit.h>
#include <linux/fs.h>
#include <linux/fsnotify_backend.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "audit.h"

/*
 * One watched directory.  Memory: every rule's pathspec holding it owns
 * one fsnotify reference on the mark; the mark is freed by
 * audit_dir_free_mark() after the last reference is dropped.
 */
struct audit_dir {
	struct fsnotify_mark	mark;		/* on the directory's inode */
	unsigned int		users;		/* pathspecs; audit_dir_mutex */
	/*
	 * Set once by audit_dir_freeing() when the mark left the inode,
	 * with who removed the directory or unmounted its filesystem;
	 * gone is stored last (release) and read first (acquire).
	 */
	bool			gone;
	kuid_t			gone_auid;
	unsigned int		gone_ses;
	/*
	 * How many times the directory was moved: a file or executable
	 * rule resolved before the last move is gone (audit_dir_moves()).
	 */
	atomic_t		moves;
};

/*
 * Serialises finding, creating and destroying marks with the users
 * counts, so that a mark found for a new rule is never one being
 * destroyed.  Also protects audit_dir_group's creation and audit_dirs.
 */
static DEFINE_MUTEX(audit_dir_mutex);
static struct fsnotify_group *audit_dir_group;	/* made on first use */
static unsigned int audit_dirs;			/* marks with users */

static void audit_dir_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(audit_dir_work, audit_dir_work_fn);

/*
 * Rules reach the lists under audit_cmd_mutex, which this work takes: a
 * rule added on a directory that goes at that moment is listed before the
 * work queued by its going can run, and is removed by it.
 */
static void audit_dir_work_fn(struct work_struct *work)
{
	int err;

	audit_cmd_lock();
	err = audit_rules_remove_gone();
	audit_cmd_unlock();
	/* No memory for the new ruleset: nothing changed, try again. */
	if (err)
		schedule_delayed_work(&audit_dir_work, HZ);
}

static void audit_dir_freeing(struct fsnotify_mark *mark,
			      struct fsnotify_group *group)
{
	struct audit_dir *d = container_of(mark, struct audit_dir, mark);

	/*
	 * Also called when we destroy a mark no rule uses any more; the
	 * work then finds nothing to remove.
	 */
	d->gone_auid = audit_get_loginuid(current);
	d->gone_ses = audit_get_sessionid(current);
	rcu_read_lock();
	audit_ruleset_log_going(d, d->gone_auid, d->gone_ses);
	rcu_read_unlock();
	/* Pairs with audit_dir_gone(): who and what was logged, then gone. */
	smp_store_release(&d->gone, true);
	mod_delayed_work(system_wq, &audit_dir_work, 0);
}

/*
 * The directory was moved (FS_MOVE_SELF, the one event the marks ask
 * for), in the rename that moved it: the CONFIG_CHANGE records of the
 * file and executable rules on it go in that syscall's event; then the
 * move is counted, which makes those rules gone, and the work removes
 * them.
 */
static int audit_dir_event(struct fsnotify_mark *mark, u32 mask,
			   struct inode *inode, struct inode *dir,
			   const struct qstr *name, u32 cookie)
{
	struct audit_dir *d = container_of(mark, struct audit_dir, mark);

	if (!(mask & FS_MOVE_SELF))
		return 0;
	rcu_read_lock();
	audit_ruleset_log_moved(d, audit_get_loginuid(current),
				audit_get_sessionid(current));
	rcu_read_unlock();
	/* Pairs with audit_dir_moves(): what was logged, then the move. */
	smp_mb__before_atomic();
	atomic_inc(&d->moves);
	mod_delayed_work(system_wq, &audit_dir_work, 0);
	return 0;
}

unsigned int audit_dir_moves(const struct audit_dir *d)
{
	unsigned int n = atomic_read(&d->moves);

	/* Pairs with audit_dir_event(): the move, then what was logged. */
	smp_rmb();
	return n;
}

static void audit_dir_free_mark(struct fsnotify_mark *mark)
{
	kfree(container_of(mark, struct audit_dir, mark));
}

static const struct fsnotify_ops audit_dir_ops = {
	.handle_inode_event	= audit_dir_event,
	.freeing_mark		= audit_dir_freeing,
	.free_mark		= audit_dir_free_mark,
};

/*
 * The watched directory @dentry (the caller holds its path), with one more
 * user: its mark, made if no rule watches it yet.
 */
struct audit_dir *audit_dir_get(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	struct fsnotify_group *group;
	struct fsnotify_mark *mark;
	struct audit_dir *d = NULL;
	int err = 0;

	mutex_lock(&audit_dir_mutex);
	if (!audit_dir_group) {
		group = fsnotify_alloc_group(&audit_dir_ops, 0);
		if (IS_ERR(group)) {
			err = PTR_ERR(group);
			goto out;
		}
		audit_dir_group = group;
	}
	/*
	 * rmdir flags the inode dead under its i_rwsem before the VFS
	 * detaches its marks: a mark put on a dead directory would never be
	 * detached, and one found alive here stays so until we unlock.
	 */
	inode_lock_shared(inode);
	if (IS_DEADDIR(inode)) {
		err = -ENOENT;
		goto out_unlock;
	}
	mark = fsnotify_find_inode_mark(inode, audit_dir_group);
	if (mark) {
		/* The reference find took is the new user's. */
		d = container_of(mark, struct audit_dir, mark);
		d->users++;
		goto out_unlock;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d) {
		err = -ENOMEM;
		goto out_unlock;
	}
	fsnotify_init_mark(&d->mark, audit_dir_group);
	d->mark.mask = FS_MOVE_SELF;
	err = fsnotify_add_inode_mark(&d->mark, inode, 0);
	if (err) {
		/* Never attached: this frees it. */
		fsnotify_put_mark(&d->mark);
		goto out_unlock;
	}
	d->users = 1;
	audit_dirs++;
out_unlock:
	inode_unlock_shared(inode);
out:
	mutex_unlock(&audit_dir_mutex);
	return err ? ERR_PTR(err) : d;
}

/* One user less; the last one takes the mark off the directory.  Sleeps. */
void audit_dir_put(struct audit_dir *d)
{
	might_sleep();
	mutex_lock(&audit_dir_mutex);
	if (!--d->users) {
		/* Does nothing if the directory went first. */
		fsnotify_destroy_mark(&d->mark, audit_dir_group);
		audit_dirs--;
	}
	mutex_unlock(&audit_dir_mutex);
	fsnotify_put_mark(&d->mark);
}

/*
 * Has directory @d gone?  If so, and @auid is not NULL, who removed it
 * (or unmounted its filesystem).
 */
bool audit_dir_gone(const struct audit_dir *d, kuid_t *auid,
		    unsigned int *ses)
{
	/* Pairs with audit_dir_freeing(): gone_auid is set when gone is. */
	if (!smp_load_acquire(&d->gone))
		return false;
	if (auid) {
		*auid = d->gone_auid;
		*ses = d->gone_ses;
	}
	return true;
}

unsigned int audit_dirs_watched(void)
{
	unsigned int n;

	mutex_lock(&audit_dir_mutex);
	n = audit_dirs;
	mutex_unlock(&audit_dir_mutex);
	return n;
}
