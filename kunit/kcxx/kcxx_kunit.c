// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the kcxx runtime. The bodies are C++ (kcxx_cases.cpp);
 * this file only registers them.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "kcxx_cases.h"

static struct kunit_case kcxx_cases[] = {
	KUNIT_CASE(kcxx_test_ref_release_once_at_last_put),
	KUNIT_CASE(kcxx_test_ref_move_transfers),
	KUNIT_CASE(kcxx_test_ref_leak_adopt_round_trip),
	KUNIT_CASE(kcxx_test_ref_try_acquire_fails_at_zero),
	KUNIT_CASE(kcxx_test_ref_make_ref_alloc_failure),
	KUNIT_CASE(kcxx_test_result_try_propagates),
	KUNIT_CASE(kcxx_test_result_status),
	KUNIT_CASE(kcxx_test_checked_overflow_caught),
	KUNIT_CASE(kcxx_test_checked_overflow_allocates_nothing),
	KUNIT_CASE(kcxx_test_alloc_new_and_destroy),
	KUNIT_CASE(kcxx_test_alloc_failure_returns_null),
	KUNIT_CASE(kcxx_test_lock_mutex_guard_every_path),
	KUNIT_CASE(kcxx_test_lock_spin_guards),
	KUNIT_CASE(kcxx_test_lock_guarded_data),
	KUNIT_CASE(kcxx_test_lock_srcu_guard),
	KUNIT_CASE(kcxx_test_list_basic),
	{}
};

static struct kunit_suite kcxx_suite = {
	.name = "kcxx",
	.test_cases = kcxx_cases,
};

kunit_test_suite(kcxx_suite);

MODULE_DESCRIPTION("KUnit tests for the kcxx C++ runtime");
MODULE_LICENSE("GPL");
