/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit from C++ test bodies. Suites are registered in C (KUnit's macros are
 * C); each case calls an extern "C" C++ function that checks with these
 * macros. A failed check marks the case failed and names the C++ location;
 * like KUNIT_EXPECT, it does not end the case.
 */
#pragma once

#include <kcxx/base.hpp>

#include <kcxx/kunit.h>

/* A case list's meaning in C++ (kcxx/kunit.h): the bodies' declarations. */
#define KCXX_CASE(name) extern "C" void name(struct kunit *test);
#define KCXX_SLOW(name) KCXX_CASE(name)

#define KCXX_EXPECT(test, cond) kcxx_kunit_expect((test), !!(cond), #cond, __FILE__, __LINE__)

#define KCXX_EXPECT_EQ(test, a, b)                                                           \
	kcxx_kunit_expect_eq((test), (long long)(a), (long long)(b), #a " == " #b, __FILE__, \
			     __LINE__)
