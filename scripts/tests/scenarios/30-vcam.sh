#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vcam from userspace, the way camera developers drive it: media-ctl prints
# and reconfigures the topology, v4l2-compliance passes on the media device
# and on every node (with Debian's 1.22.1 but for the documented skew),
# CREATE_BUFS takes every legal size, v4l2-ctl captures from
# every capture node, sysfs unbind/bind and rmmod work.
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

# Another driver's node for DMABUF (the newest tool only), loaded first.
if comp_new; then
	exp=$(expbuf_node) || fail "no vimc capture node to export DMABUFs from"
fi
insmod "$root/vcam.ko" no_disconnect=1 || fail "insmod vcam no_disconnect=1"
dev=/dev/$(basename "$(ls -d $plat/media* | head -1)")
[ -c "$dev" ] || fail "no media node under $plat"
echo "vcam media node: $dev"

# The topology.
out=$(media-ctl -d "$dev" -p) || fail "media-ctl -p"
out=$(echo "$out" | sed 's/, 0 routes)$/)/') # newer media-ctl counts routes too
echo "$out"
for want in 'driver          vcam' '- entity 1: sensor-a (1 pad, 2 links)' \
	    '-> "isp":0 [ENABLED,DYNAMIC]' '-> "raw-a":0 [ENABLED,IMMUTABLE]' \
	    '- entity 6: isp (4 pads, 6 links)' '-> "resizer-main":0 [ENABLED,IMMUTABLE]' \
	    '-> "resizer-self":0 [ENABLED,IMMUTABLE]' '-> "stats":0 [ENABLED,IMMUTABLE]' \
	    '<- "params":0 [ENABLED,IMMUTABLE]' 'lens-a (0 pad, 0 link)' \
	    'crop.bounds:(0,0)/1920x1080'; do
	echo "$out" | grep -qF -- "$want" || fail "media-ctl -p lacks: $want"
done

# One sensor feeds the ISP at a time; the links switch with SETUP_LINK.
media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[1]' 2>/dev/null && fail "two sensors enabled"
media-ctl -d "$dev" -l '"sensor-a":0->"isp":0[0]' || fail "disable sensor-a"
media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[1]' || fail "enable sensor-b"
media-ctl -d "$dev" -p | grep -qF '<- "sensor-b":0 [ENABLED,DYNAMIC]' || fail "sensor-b not enabled"
media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[0]' || fail "disable sensor-b"
media-ctl -d "$dev" -l '"sensor-a":0->"isp":0[1]' || fail "enable sensor-a again"

# Formats: a sensor mode, propagated by hand as media-ctl users do.
media-ctl -d "$dev" -V '"sensor-a":0 [fmt:SRGGB12_1X12/1280x720]' || fail "sensor format"
media-ctl -d "$dev" --get-v4l2 '"sensor-a":0' | grep -qF 'fmt:SRGGB12_1X12/1280x720' ||
	fail "sensor format not applied"
media-ctl -d "$dev" -V '"sensor-a":0 [fmt:SRGGB10_1X10/640x480]' || fail "sensor format back"

# Compliance: the media device and everything under it, streaming. The
# newest tool in one run, as the maintainers run it (every node, every
# input, MMAP and DMABUF imported from vimc, USERPTR refused): nothing tolerated.
# Debian's 1.22.1: the media device, then each node streaming (MMAP), its
# documented skew tolerated.
if comp_new; then
	compliance_all vcam "$dev" "$exp" 6 || fail "v4l2-compliance -m $dev -s -a -e $exp"
else
	comp=$(v4l2-compliance -m "$dev" 2>&1)
	echo "$comp" | grep -E 'fail:|^Total|^Grand Total'
	echo "$comp" | grep -q "^Grand Total for vcam device $dev:" || fail "v4l2-compliance -m did not finish"
	unexpected=$(echo "$comp" | comp_fails)
	[ -z "$unexpected" ] || fail "v4l2-compliance -m: $unexpected"
	n=$(echo "$comp" | comp_fails all | wc -l)
	echo "$comp" | grep -q "^Grand Total for vcam device $dev: [0-9]*, Succeeded: [0-9]*, Failed: $n, Warnings: 0" ||
		fail "v4l2-compliance -m: failure count differs from the tolerated fail: lines"
	for name in raw-a raw-b main self params stats; do
		n=$(node_named $name)
		[ -c "$n" ] || fail "no node $name"
		c=$(v4l2-compliance -d "$n" -s 2>&1)
		echo "$name: $(echo "$c" | grep -E '^Total')"
		compliance_ok vcam "$n" "$c" || fail "v4l2-compliance -s $name"
		echo "$c" | grep -q 'test MMAP (select): OK' || fail "v4l2-compliance -s $name did not stream"
	done
fi

