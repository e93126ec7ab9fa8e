/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The media graph: entities (with their pads), interfaces and links.
 *
 * Lifetime:
 * - Entity and Interface are reference counted. While one is part of the
 *   graph, the graph (MediaDevice) owns one reference on it; whoever created
 *   it owns another. Each holds a reference on its MediaDevice (dev_), so
 *   the device outlives every graph object; the cycle this makes while an
 *   object is in the graph is broken by removal (entity/interface removal,
 *   or unregister, which removes everything).
 * - Link is owned by the graph: created and freed under the graph lock, and
 *   freed when either end leaves the graph. Links are never handed out of
 *   the lock; userspace and drivers name them by id or by their pads.
 * - Everything here except ids, names and pads (immutable after creation) is
 *   guarded by the graph lock (MediaDevice::graph_): the Graph's own fields
 *   and each entity's and interface's part of it (kcxx::LockedBy) are
 *   reached only through the Graph & its lock hands out.
 */
#pragma once

#include <kcxx/list.hpp>
#include <kcxx/lock.hpp>
#include <kcxx/ref.hpp>
#include <mcpp/mcpp.h>

#include "counts.hpp"

namespace mcpp {

using kcxx::Ref;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;

class MediaDevice;
class Interface;
class Pipeline;
struct Graph;

/* Graph object ids: the uAPI's type in the top byte, a per-device counter below. */
enum class ObjType : u32 { entity = 0, pad = 1, link = 2, interface = 3 };

constexpr u32 make_id(ObjType type, u32 local)
{
	return (static_cast<u32>(type) << 24) | (local & 0xffffff);
}

constexpr u32 kMaxName = 32; // including the NUL, as in media_entity_desc

struct Pad {
	u32 id;
	u32 flags;
	u16 index;
};

enum class LinkKind { data, interface, ancillary };

class Entity;

/*
 * Lifetime: a Link exists only while both ends are in the graph (removing an
 * end frees its links under the graph lock), so its raw pointers are valid
 * whenever the graph lock is held and the link is found in the list.
 *
 * A link is on the graph's list (node, creation order) and, if it is a data
 * or interface link, on one list of an entity (entity_node): a data link on
 * its source's data_links_, an interface link on its entity's intf_links_,
 * both appended at creation, so each is in the graph list's order. Both
 * nodes are linked together under the graph lock and unlinked together when
 * the link is freed (MediaDevice::free_link).
 */
struct Link {
	u32 id;
	u32 flags; // MEDIA_LNK_FL_* without the type bits
	LinkKind kind;
	Entity *source; // data, ancillary (primary)
	u16 source_pad; // data
	Entity *sink; // data, ancillary, interface (the entity)
	u16 sink_pad; // data
	Interface *intf; // interface
	kcxx::ListNode node; // MediaDevice::links_
	kcxx::ListNode entity_node; // source->data_links_ or sink->intf_links_
	counts::Counted<counts::link> counted;

	bool touches(const Entity *e) const { return source == e || sink == e; }
};

class Entity : public kcxx::RefCounted<Entity> {
public:
	Entity(Ref<MediaDevice> dev, u32 id, u32 function, u32 flags)
		: dev_(kcxx::move(dev)), id_(id), function_(function), flags_(flags)
	{
	}
	~Entity() { kcxx::free_array(pads_); }

	// Lifetime: runs after the last reference; drops the device reference.
	static void release(Entity *self) { kcxx::destroy(self); }

	MediaDevice &device() const { return *dev_; }
	u32 id() const { return id_; }
	const char *name() const { return name_; }
	u32 function() const { return function_; }
	u32 flags() const { return flags_; }
	u16 num_pads() const { return num_pads_; }
	const Pad *pad(u32 index) const { return index < num_pads_ ? &pads_[index] : nullptr; }
	bool in_graph() const { return in_graph_.peek(); }
	// Part of a started pipeline; a hint without the graph lock.
	bool streaming() const { return pipeline_.peek() != nullptr; }

private:
	friend class MediaDevice;
	friend struct Graph;
	// scripts/tests/layers.py's compile check: a friend, yet without the
	// Graph it reaches none of the graph's part of an entity.
	friend struct LockProbe;

