// SPDX-License-Identifier: GPL-2.0
/*
 * lc-frames: look at frames libcamera's cam wrote (--file), one per file,
 * as the buffer's planes back to back.
 *
 *   lc-frames bars <NV12|YUYV> <width> <height> <left>,<span>,<array> <file>...
 *   lc-frames grey <NV12|YUYV> <width> <height> <file>...
 *
 * bars: each frame must show the part of vcam's eight colour bars (white,
 * yellow, cyan, green, magenta, red, blue, black, equal widths across an
 * array <array> photosites wide) that the sensor reads out: array columns
 * <left> to <left> + <span>, scaled to <width>. Of every bar visible over at
 * least 16 output columns, in the middle half of its columns: Y' is flat
 * (standard deviation <= 4), the bars' mean Y' falls from left to right,
 * white and black are neutral (|Cb - 128| and |Cr - 128| <= 12), and each
 * colour has the chroma signs of its hue (yellow Cb < 116, cyan Cr < 116,
 * green both, magenta both > 140, red Cr > 140, blue Cb > 140). What the 3A loops and the tone curve do to the levels is not
 * judged here; the picture's geometry and colours are. One "ok"/"not ok"
 * line per frame; exit status 0 only if all passed.
 *
 * grey: for each frame, the means over the middle half (both directions) of
 * Y', and of R', G', B' from full-range BT.601 Y'CbCr, and the ratios R'/G'
 * and B'/G': "frame <i> y <Y> r <R> g <G> b <B> rg <R/G> bg <B/G>".
 *
 * The sizes are the stream's; the stride is the width (what cam's NV12 and
 * YUYV buffers have on vcam).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct frame {
	int yuyv; /* 0: NV12 */
	unsigned int w, h;
	uint8_t *d;
};

static void pix(const struct frame *f, unsigned int x, unsigned int y, int *Y, int *cb, int *cr)
{
	if (f->yuyv) {
		const uint8_t *p = f->d + (size_t)y * f->w * 2 + (x & ~1u) * 2;

		*Y = p[(x & 1) ? 2 : 0];
		*cb = p[1];
		*cr = p[3];
	} else {
		const uint8_t *uv = f->d + (size_t)f->w * f->h + (size_t)(y / 2) * f->w + (x & ~1u);

		*Y = f->d[(size_t)y * f->w + x];
		*cb = uv[0];
		*cr = uv[1];
	}
}

static int load(struct frame *f, const char *path)
{
	size_t want = f->yuyv ? (size_t)f->w * f->h * 2 : (size_t)f->w * f->h * 3 / 2;
	FILE *fp = fopen(path, "rb");
	size_t got;

	if (!fp) {
		printf("not ok %s: cannot open\n", path);
		return -1;
	}
	got = fread(f->d, 1, want, fp);
	fclose(fp);
	if (got != want) {
		printf("not ok %s: %zu bytes, want %zu\n", path, got, want);
		return -1;
	}
	return 0;
}

/* Means (and Y' deviation) over [x0, x1) x [y0, y1). */
static void region(const struct frame *f, unsigned int x0, unsigned int x1, unsigned int y0,
		   unsigned int y1, double m[3], double *ysd)
{
	double s[3] = { 0 }, yy = 0;
	double n = (double)(x1 - x0) * (y1 - y0);

	for (unsigned int y = y0; y < y1; y++)
		for (unsigned int x = x0; x < x1; x++) {
			int Y, cb, cr;

			pix(f, x, y, &Y, &cb, &cr);
			s[0] += Y;
			s[1] += cb;
			s[2] += cr;
			yy += (double)Y * Y;
		}
	for (int i = 0; i < 3; i++)
		m[i] = s[i] / n;
	if (ysd)
		*ysd = sqrt(fmax(0, yy / n - m[0] * m[0]));
}

static unsigned int win_left, win_span, win_array;

/* Output column of array column a (may be outside the frame). */
static long out_col(const struct frame *f, long a)
{
	return (a - (long)win_left) * (long)f->w / (long)win_span;
}

