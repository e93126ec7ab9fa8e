#!/usr/bin/env bash
# Provision a test kernel: install build packages when missing, unpack
# Debian's linux-source-6.12, configure it with a fragment over the
# architecture's defconfig, build the kernel and its modules, and cache the
# result outside the work tree, keyed by the source package version and the
# fragment's hash.
#
#   scripts/uml-kernel.sh            build (or reuse) and print the build dir
#   scripts/uml-kernel.sh --path     print the build dir without building
#   FRAGMENT=<file> NAME=<name> ...  another fragment (the benchmark kernel)
#   KERNEL_ARCH=x86_64 ...           the x86_64 kernel for QEMU (what
#                                    scripts/x86-kernel.sh runs): fragment
#                                    kunit/x86_64.config, name x86_64
#
# Everything but the final path goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
arch=${KERNEL_ARCH:-um}
case "$arch" in
um)	default_fragment=uml.config default_name=uml ;;
x86_64)	default_fragment=x86_64.config default_name=x86_64 ;;
*)	echo "uml-kernel: error: KERNEL_ARCH=$arch: only um and x86_64" >&2; exit 1 ;;
esac
fragment=${FRAGMENT:-$here/kunit/$default_fragment}
name=${NAME:-$default_name}
cache=${MCPP_CACHE:-/var/cache/mcpp}
# Bump when this script changes what it puts in a cache entry.
layout_rev=1

log() { echo "$name-kernel: $*" >&2; }
die() { log "error: $*"; exit 1; }

need_pkgs=()
[ -f /usr/src/linux-source-6.12.tar.xz ] || need_pkgs+=(linux-source-6.12)
for tool in bc:bc flex:flex bison:bison xz:xz-utils depmod:kmod python3:python3 \
	    media-ctl:v4l-utils v4l2-ctl:v4l-utils v4l2-compliance:v4l-utils \
	    ffmpeg:ffmpeg g++:g++ make:make objdump:binutils \
	    udevadm:udev cam:libcamera-tools gst-launch-1.0:gstreamer1.0-tools \
	    pipewire:pipewire pw-cli:pipewire-bin \
	    $([ "$arch" = x86_64 ] && echo qemu-system-x86_64:qemu-system-x86); do
	command -v "${tool%%:*}" >/dev/null || need_pkgs+=("${tool#*:}")
done
for hdr in /usr/include/libelf.h:libelf-dev /usr/include/openssl/ssl.h:libssl-dev; do
	[ -f "${hdr%%:*}" ] || need_pkgs+=("${hdr#*:}")
done
# The camera stack the desktop scenario (32-desktop) runs in the guest: the
# plugins have no command of their own.
for lib in gstreamer-1.0/libgstvideo4linux2.so:gstreamer1.0-plugins-good \
	   spa-0.2/v4l2/libspa-v4l2.so:libspa-0.2-modules \
	   libcamera/ipa_rkisp1.so:libcamera-ipa \
	   gstreamer-1.0/libgstlibcamera.so:gstreamer1.0-libcamera; do
	compgen -G "/usr/lib/*/${lib%%:*}" >/dev/null || need_pkgs+=("${lib#*:}")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing packages (${need_pkgs[*]}) and not root"
	log "installing ${need_pkgs[*]}"
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$(printf '%s\n' "${need_pkgs[@]}" | sort -u) >&2
fi

version=$(dpkg-query -W -f='${Version}' linux-source-6.12 | tr '~:' '__')
# (UML keys stay what they were before other architectures existed.)
key=$( { cat "$fragment"; echo "layout_rev=$layout_rev"
	 [ "$arch" = um ] || echo "arch=$arch"; } | sha256sum | cut -c1-12)
src=$cache/src-$version/linux-source-6.12
out=$cache/$name-$version-$key

if [ "${1:-}" = --path ]; then
	echo "$out"
	exit 0
fi

if [ -f "$out/.mcpp-complete" ]; then
	log "cache hit: $out"
	echo "$out"
	exit 0
fi

# One lock per cache entry, so building one kernel (the benchmark kernel,
# say) does not hold up a user of another; a short one for the shared source.
mkdir -p "$cache"
exec 9>"$out.lock"
flock 9
if [ -f "$out/.mcpp-complete" ]; then
	log "cache hit: $out"
	echo "$out"
	exit 0
fi

exec 8>"$cache/.src-lock"
flock 8
if [ ! -f "$src/.mcpp-unpacked" ]; then
	log "unpacking linux-source-6.12 ($version)"
	rm -rf "$cache/src-$version"
	mkdir -p "$cache/src-$version"
	tar -C "$cache/src-$version" -xJf /usr/src/linux-source-6.12.tar.xz
	touch "$src/.mcpp-unpacked"
fi
flock -u 8

log "configuring $out from $(basename "$fragment")"
rm -rf "$out"
mkdir -p "$out"
make -C "$src" ARCH="$arch" O="$out" defconfig >&2
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment" >&2
make -C "$src" ARCH="$arch" O="$out" olddefconfig >&2

# Kconfig drops what it cannot satisfy without a word: check every option.
missing=0
while IFS= read -r line; do
	case "$line" in CONFIG_*=*) ;; *) continue ;; esac
	opt=${line%%=*}
	want=${line#*=}
	if [ "$want" = n ]; then
		if grep -q "^$opt=" "$out/.config"; then
			log "option $opt should be unset but is $(grep "^$opt=" "$out/.config")"
			missing=1
		fi
	elif ! grep -qx "$opt=$want" "$out/.config"; then
		got=$(grep -E "^($opt=|# $opt is not set)" "$out/.config" || echo "absent")
		log "option $opt=$want did not survive olddefconfig (got: $got)"
		missing=1
	fi
done < "$fragment"
[ $missing = 0 ] || die "configuration incomplete, see above"

jobs=$(( $(nproc) + 1 ))
log "building (make -j$jobs), this takes several minutes cold"
make -C "$src" ARCH="$arch" O="$out" -j"$jobs" all >&2
make -C "$src" ARCH="$arch" O="$out" INSTALL_MOD_PATH="$out/modroot" modules_install >&2
touch "$out/.mcpp-complete"
log "built $out"
echo "$out"
