#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make check: everything the project tests, ending in "N passed, N failed".

1. The C++ subset checker over every built C++ object, and its self-test.
2. The main boot: load the modules, run every KUnit module and userspace
   scenario, unload, scan for leaks. Each KUnit case and scenario counts; every
   detector hit on the console (KASAN, lockdep, WARN, kmemleak, ...) counts as
   a failure of its own.
3. Harness self-tests: one boot per planted defect, each of which must be
   caught by the detector meant for it (and a clean boot by none).

The lane follows --kdir: a UML kernel (make check) boots as a process; the
x86_64 kernel of scripts/x86-kernel.sh (make check-x86) boots under QEMU with
two CPUs, its modules built in a mirror of the tree given as --root.
"""

import argparse
import concurrent.futures
import glob
import os
import shlex
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

ROOT = harness.ROOT
# The tree whose modules and programs are tested (--root): the repository for
# UML, the x86_64 build mirror for QEMU. Its build/ is where the guest writes.
TREE = ROOT


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def add(self, ok, name, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"  {'PASS' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}",
              flush=True)


def cxx_objects():
    objs = []
    for src in glob.glob(os.path.join(TREE, "**", "*.cpp"), recursive=True):
        if "/scripts/" in src or os.path.relpath(src, TREE).startswith("build/"):
            continue  # the checker's own planted sources; other lanes' mirrors
        objs.append(os.path.splitext(src)[0] + ".o")
    return sorted(objs)


def c_objects():
    objs = []
    for src in glob.glob(os.path.join(TREE, "**", "*.c"), recursive=True):
        o = os.path.splitext(src)[0] + ".o"
        if (os.path.exists(o) and "/scripts/" not in src and not src.endswith(".mod.c")
                and not os.path.relpath(src, TREE).startswith("build/")):
            objs.append(o)
    return objs


def check_subset(kdir, tally):
    print("== C++ subset", flush=True)
    objs = cxx_objects()
    missing = [o for o in objs if not os.path.exists(o)]
    tally.add(not missing and bool(objs), "cxx-subset: every C++ source built",
              f"missing {missing}" if missing else "no C++ objects")
    objs = [o for o in objs if os.path.exists(o)]
    # "Ours": every object of the project, and what our modules export.
    cmd = [os.path.join(ROOT, "scripts", "cxx-subset-check.py"),
           "--symvers", os.path.join(kdir, "Module.symvers"),
           "--symvers", os.path.join(TREE, "Module.symvers")]
    for o in c_objects() + objs:
        cmd += ["--ours", o]
    for o in objs:
        r = subprocess.run(cmd + [o], capture_output=True, text=True)
        tally.add(r.returncode == 0, f"cxx-subset {os.path.relpath(o, TREE)}",
                  r.stdout.strip().replace("\n", "; "))
    r = subprocess.run([os.path.join(ROOT, "scripts", "cxx-subset-selftest.py")],
                       capture_output=True, text=True)
    for line in r.stdout.splitlines():
        if line.startswith("PASS ") or line.startswith("FAIL "):
            name = line[5:].split(":")[0]
            tally.add(line.startswith("PASS"), f"cxx-subset-selftest {name}", line)
    if r.returncode != 0 and "FAIL" not in r.stdout:
        tally.add(False, "cxx-subset-selftest ran", r.stderr.strip()[-300:])


def ko(name):
    return os.path.join(TREE, name + ".ko")


# KUnit modules, in load order (they depend on mcpp.ko).
KUNIT_MODULES = ["kcxx_kunit", "mcpp_kunit", "mcpp_bridge_kunit", "vcam_frame_kunit"]


def build_userspace():
    """Host-built test programs that run inside the test kernel (same libc:
    the host's root)."""
    out = os.path.join(TREE, "build")
    os.makedirs(out, exist_ok=True)
    src = os.path.join(TREE, "scripts", "uapi", "mc-uapi-test.c")
    lib = os.path.join(TREE, "scripts", "lib")
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", lib,
                    "-o", os.path.join(out, "mc-uapi-test"), src], check=True)
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", lib,
                    "-I", os.path.join(TREE, "drivers", "media", "vcam", "frame"),
                    "-o", os.path.join(out, "vcam-params-test"),
                    os.path.join(TREE, "scripts", "vcam", "vcam-params-test.c")], check=True)
    # The reference checker of vcam's frames: its own maths, only the buffer ABI header shared.
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror",
                    "-I", os.path.join(TREE, "drivers", "media", "vcam", "frame"),
                    "-o", os.path.join(out, "vcam-check"),
                    os.path.join(TREE, "scripts", "vcam", "vcam-check.c"), "-lm"], check=True)
    # The size and rate ioctls with bad input, the ISP's frame-sync events (32-desktop).
    for prog in ("vcam-enum-test", "vcam-sync-test"):
        subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-o", os.path.join(out, prog),
                        os.path.join(TREE, "scripts", "vcam", prog + ".c")], check=True)
    # The ioctl fuzzer (40-fuzz), unbind under load (50-stress), probe fault
    # injection through sysfs bind (35-probe-faults).
    for prog, src in (("mc-fuzz", "fuzz/mc-fuzz.c"), ("mc-stress", "stress/mc-stress.c"),
                      ("fail-nth-bind", "faults/fail-nth-bind.c")):
        subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-o", os.path.join(out, prog),
                        os.path.join(TREE, "scripts", src)], check=True)


