#!/usr/bin/env bash
# Build every module of the project against the x86_64 test kernel
# (scripts/x86-kernel.sh, built on first use), in a mirror of the tree so that
# the UML objects of the work tree stay as they are (Linux 6.12's kbuild
# writes an external module's objects next to its sources).
#
#   scripts/x86-modules.sh           mirror, build, print the mirror's path
#
# The build must print no warning of any kind: objtool (run on every module
# object: retpolines, return thunks, IBT, SLS, ORC), modpost, the compilers.
# If it does, the script prints them, removes the mirror's objects (so that
# the next run compiles and reports them again) and fails. The log of the
# last build is build/x86_64/build/modules.log. Everything but the final
# path goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
tree=$here/build/x86_64
kdir=$(nice -n 10 "$here/scripts/x86-kernel.sh")
log() { echo "x86-modules: $*" >&2; }

# Sources only: what .gitignore names (objects, build/) is neither copied nor
# deleted from the mirror; a source deleted here disappears there.
mkdir -p "$tree/build"
rsync -a --delete --exclude=/.git --exclude-from="$here/.gitignore" "$here/" "$tree/" >&2

out=$tree/build/modules.log
jobs=$(( $(nproc) + 1 ))
rc=0
nice -n 10 make -C "$kdir" ARCH=x86_64 M="$tree" -j"$jobs" modules >"$out" 2>&1 || rc=$?
cat "$out" >&2
if [ $rc != 0 ] || grep -qiE 'warning|error' "$out"; then
	log "build failed or warned (rc=$rc):"
	grep -iE 'warning|error' "$out" >&2 || true
	make -C "$kdir" ARCH=x86_64 M="$tree" clean >/dev/null 2>&1 || true
	exit 1
fi
log "modules built against $kdir, no warnings"
echo "$tree"
