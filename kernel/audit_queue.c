// SPDX-License-Identifier: GPL-2.0
/*
 * Delivery of finished records: the backlog queue, the hold queue, the
 * kauditd thread, the registered daemon, multicast readers and the printk
 * fallback.
 *
 * audit_log_end() appends to the backlog queue; kauditd takes each record
 * from it once, copies it to the multicast readers (AUDIT_NLGRP_READLOG),
 * then sends it to the registered daemon.  When no daemon is registered, or
 * the send finds the daemon gone, the record is printed to the kernel log
 * (rate-limited) and, while auditing is enabled, kept on the hold queue.
 * A daemon that registers gets the hold queue first, then the backlog, so
 * records logged between two daemons are not lost; nor are those a daemon
 * had not read when its socket closed (killed, say): they are taken back
 * from the socket to the front of the hold queue.  Both queues are bounded
 * by backlog_limit; a record that finds no room is counted in audit_lost
 * and the failure policy applies.
 */
#include <linux/freezer.h>
#include <linux/kthread.h>
#include <linux/netlink.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "audit.h"

/*
 * The two queues carry their own spinlocks (struct sk_buff_head); their
 * lengths are read without the lock where an estimate will do.
 */
static struct sk_buff_head audit_backlog;
static struct sk_buff_head audit_hold;

/* kauditd sleeps here until there is something to deliver. */
static DECLARE_WAIT_QUEUE_HEAD(kauditd_wait);
/* Tasks waiting for backlog room sleep here; kauditd wakes them. */
static DECLARE_WAIT_QUEUE_HEAD(audit_backlog_wait);
static struct task_struct *kauditd_task;

/*
 * The initial namespace's kernel end of NETLINK_AUDIT (audit_netlink.c),
 * which multicast readers are served from.
 */
static struct sock *audit_sk;

/*
 * The registered daemon.  Readers use RCU; writers hold
 * audit_daemon_lock and free the old entry after a grace period.
 */
struct audit_daemon {
	struct pid	*pid;		/* its thread group, referenced */
	u32		portid;		/* its netlink socket */
	/*
	 * That socket's namespace, referenced, so that its kernel end
	 * (audit_net_sock()) stays while the daemon is registered.
	 */
	struct net	*net;
	/*
	 * That socket, referenced (dropped in process context, not after the
	 * grace period), so that what it holds unread when it is closed can
	 * be taken back; RCU readers never use it.
	 */
	struct sock	*sk;
	struct rcu_head	rcu;
};

static struct audit_daemon __rcu *audit_daemon;
static DEFINE_SPINLOCK(audit_daemon_lock);

/* How long one send may wait for a daemon that is not reading. */
#define AUDIT_SEND_TIMEOUT	(5 * HZ)

unsigned int audit_backlog_len(void)
{
	return skb_queue_len_lockless(&audit_backlog);
}

unsigned int audit_hold_len(void)
{
	return skb_queue_len_lockless(&audit_hold);
}

static bool audit_queue_full(struct sk_buff_head *q)
{
	u32 limit = READ_ONCE(audit_backlog_limit);

	return limit && skb_queue_len_lockless(q) >= limit;
}

static void audit_daemon_free(struct rcu_head *head)
{
	struct audit_daemon *d = container_of(head, struct audit_daemon, rcu);

	put_pid(d->pid);
	put_net(d->net);
	kfree(d);
}

/* Frees a daemon entry no longer published; in process context. */
static void audit_daemon_retire(struct audit_daemon *d)
{
	sock_put(d->sk);
	call_rcu(&d->rcu, audit_daemon_free);
}

static void audit_daemon_replace(struct audit_daemon *new)
{
	struct audit_daemon *old;

	spin_lock(&audit_daemon_lock);
	old = rcu_replace_pointer(audit_daemon, new,
				  lockdep_is_held(&audit_daemon_lock));
	spin_unlock(&audit_daemon_lock);
	if (old)
		audit_daemon_retire(old);
}

