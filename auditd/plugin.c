// SPDX-License-Identifier: GPL-2.0
/*
 * auditd-plugins(5): the files of plugin_dir, one plugin each, read into
 * struct plugin_conf.  Only NAME.conf is read (a name with another dot
 * is a backup copy, skipped, as by Debian's auditd), and only when root
 * owns it and nobody else may write it: a plugin runs as root.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "auditd.h"

static void plugin_defaults(struct plugin_conf *p)
{
	memset(p, 0, sizeof(*p));
	p->active = false;
	p->format = PLUGIN_STRING;
}

static int plugin_key(const char *key, const char *v, void *ctx,
		      struct al_err *err)
{
	struct plugin_conf *p = ctx;

	if (strcasecmp(key, "active") == 0) {
		if (strcasecmp(v, "yes") == 0)
			p->active = true;
		else if (strcasecmp(v, "no") == 0)
			p->active = false;
		else
			return al_fail(err, "active: '%s' is neither yes nor no", v);
	} else if (strcasecmp(key, "direction") == 0) {
		if (strcasecmp(v, "out") != 0)
			return al_fail(err, "direction: '%s': only out is supported", v);
	} else if (strcasecmp(key, "path") == 0) {
		if (strlen(v) >= sizeof(p->path))
			return al_fail(err, "path: too long");
		strcpy(p->path, v);
	} else if (strcasecmp(key, "type") == 0) {
		if (strcasecmp(v, "always") == 0)
			p->builtin = false;
		else if (strcasecmp(v, "builtin") == 0)
			p->builtin = true;
		else
			return al_fail(err, "type: '%s' is neither always nor builtin", v);
	} else if (strcasecmp(key, "args") == 0) {
		char copy[sizeof(p->args)];
		char *words[PLUGIN_MAX_ARGS];
		struct al_err e;

		if (strlen(v) >= sizeof(p->args))
			return al_fail(err, "args: too long");
		strcpy(copy, v);
		if (al_split_words(copy, words, PLUGIN_MAX_ARGS, &e) < 0)
			return al_fail(err, "args: %s", e.msg);
		strcpy(p->args, v);
	} else if (strcasecmp(key, "format") == 0) {
		if (strcasecmp(v, "string") == 0)
			p->format = PLUGIN_STRING;
		else if (strcasecmp(v, "binary") == 0)
			p->format = PLUGIN_BINARY;
		else
			return al_fail(err, "format: '%s' is neither string nor binary", v);
	} else {
		return al_fail(err, "unknown keyword '%s'", key);
	}
	return 0;
}

/* What a whole file must say: a path, absolute unless builtin. */
static int plugin_conf_check(const char *name, const struct plugin_conf *p,
			     struct al_err *err)
{
	if (!p->path[0])
		return al_fail(err, "%s: no path", name);
	if (p->builtin && strcmp(p->path, "builtin_af_unix") != 0)
		return al_fail(err, "%s: builtin plugin '%s' is not provided (builtin_af_unix is)",
			       name, p->path);
	if (!p->builtin && p->path[0] != '/')
		return al_fail(err, "%s: path '%s' is not absolute", name, p->path);
	return 0;
}

int plugin_conf_load_text(const char *name, char *text, struct plugin_conf *p,
			  struct al_err *err)
{
	plugin_defaults(p);
	if (al_conf_parse_text(name, text, plugin_key, p, err) < 0)
		return -1;
	return plugin_conf_check(name, p, err);
}

int plugin_conf_load(const char *path, struct plugin_conf *p,
		     struct al_err *err)
{
	plugin_defaults(p);
	if (al_conf_parse_file(path, plugin_key, p, err) < 0)
		return -1;
	return plugin_conf_check(path, p, err);
}

/* NAME.conf, and no other dot in NAME. */
static bool plugin_file_name(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot && dot != name && strcmp(dot, ".conf") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct plugin_conf *)a)->name,
		      ((const struct plugin_conf *)b)->name);
}

int plugin_dir_load(const char *dir, struct plugin_conf **out, size_t *n,
		    void (*bad)(void *ctx, const char *msg), void *ctx,
		    struct al_err *err)
{
	struct plugin_conf *list = NULL;
	size_t count = 0, room = 0;
	struct dirent *e;
	DIR *d;

	*out = NULL;
	*n = 0;
	d = opendir(dir);
	if (!d) {
		/* no plugin directory: no plugins */
		if (errno == ENOENT)
			return 0;
		return al_fail(err, "plugin_dir %s: %s", dir, strerror(errno));
	}
	while ((e = readdir(d))) {
		char path[PATH_MAX];
		struct plugin_conf p;
		struct stat st;
		struct al_err perr;

		if (!plugin_file_name(e->d_name))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     e->d_name) >= sizeof(path))
			continue;
		if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (st.st_uid != 0 || (st.st_mode & 022)) {
			al_fail(&perr, "%s: skipped: not owned by root, or writable by others",
				path);
			bad(ctx, perr.msg);
			continue;
		}
		if (plugin_conf_load(path, &p, &perr) < 0) {
			bad(ctx, perr.msg);
			continue;
		}
		snprintf(p.name, sizeof(p.name), "%.*s",
			 (int)(strchr(e->d_name, '.') - e->d_name), e->d_name);
		if (count == room) {
			struct plugin_conf *more = realloc(list, (room * 2 + 4) *
							   sizeof(*list));

			if (!more) {
				free(list);
				closedir(d);
				return al_fail(err, "plugin_dir %s: out of memory", dir);
			}
			list = more;
			room = room * 2 + 4;
		}
		list[count++] = p;
	}
	closedir(d);
	if (count)
		qsort(list, count, sizeof(*list), by_name);
	*out = list;
	*n = count;
	return 0;
}
