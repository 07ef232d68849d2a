/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-kernel interface of the lightweight audit framework.
 *
 * Any subsystem emits audit records through the printk-like record API
 * below (audit_log_start / audit_log_format / audit_log_end, or audit_log
 * for a one-liner).  The syscall hooks further down are called by the
 * architecture's syscall entry/exit code, the VFS and other subsystems to
 * describe the current system call.
 *
 * What is not implemented yet is an inline no-op here and is listed on
 * Documentation/audit/status.rst.
 */
#ifndef _LINUX_AUDIT_H_
#define _LINUX_AUDIT_H_

#include <linux/jump_label.h>
#include <linux/sched.h>
#include <linux/ptrace.h>
#include <linux/audit_arch.h>
#include <uapi/linux/audit.h>
#include <uapi/linux/netfilter/nf_tables.h>
#include <uapi/linux/fanotify.h>

/* Sentinels for "no inode / device recorded". */
#define AUDIT_INO_UNSET		((u64)-1)
#define AUDIT_DEV_UNSET		((dev_t)-1)

/* Values of audit_enabled. */
#define AUDIT_OFF		0
#define AUDIT_ON		1
#define AUDIT_LOCKED		2

struct audit_buffer;
struct audit_context;
struct audit_watch;
struct audit_tree;
struct audit_fsnotify_mark;
struct filename;
struct inode;
struct dentry;
struct file;
struct path;
struct linux_binprm;
struct mq_attr;
struct sigevent;
struct kern_ipc_perm;
struct open_how;
struct netlink_skb_parms;
struct sk_buff;
struct cred;

/* Reply payload of AUDIT_SIGNAL_INFO: who last signalled the daemon. */
struct audit_sig_info {
	uid_t		uid;
	pid_t		pid;
	char		ctx[];
};

/*
 * One comparison of a filter rule.  The LSMs see rules through this
 * structure (security_audit_rule_known and friends), so the members they
 * read keep their names: type, op and lsm_rule.
 */
struct audit_field {
	u32 type;	/* AUDIT_PID, AUDIT_UID, ... */
	u32 op;		/* Audit_equal, Audit_not_equal, ... */
	union {
		u32 val;
		kuid_t uid;
		kgid_t gid;
		struct {
			char *lsm_str;	/* the context text, as given */
			void *lsm_rule;	/* the LSM's compiled form */
		};
	};
};

/* A filter rule as the kernel keeps it. */
struct audit_krule {
	u32			pflags;		/* AUDIT_LOGINUID_LEGACY */
	u32			flags;		/* AUDIT_FILTER_* list */
	u32			listnr;
	u32			action;		/* AUDIT_NEVER, AUDIT_ALWAYS */
	u32			mask[AUDIT_BITMASK_SIZE]; /* syscalls */
	u32			buflen;
	u32			field_count;
	char			*filterkey;
	struct audit_field	*fields;
	struct audit_field	*arch_f;
	struct audit_field	*inode_f;
	struct audit_watch	*watch;
	struct audit_tree	*tree;
	struct audit_fsnotify_mark *exe;
	struct list_head	rlist;
	struct list_head	list;
	u64			prio;
};

#define AUDIT_LOGINUID_LEGACY	0x1

/* Kinds of time adjustment an NTP_ADJUST record reports. */
enum audit_ntp_type {
	AUDIT_NTP_OFFSET, AUDIT_NTP_FREQ, AUDIT_NTP_STATUS,
	AUDIT_NTP_TAI, AUDIT_NTP_TICK, AUDIT_NTP_ADJUST,
	AUDIT_NTP_NVALS
};

/*
 * The value of each kind before and after a do_adjtimex(), which fills
 * this on its stack through audit_ntp_set_old() and audit_ntp_set_new().
 */
struct audit_ntp_data {
#ifdef CONFIG_AUDITSYSCALL
	long long before[AUDIT_NTP_NVALS];
	long long after[AUDIT_NTP_NVALS];
#endif
};

