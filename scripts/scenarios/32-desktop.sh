#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vcam with the camera stack desktop and embedded users run (Debian 12's
# packages, installed on the host by scripts/uml-kernel.sh): udev and
# libudev see the media device in the "media" subsystem, libcamera 0.0.3
# enumerates it, and (below) GStreamer, PipeWire and v4l2-ctl enumerate and
# capture. None of them configures a media-controller pipeline: media-ctl
# sets the formats first, as a user would.
set -u
root=$1
build=$root/build
mkdir -p "$build"
fail() { echo "scenario: FAIL: $*"; exit 1; }

plat=/sys/devices/platform/vcam.0
node_named() {
	for d in $plat/video4linux/*; do
		[ "$(cat "$d/name")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}

insmod "$root/vcam.ko" || fail "insmod vcam"
name=$(basename "$(ls -d $plat/media* | head -1)")
dev=/dev/$name
[ -c "$dev" ] || fail "no media node under $plat"
echo "vcam media node: $dev"

# Discovery: the kernel's media bus, as an in-kernel media device is.
[ "$(readlink -f /sys/bus/media/devices/$name)" = "$(readlink -f $plat/$name)" ] ||
	fail "/sys/bus/media/devices/$name is not vcam's node"
info=$(udevadm info "$dev") || fail "udevadm info $dev"
echo "$info" | grep -E '^[PNE]: (SUBSYSTEM|DEVNAME|/|media)'
echo "$info" | grep -qx 'E: SUBSYSTEM=media' || fail "udevadm info: not SUBSYSTEM=media"
udevadm trigger --dry-run --verbose --subsystem-match=media | grep -qx "$(readlink -f $plat/$name)" ||
	fail "libudev's enumeration of subsystem media lacks $name"

# libudev lists only devices udev has initialised. Without a udev daemon in
# the test kernel, its database entries are what udevd would write for these
# nodes: an (empty) /run/udev/data/c<major>:<minor> each, on a tmpfs of the
# guest's own.
mount -t tmpfs tmpfs /run || fail "tmpfs on /run"
trap 'umount /run' EXIT
mkdir -p /run/udev/data
for d in /sys/bus/media/devices/* $plat/video4linux/* /sys/class/video4linux/v4l-subdev*; do
	[ -r "$d/dev" ] && : > "/run/udev/data/c$(cat "$d/dev")"
done
lc=$(LIBCAMERA_LOG_LEVELS='*:DEBUG' timeout 120 cam -l 2>&1)
echo "$lc" | grep -E 'DeviceEnumerator|media device' | sed 's/^\[[^]]*\] //'
echo "$lc" | grep -q "New media device \"vcam\" created from $dev" ||
	fail "libcamera did not create vcam's media device"
echo "$lc" | grep -q "Added device $dev: vcam" || fail "libcamera did not add $dev"

rmmod vcam || fail "rmmod vcam"
echo "scenario: desktop ok"
