#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make mutants: plant each defect of mutants.py in a scratch copy of the tree,
build it, boot only the tests that should catch it, and report who killed it.

    scripts/tests/mutants/run.py [--jobs N] [--only NAME ...] [--list] [--keep-going]

Each worker has its own scratch copy, build/mutants/w<N> (the tree without
build outputs; never part of a normal build). For each mutant the worker
puts back the files the previous one changed, applies the mutant's edits
(each old snippet must occur exactly once, or the mutant is an error of the
harness, not a kill), rebuilds the modules incrementally and boots UML with
only the mutant's KUnit suites (kunit.filter_glob) and scenarios.

Before the mutants, each worker boots its unchanged copy with every test any
mutant uses: the baseline must pass, or nothing it says about a mutant would
mean anything.

A mutant is killed when its boot fails: a KUnit case or a scenario fails, a
detector fires (KASAN, lockdep, WARN, kmemleak, refcount, hung task...), or
the boot does not finish. A mutant that does not apply or does not build is
reported as ERROR. Ends with "N killed, N survived" (and "N errors" if any);
exit status 0 only when every mutant was killed.
"""

import argparse
import concurrent.futures
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "scripts", "tests"))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import mutants as catalogue  # noqa: E402

KERNEL_DEPS = "kmod videobuf2-v4l2\nkmod videobuf2-vmalloc\n"
# KUnit modules that test the loaded vcam driver.
NEEDS_VCAM = ("vcam_kunit", "vcam_race_kunit")

print_lock = threading.Lock()


def say(msg):
    with print_lock:
        print(msg, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


# Build outputs and what is not source: never copied into a scratch tree.
SKIP_DIRS = {"build", ".git", "generated", "__pycache__"}
SKIP_EXT = (".o", ".ko", ".cmd", ".mod", ".mod.c", ".a", ".s", ".order", ".symvers")


def make_scratch(where):
    """Brings the sources of the tree into where (objects there are kept, so
    the next build is incremental); a file that differs gets the current
    time, so make rebuilds what it feeds (even if a mutant was built last)."""
    import filecmp
    for dirpath, dirnames, filenames in os.walk(ROOT):
        rel = os.path.relpath(dirpath, ROOT)
        if rel == ".":
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
        else:
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
        os.makedirs(os.path.join(where, rel), exist_ok=True)
        for name in filenames:
            if name.endswith(SKIP_EXT) or name.startswith("."):
                continue
            src = os.path.join(dirpath, name)
            dst = os.path.join(where, rel, name)
            if not os.path.exists(dst) or not filecmp.cmp(src, dst, shallow=False):
                shutil.copyfile(src, dst)
                shutil.copymode(src, dst)
                os.utime(dst)


def restore(where, files):
    """Puts back the pristine copy of files (and a fresh mtime: make rebuilds)."""
    for rel in files:
        dst = os.path.join(where, rel)
        shutil.copyfile(os.path.join(ROOT, rel), dst)
        os.utime(dst)


def apply(where, m):
    """Applies m's edits; returns None, or why it could not."""
    for rel, old, new in m.edits:
        path = os.path.join(where, rel)
        try:
            with open(path) as f:
                text = f.read()
        except OSError as e:
            return f"{rel}: {e.strerror}"
        n = text.count(old)
        if n != 1:
            return f"{rel}: the old snippet occurs {n} times (re-anchor it)"
        with open(path, "w") as f:
            f.write(text.replace(old, new))
    return None


def build(kdir, where):
    r = sh(["nice", "make", "-C", kdir, "ARCH=um", f"M={where}", "-j2", "modules"])
    if r.returncode:
        lines = [ln for ln in (r.stdout + r.stderr).splitlines() if "error" in ln.lower()]
        return "\n".join(lines[:6]) or r.stderr[-600:]
    return None


def plan(where, kunit, scenarios):
    """kunit: [(module, glob)]; the module is loaded once per glob."""
    ko = lambda name: os.path.join(where, name + ".ko")  # noqa: E731
    lines = [f"mod_load {ko('mcpp_uml_kasan')}", KERNEL_DEPS + f"mod_load {ko('mcpp')}"]
    vcam = False
    for module, glob in kunit:
        if module in NEEDS_VCAM and not vcam:
            lines.append(f"mod_load {ko('vcam')}")
            vcam = True
        lines.append(f"printf '%s' '{glob}' > /sys/module/kunit/parameters/filter_glob")
        lines.append(f"mod_kunit {ko(module)}")
        lines.append(f"mod_unload {module}")
    if vcam:
        lines.append("mod_unload vcam")
    lines += [f"scenario {os.path.join(where, 'scripts', 'tests', 'scenarios', s + '.sh')} {where}"
              for s in scenarios]
    lines += ["mod_unload mcpp", "kmemleak_check"]
    return "\n".join(lines) + "\n"


def verdict(rep):
    """(killed, by): the first thing that failed, or (False, None)."""
    for c in rep.failed():
        return True, f"{c.suite}.{c.name}"
    for name, ok in rep.scenarios:
        if not ok:
            return True, f"scenario {name}"
    for det, line in rep.problems:
        return True, f"{det}: {line[:100]}"
    if not rep.finished:
        return True, "incomplete (no MCPP-END: hang or crash)"
    return False, None


def boot(kdir, where, kunit, scenarios, timeout, log):
    console, _ = harness.boot(kdir, plan(where, kunit, scenarios), timeout=timeout,
                              log_path=log, share=os.path.join(where, "build"))
    return harness.parse(console)


