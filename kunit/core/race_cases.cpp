// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_races: deterministic races. A hook parks one thread at a named point
 * inside the core; the test makes another thread act in exactly that window,
 * then checks what each saw. UML runs one CPU, so threads only interleave
 * where one sleeps: the parked thread sleeps until the test resumes it.
 *
 * Timeouts in these cases only bound how long the test looks for something
 * that must not happen yet; they never decide a pass.
 */
#include "fixture.hpp"
#include "race_cases.h"

using namespace mcpp_test;
namespace api = mcpp::api;

namespace {

const __u32 source_pad[] = { MEDIA_PAD_FL_SOURCE };
const __u32 sink_pad[] = { MEDIA_PAD_FL_SINK };

struct Unregisterer {
	mcpp_device *dev;
	kcxx::Completion done;
	bool returned = false;
};

int unregister_thread(void *arg)
{
	auto *u = static_cast<Unregisterer *>(arg);
	mcpp_device_unregister(u->dev);
	u->returned = true;
	u->done.complete_all(); // stays done for every later wait
	return 0;
}

struct Caller {
	void *fh;
	long ret = 1;
	kcxx::Completion done;
};

/* Unregisters that have passed their wait for the calls inside (SRCU). */
long unregister_waits()
{
	struct mcpp_test_counts c;
	mcpp_test_counts(&c);
	return c.unregister_waits;
}

int device_info_thread(void *arg)
{
	auto *c = static_cast<Caller *>(arg);
	media_device_info info;
	c->ret = mcpp_file_ioctl(c->fh, MEDIA_IOC_DEVICE_INFO, &info, &kernel_io);
	c->done.complete_all();
	return 0;
}

} // namespace

void mcpp_test_race_ioctl_vs_unregister(struct kunit *test)
{
	Heap<OpenDevice> od;
	if (!od || !od->setup(test, true))
		return;
	Driver &drv = od->drv;
	api::Device &dev = od->dev;
	void *fh = od->fh;

	Heap<Park> park_mem;
	if (!park_mem)
		return;
	Park &park = *park_mem;
	mcpp_hook_arm(MCPP_HOOK_IOCTL, park_hook, &park);
	Caller caller{ fh };
	Thread t1, t2;
	KCXX_EXPECT(test, t1.start(device_info_thread, &caller, "mcpp-ioctl"));
	park.parked.wait(); // the ioctl is inside its guard

	Heap<Unregisterer> unreg_mem;
	if (!unreg_mem)
		return;
	Unregisterer &unreg = *unreg_mem;
	unreg.dev = dev.get();
	const long waits = unregister_waits();
	KCXX_EXPECT(test, t2.start(unregister_thread, &unreg, "mcpp-unreg"));
	// Unregister must wait for exactly that call, and free nothing under it.
	KCXX_EXPECT(test, !unreg.done.wait_ms(200));
	KCXX_EXPECT(test, !unreg.returned);
	KCXX_EXPECT_EQ(test, unregister_waits(), waits); // still in synchronize_srcu
	KCXX_EXPECT_EQ(test, drv.released, 0);

	park.resume.complete();
	caller.done.wait();
	KCXX_EXPECT_EQ(test, caller.ret, 0); // it was inside: it completes normally
	unreg.done.wait();
	KCXX_EXPECT(test, unreg.returned);
	t1.join();
	t2.join();

	// After unregister, the same file gets -EIO.
	Caller late{ fh };
	device_info_thread(&late);
	KCXX_EXPECT_EQ(test, late.ret, -EIO);
}

namespace {

struct Opener {
	mcpp_device *dev;
	void *fh = nullptr;
	int ret = 1;
};

int open_thread(void *arg)
{
	auto *o = static_cast<Opener *>(arg);
	o->ret = mcpp_file_open(o->dev, &o->fh);
	return 0;
}

} // namespace

