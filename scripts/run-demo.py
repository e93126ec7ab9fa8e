#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The main job: boot the UML test kernel, load the core and its test
topology, print it with media-ctl, unbind with the node held open, unload,
and say whether the console stayed clean (KASAN, lockdep, kmemleak, WARN).
Later work grows this into the camera demo."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

ROOT = harness.ROOT


def main():
    kdir = sys.argv[1]
    plan = f"""
kmod videobuf2-v4l2
kmod videobuf2-vmalloc
mod_load {ROOT}/mcpp.ko
mod_load {ROOT}/mcpp_testdev.ko
echo "--- lsmod"; lsmod
node=/dev/$(basename $(ls -d /sys/devices/platform/mcpp-testdev/media*))
echo "--- media-ctl -p -d $node (the core's test topology)"
media-ctl -d $node -p
echo "--- unbind with $node held open, then close and unload"
exec 3<$node
echo mcpp-testdev > /sys/bus/platform/drivers/mcpp-testdev/unbind
ls -l /dev/media* 2>&1
exec 3<&-
mod_unload mcpp_testdev
mod_unload mcpp
kmemleak_check
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