# The test kernel's own modules mcpp.ko needs (videobuf2 is modular there).
KERNEL_DEPS = "kmod videobuf2-v4l2\nkmod videobuf2-vmalloc\n"


# Scenarios that unbind under load, inject faults or fuzz: a boot of their own,
# beside the main one (the machine has two cores; both boots mostly sleep).
ROBUST_SCENARIOS = ("35-probe-faults", "40-fuzz", "50-stress")


def scenarios(robust):
    found = sorted(glob.glob(os.path.join(TREE, "scripts", "scenarios", "*.sh")))
    return [sc for sc in found
            if (os.path.basename(sc)[:-3] in ROBUST_SCENARIOS) == robust]


# Scenario knobs passed from the host environment into the boot.
SCENARIO_ENV = ["MCPP_FUZZ_COUNT", "MCPP_FUZZ_SEED", "MCPP_STRESS_CYCLES"]
# The long variants (make check-long), unless the environment says otherwise.
LONG_ENV = {"MCPP_STRESS_CYCLES": "1000", "MCPP_FUZZ_COUNT": "1000000"}


def scenario_env(defaults=None):
    env = dict(defaults or {})
    env.update({k: os.environ[k] for k in SCENARIO_ENV if k in os.environ})
    return [f"export {k}={shlex.quote(v)}" for k, v in env.items()]


def first_lines(arch):
    # First, on UML only: later unloads must not leave stale KASAN poison
    # (uml_kasan.c). x86_64 has KASAN_VMALLOC, whose shadow goes with the
    # module's memory: the problem does not exist there.
    lines = [f"mod_load {ko('mcpp_uml_kasan')}"] if arch == "um" else []
    lines.append(KERNEL_DEPS + f"mod_load {ko('mcpp')}")
    return lines


def scenario_plan(paths, arch="um", defaults=None):
    """A boot for some scenarios only: mcpp loaded, no KUnit, leak check."""
    lines = first_lines(arch) + scenario_env(defaults)
    lines += [f"scenario {sc} {TREE}" for sc in paths]
    lines += ["mod_unload mcpp", "kmemleak_check"]
    return "\n".join(lines) + "\n"


def main_plan(arch="um"):
    lines = first_lines(arch) + scenario_env()
    for kunit in KUNIT_MODULES:
        lines.append(f"mod_kunit {ko(kunit)}")
    # The driver's suite tests the loaded driver through its nodes.
    lines += [f"mod_load {ko('vcam')}", f"mod_kunit {ko('vcam_kunit')}",
              f"mod_kunit {ko('vcam_race_kunit')}",
              "mod_unload vcam_race_kunit", "mod_unload vcam_kunit", "mod_unload vcam"]
    for sc in scenarios(robust=False):
        lines.append(f"scenario {sc} {TREE}")
    for kunit in reversed(KUNIT_MODULES):
        lines.append(f"mod_unload {kunit}")
    lines.append("mod_unload mcpp")
    lines.append("kmemleak_check")
    return "\n".join(lines) + "\n"


