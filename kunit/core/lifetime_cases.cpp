// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_lifetime: who keeps a media device alive, and when its release runs.
 * Every case ends with the device released exactly once.
 */
#include "fixture.hpp"
#include "lifetime_cases.h"

using namespace mcpp_test;
namespace api = mcpp::api;

namespace {

const __u32 source_pad[] = { MEDIA_PAD_FL_SOURCE };
const __u32 sink_pad[] = { MEDIA_PAD_FL_SINK };

long device_info(void *fh, media_device_info *info)
{
	return mcpp_file_ioctl(fh, MEDIA_IOC_DEVICE_INFO, info, &kernel_io);
}

unsigned int refs(api::Device &dev)
{
	return mcpp_test_device_refs(dev.get());
}

} // namespace

void mcpp_test_release_after_last_reference(struct kunit *test)
{
	Driver drv;
	api::Device dev = make_device(test, drv);
	if (!dev)
		return;
	// Who holds the device, counted as each holder comes and goes (a
	// release cannot show an early put: DEBUG_KOBJECT_RELEASE delays it).
	KCXX_EXPECT_EQ(test, refs(dev), 1u); // the driver's
	auto ent = api::create_entity(dev, "sensor", MEDIA_ENT_F_CAM_SENSOR, 0, 1, source_pad);
	KCXX_EXPECT(test, ent.ok());
	KCXX_EXPECT_EQ(test, refs(dev), 2u); // the entity pins its device
	auto intf = api::create_interface(dev, MEDIA_INTF_T_V4L_VIDEO, 81, 9);
	KCXX_EXPECT(test, intf.ok());
	KCXX_EXPECT_EQ(test, refs(dev), 3u); // and so does an interface
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), 0);
	KCXX_EXPECT_EQ(test, refs(dev), 4u); // the devnode
	void *fh = nullptr, *fh2 = nullptr;
	KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &fh), 0);
	KCXX_EXPECT_EQ(test, refs(dev), 5u); // an open file
	KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &fh2), 0);
	KCXX_EXPECT_EQ(test, refs(dev), 6u);
	if (fh2)
		mcpp_file_release(fh2);
	KCXX_EXPECT_EQ(test, refs(dev), 5u); // a close drops exactly its own
	if (intf.ok())
		intf.value().reset(); // the graph still holds the interface
	KCXX_EXPECT_EQ(test, refs(dev), 5u);

	mcpp_device_unregister(dev.get());
	dev.reset(); // the driver's reference
	// The open file and the entity still hold the device.
	KCXX_EXPECT_EQ(test, drv.released, 0);
	if (fh)
		mcpp_file_release(fh);
	KCXX_EXPECT_EQ(test, drv.released, 0);
	KCXX_EXPECT(test, !drv.release_done.wait_ms(200)); // the entity still pins it
	if (ent.ok())
		ent.value().reset();
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

void mcpp_test_unregister_with_files_open(struct kunit *test)
{
	Driver drv;
	api::Device dev = make_device(test, drv);
	if (!dev)
		return;
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), 0);
	const unsigned int base = mcpp_test_device_refs(dev.get()); // driver, devnode
	void *fh[3] = {};
	for (void *&f : fh)
		KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &f), 0);
	KCXX_EXPECT_EQ(test, mcpp_test_device_refs(dev.get()), base + 3); // one per file
	media_device_info info;
	KCXX_EXPECT_EQ(test, device_info(fh[0], &info), 0);
	KCXX_EXPECT(test, !mcpp_file_revoked(fh[0]));

	mcpp_device_unregister(dev.get()); // returns with three files open
	KCXX_EXPECT_EQ(test, mcpp_device_minor(dev.get()), -1);
	for (void *f : fh) {
		if (!f)
			continue;
		// The in-kernel media controller's answers: EIO for every ioctl.
		KCXX_EXPECT_EQ(test, device_info(f, &info), -EIO);
		KCXX_EXPECT_EQ(
			test,
			mcpp_file_ioctl(f, _IOWR('|', 0x7f, media_link_desc), nullptr, &kernel_io),
			-EIO);
		KCXX_EXPECT(test, mcpp_file_revoked(f));
	}
	mcpp_device_unregister(dev.get()); // idempotent
	dev.reset();
	KCXX_EXPECT_EQ(test, drv.released, 0);
	for (void *f : fh)
		if (f)
			mcpp_file_release(f);
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

