// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall classes: which syscalls read, write, change attributes of,
 * create or remove files, or send signals.  Rules use them twice: perm=
 * (auditctl -p) asks what a syscall does to the file it names, and the
 * class bits at the top of a rule's syscall mask stand for whole classes.
 *
 * The lists are the kernel's generic ones (asm-generic/audit_*.h); they
 * are turned into bitmaps once, at boot, and only read afterwards.
 */
#include <linux/bitmap.h>
#include <linux/fcntl.h>
#include <linux/init.h>
#include <asm/unistd.h>

#include "audit.h"

#define AUDIT_CLASS_BITS AUDIT_SYSCALL_SLOTS

static DECLARE_BITMAP(audit_reads, AUDIT_CLASS_BITS) __ro_after_init;
static DECLARE_BITMAP(audit_writes, AUDIT_CLASS_BITS) __ro_after_init;
static DECLARE_BITMAP(audit_dir_writes, AUDIT_CLASS_BITS) __ro_after_init;
static DECLARE_BITMAP(audit_chattrs, AUDIT_CLASS_BITS) __ro_after_init;
static DECLARE_BITMAP(audit_signals_sent, AUDIT_CLASS_BITS) __ro_after_init;

static const unsigned int audit_read_nrs[] __initconst = {
#include <asm-generic/audit_read.h>
};

static const unsigned int audit_write_nrs[] __initconst = {
#include <asm-generic/audit_write.h>
};

static const unsigned int audit_dir_write_nrs[] __initconst = {
#include <asm-generic/audit_dir_write.h>
};

static const unsigned int audit_chattr_nrs[] __initconst = {
#include <asm-generic/audit_change_attr.h>
};

static const unsigned int audit_signal_nrs[] __initconst = {
#include <asm-generic/audit_signal.h>
};

static void __init audit_class_fill(unsigned long *map,
				    const unsigned int *nrs, size_t n)
{
	while (n--)
		if (nrs[n] < AUDIT_CLASS_BITS)
			__set_bit(nrs[n], map);
}

static int __init audit_classes_init(void)
{
	audit_class_fill(audit_reads, audit_read_nrs, ARRAY_SIZE(audit_read_nrs));
	audit_class_fill(audit_writes, audit_write_nrs,
			 ARRAY_SIZE(audit_write_nrs));
	audit_class_fill(audit_dir_writes, audit_dir_write_nrs,
			 ARRAY_SIZE(audit_dir_write_nrs));
	audit_class_fill(audit_chattrs, audit_chattr_nrs,
			 ARRAY_SIZE(audit_chattr_nrs));
	audit_class_fill(audit_signals_sent, audit_signal_nrs,
			 ARRAY_SIZE(audit_signal_nrs));
	return 0;
}
core_initcall(audit_classes_init);

/* The native class a mask bit stands for; compat classes have none here. */
static const unsigned long *audit_class_map(unsigned int class)
{
	switch (class) {
	case AUDIT_CLASS_DIR_WRITE:
		return audit_dir_writes;
	case AUDIT_CLASS_CHATTR:
		return audit_chattrs;
	case AUDIT_CLASS_READ:
		return audit_reads;
	case AUDIT_CLASS_WRITE:
		return audit_writes;
	case AUDIT_CLASS_SIGNAL:
		return audit_signals_sent;
	}
	return NULL;
}

/*
 * Architectures with their own class tables (x86's audit_64.c) hand them
 * over at boot; they add to the generic lists.  Classes of a compat ABI
 * have no bitmap here and are accepted without effect.
 */
int __init audit_register_class(int class, unsigned int *list)
{
	unsigned long *map = (unsigned long *)audit_class_map(class);

	if (!map)
		return 0;
	for (; *list != ~0U; list++)
		if (*list < AUDIT_CLASS_BITS)
			__set_bit(*list, map);
	return 0;
}

/*
 * The top AUDIT_SYSCALL_CLASSES bits of a rule's mask name classes
 * (bit 2047 is class 0): replace each by the syscalls of its class.
 */
void audit_mask_expand_classes(u32 *mask)
{
	unsigned int class, nr;

	for (class = 0; class < AUDIT_SYSCALL_CLASSES; class++) {
		unsigned int bit = AUDIT_SYSCALL_SLOTS - 1 - class;
		const unsigned long *map;

		if (!(mask[AUDIT_WORD(bit)] & AUDIT_BIT(bit)))
			continue;
		mask[AUDIT_WORD(bit)] &= ~AUDIT_BIT(bit);
		map = audit_class_map(class);
		for (nr = 0; map && nr < AUDIT_CLASS_BITS - AUDIT_SYSCALL_CLASSES; nr++)
			if (test_bit(nr, map))
				mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
	}
}

/* The read/write bits of an open's access mode, as perm= sees them. */
static u32 audit_open_perm(unsigned long flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		return AUDIT_PERM_READ;
	case O_WRONLY:
		return AUDIT_PERM_WRITE;
	default:
		return AUDIT_PERM_READ | AUDIT_PERM_WRITE;
	}
}

/* What syscall @nr with arguments @args does, in AUDIT_PERM_* bits. */
u32 audit_syscall_perm(int nr, const unsigned long *args)
{
	u32 perm = 0;

	if (nr < 0 || nr >= AUDIT_CLASS_BITS)
		return 0;
	switch (nr) {
#ifdef __NR_open
	case __NR_open:
		return audit_open_perm(args[1]);
#endif
	case __NR_openat:
		return audit_open_perm(args[2]);
	case __NR_execve:
#ifdef __NR_execveat
	case __NR_execveat:
#endif
		return AUDIT_PERM_EXEC;
	}
	if (test_bit(nr, audit_writes))
		perm |= AUDIT_PERM_WRITE;
	if (test_bit(nr, audit_reads))
		perm |= AUDIT_PERM_READ;
	if (test_bit(nr, audit_chattrs))
		perm |= AUDIT_PERM_ATTR;
	return perm;
}

/*
 * The syscalls that can exercise any of @perm (AUDIT_PERM_* bits), for
 * indexing a rule that names every syscall but asks perm=: the classes
 * of the bits asked, and the calls whose effect depends on arguments.
 */
void audit_perm_syscalls(u32 perm, u32 *mask)
{
	unsigned int nr;

	for (nr = 0; nr < AUDIT_CLASS_BITS - AUDIT_SYSCALL_CLASSES; nr++) {
		bool hit = ((perm & AUDIT_PERM_WRITE) && test_bit(nr, audit_writes)) ||
			   ((perm & AUDIT_PERM_READ) && test_bit(nr, audit_reads)) ||
			   ((perm & AUDIT_PERM_ATTR) && test_bit(nr, audit_chattrs));

		if (hit)
			mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
	}
#ifdef __NR_open
	mask[AUDIT_WORD(__NR_open)] |= AUDIT_BIT(__NR_open);
#endif
	mask[AUDIT_WORD(__NR_openat)] |= AUDIT_BIT(__NR_openat);
#ifdef __NR_openat2
	mask[AUDIT_WORD(__NR_openat2)] |= AUDIT_BIT(__NR_openat2);
#endif
	if (perm & AUDIT_PERM_EXEC) {
		mask[AUDIT_WORD(__NR_execve)] |= AUDIT_BIT(__NR_execve);
#ifdef __NR_execveat
		mask[AUDIT_WORD(__NR_execveat)] |= AUDIT_BIT(__NR_execveat);
#endif
	}
}
