# SPDX-License-Identifier: GPL-2.0
#
#   make                 build every module against the UML test kernel
#                        (built and cached on first use by scripts/uml-kernel.sh)
#   make KDIR=<tree>     build against another prepared kernel tree
#   make check           subset checker, harness self-tests, KUnit + scenarios
#                        under UML; ends with "N passed, N failed"
#   make check V4L_UTILS_SRC=<v4l-utils tarball or tree>
#                        the same, with v4l2-compliance, v4l2-ctl and media-ctl
#                        built from that source (scripts/v4l-utils.sh, cached)
#                        instead of Debian's 1.22.1
#   make check LIBCAMERA_SRC=<libcamera tarball or tree>
#                        the same, with cam, lc-compliance and libcamerasrc
#                        built from that source (scripts/libcamera.sh, cached)
#                        instead of Debian's 0.0.3
#   make check-libcamera scenario 34-libcamera alone with lc-compliance's whole
#                        list in every libcamera version (make check runs it
#                        whole in Debian's 0.0.3, the newest's capture tests);
#                        LIBCAMERA_SRC as above adds the newest libcamera
#   make check-long      the long variants in one boot: 1,000 unbind-under-load
#                        cycles per driver, 1M fuzzed ioctls (hours; not in check)
#   make fuzz-long       the ioctl fuzzer's long run alone: scenario 40-fuzz with
#                        MCPP_FUZZ_COUNT=1000000 (override on the command line)
#   make mutants         plant each defect of scripts/tests/mutants/mutants.py in a
#                        scratch copy, boot the tests meant to catch it; ends
#                        with "N killed, N survived" (UML; not in check)
#   make run             the main job: boot UML, load mcpp and vcam, capture
#                        build/vcam-main.png, print the topology, the capture
#                        and whether the detectors stayed quiet
#   make bench           benchmarks against vimc on a kernel without detectors
#                        (not a test: Documentation/performance.rst)
#   make check-x86       the x86_64 lane: the same tests on an x86_64 kernel
#                        under QEMU with 2 CPUs (scripts/x86-kernel.sh), its
#                        modules built in build/x86_64 with no warning allowed
#   make drivers KDIR=<tree>  mcpp.ko and vcam.ko only (what dkms.conf builds)
#   make clean

# kbuild reads ./Kbuild, never this file; KERNELRELEASE may be set here all
# the same (DKMS passes it on the command line).

ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

ifeq ($(KDIR),)
KDIR := $(shell $(ROOT)/scripts/uml-kernel.sh --path)
KERNEL_DEP := uml-kernel
KARCH := ARCH=um
endif

.PHONY: all modules drivers uml-kernel check check-libcamera check-long fuzz-long run bench clean x86-kernel \
	x86-modules check-x86 mutants
all: modules

uml-kernel:
	$(ROOT)/scripts/uml-kernel.sh >/dev/null

modules: $(KERNEL_DEP)
	$(MAKE) -C $(KDIR) $(KARCH) M=$(ROOT) modules

# The drivers without the test modules: a distribution kernel need not have
# KUnit.
drivers: $(KERNEL_DEP)
	$(MAKE) -C $(KDIR) $(KARCH) M=$(ROOT) MCPP_DRIVERS_ONLY=y modules

# The v4l-utils tools the scenarios run: built from this source if given.
V4L_UTILS_ARGS = $(if $(V4L_UTILS_SRC),--v4l-utils $(abspath $(V4L_UTILS_SRC)))
# The libcamera the scenarios run: built from this source if given.
LIBCAMERA_ARGS = $(if $(LIBCAMERA_SRC),--libcamera $(abspath $(LIBCAMERA_SRC)))

check: modules
	$(ROOT)/scripts/tests/check.py --kdir $(KDIR) --root $(ROOT) $(V4L_UTILS_ARGS) $(LIBCAMERA_ARGS)

# The rkisp1 personality under libcamera with lc-compliance's whole list in every
# version (about 4 minutes each; check runs the newest's capture tests only, and
# Debian's whole list).
check-libcamera: modules
	MCPP_LC_COMPLIANCE_FILTER='*' $(ROOT)/scripts/tests/check.py --kdir $(KDIR) --root $(ROOT) \
		$(V4L_UTILS_ARGS) $(LIBCAMERA_ARGS) --scenario 34-libcamera --timeout 3600

check-long: modules
	$(ROOT)/scripts/tests/check.py --kdir $(KDIR) --root $(ROOT) --long

MCPP_FUZZ_COUNT ?= 1000000
fuzz-long: modules
	MCPP_FUZZ_COUNT=$(MCPP_FUZZ_COUNT) $(ROOT)/scripts/tests/check.py --kdir $(KDIR) --root $(ROOT) \
		--scenario 40-fuzz --timeout $$((1800 + $(MCPP_FUZZ_COUNT) / 200))

# Scratch copies in build/mutants/w<N>; MCPP_MUTANT_JOBS=N boots N at a time
# (default 2). Documentation/testing.rst, "Mutants".
mutants: uml-kernel
	$(ROOT)/scripts/tests/mutants/run.py --kdir $$($(ROOT)/scripts/uml-kernel.sh --path)

run: modules
	$(ROOT)/scripts/run-demo.py $(KDIR)

# Builds its own kernel and its own copy of the modules (build/bench/).
bench:
	$(ROOT)/scripts/bench/run.py

x86-kernel:
	$(ROOT)/scripts/x86-kernel.sh >/dev/null

x86-modules:
	$(ROOT)/scripts/x86-modules.sh >/dev/null

check-x86: x86-modules
	$(ROOT)/scripts/tests/check.py --kdir $$($(ROOT)/scripts/x86-kernel.sh --path) \
		--root $(ROOT)/build/x86_64 $(V4L_UTILS_ARGS) $(LIBCAMERA_ARGS)

clean:
	@if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) $(KARCH) M=$(ROOT) clean; fi
	rm -rf $(ROOT)/generated $(ROOT)/build

