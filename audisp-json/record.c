// SPDX-License-Identifier: GPL-2.0
/*
 * One line of auditd's string format into a JSON object:
 * "[node=N ]type=T msg=audit(SEC.MSEC:SERIAL): FIELDS[\035ENRICHMENT]".
 *
 * Each field becomes a member, in order: quoted text as text, a decimal
 * number as a number, hex-encoded text (what the kernel writes for a
 * name with spaces, quotes or bytes outside printable ASCII) decoded,
 * the rest as written.  Text that is not valid UTF-8 is given with
 * U+FFFD in place of the bad bytes and, beside it, NAME_hex with the
 * bytes exactly.  EXECVE's arguments become "argv", PROCTITLE's command
 * line "proctitle" (both arrays), SOCKADDR's address "SADDR" (an
 * object).  The names of ids, arch and syscall are the record's own
 * enrichment when it has one (ENRICHED), else looked up here; both use
 * the ENRICHED format's capitalised keys (UID, AUID, ARCH, SYSCALL).
 * Words that are not fields (an AVC's "avc: denied { read } for") are
 * kept, joined, as "text".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-lib.h"
#include "json-event.h"

#define ENRICH_SEP '\035'
#define MAX_ARGS 4096

/* Fields the kernel writes as quoted text, or hex when they need it. */
static const char *const text_fields[] = {
	"name", "comm", "exe", "cwd", "path", "dir", "key", "data", "old",
	"new", "cmd", "file", "root_dir", "watch", NULL,
};

static bool is_text_field(const char *k, size_t klen)
{
	for (const char *const *f = text_fields; *f; f++)
		if (strlen(*f) == klen && !memcmp(*f, k, klen))
			return true;
	return false;
}

static bool all_hex(const char *v, size_t n)
{
	if (n == 0 || n % 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'F')))
			return false;
	return true;
}

/* Length of the UTF-8 sequence at S (of N bytes), 0 if not valid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and past U+10FFFF are not UTF-8 */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

json_t *json_bytes(const unsigned char *s, size_t len, bool *lossy)
{
	char *buf = malloc(len * 3 + 1);
	size_t n = 0;
	json_t *j;

	*lossy = false;
	if (!buf)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t l = utf8_len(s + i, len - i);

		if (l == 0 || (l == 1 && s[i] == 0)) {
			/* U+FFFD for a bad byte; a NUL would end the text too */
			memcpy(buf + n, "\xef\xbf\xbd", 3);
			n += 3;
			i++;
			*lossy = true;
			continue;
		}
		memcpy(buf + n, s + i, l);
		n += l;
		i += l;
	}
	j = json_stringn(buf, n);
	free(buf);
	return j;
}

/* A field's value: quoted text, a number, or as written. */
static json_t *plain_value(const char *v, size_t n)
{
	char num[24];
	char *end;
	long long x;
	size_t digits = n && v[0] == '-' ? 1 : 0;

	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0])
		return json_stringn(v + 1, n - 2);
	for (; digits < n && v[digits] >= '0' && v[digits] <= '9'; digits++)
		;
	/* decimal, without a leading zero (modes are octal: kept as text) */
	if (digits == n && n > 0 && n < sizeof(num) && v[n - 1] != '-' &&
	    !(v[v[0] == '-'] == '0' && n > (size_t)(v[0] == '-') + 1)) {
		memcpy(num, v, n);
		num[n] = '\0';
		x = strtoll(num, &end, 10);
		if (*end == '\0')
			return json_integer(x);
	}
	return json_stringn(v, n);
}

/* KEY = hex text, decoded, with KEY_hex beside it when not UTF-8. */
static void set_hex_text(json_t *o, const char *key, const char *v, size_t n)
{
	unsigned char *b = malloc(n / 2 + 1);
	bool lossy;
	json_t *s;

	if (!b)
		return;
	al_unhex(v, n, b, n / 2);
	s = json_bytes(b, n / 2, &lossy);
	free(b);
	if (!s)
		return;
	json_object_set_new(o, key, s);
	if (lossy) {
		char hk[160];

		snprintf(hk, sizeof(hk), "%s_hex", key);
		json_object_set_new(o, hk, json_stringn(v, n));
	}
}

