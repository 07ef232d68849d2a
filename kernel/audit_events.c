// SPDX-License-Identifier: GPL-2.0
/*
 * The records the audit core writes of its own: CONFIG_CHANGE for a
 * status change, FEATURE_CHANGE, LOGIN, EVENT_LISTENER, the protected_*
 * refusals; the two records of a task's fate that other subsystems
 * report, ANOM_ABEND (a core dump) and SECCOMP; and the records of
 * fanotify's audited answers (FANOTIFY) and of netfilter's configuration
 * (NETFILTER_CFG).  Each is an event of its own, or
 * joins the current syscall's event when there is one.
 */
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <asm/syscall.h>

#include "audit.h"

/* A record of @type in the current event; none while audit is off. */
static struct audit_buffer *audit_event_start(int type)
{
	if (!READ_ONCE(audit_enabled))
		return NULL;
	return audit_log_start(audit_context(), GFP_KERNEL, type);
}

void audit_log_config_change(const char *name, u32 new, u32 old, bool ok)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE);
	if (!ab)
		return;
	audit_log_format(ab, "op=set %s=%u old=%u", name, new, old);
	audit_log_session_info(ab);
	if (audit_log_task_context(ab))
		ok = false;
	audit_log_format(ab, " res=%d", ok);
	audit_log_end(ab);
}

/* A link or file access refused by the protected_* sysctls. */
void audit_log_path_denied(int type, const char *operation)
{
	struct audit_buffer *ab;

	ab = audit_event_start(type);
	if (!ab)
		return;
	audit_log_format(ab, "op=%s ", operation);
	audit_log_task_info(ab);
	audit_log_format(ab, " res=0");
	audit_log_end(ab);
}

/* FEATURE_CHANGE: one feature bit of a request, before and after. */
void audit_log_feature_change(const char *feature, bool was, bool now,
			      bool was_locked, bool now_locked, int res)
{
	struct audit_buffer *ab;

	ab = audit_event_start(AUDIT_FEATURE_CHANGE);
	if (!ab)
		return;
	audit_log_task_info(ab);
	audit_log_format(ab, " feature=%s old=%d new=%d", feature, was, now);
	audit_log_format(ab, " old_lock=%d new_lock=%d res=%d", was_locked,
			 now_locked, res);
	audit_log_end(ab);
}

/* The loginuid of the current task was set, or refused (@ok false). */
void audit_log_login(kuid_t old, kuid_t new, unsigned int old_ses,
		     unsigned int ses, bool ok)
{
	struct audit_buffer *ab;

	ab = audit_event_start(AUDIT_LOGIN);
	if (!ab)
		return;
	audit_log_format(ab, "pid=%d uid=%u", task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()));
	audit_log_task_context(ab);
	audit_log_format(ab, " old-auid=%u auid=%u",
			 from_kuid(&init_user_ns, old),
			 from_kuid(&init_user_ns, new));
	audit_log_tty(ab);
	audit_log_format(ab, " old-ses=%u ses=%u res=%d", old_ses, ses, ok);
	audit_log_end(ab);
}

/*
 * EVENT_LISTENER: who joined or left the multicast group @group of the
 * log's readers, in the event of the bind, setsockopt or close that did
 * it.  A refused join (no CAP_AUDIT_READ) is logged with res=0.
 */
void audit_log_event_listener(int group, const char *op, bool ok)
{
	struct audit_buffer *ab;
	char comm[TASK_COMM_LEN];

	ab = audit_event_start(AUDIT_EVENT_LISTENER);
	if (!ab)
		return;
	audit_log_format(ab, "pid=%d uid=%u auid=%u", task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()),
			 from_kuid(&init_user_ns, audit_get_loginuid(current)));
	audit_log_tty(ab);
	audit_log_format(ab, " ses=%u", audit_get_sessionid(current));
	audit_log_task_context(ab);
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, get_task_comm(comm, current));
	audit_log_exe(ab, current->mm);
	audit_log_format(ab, " nl-mcgrp=%d op=%s res=%d", group, op, ok);
	audit_log_end(ab);
}

#ifdef CONFIG_AUDITSYSCALL
/*
 * A task is about to dump core: ANOM_ABEND, an event of its own (the
 * task is in signal delivery, not in a syscall).  SIGQUIT is asked for,
 * not an anomaly.
 */
void audit_core_dumps(long signr)
{
	struct audit_buffer *ab;

	if (!READ_ONCE(audit_enabled) || signr == SIGQUIT)
		return;
	ab = audit_log_start(NULL, GFP_KERNEL, AUDIT_ANOM_ABEND);
	if (!ab)
		return;
	audit_log_task_ids(ab);
	audit_log_format(ab, " sig=%ld res=1", signr);
	audit_log_end(ab);
}

/*
 * seccomp applied an action it logs (RET_LOG, RET_KILL_*, or one the
 * filter asked to log): whatever the rules, as the stock kernel does.
 */
void audit_seccomp(unsigned long syscall, long signr, int code)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct audit_buffer *ab;

	ab = audit_event_start(AUDIT_SECCOMP);
	if (!ab)
		return;
	audit_log_task_ids(ab);
	/* The call as seccomp saw it, then what seccomp did about it. */
	audit_log_format(ab, " sig=%ld arch=%x syscall=%ld compat=%d", signr,
			 syscall_get_arch(current), syscall,
			 in_compat_syscall());
	audit_log_format(ab, " ip=0x%lx code=0x%x", instruction_pointer(regs),
			 code);
	audit_log_end(ab);
}

