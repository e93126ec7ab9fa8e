#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Unbind never waits on a user page fault. For each call that copies an
# array from or to user memory (G_TOPOLOGY and ENUM_LINKS on the media
# node, G_EXT_CTRLS on a sub-device and on a video node, and a USERPTR QBUF
# if the video node offered USERPTR), uffd-unbind leaves
# that call blocked on a userfaultfd page it does not resolve and checks that
# the media, sub-device and video nodes keep answering (STREAMON included),
# that sysfs unbind of vcam returns, and that the blocked call ends with
# ENODEV once its fault is resolved (scripts/tests/uffd/uffd-unbind.c).
set -u
root=$1
build=$root/build
plat=/sys/devices/platform/vcam.0
drv=/sys/bus/platform/drivers/vcam
fail() {
	echo "scenario: FAIL: $*"
	[ -e $plat/driver ] || echo vcam.0 > $drv/bind 2>/dev/null
	rmmod vcam 2>/dev/null
	exit 1
}
node_named() {
	for d in $plat/video4linux/*; do
		[ "$(cat "$d/name")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}

insmod "$root/vcam.ko" || fail "insmod vcam"
for case in topology links subdev-ctrls video-ctrls video-userptr; do
	[ -e $plat/driver ] || echo vcam.0 > $drv/bind || fail "bind"
	media=/dev/$(basename "$(ls -d $plat/media* | head -1)")
	sd=$(node_named sensor-a)
	vid=$(node_named main)
	[ -c "$media" ] && [ -c "$sd" ] && [ -c "$vid" ] || fail "vcam nodes: '$media' '$sd' '$vid'"
	"$build/uffd-unbind" $case "$media" "$sd" "$vid" $drv/unbind vcam.0 || fail "$case"
	# A node that refuses USERPTR passes that case without an unbind.
	[ -e $plat/driver ] && [ $case != video-userptr ] && fail "$case: vcam.0 still bound"
done
[ -e $plat/driver ] || echo vcam.0 > $drv/bind || fail "bind"
timeout 120 v4l2-ctl -d "$(node_named main)" --stream-mmap --stream-count=3 2>/dev/null ||
	fail "stream after rebind"
rmmod vcam || fail "rmmod vcam"
echo "scenario: uffd: ok"