void mcpp_test_race_open_vs_unregister(struct kunit *test)
{
	Heap<OpenDevice> od;
	if (!od || !od->setup(test, false))
		return;
	Driver &drv = od->drv;
	api::Device &dev = od->dev;

	Heap<Park> park_mem;
	if (!park_mem)
		return;
	Park &park = *park_mem;
	mcpp_hook_arm(MCPP_HOOK_OPEN, park_hook, &park);
	Opener opener{ dev.get() };
	Thread t1, t2;
	KCXX_EXPECT(test, t1.start(open_thread, &opener, "mcpp-open"));
	park.parked.wait(); // open passed its check and is parked inside

	Heap<Unregisterer> unreg_mem;
	if (!unreg_mem)
		return;
	Unregisterer &unreg = *unreg_mem;
	unreg.dev = dev.get();
	const long waits = unregister_waits();
	KCXX_EXPECT(test, t2.start(unregister_thread, &unreg, "mcpp-unreg"));
	KCXX_EXPECT(test, !unreg.done.wait_ms(200));
	KCXX_EXPECT_EQ(test, unregister_waits(), waits);
	park.resume.complete();
	t1.join();
	unreg.done.wait();
	t2.join();

	// The open that was inside succeeded and holds the device; calls fail.
	KCXX_EXPECT_EQ(test, opener.ret, 0);
	if (opener.fh) {
		media_device_info info;
		KCXX_EXPECT_EQ(test,
			       mcpp_file_ioctl(opener.fh, MEDIA_IOC_DEVICE_INFO, &info, &kernel_io),
			       -EIO);
		KCXX_EXPECT(test, mcpp_file_revoked(opener.fh));
	}
	// An open after unregister fails.
	Opener late{ dev.get() };
	open_thread(&late);
	KCXX_EXPECT_EQ(test, late.ret, -ENXIO);

	KCXX_EXPECT_EQ(test, drv.released, 0);
	od->fh = opener.fh; // closed, and the release checked, by the fixture
}

namespace {

struct LinkSetter {
	void *fh;
	media_link_desc desc;
	long ret = 1;
};

int setup_link_thread(void *arg)
{
	auto *l = static_cast<LinkSetter *>(arg);
	l->ret = mcpp_file_ioctl(l->fh, MEDIA_IOC_SETUP_LINK, &l->desc, &kernel_io);
	return 0;
}

} // namespace

void mcpp_test_race_setup_link_vs_unregister(struct kunit *test)
{
	Driver drv;
	api::Device dev = make_device(test, drv);
	if (!dev)
		return;
	auto a = api::create_entity(dev, "a", MEDIA_ENT_F_CAM_SENSOR, 0, 1, source_pad).take();
	auto b = api::create_entity(dev, "b", MEDIA_ENT_F_IO_V4L, 0, 1, sink_pad).take();
	KCXX_EXPECT(test, api::link(a, 0, b, 0, 0).ok());
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), 0);
	void *fh = nullptr;
	KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &fh), 0);
	if (!fh)
		return;

	LinkSetter setter{ fh };
	__builtin_memset(&setter.desc, 0, sizeof(setter.desc));
	setter.desc.source.entity = mcpp_entity_id(a.get());
	setter.desc.sink.entity = mcpp_entity_id(b.get());
	setter.desc.flags = MEDIA_LNK_FL_ENABLED;

	Heap<Park> park_mem;
	if (!park_mem)
		return;
	Park &park = *park_mem;
	// Parked inside the guard, before the graph lock: unregister, which
	// takes that lock first, must be held by the guard alone.
	mcpp_hook_arm(MCPP_HOOK_IOCTL, park_hook, &park);
	Thread t1, t2;
	KCXX_EXPECT(test, t1.start(setup_link_thread, &setter, "mcpp-link"));
	park.parked.wait(); // inside SETUP_LINK's guard, no lock held

	Heap<Unregisterer> unreg_mem;
	if (!unreg_mem)
		return;
	Unregisterer &unreg = *unreg_mem;
	unreg.dev = dev.get();
	const long waits = unregister_waits();
	KCXX_EXPECT(test, t2.start(unregister_thread, &unreg, "mcpp-unreg"));
	KCXX_EXPECT(test, !unreg.done.wait_ms(200));
	KCXX_EXPECT_EQ(test, unregister_waits(), waits);
	KCXX_EXPECT_EQ(test, drv.link_setups, 0);
	park.resume.complete();
	t1.join();
	unreg.done.wait();
	t2.join();
	KCXX_EXPECT_EQ(test, setter.ret, 0);
	KCXX_EXPECT_EQ(test, drv.link_setups, 1); // exactly the parked call reached the driver

	// No driver callback after unregister returned.
	setter.desc.flags = 0;
	setup_link_thread(&setter);
	KCXX_EXPECT_EQ(test, setter.ret, -EIO);
	KCXX_EXPECT_EQ(test, drv.link_setups, 1);

	mcpp_file_release(fh);
	a.reset();
	b.reset();
	dev.reset();
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

namespace {

struct Walker {
	mcpp_entity *from;
	mcpp_entity *found = nullptr;
	bool in_graph_after = true;
	int name_ok = 0;
};

int walk_thread(void *arg)
{
	auto *w = static_cast<Walker *>(arg);
	w->found = mcpp_link_remote(w->from, 0); // parks after pinning
	if (w->found) {
		w->name_ok = __builtin_strcmp(mcpp_entity_name(w->found), "far") == 0;
		w->in_graph_after = mcpp_entity_in_graph(w->found);
	}
	return 0;
}

} // namespace