void audit_seccomp_actions_logged(const char *names, const char *old_names,
				  int res)
{
	if (!READ_ONCE(audit_enabled))
		return;
	audit_log(audit_context(), GFP_KERNEL, AUDIT_CONFIG_CHANGE,
		  "op=seccomp-logging actions=%s old-actions=%s res=%d",
		  names, old_names, res);
}
#endif /* CONFIG_AUDITSYSCALL */

/*
 * FANOTIFY: a listener allowed or denied an access and asked for it to be
 * audited, in the event of the syscall that was waiting for the answer.
 * The trust values are 0 (no), 1 (yes) or 2 (unknown, when the listener
 * gave no rule).
 */
void audit_fanotify(u32 response,
		    struct fanotify_response_info_audit_rule *friar)
{
	struct audit_buffer *ab;
	bool rule = friar->hdr.type == FAN_RESPONSE_INFO_AUDIT_RULE;

	if (!rule && friar->hdr.type != FAN_RESPONSE_INFO_NONE)
		return;
	ab = audit_event_start(AUDIT_FANOTIFY);
	if (!ab)
		return;
	audit_log_format(ab, "resp=%u fan_type=%u fan_info=%X", response,
			 friar->hdr.type, rule ? friar->rule_number : 0);
	audit_log_format(ab, " subj_trust=%u obj_trust=%u",
			 rule ? friar->subj_trust : 2,
			 rule ? friar->obj_trust : 2);
	audit_log_end(ab);
}

/* What NETFILTER_CFG's op= says for each enum audit_nfcfgop. */
static const char *const audit_nfcfg_ops[] = {
	[AUDIT_XT_OP_REGISTER]			= "xt_register",
	[AUDIT_XT_OP_REPLACE]			= "xt_replace",
	[AUDIT_XT_OP_UNREGISTER]		= "xt_unregister",
	[AUDIT_NFT_OP_TABLE_REGISTER]		= "nft_register_table",
	[AUDIT_NFT_OP_TABLE_UNREGISTER]		= "nft_unregister_table",
	[AUDIT_NFT_OP_CHAIN_REGISTER]		= "nft_register_chain",
	[AUDIT_NFT_OP_CHAIN_UNREGISTER]		= "nft_unregister_chain",
	[AUDIT_NFT_OP_RULE_REGISTER]		= "nft_register_rule",
	[AUDIT_NFT_OP_RULE_UNREGISTER]		= "nft_unregister_rule",
	[AUDIT_NFT_OP_SET_REGISTER]		= "nft_register_set",
	[AUDIT_NFT_OP_SET_UNREGISTER]		= "nft_unregister_set",
	[AUDIT_NFT_OP_SETELEM_REGISTER]		= "nft_register_setelem",
	[AUDIT_NFT_OP_SETELEM_UNREGISTER]	= "nft_unregister_setelem",
	[AUDIT_NFT_OP_GEN_REGISTER]		= "nft_register_gen",
	[AUDIT_NFT_OP_OBJ_REGISTER]		= "nft_register_obj",
	[AUDIT_NFT_OP_OBJ_UNREGISTER]		= "nft_unregister_obj",
	[AUDIT_NFT_OP_OBJ_RESET]		= "nft_reset_obj",
	[AUDIT_NFT_OP_FLOWTABLE_REGISTER]	= "nft_register_flowtable",
	[AUDIT_NFT_OP_FLOWTABLE_UNREGISTER]	= "nft_unregister_flowtable",
	[AUDIT_NFT_OP_SETELEM_RESET]		= "nft_reset_setelem",
	[AUDIT_NFT_OP_RULE_RESET]		= "nft_reset_rule",
	[AUDIT_NFT_OP_INVALID]			= "nft_invalid",
};

/*
 * NETFILTER_CFG: a table of x_tables, ebtables or nf_tables (or one of its
 * chains, rules, sets ...) changed, with how many entries it has now; in
 * the event of the syscall that changed it.  @gfp is the caller's: some
 * changes are made where sleeping is not allowed.
 */
void audit_log_nfcfg(const char *name, u8 af, unsigned int nentries,
		     enum audit_nfcfgop op, gfp_t gfp)
{
	struct audit_buffer *ab;
	char comm[TASK_COMM_LEN];

	if (!READ_ONCE(audit_enabled))
		return;
	if ((unsigned int)op >= ARRAY_SIZE(audit_nfcfg_ops) ||
	    !audit_nfcfg_ops[op])
		op = AUDIT_NFT_OP_INVALID;
	ab = audit_log_start(audit_context(), gfp, AUDIT_NETFILTER_CFG);
	if (!ab)
		return;
	audit_log_format(ab, "table=%s family=%u entries=%u op=%s pid=%d",
			 name, af, nentries, audit_nfcfg_ops[op],
			 task_tgid_nr(current));
	audit_log_task_context(ab);
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, get_task_comm(comm, current));
	audit_log_end(ab);
}
EXPORT_SYMBOL_GPL(audit_log_nfcfg);
