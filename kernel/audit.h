/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of the audit core.  Nothing here is for
 * other subsystems: they use include/linux/audit.h.
 */
#ifndef _KERNEL_AUDIT_H
#define _KERNEL_AUDIT_H

#include <linux/audit.h>
#include <linux/err.h>
#include <linux/netlink.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

/* ---- kernel/audit.c: configuration, failure policy, task details ---- */

/*
 * The tunables of struct audit_status.  Written only by
 * audit_apply_status() under audit_cmd_mutex; read anywhere with READ_ONCE.
 */
extern u32 audit_failure;
extern u32 audit_backlog_limit;
extern u32 audit_backlog_wait_time;	/* jiffies */

/* Records dropped since boot or the last reset; see audit_log_lost(). */
extern atomic_t audit_lost;
/*
 * A record goes out without part of what it should say (no memory for
 * the task's context, for a field): the failure policy applies, but the
 * record is not lost and is not counted.
 */
void audit_log_failure(const char *message);
/* Jiffies tasks spent waiting for backlog room, since the last reset. */
extern atomic_t audit_backlog_wait_time_actual;

/* False before audit_init() and forever after audit=0 on the command line. */
bool audit_is_ready(void);

/*
 * audit_cmd_mutex serialises configuration changes: each netlink request,
 * the work that removes the rules of a directory that went
 * (audit_dir.c), and the recompilation of LSM rules after a policy load.
 * It protects the master rule lists (auditfilter.c) and the writes of the
 * tunables above.  Take it with audit_cmd_lock(): its holder must never
 * sleep waiting for backlog room, since every request would wait behind
 * it, so its records are admitted a little past backlog_limit instead
 * (audit_backlog_admit()), and audit_cmd_unlock() says when that happened
 * so that a netlink sender can wait for room once it holds nothing.
 */
extern struct mutex audit_cmd_mutex;
void audit_cmd_lock(void);
bool audit_cmd_unlock(void);
/* Is the current task the holder?  (Any task may ask.) */
bool audit_cmd_held_by_current(void);
/* The holder's record went past backlog_limit. */
void audit_cmd_note_over_limit(void);

/* The feature bits of AUDIT_GET_FEATURE / AUDIT_SET_FEATURE. */
bool audit_feature_is_set(int feature);
void audit_features_get(struct audit_features *af);
int audit_features_set(const struct audit_features *af);

/* ---- kernel/audit_task.c: the current task's fields in records ---- */

/* Writes " exe=PATH" of @mm's executable, or " exe=(null)". */
void audit_log_exe(struct audit_buffer *ab, struct mm_struct *mm);
/* Writes " auid=%u ses=%u" of the current task. */
void audit_log_session_info(struct audit_buffer *ab);
/* Writes " tty=NAME" of the current task, or " tty=(none)". */
void audit_log_tty(struct audit_buffer *ab);
/* " uid= gid= euid= suid= fsuid= egid= sgid= fsgid=" of the current task. */
void audit_log_cred_ids(struct audit_buffer *ab);
/* " auid= uid= gid= ses= subj= pid= comm= exe=" of the current task. */
void audit_log_task_ids(struct audit_buffer *ab);

/* What a record shows of a secid the LSM has no text for. */
enum audit_secctx_fallback {
	AUDIT_SECCTX_NOTHING,	/* nothing (subj=) */
	AUDIT_SECCTX_OSID,	/* " osid=N" (PATH, IPC) */
	AUDIT_SECCTX_NONE,	/* " NAME=(none)" (OBJ_PID) */
};

int audit_log_secctx(struct audit_buffer *ab, const char *name, u32 sid,
		     enum audit_secctx_fallback fallback);

/* ---- kernel/audit_events.c: records of their own ---- */

/* Emits CONFIG_CHANGE: "op=set NAME=NEW old=OLD auid= ses= subj= res=". */
void audit_log_config_change(const char *name, u32 new, u32 old, bool ok);
void audit_log_feature_change(const char *feature, bool was, bool now,
			      bool was_locked, bool now_locked, int res);