/* Netfilter configuration operations reported by NETFILTER_CFG records. */
enum audit_nfcfgop {
	AUDIT_XT_OP_REGISTER, AUDIT_XT_OP_REPLACE, AUDIT_XT_OP_UNREGISTER,
	AUDIT_NFT_OP_TABLE_REGISTER, AUDIT_NFT_OP_TABLE_UNREGISTER,
	AUDIT_NFT_OP_CHAIN_REGISTER, AUDIT_NFT_OP_CHAIN_UNREGISTER,
	AUDIT_NFT_OP_RULE_REGISTER, AUDIT_NFT_OP_RULE_UNREGISTER,
	AUDIT_NFT_OP_SET_REGISTER, AUDIT_NFT_OP_SET_UNREGISTER,
	AUDIT_NFT_OP_SETELEM_REGISTER, AUDIT_NFT_OP_SETELEM_UNREGISTER,
	AUDIT_NFT_OP_GEN_REGISTER,
	AUDIT_NFT_OP_OBJ_REGISTER, AUDIT_NFT_OP_OBJ_UNREGISTER,
	AUDIT_NFT_OP_OBJ_RESET,
	AUDIT_NFT_OP_FLOWTABLE_REGISTER, AUDIT_NFT_OP_FLOWTABLE_UNREGISTER,
	AUDIT_NFT_OP_SETELEM_RESET, AUDIT_NFT_OP_RULE_RESET,
	AUDIT_NFT_OP_INVALID,
};

/* Syscall classes (perm= rules); the tables: kernel/audit_classes.c. */
int __init audit_register_class(int class, unsigned int *list);
int audit_classify_syscall(int abi, unsigned int syscall);
int audit_classify_arch(int arch);

/* Kinds of name a syscall touches (PATH record nametype=). */
#define AUDIT_TYPE_UNKNOWN	0
#define AUDIT_TYPE_NORMAL	1
#define AUDIT_TYPE_PARENT	2
#define AUDIT_TYPE_CHILD_DELETE	3
#define AUDIT_TYPE_CHILD_CREATE	4

#define AUDITSC_ARGS		6

/* TTY auditing flags (AUDIT_TTY_GET/SET). */
#define AUDIT_TTY_ENABLE	BIT(0)
#define AUDIT_TTY_LOG_PASSWD	BIT(1)

/* Flags of audit_inode(). */
#define AUDIT_INODE_PARENT	1
#define AUDIT_INODE_HIDDEN	2
#define AUDIT_INODE_NOEVAL	4

/*
 * Stand-ins for what is configured out or not implemented yet: empty
 * static inline functions, so that callers are still type-checked.
 * (Those that must return 0 are written out.)
 */
#define AUDIT_HOOK_NOOP(name, ...)	static inline void name(__VA_ARGS__) {}

#ifdef CONFIG_AUDIT_COMPAT_GENERIC
#define audit_is_compat(arch)	(!((arch) & __AUDIT_ARCH_64BIT))
#else
#define audit_is_compat(arch)	((void)(arch), false)
#endif

#ifdef CONFIG_AUDIT
/*
 * AUDIT_OFF, AUDIT_ON or AUDIT_LOCKED.  Read without locks by callers that
 * only want to skip work when auditing is off; written by kernel/audit.c.
 */
extern u32 audit_enabled;

/* The record API: kernel/audit_record.c. */
struct audit_buffer *audit_log_start(struct audit_context *ctx, gfp_t gfp_mask,
				     int type);
__printf(2, 3)
void audit_log_format(struct audit_buffer *ab, const char *fmt, ...);
void audit_log_end(struct audit_buffer *ab);
__printf(4, 5)
void audit_log(struct audit_context *ctx, gfp_t gfp_mask, int type,
	       const char *fmt, ...);

bool audit_string_contains_control(const char *string, size_t len);
void audit_log_n_hex(struct audit_buffer *ab, const unsigned char *buf,
		     size_t len);
