/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mcpp test interface: the kernel-argument entry points of /dev/mediaN (the
 * functions its file operations call after copying user memory), and hooks
 * that park a thread at a named point inside the core, so that a test can
 * make another thread act (unregister, remove an entity) in exactly that
 * window. A disarmed hook costs one load and a predicted branch.
 */
#ifndef MCPP_TEST_H
#define MCPP_TEST_H

#include <mcpp/mcpp.h>
#ifdef __cplusplus
#include <kcxx/base.hpp> /* size_t */
#endif

/**
 * struct mcpp_user_io - copies from the core to the caller's memory
 * @copy_out: writes @size bytes from @src to @uptr, a user address (or, in
 *	tests, a kernel one); 0 or -EFAULT
 * @priv: the copier's own data
 *
 * The devnode glue passes one that uses copy_to_user(); KUnit passes one over
 * kernel buffers, so the same handlers run in both. The core calls @copy_out
 * only outside the graph lock and the revocation guard: it may sleep in a
 * page fault for as long as userspace likes without holding up unregister.
 */
struct mcpp_user_io {
	int (*copy_out)(const struct mcpp_user_io *io, __u64 uptr, const void *src,
			size_t size);
	void *priv;
};

enum mcpp_hook_point {
	MCPP_HOOK_OPEN,       /* inside open's guard, before the file takes its reference */
	MCPP_HOOK_IOCTL,      /* inside an ioctl's guard, before dispatch */
	MCPP_HOOK_LINK_SETUP, /* in SETUP_LINK, after the link is found, graph lock held */
	MCPP_HOOK_REMOTE,     /* in mcpp_link_remote(), after the pin, lock dropped */
	MCPP_HOOK_SUBDEV_OP,  /* in a bridged sub-device pad op, inside the guard */
	MCPP_HOOK_VIDEO_OP,   /* in a video node's format op, inside the guard */
	/* STREAMON: pipeline claimed, nothing started; guard, stream_lock, queue lock held */
	MCPP_HOOK_STREAM_START,
	/* STREAMOFF: the driver has stopped, the pipeline not yet; queue lock held */
	MCPP_HOOK_STREAM_STOP,
	/* in a driver's frame production (vcam: frame_lock_ held, buffers not yet taken) */
	MCPP_HOOK_DRIVER_FRAME,
	/* in a driver's stop_streaming, its node stopped, before it waits for its frame work */
	MCPP_HOOK_DRIVER_STOP,
	/* vcam: a parameter buffer copied, the copy not yet validated; frame_lock_ held */
	MCPP_HOOK_DRIVER_PARAMS,
	/* a video or sub-device node's open, before its guard; no lock held */
	MCPP_HOOK_NODE_OPEN,
	/*
	 * in a driver's frame, between bands of rows: buffers taken, part written,
	 * no lock held (vcam: frame_lock_ let go, so a stop can take them back)
	 */
	MCPP_HOOK_DRIVER_BAND,
	/* vcam: Disconnect's unplug work, before it locks the device; no lock held */
	MCPP_HOOK_DRIVER_UNPLUG,
	MCPP_HOOK_COUNT,
};

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*mcpp_hook_fn)(void *ctx, enum mcpp_hook_point point);

/**
 * mcpp_hook_arm() - arm the test hook at @point
 * @point: where the core (or a driver) calls it
 * @fn: called once, at the next pass through @point, then disarmed
 * @ctx: passed to @fn
 *
 * Only one hook may be armed per point (a second one WARNs).
 */
void mcpp_hook_arm(enum mcpp_hook_point point, mcpp_hook_fn fn, void *ctx) MCPP_NOEXCEPT;
/**
 * mcpp_hook_disarm() - disarm the hook at @point if it has not fired
 * @point: the hook's point
 */
void mcpp_hook_disarm(enum mcpp_hook_point point) MCPP_NOEXCEPT;
/**
 * mcpp_hook_run() - run and disarm the hook armed at @point, if any
 * @point: the point reached
 *
 * Called through mcpp_hook(), which checks the armed count first.
 */
void mcpp_hook_run(enum mcpp_hook_point point) MCPP_NOEXCEPT;
/* How many hooks are armed: what mcpp_hook() reads first. */
extern int mcpp_hooks_armed;

/**
 * mcpp_hook() - pass through a hook point: one load when nothing is armed
 * @point: the point (the core's, or a driver's own: MCPP_HOOK_DRIVER_FRAME)
 */
