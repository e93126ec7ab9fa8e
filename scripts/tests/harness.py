# SPDX-License-Identifier: GPL-2.0
"""Boot a test kernel with a plan, and read what its console says.

boot() runs one boot with scripts/tests/uml/init.sh as PID 1 and a plan (a shell
fragment using init.sh's functions), under a hard timeout, and returns the
console text: a UML kernel runs as a host process, an x86_64 kernel
(scripts/x86-kernel.sh) under qemu-system-x86_64 with two CPUs and the host's
root over virtio-9p. Both lanes print the same markers on the console. parse() turns a console into a Report: KUnit cases per
module (KTAP, one document per module, sliced by init.sh's markers),
userspace scenarios, module loads, and every detector hit. A run is clean only
if every case and scenario passed *and* no detector fired.
"""

import os
import re
import resource
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
INIT = os.path.join(ROOT, "scripts", "tests", "uml", "init.sh")

# Console reports that fail a run whatever KUnit says. Order matters: the
# first pattern that matches a line names the detector. The headers are the
# kernel's own (6.12: kernel/locking/lockdep.c, kernel/hung_task.c,
# lib/ubsan.c, lib/refcount.c, lib/debugobjects.c, mm/kasan/report.c);
# HEADER_SOURCES below lists where each comes from, and the harness
# self-test "report-headers" checks that every header those files print is
# matched here by the detector meant for it.
DETECTORS = [
    ("kasan", re.compile(r"BUG: KASAN:")),
    ("ubsan", re.compile(r"UBSAN:")),
    # Every lockdep report, and the scheduler's atomic-context checks. After
    # its first report lockdep turns itself off for the rest of the boot;
    # parse() also fails a boot that ends with lockdep off and no report.
    ("lockdep", re.compile(
        r"WARNING: (possible (circular|recursive) locking|inconsistent lock state"
        r"|possible irq lock inversion|suspicious RCU usage|bad unlock balance"
        r"|bad contention|held lock freed|lock held when returning"
        r"|Nested lock was not taken|chain_key collision)"
        r"|WARNING: .*(lock order detected|still has locks held!)"
        r"|\[ BUG: Invalid wait context \]|BUG: key \S+ has not been registered"
        r"|BUG: looking up invalid subclass|INFO: trying to register non-static key"
        r"|DEBUG_LOCKS_WARN_ON\(|BUG: MAX_(LOCK|STACK)"
        r"|BUG: sleeping function called|BUG: scheduling while atomic"
        r"|BUG: scheduling in a non-blocking section|BUG: assuming (atomic|non migratable)"
        r"|BUG: lock held when")),
    ("kmemleak", re.compile(r"unreferenced object 0x|kmemleak: \d+ new suspected memory leak")),
    # A leak check that cannot run proves nothing: that is a failure too.
    # ("Cannot allocate a scan area, scanning the full object" is not: the
    # object is still tracked, only scanned whole; fault injection causes it.)
    ("kmemleak-off", re.compile(r"kmemleak: .*(disabled|Cannot allocate a kmemleak_object)"
                                r"|MCPP-KMEMLEAK unavailable")),
    ("refcount", re.compile(r"refcount_t: ")),
    ("debugobjects", re.compile(r"ODEBUG: ")),
    ("hung-task", re.compile(r"INFO: task .* blocked for more than")),
    ("unknown-symbol", re.compile(r"Unknown symbol ")),
    ("warn", re.compile(r"WARNING: CPU: ")),
    ("bug", re.compile(r"kernel BUG at|BUG: |Oops|general protection fault"
                       r"|Kernel panic|Segfault with no mm|list_(add|del) corruption")),
]

# A WARN, a refcount or ODEBUG warning, a UBSAN report and a BUG() on x86
# print between these two lines. The block is one report: it is named by the
# first line in it that a detector other than "warn" matches (refcount_t:,
# ODEBUG:, UBSAN:, kernel BUG at), and is a "warn" only if there is none.
CUT_HERE = re.compile(r"------------\[ cut here \]------------")
END_TRACE = re.compile(r"---\[ end trace( [0-9a-f]+)? \]---")

# Where the headers come from, for the "report-headers" self-test: kernel
# source file (relative to the source tree), a regex picking the report
# header format strings in it, and the detector that must name each header.
# Lines picked but not reports (what lockdep says after a report) are listed
# as exceptions.
HEADER_SOURCES = [
    ("kernel/locking/lockdep.c",
     r'"((WARNING|INFO|BUG): [^"]*|\[ BUG: [^"]*)"', "lockdep",
     ("INFO: lockdep is turned off.",)),
    ("kernel/hung_task.c", r'"(INFO: task [^"]*)"', "hung-task", ()),
    ("lib/ubsan.c", r'"(UBSAN: [^"]*)"', "ubsan", ()),
    ("lib/refcount.c", r'"(refcount_t: [^"]*)"', "refcount", ()),
    ("lib/debugobjects.c", r'KERN_ERR "(ODEBUG: [^"]*)"', "debugobjects", ()),
    ("kernel/sched/core.c", r'"(BUG: (scheduling|sleeping|assuming)[^"]*)"', "lockdep", ()),
    ("mm/kasan/report.c", r'"(BUG: KASAN: [^"]*)"', "kasan", ()),
]


