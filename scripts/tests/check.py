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
import re
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
    """Two results: the checker over every C++ object of the project (the
    offending objects in the detail), and the checker's own self-test (its
    failed planted cases in the detail)."""
    print("== C++ subset", flush=True)
    objs = cxx_objects()
    bad = [f"{os.path.relpath(o, TREE)}: not built" for o in objs if not os.path.exists(o)]
    objs = [o for o in objs if os.path.exists(o)]
    # "Ours": every object of the project, and what our modules export.
    cmd = [os.path.join(ROOT, "scripts", "tests", "cxx-subset-check.py"),
           "--symvers", os.path.join(kdir, "Module.symvers"),
           "--symvers", os.path.join(TREE, "Module.symvers")]
    for o in c_objects() + objs:
        cmd += ["--ours", o]
    for o in objs:
        r = subprocess.run(cmd + [o], capture_output=True, text=True)
        if r.returncode != 0:
            bad.append(f"{os.path.relpath(o, TREE)}: " + r.stdout.strip().replace("\n", "; "))
    tally.add(bool(objs) and not bad, f"cxx-subset: {len(objs)} C++ objects",
              "; ".join(bad) if bad else "no C++ objects")
    r = subprocess.run([os.path.join(ROOT, "scripts", "tests", "cxx-subset-selftest.py")],
                       capture_output=True, text=True)
    cases = [ln for ln in r.stdout.splitlines() if ln.startswith(("PASS ", "FAIL "))]
    failed = [ln for ln in cases if ln.startswith("FAIL ")]
    tally.add(r.returncode == 0 and cases and not failed,
              f"cxx-subset-selftest: {len(cases)} planted cases",
              "; ".join(failed) or r.stderr.strip()[-300:] or f"exit {r.returncode}")


def check_kerneldoc(kdir, tally):
    """One result: the kernel's kernel-doc -Wall over every header of
    include/mcpp/ (the core's and the bridge's C faces) and of include/uapi/
    (vcam's buffer layouts), its warnings in the detail."""
    print("== kernel-doc", flush=True)
    tool = os.path.join(kdir, "source", "scripts", "kernel-doc")
    headers = sorted(glob.glob(os.path.join(TREE, "include", "mcpp", "*.h*")) +
                     glob.glob(os.path.join(TREE, "include", "uapi", "*", "*.h")))
    r = subprocess.run([tool, "-Wall", "-none"] + headers, capture_output=True, text=True)
    out = (r.stdout + r.stderr).strip()
    tally.add(r.returncode == 0 and headers and not out,
              f"kernel-doc -Wall: {len(headers)} headers of include/mcpp/ and include/uapi/",
              out.replace("\n", "; ")[-600:] or f"exit {r.returncode}")


def check_layers(tally):
    """One result: no include or call from a lower layer to a higher one, and
    no two files of mcpp.ko calling each other (scripts/tests/layers.py)."""
    print("== layers", flush=True)
    r = subprocess.run([os.path.join(ROOT, "scripts", "tests", "layers.py"), "--root", TREE, "--objects"],
                       capture_output=True, text=True)
    lines = r.stdout.strip().splitlines()
    tally.add(r.returncode == 0, f"layers: {lines[-1] if lines else 'no output'}",
              "; ".join(lines[:-1])[:600] or r.stderr.strip()[-300:])


def ko(name):
    return os.path.join(TREE, name + ".ko")


# KUnit modules, in load order (they depend on mcpp.ko).
KUNIT_MODULES = ["kcxx_kunit", "mcpp_kunit", "mcpp_bridge_kunit", "vcam_frame_kunit"]


