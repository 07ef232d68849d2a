// SPDX-License-Identifier: GPL-2.0
/*
 * The collector: remote audit daemons (Debian's audisp-remote, a plugin
 * of theirs or of ours) connect to tcp_listen_port and send records,
 * which are logged here as they came (with their node= names).
 *
 * The protocol is the standard tools' ("managed" format): a 16-byte
 * header, little endian,
 *     magic 0xff0000fe (4), header version 0 (1), message version (1),
 *     type (4), length (2), sequence (4),
 * then LENGTH bytes: the record's line.  Each record and heartbeat is
 * answered, with its sequence, once the record is in the log (after the
 * batch it came in is written): ACK, or DISKLOW, DISKFULL or DISKERROR
 * with a reason when the log is short of space or not being written.
 * At the end every client is sent ENDING.  A client that sends lines
 * without headers ("ascii" format) is read line by line, unanswered.
 *
 * A connection from a port outside tcp_client_ports, or beyond
 * tcp_max_per_addr from one address, is refused; connections and
 * refusals are logged DAEMON_ACCEPT, ends DAEMON_CLOSE, as the standard
 * auditd logs them; a client silent for tcp_client_max_idle seconds is
 * closed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/socket.h>

#include "auditd.h"

#define RMW_HEADER	16
#define RMW_MAGIC	0xff0000feU
#define RMW_HEARTBEAT	0x00000001U
#define RMW_ACK		0x40000000U
#define RMW_ENDING	0x40000001U

struct listen_client {
	int fd;
	char host[INET6_ADDRSTRLEN];
	unsigned port;
	unsigned char buf[RMW_HEADER + LISTEN_MAX_RECORD + 1];
	size_t len;
	bool active;		/* heard from since the last idle check */
	uint32_t *owed;		/* sequences to answer after the next flush */
	size_t nowed, owed_room;
};

