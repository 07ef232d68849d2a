// SPDX-License-Identifier: GPL-2.0
/* auditd.conf(5): keywords, their values and defaults. */
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "auditd.h"

void conf_defaults(struct auditd_conf *c)
{
	memset(c, 0, sizeof(*c));
	strcpy(c->log_file, "/var/log/audit/audit.log");
	c->write_logs = true;
	strcpy(c->log_group, "root");
	c->log_gid = 0;
	c->log_format = FORMAT_ENRICHED;
	c->flush = FLUSH_INCREMENTAL_ASYNC;
	c->freq = 50;
	c->num_logs = 0;
	c->max_log_file = 8;
	c->max_log_file_action.action = DA_ROTATE;
	c->space_left = 75;
	c->space_left_action.action = DA_SYSLOG;
	c->admin_space_left = 50;
	c->admin_space_left_action.action = DA_SUSPEND;
	c->disk_full_action.action = DA_SUSPEND;
	c->disk_error_action.action = DA_SUSPEND;
	c->name_format = NAME_NONE;
	c->q_depth = 2000;
	c->overflow_action = OV_SYSLOG;
	c->max_restarts = 10;
	strcpy(c->plugin_dir, "/etc/audit/plugins.d");
	c->local_events = true;
	c->tcp_listen_queue = 5;
	c->tcp_max_per_addr = 1;
	c->tcp_client_min_port = 1;
	c->tcp_client_max_port = 65535;
}

struct word {
	const char *name;
	int value;
};

static int lookup(const struct word *w, const char *s)
{
	for (; w->name; w++)
		if (strcasecmp(w->name, s) == 0)
			return w->value;
	return -1;
}

static const struct word flush_words[] = {
	{ "none", FLUSH_NONE }, { "incremental", FLUSH_INCREMENTAL },
	{ "incremental_async", FLUSH_INCREMENTAL_ASYNC },
	{ "data", FLUSH_DATA }, { "sync", FLUSH_SYNC }, { NULL, 0 },
};

static const struct word action_words[] = {
	{ "ignore", DA_IGNORE }, { "syslog", DA_SYSLOG },
	{ "rotate", DA_ROTATE }, { "email", DA_EMAIL }, { "exec", DA_EXEC },
	{ "suspend", DA_SUSPEND }, { "single", DA_SINGLE },
	{ "halt", DA_HALT }, { "keep_logs", DA_KEEP_LOGS }, { NULL, 0 },
};

static const struct word name_words[] = {
	{ "none", NAME_NONE }, { "hostname", NAME_HOSTNAME },
	{ "fqd", NAME_FQD }, { "numeric", NAME_NUMERIC },
	{ "user", NAME_USER }, { NULL, 0 },
};

static const struct word overflow_words[] = {
	{ "ignore", OV_IGNORE }, { "syslog", OV_SYSLOG },
	{ "suspend", OV_SUSPEND }, { "single", OV_SINGLE },
	{ "halt", OV_HALT }, { NULL, 0 },
};

const char *overflow_name(enum overflow_action a)
{
	for (const struct word *w = overflow_words; w->name; w++)
		if (w->value == (int)a)
			return w->name;
	return "?";
}

const char *flush_name(enum flush_mode f)
{
	for (const struct word *w = flush_words; w->name; w++)
		if (w->value == (int)f)
			return w->name;
	return "?";
}

const char *action_name(enum disk_action a)
{
	for (const struct word *w = action_words; w->name; w++)
		if (w->value == (int)a)
			return w->name;
	return "?";
}

/* Keywords of Debian's auditd.conf that concern features we lack
 * (mail, Kerberos, libwrap); accepted so that its file loads. */
static const char *const ignored[] = {
	"priority_boost", "verify_email", "action_mail_acct", "use_libwrap",
	"krb5_principal", "krb5_key_file", "disp_qos", "dispatcher",
	NULL,
};

static int number(const char *key, const char *v, unsigned max, unsigned *out,
		  struct al_err *err)
{
	long long n;

	if (al_parse_ll(v, 0, max, &n) < 0)
		return al_fail(err, "%s: '%s' is not a number from 0 to %u",
			       key, v, max);
	*out = (unsigned)n;
	return 0;
}

