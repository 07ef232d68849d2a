/* SPDX-License-Identifier: GPL-2.0 */
/*
 * audisp-json: the records of auditd's string format into one JSON
 * object per event.
 *   record.c  one line into a JSON object: its fields, decoded
 *   main.c    the command line, events gathered by serial and closed,
 *             the output and its rotation, the loop
 */
#ifndef JSON_EVENT_H
#define JSON_EVENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "audit-lib.h"

/* One record of the string format, parsed. */
struct json_record {
	char node[256];		/* "" without a node= prefix */
	int type;		/* the record type's number, or -1 */
	char type_name[64];
	char stamp[32];		/* "SEC.MSEC" */
	unsigned long serial;
	json_t *obj;		/* {"type": ..., fields...}, owned */
	const char *body;	/* the fields' text, in the line parsed */
	size_t body_len;
};

/* Parses LINE (LEN bytes, no newline) into R; -1 if it is not a record.
 * With NAMES, ids, arch and syscall are named when the line has no
 * enrichment of its own (NAMES caches the names). */
int json_record_parse(const char *line, size_t len,
		      struct al_name_cache *names, struct json_record *r);

/* EXECVE's arguments, from the fields of all the EXECVE records of one
 * event (a long command line takes several), as "argv". */
json_t *json_execve_argv(const char *fields, size_t len);

/* Whether a record of TYPE is an event by itself (it never has an EOE):
 * the user-space and daemon records. */
bool json_record_alone(int type);

/* A string of LEN bytes as JSON: valid UTF-8 kept, anything else
 * replaced by U+FFFD (the caller keeps the bytes as hex beside it). */
json_t *json_bytes(const unsigned char *s, size_t len, bool *lossy);

#endif
