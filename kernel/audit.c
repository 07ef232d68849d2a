// SPDX-License-Identifier: GPL-2.0
/*
 * The audit core's state and policy: whether auditing is on, the lock
 * configuration changes take, what happens when a record is lost (the
 * failure policy), the audit= and audit_backlog_limit= boot parameters,
 * the feature bits, who signalled the daemon, /proc/self/loginuid, and
 * start-up.  The records of these changes are written by
 * kernel/audit_events.c, the task's fields they carry by
 * kernel/audit_task.c.
 *
 * Configuration is written only under audit_cmd_mutex, by the netlink
 * control channel; everything else reads it locklessly with READ_ONCE.
 */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched/signal.h>
#include <linux/security.h>
#include <linux/tty.h>

#include "audit.h"

/* Configuration (see kernel/audit.h for the locking rule). */
u32 audit_enabled = AUDIT_OFF;
EXPORT_SYMBOL_GPL(audit_enabled);
u32 audit_failure = AUDIT_FAIL_PRINTK;
u32 audit_backlog_limit = 64;
u32 audit_backlog_wait_time = 60 * HZ;

atomic_t audit_lost = ATOMIC_INIT(0);
atomic_t audit_backlog_wait_time_actual = ATOMIC_INIT(0);

/* See kernel/audit.h for what it serialises and why it never waits. */
DEFINE_MUTEX(audit_cmd_mutex);
/*
 * The holder of audit_cmd_mutex, written by the holder only (so a task
 * that reads itself here holds it), and whether a record of the holder
 * went past the backlog limit (under the mutex).
 */
static struct task_struct *audit_cmd_owner;
static bool audit_cmd_over_limit;

void audit_cmd_lock(void)
{
	mutex_lock(&audit_cmd_mutex);
	WRITE_ONCE(audit_cmd_owner, current);
}

bool audit_cmd_unlock(void)
{
	bool over = audit_cmd_over_limit;

	audit_cmd_over_limit = false;
	WRITE_ONCE(audit_cmd_owner, NULL);
	mutex_unlock(&audit_cmd_mutex);
	return over;
}

bool audit_cmd_held_by_current(void)
{
	return READ_ONCE(audit_cmd_owner) == current;
}

void audit_cmd_note_over_limit(void)
{
	lockdep_assert_held(&audit_cmd_mutex);
	audit_cmd_over_limit = true;
}

/* Set by audit_init(); cleared for good by audit=0. */
static bool audit_ready;
static bool audit_off_at_boot;

bool audit_is_ready(void)
{
	return READ_ONCE(audit_ready);
}

/* ---- boot parameters ---- */

static int __init audit_boot_enable(char *str)
{
	bool on;

	/* kstrtobool() takes 0/1, y/n and on/off. */
	if (kstrtobool(str, &on)) {
		pr_err("audit: audit=%s is not 0, 1, off or on; auditing stays off\n",
		       str);
		on = false;
	}
	audit_off_at_boot = !on;
	audit_enabled = on ? AUDIT_ON : AUDIT_OFF;
	pr_info("audit: %s at boot\n", on ? "enabled" : "disabled");
	return 1;
}
__setup("audit=", audit_boot_enable);

static int __init audit_boot_backlog(char *str)
{
	u32 limit;

	if (kstrtou32(str, 0, &limit)) {
		pr_err("audit: audit_backlog_limit=%s is not a number; keeping %u\n",
		       str, audit_backlog_limit);
		return 1;
	}
	audit_backlog_limit = limit;
	return 1;
}
__setup("audit_backlog_limit=", audit_boot_backlog);

/* ---- the failure policy ---- */

/* The failure policy, for @message; @lost: the count to report. */
static void audit_fail(const char *message, int lost)
{
	static DEFINE_RATELIMIT_STATE(lost_rs, HZ, 10);

	switch (READ_ONCE(audit_failure)) {
	case AUDIT_FAIL_SILENT:
		break;
	case AUDIT_FAIL_PANIC:
		panic("audit: %s (lost=%d)\n", message, lost);
		break;
	default:
		if (__ratelimit(&lost_rs))
			pr_warn("audit: %s: lost=%d rate_limit=%u backlog_limit=%u\n",
				message, lost, READ_ONCE(audit_rate.limit),
				READ_ONCE(audit_backlog_limit));
		break;
	}
}

void audit_log_lost(const char *message)
{
	audit_fail(message, atomic_inc_return(&audit_lost));
}
EXPORT_SYMBOL(audit_log_lost);

void audit_log_failure(const char *message)
{
	audit_fail(message, atomic_read(&audit_lost));
}

/* ---- features (AUDIT_GET_FEATURE / AUDIT_SET_FEATURE) ---- */

#define AUDIT_FEATURES_KNOWN	GENMASK(AUDIT_LAST_FEATURE, 0)

/* Protected by audit_cmd_mutex for writes; bits read with READ_ONCE. */
static u32 audit_feature_bits;
static u32 audit_feature_locks;

static const char *const audit_feature_names[AUDIT_LAST_FEATURE + 1] = {
	[AUDIT_FEATURE_ONLY_UNSET_LOGINUID] = "only_unset_loginuid",
	[AUDIT_FEATURE_LOGINUID_IMMUTABLE] = "loginuid_immutable",
};

bool audit_feature_is_set(int feature)
{
	return READ_ONCE(audit_feature_bits) & BIT(feature);
}