def kunit_plan(names, paths, arch="um"):
    """A boot for some KUnit modules (and scenarios) only: what a developer
    runs while working on one suite (check.py --kunit NAME)."""
    lines = first_lines(arch) + scenario_env()
    loaded = []
    for name in names:
        if name.startswith("vcam_") and name != "vcam_frame_kunit" and "vcam" not in loaded:
            lines.append(f"mod_load {ko('vcam')}")
            loaded.append("vcam")
        lines.append(f"mod_kunit {ko(name)}")
        loaded.append(name)
    lines += [f"scenario {sc} {TREE}" for sc in paths]
    lines += [f"mod_unload {m}" for m in reversed(loaded)]
    lines += ["mod_unload mcpp", "kmemleak_check"]
    return "\n".join(lines) + "\n"


def report_boot(rep, tally, label):
    for line in rep.notes:
        print(f"  NOTE {label}: {line}")
    for c in rep.cases:
        if c.status == "skip":
            print(f"  SKIP {c.module}/{c.suite}/{c.name}")
            continue
        tally.add(c.status == "pass", f"{c.module}/{c.suite}/{c.name}", c.detail)
    for name, ok in rep.scenarios:
        tally.add(ok, f"scenario/{name}")
    for det, line in rep.problems:
        tally.add(False, f"{label}: {det}", line)
    if not rep.finished:
        tally.add(False, f"{label}: boot finished", "no MCPP-END: timeout, crash or hang")


# Each planted defect and the detectors that must catch it; None = clean boot.
# The last field is the boot's timeout on UML; the x86_64 lane adds its
# slower boot (QEMU_SLACK).
def defects():
    return [
        ("clean", f"mod_load {ko('mcpp_defect')} defect=none\nmod_unload mcpp_defect\nkmemleak_check\n",
         set(), 300),
        ("warn", f"mod_load {ko('mcpp_defect')} defect=warn\nmod_unload mcpp_defect\n", {"warn"}, 300),
        ("kasan", f"mod_load {ko('mcpp_defect')} defect=uaf\nmod_unload mcpp_defect\n", {"kasan"}, 300),
        ("kmemleak", f"mod_load {ko('mcpp_defect')} defect=leak\nmod_unload mcpp_defect\nkmemleak_check\n",
         {"kmemleak"}, 300),
        ("module-load", f"mod_load {ko('mcpp_defect')} defect=fail\n", {"module-load"}, 300),
        ("unknown-symbol", f"mod_load {ko('mcpp_defect_consumer')}\n",
         {"unknown-symbol", "module-load"}, 300),
        ("hang", f"mod_load {ko('mcpp_defect')} defect=hang\n", {"incomplete"}, 40),
        # Not a detector: a failed KUnit expectation must count as a failed case.
        ("kunit-fail", f"mod_kunit {ko('mcpp_defect_kunit')}\nmod_unload mcpp_defect_kunit\n",
         {"kunit-pass:1", "kunit-fail:1"}, 300),
    ]


def run_defect(kdir, logdir, name, plan, timeout, share):
    console, timed_out = harness.boot(kdir, plan, timeout=timeout, share=share,
                                      log_path=os.path.join(logdir, f"selftest-{name}.log"))
    rep = harness.parse(console)
    found = set(rep.detectors())
    if not rep.finished:
        found.add("incomplete")
    if rep.cases:
        found.add(f"kunit-pass:{len(rep.passed())}")
        found.add(f"kunit-fail:{len(rep.failed())}")
    return name, found


# Seconds a QEMU boot (TCG, KASAN: two minutes to init on an idle machine,
# several when self-test boots share the two cores) needs beyond a UML one.
QEMU_SLACK = 600


