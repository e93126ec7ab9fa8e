// SPDX-License-Identifier: GPL-2.0
/*
 * Video capture, metadata capture and metadata output nodes for IO entities
 * of the core graph: the kernel's own video_device and videobuf2 (vmalloc;
 * MMAP and DMABUF, no USERPTR), MC-centric. Format and streaming
 * operations go to the driver inside the core's revocation guard; the driver
 * pulls queued buffers when it has a frame.
 *
 * Lifetime: the node holds a reference on its entity, dropped in the
 * video_device release (after the last close), which also frees the node.
 * The V4L2 core touches nothing of the node after that release returns.
 * Unregister goes through vb2_video_unregister_device(): streaming stops (the
 * driver's stop, then every queued buffer returned with an error) and
 * blocked DQBUF/poll callers wake. mmap'd buffers keep their own references.
 */
#include <linux/gcd.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-event.h>
#include <media/v4l2-fh.h>
#include <media/v4l2-ioctl.h>
#include <media/videobuf2-v4l2.h>
#include <media/videobuf2-vmalloc.h>

#include <mcpp/test.h>

#include "bridge.h"
#include "v4l2.h"

static bool mcpp_is_meta(struct mcpp_video *v);

static struct mcpp_video *to_video(struct file *file)
{
	return container_of(video_devdata(file), struct mcpp_video, vdev);
}

/* The guard of a driver call (struct mcpp_live); a test may park us inside. */
static struct mcpp_live mcpp_vid_enter(struct mcpp_video *v)
{
	struct mcpp_live live = mcpp_live_enter(v->mdev);

	if (live.mdev)
		mcpp_hook(MCPP_HOOK_VIDEO_OP);
	return live;
}

DEFINE_CLASS(mcpp_vid_live, struct mcpp_live, mcpp_live_exit(_T), mcpp_vid_enter(v),
	     struct mcpp_video *v)

static int mcpp_vid_querycap(struct file *file, void *priv, struct v4l2_capability *cap)
{
	struct mcpp_video *v = to_video(file);

	strscpy(cap->driver, mcpp_device_driver_name(v->mdev), sizeof(cap->driver));
	strscpy(cap->card, v->vdev.name, sizeof(cap->card));
	strscpy(cap->bus_info, mcpp_device_bus_info(v->mdev), sizeof(cap->bus_info));
	return 0;
}

static int mcpp_vid_enum_fmt(struct file *file, void *priv, struct v4l2_fmtdesc *f)
{
	struct mcpp_video *v = to_video(file);
	const char *name;
	int ret;

	CLASS(mcpp_vid_live, live)(v);
	if (!live.mdev)
		return -ENODEV;
	ret = v->ops->enum_fmt(v->drvdata, f->index, f->mbus_code, &f->pixelformat);
	/* A driver's own format: the V4L2 core has no name for it (and WARNs). */
	name = ret || !v->ops->format_name ? NULL : v->ops->format_name(v->drvdata, f->pixelformat);
	if (name)
		strscpy(f->description, name, sizeof(f->description));
	return ret;
}

static int mcpp_vid_g_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	f->fmt.pix = to_video(file)->fmt;
	return 0;
}

static int mcpp_meta_g_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	f->fmt.meta = to_video(file)->meta;
	return 0;
}

static int mcpp_meta_try_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct mcpp_video *v = to_video(file);

	CLASS(mcpp_vid_live, live)(v);
	if (!live.mdev)
		return -ENODEV;
	v->ops->adjust_meta(v->drvdata, &f->fmt.meta);
	return 0;
}

static int mcpp_meta_s_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct mcpp_video *v = to_video(file);
	int ret;

	if (vb2_is_busy(&v->queue))
		return -EBUSY;
	ret = mcpp_meta_try_fmt(file, priv, f);
	if (!ret)
		v->meta = f->fmt.meta;
	return ret;
}

static int mcpp_vid_try_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct mcpp_video *v = to_video(file);

	CLASS(mcpp_vid_live, live)(v);
	if (!live.mdev)
		return -ENODEV;
	v->ops->adjust_fmt(v->drvdata, &f->fmt.pix);
	return 0;
}

static int mcpp_vid_s_fmt(struct file *file, void *priv, struct v4l2_format *f)
{
	struct mcpp_video *v = to_video(file);
	int ret;

	if (vb2_is_busy(&v->queue))
		return -EBUSY;
	ret = mcpp_vid_try_fmt(file, priv, f);
	if (!ret)
		v->fmt = f->fmt.pix;
	return ret;
}

/*
 * VIDIOC_ENUM_FRAMESIZES: what the node accepts for a pixel format, from the
 * driver (6.12's struct v4l2_frmsizeenum has no mbus_code: an MC-centric
 * node lists its sizes whatever the sub-devices are set to). Metadata nodes
 * have no sizes: ENOTTY, as for a driver without the op.
 */
