/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam frame library: the Rockchip ISP1 personality's parameters and
 * statistics, in the rkisp1 uAPI (<linux/rkisp1-config.h>).
 *
 * Parameters: the legacy fixed buffer (V4L2_META_FMT_RK_ISP1_PARAMS, "RK1P",
 * struct rkisp1_params_cfg) and the extensible one
 * (V4L2_META_FMT_RK_ISP1_EXT_PARAMS, "RK1E", struct rkisp1_ext_params_cfg)
 * both update one Rk1State: which blocks are enabled and the configuration of
 * the blocks vcam models. rk1_isp_config() turns that state into the ISP
 * settings of isp.hpp; rk1_stats() measures a raw frame the way the
 * configured measurement blocks do and fills struct rkisp1_stat_buffer
 * ("RK1S").
 *
 * What each modelled block does (the rkisp1 hardware semantics, on vcam's
 * 12-bit pipeline):
 *   BLS       fixed subtraction (enable_auto = 0) of one level, the mean of
 *             fixed_val.r/gr/gb/b, clamped to 0..4094; no rescale (the
 *             hardware subtracts only). enable_auto (measured black level)
 *             is not modelled: the block then subtracts nothing.
 *   AWB_GAIN  gains Q2.8 (10 bits, 0x100 = 1.0) on R, G (gain_green_r) and B.
 *   CTK       3x3 matrix, 11-bit two's complement Q4.7 (0x80 = 1.0);
 *             ct_offset is not modelled.
 *   GOC       the output tone curve: gamma_y (10-bit outputs) at the
 *             logarithmic (dx 64 x4, 128 x4, 256 x3, 512 x5) or equidistant
 *             (dx 4096 / (samples - 1)) inputs, linearly interpolated. With
 *             GOC disabled the output is linear (12-bit >> 4).
 *   AWB       white-balance means (measurement): see rk1_stats().
 *   HST       histogram (measurement).
 *   AEC       auto-exposure mean grid (measurement).
 * Every other block (DPCC, SDG, LSC, FLT, BDM, DPF, DPF_STRENGTH, CPROC,
 * AFC, IE, WDR) is accepted and its enable bit tracked, but it does not
 * change the image or the statistics.
 */
#pragma once

#include <linux/rkisp1-config.h>

#include "isp.hpp"

