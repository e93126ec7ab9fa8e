/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Header-only C++ wrappers over the mcpp C ABI (the hourglass's top half):
 * owning handles that put their reference on destruction, and Result-returning
 * constructors, so a C++ driver cannot forget a put or an error check.
 */
#pragma once

#include <kcxx/result.hpp>
#include <mcpp/mcpp.h>

namespace mcpp::api {

/* Owns one reference on an mcpp object; move-only. */
template <class H, void (*Put)(H *)> class Handle {
public:
	Handle() = default;
	/* Adopts a reference the caller owns. */
	explicit Handle(H *h) : h_(h) {}
	Handle(Handle &&o) : h_(kcxx::exchange(o.h_, nullptr)) {}
	Handle &operator=(Handle &&o)
	{
		reset();
		h_ = kcxx::exchange(o.h_, nullptr);
		return *this;
	}
	Handle(const Handle &) = delete;
	Handle &operator=(const Handle &) = delete;
	~Handle() { reset(); }

	void reset()
	{
		if (H *h = kcxx::exchange(h_, nullptr))
			Put(h);
	}
	H *get() const { return h_; }
	[[nodiscard]] H *leak() { return kcxx::exchange(h_, nullptr); }
	explicit operator bool() const { return h_ != nullptr; }

private:
	H *h_ = nullptr;
};

using Device = Handle<mcpp_device, mcpp_device_put>;
using Entity = Handle<mcpp_entity, mcpp_entity_put>;
using Interface = Handle<mcpp_interface, mcpp_interface_put>;

inline kcxx::Result<Device> create_device(struct device *parent, const mcpp_device_info &info,
					  const mcpp_device_ops &ops, void *drvdata)
{
	mcpp_device *d = mcpp_device_create(parent, &info, &ops, drvdata);
	if (kcxx::is_err(d))
		return kcxx::Error(kcxx::ptr_err(d));
	return Device(d);
}

inline kcxx::Result<Entity> create_entity(const Device &dev, const char *name, __u32 function,
					  __u32 flags, __u16 num_pads, const __u32 *pad_flags)
{
	mcpp_entity *e = mcpp_entity_create(dev.get(), name, function, flags, num_pads, pad_flags);
	if (kcxx::is_err(e))
		return kcxx::Error(kcxx::ptr_err(e));
	return Entity(e);
}

inline kcxx::Result<Interface> create_interface(const Device &dev, __u32 type, __u32 major,
						__u32 minor)
{
	mcpp_interface *i = mcpp_interface_create(dev.get(), type, major, minor);
	if (kcxx::is_err(i))
		return kcxx::Error(kcxx::ptr_err(i));
	return Interface(i);
}

/* A link id (> 0) or an error. */
inline kcxx::Result<__u32> link(const Entity &source, __u16 source_pad, const Entity &sink,
				__u16 sink_pad, __u32 flags)
{
	int id = mcpp_link_create(source.get(), source_pad, sink.get(), sink_pad, flags);
	if (id < 0)
		return kcxx::Error(id);
	return static_cast<__u32>(id);
}

/* The entity across an enabled link from @pad, pinned; empty if none. */
inline Entity remote(const Entity &e, __u16 pad)
{
	return Entity(mcpp_link_remote(e.get(), pad));
}

} // namespace mcpp::api
