/* SPDX-License-Identifier: GPL-2.0 */
/* The mcpp core KUnit cases: C++ bodies, registered in mcpp_kunit.c. */
#ifndef MCPP_KUNIT_CASES_H
#define MCPP_KUNIT_CASES_H

struct kunit;

#ifdef __cplusplus
extern "C" {
#endif

/* lifetime_cases.cpp */
void mcpp_test_release_after_last_reference(struct kunit *test);
void mcpp_test_unregister_with_files_open(struct kunit *test);
void mcpp_test_open_after_unregister_fails(struct kunit *test);
void mcpp_test_minor_reused_only_after_release(struct kunit *test);
void mcpp_test_entity_outlives_graph_removal(struct kunit *test);
void mcpp_test_create_bad_arguments(struct kunit *test);

/* race_cases.cpp */
void mcpp_test_race_ioctl_vs_unregister(struct kunit *test);
void mcpp_test_race_open_vs_unregister(struct kunit *test);
void mcpp_test_race_setup_link_vs_unregister(struct kunit *test);
void mcpp_test_race_walk_vs_entity_removal(struct kunit *test);
void mcpp_test_race_threads_share_one_file(struct kunit *test);

/* uapi_cases.cpp */
void mcpp_test_uapi_device_info(struct kunit *test);
void mcpp_test_uapi_topology_matches_graph(struct kunit *test);
void mcpp_test_uapi_topology_bad_buffers(struct kunit *test);
void mcpp_test_uapi_enum_entities_and_links(struct kunit *test);
void mcpp_test_uapi_arrays_no_memory(struct kunit *test);
void mcpp_test_uapi_enum_walk_after_removal(struct kunit *test);
void mcpp_test_uapi_setup_link_bad_input(struct kunit *test);
void mcpp_test_uapi_graph_bad_construction(struct kunit *test);

/* v4l2_cases.cpp */
void mcpp_test_cxx_driver_tables(struct kunit *test);
void mcpp_test_cxx_driver_registers(struct kunit *test);

/* alloc_cases.cpp */
void mcpp_test_alloc_failure_every_step(struct kunit *test);

#ifdef __cplusplus
}
#endif

#endif /* MCPP_KUNIT_CASES_H */
