// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_uapi: the MC ioctls on kernel arguments, through the same entry point
 * the /dev/mediaN glue uses after its user copies. Bad input gets the
 * documented errno and changes nothing.
 */
#include "fixture.hpp"
#include "uapi_cases.h"

using namespace mcpp_test;
namespace api = mcpp::api;

namespace {

template <class T> void zero(T &obj)
{
	__builtin_memset(&obj, 0, sizeof(obj));
}

/* sensor:0 -> isp:0 (enabled), isp:1 -> out:0 (immutable), lens ~ sensor,
 * and a video interface on "out". */
struct Graph {
	Driver drv;
	api::Device dev;
	api::Entity sensor, isp, out, lens;
	api::Interface intf;
	void *fh = nullptr;

	struct kunit *test = nullptr;

	/* The topology above, registered, with one file open. */
	bool build(struct kunit *t)
	{
		test = t;
		static const __u32 src[] = { MEDIA_PAD_FL_SOURCE };
		static const __u32 isp_pads[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
		static const __u32 snk[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT };
		dev = make_device(test, drv);
		if (!dev)
			return false;
		sensor =
			api::create_entity(dev, "sensor", MEDIA_ENT_F_CAM_SENSOR, 0, 1, src).take();
		isp = api::create_entity(dev, "isp", MEDIA_ENT_F_PROC_VIDEO_ISP, 0, 2, isp_pads)
			      .take();
		out = api::create_entity(dev, "out", MEDIA_ENT_F_IO_V4L, MEDIA_ENT_FL_DEFAULT, 1,
					 snk)
			      .take();
		lens = api::create_entity(dev, "lens", MEDIA_ENT_F_LENS, 0, 0, nullptr).take();
		intf = api::create_interface(dev, MEDIA_INTF_T_V4L_VIDEO, 81, 3).take();
		bool ok = sensor && isp && out && lens && intf;
		ok = ok && api::link(sensor, 0, isp, 0, MEDIA_LNK_FL_ENABLED).ok();
		ok = ok &&
		     api::link(isp, 1, out, 0, MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE).ok();
		ok = ok && mcpp_ancillary_link_create(sensor.get(), lens.get()) > 0;
		ok = ok && mcpp_interface_link_create(intf.get(), out.get()) > 0;
		ok = ok && mcpp_device_register(dev.get()) == 0;
		ok = ok && mcpp_file_open(dev.get(), &fh) == 0;
		KCXX_EXPECT(test, ok);
		return ok;
	}

	long ioctl(unsigned int cmd, void *arg, const mcpp_user_io &io = kernel_io)
	{
		return mcpp_file_ioctl(fh, cmd, arg, &io);
	}

	/* What remove and the last close do; checks the release ran once. */
	~Graph()
	{
		if (fh)
			mcpp_file_release(fh);
		if (dev)
			mcpp_device_unregister(dev.get());
		sensor.reset();
		isp.reset();
		out.reset();
		lens.reset();
		intf.reset();
		if (!dev)
			return;
		dev.reset();
		KCXX_EXPECT(test, wait_released(drv));
		KCXX_EXPECT_EQ(test, drv.released, 1);
	}
};

/* Link flags of every link, to show a failed call changed nothing. */
struct Snapshot {
	__u64 version;
	__u32 flags[8];
	__u32 n;
};

Snapshot snapshot(Graph &g)
{
	Snapshot s;
	zero(s);
	media_v2_link links[8];
	media_v2_topology topo;
	zero(topo);
	topo.num_links = 8;
	topo.ptr_links = to_uptr(links);
	if (g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo) == 0) {
		s.version = topo.topology_version;
		s.n = topo.num_links;
		for (__u32 i = 0; i < s.n && i < 8; i++)
			s.flags[i] = links[i].flags;
	}
	return s;
}

bool same(const Snapshot &a, const Snapshot &b)
{
	return __builtin_memcmp(&a, &b, sizeof(a)) == 0;
}

} // namespace

