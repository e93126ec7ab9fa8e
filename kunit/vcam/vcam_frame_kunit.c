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

KCXX_KUNIT_SUITE(vcam_frame_suite, "vcam_frame", VCAM_FRAME_CASES);

kunit_test_suite(vcam_frame_suite);

MODULE_DESCRIPTION("KUnit tests for the vcam frame library");
MODULE_LICENSE("GPL");
