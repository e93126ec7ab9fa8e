#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Plot build/bench.json (scripts/bench/run.py) as a PNG: MC ioctl cost
against graph size, and frame cost against resolution.

    plot.py <bench.json> <out.png>
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import NullFormatter  # noqa: E402


def err(s):
    m = s["median"]
    return m, [[m - s["min"]], [s["max"] - m]]


def main():
    res = json.load(open(sys.argv[1]))
    graph = res["graph"]
    fig, (a, b) = plt.subplots(1, 2, figsize=(13, 5.2))

    # Left: us per call against entities (log-log), synthetic chains as lines.
    for kind, colour, name in (("topo", "tab:blue", "G_TOPOLOGY"),
                               ("enum", "tab:orange", "ENUM_ENTITIES + ENUM_LINKS walk")):
        pts = sorted((graph[k]["entities"], v["us"]) for k, v in res[kind].items()
                     if k.startswith("graph-"))
        if pts:
            xs = [p[0] for p in pts]
            ys = [p[1]["median"] for p in pts]
            lo = [p[1]["median"] - p[1]["min"] for p in pts]
            hi = [p[1]["max"] - p[1]["median"] for p in pts]
            a.errorbar(xs, ys, yerr=[lo, hi], marker="o", color=colour, capsize=3,
                       label=f"{name}, mcpp synthetic chain")
        for drv, marker in (("vcam", "s"), ("vimc", "^")):
            if drv in res[kind]:
                m, e = err(res[kind][drv]["us"])
                a.errorbar([graph[drv]["entities"]], [m], yerr=e, marker=marker, color=colour,
                           linestyle="none", markersize=8, capsize=3,
                           markerfacecolor="white" if drv == "vimc" else colour,
                           label=f"{name}, {drv} ({'in-kernel MC' if drv == 'vimc' else 'mcpp'})")
    a.set_xscale("log")
    a.set_yscale("log")
    a.set_xlabel("entities in the graph")
    a.set_ylabel("us per fetch / walk")
    a.set_title("MC ioctl cost against graph size")
    a.grid(True, which="both", alpha=0.3)
    a.legend(fontsize=7)

    # Right: ms per frame against megapixels.
    series = {}
    for kind in ("frame", "copy"):
        for label, v in res[kind].items():
            drv, size, fourcc = label.split("-")[:3]
            if label.count("-") > 2:
                fourcc += " " + label.split("-", 3)[3]  # vcam on noise
            w, h = (int(x) for x in size.split("x"))
            series.setdefault(f"{drv} {fourcc}", []).append((w * h / 1e6, v["ms"]))
    styles = {"vcam": ("o", "-"), "vimc": ("^", "-"), "copy": ("x", ":")}
    for name, pts in sorted(series.items()):
        pts.sort(key=lambda p: p[0])
        xs = [p[0] for p in pts]
        ys = [p[1]["median"] for p in pts]
        lo = [p[1]["median"] - p[1]["min"] for p in pts]
        hi = [p[1]["max"] - p[1]["median"] for p in pts]
        marker, ls = styles[name.split()[0]]
        b.errorbar(xs, ys, yerr=[lo, hi], marker=marker, linestyle=ls, capsize=3,
                   label=name if not name.startswith("copy") else f"plain copy, {name.split()[1]}")
    b.set_xscale("log")
    b.set_yscale("log")
    b.set_xticks([640 * 480 / 1e6, 1920 * 1080 / 1e6])
    b.set_xticklabels(["640x480", "1920x1080"])
    b.xaxis.set_minor_formatter(NullFormatter())
    b.set_xlabel("frame size")
    b.set_ylabel("ms of CPU per frame")
    b.set_title("Frame path cost against resolution")
    b.grid(True, which="both", alpha=0.3)
    b.legend(fontsize=7)

    fig.suptitle("mcpp benchmark (UML benchmark kernel, one boot; median, bars min..max)")
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