void mcpp_test_uapi_device_info(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem)
		return;
	Graph &g = *graph_mem;
	if (g.build(test)) {
		media_device_info info;
		__builtin_memset(&info, 0xa5, sizeof(info));
		KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_DEVICE_INFO, &info), 0);
		KCXX_EXPECT(test, __builtin_strcmp(info.driver, "mcpp_kunit") == 0);
		KCXX_EXPECT(test, __builtin_strcmp(info.model, "KUnit media device") == 0);
		KCXX_EXPECT(test, __builtin_strcmp(info.serial, "SN42") == 0);
		KCXX_EXPECT(test, __builtin_strncmp(info.bus_info, "platform:", 9) == 0);
		KCXX_EXPECT_EQ(test, info.hw_revision, 7);
		KCXX_EXPECT(test, info.media_version >= ((6u << 16) | (12u << 8)));
		__u32 reserved = 0;
		for (__u32 r : info.reserved)
			reserved |= r;
		KCXX_EXPECT_EQ(test, reserved, 0);
	}
}

void mcpp_test_uapi_topology_matches_graph(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	media_v2_topology topo;
	zero(topo);
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo), 0); // counts only
	KCXX_EXPECT_EQ(test, topo.num_entities, 4);
	KCXX_EXPECT_EQ(test, topo.num_interfaces, 1);
	KCXX_EXPECT_EQ(test, topo.num_pads, 4);
	KCXX_EXPECT_EQ(test, topo.num_links, 4);

	struct Arrays {
		media_v2_entity ents[4];
		media_v2_interface intfs[1];
		media_v2_pad pads[4];
		media_v2_link links[4];
	};
	Heap<Arrays> arrays;
	if (!arrays)
		return;
	auto &ents = arrays->ents;
	auto &intfs = arrays->intfs;
	auto &pads = arrays->pads;
	auto &links = arrays->links;
	topo.ptr_entities = to_uptr(ents);
	topo.ptr_interfaces = to_uptr(intfs);
	topo.ptr_pads = to_uptr(pads);
	topo.ptr_links = to_uptr(links);
	topo.reserved1 = 0x55;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo), 0);
	KCXX_EXPECT_EQ(test, topo.reserved1, 0);
	KCXX_EXPECT_EQ(test, topo.topology_version, mcpp_device_topology_version(g.dev.get()));

	KCXX_EXPECT_EQ(test, ents[0].id, mcpp_entity_id(g.sensor.get()));
	KCXX_EXPECT(test, __builtin_strcmp(ents[0].name, "sensor") == 0);
	KCXX_EXPECT_EQ(test, ents[0].function, MEDIA_ENT_F_CAM_SENSOR);
	KCXX_EXPECT_EQ(test, ents[2].flags, MEDIA_ENT_FL_DEFAULT);
	KCXX_EXPECT(test, __builtin_strcmp(ents[3].name, "lens") == 0);
	KCXX_EXPECT_EQ(test, intfs[0].intf_type, MEDIA_INTF_T_V4L_VIDEO);
	KCXX_EXPECT_EQ(test, intfs[0].devnode.major, 81);
	KCXX_EXPECT_EQ(test, intfs[0].devnode.minor, 3);
	KCXX_EXPECT_EQ(test, intfs[0].id >> 24, 3); // interface id type
	KCXX_EXPECT_EQ(test, pads[1].entity_id, mcpp_entity_id(g.isp.get()));
	KCXX_EXPECT_EQ(test, pads[1].index, 0);
	KCXX_EXPECT_EQ(test, pads[2].flags, MEDIA_PAD_FL_SOURCE);
	KCXX_EXPECT_EQ(test, pads[3].flags, MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT);
	// Data link sensor:0 -> isp:0, by pad ids.
	KCXX_EXPECT_EQ(test, links[0].source_id, pads[0].id);
	KCXX_EXPECT_EQ(test, links[0].sink_id, pads[1].id);
	KCXX_EXPECT_EQ(test, links[0].flags, MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_DATA_LINK);
	KCXX_EXPECT_EQ(test, links[1].flags,
		       MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_DATA_LINK);
	// Ancillary: entity ids; interface: interface id -> entity id.
	KCXX_EXPECT_EQ(test, links[2].flags & MEDIA_LNK_FL_LINK_TYPE, MEDIA_LNK_FL_ANCILLARY_LINK);
	KCXX_EXPECT_EQ(test, links[2].source_id, mcpp_entity_id(g.sensor.get()));
	KCXX_EXPECT_EQ(test, links[2].sink_id, mcpp_entity_id(g.lens.get()));
	KCXX_EXPECT_EQ(test, links[3].flags & MEDIA_LNK_FL_LINK_TYPE, MEDIA_LNK_FL_INTERFACE_LINK);
	KCXX_EXPECT_EQ(test, links[3].source_id, intfs[0].id);
	KCXX_EXPECT_EQ(test, links[3].sink_id, mcpp_entity_id(g.out.get()));
}

