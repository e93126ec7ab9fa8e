# SPDX-License-Identifier: GPL-2.0
#
# C++ in kbuild. kbuild has no rule for .cpp, so this one derives the C++
# command line from the C flags kbuild computes for the very same object
# (c_flags: architecture, code model, sanitizers, mitigations, KBUILD_MODNAME),
# removes what only means something to C, and adds the subset's flags. The
# command is recorded in .<obj>.cmd and header dependencies come from fixdep,
# exactly as for C.

KCXX ?= $(if $(CONFIG_CC_IS_CLANG),$(LLVM_PREFIX)clang++$(LLVM_SUFFIX),$(CROSS_COMPILE)g++)

# Options that are C-only: g++ would warn about each one.
kcxx_c_only := -std=gnu11 -std=gnu89 \
	-Werror=implicit-function-declaration -Werror=implicit-int \
	-Werror=strict-prototypes -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-pointer-sign -Werror=incompatible-pointer-types \
	-Werror=designated-init -Wno-override-init -Wdeclaration-after-statement \
	-Wold-style-definition -Wmissing-parameter-type -Wno-old-style-declaration \
	-Wimplicit-fallthrough=5 -Wno-alloc-size-larger-than -Wpointer-arith \
	-Wno-maybe-uninitialized -Wenum-conversion -Wno-unused-but-set-variable \
	-Wvla -Wno-pointer-to-enum-cast

# The forced kernel headers are C; C++ files see only our headers and the UAPI.
kcxx_forced := -include %/compiler-version.h %/kconfig.h %/compiler_types.h

# KASAN would register C++ globals from a compiler-made constructor
# (.init_array), which the module loader runs only with CONFIG_CONSTRUCTORS;
# the subset has no constructors at all, so C++ globals go uninstrumented
# (code, heap and stack accesses stay checked).
kcxx_kasan := $(if $(CONFIG_KASAN),$(if $(CONFIG_CC_IS_CLANG),-mllvm -asan-globals=0,--param asan-globals=0))

kcxx_subset := -std=gnu++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics \
	-fno-use-cxa-atexit -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-ffreestanding -nostdinc++ -fno-operator-names -Werror \
	$(if $(filter x86 um,$(SRCARCH)),-mgeneral-regs-only) $(kcxx_kasan)

# The UAPI shim must come before the kernel's include directories.
kcxx_flags = -I$(src)/include/kcxx/uapi-shim \
	$(filter-out $(kcxx_c_only) $(kcxx_forced),$(c_flags)) $(kcxx_subset)

quiet_cmd_cxx_o_cpp = C++ $(quiet_modtag) $@
      cmd_cxx_o_cpp = $(KCXX) $(kcxx_flags) -c -o $@ $< $(cmd_objtool)

$(obj)/%.o: $(obj)/%.cpp $(kcxx_generated) FORCE
	$(call if_changed_dep,cxx_o_cpp)

# Sizes and alignments of kernel structs that C++ embeds as opaque storage,
# computed from the real headers of the kernel being built against (the same
# mechanism as asm-offsets).
$(obj)/generated/kcxx/layout.h: $(obj)/kcxx/layout.s FORCE
	$(call filechk,offsets,KCXX_GENERATED_LAYOUT_H)

targets += kcxx/layout.s
