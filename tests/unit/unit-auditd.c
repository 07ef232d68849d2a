// SPDX-License-Identifier: GPL-2.0
/*
 * auditd's parts outside the daemon: auditd.conf parsing (good and bad
 * lines), record formatting (RAW, ENRICHED, node names), the log
 * (batching, size limit, rotation with num_logs, keep_logs, suspend,
 * space actions, reconfiguration), the disk policy on its own (which
 * action each condition selects, and how often) and spawn().
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "auditd.h"
#include "unit.h"

static struct auditd_conf conf;
static struct al_err err;

static int load(const char *text)
{
	char buf[8192];

	snprintf(buf, sizeof(buf), "%s", text);
	err.msg[0] = '\0';
	return conf_load_text("test.conf", buf, &conf, &err);
}

static void bad_conf(const char *text, const char *want)
{
	int rc = load(text);

	CHECK(rc < 0);
	if (rc < 0)
		CHECK_HAS(err.msg, want);
	else
		printf("     (accepted: '%s')\n", text);
}

/* Debian's shipped auditd.conf loads. */
static const char debian_conf[] =
	"#\n# This file controls the configuration of the audit daemon\n#\n\n"
	"local_events = yes\nwrite_logs = yes\nlog_file = /var/log/audit/audit.log\n"
	"log_group = adm\nlog_format = ENRICHED\nflush = INCREMENTAL_ASYNC\n"
	"freq = 50\nmax_log_file = 8\nnum_logs = 5\npriority_boost = 4\n"
	"name_format = NONE\n##name = mydomain\nmax_log_file_action = ROTATE\n"
	"space_left = 75\nspace_left_action = SYSLOG\nverify_email = yes\n"
	"action_mail_acct = root\nadmin_space_left = 50\n"
	"admin_space_left_action = SUSPEND\ndisk_full_action = SUSPEND\n"
	"disk_error_action = SUSPEND\nuse_libwrap = yes\n##tcp_listen_port = 60\n"
	"tcp_listen_queue = 5\ntcp_max_per_addr = 1\n##tcp_client_ports = 1024-65535\n"
	"tcp_client_max_idle = 0\ntransport = TCP\nkrb5_principal = auditd\n"
	"##krb5_key_file = /etc/audit/audit.key\ndistribute_network = no\n"
	"q_depth = 2000\noverflow_action = SYSLOG\nmax_restarts = 10\n"
	"plugin_dir = /etc/audit/plugins.d\nend_of_event_timeout = 2\n";

