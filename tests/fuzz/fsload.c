// SPDX-License-Identifier: GPL-2.0
/*
 * The filesystem side: the fuzz directories DIR/d0..d3 (files f0..f3, a
 * subdirectory sub), the syscall load in them under watch rules it adds
 * itself (open, creat, rename, unlink, mkdir, rmdir, chmod, link, connect
 * on unix sockets, opens of FIFOs that block until a timer or a writer
 * ends them, relative names after chdir), the churn that removes,
 * renames and recreates those directories and mounts and unmounts tmpfs
 * (and bind mounts) on them, lazily too, the fork and exec storm, and the
 * cleanup at the end of a run.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#define P_LEN (PATH_MAX + 64)

/* DIR/dI, or DIR/dI/NAME. */
static void dpath(const struct fz_cfg *cfg, char *out, unsigned i,
		  const char *name)
{
	if (name)
		snprintf(out, P_LEN, "%s/d%u/%s", cfg->dir, i, name);
	else
		snprintf(out, P_LEN, "%s/d%u", cfg->dir, i);
}

static void populate(const char *d)
{
	char p[P_LEN];

	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s/f%d", d, i);
		close(open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
	}
	snprintf(p, sizeof(p), "%s/sub", d);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/sub/f0", d);
	close(open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
}

int fz_dirs_setup(const struct fz_cfg *cfg)
{
	char p[P_LEN];

	if (mkdir(cfg->dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	for (unsigned i = 0; i < FZ_NDIRS; i++) {
		dpath(cfg, p, i, NULL);
		mkdir(p, 0755);
		populate(p);
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* rm -r PATH, staying on its filesystem; 0 or the errno of the last
 * removal of PATH itself.  Only ever under the fuzz directory. */
static int remove_tree(const struct fz_cfg *cfg, const char *path)
{
	size_t n = strlen(cfg->dir);

	if (strncmp(path, cfg->dir, n) || path[n] != '/')
		return EPERM;
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
	if (rmdir(path) < 0 && errno != ENOENT)
		return errno;
	return 0;
}

/* The mount points under the fuzz directory, deepest first: lazily
 * unmounted until none is left. */
static int detach_all(const struct fz_cfg *cfg)
{
	size_t n = strlen(cfg->dir);
	int found = 0;
	char line[P_LEN + 256];
	FILE *f = fopen("/proc/self/mounts", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char dev[256], mnt[P_LEN];

		if (sscanf(line, "%255s %4095s", dev, mnt) != 2)
			continue;
		if (!strncmp(mnt, cfg->dir, n) && mnt[n] == '/') {
			umount2(mnt, MNT_DETACH);
			found++;
		}
	}
	fclose(f);
	return found;
}

void fz_dirs_cleanup(const struct fz_cfg *cfg)
{
	char p[P_LEN];

	for (int i = 0; i < 50 && detach_all(cfg); i++)
		;
	for (unsigned i = 0; i < FZ_NDIRS; i++) {
		dpath(cfg, p, i, NULL);
		remove_tree(cfg, p);
		snprintf(p, sizeof(p), "%s/moved-%u", cfg->dir, i);
		remove_tree(cfg, p);
	}
}

/* ---- the syscall load ---- */

static void load_rules(struct fz_worker *w)
{
	static const uint32_t perms[] = { AUDIT_PERM_WRITE | AUDIT_PERM_ATTR,
					  AUDIT_PERM_READ | AUDIT_PERM_WRITE |
					  AUDIT_PERM_EXEC | AUDIT_PERM_ATTR };
	int fd = fz_nl_open(NULL);
	char p[P_LEN], key[32];

	if (fd < 0)
		return;
	for (unsigned i = 0; i < FZ_NDIRS; i++) {
		const uint32_t fields[] = { AUDIT_DIR, AUDIT_WATCH };
		struct fz_answer a;
		struct fz_msg m;

		for (unsigned j = 0; j < 2; j++) {
			dpath(w->cfg, p, i, j ? "f0" : NULL);
			snprintf(key, sizeof(key), "fz-load-%u-%u", i, j);
			fz_msg_init(&m, 2 * P_LEN + 2048);
			fz_rule_path(&m, AUDIT_ADD_RULE, AUDIT_FILTER_EXIT,
				     fields[j], p, perms[j], key);
			fz_exchange(w, fd, &m, &a);
			w->req_ms = a.ms;
			fz_note_req(w, OP_LOAD_RULE, a.nacks ? a.acks[0] : 0,
				    "%s %s", j ? "watch" : "dir", p);
			fz_msg_free(&m);
		}
	}
	close(fd);
}

/* A random name in a random directory. */
static unsigned pick_path(struct fz_worker *w, char *out, const char *prefix)
{
	unsigned i = fz_below(&w->rng, FZ_NDIRS);
	char name[32];

	snprintf(name, sizeof(name), "%s%u", prefix, fz_below(&w->rng, 4));
	dpath(w->cfg, out, i, name);
	return i;
}

static int err_of(int rc)
{
	return rc < 0 ? errno : 0;
}

static void op_open(struct fz_worker *w)
{
	char p[P_LEN];
	int fd, err;

	pick_path(w, p, fz_chance(&w->rng, 70) ? "f" : "sub/f");
	fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	err = err_of(fd);
	if (fd >= 0) {
		(void)!write(fd, "x", 1);
		close(fd);
	}
	fz_note(w, OP_LOAD_OPEN, err, "%s", p);
}

static void op_creat(struct fz_worker *w)
{
	char p[P_LEN];
	int fd;

	pick_path(w, p, "n");
	fd = creat(p, 0600);
	fz_note(w, OP_LOAD_CREAT, err_of(fd), "%s", p);
	if (fd >= 0)
		close(fd);
}

static void op_rename(struct fz_worker *w)
{
	char a[P_LEN], b[P_LEN];

	pick_path(w, a, fz_chance(&w->rng, 50) ? "f" : "n");
	pick_path(w, b, fz_chance(&w->rng, 50) ? "f" : "n");
	fz_note(w, OP_LOAD_RENAME, err_of(rename(a, b)), "%s", a);
}

static void op_unlink(struct fz_worker *w)
{
	char p[P_LEN];

	pick_path(w, p, FZ_PICK(&w->rng, ((const char *[]){ "f", "n", "l", "y" })));
	fz_note(w, OP_LOAD_UNLINK, err_of(unlink(p)), "%s", p);
}

static void op_mkdir(struct fz_worker *w, bool make)
{
	char p[P_LEN];

	pick_path(w, p, fz_chance(&w->rng, 50) ? "sub" : "sub/x");
	if (make)
		fz_note(w, OP_LOAD_MKDIR, err_of(mkdir(p, 0755)), "%s", p);
	else
		fz_note(w, OP_LOAD_RMDIR, err_of(rmdir(p)), "%s", p);
}

static void op_chmod(struct fz_worker *w)
{
	char p[P_LEN];

	pick_path(w, p, "f");
	fz_note(w, OP_LOAD_CHMOD,
		err_of(chmod(p, (mode_t)fz_below(&w->rng, 01000))), "%s", p);
}

static void op_link(struct fz_worker *w)
{
	char a[P_LEN], b[P_LEN];
	int rc;

	pick_path(w, a, "f");
	if (fz_chance(&w->rng, 50)) {
		pick_path(w, b, "l");
		rc = link(a, b);
	} else {
		pick_path(w, b, "y");
		rc = symlink("f1", b);
	}
	fz_note(w, OP_LOAD_LINK, err_of(rc), "%s", b);
}

/* A listening unix socket at DIR/dI/s0 and a client connecting to it. */
static void op_connect(struct fz_worker *w, int *srv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	unsigned i = fz_below(&w->rng, FZ_NDIRS);
	char p[P_LEN];
	int c, err;

	dpath(w->cfg, p, i, "s0");
	if (strlen(p) >= sizeof(sa.sun_path))
		return;
	memcpy(sa.sun_path, p, strlen(p) + 1);
	if (srv[i] < 0 || fz_chance(&w->rng, 10)) {
		if (srv[i] >= 0)
			close(srv[i]);
		unlink(p);
		srv[i] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (srv[i] >= 0 && (bind(srv[i], (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
				    listen(srv[i], 8) < 0)) {
			close(srv[i]);
			srv[i] = -1;
		}
	}
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	err = c < 0 ? errno : err_of(connect(c, (struct sockaddr *)&sa, sizeof(sa)));
	fz_note(w, OP_LOAD_CONNECT, err, "%s", p);
	if (c >= 0)
		close(c);
	while (srv[i] >= 0) {
		int a = accept4(srv[i], NULL, NULL, SOCK_CLOEXEC);

		if (a < 0)
			break;
		close(a);
	}
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A reader blocked in open() of a FIFO until a writer or its timer ends
 * it: a syscall that lasts while audit is switched and paths go away. */
static void op_fifo(struct fz_worker *w)
{
	char p[P_LEN];
	unsigned timer = fz_range(&w->rng, 20, 600);
	pid_t child;
	int st = 0;

	pick_path(w, p, "p");
	fz_inflight(w, "load fifo %s timer %u ms", p, timer);
	mkfifo(p, 0600);
	child = fork();
	if (child == 0) {
		struct sigaction sa = { .sa_handler = on_alarm };
		struct itimerval it = { .it_value = { 0, (long)timer * 1000 } };
		int fd;

		fz_worker_child_reset(w);
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &it, NULL);
		fd = open(p, O_RDONLY | O_CLOEXEC);
		_exit(fd < 0 ? (errno & 0x7f) : 0);
	}
	if (child < 0) {
		fz_note(w, OP_LOAD_FIFO, errno, "fork");
		return;
	}
	fz_sleep_ms(w, fz_below(&w->rng, timer + 100));
	close(open(p, O_WRONLY | O_NONBLOCK | O_CLOEXEC));
	waitpid(child, &st, 0);
	fz_note(w, OP_LOAD_FIFO, WIFEXITED(st) ? WEXITSTATUS(st) : -1, "%s", p);
}

/* Relative names from inside a watched directory. */
static void op_chdir(struct fz_worker *w)
{
	char p[P_LEN];
	unsigned i = fz_below(&w->rng, FZ_NDIRS);
	int err;

	dpath(w->cfg, p, i, NULL);
	err = err_of(chdir(p));
	if (!err) {
		int fd = open("f0", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		struct stat st;

		if (fd >= 0)
			close(fd);
		stat("sub", &st);
		rename("f1", "n1");
		(void)!chdir("/");
	}
	fz_note(w, OP_LOAD_CHDIR, err, "%s", p);
}

static void load_op(struct fz_worker *w, int *srv)
{
	unsigned p = fz_below(&w->rng, 100);

	if (p < 20)
		op_open(w);
	else if (p < 30)
		op_creat(w);
	else if (p < 42)
		op_rename(w);
	else if (p < 54)
		op_unlink(w);
	else if (p < 62)
		op_mkdir(w, true);
	else if (p < 70)
		op_mkdir(w, false);
	else if (p < 78)
		op_chmod(w);
	else if (p < 84)
		op_link(w);
	else if (p < 90)
		op_connect(w, srv);
	else if (p < 94)
		op_fifo(w);
	else
		op_chdir(w);
}

void fz_role_load(struct fz_worker *w)
{
	int srv[FZ_NDIRS];

	for (unsigned i = 0; i < FZ_NDIRS; i++)
		srv[i] = -1;
	for (uint64_t n = 0; !fz_stopping(w); n++) {
		if (n % 500 == 0)
			load_rules(w);
		load_op(w, srv);
	}
	for (unsigned i = 0; i < FZ_NDIRS; i++)
		if (srv[i] >= 0)
			close(srv[i]);
}

/* ---- the churn ---- */

static int churn_mount(const char *where)
{
	int rc = mount("fuzz", where, "tmpfs", 0, "size=4m,nr_inodes=4000");

	if (rc == 0)
		populate(where);
	return err_of(rc);
}

enum churn_kind { CH_AWAY, CH_BACK, CH_REMOVE, CH_CREATE, CH_MOUNT,
		  CH_MOUNT_SUB, CH_UMOUNT, CH_DETACH, CH_BIND };

static enum churn_kind churn_pick(struct fz_rng *r)
{
	static const struct { unsigned upto; enum churn_kind k; } table[] = {
		{ 12, CH_AWAY }, { 22, CH_BACK }, { 34, CH_REMOVE },
		{ 50, CH_CREATE }, { 62, CH_MOUNT }, { 67, CH_MOUNT_SUB },
		{ 80, CH_UMOUNT }, { 94, CH_DETACH }, { 100, CH_BIND },
	};
	unsigned p = fz_below(r, 100);
	size_t i = 0;

	while (p >= table[i].upto)
		i++;
	return table[i].k;
}

/* Does KIND on D (O: the other path it needs); returns 0 or an errno. */
static int churn_do(const struct fz_cfg *cfg, enum churn_kind kind,
		    const char *d, const char *o)
{
	int err;

	switch (kind) {
	case CH_AWAY: return err_of(rename(d, o));
	case CH_BACK: return err_of(rename(o, d));
	case CH_REMOVE: return remove_tree(cfg, d);
	case CH_CREATE:
		err = err_of(mkdir(d, 0755));
		if (!err)
			populate(d);
		return err;
	case CH_MOUNT: case CH_MOUNT_SUB: return churn_mount(d);
	case CH_UMOUNT: return err_of(umount2(d, 0));
	case CH_DETACH: return err_of(umount2(d, MNT_DETACH));
	default: return err_of(mount(o, d, NULL, MS_BIND, NULL));
	}
}

static const int churn_ops[] = {
	[CH_AWAY] = OP_CHURN_RENAME, [CH_BACK] = OP_CHURN_RENAME,
	[CH_REMOVE] = OP_CHURN_REMOVE, [CH_CREATE] = OP_CHURN_CREATE,
	[CH_MOUNT] = OP_CHURN_MOUNT, [CH_MOUNT_SUB] = OP_CHURN_MOUNT,
	[CH_UMOUNT] = OP_CHURN_UMOUNT, [CH_DETACH] = OP_CHURN_DETACH,
	[CH_BIND] = OP_CHURN_BIND,
};

static const char *const churn_names[] = {
	[CH_AWAY] = "rename away", [CH_BACK] = "rename back",
	[CH_REMOVE] = "remove", [CH_CREATE] = "create",
	[CH_MOUNT] = "mount tmpfs", [CH_MOUNT_SUB] = "mount tmpfs",
	[CH_UMOUNT] = "umount", [CH_DETACH] = "umount lazily",
	[CH_BIND] = "bind mount",
};

/* One change to one directory, named in the in-flight line first: a
 * panic it causes is then on record. */
static void churn_op(struct fz_worker *w)
{
	unsigned i = fz_below(&w->rng, FZ_NDIRS);
	enum churn_kind kind = churn_pick(&w->rng);
	char d[P_LEN], o[P_LEN];
	int err;

	dpath(w->cfg, d, i, NULL);
	snprintf(o, sizeof(o), "%s/moved-%u", w->cfg->dir, i);
	if (kind == CH_REMOVE && fz_chance(&w->rng, 20))
		memcpy(d, o, sizeof(d));
	if (kind == CH_MOUNT_SUB || (kind == CH_DETACH && fz_chance(&w->rng, 25)))
		dpath(w->cfg, d, i, "sub");
	if (kind == CH_BIND)
		dpath(w->cfg, o, (i + 1) % FZ_NDIRS, NULL);
	fz_inflight(w, "churn %s %s", churn_names[kind], d);
	err = churn_do(w->cfg, kind, d, o);
	fz_note(w, churn_ops[kind], err, "%s %s", churn_names[kind], d);
}

void fz_role_churn(struct fz_worker *w)
{
	while (!fz_stopping(w)) {
		churn_op(w);
		fz_sleep_ms(w, fz_range(&w->rng, 2, 80));
	}
}

/* ---- fork and exec ---- */

static void storm_child(struct fz_worker *w)
{
	const char *dir = w->cfg->dir;

	fz_worker_child_reset(w);
	switch (fz_below(&w->rng, 10)) {
	case 0: case 1: case 2:
		_exit(0);
	case 3: case 4: case 5:
		w->slot->extra[X_STORM_EXECS]++;
		execl("/bin/true", "true", (char *)NULL);
		break;
	case 6: case 7:
		w->slot->extra[X_STORM_SELF]++;
		execl(w->cfg->self_exe, "audit-fuzz", "--exec-child", dir,
		      (char *)NULL);
		break;
	case 8:
		if (fork() == 0)	/* an orphan, reaped by the storm */
			execl("/bin/true", "true", (char *)NULL);
		_exit(0);
	default:
		execl("/nonexistent/audit-fuzz", "x", (char *)NULL);
		break;
	}
	_exit(errno & 0x7f);
}

static void storm_reap(struct fz_worker *w, int *live, bool block)
{
	int st;
	pid_t pid;

	while ((pid = waitpid(-1, &st, block ? 0 : WNOHANG)) > 0) {
		(*live)--;
		fz_note(w, OP_STORM_CHILD, WIFEXITED(st) ? WEXITSTATUS(st) : -1,
			"pid %d", (int)pid);
		block = false;
	}
}

void fz_role_storm(struct fz_worker *w)
{
	int live = 0;

	/* Orphans of the children come back to us, not to init. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	while (!fz_stopping(w)) {
		pid_t pid;

		if (live >= 8)
			storm_reap(w, &live, true);
		w->rng.s = fz_mix(w->rng.s);
		pid = fork();
		if (pid == 0)
			storm_child(w);
		fz_note(w, OP_STORM_FORK, pid < 0 ? errno : 0, "pid %d", (int)pid);
		if (pid > 0)
			live++;
		storm_reap(w, &live, false);
		fz_sleep_ms(w, fz_below(&w->rng, 20));
	}
	while (live > 0 && waitpid(-1, NULL, 0) > 0)
		live--;
}

/* What `audit-fuzz --exec-child DIR` does: a few audited calls, then out. */
int fz_exec_child(const char *dir)
{
	char p[P_LEN];
	struct stat st;
	int fd;

	snprintf(p, sizeof(p), "%s/d0/f0", dir);
	fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	stat(dir, &st);
	return getppid() > 0 ? 0 : 1;
}
