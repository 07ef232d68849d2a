// SPDX-License-Identifier: GPL-2.0
/*
 * The NETLINK_AUDIT control channel: status (AUDIT_GET / AUDIT_SET),
 * features, user messages, signal info, TTY auditing switches, and the
 * registration of the audit daemon.
 *
 * Requests are handled one at a time under audit_cmd_mutex (kernel/audit.h
 * says why its holder never waits for backlog room).  A request is
 * validated in full before anything changes, so a refused request leaves
 * no partial state.  Every message gets a netlink ack when it asks for one
 * (NLM_F_ACK) or fails; malformed messages (short header, lengths past the
 * end of the data) are answered with EINVAL and never read past.
 *
 * Every network namespace has its kernel end of NETLINK_AUDIT, as with
 * the stock kernel: a request is answered on the socket it came by, and a
 * daemon registered from a container's own network namespace (with the
 * credentials of the initial user namespace) gets its records on its
 * namespace's socket (kernel/audit_queue.c).  Multicast readers are
 * served in the initial namespace only, as by the stock kernel.
 */
#include <linux/capability.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/pid_namespace.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <net/net_namespace.h>
#include <net/netlink.h>
#include <net/netns/generic.h>
#include <net/sock.h>

#include "audit.h"

/*
 * A namespace's kernel end: made when the namespace is, released when it
 * goes (audit_ns_ops); valid for whoever holds the namespace.
 */
struct audit_ns_end {
	struct sock	*ksk;
};

static unsigned int audit_ns_id;

struct sock *audit_net_sock(const struct net *net)
{
	return ((struct audit_ns_end *)net_generic(net, audit_ns_id))->ksk;
}

/* The kernel socket of the namespace a request came from. */
static struct sock *audit_req_sock(const struct sk_buff *req)
{
	return audit_net_sock(sock_net(NETLINK_CB(req).sk));
}

/* ---- replies ---- */

/*
 * Answers a query.  The ack, when asked for, goes first: libaudit reads
 * the ack of a request before its answer, and an ack left behind would be
 * taken for the ack of the caller's next request.
 */
static void audit_reply(struct sk_buff *req, const struct nlmsghdr *nlh,
			bool *acked, int type, const void *payload,
			size_t size)
{
	struct sk_buff *skb;
	struct nlmsghdr *rnlh;

	if ((nlh->nlmsg_flags & NLM_F_ACK) && !*acked) {
		netlink_ack(req, (struct nlmsghdr *)nlh, 0, NULL);
		*acked = true;
	}
	skb = nlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return;
	rnlh = nlmsg_put(skb, NETLINK_CB(req).portid, nlh->nlmsg_seq, type,
			 size, 0);
	if (!rnlh) {
		kfree_skb(skb);
		return;
	}
	memcpy(nlmsg_data(rnlh), payload, size);
	/* Never block the control channel on a requester that is not reading. */
	netlink_unicast(audit_req_sock(req), skb, NETLINK_CB(req).portid,
			MSG_DONTWAIT);
}

/* ---- AUDIT_GET / AUDIT_SET ---- */

#define AUDIT_STATUS_KNOWN (AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE | \
			    AUDIT_STATUS_PID | AUDIT_STATUS_RATE_LIMIT | \
			    AUDIT_STATUS_BACKLOG_LIMIT | \
			    AUDIT_STATUS_BACKLOG_WAIT_TIME | AUDIT_STATUS_LOST | \
			    AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL)

/* The fields that enabled=2 freezes. */
#define AUDIT_STATUS_LOCKABLE (AUDIT_STATUS_ENABLED | AUDIT_STATUS_FAILURE | \
			       AUDIT_STATUS_RATE_LIMIT | \
			       AUDIT_STATUS_BACKLOG_LIMIT | \
			       AUDIT_STATUS_BACKLOG_WAIT_TIME)

/* What the kernel can do, as AUDIT_GET reports it to auditctl. */
#define AUDIT_FEATURES_OFFERED (AUDIT_FEATURE_BITMAP_BACKLOG_LIMIT | \
				AUDIT_FEATURE_BITMAP_BACKLOG_WAIT_TIME | \
				AUDIT_FEATURE_BITMAP_LOST_RESET | \
				AUDIT_FEATURE_BITMAP_EXECUTABLE_PATH | \
				AUDIT_FEATURE_BITMAP_EXCLUDE_EXTEND | \
				AUDIT_FEATURE_BITMAP_SESSIONID_FILTER | \
				AUDIT_FEATURE_BITMAP_FILTER_FS)

