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

insmod "$root/vcam.ko" no_disconnect=1 || fail "insmod vcam no_disconnect=1"
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
trap 'umount /run; rmmod vcam 2>/dev/null' EXIT
mkdir -p /run/udev/data
for d in /sys/bus/media/devices/* $plat/video4linux/* /sys/class/video4linux/v4l-subdev*; do
	[ -r "$d/dev" ] && : > "/run/udev/data/c$(cat "$d/dev")"
done
lc=$(LIBCAMERA_LOG_LEVELS='*:DEBUG' timeout 120 cam -l 2>&1)
echo "$lc" | grep -E 'DeviceEnumerator|media device' | sed 's/^\[[^]]*\] //'
echo "$lc" | grep -q "New media device \"vcam\" created from $dev" ||
	fail "libcamera did not create vcam's media device"
echo "$lc" | grep -q "Added device $dev: vcam" || fail "libcamera did not add $dev"

main_v=$(node_named main) raw_a=$(node_named raw-a) stats=$(node_named stats)

# GStreamer (1.22): v4l2src negotiates its caps from what the node
# enumerates (ENUM_FMT, ENUM_FRAMESIZES, ENUM_FRAMEINTERVALS); the caps ask
# for the format and the size media-ctl set on the resizer's source pad
# (STREAMON checks that the node's format matches it), nothing else. 30
# frames into a file, checked by vcam-check against its reference.
ent() { media-ctl -d "$dev" -e "$1"; }
size=$(media-ctl -d "$dev" --get-v4l2 '"resizer-main":1' | sed -n 's|.*fmt:[^/]*/\([0-9]*\)x\([0-9]*\).*|width=\1,height=\2|p')
[ -n "$size" ] || fail "no format on resizer-main:1"
export GST_REGISTRY=$build/gst-registry.bin
f=$build/vcam-gst.yuyv
rm -f "$f"
gst=$(timeout 300 gst-launch-1.0 -v v4l2src device="$main_v" num-buffers=30 ! \
	"video/x-raw,format=YUY2,$size" ! filesink location="$f" 2>&1) ||
	{ echo "$gst"; fail "gst-launch-1.0 v4l2src"; }
echo "$gst" | grep -m1 'v4l2src0.GstPad:src: caps = '
echo "gstreamer: $(stat -c %s "$f") bytes"
"$build/vcam-check" main "$main_v" 30 --sensor "$(ent sensor-a)" --isp "$(ent isp)" \
	--resizer "$(ent resizer-main)" --file "$f" | grep -E '^(not )?ok |^# |^(PASS|FAIL)' ||
	fail "vcam-check of GStreamer's frames"
rm -f "$f"

# Sizes and rates on the video nodes: v4l2-ctl lists them, and bad input
# to the four ioctls fails with EINVAL and changes nothing.
lfe=$(v4l2-ctl -d "$main_v" --list-formats-ext) || fail "v4l2-ctl --list-formats-ext main"
echo "$lfe" | sed -n '1,8p'
echo "$lfe" | grep -q "Size: Stepwise 64x64 - 1920x1080 with step 2/2" || fail "main: no stepwise size"
lfe=$(v4l2-ctl -d "$raw_a" --list-formats-ext) || fail "v4l2-ctl --list-formats-ext raw-a"
echo "$lfe" | sed -n '1,10p'
for want in "Size: Discrete 640x480" "Size: Discrete 1280x720" "Size: Discrete 1920x1080" \
	    "Interval: Discrete 0.033s (30.000 fps)"; do
	echo "$lfe" | grep -qF "$want" || fail "raw-a --list-formats-ext lacks: $want"
done
v4l2-ctl -d "$main_v" --get-parm | grep -q "Frames per second: 30.000 (30/1)" ||
	fail "main: G_PARM is not 30/s"
for n in "$main_v" "$raw_a"; do
	"$build/vcam-enum-test" "$n" "$stats" || fail "vcam-enum-test $n"
done

# Frame starts: V4L2_EVENT_FRAME_SYNC on the ISP sub-device, one per frame,
# numbered as the frame's buffers (the sensor sends none: EINVAL).
"$build/vcam-sync-test" "$(ent isp)" "$main_v" 20 "$(ent sensor-a)" || fail "vcam-sync-test"

# The ISP's crops, applied to the frames: a 320x240 window of the sensor's
# 640x480, and a 256x192 window of that out, scaled back to 640x480 by
# resizer-main; vcam-check's reference crops the same way. Then back.
mset() { media-ctl -d "$dev" -V "$1" || fail "media-ctl -V $1"; }
mset '"isp":0 [crop:(100,60)/320x240]'
mset '"isp":2 [crop:(32,16)/256x192]'
media-ctl -d "$dev" --get-v4l2 '"isp":2' | grep -qF 'fmt:YUV8_1X24/256x192' ||
	fail "the ISP's source format is not its crop's size"
mset '"resizer-main":0 [fmt:YUV8_1X24/256x192]'
mset '"resizer-self":0 [fmt:YUV8_1X24/256x192]'
"$build/vcam-check" main "$main_v" 3 --sensor "$(ent sensor-a)" --isp "$(ent isp)" \
	--resizer "$(ent resizer-main)" | grep -E '^(not )?ok |^# (isp|reference)|^(PASS|FAIL)' ||
	fail "vcam-check through the ISP's crops"
