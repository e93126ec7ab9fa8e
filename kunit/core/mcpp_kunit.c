// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of the mcpp core, registered from the case lists of cases.h.
 * The bodies are C++ (*_cases.cpp) and use the C ABI as a driver would, plus
 * the kernel-argument entry points and hooks of include/mcpp/test.h. A
 * platform device registered here is the parent of every /dev/mediaN the
 * suites create.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/platform_device.h>

#include "cases.h"

static struct platform_device *mcpp_kunit_pdev;

struct device *mcpp_kunit_parent(void);
struct device *mcpp_kunit_parent(void)
{
	return &mcpp_kunit_pdev->dev;
}

KCXX_KUNIT_SUITE(lifetime_suite, "mcpp_lifetime", MCPP_LIFETIME_CASES);
KCXX_KUNIT_SUITE(race_suite, "mcpp_races", MCPP_RACES_CASES);
KCXX_KUNIT_SUITE(uapi_suite, "mcpp_uapi", MCPP_UAPI_CASES);
KCXX_KUNIT_SUITE(cxx_driver_suite, "mcpp_cxx_driver", MCPP_CXX_DRIVER_CASES);
KCXX_KUNIT_SUITE(alloc_suite, "mcpp_alloc", MCPP_ALLOC_CASES);

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