void audit_log_n_string(struct audit_buffer *ab, const char *buf, size_t n);
void audit_log_n_untrustedstring(struct audit_buffer *ab, const char *string,
				 size_t n);
void audit_log_untrustedstring(struct audit_buffer *ab, const char *string);
void audit_log_d_path(struct audit_buffer *ab, const char *prefix,
		      const struct path *path);
void audit_log_key(struct audit_buffer *ab, char *key);
void audit_log_path_denied(int type, const char *operation);
int audit_log_task_context(struct audit_buffer *ab);
void audit_log_task_info(struct audit_buffer *ab);

/* A record could not be delivered: count it and apply the failure policy. */
void audit_log_lost(const char *message);

/* The LSM's policy changed: recompile the rules that name its contexts. */
int audit_update_lsm_rules(void);

int audit_set_loginuid(kuid_t loginuid);

static inline kuid_t audit_get_loginuid(struct task_struct *tsk)
{
	return tsk->loginuid;
}

static inline unsigned int audit_get_sessionid(struct task_struct *tsk)
{
	return tsk->sessionid;
}

/* Called on every signal sent; records who signals the audit daemon. */
int audit_signal_info(int sig, struct task_struct *t);

/* Records of other subsystems' own (kernel/audit_events.c). */
/* A fanotify listener's answer asked to be audited (FAN_AUDIT). */
void audit_fanotify(u32 response,
		    struct fanotify_response_info_audit_rule *friar);
/* A netfilter table, chain, rule, set ... was changed. */
void audit_log_nfcfg(const char *name, u8 af, unsigned int nentries,
		     enum audit_nfcfgop op, gfp_t gfp);

#else /* !CONFIG_AUDIT */

#define audit_enabled AUDIT_OFF

static inline struct audit_buffer *audit_log_start(struct audit_context *ctx,
						   gfp_t gfp_mask, int type)
{
	return NULL;
}

static inline __printf(2, 3)
void audit_log_format(struct audit_buffer *ab, const char *fmt, ...)
{ }
static inline __printf(4, 5)
void audit_log(struct audit_context *ctx, gfp_t gfp_mask, int type,
	       const char *fmt, ...)
{ }
static inline bool audit_string_contains_control(const char *string,
						 size_t len)
{
	return false;
}

AUDIT_HOOK_NOOP(audit_log_end, struct audit_buffer *ab)
AUDIT_HOOK_NOOP(audit_log_n_hex, struct audit_buffer *ab,
		const unsigned char *buf, size_t len)
AUDIT_HOOK_NOOP(audit_log_n_string, struct audit_buffer *ab, const char *buf,
		size_t n)
AUDIT_HOOK_NOOP(audit_log_n_untrustedstring, struct audit_buffer *ab,
		const char *string, size_t n)
AUDIT_HOOK_NOOP(audit_log_untrustedstring, struct audit_buffer *ab,
		const char *string)
AUDIT_HOOK_NOOP(audit_log_d_path, struct audit_buffer *ab, const char *prefix,
		const struct path *path)
AUDIT_HOOK_NOOP(audit_log_key, struct audit_buffer *ab, char *key)
AUDIT_HOOK_NOOP(audit_log_path_denied, int type, const char *operation)
static inline int audit_log_task_context(struct audit_buffer *ab)
{
	return 0;
}

AUDIT_HOOK_NOOP(audit_log_task_info, struct audit_buffer *ab)
AUDIT_HOOK_NOOP(audit_fanotify, u32 response,
		struct fanotify_response_info_audit_rule *friar)
AUDIT_HOOK_NOOP(audit_log_nfcfg, const char *name, u8 af,
		unsigned int nentries, enum audit_nfcfgop op, gfp_t gfp)
static inline int audit_signal_info(int sig, struct task_struct *t)
{
	return 0;
}

static inline kuid_t audit_get_loginuid(struct task_struct *tsk)
{
	return INVALID_UID;
}

