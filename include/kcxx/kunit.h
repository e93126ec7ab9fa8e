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

#endif /* KCXX_KUNIT_H */