void mcpp_test_uapi_topology_bad_buffers(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	media_v2_entity ents[4];
	__builtin_memset(ents, 0x5a, sizeof(ents));
	media_v2_topology topo;
	zero(topo);
	topo.num_entities = 3; // one too few
	topo.ptr_entities = to_uptr(ents);
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo), -ENOSPC);
	// Nothing written when the array is short.
	KCXX_EXPECT_EQ(test, ents[0].id, 0x5a5a5a5a);
	// A huge count is fine: only what exists is written.
	topo.num_entities = 0xffffffff;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo), 0);
	KCXX_EXPECT_EQ(test, topo.num_entities, 4);
	// An unmapped user buffer: -EFAULT.
	topo.ptr_entities = 0x10;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo, faulting_io), -EFAULT);
}

/*
 * The arrays are snapshotted into kernel buffers before any is copied out:
 * each allocation of the call failing in turn (fail-nth) gives -ENOMEM and
 * writes nothing. Some injections hit allocations that tolerate failure
 * (kmemleak's own metadata, not made for every allocation): the call then
 * just works, and which of the arrays' allocations an injection hits varies
 * from boot to boot, so only "at least one" is certain.
 */
void mcpp_test_uapi_arrays_no_memory(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	struct Arrays {
		media_v2_entity ents[8];
		media_v2_interface intfs[4];
		media_v2_pad pads[8];
		media_v2_link links[8];
		media_pad_desc pdesc[2];
		media_link_desc ldesc[1];
	};
	Heap<Arrays> mem;
	KCXX_EXPECT(test, static_cast<bool>(mem));
	if (!mem)
		return;
	Arrays &a = *mem;
	media_v2_topology topo;
	media_links_enum le;
	unsigned int enomem = 0;
	bool clean = false;
	for (unsigned int nth = 1; !clean && nth < 40; nth++) {
		__builtin_memset(&a, 0x5a, sizeof(a));
		zero(topo);
		topo.num_entities = 8;
		topo.num_interfaces = 4;
		topo.num_pads = 8;
		topo.num_links = 8;
		topo.ptr_entities = to_uptr(a.ents);
		topo.ptr_interfaces = to_uptr(a.intfs);
		topo.ptr_pads = to_uptr(a.pads);
		topo.ptr_links = to_uptr(a.links);
		kcxx_kunit_inject_fail_nth(nth);
		const long ret = g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo);
		clean = kcxx_kunit_fail_nth_pending() != 0;
		if (ret == -ENOMEM) {
			enomem++;
			KCXX_EXPECT_EQ(test, a.ents[0].id, 0x5a5a5a5a);
			KCXX_EXPECT_EQ(test, a.intfs[0].id, 0x5a5a5a5a);
			KCXX_EXPECT_EQ(test, a.pads[0].id, 0x5a5a5a5a);
			KCXX_EXPECT_EQ(test, a.links[0].id, 0x5a5a5a5a);
			KCXX_EXPECT_EQ(test, topo.num_entities, 8);
		} else {
			KCXX_EXPECT_EQ(test, ret, 0);
			KCXX_EXPECT_EQ(test, topo.num_entities, 4);
			KCXX_EXPECT_EQ(test, a.ents[0].id, mcpp_entity_id(g.sensor.get()));
		}
	}
	KCXX_EXPECT(test, clean);
	KCXX_EXPECT(test, enomem >= 1);

	enomem = 0;
	clean = false;
	for (unsigned int nth = 1; !clean && nth < 20; nth++) {
		__builtin_memset(&a, 0x5a, sizeof(a));
		zero(le);
		le.entity = mcpp_entity_id(g.isp.get());
		le.pads = a.pdesc;
		le.links = a.ldesc;
		kcxx_kunit_inject_fail_nth(nth);
		const long ret = g.ioctl(MEDIA_IOC_ENUM_LINKS, &le);
		clean = kcxx_kunit_fail_nth_pending() != 0;
		if (ret == -ENOMEM) {
			enomem++;
			KCXX_EXPECT_EQ(test, a.pdesc[0].entity, 0x5a5a5a5a);
			KCXX_EXPECT_EQ(test, a.ldesc[0].source.entity, 0x5a5a5a5a);
		} else {
			KCXX_EXPECT_EQ(test, ret, 0);
			KCXX_EXPECT_EQ(test, a.pdesc[1].index, 1);
			KCXX_EXPECT_EQ(test, a.ldesc[0].source.entity, mcpp_entity_id(g.isp.get()));
		}
	}
	KCXX_EXPECT(test, clean);
	KCXX_EXPECT(test, enomem >= 1);
}