/* PROCTITLE: the command line, NUL-separated, as an array. */
static json_t *proctitle_array(const char *v, size_t n)
{
	json_t *a = json_array();
	unsigned char *b;
	size_t len, start = 0;

	if (!a)
		return NULL;
	if (n >= 2 && v[0] == '"') {
		json_array_append_new(a, json_stringn(v + 1, n - 2));
		return a;
	}
	b = malloc(n / 2 + 1);
	if (!b || !all_hex(v, n)) {
		free(b);
		json_array_append_new(a, json_stringn(v, n));
		return a;
	}
	len = al_unhex(v, n, b, n / 2);
	for (size_t i = 0; i <= len; i++) {
		if (i == len || b[i] == '\0') {
			bool lossy;

			if (i > start || i < len)
				json_array_append_new(a, json_bytes(b + start, i - start,
								     &lossy));
			start = i + 1;
		}
	}
	free(b);
	return a;
}

struct field {
	const char *k, *v;
	size_t klen, vlen;
};

/* The next "key=value" of [*P, END), or a bare word (klen 0). */
static bool next_field(const char **p, const char *end, struct field *f)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	if (s >= end)
		return false;
	f->k = s;
	while (s < end && *s != '=' && *s != ' ')
		s++;
	if (s >= end || *s == ' ') {
		/* a word of text */
		f->v = f->k;
		f->vlen = (size_t)(s - f->k);
		f->klen = 0;
		*p = s;
		return true;
	}
	f->klen = (size_t)(s - f->k);
	f->v = ++s;
	if (s < end && (*s == '"' || *s == '\'')) {
		char q = *s++;

		while (s < end && *s != q)
			s++;
		if (s < end)
			s++;
	} else if (s < end && *s == '{') {
		while (s < end && *s != '}')
			s++;
		if (s < end)
			s++;
	} else {
		while (s < end && *s != ' ')
			s++;
	}
	f->vlen = (size_t)(s - f->v);
	*p = s;
	return true;
}

/* EXECVE's a0..a(argc-1), each whole or in aN[i] pieces, as "argv". */
static json_t *execve_argv(const struct field *fs, size_t nf, long long argc)
{
	json_t *a = json_array();

	if (!a)
		return NULL;
	for (long long i = 0; i < argc && i < MAX_ARGS; i++) {
		char want[32];
		size_t wl = (size_t)snprintf(want, sizeof(want), "a%lld", i);
		char *text = NULL;
		size_t tlen = 0;
		bool hex = false, found = false;

		for (size_t j = 0; j < nf; j++) {
			const struct field *f = &fs[j];
			bool whole = f->klen == wl && !memcmp(f->k, want, wl);
			bool piece = f->klen > wl + 2 && !memcmp(f->k, want, wl) &&
				     f->k[wl] == '[';
			char *more;

			if (!whole && !piece)
				continue;
			found = true;
			more = realloc(text, tlen + f->vlen + 1);
			if (!more)
				break;
			text = more;
			if (f->vlen >= 2 && f->v[0] == '"') {
				memcpy(text + tlen, f->v + 1, f->vlen - 2);
				tlen += f->vlen - 2;
			} else {
				memcpy(text + tlen, f->v, f->vlen);
				tlen += f->vlen;
				hex = true;
			}
		}
		if (!found) {
			free(text);
			break;
		}
		if (hex && all_hex(text, tlen)) {
			unsigned char *b = malloc(tlen / 2 + 1);
			bool lossy;

			if (b) {
				al_unhex(text, tlen, b, tlen / 2);
				json_array_append_new(a, json_bytes(b, tlen / 2, &lossy));
				free(b);
			}
		} else {
			json_array_append_new(a, json_stringn(text ? text : "", tlen));
		}
		free(text);
	}
	return a;
}

