// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's sub-devices: the raw sensors, the lens, the ISP and the resizers.
 * Each set_format/set_selection adjusts, stores and propagates within the
 * state it is given, so TRY and ACTIVE always agree; ACTIVE results are
 * mirrored into the object for the frame thread (the bridge refuses ACTIVE
 * changes while streaming, so the mirror is stable then).
 */
#include <linux/media-bus-format.h>

#include "vcam.hpp"

namespace vcam {

using kcxx::SpinGuard;

namespace {

constexpr u32 kBayerCodes[3][4] = {
	{ MEDIA_BUS_FMT_SRGGB8_1X8, MEDIA_BUS_FMT_SGRBG8_1X8, MEDIA_BUS_FMT_SGBRG8_1X8,
	  MEDIA_BUS_FMT_SBGGR8_1X8 },
	{ MEDIA_BUS_FMT_SRGGB10_1X10, MEDIA_BUS_FMT_SGRBG10_1X10, MEDIA_BUS_FMT_SGBRG10_1X10,
	  MEDIA_BUS_FMT_SBGGR10_1X10 },
	{ MEDIA_BUS_FMT_SRGGB12_1X12, MEDIA_BUS_FMT_SGRBG12_1X12, MEDIA_BUS_FMT_SGBRG12_1X12,
	  MEDIA_BUS_FMT_SBGGR12_1X12 },
};

constexpr u32 kBayerPixfmts[3][4] = {
	{ V4L2_PIX_FMT_SRGGB8, V4L2_PIX_FMT_SGRBG8, V4L2_PIX_FMT_SGBRG8, V4L2_PIX_FMT_SBGGR8 },
	{ V4L2_PIX_FMT_SRGGB10, V4L2_PIX_FMT_SGRBG10, V4L2_PIX_FMT_SGBRG10, V4L2_PIX_FMT_SBGGR10 },
	{ V4L2_PIX_FMT_SRGGB12, V4L2_PIX_FMT_SGRBG12, V4L2_PIX_FMT_SGBRG12, V4L2_PIX_FMT_SBGGR12 },
};

constexpr u32 kBits[3] = { 8, 10, 12 };

/* Centred crops of the array; the smallest is the default (cheap to stream). */
constexpr Mode kModes[] = {
	{ 640, 480, 1560, 645 }, // 2200 x 1125 at 74.25 MHz: 30/s
	{ 1280, 720, 920, 405 },
	{ 1920, 1080, 280, 45 },
};
constexpr u32 kDefaultMode = 0;

constexpr u32 kIspOutCodes[] = { MEDIA_BUS_FMT_YUV8_1X24, MEDIA_BUS_FMT_RGB888_1X24 };

u32 clamp_even(u32 v, u32 lo, u32 hi)
{
	v = v < lo ? lo : v > hi ? hi : v;
	return v & ~1u;
}

void clear_format(v4l2_mbus_framefmt &f)
{
	f = {};
	f.field = V4L2_FIELD_NONE;
}

/* Metadata pads carry no image; v4l2-compliance 1.22.1 wants a non-zero size. */
void fill_meta(v4l2_mbus_framefmt &f)
{
	clear_format(f);
	f.code = MEDIA_BUS_FMT_METADATA_FIXED;
	f.width = 1;
	f.height = 1;
}

} // namespace

const Mode *mode_at(u32 index)
{
	return index < sizeof(kModes) / sizeof(kModes[0]) ? &kModes[index] : nullptr;
}

const Mode &nearest_mode(u32 w, u32 h)
{
	const Mode *best = &kModes[0];
	u64 best_d = ~0ull;
	for (const Mode &m : kModes) {
		s64 dw = s64(m.width) - w, dh = s64(m.height) - h;
		u64 d = u64(dw * dw + dh * dh);
		if (d < best_d)
			best = &m, best_d = d;
	}
	return *best;
}

u32 bayer_code(Bayer order, u32 bits)
{
	for (u32 i = 0; i < 3; i++)
		if (kBits[i] == bits)
			return kBayerCodes[i][static_cast<u8>(order)];
	return 0;
}

bool bayer_of_code(u32 code, u32 *bits, Bayer *order)
{
	for (u32 i = 0; i < 3; i++)
		for (u8 o = 0; o < 4; o++)
			if (kBayerCodes[i][o] == code) {
				*bits = kBits[i];
				*order = static_cast<Bayer>(o);
				return true;
			}
	return false;
}

u32 bayer_pixfmt(u32 code)
{
	for (u32 i = 0; i < 3; i++)
		for (u8 o = 0; o < 4; o++)
			if (kBayerCodes[i][o] == code)
				return kBayerPixfmts[i][o];
	return 0;
}

/* Sensor ------------------------------------------------------------------ */

void Sensor::init()
{
	const Mode &m = kModes[kDefaultMode];
	cfg_.code = bayer_code(Bayer::rggb, 10);
	cfg_.width = m.width;
	cfg_.height = m.height;
	cfg_.left = s32(kArrayWidth - m.width) / 2;
	cfg_.top = s32(kArrayHeight - m.height) / 2;
}

Bayer Sensor::order()
{
	SpinGuard g(lock_);
	return flipped(Bayer::rggb, cfg_.hflip, cfg_.vflip);
}

void Sensor::fill(v4l2_mbus_framefmt &fmt, const Mode &m, u32 bits)
{
	clear_format(fmt);
	fmt.code = bayer_code(order(), bits);
	fmt.width = m.width;
	fmt.height = m.height;
	fmt.colorspace = V4L2_COLORSPACE_RAW;
	fmt.ycbcr_enc = V4L2_YCBCR_ENC_601;
	fmt.quantization = V4L2_QUANTIZATION_FULL_RANGE;
	fmt.xfer_func = V4L2_XFER_FUNC_NONE;
}

static void crop_of(const Mode &m, v4l2_rect &r)
{
	r.left = s32(kArrayWidth - m.width) / 2;
	r.top = s32(kArrayHeight - m.height) / 2;
	r.width = m.width;
	r.height = m.height;
}

void Sensor::init_state(api::SubdevState &st)
{
	const Mode &m = kModes[kDefaultMode];
	fill(st.format(kSource), m, 10);
	crop_of(m, st.crop(kSource));
}

Status Sensor::set_format(api::SubdevState &st, v4l2_subdev_format &f)
{
	u32 bits = 10;
	Bayer any;
	if (!bayer_of_code(f.format.code, &bits, &any))
		bits = 10;
	const Mode &m = nearest_mode(f.format.width, f.format.height);
	fill(f.format, m, bits);
	st.format(kSource) = f.format;
	crop_of(m, st.crop(kSource));
	if (f.which == V4L2_SUBDEV_FORMAT_ACTIVE) {
		SpinGuard g(lock_);
		cfg_.code = f.format.code;
		cfg_.width = m.width;
		cfg_.height = m.height;
		cfg_.left = st.crop(kSource).left;
		cfg_.top = st.crop(kSource).top;
	}
	return {};
}

Status Sensor::enum_mbus_code(v4l2_subdev_mbus_code_enum &c)
{
	if (c.index >= 3)
		return Error(-EINVAL);
	c.code = kBayerCodes[c.index][static_cast<u8>(order())];
	return {};
}

Status Sensor::enum_frame_size(v4l2_subdev_frame_size_enum &f)
{
	u32 bits;
	Bayer o;
	if (f.index >= sizeof(kModes) / sizeof(kModes[0]) || !bayer_of_code(f.code, &bits, &o) ||
	    o != order())
		return Error(-EINVAL);
	f.min_width = f.max_width = kModes[f.index].width;
	f.min_height = f.max_height = kModes[f.index].height;
	return {};
}

Status Sensor::get_selection(api::SubdevState &st, v4l2_subdev_selection &s)
{
	switch (s.target) {
	case V4L2_SEL_TGT_CROP:
		s.r = st.crop(kSource);
		return {};
	case V4L2_SEL_TGT_CROP_DEFAULT:
	case V4L2_SEL_TGT_CROP_BOUNDS:
	case V4L2_SEL_TGT_NATIVE_SIZE:
		s.r = { 0, 0, kArrayWidth, kArrayHeight };
		return {};
	default:
		return Error(-EINVAL);
	}
}

/*
 * The crop window is a mode's size (the nearest) at any even position in the
 * array; the output format is its size.
 */
Status Sensor::set_selection(api::SubdevState &st, v4l2_subdev_selection &s)
{
	if (s.target != V4L2_SEL_TGT_CROP)
		return Error(-EINVAL);
	const Mode &m = nearest_mode(s.r.width, s.r.height);
	v4l2_rect r = { 0, 0, m.width, m.height };
	const s32 max_left = s32(kArrayWidth - m.width), max_top = s32(kArrayHeight - m.height);
	r.left = (s.r.left < 0 ? 0 : s.r.left > max_left ? max_left : s.r.left) & ~1;
	r.top = (s.r.top < 0 ? 0 : s.r.top > max_top ? max_top : s.r.top) & ~1;
	st.crop(kSource) = r;
	st.format(kSource).width = m.width;
	st.format(kSource).height = m.height;
	s.r = r;
	if (s.which == V4L2_SUBDEV_FORMAT_ACTIVE) {
		SpinGuard g(lock_);
		cfg_.width = m.width;
		cfg_.height = m.height;
		cfg_.left = r.left;
		cfg_.top = r.top;
	}
	return {};
}

Status Sensor::s_ctrl(u32 id, s64 value)
{
	if (SubdevInj::handles(id))
		return inj.s_ctrl(id, value);
	const bool flip = id == V4L2_CID_HFLIP || id == V4L2_CID_VFLIP;

	// Flips change the Bayer order of the output: not while streaming.
	if (flip && streaming())
		return Error(-EBUSY);
	set_ctrl(id, value);
	if (!flip)
		return {};
	// The ACTIVE format's code follows (TRY states get it at their next set).
	const Bayer now = order();
	return api::with_active_state(entity, [now](api::SubdevState &st) {
		v4l2_mbus_framefmt &f = st.format(kSource);
		u32 bits;
		Bayer was;
		if (bayer_of_code(f.code, &bits, &was))
			f.code = bayer_code(now, bits);
	});
}

void Sensor::set_ctrl(u32 id, s64 value)
{
	SpinGuard g(lock_);
	switch (id) {
	case V4L2_CID_EXPOSURE:
		cfg_.exposure = u32(value);
		break;
	case V4L2_CID_ANALOGUE_GAIN:
		cfg_.analogue_gain = u32(value);
		break;
	case V4L2_CID_DIGITAL_GAIN:
		cfg_.digital_gain = u32(value);
		break;
	case V4L2_CID_HBLANK:
		cfg_.hblank = u32(value);
		break;
	case V4L2_CID_VBLANK:
		cfg_.vblank = u32(value);
		break;
	case V4L2_CID_TEST_PATTERN:
		cfg_.pattern = u32(value);
		break;
	case V4L2_CID_HFLIP:
		cfg_.hflip = value;
		break;
	case V4L2_CID_VFLIP:
		cfg_.vflip = value;
		break;
	default:
		break; // read-only ones (pixel rate, link frequency, orientation)
	}
}

Status Sensor::s_stream(bool enable)
{
	__atomic_store_n(&streaming_, enable, __ATOMIC_RELEASE);
	return {};
}

SensorConfig Sensor::config()
{
	SpinGuard g(lock_);
	SensorConfig c = cfg_;
	// The output's order follows the flips even if no format was set since.
	u32 bits;
	Bayer o;
	if (bayer_of_code(c.code, &bits, &o))
		c.code = bayer_code(flipped(Bayer::rggb, c.hflip, c.vflip), bits);
	return c;
}

u64 Sensor::frame_pixels()
{
	SensorConfig c = config();
	return u64(c.width + c.hblank) * (c.height + c.vblank);
}

u64 Sensor::frame_ns()
{
	return frame_pixels() * 1000000000ull / kPixelRate;
}

/* Lens -------------------------------------------------------------------- */

Status Lens::s_ctrl(u32 id, s64 value)
{
	if (SubdevInj::handles(id))
		return inj.s_ctrl(id, value);
	if (id == V4L2_CID_FOCUS_ABSOLUTE)
		__atomic_store_n(&focus, u32(value), __ATOMIC_RELAXED);
	return {};
}

/* ISP --------------------------------------------------------------------- */

void Isp::fill_source(v4l2_mbus_framefmt &src, const v4l2_mbus_framefmt &sink, u32 code, u32 enc,
		      u32 quant) const
{
	clear_format(src);
	src.code = code == MEDIA_BUS_FMT_RGB888_1X24 ? code : MEDIA_BUS_FMT_YUV8_1X24;
	src.width = sink.width;
	src.height = sink.height;
	src.colorspace = V4L2_COLORSPACE_SRGB;
	src.xfer_func = V4L2_XFER_FUNC_SRGB;
	if (src.code == MEDIA_BUS_FMT_RGB888_1X24) {
		src.ycbcr_enc = V4L2_YCBCR_ENC_601;
		src.quantization = V4L2_QUANTIZATION_FULL_RANGE;
	} else {
		src.ycbcr_enc = enc == V4L2_YCBCR_ENC_709 ? u32(V4L2_YCBCR_ENC_709) :
							    u32(V4L2_YCBCR_ENC_601);
		src.quantization = quant == V4L2_QUANTIZATION_FULL_RANGE ?
					   u32(V4L2_QUANTIZATION_FULL_RANGE) :
					   u32(V4L2_QUANTIZATION_LIM_RANGE);
	}
}

void Isp::init_state(api::SubdevState &st)
{
	v4l2_mbus_framefmt &sink = st.format(kSink);
	clear_format(sink);
	sink.code = bayer_code(Bayer::rggb, 10);
	sink.width = kModes[kDefaultMode].width;
	sink.height = kModes[kDefaultMode].height;
	sink.colorspace = V4L2_COLORSPACE_RAW;
	sink.ycbcr_enc = V4L2_YCBCR_ENC_601;
	sink.quantization = V4L2_QUANTIZATION_FULL_RANGE;
	sink.xfer_func = V4L2_XFER_FUNC_NONE;
	fill_meta(st.format(kParams));
	fill_source(st.format(kSource), sink, MEDIA_BUS_FMT_YUV8_1X24, V4L2_YCBCR_ENC_601,
		    V4L2_QUANTIZATION_LIM_RANGE);
	fill_meta(st.format(kStats));
	reset_crops(st);
}

/* The whole input, the whole processed frame: crops after a new sink format. */
void Isp::reset_crops(api::SubdevState &st)
{
	const v4l2_mbus_framefmt &sink = st.format(kSink);
	st.crop(kSink) = { 0, 0, sink.width, sink.height };
	st.crop(kSource) = { 0, 0, sink.width, sink.height };
	st.format(kSource).width = sink.width;
	st.format(kSource).height = sink.height;
}

void Isp::store(api::SubdevState &st, u32 which)
{
	if (which != V4L2_SUBDEV_FORMAT_ACTIVE)
		return;
	const v4l2_mbus_framefmt &sink = st.format(kSink), &src = st.format(kSource);
	SpinGuard g(lock_);
	cfg_ = { sink.code,	 sink.width,	    sink.height,       src.code,
		 src.ycbcr_enc, src.quantization, st.crop(kSink), st.crop(kSource) };
}

Status Isp::set_format(api::SubdevState &st, v4l2_subdev_format &f)
{
	v4l2_mbus_framefmt &sink = st.format(kSink);
	v4l2_mbus_framefmt &src = st.format(kSource);
	switch (f.pad) {
	case kSink: {
		u32 bits;
		Bayer o;
		u32 code = bayer_of_code(f.format.code, &bits, &o) ? f.format.code : sink.code;
		u32 w = clamp_even(f.format.width, kMinSize, kArrayWidth);
		u32 h = clamp_even(f.format.height, kMinSize, kArrayHeight);
		sink.code = code;
		sink.width = w;
		sink.height = h;
		fill_source(src, sink, src.code, src.ycbcr_enc, src.quantization);
		reset_crops(st);
		f.format = sink;
		break;
	}
	case kSource: {
		// The size is the source crop's (S_SELECTION), not settable here.
		const v4l2_rect crop = st.crop(kSource);
		fill_source(src, sink, f.format.code, f.format.ycbcr_enc, f.format.quantization);
		src.width = crop.width;
		src.height = crop.height;
		f.format = src;
		break;
	}
	default:
		f.format = st.format(f.pad); // metadata: fixed
		break;
	}
	store(st, f.which);
	return {};
}

/*
 * CROP on the sink pad: the part of the input the ISP processes (bounds: the
 * sink format); CROP on the source pad: the part of the processed frame it
 * outputs (bounds: the sink crop's size), which sets the source format's
 * size. Even positions and sizes (the Bayer order stays), at least
 * kMinSize. A new sink crop resets the source crop to all of it. No
 * COMPOSE: the ISP does not scale.
 */
Status Isp::get_selection(api::SubdevState &st, v4l2_subdev_selection &s)
{
	if (s.pad != kSink && s.pad != kSource)
		return Error(-EINVAL);
	const v4l2_rect &in = st.crop(kSink);
	switch (s.target) {
	case V4L2_SEL_TGT_CROP:
		s.r = st.crop(s.pad);
		return {};
	case V4L2_SEL_TGT_CROP_BOUNDS:
	case V4L2_SEL_TGT_CROP_DEFAULT:
		if (s.pad == kSink)
			s.r = { 0, 0, st.format(kSink).width, st.format(kSink).height };
		else
			s.r = { 0, 0, in.width, in.height };
		return {};
	default:
		return Error(-EINVAL);
	}
}

Status Isp::set_selection(api::SubdevState &st, v4l2_subdev_selection &s)
{
	if ((s.pad != kSink && s.pad != kSource) || s.target != V4L2_SEL_TGT_CROP)
		return Error(-EINVAL);
	const v4l2_mbus_framefmt &sink = st.format(kSink);
	const u32 bw = s.pad == kSink ? sink.width : st.crop(kSink).width;
	const u32 bh = s.pad == kSink ? sink.height : st.crop(kSink).height;
	v4l2_rect r = s.r;
	r.width = clamp_even(r.width, kMinSize, bw);
	r.height = clamp_even(r.height, kMinSize, bh);
	r.left = r.left < 0 ? 0 : r.left & ~1;
	r.top = r.top < 0 ? 0 : r.top & ~1;
	if (u32(r.left) + r.width > bw)
		r.left = s32(bw - r.width);
	if (u32(r.top) + r.height > bh)
		r.top = s32(bh - r.height);
	st.crop(s.pad) = r;
	if (s.pad == kSink)
		st.crop(kSource) = { 0, 0, r.width, r.height };
	st.format(kSource).width = st.crop(kSource).width;
	st.format(kSource).height = st.crop(kSource).height;
	s.r = r;
	store(st, s.which);
	return {};
}

Status Isp::enum_mbus_code(v4l2_subdev_mbus_code_enum &c)
{
	switch (c.pad) {
	case kSink:
		if (c.index >= 12)
			return Error(-EINVAL);
		c.code = kBayerCodes[c.index / 4][c.index % 4];
		return {};
	case kSource:
		if (c.index >= 2)
			return Error(-EINVAL);
		c.code = kIspOutCodes[c.index];
		return {};
	default:
		if (c.index)
			return Error(-EINVAL);
		c.code = MEDIA_BUS_FMT_METADATA_FIXED;
		return {};
	}
}

Status Isp::enum_frame_size(v4l2_subdev_frame_size_enum &f)
{
	if (f.index)
		return Error(-EINVAL);
	u32 bits;
	Bayer o;
	bool ok = f.pad == kSink   ? bayer_of_code(f.code, &bits, &o) :
		  f.pad == kSource ? (f.code == kIspOutCodes[0] || f.code == kIspOutCodes[1]) :
				     f.code == MEDIA_BUS_FMT_METADATA_FIXED;
	if (!ok)
		return Error(-EINVAL);
	if (f.pad == kParams || f.pad == kStats) {
		f.min_width = f.max_width = f.min_height = f.max_height = 1;
		return {};
	}
	f.min_width = f.min_height = kMinSize;
	f.max_width = kArrayWidth;
	f.max_height = kArrayHeight;
	return {};
}

Status Isp::s_stream(bool enable)
{
	__atomic_store_n(&streaming_, enable, __ATOMIC_RELEASE);
	return {};
}

IspConfig Isp::config()
{
	SpinGuard g(lock_);
	return cfg_;
}

/* Resizer ----------------------------------------------------------------- */

void Resizer::init(u32 out_w, u32 out_h)
{
	def_w_ = out_w;
	def_h_ = out_h;
	const Mode &m = kModes[kDefaultMode];
	cfg_ = { MEDIA_BUS_FMT_YUV8_1X24,     m.width, m.height,
		 { 0, 0, m.width, m.height }, out_w,   out_h };
}

static void fill_processed(v4l2_mbus_framefmt &f, u32 code, u32 w, u32 h)
{
	clear_format(f);
	f.code = code == MEDIA_BUS_FMT_RGB888_1X24 ? code : MEDIA_BUS_FMT_YUV8_1X24;
	f.width = w;
	f.height = h;
	f.colorspace = V4L2_COLORSPACE_SRGB;
	f.xfer_func = V4L2_XFER_FUNC_SRGB;
	f.ycbcr_enc = V4L2_YCBCR_ENC_601;
	f.quantization = f.code == MEDIA_BUS_FMT_RGB888_1X24 ? V4L2_QUANTIZATION_FULL_RANGE :
							       V4L2_QUANTIZATION_LIM_RANGE;
}

void Resizer::init_state(api::SubdevState &st)
{
	const Mode &m = kModes[kDefaultMode];
	fill_processed(st.format(kSink), MEDIA_BUS_FMT_YUV8_1X24, m.width, m.height);
	st.crop(kSink) = { 0, 0, m.width, m.height };
	fill_processed(st.format(kSource), MEDIA_BUS_FMT_YUV8_1X24, def_w_, def_h_);
}

void Resizer::mirror(api::SubdevState &st, u32 which)
{
	if (which != V4L2_SUBDEV_FORMAT_ACTIVE)
		return;
	const v4l2_mbus_framefmt &sink = st.format(kSink), &src = st.format(kSource);
	SpinGuard g(lock_);
	cfg_ = { sink.code, sink.width, sink.height, st.crop(kSink), src.width, src.height };
}

Status Resizer::set_format(api::SubdevState &st, v4l2_subdev_format &f)
{
	v4l2_mbus_framefmt &sink = st.format(kSink);
	v4l2_mbus_framefmt &src = st.format(kSource);
	if (f.pad == kSink) {
		// A new input resets the crop; the code passes through.
		fill_processed(sink, f.format.code,
			       clamp_even(f.format.width, kMinSize, kArrayWidth),
			       clamp_even(f.format.height, kMinSize, kArrayHeight));
		sink.ycbcr_enc = f.format.ycbcr_enc == V4L2_YCBCR_ENC_709 ?
					 u32(V4L2_YCBCR_ENC_709) :
					 u32(V4L2_YCBCR_ENC_601);
		if (sink.code == MEDIA_BUS_FMT_YUV8_1X24 &&
		    f.format.quantization == V4L2_QUANTIZATION_FULL_RANGE)
			sink.quantization = V4L2_QUANTIZATION_FULL_RANGE;
		st.crop(kSink) = { 0, 0, sink.width, sink.height };
		u32 w = src.width, h = src.height;
		src = sink;
		src.width = w;
		src.height = h;
		f.format = sink;
	} else {
		// Any output size: the crop is scaled to it.
		u32 w = clamp_even(f.format.width, kMinSize, kArrayWidth);
		u32 h = clamp_even(f.format.height, kMinSize, kArrayHeight);
		src = sink;
		src.width = w;
		src.height = h;
		f.format = src;
	}
	mirror(st, f.which);
	return {};
}

Status Resizer::enum_mbus_code(v4l2_subdev_mbus_code_enum &c)
{
	if (c.index >= 2)
		return Error(-EINVAL);
	c.code = kIspOutCodes[c.index];
	return {};
}

Status Resizer::enum_frame_size(v4l2_subdev_frame_size_enum &f)
{
	if (f.index || (f.code != kIspOutCodes[0] && f.code != kIspOutCodes[1]))
		return Error(-EINVAL);
	f.min_width = f.min_height = kMinSize;
	f.max_width = kArrayWidth;
	f.max_height = kArrayHeight;
	return {};
}

Status Resizer::get_selection(api::SubdevState &st, v4l2_subdev_selection &s)
{
	if (s.pad != kSink)
		return Error(-EINVAL);
	switch (s.target) {
	case V4L2_SEL_TGT_CROP:
		s.r = st.crop(kSink);
		return {};
	case V4L2_SEL_TGT_CROP_BOUNDS:
	case V4L2_SEL_TGT_CROP_DEFAULT:
		s.r = { 0, 0, st.format(kSink).width, st.format(kSink).height };
		return {};
	default:
		return Error(-EINVAL);
	}
}

Status Resizer::set_selection(api::SubdevState &st, v4l2_subdev_selection &s)
{
	if (s.pad != kSink || s.target != V4L2_SEL_TGT_CROP)
		return Error(-EINVAL);
	const v4l2_mbus_framefmt &sink = st.format(kSink);
	v4l2_rect r = s.r;
	r.width = clamp_even(r.width, kMinSize, sink.width);
	r.height = clamp_even(r.height, kMinSize, sink.height);
	r.left = r.left < 0 ? 0 : r.left & ~1;
	r.top = r.top < 0 ? 0 : r.top & ~1;
	if (u32(r.left) + r.width > sink.width)
		r.left = s32(sink.width - r.width);
	if (u32(r.top) + r.height > sink.height)
		r.top = s32(sink.height - r.height);
	st.crop(kSink) = r;
	s.r = r;
	mirror(st, s.which);
	return {};
}

Status Resizer::s_stream(bool enable)
{
	__atomic_store_n(&streaming_, enable, __ATOMIC_RELEASE);
	return {};
}

ResizerConfig Resizer::config()
{
	SpinGuard g(lock_);
	return cfg_;
}

} // namespace vcam
