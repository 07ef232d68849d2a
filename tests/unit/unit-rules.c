// SPDX-License-Identifier: GPL-2.0
/*
 * Rules: auditctl words -> struct audit_rule_data -> 'auditctl -l' text,
 * the name tables, and the errors bad input must get.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit-lib.h"
#include "cmd.h"
#include "unit.h"

static struct cmd cmd;
static struct al_err err;

/* Parses "auditctl LINE"; on success formats the rule into OUT. */
static int parse_line(const char *line, char *out, size_t outlen)
{
	static char buf[16384];	/* cmd points into it */
	char *argv[300];
	int n;

	snprintf(buf, sizeof(buf), "%s", line);
	argv[0] = "auditctl";
	err.msg[0] = '\0';
	n = al_split_words(buf, argv + 1, 298, &err);
	if (n < 0 || cmd_parse(n + 1, argv, &cmd, &err) < 0)
		return -1;
	if (out)
		al_rule_format(&cmd.rule.u.d, out, outlen);
	return 0;
}

/* LINE must encode and list back as WANT. */
static void round_trip(const char *line, const char *want)
{
	char out[16384];
	struct al_err e;
	const struct audit_rule_data *d = &cmd.rule.u.d;

	if (parse_line(line, out, sizeof(out)) < 0) {
		printf("FAIL: '%s' refused: %s\n", line, err.msg);
		unit_failures++;
		return;
	}
	CHECK(cmd.rule_op != 0);
	CHECK(al_rule_check(d, al_rule_size(d), &e) == 0);
	CHECK_STR(out, want);
}

/* LINE must be refused with a message containing WANT. */
static void refused(const char *line, const char *want)
{
	int rc = parse_line(line, NULL, 0);

	CHECK(rc < 0);
	if (rc < 0)
		CHECK_HAS(err.msg, want);
	else
		printf("     (accepted: '%s')\n", line);
}

static void test_tables(void)
{
	CHECK(al_syscall_num(AUDIT_ARCH_X86_64, "openat") == 257);
	CHECK(al_syscall_num(AUDIT_ARCH_X86_64, "read") == 0);
	CHECK_STR(al_syscall_name(AUDIT_ARCH_X86_64, 59), "execve");
	CHECK_STR(al_syscall_name(AUDIT_ARCH_I386, 5), "open");
	CHECK(al_syscall_num(AUDIT_ARCH_I386, "socketcall") == 102);
	CHECK(al_syscall_name(AUDIT_ARCH_X86_64, 1999) == NULL);
	CHECK(al_syscall_num(AUDIT_ARCH_X86_64, "nosuchcall") < 0);
	CHECK(al_errno_num("EPERM") == 1);
	CHECK(al_errno_num("EACCES") == 13);
	CHECK_STR(al_errno_name(2), "ENOENT");
	CHECK(al_errno_name(0) == NULL);
	CHECK_STR(al_type_name(1300), "SYSCALL");
	CHECK_STR(al_type_name(1005), "USER");
	CHECK_STR(al_type_name(1305), "CONFIG_CHANGE");
	CHECK_STR(al_type_name(1200), "DAEMON_START");
	CHECK_STR(al_type_name(1205), "DAEMON_ROTATE");
	CHECK_STR(al_type_name(1100), "USER_AUTH");
	CHECK_STR(al_type_name(1400), "AVC");
	CHECK(al_type_name(1000) == NULL);	/* a request, not a record */
	CHECK(al_type_name(1320) != NULL);
	CHECK(al_type_name(9999) == NULL);
	CHECK(al_type_num("PATH") == 1302);
	CHECK(al_type_num("1302") == 1302);
	CHECK(al_type_num("NOT_A_TYPE") < 0);
	CHECK(al_list_num("exit") == AUDIT_FILTER_EXIT);
	CHECK(al_action_num("never") == AUDIT_NEVER);
	CHECK(al_op_parse("<=") == AUDIT_LESS_THAN_OR_EQUAL);
	CHECK(al_op_parse("&=") == AUDIT_BIT_TEST);
	CHECK(al_op_parse("=<") == 0);
	CHECK(al_arch_parse("b32") == AUDIT_ARCH_I386);
	CHECK(al_arch_parse("sparc") == 0);
	CHECK(al_compares_len == 25);
}

