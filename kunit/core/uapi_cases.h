/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mcpp_uapi KUnit cases (bodies in uapi_cases.cpp), one line each:
 * a case list, included with KCXX_CASE and KCXX_SLOW defined
 * (include/kcxx/kunit.h).
 * KCXX_SLOW: a case that waits for a release DEBUG_KOBJECT_RELEASE delays
 * by seconds.
 */
KCXX_SLOW(mcpp_test_uapi_device_info)
KCXX_SLOW(mcpp_test_uapi_topology_matches_graph)
KCXX_SLOW(mcpp_test_uapi_topology_bad_buffers)
KCXX_SLOW(mcpp_test_uapi_enum_entities_and_links)
KCXX_SLOW(mcpp_test_uapi_arrays_no_memory)
KCXX_SLOW(mcpp_test_uapi_enum_walk_after_removal)
KCXX_SLOW(mcpp_test_uapi_setup_link_bad_input)
KCXX_SLOW(mcpp_test_uapi_graph_bad_construction)