void audit_log_login(kuid_t old, kuid_t new, unsigned int old_ses,
		     unsigned int ses, bool ok);
/* A socket joined (@op "connect") or left a multicast group. */
void audit_log_event_listener(int group, const char *op, bool ok);

/* Who last signalled the daemon (AUDIT_SIGNAL_INFO). */
void audit_signal_info_get(kuid_t *uid, pid_t *pid, u32 *secid);

/* ---- kernel/audit_record.c: records ---- */

/*
 * Starting size of a record's buffer; records grow on demand up to
 * AUDIT_RECORD_MAX bytes of text: what the daemons read in one message
 * (libaudit's MAX_AUDIT_MESSAGE_LENGTH, 8970 bytes with the header).
 * Text that comes from outside (user messages) is cut to
 * AUDIT_MESSAGE_TEXT_MAX first, which leaves room for the fields around it.
 */
#define AUDIT_RECORD_START	512
#define AUDIT_RECORD_MAX	(8970 - NLMSG_HDRLEN)

struct audit_buffer {
	struct sk_buff		*skb;	/* nlmsghdr + record text */
	gfp_t			gfp;
};

/* The length of a queued record's text (no terminating NUL); @text is set. */
static inline unsigned int audit_record_text(const struct sk_buff *skb,
					     const char **text)
{
	*text = (const char *)skb->data + NLMSG_HDRLEN;
	return skb->len - NLMSG_HDRLEN;
}

/* A fresh record buffer of @type, or NULL when memory ran out. */
struct audit_buffer *audit_buffer_alloc(gfp_t gfp, int type);

/* Allocates the next event serial number (never 0). */
unsigned int audit_next_serial(void);

/* ---- kernel/audit_ratelimit.c ---- */

/*
 * A token bucket holding up to one second of credit.  Each record spends
 * NSEC_PER_SEC / limit nanoseconds of credit; credit accrues with time.
 * The lock protects all fields; limit 0 means unlimited.
 */
struct audit_ratelimit {
	spinlock_t	lock;		/* protects every field below */
	u32		limit;		/* records per second, 0 = unlimited */
	u64		credit_ns;
	u64		last_ns;
};

void audit_ratelimit_init(struct audit_ratelimit *rl, u32 limit, u64 now_ns);
void audit_ratelimit_set(struct audit_ratelimit *rl, u32 limit, u64 now_ns);
bool audit_ratelimit_allow(struct audit_ratelimit *rl, u64 now_ns);

/* The limiter for all records (struct audit_status rate_limit). */
extern struct audit_ratelimit audit_rate;

/* ---- kernel/audit_queue.c: delivery ---- */

/* May a new record be started?  Waits for room when the caller may sleep. */
bool audit_backlog_admit(gfp_t gfp);
/*
 * Waits up to backlog_wait_time for the backlog to have room, as a task
 * that may sleep and holds no audit lock; true when it has.
 */
bool audit_backlog_wait_room(void);
/* Takes ownership of a finished record. */
void audit_queue_record(struct sk_buff *skb);
unsigned int audit_backlog_len(void);
unsigned int audit_hold_len(void);

struct audit_daemon;
struct net;
/*
 * Allocation is separate so that a request can fail before changing
 * anything.  @sk is the daemon's socket; its network namespace is the
 * one the records go to.
 */
struct audit_daemon *audit_daemon_alloc(struct pid *pid, u32 portid,
					struct sock *sk);
void audit_daemon_register(struct audit_daemon *d);
void audit_daemon_unregister(void);
/* The daemon's tgid as seen from the caller's pid namespace, or 0. */
pid_t audit_daemon_pid_vnr(void);
bool audit_daemon_is(struct pid *tgid);
/* The daemon's socket was released: forget it, keep its records. */
void audit_daemon_socket_released(const struct net *net, u32 portid);
/* Readies a namespace's kernel socket for sending to a daemon. */
void audit_daemon_sock_init(struct sock *sk);

