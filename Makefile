# The lightweight audit framework: kernel patch, test kernel and userspace.
#
#   make             install missing Debian packages, build the patched UML
#                    kernel and the userspace programs
#   make run         boot the patched kernel with auditd and sample rules,
#                    run a demo workload and print the records it produced
#   make shell       an interactive shell in the same guest
#   make check       unit tests, KUnit suites and integration tests in UML,
#                    the x86_64 boot test under qemu
#   make patch       dist/audit-6.12.patch against the pristine Debian tree
#   make kernel-path the absolute path of the built UML kernel
#   make x86-kernel  the x86_64 bzImage the qemu boot test runs
#                    (build/x86/arch/x86/boot/bzImage)
#   make bench       our audit against the stock one and against none
#                    (BENCHMARKS.md; not part of check)

TOP      := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD    ?= $(TOP)/build
SRC      := $(BUILD)/src
UMLOUT   := $(BUILD)/um
KERNEL   := $(UMLOUT)/linux
JOBS     ?= $(shell nproc)
KMAKE    := $(MAKE) -C $(SRC) O=$(UMLOUT) ARCH=um SUBARCH=x86_64 -j$(JOBS)
# The x86_64 kernel of the qemu boot test (scripts/x86-boot).
X86OUT   := $(BUILD)/x86
X86KMAKE := $(MAKE) -C $(SRC) O=$(X86OUT) ARCH=x86_64 -j$(JOBS)

# Everything the kernel build reads from this repository.
KERNEL_INPUTS := $(shell cd $(TOP) && find kernel include security lib \
		   patches configs scripts/prepare-tree scripts/stock-files \
		   -type f 2>/dev/null)


.PHONY: stock-kernel
.PHONY: all deps kernel userspace check unit-tests integration kunit \
	run shell patch kernel-path clean distclean tree x86-kernel

all: kernel userspace

deps:
	@$(TOP)/scripts/install-deps

tree: deps
	@$(TOP)/scripts/prepare-tree $(BUILD)

$(UMLOUT)/.config: $(TOP)/configs/um.config $(BUILD)/src/.prepared
	@mkdir -p $(UMLOUT)
	$(KMAKE) -s defconfig >/dev/null
	cd $(SRC) && ARCH=um scripts/kconfig/merge_config.sh -m -O $(UMLOUT) \
		$(UMLOUT)/.config $(TOP)/configs/um.config >/dev/null
	$(KMAKE) -s olddefconfig
	@$(TOP)/scripts/check-config $(TOP)/configs/um.config $@

$(BUILD)/src/.prepared:
	@$(MAKE) -s tree

kernel: tree
	@$(MAKE) -s $(UMLOUT)/.config
	+$(KMAKE) -s linux

kernel-path:
	@echo $(KERNEL)

# tinyconfig plus configs/x86_64-qemu.config: a small kernel, quick to
# build cold.
$(X86OUT)/.config: $(TOP)/configs/x86_64-qemu.config $(BUILD)/src/.prepared
	@mkdir -p $(X86OUT)
	$(X86KMAKE) -s tinyconfig >/dev/null
	cd $(SRC) && scripts/kconfig/merge_config.sh -m -O $(X86OUT) \
		$(X86OUT)/.config $(TOP)/configs/x86_64-qemu.config >/dev/null
	$(X86KMAKE) -s olddefconfig
	@$(TOP)/scripts/check-config $(TOP)/configs/x86_64-qemu.config $@ || \
		{ rm -f $@; exit 1; }

x86-kernel: tree
	@$(MAKE) -s $(X86OUT)/.config
	+$(X86KMAKE) -s bzImage

# The unpatched Debian kernel, for interoperability tests (cached).
stock-kernel: deps
	@$(TOP)/scripts/build-stock-kernel $(BUILD) >/dev/null

include $(TOP)/userspace.mk

patch: tree
	@$(TOP)/scripts/make-patch $(BUILD) $(TOP)/dist/audit-6.12.patch

check: all patch stock-kernel x86-kernel
	@$(TOP)/tests/run-all

run: all
	@mkdir -p $(BUILD)/run
	@$(TOP)/scripts/uml-boot --demo --results $(BUILD)/run --log $(BUILD)/run/console.log

shell: all
	@$(TOP)/scripts/uml-boot --shell

# Builds (or reuses) ours, the stock and the audit-free kernel, boots each
# in turn and prints the table and the targets of issue 6.
.PHONY: bench
bench:
	@$(TOP)/scripts/bench

clean:
	rm -rf $(UMLOUT) $(X86OUT) $(TOP)/dist
	$(MAKE) -s userspace-clean

distclean:
	rm -rf $(BUILD) $(TOP)/dist
