// SPDX-License-Identifier: GPL-2.0
/*
 * vcam-check: an independent reference checker for vcam's frames.
 *
 * Captures frames from a vcam capture node (V4L2, MMAP streaming) and
 * compares them with a reference computed here, from the documentation
 * comments of drivers/media/vcam/frame/{frame,sensor,isp,resize}.hpp and
 * include/uapi/linux/vcam-config.h, by code of its own: nothing of the
 * kernel's frame library (the .cpp files under frame/) is included, linked or
 * copied. Only the uAPI header linux/vcam-config.h is included (the
 * statistics layout). The reference is written for
 * clarity: one stage at a time over whole frames, plain loops, the documented
 * arithmetic (integer where the documentation gives it, double for the
 * sRGB curve and the Y'CbCr matrices, which it gives as formulas).
 *
 *   vcam-check raw   <video> <frames> [options]   a raw node (sensor-X)
 *   vcam-check main  <video> <frames> [options]   the main or self node
 *   vcam-check stats <video> <frames> --main <video> [options]
 *
 * Options (a sub-device node is queried; without it, the fallback applies):
 *   --sensor <subdev>   the sensor: crop (G_SELECTION CROP, pad 0), HFLIP,
 *                       VFLIP, TEST_PATTERN, EXPOSURE, ANALOGUE_GAIN,
 *                       DIGITAL_GAIN controls
 *   --crop L,T          sensor crop position if no --sensor (size: the
 *                       frame's); --hflip / --vflip likewise
 *   --isp <subdev>      the ISP: sink size, source code, ycbcr_enc and
 *                       quantization (G_FMT pads 0 and 2); without it BT.601
 *                       limited range (or R'G'B' for RGB24/XBGR32) and the
 *                       sensor crop size
 *   --resizer <subdev>  the resizer feeding <video>: sink crop (G_SELECTION
 *                       CROP, pad 0); without it --rcrop L,T,W,H, default the
 *                       whole ISP frame. The output size is the node's G_FMT.
 *   --main <video>      (stats) the main node, streamed alongside
 *   --file <frames>     (raw, main) check the frames another program (GStreamer)
 *                       captured from <video> into this file, back to back
 *                       at the node's G_FMT sizeimage, instead of capturing;
 *                       the file must hold exactly <frames> frames. Buffer
 *                       metadata (timestamps, sequence) is not checked then.
 *   --expect-bar I=R,G,B  (testing the checker) replace colour bar I's
 *                       12-bit levels in the reference: must then fail
 *
 * The sensor must show colour bars (100%) at total gain 1x with no pedestal
 * (the defaults); the ISP runs with its default parameters (nothing queued
 * on the params node): black level 0, unity white balance, identity CCM,
 * the sRGB curve.
 *
 * Checks, each one "ok ..." / "not ok ..." line, exit status 0 only if all
 * passed:
 *   - per frame: V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC set, timestamps
 *     non-decreasing, sequence strictly increasing (a gap is reported),
 *     field NONE, bytesused == sizeimage (metadata: buffersize);
 *   - raw: every sample bit-exact, and the pixel format's Bayer order is the
 *     one the crop position and the flips give;
 *   - main/self: every component of a pixel whose inputs all lie inside one
 *     colour bar ("flat": no bar edge within reach of the debayer's 3x3
 *     window, the resizer's two taps and the chroma subsampling) bit-exact;
 *     elsewhere (near the 7 bar edges) |difference| <= 2 and, over the whole
 *     frame, mean |difference| <= 0.5. Why not exact there: the
 *     documentation leaves open how the debayer rounds a mean that is
 *     exactly half-way (x.5 and x.25/x.75 for 4-neighbour means of 0/4095),
 *     what the default curve's 65 control points are exactly ("the sRGB
 *     transfer function": one 12-bit step either way) and how the Q16
 *     Y'CbCr coefficients are rounded; each moves an 8-bit result by at most
 *     one step (the sRGB curve's slope is at most 12.92, i.e. 0.8 8-bit
 *     steps per 12-bit step, at the foot, and the bars' edges land at
 *     mid-range levels where it is below 1/4), and the resizer's and the
 *     chroma subsampling's averages can add one more rounding step: 2;
 *     the mean bound keeps systematic error out.
 *   - stats: version, size, sequence, width/height of the ISP frame,
 *     zone grid, hist_total == width * height; AWB zone sums and counts
 *     bit-exact (they are integer sums of the black-corrected raw samples);
 *     the histogram's bar bins: each holds at least the flat pixels of its
 *     bar, and the histogram differs from the reference's by at most the
 *     number of edge pixels (sum of |difference| <= 2 x edge pixels).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/media-bus-format.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>

#include <linux/vcam-config.h>

/* The sensors' photosite array (vcam.hpp: kArrayWidth, kArrayHeight), RGGB at (0, 0). */
#define ARRAY_W 1920
#define ARRAY_H 1080
#define RAW_MAX 4095
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int failures;

static void check(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%s ", cond ? "ok" : "not ok");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!cond)
		failures++;
}

