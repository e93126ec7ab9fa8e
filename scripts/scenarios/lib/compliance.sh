# SPDX-License-Identifier: GPL-2.0
# Sourced by the scenarios: v4l2-compliance 1.22.1 runs judged against the
# documented version skew (Documentation/testing.rst), nothing broader.
#
# The tool predates parts of the 6.12 uAPI: ancillary links
# (v4l2-test-media.cpp(270)), CREATE_BUFS max_num_buffers
# (v4l2-test-buffers.cpp(703)), and 6.12's renamed NV12/NV16 descriptions
# (v4l2-test-formats.cpp(263), only with exactly those two strings).
skew="v4l2-test-media[.]cpp[(]270[)]|v4l2-test-buffers[.]cpp[(]703[)]"
skew="$skew|v4l2-test-formats[.]cpp[(]263[)]: fmtdesc[.]description mismatch: was 'Y/UV 4:2:[02]', expected 'Y/CbCr 4:2:[02]'\$"

# The fail: lines of a run that are not tolerated, or with $1 = all, every one.
comp_fails() {
	awk -v skew="$skew" -v mode="${1:-unexpected}" '/fail:/ && (mode == "all" || $0 !~ skew)'
}

# The warn: lines that are not tolerated, or with $1 = all, every one. A frame
# dropped because no buffer was queued in time (a loaded machine) leaves a
# forward gap in the sequence numbers, which is what the V4L2 spec says a
# dropped frame is; 1.22.1 warns (v4l2-test-buffers.cpp(438)). Only a
# forward gap is tolerated: a repeated or backward number is still a failure.
comp_warns() {
	awk -v mode="${1:-unexpected}" '/warn:/ {
		gap = $0 ~ /v4l2-test-buffers[.]cpp[(]438[)]: got sequence number [0-9]+, expected [0-9]+$/ &&
		      $(NF - 2) + 0 > $NF + 0
		if (mode == "all" || !gap)
			print
	}'
}

# compliance_ok DRIVER NODE OUTPUT: only tolerated failures and warnings, and
# the tool's own counts agree with the fail: and warn: lines.
compliance_ok() {
	unexpected=$(echo "$3" | comp_fails; echo "$3" | comp_warns)
	[ -z "$unexpected" ] || { echo "v4l2-compliance $2: $unexpected"; return 1; }
	n=$(echo "$3" | comp_fails all | wc -l)
	w=$(echo "$3" | comp_warns all | wc -l)
	echo "$3" | grep -qE "^Total for $1 device $2: [0-9]+, Succeeded: [0-9]+, Failed: $n, Warnings: $w" ||
		{ echo "v4l2-compliance $2: $(echo "$3" | grep -E '^Total|warn:')"; return 1; }
}
