# Userspace: the test helpers, auditlib, auditctl and auditd.
USER_CC     ?= cc
USER_CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra -Werror
USER_CPPFLAGS := -D_GNU_SOURCE -I$(TOP)/auditlib
TESTBIN     := $(BUILD)/tests
USERBIN     := $(BUILD)/bin
LIBOUT      := $(BUILD)/auditlib

# Installation (make install DESTDIR=... PREFIX=...).
PREFIX      ?= /usr
SBINDIR     ?= $(PREFIX)/sbin
SYSCONFDIR  ?= /etc
MANDIR      ?= $(PREFIX)/share/man

# The headers the generated tables are read from: the kernel tree's
# audit ABI if it has been prepared, else the system's.
AUDIT_ABI_H := $(firstword $(wildcard $(BUILD)/src/include/uapi/linux/audit.h) \
		/usr/include/linux/audit.h)
ASM_DIR     := $(firstword $(wildcard /usr/include/x86_64-linux-gnu/asm) \
		/usr/include/asm)
ERRNO_H     := /usr/include/asm-generic/errno-base.h \
		/usr/include/asm-generic/errno.h

LIB_SRCS    := $(addprefix $(TOP)/auditlib/,tables.c parse.c rule.c netlink.c \
		sockaddr.c names.c)
LIB_OBJS    := $(patsubst $(TOP)/auditlib/%.c,$(LIBOUT)/%.o,$(LIB_SRCS)) \
	       $(LIBOUT)/tables-gen.o
LIB_A       := $(LIBOUT)/libaudit-lib.a
LIB_H       := $(TOP)/auditlib/audit-lib.h