/* @sk: the initial namespace's kernel socket, for multicast readers. */
int __init audit_queue_start(struct sock *sk);

/* ---- kernel/audit_netlink.c ---- */

int __init audit_netlink_init(void);
/* The kernel end of NETLINK_AUDIT in @net, which the caller holds. */
struct sock *audit_net_sock(const struct net *net);

/*
 * Validation of AUDIT_SET, separate from its application so that a bad
 * request changes nothing (and so that KUnit can test it).
 */
int audit_status_validate(const struct audit_status *s, size_t len,
			  u32 enabled_now);

/* ---- kernel/auditfilter.c: rules ---- */

#define AUDIT_MAX_RULES		65535
/* Syscall numbers a rule's mask can name. */
#define AUDIT_SYSCALL_SLOTS	(AUDIT_BITMASK_SIZE * 32)
/* Joins the keys of a rule with several -k. */
#define AUDIT_KEY_SEPARATOR	0x01

struct audit_pathspec;

/*
 * A filter rule.  Immutable once on a list, except for the list linkage,
 * which audit_cmd_mutex protects.  Freed when the last reference (the
 * master list's, and one per snapshot holding it) is dropped.
 */
struct audit_rule {
	refcount_t		ref;
	struct list_head	list;
	struct hlist_node	hash;		/* audit_rule_hash, by orig */
	u32			hash_val;	/* its hash there */
	struct rcu_work		put_work;	/* audit_rule_put_rcu() */
	struct audit_rule	*replaced;	/* while compiled again */
	s64			order;		/* position in its list */
	u32			listnr;
	u32			action;		/* AUDIT_NEVER, AUDIT_ALWAYS */
	bool			prepend;	/* added with -A */
	u32			mask[AUDIT_BITMASK_SIZE];
	u32			nfields;
	struct audit_field	*fields;
	char			*key;		/* NULL, or keys joined by \x01 */
	struct audit_pathspec	*watch;		/* AUDIT_WATCH or AUDIT_DIR */
	bool			watch_eq;	/* ... with the "=" operator */
	struct audit_pathspec	*exe;		/* AUDIT_EXE */
	struct audit_rule_data	*orig;		/* as added, for listing */
	size_t			orig_len;
};

/* The task ids that index exit rules by value (kernel/audit_ruleset.c). */
enum audit_key_field {
	AUDIT_KEY_UID, AUDIT_KEY_EUID, AUDIT_KEY_AUID, AUDIT_KEY_PID,
	AUDIT_KEY_FIELDS
};

/*
 * Parses and validates a rule as sent; ERR_PTR on bad input.  The rule's
 * watched directory is looked up too (audit_watch_resolve()).
 */
struct audit_rule *audit_rule_from_data(const void *data, size_t len);
void audit_rule_put(struct audit_rule *r);
/* Puts @r once every reader that may have found it in a snapshot is done. */
void audit_rule_put_rcu(struct audit_rule *r);
int audit_rule_request(int type, const void *data, size_t len);
int audit_rule_list(struct sk_buff *skb, const struct nlmsghdr *nlh,
		    struct sock *sk);
/* Should a record of @msgtype be logged (AUDIT_FILTER_USER or _EXCLUDE)? */
bool audit_filter_record(u32 listnr, int msgtype);
/* Does the filesystem list exclude names on filesystems of @magic? */
bool audit_filter_fs(unsigned long magic);
/*
 * Removes the rules whose watched directory went (audit_watch_gone()),
 * as AUDIT_DEL_RULE would; -ENOMEM when nothing could change.
 */
int audit_rules_remove_gone(void);

/* ---- kernel/audit_ruleset.c: the published rules ---- */

struct audit_ruleset;
struct audit_subject;
extern struct static_key_false audit_exit_rules_key;