void mcpp_test_uapi_enum_entities_and_links(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	media_entity_desc desc;
	zero(desc);
	desc.id = MEDIA_ENT_ID_FLAG_NEXT;
	__u32 seen = 0, last = 0;
	while (g.ioctl(MEDIA_IOC_ENUM_ENTITIES, &desc) == 0) {
		KCXX_EXPECT(test, desc.id > last);
		KCXX_EXPECT_EQ(test, desc.reserved[0] | desc.reserved[3], 0);
		last = desc.id;
		seen++;
		desc.id |= MEDIA_ENT_ID_FLAG_NEXT;
	}
	KCXX_EXPECT_EQ(test, seen, 4);

	zero(desc);
	desc.id = mcpp_entity_id(g.out.get());
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_ENTITIES, &desc), 0);
	KCXX_EXPECT_EQ(test, desc.dev.major, 81); // from its interface
	KCXX_EXPECT_EQ(test, desc.dev.minor, 3);
	desc.id = mcpp_entity_id(g.isp.get());
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_ENTITIES, &desc), 0);
	KCXX_EXPECT_EQ(test, desc.pads, 2);
	KCXX_EXPECT_EQ(test, desc.links, 1); // outbound data links only
	desc.id = 0x7fff;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_ENTITIES, &desc), -EINVAL);

	media_pad_desc pads[2];
	media_link_desc links[1];
	media_links_enum le;
	zero(le);
	le.entity = mcpp_entity_id(g.isp.get());
	le.pads = pads;
	le.links = links;
	le.reserved[0] = 9;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le), 0);
	KCXX_EXPECT_EQ(test, le.reserved[0], 0);
	KCXX_EXPECT_EQ(test, pads[1].index, 1);
	KCXX_EXPECT_EQ(test, pads[1].flags, MEDIA_PAD_FL_SOURCE);
	KCXX_EXPECT_EQ(test, links[0].source.entity, mcpp_entity_id(g.isp.get()));
	KCXX_EXPECT_EQ(test, links[0].sink.entity, mcpp_entity_id(g.out.get()));
	KCXX_EXPECT_EQ(test, links[0].flags, MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE);
	le.entity = 0xdead;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le), -EINVAL);
	// With MEDIA_ENT_ID_FLAG_NEXT: the next entity's (in-kernel MC's find_entity).
	zero(pads);
	zero(links);
	le.entity = (mcpp_entity_id(g.isp.get()) - 1) | MEDIA_ENT_ID_FLAG_NEXT;
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le), 0);
	KCXX_EXPECT_EQ(test, pads[1].entity, mcpp_entity_id(g.isp.get()));
	KCXX_EXPECT_EQ(test, links[0].sink.entity, mcpp_entity_id(g.out.get()));
	le.entity = mcpp_entity_id(g.lens.get()) | MEDIA_ENT_ID_FLAG_NEXT; // the last one
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le), -EINVAL);
	le.entity = mcpp_entity_id(g.isp.get());
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le, faulting_io), -EFAULT);
}

namespace {

/* The whole graph as G_TOPOLOGY shows it. */
struct TopoView {
	media_v2_topology topo;
	media_v2_entity ents[16];
	media_v2_interface intfs[8];
	media_v2_pad pads[48];
	media_v2_link links[32];

	bool fetch(struct kunit *test, Graph &g)
	{
		zero(topo);
		topo.num_entities = 16;
		topo.num_interfaces = 8;
		topo.num_pads = 48;
		topo.num_links = 32;
		topo.ptr_entities = to_uptr(ents);
		topo.ptr_interfaces = to_uptr(intfs);
		topo.ptr_pads = to_uptr(pads);
		topo.ptr_links = to_uptr(links);
		const long ret = g.ioctl(MEDIA_IOC_G_TOPOLOGY, &topo);
		KCXX_EXPECT_EQ(test, ret, 0);
		return ret == 0;
	}

