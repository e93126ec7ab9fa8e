#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The media maintainers' own routine, v4l-utils' contrib/test/test-media (its
# vimc part), adapted to vcam: set the pipeline up, v4l2-compliance on
# everything (-s10 -P -a, DMABUF imported from another driver's node), unbind,
# rebind and set up again, unbind with every node open and every capture
# node streaming, rmmod, and a kmemleak scan.
#
# Adapted, not copied: test-media finds nodes with v4l2-ctl -z, which needs
# udev's /dev links (media-ctl -e here); it holds every node open with
# `sleep <random 6-14 s> <node` and waits fixed times for
# DEBUG_KOBJECT_RELEASE (here the files are held by processes this script
# ends, and unbind does not wait for them); it clears kmemleak (here not:
# leaks of earlier scenarios must still reach the harness's final scan).
set -u
root=$1
build=$root/build
mkdir -p "$build"
fail() { echo "scenario: FAIL: $*"; exit 1; }
. "$root/scripts/tests/scenarios/lib/compliance.sh"

plat=/sys/devices/platform/vcam.0
node_named() {
	for d in $plat/video4linux/*; do
		[ "$(cat "$d/name")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}
media_node() {
	echo "/dev/$(basename "$(ls -d $plat/media* | head -1)")"
}
# test-media's setup: formats on the pipeline and the capture nodes.
setup() {
	m=$(media_node)
	media-ctl -d "$m" -V '"sensor-a":0 [fmt:SRGGB12_1X12/640x480]' || fail "sensor-a format"
	media-ctl -d "$m" -V '"isp":0 [fmt:SRGGB12_1X12/640x480]' || fail "isp format"
	v4l2-ctl -d "$(node_named raw-a)" -v width=640,height=480,pixelformat=RG12 ||
		fail "raw-a format"
}

exp=$(expbuf_node) || fail "no vimc capture node to export DMABUFs from"
insmod "$root/vcam.ko" no_disconnect=1 || fail "insmod vcam no_disconnect=1"
setup
dev=$(media_node)
echo "vcam compliance tests: $dev, DMABUF from $exp"
compliance_all vcam "$dev" "$exp" 6 -s10 || fail "v4l2-compliance -m $dev -s10 -a -e $exp"

echo "unbind vcam"
echo vcam.0 > /sys/bus/platform/drivers/vcam/unbind || fail "unbind"
[ -e "$dev" ] && fail "$dev still exists after unbind"
echo "rebind vcam"
echo vcam.0 > /sys/bus/platform/drivers/vcam/bind || fail "rebind"
setup

echo "second unbind vcam: every node open, every capture node streaming"
holders=
for n in $(media_node) $(for d in $plat/video4linux/*; do echo "/dev/$(basename "$d")"; done); do
	[ -c "$n" ] || fail "no node $n"
	sleep 100000 <"$n" &
	holders="$holders $!"
done
streams=
for name in raw-a raw-b main self stats; do
	timeout 120 v4l2-ctl -d "$(node_named $name)" --stream-mmap --stream-count=100000 \
		>/dev/null 2>"$build/test-media-$name.err" &
	streams="$streams $!:$name"
done
# Unbind once frames flow on every node (v4l2-ctl prints '<' per buffer).
for s in $streams; do
	f=$build/test-media-${s#*:}.err
	for i in $(seq 1 300); do
		grep -q '<' "$f" 2>/dev/null && break
		sleep 0.2
	done
	grep -q '<' "$f" || fail "${s#*:} never got a buffer: $(cat "$f")"
done
echo vcam.0 > /sys/bus/platform/drivers/vcam/unbind || fail "unbind while streaming"
# Every client ends with an error; none hangs (timeout's 124).
for s in $streams; do
	wait "${s%%:*}"
	rc=$?
	f=$build/test-media-${s#*:}.err
	echo "${s#*:} after unbind: rc=$rc, said: $(tr -d '<>' <"$f" | tr '\n' ' ')"
	[ $rc = 124 ] && fail "${s#*:}: the streaming client hung after unbind"
	grep -qE 'failed|No such device|q?buf error' "$f" || fail "${s#*:}: no error after unbind"
	rm -f "$f"
done
# The holders' files pin the module: rmmod is refused until they are closed.
out=$(rmmod vcam 2>&1) && fail "rmmod vcam succeeded with every node open"
echo "rmmod with every node open: $out"
kill $holders
wait $holders 2>/dev/null
rmmod vcam || fail "rmmod vcam after the last close"

# kmemleak reports objects at least 5 s old, and a block first seen
# unreferenced only on the next scan; a report fails this scenario (and the
# boot: the harness reads the console).
if [ -w /sys/kernel/debug/kmemleak ]; then
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
	leaks=$(cat /sys/kernel/debug/kmemleak)
	echo "kmemleak results for vcam: ${leaks:-none}"
	[ -z "$leaks" ] || fail "kmemleak"
else
	fail "no kmemleak in this kernel"
fi
echo "scenario: test-media ok"
