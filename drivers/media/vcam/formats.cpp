// SPDX-License-Identifier: GPL-2.0
/*
 * The formats all of vcam's entities share: the sensor modes and the Bayer
 * media bus codes and pixel formats (tables in formats.hpp).
 */
#include "formats.hpp"

namespace vcam {

namespace {

constexpr u32 kBayerPixfmts[3][4] = {
	{ V4L2_PIX_FMT_SRGGB8, V4L2_PIX_FMT_SGRBG8, V4L2_PIX_FMT_SGBRG8, V4L2_PIX_FMT_SBGGR8 },
	{ V4L2_PIX_FMT_SRGGB10, V4L2_PIX_FMT_SGRBG10, V4L2_PIX_FMT_SGBRG10, V4L2_PIX_FMT_SBGGR10 },
	{ V4L2_PIX_FMT_SRGGB12, V4L2_PIX_FMT_SGRBG12, V4L2_PIX_FMT_SGBRG12, V4L2_PIX_FMT_SBGGR12 },
};

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

} // namespace vcam