#define AUDIT_BACKLOG_WAIT_MAX	(10 * 60 * HZ)

/* How much of struct audit_status a request must carry for its mask. */
static size_t audit_status_needed(u32 mask)
{
	if (mask & AUDIT_STATUS_BACKLOG_WAIT_TIME)
		return offsetofend(struct audit_status, backlog_wait_time);
	if (mask & AUDIT_STATUS_BACKLOG_LIMIT)
		return offsetofend(struct audit_status, backlog_limit);
	if (mask & AUDIT_STATUS_RATE_LIMIT)
		return offsetofend(struct audit_status, rate_limit);
	if (mask & AUDIT_STATUS_PID)
		return offsetofend(struct audit_status, pid);
	if (mask & AUDIT_STATUS_FAILURE)
		return offsetofend(struct audit_status, failure);
	if (mask & AUDIT_STATUS_ENABLED)
		return offsetofend(struct audit_status, enabled);
	return offsetofend(struct audit_status, mask);
}

int audit_status_validate(const struct audit_status *s, size_t len,
			  u32 enabled_now)
{
	u32 mask = s->mask;

	if (len < sizeof(s->mask) && len)
		return -EINVAL;
	if (mask & ~AUDIT_STATUS_KNOWN)
		return -EINVAL;
	/* Resets answer with the old count, so they come alone. */
	if ((mask & AUDIT_STATUS_LOST) && mask != AUDIT_STATUS_LOST)
		return -EINVAL;
	if ((mask & AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL) &&
	    mask != AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL)
		return -EINVAL;
	if (len < audit_status_needed(mask))
		return -EINVAL;
	if ((mask & AUDIT_STATUS_ENABLED) && s->enabled > AUDIT_LOCKED)
		return -EINVAL;
	if ((mask & AUDIT_STATUS_FAILURE) && s->failure > AUDIT_FAIL_PANIC)
		return -EINVAL;
	if ((mask & AUDIT_STATUS_BACKLOG_WAIT_TIME) &&
	    s->backlog_wait_time > AUDIT_BACKLOG_WAIT_MAX)
		return -EINVAL;
	if (enabled_now == AUDIT_LOCKED && (mask & AUDIT_STATUS_LOCKABLE))
		return -EPERM;
	return 0;
}

static int audit_handle_get(struct sk_buff *skb, const struct nlmsghdr *nlh,
			    bool *acked)
{
	struct audit_status s = {
		.enabled = READ_ONCE(audit_enabled),
		.failure = READ_ONCE(audit_failure),
		.pid = audit_daemon_pid_vnr(),
		.rate_limit = READ_ONCE(audit_rate.limit),
		.backlog_limit = READ_ONCE(audit_backlog_limit),
		.lost = atomic_read(&audit_lost),
		.backlog = audit_backlog_len(),
		.feature_bitmap = AUDIT_FEATURES_OFFERED,
		.backlog_wait_time = READ_ONCE(audit_backlog_wait_time),
		.backlog_wait_time_actual =
			atomic_read(&audit_backlog_wait_time_actual),
	};

	audit_reply(skb, nlh, acked, AUDIT_GET, &s, sizeof(s));
	return 0;
}

/* A refused change is on the record too, with res=0. */
static void audit_log_refused(u32 mask, const struct audit_status *s)
{
	if (mask & AUDIT_STATUS_ENABLED)
		audit_log_config_change("audit_enabled", s->enabled,
					audit_enabled, false);
	if (mask & AUDIT_STATUS_FAILURE)
		audit_log_config_change("audit_failure", s->failure,
					audit_failure, false);
	if (mask & AUDIT_STATUS_RATE_LIMIT)
		audit_log_config_change("audit_rate_limit", s->rate_limit,
					audit_rate.limit, false);
	if (mask & AUDIT_STATUS_BACKLOG_LIMIT)
		audit_log_config_change("audit_backlog_limit",
					s->backlog_limit, audit_backlog_limit,
					false);
	if (mask & AUDIT_STATUS_BACKLOG_WAIT_TIME)
		audit_log_config_change("audit_backlog_wait_time",
					s->backlog_wait_time,
					audit_backlog_wait_time, false);
}

