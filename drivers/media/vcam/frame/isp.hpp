/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam frame library: the ISP. From a 12-bit raw Bayer frame to an 8-bit
 * packed 4:4:4 frame of the same size, in this order:
 *
 *   1. black level subtraction, rescaled to full range   (12-bit -> 12-bit)
 *   2. white-balance gain of the site's colour            (12-bit -> 12-bit)
 *   3. bilinear debayer to RGB                            (12-bit RGB)
 *   4. 3x3 colour correction matrix, clamped              (12-bit RGB)
 *   5. gamma LUT                                          (12-bit -> 8-bit R'G'B')
 *   6. optionally R'G'B' -> Y'CbCr (BT.601/BT.709, full/limited range)
 *
 * and, in the same pass, the statistics of struct vcam_isp_stats (AWB zone
 * sums after step 1, the luma histogram after step 5).
 *
 * Steps 1+2 and 5 are lookup tables built once per parameter change
 * (isp_build_tables()), so the per-pixel work is two table lookups per raw
 * sample, the debayer adds, the CCM's nine multiplies (skipped for the
 * identity) and one gamma lookup per component; the Y'CbCr conversion is
 * three sums of per-component product tables (the Q16 matrix's nine
 * multiplies, precomputed). There is no division and no indirect call per
 * pixel.
 */
#pragma once

#include "frame.hpp"
#include "sensor.hpp"
#include <uapi/linux/vcam-config.h>

