// SPDX-License-Identifier: GPL-2.0
/*
 * vcam frame library: the ISP (see isp.hpp). One pass over the frame: each
 * raw row is black-level and white-balance corrected (and summed into the
 * AWB zones) into a ring of three padded line buffers; the middle one is
 * debayered pixel by pixel, and each pixel goes on in registers through the
 * CCM, the gamma LUT and the optional Y'CbCr conversion into the output row.
 */
#include "isp.hpp"

namespace vcam::frame {

/* round(4095 * srgb(min(64 i, 4095) / 4095)), srgb the IEC 61966-2-1 curve. */
const u16 srgb_gamma_curve[VCAM_ISP_GAMMA_POINTS] = {
	0,    539,  794,  982,	1136, 1268, 1386, 1493, 1591, 1683, 1768, 1849, 1926,
	1999, 2068, 2135, 2200, 2262, 2322, 2380, 2436, 2491, 2544, 2596, 2646, 2695,
	2743, 2790, 2836, 2882, 2926, 2969, 3012, 3053, 3094, 3135, 3174, 3213, 3252,
	3290, 3327, 3364, 3400, 3436, 3471, 3506, 3540, 3574, 3607, 3640, 3673, 3705,
	3737, 3769, 3800, 3831, 3862, 3892, 3922, 3951, 3981, 4010, 4039, 4067, 4095,
};

namespace {

/*
 * Q16 R'G'B' -> Y'CbCr matrices (rows Y', Cb, Cr), from the formulas in
 * isp.hpp, rounded; the Cb and Cr rows are adjusted on G to sum to exactly 0
 * so that greys give 128.
 */
constexpr s32 csc_601_full[9] = { 19595, 38470, 7471, -11058, -21710, 32768, 32768, -27439, -5329 };
constexpr s32 csc_601_limited[9] = {
	16829, 33039, 6416, -9714, -19070, 28784, 28784, -24103, -4681
};
constexpr s32 csc_709_full[9] = { 13933, 46871, 4732, -7509, -25259, 32768, 32768, -29763, -3005 };
constexpr s32 csc_709_limited[9] = {
	11966, 40254, 4064, -6596, -22188, 28784, 28784, -26145, -2639
};

/*
 * The range of (m[3k] R' + m[3k+1] G' + m[3k+2] B' + off) >> 16 over 8-bit
 * R'G'B' lies in [lo, hi] iff this holds: each term is extreme on its own.
 */
constexpr bool csc_row_within(const s32 *m, u32 k, s32 off, s32 lo, s32 hi)
{
	s32 neg = off, pos = off;
	for (u32 j = 3 * k; j < 3 * k + 3; j++)
		(m[j] < 0 ? neg : pos) += 255 * m[j];
	return neg >> 16 >= lo && pos >> 16 <= hi;
}

/*
 * What the packed tables of isp_build_tables() rely on: Y' never needs
 * clamping and its terms are never negative (so the low half of csc_yc
 * never borrows from the high half); Cb and Cr never go below 0, only above
 * 255 (by at most 1, at the saturated corners).
 */
constexpr bool csc_ranges_ok(const s32 *m, s32 yoff)
{
	return m[0] >= 0 && m[1] >= 0 && m[2] >= 0 &&
	       csc_row_within(m, 0, (yoff << 16) + (1 << 15), 0, 255) &&
	       csc_row_within(m, 1, (128 << 16) + (1 << 15), 0, 256) &&
	       csc_row_within(m, 2, (128 << 16) + (1 << 15), 0, 256);
}

static_assert(csc_ranges_ok(csc_601_full, 0) && csc_ranges_ok(csc_601_limited, 16) &&
	      csc_ranges_ok(csc_709_full, 0) && csc_ranges_ok(csc_709_limited, 16));
/* The limited-range matrices' Cb and Cr never exceed 255 (no clamp needed). */
static_assert(csc_row_within(csc_601_limited, 1, (128 << 16) + (1 << 15), 0, 255) &&
	      csc_row_within(csc_601_limited, 2, (128 << 16) + (1 << 15), 0, 255) &&
	      csc_row_within(csc_709_limited, 1, (128 << 16) + (1 << 15), 0, 255) &&
	      csc_row_within(csc_709_limited, 2, (128 << 16) + (1 << 15), 0, 255));

constexpr u32 clamp12(s32 v)
{
	return v < 0 ? 0 : v > static_cast<s32>(raw_max) ? raw_max : static_cast<u32>(v);
}

} // namespace

void isp_default_config(IspConfig &cfg, Encoding enc)
{
	cfg.black_level = 0;
	cfg.blc_rescale = true;
	for (u16 &g : cfg.wb_gain)
		g = 256;
	for (u32 i = 0; i < 9; i++)
		cfg.ccm[i] = (i % 4 == 0) ? 1024 : 0;
	for (u32 i = 0; i < VCAM_ISP_GAMMA_POINTS; i++)
		cfg.gamma[i] = srgb_gamma_curve[i];
	cfg.encoding = enc;
}

int isp_apply_params(IspConfig &cfg, const vcam_isp_params *p, size_t bytes)
{
	if (!p || bytes < sizeof(*p) || p->version != VCAM_ISP_PARAMS_VERSION ||
	    (p->valid & ~VCAM_ISP_BLOCK_ALL) || p->reserved1 || p->reserved2)
		return -EINVAL;
	if ((p->valid & VCAM_ISP_BLOCK_BLC) && p->black_level >= raw_max)
		return -EINVAL;
	if (p->valid & VCAM_ISP_BLOCK_GAMMA)
		for (u16 v : p->gamma)
			if (v > raw_max)
				return -EINVAL;
	if (p->valid & VCAM_ISP_BLOCK_BLC)
		cfg.black_level = p->black_level;
	if (p->valid & VCAM_ISP_BLOCK_WB)
		for (u32 i = 0; i < 3; i++)
			cfg.wb_gain[i] = p->wb_gain[i];
	if (p->valid & VCAM_ISP_BLOCK_CCM)
		for (u32 i = 0; i < 9; i++)
			cfg.ccm[i] = p->ccm[i];
	if (p->valid & VCAM_ISP_BLOCK_GAMMA)
		for (u32 i = 0; i < VCAM_ISP_GAMMA_POINTS; i++)
			cfg.gamma[i] = p->gamma[i];
	return 0;
}

void isp_build_tables(const IspConfig &cfg, IspTables &t)
{
	const u32 bl = cfg.black_level < raw_max ? cfg.black_level : raw_max - 1;
	const u32 span = raw_max - bl;
	for (u32 v = 0; v <= raw_max; v++)
		t.blc[v] =
			v <= bl ? 0 :
			!cfg.blc_rescale ?
				  v - bl :
				  clamp12(static_cast<s32>(((v - bl) * raw_max + span / 2) / span));
	for (u32 c = 0; c < 3; c++)
		for (u32 v = 0; v <= raw_max; v++) {
			u32 r = (v * cfg.wb_gain[c] + 128) >> 8;
			t.wb[c][v] = r > raw_max ? raw_max : r;
		}
	t.blc_wb_identity = true;
	for (u32 c = 0; c < 3; c++)
		for (u32 v = 0; v <= raw_max; v++) {
			t.blc_wb[c][v] = t.wb[c][t.blc[v]];
			t.blc_wb_identity &= t.blc_wb[c][v] == v;
		}
	/* Gamma: piecewise linear through the control points, then to 8 bits. */
	for (u32 i = 0; i + 1 < VCAM_ISP_GAMMA_POINTS; i++) {
		const u32 x0 = 64 * i, x1 = 64 * (i + 1) < raw_max ? 64 * (i + 1) : raw_max;
		const s32 y0 = cfg.gamma[i], y1 = cfg.gamma[i + 1];
		const s32 dx = static_cast<s32>(x1 - x0);
		for (u32 x = x0; x <= x1; x++) {
			s32 num = (y1 - y0) * static_cast<s32>(x - x0);
			s32 y = y0 + (num >= 0 ? (num + dx / 2) / dx : -((-num + dx / 2) / dx));
			t.gamma[x] = static_cast<u8>((clamp12(y) * 255 + 2047) / raw_max);
		}
	}
	t.ccm_identity = true;
	for (u32 i = 0; i < 9; i++) {
		t.ccm[i] = cfg.ccm[i];
		if (t.ccm[i] != ((i % 4 == 0) ? 1024 : 0))
			t.ccm_identity = false;
	}
	t.encoding = cfg.encoding;
	const s32 *m = nullptr;
	s32 yoff = 0;
	switch (cfg.encoding) {
	case Encoding::rgb:
		break;
	case Encoding::bt601_full:
		m = csc_601_full;
		break;
	case Encoding::bt601_limited:
		m = csc_601_limited;
		yoff = 16;
		break;
	case Encoding::bt709_full:
		m = csc_709_full;
		break;
	case Encoding::bt709_limited:
		m = csc_709_limited;
		yoff = 16;
		break;
	}
	for (u32 i = 0; i < 9; i++)
		t.csc[i] = m ? m[i] : 0;
	t.chroma_max_255 = m && csc_row_within(m, 1, (128 << 16) + (1 << 15), 0, 255) &&
			   csc_row_within(m, 2, (128 << 16) + (1 << 15), 0, 255);
	t.csc_offset[0] = (yoff << 16) + (1 << 15);
	t.csc_offset[1] = (128 << 16) + (1 << 15);
	t.csc_offset[2] = (128 << 16) + (1 << 15);
	for (u32 c = 0; c < 3; c++)
		for (s32 v = 0; v < 256; v++) {
			const s32 y = t.csc[c] * v + (c == 0 ? t.csc_offset[0] : 0);
			const s32 cb = t.csc[3 + c] * v + (c == 0 ? t.csc_offset[1] : 0);
			t.csc_yc[c][v] =
				static_cast<u32>(y) | static_cast<u64>(static_cast<u32>(cb)) << 32;
			t.csc_cr[c][v] = t.csc[6 + c] * v + (c == 0 ? t.csc_offset[2] : 0);
		}
	for (u32 c = 0; c < 3; c++)
		for (u32 v = 0; v <= raw_max; v++) {
			t.lin_yc[c][v] = t.csc_yc[c][t.gamma[v]];
			t.lin_cr[c][v] = t.csc_cr[c][t.gamma[v]];
		}
}

namespace {

/*
 * Steps 1+2 (and the AWB sums) of raw columns [x, x1): even columns have
 * colour ce, odd ones co; se/so receive the black-corrected sums.
 */
inline void blc_wb_span(const IspTables &t, const u16 *in, u32 x, u32 x1, Channel ce, Channel co,
			u16 *out, u32 &se, u32 &so)
{
	const u16 *blc = t.blc, *we = t.wb[ce], *wo = t.wb[co];
	u32 sum_e = 0, sum_o = 0;
	if (x < x1 && (x & 1)) {
		u32 b = blc[in[x] & raw_max];
		sum_o += b;
		out[x] = wo[b];
		x++;
	}
	for (; x + 1 < x1; x += 2) {
		u32 b0 = blc[in[x] & raw_max], b1 = blc[in[x + 1] & raw_max];
		sum_e += b0;
		sum_o += b1;
		out[x] = we[b0];
		out[x + 1] = wo[b1];
	}
	if (x < x1) {
		u32 b = blc[in[x] & raw_max];
		sum_e += b;
		out[x] = we[b];
	}
	se = sum_e;
	so = sum_o;
}

/*
 * a[0..n) == b[0..n), 8 bytes at a time: the kernel's memcmp() compares
 * byte by byte where unaligned access is not declared efficient (UML), and
 * a line of identical rows is compared to its end.
 */
bool lines_equal(const u16 *a, const u16 *b, u32 n)
{
	u32 x = 0;
	for (; x + 4 <= n; x += 4) {
		u64 u, v;
		__builtin_memcpy(&u, a + x, sizeof(u));
		__builtin_memcpy(&v, b + x, sizeof(v));
		if (u != v)
			return false;
	}
	for (; x < n; x++)
		if (a[x] != b[x])
			return false;
	return true;
}

/* Steps 1+2 of a raw row when no AWB sums are wanted: one lookup per sample. */
void blc_wb_row(const IspTables &t, const u16 *in, u32 w, Channel ce, Channel co, u16 *out)
{
	u32 x = 0;
	if (t.blc_wb_identity) { /* no black level, unity gains: a masked copy, 4 at a time */
		for (; x + 4 <= w; x += 4) {
			u64 v;
			__builtin_memcpy(&v, in + x, sizeof(v));
			v &= 0x0fff0fff0fff0fffull;
			__builtin_memcpy(out + x, &v, sizeof(v));
		}
		for (; x < w; x++)
			out[x] = in[x] & raw_max;
		return;
	}
	const u16 *le = t.blc_wb[ce], *lo = t.blc_wb[co];
	for (; x + 1 < w; x += 2) {
		out[x] = le[in[x] & raw_max];
		out[x + 1] = lo[in[x + 1] & raw_max];
	}
	if (x < w)
		out[x] = le[in[x] & raw_max];
}

/* One debayered pixel: 12-bit R, G, B (indexed by Channel). */
struct Rgb {
	u32 c[3];
};

/*
 * Debayer sites, by kind: an R or B site (Own the channel it has), a G site
 * whose row holds channel Row (the other non-green channel is in its column).
 * m points at the site in the middle line; sl, sc, sr are the sums of the
 * lines above and below (a[i] + b[i]) in the columns left of, at and right
 * of the site, which neighbouring sites share.
 */
template <Channel Own> inline Rgb site_rb(const u16 *m, u32 sl, u32 sc, u32 sr)
{
	constexpr Channel other = Own == ch_r ? ch_b : ch_r;
	Rgb o;
	o.c[Own] = m[0];
	o.c[ch_g] = (sc + m[-1] + m[1] + 2) >> 2;
	o.c[other] = (sl + sr + 2) >> 2;
	return o;
}

template <Channel Row> inline Rgb site_g(const u16 *m, u32 sc)
{
	constexpr Channel col = Row == ch_r ? ch_b : ch_r;
	Rgb o;
	o.c[ch_g] = m[0];
	o.c[Row] = (m[-1] + m[1] + 1) >> 1;
	o.c[col] = (sc + 1) >> 1;
	return o;
}

/*
 * A row whose even sites are green iff EvenGreen, in a row holding Row: each
 * pixel, left to right, goes to sink(). The sink is taken by value, so that
 * its state lives in registers across the output stores. The column sums
 * a[i] + b[i] are computed once each (a[-1], a[w] are the mirrored padding).
 */
template <bool EvenGreen, Channel Row, class Sink>
void debayer_row_t(const u16 *a, const u16 *m, const u16 *b, u32 w, Sink sink)
{
	u32 s0 = a[-1] + b[-1], s1 = a[0] + b[0]; /* columns x - 1, x */
	u32 x = 0;
	constexpr bool pairs = requires(Sink k, const Rgb &p)
	{
		k.pair(p, p);
	};
	for (; x + 1 < w; x += 2) {
		const u32 s2 = a[x + 1] + b[x + 1], s3 = a[x + 2] + b[x + 2];
		if constexpr (pairs) {
			if (EvenGreen)
				sink.pair(site_g<Row>(m + x, s1),
					  site_rb<Row>(m + x + 1, s1, s2, s3));
			else
				sink.pair(site_rb<Row>(m + x, s0, s1, s2),
					  site_g<Row>(m + x + 1, s2));
		} else if (EvenGreen) {
			sink(site_g<Row>(m + x, s1));
			sink(site_rb<Row>(m + x + 1, s1, s2, s3));
		} else {
			sink(site_rb<Row>(m + x, s0, s1, s2));
			sink(site_g<Row>(m + x + 1, s2));
		}
		s0 = s2;
		s1 = s3;
	}
	if constexpr (!pairs) { /* a pair sink's rows are even */
		if (x < w)
			sink(EvenGreen ? site_g<Row>(m + x, s1) :
					 site_rb<Row>(m + x, s0, s1, a[x + 1] + b[x + 1]));
	}
}

/* Dispatch once per row on the row's colours. a/m/b point at column 0. */
template <class Sink> void debayer_row(const u16 *a, const u16 *m, const u16 *b, u32 w, Channel ce,
				       Channel co, const Sink &sink)
{
	if (ce == ch_g) {
		if (co == ch_r)
			debayer_row_t<true, ch_r>(a, m, b, w, sink);
		else
			debayer_row_t<true, ch_b>(a, m, b, w, sink);
	} else if (ce == ch_r) {
		debayer_row_t<false, ch_r>(a, m, b, w, sink);
	} else {
		debayer_row_t<false, ch_b>(a, m, b, w, sink);
	}
}

/* A sink that stores 12-bit RGB, 3 samples per pixel (debayer_frame()). */
struct RgbStore {
	u16 *rgb;

