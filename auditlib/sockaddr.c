// SPDX-License-Identifier: GPL-2.0
/* The saddr= field of a SOCKADDR record: the kernel's hex, decoded. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "audit-lib.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

size_t al_unhex(const char *hex, size_t len, unsigned char *out, size_t max)
{
	size_t n = 0;

	if (len % 2)
		return (size_t)-1;
	for (size_t i = 0; i < len; i += 2) {
		int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);

		if (hi < 0 || lo < 0 || n == max)
			return (size_t)-1;
		out[n++] = (unsigned char)(hi << 4 | lo);
	}
	return n;
}

int al_sockaddr_decode(const char *hex, size_t len, struct al_sockaddr *sa)
{
	unsigned char b[128];
	size_t n = al_unhex(hex, len, b, sizeof(b));

	memset(sa, 0, sizeof(*sa));
	if (n == (size_t)-1 || n < 2)
		return -1;
	sa->family = b[0] | b[1] << 8;		/* sa_family_t, little endian */
	switch (sa->family) {
	case AF_INET:
		if (n < 8)
			return -1;
		sa->port = b[2] << 8 | b[3];
		sa->has_port = true;
		inet_ntop(AF_INET, b + 4, sa->addr, sizeof(sa->addr));
		snprintf(sa->fam, sizeof(sa->fam), "inet");
		break;
	case AF_INET6:
		if (n < 24)
			return -1;
		sa->port = b[2] << 8 | b[3];
		sa->has_port = true;
		inet_ntop(AF_INET6, b + 8, sa->addr, sizeof(sa->addr));
		snprintf(sa->fam, sizeof(sa->fam), "inet6");
		break;
	case AF_UNIX: {
		size_t plen = n - 2;

		snprintf(sa->fam, sizeof(sa->fam), "local");
		/* an abstract name starts with a NUL: shown with '@' */
		if (plen && b[2] == '\0') {
			sa->addr[0] = '@';
			memcpy(sa->addr + 1, b + 3, plen - 1 < sizeof(sa->addr) - 2 ?
			       plen - 1 : sizeof(sa->addr) - 2);
		} else {
			memcpy(sa->addr, b + 2, plen < sizeof(sa->addr) - 1 ?
			       plen : sizeof(sa->addr) - 1);
		}
		sa->addr[sizeof(sa->addr) - 1] = '\0';
		break;
	}
	case AF_NETLINK:
		if (n < 12)
			return -1;
		sa->nl_pid = (unsigned)(b[4] | b[5] << 8 | b[6] << 16 |
					(unsigned)b[7] << 24);
		snprintf(sa->fam, sizeof(sa->fam), "netlink");
		break;
	default:
		snprintf(sa->fam, sizeof(sa->fam), "unknown-family(%d)",
			 sa->family);
		break;
	}
	return 0;
}

size_t al_sockaddr_format(const struct al_sockaddr *sa, char *out, size_t len)
{
	int n;

	switch (sa->family) {
	case AF_INET:
	case AF_INET6:
		n = snprintf(out, len, "saddr_fam=%s laddr=%s lport=%d", sa->fam,
			     sa->addr, sa->port);
		break;
	case AF_UNIX:
		n = snprintf(out, len, "saddr_fam=local path=%s", sa->addr);
		break;
	case AF_NETLINK:
		n = snprintf(out, len, "saddr_fam=netlink nlnk-fam=%d nlnk-pid=%u",
			     sa->family, sa->nl_pid);
		break;
	default:
		n = snprintf(out, len, "saddr_fam=%s", sa->fam);
		break;
	}
	return n < 0 ? 0 : (size_t)n < len ? (size_t)n : len - 1;
}
