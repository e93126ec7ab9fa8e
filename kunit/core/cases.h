/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mcpp core KUnit cases, one line each (include/kcxx/kunit.h): the C++
 * bodies are in the *_cases.cpp files, mcpp_kunit.c registers the suites.
 * Most cases wait for a release that DEBUG_KOBJECT_RELEASE delays by
 * seconds, hence SLOW.
 */
#ifndef MCPP_KUNIT_CASES_H
#define MCPP_KUNIT_CASES_H

#include <kcxx/kunit.h>

/* mcpp_lifetime: lifetime_cases.cpp */
#define MCPP_LIFETIME_CASES(CASE, SLOW)                 \
	SLOW(mcpp_test_release_after_last_reference)    \
	SLOW(mcpp_test_unregister_with_files_open)      \
	SLOW(mcpp_test_open_after_unregister_fails)     \
	SLOW(mcpp_test_minor_reused_only_after_release) \
	SLOW(mcpp_test_entity_outlives_graph_removal)   \
	SLOW(mcpp_test_create_bad_arguments)

/* mcpp_races: race_cases.cpp */
#define MCPP_RACES_CASES(CASE, SLOW)                  \
	SLOW(mcpp_test_race_ioctl_vs_unregister)      \
	SLOW(mcpp_test_race_open_vs_unregister)       \
	SLOW(mcpp_test_race_setup_link_vs_unregister) \
	SLOW(mcpp_test_race_walk_vs_entity_removal)   \
	SLOW(mcpp_test_race_threads_share_one_file)

/* mcpp_uapi: uapi_cases.cpp */
#define MCPP_UAPI_CASES(CASE, SLOW)                  \
	SLOW(mcpp_test_uapi_device_info)             \
	SLOW(mcpp_test_uapi_topology_matches_graph)  \
	SLOW(mcpp_test_uapi_topology_bad_buffers)    \
	SLOW(mcpp_test_uapi_enum_entities_and_links) \
	SLOW(mcpp_test_uapi_arrays_no_memory)        \
	SLOW(mcpp_test_uapi_enum_walk_after_removal) \
	SLOW(mcpp_test_uapi_setup_link_bad_input)    \
	SLOW(mcpp_test_uapi_graph_bad_construction)

/* mcpp_cxx_driver: v4l2_cases.cpp */
#define MCPP_CXX_DRIVER_CASES(CASE, SLOW) \
	CASE(mcpp_test_cxx_driver_tables) \
	SLOW(mcpp_test_cxx_driver_registers)

/* mcpp_alloc: alloc_cases.cpp */
#define MCPP_ALLOC_CASES(CASE, SLOW) SLOW(mcpp_test_alloc_failure_every_step)

#ifdef __cplusplus
extern "C" {
#endif

KCXX_KUNIT_DECLARE(MCPP_LIFETIME_CASES)
KCXX_KUNIT_DECLARE(MCPP_RACES_CASES)
KCXX_KUNIT_DECLARE(MCPP_UAPI_CASES)
KCXX_KUNIT_DECLARE(MCPP_CXX_DRIVER_CASES)
KCXX_KUNIT_DECLARE(MCPP_ALLOC_CASES)

#ifdef __cplusplus
}
#endif

#endif /* MCPP_KUNIT_CASES_H */
