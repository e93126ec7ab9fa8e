/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What vcam's sub-devices share (sensor.cpp, isp.cpp, resizer.cpp): the
 * Bayer media bus codes, the sensor modes, the ISP's output codes and two
 * small helpers for formats.
 */
#pragma once

#include <linux/media-bus-format.h>

#include "vcam.hpp"

namespace vcam {

/* [bits: 8, 10, 12][Bayer order] */
inline constexpr u32 kBayerCodes[3][4] = {
	{ MEDIA_BUS_FMT_SRGGB8_1X8, MEDIA_BUS_FMT_SGRBG8_1X8, MEDIA_BUS_FMT_SGBRG8_1X8,
	  MEDIA_BUS_FMT_SBGGR8_1X8 },
	{ MEDIA_BUS_FMT_SRGGB10_1X10, MEDIA_BUS_FMT_SGRBG10_1X10, MEDIA_BUS_FMT_SGBRG10_1X10,
	  MEDIA_BUS_FMT_SBGGR10_1X10 },
	{ MEDIA_BUS_FMT_SRGGB12_1X12, MEDIA_BUS_FMT_SGRBG12_1X12, MEDIA_BUS_FMT_SGBRG12_1X12,
	  MEDIA_BUS_FMT_SBGGR12_1X12 },
};

inline constexpr u32 kBits[3] = { 8, 10, 12 };

/* Centred crops of the array; the smallest is the default (cheap to stream). */
inline constexpr Mode kModes[] = {
	{ 640, 480, 1560, 645 }, // 2200 x 1125 at 74.25 MHz: 30/s
	{ 1280, 720, 920, 405 },
	{ 1920, 1080, 280, 45 },
};
inline constexpr u32 kDefaultMode = 0;

inline constexpr u32 kIspOutCodes[] = { MEDIA_BUS_FMT_YUV8_1X24, MEDIA_BUS_FMT_RGB888_1X24 };

inline u32 clamp_even(u32 v, u32 lo, u32 hi)
{
	v = v < lo ? lo : v > hi ? hi : v;
	return v & ~1u;
}

inline void clear_format(v4l2_mbus_framefmt &f)
{
	f = {};
	f.field = V4L2_FIELD_NONE;
}

} // namespace vcam