def build_userspace():
    """Host-built test programs that run inside the test kernel (same libc:
    the host's root)."""
    out = os.path.join(TREE, "build")
    os.makedirs(out, exist_ok=True)
    src = os.path.join(TREE, "scripts", "tests", "uapi", "mc-uapi-test.c")
    lib = os.path.join(TREE, "scripts", "tests", "lib")
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", lib,
                    "-o", os.path.join(out, "mc-uapi-test"), src], check=True)
    # The contract after unbind, against vimc and vcam (25-contract).
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", lib,
                    "-o", os.path.join(out, "mc-contract"),
                    os.path.join(TREE, "scripts", "tests", "uapi", "mc-contract.c")], check=True)
    uapi = os.path.join(TREE, "include", "uapi")  # vcam's buffer layouts: linux/vcam-config.h
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", lib, "-I", uapi,
                    "-o", os.path.join(out, "vcam-params-test"),
                    os.path.join(TREE, "scripts", "tests", "vcam", "vcam-params-test.c")], check=True)
    # The reference checker of vcam's frames: its own maths, only the uAPI header shared.
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", uapi,
                    "-o", os.path.join(out, "vcam-check"),
                    os.path.join(TREE, "scripts", "tests", "vcam", "vcam-check.c"), "-lm"], check=True)
    # The pictures and the 3A measurement of libcamera's captures (34-libcamera).
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-o", os.path.join(out, "lc-frames"),
                    os.path.join(TREE, "scripts", "tests", "vcam", "lc-frames.c"), "-lm"], check=True)
    # Blocked calls across unbind (30-vcam).
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-pthread",
                    "-o", os.path.join(out, "node-wait-test"),
                    os.path.join(TREE, "scripts", "tests", "uapi", "node-wait-test.c")], check=True)
    # vcam's error-injection controls and Disconnect (34-errinj).
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-pthread", "-I", lib,
                    "-o", os.path.join(out, "vcam-errinj-test"),
                    os.path.join(TREE, "scripts", "tests", "vcam", "vcam-errinj-test.c")], check=True)
    # The size and rate ioctls with bad input, the ISP's frame-sync events (32-desktop).
    for prog in ("vcam-enum-test", "vcam-sync-test"):
        subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-I", uapi,
                        "-o", os.path.join(out, prog),
                        os.path.join(TREE, "scripts", "tests", "vcam", prog + ".c")], check=True)
    # The ioctl fuzzer (40-fuzz), unbind under load (50-stress), probe fault
    # injection through sysfs bind (35-probe-faults).
    for prog, src in (("mc-fuzz", "fuzz/mc-fuzz.c"), ("mc-stress", "stress/mc-stress.c"),
                      ("fail-nth-bind", "faults/fail-nth-bind.c"),
                      ("fail-nth-stream", "faults/fail-nth-stream.c"),
                      ("dmabuf-hold", "vcam/dmabuf-hold.c")):
        subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-o", os.path.join(out, prog),
                        os.path.join(TREE, "scripts", "tests", src)], check=True)
    # Unbind while a call waits on a userfaultfd page fault (32-uffd).
    subprocess.run(["gcc", "-O2", "-Wall", "-Werror", "-pthread",
                    "-o", os.path.join(out, "uffd-unbind"),
                    os.path.join(TREE, "scripts", "tests", "uffd", "uffd-unbind.c")], check=True)


# The test kernel's own modules mcpp.ko needs (videobuf2 is modular there).
KERNEL_DEPS = "kmod videobuf2-v4l2\nkmod videobuf2-vmalloc\n"


# Scenarios that unbind under load, inject faults or fuzz: a boot of their own,
# beside the main one (the machine has two cores; both boots mostly sleep).
ROBUST_SCENARIOS = ("34-errinj-unplug", "35-probe-faults", "40-fuzz", "50-stress")


def scenarios(robust):
    found = sorted(glob.glob(os.path.join(TREE, "scripts", "tests", "scenarios", "*.sh")))
    return [sc for sc in found
            if (os.path.basename(sc)[:-3] in ROBUST_SCENARIOS) == robust]


# Scenario knobs passed from the host environment into the boot.
SCENARIO_ENV = ["MCPP_FUZZ_COUNT", "MCPP_FUZZ_SEED", "MCPP_STRESS_CYCLES",
                "MCPP_LC_COMPLIANCE_FILTER"]
# The long variants (make check-long), unless the environment says otherwise.
LONG_ENV = {"MCPP_STRESS_CYCLES": "1000", "MCPP_FUZZ_COUNT": "1000000"}


# The v4l-utils tools the scenarios run (v4l2-compliance, v4l2-ctl,
# media-ctl): Debian's on PATH, unless check.py was given a source
# (--v4l-utils, V4L_UTILS_SRC), whose build (scripts/v4l-utils.sh) comes first
# on PATH inside the boot, its bin dir in MCPP_V4L_UTILS.
V4L_UTILS_BIN = None


