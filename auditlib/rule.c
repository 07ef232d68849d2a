// SPDX-License-Identifier: GPL-2.0
/*
 * Rules: from auditctl(8) words to struct audit_rule_data, and back to
 * the text 'auditctl -l' prints.
 *
 * Numbers go in values[]; strings (paths, keys, security labels) go in
 * buf[] one after another, with their length in values[].
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit-lib.h"

#define FS_DEBUGFS	0x64626720
#define FS_TRACEFS	0x74726163

static const struct {
	const char *name;
	uint32_t mode;
} filetypes[] = {
	{ "file", S_IFREG }, { "dir", S_IFDIR }, { "socket", S_IFSOCK },
	{ "link", S_IFLNK }, { "character", S_IFCHR }, { "block", S_IFBLK },
	{ "fifo", S_IFIFO },
};

static const struct {
	char c;
	unsigned bit;
} perms[] = {
	{ 'r', AUDIT_PERM_READ }, { 'w', AUDIT_PERM_WRITE },
	{ 'x', AUDIT_PERM_EXEC }, { 'a', AUDIT_PERM_ATTR },
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void al_rule_init(struct al_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->list = -1;
	r->action = -1;
}

int al_rule_set_list_action(struct al_rule *r, const char *s,
			    struct al_err *err)
{
	char a[32], b[32];
	const char *comma = strchr(s, ',');
	int l, act;

	if (r->list >= 0)
		return al_fail(err, "'%s': a rule has one list and action", s);
	if (!comma || (size_t)(comma - s) >= sizeof(a) ||
	    strlen(comma + 1) >= sizeof(b))
		return al_fail(err, "'%s': want list,action (e.g. exit,always)",
			       s);
	memcpy(a, s, (size_t)(comma - s));
	a[comma - s] = '\0';
	strcpy(b, comma + 1);
	l = al_list_num(a);
	act = al_action_num(b);
	if (l < 0 || act < 0) {
		l = al_list_num(b);
		act = al_action_num(a);
	}
	if (l < 0)
		return al_fail(err, "'%s': no list named (user, task, exit, exclude, filesystem)", s);
	if (act < 0)
		return al_fail(err, "'%s': no action named (never, always)", s);
	if (l == AUDIT_FILTER_ENTRY)
		return al_fail(err, "'%s': the entry list is no longer supported; use exit", s);
	if (act == AUDIT_POSSIBLE)
		return al_fail(err, "'%s': the possible action is no longer supported", s);
	r->list = l;
	r->action = act;
	return 0;
}

static void set_all_syscalls(struct al_rule *r)
{
	for (int i = 0; i < AUDIT_BITMASK_SIZE; i++)
		r->u.d.mask[i] = ~0U;
}

static uint32_t rule_arch(const struct al_rule *r)
{
	return r->arch ? r->arch : al_native_arch();
}

int al_rule_add_syscalls(struct al_rule *r, const char *s, struct al_err *err)
{
	char word[64];
	const char *p = s;

	if (!*s)
		return al_fail(err, "-S: no syscall given");
	while (*p) {
		size_t n = strcspn(p, ",");
		long long v;
		int nr;

		if (n == 0 || n >= sizeof(word))
			return al_fail(err, "-S %s: bad syscall list", s);
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (*p == ',' && *++p == '\0')
			return al_fail(err, "-S %s: bad syscall list", s);
		if (strcmp(word, "all") == 0) {
			set_all_syscalls(r);
			r->syscalls_set = true;
			continue;
		}
		if (al_parse_ll(word, 0, AUDIT_BITMASK_SIZE * 32 - 1, &v) == 0)
			nr = (int)v;
		else if ((nr = al_syscall_num(rule_arch(r), word)) < 0)
			return al_fail(err, "-S %s: unknown syscall '%s' for arch %s",
				       s, word, al_arch_name(rule_arch(r)));
		r->u.d.mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
		r->syscalls_set = true;
	}
	return 0;
}

static int add_raw(struct al_rule *r, uint32_t field, uint32_t op,
		   uint32_t value, const char *what, struct al_err *err)
{
	struct audit_rule_data *d = &r->u.d;

	if (d->field_count >= AUDIT_MAX_FIELDS)
		return al_fail(err, "%s: more than %d fields in one rule", what,
			       AUDIT_MAX_FIELDS);
	d->fields[d->field_count] = field;
	d->fieldflags[d->field_count] = op;
	d->values[d->field_count] = value;
	d->field_count++;
	return 0;
}

static int add_str(struct al_rule *r, uint32_t field, uint32_t op,
		   const char *s, const char *what, struct al_err *err)
{
	struct audit_rule_data *d = &r->u.d;
	size_t len = strlen(s);

	if (len > AL_RULE_BUF_MAX - d->buflen)
		return al_fail(err, "%s: the rule's strings exceed %d bytes",
			       what, AL_RULE_BUF_MAX);
	if (add_raw(r, field, op, (uint32_t)len, what, err) < 0)
		return -1;
	memcpy(d->buf + d->buflen, s, len);
	d->buflen += (uint32_t)len;
	return 0;
}

static int parse_id(const char *v, bool group, uint32_t *out)
{
	long long n;

	if (strcmp(v, "unset") == 0 || strcmp(v, "-1") == 0) {
		*out = AUDIT_UID_UNSET;
		return 0;
	}
	if (al_parse_ll(v, 0, UINT32_MAX, &n) == 0) {
		*out = (uint32_t)n;
		return 0;
	}
	if (group) {
		struct group *g = getgrnam(v);

		if (!g)
			return -1;
		*out = g->gr_gid;
	} else {
		struct passwd *p = getpwnam(v);

		if (!p)
			return -1;
		*out = p->pw_uid;
	}
	return 0;
}

static int parse_perm(const char *v, unsigned *out)
{
	unsigned bits = 0;

	if (!*v)
		return -1;
	for (const char *p = v; *p; p++) {
		size_t i;

		for (i = 0; i < ARRAY_LEN(perms); i++)
			if (perms[i].c == *p)
				break;
		if (i == ARRAY_LEN(perms) || (bits & perms[i].bit))
			return -1;
		bits |= perms[i].bit;
	}
	*out = bits;
	return 0;
}

/* The value of a numeric field, by its type. */
static int field_value(struct al_rule *r, const struct al_field *f,
		       const char *v, const char *expr, uint32_t *out,
		       struct al_err *err)
{
	long long n;
	int rc;