static int mcpp_vid_enum_framesizes(struct file *file, void *priv, struct v4l2_frmsizeenum *fs)
{
	struct mcpp_video *v = to_video(file);
	struct v4l2_frmsizeenum out = { .index = fs->index, .pixel_format = fs->pixel_format };
	int ret;

	if (mcpp_is_meta(v) || !v->ops->enum_framesize)
		return -ENOTTY;
	scoped_class(mcpp_vid_live, live, v) {
		if (!live.mdev)
			return -ENODEV;
		ret = v->ops->enum_framesize(v->drvdata, &out);
	}
	if (ret)
		return ret;
	if (out.type != V4L2_FRMSIZE_TYPE_DISCRETE && out.type != V4L2_FRMSIZE_TYPE_STEPWISE &&
	    out.type != V4L2_FRMSIZE_TYPE_CONTINUOUS)
		return -EINVAL;
	*fs = out;
	return 0;
}

/* The pipeline's frame interval, reduced; -EINVAL where none is defined. */
static int mcpp_vid_interval(struct mcpp_video *v, struct v4l2_fract *fi)
{
	unsigned long g;
	int ret;

	scoped_class(mcpp_vid_live, live, v) {
		if (!live.mdev)
			return -ENODEV;
		*fi = (struct v4l2_fract){};
		ret = v->ops->frame_interval(v->drvdata, fi);
	}
	if (ret)
		return ret;
	if (!fi->numerator || !fi->denominator)
		return -EINVAL;
	g = gcd(fi->numerator, fi->denominator);
	fi->numerator /= g;
	fi->denominator /= g;
	return 0;
}

/*
 * VIDIOC_ENUM_FRAMEINTERVALS: one discrete interval, the pipeline's, for a
 * format and size the node accepts (the node does not set the rate: the
 * sensor's configuration does); -EINVAL for anything else.
 */
static int mcpp_vid_enum_frameintervals(struct file *file, void *priv,
					struct v4l2_frmivalenum *fie)
{
	struct mcpp_video *v = to_video(file);
	struct v4l2_pix_format pix = {
		.width = fie->width, .height = fie->height,
		.pixelformat = fie->pixel_format, .field = V4L2_FIELD_NONE,
	};
	struct v4l2_fract fi;
	int ret;

	if (mcpp_is_meta(v) || !v->ops->frame_interval)
		return -ENOTTY;
	if (fie->index)
		return -EINVAL;
	scoped_class(mcpp_vid_live, live, v) {
		if (!live.mdev)
			return -ENODEV;
		v->ops->adjust_fmt(v->drvdata, &pix);
	}
	if (pix.pixelformat != fie->pixel_format || pix.width != fie->width ||
	    pix.height != fie->height)
		return -EINVAL;
	ret = mcpp_vid_interval(v, &fi);
	if (ret)
		return ret;
	fie->type = V4L2_FRMIVAL_TYPE_DISCRETE;
	fie->discrete = fi;
	return 0;
}

/*
 * G_PARM: the pipeline's frame interval. S_PARM cannot change it: on an
 * MC-centric device the rate is the sensor's (its blanking controls, on its
 * sub-device node), so S_PARM reports the interval in force, as the V4L2
 * spec lets a driver answer a request it cannot meet.
 */
static int mcpp_vid_g_parm(struct file *file, void *priv, struct v4l2_streamparm *a)
{
	struct mcpp_video *v = to_video(file);
	struct v4l2_fract fi;
	int ret;

	if (mcpp_is_meta(v) || !v->ops->frame_interval)
		return -ENOTTY;
	if (a->type != V4L2_BUF_TYPE_VIDEO_CAPTURE)
		return -EINVAL;
	ret = mcpp_vid_interval(v, &fi);
	if (ret == -EINVAL)
		fi = (struct v4l2_fract){}; /* no source linked: no rate to report */
	else if (ret)
		return ret;
	memset(&a->parm, 0, sizeof(a->parm));
	a->parm.capture.capability = fi.denominator ? V4L2_CAP_TIMEPERFRAME : 0;
	a->parm.capture.timeperframe = fi;
	return 0;
}

/*
 * A DQBUF that waited across unregister finds the queue released: videobuf2
 * says EINVAL (not streaming), which reads as a caller's mistake. The node
 * is gone, and every later ioctl says so: ENODEV, the same here, from the
 * moment unregister revoked the device (the node itself is unregistered a
 * little later, and a DQBUF in between would say EINVAL).
 */
static int mcpp_vid_dqbuf(struct file *file, void *priv, struct v4l2_buffer *b)
{
	struct mcpp_video *v = to_video(file);
	int ret = vb2_ioctl_dqbuf(file, priv, b);

	if (!ret)
		return 0;
	if (!video_is_registered(&v->vdev))
		return -ENODEV;
	CLASS(mcpp_live, live)(v->mdev);
	return live.mdev ? ret : -ENODEV;
}

