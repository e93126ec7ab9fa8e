// SPDX-License-Identifier: GPL-2.0
/*
 * Host benchmark and bit-exactness check of the vcam frame library against
 * another revision of it: scripts/bench/run.py --frame-host. Userspace.
 *   frame-bench [REPS [CONFIGS [exhaustive]]]
 */
#include "job.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static uint64_t rs = 88172645463325252ull;
static uint32_t rnd()
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (uint32_t)(rs >> 11);
}
static uint32_t rr(uint32_t lo, uint32_t hi)
{
	return lo + rnd() % (hi - lo + 1);
}
static const uint16_t srgb[65] = {
	0,    539,  794,  982,	1136, 1268, 1386, 1493, 1591, 1683, 1768, 1849, 1926,
	1999, 2068, 2135, 2200, 2262, 2322, 2380, 2436, 2491, 2544, 2596, 2646, 2695,
	2743, 2790, 2836, 2882, 2926, 2969, 3012, 3053, 3094, 3135, 3174, 3213, 3252,
	3290, 3327, 3364, 3400, 3436, 3471, 3506, 3540, 3574, 3607, 3640, 3673, 3705,
	3737, 3769, 3800, 3831, 3862, 3892, 3922, 3951, 3981, 4010, 4039, 4067, 4095,
};
static const size_t MAXPIX = 1920 * 1080 + 4096;
struct Side {
	Bufs b;
	int (*run)(const Job *, Bufs *, int);
};
static Side mk(int (*run)(const Job *, Bufs *, int), unsigned long (*sz)(int))
{
	Side s{};
	s.run = run;
	s.b.raw = (uint16_t *)aligned_alloc(64, MAXPIX * 2 + 64);
	s.b.isp_out = (uint8_t *)aligned_alloc(64, MAXPIX * 3 + 64);
	s.b.out = (uint8_t *)aligned_alloc(64, MAXPIX * 11 + 64);
	s.b.stats = aligned_alloc(64, 8192);
	s.b.tables = aligned_alloc(64, (sz(0) + 63) / 64 * 64);
	s.b.scratch = aligned_alloc(64, (sz(1) + 63) / 64 * 64);
	return s;
}
static void poison(Side &s)
{
	memset(s.b.raw, 0xa5, MAXPIX * 2);
	memset(s.b.isp_out, 0x5a, MAXPIX * 3);
	memset(s.b.out, 0x3c, MAXPIX * 11);
	memset(s.b.stats, 0xc3, 8192);
}
static double now()
{
	timespec t;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
static bool even_fmt(int f)
{
	return f <= 3;
}

static Job random_job(bool big)
{
	Job j{};
	j.array_w = big ? 1920 : rr(2, 300);
	j.array_h = big ? 1080 : rr(2, 120);
	j.array_order = rr(0, 3);
	uint32_t cw = rr(2, j.array_w), ch = rr(2, j.array_h);
	if (rnd() % 3 == 0) {
		cw = j.array_w;
		ch = j.array_h;
	}
	j.crop[0] = rr(0, j.array_w - cw);
	j.crop[1] = rr(0, j.array_h - ch);
	j.crop[2] = cw;
	j.crop[3] = ch;
	j.hflip = rnd() & 1;
	j.vflip = rnd() & 1;
	j.pattern = rr(0, 4);
	j.bars_75 = rnd() & 1;
	j.checker_shift = rr(0, 6);
	for (auto &v : j.solid)
		v = rr(0, 4095);
	j.gain = rnd() % 4 ? rr(0, 1024) : rr(0, 65535);
	j.pedestal = rnd() % 2 ? 0 : rr(0, 4095);
	j.frame_number = rnd();
	j.black_level = rnd() % 3 ? rr(0, 300) : rr(0, 4094);
	for (auto &v : j.wb)
		v = rnd() % 4 == 0 ? 256 : rnd() % 4 ? rr(0, 1200) : rr(0, 65535);
	int ck = rnd() % 4;
	for (int i = 0; i < 9; i++)
		j.ccm[i] = ck == 0 ? (i % 4 == 0 ? 1024 : 0) :
			   ck == 1 ? (int16_t)(rnd() % 3 == 0 ? -32768 :
					       rnd() % 2      ? 32767 :
								rr(0, 65535)) :
				     (int16_t)((i % 4 == 0 ? 1400 : -200) + (int)rr(0, 400) - 200);
	int gk = rnd() % 3;
	for (int i = 0; i < 65; i++)
		j.gamma[i] = gk == 0 ? srgb[i] :
			     gk == 1 ? (64 * i < 4095 ? 64 * i : 4095) :
				       rr(0, 4095);
	j.format = rr(0, 5);
	j.encoding = (j.format >= 4) ? 0 : rr(1, 4);
	j.stats = rnd() & 1;
	uint32_t w = cw, h = ch;
	uint32_t rcw = rnd() % 2 ? w : rr(1, w), rch = rnd() % 2 ? h : rr(1, h);
	j.rcrop[0] = rr(0, w - rcw);
	j.rcrop[1] = rr(0, h - rch);
	j.rcrop[2] = rcw;
	j.rcrop[3] = rch;
	int sk = rnd() % 3;
	j.out_w = sk == 0 ? rcw : rr(1, big ? 1920 : 400);
	j.out_h = sk == 0 ? rch : rr(1, big ? 1080 : 200);
	if (even_fmt(j.format)) {
		j.out_w = (j.out_w + 1) & ~1u;
	}
	if (j.format == 2)
		j.out_h = (j.out_h + 1) & ~1u;
	return j;
}
static size_t out_bytes(const Job &j)
{
	static const int bpp[6] = { 2, 2, 1, 1, 3, 4 };
	size_t n = (size_t)j.out_w * bpp[j.format] * j.out_h;
	if (j.format == 2)
		n += j.out_w * j.out_h / 2;
	if (j.format == 3)
		n += j.out_w * j.out_h;
	return n;
}
static int compare(Side &a, Side &b, int n, bool big)
{
	int bad = 0;
	for (int k = 0; k < n; k++) {
		Job j = random_job(big);
		poison(a);
		poison(b);
		int r1[4], r2[4];
		for (int st = 0; st < 4; st++) {
			r1[st] = a.run(&j, &a.b, st);
			r2[st] = b.run(&j, &b.b, st);
		}
		if (k %
		    2) { /* the exposed stages: debayer_frame, then ccm/output/blc_wb rows on its output */
			r1[3] |= a.run(&j, &a.b, 5);
			r2[3] |= b.run(&j, &b.b, 5);
			r1[3] |= a.run(&j, &a.b, 6);
			r2[3] |= b.run(&j, &b.b, 6);
		}
		size_t px = (size_t)j.crop[2] * j.crop[3];
		bool ok = !memcmp(r1, r2, sizeof r1) && !memcmp(a.b.raw, b.b.raw, MAXPIX * 2) &&
			  !memcmp(a.b.isp_out, b.b.isp_out, MAXPIX * 3) &&
			  !memcmp(a.b.out, b.b.out, MAXPIX * 11) &&
			  !memcmp(a.b.stats, b.b.stats, 5656);
		if (r1[2] || r1[3]) {
			static int c;
			if (c++ < 3)
				printf("note: job %d ret %d %d %d %d\n", k, r1[0], r1[1], r1[2],
				       r1[3]);
		}
		/* The driver's whole path (one row loop at 1:1 where the build has it). */
		poison(a);
		poison(b);
		int p1[3], p2[3];
		for (int st = 0; st < 2; st++) {
			p1[st] = a.run(&j, &a.b, st);
			p2[st] = b.run(&j, &b.b, st);
		}
		p1[2] = a.run(&j, &a.b, ST_PIPELINE);
		p2[2] = b.run(&j, &b.b, ST_PIPELINE);
		bool pok = !memcmp(p1, p2, sizeof p1) && !memcmp(a.b.out, b.b.out, MAXPIX * 11) &&
			   !memcmp(a.b.stats, b.b.stats, 5656);
		if (!pok) {
			bad++;
			if (bad < 5)
				printf("MISMATCH (pipeline) job %d: crop %ux%u fmt %d stats %d out %ux%u rc %u,%u,%u,%u ret %d/%d\n",
				       k, j.crop[2], j.crop[3], j.format, j.stats, j.out_w, j.out_h,
				       j.rcrop[0], j.rcrop[1], j.rcrop[2], j.rcrop[3], p1[2], p2[2]);
		}
		if (!ok) {
			bad++;
			if (bad < 5)
				printf("MISMATCH job %d: %ux%u crop %u,%u %ux%u pat %d enc %d fmt %d stats %d out %ux%u rc %u,%u,%u,%u ret %d/%d %d/%d %d/%d raw %d isp %d out %d st %d\n",
				       k, j.array_w, j.array_h, j.crop[0], j.crop[1], j.crop[2],
				       j.crop[3], j.pattern, j.encoding, j.format, j.stats, j.out_w,
				       j.out_h, j.rcrop[0], j.rcrop[1], j.rcrop[2], j.rcrop[3],
				       r1[1], r2[1], r1[2], r2[2], r1[3], r2[3],
				       !!memcmp(a.b.raw, b.b.raw, MAXPIX * 2),
				       !!memcmp(a.b.isp_out, b.b.isp_out, MAXPIX * 3),
				       !!memcmp(a.b.out, b.b.out, MAXPIX * 11),
				       !!memcmp(a.b.stats, b.b.stats, 5656));
		}
		(void)px;
	}
	return bad;
}
static void pr(const char *what, double o, double n)
{
	printf("  %-28s base %8.3f ms  new %8.3f ms  (%5.2f ns/px -> %5.2f ns/px)  x%.2f\n", what,
	       o, n, o * 1e6 / (1920 * 1080), n * 1e6 / (1920 * 1080), o / n);
}
static void cmp2(Side &o, Side &n, const char *what, const Job &j, int st, int reps)
{
	o.run(&j, &o.b, ST_SETUP);
	o.run(&j, &o.b, ST_RENDER);
	if (st == ST_RESIZE)
		o.run(&j, &o.b, ST_ISP);
	n.run(&j, &n.b, ST_SETUP);
	n.run(&j, &n.b, ST_RENDER);
	if (st == ST_RESIZE)
		n.run(&j, &n.b, ST_ISP);
	if (st == ST_PIPELINE && o.run(&j, &o.b, st) != n.run(&j, &n.b, st)) {
		printf("  %s: the two libraries disagree\n", what);
		return;
	}
	double bo = 1e9, bn = 1e9;
	for (int i = 0; i < reps; i++) {
		double t0 = now();
		o.run(&j, &o.b, st);
		double t1 = now();
		n.run(&j, &n.b, st);
		double t2 = now();
		if (t1 - t0 < bo)
			bo = t1 - t0;
		if (t2 - t1 < bn)
			bn = t2 - t1;
	}
	pr(what, bo, bn);
}
static void bench2(Side &o, Side &n, int reps)
{
	Job d{};
	d.array_w = 1920;
	d.array_h = 1080;
	d.crop[2] = 1920;
	d.crop[3] = 1080;
	d.gain = 256;
	d.checker_shift = 5;
	d.wb[0] = d.wb[1] = d.wb[2] = 256;
	d.ccm[0] = d.ccm[4] = d.ccm[8] = 1024;
	memcpy(d.gamma, srgb, sizeof srgb);
	d.encoding = 2; /* bt601 limited */
	d.rcrop[2] = 1920;
	d.rcrop[3] = 1080;
	d.out_w = 1920;
	d.out_h = 1080;
	d.format = 0;
	Job k = d; /* the kunit bench config */
	k.gain = 300;
	k.pedestal = 64;
	k.encoding = 4;
	k.black_level = 64;
	k.wb[0] = 400;
	k.wb[2] = 450;
	static const int16_t m[9] = { 1536, -256, -256, -512, 2048, -512, 0, -200, 1224 };
	memcpy(k.ccm, m, sizeof m);
	k.stats = true;
	Job kn = k;
	kn.stats = false;
	Job nz = d;
	nz.pattern = 4;
	Job h = d;
	h.out_w = 640;
	h.out_h = 480;
	Job n12 = d;
	n12.format = 2;
	cmp2(o, n, "render bars", d, ST_RENDER, reps);
	cmp2(o, n, "render noise", nz, ST_RENDER, reps);
	cmp2(o, n, "isp bars default", d, ST_ISP, reps);
	cmp2(o, n, "isp noise default", nz, ST_ISP, reps);
	cmp2(o, n, "isp bars ccm", kn, ST_ISP, reps);
	cmp2(o, n, "isp bars ccm+stats", k, ST_ISP, reps);
	cmp2(o, n, "resize 1:1 yuyv", d, ST_RESIZE, reps);
	cmp2(o, n, "resize 1:1 nv12", n12, ST_RESIZE, reps);
	cmp2(o, n, "resize ->640x480 yuyv", h, ST_RESIZE, reps);
	cmp2(o, n, "isp + 1:1 yuyv (driver)", d, ST_PIPELINE, reps);
	cmp2(o, n, "isp + 1:1 nv12 (driver)", n12, ST_PIPELINE, reps);
	cmp2(o, n, "isp + 1:1 yuyv, noise (driver)", nz, ST_PIPELINE, reps);
	Job nz12 = nz;
	nz12.format = 2;
	cmp2(o, n, "isp + 1:1 nv12, noise (driver)", nz12, ST_PIPELINE, reps);
}
int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 15;
	int ncmp = argc > 2 ? atoi(argv[2]) : 600;
	Side o = mk(base_run, base_size), n = mk(new_run, new_size);
	if (argc > 3) { /* exhaustive step 6: every 8-bit R'G'B' in every encoding */
		Job j{};
		j.wb[0] = j.wb[1] = j.wb[2] = 256;
		j.ccm[0] = j.ccm[4] = j.ccm[8] = 1024;
		for (int i = 0; i < 65; i++)
			j.gamma[i] = 64 * i < 4095 ? 64 * i : 4095;
		uint16_t x8[256];
		for (int x = 4095; x >= 0; x--)
			x8[(x * 255 + 2047) / 4095] = x;
		long bad = 0;
		for (int e = 0; e <= 4; e++) {
			j.encoding = e;
			o.run(&j, &o.b, ST_SETUP);
			n.run(&j, &n.b, ST_SETUP);
			for (int r = 0; r < 256; r++) {
				for (int i = 0; i < 65536; i++) {
					uint16_t *p = o.b.raw + 3 * i;
					p[0] = x8[r];
					p[1] = x8[i >> 8];
					p[2] = x8[i & 255];
				}
				memcpy(n.b.raw, o.b.raw, 65536 * 6);
				o.b.rw = n.b.rw = 65536;
				o.run(&j, &o.b, 4);
				n.run(&j, &n.b, 4);
				if (memcmp(o.b.isp_out, n.b.isp_out, 65536 * 3))
					bad++;
			}
		}
		printf("exhaustive step 6 (5 encodings x 2^24 R'G'B'): %ld mismatching blocks\n",
		       bad);
	}
	if (ncmp) {
		int bad = compare(o, n, ncmp, false) + compare(o, n, ncmp / 30 + 1, true);
		printf("compare: %d mismatching of %d configurations\n", bad, ncmp + ncmp / 30 + 1);
		if (bad)
			return 1;
	}
	size_t yb = 1920 * 1080 * 2;
	uint8_t *s1 = (uint8_t *)aligned_alloc(64, yb), *s2 = (uint8_t *)aligned_alloc(64, yb);
	memset(s1, 1, yb);
	memset(s2, 2, yb);
	double mb = 1e9;
	for (int i = 0; i < reps * 4; i++) {
		double t0 = now();
		memcpy(s2, s1, yb);
		__asm__ volatile("" ::: "memory");
		double t = now() - t0;
		if (t < mb)
			mb = t;
	}
	printf("memcpy 1080p YUYV (%zu bytes): %.3f ms = %.3f ns/px\n", yb, mb,
	       mb * 1e6 / (1920 * 1080));
	bench2(o, n, reps);
	return 0;
}
