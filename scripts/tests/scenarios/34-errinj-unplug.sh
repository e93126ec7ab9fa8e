#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# vcam's Disconnect control, 100 times (vcam-errinj-test disconnect): each
# time the media node is open and blocked in poll(), main streams with its
# buffers mmap'd and one exported as a dma-buf (mmap'd too), threads are
# blocked in DQBUF on main and in DQEVENT on the ISP and on stats; Disconnect
# is pressed on main, stats, sensor-a, isp or resizer-self in turn (the media
# node has no controls). Every blocked call ends with an error, the old files
# get ENODEV (EIO on the media node), the mappings stay usable, and after the
# last close a new instance appears. Then rmmod: every instance was released
# (the module's exit waits for that); KASAN, kmemleak, lockdep and the WARN
# detectors watch the whole run.
set -u
root=$1
build=$root/build
fail() { echo "scenario: FAIL: $*"; exit 1; }
test=$build/vcam-errinj-test
[ -x "$test" ] || fail "no $test (scripts/check.py builds it)"

insmod "$root/vcam.ko" || fail "insmod vcam"
start=$(date +%s)
"$test" disconnect 100 >"$build/errinj-unplug.out" 2>&1
rc=$?
grep -v '^ok ' "$build/errinj-unplug.out"
echo "$(grep -c '^ok ' "$build/errinj-unplug.out") checks passed in $(($(date +%s) - start)) s"
[ $rc = 0 ] || fail "vcam-errinj-test disconnect 100"
rmmod vcam || fail "rmmod vcam"
echo "scenario: 100 Disconnects with every kind of file held, each followed by a re-plug"
