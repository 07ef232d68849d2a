// SPDX-License-Identifier: GPL-2.0
/*
 * Auxiliary records of a syscall event: the hooks other subsystems call
 * during a syscall (capset, execve of a file with capabilities, mmap,
 * openat2, pipe and socketpair, signals and ptrace, SysV IPC, POSIX
 * message queues, clock changes), and the records they lead to:
 * BPRM_FCAPS, CAPSET, MMAP, OPENAT2, FD_PAIR, OBJ_PID, IPC, IPC_SET_PERM,
 * MQ_*, TIME_INJOFFSET and TIME_ADJNTPVAL.  Also the file capability
 * fields of PATH records, and the records seccomp asks for (SECCOMP, and
 * CONFIG_CHANGE for its actions_logged sysctl), which join the current
 * syscall's event.
 *
 * A hook does something only while the current syscall is audited (some
 * rule names it: audit_aux_current() is not NULL), and then only copies
 * a few values into the context's struct audit_aux.  Text is made at
 * syscall exit, and only when the syscall is logged.  The one exception
 * is BPRM_FCAPS: the executable's capabilities are read when the hook
 * runs, on a privilege-raising execve only, since the file is not
 * reachable afterwards.
 */
#include <linux/binfmts.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/ipc.h>
#include <linux/mnt_idmapping.h>
#include <linux/mqueue.h>
#include <linux/openat2.h>
#include <linux/security.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/syscall.h>

#include "audit.h"
#include "audit_aux.h"
#include "audit_names.h"

/* ---- hooks ---- */

/* The current syscall's data, switched to the one record @kind. */
static struct audit_aux *audit_aux_set_kind(enum audit_aux_kind kind)
{
	struct audit_aux *aux = audit_aux_current();

	if (aux) {
		aux->kind = kind;
		aux->present |= AUDIT_AUX_HAS_KIND;
	}
	return aux;
}

void __audit_log_capset(const struct cred *new, const struct cred *old)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_CAPSET);

	if (!aux)
		return;
	aux->capset.pi = new->cap_inheritable;
	aux->capset.pp = new->cap_permitted;
	aux->capset.pe = new->cap_effective;
	aux->capset.pa = new->cap_ambient;
}

void __audit_mmap_fd(int fd, int flags)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_MMAP);

	if (!aux)
		return;
	aux->mmap.fd = fd;
	aux->mmap.flags = flags;
}

void __audit_openat2_how(struct open_how *how)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_OPENAT2);

	if (!aux)
		return;
	aux->openat2.flags = how->flags;
	aux->openat2.mode = how->mode;
	aux->openat2.resolve = how->resolve;
}

int __audit_socketcall(int nargs, const unsigned long *args)
{
	struct audit_aux *aux;

	if (nargs <= 0 || nargs > AUDITSC_ARGS || !args)
		return -EINVAL;
	aux = audit_aux_set_kind(AUDIT_AUX_SOCKETCALL);
	if (aux) {
		aux->socketcall.nargs = nargs;
		memcpy(aux->socketcall.args, args, nargs * sizeof(*args));
	}
	return 0;
}

void __audit_fd_pair(int fd0, int fd1)
{
	struct audit_aux *aux = audit_aux_current();

	if (!aux)
		return;
	aux->fds[0] = fd0;
	aux->fds[1] = fd1;
	aux->present |= AUDIT_AUX_HAS_FDS;
}

/* May run in atomic context (ipcperms() under the object's lock). */
void __audit_ipc_obj(struct kern_ipc_perm *ipcp)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_IPC);

	if (!aux)
		return;
	aux->ipc.uid = ipcp->uid;
	aux->ipc.gid = ipcp->gid;
	aux->ipc.mode = ipcp->mode;
	aux->ipc.set = false;
	security_ipc_getsecid(ipcp, &aux->ipc.osid);
}

/* The new owner and mode of an IPC_SET, after __audit_ipc_obj(). */
void __audit_ipc_set_perm(unsigned long qbytes, uid_t uid, gid_t gid,
			  umode_t mode)
{
	struct audit_aux *aux = audit_aux_current();

	if (!aux || aux->kind != AUDIT_AUX_IPC)
		return;
	aux->ipc.set = true;
	aux->ipc.qbytes = qbytes;
	aux->ipc.new_uid = uid;
	aux->ipc.new_gid = gid;
	aux->ipc.new_mode = mode;
}

