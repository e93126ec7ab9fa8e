#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The contract after unbind, side by side with the in-kernel media
# controller in one boot: mc-contract probes vimc and vcam the same way
# (every node type: open, ioctl, poll, mmap, read after unbind; calls
# blocked at unbind; poll on a live node; MEDIA_ENT_ID_FLAG_NEXT), and every
# row is checked against the table in Documentation/lifetime.rst ("The
# contract after unbind"): vimc's answer against its "in-kernel MC" column,
# vcam's against its "mcpp" column, and the "verdict" column against whether
# the two agree. A row missing from either side fails.
set -u
root=$1
build=$root/build
doc=$root/Documentation/lifetime.rst
fail() { echo "scenario: FAIL: $*"; exit 1; }
[ -x "$build/mc-contract" ] || fail "build/mc-contract missing"

# The rows of the table that follows the marker comment, one per line:
# call<TAB>in-kernel<TAB>mcpp<TAB>verdict (columns cut where the border's are).
doc_rows() {
	awk '
	/^\.\. contract-table/ { on = 1; next }
	on && /^=[= ]*$/ {
		borders++
		if (borders == 1) {
			n = 0
			for (i = 1; i <= length($0); i++)
				if (substr($0, i, 1) == "=" && (i == 1 || substr($0, i - 1, 1) == " "))
					start[++n] = i
		}
		if (borders == 3)
			exit
		next
	}
	on && borders == 2 && NF {
		line = ""
		for (c = 1; c <= n; c++) {
			f = c < n ? substr($0, start[c], start[c + 1] - start[c]) : substr($0, start[c])
			gsub(/^ +| +$/, "", f)
			line = line (c > 1 ? "\t" : "") f
		}
		print line
	}' "$doc"
}

probe() {
	label=$1
	shift
	"$build/mc-contract" "$@" >"$build/contract-$label.txt" 2>&1
	rc=$?
	grep '^#' "$build/contract-$label.txt" | sed "s/^/$label /"
	[ $rc = 0 ] || fail "$label: mc-contract could not run (rc=$rc)"
}

# vimc: loaded by 15-names in the main boot (and left loaded: see there).
modprobe -d "$MCPP_MODROOT" vimc || fail "modprobe vimc"
vm=/dev/$(basename "$(ls -d /sys/devices/platform/vimc.0/media* | head -1)")
# One capture node streams (two at once WARN in vimc: see 50-stress.sh).
media-ctl -d "$vm" -V '"Sensor B":0[fmt:SRGGB8_1X8/640x480]' || fail "vimc sensor format"
vv=$(media-ctl -d "$vm" -e "Raw Capture 1")
v4l2-ctl -d "$vv" -v pixelformat=RGGB || fail "vimc capture format"
vs=$(media-ctl -d "$vm" -e "Sensor A")
probe vimc --media "$vm" --video "$vv" --subdev "$vs" \
	--unbind "echo vimc.0 > /sys/bus/platform/drivers/vimc/unbind"
echo vimc.0 > /sys/bus/platform/drivers/vimc/bind || fail "rebind vimc"

insmod "$root/vcam.ko" || fail "insmod vcam"
plat=/sys/devices/platform/vcam.0
cm=/dev/$(basename "$(ls -d $plat/media* | head -1)")
cv=$(media-ctl -d "$cm" -e raw-a)
cs=$(media-ctl -d "$cm" -e sensor-a)
probe vcam --media "$cm" --video "$cv" --subdev "$cs" \
	--unbind "echo vcam.0 > /sys/bus/platform/drivers/vcam/unbind"
rmmod vcam || fail "rmmod vcam"

doc_rows >"$build/contract-doc.txt"
[ -s "$build/contract-doc.txt" ] || fail "no contract table in $doc"
answer() { awk -F '\t' -v r="$2" '$1 == r { print $2 }' "$build/contract-$1.txt"; }

bad=0
printf '%-42s  %-20s  %-20s  %s\n' "call" "vimc" "vcam (mcpp)" "verdict"
while IFS="$(printf '\t')" read -r call want_k want_m verdict; do
	k=$(answer vimc "$call")
	m=$(answer vcam "$call")
	if [ "$k" = "$m" ]; then seen=match; else seen=differs; fi
	note=
	[ "$k" = "$want_k" ] || note="$note vimc: documented '$want_k';"
	[ "$m" = "$want_m" ] || note="$note mcpp: documented '$want_m';"
	[ "$seen" = "$verdict" ] || note="$note verdict: documented '$verdict';"
	printf '%-42s  %-20s  %-20s  %s\n' "$call" "${k:-(none)}" "${m:-(none)}" "$seen"
	if [ -n "$note" ]; then
		echo "  WRONG:$note"
		bad=$((bad + 1))
	fi
done <"$build/contract-doc.txt"
# Every probed row is in the table.
for label in vimc vcam; do
	for call in $(grep -v '^#' "$build/contract-$label.txt" | cut -f1 | tr ' ' '~'); do
		call=$(echo "$call" | tr '~' ' ')
		grep -qF "$(printf '%s\t' "$call")" "$build/contract-doc.txt" ||
			{ echo "  WRONG: $label row not in the table: $call"; bad=$((bad + 1)); }
	done
done
[ $bad = 0 ] || fail "$bad rows differ from Documentation/lifetime.rst"
echo "scenario: contract ok ($(wc -l <"$build/contract-doc.txt") rows)"
