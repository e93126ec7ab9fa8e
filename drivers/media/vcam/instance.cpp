// SPDX-License-Identifier: GPL-2.0
/*
 * vcam instances: the graph, the node registrations, probe and remove, and
 * the frame thread.
 *
 * Lifetime (see vcam.hpp): probe creates the media device with the
 * Instance as its drvdata and instance_release() as its release callback.
 * remove() unregisters (after which the core calls no op of ours and every
 * node has stopped streaming, so the frame thread has ended) and drops the
 * driver's references; the Instance is freed when the last open file,
 * node or entity reference is gone.
 */
#include <linux/media-bus-format.h>
#include <mcpp/test.h>

#include "vcam.hpp"

extern "C" struct module __this_module;

namespace vcam {

namespace {

const char *const kTestPatterns[] = {
	"Colour Bars", "Gradient", "Checkerboard", "Solid Colour", "Noise", nullptr,
};

const __s64 kLinkFreqs[] = { 371250000 }; // 74.25 MHz x 10 bits / 2 (DDR)

/* The controls libcamera expects of a raw sensor; HBLANK/VBLANK give 640x480 at 30/s. */
const mcpp_ctrl_desc kSensorCtrls[] = {
	{ V4L2_CID_EXPOSURE, 4, 65535, 1, 1000 },
	{ V4L2_CID_ANALOGUE_GAIN, 16, 256, 1, 16 }, // 16 = 1x
	{ V4L2_CID_DIGITAL_GAIN, 256, 4095, 1, 256 }, // Q8: 256 = 1x
	{ V4L2_CID_HBLANK, 280, 8192, 1, 1560 },
	{ V4L2_CID_VBLANK, 45, 65535, 1, 645 },
	{ V4L2_CID_PIXEL_RATE, kPixelRate, kPixelRate, 1, kPixelRate },
	{ V4L2_CID_LINK_FREQ, 0, 0, 0, 0, MCPP_CTRL_INT_MENU, nullptr, kLinkFreqs },
	{ V4L2_CID_TEST_PATTERN, 0, 4, 0, 0, MCPP_CTRL_MENU, kTestPatterns, nullptr },
	// The flips change the Bayer order: not while a pipeline holds the sensor.
	{ V4L2_CID_HFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, nullptr, nullptr,
	  V4L2_CTRL_FLAG_MODIFY_LAYOUT },
	{ V4L2_CID_VFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, nullptr, nullptr,
	  V4L2_CTRL_FLAG_MODIFY_LAYOUT },
	{ V4L2_CID_CAMERA_ORIENTATION, 0, V4L2_CAMERA_ORIENTATION_EXTERNAL, 0,
	  V4L2_CAMERA_ORIENTATION_FRONT, MCPP_CTRL_MENU, nullptr, nullptr },
	{ V4L2_CID_CAMERA_SENSOR_ROTATION, 0, 0, 1, 0 },
};

const mcpp_ctrl_desc kLensCtrls[] = {
	{ V4L2_CID_FOCUS_ABSOLUTE, 0, 1023, 1, 0 },
};

constexpr u32 kSource[] = { MEDIA_PAD_FL_SOURCE };
constexpr u32 kSink[] = { MEDIA_PAD_FL_SINK };
// A raw node without its sensor (unplugged) has nothing to capture: STREAMON gets -ENOLINK.
constexpr u32 kRawSink[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT };
constexpr u32 kIspPads[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT, MEDIA_PAD_FL_SINK,
			     MEDIA_PAD_FL_SOURCE, MEDIA_PAD_FL_SOURCE };
constexpr u32 kResizerPads[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT,
				 MEDIA_PAD_FL_SOURCE };
constexpr u32 kFixed = MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE;

int link_setup(void *drvdata, mcpp_entity *source, __u16, mcpp_entity *sink, __u16, __u32 flags)
{
	Instance *inst = static_cast<Instance *>(drvdata);
	const bool enable = flags & MEDIA_LNK_FL_ENABLED;

	if (sink != inst->isp.entity.get())
		return -EINVAL; // only the sensor links are not immutable
	for (u32 i = 0; i < inst->num_sensors; i++) {
		if (source != inst->sensors[i].entity.get())
			continue;
		if (inst->isp.streaming())
			return -EBUSY; // switching sensors while streaming: not supported
		for (u32 j = 0; enable && j < inst->num_sensors; j++)
			if (j != i && inst->sensor_linked[j])
				return -EBUSY; // one sensor at a time
		inst->sensor_linked[i] = enable;
		return 0;
	}
	return -EINVAL;
}

} // namespace

/* Lifetime: the core calls this once, after the last reference to the device. */
void instance_release(void *drvdata)
{
	Instance *inst = static_cast<Instance *>(drvdata);
	const bool replug = inst->replug_; // removed by Disconnect (errinj.cpp)
	const u32 index = inst->index_;

	kcxx::destroy(inst);
	if (replug)
		vcam_replug(index);
}

namespace {

const mcpp_device_ops kDeviceOps = {
	.owner = &__this_module,
	.release = instance_release,
	.link_setup = link_setup,
};

} // namespace

Result<Instance *> Instance::create(struct device *parent, u32 index, u32 sensors)
{
	Instance *inst = TRY(kcxx::make<Instance>(kcxx::Gfp::kernel));
	const char serial[2] = { char('0' + index % 10), 0 };
	const mcpp_device_info info = {
		.driver = "vcam", .model = "vcam virtual camera", .serial = serial, .hw_revision = 1
	};

	inst->num_sensors = sensors;
	inst->parent_ = parent;
	inst->index_ = index;
	auto dev = api::create_device(parent, info, kDeviceOps, inst);
	if (!dev.ok()) {
		kcxx::destroy(inst); // never created: the release will not run
		return dev.error();
	}
	inst->dev = dev.take();
	// From here on the release callback frees inst.
	Status st = inst->build();
	if (st.ok())
		st = inst->register_nodes();
	if (st.ok())
		st = kcxx::status_from_errno(mcpp_device_register(inst->dev.get()));
	if (!st.ok()) {
		inst->remove();
		return st.error();
	}
	char name[16] = "vcam.0";
	name[5] = char('0' + index % 10);
	inst->debugfs_ = vcam_debugfs_create(name, inst, &inst->frame_ns_, &inst->frames_done_,
					     &inst->drops_);
	return inst;
}

Status Instance::build()
{
	static const char *const sensor_names[] = { "sensor-a", "sensor-b" };
	static const char *const raw_names[] = { "raw-a", "raw-b" };
	main_rsz.init(640, 480);
	self_rsz.init(640, 480);
	main.init(this, Capture::Kind::processed);
	self.init(this, Capture::Kind::processed);
	params.init(this, true);
	stats.init(this, false);
	for (u32 i = 0; i < num_sensors; i++)
		sensors[i].inj.init(this, SubdevInj::Kind::sensor);
	lens.inj.init(this, SubdevInj::Kind::other);
	isp.inj.init(this, SubdevInj::Kind::other);
	main_rsz.inj.init(this, SubdevInj::Kind::other);
	self_rsz.inj.init(this, SubdevInj::Kind::other);
	for (u32 i = 0; i < num_sensors; i++) {
		sensors[i].init();
		raw[i].init(this, Capture::Kind::raw);
		sensors[i].entity = TRY(api::create_entity(dev, sensor_names[i],
							   MEDIA_ENT_F_CAM_SENSOR, 0, 1, kSource));
	}
	lens.entity = TRY(api::create_entity(dev, "lens-a", MEDIA_ENT_F_LENS, 0, 0, nullptr));
	isp.entity = TRY(api::create_entity(dev, "isp", MEDIA_ENT_F_PROC_VIDEO_ISP, 0, Isp::kPads,
					    kIspPads));
	main_rsz.entity = TRY(api::create_entity(dev, "resizer-main", MEDIA_ENT_F_PROC_VIDEO_SCALER,
						 0, Resizer::kPads, kResizerPads));
	self_rsz.entity = TRY(api::create_entity(dev, "resizer-self", MEDIA_ENT_F_PROC_VIDEO_SCALER,
						 0, Resizer::kPads, kResizerPads));
	main.entity = TRY(api::create_entity(dev, "main", MEDIA_ENT_F_IO_V4L, 0, 1, kSink));
	self.entity = TRY(api::create_entity(dev, "self", MEDIA_ENT_F_IO_V4L, 0, 1, kSink));
	params.entity = TRY(api::create_entity(dev, "params", MEDIA_ENT_F_IO_V4L, 0, 1, kSource));
	stats.entity = TRY(api::create_entity(dev, "stats", MEDIA_ENT_F_IO_V4L, 0, 1, kSink));
	for (u32 i = 0; i < num_sensors; i++)
		raw[i].entity = TRY(
			api::create_entity(dev, raw_names[i], MEDIA_ENT_F_IO_V4L, 0, 1, kRawSink));

	for (u32 i = 0; i < num_sensors; i++) {
		u32 flags = MEDIA_LNK_FL_DYNAMIC | (i == 0 ? MEDIA_LNK_FL_ENABLED : 0);
		TRY(api::link(sensors[i].entity, 0, isp.entity, Isp::kSink, flags));
		TRY(api::link(sensors[i].entity, 0, raw[i].entity, 0, kFixed));
	}
	sensor_linked[0] = true;
	TRY(api::link(params.entity, 0, isp.entity, Isp::kParams, kFixed));
	TRY(api::link(isp.entity, Isp::kSource, main_rsz.entity, Resizer::kSink, kFixed));
	TRY(api::link(isp.entity, Isp::kSource, self_rsz.entity, Resizer::kSink, kFixed));
	TRY(api::link(isp.entity, Isp::kStats, stats.entity, 0, kFixed));
	TRY(api::link(main_rsz.entity, Resizer::kSource, main.entity, 0, kFixed));
	TRY(api::link(self_rsz.entity, Resizer::kSource, self.entity, 0, kFixed));
	int ret = mcpp_ancillary_link_create(sensors[0].entity.get(), lens.entity.get());
	return kcxx::status_from_errno(ret);
}

/*
 * The sub-devices (and the raw nodes, in the order they always had): each
 * one's controls, then the error-injection ones (errinj.cpp).
 */
Status Instance::register_subdevs(CtrlList &cl)
{
	using K = SubdevInj::Kind;

	subdev_ctrls(cl, kSensorCtrls, sizeof(kSensorCtrls) / sizeof(kSensorCtrls[0]), K::sensor);
	for (u32 i = 0; i < num_sensors; i++) {
		TRY(api::register_subdev(sensors[i].entity, sensors[i], cl.d, cl.n));
		raw[i].node = TRY(api::register_video(raw[i].entity, raw[i]));
	}
	subdev_ctrls(cl, kLensCtrls, 1, K::other);
	TRY(api::register_subdev(lens.entity, lens, cl.d, cl.n));
	subdev_ctrls(cl, nullptr, 0, K::other); // error injection only
	const mcpp_ctrl_desc *d = cl.n ? cl.d : nullptr;
	TRY(api::register_subdev(isp.entity, isp, d, cl.n));
	TRY(api::register_subdev(main_rsz.entity, main_rsz, d, cl.n));
	TRY(api::register_subdev(self_rsz.entity, self_rsz, d, cl.n));
	return {};
}

Status Instance::register_nodes()
{
	CtrlList *cl = TRY(kcxx::make<CtrlList>(kcxx::Gfp::kernel)); // too big for the stack
	Status st = register_subdevs(*cl);
	kcxx::destroy(cl);
	TRY(st);
	main.node = TRY(api::register_video(main.entity, main));
	self.node = TRY(api::register_video(self.entity, self));
	params.node = TRY(api::register_meta(params.entity, true, params));
	stats.node = TRY(api::register_meta(stats.entity, false, stats));
	return {};
}

void Instance::remove()
{
	// Revoke: streaming stops (the thread ends), no op of ours runs again.
	mcpp_device_unregister(dev.get());
	vcam_debugfs_remove(kcxx::exchange(debugfs_, nullptr));
	for (u32 i = 0; i < num_sensors; i++) {
		sensors[i].entity.reset();
		raw[i].entity.reset();
	}
	lens.entity.reset();
	isp.entity.reset();
	main_rsz.entity.reset();
	self_rsz.entity.reset();
	main.entity.reset();
	self.entity.reset();
	params.entity.reset();
	stats.entity.reset();
	dev.reset(); // may free this: nothing below
}

Status Instance::disconnect_sensor(u32 i)
{
	if (i >= num_sensors)
		return Error(-EINVAL);
	kcxx::MutexGuard g(disconnect_lock_);
	if (!sensors[i].entity)
		return Error(-ENODEV);
	// Stops the sensor (s_stream(0)) if a stream ran through it: no new frame renders it.
	TRY(kcxx::status_from_errno(mcpp_subdev_unregister(sensors[i].entity.get())));
	{
		kcxx::MutexGuard f(frame_lock_); // waits out a frame in progress
		sensor_linked[i] = false; // its link to the ISP is gone with it
	}
	sensors[i].entity.reset(); // the driver's reference; its node may hold another
	return {};
}

Sensor *Instance::isp_sensor()
{
	for (u32 i = 0; i < num_sensors; i++)
		if (sensor_linked[i])
			return &sensors[i];
	return nullptr;
}

u64 Instance::frame_period_ns()
{
	Sensor *s = isp_sensor();
	return s ? s->frame_ns() : 33333333;
}

/* Frame thread ------------------------------------------------------------- */

Status Instance::node_started(bool *on)
{
	kcxx::MutexGuard g(stream_lock_);
	{
		kcxx::MutexGuard f(frame_lock_);
		__atomic_store_n(on, true, __ATOMIC_RELEASE);
	}
	if (streams_ == 0) {
		Status st = alloc_frames();
		if (st.ok()) {
			sequence_ = 0;
			thread_ = kcxx_thread_start(thread_fn, this, "vcam-frames");
			if (!thread_) {
				free_frames();
				st = Error(-ENOMEM);
			}
		}
		if (!st.ok()) {
			__atomic_store_n(on, false, __ATOMIC_RELEASE);
			return st;
		}
	}
	streams_++;
	return {};
}

void Instance::node_stopped(bool *on)
{
	kcxx::MutexGuard g(stream_lock_);
	{
		kcxx::MutexGuard f(frame_lock_); // waits out a frame using our buffers
		__atomic_store_n(on, false, __ATOMIC_RELEASE);
	}
	if (--streams_ == 0) {
		stop_.complete();
		kcxx_thread_join(kcxx::exchange(thread_, nullptr));
		free_frames();
	}
}

/* Paced by the ISP's sensor (or the first streaming one); ends when stop_ completes. */
int Instance::thread_fn(void *data)
{
	Instance *inst = static_cast<Instance *>(data);
	for (;;) {
		const u64 start = vcam_now_ns();
		const u64 period = inst->frame_period_ns();
		{
			kcxx::MutexGuard f(inst->frame_lock_);
			mcpp_hook(MCPP_HOOK_DRIVER_FRAME); // a race test may park us here
			inst->produce_frame();
		}
		const u64 spent = vcam_now_ns() - start;
		const u64 wait_ms = spent >= period ? 1 : (period - spent) / 1000000 + 1;
		if (inst->stop_.wait_ms(wait_ms))
			return 0;
	}
}

} // namespace vcam

extern "C" void *vcam_probe(struct device *parent, unsigned int index,
			    unsigned int sensors) noexcept
{
	auto r = vcam::Instance::create(parent, index, sensors);
	if (!r.ok())
		return reinterpret_cast<void *>(static_cast<kcxx::ptrdiff>(r.code()));
	return r.value();
}

extern "C" void vcam_remove(void *instance) noexcept
{
	static_cast<vcam::Instance *>(instance)->remove();
}

extern "C" int vcam_disconnect(void *instance, unsigned int sensor) noexcept
{
	return static_cast<vcam::Instance *>(instance)->disconnect_sensor(sensor).code();
}