/* Consumes an armed one-shot error (mcpp_video_inject()). */
static bool mcpp_injected(struct mcpp_video *v, enum mcpp_inject what)
{
	return test_bit(what, &v->inject) && test_and_clear_bit(what, &v->inject);
}

/* REQBUFS and CREATE_BUFS that allocate: an injected error first. */
static int mcpp_vid_reqbufs(struct file *file, void *priv, struct v4l2_requestbuffers *rb)
{
	if (rb->count && mcpp_injected(to_video(file), MCPP_INJECT_REQBUFS))
		return -EINVAL;
	return vb2_ioctl_reqbufs(file, priv, rb);
}

static int mcpp_vid_create_bufs(struct file *file, void *priv, struct v4l2_create_buffers *cb)
{
	if (cb->count && mcpp_injected(to_video(file), MCPP_INJECT_REQBUFS))
		return -EINVAL;
	return vb2_ioctl_create_bufs(file, priv, cb);
}

static int mcpp_vid_qbuf(struct file *file, void *priv, struct v4l2_buffer *b)
{
	if (mcpp_injected(to_video(file), MCPP_INJECT_QBUF))
		return -EINVAL;
	return vb2_ioctl_qbuf(file, priv, b);
}

static int mcpp_vid_streamon(struct file *file, void *priv, enum v4l2_buf_type type)
{
	struct mcpp_video *v = to_video(file);

	/* Only a call that would start the queue consumes the error. */
	if (type == v->queue.type && !vb2_is_streaming(&v->queue) &&
	    mcpp_injected(v, MCPP_INJECT_STREAMON))
		return -EIO;
	return vb2_ioctl_streamon(file, priv, type);
}

static const struct v4l2_ioctl_ops mcpp_vid_ioctl_ops = {
	.vidioc_querycap = mcpp_vid_querycap,
	.vidioc_enum_fmt_vid_cap = mcpp_vid_enum_fmt,
	.vidioc_g_fmt_vid_cap = mcpp_vid_g_fmt,
	.vidioc_s_fmt_vid_cap = mcpp_vid_s_fmt,
	.vidioc_try_fmt_vid_cap = mcpp_vid_try_fmt,
	.vidioc_enum_framesizes = mcpp_vid_enum_framesizes,
	.vidioc_enum_frameintervals = mcpp_vid_enum_frameintervals,
	.vidioc_g_parm = mcpp_vid_g_parm,
	.vidioc_s_parm = mcpp_vid_g_parm,
	/* Only the ioctls of the node's own type are valid (device_caps). */
	.vidioc_enum_fmt_meta_cap = mcpp_vid_enum_fmt,
	.vidioc_g_fmt_meta_cap = mcpp_meta_g_fmt,
	.vidioc_s_fmt_meta_cap = mcpp_meta_s_fmt,
	.vidioc_try_fmt_meta_cap = mcpp_meta_try_fmt,
	.vidioc_enum_fmt_meta_out = mcpp_vid_enum_fmt,
	.vidioc_g_fmt_meta_out = mcpp_meta_g_fmt,
	.vidioc_s_fmt_meta_out = mcpp_meta_s_fmt,
	.vidioc_try_fmt_meta_out = mcpp_meta_try_fmt,
	.vidioc_reqbufs = mcpp_vid_reqbufs,
	.vidioc_create_bufs = mcpp_vid_create_bufs,
	.vidioc_prepare_buf = vb2_ioctl_prepare_buf,
	.vidioc_querybuf = vb2_ioctl_querybuf,
	.vidioc_qbuf = mcpp_vid_qbuf,
	.vidioc_dqbuf = mcpp_vid_dqbuf,
	.vidioc_expbuf = vb2_ioctl_expbuf,
	.vidioc_streamon = mcpp_vid_streamon,
	.vidioc_streamoff = vb2_ioctl_streamoff,
	/* Nodes with controls only (disabled otherwise): control events. */
	.vidioc_subscribe_event = v4l2_ctrl_subscribe_event,
	.vidioc_unsubscribe_event = v4l2_event_unsubscribe,
};

/*
 * The node's ioctl: a blocking DQEVENT here (it also ends, -ENODEV, at
 * unregister: mcpp_event_dequeue()), everything else to the V4L2 core. As on
 * sub-device nodes, other layouts of DQEVENT wait here and are then dequeued
 * by the V4L2 core.
 */
static long mcpp_vid_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct video_device *vdev = video_devdata(file);
	bool nonblocking = file->f_flags & O_NONBLOCK;
	struct v4l2_event ev;
	long ret;

	if (!to_video(file)->has_ctrls || _IOC_TYPE(cmd) != 'V' ||
	    _IOC_NR(cmd) != _IOC_NR(VIDIOC_DQEVENT))
		return video_ioctl2(file, cmd, arg);
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
	return video_ioctl2(file, cmd, arg);
}