static void test_conf(void)
{
	CHECK(load(debian_conf) == 0);
	CHECK_STR(conf.log_file, "/var/log/audit/audit.log");
	CHECK(conf.num_logs == 5 && conf.max_log_file == 8 && conf.freq == 50);
	CHECK(conf.flush == FLUSH_INCREMENTAL_ASYNC);
	CHECK(conf.log_format == FORMAT_ENRICHED);
	CHECK(conf.max_log_file_action.action == DA_ROTATE);
	CHECK(conf.admin_space_left_action.action == DA_SUSPEND);

	/* the sample installed as /etc/audit/auditd.conf */
	CHECK(conf_load(AUDIT_TOP "/auditd/auditd.conf", &conf, &err) == 0);
	CHECK(conf.num_logs == 5);

	CHECK(load("") == 0);		/* defaults */
	CHECK(conf.write_logs && conf.flush == FLUSH_INCREMENTAL_ASYNC);
	CHECK(load("log_format = raw\nflush = Data\nspace_left = 5%\n"
		   "admin_space_left = 2%\nspace_left_action = exec /bin/true\n"
		   "max_log_file_action = keep_logs\nname_format = user\nname = box1\n") == 0);
	CHECK(conf.log_format == FORMAT_RAW && conf.flush == FLUSH_DATA);
	CHECK(conf.space_left == 5 && conf.space_left_pct);
	CHECK(conf.space_left_action.action == DA_EXEC);
	CHECK_STR(conf.space_left_action.exe, "/bin/true");
	CHECK(conf.max_log_file_action.action == DA_KEEP_LOGS);
	CHECK(conf.name_format == NAME_USER);
	CHECK_STR(conf.name, "box1");
	CHECK(load("  freq=7  \n\t# indented comment\n") == 0 && conf.freq == 7);
	/* the dispatcher's keys, Debian's values first */
	CHECK(load(debian_conf) == 0);
	CHECK(conf.q_depth == 2000 && conf.overflow_action == OV_SYSLOG);
	CHECK(conf.max_restarts == 10);
	CHECK_STR(conf.plugin_dir, "/etc/audit/plugins.d");
	CHECK(load("q_depth = 5\noverflow_action = Suspend\nmax_restarts = 0\n"
		   "plugin_dir = /tmp/p\n") == 0);
	CHECK(conf.q_depth == 5 && conf.overflow_action == OV_SUSPEND);
	CHECK(conf.max_restarts == 0);
	CHECK_STR(conf.plugin_dir, "/tmp/p");

	bad_conf("log_file\n", "test.conf:1: no '='");
	bad_conf("freq = 1\n= 5\n", "test.conf:2: no option name");
	bad_conf("freq =\n", "no value for 'freq'");
	bad_conf("\n\nno_such_option = 1\n", "test.conf:3: unknown keyword 'no_such_option'");
	bad_conf("two words = 1\n", "is not an option name");
	bad_conf("num_logs = 1000\n", "num_logs: '1000' is not a number from 0 to 999");
	bad_conf("freq = -1\n", "freq");
	bad_conf("max_log_file = 8MB\n", "max_log_file");
	bad_conf("flush = sometimes\n", "unknown mode 'sometimes'");
	bad_conf("log_format = xml\n", "neither RAW nor ENRICHED");
	bad_conf("write_logs = maybe\n", "neither yes nor no");
	bad_conf("log_file = relative/audit.log\n", "absolute");
	bad_conf("log_group = no_such_group_xyz\n", "unknown group");
	bad_conf("space_left = 150%\n", "percentage");
	bad_conf("space_left = 0%\n", "percentage");
	bad_conf("space_left = 10\nadmin_space_left = 20\n", "above space_left");
	bad_conf("max_log_file_action = halt\n", "not an action it can take");
	bad_conf("disk_full_action = email\n", "not an action it can take");
	bad_conf("disk_error_action = rotate\n", "not an action it can take");
	bad_conf("space_left_action = exec\n", "absolute path");
	bad_conf("space_left_action = exec relative.sh\n", "absolute path");
	bad_conf("space_left_action = syslog now\n", "takes no argument");
	bad_conf("name_format = user\n", "no name");
	bad_conf("name_format = dns\n", "unknown format");
	bad_conf("name = has space\n", "spaces");
	CHECK(load("report_interval = 30\n") == 0 && conf.report_interval == 30);
	CHECK(load("report_interval = 10m\n") == 0 && conf.report_interval == 600);
	CHECK(load("report_interval = 1h\n") == 0 && conf.report_interval == 3600);
	CHECK(load("") == 0 && conf.report_interval == 0);
	bad_conf("report_interval = soon\n", "report_interval: 'soon' is not a time");
	bad_conf("report_interval = 5y\n", "is not a time");
	bad_conf("report_interval = m\n", "is not a time");
	/* end_of_event_timeout: for the parsers, but checked here */
	CHECK(load("end_of_event_timeout = 2\n") == 0);
	bad_conf("end_of_event_timeout = 0\n", "end_of_event_timeout: '0' is not a positive number");
	bad_conf("end_of_event_timeout = later\n", "end_of_event_timeout: 'later' is not a number");
	/* the collector's keys, Debian's values first */
	CHECK(load(debian_conf) == 0);
	CHECK(conf.local_events && conf.tcp_listen_port == 0);
	CHECK(conf.tcp_listen_queue == 5 && conf.tcp_max_per_addr == 1);
	CHECK(conf.tcp_client_min_port == 1 && conf.tcp_client_max_port == 65535);
	CHECK(!conf.distribute_network && conf.tcp_client_max_idle == 0);
	CHECK(load("local_events = no\ntcp_listen_port = 60\ntcp_client_ports = 1024-65535\n"
		   "tcp_client_max_idle = 30\ndistribute_network = yes\ntransport = TCP\n"
		   "enable_krb5 = no\n") == 0);
	CHECK(!conf.local_events && conf.tcp_listen_port == 60);
	CHECK(conf.tcp_client_min_port == 1024 && conf.tcp_client_max_port == 65535);
	CHECK(conf.tcp_client_max_idle == 30 && conf.distribute_network);
	CHECK(load("tcp_client_ports = 60\n") == 0 && conf.tcp_client_min_port == 60 &&
	      conf.tcp_client_max_port == 60);
	bad_conf("tcp_listen_port = 0\n", "tcp_listen_port: '0' is not a port from 1 to 65535");
	bad_conf("tcp_listen_port = 70000\n", "tcp_listen_port");
	bad_conf("tcp_client_ports = 2000-1000\n", "is not a port or a range LOW-HIGH");
	bad_conf("tcp_client_ports = 1-2-3\n", "is not a port or a range");
	bad_conf("transport = KRB5\n", "transport: 'KRB5': only TCP is provided");
	bad_conf("enable_krb5 = yes\n", "enable_krb5: Kerberos is not provided");
	bad_conf("q_depth = 0\n", "q_depth: '0' is not a number from 1 to 1000000");
	bad_conf("overflow_action = rotate\n", "overflow_action: 'rotate' is not ignore, syslog, suspend, single or halt");
	bad_conf("max_restarts = many\n", "max_restarts");
	bad_conf("plugin_dir = plugins.d\n", "plugin_dir: 'plugins.d' is not an absolute path");
}

/* ---- plugin files ---- */
static struct plugin_conf plc;

static int load_plugin(const char *text)
{
	char buf[2048];

	snprintf(buf, sizeof(buf), "%s", text);
	return plugin_conf_load_text("p.conf", buf, &plc, &err);
}

static void bad_plugin(const char *text, const char *want)
{
	CHECK(load_plugin(text) < 0);
	CHECK_HAS(err.msg, want);
}

static void test_plugin_conf(void)
{
	/* Debian's syslog.conf and af_unix.conf */
	CHECK(load_plugin("active = no\ndirection = out\npath = /sbin/audisp-syslog\n"
			  "type = always \nargs = LOG_INFO\nformat = string\n") == 0);
	CHECK(!plc.active && !plc.builtin && plc.format == PLUGIN_STRING);
	CHECK_STR(plc.path, "/sbin/audisp-syslog");
	CHECK_STR(plc.args, "LOG_INFO");
	CHECK(load_plugin("active = no\ndirection = out\npath = builtin_af_unix\n"
			  "type = builtin \nargs = 0640 /var/run/audispd_events\n"
			  "format = string\n") == 0);
	CHECK(plc.builtin);
	/* the defaults: inactive, string */
	CHECK(load_plugin("path = /bin/true\n") == 0);
	CHECK(!plc.active && plc.format == PLUGIN_STRING && !plc.args[0]);
	CHECK(load_plugin("active = YES\npath = /bin/x\nformat = binary\n"
			  "args = -c \"one two\" three\n") == 0);
	CHECK(plc.active && plc.format == PLUGIN_BINARY);

	bad_plugin("active = yes\n", "p.conf: no path");
	bad_plugin("path = relative/x\n", "path 'relative/x' is not absolute");
	bad_plugin("path = builtin_syslog\ntype = builtin\n",
		   "builtin plugin 'builtin_syslog' is not provided");
	bad_plugin("path = /bin/x\ndirection = in\n", "p.conf:2: direction: 'in': only out is supported");
	bad_plugin("path = /bin/x\ntype = sometimes\n", "neither always nor builtin");
	bad_plugin("path = /bin/x\nformat = xml\n", "neither string nor binary");
	bad_plugin("path = /bin/x\nactive = maybe\n", "neither yes nor no");
	bad_plugin("path = /bin/x\nargs = \"open\n", "args:");
	bad_plugin("path = /bin/x\nargs = 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n", "args:");
	bad_plugin("path = /bin/x\ncolour = red\n", "unknown keyword 'colour'");
}

