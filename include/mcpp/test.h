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

struct mcpp_user_io;

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
	/* vcam: Disconnect's unplug work, before it locks the device; no lock held */
	MCPP_HOOK_DRIVER_UNPLUG,
	MCPP_HOOK_COUNT,
};

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*mcpp_hook_fn)(void *ctx, enum mcpp_hook_point point);

/* Arms one hook; only one may be armed per point. */
void mcpp_hook_arm(enum mcpp_hook_point point, mcpp_hook_fn fn, void *ctx) MCPP_NOEXCEPT;
void mcpp_hook_disarm(enum mcpp_hook_point point) MCPP_NOEXCEPT;
/* Called by the core at each point (through an inline check of the flag). */
void mcpp_hook_run(enum mcpp_hook_point point) MCPP_NOEXCEPT;
extern int mcpp_hooks_armed;

/* For drivers' own points (MCPP_HOOK_DRIVER_FRAME): one load when disarmed. */
static inline void mcpp_hook(enum mcpp_hook_point point) MCPP_NOEXCEPT
{
	if (__builtin_expect(__atomic_load_n(&mcpp_hooks_armed, __ATOMIC_RELAXED) != 0, 0))
		mcpp_hook_run(point);
}

/*
 * Objects of the core alive now, and device releases so far (each one a
 * driver release callback), over every device: a test takes a snapshot
 * before and compares after the last user has gone.
 */
struct mcpp_test_counts {
	long devices, entities, interfaces, links;
	long device_releases;
	/*
	 * Unregisters past their wait for the calls inside the guard
	 * (synchronize_srcu): while a test keeps a call parked inside, this
	 * must not move, whatever locks the call holds.
	 */
	long unregister_waits;
};

void mcpp_test_counts(struct mcpp_test_counts *out) MCPP_NOEXCEPT;

/*
 * The reference count of a media device now (it can change at once): what a
 * test compares across an open, a close or a creation, instead of waiting
 * for a release that DEBUG_KOBJECT_RELEASE delays by seconds.
 */
unsigned int mcpp_test_device_refs(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/* The media device an open /dev/mediaN file (its private_data) refers to. */
struct mcpp_device *mcpp_test_file_device(void *fh) MCPP_NOEXCEPT;

/*
 * The V4L2 sub-device of an entity given a node by mcpp_subdev_register(), or
 * NULL. Valid until unregister, or while its node is held open.
 */
struct v4l2_subdev *mcpp_test_entity_subdev(struct mcpp_entity *entity) MCPP_NOEXCEPT;

struct mcpp_video;
struct vb2_queue;
struct video_device;
/* The videobuf2 queue and video_device of a capture node, for tests. */
struct vb2_queue *mcpp_test_video_queue(struct mcpp_video *video) MCPP_NOEXCEPT;
struct video_device *mcpp_test_video_device(struct mcpp_video *video) MCPP_NOEXCEPT;

/* The file operations of /dev/mediaN on kernel arguments. */
int mcpp_file_open(struct mcpp_device *mdev, void **fh) MCPP_NOEXCEPT;
void mcpp_file_release(void *fh) MCPP_NOEXCEPT;
long mcpp_file_ioctl(void *fh, unsigned int cmd, void *karg,
		     const struct mcpp_user_io *io) MCPP_NOEXCEPT;
bool mcpp_file_revoked(void *fh) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_TEST_H */
