#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vcam's error-injection controls from userspace (Documentation/vcam.rst,
# "Error injection"): v4l2-ctl lists them on video and sub-device nodes;
# vcam-errinj-test observes each one (errno, flag, sequence, timestamps, a
# stalled sensor); v4l2-ctl streams main while Disconnect is pressed with
# v4l2-ctl on sensor-a (the documentation's example): the streamer ends with
# an error and, once it has exited, a new instance appears, which streams;
# rmmod; Disconnect then rmmod at once, three times; no_error_inj=1 hides
# the controls, no_disconnect=1 Disconnect alone. (34-errinj-unplug: 100
# Disconnects with every kind of file held.)
set -u
root=$1
build=$root/build
mkdir -p "$build"
fail() { echo "scenario: FAIL: $*"; exit 1; }
test=$build/vcam-errinj-test
[ -x "$test" ] || fail "no $test (scripts/check.py builds it)"

plat=/sys/devices/platform/vcam.0
node_named() {
	for d in $plat/video4linux/*; do
		[ "$(cat "$d/name" 2>/dev/null)" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}
media_node() { ls -d $plat/media* 2>/dev/null | head -1; }

insmod "$root/vcam.ko" || fail "insmod vcam"
main=$(node_named main)
sensor=$(node_named sensor-a)
isp=$(node_named isp)
[ -c "$main" ] && [ -c "$sensor" ] && [ -c "$isp" ] || fail "vcam nodes missing"

# The controls, as v4l2-ctl names them.
v4l2-ctl -d "$main" -l >"$build/errinj-ctrls.out" 2>&1 || fail "v4l2-ctl -l on main"
cat "$build/errinj-ctrls.out"
for c in disconnect inject_v4l2_buf_flag_error inject_vidioc_reqbufs_error \
	 inject_vidioc_qbuf_error inject_vidioc_streamon_error inject_start_streaming_error \
	 inject_fatal_streaming_error percentage_of_dropped_buffers wrap_sequence_number \
	 wrap_timestamp; do
	grep -q "^ *$c " "$build/errinj-ctrls.out" || fail "main lacks $c"
done
v4l2-ctl -d "$sensor" -l | grep -q '^ *stall_sensor ' || fail "sensor-a lacks stall_sensor"
v4l2-ctl -d "$isp" -l | grep -q '^ *disconnect ' || fail "isp lacks disconnect"

"$test" controls || fail "vcam-errinj-test controls"

# The documentation's example: an application streaming, Disconnect pressed.
old=$(media_node)
v4l2-ctl -d "$main" --stream-mmap --stream-count=1000000 >"$build/errinj-stream.out" 2>&1 &
streamer=$!
i=0
while ! grep -q '<' "$build/errinj-stream.out"; do
	i=$((i + 1))
	[ $i -gt 300 ] && fail "main did not stream"
	sleep 0.1
done
v4l2-ctl -d "$sensor" --set-ctrl disconnect=1 || fail "v4l2-ctl --set-ctrl disconnect=1"
i=0
while kill -0 "$streamer" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 300 ] && { kill "$streamer"; fail "the streamer still runs 30 s after Disconnect"; }
	sleep 0.1
done
wait "$streamer"
tail -n 2 "$build/errinj-stream.out"
# DQBUF fails; or, when the unplug came between a DQBUF and the QBUF after
# it (the buffer done, or given back flagged ERROR by the unplug's stop), the
# QBUF does: v4l2-ctl then says only "qbuf error".
grep -qE 'VIDIOC_DQBUF: failed: (No such device|Input/output error)|do_handle_cap: qbuf error' \
	"$build/errinj-stream.out" || fail "the streamer ended without DQBUF's or QBUF's error"
i=0
while [ -z "$(media_node)" ] || [ -z "$(node_named stats)" ]; do
	i=$((i + 1))
	[ $i -gt 600 ] && fail "no new instance 60 s after the streamer exited"
	sleep 0.1
done
echo "re-plugged: $old -> $(media_node)"
main=$(node_named main)
v4l2-ctl -d "$main" --stream-mmap --stream-count=3 || fail "the new instance does not stream"

rmmod vcam || fail "rmmod vcam"

# Disconnect, then rmmod at once: the unplug work may not have run yet (the
# module's exit drains it, and no re-plug comes after exit begins).
for i in 1 2 3; do
	insmod "$root/vcam.ko" || fail "insmod vcam ($i)"
	v4l2-ctl -d "$(node_named isp)" --set-ctrl disconnect=1 || fail "Disconnect ($i)"
	rmmod vcam || fail "rmmod right after Disconnect ($i)"
done

# Hidden: no_error_inj=1.
insmod "$root/vcam.ko" no_error_inj=1 || fail "insmod vcam no_error_inj=1"
main=$(node_named main)
v4l2-ctl -d "$main" -l | grep -q disconnect && fail "no_error_inj=1: main still has disconnect"
v4l2-ctl -d "$(node_named sensor-a)" -l | grep -qE 'disconnect|stall' &&
	fail "no_error_inj=1: sensor-a still has error injection"
v4l2-ctl -d "$main" --set-ctrl disconnect=1 2>/dev/null && fail "no_error_inj=1: disconnect set"
rmmod vcam || fail "rmmod vcam"

# Disconnect alone hidden: no_disconnect=1 (what the compliance runs load).
insmod "$root/vcam.ko" no_disconnect=1 || fail "insmod vcam no_disconnect=1"
main=$(node_named main)
v4l2-ctl -d "$main" -l | grep -q disconnect && fail "no_disconnect=1: main still has disconnect"
v4l2-ctl -d "$main" -l | grep -q inject_vidioc_qbuf_error ||
	fail "no_disconnect=1: main lost the other controls"
v4l2-ctl -d "$(node_named sensor-a)" -l | grep -q stall_sensor ||
	fail "no_disconnect=1: sensor-a lost Stall Sensor"
v4l2-ctl -d "$(node_named isp)" -l | grep -qiE 'disconnect|error injection' &&
	fail "no_disconnect=1: the ISP still has the class (with no control in it)"
rmmod vcam || fail "rmmod vcam"
echo "scenario: every error-injection control observed; Disconnect and re-plug with v4l2-ctl"