static struct al_name_cache names;

static const char *fmt(int type, const char *text, enum log_format f,
		       const char *node)
{
	static char out[16384];

	record_format(type, text, strlen(text), f, node, &names, out, sizeof(out));
	return out;
}

static void test_records(void)
{
	const char *sys = "audit(1700000000.123:42): arch=c000003e syscall=257 "
			  "success=yes exit=3 a0=ffffff9c ppid=1 pid=99 auid=0 "
			  "uid=0 gid=0 euid=4294967295 comm=\"cat\" key=\"k\"";

	CHECK_STR(fmt(1305, "audit(1.001:2): op=set audit_enabled=1 old=0 auid=4294967295 ses=4294967295 res=1",
		      FORMAT_RAW, NULL),
		  "type=CONFIG_CHANGE msg=audit(1.001:2): op=set audit_enabled=1 old=0 auid=4294967295 ses=4294967295 res=1\n");
	/* trailing NULs and a newline are the kernel's, not the record's */
	CHECK_STR(fmt(1005, "audit(1.001:3): hello\n\0", FORMAT_RAW, NULL),
		  "type=USER msg=audit(1.001:3): hello\n");
	CHECK_STR(fmt(4321, "audit(1.001:4): x=1", FORMAT_RAW, NULL),
		  "type=UNKNOWN[4321] msg=audit(1.001:4): x=1\n");
	CHECK_STR(fmt(1305, "audit(1.001:5): res=1", FORMAT_RAW, "host1"),
		  "node=host1 type=CONFIG_CHANGE msg=audit(1.001:5): res=1\n");
	CHECK_STR(fmt(1300, sys, FORMAT_ENRICHED, NULL),
		  "type=SYSCALL msg=audit(1700000000.123:42): arch=c000003e syscall=257 "
		  "success=yes exit=3 a0=ffffff9c ppid=1 pid=99 auid=0 uid=0 gid=0 "
		  "euid=4294967295 comm=\"cat\" key=\"k\"\035ARCH=x86_64 SYSCALL=openat "
		  "AUID=\"root\" UID=\"root\" GID=\"root\" EUID=\"unset\"\n");
	/* nothing to enrich: no separator */
	CHECK_STR(fmt(1307, "audit(1.001:6): cwd=\"/\"", FORMAT_ENRICHED, NULL),
		  "type=CWD msg=audit(1.001:6): cwd=\"/\"\n");
	/* ids inside a quoted msg='...' are left alone */
	CHECK_STR(fmt(1005, "audit(1.001:7): pid=1 uid=0 msg='uid=5 x'", FORMAT_ENRICHED, NULL),
		  "type=USER msg=audit(1.001:7): pid=1 uid=0 msg='uid=5 x'\035UID=\"root\"\n");
	/* an unknown uid */
	CHECK_HAS(fmt(1300, "audit(1.001:8): uid=3999999", FORMAT_ENRICHED, NULL),
		  "UID=\"unknown(3999999)\"");
	/* SOCKADDR, as Debian's auditd writes it */
	CHECK_STR(fmt(1306, "audit(1.001:9): saddr=100000000000000000000000",
		      FORMAT_ENRICHED, NULL),
		  "type=SOCKADDR msg=audit(1.001:9): saddr=100000000000000000000000"
		  "\035SADDR={ saddr_fam=netlink nlnk-fam=16 nlnk-pid=0 }\n");
	CHECK_HAS(fmt(1306, "audit(1.001:10): saddr=020000097F0000010000000000000000",
		      FORMAT_ENRICHED, NULL),
		  "\035SADDR={ saddr_fam=inet laddr=127.0.0.1 lport=9 }\n");
	CHECK_HAS(fmt(1306, "audit(1.001:11): saddr=0A000009000000000000000000000000000000000000000100000000",
		      FORMAT_ENRICHED, NULL),
		  "\035SADDR={ saddr_fam=inet6 laddr=::1 lport=9 }\n");
	CHECK_HAS(fmt(1306, "audit(1.001:12): saddr=01002F7661722F72756E2F6E7363642F736F636B657400",
		      FORMAT_ENRICHED, NULL),
		  "\035SADDR={ saddr_fam=local path=/var/run/nscd/socket }\n");
	CHECK_HAS(fmt(1306, "audit(1.001:13): saddr=0100006162",
		      FORMAT_ENRICHED, NULL),
		  "SADDR={ saddr_fam=local path=@ab }");
	/* not hex: left alone */
	CHECK_STR(fmt(1306, "audit(1.001:14): saddr=zz", FORMAT_ENRICHED, NULL),
		  "type=SOCKADDR msg=audit(1.001:14): saddr=zz\n");
	/* a record longer than the line is cut, still one line */
	{
		static char big[20000];
		char out[512];
		size_t n;

		memset(big, 'a', sizeof(big) - 1);
		memcpy(big, "audit(1.001:9): ", 16);
		n = record_format(1300, big, strlen(big), FORMAT_ENRICHED, NULL,
				  &names, out, sizeof(out));
		CHECK(n == sizeof(out) - 1);
		CHECK(out[n - 1] == '\n' && strchr(out, '\n') == out + n - 1);
	}
}

/* ---- the log ---- */
static char dir[] = "/tmp/unit-auditd-XXXXXX";
static char said[4096];
static char ran[256];

static void test_say(void *ctx, int prio, const char *msg)
{
	(void)ctx;
	(void)prio;
	strncat(said, msg, sizeof(said) - strlen(said) - 2);
	strcat(said, "\n");
}