/*
 * Builds a snapshot of @lists (AUDIT_NR_FILTERS lists of rules in rule
 * order); NULL when memory ran out.  A snapshot holds no reference on its
 * rules.  Under audit_cmd_mutex, audit_ruleset_publish() builds and
 * publishes a whole new one; audit_ruleset_change() publishes the
 * current one with rule @r added (@add, @r already in its list with its
 * order key set) or deleted, copying only what that changes.  On failure
 * (-ENOMEM) nothing changed.  A rule that left the lists must be put with
 * audit_rule_put_rcu(): readers of older snapshots may still see it.
 */
struct audit_ruleset *audit_ruleset_build(struct list_head *lists);
int audit_ruleset_publish(struct list_head *lists);
int audit_ruleset_change(struct audit_rule *r, bool add);
/*
 * For a snapshot no reader can see (tests): @rs (NULL: empty) with @r
 * added or deleted, @rs consumed; ERR_PTR on failure, @rs kept.
 */
struct audit_ruleset *audit_ruleset_changed(struct audit_ruleset *rs,
					    struct audit_rule *r, bool add);
void audit_ruleset_free(struct audit_ruleset *rs);
/* Under RCU: the set of watched identities (kernel/audit_watch.c). */
const struct audit_watch_set *audit_ruleset_watch_set(void);
/* Under RCU: the first rule of list @listnr that matches @s, or NULL. */
struct audit_rule *audit_ruleset_first(u32 listnr,
				       const struct audit_subject *s);
/* Could an exit rule match syscall @major?  And does the ruleset watch? */
bool audit_ruleset_names_syscall(int major, bool *watches);
/*
 * Under RCU: the first exit rule, in rule order, that matches @s at the
 * exit of its syscall (s->sc), from the published snapshot or from @rs.
 */
struct audit_rule *audit_ruleset_exit(const struct audit_subject *s);
/* Under RCU: the first io_uring-list rule for operation @op matching @s. */
struct audit_rule *audit_ruleset_uring(const struct audit_subject *s, u8 op);
struct audit_rule *audit_ruleset_exit_in(const struct audit_ruleset *rs,
					 const struct audit_subject *s);

/* ---- kernel/audit_fields.c: the rule fields ---- */

/* One past the largest field number of the uapi header (AUDIT_FILTERKEY). */
#define AUDIT_FIELD_TYPES	(AUDIT_FILTERKEY + 1)

/* What a field's value is, as a rule carries it. */
enum audit_field_kind {
	AUDIT_KIND_NUM,		/* a number */
	AUDIT_KIND_UID,		/* a user id, in the sender's namespace */
	AUDIT_KIND_GID,		/* a group id, likewise */
	AUDIT_KIND_KEY,		/* the rule's key: a string, a label */
	AUDIT_KIND_WATCH,	/* a watched path (watch=, dir=) */
	AUDIT_KIND_EXE,		/* an executable's path */
	AUDIT_KIND_LSM,		/* a security label, compiled by the LSM */
};

/* The operators a field takes: none, = and !=, all but bit tests, all. */
enum audit_field_ops {
	AUDIT_OPS_NONE, AUDIT_OPS_EQUALITY, AUDIT_OPS_ORDERED, AUDIT_OPS_ALL
};

struct audit_name;
struct audit_syscall;

/* Who and what a rule is tried against. */
struct audit_subject {
	struct task_struct	*tsk;
	const struct cred	*cred;		/* tsk's, under RCU */
	struct audit_syscall	*sc;		/* the syscall at exit, or NULL */
	int			msgtype;	/* the record's type, or 0 */
	unsigned long		fs_magic;	/* the filesystem list's question */
};

