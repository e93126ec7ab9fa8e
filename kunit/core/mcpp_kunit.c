// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of the mcpp core. The bodies are C++ (*_cases.cpp) and use the
 * C ABI as a driver would, plus the kernel-argument entry points and hooks of
 * include/mcpp/test.h. Most cases wait for a release that
 * DEBUG_KOBJECT_RELEASE delays by seconds, hence KUNIT_CASE_SLOW. A platform device registered here is the parent of
 * every /dev/mediaN the suites create.
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

static struct kunit_case lifetime_cases[] = {
	KUNIT_CASE_SLOW(mcpp_test_release_after_last_reference),
	KUNIT_CASE_SLOW(mcpp_test_unregister_with_files_open),
	KUNIT_CASE_SLOW(mcpp_test_open_after_unregister_fails),
	KUNIT_CASE_SLOW(mcpp_test_minor_reused_only_after_release),
	KUNIT_CASE_SLOW(mcpp_test_entity_outlives_graph_removal),
	KUNIT_CASE_SLOW(mcpp_test_create_bad_arguments),
	{}
};

static struct kunit_suite lifetime_suite = {
	.name = "mcpp_lifetime",
	.test_cases = lifetime_cases,
};

static struct kunit_case race_cases[] = {
	KUNIT_CASE_SLOW(mcpp_test_race_ioctl_vs_unregister),
	KUNIT_CASE_SLOW(mcpp_test_race_open_vs_unregister),
	KUNIT_CASE_SLOW(mcpp_test_race_setup_link_vs_unregister),
	KUNIT_CASE_SLOW(mcpp_test_race_walk_vs_entity_removal),
	KUNIT_CASE_SLOW(mcpp_test_race_threads_share_one_file),
	{}
};

static struct kunit_suite race_suite = {
	.name = "mcpp_races",
	.test_cases = race_cases,
};

static struct kunit_case uapi_cases[] = {
	KUNIT_CASE_SLOW(mcpp_test_uapi_device_info),
	KUNIT_CASE_SLOW(mcpp_test_uapi_topology_matches_graph),
	KUNIT_CASE_SLOW(mcpp_test_uapi_topology_bad_buffers),
	KUNIT_CASE_SLOW(mcpp_test_uapi_enum_entities_and_links),
	KUNIT_CASE_SLOW(mcpp_test_uapi_arrays_no_memory),
	KUNIT_CASE_SLOW(mcpp_test_uapi_enum_walk_after_removal),
	KUNIT_CASE_SLOW(mcpp_test_uapi_setup_link_bad_input),
	KUNIT_CASE_SLOW(mcpp_test_uapi_graph_bad_construction),
	{}
};

static struct kunit_suite uapi_suite = {
	.name = "mcpp_uapi",
	.test_cases = uapi_cases,
};

static struct kunit_case cxx_driver_cases[] = {
	KUNIT_CASE(mcpp_test_cxx_driver_tables),
	KUNIT_CASE_SLOW(mcpp_test_cxx_driver_registers),
	{}
};

static struct kunit_suite cxx_driver_suite = {
	.name = "mcpp_cxx_driver",
	.test_cases = cxx_driver_cases,
};

static struct kunit_case alloc_cases[] = {
	KUNIT_CASE_SLOW(mcpp_test_alloc_failure_every_step),
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
