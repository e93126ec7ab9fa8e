// SPDX-License-Identifier: GPL-2.0
/*
 * vcam frame library tests: every stage against vectors worked out by hand
 * (the arithmetic is in the comments), on frames small enough to write down.
 */
#include <kcxx/kunit.hpp>

#include "../../drivers/media/vcam/frame/isp.hpp"
#include "../../drivers/media/vcam/frame/resize.hpp"
#include "../../drivers/media/vcam/frame/sensor.hpp"
#include "frame_cases.h"

using namespace vcam::frame;

/* kunit_kzalloc() from the C side: freed when the case ends. */
extern "C" void *vcam_test_alloc(struct kunit *test, size_t size) noexcept;

namespace {

constexpr u16 L = 4095;

SensorConfig sensor(u32 w, u32 h, BayerOrder o, Pattern p)
{
	SensorConfig c{};
	c.array_w = w;
	c.array_h = h;
	c.array_order = o;
	c.crop = { 0, 0, w, h };
	c.pattern = p;
	c.gain = 256;
	c.checker_shift = 1;
	return c;
}

RawFrame raw(u16 *data, u32 w, u32 h, BayerOrder o = BayerOrder::rggb)
{
	return RawFrame{ data, w, h, w, o };
}

IspTables *tables(struct kunit *test, const IspConfig &cfg)
{
	auto *t = static_cast<IspTables *>(vcam_test_alloc(test, sizeof(IspTables)));
	if (t)
		isp_build_tables(cfg, *t);
	return t;
}

/* The gamma curve through (x, x): 12-bit y = x, 8-bit (x * 255 + 2047) / 4095. */
void linear_gamma(IspConfig &cfg)
{
	for (u32 i = 0; i < VCAM_ISP_GAMMA_POINTS; i++)
		cfg.gamma[i] = 64 * i < 4095 ? 64 * i : 4095;
}

bool rows_equal(struct kunit *test, const u16 *got, const u16 *want, u32 n, u32 mul)
{
	bool ok = true;
	for (u32 i = 0; i < n; i++) {
		KCXX_EXPECT_EQ(test, got[i], want[i] * mul);
		ok = ok && got[i] == want[i] * mul;
	}
	return ok;
}

} // namespace

void vcam_test_bayer_flip_orders(struct kunit *test)
{
	using B = BayerOrder;
	/* The table: RGGB hflip -> GRBG, vflip -> GBRG, both -> BGGR. */
	KCXX_EXPECT(test, flip_order(B::rggb, false, false) == B::rggb);
	KCXX_EXPECT(test, flip_order(B::rggb, true, false) == B::grbg);
	KCXX_EXPECT(test, flip_order(B::rggb, false, true) == B::gbrg);
	KCXX_EXPECT(test, flip_order(B::rggb, true, true) == B::bggr);
	/* G R / B G mirrored left-right is R G / G B; upside down B G / G R. */
	KCXX_EXPECT(test, flip_order(B::grbg, true, false) == B::rggb);
	KCXX_EXPECT(test, flip_order(B::grbg, false, true) == B::bggr);
	KCXX_EXPECT(test, flip_order(B::gbrg, true, false) == B::bggr);
	KCXX_EXPECT(test, flip_order(B::bggr, true, true) == B::rggb);
	/* Odd crop offsets shift the phase: RGGB at (1, 0) starts G R. */
	KCXX_EXPECT(test, crop_order(B::rggb, 1, 0) == B::grbg);
	KCXX_EXPECT(test, crop_order(B::rggb, 2, 1) == B::gbrg);
	KCXX_EXPECT(test, crop_order(B::rggb, 3, 3) == B::bggr);
	/* Site colours of BGGR: B at (0,0), G at (1,0), R at (1,1). */
	KCXX_EXPECT(test, site_channel(B::bggr, 0, 0) == ch_b);
	KCXX_EXPECT(test, site_channel(B::bggr, 1, 0) == ch_g);
	KCXX_EXPECT(test, site_channel(B::bggr, 0, 1) == ch_g);
	KCXX_EXPECT(test, site_channel(B::bggr, 1, 1) == ch_r);
	/* A mirrored even window keeps the flip rule; an odd one does not. */
	SensorConfig c = sensor(16, 8, B::rggb, Pattern::solid);
	c.hflip = true;
	KCXX_EXPECT(test, output_order(c) == B::grbg);
	c.vflip = true;
	KCXX_EXPECT(test, output_order(c) == B::bggr);
	c.crop = { 0, 0, 15, 8 }; /* readout starts at (14, 7): G B row */
	KCXX_EXPECT(test, output_order(c) == B::gbrg);
}

/*
 * 16x2 array: 8 bars of 2 columns: white, yellow, cyan, green, magenta, red,
 * blue, black. Per order, the expected rows as 0/1 (times 4095), from the
 * colour of each site: e.g. RGGB row 0 is R G R G ...; yellow (R+G) gives
 * 1 1, cyan (G+B) 0 1, magenta (R+B) 1 0; row 1 is G B: yellow 1 0, cyan 1 1.
 */
void vcam_test_colour_bars_each_order(struct kunit *test)
{
	static const u16 want[4][2][16] = {
		/* RGGB: R G / G B */
		{ { 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0 },
		  { 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0 } },
		/* GRBG: G R / B G */
		{ { 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0 },
		  { 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0 } },
		/* GBRG: G B / R G */
		{ { 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0 },
		  { 1, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0 } },
		/* BGGR: B G / G R */
		{ { 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0 },
		  { 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0 } },
	};
	u16 buf[32];
	for (u32 o = 0; o < 4; o++) {
		SensorConfig c = sensor(16, 2, static_cast<BayerOrder>(o), Pattern::colour_bars);
		RawFrame f = raw(buf, 16, 2);
		KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
		KCXX_EXPECT_EQ(test, static_cast<u32>(f.order), o);
		rows_equal(test, buf, want[o][0], 16, L);
		rows_equal(test, buf + 16, want[o][1], 16, L);
	}
}

void vcam_test_colour_bars_75(struct kunit *test)
{
	/* 75%: 4095 * 3 / 4 = 3071 (rounded down). 24 columns: bars of 3. */
	u16 buf[48];
	SensorConfig c = sensor(24, 2, BayerOrder::rggb, Pattern::colour_bars);
	c.bars_75 = true;
	RawFrame f = raw(buf, 24, 2);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	KCXX_EXPECT_EQ(test, buf[0], 3071); /* (0, 0): R of white */
	KCXX_EXPECT_EQ(test, buf[3], 3071); /* yellow is [3, 6): (3, 0) is its G */
	KCXX_EXPECT_EQ(test, buf[6], 0); /* cyan [6, 9): (6, 0) is its R */
	KCXX_EXPECT_EQ(test, buf[24 + 4], 3071); /* (4, 1): G of yellow */
	KCXX_EXPECT_EQ(test, buf[24 + 5], 0); /* (5, 1): B of yellow */
	KCXX_EXPECT_EQ(test, buf[24 + 7], 3071); /* (7, 1): B of cyan */
	KCXX_EXPECT_EQ(test, buf[15], 0); /* red [15, 18): (15, 0) is its G */
	KCXX_EXPECT_EQ(test, buf[16], 3071); /* (16, 0): R of red */
}