	const media_v2_pad *pad(__u32 id) const
	{
		for (__u32 i = 0; i < topo.num_pads; i++)
			if (pads[i].id == id)
				return &pads[i];
		return nullptr;
	}

	const media_v2_interface *intf(__u32 id) const
	{
		for (__u32 i = 0; i < topo.num_interfaces; i++)
			if (intfs[i].id == id)
				return &intfs[i];
		return nullptr;
	}

	bool data_link_from(const media_v2_link &l, __u32 entity) const
	{
		const media_v2_pad *p = pad(l.source_id);
		return (l.flags & MEDIA_LNK_FL_LINK_TYPE) == MEDIA_LNK_FL_DATA_LINK && p &&
		       p->entity_id == entity;
	}
};

/*
 * Walks the graph the way media-ctl does (ENUM_ENTITIES with NEXT, then
 * ENUM_LINKS on each) and checks it finds exactly what G_TOPOLOGY shows, in
 * the same order: the entities, each one's pads, its outgoing data links in
 * the order of the graph's links, and its device node (first interface link).
 */
struct WalkBufs {
	TopoView view;
	media_pad_desc pads[8];
	media_link_desc links[16];
};

void expect_walk_matches_topology(struct kunit *test, Graph &g)
{
	Heap<WalkBufs> bufs;
	if (!bufs || !bufs->view.fetch(test, g))
		return;
	const TopoView &v = bufs->view;
	media_entity_desc desc;
	zero(desc);
	desc.id = MEDIA_ENT_ID_FLAG_NEXT;
	__u32 k = 0;
	while (g.ioctl(MEDIA_IOC_ENUM_ENTITIES, &desc) == 0) {
		KCXX_EXPECT(test, k < v.topo.num_entities);
		if (k >= v.topo.num_entities)
			return;
		const media_v2_entity &ue = v.ents[k++];
		KCXX_EXPECT_EQ(test, desc.id, ue.id);
		KCXX_EXPECT(test, __builtin_strcmp(desc.name, ue.name) == 0);
		__u32 pads = 0, links = 0;
		for (__u32 i = 0; i < v.topo.num_pads; i++)
			pads += v.pads[i].entity_id == ue.id;
		for (__u32 i = 0; i < v.topo.num_links; i++)
			links += v.data_link_from(v.links[i], ue.id);
		KCXX_EXPECT_EQ(test, desc.pads, pads);
		KCXX_EXPECT_EQ(test, desc.links, links);
		__u32 major = 0, minor = 0;
		for (__u32 i = 0; i < v.topo.num_links; i++) {
			const media_v2_link &l = v.links[i];
			if ((l.flags & MEDIA_LNK_FL_LINK_TYPE) == MEDIA_LNK_FL_INTERFACE_LINK &&
			    l.sink_id == ue.id) {
				const media_v2_interface *ui = v.intf(l.source_id);
				KCXX_EXPECT(test, ui);
				if (ui) {
					major = ui->devnode.major;
					minor = ui->devnode.minor;
				}
				break;
			}
		}
		KCXX_EXPECT_EQ(test, desc.dev.major, major);
		KCXX_EXPECT_EQ(test, desc.dev.minor, minor);

		media_links_enum le;
		zero(le);
		le.entity = desc.id;
		le.pads = bufs->pads;
		le.links = bufs->links;
		__builtin_memset(bufs->links, 0x5a, sizeof(bufs->links));
		KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le), 0);
		__u32 n = 0;
		for (__u32 i = 0; i < v.topo.num_links && n < 16; i++) {
			const media_v2_link &l = v.links[i];
			if (!v.data_link_from(l, ue.id))
				continue;
			const media_v2_pad *sp = v.pad(l.source_id), *kp = v.pad(l.sink_id);
			const media_link_desc &ld = bufs->links[n++];
			KCXX_EXPECT_EQ(test, ld.source.entity, ue.id);
			KCXX_EXPECT_EQ(test, ld.source.index, sp->index);
			KCXX_EXPECT_EQ(test, ld.sink.entity, kp->entity_id);
			KCXX_EXPECT_EQ(test, ld.sink.index, kp->index);
			KCXX_EXPECT_EQ(test, ld.sink.flags, kp->flags);
			KCXX_EXPECT_EQ(test, ld.flags, l.flags & ~MEDIA_LNK_FL_LINK_TYPE);
		}
		KCXX_EXPECT_EQ(test, n, links);
		if (n < 16) // nothing written past its links
			KCXX_EXPECT_EQ(test, bufs->links[n].source.entity, 0x5a5a5a5a);
		desc.id |= MEDIA_ENT_ID_FLAG_NEXT;
	}
	KCXX_EXPECT_EQ(test, k, v.topo.num_entities);
}