	switch (f->type) {
	case AL_F_UID:
	case AL_F_GID:
		if (strspn(v, "0123456789") == strlen(v) &&
		    al_parse_ll(v, 0, UINT32_MAX, &n) < 0)
			return al_fail(err, "-F %s: '%s' is not an id from 0 to %u",
				       expr, v, UINT32_MAX);
		if (parse_id(v, f->type == AL_F_GID, out) < 0)
			return al_fail(err, "-F %s: unknown %s '%s'", expr,
				       f->type == AL_F_GID ? "group" : "user", v);
		return 0;
	case AL_F_ARCH:
		*out = al_arch_parse(v);
		if (!*out)
			return al_fail(err, "-F %s: unknown arch '%s' (b64, b32, x86_64, i386)", expr, v);
		if (r->syscalls_set && *out != rule_arch(r))
			return al_fail(err, "-F %s: the arch must come before -S", expr);
		r->arch = *out;
		return 0;
	case AL_F_MSGTYPE:
		rc = al_type_num(v);
		if (rc < 0)
			return al_fail(err, "-F %s: unknown record type '%s'", expr, v);
		*out = (uint32_t)rc;
		return 0;
	case AL_F_PERM:
		if (parse_perm(v, out) < 0)
			return al_fail(err, "-F %s: permissions are letters from rwxa, each once", expr);
		return 0;
	case AL_F_FILETYPE:
		for (size_t i = 0; i < ARRAY_LEN(filetypes); i++) {
			if (strcmp(filetypes[i].name, v) == 0) {
				*out = filetypes[i].mode;
				return 0;
			}
		}
		return al_fail(err, "-F %s: unknown file type '%s'", expr, v);
	case AL_F_EXIT:
		rc = al_errno_num(v[0] == '-' ? v + 1 : v);
		if (rc > 0) {
			*out = (uint32_t)(v[0] == '-' ? -rc : rc);
			return 0;
		}
		/* a number, then */
		/* fall through */
	case AL_F_SNUM:
		if (al_parse_ll(v, INT32_MIN, INT32_MAX, &n) < 0)
			return al_fail(err, "-F %s: '%s' is not a number from %d to %d",
				       expr, v, INT32_MIN, INT32_MAX);
		*out = (uint32_t)(int32_t)n;
		return 0;
	case AL_F_HEX:
		if (f->num == AUDIT_FSTYPE && strcmp(v, "debugfs") == 0) {
			*out = FS_DEBUGFS;
			return 0;
		}
		if (f->num == AUDIT_FSTYPE && strcmp(v, "tracefs") == 0) {
			*out = FS_TRACEFS;
			return 0;
		}
		/* fall through */
	case AL_F_NUM:
	default:
		if (al_parse_ll(v, 0, UINT32_MAX, &n) < 0)
			return al_fail(err, "-F %s: '%s' is not a number from 0 to %u",
				       expr, v, UINT32_MAX);
		*out = (uint32_t)n;
		return 0;
	}
}

