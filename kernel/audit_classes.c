// SPDX-License-Identifier: GPL-2.0
/*
 * Syscall classes: which syscalls read, write, change attributes of,
 * create or remove files, or send signals.  Rules use them twice: perm=
 * (auditctl -p) asks what a syscall does to the file it names, and the
 * class bits at the top of a rule's syscall mask stand for whole classes.
 *
 * The native lists are the kernel's generic ones (asm-generic/audit_*.h);
 * they are turned into bitmaps once, at boot, and only read afterwards.
 * An architecture with a compat ABI (x86_64's ia32 emulation) hands over
 * that ABI's lists at boot, under the *_32 class numbers, and classifies
 * its calls (open, openat, execve ...) with audit_classify_syscall().
 */
#include <linux/bitmap.h>
#include <linux/fcntl.h>
#include <linux/init.h>
#include <asm/unistd.h>

#include "audit.h"

#define AUDIT_CLASS_BITS AUDIT_SYSCALL_SLOTS

/*
 * The compat ABI whose lists the architecture registers.  x86_64's ia32
 * emulation is the only one: the generic compat lists (lib/compat_audit.c)
 * are not built.
 */
#ifdef CONFIG_IA32_EMULATION
#define AUDIT_COMPAT_ARCH	AUDIT_ARCH_I386
#endif

/* The classes of one ABI, by syscall number of that ABI. */
struct audit_abi_classes {
	DECLARE_BITMAP(reads, AUDIT_CLASS_BITS);
	DECLARE_BITMAP(writes, AUDIT_CLASS_BITS);
	DECLARE_BITMAP(dir_writes, AUDIT_CLASS_BITS);
	DECLARE_BITMAP(chattrs, AUDIT_CLASS_BITS);
	DECLARE_BITMAP(signals_sent, AUDIT_CLASS_BITS);
};

static struct audit_abi_classes audit_native __ro_after_init;
static struct audit_abi_classes audit_compat __ro_after_init;

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
	struct audit_abi_classes *c = &audit_native;

	audit_class_fill(c->reads, audit_read_nrs, ARRAY_SIZE(audit_read_nrs));
	audit_class_fill(c->writes, audit_write_nrs,
			 ARRAY_SIZE(audit_write_nrs));
	audit_class_fill(c->dir_writes, audit_dir_write_nrs,
			 ARRAY_SIZE(audit_dir_write_nrs));
	audit_class_fill(c->chattrs, audit_chattr_nrs,
			 ARRAY_SIZE(audit_chattr_nrs));
	audit_class_fill(c->signals_sent, audit_signal_nrs,
			 ARRAY_SIZE(audit_signal_nrs));
	return 0;
}
core_initcall(audit_classes_init);

/* The map a mask bit or a registered list stands for, of either ABI. */
static unsigned long *audit_class_map(unsigned int class)
{
	switch (class) {
	case AUDIT_CLASS_DIR_WRITE:
		return audit_native.dir_writes;
	case AUDIT_CLASS_DIR_WRITE_32:
		return audit_compat.dir_writes;
	case AUDIT_CLASS_CHATTR:
		return audit_native.chattrs;
	case AUDIT_CLASS_CHATTR_32:
		return audit_compat.chattrs;
	case AUDIT_CLASS_READ:
		return audit_native.reads;
	case AUDIT_CLASS_READ_32:
		return audit_compat.reads;
	case AUDIT_CLASS_WRITE:
		return audit_native.writes;
	case AUDIT_CLASS_WRITE_32:
		return audit_compat.writes;
	case AUDIT_CLASS_SIGNAL:
		return audit_native.signals_sent;
	case AUDIT_CLASS_SIGNAL_32:
		return audit_compat.signals_sent;
	}
	return NULL;
}

/*
 * Architectures with their own lists (x86's audit_64.c) hand them over at
 * boot: native ones add to the generic lists, *_32 ones fill the compat
 * ABI's.
 */
