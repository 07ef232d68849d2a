// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the matching engine: operators, rule parsing and
 * validation, syscall classes and perm=, and rules evaluated against the
 * running task.
 */
#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/delay.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/stat.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#include "audit.h"
#include "audit_names.h"
#include "audit_syscall.h"

/* A rule being written: the fixed part, then the strings. */
struct test_rule {
	struct audit_rule_data d;
	char buf[256];
};

static struct test_rule *new_rule(struct kunit *test, u32 list, u32 action)
{
	struct test_rule *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->d.flags = list;
	t->d.action = action;
	return t;
}

static void add_field(struct test_rule *t, u32 type, u32 op, u32 val)
{
	u32 i = t->d.field_count++;

	t->d.fields[i] = type;
	t->d.fieldflags[i] = op;
	t->d.values[i] = val;
}

static void add_string(struct test_rule *t, u32 type, u32 op, const char *s)
{
	size_t len = strlen(s);

	memcpy(t->buf + t->d.buflen, s, len);
	add_field(t, type, op, len);
	t->d.buflen += len;
}

static struct audit_rule *parse(struct kunit *test, struct test_rule *t)
{
	return audit_rule_from_data(&t->d, sizeof(t->d) + t->d.buflen);
}

static void expect_parse_error(struct kunit *test, struct test_rule *t, int err)
{
	struct audit_rule *r = parse(test, t);

	KUNIT_EXPECT_TRUE(test, IS_ERR(r));
	if (IS_ERR(r))
		KUNIT_EXPECT_EQ(test, PTR_ERR(r), err);
	else
		audit_rule_put(r);
}

static void match_operators(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, audit_compare(5, Audit_equal, 5));
	KUNIT_EXPECT_FALSE(test, audit_compare(5, Audit_not_equal, 5));
	KUNIT_EXPECT_TRUE(test, audit_compare(4, Audit_lt, 5));
	KUNIT_EXPECT_FALSE(test, audit_compare(5, Audit_lt, 5));
	KUNIT_EXPECT_TRUE(test, audit_compare(5, Audit_le, 5));
	KUNIT_EXPECT_TRUE(test, audit_compare(6, Audit_gt, 5));
	KUNIT_EXPECT_TRUE(test, audit_compare(5, Audit_ge, 5));
	KUNIT_EXPECT_FALSE(test, audit_compare(4, Audit_ge, 5));
	KUNIT_EXPECT_TRUE(test, audit_compare(0x6, Audit_bitmask, 0x2));
	KUNIT_EXPECT_FALSE(test, audit_compare(0x4, Audit_bitmask, 0x3));
	KUNIT_EXPECT_TRUE(test, audit_compare(0x7, Audit_bittest, 0x3));
	KUNIT_EXPECT_FALSE(test, audit_compare(0x5, Audit_bittest, 0x3));
	/* Unsigned: -1 (unset ids) is the largest value. */
	KUNIT_EXPECT_TRUE(test, audit_compare(-1, Audit_gt, 1000));
}

/*
 * The field table against what each field accepted before it existed,
 * written out here a second time: the fields of the uapi header, the
 * operators each takes, and the lists each may be on.
 */
static const u32 uapi_fields[] = {
	AUDIT_PID, AUDIT_UID, AUDIT_EUID, AUDIT_SUID, AUDIT_FSUID, AUDIT_GID,
	AUDIT_EGID, AUDIT_SGID, AUDIT_FSGID, AUDIT_LOGINUID, AUDIT_PERS,
	AUDIT_ARCH, AUDIT_MSGTYPE, AUDIT_SUBJ_USER, AUDIT_SUBJ_ROLE,
	AUDIT_SUBJ_TYPE, AUDIT_SUBJ_SEN, AUDIT_SUBJ_CLR, AUDIT_PPID,
	AUDIT_OBJ_USER, AUDIT_OBJ_ROLE, AUDIT_OBJ_TYPE, AUDIT_OBJ_LEV_LOW,
	AUDIT_OBJ_LEV_HIGH, AUDIT_LOGINUID_SET, AUDIT_SESSIONID, AUDIT_FSTYPE,
	AUDIT_DEVMAJOR, AUDIT_DEVMINOR, AUDIT_INODE, AUDIT_EXIT, AUDIT_SUCCESS,
	AUDIT_WATCH, AUDIT_PERM, AUDIT_DIR, AUDIT_FILETYPE, AUDIT_OBJ_UID,
	AUDIT_OBJ_GID, AUDIT_FIELD_COMPARE, AUDIT_EXE, AUDIT_SADDR_FAM,
	AUDIT_ARG0, AUDIT_ARG1, AUDIT_ARG2, AUDIT_ARG3, AUDIT_FILTERKEY,
};

static const u32 all_ops_fields[] = {
	AUDIT_ARG0, AUDIT_ARG1, AUDIT_ARG2, AUDIT_ARG3, AUDIT_PERS,
	AUDIT_DEVMINOR,
};

