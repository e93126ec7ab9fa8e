/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The media device: device information, the graph, /dev/mediaN and the
 * revocation of userspace access.
 *
 * Lifetime (see Documentation/lifetime.rst for the whole picture):
 * - References on a MediaDevice are held by: the driver (from create until
 *   its put), each Entity and Interface (dev_), each open File, and the
 *   devnode (from register until the devnode's struct device is released).
 * - release() runs after the last one: it calls the driver's release
 *   callback, frees the device, then lets the driver's module go.
 * - Unregister is not release: it revokes access (live_ = false, then
 *   synchronize_srcu so that calls already inside finish, and no call can
 *   enter after), removes the devnode and empties the graph. It is one-way.
 */
#pragma once

#include <kcxx/lock.hpp>
#include <mcpp/test.h>

#include "../devnode.h"
#include "../lifetime.h"
#include "graph.hpp"

struct media_device_info;
struct media_entity_desc;
struct media_links_enum;
struct media_link_desc;
struct media_v2_topology;

namespace mcpp {

using kcxx::Result;
using kcxx::Status;

/*
 * The arrays an MC ioctl hands back to the caller, as kernel snapshots. A
 * handler fills them under the graph lock, inside the revocation guard; the
 * caller copies them out with copy_out() after leaving both, so a user page
 * fault that does not resolve (userfaultfd, FUSE, a stalled mount) blocks
 * only the faulting call, never unregister or another call. At most
 * max_arrays arrays; each buffer is zeroed and freed with the object.
 */
class UserArrays : kcxx::Pinned {
public:
	static constexpr unsigned int max_arrays = 4;

	UserArrays() = default;
	~UserArrays();

	/* A zeroed buffer of n T for the user array at uaddr; -ENOMEM, or
	 * nullptr for n == 0 (nothing to copy). */
	template <class T> Result<T *> add(u64 uaddr, u32 n)
	{
		if (n == 0)
			return static_cast<T *>(nullptr);
		size_t bytes = TRY(kcxx::array_bytes<T>(n));
		void *buf = TRY(add_bytes(uaddr, bytes));
		return static_cast<T *>(buf);
	}

	bool empty() const { return n_ == 0; }
	/* Writes every array in order through io: 0, or the first error. */
	int copy_out(const struct mcpp_user_io &io) const;

private:
	Result<void *> add_bytes(u64 uaddr, size_t bytes);

	struct Array {
		u64 uaddr;
		void *buf; // Lifetime: kvmalloc'd, freed by the destructor
		size_t bytes;
	};
	Array arrays_[max_arrays] = {};
	unsigned int n_ = 0;
};

class MediaDevice : public kcxx::RefCounted<MediaDevice> {
public:
	static Result<Ref<MediaDevice>> create(struct device *parent,
					       const struct mcpp_device_info &info,
					       const struct mcpp_device_ops *ops, void *drvdata);
	static void release(MediaDevice *self);

	/* /dev/mediaN, whose file operations are @devnode_ops (file.cpp). */
	Status register_node(const struct mcpp_devnode_ops &devnode_ops);
	void unregister();

	/*
	 * The revocation guard of a userspace call (as Rust-for-Linux's
	 * Revocable::try_access()): an SRCU read section, its index on the
	 * caller's stack, through which the device is reached only if it was
	 * live at entry. Unregister waits for every Access that saw it live to
	 * end, so none outlives it.
	 *
	 *	MediaDevice::Access live(dev);
	 *	if (!live)
	 *		return -EIO;
	 *	MediaDevice::ioctl(live, ...);	// takes the guard, not the device
	 */
	class [[nodiscard]] Access : kcxx::Pinned {
	public:
		explicit Access(MediaDevice &dev)
			: guard_(dev.srcu_), dev_(dev.live() ? &dev : nullptr)
		{
		}
		explicit operator bool() const { return dev_ != nullptr; }
		/* The device; only through a guard that found it live. */
		MediaDevice &operator*() const { return *dev_; }
		MediaDevice *operator->() const { return dev_; }

	private:
		kcxx::SrcuReadGuard guard_;
		MediaDevice *const dev_; // nullptr: revoked at entry
	};

	bool live() const { return __atomic_load_n(&live_, __ATOMIC_ACQUIRE); }
	bool revoked() const { return __atomic_load_n(&unregistered_, __ATOMIC_ACQUIRE); }

	/*
	 * The guard for code that calls the driver on behalf of userspace
	 * outside /dev/mediaN (the V4L2 bridge): 0 and an index the caller
	 * keeps on its stack, or -ENODEV once unregister has begun.
	 */
	int enter(int *idx);
	void exit(int idx) { kcxx_srcu_read_unlock(srcu_.raw(), idx); }
	/* Waits for every Access and enter() section begun before the call. */
	void synchronize() { srcu_.synchronize(); }

	/*
	 * The attachment made by @ops (a layer above the core: the V4L2
	 * bridge), created on first use; ERR_PTR(-ENODEV) after unregister.
	 */
	struct mcpp_attachment *attachment(const struct mcpp_attachment_ops *ops);
	struct device *parent() const { return parent_; }
	struct module *owner() const { return ops_->owner; }
	const char *driver_name() const { return driver_; }
	const char *bus_info() const { return bus_info_; }
	int minor() const { return node_ ? mcpp_devnode_minor(node_) : -1; }
	u64 topology_version();

	// Graph construction (driver side).
	Result<Ref<Entity>> add_entity(const char *name, u32 function, u32 flags, u16 num_pads,
				       const u32 *pad_flags);
	void remove_entity(Entity &e);
	Result<Ref<Interface>> add_interface(u32 type, u32 major, u32 minor);
	void remove_interface(Interface &intf);
	Result<u32> add_data_link(Entity &source, u16 source_pad, Entity &sink, u16 sink_pad,
				  u32 flags);
	Result<u32> add_ancillary_link(Entity &primary, Entity &ancillary);
	Result<u32> add_interface_link(Interface &intf, Entity &entity);
	Ref<Entity> remote(Entity &e, u16 pad);

	/*
	 * Pipelines (pipeline.cpp): a Stream is what one started sink (a
	 * capture node) uses, the entities feeding it over enabled data links;
	 * it belongs to a Pipeline, the connected part of the graph claimed by
	 * the first stream and shared by the others that start inside it.
	 */
	Result<class Stream *> start_stream(Entity &sink, mcpp_link_validate_fn validate,
					    void *ctx);
	void stop_stream(class Stream *s);

	/*
	 * The MC uAPI (uapi/mc_ioctl.cpp): one table of the media ioctls, each
	 * with its handler, which runs under the graph lock or not. Handlers
	 * work on kernel structs; the arrays they return go to @out, copied
	 * out by the caller after it has left the graph lock and the guard.
	 */
	struct IoctlDesc {
		unsigned int cmd;
		// Exactly one of: run under the graph lock, given the Graph;
		Status (*locked)(MediaDevice &dev, Graph &g, void *karg, UserArrays &out);
		// or run without it.
		Status (*unlocked)(MediaDevice &dev, void *karg, UserArrays &out);
	};
	/* The table's entry for @cmd, or nullptr: not a media ioctl. */
	static const IoctlDesc *ioctl_desc(unsigned int cmd);
	/*
	 * Runs @d's handler on the device @live guards, under the graph lock if
	 * the table says so: no ioctl without a live guard.
	 */
	static long ioctl(const Access &live, const IoctlDesc &d, void *karg, UserArrays &out);

	struct mcpp_devnode *node() const { return node_; }
	void wake_pollers();

	/* Use create(); public only for make_ref. */
	MediaDevice(struct device *parent, const struct mcpp_device_ops *ops, void *drvdata)
		: parent_(parent), ops_(ops), drvdata_(drvdata)
	{
	}

private:
	// The graph's own helpers take the Graph: only a holder of its lock
	// has one.
	static Entity *find_entity(Graph &g, u32 id);
	static Entity *first_entity_from(Graph &g, u32 id);
	// MEDIA_ENT_ID_FLAG_NEXT allowed
	static Entity *uapi_entity(Graph &g, u32 id);
	static Link *find_data_link(Graph &g, Entity &source, u16 source_pad, Entity &sink,
				    u16 sink_pad);
	static void free_links_of(Graph &g, const void *end);
	static void add_link(Graph &g, Link &l);
	static void free_link(Graph &g, Link &l);
	Status claim_stream(Graph &g, class Stream &s, Entity &sink, class Pipeline *&fresh);

	// The ioctl handlers (uapi/mc_ioctl.cpp), reached through ioctls[].
	static const IoctlDesc ioctls[];
	template <class Arg, Status (MediaDevice::*Fn)(Arg &, UserArrays &)>
	static Status thunk(MediaDevice &dev, void *karg, UserArrays &out)
	{
		return (dev.*Fn)(*static_cast<Arg *>(karg), out);
	}
	template <class Arg, Status (MediaDevice::*Fn)(Graph &, Arg &, UserArrays &)>
	static Status locked_thunk(MediaDevice &dev, Graph &g, void *karg, UserArrays &out)
	{
		return (dev.*Fn)(g, *static_cast<Arg *>(karg), out);
	}
	Status ioctl_device_info(struct media_device_info &info, UserArrays &out);
	Status ioctl_enum_entities(Graph &g, struct media_entity_desc &desc, UserArrays &out);
	Status ioctl_enum_links(Graph &g, struct media_links_enum &links, UserArrays &out);
	Status ioctl_setup_link(Graph &g, struct media_link_desc &desc, UserArrays &out);
	Status ioctl_g_topology(Graph &g, struct media_v2_topology &topo, UserArrays &out);

	struct device *parent_; // the driver's; used only until unregister
	const struct mcpp_device_ops *ops_;
	void *drvdata_;
	bool created_ = false; // release calls back the driver only if create finished
	char driver_[16] = {};
	char model_[32] = {};
	char serial_[40] = {};
	char bus_info_[32] = {};
	u32 hw_revision_ = 0;

	kcxx::Srcu srcu_;
	bool srcu_ready_ = false;
	bool live_ = false; // written under the graph lock, read under srcu_
	bool registered_ = false; // one-time: register happens once in a life
	bool unregistered_ = false;
	struct mcpp_devnode *node_ = nullptr; // Lifetime: the registration's reference
	// Newest first; under the graph lock. Lifetime: each one's creation
	// reference belongs to the device until unregister calls its teardown.
	struct mcpp_attachment *attachments_ = nullptr;

	// The graph, reachable only with its lock held (graph.hpp); the lock
	// also guards the flags and attachments above.
	kcxx::Guarded<Graph> graph_{ "mcpp_graph", KCXX_LOCK_KEY() };
	counts::Counted<counts::device> counted_;
};

/* An open /dev/mediaN. Lifetime: holds a device reference until close. */
struct File {
	Ref<MediaDevice> dev;
};

/* The core's side of /dev/mediaN (file.cpp), given to the devnode glue. */
extern const struct mcpp_devnode_ops devnode_ops;

/* Runs a test hook if any is armed (one load when none is). */
inline void hook(enum mcpp_hook_point point)
{
	if (__builtin_expect(__atomic_load_n(&mcpp_hooks_armed, __ATOMIC_RELAXED) != 0, 0))
		mcpp_hooks_run(point); // lifetime.c; mcpp_hook() would call up into abi.cpp
}

} // namespace mcpp
