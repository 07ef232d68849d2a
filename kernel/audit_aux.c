// SPDX-License-Identifier: GPL-2.0
/*
 * Auxiliary data of a syscall's records: the file capability fields of
 * PATH records, read from the file when the record is written.
 */
#include <linux/capability.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/mnt_idmapping.h>
#include <linux/string.h>

#include "audit.h"
#include "audit_aux.h"

/* The capabilities in a file's security.capability, all 0 without. */
struct audit_file_caps {
	u32		ver;
	bool		fe;
	kuid_t		rootid;
	kernel_cap_t	fp, fi;
};

static void audit_read_fcaps(struct mnt_idmap *idmap,
			     const struct dentry *dentry,
			     struct audit_file_caps *fc)
{
	struct cpu_vfs_cap_data disk;

	memset(fc, 0, sizeof(*fc));
	if (!dentry || get_vfs_caps_from_disk(idmap, dentry, &disk))
		return;
	fc->ver = (disk.magic_etc & VFS_CAP_REVISION_MASK) >>
		  VFS_CAP_REVISION_SHIFT;
	fc->fe = disk.magic_etc & VFS_CAP_FLAGS_EFFECTIVE;
	fc->rootid = disk.rootid;
	fc->fp = disk.permitted;
	fc->fi = disk.inheritable;
}

/* ---- records ---- */

/* " NAME=HEX" of a capability set, " NAME=0" when empty. */
static void audit_log_capset_field(struct audit_buffer *ab, const char *name,
				   kernel_cap_t cap)
{
	audit_log_format(ab, cap.val ? " %s=%016llx" : " %s=%llx", name,
			 cap.val);
}

void audit_log_fcaps(struct audit_buffer *ab, const struct dentry *dentry,
		     bool noeval)
{
	struct audit_file_caps fc;

	if (noeval) {
		/* As the stock kernel writes it, in its order. */
		audit_log_format(ab, " cap_fe=? cap_fver=? cap_fp=? cap_fi=?");
		return;
	}
	audit_read_fcaps(&nop_mnt_idmap, dentry, &fc);
	audit_log_capset_field(ab, "cap_fp", fc.fp);
	audit_log_capset_field(ab, "cap_fi", fc.fi);
	audit_log_format(ab, " cap_fe=%u cap_fver=%x cap_frootid=%d", fc.fe,
			 fc.ver, (int)from_kuid(&init_user_ns, fc.rootid));
}
