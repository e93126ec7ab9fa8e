#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vcam as a Rockchip ISP1 (personality=rkisp1) under libcamera's own rkisp1
# pipeline handler and IPA, unmodified: Debian 12's libcamera 0.0.3 and, when
# the suite was given a libcamera source (LIBCAMERA_SRC, scripts/libcamera.sh),
# the newest. For each:
#   - cam -l lists the camera;
#   - cam captures 60 frames on the main and self paths at once, each frame
#     checked against the picture (lc-frames bars: the eight colour bars);
#   - auto-exposure and white balance: the IMX219 looks at an under-exposed
#     grey card, with the raw sensor's colour cast (scene=1); 60 frames, the IPA's exposure,
#     gain and colour gains (cam --metadata) next to the mean luma and the
#     card's R/G, B/G measured from the frames (lc-frames grey), as a table;
#   - lc-compliance: Debian's 0.0.3 runs its whole list; the newest its
#     Capture tests with a viewfinder stream and the multi-stream Capture
#     tests with two video streams, on the main and self paths (its whole
#     list: make check-libcamera, MCPP_LC_COMPLIANCE_FILTER='*'; the
#     variable, a gtest filter, applies to both versions when set): counts,
#     0 failures, and every skip one lc-compliance explains by the rkisp1
#     pipeline handler (it needs 4 requests; no Raw role in vcam);
#   - gst-launch-1.0 libcamerasrc captures frames;
#   - unbind while cam streams: cam reports the error, and exits when
#     interrupted (cleanly, or on the rkisp1 handler's assertion that no
#     request is queued); after bind cam -l lists the camera again (the harness
#     checks splats and leaks).
set -u
root=$1
build=$root/build
mkdir -p "$build"
fail() { echo "scenario: FAIL: $*"; exit 1; }

plat=/sys/devices/platform/vcam.0
frames=$build/lc-frames
[ -x "$frames" ] || fail "no $frames (check.py builds it)"
cam_id='platform/vcam.0 imx219'

insmod "$root/vcam.ko" personality=rkisp1 || fail "insmod vcam personality=rkisp1"
trap 'umount /run 2>/dev/null; rmmod vcam 2>/dev/null; rm -rf "$build/lc"' EXIT

