/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mcpp V4L2 bridge: V4L2 sub-device nodes (/dev/v4l-subdevN) for entities of
 * the core graph, built on the kernel's own v4l2-subdev and registered on a
 * v4l2_device without an in-kernel media_device.
 *
 * Lifetime: each sub-device node holds one reference on its entity, dropped
 * when the node is released (after its last open file); the v4l2_device holds
 * one on the media device, dropped when the last V4L2 node is released. The
 * driver's ops run only inside the core's revocation guard: after
 * mcpp_device_unregister() returns, none runs again, and node calls that
 * would reach the driver return -ENODEV.
 */
#ifndef MCPP_V4L2_H
#define MCPP_V4L2_H

#include <mcpp/mcpp.h>

struct v4l2_mbus_framefmt;
struct v4l2_rect;
struct v4l2_fract;
struct v4l2_subdev_mbus_code_enum;
struct v4l2_subdev_frame_size_enum;
struct v4l2_subdev_frame_interval_enum;
struct v4l2_subdev_format;
struct v4l2_subdev_selection;
struct v4l2_subdev_frame_interval;

/*
 * A sub-device's TRY or ACTIVE configuration (really a struct
 * v4l2_subdev_state), handed to the ops below with its lock held. Drivers
 * read and write it through mcpp_state_*(), which need no V4L2 macros.
 */
struct mcpp_sd_state;

/**
 * struct mcpp_subdev_ops - what a driver implements for a sub-device node
 * @init_format: the default format of @pad (new TRY and ACTIVE states);
 *               needed unless @init_state is set
 * @adjust_format: change @fmt into the nearest format @pad supports; the same
 *                 for TRY and ACTIVE, so the two always agree; needed unless
 *                 @set_format is set
 * @enum_mbus_code: VIDIOC_SUBDEV_ENUM_MBUS_CODE (pad, index in; code out)
 * @enum_frame_size: VIDIOC_SUBDEV_ENUM_FRAME_SIZE (pad, index, code in)
 * @s_ctrl: apply a control (see struct mcpp_ctrl_desc)
 * @s_stream: start (1) when the first capture node this sub-device feeds
 *            starts streaming, stop (0) when the last one stops; may be
 *            NULL. Starting runs inside the guard; stopping also runs from
 *            unregister.
 * @link_validate: may the active format @source of a linked source pad feed
 *                 this sub-device's @sink_pad, whose active format is
 *                 @sink? 0, or -EPIPE (with a dev_dbg saying why). May be
 *                 NULL: then width, height and code must be equal.
 * @init_state: if set, used instead of @init_format: fill every pad's
 *              format, crop, compose and frame interval of a new state
 * @set_format: if set, used instead of @adjust_format: adjust @fmt (pad and
 *              which in, format in and out), store it in @state and propagate
 *              it (a sensor's crop, a resizer's source format, ...) within
 *              @state. The same function serves TRY and ACTIVE, so the two
 *              always agree. Return 0 or a negative errno.
 * @get_selection: VIDIOC_SUBDEV_G_SELECTION: fill @sel->r for @sel->target
 *                 from @state, or -EINVAL for a target the pad lacks. NULL:
 *                 the node answers ENOTTY.
 * @set_selection: VIDIOC_SUBDEV_S_SELECTION: adjust @sel->r, store it and
 *                 propagate within @state (-EINVAL for a target that cannot
 *                 be set). NULL: ENOTTY.
 * @enum_frame_interval: VIDIOC_SUBDEV_ENUM_FRAME_INTERVAL (pad, index, code,
 *                       width, height in); -EINVAL past the last. NULL:
 *                       ENOTTY.
 * @get_frame_interval: VIDIOC_SUBDEV_G_FRAME_INTERVAL: fill @fi->interval
 *                      from @state (mcpp_state_interval()). NULL: ENOTTY.
 * @set_frame_interval: VIDIOC_SUBDEV_S_FRAME_INTERVAL: adjust
 *                      @fi->interval to the nearest supported, store it in
 *                      @state. NULL: ENOTTY.
 * @frame_sync: the driver calls mcpp_subdev_frame_sync() at each frame
 *              start: the node takes V4L2_EVENT_FRAME_SYNC subscriptions
 *              (otherwise EINVAL, as for any event it does not send)
 *
 * All run in process context, inside the revocation guard, with the node's
 * state locked; they must not sleep for long. The pad they are given is one
 * the sub-device has (the V4L2 core checks). An ACTIVE set (@set_format or
 * @adjust_format, @set_selection, @set_frame_interval) on a sub-device whose
 * entity is in a started pipeline fails with -EBUSY before reaching the
 * driver. Frame intervals live in the state like formats; a client that did
 * not opt in with VIDIOC_SUBDEV_S_CLIENT_CAP (INTERVAL_USES_WHICH) always
 * gets the ACTIVE one.
 */