AUDITCTL_SRCS := $(wildcard $(TOP)/auditctl/*.c)
AUDITCTL_H    := $(wildcard $(TOP)/auditctl/*.h)
AUDITD_SRCS   := $(wildcard $(TOP)/auditd/*.c)
JSON_SRCS     := $(wildcard $(TOP)/audisp-json/*.c)
JSON_H        := $(TOP)/audisp-json/json-event.h
AUDITD_H      := $(wildcard $(TOP)/auditd/*.h)
UNIT_SRCS     := $(wildcard $(TOP)/tests/unit/unit-*.c)
UNIT_BINS     := $(patsubst $(TOP)/tests/unit/%.c,$(TESTBIN)/%,$(UNIT_SRCS))

.PHONY: install userspace-clean

# The SELinux test policy the guest loads (tests/integration/selinux/):
# MLS (-M), unknown classes and permissions allowed (-U allow), policy
# version 33, the newest Linux 6.12 reads.
SELINUX_POLICY := $(BUILD)/selinux/policy.33

userspace: $(TESTBIN)/audit-nl $(TESTBIN)/sysc $(TESTBIN)/auxop $(TESTBIN)/overload \
	$(TESTBIN)/faultinj \
	$(TESTBIN)/audit-fuzz \
	$(USERBIN)/auditctl \
	$(USERBIN)/auditd $(USERBIN)/audisp-json $(UNIT_BINS) $(SELINUX_POLICY) \
	$(TESTBIN)/x86-audit-init

$(SELINUX_POLICY): $(TOP)/tests/selinux/policy.conf
	@mkdir -p $(dir $@)
	checkpolicy -M -U allow -c 33 -o $@ $<

# The test helpers that speak NETLINK_AUDIT, on auditlib's netlink and
# what they share (tests/helpers/testnl.c): audit-nl, the test client;
# faultinj, allocation failures injected into audit (the debug kernel's
# robustness/faultinj.sh); overload, the load generator, kill-safe
# reader and log tally of delivery/overload-*.sh.
TESTNL      := $(TOP)/tests/helpers/testnl.c
TESTNL_H    := $(TOP)/tests/helpers/testnl.h
NL_HELPERS  := $(TESTBIN)/audit-nl $(TESTBIN)/faultinj $(TESTBIN)/overload
$(NL_HELPERS): $(TESTBIN)/%: $(TOP)/tests/helpers/%.c $(TESTNL) $(TESTNL_H) \
		$(LIB_A) $(LIB_H)
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -I$(TOP)/tests/helpers -o $@ \
		$< $(TESTNL) $(LIB_A)

$(TESTBIN)/sysc: $(TOP)/tests/helpers/sysc.c
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) -o $@ $<

# The init of the x86_64 boot test: static, alone in its initramfs, and
# not position-independent, so that its strings sit below 4 GiB where
# int $$0x80 can pass them.
$(TESTBIN)/x86-audit-init: $(TOP)/tests/x86/x86-audit-init.c $(LIB_A) $(LIB_H)
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -static -no-pie -o $@ $< $(LIB_A)

$(TESTBIN)/auxop: $(TOP)/tests/helpers/auxop.c
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) -o $@ $<

# The fuzzer of the audit interfaces (tests/integration/robustness/fuzz.sh, make
# fuzz): static, so that it runs in any guest.
FUZZ_SRCS := $(wildcard $(TOP)/tests/fuzz/*.c)
$(TESTBIN)/audit-fuzz: $(FUZZ_SRCS) $(TOP)/tests/fuzz/fuzz.h
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) -D_GNU_SOURCE -static -o $@ $(FUZZ_SRCS)

$(LIBOUT)/tables-gen.c: $(TOP)/auditlib/gen-tables.sh $(AUDIT_ABI_H)
	@mkdir -p $(LIBOUT)
	sh $< $(AUDIT_ABI_H) $(ASM_DIR)/unistd_64.h $(ASM_DIR)/unistd_32.h \
		$(ERRNO_H) >$@.tmp && mv $@.tmp $@

$(LIBOUT)/%.o: $(TOP)/auditlib/%.c $(LIB_H)
	@mkdir -p $(LIBOUT)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -c -o $@ $<

$(LIBOUT)/tables-gen.o: $(LIBOUT)/tables-gen.c $(LIB_H)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(USERBIN)/auditctl: $(AUDITCTL_SRCS) $(AUDITCTL_H) $(LIB_A) $(LIB_H)
	@mkdir -p $(USERBIN)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -o $@ $(AUDITCTL_SRCS) $(LIB_A)

$(USERBIN)/auditd: $(AUDITD_SRCS) $(AUDITD_H) $(LIB_A) $(LIB_H)
	@mkdir -p $(USERBIN)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -I$(TOP)/auditd -o $@ \
		$(AUDITD_SRCS) $(LIB_A)

# The JSON plugin, on Debian's jansson.
$(USERBIN)/audisp-json: $(JSON_SRCS) $(JSON_H) $(LIB_A) $(LIB_H)
	@mkdir -p $(USERBIN)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -I$(TOP)/audisp-json -o $@ \
		$(JSON_SRCS) $(LIB_A) -ljansson

# Unit tests link the programs' parts (all but their mains) as well.
AUDITD_PARTS   := $(filter-out $(TOP)/auditd/main.c,$(AUDITD_SRCS))
AUDITCTL_PARTS := $(filter-out $(TOP)/auditctl/auditctl.c,$(AUDITCTL_SRCS))
$(TESTBIN)/unit-%: $(TOP)/tests/unit/unit-%.c $(TOP)/tests/unit/unit.h \
		$(LIB_A) $(LIB_H) $(AUDITD_PARTS) $(AUDITD_H) \
		$(AUDITCTL_PARTS) $(AUDITCTL_H)
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) $(USER_CPPFLAGS) -I$(TOP)/auditd \
		-I$(TOP)/auditctl -I$(TOP)/tests/unit -DAUDIT_TOP='"$(TOP)"' \
		-o $@ $< \
		$(AUDITD_PARTS) $(AUDITCTL_PARTS) $(LIB_A)

install: $(USERBIN)/auditctl $(USERBIN)/auditd $(USERBIN)/audisp-json
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(SYSCONFDIR)/audit \
		$(DESTDIR)$(SYSCONFDIR)/audit/plugins.d
	install -m 755 $(USERBIN)/auditctl $(USERBIN)/auditd \
		$(USERBIN)/audisp-json $(TOP)/auditctl/augenrules $(DESTDIR)$(SBINDIR)
	install -m 644 $(TOP)/auditctl/auditctl.8 $(TOP)/auditd/auditd.8 \
		$(TOP)/auditctl/augenrules.8 $(TOP)/audisp-json/audisp-json.8 \
		$(DESTDIR)$(MANDIR)/man8
	install -m 644 $(TOP)/auditd/auditd.conf.5 $(DESTDIR)$(MANDIR)/man5
	install -m 640 $(TOP)/auditd/auditd.conf $(DESTDIR)$(SYSCONFDIR)/audit/auditd.conf
	install -m 640 $(TOP)/auditd/audit.rules $(DESTDIR)$(SYSCONFDIR)/audit/audit.rules
	install -m 640 $(TOP)/audisp-json/audisp-json.conf \
		$(DESTDIR)$(SYSCONFDIR)/audit/plugins.d/audisp-json.conf

userspace-clean:
	rm -rf $(TESTBIN) $(USERBIN) $(LIBOUT) $(dir $(SELINUX_POLICY))
