// SPDX-License-Identifier: GPL-2.0
/*
 * vcam frame library tests: the rkisp1 personality's parameter buffers
 * (legacy RK1P and extensible RK1E) and statistics (RK1S), against values
 * worked out by hand in the comments.
 */
#include <kcxx/kunit.hpp>

#include "../../drivers/media/vcam/frame/rkisp1.hpp"
#include "frame_cases.h"

using namespace vcam::frame;

extern "C" void *vcam_test_alloc(struct kunit *test, size_t size) noexcept;

namespace {

bool same_state(const Rk1State &a, const Rk1State &b)
{
	return __builtin_memcmp(&a, &b, sizeof(a)) == 0;
}

/* A flat w x h RGGB frame: every R site r, every G site g, every B site b. */
void flat(u16 *d, u32 w, u32 h, u16 r, u16 g, u16 b)
{
	for (u32 y = 0; y < h; y++)
		for (u32 x = 0; x < w; x++)
			d[y * w + x] = (x & 1) == (y & 1) ? ((x & 1) ? b : r) : g;
}

IspTables *rk1_tables(struct kunit *test, const Rk1State &s, Rk1Rev rev)
{
	auto *t = static_cast<IspTables *>(vcam_test_alloc(test, sizeof(IspTables)));
	if (!t)
		return nullptr;
	IspConfig cfg;
	rk1_isp_config(s, rev, Encoding::bt601_full, cfg);
	isp_build_tables(cfg, *t);
	return t;
}

/* Append one extensible block of type ty (body zeroed) to buf at *off. */
u8 *ext_block(u8 *buf, u32 *off, u16 ty, u16 flags, u32 size)
{
	rkisp1_ext_params_block_header h = { ty, flags, size };
	u8 *blk = buf + 8 + *off;
	__builtin_memset(blk, 0, size);
	__builtin_memcpy(blk, &h, sizeof(h));
	*off += size;
	return blk + sizeof(h);
}

void ext_head(u8 *buf, u32 version, u32 data_size)
{
	__builtin_memcpy(buf, &version, 4);
	__builtin_memcpy(buf + 4, &data_size, 4);
}

} // namespace

/*
 * Legacy buffer: module_cfg_update takes a block's configuration,
 * module_en_update + module_ens its enable state; the ISP settings follow
 * (BLS without rescale, Q2.8 gains, Q4.7 matrix, 10-bit GOC curve).
 */
