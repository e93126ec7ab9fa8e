/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit glue for C++ test bodies: implemented in kunit/lib/kunit_cxx.c,
 * linked into each C++ KUnit module, used through kcxx/kunit.hpp.
 */
#ifndef KCXX_KUNIT_H
#define KCXX_KUNIT_H

#ifdef __cplusplus
#define KCXX_NOEXCEPT noexcept
#else
#include <linux/types.h>
#define KCXX_NOEXCEPT
#endif

struct kunit;

#ifdef __cplusplus
extern "C" {
#endif

void kcxx_kunit_expect(struct kunit *test, bool ok, const char *expr,
		       const char *file, int line) KCXX_NOEXCEPT;
void kcxx_kunit_expect_eq(struct kunit *test, long long left, long long right,
			  const char *expr, const char *file,
			  int line) KCXX_NOEXCEPT;
/* Fail the nth slab allocation from now in this task (fail-nth). */
void kcxx_kunit_inject_fail_nth(unsigned int nth) KCXX_NOEXCEPT;
/* Disarms; returns nonzero if the armed injection had not fired yet. */
unsigned int kcxx_kunit_fail_nth_pending(void) KCXX_NOEXCEPT;

/*
 * Cases with C++ bodies, registered with one line each. A suite's cases are a
 * list macro taking two macro arguments, CASE for a case and SLOW for a slow
 * one (KUNIT_CASE_SLOW), one line per case:
 *
 *	#define MY_CASES(CASE, SLOW)	\
 *		CASE(my_test_counts)	\
 *		SLOW(my_test_waits_for_a_release)
 *
 * The list's header declares the bodies with KCXX_KUNIT_DECLARE(MY_CASES)
 * (C linkage, for the C++ file that defines them and the C file that
 * registers them); the C file defines the suite from the same list with
 * KCXX_KUNIT_SUITE(my_suite, "my", MY_CASES) and passes &my_suite to
 * kunit_test_suites(). scripts/tests/check.py reads the lists to pin the
 * cases each boot must report.
 */
#define KCXX_KUNIT_DECLARE_ONE(name) void name(struct kunit *test);
#define KCXX_KUNIT_DECLARE(list) list(KCXX_KUNIT_DECLARE_ONE, KCXX_KUNIT_DECLARE_ONE)

#ifdef __cplusplus
}
#else
#define KCXX_KUNIT_CASE_ONE(name) KUNIT_CASE(name),
#define KCXX_KUNIT_SLOW_ONE(name) KUNIT_CASE_SLOW(name),
/* clang-format off */
#define KCXX_KUNIT_SUITE(suite, suite_name, list)			\
	static struct kunit_case suite##_cases[] = {			\
		list(KCXX_KUNIT_CASE_ONE, KCXX_KUNIT_SLOW_ONE)		\
		{}							\
	};								\
	static struct kunit_suite suite = {				\
		.name = suite_name,					\
		.test_cases = suite##_cases,				\
	}
/* clang-format on */
#endif

#endif /* KCXX_KUNIT_H */