static void lsay(struct listener *l, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void lsay(struct listener *l, int prio, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	l->say(l->ctx, prio, msg);
}

static void lrecord(struct listener *l, int type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void lrecord(struct listener *l, int type, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	l->record(l->ctx, type, text);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The address as the records give it: an IPv4 client of the IPv6
 * socket as the mapped address (::ffff:127.0.0.1), as the standard
 * auditd writes it. */
static void addr_text(const struct sockaddr_storage *ss, char *host,
		      size_t len, unsigned *port)
{
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const void *)ss;

		*port = ntohs(s6->sin6_port);
		inet_ntop(AF_INET6, &s6->sin6_addr, host, (socklen_t)len);
	} else {
		const struct sockaddr_in *s4 = (const void *)ss;

		*port = ntohs(s4->sin_port);
		inet_ntop(AF_INET, &s4->sin_addr, host, (socklen_t)len);
	}
}

static int bind_one(int family, unsigned port, unsigned queue)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t slen;
	int one = 1, zero = 0;
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -errno;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (void *)&ss;

		/* one socket for both: IPv4 clients come as mapped addresses */
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		s6->sin6_addr = in6addr_any;
		slen = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (void *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		s4->sin_addr.s_addr = htonl(INADDR_ANY);
		slen = sizeof(*s4);
	}
	if (bind(fd, (struct sockaddr *)&ss, slen) < 0 ||
	    listen(fd, (int)queue) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

int listen_start(struct listener *l, const struct auditd_conf *c,
		 struct al_err *err)
{
	int fd;

	l->conf = c;
	l->fd = -1;
	l->n = 0;
	if (!c->tcp_listen_port)
		return 0;
	fd = bind_one(AF_INET6, c->tcp_listen_port, c->tcp_listen_queue);
	if (fd == -EAFNOSUPPORT)
		fd = bind_one(AF_INET, c->tcp_listen_port, c->tcp_listen_queue);
	if (fd < 0)
		return al_fail(err, "tcp_listen_port %u: %s", c->tcp_listen_port,
			       strerror(-fd));
	l->fd = fd;
	lsay(l, LOG_INFO, "listening on TCP port %u", c->tcp_listen_port);
	return 0;
}

static void client_close(struct listener *l, size_t i, const char *why)
{
	struct listen_client *cl = l->c[i];

	if (why)
		lsay(l, LOG_NOTICE, "client %s port %u: %s", cl->host, cl->port, why);
	lrecord(l, AUDIT_DAEMON_CLOSE, "addr=%s port=%u res=success", cl->host,
		cl->port);
	shutdown(cl->fd, SHUT_RDWR);
	close(cl->fd);
	free(cl->owed);
	free(cl);
	l->c[i] = l->c[--l->n];
}

/* Sends a header (and TEXT) to a client; false if it cannot take it. */
static bool client_send(struct listen_client *cl, uint32_t type, uint32_t seq,
			const char *text)
{
	unsigned char msg[RMW_HEADER + 256];
	size_t tlen = text ? strlen(text) : 0, off = 0;

	if (tlen > 255)
		tlen = 255;
	put32(msg, RMW_MAGIC);
	msg[4] = 0;
	msg[5] = 0;
	put32(msg + 6, type);
	msg[10] = (unsigned char)tlen;
	msg[11] = (unsigned char)(tlen >> 8);
	put32(msg + 12, seq);
	memcpy(msg + RMW_HEADER, text, tlen);
	while (off < RMW_HEADER + tlen) {
		ssize_t w = send(cl->fd, msg + off, RMW_HEADER + tlen - off,
				 MSG_DONTWAIT | MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		off += (size_t)w;
	}
	return true;
}

static void owe(struct listen_client *cl, uint32_t seq)
{
	if (cl->nowed == cl->owed_room) {
		uint32_t *more = realloc(cl->owed, (cl->owed_room * 2 + 16) *
					 sizeof(*more));

		if (!more)
			return;		/* unanswered: the client sends it again */
		cl->owed = more;
		cl->owed_room = cl->owed_room * 2 + 16;
	}
	cl->owed[cl->nowed++] = seq;
}

/* One whole message at the head of the buffer; its length, 0 if there
 * is none yet, -1 if the client speaks nonsense. */
static long client_message(struct listener *l, struct listen_client *cl)
{
	if (cl->len >= 4 && get32(cl->buf) == RMW_MAGIC) {
		uint32_t type, seq;
		size_t mlen;
		char *text;

		if (cl->len < RMW_HEADER)
			return 0;
		type = get32(cl->buf + 6);
		mlen = (size_t)cl->buf[10] | (size_t)cl->buf[11] << 8;
		seq = get32(cl->buf + 12);
		if (mlen > LISTEN_MAX_RECORD)
			return -1;
		if (cl->len < RMW_HEADER + mlen)
			return 0;
		text = (char *)cl->buf + RMW_HEADER;
		if (type == RMW_HEARTBEAT) {
			owe(cl, seq);
		} else {
			size_t n = mlen;

			while (n && (text[n - 1] == '\n' || text[n - 1] == '\0'))
				n--;
			if (n)
				l->event(l->ctx, text, n);
			owe(cl, seq);
		}
		return (long)(RMW_HEADER + mlen);
	} else {
		/* the ascii format: a line, not answered */
		unsigned char *nl = memchr(cl->buf, '\n', cl->len);

		if (!nl)
			return cl->len >= sizeof(cl->buf) - 1 ? -1 : 0;
		if (nl > cl->buf)
			l->event(l->ctx, (char *)cl->buf, (size_t)(nl - cl->buf));
		return nl - cl->buf + 1;
	}
}

static void client_read(struct listener *l, size_t i)
{
	struct listen_client *cl = l->c[i];

	for (;;) {
		ssize_t r = recv(cl->fd, cl->buf + cl->len,
				 sizeof(cl->buf) - 1 - cl->len, MSG_DONTWAIT);
		long used;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && errno == EAGAIN)
			return;
		if (r <= 0) {
			client_close(l, i, r < 0 ? strerror(errno) : NULL);
			return;
		}
		cl->active = true;
		cl->len += (size_t)r;
		while ((used = client_message(l, cl)) > 0) {
			memmove(cl->buf, cl->buf + used, cl->len - (size_t)used);
			cl->len -= (size_t)used;
		}
		if (used < 0) {
			client_close(l, i, "malformed message: connection closed");
			return;
		}
	}
}

static unsigned count_from(const struct listener *l, const char *host)
{
	unsigned n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += !strcmp(l->c[i]->host, host);
	return n;
}

static void accept_one(struct listener *l)
{
	struct sockaddr_storage ss;
	socklen_t slen = sizeof(ss);
	struct listen_client *cl;
	char host[INET6_ADDRSTRLEN];
	unsigned port;
	int one = 1;
	int fd = accept4(l->fd, (struct sockaddr *)&ss, &slen,
			 SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd < 0)
		return;
	addr_text(&ss, host, sizeof(host), &port);
	if (port < l->conf->tcp_client_min_port ||
	    port > l->conf->tcp_client_max_port) {
		lsay(l, LOG_ERR, "TCP connection from %s port %u refused: not in tcp_client_ports",
		     host, port);
		lrecord(l, AUDIT_DAEMON_ACCEPT, "op=port addr=%s port=%u res=no",
			host, port);
		close(fd);
		return;
	}
	if (count_from(l, host) >= l->conf->tcp_max_per_addr ||
	    l->n == LISTEN_MAX_CLIENTS) {
		lsay(l, LOG_ERR, "TCP connection from %s port %u refused: too many connections",
		     host, port);
		lrecord(l, AUDIT_DAEMON_ACCEPT, "op=dup addr=%s port=%u res=no",
			host, port);
		close(fd);
		return;
	}
	cl = calloc(1, sizeof(*cl));
	if (!cl) {
		lrecord(l, AUDIT_DAEMON_ACCEPT, "op=alloc addr=%s port=%u res=no",
			host, port);
		close(fd);
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	cl->fd = fd;
	cl->port = port;
	cl->active = true;
	snprintf(cl->host, sizeof(cl->host), "%s", host);
	l->c[l->n++] = cl;
	lrecord(l, AUDIT_DAEMON_ACCEPT, "addr=%s port=%u res=success", host, port);
}

size_t listen_pollfds(const struct listener *l, struct pollfd *pfd, size_t max)
{
	size_t n = 0;

	if (l->fd >= 0 && n < max) {
		pfd[n].fd = l->fd;
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	for (size_t i = 0; i < l->n && n < max; i++) {
		pfd[n].fd = l->c[i]->fd;
		pfd[n].events = POLLIN;
		pfd[n++].revents = 0;
	}
	return n;
}

void listen_ready(struct listener *l, const struct pollfd *pfd, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if (pfd[k].fd == l->fd) {
			accept_one(l);
			continue;
		}
		for (size_t i = 0; i < l->n; i++)
			if (l->c[i]->fd == pfd[k].fd) {
				client_read(l, i);
				break;
			}
	}
}

void listen_answer(struct listener *l)
{
	const char *why = NULL;
	uint32_t type = l->reply ? l->reply(l->ctx, &why) : RMW_ACK;

	for (size_t i = 0; i < l->n;) {
		struct listen_client *cl = l->c[i];
		bool ok = true;

		for (size_t k = 0; k < cl->nowed && ok; k++)
			ok = client_send(cl, type, cl->owed[k], why);
		cl->nowed = 0;
		if (!ok) {
			client_close(l, i, "does not read its answers: connection closed");
			continue;
		}
		i++;
	}
}

void listen_tick(struct listener *l, time_t now)
{
	if (!l->conf->tcp_client_max_idle ||
	    now - l->last_idle < (time_t)l->conf->tcp_client_max_idle)
		return;
	l->last_idle = now;
	for (size_t i = 0; i < l->n;) {
		if (!l->c[i]->active) {
			client_close(l, i, "idle too long: connection closed");
			continue;
		}
		l->c[i]->active = false;
		i++;
	}
}

size_t listen_clients(const struct listener *l)
{
	return l->n;
}

void listen_stop(struct listener *l)
{
	listen_answer(l);
	while (l->n) {
		client_send(l->c[0], RMW_ENDING, 0, NULL);
		client_close(l, 0, NULL);
	}
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}