def v4l_utils(src):
    """Builds (or finds cached) the tools of the v4l-utils source src."""
    global V4L_UTILS_BIN
    r = subprocess.run([os.path.join(ROOT, "scripts", "v4l-utils.sh"), src],
                       stdout=subprocess.PIPE, text=True, check=True)
    V4L_UTILS_BIN = r.stdout.strip().splitlines()[-1]
    version = subprocess.run([os.path.join(V4L_UTILS_BIN, "v4l2-compliance"), "--version"],
                             capture_output=True, text=True).stdout.strip()
    print(f"v4l-utils: {V4L_UTILS_BIN} ({version})", flush=True)


# The libcamera the scenarios run (cam, lc-compliance, the libcamerasrc
# element): Debian's 0.0.3 on PATH, unless check.py was given a source
# (--libcamera, LIBCAMERA_SRC), whose build (scripts/libcamera.sh) comes first
# on PATH inside the boot, its bin dir in MCPP_LIBCAMERA.
LIBCAMERA_BIN = None


def libcamera(src):
    """Builds (or finds cached) libcamera's test clients from the source src."""
    global LIBCAMERA_BIN
    r = subprocess.run([os.path.join(ROOT, "scripts", "libcamera.sh"), src],
                       stdout=subprocess.PIPE, text=True, check=True)
    LIBCAMERA_BIN = r.stdout.strip().splitlines()[-1]
    version = subprocess.run([os.path.join(LIBCAMERA_BIN, "cam"), "--version"],
                             capture_output=True, text=True)
    version = (version.stdout + version.stderr).strip().splitlines()
    print(f"libcamera: {LIBCAMERA_BIN} ({version[-1] if version else '?'})", flush=True)


def scenario_env(defaults=None):
    env = dict(defaults or {})
    env.update({k: os.environ[k] for k in SCENARIO_ENV if k in os.environ})
    lines = [f"export {k}={shlex.quote(v)}" for k, v in env.items()]
    if V4L_UTILS_BIN:
        lines += [f"export MCPP_V4L_UTILS={shlex.quote(V4L_UTILS_BIN)}",
                  'export PATH="$MCPP_V4L_UTILS:$PATH"']
    if LIBCAMERA_BIN:
        lines += [f"export MCPP_LIBCAMERA={shlex.quote(LIBCAMERA_BIN)}",
                  'export PATH="$MCPP_LIBCAMERA:$PATH"']
    return lines


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
    # The test topology's driver, with a caller parked inside it.
    lines += [f"mod_load {ko('mcpp_testdev')}", f"mod_kunit {ko('mcpp_testdev_kunit')}",
              "mod_unload mcpp_testdev_kunit", "mod_unload mcpp_testdev"]
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
        if name == "mcpp_testdev_kunit":
            lines.append(f"mod_load {ko('mcpp_testdev')}")
            loaded.append("mcpp_testdev")
        lines.append(f"mod_kunit {ko(name)}")
        loaded.append(name)
    lines += [f"scenario {sc} {TREE}" for sc in paths]
    lines += [f"mod_unload {m}" for m in reversed(loaded)]
    lines += ["mod_unload mcpp", "kmemleak_check"]
    return "\n".join(lines) + "\n"


# The KUnit cases each suite must report, from the sources: Kbuild names a
# module's objects; a registration file names each suite (.name), its case
# array (.test_cases) and the KUNIT_CASE*() entries in it, or defines it with
# KCXX_KUNIT_SUITE() from a case list in a header it includes ("#define
# LIST(CASE, SLOW)", one CASE() or SLOW() line per case, include/kcxx/kunit.h).
# A suite whose init fails prints no plan, and a module that fails to load
# takes its suites with it: every case missing from a boot counts as a failed
# case, by name.
def kunit_expected(tree=None):
    """{module: {suite: [case, ...]}} for every KUnit module in Kbuild."""
    tree = tree or TREE
    with open(os.path.join(tree, "Kbuild")) as f:
        kbuild = f.read().replace("\\\n", " ")
    out = {}
    for mod, objs in re.findall(r"^(\w+)-y\s*:?=\s*(.*)$", kbuild, re.M):
        suites = {}
        for o in objs.split():
            src = os.path.join(tree, o[:-2] + ".c")
            if o.endswith(".o") and os.path.exists(src):
                with open(src) as f:
                    text = f.read()
                for inc in re.findall(r'^#include "([^"]+)"', text, re.M):
                    path = os.path.join(os.path.dirname(src), inc)
                    if os.path.exists(path):
                        with open(path) as f:
                            text += "\n" + f.read()
                suites.update(kunit_suites(text))
        if suites:
            out[mod] = suites
    return out