struct mcpp_subdev_ops {
	void (*init_format)(void *drvdata, __u32 pad, struct v4l2_mbus_framefmt *fmt);
	void (*adjust_format)(void *drvdata, __u32 pad, struct v4l2_mbus_framefmt *fmt);
	int (*enum_mbus_code)(void *drvdata, struct v4l2_subdev_mbus_code_enum *code);
	int (*enum_frame_size)(void *drvdata, struct v4l2_subdev_frame_size_enum *fse);
	int (*s_ctrl)(void *drvdata, __u32 id, __s64 value);
	int (*s_stream)(void *drvdata, int enable);
	int (*link_validate)(void *drvdata, __u32 sink_pad,
			     const struct v4l2_mbus_framefmt *source,
			     const struct v4l2_mbus_framefmt *sink);
	void (*init_state)(void *drvdata, struct mcpp_sd_state *state);
	int (*set_format)(void *drvdata, struct mcpp_sd_state *state,
			  struct v4l2_subdev_format *fmt);
	int (*get_selection)(void *drvdata, struct mcpp_sd_state *state,
			     struct v4l2_subdev_selection *sel);
	int (*set_selection)(void *drvdata, struct mcpp_sd_state *state,
			     struct v4l2_subdev_selection *sel);
	int (*enum_frame_interval)(void *drvdata, struct v4l2_subdev_frame_interval_enum *fie);
	int (*get_frame_interval)(void *drvdata, struct mcpp_sd_state *state,
				  struct v4l2_subdev_frame_interval *fi);
	int (*set_frame_interval)(void *drvdata, struct mcpp_sd_state *state,
				  struct v4l2_subdev_frame_interval *fi);
	bool frame_sync;
};

/* What kind of V4L2 control a struct mcpp_ctrl_desc makes. */
enum mcpp_ctrl_kind {
	MCPP_CTRL_STD = 0,	/* integer, boolean, button, 64-bit integer */
	MCPP_CTRL_MENU,		/* a standard menu, or one with @menu's items */
	MCPP_CTRL_INT_MENU,	/* an integer menu of @int_menu's values */
};

/**
 * struct mcpp_ctrl_desc - a standard V4L2 control of a sub-device node
 * @id: V4L2_CID_* of a standard control
 * @min: minimum (0 for menus)
 * @max: maximum (for menus: the last item's index)
 * @step: step (ignored for menus)
 * @def: default (for menus: an index)
 * @kind: enum mcpp_ctrl_kind
 * @menu: MCPP_CTRL_MENU: the item names (the driver's, e.g. test patterns),
 *        or NULL for the V4L2 core's own items of @id
 * @int_menu: MCPP_CTRL_INT_MENU: the values (e.g. link frequencies)
 * @flags: 0, or V4L2_CTRL_FLAG_MODIFY_LAYOUT for a control that changes the
 *         sub-device's formats (a sensor's flips change its Bayer order):
 *         from the moment a pipeline claims the entity until it ends, the
 *         bridge holds the control grabbed (V4L2_CTRL_FLAG_GRABBED) and
 *         setting it fails with -EBUSY, so the formats the pipeline was
 *         checked with are the ones it streams. Any other flag: -EINVAL.
 *         (Video nodes: 0 only.)
 * @name: NULL for a standard control; otherwise a driver-private control
 *        (@kind MCPP_CTRL_STD) of this name and of V4L2_CTRL_TYPE_* @type
 *        (INTEGER, BOOLEAN, BUTTON, BITMASK: read-only, its value @def
 *        within @max, for a capability the driver reports; or CTRL_CLASS
 *        for the class control of a driver-private class, which must come
 *        before the class's controls in the array)
 * @type: the type of a driver-private control (with @name)
 *
 * Set from userspace through the node (with control events), applied by the
 * driver's s_ctrl op (a menu's value is the item index), which is also
 * called once for each at registration (buttons excepted). Controls the V4L2
 * core makes read-only (PIXEL_RATE, LINK_FREQ, CAMERA_ORIENTATION, ...)
 * stay so.
 */