def report_harness(results, tally):
    print("== harness self-tests (one boot per planted defect)", flush=True)
    for name, _, want, _ in defects():
        found = results[name]
        tally.add(found == want, f"harness-selftest/{name}",
                  f"expected detectors {sorted(want)}, got {sorted(found)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kdir", required=True)
    ap.add_argument("--root", default=ROOT,
                    help="the tree whose modules are tested (built against --kdir)")
    ap.add_argument("--timeout", type=int, default=None,
                    help="main boot timeout in seconds (UML 1200, x86_64 3600)")
    ap.add_argument("--skip-selftest", action="store_true")
    ap.add_argument("--scenario", action="append", metavar="NAME",
                    help="boot only for this scenario (e.g. 40-fuzz); no KUnit, no self-tests")
    ap.add_argument("--kunit", action="append", metavar="MODULE",
                    help="boot only for this KUnit module (e.g. mcpp_bridge_kunit), with any"
                    " --scenario given; no self-tests")
    ap.add_argument("--long", action="store_true",
                    help="only the robust boot, with the long variants "
                    + " ".join(f"{k}={v}" for k, v in LONG_ENV.items()))
    args = ap.parse_args()
    global TREE
    TREE = os.path.abspath(args.root)
    arch = harness.kernel_arch(args.kdir)
    lane = "UML" if arch == "um" else "x86_64 (QEMU, 2 CPUs)"
    timeout = args.timeout or (1200 if arch == "um" else 3600)
    slack = 0 if arch == "um" else QEMU_SLACK
    share = os.path.join(TREE, "build")
    logdir = os.path.join(share, "logs")
    tally = Tally()
    t0 = time.time()

    if args.scenario or args.long or args.kunit:
        build_userspace()
        paths = [os.path.join(TREE, "scripts", "scenarios", n + ".sh")
                 for n in args.scenario or []]
        if args.kunit:
            label, plan = "kunit", kunit_plan(args.kunit, paths, arch)
        elif args.long:
            label, plan = "long", scenario_plan(scenarios(robust=True), arch, LONG_ENV)
        else:
            label, plan = "scenario", scenario_plan(paths, arch)
        console, _ = harness.boot(args.kdir, plan, 6 * 3600 if args.long else timeout,
                                  os.path.join(logdir, f"{label}.log"), share=share)
        print(f"== {lane}: {label} boot", flush=True)
        report_boot(harness.parse(console), tally, f"{label} boot")
        print(f"log: {os.path.relpath(logdir)}/{label}.log  ({time.time() - t0:.0f}s)")
        print(f"{tally.passed} passed, {tally.failed} failed")
        return 0 if tally.failed == 0 else 1

    check_subset(args.kdir, tally)
    build_userspace()

    # The main boot spends most of its time asleep (releases delayed by
    # DEBUG_KOBJECT_RELEASE), so the self-test boots run beside it.
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        main_boot = pool.submit(harness.boot, args.kdir, main_plan(arch), timeout,
                                os.path.join(logdir, "main.log"), share=share)
        robust_boot = pool.submit(harness.boot, args.kdir,
                                  scenario_plan(scenarios(robust=True), arch), timeout,
                                  os.path.join(logdir, "robust.log"), share=share)
        planted = [] if args.skip_selftest else [
            pool.submit(run_defect, args.kdir, logdir, n, p, t + slack, share)
            for n, p, _, t in defects()]
        console, _ = main_boot.result()
        robust_console, _ = robust_boot.result()
        results = dict(f.result() for f in planted)

    print(f"== {lane}: modules, KUnit, scenarios", flush=True)
    report_boot(harness.parse(console), tally, "main boot")
    print(f"== {lane}: unbind under load, probe faults, fuzzing", flush=True)
    report_boot(harness.parse(robust_console), tally, "robust boot")
    if not args.skip_selftest:
        report_harness(results, tally)

    print(f"logs: {os.path.relpath(logdir)}/  ({time.time() - t0:.0f}s)")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 0 if tally.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