struct audit_field_desc {
	u8	kind;		/* enum audit_field_kind */
	u8	ops;		/* enum audit_field_ops */
	u8	index;		/* enum audit_key_field + 1; 0: not a key */
	bool	names;		/* looks at the syscall's names */
	u8	lists;		/* BIT(AUDIT_FILTER_*) that allow it */
	int	(*check)(u32 val);	/* a value out of range: -EINVAL */
	bool	(*match)(const struct audit_subject *s,
			 const struct audit_rule *r,
			 const struct audit_field *f);
	/* For audit_match_names: does one name satisfy the field? */
	bool	(*name_match)(const struct audit_name *n,
			      const struct audit_rule *r,
			      const struct audit_field *f);
};

/* The entry of field @type, or NULL when there is no such field. */
const struct audit_field_desc *audit_field_desc(u32 type);
bool audit_field_is_lsm(u32 type);
/* May field @f (operator set, value @val as sent) be on list @listnr? */
int audit_field_validate(u32 listnr, const struct audit_field *f, u32 val);
bool audit_compare(u32 left, u32 op, u32 right);
void audit_rule_classify(struct audit_rule *r);
void audit_subject_init(struct audit_subject *s, struct task_struct *tsk,
			struct audit_syscall *sc, int msgtype);
/* Does @r match @s?  Call under RCU. */
bool audit_rule_match(const struct audit_rule *r,
		      const struct audit_subject *s);

/* ---- kernel/audit_classes.c: syscall classes ---- */

void audit_mask_expand_classes(u32 *mask);
void audit_perm_syscalls(u32 perm, u32 *mask);
u32 audit_syscall_perm(u32 arch, int nr, const unsigned long *args);

/* ---- kernel/audit_watch.c: path, directory and executable rules ---- */

/*
 * An inode by identity.  The generation tells a reused inode number from
 * the one remembered, on filesystems that set it (tmpfs, ext4, xfs ...).
 */
struct audit_inode_id {
	unsigned long	ino;
	dev_t		dev;
	u32		gen;
};

void audit_inode_id_set(struct audit_inode_id *id, const struct inode *inode);

static inline bool audit_inode_id_eq(const struct audit_inode_id *a,
				     const struct audit_inode_id *b)
{
	return a->ino == b->ino && a->dev == b->dev && a->gen == b->gen;
}

int audit_watch_init(struct audit_rule *r, struct audit_field *f, char *path);
/* Finds and holds the directory a watch= or dir= field names; may sleep. */
int audit_watch_resolve(struct audit_rule *r);
/* Is @r a directory rule (dir=, -w DIR)? */
bool audit_watch_is_dir(const struct audit_rule *r);
/* AUDIT_TRIM: @fresh keeps only the mounts @old took in that remain. */
bool audit_watch_trim(struct audit_rule *fresh, const struct audit_rule *old,
		      void *unused);
/* AUDIT_TRIM: each directory rule forgets the mounts gone from below it. */
int audit_rules_trim(void);
/*
 * AUDIT_MAKE_EQUIV: OLD's ancestors and NEW's mount roots, looked up once
 * (audit_equiv_prepare(), may sleep); the directory rules holding OLD
 * (audit_watch_covers()) take NEW's in (audit_watch_equiv()).
 */
struct audit_equiv;
struct audit_equiv *audit_equiv_prepare(const char *old, const char *new);
void audit_equiv_free(struct audit_equiv *e);
int audit_equiv_err(const struct audit_equiv *e);
bool audit_watch_covers(const struct audit_rule *r, void *equiv);
bool audit_watch_equiv(struct audit_rule *fresh, const struct audit_rule *old,
		       void *equiv);
int audit_rules_make_equiv(const char *old, const char *new);
/* Frees the rule's paths, releasing its directory; may sleep. */
void audit_watch_free(struct audit_rule *r);
/* Has the directory that rule @r watches been removed or unmounted? */
bool audit_watch_gone(const struct audit_rule *r);
/*
 * CONFIG_CHANGE op=remove_rule for a rule removed with its directory,
 * unless audit_watch_log_going() logged it when the directory went.
 */