static inline unsigned int audit_get_sessionid(struct task_struct *tsk)
{
	return AUDIT_SID_UNSET;
}
#endif /* CONFIG_AUDIT */

static inline bool audit_loginuid_set(struct task_struct *tsk)
{
	return uid_valid(audit_get_loginuid(tsk));
}

#ifdef CONFIG_AUDITSYSCALL
/*
 * The syscall hooks (kernel/auditsc.c).  Each inline wrapper costs one
 * static branch while nothing needs it: audit_on_key is on while audit
 * is enabled, audit_exit_rules_key while the exit (or the io_uring) list
 * has rules, and audit_exit_key from the first time audit is enabled
 * on, so that a syscall that began audited always ends through the exit
 * hook.
 */
extern struct static_key_false audit_on_key;
extern struct static_key_false audit_exit_rules_key;
extern struct static_key_false audit_exit_key;

int __audit_alloc(struct task_struct *task);
void __audit_free(struct task_struct *task);
void __audit_syscall_entry(int major, unsigned long a0, unsigned long a1,
			   unsigned long a2, unsigned long a3);
void __audit_syscall_exit(int success, long ret);
void __audit_getname(struct filename *name);
void __audit_inode(struct filename *name, const struct dentry *dentry,
		   unsigned int flags);
void __audit_file(const struct file *file);
void __audit_inode_child(struct inode *parent, const struct dentry *dentry,
			 const unsigned char type);
int __audit_sockaddr(int len, void *addr);
void __audit_bprm(struct linux_binprm *bprm);
/* A task dumps core: the ANOM_ABEND record. */
void audit_core_dumps(long signr);
/* Auxiliary records of the syscall event (kernel/audit_aux.c). */
int __audit_log_bprm_fcaps(struct linux_binprm *bprm, const struct cred *new,
			   const struct cred *old);
void __audit_log_capset(const struct cred *new, const struct cred *old);
void __audit_ptrace(struct task_struct *t);
void __audit_mmap_fd(int fd, int flags);
void __audit_openat2_how(struct open_how *how);
void __audit_fd_pair(int fd0, int fd1);
void __audit_ipc_obj(struct kern_ipc_perm *ipcp);
void __audit_ipc_set_perm(unsigned long qbytes, uid_t uid, gid_t gid,
			  umode_t mode);
void __audit_mq_open(int oflag, umode_t mode, struct mq_attr *attr);
void __audit_mq_sendrecv(mqd_t mqdes, size_t msg_len, unsigned int msg_prio,
			 const struct timespec64 *abs_timeout);
void __audit_mq_notify(mqd_t mqdes, const struct sigevent *notification);
void __audit_mq_getsetattr(mqd_t mqdes, struct mq_attr *mqstat);
void __audit_tk_injoffset(struct timespec64 offset);
void __audit_ntp_log(const struct audit_ntp_data *ad);
void __audit_log_kern_module(const char *name);
/* seccomp logged an action: the SECCOMP record. */
void audit_seccomp(unsigned long syscall, long signr, int code);
/* The seccomp actions_logged sysctl changed: CONFIG_CHANGE. */
void audit_seccomp_actions_logged(const char *names, const char *old_names,
				  int res);

#define audit_n_rules	0
#define audit_signals	0

static inline int audit_alloc(struct task_struct *task)
{
	task->audit_context = NULL;
	if (static_branch_unlikely(&audit_exit_key))
		return __audit_alloc(task);
	return 0;
}

static inline void audit_free(struct task_struct *task)
{
	if (unlikely(task->audit_context))
		__audit_free(task);
}

static inline void audit_set_context(struct task_struct *task,
				     struct audit_context *ctx)
{
	task->audit_context = ctx;
}

static inline struct audit_context *audit_context(void)
{
	return current->audit_context;
}

/* Are names being gathered for the current syscall? */
static inline bool audit_gathering_names(void)
{
	return static_branch_unlikely(&audit_exit_rules_key) &&
	       current->audit_context;
}

static inline bool audit_dummy_context(void)
{
	return !audit_gathering_names();
}

