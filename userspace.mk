# Userspace: test helpers now; auditd and auditctl join here.
USER_CC     ?= cc
USER_CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra -Werror
TESTBIN     := $(BUILD)/tests

userspace: $(TESTBIN)/audit-nl

$(TESTBIN)/audit-nl: $(TOP)/tests/helpers/audit-nl.c
	@mkdir -p $(TESTBIN)
	$(USER_CC) $(USER_CFLAGS) -o $@ $<

userspace-clean:
	rm -rf $(TESTBIN)
