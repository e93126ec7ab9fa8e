/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vcam ISP parameters and statistics: the layouts of the buffers of vcam's
 * metadata nodes ("params", a metadata output, and "stats", a metadata
 * capture), shared by the driver and userspace. Fixed size, little-endian,
 * no implicit padding (the driver static_asserts every size and offset that
 * matters). Usable from C and C++.
 *
 * Each buffer starts with a __u32 version: a parameter buffer whose version
 * is not VCAM_ISP_PARAMS_VERSION is returned with V4L2_BUF_FLAG_ERROR and
 * changes nothing; every statistics buffer carries VCAM_ISP_STATS_VERSION.
 * A new layout gets a new version (and a new size).
 */
#ifndef _UAPI_LINUX_VCAM_CONFIG_H
#define _UAPI_LINUX_VCAM_CONFIG_H

#include <linux/types.h>

/*
 * The metadata formats (struct v4l2_meta_format.dataformat) of the nodes:
 * one struct vcam_isp_params per buffer, one struct vcam_isp_stats per buffer.
 */
#define V4L2_META_FMT_VCAM_PARAMS \
	((__u32)'V' | (__u32)'C' << 8 | (__u32)'M' << 16 | (__u32)'P' << 24) /* VCMP */
#define V4L2_META_FMT_VCAM_STATS \
	((__u32)'V' | (__u32)'C' << 8 | (__u32)'M' << 16 | (__u32)'S' << 24) /* VCMS */

/* ---- Parameters (userspace -> ISP) ---- */

#define VCAM_ISP_PARAMS_VERSION 1

/* Blocks of struct vcam_isp_params; a clear bit keeps the block's current value. */
#define VCAM_ISP_BLOCK_BLC (1u << 0) /* black_level */
#define VCAM_ISP_BLOCK_WB (1u << 1) /* wb_gain */
#define VCAM_ISP_BLOCK_CCM (1u << 2) /* ccm */
#define VCAM_ISP_BLOCK_GAMMA (1u << 3) /* gamma */
#define VCAM_ISP_BLOCK_ALL 0xfu

#define VCAM_ISP_GAMMA_POINTS 65

/**
 * struct vcam_isp_params - one parameter buffer (168 bytes)
 * @version: VCAM_ISP_PARAMS_VERSION
 * @valid: VCAM_ISP_BLOCK_* bits of the blocks this buffer sets; other bits
 *	must be 0
 * @black_level: 12-bit level (0..4094) subtracted from every raw sample;
 *	the result is rescaled to full range:
 *	out = min(4095, (max(in - bl, 0) * 4095 + (4095 - bl) / 2) / (4095 - bl))
 * @wb_gain: white-balance gains for R, G, B, unsigned Q8.8 (256 = 1.0,
 *	0..65535 = 0..255.996), applied to the black-level-corrected raw
 *	sample of that colour: out = min(4095, (in * gain + 128) >> 8)
 * @ccm: colour correction matrix, row-major, signed Q6.10 (1024 = 1.0,
 *	range -32.0..31.999), applied to linear debayered RGB:
 *	out[i] = clamp((sum_j ccm[3i + j] * in[j] + 512) >> 10, 0, 4095)
 * @reserved1: 0
 * @gamma: the tone curve, 12-bit linear in, 12-bit out: control point i is
 *	the output (0..4095) for input x_i = min(64 * i, 4095); inputs between
 *	points are linearly interpolated (rounded to nearest); the 12-bit result
 *	y is scaled to 8 bits as (y * 255 + 2047) / 4095. Should be
 *	non-decreasing. The default is the sRGB transfer function.
 * @reserved2: 0
 */
struct vcam_isp_params {
	__u32 version;
	__u32 valid;
	__u16 black_level;
	__u16 wb_gain[3];
	__s16 ccm[9];
	__u16 reserved1;
	__u16 gamma[VCAM_ISP_GAMMA_POINTS];
	__u16 reserved2;
};

/* ---- Statistics (ISP -> userspace), one buffer per frame ---- */

#define VCAM_ISP_STATS_VERSION 1
#define VCAM_ISP_STATS_ZONE_COLS 16
#define VCAM_ISP_STATS_ZONE_ROWS 12
#define VCAM_ISP_STATS_HIST_BINS 256

/**
 * struct vcam_isp_stats_zone - AWB sums of one zone (24 bytes)
 * @sum: sums of the R, G (both greens) and B raw samples of the zone after
 *	black level subtraction, before white balance (12-bit values)
 * @count: the number of R, G and B samples summed
 */
struct vcam_isp_stats_zone {
	__u32 sum[3];
	__u32 count[3];
};

/**
 * struct vcam_isp_stats - statistics of one frame (5656 bytes)
 * @version: VCAM_ISP_STATS_VERSION
 * @sequence: frame sequence number (set by the driver, not the library)
 * @width: ISP frame width the statistics cover (pixels)
 * @height: ISP frame height
 * @zone_cols: VCAM_ISP_STATS_ZONE_COLS
 * @zone_rows: VCAM_ISP_STATS_ZONE_ROWS
 * @reserved: 0
 * @hist_total: the number of pixels in the histogram (width * height)
 * @zones: row-major grid of zone_rows x zone_cols zones; zone column c covers
 *	frame columns [c * width / zone_cols, (c + 1) * width / zone_cols),
 *	zone row r likewise with height and zone_rows (integer division); a
 *	zone can be empty on frames narrower than the grid
 * @hist: luminance histogram of the output: bin Y counts the pixels whose
 *	gamma-corrected 8-bit R'G'B' give Y = (77 R' + 150 G' + 29 B' + 128) >> 8
 *	(BT.601 luma weights, full range), whatever the output encoding
 */
struct vcam_isp_stats {
	__u32 version;
	__u32 sequence;
	__u32 width;
	__u32 height;
	__u8 zone_cols;
	__u8 zone_rows;
	__u16 reserved;
	__u32 hist_total;
	struct vcam_isp_stats_zone zones[VCAM_ISP_STATS_ZONE_ROWS * VCAM_ISP_STATS_ZONE_COLS];
	__u32 hist[VCAM_ISP_STATS_HIST_BINS];
};

#endif /* _UAPI_LINUX_VCAM_CONFIG_H */
