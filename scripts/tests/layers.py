#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The layers of mcpp point one way: fails on an include or a call from a
lower layer to a higher one, on two files of mcpp.ko calling each other, and
on an export outside its layer's one C face.

  scripts/tests/layers.py [--root TREE] [--objects]

Layers, bottom first (LAYERS below): the kcxx runtime, the media controller
core, the V4L2 bridge, the drivers, the tests. A file may include headers of
its own layer and of the layers below it, never above.

Includes: every #include line of every C/C++ source and header of the tree,
resolved as the compiler does (quoted: beside the file first, then
include/; angled: include/); headers outside the tree (the kernel's) are not
layered.

Calls (--objects, after `make modules`): for each object linked into
mcpp.ko, its undefined symbols (nm -u) that another object of mcpp.ko
defines are its calls (functions and data alike). A call may go to the
same layer or lower; and the graph of calls between the objects of one layer
must have no cycle (no two files call each other, directly or around a loop).
Calls through a function pointer a higher layer registered (the core's
attachment ops, a devnode's ops) are not calls in this sense: they are how a
lower layer is told about a higher one without knowing it.

Exports: each layer has one C face (FACES below), the one file where its
exported symbols are exported (EXPORT_SYMBOL*); an export anywhere else in
the layer is a violation. Every symbol the core or the bridge exports must
have kernel-doc (a "/**" comment naming it) in include/mcpp/, or, for data
(kernel-doc has no form for it), a comment right above its declaration.

Lock types (--objects): the graph's part of an entity (its links, its
pipeline, ...: kcxx::LockedBy fields in core/graph.hpp) is reached only
with the Graph & that the graph lock hands out. Compiled with the flags
kbuild used for core/device.o, a probe that reads the fields with a Graph
must build, and each probe that reaches them without one, or forges a
Graph, must fail to build.

Prints one line per violation and exits 1 if there is any.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

# (name, path prefixes) bottom first; the first matching prefix wins, so
# longer prefixes come before shorter ones of another layer.
LAYERS = [
    ("kcxx", ["include/kcxx/", "kcxx/"]),
    ("core", ["include/mcpp/mcpp.h", "include/mcpp/mcpp.hpp", "include/mcpp/test.h",
              "drivers/media/mcpp/core/", "drivers/media/mcpp/uapi/",
              "drivers/media/mcpp/devnode.", "drivers/media/mcpp/lifetime.",
              "drivers/media/mcpp/exports.c", "drivers/media/mcpp/module.c"]),
    ("bridge", ["include/mcpp/v4l2.h", "include/mcpp/v4l2.hpp", "drivers/media/mcpp/v4l2/"]),
    ("drivers", ["drivers/media/vcam/"]),
    ("tests", ["kunit/"]),
]

# The one file of each layer that exports its symbols (None: any file). The
# core's functions are C++ (core/abi.cpp), which cannot use the export
# macros: exports.c lists them.
FACES = {
    "kcxx": "kcxx/glue.c",
    "core": "drivers/media/mcpp/exports.c",
    "bridge": "drivers/media/mcpp/v4l2/abi.c",
    "drivers": "drivers/media/vcam/vcam_main.c",
    "tests": None,
}
# The layers whose exports are the project's documented API (include/mcpp/).
DOCUMENTED = ("core", "bridge")
EXPORT = re.compile(r"^\s*EXPORT_SYMBOL(?:_GPL)?\s*\(\s*(\w+)\s*\)")

# Within the bridge, the order its files may call in (bottom first).
BRIDGE_ORDER = ["v4l2.o", "subdev.o", "video.o", "unplug.o", "abi.o"]

SOURCES = (".c", ".h", ".cpp", ".hpp")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(rel):
    for i, (_, prefixes) in enumerate(LAYERS):
        if any(rel.startswith(p) for p in prefixes):
            return i
    return None


def sources(root):
    for top in ("include", "kcxx", "drivers", "kunit"):
        for d, _, files in os.walk(os.path.join(root, top)):
            for f in files:
                if f.endswith(SOURCES) and not f.endswith(".mod.c"):
                    yield os.path.relpath(os.path.join(d, f), root)


def resolve(root, rel, quote, name):
    cands = []
    if quote == '"':
        cands.append(os.path.normpath(os.path.join(os.path.dirname(rel), name)))
    cands.append(os.path.normpath(os.path.join("include", name)))
    for c in cands:
        if os.path.isfile(os.path.join(root, c)):
            return c
    return None


def check_includes(root):
    bad, n = [], 0
    for rel in sorted(sources(root)):
        mine = layer_of(rel)
        if mine is None:
            continue
        n += 1
        with open(os.path.join(root, rel), errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = resolve(root, rel, m.group(1), m.group(2))
                theirs = layer_of(target) if target else None
                if theirs is not None and theirs > mine:
                    bad.append(f"{rel}:{lineno}: includes {target}: "
                               f"{LAYERS[mine][0]} below {LAYERS[theirs][0]}")
    return bad, n


def check_exports(root):
    bad, n = [], 0
    docs = ""
    for d, _, files in os.walk(os.path.join(root, "include", "mcpp")):
        for f in files:
            with open(os.path.join(d, f), errors="replace") as fh:
                docs += fh.read()
    for rel in sorted(sources(root)):
        mine = layer_of(rel)
        if mine is None:
            continue
        name = LAYERS[mine][0]
        with open(os.path.join(root, rel), errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = EXPORT.match(line)
                if not m:
                    continue
                n += 1
                face = FACES[name]
                if face is not None and rel != face:
                    bad.append(f"{rel}:{lineno}: exports {m.group(1)} outside "
                               f"the {name}'s face {face}")
                sym = m.group(1)
                if name in DOCUMENTED and not re.search(
                        r"/\*\*\s*(?:\*\s*)?" + sym + r"\(\) - |"  # a function
                        r"\*/\n\s*extern [^;(]*\b" + sym + ";", docs):  # data
                    bad.append(f"{rel}:{lineno}: exports {m.group(1)} with no "
                               f"kernel-doc in include/mcpp/")
    return bad, n


# (name, body, must build): bodies of a member of mcpp::LockProbe (a friend of
# Entity) compiled against core/device.hpp (which includes graph.hpp).
LOCK_PROBES = [
    ("with the Graph", "static bool f(Graph &g, Entity &e)\n"
     "{ return e.data_links_.in(g).empty() && !e.pipeline_.in(g) && e.in_graph_.in(g); }", True),
    ("data_links_ without the Graph",
     "static bool f(Entity &e) { return e.data_links_.empty(); }", False),
    ("pipeline_ without the Graph",
     "static bool f(Entity &e) { return e.pipeline_ != nullptr; }", False),
    ("stream_sink_ written without the Graph",
     "static void f(Entity &e) { e.stream_sink_ = true; }", False),
    ("a forged Graph", "static bool f(Entity &e) { Graph g; return e.in_graph_.in(g); }", False),
]


def check_lock_types(root, kdir):
    """The kbuild command of core/device.o, aimed at each probe."""
    cmdfile = os.path.join(root, "drivers", "media", "mcpp", "core", ".device.o.cmd")
    if not os.path.exists(cmdfile):
        return ["not built: drivers/media/mcpp/core/device.o"], 0
    with open(cmdfile) as f:
        cmd = f.readline().split(":=", 1)[1].strip()
    m = re.search(r"\s-c -o \S+ \S+$", cmd)
    if not m:
        return [f"{cmdfile}: no compile command found"], 0
    cmd = re.sub(r"-Wp,-MMD,\S+", "", cmd[:m.start()])
    bad = []
    graph = os.path.join(root, "drivers", "media", "mcpp", "core", "device.hpp")
    with tempfile.TemporaryDirectory() as tmp:
        for name, body, builds in LOCK_PROBES:
            probe = os.path.join(tmp, "probe.cpp")
            with open(probe, "w") as f:
                f.write(f'#include "{graph}"\nnamespace mcpp {{\nstruct LockProbe {{\n'
                        f"{body}\n}};\n}}\n")
            r = subprocess.run(f"{cmd} -fsyntax-only {probe}", shell=True, cwd=kdir,
                               capture_output=True, text=True)
            if (r.returncode == 0) != builds:
                err = [ln for ln in r.stderr.splitlines() if "error" in ln][:1]
                bad.append(f"lock types: the probe {name} "
                           f"{'does not build' if builds else 'builds'}"
                           + (f": {err[0]}" if err else ""))
    return bad, len(LOCK_PROBES)


def mcpp_objects(root):
    """The objects of mcpp.ko, from Kbuild's mcpp-y list."""
    with open(os.path.join(root, "Kbuild")) as f:
        text = f.read()
    m = re.search(r"^mcpp-y\s*:=((?:.*\\\n)*.*)$", text, re.M)
    return re.findall(r"(\S+\.o)", m.group(1)) if m else []


def nm(path, *args):
    r = subprocess.run(["nm", *args, path], capture_output=True, text=True, check=True)
    return r.stdout.splitlines()


def cycles(graph):
    """Strongly connected components with more than one node."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def check_calls(root):
    objs = mcpp_objects(root)
    missing = [o for o in objs if not os.path.exists(os.path.join(root, o))]
    if not objs or missing:
        return [f"not built: {', '.join(missing) or 'no mcpp-y in Kbuild'}"], 0
    defined = {}
    for o in objs:
        for ln in nm(os.path.join(root, o), "--defined-only"):
            parts = ln.split()
            if len(parts) == 3 and parts[1] in "TDBRtdbr" and parts[1].isupper():
                defined.setdefault(parts[2], o)
    bad, graph = [], {}
    for o in objs:
        mine = layer_of(o.replace(".o", ".c")) if layer_of(o.replace(".o", ".c")) is not None \
            else layer_of(o.replace(".o", ".cpp"))
        for ln in nm(os.path.join(root, o), "-u"):
            sym = ln.split()[-1]
            target = defined.get(sym)
            if not target or target == o:
                continue
            theirs = layer_of(target.replace(".o", ".c"))
            if theirs is None:
                theirs = layer_of(target.replace(".o", ".cpp"))
            if mine is None or theirs is None:
                continue
            if theirs > mine:
                bad.append(f"{o}: calls {sym} of {target}: "
                           f"{LAYERS[mine][0]} below {LAYERS[theirs][0]}")
            elif theirs == mine:
                graph.setdefault(o, set()).add(target)
            if (theirs == mine and LAYERS[mine][0] == "bridge"
                    and os.path.basename(target) in BRIDGE_ORDER
                    and os.path.basename(o) in BRIDGE_ORDER
                    and BRIDGE_ORDER.index(os.path.basename(target))
                    > BRIDGE_ORDER.index(os.path.basename(o))):
                bad.append(f"{o}: calls {sym} of {target}, above it in the bridge")
    for comp in cycles(graph):
        bad.append("files that call each other: " + " <-> ".join(comp))
    return bad, len(objs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--objects", action="store_true",
                    help="also check calls between the built objects of mcpp.ko, and the lock types")
    ap.add_argument("--kdir", help="the kernel tree the objects were built in "
                    "(default: scripts/uml-kernel.sh --path)")
    args = ap.parse_args()
    bad, nfiles = check_includes(args.root)
    ebad, nexports = check_exports(args.root)
    bad += ebad
    summary = f"includes: {nfiles} files; exports: {nexports}"
    if args.objects:
        cbad, nobjs = check_calls(args.root)
        bad += cbad
        summary += f"; calls: {nobjs} objects of mcpp.ko"
        kdir = args.kdir or subprocess.run(
            [os.path.join(args.root, "scripts", "uml-kernel.sh"), "--path"],
            capture_output=True, text=True, check=True).stdout.strip()
        lbad, nprobes = check_lock_types(args.root, kdir)
        bad += lbad
        summary += f"; lock types: {nprobes} probes"
    for b in bad:
        print(b)
    print(f"{summary}; {len(bad)} violations")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