static void die(const char *fmt, ...)
{
	va_list ap;

	printf("not ok ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(1);
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r;
}

/* ---- Configuration ---------------------------------------------------- */

enum enc { ENC_RGB, ENC_601_FULL, ENC_601_LIM, ENC_709_FULL, ENC_709_LIM };

struct config {
	/* sensor */
	int crop_left, crop_top, crop_w, crop_h; /* crop in the array */
	int hflip, vflip;
	int have_crop;
	/* ISP */
	int isp_w, isp_h;
	struct v4l2_rect isp_in, isp_out; /* sink and source crops (--isp) */
	int have_isp_crop;
	enum enc enc;
	int have_enc;
	/* resizer */
	int rc_left, rc_top, rc_w, rc_h;
	int have_rcrop;
	/* testing the checker */
	int bar_override[8][3];
	int have_override[8];
};

static int subdev_open(const char *path)
{
	int fd = open(path, O_RDWR);

	if (fd < 0)
		die("open %s: %s", path, strerror(errno));
	return fd;
}

static int get_ctrl(int fd, unsigned int id, int *val)
{
	struct v4l2_control c = { .id = id };

	if (xioctl(fd, VIDIOC_G_CTRL, &c) < 0)
		return -errno;
	*val = c.value;
	return 0;
}

static void query_sensor(const char *path, struct config *cfg)
{
	int fd = subdev_open(path);
	struct v4l2_subdev_selection sel = {
		.which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = 0, .target = V4L2_SEL_TGT_CROP,
	};
	int v, exposure = 1000, again = 16, dgain = 256;

	if (xioctl(fd, VIDIOC_SUBDEV_G_SELECTION, &sel) < 0)
		die("%s: VIDIOC_SUBDEV_G_SELECTION: %s", path, strerror(errno));
	cfg->crop_left = sel.r.left;
	cfg->crop_top = sel.r.top;
	cfg->crop_w = sel.r.width;
	cfg->crop_h = sel.r.height;
	cfg->have_crop = 1;
	if (get_ctrl(fd, V4L2_CID_HFLIP, &cfg->hflip) || get_ctrl(fd, V4L2_CID_VFLIP, &cfg->vflip))
		die("%s: HFLIP/VFLIP controls: %s", path, strerror(errno));
	if (!get_ctrl(fd, V4L2_CID_TEST_PATTERN, &v) && v != 0)
		die("%s: test pattern %d: only colour bars (0) are modelled", path, v);
	get_ctrl(fd, V4L2_CID_EXPOSURE, &exposure);
	get_ctrl(fd, V4L2_CID_ANALOGUE_GAIN, &again);
	get_ctrl(fd, V4L2_CID_DIGITAL_GAIN, &dgain);
	if (exposure != 1000 || again != 16 || dgain != 256)
		die("%s: exposure %d, gains %d %d: only the 1x defaults (1000 16 256) are modelled",
		    path, exposure, again, dgain);
	printf("# sensor %s: crop (%d,%d)/%dx%d hflip %d vflip %d\n", path, cfg->crop_left,
	       cfg->crop_top, cfg->crop_w, cfg->crop_h, cfg->hflip, cfg->vflip);
	close(fd);
}

static void query_isp(const char *path, struct config *cfg)
{
	int fd = subdev_open(path);
	struct v4l2_subdev_format sink = { .which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = 0 };
	struct v4l2_subdev_format src = { .which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = 2 };

	if (xioctl(fd, VIDIOC_SUBDEV_G_FMT, &sink) < 0 || xioctl(fd, VIDIOC_SUBDEV_G_FMT, &src) < 0)
		die("%s: VIDIOC_SUBDEV_G_FMT: %s", path, strerror(errno));
	cfg->isp_w = sink.format.width;
	cfg->isp_h = sink.format.height;
	if (src.format.code == MEDIA_BUS_FMT_RGB888_1X24) {
		cfg->enc = ENC_RGB;
	} else {
		int full = src.format.quantization == V4L2_QUANTIZATION_FULL_RANGE;

		if (src.format.ycbcr_enc == V4L2_YCBCR_ENC_709)
			cfg->enc = full ? ENC_709_FULL : ENC_709_LIM;
		else
			cfg->enc = full ? ENC_601_FULL : ENC_601_LIM;
	}
	cfg->have_enc = 1;
	printf("# isp %s: %dx%d, source code 0x%04x enc %u quant %u\n", path, cfg->isp_w,
	       cfg->isp_h, src.format.code, src.format.ycbcr_enc, src.format.quantization);
	/* Crops on the sink (of the input) and source (of the processed frame) pads. */
	for (int pad = 0; pad <= 2; pad += 2) {
		struct v4l2_subdev_selection sel = {
			.which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = pad, .target = V4L2_SEL_TGT_CROP,
		};

		if (xioctl(fd, VIDIOC_SUBDEV_G_SELECTION, &sel) < 0)
			die("%s: VIDIOC_SUBDEV_G_SELECTION pad %d: %s", path, pad, strerror(errno));
		*(pad ? &cfg->isp_out : &cfg->isp_in) = sel.r;
		printf("# isp %s: pad %d crop (%d,%d)/%ux%u\n", path, pad, sel.r.left, sel.r.top,
		       sel.r.width, sel.r.height);
	}
	cfg->have_isp_crop = 1;
	close(fd);
}

static void query_resizer(const char *path, struct config *cfg)
{
	int fd = subdev_open(path);
	struct v4l2_subdev_selection sel = {
		.which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = 0, .target = V4L2_SEL_TGT_CROP,
	};

	if (xioctl(fd, VIDIOC_SUBDEV_G_SELECTION, &sel) < 0)
		die("%s: VIDIOC_SUBDEV_G_SELECTION: %s", path, strerror(errno));
	cfg->rc_left = sel.r.left;
	cfg->rc_top = sel.r.top;
	cfg->rc_w = sel.r.width;
	cfg->rc_h = sel.r.height;
	cfg->have_rcrop = 1;
	printf("# resizer %s: crop (%d,%d)/%dx%d\n", path, cfg->rc_left, cfg->rc_top, cfg->rc_w,
	       cfg->rc_h);
	close(fd);
}

/* ---- Reference: the sensor (sensor.hpp) -------------------------------- */

/* Colour of array site (ax, ay): the array is RGGB at (0, 0). 0 R, 1 G, 2 B. */
static int array_channel(int ax, int ay)
{
	if ((ax & 1) == 0 && (ay & 1) == 0)
		return 0;
	if ((ax & 1) && (ay & 1))
		return 2;
	return 1;
}

/*
 * 12-bit level of channel ch of colour bar i: white, yellow, cyan, green,
 * magenta, red, blue, black; each channel full (4095) or 0.
 */
static int bar_level(const struct config *cfg, int bar, int ch)
{
	static const int rgb[8][3] = {
		{ 1, 1, 1 }, { 1, 1, 0 }, { 0, 1, 1 }, { 0, 1, 0 },
		{ 1, 0, 1 }, { 1, 0, 0 }, { 0, 0, 1 }, { 0, 0, 0 },
	};

	if (cfg->have_override[bar])
		return cfg->bar_override[bar][ch];
	return rgb[bar][ch] ? RAW_MAX : 0;
}

/* The bar of array column ax: bar i covers [i * W / 8, (i + 1) * W / 8). */
static int bar_of_column(int ax)
{
	for (int i = 0; i < 8; i++)
		if (ax >= i * ARRAY_W / 8 && ax < (i + 1) * ARRAY_W / 8)
			return i;
	return 7;
}

/* Array column of crop column x (readout, with hflip reversing it). */
static int array_x(const struct config *cfg, int x)
{
	return cfg->hflip ? cfg->crop_left + cfg->crop_w - 1 - x : cfg->crop_left + x;
}

static int array_y(const struct config *cfg, int y)
{
	return cfg->vflip ? cfg->crop_top + cfg->crop_h - 1 - y : cfg->crop_top + y;
}

/*
 * The raw frame (crop_w x crop_h, 12-bit) and each sample's colour. Gain 1x:
 * level = min(4095, 0 + ((p * 256 + 128) >> 8)) = p.
 */
static void render_raw(const struct config *cfg, uint16_t *raw, uint8_t *chan)
{
	for (int y = 0; y < cfg->crop_h; y++) {
		for (int x = 0; x < cfg->crop_w; x++) {
			int ax = array_x(cfg, x), ay = array_y(cfg, y);
			int ch = array_channel(ax, ay);
			int p = bar_level(cfg, bar_of_column(ax), ch);
			int level = (p * 256 + 128) >> 8;

			raw[y * cfg->crop_w + x] = level > RAW_MAX ? RAW_MAX : level;
			chan[y * cfg->crop_w + x] = ch;
		}
	}
}

/* The Bayer order of the output: the colours of its top-left 2x2 cell. */
static const char *order_name(const struct config *cfg)
{
	int c00 = array_channel(array_x(cfg, 0), array_y(cfg, 0));
	int c10 = array_channel(array_x(cfg, 1), array_y(cfg, 0));

	if (c00 == 0)
		return "RGGB";
	if (c00 == 2)
		return "BGGR";
	return c10 == 0 ? "GRBG" : "GBRG";
}

/* ---- Reference: the ISP (isp.hpp, vcam-config.h) ----------------------- */

/* The default tone curve: the sRGB transfer function at x_i = min(64 i, 4095). */
static void srgb_points(int pts[VCAM_ISP_GAMMA_POINTS])
{
	for (int i = 0; i < VCAM_ISP_GAMMA_POINTS; i++) {
		int xi = 64 * i > RAW_MAX ? RAW_MAX : 64 * i;
		double l = xi / (double)RAW_MAX;
		double v = l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055;

		pts[i] = (int)lround(v * RAW_MAX);
	}
}

/* Step 5: 12-bit linear -> 8-bit, through the curve. */
static int gamma8(const int pts[VCAM_ISP_GAMMA_POINTS], int v)
{
	int i = v / 64;
	int x0, x1, y;

	if (i >= VCAM_ISP_GAMMA_POINTS - 1)
		i = VCAM_ISP_GAMMA_POINTS - 2;
	x0 = 64 * i;
	x1 = 64 * (i + 1) > RAW_MAX ? RAW_MAX : 64 * (i + 1);
	/* linear interpolation, rounded to nearest */
	y = (int)lround(pts[i] + (double)(pts[i + 1] - pts[i]) * (v - x0) / (x1 - x0));
	return (y * 255 + 2047) / 4095;
}

/* Step 6: 8-bit R'G'B' -> the output encoding's three components. */
static void encode(enum enc e, const int rgb[3], int out[3])
{
	double kr, kb, kg, y, cb, cr;

	if (e == ENC_RGB) {
		out[0] = rgb[0], out[1] = rgb[1], out[2] = rgb[2];
		return;
	}
	kr = e == ENC_709_FULL || e == ENC_709_LIM ? 0.2126 : 0.299;
	kb = e == ENC_709_FULL || e == ENC_709_LIM ? 0.0722 : 0.114;
	kg = 1 - kr - kb;
	y = kr * rgb[0] + kg * rgb[1] + kb * rgb[2];
	cb = 128 + (rgb[2] - y) / (2 * (1 - kb));
	cr = 128 + (rgb[0] - y) / (2 * (1 - kr));
	if (e == ENC_601_LIM || e == ENC_709_LIM) {
		y = 16 + 219.0 / 255 * y;
		cb = 128 + 224.0 / 255 * (cb - 128);
		cr = 128 + 224.0 / 255 * (cr - 128);
	}
	out[0] = (int)lround(y);
	out[1] = (int)lround(cb);
	out[2] = (int)lround(cr);
	for (int i = 0; i < 3; i++)
		out[i] = out[i] < 0 ? 0 : out[i] > 255 ? 255 : out[i];
}

/* Mirror about the edge samples: -1 reads 1, n reads n - 2. */
static int mirror(int i, int n)
{
	if (i < 0)
		return -i;
	if (i >= n)
		return 2 * (n - 1) - i;
	return i;
}

/*
 * Steps 1-6 on the raw frame: black level 0 (out = (in * 4095 + 2047) /
 * 4095 = in), unity white balance ((in * 256 + 128) >> 8 = in), bilinear
 * debayer, identity CCM, gamma, encoding. Writes the 8-bit R'G'B' (for the
 * histogram) and the encoded frame, 3 components per pixel.
 */
static void run_isp(const struct config *cfg, const uint16_t *raw, const uint8_t *chan,
		    uint8_t *rgb8, uint8_t *out)
{
	int w = cfg->crop_w, h = cfg->crop_h;
	int pts[VCAM_ISP_GAMMA_POINTS];
	uint16_t *lin = malloc(sizeof(*lin) * w * h);

	srgb_points(pts);
	for (int i = 0; i < w * h; i++) {
		int v = raw[i];

		v = (v * 4095 + 4095 / 2) / 4095; /* black level 0 */
		v = (v * 256 + 128) >> 8; /* gain 1.0 */
		lin[i] = v > RAW_MAX ? RAW_MAX : v;
	}
#define S(xx, yy) lin[mirror(yy, h) * w + mirror(xx, w)]
#define C(xx, yy) chan[mirror(yy, h) * w + mirror(xx, w)]
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			int c = C(x, y), px[3], g[3], e[3];

			px[c] = S(x, y);
			if (c != 1) {
				px[1] = (S(x - 1, y) + S(x + 1, y) + S(x, y - 1) + S(x, y + 1) + 2) / 4;
				px[2 - c] = (S(x - 1, y - 1) + S(x + 1, y - 1) + S(x - 1, y + 1) +
					     S(x + 1, y + 1) + 2) / 4;
			} else {
				int rowc = C(x + 1, y), colc = C(x, y + 1);

				px[rowc] = (S(x - 1, y) + S(x + 1, y) + 1) / 2;
				px[colc] = (S(x, y - 1) + S(x, y + 1) + 1) / 2;
			}
			/* identity CCM: clamp((1024 * in + 512) >> 10) = in */
			for (int k = 0; k < 3; k++)
				g[k] = gamma8(pts, px[k]);
			encode(cfg->enc, g, e);
			for (int k = 0; k < 3; k++) {
				rgb8[(y * w + x) * 3 + k] = g[k];
				out[(y * w + x) * 3 + k] = e[k];
			}
		}
	}