static const u32 equality_fields[] = {
	AUDIT_SUBJ_USER, AUDIT_SUBJ_ROLE, AUDIT_SUBJ_TYPE, AUDIT_OBJ_USER,
	AUDIT_OBJ_ROLE, AUDIT_OBJ_TYPE, AUDIT_WATCH, AUDIT_DIR, AUDIT_FILTERKEY,
	AUDIT_LOGINUID_SET, AUDIT_ARCH, AUDIT_FSTYPE, AUDIT_PERM, AUDIT_FILETYPE,
	AUDIT_FIELD_COMPARE, AUDIT_EXE,
};

static const u32 exit_only_fields[] = {
	AUDIT_ARCH, AUDIT_ARG0, AUDIT_ARG1, AUDIT_ARG2, AUDIT_ARG3,
	AUDIT_SUCCESS, AUDIT_EXIT, AUDIT_DEVMAJOR, AUDIT_DEVMINOR, AUDIT_INODE,
	AUDIT_WATCH, AUDIT_DIR, AUDIT_PERM, AUDIT_FILETYPE, AUDIT_OBJ_UID,
	AUDIT_OBJ_GID, AUDIT_FIELD_COMPARE, AUDIT_SADDR_FAM, AUDIT_OBJ_USER,
	AUDIT_OBJ_ROLE, AUDIT_OBJ_TYPE, AUDIT_OBJ_LEV_LOW, AUDIT_OBJ_LEV_HIGH,
};

static bool among(u32 type, const u32 *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == type)
			return true;
	return false;
}

static bool expected_op(u32 type, u32 op)
{
	if (among(type, all_ops_fields, ARRAY_SIZE(all_ops_fields)))
		return true;
	if (among(type, equality_fields, ARRAY_SIZE(equality_fields)))
		return op == Audit_equal || op == Audit_not_equal;
	return op != Audit_bitmask && op != Audit_bittest;
}

static bool expected_list(u32 type, u32 list)
{
	if (type == AUDIT_FILTERKEY)
		return true;
	/* The io_uring list: the exit list's fields but perm=. */
	if (list == AUDIT_FILTER_URING_EXIT) {
		if (type == AUDIT_PERM)
			return false;
		list = AUDIT_FILTER_EXIT;
	}
	if (type == AUDIT_FSTYPE)
		return list == AUDIT_FILTER_FS;
	if (list == AUDIT_FILTER_FS)
		return false;
	if (type == AUDIT_MSGTYPE)
		return list == AUDIT_FILTER_USER || list == AUDIT_FILTER_EXCLUDE;
	if (among(type, exit_only_fields, ARRAY_SIZE(exit_only_fields)))
		return list == AUDIT_FILTER_EXIT;
	return true;
}

/* A value each field's own check accepts. */
static u32 good_value(u32 type)
{
	switch (type) {
	case AUDIT_FILETYPE:
		return S_IFREG;
	case AUDIT_FIELD_COMPARE:
		return AUDIT_COMPARE_UID_TO_EUID;
	}
	return 1;
}

static void field_table_matrix(struct kunit *test)
{
	static const u32 lists[] = {
		AUDIT_FILTER_USER, AUDIT_FILTER_TASK, AUDIT_FILTER_EXIT,
		AUDIT_FILTER_EXCLUDE, AUDIT_FILTER_FS, AUDIT_FILTER_URING_EXIT,
	};
	unsigned int entries = 0, i, l;
	struct audit_field f = {};
	u32 op;

	/* Exactly one entry per field of the uapi header. */
	for (i = 0; i < AUDIT_FIELD_TYPES; i++)
		entries += !!audit_field_desc(i);
	KUNIT_EXPECT_EQ(test, entries, ARRAY_SIZE(uapi_fields));
	for (i = 0; i < ARRAY_SIZE(uapi_fields); i++)
		KUNIT_EXPECT_NOT_NULL(test, audit_field_desc(uapi_fields[i]));
	KUNIT_EXPECT_NULL(test, audit_field_desc(AUDIT_FIELD_TYPES));
	KUNIT_EXPECT_NULL(test, audit_field_desc(27));

	for (i = 0; i < ARRAY_SIZE(uapi_fields); i++) {
		f.type = uapi_fields[i];
		for (op = Audit_equal; op <= Audit_bittest; op++) {
			f.op = op;
			for (l = 0; l < ARRAY_SIZE(lists); l++) {
				bool want = expected_op(f.type, op) &&
					    expected_list(f.type, lists[l]);
				int err = audit_field_validate(lists[l], &f,
							       good_value(f.type));

				KUNIT_EXPECT_EQ_MSG(test, err, want ? 0 : -EINVAL,
						    "field %u op %u list %u",
						    f.type, op, lists[l]);
			}
		}
	}
	/* The values each check refuses. */
	f.op = Audit_equal;
	f.type = AUDIT_LOGINUID_SET;
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f, 2), -EINVAL);
	f.type = AUDIT_PERM;
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f, 16), -EINVAL);
	f.type = AUDIT_FILETYPE;
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f, 1), -EINVAL);
	f.type = AUDIT_FIELD_COMPARE;
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f,
						   AUDIT_MAX_FIELD_COMPARE + 1), -EINVAL);
	f.type = AUDIT_SADDR_FAM;
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f, AF_MAX),
			-EINVAL);
	f.op = Audit_bad;
	f.type = AUDIT_PID;
	KUNIT_EXPECT_EQ(test, audit_field_validate(AUDIT_FILTER_EXIT, &f, 1), -EINVAL);
	/* The fields that index exit rules by their value. */
	KUNIT_EXPECT_EQ(test, audit_field_desc(AUDIT_UID)->index, AUDIT_KEY_UID + 1);
	KUNIT_EXPECT_EQ(test, audit_field_desc(AUDIT_EUID)->index, AUDIT_KEY_EUID + 1);
	KUNIT_EXPECT_EQ(test, audit_field_desc(AUDIT_LOGINUID)->index,
			AUDIT_KEY_AUID + 1);
	KUNIT_EXPECT_EQ(test, audit_field_desc(AUDIT_PID)->index, AUDIT_KEY_PID + 1);
	KUNIT_EXPECT_EQ(test, audit_field_desc(AUDIT_GID)->index, 0);
}

