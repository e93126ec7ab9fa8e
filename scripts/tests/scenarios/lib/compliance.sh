# SPDX-License-Identifier: GPL-2.0
# Sourced by the scenarios: v4l2-compliance runs and how they are judged.
#
# The tool is Debian's 1.22.1, or with `make check V4L_UTILS_SRC=...` a
# newer one built from that source (scripts/v4l-utils.sh; check.py puts it
# first on PATH). The newest tool is judged strictly: every fail: and warn:
# line is a failure. 1.22.1 predates parts of the 6.12 uAPI, and only its
# documented version skew is tolerated (Documentation/testing.rst), nothing
# broader: ancillary links (v4l2-test-media.cpp(270)), CREATE_BUFS
# max_num_buffers (v4l2-test-buffers.cpp(703)), and 6.12's renamed NV12/NV16
# descriptions (v4l2-test-formats.cpp(263), only with exactly those two
# strings).
comp_version=$(v4l2-compliance --version 2>/dev/null | awk '{ sub(",", "", $2); print $2; exit }')
if [ "$comp_version" = 1.22.1 ]; then
	skew="v4l2-test-media[.]cpp[(]270[)]|v4l2-test-buffers[.]cpp[(]703[)]"
	skew="$skew|v4l2-test-formats[.]cpp[(]263[)]: fmtdesc[.]description mismatch: was 'Y/UV 4:2:[02]', expected 'Y/CbCr 4:2:[02]'\$"
	gap=1
else
	skew=
	gap=0
fi
echo "v4l2-compliance $comp_version: $([ $gap = 1 ] && echo "the 1.22.1 skew tolerated" ||
	echo "nothing tolerated")"

# True with a v4l2-compliance newer than Debian's 1.22.1.
comp_new() {
	[ "$comp_version" != 1.22.1 ]
}

# The fail: lines of a run that are not tolerated, or with $1 = all, every one.
comp_fails() {
	awk -v skew="$skew" -v mode="${1:-unexpected}" \
		'/fail:/ && (mode == "all" || skew == "" || $0 !~ skew)'
}

# The warn: lines that are not tolerated, or with $1 = all, every one. With
# 1.22.1 only: a frame dropped because no buffer was queued in time (a loaded
# machine) leaves a forward gap in the sequence numbers, which is what the
# V4L2 spec says a dropped frame is; 1.22.1 warns
# (v4l2-test-buffers.cpp(438)). Only a forward gap is tolerated: a repeated
# or backward number is still a failure.
comp_warns() {
	awk -v mode="${1:-unexpected}" -v gap=$gap '/warn:/ {
		g = gap && $0 ~ /v4l2-test-buffers[.]cpp[(]438[)]: got sequence number [0-9]+, expected [0-9]+$/ &&
		    $(NF - 2) + 0 > $NF + 0
		if (mode == "all" || !g)
			print
	}'
}

# compliance_ok DRIVER NODE OUTPUT [Grand]: only tolerated failures and
# warnings, and the tool's own counts (of NODE, or with Grand of the media
# device NODE and everything under it) agree with the fail: and warn: lines.
compliance_ok() {
	unexpected=$(echo "$3" | comp_fails; echo "$3" | comp_warns)
	[ -z "$unexpected" ] || { echo "v4l2-compliance $2: $unexpected"; return 1; }
	n=$(echo "$3" | comp_fails all | wc -l)
	w=$(echo "$3" | comp_warns all | wc -l)
	echo "$3" | grep -qE "^${4:+$4 }Total for $1 device $2: [0-9]+, Succeeded: [0-9]+, Failed: $n, Warnings: $w\$" ||
		{ echo "v4l2-compliance $2: $(echo "$3" | grep -E '^(Grand )?Total|warn:')"; return 1; }
}

# A capture node of another driver to import DMABUFs from (v4l2-compliance
# -e): vimc's "RGB/YUV Capture" at 1920x1440 RGB24, 8294400 bytes, as large
# as the largest buffer of vcam (1920x1080 XBGR32) and of mcpp_testdev. vimc
# is loaded from the test kernel's modules if it is not already (it stays
# loaded: see 15-names.sh); call this before loading our driver: an
# in-kernel media device registered after mcpp's can take the same
# /dev/mediaN name. test-media finds the node with v4l2-ctl -z, which needs
# udev's /dev links; media-ctl -e reads the graph.
expbuf_node() {
	modprobe -d "$MCPP_MODROOT" vimc || return 1
	vm=/dev/$(basename "$(ls -d /sys/devices/platform/vimc*/media* | head -1)")
	en=$(media-ctl -d "$vm" -e "RGB/YUV Capture") && [ -c "$en" ] || return 1
	v4l2-ctl -d "$en" -v width=1920,height=1440,pixelformat=RGB3 || return 1
	echo "$en"
}

# compliance_all DRIVER MEDIA EXPBUF VIDEOS [ARGS]: v4l2-compliance on the
# media device and every node it finds, streaming (-s) on every input (-a)
# with MMAP and DMABUF (the DMABUF buffers exported by EXPBUF, another
# driver's capture node); ARGS are passed on (-s10). Judged as compliance_ok
# (the newest tool: 0 failures, 0 warnings), and each of the VIDEOS video
# nodes must have streamed with both memory types and refused USERPTR (the
# bridge does not offer it: Documentation/lifetime.rst, "User copies").
compliance_all() {
	c=$(v4l2-compliance -m "$2" -s -a -P -e "$3" ${5:-} 2>&1)
	echo "$c" | grep -E 'fail:|warn:|^Total|^Grand Total'
	compliance_ok "$1" "$2" "$c" Grand || return 1
	# (1.22.1 has no CREATE_BUFS variant of the MMAP test.)
	if comp_new; then
		tests='MMAP [(]select, REQBUFS[)]
MMAP [(]select, CREATE_BUFS[)]'
	else
		tests='MMAP [(]select[)]'
	fi
	printf '%s\nUSERPTR [(]select[)]: OK [(]Not Supported[)]\nDMABUF [(]select[)]\n' "$tests" |
	while IFS= read -r t; do
		case "$t" in *": OK"*) ;; *) t="$t: OK" ;; esac
		k=$(echo "$c" | grep -cE "^	test $t\$")
		[ "$k" = "$4" ] ||
			{ echo "v4l2-compliance -m $2: test $t OK on $k of $4 video nodes"; exit 1; }
	done
}