/*
 * The V4L2 core found the node registered, but unregister may run before
 * the open gets here: the guard makes an open either finish before
 * unregister returns (its file then gets -ENODEV) or fail with -ENODEV.
 */
static int mcpp_vid_open(struct file *file)
{
	struct mcpp_video *v = to_video(file);

	mcpp_hook(MCPP_HOOK_NODE_OPEN);
	CLASS(mcpp_vid_live, live)(v);
	if (!live.mdev)
		return -ENODEV;
	return v4l2_fh_open(file);
}

static const struct v4l2_file_operations mcpp_vid_fops = {
	.owner = THIS_MODULE, /* replaced per node by the driver's module */
	.open = mcpp_vid_open,
	.release = vb2_fop_release,
	.poll = vb2_fop_poll,
	.mmap = vb2_fop_mmap,
	.unlocked_ioctl = mcpp_vid_ioctl,
};

static bool mcpp_is_meta(struct mcpp_video *v)
{
	return v->queue.type != V4L2_BUF_TYPE_VIDEO_CAPTURE;
}

/* The size of one buffer in the current format. */
static u32 mcpp_buffer_size(struct mcpp_video *v)
{
	return mcpp_is_meta(v) ? v->meta.buffersize : v->fmt.sizeimage;
}

/*
 * The largest buffer any format of the node needs, from the driver's own
 * adjust operation at the largest size (the operation takes any values,
 * userspace's TRY_FMT passes them too).
 */
static int mcpp_max_buffer_size(struct mcpp_video *v, u32 *max)
{
	u32 i, fmt;

	CLASS(mcpp_live, live)(v->mdev);
	if (!live.mdev)
		return -ENODEV;
	*max = mcpp_buffer_size(v);
	for (i = 0; i < 256 && !v->ops->enum_fmt(v->drvdata, i, 0, &fmt); i++) {
		if (mcpp_is_meta(v)) {
			struct v4l2_meta_format meta = { .dataformat = fmt, .buffersize = U32_MAX };

			v->ops->adjust_meta(v->drvdata, &meta);
			*max = max(*max, meta.buffersize);
		} else {
			struct v4l2_pix_format pix = {
				.width = U32_MAX, .height = U32_MAX, .pixelformat = fmt,
				.field = V4L2_FIELD_NONE,
			};

			v->ops->adjust_fmt(v->drvdata, &pix);
			*max = max(*max, pix.sizeimage);
		}
	}
	return 0;
}

/*
 * CREATE_BUFS: a plane of at least the current format's size, and at most
 * MCPP_CREATE_BUFS_SLACK more than the largest format of the node needs
 * (room for a format set later, or to spare: v4l2-compliance asks for the
 * current size plus 1 MiB). Without a bound, a size of a few GiB reaches
 * vmalloc (a warning, and with enough buffers the OOM killer).
 */
static int mcpp_create_bufs_size(struct mcpp_video *v, unsigned int size)
{
	u32 max;
	int ret;

	if (size < mcpp_buffer_size(v))
		return -EINVAL;
	ret = mcpp_max_buffer_size(v, &max);
	if (ret)
		return ret;
	return size > (u64)max + MCPP_CREATE_BUFS_SLACK ? -EINVAL : 0;
}

static int mcpp_vb_queue_setup(struct vb2_queue *q, unsigned int *nbuffers,
			       unsigned int *nplanes, unsigned int sizes[],
			       struct device *alloc_devs[])
{
	struct mcpp_video *v = vb2_get_drv_priv(q);

	if (*nplanes)
		return *nplanes == 1 ? mcpp_create_bufs_size(v, sizes[0]) : -EINVAL;
	*nplanes = 1;
	sizes[0] = mcpp_buffer_size(v);
	return 0;
}

/* Capture buffers come back full; output buffers carry what userspace wrote. */
static int mcpp_vb_buf_prepare(struct vb2_buffer *vb)
{
	struct mcpp_video *v = vb2_get_drv_priv(vb->vb2_queue);

	if (vb2_plane_size(vb, 0) < mcpp_buffer_size(v))
		return -EINVAL;
	if (!V4L2_TYPE_IS_OUTPUT(vb->type))
		vb2_set_plane_payload(vb, 0, mcpp_buffer_size(v));
	return 0;
}

static void mcpp_vb_buf_queue(struct vb2_buffer *vb)
{
	struct mcpp_video *v = vb2_get_drv_priv(vb->vb2_queue);
	struct mcpp_buffer *buf = container_of(to_vb2_v4l2_buffer(vb), struct mcpp_buffer, vb);
	unsigned long flags;

	spin_lock_irqsave(&v->pending_lock, flags);
	list_add_tail(&buf->list, &v->pending);
	spin_unlock_irqrestore(&v->pending_lock, flags);
}