/* ENUM_ENTITIES on one id (or the next after it); the error if it fails. */
long enum_entity(Graph &g, __u32 id, media_entity_desc &desc)
{
	zero(desc);
	desc.id = id;
	return g.ioctl(MEDIA_IOC_ENUM_ENTITIES, &desc);
}

} // namespace

/*
 * Entities, links and interfaces created interleaved, then some removed from
 * the middle and more added: the ENUM walk still returns exactly what is
 * left, in G_TOPOLOGY's order, each entity's links in creation order.
 */
void mcpp_test_uapi_enum_walk_after_removal(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	static const __u32 mid_pads[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE,
					  MEDIA_PAD_FL_SOURCE };
	static const __u32 io_pads[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
	api::Entity mid =
		api::create_entity(g.dev, "mid", MEDIA_ENT_F_PROC_VIDEO_SCALER, 0, 3, mid_pads)
			.take();
	api::Entity tail =
		api::create_entity(g.dev, "tail", MEDIA_ENT_F_PROC_VIDEO_SCALER, 0, 2, io_pads)
			.take();
	api::Interface sd = api::create_interface(g.dev, MEDIA_INTF_T_V4L_SUBDEV, 81, 10).take();
	api::Interface vid = api::create_interface(g.dev, MEDIA_INTF_T_V4L_VIDEO, 81, 11).take();
	KCXX_EXPECT(test, mid && tail && sd && vid);
	if (!mid || !tail || !sd || !vid)
		return;
	// Each entity's outgoing links interleaved with the others' in the graph.
	KCXX_EXPECT(test, api::link(g.sensor, 0, mid, 0, 0).ok());
	KCXX_EXPECT(test, api::link(mid, 1, tail, 0, MEDIA_LNK_FL_ENABLED).ok());
	KCXX_EXPECT(test, api::link(g.isp, 1, mid, 0, MEDIA_LNK_FL_DYNAMIC).ok());
	KCXX_EXPECT(test, api::link(mid, 2, g.out, 0, 0).ok());
	KCXX_EXPECT(test, api::link(tail, 1, g.out, 0, 0).ok());
	KCXX_EXPECT(test, api::link(g.sensor, 0, tail, 0, 0).ok());
	KCXX_EXPECT(test, mcpp_interface_link_create(sd.get(), tail.get()) > 0);
	KCXX_EXPECT(test, mcpp_interface_link_create(vid.get(), tail.get()) > 0);
	KCXX_EXPECT(test, mcpp_interface_link_create(sd.get(), mid.get()) > 0);

	media_entity_desc desc;
	KCXX_EXPECT_EQ(test, enum_entity(g, mcpp_entity_id(g.sensor.get()), desc), 0);
	KCXX_EXPECT_EQ(test, desc.links, 3);
	KCXX_EXPECT_EQ(test, enum_entity(g, mcpp_entity_id(tail.get()), desc), 0);
	KCXX_EXPECT_EQ(test, desc.dev.minor, 10); // its first interface: the sub-device
	KCXX_EXPECT_EQ(test, desc.type, MEDIA_ENT_F_V4L2_SUBDEV_UNKNOWN);
	expect_walk_matches_topology(test, g);

	// Remove an entity in the middle, and the interface tail's node was.
	const __u32 mid_id = mcpp_entity_id(mid.get());
	KCXX_EXPECT_EQ(test, enum_entity(g, mid_id, desc), 0); // the last one looked up
	mcpp_entity_remove(mid.get());
	mcpp_interface_remove(sd.get());
	KCXX_EXPECT_EQ(test, enum_entity(g, mid_id, desc), -EINVAL);
	KCXX_EXPECT_EQ(test, enum_entity(g, mid_id | MEDIA_ENT_ID_FLAG_NEXT, desc), 0);
	KCXX_EXPECT_EQ(test, desc.id, mcpp_entity_id(tail.get()));
	KCXX_EXPECT_EQ(test, desc.dev.minor, 11); // now the video node
	KCXX_EXPECT_EQ(test, desc.type, MEDIA_ENT_F_OLD_BASE | 0xffff); // a device node
	KCXX_EXPECT_EQ(test, enum_entity(g, mcpp_entity_id(g.isp.get()), desc), 0);
	KCXX_EXPECT_EQ(test, desc.links, 1); // isp -> mid went with mid
	expect_walk_matches_topology(test, g);

	// Added after the removal: a larger id, at the end of the walk, and
	// links appended after the older ones of the same entities.
	api::Entity late =
		api::create_entity(g.dev, "late", MEDIA_ENT_F_PROC_VIDEO_SCALER, 0, 2, io_pads)
			.take();
	KCXX_EXPECT(test, late);
	if (!late)
		return;
	KCXX_EXPECT(test, api::link(g.sensor, 0, late, 0, MEDIA_LNK_FL_ENABLED).ok());
	KCXX_EXPECT(test, api::link(late, 1, g.isp, 0, 0).ok());
	KCXX_EXPECT(test, api::link(g.isp, 1, late, 0, 0).ok());
	KCXX_EXPECT(test, mcpp_interface_link_create(vid.get(), late.get()) > 0);
	KCXX_EXPECT_EQ(test, enum_entity(g, mcpp_entity_id(g.sensor.get()), desc), 0);
	KCXX_EXPECT_EQ(test, desc.links, 3); // sensor -> isp, tail, late
	expect_walk_matches_topology(test, g);

	// Removing the far end of links takes them off their source's list too.
	mcpp_entity_remove(g.isp.get());
	mcpp_entity_remove(tail.get());
	KCXX_EXPECT_EQ(test, enum_entity(g, mcpp_entity_id(g.sensor.get()), desc), 0);
	KCXX_EXPECT_EQ(test, desc.links, 1); // sensor -> late
	KCXX_EXPECT_EQ(test, enum_entity(g, mcpp_entity_id(late.get()), desc), 0);
	KCXX_EXPECT_EQ(test, desc.links, 0);
	KCXX_EXPECT_EQ(test, desc.dev.minor, 11);
	expect_walk_matches_topology(test, g);
}

void mcpp_test_uapi_setup_link_bad_input(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	const Snapshot before = snapshot(g);
	media_link_desc d;
	const __u32 s = mcpp_entity_id(g.sensor.get()), i = mcpp_entity_id(g.isp.get()),
		    o = mcpp_entity_id(g.out.get());
	auto setup = [&](__u32 se, __u16 sp, __u32 ke, __u16 kp, __u32 flags) {
		zero(d);
		d.source.entity = se;
		d.source.index = sp;
		d.sink.entity = ke;
		d.sink.index = kp;
		d.flags = flags;
		return g.ioctl(MEDIA_IOC_SETUP_LINK, &d);
	};
	KCXX_EXPECT_EQ(test, setup(0x999, 0, i, 0, 0), -EINVAL); // unknown entity
	KCXX_EXPECT_EQ(test, setup(s, 5, i, 0, 0), -EINVAL); // pad out of range
	KCXX_EXPECT_EQ(test, setup(s, 0, o, 0, 0), -EINVAL); // no such link
	KCXX_EXPECT_EQ(test, setup(s, 0, i, 0, MEDIA_LNK_FL_ENABLED | 0x80), -EINVAL); // bad flags
	KCXX_EXPECT_EQ(test, setup(s, 0, i, 0, MEDIA_LNK_FL_IMMUTABLE), -EINVAL); // not modifiable
	KCXX_EXPECT_EQ(test, setup(i, 1, o, 0, MEDIA_LNK_FL_IMMUTABLE), -EINVAL); // immutable
	KCXX_EXPECT_EQ(test, setup(i, 1, o, 0, MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE), 0);
	KCXX_EXPECT_EQ(test, g.drv.link_setups, 0);
	// The driver refuses: its error, and the link as it was.
	g.drv.link_setup_ret = -EBUSY;
	KCXX_EXPECT_EQ(test, setup(s, 0, i, 0, 0), -EBUSY);
	KCXX_EXPECT_EQ(test, g.drv.link_setups, 1);
	KCXX_EXPECT(test, same(before, snapshot(g)));
	// Unknown ioctls never reach a handler.
	KCXX_EXPECT_EQ(test, g.ioctl(_IOWR('|', 0x7f, media_link_desc), &d), -ENOTTY);
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_REQUEST_ALLOC, &d), -ENOTTY);

	// And a good change does change it, reserved fields zeroed.
	g.drv.link_setup_ret = 0;
	KCXX_EXPECT_EQ(test, setup(s, 0, i, 0, 0), 0);
	KCXX_EXPECT_EQ(test, d.reserved[0] | d.reserved[1], 0);
	const Snapshot after = snapshot(g);
	KCXX_EXPECT_EQ(test, after.flags[0], MEDIA_LNK_FL_DATA_LINK);
	KCXX_EXPECT_EQ(test, after.version, before.version); // flags are not topology

	// Entity ids may carry MEDIA_ENT_ID_FLAG_NEXT (the next entity), as in
	// the in-kernel media controller: the same link, enabled again.
	const __u32 next = MEDIA_ENT_ID_FLAG_NEXT;
	KCXX_EXPECT_EQ(test, setup((s - 1) | next, 0, (i - 1) | next, 0, MEDIA_LNK_FL_ENABLED), 0);
	KCXX_EXPECT_EQ(test, snapshot(g).flags[0], MEDIA_LNK_FL_DATA_LINK | MEDIA_LNK_FL_ENABLED);
	KCXX_EXPECT_EQ(test, setup(s | next, 0, i, 0, 0), -EINVAL); // the isp has no such link
}

