// SPDX-License-Identifier: GPL-2.0
/*
 * The builtin af_unix plugin (path = builtin_af_unix, args = MODE PATH):
 * a Unix stream socket at PATH, mode MODE, from which any number of
 * local readers (at most AFUNIX_MAX_CLIENTS) get every record, in the
 * plugin's format, from the moment they connect.
 *
 * A reader that does not keep up has what it could not take yet kept
 * for it, up to AFUNIX_MAX_PENDING bytes, so that no record reaches it
 * cut; past that it is disconnected, and the records it missed are
 * counted as dropped.  Nothing here blocks the daemon.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "auditd.h"

#define AFUNIX_MAX_CLIENTS	32
#define AFUNIX_MAX_PENDING	(4 << 20)

struct afunix_client {
	int fd;
	char *pending;		/* the rest of what it could not take yet */
	size_t len;
};

struct afunix {
	int lfd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct afunix_client c[AFUNIX_MAX_CLIENTS];
	size_t n;
};

/* "0640 /run/audispd_events" (either order): the mode and the path. */
static int afunix_args(const char *args, mode_t *mode, char *path, size_t len)
{
	char buf[1024], *w[3];
	struct al_err err;
	int n;

	snprintf(buf, sizeof(buf), "%s", args);
	n = al_split_words(buf, w, 3, &err);
	*mode = 0640;
	path[0] = '\0';
	for (int i = 0; i < n; i++) {
		char *end;
		unsigned long m = strtoul(w[i], &end, 8);

		if (w[i][0] == '/' && strlen(w[i]) < len)
			strcpy(path, w[i]);
		else if (*end == '\0' && end != w[i] && m <= 0777)
			*mode = (mode_t)m;
		else
			return -1;
	}
	return path[0] ? 0 : -1;
}

int afunix_start(struct disp_plugin *p, struct al_err *err)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct afunix *ux;
	mode_t mode;

	ux = calloc(1, sizeof(*ux));
	if (!ux)
		return al_fail(err, "plugin %s: out of memory", p->conf.name);
	if (afunix_args(p->conf.args, &mode, ux->path, sizeof(ux->path)) < 0) {
		free(ux);
		return al_fail(err, "plugin %s: args '%s': want a mode and an absolute socket path",
			       p->conf.name, p->conf.args);
	}
	ux->lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	strcpy(sa.sun_path, ux->path);
	/* a socket left by an earlier run is replaced */
	unlink(ux->path);
	if (ux->lfd < 0 || bind(ux->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    chmod(ux->path, mode) < 0 || listen(ux->lfd, 5) < 0) {
		int e = errno;

		if (ux->lfd >= 0)
			close(ux->lfd);
		free(ux);
		return al_fail(err, "plugin %s: %s: %s", p->conf.name, sa.sun_path,
			       strerror(e));
	}
	p->ux = ux;
	return 0;
}

static void client_drop(struct afunix *ux, size_t i)
{
	close(ux->c[i].fd);
	free(ux->c[i].pending);
	ux->c[i] = ux->c[--ux->n];
}

/* Writes what it can of DATA to client I, keeping the rest; false if
 * the client is gone or too far behind. */
static bool client_write(struct afunix *ux, size_t i, const char *data,
			 size_t len)
{
	struct afunix_client *c = &ux->c[i];
	size_t off = 0;

	if (c->len == 0) {
		while (off < len) {
			ssize_t w = send(c->fd, data + off, len - off,
					 MSG_DONTWAIT | MSG_NOSIGNAL);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0 && errno == EAGAIN)
				break;
			if (w <= 0)
				return false;
			off += (size_t)w;
		}
	}
	if (off < len) {
		char *more;

		if (c->len + len - off > AFUNIX_MAX_PENDING)
			return false;
		more = realloc(c->pending, c->len + len - off);
		if (!more)
			return false;
		memcpy(more + c->len, data + off, len - off);
		c->pending = more;
		c->len += len - off;
	}
	return true;
}

void afunix_send(struct dispatcher *dp, struct disp_plugin *p,
		 const char *data, size_t len)
{
	struct afunix *ux = p->ux;

	for (size_t i = 0; i < ux->n;) {
		if (!client_write(ux, i, data, len)) {
			dsay_plugin(dp, LOG_WARNING, p, "a reader of the socket was disconnected: gone, or too far behind");
			p->dropped++;
			client_drop(ux, i);
			continue;
		}
		i++;
	}
	p->sent++;
}

void afunix_service(struct dispatcher *dp, struct disp_plugin *p)
{
	struct afunix *ux = p->ux;
	int fd;

	while ((fd = accept4(ux->lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) >= 0) {
		if (ux->n == AFUNIX_MAX_CLIENTS) {
			dsay_plugin(dp, LOG_WARNING, p, "too many readers of the socket: one refused");
			close(fd);
			continue;
		}
		ux->c[ux->n++] = (struct afunix_client){ .fd = fd };
	}
	/* what the slow ones could not take before */
	for (size_t i = 0; i < ux->n;) {
		struct afunix_client *c = &ux->c[i];
		ssize_t w = c->len ? send(c->fd, c->pending, c->len,
					  MSG_DONTWAIT | MSG_NOSIGNAL) : 0;

		if (w < 0 && errno != EAGAIN && errno != EINTR) {
			client_drop(ux, i);
			continue;
		}
		if (w > 0) {
			memmove(c->pending, c->pending + w, c->len - (size_t)w);
			c->len -= (size_t)w;
		}
		i++;
	}
}

size_t afunix_pollfds(const struct disp_plugin *p, struct pollfd *pfd,
		      size_t max)
{
	const struct afunix *ux = p->ux;
	size_t n = 0;

	if (n < max) {
		pfd[n].fd = ux->lfd;
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	for (size_t i = 0; i < ux->n && n < max; i++)
		if (ux->c[i].len) {
			pfd[n].fd = ux->c[i].fd;
			pfd[n].events = POLLOUT;
			pfd[n++].revents = 0;
		}
	return n;
}

size_t afunix_readers(const struct disp_plugin *p)
{
	return p->ux ? p->ux->n : 0;
}

void afunix_stop(struct disp_plugin *p)
{
	struct afunix *ux = p->ux;

	if (!ux)
		return;
	while (ux->n)
		client_drop(ux, 0);
	close(ux->lfd);
	unlink(ux->path);
	free(ux);
	p->ux = NULL;
}
