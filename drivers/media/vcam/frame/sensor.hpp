/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam frame library: the virtual raw sensor. Renders a test pattern into a
 * 12-bit Bayer frame as the sensor would read it out (crop window, mirrors,
 * gain), and writes such a frame in the raw capture formats.
 */
#pragma once

#include "frame.hpp"

namespace vcam::frame {

/* Test patterns. Every pattern is defined over the whole photosite array. */
enum class Pattern : u8 {
	/*
	 * Eight vertical bars of equal width across the array width (bar i
	 * covers array columns [i * array_w / 8, (i + 1) * array_w / 8)):
	 * white, yellow, cyan, green, magenta, red, blue, black. A bar's
	 * channels are either bar level or 0; the level is 100% (4095) or,
	 * with SensorConfig::bars_75, 75% (3071 = 4095 * 3 / 4, rounded
	 * down).
	 */
	colour_bars,
	/*
	 * A grey horizontal ramp: every channel of array column ax is
	 * min(4095, (ax * step) >> 16) with step = ceil(4095 * 65536 /
	 * (array_w - 1)): 0 at the left edge, 4095 at the right edge.
	 */
	gradient,
	/*
	 * Squares of (1 << checker_shift) photosites; the square containing
	 * array (0, 0) is white (4095), its neighbours black (0).
	 */
	checkerboard,
	/* Every site has the value of its channel in SensorConfig::solid. */
	solid,
	/*
	 * White noise, uniform over 0..4095 and independent per photosite.
	 * The array's rows are cut into groups of four sites (array columns
	 * 4g..4g + 3); group g of row ay has the key
	 * k = (frame_number << 32) + ay * ceil(array_w / 4) + g, and site
	 * 4g + i the value bits 16i..16i + 11 of wyrand's output for the
	 * state s = (k + 1) * 0xa0761d6478bd642f (mod 2^64): the high and
	 * low halves of the 128-bit s * (s ^ 0xe7037ed1a0b428db), xored.
	 * The same frame number gives the same frame for any crop or flip;
	 * no two rows are alike.
	 */
	noise,
};

/*
 * What the sensor renders. Coordinates are array coordinates: photosite
 * (0, 0) is the top-left of the unmirrored array, and its colour is
 * array_order.
 *
 * Readout: output sample (x, y) of the crop window is array site
 * (ax, ay) with ax = crop.left + x, or crop.left + crop.width - 1 - x under
 * hflip (likewise ay with crop.top and vflip). The crop window is therefore
 * fixed on the array; the mirrors reverse the readout within it, so the image
 * is mirrored and the output's Bayer order is output_order() (flip_order()
 * of crop_order() when the window's size is even).
 *
 * Level of a site: min(4095, pedestal + ((pattern * gain + 128) >> 8)),
 * pattern the 12-bit pattern value of the site's channel.
 */
struct SensorConfig {
	u32 array_w; /* photosites, 2..max_side */
	u32 array_h; /* photosites, 2..max_side */
	BayerOrder array_order;
	Rect crop; /* inside the array */
	bool hflip;
	bool vflip;
	Pattern pattern;
	bool bars_75; /* colour bars at 75% rather than 100% */
	u8 checker_shift; /* checkerboard square side = 1 << shift, 0..12 */
	u16 solid[3]; /* R, G, B for Pattern::solid, 0..4095 */
	/*
	 * Total gain, Q8.8 (256 = 1.0, 0..65535): the driver folds analogue
	 * gain, digital gain and exposure (relative to the exposure at which
	 * the pattern is "nominal") into this one factor.
	 */
	u32 gain;
	u16 pedestal; /* black level the sensor adds, 0..4095 */
	u32 frame_number; /* seeds Pattern::noise */
};

/* The CFA order of the rendered frame (depends on crop parity and mirrors). */
constexpr BayerOrder output_order(const SensorConfig &c)
{
	u32 ax0 = c.hflip ? c.crop.left + c.crop.width - 1 : c.crop.left;
	u32 ay0 = c.vflip ? c.crop.top + c.crop.height - 1 : c.crop.top;
	return crop_order(c.array_order, ax0, ay0);
}

/* The 12-bit value of channel ch of colour bar i (0..7), before gain. */
constexpr u16 colour_bar_value(u32 bar, Channel ch, bool bars_75)
{
	/* R, G, B bits of white, yellow, cyan, green, magenta, red, blue, black */
	constexpr u8 rgb[8] = { 7, 6, 3, 2, 5, 4, 1, 0 };
	u32 level = bars_75 ? raw_max * 3 / 4 : raw_max;
	return (rgb[bar & 7] >> (2 - ch)) & 1 ? level : 0;
}

/*
 * Render one frame. out must be crop.width x crop.height; its order is set to
 * output_order(cfg). Returns -EINVAL for an invalid configuration.
 */
int sensor_render(const SensorConfig &cfg, RawFrame &out);

/*
 * sensor_render() one row at a time, for a caller that takes each row while
 * it is in the cache (the ISP's row loop, IspPass, renders its input rows
 * on demand). begin() checks what sensor_render() checks but out.data
 * (out: the frame's size; its data is not used and may be NULL) and sets
 * out.order; then row(y, dst) writes row y (crop.width samples) at dst,
 * the same samples as sensor_render()'s row y.
 */
class SensorRows {
public:
	int begin(const SensorConfig &cfg, RawFrame &out);
	void row(u32 y, u16 *dst) const;
	u32 width() const { return c_.crop.width; }
	u32 height() const { return c_.crop.height; }

private:
	SensorConfig c_ = {};
	u32 bar_edge_[9] = {}; /* colour bar boundaries in array columns */
	u32 grad_step_ = 0;
	u32 noise_groups_ = 0; /* per array row */
};

/* Raw capture formats written from a 12-bit frame. */
enum class RawFormat : u8 {
	raw8, /* 1 byte per sample: value >> 4 */
	raw10, /* 2 bytes per sample, little-endian: value >> 2 (0..1023) */
	raw12, /* 2 bytes per sample, little-endian: value (0..4095) */
};

constexpr u32 raw_bytes_per_sample(RawFormat f)
{
	return f == RawFormat::raw8 ? 1 : 2;
}

/*
 * Write src into dst in format f, row y at dst + y * bytesperline
 * (bytesperline >= width * raw_bytes_per_sample(f); padding left untouched).
 */
int raw_write(const RawFrame &src, RawFormat f, u8 *dst, u32 bytesperline);

} // namespace vcam::frame
