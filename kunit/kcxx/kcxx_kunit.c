// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the kcxx runtime. The bodies are C++ (kcxx_cases.cpp);
 * this file only registers them.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include <kcxx/kunit.h>

/* The C++ bodies, each case a declarator of one declaration. */
void
#include "kcxx_cases.h"
	kcxx_kunit_cases_end(void);

#include <kcxx/kunit-cases.h>

static struct kunit_case kcxx_cases[] = {
#include "kcxx_cases.h"
	{}
};

static struct kunit_suite kcxx_suite = {
	.name = "kcxx",
	.test_cases = kcxx_cases,
};

kunit_test_suite(kcxx_suite);

MODULE_DESCRIPTION("KUnit tests for the kcxx C++ runtime");
MODULE_LICENSE("GPL");