static int check_bars(const struct frame *f, const char *path)
{
	static const char *const name[8] = { "white",	"yellow", "cyan", "green",
					     "magenta", "red",	  "blue", "black" };
	double m[8][3], sd[8];
	int seen[8] = { 0 }, prev = -1, nseen = 0;
	char why[256] = "";

	for (unsigned int i = 0; i < 8; i++) {
		long a = out_col(f, (long)i * win_array / 8);
		long b = out_col(f, (long)(i + 1) * win_array / 8);
		long q;

		a = a < 0 ? 0 : a;
		b = b > (long)f->w ? (long)f->w : b;
		if (b - a < 16)
			continue;
		q = (b - a) / 4;
		seen[i] = 1;
		nseen++;
		region(f, a + q, b - q, f->h / 4, f->h * 3 / 4, m[i], &sd[i]);
		if (sd[i] > 4 && !*why)
			snprintf(why, sizeof(why), "%s bar not flat (Y' sd %.1f)", name[i], sd[i]);
		if (prev >= 0 && m[i][0] >= m[prev][0] && !*why)
			snprintf(why, sizeof(why), "%s Y' %.1f not below %s's %.1f", name[i],
				 m[i][0], name[prev], m[prev][0]);
		prev = i;
	}
	if (nseen < 2 && !*why)
		snprintf(why, sizeof(why), "fewer than 2 bars in view");
	for (unsigned int i = 0; i < 8 && !*why; i++) {
		if (!seen[i])
			continue;
		double cb = m[i][1], cr = m[i][2];
		int ok = 1;

		switch (i) {
		case 0:
		case 7:
			ok = fabs(cb - 128) <= 12 && fabs(cr - 128) <= 12;
			break;
		case 1:
			ok = cb < 116;
			break;
		case 2:
			ok = cr < 116;
			break;
		case 3:
			ok = cb < 116 && cr < 116;
			break;
		case 4:
			ok = cb > 140 && cr > 140;
			break;
		case 5:
			ok = cr > 140;
			break;
		case 6:
			ok = cb > 140;
			break;
		}
		if (!ok)
			snprintf(why, sizeof(why), "%s bar Cb %.1f Cr %.1f", name[i], cb, cr);
	}
	if (*why) {
		printf("not ok %s: %s\n", path, why);
		return -1;
	}
	printf("ok %s: %d bars\n", path, nseen);
	return 0;
}

int main(int argc, char **argv)
{
	struct frame f;
	int fails = 0;

	int first = 5;

	if (argc > 5 && !strcmp(argv[1], "bars")) {
		if (sscanf(argv[5], "%u,%u,%u", &win_left, &win_span, &win_array) != 3 ||
		    !win_span || !win_array) {
			fprintf(stderr, "bars: <left>,<span>,<array>\n");
			return 2;
		}
		first = 6;
	}
	if (argc <= first || (strcmp(argv[1], "bars") && strcmp(argv[1], "grey")) ||
	    (strcmp(argv[2], "NV12") && strcmp(argv[2], "YUYV"))) {
		fprintf(stderr,
			"usage: %s bars|grey NV12|YUYV <width> <height> [<left>,<span>,<array>] <file>...\n",
			argv[0]);
		return 2;
	}
	f.yuyv = !strcmp(argv[2], "YUYV");
	f.w = strtoul(argv[3], NULL, 0);
	f.h = strtoul(argv[4], NULL, 0);
	if (f.w < 16 || f.h < 16 || f.w > 8192 || f.h > 8192 || (f.w & 1) || (f.h & 1)) {
		fprintf(stderr, "bad size\n");
		return 2;
	}
	f.d = malloc((size_t)f.w * f.h * 2);
	if (!f.d)
		return 2;
	for (int i = first; i < argc; i++) {
		if (load(&f, argv[i])) {
			fails++;
			continue;
		}
		if (argv[1][0] == 'b') {
			fails += check_bars(&f, argv[i]) != 0;
		} else {
			double m[3], r, g, b;

			region(&f, f.w / 4, f.w * 3 / 4, f.h / 4, f.h * 3 / 4, m, NULL);
			r = m[0] + 1.402 * (m[2] - 128);
			g = m[0] - 0.344136 * (m[1] - 128) - 0.714136 * (m[2] - 128);
			b = m[0] + 1.772 * (m[1] - 128);
			printf("frame %d y %.1f r %.1f g %.1f b %.1f rg %.3f bg %.3f\n", i - first, m[0],
			       r, g, b, g > 0 ? r / g : 0, g > 0 ? b / g : 0);
		}
	}
	free(f.d);
	return fails ? 1 : 0;
}