void vcam_test_rk1_legacy_params(struct kunit *test)
{
	auto *p =
		static_cast<rkisp1_params_cfg *>(vcam_test_alloc(test, sizeof(rkisp1_params_cfg)));
	if (!p)
		return;
	Rk1State s;
	rk1_default_state(s);
	p->module_cfg_update = RKISP1_CIF_ISP_MODULE_BLS | RKISP1_CIF_ISP_MODULE_AWB_GAIN |
			       RKISP1_CIF_ISP_MODULE_CTK | RKISP1_CIF_ISP_MODULE_GOC;
	p->module_en_update = p->module_cfg_update;
	p->module_ens = p->module_cfg_update;
	p->others.bls_config.fixed_val = { 256, 256, 256, 260 }; /* mean 257 */
	p->others.awb_gain_config = { 0x200, 0x100, 0x180, 0x100 };
	for (u32 i = 0; i < 3; i++)
		for (u32 j = 0; j < 3; j++)
			p->others.ctk_config.coeff[i][j] = i == j ? 0x80 : 0;
	p->others.ctk_config.coeff[0][1] = 0x7c0; /* -64 / 128 = -0.5 */
	p->others.goc_config.mode = RKISP1_CIF_ISP_GOC_MODE_EQUIDISTANT;
	for (u32 i = 0; i < 17; i++)
		p->others.goc_config.gamma_y[i] = 64 * i < 1023 ? 64 * i : 1023;
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p)), 0);
	KCXX_EXPECT_EQ(test, s.enabled, p->module_ens);

	IspConfig cfg;
	rk1_isp_config(s, Rk1Rev::v10, Encoding::rgb, cfg);
	KCXX_EXPECT_EQ(test, cfg.black_level, 257);
	KCXX_EXPECT(test, !cfg.blc_rescale);
	KCXX_EXPECT_EQ(test, cfg.wb_gain[0], 512);
	KCXX_EXPECT_EQ(test, cfg.wb_gain[1], 256);
	KCXX_EXPECT_EQ(test, cfg.wb_gain[2], 384);
	KCXX_EXPECT_EQ(test, cfg.ccm[0], 1024);
	KCXX_EXPECT_EQ(test, cfg.ccm[1], -512);
	KCXX_EXPECT_EQ(test, cfg.ccm[4], 1024);
	KCXX_EXPECT_EQ(test, cfg.ccm[3], 0);
	/*
	 * GOC equidistant, 17 points 256 apart: x = 256 has y10 = 64, in 12 bits
	 * (64 * 4095 + 511) / 1023 = 256; vcam's point 4 (x = 256) is that, point
	 * 2 (x = 128) half way: 128.
	 */
	KCXX_EXPECT_EQ(test, cfg.gamma[0], 0);
	KCXX_EXPECT_EQ(test, cfg.gamma[2], 128);
	KCXX_EXPECT_EQ(test, cfg.gamma[4], 256);

	/* BLS subtracts without rescaling: raw 1257 -> 1000 (then the R gain 2: 2000). */
	IspTables *t = rk1_tables(test, s, Rk1Rev::v10);
	if (t) {
		KCXX_EXPECT_EQ(test, t->blc[1257], 1000);
		KCXX_EXPECT_EQ(test, t->blc[200], 0);
		KCXX_EXPECT_EQ(test, t->blc_wb[ch_r][1257], 2000);
	}

	/* A configuration update alone keeps the enable state; an enable update alone
	 * keeps the configuration. */
	__builtin_memset(p, 0, sizeof(*p));
	p->module_en_update = RKISP1_CIF_ISP_MODULE_GOC;
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p)), 0);
	KCXX_EXPECT(test, !(s.enabled & RKISP1_CIF_ISP_MODULE_GOC));
	KCXX_EXPECT(test, s.enabled & RKISP1_CIF_ISP_MODULE_BLS);
	KCXX_EXPECT_EQ(test, s.goc.gamma_y[1], 64);
	rk1_isp_config(s, Rk1Rev::v10, Encoding::rgb, cfg);
	KCXX_EXPECT_EQ(test, cfg.gamma[4], 256); /* linear without GOC: y = x */
	KCXX_EXPECT_EQ(test, cfg.gamma[64], 4095);
	p->module_en_update = 0;
	p->module_cfg_update = RKISP1_CIF_ISP_MODULE_AWB_GAIN;
	p->others.awb_gain_config = { 0x100, 0x100, 0x100, 0x100 };
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p)), 0);
	KCXX_EXPECT(test, s.enabled & RKISP1_CIF_ISP_MODULE_AWB_GAIN);
	KCXX_EXPECT_EQ(test, s.awb_gain.gain_red, 0x100);

	/* Refused, and nothing changes: short, unknown module bit, bad mode. */
	const Rk1State before = s;
	p->module_cfg_update = RKISP1_CIF_ISP_MODULE_AWB_GAIN;
	p->others.awb_gain_config.gain_red = 0x300;
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p) - 1), -EINVAL);
	p->module_ens = 1u << 18;
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p)), -EINVAL);
	p->module_ens = 0;
	p->module_cfg_update |= RKISP1_CIF_ISP_MODULE_GOC;
	p->others.goc_config.mode = 2;
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p)), -EINVAL);
	p->module_cfg_update = RKISP1_CIF_ISP_MODULE_AEC;
	p->meas.aec_config.mode = 2;
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, p, sizeof(*p)), -EINVAL);
	KCXX_EXPECT(test, same_state(s, before));
	KCXX_EXPECT_EQ(test, rk1_apply_legacy(s, Rk1Rev::v10, nullptr, sizeof(*p)), -EINVAL);
}

/*
 * Extensible buffer: blocks one after the other, sized as 6.12's structs or
 * rounded up to 8; ENABLE, DISABLE or neither; everything validated before
 * anything applies.
 */