# libudev lists only devices udev has initialised (32-desktop: the same).
mount -t tmpfs tmpfs /run || fail "tmpfs on /run"
udev_entries() {
	rm -rf /run/udev
	mkdir -p /run/udev/data
	for d in /sys/bus/media/devices/* $plat/video4linux/* /sys/class/video4linux/v4l-subdev*; do
		[ -r "$d/dev" ] && : > "/run/udev/data/c$(cat "$d/dev")"
	done
}
udev_entries
name=$(basename "$(ls -d $plat/media* | head -1)")
media-ctl -d "/dev/$name" -p | grep -E '^(driver|model|hw revision)|entity' ||
	fail "media-ctl -p"
# The parameters node reports the RK1E blocks vcam accepts (the V10's: BLS
# to AFC_MEAS, RKISP1_EXT_PARAMS_BLOCK_TYPE_* 0..16), read-only.
params=$(media-ctl -d "/dev/$name" -e rkisp1_params)
out=$(v4l2-ctl -d "$params" -C supported_params_blocks 2>&1)
echo "rkisp1_params: $out"
# (v4l2-ctl 1.22.1 prints it in decimal, later ones in hexadecimal)
case $out in
"supported_params_blocks: "*) [ $((${out#*: })) = $((0x1ffff)) ] ;;
*) false ;;
esac || fail "RKISP1_CID_SUPPORTED_PARAMS_BLOCKS"
v4l2-ctl -d "$params" --list-ctrls | grep 'supported_params_blocks.*flags=read-only' ||
	fail "RKISP1_CID_SUPPORTED_PARAMS_BLOCKS is not read-only"
v4l2-ctl -d "$params" -c supported_params_blocks=1 2>/dev/null &&
	fail "RKISP1_CID_SUPPORTED_PARAMS_BLOCKS is writable"

tools="/usr/bin"
[ -n "${MCPP_LIBCAMERA:-}" ] && tools="$tools $MCPP_LIBCAMERA"
subset='*.Capture/*Viewfinder*:*MultiStream*.Capture/VideoRecording_VideoRecording*'
work=$build/lc
export LIBCAMERA_LOG_LEVELS='*:ERROR'

for bin in $tools; do
	if [ "$bin" = /usr/bin ]; then
		ver="Debian libcamera $(dpkg-query -W -f='${Version}' libcamera-tools 2>/dev/null)"
	else
		ver=$("$bin/cam" --version 2>&1 | tail -1)
	fi
	echo "== $ver ($bin)"
	out=$(timeout 120 "$bin/cam" -l 2>&1)
	echo "$out" | grep -F "($cam_id)" || { echo "$out"; fail "$ver: cam -l does not list $cam_id"; }
	# The newest reads the supported blocks (0.0.3 does not know of them).
	echo "$out" | grep -F 'Failed to query supported params blocks' &&
		fail "$ver: libcamera found no RKISP1_CID_SUPPORTED_PARAMS_BLOCKS"

	# Main and self paths at once, 60 frames each, checked as pictures.
	rm -rf $work && mkdir -p $work
	out=$(timeout 600 "$bin/cam" -c1 -C60 --metadata \
		-s role=viewfinder,width=640,height=480,pixelformat=NV12 \
		-s role=viewfinder,width=320,height=240,pixelformat=NV12 \
		--file="$work/f-#.bin" 2>&1)
	n0=$(ls $work | grep -c 'stream0') n1=$(ls $work | grep -c 'stream1')
	echo "cam: stream0 (main) $n0 frames, stream1 (self) $n1 frames"
	[ "$n0" = 60 ] && [ "$n1" = 60 ] || { echo "$out" | tail -20; fail "$ver: cam main+self"; }
	# The 640x480 mode is the array's centre (columns 640..1279: the cyan,
	# green, magenta and red bars). The first 15 frames are the 3A loops'
	# start (0.0.3's AGC asks for 4 lines once): the picture from frame 15.
	settled() { ls $work/*stream$1* | sort | tail -n +16; }
	"$frames" bars NV12 640 480 640,640,1920 $(settled 0) > $work/bars0 || {
		grep "not ok" $work/bars0 | head; echo "$out" | grep -E "seq:|Exposure|Gain" | head -80; fail "$ver: main path frames"; }
	"$frames" bars NV12 320 240 640,640,1920 $(settled 1) > $work/bars1 || {
		grep 'not ok' $work/bars1 | head; fail "$ver: self path frames"; }
	echo "frames 15..59: main $(grep -c '^ok' $work/bars0) ok, self $(grep -c '^ok' $work/bars1) ok (4 bars each)"

	# 3A: an under-exposed grey card (raw R/G 0.56, B/G 0.70), from the sensor's
	# defaults (the previous capture left its exposure and gain behind).
	sensor=$(media-ctl -d "/dev/$name" -e "imx219 1-0010")
	v4l2-ctl -d "$sensor" --set-ctrl exposure=1000,analogue_gain=0 || fail "reset $sensor"
	echo 1 > /sys/module/vcam/parameters/scene
	rm -rf $work && mkdir -p $work
	timeout 600 "$bin/cam" -c1 -C60 --metadata \
		-s role=viewfinder,width=640,height=480,pixelformat=NV12 \
		--file="$work/g-#.bin" > $work/meta 2>&1
	echo 0 > /sys/module/vcam/parameters/scene
	[ "$(ls $work | grep -c '^g-')" = 60 ] || { tail -20 $work/meta; fail "$ver: 3A capture"; }
	"$frames" grey NV12 640 480 $(ls $work/g-* | sort) > $work/grey
	python3 "$root/scripts/tests/vcam/lc-3a.py" "$ver" $work/meta $work/grey ||
		fail "$ver: 3A did not converge"

	# lc-compliance: the counts; no failure. Its output, whole, in $build.
	filter=${MCPP_LC_COMPLIANCE_FILTER:-$subset}
	[ -z "${MCPP_LC_COMPLIANCE_FILTER:-}" ] && [ "$bin" = /usr/bin ] && filter='*'
	start=$(date +%s)
	log=$build/lc-compliance-$(echo "$ver" | tr -c 'A-Za-z0-9.\n' -).log
	timeout 1800 "$bin/lc-compliance" -c "$cam_id" -f "$filter" > "$log" 2>&1
	rc=$?
	run=$(grep -c '^\[ RUN      \]' "$log") ok=$(grep -c '^\[       OK \]' "$log")
	failed=$(grep -c '^\[  FAILED  \].*ms)$' "$log")
	skipped=$(grep -c '^\[  SKIPPED \].*ms)$' "$log")
	echo "lc-compliance ($ver, filter $filter): $run tests, $ok passed, $failed failed," \
		"$skipped skipped in $(($(date +%s) - start)) s; exit $rc"
	# Why they skipped: the message gtest prints before each SKIPPED line.
	# (0.0.3 prints a "file:line: Skipped" line and a blank one between.)
	grep -B3 '^\[  SKIPPED \].*ms)$' "$log" | grep -v '^\[\|^--\|Skipped$\|^$' |
		sed 's/^/  skip: /' | sort | uniq -c
	grep '^\[  FAILED  \].*ms)$' "$log" | head
	[ $rc = 0 ] && [ "$failed" = 0 ] && [ "$run" -gt 0 ] || {
		tail -30 "$log"; fail "$ver: lc-compliance"; }
	# Every skip explained: the rkisp1 handler asks for 4 buffers (tests
	# with 1, 2 or 3 requests skip), and vcam offers no raw capture (the
	# Raw role, alone or beside another: libcamera's rkisp1 handler never
	# captures raw and processed streams at once).
	awk '/^\[ RUN      \]/ { name = $4; reason = ""; next }
	     /^\[  SKIPPED \].*ms\)$/ { print name "|" reason; next }
	     /^\[/ || /: Skipped$/ || /^$/ { next }
	     { reason = $0 }' "$log" | awk -F'|' '
	     $2 ~ /^Camera needs 4 requests, can.t test only [123]$/ && $1 ~ /_[123]$/ { n++; next }
	     $2 ~ /^Roles? not supported by camera$/ && $1 ~ /\/Raw/ { n++; next }
	     { print "  unexplained skip: " $0 }
	     END { exit n != '"$skipped"' }' || fail "$ver: lc-compliance skips"

	# GStreamer: the libcamerasrc element of this libcamera (Debian's 0.0.3
	# has no num-buffers: identity ends the stream).
	rm -f $work/gst.bin
	out=$(timeout 300 "$bin/gst-launch-1.0" -q libcamerasrc camera-name="$cam_id" ! \
		video/x-raw,format=NV12,width=640,height=480 ! identity eos-after=10 ! \
		filesink location=$work/gst.bin 2>&1)
	size=$(stat -c %s $work/gst.bin 2>/dev/null || echo 0)
	echo "gst-launch libcamerasrc: $size bytes"
	[ "$size" -ge $((640 * 480 * 3 / 2 * 9)) ] || { echo "$out"; fail "$ver: libcamerasrc"; }
done

# Lifetime through libcamera, with each version: unbind while cam streams.
# cam reports the failed dequeues and no frame comes after. It cannot exit
# on its own (Documentation/vcam.rst, "The rkisp1 personality": cam leaves
# its loop only at its frame count or on SIGINT, and libcamera's rkisp1
# handler never disconnects its camera on an unplug), so it is interrupted,
# as a user would: it must then exit (nothing blocks in the kernel), either
# cleanly or on the rkisp1 handler's own assertion in stopDevice() that no
# request is queued (STREAMOFF on the unregistered nodes fails with ENODEV,
# as on any V4L2 driver, and libcamera then never cancels its buffers). After bind, cam -l
# lists the camera again; the harness checks that nothing leaked or splatted.
for bin in $tools; do
	rm -rf $work && mkdir -p $work
	timeout 300 "$bin/cam" -c1 -C -s role=viewfinder,width=640,height=480 > $work/cam.out 2>&1 &
	campid=$!
	n=0
	while [ $n -lt 100 ] && [ "$(grep -c 'seq:' $work/cam.out)" -lt 10 ]; do
		sleep 0.2
		n=$((n + 1))
	done
	[ "$(grep -c 'seq:' $work/cam.out)" -ge 10 ] || { cat $work/cam.out; fail "$bin: cam did not stream"; }
	echo vcam.0 > /sys/bus/platform/drivers/vcam/unbind || fail "unbind"
	n=0
	while [ $n -lt 100 ] && ! grep -q 'Failed to dequeue' $work/cam.out; do
		sleep 0.2
		n=$((n + 1))
	done
	grep -o 'Failed to dequeue.*' $work/cam.out | sort | uniq -c ||
		{ tail $work/cam.out; fail "$bin: cam reported no error"; }
	frames_before=$(grep -c 'seq:' $work/cam.out)
	sleep 1
	[ "$(grep -c 'seq:' $work/cam.out)" = "$frames_before" ] || fail "$bin: frames after the unbind"
	kill -INT $campid
	wait $campid
	rc=$?
	echo "$bin/cam after unbind: $frames_before frames, exit $rc after SIGINT"
	grep -o -e 'Failed to stop streaming.*' -e 'FATAL.*' $work/cam.out | sort | uniq -c
	case $rc in
	0) ;;
	134) grep -q 'assertion "data->queuedRequests_.empty()" failed in stopDevice()' $work/cam.out ||
		{ tail -30 $work/cam.out; fail "$bin: cam aborted, not on the rkisp1 handler's assertion"; } ;;
	*) tail -30 $work/cam.out; fail "$bin: cam exit $rc after SIGINT" ;;
	esac
	echo vcam.0 > /sys/bus/platform/drivers/vcam/bind || fail "bind"
	udev_entries
	out=$(timeout 120 "$bin/cam" -l 2>&1)
	echo "$out" | grep -F "($cam_id)" || { echo "$out"; fail "$bin: cam -l after rebind"; }
done
echo "scenario: libcamera OK"