/* Sets @var to @val and records the change. */
static void audit_set_u32(u32 *var, u32 val, const char *name)
{
	u32 old = *var;

	lockdep_assert_held(&audit_cmd_mutex);
	WRITE_ONCE(*var, val);
	audit_log_config_change(name, val, old, true);
}

/*
 * The daemon registration part of AUDIT_SET: checked before anything is
 * applied.  A live daemon cannot be replaced, and only it may unregister.
 */
static int audit_check_pid_change(const struct audit_status *s)
{
	pid_t self = task_tgid_vnr(current);
	pid_t now = audit_daemon_pid_vnr();

	if (s->pid && s->pid != self)
		return -EINVAL;
	if (now && s->pid) {
		audit_log_config_change("audit_pid", s->pid, now, false);
		return -EEXIST;
	}
	if (now && !s->pid && now != self) {
		audit_log_config_change("audit_pid", 0, now, false);
		return -EACCES;
	}
	return 0;
}

static int audit_handle_set(struct sk_buff *skb, const struct nlmsghdr *nlh,
			    bool *acked)
{
	struct audit_daemon *daemon = NULL;
	struct audit_status s = {};
	size_t len = nlmsg_len(nlh);
	pid_t old_pid;
	int err;

	memcpy(&s, nlmsg_data(nlh), min(len, sizeof(s)));
	err = audit_status_validate(&s, len, audit_enabled);
	if (err == -EPERM)
		audit_log_refused(s.mask, &s);
	if (err)
		return err;
	if (s.mask & AUDIT_STATUS_PID) {
		err = audit_check_pid_change(&s);
		if (err)
			return err;
		if (s.pid) {
			daemon = audit_daemon_alloc(task_tgid(current),
						    NETLINK_CB(skb).portid,
						    NETLINK_CB(skb).sk);
			if (!daemon)
				return -ENOMEM;
		}
	}

	if (s.mask & AUDIT_STATUS_ENABLED) {
		if (!audit_enabled && s.enabled)
			audit_syscall_began_off();
		audit_set_u32(&audit_enabled, s.enabled, "audit_enabled");
		audit_syscall_hooks_update();
	}
	if (s.mask & AUDIT_STATUS_FAILURE)
		audit_set_u32(&audit_failure, s.failure, "audit_failure");
	if (s.mask & AUDIT_STATUS_RATE_LIMIT) {
		u32 old = audit_rate.limit;

		audit_ratelimit_set(&audit_rate, s.rate_limit, ktime_get_ns());
		audit_log_config_change("audit_rate_limit", s.rate_limit, old,
					true);
	}
	if (s.mask & AUDIT_STATUS_BACKLOG_LIMIT)
		audit_set_u32(&audit_backlog_limit, s.backlog_limit,
			      "audit_backlog_limit");
	if (s.mask & AUDIT_STATUS_BACKLOG_WAIT_TIME)
		audit_set_u32(&audit_backlog_wait_time, s.backlog_wait_time,
			      "audit_backlog_wait_time");

	if (s.mask & AUDIT_STATUS_PID) {
		old_pid = audit_daemon_pid_vnr();
		if (s.pid) {
			/*
			 * The ack goes out before the first record, so the
			 * daemon sees its registration confirmed first.
			 */
			if (nlh->nlmsg_flags & NLM_F_ACK)
				netlink_ack(skb, (struct nlmsghdr *)nlh, 0, NULL);
			*acked = true;
			audit_daemon_register(daemon);
		} else {
			audit_daemon_unregister();
		}
		audit_log_config_change("audit_pid", s.pid, old_pid, true);
	}

	if (s.mask & AUDIT_STATUS_LOST) {
		u32 old = atomic_xchg(&audit_lost, 0);

		audit_log_config_change("lost", 0, old, true);
		return old;
	}
	if (s.mask & AUDIT_STATUS_BACKLOG_WAIT_TIME_ACTUAL) {
		u32 old = atomic_xchg(&audit_backlog_wait_time_actual, 0);

		audit_log_config_change("backlog_wait_time_actual", 0, old,
					true);
		return old;
	}
	return 0;
}

/* ---- features ---- */

