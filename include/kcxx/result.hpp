/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Errors as values. Result<T> holds a T or a negative errno; Result<void>
 * (alias Status) holds only the errno. TRY(expr) unwraps a Result or returns
 * its error from the enclosing function, which replaces goto-ladders.
 *
 *   Result<Ref<Foo>> Foo::create(...) {
 *       auto buf = TRY(alloc_array<u32>(n, Gfp::kernel));
 *       ...
 *   }
 */
#pragma once

#include <kcxx/base.hpp>

namespace kcxx {

/* A negative errno. Constructing one from 0 or a positive value is a bug. */
class [[nodiscard]] Error {
public:
	constexpr explicit Error(int err) : err_(err < 0 ? err : -EINVAL) {}
	constexpr int code() const { return err_; }
	constexpr bool operator==(const Error &o) const { return err_ == o.err_; }

private:
	int err_;
};

template <class T> class [[nodiscard]] Result {
public:
	Result(const T &value) : ok_(true) { new (&value_) T(value); }
	Result(T &&value) : ok_(true) { new (&value_) T(move(value)); }
	Result(Error err) : err_(err.code()), ok_(false) {}

	Result(Result &&o) : ok_(o.ok_)
	{
		if (ok_)
			new (&value_) T(move(o.value_));
		else
			err_ = o.err_;
	}
	Result(const Result &) = delete;
	Result &operator=(const Result &) = delete;
	Result &operator=(Result &&) = delete;

	~Result()
	{
		if (ok_)
			value_.~T();
	}

	bool ok() const { return ok_; }
	/* The error; only meaningful when !ok(). */
	Error error() const { return Error(ok_ ? -EINVAL : err_); }
	/* Negative errno or 0, for the C ABI. */
	int code() const { return ok_ ? 0 : err_; }

	T &value()
	{
		KCXX_WARN_ON(!ok_);
		return value_;
	}
	/* Moves the value out; TRY uses this. */
	T take()
	{
		KCXX_WARN_ON(!ok_);
		return move(value_);
	}

private:
	union {
		T value_;
		int err_;
	};
	bool ok_;
};

template <> class [[nodiscard]] Result<void> {
public:
	Result() : err_(0) {}
	Result(Error err) : err_(err.code()) {}

	bool ok() const { return err_ == 0; }
	Error error() const { return Error(err_ ? err_ : -EINVAL); }
	int code() const { return err_; }
	void take() const {}

private:
	int err_;
};

using Status = Result<void>;

/* Turns a kernel-style return (negative errno or >= 0) into a Status. */
inline Status status_from_errno(int ret)
{
	if (ret < 0)
		return Error(ret);
	return {};
}

} // namespace kcxx

/* Unwraps a Result, or returns its error from the enclosing function. */
#define TRY(expr)                                 \
	({                                        \
		auto kcxx_try_ = (expr);          \
		if (!kcxx_try_.ok())              \
			return kcxx_try_.error(); \
		kcxx_try_.take();                 \
	})