void mcpp_test_open_after_unregister_fails(struct kunit *test)
{
	Driver drv;
	api::Device dev = make_device(test, drv);
	if (!dev)
		return;
	void *fh = nullptr;
	// Never registered: nothing can be opened (ENXIO, as the in-kernel MC).
	KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &fh), -ENXIO);
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), 0);
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), -EBUSY); // once in a life
	mcpp_device_unregister(dev.get());
	KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &fh), -ENXIO);
	KCXX_EXPECT(test, fh == nullptr);
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), -ENODEV); // no re-registration
	// Nothing can be added to an unregistered device's graph.
	auto late = api::create_entity(dev, "late", MEDIA_ENT_F_CAM_SENSOR, 0, 0, nullptr);
	KCXX_EXPECT_EQ(test, late.code(), -ENODEV);
	dev.reset();
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

void mcpp_test_minor_reused_only_after_release(struct kunit *test)
{
	Driver a, b, c;
	api::Device da = make_device(test, a);
	if (!da)
		return;
	KCXX_EXPECT_EQ(test, mcpp_device_register(da.get()), 0);
	const int minor_a = mcpp_device_minor(da.get());
	KCXX_EXPECT(test, minor_a >= 0);
	void *fh = nullptr;
	KCXX_EXPECT_EQ(test, mcpp_file_open(da.get(), &fh), 0);
	mcpp_device_unregister(da.get());
	da.reset();

	// A's node is still reachable through the open file: its minor is taken.
	api::Device db = make_device(test, b);
	KCXX_EXPECT_EQ(test, mcpp_device_register(db.get()), 0);
	KCXX_EXPECT(test, mcpp_device_minor(db.get()) != minor_a);
	mcpp_device_unregister(db.get());
	db.reset();
	KCXX_EXPECT(test, wait_released(b));

	if (fh)
		mcpp_file_release(fh);
	KCXX_EXPECT(test, wait_released(a));

	// After the release the lowest minor is free again.
	api::Device dc = make_device(test, c);
	KCXX_EXPECT_EQ(test, mcpp_device_register(dc.get()), 0);
	KCXX_EXPECT_EQ(test, mcpp_device_minor(dc.get()), minor_a);
	mcpp_device_unregister(dc.get());
	dc.reset();
	KCXX_EXPECT(test, wait_released(c));
	KCXX_EXPECT_EQ(test, a.released + b.released + c.released, 3);
}

void mcpp_test_entity_outlives_graph_removal(struct kunit *test)
{
	Driver drv;
	api::Device dev = make_device(test, drv);
	if (!dev)
		return;
	auto src = api::create_entity(dev, "src", MEDIA_ENT_F_CAM_SENSOR, 0, 1, source_pad).take();
	auto dst = api::create_entity(dev, "dst", MEDIA_ENT_F_IO_V4L, 0, 1, sink_pad).take();
	KCXX_EXPECT(test, api::link(src, 0, dst, 0, MEDIA_LNK_FL_ENABLED).ok());
	const __u64 v0 = mcpp_device_topology_version(dev.get());

	api::Entity pinned = api::remote(src, 0); // a walker's pin on dst
	KCXX_EXPECT(test, pinned.get() == dst.get());
	mcpp_entity_remove(dst.get());
	KCXX_EXPECT(test, !mcpp_entity_in_graph(dst.get()));
	KCXX_EXPECT(test, mcpp_device_topology_version(dev.get()) > v0);
	// The link went with it: nothing is connected to src:0 any more.
	KCXX_EXPECT(test, !api::remote(src, 0));
	dst.reset();
	// Still valid memory through the pin (KASAN would object otherwise).
	KCXX_EXPECT(test, __builtin_strcmp(mcpp_entity_name(pinned.get()), "dst") == 0);
	mcpp_entity_remove(pinned.get()); // idempotent
	pinned.reset();

	mcpp_device_unregister(dev.get());
	KCXX_EXPECT(test, !mcpp_entity_in_graph(src.get()));
	src.reset();
	dev.reset();
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

void mcpp_test_create_bad_arguments(struct kunit *test)
{
	Driver drv;
	const mcpp_device_info no_driver = { .driver = nullptr, .model = "m" };
	const mcpp_device_info long_driver = { .driver = "a-driver-name-too-long", .model = "m" };
	const mcpp_device_info ok = { .driver = "d", .model = "m" };
	const mcpp_device_ops no_release = { .owner = &__this_module };

	KCXX_EXPECT_EQ(test, api::create_device(test_parent(), no_driver, driver_ops, &drv).code(),
		       -EINVAL);
	KCXX_EXPECT_EQ(test,
		       api::create_device(test_parent(), long_driver, driver_ops, &drv).code(),
		       -EINVAL);
	KCXX_EXPECT_EQ(test, api::create_device(nullptr, ok, driver_ops, &drv).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, api::create_device(test_parent(), ok, no_release, &drv).code(),
		       -EINVAL);
	// A failed create never calls the release callback.
	KCXX_EXPECT_EQ(test, drv.released, 0);
}
