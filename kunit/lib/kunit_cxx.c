// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit glue for C++ test bodies (include/kcxx/kunit.hpp), linked into each
 * C++ KUnit module.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/sched.h>

#include <kcxx/kunit.h>

void kcxx_kunit_expect(struct kunit *test, bool ok, const char *expr,
		       const char *file, int line)
{
	KUNIT_EXPECT_TRUE_MSG(test, ok, "%s:%d: expected %s", file, line, expr);
}

void kcxx_kunit_expect_eq(struct kunit *test, long long left, long long right,
			  const char *expr, const char *file, int line)
{
	KUNIT_EXPECT_EQ_MSG(test, left, right, "%s:%d: expected %s", file,
			    line, expr);
}

/*
 * Fail the nth slab allocation from now in this task (the kernel's fail-nth,
 * through failslab; the harness sets failslab/ignore-gfp-wait to N so that
 * GFP_KERNEL allocations qualify).
 */
#ifdef CONFIG_FAULT_INJECTION
void kcxx_kunit_inject_fail_nth(unsigned int nth)
{
	current->fail_nth = nth;
}

/* Nonzero while an armed injection has not fired yet. */
unsigned int kcxx_kunit_fail_nth_pending(void)
{
	unsigned int left = current->fail_nth;

	current->fail_nth = 0;
	return left;
}
#else
/*
 * A kernel without fault injection (the benchmark kernel builds these
 * modules but never loads them): nothing can be armed, and the pending
 * count is one no test expects, so a case relying on it fails instead of
 * passing vacuously.
 */
void kcxx_kunit_inject_fail_nth(unsigned int nth)
{
}

unsigned int kcxx_kunit_fail_nth_pending(void)
{
	return UINT_MAX;
}
#endif