static void parse_good_rule(struct kunit *test)
{
	struct test_rule *t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	struct audit_rule *r;

	t->d.mask[AUDIT_WORD(__NR_openat)] |= AUDIT_BIT(__NR_openat);
	add_field(t, AUDIT_ARCH, AUDIT_EQUAL, syscall_get_arch(current));
	add_field(t, AUDIT_UID, AUDIT_GREATER_THAN_OR_EQUAL, 1000);
	add_field(t, AUDIT_ARG1, AUDIT_BIT_MASK, O_WRONLY);
	add_string(t, AUDIT_FILTERKEY, AUDIT_EQUAL, "writes");
	r = parse(test, t);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	KUNIT_EXPECT_EQ(test, r->listnr, AUDIT_FILTER_EXIT);
	KUNIT_EXPECT_EQ(test, r->nfields, 4);
	KUNIT_EXPECT_EQ(test, r->fields[1].op, Audit_ge);
	KUNIT_EXPECT_STREQ(test, r->key, "writes");
	KUNIT_EXPECT_EQ(test, r->orig_len, sizeof(t->d) + 6);
	audit_rule_put(r);
}

static void parse_rejects(struct kunit *test)
{
	struct test_rule *t;

	/* Unknown list, obsolete entry list, unknown action. */
	expect_parse_error(test, new_rule(test, 9, AUDIT_ALWAYS), -EINVAL);
	expect_parse_error(test, new_rule(test, AUDIT_FILTER_ENTRY, AUDIT_ALWAYS), -EINVAL);
	expect_parse_error(test, new_rule(test, AUDIT_FILTER_EXIT, AUDIT_POSSIBLE), -EINVAL);

	/* Unknown field; bit tests on an id; no operator. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, 99, AUDIT_EQUAL, 1);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_UID, AUDIT_BIT_MASK, 1);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_PID, 0, 1);
	expect_parse_error(test, t, -EINVAL);

	/* Values out of range. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_PERM, AUDIT_EQUAL, 16);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_LOGINUID_SET, AUDIT_EQUAL, 2);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_ARCH, AUDIT_LESS_THAN, 0x1234);
	expect_parse_error(test, t, -EINVAL);

	/* A bad operator after a good field; a string field cut short. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_PID, AUDIT_EQUAL, 1);
	add_field(t, AUDIT_PID, 0x7, 1);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_SUBJ_SEN, AUDIT_EQUAL, 0xa0d17);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_SUBJ_USER, AUDIT_LESS_THAN, 3);
	expect_parse_error(test, t, -EINVAL);

	/* Fields on the wrong list. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_MSGTYPE, AUDIT_EQUAL, AUDIT_CWD);
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_USER, AUDIT_ALWAYS);
	add_field(t, AUDIT_ARG0, AUDIT_EQUAL, 1);
	expect_parse_error(test, t, -EINVAL);

	/* Strings: relative watch, lengths that do not add up, NULs. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_string(t, AUDIT_WATCH, AUDIT_EQUAL, "etc/passwd");
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_string(t, AUDIT_FILTERKEY, AUDIT_EQUAL, "k");
	t->d.buflen += 3;
	expect_parse_error(test, t, -EINVAL);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_string(t, AUDIT_FILTERKEY, AUDIT_EQUAL, "ab");
	t->buf[0] = '\0';
	expect_parse_error(test, t, -EINVAL);

	/* Too many fields, and a length shorter than the header. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	t->d.field_count = AUDIT_MAX_FIELDS + 1;
	expect_parse_error(test, t, -EINVAL);
	KUNIT_EXPECT_TRUE(test, IS_ERR(audit_rule_from_data(&t->d, 16)));
}

static void parse_legacy_unset_auid(struct kunit *test)
{
	struct test_rule *t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	struct audit_rule *r;

	add_field(t, AUDIT_LOGINUID, AUDIT_NOT_EQUAL, AUDIT_UID_UNSET);
	r = parse(test, t);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	KUNIT_EXPECT_EQ(test, r->fields[0].type, AUDIT_LOGINUID_SET);
	/* Listing still returns what was sent. */
	KUNIT_EXPECT_EQ(test, r->orig->fields[0], AUDIT_LOGINUID);
	audit_rule_put(r);
}