static void audit_aux_mq_attr(struct audit_aux_mq_attr *to,
			      const struct mq_attr *from)
{
	if (!from) {
		memset(to, 0, sizeof(*to));
		return;
	}
	to->flags = from->mq_flags;
	to->maxmsg = from->mq_maxmsg;
	to->msgsize = from->mq_msgsize;
	to->curmsgs = from->mq_curmsgs;
}

void __audit_mq_open(int oflag, umode_t mode, struct mq_attr *attr)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_MQ_OPEN);

	if (!aux)
		return;
	aux->mq_open.oflag = oflag;
	aux->mq_open.mode = mode;
	audit_aux_mq_attr(&aux->mq_open.attr, attr);
}

void __audit_mq_sendrecv(mqd_t mqdes, size_t msg_len, unsigned int msg_prio,
			 const struct timespec64 *abs_timeout)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_MQ_SENDRECV);

	if (!aux)
		return;
	aux->mq_sendrecv.mqdes = mqdes;
	aux->mq_sendrecv.len = msg_len;
	aux->mq_sendrecv.prio = msg_prio;
	aux->mq_sendrecv.timeout = abs_timeout ? *abs_timeout :
				   (struct timespec64){ 0, 0 };
}

void __audit_mq_notify(mqd_t mqdes, const struct sigevent *notification)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_MQ_NOTIFY);

	if (!aux)
		return;
	aux->mq_notify.mqdes = mqdes;
	aux->mq_notify.signo = notification ? notification->sigev_signo : 0;
}

void __audit_mq_getsetattr(mqd_t mqdes, struct mq_attr *mqstat)
{
	struct audit_aux *aux = audit_aux_set_kind(AUDIT_AUX_MQ_GETSETATTR);

	if (!aux)
		return;
	aux->mq_getsetattr.mqdes = mqdes;
	audit_aux_mq_attr(&aux->mq_getsetattr.attr, mqstat);
}

/* The clock's data, kept when both a step and NTP values come in one call. */
static struct audit_aux *audit_aux_time(void)
{
	struct audit_aux *aux = audit_aux_current();

	if (aux && aux->kind != AUDIT_AUX_TIME) {
		memset(&aux->time, 0, sizeof(aux->time));
		aux->kind = AUDIT_AUX_TIME;
		aux->present |= AUDIT_AUX_HAS_KIND;
	}
	return aux;
}

void __audit_tk_injoffset(struct timespec64 offset)
{
	struct audit_aux *aux = audit_aux_time();

	if (aux)
		aux->time.offset = offset;
}

void __audit_ntp_log(const struct audit_ntp_data *ad)
{
	struct audit_aux *aux;
	int i;

	/* Nothing to say when no value changed. */
	for (i = 0; i < AUDIT_NTP_NVALS; i++)
		if (ad->before[i] != ad->after[i])
			break;
	if (i == AUDIT_NTP_NVALS)
		return;
	aux = audit_aux_time();
	if (!aux)
		return;
	aux->time.ntp = true;
	aux->time.ntp_vals = *ad;
}

/*
 * Notes who @t is now: it may be gone by the time the record is written.
 * Runs under RCU or tasklist_lock (signals), so it takes no locks; the
 * name is copied racily but stays terminated.
 */
static void audit_aux_target_note(struct audit_aux_target *a,
				  struct task_struct *t)
{
	a->pid = task_tgid_nr(t);
	a->auid = audit_get_loginuid(t);
	a->uid = task_uid(t);
	a->ses = audit_get_sessionid(t);
	security_task_getsecid_obj(t, &a->sid);
	strscpy_pad(a->comm, t->comm, sizeof(a->comm));
}

/* A room for one more target after the first, or NULL. */
static struct audit_aux_target *audit_aux_target_slot(struct audit_aux *aux)
{
	struct audit_aux_targets **p = &aux->more, *b = NULL;

	while (*p) {
		b = *p;
		p = &b->next;
	}
	if (!b || b->n == AUDIT_AUX_TARGET_BLOCK) {
		b = kmalloc(sizeof(*b), GFP_ATOMIC | __GFP_NOWARN);
		if (!b)
			return NULL;
		b->next = NULL;
		b->n = 0;
		*p = b;
	}
	return &b->t[b->n++];
}

static void audit_aux_add_target(struct task_struct *t)
{
	struct audit_aux *aux = audit_aux_current();
	struct audit_aux_target *a;

	if (!aux)
		return;
	if (!(aux->present & AUDIT_AUX_HAS_TARGET)) {
		a = &aux->target;
		aux->present |= AUDIT_AUX_HAS_TARGET;
	} else {
		a = audit_aux_target_slot(aux);
		if (!a) {
			audit_log_lost("out of memory for an OBJ_PID record");
			return;
		}
	}
	audit_aux_target_note(a, t);
}

