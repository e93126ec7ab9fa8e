/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checked allocation. `new (Gfp::kernel) T(...)` returns nullptr on failure
 * (the operator is noexcept, so the compiler checks before constructing) and
 * the result must be checked; kcxx::make() does that and returns a Result.
 * Memory is zeroed. There is deliberately no global operator delete: objects
 * are destroyed with kcxx::destroy(), and reference-counted objects only from
 * their release hook. A virtual destructor would need operator delete and so
 * fails to link, which keeps teardown explicit.
 */
#pragma once

#include <kcxx/checked.hpp>
#include <kcxx/layout.h>

namespace kcxx {

enum class Gfp : unsigned int {
	kernel = KCXX_GFP_KERNEL,
	atomic = KCXX_GFP_ATOMIC,
	nowait = KCXX_GFP_NOWAIT,
};

} // namespace kcxx

[[nodiscard]] inline void *operator new(size_t size, kcxx::Gfp gfp) noexcept
{
	return kcxx_kmalloc(size, static_cast<unsigned int>(gfp));
}

namespace kcxx {

/* Allocates and constructs a T; -ENOMEM if the allocation fails. */
template <class T, class... Args> [[nodiscard]] Result<T *> make(Gfp gfp, Args &&...args)
{
	T *obj = new (gfp) T(forward<Args>(args)...);
	if (!obj)
		return Error(-ENOMEM);
	return obj;
}

/* Destroys an object made with make() or new (Gfp). */
template <class T> void destroy(T *obj)
{
	if (!obj)
		return;
	obj->~T();
	kcxx_kfree(obj);
}

/* n zeroed, trivially constructible T; -EOVERFLOW before any allocation. */
template <class T> [[nodiscard]] Result<T *> alloc_array(size_t n, Gfp gfp)
{
	static_assert(__is_trivially_constructible(T), "alloc_array is for plain data");
	if (n == 0)
		return Error(-EINVAL);
	size_t bytes = TRY(array_bytes<T>(n));
	void *mem = kcxx_kmalloc(bytes, static_cast<unsigned int>(gfp));
	if (!mem)
		return Error(-ENOMEM);
	return static_cast<T *>(mem);
}

template <class T> void free_array(T *array)
{
	kcxx_kfree(array);
}

} // namespace kcxx
