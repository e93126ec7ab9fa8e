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

#ifdef __cplusplus
}
#endif

/*
 * Cases with C++ bodies, registered with one line each. A suite's case list
 * is a header of KCXX_CASE(name) and KCXX_SLOW(name) lines (as KUNIT_CASE and
 * KUNIT_CASE_SLOW), one per case and nothing else, with no include guard:
 *
 *	KCXX_CASE(my_test_counts)
 *	KCXX_SLOW(my_test_waits_for_a_release)
 *
 * Each includer gives the two macros a meaning. The C++ file that defines
 * the bodies includes the list after kcxx/kunit.hpp: they declare the
 * bodies, with C linkage. The C file that registers the suite declares them
 * from the list in one declaration, each case a declarator (this header's
 * meaning), then includes kcxx/kunit-cases.h, after which they make the
 * entries of a struct kunit_case array:
 *
 *	void
 *	#include "my_cases.h"
 *		kcxx_kunit_cases_end(void);
 *
 *	#include <kcxx/kunit-cases.h>
 *
 *	static struct kunit_case my_cases[] = {
 *	#include "my_cases.h"
 *		{}
 *	};
 *
 * scripts/tests/check.py reads the lists to pin the cases each boot must
 * report.
 */
#ifndef __cplusplus
#define KCXX_CASE(name) name(struct kunit *test),
#define KCXX_SLOW(name) KCXX_CASE(name)
#endif

#endif /* KCXX_KUNIT_H */