int __init audit_register_class(int class, unsigned int *list)
{
	unsigned long *map = audit_class_map(class);

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

/* The AUDIT_PERM_* bits the class maps of @c give syscall @nr. */
static u32 audit_class_perm(const struct audit_abi_classes *c, int nr)
{
	u32 perm = 0;

	if (test_bit(nr, c->writes))
		perm |= AUDIT_PERM_WRITE;
	if (test_bit(nr, c->reads))
		perm |= AUDIT_PERM_READ;
	if (test_bit(nr, c->chattrs))
		perm |= AUDIT_PERM_ATTR;
	return perm;
}

/* The classes @perm asks for, in @c, added to @mask. */
static void audit_class_syscalls(const struct audit_abi_classes *c, u32 perm,
				 u32 *mask)
{
	unsigned int nr;

	for (nr = 0; nr < AUDIT_CLASS_BITS - AUDIT_SYSCALL_CLASSES; nr++) {
		bool hit = ((perm & AUDIT_PERM_WRITE) && test_bit(nr, c->writes)) ||
			   ((perm & AUDIT_PERM_READ) && test_bit(nr, c->reads)) ||
			   ((perm & AUDIT_PERM_ATTR) && test_bit(nr, c->chattrs));

		if (hit)
			mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
	}
}

#ifdef AUDIT_COMPAT_ARCH
/* perm= of a compat call: the architecture knows its opens and execs. */
static u32 audit_compat_perm(int nr, const unsigned long *args)
{
	switch (audit_classify_syscall(AUDIT_COMPAT_ARCH, nr)) {
	case AUDITSC_OPEN:
		return audit_open_perm(args[1]);
	case AUDITSC_OPENAT:
		return audit_open_perm(args[2]);
	case AUDITSC_EXECVE:
		return AUDIT_PERM_EXEC;
	}
	return audit_class_perm(&audit_compat, nr);
}

/* The compat calls a rule with @perm must be indexed under. */
static void audit_compat_perm_syscalls(u32 perm, u32 *mask)
{
	unsigned int nr;

	audit_class_syscalls(&audit_compat, perm, mask);
	for (nr = 0; nr < AUDIT_CLASS_BITS - AUDIT_SYSCALL_CLASSES; nr++) {
		switch (audit_classify_syscall(AUDIT_COMPAT_ARCH, nr)) {
		case AUDITSC_EXECVE:
			if (!(perm & AUDIT_PERM_EXEC))
				break;
			fallthrough;
		case AUDITSC_OPEN:
		case AUDITSC_OPENAT:
		case AUDITSC_OPENAT2:
			mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
		}
	}
}
#else
static u32 audit_compat_perm(int nr, const unsigned long *args)
{
	return 0;
}

static void audit_compat_perm_syscalls(u32 perm, u32 *mask)
{
}
#endif

static bool audit_arch_is_compat(u32 arch)
{
#ifdef AUDIT_COMPAT_ARCH
	return arch == AUDIT_COMPAT_ARCH;
#else
	return false;
#endif
}

/*
 * What syscall @nr of ABI @arch (an AUDIT_ARCH_* value) with arguments
 * @args does, in AUDIT_PERM_* bits.
 */
u32 audit_syscall_perm(u32 arch, int nr, const unsigned long *args)
{
	if (nr < 0 || nr >= AUDIT_CLASS_BITS)
		return 0;
	if (audit_arch_is_compat(arch))
		return audit_compat_perm(nr, args);
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
	return audit_class_perm(&audit_native, nr);
}

/*
 * The syscalls that can exercise any of @perm (AUDIT_PERM_* bits), for
 * indexing a rule that names every syscall but asks perm=: the classes
 * of the bits asked, and the calls whose effect depends on arguments,
 * of every ABI (the index is by number; the rule's match tells ABIs
 * apart).
 */
void audit_perm_syscalls(u32 perm, u32 *mask)
{
	audit_class_syscalls(&audit_native, perm, mask);
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
	audit_compat_perm_syscalls(perm, mask);
}