struct audit_daemon *audit_daemon_alloc(struct pid *pid, u32 portid,
					struct sock *sk)
{
	struct audit_daemon *d = kmalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	d->pid = get_pid(pid);
	d->portid = portid;
	d->net = get_net(sock_net(sk));
	sock_hold(sk);
	d->sk = sk;
	return d;
}

void audit_daemon_register(struct audit_daemon *d)
{
	audit_daemon_replace(d);
	wake_up_interruptible(&kauditd_wait);
}

void audit_daemon_unregister(void)
{
	audit_daemon_replace(NULL);
}

/*
 * The daemon's socket was closed with records on it that it never read
 * (it was killed, say): back they go to the front of the hold queue, in
 * order, for the next daemon, so that a daemon's death loses nothing
 * while the hold queue has room; what does not fit is counted lost.
 * netlink has already unhashed the socket, so nothing is added to it.
 */
static void audit_daemon_take_back(struct sock *sk)
{
	struct sk_buff_head back;
	struct sk_buff *skb;
	unsigned long flags;
	u32 limit = READ_ONCE(audit_backlog_limit);

	__skb_queue_head_init(&back);
	while ((skb = skb_dequeue(&sk->sk_receive_queue))) {
		skb_orphan(skb);
		if (!READ_ONCE(audit_enabled)) {
			kfree_skb(skb);
			continue;
		}
		if (limit && audit_hold_len() + skb_queue_len(&back) >= limit) {
			kfree_skb(skb);
			audit_log_lost("hold queue overflow, daemon went away");
			continue;
		}
		__skb_queue_tail(&back, skb);
	}
	if (skb_queue_empty(&back))
		return;
	pr_notice("audit: %u records the daemon did not read are held again\n",
		  skb_queue_len(&back));
	spin_lock_irqsave(&audit_hold.lock, flags);
	skb_queue_splice(&back, &audit_hold);
	spin_unlock_irqrestore(&audit_hold.lock, flags);
}

/*
 * Forget the daemon only if it is still the one that used @portid in
 * @net; @released: its socket was closed, and what it did not read comes
 * back.
 */
static void audit_daemon_forget(const struct net *net, u32 portid,
				bool released)
{
	struct audit_daemon *old = NULL;

	spin_lock(&audit_daemon_lock);
	old = rcu_dereference_protected(audit_daemon,
					lockdep_is_held(&audit_daemon_lock));
	if (old && old->portid == portid && net_eq(old->net, net))
		rcu_assign_pointer(audit_daemon, NULL);
	else
		old = NULL;
	spin_unlock(&audit_daemon_lock);
	if (old) {
		pr_notice("audit: daemon pid=%d went away; holding its records\n",
			  pid_nr(old->pid));
		if (released)
			audit_daemon_take_back(old->sk);
		audit_daemon_retire(old);
	}
}

void audit_daemon_socket_released(const struct net *net, u32 portid)
{
	audit_daemon_forget(net, portid, true);
}

pid_t audit_daemon_pid_vnr(void)
{
	struct audit_daemon *d;
	pid_t nr = 0;

	rcu_read_lock();
	d = rcu_dereference(audit_daemon);
	if (d)
		nr = pid_vnr(d->pid);
	rcu_read_unlock();
	return nr;
}

bool audit_daemon_is(struct pid *tgid)
{
	struct audit_daemon *d;
	bool is;

	rcu_read_lock();
	d = rcu_dereference(audit_daemon);
	is = d && d->pid == tgid;
	rcu_read_unlock();
	return is;
}

static bool audit_daemon_present(void)
{
	return rcu_access_pointer(audit_daemon);
}

/* Where one record goes: a daemon's socket, its namespace referenced. */
struct audit_dest {
	u32		portid;
	struct net	*net;
};

/* False when no daemon is registered; else put @to with put_net(). */
static bool audit_daemon_dest(struct audit_dest *to)
{
	struct audit_daemon *d;

	rcu_read_lock();
	d = rcu_dereference(audit_daemon);
	if (d) {
		to->portid = d->portid;
		/* d holds the namespace until its grace period ends. */
		to->net = get_net(d->net);
	}
	rcu_read_unlock();
	return d;
}