def kunit_suites(text):
    """{suite name: [case names]} of the suites a C file registers."""
    arrays = {name: re.findall(r"KUNIT_CASE\w*\(\s*(\w+)", body) for name, body in
              re.findall(r"struct kunit_case\s+(\w+)\[\]\s*=\s*\{(.*?)\n\};", text, re.S)}
    lists = {name: re.findall(r"\b(?:CASE|SLOW)\(\s*(\w+)\s*\)", body) for name, body in
             re.findall(r"^#define\s+(\w+)\(CASE, SLOW\)((?:.*\\\n)*.*)$", text, re.M)}
    registered = set()
    for args in re.findall(r"kunit_test_suites?\((.*?)\);", text, re.S):
        registered.update(re.findall(r"\w+", args))
    suites = {}
    for var, name, lst in re.findall(r'^KCXX_KUNIT_SUITE\((\w+),\s*"([^"]+)",\s*(\w+)\);', text, re.M):
        if var in registered:
            suites[name] = lists.get(lst, [])
    for var, body in re.findall(r"struct kunit_suite\s+(\w+)\s*=\s*\{(.*?)\n\};", text, re.S):
        name = re.search(r'\.name\s*=\s*"([^"]+)"', body)
        cases = re.search(r"\.test_cases\s*=\s*(\w+)", body)
        if var in registered and name and cases:
            suites[name.group(1)] = arrays.get(cases.group(1), [])
    return suites


def planned(plan_text):
    """The KUnit modules and scenarios a plan runs."""
    mods, scens = [], []
    for line in (plan_text or "").splitlines():
        words = line.split()
        if len(words) >= 2 and words[0] == "mod_kunit":
            mods.append(os.path.basename(words[1])[:-3])
        elif len(words) >= 2 and words[0] == "scenario":
            scens.append(os.path.basename(words[1])[:-3])
    return mods, scens


def case_results(rep, plan_text=None):
    """[(name, status, detail)]: one per KUnit case reported, status pass,
    fail or skip. With the plan, also a failed one per case the sources pin
    for the plan's KUnit modules (kunit_expected()) that the boot never
    reported, and per scenario of the plan that never ended."""
    mods, scens = planned(plan_text)
    pinned = kunit_expected() if mods else {}
    out, reported = [], {}
    for c in rep.cases:
        key = (c.module, c.suite)
        if key[0] in mods and c.name.endswith("-never-reported"):
            continue  # counted by name below
        reported.setdefault(key, set()).add(c.name)
        name = f"{c.module}/{c.suite}/{c.name}"
        if c.module in mods and c.name not in pinned.get(c.module, {}).get(c.suite, ()):
            out.append((name, "fail", f"{c.status}, but not a case of {c.suite} in the sources"))
        else:
            out.append((name, c.status, c.detail))
    for mod in mods:
        if mod not in pinned:
            out.append((f"{mod}: KUnit suites", "fail", "no suite found in the sources"))
        for suite, cases in pinned.get(mod, {}).items():
            for case in cases:
                if case not in reported.get((mod, suite), ()):
                    out.append((f"{mod}/{suite}/{case}", "fail", "never reported"))
    ended = {name for name, _ in rep.scenarios}
    out += [(f"scenario/{name}", "pass" if ok else "fail", " ... ".join(rep.scenario_why.get(name, ())))
            for name, ok in rep.scenarios]
    out += [(f"scenario/{name}", "fail", "never reported") for name in scens if name not in ended]
    return out


def report_boot(rep, tally, label, plan_text=None):
    """One result per KUnit case and scenario (case_results()) and per
    detector hit."""
    for line in rep.notes:
        print(f"  NOTE {label}: {line}")
    for name, status, detail in case_results(rep, plan_text):
        if status == "skip":
            print(f"  SKIP {name}")
        else:
            tally.add(status == "pass", name, detail)
    for det, line in rep.problems:
        tally.add(False, f"{label}: {det}", line)
    if not rep.finished:
        tally.add(False, f"{label}: boot finished", "no MCPP-END: timeout, crash or hang")