/* Every signal a task sends (audit_signal_info()). */
void __audit_signal_target(struct task_struct *t)
{
	audit_aux_add_target(t);
}

void __audit_ptrace(struct task_struct *t)
{
	audit_aux_add_target(t);
}

void audit_read_fcaps(struct mnt_idmap *idmap, const struct dentry *dentry,
		      struct audit_file_caps *fc)
{
	struct cpu_vfs_cap_data disk;

	memset(fc, 0, sizeof(*fc));
	if (!dentry || get_vfs_caps_from_disk(idmap, dentry, &disk))
		return;
	fc->ver = (disk.magic_etc & VFS_CAP_REVISION_MASK) >>
		  VFS_CAP_REVISION_SHIFT;
	fc->fe = disk.magic_etc & VFS_CAP_FLAGS_EFFECTIVE;
	fc->rootid = disk.rootid;
	fc->fp = disk.permitted;
	fc->fi = disk.inheritable;
}

/*
 * An execve that raises the task's effective capabilities (commoncap):
 * the file's capabilities and the task's before and after.
 */
int __audit_log_bprm_fcaps(struct linux_binprm *bprm, const struct cred *new,
			   const struct cred *old)
{
	struct audit_aux *aux = audit_aux_current();
	struct audit_aux_fcaps *f;
	struct audit_file_caps fc;

	if (!aux)
		return 0;
	f = aux->fcaps;
	if (!f) {
		/* Unaudited, the execve would raise privileges unseen. */
		f = kmalloc(sizeof(*f), GFP_KERNEL);
		if (!f)
			return -ENOMEM;
		aux->fcaps = f;
	}
	aux->present |= AUDIT_AUX_HAS_FCAPS;
	audit_read_fcaps(file_mnt_idmap(bprm->file), bprm->file->f_path.dentry,
			 &fc);
	f->fver = fc.ver;
	f->fe = fc.fe;
	f->rootid = fc.rootid;
	f->fp = fc.fp;
	f->fi = fc.fi;
	f->old_pp = old->cap_permitted;
	f->old_pi = old->cap_inheritable;
	f->old_pe = old->cap_effective;
	f->old_pa = old->cap_ambient;
	f->pp = new->cap_permitted;
	f->pi = new->cap_inheritable;
	f->pe = new->cap_effective;
	f->pa = new->cap_ambient;
	return 0;
}

/*
 * The module an init_module, finit_module or delete_module names, even
 * when the call fails: KERN_MODULE.  Out of memory, the record is lost and
 * counted.
 */
void __audit_log_kern_module(const char *name)
{
	struct audit_aux *aux = audit_aux_current();

	if (!aux)
		return;
	kfree(aux->module);
	aux->module = kstrdup(name, GFP_KERNEL);
	if (!aux->module) {
		audit_log_lost("no memory for the name of a module");
		return;
	}
	aux->kind = AUDIT_AUX_KERN_MODULE;
	aux->present |= AUDIT_AUX_HAS_KIND;
}

void __audit_aux_reset(struct audit_aux *aux)
{
	struct audit_aux_targets *b, *next;

	for (b = aux->more; b; b = next) {
		next = b->next;
		kfree(b);
	}
	aux->more = NULL;
	kfree(aux->fcaps);
	aux->fcaps = NULL;
	kfree(aux->module);
	aux->module = NULL;
	aux->present = 0;
	aux->kind = AUDIT_AUX_NONE;
}

/* ---- records ---- */

/* " NAME=HEX" of a capability set, " NAME=0" when empty. */
static void audit_log_capset_field(struct audit_buffer *ab, const char *name,
				   kernel_cap_t cap)
{
	audit_log_format(ab, cap.val ? " %s=%016llx" : " %s=%llx", name,
			 cap.val);
}

void audit_log_fcaps(struct audit_buffer *ab, const struct audit_file_caps *fc,
		     bool noeval)
{
	if (noeval) {
		/* As the stock kernel writes it, in its order. */
		audit_log_format(ab, " cap_fe=? cap_fver=? cap_fp=? cap_fi=?");
		return;
	}
	audit_log_capset_field(ab, "cap_fp", fc->fp);
	audit_log_capset_field(ab, "cap_fi", fc->fi);
	audit_log_format(ab, " cap_fe=%u cap_fver=%x cap_frootid=%d", fc->fe,
			 fc->ver, (int)from_kuid(&init_user_ns, fc->rootid));
}