/*
 * The daemon and kauditd must never wait for backlog room: they are what
 * makes room.
 */
static bool audit_may_wait(gfp_t gfp)
{
	return gfpflags_allow_blocking(gfp) && current != kauditd_task &&
	       !audit_daemon_is(task_tgid(current)) &&
	       READ_ONCE(audit_backlog_wait_time);
}

/*
 * How far past backlog_limit the holder of audit_cmd_mutex may queue: it
 * must not wait while every request waits behind it, and its records (a
 * configuration change, a user message) should not be lost for that; but
 * each sender then waits for room before its next request, so this many
 * covers a burst of senders without letting memory grow without bound.
 */
#define AUDIT_CMD_OVER_LIMIT	64

bool audit_backlog_wait_room(void)
{
	long timeout = READ_ONCE(audit_backlog_wait_time), left;

	if (!timeout)
		return !audit_queue_full(&audit_backlog);
	left = wait_event_timeout(audit_backlog_wait,
				  !audit_queue_full(&audit_backlog), timeout);
	atomic_add(left ? timeout - left : timeout,
		   &audit_backlog_wait_time_actual);
	return left > 0;
}

bool audit_backlog_admit(gfp_t gfp)
{
	if (!audit_queue_full(&audit_backlog))
		return true;
	if (!audit_may_wait(gfp))
		return false;
	if (audit_cmd_held_by_current()) {
		if (audit_backlog_len() - READ_ONCE(audit_backlog_limit) >=
		    AUDIT_CMD_OVER_LIMIT)
			return false;
		audit_cmd_note_over_limit();
		return true;
	}
	return audit_backlog_wait_room();
}

void audit_queue_record(struct sk_buff *skb)
{
	skb_queue_tail(&audit_backlog, skb);
	wake_up_interruptible(&kauditd_wait);
}

/*
 * The printk fallback, for records that reach no daemon.  An event's EOE
 * says nothing a reader of the kernel log needs (its records are already
 * there, each with the serial), so it is not printed, as on the stock
 * kernel; it is still held for the next daemon.
 */
static void audit_printk_record(struct sk_buff *skb)
{
	static DEFINE_RATELIMIT_STATE(printk_rs, 5 * HZ, 50);
	int type = nlmsg_hdr(skb)->nlmsg_type;
	unsigned int len;
	const char *text;

	if (type == AUDIT_EOE)
		return;
	len = audit_record_text(skb, &text);
	if (__ratelimit(&printk_rs))
		pr_notice("audit: type=%d %.*s\n", type, (int)len, text);
}

/* Keeps a record for the next daemon, within backlog_limit. */
static void audit_hold_record(struct sk_buff *skb)
{
	if (!READ_ONCE(audit_enabled)) {
		kfree_skb(skb);
		return;
	}
	if (audit_queue_full(&audit_hold)) {
		kfree_skb(skb);
		audit_log_lost("hold queue overflow, no daemon");
		return;
	}
	skb_queue_tail(&audit_hold, skb);
}

static void audit_multicast_record(struct sk_buff *skb)
{
	struct sk_buff *copy;

	if (!netlink_has_listeners(audit_sk, AUDIT_NLGRP_READLOG))
		return;
	copy = skb_copy(skb, GFP_KERNEL);
	if (!copy)
		return;
	/* Multicast readers get a well-formed length (see below). */
	nlmsg_hdr(copy)->nlmsg_len = copy->len;
	nlmsg_multicast(audit_sk, copy, 0, AUDIT_NLGRP_READLOG, GFP_KERNEL);
}

/*
 * Sends one record to the daemon.  0: delivered.  -EAGAIN: the daemon is
 * alive but did not read for AUDIT_SEND_TIMEOUT; the record stays ours.
 * Anything else: the daemon is gone; it has been forgotten.
 */
