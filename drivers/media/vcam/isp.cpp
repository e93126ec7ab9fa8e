// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's ISP: Bayer in on its sink pad, YUV or RGB out on its source pad,
 * a parameters sink pad and a statistics source pad (metadata, fixed), a
 * crop on the input and one on the processed frame; no scaling. The pixel
 * work is the frame library's (frame/isp.cpp), run by the frame thread.
 */
#include "formats.hpp"

namespace vcam {

using kcxx::SpinGuard;

namespace {

/* Metadata pads carry no image; v4l2-compliance 1.22.1 wants a non-zero size. */
void fill_meta(v4l2_mbus_framefmt &f)
{
	clear_format(f);
	f.code = MEDIA_BUS_FMT_METADATA_FIXED;
	f.width = 1;
	f.height = 1;
}

} // namespace

u32 Isp::yuv_code() const
{
	return flavour_ == Flavour::rkisp1 ? MEDIA_BUS_FMT_YUYV8_2X8 : MEDIA_BUS_FMT_YUV8_1X24;
}

/* The source pad's codes: vcam's two, or rkisp1's YUYV8_2X8 (no RGB, no raw bypass). */
bool Isp::out_code_ok(u32 code) const
{
	if (flavour_ == Flavour::rkisp1)
		return code == MEDIA_BUS_FMT_YUYV8_2X8;
	return code == kIspOutCodes[0] || code == kIspOutCodes[1];
}

void Isp::fill_source(v4l2_mbus_framefmt &src, const v4l2_mbus_framefmt &sink, u32 code, u32 enc,
		      u32 quant) const
{
	clear_format(src);
	src.code = code == MEDIA_BUS_FMT_RGB888_1X24 && out_code_ok(code) ? code : yuv_code();
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
	fill_source(st.format(kSource), sink, yuv_code(), V4L2_YCBCR_ENC_601,
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
	cfg_ = { sink.code,	sink.width,	  sink.height,	  src.code,
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
		if (flavour_ == Flavour::rkisp1) {
			if (c.index)
				return Error(-EINVAL);
			c.code = yuv_code();
			return {};
		}
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
		  f.pad == kSource ? out_code_ok(f.code) :
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

} // namespace vcam