# Each planted defect and the detectors that must catch it, each alone: an
# empty set is a clean boot. The last field is the boot's timeout on UML; the
# x86_64 lane adds its slower boot (QEMU_SLACK). A NULL dereference is an
# oops on x86_64 (insmod is killed, the boot goes on) and a panic on UML
# (every kernel-mode fault is: the boot ends there).
def defects(arch="um"):
    def planted(d, unload=True, extra=""):
        return (f"mod_load {ko('mcpp_defect')} defect={d}{extra}\n"
                + ("mod_unload mcpp_defect\n" if unload else ""))
    oops = {"bug", "incomplete"} if arch == "um" else {"bug", "module-load"}
    return [
        ("clean", planted("none") + "kmemleak_check\n", set(), 300),
        ("warn", planted("warn"), {"warn"}, 300),
        ("kasan", planted("uaf"), {"kasan"}, 300),
        ("kmemleak", planted("leak") + "kmemleak_check\n", {"kmemleak"}, 300),
        ("module-load", planted("fail", unload=False), {"module-load"}, 300),
        ("unknown-symbol", f"mod_load {ko('mcpp_defect_consumer')}\n",
         {"unknown-symbol", "module-load"}, 300),
        ("hang", planted("hang", unload=False), {"incomplete"}, 40),
        ("lockdep", planted("lockdep"), {"lockdep"}, 300),
        ("refcount", planted("refcount"), {"refcount"}, 300),
        ("debugobjects", planted("odebug"), {"debugobjects"}, 300),
        ("ubsan", planted("ubsan"), {"ubsan"}, 300),
        ("oops", planted("oops", unload=False), oops, 300),
        # The detector's timeout shortened to 5 s for this boot only.
        ("hung-task", "echo 5 > /proc/sys/kernel/hung_task_timeout_secs\n"
         + planted("dstate", extra=" dstate_ms=20000"), {"hung-task"}, 300),
        # Not a detector: a failed KUnit expectation must count as a failed
        # case, and so must the case of a suite whose init fails (it prints
        # no plan): 1 passed, 2 failed.
        ("kunit-fail", f"mod_kunit {ko('mcpp_defect_kunit')}\nmod_unload mcpp_defect_kunit\n",
         {"kunit-pass:1", "kunit-fail:2"}, 300),
    ]


def run_defect(kdir, logdir, name, plan, timeout, share):
    console, timed_out = harness.boot(kdir, plan, timeout=timeout, share=share,
                                      log_path=os.path.join(logdir, f"selftest-{name}.log"))
    rep = harness.parse(console)
    found = set(rep.detectors())
    if not rep.finished:
        found.add("incomplete")
    results = [st for n, st, _ in case_results(rep, plan) if not n.startswith("scenario/")]
    if results:
        found.add(f"kunit-pass:{results.count('pass')}")
        found.add(f"kunit-fail:{results.count('fail')}")
    return name, found


# Seconds a QEMU boot (TCG, KASAN: two minutes to init on an idle machine,
# several when self-test boots share the two cores) needs beyond a UML one.
QEMU_SLACK = 600


