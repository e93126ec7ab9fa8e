/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mcpp_races KUnit cases (bodies in race_cases.cpp), one line each:
 * a case list, included with KCXX_CASE and KCXX_SLOW defined
 * (include/kcxx/kunit.h).
 * KCXX_SLOW: a case that waits for a release DEBUG_KOBJECT_RELEASE delays
 * by seconds.
 */
KCXX_SLOW(mcpp_test_race_ioctl_vs_unregister)
KCXX_SLOW(mcpp_test_race_open_vs_unregister)
KCXX_SLOW(mcpp_test_race_setup_link_vs_unregister)
KCXX_SLOW(mcpp_test_race_walk_vs_entity_removal)
KCXX_SLOW(mcpp_test_race_threads_share_one_file)