void vcam_test_sensor_flip_and_crop(struct kunit *test)
{
	u16 buf[32];
	/* RGGB 16x2 bars, hflip: row 0 reversed, order GRBG. */
	static const u16 row0_rev[16] = { 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1 };
	SensorConfig c = sensor(16, 2, BayerOrder::rggb, Pattern::colour_bars);
	c.hflip = true;
	RawFrame f = raw(buf, 16, 2);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	KCXX_EXPECT(test, f.order == BayerOrder::grbg);
	rows_equal(test, buf, row0_rev, 16, L);
	/* vflip: output row 0 is array row 1 (G B: 1 1 1 0 1 1 ...), order GBRG. */
	static const u16 row1[16] = { 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0 };
	c.hflip = false;
	c.vflip = true;
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	KCXX_EXPECT(test, f.order == BayerOrder::gbrg);
	rows_equal(test, buf, row1, 16, L);
	/*
	 * Crop (3, 1) 4x2 of a 16x4 RGGB array: order of site (3, 1) is B, so
	 * BGGR. Output (0,0) = array (3,1): B of yellow = 0; (1,0) = (4,1): G
	 * of cyan = L; (2,0) = (5,1) B of cyan = L; (3,0) = (6,1) G of green
	 * = L; (0,1) = (3,2): G of yellow = L; (1,1) = (4,2): R of cyan = 0.
	 */
	c = sensor(16, 4, BayerOrder::rggb, Pattern::colour_bars);
	c.crop = { 3, 1, 4, 2 };
	f = raw(buf, 4, 2);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	KCXX_EXPECT(test, f.order == BayerOrder::bggr);
	static const u16 crop[8] = { 0, 1, 1, 1, 1, 0, 1, 0 };
	rows_equal(test, buf, crop, 8, L);
	/* Same window mirrored both ways: (0,0) = array (6, 2): R of green = 0. */
	c.hflip = c.vflip = true;
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	KCXX_EXPECT(test, f.order == BayerOrder::rggb); /* (6, 2) is an R site */
	static const u16 crop_hv[8] = { 0, 1, 0, 1, 1, 1, 1, 0 };
	rows_equal(test, buf, crop_hv, 8, L);
}

void vcam_test_sensor_patterns_gain(struct kunit *test)
{
	u16 buf[64];
	/* Solid (1000, 2000, 3000), gain 1.5 (384), pedestal 64, RGGB:
	 * R: 64 + (1000 * 384 + 128) >> 8 = 64 + 1500 = 1564
	 * G: 64 + 3000 = 3064; B: 64 + 4500 -> clamped 4095. */
	SensorConfig c = sensor(4, 2, BayerOrder::rggb, Pattern::solid);
	c.solid[0] = 1000;
	c.solid[1] = 2000;
	c.solid[2] = 3000;
	c.gain = 384;
	c.pedestal = 64;
	RawFrame f = raw(buf, 4, 2);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	static const u16 solid[8] = { 1564, 3064, 1564, 3064, 3064, 4095, 3064, 4095 };
	rows_equal(test, buf, solid, 8, 1);
	/* Gradient, 5 wide: step = ceil(4095 * 65536 / 4) = 67092480 (exact),
	 * value = ax * 1023.75 truncated: 0, 1023, 2047, 3071, 4095. */
	c = sensor(5, 2, BayerOrder::rggb, Pattern::gradient);
	f = raw(buf, 5, 2);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	static const u16 grad[5] = { 0, 1023, 2047, 3071, 4095 };
	rows_equal(test, buf, grad, 5, 1);
	rows_equal(test, buf + 5, grad, 5, 1);
	/* Gain 2.0 (512) on the gradient: 0, 2046, 4094, 6142 -> 4095, 4095. */
	c.gain = 512;
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	static const u16 grad2[5] = { 0, 2046, 4094, 4095, 4095 };
	rows_equal(test, buf, grad2, 5, 1);
	/* Checkerboard of 2x2 squares on 8x4: white where (x>>1 ^ y>>1) is 0. */
	c = sensor(8, 4, BayerOrder::rggb, Pattern::checkerboard);
	f = raw(buf, 8, 4);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	static const u16 check[32] = { 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0,
				       0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1 };
	rows_equal(test, buf, check, 32, L);
	/* Odd crop into it: (3, 1) 3x2 -> array cols 3..5, rows 1..2. */
	c.crop = { 3, 1, 3, 2 };
	f = raw(buf, 3, 2);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	static const u16 check_crop[6] = { 0, 1, 1, 1, 0, 0 };
	rows_equal(test, buf, check_crop, 6, L);
}

void vcam_test_sensor_noise(struct kunit *test)
{
	static u16 a[64 * 16], b[64 * 16], w[8 * 4];
	SensorConfig c = sensor(64, 16, BayerOrder::rggb, Pattern::noise);
	c.frame_number = 7;
	RawFrame fa = raw(a, 64, 16), fb = raw(b, 64, 16);
	KCXX_EXPECT_EQ(test, sensor_render(c, fa), 0);
	KCXX_EXPECT_EQ(test, sensor_render(c, fb), 0);
	u32 same = 0, max = 0, sum = 0;
	for (u32 i = 0; i < 64 * 16; i++) {
		same += a[i] == b[i];
		max = a[i] > max ? a[i] : max;
		sum += a[i];
	}
	KCXX_EXPECT_EQ(test, same, 64 * 16); /* deterministic */
	KCXX_EXPECT(test, max <= 4095 && max > 3900);
	/* uniform: mean 2047.5; 1024 samples: well within 1900..2200 */
	KCXX_EXPECT(test, sum / 1024 > 1900 && sum / 1024 < 2200);
	c.frame_number = 8;
	KCXX_EXPECT_EQ(test, sensor_render(c, fb), 0);
	same = 0;
	for (u32 i = 0; i < 64 * 16; i++)
		same += a[i] == b[i];
	KCXX_EXPECT(test, same < 16); /* another frame: ~1/4096 equal by chance */
	/* A mirrored crop reads the same photosites: (0,0) = array (12, 5). */
	c.frame_number = 7;
	c.crop = { 5, 2, 8, 4 };
	c.hflip = c.vflip = true;
	RawFrame fw = raw(w, 8, 4);
	KCXX_EXPECT_EQ(test, sensor_render(c, fw), 0);
	KCXX_EXPECT_EQ(test, w[0], a[5 * 64 + 12]);
	KCXX_EXPECT_EQ(test, w[3 * 8 + 7], a[2 * 64 + 5]);
	KCXX_EXPECT_EQ(test, w[1 * 8 + 2], a[4 * 64 + 10]);
}