namespace vcam::frame {

/* The hardware revisions vcam models (struct media_device_info::hw_revision). */
enum class Rk1Rev : u8 { v10 = RKISP1_V10, v12 = RKISP1_V12 };

/* Grid sides of the AE means and histogram weights: 5x5 (V10), 9x9 (V12). */
constexpr u32 rk1_grid(Rk1Rev r)
{
	return r == Rk1Rev::v12 ? 9 : 5;
}

constexpr u32 rk1_hist_bins(Rk1Rev r)
{
	return r == Rk1Rev::v12 ? RKISP1_CIF_ISP_HIST_BIN_N_MAX_V12 :
				  RKISP1_CIF_ISP_HIST_BIN_N_MAX_V10;
}

constexpr u32 rk1_goc_samples(Rk1Rev r)
{
	return r == Rk1Rev::v12 ? RKISP1_CIF_ISP_GAMMA_OUT_MAX_SAMPLES_V12 :
				  RKISP1_CIF_ISP_GAMMA_OUT_MAX_SAMPLES_V10;
}

/* Every RKISP1_CIF_ISP_MODULE_* bit (DPCC .. DPF_STRENGTH). */
inline constexpr u32 rk1_modules_all = (RKISP1_CIF_ISP_MODULE_DPF_STRENGTH << 1) - 1;

/* The extensible block types of RK1E (RKISP1_EXT_PARAMS_BLOCK_TYPE_*). */
inline constexpr u32 rk1_ext_block_types = RKISP1_EXT_PARAMS_BLOCK_TYPE_COMPAND_COMPRESS + 1;

/*
 * The blocks a V10/V12 ISP has: every extensible type but the companding
 * ones (i.MX8MP only). The value of RKISP1_CID_SUPPORTED_PARAMS_BLOCKS.
 */
inline constexpr u32 rk1_ext_blocks_v10 = (1u << RKISP1_EXT_PARAMS_BLOCK_TYPE_COMPAND_BLS) - 1;

/* What the parameter buffers have configured (see the top of this file). */
struct Rk1State {
	u32 enabled; /* RKISP1_CIF_ISP_MODULE_* bits */
	rkisp1_cif_isp_bls_config bls;
	rkisp1_cif_isp_awb_gain_config awb_gain;
	rkisp1_cif_isp_ctk_config ctk;
	rkisp1_cif_isp_goc_config goc;
	rkisp1_cif_isp_awb_meas_config awb;
	rkisp1_cif_isp_hst_config hst;
	rkisp1_cif_isp_aec_config aec;
};

/* Every block disabled, every configuration zero. */
void rk1_default_state(Rk1State &s);

/*
 * What the rkisp1 driver configures when a stream starts, before the first
 * parameter buffer: the AWB (YCbCr, Y 15..230, chroma sum 250, reference
 * 128/128), AEC (mode 0) and histogram (RGB combined, predivider 3, weights
 * 16) measurements enabled over the whole frame, every other block
 * disabled. So the first frames' statistics have measurements to report.
 */
void rk1_stream_defaults(Rk1State &s);

/*
 * Merge a legacy parameter buffer of `bytes` bytes: for each module bit set in
 * module_cfg_update the block's configuration is taken (the modelled ones),
 * for each bit set in module_en_update the block is enabled or disabled as
 * module_ens says. All or nothing: -EINVAL (s unchanged) for a buffer shorter
 * than struct rkisp1_params_cfg, a module bit past DPF_STRENGTH, or a mode
 * field out of its enum (GOC, HST, AEC, AWB) in a block being updated. Reads
 * *p more than once: p must be a private copy.
 */
int rk1_apply_legacy(Rk1State &s, Rk1Rev rev, const rkisp1_params_cfg *p, size_t bytes);

/*
 * Merge an extensible parameter buffer of `bytes` bytes (at least the 8-byte
 * header; data_size bytes of blocks after it). Each block: a header whose
 * type is one of rk1_ext_block_types with its bit set in `supported`, whose
 * size is that type's struct (struct rkisp1_ext_params_*_config as 6.12
 * defines it, or that size rounded up to 8, as headers aligned to 8 bytes
 * make it), whose flags are at most one of FL_BLOCK_ENABLE and
 * FL_BLOCK_DISABLE. DISABLE disables the block (its body ignored); otherwise
 * the body is its configuration and ENABLE enables it. All or nothing:
 * -EINVAL (s unchanged) for a wrong version, a data_size past the buffer or
 * RKISP1_EXT_PARAMS_MAX_SIZE, a block overrunning data_size, or any bad
 * block. Reads the buffer more than once: it must be a private copy.
 */
int rk1_apply_ext(Rk1State &s, Rk1Rev rev, const void *buf, size_t bytes, u32 supported);

/* The ISP settings (isp.hpp) the state gives, for output encoding enc. */
void rk1_isp_config(const Rk1State &s, Rk1Rev rev, Encoding enc, IspConfig &cfg);

/*
 * The statistics of raw frame in (the ISP's input window, at least 2x2)
 * processed with tables t (built from rk1_isp_config() of s), as the enabled
 * measurement blocks of s see it. out is filled entirely: meas_type has
 * RKISP1_CIF_ISP_STAT_AWB, _AUTOEXP and _HIST for the enabled AWB, AEC and HST
 * blocks, frame_id 0 (the driver sets it), and the other fields zero.
 *
 * The measurement sees the frame as 2x2 Bayer cells, each one pixel at its
 * top-left photosite: R, G (the mean of the two greens) and B after BLS, AWB
 * gains and CTK (the linear 12-bit values), taken to 8 bits (>> 4). A window
 * (x, y, w, h in frame pixels) holds the cells whose top-left photosite lies
 * in it, clipped to the frame.
 *   AEC: the window is cut into a grid (rk1_grid() squared) of blocks of
 *        w / grid x h / grid pixels from its top-left; exp_mean[i] (row
 *        major) is the mean over the block's cells of
 *        mode 0: Y = 16 + (64 R + 128 G + 28 B) / 256 (clamped to 255),
 *        mode 1: Y = 85 (R + G + B) / 256, rounded down.
 *   AWB: over awb_wnd, mode RGB: cells with R <= awb_ref_cr, G <= min_y and
 *        B <= awb_ref_cb count; mode YCBCR: Y = 16 + (64 R + 128 G + 28 B)/256,
 *        Cb = 128 + (-36 R - 76 G + 112 B)/256, Cr = 128 + (112 R - 96 G -
 *        16 B)/256 (rounded down), cells with min_y <= Y, Y <= max_y (if
 *        enable_ymax_cmp) and |Cb - 128| + |Cr - 128| <= max_csum count
 *        (min_c is not modelled). awb_mean[0]: cnt and the rounded-down means
 *        of the counted cells' (R, G, B) or (Y, Cb, Cr); mode MANUAL measures
 *        nothing.
 *   HST: over meas_window, every predivider-th cell column and row (at least
 *        1), each cell weighted by the hist_weight of its grid sub-window:
 *        RGB_COMBINED counts R, G and B, R/G/B_HISTOGRAM one channel,
 *        Y_HISTOGRAM the mode-0 Y of the gamma (GOC) output; the value v
 *        (0..255) goes to bin v * bins / 256, which grows by the weight
 *        (bins are 20-bit, saturating).
 * scratch: the sums of the AE blocks (the caller's memory, as every buffer of
 * this library). Returns -EINVAL for a bad frame.
 */
struct Rk1Scratch {
	u32 ae_sum[RKISP1_CIF_ISP_AE_MEAN_MAX];
	u32 ae_n[RKISP1_CIF_ISP_AE_MEAN_MAX];
};

int rk1_stats(const IspTables &t, const Rk1State &s, Rk1Rev rev, const RawFrame &in,
	      rkisp1_stat_buffer *out, Rk1Scratch &scratch);

} // namespace vcam::frame