#undef S
#undef C
	free(lin);
}

/* ---- Reference: the resizer (resize.hpp) -------------------------------- */

/*
 * Source position of output index o, Q8: s = (o + 1/2) * in / out - 1/2,
 * clamped to [0, in - 1], fraction truncated to 1/256.
 */
static long src_q8(int o, int in, int out)
{
	/* s * 256 = ((2o + 1) * in - out) * 256 / (2 out) */
	long num = ((2L * o + 1) * in - out) * 256;
	long s;

	if (num < 0)
		return 0;
	s = num / (2L * out);
	if (s > (long)(in - 1) * 256)
		s = (long)(in - 1) * 256;
	return s;
}

/* Scale the crop of the ISP frame to ow x oh, 3 components per pixel. */
static void resize(const struct config *cfg, const uint8_t *isp, int ow, int oh, uint8_t *out)
{
	int iw = cfg->crop_w;

	for (int y = 0; y < oh; y++) {
		long sy = src_q8(y, cfg->rc_h, oh);
		int y0 = sy >> 8, fy = sy & 255;
		int y1 = y0 + 1 < cfg->rc_h ? y0 + 1 : y0;

		for (int x = 0; x < ow; x++) {
			long sx = src_q8(x, cfg->rc_w, ow);
			int x0 = sx >> 8, fx = sx & 255;
			int x1 = x0 + 1 < cfg->rc_w ? x0 + 1 : x0;

			for (int k = 0; k < 3; k++) {
#define P(xx, yy) isp[((cfg->rc_top + (yy)) * iw + cfg->rc_left + (xx)) * 3 + k]
				long h0 = P(x0, y0) * (256L - fx) + P(x1, y0) * (long)fx;
				long h1 = P(x0, y1) * (256L - fx) + P(x1, y1) * (long)fx;
				long v = h0 * (256 - fy) + h1 * fy;
#undef P
				out[(y * ow + x) * 3 + k] = (v + 32768) >> 16;
			}
		}
	}
}