void vcam_test_sensor_bad_config(struct kunit *test)
{
	u16 buf[16];
	SensorConfig c = sensor(4, 4, BayerOrder::rggb, Pattern::solid);
	RawFrame f = raw(buf, 4, 4);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	c.crop = { 1, 0, 4, 4 }; /* sticks out */
	KCXX_EXPECT_EQ(test, sensor_render(c, f), -EINVAL);
	c.crop = { 0, 0, 4, 4 };
	c.solid[1] = 4096;
	KCXX_EXPECT_EQ(test, sensor_render(c, f), -EINVAL);
	c.solid[1] = 0;
	f.width = 3; /* does not match the crop */
	KCXX_EXPECT_EQ(test, sensor_render(c, f), -EINVAL);
}

void vcam_test_raw_writer_depths(struct kunit *test)
{
	u16 px[4] = { 4095, 1000, 16, 3 };
	RawFrame f = raw(px, 2, 2);
	u8 out[2 * 6];
	/* raw8, bytesperline 3: 4095 >> 4 = 255, 1000 >> 4 = 62, 16 >> 4 = 1, 3 >> 4 = 0 */
	__builtin_memset(out, 0xaa, sizeof(out));
	KCXX_EXPECT_EQ(test, raw_write(f, RawFormat::raw8, out, 3), 0);
	static const u8 r8[6] = { 255, 62, 0xaa, 1, 0, 0xaa };
	for (u32 i = 0; i < 6; i++)
		KCXX_EXPECT_EQ(test, out[i], r8[i]);
	/* raw10, bytesperline 6: 1023 = ff 03, 250 = fa 00, 4 = 04 00, 0 */
	__builtin_memset(out, 0xaa, sizeof(out));
	KCXX_EXPECT_EQ(test, raw_write(f, RawFormat::raw10, out, 6), 0);
	static const u8 r10[12] = { 0xff, 0x03, 0xfa, 0x00, 0xaa, 0xaa,
				    0x04, 0x00, 0x00, 0x00, 0xaa, 0xaa };
	for (u32 i = 0; i < 12; i++)
		KCXX_EXPECT_EQ(test, out[i], r10[i]);
	/* raw12: 4095 = ff 0f, 1000 = e8 03, 16 = 10 00, 3 = 03 00 */
	__builtin_memset(out, 0xaa, sizeof(out));
	KCXX_EXPECT_EQ(test, raw_write(f, RawFormat::raw12, out, 6), 0);
	static const u8 r12[12] = { 0xff, 0x0f, 0xe8, 0x03, 0xaa, 0xaa,
				    0x10, 0x00, 0x03, 0x00, 0xaa, 0xaa };
	for (u32 i = 0; i < 12; i++)
		KCXX_EXPECT_EQ(test, out[i], r12[i]);
	/* bytesperline too short for 2 samples of 2 bytes */
	KCXX_EXPECT_EQ(test, raw_write(f, RawFormat::raw10, out, 3), -EINVAL);
}

void vcam_test_isp_params(struct kunit *test)
{
	IspConfig cfg;
	isp_default_config(cfg, Encoding::rgb);
	vcam_isp_params p{};
	p.version = VCAM_ISP_PARAMS_VERSION;
	p.valid = VCAM_ISP_BLOCK_WB | VCAM_ISP_BLOCK_BLC;
	p.black_level = 256;
	p.wb_gain[0] = 512;
	p.wb_gain[1] = 256;
	p.wb_gain[2] = 384;
	p.ccm[0] = 7; /* not valid: ignored */
	KCXX_EXPECT_EQ(test, isp_apply_params(cfg, &p, sizeof(p)), 0);
	KCXX_EXPECT_EQ(test, cfg.black_level, 256);
	KCXX_EXPECT_EQ(test, cfg.wb_gain[0], 512);
	KCXX_EXPECT_EQ(test, cfg.wb_gain[2], 384);
	KCXX_EXPECT_EQ(test, cfg.ccm[0], 1024);
	KCXX_EXPECT_EQ(test, cfg.gamma[1], 539);
	/* Rejected, all or nothing. */
	p.black_level = 4095;
	KCXX_EXPECT_EQ(test, isp_apply_params(cfg, &p, sizeof(p)), -EINVAL);
	p.black_level = 100;
	KCXX_EXPECT_EQ(test, isp_apply_params(cfg, &p, sizeof(p) - 1), -EINVAL);
	p.valid |= 1u << 7;
	KCXX_EXPECT_EQ(test, isp_apply_params(cfg, &p, sizeof(p)), -EINVAL);
	p.valid = VCAM_ISP_BLOCK_GAMMA | VCAM_ISP_BLOCK_BLC;
	p.gamma[3] = 4096;
	KCXX_EXPECT_EQ(test, isp_apply_params(cfg, &p, sizeof(p)), -EINVAL);
	p.gamma[3] = 0;
	p.version = 2;
	KCXX_EXPECT_EQ(test, isp_apply_params(cfg, &p, sizeof(p)), -EINVAL);
	KCXX_EXPECT_EQ(test, cfg.black_level, 256);
	KCXX_EXPECT_EQ(test, cfg.gamma[1], 539);
}

/*
 * Black level 256 (span 4095 - 256 = 3839), WB R 2.0, G 1.0, B 1.5:
 *   blc(1000) = (744 * 4095 + 1919) / 3839 = 3048599 / 3839 = 794
 *   blc(2000) = (1744 * 4095 + 1919) / 3839 = 7143599 / 3839 = 1860
 *   blc(257) = (4095 + 1919) / 3839 = 1;  blc(100) = 0;  blc(4095) = 4095
 *   R: (794 * 512 + 128) >> 8 = 1588; (1860 * 512 + 128) >> 8 = 3720
 *   G: 1860, 1, 0, 4095
 *   B: (1860 * 384 + 128) >> 8 = 2790; 4095 * 1.5 -> 4095
 */
void vcam_test_isp_blc_wb(struct kunit *test)
{
	IspConfig cfg;
	isp_default_config(cfg, Encoding::rgb);
	cfg.black_level = 256;
	cfg.wb_gain[0] = 512;
	cfg.wb_gain[2] = 384;
	IspTables *t = tables(test, cfg);
	if (!t)
		return KCXX_EXPECT(test, t);
	const u16 in0[4] = { 1000, 2000, 2000, 257 }, in1[4] = { 100, 2000, 4095, 4095 };
	u16 out[4];
	isp_blc_wb_row(*t, in0, 4, ch_r, ch_g, out);
	static const u16 want0[4] = { 1588, 1860, 3720, 1 };
	rows_equal(test, out, want0, 4, 1);
	isp_blc_wb_row(*t, in1, 4, ch_g, ch_b, out);
	static const u16 want1[4] = { 0, 2790, 4095, 4095 };
	rows_equal(test, out, want1, 4, 1);
}

