#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /dev/mediaN names beside the in-kernel media controller, in both load
# orders: vcam (mcpp) first, then vimc (in-kernel), then mcpp_testdev (mcpp
# after an in-kernel device). The in-kernel media controller names its nodes
# media0..media255 after its own minors and cannot see ours, so mcpp's names
# start at 256. Every media device must have its own /dev node, with the
# major:minor its device reports, whose MEDIA_IOC_DEVICE_INFO names its
# driver, and media-ctl must find each by bus info (it opens every
# /dev/media* and compares).
set -u
root=$1
fail() { echo "scenario: FAIL: $*"; exit 1; }

# check_node <device's sysfs dir> <driver> <bus info> [mcpp]
check_node() {
	n=$(basename "$(ls -d "$1"/media* 2>/dev/null | head -1)")
	[ -n "$n" ] || fail "$2 has no media node under $1"
	want=$(cat "$1/$n/dev")
	got=$(stat -c '%t:%T' "/dev/$n") || fail "$2: no /dev/$n"
	got=$(printf '%d:%d' "0x${got%:*}" "0x${got#*:}")
	echo "$2: /dev/$n, $got (its device: $want)"
	[ "$got" = "$want" ] || fail "/dev/$n is $got, $2's device is $want"
	media-ctl -d "/dev/$n" -p | grep -q "^driver          $2\$" || fail "/dev/$n is not $2"
	media-ctl -d "$3" -p | grep -q "^driver          $2\$" || fail "media-ctl -d $3 did not open $2"
	if [ "${4:-}" = mcpp ]; then
		[ "${n#media}" -ge 256 ] || fail "$2's /dev/$n is in the in-kernel media controller's range"
	fi
}

insmod "$root/vcam.ko" || fail "insmod vcam"
check_node /sys/devices/platform/vcam.0 vcam platform:vcam.0 mcpp
# vimc registers after an mcpp device: before mcpp's names started at 256,
# both were media0 and /dev/media0 stayed vcam's.
modprobe -d "$MCPP_MODROOT" vimc || fail "modprobe vimc"
check_node /sys/devices/platform/vimc.0 vimc platform:vimc
check_node /sys/devices/platform/vcam.0 vcam platform:vcam.0 mcpp
insmod "$root/mcpp_testdev.ko" || fail "insmod mcpp_testdev"
check_node /sys/devices/platform/mcpp-testdev mcpp_testdev platform:mcpp-testdev mcpp
check_node /sys/devices/platform/vimc.0 vimc platform:vimc
names=$(ls -d /sys/devices/platform/vcam.0/media* /sys/devices/platform/vimc.0/media* \
	/sys/devices/platform/mcpp-testdev/media* | xargs -n1 basename)
[ "$(echo "$names" | sort -u | wc -l)" = 3 ] || fail "names not distinct: $names"

rmmod mcpp_testdev || fail "rmmod mcpp_testdev"
rmmod vcam || fail "rmmod vcam"
# vimc stays loaded until the boot ends: under DEBUG_KOBJECT_RELEASE its
# releases (the v4l2_device's, its static platform device's) run up to 4 s
# after the last put and call back into vimc, which rmmod may have freed by
# then (a "Segfault with no mm" panic in v4l2_device_release, seen once in
# make check). mcpp holds a driver module until its devices are released
# (lifetime.c), so vcam is unloaded in every scenario.
echo "scenario: names ok"