void vcam_test_rk1_ext_params(struct kunit *test)
{
	constexpr u32 cap = 8192; /* the LSC block alone is 2.3 KiB */
	auto *buf = static_cast<u8 *>(vcam_test_alloc(test, cap));
	if (!buf)
		return;
	Rk1State s;
	rk1_default_state(s);
	const u32 all = rk1_ext_blocks_v10;
	u32 off = 0;
	auto *bls = static_cast<rkisp1_cif_isp_bls_config *>(static_cast<void *>(ext_block(
		buf, &off, RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS, RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE,
		sizeof(rkisp1_ext_params_bls_config))));
	bls->fixed_val = { 64, 64, 64, 64 };
	/* An 8-aligned size (what headers aligned to 8 bytes give). */
	const u32 gsz = (sizeof(rkisp1_ext_params_awb_gain_config) + 7) & ~7u;
	u8 *g = ext_block(buf, &off, RKISP1_EXT_PARAMS_BLOCK_TYPE_AWB_GAIN,
			  RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE, gsz);
	const rkisp1_cif_isp_awb_gain_config gains = { 0x1c0, 0x100, 0x140, 0x100 };
	__builtin_memcpy(g, &gains, sizeof(gains));
	/* An unmodelled block is accepted and its enable bit tracked. */
	ext_block(buf, &off, RKISP1_EXT_PARAMS_BLOCK_TYPE_LSC, RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE,
		  sizeof(rkisp1_ext_params_lsc_config));
	ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1, off);
	KCXX_EXPECT_EQ(test, rk1_apply_ext(s, Rk1Rev::v10, buf, 8 + off, all), 0);
	KCXX_EXPECT_EQ(test, s.enabled,
		       RKISP1_CIF_ISP_MODULE_BLS | RKISP1_CIF_ISP_MODULE_AWB_GAIN |
			       RKISP1_CIF_ISP_MODULE_LSC);
	KCXX_EXPECT_EQ(test, s.bls.fixed_val.gb, 64);
	KCXX_EXPECT_EQ(test, s.awb_gain.gain_red, 0x1c0);
	KCXX_EXPECT_EQ(test, s.awb_gain.gain_blue, 0x140);

	/* DISABLE ignores the body; neither flag updates without enabling. */
	off = 0;
	ext_block(buf, &off, RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS, RKISP1_EXT_PARAMS_FL_BLOCK_DISABLE,
		  sizeof(rkisp1_ext_params_bls_config));
	auto *goc = static_cast<rkisp1_cif_isp_goc_config *>(
		static_cast<void *>(ext_block(buf, &off, RKISP1_EXT_PARAMS_BLOCK_TYPE_GOC, 0,
					      sizeof(rkisp1_ext_params_goc_config))));
	goc->gamma_y[1] = 77;
	ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1, off);
	KCXX_EXPECT_EQ(test, rk1_apply_ext(s, Rk1Rev::v10, buf, 8 + off, all), 0);
	KCXX_EXPECT(test, !(s.enabled & RKISP1_CIF_ISP_MODULE_BLS));
	KCXX_EXPECT_EQ(test, s.bls.fixed_val.gb, 64);
	KCXX_EXPECT(test, !(s.enabled & RKISP1_CIF_ISP_MODULE_GOC));
	KCXX_EXPECT_EQ(test, s.goc.gamma_y[1], 77);

	/* Every refusal leaves the state as it was. */
	const Rk1State before = s;
	auto refused = [&](u32 bytes, u32 supported) {
		KCXX_EXPECT_EQ(test, rk1_apply_ext(s, Rk1Rev::v10, buf, bytes, supported), -EINVAL);
	};
	/* A good AWB gain block, then a bad one: the good one must not apply. */
	auto two = [&](u16 ty, u16 flags, u32 size) {
		off = 0;
		u8 *b = ext_block(buf, &off, RKISP1_EXT_PARAMS_BLOCK_TYPE_AWB_GAIN,
				  RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE,
				  sizeof(rkisp1_ext_params_awb_gain_config));
		const rkisp1_cif_isp_awb_gain_config other = { 0x3ff, 0x3ff, 0x3ff, 0x3ff };
		__builtin_memcpy(b, &other, sizeof(other));
		ext_block(buf, &off, ty, flags, size);
		ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1, off);
	};
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS,
	    RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE | RKISP1_EXT_PARAMS_FL_BLOCK_DISABLE,
	    sizeof(rkisp1_ext_params_bls_config));
	refused(8 + off, all); /* both flags */
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS, 0, sizeof(rkisp1_ext_params_bls_config) + 8);
	refused(8 + off, all); /* wrong size */
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_COMPAND_BLS, 0,
	    sizeof(rkisp1_ext_params_compand_bls_config));
	refused(8 + off, all); /* a block this revision does not have */
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_COMPAND_COMPRESS + 1, 0, 16);
	refused(8 + off, ~0u); /* no such type */
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS, 0, sizeof(rkisp1_ext_params_bls_config));
	refused(8 + off, all & ~(1u << RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS)); /* not supported */
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_AEC_MEAS, 0, sizeof(rkisp1_ext_params_aec_config));
	{
		rkisp1_cif_isp_aec_config bad = {};
		bad.mode = 7;
		__builtin_memcpy(buf + 8 + off - sizeof(rkisp1_ext_params_aec_config) + 8, &bad,
				 sizeof(bad));
	}
	refused(8 + off, all); /* bad mode */
	two(RKISP1_EXT_PARAMS_BLOCK_TYPE_BLS, 0, sizeof(rkisp1_ext_params_bls_config));
	ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1, off + 4);
	refused(8 + off + 4, all); /* a header cut short at the end */
	ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1, off);
	refused(8 + off - 1, all); /* data_size past the buffer */
	ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1 + 1, off);
	refused(8 + off, all); /* version */
	ext_head(buf, RKISP1_EXT_PARAM_BUFFER_V1, off - 1);
	refused(8 + off, all); /* the last block overruns data_size */
	refused(7, all);
	KCXX_EXPECT(test, same_state(s, before));
}