/* Seconds, or a number with s, m, h or d after it ("15s", "10m", "1h"). */
static int interval(const char *key, const char *v, unsigned *out,
		    struct al_err *err)
{
	static const struct { char unit; unsigned mult; } units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
	};
	char num[16];
	size_t len = strlen(v);
	unsigned mult = 1;

	if (len > 0 && len < sizeof(num)) {
		for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (v[len - 1] == units[i].unit) {
				mult = units[i].mult;
				len--;
				break;
			}
		memcpy(num, v, len);
		num[len] = '\0';
		if (len > 0 && number(key, num, 365 * 86400 / mult, out, err) == 0) {
			*out *= mult;
			return 0;
		}
	}
	return al_fail(err, "%s: '%s' is not a time (seconds, or a number and s, m, h or d)",
		       key, v);
}

static int yes_no(const char *key, const char *v, bool *out,
		  struct al_err *err)
{
	if (strcasecmp(v, "yes") == 0)
		*out = true;
	else if (strcasecmp(v, "no") == 0)
		*out = false;
	else
		return al_fail(err, "%s: '%s' is neither yes nor no", key, v);
	return 0;
}

/* "75" (MiB) or "5%". */
static int size_or_pct(const char *key, const char *v, unsigned *out,
		       bool *pct, struct al_err *err)
{
	char num[32];
	size_t len = strlen(v);

	*pct = len > 0 && v[len - 1] == '%';
	if (!*pct)
		return number(key, v, 1U << 30, out, err);
	if (len - 1 >= sizeof(num))
		return al_fail(err, "%s: '%s' is not a percentage", key, v);
	memcpy(num, v, len - 1);
	num[len - 1] = '\0';
	if (number(key, num, 99, out, err) < 0 || *out == 0)
		return al_fail(err, "%s: '%s' is not a percentage from 1%% to 99%%",
			       key, v);
	return 0;
}

/* An action, checked against the ones this keyword allows (bit mask of
 * enum disk_action values). */
static int action(const char *key, const char *v, unsigned allowed,
		  struct action_conf *out, struct al_err *err)
{
	char word[16];
	size_t n = strcspn(v, " \t");
	int a;

	if (n >= sizeof(word))
		return al_fail(err, "%s: unknown action '%s'", key, v);
	memcpy(word, v, n);
	word[n] = '\0';
	a = lookup(action_words, word);
	if (a < 0 || !(allowed & (1U << a)))
		return al_fail(err, "%s: '%s' is not an action it can take", key, v);
	out->action = (enum disk_action)a;
	out->exe[0] = '\0';
	if (a == DA_EXEC) {
		const char *p = v + n + strspn(v + n, " \t");

		if (*p != '/')
			return al_fail(err, "%s: exec needs the absolute path of a program", key);
		if (strlen(p) >= sizeof(out->exe))
			return al_fail(err, "%s: path too long", key);
		strcpy(out->exe, p);
	} else if (v[n]) {
		return al_fail(err, "%s: '%s' takes no argument", key, word);
	}
	return 0;
}

#define A(x) (1U << (x))
#define SPACE_ACTIONS (A(DA_IGNORE) | A(DA_SYSLOG) | A(DA_ROTATE) | \
		       A(DA_EMAIL) | A(DA_EXEC) | A(DA_SUSPEND) | \
		       A(DA_SINGLE) | A(DA_HALT))

static int set_key(const char *key, const char *v, void *ctx,
		   struct al_err *err)
{
	struct auditd_conf *c = ctx;
	int w;