static void mcpp_return_pending(struct mcpp_video *v, enum vb2_buffer_state state)
{
	struct mcpp_buffer *buf;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&v->pending_lock, flags);
		buf = list_first_entry_or_null(&v->pending, struct mcpp_buffer, list);
		if (buf)
			list_del(&buf->list);
		spin_unlock_irqrestore(&v->pending_lock, flags);
		if (!buf)
			return;
		vb2_buffer_done(&buf->vb.vb2_buf, state);
	}
}

static struct mcpp_v4l2 *video_v4l2(struct mcpp_video *v)
{
	return container_of(v->vdev.v4l2_dev, struct mcpp_v4l2, v4l2_dev);
}

static struct v4l2_mbus_framefmt pad_format(struct mcpp_subdev *s, u16 pad)
{
	struct v4l2_subdev_state *state = v4l2_subdev_lock_and_get_active_state(&s->sd);
	struct v4l2_mbus_framefmt fmt = *v4l2_subdev_state_get_format(state, pad);

	v4l2_subdev_unlock_state(state);
	return fmt;
}

/* Can the node's driver turn media bus @code into @format? */
static bool video_accepts(struct mcpp_video *v, u32 code, u32 format)
{
	u32 i, f;

	for (i = 0; !v->ops->enum_fmt(v->drvdata, i, code, &f); i++)
		if (f == format)
			return true;
	return false;
}

/*
 * One link of the pipeline (inside the guard, stream_lock held): the active
 * formats agree pad to pad (or as the sink sub-device's driver says), and
 * the last sub-device's output is what the node captures.
 *
 * Both ends are claimed by the pipeline already; their layout controls are
 * grabbed here, before any of their formats is read. Every member of a new
 * pipeline is an end of one of its links, and each of them is checked.
 */
static int mcpp_vid_validate(void *ctx, struct mcpp_entity *source, u16 source_pad,
			     struct mcpp_entity *sink, u16 sink_pad)
{
	struct mcpp_video *v = ctx;
	struct mcpp_subdev *src = mcpp_subdev_of(video_v4l2(v), source);
	struct mcpp_subdev *dst = mcpp_subdev_of(video_v4l2(v), sink);
	struct v4l2_mbus_framefmt out, in;
	bool ok;

	if (src)
		mcpp_subdev_claimed(video_v4l2(v), src);
	if (dst)
		mcpp_subdev_claimed(video_v4l2(v), dst);
	if (!src)
		return 0; /* not a V4L2 sub-device: nothing to compare */
	out = pad_format(src, source_pad);
	if (sink == v->entity && mcpp_is_meta(v)) {
		ok = video_accepts(v, out.code, v->meta.dataformat);
	} else if (sink == v->entity) {
		ok = out.width == v->fmt.width && out.height == v->fmt.height &&
		     video_accepts(v, out.code, v->fmt.pixelformat);
	} else {
		if (!dst)
			return 0;
		in = pad_format(dst, sink_pad);
		if (dst->ops->link_validate)
			return dst->ops->link_validate(dst->drvdata, sink_pad, &out, &in);
		ok = out.width == in.width && out.height == in.height && out.code == in.code;
	}
	if (!ok)
		dev_dbg(mcpp_device_parent(v->mdev), "%s: link %s:%u -> %s:%u: format mismatch\n",
			v->vdev.name, mcpp_entity_name(source), source_pad, mcpp_entity_name(sink),
			sink_pad);
	return ok ? 0 : -EPIPE;
}

/* Stops the first @n sub-devices of the stream, farthest first. */
static void mcpp_vid_stop_subdevs(struct mcpp_video *v, unsigned int n)
{
	struct mcpp_subdev *s;

	while (n--) {
		s = mcpp_subdev_of(video_v4l2(v), mcpp_pipeline_entity(v->pipeline, n + 1));
		if (s)
			mcpp_subdev_stream_put(s);
	}
}

/* stream_lock held: sub-devices shared with other streams start once. */
static int mcpp_vid_start_pipeline(struct mcpp_video *v)
{
	struct mcpp_subdev *s;
	unsigned int i;
	int ret = 0;

	v->pipeline = mcpp_pipeline_start(v->entity, mcpp_vid_validate, v);
	if (IS_ERR(v->pipeline)) {
		ret = PTR_ERR(v->pipeline);
		v->pipeline = NULL;
		mcpp_subdev_release_unclaimed(video_v4l2(v));
		return ret;
	}
	mcpp_hook(MCPP_HOOK_STREAM_START);
	/* Nearest first: the consumer is ready before its producer starts. */
	for (i = 1; i < mcpp_pipeline_size(v->pipeline); i++) {
		s = mcpp_subdev_of(video_v4l2(v), mcpp_pipeline_entity(v->pipeline, i));
		ret = s ? mcpp_subdev_stream_get(s) : 0;
		if (ret)
			break;
	}
	v->started = i - 1;
	if (!ret && mcpp_injected(v, MCPP_INJECT_START))
		ret = -EIO; /* an injected failure of the driver's start */
	if (!ret)
		ret = v->ops->start_streaming(v->drvdata);
	if (ret) {
		mcpp_vid_stop_subdevs(v, v->started);
		mcpp_pipeline_stop(v->pipeline);
		v->pipeline = NULL;
		mcpp_subdev_release_unclaimed(video_v4l2(v));
	}
	return ret;
}