def report_harness(results, tally, kdir, arch, only=None):
    print("== harness self-tests (one boot per planted defect)", flush=True)
    for name, _, want, _ in defects(arch):
        if only is not None and name not in only:
            continue
        found = results[name]
        tally.add(found == want, f"harness-selftest/{name}",
                  f"expected detectors {sorted(want)}, got {sorted(found)}")
    # Without a boot: every report header the kernel's sources print (lockdep,
    # hung task, UBSAN, refcount, ODEBUG, KASAN) is named by its detector.
    src = os.path.join(kdir, "source")
    try:
        bad, n = harness.header_check(src)
        detail = "; ".join(f"{f}: '{h}' -> {d}" for f, h, d in bad)
    except OSError as e:
        bad, n, detail = [e], 0, str(e)
    tally.add(not bad and n > 0, f"harness-selftest/report-headers ({n} headers)", detail)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kdir", required=True)
    ap.add_argument("--root", default=ROOT,
                    help="the tree whose modules are tested (built against --kdir)")
    ap.add_argument("--timeout", type=int, default=None,
                    help="main boot timeout in seconds (UML 2700, x86_64 3600)")
    ap.add_argument("--skip-selftest", action="store_true")
    ap.add_argument("--scenario", action="append", metavar="NAME",
                    help="boot only for this scenario (e.g. 40-fuzz); no KUnit, no self-tests")
    ap.add_argument("--kunit", action="append", metavar="MODULE",
                    help="boot only for this KUnit module (e.g. mcpp_bridge_kunit), with any"
                    " --scenario given; no self-tests")
    ap.add_argument("--selftest", action="append", metavar="NAME",
                    help="only these harness self-tests (planted defects, one boot at a"
                    " time; 'all' for every one), and the report-headers check")
    ap.add_argument("--long", action="store_true",
                    help="only the robust boot, with the long variants "
                    + " ".join(f"{k}={v}" for k, v in LONG_ENV.items()))
    ap.add_argument("--v4l-utils", metavar="SRC", default=os.environ.get("V4L_UTILS_SRC"),
                    help="a v4l-utils tarball or source tree: build its v4l2-compliance,"
                    " v4l2-ctl and media-ctl (scripts/v4l-utils.sh) and test with them"
                    " instead of Debian's (default: $V4L_UTILS_SRC)")
    ap.add_argument("--libcamera", metavar="SRC", default=os.environ.get("LIBCAMERA_SRC"),
                    help="a libcamera tarball or source tree: build its cam, lc-compliance"
                    " and libcamerasrc (scripts/libcamera.sh) and test with them instead of"
                    " Debian's 0.0.3 (default: $LIBCAMERA_SRC)")
    args = ap.parse_args()
    global TREE
    TREE = os.path.abspath(args.root)
    arch = harness.kernel_arch(args.kdir)
    lane = "UML" if arch == "um" else "x86_64 (QEMU, 2 CPUs)"
    timeout = args.timeout or (2700 if arch == "um" else 3600)
    slack = 0 if arch == "um" else QEMU_SLACK
    share = os.path.join(TREE, "build")
    logdir = os.path.join(share, "logs")
    tally = Tally()
    t0 = time.time()
    if args.v4l_utils:
        v4l_utils(args.v4l_utils)
    if args.libcamera:
        libcamera(args.libcamera)

    if args.selftest:
        wanted = [d for d in defects(arch) if "all" in args.selftest or d[0] in args.selftest]
        results = dict(run_defect(args.kdir, logdir, n, p, t + slack, share)
                       for n, p, _, t in wanted)
        report_harness(results, tally, args.kdir, arch, [d[0] for d in wanted])
        print(f"logs: {os.path.relpath(logdir)}/selftest-*.log  ({time.time() - t0:.0f}s)")
        print(f"{tally.passed} passed, {tally.failed} failed")
        return 0 if tally.failed == 0 else 1

    if args.scenario or args.long or args.kunit:
        build_userspace()
        paths = [os.path.join(TREE, "scripts", "tests", "scenarios", n + ".sh")
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
        report_boot(harness.parse(console), tally, f"{label} boot", plan)
        print(f"log: {os.path.relpath(logdir)}/{label}.log  ({time.time() - t0:.0f}s)")
        print(f"{tally.passed} passed, {tally.failed} failed")
        return 0 if tally.failed == 0 else 1

    check_subset(args.kdir, tally)
    check_kerneldoc(args.kdir, tally)
    check_layers(tally)
    build_userspace()

    # The main boot spends most of its time asleep (releases delayed by
    # DEBUG_KOBJECT_RELEASE), so the self-test boots run beside it.
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        plan, robust_plan = main_plan(arch), scenario_plan(scenarios(robust=True), arch)
        main_boot = pool.submit(harness.boot, args.kdir, plan, timeout,
                                os.path.join(logdir, "main.log"), share=share)
        robust_boot = pool.submit(harness.boot, args.kdir, robust_plan, timeout,
                                  os.path.join(logdir, "robust.log"), share=share)
        planted = [] if args.skip_selftest else [
            pool.submit(run_defect, args.kdir, logdir, n, p, t + slack, share)
            for n, p, _, t in defects(arch)]
        console, _ = main_boot.result()
        robust_console, _ = robust_boot.result()
        results = dict(f.result() for f in planted)

    print(f"== {lane}: modules, KUnit, scenarios", flush=True)
    report_boot(harness.parse(console), tally, "main boot", plan)
    print(f"== {lane}: unbind under load, probe faults, fuzzing", flush=True)
    report_boot(harness.parse(robust_console), tally, "robust boot", robust_plan)
    if not args.skip_selftest:
        report_harness(results, tally, args.kdir, arch)

    print(f"logs: {os.path.relpath(logdir)}/  ({time.time() - t0:.0f}s)")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 0 if tally.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
