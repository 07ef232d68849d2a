// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink roles: senders (random and mutated messages of every class),
 * the daemon (registers, reads, stops reading, is killed, comes back),
 * multicast readers (join and leave the read-log group), the toggle
 * (audit on and off, and other settings at random), and the keeper,
 * which every two seconds restores a sane state and deletes the rules
 * that silence the log, and every ten deletes every rule, so that the run
 * does not fuzz itself into uselessness.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

/* ---- senders ---- */

static int sender_socket(struct fz_worker *w, int fd)
{
	if (fd >= 0)
		close(fd);
	fd = fz_nl_open(&w->rng);
	if (fd >= 0)
		w->slot->extra[X_SND_REOPEN]++;
	return fd;
}

void fz_role_sender(struct fz_worker *w)
{
	struct fz_gen g = { w->cfg, w->seed, getpid() };
	struct fz_msg m;
	uint64_t reopen_at = 0;
	int fd = -1;

	fz_msg_init(&m, FZ_MSG_MAX);
	for (uint64_t k = 0; !fz_stopping(w); k++) {
		struct fz_answer a;
		enum fz_op op;

		/* A fresh socket now and then: a sender that registered
		 * itself as the daemon lets go of it that way. */
		if (fd < 0 || k >= reopen_at) {
			fd = sender_socket(w, fd);
			reopen_at = k + fz_range(&w->rng, 20, 200);
		}
		if (fd < 0) {	/* out of descriptors or memory: later */
			fz_sleep_ms(w, 100);
			k--;
			continue;
		}
		fz_generate(&g, k, &m, &op);
		fz_sanitize(w->cfg, &m);
		fz_ring_begin(w, k, op, &m, NULL);
		fz_exchange(w, fd, &m, &a);
		fz_ring_end(w, &a);
		w->slot->extra[X_SND_MESSAGES]++;
		w->slot->extra[X_SND_ENOBUFS] += (uint64_t)a.enobufs;
		w->slot->extra[X_SND_RECORDS] += (uint64_t)a.records;
	}
	fz_msg_free(&m);
}

/* ---- the daemon ---- */

static int set_pid(struct fz_worker *w, int fd, pid_t pid)
{
	struct audit_status s = { .mask = AUDIT_STATUS_PID, .pid = (uint32_t)pid };

	return fz_request(w, fd, AUDIT_SET, &s, sizeof(s));
}

static bool daemon_register(struct fz_worker *w, int fd)
{
	for (int tries = 0; tries < 30 && !fz_stopping(w); tries++) {
		int err = set_pid(w, fd, getpid());

		fz_note_req(w, OP_DAEMON_REGISTER, err, "pid %d", (int)getpid());
		if (err == 0)
			return true;
		fz_sleep_ms(w, 100);
	}
	return false;
}

/* Reads records for MS milliseconds. */
static void daemon_read(struct fz_worker *w, int fd, unsigned ms)
{
	uint64_t end = fz_now_ms() + ms;
	int err = 0;

	while (fz_now_ms() < end && !fz_stopping(w)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 50) <= 0)
			continue;
		n = recv(fd, w->rbuf, w->rbuf_len, MSG_DONTWAIT);
		if (n > 0) {
			w->slot->extra[X_DMN_RECORDS]++;
		} else if (n < 0 && errno == ENOBUFS) {
			w->slot->extra[X_DMN_ENOBUFS]++;
			err = ENOBUFS;
		}
	}
	fz_note(w, OP_DAEMON_READ, err, "read %u ms", ms);
}

/* The daemon process itself, until it is killed or leaves. */
static void daemon_child(struct fz_worker *w)
{
	int fd = fz_nl_open(&w->rng);

	if (fd < 0 || !daemon_register(w, fd))
		return;
	while (!fz_stopping(w)) {
		unsigned p = fz_below(&w->rng, 100);

		daemon_read(w, fd, fz_range(&w->rng, 50, 2000));
		if (p < 45) {
			w->slot->extra[X_DMN_STALLS]++;
			fz_sleep_ms(w, fz_range(&w->rng, 100, 3000));
		} else if (p < 55) {
			int err = set_pid(w, fd, 0);

			fz_note_req(w, OP_DAEMON_UNREGISTER, err, "unregister");
			w->slot->extra[X_DMN_CLEAN_EXIT]++;
			return;
		} else if (p < 60) {
			close(fd);	/* goes away without a word */
			return;
		}
	}
}

