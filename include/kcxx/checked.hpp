/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Overflow-checked size arithmetic: every size computed from a count that
 * userspace or a driver supplies goes through these, and overflow is an
 * error value (-EOVERFLOW), never a silently wrapped allocation size.
 */
#pragma once

#include <kcxx/result.hpp>

namespace kcxx {

template <class T> [[nodiscard]] constexpr Result<T> checked_add(T a, T b)
{
	T sum;
	if (__builtin_add_overflow(a, b, &sum))
		return Error(-EOVERFLOW);
	return sum;
}

template <class T> [[nodiscard]] constexpr Result<T> checked_mul(T a, T b)
{
	T product;
	if (__builtin_mul_overflow(a, b, &product))
		return Error(-EOVERFLOW);
	return product;
}

/* Bytes for n objects of T. */
template <class T> [[nodiscard]] constexpr Result<size_t> array_bytes(size_t n)
{
	return checked_mul<size_t>(n, sizeof(T));
}

/* Bytes for a header followed by n trailing elements (struct_size()). */
template <class Header, class Elem> [[nodiscard]] constexpr Result<size_t> trailing_bytes(size_t n)
{
	auto tail = checked_mul<size_t>(n, sizeof(Elem));
	if (!tail.ok())
		return tail.error();
	return checked_add<size_t>(sizeof(Header), tail.value());
}

} // namespace kcxx