static inline void audit_syscall_entry(int major, unsigned long a0,
				       unsigned long a1, unsigned long a2,
				       unsigned long a3)
{
	if (static_branch_unlikely(&audit_exit_rules_key))
		__audit_syscall_entry(major, a0, a1, a2, a3);
}

static inline void audit_syscall_exit(void *pt_regs)
{
	long ret;

	if (static_branch_unlikely(&audit_exit_key) && current->audit_context) {
		ret = regs_return_value((struct pt_regs *)pt_regs);
		__audit_syscall_exit(!IS_ERR_VALUE(ret), ret);
	}
}

static inline void audit_getname(struct filename *name)
{
	if (audit_gathering_names())
		__audit_getname(name);
}

static inline void audit_inode(struct filename *name,
			       const struct dentry *dentry, unsigned int aflags)
{
	if (audit_gathering_names())
		__audit_inode(name, dentry, aflags);
}

static inline void audit_inode_parent_hidden(struct filename *name,
					     const struct dentry *dentry)
{
	if (audit_gathering_names())
		__audit_inode(name, dentry,
			      AUDIT_INODE_PARENT | AUDIT_INODE_HIDDEN);
}

static inline void audit_inode_child(struct inode *parent,
				     const struct dentry *dentry,
				     const unsigned char type)
{
	if (audit_gathering_names())
		__audit_inode_child(parent, dentry, type);
}

static inline void audit_file(struct file *file)
{
	if (audit_gathering_names())
		__audit_file(file);
}

static inline int audit_sockaddr(int len, void *addr)
{
	return audit_gathering_names() ? __audit_sockaddr(len, addr) : 0;
}

static inline void audit_bprm(struct linux_binprm *bprm)
{
	if (static_branch_unlikely(&audit_on_key) && current->audit_context)
		__audit_bprm(bprm);
}

/*
 * Hooks of the auxiliary records: each notes a few values for the
 * current syscall's records, and costs one static branch while no exit
 * rule exists.
 */
static inline int audit_log_bprm_fcaps(struct linux_binprm *bprm,
				       const struct cred *new,
				       const struct cred *old)
{
	if (audit_gathering_names())
		return __audit_log_bprm_fcaps(bprm, new, old);
	return 0;
}

static inline void audit_log_capset(const struct cred *new,
				    const struct cred *old)
{
	if (audit_gathering_names())
		__audit_log_capset(new, old);
}

static inline void audit_ptrace(struct task_struct *t)
{
	if (audit_gathering_names())
		__audit_ptrace(t);
}

static inline void audit_mmap_fd(int fd, int flags)
{
	if (audit_gathering_names())
		__audit_mmap_fd(fd, flags);
}

static inline void audit_openat2_how(struct open_how *how)
{
	if (audit_gathering_names())
		__audit_openat2_how(how);
}

static inline void audit_fd_pair(int fd0, int fd1)
{
	if (audit_gathering_names())
		__audit_fd_pair(fd0, fd1);
}

static inline void audit_ipc_obj(struct kern_ipc_perm *ipcp)
{
	if (audit_gathering_names())
		__audit_ipc_obj(ipcp);
}

static inline void audit_ipc_set_perm(unsigned long qbytes, uid_t uid,
				      gid_t gid, umode_t mode)
{
	if (audit_gathering_names())
		__audit_ipc_set_perm(qbytes, uid, gid, mode);
}

static inline void audit_mq_open(int oflag, umode_t mode,
				 struct mq_attr *attr)
{
	if (audit_gathering_names())
		__audit_mq_open(oflag, mode, attr);
}

static inline void audit_mq_sendrecv(mqd_t mqdes, size_t msg_len,
				     unsigned int msg_prio,
				     const struct timespec64 *abs_timeout)
{
	if (audit_gathering_names())
		__audit_mq_sendrecv(mqdes, msg_len, msg_prio, abs_timeout);
}

