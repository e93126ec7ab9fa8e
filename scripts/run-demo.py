#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The main job: boot the UML test kernel, load the core and the vcam camera,
capture frames from the main output (colour bars through the sensor, ISP and
resizer), write the last one as a PNG a person can open (build/vcam-main.png),
unload, and tell the story: the topology (entities and links), the capture,
where the PNG is, and whether the detectors (KASAN, lockdep, kmemleak, WARN)
stayed quiet. The kernel console, debug chatter included, goes to
build/logs/demo.log; the tools' own output to build/demo/."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))
import harness  # noqa: E402

ROOT = harness.ROOT


def yuyv_to_rgb(data, width, height):
    """BT.601 limited range, as vcam's main output is by default."""
    rgb = bytearray(width * height * 3)
    clamp = lambda v: 0 if v < 0 else 255 if v > 255 else int(v)
    for i in range(0, width * height // 2):
        y0, u, y1, v = data[4 * i: 4 * i + 4]
        for j, y in enumerate((y0, y1)):
            c, d, e = 1.164 * (y - 16), u - 128, v - 128
            o = (2 * i + j) * 3
            rgb[o] = clamp(c + 1.596 * e)
            rgb[o + 1] = clamp(c - 0.392 * d - 0.813 * e)
            rgb[o + 2] = clamp(c + 2.017 * d)
    return bytes(rgb)


def write_png(path, rgb, width, height):
    import struct
    import zlib

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    rows = b"".join(b"\0" + rgb[y * width * 3:(y + 1) * width * 3] for y in range(height))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(rows, 6)))
        f.write(chunk(b"IEND", b""))


WIDTH, HEIGHT, FRAMES = 640, 480, 3


def topology(text):
    """[(entity, type, [(pad, "-> target:pad", flags)])] from media-ctl -p:
    each entity with its source links (sink ends repeat them)."""
    ents = []
    for line in text.splitlines():
        m = re.match(r"- entity \d+: (.+) \(\d+ pads?, \d+ links?\)", line)
        if m:
            ents.append([m.group(1), "", []])
            continue
        if not ents:
            continue
        m = re.match(r"\s+type (.+?) flags", line)
        if m:
            kind = m.group(1)
            sub = re.match(r"V4L2 subdev subtype (\w+)", kind)
            ents[-1][1] = ("video node" if kind.startswith("Node") else
                           sub.group(1).lower() if sub and sub.group(1) != "Unknown" else
                           "sub-device")
        m = re.match(r"\s+pad(\d+): ", line)
        if m:
            pad = m.group(1)
        m = re.match(r'\s+-> "([^"]+)":(\d+) \[([A-Z,]*)\]', line)
        if m:
            ents[-1][2].append((pad, f"{m.group(1)}:{m.group(2)}", m.group(3)))
    return ents


def print_topology(path):
    try:
        text = open(path).read()
    except OSError:
        print("  (no topology: media-ctl did not run, see the console log)")
        return
    info = dict(re.findall(r"^(driver|model)\s{2,}(.+)$", text, re.M))
    ents = topology(text)
    links = sum(len(e[2]) for e in ents)
    print(f"Topology: driver {info.get('driver', '?')} ({info.get('model', '?')}), "
          f"{len(ents)} entities, {links} data links (media-ctl -p: {rel(path)})")
    print("  entity        kind         source pad -> sink entity:pad")
    width = max((len(e[0]) for e in ents), default=0)
    for name, kind, out in ents:
        dests = ", ".join(f"{pad} -> {dst}" + ("" if "ENABLED" in fl else " (disabled)")
                          for pad, dst, fl in out)
        print(f"  {name:<{width}}  {kind:<12} {dests}")


def rel(path):
    return os.path.relpath(path, ROOT)


