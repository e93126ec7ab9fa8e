/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mcpp: the media controller core's C ABI (the module boundary).
 *
 * Every object here is reference counted; see Documentation/lifetime.rst for
 * who holds each reference. In short:
 *
 * - mcpp_device_create() returns a media device holding one reference, owned
 *   by the caller (the driver). The driver's release callback runs after the
 *   last reference is gone, and is the place to free driver state.
 * - mcpp_device_register() creates /dev/mediaN; mcpp_device_unregister()
 *   revokes it (calls already inside finish, later ones fail), removes
 *   the whole graph, and returns without waiting for userspace.
 * - Entities and interfaces are created into the device's graph; the graph
 *   holds one reference on each while it is linked, the creator gets another.
 *   Each entity and interface holds a reference on its media device.
 * - Links belong to the graph and are freed when an endpoint is removed; they
 *   are identified by id and never handed out as pointers.
 *
 * C++ drivers use the header-only wrappers in mcpp/mcpp.hpp.
 */
#ifndef MCPP_MCPP_H
#define MCPP_MCPP_H

#include <linux/types.h>

#ifdef __cplusplus
#define MCPP_NOEXCEPT noexcept
#else
#define MCPP_NOEXCEPT
#endif

struct device;
struct module;
struct mcpp_device;
struct mcpp_entity;
struct mcpp_interface;

/**
 * struct mcpp_device_info - what MEDIA_IOC_DEVICE_INFO reports
 * @driver: driver name (required; the core never guesses it)
 * @model: device model name (required)
 * @serial: serial number, or NULL
 * @bus_info: location of the device in the system, or NULL for "platform:"
 *            followed by the parent's name
 * @hw_revision: hardware revision, driver-specific
 */
struct mcpp_device_info {
	const char *driver;
	const char *model;
	const char *serial;
	const char *bus_info;
	__u32 hw_revision;
};

/**
 * struct mcpp_device_ops - driver callbacks of a media device
 * @owner: the driver's module (THIS_MODULE); open files pin it
 * @release: called once, after the last reference to the device is gone, in
 *           process context; frees the driver's state (@drvdata). The core
 *           guarantees the driver module is still loaded while it runs.
 * @link_setup: called with the graph lock held when userspace changes a data
 *              link's flags; may be NULL. A non-zero return leaves the link
 *              as it was.
 */
struct mcpp_device_ops {
	struct module *owner;
	void (*release)(void *drvdata);
	int (*link_setup)(void *drvdata, struct mcpp_entity *source, __u16 source_pad,
			  struct mcpp_entity *sink, __u16 sink_pad, __u32 flags);
};