static inline void audit_mq_notify(mqd_t mqdes,
				   const struct sigevent *notification)
{
	if (audit_gathering_names())
		__audit_mq_notify(mqdes, notification);
}

static inline void audit_mq_getsetattr(mqd_t mqdes, struct mq_attr *mqstat)
{
	if (audit_gathering_names())
		__audit_mq_getsetattr(mqdes, mqstat);
}

/* The clock was stepped by @offset (settimeofday, adjtimex). */
static inline void audit_tk_injoffset(struct timespec64 offset)
{
	if ((offset.tv_sec || offset.tv_nsec) && audit_gathering_names())
		__audit_tk_injoffset(offset);
}

/*
 * do_adjtimex() notes each NTP value before and after its change under
 * the timekeeper's lock, so these three only store; then it calls
 * audit_ntp_log(), which keeps what changed for the syscall's records.
 */
static inline void audit_ntp_init(struct audit_ntp_data *ad)
{
	*ad = (struct audit_ntp_data){};
}

static inline void audit_ntp_set_old(struct audit_ntp_data *ad,
				     enum audit_ntp_type type, long long val)
{
	ad->before[type] = val;
}

static inline void audit_ntp_set_new(struct audit_ntp_data *ad,
				     enum audit_ntp_type type, long long val)
{
	ad->after[type] = val;
}

static inline void audit_ntp_log(const struct audit_ntp_data *ad)
{
	if (audit_gathering_names())
		__audit_ntp_log(ad);
}

/* The module an init_module, finit_module or delete_module names. */
static inline void audit_log_kern_module(const char *name)
{
	if (audit_gathering_names())
		__audit_log_kern_module(name);
}
#else /* !CONFIG_AUDITSYSCALL */
#define audit_n_rules	0
#define audit_signals	0

static inline int audit_alloc(struct task_struct *task)
{
	return 0;
}

AUDIT_HOOK_NOOP(audit_free, struct task_struct *task)
AUDIT_HOOK_NOOP(audit_set_context, struct task_struct *task,
		struct audit_context *ctx)

static inline struct audit_context *audit_context(void)
{
	return NULL;
}

static inline bool audit_dummy_context(void)
{
	return true;
}

AUDIT_HOOK_NOOP(audit_syscall_entry, int major, unsigned long a0,
		unsigned long a1, unsigned long a2, unsigned long a3)
AUDIT_HOOK_NOOP(audit_syscall_exit, void *pt_regs)
AUDIT_HOOK_NOOP(audit_getname, struct filename *name)
AUDIT_HOOK_NOOP(audit_inode, struct filename *name,
		const struct dentry *dentry, unsigned int aflags)
AUDIT_HOOK_NOOP(audit_inode_parent_hidden, struct filename *name,
		const struct dentry *dentry)
AUDIT_HOOK_NOOP(audit_inode_child, struct inode *parent,
		const struct dentry *dentry, const unsigned char type)
AUDIT_HOOK_NOOP(audit_file, struct file *file)
AUDIT_HOOK_NOOP(audit_ptrace, struct task_struct *t)
AUDIT_HOOK_NOOP(audit_mmap_fd, int fd, int flags)
AUDIT_HOOK_NOOP(audit_bprm, struct linux_binprm *bprm)
AUDIT_HOOK_NOOP(audit_core_dumps, long signr)
AUDIT_HOOK_NOOP(audit_log_capset, const struct cred *new,
		const struct cred *old)
AUDIT_HOOK_NOOP(audit_openat2_how, struct open_how *how)
AUDIT_HOOK_NOOP(audit_fd_pair, int fd0, int fd1)
AUDIT_HOOK_NOOP(audit_ipc_obj, struct kern_ipc_perm *ipcp)
AUDIT_HOOK_NOOP(audit_ipc_set_perm, unsigned long qbytes, uid_t uid,
		gid_t gid, umode_t mode)
AUDIT_HOOK_NOOP(audit_mq_open, int oflag, umode_t mode, struct mq_attr *attr)
AUDIT_HOOK_NOOP(audit_mq_sendrecv, mqd_t mqdes, size_t msg_len,
		unsigned int msg_prio, const struct timespec64 *abs_timeout)
