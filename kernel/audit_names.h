/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The names of a syscall (kernel/audit_names.c): what the VFS reports of
 * the paths and inodes an audited syscall touches, captured when it is
 * reported.  A name keeps a reference on its struct filename (memory
 * only) and nothing of the filesystem: no dentry, inode or mount, so a
 * syscall that blocks, or whose exit is not seen, never keeps a
 * filesystem from going.
 */
#ifndef _KERNEL_AUDIT_NAMES_H
#define _KERNEL_AUDIT_NAMES_H

#include <linux/capability.h>
#include <linux/path.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "audit.h"

struct audit_context;
struct dentry;

/* The file capabilities in security.capability; all 0 without. */
struct audit_file_caps {
	u32		ver;
	bool		fe;
	kuid_t		rootid;
	kernel_cap_t	fp, fi;
};

/* Reads @dentry's file capabilities (kernel/audit_aux.c). */
void audit_read_fcaps(struct mnt_idmap *idmap, const struct dentry *dentry,
		      struct audit_file_caps *fc);

/* What a PATH record shows of an inode, and what rules compare. */
struct audit_inode_snap {
	struct audit_inode_id id;
	umode_t		mode;
	kuid_t		uid;
	kgid_t		gid;
	dev_t		rdev;
	u32		secid;		/* the LSM's label; 0 without one */
	struct audit_file_caps caps;	/* of regular files */
};

/*
 * A name near a watch: the identities, among the name's own inode and
 * its ancestors, that the ruleset's watch set held when the name was
 * reported, and the name's last component, which file watches compare.
 */
#define AUDIT_NEAR_IDS		8
struct audit_name_near {
	unsigned int		nids;
	struct audit_inode_id	ids[AUDIT_NEAR_IDS];
	char			last[];	/* NUL-terminated */
};

struct audit_name {
	struct filename		*fname;		/* referenced; may be NULL */
	/* The dentry it resolved to, as an identity: never followed. */
	const struct dentry	*dentry;
	u64			hash_len;	/* of that dentry's name */
	struct audit_inode_id	parent;		/* the directory holding it */
	struct audit_inode_snap	inode;		/* as found */
	struct audit_name_near	*near;		/* owned; NULL: far */
	u8			type;		/* AUDIT_TYPE_* */
	bool			resolved;	/* a dentry was reported */
	bool			have_inode;	/* .inode is set */
	bool			have_parent;	/* .parent is set */
	bool			hidden;
	bool			noeval;		/* not to be read (umount) */
};

#define AUDIT_NAMES_INLINE	8
#define AUDIT_NAMES_MAX		32

/*
 * The names of one syscall, in the order reported.  Part of the task's
 * audit context, so touched only by the task itself.
 */
struct audit_names {
	unsigned int		n;
	unsigned int		dropped;	/* names that found no room */
	bool			watch_walk;	/* the ruleset has watches */
	/*
	 * A syscall no rule names (kernel/auditsc.c): the working directory
	 * is not taken until a record makes it an event.
	 */
	bool			light;
	struct audit_name	*more;		/* owned: names past first[] */
	/*
	 * The working directory when the first name was looked up: a
	 * reference (the one thing of the filesystem the names hold; the
	 * task's fs_struct pins it anyway unless the syscall changes
	 * directory), put by audit_names_release().
	 */
	struct path		pwd;
	struct audit_name	first[AUDIT_NAMES_INLINE];
};

static inline struct audit_name *audit_names_at(struct audit_names *ns,
						unsigned int i)
{
	if (i < AUDIT_NAMES_INLINE)
		return &ns->first[i];
	return &ns->more[i - AUDIT_NAMES_INLINE];
}

/* kernel/auditsc.c: the current syscall's names, while they are gathered. */
struct audit_names *audit_names_current(void);

/*
 * The working directory of the names: the one taken with the first name,
 * or else the task's, as a reference in @now that the caller puts
 * (path_put) when @now->dentry is set; NULL when there is none.
 */
const struct path *audit_names_pwd(const struct audit_names *ns,
				   struct path *now);
/* A light syscall became an event: its names get their directory. */
void audit_names_adopt(struct audit_names *ns);
/* Releases what the names hold; @ns is empty again. */
void audit_names_release(struct audit_names *ns);
/*
 * Might an "=" watch or directory rule of @set match one of the names?
 * A superset of audit_watch_match() over the names.  Call under RCU.
 */
bool audit_names_near(struct audit_names *ns,
		      const struct audit_watch_set *set);
/* How many PATH records the names make. */
unsigned int audit_names_items(struct audit_names *ns);
/* The PATH records of the event of @ctx, in order. */
void audit_names_log(struct audit_context *ctx, struct audit_names *ns);

/* ---- kernel/audit_watch.c, on names ---- */

/* Does name @n fall under watch @w? */
bool audit_watch_match(const struct audit_pathspec *w,
		       const struct audit_name *n);
/*
 * Stores in @ids (room for @max) the identities of set @s found among
 * @dentry's inode and its ancestors; returns how many.  Call under RCU.
 */
unsigned int audit_watch_set_collect(const struct audit_watch_set *s,
				     const struct dentry *dentry,
				     struct audit_inode_id *ids,
				     unsigned int max);
bool audit_watch_set_has(const struct audit_watch_set *s,
			 const struct audit_inode_id *id);

#endif /* _KERNEL_AUDIT_NAMES_H */