static void test_parsers(void)
{
	long long v;
	char line[] = "  -a  \"always,exit\"   -k \"two words\" ";
	char open_quote[] = "-k \"open";
	char many[600];
	char *argv[8];

	CHECK(al_parse_ll("42", 0, 100, &v) == 0 && v == 42);
	CHECK(al_parse_ll("0x10", 0, 100, &v) == 0 && v == 16);
	CHECK(al_parse_ll("-1", -1, 0, &v) == 0 && v == -1);
	CHECK(al_parse_ll("101", 0, 100, &v) < 0);
	CHECK(al_parse_ll("4294967296", 0, UINT32_MAX, &v) < 0);
	CHECK(al_parse_ll("99999999999999999999999", 0, UINT32_MAX, &v) < 0);
	CHECK(al_parse_ll("12abc", 0, 100, &v) < 0);
	CHECK(al_parse_ll("", 0, 100, &v) < 0);
	CHECK(al_parse_ll(" 1", 0, 100, &v) < 0);
	CHECK(al_split_words(line, argv, 8, &err) == 4);
	CHECK_STR(argv[1], "always,exit");
	CHECK_STR(argv[3], "two words");
	CHECK(al_split_words(open_quote, argv, 8, &err) < 0);
	CHECK_HAS(err.msg, "quote");
	memset(many, 0, sizeof(many));
	for (int i = 0; i < 20; i++)
		strcat(many, "w ");
	CHECK(al_split_words(many, argv, 8, &err) < 0);
}

static void test_round_trips(void)
{
	round_trip("-a always,exit -F arch=b64 -S openat,open -F auid>=1000 -F auid!=unset -k foo",
		   "-a always,exit -F arch=b64 -S open,openat -F auid>=1000 -F auid!=-1 -F key=foo");
	round_trip("-a exit,always -F arch=b64 -S open -S openat -F key=foo",
		   "-a always,exit -F arch=b64 -S open,openat -F key=foo");
	round_trip("-A never,exit -S all -F pid=1005",
		   "-a never,exit -S all -F pid=1005");
	round_trip("-a always,exit -F uid=0",
		   "-a always,exit -S all -F uid=0");
	round_trip("-a always,exit -F arch=b32 -S socketcall -F a0=2",
		   "-a always,exit -F arch=b32 -S socketcall -F a0=0x2");
	round_trip("-a always,exit -F arch=b64 -S socket -F a0=0x10 -F a1&=0x3",
		   "-a always,exit -F arch=b64 -S socket -F a0=0x10 -F a1&=0x3");
	round_trip("-a always,exit -F arch=b64 -S openat -F exit=-EACCES -k denied",
		   "-a always,exit -F arch=b64 -S openat -F exit=-EACCES -F key=denied");
	round_trip("-a always,exit -F arch=b64 -S openat -F exit=-13",
		   "-a always,exit -F arch=b64 -S openat -F exit=-EACCES");
	round_trip("-a always,exit -F arch=b64 -S 2 -S 257",
		   "-a always,exit -F arch=b64 -S open,openat");
	round_trip("-a always,exclude -F msgtype=CWD",
		   "-a always,exclude -F msgtype=CWD");
	round_trip("-a never,user -F uid!=0 -F gid=0",
		   "-a never,user -F uid!=0 -F gid=0");
	round_trip("-a always,exit -F dir=/home/ -F uid=0 -C auid!=obj_uid",
		   "-a always,exit -S all -F dir=/home/ -F uid=0 -C auid!=obj_uid");
	round_trip("-a always,exit -F path=/etc/shadow -F perm=wa",
		   "-w /etc/shadow -p wa");
	round_trip("-w /etc/passwd -p wa -k passwd -k identity",
		   "-w /etc/passwd -p wa -k passwd -k identity");
	round_trip("-w /nonexistent/file", "-w /nonexistent/file -p rwxa");
	round_trip("-a always,exit -F arch=b64 -S chmod -F filetype=dir -F success=0",
		   "-a always,exit -F arch=b64 -S chmod -F filetype=dir -F success=0");
	round_trip("-a always,exit -F exe=/usr/bin/ls -F key=ls",
		   "-a always,exit -S all -F exe=/usr/bin/ls -F key=ls");
	round_trip("-a never,filesystem -F fstype=tracefs",
		   "-a never,filesystem -F fstype=tracefs");
	round_trip("-a always,task -F uid=root", "-a always,task -F uid=0");
	round_trip("-d always,exit -F arch=b64 -S execve",
		   "-a always,exit -F arch=b64 -S execve");
	CHECK(cmd.rule_op == AUDIT_DEL_RULE);
	round_trip("-W /etc/passwd -p wa", "-w /etc/passwd -p wa");
	CHECK(cmd.rule_op == AUDIT_DEL_RULE);

	/* a directory becomes a dir watch */
	CHECK(parse_line("-w /tmp -p w", NULL, 0) == 0);
	CHECK(cmd.rule.u.d.fields[0] == AUDIT_DIR);

	/* the encoding itself */
	CHECK(parse_line("-A always,exit -F arch=b64 -S openat -F uid=7 -k k1", NULL, 0) == 0);
	{
		const struct audit_rule_data *d = &cmd.rule.u.d;

		CHECK(d->flags == (AUDIT_FILTER_EXIT | AUDIT_FILTER_PREPEND));
		CHECK(d->action == AUDIT_ALWAYS);
		CHECK(d->field_count == 3);
		CHECK(d->fields[0] == AUDIT_ARCH && d->values[0] == AUDIT_ARCH_X86_64);
		CHECK(d->fields[1] == AUDIT_UID && d->values[1] == 7 &&
		      d->fieldflags[1] == AUDIT_EQUAL);
		CHECK(d->fields[2] == AUDIT_FILTERKEY && d->values[2] == 2);
		CHECK(d->buflen == 2 && memcmp(d->buf, "k1", 2) == 0);
		CHECK(d->mask[AUDIT_WORD(257)] == AUDIT_BIT(257));
		CHECK(al_rule_size(d) == sizeof(*d) + 2);
		CHECK(al_rule_has_key(d, "k1"));
		CHECK(!al_rule_has_key(d, "k"));
	}
	CHECK(parse_line("-w /etc/x -k one -k two", NULL, 0) == 0);
	CHECK(al_rule_has_key(&cmd.rule.u.d, "two"));
	CHECK(al_rule_has_key(&cmd.rule.u.d, "one"));
	CHECK(!al_rule_has_key(&cmd.rule.u.d, "one\001two"));
}

