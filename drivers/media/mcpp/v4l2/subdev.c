// SPDX-License-Identifier: GPL-2.0
/*
 * V4L2 sub-device nodes for entities of the core graph: the kernel's own
 * v4l2-subdev (state, TRY/ACTIVE, ioctls), with pad operations forwarded to
 * the driver inside the core's revocation guard.
 *
 * Lifetime: the node holds a reference on its entity from registration to
 * its release (after the last close). The struct mcpp_subdev itself is freed
 * only when the v4l2_device is released, because the V4L2 core writes to the
 * sub-device right after calling our release.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <media/media-entity.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-event.h>
#include <media/v4l2-fh.h>
#include <media/v4l2-ioctl.h>
#include <media/v4l2-subdev.h>

#include <mcpp/test.h>

#include "bridge.h"
#include "v4l2.h"

/*
 * The guard of a driver call: the device's (struct mcpp_live), live only if
 * this sub-device has not been unplugged either; a test may park us inside.
 */
static struct mcpp_live mcpp_sd_enter(struct mcpp_subdev *s)
{
	struct mcpp_live live = mcpp_live_enter(s->mdev);

	if (live.mdev && READ_ONCE(s->gone)) {
		mcpp_live_exit(live);
		live.mdev = NULL;
	}
	if (live.mdev)
		mcpp_hook(MCPP_HOOK_SUBDEV_OP);
	return live;
}

DEFINE_CLASS(mcpp_sd_live, struct mcpp_live, mcpp_live_exit(_T), mcpp_sd_enter(s),
	     struct mcpp_subdev *s)

static struct mcpp_subdev *to_mcpp_subdev(struct v4l2_subdev *sd)
{
	return container_of(sd, struct mcpp_subdev, sd);
}

/* The opaque state drivers see is the V4L2 core's own. */
static struct v4l2_subdev_state *to_state(struct mcpp_sd_state *state)
{
	return (struct v4l2_subdev_state *)state;
}

static struct mcpp_sd_state *to_mcpp_state(struct v4l2_subdev_state *state)
{
	return (struct mcpp_sd_state *)state;
}

/* The lookups return NULL for a pad the sub-device does not have. */
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

struct v4l2_rect *mcpp_state_compose(struct mcpp_sd_state *state, u32 pad)
{
	return v4l2_subdev_state_get_compose(to_state(state), pad);
}
EXPORT_SYMBOL_GPL(mcpp_state_compose);

struct v4l2_fract *mcpp_state_interval(struct mcpp_sd_state *state, u32 pad)
{
	return v4l2_subdev_state_get_interval(to_state(state), pad);
}
EXPORT_SYMBOL_GPL(mcpp_state_interval);

/*
 * The V4L2 core checks pad < num_pads before any pad op, except on a
 * sub-device without pads, where it lets pad 0 through: there is no state
 * to hand the driver then.
 */
static bool mcpp_sd_has_pad(struct v4l2_subdev *sd, u32 pad)
{
	return pad < sd->entity.num_pads;
}

/* Changing the ACTIVE configuration of a running pipeline is refused. */
static bool mcpp_sd_busy(struct mcpp_subdev *s, u32 which)
{
	return which == V4L2_SUBDEV_FORMAT_ACTIVE && s->entity && mcpp_entity_streaming(s->entity);
}

static int mcpp_sd_init_state(struct v4l2_subdev *sd, struct v4l2_subdev_state *state)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	unsigned int pad;

	/*
	 * An open's new file state (inside the open's own guard, see
	 * mcpp_sd_open()), or the node's own at registration.
	 */
	CLASS(mcpp_live, live)(s->mdev);
	if (!live.mdev || READ_ONCE(s->gone))
		return -ENODEV;
	if (s->ops->init_state)
		s->ops->init_state(s->drvdata, to_mcpp_state(state));
	else
		for (pad = 0; pad < sd->entity.num_pads; pad++)
			s->ops->init_format(s->drvdata, pad,
					    v4l2_subdev_state_get_format(state, pad));
	return 0;
}

static int mcpp_sd_enum_mbus_code(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				  struct v4l2_subdev_mbus_code_enum *code)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	ret = s->ops->enum_mbus_code(s->drvdata, code);
	return ret;
}

static int mcpp_sd_enum_frame_size(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				   struct v4l2_subdev_frame_size_enum *fse)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	ret = s->ops->enum_frame_size(s->drvdata, fse);
	return ret;
}