static int mcpp_vb_start_streaming(struct vb2_queue *q, unsigned int count)
{
	struct mcpp_video *v = vb2_get_drv_priv(q);
	int ret = -ENODEV;

	/* The wraps in force for this stream (mcpp_video_inject()). */
	v->seq_offset = READ_ONCE(v->seq_wrap) ? 0u - 16u : 0;
	v->time_offset = READ_ONCE(v->time_wrap) ?
		((u64)U32_MAX - 15) * NSEC_PER_SEC - ktime_get_ns() : 0;
	scoped_class(mcpp_live, live, v->mdev) {
		if (!live.mdev)
			break;
		if (V4L2_TYPE_IS_OUTPUT(q->type)) {
			/* Feeds a pipeline (ISP parameters) but does not start one. */
			ret = mcpp_injected(v, MCPP_INJECT_START) ? -EIO :
				v->ops->start_streaming(v->drvdata);
		} else {
			mutex_lock(&video_v4l2(v)->stream_lock);
			ret = mcpp_vid_start_pipeline(v);
			mutex_unlock(&video_v4l2(v)->stream_lock);
		}
	}
	if (ret)
		mcpp_return_pending(v, VB2_BUF_STATE_QUEUED);
	return ret;
}

/*
 * Not fenced by the guard: unregister itself stops streaming through here,
 * after revoking, and the driver must get its buffers back.
 */
static void mcpp_vb_stop_streaming(struct vb2_queue *q)
{
	struct mcpp_video *v = vb2_get_drv_priv(q);

	v->ops->stop_streaming(v->drvdata);
	mcpp_hook(MCPP_HOOK_STREAM_STOP);
	mutex_lock(&video_v4l2(v)->stream_lock);
	if (v->pipeline) {
		mcpp_vid_stop_subdevs(v, v->started);
		mcpp_pipeline_stop(v->pipeline);
		v->pipeline = NULL;
		mcpp_subdev_release_unclaimed(video_v4l2(v));
	}
	mutex_unlock(&video_v4l2(v)->stream_lock);
	mcpp_return_pending(v, VB2_BUF_STATE_ERROR);
}

static const struct vb2_ops mcpp_vb_ops = {
	.queue_setup = mcpp_vb_queue_setup,
	.buf_prepare = mcpp_vb_buf_prepare,
	.buf_queue = mcpp_vb_buf_queue,
	.start_streaming = mcpp_vb_start_streaming,
	.stop_streaming = mcpp_vb_stop_streaming,
	.wait_prepare = vb2_ops_wait_prepare,
	.wait_finish = vb2_ops_wait_finish,
};

static void mcpp_vid_release(struct video_device *vdev)
{
	struct mcpp_video *v = container_of(vdev, struct mcpp_video, vdev);
	/* Lifetime: the node's v4l2_device reference is dropped after we return. */
	struct mcpp_v4l2 *v4l2 = container_of(vdev->v4l2_dev, struct mcpp_v4l2, v4l2_dev);

	mutex_lock(&v4l2->lock);
	list_del_init(&v->node);
	mutex_unlock(&v4l2->lock);
	mcpp_entity_put(v->entity);
	v4l2_ctrl_handler_free(&v->ctrls);
	mutex_destroy(&v->lock);
	kfree(v);
}

static int mcpp_vid_s_ctrl(struct v4l2_ctrl *ctrl)
{
	struct mcpp_video *v = container_of(ctrl->handler, struct mcpp_video, ctrls);

	CLASS(mcpp_vid_live, live)(v);
	if (!live.mdev)
		return -ENODEV;
	return v->ops->s_ctrl(v->drvdata, ctrl->id, ctrl->val);
}

/* A volatile control (the driver's g_ctrl; only those are flagged so). */
static int mcpp_vid_g_volatile_ctrl(struct v4l2_ctrl *ctrl)
{
	struct mcpp_video *v = container_of(ctrl->handler, struct mcpp_video, ctrls);
	s64 value = 0;
	int ret;

	CLASS(mcpp_vid_live, live)(v);
	if (!live.mdev)
		return -ENODEV;
	ret = v->ops->g_ctrl(v->drvdata, ctrl->id, &value);
	if (!ret)
		ctrl->val = value;
	return ret;
}