void vcam_test_debayer_flat(struct kunit *test)
{
	/* A flat field R 1000, G 2000, B 3000 stays flat, borders included. */
	for (u32 o = 0; o < 4; o++) {
		u16 px[16], rgb[48];
		u8 scratch[isp_scratch_bytes(4)] __attribute__((aligned(4)));
		RawFrame f = raw(px, 4, 4, static_cast<BayerOrder>(o));
		for (u32 y = 0; y < 4; y++)
			for (u32 x = 0; x < 4; x++)
				px[4 * y + x] = 1000 * (1 + site_channel(f.order, x, y));
		KCXX_EXPECT_EQ(test, debayer_frame(f, rgb, 12, scratch, sizeof(scratch)), 0);
		for (u32 i = 0; i < 16; i++) {
			KCXX_EXPECT_EQ(test, rgb[3 * i], 1000);
			KCXX_EXPECT_EQ(test, rgb[3 * i + 1], 2000);
			KCXX_EXPECT_EQ(test, rgb[3 * i + 2], 3000);
		}
	}
}

/*
 * RGGB 4x4, columns 0-1 at 0, columns 2-3 at 4000 (every site). Row 0 (R G R G),
 * with row -1 mirrored to row 1:
 *   x0 R: R 0, G (0+0+0+0)/4 = 0, B 0                          -> 0 0 0
 *   x1 G: R (m0 + m2 + 1) >> 1 = 2000, B (a1 + b1) / 2 = 0      -> 2000 0 0
 *   x2 R: R 4000, G (a2 + b2 + m1 + m3 + 2) >> 2 = 12002 >> 2 = 3000,
 *         B (a1 + a3 + b1 + b3 + 2) >> 2 = 8002 >> 2 = 2000    -> 4000 3000 2000
 *   x3 G: R (m2 + m4=m2) / 2 = 4000, B 4000                    -> 4000 4000 4000
 * Row 1 (G B):
 *   x0 G: B (m-1=m1 + m1) / 2 = 0, R (a0 + b0) / 2 = 0          -> 0 0 0
 *   x1 B: G (a1 + b1 + m0 + m2 + 2) >> 2 = 4002 >> 2 = 1000,
 *         R (a0 + a2 + b0 + b2 + 2) >> 2 = 2000                -> 2000 1000 0
 *   x2 G: B (m1 + m3 + 1) >> 1 = 2000, R (a2 + b2) / 2 = 4000   -> 4000 4000 2000
 *   x3 B: G (4000 * 4 + 2) >> 2 = 4000, R 4000                  -> 4000 4000 4000
 * Rows 2 and 3 repeat rows 0 and 1 (row 4 mirrors to row 2).
 */
void vcam_test_debayer_edge(struct kunit *test)
{
	u16 px[16], rgb[48];
	u8 scratch[isp_scratch_bytes(4)] __attribute__((aligned(4)));
	for (u32 i = 0; i < 16; i++)
		px[i] = (i & 3) >= 2 ? 4000 : 0;
	RawFrame f = raw(px, 4, 4);
	KCXX_EXPECT_EQ(test, debayer_frame(f, rgb, 12, scratch, sizeof(scratch)), 0);
	static const u16 row0[12] = { 0, 0, 0, 2000, 0, 0, 4000, 3000, 2000, 4000, 4000, 4000 };
	static const u16 row1[12] = { 0, 0, 0, 2000, 1000, 0, 4000, 4000, 2000, 4000, 4000, 4000 };
	rows_equal(test, rgb, row0, 12, 1);
	rows_equal(test, rgb + 12, row1, 12, 1);
	rows_equal(test, rgb + 24, row0, 12, 1);
	rows_equal(test, rgb + 36, row1, 12, 1);
}

/*
 * CCM Q6.10 [[1.5, -0.25, -0.25], [-0.5, 2, -0.5], [0, 0, 1]]:
 *   (1000, 2000, 400): R (1536000 - 512000 - 102400 + 512) >> 10 = 922112 >> 10 = 900
 *                      G (-512000 + 4096000 - 204800 + 512) >> 10 = 3379712 >> 10 = 3300
 *                      B 400
 *   (4000, 0, 0): R 6144512 >> 10 = 6000 -> 4095; G -2047488 >> 10 -> 0; B 0
 */
void vcam_test_ccm(struct kunit *test)
{
	IspConfig cfg;
	isp_default_config(cfg, Encoding::rgb);
	IspTables *t = tables(test, cfg);
	if (!t)
		return KCXX_EXPECT(test, t);
	KCXX_EXPECT(test, t->ccm_identity);
	u16 px[6] = { 1000, 2000, 400, 4000, 0, 0 };
	isp_ccm_row(*t, px, 2);
	static const u16 same[6] = { 1000, 2000, 400, 4000, 0, 0 };
	rows_equal(test, px, same, 6, 1);
	static const s16 m[9] = { 1536, -256, -256, -512, 2048, -512, 0, 0, 1024 };
	for (u32 i = 0; i < 9; i++)
		cfg.ccm[i] = m[i];
	isp_build_tables(cfg, *t);
	KCXX_EXPECT(test, !t->ccm_identity);
	isp_ccm_row(*t, px, 2);
	static const u16 want[6] = { 900, 3300, 400, 4095, 0, 0 };
	rows_equal(test, px, want, 6, 1);
}

void vcam_test_gamma_lut(struct kunit *test)
{
	IspConfig cfg;
	isp_default_config(cfg, Encoding::rgb);
	IspTables *t = tables(test, cfg);
	if (!t)
		return KCXX_EXPECT(test, t);
	/* sRGB: endpoints 0 and 255, never decreasing. */
	KCXX_EXPECT_EQ(test, t->gamma[0], 0);
	KCXX_EXPECT_EQ(test, t->gamma[4095], 255);
	u32 drops = 0;
	for (u32 x = 1; x <= 4095; x++)
		drops += t->gamma[x] < t->gamma[x - 1];
	KCXX_EXPECT_EQ(test, drops, 0);
	/* Point 1 (x = 64) is 539: (539 * 255 + 2047) / 4095 = 139492 / 4095 = 34. */
	KCXX_EXPECT_EQ(test, t->gamma[64], 34);
	/* x = 32, half-way: y = (539 * 32 + 32) / 64 = 270; (270 * 255 + 2047) / 4095 = 17 */
	KCXX_EXPECT_EQ(test, t->gamma[32], 17);
	/* Last segment [4032, 4095] is 63 wide: 4064 -> 4067 + (28 * 32 + 31) / 63
	 * = 4067 + 14 = 4081; (4081 * 255 + 2047) / 4095 = 1042702 / 4095 = 254. */
	KCXX_EXPECT_EQ(test, t->gamma[4064], 254);
	/* Linear curve: (x * 255 + 2047) / 4095: 2048 -> 524287 / 4095 = 128, 64 -> 4. */
	linear_gamma(cfg);
	isp_build_tables(cfg, *t);
	KCXX_EXPECT_EQ(test, t->gamma[2048], 128);
	KCXX_EXPECT_EQ(test, t->gamma[64], 4);
	KCXX_EXPECT_EQ(test, t->gamma[4095], 255);
	KCXX_EXPECT_EQ(test, t->gamma[8], 0); /* (2040 + 2047) / 4095 = 0 */
	KCXX_EXPECT_EQ(test, t->gamma[9], 1); /* (2295 + 2047) / 4095 = 1 */
}