/* The legacy op: the same adjustment for TRY and ACTIVE, no propagation. */
static int mcpp_sd_adjust_and_store(struct mcpp_subdev *s, struct v4l2_subdev_state *state,
				    struct v4l2_subdev_format *format)
{
	s->ops->adjust_format(s->drvdata, format->pad, &format->format);
	*v4l2_subdev_state_get_format(state, format->pad) = format->format;
	return 0;
}

static int mcpp_sd_set_fmt(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
			   struct v4l2_subdev_format *format)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	if (!mcpp_sd_has_pad(sd, format->pad))
		return -EINVAL;
	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	if (mcpp_sd_busy(s, format->which))
		ret = -EBUSY;
	else if (s->ops->set_format)
		ret = s->ops->set_format(s->drvdata, to_mcpp_state(state), format);
	else
		ret = mcpp_sd_adjust_and_store(s, state, format);
	return ret;
}

static int mcpp_sd_get_selection(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				 struct v4l2_subdev_selection *sel)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	if (!s->ops->get_selection)
		return -ENOIOCTLCMD;
	if (!mcpp_sd_has_pad(sd, sel->pad))
		return -EINVAL;
	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	ret = s->ops->get_selection(s->drvdata, to_mcpp_state(state), sel);
	return ret;
}

static int mcpp_sd_set_selection(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				 struct v4l2_subdev_selection *sel)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	if (!s->ops->set_selection)
		return -ENOIOCTLCMD;
	if (!mcpp_sd_has_pad(sd, sel->pad))
		return -EINVAL;
	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	if (mcpp_sd_busy(s, sel->which))
		ret = -EBUSY;
	else
		ret = s->ops->set_selection(s->drvdata, to_mcpp_state(state), sel);
	return ret;
}

static int mcpp_sd_enum_frame_interval(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				       struct v4l2_subdev_frame_interval_enum *fie)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	if (!s->ops->enum_frame_interval)
		return -ENOIOCTLCMD;
	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	ret = s->ops->enum_frame_interval(s->drvdata, fie);
	return ret;
}

static int mcpp_sd_get_frame_interval(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				      struct v4l2_subdev_frame_interval *fi)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	if (!s->ops->get_frame_interval)
		return -ENOIOCTLCMD;
	if (!mcpp_sd_has_pad(sd, fi->pad))
		return -EINVAL;
	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	ret = s->ops->get_frame_interval(s->drvdata, to_mcpp_state(state), fi);
	return ret;
}

static int mcpp_sd_set_frame_interval(struct v4l2_subdev *sd, struct v4l2_subdev_state *state,
				      struct v4l2_subdev_frame_interval *fi)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);
	int ret;

	if (!s->ops->set_frame_interval)
		return -ENOIOCTLCMD;
	if (!mcpp_sd_has_pad(sd, fi->pad))
		return -EINVAL;
	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	if (mcpp_sd_busy(s, fi->which))
		ret = -EBUSY;
	else
		ret = s->ops->set_frame_interval(s->drvdata, to_mcpp_state(state), fi);
	return ret;
}

/*
 * Every op is always present, so that v4l2_subdev_call() reaches the
 * wrappers; one the driver lacks answers -ENOIOCTLCMD, which
 * video_usercopy() turns into ENOTTY, as for an op the V4L2 core never had.
 */
static const struct v4l2_subdev_pad_ops mcpp_sd_pad_ops = {
	.enum_mbus_code = mcpp_sd_enum_mbus_code,
	.enum_frame_size = mcpp_sd_enum_frame_size,
	.enum_frame_interval = mcpp_sd_enum_frame_interval,
	.get_fmt = v4l2_subdev_get_fmt,
	.set_fmt = mcpp_sd_set_fmt,
	.get_selection = mcpp_sd_get_selection,
	.set_selection = mcpp_sd_set_selection,
	.get_frame_interval = mcpp_sd_get_frame_interval,
	.set_frame_interval = mcpp_sd_set_frame_interval,
};

/* Control events, and frame starts where the driver sends them. */
static int mcpp_sd_subscribe_event(struct v4l2_subdev *sd, struct v4l2_fh *fh,
				   struct v4l2_event_subscription *sub)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);

	if (sub->type == V4L2_EVENT_FRAME_SYNC)
		return s->ops->frame_sync && !sub->id ? v4l2_event_subscribe(fh, sub, 4, NULL) :
							-EINVAL;
	return v4l2_ctrl_subdev_subscribe_event(sd, fh, sub);
}