static const struct v4l2_ctrl_ops mcpp_vid_ctrl_ops = {
	.g_volatile_ctrl = mcpp_vid_g_volatile_ctrl,
	.s_ctrl = mcpp_vid_s_ctrl,
};

/*
 * The driver's controls (ops->ctrls): a handler the node's files see, with
 * control events. Before the node is registered (the V4L2 core decides then
 * which control ioctls the node has).
 */
static int mcpp_vid_init_ctrls(struct mcpp_video *v)
{
	const struct mcpp_ctrl_desc *descs = NULL;
	unsigned int i, n = v->ops->ctrls ? v->ops->ctrls(v->drvdata, &descs) : 0;
	u32 allowed;

	v4l2_ctrl_handler_init(&v->ctrls, n);
	if (!n) {
		v4l2_disable_ioctl(&v->vdev, VIDIOC_SUBSCRIBE_EVENT);
		v4l2_disable_ioctl(&v->vdev, VIDIOC_UNSUBSCRIBE_EVENT);
		v4l2_disable_ioctl(&v->vdev, VIDIOC_DQEVENT);
		return 0;
	}
	if (!descs || !v->ops->s_ctrl)
		return -EINVAL;
	allowed = V4L2_CTRL_FLAG_EXECUTE_ON_WRITE;
	if (v->ops->g_ctrl)
		allowed |= V4L2_CTRL_FLAG_VOLATILE;
	for (i = 0; i < n; i++) {
		if ((descs[i].flags & ~allowed) && !v->ctrls.error)
			v->ctrls.error = -EINVAL;
		mcpp_ctrl_new(&v->ctrls, &mcpp_vid_ctrl_ops, &descs[i]);
	}
	if (v->ctrls.error)
		return v->ctrls.error;
	v->vdev.ctrl_handler = &v->ctrls;
	v->has_ctrls = true;
	return v4l2_ctrl_handler_setup(&v->ctrls);
}

/* Type-specific: the default format, direction and capabilities. */
static void mcpp_node_init_type(struct mcpp_video *v, u32 type)
{
	v->queue.type = type;
	v->vdev.vfl_dir = V4L2_TYPE_IS_OUTPUT(type) ? VFL_DIR_TX : VFL_DIR_RX;
	v->vdev.device_caps = V4L2_CAP_STREAMING | V4L2_CAP_IO_MC;
	switch (type) {
	case V4L2_BUF_TYPE_VIDEO_CAPTURE:
		/* A default that streams with no configuration: VGA, then the driver's say. */
		v->fmt.width = 640;
		v->fmt.height = 480;
		v->ops->adjust_fmt(v->drvdata, &v->fmt);
		v->vdev.device_caps |= V4L2_CAP_VIDEO_CAPTURE;
		v->queue.min_queued_buffers = 1;
		break;
	case V4L2_BUF_TYPE_META_CAPTURE:
		v->ops->adjust_meta(v->drvdata, &v->meta);
		v->vdev.device_caps |= V4L2_CAP_META_CAPTURE;
		v->queue.min_queued_buffers = 1;
		break;
	default:
		/* Parameters: the driver takes them when it has a frame to apply them to. */
		v->ops->adjust_meta(v->drvdata, &v->meta);
		v->vdev.device_caps |= V4L2_CAP_META_OUTPUT;
		break;
	}
	/* Sizes and rates: video capture nodes whose driver has them. */
	if (type != V4L2_BUF_TYPE_VIDEO_CAPTURE || !v->ops->enum_framesize)
		v4l2_disable_ioctl(&v->vdev, VIDIOC_ENUM_FRAMESIZES);
	if (type != V4L2_BUF_TYPE_VIDEO_CAPTURE || !v->ops->frame_interval) {
		v4l2_disable_ioctl(&v->vdev, VIDIOC_ENUM_FRAMEINTERVALS);
		v4l2_disable_ioctl(&v->vdev, VIDIOC_G_PARM);
		v4l2_disable_ioctl(&v->vdev, VIDIOC_S_PARM);
	}
}

/*
 * After a failed __video_register_device() of a video_device we own: free
 * what device_register() left behind, the kobject's name.
 *
 * 6.12's __video_register_device() (drivers/media/v4l2-core/v4l2-dev.c:1055)
 * names the device with dev_set_name(), and when device_register() fails
 * (:1057) goes to its cleanup label without the put_device() that
 * device_register()'s contract asks for (drivers/base/core.c:3849). What that
 * put_device() would free is the name and nothing else: device_add() has
 * already freed dev->p (core.c:3829), deleted the kobject from sysfs and
 * dropped its parent, and the device has no release callback, devres, DMA
 * range map or driver_override yet, so kobject_cleanup() would end in
 * kfree_const(name) (lib/kobject.c:695). Calling put_device() here instead
 * would WARN (the V4L2 core sets the release only after success) and, with
 * DEBUG_KOBJECT_RELEASE, run after the caller has freed the node. A failure
 * before device_register() leaves the name NULL: nothing to do.
 *
 * Sub-device nodes cannot be helped here: __v4l2_device_register_subdev_nodes()
 * allocates their video_device and frees it on this failure itself
 * (v4l2-device.c:228). See Documentation/testing.rst, "Probe fault injection".
 */
