// SPDX-License-Identifier: GPL-2.0
/*
 * The media controller uAPI (linux/media.h, 6.12): DEVICE_INFO,
 * ENUM_ENTITIES, ENUM_LINKS, SETUP_LINK and G_TOPOLOGY on kernel structs.
 * Arrays that userspace points to are written through mcpp_user_io, so
 * these handlers never touch user memory themselves. Every handler leaves the
 * graph as it was when it fails, and zeroes reserved fields on output.
 */
#include <linux/media.h>

#include "../core/device.hpp"

/* Legacy ENUM_ENTITIES type of a device node that is not V4L (media.h keeps
 * it for userspace only). */
#define MCPP_ENT_T_DEVNODE_UNKNOWN (MEDIA_ENT_F_OLD_BASE | 0x0000ffff)

namespace mcpp {

using kcxx::Error;
using kcxx::MutexGuard;

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

/* Writes element i of a user array; -EFAULT if it cannot. */
template <class T> Status put_elem(const mcpp_user_io &io, u64 base, u32 i, const T &elem)
{
	return kcxx::status_from_errno(
		io.copy_out(&io, base + u64(i) * sizeof(T), &elem, sizeof(T)));
}

} // namespace

/*
 * The entity an ioctl names: @id, or with MEDIA_ENT_ID_FLAG_NEXT the first
 * entity whose id is greater. ENUM_ENTITIES, ENUM_LINKS and SETUP_LINK all
 * accept the flag, as the in-kernel media controller's find_entity() does.
 */
Entity *MediaDevice::uapi_entity(u32 id)
{
	if (id & MEDIA_ENT_ID_FLAG_NEXT)
		return first_entity_from((id & ~MEDIA_ENT_ID_FLAG_NEXT) + 1); // no overflow
	return find_entity(id);
}

Status MediaDevice::ioctl_device_info(struct media_device_info &info)
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