static const struct v4l2_subdev_core_ops mcpp_sd_core_ops = {
	.subscribe_event = mcpp_sd_subscribe_event,
	.unsubscribe_event = v4l2_event_subdev_unsubscribe,
};

static const struct v4l2_subdev_ops mcpp_sd_ops = {
	.core = &mcpp_sd_core_ops,
	.pad = &mcpp_sd_pad_ops,
};

/*
 * A blocking DQEVENT. The V4L2 core's v4l2_event_dequeue() sleeps until an
 * event is available and nothing else: the wake at unregister
 * (video_unregister_device() wakes every file handle's queue after clearing
 * the registered bit) puts it back to sleep, for ever, and its open file
 * then keeps the driver's module busy. Here the sleep also ends when the
 * node is unregistered: -ENODEV, like every later call on the file.
 */
int mcpp_event_wait(struct video_device *vdev, struct v4l2_fh *fh)
{
	int ret = wait_event_interruptible(fh->wait, READ_ONCE(fh->navailable) ||
						     !video_is_registered(vdev));

	if (ret)
		return ret;
	return video_is_registered(vdev) ? 0 : -ENODEV;
}

int mcpp_event_dequeue(struct video_device *vdev, struct v4l2_fh *fh, struct v4l2_event *ev,
		       bool nonblocking)
{
	int ret;

	if (nonblocking)
		return v4l2_event_dequeue(fh, ev, true);
	/* Taken without blocking: a thread sharing the file may be first. */
	do {
		ret = mcpp_event_wait(vdev, fh);
		if (!ret)
			ret = v4l2_event_dequeue(fh, ev, true);
	} while (ret == -ENOENT);
	return ret;
}

/*
 * The node's ioctl: DQEVENT here, everything else to the V4L2 core's own.
 * The native layout is dequeued and copied out here (video_usercopy() is
 * not exported); the others (32-bit time, compat: the same number, another
 * size) wait here and are then dequeued by the V4L2 core, which finds the
 * event there unless another thread sharing the file took it meanwhile.
 */
static long mcpp_sd_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct video_device *vdev = video_devdata(file);
	struct v4l2_subdev *sd = vdev_to_v4l2_subdev(vdev);
	bool nonblocking = file->f_flags & O_NONBLOCK;
	struct v4l2_event ev;
	long ret;

	if (!(sd->flags & V4L2_SUBDEV_FL_HAS_EVENTS) || _IOC_TYPE(cmd) != 'V' ||
	    _IOC_NR(cmd) != _IOC_NR(VIDIOC_DQEVENT))
		return to_mcpp_subdev(sd)->core_fops->unlocked_ioctl(file, cmd, arg);
	if (cmd == VIDIOC_DQEVENT) {
		memset(&ev, 0, sizeof(ev));	/* padding: nothing of the stack leaks */
		ret = mcpp_event_dequeue(vdev, file->private_data, &ev, nonblocking);
		if (!ret && copy_to_user((void __user *)arg, &ev, sizeof(ev)))
			ret = -EFAULT;
		return ret;
	}
	if (!nonblocking) {
		ret = mcpp_event_wait(vdev, file->private_data);
		if (ret)
			return ret;
	}
	return to_mcpp_subdev(sd)->core_fops->unlocked_ioctl(file, cmd, arg);
}

/*
 * The V4L2 core's open of a sub-device node (subdev_open() in 6.12) reads
 * sd->v4l2_dev after allocating the file's state, and unregistering the
 * sub-device clears that pointer: an open that the V4L2 core let through
 * just before unregister would dereference NULL. So the node's open runs
 * whole inside the guard (unregister and an unplug wait for it), and fails
 * with -ENODEV once the device or the sub-device is gone.
 */
static int mcpp_sd_open(struct file *file)
{
	struct mcpp_subdev *s = to_mcpp_subdev(vdev_to_v4l2_subdev(video_devdata(file)));
	int ret;

	mcpp_hook(MCPP_HOOK_NODE_OPEN);
	CLASS(mcpp_live, live)(s->mdev);
	if (!live.mdev)
		return -ENODEV;
	ret = READ_ONCE(s->gone) ? -ENODEV : s->core_fops->open(file);
	if (!ret)
		mcpp_hook(MCPP_HOOK_SUBDEV_OP); /* a test may park the whole open here */
	return ret;
}

