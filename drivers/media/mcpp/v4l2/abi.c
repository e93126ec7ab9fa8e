// SPDX-License-Identifier: GPL-2.0
/*
 * The V4L2 bridge's C face: every function of include/mcpp/v4l2.h, and the
 * bridge's test entry points of include/mcpp/test.h, defined and exported
 * here and nowhere else in the bridge (scripts/tests/layers.py checks it).
 * Kerneldoc is in the headers. The top of the bridge: it calls into the
 * nodes (subdev.c, video.c) and the unplug (unplug.c); nothing in the bridge
 * calls it.
 */
#include <linux/random.h>
#include <linux/timekeeping.h>
#include <media/v4l2-event.h>
#include <media/v4l2-subdev.h>
#include <media/videobuf2-v4l2.h>

#include <mcpp/test.h>

#include "bridge.h"
#include "v4l2.h"

/* Sub-device nodes: the state lookups return NULL for a pad it lacks. */
struct v4l2_mbus_framefmt *mcpp_state_format(struct mcpp_sd_state *state, u32 pad)
{
	return v4l2_subdev_state_get_format(to_state(state), pad);
}
EXPORT_SYMBOL_GPL(mcpp_state_format);

struct v4l2_rect *mcpp_state_crop(struct mcpp_sd_state *state, u32 pad)
{
	return v4l2_subdev_state_get_crop(to_state(state), pad);
}
EXPORT_SYMBOL_GPL(mcpp_state_crop);

struct v4l2_fract *mcpp_state_interval(struct mcpp_sd_state *state, u32 pad)
{
	return v4l2_subdev_state_get_interval(to_state(state), pad);
}
EXPORT_SYMBOL_GPL(mcpp_state_interval);

int mcpp_subdev_register(struct mcpp_entity *entity, const struct mcpp_subdev_ops *ops,
			 void *drvdata, const struct mcpp_ctrl_desc *ctrls, unsigned int num_ctrls)
{
	if (!ops || !(ops->init_format || ops->init_state) ||
	    !(ops->adjust_format || ops->set_format) || !ops->enum_mbus_code ||
	    !ops->enum_frame_size || (num_ctrls && (!ctrls || !ops->s_ctrl)))
		return -EINVAL;
	return mcpp_subdev_add(entity, ops, drvdata, ctrls, num_ctrls);
}
EXPORT_SYMBOL_GPL(mcpp_subdev_register);

int mcpp_subdev_unregister(struct mcpp_entity *entity)
{
	return mcpp_subdev_unplug(entity);
}
EXPORT_SYMBOL_GPL(mcpp_subdev_unregister);

int mcpp_subdev_with_active_state(struct mcpp_entity *entity,
				  void (*fn)(void *ctx, struct mcpp_sd_state *state), void *ctx)
{
	struct mcpp_v4l2 *v = mcpp_device_v4l2(mcpp_entity_device(entity));
	struct v4l2_subdev_state *state;
	struct mcpp_subdev *s;

	if (IS_ERR(v))
		return PTR_ERR(v);
	s = mcpp_subdev_of(v, entity);
	if (!s)
		return -ENODEV;
	/* s_ctrl holds the control handler's lock: the states' too. */
	state = v4l2_subdev_get_locked_active_state(&s->sd);
	fn(ctx, to_mcpp_state(state));
	return 0;
}
EXPORT_SYMBOL_GPL(mcpp_subdev_with_active_state);

