/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mcpp_cxx_driver KUnit cases (bodies in v4l2_cases.cpp), one line each:
 * a case list, included with KCXX_CASE and KCXX_SLOW defined
 * (include/kcxx/kunit.h).
 * KCXX_SLOW: a case that waits for a release DEBUG_KOBJECT_RELEASE delays
 * by seconds.
 */
KCXX_CASE(mcpp_test_cxx_driver_tables)
KCXX_SLOW(mcpp_test_cxx_driver_registers)