/*
 * The V4L2 core gives every sub-device node its own file operations
 * (v4l2_subdev_fops, not exported); ours are a copy with the ioctl and the
 * open above.
 * The V4L2 core reads vdev->fops at each call, so the node uses them from
 * the store on (a DQEVENT or an open begun in the instant between the node's
 * registration and the store goes the V4L2 core's way;
 * nothing can unregister the node that early).
 */
static void mcpp_sd_take_fops(struct mcpp_subdev *s)
{
	struct video_device *vdev = s->sd.devnode;

	s->core_fops = vdev->fops;
	s->fops = *vdev->fops;
	s->fops.unlocked_ioctl = mcpp_sd_ioctl;
	s->fops.open = mcpp_sd_open;
	WRITE_ONCE(vdev->fops, &s->fops);
}

static int mcpp_sd_s_ctrl(struct v4l2_ctrl *ctrl)
{
	struct mcpp_subdev *s = container_of(ctrl->handler, struct mcpp_subdev, ctrls);
	int ret;

	CLASS(mcpp_sd_live, live)(s);
	if (!live.mdev)
		return -ENODEV;
	ret = s->ops->s_ctrl(s->drvdata, ctrl->id, ctrl->val);
	return ret;
}

static const struct v4l2_ctrl_ops mcpp_ctrl_ops = {
	.s_ctrl = mcpp_sd_s_ctrl,
};

/* A driver-private control (@c->name set): the types error injection needs. */
static struct v4l2_ctrl *mcpp_ctrl_new_custom(struct v4l2_ctrl_handler *h,
					      const struct v4l2_ctrl_ops *ops,
					      const struct mcpp_ctrl_desc *c)
{
	struct v4l2_ctrl_config cfg = {
		.ops = ops, .id = c->id, .name = c->name, .type = c->type,
		.min = c->min, .max = c->max, .step = c->step, .def = c->def,
		.flags = c->flags,
	};

	switch (c->type) {
	case V4L2_CTRL_TYPE_INTEGER:
	case V4L2_CTRL_TYPE_BOOLEAN:
	case V4L2_CTRL_TYPE_BUTTON:
		break;
	case V4L2_CTRL_TYPE_CTRL_CLASS:
		cfg.flags = V4L2_CTRL_FLAG_READ_ONLY | V4L2_CTRL_FLAG_WRITE_ONLY;
		break;
	case V4L2_CTRL_TYPE_BITMASK:
		/* What the driver supports (@c->def), reported: read-only. */
		cfg.flags = V4L2_CTRL_FLAG_READ_ONLY;
		break;
	default:
		if (!h->error)
			h->error = -EINVAL;
		return NULL;
	}
	return v4l2_ctrl_new_custom(h, &cfg, NULL);
}

/* One control of @h; a failure is recorded in the handler's error. */
struct v4l2_ctrl *mcpp_ctrl_new(struct v4l2_ctrl_handler *h, const struct v4l2_ctrl_ops *ops,
				const struct mcpp_ctrl_desc *c)
{
	struct v4l2_ctrl *ctrl = NULL;

	if (c->name && c->kind == MCPP_CTRL_STD)
		return mcpp_ctrl_new_custom(h, ops, c);
	switch (c->name ? -1 : (int)c->kind) {
	case MCPP_CTRL_STD:
		ctrl = v4l2_ctrl_new_std(h, ops, c->id, c->min, c->max, c->step, c->def);
		break;
	case MCPP_CTRL_MENU:
		if (c->menu)
			ctrl = v4l2_ctrl_new_std_menu_items(h, ops, c->id, c->max, 0,
							    c->def, c->menu);
		else
			ctrl = v4l2_ctrl_new_std_menu(h, ops, c->id, c->max, 0, c->def);
		break;
	case MCPP_CTRL_INT_MENU:
		if (c->int_menu)
			ctrl = v4l2_ctrl_new_int_menu(h, ops, c->id, c->max, c->def,
						      c->int_menu);
		else if (!h->error)
			h->error = -EINVAL;
		break;
	default:
		if (!h->error)
			h->error = -EINVAL;
	}
	return ctrl;
}