/* Waits up to MS for CHILD; true if it ended. */
static bool wait_child(struct fz_worker *w, pid_t child, unsigned ms)
{
	uint64_t end = fz_now_ms() + ms;

	do {
		if (waitpid(child, NULL, WNOHANG) == child)
			return true;
		fz_sleep_ms(w, 20);
	} while (fz_now_ms() < end && !fz_stopping(w));
	return false;
}

static void daemon_kill(struct fz_worker *w, pid_t child)
{
	int sig = fz_chance(&w->rng, 80) ? SIGKILL : SIGTERM;

	fz_inflight(w, "daemon kill pid %d signal %d", (int)child, sig);
	kill(child, sig);
	fz_note(w, OP_DAEMON_KILL, 0, "pid %d signal %d", (int)child, sig);
	if (sig != SIGKILL && !wait_child(w, child, 1000))
		kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

void fz_role_daemon(struct fz_worker *w)
{
	while (!fz_stopping(w)) {
		pid_t child = fork();

		if (child == 0) {
			fz_worker_child_reset(w);
			daemon_child(w);
			_exit(0);
		}
		if (child < 0) {
			fz_note(w, OP_DAEMON_REGISTER, errno, "fork");
			fz_sleep_ms(w, 200);
			continue;
		}
		w->rng.s = fz_mix(w->rng.s);	/* the next child differs */
		w->slot->extra[X_DMN_STARTED]++;
		if (!wait_child(w, child, fz_range(&w->rng, 200, 5000)))
			daemon_kill(w, child);
		fz_sleep_ms(w, fz_below(&w->rng, 300));
	}
}

/* ---- multicast readers ---- */

#define MC_SOCKETS 3

struct mc_sock {
	int fd;
	bool reads;
};

static uint32_t mc_group(struct fz_rng *r)
{
	return fz_chance(r, 90) ? AUDIT_NLGRP_READLOG :
	       FZ_PICK(r, ((const uint32_t[]){ 0, 2, 31, 32, 33, 1000 }));
}

static void mc_join(struct fz_worker *w, struct mc_sock *s)
{
	uint32_t grp = mc_group(&w->rng);
	int err = 0;

	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (s->fd < 0) {
		fz_note(w, OP_MCAST_BIND, errno, "socket");
		return;
	}
	s->reads = fz_chance(&w->rng, 80);
	if (fz_chance(&w->rng, 50)) {
		struct sockaddr_nl me = { .nl_family = AF_NETLINK,
			.nl_groups = grp && grp <= 32 ? 1U << (grp - 1) : 0 };

		if (bind(s->fd, (struct sockaddr *)&me, sizeof(me)) < 0)
			err = errno;
		fz_note(w, OP_MCAST_BIND, err, "group %u", grp);
	} else {
		if (setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
			       sizeof(grp)) < 0)
			err = errno;
		fz_note(w, OP_MCAST_JOIN, err, "group %u", grp);
	}
}

static void mc_read(struct fz_worker *w, struct mc_sock *s)
{
	int err = 0;

	for (int i = 0; i < 256; i++) {
		ssize_t n = recv(s->fd, w->rbuf, w->rbuf_len, MSG_DONTWAIT);

		if (n > 0) {
			w->slot->extra[X_MC_RECORDS]++;
			continue;
		}
		if (n < 0 && errno == ENOBUFS) {
			w->slot->extra[X_MC_ENOBUFS]++;
			err = ENOBUFS;
			continue;
		}
		break;
	}
	fz_note(w, OP_MCAST_READ, err, "fd %d", s->fd);
}

static void mc_step(struct fz_worker *w, struct mc_sock *s)
{
	unsigned p = fz_below(&w->rng, 100);
	uint32_t grp = AUDIT_NLGRP_READLOG;
	int err = 0;

	if (s->fd < 0) {
		if (p < 40)
			mc_join(w, s);
		return;
	}
	if (p < 60) {
		if (s->reads)
			mc_read(w, s);
	} else if (p < 75) {
		int opt = fz_chance(&w->rng, 70) ? NETLINK_DROP_MEMBERSHIP :
			  NETLINK_ADD_MEMBERSHIP;

		if (setsockopt(s->fd, SOL_NETLINK, opt, &grp, sizeof(grp)) < 0)
			err = errno;
		fz_note(w, opt == NETLINK_DROP_MEMBERSHIP ? OP_MCAST_DROP :
			OP_MCAST_JOIN, err, "fd %d", s->fd);
	} else if (p < 90) {
		fz_note(w, OP_MCAST_CLOSE, close(s->fd) < 0 ? errno : 0, "fd %d",
			s->fd);
		s->fd = -1;
	} else {
		s->reads = !s->reads;	/* some never read: they overflow */
	}
}

