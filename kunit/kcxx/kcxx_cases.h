/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kcxx KUnit cases, one line each (include/kcxx/kunit.h): the C++ bodies
 * are in kcxx_cases.cpp, kcxx_kunit.c registers the suite.
 */
#ifndef KCXX_CASES_H
#define KCXX_CASES_H

#include <kcxx/kunit.h>

#define KCXX_TEST_CASES(CASE, SLOW)                        \
	CASE(kcxx_test_ref_release_once_at_last_put)       \
	CASE(kcxx_test_ref_move_transfers)                 \
	CASE(kcxx_test_ref_leak_adopt_round_trip)          \
	CASE(kcxx_test_ref_try_acquire_fails_at_zero)      \
	CASE(kcxx_test_ref_make_ref_alloc_failure)         \
	CASE(kcxx_test_result_try_propagates)              \
	CASE(kcxx_test_result_status)                      \
	CASE(kcxx_test_checked_overflow_caught)            \
	CASE(kcxx_test_checked_overflow_allocates_nothing) \
	CASE(kcxx_test_alloc_new_and_destroy)              \
	CASE(kcxx_test_alloc_failure_returns_null)         \
	CASE(kcxx_test_lock_mutex_guard_every_path)        \
	CASE(kcxx_test_lock_spin_guards)                   \
	CASE(kcxx_test_lock_guarded_data)                  \
	CASE(kcxx_test_lock_srcu_guard)                    \
	CASE(kcxx_test_list_basic)

#ifdef __cplusplus
extern "C" {
#endif

KCXX_KUNIT_DECLARE(KCXX_TEST_CASES)

#ifdef __cplusplus
}
#endif

#endif /* KCXX_CASES_H */