/*
 * R'G'B' -> Y'CbCr on pure colours (linear gamma: 4095 -> 255). Exact values:
 *   601 full:    red Y 0.299 * 255 = 76.2 -> 76, Cb 128 - 0.1687 * 255 = 85.0 -> 85,
 *                Cr 128 + 127.5 = 255.5 -> 255 (clamped)
 *   601 limited: white 235 128 128; red Y 16 + 0.299 * 219 = 81.5 -> 81,
 *                Cb 128 - 0.1687 * 224 = 90.2 -> 90, Cr 128 + 112 = 240
 *   709 full:    red Y 0.2126 * 255 = 54.2 -> 54, Cb 128 - 0.1146 * 255 = 98.8 -> 99
 *   709 limited: red Y 16 + 0.2126 * 219 = 62.6 -> 63, Cb 128 - 0.1146 * 224 = 102.3
 *                -> 102, Cr 240; blue Y 16 + 0.0722 * 219 = 31.8 -> 32, Cb 240
 */
void vcam_test_csc_pure_colours(struct kunit *test)
{
	struct Case {
		Encoding enc;
		u16 rgb[3];
		u8 want[3];
	};
	static const Case cases[] = {
		{ Encoding::bt601_full, { L, L, L }, { 255, 128, 128 } },
		{ Encoding::bt601_full, { 0, 0, 0 }, { 0, 128, 128 } },
		{ Encoding::bt601_full, { L, 0, 0 }, { 76, 85, 255 } },
		{ Encoding::bt601_full, { 0, L, 0 }, { 150, 44, 21 } },
		{ Encoding::bt601_limited, { L, L, L }, { 235, 128, 128 } },
		{ Encoding::bt601_limited, { 0, 0, 0 }, { 16, 128, 128 } },
		{ Encoding::bt601_limited, { L, 0, 0 }, { 81, 90, 240 } },
		{ Encoding::bt601_limited, { 0, 0, L }, { 41, 240, 110 } },
		{ Encoding::bt709_full, { L, L, L }, { 255, 128, 128 } },
		{ Encoding::bt709_full, { L, 0, 0 }, { 54, 99, 255 } },
		{ Encoding::bt709_limited, { L, L, L }, { 235, 128, 128 } },
		{ Encoding::bt709_limited, { L, 0, 0 }, { 63, 102, 240 } },
		{ Encoding::bt709_limited, { 0, 0, L }, { 32, 240, 118 } },
		{ Encoding::rgb, { L, 0, 2048 }, { 255, 0, 128 } },
	};
	IspConfig cfg;
	isp_default_config(cfg, Encoding::rgb);
	linear_gamma(cfg);
	IspTables *t = tables(test, cfg);
	if (!t)
		return KCXX_EXPECT(test, t);
	for (const Case &c : cases) {
		cfg.encoding = c.enc;
		isp_build_tables(cfg, *t);
		u8 out[3];
		isp_output_row(*t, c.rgb, 1, out);
		for (u32 i = 0; i < 3; i++)
			KCXX_EXPECT_EQ(test, out[i], c.want[i]);
	}
}

/*
 * Statistics of a 40x30 RGGB frame, raw R 1000 + 100 * zone column, G 2000,
 * B 3000 + zone row (before black level 0: unchanged). Zone column c covers
 * columns [c * 40 / 16, (c + 1) * 40 / 16): 0-1, 2-4, 5-6, 7-9, ...; zone
 * row r rows [r * 30 / 12, ...): 0-1, 2-4, 5-6, ...
 * Zone (1, 1): columns 2-4, rows 2-4: R at (2,2) (4,2) (2,4) (4,4) = 4;
 * B at (3,3) = 1; G 4. Sums 4 * 1100, 4 * 2000, 1 * 3001.
 * Zone (0, 0): 2x2: 1 R, 2 G, 1 B: 1000, 4000, 3000.
 * Zone (15, 11): columns 37-39, rows 27-29: R at (38, 28) = 1; G at (37, 28),
 * (39, 28), (38, 27), (38, 29) = 4; B at (37|39, 27|29) = 4:
 * sums 2500, 8000, 4 * 3011.
 * Histogram, flat frame R 1000 G 2000 B 3000 (debayered flat), linear gamma:
 * (1000 * 255 + 2047) / 4095 = 62, 2000 -> 125, 3000 -> 187;
 * Y = (77 * 62 + 150 * 125 + 29 * 187 + 128) >> 8 = 29075 >> 8 = 113: all
 * 1200 pixels in bin 113.
 */
void vcam_test_isp_stats(struct kunit *test)
{
	constexpr u32 w = 40, h = 30;
	u16 *px = static_cast<u16 *>(vcam_test_alloc(test, w * h * 2));
	u8 *out = static_cast<u8 *>(vcam_test_alloc(test, w * h * 3));
	auto *st = static_cast<vcam_isp_stats *>(vcam_test_alloc(test, sizeof(vcam_isp_stats)));
	void *scratch = vcam_test_alloc(test, isp_scratch_bytes(w));
	IspConfig cfg;
	isp_default_config(cfg, Encoding::rgb);
	linear_gamma(cfg);
	IspTables *t = tables(test, cfg);
	if (!px || !out || !st || !scratch || !t)
		return KCXX_EXPECT(test, false);
	RawFrame f = raw(px, w, h);
	for (u32 y = 0; y < h; y++)
		for (u32 x = 0; x < w; x++) {
			const Channel ch = site_channel(f.order, x, y);
			px[y * w + x] = ch == ch_r ? 1000 : ch == ch_g ? 2000 : 3000;
		}
	Packed3Frame o{ out, w, h, 3 * w, Packed3Kind::rgb };
	KCXX_EXPECT_EQ(test, isp_process(*t, f, o, st, scratch, isp_scratch_bytes(w)), 0);
	KCXX_EXPECT_EQ(test, st->version, 1);
	KCXX_EXPECT_EQ(test, st->width, 40);
	KCXX_EXPECT_EQ(test, st->hist_total, 1200);
	KCXX_EXPECT_EQ(test, st->hist[113], 1200);
	KCXX_EXPECT_EQ(test, st->hist[112] + st->hist[114], 0);
	/* Output pixels: 62 125 187 everywhere. */
	KCXX_EXPECT_EQ(test, out[0], 62);
	KCXX_EXPECT_EQ(test, out[3 * 1199 + 1], 125);
	KCXX_EXPECT_EQ(test, out[3 * 617 + 2], 187);

	for (u32 y = 0; y < h; y++)
		for (u32 x = 0; x < w; x++) {
			const Channel ch = site_channel(f.order, x, y);
			u32 zc = 0, zr = 0;
			while ((zc + 1) * w / 16 <= x)
				zc++;
			while ((zr + 1) * h / 12 <= y)
				zr++;
			px[y * w + x] = ch == ch_r ? 1000 + 100 * zc :
					ch == ch_g ? 2000 :
						     3000 + zr;
		}
	KCXX_EXPECT_EQ(test, isp_process(*t, f, o, st, scratch, isp_scratch_bytes(w)), 0);
	const vcam_isp_stats_zone &z00 = st->zones[0], &z11 = st->zones[16 + 1],
				  &zl = st->zones[11 * 16 + 15];
	KCXX_EXPECT_EQ(test, z00.sum[0], 1000);
	KCXX_EXPECT_EQ(test, z00.sum[1], 4000);
	KCXX_EXPECT_EQ(test, z00.sum[2], 3000);
	KCXX_EXPECT_EQ(test, z00.count[0] + 10 * z00.count[1] + 100 * z00.count[2], 121);
	KCXX_EXPECT_EQ(test, z11.sum[0], 4400);
	KCXX_EXPECT_EQ(test, z11.sum[1], 8000);
	KCXX_EXPECT_EQ(test, z11.sum[2], 3001);
	KCXX_EXPECT_EQ(test, z11.count[0] + 10 * z11.count[1] + 100 * z11.count[2], 144);
	KCXX_EXPECT_EQ(test, zl.sum[0], 2500);
	KCXX_EXPECT_EQ(test, zl.sum[1], 8000);
	KCXX_EXPECT_EQ(test, zl.sum[2], 12044);
	KCXX_EXPECT_EQ(test, zl.count[0] + 10 * zl.count[1] + 100 * zl.count[2], 441);
	/* Every site counted once: 1200 in all. */
	u32 n = 0;
	for (const auto &z : st->zones)
		n += z.count[0] + z.count[1] + z.count[2];
	KCXX_EXPECT_EQ(test, n, 1200);
}

