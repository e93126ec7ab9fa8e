#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Exported buffers outlive the device and the driver: dmabuf-hold streams
# vcam's main node, exports both buffers (EXPBUF) and maps them; they are
# then written, read, synced and mapped again with the video node open
# after unbind, after the video node's close, and after rmmod vcam. KASAN
# and kmemleak (the harness) watch the memory being freed at the last close.
set -u
root=$1
build=$root/build
fail() { echo "scenario: FAIL: $*"; exit 1; }

plat=/sys/devices/platform/vcam.0
node_named() {
	for d in $plat/video4linux/*; do
		[ "$(cat "$d/name")" = "$1" ] && echo "/dev/$(basename "$d")"
	done
}

out=$build/dmabuf-hold.out
fifo=$build/dmabuf-hold.fifo
# Up to 20 s for a line of the helper's output; its FAIL or death ends it.
wait_for() {
	i=0
	while ! grep -qx -- "$1" "$out"; do
		grep FAIL "$out" && fail "dmabuf-hold failed before: $1"
		kill -0 "$pid" 2>/dev/null || fail "dmabuf-hold died before: $1"
		i=$((i + 1))
		[ $i -gt 200 ] && fail "dmabuf-hold: no '$1' in 20 s"
		sleep 0.1
	done
	echo "dmabuf-hold: $1"
}

insmod "$root/vcam.ko" || fail "insmod vcam"
main=$(node_named main)
[ -c "$main" ] || fail "no main node"
rm -f "$fifo" "$out"
mkfifo "$fifo" || fail "mkfifo"
"$build/dmabuf-hold" "$main" <"$fifo" >"$out" 2>&1 &
pid=$!
exec 3>"$fifo"
wait_for ready

echo vcam.0 >/sys/bus/platform/drivers/vcam/unbind || fail "unbind"
echo after-unbind >&3
wait_for "ok after-unbind"
echo close-video >&3
wait_for "ok close-video"
rmmod vcam || fail "rmmod vcam with only dma-bufs left"
echo after-rmmod >&3
wait_for "ok after-rmmod"
exec 3>&-
wait "$pid" || fail "dmabuf-hold exited with $?"
rm -f "$fifo"
cat "$out"
echo "scenario: dma-bufs used after unbind, close and rmmod; freed at their last close"
