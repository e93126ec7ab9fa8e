// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's video nodes: a raw capture node per sensor (Bayer, unpacked), the
 * main and self outputs after the resizers, and the parameters/statistics
 * metadata nodes. Formats only; frames come from the instance's thread.
 */
#include <linux/media-bus-format.h>
#include <linux/rkisp1-config.h>

#include "vcam.hpp"

namespace vcam {

namespace {

struct ProcessedFormat {
	u32 pixelformat;
	u32 code; // the media bus code it is made from
};

constexpr ProcessedFormat kProcessed[] = {
	{ V4L2_PIX_FMT_YUYV, MEDIA_BUS_FMT_YUV8_1X24 },
	{ V4L2_PIX_FMT_UYVY, MEDIA_BUS_FMT_YUV8_1X24 },
	{ V4L2_PIX_FMT_NV12, MEDIA_BUS_FMT_YUV8_1X24 },
	{ V4L2_PIX_FMT_NV16, MEDIA_BUS_FMT_YUV8_1X24 },
	{ V4L2_PIX_FMT_RGB24, MEDIA_BUS_FMT_RGB888_1X24 },
	{ V4L2_PIX_FMT_XBGR32, MEDIA_BUS_FMT_RGB888_1X24 },
};

/* rkisp1's main and self paths: what the resizer's 4:2:2 or 4:2:0 code gives. */
constexpr ProcessedFormat kRkisp1Processed[] = {
	{ V4L2_PIX_FMT_YUYV, MEDIA_BUS_FMT_YUYV8_2X8 },
	{ V4L2_PIX_FMT_NV16, MEDIA_BUS_FMT_YUYV8_2X8 },
	{ V4L2_PIX_FMT_NV12, MEDIA_BUS_FMT_YUYV8_1_5X8 },
};

constexpr u32 kBayerCodes[] = {
	MEDIA_BUS_FMT_SRGGB8_1X8,   MEDIA_BUS_FMT_SGRBG8_1X8,	MEDIA_BUS_FMT_SGBRG8_1X8,
	MEDIA_BUS_FMT_SBGGR8_1X8,   MEDIA_BUS_FMT_SRGGB10_1X10, MEDIA_BUS_FMT_SGRBG10_1X10,
	MEDIA_BUS_FMT_SGBRG10_1X10, MEDIA_BUS_FMT_SBGGR10_1X10, MEDIA_BUS_FMT_SRGGB12_1X12,
	MEDIA_BUS_FMT_SGRBG12_1X12, MEDIA_BUS_FMT_SGBRG12_1X12, MEDIA_BUS_FMT_SBGGR12_1X12,
};

constexpr u32 kCount = sizeof(kProcessed) / sizeof(kProcessed[0]);

struct Formats {
	const ProcessedFormat *f;
	u32 n;
};

Formats processed_formats(const Instance *inst)
{
	if (inst && inst->personality && inst->personality->flavour == Flavour::rkisp1)
		return { kRkisp1Processed, sizeof(kRkisp1Processed) / sizeof(kRkisp1Processed[0]) };
	return { kProcessed, kCount };
}

bool is_processed(const Instance *inst, u32 pixelformat)
{
	const Formats fs = processed_formats(inst);
	for (u32 i = 0; i < fs.n; i++)
		if (fs.f[i].pixelformat == pixelformat)
			return true;
	return false;
}

bool is_bayer_pixfmt(u32 pixelformat)
{
	for (u32 code : kBayerCodes)
		if (bayer_pixfmt(code) == pixelformat)
			return true;
	return false;
}

u32 even(u32 v, u32 lo, u32 hi)
{
	v = v < lo ? lo : v > hi ? hi : v;
	return v & ~1u;
}

} // namespace

Result<u32> Capture::enum_fmt(u32 index, u32 mbus_code)
{
	if (kind_ == Kind::raw) {
		if (mbus_code)
			return index == 0 && bayer_pixfmt(mbus_code) ?
				       Result<u32>(bayer_pixfmt(mbus_code)) :
				       Result<u32>(Error(-EINVAL));
		if (index >= sizeof(kBayerCodes) / sizeof(kBayerCodes[0]))
			return Error(-EINVAL);
		return bayer_pixfmt(kBayerCodes[index]);
	}
	const Formats fs = processed_formats(inst_);
	for (u32 i = 0; i < fs.n; i++) {
		if (mbus_code && fs.f[i].code != mbus_code)
			continue;
		if (index-- == 0)
			return fs.f[i].pixelformat;
	}
	return Error(-EINVAL);
}

void Capture::adjust_fmt(v4l2_pix_format &pix)
{
	u32 bpp_num, bpp_den = 1, size_num, size_den = 1;

	if (kind_ == Kind::raw) {
		if (!is_bayer_pixfmt(pix.pixelformat))
			pix.pixelformat = V4L2_PIX_FMT_SRGGB10;
		const Mode &m = nearest_mode(pix.width, pix.height);
		pix.width = m.width;
		pix.height = m.height;
		bool eight = pix.pixelformat == V4L2_PIX_FMT_SRGGB8 ||
			     pix.pixelformat == V4L2_PIX_FMT_SGRBG8 ||
			     pix.pixelformat == V4L2_PIX_FMT_SGBRG8 ||
			     pix.pixelformat == V4L2_PIX_FMT_SBGGR8;
		bpp_num = eight ? 1 : 2;
		size_num = 1;
		pix.colorspace = V4L2_COLORSPACE_RAW;
		pix.xfer_func = V4L2_XFER_FUNC_NONE;
		pix.ycbcr_enc = V4L2_YCBCR_ENC_601;
		pix.quantization = V4L2_QUANTIZATION_FULL_RANGE;
	} else {
		if (!is_processed(inst_, pix.pixelformat))
			pix.pixelformat = V4L2_PIX_FMT_YUYV;
		pix.width = even(pix.width, kMinSize, kArrayWidth);
		pix.height = even(pix.height, kMinSize, kArrayHeight);
		switch (pix.pixelformat) {
		case V4L2_PIX_FMT_NV12: // Y plane, then half-height CbCr
			bpp_num = 1, size_num = 3, size_den = 2;
			break;
		case V4L2_PIX_FMT_NV16:
			bpp_num = 1, size_num = 2;
			break;
		case V4L2_PIX_FMT_RGB24:
			bpp_num = 3, size_num = 1;
			break;
		case V4L2_PIX_FMT_XBGR32:
			bpp_num = 4, size_num = 1;
			break;
		default: // YUYV, UYVY
			bpp_num = 2, size_num = 1;
			break;
		}
		bool rgb = pix.pixelformat == V4L2_PIX_FMT_RGB24 ||
			   pix.pixelformat == V4L2_PIX_FMT_XBGR32;
		pix.colorspace = V4L2_COLORSPACE_SRGB;
		pix.xfer_func = V4L2_XFER_FUNC_SRGB;
		pix.ycbcr_enc = V4L2_YCBCR_ENC_601;
		pix.quantization = rgb ? V4L2_QUANTIZATION_FULL_RANGE : V4L2_QUANTIZATION_LIM_RANGE;
	}
	pix.field = V4L2_FIELD_NONE;
	pix.bytesperline = pix.width * bpp_num / bpp_den;
	pix.sizeimage = pix.bytesperline * pix.height * size_num / size_den;
	pix.flags = 0;
	pix.priv = 0;
}

/*
 * Raw nodes take the sensor modes (the sensor does not scale); the main and
 * self nodes any even size the resizers make.
 */
Status Capture::enum_framesize(v4l2_frmsizeenum &f)
{
	if (kind_ == Kind::raw) {
		const Mode *m = mode_at(f.index);
		if (!is_bayer_pixfmt(f.pixel_format) || !m)
			return Error(-EINVAL);
		f.type = V4L2_FRMSIZE_TYPE_DISCRETE;
		f.discrete.width = m->width;
		f.discrete.height = m->height;
		return {};
	}
	if (!is_processed(inst_, f.pixel_format) || f.index)
		return Error(-EINVAL);
	f.type = V4L2_FRMSIZE_TYPE_STEPWISE;
	f.stepwise.min_width = kMinSize;
	f.stepwise.max_width = kArrayWidth;
	f.stepwise.step_width = 2;
	f.stepwise.min_height = kMinSize;
	f.stepwise.max_height = kArrayHeight;
	f.stepwise.step_height = 2;
	return {};
}

/*
 * The period the frame thread produces at, which every node's frames come
 * at: the ISP's sensor's (its mode and blanking controls).
 */
Status Capture::frame_interval(v4l2_fract &interval)
{
	Sensor *s = inst_->isp_sensor();
	u64 pixels = s ? s->frame_pixels() : 0;

	if (!s || pixels > 0xffffffffull) { // the thread's fallback: 1/30 s
		interval.numerator = u32(inst_->frame_period_ns());
		interval.denominator = 1000000000;
	} else { // exact: 1/30 at the default mode
		interval.numerator = u32(pixels);
		interval.denominator = kPixelRate;
	}
	return {};
}

Status Capture::start_streaming()
{
	return inst_->node_started(&on_);
}

void Capture::stop_streaming()
{
	inst_->node_stopped(&on_, inflight); // no frame touches our buffers after this
}

bool Meta::rkisp1() const
{
	return inst_ && inst_->personality && inst_->personality->flavour == Flavour::rkisp1;
}

/* 6.12's uAPI has not got it yet: the value of later kernels' rkisp1-config.h. */
#ifndef RKISP1_CID_SUPPORTED_PARAMS_BLOCKS
#define RKISP1_CID_SUPPORTED_PARAMS_BLOCKS (V4L2_CID_USER_BASE + 0x1220 + 0x01)
#endif

constexpr mcpp_ctrl_desc kSupportedBlocks = {
	.id = RKISP1_CID_SUPPORTED_PARAMS_BLOCKS,
	.max = frame::rk1_ext_blocks_v10,
	.def = frame::rk1_ext_blocks_v10,
	.name = "Supported Params Blocks",
	.type = V4L2_CTRL_TYPE_BITMASK,
};

/*
 * rkisp1's parameters node reports the RK1E block types it accepts (one bit
 * per RKISP1_EXT_PARAMS_BLOCK_TYPE_*, read-only), as the rkisp1 driver does:
 * the ones frames.cpp parses with, the V10's. The error-injection controls
 * follow, as on every video node.
 */
unsigned int Meta::ctrls(const mcpp_ctrl_desc **descs)
{
	if (!rkisp1() || !output_)
		return video_ctrls(descs);
	const mcpp_ctrl_desc *inj;
	const u32 n = video_ctrls(&inj);
	ctrls_.n = 0;
	ctrls_.d[ctrls_.n++] = kSupportedBlocks;
	for (u32 i = 0; i < n && ctrls_.n < sizeof(ctrls_.d) / sizeof(ctrls_.d[0]); i++)
		ctrls_.d[ctrls_.n++] = inj[i];
	*descs = ctrls_.d;
	return ctrls_.n;
}

/* The default (first) format: vcam's, or rkisp1's legacy parameters and statistics. */
u32 Meta::format() const
{
	if (rkisp1())
		return output_ ? V4L2_META_FMT_RK_ISP1_PARAMS : V4L2_META_FMT_RK_ISP1_STAT_3A;
	return output_ ? kMetaParams : kMetaStats;
}

/* rkisp1's parameters node has two formats: RK1P (the default) and RK1E. */
Result<u32> Meta::enum_fmt(u32 index, u32 mbus_code)
{
	if (mbus_code && mbus_code != MEDIA_BUS_FMT_METADATA_FIXED)
		return Error(-EINVAL);
	if (index == 1 && output_ && rkisp1())
		return u32(V4L2_META_FMT_RK_ISP1_EXT_PARAMS);
	if (index)
		return Error(-EINVAL);
	return format();
}

void Meta::adjust_meta(v4l2_meta_format &meta)
{
	const bool ext = output_ && rkisp1() && meta.dataformat == V4L2_META_FMT_RK_ISP1_EXT_PARAMS;
	meta = {};
	meta.dataformat = ext ? u32(V4L2_META_FMT_RK_ISP1_EXT_PARAMS) : format();
	if (rkisp1())
		meta.buffersize = ext	  ? sizeof(rkisp1_ext_params_cfg) :
				  output_ ? sizeof(rkisp1_params_cfg) :
					    sizeof(rkisp1_stat_buffer);
	else
		meta.buffersize = output_ ? sizeof(vcam_isp_params) : sizeof(vcam_isp_stats);
}

const char *Meta::format_name(u32 f)
{
	return f == kMetaParams ? "vcam ISP parameters" :
	       f == kMetaStats	? "vcam ISP statistics" :
				  nullptr;
}

Status Meta::start_streaming()
{
	return inst_->node_started(&on_);
}

void Meta::stop_streaming()
{
	inst_->node_stopped(&on_, inflight);
}

} // namespace vcam
