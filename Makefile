# The lightweight audit framework: kernel patch, test kernel and userspace.
#
#   make             install missing Debian packages, build the patched UML
#                    kernel and the userspace programs
#   make run         boot the patched kernel with auditd and sample rules,
#                    run a demo workload and print the records it produced
#   make shell       an interactive shell in the same guest
#   make check       unit tests, KUnit suites and integration tests in UML,
#                    the x86_64 boot test and the x86_64 Debian guest
#                    (systemd, some integration tests) under qemu
#   make patch       dist/audit-6.12.patch against the pristine Debian tree
#   make vm          boot the x86_64 Debian guest under qemu: systemd, our
#                    auditd from its unit, rules.d, Debian's SELinux policy
#                    (log in as root on the console; poweroff ends it)
#   make series      dist/series/: the same change as a patch series, one
#                    patch per concern, with a cover letter (git format-patch)
#   make series-bisect  the UML kernel built at every patch of the series
#                    (about 25 minutes; not part of check)
#   make kernel-path the absolute path of the built UML kernel
#   make x86-kernel  the x86_64 bzImage of make vm and of the qemu boot
#                    test (build/x86/arch/x86/boot/bzImage)
#   make vm-image    the Debian guest's root (build/vm/root, debootstrap)
#   make debug-kernel the debug test kernel (build/um-debug/linux): the
#                    test kernel plus configs/debug.config (KASAN,
#                    lockdep, kmemleak, fault injection, ...)
#   make bench       our audit against the stock one and against none
#                    (BENCHMARKS.md; not part of check)
#   make fuzz        the fuzzer of the audit interfaces in the guest, on the
#                    debug kernel if built (FUZZ_TIME=600 FUZZ_SEED=N
#                    FUZZ_WORKERS=4 FUZZ_ONLY= FUZZ_SKIP=; scripts/fuzz)

TOP      := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD    ?= $(TOP)/build
SRC      := $(BUILD)/src
UMLOUT   := $(BUILD)/um
KERNEL   := $(UMLOUT)/linux
JOBS     ?= $(shell nproc)
KMAKE    := $(MAKE) -C $(SRC) O=$(UMLOUT) ARCH=um SUBARCH=x86_64 -j$(JOBS)
# The x86_64 kernel: the Debian guest's (make vm) and the qemu boot
# test's (scripts/x86-boot), tinyconfig plus configs/x86_64.config.
X86OUT   := $(BUILD)/x86
X86KMAKE := $(MAKE) -C $(SRC) O=$(X86OUT) ARCH=x86_64 -j$(JOBS)
# The debug test kernel: the same tree and um.config, plus debug.config.
DBGOUT   := $(BUILD)/um-debug
DBGKMAKE := $(MAKE) -C $(SRC) O=$(DBGOUT) ARCH=um SUBARCH=x86_64 -j$(JOBS)

# Everything the kernel build reads from this repository.
KERNEL_INPUTS := $(shell cd $(TOP) && find kernel include security lib \
		   patches configs scripts/prepare-tree scripts/stock-files \
		   -type f 2>/dev/null)


.PHONY: stock-kernel
.PHONY: all deps kernel userspace check unit-tests integration kunit debug-kernel \
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

# tiny_config KMAKE,OUT,FRAGMENT: OUT/.config from tinyconfig and
# FRAGMENT, checked (and removed when an option did not make it).
define tiny_config
	@mkdir -p $(2)
	$(1) -s tinyconfig >/dev/null
	cd $(SRC) && scripts/kconfig/merge_config.sh -m -O $(2) \
		$(2)/.config $(3) >/dev/null
	$(1) -s olddefconfig
	@$(TOP)/scripts/check-config $(3) $(2)/.config || \
		{ rm -f $(2)/.config; exit 1; }
endef

# tinyconfig plus configs/x86_64.config: small, quick to build cold.
$(X86OUT)/.config: $(TOP)/configs/x86_64.config $(BUILD)/src/.prepared
	$(call tiny_config,$(X86KMAKE),$(X86OUT),$(TOP)/configs/x86_64.config)

x86-kernel: tree
	@$(MAKE) -s $(X86OUT)/.config
	+$(X86KMAKE) -s bzImage

# defconfig, then um.config and debug.config merged in that order.
$(DBGOUT)/.config: $(TOP)/configs/um.config $(TOP)/configs/debug.config \
		$(BUILD)/src/.prepared
	@mkdir -p $(DBGOUT)
	$(DBGKMAKE) -s defconfig >/dev/null
	cd $(SRC) && ARCH=um scripts/kconfig/merge_config.sh -m -O $(DBGOUT) \
		$(DBGOUT)/.config $(TOP)/configs/um.config \
		$(TOP)/configs/debug.config >/dev/null
	$(DBGKMAKE) -s olddefconfig
	@$(TOP)/scripts/check-config $(TOP)/configs/um.config \
		$(TOP)/configs/debug.config $@ || { rm -f $@; exit 1; }

debug-kernel: tree
	@$(MAKE) -s $(DBGOUT)/.config
	+$(DBGKMAKE) -s linux

# The unpatched Debian kernel, for interoperability tests (cached).
stock-kernel: deps
	@$(TOP)/scripts/build-stock-kernel $(BUILD) >/dev/null

include $(TOP)/userspace.mk

patch: tree
	@$(TOP)/scripts/make-patch $(BUILD) $(TOP)/dist/audit-6.12.patch

.PHONY: vm vm-image
vm-image: userspace
	@$(TOP)/scripts/vm-image $(BUILD)

vm: x86-kernel vm-image
	@$(TOP)/scripts/vm-boot

.PHONY: series series-bisect
series: tree
	@$(TOP)/scripts/make-series $(BUILD) $(TOP)/dist/series

series-bisect: series
	@$(TOP)/scripts/series-bisect $(BUILD) $(TOP)/dist/series

check: all patch series stock-kernel x86-kernel vm-image debug-kernel test-module \
	test-debs
	@$(TOP)/tests/run-all

# Debian packages the tests run without installing them (laurel).
.PHONY: test-debs
test-debs:
	@$(TOP)/scripts/fetch-laurel $(BUILD)

# The module records/kern-module loads in the guest, built for the test
# kernel as an external module in build/tests/module (after the tree's
# own modules, which give it Module.symvers and the module linker script).
MODDIR := $(BUILD)/tests/module
.PHONY: test-module
test-module: kernel
	+$(KMAKE) -s modules
	@mkdir -p $(MODDIR)
	@cp -p $(TOP)/tests/module/audit_test.c $(MODDIR)/
	@echo 'obj-m := audit_test.o' > $(MODDIR)/Kbuild
	+$(KMAKE) -s M=$(MODDIR) modules

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

# The fuzzer (tests/fuzz/) for FUZZ_TIME seconds; fails when the kernel
# reported anything.  Builds no kernel: it boots what is there.
.PHONY: fuzz
fuzz: userspace
	@$(TOP)/scripts/fuzz

clean:
	rm -rf $(UMLOUT) $(X86OUT) $(DBGOUT) $(BUILD)/vm $(TOP)/dist
	$(MAKE) -s userspace-clean

distclean:
	rm -rf $(BUILD) $(TOP)/dist
