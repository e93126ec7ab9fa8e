/* SPDX-License-Identifier: GPL-2.0 */
/* The kcxx KUnit cases: C++ bodies in kcxx_cases.cpp, registered in C. */
#ifndef KCXX_CASES_H
#define KCXX_CASES_H

struct kunit;

#ifdef __cplusplus
extern "C" {
#endif

void kcxx_test_ref_release_once_at_last_put(struct kunit *test);
void kcxx_test_ref_move_transfers(struct kunit *test);
void kcxx_test_ref_leak_adopt_round_trip(struct kunit *test);
void kcxx_test_ref_try_acquire_fails_at_zero(struct kunit *test);
void kcxx_test_ref_make_ref_alloc_failure(struct kunit *test);
void kcxx_test_result_try_propagates(struct kunit *test);
void kcxx_test_result_status(struct kunit *test);
void kcxx_test_checked_overflow_caught(struct kunit *test);
void kcxx_test_checked_overflow_allocates_nothing(struct kunit *test);
void kcxx_test_alloc_new_and_destroy(struct kunit *test);
void kcxx_test_alloc_failure_returns_null(struct kunit *test);
void kcxx_test_lock_mutex_guard_every_path(struct kunit *test);
void kcxx_test_lock_spin_guards(struct kunit *test);
void kcxx_test_lock_guarded_data(struct kunit *test);
void kcxx_test_lock_srcu_guard(struct kunit *test);
void kcxx_test_list_basic(struct kunit *test);

#ifdef __cplusplus
}
#endif

#endif /* KCXX_CASES_H */