static int check_path(const char *what, const char *p, struct al_err *err)
{
	size_t len = strlen(p);

	if (p[0] != '/')
		return al_fail(err, "%s: the path must be absolute", what);
	if (len >= PATH_MAX)
		return al_fail(err, "%s: the path is longer than %d bytes", what,
			       PATH_MAX - 1);
	return 0;
}

int al_rule_add_field(struct al_rule *r, const char *expr, struct al_err *err)
{
	char name[32], optext[3];
	size_t nlen = strcspn(expr, "=!<>&");
	size_t olen = strspn(expr + nlen, "=!<>&");
	const struct al_field *f;
	const char *v = expr + nlen + olen;
	uint32_t op, value;

	if (nlen == 0 || expr[nlen] == '\0')
		return al_fail(err, "-F %s: want name, operator, value (e.g. auid>=1000)", expr);
	if (nlen >= sizeof(name))
		return al_fail(err, "-F %s: unknown field", expr);
	memcpy(name, expr, nlen);
	name[nlen] = '\0';
	f = al_field_by_name(name);
	if (!f)
		return al_fail(err, "-F %s: unknown field '%s'", expr, name);
	if (olen >= sizeof(optext) || !(op = (memcpy(optext, expr + nlen, olen),
					     optext[olen] = '\0',
					     al_op_parse(optext))))
		return al_fail(err, "-F %s: unknown operator", expr);
	if ((f->flags & AL_EQ_ONLY) && op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
		return al_fail(err, "-F %s: field %s takes only = and !=", expr,
			       name);
	if (*v == '\0')
		return al_fail(err, "-F %s: no value", expr);
	if (f->num == AUDIT_FILTERKEY) {
		if (op != AUDIT_EQUAL)
			return al_fail(err, "-F %s: a key takes only =", expr);
		return al_rule_add_key(r, v, err);
	}
	if (f->type == AL_F_STR) {
		if (f->num == AUDIT_WATCH || f->num == AUDIT_DIR ||
		    f->num == AUDIT_EXE) {
			char what[64];

			snprintf(what, sizeof(what), "-F %s=", name);
			if (check_path(what, v, err) < 0)
				return -1;
		} else if (strlen(v) > AUDIT_MAX_KEY_LEN) {
			return al_fail(err, "-F %s: value longer than %d bytes",
				       name, AUDIT_MAX_KEY_LEN);
		}
		return add_str(r, (uint32_t)f->num, op, v, name, err);
	}
	if (field_value(r, f, v, expr, &value, err) < 0)
		return -1;
	return add_raw(r, (uint32_t)f->num, op, value, expr, err);
}

int al_rule_add_compare(struct al_rule *r, const char *expr, struct al_err *err)
{
	char pair[80];
	size_t nlen = strcspn(expr, "=!<>&");
	const char *op_s = expr + nlen;
	uint32_t op;
	size_t olen;

	if (op_s[0] == '=')
		op = AUDIT_EQUAL, olen = 1;
	else if (op_s[0] == '!' && op_s[1] == '=')
		op = AUDIT_NOT_EQUAL, olen = 2;
	else
		return al_fail(err, "-C %s: want field=field or field!=field", expr);
	if (nlen == 0 || nlen > 30 || strlen(op_s + olen) > 30)
		return al_fail(err, "-C %s: want field=field or field!=field", expr);
	for (int swap = 0; swap < 2; swap++) {
		const char *a = swap ? op_s + olen : expr;
		const char *b = swap ? expr : op_s + olen;
		int alen = swap ? (int)strlen(a) : (int)nlen;
		int blen = swap ? (int)nlen : (int)strlen(b);

		snprintf(pair, sizeof(pair), "%.*s %.*s", alen, a, blen, b);
		for (size_t i = 0; i < al_compares_len; i++)
			if (strcmp(al_compares[i].name, pair) == 0)
				return add_raw(r, AUDIT_FIELD_COMPARE, op,
					       (uint32_t)al_compares[i].num,
					       expr, err);
	}
	return al_fail(err, "-C %s: these fields cannot be compared", expr);
}

int al_rule_add_key(struct al_rule *r, const char *key, struct al_err *err)
{
	size_t len = strlen(key);
	size_t need = len + (r->keys_len ? 1 : 0);

	if (len == 0)
		return al_fail(err, "-k: empty key");
	if (strchr(key, AL_KEY_SEP))
		return al_fail(err, "-k %s: a key cannot hold \\001", key);
	if (r->keys_len + need > AUDIT_MAX_KEY_LEN)
		return al_fail(err, "-k %.40s...: keys of a rule exceed %d bytes",
			       key, AUDIT_MAX_KEY_LEN);
	if (r->keys_len)
		r->keys[r->keys_len++] = AL_KEY_SEP;
	memcpy(r->keys + r->keys_len, key, len);
	r->keys_len += len;
	r->keys[r->keys_len] = '\0';
	return 0;
}

int al_rule_set_watch(struct al_rule *r, const char *path, struct al_err *err)
{
	struct stat st;
	char what[32];

	if (r->watch)
		return al_fail(err, "-w %s: one watch per rule", path);
	snprintf(what, sizeof(what), "-w %.20s", path);
	if (check_path(what, path, err) < 0)
		return -1;
	if (strcmp(path, "/") == 0)
		return al_fail(err, "-w /: the top directory cannot be watched");
	if (strpbrk(path, "*?["))
		return al_fail(err, "-w %s: wildcards are not supported", path);
	r->watch = path;
	r->watch_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	return 0;
}

int al_rule_set_perm(struct al_rule *r, const char *perm, struct al_err *err)
{
	if (parse_perm(perm, &r->perm) < 0)
		return al_fail(err, "-p %s: permissions are letters from rwxa, each once", perm);
	return 0;
}

size_t al_rule_size(const struct audit_rule_data *d)
{
	return sizeof(*d) + d->buflen;
}

int al_rule_finish(struct al_rule *r, struct al_err *err)
{
	struct audit_rule_data *d = &r->u.d;
	bool exit_list;

	if (r->watch) {
		uint32_t ftype = r->watch_dir ? AUDIT_DIR : AUDIT_WATCH;
		unsigned perm = r->perm ? r->perm :
			AUDIT_PERM_READ | AUDIT_PERM_WRITE |
			AUDIT_PERM_EXEC | AUDIT_PERM_ATTR;

		if (r->list >= 0 || d->field_count || r->syscalls_set)
			return al_fail(err, "-w %s: a watch takes only -p and -k",
				       r->watch);
		r->list = AUDIT_FILTER_EXIT;
		r->action = AUDIT_ALWAYS;
		set_all_syscalls(r);
		if (add_str(r, ftype, AUDIT_EQUAL, r->watch, "-w", err) < 0 ||
		    add_raw(r, AUDIT_PERM, AUDIT_EQUAL, perm, "-p", err) < 0)
			return -1;
	} else {
		if (r->list < 0)
			return al_fail(err, "no rule list given: use -a, -A, -d, -w or -W");
		if (r->perm)
			return al_fail(err, "-p needs -w");
	}
	exit_list = r->list == AUDIT_FILTER_EXIT ||
		    r->list == AUDIT_FILTER_URING_EXIT;
	if (r->syscalls_set && r->list != AUDIT_FILTER_EXIT &&
	    r->list != AUDIT_FILTER_URING_EXIT)
		return al_fail(err, "-S: syscalls only apply to the exit list, not %s",
			       al_list_name(r->list));
	for (uint32_t i = 0; i < d->field_count; i++) {
		const struct al_field *f = al_field_by_num((int)d->fields[i]);

		if (f && (f->flags & AL_EXIT_ONLY) && !exit_list)
			return al_fail(err, "-F %s: only valid on the exit list, not %s",
				       f->name, al_list_name(r->list));
	}
	if (r->keys_len &&
	    add_str(r, AUDIT_FILTERKEY, AUDIT_EQUAL, r->keys, "-k", err) < 0)
		return -1;
	if (r->list == AUDIT_FILTER_EXIT && !r->syscalls_set)
		set_all_syscalls(r);
	d->flags = (uint32_t)r->list | (r->prepend ? AUDIT_FILTER_PREPEND : 0);
	d->action = (uint32_t)r->action;
	return (int)al_rule_size(d);
}

int al_rule_check(const struct audit_rule_data *d, size_t len,
		  struct al_err *err)
{
	size_t used = 0;

	if (len < sizeof(*d))
		return al_fail(err, "rule of %zu bytes is too short", len);
	if (d->field_count > AUDIT_MAX_FIELDS)
		return al_fail(err, "rule with %u fields", d->field_count);
	if (d->buflen > len - sizeof(*d))
		return al_fail(err, "rule strings overrun the message");
	for (uint32_t i = 0; i < d->field_count; i++) {
		const struct al_field *f = al_field_by_num((int)d->fields[i]);

		if (f && f->type == AL_F_STR) {
			if (d->values[i] > d->buflen - used)
				return al_fail(err, "rule string overruns the buffer");
			used += d->values[i];
		}
	}
	return 0;
}

/*
 * Every syscall named?  The top AUDIT_SYSCALL_CLASSES bits name classes,
 * which the stock kernel folds into the syscall bits and clears, so they
 * do not count.
 */
static bool all_syscalls(const struct audit_rule_data *d)
{
	const uint32_t classes = ~0U << (32 - AUDIT_SYSCALL_CLASSES);

	for (int i = 0; i < AUDIT_BITMASK_SIZE - 1; i++)
		if (d->mask[i] != ~0U)
			return false;
	return (d->mask[AUDIT_BITMASK_SIZE - 1] | classes) == ~0U;
}

static uint32_t find_field(const struct audit_rule_data *d, uint32_t field)
{
	for (uint32_t i = 0; i < d->field_count; i++)
		if (d->fields[i] == field)
			return i;
	return UINT32_MAX;
}

static void put_syscalls(struct al_buf *o, const struct audit_rule_data *d)
{
	uint32_t ai = find_field(d, AUDIT_ARCH);
	uint32_t arch = ai != UINT32_MAX ? d->values[ai] : al_native_arch();
	const char *sep = " -S ";

	if (all_syscalls(d)) {
		al_bprintf(o, " -S all");
		return;
	}
	for (int nr = 0; nr < AUDIT_BITMASK_SIZE * 32; nr++) {
		const char *name;

		if (!(d->mask[AUDIT_WORD(nr)] & AUDIT_BIT(nr)))
			continue;
		name = al_syscall_name(arch, nr);
		if (name)
			al_bprintf(o, "%s%s", sep, name);
		else
			al_bprintf(o, "%s%d", sep, nr);
		sep = ",";
	}
}

static void put_perm(struct al_buf *o, unsigned bits)
{
	for (size_t i = 0; i < ARRAY_LEN(perms); i++)
		if (bits & perms[i].bit)
			al_bprintf(o, "%c", perms[i].c);
}

/* Keys are one string field with \001 between them. */
static void put_keys(struct al_buf *o, const char *flag, const char *s,
		     size_t len)
{
	while (len) {
		const char *sep = memchr(s, AL_KEY_SEP, len);
		size_t n = sep ? (size_t)(sep - s) : len;

		al_bprintf(o, " %s%.*s", flag, (int)n, s);
		s += n;
		len -= n;
		if (sep) {
			s++;
			len--;
		}
	}
}

/* A watch: exit,always on every syscall with a path or dir, a perm and
 * perhaps a key, and nothing else. */
static bool is_watch(const struct audit_rule_data *d)
{
	uint32_t path = 0, perm = 0;

	if ((d->flags & ~AUDIT_FILTER_PREPEND) != AUDIT_FILTER_EXIT ||
	    d->action != AUDIT_ALWAYS || !all_syscalls(d))
		return false;
	for (uint32_t i = 0; i < d->field_count; i++) {
		if (d->fieldflags[i] != AUDIT_EQUAL)
			return false;
		switch (d->fields[i]) {
		case AUDIT_WATCH:
		case AUDIT_DIR:
			path++;
			break;
		case AUDIT_PERM:
			perm++;
			break;
		case AUDIT_FILTERKEY:
			break;
		default:
			return false;
		}
	}
	return path == 1 && perm <= 1;
}

static void put_watch(struct al_buf *o, const struct audit_rule_data *d)
{
	const char *s = d->buf;
	unsigned perm = 0;
	const char *key = NULL;
	size_t keylen = 0;

	for (uint32_t i = 0; i < d->field_count; i++) {
		switch (d->fields[i]) {
		case AUDIT_WATCH:
		case AUDIT_DIR:
			al_bprintf(o, "-w %.*s", (int)d->values[i], s);
			s += d->values[i];
			break;
		case AUDIT_FILTERKEY:
			key = s;
			keylen = d->values[i];
			s += d->values[i];
			break;
		case AUDIT_PERM:
			perm = d->values[i];
			break;
		}
	}
	al_bprintf(o, " -p ");
	put_perm(o, perm ? perm : 0xf);
	if (key)
		put_keys(o, "-k ", key, keylen);
}

static void put_field(struct al_buf *o, const struct audit_rule_data *d,
		      uint32_t i, const char **s)
{
	const struct al_field *f = al_field_by_num((int)d->fields[i]);
	const char *op = al_op_name(d->fieldflags[i]);
	uint32_t v = d->values[i];
	const char *name;

	if (!op)
		op = "?";
	if (d->fields[i] == AUDIT_FIELD_COMPARE) {
		for (size_t k = 0; k < al_compares_len; k++) {
			if (al_compares[k].num == (int)v) {
				const char *sp = strchr(al_compares[k].name, ' ');

				al_bprintf(o, " -C %.*s%s%s",
				    (int)(sp - al_compares[k].name),
				    al_compares[k].name, op, sp + 1);
				return;
			}
		}
		al_bprintf(o, " -C %u%s?", v, op);
		return;
	}
	if (!f) {
		al_bprintf(o, " -F f%u%s%u", d->fields[i], op, v);
		return;
	}
	switch (f->type) {
	case AL_F_STR:
		if (f->num == AUDIT_FILTERKEY)
			put_keys(o, "-F key=", *s, v);
		else
			al_bprintf(o, " -F %s%s%.*s", f->name, op, (int)v, *s);
		*s += v;
		return;
	case AL_F_UID:
	case AL_F_GID:
		/* The standard tool lists an unset id as -1. */
		if (v == AUDIT_UID_UNSET)
			al_bprintf(o, " -F %s%s-1", f->name, op);
		else
			al_bprintf(o, " -F %s%s%u", f->name, op, v);
		return;
	case AL_F_ARCH:
		name = al_arch_name(v);
		if (name)
			al_bprintf(o, " -F arch%s%s", op, name);
		else
			al_bprintf(o, " -F arch%s0x%x", op, v);
		return;
	case AL_F_MSGTYPE:
		name = al_type_name((int)v);
		if (name)
			al_bprintf(o, " -F msgtype%s%s", op, name);
		else
			al_bprintf(o, " -F msgtype%s%u", op, v);
		return;
	case AL_F_PERM:
		al_bprintf(o, " -F perm%s", op);
		put_perm(o, v);
		return;
	case AL_F_FILETYPE:
		for (size_t k = 0; k < ARRAY_LEN(filetypes); k++) {
			if (filetypes[k].mode == v) {
				al_bprintf(o, " -F filetype%s%s", op, filetypes[k].name);
				return;
			}
		}
		al_bprintf(o, " -F filetype%s%u", op, v);
		return;
	case AL_F_EXIT:
		name = (int32_t)v < 0 ? al_errno_name(-(int32_t)v) : NULL;
		if (name)
			al_bprintf(o, " -F exit%s-%s", op, name);
		else
			al_bprintf(o, " -F exit%s%d", op, (int32_t)v);
		return;
	case AL_F_SNUM:
		al_bprintf(o, " -F %s%s%d", f->name, op, (int32_t)v);
		return;
	case AL_F_HEX:
		if (f->num == AUDIT_FSTYPE && v == FS_DEBUGFS)
			al_bprintf(o, " -F fstype%sdebugfs", op);
		else if (f->num == AUDIT_FSTYPE && v == FS_TRACEFS)
			al_bprintf(o, " -F fstype%stracefs", op);
		else if (f->num == AUDIT_FSTYPE)
			al_bprintf(o, " -F %s%s0x%x", f->name, op, v);
		else	/* a0..a3, as the standard tool lists them */
			al_bprintf(o, " -F %s%s0x%X", f->name, op, v);
		return;
	case AL_F_NUM:
	default:
		al_bprintf(o, " -F %s%s%u", f->name, op, v);
		return;
	}
}

size_t al_rule_format(const struct audit_rule_data *d, char *out, size_t outlen)
{
	struct al_buf o = { out, 0, outlen };
	uint32_t list = d->flags & ~AUDIT_FILTER_PREPEND;
	const char *ln = al_list_name((int)list);
	const char *an = al_action_name((int)d->action);
	uint32_t arch_at = find_field(d, AUDIT_ARCH);
	bool syscalls = list == AUDIT_FILTER_EXIT || list == AUDIT_FILTER_ENTRY;
	const char *s = d->buf;

	if (outlen)
		out[0] = '\0';
	if (is_watch(d)) {
		put_watch(&o, d);
		return o.len;
	}
	if (an)
		al_bprintf(&o, "-a %s,", an);
	else
		al_bprintf(&o, "-a %u,", d->action);
	if (ln)
		al_bprintf(&o, "%s", ln);
	else
		al_bprintf(&o, "%u", list);
	if (syscalls && arch_at == UINT32_MAX)
		put_syscalls(&o, d);
	for (uint32_t i = 0; i < d->field_count; i++) {
		put_field(&o, d, i, &s);
		if (syscalls && i == arch_at)
			put_syscalls(&o, d);
	}
	return o.len;
}

bool al_rule_has_key(const struct audit_rule_data *d, const char *key)
{
	const char *s = d->buf;
	size_t klen = strlen(key);

	for (uint32_t i = 0; i < d->field_count; i++) {
		const struct al_field *f = al_field_by_num((int)d->fields[i]);

		if (!f || f->type != AL_F_STR)
			continue;
		if (f->num == AUDIT_FILTERKEY) {
			const char *p = s, *end = s + d->values[i];

			while (p <= end) {
				const char *sep = memchr(p, AL_KEY_SEP,
							 (size_t)(end - p));
				size_t n = sep ? (size_t)(sep - p) :
						 (size_t)(end - p);

				if (n == klen && memcmp(p, key, n) == 0)
					return true;
				if (!sep)
					break;
				p = sep + 1;
			}
		}
		s += d->values[i];
	}
	return false;
}