void fz_role_mcast(struct fz_worker *w)
{
	struct mc_sock socks[MC_SOCKETS];

	for (int i = 0; i < MC_SOCKETS; i++)
		socks[i].fd = -1;
	while (!fz_stopping(w)) {
		mc_step(w, &socks[fz_below(&w->rng, MC_SOCKETS)]);
		fz_sleep_ms(w, fz_range(&w->rng, 5, 150));
	}
}

/* ---- audit on and off ---- */

static void toggle_once(struct fz_worker *w, int fd, uint32_t *on)
{
	struct audit_status s = { .mask = AUDIT_STATUS_ENABLED };
	int err;

	if (fz_chance(&w->rng, 80))
		*on = !*on;
	s.enabled = *on;
	if (fz_chance(&w->rng, 10)) {
		s.mask |= AUDIT_STATUS_FAILURE;
		s.failure = fz_below(&w->rng, 2);
	}
	if (fz_chance(&w->rng, 10)) {
		s.mask |= AUDIT_STATUS_BACKLOG_LIMIT;
		s.backlog_limit = FZ_PICK(&w->rng, ((const uint32_t[]){ 1, 5, 64,
								      1024 }));
	}
	if (fz_chance(&w->rng, 10)) {
		s.mask |= AUDIT_STATUS_BACKLOG_WAIT_TIME;
		s.backlog_wait_time = fz_below(&w->rng, w->cfg->max_wait + 1);
	}
	err = fz_request(w, fd, AUDIT_SET, &s, sizeof(s));
	fz_note_req(w, OP_TOGGLE_SET, err, "mask 0x%x enabled %u", s.mask,
		    s.enabled);
}

void fz_role_toggle(struct fz_worker *w)
{
	uint32_t on = 1;
	int fd = fz_nl_open(NULL);

	if (fd < 0) {
		fz_note(w, OP_TOGGLE_SET, -fd, "socket");
		return;
	}
	while (!fz_stopping(w)) {
		toggle_once(w, fd, &on);
		fz_sleep_ms(w, fz_range(&w->rng, 10, 500));
	}
	close(fd);
}

/* ---- the keeper ---- */

static void keeper_restore(struct fz_worker *w, int fd)
{
	struct audit_status s;
	int err = fz_set_sane(w, fd);

	fz_note_req(w, OP_KEEPER_RESTORE, err, "sane state");
	if (fz_get_status(w, fd, &s) == 0) {
		w->slot->extra[X_KEEP_LOST] = s.lost;
		if (s.backlog > w->slot->extra[X_KEEP_BACKLOG_MAX])
			w->slot->extra[X_KEEP_BACKLOG_MAX] = s.backlog;
	}
}

/* Deletes rules (ALL, or the silencers only), timed and counted. */
static void keeper_delete(struct fz_worker *w, int fd, bool all)
{
	uint64_t t0 = fz_now_ms();
	int n = fz_delete_rules(w, fd, 4000, !all, 3000);

	w->req_ms = fz_now_ms() - t0;
	fz_note_req(w, OP_KEEPER_DELETE, n < 0 ? n : 0, "%d %s", n,
		    all ? "rules" : "silencing rules");
	if (n > 0)
		w->slot->extra[X_KEEP_RULES_DELETED] += (uint64_t)n;
}

void fz_role_keeper(struct fz_worker *w)
{
	int fd = fz_nl_open(NULL);
	uint64_t next = fz_now_ms(), purge = next + 10000;

	if (fd < 0) {
		fz_note(w, OP_KEEPER_RESTORE, -fd, "socket");
		return;
	}
	while (!fz_stopping(w)) {
		uint64_t now = fz_now_ms();

		/* By the clock: a slow answer must not stretch the period. */
		if (now < next) {
			fz_sleep_ms(w, (unsigned)(next - now));
			continue;
		}
		next = now + 2000;
		keeper_restore(w, fd);
		keeper_delete(w, fd, now >= purge);
		if (now >= purge)
			purge = now + 10000;
	}
	close(fd);
}
