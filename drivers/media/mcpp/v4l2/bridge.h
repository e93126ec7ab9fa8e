/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The V4L2 bridge's own header: the V4L2 side of a media device, the
 * v4l2_device (v4l2.c), and the sub-device (subdev.c) and video (video.c)
 * nodes registered on it, a sub-device's unplug (unplug.c), and the
 * bridge's C face (abi.c: every function of include/mcpp/v4l2.h and the
 * bridge's part of include/mcpp/test.h). Each file calls only those before
 * it in that order (scripts/tests/layers.py).
 */
#ifndef MCPP_V4L2_BRIDGE_PRIV_H
#define MCPP_V4L2_BRIDGE_PRIV_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-event.h>
#include <media/v4l2-device.h>
#include <media/v4l2-subdev.h>
#include <media/videobuf2-v4l2.h>
#include <mcpp/v4l2.h>

#include "v4l2.h"

struct mcpp_v4l2 {
	struct v4l2_device v4l2_dev;
	/* On the media device until its unregister tears it down (v4l2.c) */
	struct mcpp_attachment attachment;
	struct mcpp_device *mdev;	/* Lifetime: one reference, put at release */
	struct mutex lock;		/* guards subdevs and videos */
	struct mutex stream_lock;	/* serialises pipeline starts and stops */
	struct mutex unplug_lock;	/* serialises sub-device unplugs (outermost) */
	struct list_head subdevs;	/* struct mcpp_subdev, freed at release */
	struct list_head videos;	/* registered struct mcpp_video */
	/* sub-devices whose layout controls are grabbed; under stream_lock */
	struct list_head grabbed;
};

struct mcpp_subdev {
	struct v4l2_subdev sd;
	struct v4l2_ctrl_handler ctrls;
	struct media_pad *pads;
	struct list_head node;			/* in mcpp_v4l2.subdevs */
	struct mcpp_device *mdev;		/* no reference: mcpp_v4l2 holds one */
	struct mcpp_entity *entity;		/* Lifetime: put at the node's release */
	/* Its node's interface; Lifetime: one reference, put with the memory */
	struct mcpp_interface *intf;
	const struct mcpp_subdev_ops *ops;
	void *drvdata;
	unsigned int streams;			/* through it; under stream_lock */
	unsigned int layout_ctrls;		/* with V4L2_CTRL_FLAG_MODIFY_LAYOUT */
	struct list_head grab_node;		/* in mcpp_v4l2.grabbed, or empty */
	/* The node's file operations: the V4L2 core's, with our DQEVENT */
	struct v4l2_file_operations fops;
	const struct v4l2_file_operations *core_fops;
	/*
	 * Unplugged (mcpp_subdev_unregister()): no op reaches the driver any
	 * more. Set under stream_lock, read inside the guard.
	 */
	bool gone;
};

struct mcpp_buffer {
	struct vb2_v4l2_buffer vb;	/* first: vb2 allocates buf_struct_size */
	struct list_head list;		/* in mcpp_video.pending while queued */
};

struct mcpp_video {
	struct video_device vdev;
	struct vb2_queue queue;
	struct mutex lock;		/* serialises ioctls and the queue */
	struct v4l2_pix_format fmt;	/* video capture; guarded by lock */
	struct v4l2_meta_format meta;	/* metadata nodes; guarded by lock */
	spinlock_t pending_lock;
	struct list_head pending;	/* queued, not yet taken by the driver */
	struct list_head node;		/* in mcpp_v4l2.videos until unregister */
	struct list_head unplug;	/* an unplug's list of broken streams */
	struct mcpp_device *mdev;	/* no reference: mcpp_v4l2 holds one */
	struct mcpp_entity *entity;	/* Lifetime: put at the node's release */
	const struct mcpp_video_ops *ops;
	void *drvdata;
	struct mcpp_pipeline *pipeline;	/* while streaming; guarded by lock */
	unsigned int started;		/* sub-devices started, nearest first */
	struct v4l2_ctrl_handler ctrls;	/* the driver's, if any (ops->ctrls) */
	bool has_ctrls;
	/* Injected errors (mcpp_video_inject()): one-shot bits, settings */
	unsigned long inject;		/* BIT(enum mcpp_inject), atomic bitops */
	int drop_percent;
	bool seq_wrap, time_wrap;	/* settings; latched at start_streaming: */
	u32 seq_offset;
	u64 time_offset;
};

