// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's raw sensor: a 1920x1080 Bayer array, three centred crop modes,
 * the controls libcamera expects of a raw sensor, flips that change the
 * Bayer order. Each set_format/set_selection adjusts, stores and propagates
 * within the state it is given, so TRY and ACTIVE always agree; ACTIVE
 * results are mirrored into the object for the frame thread (the bridge
 * refuses ACTIVE changes while streaming, so the mirror is stable then). The
 * ISP (isp.cpp) and the resizers (resizer.cpp) work the same way.
 */
#include "formats.hpp"

namespace vcam {

using kcxx::SpinGuard;

namespace {

const char *const kTestPatterns[] = {
	"Colour Bars", "Gradient", "Checkerboard", "Solid Colour", "Noise", nullptr,
};

const __s64 kLinkFreqs[] = { 371250000 }; // 74.25 MHz x 10 bits / 2 (DDR)

/* imx219.c: frame length lines at most, and exposure at most frame length - 4. */
constexpr s64 kImx219FllMax = 0xfffe;
constexpr s64 kImx219ExposureOffset = 4;

/* The IMX219 driver's menu; "Disabled" shows the scene (vcam.rst, "rkisp1"). */
const char *const kImx219Patterns[] = {
	"Disabled", "Color Bars", "Solid Color", "Grey Color Bars", "PN9", nullptr,
};

} // namespace

/*
 * The rkisp1 personality's IMX219: the controls of Linux's imx219 driver
 * with its ranges (analogue gain code 0..232: gain = 256 / (256 - code), as
 * libcamera's camera sensor helper computes it; digital gain Q8), on vcam's
 * array, modes and timings.
 */
const mcpp_ctrl_desc Sensor::kImx219Ctrls[] = {
	// Lines: at most height + VBLANK - 4 (follow_vblank()); the default mode's here.
	{ V4L2_CID_EXPOSURE, 4, 480 + 645 - kImx219ExposureOffset, 1, 1000 },
	{ V4L2_CID_ANALOGUE_GAIN, 0, 232, 1, 0 },
	{ V4L2_CID_DIGITAL_GAIN, 256, 4095, 1, 256 },
	{ V4L2_CID_HBLANK, 280, 8192, 1, 1560 },
	{ V4L2_CID_VBLANK, 45, kImx219FllMax - 480, 1, 645 },
	{ V4L2_CID_PIXEL_RATE, kPixelRate, kPixelRate, 1, kPixelRate },
	{ V4L2_CID_LINK_FREQ, 0, 0, 0, 0, MCPP_CTRL_INT_MENU, nullptr, kLinkFreqs },
	{ V4L2_CID_TEST_PATTERN, 0, 4, 0, 0, MCPP_CTRL_MENU, kImx219Patterns, nullptr },
	{ V4L2_CID_HFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, nullptr, nullptr,
	  V4L2_CTRL_FLAG_MODIFY_LAYOUT },
	{ V4L2_CID_VFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, nullptr, nullptr,
	  V4L2_CTRL_FLAG_MODIFY_LAYOUT },
	{ V4L2_CID_CAMERA_ORIENTATION, 0, V4L2_CAMERA_ORIENTATION_EXTERNAL, 0,
	  V4L2_CAMERA_ORIENTATION_BACK, MCPP_CTRL_MENU, nullptr, nullptr },
	{ V4L2_CID_CAMERA_SENSOR_ROTATION, 0, 0, 1, 0 },
};

const u32 Sensor::kNumImx219Ctrls = sizeof(kImx219Ctrls) / sizeof(kImx219Ctrls[0]);

/* The controls libcamera expects of a raw sensor; HBLANK/VBLANK give 640x480 at 30/s. */
const mcpp_ctrl_desc Sensor::kCtrls[] = {
	{ V4L2_CID_EXPOSURE, 4, 65535, 1, 1000 },
	{ V4L2_CID_ANALOGUE_GAIN, 16, 256, 1, 16 }, // 16 = 1x
	{ V4L2_CID_DIGITAL_GAIN, 256, 4095, 1, 256 }, // Q8: 256 = 1x
	{ V4L2_CID_HBLANK, 280, 8192, 1, 1560 },
	{ V4L2_CID_VBLANK, 45, 65535, 1, 645 },
	{ V4L2_CID_PIXEL_RATE, kPixelRate, kPixelRate, 1, kPixelRate },
	{ V4L2_CID_LINK_FREQ, 0, 0, 0, 0, MCPP_CTRL_INT_MENU, nullptr, kLinkFreqs },
	{ V4L2_CID_TEST_PATTERN, 0, 4, 0, 0, MCPP_CTRL_MENU, kTestPatterns, nullptr },
	// The flips change the Bayer order: not while a pipeline holds the sensor.
	{ V4L2_CID_HFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, nullptr, nullptr,
	  V4L2_CTRL_FLAG_MODIFY_LAYOUT },
	{ V4L2_CID_VFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, nullptr, nullptr,
	  V4L2_CTRL_FLAG_MODIFY_LAYOUT },
	{ V4L2_CID_CAMERA_ORIENTATION, 0, V4L2_CAMERA_ORIENTATION_EXTERNAL, 0,
	  V4L2_CAMERA_ORIENTATION_FRONT, MCPP_CTRL_MENU, nullptr, nullptr },
	{ V4L2_CID_CAMERA_SENSOR_ROTATION, 0, 0, 1, 0 },
};

const u32 Sensor::kNumCtrls = sizeof(kCtrls) / sizeof(kCtrls[0]);

void Sensor::init(Flavour flavour)
{
	const Mode &m = kModes[kDefaultMode];
	cfg_.imx219 = flavour == Flavour::rkisp1;
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
	if (f.which == V4L2_SUBDEV_FORMAT_ACTIVE)
		return follow_mode(m);
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
	if (s.which == V4L2_SUBDEV_FORMAT_ACTIVE)
		return follow_mode(m);
	return {};
}

/*
 * The IMX219's control ranges follow its mode as imx219.c's set_pad_format
 * has them: VBLANK up to the longest frame, exposure up to the frame's
 * lines - 4. The VBLANK value stays (imx219.c resets it to the mode's
 * default). Inside a pad op: the controls' lock is the state's, held.
 */
Status Sensor::follow_mode(const Mode &m)
{
	if (!config().imx219)
		return {};
	Status st = api::ctrl_modify_range(entity, V4L2_CID_VBLANK, 45, kImx219FllMax - m.height, 1,
					   m.vblank_def);
	if (!st.ok())
		return st;
	SensorConfig c = config();
	return follow_vblank(c.height, c.vblank);
}

/* imx219.c's s_ctrl(VBLANK): exposure at most height + VBLANK - 4 lines. */
Status Sensor::follow_vblank(u32 height, u32 vblank)
{
	const s64 max = s64(height) + vblank - kImx219ExposureOffset;
	return api::ctrl_modify_range(entity, V4L2_CID_EXPOSURE, 4, max, 1, max < 1000 ? max : 1000);
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
	if (id == V4L2_CID_VBLANK) {
		SensorConfig c = config();
		return c.imx219 ? follow_vblank(c.height, u32(value)) : Status{};
	}
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

} // namespace vcam
