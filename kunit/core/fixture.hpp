/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the core's KUnit suites: a driver-like fixture that counts
 * its release callbacks, kernel-memory user I/O, and a parking hook.
 */
#pragma once

#include <kcxx/alloc.hpp>
#include <kcxx/kunit.hpp>
#include <kcxx/lock.hpp>
#include <linux/media.h>
#include <mcpp/mcpp.hpp>
#include <mcpp/test.h>

extern "C" struct module __this_module;

namespace mcpp_test {

using kcxx::u32;

/* What a driver would keep: counts releases and link_setup calls. */
struct Driver {
	int released = 0;
	int link_setups = 0;
	int link_setup_ret = 0;
	kcxx::Completion release_done;
};

void driver_release(void *drvdata);
int driver_link_setup(void *drvdata, mcpp_entity *source, __u16 source_pad, mcpp_entity *sink,
		      __u16 sink_pad, __u32 flags);

extern const mcpp_device_ops driver_ops;

/* A parent device for /dev/mediaN (a platform device the suite registers). */
struct device *test_parent();

mcpp::api::Device make_device(struct kunit *test, Driver &drv);

/* Waits (bounded) for the release callback, which may run from a delayed
 * struct device release; the bound only limits how long we look. */
bool wait_released(Driver &drv);

/* User I/O over kernel buffers: the "user pointer" is a kernel address. */
extern const mcpp_user_io kernel_io;
/* User I/O that faults on every copy, as an unmapped user buffer would. */
extern const mcpp_user_io faulting_io;

inline __u64 to_uptr(const void *p)
{
	return reinterpret_cast<kcxx::uintptr>(p);
}

/* Test state on the heap: completions are large under lockdep + KASAN. */
template <class T> class Heap : kcxx::Pinned {
public:
	Heap() : p_(new (kcxx::Gfp::kernel) T()) {}
	~Heap() { kcxx::destroy(p_); }
	T &operator*() { return *p_; }
	T *operator->() { return p_; }
	explicit operator bool() const { return p_ != nullptr; }

private:
	T *p_;
};

/*
 * A registered device, optionally with one open file. Destruction does what a
 * driver's remove and the last close would (unregister, close, put) and
 * checks that the release then ran exactly once. Allocate it with Heap<>.
 */
struct OpenDevice : kcxx::Pinned {
	struct kunit *test = nullptr;
	Driver drv;
	mcpp::api::Device dev;
	void *fh = nullptr;

	bool setup(struct kunit *t, bool open_file);
	/* Closes the file now (it would be closed at destruction otherwise). */
	void close();
	~OpenDevice();
};

/* A hook that parks the thread that reaches it until released. */
struct Park {
	kcxx::Completion parked;
	kcxx::Completion resume;
};

void park_hook(void *ctx, enum mcpp_hook_point point);

/* Runs fn(arg) in a kthread; join() returns its result. */
struct Thread {
	struct kcxx_thread *t = nullptr;
	bool start(int (*fn)(void *), void *arg, const char *name)
	{
		t = kcxx_thread_start(fn, arg, name);
		return t != nullptr;
	}
	int join() { return t ? kcxx_thread_join(kcxx::exchange(t, nullptr)) : -1; }
};

} // namespace mcpp_test
