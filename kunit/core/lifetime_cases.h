/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mcpp_lifetime KUnit cases (bodies in lifetime_cases.cpp), one line each:
 * a case list, included with KCXX_CASE and KCXX_SLOW defined
 * (include/kcxx/kunit.h).
 * KCXX_SLOW: a case that waits for a release DEBUG_KOBJECT_RELEASE delays
 * by seconds.
 */
KCXX_SLOW(mcpp_test_release_after_last_reference)
KCXX_SLOW(mcpp_test_unregister_with_files_open)
KCXX_SLOW(mcpp_test_open_after_unregister_fails)
KCXX_SLOW(mcpp_test_minor_reused_only_after_release)
KCXX_SLOW(mcpp_test_entity_outlives_graph_removal)
KCXX_SLOW(mcpp_test_create_bad_arguments)
