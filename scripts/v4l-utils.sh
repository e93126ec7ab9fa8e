#!/usr/bin/env bash
# Build v4l2-compliance, v4l2-ctl and media-ctl from a v4l-utils source tree
# (a release tarball or an unpacked directory) and cache the build outside
# the work tree, keyed by the hash of the source and of this recipe. The
# tools are test clients of the modules, not part of the project; without a
# source the suite uses Debian's v4l-utils (1.22.1).
#
#   scripts/v4l-utils.sh <tarball|dir>          build (or reuse); print the bin dir
#   scripts/v4l-utils.sh --path <tarball|dir>   print the bin dir without building
#
# The bin dir holds one wrapper per tool that runs the binary from the build
# tree with LD_LIBRARY_PATH set to that build's libraries (an install next
# to Debian's 1.22.1 would pick up the older libv4l2), and test-media, the
# maintainers' test script from the same tree (contrib/test/test-media).
# Everything but the final path goes to stderr.
set -euo pipefail

cache=${MCPP_CACHE:-/var/cache/mcpp}
# Bump when the recipe below changes what it builds.
recipe_rev=2

log() { echo "v4l-utils: $*" >&2; }
die() { log "error: $*"; exit 1; }

mode=build
if [ "${1:-}" = --path ]; then
	mode=path
	shift
fi
[ $# = 1 ] || die "usage: $0 [--path] <v4l-utils tarball or source dir>"
src=$(realpath "$1") || die "$1: not found"

# The key: the tarball's bytes, or every file of the tree (a build dir or
# .git inside it left out), and the recipe revision.
if [ -f "$src" ]; then
	srchash=$(sha256sum "$src" | cut -c1-64)
elif [ -d "$src/utils/v4l2-compliance" ]; then
	srchash=$(cd "$src" && find . -path ./.git -prune -o -path ./build -prune \
		-o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum |
		cut -c1-64)
else
	die "$src: neither a tarball nor a v4l-utils source tree"
fi
key=$(printf '%s recipe_rev=%s\n' "$srchash" "$recipe_rev" | sha256sum | cut -c1-12)
out=$cache/v4l-utils-$key

if [ $mode = path ]; then
	echo "$out/bin"
	exit 0
fi

if [ -f "$out/.mcpp-complete" ]; then
	log "cache hit: $out"
	echo "$out/bin"
	exit 0
fi

need_pkgs=()
for tool in meson:meson ninja:ninja-build pkg-config:pkg-config g++:g++ xz:xz-utils; do
	command -v "${tool%%:*}" >/dev/null || need_pkgs+=("${tool#*:}")
done
for hdr in /usr/include/libudev.h:libudev-dev /usr/include/jpeglib.h:libjpeg-dev; do
	[ -f "${hdr%%:*}" ] || need_pkgs+=("${hdr#*:}")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing packages (${need_pkgs[*]}) and not root"
	log "installing ${need_pkgs[*]}"
	apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
		--no-install-recommends $(printf '%s\n' "${need_pkgs[@]}" | sort -u) >&2
fi

mkdir -p "$cache"
exec 9>"$out.lock"
flock 9
if [ -f "$out/.mcpp-complete" ]; then
	log "cache hit: $out"
	echo "$out/bin"
	exit 0
fi

rm -rf "$out"
mkdir -p "$out"
if [ -f "$src" ]; then
	log "unpacking $(basename "$src")"
	mkdir "$out/src"
	tar -C "$out/src" --strip-components=1 -xf "$src"
	tree=$out/src
else
	tree=$src
fi
[ -f "$tree/contrib/test/test-media" ] || die "$tree: no contrib/test/test-media"

# meson and ninja with Debian's python3: a python earlier on PATH (pyenv)
# may lack meson's modules.
sys_path=/usr/sbin:/usr/bin:/sbin:/bin
log "configuring $out/build"
PATH=$sys_path meson setup "$out/build" "$tree" -Dbpf=disabled -Dgconv=disabled \
	-Dlibdvbv5=disabled -Dqv4l2=disabled -Dqvidcap=disabled -Dv4l2-tracer=disabled \
	-Ddoxygen-doc=disabled -Dv4l-plugins=false -Dv4l-wrappers=false -Djpeg=enabled >&2
log "building (ninja -j$(( $(nproc) + 1 )))"
PATH=$sys_path ninja -C "$out/build" -j$(( $(nproc) + 1 )) utils/media-ctl/media-ctl \
	utils/v4l2-ctl/v4l2-ctl utils/v4l2-compliance/v4l2-compliance >&2

libs=$(find "$out/build" -name '*.p' -prune -o -name 'lib*.so*' -printf '%h\n' | sort -u |
	paste -sd:)
mkdir "$out/bin"
for tool in media-ctl/media-ctl v4l2-ctl/v4l2-ctl v4l2-compliance/v4l2-compliance; do
	bin=$out/build/utils/$tool
	[ -x "$bin" ] || die "$bin was not built"
	cat >"$out/bin/${tool#*/}" <<EOF
#!/bin/sh
LD_LIBRARY_PATH=$libs\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH} exec $bin "\$@"
EOF
	chmod +x "$out/bin/${tool#*/}"
done
cp "$tree/contrib/test/test-media" "$out/bin/test-media"
"$out/bin/v4l2-compliance" --version >&2
touch "$out/.mcpp-complete"
log "built $out"
echo "$out/bin"
