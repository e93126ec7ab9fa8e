/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam frame library: the resizer. Crops a rectangle of the ISP's packed
 * 4:4:4 frame, scales it (down or up) to the output size with bilinear
 * interpolation, and writes a capture pixel format.
 *
 * Sampling: output pixel x takes the crop's value at the centre-aligned
 * position s = (x + 1/2) * crop_w / out_w - 1/2 (clamped to
 * [0, crop_w - 1]), likewise for rows: the value is the bilinear blend of
 * the two neighbouring samples with weights in Q8 (the fraction of s
 * truncated to 1/256). So 1:1 copies, 2:1 averages pixel pairs (weights
 * 128/128) and 1:2 gives weights 192/64 (s = 0.25, 0.75, ...). The
 * horizontal blend keeps Q8 (16 bits); the vertical one rounds to 8 bits.
 * Per frame: one division per output column (a table, in the scratch memory)
 * and one per output row; none per pixel.
 *
 * Chroma subsampling averages (rounded to nearest) the chroma of the pixels
 * that share a sample: horizontal pairs (4:2:2) or 2x2 blocks (4:2:0).
 */
#pragma once

#include "frame.hpp"

namespace vcam::frame {

/*
 * Capture formats (V4L2 names). The input kind each needs is
 * out_format_kind(); sizes must be even where chroma is subsampled.
 *   yuyv:   Y0 Cb Y1 Cr per pixel pair        (from Y'CbCr; even width)
 *   uyvy:   Cb Y0 Cr Y1 per pixel pair        (from Y'CbCr; even width)
 *   nv12:   Y plane, then a CbCr plane of height / 2 rows of Cb Cr pairs,
 *           one pair per 2x2 block           (from Y'CbCr; even width, height)
 *   nv16:   Y plane, then a CbCr plane of height rows, one pair per
 *           horizontal pixel pair            (from Y'CbCr; even width)
 *   rgb24:  R G B                            (from R'G'B')
 *   xbgr32: B G R X, X written as 0xff       (from R'G'B')
 */
enum class OutFormat : u8 { yuyv, uyvy, nv12, nv16, rgb24, xbgr32 };

constexpr Packed3Kind out_format_kind(OutFormat f)
{
	return f == OutFormat::rgb24 || f == OutFormat::xbgr32 ? Packed3Kind::rgb :
								 Packed3Kind::ycbcr;
}

/* Bytes per pixel of plane 0 (the only plane but for nv12/nv16). */
constexpr u32 out_format_bpp(OutFormat f)
{
	switch (f) {
	case OutFormat::yuyv:
	case OutFormat::uyvy:
		return 2;
	case OutFormat::nv12:
	case OutFormat::nv16:
		return 1;
	case OutFormat::rgb24:
		return 3;
	case OutFormat::xbgr32:
		return 4;
	}
	return 0;
}

constexpr bool out_format_two_planes(OutFormat f)
{
	return f == OutFormat::nv12 || f == OutFormat::nv16;
}

/*
 * Destination. plane[0], bytesperline[0] >= out_w * out_format_bpp().
 * nv12/nv16: plane[1] is the CbCr plane (for the single-buffer V4L2 formats
 * plane[0] + bytesperline[0] * out_h), bytesperline[1] >= out_w; otherwise
 * plane[1] is unused.
 */
struct OutBuffer {
	u8 *plane[2];
	u32 bytesperline[2];
};

struct ResizeConfig {
	Rect crop; /* inside the input frame */
	u32 out_w; /* 1..max_side */
	u32 out_h; /* 1..max_side */
	OutFormat format;
};

/* Scratch memory resize_process() needs: tables and line buffers. */
constexpr size_t resize_scratch_bytes(u32 out_w)
{
	return 22 * static_cast<size_t>(out_w) + 8;
}

/*
 * Scale and convert. -EINVAL for a crop outside the input, a size out of
 * range or odd where the format needs it even, an input kind the format
 * cannot take, short bytesperline or scratch (4-byte aligned).
 */
int resize_process(const Packed3Frame &in, const ResizeConfig &cfg, const OutBuffer &out,
		   void *scratch, size_t scratch_bytes);

/*
 * True if resize_process() would accept cfg and only copy: the crop is the
 * output's size, so output row y is crop row y converted, with no
 * interpolation (in.data only needs to be non-NULL here).
 */
bool resize_is_copy(const Packed3Frame &in, const ResizeConfig &cfg, const OutBuffer &out);

/*
 * The conversion step of resize_process(): the 8-bit 4:4:4 line l (w
 * pixels, of the kind the format needs) as output row y in format f. NV12
 * writes chroma on odd rows, from prev (row y - 1's line) and l. So, for a
 * copy (resize_is_copy()), calling this on each crop row in order, each
 * given the previous one, writes what resize_process() does.
 */
void resize_write_row(OutFormat f, const u8 *l, const u8 *prev, u32 w, const OutBuffer &out, u32 y);

} // namespace vcam::frame