static void audit_log_bprm_fcaps_record(struct audit_context *ctx,
					const struct audit_aux_fcaps *f)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_BPRM_FCAPS);
	if (!ab)
		return;
	audit_log_format(ab, "fver=%x", f->fver);
	audit_log_capset_field(ab, "fp", f->fp);
	audit_log_capset_field(ab, "fi", f->fi);
	audit_log_format(ab, " fe=%u", f->fe);
	audit_log_capset_field(ab, "old_pp", f->old_pp);
	audit_log_capset_field(ab, "old_pi", f->old_pi);
	audit_log_capset_field(ab, "old_pe", f->old_pe);
	audit_log_capset_field(ab, "old_pa", f->old_pa);
	audit_log_capset_field(ab, "pp", f->pp);
	audit_log_capset_field(ab, "pi", f->pi);
	audit_log_capset_field(ab, "pe", f->pe);
	audit_log_capset_field(ab, "pa", f->pa);
	audit_log_format(ab, " frootid=%d",
			 (int)from_kuid(&init_user_ns, f->rootid));
	audit_log_end(ab);
}

static void audit_log_ipc(struct audit_context *ctx, const struct audit_aux *aux)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_IPC);
	if (ab) {
		audit_log_format(ab, "ouid=%u ogid=%u mode=%#ho",
				 from_kuid(&init_user_ns, aux->ipc.uid),
				 from_kgid(&init_user_ns, aux->ipc.gid),
				 aux->ipc.mode);
		audit_log_secctx(ab, "obj", aux->ipc.osid, AUDIT_SECCTX_OSID);
		audit_log_end(ab);
	}
	if (aux->ipc.set)
		audit_log(ctx, GFP_KERNEL, AUDIT_IPC_SET_PERM,
			  "qbytes=%lx ouid=%u ogid=%u mode=%#ho",
			  aux->ipc.qbytes, aux->ipc.new_uid, aux->ipc.new_gid,
			  aux->ipc.new_mode);
}

static const char *const audit_ntp_names[AUDIT_NTP_NVALS] = {
	[AUDIT_NTP_OFFSET] = "offset",
	[AUDIT_NTP_FREQ] = "freq",
	[AUDIT_NTP_STATUS] = "status",
	[AUDIT_NTP_TAI] = "tai",
	[AUDIT_NTP_TICK] = "tick",
	[AUDIT_NTP_ADJUST] = "adjust",
};

/* One TIME_ADJNTPVAL per NTP value that changed, then TIME_INJOFFSET. */
static void audit_log_time(struct audit_context *ctx,
			   const struct audit_aux *aux)
{
	const struct timespec64 *off = &aux->time.offset;
	int i;

	for (i = 0; aux->time.ntp && i < AUDIT_NTP_NVALS; i++) {
		long long was = aux->time.ntp_vals.before[i];
		long long is = aux->time.ntp_vals.after[i];

		if (was != is)
			audit_log(ctx, GFP_KERNEL, AUDIT_TIME_ADJNTPVAL,
				  "op=%s old=%lld new=%lld", audit_ntp_names[i],
				  was, is);
	}
	if (off->tv_sec || off->tv_nsec)
		audit_log(ctx, GFP_KERNEL, AUDIT_TIME_INJOFFSET,
			  "sec=%lld nsec=%ld", (long long)off->tv_sec,
			  off->tv_nsec);
}

