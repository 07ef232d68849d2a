/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the rules and the records see of a syscall: its number,
 * architecture, arguments and result, the socket address it passed and
 * the names it touched.  Kept in the task's audit context
 * (kernel/auditsc.c), which only the task itself touches; the rule
 * fields that ask about the syscall read it (kernel/audit_fields.c).
 */
#ifndef _KERNEL_AUDIT_SYSCALL_H
#define _KERNEL_AUDIT_SYSCALL_H

#include <linux/socket.h>
#include <linux/types.h>

#include "audit_names.h"

struct audit_syscall {
	int			major;
	u32			arch;
	unsigned long		args[4];
	long			ret;		/* set at exit */
	int			sockaddr_len;	/* 0: no address */
	struct sockaddr_storage	sockaddr;	/* as the syscall passed it */
	struct audit_names	names;		/* kernel/audit_names.c */
};

#endif /* _KERNEL_AUDIT_SYSCALL_H */
