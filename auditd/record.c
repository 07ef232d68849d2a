// SPDX-License-Identifier: GPL-2.0
/*
 * One record into one log line.  RAW keeps the kernel's text; ENRICHED
 * adds, after a 0x1d separator, the names of the uids, gids, arch and
 * syscall the record holds (KEY="name"), so the log reads the same on
 * another machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auditd.h"

#define ENRICH_SEP '\035'

/* Walks "key=value" pairs of TEXT and appends what they mean. */
static void enrich(struct al_buf *l, const char *text, size_t len,
		   struct al_name_cache *nc)
{
	const char *p = text, *end = text + len;
	uint32_t arch = al_native_arch();
	bool any = false;
	const char *body = memmem(text, len, "): ", 3);

	if (body)
		p = body + 3;
	while (p < end) {
		const char *k = p, *v, *ve;
		size_t klen;
		char key[32], val[32];
		const char *name;
		bool quoted;

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
		/* ids' names are quoted, arch and syscall names not */
		quoted = !(klen == 4 && !memcmp(k, "arch", 4)) &&
			 !(klen == 7 && !memcmp(k, "syscall", 7));
		if (al_field_name(nc, k, klen, val, &arch, key, sizeof(key),
				  &name)) {
			al_bprintf(l, "%c%s=%s%s%s", any ? ' ' : ENRICH_SEP, key,
			    quoted ? "\"" : "", name, quoted ? "\"" : "");
			any = true;
		}
	}
}

size_t record_format(int type, const char *text, size_t len,
		     enum log_format fmt, const char *node,
		     struct al_name_cache *nc, char *out, size_t outlen)
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
