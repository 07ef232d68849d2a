/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of the audit core.  Nothing here is for
 * other subsystems: they use include/linux/audit.h.
 */
#ifndef _KERNEL_AUDIT_H
#define _KERNEL_AUDIT_H

#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/types.h>

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
/* Jiffies tasks spent waiting for backlog room, since the last reset. */
extern atomic_t audit_backlog_wait_time_actual;

/* False before audit_init() and forever after audit=0 on the command line. */
bool audit_is_ready(void);

/* Serialises configuration changes arriving over netlink. */
extern struct mutex audit_cmd_mutex;

/* The feature bits of AUDIT_GET_FEATURE / AUDIT_SET_FEATURE. */
bool audit_feature_is_set(int feature);
void audit_features_get(struct audit_features *af);
int audit_features_set(const struct audit_features *af);

/* Writes " auid=%u ses=%u" of the current task. */
void audit_log_session_info(struct audit_buffer *ab);
/* Emits CONFIG_CHANGE: "op=set NAME=NEW old=OLD auid= ses= subj= res=". */
void audit_log_config_change(const char *name, u32 new, u32 old, bool ok);

/* Who last signalled the daemon (AUDIT_SIGNAL_INFO). */
void audit_signal_info_get(kuid_t *uid, pid_t *pid, u32 *secid);

/* ---- kernel/audit_record.c: records ---- */

/*
 * Starting size of a record's buffer; records grow on demand up to
 * AUDIT_RECORD_MAX bytes of text.
 */
#define AUDIT_RECORD_START	512
#define AUDIT_RECORD_MAX	(8 * 1024)

struct audit_buffer {
	struct sk_buff		*skb;	/* nlmsghdr + record text */
	gfp_t			gfp;
	int			type;
};

/* The text of a queued record, and its length (no terminating NUL). */
static inline const char *audit_record_text(const struct sk_buff *skb,
					    unsigned int *len)
{
	*len = skb->len - NLMSG_HDRLEN;
	return (const char *)skb->data + NLMSG_HDRLEN;
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
/* Takes ownership of a finished record. */
void audit_queue_record(struct sk_buff *skb);
unsigned int audit_backlog_len(void);
unsigned int audit_hold_len(void);

struct audit_daemon;
/* Allocation is separate so that a request can fail before changing anything. */
struct audit_daemon *audit_daemon_alloc(struct pid *pid, u32 portid);
void audit_daemon_register(struct audit_daemon *d);
void audit_daemon_unregister(void);
/* The daemon's tgid as seen from the caller's pid namespace, or 0. */
pid_t audit_daemon_pid_vnr(void);
bool audit_daemon_is(struct pid *tgid);
/* The daemon's socket was released: forget it, keep its records. */
void audit_daemon_socket_released(u32 portid);

int __init audit_queue_start(struct sock *sk);

/* ---- kernel/audit_netlink.c ---- */

int __init audit_netlink_init(void);

/*
 * Validation of AUDIT_SET, separate from its application so that a bad
 * request changes nothing (and so that KUnit can test it).
 */
int audit_status_validate(const struct audit_status *s, size_t len,
			  u32 enabled_now);

#endif /* _KERNEL_AUDIT_H */
