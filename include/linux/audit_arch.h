/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an architecture's syscall classifier tells the audit core about a
 * system call: which ABI it came through and which calls need their
 * arguments read specially (open flags, socketcall, execve, ...).
 */
#ifndef _LINUX_AUDIT_ARCH_H_
#define _LINUX_AUDIT_ARCH_H_

enum auditsc_class_t {
	AUDITSC_NATIVE = 0, AUDITSC_COMPAT, AUDITSC_OPEN, AUDITSC_OPENAT,
	AUDITSC_SOCKETCALL, AUDITSC_EXECVE, AUDITSC_OPENAT2,
	AUDITSC_NVALS
};

/* The compat ABI's classifier and class tables (lib/compat_audit.c). */
int audit_classify_compat_syscall(int abi, unsigned int syscall);
extern unsigned int compat_write_class[];
extern unsigned int compat_read_class[];
extern unsigned int compat_dir_class[];
extern unsigned int compat_chattr_class[];
extern unsigned int compat_signal_class[];

#endif /* _LINUX_AUDIT_ARCH_H_ */