/* ---- Flatness: which output pixels are away from every bar edge ---------- */

/* True if ISP columns [lo, hi] (clamped) lie inside one colour bar. */
static int isp_span_flat(const struct config *cfg, int lo, int hi)
{
	int b;

	lo = lo < 0 ? 0 : lo;
	hi = hi >= cfg->crop_w ? cfg->crop_w - 1 : hi;
	b = bar_of_column(array_x(cfg, lo));
	for (int x = lo; x <= hi; x++)
		if (bar_of_column(array_x(cfg, x)) != b)
			return 0;
	return 1;
}

/*
 * Output column x is flat if every ISP column its value can depend on lies in
 * one bar: the two taps at the source position (and the chroma pair's
 * partner: x ^ 1 for 4:2:x), each widened by the debayer's one-column reach.
 */
static void flat_columns(const struct config *cfg, int ow, int subsampled, uint8_t *flat)
{
	for (int x = 0; x < ow; x++) {
		int xa = subsampled ? x & ~1 : x, xb = subsampled ? x | 1 : x;
		long sa = src_q8(xa, cfg->rc_w, ow), sb = src_q8(xb < ow ? xb : x, cfg->rc_w, ow);
		int lo = cfg->rc_left + (int)(sa >> 8) - 1;
		int hi = cfg->rc_left + (int)(sb >> 8) + 2;

		flat[x] = isp_span_flat(cfg, lo, hi);
	}
}

/* ---- Capture ------------------------------------------------------------ */

struct stream {
	const char *path;
	int fd;
	enum v4l2_buf_type type;
	unsigned int nbufs;
	void *mem[8];
	size_t len[8];
	unsigned int sizeimage;
	/* per-frame bookkeeping */
	int frames;
	long long last_ts;
	long long last_seq;
	int ts_ok, mono_ok, field_ok, size_ok, seq_ok, gaps;
	FILE *in; /* --file: frames read from here, not captured */
};

/* --file: the frames another program captured from the node, back to back. */
static const char *in_file;

static void stream_open(struct stream *s, const char *path, enum v4l2_buf_type type)
{
	memset(s, 0, sizeof(*s));
	s->path = path;
	s->type = type;
	s->fd = open(path, O_RDWR);
	if (s->fd < 0)
		die("open %s: %s", path, strerror(errno));
	s->last_seq = -1;
	s->last_ts = -1;
	s->ts_ok = s->mono_ok = s->field_ok = s->size_ok = s->seq_ok = 1;
}

static void stream_start(struct stream *s)
{
	struct v4l2_requestbuffers rb = { .count = 4, .type = s->type, .memory = V4L2_MEMORY_MMAP };

	if (in_file && s->type == V4L2_BUF_TYPE_VIDEO_CAPTURE) {
		s->in = fopen(in_file, "rb");
		if (!s->in)
			die("open %s: %s", in_file, strerror(errno));
		s->len[0] = s->sizeimage;
		s->mem[0] = malloc(s->sizeimage);
		if (!s->mem[0])
			die("out of memory");
		return;
	}
	if (xioctl(s->fd, VIDIOC_REQBUFS, &rb) < 0 || rb.count < 2)
		die("%s: VIDIOC_REQBUFS: %s", s->path, strerror(errno));
	s->nbufs = rb.count > 8 ? 8 : rb.count;
	for (unsigned int i = 0; i < s->nbufs; i++) {
		struct v4l2_buffer b = { .index = i, .type = s->type, .memory = V4L2_MEMORY_MMAP };

		if (xioctl(s->fd, VIDIOC_QUERYBUF, &b) < 0)
			die("%s: VIDIOC_QUERYBUF: %s", s->path, strerror(errno));
		s->len[i] = b.length;
		s->mem[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd,
				 b.m.offset);
		if (s->mem[i] == MAP_FAILED)
			die("%s: mmap: %s", s->path, strerror(errno));
		if (xioctl(s->fd, VIDIOC_QBUF, &b) < 0)
			die("%s: VIDIOC_QBUF: %s", s->path, strerror(errno));
	}
	if (xioctl(s->fd, VIDIOC_STREAMON, &s->type) < 0)
		die("%s: VIDIOC_STREAMON: %s", s->path, strerror(errno));
}

/* Dequeue one buffer (10 s timeout); checks the per-frame metadata. */
static int stream_dq(struct stream *s, struct v4l2_buffer *b)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	long long ts;

	if (s->in) {
		if (fread(s->mem[0], 1, s->sizeimage, s->in) != s->sizeimage)
			die("%s: %d whole frame(s) of %u bytes only", in_file, s->frames, s->sizeimage);
		memset(b, 0, sizeof(*b));
		s->frames++;
		return 0;
	}
	if (poll(&pfd, 1, 10000) <= 0)
		die("%s: no frame within 10 s", s->path);
	memset(b, 0, sizeof(*b));
	b->type = s->type;
	b->memory = V4L2_MEMORY_MMAP;
	if (xioctl(s->fd, VIDIOC_DQBUF, b) < 0)
		die("%s: VIDIOC_DQBUF: %s", s->path, strerror(errno));
	if (b->flags & V4L2_BUF_FLAG_ERROR)
		die("%s: buffer %u returned with V4L2_BUF_FLAG_ERROR", s->path, b->index);
	ts = b->timestamp.tv_sec * 1000000000LL + b->timestamp.tv_usec * 1000LL;
	if ((b->flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) != V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC)
		s->mono_ok = 0;
	if (ts < s->last_ts)
		s->ts_ok = 0;
	if (s->type == V4L2_BUF_TYPE_VIDEO_CAPTURE && b->field != V4L2_FIELD_NONE)
		s->field_ok = 0;
	if (b->bytesused != s->sizeimage)
		s->size_ok = 0;
	if (s->last_seq >= 0 && (long long)b->sequence <= s->last_seq)
		s->seq_ok = 0;
	if (s->last_seq >= 0 && (long long)b->sequence > s->last_seq + 1) {
		printf("# %s: sequence %lld -> %u: %lld frame(s) dropped\n", s->path, s->last_seq,
		       b->sequence, b->sequence - s->last_seq - 1);
		s->gaps++;
	}
	s->last_seq = b->sequence;
	s->last_ts = ts;
	s->frames++;
	return b->index;
}