void mcpp_test_uapi_graph_bad_construction(struct kunit *test)
{
	Heap<Graph> graph_mem;
	if (!graph_mem || !graph_mem->build(test))
		return;
	Graph &g = *graph_mem;
	const __u64 v = mcpp_device_topology_version(g.dev.get());
	static const __u32 both[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_SOURCE };
	static const __u32 none[] = { 0 };
	static const __u32 src[] = { MEDIA_PAD_FL_SOURCE };
	KCXX_EXPECT_EQ(test, api::create_entity(g.dev, "isp", 0, 0, 0, nullptr).code(), -EEXIST);
	KCXX_EXPECT_EQ(
		test,
		api::create_entity(g.dev, "0123456789012345678901234567890123", 0, 0, 0, nullptr)
			.code(),
		-EINVAL);
	KCXX_EXPECT_EQ(test, api::create_entity(g.dev, "", 0, 0, 0, nullptr).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, api::create_entity(g.dev, "x", 0, 0, 1, both).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, api::create_entity(g.dev, "x", 0, 0, 1, none).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, api::create_entity(g.dev, "x", 0, 0, 1, nullptr).code(), -EINVAL);
	// sink pad as a source, missing pad, immutable-but-disabled, duplicate
	KCXX_EXPECT_EQ(test, api::link(g.isp, 0, g.out, 0, 0).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, api::link(g.sensor, 1, g.isp, 0, 0).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, api::link(g.sensor, 0, g.isp, 0, MEDIA_LNK_FL_IMMUTABLE).code(),
		       -EINVAL);
	KCXX_EXPECT_EQ(test, api::link(g.sensor, 0, g.isp, 0, 0).code(), -EEXIST);
	KCXX_EXPECT_EQ(test, api::link(g.sensor, 0, g.isp, 0, 0x100).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, mcpp_interface_create(g.dev.get(), 0, 1, 1),
		       reinterpret_cast<mcpp_interface *>(-EINVAL));
	// Across media devices.
	Driver other;
	api::Device dev2 = make_device(test, other);
	if (dev2) {
		auto foreign = api::create_entity(dev2, "foreign", 0, 0, 1, src);
		KCXX_EXPECT(test, foreign.ok());
		if (foreign.ok()) {
			KCXX_EXPECT_EQ(test, api::link(foreign.value(), 0, g.isp, 0, 0).code(),
				       -EINVAL);
			foreign.value().reset();
		}
		mcpp_device_unregister(dev2.get());
		dev2.reset();
		KCXX_EXPECT(test, wait_released(other));
	}
	KCXX_EXPECT_EQ(test, mcpp_device_topology_version(g.dev.get()), v); // nothing changed
}