struct mcpp_ctrl_desc {
	__u32 id;
	__s64 min;
	__s64 max;
	__u64 step;
	__s64 def;
	__u32 kind;
	const char *const *menu;
	const __s64 *int_menu;
	__u32 flags;
	const char *name;
	__u32 type;
};

struct v4l2_pix_format;
struct v4l2_meta_format;
struct v4l2_frmsizeenum;
struct mcpp_video;
struct mcpp_buffer;

/**
 * struct mcpp_video_ops - what a driver implements for a video or metadata node
 * @enum_fmt: the @index-th V4L2_PIX_FMT_* (V4L2_META_FMT_* for metadata
 *            nodes) the node handles with media bus code @mbus_code (0:
 *            any); -EINVAL past the last
 * @adjust_fmt: (video capture) change @pix into the nearest format the node
 *              supports, with bytesperline and sizeimage filled in; any
 *              input is valid (userspace's TRY_FMT, and the bridge's probe
 *              for the largest format: width and height U32_MAX), so clamp
 *              before rounding
 * @adjust_meta: (metadata) change @meta into the nearest format the node
 *               supports, with buffersize filled in (any input, likewise)
 * @format_name: the description of a format the V4L2 core does not know
 *               (a driver's own statistics or parameters layout), or NULL;
 *               may be NULL. ENUM_FMT of an unnamed unknown format WARNs.
 * @start_streaming: start producing frames (inside the revocation guard),
 *                   after the pipeline feeding the node was validated (the
 *                   active formats agree pad to pad and with the node's
 *                   format; else STREAMON fails with -EPIPE) and its
 *                   sub-devices started, nearest first
 * @stop_streaming: stop producing, and complete every buffer taken with
 *                  mcpp_video_next_buffer() before returning; also called by
 *                  mcpp_device_unregister() while a node streams
 * @enum_framesize: (video capture) VIDIOC_ENUM_FRAMESIZES: for
 *                  @fsize->pixel_format and @fsize->index, fill @fsize->type
 *                  and the discrete or stepwise size: what the node accepts
 *                  for that format whatever the pipeline's configuration
 *                  (MC-centric); -EINVAL for a format the node does not
 *                  have or an index past the last. May be NULL: ENOTTY.
 * @frame_interval: (video capture) the frame interval of the pipeline that
 *                  feeds the node (its sensor's, from its configuration),
 *                  not reduced; -EINVAL where none is defined (no source
 *                  linked). May be NULL: then ENUM_FRAMEINTERVALS, G_PARM
 *                  and S_PARM answer ENOTTY.
 * @ctrls: the node's controls: set *@ctrls to an array and return its
 *         length (0: none; called once, at registration). May be NULL.
 * @s_ctrl: apply one of them (inside the guard, the node's lock held: the
 *          driver may call mcpp_video_inject() from here). Needed with
 *          @ctrls. A control's only flags may be V4L2_CTRL_FLAG_VOLATILE
 *          (with @g_ctrl) and V4L2_CTRL_FLAG_EXECUTE_ON_WRITE.
 * @g_ctrl: the current value of a V4L2_CTRL_FLAG_VOLATILE control (inside
 *          the guard; the driver may call mcpp_video_armed() from here).
 *          May be NULL.
 *
 * A driver produces a frame by taking the next queued buffer
 * (mcpp_video_next_buffer(); NULL when userspace queued none: a drop),
 * filling mcpp_buffer_plane() and calling mcpp_buffer_done().
 */