static void mcpp_subdev_new_ctrl(struct mcpp_subdev *s, const struct mcpp_ctrl_desc *c)
{
	struct v4l2_ctrl_handler *h = &s->ctrls;
	struct v4l2_ctrl *ctrl = mcpp_ctrl_new(h, &mcpp_ctrl_ops, c);

	if (c->flags & ~V4L2_CTRL_FLAG_MODIFY_LAYOUT) {
		if (!h->error)
			h->error = -EINVAL;
	} else if (ctrl && c->flags) {
		ctrl->flags |= c->flags;
		s->layout_ctrls++;
	}
}

static int mcpp_subdev_init_ctrls(struct mcpp_subdev *s, const struct mcpp_ctrl_desc *ctrls,
				  unsigned int n)
{
	unsigned int i;

	v4l2_ctrl_handler_init(&s->ctrls, n);
	for (i = 0; i < n; i++)
		mcpp_subdev_new_ctrl(s, &ctrls[i]);
	if (s->ctrls.error)
		return s->ctrls.error;
	s->sd.ctrl_handler = &s->ctrls;
	s->sd.flags |= V4L2_SUBDEV_FL_HAS_EVENTS;
	return 0;
}

/*
 * Controls that change the sub-device's formats (V4L2_CTRL_FLAG_MODIFY_LAYOUT)
 * are grabbed while a pipeline claims its entity: setting one gets -EBUSY
 * from the control framework, and subscribers see the GRABBED flag change.
 * Taking the handler's lock also waits for a set already in progress, so a
 * change that came before the grab is in the formats the link check reads.
 */
static void mcpp_subdev_grab_layout(struct mcpp_subdev *s, bool grab)
{
	struct v4l2_ctrl *ctrl;

	mutex_lock(s->ctrls.lock);
	list_for_each_entry(ctrl, &s->ctrls.ctrls, node)
		if (ctrl->flags & V4L2_CTRL_FLAG_MODIFY_LAYOUT)
			__v4l2_ctrl_grab(ctrl, grab);
	mutex_unlock(s->ctrls.lock);
}

void mcpp_subdev_claimed(struct mcpp_v4l2 *v, struct mcpp_subdev *s)
{
	lockdep_assert_held(&v->stream_lock);
	if (!s->layout_ctrls || !list_empty(&s->grab_node))
		return;
	mcpp_subdev_grab_layout(s, true);
	list_add_tail(&s->grab_node, &v->grabbed);
}

void mcpp_subdev_release_unclaimed(struct mcpp_v4l2 *v)
{
	struct mcpp_subdev *s, *next;

	lockdep_assert_held(&v->stream_lock);
	list_for_each_entry_safe(s, next, &v->grabbed, grab_node) {
		if (s->entity && mcpp_entity_streaming(s->entity))
			continue;
		mcpp_subdev_grab_layout(s, false);
		list_del_init(&s->grab_node);
	}
}

/* The node's release: drop the entity; the memory stays (see top). */
static void mcpp_sd_release(struct v4l2_subdev *sd)
{
	struct mcpp_subdev *s = to_mcpp_subdev(sd);

	v4l2_subdev_cleanup(sd);
	mcpp_entity_put(s->entity);
	s->entity = NULL;
}

static const struct v4l2_subdev_internal_ops mcpp_sd_internal_ops = {
	.init_state = mcpp_sd_init_state,
	.release = mcpp_sd_release,
};

static int mcpp_subdev_init(struct mcpp_subdev *s, struct mcpp_entity *entity,
			    const struct mcpp_ctrl_desc *ctrls, unsigned int num_ctrls)
{
	u16 n = mcpp_entity_num_pads(entity);
	u16 i;
	int ret;

	v4l2_subdev_init(&s->sd, &mcpp_sd_ops);
	s->sd.internal_ops = &mcpp_sd_internal_ops;
	s->sd.flags |= V4L2_SUBDEV_FL_HAS_DEVNODE;
	if (s->ops->frame_sync)
		s->sd.flags |= V4L2_SUBDEV_FL_HAS_EVENTS;
	s->sd.entity.function = mcpp_entity_function(entity);
	strscpy(s->sd.name, mcpp_entity_name(entity), sizeof(s->sd.name));
	if (n) {
		s->pads = kcalloc(n, sizeof(*s->pads), GFP_KERNEL);
		if (!s->pads)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			s->pads[i].flags = mcpp_entity_pad_flags(entity, i);
	}
	ret = media_entity_pads_init(&s->sd.entity, n, s->pads);
	if (!ret)
		ret = mcpp_subdev_init_ctrls(s, ctrls, num_ctrls);
	if (!ret)
		ret = v4l2_subdev_init_finalize(&s->sd);
	return ret;
}

