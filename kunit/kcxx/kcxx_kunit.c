// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the kcxx runtime. The bodies are C++ (kcxx_cases.cpp);
 * this file only registers them.
 */
#include <kunit/test.h>
#include <linux/module.h>

#include "kcxx_cases.h"

KCXX_KUNIT_SUITE(kcxx_suite, "kcxx", KCXX_TEST_CASES);

kunit_test_suite(kcxx_suite);

MODULE_DESCRIPTION("KUnit tests for the kcxx C++ runtime");
MODULE_LICENSE("GPL");
