// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the vcam frame library (drivers/media/vcam/frame/). The
 * bodies are C++ (frame_cases.cpp); this file registers them and gives them
 * memory. Timing is not a test: the frame library's benchmark is
 * scripts/vcam/frame-bench/ (and make bench for the driver).
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "frame_cases.h"

void *vcam_test_alloc(struct kunit *test, size_t size);

void *vcam_test_alloc(struct kunit *test, size_t size)
{
	return kunit_kzalloc(test, size, GFP_KERNEL);
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
	KUNIT_CASE(vcam_test_rk1_legacy_params),
	KUNIT_CASE(vcam_test_rk1_ext_params),
	KUNIT_CASE(vcam_test_rk1_stats),
	KUNIT_CASE(vcam_test_rk1_ae_grid),
	{}
};

static struct kunit_suite vcam_frame_suite = {
	.name = "vcam_frame",
	.test_cases = vcam_frame_cases,
};

kunit_test_suite(vcam_frame_suite);

MODULE_DESCRIPTION("KUnit tests for the vcam frame library");
MODULE_LICENSE("GPL");
