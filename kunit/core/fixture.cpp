// SPDX-License-Identifier: GPL-2.0
/* Shared pieces of the core's KUnit suites (fixture.hpp). */
#include "fixture.hpp"

extern "C" struct device *mcpp_kunit_parent(void) noexcept;

namespace mcpp_test {

void driver_release(void *drvdata)
{
	auto *drv = static_cast<Driver *>(drvdata);
	drv->released++;
	drv->release_done.complete();
}

int driver_link_setup(void *drvdata, mcpp_entity *, __u16, mcpp_entity *, __u16, __u32)
{
	auto *drv = static_cast<Driver *>(drvdata);
	drv->link_setups++;
	return drv->link_setup_ret;
}

const mcpp_device_ops driver_ops = {
	.owner = &__this_module,
	.release = driver_release,
	.link_setup = driver_link_setup,
};

struct device *test_parent()
{
	return mcpp_kunit_parent();
}

mcpp::api::Device make_device(struct kunit *test, Driver &drv)
{
	const mcpp_device_info info = {
		.driver = "mcpp_kunit",
		.model = "KUnit media device",
		.serial = "SN42",
		.bus_info = nullptr,
		.hw_revision = 7,
	};
	auto r = mcpp::api::create_device(test_parent(), info, driver_ops, &drv);
	KCXX_EXPECT(test, r.ok());
	if (!r.ok())
		return mcpp::api::Device();
	return r.take();
}

bool OpenDevice::setup(struct kunit *t, bool open_file)
{
	test = t;
	dev = make_device(test, drv);
	if (!dev)
		return false;
	KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), 0);
	if (open_file)
		KCXX_EXPECT_EQ(test, mcpp_file_open(dev.get(), &fh), 0);
	return !open_file || fh;
}

void OpenDevice::close()
{
	if (fh)
		mcpp_file_release(kcxx::exchange(fh, nullptr));
}

OpenDevice::~OpenDevice()
{
	if (!dev)
		return;
	mcpp_device_unregister(dev.get());
	close();
	dev.reset();
	KCXX_EXPECT(test, wait_released(drv));
	KCXX_EXPECT_EQ(test, drv.released, 1);
}

bool wait_released(Driver &drv)
{
	return drv.release_done.wait_ms(15000);
}

namespace {

int kernel_copy_out(const mcpp_user_io *, __u64 uptr, const void *src, size_t size)
{
	__builtin_memcpy(reinterpret_cast<void *>(static_cast<kcxx::uintptr>(uptr)), src, size);
	return 0;
}

int faulting_copy_out(const mcpp_user_io *, __u64, const void *, size_t)
{
	return -EFAULT;
}

} // namespace

const mcpp_user_io kernel_io = { .copy_out = kernel_copy_out, .priv = nullptr };
const mcpp_user_io faulting_io = { .copy_out = faulting_copy_out, .priv = nullptr };

void park_hook(void *ctx, enum mcpp_hook_point)
{
	auto *p = static_cast<Park *>(ctx);
	p->parked.complete();
	p->resume.wait();
}

} // namespace mcpp_test