	[[gnu::always_inline]] void operator()(const Rgb &p)
	{
		rgb[0] = static_cast<u16>(p.c[0]);
		rgb[1] = static_cast<u16>(p.c[1]);
		rgb[2] = static_cast<u16>(p.c[2]);
		rgb += 3;
	}
};

/*
 * Steps 4 (if Ccm), 5 and 6 (if Yuv) of one pixel, into 3 output bytes, and
 * the luma histogram (if Hist). The pixel's samples must be 12-bit: the
 * debayer's are means of table outputs, isp_output_row() masks its input.
 * The CCM's coefficients are copied in (the u8 stores could otherwise alias
 * them), its first two rows packed in pairs so that one 64-bit multiply
 * gives two products: ccm01[j] = ccm[j] + ccm[3 + j] * 2^32 (mod 2^64).
 * Then ccm01[0] r + ccm01[1] g + ccm01[2] b + ccm01_bias is, exactly,
 * row 0's sum + 512 + 2^31 in the low half and row 1's sum + 512 in the high
 * half: a row's sum is within +-3 * 32768 * 4095 < 2^29, so the biased low
 * half stays within 0..2^32 - 1 and never carries into or borrows from the
 * high one.
 */
template <bool Ccm, bool Yuv, bool Hist> struct PixelOut {
	static constexpr u64 ccm01_bias = (1ull << 31) + 512 + (512ull << 32);

	/* Without the histogram, Y'CbCr is looked up from linear values (lin_yc, lin_cr). */
	static constexpr bool kLinear = Yuv && !Hist;

	const u8 *gamma;
	u64 ccm01[3];
	s32 ccm2[3];
	const u64 *yc0, *yc1, *yc2;
	const s32 *cr0, *cr1, *cr2;
	u8 *out;
	u32 *hist;

	PixelOut(const IspTables &t, u8 *o, u32 *h)
		: gamma(t.gamma), yc0(kLinear ? t.lin_yc[0] : t.csc_yc[0]),
		  yc1(kLinear ? t.lin_yc[1] : t.csc_yc[1]),
		  yc2(kLinear ? t.lin_yc[2] : t.csc_yc[2]),
		  cr0(kLinear ? t.lin_cr[0] : t.csc_cr[0]),
		  cr1(kLinear ? t.lin_cr[1] : t.csc_cr[1]),
		  cr2(kLinear ? t.lin_cr[2] : t.csc_cr[2]), out(o), hist(h)
	{
		for (u32 j = 0; j < 3; j++) {
			ccm01[j] = static_cast<u64>(static_cast<s64>(t.ccm[j])) +
				   (static_cast<u64>(static_cast<s64>(t.ccm[3 + j])) << 32);
			ccm2[j] = t.ccm[6 + j];
		}
	}

	/* Step 4 of one pixel. */
	[[gnu::always_inline]] void ccm(const Rgb &p, u32 &lr, u32 &lg, u32 &lb) const
	{
		const s32 r = static_cast<s32>(p.c[0]), g = static_cast<s32>(p.c[1]),
			  b = static_cast<s32>(p.c[2]);
		const u64 s01 = ccm01[0] * static_cast<u64>(r) + ccm01[1] * static_cast<u64>(g) +
				ccm01[2] * static_cast<u64>(b) + ccm01_bias;
		lr = clamp12(static_cast<s32>(static_cast<u32>(s01) - (1u << 31)) >> 10);
		lg = clamp12(static_cast<s32>(static_cast<u32>(s01 >> 32)) >> 10);
		lb = clamp12((ccm2[0] * r + ccm2[1] * g + ccm2[2] * b + 512) >> 10);
	}

	/* Steps 4-6 of one pixel: its three output components (and the histogram). */
	[[gnu::always_inline]] void convert(const Rgb &p, u32 &o0, u32 &o1, u32 &o2)
	{
		u32 lr = p.c[0], lg = p.c[1], lb = p.c[2];
		if (Ccm)
			ccm(p, lr, lg, lb);
		if (kLinear) { /* gamma and Y'CbCr in one lookup per component */
			const u64 yc = yc0[lr] + yc1[lg] + yc2[lb];
			const u32 cb = static_cast<u32>(static_cast<s32>(yc >> 32) >> 16);
			const u32 cr = static_cast<u32>((cr0[lr] + cr1[lg] + cr2[lb]) >> 16);
			o0 = static_cast<u32>(yc) >> 16;
			o1 = cb > 255 ? 255 : cb;
			o2 = cr > 255 ? 255 : cr;
			return;
		}
		const s32 r = gamma[lr], g = gamma[lg], b = gamma[lb];
		if (Hist)
			hist[(77 * r + 150 * g + 29 * b + 128) >> 8]++;
		if (Yuv) {
			/* Three table sums instead of nine multiplies: see IspTables. */
			const u64 yc = yc0[r] + yc1[g] + yc2[b];
			const u32 cb = static_cast<u32>(static_cast<s32>(yc >> 32) >> 16);
			const u32 cr = static_cast<u32>((cr0[r] + cr1[g] + cr2[b]) >> 16);
			o0 = static_cast<u32>(yc) >> 16;
			o1 = cb > 255 ? 255 : cb;
			o2 = cr > 255 ? 255 : cr;
		} else {
			o0 = static_cast<u32>(r);
			o1 = static_cast<u32>(g);
			o2 = static_cast<u32>(b);
		}
	}

	[[gnu::always_inline]] void operator()(const Rgb &p)
	{
		u32 o0, o1, o2;
		convert(p, o0, o1, o2);
		out[0] = static_cast<u8>(o0);
		out[1] = static_cast<u8>(o1);
		out[2] = static_cast<u8>(o2);
		out += 3;
	}
};

/*
 * Steps 4-6 of one pixel for the capture writers: its Y' and
 * c = Cb | Cr << 16, each clamped to 255. Without the histogram, through
 * the gamma table and the 8-bit product tables (13 KiB in all, where the
 * linear ones, lin_yc and lin_cr, take 144 KiB: three more loads, but from
 * the L1 cache however random the pixels), all reached from one pointer at
 * constant offsets (which leaves the registers to the row loop); with it,
 * PixelOut::convert().
 * Cb (the high half of the csc_yc sum, >> 16) and Cr (the csc_cr sum,
 * >> 16) are 0..256 (csc_ranges_ok()): 256 has bit 8 set, and subtracting
 * that bit clamps both lanes at once; no clamp (Clamp false) where they
 * never exceed 255 (IspTables::chroma_max_255: the limited-range matrices).
 */
template <bool Ccm, bool Hist, bool Clamp> struct YcPixel {
	PixelOut<Ccm, true, Hist> px;
	const IspTables *t;

	YcPixel(const IspTables &tab, u32 *h) : px(tab, nullptr, h), t(&tab) {}

	[[gnu::always_inline]] void operator()(const Rgb &p, u32 &y, u32 &c)
	{
		if (Hist || Ccm) {
			u32 cb, cr;
			if (Hist) {
				px.convert(p, y, cb, cr);
				c = cb | cr << 16;
				return;
			}
		}
		u32 r = p.c[0], g = p.c[1], b = p.c[2];
		if (Ccm) {
			u32 o0, o1, o2;
			px.ccm(p, o0, o1, o2);
			r = o0;
			g = o1;
			b = o2;
		}
		r = t->gamma[r];
		g = t->gamma[g];
		b = t->gamma[b];
		const u64 yc = t->csc_yc[0][r] + t->csc_yc[1][g] + t->csc_yc[2][b];
		const u32 cr = static_cast<u32>(t->csc_cr[0][r]) +
			       static_cast<u32>(t->csc_cr[1][g]) +
			       static_cast<u32>(t->csc_cr[2][b]);
		y = static_cast<u32>(yc) >> 16;
		const u32 v = static_cast<u32>(yc >> 48) | (cr & 0xffff0000u);
		c = Clamp ? v - ((v >> 8) & 0x00010001u) : v;
	}
};

/*
 * Writers of a pixel pair (Y' y0 and y1, s the sum of the two pixels' c:
 * Cb and Cr sums in 16-bit lanes, each at most 510) in a capture format,
 * the same bytes as resize.cpp's writers make of the 4:4:4 row: the pair's
 * chroma is the mean (rounded) of its pixels', NV12's the mean of a 2x2
 * block (the sums of the row above kept in acc, 4 bytes a pair).
 */
constexpr u32 chroma_pair(u32 s)
{
	return ((s + 0x00010001u) >> 1) & 0x00ff00ffu;
}

struct YuyvWriter {
	u8 *d;
	[[gnu::always_inline]] void operator()(u32 y0, u32 y1, u32 s)
	{
		const u32 v = y0 | y1 << 16 | chroma_pair(s) << 8;
		__builtin_memcpy(d, &v, sizeof(v));
		d += 4;
	}
};

struct UyvyWriter {
	u8 *d;
	[[gnu::always_inline]] void operator()(u32 y0, u32 y1, u32 s)
	{
		const u32 v = y0 << 8 | y1 << 24 | chroma_pair(s);
		__builtin_memcpy(d, &v, sizeof(v));
		d += 4;
	}
};

[[gnu::always_inline]] inline void put2(u8 *&d, u32 lo, u32 hi)
{
	const u16 v = static_cast<u16>(lo | hi << 8);
	__builtin_memcpy(d, &v, sizeof(v));
	d += 2;
}

struct Nv16Writer {
	u8 *y, *c;
	[[gnu::always_inline]] void operator()(u32 y0, u32 y1, u32 s)
	{
		put2(y, y0, y1);
		const u32 ch = chroma_pair(s);
		put2(c, ch & 0xff, ch >> 16);
	}
};

struct Nv12EvenWriter {
	u8 *y, *acc;
	[[gnu::always_inline]] void operator()(u32 y0, u32 y1, u32 s)
	{
		put2(y, y0, y1);
		__builtin_memcpy(acc, &s, sizeof(s));
		acc += 4;
	}
};

struct Nv12OddWriter {
	u8 *y, *c;
	const u8 *acc;
	[[gnu::always_inline]] void operator()(u32 y0, u32 y1, u32 s)
	{
		put2(y, y0, y1);
		u32 above;
		__builtin_memcpy(&above, acc, sizeof(above));
		acc += 4;
		const u32 ch = ((s + above + 0x00020002u) >> 2) & 0x00ff00ffu;
		put2(c, ch & 0xff, ch >> 16);
	}
};

template <bool Ccm, bool Hist, bool Clamp, class W> struct DirectOut {
	YcPixel<Ccm, Hist, Clamp> px;
	W w;

	DirectOut(const IspTables &t, u32 *h, const W &wr) : px(t, h), w(wr) {}

	[[gnu::always_inline]] void pair(const Rgb &a, const Rgb &b)
	{
		u32 y0, c0, y1, c1;
		px(a, y0, c0);
		px(b, y1, c1);
		w(y0, y1, c0 + c1);
	}
};

/* Steps 3-6 of output row y from the three raw lines around it. */
template <bool Ccm, bool Yuv> void isp_row_t(const IspTables &t, const u16 *a, const u16 *m,
					     const u16 *b, u32 w, Channel ce, Channel co, u8 *out,
					     u32 *hist)
{
	if (hist)
		debayer_row(a, m, b, w, ce, co, PixelOut<Ccm, Yuv, true>(t, out, hist));
	else
		debayer_row(a, m, b, w, ce, co, PixelOut<Ccm, Yuv, false>(t, out, hist));
}

void isp_row(const IspTables &t, const u16 *a, const u16 *m, const u16 *b, u32 w, Channel ce,
	     Channel co, u8 *out, u32 *hist)
{
	const bool yuv = t.encoding != Encoding::rgb;
	if (t.ccm_identity)
		yuv ? isp_row_t<false, true>(t, a, m, b, w, ce, co, out, hist) :
		      isp_row_t<false, false>(t, a, m, b, w, ce, co, out, hist);
	else
		yuv ? isp_row_t<true, true>(t, a, m, b, w, ce, co, out, hist) :
		      isp_row_t<true, false>(t, a, m, b, w, ce, co, out, hist);
}

/* isp_row() in a capture format through writer wr (Y'CbCr encodings, even w). */
template <class W> void isp_row_direct(const IspTables &t, const u16 *a, const u16 *m, const u16 *b,
				       u32 w, Channel ce, Channel co, u32 *hist, const W &wr)
{
	if (t.ccm_identity) {
		if (hist)
			debayer_row(a, m, b, w, ce, co,
				    DirectOut<false, true, true, W>(t, hist, wr));
		else if (t.chroma_max_255)
			debayer_row(a, m, b, w, ce, co,
				    DirectOut<false, false, false, W>(t, hist, wr));
		else
			debayer_row(a, m, b, w, ce, co,
				    DirectOut<false, false, true, W>(t, hist, wr));
	} else {
		if (hist)
			debayer_row(a, m, b, w, ce, co,
				    DirectOut<true, true, true, W>(t, hist, wr));
		else if (t.chroma_max_255)
			debayer_row(a, m, b, w, ce, co,
				    DirectOut<true, false, false, W>(t, hist, wr));
		else
			debayer_row(a, m, b, w, ce, co,
				    DirectOut<true, false, true, W>(t, hist, wr));
	}
}

bool raw_valid(const RawFrame &in)
{
	return in.data && in.width >= 2 && in.height >= 2 && in.width <= max_side &&
	       in.height <= max_side && in.stride >= in.width;
}

/*
 * The row loop shared by isp_process() and debayer_frame(): load(r, line)
 * fills line[0..w) from raw row r (line[-1] and line[w] are then mirrored
 * here), emit(y, a, m, b) consumes the three lines around row y.
 */
template <class Load, class Emit>
void run_rows(const RawFrame &in, u16 *lines, Load &&load, Emit &&emit)
{
	const u32 w = in.width, h = in.height, lw = w + 2;
	u16 *slot[3] = { lines + 1, lines + lw + 1, lines + 2 * lw + 1 };
	auto fill = [&](u32 r) {
		u16 *l = slot[r % 3];
		load(r, l);
		l[-1] = l[1];
		l[w] = l[w - 2];
	};
	fill(0);
	fill(1);
	for (u32 y = 0; y < h; y++) {
		if (y >= 1 && y + 1 < h)
			fill(y + 1);
		const u16 *a = slot[(y ? y - 1 : 1) % 3];
		const u16 *b = slot[(y + 1 < h ? y + 1 : h - 2) % 3];
		emit(y, a, static_cast<const u16 *>(slot[y % 3]), b);
	}
}

} // namespace

void isp_blc_wb_row(const IspTables &t, const u16 *in, u32 width, Channel ce, Channel co, u16 *out)
{
	u32 se, so;
	blc_wb_span(t, in, 0, width, ce, co, out, se, so);
}

void isp_ccm_row(const IspTables &t, u16 *rgb, u32 n)
{
	if (t.ccm_identity)
		return;
	/* Coefficients in locals: the u16 stores could otherwise alias them. */
	const s32 m0 = t.ccm[0], m1 = t.ccm[1], m2 = t.ccm[2], m3 = t.ccm[3], m4 = t.ccm[4],
		  m5 = t.ccm[5], m6 = t.ccm[6], m7 = t.ccm[7], m8 = t.ccm[8];
	for (u32 i = 0; i < n; i++, rgb += 3) {
		const s32 r = rgb[0], g = rgb[1], b = rgb[2];
		rgb[0] = static_cast<u16>(clamp12((m0 * r + m1 * g + m2 * b + 512) >> 10));
		rgb[1] = static_cast<u16>(clamp12((m3 * r + m4 * g + m5 * b + 512) >> 10));
		rgb[2] = static_cast<u16>(clamp12((m6 * r + m7 * g + m8 * b + 512) >> 10));
	}
}

namespace {

template <bool Yuv> void output_row_t(const IspTables &t, const u16 *rgb, u32 n, u8 *out)
{
	PixelOut<false, Yuv, false> px(t, out, nullptr);
	for (u32 i = 0; i < n; i++, rgb += 3)
		px(Rgb{ { rgb[0] & raw_max, rgb[1] & raw_max, rgb[2] & raw_max } });
}

} // namespace

void isp_output_row(const IspTables &t, const u16 *rgb, u32 n, u8 *out)
{
	if (t.encoding != Encoding::rgb)
		output_row_t<true>(t, rgb, n, out);
	else
		output_row_t<false>(t, rgb, n, out);
}

int debayer_frame(const RawFrame &in, u16 *rgb, u32 rgb_stride, void *scratch, size_t scratch_bytes)
{
	if (!raw_valid(in) || !rgb || rgb_stride < 3 * in.width || !scratch ||
	    scratch_bytes < isp_scratch_bytes(in.width))
		return -EINVAL;
	run_rows(
		in, static_cast<u16 *>(scratch),
		[&](u32 r, u16 *l) {
			__builtin_memcpy(l, in.data + static_cast<u64>(r) * in.stride,
					 in.width * sizeof(u16));
		},
		[&](u32 y, const u16 *a, const u16 *m, const u16 *b) {
			debayer_row(a, m, b, in.width, site_channel(in.order, 0, y),
				    site_channel(in.order, 1, y),
				    RgbStore{ rgb + static_cast<u64>(y) * rgb_stride });
		});
	return 0;
}

int IspPass::begin(const IspTables &t, const RawFrame &in, Packed3Kind kind, vcam_isp_stats *stats,
		   void *scratch, size_t scratch_bytes, const SensorRows *rows)
{
	const u32 w = in.width, h = in.height;
	t_ = nullptr;
	RawFrame geom = in;
	if (rows) { /* only the geometry counts: rows come from @rows */
		geom.data = reinterpret_cast<u16 *>(scratch);
		if (rows->width() != w || rows->height() != h)
			return -EINVAL;
	}
	if (!raw_valid(geom) || kind != encoding_kind(t.encoding) || !scratch ||
	    scratch_bytes < isp_scratch_bytes(w))
		return -EINVAL;
	t_ = &t;
	in_ = in;
	rows_ = rows;
	y_ = 0;
	const u32 lw = w + 2;
	u16 *lines = static_cast<u16 *>(scratch);
	for (u32 i = 0; i < 3; i++)
		slot_[i] = lines + i * lw + 1;
	stats_ = stats;
	hist_ = nullptr;
	if (stats) {
		constexpr u32 zc = VCAM_ISP_STATS_ZONE_COLS;
		__builtin_memset(stats, 0, sizeof(*stats));
		stats->version = VCAM_ISP_STATS_VERSION;
		stats->width = w;
		stats->height = h;
		stats->zone_cols = zc;
		stats->zone_rows = VCAM_ISP_STATS_ZONE_ROWS;
		stats->hist_total = w * h;
		for (u32 k = 0; k <= zc; k++)
			zx_[k] = k * w / zc;
		hist_ = stats->hist;
	}
	zone_row_ = 0;
	zone_row_end_ = h / VCAM_ISP_STATS_ZONE_ROWS;
	same_[0] = same_[1] = same_[2] = false;
	acc_ = reinterpret_cast<u8 *>(lines + 3 * lw);
	j_ = 0;
	repeated_ = false;
	return 0;
}

/* Steps 1+2 of raw row r into its line of the ring, mirrored padding included. */
void IspPass::fill(u32 r)
{
	const IspTables &t = *t_;
	const u32 w = in_.width, h = in_.height;
	u16 *l = slot_[r % 3];
	const u16 *raw = l;
	if (rows_) /* rendered into the line, then steps 1+2 in place */
		rows_->row(r, l);
	else
		raw = in_.data + static_cast<u64>(r) * in_.stride;
	const Channel ce = site_channel(in_.order, 0, r), co = site_channel(in_.order, 1, r);
	if (!stats_) {
		/* A rendered line is 12-bit already: at identity, nothing to do. */
		if (!rows_ || !t.blc_wb_identity)
			blc_wb_row(t, raw, w, ce, co, l);
	} else {
		constexpr u32 zc = VCAM_ISP_STATS_ZONE_COLS, zr = VCAM_ISP_STATS_ZONE_ROWS;
		while (r >= zone_row_end_ && zone_row_ + 1 < zr) {
			zone_row_++;
			zone_row_end_ = (zone_row_ + 1) * h / zr;
		}
		vcam_isp_stats_zone *zones = stats_->zones + zone_row_ * zc;
		for (u32 k = 0; k < zc; k++) {
			u32 se, so;
			blc_wb_span(t, raw, zx_[k], zx_[k + 1], ce, co, l, se, so);
			const u32 n = zx_[k + 1] - zx_[k];
			const u32 ne = (zx_[k + 1] + 1) / 2 - (zx_[k] + 1) / 2;
			zones[k].sum[ce] += se;
			zones[k].sum[co] += so;
			zones[k].count[ce] += ne;
			zones[k].count[co] += n - ne;
		}
	}
	l[-1] = l[1];
	l[w] = l[w - 2];
	/* Row r - 2 is still in the ring (the slot row r + 1 will take). */
	same_[r % 3] = !stats_ && r >= 2 && lines_equal(l, slot_[(r + 1) % 3], w);
}

/*
 * After advance(y): output row y is output row y - 2 when its three lines
 * are theirs (rows of one CFA phase, so the same colours too), which test
 * patterns make common (bars, ramps, checks: uniform columns). Interior
 * rows only (row 0 and the last mirror their neighbours), never with
 * statistics (every row counts in them).
 */
bool IspPass::repeats(u32 y) const
{
	return !stats_ && y >= 3 && y + 1 < in_.height && same_[(y - 1) % 3] && same_[y % 3] &&
	       same_[(y + 1) % 3];
}

void IspPass::advance(u32 y)
{
	if (y == 0) {
		fill(0);
		fill(1);
	} else if (y + 1 < in_.height) {
		fill(y + 1);
	}
}

void IspPass::row(u8 *out, const u8 *two_above)
{
	const u32 h = in_.height, y = y_++;
	advance(y);
	if (two_above && repeats(y)) {
		if (out != two_above)
			__builtin_memcpy(out, two_above, 3 * static_cast<size_t>(in_.width));
		return;
	}
	const u16 *a = slot_[(y ? y - 1 : 1) % 3];
	const u16 *b = slot_[(y + 1 < h ? y + 1 : h - 2) % 3];
	isp_row(*t_, a, slot_[y % 3], b, in_.width, site_channel(in_.order, 0, y),
		site_channel(in_.order, 1, y), out, hist_);
}

bool IspPass::can_pair() const
{
	return t_ && t_->encoding != Encoding::rgb && !(in_.width & 1);
}

void IspPass::row_pairs(u8 *out, bool uyvy, const u8 *two_above)
{
	row_direct(uyvy ? DirectFormat::uyvy : DirectFormat::yuyv, out, nullptr, two_above,
		   nullptr);
}

void IspPass::row_direct(DirectFormat f, u8 *luma, u8 *chroma, const u8 *luma_above,
			 const u8 *chroma_above)
{
	const u32 w = in_.width, h = in_.height, y = y_++, j = j_++;
	const bool packed = f == DirectFormat::yuyv || f == DirectFormat::uyvy;
	advance(y);
	/*
	 * A repeated row: its luma (and NV16 chroma) is that of two rows above.
	 * NV12 keeps the chroma sums of its last even row in acc_, which a
	 * repeated even row leaves as they are (its own); an odd row's chroma
	 * row is the one above if the even row before it repeated too.
	 */
	const bool rep = luma_above && (packed || chroma_above) && repeats(y) &&
			 (f != DirectFormat::nv12 || !(j & 1) || repeated_);
	repeated_ = rep;
	if (rep) {
		if (luma != luma_above)
			__builtin_memcpy(luma, luma_above,
					 (packed ? 2 : 1) * static_cast<size_t>(w));
		if (f == DirectFormat::nv16 || (f == DirectFormat::nv12 && (j & 1)))
			if (chroma != chroma_above)
				__builtin_memcpy(chroma, chroma_above, w);
		return;
	}
	const u16 *a = slot_[(y ? y - 1 : 1) % 3];
	const u16 *b = slot_[(y + 1 < h ? y + 1 : h - 2) % 3];
	const u16 *m = slot_[y % 3];
	const Channel ce = site_channel(in_.order, 0, y), co = site_channel(in_.order, 1, y);
	switch (f) {
	case DirectFormat::yuyv:
		isp_row_direct(*t_, a, m, b, w, ce, co, hist_, YuyvWriter{ luma });
		break;
	case DirectFormat::uyvy:
		isp_row_direct(*t_, a, m, b, w, ce, co, hist_, UyvyWriter{ luma });
		break;
	case DirectFormat::nv16:
		isp_row_direct(*t_, a, m, b, w, ce, co, hist_, Nv16Writer{ luma, chroma });
		break;
	case DirectFormat::nv12:
		if (j & 1)
			isp_row_direct(*t_, a, m, b, w, ce, co, hist_,
				       Nv12OddWriter{ luma, chroma, acc_ });
		else
			isp_row_direct(*t_, a, m, b, w, ce, co, hist_,
				       Nv12EvenWriter{ luma, acc_ });
		break;
	}
}

int isp_process(const IspTables &t, const RawFrame &in, const Packed3Frame &out,
		vcam_isp_stats *stats, void *scratch, size_t scratch_bytes)
{
	const u32 w = in.width, h = in.height;
	if (!raw_valid(in) || !out.data || out.width != w || out.height != h ||
	    out.bytesperline < 3 * w || out.kind != encoding_kind(t.encoding))
		return -EINVAL;
	IspPass pass;
	int ret = pass.begin(t, in, out.kind, stats, scratch, scratch_bytes);
	if (ret)
		return ret;
	for (u32 y = 0; y < h; y++)
		pass.row(out.data + static_cast<u64>(y) * out.bytesperline);
	return 0;
}

} // namespace vcam::frame