struct mcpp_video_ops {
	int (*enum_fmt)(void *drvdata, __u32 index, __u32 mbus_code, __u32 *pixelformat);
	void (*adjust_fmt)(void *drvdata, struct v4l2_pix_format *pix);
	void (*adjust_meta)(void *drvdata, struct v4l2_meta_format *meta);
	const char *(*format_name)(void *drvdata, __u32 format);
	int (*start_streaming)(void *drvdata);
	void (*stop_streaming)(void *drvdata);
	int (*enum_framesize)(void *drvdata, struct v4l2_frmsizeenum *fsize);
	int (*frame_interval)(void *drvdata, struct v4l2_fract *interval);
	unsigned int (*ctrls)(void *drvdata, const struct mcpp_ctrl_desc **ctrls);
	int (*s_ctrl)(void *drvdata, __u32 id, __s64 value);
	int (*g_ctrl)(void *drvdata, __u32 id, __s64 *value);
};

/**
 * enum mcpp_inject - an error a video node injects on request (testing)
 * @MCPP_INJECT_REQBUFS: the next VIDIOC_REQBUFS or VIDIOC_CREATE_BUFS that
 *                       allocates fails with -EINVAL, nothing allocated
 * @MCPP_INJECT_QBUF: the next VIDIOC_QBUF fails with -EINVAL, nothing queued
 * @MCPP_INJECT_STREAMON: the next VIDIOC_STREAMON fails with -EIO before
 *                        videobuf2 starts anything
 * @MCPP_INJECT_START: the next start_streaming fails with -EIO after the
 *                     pipeline was validated and started: it is stopped again
 *                     and the queued buffers come back to videobuf2 as
 *                     QUEUED (STREAMON fails with -EIO, QUERYBUF still says
 *                     QUEUED)
 * @MCPP_INJECT_BUF_ERROR: the next buffer the driver completes carries
 *                         V4L2_BUF_FLAG_ERROR
 * @MCPP_INJECT_FATAL: now, if the queue streams (else nothing, as vivid):
 *                     vb2_queue_error(); queued buffers come back with
 *                     an error, later QBUF and DQBUF fail with -EIO until
 *                     STREAMOFF (or REQBUFS 0). Only from the node's s_ctrl.
 * @MCPP_INJECT_DROP_PERCENT: @value (0-100) percent of the frames the driver
 *                            asks a buffer for get none (a drop)
 * @MCPP_INJECT_SEQ_WRAP: @value != 0: from the next STREAMON the sequence
 *                        numbers start 16 short of the 32-bit wrap (frame n
 *                        carries n - 16, modulo 2^32)
 * @MCPP_INJECT_TIME_WRAP: @value != 0: from the next STREAMON the timestamps
 *                         start 16 s short of 2^32 seconds
 */
enum mcpp_inject {
	MCPP_INJECT_REQBUFS,
	MCPP_INJECT_QBUF,
	MCPP_INJECT_STREAMON,
	MCPP_INJECT_START,
	MCPP_INJECT_BUF_ERROR,
	MCPP_INJECT_FATAL,
	MCPP_INJECT_DROP_PERCENT,
	MCPP_INJECT_SEQ_WRAP,
	MCPP_INJECT_TIME_WRAP,
};

/*
 * CREATE_BUFS on a node accepts a plane size from the current format's up to
 * this much more than the node's largest format needs (what @adjust_fmt or
 * @adjust_meta says at the largest size); larger sizes get -EINVAL.
 */
#define MCPP_CREATE_BUFS_SLACK (8u << 20)