static void mcpp_vdev_register_failed(struct video_device *vdev)
{
	kfree_const(vdev->dev.kobj.name);
	vdev->dev.kobj.name = NULL;
}

static struct mcpp_video *mcpp_node_register(struct mcpp_entity *entity, u32 type,
					     const struct mcpp_video_ops *ops, void *drvdata)
{
	struct mcpp_device *mdev = mcpp_entity_device(entity);
	struct mcpp_interface *intf;
	struct mcpp_video *v;
	struct mcpp_v4l2 *v4l2;
	int ret;

	v4l2 = mcpp_device_v4l2(mdev);
	if (IS_ERR(v4l2))
		return ERR_CAST(v4l2);
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return ERR_PTR(-ENOMEM);
	v->mdev = mdev;
	v->ops = ops;
	v->drvdata = drvdata;
	mutex_init(&v->lock);
	spin_lock_init(&v->pending_lock);
	INIT_LIST_HEAD(&v->pending);
	INIT_LIST_HEAD(&v->unplug);
	mcpp_node_init_type(v, type);

	/*
	 * No USERPTR: videobuf2 pins a USERPTR buffer's pages in QBUF under the
	 * queue lock, which unregister takes (vb2_video_unregister_device()) to
	 * stop streaming, so a page fault that never resolves there (userfaultfd,
	 * FUSE) would hold up unbind. DMABUF import covers buffers from
	 * elsewhere, as on rkisp1's capture nodes.
	 */
	v->queue.io_modes = VB2_MMAP | VB2_DMABUF;
	v->queue.drv_priv = v;
	v->queue.buf_struct_size = sizeof(struct mcpp_buffer);
	v->queue.ops = &mcpp_vb_ops;
	v->queue.mem_ops = &vb2_vmalloc_memops;
	v->queue.timestamp_flags = V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC;
	v->queue.lock = &v->lock;
	ret = vb2_queue_init(&v->queue);
	if (ret)
		goto err_free;
	ret = mcpp_vid_init_ctrls(v);
	if (ret)
		goto err_free;

	strscpy(v->vdev.name, mcpp_entity_name(entity), sizeof(v->vdev.name));
	v->vdev.v4l2_dev = &v4l2->v4l2_dev;
	v->vdev.fops = &mcpp_vid_fops;
	v->vdev.ioctl_ops = &mcpp_vid_ioctl_ops;
	v->vdev.release = mcpp_vid_release;
	v->vdev.lock = &v->lock;
	v->vdev.queue = &v->queue;
	video_set_drvdata(&v->vdev, v);
	v->entity = mcpp_entity_get(entity);

	mutex_lock(&v4l2->lock);
	list_add_tail(&v->node, &v4l2->videos);
	mutex_unlock(&v4l2->lock);
	/* The driver's module owns the node: its open files pin it. */
	ret = __video_register_device(&v->vdev, VFL_TYPE_VIDEO, -1, 1, mcpp_device_owner(mdev));
	if (ret) {
		mcpp_vdev_register_failed(&v->vdev);
		mutex_lock(&v4l2->lock);
		list_del(&v->node);
		mutex_unlock(&v4l2->lock);
		mcpp_entity_put(v->entity);
		goto err_free;
	}

	intf = mcpp_interface_create(mdev, MEDIA_INTF_T_V4L_VIDEO, VIDEO_MAJOR, v->vdev.minor);
	if (IS_ERR(intf))
		return ERR_CAST(intf);
	ret = mcpp_interface_link_create(intf, entity);
	mcpp_interface_put(intf); /* the graph holds it */
	return ret < 0 ? ERR_PTR(ret) : v;

err_free:
	v4l2_ctrl_handler_free(&v->ctrls);
	mutex_destroy(&v->lock);
	kfree(v);
	return ERR_PTR(ret);
}

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

bool mcpp_video_streams_through(struct mcpp_video *v, struct mcpp_entity *entity)
{
	unsigned int i;

	for (i = 0; v->pipeline && i < mcpp_pipeline_size(v->pipeline); i++)
		if (mcpp_pipeline_entity(v->pipeline, i) == entity)
			return true;
	return false;
}

void mcpp_video_source_gone(struct mcpp_video *v)
{
	/* The queue's bit-fields change under its lock; a stopped queue stays clean. */
	mutex_lock(&v->lock);
	if (vb2_is_streaming(&v->queue))
		vb2_queue_error(&v->queue);
	mutex_unlock(&v->lock);
	mcpp_return_pending(v, VB2_BUF_STATE_ERROR);
}

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
