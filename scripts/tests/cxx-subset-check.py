#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that C++-compiled kernel objects stay inside the mcpp subset.

Usage: cxx-subset-check.py [--symvers FILE]... [--ours OBJ]... OBJ...

Prints one line per violation, "OBJ: RULE: detail", then
"cxx-subset: N objects, M violations".  Exit status: 0 clean, 1 violations,
2 usage error or unreadable/non-ELF input.

The kernel has no C++ runtime (no libstdc++, no libsupc++, no libgcc
unwinder), so anything the compiler silently leans on that runtime for must
be caught before the module is loaded.  Rules:

exceptions     __cxa_*, _Unwind_*, __gxx_personality*: throwing/catching
               needs the Itanium EH runtime and an unwinder; the kernel has
               neither.  (This also catches __cxa_pure_virtual and
               __cxa_guard_*, which likewise come from libsupc++.)
rtti           _ZTI*/_ZTS* typeinfo objects, the __cxxabiv1 typeinfo vtables
               they point at, and __dynamic_cast/__cxa_bad_cast/
               __cxa_bad_typeid: all implemented by libsupc++.
static-init    .init_array/.fini_array/.ctors/.dtors, _ZGV* guard variables,
               __dso_handle, __cxa_atexit: the module loader only runs
               .init_array with CONFIG_CONSTRUCTORS (and never runs
               destructors), so global objects with dynamic initialisation
               would silently stay unconstructed.
unwind-tables  .eh_frame, .eh_frame_hdr, .gcc_except_table*: useless without
               an unwinder, and their relocations are dead weight in the
               module (build with -fno-asynchronous-unwind-tables).
tls            TLS-flagged sections, .tbss/.tdata*, STT_TLS symbols: the
               kernel has no ELF TLS; %fs/%gs belong to the kernel itself.
floating-point x87/MMX/SSE/AVX instructions in executable sections, and
               undefined libgcc soft-float helpers (__adddf3, __fixdfsi, ...):
               kernel code runs with the user's FPU state live and does not
               save it outside kernel_fpu_begin()/end(), and libgcc is not
               linked into modules.  The disassembly check is x86-only.
unknown-symbol an undefined symbol that is neither exported by the kernel
               (field 2 of any --symvers Module.symvers file) nor defined
               (global/weak) by any OBJ or --ours object: modpost/the loader
               would reject it, usually because it is a hidden runtime
               dependency.  Without --symvers every external reference is
               unknown.  Symbols already reported by another rule are not
               repeated here.