static int audit_handle_get_feature(struct sk_buff *skb,
				    const struct nlmsghdr *nlh, bool *acked)
{
	struct audit_features af;

	audit_features_get(&af);
	audit_reply(skb, nlh, acked, AUDIT_GET_FEATURE, &af, sizeof(af));
	return 0;
}

static int audit_handle_set_feature(struct sk_buff *skb,
				    const struct nlmsghdr *nlh, bool *acked)
{
	struct audit_features af;

	if (nlmsg_len(nlh) < sizeof(af))
		return -EINVAL;
	memcpy(&af, nlmsg_data(nlh), sizeof(af));
	return audit_features_set(&af);
}

/* ---- user messages ---- */

static int audit_handle_user_msg(struct sk_buff *skb,
				 const struct nlmsghdr *nlh, bool *acked)
{
	const char *text = nlmsg_data(nlh);
	size_t len = nlmsg_len(nlh);
	u16 type = nlh->nlmsg_type;
	struct audit_buffer *ab;

	if (!READ_ONCE(audit_enabled) && type != AUDIT_USER_AVC)
		return 0;
	/* The user list may drop messages (auditctl -a user,never). */
	if (!audit_filter_record(AUDIT_FILTER_USER, type))
		return 0;

	/* Trailing NULs and one trailing newline are not part of the text. */
	len = strnlen(text, len);
	if (len && text[len - 1] == '\n')
		len--;
	/*
	 * The sender chose the length: cut to what one record carries (TTY
	 * data may double in hex), as the stock kernel does.  The precision
	 * of a format could not take more than 32 KiB anyway.
	 */
	len = min_t(size_t, len, type == AUDIT_USER_TTY ?
		    AUDIT_MESSAGE_TEXT_MAX / 2 : AUDIT_MESSAGE_TEXT_MAX);

	ab = audit_log_start(NULL, GFP_KERNEL, type);
	if (!ab)
		return 0;
	audit_log_format(ab, "pid=%d uid=%u", task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()));
	audit_log_session_info(ab);
	audit_log_task_context(ab);
	if (type == AUDIT_USER_TTY) {
		audit_log_format(ab, " data=");
		audit_log_n_untrustedstring(ab, text, len);
	} else {
		audit_log_format(ab, " msg='%.*s'", (int)len, text);
	}
	audit_log_end(ab);
	return 0;
}

/* ---- signal info ---- */

/*
 * Who last signalled the daemon: uid, pid and, when the LSM has one, the
 * sender's security context as text after them.  The context's text is
 * the LSM's until released, so the reply is built from it first.
 */
static int audit_handle_signal_info(struct sk_buff *skb,
				    const struct nlmsghdr *nlh, bool *acked)
{
	struct audit_sig_info *reply;
	char *label = NULL;
	u32 label_len = 0, secid;
	size_t size;
	kuid_t uid;
	pid_t pid;
	int err = 0;

	audit_signal_info_get(&uid, &pid, &secid);
	if (secid) {
		err = security_secid_to_secctx(secid, &label, &label_len);
		if (err)
			return err;
	}
	size = sizeof(*reply) + label_len;
	reply = kzalloc(size, GFP_KERNEL);
	if (reply && label_len)
		memcpy(reply->ctx, label, label_len);
	if (label)
		security_release_secctx(label, label_len);
	if (!reply)
		return -ENOMEM;
	reply->uid = from_kuid(&init_user_ns, uid);
	reply->pid = pid;
	audit_reply(skb, nlh, acked, AUDIT_SIGNAL_INFO, reply, size);
	kfree(reply);
	return err;
}

/* ---- TTY auditing of the calling process ---- */

static int audit_handle_tty_get(struct sk_buff *skb,
				const struct nlmsghdr *nlh, bool *acked)
{
	struct audit_tty_status s;
	unsigned int t = READ_ONCE(current->signal->audit_tty);

	s.enabled = !!(t & AUDIT_TTY_ENABLE);
	s.log_passwd = !!(t & AUDIT_TTY_LOG_PASSWD);
	audit_reply(skb, nlh, acked, AUDIT_TTY_GET, &s, sizeof(s));
	return 0;
}