def union(ms):
    kunit, scen = [], []
    for m in ms:
        for k in m.kunit:
            if k not in kunit:
                kunit.append(k)
        for s in m.scenarios:
            if s not in scen:
                scen.append(s)
    return kunit, scen


class Worker:
    def __init__(self, n, kdir, logdir):
        self.n = n
        self.kdir = kdir
        self.where = os.path.join(ROOT, "build", "mutants", f"w{n}")
        self.logdir = logdir
        self.touched = []

    def prepare(self, ms):
        make_scratch(self.where)
        err = build(self.kdir, self.where)
        if err:
            return f"the unchanged tree does not build: {err}"
        kunit, scen = union(ms)
        rep = boot(self.kdir, self.where, kunit, scen, 1800,
                   os.path.join(self.logdir, f"baseline-w{self.n}.log"))
        killed, by = verdict(rep)
        if killed:
            return f"baseline fails: {by}"
        if not rep.passed():
            return "baseline ran no KUnit case"
        return None

    def run(self, m):
        t0 = time.time()
        restore(self.where, self.touched)
        self.touched = sorted({rel for rel, _, _ in m.edits})
        err = apply(self.where, m)
        if err:
            return m, "ERROR", f"does not apply: {err}", time.time() - t0
        err = build(self.kdir, self.where)
        if err:
            return m, "ERROR", f"does not build: {err}", time.time() - t0
        rep = boot(self.kdir, self.where, m.kunit, m.scenarios, m.timeout,
                   os.path.join(self.logdir, f"{m.name}.log"))
        ran = len(rep.cases) + len(rep.scenarios)
        killed, by = verdict(rep)
        if not killed and ran == 0:
            return m, "ERROR", "no test ran (check the filter globs)", time.time() - t0
        return m, "KILLED" if killed else "SURVIVED", by or "", time.time() - t0

    def finish(self):
        restore(self.where, self.touched)
        self.touched = []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kdir", default=None)
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("MCPP_MUTANT_JOBS", "2")))
    ap.add_argument("--only", action="append", metavar="NAME")
    ap.add_argument("--list", action="store_true", help="print the catalogue and exit")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--check-anchors", action="store_true",
                    help="only apply each mutant to a copy of the tree (no build, no boot)")
    args = ap.parse_args()

    ms = catalogue.MUTANTS
    names = [m.name for m in ms]
    if len(set(names)) != len(names):
        sys.exit("mutants.py: duplicate names")
    if args.only:
        ms = [m for m in ms if m.name in args.only]
        unknown = set(args.only) - {m.name for m in ms}
        if unknown:
            sys.exit(f"unknown mutants: {sorted(unknown)}")
    if args.list:
        for m in ms:
            tests = ", ".join(f"{mod}:{g}" for mod, g in m.kunit) + \
                (", " if m.kunit and m.scenarios else "") + ", ".join(m.scenarios)
            print(f"{m.name:32} {tests}\n{'':32} {m.claim}")
        return 0

    if args.check_anchors:
        where = os.path.join(ROOT, "build", "mutants", "anchors")
        make_scratch(where)
        bad = 0
        for m in ms:
            err = apply(where, m)
            restore(where, sorted({rel for rel, _, _ in m.edits}))
            print(f"  {'ok' if not err else 'ERROR':6} {m.name}{': ' + err if err else ''}")
            bad += bool(err)
        print(f"{len(ms) - bad} apply, {bad} do not")
        return 1 if bad else 0

    kdir = args.kdir or subprocess.run([os.path.join(ROOT, "scripts", "uml-kernel.sh")],
                                       capture_output=True, text=True,
                                       check=True).stdout.strip()
    logdir = os.path.join(ROOT, "build", "mutants", "logs")
    os.makedirs(logdir, exist_ok=True)
    t0 = time.time()
    jobs = max(1, min(args.jobs, len(ms)))
    workers = [Worker(i, kdir, logdir) for i in range(jobs)]
    say(f"== {len(ms)} mutants, {jobs} at a time (logs: {os.path.relpath(logdir)}/)")

    # Baselines: every worker's unchanged copy passes what the mutants run.
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        prep = list(pool.map(lambda w: None if args.no_baseline else w.prepare(ms), workers))
    if args.no_baseline:
        for w in workers:
            make_scratch(w.where)
    for w, err in zip(workers, prep):
        if err:
            say(f"ERROR baseline (worker {w.n}): {err}")
            say("0 killed, 0 survived (no mutant run)")
            return 2
    if not args.no_baseline:
        say(f"   baseline passes ({time.time() - t0:.0f}s)")

    todo = queue.Queue()
    for m in ms:
        todo.put(m)
    results = []

    def drain(w):
        while True:
            try:
                m = todo.get_nowait()
            except queue.Empty:
                w.finish()
                return
            m, status, by, secs = w.run(m)
            results.append((m, status, by))
            say(f"  {status:8} {m.name:32} {by}  ({secs:.0f}s)")

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(drain, workers))

    killed = sum(1 for _, s, _ in results if s == "KILLED")
    survived = [m.name for m, s, _ in results if s == "SURVIVED"]
    errors = [m.name for m, s, _ in results if s == "ERROR"]
    mins, secs = divmod(int(time.time() - t0), 60)
    if survived:
        say(f"survived: {' '.join(survived)}")
    if errors:
        say(f"errors (harness, not kills): {' '.join(errors)}")
    say(f"{killed} killed, {len(survived)} survived"
        + (f", {len(errors)} errors" if errors else "") + f"  ({mins} min {secs} s)")
    return 0 if killed == len(ms) else 1


if __name__ == "__main__":
    sys.exit(main())