/* The whole chain on rendered colour bars: 16x4 RGGB, 100%, sRGB, BT.601 full. */
void vcam_test_isp_full_frame(struct kunit *test)
{
	auto *px = static_cast<u16 *>(vcam_test_alloc(test, 64 * sizeof(u16)));
	auto *out = static_cast<u8 *>(vcam_test_alloc(test, 16 * 4 * 3));
	constexpr size_t scratch_bytes = isp_scratch_bytes(16);
	void *scratch = vcam_test_alloc(test, scratch_bytes);
	if (!px || !out || !scratch)
		return KCXX_EXPECT(test, false);
	SensorConfig c = sensor(16, 4, BayerOrder::rggb, Pattern::colour_bars);
	RawFrame f = raw(px, 16, 4);
	KCXX_EXPECT_EQ(test, sensor_render(c, f), 0);
	IspConfig cfg;
	isp_default_config(cfg, Encoding::bt601_full);
	IspTables *t = tables(test, cfg);
	if (!t)
		return KCXX_EXPECT(test, t);
	Packed3Frame o{ out, 16, 4, 48, Packed3Kind::ycbcr };
	KCXX_EXPECT_EQ(test, isp_process(*t, f, o, nullptr, scratch, scratch_bytes), 0);
	/* Column 0 is inside the white bar (mirrored border): Y 255, Cb Cr 128. */
	KCXX_EXPECT_EQ(test, out[0], 255);
	KCXX_EXPECT_EQ(test, out[1], 128);
	KCXX_EXPECT_EQ(test, out[2], 128);
	/* Column 15 of row 1 is in the black bar: 0 128 128. */
	KCXX_EXPECT_EQ(test, out[48 + 45], 0);
	KCXX_EXPECT_EQ(test, out[48 + 46], 128);
	/* Wrong output kind for the encoding. */
	o.kind = Packed3Kind::rgb;
	KCXX_EXPECT_EQ(test, isp_process(*t, f, o, nullptr, scratch, scratch_bytes), -EINVAL);
}

namespace {

/*
 * The driver's row loop: row() outside the output window (rows top..top +
 * oh - 1), row_direct() in it, the rows two above passed along.
 */
[[gnu::noinline]] int direct_rows(const IspTables &t, const RawFrame &rf, vcam_isp_stats *st,
				  void *scratch, size_t sb, u8 *line, DirectFormat f, u32 top,
				  u32 oh, u8 *out, u32 bpl)
{
	IspPass pass;
	const u32 w = rf.width;
	int ret = pass.begin(t, rf, Packed3Kind::ycbcr, st, scratch, sb);
	if (ret || !pass.can_pair())
		return ret ? ret : -EINVAL;
	const bool nv12 = f == DirectFormat::nv12;
	const bool planar = nv12 || f == DirectFormat::nv16;
	for (u32 y = 0; y < rf.height; y++) {
		if (y < top || y - top >= oh) {
			pass.row(line);
			continue;
		}
		const u32 j = y - top;
		u8 *d = out + j * bpl;
		u8 *c = planar ? out + bpl * oh + (nv12 ? j / 2 : j) * w : nullptr;
		pass.row_direct(f, d, c, j >= 2 ? d - 2 * bpl : nullptr,
				j >= 2 && planar ? c - (nv12 ? 1 : 2) * w : nullptr);
	}
	return 0;
}

} // namespace

/*
 * IspPass::row_direct() writes what isp_process() then resize_process() at
 * 1:1 write, in each Y'CbCr capture format, called as the driver calls it:
 * row() above and below an output window of even height, row_direct() in
 * it, with the rows two above passed for the repeat shortcut. Noise (no
 * row repeats), colour bars (every interior row repeats), pure blue (full
 * range gives Cb 256 before the clamp), 8-row checks (NV12's row 11
 * repeats row 9, but row 10 does not repeat row 8: its chroma row is
 * computed, not copied); full and limited range, with and without a CCM
 * and statistics (which must come out the same too).
 */