static int audit_send_to_daemon(struct sk_buff *skb,
				const struct audit_dest *to)
{
	int err;

	/*
	 * The daemon protocol has always carried the payload length, not the
	 * message length, in nlmsg_len; auditd and libaudit rely on it.
	 */
	nlmsg_hdr(skb)->nlmsg_len = skb->len - NLMSG_HDRLEN;

	/* netlink_unicast() consumes a reference; keep ours for a retry. */
	skb_get(skb);
	err = netlink_unicast(audit_net_sock(to->net), skb, to->portid, 0);
	if (err >= 0) {
		kfree_skb(skb);
		return 0;
	}
	if (err == -EAGAIN)
		return err;
	audit_daemon_forget(to->net, to->portid, false);
	return err;
}

/*
 * kauditd's alone: the daemon stopped reading and that was reported; set
 * until the queues are emptied, so that each stall is reported once (at
 * most one report in 5 s, for a daemon that stalls and reads in turns).
 */
static bool audit_stall_reported;

/*
 * Delivers @q to the daemon until it is empty or the daemon fails.
 * Returns false when the daemon went away or stopped reading.
 */
static bool audit_flush_to_daemon(struct sk_buff_head *q, bool fresh)
{
	static DEFINE_RATELIMIT_STATE(stall_rs, 5 * HZ, 1);
	struct audit_dest to;
	struct sk_buff *skb;
	int err;

	while ((skb = skb_dequeue(q))) {
		if (q == &audit_backlog)
			wake_up(&audit_backlog_wait);
		if (fresh)
			audit_multicast_record(skb);
		if (!audit_daemon_dest(&to)) {
			if (fresh) {
				audit_printk_record(skb);
				audit_hold_record(skb);
			} else {
				skb_queue_head(&audit_hold, skb);
			}
			return false;
		}
		err = audit_send_to_daemon(skb, &to);
		put_net(to.net);
		if (!err)
			continue;
		if (err == -EAGAIN) {
			/* Not lost: first in line for the next try. */
			skb_queue_head(&audit_hold, skb);
			if (!audit_stall_reported && __ratelimit(&stall_rs)) {
				pr_warn("audit: daemon is not reading; %u records waiting\n",
					audit_backlog_len() + audit_hold_len());
				audit_stall_reported = true;
			}
		} else if (fresh) {
			audit_printk_record(skb);
			audit_hold_record(skb);
		} else {
			/* Already printed and held once; keep its place. */
			skb_queue_head(&audit_hold, skb);
		}
		return false;
	}
	return true;
}

/* No daemon: everything new goes to printk, multicast and the hold queue. */
static void audit_flush_without_daemon(void)
{
	struct sk_buff *skb;

	while (!audit_daemon_present() &&
	       (skb = skb_dequeue(&audit_backlog))) {
		wake_up(&audit_backlog_wait);
		audit_multicast_record(skb);
		audit_printk_record(skb);
		audit_hold_record(skb);
	}
}

static bool kauditd_has_work(void)
{
	if (kthread_should_stop())
		return true;
	if (skb_queue_len_lockless(&audit_backlog))
		return true;
	return skb_queue_len_lockless(&audit_hold) && audit_daemon_present();
}

static int kauditd_thread(void *unused)
{
	set_freezable();
	while (!kthread_should_stop()) {
		if (audit_daemon_present()) {
			/* Held records first: they are older. */
			if (audit_flush_to_daemon(&audit_hold, false) &&
			    audit_flush_to_daemon(&audit_backlog, true))
				audit_stall_reported = false;
		} else {
			audit_flush_without_daemon();
		}
		wait_event_freezable(kauditd_wait, kauditd_has_work());
	}
	return 0;
}

void audit_daemon_sock_init(struct sock *sk)
{
	/* Bounds every wait of kauditd on a daemon that does not read. */
	sk->sk_sndtimeo = AUDIT_SEND_TIMEOUT;
}

int __init audit_queue_start(struct sock *sk)
{
	skb_queue_head_init(&audit_backlog);
	skb_queue_head_init(&audit_hold);
	audit_sk = sk;

	kauditd_task = kthread_run(kauditd_thread, NULL, "kauditd");
	if (IS_ERR(kauditd_task)) {
		int err = PTR_ERR(kauditd_task);

		kauditd_task = NULL;
		return err;
	}
	return 0;
}