static struct field *collect_fields(const char *p, const char *end, size_t *nf)
{
	struct field *fs = NULL, f;
	size_t room = 0;

	*nf = 0;
	while (next_field(&p, end, &f)) {
		if (*nf == room) {
			struct field *more = realloc(fs, (room * 2 + 16) * sizeof(*fs));

			if (!more)
				break;
			fs = more;
			room = room * 2 + 16;
		}
		fs[(*nf)++] = f;
	}
	return fs;
}

json_t *json_execve_argv(const char *fields, size_t len)
{
	size_t nf;
	struct field *fs = collect_fields(fields, fields + len, &nf);
	long long argc = -1;
	json_t *a;

	for (size_t i = 0; i < nf; i++)
		if (fs[i].klen == 4 && !memcmp(fs[i].k, "argc", 4))
			argc = strtoll(fs[i].v, NULL, 10);
	a = argc >= 0 ? execve_argv(fs, nf, argc) : json_array();
	free(fs);
	return a;
}

bool json_record_alone(int type)
{
	/* user-space messages (AUDIT_USER among them) and the daemon's own */
	return type == AUDIT_USER || (type >= 1100 && type < 1300) ||
	       (type >= 2100 && type < 3000);
}

/* The header: node=, type=, msg=audit(...):; *BODY after it. */
static int parse_header(const char *line, const char *end,
			struct json_record *r, const char **body)
{
	const char *p = line, *t, *stamp;
	size_t n;

	if ((size_t)(end - p) > 5 && !memcmp(p, "node=", 5)) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));

		if (!sp)
			return -1;
		snprintf(r->node, sizeof(r->node), "%.*s", (int)(sp - p - 5), p + 5);
		p = sp + 1;
	}
	if ((size_t)(end - p) < 5 || memcmp(p, "type=", 5))
		return -1;
	t = p + 5;
	p = memchr(t, ' ', (size_t)(end - t));
	if (!p)
		return -1;
	n = (size_t)(p - t);
	snprintf(r->type_name, sizeof(r->type_name), "%.*s", (int)n, t);
	r->type = al_type_num(r->type_name);
	if (r->type < 0 && sscanf(r->type_name, "UNKNOWN[%d]", &r->type) != 1)
		r->type = -1;
	p++;
	if ((size_t)(end - p) < 10 || memcmp(p, "msg=audit(", 10))
		return -1;
	stamp = p + 10;
	p = memchr(stamp, ':', (size_t)(end - stamp));
	if (!p || (size_t)(p - stamp) >= sizeof(r->stamp))
		return -1;
	snprintf(r->stamp, sizeof(r->stamp), "%.*s", (int)(p - stamp), stamp);
	r->serial = strtoul(p + 1, NULL, 10);
	p = memchr(p, ')', (size_t)(end - p));
	if (!p)
		return -1;
	p++;
	if (p < end && *p == ':')
		p++;
	*body = p;
	return 0;
}

int json_record_parse(const char *line, size_t len,
		      struct al_name_cache *names, struct json_record *r)
{
	const char *end = line + len, *body, *sep, *p;
	struct field *fs;
	size_t nf;
	struct field f;
	json_t *o, *text = NULL;
	uint32_t arch = al_native_arch();
	long long argc = -1;