int mcpp_subdev_ctrl_modify_range(struct mcpp_entity *entity, u32 id, s64 min, s64 max,
				  u64 step, s64 def)
{
	struct mcpp_v4l2 *v = mcpp_device_v4l2(mcpp_entity_device(entity));
	struct mcpp_subdev *s;
	struct v4l2_ctrl *ctrl;

	if (IS_ERR(v))
		return PTR_ERR(v);
	s = mcpp_subdev_of(v, entity);
	if (!s)
		return -ENODEV;
	lockdep_assert_held(s->ctrls.lock);
	/* v4l2_ctrl_find() takes the handler's lock, held here already. */
	list_for_each_entry(ctrl, &s->ctrls.ctrls, node)
		if (ctrl->id == id)
			return __v4l2_ctrl_modify_range(ctrl, min, max, step, def);
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(mcpp_subdev_ctrl_modify_range);

int mcpp_subdev_frame_sync(struct mcpp_entity *entity, u32 sequence)
{
	struct mcpp_v4l2 *v = mcpp_device_v4l2(mcpp_entity_device(entity));
	struct v4l2_event ev = {
		.type = V4L2_EVENT_FRAME_SYNC,
		.u.frame_sync.frame_sequence = sequence,
	};
	struct mcpp_subdev *s;

	if (IS_ERR(v))
		return PTR_ERR(v);
	s = mcpp_subdev_of(v, entity);
	if (!s || !s->sd.devnode)
		return -ENODEV;
	v4l2_event_queue(s->sd.devnode, &ev);
	return 0;
}
EXPORT_SYMBOL_GPL(mcpp_subdev_frame_sync);

struct v4l2_subdev *mcpp_test_entity_subdev(struct mcpp_entity *entity)
{
	struct mcpp_v4l2 *v = mcpp_device_v4l2(mcpp_entity_device(entity));
	struct mcpp_subdev *s;

	if (IS_ERR(v))
		return NULL;
	s = mcpp_subdev_of(v, entity);
	return s ? &s->sd : NULL;
}
EXPORT_SYMBOL_GPL(mcpp_test_entity_subdev);

/* Video and metadata nodes. */
struct mcpp_video *mcpp_video_register(struct mcpp_entity *entity,
				       const struct mcpp_video_ops *ops, void *drvdata)
{
	if (!ops || !ops->enum_fmt || !ops->adjust_fmt || !ops->start_streaming ||
	    !ops->stop_streaming)
		return ERR_PTR(-EINVAL);
	return mcpp_node_register(entity, V4L2_BUF_TYPE_VIDEO_CAPTURE, ops, drvdata);
}
EXPORT_SYMBOL_GPL(mcpp_video_register);

struct mcpp_video *mcpp_meta_register(struct mcpp_entity *entity, bool output,
				      const struct mcpp_video_ops *ops, void *drvdata)
{
	if (!ops || !ops->enum_fmt || !ops->adjust_meta || !ops->start_streaming ||
	    !ops->stop_streaming)
		return ERR_PTR(-EINVAL);
	return mcpp_node_register(entity, output ? V4L2_BUF_TYPE_META_OUTPUT :
					 V4L2_BUF_TYPE_META_CAPTURE, ops, drvdata);
}
EXPORT_SYMBOL_GPL(mcpp_meta_register);

struct mcpp_buffer *mcpp_video_next_buffer(struct mcpp_video *v)
{
	int drop = READ_ONCE(v->drop_percent);
	struct mcpp_buffer *buf;
	unsigned long flags;

	if (drop && !V4L2_TYPE_IS_OUTPUT(v->queue.type) && get_random_u32_below(100) < drop)
		return NULL; /* an injected drop: this frame gets no buffer */

	spin_lock_irqsave(&v->pending_lock, flags);
	buf = list_first_entry_or_null(&v->pending, struct mcpp_buffer, list);
	if (buf)
		list_del(&buf->list);
	spin_unlock_irqrestore(&v->pending_lock, flags);
	return buf;
}
EXPORT_SYMBOL_GPL(mcpp_video_next_buffer);

void mcpp_video_format(struct mcpp_video *v, struct v4l2_pix_format *pix)
{
	*pix = v->fmt;
}
EXPORT_SYMBOL_GPL(mcpp_video_format);

void mcpp_meta_format(struct mcpp_video *v, struct v4l2_meta_format *meta)
{
	*meta = v->meta;
}
EXPORT_SYMBOL_GPL(mcpp_meta_format);

void *mcpp_buffer_plane(struct mcpp_buffer *buf, size_t *size)
{
	struct vb2_buffer *vb = &buf->vb.vb2_buf;

	*size = V4L2_TYPE_IS_OUTPUT(vb->type) ? vb2_get_plane_payload(vb, 0) :
						 vb2_plane_size(vb, 0);
	return vb2_plane_vaddr(vb, 0);
}
EXPORT_SYMBOL_GPL(mcpp_buffer_plane);

void mcpp_buffer_done(struct mcpp_buffer *buf, u32 sequence, bool error)
{
	struct mcpp_video *v = vb2_get_drv_priv(buf->vb.vb2_buf.vb2_queue);

	if (mcpp_injected(v, MCPP_INJECT_BUF_ERROR))
		error = true;
	buf->vb.sequence = sequence + v->seq_offset;
	buf->vb.field = V4L2_FIELD_NONE;
	buf->vb.vb2_buf.timestamp = ktime_get_ns() + v->time_offset;
	vb2_buffer_done(&buf->vb.vb2_buf, error ? VB2_BUF_STATE_ERROR : VB2_BUF_STATE_DONE);
}
EXPORT_SYMBOL_GPL(mcpp_buffer_done);

int mcpp_video_inject(struct mcpp_video *v, enum mcpp_inject what, int value)
{
	switch (what) {
	case MCPP_INJECT_REQBUFS:
	case MCPP_INJECT_QBUF:
	case MCPP_INJECT_STREAMON:
	case MCPP_INJECT_START:
	case MCPP_INJECT_BUF_ERROR:
		if (value)
			set_bit(what, &v->inject);
		else
			clear_bit(what, &v->inject);
		return 0;
	case MCPP_INJECT_FATAL:
		/* The node's s_ctrl: the V4L2 core holds the node's (queue) lock. */
		lockdep_assert_held(&v->lock);
		if (!vb2_is_streaming(&v->queue))
			return 0; /* nothing to break: vivid's queue error does the same */
		vb2_queue_error(&v->queue);
		mcpp_return_pending(v, VB2_BUF_STATE_ERROR);
		return 0;
	case MCPP_INJECT_DROP_PERCENT:
		if (value < 0 || value > 100)
			return -EINVAL;
		WRITE_ONCE(v->drop_percent, value);
		return 0;
	case MCPP_INJECT_SEQ_WRAP:
		WRITE_ONCE(v->seq_wrap, value != 0);
		return 0;
	case MCPP_INJECT_TIME_WRAP:
		WRITE_ONCE(v->time_wrap, value != 0);
		return 0;
	}
	return -EINVAL;
}
EXPORT_SYMBOL_GPL(mcpp_video_inject);

bool mcpp_video_armed(struct mcpp_video *v, enum mcpp_inject what)
{
	return what <= MCPP_INJECT_BUF_ERROR && test_bit(what, &v->inject);
}
EXPORT_SYMBOL_GPL(mcpp_video_armed);

struct vb2_queue *mcpp_test_video_queue(struct mcpp_video *v)
{
	return &v->queue;
}
EXPORT_SYMBOL_GPL(mcpp_test_video_queue);

struct video_device *mcpp_test_video_device(struct mcpp_video *v)
{
	return &v->vdev;
}
EXPORT_SYMBOL_GPL(mcpp_test_video_device);
