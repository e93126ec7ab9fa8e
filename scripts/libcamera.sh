#!/usr/bin/env bash
# Build libcamera's test clients (cam, lc-compliance, the GStreamer element)
# with the rkisp1 and vimc pipeline handlers and IPAs from a libcamera source
# tree (a tarball or an unpacked directory) and cache the build outside the
# work tree, keyed by the hash of the source and of this recipe. libcamera is
# a test client of the modules, not part of the project; without a source the
# suite uses Debian's libcamera 0.0.3 (libcamera-tools, libcamera-ipa,
# gstreamer1.0-libcamera).
#
#   scripts/libcamera.sh <tarball|dir>          build (or reuse); print the bin dir
#   scripts/libcamera.sh --path <tarball|dir>   print the bin dir without building
#
# The build is installed into <cache entry>/prefix (the IPA modules must be
# found at the path the library was built for, and their signatures must
# verify, or libcamera isolates them in a process of their own, which needs
# CONFIG_USER_NS). The bin dir holds one wrapper per tool (cam,
# lc-compliance, gst-launch-1.0, gst-inspect-1.0) that sets LD_LIBRARY_PATH to
# the prefix's libraries and, for GStreamer, a private plugin path and
# registry (Debian's element has the same name, libcamerasrc).
# Everything but the final path goes to stderr.
set -euo pipefail

cache=${MCPP_CACHE:-/var/cache/mcpp}
# Bump when the recipe below changes what it builds.
recipe_rev=1

log() { echo "libcamera: $*" >&2; }
die() { log "error: $*"; exit 1; }

mode=build
if [ "${1:-}" = --path ]; then
	mode=path
	shift
fi
[ $# = 1 ] || die "usage: $0 [--path] <libcamera tarball or source dir>"
src=$(realpath "$1") || die "$1: not found"

# The key: the tarball's bytes, or every file of the tree (a build dir or
# .git inside it left out), and the recipe revision.
if [ -f "$src" ]; then
	srchash=$(sha256sum "$src" | cut -c1-64)
elif [ -d "$src/src/libcamera/pipeline/rkisp1" ]; then
	srchash=$(cd "$src" && find . -path ./.git -prune -o -path ./build -prune \
		-o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum |
		cut -c1-64)
else
	die "$src: neither a tarball nor a libcamera source tree"
fi
key=$(printf '%s recipe_rev=%s\n' "$srchash" "$recipe_rev" | sha256sum | cut -c1-12)
out=$cache/libcamera-$key

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
for tool in meson:meson ninja:ninja-build pkg-config:pkg-config g++:g++ xz:xz-utils \
	    openssl:openssl; do
	command -v "${tool%%:*}" >/dev/null || need_pkgs+=("${tool#*:}")
done
for file in /usr/include/libudev.h:libudev-dev /usr/include/yaml.h:libyaml-dev \
	    /usr/include/gnutls/gnutls.h:libgnutls28-dev \
	    /usr/include/event2/event.h:libevent-dev \
	    /usr/include/gtest/gtest.h:libgtest-dev \
	    /usr/include/gstreamer-1.0/gst/gst.h:libgstreamer1.0-dev \
	    /usr/include/gstreamer-1.0/gst/video/video.h:libgstreamer-plugins-base1.0-dev \
	    /usr/lib/python3/dist-packages/jinja2:python3-jinja2 \
	    /usr/lib/python3/dist-packages/yaml:python3-yaml \
	    /usr/lib/python3/dist-packages/ply:python3-ply; do
	[ -e "${file%%:*}" ] || need_pkgs+=("${file#*:}")
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

# meson and ninja with Debian's python3: a python earlier on PATH (pyenv)
# lacks the modules libcamera's generators import (jinja2, yaml, ply).
sys_path=/usr/sbin:/usr/bin:/sbin:/bin
prefix=$out/prefix
log "configuring $out/build"
PATH=$sys_path meson setup "$out/build" "$tree" --prefix="$prefix" --libdir=lib \
	--buildtype=release -Dpipelines=rkisp1,vimc -Dipas=rkisp1,vimc \
	-Dcam=enabled -Dlc-compliance=enabled -Dgstreamer=enabled -Dudev=enabled \
	-Dqcam=disabled -Dpycamera=disabled -Dv4l2=disabled -Dtracing=disabled \
	-Ddocumentation=disabled -Dandroid=disabled -Dtest=false \
	-Dcam-output-kms=disabled -Dcam-output-sdl2=disabled -Dcam-jpeg=disabled \
	-Dapps-output-dng=disabled -Dlibdw=disabled -Dlibunwind=disabled >&2
log "building (ninja -j$(( $(nproc) + 1 )))"
PATH=$sys_path ninja -C "$out/build" -j$(( $(nproc) + 1 )) >&2
PATH=$sys_path meson install -C "$out/build" --quiet >&2

lib=$prefix/lib
for f in "$prefix/bin/cam" "$prefix/bin/lc-compliance" "$lib/libcamera/ipa/ipa_rkisp1.so" \
	 "$lib/gstreamer-1.0/libgstlibcamera.so"; do
	[ -e "$f" ] || die "$f was not installed"
done
mkdir "$out/bin"
env_lines="export LD_LIBRARY_PATH=$lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
export GST_PLUGIN_PATH=$lib/gstreamer-1.0 GST_PLUGIN_SYSTEM_PATH=/usr/lib/x86_64-linux-gnu/gstreamer-1.0
export GST_REGISTRY=\${MCPP_GST_REGISTRY:-/tmp/mcpp-libcamera-gst-registry.bin}"
for tool in cam lc-compliance; do
	printf '#!/bin/sh\n%s\nexec %s "$@"\n' "$env_lines" "$prefix/bin/$tool" \
		>"$out/bin/$tool"
done
for tool in gst-launch-1.0 gst-inspect-1.0; do
	printf '#!/bin/sh\n%s\nexec /usr/bin/%s "$@"\n' "$env_lines" "$tool" >"$out/bin/$tool"
done
chmod +x "$out/bin"/*
"$out/bin/cam" --version >&2 || true
touch "$out/.mcpp-complete"
log "built $out"
echo "$out/bin"