int mcpp_subdev_register(struct mcpp_entity *entity, const struct mcpp_subdev_ops *ops,
			 void *drvdata, const struct mcpp_ctrl_desc *ctrls, unsigned int num_ctrls)
{
	struct mcpp_device *mdev = mcpp_entity_device(entity);
	struct mcpp_interface *intf;
	struct mcpp_subdev *s;
	struct mcpp_v4l2 *v;
	int ret;

	if (!ops || !(ops->init_format || ops->init_state) ||
	    !(ops->adjust_format || ops->set_format) || !ops->enum_mbus_code ||
	    !ops->enum_frame_size || (num_ctrls && (!ctrls || !ops->s_ctrl)))
		return -EINVAL;
	v = mcpp_device_v4l2(mdev);
	if (IS_ERR(v))
		return PTR_ERR(v);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	INIT_LIST_HEAD(&s->grab_node);
	s->mdev = mdev;
	s->ops = ops;
	s->drvdata = drvdata;
	ret = mcpp_subdev_init(s, entity, ctrls, num_ctrls);
	if (ret) {
		v4l2_subdev_cleanup(&s->sd);
		mcpp_subdev_free(s);
		return ret;
	}

	/* From here on the memory belongs to the v4l2_device's release. */
	mutex_lock(&v->lock);
	list_add_tail(&s->node, &v->subdevs);
	mutex_unlock(&v->lock);

	/* The driver's module, not ours: its node's open files must pin it. */
	ret = __v4l2_device_register_subdev(&v->v4l2_dev, &s->sd, mcpp_device_owner(mdev));
	if (ret) {
		v4l2_subdev_cleanup(&s->sd);
		return ret;
	}
	s->entity = mcpp_entity_get(entity);
	/* Apply every control's default through the driver once. */
	ret = v4l2_ctrl_handler_setup(&s->ctrls);
	if (!ret)
		ret = v4l2_device_register_subdev_nodes(&v->v4l2_dev);
	if (ret) {
		/*
		 * Without a node the sub-device is released right here. Note:
		 * on failure the V4L2 core also unregisters the nodes of the
		 * device's other sub-devices (6.12); the driver's probe fails
		 * as a whole then, so nothing relies on them.
		 */
		v4l2_device_unregister_subdev(&s->sd);
		return ret;
	}

	mcpp_sd_take_fops(s);

	intf = mcpp_interface_create(mdev, MEDIA_INTF_T_V4L_SUBDEV, VIDEO_MAJOR, s->sd.devnode->minor);
	if (IS_ERR(intf))
		return PTR_ERR(intf);
	s->intf = intf; /* kept for an unplug; the graph holds another reference */
	ret = mcpp_interface_link_create(intf, entity);
	return ret < 0 ? ret : 0;
}
EXPORT_SYMBOL_GPL(mcpp_subdev_register);

struct mcpp_subdev *mcpp_subdev_of(struct mcpp_v4l2 *v, struct mcpp_entity *entity)
{
	struct mcpp_subdev *s, *found = NULL;

	mutex_lock(&v->lock);
	list_for_each_entry(s, &v->subdevs, node)
		if (s->entity == entity)
			found = s;
	mutex_unlock(&v->lock);
	return found;
}

int mcpp_subdev_stream_get(struct mcpp_subdev *s)
{
	int ret = 0;

	if (s->gone) /* unplugged after the stream claimed it */
		return -ENODEV;
	if (s->streams == 0 && s->ops->s_stream) {
		CLASS(mcpp_sd_live, live)(s);

		if (!live.mdev)
			return -ENODEV;
		ret = s->ops->s_stream(s->drvdata, 1);
	}
	if (!ret)
		s->streams++;
	return ret;
}

/*
 * Not fenced: unregister stops streaming through here, after revoking. An
 * unplugged sub-device was stopped by the unplug itself, once.
 */
void mcpp_subdev_stream_put(struct mcpp_subdev *s)
{
	if (--s->streams == 0 && s->ops->s_stream && !s->gone)
		s->ops->s_stream(s->drvdata, 0);
}

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
	state = v4l2_subdev_lock_and_get_active_state(&s->sd);
	fn(ctx, to_mcpp_state(state));
	v4l2_subdev_unlock_state(state);
	return 0;
}
EXPORT_SYMBOL_GPL(mcpp_subdev_with_active_state);

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
