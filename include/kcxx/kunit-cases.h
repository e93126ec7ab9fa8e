/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the C file that registers a suite of C++ cases (kcxx/kunit.h): from
 * here on, a case list's KCXX_CASE and KCXX_SLOW lines make the entries of a
 * struct kunit_case array. No include guard: it redefines the two macros.
 */
#undef KCXX_CASE
#undef KCXX_SLOW
#define KCXX_CASE(name) KUNIT_CASE(name),
#define KCXX_SLOW(name) KUNIT_CASE_SLOW(name),