namespace vcam::frame {

static_assert(sizeof(vcam_isp_params) == 168);
static_assert(__builtin_offsetof(vcam_isp_params, black_level) == 8);
static_assert(__builtin_offsetof(vcam_isp_params, ccm) == 16);
static_assert(__builtin_offsetof(vcam_isp_params, gamma) == 36);
static_assert(sizeof(vcam_isp_stats_zone) == 24);
static_assert(sizeof(vcam_isp_stats) == 5656);
static_assert(__builtin_offsetof(vcam_isp_stats, zones) == 24);
static_assert(__builtin_offsetof(vcam_isp_stats, hist) == 4632);

/*
 * Output encoding of step 6. rgb: no conversion, the output is R'G'B'.
 * Otherwise Y'CbCr from the 8-bit R'G'B' with the standard's Kr/Kb
 * (BT.601: 0.299/0.114, BT.709: 0.2126/0.0722):
 *   full range:    Y' = Kr R' + Kg G' + Kb B',  Cb/Cr = 128 + (B'/R' - Y') / (2 (1 - Kb/Kr))
 *   limited range: Y' = 16 + 219/255 Y'full,    Cb/Cr = 128 + 224/255 (Cb/Cr full - 128)
 * computed with Q16 coefficients, rounded to nearest, clamped to 0..255.
 */
enum class Encoding : u8 { rgb, bt601_full, bt601_limited, bt709_full, bt709_limited };

constexpr Packed3Kind encoding_kind(Encoding e)
{
	return e == Encoding::rgb ? Packed3Kind::rgb : Packed3Kind::ycbcr;
}

/*
 * The ISP's current settings: the parameter blocks of struct vcam_isp_params
 * (same units, see include/uapi/linux/vcam-config.h) plus the output encoding, which comes from the
 * output format rather than from userspace parameters.
 */
struct IspConfig {
	u16 black_level;
	/*
	 * Step 1 rescales to full range (true, vcam's ISP) or only subtracts
	 * (false: out = max(in - bl, 0), the rkisp1 personality's BLS).
	 */
	bool blc_rescale;
	u16 wb_gain[3];
	s16 ccm[9];
	u16 gamma[VCAM_ISP_GAMMA_POINTS];
	Encoding encoding;
};

/* The sRGB transfer function as a gamma curve (see vcam_isp_params::gamma). */
extern const u16 srgb_gamma_curve[VCAM_ISP_GAMMA_POINTS];

/*
 * Black level 0 (rescaled), unity gains, identity CCM, sRGB gamma, the given
 * encoding.
 */
void isp_default_config(IspConfig &cfg, Encoding enc);

/*
 * Merge a parameter buffer of `bytes` bytes into cfg: only the blocks in
 * p->valid change. All or nothing: -EINVAL (cfg unchanged) for a short
 * buffer, a wrong version, unknown valid bits, nonzero reserved fields, or
 * a value out of range (black level > 4094, gamma point > 4095). Reads *p
 * more than once (validation, then the merge): p must be memory nobody else
 * writes meanwhile, a copy, never a buffer userspace has mapped.
 */
int isp_apply_params(IspConfig &cfg, const vcam_isp_params *p, size_t bytes);

/*
 * Per-configuration tables, built by isp_build_tables() (about 220 KiB: the
 * caller allocates it, typically once per stream, and rebuilds it when the
 * configuration changes; reading it from several threads is fine).
 *   blc[v]: step 1 of raw sample v
 *   wb[c][v]: step 2 of black-corrected sample v of colour c
 *   blc_wb[c][v]: steps 1+2 of raw sample v of colour c (wb[c][blc[v]])
 *   blc_wb_identity: blc_wb is the identity (black level 0, unity gains)
 *   gamma[v]: step 5 of linear 12-bit v
 *   ccm: the matrix, Q6.10; ccm_identity skips step 4
 *   csc: the Y'CbCr matrix, Q16, rows Y', Cb, Cr; csc_offset: 16/128/128
 *   in Q16 plus the rounding half
 *   csc_yc[c][v], csc_cr[c][v]: the same matrix as per-component products,
 *   so that step 6 is three table sums: for 8-bit component c (R', G', B')
 *   of value v, the Y' term csc[c] * v in the low 32 bits of csc_yc and the
 *   Cb term csc[3 + c] * v in the high 32 bits, the Cr term csc[6 + c] * v
 *   in csc_cr; the offsets are folded into c = 0. The Y' terms are never
 *   negative, so a sum of three csc_yc entries holds the Y' sum in its low
 *   half and the Cb sum (mod 2^32) in its high half.
 *   lin_yc[c][v], lin_cr[c][v]: csc_yc and csc_cr of gamma[v], so that
 *   steps 5+6 are one lookup per component of the linear 12-bit pixel (the
 *   path without statistics, which need the 8-bit R'G'B' for the histogram)
 */
struct IspTables {
	u16 blc[raw_max + 1];
	u16 wb[3][raw_max + 1];
	u16 blc_wb[3][raw_max + 1];
	bool blc_wb_identity; /* blc_wb[c][v] == v throughout: steps 1+2 are a copy */
	u8 gamma[raw_max + 1];
	s32 ccm[9];
	bool ccm_identity;
	Encoding encoding;
	s32 csc[9];
	s32 csc_offset[3];
	bool chroma_max_255; /* Cb and Cr never above 255 (no clamp): limited range */
	u64 csc_yc[3][256];
	s32 csc_cr[3][256];
	u64 lin_yc[3][raw_max + 1];
	s32 lin_cr[3][raw_max + 1];
};

void isp_build_tables(const IspConfig &cfg, IspTables &t);

/* Scratch memory isp_process() and debayer_frame() need for a given width. */
constexpr size_t isp_scratch_bytes(u32 width)
{
	return (3 * (static_cast<size_t>(width) + 2) + 3 * static_cast<size_t>(width)) *
	       sizeof(u16);
}

/*
 * Run the ISP on in (width, height >= 2) into out (same size, kind matching
 * t.encoding, bytesperline >= 3 * width). stats may be NULL; otherwise it is
 * filled entirely (sequence 0: the driver sets it). scratch: at least
 * isp_scratch_bytes(in.width) bytes, 2-byte aligned.
 */
int isp_process(const IspTables &t, const RawFrame &in, const Packed3Frame &out,
		vcam_isp_stats *stats, void *scratch, size_t scratch_bytes);

/* Capture formats IspPass::row_direct() writes (see resize.hpp's OutFormat). */
enum class DirectFormat : u8 { yuyv, uyvy, nv12, nv16 };

/*
 * isp_process() one output row at a time, top to bottom, so that a caller
 * can hand each row on while it is in the cache (a 1:1 resizer packs it into
 * the capture format at once) and stop between rows (a frame abandoned at
 * stop). begin() checks what isp_process() checks of the input, the tables
 * and the scratch memory (the output's kind: @kind) and zeroes @stats; then
 * the n-th call of row() writes output row n (3 * in.width bytes), and
 * @stats is complete after the last row. The same bytes as isp_process().
 *
 * @two_above: where the caller keeps output row n - 2 as row() or
 * row_pairs() wrote it (NULL: not kept). Where that row's three input lines
 * (after steps 1+2) were the same as this one's, as in test patterns with
 * uniform columns, the row is copied from there (nothing to copy if it is
 * @out itself) instead of computed: the same bytes. Never with statistics.
 */
class IspPass {
public:
	/*
	 * @rows: if not NULL, the input rows are rendered on demand from it
	 * straight into the pass's line buffers (in.data is not read and may
	 * be NULL; @rows must render in.width x in.height): the same bytes
	 * as on the frame sensor_render() makes, with no frame written or
	 * read. @rows must stay valid for the pass.
	 */
	int begin(const IspTables &t, const RawFrame &in, Packed3Kind kind, vcam_isp_stats *stats,
		  void *scratch, size_t scratch_bytes, const SensorRows *rows = nullptr);
	void row(u8 *out, const u8 *two_above = nullptr);
	/*
	 * Instead of row(): the row as YUYV (UYVY if @uyvy), 2 * in.width bytes,
	 * exactly what resize_write_row() makes of row()'s output in that format.
	 * Only if can_pair(): a Y'CbCr encoding and an even width.
	 */
	bool can_pair() const;
	void row_pairs(u8 *out, bool uyvy, const u8 *two_above = nullptr);
	/*
	 * Instead of row(): the row straight in capture format @f, exactly
	 * what resize_write_row() makes of row()'s output at 1:1, as output
	 * row j, j counting the calls of row_direct() from 0 (so the calls
	 * must be consecutive rows, starting at an even one; only if
	 * can_pair()). YUYV, UYVY: 2 * in.width bytes at @luma. NV16:
	 * in.width bytes of luma at @luma, of chroma at @chroma. NV12:
	 * in.width bytes of luma at @luma and, for odd j, the chroma row j / 2
	 * at @chroma (of rows j - 1 and j: the pass keeps the even row's
	 * chroma sums in its scratch memory). @luma_above, @chroma_above:
	 * where output row j - 2 and its chroma row (NV12: chroma row
	 * j / 2 - 1) are, as this call wrote them, for the row-repeat
	 * shortcut of row() (NULL: not kept).
	 */
	void row_direct(DirectFormat f, u8 *luma, u8 *chroma, const u8 *luma_above = nullptr,
			const u8 *chroma_above = nullptr);
	/* No more statistics from the next row on (their buffer was taken back). */
	void drop_stats()
	{
		stats_ = nullptr;
		hist_ = nullptr;
	}
	/* The next row row() writes. */
	u32 next_row() const { return y_; }

private:
	void fill(u32 r);
	void advance(u32 y);
	bool repeats(u32 y) const;