	Ref<MediaDevice> dev_; // Lifetime: the entity pins its device
	u32 id_;
	u32 function_;
	u32 flags_;
	char name_[kMaxName] = {};
	Pad *pads_ = nullptr;
	u16 num_pads_ = 0;
	kcxx::ListNode graph_node_;
	counts::Counted<counts::entity> counted_;

	// Its part of the graph, reached only with the graph lock held (the
	// Graph & it hands out):
	// In the graph; also read without the lock (in_graph()).
	kcxx::LockedBy<bool, Graph> in_graph_;
	// The started pipeline it belongs to; also read without the lock, as a
	// hint (streaming()).
	kcxx::LockedBy<Pipeline *, Graph> pipeline_;
	kcxx::LockedBy<bool, Graph> stream_sink_; // a started stream ends here
	// Its outgoing data links and its interface links, each in creation
	// order (the order of Graph::links). The graph owns the links: they
	// leave these lists when they are freed.
	kcxx::LockedBy<kcxx::List<Link, &Link::entity_node>, Graph> data_links_;
	kcxx::LockedBy<kcxx::List<Link, &Link::entity_node>, Graph> intf_links_;

	// Leaves the graph, its links freed: in_graph() is false from now on.
	void leave_graph(Graph &g);
};

class Interface : public kcxx::RefCounted<Interface> {
public:
	Interface(Ref<MediaDevice> dev, u32 id, u32 type, u32 major, u32 minor)
		: dev_(kcxx::move(dev)), id_(id), type_(type), major_(major), minor_(minor)
	{
	}

	static void release(Interface *self) { kcxx::destroy(self); }

	MediaDevice &device() const { return *dev_; }
	u32 id() const { return id_; }
	u32 type() const { return type_; }
	u32 major() const { return major_; }
	u32 minor() const { return minor_; }

private:
	friend class MediaDevice;
	friend struct Graph;

	Ref<MediaDevice> dev_; // Lifetime: the interface pins its device
	u32 id_, type_, major_, minor_;
	kcxx::LockedBy<bool, Graph> in_graph_;
	kcxx::ListNode graph_node_;
	counts::Counted<counts::interface> counted_;
};

/*
 * A media device's graph (MediaDevice::graph_), reachable only through a
 * lock of it: auto g = graph_.locked(). Only the Guarded makes one, so a
 * Graph & proves the graph lock is held (the key of the kcxx::LockedBy
 * fields of its entities and interfaces).
 */
struct Graph : kcxx::Pinned {
	// Lifetime: the graph holds one reference on each linked
	// entity/interface, in these lists. entities is in increasing id order:
	// ids come from one counter that only grows, taken under the lock by
	// add_entity, which appends under the same hold (it warns if that ever
	// stops being true); removal keeps the order. The entity walks rely on
	// it.
	kcxx::RefList<Entity, &Entity::graph_node_> entities;
	// The entity the last lookup found: null or on entities (removal
	// clears it). A lookup of an id not below it starts there, so a walk
	// in id order costs one step per call.
	Entity *lookup_cursor = nullptr;
	kcxx::RefList<Interface, &Interface::graph_node_> interfaces; // as entities
	kcxx::List<Link, &Link::node> links; // owned; creation order
	u64 topology_version = 0;
	u32 last_id = 0;

	u32 next_id(ObjType type) { return make_id(type, ++last_id); }
	void bump_topology() { topology_version++; }

private:
	template <class, class> friend class kcxx::Guarded;
	Graph() = default;
};

inline void Entity::leave_graph(Graph &g)
{
	// Lifetime: its links were freed first (MediaDevice::free_links_of).
	KCXX_WARN_ON(!data_links_.in(g).empty() || !intf_links_.in(g).empty());
	in_graph_.store(g, false);
}

} // namespace mcpp