/* The opaque state drivers see is the V4L2 core's own. */
static inline struct v4l2_subdev_state *to_state(struct mcpp_sd_state *state)
{
	return (struct v4l2_subdev_state *)state;
}

static inline struct mcpp_sd_state *to_mcpp_state(struct v4l2_subdev_state *state)
{
	return (struct mcpp_sd_state *)state;
}

/*
 * DQEVENT on @fh of @vdev: a blocking call also returns (-ENODEV) when the
 * node is unregistered, which the V4L2 core's v4l2_event_dequeue() does not.
 */
int mcpp_event_dequeue(struct video_device *vdev, struct v4l2_fh *fh, struct v4l2_event *ev,
		       bool nonblocking);
/* Waits for an event on @fh, or for @vdev's unregister (-ENODEV); 0 or -errno. */
int mcpp_event_wait(struct video_device *vdev, struct v4l2_fh *fh);
/* One control described by @c, added to @h; a failure goes in h->error. */
struct v4l2_ctrl *mcpp_ctrl_new(struct v4l2_ctrl_handler *h, const struct v4l2_ctrl_ops *ops,
				const struct mcpp_ctrl_desc *c);
/* Frees a sub-device's memory (v4l2.c: the v4l2_device release does). */
void mcpp_subdev_free(struct mcpp_subdev *s);
/* The bridged sub-device of @entity on @v, or NULL. */
struct mcpp_subdev *mcpp_subdev_of(struct mcpp_v4l2 *v, struct mcpp_entity *entity);
/*
 * A stream through the sub-device starts/stops (stream_lock held): the
 * driver's s_stream runs for the first start (inside the guard) and the last
 * stop.
 */
int mcpp_subdev_stream_get(struct mcpp_subdev *s);
void mcpp_subdev_stream_put(struct mcpp_subdev *s);
/*
 * Layout controls (stream_lock held): a pipeline claimed the sub-device's
 * entity, grab them (before its links are checked); after a pipeline ended
 * or failed to start, release those of every entity no longer claimed.
 */
void mcpp_subdev_claimed(struct mcpp_v4l2 *v, struct mcpp_subdev *s);
void mcpp_subdev_release_unclaimed(struct mcpp_v4l2 *v);
/*
 * mcpp_subdev_register() with @ops checked: the sub-device, its node, its
 * interface and link (subdev.c).
 */
int mcpp_subdev_add(struct mcpp_entity *entity, const struct mcpp_subdev_ops *ops,
		    void *drvdata, const struct mcpp_ctrl_desc *ctrls, unsigned int num_ctrls);
/* mcpp_subdev_unregister() (unplug.c). */
int mcpp_subdev_unplug(struct mcpp_entity *entity);
/*
 * mcpp_video_register() and mcpp_meta_register() with @ops checked: a node
 * of queue type @type (video.c).
 */
struct mcpp_video *mcpp_node_register(struct mcpp_entity *entity, u32 type,
				      const struct mcpp_video_ops *ops, void *drvdata);
/* Consumes an armed one-shot error (mcpp_video_inject()). */
bool mcpp_injected(struct mcpp_video *v, enum mcpp_inject what);
/* Gives back every buffer the driver has not taken, in @state. */
void mcpp_return_pending(struct mcpp_video *v, enum vb2_buffer_state state);
/* Does @v's running stream (if any) pass through @entity? stream_lock held. */
bool mcpp_video_streams_through(struct mcpp_video *v, struct mcpp_entity *entity);
/*
 * A sub-device the stream of @v goes through was unplugged: the queue goes
 * into its error state and every buffer the driver has not taken comes back
 * flagged ERROR. Takes the queue lock: call with no bridge lock held.
 */
void mcpp_video_source_gone(struct mcpp_video *v);

#endif /* MCPP_V4L2_BRIDGE_PRIV_H */