	const IspTables *t_ = nullptr;
	RawFrame in_ = {};
	const SensorRows *rows_ = nullptr;
	u32 y_ = 0;
	u16 *slot_[3] = {};
	vcam_isp_stats *stats_ = nullptr;
	u32 *hist_ = nullptr;
	u32 zx_[VCAM_ISP_STATS_ZONE_COLS + 1] = {};
	u32 zone_row_ = 0, zone_row_end_ = 0;
	bool same_[3] = {}; /* per ring slot: its line equals the one two rows above */
	u8 *acc_ = nullptr; /* row_direct(), NV12: the even row's chroma sums, 4 bytes a pair */
	u32 j_ = 0; /* row_direct(): the next output row */
	bool repeated_ = false; /* row_direct(): the last row was a repeat */
};

/*
 * Stages, exposed for tests and for pipelines that need only part of the ISP.
 */

/* Steps 1+2 on one raw row whose even/odd sites have colours ce/co. */
void isp_blc_wb_row(const IspTables &t, const u16 *in, u32 width, Channel ce, Channel co, u16 *out);

/*
 * Step 3 alone on a whole frame (no other step): rgb receives 3 samples per
 * pixel (R, G, B), row y at rgb + y * rgb_stride (in samples, >= 3 * width).
 * Bilinear: a site's own colour is kept; at an R or B site, G is the mean of
 * the 4 orthogonal neighbours and the opposite colour the mean of the 4
 * diagonal ones; at a G site, the row's other colour is the mean of the
 * left/right neighbours and the column's the mean of the up/down ones
 * (means rounded to nearest). Borders: the frame is extended by mirroring
 * about its edge samples (x = -1 reads x = 1, x = width reads width - 2),
 * which keeps the CFA phase, so a flat field stays flat to the edges.
 */
int debayer_frame(const RawFrame &in, u16 *rgb, u32 rgb_stride, void *scratch,
		  size_t scratch_bytes);

/* Step 4 in place on n pixels of 12-bit RGB. */
void isp_ccm_row(const IspTables &t, u16 *rgb, u32 n);

/* Steps 5 and 6 on n pixels: 12-bit RGB in, 3 bytes per pixel out. */
void isp_output_row(const IspTables &t, const u16 *rgb, u32 n, u8 *out);

} // namespace vcam::frame