def detector(line):
    """The detector whose pattern matches line first, or None."""
    for det, rx in DETECTORS:
        if rx.search(line):
            return det
    return None


def header_check(source_dir):
    """Renders every report header of HEADER_SOURCES (each printf conversion
    replaced by a sample value) and returns the ones that detector() does not
    name as their detector, as (file, header, got) tuples, and the number of
    headers checked."""
    sample = {"s": "swapper/0", "p": "00000000deadbeef", "c": "+"}
    conv = re.compile(r"%[-#0 +]*\d*(?:\.\d+|\.\*)?(?:ll|l|z|h)?(p[a-zA-Z]*|[a-zA-Z])")
    bad, checked = [], 0
    for rel, rx, want, skip in HEADER_SOURCES:
        with open(os.path.join(source_dir, rel)) as f:
            text = f.read()
        heads = [m.group(1).replace("\\n", "") for m in re.finditer(rx, text)]
        if not heads:
            bad.append((rel, "no header found", None))
        for head in heads:
            if head in skip:
                continue
            line = conv.sub(lambda m: sample.get(m.group(1)[0], "1"), head)
            checked += 1
            got = detector(line)
            if got != want:
                bad.append((rel, line, got))
    return bad, checked


MARK = re.compile(r"MCPP-(\S+)(?: (.*))?$")
KTAP_SUBTEST = re.compile(r"^    # Subtest: (\S+)")
KTAP_PLAN = re.compile(r"^    1\.\.(\d+)")
KTAP_CASE = re.compile(r"^    (ok|not ok) (\d+) (\S+)(.*)$")


@dataclass
class Case:
    module: str
    suite: str
    name: str
    status: str  # pass, fail, skip
    detail: str = ""


@dataclass
class Report:
    cases: list = field(default_factory=list)
    scenarios: list = field(default_factory=list)  # (name, passed)
    scenario_why: dict = field(default_factory=dict)  # name -> [first, last] FAIL lines
    problems: list = field(default_factory=list)   # (detector, line)
    notes: list = field(default_factory=list)      # the harness's own remarks
    finished: bool = False

    def failed(self):
        return [c for c in self.cases if c.status == "fail"]

    def passed(self):
        return [c for c in self.cases if c.status == "pass"]

    def detectors(self):
        return sorted({d for d, _ in self.problems})

    def clean(self):
        return (self.finished and not self.problems and not self.failed()
                and all(ok for _, ok in self.scenarios))


def _kv(text):
    return dict(p.split("=", 1) for p in (text or "").split() if "=" in p)


# Reports after which the kernel turns lockdep off itself (a lockdep report;
# KASAN and an oops taint the kernel "lockdep unreliable").
LOCKDEP_OFF_EXPLAINED = {"lockdep", "kasan", "bug"}


# A leak of the V4L2 core, not ours: 6.12's __video_register_device() names
# the device, and when device_register() then fails (fault injection makes
# it) it frees the video_device without put_device(), so the name's 16 bytes
# stay. Only a kmemleak report whose allocation is exactly that is taken out,
# and it is kept as a NOTE.
_CORE_LEAK = ("dev_set_name+", "__video_register_device+")


def _drop_core_leaks(console, notes):
    out, blk, dropped = [], None, 0
    lines = console.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].startswith("unreferenced object 0x"):
            j = i + 1
            while j < len(lines) and lines[j].startswith(" "):
                j += 1
            blk = lines[i:j]
            trace = [l.strip() for l in blk]
            k = next((n for n, l in enumerate(trace) if l.startswith(_CORE_LEAK[0])), None)
            if k is not None and k + 1 < len(trace) and trace[k + 1].startswith(_CORE_LEAK[1]):
                notes.append("kmemleak: the V4L2 core's name leak at a failed device_register "
                             "(taken out): " + lines[i].strip())
                dropped += 1
                i = j
                continue
            out.extend(blk)
            i = j
            continue
        out.append(lines[i])
        i += 1
    if dropped:
        m = re.compile(r"kmemleak: (\d+) new suspected memory leak")
        out = [l for l in out if not (m.search(l) and int(m.search(l).group(1)) <= dropped)]
    return "\n".join(out)


