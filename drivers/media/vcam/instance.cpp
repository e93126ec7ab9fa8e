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

int link_setup(void *drvdata, mcpp_entity *source, __u16, mcpp_entity *sink, __u16, __u32 flags)
{
	Instance *inst = static_cast<Instance *>(drvdata);
	const bool enable = flags & MEDIA_LNK_FL_ENABLED;

	if (source == inst->isp.entity.get() &&
	    (sink == inst->main_rsz.entity.get() || sink == inst->self_rsz.entity.get()))
		return inst->isp.streaming() ? -EBUSY : 0; // rkisp1: the paths' links
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
	const u32 gen = inst->gen_;

	kcxx::destroy(inst);
	if (replug)
		vcam_replug(index, gen);
}

namespace {

const mcpp_device_ops kDeviceOps = {
	.owner = &__this_module,
	.release = instance_release,
	.link_setup = link_setup,
};

} // namespace

Result<Instance *> Instance::create(struct device *parent, u32 index, u32 gen, u32 sensors,
				    const Personality &personality)
{
	Instance *inst = TRY(kcxx::make<Instance>(kcxx::Gfp::kernel));
	const char serial[2] = { char('0' + index % 10), 0 };
	const mcpp_device_info info = { .driver = personality.driver,
					.model = personality.model,
					.serial = serial,
					.hw_revision = personality.hw_revision };

	inst->personality = &personality;
	inst->num_sensors = sensors;
	inst->parent_ = parent;
	inst->index_ = index;
	inst->gen_ = gen;
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

/* Whether the table's entity @e is part of this instance (its sensor count). */
bool Instance::present(const EntityDesc &e) const
{
	return e.sensor == kAnySensor || e.sensor < num_sensors;
}

/* The driver's reference on the table's entity @e. */
api::Entity &Instance::entity_of(const EntityDesc &e)
{
	switch (e.kind) {
	case EntityKind::sensor:
		return sensors[e.index].entity;
	case EntityKind::lens:
		return lens.entity;
	case EntityKind::isp:
		return isp.entity;
	case EntityKind::resizer:
		return e.index ? self_rsz.entity : main_rsz.entity;
	case EntityKind::raw_capture:
		return raw[e.index].entity;
	case EntityKind::capture:
		return e.index ? self.entity : main.entity;
	case EntityKind::params:
		return params.entity;
	case EntityKind::stats:
		return stats.entity;
	}
	return stats.entity; // not reached: every kind is above
}

/* Every entity of the table, then every link: ids in the table's order. */
Status Instance::build()
{
	const Topology &t = *personality->topology;

	for (u32 i = 0; i < t.num_entities; i++) {
		const EntityDesc &e = t.entities[i];
		if (!present(e))
			continue;
		switch (e.kind) {
		case EntityKind::sensor:
			sensors[e.index].init(personality->flavour);
			sensors[e.index].inj.init(this, SubdevInj::Kind::sensor);
			break;
		case EntityKind::resizer:
			(e.index ? self_rsz : main_rsz)
				.init(e.width, e.height, personality->flavour);
			(e.index ? self_rsz : main_rsz).inj.init(this, SubdevInj::Kind::other);
			break;
		case EntityKind::raw_capture:
			raw[e.index].init(this, Capture::Kind::raw);
			break;
		case EntityKind::capture:
			(e.index ? self : main).init(this, Capture::Kind::processed);
			break;
		case EntityKind::params:
			params.init(this, true);
			break;
		case EntityKind::stats:
			stats.init(this, false);
			break;
		case EntityKind::lens:
			lens.inj.init(this, SubdevInj::Kind::other);
			break;
		case EntityKind::isp:
			isp.init(personality->flavour);
			isp.inj.init(this, SubdevInj::Kind::other);
			break;
		}
		entity_of(e) =
			TRY(api::create_entity(dev, e.name, e.function, 0, e.num_pads, e.pads));
	}
	for (u32 i = 0; i < t.num_links; i++) {
		const LinkDesc &l = t.links[i];
		const EntityDesc &src = t.entities[l.source], &sink = t.entities[l.sink];
		if (!present(src) || !present(sink))
			continue;
		if (l.flags & MEDIA_LNK_FL_ANCILLARY_LINK) {
			TRY(kcxx::status_from_errno(mcpp_ancillary_link_create(
				entity_of(src).get(), entity_of(sink).get())));
			continue;
		}
		TRY(api::link(entity_of(src), l.source_pad, entity_of(sink), l.sink_pad, l.flags));
		if (src.kind == EntityKind::sensor && sink.kind == EntityKind::isp &&
		    (l.flags & MEDIA_LNK_FL_ENABLED))
			sensor_linked[src.index] = true;
	}
	return {};
}

/* @cl: room for a sub-device's controls: its own, then error injection's (errinj.cpp). */
Status Instance::register_node(const EntityDesc &e, CtrlList &cl)
{
	using K = SubdevInj::Kind;

	switch (e.kind) {
	case EntityKind::sensor:
		if (personality->flavour == Flavour::rkisp1)
			subdev_ctrls(cl, Sensor::kImx219Ctrls, Sensor::kNumImx219Ctrls, K::sensor);
		else
			subdev_ctrls(cl, Sensor::kCtrls, Sensor::kNumCtrls, K::sensor);
		return api::register_subdev(sensors[e.index].entity, sensors[e.index], cl.d, cl.n);
	case EntityKind::lens:
		subdev_ctrls(cl, Lens::kCtrls, Lens::kNumCtrls, K::other);
		return api::register_subdev(lens.entity, lens, cl.d, cl.n);
	case EntityKind::isp:
		subdev_ctrls(cl, nullptr, 0, K::other);
		return api::register_subdev(isp.entity, isp, cl.n ? cl.d : nullptr, cl.n);
	case EntityKind::resizer: {
		Resizer &rsz = e.index ? self_rsz : main_rsz;
		subdev_ctrls(cl, nullptr, 0, K::other);
		return api::register_subdev(rsz.entity, rsz, cl.n ? cl.d : nullptr, cl.n);
	}
	case EntityKind::raw_capture:
		raw[e.index].node = TRY(api::register_video(raw[e.index].entity, raw[e.index]));
		return {};
	case EntityKind::capture: {
		Capture &cap = e.index ? self : main;
		cap.node = TRY(api::register_video(cap.entity, cap));
		return {};
	}
	case EntityKind::params:
		params.node = TRY(api::register_meta(params.entity, true, params));
		return {};
	case EntityKind::stats:
		stats.node = TRY(api::register_meta(stats.entity, false, stats));
		return {};
	}
	return Error(-EINVAL);
}

/* The sub-device and video nodes, in the topology's node order. */
Status Instance::register_nodes()
{
	const Topology &t = *personality->topology;
	CtrlList *cl = TRY(kcxx::make<CtrlList>(kcxx::Gfp::kernel)); // too big for the stack
	Status st;

	for (u32 i = 0; i < t.num_entities && st.ok(); i++) {
		const EntityDesc &e = t.entities[t.node_order ? t.node_order[i] : i];
		if (present(e))
			st = register_node(e, *cl);
	}
	kcxx::destroy(cl);
	return st;
}

void Instance::remove()
{
	const Topology &t = *personality->topology;

	// Revoke: streaming stops (the thread ends), no op of ours runs again.
	mcpp_device_unregister(dev.get());
	vcam_debugfs_remove(kcxx::exchange(debugfs_, nullptr));
	for (u32 i = 0; i < t.num_entities; i++)
		entity_of(t.entities[i]).reset();
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
		join_thread(); // the last stream's, told to end at its stop
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

void Instance::node_stopped(bool *on, api::Buffer &inflight)
{
	kcxx::MutexGuard g(stream_lock_);
	{
		// Between frames or bands of rows: the frame in progress, if any, is
		// abandoned for this node (it checks the node's buffer after each band).
		kcxx::MutexGuard f(frame_lock_);
		__atomic_store_n(on, false, __ATOMIC_RELEASE);
		inflight.reset(); // back to videobuf2 flagged ERROR, as it requires
	}
	if (--streams_ == 0)
		stop_.complete(); // not joined here: it may be mid-frame (join_thread())
}

/*
 * Joins a thread told to end (its last stop completed stop_): at the next
 * start, and in the Instance's release, after which the module may go.
 */
void Instance::join_thread()
{
	if (kcxx_thread *t = kcxx::exchange(thread_, nullptr))
		kcxx_thread_join(t);
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
			break;
	}
	// Only this thread uses the frame buffers; a new start joins it first.
	inst->free_frames();
	return 0;
}

} // namespace vcam

extern "C" void *vcam_probe(struct device *parent, unsigned int index, unsigned int gen,
			    unsigned int sensors, unsigned int personality) noexcept
{
	const vcam::Personality &p =
		personality == 1 ? vcam::kRkisp1Personality : vcam::kVcamPersonality;
	auto r = vcam::Instance::create(parent, index, gen, sensors, p);
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

extern "C" const char *vcam_sensor_name(void *instance, unsigned int sensor) noexcept
{
	const vcam::Topology &t = *static_cast<vcam::Instance *>(instance)->personality->topology;

	for (kcxx::u32 i = 0; i < t.num_entities; i++)
		if (t.entities[i].kind == vcam::EntityKind::sensor && t.entities[i].index == sensor)
			return t.entities[i].name;
	return nullptr;
}