	memset(r, 0, sizeof(*r));
	if (parse_header(line, end, r, &body) < 0)
		return -1;
	o = json_object();
	if (!o)
		return -1;
	json_object_set_new(o, "type", json_string(r->type_name));
	sep = memchr(body, ENRICH_SEP, (size_t)(end - body));
	r->body = body;
	r->body_len = (size_t)((sep ? sep : end) - body);
	/* the fields, collected first: EXECVE needs them all at once */
	fs = collect_fields(body, sep ? sep : end, &nf);
	for (size_t i = 0; i < nf; i++) {
		char key[128];

		f = fs[i];
		if (f.klen == 0) {
			/* words of text, joined */
			const char *old = text ? json_string_value(text) : NULL;
			char *joined;

			if (asprintf(&joined, "%s%s%.*s", old ? old : "", old ? " " : "",
				     (int)f.vlen, f.v) >= 0) {
				json_decref(text);
				text = json_string(joined);
				free(joined);
			}
			continue;
		}
		if (f.klen >= sizeof(key))
			continue;
		memcpy(key, f.k, f.klen);
		key[f.klen] = '\0';
		if (r->type == AUDIT_EXECVE && (key[0] == 'a' && key[1] >= '0' &&
						key[1] <= '9'))
			continue;	/* into argv below */
		if (r->type == AUDIT_EXECVE && !strcmp(key, "argc"))
			argc = strtoll(f.v, NULL, 10);
		if (r->type == AUDIT_PROCTITLE && !strcmp(key, "proctitle")) {
			json_object_set_new(o, key, proctitle_array(f.v, f.vlen));
			continue;
		}
		if (is_text_field(f.k, f.klen) && f.v[0] != '"' &&
		    all_hex(f.v, f.vlen)) {
			set_hex_text(o, key, f.v, f.vlen);
		} else if (f.klen == 5 && !memcmp(f.k, "saddr", 5)) {
			struct al_sockaddr sa;

			json_object_set_new(o, key, json_stringn(f.v, f.vlen));
			if (al_sockaddr_decode(f.v, f.vlen, &sa) == 0) {
				json_t *s = json_object();

				json_object_set_new(s, "family", json_string(sa.fam));
				if (sa.family == 2 || sa.family == 10 || sa.family == 1) {
					bool lossy;

					json_object_set_new(s, sa.family == 1 ? "path" : "addr",
							    json_bytes((const unsigned char *)sa.addr,
								       strlen(sa.addr), &lossy));
				}
				if (sa.has_port)
					json_object_set_new(s, "port", json_integer(sa.port));
				if (sa.family == 16)
					json_object_set_new(s, "pid", json_integer(sa.nl_pid));
				json_object_set_new(o, "SADDR", s);
			}
		} else {
			/* a0..a3 and arch are hex: kept as written */
			bool hexnum = r->type == AUDIT_SYSCALL &&
				      ((key[0] == 'a' && key[1] >= '0' && key[1] <= '3' &&
					!key[2]) || !strcmp(key, "arch"));

			json_object_set_new(o, key, hexnum ? json_stringn(f.v, f.vlen) :
					    plain_value(f.v, f.vlen));
		}
		if (names && !sep) {
			char ukey[128];
			char val[64];
			const char *name;

			snprintf(val, sizeof(val), "%.*s", (int)f.vlen, f.v);
			if (al_field_name(names, f.k, f.klen, val, &arch, ukey,
					  sizeof(ukey), &name))
				json_object_set_new(o, ukey, json_string(name));
		}
	}
	if (r->type == AUDIT_EXECVE && argc >= 0)
		json_object_set_new(o, "argv", execve_argv(fs, nf, argc));
	/* the record's own enrichment, but SADDR, decoded above already */
	if (sep) {
		for (p = sep + 1; next_field(&p, end, &f);) {
			char key[128];

			if (f.klen == 0 || f.klen >= sizeof(key) ||
			    (f.klen == 5 && !memcmp(f.k, "SADDR", 5)))
				continue;
			memcpy(key, f.k, f.klen);
			key[f.klen] = '\0';
			json_object_set_new(o, key, plain_value(f.v, f.vlen));
		}
	}
	if (text)
		json_object_set_new(o, "text", text);
	free(fs);
	r->obj = o;
	return 0;
}
