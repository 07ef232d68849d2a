/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Auxiliary data of a syscall's records (kernel/audit_aux.c).
 */
#ifndef _KERNEL_AUDIT_AUX_H
#define _KERNEL_AUDIT_AUX_H

#include <linux/types.h>

struct audit_buffer;
struct dentry;

/*
 * Writes " cap_fp= cap_fi= cap_fe= cap_fver= cap_frootid=" of the file
 * at @dentry (zeros when it has no file capabilities, or @dentry is
 * NULL), read now; @noeval: the file must not be read ("?" instead).
 */
void audit_log_fcaps(struct audit_buffer *ab, const struct dentry *dentry,
		     bool noeval);

#endif /* _KERNEL_AUDIT_AUX_H */
