// SPDX-License-Identifier: GPL-2.0
/*
 * vcam frame library: the rkisp1 parameters and statistics (see rkisp1.hpp).
 */
#include "rkisp1.hpp"

namespace vcam::frame {

namespace {

/* The 6.12 uAPI's sizes, which the kernel's rkisp1 driver checks blocks against. */
static_assert(sizeof(rkisp1_params_cfg) == 3048);
static_assert(sizeof(rkisp1_stat_buffer) == 260);
static_assert(sizeof(rkisp1_ext_params_block_header) == 8);

/* The body size of each extensible block type, header included. */
constexpr u32 ext_block_size[rk1_ext_block_types] = {
	sizeof(rkisp1_ext_params_bls_config),
	sizeof(rkisp1_ext_params_dpcc_config),
	sizeof(rkisp1_ext_params_sdg_config),
	sizeof(rkisp1_ext_params_awb_gain_config),
	sizeof(rkisp1_ext_params_flt_config),
	sizeof(rkisp1_ext_params_bdm_config),
	sizeof(rkisp1_ext_params_ctk_config),
	sizeof(rkisp1_ext_params_goc_config),
	sizeof(rkisp1_ext_params_dpf_config),
	sizeof(rkisp1_ext_params_dpf_strength_config),
	sizeof(rkisp1_ext_params_cproc_config),
	sizeof(rkisp1_ext_params_ie_config),
	sizeof(rkisp1_ext_params_lsc_config),
	sizeof(rkisp1_ext_params_awb_meas_config),
	sizeof(rkisp1_ext_params_hst_config),
	sizeof(rkisp1_ext_params_aec_config),
	sizeof(rkisp1_ext_params_afc_config),
	sizeof(rkisp1_ext_params_compand_bls_config),
	sizeof(rkisp1_ext_params_compand_curve_config),
	sizeof(rkisp1_ext_params_compand_curve_config),
};

/* The module bit of each extensible block type (0: none, the companding blocks). */
constexpr u32 ext_block_module[rk1_ext_block_types] = {
	RKISP1_CIF_ISP_MODULE_BLS,
	RKISP1_CIF_ISP_MODULE_DPCC,
	RKISP1_CIF_ISP_MODULE_SDG,
	RKISP1_CIF_ISP_MODULE_AWB_GAIN,
	RKISP1_CIF_ISP_MODULE_FLT,
	RKISP1_CIF_ISP_MODULE_BDM,
	RKISP1_CIF_ISP_MODULE_CTK,
	RKISP1_CIF_ISP_MODULE_GOC,
	RKISP1_CIF_ISP_MODULE_DPF,
	RKISP1_CIF_ISP_MODULE_DPF_STRENGTH,
	RKISP1_CIF_ISP_MODULE_CPROC,
	RKISP1_CIF_ISP_MODULE_IE,
	RKISP1_CIF_ISP_MODULE_LSC,
	RKISP1_CIF_ISP_MODULE_AWB,
	RKISP1_CIF_ISP_MODULE_HST,
	RKISP1_CIF_ISP_MODULE_AEC,
	RKISP1_CIF_ISP_MODULE_AFC,
	0,
	0,
	0,
};

/* Room for the body of every block take() keeps. */
constexpr u32 ext_body_max = 128;
static_assert(sizeof(rkisp1_cif_isp_bls_config) <= ext_body_max &&
	      sizeof(rkisp1_cif_isp_awb_gain_config) <= ext_body_max &&
	      sizeof(rkisp1_cif_isp_ctk_config) <= ext_body_max &&
	      sizeof(rkisp1_cif_isp_goc_config) <= ext_body_max &&
	      sizeof(rkisp1_cif_isp_awb_meas_config) <= ext_body_max &&
	      sizeof(rkisp1_cif_isp_hst_config) <= ext_body_max &&
	      sizeof(rkisp1_cif_isp_aec_config) <= ext_body_max);

constexpr u32 align8(u32 v)
{
	return (v + 7) & ~7u;
}

/* The mode fields of the modelled blocks: in their enums. */
bool goc_ok(const rkisp1_cif_isp_goc_config &c)
{
	return c.mode <= RKISP1_CIF_ISP_GOC_MODE_EQUIDISTANT;
}

bool hst_ok(const rkisp1_cif_isp_hst_config &c)
{
	return c.mode <= RKISP1_CIF_ISP_HISTOGRAM_MODE_Y_HISTOGRAM;
}

bool aec_ok(const rkisp1_cif_isp_aec_config &c)
{
	return c.mode <= RKISP1_CIF_ISP_EXP_MEASURING_MODE_1 &&
	       c.autostop <= RKISP1_CIF_ISP_EXP_CTRL_AUTOSTOP_1;
}

bool awb_ok(const rkisp1_cif_isp_awb_meas_config &c)
{
	return c.awb_mode <= RKISP1_CIF_ISP_AWB_MODE_YCBCR;
}

template <class T> void copy(T &dst, const T &src)
{
	__builtin_memcpy(&dst, &src, sizeof(T));
}

/* Take the configuration of module m from body (the block's struct after its header). */
void take(Rk1State &s, u32 m, const void *body)
{
	switch (m) {
	case RKISP1_CIF_ISP_MODULE_BLS:
		copy(s.bls, *static_cast<const rkisp1_cif_isp_bls_config *>(body));
		break;
	case RKISP1_CIF_ISP_MODULE_AWB_GAIN:
		copy(s.awb_gain, *static_cast<const rkisp1_cif_isp_awb_gain_config *>(body));
		break;
	case RKISP1_CIF_ISP_MODULE_CTK:
		copy(s.ctk, *static_cast<const rkisp1_cif_isp_ctk_config *>(body));
		break;
	case RKISP1_CIF_ISP_MODULE_GOC:
		copy(s.goc, *static_cast<const rkisp1_cif_isp_goc_config *>(body));
		break;
	case RKISP1_CIF_ISP_MODULE_AWB:
		copy(s.awb, *static_cast<const rkisp1_cif_isp_awb_meas_config *>(body));
		break;
	case RKISP1_CIF_ISP_MODULE_HST:
		copy(s.hst, *static_cast<const rkisp1_cif_isp_hst_config *>(body));
		break;
	case RKISP1_CIF_ISP_MODULE_AEC:
		copy(s.aec, *static_cast<const rkisp1_cif_isp_aec_config *>(body));
		break;
	default:
		break;
	}
}

/* Whether the configuration of module m in body is acceptable. */
bool body_ok(u32 m, const void *body)
{
	switch (m) {
	case RKISP1_CIF_ISP_MODULE_GOC:
		return goc_ok(*static_cast<const rkisp1_cif_isp_goc_config *>(body));
	case RKISP1_CIF_ISP_MODULE_AWB:
		return awb_ok(*static_cast<const rkisp1_cif_isp_awb_meas_config *>(body));
	case RKISP1_CIF_ISP_MODULE_HST:
		return hst_ok(*static_cast<const rkisp1_cif_isp_hst_config *>(body));
	case RKISP1_CIF_ISP_MODULE_AEC:
		return aec_ok(*static_cast<const rkisp1_cif_isp_aec_config *>(body));
	default:
		return true;
	}
}

/* The legacy buffer's configuration of module m. */
const void *legacy_body(const rkisp1_params_cfg *p, u32 m)
{
	switch (m) {
	case RKISP1_CIF_ISP_MODULE_BLS:
		return &p->others.bls_config;
	case RKISP1_CIF_ISP_MODULE_AWB_GAIN:
		return &p->others.awb_gain_config;
	case RKISP1_CIF_ISP_MODULE_CTK:
		return &p->others.ctk_config;
	case RKISP1_CIF_ISP_MODULE_GOC:
		return &p->others.goc_config;
	case RKISP1_CIF_ISP_MODULE_AWB:
		return &p->meas.awb_meas_config;
	case RKISP1_CIF_ISP_MODULE_HST:
		return &p->meas.hst_config;
	case RKISP1_CIF_ISP_MODULE_AEC:
		return &p->meas.aec_config;
	default:
		return nullptr;
	}
}

/* Sign-extend an 11-bit two's complement Q4.7 to Q6.10. */
constexpr s16 ctk_q10(u16 v)
{
	const s32 x = static_cast<s32>(v & 0x7ff) - ((v & 0x400) ? 0x800 : 0);
	return static_cast<s16>(x * 8);
}

static_assert(ctk_q10(0x080) == 1024 && ctk_q10(0x7ff) == -8 && ctk_q10(0x400) == -8192);

constexpr u32 goc_log_dx[16] = { 64,  64,  64,	64,  128, 128, 128, 128,
				 256, 256, 256, 512, 512, 512, 512, 512 };

} // namespace

void rk1_default_state(Rk1State &s)
{
	__builtin_memset(&s, 0, sizeof(s));
}

void rk1_stream_defaults(Rk1State &s)
{
	rk1_default_state(s);
	const rkisp1_cif_isp_window all = { 0, 0, 4416, 3312 }; /* clipped to the frame */
	s.enabled =
		RKISP1_CIF_ISP_MODULE_AWB | RKISP1_CIF_ISP_MODULE_AEC | RKISP1_CIF_ISP_MODULE_HST;
	s.awb.awb_wnd = all;
	s.awb.awb_mode = RKISP1_CIF_ISP_AWB_MODE_YCBCR;
	s.awb.max_y = 230;
	s.awb.min_y = 15;
	s.awb.max_csum = 250;
	s.awb.min_c = 15;
	s.awb.awb_ref_cr = 128;
	s.awb.awb_ref_cb = 128;
	s.aec.mode = RKISP1_CIF_ISP_EXP_MEASURING_MODE_0;
	s.aec.meas_window = all;
	s.hst.mode = RKISP1_CIF_ISP_HISTOGRAM_MODE_RGB_COMBINED;
	s.hst.histogram_predivider = 3;
	s.hst.meas_window = all;
	for (u8 &w : s.hst.hist_weight)
		w = 0x10;
}

int rk1_apply_legacy(Rk1State &s, Rk1Rev, const rkisp1_params_cfg *p, size_t bytes)
{
	if (!p || bytes < sizeof(*p))
		return -EINVAL;
	const u32 en_update = p->module_en_update, ens = p->module_ens,
		  cfg_update = p->module_cfg_update;
	if ((en_update | ens | cfg_update) & ~rk1_modules_all)
		return -EINVAL;
	for (u32 m = 1; m & rk1_modules_all; m <<= 1)
		if ((cfg_update & m) && legacy_body(p, m) && !body_ok(m, legacy_body(p, m)))
			return -EINVAL;
	for (u32 m = 1; m & rk1_modules_all; m <<= 1)
		if ((cfg_update & m) && legacy_body(p, m))
			take(s, m, legacy_body(p, m));
	s.enabled = (s.enabled & ~en_update) | (ens & en_update);
	return 0;
}

int rk1_apply_ext(Rk1State &s, Rk1Rev, const void *buf, size_t bytes, u32 supported)
{
	constexpr u32 head = 8; /* version, data_size */
	if (!buf || bytes < head)
		return -EINVAL;
	const u8 *b = static_cast<const u8 *>(buf);
	u32 version, data_size;
	__builtin_memcpy(&version, b, 4);
	__builtin_memcpy(&data_size, b + 4, 4);
	if (version != RKISP1_EXT_PARAM_BUFFER_V1 || data_size > RKISP1_EXT_PARAMS_MAX_SIZE ||
	    data_size > bytes - head)
		return -EINVAL;
	const u8 *data = b + head;
	/* Two passes over the same bytes: validate every block, then apply. */
	for (int pass = 0; pass < 2; pass++) {
		u32 off = 0;
		while (off < data_size) {
			rkisp1_ext_params_block_header h;
			if (data_size - off < sizeof(h))
				return -EINVAL;
			__builtin_memcpy(&h, data + off, sizeof(h));
			if (h.type >= rk1_ext_block_types || !(supported & (1u << h.type)))
				return -EINVAL;
			const u32 want = ext_block_size[h.type];
			if ((h.size != want && h.size != align8(want)) || h.size > data_size - off)
				return -EINVAL;
			const u16 both = RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE |
					 RKISP1_EXT_PARAMS_FL_BLOCK_DISABLE;
			if ((h.flags & both) == both)
				return -EINVAL;
			const u32 m = ext_block_module[h.type];
			/* Bodies need not be aligned in the buffer: copy out. */
			alignas(8) u8 body[ext_body_max];
			const u32 n = want - sizeof(h);
			const bool kept = n <= sizeof(body);
			if (kept)
				__builtin_memcpy(body, data + off + sizeof(h), n);
			if (!(h.flags & RKISP1_EXT_PARAMS_FL_BLOCK_DISABLE) && kept &&
			    !body_ok(m, body))
				return -EINVAL;
			if (pass == 1) {
				if (h.flags & RKISP1_EXT_PARAMS_FL_BLOCK_DISABLE) {
					s.enabled &= ~m;
				} else {
					if (kept)
						take(s, m, body);
					if (h.flags & RKISP1_EXT_PARAMS_FL_BLOCK_ENABLE)
						s.enabled |= m;
				}
			}
			off += h.size;
		}
	}
	return 0;
}

void rk1_isp_config(const Rk1State &s, Rk1Rev rev, Encoding enc, IspConfig &cfg)
{
	isp_default_config(cfg, enc);
	cfg.blc_rescale = false;
	if ((s.enabled & RKISP1_CIF_ISP_MODULE_BLS) && !s.bls.enable_auto) {
		const rkisp1_cif_isp_bls_fixed_val &f = s.bls.fixed_val;
		const s32 sum = f.r + f.gr + f.gb + f.b;
		const s32 mean = (sum + 2) / 4;
		cfg.black_level = static_cast<u16>(mean < 0 ? 0 : mean > 4094 ? 4094 : mean);
	}
	if (s.enabled & RKISP1_CIF_ISP_MODULE_AWB_GAIN) {
		cfg.wb_gain[ch_r] = s.awb_gain.gain_red & 0x3ff;
		cfg.wb_gain[ch_g] = s.awb_gain.gain_green_r & 0x3ff;
		cfg.wb_gain[ch_b] = s.awb_gain.gain_blue & 0x3ff;
	}
	if (s.enabled & RKISP1_CIF_ISP_MODULE_CTK)
		for (u32 i = 0; i < 9; i++)
			cfg.ccm[i] = ctk_q10(s.ctk.coeff[i / 3][i % 3]);
	/* The tone curve: GOC's, or linear. */
	u32 xs[RKISP1_CIF_ISP_GAMMA_OUT_MAX_SAMPLES], ys[RKISP1_CIF_ISP_GAMMA_OUT_MAX_SAMPLES];
	u32 n = 2;
	xs[0] = 0;
	ys[0] = 0;
	xs[1] = raw_max;
	ys[1] = raw_max;
	if (s.enabled & RKISP1_CIF_ISP_MODULE_GOC) {
		n = rk1_goc_samples(rev);
		u32 x = 0;
		for (u32 i = 0; i < n; i++) {
			xs[i] = x;
			ys[i] = ((s.goc.gamma_y[i] & 0x3ff) * 4095 + 511) / 1023;
			if (s.goc.mode == RKISP1_CIF_ISP_GOC_MODE_LOGARITHMIC && n == 17)
				x += i < 16 ? goc_log_dx[i] : 0;
			else
				x += 4096 / (n - 1);
		}
	}
	/* Sample at vcam's 65 points (x = 64 i, the last 4095) by interpolation. */
	u32 seg = 0;
	for (u32 i = 0; i < VCAM_ISP_GAMMA_POINTS; i++) {
		const u32 x = 64 * i < raw_max ? 64 * i : raw_max;
		while (seg + 2 < n && x >= xs[seg + 1])
			seg++;
		const u32 x0 = xs[seg], x1 = xs[seg + 1];
		const s32 y0 = ys[seg], y1 = ys[seg + 1];
		s32 y = y0;
		if (x1 > x0 && x > x0) {
			const s32 num = (y1 - y0) * static_cast<s32>((x < x1 ? x : x1) - x0);
			const s32 dx = static_cast<s32>(x1 - x0);
			y = y0 + (num >= 0 ? (num + dx / 2) / dx : -((-num + dx / 2) / dx));
		}
		cfg.gamma[i] = static_cast<u16>(y < 0 ? 0 : y > 4095 ? 4095 : y);
	}
}

namespace {

/* A measurement window in cells, clipped to a frame of cw x ch cells. */
struct CellWin {
	u32 x0, y0, x1, y1; /* [x0, x1) x [y0, y1) */
	u32 px0, py0, pw, ph; /* the window in pixels (for grid blocks) */
};

CellWin cell_window(const rkisp1_cif_isp_window &w, u32 width, u32 height)
{
	CellWin c;
	const u32 cw = width / 2, ch = height / 2;
	const u32 l = w.h_offs < width ? w.h_offs : width;
	const u32 t = w.v_offs < height ? w.v_offs : height;
	const u32 r = l + (w.h_size < width - l ? w.h_size : width - l);
	const u32 b = t + (w.v_size < height - t ? w.v_size : height - t);
	/* Cells whose top-left photosite (2 cx, 2 cy) lies in [l, r) x [t, b). */
	c.x0 = (l + 1) / 2;
	c.y0 = (t + 1) / 2;
	c.x1 = (r + 1) / 2 < cw ? (r + 1) / 2 : cw;
	c.y1 = (b + 1) / 2 < ch ? (b + 1) / 2 : ch;
	if (c.x1 < c.x0)
		c.x1 = c.x0;
	if (c.y1 < c.y0)
		c.y1 = c.y0;
	c.px0 = l;
	c.py0 = t;
	c.pw = r - l;
	c.ph = b - t;
	return c;
}

/* The grid block (0..grid-1) of pixel coordinate p in a window from p0, size len. */
inline u32 grid_index(u32 p, u32 p0, u32 len, u32 grid)
{
	const u32 block = len / grid;
	if (!block)
		return 0;
	const u32 i = (p - p0) / block;
	return i < grid ? i : grid - 1;
}

inline u32 y_mode0(u32 r, u32 g, u32 b)
{
	const u32 y = 16 + ((64 * r + 128 * g + 28 * b) >> 8);
	return y > 255 ? 255 : y;
}

inline s32 clamp255(s32 v)
{
	return v < 0 ? 0 : v > 255 ? 255 : v;
}

} // namespace

int rk1_stats(const IspTables &t, const Rk1State &s, Rk1Rev rev, const RawFrame &in,
	      rkisp1_stat_buffer *out, Rk1Scratch &scratch)
{
	if (!out || !in.data || in.width < 2 || in.height < 2 || in.width > max_side ||
	    in.height > max_side || in.stride < in.width)
		return -EINVAL;
	__builtin_memset(out, 0, sizeof(*out));
	const bool aec = s.enabled & RKISP1_CIF_ISP_MODULE_AEC;
	const bool awb = (s.enabled & RKISP1_CIF_ISP_MODULE_AWB) &&
			 s.awb.awb_mode != RKISP1_CIF_ISP_AWB_MODE_MANUAL;
	const bool hst = (s.enabled & RKISP1_CIF_ISP_MODULE_HST) &&
			 s.hst.mode != RKISP1_CIF_ISP_HISTOGRAM_MODE_DISABLE;
	const u32 grid = rk1_grid(rev), bins = rk1_hist_bins(rev);
	const CellWin wa = cell_window(s.aec.meas_window, in.width, in.height);
	const CellWin wb = cell_window(s.awb.awb_wnd, in.width, in.height);
	const CellWin wh = cell_window(s.hst.meas_window, in.width, in.height);
	const u32 step = s.hst.histogram_predivider ? s.hst.histogram_predivider : 1;
	const bool ymax = s.awb.enable_ymax_cmp;
	u32 *ae_sum = scratch.ae_sum, *ae_n = scratch.ae_n;
	__builtin_memset(&scratch, 0, sizeof(scratch));
	u64 awb_sum[3] = {};
	u32 awb_n = 0;
	u32 *hist = out->params.hist.hist_bins;
	const Channel c00 = site_channel(in.order, 0, 0), c10 = site_channel(in.order, 1, 0),
		      c01 = site_channel(in.order, 0, 1), c11 = site_channel(in.order, 1, 1);
	const u32 cw = in.width / 2, ch = in.height / 2;

	for (u32 cy = 0; cy < ch; cy++) {
		const u16 *r0 = in.data + static_cast<u64>(2 * cy) * in.stride;
		const u16 *r1 = r0 + in.stride;
		const bool in_a = aec && cy >= wa.y0 && cy < wa.y1;
		const bool in_b = awb && cy >= wb.y0 && cy < wb.y1;
		const bool in_h = hst && cy >= wh.y0 && cy < wh.y1 && (cy - wh.y0) % step == 0;
		if (!in_a && !in_b && !in_h)
			continue;
		for (u32 cx = 0; cx < cw; cx++) {
			const bool a = in_a && cx >= wa.x0 && cx < wa.x1;
			const bool w = in_b && cx >= wb.x0 && cx < wb.x1;
			const bool h =
				in_h && cx >= wh.x0 && cx < wh.x1 && (cx - wh.x0) % step == 0;
			if (!a && !w && !h)
				continue;
			/* The cell's linear RGB after BLS and gains (G: the mean of both). */
			u32 v[3] = { 0, 0, 0 };
			v[c00] += t.blc_wb[c00][r0[2 * cx] & raw_max];
			v[c10] += t.blc_wb[c10][r0[2 * cx + 1] & raw_max];
			v[c01] += t.blc_wb[c01][r1[2 * cx] & raw_max];
			v[c11] += t.blc_wb[c11][r1[2 * cx + 1] & raw_max];
			v[ch_g] = (v[ch_g] + 1) / 2;
			s32 lin[3] = { static_cast<s32>(v[0]), static_cast<s32>(v[1]),
				       static_cast<s32>(v[2]) };
			if (!t.ccm_identity) {
				s32 o[3];
				for (u32 i = 0; i < 3; i++) {
					s32 sum = t.ccm[3 * i] * lin[0] +
						  t.ccm[3 * i + 1] * lin[1] +
						  t.ccm[3 * i + 2] * lin[2] + 512;
					sum >>= 10;
					o[i] = sum < 0 ? 0 : sum > 4095 ? 4095 : sum;
				}
				lin[0] = o[0];
				lin[1] = o[1];
				lin[2] = o[2];
			}
			const u32 R = lin[0] >> 4, G = lin[1] >> 4, B = lin[2] >> 4;
			if (a) {
				const u32 px = 2 * cx, py = 2 * cy;
				const u32 i = grid_index(py, wa.py0, wa.ph, grid) * grid +
					      grid_index(px, wa.px0, wa.pw, grid);
				ae_sum[i] += s.aec.mode == RKISP1_CIF_ISP_EXP_MEASURING_MODE_1 ?
						     (85 * (R + G + B)) >> 8 :
						     y_mode0(R, G, B);
				ae_n[i]++;
			}
			if (w) {
				if (s.awb.awb_mode == RKISP1_CIF_ISP_AWB_MODE_RGB) {
					if (R <= s.awb.awb_ref_cr && G <= s.awb.min_y &&
					    B <= s.awb.awb_ref_cb) {
						awb_sum[0] += R;
						awb_sum[1] += G;
						awb_sum[2] += B;
						awb_n++;
					}
				} else {
					const s32 r = R, g = G, b = B;
					const s32 y = y_mode0(R, G, B);
					const s32 cb =
						clamp255(128 + ((-36 * r - 76 * g + 112 * b) >> 8));
					const s32 cr =
						clamp255(128 + ((112 * r - 96 * g - 16 * b) >> 8));
					const s32 csum = (cb > 128 ? cb - 128 : 128 - cb) +
							 (cr > 128 ? cr - 128 : 128 - cr);
					if (y >= s.awb.min_y && (!ymax || y <= s.awb.max_y) &&
					    csum <= s.awb.max_csum) {
						awb_sum[0] += static_cast<u32>(y);
						awb_sum[1] += static_cast<u32>(cb);
						awb_sum[2] += static_cast<u32>(cr);
						awb_n++;
					}
				}
			}
			if (h) {
				const u32 px = 2 * cx, py = 2 * cy;
				const u32 wt =
					s.hst.hist_weight[grid_index(py, wh.py0, wh.ph, grid) *
								  grid +
							  grid_index(px, wh.px0, wh.pw, grid)];
				u32 vals[3];
				u32 nv = 1;
				switch (s.hst.mode) {
				case RKISP1_CIF_ISP_HISTOGRAM_MODE_RGB_COMBINED:
					vals[0] = R;
					vals[1] = G;
					vals[2] = B;
					nv = 3;
					break;
				case RKISP1_CIF_ISP_HISTOGRAM_MODE_R_HISTOGRAM:
					vals[0] = R;
					break;
				case RKISP1_CIF_ISP_HISTOGRAM_MODE_G_HISTOGRAM:
					vals[0] = G;
					break;
				case RKISP1_CIF_ISP_HISTOGRAM_MODE_B_HISTOGRAM:
					vals[0] = B;
					break;
				default:
					vals[0] = y_mode0(t.gamma[lin[0]], t.gamma[lin[1]],
							  t.gamma[lin[2]]);
					break;
				}
				for (u32 k = 0; k < nv; k++) {
					u32 &bin = hist[vals[k] * bins / 256];
					bin = bin + wt > 0xfffff ? 0xfffff : bin + wt;
				}
			}
		}
	}
	if (aec) {
		out->meas_type |= RKISP1_CIF_ISP_STAT_AUTOEXP;
		for (u32 i = 0; i < grid * grid; i++)
			out->params.ae.exp_mean[i] =
				static_cast<u8>(ae_n[i] ? ae_sum[i] / ae_n[i] : 0);
	}
	if (awb) {
		out->meas_type |= RKISP1_CIF_ISP_STAT_AWB;
		rkisp1_cif_isp_awb_meas &m = out->params.awb.awb_mean[0];
		m.cnt = awb_n;
		if (awb_n) {
			/* (R, G, B) -> cr_or_r, y_or_g, cb_or_b; (Y, Cb, Cr) likewise. */
			const bool rgb = s.awb.awb_mode == RKISP1_CIF_ISP_AWB_MODE_RGB;
			m.mean_y_or_g = static_cast<u8>(awb_sum[rgb ? 1 : 0] / awb_n);
			m.mean_cb_or_b = static_cast<u8>(awb_sum[rgb ? 2 : 1] / awb_n);
			m.mean_cr_or_r = static_cast<u8>(awb_sum[rgb ? 0 : 2] / awb_n);
		}
	}
	if (hst)
		out->meas_type |= RKISP1_CIF_ISP_STAT_HIST;
	return 0;
}

} // namespace vcam::frame