/*
 * Statistics of a flat 20x20 RGGB frame: R 1600, G 800, B 400, no BLS, unity
 * gains: each 2x2 cell measures (R, G, B) = (100, 50, 25) in 8 bits.
 *   AE mode 0: 16 + (64 * 100 + 128 * 50 + 28 * 25) / 256 = 16 + 52 = 68;
 *      mode 1: 85 * 175 / 256 = 58.
 *   AWB YCbCr: Y 68, Cb = 128 + floor((-3600 - 3800 + 2800) / 256) = 110,
 *      Cr = 128 + floor((11200 - 4800 - 400) / 256) = 151; |Cb - 128| +
 *      |Cr - 128| = 41.
 *   HST RGB combined, 16 bins: R 100 -> bin 6, G 50 -> 3, B 25 -> 1.
 */
void vcam_test_rk1_stats(struct kunit *test)
{
	constexpr u32 W = 20, H = 20;
	auto *d = static_cast<u16 *>(vcam_test_alloc(test, W * H * sizeof(u16)));
	auto *st = static_cast<rkisp1_stat_buffer *>(
		vcam_test_alloc(test, sizeof(rkisp1_stat_buffer)));
	auto *sc = static_cast<Rk1Scratch *>(vcam_test_alloc(test, sizeof(Rk1Scratch)));
	if (!d || !st || !sc)
		return;
	flat(d, W, H, 1600, 800, 400);
	const RawFrame in = { d, W, H, W, BayerOrder::rggb };
	Rk1State s;
	rk1_default_state(s);
	s.enabled =
		RKISP1_CIF_ISP_MODULE_AEC | RKISP1_CIF_ISP_MODULE_AWB | RKISP1_CIF_ISP_MODULE_HST;
	s.aec.meas_window = { 0, 0, W, H };
	s.awb.awb_wnd = { 4, 4, 8, 8 }; /* cells 2..5 x 2..5: 16 */
	s.awb.awb_mode = RKISP1_CIF_ISP_AWB_MODE_YCBCR;
	s.awb.min_y = 16;
	s.awb.max_y = 250;
	s.awb.max_csum = 250;
	s.hst.mode = RKISP1_CIF_ISP_HISTOGRAM_MODE_RGB_COMBINED;
	s.hst.histogram_predivider = 1;
	s.hst.meas_window = { 0, 0, W, H };
	for (u32 i = 0; i < 25; i++)
		s.hst.hist_weight[i] = 1;
	IspTables *t = rk1_tables(test, s, Rk1Rev::v10);
	if (!t)
		return;
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->meas_type,
		       RKISP1_CIF_ISP_STAT_AWB | RKISP1_CIF_ISP_STAT_AUTOEXP |
			       RKISP1_CIF_ISP_STAT_HIST);
	for (u32 i = 0; i < 25; i++)
		KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[i], 68);
	KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[25], 0);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].cnt, 16);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].mean_y_or_g, 68);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].mean_cb_or_b, 110);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].mean_cr_or_r, 151);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[6], 100);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[3], 100);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[1], 100);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[0], 0);

	/* The chroma threshold excludes the cast (41 > 40); mode 1; predivider 2. */
	s.awb.max_csum = 40;
	s.aec.mode = RKISP1_CIF_ISP_EXP_MEASURING_MODE_1;
	s.hst.histogram_predivider = 2;
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].cnt, 0);
	KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[12], 58);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[6], 25);

	/*
	 * RGB mode after the gains and the BLS (no rescale): R (1600 - 100) * 2
	 * = 3000 -> 187, G 700 -> 43, B 300 * 1.5 = 450 -> 28; the thresholds
	 * (R <= 250, G <= 250, B <= 250) pass it.
	 */
	s.enabled |= RKISP1_CIF_ISP_MODULE_AWB_GAIN | RKISP1_CIF_ISP_MODULE_BLS;
	s.awb_gain = { 0x200, 0x100, 0x180, 0x100 };
	s.bls.fixed_val = { 100, 100, 100, 100 };
	s.awb.awb_mode = RKISP1_CIF_ISP_AWB_MODE_RGB;
	s.awb.awb_ref_cr = 250;
	s.awb.min_y = 250;
	s.awb.awb_ref_cb = 250;
	t = rk1_tables(test, s, Rk1Rev::v10);
	if (!t)
		return;
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].cnt, 16);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].mean_cr_or_r, 187);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].mean_y_or_g, 43);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].mean_cb_or_b, 28);
	s.awb.awb_ref_cr = 180; /* R 187 over the red threshold: nothing counts */
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].cnt, 0);

	/* The stream-start defaults measure everything, over the whole frame. */
	rk1_stream_defaults(s);
	t = rk1_tables(test, s, Rk1Rev::v10);
	if (!t)
		return;
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->meas_type,
		       RKISP1_CIF_ISP_STAT_AWB | RKISP1_CIF_ISP_STAT_AUTOEXP |
			       RKISP1_CIF_ISP_STAT_HIST);
	KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[24], 68);
	KCXX_EXPECT_EQ(test, st->params.awb.awb_mean[0].cnt, 100);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[6], 16 * 16); /* cells 0, 3, 6, 9 */

	/* Disabled measurements: no flag, nothing measured. */
	s.enabled = 0;
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->meas_type, 0u);
	KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[0], 0);
	KCXX_EXPECT_EQ(test, st->params.hist.hist_bins[6], 0u);
}