void vcam_test_isp_row_direct(struct kunit *test)
{
	constexpr u32 W = 24, H = 16, OH = H - 2;
	constexpr size_t sb = isp_scratch_bytes(W), out_bytes = 2 * W * H;
	auto *rawb = static_cast<u16 *>(vcam_test_alloc(test, W * H * sizeof(u16)));
	auto *full = static_cast<u8 *>(vcam_test_alloc(test, 3 * W * H));
	auto *want = static_cast<u8 *>(vcam_test_alloc(test, out_bytes));
	auto *got = static_cast<u8 *>(vcam_test_alloc(test, out_bytes));
	auto *line = static_cast<u8 *>(vcam_test_alloc(test, 3 * W));
	void *scratch = vcam_test_alloc(test, sb);
	void *rscratch = vcam_test_alloc(test, resize_scratch_bytes(W));
	auto *st1 = static_cast<vcam_isp_stats *>(vcam_test_alloc(test, sizeof(vcam_isp_stats)));
	auto *st2 = static_cast<vcam_isp_stats *>(vcam_test_alloc(test, sizeof(vcam_isp_stats)));
	auto *t = static_cast<IspTables *>(vcam_test_alloc(test, sizeof(IspTables)));
	if (!rawb || !full || !want || !got || !line || !scratch || !rscratch || !st1 || !st2 || !t)
		return KCXX_EXPECT(test, false);
	static const Pattern pats[] = { Pattern::noise, Pattern::colour_bars, Pattern::solid,
					Pattern::checkerboard };
	static const Encoding encs[] = { Encoding::bt601_full, Encoding::bt709_limited };
	static const OutFormat fmts[] = { OutFormat::yuyv, OutFormat::uyvy, OutFormat::nv12,
					  OutFormat::nv16 };
	static const DirectFormat dfs[] = { DirectFormat::yuyv, DirectFormat::uyvy,
					    DirectFormat::nv12, DirectFormat::nv16 };
	static const s16 ccm[9] = { 1536, -256, -256, -512, 2048, -512, 0, -200, 1224 };
	u32 runs = 0, bad = 0, saturated = 0;
	for (Pattern pat : pats)
		for (Encoding enc : encs)
			for (u32 k = 0; k < 4 * 2 * 2 * 4; k++) {
				const u32 fi = k % 4, top = (k / 4) % 2, with_ccm = (k / 8) % 2,
					  with_stats = k / 16 % 2;
				SensorConfig sc = sensor(W, H, BayerOrder::grbg, pat);
				sc.frame_number = 3;
				sc.checker_shift = 3;
				sc.solid[ch_b] = L; /* pure blue */
				RawFrame rf = raw(rawb, W, H);
				KCXX_EXPECT_EQ(test, sensor_render(sc, rf), 0);
				IspConfig cfg;
				isp_default_config(cfg, enc);
				if (with_ccm)
					for (u32 i = 0; i < 9; i++)
						cfg.ccm[i] = ccm[i];
				isp_build_tables(cfg, *t);
				const Packed3Frame pf{ full, W, H, 3 * W, Packed3Kind::ycbcr };
				KCXX_EXPECT_EQ(test,
					       isp_process(*t, rf, pf, with_stats ? st1 : nullptr,
							   scratch, sb),
					       0);
				const u32 bpl = W * out_format_bpp(fmts[fi]);
				const ResizeConfig rc{ { 0, top, W, OH }, W, OH, fmts[fi] };
				__builtin_memset(want, 0x5a, out_bytes);
				__builtin_memset(got, 0x5a, out_bytes);
				const OutBuffer wo{ { want, want + bpl * OH }, { bpl, W } };
				KCXX_EXPECT_EQ(test,
					       resize_process(pf, rc, wo, rscratch,
							      resize_scratch_bytes(W)),
					       0);
				KCXX_EXPECT_EQ(test,
					       direct_rows(*t, rf, with_stats ? st2 : nullptr,
							   scratch, sb, line, dfs[fi], top, OH, got,
							   bpl),
					       0);
				runs++;
				if (__builtin_memcmp(got, want, out_bytes) ||
				    (with_stats && __builtin_memcmp(st1, st2, sizeof(*st1))))
					bad++;
				/* Pure blue in full range: Cb clamped from 256 (YUYV byte 1). */
				saturated += pat == Pattern::solid && enc == Encoding::bt601_full &&
					     fmts[fi] == OutFormat::yuyv && want[1] == 255;
			}
	KCXX_EXPECT_EQ(test, bad, 0u);
	KCXX_EXPECT_EQ(test, runs, 4u * 2 * 64);
	KCXX_EXPECT(test, saturated > 0);
}

namespace {

/* A 4x4 packed frame, component c of pixel (x, y) = 16 x + 64 y + c. */
void fill_4x4(u8 *p)
{
	for (u32 y = 0; y < 4; y++)
		for (u32 x = 0; x < 4; x++)
			for (u32 c = 0; c < 3; c++)
				p[12 * y + 3 * x + c] = static_cast<u8>(16 * x + 64 * y + c);
}

int resize(const Packed3Frame &in, Rect crop, u32 ow, u32 oh, OutFormat f, u8 *dst, u32 bpl,
	   u8 *dst1 = nullptr, u32 bpl1 = 0)
{
	u32 scratch[64];
	ResizeConfig c{ crop, ow, oh, f };
	OutBuffer o{ { dst, dst1 }, { bpl, bpl1 } };
	return resize_process(in, c, o, scratch, sizeof(scratch));
}

} // namespace

void vcam_test_resize_identity(struct kunit *test)
{
	u8 in[48], out[48];
	fill_4x4(in);
	Packed3Frame f{ in, 4, 4, 12, Packed3Kind::rgb };
	KCXX_EXPECT_EQ(test, resize(f, { 0, 0, 4, 4 }, 4, 4, OutFormat::rgb24, out, 12), 0);
	for (u32 i = 0; i < 48; i++)
		KCXX_EXPECT_EQ(test, out[i], in[i]);
}

/*
 * 4x4 -> 2x2: s = (x + 1/2) * 2 - 1/2 = 2x + 1/2: weights 128/128 both ways,
 * so out = (sum of the 2x2 block * 128 * 128 + 32768) >> 16 = (sum + 2) >> 2,
 * the rounded mean. Block (0,0), component 0: 0, 16, 64, 80 -> 40;
 * block (1,1) comp 2: 32+128+2, 48+128+2, 32+192+2, 48+192+2 -> mean 202.
 */
void vcam_test_resize_down2(struct kunit *test)
{
	u8 in[48], out[12];
	fill_4x4(in);
	Packed3Frame f{ in, 4, 4, 12, Packed3Kind::rgb };
	KCXX_EXPECT_EQ(test, resize(f, { 0, 0, 4, 4 }, 2, 2, OutFormat::rgb24, out, 6), 0);
	/* pixel (x, y): 40 + 32 x + 128 y + c */
	static const u8 want[12] = { 40, 41, 42, 72, 73, 74, 168, 169, 170, 200, 201, 202 };
	for (u32 i = 0; i < 12; i++)
		KCXX_EXPECT_EQ(test, out[i], want[i]);
}

/*
 * 2x2 -> 4x4 (the top-left 2x2 of the pattern: 0/16 on row 0, 64/80 on row 1,
 * component 0): positions -1/4 -> 0 (clamped), 1/4, 3/4, 5/4 -> 1 (clamped):
 * weights 0, 64, 192, 0 on the right/lower neighbour. Row 0: 0, 4, 12, 16
 * (16 * 64 / 256 = 4, 16 * 192 / 256 = 12). Rows: 0, 1/4, 3/4, 1 of the way
 * from row 0 (0) to row 1 (64): +0, +16, +48, +64.
 */
