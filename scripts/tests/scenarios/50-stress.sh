#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Unbind under load, vcam and vimc side by side (scripts/tests/stress/mc-stress.c):
# for each driver, $MCPP_STRESS_CYCLES cycles (default 5) of streaming
# clients with buffers mapped, processes holding every node open and
# processes hammering media, video and sub-device ioctls, then unbind; every
# client must get an error and exit (a hang is a failure), the rebound
# device must stream. Then rmmod with a file open must be refused, and
# succeed after the last close. Kernel reports and kmemleak leaks are
# counted per driver, and the two results printed as one table.
set -u
root=$1
build=$root/build
cycles=${MCPP_STRESS_CYCLES:-5}
fail() { echo "scenario: FAIL: $*"; exit 1; }
. "$root/scripts/tests/scenarios/lib/kmemleak.sh"
[ -x "$build/mc-stress" ] || fail "build/mc-stress missing"

# Console reports since boot, of the kinds the harness fails a run for.
reports() {
	dmesg | grep -cE 'BUG: |WARNING: |unreferenced object|INFO: task .* blocked|refcount_t: |ODEBUG: |Oops'
}

# kmemleak's count after a scan (the final kmemleak_check reports them too),
# without the V4L2 core's name leak that 35-probe-faults may leave behind
# and a later scan may be the first to report (lib/kmemleak.sh).
leaks() {
	echo scan > $kml
	echo scan > $kml
	kmemleak_count_other
}

# rmmod $1 while $2 is open: refused; after the close: done, unless $3 is
# "keep" (vimc: see 15-names.sh, its delayed releases would call unloaded code).
rmmod_check() {
	exec 3<"$2" || return 1
	if rmmod "$1" 2>/dev/null; then
		exec 3<&-
		echo "rmmod $1 with $2 open succeeded"
		return 1
	fi
	exec 3<&-
	if [ "${3:-}" = keep ]; then
		echo "rmmod $1: refused with $2 open (left loaded)"
		return 0
	fi
	rmmod "$1" || return 1
	echo "rmmod $1: refused with $2 open, done after the close"
}

# run_driver <label> <module-load command> <module> <platform device> <driver>
#            [setup command] [capture nodes to stream]
run_driver() {
	label=$1 load=$2 mod=$3 pdev=$4 drv=$5 setup=${6:-} stream=${7:-}
	r0=$(reports)
	sh -c "$load" || fail "$label: load"
	# A fresh instance, whatever an earlier scenario left (vimc stays loaded).
	if [ -e "/sys/bus/platform/drivers/$drv/$pdev" ]; then
		echo "$pdev" > "/sys/bus/platform/drivers/$drv/unbind" &&
			echo "$pdev" > "/sys/bus/platform/drivers/$drv/bind" || fail "$label: rebind"
	fi
	sleep 6
	echo scan > $kml
	l0=$(kmemleak_count_other)
	set -- --dev "$pdev" --drv "$drv" --cycles "$cycles"
	[ -n "$setup" ] && set -- "$@" --setup "$setup"
	[ -n "$stream" ] && set -- "$@" --stream "$stream"
	# 1,000 cycles (make check-long) take hours; the bound scales with them.
	# Progress goes to the console as it happens; the summary to a file.
	rm -f "$build/stress-$label.txt"
	timeout $((600 + cycles * 20)) "$build/mc-stress" "$@" --summary "$build/stress-$label.txt" 2>&1
	rc=$?
	line=$(grep '^stress:' "$build/stress-$label.txt" 2>/dev/null)
	[ -n "$line" ] || fail "$label: mc-stress printed no summary (rc=$rc)"
	echo "$line"
	node=$(ls -d /sys/bus/platform/devices/"$pdev"/video4linux/video* | head -1)
	rmm=refused
	keep=
	[ "$mod" = vimc ] && keep=keep
	rmmod_check "$mod" "/dev/$(basename "$node")" $keep || rmm=WRONG
	sleep 6
	l1=$(leaks)
	r1=$(reports)
	eval "${label}_line=\"\$line\" ${label}_rc=$rc ${label}_rmmod=$rmm"
	eval "${label}_leaks=$((l1 - l0)) ${label}_reports=$((r1 - r0))"
}

# vimc's pipelines stream once the sensors output Bayer and the raw nodes take it.
vimc_setup='media-ctl -d "$MEDIA" -V "\"Sensor A\":0[fmt:SRGGB8_1X8/640x480],\"Sensor B\":0[fmt:SRGGB8_1X8/640x480]" &&
	for e in "Raw Capture 0" "Raw Capture 1"; do
		v4l2-ctl -d "$(media-ctl -d "$MEDIA" -e "$e")" -v pixelformat=RGGB || exit 1
	done'

# vimc gives each capture node a pipeline of its own: two nodes fed by one
# sensor (Raw Capture 0 and RGB/YUV Capture) cannot stream together, and the
# second start WARNs in mc-entity.c (__media_pipeline_start: the pad already
# has another pipe). A WARN userspace can trigger is a vimc bug; it fails a
# run, so vimc streams only its two independent paths. vcam streams all.
run_driver vcam "insmod $root/vcam.ko" vcam vcam.0 vcam
run_driver vimc "modprobe -d $MCPP_MODROOT vimc" vimc vimc.0 vimc "$vimc_setup" \
	"RGB/YUV Capture,Raw Capture 1"

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
row() {
	printf '%-30s %14s %14s\n' "$1" "$(field "$vcam_line" "$2")" "$(field "$vimc_line" "$2")"
}
echo
echo "unbind under load, $cycles cycles each"
printf '%-30s %14s %14s\n' "" vcam vimc
row "cycles" cycles
row "clients" clients
row "clients that saw an error" errors
row "  ENODEV" enodev
row "  EIO" eio
row "  EPIPE" epipe
row "  other errno" other
row "clients without an error" no_error
row "clients failed before unbind" early
row "hangs" hangs
row "streamers refused" stream_refused
row "bad rebinds" rebind_bad
row "unbind ms (avg)" unbind_ms_avg
row "unbind ms (max)" unbind_ms_max
printf '%-30s %14s %14s\n' "kernel reports" "$vcam_reports" "$vimc_reports"
printf '%-30s %14s %14s\n' "kmemleak leaks" "$vcam_leaks" "$vimc_leaks"
printf '%-30s %14s %14s\n' "rmmod with a file open" "$vcam_rmmod" "$vimc_rmmod"
echo

for d in vcam vimc; do
	eval "rc=\$${d}_rc rep=\$${d}_reports lk=\$${d}_leaks rm=\$${d}_rmmod"
	[ "$rc" = 0 ] || fail "$d: mc-stress failed (rc=$rc)"
	[ "$rep" = 0 ] || fail "$d: $rep kernel reports"
	[ "$lk" = 0 ] || fail "$d: $lk kmemleak leaks"
	[ "$rm" = refused ] || fail "$d: rmmod with a file open was not refused"
done
echo "stress: both drivers clean"
