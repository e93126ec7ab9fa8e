#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The main job: boot the UML test kernel, load the core and the vcam camera,
print its topology with media-ctl, capture a frame from the main output
(colour bars through the sensor, ISP and resizer), write it as a PNG a
person can open (build/vcam-main.png), unload, and say whether the console
stayed clean (KASAN, lockdep, kmemleak, WARN)."""

import os
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


def main():
    kdir = sys.argv[1]
    frame = os.path.join(ROOT, "build", "vcam-main.yuyv")
    if os.path.exists(frame):
        os.remove(frame)
    plan = f"""
kmod videobuf2-v4l2
kmod videobuf2-vmalloc
mod_load {ROOT}/mcpp.ko
mod_load {ROOT}/vcam.ko
node=/dev/$(basename $(ls -d /sys/devices/platform/vcam.0/media*))
echo "--- media-ctl -p -d $node"
media-ctl -d $node -p
for d in /sys/devices/platform/vcam.0/video4linux/video*; do
	[ "$(cat $d/name)" = main ] && main=/dev/$(basename $d)
done
echo "--- media-ctl -V: the whole 1920x1080 array through the ISP, scaled to 640x480"
media-ctl -d $node -V '"sensor-a":0 [fmt:SRGGB10_1X10/1920x1080]'
media-ctl -d $node -V '"isp":0 [fmt:SRGGB10_1X10/1920x1080]'
media-ctl -d $node -V '"resizer-main":0 [fmt:YUV8_1X24/1920x1080]'
media-ctl -d $node -V '"resizer-self":0 [fmt:YUV8_1X24/1920x1080]'
media-ctl -d $node -V '"resizer-main":1 [fmt:YUV8_1X24/640x480]'
media-ctl -d $node --get-v4l2 '"resizer-main":1'
echo "--- v4l2-ctl -d $main: 3 frames of 640x480 YUYV"
v4l2-ctl -d $main --stream-mmap --stream-count=3 --stream-to={frame}
echo "--- frame path figures (debugfs vcam/vcam.0)"
for f in frames drops frame_ns; do echo "$f: $(cat /sys/kernel/debug/vcam/vcam.0/$f)"; done
mod_unload vcam
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
    png = os.path.join(ROOT, "build", "vcam-main.png")
    size = 640 * 480 * 2
    if os.path.exists(frame) and os.path.getsize(frame) == 3 * size:
        last = open(frame, "rb").read()[2 * size:]
        write_png(png, yuyv_to_rgb(last, 640, 480), 640, 480)
        print(f"demo: wrote {os.path.relpath(png, ROOT)} (the main output, 640x480)")
    else:
        print("demo: no frame captured")
        ok = False
    print("demo: " + ("clean" if ok else "FAILED") + " (console in build/logs/demo.log)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