def parse(console):
    rep = Report()
    console = _drop_core_leaks(console, rep.notes)
    module = None     # KUnit module whose KTAP we are inside
    suite = None
    plan = {}         # suite -> planned case count
    seen = {}         # suite -> cases seen
    block = None      # the WARN-style report being read: {"line", "named"}
    lockdep_off = None
    scenario = None   # the scenario whose output is being read
    scenario_last = None  # and its last line that is not kobject chatter

    def end_block():
        if block and not block["named"]:
            rep.problems.append(("warn", block["line"]))

    for raw in console.splitlines():
        line = raw.rstrip("\r")
        m = MARK.search(line)
        if m and line.startswith("MCPP-") and not line.startswith("MCPP-KMEMLEAK unavailable"):
            tag, rest = m.group(1), m.group(2) or ""
            args = _kv(rest)
            name = rest.split()[0] if rest.split() else "?"
            if tag == "KUNIT-BEGIN":
                module, suite = name, None
            elif tag == "KUNIT-END":
                if args.get("rc") != "0":
                    rep.problems.append(("module-load", line))
                module, suite = None, None
            elif tag == "INSMOD" and args.get("rc") != "0":
                rep.problems.append(("module-load", line))
            elif tag == "RMMOD" and args.get("rc") != "0":
                rep.problems.append(("module-unload", line))
            elif tag == "SCENARIO-BEGIN":
                scenario = name
            elif tag == "SCENARIO-END":
                if args.get("result") != "pass" and scenario_last:
                    rep.scenario_why.setdefault(name, [scenario_last])
                scenario, scenario_last = None, None
                rep.scenarios.append((name, args.get("result") == "pass"))
            elif tag == "NO-PLAN":
                rep.problems.append(("no-plan", line))  # init found no plan to run
            elif tag == "LOCKDEP" and args.get("debug_locks") == "0":
                lockdep_off = line
            elif tag == "END":
                rep.finished = True
            elif tag == "HARNESS":
                rep.notes.append(line)
            continue
        if scenario and not line.startswith("kobject: "):
            scenario_last = line.strip()[:200]
        if scenario and ("FAIL" in line or "HANG" in line):
            # The first such line (often the cause) and the last (the verdict).
            why = rep.scenario_why.setdefault(scenario, [])
            why[1:] = [line.strip()[:200]]
        if CUT_HERE.search(line):
            end_block()
            block = {"line": line.strip(), "named": False}
            continue
        if block and END_TRACE.search(line):
            end_block()
            block = None
            continue
        det = detector(line)
        if det == "warn" and block:
            block["line"] = line.strip()
        elif det:
            rep.problems.append((det, line.strip()))
            if block:
                block["named"] = True
        if module is None:
            continue
        m = KTAP_SUBTEST.match(line)
        if m:
            suite = m.group(1)
            seen[suite] = 0
            continue
        m = KTAP_PLAN.match(line)
        if m and suite:
            plan[suite] = (module, int(m.group(1)))
            continue
        m = KTAP_CASE.match(line)
        if m and suite:
            status = "pass" if m.group(1) == "ok" else "fail"
            if "# SKIP" in m.group(4):
                status = "skip"
            rep.cases.append(Case(module, suite, m.group(3), status, m.group(4).strip()))
            seen[suite] += 1
    end_block()
    # Lockdep off at the end with no report that turns it off: it stopped
    # checking silently (a table overflowed, or a report nobody matched).
    if lockdep_off and not LOCKDEP_OFF_EXPLAINED & {d for d, _ in rep.problems}:
        rep.problems.append(("lockdep-off", lockdep_off))
    # A suite that printed fewer results than it planned crashed midway.
    for s, (mod, n) in plan.items():
        for i in range(seen.get(s, 0), n):
            rep.cases.append(Case(mod, s, f"case-{i + 1}-never-reported", "fail"))
    return rep


def uml_binary(kdir):
    for name in ("linux", "vmlinux"):
        p = os.path.join(kdir, name)
        if os.access(p, os.X_OK):
            return p
    raise FileNotFoundError(f"no UML kernel binary in {kdir}")


def kernel_arch(kdir):
    """"um" or "x86_64": what the kernel in kdir was configured for."""
    with open(os.path.join(kdir, ".config")) as f:
        return "um" if "\nCONFIG_UML=y\n" in "\n" + f.read() else "x86_64"


def _write_plan(plan_text, where):
    with tempfile.NamedTemporaryFile("w", suffix=".plan", prefix="mcpp-",
                                     dir=where, delete=False) as f:
        f.write(plan_text)
    os.chmod(f.name, 0o644)
    return f.name