static void stream_q(struct stream *s, struct v4l2_buffer *b)
{
	if (s->in)
		return;
	if (xioctl(s->fd, VIDIOC_QBUF, b) < 0)
		die("%s: VIDIOC_QBUF: %s", s->path, strerror(errno));
}

static void stream_stop(struct stream *s)
{
	struct v4l2_requestbuffers rb = { .count = 0, .type = s->type, .memory = V4L2_MEMORY_MMAP };

	if (s->in) {
		/* Exactly the frames asked for: no partial frame left over. */
		check(fgetc(s->in) == EOF, "%s: exactly %d frame(s)", in_file, s->frames);
		fclose(s->in);
		free(s->mem[0]);
		close(s->fd);
		return;
	}
	if (xioctl(s->fd, VIDIOC_STREAMOFF, &s->type) < 0)
		die("%s: VIDIOC_STREAMOFF: %s", s->path, strerror(errno));
	for (unsigned int i = 0; i < s->nbufs; i++)
		munmap(s->mem[i], s->len[i]);
	xioctl(s->fd, VIDIOC_REQBUFS, &rb);
	close(s->fd);
}

static void stream_report(struct stream *s)
{
	if (s->in) {
		printf("# %s: frames from %s: no buffer metadata to check\n", s->path, in_file);
		return;
	}
	check(s->mono_ok, "%s: V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC on every buffer", s->path);
	check(s->ts_ok, "%s: timestamps non-decreasing", s->path);
	check(s->seq_ok, "%s: sequence strictly increasing (%d gap(s))", s->path, s->gaps);
	if (s->type == V4L2_BUF_TYPE_VIDEO_CAPTURE)
		check(s->field_ok, "%s: field NONE", s->path);
	check(s->size_ok, "%s: bytesused == %u", s->path, s->sizeimage);
}

static struct v4l2_pix_format get_pix(struct stream *s)
{
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	if (xioctl(s->fd, VIDIOC_G_FMT, &f) < 0)
		die("%s: VIDIOC_G_FMT: %s", s->path, strerror(errno));
	s->sizeimage = f.fmt.pix.sizeimage;
	return f.fmt.pix;
}

static void fourcc_str(uint32_t f, char *s)
{
	for (int i = 0; i < 4; i++)
		s[i] = (f >> (8 * i)) & 0xff;
	s[4] = 0;
}

/* ---- raw ---------------------------------------------------------------- */

static const struct {
	uint32_t pixfmt;
	const char *order;
	int bits;
} raw_formats[] = {
	{ V4L2_PIX_FMT_SRGGB8, "RGGB", 8 },   { V4L2_PIX_FMT_SGRBG8, "GRBG", 8 },
	{ V4L2_PIX_FMT_SGBRG8, "GBRG", 8 },   { V4L2_PIX_FMT_SBGGR8, "BGGR", 8 },
	{ V4L2_PIX_FMT_SRGGB10, "RGGB", 10 }, { V4L2_PIX_FMT_SGRBG10, "GRBG", 10 },
	{ V4L2_PIX_FMT_SGBRG10, "GBRG", 10 }, { V4L2_PIX_FMT_SBGGR10, "BGGR", 10 },
	{ V4L2_PIX_FMT_SRGGB12, "RGGB", 12 }, { V4L2_PIX_FMT_SGRBG12, "GRBG", 12 },
	{ V4L2_PIX_FMT_SGBRG12, "GBRG", 12 }, { V4L2_PIX_FMT_SBGGR12, "BGGR", 12 },
};

static int mode_raw(const char *node, int frames, struct config *cfg)
{
	struct stream s;
	struct v4l2_pix_format pix;
	int bits = 0, idx = -1;
	char fcc[5];
	uint16_t *raw;
	uint8_t *chan;
	long bad_total = 0;

	stream_open(&s, node, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	pix = get_pix(&s);
	fourcc_str(pix.pixelformat, fcc);
	for (unsigned int i = 0; i < ARRAY_SIZE(raw_formats); i++)
		if (raw_formats[i].pixfmt == pix.pixelformat)
			idx = i, bits = raw_formats[i].bits;
	if (idx < 0)
		die("%s: %s is not a Bayer format", node, fcc);
	printf("# %s: %s %ux%u bytesperline %u sizeimage %u\n", node, fcc, pix.width, pix.height,
	       pix.bytesperline, pix.sizeimage);
	if (!cfg->have_crop)
		die("raw: the sensor crop is needed: --sensor <subdev> or --crop L,T");
	if (cfg->crop_w <= 0)
		cfg->crop_w = pix.width, cfg->crop_h = pix.height;
	check(pix.width == (unsigned int)cfg->crop_w && pix.height == (unsigned int)cfg->crop_h,
	      "%s: frame size %ux%u is the sensor crop's %dx%d", node, pix.width, pix.height,
	      cfg->crop_w, cfg->crop_h);
	if (pix.width != (unsigned int)cfg->crop_w || pix.height != (unsigned int)cfg->crop_h)
		return 1;
	check(!strcmp(raw_formats[idx].order, order_name(cfg)),
	      "%s: Bayer order %s is the crop's (%d,%d)%s%s order %s", node, raw_formats[idx].order,
	      cfg->crop_left, cfg->crop_top, cfg->hflip ? " hflip" : "",
	      cfg->vflip ? " vflip" : "", order_name(cfg));

	raw = malloc(sizeof(*raw) * cfg->crop_w * cfg->crop_h);
	chan = malloc(cfg->crop_w * cfg->crop_h);
	render_raw(cfg, raw, chan);

	stream_start(&s);
	for (int n = 0; n < frames; n++) {
		struct v4l2_buffer b;
		int i = stream_dq(&s, &b);
		const uint8_t *p = s.mem[i];
		long bad = 0;
		int fx = -1, fy = -1, got = 0, want = 0;

		for (int y = 0; y < cfg->crop_h; y++) {
			const uint8_t *row = p + (size_t)y * pix.bytesperline;

			for (int x = 0; x < cfg->crop_w; x++) {
				int v = raw[y * cfg->crop_w + x];
				int w = bits == 8 ? v >> 4 : bits == 10 ? v >> 2 : v;
				int g = bits == 8 ? row[x] : row[2 * x] | row[2 * x + 1] << 8;

				if (g != w) {
					if (!bad)
						fx = x, fy = y, got = g, want = w;
					bad++;
				}
			}
		}
		if (bad)
			printf("# frame %u: %ld samples differ, first at (%d,%d): %d, expected %d\n",
			       b.sequence, bad, fx, fy, got, want);
		bad_total += bad;
		stream_q(&s, &b);
	}
	stream_stop(&s);
	check(bad_total == 0, "%s: %d frames %s %dx%d bit-exact with the reference bars (%ld differ)",
	      node, frames, fcc, cfg->crop_w, cfg->crop_h, bad_total);
	stream_report(&s);
	free(raw);
	free(chan);
	return 0;
}

/* ---- main / self -------------------------------------------------------- */

/*
 * Build the reference in the node's pixel layout, component by component:
 * for every byte of the captured image, the expected value and whether it is
 * flat (exact) or near an edge (tolerance).
 */
struct layout {
	int subsampled; /* chroma shared by horizontal pairs */
	int ycbcr;
};

static void expected_image(const struct v4l2_pix_format *pix, const uint8_t *rs,
			   const uint8_t *flatcol, uint8_t *exp, uint8_t *flat, uint8_t *used)
{
	int w = pix->width, h = pix->height, bpl = pix->bytesperline;

	memset(used, 0, pix->sizeimage);
#define R(xx, yy, k) rs[((yy) * w + (xx)) * 3 + (k)]
#define PUT(off, val, fl) (exp[off] = (val), flat[off] = (fl), used[off] = 1)
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			size_t o = (size_t)y * bpl;
			int fl = flatcol[x];

			switch (pix->pixelformat) {
			case V4L2_PIX_FMT_YUYV:
			case V4L2_PIX_FMT_UYVY: {
				int yi = pix->pixelformat == V4L2_PIX_FMT_YUYV ? 0 : 1;
				int ci = 1 - yi, xe = x & ~1;
				int k = x & 1 ? 2 : 1; /* Cb at even x's slot, Cr at odd */
				int c = (R(xe, y, k) + R(xe + 1, y, k) + 1) / 2;

				PUT(o + 2 * x + yi, R(x, y, 0), fl);
				PUT(o + 2 * x + ci, c, fl);
				break;
			}
			case V4L2_PIX_FMT_NV12:
			case V4L2_PIX_FMT_NV16: {
				size_t uv = (size_t)bpl * h;
				int xe = x & ~1;

				PUT(o + x, R(x, y, 0), fl);
				if (pix->pixelformat == V4L2_PIX_FMT_NV16) {
					int k = x & 1 ? 2 : 1;
					int c = (R(xe, y, k) + R(xe + 1, y, k) + 1) / 2;

					PUT(uv + (size_t)y * bpl + x, c, fl);
				} else if (!(y & 1)) {
					int k = x & 1 ? 2 : 1;
					int c = (R(xe, y, k) + R(xe + 1, y, k) + R(xe, y + 1, k) +
						 R(xe + 1, y + 1, k) + 2) / 4;

					PUT(uv + (size_t)(y / 2) * bpl + x, c, fl);
				}
				break;
			}
			case V4L2_PIX_FMT_RGB24:
				for (int k = 0; k < 3; k++)
					PUT(o + 3 * x + k, R(x, y, k), fl);
				break;
			case V4L2_PIX_FMT_XBGR32:
				for (int k = 0; k < 3; k++)
					PUT(o + 4 * x + k, R(x, y, 2 - k), fl);
				PUT(o + 4 * x + 3, 0xff, 1);
				break;
			}
		}
	}