void mcpp_test_race_walk_vs_entity_removal(struct kunit *test)
{
	Driver drv;
	api::Device dev = make_device(test, drv);
	if (!dev)
		return;
	auto near =
		api::create_entity(dev, "near", MEDIA_ENT_F_CAM_SENSOR, 0, 1, source_pad).take();
	auto far = api::create_entity(dev, "far", MEDIA_ENT_F_IO_V4L, 0, 1, sink_pad).take();
	KCXX_EXPECT(test, api::link(near, 0, far, 0, MEDIA_LNK_FL_ENABLED).ok());

	Heap<Park> park_mem;
	if (!park_mem)
		return;
	Park &park = *park_mem;
	mcpp_hook_arm(MCPP_HOOK_REMOTE, park_hook, &park);
	Walker w{ near.get() };
	Thread t;
	KCXX_EXPECT(test, t.start(walk_thread, &w, "mcpp-walk"));
	park.parked.wait(); // the walker holds a pin on "far", lock dropped

	// The driver removes "far" and drops its reference: removal does not
	// wait for walkers, and frees nothing they hold.
	mcpp_entity_remove(far.get());
	far.reset();
	park.resume.complete();
	t.join();
	KCXX_EXPECT(test, w.found != nullptr);
	KCXX_EXPECT_EQ(test, w.name_ok, 1);
	KCXX_EXPECT(test, !w.in_graph_after);
	mcpp_entity_put(w.found); // the last reference: freed here

	mcpp_device_unregister(dev.get());
	near.reset();
	dev.reset();
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

namespace {

struct Shared {
	void *fh;
	long ret[3] = { 1, 1, 1 };
	int idx = 0;
};

int shared_caller(void *arg)
{
	auto *s = static_cast<Shared *>(arg);
	int me = __atomic_fetch_add(&s->idx, 1, __ATOMIC_RELAXED);
	media_device_info info;
	s->ret[me] = mcpp_file_ioctl(s->fh, MEDIA_IOC_DEVICE_INFO, &info, &kernel_io);
	return 0;
}

} // namespace

/*
 * Threads on one file, each call's SRCU index its own (the bug that sank the
 * kernel's first "revocable" was one index shared by every caller): reader A
 * is parked inside its guard, unregister starts and waits, reader B enters
 * and leaves on the same file meanwhile, and only then A goes on. B's exit
 * must not end the wait for A, and A's exit must end it.
 */
void mcpp_test_race_threads_share_one_file(struct kunit *test)
{
	Heap<OpenDevice> od;
	if (!od || !od->setup(test, true))
		return;
	api::Device &dev = od->dev;
	Driver &drv = od->drv;
	Shared s{ od->fh };

	Heap<Park> park_mem;
	if (!park_mem)
		return;
	Park &park = *park_mem;
	mcpp_hook_arm(MCPP_HOOK_IOCTL, park_hook, &park);
	Thread a;
	KCXX_EXPECT(test, a.start(shared_caller, &s, "mcpp-reader-a"));
	park.parked.wait(); // A is inside its read section

	// Not on the heap of this frame: a broken guard may leave unregister
	// blocked for ever, and its thread must not find this memory reused.
	auto *unreg = new (kcxx::Gfp::kernel) Unregisterer;
	KCXX_EXPECT(test, unreg != nullptr);
	if (!unreg) {
		park.resume.complete();
		a.join();
		return;
	}
	unreg->dev = dev.get();
	const long waits = unregister_waits();
	Thread u;
	KCXX_EXPECT(test, u.start(unregister_thread, unreg, "mcpp-unreg"));
	KCXX_EXPECT(test, !unreg->done.wait_ms(200)); // waiting for A

	// B: the same file, after unregister began; it enters and leaves.
	Thread b;
	KCXX_EXPECT(test, b.start(shared_caller, &s, "mcpp-reader-b"));
	b.join();
	KCXX_EXPECT_EQ(test, s.ret[1], -EIO);
	KCXX_EXPECT(test, !unreg->done.wait_ms(200)); // still waiting for A
	KCXX_EXPECT_EQ(test, unregister_waits(), waits);
	KCXX_EXPECT_EQ(test, drv.released, 0);

	park.resume.complete();
	a.join();
	KCXX_EXPECT_EQ(test, s.ret[0], 0); // A was inside: it completed, nothing freed under it
	// A's exit ends the wait (bounded: a lost read section never ends).
	const bool returned = unreg->done.wait_ms(30000);
	KCXX_EXPECT(test, returned);
	if (!returned)
		return; // unregister is stuck: leave it its memory and thread
	KCXX_EXPECT(test, unreg->returned);
	KCXX_EXPECT_EQ(test, unregister_waits(), waits + 1);
	u.join();
	kcxx::destroy(unreg);

	s.idx = 2;
	shared_caller(&s);
	KCXX_EXPECT_EQ(test, s.ret[2], -EIO);
}