static void classes_and_perm(struct kunit *test)
{
	unsigned long args[4] = { AT_FDCWD, 0, O_RDONLY, 0 };
	u32 mask[AUDIT_BITMASK_SIZE] = {};
	unsigned int bit = AUDIT_SYSCALL_SLOTS - 1 - AUDIT_CLASS_WRITE;
	u32 native = syscall_get_arch(current);

	KUNIT_EXPECT_EQ(test, audit_syscall_perm(native, __NR_openat, args),
			AUDIT_PERM_READ);
	args[2] = O_WRONLY | O_CREAT;
	KUNIT_EXPECT_EQ(test, audit_syscall_perm(native, __NR_openat, args),
			AUDIT_PERM_WRITE);
	args[2] = O_RDWR;
	KUNIT_EXPECT_EQ(test, audit_syscall_perm(native, __NR_openat, args),
			AUDIT_PERM_READ | AUDIT_PERM_WRITE);
	KUNIT_EXPECT_EQ(test, audit_syscall_perm(native, __NR_execve, args),
			AUDIT_PERM_EXEC);
	KUNIT_EXPECT_TRUE(test, audit_syscall_perm(native, __NR_unlinkat, args) &
			  AUDIT_PERM_WRITE);
	KUNIT_EXPECT_TRUE(test, audit_syscall_perm(native, __NR_fchmod, args) &
			  AUDIT_PERM_ATTR);
	KUNIT_EXPECT_EQ(test, audit_syscall_perm(native, __NR_getppid, args), 0);

	/* A class bit stands for its syscalls. */
	mask[AUDIT_WORD(bit)] |= AUDIT_BIT(bit);
	audit_mask_expand_classes(mask);
	KUNIT_EXPECT_FALSE(test, mask[AUDIT_WORD(bit)] & AUDIT_BIT(bit));
	KUNIT_EXPECT_TRUE(test, mask[AUDIT_WORD(__NR_unlinkat)] &
			  AUDIT_BIT(__NR_unlinkat));
	KUNIT_EXPECT_FALSE(test, mask[AUDIT_WORD(__NR_getppid)] &
			   AUDIT_BIT(__NR_getppid));
}

static bool matches_current(struct kunit *test, struct test_rule *t)
{
	struct audit_rule *r = parse(test, t);
	struct audit_subject subj;
	bool m;

	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	rcu_read_lock();
	audit_subject_init(&subj, current, NULL, AUDIT_USER);
	m = audit_rule_match(r, &subj);
	rcu_read_unlock();
	audit_rule_put(r);
	return m;
}

static void match_task_fields(struct kunit *test)
{
	struct test_rule *t;
	u32 pid = task_tgid_nr(current);
	u32 uid = from_kuid(&init_user_ns, current_uid());

	t = new_rule(test, AUDIT_FILTER_USER, AUDIT_ALWAYS);
	add_field(t, AUDIT_PID, AUDIT_EQUAL, pid);
	add_field(t, AUDIT_UID, AUDIT_EQUAL, uid);
	add_field(t, AUDIT_MSGTYPE, AUDIT_EQUAL, AUDIT_USER);
	KUNIT_EXPECT_TRUE(test, matches_current(test, t));

	t = new_rule(test, AUDIT_FILTER_USER, AUDIT_ALWAYS);
	add_field(t, AUDIT_PID, AUDIT_NOT_EQUAL, pid);
	KUNIT_EXPECT_FALSE(test, matches_current(test, t));

	t = new_rule(test, AUDIT_FILTER_USER, AUDIT_ALWAYS);
	add_field(t, AUDIT_MSGTYPE, AUDIT_GREATER_THAN, AUDIT_USER);
	KUNIT_EXPECT_FALSE(test, matches_current(test, t));

	/* A key is a label, never a condition. */
	t = new_rule(test, AUDIT_FILTER_USER, AUDIT_ALWAYS);
	add_string(t, AUDIT_FILTERKEY, AUDIT_EQUAL, "label");
	KUNIT_EXPECT_TRUE(test, matches_current(test, t));

	/* Syscall fields never match outside a syscall. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_field(t, AUDIT_SUCCESS, AUDIT_EQUAL, 1);
	KUNIT_EXPECT_FALSE(test, matches_current(test, t));
}

/* A directory made for the test in the root filesystem of the moment. */
static struct dentry *make_dir(struct kunit *test, const char *name)
{
	struct path parent, p;
	struct dentry *d;
	int err;

	d = kern_path_create(AT_FDCWD, name, &parent, LOOKUP_DIRECTORY);
	KUNIT_ASSERT_FALSE(test, IS_ERR(d));
	err = vfs_mkdir(mnt_idmap(parent.mnt), d_inode(parent.dentry), d, 0700);
	done_path_create(&parent, d);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_EQ(test, kern_path(name, LOOKUP_DIRECTORY, &p), 0);
	d = dget(p.dentry);
	path_put(&p);
	return d;
}

static void remove_dir(const char *name)
{
	struct path parent;
	struct dentry *d = kern_path_locked(name, &parent);

	if (IS_ERR(d))
		return;
	vfs_rmdir(mnt_idmap(parent.mnt), d_inode(parent.dentry), d);
	inode_unlock(d_inode(parent.dentry));
	dput(d);
	path_put(&parent);
}

/* A name looked up but not (yet) there: a negative dentry under @parent. */
static struct dentry *fake_child(struct kunit *test, struct dentry *parent)
{
	struct dentry *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, d);
	d->d_parent = parent;
	return d;
}

