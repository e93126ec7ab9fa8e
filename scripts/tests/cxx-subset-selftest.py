#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove cxx-subset-check.py rejects planted defects and accepts clean code.

Each source in cxx-subset-selftest/ is compiled with the host g++ using the
subset's flags, minus whatever single flag is needed to produce its defect.
The checker is then run as a subprocess, exactly as the build would run it.

Prints "PASS <case>" or "FAIL <case>: <why>" per case, then
"cxx-subset-selftest: P passed, F failed"; exits 0 iff nothing failed.
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "cxx-subset-check.py")
SRCDIR = os.path.join(HERE, "cxx-subset-selftest")

CLEAN_FLAGS = ["-fno-exceptions", "-fno-rtti", "-fno-asynchronous-unwind-tables",
               "-fno-threadsafe-statics", "-mgeneral-regs-only", "-ffreestanding"]

# Listed in the fake Module.symvers so clean.cpp's external call is "exported".
FAKE_EXPORT = "mcpp_fake_export"


def flags(drop=(), add=()):
    return [f for f in CLEAN_FLAGS if f not in drop] + list(add)


# object name -> (source, compiler flags)
OBJECTS = {
    "clean": ("clean.cpp", flags()),
    "exceptions": ("exceptions.cpp",
                   flags(drop=["-fno-exceptions"], add=["-fexceptions"])),
    "rtti": ("rtti.cpp", flags(drop=["-fno-rtti"], add=["-frtti"])),
    "static-init": ("static-init.cpp", flags()),
    # Keeping -fno-threadsafe-statics proves the _ZGV guard itself is caught,
    # not just the __cxa_guard_* calls.
    "guard-variable": ("guard-variable.cpp", flags()),
    "unwind-tables": ("unwind-tables.cpp",
                      flags(drop=["-fno-asynchronous-unwind-tables"],
                            add=["-fasynchronous-unwind-tables"])),
    "tls": ("tls.cpp", flags()),
    "floating-point": ("floating-point.cpp",
                       flags(drop=["-mgeneral-regs-only"])),
    "x87": ("x87.cpp", flags(drop=["-mgeneral-regs-only"])),
    "soft-float": ("soft-float.cpp", flags()),
    "unknown-symbol": ("unknown-symbol.cpp", flags()),
    "provider": ("provider.cpp", flags()),
}

# (case, objects to check, options, expected exit,
#  expected (rule, detail substring) or None).  Options: "no-symvers" omits
# the fake Module.symvers; "ours:NAME" passes object NAME via --ours.
CASES = [
    ("rejects-exceptions", ["exceptions"], [], 1, ("exceptions", "__cxa_throw")),
    ("rejects-rtti", ["rtti"], [], 1, ("rtti", "__dynamic_cast")),
    ("rejects-static-init", ["static-init"], [], 1,
     ("static-init", ".init_array")),
    ("rejects-guard-variable", ["guard-variable"], [], 1,
     ("static-init", "_ZGV")),
    ("rejects-unwind-tables", ["unwind-tables"], [], 1,
     ("unwind-tables", ".eh_frame")),
    ("rejects-tls", ["tls"], [], 1, ("tls", "")),
    ("rejects-floating-point", ["floating-point"], [], 1,
     ("floating-point", "%xmm")),
    ("rejects-x87", ["x87"], [], 1, ("floating-point", "fld")),
    ("rejects-soft-float-helper", ["soft-float"], [], 1,
     ("floating-point", "__fixdfsi")),
    ("rejects-unknown-symbol", ["unknown-symbol"], [], 1,
     ("unknown-symbol", "mcpp_no_such_symbol")),
    ("accepts-clean", ["clean"], [], 0, None),
    # Shows accepts-clean passed because of the symvers file, not by accident.
    ("rejects-clean-without-symvers", ["clean"], ["no-symvers"], 1,
     ("unknown-symbol", FAKE_EXPORT)),
    ("accepts-symbol-from-ours", ["unknown-symbol"], ["ours:provider"],
     0, None),
    ("usage-error-on-missing-file", ["does-not-exist"], [], 2, None),
]


def compile_all(tmp):
    """Return {name: path or error string}."""
    built = {}
    for name, (src, cflags) in OBJECTS.items():
        obj = os.path.join(tmp, name + ".o")
        res = subprocess.run(["g++", "-c", "-O2", *cflags,
                              os.path.join(SRCDIR, src), "-o", obj],
                             capture_output=True, text=True)
        built[name] = obj if res.returncode == 0 else \
            "compile failed: " + " ".join(res.stderr.split())[:300]
    return built


def run_case(built, tmp, symvers, objs, opts, want_rc, want):
    args = [CHECKER]
    if "no-symvers" not in opts:
        args += ["--symvers", symvers]
    for opt in opts:
        if opt.startswith("ours:"):
            args += ["--ours", built[opt[5:]]]
    # Unknown names stay as paths that do not exist, for the usage-error case.
    args += [built.get(name, os.path.join(tmp, name + ".o")) for name in objs]
    for arg in args:
        if arg.startswith("compile failed"):
            return arg

    res = subprocess.run(args, capture_output=True, text=True)
    flat = " | ".join((res.stdout + res.stderr).strip().splitlines())
    if res.returncode != want_rc:
        return f"exit {res.returncode}, expected {want_rc}: {flat}"
    if want:
        rule, detail = want
        if not any(f": {rule}: " in line and detail in line
                   for line in res.stdout.splitlines()):
            return f"no '{rule}' violation mentioning '{detail}': {flat}"
    return None


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="cxx-subset-selftest.") as tmp:
        symvers = os.path.join(tmp, "Module.symvers")
        with open(symvers, "w") as f:
            f.write(f"0x12345678\t{FAKE_EXPORT}\tvmlinux\tEXPORT_SYMBOL\t\n")
        built = compile_all(tmp)
        for case, objs, opts, want_rc, want in CASES:
            why = run_case(built, tmp, symvers, objs, opts, want_rc, want)
            if why:
                print(f"FAIL {case}: {why}")
                failed += 1
            else:
                print(f"PASS {case}")
                passed += 1
    print(f"cxx-subset-selftest: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
