/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kcxx KUnit cases (bodies in kcxx_cases.cpp), one line each: a case
 * list, included with KCXX_CASE and KCXX_SLOW defined (include/kcxx/kunit.h).
 */
KCXX_CASE(kcxx_test_ref_release_once_at_last_put)
KCXX_CASE(kcxx_test_ref_move_transfers)
KCXX_CASE(kcxx_test_ref_leak_adopt_round_trip)
KCXX_CASE(kcxx_test_ref_try_acquire_fails_at_zero)
KCXX_CASE(kcxx_test_ref_make_ref_alloc_failure)
KCXX_CASE(kcxx_test_result_try_propagates)
KCXX_CASE(kcxx_test_result_status)
KCXX_CASE(kcxx_test_checked_overflow_caught)
KCXX_CASE(kcxx_test_checked_overflow_allocates_nothing)
KCXX_CASE(kcxx_test_alloc_new_and_destroy)
KCXX_CASE(kcxx_test_alloc_failure_returns_null)
KCXX_CASE(kcxx_test_lock_mutex_guard_every_path)
KCXX_CASE(kcxx_test_lock_spin_guards)
KCXX_CASE(kcxx_test_lock_guarded_data)
KCXX_CASE(kcxx_test_lock_srcu_guard)
KCXX_CASE(kcxx_test_list_basic)
