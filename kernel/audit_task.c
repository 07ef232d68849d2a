// SPDX-License-Identifier: GPL-2.0
/*
 * The fields of the current task that records carry: its identity blocks
 * (audit_log_task_info() for the full one, audit_log_task_ids() for the
 * short one of SECCOMP and ANOM_ABEND), session, tty and executable, and
 * the security contexts (subj= of the task, obj= of objects), each
 * written by one function here.
 */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/tty.h>

#include "audit.h"

void audit_log_session_info(struct audit_buffer *ab)
{
	audit_log_format(ab, " auid=%u ses=%u",
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 audit_get_sessionid(current));
}

/*
 * " NAME=CONTEXT" of the LSM's secid @sid; nothing for 0.  When the LSM
 * has no text for it, @fallback says what the record shows instead, as
 * each record always has: nothing, " osid=N" or " NAME=(none)".
 * Returns the LSM's error.
 */
int audit_log_secctx(struct audit_buffer *ab, const char *name, u32 sid,
		     enum audit_secctx_fallback fallback)
{
	char *text;
	u32 len;
	int err;

	if (!sid)
		return 0;
	err = security_secid_to_secctx(sid, &text, &len);
	if (err) {
		if (fallback == AUDIT_SECCTX_OSID)
			audit_log_format(ab, " osid=%u", sid);
		else if (fallback == AUDIT_SECCTX_NONE)
			audit_log_format(ab, " %s=(none)", name);
		return err;
	}
	audit_log_format(ab, " %s=%s", name, text);
	security_release_secctx(text, len);
	return 0;
}

/* " subj=CONTEXT" when an LSM labels tasks; an error when it failed. */
int audit_log_task_context(struct audit_buffer *ab)
{
	u32 secid;
	int err;

	security_current_getsecid_subj(&secid);
	err = audit_log_secctx(ab, "subj", secid, AUDIT_SECCTX_NOTHING);
	/* The record goes without subj=: not lost, but a failure. */
	if (err && err != -EINVAL)
		audit_log_failure("cannot get the task's security context");
	return err;
}
EXPORT_SYMBOL(audit_log_task_context);

void audit_log_tty(struct audit_buffer *ab)
{
	struct tty_struct *tty = get_current_tty();

	audit_log_format(ab, " tty=%s", tty ? tty_name(tty) : "(none)");
	tty_kref_put(tty);
}

void audit_log_exe(struct audit_buffer *ab, struct mm_struct *mm)
{
	struct file *exe;

	if (!mm) {
		audit_log_format(ab, " exe=(null)");
		return;
	}
	exe = get_mm_exe_file(mm);
	if (!exe) {
		audit_log_format(ab, " exe=(null)");
		return;
	}
	audit_log_d_path(ab, " exe=", &exe->f_path);
	fput(exe);
}

void audit_log_cred_ids(struct audit_buffer *ab)
{
	const struct cred *cred = current_cred();

	audit_log_format(ab, " uid=%u gid=%u euid=%u suid=%u fsuid=%u",
			 from_kuid(&init_user_ns, cred->uid),
			 from_kgid(&init_user_ns, cred->gid),
			 from_kuid(&init_user_ns, cred->euid),
			 from_kuid(&init_user_ns, cred->suid),
			 from_kuid(&init_user_ns, cred->fsuid));
	audit_log_format(ab, " egid=%u sgid=%u fsgid=%u",
			 from_kgid(&init_user_ns, cred->egid),
			 from_kgid(&init_user_ns, cred->sgid),
			 from_kgid(&init_user_ns, cred->fsgid));
}

/* The identity block of task-related records: ppid= ... exe= subj=. */
void audit_log_task_info(struct audit_buffer *ab)
{
	char comm[TASK_COMM_LEN];

	if (!ab)
		return;
	audit_log_format(ab, "ppid=%d pid=%d auid=%u", task_ppid_nr(current),
			 task_tgid_nr(current),
			 from_kuid(&init_user_ns, audit_get_loginuid(current)));
	audit_log_cred_ids(ab);
	audit_log_tty(ab);
	audit_log_format(ab, " ses=%u comm=", audit_get_sessionid(current));
	audit_log_untrustedstring(ab, get_task_comm(comm, current));
	audit_log_exe(ab, current->mm);
	audit_log_task_context(ab);
}
EXPORT_SYMBOL(audit_log_task_info);

/* The short identity block of SECCOMP and ANOM_ABEND: auid= ... exe=. */
void audit_log_task_ids(struct audit_buffer *ab)
{
	const struct cred *cred = current_cred();
	char comm[TASK_COMM_LEN];

	audit_log_format(ab, "auid=%u uid=%u gid=%u ses=%u",
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 from_kuid(&init_user_ns, cred->uid),
			 from_kgid(&init_user_ns, cred->gid),
			 audit_get_sessionid(current));
	audit_log_task_context(ab);
	audit_log_format(ab, " pid=%d comm=", task_tgid_nr(current));
	audit_log_untrustedstring(ab, get_task_comm(comm, current));
	audit_log_exe(ab, current->mm);
}
