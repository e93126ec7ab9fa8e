// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_uapi: the MC ioctls on kernel arguments, through the same entry point
 * the /dev/mediaN glue uses after its user copies. Bad input gets the
 * documented errno and changes nothing.
 */
#include "cases.h"
#include "fixture.hpp"

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
	le.entity = mcpp_entity_id(g.isp.get());
	KCXX_EXPECT_EQ(test, g.ioctl(MEDIA_IOC_ENUM_LINKS, &le, faulting_io), -EFAULT);
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