/*
 * The AE grid: 20x20, the left 10 columns white (4095), the rest black;
 * V10 blocks are 4 pixels (2 cells) wide: block columns 0 and 1 white
 * (mode 1: 85 * 765 / 256 = 254), column 2 one white cell (x = 8) and one
 * black (x = 10): 254 / 2 = 127, columns 3 and 4 black. V12: 9x9 blocks of
 * 2 pixels (one cell), the last one 4 (20 / 9 = 2, the rest folds into it).
 */
void vcam_test_rk1_ae_grid(struct kunit *test)
{
	constexpr u32 W = 20, H = 20;
	auto *d = static_cast<u16 *>(vcam_test_alloc(test, W * H * sizeof(u16)));
	auto *st = static_cast<rkisp1_stat_buffer *>(
		vcam_test_alloc(test, sizeof(rkisp1_stat_buffer)));
	auto *sc = static_cast<Rk1Scratch *>(vcam_test_alloc(test, sizeof(Rk1Scratch)));
	if (!d || !st || !sc)
		return;
	for (u32 y = 0; y < H; y++)
		for (u32 x = 0; x < W; x++)
			d[y * W + x] = x < 10 ? 4095 : 0;
	const RawFrame in = { d, W, H, W, BayerOrder::rggb };
	Rk1State s;
	rk1_default_state(s);
	s.enabled = RKISP1_CIF_ISP_MODULE_AEC;
	s.aec.mode = RKISP1_CIF_ISP_EXP_MEASURING_MODE_1;
	s.aec.meas_window = { 0, 0, W, H };
	IspTables *t = rk1_tables(test, s, Rk1Rev::v10);
	if (!t)
		return;
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	static const u8 want[5] = { 254, 254, 127, 0, 0 };
	for (u32 r = 0; r < 5; r++)
		for (u32 c = 0; c < 5; c++)
			KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[r * 5 + c], want[c]);
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v12, in, st, *sc), 0);
	/* Cells at x = 0, 2, .., 8 white: block columns 0..4 white, 5..7 black,
	 * column 8 (x 16..19) black. */
	for (u32 c = 0; c < 9; c++)
		KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[4 * 9 + c], c < 5 ? 254 : 0);
	/* A window off the frame is clipped; a bad frame is refused. */
	s.aec.meas_window = { 30, 30, 10, 10 };
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, in, st, *sc), 0);
	KCXX_EXPECT_EQ(test, st->params.ae.exp_mean[0], 0);
	const RawFrame bad = { d, 1, H, W, BayerOrder::rggb };
	KCXX_EXPECT_EQ(test, rk1_stats(*t, s, Rk1Rev::v10, bad, st, *sc), -EINVAL);
}