void audit_watch_log_removed(const struct audit_rule *r);
struct audit_dir;
/*
 * Directory @d is going, removed (or unmounted) by @auid, @ses: if rule
 * @r watches it, its CONFIG_CHANGE now, in the current syscall's event,
 * as with the stock kernel.  Sleeps not; call under RCU.
 */
void audit_watch_log_going(struct audit_rule *r, const struct audit_dir *d,
			   kuid_t auid, unsigned int ses, bool moved);
/*
 * Under RCU: audit_watch_log_going() for each published rule; the
 * directory was removed, or (_moved) moved, which only file and
 * executable rules go with.
 */
void audit_ruleset_log_going(const struct audit_dir *d, kuid_t auid,
			     unsigned int ses);
void audit_ruleset_log_moved(const struct audit_dir *d, kuid_t auid,
			     unsigned int ses);
/* (Matching a syscall's names: kernel/audit_names.h.) */
bool audit_exe_match(const struct audit_pathspec *w, struct task_struct *tsk);

struct audit_watch_set;
/* NULL when no rule of @rules watches a path; ERR_PTR(-ENOMEM). */
struct audit_watch_set *audit_watch_set_build(struct audit_rule **rules,
					      unsigned int count);
void audit_watch_set_free(struct audit_watch_set *s);

/* ---- kernel/audit_dir.c: watched directories ---- */

struct audit_dir;
#ifdef CONFIG_AUDITSYSCALL
/* The directory of a path rule, shared by all rules watching it. */
struct audit_dir *audit_dir_get(struct dentry *dentry);
void audit_dir_put(struct audit_dir *d);
bool audit_dir_gone(const struct audit_dir *d, kuid_t *auid,
		    unsigned int *ses);
/* How many times @d was moved since it was first watched. */
unsigned int audit_dir_moves(const struct audit_dir *d);
/* How many directories rules watch (for KUnit). */
unsigned int audit_dirs_watched(void);
#else
/* Without syscall auditing path rules could never match: refused. */
static inline struct audit_dir *audit_dir_get(struct dentry *dentry)
{
	return ERR_PTR(-EINVAL);
}

static inline void audit_dir_put(struct audit_dir *d)
{
}

static inline bool audit_dir_gone(const struct audit_dir *d, kuid_t *auid,
				  unsigned int *ses)
{
	return false;
}

static inline unsigned int audit_dir_moves(const struct audit_dir *d)
{
	return 0;
}

static inline unsigned int audit_dirs_watched(void)
{
	return 0;
}
#endif

/* ---- kernel/auditsc.c: syscall contexts ---- */

#ifdef CONFIG_AUDITSYSCALL
/* audit_enabled changed: switch the syscall exit hook on or off. */
void audit_syscall_hooks_update(void);
/*
 * The current syscall began while audit was off (it is the one turning
 * it on): its records stand alone, as on the stock kernel.
 */
void audit_syscall_began_off(void);
/* From audit_init(), which runs in init: give init its context. */
void __init audit_syscall_init_task(void);
/*
 * The event stamp of the current syscall: the time it was entered (or,
 * if no rule named it, when its first record was made) and its serial,
 * taken on first use; false when the task is not in a syscall (the
 * record stands alone).
 */
bool audit_syscall_stamp(struct audit_context *ctx, struct timespec64 *t,
			 unsigned int *serial);

/* kernel/audit_aux.c: a task the current syscall signals (OBJ_PID). */
void __audit_signal_target(struct task_struct *t);

static inline void audit_signal_target(struct task_struct *t)
{
	if (audit_gathering_names())
		__audit_signal_target(t);
}
#else
static inline void audit_syscall_hooks_update(void)
{
}

static inline void audit_syscall_began_off(void)
{
}

static inline void audit_syscall_init_task(void)
{
}

static inline bool audit_syscall_stamp(struct audit_context *ctx,
				       struct timespec64 *t,
				       unsigned int *serial)
{
	return false;
}

static inline void audit_signal_target(struct task_struct *t)
{
}
#endif

#endif /* _KERNEL_AUDIT_H */