/* spawn()'s stand-in: what would have run, as "PATH: ARGV...". */
static pid_t fake_spawn(const char *path, const char *const argv[], bool quiet)
{
	size_t n = (size_t)snprintf(ran, sizeof(ran), "%s:", path);

	(void)quiet;
	for (; *argv && n < sizeof(ran); argv++)
		n += (size_t)snprintf(ran + n, sizeof(ran) - n, " %s", *argv);
	return 1;
}

static struct actions act;
static int writes;		/* buffers written out */

static void test_report(void *ctx, struct logfile *lf, enum log_event ev,
			const char *why)
{
	(void)ctx;
	if (ev == LOG_WROTE)
		writes++;
	action_report(&act, lf, ev, why);
}

static int rotations;
/* When set, the buffer the daemon formats every record in, its own too. */
static char *shared_line;

static void test_before_rotate(void *ctx, struct logfile *lf)
{
	char own[32];
	char *buf = shared_line ? shared_line : own;

	(void)ctx;
	rotations++;
	memcpy(buf, "type=DAEMON_ROTATE\n", 19);
	log_add(lf, buf, 19);
}

static bool exists(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* Is NAME N lines of LEN - 1 x's each, and nothing else? */
static bool x_lines(const char *name, int n, size_t len)
{
	char path[512], *text;
	bool ok = true;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	text = malloc(len);
	if (!f || !text) {
		if (f)
			fclose(f);
		free(text);
		return false;
	}
	for (int i = 0; ok && i < n; i++)
		ok = fread(text, 1, len, f) == len && text[len - 1] == '\n' &&
		     strspn(text, "x") == len - 1;
	ok = ok && fgetc(f) == EOF;
	fclose(f);
	free(text);
	return ok;
}

static off_t size_of(const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* The log on C with the disk policy wired as the daemon wires it. */
static void open_log(struct logfile *lf, struct auditd_conf *c)
{
	memset(lf, 0, sizeof(*lf));
	lf->say = test_say;
	lf->report = test_report;
	lf->before_rotate = test_before_rotate;
	memset(&act, 0, sizeof(act));
	act.say = test_say;
	act.spawn = fake_spawn;
	action_set_conf(&act, c);
	CHECK(log_open(lf, c, &err) == 0);
}

static void test_log(void)
{
	struct auditd_conf c;
	struct logfile lf;
	static char line[1024];
	struct al_err e;

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';

	conf_defaults(&c);
	snprintf(c.log_file, sizeof(c.log_file), "%s/audit.log", dir);
	c.num_logs = 3;
	c.max_log_file = 1;			/* MiB */
	c.space_left = 0;
	c.admin_space_left = 0;
	open_log(&lf, &c);

	/* batched: nothing on disk until the flush */
	log_add(&lf, "type=A msg=1\n", 13);
	CHECK(size_of("audit.log") == 0);
	log_flush(&lf, false);
	CHECK(size_of("audit.log") == 13);
	CHECK((size_of("audit.log") >= 0));

	/*
	 * 1 MiB reached: rotated to .1 after the record that reached it,
	 * as the daemon asks between records, not at the end of the batch
	 * nor when a buffer goes out; a new log begins with the rest.
	 * Nothing is added behind the caller's back: the records an action
	 * writes (DAEMON_ROTATE) come only from log_limit, so LINE stays
	 * what was added.
	 */
	shared_line = line;
	for (int i = 0; i < 1100; i++) {
		memset(line, 'x', sizeof(line) - 1);
		line[sizeof(line) - 1] = '\n';
		log_add(&lf, line, sizeof(line));
		CHECK(rotations == (i >= 1024));
		log_limit(&lf);
	}
	shared_line = NULL;
	log_flush(&lf, false);
	CHECK(rotations == 1);
	CHECK(exists("audit.log.1"));
	CHECK(size_of("audit.log.1") == 13 + 1024 * 1024 + 19);
	CHECK(size_of("audit.log") == 76 * 1024);
	CHECK(x_lines("audit.log", 76, sizeof(line)));
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';

	/* and again at the next 1 MiB: the new log is checked per record too */
	for (int i = 0; i < 1100; i++) {
		log_add(&lf, line, sizeof(line));
		log_limit(&lf);
	}
	CHECK(rotations == 2);
	log_flush(&lf, false);
	CHECK(size_of("audit.log.1") == 1024 * 1024 + 19);
	CHECK(size_of("audit.log") == 152 * 1024);

	/* by hand, three more times: num_logs = 3 keeps .1 and .2 only */
	for (int i = 0; i < 3; i++) {
		log_add(&lf, "type=B\n", 7);
		CHECK(log_rotate(&lf, false, &e) == 0);
	}
	CHECK(exists("audit.log.1") && exists("audit.log.2"));
	CHECK(!exists("audit.log.3"));
	CHECK(size_of("audit.log.1") == 7 + 19);
	log_close(&lf);

	/* keep_logs shifts every log up and deletes none */
	c.max_log_file_action.action = DA_KEEP_LOGS;
	open_log(&lf, &c);
	for (int i = 0; i < 3; i++)
		CHECK(log_rotate(&lf, true, &e) == 0);
	CHECK(exists("audit.log.5") && !exists("audit.log.6"));
	log_close(&lf);

	/* suspend: records past the limit are dropped and counted */
	c.max_log_file_action.action = DA_SUSPEND;
	open_log(&lf, &c);
	for (int i = 0; i < 1100; i++) {
		log_add(&lf, line, sizeof(line));
		log_limit(&lf);
	}
	log_flush(&lf, false);
	CHECK(lf.suspended);
	CHECK_HAS(said, "logging suspended");
	log_add(&lf, line, sizeof(line));
	/* suspended at 1 MiB (line 1025): the 76 after it and this one */
	CHECK(lf.dropped == 77);
	log_close(&lf);

	/*
	 * ignore: past the limit the log goes on in batches; the size
	 * checked between records must not write each one out (it did,
	 * and the daemon made a write per record: 2.4x slower)
	 */
	c.max_log_file_action.action = DA_IGNORE;
	unlink(c.log_file);
	open_log(&lf, &c);
	for (int i = 0; i < 1100; i++) {
		log_add(&lf, line, sizeof(line));
		log_limit(&lf);
	}
	writes = 0;
	for (int i = 0; i < 100; i++) {
		log_add(&lf, line, sizeof(line));
		log_limit(&lf);
	}
	CHECK(writes == 0);
	log_flush(&lf, false);
	CHECK(writes == 1);
	CHECK(size_of("audit.log") == 1200 * 1024);
	log_close(&lf);

	/* num_logs < 2 with rotate: not rotated, said once */
	c.max_log_file_action.action = DA_ROTATE;
	c.num_logs = 1;
	rotations = 0;
	said[0] = '\0';
	open_log(&lf, &c);
	log_add(&lf, "y\n", 2);
	log_flush(&lf, false);
	log_flush(&lf, false);
	CHECK(rotations == 0);
	CHECK_HAS(said, "not rotating");
	CHECK(strstr(said, "not rotating") == strrchr(said, '\n') - strlen("not rotating"));
	log_close(&lf);

	/* space_left far above what any disk has: the exec action runs once */
	c.space_left = 1U << 30;
	c.space_left_action.action = DA_EXEC;
	strcpy(c.space_left_action.exe, "/usr/local/bin/alert");
	c.max_log_file = 0;
	ran[0] = '\0';
	open_log(&lf, &c);
	action_check_space(&act, &lf);
	CHECK_STR(ran, "/usr/local/bin/alert: /usr/local/bin/alert");
	/* exec closed the log and suspended logging */
	CHECK(lf.fd < 0 && lf.suspended);
	ran[0] = '\0';
	action_check_space(&act, &lf);
	CHECK_STR(ran, "");
	/* and admin_space_left's halt goes through the spawn hook */
	c.admin_space_left = 1U << 29;
	c.admin_space_left_action.action = DA_HALT;
	action_check_space(&act, &lf);
	CHECK_STR(ran, "/sbin/init: /sbin/init 0");
	/* SIGUSR2: the log an exec action closed is reopened */
	CHECK(action_resume(&act, &lf) == 0);
	CHECK(lf.fd >= 0 && !lf.suspended);
	log_close(&lf);

	/* write_logs = no: nothing opened, nothing written */
	c.write_logs = false;
	snprintf(c.log_file, sizeof(c.log_file), "%s/none.log", dir);
	open_log(&lf, &c);
	log_add(&lf, "z\n", 2);
	log_flush(&lf, false);
	CHECK(!exists("none.log"));
	log_close(&lf);

	/* a log that is not a regular file */
	c.write_logs = true;
	snprintf(c.log_file, sizeof(c.log_file), "%s", dir);
	memset(&lf, 0, sizeof(lf));
	CHECK(log_open(&lf, &c, &e) < 0);
	log_close(&lf);
}

/* SIGHUP: the log module's own reconfiguration. */
static void test_reconfigure(void)
{
	static struct auditd_conf a, b;
	struct logfile lf;
	struct al_err e;
	char from[512], to[512];
	unsigned long long dropped;

	conf_defaults(&a);
	snprintf(a.log_file, sizeof(a.log_file), "%s/re.log", dir);
	a.max_log_file = 0;
	a.space_left = a.admin_space_left = 0;
	open_log(&lf, &a);

	/* the same file: what was buffered is written, the file is not
	 * reopened (moved away, it still gets the records) */
	b = a;
	b.flush = FLUSH_SYNC;
	log_add(&lf, "one\n", 4);
	snprintf(from, sizeof(from), "%s/re.log", dir);
	snprintf(to, sizeof(to), "%s/moved.log", dir);
	CHECK(rename(from, to) == 0);
	CHECK(log_reconfigure(&lf, &b, &e) == 0);
	CHECK(lf.conf == &b);
	CHECK(size_of("moved.log") == 4 && !exists("re.log"));
	log_add(&lf, "two\n", 4);
	log_flush(&lf, false);
	CHECK(size_of("moved.log") == 8);

	/* another file: the old one gets what was buffered, the new one
	 * what follows */
	snprintf(a.log_file, sizeof(a.log_file), "%s/re2.log", dir);
	log_add(&lf, "three\n", 6);
	CHECK(log_reconfigure(&lf, &a, &e) == 0);
	CHECK(lf.conf == &a);
	CHECK(size_of("moved.log") == 14);
	log_add(&lf, "four\n", 5);
	log_flush(&lf, false);
	CHECK(size_of("re2.log") == 5);

	/* a log that cannot be opened: the error is returned, records are
	 * dropped and counted */
	b = a;
	snprintf(b.log_file, sizeof(b.log_file), "%s/no/such/x.log", dir);
	CHECK(log_reconfigure(&lf, &b, &e) < 0);
	CHECK_HAS(e.msg, "cannot open log file");
	CHECK(lf.fd < 0);
	dropped = lf.dropped;
	log_add(&lf, "five\n", 5);
	CHECK(lf.dropped == dropped + 1);
	log_close(&lf);
}

/* ---- the disk policy, without a log ---- */
static struct auditd_conf pc;

static void policy(void)
{
	conf_defaults(&pc);
	memset(&act, 0, sizeof(act));
	action_set_conf(&act, &pc);
}

/* The action EV selects now, or -1 for none. */
static int sel(enum log_event ev)
{
	const struct action_conf *a = action_select(&act, ev);

	return a ? (int)a->action : -1;
}

static size_t due(unsigned long long free_mib, bool periodic,
		  struct space_due d[2])
{
	return action_space_due(&act, free_mib, 1000, periodic, d);
}

static void test_policy(void)
{
	struct space_due d[2];
	struct logfile none = { .fd = -1, .conf = &pc };
	const char *argv[3];

	/* space_left 100 MiB, admin_space_left 50, of 1000 */
	policy();
	pc.space_left = 100;
	pc.admin_space_left = 50;
	CHECK(due(500, false, d) == 0);
	CHECK(due(100, false, d) == 0);
	CHECK(due(99, false, d) == 1);
	CHECK_STR(d[0].limit, "space_left");
	CHECK(d[0].action == &pc.space_left_action);
	/* once per crossing, at the periodic check too */
	CHECK(due(90, false, d) == 0);
	CHECK(due(90, true, d) == 0);
	/* then admin_space_left, once */
	CHECK(due(49, false, d) == 1);
	CHECK_STR(d[0].limit, "admin_space_left");
	CHECK(d[0].action->action == DA_SUSPEND);
	CHECK(due(10, true, d) == 0);
	/* above both re-arms both; one drop crossing both: both, in order */
	CHECK(due(100, false, d) == 0);
	CHECK(due(10, false, d) == 2);
	CHECK_STR(d[0].limit, "space_left");
	CHECK_STR(d[1].limit, "admin_space_left");
	/* back above admin_space_left only: just that one re-armed */
	CHECK(due(60, false, d) == 0);
	CHECK(due(40, false, d) == 1 && d[0].action == &pc.admin_space_left_action);

	/* rotate repeats at the periodic check, not after each batch */
	policy();
	pc.space_left = 100;
	pc.admin_space_left = 0;
	pc.space_left_action.action = DA_ROTATE;
	CHECK(due(50, false, d) == 1);
	CHECK(due(50, false, d) == 0);
	CHECK(due(50, true, d) == 1 && d[0].action->action == DA_ROTATE);
	CHECK(due(50, true, d) == 1);

	/* percentages are of the file system: 10% and 5% of 1000 MiB */
	policy();
	pc.space_left = 10;
	pc.space_left_pct = true;
	pc.admin_space_left = 5;
	pc.admin_space_left_pct = true;
	CHECK(due(100, false, d) == 0);
	CHECK(due(99, false, d) == 1);
	CHECK(due(49, false, d) == 1 && d[0].action == &pc.admin_space_left_action);
	/* SIGHUP re-arms every limit */
	action_set_conf(&act, &pc);
	CHECK(due(49, false, d) == 2);

	/* disk full: once until re-armed; even ignore says so */
	policy();
	CHECK(sel(LOG_FULL) == DA_SUSPEND);
	CHECK(sel(LOG_FULL) == -1);
	pc.write_logs = false;
	CHECK(action_resume(&act, &none) == 0);	/* SIGUSR2 re-arms */
	CHECK(sel(LOG_FULL) == DA_SUSPEND);
	pc.disk_full_action.action = DA_IGNORE;
	action_set_conf(&act, &pc);
	CHECK(sel(LOG_FULL) == DA_SYSLOG);

	/* disk errors: syslog 5 times in a row, the others once; a write
	 * that succeeds ends the row */
	policy();
	pc.disk_error_action.action = DA_SYSLOG;
	for (int i = 0; i < 5; i++)
		CHECK(sel(LOG_ERROR) == DA_SYSLOG);
	CHECK(sel(LOG_ERROR) == -1);
	action_report(&act, &none, LOG_WROTE, NULL);
	CHECK(sel(LOG_ERROR) == DA_SYSLOG);
	pc.disk_error_action.action = DA_EXEC;
	action_set_conf(&act, &pc);
	CHECK(sel(LOG_ERROR) == DA_EXEC);
	CHECK(sel(LOG_ERROR) == -1);
	action_report(&act, &none, LOG_WROTE, NULL);
	CHECK(sel(LOG_ERROR) == DA_EXEC);

	/* max_log_file: once until a rotation; rotate (num_logs >= 2) and
	 * keep_logs each time */
	policy();
	pc.max_log_file_action.action = DA_SYSLOG;
	CHECK(sel(LOG_SIZE) == DA_SYSLOG);
	CHECK(sel(LOG_SIZE) == -1);
	action_report(&act, &none, LOG_ROTATED, NULL);
	CHECK(sel(LOG_SIZE) == DA_SYSLOG);
	pc.max_log_file_action.action = DA_ROTATE;
	pc.num_logs = 5;
	CHECK(sel(LOG_SIZE) == DA_ROTATE);
	CHECK(sel(LOG_SIZE) == DA_ROTATE);
	pc.num_logs = 1;
	CHECK(sel(LOG_SIZE) == -1);
	pc.max_log_file_action.action = DA_KEEP_LOGS;
	CHECK(sel(LOG_SIZE) == DA_KEEP_LOGS);
	CHECK(sel(LOG_SIZE) == DA_KEEP_LOGS);
	/* the other reports select nothing */
	CHECK(sel(LOG_WROTE) == -1 && sel(LOG_FLUSHED) == -1 &&
	      sel(LOG_ROTATED) == -1);

	/* the programs the actions run */
	pc.space_left_action.action = DA_EXEC;
	strcpy(pc.space_left_action.exe, "/usr/local/bin/alert");
	CHECK(action_argv(&pc.space_left_action, argv));
	CHECK_STR(argv[0], "/usr/local/bin/alert");
	CHECK(argv[1] == NULL);
	pc.space_left_action.action = DA_SINGLE;
	CHECK(action_argv(&pc.space_left_action, argv));
	CHECK_STR(argv[0], "/sbin/init");
	CHECK_STR(argv[1], "1");
	CHECK(argv[2] == NULL);
	pc.space_left_action.action = DA_HALT;
	CHECK(action_argv(&pc.space_left_action, argv));
	CHECK_STR(argv[1], "0");
	for (int a = DA_IGNORE; a <= DA_KEEP_LOGS; a++) {
		pc.space_left_action.action = (enum disk_action)a;
		if (a != DA_EXEC && a != DA_SINGLE && a != DA_HALT)
			CHECK(!action_argv(&pc.space_left_action, argv));
	}
}

/* ---- spawn() ---- */

/* The spawned side (this program, run as "spawned-child --spawned
 * OUT ..."): writes its argv, whether any of the signals the parent
 * blocked is blocked, and whether its stdout is /dev/null. */
static bool is_dev_null(int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat("/dev/null", &b) == 0 &&
	       a.st_rdev == b.st_rdev && a.st_ino == b.st_ino;
}

static int spawned(int argc, char **argv)
{
	FILE *f = fopen(argv[2], "w");
	sigset_t cur;

	if (!f)
		return 1;
	for (int i = 0; i < argc; i++)
		fprintf(f, "%s|", argv[i]);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	fprintf(f, " blocked=%d devnull=%d",
		sigismember(&cur, SIGUSR1) || sigismember(&cur, SIGTERM) ||
		sigismember(&cur, SIGCHLD), is_dev_null(STDOUT_FILENO));
	return fclose(f) == 0 ? 0 : 1;
}

static int spawn_wait(const char *path, const char *const argv[], bool quiet)
{
	sigset_t block, old;
	int status;
	pid_t pid;

	/* as in the daemon, which takes its signals through a signalfd */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid = spawn(path, argv, quiet);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (pid <= 0)
		return -1;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void test_spawn(void)
{
	char out[512], got[2048], want[2048];
	const char *argv[] = { "spawned-child", "--spawned", out, "one two",
			       "", NULL };
	FILE *f;
	size_t n;

	snprintf(out, sizeof(out), "%s/spawned", dir);
	for (int quiet = 1; quiet >= 0; quiet--) {
		CHECK(spawn_wait("/proc/self/exe", argv, quiet) == 0);
		f = fopen(out, "r");
		n = f ? fread(got, 1, sizeof(got) - 1, f) : 0;
		got[n] = '\0';
		if (f)
			fclose(f);
		snprintf(want, sizeof(want),
			 "spawned-child|--spawned|%s|one two|| blocked=0 devnull=%d",
			 out, quiet || is_dev_null(STDOUT_FILENO));
		CHECK_STR(got, want);
	}
	/* a program that cannot be executed exits 127 */
	CHECK(spawn_wait("/nonexistent/program", argv, true) == 127);
}

/* ---- the dispatcher ---- */
static void write_text(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
		chmod(path, mode);
	}
}

static void read_text(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, len - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
}

static unsigned bad_seen;

static void count_bad(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
	bad_seen++;
}

static void test_plugin_dir(void)
{
	char pdir[600], path[700];
	struct plugin_conf *list;
	size_t n;

	snprintf(pdir, sizeof(pdir), "%s/plugins.d", dir);
	mkdir(pdir, 0755);
	snprintf(path, sizeof(path), "%s/b.conf", pdir);
	write_text(path, "active = yes\npath = /bin/b\n", 0640);
	snprintf(path, sizeof(path), "%s/a.conf", pdir);
	write_text(path, "path = /bin/a\n", 0600);
	snprintf(path, sizeof(path), "%s/a.conf.rpmsave", pdir);
	write_text(path, "garbage\n", 0600);
	snprintf(path, sizeof(path), "%s/notes.txt", pdir);
	write_text(path, "garbage\n", 0600);
	snprintf(path, sizeof(path), "%s/open.conf", pdir);
	write_text(path, "path = /bin/open\n", 0646);
	snprintf(path, sizeof(path), "%s/broken.conf", pdir);
	write_text(path, "path = /bin/x\nformat = xml\n", 0600);
	bad_seen = 0;
	CHECK(plugin_dir_load(pdir, &list, &n, count_bad, NULL, &err) == 0);
	/* sorted; the backup, the other file, the writable and broken ones not */
	CHECK(n == 2);
	if (n == 2) {
		CHECK_STR(list[0].name, "a");
		CHECK_STR(list[1].name, "b");
		CHECK(!list[0].active && list[1].active);
	}
	CHECK(bad_seen == 2);
	free(list);
	/* no directory: no plugins */
	CHECK(plugin_dir_load("/nonexistent/plugins.d", &list, &n, count_bad,
			      NULL, &err) == 0 && n == 0);
}

static struct dispatcher disp;

static void disp_setup(const char *plugin_text, unsigned q_depth,
		       enum log_format f)
{
	char path[PATH_MAX + 16];

	conf_defaults(&conf);
	snprintf(conf.plugin_dir, sizeof(conf.plugin_dir), "%s/disp.d", dir);
	mkdir(conf.plugin_dir, 0755);
	snprintf(path, sizeof(path), "%s/p.conf", conf.plugin_dir);
	write_text(path, plugin_text, 0600);
	conf.q_depth = q_depth;
	conf.log_format = f;
	memset(&disp, 0, sizeof(disp));
	disp.say = test_say;
	disp.spawn = fake_spawn;
	said[0] = ran[0] = '\0';
}

static void disp_lines(unsigned n, size_t len)
{
	static char line[2048], text[2048];

	for (unsigned i = 0; i < n; i++) {
		int k = snprintf(text, sizeof(text), "audit(1.000:%u): %.*s", i + 1,
				 (int)len, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		int m = snprintf(line, sizeof(line), "type=USER msg=%s\n", text);

		dispatch_record(&disp, 1107, text, (size_t)k, line, (size_t)m);
		dispatch_write(&disp);
	}
}

static void test_dispatch(void)
{
	char text[2048], out[700], want[256];
	sigset_t block, old;

	/* the daemon blocks SIGCHLD for its signalfd; so do we */
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);

	/* string: the lines as given, inner newlines made spaces */
	snprintf(out, sizeof(out), "%s/string.out", dir);
	snprintf(text, sizeof(text), "active = yes\npath = /bin/sh\n"
		 "args = -c \"exec cat >%s\"\n", out);
	disp_setup(text, 10, FORMAT_RAW);
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	CHECK(dispatch_active(&disp));
	disp_lines(3, 5);
	dispatch_record(&disp, 1107, "a\nb", 3, "type=USER msg=a\nb\n",
			strlen("type=USER msg=a\nb\n"));
	dispatch_stop(&disp);
	read_text(out, text, sizeof(text));
	CHECK_STR(text, "type=USER msg=audit(1.000:1): xxxxx\n"
		  "type=USER msg=audit(1.000:2): xxxxx\n"
		  "type=USER msg=audit(1.000:3): xxxxx\n"
		  "type=USER msg=a b\n");

	/* binary: header and a data area of 8970 bytes, the kernel's text */
	snprintf(out, sizeof(out), "%s/binary.out", dir);
	snprintf(text, sizeof(text), "active = yes\npath = /bin/sh\nformat = binary\n"
		 "args = -c \"exec cat >%s\"\n", out);
	disp_setup(text, 10, FORMAT_RAW);
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	disp_lines(2, 3);
	dispatch_stop(&disp);
	{
		struct stat st;
		uint32_t hdr[4] = { 9, 9, 9, 9 };
		char data[32] = "";
		int fd = open(out, O_RDONLY);

		CHECK(stat(out, &st) == 0 && st.st_size == 2 * (16 + 8970));
		CHECK(fd >= 0 && read(fd, hdr, 16) == 16 && read(fd, data, 20) == 20);
		CHECK(hdr[0] == 0 && hdr[1] == 16 && hdr[2] == 1107 && hdr[3] == 19);
		/* the data area is zero past the text */
		CHECK(data[19] == '\0');
		CHECK_STR(data, "audit(1.000:1): xxx");
		if (fd >= 0)
			close(fd);
	}

	/* a plugin that never reads: its queue fills; the drops counted */
	disp_setup("active = yes\npath = /bin/sleep\nargs = 30\n", 4, FORMAT_RAW);
	conf.overflow_action = OV_SYSLOG;
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	disp_lines(12000, 100);
	CHECK(disp.n == 1 && disp.p[0].dropped > 0 && disp.p[0].count == 4);
	CHECK_HAS(said, "plugin p: queue full (q_depth 4): events dropped");
	/* said once, not once per record */
	CHECK(strstr(said, "queue full") &&
	      !strstr(strstr(said, "queue full") + 1, "queue full"));
	dispatch_stop(&disp);
	snprintf(want, sizeof(want), "events dropped in all");
	CHECK_HAS(said, want);

	/* halt: /sbin/init 0, once */
	disp_setup("active = yes\npath = /bin/sleep\nargs = 30\n", 1, FORMAT_RAW);
	conf.overflow_action = OV_HALT;
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	disp_lines(12000, 100);
	CHECK_STR(ran, "/sbin/init: /sbin/init 0");
	dispatch_stop(&disp);

	/* suspend: nothing more is queued, until a reconfiguration */
	disp_setup("active = yes\npath = /bin/sleep\nargs = 30\n", 1, FORMAT_RAW);
	conf.overflow_action = OV_SUSPEND;
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	disp_lines(12000, 100);
	CHECK(disp.suspended && disp.dropped_suspended > 0);
	CHECK_HAS(said, "dispatching suspended until SIGHUP");
	CHECK(dispatch_reconfigure(&disp, &conf, &err) == 0 && !disp.suspended);
	CHECK_HAS(said, "dispatching resumed (SIGHUP)");
	dispatch_stop(&disp);

	/* builtin_af_unix: local readers of a socket get the records */
	{
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		struct stat st;
		char got[256] = "";
		int c1, c2;
		ssize_t n;

		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/events.sock", dir);
		snprintf(text, sizeof(text), "active = yes\npath = builtin_af_unix\n"
			 "type = builtin\nargs = 0600 %s\n", sa.sun_path);
		disp_setup(text, 10, FORMAT_RAW);
		CHECK(dispatch_start(&disp, &conf, &err) == 0);
		CHECK(dispatch_active(&disp));
		CHECK(stat(sa.sun_path, &st) == 0 && S_ISSOCK(st.st_mode) &&
		      (st.st_mode & 0777) == 0600);
		c1 = socket(AF_UNIX, SOCK_STREAM, 0);
		c2 = socket(AF_UNIX, SOCK_STREAM, 0);
		CHECK(connect(c1, (struct sockaddr *)&sa, sizeof(sa)) == 0);
		CHECK(connect(c2, (struct sockaddr *)&sa, sizeof(sa)) == 0);
		dispatch_write(&disp);		/* accepts them */
		disp_lines(2, 4);
		n = read(c1, got, sizeof(got) - 1);
		got[n > 0 ? n : 0] = '\0';
		CHECK_STR(got, "type=USER msg=audit(1.000:1): xxxx\n"
			  "type=USER msg=audit(1.000:2): xxxx\n");
		/* a reader that went away is dropped, the other goes on */
		close(c2);
		disp_lines(1, 4);
		disp_lines(1, 4);
		CHECK(disp.p[0].sent == 4);
		dispatch_stop(&disp);
		CHECK(stat(sa.sun_path, &st) < 0);	/* removed at the end */
		close(c1);
	}
	disp_setup("active = yes\npath = builtin_af_unix\ntype = builtin\nargs = relative\n",
		   4, FORMAT_RAW);
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	CHECK(!dispatch_active(&disp));
	CHECK_HAS(said, "args 'relative': want a mode and an absolute socket path");
	dispatch_stop(&disp);

	/* a program that cannot run is not started, and said so */
	disp_setup("active = yes\npath = /nonexistent/plugin\n", 4, FORMAT_RAW);
	CHECK(dispatch_start(&disp, &conf, &err) == 0);
	CHECK(!dispatch_active(&disp));
	CHECK_HAS(said, "plugin p: /nonexistent/plugin: No such file or directory");
	dispatch_stop(&disp);

	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(int argc, char **argv)
{
	char rm[512];

	if (argc > 2 && strcmp(argv[1], "--spawned") == 0)
		return spawned(argc, argv);
	test_conf();
	test_plugin_conf();
	test_records();
	test_policy();
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	test_log();
	test_reconfigure();
	test_spawn();
	test_plugin_dir();
	test_dispatch();
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	if (system(rm) != 0)
		printf("could not remove %s\n", dir);
	return unit_done("unit-auditd");
}
