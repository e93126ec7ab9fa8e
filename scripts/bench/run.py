#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench: vcam and mcpp against vimc and the in-kernel media controller,
in one boot of one kernel (Documentation/performance.rst).

1. Builds (or reuses) the benchmark kernel: kunit/bench.config, the test
   kernel's fragment without its detectors, cached by scripts/uml-kernel.sh
   under its own key.
2. Builds the modules against it in build/bench/src (a copy of the sources:
   the test modules in the tree stay built for the test kernel) and the
   userspace half, scripts/bench/mc-bench.c.
3. Boots once: vimc, mcpp, vcam and mcpp_bench.ko (synthetic graphs, the
   thread probe, the copy floor) loaded side by side; every measurement is
   repeated, interleaved between the drivers.
4. Prints the table (median, min, max of the repeats), the vcam/vimc ratios
   and each target met or missed; writes build/bench.txt, build/bench.json
   and build/bench.png.

Not part of `make check`: nothing here passes or fails a test run.

`--frame-host [BASE]` is the other mode: the frame library
(drivers/media/vcam/frame/) on the host, against itself at git revision BASE
(default main), no kernel: both built with the kernel's C++ flags, checked
byte for byte over random configurations, then timed at 1920x1080
(scripts/bench/frame/; Documentation/performance.rst, "The frame library on
the host").
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests"))
import harness  # noqa: E402

ROOT = harness.ROOT
BUILD = os.path.join(ROOT, "build")
OUT = os.path.join(BUILD, "bench")
SRC = os.path.join(OUT, "src")

GRAPHS = [10, 100, 1000]
HANDLES = [1, 100, 1000]
# (label, width, height, fourcc, frames per run[, sensor test pattern]): colour
# bars (0) by default, as vimc's; noise (4) has no two equal rows, so every
# ISP row is computed (the bars' repeat those two above: Documentation/performance.rst).
VCAM_MODES = [("vcam-640x480-YUYV", 640, 480, "YUYV", 40),
              ("vcam-640x480-NV12", 640, 480, "NV12", 40),
              ("vcam-1920x1080-YUYV", 1920, 1080, "YUYV", 12),
              ("vcam-1920x1080-NV12", 1920, 1080, "NV12", 12),
              ("vcam-1920x1080-YUYV-noise", 1920, 1080, "YUYV", 12, 4),
              ("vcam-1920x1080-NV12-noise", 1920, 1080, "NV12", 12, 4)]
VIMC_MODES = [("vimc-640x480-RGB3", 640, 480, "RGB3", 20),
              ("vimc-1920x1080-RGB3", 1920, 1080, "RGB3", 6)]
# One output frame of each format above: the memory-bound floor.
COPIES = [("copy-640x480-YUYV", 640 * 480 * 2), ("copy-640x480-NV12", 640 * 480 * 3 // 2),
          ("copy-640x480-RGB3", 640 * 480 * 3), ("copy-1920x1080-YUYV", 1920 * 1080 * 2),
          ("copy-1920x1080-NV12", 1920 * 1080 * 3 // 2),
          ("copy-1920x1080-RGB3", 1920 * 1080 * 3)]


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def ensure_packages():
    """What make bench runs beyond the test kernel's packages (scripts/uml-kernel.sh
    installs those): gcc for mc-bench, Debian's matplotlib for the plot. Installed
    with apt-get, as root, like the kernel's build packages."""
    need = [] if shutil.which("gcc") else ["gcc"]
    if subprocess.run(["/usr/bin/python3", "-c", "import matplotlib"],
                      capture_output=True).returncode:
        need.append("python3-matplotlib")
    if not need:
        return
    if os.geteuid():
        sys.exit(f"bench: missing packages ({' '.join(need)}) and not root")
    log(f"installing {' '.join(need)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + need, env=env,
        stdout=subprocess.DEVNULL)


def copy_tree(files, dst):
    """Copies the files (paths relative to ROOT) to dst, with their times, skipping
    those whose size and time already match (kbuild's rebuilds stay incremental)."""
    for f in files:
        src, out = os.path.join(ROOT, f), os.path.join(dst, f)
        st = os.stat(src)
        try:
            o = os.stat(out)
            if o.st_size == st.st_size and int(o.st_mtime) == int(st.st_mtime):
                continue
        except FileNotFoundError:
            pass
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copy2(src, out)


def build_kernel():
    env = dict(os.environ, FRAGMENT=os.path.join(ROOT, "kunit", "bench.config"), NAME="bench")
    log("benchmark kernel (scripts/uml-kernel.sh, kunit/bench.config)")
    r = run(["nice", "-n", "10", os.path.join(ROOT, "scripts", "uml-kernel.sh")], env=env,
            stdout=subprocess.PIPE, text=True)
    return r.stdout.strip().splitlines()[-1]


def build_modules(kdir):
    """The sources, copied with their times kept (rebuilds stay incremental)."""
    os.makedirs(SRC, exist_ok=True)
    files = run(["git", "-C", ROOT, "ls-files", "-co", "--exclude-standard"],
                stdout=subprocess.PIPE, text=True).stdout
    copy_tree([f for f in files.splitlines()
               if not f.startswith("build/") and os.path.isfile(os.path.join(ROOT, f))], SRC)
    log(f"modules against {kdir} in {os.path.relpath(SRC, ROOT)}")
    r = subprocess.run(["nice", "-n", "10", "make", "-C", kdir, "ARCH=um", f"M={SRC}",
                        f"-j{os.cpu_count() + 1}", "modules"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(OUT, "modules.log"), "w") as f:
        f.write(r.stdout)
    bad = [ln for ln in r.stdout.splitlines() if re.search(r"warning|error", ln, re.I)]
    if r.returncode or bad:
        sys.exit("bench: module build failed or warned:\n" + "\n".join(bad[-20:]))
    run(["gcc", "-O2", "-Wall", "-Werror", "-o", os.path.join(OUT, "mc-bench"),
         os.path.join(ROOT, "scripts", "bench", "mc-bench.c")])


def plan(reps, quick):
    ko = lambda name: os.path.join(SRC, name + ".ko")  # noqa: E731
    scale = 4 if quick else 1
    # Warm-up frames before the measured ones: more than the 8 buffers
    # mc-bench queues, so that each has been written once. Under UML the
    # first write through a buffer's kernel mapping faults on every page
    # (about 1.4 ms per 4 MiB): that is the stream's start, not its frames.
    warm = 10
    frames = lambda n: max(2, n // scale)  # noqa: E731
    seconds = 0.1 if quick else 0.3
    p = [f"""
kmod videobuf2-v4l2
kmod videobuf2-vmalloc
kmod vimc
mod_load {ko('mcpp')}
mod_load {ko('vcam')}
mod_load {ko('mcpp_bench')} graphs={','.join(map(str, GRAPHS))}
B={OUT}/mc-bench
dbg=/sys/kernel/debug
mnode() {{ echo /dev/$(basename $(ls -d /sys/devices/platform/$1/media* | head -1)); }}
vnode() {{
	for d in /sys/devices/platform/$1/video4linux/*; do
		[ "$(cat $d/name)" = "$2" ] && echo /dev/$(basename $d)
	done
}}
nodes() {{ mnode $1; for d in /sys/devices/platform/$1/video4linux/*; do echo /dev/$(basename $d); done; }}
vimc_fmt() {{
	m=$(mnode vimc.0)
	media-ctl -d $m -V "\\"Sensor A\\":0 [fmt:SRGGB8_1X8/$1x$2 colorspace:srgb]" &&
	media-ctl -d $m -V "\\"Debayer A\\":0 [fmt:SRGGB8_1X8/$1x$2 colorspace:srgb]" &&
	media-ctl -d $m -V "\\"Scaler\\":0 [fmt:RGB888_1X24/$1x$2 colorspace:srgb]" &&
	v4l2-ctl -d "$(vnode vimc.0 'Raw Capture 0')" -v width=$1,height=$2,pixelformat=RGGB &&
	v4l2-ctl -d "$(vnode vimc.0 'RGB/YUV Capture')" -v width=$1,height=$2,pixelformat=$3
}}
vcam_fmt() {{
	m=$(mnode vcam.0)
	media-ctl -d $m -V "\\"sensor-a\\":0 [fmt:SRGGB10_1X10/$1x$2]" &&
	media-ctl -d $m -V "\\"isp\\":0 [fmt:SRGGB10_1X10/$1x$2]" &&
	media-ctl -d $m -V "\\"resizer-main\\":0 [fmt:YUV8_1X24/$1x$2]" &&
	media-ctl -d $m -V "\\"resizer-self\\":0 [fmt:YUV8_1X24/$1x$2]" &&
	media-ctl -d $m -V "\\"resizer-main\\":1 [fmt:YUV8_1X24/$1x$2]" &&
	v4l2-ctl -d "$(vnode vcam.0 sensor-a)" -c horizontal_blanking=280,vertical_blanking=45 &&
	v4l2-ctl -d "$(vnode vcam.0 main)" -v width=$1,height=$2,pixelformat=$3
}}
echo "BENCH-INFO vimc=$(mnode vimc.0) vcam=$(mnode vcam.0)"
media-ctl -d $(mnode vimc.0) -p
"""]
    vc = "$dbg/vcam/vcam.0"
    for r in range(reps):
        p.append(f"echo 'BENCH-REP {r}: frame path'")
        for label, w, h, fourcc, n in VIMC_MODES:
            p.append(f"vimc_fmt {w} {h} {fourcc} >/dev/null || echo 'BENCH-FAIL {label} format'")
            p.append(f"$B stream \"$(vnode vimc.0 'RGB/YUV Capture')\" {label} vimc-streamer "
                     f"{warm} {frames(n)} || echo 'BENCH-FAIL {label}'")
        for label, w, h, fourcc, n, *pattern in VCAM_MODES:
            p.append(f"vcam_fmt {w} {h} {fourcc} >/dev/null || echo 'BENCH-FAIL {label} format'")
            p.append(f"v4l2-ctl -d \"$(vnode vcam.0 sensor-a)\" -c test_pattern="
                     f"{pattern[0] if pattern else 0}")
            p.append(f"$B stream \"$(vnode vcam.0 main)\" {label} vcam-frames {warm} {frames(n)} "
                     f"{vc}/frames {vc}/drops {vc}/frame_ns || echo 'BENCH-FAIL {label}'")
        p.append(f"v4l2-ctl -d \"$(vnode vcam.0 sensor-a)\" -c test_pattern=0")
        for label, size in COPIES:
            p.append(f"echo '{size} {max(2, 20 // scale)}' > $dbg/mcpp_bench/copy && "
                     f"echo \"BENCH copy label={label} $(cat $dbg/mcpp_bench/copy)\"")
        p.append(f"echo 'BENCH-REP {r}: MC ioctls'")
        graphs = ["vimc $(mnode vimc.0)", "vcam $(mnode vcam.0)"]
        graphs += [f"graph-{n} $(mnode mcpp-bench.{i})" for i, n in enumerate(GRAPHS)]
        for g in graphs:
            label, node = g.split(" ", 1)
            p.append(f"$B topo {node} {label} {seconds} || echo 'BENCH-FAIL topo {label}'")
            p.append(f"$B enum {node} {label} {seconds} || echo 'BENCH-FAIL enum {label}'")
    # Unbind last: it recreates the devices.
    drv = "/sys/bus/platform/drivers"
    for d in ("vimc", "vcam"):  # one unmeasured cycle each: first-time costs
        p.append(f"$B unbind {drv}/{d} {d}.0 {d} 1 - $(nodes {d}.0) >/dev/null")
    for r in range(reps):
        p.append(f"echo 'BENCH-REP {r}: unbind'")
        for k in HANDLES:
            for d in ("vimc", "vcam"):
                p.append(f"$B unbind {drv}/{d} {d}.0 {d} {k} - $(nodes {d}.0) "
                         f"|| echo 'BENCH-FAIL unbind {d} {k}'")
        # Streaming at 1920x1080 (a fresh instance has the drivers' defaults):
        # vimc through Debayer and Scaler, vcam through the ISP and resizer-main.
        p.append("vimc_fmt 1920 1080 RGB3 >/dev/null || echo 'BENCH-FAIL vimc 1080p format'")
        p.append(f"$B unbind {drv}/vimc vimc.0 vimc 1 \"$(vnode vimc.0 'RGB/YUV Capture')\" "
                 "$(nodes vimc.0) || echo 'BENCH-FAIL unbind vimc streaming'")
        p.append("vcam_fmt 1920 1080 YUYV >/dev/null || echo 'BENCH-FAIL vcam 1080p format'")
        p.append(f"$B unbind {drv}/vcam vcam.0 vcam 1 \"$(vnode vcam.0 main)\" $(nodes vcam.0) "
                 "|| echo 'BENCH-FAIL unbind vcam streaming'")
    p.append("mod_unload mcpp_bench\nmod_unload vcam\nmod_unload mcpp\n")
    return "\n".join(p) + "\n"


def frame_host(base, reps, configs):
    """The frame library, as it is and as it was at base, linked side by side
    (the base one renamed into namespace vcam_base): compare, then time."""
    src = os.path.join(ROOT, "scripts", "bench", "frame")
    out = os.path.join(BUILD, "frame-bench")
    old = os.path.join(out, "base")
    if subprocess.run(["git", "-C", ROOT, "rev-parse", "--verify", "-q", base + "^{commit}"],
                      stdout=subprocess.DEVNULL).returncode:
        sys.exit(f"bench: no revision {base}")
    shutil.rmtree(old, ignore_errors=True)
    os.makedirs(old)
    names = run(["git", "-C", ROOT, "ls-tree", "--name-only", base, "drivers/media/vcam/frame/"],
                stdout=subprocess.PIPE, text=True).stdout.split()
    for f in names:
        with open(os.path.join(old, os.path.basename(f)), "wb") as o:
            o.write(run(["git", "-C", ROOT, "show", f"{base}:{f}"], stdout=subprocess.PIPE).stdout)
    new = os.path.join(ROOT, "drivers", "media", "vcam", "frame")
    fl = ("-std=gnu++20 -O2 -fno-strict-aliasing -fno-exceptions -fno-rtti -fno-threadsafe-statics "
          "-fno-asynchronous-unwind-tables -ffreestanding -nostdinc++ -mgeneral-regs-only "
          f"-fno-common -fno-stack-protector -I{ROOT}/include -I{src} -Wall").split()

    def fused(d):  # the row-by-row ISP the driver's path uses, where that library has it
        hpp = open(os.path.join(d, "isp.hpp")).read()
        return (["-DFUSED"] if "class IspPass" in hpp else []) + \
            (["-DDIRECT"] if "row_direct(" in hpp else []) + \
            (["-DROWS"] if "SensorRows *rows" in hpp else [])

    log(f"frame library: {os.path.relpath(new, ROOT)} against {base}")
    run(["g++"] + fl + [f"-I{old}", "-Dvcam=vcam_base", "-DPFX(x)=base_##x"] + fused(old) +
        ["-c", os.path.join(src, "wrap.cpp"), "-o", os.path.join(out, "base_wrap.o")])
    run(["g++"] + fl + [f"-I{new}", "-DPFX(x)=new_##x"] + fused(new) +
        ["-c", os.path.join(src, "wrap.cpp"), "-o", os.path.join(out, "new_wrap.o")])
    for f in ("isp", "resize", "sensor"):
        run(["g++"] + fl + ["-Dvcam=vcam_base", "-c", os.path.join(old, f + ".cpp"),
                            "-o", os.path.join(out, f"base_{f}.o")])
        run(["g++"] + fl + ["-c", os.path.join(new, f + ".cpp"), "-o",
                            os.path.join(out, f"new_{f}.o")])
    objs = [os.path.join(out, f"{w}_{f}.o") for w in ("base", "new")
            for f in ("wrap", "isp", "resize", "sensor")]
    run(["g++", "-O2", "-std=gnu++20", f"-I{src}", os.path.join(src, "main.cpp")] + objs +
        ["-o", os.path.join(out, "frame-bench")])
    return subprocess.run([os.path.join(out, "frame-bench"), str(reps), str(configs)]).returncode


def kv(line):
    return dict(t.split("=", 1) for t in line.split() if "=" in t)


def parse(console):
    rows = []
    for line in console.splitlines():
        if line.startswith("BENCH ") and "=" in line:
            d = kv(line)
            d["kind"] = line.split()[1]
            rows.append(d)
    return rows


def stats(values):
    v = sorted(values)
    return {"median": statistics.median(v), "min": v[0], "max": v[-1], "n": len(v)}


def summarise(rows):
    res = {"frame": {}, "copy": {}, "topo": {}, "enum": {}, "unbind": {}, "graph": {}}
    acc = {}
    for d in rows:
        k = d["kind"]
        if k == "stream":
            sleeps = int(d["sleeps"])
            if sleeps == 0:
                continue
            on = int(d["on_ns"])
            e = acc.setdefault(("frame", d["label"]), {"ms": [], "frame_ns": []})
            e["ms"].append(on / sleeps / 1e6)
            # vcam counts its frames too: the thread's sleeps must agree.
            if "dbg_frames" in d:
                a, b = (int(x) for x in d["dbg_frames"].split(".."))
                if abs((b - a) - sleeps) > 1:
                    res.setdefault("notes", []).append(
                        f"{d['label']}: {sleeps} thread sleeps but {b - a} frames")
            if "dbg_frame_ns" in d:
                e["frame_ns"].append(int(d["dbg_frame_ns"].split("..")[1]) / 1e6)
            res["graph"][d["label"]] = {"pixels": int(d["width"]) * int(d["height"]),
                                        "sizeimage": int(d["sizeimage"])}
        elif k == "copy":
            acc.setdefault(("copy", d["label"]), {"ms": []})["ms"].append(
                int(d["ns"]) / int(d["count"]) / 1e6)
            res["graph"][d["label"]] = {"bytes": int(d["bytes"])}
        elif k in ("topo", "enum"):
            acc.setdefault((k, d["label"]), {"us": []})["us"].append(
                int(d["ns"]) / int(d["calls"]) / 1e3)
            res["graph"][d["label"]] = {x: int(d[x]) for x in
                                        ("entities", "interfaces", "pads", "links")}
        elif k == "unbind":
            key = f"{d['label']}-{'streaming' if d['streaming'] == '1' else d['handles']}"
            e = acc.setdefault(("unbind", key), {"ms": [], "bind_ms": []})
            e["ms"].append(int(d["unbind_ns"]) / 1e6)
            e["bind_ms"].append(int(d["bind_ns"]) / 1e6)
    for (kind, label), e in acc.items():
        res[kind][label] = {m: stats(v) for m, v in e.items() if v}
    return res


def med(res, kind, label, metric):
    try:
        return res[kind][label][metric]["median"]
    except KeyError:
        return None


def fmt_row(name, s, unit, extra=""):
    return f"  {name:<28} {s['median']:>10.3f} {s['min']:>10.3f} {s['max']:>10.3f} {unit:<6}{extra}"


def report(res, reps):
    out = []
    hdr = f"  {'':<28} {'median':>10} {'min':>10} {'max':>10}"
    out.append(f"Frame path: CPU time of the streaming thread per frame ({reps} runs each)")
    out.append(hdr)
    for label, *_ in VIMC_MODES + VCAM_MODES:
        e = res["frame"].get(label)
        if not e:
            out.append(f"  {label:<28} (no figure)")
            continue
        px = res["graph"][label]["pixels"]
        extra = f" {e['ms']['median'] * 1e6 / px:6.1f} ns/px"
        if "frame_ns" in e:
            extra += f"  (debugfs frame_ns {e['frame_ns']['median']:.3f} ms)"
        out.append(fmt_row(label, e["ms"], "ms", extra))
    out.append("Plain copy of one output frame (memcpy, vmalloc to vmalloc)")
    out.append(hdr)
    for label, size in COPIES:
        e = res["copy"].get(label)
        if e:
            out.append(fmt_row(label, e["ms"], "ms", f" {size / e['ms']['median'] / 1e6:6.2f} GB/s"))
    for kind, title in (("topo", "MC ioctls: G_TOPOLOGY (counts + arrays: two calls)"),
                        ("enum", "MC ioctls: ENUM_ENTITIES + ENUM_LINKS over the whole graph")):
        out.append(title + ", us per fetch / walk")
        out.append(hdr + f" {'calls/s':>10}  graph")
        for label in ["vimc", "vcam"] + [f"graph-{n}" for n in GRAPHS]:
            e = res[kind].get(label)
            if not e:
                continue
            g = res["graph"][label]
            out.append(fmt_row(label, e["us"], "us",
                               f"{1e6 / e['us']['median']:>10.0f}  {g['entities']} ent, "
                               f"{g['interfaces']} intf, {g['pads']} pads, {g['links']} links"))
    out.append("Unbind latency (write to the driver's unbind file)")
    out.append(hdr + f" {'bind ms':>10}")
    for d in ("vimc", "vcam"):
        for k in [str(k) for k in HANDLES] + ["streaming"]:
            e = res["unbind"].get(f"{d}-{k}")
            if e:
                name = (f"{d}, {k} open handles" if k != "streaming" else
                        f"{d}, 1080p streaming")
                out.append(fmt_row(name, e["ms"], "ms", f"{e['bind_ms']['median']:>6.2f}"))
    return out


def ratio(a, b):
    return a / b if a is not None and b else None


def targets(res):
    out, verdicts = [], []

    def line(text, ok):
        verdicts.append(ok)
        out.append(f"  {'MET   ' if ok else 'MISSED'} {text}")

    out.append("Ratios (medians)")
    for w, h in ((640, 480), (1920, 1080)):
        for fc in ("YUYV", "NV12"):
            r = ratio(med(res, "frame", f"vcam-{w}x{h}-{fc}", "ms"),
                      med(res, "frame", f"vimc-{w}x{h}-RGB3", "ms"))
            c = ratio(med(res, "frame", f"vcam-{w}x{h}-{fc}", "ms"),
                      med(res, "copy", f"copy-{w}x{h}-{fc}", "ms"))
            if r is not None and c is not None:
                out.append(f"  vcam {fc} / vimc RGB3 at {w}x{h}: {r:.3f}   "
                           f"vcam {fc} / copy of its frame: {c:.1f}x")
    for kind in ("topo", "enum"):
        r = ratio(med(res, kind, "vcam", "us"), med(res, kind, "vimc", "us"))
        if r is not None:
            out.append(f"  {kind}: vcam / vimc time per call {r:.2f}")
    out.append("Other figures")
    xs = [res["graph"][f"graph-{n}"]["entities"] for n in GRAPHS if f"graph-{n}" in res["topo"]]
    ys = [med(res, "topo", f"graph-{n}", "us") for n in GRAPHS if f"graph-{n}" in res["topo"]]
    if len(xs) == 3:
        # Linear: the largest graph's cost on the line through the two smaller.
        slope = (ys[1] - ys[0]) / (xs[1] - xs[0])
        pred = ys[1] + slope * (xs[2] - xs[1])
        out.append(f"  G_TOPOLOGY at {xs[0]}/{xs[1]}/{xs[2]} entities: {ys[0]:.1f} / {ys[1]:.1f} / "
                   f"{ys[2]:.1f} us; {xs[2]} measured / extrapolated linearly "
                   f"{ys[2] / pred:.2f}")
    tv = med(res, "topo", "vcam", "us")
    tm = med(res, "topo", "vimc", "us")
    if tv and tm:
        gv, gm = res["graph"]["vcam"], res["graph"]["vimc"]
        ov = sum(gv[k] for k in ("entities", "interfaces", "pads", "links"))
        om = sum(gm[k] for k in ("entities", "interfaces", "pads", "links"))
        out.append(f"  G_TOPOLOGY per graph object, vcam / vimc: {(tv / ov) / (tm / om):.2f} "
                   f"(vcam {tv:.1f} us for {ov}, vimc {tm:.1f} us for {om})")
    for d in ("vcam", "vimc"):
        a = med(res, "unbind", f"{d}-1000", "ms")
        b = med(res, "unbind", f"{d}-1", "ms")
        if a and b:
            out.append(f"  {d} unbind with 1000 open handles / with 1: {a:.2f} ms / {b:.2f} ms "
                       f"= {a / b:.2f}x")

    # The targets of the issue on unbind and the frame path (Documentation/performance.rst).
    out.append("Targets")
    m = med(res, "frame", "vimc-1920x1080-RGB3", "ms")
    # On colour bars (vimc's pattern; most ISP rows repeat the row two above
    # and are copied) and on noise (no row repeats: every row computed).
    for scene, sfx in (("colour bars", ""), ("noise", "-noise")):
        for fc in ("YUYV", "NV12"):
            label = f"vcam-1920x1080-{fc}{sfx}"
            v = med(res, "frame", label, "ms")
            if v and m:
                line(f"vcam 1080p ISP path to {fc} on {scene} <= 1/12 of vimc's "
                     f"Debayer+Scaler path: {v:.2f} ms vs {m:.2f} ms = 1/{m / v:.1f}",
                     v * 12 <= m)
            if v:
                ns = v * 1e6 / res["graph"][label]["pixels"]
                line(f"vcam 1080p ISP path to {fc} on {scene} <= 6 ns per pixel: "
                     f"{ns:.2f} ns/px", ns <= 6)
    s_ = med(res, "unbind", "vcam-streaming", "ms")
    i_ = med(res, "unbind", "vcam-1", "ms")
    m_ = med(res, "unbind", "vimc-streaming", "ms")
    if s_ and i_:
        line(f"vcam unbind with a 1080p ISP capture streaming <= 2x its idle unbind: "
             f"{s_:.2f} ms vs {i_:.2f} ms = {s_ / i_:.2f}x", s_ <= 2 * i_)
    if s_ and m_:
        line(f"vcam unbind with a 1080p capture streaming <= vimc's: {s_:.2f} ms vs "
             f"{m_:.2f} ms", s_ <= m_)
    return out, verdicts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=5, help="runs of each measurement (default 5)")
    ap.add_argument("--quick", action="store_true", help="fewer frames and shorter runs")
    ap.add_argument("--console", help="analyse a saved console instead of booting")
    ap.add_argument("--kdir", help="another prepared UML kernel tree (default: the benchmark kernel)")
    ap.add_argument("--frame-host", nargs="?", const="main", metavar="BASE",
                    help="the frame library on the host against revision BASE (default main): "
                    "bit-exact over --configs random configurations, then timed, best of "
                    "--reps runs (25 unless given); no kernel")
    ap.add_argument("--configs", type=int, default=600, help="--frame-host: configurations")
    args = ap.parse_args()
    if args.frame_host:
        os.makedirs(os.path.join(BUILD, "frame-bench"), exist_ok=True)
        reps = args.reps if "--reps" in " ".join(sys.argv) else 25
        return frame_host(args.frame_host, reps, args.configs)
    os.makedirs(OUT, exist_ok=True)
    if args.console:
        console = open(args.console).read()
        kdir = "(saved console)"
    else:
        ensure_packages()
        kdir = args.kdir or build_kernel()
        build_modules(kdir)
        log("booting the benchmark kernel once")
        console, timed_out = harness.boot(kdir, plan(args.reps, args.quick), timeout=3000,
                                          log_path=os.path.join(OUT, "console.log"))
    rows = parse(console)
    fails = [ln for ln in console.splitlines() if ln.startswith("BENCH-FAIL")]
    rep = harness.parse(console)
    res = summarise(rows)
    lines = [f"mcpp benchmark: kernel {kdir}", ""] + report(res, args.reps) + [""]
    tl, verdicts = targets(res)
    lines += tl
    for f in fails:
        lines.append(f"  run failed: {f}")
    for n in res.get("notes", []):
        lines.append(f"  note: {n}")
    for det, ln in rep.problems:
        lines.append(f"  console problem ({det}): {ln}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    with open(os.path.join(BUILD, "bench.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(BUILD, "bench.json"), "w") as f:
        json.dump(res, f, indent=1)
    plot = ["/usr/bin/python3"]  # Debian's, with python3-matplotlib (ensure_packages())
    run(plot + [os.path.join(ROOT, "scripts", "bench", "plot.py"),
                os.path.join(BUILD, "bench.json"), os.path.join(BUILD, "bench.png")])
    log("wrote build/bench.txt, build/bench.json, build/bench.png "
        f"(console: {os.path.relpath(os.path.join(OUT, 'console.log'), ROOT)})")
    complete = not fails and rep.finished and not rep.problems
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