#ifdef __cplusplus
extern "C" {
#endif

/**
 * mcpp_device_create() - create a media device
 * @parent: the device /dev/mediaN will be a child of (required)
 * @info: device information, copied
 * @ops: driver callbacks, not copied: must outlive the device (static const)
 * @drvdata: handed back to the callbacks
 *
 * Return: a media device with one reference owned by the caller, or an
 * ERR_PTR(). On error nothing was allocated and @ops->release is not called.
 */
struct mcpp_device *mcpp_device_create(struct device *parent,
				       const struct mcpp_device_info *info,
				       const struct mcpp_device_ops *ops,
				       void *drvdata) MCPP_NOEXCEPT;

/**
 * mcpp_device_register() - make the device visible as /dev/mediaN
 * @mdev: the media device; registration happens once in its life
 *
 * Return: 0, or a negative errno (then the device stays unregistered).
 */
int mcpp_device_register(struct mcpp_device *mdev) MCPP_NOEXCEPT;

/**
 * mcpp_device_unregister() - revoke userspace access and tear down the graph
 * @mdev: the media device
 *
 * New opens of /dev/mediaN fail with -ENXIO, calls already inside a file
 * operation finish (this waits for exactly those), later ioctls return -EIO
 * (the in-kernel media controller's errors), pollers are woken with
 * EPOLLERR | EPOLLHUP; in-kernel entry points (mcpp_device_enter(), the V4L2
 * nodes) say -ENODEV. Every entity and interface is removed from
 * the graph. Returns without waiting for open files to be closed; memory
 * lives until the last reference is dropped. No driver callback runs after
 * this returns. Safe to call on a device that was never registered.
 */
void mcpp_device_unregister(struct mcpp_device *mdev) MCPP_NOEXCEPT;

/** mcpp_device_get() - take a reference; returns @mdev */
struct mcpp_device *mcpp_device_get(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_put() - drop a reference; NULL is ignored */
void mcpp_device_put(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_minor() - /dev/mediaN's minor, or -1 when not registered */
int mcpp_device_minor(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_topology_version() - bumped by every graph change */
__u64 mcpp_device_topology_version(struct mcpp_device *mdev) MCPP_NOEXCEPT;

/**
 * mcpp_entity_create() - add an entity to the graph
 * @mdev: the media device
 * @name: unique within the device, at most 31 characters
 * @function: MEDIA_ENT_F_*
 * @flags: MEDIA_ENT_FL_*
 * @num_pads: number of pads (may be 0)
 * @pad_flags: MEDIA_PAD_FL_* for each pad (exactly one of SINK and SOURCE,
 *             optionally MUST_CONNECT)
 *
 * Return: the entity with one reference for the caller (the graph holds
 * another while the entity is linked), or an ERR_PTR(): -EINVAL for bad
 * arguments, -EEXIST for a duplicate name, -ENODEV after unregister.
 */
struct mcpp_entity *mcpp_entity_create(struct mcpp_device *mdev, const char *name,
				       __u32 function, __u32 flags, __u16 num_pads,
				       const __u32 *pad_flags) MCPP_NOEXCEPT;

/**
 * mcpp_entity_remove() - remove an entity and all its links from the graph
 * @entity: the entity; the caller's reference stays valid
 *
 * Drops the graph's reference. Idempotent.
 */
void mcpp_entity_remove(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_put() - drop a reference; NULL is ignored */
void mcpp_entity_put(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_id() - the entity's graph object id (MEDIA_ENT_ID) */
__u32 mcpp_entity_id(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_name() - the entity's name; valid while a reference is held */
const char *mcpp_entity_name(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/**
 * mcpp_entity_streaming() - is @entity part of a started pipeline?
 * @entity: the entity
 *
 * Takes no lock (callable with a sub-device state locked). A pipeline claims
 * its entities before it validates their formats, so an ACTIVE format set
 * that saw false here, with the state locked, is seen by the validation.
 *
 * Return: true while a pipeline claims @entity.
 */
bool mcpp_entity_streaming(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_in_graph() - whether the entity is still part of the graph */
bool mcpp_entity_in_graph(struct mcpp_entity *entity) MCPP_NOEXCEPT;

/**
 * mcpp_link_create() - create a data link between two pads
 * @source: entity of the source pad
 * @source_pad: index of a SOURCE pad
 * @sink: entity of the sink pad (same media device)
 * @sink_pad: index of a SINK pad
 * @flags: MEDIA_LNK_FL_ENABLED, MEDIA_LNK_FL_IMMUTABLE (implies ENABLED),
 *         MEDIA_LNK_FL_DYNAMIC
 *
 * Return: the link's graph object id (> 0), or a negative errno.
 */
int mcpp_link_create(struct mcpp_entity *source, __u16 source_pad,
		     struct mcpp_entity *sink, __u16 sink_pad, __u32 flags) MCPP_NOEXCEPT;

/**
 * mcpp_ancillary_link_create() - link an ancillary entity (lens, flash) to
 * its primary (a sensor); immutable and enabled.
 * @primary: the entity served (a sensor)
 * @ancillary: the entity serving it (a lens, a flash)
 *
 * Return: the link id, or a negative errno.
 */
int mcpp_ancillary_link_create(struct mcpp_entity *primary,
			       struct mcpp_entity *ancillary) MCPP_NOEXCEPT;

/**
 * mcpp_link_remote() - the entity at the other end of an enabled data link
 * @entity: an entity
 * @pad: one of its pads
 *
 * Return: the remote entity with a new reference the caller must put (the
 * pin keeps its memory valid after the graph lock is dropped, even if it is
 * removed meanwhile), or NULL if no enabled link is connected to @pad.
 */
struct mcpp_entity *mcpp_link_remote(struct mcpp_entity *entity, __u16 pad) MCPP_NOEXCEPT;

/**
 * mcpp_interface_create() - add a device node interface to the graph
 * @mdev: the media device
 * @type: MEDIA_INTF_T_*
 * @major: device node major
 * @minor: device node minor
 *
 * Return: the interface with one reference for the caller, or an ERR_PTR().
 */
struct mcpp_interface *mcpp_interface_create(struct mcpp_device *mdev, __u32 type,
					     __u32 major, __u32 minor) MCPP_NOEXCEPT;
/**
 * mcpp_interface_remove() - remove an interface and its links from the graph
 * @intf: the interface; the caller's reference stays valid
 *
 * Drops the graph's reference. Idempotent.
 */
void mcpp_interface_remove(struct mcpp_interface *intf) MCPP_NOEXCEPT;
/** mcpp_interface_put() - drop a reference; NULL is ignored */
void mcpp_interface_put(struct mcpp_interface *intf) MCPP_NOEXCEPT;

/**
 * mcpp_interface_link_create() - link an interface to the entity it controls
 * @intf: the interface (a device node)
 * @entity: the entity it controls
 *
 * Return: the link id, or a negative errno.
 */
int mcpp_interface_link_create(struct mcpp_interface *intf,
			       struct mcpp_entity *entity) MCPP_NOEXCEPT;

/*
 * The core's face for the layer above it, the V4L2 bridge (v4l2.h), which is
 * linked into mcpp.ko: these are not exported to other modules.
 */

struct mcpp_attachment;

/**
 * struct mcpp_attachment_ops - a layer above the core, attached to a device
 * @create: makes the attachment for @mdev, called under the device's graph
 *	lock (it must not call back into the device); the attachment it
 *	returns belongs to the device until @teardown. Returns it or an
 *	ERR_PTR().
 * @teardown: called once by mcpp_device_unregister(), after the revocation
 *	wait and the removal of /dev/mediaN, before the graph is emptied, with
 *	no lock held; unregisters what the layer registered and drops the
 *	device's reference on the attachment (its memory goes with its last
 *	reference)
 *
 * How a layer the core knows nothing about (the V4L2 bridge) hangs its
 * per-device state on a media device and is torn down at unregister.
 */
struct mcpp_attachment_ops {
	struct mcpp_attachment *(*create)(struct mcpp_device *mdev);
	void (*teardown)(struct mcpp_attachment *a);
};

/**
 * struct mcpp_attachment - embedded in a layer's per-device state
 * @ops: set by the core: what made it
 * @next: the device's list of attachments, newest first; the core's, under
 *	its graph lock
 */
struct mcpp_attachment {
	const struct mcpp_attachment_ops *ops;
	struct mcpp_attachment *next;
};

/**
 * mcpp_device_attachment() - the device's attachment made by @ops
 * @mdev: the media device
 * @ops: the layer's operations; they also name the attachment
 *
 * Creates it with @ops->create on first use. Attachments are torn down at
 * unregister newest first.
 *
 * Return: the attachment, with no reference for the caller (valid while the
 * caller holds a reference on something the attachment keeps alive), or an
 * ERR_PTR(): -ENODEV once unregister has begun, or what @ops->create
 * returned.
 */
struct mcpp_attachment *mcpp_device_attachment(struct mcpp_device *mdev,
					       const struct mcpp_attachment_ops *ops) MCPP_NOEXCEPT;

/**
 * mcpp_device_enter() - enter the device's revocation guard
 * @mdev: the media device
 * @idx: where to keep the guard's index (the caller's stack, never shared)
 *
 * For code that calls into the driver on behalf of userspace (the V4L2
 * bridge). On success the caller must call mcpp_device_exit() with @idx;
 * mcpp_device_unregister() waits for it.
 *
 * Return: 0, or -ENODEV once unregister has begun (nothing to exit then).
 */
int mcpp_device_enter(struct mcpp_device *mdev, int *idx) MCPP_NOEXCEPT;
/**
 * mcpp_device_exit() - leave the revocation guard
 * @mdev: the media device
 * @idx: what mcpp_device_enter() stored
 */
void mcpp_device_exit(struct mcpp_device *mdev, int idx) MCPP_NOEXCEPT;
#ifndef __cplusplus
#include <linux/cleanup.h>

/**
 * struct mcpp_live - a section inside a media device's revocation guard
 * @mdev: the device, while the section is live; NULL if the device had been
 *	revoked (then there is nothing to leave)
 * @idx: the guard's index, on the holder's stack
 *
 * The guard as a linux/cleanup.h class: the device is reached through @mdev,
 * NULL unless the section is live, and the section ends with the scope::
 *
 *	CLASS(mcpp_live, live)(mdev);
 *	if (!live.mdev)
 *		return -ENODEV;
 *	... call the driver ...
 */
struct mcpp_live {
	struct mcpp_device *mdev;
	int idx;
};

/**
 * mcpp_live_enter() - enter @mdev's revocation guard
 * @mdev: the media device
 *
 * Return: a live section, or one whose @mdev is NULL once unregister has
 * begun.
 */
static inline struct mcpp_live mcpp_live_enter(struct mcpp_device *mdev)
{
	struct mcpp_live live = { .mdev = mdev };

	if (mcpp_device_enter(mdev, &live.idx))
		live.mdev = NULL;
	return live;
}

/**
 * mcpp_live_exit() - leave a section mcpp_live_enter() began
 * @live: the section; nothing to do if it was not live
 */
static inline void mcpp_live_exit(struct mcpp_live live)
{
	if (live.mdev)
		mcpp_device_exit(live.mdev, live.idx);
}

DEFINE_CLASS(mcpp_live, struct mcpp_live, mcpp_live_exit(_T), mcpp_live_enter(mdev),
	     struct mcpp_device *mdev)
#endif /* __cplusplus */

/**
 * mcpp_device_synchronize() - wait for every call inside the guard to leave
 * @mdev: the media device
 *
 * For revoking one part of a live device (a sub-device being unplugged):
 * set the part's own "gone" mark, checked inside the guard, then call this;
 * when it returns, no call that could have missed the mark is still inside.
 * Never call it from inside the guard. Waits for no userspace.
 */
void mcpp_device_synchronize(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_parent() - the parent device; valid until unregister */
struct device *mcpp_device_parent(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_driver_name() - the driver name given at create */
const char *mcpp_device_driver_name(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_bus_info() - the bus_info MEDIA_IOC_DEVICE_INFO reports */
const char *mcpp_device_bus_info(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/** mcpp_device_owner() - the driver's module (ops->owner) */
struct module *mcpp_device_owner(struct mcpp_device *mdev) MCPP_NOEXCEPT;

/** mcpp_entity_get() - take a reference; returns @entity */
struct mcpp_entity *mcpp_entity_get(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_device() - the entity's media device (no new reference) */
struct mcpp_device *mcpp_entity_device(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_function() - MEDIA_ENT_F_* */
__u32 mcpp_entity_function(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_num_pads() - number of pads */
__u16 mcpp_entity_num_pads(struct mcpp_entity *entity) MCPP_NOEXCEPT;
/** mcpp_entity_pad_flags() - MEDIA_PAD_FL_* of pad @pad (0 if out of range) */
__u32 mcpp_entity_pad_flags(struct mcpp_entity *entity, __u16 pad) MCPP_NOEXCEPT;
struct mcpp_pipeline;

/* Checks one link of a pipeline: 0, or an errno (-EPIPE for a mismatch). */
typedef int (*mcpp_link_validate_fn)(void *ctx, struct mcpp_entity *source, __u16 source_pad,
				     struct mcpp_entity *sink, __u16 sink_pad);

/**
 * mcpp_pipeline_start() - start a stream ending at an entity
 * @sink: where the data ends (a video node's entity)
 * @validate: called for links of the pipeline, without the graph lock; may
 *            be NULL
 * @ctx: handed to @validate
 *
 * The stream is the entities feeding @sink over enabled data links, each
 * pinned. The first stream claims a pipeline: every entity connected to
 * @sink over enabled data links (both directions), each link of which is
 * validated. A stream whose sink is already inside a running pipeline joins
 * it (one pipeline feeding several capture nodes) and only its own links are
 * validated. Claimed entities count as streaming: a stream reaching them
 * from outside their pipeline gets -EBUSY, and SETUP_LINK on a non-DYNAMIC
 * link touching them too. Callers serialise starts and stops per device.
 *
 * Return: the stream, or an ERR_PTR(): -EBUSY, -ENODEV, -ENOLINK (a
 * MUST_CONNECT sink pad without an enabled link), -E2BIG (too large a
 * graph), -ENOMEM, or the error @validate returned.
 */
struct mcpp_pipeline *mcpp_pipeline_start(struct mcpp_entity *sink, mcpp_link_validate_fn validate,
					  void *ctx) MCPP_NOEXCEPT;
/** mcpp_pipeline_size() - how many entities feed the stream (the sink included) */
unsigned int mcpp_pipeline_size(struct mcpp_pipeline *p) MCPP_NOEXCEPT;
/** mcpp_pipeline_entity() - the @i-th entity, nearest to the sink first (0 is the sink) */
struct mcpp_entity *mcpp_pipeline_entity(struct mcpp_pipeline *p, unsigned int i) MCPP_NOEXCEPT;
/** mcpp_pipeline_stop() - end the stream; the pipeline ends with its last stream */
void mcpp_pipeline_stop(struct mcpp_pipeline *p) MCPP_NOEXCEPT;

/** mcpp_interface_id() - the interface's graph object id */
__u32 mcpp_interface_id(struct mcpp_interface *intf) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_MCPP_H */