static struct audit_rule *path_rule(struct kunit *test, u32 type, u32 op,
				    const char *path)
{
	struct test_rule *t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	struct audit_rule *r;

	memset(t->d.mask, 0xff, sizeof(t->d.mask));
	add_string(t, type, op, path);
	r = parse(test, t);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	return r;
}

/* How many identities of @set are found at and above @d. */
static unsigned int near_ids(const struct audit_watch_set *set,
			     const struct dentry *d, struct audit_inode_id *ids)
{
	unsigned int n;

	rcu_read_lock();
	n = audit_watch_set_collect(set, d, ids, AUDIT_NEAR_IDS);
	rcu_read_unlock();
	return n;
}

/* A name as audit_names.c captures it: in @dir, near @ids, called @last. */
static struct audit_name *test_name(struct kunit *test, struct dentry *dir,
				    const struct audit_inode_id *ids,
				    unsigned int nids, const char *last)
{
	struct audit_name *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, n);
	audit_inode_id_set(&n->parent, d_inode(dir));
	n->have_parent = true;
	n->near = kunit_kzalloc(test, struct_size(n->near, last,
						  strlen(last) + 1),
				GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, n->near);
	n->near->nids = nids;
	memcpy(n->near->ids, ids, nids * sizeof(*ids));
	memcpy(n->near->last, last, strlen(last) + 1);
	return n;
}

/*
 * The exit filter's watch set: a name is near a watch when its inode or an
 * ancestor is a directory (or object) an "=" path rule remembers; those
 * identities are collected when the name is reported, and the watches are
 * matched against them and the name's last component, with no dentry.
 */