void audit_features_get(struct audit_features *af)
{
	af->vers = AUDIT_FEATURE_VERSION;
	af->mask = AUDIT_FEATURES_KNOWN;
	af->features = READ_ONCE(audit_feature_bits);
	af->lock = READ_ONCE(audit_feature_locks);
}

/* The FEATURE_CHANGE record of bit @i of a request. */
static void audit_feature_changed(int i, u32 bits, u32 new_bits, u32 locks,
				  u32 new_locks, int res)
{
	u32 b = BIT(i);

	audit_log_feature_change(audit_feature_names[i], bits & b,
				 new_bits & b, locks & b, new_locks & b, res);
}

/* All or nothing: a locked or unknown bit refuses the whole request. */
int audit_features_set(const struct audit_features *af)
{
	u32 bits = audit_feature_bits, locks = audit_feature_locks;
	u32 new_bits = (bits & ~af->mask) | (af->features & af->mask);
	u32 new_locks = (locks & ~af->mask) | (af->lock & af->mask);
	/* A locked bit may be "set" only to what it already is, still locked. */
	u32 touched_locked = af->mask & locks;
	u32 breaks_lock = touched_locked & ((new_bits ^ bits) | ~new_locks);
	int i;

	lockdep_assert_held(&audit_cmd_mutex);
	/* libaudit sends version 0, which means the first (and only) one. */
	if (af->vers > AUDIT_FEATURE_VERSION ||
	    (af->mask & ~AUDIT_FEATURES_KNOWN))
		return -EINVAL;

	if (breaks_lock) {
		i = __ffs(breaks_lock);
		audit_feature_changed(i, bits, new_bits, locks, new_locks, 0);
		return -EPERM;
	}
	for (i = 0; i <= AUDIT_LAST_FEATURE; i++)
		if (af->mask & BIT(i))
			audit_feature_changed(i, bits, new_bits, locks,
					      new_locks, 1);
	WRITE_ONCE(audit_feature_bits, new_bits);
	WRITE_ONCE(audit_feature_locks, new_locks);
	return 0;
}

/* ---- who signalled the daemon (AUDIT_SIGNAL_INFO) ---- */

static DEFINE_SPINLOCK(audit_sig_lock);	/* protects the three below */
static kuid_t audit_sig_uid = INVALID_UID;
static pid_t audit_sig_pid;
static u32 audit_sig_secid;

int audit_signal_info(int sig, struct task_struct *t)
{
	kuid_t auid, uid;

	/* Any signal of an audited syscall: its target's OBJ_PID record. */
	audit_signal_target(t);
	if (sig != SIGTERM && sig != SIGHUP && sig != SIGUSR1 && sig != SIGUSR2)
		return 0;
	if (!audit_daemon_is(task_tgid(t)))
		return 0;

	auid = audit_get_loginuid(current);
	uid = uid_valid(auid) ? auid : current_uid();
	spin_lock(&audit_sig_lock);
	audit_sig_uid = uid;
	audit_sig_pid = task_tgid_nr(current);
	security_current_getsecid_subj(&audit_sig_secid);
	spin_unlock(&audit_sig_lock);
	return 0;
}

void audit_signal_info_get(kuid_t *uid, pid_t *pid, u32 *secid)
{
	spin_lock(&audit_sig_lock);
	*uid = audit_sig_uid;
	*pid = audit_sig_pid;
	*secid = audit_sig_secid;
	spin_unlock(&audit_sig_lock);
}

/* ---- /proc/self/loginuid ---- */

static atomic_t audit_session_id = ATOMIC_INIT(0);

static int audit_loginuid_may_change(kuid_t new)
{
	if (!audit_loginuid_set(current))
		return 0;
	if (audit_feature_is_set(AUDIT_FEATURE_LOGINUID_IMMUTABLE))
		return -EPERM;
	if (!capable(CAP_AUDIT_CONTROL))
		return -EPERM;
	if (audit_feature_is_set(AUDIT_FEATURE_ONLY_UNSET_LOGINUID) &&
	    uid_valid(new))
		return -EPERM;
	return 0;
}

int audit_set_loginuid(kuid_t loginuid)
{
	kuid_t old = audit_get_loginuid(current);
	unsigned int old_ses = audit_get_sessionid(current);
	unsigned int ses = AUDIT_SID_UNSET;
	int err;

	err = audit_loginuid_may_change(loginuid);
	if (!err && uid_valid(loginuid)) {
		do {
			ses = atomic_inc_return(&audit_session_id);
		} while (ses == AUDIT_SID_UNSET);
	}
	if (!err) {
		current->sessionid = ses;
		current->loginuid = loginuid;
	}

	/* A refused change reports the session it did not get: unset. */
	audit_log_login(old, loginuid, old_ses, ses, !err);
	return err;
}

/* ---- start-up ---- */

static int __init audit_init(void)
{
	int err;

	if (audit_off_at_boot) {
		pr_info("audit: disabled by audit=0; nothing set up\n");
		return 0;
	}
	audit_ratelimit_init(&audit_rate, 0, ktime_get_ns());
	err = audit_netlink_init();
	if (err)
		panic("audit: cannot create the netlink socket: %d\n", err);
	WRITE_ONCE(audit_ready, true);
	audit_syscall_hooks_update();
	audit_syscall_init_task();
	pr_info("audit: initialized (enabled=%u backlog_limit=%u)\n",
		audit_enabled, audit_backlog_limit);
	audit_log(NULL, GFP_KERNEL, AUDIT_KERNEL, "state=initialized audit_enabled=%u res=1",
		  audit_enabled);
	return 0;
}
postcore_initcall(audit_init);