AUDIT_HOOK_NOOP(audit_mq_notify, mqd_t mqdes,
		const struct sigevent *notification)
AUDIT_HOOK_NOOP(audit_mq_getsetattr, mqd_t mqdes, struct mq_attr *mqstat)
AUDIT_HOOK_NOOP(audit_tk_injoffset, struct timespec64 offset)
AUDIT_HOOK_NOOP(audit_ntp_init, struct audit_ntp_data *ad)
AUDIT_HOOK_NOOP(audit_ntp_set_old, struct audit_ntp_data *ad,
		enum audit_ntp_type type, long long val)
AUDIT_HOOK_NOOP(audit_ntp_set_new, struct audit_ntp_data *ad,
		enum audit_ntp_type type, long long val)
AUDIT_HOOK_NOOP(audit_ntp_log, const struct audit_ntp_data *ad)
AUDIT_HOOK_NOOP(audit_log_kern_module, const char *name)
AUDIT_HOOK_NOOP(audit_seccomp, unsigned long syscall, long signr, int code)
AUDIT_HOOK_NOOP(audit_seccomp_actions_logged, const char *names,
		const char *old_names, int res)

static inline int audit_log_bprm_fcaps(struct linux_binprm *bprm,
				       const struct cred *new,
				       const struct cred *old)
{
	return 0;
}

static inline int audit_sockaddr(int len, void *addr)
{
	return 0;
}
#endif /* CONFIG_AUDITSYSCALL */

/*
 * An io_uring operation (io_issue_sqe()): inline in io_uring_enter, a
 * URINGOP record in the syscall's event; in an io-wq worker or the SQPOLL
 * thread, an event of its own, filtered by the io_uring list.  Only a
 * task with an audit context pays a call.
 */
#ifdef CONFIG_AUDITSYSCALL
void __audit_uring_entry(u8 op);
void __audit_uring_exit(int success, long code);

static inline void audit_uring_entry(u8 op)
{
	if (unlikely(current->audit_context))
		__audit_uring_entry(op);
}

static inline void audit_uring_exit(int success, long code)
{
	if (unlikely(current->audit_context))
		__audit_uring_exit(success, code);
}
#else
AUDIT_HOOK_NOOP(audit_uring_entry, u8 op)
AUDIT_HOOK_NOOP(audit_uring_exit, int success, long code)
#endif

/*
 * Hooks whose records are not implemented yet: empty, and listed as
 * missing on Documentation/audit/status.rst.
 */

/* Names: every getname() allocates afresh; nothing is reused. */
static inline struct filename *audit_reusename(const __user char *name)
{
	return NULL;
}

/*
 * socketcall(2), the multiplexed socket syscall of 32-bit ABIs: its
 * arguments as the caller gave them (SOCKETCALL).  A count out of range
 * fails the syscall with EINVAL, as with the stock kernel.
 */
#ifdef CONFIG_AUDITSYSCALL
int __audit_socketcall(int nargs, const unsigned long *args);

static inline int audit_socketcall(int nargs, unsigned long *args)
{
	if (audit_gathering_names())
		return __audit_socketcall(nargs, args);
	return 0;
}

static inline int audit_socketcall_compat(int nargs, u32 *args)
{
	unsigned long wide[AUDITSC_ARGS];
	int i;

	if (!audit_gathering_names())
		return 0;
	if (nargs <= 0 || nargs > AUDITSC_ARGS)
		return -EINVAL;
	for (i = 0; i < nargs; i++)
		wide[i] = args[i];
	return __audit_socketcall(nargs, wide);
}
#else
static inline int audit_socketcall(int nargs, unsigned long *args)
{
	return 0;
}

static inline int audit_socketcall_compat(int nargs, u32 *args)
{
	return 0;
}
#endif

#endif /* _LINUX_AUDIT_H_ */