"""

import argparse
import re
import subprocess
import sys

# Provided by the kernel to compiler-generated code (ftrace, retpoline/rethunk,
# stack protector, KASAN/UBSAN/KCOV instrumentation, the module struct).  They
# normally appear in Module.symvers anyway; allowing them keeps the check
# usable with a partial symvers file.
ALLOWED = {"__fentry__", "mcount", "__x86_return_thunk", "__stack_chk_fail",
           "__stack_chk_guard", "__this_module"}
ALLOWED_PREFIXES = ("__x86_indirect_thunk_", "__asan_", "__ubsan_",
                    "__sanitizer_cov_")

EXCEPTION_SYM = re.compile(r"^(__cxa_|_Unwind_|__gxx_personality)")
RTTI_SYM = re.compile(r"^(_ZTI|_ZTS|_ZTVN10__cxxabiv1)")
RTTI_REFS = {"__dynamic_cast", "__cxa_bad_cast", "__cxa_bad_typeid"}
STATIC_INIT_SECTION = re.compile(r"^\.(init_array|fini_array|ctors|dtors)")
STATIC_INIT_SYMS = {"__dso_handle", "__cxa_atexit"}
UNWIND_SECTION = re.compile(r"^\.(eh_frame|eh_frame_hdr|gcc_except_table)")
TLS_SECTION = re.compile(r"^\.(tbss|tdata)")
# libgcc soft-float helpers: __adddf3, __extendsfdf2, __fixdfsi, __floatsidf,
# __mulsc3, ...; anchored on the operation so kernel names do not match.
SOFT_FLOAT_SYM = re.compile(
    r"^__(add|sub|mul|div|neg|cmp|unord|eq|ne|ge|lt|le|gt|powi|extend|trunc|"
    r"fixuns|fix|floatun|float)[a-z]*?(sf|df|tf|xf|hf|bf|sc|dc|tc|xc)[a-z]*\d?$")

# FPU/vector register operands; %mmN must not be read as the tail of %xmmN.
FP_OPERAND = re.compile(r"%(?:[xyz]?mm\d+|st\b|k[0-7]\b)")
# SSE/AVX/FPU-state instructions that can appear without a vector register
# operand (memory or GPR only).  Everything else SSE/MMX names a register
# that FP_OPERAND catches; x87 is "any mnemonic starting with f".
FP_MNEMONIC_PREFIXES = ("cvt", "vcvt", "xsave", "xrstor")
FP_MNEMONICS = {"ldmxcsr", "stmxcsr", "vldmxcsr", "vstmxcsr", "emms",
                "vzeroupper", "vzeroall"}
# objdump prints prefixes as separate words before the mnemonic.
INSN_PREFIXES = {"lock", "rep", "repz", "repe", "repnz", "repne", "data16",
                 "data32", "addr16", "addr32", "cs", "ds", "es", "fs", "gs",
                 "ss", "notrack", "bnd", "rex", "rex.w", "{vex}", "{vex3}",
                 "{evex}", "xacquire", "xrelease"}


class InputError(Exception):
    pass


def run(tool, path):
    try:
        res = subprocess.run(tool + [path], capture_output=True, text=True)
    except OSError as e:
        raise InputError(f"cannot run {tool[0]}: {e}")
    if res.returncode != 0 or "Error" in res.stderr:
        raise InputError(f"{path}: {tool[0]} failed: {res.stderr.strip()}")
    return res.stdout


def sections(path):
    """Yield (name, flags) for every section header."""
    for m in re.finditer(r"^\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+"
                         r"[0-9a-f]+\s+[0-9a-f]+\s+[0-9a-f]+\s+([A-Za-z]*)"
                         r"\s+\d+\s+\d+\s+\d+\s*$",
                         run(["readelf", "-W", "-S"], path), re.M):
        if m.group(1) != "0":
            yield m.group(2), m.group(3)


def symbols(path):
    """Yield (name, type, bind, ndx) for named symbols, skipping FILE/SECTION."""
    # Num: Value Size Type Bind Vis [optional "[other bits]"] Ndx Name
    for m in re.finditer(r"^\s*\d+:\s+[0-9a-f]+\s+\S+\s+(\S+)\s+(\S+)\s+\S+"
                         r"(?:\s+\[[^\]]*\])?\s+(\S+)[ \t]*(\S*)",
                         run(["readelf", "-W", "-s"], path), re.M):
        typ, bind, ndx, name = m.groups()
        if typ not in ("FILE", "SECTION"):
            yield name, typ, bind, ndx


def defined_globals(path):
    return {n for n, _, b, ndx in symbols(path)
            if ndx != "UND" and b in ("GLOBAL", "WEAK", "UNIQUE")}


def fp_instructions(path):
    """Yield (function, insn text) for each FPU/vector instruction."""
    func = "?"
    for line in run(["objdump", "-d", "-w", "--no-show-raw-insn"],
                    path).splitlines():
        m = re.match(r"^[0-9a-f]+ <(.*)>:$", line)
        if m:
            func = m.group(1)
            continue
        m = re.match(r"^\s*[0-9a-f]+:\t(.*)$", line)
        if not m:
            continue
        insn = m.group(1).split("#")[0].strip()
        words = insn.split()
        while words and words[0] in INSN_PREFIXES:
            words.pop(0)
        if not words:
            continue
        mnem, operands = words[0], " ".join(words[1:])
        if (mnem.startswith("f") or mnem in FP_MNEMONICS
                or mnem.startswith(FP_MNEMONIC_PREFIXES)
                or FP_OPERAND.search(operands)):
            yield func, " ".join(insn.split())


def check(path, known):
    """Return a list of (rule, detail) for one object."""
    out = []
    flagged = set()

    def add(rule, detail, sym=None):
        if (rule, detail) not in out:
            out.append((rule, detail))
        if sym:
            flagged.add(sym)

    for name, flags in sections(path):
        if STATIC_INIT_SECTION.match(name):
            add("static-init", f"section {name}")
        if UNWIND_SECTION.match(name):
            add("unwind-tables", f"section {name}")
        if "T" in flags or TLS_SECTION.match(name):
            add("tls", f"section {name}")

    syms = list(symbols(path))
    for name, typ, bind, ndx in syms:
        undef = ndx == "UND"
        if EXCEPTION_SYM.match(name):
            add("exceptions", f"symbol {name}", name)
        if RTTI_SYM.match(name) or (undef and name in RTTI_REFS):
            add("rtti", f"symbol {name}", name)
        if name.startswith("_ZGV") or name in STATIC_INIT_SYMS:
            add("static-init", f"symbol {name}", name)
        if typ == "TLS":
            add("tls", f"symbol {name}", name)
        if undef and SOFT_FLOAT_SYM.match(name):
            add("floating-point", f"soft-float helper {name}", name)

    # One line per function keeps the report readable for FP-heavy code.
    per_func = {}
    for func, insn in fp_instructions(path):
        per_func.setdefault(func, []).append(insn)
    for func, insns in per_func.items():
        more = f" (+{len(insns) - 1} more)" if len(insns) > 1 else ""
        add("floating-point", f"{func}: {insns[0]}{more}")

    for name, typ, bind, ndx in syms:
        if (ndx == "UND" and name and name not in flagged
                and name not in known and name not in ALLOWED
                and not name.startswith(ALLOWED_PREFIXES)):
            add("unknown-symbol", f"undefined symbol {name}")
    return out


def read_symvers(path):
    exported = set()
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) < 2:
                    # Tolerate space-separated hand-written files.
                    fields = line.split()
                if len(fields) >= 2 and fields[1].strip():
                    exported.add(fields[1].strip())
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}")
    return exported


def main():
    ap = argparse.ArgumentParser(
        description="Reject C++ objects that need runtime support the "
                    "kernel does not provide.")
    ap.add_argument("--symvers", action="append", default=[], metavar="FILE",
                    help="Module.symvers listing kernel exports")
    ap.add_argument("--ours", action="append", default=[], metavar="OBJ",
                    help="extra object whose global definitions may be used")
    ap.add_argument("objs", nargs="+", metavar="OBJ")
    args = ap.parse_args()

    try:
        known = set()
        for path in args.symvers:
            known |= read_symvers(path)
        for path in args.ours + args.objs:
            # readelf reports missing files on stderr only; open() gives a
            # clean error first.
            open(path, "rb").close()
            known |= defined_globals(path)
        total = 0
        for path in args.objs:
            for rule, detail in check(path, known):
                print(f"{path}: {rule}: {detail}")
                total += 1
    except OSError as e:
        print(f"cxx-subset-check: {e.filename}: {e.strerror}", file=sys.stderr)
        return 2
    except InputError as e:
        print(f"cxx-subset-check: {e}", file=sys.stderr)
        return 2

    print(f"cxx-subset: {len(args.objs)} objects, {total} violations")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
