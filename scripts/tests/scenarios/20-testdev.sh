#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The core seen from userspace, on the fixed test topology (mcpp_testdev):
# media-ctl prints and switches it, v4l2-compliance -m passes, CREATE_BUFS
# takes every legal size and refuses absurd ones, bad user
# pointers get EFAULT, a file held across unbind gets EIO and POLLERR,
# rmmod with that file open is refused, and a rebind gives a working device.
set -u
root=$1
build=$root/build
fail() { echo "scenario: FAIL: $*"; exit 1; }
node_of() { basename "$(ls -d /sys/devices/platform/mcpp-testdev/media* 2>/dev/null | head -1)"; }
# The /dev node of the testdev video or sub-device node called $1.
video_named() {
	for d in /sys/devices/platform/mcpp-testdev/video4linux/*; do
		[ "$(cat "$d/name")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}

. "$root/scripts/tests/scenarios/lib/compliance.sh"
# Another driver's node for DMABUF (the newest tool only), loaded first.
if comp_new; then
	exp=$(expbuf_node) || fail "no vimc capture node to export DMABUFs from"
fi
insmod "$root/mcpp_testdev.ko" || fail "insmod mcpp_testdev"
node=$(node_of)
[ -n "$node" ] && [ -c "/dev/$node" ] || fail "no /dev/mediaN under mcpp-testdev"
dev=/dev/$node
echo "testdev node: $dev"

out=$(media-ctl -d "$dev" -p) || fail "media-ctl -p"
out=$(echo "$out" | sed 's/, 0 routes)$/)/') # newer media-ctl counts routes too
echo "$out"
for want in 'driver          mcpp_testdev' 'entity 1: sensor-a (1 pad, 1 link)' \
	    '-> "isp":0 [ENABLED,DYNAMIC]' '-> "scaler":0 [ENABLED,IMMUTABLE]' 'lens (0 pad, 0 link)'; do
	echo "$out" | grep -qF -- "$want" || fail "media-ctl -p lacks: $want"
done

# One sensor at a time: the driver's link_setup refuses a second (EBUSY).
media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[1]' 2>/dev/null && fail "two sensors enabled"
media-ctl -d "$dev" -l '"sensor-a":0->"isp":0[0]' || fail "disable sensor-a"
media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[1]' || fail "enable sensor-b"
media-ctl -d "$dev" -p | grep -qF '<- "sensor-b":0 [ENABLED,DYNAMIC]' || fail "sensor-b not enabled"
media-ctl -d "$dev" -l '"isp":1->"scaler":0[0]' 2>/dev/null && fail "immutable link disabled"

# v4l2-compliance. The newest tool: the media device and every node under
# it, streaming with MMAP and DMABUF (imported from vimc; USERPTR refused), nothing
# tolerated. Debian's 1.22.1: the media device, then each sub-device node,
# then (below) each video node streaming; only its documented skew is
# tolerated.
subdevs=$(ls -d /sys/devices/platform/mcpp-testdev/video4linux/v4l-subdev* 2>/dev/null)
[ "$(echo "$subdevs" | wc -w)" = 4 ] || fail "expected 4 sub-device nodes, got: $subdevs"
if comp_new; then
	compliance_all mcpp_testdev "$dev" "$exp" 3 || fail "v4l2-compliance -m $dev -s -a -e $exp"
else
	comp=$(v4l2-compliance -m "$dev" 2>&1)
	echo "$comp" | grep -E 'fail:|^Total|^Grand Total'
	echo "$comp" | grep -q "^Grand Total for mcpp_testdev device $dev:" || fail "v4l2-compliance did not finish"
	unexpected=$(echo "$comp" | comp_fails)
	[ -z "$unexpected" ] || fail "v4l2-compliance: $unexpected"
	nfail=$(echo "$comp" | comp_fails all | wc -l)
	echo "$comp" | grep -q "^Grand Total for mcpp_testdev device $dev: [0-9]*, Succeeded: [0-9]*, Failed: $nfail," ||
		fail "failure count differs from the tolerated fail: lines"
	# Sub-device nodes through the V4L2 bridge: every one passes -u outright.
	for sd in $subdevs; do
		n=/dev/$(basename "$sd")
		c=$(v4l2-compliance -u "$n" 2>&1)
		echo "$c" | grep -E 'fail:|^Total for'
		unexpected=$(echo "$c" | comp_fails)
		[ -z "$unexpected" ] || fail "v4l2-compliance -u $n: $unexpected"
		echo "$c" | grep -qE "^Total for mcpp_testdev device $n: [0-9]+, Succeeded: [0-9]+, Failed: 0, Warnings: 0" ||
			fail "v4l2-compliance -u $n: $(echo "$c" | grep -E '^Total')"
	done
fi
media-ctl -d "$dev" -p | grep -qF 'device node name /dev/v4l-subdev' || fail "no sub-device node in media-ctl -p"
# A sensor control set from userspace reaches the driver and reads back.
# By name: vimc, left loaded by 15-names, holds the lower subdev numbers.
sensor=$(video_named sensor-a)
[ -c "$sensor" ] || fail "no sub-device node for sensor-a"
v4l2-ctl -d "$sensor" -c exposure=500 || fail "set exposure"
[ "$(v4l2-ctl -d "$sensor" -C exposure)" = "exposure: 500" ] || fail "exposure did not read back"
# The sensor's crop window sets its source format; odd values are adjusted.
v4l2-ctl -d "$sensor" --set-subdev-selection pad=0,target=crop,left=11,top=20,width=641,height=480 ||
	fail "set sensor crop"
v4l2-ctl -d "$sensor" --get-subdev-selection pad=0,target=crop | grep -qF 'Left 10, Top 20, Width 642, Height 480' ||
	fail "sensor crop not adjusted: $(v4l2-ctl -d "$sensor" --get-subdev-selection pad=0,target=crop)"
v4l2-ctl -d "$sensor" --get-subdev-fmt pad=0 | grep -qE 'Width/Height +: 642/480' ||
	fail "crop did not set the sensor format: $(v4l2-ctl -d "$sensor" --get-subdev-fmt pad=0)"
v4l2-ctl -d "$sensor" --set-subdev-selection pad=0,target=crop,left=0,top=0,width=1920,height=1080 ||
	fail "restore sensor crop"
v4l2-ctl -d "$sensor" --get-subdev-fps pad=0 2>/dev/null && fail "frame interval without the op"

# The capture, parameters and statistics nodes: with 1.22.1, compliance
# with streaming (-s); CREATE_BUFS takes every size from the format's to
# 8 MiB past the largest format's (capture: 1920x1080 YUYV; metadata: the
# 64-byte layouts); then real frames.
vid=$(video_named capture)
for n in "$vid" "$(video_named params)" "$(video_named stats)"; do
	[ -c "$n" ] || fail "no node $n"
	comp_new && continue
	c=$(v4l2-compliance -d "$n" -s 2>&1)
	echo "$c" | grep -E 'fail:|warn:|^Total'
	echo "$c" | grep -oE 'test MMAP [(][a-z ]+[)]: [A-Z]+'
	# Only the version skew and a forward sequence gap (a frame dropped on
	# a slow machine) are tolerated, and the tool's counts must agree.
	compliance_ok mcpp_testdev "$n" "$c" || fail "v4l2-compliance -s $n did not finish cleanly"
	echo "$c" | grep -q 'test MMAP (select): OK' || fail "v4l2-compliance -s $n did not stream"
done
for spec in capture:4147200 params:64 stats:64; do
	"$build/mc-uapi-test" "$(video_named ${spec%%:*})" create-bufs ${spec#*:} ||
		fail "create-bufs ${spec%%:*}"
done
v4l2-ctl -d "$(video_named stats)" --list-formats-meta | grep -qF 'mcpp testdev statistics' ||
	fail "statistics format name"
"$build/mc-uapi-test" "$vid" priority || fail "priority"
frames=$build/testdev-frames.raw
rm -f "$frames"
timeout 60 v4l2-ctl -d "$vid" --stream-mmap --stream-count=10 --stream-to="$frames" || fail "stream 10 frames"
size=$(stat -c %s "$frames")
[ "$size" = $((10 * 640 * 480 * 2)) ] || fail "10 VGA YUYV frames should be $((10 * 640 * 480 * 2)) bytes, got $size"
rm -f "$frames"
# A pipeline whose formats disagree does not start: STREAMON gets EPIPE.
media-ctl -d "$dev" -V '"scaler":1 [fmt:YUYV8_1X16/320x240]' || fail "media-ctl -V"
out=$(timeout 60 v4l2-ctl -d "$vid" --stream-mmap --stream-count=1 2>&1)
echo "$out" | grep -q 'Broken pipe' || fail "a mismatched pipeline streamed: $out"
media-ctl -d "$dev" -V '"scaler":1 [fmt:YUYV8_1X16/640x480]' || fail "media-ctl -V back"

"$build/mc-uapi-test" "$dev" bad-pointers || fail "bad pointers"

# A file held across unbind: EIO, POLLERR|POLLHUP; the node disappears.
"$build/mc-uapi-test" "$dev" hold \
	"echo mcpp-testdev > /sys/bus/platform/drivers/mcpp-testdev/unbind" || fail "hold across unbind"
[ -e "$dev" ] && fail "$dev still exists after unbind"

# Unbind while a client streams: it gets an error and exits, it does not hang.
echo mcpp-testdev > /sys/bus/platform/drivers/mcpp-testdev/bind || fail "rebind for streaming"
vid=$(video_named capture)
timeout 60 v4l2-ctl -d "$vid" --stream-mmap --stream-count=100000 >/dev/null 2>"$build/client.err" &
client=$!
# Unbind only once frames flow (v4l2-ctl prints '<' per frame), bounded.
for i in $(seq 1 100); do
	grep -q '<' "$build/client.err" 2>/dev/null && break
	sleep 0.2
done
grep -q '<' "$build/client.err" || fail "the streaming client never got a frame"
echo mcpp-testdev > /sys/bus/platform/drivers/mcpp-testdev/unbind || fail "unbind while streaming"
wait $client
rc=$?
echo "streaming client after unbind: rc=$rc, said: $(cat "$build/client.err")"
[ $rc = 124 ] && fail "streaming client hung after unbind"
# v4l2-ctl exits 0 after a failed DQBUF; what it printed is the evidence.
grep -qE 'failed|No such device|q?buf error' "$build/client.err" ||
	fail "streaming client saw no error"

# rmmod with an open file is refused (the cdev pins the driver's module).
echo mcpp-testdev > /sys/bus/platform/drivers/mcpp-testdev/bind || fail "rebind"
node=$(node_of)
dev=/dev/$node
media-ctl -d "$dev" -p >/dev/null || fail "media-ctl on the rebound device"
exec 3<"$dev"
sd=/dev/$(basename "$(ls -d /sys/devices/platform/mcpp-testdev/video4linux/v4l-subdev* | head -1)")
exec 4<"$sd"
echo mcpp-testdev > /sys/bus/platform/drivers/mcpp-testdev/unbind || fail "unbind 2"
out=$(rmmod mcpp_testdev 2>&1) && fail "rmmod succeeded with $dev open"
echo "rmmod with $dev and $sd open: $out"
exec 3<&-
out=$(rmmod mcpp_testdev 2>&1) && fail "rmmod succeeded with $sd open"
echo "rmmod with $sd open: $out"
exec 4<&-
rmmod mcpp_testdev || fail "rmmod after the last close"
echo "scenario: testdev ok"
