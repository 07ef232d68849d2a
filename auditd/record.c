// SPDX-License-Identifier: GPL-2.0
/*
 * One record into one log line.  RAW keeps the kernel's text; ENRICHED
 * adds, after a 0x1d separator, the names of the uids, gids, arch and
 * syscall the record holds (KEY="name"), so the log reads the same on
 * another machine.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auditd.h"

#define ENRICH_SEP '\035'

static const char *const uid_keys[] = {
	"auid", "uid", "euid", "suid", "fsuid", "ouid", "oauid", "obj_uid",
	"iuid", "inode_uid", "sauid", NULL,
};

static const char *const gid_keys[] = {
	"gid", "egid", "sgid", "fsgid", "ogid", "obj_gid", "igid",
	"inode_gid", NULL,
};

static bool in(const char *const *set, const char *k, size_t klen)
{
	for (; *set; set++)
		if (strlen(*set) == klen && memcmp(*set, k, klen) == 0)
			return true;
	return false;
}

static const char *id_name(struct name_cache *nc, unsigned id, bool group)
{
	unsigned slot;

	for (unsigned i = 0; i < UID_CACHE; i++)
		if (nc->e[i].used && nc->e[i].id == id && nc->e[i].group == group)
			return nc->e[i].name;
	slot = nc->next++ % UID_CACHE;
	nc->e[slot].used = true;
	nc->e[slot].id = id;
	nc->e[slot].group = group;
	if (id == (unsigned)-1) {
		strcpy(nc->e[slot].name, "unset");
	} else if (group) {
		struct group *g = getgrgid((gid_t)id);

		if (g)
			snprintf(nc->e[slot].name, sizeof(nc->e[slot].name), "%s",
				 g->gr_name);
		else
			snprintf(nc->e[slot].name, sizeof(nc->e[slot].name),
				 "unknown(%u)", id);
	} else {
		struct passwd *p = getpwuid((uid_t)id);

		if (p)
			snprintf(nc->e[slot].name, sizeof(nc->e[slot].name), "%s",
				 p->pw_name);
		else
			snprintf(nc->e[slot].name, sizeof(nc->e[slot].name),
				 "unknown(%u)", id);
	}
	return nc->e[slot].name;
}

static void upper(char *dst, const char *k, size_t klen)
{
	for (size_t i = 0; i < klen; i++)
		dst[i] = (char)((k[i] >= 'a' && k[i] <= 'z') ? k[i] - 32 : k[i]);
	dst[klen] = '\0';
}

/* Walks "key=value" pairs of TEXT and appends what they mean. */
static void enrich(struct al_buf *l, const char *text, size_t len,
		   struct name_cache *nc)
{
	const char *p = text, *end = text + len;
	unsigned arch = al_native_arch();
	bool any = false;
	const char *body = memmem(text, len, "): ", 3);

	if (body)
		p = body + 3;
	while (p < end) {
		const char *k = p, *v, *ve;
		size_t klen;
		char key[32], val[32];

		while (p < end && *p != '=' && *p != ' ')
			p++;
		if (p >= end)
			break;
		if (*p == ' ') {
			p++;
			continue;
		}
		klen = (size_t)(p - k);
		v = ++p;
		if (p < end && (*p == '\'' || *p == '"')) {
			char q = *p++;

			while (p < end && *p != q)
				p++;
			ve = p;
			if (p < end)
				p++;
		} else {
			while (p < end && *p != ' ')
				p++;
			ve = p;
		}
		if (p < end)
			p++;
		if (klen == 5 && memcmp(k, "saddr", 5) == 0 && *v != '"') {
			struct al_sockaddr sa;
			char desc[160];

			if (al_sockaddr_decode(v, (size_t)(ve - v), &sa) == 0) {
				al_sockaddr_format(&sa, desc, sizeof(desc));
				al_bprintf(l, "%cSADDR={ %s }", any ? ' ' : ENRICH_SEP,
				    desc);
				any = true;
			}
			continue;
		}
		if (klen >= sizeof(key) || (size_t)(ve - v) >= sizeof(val) ||
		    *v == '"' || *v == '\'')
			continue;
		memcpy(val, v, (size_t)(ve - v));
		val[ve - v] = '\0';
		if (klen == 4 && memcmp(k, "arch", 4) == 0) {
			unsigned long a = strtoul(val, NULL, 16);

			arch = (unsigned)a;
			al_bprintf(l, "%cARCH=%s", any ? ' ' : ENRICH_SEP,
			    a == AUDIT_ARCH_X86_64 ? "x86_64" :
			    a == AUDIT_ARCH_I386 ? "i386" : "unknown");
			any = true;
		} else if (klen == 7 && memcmp(k, "syscall", 7) == 0) {
			long long nr;
			const char *sn = NULL;

			if (al_parse_ll(val, 0, 65535, &nr) == 0)
				sn = al_syscall_name(arch, (int)nr);
			al_bprintf(l, "%cSYSCALL=%s", any ? ' ' : ENRICH_SEP,
			    sn ? sn : "unknown");
			any = true;
		} else if (in(uid_keys, k, klen) || in(gid_keys, k, klen)) {
			long long id;
			bool group = in(gid_keys, k, klen);

			if (al_parse_ll(val, -1, UINT32_MAX, &id) < 0)
				continue;
			upper(key, k, klen);
			al_bprintf(l, "%c%s=\"%s\"", any ? ' ' : ENRICH_SEP, key,
			    id_name(nc, (unsigned)id, group));
			any = true;
		}
	}
}

size_t record_format(int type, const char *text, size_t len,
		     enum log_format fmt, const char *node,
		     struct name_cache *nc, char *out, size_t outlen)
{
	struct al_buf l = { out, 0, outlen };
	const char *name = al_type_name(type);

	if (outlen)
		out[0] = '\0';
	/* the kernel may end a record with NULs or a newline */
	while (len && (text[len - 1] == '\0' || text[len - 1] == '\n'))
		len--;
	if (node && *node)
		al_bprintf(&l, "node=%s ", node);
	if (name)
		al_bprintf(&l, "type=%s ", name);
	else
		al_bprintf(&l, "type=UNKNOWN[%d] ", type);
	al_bprintf(&l, "msg=%.*s", (int)len, text);
	if (fmt == FORMAT_ENRICHED)
		enrich(&l, text, len, nc);
	if (l.len + 1 < l.cap) {
		l.p[l.len++] = '\n';
		l.p[l.len] = '\0';
	} else if (l.cap > 1) {
		l.p[l.cap - 2] = '\n';
		l.len = l.cap - 1;
	}
	return l.len;
}