#undef R
#undef PUT
}

static int is_processed(uint32_t f)
{
	return f == V4L2_PIX_FMT_YUYV || f == V4L2_PIX_FMT_UYVY || f == V4L2_PIX_FMT_NV12 ||
	       f == V4L2_PIX_FMT_NV16 || f == V4L2_PIX_FMT_RGB24 || f == V4L2_PIX_FMT_XBGR32;
}

/* The full reference of a processed node: raw -> ISP -> resizer -> layout. */
struct reference {
	uint16_t *raw;
	uint8_t *chan;
	uint8_t *rgb8; /* ISP R'G'B', for the histogram */
	uint8_t *isp; /* ISP output, encoded */
};

static void build_isp_reference(struct config *cfg, struct reference *ref)
{
	size_t n = (size_t)cfg->crop_w * cfg->crop_h;

	ref->raw = malloc(n * sizeof(*ref->raw));
	ref->chan = malloc(n);
	ref->rgb8 = malloc(n * 3);
	ref->isp = malloc(n * 3);
	render_raw(cfg, ref->raw, ref->chan);
	run_isp(cfg, ref->raw, ref->chan, ref->rgb8, ref->isp);
}

static void need_pipeline(struct config *cfg, uint32_t pixfmt)
{
	if (!cfg->have_crop)
		die("the sensor crop is needed: --sensor <subdev>, or --crop L,T with --isp");
	if (cfg->crop_w <= 0) {
		if (cfg->isp_w <= 0)
			die("the sensor crop size is unknown: --sensor or --isp");
		cfg->crop_w = cfg->isp_w;
		cfg->crop_h = cfg->isp_h;
	}
	if (cfg->isp_w > 0 && (cfg->isp_w != cfg->crop_w || cfg->isp_h != cfg->crop_h))
		die("ISP sink %dx%d differs from the sensor's %dx%d", cfg->isp_w, cfg->isp_h,
		    cfg->crop_w, cfg->crop_h);
	/*
	 * The ISP's sink crop is a window of the sensor's output, processed as a
	 * frame of its own (the debayer mirrors at its edges as at a frame's):
	 * the reference renders that window as the sensor's crop (flips mirror
	 * the window's position in the array). Its source crop is a window of
	 * the processed frame, composed with the resizer's crop of it.
	 */
	if (cfg->have_isp_crop) {
		const struct v4l2_rect *in = &cfg->isp_in, *out = &cfg->isp_out;

		if (in->left + (int)in->width > cfg->crop_w || in->top + (int)in->height > cfg->crop_h ||
		    out->left + (int)out->width > (int)in->width ||
		    out->top + (int)out->height > (int)in->height)
			die("ISP crops outside their bounds");
		cfg->crop_left += cfg->hflip ? cfg->crop_w - in->left - (int)in->width : in->left;
		cfg->crop_top += cfg->vflip ? cfg->crop_h - in->top - (int)in->height : in->top;
		cfg->crop_w = in->width;
		cfg->crop_h = in->height;
		if (!cfg->have_rcrop) {
			cfg->rc_left = cfg->rc_top = 0;
			cfg->rc_w = out->width;
			cfg->rc_h = out->height;
			cfg->have_rcrop = 1;
		}
		cfg->rc_left += out->left;
		cfg->rc_top += out->top;
	}
	if (!cfg->have_enc)
		cfg->enc = pixfmt == V4L2_PIX_FMT_RGB24 || pixfmt == V4L2_PIX_FMT_XBGR32 ? ENC_RGB :
											ENC_601_LIM;
	if (!cfg->have_rcrop) {
		cfg->rc_left = cfg->rc_top = 0;
		cfg->rc_w = cfg->crop_w;
		cfg->rc_h = cfg->crop_h;
	}
	if (cfg->rc_left < 0 || cfg->rc_top < 0 || cfg->rc_left + cfg->rc_w > cfg->crop_w ||
	    cfg->rc_top + cfg->rc_h > cfg->crop_h)
		die("resizer crop (%d,%d)/%dx%d outside the %dx%d ISP frame", cfg->rc_left,
		    cfg->rc_top, cfg->rc_w, cfg->rc_h, cfg->crop_w, cfg->crop_h);
}

