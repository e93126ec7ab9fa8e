#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The main job: boot the UML test kernel, load the project's modules, show
what is there, unload, and say whether the console stayed clean.
Later work grows this into the camera demo."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

ROOT = harness.ROOT


def main():
    kdir = sys.argv[1]
    plan = f"""
mod_load {ROOT}/mcpp.ko
echo "--- lsmod"; lsmod
echo "--- kcxx runtime symbols exported by mcpp.ko"
grep ' kcxx_' /proc/kallsyms | grep -c '\\[mcpp\\]'
mod_unload mcpp
"""
    console, _ = harness.boot(kdir, plan, timeout=300,
                              log_path=os.path.join(ROOT, "build", "logs", "demo.log"))
    started = False
    for line in console.splitlines():
        started = started or line.startswith("MCPP-BOOTED")
        if started:
            print(line)
    rep = harness.parse(console)
    for det, line in rep.problems:
        print(f"PROBLEM {det}: {line}")
    ok = rep.finished and not rep.problems
    print("demo: " + ("clean" if ok else "FAILED") + " (console in build/logs/demo.log)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
