// SPDX-License-Identifier: GPL-2.0
/*
 * The C ABI of include/mcpp/mcpp.h over the C++ core. The opaque handles are
 * the C++ objects themselves; a handle the caller owns is exactly one
 * reference (leaked from a Ref on the way out, adopted on the way back in).
 *
 * This file is the core's whole C face: every function the core exports
 * (include/mcpp/mcpp.h for drivers and the bridge, include/mcpp/test.h for
 * tests) is defined here and nowhere else, exported from exports.c;
 * kernel-doc is in the headers.
 */
#include "pipeline.hpp" // first: kcxx defines size_t for the C headers

#include "../lifetime.h"

using namespace mcpp;

namespace {

MediaDevice *dev_of(struct mcpp_device *h)
{
	return reinterpret_cast<MediaDevice *>(h);
}

Entity *ent_of(struct mcpp_entity *h)
{
	return reinterpret_cast<Entity *>(h);
}

Interface *intf_of(struct mcpp_interface *h)
{
	return reinterpret_cast<Interface *>(h);
}

template <class H, class T> H *err_ptr(const kcxx::Result<T> &r)
{
	return reinterpret_cast<H *>(static_cast<kcxx::ptrdiff>(r.code()));
}

} // namespace

extern "C" {

struct mcpp_device *mcpp_device_create(struct device *parent, const struct mcpp_device_info *info,
				       const struct mcpp_device_ops *ops, void *drvdata) noexcept
{
	if (!info)
		return reinterpret_cast<struct mcpp_device *>(static_cast<kcxx::ptrdiff>(-EINVAL));
	auto r = MediaDevice::create(parent, *info, ops, drvdata);
	if (!r.ok())
		return err_ptr<struct mcpp_device>(r);
	return reinterpret_cast<struct mcpp_device *>(r.take().leak());
}

int mcpp_device_register(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->register_node(devnode_ops).code();
}

void mcpp_device_unregister(struct mcpp_device *mdev) noexcept
{
	dev_of(mdev)->unregister();
}

struct mcpp_device *mcpp_device_get(struct mcpp_device *mdev) noexcept
{
	return reinterpret_cast<struct mcpp_device *>(
		Ref<MediaDevice>::acquire(dev_of(mdev)).leak());
}

void mcpp_device_put(struct mcpp_device *mdev) noexcept
{
	if (mdev)
		Ref<MediaDevice>::adopt(dev_of(mdev)).reset();
}

int mcpp_device_minor(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->minor();
}

__u64 mcpp_device_topology_version(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->topology_version();
}

int mcpp_device_enter(struct mcpp_device *mdev, int *idx) noexcept
{
	return dev_of(mdev)->enter(idx);
}

void mcpp_device_exit(struct mcpp_device *mdev, int idx) noexcept
{
	dev_of(mdev)->exit(idx);
}

void mcpp_device_synchronize(struct mcpp_device *mdev) noexcept
{
	dev_of(mdev)->synchronize();
}

struct device *mcpp_device_parent(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->parent();
}

const char *mcpp_device_driver_name(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->driver_name();
}

const char *mcpp_device_bus_info(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->bus_info();
}

struct module *mcpp_device_owner(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->owner();
}

struct mcpp_attachment *mcpp_device_attachment(struct mcpp_device *mdev,
					       const struct mcpp_attachment_ops *ops) noexcept
{
	return dev_of(mdev)->attachment(ops);
}

struct mcpp_device *mcpp_entity_device(struct mcpp_entity *entity) noexcept
{
	return reinterpret_cast<struct mcpp_device *>(&ent_of(entity)->device());
}

__u32 mcpp_entity_function(struct mcpp_entity *entity) noexcept
{
	return ent_of(entity)->function();
}

__u16 mcpp_entity_num_pads(struct mcpp_entity *entity) noexcept
{
	return ent_of(entity)->num_pads();
}

__u32 mcpp_entity_pad_flags(struct mcpp_entity *entity, __u16 pad) noexcept
{
	const Pad *p = ent_of(entity)->pad(pad);
	return p ? p->flags : 0;
}

struct mcpp_entity *mcpp_entity_create(struct mcpp_device *mdev, const char *name, __u32 function,
				       __u32 flags, __u16 num_pads, const __u32 *pad_flags) noexcept
{
	auto r = dev_of(mdev)->add_entity(name, function, flags, num_pads, pad_flags);
	if (!r.ok())
		return err_ptr<struct mcpp_entity>(r);
	return reinterpret_cast<struct mcpp_entity *>(r.take().leak());
}

void mcpp_entity_remove(struct mcpp_entity *entity) noexcept
{
	Entity *e = ent_of(entity);
	e->device().remove_entity(*e);
}

struct mcpp_entity *mcpp_entity_get(struct mcpp_entity *entity) noexcept
{
	return reinterpret_cast<struct mcpp_entity *>(Ref<Entity>::acquire(ent_of(entity)).leak());
}

void mcpp_entity_put(struct mcpp_entity *entity) noexcept
{
	if (entity)
		Ref<Entity>::adopt(ent_of(entity)).reset();
}

__u32 mcpp_entity_id(struct mcpp_entity *entity) noexcept
{
	return ent_of(entity)->id();
}

const char *mcpp_entity_name(struct mcpp_entity *entity) noexcept
{
	return ent_of(entity)->name();
}

bool mcpp_entity_in_graph(struct mcpp_entity *entity) noexcept
{
	return ent_of(entity)->in_graph();
}

bool mcpp_entity_streaming(struct mcpp_entity *entity) noexcept
{
	return ent_of(entity)->streaming();
}

int mcpp_link_create(struct mcpp_entity *source, __u16 source_pad, struct mcpp_entity *sink,
		     __u16 sink_pad, __u32 flags) noexcept
{
	Entity *s = ent_of(source);
	auto r = s->device().add_data_link(*s, source_pad, *ent_of(sink), sink_pad, flags);
	return r.ok() ? static_cast<int>(r.value()) : r.code();
}

int mcpp_ancillary_link_create(struct mcpp_entity *primary, struct mcpp_entity *ancillary) noexcept
{
	Entity *p = ent_of(primary);
	auto r = p->device().add_ancillary_link(*p, *ent_of(ancillary));
	return r.ok() ? static_cast<int>(r.value()) : r.code();
}

struct mcpp_entity *mcpp_link_remote(struct mcpp_entity *entity, __u16 pad) noexcept
{
	Entity *e = ent_of(entity);
	return reinterpret_cast<struct mcpp_entity *>(e->device().remote(*e, pad).leak());
}

struct mcpp_interface *mcpp_interface_create(struct mcpp_device *mdev, __u32 type, __u32 major,
					     __u32 minor) noexcept
{
	auto r = dev_of(mdev)->add_interface(type, major, minor);
	if (!r.ok())
		return err_ptr<struct mcpp_interface>(r);
	return reinterpret_cast<struct mcpp_interface *>(r.take().leak());
}

void mcpp_interface_remove(struct mcpp_interface *intf) noexcept
{
	Interface *i = intf_of(intf);
	i->device().remove_interface(*i);
}

void mcpp_interface_put(struct mcpp_interface *intf) noexcept
{
	if (intf)
		Ref<Interface>::adopt(intf_of(intf)).reset();
}

__u32 mcpp_interface_id(struct mcpp_interface *intf) noexcept
{
	return intf_of(intf)->id();
}

int mcpp_interface_link_create(struct mcpp_interface *intf, struct mcpp_entity *entity) noexcept
{
	Interface *i = intf_of(intf);
	auto r = i->device().add_interface_link(*i, *ent_of(entity));
	return r.ok() ? static_cast<int>(r.value()) : r.code();
}

struct mcpp_pipeline *mcpp_pipeline_start(struct mcpp_entity *sink, mcpp_link_validate_fn validate,
					  void *ctx) noexcept
{
	Entity *e = ent_of(sink);
	auto r = e->device().start_stream(*e, validate, ctx);
	if (!r.ok())
		return err_ptr<struct mcpp_pipeline>(r);
	return reinterpret_cast<struct mcpp_pipeline *>(r.value());
}

unsigned int mcpp_pipeline_size(struct mcpp_pipeline *p) noexcept
{
	return reinterpret_cast<Stream *>(p)->size();
}

struct mcpp_entity *mcpp_pipeline_entity(struct mcpp_pipeline *p, unsigned int i) noexcept
{
	return reinterpret_cast<struct mcpp_entity *>(reinterpret_cast<Stream *>(p)->entity(i));
}

void mcpp_pipeline_stop(struct mcpp_pipeline *p) noexcept
{
	Stream *s = reinterpret_cast<Stream *>(p);
	s->entity(0)->device().stop_stream(s);
}

// The test interface (include/mcpp/test.h).

int mcpp_file_open(struct mcpp_device *mdev, void **fh) noexcept
{
	return devnode_ops.open(mdev, fh);
}

void mcpp_file_release(void *fh) noexcept
{
	devnode_ops.release(fh);
}

long mcpp_file_ioctl(void *fh, unsigned int cmd, void *karg, const struct mcpp_user_io *io) noexcept
{
	// As the devnode glue: an unknown command gets no argument.
	return devnode_ops.ioctl(fh, cmd, devnode_ops.ioctl_known(cmd) ? karg : nullptr, io);
}

bool mcpp_file_revoked(void *fh) noexcept
{
	return devnode_ops.revoked(fh);
}

struct mcpp_device *mcpp_test_file_device(void *fh) noexcept
{
	return reinterpret_cast<struct mcpp_device *>(static_cast<File *>(fh)->dev.get());
}

void mcpp_test_counts(struct mcpp_test_counts *out) noexcept
{
	out->devices = counts::read(counts::device);
	out->entities = counts::read(counts::entity);
	out->interfaces = counts::read(counts::interface);
	out->links = counts::read(counts::link);
	out->device_releases = counts::read(counts::device_release);
	out->unregister_waits = counts::read(counts::unregister_wait);
}

unsigned int mcpp_test_device_refs(struct mcpp_device *mdev) noexcept
{
	return dev_of(mdev)->ref_count();
}

void mcpp_hook_arm(enum mcpp_hook_point point, mcpp_hook_fn fn, void *ctx) noexcept
{
	mcpp_hooks_arm(point, fn, ctx);
}

void mcpp_hook_disarm(enum mcpp_hook_point point) noexcept
{
	mcpp_hooks_disarm(point);
}

void mcpp_hook_run(enum mcpp_hook_point point) noexcept
{
	mcpp_hooks_run(point);
}

} // extern "C"
