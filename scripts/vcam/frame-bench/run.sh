#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Host benchmark and bit-exactness check of the vcam frame library
# (drivers/media/vcam/frame/) against the same library at another revision.
#
#   scripts/vcam/frame-bench/run.sh [BASE [REPS [CONFIGS]]]
#
# BASE (default main): the git revision to compare with. Both libraries are
# built for the host with the kernel's C++ flags (-O2 -mgeneral-regs-only
# -fno-strict-aliasing, no exceptions, no RTTI, freestanding) and linked
# side by side (the base one in namespace vcam_base). The program then
#  1. runs CONFIGS random configurations (default 600: patterns, Bayer
#     orders, crops, flips, gains, black level, WB, CCM, gamma curves, every
#     encoding and output format, scales, statistics on and off) through
#     both and requires every output byte-for-byte equal: raw frame, ISP
#     output, statistics, resizer output, and the exposed stages
#     (debayer_frame, isp_ccm_row, isp_output_row, isp_blc_wb_row);
#  2. times 1920x1080 frames, best of REPS (default 25) runs of each
#     library, interleaved, in thread CPU time (so that other jobs on a
#     shared machine count less), plus a memcpy of a 1080p YUYV frame.
# Pass a fourth argument (anything) to add an exhaustive check of step 6
# (isp_output_row() on all 2^24 8-bit R'G'B' in each encoding).
# Exits non-zero on a mismatch.
set -e
ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
BASE=${1:-main}
OUT=$ROOT/build/frame-bench
SRC=$ROOT/scripts/vcam/frame-bench
git -C "$ROOT" rev-parse --verify -q "$BASE^{commit}" >/dev/null || { echo "frame-bench: no revision $BASE" >&2; exit 2; }
rm -rf "$OUT/base"
mkdir -p "$OUT/base"
for f in $(git -C "$ROOT" ls-tree --name-only "$BASE" drivers/media/vcam/frame/); do
	git -C "$ROOT" show "$BASE:$f" > "$OUT/base/$(basename "$f")"
done
FL="-std=gnu++20 -O2 -fno-strict-aliasing -fno-exceptions -fno-rtti -fno-threadsafe-statics
    -fno-asynchronous-unwind-tables -ffreestanding -nostdinc++ -mgeneral-regs-only -fno-common
    -fno-stack-protector -I$ROOT/include -I$SRC -Wall"
NEW=$ROOT/drivers/media/vcam/frame
cd "$OUT"
g++ $FL -I"$OUT/base" -Dvcam=vcam_base -D'PFX(x)=base_##x' $(grep -q "class IspPass" "$OUT/base/isp.hpp" && echo -DFUSED) -c "$SRC/wrap.cpp" -o base_wrap.o
g++ $FL -I"$NEW" -D'PFX(x)=new_##x' $(grep -q "class IspPass" "$NEW/isp.hpp" && echo -DFUSED) -c "$SRC/wrap.cpp" -o new_wrap.o
for f in isp resize sensor; do
	g++ $FL -Dvcam=vcam_base -c "base/$f.cpp" -o "base_$f.o"
	g++ $FL -c "$NEW/$f.cpp" -o "new_$f.o"
done
g++ -O2 -std=gnu++20 -I"$SRC" "$SRC/main.cpp" base_*.o new_*.o -o frame-bench
shift $(($# < 1 ? $# : 1))
exec ./frame-bench "${1:-25}" "${2:-600}" ${3:+x}
