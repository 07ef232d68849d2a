/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Auxiliary records of a syscall event (kernel/audit_aux.c): what the
 * hooks of other subsystems note during an audited syscall, kept in the
 * syscall's context until its records are written at syscall exit.
 */
#ifndef _KERNEL_AUDIT_AUX_H
#define _KERNEL_AUDIT_AUX_H

#include <linux/capability.h>
#include <linux/sched.h>
#include <linux/time64.h>
#include <linux/audit.h>
#include <linux/types.h>

struct audit_buffer;
struct audit_context;
struct dentry;

/* The one syscall-specific record a syscall may have (struct audit_aux). */
enum audit_aux_kind {
	AUDIT_AUX_NONE,
	AUDIT_AUX_CAPSET,
	AUDIT_AUX_MMAP,
	AUDIT_AUX_OPENAT2,
	AUDIT_AUX_IPC,
	AUDIT_AUX_MQ_OPEN,
	AUDIT_AUX_MQ_SENDRECV,
	AUDIT_AUX_MQ_NOTIFY,
	AUDIT_AUX_MQ_GETSETATTR,
	AUDIT_AUX_TIME,
	AUDIT_AUX_KERN_MODULE,
	AUDIT_AUX_SOCKETCALL,
};

/* A task the syscall signalled or attached to (OBJ_PID), copied then. */
struct audit_aux_target {
	pid_t		pid;
	kuid_t		auid;
	kuid_t		uid;
	unsigned int	ses;
	u32		sid;
	char		comm[TASK_COMM_LEN];
};

/* Targets past the first, in blocks (kill of a process group). */
#define AUDIT_AUX_TARGET_BLOCK	16
struct audit_aux_targets {
	struct audit_aux_targets *next;
	unsigned int		n;
	struct audit_aux_target	t[AUDIT_AUX_TARGET_BLOCK];
};

/* A privilege-raising execve (BPRM_FCAPS); allocated only then. */
struct audit_aux_fcaps {
	u32		fver;
	bool		fe;
	kuid_t		rootid;
	kernel_cap_t	fp, fi;
	kernel_cap_t	old_pp, old_pi, old_pe, old_pa;
	kernel_cap_t	pp, pi, pe, pa;
};

/* The mq_attr fields a record shows. */
struct audit_aux_mq_attr {
	long		flags, maxmsg, msgsize, curmsgs;
};

/*
 * Embedded in the task's audit context, so touched only by the task
 * itself (the hooks run in its syscalls), without locks.  Values are
 * copied when a hook runs and formatted only at syscall exit, if the
 * syscall is logged.  Empty (present == 0) between syscalls: the exit
 * path calls audit_aux_reset() when anything was noted.
 */
struct audit_aux {
	u8			present;	/* AUDIT_AUX_HAS_* */
	u8			kind;		/* enum audit_aux_kind */
	int			fds[2];		/* FD_PAIR */
	struct audit_aux_fcaps	*fcaps;		/* owned; BPRM_FCAPS */
	struct audit_aux_target	target;		/* the first OBJ_PID */
	struct audit_aux_targets *more;		/* owned; the others */
	char			*module;	/* owned; KERN_MODULE's name */
	union {					/* by kind */
		struct {
			kernel_cap_t	pi, pp, pe, pa;
		} capset;
		struct {
			int		fd;
			int		flags;
		} mmap;
		struct {
			u64		flags, mode, resolve;
		} openat2;
		struct {
			kuid_t		uid;
			kgid_t		gid;
			umode_t		mode;
			bool		set;	/* IPC_SET_PERM follows */
			u32		osid;
			unsigned long	qbytes;
			uid_t		new_uid;
			gid_t		new_gid;
			umode_t		new_mode;
		} ipc;
		struct {
			int		oflag;
			umode_t		mode;
			struct audit_aux_mq_attr attr;
		} mq_open;
		struct {
			int		mqdes;
			size_t		len;
			unsigned int	prio;
			struct timespec64 timeout;
		} mq_sendrecv;
		struct {
			int		mqdes;
			int		signo;
		} mq_notify;
		struct {
			int		mqdes;
			struct audit_aux_mq_attr attr;
		} mq_getsetattr;
		struct {
			int		nargs;
			unsigned long	args[AUDITSC_ARGS];
		} socketcall;
		struct {
			struct timespec64 offset; /* TIME_INJOFFSET if not 0 */
			bool		ntp;	/* TIME_ADJNTPVAL for changes */
			struct audit_ntp_data ntp_vals;
		} time;
	};
};

#define AUDIT_AUX_HAS_KIND	BIT(0)
#define AUDIT_AUX_HAS_FDS	BIT(1)
#define AUDIT_AUX_HAS_FCAPS	BIT(2)
#define AUDIT_AUX_HAS_TARGET	BIT(3)

/* kernel/auditsc.c: the current syscall's, while its names are gathered. */
struct audit_aux *audit_aux_current(void);

/* Writes the auxiliary records of the event of @ctx. */
void audit_aux_log(struct audit_context *ctx, const struct audit_aux *aux);
/* Frees what was noted and empties @aux for the next syscall. */
void __audit_aux_reset(struct audit_aux *aux);

static inline void audit_aux_reset(struct audit_aux *aux)
{
	if (unlikely(aux->present))
		__audit_aux_reset(aux);
}

/*
 * Writes " cap_fp= cap_fi= cap_fe= cap_fver= cap_frootid=" of @fc, the
 * capabilities a file had when its name was reported; @noeval: the file
 * was not to be read ("?" instead).
 */
struct audit_file_caps;
void audit_log_fcaps(struct audit_buffer *ab, const struct audit_file_caps *fc,
		     bool noeval);

#endif /* _KERNEL_AUDIT_AUX_H */
