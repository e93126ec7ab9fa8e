#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A sensor unplugged from the live camera, seen from userspace: while
# v4l2-ctl streams main through sensor-a and sensor-a's node is held open,
# debugfs vcam/vcam.0/disconnect takes sensor-a away. The streamer ends with
# DQBUF's EIO instead of waiting; media-ctl no longer shows sensor-a, and its
# node is gone from /dev; a second unplug fails; with sensor-b linked, main
# streams again and v4l2-compliance -m passes on the smaller graph (but for
# the documented skew); rmmod.
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

insmod "$root/vcam.ko" no_disconnect=1 || fail "insmod vcam no_disconnect=1"
dev=/dev/$(basename "$(ls -d $plat/media* | head -1)")
main=$(node_named main)
sensor=$(node_named sensor-a)
[ -c "$dev" ] && [ -c "$main" ] && [ -c "$sensor" ] || fail "vcam nodes missing"
disconnect=/sys/kernel/debug/vcam/vcam.0/disconnect

v4l2-ctl -d "$main" --stream-mmap --stream-count=1000000 >"$build/unplug-stream.out" 2>&1 &
streamer=$!
exec 4<"$sensor"
i=0
while ! grep -q '<' "$build/unplug-stream.out"; do
	i=$((i + 1))
	[ $i -gt 200 ] && fail "main did not stream"
	sleep 0.1
done

echo sensor-a >"$disconnect" || fail "disconnect sensor-a"
i=0
while kill -0 "$streamer" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 200 ] && { kill "$streamer"; fail "the streamer still waits 20 s after the unplug"; }
	sleep 0.1
done
wait "$streamer"
tail -n 3 "$build/unplug-stream.out"
# v4l2-ctl reports the error and exits 0: the message is the evidence.
grep -q 'VIDIOC_DQBUF: failed: Input/output error' "$build/unplug-stream.out" ||
	fail "the streamer ended without DQBUF's EIO"

out=$(media-ctl -d "$dev" -p) || fail "media-ctl -p"
out=$(echo "$out" | sed 's/, 0 routes)$/)/') # newer media-ctl counts routes too
echo "$out" | grep -q sensor-a && fail "media-ctl still shows sensor-a"
echo "$out" | grep -qF 'lens-a (0 pad, 0 link)' || fail "lens-a changed"
[ -e "$sensor" ] && fail "$sensor still exists"
exec 4<&-
echo sensor-a >"$disconnect" 2>/dev/null && fail "a second unplug of sensor-a succeeded"

media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[1]' || fail "enable sensor-b"
v4l2-ctl -d "$main" --stream-mmap --stream-count=3 || fail "main with sensor-b"

comp=$(v4l2-compliance -m "$dev" 2>&1)
echo "$comp" | grep -E 'fail:|^Total|^Grand Total'
echo "$comp" | grep -q "^Grand Total for vcam device $dev:" || fail "v4l2-compliance -m did not finish"
unexpected=$(echo "$comp" | comp_fails)
[ -z "$unexpected" ] || fail "v4l2-compliance -m after the unplug: $unexpected"

rmmod vcam || fail "rmmod vcam"
echo "scenario: sensor-a unplugged while streaming; the rest of the camera works"