static void watch_set_prefilter(struct kunit *test)
{
	struct dentry *w, *sub, *far, *root, *deep, *in_w, *in_far;
	struct audit_inode_id ids[AUDIT_NEAR_IDS], reused;
	struct audit_watch_set *set;
	struct audit_rule *rules[3];
	struct audit_name *n;
	unsigned int nids;
	struct path p;
	int i;

	w = make_dir(test, "/audit-kunit-w");
	sub = make_dir(test, "/audit-kunit-w/sub");
	far = make_dir(test, "/audit-kunit-far");
	KUNIT_ASSERT_EQ(test, kern_path("/", 0, &p), 0);
	root = dget(p.dentry);
	path_put(&p);

	rules[0] = path_rule(test, AUDIT_DIR, AUDIT_EQUAL, "/audit-kunit-w/sub");
	rules[1] = path_rule(test, AUDIT_WATCH, AUDIT_EQUAL, "/audit-kunit-w/f");
	rules[2] = path_rule(test, AUDIT_DIR, AUDIT_NOT_EQUAL, "/audit-kunit-far");

	/* Every path rule is in the set, "!=" ones too (they need it). */
	KUNIT_EXPECT_NULL(test, audit_watch_set_build(rules, 0));
	set = audit_watch_set_build(&rules[2], 1);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, set);
	KUNIT_EXPECT_EQ(test, near_ids(set, far, ids), 1);
	audit_watch_set_free(set);
	set = audit_watch_set_build(rules, 2);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, set);

	deep = fake_child(test, fake_child(test, sub));
	in_w = fake_child(test, w);
	in_far = fake_child(test, far);

	/* The watched directory, and a new name deep under it: sub and w. */
	KUNIT_EXPECT_EQ(test, near_ids(set, sub, ids), 2);
	KUNIT_EXPECT_EQ(test, near_ids(set, deep, ids), 2);
	/* A file not yet created in the directory of a file watch. */
	KUNIT_EXPECT_EQ(test, near_ids(set, in_w, ids), 1);
	/* Far from every "=" rule. */
	KUNIT_EXPECT_EQ(test, near_ids(set, far, ids), 0);
	KUNIT_EXPECT_EQ(test, near_ids(set, in_far, ids), 0);
	KUNIT_EXPECT_EQ(test, near_ids(set, root, ids), 0);
	/* The inode number of the watched directory, reused by a new inode. */
	audit_inode_id_set(&reused, d_inode(sub));
	KUNIT_EXPECT_TRUE(test, audit_watch_set_has(set, &reused));
	reused.gen++;
	KUNIT_EXPECT_FALSE(test, audit_watch_set_has(set, &reused));

	/* Matching from what was captured, with no dentry to follow. */
	nids = near_ids(set, deep, ids);
	n = test_name(test, root, ids, nids, "x");
	KUNIT_EXPECT_TRUE(test, audit_watch_match(rules[0]->watch, n));
	KUNIT_EXPECT_FALSE(test, audit_watch_match(rules[1]->watch, n));
	nids = near_ids(set, in_w, ids);
	n = test_name(test, w, ids, nids, "f");
	KUNIT_EXPECT_TRUE(test, audit_watch_match(rules[1]->watch, n));
	KUNIT_EXPECT_FALSE(test, audit_watch_match(rules[0]->watch, n));
	n = test_name(test, w, ids, nids, "g");
	KUNIT_EXPECT_FALSE(test, audit_watch_match(rules[1]->watch, n));
	n = test_name(test, far, ids, 0, "f");
	KUNIT_EXPECT_FALSE(test, audit_watch_match(rules[1]->watch, n));

	audit_watch_set_free(set);
	for (i = 0; i < 3; i++)
		audit_rule_put(rules[i]);
	dput(root);
	dput(far);
	dput(sub);
	dput(w);
	remove_dir("/audit-kunit-far");
	remove_dir("/audit-kunit-w/sub");
	remove_dir("/audit-kunit-w");
}

/*
 * Path rules hold their directory through one fsnotify mark per directory,
 * shared by the rules watching it and released with the last of them.
 * Removing the directory flags its rules gone (the work that then takes
 * them off the lists is tested in tests/integration/watch-removed.sh);
 * no rule can be put on a directory already removed, and a rule refused
 * after its watch was set up keeps nothing.
 */
static void watch_dir_goes(struct kunit *test)
{
	unsigned int before = audit_dirs_watched();
	struct audit_rule *rules[3];
	struct dentry *gone, *stays;
	struct audit_dir *dead;
	struct test_rule *t;
	int i;

	gone = make_dir(test, "/audit-kunit-gone");
	stays = make_dir(test, "/audit-kunit-stays");
	rules[0] = path_rule(test, AUDIT_DIR, AUDIT_EQUAL, "/audit-kunit-gone");
	rules[1] = path_rule(test, AUDIT_WATCH, AUDIT_EQUAL,
			     "/audit-kunit-gone/f");
	rules[2] = path_rule(test, AUDIT_WATCH, AUDIT_EQUAL,
			     "/audit-kunit-stays/f");
	/* Three rules, two directories. */
	KUNIT_EXPECT_EQ(test, audit_dirs_watched(), before + 2);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_FALSE(test, audit_watch_gone(rules[i]));

	/* A missing directory, or a bad field after the path: nothing kept. */
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_string(t, AUDIT_WATCH, AUDIT_EQUAL, "/audit-kunit-none/x");
	expect_parse_error(test, t, -ENOENT);
	t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);
	add_string(t, AUDIT_DIR, AUDIT_EQUAL, "/");
	add_field(t, AUDIT_PERM, AUDIT_EQUAL, 16);
	expect_parse_error(test, t, -EINVAL);
	KUNIT_EXPECT_EQ(test, audit_dirs_watched(), before + 2);

	/*
	 * Removed while we still hold its dentry: no new watch can start
	 * on it, and its rules go once the last reference does.
	 */
	remove_dir("/audit-kunit-gone");
	dead = audit_dir_get(gone);
	KUNIT_EXPECT_TRUE(test, IS_ERR(dead));
	if (IS_ERR(dead))
		KUNIT_EXPECT_EQ(test, PTR_ERR(dead), -ENOENT);
	else
		audit_dir_put(dead);
	dput(gone);
	/*
	 * The directory rule's copy of the mounts below it (its
	 * collect_mounts()) is put by delayed_mntput in a kernel thread
	 * such as this one, a tick later: the directory goes then.
	 */
	for (i = 0; i < 100 && !audit_watch_gone(rules[0]); i++)
		msleep(20);
	KUNIT_EXPECT_TRUE(test, audit_watch_gone(rules[0]));
	KUNIT_EXPECT_TRUE(test, audit_watch_gone(rules[1]));
	KUNIT_EXPECT_FALSE(test, audit_watch_gone(rules[2]));

	for (i = 0; i < 3; i++)
		audit_rule_put(rules[i]);
	KUNIT_EXPECT_EQ(test, audit_dirs_watched(), before);
	dput(stays);
	remove_dir("/audit-kunit-stays");
}