Status MediaDevice::ioctl_enum_entities(struct media_entity_desc &desc)
{
	MutexGuard g(graph_lock_);
	Entity *found = uapi_entity(desc.id);
	if (!found)
		return Error(-EINVAL);

	zero(desc);
	desc.id = found->id();
	copy_str(desc.name, sizeof(desc.name), found->name());
	desc.flags = found->flags();
	desc.pads = found->num_pads();
	desc.links = static_cast<u32>(found->data_links_.size()); // outgoing data links
	// The device node of the entity: its first interface link.
	u32 node_type = 0;
	if (Link *l = found->intf_links_.front()) {
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

Status MediaDevice::ioctl_enum_links(struct media_links_enum &links, const struct mcpp_user_io &io)
{
	MutexGuard g(graph_lock_);
	Entity *e = uapi_entity(links.entity);
	if (!e)
		return Error(-EINVAL);
	if (links.pads) {
		for (u16 i = 0; i < e->num_pads(); i++) {
			struct media_pad_desc pd;
			zero(pd);
			pd.entity = e->id();
			pd.index = i;
			pd.flags = e->pad(i)->flags;
			TRY(put_elem(io, user_addr(links.pads), i, pd));
		}
	}
	if (links.links) {
		u32 n = 0;
		// Its outgoing data links, in the order of links_.
		for (Link &l : e->data_links_) {
			struct media_link_desc ld;
			zero(ld);
			ld.source.entity = l.source->id();
			ld.source.index = l.source_pad;
			ld.source.flags = l.source->pad(l.source_pad)->flags;
			ld.sink.entity = l.sink->id();
			ld.sink.index = l.sink_pad;
			ld.sink.flags = l.sink->pad(l.sink_pad)->flags;
			ld.flags = l.flags;
			TRY(put_elem(io, user_addr(links.links), n++, ld));
		}
	}
	zero(links.reserved);
	return {};
}

Status MediaDevice::ioctl_setup_link(struct media_link_desc &desc)
{
	MutexGuard g(graph_lock_);
	Entity *source = uapi_entity(desc.source.entity);
	Entity *sink = uapi_entity(desc.sink.entity);
	if (!source || !sink || desc.source.index >= source->num_pads() ||
	    desc.sink.index >= sink->num_pads())
		return Error(-EINVAL);
	Link *l = find_data_link(*source, desc.source.index, *sink, desc.sink.index);
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

Status MediaDevice::ioctl_g_topology(struct media_v2_topology &topo, const struct mcpp_user_io &io)
{
	MutexGuard g(graph_lock_);
	u32 n_entities = 0, n_interfaces = 0, n_pads = 0, n_links = 0;
	for (Entity &e : entities_) {
		n_entities++;
		n_pads += e.num_pads();
	}
	for (Interface &i : interfaces_) {
		(void)i;
		n_interfaces++;
	}
	for (Link &l : links_) {
		(void)l;
		n_links++;
	}
	// Check every array before writing any, so a short one changes nothing.
	if ((topo.ptr_entities && topo.num_entities < n_entities) ||
	    (topo.ptr_interfaces && topo.num_interfaces < n_interfaces) ||
	    (topo.ptr_pads && topo.num_pads < n_pads) ||
	    (topo.ptr_links && topo.num_links < n_links))
		return Error(-ENOSPC);

	if (topo.ptr_entities) {
		u32 i = 0;
		for (Entity &e : entities_) {
			struct media_v2_entity ue;
			zero(ue);
			ue.id = e.id();
			copy_str(ue.name, sizeof(ue.name), e.name());
			ue.function = e.function();
			ue.flags = e.flags();
			TRY(put_elem(io, topo.ptr_entities, i++, ue));
		}
	}
	if (topo.ptr_interfaces) {
		u32 n = 0;
		for (Interface &i : interfaces_) {
			struct media_v2_interface ui;
			zero(ui);
			ui.id = i.id();
			ui.intf_type = i.type();
			ui.devnode.major = i.major();
			ui.devnode.minor = i.minor();
			TRY(put_elem(io, topo.ptr_interfaces, n++, ui));
		}
	}
	if (topo.ptr_pads) {
		u32 n = 0;
		for (Entity &e : entities_) {
			for (u16 p = 0; p < e.num_pads(); p++) {
				struct media_v2_pad up;
				zero(up);
				up.id = e.pad(p)->id;
				up.entity_id = e.id();
				up.flags = e.pad(p)->flags;
				up.index = p;
				TRY(put_elem(io, topo.ptr_pads, n++, up));
			}
		}
	}
	if (topo.ptr_links) {
		u32 n = 0;
		for (Link &l : links_) {
			struct media_v2_link ul;
			zero(ul);
			ul.id = l.id;
			switch (l.kind) {
			case LinkKind::data:
				ul.source_id = l.source->pad(l.source_pad)->id;
				ul.sink_id = l.sink->pad(l.sink_pad)->id;
				ul.flags = l.flags | MEDIA_LNK_FL_DATA_LINK;
				break;
			case LinkKind::interface:
				ul.source_id = l.intf->id();
				ul.sink_id = l.sink->id();
				ul.flags = l.flags | MEDIA_LNK_FL_INTERFACE_LINK;
				break;
			case LinkKind::ancillary:
				ul.source_id = l.source->id();
				ul.sink_id = l.sink->id();
				ul.flags = l.flags | MEDIA_LNK_FL_ANCILLARY_LINK;
				break;
			}
			TRY(put_elem(io, topo.ptr_links, n++, ul));
		}
	}
	topo.topology_version = topology_version_;
	topo.num_entities = n_entities;
	topo.num_interfaces = n_interfaces;
	topo.num_pads = n_pads;
	topo.num_links = n_links;
	topo.reserved1 = topo.reserved2 = topo.reserved3 = topo.reserved4 = 0;
	return {};
}

bool mc_ioctl_known(unsigned int cmd)
{
	switch (cmd) {
	case MEDIA_IOC_DEVICE_INFO:
	case MEDIA_IOC_ENUM_ENTITIES:
	case MEDIA_IOC_ENUM_LINKS:
	case MEDIA_IOC_SETUP_LINK:
	case MEDIA_IOC_G_TOPOLOGY:
		return true;
	default:
		return false;
	}
}

long mc_ioctl(MediaDevice &dev, unsigned int cmd, void *karg, const struct mcpp_user_io &io)
{
	switch (cmd) {
	case MEDIA_IOC_DEVICE_INFO:
		return dev.ioctl_device_info(*static_cast<media_device_info *>(karg)).code();
	case MEDIA_IOC_ENUM_ENTITIES:
		return dev.ioctl_enum_entities(*static_cast<media_entity_desc *>(karg)).code();
	case MEDIA_IOC_ENUM_LINKS:
		return dev.ioctl_enum_links(*static_cast<media_links_enum *>(karg), io).code();
	case MEDIA_IOC_SETUP_LINK:
		return dev.ioctl_setup_link(*static_cast<media_link_desc *>(karg)).code();
	case MEDIA_IOC_G_TOPOLOGY:
		return dev.ioctl_g_topology(*static_cast<media_v2_topology *>(karg), io).code();
	default:
		return -ENOTTY;
	}
}

} // namespace mcpp
