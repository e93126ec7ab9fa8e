// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the vcam frame library (drivers/media/vcam/frame/). The
 * bodies are C++ (frame_cases.cpp); this file registers them, gives them
 * memory, and times a 1080p frame through each stage (reported, not
 * asserted: the test kernel runs with every debug option).
 */
#include <kunit/test.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "frame_cases.h"

void *vcam_test_alloc(struct kunit *test, size_t size);

void *vcam_test_alloc(struct kunit *test, size_t size)
{
	return kunit_kzalloc(test, size, GFP_KERNEL);
}

static u64 bench_ns(struct vcam_bench *b, int step, void *dst, const void *src,
		    size_t len)
{
	u64 best = U64_MAX;
	int i;

	for (i = 0; i < 3; i++) {
		u64 t0 = ktime_get_ns();

		if (dst)
			memcpy(dst, src, len);
		else if (vcam_bench_step(b, step))
			return 0;
		best = min(best, ktime_get_ns() - t0);
	}
	return best;
}

static void vcam_test_bench_1080p(struct kunit *test)
{
	unsigned long sz[6];
	struct vcam_bench b;
	void **bufs[] = { &b.raw, &b.isp_out, &b.out, &b.tables, &b.scratch,
			  &b.stats };
	u64 render, isp, resize, down, copy;
	int i;

	vcam_bench_sizes(sz);
	for (i = 0; i < ARRAY_SIZE(bufs); i++)
		*bufs[i] = NULL;
	for (i = 0; i < ARRAY_SIZE(bufs); i++) {
		*bufs[i] = vzalloc(sz[i]);
		if (!*bufs[i])
			goto out;
	}
	KUNIT_ASSERT_EQ(test, vcam_bench_step(&b, VCAM_BENCH_SETUP), 0);
	render = bench_ns(&b, VCAM_BENCH_RENDER, NULL, NULL, 0);
	isp = bench_ns(&b, VCAM_BENCH_ISP, NULL, NULL, 0);
	resize = bench_ns(&b, VCAM_BENCH_RESIZE, NULL, NULL, 0);
	down = bench_ns(&b, VCAM_BENCH_RESIZE_DOWN, NULL, NULL, 0);
	copy = bench_ns(&b, 0, b.out, b.isp_out, sz[2]);
	KUNIT_EXPECT_NE(test, render, 0);
	KUNIT_EXPECT_NE(test, isp, 0);
	KUNIT_EXPECT_NE(test, resize, 0);
	KUNIT_EXPECT_NE(test, down, 0);
	kunit_info(test,
		   "1920x1080 best of 3 (us): render %llu, isp %llu, resize 1:1 YUYV %llu, resize to 1280x720 YUYV %llu, memcpy of a YUYV frame %llu\n",
		   render / 1000, isp / 1000, resize / 1000, down / 1000,
		   copy / 1000);
out:
	for (i = 0; i < ARRAY_SIZE(bufs); i++)
		vfree(*bufs[i]);
	KUNIT_EXPECT_TRUE(test, b.stats != NULL);
}

static struct kunit_case vcam_frame_cases[] = {
	KUNIT_CASE(vcam_test_bayer_flip_orders),
	KUNIT_CASE(vcam_test_colour_bars_each_order),
	KUNIT_CASE(vcam_test_colour_bars_75),
	KUNIT_CASE(vcam_test_sensor_flip_and_crop),
	KUNIT_CASE(vcam_test_sensor_patterns_gain),
	KUNIT_CASE(vcam_test_sensor_noise),
	KUNIT_CASE(vcam_test_sensor_bad_config),
	KUNIT_CASE(vcam_test_raw_writer_depths),
	KUNIT_CASE(vcam_test_isp_params),
	KUNIT_CASE(vcam_test_isp_blc_wb),
	KUNIT_CASE(vcam_test_debayer_flat),
	KUNIT_CASE(vcam_test_debayer_edge),
	KUNIT_CASE(vcam_test_ccm),
	KUNIT_CASE(vcam_test_gamma_lut),
	KUNIT_CASE(vcam_test_csc_pure_colours),
	KUNIT_CASE(vcam_test_isp_stats),
	KUNIT_CASE(vcam_test_isp_full_frame),
	KUNIT_CASE(vcam_test_resize_identity),
	KUNIT_CASE(vcam_test_resize_down2),
	KUNIT_CASE(vcam_test_resize_up2),
	KUNIT_CASE(vcam_test_resize_crop),
	KUNIT_CASE(vcam_test_writers_layout),
	KUNIT_CASE(vcam_test_resize_bad_config),
	KUNIT_CASE_SLOW(vcam_test_bench_1080p),
	{}
};

static struct kunit_suite vcam_frame_suite = {
	.name = "vcam_frame",
	.test_cases = vcam_frame_cases,
};

kunit_test_suite(vcam_frame_suite);

MODULE_DESCRIPTION("KUnit tests for the vcam frame library");
MODULE_LICENSE("GPL");
