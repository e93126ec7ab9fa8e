// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of the mcpp core, registered from the case lists *_cases.h.
 * The bodies are C++ (*_cases.cpp) and use the C ABI as a driver would, plus
 * the kernel-argument entry points and hooks of include/mcpp/test.h. A
 * platform device registered here is the parent of every /dev/mediaN the
 * suites create.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#include <kcxx/kunit.h>

/* The C++ bodies, each case a declarator of one declaration. */
void
#include "lifetime_cases.h"
#include "race_cases.h"
#include "uapi_cases.h"
#include "v4l2_cases.h"
#include "alloc_cases.h"
	kcxx_kunit_cases_end(void);

#include <kcxx/kunit-cases.h>

static struct platform_device *mcpp_kunit_pdev;

struct device *mcpp_kunit_parent(void);
struct device *mcpp_kunit_parent(void)
{
	return &mcpp_kunit_pdev->dev;
}

static struct kunit_case lifetime_cases[] = {
#include "lifetime_cases.h"
	{}
};

static struct kunit_suite lifetime_suite = {
	.name = "mcpp_lifetime",
	.test_cases = lifetime_cases,
};

static struct kunit_case race_cases[] = {
#include "race_cases.h"
	{}
};

static struct kunit_suite race_suite = {
	.name = "mcpp_races",
	.test_cases = race_cases,
};

static struct kunit_case uapi_cases[] = {
#include "uapi_cases.h"
	{}
};

static struct kunit_suite uapi_suite = {
	.name = "mcpp_uapi",
	.test_cases = uapi_cases,
};

static struct kunit_case cxx_driver_cases[] = {
#include "v4l2_cases.h"
	{}
};

static struct kunit_suite cxx_driver_suite = {
	.name = "mcpp_cxx_driver",
	.test_cases = cxx_driver_cases,
};

static struct kunit_case alloc_cases[] = {
#include "alloc_cases.h"
	{}
};

static struct kunit_suite alloc_suite = {
	.name = "mcpp_alloc",
	.test_cases = alloc_cases,
};

kunit_test_suites(&lifetime_suite, &race_suite, &uapi_suite, &cxx_driver_suite, &alloc_suite);

/* KUnit runs the suites once the module is live, after this init. */
static int __init mcpp_kunit_init(void)
{
	mcpp_kunit_pdev = platform_device_register_simple("mcpp-kunit", -1, NULL, 0);
	return PTR_ERR_OR_ZERO(mcpp_kunit_pdev);
}

static void __exit mcpp_kunit_exit(void)
{
	platform_device_unregister(mcpp_kunit_pdev);
}

module_init(mcpp_kunit_init);
module_exit(mcpp_kunit_exit);

MODULE_DESCRIPTION("KUnit tests for the mcpp media controller core");
MODULE_LICENSE("GPL");
