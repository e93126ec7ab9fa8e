// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's resizers (main and self paths): the ISP's output in, a crop of it
 * scaled to any even size out, the media bus code passed through. The
 * scaling itself is the frame library's (frame/resize.cpp).
 */
#include "formats.hpp"

namespace vcam {

using kcxx::SpinGuard;

namespace {

/* rkisp1's resizer source codes: 4:2:2 or 4:2:0 (the capture formats follow). */
constexpr u32 kRkisp1OutCodes[] = { MEDIA_BUS_FMT_YUYV8_2X8, MEDIA_BUS_FMT_YUYV8_1_5X8 };

} // namespace

void Resizer::init(u32 out_w, u32 out_h, Flavour flavour)
{
	flavour_ = flavour;
	def_w_ = out_w;
	def_h_ = out_h;
	const Mode &m = kModes[kDefaultMode];
	cfg_ = { flavour == Flavour::rkisp1 ? u32(MEDIA_BUS_FMT_YUYV8_2X8) :
					      u32(MEDIA_BUS_FMT_YUV8_1X24),
		 m.width,
		 m.height,
		 { 0, 0, m.width, m.height },
		 out_w,
		 out_h };
}

/*
 * vcam: the code passes through (YUV8_1X24 or RGB888_1X24). rkisp1: the sink
 * takes YUYV8_2X8, the source YUYV8_2X8 or YUYV8_1_5X8 (@code if one of them).
 */
void Resizer::fill_processed(v4l2_mbus_framefmt &f, u32 code, u32 w, u32 h) const
{
	clear_format(f);
	if (flavour_ == Flavour::rkisp1)
		f.code = code == kRkisp1OutCodes[1] ? code : kRkisp1OutCodes[0];
	else
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
	fill_processed(st.format(kSink), 0, m.width, m.height);
	st.crop(kSink) = { 0, 0, m.width, m.height };
	fill_processed(st.format(kSource), 0, def_w_, def_h_);
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
		fill_processed(sink, flavour_ == Flavour::rkisp1 ? 0 : f.format.code,
			       clamp_even(f.format.width, kMinSize, kArrayWidth),
			       clamp_even(f.format.height, kMinSize, kArrayHeight));
		sink.ycbcr_enc = f.format.ycbcr_enc == V4L2_YCBCR_ENC_709 ?
					 u32(V4L2_YCBCR_ENC_709) :
					 u32(V4L2_YCBCR_ENC_601);
		if (sink.code != MEDIA_BUS_FMT_RGB888_1X24 &&
		    f.format.quantization == V4L2_QUANTIZATION_FULL_RANGE)
			sink.quantization = V4L2_QUANTIZATION_FULL_RANGE;
		st.crop(kSink) = { 0, 0, sink.width, sink.height };
		u32 w = src.width, h = src.height, code = src.code;
		src = sink;
		if (flavour_ == Flavour::rkisp1)
			src.code = code;
		src.width = w;
		src.height = h;
		f.format = sink;
	} else {
		// Any output size: the crop is scaled to it.
		u32 w = clamp_even(f.format.width, kMinSize, kArrayWidth);
		u32 h = clamp_even(f.format.height, kMinSize, kArrayHeight);
		src = sink;
		if (flavour_ == Flavour::rkisp1)
			src.code = f.format.code == kRkisp1OutCodes[1] ? kRkisp1OutCodes[1] :
									 kRkisp1OutCodes[0];
		src.width = w;
		src.height = h;
		f.format = src;
	}
	mirror(st, f.which);
	return {};
}

Status Resizer::enum_mbus_code(v4l2_subdev_mbus_code_enum &c)
{
	if (flavour_ == Flavour::rkisp1) {
		if (c.index >= (c.pad == kSink ? 1u : 2u))
			return Error(-EINVAL);
		c.code = kRkisp1OutCodes[c.index];
		return {};
	}
	if (c.index >= 2)
		return Error(-EINVAL);
	c.code = kIspOutCodes[c.index];
	return {};
}

Status Resizer::enum_frame_size(v4l2_subdev_frame_size_enum &f)
{
	const bool ok = flavour_ == Flavour::rkisp1 ?
				(f.code == kRkisp1OutCodes[0] ||
				 (f.pad == kSource && f.code == kRkisp1OutCodes[1])) :
				(f.code == kIspOutCodes[0] || f.code == kIspOutCodes[1]);
	if (f.index || !ok)
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