mset '"isp":0 [fmt:SRGGB10_1X10/640x480]'
mset '"resizer-main":0 [fmt:YUV8_1X24/640x480]'
mset '"resizer-self":0 [fmt:YUV8_1X24/640x480]'
media-ctl -d "$dev" --get-v4l2 '"isp":0' | grep -qF 'crop:(0,0)/640x480' ||
	fail "a new sink format did not reset the ISP's crop"

# The newest v4l2-compliance (make check V4L_UTILS_SRC=: first on PATH), when given.
. "$root/scripts/tests/scenarios/lib/compliance.sh"
newest=v4l2-compliance
if comp_new; then
	for n in "$main_v" "$raw_a"; do
		c=$("$newest" -d "$n" -s 2>&1)
		echo "$c" | grep -E 'fail:|warn:|^Total'
		echo "$c" | grep -qE "^Total for vcam device $n: [0-9]+, Succeeded: [0-9]+, Failed: 0, Warnings: 0$" ||
			fail "newest v4l2-compliance -d $n"
	done
	# The ISP's node: crop selections and frame-sync events.
	n=$(ent isp)
	c=$("$newest" -u "$n" 2>&1)
	echo "$c" | grep -E 'fail:|warn:|^Total'
	echo "$c" | grep -qE "^Total for vcam device $n: [0-9]+, Succeeded: [0-9]+, Failed: 0, Warnings: 0$" ||
		fail "newest v4l2-compliance -u $n"
else
	echo "# v4l2-compliance $comp_version is not the newest: 30-vcam checks the nodes with it"
fi

# PipeWire (0.3.65): the daemon alone, no session manager, no D-Bus, with
# its V4L2 plugin (libspa-v4l2) opening vcam's capture nodes as
# api.v4l2.source nodes (clients need module-access to see anything);
# pw-cli lists the nodes and their EnumFormat
# parameters (formats, sizes, rates), which PipeWire builds from
# ENUM_FMT, ENUM_FRAMESIZES and ENUM_FRAMEINTERVALS.
pw=/run/pipewire # a tmpfs: the daemon's socket cannot live on hostfs
mkdir -p "$pw"
cat > "$pw/vcam.conf" <<PWEOF
context.properties = { support.dbus = false core.daemon = true core.name = pipewire-0 mem.allow-mlock = false }
context.spa-libs = { api.v4l2.* = v4l2/libspa-v4l2 support.* = support/libspa-support }
context.modules = [
    { name = libpipewire-module-protocol-native }
    { name = libpipewire-module-client-node }
    { name = libpipewire-module-access }
    { name = libpipewire-module-metadata }
    { name = libpipewire-module-spa-node-factory }
    { name = libpipewire-module-adapter }
]
context.objects = [
    { factory = spa-node-factory
      args = { factory.name = api.v4l2.source node.name = vcam-main api.v4l2.path = $main_v } }
    { factory = spa-node-factory
      args = { factory.name = api.v4l2.source node.name = vcam-raw-a api.v4l2.path = $raw_a } }
]
PWEOF
export PIPEWIRE_RUNTIME_DIR=$pw XDG_RUNTIME_DIR=$pw
pipewire -c "$pw/vcam.conf" > "$pw/log" 2>&1 &
pwpid=$!
i=0
until [ -S "$pw/pipewire-0" ] || [ $i -ge 60 ]; do sleep 1; i=$((i + 1)); done
nodes=$(timeout 60 pw-cli ls Node 2>&1)
pw_id() { echo "$nodes" | awk -v n="node.name = \"$1\"" '/^\tid /{id=$2} index($0, n){sub(",", "", id); print id}'; }
id_main=$(pw_id vcam-main) id_raw=$(pw_id vcam-raw-a)
echo "pipewire: vcam-main is node $id_main, vcam-raw-a is node $id_raw"
pm=$(timeout 60 pw-cli enum-params "$id_main" EnumFormat 2>&1)
pr=$(timeout 60 pw-cli enum-params "$id_raw" EnumFormat 2>&1)
kill "$pwpid"
wait "$pwpid"
[ -n "$id_main" ] && [ -n "$id_raw" ] || { echo "$nodes"; cat "$pw/log"; fail "PipeWire has no vcam nodes"; }
echo "$pm" | grep -E 'Video:(format|size|framerate)|Id [0-9]+ .*\(Spa:Enum:VideoFormat|Rectangle|Fraction' | head -24
for want in 'Spa:Enum:VideoFormat:YUY2' 'Spa:Enum:VideoFormat:UYVY' 'Spa:Enum:VideoFormat:NV12' \
	    'Rectangle 64x64' 'Rectangle 1920x1080' 'Fraction 30/1'; do
	echo "$pm" | grep -qF "$want" || fail "PipeWire vcam-main EnumFormat lacks $want"
done
echo "$pr" | grep -E 'Rectangle|Fraction|bayer' | head -12
for want in 'Rectangle 640x480' 'Rectangle 1280x720' 'Rectangle 1920x1080' 'Fraction 30/1'; do
	echo "$pr" | grep -qF "$want" || fail "PipeWire vcam-raw-a EnumFormat lacks $want"
done

rmmod vcam || fail "rmmod vcam"
echo "scenario: desktop ok"