void vcam_test_resize_up2(struct kunit *test)
{
	u8 in[48], out[48];
	fill_4x4(in);
	Packed3Frame f{ in, 4, 4, 12, Packed3Kind::rgb };
	KCXX_EXPECT_EQ(test, resize(f, { 0, 0, 2, 2 }, 4, 4, OutFormat::rgb24, out, 12), 0);
	static const u8 col[4] = { 0, 4, 12, 16 }, row[4] = { 0, 16, 48, 64 };
	for (u32 y = 0; y < 4; y++)
		for (u32 x = 0; x < 4; x++) {
			KCXX_EXPECT_EQ(test, out[12 * y + 3 * x], col[x] + row[y]);
			KCXX_EXPECT_EQ(test, out[12 * y + 3 * x + 2], col[x] + row[y] + 2);
		}
}

void vcam_test_resize_crop(struct kunit *test)
{
	u8 in[48], out[12];
	fill_4x4(in);
	Packed3Frame f{ in, 4, 4, 12, Packed3Kind::rgb };
	/* Crop (1, 2) 2x2 at 1:1: pixels (1,2) (2,2) / (1,3) (2,3) = 16x + 64y + c. */
	KCXX_EXPECT_EQ(test, resize(f, { 1, 2, 2, 2 }, 2, 2, OutFormat::rgb24, out, 6), 0);
	static const u8 want[12] = { 144, 145, 146, 160, 161, 162, 208, 209, 210, 224, 225, 226 };
	for (u32 i = 0; i < 12; i++)
		KCXX_EXPECT_EQ(test, out[i], want[i]);
	/* Crop (3, 0) 1x4 to 1x2: column 3, rows averaged in pairs:
	 * (48 + 112 + 1) / 2 = 80, (176 + 240 + 1) / 2 = 208. */
	KCXX_EXPECT_EQ(test, resize(f, { 3, 0, 1, 4 }, 1, 2, OutFormat::rgb24, out, 3), 0);
	KCXX_EXPECT_EQ(test, out[0], 80);
	KCXX_EXPECT_EQ(test, out[3], 208);
}

/*
 * Every writer on a 2x2 identity resize. Y'CbCr input pixels (Y, Cb, Cr):
 * (10, 100, 200) (20, 110, 210) / (30, 120, 220) (40, 130, 230).
 * Pair chroma: row 0 Cb (100 + 110 + 1) >> 1 = 105, Cr 205; row 1 125, 225.
 * 2x2 chroma: Cb (100 + 110 + 120 + 130 + 2) >> 2 = 115, Cr 215.
 * R'G'B' input: (1, 2, 3) (4, 5, 6) / (7, 8, 9) (10, 11, 12).
 * bytesperline leaves a padding byte (0xee) after each row, which must stay.
 */
void vcam_test_writers_layout(struct kunit *test)
{
	u8 yuv[12] = { 10, 100, 200, 20, 110, 210, 30, 120, 220, 40, 130, 230 };
	u8 rgb[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	Packed3Frame fy{ yuv, 2, 2, 6, Packed3Kind::ycbcr };
	Packed3Frame fr{ rgb, 2, 2, 6, Packed3Kind::rgb };
	const Rect all{ 0, 0, 2, 2 };
	u8 o[20], c[8];
	auto check = [&](const u8 *buf, const u8 *want, u32 n) {
		for (u32 i = 0; i < n; i++)
			KCXX_EXPECT_EQ(test, buf[i], want[i]);
	};
	constexpr u8 P = 0xee;

	__builtin_memset(o, P, sizeof(o));
	KCXX_EXPECT_EQ(test, resize(fy, all, 2, 2, OutFormat::yuyv, o, 5), 0);
	static const u8 yuyv[10] = { 10, 105, 20, 205, P, 30, 125, 40, 225, P };
	check(o, yuyv, 10);

	__builtin_memset(o, P, sizeof(o));
	KCXX_EXPECT_EQ(test, resize(fy, all, 2, 2, OutFormat::uyvy, o, 5), 0);
	static const u8 uyvy[10] = { 105, 10, 205, 20, P, 125, 30, 225, 40, P };
	check(o, uyvy, 10);

	__builtin_memset(o, P, sizeof(o));
	__builtin_memset(c, P, sizeof(c));
	KCXX_EXPECT_EQ(test, resize(fy, all, 2, 2, OutFormat::nv12, o, 3, c, 3), 0);
	static const u8 nv12_y[6] = { 10, 20, P, 30, 40, P }, nv12_c[4] = { 115, 215, P, P };
	check(o, nv12_y, 6);
	check(c, nv12_c, 4);

	__builtin_memset(o, P, sizeof(o));
	__builtin_memset(c, P, sizeof(c));
	KCXX_EXPECT_EQ(test, resize(fy, all, 2, 2, OutFormat::nv16, o, 3, c, 3), 0);
	static const u8 nv16_c[7] = { 105, 205, P, 125, 225, P, P };
	check(o, nv12_y, 6);
	check(c, nv16_c, 7);

	__builtin_memset(o, P, sizeof(o));
	KCXX_EXPECT_EQ(test, resize(fr, all, 2, 2, OutFormat::rgb24, o, 7), 0);
	static const u8 rgb24[14] = { 1, 2, 3, 4, 5, 6, P, 7, 8, 9, 10, 11, 12, P };
	check(o, rgb24, 14);

	__builtin_memset(o, P, sizeof(o));
	KCXX_EXPECT_EQ(test, resize(fr, all, 2, 2, OutFormat::xbgr32, o, 9), 0);
	static const u8 xbgr[18] = {
		3, 2, 1, 255, 6, 5, 4, 255, P, 9, 8, 7, 255, 12, 11, 10, 255, P
	};
	check(o, xbgr, 18);
}

void vcam_test_resize_bad_config(struct kunit *test)
{
	u8 in[48], out[64], c[32];
	fill_4x4(in);
	Packed3Frame f{ in, 4, 4, 12, Packed3Kind::rgb };
	Packed3Frame fy{ in, 4, 4, 12, Packed3Kind::ycbcr };
	/* crop outside, wrong input kind, odd width for YUYV, odd height for NV12 */
	KCXX_EXPECT_EQ(test, resize(f, { 2, 0, 3, 4 }, 2, 2, OutFormat::rgb24, out, 6), -EINVAL);
	KCXX_EXPECT_EQ(test, resize(f, { 0, 0, 4, 4 }, 2, 2, OutFormat::yuyv, out, 4), -EINVAL);
	KCXX_EXPECT_EQ(test, resize(fy, { 0, 0, 4, 4 }, 3, 2, OutFormat::yuyv, out, 6), -EINVAL);
	KCXX_EXPECT_EQ(test, resize(fy, { 0, 0, 4, 4 }, 2, 3, OutFormat::nv12, out, 2, c, 2),
		       -EINVAL);
	KCXX_EXPECT_EQ(test, resize(fy, { 0, 0, 4, 4 }, 2, 2, OutFormat::nv12, out, 2), -EINVAL);
	KCXX_EXPECT_EQ(test, resize(f, { 0, 0, 4, 4 }, 4, 4, OutFormat::xbgr32, out, 15), -EINVAL);
	KCXX_EXPECT_EQ(test, resize(fy, { 0, 0, 4, 4 }, 2, 2, OutFormat::nv12, out, 2, c, 2), 0);
}
