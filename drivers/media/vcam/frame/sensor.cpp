// SPDX-License-Identifier: GPL-2.0
/*
 * vcam frame library: test pattern rendering and the raw writer. Each output
 * row is rendered in array order as runs of constant value pairs (one value
 * for even array columns, one for odd: the two colours of the row), then
 * reversed in place under hflip.
 */
#include "sensor.hpp"

namespace vcam::frame {

namespace {

/* Pedestal and gain applied to a pattern value: see SensorConfig. */
struct Level {
	u32 gain;
	u32 pedestal;

	u16 operator()(u32 v) const
	{
		u32 r = pedestal + ((v * gain + 128) >> 8);
		return r > raw_max ? raw_max : r;
	}
};

/* wyrand's constants (Wang Yi): its increment and its multiplier's mask. */
constexpr u64 wy_inc = 0xa0761d6478bd642full, wy_xor = 0xe7037ed1a0b428dbull;

/*
 * wyrand's output for state s: the 128-bit product s * (s ^ wy_xor), its
 * high and low halves xored. State k * wy_inc is the k-th of wyrand's
 * sequence, so the groups of a row, and the rows of a frame, are one run of
 * that generator.
 */
inline u64 wy_mum(u64 s)
{
	const unsigned __int128 t = static_cast<unsigned __int128>(s) * (s ^ wy_xor);
	return static_cast<u64>(t >> 64) ^ static_cast<u64>(t);
}

/*
 * Pattern::noise: array columns [left, right) of the array row whose first
 * group of four sites has key @key (see sensor.hpp). One hash per group of
 * four sites, its 16-bit lanes masked to 12 bits; at unity level, a whole
 * group is one 8-byte store.
 */
void noise_row(u16 *row, u32 left, u32 right, u64 key, const Level &level)
{
	constexpr u64 mask = 0x0fff0fff0fff0fffull;
	const bool unity = level.gain == 256 && !level.pedestal;
	u16 *p = row;
	u32 ax = left;
	u64 s = (key + (ax >> 2) + 1) * wy_inc; /* the state of ax's group */
	u64 h = wy_mum(s) & mask;
	if (ax & 3) {
		for (; ax < right && (ax & 3); ax++)
			*p++ = level(static_cast<u32>(h >> (16 * (ax & 3))) & raw_max);
		s += wy_inc;
	}
	for (; ax + 4 <= right; ax += 4, p += 4, s += wy_inc) {
		h = wy_mum(s) & mask;
		if (unity) {
			__builtin_memcpy(p, &h, sizeof(h));
		} else {
			p[0] = level(static_cast<u32>(h) & raw_max);
			p[1] = level(static_cast<u32>(h >> 16) & raw_max);
			p[2] = level(static_cast<u32>(h >> 32) & raw_max);
			p[3] = level(static_cast<u32>(h >> 48));
		}
	}
	if (ax < right) {
		h = wy_mum(s) & mask;
		for (; ax < right; ax++)
			*p++ = level(static_cast<u32>(h >> (16 * (ax & 3))) & raw_max);
	}
}

/*
 * Fill array columns [a0, a1) of a row whose first sample is array column
 * base: even columns get ve, odd columns vo.
 */
inline void fill_run(u16 *row, u32 base, u32 a0, u32 a1, u16 ve, u16 vo)
{
	u32 ax = a0;
	if (ax < a1 && (ax & 1)) {
		row[ax - base] = vo;
		ax++;
	}
	u16 *p = row + (ax - base);
	for (; ax + 1 < a1; ax += 2, p += 2) {
		p[0] = ve;
		p[1] = vo;
	}
	if (ax < a1)
		*p = ve;
}

void reverse_row(u16 *row, u32 n)
{
	u16 *a = row, *b = row + n - 1;
	while (a < b) {
		u16 t = *a;
		*a++ = *b;
		*b-- = t;
	}
}

bool config_valid(const SensorConfig &c, const RawFrame &out, bool need_data)
{
	if (c.array_w < 2 || c.array_h < 2 || c.array_w > max_side || c.array_h > max_side)
		return false;
	if (!rect_inside(c.crop, c.array_w, c.array_h))
		return false;
	if ((need_data && !out.data) || out.width != c.crop.width || out.height != c.crop.height ||
	    out.stride < out.width)
		return false;
	if (c.checker_shift > 12 || c.gain > 0xffff || c.pedestal > raw_max)
		return false;
	for (u16 v : c.solid)
		if (v > raw_max)
			return false;
	return c.pattern <= Pattern::noise;
}

} // namespace

int SensorRows::begin(const SensorConfig &c, RawFrame &out)
{
	if (!config_valid(c, out, false))
		return -EINVAL;
	out.order = output_order(c);
	c_ = c;
	for (u32 i = 0; i <= 8; i++)
		bar_edge_[i] = i * c.array_w / 8;
	/* Gradient step, Q16: ceil(4095 * 65536 / (array_w - 1)). */
	grad_step_ = static_cast<u32>(((static_cast<u64>(raw_max) << 16) + c.array_w - 2) /
				      (c.array_w - 1));
	noise_groups_ = (c.array_w + 3) / 4;
	return 0;
}

void SensorRows::row(u32 y, u16 *row) const
{
	const SensorConfig &c = c_;
	const Level level{ c.gain, c.pedestal };
	const u32 left = c.crop.left, right = c.crop.left + c.crop.width;
	const u32 ay = c.vflip ? c.crop.top + c.crop.height - 1 - y : c.crop.top + y;
	const Channel ch_even = site_channel(c.array_order, 0, ay);
	const Channel ch_odd = site_channel(c.array_order, 1, ay);

	switch (c.pattern) {
	case Pattern::colour_bars:
		for (u32 i = 0; i < 8; i++) {
			u32 a0 = bar_edge_[i] > left ? bar_edge_[i] : left;
			u32 a1 = bar_edge_[i + 1] < right ? bar_edge_[i + 1] : right;
			if (a0 < a1)
				fill_run(row, left, a0, a1,
					 level(colour_bar_value(i, ch_even, c.bars_75)),
					 level(colour_bar_value(i, ch_odd, c.bars_75)));
		}
		break;
	case Pattern::gradient: {
		u32 acc = left * grad_step_;
		for (u32 ax = left; ax < right; ax++, acc += grad_step_) {
			u32 v = acc >> 16;
			row[ax - left] = level(v > raw_max ? raw_max : v);
		}
		break;
	}
	case Pattern::checkerboard: {
		const u16 white = level(raw_max), black = level(0);
		const u32 row_phase = (ay >> c.checker_shift) & 1;
		for (u32 a0 = left; a0 < right;) {
			u32 a1 = ((a0 >> c.checker_shift) + 1) << c.checker_shift;
			if (a1 > right)
				a1 = right;
			u16 v = (((a0 >> c.checker_shift) & 1) ^ row_phase) ? black : white;
			fill_run(row, left, a0, a1, v, v);
			a0 = a1;
		}
		break;
	}
	case Pattern::solid:
		fill_run(row, left, left, right, level(c.solid[ch_even]), level(c.solid[ch_odd]));
		break;
	case Pattern::noise:
		noise_row(row, left, right,
			  (static_cast<u64>(c.frame_number) << 32) +
				  static_cast<u64>(ay) * noise_groups_,
			  level);
		break;
	}
	if (c.hflip)
		reverse_row(row, c.crop.width);
}

int sensor_render(const SensorConfig &c, RawFrame &out)
{
	if (!config_valid(c, out, true))
		return -EINVAL;
	SensorRows rows;
	rows.begin(c, out);
	for (u32 y = 0; y < c.crop.height; y++)
		rows.row(y, out.data + static_cast<u64>(y) * out.stride);
	return 0;
}

int raw_write(const RawFrame &src, RawFormat f, u8 *dst, u32 bytesperline)
{
	if (!src.data || !dst || !src.width || !src.height || src.stride < src.width ||
	    f > RawFormat::raw12 || bytesperline < src.width * raw_bytes_per_sample(f))
		return -EINVAL;
	for (u32 y = 0; y < src.height; y++) {
		const u16 *s = src.data + static_cast<u64>(y) * src.stride;
		u8 *d = dst + static_cast<u64>(y) * bytesperline;
		switch (f) {
		case RawFormat::raw8:
			for (u32 x = 0; x < src.width; x++)
				d[x] = static_cast<u8>(s[x] >> 4);
			break;
		case RawFormat::raw10:
			for (u32 x = 0; x < src.width; x++) {
				u16 v = s[x] >> 2;
				__builtin_memcpy(d + 2 * x, &v, 2);
			}
			break;
		case RawFormat::raw12:
			__builtin_memcpy(d, s, 2 * src.width);
			break;
		}
	}
	return 0;
}

} // namespace vcam::frame
