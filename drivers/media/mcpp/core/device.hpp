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

	Status register_node();
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
	 * with its handler and whether it runs under the graph lock. Handlers
	 * work on kernel structs; the arrays they return go to @out, copied
	 * out by the caller after it has left the graph lock and the guard.
	 */
	struct IoctlDesc {
		unsigned int cmd;
		Status (*handler)(MediaDevice &dev, void *karg, UserArrays &out);
		bool graph_lock; // dispatch takes the graph lock around the handler
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
	u32 next_id(ObjType type) { return make_id(type, ++last_id_); }
	Entity *find_entity(u32 id);
	Entity *first_entity_from(u32 id); // graph lock held
	Entity *uapi_entity(u32 id); // graph lock held; MEDIA_ENT_ID_FLAG_NEXT allowed
	Link *find_data_link(Entity &source, u16 source_pad, Entity &sink, u16 sink_pad);
	void unlink_entity(Entity &e); // graph lock held
	void unlink_interface(Interface &i); // graph lock held
	void free_links_of(const void *end); // graph lock held
	void add_link(Link &l); // graph lock held
	void free_link(Link &l); // graph lock held
	Status claim_stream(class Stream &s, Entity &sink,
			    class Pipeline *&fresh); // graph lock held
	void bump_topology() { topology_version_++; }

	// The ioctl handlers (uapi/mc_ioctl.cpp), reached through ioctls[].
	static const IoctlDesc ioctls[];
	template <class Arg, Status (MediaDevice::*Fn)(Arg &, UserArrays &)>
	static Status thunk(MediaDevice &dev, void *karg, UserArrays &out)
	{
		return (dev.*Fn)(*static_cast<Arg *>(karg), out);
	}
	Status ioctl_device_info(struct media_device_info &info, UserArrays &out);
	Status ioctl_enum_entities(struct media_entity_desc &desc,
				   UserArrays &out); // graph lock held
	Status ioctl_enum_links(struct media_links_enum &links,
				UserArrays &out); // graph lock held
	Status ioctl_setup_link(struct media_link_desc &desc, UserArrays &out); // graph lock held
	Status ioctl_g_topology(struct media_v2_topology &topo,
				UserArrays &out); // graph lock held

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
	bool live_ = false; // written under graph_lock_, read under srcu_
	bool registered_ = false; // one-time: register happens once in a life
	bool unregistered_ = false;
	struct mcpp_devnode *node_ = nullptr; // Lifetime: the registration's reference
	// Newest first; under graph_lock_. Lifetime: each one's creation
	// reference belongs to the device until unregister calls its teardown.
	struct mcpp_attachment *attachments_ = nullptr;

	kcxx::Mutex graph_lock_{ "mcpp_graph", KCXX_LOCK_KEY() };
	// Lifetime: the graph holds one reference on each linked entity/interface.
	// entities_ is in increasing id order: ids come from one counter that
	// only grows, taken under the graph lock by add_entity, which appends
	// under the same hold (it warns if that ever stops being true); removal
	// keeps the order. The entity walks rely on it.
	kcxx::RefList<Entity, &Entity::graph_node_> entities_;
	// The entity the last lookup found: null or on entities_ (removal
	// clears it). A lookup of an id not below it starts there, so a walk in
	// id order costs one step per call.
	Entity *lookup_cursor_ = nullptr;
	kcxx::RefList<Interface, &Interface::graph_node_> interfaces_; // as entities_
	kcxx::List<Link, &Link::node> links_; // owned; creation order
	u64 topology_version_ = 0;
	u32 last_id_ = 0;
	counts::Counted<counts::device> counted_;
};

/* An open /dev/mediaN. Lifetime: holds a device reference until close. */
struct File {
	Ref<MediaDevice> dev;
};

/* The core's side of /dev/mediaN (file.cpp), given to the devnode glue. */
extern const struct mcpp_devnode_ops devnode_ops;

/* Runs a test hook if any is armed (one load when none is). */
void hook(enum mcpp_hook_point point);

} // namespace mcpp
