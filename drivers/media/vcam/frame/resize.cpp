// SPDX-License-Identifier: GPL-2.0
/*
 * vcam frame library: the resizer (see resize.hpp). Per output row: the two
 * source rows it blends are scaled horizontally (Q8, cached: consecutive
 * output rows mostly reuse them), blended vertically into an 8-bit 4:4:4
 * line, and the line (or, for NV12, a pair of lines) is packed into the
 * output format by a writer chosen once per frame.
 */
#include "resize.hpp"

namespace vcam::frame {

namespace {

/* Horizontal tap of one output column: crop column x0, x0 + step, weight f (Q8). */
struct Tap {
	u16 x0;
	u8 f;
	u8 step;
};

/* Centre-aligned source position of output index i, Q16, clamped. */
u32 source_pos(u32 i, u32 in_n, u32 out_n)
{
	s64 s = static_cast<s64>(((2 * static_cast<u64>(i) + 1) * in_n << 16) / (2 * out_n)) -
		(1 << 15);
	const s64 last = static_cast<s64>(in_n - 1) << 16;
	return static_cast<u32>(s < 0 ? 0 : s > last ? last : s);
}

void hscale(const u8 *src, const Tap *taps, u32 n, u16 *dst)
{
	for (u32 i = 0; i < n; i++, dst += 3) {
		const u8 *p = src + 3 * taps[i].x0;
		const u8 *q = p + 3 * taps[i].step;
		const u32 f = taps[i].f, g = 256 - f;
		dst[0] = static_cast<u16>(p[0] * g + q[0] * f);
		dst[1] = static_cast<u16>(p[1] * g + q[1] * f);
		dst[2] = static_cast<u16>(p[2] * g + q[2] * f);
	}
}

void vblend(const u16 *a, const u16 *b, u32 fy, u32 n, u8 *dst)
{
	if (fy == 0) {
		for (u32 i = 0; i < n; i++)
			dst[i] = static_cast<u8>((a[i] + 128) >> 8);
		return;
	}
	const u32 gy = 256 - fy;
	for (u32 i = 0; i < n; i++)
		dst[i] = static_cast<u8>((a[i] * gy + b[i] * fy + 32768) >> 16);
}

/* Vertical blend of two 8-bit rows: the same result as hscale() at 1:1 + vblend(). */
void vblend8(const u8 *a, const u8 *b, u32 fy, u32 n, u8 *dst)
{
	const u32 gy = 256 - fy;
	for (u32 i = 0; i < n; i++)
		dst[i] = static_cast<u8>((a[i] * gy + b[i] * fy + 128) >> 8);
}

/* Writers: one 4:4:4 line l (w pixels) to output row y. */
void write_yuyv(const u8 *l, u32 w, u8 *d)
{
	for (u32 x = 0; x < w; x += 2, l += 6, d += 4) {
		d[0] = l[0];
		d[1] = static_cast<u8>((l[1] + l[4] + 1) >> 1);
		d[2] = l[3];
		d[3] = static_cast<u8>((l[2] + l[5] + 1) >> 1);
	}
}

void write_uyvy(const u8 *l, u32 w, u8 *d)
{
	for (u32 x = 0; x < w; x += 2, l += 6, d += 4) {
		d[0] = static_cast<u8>((l[1] + l[4] + 1) >> 1);
		d[1] = l[0];
		d[2] = static_cast<u8>((l[2] + l[5] + 1) >> 1);
		d[3] = l[3];
	}
}

void write_luma(const u8 *l, u32 w, u8 *d)
{
	for (u32 x = 0; x < w; x++, l += 3)
		d[x] = l[0];
}

/* NV16 chroma: a pair's mean; NV12: a 2x2 block's mean (l2 the next line). */
void write_cbcr_422(const u8 *l, u32 w, u8 *d)
{
	for (u32 x = 0; x < w; x += 2, l += 6, d += 2) {
		d[0] = static_cast<u8>((l[1] + l[4] + 1) >> 1);
		d[1] = static_cast<u8>((l[2] + l[5] + 1) >> 1);
	}
}

void write_cbcr_420(const u8 *l, const u8 *l2, u32 w, u8 *d)
{
	for (u32 x = 0; x < w; x += 2, l += 6, l2 += 6, d += 2) {
		d[0] = static_cast<u8>((l[1] + l[4] + l2[1] + l2[4] + 2) >> 2);
		d[1] = static_cast<u8>((l[2] + l[5] + l2[2] + l2[5] + 2) >> 2);
	}
}

void write_xbgr32(const u8 *l, u32 w, u8 *d)
{
	for (u32 x = 0; x < w; x++, l += 3, d += 4) {
		d[0] = l[2];
		d[1] = l[1];
		d[2] = l[0];
		d[3] = 0xff;
	}
}

bool config_valid(const Packed3Frame &in, const ResizeConfig &c, const OutBuffer &out)
{
	if (!in.data || !rect_inside(c.crop, in.width, in.height) || in.bytesperline < 3 * in.width)
		return false;
	if (!c.out_w || !c.out_h || c.out_w > max_side || c.out_h > max_side ||
	    c.crop.width > max_side || c.crop.height > max_side || c.format > OutFormat::xbgr32)
		return false;
	if (in.kind != out_format_kind(c.format))
		return false;
	const bool even_w = c.format != OutFormat::rgb24 && c.format != OutFormat::xbgr32;
	if ((even_w && (c.out_w & 1)) || (c.format == OutFormat::nv12 && (c.out_h & 1)))
		return false;
	if (!out.plane[0] || out.bytesperline[0] < c.out_w * out_format_bpp(c.format))
		return false;
	return !out_format_two_planes(c.format) || (out.plane[1] && out.bytesperline[1] >= c.out_w);
}

} // namespace

void resize_write_row(OutFormat f, const u8 *l, const u8 *prev, u32 w, const OutBuffer &out, u32 y)
{
	u8 *d0 = out.plane[0] + static_cast<u64>(y) * out.bytesperline[0];
	switch (f) {
	case OutFormat::yuyv:
		write_yuyv(l, w, d0);
		break;
	case OutFormat::uyvy:
		write_uyvy(l, w, d0);
		break;
	case OutFormat::nv12:
		write_luma(l, w, d0);
		if (y & 1)
			write_cbcr_420(prev, l, w,
				       out.plane[1] +
					       static_cast<u64>(y / 2) * out.bytesperline[1]);
		break;
	case OutFormat::nv16:
		write_luma(l, w, d0);
		write_cbcr_422(l, w, out.plane[1] + static_cast<u64>(y) * out.bytesperline[1]);
		break;
	case OutFormat::rgb24:
		__builtin_memcpy(d0, l, 3 * w);
		break;
	case OutFormat::xbgr32:
		write_xbgr32(l, w, d0);
		break;
	}
}

bool resize_is_copy(const Packed3Frame &in, const ResizeConfig &c, const OutBuffer &out)
{
	return config_valid(in, c, out) && c.crop.width == c.out_w && c.crop.height == c.out_h;
}

int resize_process(const Packed3Frame &in, const ResizeConfig &c, const OutBuffer &out,
		   void *scratch, size_t scratch_bytes)
{
	if (!config_valid(in, c, out) || !scratch ||
	    (reinterpret_cast<kcxx::uintptr>(scratch) & 3) ||
	    scratch_bytes < resize_scratch_bytes(c.out_w))
		return -EINVAL;
	const u32 ow = c.out_w, oh = c.out_h, n = 3 * ow;
	u16 *hbuf[2] = { static_cast<u16 *>(scratch), static_cast<u16 *>(scratch) + n };
	Tap *taps = reinterpret_cast<Tap *>(hbuf[1] + n);
	u8 *line[2] = { reinterpret_cast<u8 *>(taps + ow), reinterpret_cast<u8 *>(taps + ow) + n };

	for (u32 x = 0; x < ow; x++) {
		const u32 s = source_pos(x, c.crop.width, ow);
		taps[x].x0 = static_cast<u16>(s >> 16);
		taps[x].f = static_cast<u8>(s >> 8);
		taps[x].step = (s >> 16) + 1 < c.crop.width ? 1 : 0;
	}
	const u8 *origin =
		in.data + static_cast<u64>(c.crop.top) * in.bytesperline + 3 * c.crop.left;
	s64 tag[2] = { -1, -1 }; /* crop row held by hbuf[i] */
	const bool h_unity = c.crop.width == ow;
	const u8 *prev = nullptr; /* the previous output line, for NV12 chroma */
	auto src_row = [&](u32 r) -> const u16 * {
		if (tag[0] == r)
			return hbuf[0];
		if (tag[1] == r)
			return hbuf[1];
		return nullptr;
	};

	for (u32 y = 0; y < oh; y++) {
		const u32 s = source_pos(y, c.crop.height, oh);
		const u32 y0 = s >> 16, y1 = y0 + 1 < c.crop.height ? y0 + 1 : y0;
		const u32 fy = (s >> 8) & 0xff;
		const u8 *l;
		if (h_unity) {
			/* 1:1 horizontally: blend the source rows, or use one as is. */
			const u8 *r0 = origin + static_cast<u64>(y0) * in.bytesperline;
			if (fy) {
				vblend8(r0, origin + static_cast<u64>(y1) * in.bytesperline, fy, n,
					line[y & 1]);
				l = line[y & 1];
			} else {
				l = r0;
			}
		} else {
			/* Keep y0 and y1 in the two buffers, evicting the other row. */
			const u32 want[2] = { y0, y1 };
			for (u32 k = 0; k < 2; k++) {
				if (src_row(want[k]))
					continue;
				u32 victim = (tag[0] == y0 || tag[0] == y1) ? 1 : 0;
				hscale(origin + static_cast<u64>(want[k]) * in.bytesperline, taps,
				       ow, hbuf[victim]);
				tag[victim] = want[k];
			}
			vblend(src_row(y0), src_row(y1), fy, n, line[y & 1]);
			l = line[y & 1];
		}

		resize_write_row(c.format, l, prev, ow, out, y);
		prev = l;
	}
	return 0;
}

} // namespace vcam::frame