/* ---- the ruleset: its index and the exit filter's merge ---- */

/* A rule on the exit list, in position @order, kept on @lists. */
static struct audit_rule *exit_rule(struct kunit *test, struct test_rule *t,
				    s64 order, struct list_head *lists)
{
	struct list_head *pos = &lists[AUDIT_FILTER_EXIT];
	struct audit_rule *r = parse(test, t), *o;

	KUNIT_ASSERT_FALSE(test, IS_ERR(r));
	r->order = order;
	/* The master lists are in rule order: insert by it. */
	list_for_each_entry(o, &lists[AUDIT_FILTER_EXIT], list) {
		if (o->order > order) {
			pos = &o->list;
			break;
		}
	}
	list_add_tail(&r->list, pos);
	return r;
}

static struct test_rule *on_syscall(struct kunit *test, int nr)
{
	struct test_rule *t = new_rule(test, AUDIT_FILTER_EXIT, AUDIT_ALWAYS);

	if (nr < 0)
		memset(t->d.mask, 0xff, sizeof(t->d.mask));
	else
		t->d.mask[AUDIT_WORD(nr)] |= AUDIT_BIT(nr);
	return t;
}

/* The first exit rule, in rule order, for the current task in syscall @nr. */
static struct audit_rule *first_exit(struct kunit *test,
				     struct audit_ruleset *rs, int nr)
{
	struct audit_syscall *sc = kunit_kzalloc(test, sizeof(*sc), GFP_KERNEL);
	struct audit_subject subj;
	struct audit_rule *r;

	KUNIT_ASSERT_NOT_NULL(test, sc);
	sc->major = nr;
	sc->arch = syscall_get_arch(current);
	rcu_read_lock();
	audit_subject_init(&subj, current, sc, 0);
	r = audit_ruleset_exit_in(rs, &subj);
	rcu_read_unlock();
	return r;
}

static void ruleset_merge_order(struct kunit *test)
{
	struct list_head lists[AUDIT_NR_FILTERS];
	u32 uid = from_kuid(&init_user_ns, current_uid());
	u32 pid = task_tgid_nr(current);
	struct audit_rule *plain, *keyed, *other, *any, *first;
	struct audit_ruleset *rs;
	struct test_rule *t;
	int i;

	for (i = 0; i < AUDIT_NR_FILTERS; i++)
		INIT_LIST_HEAD(&lists[i]);
	/* In rule order: another uid's rule, keyed, plain, every syscall. */
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_UID, AUDIT_EQUAL, uid + 1);
	other = exit_rule(test, t, 1, lists);
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_UID, AUDIT_EQUAL, uid);
	keyed = exit_rule(test, t, 2, lists);
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_PPID, AUDIT_GREATER_THAN_OR_EQUAL, 0);
	plain = exit_rule(test, t, 3, lists);
	t = on_syscall(test, -1);
	add_string(t, AUDIT_FILTERKEY, AUDIT_EQUAL, "any");
	any = exit_rule(test, t, 4, lists);

	rs = audit_ruleset_build(lists);
	KUNIT_ASSERT_NOT_NULL(test, rs);
	/* Another uid's rule is never a candidate; the keyed one comes first. */
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getppid), keyed);
	/* A syscall no rule names: only the rule on every syscall. */
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getpid), any);
	audit_ruleset_free(rs);

	/* Prepended (a lower order), keyed by pid: first of all. */
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_PID, AUDIT_EQUAL, pid);
	first = exit_rule(test, t, -1, lists);
	rs = audit_ruleset_build(lists);
	KUNIT_ASSERT_NOT_NULL(test, rs);
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getppid), first);
	audit_ruleset_free(rs);

	/* Without the keyed rules, the plain one comes before "any". */
	list_del(&first->list);
	list_del(&keyed->list);
	rs = audit_ruleset_build(lists);
	KUNIT_ASSERT_NOT_NULL(test, rs);
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getppid), plain);
	audit_ruleset_free(rs);
	/* And "any" before a plain rule that comes after it. */
	list_del(&plain->list);
	plain->order = 5;
	list_add_tail(&plain->list, &lists[AUDIT_FILTER_EXIT]);
	rs = audit_ruleset_build(lists);
	KUNIT_ASSERT_NOT_NULL(test, rs);
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getppid), any);
	audit_ruleset_free(rs);

	audit_rule_put(first);
	audit_rule_put(keyed);
	audit_rule_put(plain);
	audit_rule_put(other);
	audit_rule_put(any);
}

