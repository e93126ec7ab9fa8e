// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the vcam frame library (drivers/media/vcam/frame/). The
 * bodies are C++ (frame_cases.cpp); this file registers them and gives them
 * memory. Timing is not a test: the frame library's benchmark is
 * scripts/bench/run.py --frame-host (and make bench for the driver).
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <kcxx/kunit.h>

/* The C++ bodies, each case a declarator of one declaration. */
void
#include "frame_cases.h"
	kcxx_kunit_cases_end(void);

#include <kcxx/kunit-cases.h>

void *vcam_test_alloc(struct kunit *test, size_t size);

void *vcam_test_alloc(struct kunit *test, size_t size)
{
	return kunit_kzalloc(test, size, GFP_KERNEL);
}

static struct kunit_case vcam_frame_cases[] = {
#include "frame_cases.h"
	{}
};

static struct kunit_suite vcam_frame_suite = {
	.name = "vcam_frame",
	.test_cases = vcam_frame_cases,
};

kunit_test_suite(vcam_frame_suite);

MODULE_DESCRIPTION("KUnit tests for the vcam frame library");
MODULE_LICENSE("GPL");
