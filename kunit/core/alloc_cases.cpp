// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_alloc: every allocation of device and graph creation and registration
 * fails in turn (fail-nth: the nth slab allocation of this task, including
 * those inside device_add() and cdev_add()). Each run must end in a clean
 * error or a working device, and the driver's release must run exactly once
 * if and only if the device was created. kmemleak, at the end of the boot,
 * shows nothing leaked.
 */
#include "fixture.hpp"
#include "alloc_cases.h"

using namespace mcpp_test;
namespace api = mcpp::api;

namespace {

struct Built {
	api::Device dev;
	api::Entity a, b;
	api::Interface intf;
};

int build(Driver &drv, Built &out)
{
	static const __u32 src[] = { MEDIA_PAD_FL_SOURCE };
	static const __u32 snk[] = { MEDIA_PAD_FL_SINK };
	const mcpp_device_info info = { .driver = "mcpp_kunit", .model = "alloc" };
	auto dev = api::create_device(test_parent(), info, driver_ops, &drv);
	if (!dev.ok())
		return dev.code();
	out.dev = dev.take();
	auto a = api::create_entity(out.dev, "a", MEDIA_ENT_F_CAM_SENSOR, 0, 1, src);
	if (!a.ok())
		return a.code();
	out.a = a.take();
	auto b = api::create_entity(out.dev, "b", MEDIA_ENT_F_IO_V4L, 0, 1, snk);
	if (!b.ok())
		return b.code();
	out.b = b.take();
	auto l = api::link(out.a, 0, out.b, 0, MEDIA_LNK_FL_ENABLED);
	if (!l.ok())
		return l.code();
	auto intf = api::create_interface(out.dev, MEDIA_INTF_T_V4L_VIDEO, 81, 9);
	if (!intf.ok())
		return intf.code();
	out.intf = intf.take();
	int ret = mcpp_interface_link_create(out.intf.get(), out.b.get());
	if (ret < 0)
		return ret;
	return mcpp_device_register(out.dev.get());
}

} // namespace

void mcpp_test_alloc_failure_every_step(struct kunit *test)
{
	// Releases are delayed by seconds (DEBUG_KOBJECT_RELEASE): each run's
	// driver state is kept and all of them are checked at the end.
	constexpr unsigned int max_runs = 400;
	auto drivers_mem = kcxx::alloc_array<Driver *>(max_runs, kcxx::Gfp::kernel);
	KCXX_EXPECT(test, drivers_mem.ok());
	if (!drivers_mem.ok())
		return;
	Driver **drivers = drivers_mem.value();
	// On the heap: the frame would pass 1 KiB with UBSAN's instrumentation.
	auto created_mem = kcxx::alloc_array<bool>(max_runs, kcxx::Gfp::kernel);
	KCXX_EXPECT(test, created_mem.ok());
	if (!created_mem.ok()) {
		kcxx::free_array(drivers);
		return;
	}
	bool *created = created_mem.value();
	unsigned int runs = 0, failed_runs = 0;
	bool clean_run = false;

	while (runs < max_runs && !clean_run) {
		const unsigned int n = runs + 1;
		auto made = kcxx::make<Driver>(kcxx::Gfp::kernel);
		KCXX_EXPECT(test, made.ok());
		if (!made.ok())
			break;
		Driver &drv = *made.value();
		drivers[runs] = &drv;
		Built b;
		kcxx_kunit_inject_fail_nth(n);
		const int ret = build(drv, b);
		const bool fired = kcxx_kunit_fail_nth_pending() == 0;
		if (!fired) {
			// Past the last allocation: the build must now just work.
			KCXX_EXPECT_EQ(test, ret, 0);
			clean_run = true;
		}
		if (ret) {
			KCXX_EXPECT(test, ret < 0 && ret >= -4095);
			failed_runs++;
		}
		created[runs] = static_cast<bool>(b.dev);
		if (created[runs])
			mcpp_device_unregister(b.dev.get());
		b.a.reset();
		b.b.reset();
		b.intf.reset();
		b.dev.reset();
		runs++;
	}
	for (unsigned int i = 0; i < runs; i++) {
		Driver &drv = *drivers[i];
		if (created[i]) {
			KCXX_EXPECT(test, wait_released(drv));
			KCXX_EXPECT_EQ(test, drv.released, 1);
		} else {
			KCXX_EXPECT_EQ(test, drv.released, 0);
		}
		kcxx::destroy(&drv);
	}
	kcxx::free_array(drivers);
	kcxx::free_array(created);
	KCXX_EXPECT(test, clean_run);
	// Creation and registration allocate at a dozen places or more.
	KCXX_EXPECT(test, failed_runs >= 8);
}