/* An edited snapshot finds, for each syscall, what a built one finds. */
static void expect_as_built(struct kunit *test, struct audit_ruleset *rs,
			    struct list_head *lists)
{
	static const int nrs[] = { __NR_getppid, __NR_getpid, __NR_getuid,
				   __NR_execve };
	struct audit_ruleset *built = audit_ruleset_build(lists);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, built);
	for (i = 0; i < ARRAY_SIZE(nrs); i++)
		KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, nrs[i]),
				    first_exit(test, built, nrs[i]));
	audit_ruleset_free(built);
}

static struct audit_ruleset *edit(struct kunit *test, struct audit_ruleset *rs,
				  struct audit_rule *r, bool add)
{
	struct audit_ruleset *next = audit_ruleset_changed(rs, r, add);

	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(next));
	return next;
}

/*
 * Rules added (appended and prepended) and deleted one at a time, as
 * auditctl does: the edited snapshot agrees with one built from the
 * lists at every step, and is empty at the end.
 */
static void ruleset_edit_matches_build(struct kunit *test)
{
	struct list_head lists[AUDIT_NR_FILTERS];
	u32 uid = from_kuid(&init_user_ns, current_uid());
	struct audit_rule *r[7];
	struct audit_ruleset *rs = NULL;
	static const int gone[] = { 0, 4, 2, 6, 1, 5, 3 };
	struct test_rule *t;
	unsigned int i;

	for (i = 0; i < AUDIT_NR_FILTERS; i++)
		INIT_LIST_HEAD(&lists[i]);
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_UID, AUDIT_EQUAL, uid);
	r[0] = exit_rule(test, t, 1, lists);
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_PPID, AUDIT_GREATER_THAN_OR_EQUAL, 0);
	r[1] = exit_rule(test, t, 2, lists);
	t = on_syscall(test, -1);
	add_string(t, AUDIT_FILTERKEY, AUDIT_EQUAL, "any");
	r[2] = exit_rule(test, t, 3, lists);
	t = on_syscall(test, __NR_getppid);
	t->d.mask[AUDIT_WORD(__NR_getpid)] |= AUDIT_BIT(__NR_getpid);
	add_field(t, AUDIT_UID, AUDIT_EQUAL, uid + 1);
	r[3] = exit_rule(test, t, 4, lists);
	t = on_syscall(test, __NR_getpid);
	add_field(t, AUDIT_EUID, AUDIT_EQUAL,
		  from_kuid(&init_user_ns, current_euid()));
	r[4] = exit_rule(test, t, -1, lists);
	t = on_syscall(test, -1);
	add_field(t, AUDIT_PERM, AUDIT_EQUAL, AUDIT_PERM_EXEC);
	r[5] = exit_rule(test, t, 5, lists);
	t = on_syscall(test, __NR_getppid);
	add_field(t, AUDIT_PID, AUDIT_EQUAL, task_tgid_nr(current));
	r[6] = exit_rule(test, t, -2, lists);

	/* Added in the order they were "typed"; the lists hold them all. */
	for (i = 0; i < ARRAY_SIZE(r); i++) {
		rs = edit(test, rs, r[i], true);
		KUNIT_EXPECT_NOT_NULL(test, first_exit(test, rs, __NR_getppid));
	}
	expect_as_built(test, rs, lists);
	/* The prepended pid rule is first; euid's first for getpid. */
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getppid), r[6]);
	KUNIT_EXPECT_PTR_EQ(test, first_exit(test, rs, __NR_getpid), r[4]);

	for (i = 0; i < ARRAY_SIZE(gone); i++) {
		rs = edit(test, rs, r[gone[i]], false);
		list_del_init(&r[gone[i]]->list);
		expect_as_built(test, rs, lists);
	}
	KUNIT_EXPECT_NULL(test, first_exit(test, rs, __NR_getppid));
	KUNIT_EXPECT_NULL(test, first_exit(test, rs, __NR_execve));
	audit_ruleset_free(rs);
	for (i = 0; i < ARRAY_SIZE(r); i++)
		audit_rule_put(r[i]);
}

static struct kunit_case audit_match_cases[] = {
	KUNIT_CASE(match_operators),
	KUNIT_CASE(field_table_matrix),
	KUNIT_CASE(parse_good_rule),
	KUNIT_CASE(parse_rejects),
	KUNIT_CASE(parse_legacy_unset_auid),
	KUNIT_CASE(classes_and_perm),
	KUNIT_CASE(match_task_fields),
	KUNIT_CASE(watch_set_prefilter),
	KUNIT_CASE(watch_dir_goes),
	KUNIT_CASE(ruleset_merge_order),
	KUNIT_CASE(ruleset_edit_matches_build),
	{}
};

static struct kunit_suite audit_match_suite = {
	.name = "audit_match",
	.test_cases = audit_match_cases,
};

kunit_test_suite(audit_match_suite);

MODULE_LICENSE("GPL");
