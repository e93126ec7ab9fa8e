// SPDX-License-Identifier: GPL-2.0
/*
 * Media device: creation, registration, unregistration, release, and graph
 * construction. The uAPI handlers are in ../uapi/mc_ioctl.cpp, the file
 * operations in file.cpp.
 */
#include <linux/media.h>

#include "device.hpp"

namespace mcpp {

using kcxx::Error;
using kcxx::Gfp;

namespace {

bool copy_name(char *dst, const char *src, size_t size)
{
	return src && src[0] && mcpp_str_copy(dst, src, size);
}

/* Exactly one of SINK and SOURCE, optionally MUST_CONNECT. */
bool valid_pad_flags(u32 flags)
{
	const u32 dir = flags & (MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_SOURCE);
	return (dir == MEDIA_PAD_FL_SINK || dir == MEDIA_PAD_FL_SOURCE) &&
	       !(flags & ~(MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_SOURCE | MEDIA_PAD_FL_MUST_CONNECT));
}

bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

} // namespace

long counts::value[counts::kinds];

Result<Ref<MediaDevice>> MediaDevice::create(struct device *parent,
					     const struct mcpp_device_info &info,
					     const struct mcpp_device_ops *ops, void *drvdata)
{
	if (!parent || !ops || !ops->release)
		return Error(-EINVAL);
	Ref<MediaDevice> dev = TRY(kcxx::make_ref<MediaDevice>(Gfp::kernel, parent, ops, drvdata));

	// Until created_ is set, the release frees only our own memory.
	if (!copy_name(dev->driver_, info.driver, sizeof(dev->driver_)) ||
	    !copy_name(dev->model_, info.model, sizeof(dev->model_)))
		return Error(-EINVAL);
	if (info.serial && !mcpp_str_copy(dev->serial_, info.serial, sizeof(dev->serial_)))
		return Error(-EINVAL);
	if (info.bus_info) {
		if (!mcpp_str_copy(dev->bus_info_, info.bus_info, sizeof(dev->bus_info_)))
			return Error(-EINVAL);
	} else {
		// "platform:<parent>", truncated as the uAPI field requires.
		static const char prefix[] = "platform:";
		mcpp_str_copy(dev->bus_info_, prefix, sizeof(dev->bus_info_));
		mcpp_str_copy(dev->bus_info_ + sizeof(prefix) - 1, mcpp_dev_name(parent),
			      sizeof(dev->bus_info_) - (sizeof(prefix) - 1));
	}
	dev->hw_revision_ = info.hw_revision;

	TRY(kcxx::status_from_errno(dev->srcu_.init("mcpp_device", KCXX_LOCK_KEY())));
	dev->srcu_ready_ = true;
	TRY(kcxx::status_from_errno(mcpp_owner_hold(ops->owner)));
	dev->created_ = true;
	return dev;
}

void MediaDevice::release(MediaDevice *self)
{
	// Lifetime: no entity, interface, open file or devnode refers to us now.
	const struct mcpp_device_ops *ops = self->ops_;
	void *drvdata = self->drvdata_;
	const bool created = self->created_;

	self->graph_.with([](Graph &g) {
		KCXX_WARN_ON(!g.entities.empty() || !g.interfaces.empty() || !g.links.empty());
	});
	if (self->srcu_ready_)
		self->srcu_.cleanup();
	kcxx::destroy(self);
	if (created) {
		ops->release(drvdata);
		counts::add(counts::device_release, 1);
		// Last: the driver's module may be unloaded from here on.
		mcpp_owner_release(ops->owner);
	}
}

Status MediaDevice::register_node(const struct mcpp_devnode_ops &devnode_ops)
{
	{
		auto locked = graph_.locked();
		if (unregistered_)
			return Error(-ENODEV);
		if (registered_)
			return Error(-EBUSY);
		registered_ = true;
		__atomic_store_n(&live_, true, __ATOMIC_RELEASE);
	}
	// The devnode takes over a reference of its own.
	struct mcpp_devnode *node = mcpp_devnode_register(parent_, ops_->owner, &devnode_ops,
							  Ref<MediaDevice>::acquire(this).leak());
	if (kcxx::is_err(node)) {
		auto locked = graph_.locked();
		__atomic_store_n(&live_, false, __ATOMIC_RELEASE);
		return Error(kcxx::ptr_err(node));
	}
	node_ = node;
	return {};
}

void MediaDevice::wake_pollers()
{
	if (node_)
		mcpp_devnode_wake_pollers(node_);
}

int MediaDevice::enter(int *idx)
{
	const int i = kcxx_srcu_read_lock(srcu_.raw());
	if (revoked()) {
		kcxx_srcu_read_unlock(srcu_.raw(), i);
		return -ENODEV;
	}
	*idx = i;
	return 0;
}

struct mcpp_attachment *MediaDevice::attachment(const struct mcpp_attachment_ops *ops)
{
	auto locked = graph_.locked();
	if (unregistered_)
		return reinterpret_cast<struct mcpp_attachment *>(
			static_cast<kcxx::ptrdiff>(-ENODEV));
	for (struct mcpp_attachment *a = attachments_; a; a = a->next)
		if (a->ops == ops)
			return a;
	struct mcpp_attachment *a = ops->create(reinterpret_cast<mcpp_device *>(this));
	if (kcxx::is_err(a))
		return a;
	a->ops = ops;
	a->next = attachments_;
	attachments_ = a;
	return a;
}

void MediaDevice::unregister()
{
	struct mcpp_attachment *attached;
	{
		auto locked = graph_.locked();
		if (unregistered_)
			return;
		__atomic_store_n(&unregistered_, true, __ATOMIC_RELEASE);
		__atomic_store_n(&live_, false, __ATOMIC_RELEASE);
		attached = kcxx::exchange(attachments_, nullptr);
	}
	wake_pollers();
	// Every call that entered before finishes before this returns; none
	// (media or V4L2 node) reaches the driver after.
	srcu_.synchronize();
	counts::add(counts::unregister_wait, 1);
	if (node_) {
		mcpp_devnode_unregister(node_);
		node_ = nullptr;
	}
	// The layers above (the V4L2 bridge), newest first; each teardown
	// drops the device's reference on its attachment.
	while (attached) {
		struct mcpp_attachment *a = attached;

		attached = a->next;
		a->ops->teardown(a);
	}

	// Empty the graph; drop the graph's references outside the lock.
	// The graph's references, dropped outside the lock.
	kcxx::RefList<Entity, &Entity::graph_node_> dead_entities;
	kcxx::RefList<Interface, &Interface::graph_node_> dead_interfaces;
	{
		auto locked = graph_.locked();
		Graph &g = *locked;
		g.links.for_each_safe([&](Link &l) { free_link(g, l); });
		g.lookup_cursor = nullptr;
		g.entities.for_each_safe([&](Entity &e) {
			e.leave_graph(g);
			dead_entities.push_back(g.entities.take(e));
		});
		g.interfaces.for_each_safe([&](Interface &i) {
			i.in_graph_.in(g) = false;
			dead_interfaces.push_back(g.interfaces.take(i));
		});
		g.bump_topology();
	}
	dead_entities.clear();
	dead_interfaces.clear();
}

u64 MediaDevice::topology_version()
{
	return graph_.locked()->topology_version;
}

/* The entity with the smallest id >= id (g.entities is in id order). */
Entity *MediaDevice::first_entity_from(Graph &g, u32 id)
{
	Entity *c = g.lookup_cursor;
	for (auto it = c && c->id() <= id ? g.entities.from(*c) : g.entities.begin();
	     it != g.entities.end(); ++it) {
		if (it->id() >= id) {
			g.lookup_cursor = &*it;
			return g.lookup_cursor;
		}
	}
	return nullptr;
}

Entity *MediaDevice::find_entity(Graph &g, u32 id)
{
	Entity *e = first_entity_from(g, id);
	return e && e->id() == id ? e : nullptr;
}

Result<Ref<Entity>> MediaDevice::add_entity(const char *name, u32 function, u32 flags, u16 num_pads,
					    const u32 *pad_flags)
{
	if (num_pads && !pad_flags)
		return Error(-EINVAL);
	for (u16 i = 0; i < num_pads; i++)
		if (!valid_pad_flags(pad_flags[i]))
			return Error(-EINVAL);

	// Allocate everything before taking the graph lock.
	Ref<Entity> e = TRY(kcxx::make_ref<Entity>(Gfp::kernel, Ref<MediaDevice>::acquire(this), 0,
						   function, flags));
	if (!copy_name(e->name_, name, sizeof(e->name_)))
		return Error(-EINVAL);
	if (num_pads) {
		e->pads_ = TRY(kcxx::alloc_array<Pad>(num_pads, Gfp::kernel));
		e->num_pads_ = num_pads;
	}

	auto locked = graph_.locked();
	Graph &g = *locked;
	if (unregistered_)
		return Error(-ENODEV);
	for (Entity &other : g.entities)
		if (str_eq(other.name(), e->name()))
			return Error(-EEXIST);
	e->id_ = g.next_id(ObjType::entity);
	for (u16 i = 0; i < num_pads; i++)
		e->pads_[i] = { g.next_id(ObjType::pad), pad_flags[i], i };
	// g.entities stays in id order (device.hpp); only a wrapped 24-bit id
	// counter could break it.
	KCXX_WARN_ON(g.entities.back() && g.entities.back()->id() >= e->id_);
	// Lifetime: the graph's reference, dropped when the entity leaves it.
	g.entities.push_back(Ref<Entity>::acquire(e.get()));
	e->in_graph_.store(g, true);
	g.bump_topology();
	return e;
}

/* Puts a new link on the graph's list and its entity's. */
void MediaDevice::add_link(Graph &g, Link &l)
{
	g.links.push_back(l);
	if (l.kind == LinkKind::data)
		l.source->data_links_.in(g).push_back(l);
	else if (l.kind == LinkKind::interface)
		l.sink->intf_links_.in(g).push_back(l);
	g.bump_topology();
}

/* Takes a link off every list it is on, then frees it. */
void MediaDevice::free_link(Graph &g, Link &l)
{
	decltype(g.links)::remove(l);
	if (l.entity_node.linked())
		kcxx::List<Link, &Link::entity_node>::remove(l);
	kcxx::destroy(&l);
}

void MediaDevice::free_links_of(Graph &g, const void *end)
{
	g.links.for_each_safe([&](Link &l) {
		if (l.source == end || l.sink == end || l.intf == end)
			free_link(g, l);
	});
}

void MediaDevice::remove_entity(Entity &e)
{
	Ref<Entity> graph_ref; // Lifetime: the graph's reference, dropped after the lock
	auto locked = graph_.locked();
	Graph &g = *locked;
	if (!e.in_graph_.in(g))
		return;
	free_links_of(g, &e);
	if (g.lookup_cursor == &e)
		g.lookup_cursor = nullptr;
	graph_ref = g.entities.take(e);
	e.leave_graph(g);
	g.bump_topology();
}

Result<Ref<Interface>> MediaDevice::add_interface(u32 type, u32 major, u32 minor)
{
	if (type < MEDIA_INTF_T_DVB_BASE)
		return Error(-EINVAL);
	Ref<Interface> intf = TRY(kcxx::make_ref<Interface>(
		Gfp::kernel, Ref<MediaDevice>::acquire(this), 0, type, major, minor));
	auto locked = graph_.locked();
	Graph &g = *locked;
	if (unregistered_)
		return Error(-ENODEV);
	intf->id_ = g.next_id(ObjType::interface);
	g.interfaces.push_back(Ref<Interface>::acquire(intf.get()));
	intf->in_graph_.in(g) = true;
	g.bump_topology();
	return intf;
}

void MediaDevice::remove_interface(Interface &intf)
{
	Ref<Interface> graph_ref; // Lifetime: the graph's reference, dropped after the lock
	auto locked = graph_.locked();
	Graph &g = *locked;
	if (!intf.in_graph_.in(g))
		return;
	free_links_of(g, &intf);
	graph_ref = g.interfaces.take(intf);
	intf.in_graph_.in(g) = false;
	g.bump_topology();
}

Link *MediaDevice::find_data_link(Graph &g, Entity &source, u16 source_pad, Entity &sink,
				  u16 sink_pad)
{
	for (Link &l : g.links)
		if (l.kind == LinkKind::data && l.source == &source && l.sink == &sink &&
		    l.source_pad == source_pad && l.sink_pad == sink_pad)
			return &l;
	return nullptr;
}

Result<u32> MediaDevice::add_data_link(Entity &source, u16 source_pad, Entity &sink, u16 sink_pad,
				       u32 flags)
{
	constexpr u32 allowed =
		MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_DYNAMIC;
	if (&source.device() != this || &sink.device() != this || &source == &sink)
		return Error(-EINVAL);
	if (flags & ~allowed)
		return Error(-EINVAL);
	// Immutable links are always enabled, and cannot be dynamic.
	if ((flags & MEDIA_LNK_FL_IMMUTABLE) &&
	    (!(flags & MEDIA_LNK_FL_ENABLED) || (flags & MEDIA_LNK_FL_DYNAMIC)))
		return Error(-EINVAL);
	const Pad *sp = source.pad(source_pad);
	const Pad *kp = sink.pad(sink_pad);
	if (!sp || !kp || !(sp->flags & MEDIA_PAD_FL_SOURCE) || !(kp->flags & MEDIA_PAD_FL_SINK))
		return Error(-EINVAL);

	Link *l = TRY(kcxx::make<Link>(Gfp::kernel));
	auto locked = graph_.locked();
	Graph &g = *locked;
	if (!source.in_graph_.in(g) || !sink.in_graph_.in(g) ||
	    find_data_link(g, source, source_pad, sink, sink_pad)) {
		kcxx::destroy(l);
		return Error(!source.in_graph_.in(g) || !sink.in_graph_.in(g) ? -ENODEV : -EEXIST);
	}
	l->id = g.next_id(ObjType::link);
	l->flags = flags;
	l->kind = LinkKind::data;
	l->source = &source;
	l->source_pad = source_pad;
	l->sink = &sink;
	l->sink_pad = sink_pad;
	add_link(g, *l);
	return l->id;
}

Result<u32> MediaDevice::add_ancillary_link(Entity &primary, Entity &ancillary)
{
	if (&primary.device() != this || &ancillary.device() != this || &primary == &ancillary)
		return Error(-EINVAL);
	Link *l = TRY(kcxx::make<Link>(Gfp::kernel));
	auto locked = graph_.locked();
	Graph &g = *locked;
	if (!primary.in_graph_.in(g) || !ancillary.in_graph_.in(g)) {
		kcxx::destroy(l);
		return Error(-ENODEV);
	}
	l->id = g.next_id(ObjType::link);
	l->flags = MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE;
	l->kind = LinkKind::ancillary;
	l->source = &primary;
	l->sink = &ancillary;
	add_link(g, *l);
	return l->id;
}

Result<u32> MediaDevice::add_interface_link(Interface &intf, Entity &entity)
{
	if (&entity.device() != this || intf.dev_.get() != this)
		return Error(-EINVAL);
	Link *l = TRY(kcxx::make<Link>(Gfp::kernel));
	auto locked = graph_.locked();
	Graph &g = *locked;
	if (!intf.in_graph_.in(g) || !entity.in_graph_.in(g)) {
		kcxx::destroy(l);
		return Error(-ENODEV);
	}
	l->id = g.next_id(ObjType::link);
	l->flags = MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE;
	l->kind = LinkKind::interface;
	l->intf = &intf;
	l->sink = &entity;
	add_link(g, *l);
	return l->id;
}

Ref<Entity> MediaDevice::remote(Entity &e, u16 pad)
{
	Ref<Entity> other;
	{
		auto locked = graph_.locked();
		Graph &g = *locked;
		for (Link &l : g.links) {
			if (l.kind != LinkKind::data || !(l.flags & MEDIA_LNK_FL_ENABLED))
				continue;
			if (l.source == &e && l.source_pad == pad)
				other = Ref<Entity>::acquire(l.sink);
			else if (l.sink == &e && l.sink_pad == pad)
				other = Ref<Entity>::acquire(l.source);
			if (other)
				break;
		}
	}
	// Lifetime: from here on only our pin keeps `other` alive.
	if (other)
		hook(MCPP_HOOK_REMOTE);
	return other;
}

} // namespace mcpp