/* The syscall-specific record, of which a syscall has at most one. */
static void audit_log_kind(struct audit_context *ctx, const struct audit_aux *aux)
{
	const struct audit_aux_mq_attr *a;
	struct audit_buffer *ab;
	int i;

	switch (aux->kind) {
	case AUDIT_AUX_CAPSET:
		ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_CAPSET);
		if (!ab)
			return;
		audit_log_format(ab, "pid=%d", task_tgid_nr(current));
		audit_log_capset_field(ab, "cap_pi", aux->capset.pi);
		audit_log_capset_field(ab, "cap_pp", aux->capset.pp);
		audit_log_capset_field(ab, "cap_pe", aux->capset.pe);
		audit_log_capset_field(ab, "cap_pa", aux->capset.pa);
		audit_log_end(ab);
		break;
	case AUDIT_AUX_MMAP:
		audit_log(ctx, GFP_KERNEL, AUDIT_MMAP, "fd=%d flags=0x%x",
			  aux->mmap.fd, aux->mmap.flags);
		break;
	case AUDIT_AUX_SOCKETCALL:
		ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_SOCKETCALL);
		if (!ab)
			break;
		audit_log_format(ab, "nargs=%d", aux->socketcall.nargs);
		for (i = 0; i < aux->socketcall.nargs; i++)
			audit_log_format(ab, " a%d=%lx", i,
					 aux->socketcall.args[i]);
		audit_log_end(ab);
		break;
	case AUDIT_AUX_OPENAT2:
		audit_log(ctx, GFP_KERNEL, AUDIT_OPENAT2,
			  "oflag=0%llo mode=0%llo resolve=0x%llx",
			  aux->openat2.flags, aux->openat2.mode,
			  aux->openat2.resolve);
		break;
	case AUDIT_AUX_IPC:
		audit_log_ipc(ctx, aux);
		break;
	case AUDIT_AUX_MQ_OPEN:
		a = &aux->mq_open.attr;
		audit_log(ctx, GFP_KERNEL, AUDIT_MQ_OPEN,
			  "oflag=0x%x mode=%#ho mq_flags=0x%lx mq_maxmsg=%ld mq_msgsize=%ld mq_curmsgs=%ld",
			  aux->mq_open.oflag, aux->mq_open.mode, a->flags,
			  a->maxmsg, a->msgsize, a->curmsgs);
		break;
	case AUDIT_AUX_MQ_SENDRECV:
		audit_log(ctx, GFP_KERNEL, AUDIT_MQ_SENDRECV,
			  "mqdes=%d msg_len=%zd msg_prio=%u abs_timeout_sec=%lld abs_timeout_nsec=%ld",
			  aux->mq_sendrecv.mqdes, aux->mq_sendrecv.len,
			  aux->mq_sendrecv.prio,
			  (long long)aux->mq_sendrecv.timeout.tv_sec,
			  aux->mq_sendrecv.timeout.tv_nsec);
		break;
	case AUDIT_AUX_MQ_NOTIFY:
		audit_log(ctx, GFP_KERNEL, AUDIT_MQ_NOTIFY,
			  "mqdes=%d sigev_signo=%d", aux->mq_notify.mqdes,
			  aux->mq_notify.signo);
		break;
	case AUDIT_AUX_MQ_GETSETATTR:
		a = &aux->mq_getsetattr.attr;
		/* (The stock record ends in a space; parsers take both.) */
		audit_log(ctx, GFP_KERNEL, AUDIT_MQ_GETSETATTR,
			  "mqdes=%d mq_flags=0x%lx mq_maxmsg=%ld mq_msgsize=%ld mq_curmsgs=%ld",
			  aux->mq_getsetattr.mqdes, a->flags, a->maxmsg,
			  a->msgsize, a->curmsgs);
		break;
	case AUDIT_AUX_TIME:
		audit_log_time(ctx, aux);
		break;
	case AUDIT_AUX_KERN_MODULE:
		ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_KERN_MODULE);
		if (!ab)
			break;
		audit_log_format(ab, "name=");
		audit_log_untrustedstring(ab, aux->module);
		audit_log_end(ab);
		break;
	}
}

static void audit_log_target(struct audit_context *ctx,
			     const struct audit_aux_target *t)
{
	struct audit_buffer *ab;

	ab = audit_log_start(ctx, GFP_KERNEL, AUDIT_OBJ_PID);
	if (!ab)
		return;
	/* Signed, as the stock kernel writes them: unset ids show as -1. */
	audit_log_format(ab, "opid=%d oauid=%d ouid=%d oses=%d", t->pid,
			 (int)from_kuid(&init_user_ns, t->auid),
			 (int)from_kuid(&init_user_ns, t->uid), (int)t->ses);
	audit_log_secctx(ab, "obj", t->sid, AUDIT_SECCTX_NONE);
	audit_log_format(ab, " ocomm=");
	audit_log_untrustedstring(ab, t->comm);
	audit_log_end(ab);
}

void audit_aux_log(struct audit_context *ctx, const struct audit_aux *aux)
{
	const struct audit_aux_targets *b;
	unsigned int i;

	if (aux->present & AUDIT_AUX_HAS_FCAPS)
		audit_log_bprm_fcaps_record(ctx, aux->fcaps);
	if (aux->present & AUDIT_AUX_HAS_KIND)
		audit_log_kind(ctx, aux);
	if (aux->present & AUDIT_AUX_HAS_FDS)
		audit_log(ctx, GFP_KERNEL, AUDIT_FD_PAIR, "fd0=%d fd1=%d",
			  aux->fds[0], aux->fds[1]);
	if (!(aux->present & AUDIT_AUX_HAS_TARGET))
		return;
	audit_log_target(ctx, &aux->target);
	for (b = aux->more; b; b = b->next)
		for (i = 0; i < b->n; i++)
			audit_log_target(ctx, &b->t[i]);
}