def uml_command(kdir, plan, mem):
    return [uml_binary(kdir), f"mem={mem}", "rootfstype=hostfs", "rootflags=/", "rw",
            f"init={INIT}", "con=null", "con0=null,fd:1", "loglevel=7",
            f"MCPP_PLAN={plan}", f"MCPP_MODROOT={os.path.join(kdir, 'modroot')}"]


def qemu_accel():
    """TCG, multi-threaded (one host thread per guest CPU, so the two CPUs
    really run at once), unless MCPP_QEMU_ACCEL=kvm. Returns QEMU's -accel
    and -cpu. KVM is not the default: on the CI machines /dev/kvm exists but
    QEMU 7.2 cannot use it (it fails to set MSR 0x10a, or hangs silently)."""
    if os.environ.get("MCPP_QEMU_ACCEL", "tcg") == "kvm":
        return ["-accel", "kvm", "-cpu", "host"]
    # No LA57: 4-level paging, as on the machines users have. With it, one
    # self-test boot in eight hit a KASAN wild-memory-access in an early
    # interrupt during start_kernel (identify_cpu), before any module.
    return ["-accel", "tcg,thread=multi", "-cpu", "max,la57=off"]


def qemu_command(kdir, plan, mem, smp, share):
    """The host's / is the guest's root over virtio-9p, read-only; share (a
    host directory: where scenarios write their files) is mounted read-write
    at the same path by init.sh, which also puts a tmpfs on /tmp."""
    cmdline = ["console=ttyS0", "acpi=noirq", "root=mcpproot", "rootfstype=9p",
               "rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose",
               "ro", f"init={INIT}", "loglevel=7", "panic=-1",
               f"MCPP_PLAN={plan}", f"MCPP_MODROOT={os.path.join(kdir, 'modroot')}",
               f"MCPP_SHARE={share}"]
    return ["qemu-system-x86_64", *qemu_accel(),
            "-smp", str(smp), "-m", mem, "-nodefaults", "-no-user-config",
            "-display", "none", "-serial", "stdio", "-no-reboot",
            "-kernel", os.path.join(kdir, "arch", "x86", "boot", "bzImage"),
            "-append", " ".join(cmdline),
            "-virtfs", "local,path=/,mount_tag=mcpproot,security_model=none,"
                       "readonly=on,multidevs=remap",
            "-virtfs", f"local,path={share},mount_tag=mcppshare,security_model=none"]


def boot(kdir, plan_text, timeout=600, log_path=None, mem=None, smp=2, share=None):
    """Boot once with plan_text; returns (console, timed_out).

    A UML kernel runs as a host process; an x86_64 kernel under QEMU with
    smp CPUs, the plan file and the guest's writable files in share (default:
    <repository>/build).

    If QEMU itself dies on a signal (QEMU 7.2's multi-threaded TCG crashed
    once in a dozen boots on a busy host, mid PCI enumeration), that is the
    emulator, not the code under test: the boot runs once more, and the
    console returned is the second one, after an MCPP-HARNESS line that
    parse() reports as a note. The log keeps both."""
    timed_out = False
    uml = kernel_arch(kdir) == "um"
    # A UML kernel that panics aborts its process: no core file of the
    # kernel's memory, for this boot or any after it.
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))
    if uml:
        plan = _write_plan(plan_text, "/tmp")
        cmd = uml_command(kdir, plan, mem or "1G")
    else:
        share = os.path.abspath(share or os.path.join(ROOT, "build"))
        os.makedirs(share, exist_ok=True)
        plan = _write_plan(plan_text, share)
        cmd = qemu_command(kdir, plan, mem or "2G", smp, share)
    # The console goes straight to the log (tail -f it during a long boot).
    # Unbuffered: the harness's own lines land where they are written, between
    # the boots that share the file offset.
    if log_path:
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        log = open(log_path, "w+b", buffering=0)
    else:
        log = tempfile.TemporaryFile(dir="/tmp", buffering=0)
    note = b""
    try:
        with log:
            for attempt in (1, 2):
                start = log.tell()
                timed_out, rc = _run(cmd, log, timeout)
                if timed_out:
                    log.write(f"\nMCPP-HARNESS timeout after {timeout}s\n".encode())
                if uml or timed_out or rc >= 0 or attempt == 2:
                    break
                note = (f"MCPP-HARNESS emulator-died signal={-rc} "
                        "(QEMU, not the guest): booting once more\n").encode()
                log.write(b"\n" + note)
            log.seek(start)
            console = (note + log.read()).decode("utf-8", "replace")
    finally:
        os.unlink(plan)
    return console, timed_out


def _run(cmd, log, timeout):
    """Runs cmd with its output appended to log; returns (timed_out, rc)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        return False, proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return True, proc.wait()
