/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam frame library: the pure computation behind the vcam virtual camera
 * (sensor rendering, raw writer, ISP, resizer). No kernel calls, no
 * allocation: callers pass every buffer, including scratch memory. Integer
 * arithmetic only (the kernel has no FPU state for us), row-oriented loops,
 * and dispatch on format or Bayer order once per frame or per row, never per
 * pixel.
 *
 * This header: the types every stage shares.
 *
 * Conventions
 * -----------
 * - Raw samples are 12-bit linear, 0..4095, one per u16.
 * - Sizes and coordinates are in pixels (photosites for raw frames).
 * - Strides are in the unit of the buffer's element: samples for a RawFrame,
 *   bytes for everything else ("bytesperline").
 * - Functions return 0 or a negative errno (-EINVAL for bad geometry).
 * - Fixed-point formats are written Qm.n: m integer bits (including the sign
 *   for signed types), n fractional bits; "Q8.8, 256 = 1.0".
 * - Every function is reentrant: state lives in the caller's structures, so
 *   one streaming thread per pipeline needs no locking here.
 *
 * Speed: scripts/bench/run.py --frame-host times these sources built for
 * the host with the kernel's flags (-O2 -fno-strict-aliasing
 * -mgeneral-regs-only, freestanding) at 1920x1080 against another revision,
 * and make bench the driver under UML; figures in
 * Documentation/performance.rst. Scalar integer code (the kernel gives us
 * no vector state) costs about 1.6 ns per computed pixel on the CI
 * machine's cores (sensor, ISP and capture format in one row loop), a copy
 * of the output 0.03: rows that repeat (test patterns with uniform
 * columns) are copied, not computed (IspPass).
 */
#pragma once

#include <kcxx/base.hpp>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	      "vcam frame buffers are little-endian; the writers assume a little-endian CPU");

namespace vcam::frame {

using s16 = short;
using kcxx::s32;
using kcxx::s64;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;

/* Largest 12-bit sample. */
inline constexpr u32 raw_max = 4095;

/* Largest frame side any stage accepts (also keeps every product in range). */
inline constexpr u32 max_side = 8192;

/*
 * Bayer colour filter array order: the colours of the 2x2 cell at the
 * frame's top-left corner, read row by row. The value encodes the cell as a
 * displacement of RGGB: bit 0 set = columns swapped (the red site is at odd
 * x), bit 1 set = rows swapped (the red site is at odd y). So a horizontal
 * mirror or an odd horizontal crop offset flips bit 0, a vertical mirror or
 * an odd vertical offset flips bit 1.
 */
enum class BayerOrder : u8 {
	rggb = 0, /* R G / G B */
	grbg = 1, /* G R / B G */
	gbrg = 2, /* G B / R G */
	bggr = 3, /* B G / G R */
};

/* Colour channels, also the index of per-channel arrays (R, G, B). */
enum Channel : u8 { ch_r = 0, ch_g = 1, ch_b = 2 };

/* The order seen after mirroring: hflip swaps columns, vflip swaps rows. */
constexpr BayerOrder flip_order(BayerOrder o, bool hflip, bool vflip)
{
	return static_cast<BayerOrder>(static_cast<u8>(o) ^ (hflip ? 1 : 0) ^ (vflip ? 2 : 0));
}

/* The order of a window whose top-left corner is at (left, top). */
constexpr BayerOrder crop_order(BayerOrder o, u32 left, u32 top)
{
	return static_cast<BayerOrder>(static_cast<u8>(o) ^ (left & 1) ^ ((top & 1) << 1));
}

/* The colour of the site at (x, y) of a frame whose order is o. */
constexpr Channel site_channel(BayerOrder o, u32 x, u32 y)
{
	u32 cx = (x ^ static_cast<u32>(o)) & 1;
	u32 cy = (y ^ (static_cast<u32>(o) >> 1)) & 1;
	return cx == cy ? (cx ? ch_b : ch_r) : ch_g;
}

static_assert(flip_order(BayerOrder::rggb, true, false) == BayerOrder::grbg);
static_assert(flip_order(BayerOrder::rggb, false, true) == BayerOrder::gbrg);
static_assert(flip_order(BayerOrder::rggb, true, true) == BayerOrder::bggr);
static_assert(site_channel(BayerOrder::gbrg, 1, 0) == ch_b);
static_assert(site_channel(BayerOrder::gbrg, 0, 1) == ch_r);

/* A rectangle in pixels; left/top relative to the frame it selects from. */
struct Rect {
	u32 left;
	u32 top;
	u32 width;
	u32 height;
};

/* True if r lies inside a w x h frame and is not empty. */
constexpr bool rect_inside(const Rect &r, u32 w, u32 h)
{
	return r.width && r.height && r.left < w && r.top < h && r.width <= w - r.left &&
	       r.height <= h - r.top;
}

/*
 * A 12-bit raw Bayer frame in memory: width x height samples, row y at
 * data + y * stride (stride in samples, >= width). order is the CFA order of
 * sample (0, 0).
 */
struct RawFrame {
	u16 *data;
	u32 width;
	u32 height;
	u32 stride;
	BayerOrder order;
};

/*
 * An 8-bit, 3-component, pixel-interleaved ("packed 4:4:4") frame: pixel
 * (x, y) is the three bytes at data + y * bytesperline + 3 * x. The
 * components are R, G, B or Y, Cb, Cr (see Packed3Kind).
 */
enum class Packed3Kind : u8 { rgb, ycbcr };

struct Packed3Frame {
	u8 *data;
	u32 width;
	u32 height;
	u32 bytesperline;
	Packed3Kind kind;
};

} // namespace vcam::frame
