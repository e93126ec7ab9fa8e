#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The ioctl fuzzer (scripts/tests/fuzz/mc-fuzz.c) on every node of vcam (media,
# video and metadata, sub-devices), then on vimc's with the same seed and
# count: nothing may crash, hang, leak or splat (the harness reads the
# console), the topology must not change, and vcam must still stream once
# its configuration is set back. MCPP_FUZZ_COUNT and MCPP_FUZZ_SEED override
# the count and the seed (make fuzz-long: a million).
set -u
root=$1
build=$root/build
fail() { echo "scenario: FAIL: $*"; exit 1; }
fuzz=$build/mc-fuzz
[ -x "$fuzz" ] || fail "no $fuzz (scripts/tests/check.py builds it)"
seed=${MCPP_FUZZ_SEED:-6}
count=${MCPP_FUZZ_COUNT:-100000}
# A generous bound: about 4000 calls a second on the debug UML kernel.
limit=$((300 + count / 200))

# The entity and link lines of media-ctl -p, link flags aside.
topo() { media-ctl -d "$1" -p | grep -E '^- entity|^[[:space:]]+(<-|->)' | sed 's/ \[[A-Z,]*\]$//'; }

insmod "$root/vcam.ko" || fail "insmod vcam"
plat=/sys/devices/platform/vcam.0
dev=/dev/$(basename "$(ls -d $plat/media* | head -1)")
[ -c "$dev" ] || fail "no media node under $plat"
node_named() {
	for d in $plat/video4linux/*; do
		[ "$(cat "$d/name")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}
before=$(topo "$dev")

start=$(date +%s)
"$fuzz" --seed "$seed" --count "$count" --timeout-s "$limit" --label vcam --media "$dev" \
	>"$build/fuzz-vcam.$count.out" 2>&1
rc=$?
grep -v '^call ' "$build/fuzz-vcam.$count.out" | head -200
echo "vcam fuzz: rc=$rc in $(($(date +%s) - start))s"
[ $rc = 0 ] || fail "mc-fuzz on vcam: rc=$rc"
frames=$(cat /sys/kernel/debug/vcam/vcam.0/frames 2>/dev/null)
echo "vcam frames produced while fuzzing: ${frames:-?}"

# Still there, still the same graph.
[ "$(topo "$dev")" = "$before" ] || fail "media-ctl -p: the topology changed"

# Set the configuration back (controls, links, formats) and stream.
sa=$(media-ctl -d "$dev" -e sensor-a)
v4l2-ctl -d "$sa" --set-ctrl=test_pattern=0,exposure=1000,analogue_gain=16,digital_gain=256 ||
	fail "reset sensor-a controls"
v4l2-ctl -d "$sa" --set-ctrl=horizontal_flip=0,vertical_flip=0 || fail "reset sensor-a flips"
v4l2-ctl -d "$sa" --set-ctrl=horizontal_blanking=1560,vertical_blanking=645 ||
	fail "reset sensor-a blanking"
media-ctl -d "$dev" -l '"sensor-b":0->"isp":0[0]' || fail "disable sensor-b"
media-ctl -d "$dev" -l '"sensor-a":0->"isp":0[1]' || fail "enable sensor-a"
for f in '"sensor-a":0 [fmt:SRGGB10_1X10/640x480]' '"isp":0 [fmt:SRGGB10_1X10/640x480]' \
	 '"isp":2 [fmt:YUV8_1X24/640x480]' '"resizer-main":0 [fmt:YUV8_1X24/640x480]' \
	 '"resizer-self":0 [fmt:YUV8_1X24/640x480]' '"resizer-main":1 [fmt:YUV8_1X24/640x480]' \
	 '"resizer-self":1 [fmt:YUV8_1X24/640x480]'; do
	media-ctl -d "$dev" -V "$f" || fail "media-ctl -V $f"
done
main=$(node_named main)
v4l2-ctl -d "$main" --set-fmt-video=width=640,height=480,pixelformat=YUYV || fail "main YUYV"
v4l2-ctl -d "$(node_named self)" --set-fmt-video=width=640,height=480,pixelformat=YUYV ||
	fail "self YUYV"
v4l2-ctl -d "$(node_named raw-a)" --set-fmt-video=width=640,height=480,pixelformat=RG10 ||
	fail "raw-a RG10"
for n in main raw-a; do
	timeout 120 v4l2-ctl -d "$(node_named $n)" --stream-mmap --stream-count=3 ||
		fail "stream 3 frames from $n after fuzzing"
done
# The first bug the fuzzer found: CREATE_BUFS sizes are bounded.
"$build/mc-uapi-test" "$main" create-bufs 8294400 || fail "create-bufs" # 1920x1080 XBGR32
rmmod vcam || fail "rmmod vcam"

# vimc, same seed and count. vimc lets a client allocate as many buffers as
# vb2 allows, of any size CREATE_BUFS asks for (vimc-capture.c:
# vimc_capture_queue_setup() takes any size at least the format's): a few
# GB gets a vmalloc warning, 32 buffers of 35 MB (4096x2160, 4 bytes a
# pixel) the OOM killer in 1 GB. So for vimc the fuzzer keeps to 4
# buffers a node and 36 MB a buffer.
modprobe -d "$MCPP_MODROOT" vimc || fail "modprobe vimc"
vdev=/dev/$(basename "$(ls -d /sys/devices/platform/vimc*/media* | head -1)")
[ -c "$vdev" ] || fail "no vimc media node"
media-ctl -d "$vdev" -p | grep -q 'driver          vimc' || fail "$vdev is not vimc"
vbefore=$(topo "$vdev")
start=$(date +%s)
"$fuzz" --seed "$seed" --count "$count" --timeout-s "$limit" --label vimc --media "$vdev" \
	--max-buffers 4 --max-buffer-size 37748736 >"$build/fuzz-vimc.$count.out" 2>&1
vrc=$?
grep -v '^call ' "$build/fuzz-vimc.$count.out" | head -200
echo "vimc fuzz: rc=$vrc in $(($(date +%s) - start))s"
[ "$(topo "$vdev")" = "$vbefore" ] || fail "vimc: the topology changed"
# vimc stays loaded (see 15-names.sh): its delayed releases would call an
# unloaded module.

# Side by side.
printf '%-6s %s\n' target "summary (seed $seed, $count ioctls)"
for t in vcam vimc; do
	printf '%-6s %s\n' $t "$(grep "^fuzz: $t total:" "$build/fuzz-$t.$count.out" | sed "s/^fuzz: $t total: //")"
done
[ $vrc = 0 ] || fail "mc-fuzz on vimc: rc=$vrc"
echo "scenario: fuzz ok"
