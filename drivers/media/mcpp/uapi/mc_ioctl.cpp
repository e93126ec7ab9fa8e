// SPDX-License-Identifier: GPL-2.0
/*
 * The media controller uAPI (linux/media.h, 6.12): DEVICE_INFO,
 * ENUM_ENTITIES, ENUM_LINKS, SETUP_LINK and G_TOPOLOGY on kernel structs.
 * The arrays userspace points to are snapshotted under the graph lock into
 * kernel buffers (UserArrays) and written through mcpp_user_io only after
 * the call has left the graph lock and the revocation guard
 * (core/file.cpp): these handlers never touch user memory. Every handler
 * leaves the graph as it was when it fails, and zeroes reserved fields on
 * output.
 */
#include <linux/media.h>

#include "../core/device.hpp"

/* Legacy ENUM_ENTITIES type of a device node that is not V4L (media.h keeps
 * it for userspace only). */
#define MCPP_ENT_T_DEVNODE_UNKNOWN (MEDIA_ENT_F_OLD_BASE | 0x0000ffff)

namespace mcpp {

using kcxx::Error;

namespace {

template <class T> void zero(T &obj)
{
	__builtin_memset(&obj, 0, sizeof(obj));
}

void copy_str(char *dst, size_t size, const char *src)
{
	mcpp_str_copy(dst, src, size);
}

u64 user_addr(const void *p)
{
	return reinterpret_cast<kcxx::uintptr>(p);
}

} // namespace

UserArrays::~UserArrays()
{
	for (unsigned int i = 0; i < n_; i++)
		kcxx_kvfree(arrays_[i].buf);
}

Result<void *> UserArrays::add_bytes(u64 uaddr, size_t bytes)
{
	if (n_ == max_arrays) {
		KCXX_WARN_ON(true);
		return Error(-EINVAL);
	}
	// Bounded by the graph, not by the caller's counts: the handlers size
	// every array from what exists.
	void *buf = kcxx_kvmalloc(bytes, static_cast<unsigned int>(kcxx::Gfp::kernel));
	if (!buf)
		return Error(-ENOMEM);
	arrays_[n_++] = { uaddr, buf, bytes };
	return buf;
}

int UserArrays::copy_out(const struct mcpp_user_io &io) const
{
	for (unsigned int i = 0; i < n_; i++) {
		int ret = io.copy_out(&io, arrays_[i].uaddr, arrays_[i].buf, arrays_[i].bytes);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * The entity an ioctl names: @id, or with MEDIA_ENT_ID_FLAG_NEXT the first
 * entity whose id is greater. ENUM_ENTITIES, ENUM_LINKS and SETUP_LINK all
 * accept the flag, as the in-kernel media controller's find_entity() does.
 */
Entity *MediaDevice::uapi_entity(Graph &g, u32 id)
{
	if (id & MEDIA_ENT_ID_FLAG_NEXT)
		return first_entity_from(g, (id & ~MEDIA_ENT_ID_FLAG_NEXT) + 1); // no overflow
	return find_entity(g, id);
}

Status MediaDevice::ioctl_device_info(struct media_device_info &info, UserArrays &)
{
	zero(info);
	copy_str(info.driver, sizeof(info.driver), driver_);
	copy_str(info.model, sizeof(info.model), model_);
	copy_str(info.serial, sizeof(info.serial), serial_);
	copy_str(info.bus_info, sizeof(info.bus_info), bus_info_);
	info.media_version = mcpp_linux_version_code();
	info.driver_version = info.media_version;
	info.hw_revision = hw_revision_;
	return {};
}

Status MediaDevice::ioctl_enum_entities(Graph &g, struct media_entity_desc &desc, UserArrays &)
{
	Entity *found = uapi_entity(g, desc.id);
	if (!found)
		return Error(-EINVAL);

	zero(desc);
	desc.id = found->id();
	copy_str(desc.name, sizeof(desc.name), found->name());
	desc.flags = found->flags();
	desc.pads = found->num_pads();
	desc.links = static_cast<u32>(found->data_links_.in(g).size()); // outgoing data links
	// The device node of the entity: its first interface link.
	u32 node_type = 0;
	if (Link *l = found->intf_links_.in(g).front()) {
		node_type = l->intf->type();
		desc.dev.major = l->intf->major();
		desc.dev.minor = l->intf->minor();
	}
	// The legacy "type" field knows only the old functions. Like the
	// in-kernel MC, report newer ones as an unknown sub-device when the
	// entity has a sub-device node (media-ctl needs that to set formats),
	// else as an unknown device node, except I/O entities.
	desc.type = found->function();
	if (desc.type < MEDIA_ENT_F_OLD_BASE || desc.type > MEDIA_ENT_F_TUNER) {
		if (node_type == MEDIA_INTF_T_V4L_SUBDEV)
			desc.type = MEDIA_ENT_F_V4L2_SUBDEV_UNKNOWN;
		else if (desc.type != MEDIA_ENT_F_IO_V4L)
			desc.type = MCPP_ENT_T_DEVNODE_UNKNOWN;
	}
	return {};
}

Status MediaDevice::ioctl_enum_links(Graph &g, struct media_links_enum &links, UserArrays &out)
{
	Entity *e = uapi_entity(g, links.entity);
	if (!e)
		return Error(-EINVAL);
	if (links.pads) {
		struct media_pad_desc *pd =
			TRY(out.add<struct media_pad_desc>(user_addr(links.pads), e->num_pads()));
		for (u16 i = 0; i < e->num_pads(); i++) {
			pd[i].entity = e->id();
			pd[i].index = i;
			pd[i].flags = e->pad(i)->flags;
		}
	}
	if (links.links) {
		u32 count = static_cast<u32>(e->data_links_.in(g).size());
		struct media_link_desc *ld =
			TRY(out.add<struct media_link_desc>(user_addr(links.links), count));
		u32 n = 0;
		// Its outgoing data links, in the order of g.links.
		for (Link &l : e->data_links_.in(g)) {
			ld[n].source.entity = l.source->id();
			ld[n].source.index = l.source_pad;
			ld[n].source.flags = l.source->pad(l.source_pad)->flags;
			ld[n].sink.entity = l.sink->id();
			ld[n].sink.index = l.sink_pad;
			ld[n].sink.flags = l.sink->pad(l.sink_pad)->flags;
			ld[n].flags = l.flags;
			n++;
		}
	}
	zero(links.reserved);
	return {};
}

Status MediaDevice::ioctl_setup_link(Graph &g, struct media_link_desc &desc, UserArrays &)
{
	Entity *source = uapi_entity(g, desc.source.entity);
	Entity *sink = uapi_entity(g, desc.sink.entity);
	if (!source || !sink || desc.source.index >= source->num_pads() ||
	    desc.sink.index >= sink->num_pads())
		return Error(-EINVAL);
	Link *l = find_data_link(g, *source, desc.source.index, *sink, desc.sink.index);
	if (!l)
		return Error(-EINVAL);
	hook(MCPP_HOOK_LINK_SETUP);
	zero(desc.reserved);

	// Only ENABLED may change; IMMUTABLE links not even that. DYNAMIC may be
	// omitted: tools older than it (media-ctl) pass only ENABLED/IMMUTABLE.
	const u32 flags = desc.flags | (l->flags & MEDIA_LNK_FL_DYNAMIC);
	if ((l->flags & ~MEDIA_LNK_FL_ENABLED) != (flags & ~MEDIA_LNK_FL_ENABLED))
		return Error(-EINVAL);
	if (l->flags & MEDIA_LNK_FL_IMMUTABLE)
		return l->flags == flags ? Status() : Status(Error(-EINVAL));
	if (l->flags == flags)
		return {};
	// A running pipeline's links change only if they say they may.
	if (!(l->flags & MEDIA_LNK_FL_DYNAMIC) && (source->streaming() || sink->streaming()))
		return Error(-EBUSY);
	if (ops_->link_setup) {
		// Lifetime: inside Access and under the graph lock, both entities
		// are in the graph and the driver is still bound.
		int ret = ops_->link_setup(drvdata_, reinterpret_cast<mcpp_entity *>(source),
					   l->source_pad, reinterpret_cast<mcpp_entity *>(sink),
					   l->sink_pad, flags);
		if (ret)
			return Error(ret);
	}
	l->flags = flags;
	return {};
}

Status MediaDevice::ioctl_g_topology(Graph &g, struct media_v2_topology &topo, UserArrays &out)
{
	u32 n_entities = 0, n_interfaces = 0, n_pads = 0, n_links = 0;
	for (Entity &e : g.entities) {
		n_entities++;
		n_pads += e.num_pads();
	}
	for (Interface &i : g.interfaces) {
		(void)i;
		n_interfaces++;
	}
	for (Link &l : g.links) {
		(void)l;
		n_links++;
	}
	// Check every array before writing any, so a short one changes nothing.
	if ((topo.ptr_entities && topo.num_entities < n_entities) ||
	    (topo.ptr_interfaces && topo.num_interfaces < n_interfaces) ||
	    (topo.ptr_pads && topo.num_pads < n_pads) ||
	    (topo.ptr_links && topo.num_links < n_links))
		return Error(-ENOSPC);

	// Every buffer is allocated before anything is filled: a failed
	// allocation (-ENOMEM) writes nothing.
	struct media_v2_entity *ue = nullptr;
	struct media_v2_interface *ui = nullptr;
	struct media_v2_pad *up = nullptr;
	struct media_v2_link *ul = nullptr;
	if (topo.ptr_entities)
		ue = TRY(out.add<struct media_v2_entity>(topo.ptr_entities, n_entities));
	if (topo.ptr_interfaces)
		ui = TRY(out.add<struct media_v2_interface>(topo.ptr_interfaces, n_interfaces));
	if (topo.ptr_pads)
		up = TRY(out.add<struct media_v2_pad>(topo.ptr_pads, n_pads));
	if (topo.ptr_links)
		ul = TRY(out.add<struct media_v2_link>(topo.ptr_links, n_links));

	if (ue) {
		u32 n = 0;
		for (Entity &e : g.entities) {
			ue[n].id = e.id();
			copy_str(ue[n].name, sizeof(ue[n].name), e.name());
			ue[n].function = e.function();
			ue[n].flags = e.flags();
			n++;
		}
	}
	if (ui) {
		u32 n = 0;
		for (Interface &i : g.interfaces) {
			ui[n].id = i.id();
			ui[n].intf_type = i.type();
			ui[n].devnode.major = i.major();
			ui[n].devnode.minor = i.minor();
			n++;
		}
	}
	if (up) {
		u32 n = 0;
		for (Entity &e : g.entities) {
			for (u16 p = 0; p < e.num_pads(); p++) {
				up[n].id = e.pad(p)->id;
				up[n].entity_id = e.id();
				up[n].flags = e.pad(p)->flags;
				up[n].index = p;
				n++;
			}
		}
	}
	if (ul) {
		u32 n = 0;
		for (Link &l : g.links) {
			ul[n].id = l.id;
			switch (l.kind) {
			case LinkKind::data:
				ul[n].source_id = l.source->pad(l.source_pad)->id;
				ul[n].sink_id = l.sink->pad(l.sink_pad)->id;
				ul[n].flags = l.flags | MEDIA_LNK_FL_DATA_LINK;
				break;
			case LinkKind::interface:
				ul[n].source_id = l.intf->id();
				ul[n].sink_id = l.sink->id();
				ul[n].flags = l.flags | MEDIA_LNK_FL_INTERFACE_LINK;
				break;
			case LinkKind::ancillary:
				ul[n].source_id = l.source->id();
				ul[n].sink_id = l.sink->id();
				ul[n].flags = l.flags | MEDIA_LNK_FL_ANCILLARY_LINK;
				break;
			}
			n++;
		}
	}
	topo.topology_version = g.topology_version;
	topo.num_entities = n_entities;
	topo.num_interfaces = n_interfaces;
	topo.num_pads = n_pads;
	topo.num_links = n_links;
	topo.reserved1 = topo.reserved2 = topo.reserved3 = topo.reserved4 = 0;
	return {};
}

/*
 * The media ioctls: command, and a handler that runs under the graph lock
 * (locked: it gets the Graph, which only a holder of the lock has) or
 * without it (unlocked). The one table both says which commands exist
 * (checked before any user copy) and dispatches them; a handler never takes
 * the lock itself.
 */
const MediaDevice::IoctlDesc MediaDevice::ioctls[] = {
	{ .cmd = MEDIA_IOC_DEVICE_INFO,
	  .unlocked = &thunk<media_device_info, &MediaDevice::ioctl_device_info> },
	{ .cmd = MEDIA_IOC_ENUM_ENTITIES,
	  .locked = &locked_thunk<media_entity_desc, &MediaDevice::ioctl_enum_entities> },
	{ .cmd = MEDIA_IOC_ENUM_LINKS,
	  .locked = &locked_thunk<media_links_enum, &MediaDevice::ioctl_enum_links> },
	{ .cmd = MEDIA_IOC_SETUP_LINK,
	  .locked = &locked_thunk<media_link_desc, &MediaDevice::ioctl_setup_link> },
	{ .cmd = MEDIA_IOC_G_TOPOLOGY,
	  .locked = &locked_thunk<media_v2_topology, &MediaDevice::ioctl_g_topology> },
};

const MediaDevice::IoctlDesc *MediaDevice::ioctl_desc(unsigned int cmd)
{
	for (const IoctlDesc &d : ioctls)
		if (d.cmd == cmd)
			return &d;
	return nullptr;
}

long MediaDevice::ioctl(const Access &live, const IoctlDesc &d, void *karg, UserArrays &out)
{
	MediaDevice &dev = *live;

	if (d.unlocked)
		return d.unlocked(dev, karg, out).code();
	return d.locked(dev, *dev.graph_.locked(), karg, out).code();
}

} // namespace mcpp