static void test_bad_rules(void)
{
	char line[12000];
	char *p;

	refused("-a always,exit -F nosuch=1", "unknown field 'nosuch'");
	refused("-a always,exit -F uid~1", "want name, operator, value");
	refused("-a always,exit -F uid=<1", "unknown operator");
	refused("-a always,exit -F uid=", "no value");
	refused("-a always,exit -F =1", "want name");
	refused("-a always,exit -F uid=4294967296", "not an id from 0 to 4294967295");
	refused("-a always,exit -F uid=nosuchuser_xyz", "unknown user 'nosuchuser_xyz'");
	refused("-a always,exit -F gid=nosuchgroup_xyz", "unknown group");
	refused("-a always,exit -F pid=99999999999", "not a number");
	refused("-a always,exit -F inode=-1", "not a number");
	refused("-a always,exit -F devmajor=abc", "not a number");
	refused("-a always,exclude -F msgtype=NOT_A_TYPE", "unknown record type");
	refused("-a always,exit -F arch=sparc", "unknown arch");
	refused("-a always,exit -F arch>b64", "takes only = and !=");
	refused("-a always,exit -S open -F arch=b32", "must come before -S");
	refused("-a always,exit -S nosuchcall", "unknown syscall 'nosuchcall'");
	refused("-a always,exit -S 5000", "unknown syscall");
	refused("-a always,exit -S open,", "bad syscall list");
	refused("-a always,exit -S ,open", "bad syscall list");
	refused("-a always,exit -F filetype=pipe", "unknown file type");
	refused("-a always,exit -F perm=rwq", "rwxa");
	refused("-w /etc/passwd -p rr", "rwxa");
	refused("-a always,exit -F path=relative", "absolute");
	refused("-w relative/path", "absolute");
	refused("-w /", "top directory");
	refused("-w /etc/*.conf", "wildcards");
	refused("-w /etc/passwd -S open", "takes only -p and -k");
	refused("-p wa", "need -a");
	refused("-a always,exit -p wa", "-p needs -w");
	refused("-a always", "list,action");
	refused("-a sometimes,exit", "no action");
	refused("-a always,nowhere", "no list");
	refused("-a always,entry", "entry list");
	refused("-a always,exit -a always,exit", "one rule");
	refused("-a always,user -S open", "exit list");
	refused("-a always,task -F exit=1", "only valid on the exit list");
	refused("-a always,exit -F key!=x", "only =");
	refused("-a always,exit -C auid=pid", "cannot be compared");
	refused("-a always,exit -C auid<obj_uid", "want field=field");
	refused("-a always,exit extra", "unexpected argument");
	refused("-e 3", "-e 3");
	refused("-f -1", "-f -1");
	refused("-r lots", "-r lots");
	refused("-b 4294967296", "-b 4294967296");
	refused("--backlog_wait_time 600001", "--backlog_wait_time 600001");
	refused("-Z", "unknown option");
	refused("-q", "-q: needs a value");
	refused("-q /mnt", "-q /mnt: expected two paths, <dir>,<subtree>");
	refused("-q /mnt,", "-q /mnt,: expected two paths");
	refused("-q ,/b", "-q ,/b: expected two paths");
	refused("-q /a,/b,/c", "-q /a,/b,/c: expected two paths");
	/* -q and -t are actions of their own */
	CHECK(parse_line("-q /mnt,/srv/data", NULL, 0) == 0);
	CHECK(cmd.nacts == 1 && cmd.acts[0].kind == ACT_MAKE_EQUIV);
	CHECK_STR(cmd.acts[0].arg, "/mnt,/srv/data");
	CHECK(parse_line("--signal state", NULL, 0) == 0);
	CHECK(cmd.nacts == 1 && cmd.acts[0].kind == ACT_SIGNAL &&
	      cmd.acts[0].value == SIGCONT);
	CHECK(parse_line("--signal SIGHUP", NULL, 0) == 0 && cmd.acts[0].value == SIGHUP);
	CHECK(parse_line("--signal usr1", NULL, 0) == 0 && cmd.acts[0].value == SIGUSR1);
	refused("--signal KILL", "--signal KILL: want stop, reload, rotate, resume or state");
	CHECK(parse_line("-t", NULL, 0) == 0);
	CHECK(cmd.nacts == 1 && cmd.acts[0].kind == ACT_TRIM);
	refused("-e", "needs a value");

	/* over-long keys and paths */
	memset(line, 0, sizeof(line));
	strcpy(line, "-a always,exit -k ");
	memset(line + strlen(line), 'k', 257);
	refused(line, "exceed 256 bytes");
	strcpy(line, "-w /etc/passwd");
	for (int i = 0; i < 40; i++)
		strcat(line, " -k keykey");
	refused(line, "exceed 256 bytes");
	strcpy(line, "-w /");
	p = line + strlen(line);
	memset(p, 'p', 5000);
	p[5000] = '\0';
	refused(line, "longer than");
	strcpy(line, "-a always,exit -F path=/");
	p = line + strlen(line);
	memset(p, 'p', 5000);
	p[5000] = '\0';
	refused(line, "longer than");
	strcpy(line, "-a always,exit -F subj_user=");
	p = line + strlen(line);
	memset(p, 's', 300);
	p[300] = '\0';
	refused(line, "longer than");

	/* too many fields */
	strcpy(line, "-a always,exit");
	for (int i = 0; i < 65; i++)
		strcat(line, " -F uid=1");
	refused(line, "more than 64 fields");
	/* 64 fit */
	strcpy(line, "-a always,exit");
	for (int i = 0; i < 64; i++)
		strcat(line, " -F uid=1");
	CHECK(parse_line(line, NULL, 0) == 0);
}

/* What the kernel might send back must be checked before it is read. */
static void test_bad_rule_data(void)
{
	struct al_rule r;
	struct audit_rule_data *d = &r.u.d;
	struct al_err e;

	al_rule_init(&r);
	CHECK(al_rule_check(d, sizeof(*d) - 1, &e) < 0);
	d->field_count = 65;
	CHECK(al_rule_check(d, sizeof(*d), &e) < 0);
	d->field_count = 1;
	d->fields[0] = AUDIT_WATCH;
	d->values[0] = 10;
	d->buflen = 5;
	CHECK(al_rule_check(d, sizeof(*d) + 5, &e) < 0);	/* string > buflen */
	d->buflen = 100;
	CHECK(al_rule_check(d, sizeof(*d) + 5, &e) < 0);	/* buflen > message */
	d->values[0] = 5;
	d->buflen = 5;
	memcpy(d->buf, "/etc/", 5);
	CHECK(al_rule_check(d, sizeof(*d) + 5, &e) == 0);
}

int main(void)
{
	test_tables();
	test_parsers();
	test_round_trips();
	test_bad_rules();
	test_bad_rule_data();
	return unit_done("unit-rules");
}
