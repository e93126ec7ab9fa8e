#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""lc-3a: the convergence of libcamera's auto-exposure and auto white balance
on vcam's rkisp1 personality, measured from the captured frames.

  lc-3a.py <label> <cam --metadata output> <lc-frames grey output> [--awb-tol T]

Prints one row per frame (every 4th, and the last 4): the IPA's exposure
time, analogue gain and colour gains (from cam's metadata, as the request
reports them), and, measured from the frame itself, the mean luma Y' of the
grey card and its R'/G', B'/G'. Then the verdict:
  - auto-exposure: the first frame is under-exposed (its Y' below 60% of the
    final Y', the mean of the last 10 frames) and Y' settles: the last 10
    frames are within 6% of the final Y'; the first frame S from which
    every frame is is printed;
  - auto white balance: the card starts with a cast (R'/G' or B'/G' at least
    0.2 from 1) and ends neutral: the last frame's R'/G' and B'/G' within
    --awb-tol of 1 (default 0.10); the first frame from which both stay
    within the tolerance is printed.
Exit status 0 only if both hold.
"""
import re
import sys


def parse_meta(path):
    frames, cur = [], None
    for line in open(path, errors="replace"):
        if re.search(r"seq: \d+", line):
            cur = {}
            frames.append(cur)
            continue
        m = re.match(r"\s+(\w+) = (.*)", line)
        if m and cur is not None:
            cur[m.group(1)] = m.group(2).strip()
    return frames


def parse_grey(path):
    rows = []
    for line in open(path):
        f = line.split()
        if len(f) >= 14 and f[0] == "frame":
            rows.append({"y": float(f[3]), "rg": float(f[11]), "bg": float(f[13])})
    return rows


def num(s, default="-"):
    if s is None:
        return default
    m = re.findall(r"-?\d+(?:\.\d+)?", s)
    return " ".join(f"{float(v):.3g}" for v in m) if m else s


def main():
    args = sys.argv[1:]
    tol = 0.10
    if "--awb-tol" in args:
        i = args.index("--awb-tol")
        tol = float(args[i + 1])
        del args[i:i + 2]
    label, meta_path, grey_path = args
    meta, grey = parse_meta(meta_path), parse_grey(grey_path)
    n = len(grey)
    if n < 20:
        print(f"3A ({label}): {n} frames measured, too few")
        return 1
    print(f"3A convergence, {label}: an under-exposed grey card, raw R/G 0.56 B/G 0.70")
    print(f"{'frame':>5} {'exposure us':>11} {'again':>6} {'colour gains':>14} "
          f"{'Y':>6} {'R/G':>6} {'B/G':>6}")
    for i in range(n):
        if i % 4 and i < n - 4:
            continue
        m = meta[i] if i < len(meta) else {}
        g = grey[i]
        print(f"{i:>5} {num(m.get('ExposureTime')):>11} {num(m.get('AnalogueGain')):>6} "
              f"{num(m.get('ColourGains')):>14} {g['y']:6.1f} {g['rg']:6.3f} {g['bg']:6.3f}")
    final = sum(g["y"] for g in grey[-10:]) / 10
    settle = n
    for i in range(n - 1, -1, -1):
        if abs(grey[i]["y"] - final) > 0.06 * final:
            break
        settle = i
    first = grey[0]
    ae_ok = first["y"] < 0.6 * final and settle <= n - 10
    print(f"AE: Y' {first['y']:.1f} -> {final:.1f}, within 6% from frame {settle}: "
          + ("ok" if ae_ok else "NOT converged (want Y' first < 60% of final, the last 10 within 6%)"))
    cast = max(abs(first["rg"] - 1), abs(first["bg"] - 1))
    last = grey[-1]
    neutral = max(abs(last["rg"] - 1), abs(last["bg"] - 1))
    awb_at = n
    for i in range(n - 1, -1, -1):
        if max(abs(grey[i]["rg"] - 1), abs(grey[i]["bg"] - 1)) > tol:
            break
        awb_at = i
    awb_ok = cast >= 0.2 and neutral <= tol
    print(f"AWB: R/G {first['rg']:.3f} B/G {first['bg']:.3f} -> R/G {last['rg']:.3f} "
          f"B/G {last['bg']:.3f}, within {tol} of 1 from frame {awb_at}: "
          + ("ok" if awb_ok else "NOT neutral"))
    return 0 if ae_ok and awb_ok else 1


if __name__ == "__main__":
    sys.exit(main())