static int mode_main(const char *node, int frames, struct config *cfg)
{
	struct stream s;
	struct v4l2_pix_format pix;
	struct reference ref;
	char fcc[5];
	uint8_t *rs, *flatcol, *exp, *flat, *used;
	long exact_bad = 0, over = 0, counted = 0, flat_n = 0;
	double sum_abs = 0;
	int max_edge = 0;

	stream_open(&s, node, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	pix = get_pix(&s);
	fourcc_str(pix.pixelformat, fcc);
	if (!is_processed(pix.pixelformat))
		die("%s: %s is not a processed format", node, fcc);
	printf("# %s: %s %ux%u bytesperline %u sizeimage %u\n", node, fcc, pix.width, pix.height,
	       pix.bytesperline, pix.sizeimage);
	need_pipeline(cfg, pix.pixelformat);
	check((cfg->enc == ENC_RGB) ==
		      (pix.pixelformat == V4L2_PIX_FMT_RGB24 || pix.pixelformat == V4L2_PIX_FMT_XBGR32),
	      "%s: %s matches the ISP's output (%s)", node, fcc,
	      cfg->enc == ENC_RGB ? "R'G'B'" : "Y'CbCr");
	printf("# reference: sensor crop (%d,%d)/%dx%d -> ISP %dx%d enc %d\n", cfg->crop_left,
	       cfg->crop_top, cfg->crop_w, cfg->crop_h, cfg->crop_w, cfg->crop_h, cfg->enc);
	printf("# reference: resizer crop (%d,%d)/%dx%d -> %ux%u %s\n", cfg->rc_left, cfg->rc_top,
	       cfg->rc_w, cfg->rc_h, pix.width, pix.height, fcc);

	build_isp_reference(cfg, &ref);
	rs = malloc((size_t)pix.width * pix.height * 3);
	resize(cfg, ref.isp, pix.width, pix.height, rs);
	flatcol = malloc(pix.width);
	flat_columns(cfg, pix.width, pix.pixelformat != V4L2_PIX_FMT_RGB24 &&
					     pix.pixelformat != V4L2_PIX_FMT_XBGR32, flatcol);
	exp = malloc(pix.sizeimage);
	flat = malloc(pix.sizeimage);
	used = malloc(pix.sizeimage);
	expected_image(&pix, rs, flatcol, exp, flat, used);

	stream_start(&s);
	for (int n = 0; n < frames; n++) {
		struct v4l2_buffer b;
		int i = stream_dq(&s, &b);
		const uint8_t *p = s.mem[i];
		long first = -1, bad = 0;

		for (size_t o = 0; o < pix.sizeimage; o++) {
			int d;

			if (!used[o])
				continue;
			d = abs((int)p[o] - (int)exp[o]);
			counted++;
			sum_abs += d;
			if (flat[o]) {
				flat_n++;
				if (d) {
					exact_bad++;
					bad++;
					if (first < 0)
						first = o;
				}
			} else {
				if (d > max_edge)
					max_edge = d;
				if (d > 2) {
					over++;
					bad++;
					if (first < 0)
						first = o;
				}
			}
		}
		if (bad)
			printf("# frame %u: %ld out of tolerance, first at %ld (row %ld): %u, not %u (%s)\n",
			       b.sequence, bad, first, first / pix.bytesperline, p[first], exp[first],
			       flat[first] ? "flat" : "edge");
		stream_q(&s, &b);
	}
	stream_stop(&s);
	check(exact_bad == 0, "%s: %d frames: flat components bit-exact (%ld of %ld differ)", node,
	      frames, exact_bad, flat_n);
	check(over == 0, "%s: components near bar edges within 2 (max |difference| %d)", node,
	      max_edge);
	check(counted && sum_abs / counted <= 0.5, "%s: mean |difference| %.4f <= 0.5", node,
	      counted ? sum_abs / counted : 0.0);
	stream_report(&s);
	return 0;
}

/* ---- stats -------------------------------------------------------------- */

static int luma(const uint8_t *rgb)
{
	return (77 * rgb[0] + 150 * rgb[1] + 29 * rgb[2] + 128) >> 8;
}

/* Zone c of n covers [c * size / n, (c + 1) * size / n): the one holding i. */
static int zone_of(int i, int size, int n)
{
	for (int c = 0; c < n; c++)
		if (i >= c * size / n && i < (c + 1) * size / n)
			return c;
	return n - 1;
}

static int mode_stats(const char *node, int frames, const char *main_node, struct config *cfg)
{
	struct stream st, mn;
	struct v4l2_format f = { .type = V4L2_BUF_TYPE_META_CAPTURE };
	struct reference ref;
	uint32_t zsum[VCAM_ISP_STATS_ZONE_ROWS * VCAM_ISP_STATS_ZONE_COLS][3] = { { 0 } };
	uint32_t zcnt[VCAM_ISP_STATS_ZONE_ROWS * VCAM_ISP_STATS_ZONE_COLS][3] = { { 0 } };
	uint32_t hist[256] = { 0 }, flat_bar[8] = { 0 };
	int bar_bin[8];
	long edge_px = 0;
	int w, h, bad_hdr = 0, bad_zone = 0, bad_hist = 0, bad_bars = 0;
	long max_l1 = 0;

	if (!main_node)
		die("stats: --main <video> is needed (the ISP runs while main streams)");
	stream_open(&st, node, V4L2_BUF_TYPE_META_CAPTURE);
	if (xioctl(st.fd, VIDIOC_G_FMT, &f) < 0)
		die("%s: VIDIOC_G_FMT: %s", node, strerror(errno));
	st.sizeimage = f.fmt.meta.buffersize;
	check(f.fmt.meta.buffersize >= sizeof(struct vcam_isp_stats),
	      "%s: buffer size %u >= sizeof(struct vcam_isp_stats) %zu", node,
	      f.fmt.meta.buffersize, sizeof(struct vcam_isp_stats));
	stream_open(&mn, main_node, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	get_pix(&mn);
	need_pipeline(cfg, V4L2_PIX_FMT_YUYV);
	w = cfg->crop_w;
	h = cfg->crop_h;

	/* Reference statistics. */
	build_isp_reference(cfg, &ref);
	for (int y = 0; y < h; y++) {
		int r = zone_of(y, h, VCAM_ISP_STATS_ZONE_ROWS);

		for (int x = 0; x < w; x++) {
			int ch = ref.chan[y * w + x];
			int z = r * VCAM_ISP_STATS_ZONE_COLS + zone_of(x, w, VCAM_ISP_STATS_ZONE_COLS);
			int isflat = isp_span_flat(cfg, x - 1, x + 1);

			zsum[z][ch] += ref.raw[y * w + x];
			zcnt[z][ch]++;
			hist[luma(ref.rgb8 + (y * w + x) * 3)]++;
			if (isflat)
				flat_bar[bar_of_column(array_x(cfg, x))]++;
			else
				edge_px++;
		}
	}
	for (int i = 0; i < 8; i++) {
		uint8_t g[3];

		for (int k = 0; k < 3; k++)
			g[k] = bar_level(cfg, i, k) == RAW_MAX ? 255 : bar_level(cfg, i, k) == 0 ? 0 :
				-1;
		bar_bin[i] = luma(g);
	}

	stream_start(&mn);
	stream_start(&st);
	for (int n = 0; n < frames; n++) {
		struct v4l2_buffer b, mb;
		int i = stream_dq(&st, &b);
		const struct vcam_isp_stats *s = st.mem[i];
		long l1 = 0;

		/* keep main flowing */
		while (1) {
			struct pollfd pfd = { .fd = mn.fd, .events = POLLIN };

			if (poll(&pfd, 1, 0) <= 0)
				break;
			stream_dq(&mn, &mb);
			stream_q(&mn, &mb);
		}
		if (s->version != VCAM_ISP_STATS_VERSION || s->sequence != b.sequence ||
		    s->width != (unsigned int)w || s->height != (unsigned int)h ||
		    s->zone_cols != VCAM_ISP_STATS_ZONE_COLS ||
		    s->zone_rows != VCAM_ISP_STATS_ZONE_ROWS || s->reserved ||
		    s->hist_total != (uint32_t)(w * h)) {
			printf("# frame %u: version %u sequence %u %ux%u zones %ux%u total %u\n",
			       b.sequence, s->version, s->sequence, s->width, s->height,
			       s->zone_cols, s->zone_rows, s->hist_total);
			bad_hdr++;
		}
		for (int z = 0; z < VCAM_ISP_STATS_ZONE_ROWS * VCAM_ISP_STATS_ZONE_COLS; z++)
			for (int k = 0; k < 3; k++)
				if (s->zones[z].sum[k] != zsum[z][k] ||
				    s->zones[z].count[k] != zcnt[z][k]) {
					if (!bad_zone)
						printf("# frame %u zone %d ch %d: %u %u, not %u %u\n",
						       b.sequence, z, k,
						       s->zones[z].sum[k], s->zones[z].count[k],
						       zsum[z][k], zcnt[z][k]);
					bad_zone++;
				}
		for (int k = 0; k < 256; k++)
			l1 += labs((long)s->hist[k] - (long)hist[k]);
		if (l1 > max_l1)
			max_l1 = l1;
		if (l1 > 2 * edge_px) {
			printf("# frame %u: histogram differs by %ld (> 2 x %ld edge pixels)\n",
			       b.sequence, l1, edge_px);
			bad_hist++;
		}
		for (int k = 0; k < 8; k++) {
			uint32_t want = 0;

			for (int j = 0; j < 8; j++)
				if (bar_bin[j] == bar_bin[k])
					want += flat_bar[j];
			if (s->hist[bar_bin[k]] < want) {
				printf("# frame %u: bar %d bin %d holds %u < %u flat pixels\n",
				       b.sequence, k, bar_bin[k], s->hist[bar_bin[k]], want);
				bad_bars++;
			}
		}
		stream_q(&st, &b);
	}
	stream_stop(&st);
	stream_stop(&mn);
	check(!bad_hdr, "%s: %d buffers: version, sequence, %dx%d, %dx%d zones, hist_total %d",
	      node, frames, w, h, VCAM_ISP_STATS_ZONE_COLS, VCAM_ISP_STATS_ZONE_ROWS, w * h);
	check(!bad_zone, "%s: AWB zone sums and counts bit-exact (%d differ)", node, bad_zone);
	check(!bad_bars, "%s: each bar's luma bin holds its flat pixels", node);
	check(!bad_hist, "%s: histogram within 2 x %ld edge pixels of the reference (L1 <= %ld)",
	      node, edge_px, max_l1);
	stream_report(&st);
	return 0;
}

/* ---- main --------------------------------------------------------------- */

static void die_usage(const char *argv0)
{
	fprintf(stderr,
		"usage: %s raw|main|stats <video> <frames> [--sensor <subdev>] [--crop L,T]\n"
		"       [--hflip] [--vflip] [--isp <subdev>] [--resizer <subdev>]\n"
		"       [--rcrop L,T,W,H] [--main <video>] [--expect-bar I=R,G,B]\n"
		"       [--file <frames>]\n",
		argv0);
	exit(2);
}

static int vcam_check(int argc, char **argv)
{
	struct config cfg;
	const char *mode, *node, *main_node = NULL, *sensor = NULL, *isp = NULL, *rsz = NULL;
	int frames;

	memset(&cfg, 0, sizeof(cfg));
	if (argc < 4)
		die_usage(argv[0]);
	mode = argv[1];
	node = argv[2];
	frames = atoi(argv[3]);
	if (frames < 1)
		die_usage(argv[0]);
	for (int i = 4; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--hflip")) {
			cfg.hflip = 1;
			continue;
		}
		if (!strcmp(a, "--vflip")) {
			cfg.vflip = 1;
			continue;
		}
		if (!v)
			die_usage(argv[0]);
		i++;
		if (!strcmp(a, "--sensor")) {
			sensor = v;
		} else if (!strcmp(a, "--isp")) {
			isp = v;
		} else if (!strcmp(a, "--resizer")) {
			rsz = v;
		} else if (!strcmp(a, "--file")) {
			in_file = v;
		} else if (!strcmp(a, "--main")) {
			main_node = v;
		} else if (!strcmp(a, "--crop")) {
			if (sscanf(v, "%d,%d", &cfg.crop_left, &cfg.crop_top) != 2)
				die_usage(argv[0]);
			cfg.have_crop = 1;
		} else if (!strcmp(a, "--rcrop")) {
			if (sscanf(v, "%d,%d,%d,%d", &cfg.rc_left, &cfg.rc_top, &cfg.rc_w,
				   &cfg.rc_h) != 4)
				die_usage(argv[0]);
			cfg.have_rcrop = 1;
		} else if (!strcmp(a, "--expect-bar")) {
			int b, r, g, bl;

			if (sscanf(v, "%d=%d,%d,%d", &b, &r, &g, &bl) != 4 || b < 0 || b > 7)
				die_usage(argv[0]);
			cfg.bar_override[b][0] = r;
			cfg.bar_override[b][1] = g;
			cfg.bar_override[b][2] = bl;
			cfg.have_override[b] = 1;
		} else {
			die_usage(argv[0]);
		}
	}
	if (sensor)
		query_sensor(sensor, &cfg);
	if (isp)
		query_isp(isp, &cfg);
	if (rsz)
		query_resizer(rsz, &cfg);

	if (!strcmp(mode, "raw"))
		mode_raw(node, frames, &cfg);
	else if (!strcmp(mode, "main"))
		mode_main(node, frames, &cfg);
	else if (!strcmp(mode, "stats"))
		mode_stats(node, frames, main_node, &cfg);
	else
		die_usage(argv[0]);
	printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	return vcam_check(argc, argv);
}