static inline void mcpp_hook(enum mcpp_hook_point point) MCPP_NOEXCEPT
{
	if (__builtin_expect(__atomic_load_n(&mcpp_hooks_armed, __ATOMIC_RELAXED) != 0, 0))
		mcpp_hook_run(point);
}

/**
 * struct mcpp_test_counts - objects of the core alive now, over every device
 * @devices: media devices not yet released
 * @entities: entities not yet released
 * @interfaces: interfaces not yet released
 * @links: links in some graph
 * @device_releases: device releases so far (each one a driver release callback)
 * @unregister_waits: unregisters past their wait for the calls inside the
 *	guard (synchronize_srcu): while a test keeps a call parked inside, this
 *	must not move, whatever locks the call holds
 *
 * A test takes a snapshot before and compares after the last user has gone.
 */
struct mcpp_test_counts {
	long devices, entities, interfaces, links;
	long device_releases;
	long unregister_waits;
};

/**
 * mcpp_test_counts() - read the core's object counts
 * @out: filled with the counts now
 */
void mcpp_test_counts(struct mcpp_test_counts *out) MCPP_NOEXCEPT;

/**
 * mcpp_test_device_refs() - the reference count of a media device now
 * @mdev: the device (the caller holds a reference)
 *
 * What a test compares across an open, a close or a creation, instead of
 * waiting for a release that DEBUG_KOBJECT_RELEASE delays by seconds.
 *
 * Return: the count, which can change at once.
 */
unsigned int mcpp_test_device_refs(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/**
 * mcpp_test_file_device() - the media device of an open /dev/mediaN file
 * @fh: what mcpp_file_open() returned (a file's private_data)
 *
 * Return: the device, with no reference for the caller.
 */
struct mcpp_device *mcpp_test_file_device(void *fh) MCPP_NOEXCEPT;

/**
 * mcpp_test_entity_subdev() - the V4L2 sub-device of a bridged entity
 * @entity: an entity given a node by mcpp_subdev_register()
 *
 * Return: the sub-device, or NULL; valid until unregister, or while its node
 * is held open.
 */
struct v4l2_subdev *mcpp_test_entity_subdev(struct mcpp_entity *entity) MCPP_NOEXCEPT;

struct mcpp_video;
struct vb2_queue;
struct video_device;
/**
 * mcpp_test_video_queue() - the videobuf2 queue of a capture node
 * @video: the node
 *
 * Return: its queue.
 */
struct vb2_queue *mcpp_test_video_queue(struct mcpp_video *video) MCPP_NOEXCEPT;
/**
 * mcpp_test_video_device() - the video_device of a capture node
 * @video: the node
 *
 * Return: its video_device.
 */
struct video_device *mcpp_test_video_device(struct mcpp_video *video) MCPP_NOEXCEPT;

/**
 * mcpp_file_open() - open /dev/mediaN of @mdev on kernel arguments
 * @mdev: the device
 * @fh: set to the new file on success
 *
 * What the devnode's open calls.
 *
 * Return: 0, -ENXIO once the device is unregistered, or -ENOMEM.
 */
int mcpp_file_open(struct mcpp_device *mdev, void **fh) MCPP_NOEXCEPT;
/**
 * mcpp_file_release() - close a file of mcpp_file_open()
 * @fh: the file; it drops its device reference
 */
void mcpp_file_release(void *fh) MCPP_NOEXCEPT;
/**
 * mcpp_file_ioctl() - a media ioctl on kernel arguments
 * @fh: the file
 * @cmd: the MEDIA_IOC_* command
 * @karg: its argument, in kernel memory
 * @io: where the arrays the call returns (ENUM_LINKS, G_TOPOLOGY) are written,
 *	after the call has left the graph lock and the guard
 *
 * Return: the ioctl's result; -EIO once the device is unregistered, -ENOTTY
 * for an unknown @cmd.
 */
long mcpp_file_ioctl(void *fh, unsigned int cmd, void *karg,
		     const struct mcpp_user_io *io) MCPP_NOEXCEPT;
/**
 * mcpp_file_revoked() - has the file's device been unregistered
 * @fh: the file
 *
 * Return: true once revoked (poll then reports EPOLLERR | EPOLLHUP).
 */
bool mcpp_file_revoked(void *fh) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_TEST_H */
