#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 inside the UML test kernel, and inside the x86_64 one under QEMU. The
# root filesystem is the host's (UML: hostfs, read-write; QEMU: virtio-9p,
# read-only), so the host's tools and the project's files are at their usual
# paths. The runner passes MCPP_PLAN (a shell fragment using the functions
# below) and MCPP_MODROOT (the test kernel's installed modules) on the kernel
# command line; the kernel hands both to us as environment variables. Under
# QEMU it also passes MCPP_SHARE, a host directory shared read-write (tag
# mcppshare) that we mount at the same path: the plan and the files scenarios
# write are there.
#
# Every step prints a "MCPP-..." marker line; scripts/tests/harness.py reads
# them together with the kernel's own messages on the same console.

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
if [ -n "$MCPP_SHARE" ]; then
	mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 mcppshare "$MCPP_SHARE"
	mount -t tmpfs tmpfs /tmp
fi

say() { echo "MCPP-$*"; }

# Modules of the test kernel itself (vimc, videobuf2-*).
kmod() {
	modprobe -d "$MCPP_MODROOT" "$@"
	say "INSMOD $1 rc=$?"
}

mod_load() {
	insmod "$@"
	say "INSMOD $(basename "$1" .ko) rc=$?"
}

# A KUnit module runs its suites at insmod; its KTAP lies between the markers.
mod_kunit() {
	say "KUNIT-BEGIN $(basename "$1" .ko)"
	insmod "$@"
	say "KUNIT-END $(basename "$1" .ko) rc=$?"
}

mod_unload() {
	rmmod "$1"
	say "RMMOD $1 rc=$?"
}

# A userspace scenario: exit status 0 is a pass. Its output is kept on the
# console for the log; it must be bounded (the runner's timeout is the
# backstop, not the plan).
scenario() {
	name=$(basename "$1" .sh)
	say "SCENARIO-BEGIN $name"
	sh "$@"
	rc=$?
	if [ $rc = 0 ]; then r=pass; else r=fail; fi
	say "SCENARIO-END $name result=$r rc=$rc"
}

# Leaks are only reported for objects older than kmemleak's minimum age
# (5 s), and a block first seen unreferenced is re-checked on the next scan.
kmemleak_check() {
	[ -w /sys/kernel/debug/kmemleak ] || { say "KMEMLEAK unavailable"; return; }
	sleep 6
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak
	say "KMEMLEAK done"
}

# Leaks from boot itself are not ours: forget them before the plan runs.
[ -w /sys/kernel/debug/kmemleak ] && echo clear > /sys/kernel/debug/kmemleak
# Let fail-nth injection hit GFP_KERNEL allocations, quietly.
if [ -d /sys/kernel/debug/failslab ]; then
	echo N > /sys/kernel/debug/failslab/ignore-gfp-wait
	echo 0 > /sys/kernel/debug/failslab/verbose
fi

say "BOOTED $(uname -r)"
if [ -n "$MCPP_PLAN" ] && [ -r "$MCPP_PLAN" ]; then
	. "$MCPP_PLAN"
else
	say "NO-PLAN '$MCPP_PLAN'"
fi
# Lockdep turns itself off after its first report, and silently when one of
# its tables overflows: the harness fails a boot that ends with it off and
# no report that explains it.
if [ -r /proc/lockdep_stats ]; then
	say "LOCKDEP debug_locks=$(awk '$1 == "debug_locks:" { print $2 }' /proc/lockdep_stats)"
fi
say "END"
sync
poweroff -f