# CREATE_BUFS sizes on every node: from the format's size to 8 MiB past the
# node's largest format (raw: 1920x1080 at 2 bytes a pixel; main and self:
# XBGR32; the parameter and statistics layouts of linux/vcam-config.h).
for spec in raw-a:4147200 raw-b:4147200 main:8294400 self:8294400 params:168 stats:5656; do
	"$build/mc-uapi-test" "$(node_named ${spec%%:*})" create-bufs ${spec#*:} ||
		fail "create-bufs ${spec%%:*}"
done

# Real captures from every capture node, at their default formats.
for spec in raw-a:614400 raw-b:614400 main:614400 self:614400; do
	name=${spec%%:*}
	want=$((10 * ${spec#*:}))
	f=$build/vcam-$name.raw
	rm -f "$f"
	timeout 120 v4l2-ctl -d "$(node_named $name)" --stream-mmap --stream-count=10 \
		--stream-to="$f" 2>/dev/null || fail "stream 10 frames from $name"
	size=$(stat -c %s "$f")
	[ "$size" = "$want" ] || fail "$name: 10 frames should be $want bytes, got $size"
	rm -f "$f"
done

# Frames against an independent reference: vcam-check (scripts/tests/vcam/, built
# by check.py) recomputes the colour bars, the ISP and the resizer from the
# frame library's documentation and compares (raw: bit-exact; processed:
# bit-exact away from the bar edges, within 2 near them), reading the
# configuration from the sub-device nodes.
chk=$build/vcam-check
[ -x "$chk" ] || fail "no $chk (scripts/tests/check.py builds it)"
ent() { media-ctl -d "$dev" -e "$1"; }
vcheck() {
	vout=$("$chk" "$@" 2>&1)
	vrc=$?
	echo "$vout" | grep -E '^(not )?ok |^# (reference|.*differ|frame)'
	[ $vrc = 0 ] || fail "vcam-check $*"
}
mset() { media-ctl -d "$dev" -V "$1" || fail "media-ctl -V $1"; }
sa=$(ent sensor-a) isp_sd=$(ent isp) rmain=$(ent resizer-main) rself=$(ent resizer-self)
raw_a=$(node_named raw-a) main_v=$(node_named main) self_v=$(node_named self)
pipe="--sensor $sa --isp $isp_sd"
# v4l2-compliance leaves controls changed (the test pattern, gains): the
# reference is colour bars at 1x, unmirrored, from the default formats.
v4l2-ctl -d "$sa" --set-ctrl=test_pattern=0,exposure=1000,analogue_gain=16,digital_gain=256 ||
	fail "reset sensor-a controls"
v4l2-ctl -d "$sa" --set-ctrl=horizontal_flip=0,vertical_flip=0 || fail "reset sensor-a flips"
v4l2-ctl -d "$raw_a" --set-fmt-video=width=640,height=480,pixelformat=RG10 || fail "raw-a RG10"
v4l2-ctl -d "$main_v" --set-fmt-video=width=640,height=480,pixelformat=YUYV || fail "main YUYV"
v4l2-ctl -d "$self_v" --set-fmt-video=width=640,height=480,pixelformat=YUYV || fail "self YUYV"
# Raw at the default mode (SRGGB10 640x480 at (640,300)), then 12-bit.
vcheck raw "$raw_a" 5 --sensor "$sa"
mset '"sensor-a":0 [fmt:SRGGB12_1X12/640x480]'
mset '"isp":0 [fmt:SRGGB12_1X12/640x480]'
v4l2-ctl -d "$raw_a" --set-fmt-video=pixelformat=RG12 || fail "raw-a RG12"
vcheck raw "$raw_a" 5 --sensor "$sa"
mset '"sensor-a":0 [fmt:SRGGB10_1X10/640x480]'
mset '"isp":0 [fmt:SRGGB10_1X10/640x480]'
v4l2-ctl -d "$raw_a" --set-fmt-video=pixelformat=RG10 || fail "raw-a RG10"
# Main and self at the default configuration, and the statistics.
vcheck main "$main_v" 5 $pipe --resizer "$rmain"
vcheck main "$self_v" 3 $pipe --resizer "$rself"
vcheck stats "$(node_named stats)" 3 --main "$main_v" $pipe
# R'G'B' out of the ISP, RGB24 from main.
mset '"isp":2 [fmt:RGB888_1X24/640x480]'
mset '"resizer-main":0 [fmt:RGB888_1X24/640x480]'
mset '"resizer-self":0 [fmt:RGB888_1X24/640x480]'
v4l2-ctl -d "$main_v" --set-fmt-video=pixelformat=RGB3 || fail "main RGB3"
vcheck main "$main_v" 3 $pipe --resizer "$rmain"
mset '"isp":2 [fmt:YUV8_1X24/640x480]'
mset '"resizer-main":0 [fmt:YUV8_1X24/640x480]'
mset '"resizer-self":0 [fmt:YUV8_1X24/640x480]'
v4l2-ctl -d "$main_v" --set-fmt-video=pixelformat=YUYV || fail "main YUYV"
# The demo's configuration (scripts/run-demo.py): the whole array, 3:1 to VGA.
mset '"sensor-a":0 [fmt:SRGGB10_1X10/1920x1080]'
mset '"isp":0 [fmt:SRGGB10_1X10/1920x1080]'
mset '"resizer-main":0 [fmt:YUV8_1X24/1920x1080]'
mset '"resizer-self":0 [fmt:YUV8_1X24/1920x1080]'
mset '"resizer-main":1 [fmt:YUV8_1X24/640x480]'
vcheck main "$main_v" 3 $pipe --resizer "$rmain"
# Back to the defaults, checked by one more capture.
mset '"sensor-a":0 [fmt:SRGGB10_1X10/640x480]'
mset '"isp":0 [fmt:SRGGB10_1X10/640x480]'
mset '"resizer-main":0 [fmt:YUV8_1X24/640x480]'
mset '"resizer-self":0 [fmt:YUV8_1X24/640x480]'
mset '"resizer-main":1 [fmt:YUV8_1X24/640x480]'
media-ctl -d "$dev" --get-v4l2 '"sensor-a":0' | grep -qF 'crop:(640,300)/640x480' ||
	fail "sensor-a crop not back to the default"
vcheck main "$main_v" 2 $pipe --resizer "$rmain"

# Unbind with nothing open, bind again: a fresh instance that streams.
echo vcam.0 > /sys/bus/platform/drivers/vcam/unbind || fail "unbind"
echo vcam.0 > /sys/bus/platform/drivers/vcam/bind || fail "bind"
timeout 120 v4l2-ctl -d "$(node_named main)" --stream-mmap --stream-count=3 2>/dev/null ||
	fail "stream after rebind"

# A second real client: ffmpeg grabs a frame from main of the fresh
# instance (defaults: compliance leaves controls changed; the centre crop,
# whose columns 80..319 are the green bar) as RGB.
f=$build/vcam-ffmpeg.rgb
rm -f "$f"
timeout 120 ffmpeg -nostdin -loglevel error -f v4l2 -input_format yuyv422 -video_size 640x480 \
	-i "$(node_named main)" -frames:v 1 -f rawvideo -pix_fmt rgb24 -y "$f" || fail "ffmpeg capture"
[ "$(stat -c %s "$f")" = $((640 * 480 * 3)) ] || fail "ffmpeg frame size"
set -- $(od -An -tu1 -j $(((240 * 640 + 200) * 3)) -N3 "$f")
echo "ffmpeg: pixel (200,240) = R $1 G $2 B $3"
[ "$1" -lt 40 ] && [ "$2" -gt 215 ] && [ "$3" -lt 40 ] || fail "ffmpeg: not the green bar"
rm -f "$f"

# ISP parameters apply from the frame after the one that took them.
"$build/vcam-params-test" "$(node_named params)" "$(node_named stats)" || fail "parameters timing"

# Every call blocked on a node returns with an error when the device goes:
# DQEVENT, poll, select and epoll on a sub-device node, DQBUF, poll and epoll
# on a video node. Their files then close, and the module unloads.
# (The instance is the one bound since: its own media device.)
d=/dev/$(basename "$(ls -d $plat/media* | head -1)")
"$build/node-wait-test" "$(media-ctl -d "$d" -e sensor-a)" "$(node_named main)" \
	/sys/bus/platform/drivers/vcam/unbind vcam.0 || fail "blocked calls across unbind"

rmmod vcam || fail "rmmod vcam"

# Two instances of one sensor each: two media devices, each compliant.
insmod "$root/vcam.ko" instances=2 sensors=1 no_disconnect=1 ||
	fail "insmod vcam instances=2 sensors=1 no_disconnect=1"
for i in 0 1; do
	d=/dev/$(basename "$(ls -d /sys/devices/platform/vcam.$i/media* | head -1)")
	[ -c "$d" ] || fail "no media node for vcam.$i"
	media-ctl -d "$d" -p | grep -q 'sensor-b' && fail "vcam.$i has a second sensor"
	comp=$(v4l2-compliance -m "$d" 2>&1)
	echo "vcam.$i: $(echo "$comp" | grep '^Grand Total')"
	[ -z "$(echo "$comp" | comp_fails)" ] || fail "v4l2-compliance -m vcam.$i: $(echo "$comp" | comp_fails)"
	echo "$comp" | grep -q "^Grand Total for vcam device $d: .*Warnings: 0" ||
		fail "v4l2-compliance -m vcam.$i did not finish cleanly"
done
rmmod vcam || fail "rmmod vcam (two instances)"
echo "scenario: vcam ok"
