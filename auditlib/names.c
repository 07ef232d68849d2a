// SPDX-License-Identifier: GPL-2.0
/*
 * What the ENRICHED format adds to a record's field: the user or group
 * name of an id, the arch and syscall names.  auditd writes it after the
 * record; audisp-json adds it to records that came without it.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit-lib.h"

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

static const char *id_name(struct al_name_cache *nc, unsigned id, bool group)
{
	unsigned slot;

	for (unsigned i = 0; i < AL_NAME_CACHE; i++)
		if (nc->e[i].used && nc->e[i].id == id && nc->e[i].group == group)
			return nc->e[i].name;
	slot = nc->next++ % AL_NAME_CACHE;
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

bool al_field_name(struct al_name_cache *nc, const char *key, size_t klen,
		   const char *val, uint32_t *arch, char *ukey, size_t ukeylen,
		   const char **name)
{
	if (klen + 1 > ukeylen)
		return false;
	for (size_t i = 0; i < klen; i++)
		ukey[i] = (char)((key[i] >= 'a' && key[i] <= 'z') ? key[i] - 32 : key[i]);
	ukey[klen] = '\0';
	if (klen == 4 && memcmp(key, "arch", 4) == 0) {
		unsigned long a = strtoul(val, NULL, 16);

		*arch = (uint32_t)a;
		*name = a == AUDIT_ARCH_X86_64 ? "x86_64" :
			a == AUDIT_ARCH_I386 ? "i386" : "unknown";
		return true;
	}
	if (klen == 7 && memcmp(key, "syscall", 7) == 0) {
		long long nr;
		const char *sn = NULL;

		if (al_parse_ll(val, 0, 65535, &nr) == 0)
			sn = al_syscall_name(*arch, (int)nr);
		*name = sn ? sn : "unknown";
		return true;
	}
	if (in(uid_keys, key, klen) || in(gid_keys, key, klen)) {
		long long id;

		if (al_parse_ll(val, -1, UINT32_MAX, &id) < 0)
			return false;
		*name = id_name(nc, (unsigned)id, in(gid_keys, key, klen));
		return true;
	}
	return false;
}