#ifdef __cplusplus
extern "C" {
#endif

/**
 * mcpp_video_register() - give an IO entity a video capture node
 * @entity: the entity (MEDIA_ENT_F_IO_V4L, one sink pad)
 * @ops: the driver's operations; must outlive the media device
 * @drvdata: handed back to @ops
 *
 * Creates /dev/videoN on videobuf2 (vmalloc: MMAP, USERPTR, DMABUF import,
 * EXPBUF), MC-centric (V4L2_CAP_IO_MC), with a MEDIA_INTF_T_V4L_VIDEO
 * interface and interface link. CREATE_BUFS takes sizes up to
 * MCPP_CREATE_BUFS_SLACK past the largest format. Unregister stops streaming
 * (queued buffers come back with an error) and wakes waiters; mmap'd buffers
 * outlive it.
 *
 * Return: the node (valid until mcpp_device_unregister()), or an ERR_PTR().
 */
struct mcpp_video *mcpp_video_register(struct mcpp_entity *entity,
				       const struct mcpp_video_ops *ops,
				       void *drvdata) MCPP_NOEXCEPT;
/**
 * mcpp_meta_register() - give an IO entity a metadata node
 * @entity: the entity: one sink pad (capture: statistics) or one source pad
 *          (output: parameters)
 * @output: true for V4L2_BUF_TYPE_META_OUTPUT, false for META_CAPTURE
 * @ops: the driver's operations (@adjust_meta, not @adjust_fmt); must
 *       outlive the media device
 * @drvdata: handed back to @ops
 *
 * As mcpp_video_register(), with V4L2_CAP_META_CAPTURE or META_OUTPUT. A
 * capture node's STREAMON starts a stream like a video capture node's (the
 * link into it is valid if @enum_fmt maps the source pad's code to the
 * node's format). An output node's STREAMON only calls @start_streaming:
 * the driver takes queued parameter buffers when it processes a frame (or
 * may wait for one, as a memory-to-memory ISP would).
 *
 * Return: the node (valid until mcpp_device_unregister()), or an ERR_PTR().
 */
struct mcpp_video *mcpp_meta_register(struct mcpp_entity *entity, bool output,
				      const struct mcpp_video_ops *ops,
				      void *drvdata) MCPP_NOEXCEPT;
/**
 * mcpp_video_inject() - arm an injected error on a video node (testing)
 * @video: the node
 * @what: which (enum mcpp_inject)
 * @value: for the settings (drop percentage, wraps); for the one-shot
 *         errors, non-zero arms (it stays armed until the call it fails)
 *         and 0 disarms; ignored by MCPP_INJECT_FATAL
 *
 * What error-injection controls (vivid's kind) do to a node. Callable from
 * the node's s_ctrl op; MCPP_INJECT_FATAL only from there.
 *
 * Return: 0, or -EINVAL for an unknown @what or a value out of range.
 */
int mcpp_video_inject(struct mcpp_video *video, enum mcpp_inject what, int value) MCPP_NOEXCEPT;
/**
 * mcpp_video_armed() - whether a one-shot injected error is still armed
 * @video: the node
 * @what: a one-shot error (MCPP_INJECT_REQBUFS ... MCPP_INJECT_BUF_ERROR)
 *
 * Return: true from mcpp_video_inject() arming it until the call it fails
 * (or a disarm); false for the other kinds.
 */
bool mcpp_video_armed(struct mcpp_video *video, enum mcpp_inject what) MCPP_NOEXCEPT;
/** mcpp_video_next_buffer() - the oldest queued buffer, now the driver's; or NULL */
struct mcpp_buffer *mcpp_video_next_buffer(struct mcpp_video *video) MCPP_NOEXCEPT;
/** mcpp_video_format() - the node's current format (copied to @pix) */
void mcpp_video_format(struct mcpp_video *video, struct v4l2_pix_format *pix) MCPP_NOEXCEPT;
/** mcpp_meta_format() - a metadata node's current format (copied to @meta) */
void mcpp_meta_format(struct mcpp_video *video, struct v4l2_meta_format *meta) MCPP_NOEXCEPT;
/**
 * mcpp_buffer_plane() - the buffer's memory
 * @buf: a buffer the driver holds
 * @size: gets the plane's length (capture: the whole plane; output: the
 *        bytes userspace filled in)
 *
 * Return: the plane's kernel address.
 */
void *mcpp_buffer_plane(struct mcpp_buffer *buf, size_t *size) MCPP_NOEXCEPT;
/**
 * mcpp_buffer_done() - give a buffer back to userspace
 * @buf: a buffer from mcpp_video_next_buffer()
 * @sequence: the frame's sequence number
 * @error: true to return it flagged V4L2_BUF_FLAG_ERROR
 *
 * Timestamps it (CLOCK_MONOTONIC, now). Callable from any context.
 */
void mcpp_buffer_done(struct mcpp_buffer *buf, __u32 sequence, bool error) MCPP_NOEXCEPT;

/**
 * mcpp_subdev_register() - give an entity a V4L2 sub-device node
 * @entity: the entity (its pads become the sub-device's pads)
 * @ops: the driver's pad operations; must outlive the media device
 * @drvdata: handed back to @ops
 * @ctrls: the node's controls (needs @ops->s_ctrl), or NULL
 * @num_ctrls: how many
 *
 * Creates /dev/v4l-subdevN, a MEDIA_INTF_T_V4L_SUBDEV interface with its
 * major:minor and an interface link to @entity. The node goes away at
 * mcpp_device_unregister().
 *
 * Return: 0 or a negative errno.
 */
int mcpp_subdev_register(struct mcpp_entity *entity, const struct mcpp_subdev_ops *ops,
			 void *drvdata, const struct mcpp_ctrl_desc *ctrls,
			 unsigned int num_ctrls) MCPP_NOEXCEPT;

/**
 * mcpp_subdev_unregister() - unplug one sub-device from a live media device
 * @entity: an entity given a node by mcpp_subdev_register()
 *
 * What a hot-unplugged sensor does to the device (Documentation/lifetime.rst,
 * "Unplugging one sub-device"): from the call on, none of the sub-device's
 * ops reaches the driver again (this waits for those already inside); if a
 * stream runs through it, the driver's s_stream(0) is called once, here, and
 * every capture node whose stream went through it goes into the error state
 * (queued buffers come back flagged ERROR, DQBUF and QBUF fail with -EIO,
 * pollers get EPOLLERR) until userspace stops it; the entity, its links and
 * its node's interface leave the graph (the topology version changes); the
 * node is unregistered (-ENODEV, POLLERR|POLLHUP), and its memory goes at
 * its last close. Never waits for userspace. The caller's entity reference
 * stays valid; the rest of the device goes on working.
 *
 * Return: 0; -ENODEV if the device is being unregistered, @entity has no
 * sub-device node, or it was unplugged already.
 */
int mcpp_subdev_unregister(struct mcpp_entity *entity) MCPP_NOEXCEPT;

/*
 * The parts of a sub-device state, for the pad @pad: valid while the op that
 * was given @state runs. NULL for a pad the sub-device does not have.
 */
/**
 * mcpp_subdev_with_active_state() - change a sub-device's ACTIVE state
 * @entity: an entity with a sub-device node
 * @fn: called with the ACTIVE state locked
 * @ctx: handed to @fn
 *
 * For what a control changes in the formats (flips change a sensor's Bayer
 * order). Callable from the driver's s_ctrl (the control handler's lock
 * nests outside the state's), not from a pad op (the state is locked).
 *
 * Return: 0, or -ENODEV if @entity has no sub-device node.
 */
int mcpp_subdev_with_active_state(struct mcpp_entity *entity,
				  void (*fn)(void *ctx, struct mcpp_sd_state *state),
				  void *ctx) MCPP_NOEXCEPT;
/**
 * mcpp_subdev_frame_sync() - a frame starts on @entity's sub-device
 * @entity: an entity with a sub-device node registered with
 *          &mcpp_subdev_ops.frame_sync set
 * @sequence: the frame's sequence number (what its buffers will carry)
 *
 * Queues V4L2_EVENT_FRAME_SYNC with @sequence to every file of the node
 * that subscribed to it (ISP userspace times sensor controls with it).
 * Process context (it looks the node up under a mutex); call it only while
 * the sub-device streams (between its s_stream(1) and s_stream(0)), which
 * the bridge ends before the node is unregistered.
 *
 * Return: 0, or -ENODEV if @entity has no sub-device node.
 */
int mcpp_subdev_frame_sync(struct mcpp_entity *entity, __u32 sequence) MCPP_NOEXCEPT;
/** mcpp_state_format() - the media bus format of @pad */
struct v4l2_mbus_framefmt *mcpp_state_format(struct mcpp_sd_state *state,
					     __u32 pad) MCPP_NOEXCEPT;
/** mcpp_state_crop() - the crop rectangle of @pad */
struct v4l2_rect *mcpp_state_crop(struct mcpp_sd_state *state, __u32 pad) MCPP_NOEXCEPT;
/** mcpp_state_compose() - the compose rectangle of @pad */
struct v4l2_rect *mcpp_state_compose(struct mcpp_sd_state *state, __u32 pad) MCPP_NOEXCEPT;
/** mcpp_state_interval() - the frame interval of @pad */
struct v4l2_fract *mcpp_state_interval(struct mcpp_sd_state *state, __u32 pad) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_V4L2_H */