def main():
    kdir = sys.argv[1]
    out = os.path.join(ROOT, "build", "demo")
    os.makedirs(out, exist_ok=True)
    frame = os.path.join(out, "vcam-main.yuyv")
    topo, capture = os.path.join(out, "topology.txt"), os.path.join(out, "capture.txt")
    for f in (frame, topo, capture):
        if os.path.exists(f):
            os.remove(f)
    log = os.path.join(ROOT, "build", "logs", "demo.log")
    plan = f"""
kmod videobuf2-v4l2
kmod videobuf2-vmalloc
mod_load {ROOT}/mcpp.ko
mod_load {ROOT}/vcam.ko
node=/dev/$(basename $(ls -d /sys/devices/platform/vcam.0/media*))
for d in /sys/devices/platform/vcam.0/video4linux/video*; do
	[ "$(cat $d/name)" = main ] && main=/dev/$(basename $d)
done
{{
echo "--- media-ctl -V: the whole 1920x1080 array through the ISP, scaled to {WIDTH}x{HEIGHT}"
media-ctl -d $node -V '"sensor-a":0 [fmt:SRGGB10_1X10/1920x1080]'
media-ctl -d $node -V '"isp":0 [fmt:SRGGB10_1X10/1920x1080]'
media-ctl -d $node -V '"resizer-main":0 [fmt:YUV8_1X24/1920x1080]'
media-ctl -d $node -V '"resizer-self":0 [fmt:YUV8_1X24/1920x1080]'
media-ctl -d $node -V '"resizer-main":1 [fmt:YUV8_1X24/{WIDTH}x{HEIGHT}]'
echo "--- v4l2-ctl -d $main --stream-mmap --stream-count={FRAMES}"
v4l2-ctl -d $main --stream-mmap --stream-count={FRAMES} --stream-to={frame}
v4l2-ctl -d $main --get-fmt-video
echo "--- frame path figures (debugfs vcam/vcam.0)"
for f in frames drops frame_ns; do echo "$f: $(cat /sys/kernel/debug/vcam/vcam.0/$f)"; done
echo "node: $node"
echo "main: $main"
}} > {capture} 2>&1
media-ctl -d $node -p > {topo} 2>&1
mod_unload vcam
mod_unload mcpp
kmemleak_check
"""
    print(f"Booting the UML test kernel with mcpp.ko and vcam.ko (console: {rel(log)})",
          flush=True)
    console, _ = harness.boot(kdir, plan, timeout=300, log_path=log)
    rep = harness.parse(console)
    print()
    print_topology(topo)

    print()
    size = WIDTH * HEIGHT * 2
    got = os.path.getsize(frame) if os.path.exists(frame) else 0
    figures = {}
    if os.path.exists(capture):
        text = open(capture).read()
        figures = dict(re.findall(r"^(frames|drops|node|main|frame_ns): (\S+)", text, re.M))
        figures.update(re.findall(r"^\s+(Width/Height|Pixel Format|Size Image)\s*: (.+)$",
                                  text, re.M))
    ok = rep.finished and not rep.problems
    print(f"Capture: {got // size} of {FRAMES} frames from {figures.get('main', 'main')} "
          f"(the main output, on {figures.get('node', 'the media device')}), "
          f"{figures.get('Width/Height', '?')} {figures.get('Pixel Format', '?')}, "
          f"{figures.get('Size Image', '?')} bytes each")
    print("  path: sensor-a 1920x1080 SRGGB10 -> isp (debayer, colour) -> resizer-main "
          f"(scaled to {WIDTH}x{HEIGHT}) -> main; tool output: {rel(capture)}")
    png = os.path.join(ROOT, "build", "vcam-main.png")
    if got == FRAMES * size:
        with open(frame, "rb") as f:
            last = f.read()[(FRAMES - 1) * size:]
        write_png(png, yuyv_to_rgb(last, WIDTH, HEIGHT), WIDTH, HEIGHT)
        ms = int(figures.get("frame_ns", "0")) / 1e6
        print(f"  vcam: {figures.get('frames', '?')} frames, {figures.get('drops', '?')} "
              f"dropped, the last one processed in {ms:.1f} ms (debugfs vcam/vcam.0)")
        print(f"Picture: {rel(png)} (the last frame, {WIDTH}x{HEIGHT}, colour bars)")
    else:
        print(f"Picture: none (captured {got} bytes, expected {FRAMES * size})")
        ok = False

    print()
    if rep.problems:
        for det, line in rep.problems:
            print(f"PROBLEM {det}: {line}")
    elif not rep.finished:
        print(f"PROBLEM: the boot did not finish (see {rel(log)})")
    print(("Clean" if ok else "FAILED") + ": "
          + ("no report from KASAN, lockdep, kmemleak, WARN or BUG; modules unloaded"
             if ok else f"see the PROBLEM lines above and {rel(log)}"))
    print(f"Kernel console, debug chatter included: {rel(log)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
