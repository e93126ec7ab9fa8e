/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx: the freestanding C++ the mcpp modules stand on. No exceptions, no
 * RTTI, no standard library, no global constructors, no floating point. This
 * header holds the few language utilities the rest needs.
 */
#pragma once

using size_t = __SIZE_TYPE__;

#include <asm-generic/errno.h>
#include <kcxx/glue.h>

namespace kcxx {

using u8 = unsigned char;
using u16 = unsigned short;
using u32 = unsigned int;
using u64 = unsigned long long;
using s32 = int;
using s64 = long long;
using uintptr = __UINTPTR_TYPE__;
using ptrdiff = __PTRDIFF_TYPE__;

inline constexpr size_t size_max = __SIZE_MAX__;

template <class T> struct remove_reference {
	using type = T;
};
template <class T> struct remove_reference<T &> {
	using type = T;
};
template <class T> struct remove_reference<T &&> {
	using type = T;
};
template <class T> using remove_reference_t = typename remove_reference<T>::type;

template <class T> constexpr remove_reference_t<T> &&move(T &&t) noexcept
{
	return static_cast<remove_reference_t<T> &&>(t);
}

template <class T> constexpr T &&forward(remove_reference_t<T> &t) noexcept
{
	return static_cast<T &&>(t);
}

template <class T> constexpr T &&forward(remove_reference_t<T> &&t) noexcept
{
	return static_cast<T &&>(t);
}

template <class T, class U = T> constexpr T exchange(T &obj, U &&val)
{
	T old = move(obj);
	obj = forward<U>(val);
	return old;
}

template <class T, class U> inline constexpr bool is_same_v = false;
template <class T> inline constexpr bool is_same_v<T, T> = true;

/* ERR_PTR() decoding for pointers returned by the C glue. */
inline bool is_err(const void *p)
{
	return reinterpret_cast<uintptr>(p) >= static_cast<uintptr>(-4095);
}

inline int ptr_err(const void *p)
{
	return static_cast<int>(reinterpret_cast<ptrdiff>(p));
}

/* Storage for a kernel object C++ embeds but never looks inside. */
template <size_t Size, size_t Align> struct alignas(Align) Opaque {
	u8 bytes[Size];
};

/* Non-copyable, non-movable: for guards and objects with an address identity. */
struct Pinned {
	Pinned() = default;
	Pinned(const Pinned &) = delete;
	Pinned &operator=(const Pinned &) = delete;
};

} // namespace kcxx

/* Placement new: <new> is not available, and this is all of it we need. */
inline void *operator new(size_t, void *where) noexcept
{
	return where;
}

/* A broken invariant: WARN with the C++ location, then carry on safely. */
#define KCXX_WARN_ON(cond)                                    \
	({                                                    \
		bool kcxx_c_ = (cond);                        \
		if (__builtin_expect(kcxx_c_, 0))             \
			kcxx_warn(__FILE__, __LINE__, #cond); \
		kcxx_c_;                                      \
	})