	if (strcasecmp(key, "log_file") == 0) {
		if (v[0] != '/')
			return al_fail(err, "log_file: '%s' is not an absolute path", v);
		if (strlen(v) >= sizeof(c->log_file) - 8)
			return al_fail(err, "log_file: path too long");
		strcpy(c->log_file, v);
	} else if (strcasecmp(key, "write_logs") == 0) {
		return yes_no(key, v, &c->write_logs, err);
	} else if (strcasecmp(key, "log_group") == 0) {
		struct group *g;
		long long n;

		if (strlen(v) >= sizeof(c->log_group))
			return al_fail(err, "log_group: name too long");
		if (al_parse_ll(v, 0, UINT32_MAX - 1, &n) == 0) {
			c->log_gid = (gid_t)n;
		} else {
			g = getgrnam(v);
			if (!g)
				return al_fail(err, "log_group: unknown group '%s'", v);
			c->log_gid = g->gr_gid;
		}
		strcpy(c->log_group, v);
	} else if (strcasecmp(key, "log_format") == 0) {
		if (strcasecmp(v, "raw") == 0)
			c->log_format = FORMAT_RAW;
		else if (strcasecmp(v, "enriched") == 0)
			c->log_format = FORMAT_ENRICHED;
		else if (strcasecmp(v, "nolog") == 0)
			c->write_logs = false;
		else
			return al_fail(err, "log_format: '%s' is neither RAW nor ENRICHED", v);
	} else if (strcasecmp(key, "flush") == 0) {
		if ((w = lookup(flush_words, v)) < 0)
			return al_fail(err, "flush: unknown mode '%s'", v);
		c->flush = (enum flush_mode)w;
	} else if (strcasecmp(key, "freq") == 0) {
		return number(key, v, INT32_MAX, &c->freq, err);
	} else if (strcasecmp(key, "num_logs") == 0) {
		return number(key, v, 999, &c->num_logs, err);
	} else if (strcasecmp(key, "max_log_file") == 0) {
		return number(key, v, 1U << 30, &c->max_log_file, err);
	} else if (strcasecmp(key, "max_log_file_action") == 0) {
		return action(key, v, A(DA_IGNORE) | A(DA_SYSLOG) | A(DA_SUSPEND) |
			      A(DA_ROTATE) | A(DA_KEEP_LOGS) | A(DA_EXEC),
			      &c->max_log_file_action, err);
	} else if (strcasecmp(key, "space_left") == 0) {
		return size_or_pct(key, v, &c->space_left, &c->space_left_pct, err);
	} else if (strcasecmp(key, "space_left_action") == 0) {
		return action(key, v, SPACE_ACTIONS, &c->space_left_action, err);
	} else if (strcasecmp(key, "admin_space_left") == 0) {
		return size_or_pct(key, v, &c->admin_space_left,
				   &c->admin_space_left_pct, err);
	} else if (strcasecmp(key, "admin_space_left_action") == 0) {
		return action(key, v, SPACE_ACTIONS, &c->admin_space_left_action, err);
	} else if (strcasecmp(key, "disk_full_action") == 0) {
		return action(key, v, SPACE_ACTIONS & ~A(DA_EMAIL),
			      &c->disk_full_action, err);
	} else if (strcasecmp(key, "disk_error_action") == 0) {
		return action(key, v, A(DA_IGNORE) | A(DA_SYSLOG) | A(DA_EXEC) |
			      A(DA_SUSPEND) | A(DA_SINGLE) | A(DA_HALT),
			      &c->disk_error_action, err);
	} else if (strcasecmp(key, "name_format") == 0) {
		if ((w = lookup(name_words, v)) < 0)
			return al_fail(err, "name_format: unknown format '%s'", v);
		c->name_format = (enum name_format)w;
	} else if (strcasecmp(key, "name") == 0) {
		if (strlen(v) >= sizeof(c->name) || strpbrk(v, " \t\"'="))
			return al_fail(err, "name: '%s' is too long or has spaces, quotes or '='", v);
		strcpy(c->name, v);
	} else if (strcasecmp(key, "q_depth") == 0) {
		if (number(key, v, 1000000, &c->q_depth, err) < 0 || c->q_depth == 0)
			return al_fail(err, "q_depth: '%s' is not a number from 1 to 1000000", v);
	} else if (strcasecmp(key, "overflow_action") == 0) {
		if ((w = lookup(overflow_words, v)) < 0)
			return al_fail(err, "overflow_action: '%s' is not ignore, syslog, suspend, single or halt", v);
		c->overflow_action = (enum overflow_action)w;
	} else if (strcasecmp(key, "max_restarts") == 0) {
		return number(key, v, 10000, &c->max_restarts, err);
	} else if (strcasecmp(key, "local_events") == 0) {
		return yes_no(key, v, &c->local_events, err);
	} else if (strcasecmp(key, "distribute_network") == 0) {
		return yes_no(key, v, &c->distribute_network, err);
	} else if (strcasecmp(key, "tcp_listen_port") == 0) {
		if (number(key, v, 65535, &c->tcp_listen_port, err) < 0 ||
		    c->tcp_listen_port == 0)
			return al_fail(err, "tcp_listen_port: '%s' is not a port from 1 to 65535", v);
	} else if (strcasecmp(key, "tcp_listen_queue") == 0) {
		if (number(key, v, 1024, &c->tcp_listen_queue, err) < 0 ||
		    c->tcp_listen_queue == 0)
			return al_fail(err, "tcp_listen_queue: '%s' is not a number from 1 to 1024", v);
	} else if (strcasecmp(key, "tcp_max_per_addr") == 0) {
		if (number(key, v, 1024, &c->tcp_max_per_addr, err) < 0 ||
		    c->tcp_max_per_addr == 0)
			return al_fail(err, "tcp_max_per_addr: '%s' is not a number from 1 to 1024", v);
	} else if (strcasecmp(key, "tcp_client_ports") == 0) {
		unsigned lo, hi;
		char extra;
		int n = sscanf(v, "%u-%u%c", &lo, &hi, &extra);

		if (n == 1)
			hi = lo;
		if ((n != 1 && n != 2) || lo == 0 || hi > 65535 || lo > hi)
			return al_fail(err, "tcp_client_ports: '%s' is not a port or a range LOW-HIGH of ports", v);
		c->tcp_client_min_port = lo;
		c->tcp_client_max_port = hi;
	} else if (strcasecmp(key, "tcp_client_max_idle") == 0) {
		return number(key, v, 86400, &c->tcp_client_max_idle, err);
	} else if (strcasecmp(key, "transport") == 0) {
		if (strcasecmp(v, "tcp") != 0)
			return al_fail(err, "transport: '%s': only TCP is provided (KRB5 and TLS are not)", v);
	} else if (strcasecmp(key, "enable_krb5") == 0) {
		bool krb5;

		if (yes_no(key, v, &krb5, err) < 0)
			return -1;
		if (krb5)
			return al_fail(err, "enable_krb5: Kerberos is not provided");
	} else if (strcasecmp(key, "report_interval") == 0) {
		return interval(key, v, &c->report_interval, err);
	} else if (strcasecmp(key, "end_of_event_timeout") == 0) {
		/* read by the event parsers (audisp-json, the auparse tools),
		 * not by auditd: checked here so that auditd -t finds it */
		unsigned t;

		if (number(key, v, 86400, &t, err) < 0)
			return -1;
		if (t == 0)
			return al_fail(err, "end_of_event_timeout: '%s' is not a positive number of seconds", v);
	} else if (strcasecmp(key, "plugin_dir") == 0) {
		if (v[0] != '/')
			return al_fail(err, "plugin_dir: '%s' is not an absolute path", v);
		if (strlen(v) >= sizeof(c->plugin_dir) - NAME_MAX - 2)
			return al_fail(err, "plugin_dir: path too long");
		strcpy(c->plugin_dir, v);
	} else {
		for (const char *const *k = ignored; *k; k++)
			if (strcasecmp(*k, key) == 0)
				return 0;
		return al_fail(err, "unknown keyword '%s'", key);
	}
	return 0;
}

static int conf_check(const char *name, struct auditd_conf *c,
		      struct al_err *err)
{
	if (c->name_format == NAME_USER && !c->name[0])
		return al_fail(err, "%s: name_format is user but no name is given", name);
	if (c->space_left_pct == c->admin_space_left_pct &&
	    c->admin_space_left > c->space_left)
		return al_fail(err, "%s: admin_space_left (%u) is above space_left (%u)",
			       name, c->admin_space_left, c->space_left);
	return 0;
}

int conf_load_text(const char *name, char *text, struct auditd_conf *c,
		   struct al_err *err)
{
	conf_defaults(c);
	if (al_conf_parse_text(name, text, set_key, c, err) < 0)
		return -1;
	return conf_check(name, c, err);
}

int conf_load(const char *path, struct auditd_conf *c, struct al_err *err)
{
	conf_defaults(c);
	if (al_conf_parse_file(path, set_key, c, err) < 0)
		return -1;
	return conf_check(path, c, err);
}
