// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a KUnit suite with one passing and one failing case, to
 * show a failed expectation reaches the closing count (and that a pass does),
 * and a suite whose init fails: KUnit then prints no plan and no case for it,
 * and the harness must count its case as failed all the same.
 */
#include <kunit/test.h>
#include <linux/module.h>

static void defect_kunit_passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static void defect_kunit_fails(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, 1 + 1, 3, "planted failure");
}

static struct kunit_case defect_kunit_cases[] = {
	KUNIT_CASE(defect_kunit_passes),
	KUNIT_CASE(defect_kunit_fails),
	{}
};

static struct kunit_suite defect_kunit_suite = {
	.name = "mcpp_defect_kunit",
	.test_cases = defect_kunit_cases,
};

static void defect_kunit_never_runs(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static int defect_kunit_init_fails(struct kunit_suite *suite)
{
	return -ENODEV;
}

static struct kunit_case defect_kunit_vanishing_cases[] = {
	KUNIT_CASE(defect_kunit_never_runs),
	{}
};

static struct kunit_suite defect_kunit_vanishing_suite = {
	.name = "mcpp_defect_kunit_vanishing",
	.suite_init = defect_kunit_init_fails,
	.test_cases = defect_kunit_vanishing_cases,
};

kunit_test_suites(&defect_kunit_suite, &defect_kunit_vanishing_suite);

MODULE_DESCRIPTION("mcpp harness self-test: a failing KUnit case");
MODULE_LICENSE("GPL");