static int audit_handle_tty_set(struct sk_buff *skb,
				const struct nlmsghdr *nlh, bool *acked)
{
	struct audit_tty_status s = {};
	size_t len = nlmsg_len(nlh);
	unsigned int old, new;
	struct audit_buffer *ab;

	if (len < sizeof(s.enabled))
		return -EINVAL;
	memcpy(&s, nlmsg_data(nlh), min(len, sizeof(s)));
	old = READ_ONCE(current->signal->audit_tty);
	/* An old request without log_passwd keeps the current setting. */
	if (len < sizeof(s))
		s.log_passwd = !!(old & AUDIT_TTY_LOG_PASSWD);
	if (s.enabled > 1 || s.log_passwd > 1)
		return -EINVAL;

	new = (s.enabled ? AUDIT_TTY_ENABLE : 0) |
	      (s.log_passwd ? AUDIT_TTY_LOG_PASSWD : 0);
	spin_lock_irq(&current->sighand->siglock);
	current->signal->audit_tty = new;
	spin_unlock_irq(&current->sighand->siglock);

	ab = audit_log_start(NULL, GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (ab) {
		audit_log_format(ab, "op=tty_set old-enabled=%d new-enabled=%d",
				 !!(old & AUDIT_TTY_ENABLE), s.enabled);
		audit_log_format(ab, " old-log_passwd=%d new-log_passwd=%d",
				 !!(old & AUDIT_TTY_LOG_PASSWD), s.log_passwd);
		audit_log_session_info(ab);
		audit_log_task_context(ab);
		audit_log_format(ab, " res=1");
		audit_log_end(ab);
	}
	return 0;
}

/* ---- rules ---- */

/*
 * The CONFIG_CHANGE of a trim or an equivalence, opened with who asked;
 * none while audit is off, as with the stock kernel.
 */
static struct audit_buffer *audit_log_request_start(void)
{
	struct audit_buffer *ab;

	if (!READ_ONCE(audit_enabled))
		return NULL;
	ab = audit_log_start(NULL, GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (ab) {
		audit_log_format(ab, "pid=%d uid=%u", task_tgid_nr(current),
				 from_kuid(&init_user_ns, current_uid()));
		audit_log_session_info(ab);
		audit_log_task_context(ab);
	}
	return ab;
}

/*
 * AUDIT_TRIM (auditctl -t): directory rules forget the filesystems no
 * longer mounted below their directory; logged as the stock kernel logs
 * it, op=trim res=1.
 */
static int audit_handle_trim(struct sk_buff *skb, const struct nlmsghdr *nlh,
			     bool *acked)
{
	struct audit_buffer *ab;
	int err;

	if (READ_ONCE(audit_enabled) == AUDIT_LOCKED)
		return -EPERM;
	err = audit_rules_trim();
	if (err)
		return err;
	ab = audit_log_request_start();
	if (ab) {
		audit_log_format(ab, " op=trim res=1");
		audit_log_end(ab);
	}
	return 0;
}

/*
 * One of AUDIT_MAKE_EQUIV's strings: @len bytes at *@at, of the *@left
 * that remain, copied and terminated.  An empty one, or one longer than
 * what remains, is malformed; none is longer than a path.
 */
static char *audit_take_string(const u8 **at, size_t *left, u32 len)
{
	char *str;

	if (!len || len > *left)
		return ERR_PTR(-EINVAL);
	if (len > PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	str = kmemdup_nul(*at, len, GFP_KERNEL);
	if (!str)
		return ERR_PTR(-ENOMEM);
	*at += len;
	*left -= len;
	return str;
}

/*
 * AUDIT_MAKE_EQUIV (auditctl -q OLD,NEW): two lengths, then the two paths
 * unterminated.  The directory rules holding OLD take in NEW's subtree.
 * The attempt is logged whatever its outcome (op=make_equiv res=0|1).
 */
static int audit_handle_make_equiv(struct sk_buff *skb,
				   const struct nlmsghdr *nlh, bool *acked)
{
	static const char *const role[2] = { "old", "new" };
	const u8 *at = nlmsg_data(nlh);
	size_t left = nlmsg_len(nlh);
	char *path[2] = { NULL, NULL };
	struct audit_buffer *ab;
	u32 lens[2];
	int i, err = 0;

	if (READ_ONCE(audit_enabled) == AUDIT_LOCKED)
		return -EPERM;
	if (left < sizeof(lens))
		return -EINVAL;
	memcpy(lens, at, sizeof(lens));
	at += sizeof(lens);
	left -= sizeof(lens);
	for (i = 0; i < 2 && !err; i++) {
		path[i] = audit_take_string(&at, &left, lens[i]);
		if (IS_ERR(path[i])) {
			err = PTR_ERR(path[i]);
			path[i] = NULL;
		}
	}
	if (err)
		goto out;

	err = audit_rules_make_equiv(path[0], path[1]);

	/* Refused or not, the attempt is in the trail. */
	ab = audit_log_request_start();
	if (ab) {
		audit_log_format(ab, " op=make_equiv");
		for (i = 0; i < 2; i++) {
			audit_log_format(ab, " %s=", role[i]);
			audit_log_untrustedstring(ab, path[i]);
		}
		audit_log_format(ab, " res=%d", err ? 0 : 1);
		audit_log_end(ab);
	}
out:
	kfree(path[0]);
	kfree(path[1]);
	return err;
}

static int audit_handle_rule_change(struct sk_buff *skb,
				    const struct nlmsghdr *nlh, bool *acked)
{
	return audit_rule_request(nlh->nlmsg_type, nlmsg_data(nlh),
				  nlmsg_len(nlh));
}

/*
 * The listing is a netlink dump, so a long rule set reaches a slow reader
 * whole.  The ack goes first, as libaudit expects.
 */
static int audit_handle_list_rules(struct sk_buff *skb,
				   const struct nlmsghdr *nlh, bool *acked)
{
	int err;

	if (nlh->nlmsg_flags & NLM_F_ACK)
		netlink_ack(skb, (struct nlmsghdr *)nlh, 0, NULL);
	*acked = true;
	err = audit_rule_list(skb, nlh, audit_req_sock(skb));
	/* -EINTR: the dump started and answers for itself. */
	return err == -EINTR ? 0 : err;
}

/* ---- dispatch ---- */

typedef int (*audit_handler_t)(struct sk_buff *skb, const struct nlmsghdr *nlh,
			       bool *acked);

/*
 * The requests that configure or query audit.  They need CAP_AUDIT_CONTROL
 * and come from the initial pid namespace.
 */
static const struct {
	u16 type;
	audit_handler_t handle;
} audit_control_requests[] = {
	{ AUDIT_GET,		audit_handle_get },
	{ AUDIT_SET,		audit_handle_set },
	{ AUDIT_GET_FEATURE,	audit_handle_get_feature },
	{ AUDIT_SET_FEATURE,	audit_handle_set_feature },
	{ AUDIT_SIGNAL_INFO,	audit_handle_signal_info },
	{ AUDIT_TTY_GET,	audit_handle_tty_get },
	{ AUDIT_TTY_SET,	audit_handle_tty_set },
	{ AUDIT_LIST_RULES,	audit_handle_list_rules },
	{ AUDIT_ADD_RULE,	audit_handle_rule_change },
	{ AUDIT_DEL_RULE,	audit_handle_rule_change },
	{ AUDIT_TRIM,		audit_handle_trim },
	{ AUDIT_MAKE_EQUIV,	audit_handle_make_equiv },
};

static bool audit_is_user_msg(u16 type)
{
	return type == AUDIT_USER ||
	       (type >= AUDIT_FIRST_USER_MSG && type <= AUDIT_LAST_USER_MSG) ||
	       (type >= AUDIT_FIRST_USER_MSG2 && type <= AUDIT_LAST_USER_MSG2);
}

static int audit_handle_msg(struct sk_buff *skb, const struct nlmsghdr *nlh,
			    bool *acked)
{
	u16 type = nlh->nlmsg_type;
	int i;

	if (audit_is_user_msg(type)) {
		if (!netlink_ns_capable(skb, &init_user_ns, CAP_AUDIT_WRITE))
			return -EPERM;
		return audit_handle_user_msg(skb, nlh, acked);
	}
	/* The rule interface from before 2.6.6 is gone for good. */
	if (type == AUDIT_LIST || type == AUDIT_ADD || type == AUDIT_DEL)
		return -EOPNOTSUPP;

	for (i = 0; i < ARRAY_SIZE(audit_control_requests); i++) {
		if (audit_control_requests[i].type != type)
			continue;
		if (task_active_pid_ns(current) != &init_pid_ns ||
		    !netlink_ns_capable(skb, &init_user_ns, CAP_AUDIT_CONTROL))
			return -EPERM;
		return audit_control_requests[i].handle(skb, nlh, acked);
	}
	return -EINVAL;
}

/*
 * Answers a message whose header cannot be trusted.  The ack quotes a copy
 * of the header with its length cut to the header alone, so that nothing
 * past the received data is ever read.
 */
static void audit_ack_malformed(struct sk_buff *skb, const void *at, int left)
{
	struct nlmsghdr copy = {};

	if (left >= (int)sizeof(copy))
		memcpy(&copy, at, sizeof(copy));
	copy.nlmsg_len = sizeof(copy);
	netlink_ack(skb, &copy, -EINVAL, NULL);
}

/*
 * Each message of a datagram is a request of its own, handled under
 * audit_cmd_mutex.  A request whose records went past the backlog limit
 * (its handler could not wait for room while holding the lock) makes its
 * sender wait for room after the lock is released, before the next one:
 * a daemon that stops reading slows the senders of records, never the
 * control channel (auditctl -s is answered at once).
 */
static void audit_receive(struct sk_buff *skb)
{
	struct nlmsghdr *nlh = nlmsg_hdr(skb);
	int left = skb->len;
	bool acked;
	int err;

	while (nlmsg_ok(nlh, left)) {
		acked = false;
		audit_cmd_lock();
		err = audit_handle_msg(skb, nlh, &acked);
		if (!acked && (err || (nlh->nlmsg_flags & NLM_F_ACK)))
			netlink_ack(skb, nlh, err, NULL);
		if (audit_cmd_unlock())
			audit_backlog_wait_room();
		nlh = nlmsg_next(nlh, &left);
	}
	if (left > 0)
		audit_ack_malformed(skb, nlh, left);
}

/*
 * Reading the log by multicast needs CAP_AUDIT_READ.  Joining and leaving
 * are logged (EVENT_LISTENER); netlink calls the unbind hook for each
 * group a socket still has when it is closed, too.
 */
static int audit_multicast_bind(struct net *net, int group)
{
	bool ok = capable(CAP_AUDIT_READ);

	audit_log_event_listener(group, "connect", ok);
	return ok ? 0 : -EPERM;
}

static void audit_multicast_unbind(struct net *net, int group)
{
	audit_log_event_listener(group, "disconnect", true);
}

static int audit_netlink_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_AUDIT)
		audit_daemon_socket_released(n->net, n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block audit_netlink_notifier = {
	.notifier_call = audit_netlink_event,
};

/* What every namespace's kernel socket is made with. */
static struct netlink_kernel_cfg audit_nl_cfg = {
	.groups	= AUDIT_NLGRP_MAX,
	.flags	= NL_CFG_F_NONROOT_RECV,
	.input	= audit_receive,
	.bind	= audit_multicast_bind,
	.unbind	= audit_multicast_unbind,
};

static int __net_init audit_ns_sock_make(struct net *net)
{
	struct sock *sk = netlink_kernel_create(net, NETLINK_AUDIT,
						&audit_nl_cfg);

	if (!sk)
		return -ENOMEM;
	audit_daemon_sock_init(sk);
	((struct audit_ns_end *)net_generic(net, audit_ns_id))->ksk = sk;
	return 0;
}

/*
 * No daemon is registered from a namespace that goes: a registered
 * daemon holds its namespace (kernel/audit_queue.c).
 */
static void __net_exit audit_ns_sock_drop(struct net *net)
{
	struct audit_ns_end *end = net_generic(net, audit_ns_id);

	netlink_kernel_release(end->ksk);
	end->ksk = NULL;
}

static struct pernet_operations audit_ns_ops __net_initdata = {
	.size	= sizeof(struct audit_ns_end),
	.id	= &audit_ns_id,
	.init	= audit_ns_sock_make,
	.exit	= audit_ns_sock_drop,
};

int __init audit_netlink_init(void)
{
	int err;

	err = register_pernet_subsys(&audit_ns_ops);
	if (err)
		return err;
	err = audit_queue_start(audit_net_sock(&init_net));
	if (err)
		return err;
	return netlink_register_notifier(&audit_netlink_notifier);
}
