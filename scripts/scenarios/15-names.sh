#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /dev/mediaN names beside the in-kernel media controller: with vimc loaded
# first (it takes media0 on the kernel's media bus), mcpp's node gets another
# N, both nodes exist with the major:minor their devices report, and each
# media-ctl sees its own driver.
set -u
root=$1
fail() { echo "scenario: FAIL: $*"; exit 1; }

modprobe -d "$MCPP_MODROOT" vimc || fail "modprobe vimc"
vimc=$(basename "$(ls -d /sys/bus/media/devices/media* | head -1)")
[ -n "$vimc" ] || fail "vimc has no media node"
insmod "$root/mcpp_testdev.ko" || fail "insmod mcpp_testdev"
ours=$(basename "$(ls -d /sys/devices/platform/mcpp-testdev/media* | head -1)")
echo "vimc: /dev/$vimc, mcpp_testdev: /dev/$ours"
[ "$ours" != "$vimc" ] || fail "both are /dev/$ours"
for n in "$vimc" "$ours"; do
	want=$(cat "/sys/bus/media/devices/$n/dev" 2>/dev/null ||
	       cat "/sys/devices/platform/mcpp-testdev/$n/dev")
	got=$(stat -c '%t:%T' "/dev/$n") || fail "no /dev/$n"
	got=$(printf '%d:%d' "0x${got%:*}" "0x${got#*:}")
	[ "$got" = "$want" ] || fail "/dev/$n is $got, its device says $want"
done
media-ctl -d "/dev/$vimc" -p | grep -q 'driver          vimc' || fail "/dev/$vimc is not vimc"
media-ctl -d "/dev/$ours" -p | grep -q 'driver          mcpp_testdev' ||
	fail "/dev/$ours is not mcpp_testdev"

rmmod mcpp_testdev || fail "rmmod mcpp_testdev"
# vimc stays loaded until the boot ends: under DEBUG_KOBJECT_RELEASE its
# releases (the v4l2_device's, its static platform device's) run up to 4 s
# after the last put and call back into vimc, which rmmod may have freed by
# then (a "Segfault with no mm" panic in v4l2_device_release, seen once in
# make check). mcpp holds a driver module until its devices are released
# (lifetime.c), so vcam is unloaded in every scenario.
echo "scenario: names ok"
