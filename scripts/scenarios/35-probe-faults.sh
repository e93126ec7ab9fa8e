#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Probe fault injection (Documentation/testing.rst): with vcam loaded and
# vcam.0 unbound, fail-nth-bind (scripts/faults/, built by check.py) fails
# the 1st, 2nd, ... slab allocation of a sysfs bind in turn until a probe
# succeeds untouched. Every failed bind must return an error and leave the
# device unbound, nothing may leak (kmemleak, here and at the end of the
# boot) and no detector may fire; the instance bound last must be whole and
# stream.
set -u
root=$1
build=$root/build
fail() { echo "scenario: FAIL: $*"; exit 1; }

tool=$build/fail-nth-bind
drv=/sys/bus/platform/drivers/vcam
plat=/sys/devices/platform/vcam.0
kml=/sys/kernel/debug/kmemleak
[ -x "$tool" ] || fail "no $tool (scripts/check.py builds it)"
[ -w /proc/thread-self/fail-nth ] || fail "no /proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION)"
[ -w $kml ] || fail "no kmemleak"
# init.sh: fail-nth also fails GFP_KERNEL allocations, quietly.
[ "$(cat /sys/kernel/debug/failslab/ignore-gfp-wait)" = N ] || fail "failslab ignores GFP_KERNEL"

leaks() { grep -c '^unreferenced object' $kml; }
echo scan > $kml
before=$(leaks)

insmod "$root/vcam.ko" || fail "insmod vcam"
echo vcam.0 > $drv/unbind || fail "unbind vcam.0"
t0=$(date +%s)
out=$("$tool" $drv vcam.0 5000)
rc=$?
echo "$out"
[ $rc = 0 ] || fail "fail-nth sweep"
failed=$(echo "$out" | sed -n 's/^fail-nth-bind: failed=//p')
echo "sweep: $(($(date +%s) - t0)) s"

# The instance bound last (by the sweep's clean probe) is whole.
dev=/dev/$(basename "$(ls -d $plat/media* | head -1)")
[ -c "$dev" ] || fail "no media node under $plat"
out=$(media-ctl -d "$dev" -p) || fail "media-ctl -p"
for name in sensor-a sensor-b lens-a isp resizer-main resizer-self main self params stats \
	    raw-a raw-b; do
	echo "$out" | grep -qE "^- entity [0-9]+: $name " || fail "media-ctl -p lacks $name"
done
[ "$(echo "$out" | grep -c '^- entity')" = 12 ] || fail "not 12 entities"
nodes=$(echo "$out" | sed -n 's/.*device node name //p')
[ "$(echo "$nodes" | wc -l)" = 12 ] || fail "not 12 device nodes: $nodes"
for n in $nodes; do
	[ -c "$n" ] || fail "$n is not a device node"
done
[ "$(echo "$out" | grep -c -- '-> "')" = 10 ] || fail "not 10 data links"
main_v=$(for d in $plat/video4linux/*; do
	[ "$(cat "$d/name")" = main ] && echo "/dev/$(basename "$d")"; done)
timeout 120 v4l2-ctl -d "$main_v" --stream-mmap --stream-count=3 2>/dev/null ||
	fail "stream from main after the sweep"
rmmod vcam || fail "rmmod vcam"

# kmemleak reports blocks older than 5 s, seen unreferenced by two scans.
# One kind of suspect is the V4L2 core's own leak, which the bridge cannot
# reach (Documentation/testing.rst, "Probe fault injection"): the name of a
# sub-device node whose device_register() failed, allocated by dev_set_name()
# in __video_register_device() called from __v4l2_device_register_subdev_nodes(),
# whose video_device the V4L2 core then freed itself; at most one per failed
# bind. These scans are judged here, entry by entry: the kernel's one-line
# summary of a scan ("N new suspected memory leaks", KERN_INFO) is kept off
# the console meanwhile, every other suspect is printed in full (so the
# harness fails the boot on it), and only if all are that leak are they
# counted and forgotten ("clear": no longer reported). The scan at the end
# of the boot then sees only what came later.
sleep 6
printk=$(cat /proc/sys/kernel/printk)
echo 5 > /proc/sys/kernel/printk	# KERN_WARNING and worse still shown
echo scan > $kml
echo scan > $kml
echo "$printk" > /proc/sys/kernel/printk
after=$(leaks)
echo "kmemleak: $((after - before)) new suspected leaks"
[ "$after" -gt "$before" ] || { echo "scenario: probe faults ok"; exit 0; }
other=$(awk '
	function judge() {
		if (obj != "" && !(subdev && n == 3))
			print obj
	}
	/^unreferenced object/ { judge(); obj = $3; subdev = 0; n = 0; next }
	/^    [0-9a-f][0-9a-f] / && /v4l-subdev[0-9]/ { subdev = 1 }
	n == 0 && /^    dev_set_name\+/ { n = 1 }
	n == 1 && /^    __video_register_device\+/ { n = 2 }
	n == 2 && /^    __v4l2_device_register_subdev_nodes\+/ { n = 3 }
	END { judge() }' $kml)
[ -z "$other" ] || { cat $kml; fail "leaks after the sweep: $other"; }
[ "$after" -le "$failed" ] || { cat $kml; fail "more sub-device names leaked ($after) than binds failed"; }
echo "kmemleak: all $after are sub-device node names leaked by the V4L2 core (upstream bug)"
echo clear > $kml
echo "scenario: probe faults ok"
