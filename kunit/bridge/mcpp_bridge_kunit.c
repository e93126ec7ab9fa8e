// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_bridge: the V4L2 sub-device bridge's lifetime. Nodes are opened for
 * real (filp_open() on devtmpfs), so the V4L2 core's own release chain runs:
 * node release -> entity reference -> v4l2_device release -> media device
 * reference -> the driver's release callback, exactly once, after the last
 * close. Written in C: it drives kernel file and V4L2 APIs directly.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/media.h>
#include <linux/media-bus-format.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-subdev.h>
#include <media/videobuf2-core.h>
#include <media/videobuf2-v4l2.h>
#include <linux/videodev2.h>

#include <mcpp/mcpp.h>
#include <mcpp/test.h>
#include <mcpp/v4l2.h>

/* SETUP_LINK copies nothing out; an I/O that would fail loudly if it did. */
static int bridge_no_copy(const struct mcpp_user_io *io, u64 uptr, const void *src, size_t size)
{
	return -EFAULT;
}

static const struct mcpp_user_io bridge_io = { .copy_out = bridge_no_copy };

static struct platform_device *bridge_pdev;

struct bridge_drv {
	int released;
	int ops_called;
	struct completion release_done;
};

static void bridge_release(void *drvdata)
{
	struct bridge_drv *drv = drvdata;

	drv->released++;
	complete(&drv->release_done);
}

static const struct mcpp_device_ops bridge_ops = {
	.owner = THIS_MODULE,
	.release = bridge_release,
};

static void bridge_init_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	fmt->code = MEDIA_BUS_FMT_SRGGB10_1X10;
	fmt->width = 640;
	fmt->height = 480;
}

static void bridge_adjust_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	struct bridge_drv *drv = drvdata;

	drv->ops_called++;
	bridge_init_format(drvdata, pad, fmt);
}

static int bridge_enum_mbus_code(void *drvdata, struct v4l2_subdev_mbus_code_enum *code)
{
	return -EINVAL;
}

static int bridge_enum_frame_size(void *drvdata, struct v4l2_subdev_frame_size_enum *fse)
{
	return -EINVAL;
}

static const struct mcpp_subdev_ops bridge_subdev_ops = {
	.init_format = bridge_init_format,
	.adjust_format = bridge_adjust_format,
	.enum_mbus_code = bridge_enum_mbus_code,
	.enum_frame_size = bridge_enum_frame_size,
};

/* A capture node whose driver never produces: queued buffers stay queued. */
struct bridge_video_drv {
	int starts, stops;
	bool output;		/* metadata: parameters rather than statistics */
};

static int bridge_enum_fmt(void *drvdata, u32 index, u32 mbus_code, u32 *pixelformat)
{
	if (index)
		return -EINVAL;
	*pixelformat = V4L2_PIX_FMT_GREY;
	return 0;
}

static void bridge_adjust_fmt(void *drvdata, struct v4l2_pix_format *pix)
{
	pix->pixelformat = V4L2_PIX_FMT_GREY;
	pix->width = 64;
	pix->height = 64;
	pix->field = V4L2_FIELD_NONE;
	pix->bytesperline = 64;
	pix->sizeimage = 64 * 64;
}

static int bridge_start(void *drvdata)
{
	((struct bridge_video_drv *)drvdata)->starts++;
	return 0;
}

static void bridge_stop(void *drvdata)
{
	((struct bridge_video_drv *)drvdata)->stops++;
}

static const struct mcpp_video_ops bridge_video_ops = {
	.enum_fmt = bridge_enum_fmt,
	.adjust_fmt = bridge_adjust_fmt,
	.start_streaming = bridge_start,
	.stop_streaming = bridge_stop,
};

struct bridge {
	struct bridge_drv drv;
	struct mcpp_device *mdev;
	struct mcpp_entity *entity;
	struct v4l2_subdev *sd;
	struct file *node;
};

/* A device with one entity that has a sub-device node, opened. */
static void bridge_setup(struct kunit *test, struct bridge *b)
{
	static const u32 pads[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
	struct mcpp_device_info info = { .driver = "mcpp_bridge", .model = "bridge" };
	char path[48];

	memset(b, 0, sizeof(*b));
	init_completion(&b->drv.release_done);
	b->mdev = mcpp_device_create(&bridge_pdev->dev, &info, &bridge_ops, &b->drv);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->mdev));
	b->entity = mcpp_entity_create(b->mdev, "bridged", MEDIA_ENT_F_PROC_VIDEO_ISP, 0, 2, pads);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->entity));
	KUNIT_ASSERT_EQ(test, mcpp_subdev_register(b->entity, &bridge_subdev_ops, &b->drv, NULL, 0), 0);
	KUNIT_ASSERT_EQ(test, mcpp_device_register(b->mdev), 0);
	b->sd = mcpp_test_entity_subdev(b->entity);
	KUNIT_ASSERT_NOT_NULL(test, b->sd);
	snprintf(path, sizeof(path), "/dev/%s", video_device_node_name(b->sd->devnode));
	b->node = filp_open(path, O_RDWR, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(b->node), "open %s: %ld", path, PTR_ERR(b->node));
}

static int bridge_set_fmt(struct bridge *b)
{
	struct v4l2_subdev_format fmt = { .which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = 0 };
	struct v4l2_subdev_state *state = v4l2_subdev_lock_and_get_active_state(b->sd);
	int ret;

	ret = v4l2_subdev_call(b->sd, pad, set_fmt, state, &fmt);
	v4l2_subdev_unlock_state(state);
	return ret;
}

static void bridge_release_after_last_close(struct kunit *test)
{
	struct bridge *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	bridge_setup(test, b);
	KUNIT_EXPECT_EQ(test, bridge_set_fmt(b), 0);
	KUNIT_EXPECT_EQ(test, b->drv.ops_called, 1);

	mcpp_device_unregister(b->mdev);
	/* The node is gone for new opens; our open file still holds it. */
	KUNIT_EXPECT_FALSE(test, video_is_registered(b->sd->devnode));
	/* No driver op after unregister returned. */
	KUNIT_EXPECT_EQ(test, bridge_set_fmt(b), -ENODEV);
	KUNIT_EXPECT_EQ(test, b->drv.ops_called, 1);

	mcpp_entity_put(b->entity);
	mcpp_device_put(b->mdev);
	/* node -> entity -> device: nothing released while the file is open. */
	KUNIT_EXPECT_FALSE(test, wait_for_completion_timeout(&b->drv.release_done, HZ / 5));
	KUNIT_EXPECT_EQ(test, b->drv.released, 0);
	filp_close(b->node, NULL);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&b->drv.release_done, 15 * HZ));
	KUNIT_EXPECT_EQ(test, b->drv.released, 1);
}

struct bridge_park {
	struct bridge *b;
	struct completion parked, resume, unreg_done;
	int op_ret;
};

static void bridge_park_hook(void *ctx, enum mcpp_hook_point point)
{
	struct bridge_park *p = ctx;

	complete(&p->parked);
	wait_for_completion(&p->resume);
}

static int bridge_op_thread(void *arg)
{
	struct bridge_park *p = arg;

	p->op_ret = bridge_set_fmt(p->b);
	return 0;
}

static int bridge_unreg_thread(void *arg)
{
	struct bridge_park *p = arg;

	mcpp_device_unregister(p->b->mdev);
	complete_all(&p->unreg_done);	/* stays done for every later wait */
	return 0;
}

/* A pad op parked inside the guard: unregister waits for exactly it. */
static void bridge_race_op_vs_unregister(struct kunit *test)
{
	struct bridge *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct bridge_park *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct task_struct *op, *unreg;

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, p);
	bridge_setup(test, b);
	p->b = b;
	init_completion(&p->parked);
	init_completion(&p->resume);
	init_completion(&p->unreg_done);
	mcpp_hook_arm(MCPP_HOOK_SUBDEV_OP, bridge_park_hook, p);

	op = kthread_run(bridge_op_thread, p, "mcpp-sd-op");
	KUNIT_ASSERT_FALSE(test, IS_ERR(op));
	get_task_struct(op);
	wait_for_completion(&p->parked);
	unreg = kthread_run(bridge_unreg_thread, p, "mcpp-sd-unreg");
	KUNIT_ASSERT_FALSE(test, IS_ERR(unreg));
	get_task_struct(unreg);
	KUNIT_EXPECT_FALSE(test, wait_for_completion_timeout(&p->unreg_done, HZ / 5));
	KUNIT_EXPECT_EQ(test, b->drv.ops_called, 0);
	complete(&p->resume);
	wait_for_completion(&p->unreg_done);
	kthread_stop(op);
	kthread_stop(unreg);
	put_task_struct(op);
	put_task_struct(unreg);
	KUNIT_EXPECT_EQ(test, p->op_ret, 0);	/* it was inside: it finished */
	KUNIT_EXPECT_EQ(test, b->drv.ops_called, 1);
	KUNIT_EXPECT_EQ(test, bridge_set_fmt(b), -ENODEV);

	filp_close(b->node, NULL);
	mcpp_entity_put(b->entity);
	mcpp_device_put(b->mdev);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&b->drv.release_done, 15 * HZ));
	KUNIT_EXPECT_EQ(test, b->drv.released, 1);
}

/*
 * Unregister while streaming, with the node open and two buffers queued:
 * the driver's stop runs exactly once, inside unregister; the buffers are
 * returned; the node, entity and device are released after the last close.
 */
static void bridge_video_streaming_vs_unregister(struct kunit *test)
{
	static const u32 sink[] = { MEDIA_PAD_FL_SINK };
	struct mcpp_device_info info = { .driver = "mcpp_bridge", .model = "video" };
	struct bridge *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct bridge_video_drv *vd = kunit_kzalloc(test, sizeof(*vd), GFP_KERNEL);
	unsigned int count = 2, i;
	struct mcpp_video *video;
	struct vb2_queue *q;
	char path[48];

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, vd);
	init_completion(&b->drv.release_done);
	b->mdev = mcpp_device_create(&bridge_pdev->dev, &info, &bridge_ops, &b->drv);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->mdev));
	b->entity = mcpp_entity_create(b->mdev, "capture", MEDIA_ENT_F_IO_V4L, 0, 1, sink);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b->entity));
	video = mcpp_video_register(b->entity, &bridge_video_ops, vd);
	KUNIT_ASSERT_FALSE(test, IS_ERR(video));
	KUNIT_ASSERT_EQ(test, mcpp_device_register(b->mdev), 0);
	snprintf(path, sizeof(path), "/dev/%s",
		 video_device_node_name(mcpp_test_video_device(video)));
	b->node = filp_open(path, O_RDWR, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(b->node), "open %s: %ld", path, PTR_ERR(b->node));

	q = mcpp_test_video_queue(video);
	mutex_lock(q->lock);
	KUNIT_EXPECT_EQ(test, vb2_core_reqbufs(q, VB2_MEMORY_MMAP, 0, &count), 0);
	for (i = 0; i < count; i++)
		KUNIT_EXPECT_EQ(test, vb2_core_qbuf(q, vb2_get_buffer(q, i), NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, vb2_core_streamon(q, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	KUNIT_EXPECT_EQ(test, vb2_get_num_buffers(q), 2);
	mutex_unlock(q->lock);
	KUNIT_EXPECT_EQ(test, vd->starts, 1);
	KUNIT_EXPECT_EQ(test, vd->stops, 0);

	mcpp_device_unregister(b->mdev);
	KUNIT_EXPECT_EQ(test, vd->stops, 1);	/* stopped inside unregister */
	KUNIT_EXPECT_FALSE(test, vb2_is_streaming(q));
	KUNIT_EXPECT_NULL(test, mcpp_video_next_buffer(video)); /* all returned */
	mcpp_entity_put(b->entity);
	mcpp_device_put(b->mdev);
	KUNIT_EXPECT_EQ(test, b->drv.released, 0);	/* the open node holds it */
	filp_close(b->node, NULL);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&b->drv.release_done, 15 * HZ));
	KUNIT_EXPECT_EQ(test, b->drv.released, 1);
	KUNIT_EXPECT_EQ(test, vd->stops, 1);
}

/*
 * Pipelines, all V4L2 nodes, each sub-device with its own media bus code and
 * s_stream recorder:
 *
 *   sensor:0 -> isp:0, isp:1 -> capture:0, isp:2 -> capture2:0
 *   sensor:0 -> tap:0 (DYNAMIC, disabled), tap:1 -> capture3:0
 */
struct pipe_sd {
	struct pipe_fixture *f;
	u32 code;
	int fail_start;		/* s_stream(1) returns this */
	char tag;		/* recorded as tag (start) or tag - 32 (stop) */
	int validated;		/* link_validate calls */
	int verdict;		/* what link_validate returns */
	int calls;		/* selection, interval and set_format calls */
};

struct pipe_fixture {
	struct bridge_drv drv;
	struct bridge_video_drv vd, vd2, vd3;
	struct mcpp_device *mdev;
	struct mcpp_entity *sensor, *isp, *tap, *capture, *capture2, *capture3;
	struct mcpp_video *video, *video2, *video3;
	struct pipe_sd sd_sensor, sd_isp, sd_tap;
	const struct mcpp_subdev_ops *sensor_ops;	/* NULL: pipe_subdev_ops */
	const struct mcpp_ctrl_desc *sensor_ctrls;	/* with sensor_ops */
	unsigned int num_sensor_ctrls;
	char log[16];		/* s_stream calls, in order */
	int nlog;
};

static void pipe_init_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	struct pipe_sd *sd = drvdata;

	fmt->code = sd->code;
	fmt->width = 64;
	fmt->height = 64;
	fmt->field = V4L2_FIELD_NONE;
}

static void pipe_adjust_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	pipe_init_format(drvdata, pad, fmt);
}

static int pipe_s_stream(void *drvdata, int enable)
{
	struct pipe_sd *sd = drvdata;
	struct pipe_fixture *f = sd->f;

	if (f->nlog < (int)sizeof(f->log) - 1)
		f->log[f->nlog++] = enable ? sd->tag : sd->tag - 32;
	return enable ? sd->fail_start : 0;
}

static const struct mcpp_subdev_ops pipe_subdev_ops = {
	.init_format = pipe_init_format,
	.adjust_format = pipe_adjust_format,
	.enum_mbus_code = bridge_enum_mbus_code,
	.enum_frame_size = bridge_enum_frame_size,
	.s_stream = pipe_s_stream,
};

/* The tap takes any code on its sink pad, if the size matches, unless told no. */
static int pipe_link_validate(void *drvdata, u32 sink_pad, const struct v4l2_mbus_framefmt *source,
			      const struct v4l2_mbus_framefmt *sink)
{
	struct pipe_sd *sd = drvdata;

	sd->validated++;
	if (source->width != sink->width || source->height != sink->height)
		return -EPIPE;
	return sd->verdict;
}

static const struct mcpp_subdev_ops pipe_tap_ops = {
	.init_format = pipe_init_format,
	.adjust_format = pipe_adjust_format,
	.enum_mbus_code = bridge_enum_mbus_code,
	.enum_frame_size = bridge_enum_frame_size,
	.s_stream = pipe_s_stream,
	.link_validate = pipe_link_validate,
};

/* The capture node takes GREY from SRGGB8 only, 64x64. */
static int pipe_enum_fmt(void *drvdata, u32 index, u32 mbus_code, u32 *pixelformat)
{
	if (index || (mbus_code && mbus_code != MEDIA_BUS_FMT_SRGGB8_1X8))
		return -EINVAL;
	*pixelformat = V4L2_PIX_FMT_GREY;
	return 0;
}

static const struct mcpp_video_ops pipe_video_ops = {
	.enum_fmt = pipe_enum_fmt,
	.adjust_fmt = bridge_adjust_fmt,
	.start_streaming = bridge_start,
	.stop_streaming = bridge_stop,
};

static struct mcpp_entity *pipe_entity(struct kunit *test, struct pipe_fixture *f,
				       const char *name, u32 function, u16 num_pads,
				       const u32 *pads)
{
	struct mcpp_entity *e = mcpp_entity_create(f->mdev, name, function, 0, num_pads, pads);

	KUNIT_ASSERT_FALSE(test, IS_ERR(e));
	return e;
}

static void pipe_link(struct kunit *test, struct mcpp_entity *source, u16 source_pad,
		      struct mcpp_entity *sink, u16 sink_pad, u32 flags)
{
	KUNIT_ASSERT_GT(test, mcpp_link_create(source, source_pad, sink, sink_pad, flags), 0);
}

static struct mcpp_video *pipe_video(struct kunit *test, struct mcpp_entity *e,
				     struct bridge_video_drv *vd)
{
	struct mcpp_video *video = mcpp_video_register(e, &pipe_video_ops, vd);

	KUNIT_ASSERT_FALSE(test, IS_ERR(video));
	return video;
}

static void pipe_setup(struct kunit *test, struct pipe_fixture *f, u32 sensor_code)
{
	static const u32 src[] = { MEDIA_PAD_FL_SOURCE };
	static const u32 isp[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT,
				   MEDIA_PAD_FL_SOURCE, MEDIA_PAD_FL_SOURCE };
	static const u32 sink[] = { MEDIA_PAD_FL_SINK };
	const u32 fixed = MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE;
	struct mcpp_device_info info = { .driver = "mcpp_bridge", .model = "pipeline" };

	init_completion(&f->drv.release_done);
	f->sd_sensor = (struct pipe_sd){ .f = f, .code = sensor_code, .tag = 's' };
	f->sd_isp = (struct pipe_sd){ .f = f, .code = MEDIA_BUS_FMT_SRGGB8_1X8, .tag = 'i' };
	f->sd_tap = (struct pipe_sd){ .f = f, .code = MEDIA_BUS_FMT_SRGGB8_1X8, .tag = 't' };
	f->mdev = mcpp_device_create(&bridge_pdev->dev, &info, &bridge_ops, &f->drv);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f->mdev));
	f->sensor = pipe_entity(test, f, "sensor", MEDIA_ENT_F_CAM_SENSOR, 1, src);
	f->isp = pipe_entity(test, f, "isp", MEDIA_ENT_F_PROC_VIDEO_ISP, 3, isp);
	f->tap = pipe_entity(test, f, "tap", MEDIA_ENT_F_PROC_VIDEO_SCALER, 2, isp);
	f->capture = pipe_entity(test, f, "capture", MEDIA_ENT_F_IO_V4L, 1, sink);
	f->capture2 = pipe_entity(test, f, "capture2", MEDIA_ENT_F_IO_V4L, 1, sink);
	f->capture3 = pipe_entity(test, f, "capture3", MEDIA_ENT_F_IO_V4L, 1, sink);
	pipe_link(test, f->sensor, 0, f->isp, 0, MEDIA_LNK_FL_ENABLED);
	pipe_link(test, f->isp, 1, f->capture, 0, fixed);
	pipe_link(test, f->isp, 2, f->capture2, 0, fixed);
	pipe_link(test, f->sensor, 0, f->tap, 0, MEDIA_LNK_FL_DYNAMIC);
	pipe_link(test, f->tap, 1, f->capture3, 0, fixed);
	KUNIT_ASSERT_EQ(test, mcpp_subdev_register(f->sensor, f->sensor_ops ?: &pipe_subdev_ops,
						   &f->sd_sensor, f->sensor_ctrls,
						   f->num_sensor_ctrls), 0);
	KUNIT_ASSERT_EQ(test, mcpp_subdev_register(f->isp, &pipe_subdev_ops, &f->sd_isp, NULL, 0),
			0);
	KUNIT_ASSERT_EQ(test, mcpp_subdev_register(f->tap, &pipe_tap_ops, &f->sd_tap, NULL, 0), 0);
	f->video = pipe_video(test, f->capture, &f->vd);
	f->video2 = pipe_video(test, f->capture2, &f->vd2);
	f->video3 = pipe_video(test, f->capture3, &f->vd3);
	KUNIT_ASSERT_EQ(test, mcpp_device_register(f->mdev), 0);
}

static int pipe_streamon(struct mcpp_video *video)
{
	struct vb2_queue *q = mcpp_test_video_queue(video);
	unsigned int count = 1;
	int ret;

	mutex_lock(q->lock);
	ret = vb2_core_reqbufs(q, VB2_MEMORY_MMAP, 0, &count);
	if (!ret)
		ret = vb2_core_qbuf(q, vb2_get_buffer(q, 0), NULL, NULL);
	if (!ret)
		ret = vb2_core_streamon(q, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	mutex_unlock(q->lock);
	return ret;
}

static void pipe_streamoff(struct mcpp_video *video)
{
	struct vb2_queue *q = mcpp_test_video_queue(video);

	mutex_lock(q->lock);
	vb2_core_streamoff(q, V4L2_BUF_TYPE_VIDEO_CAPTURE);
	vb2_core_reqbufs(q, VB2_MEMORY_MMAP, 0, &(unsigned int){ 0 });
	mutex_unlock(q->lock);
}

/* SETUP_LINK through /dev/mediaN's ioctl entry point. */
static int pipe_setup_link(struct pipe_fixture *f, struct mcpp_entity *source,
			   struct mcpp_entity *sink, u32 flags)
{
	struct media_link_desc ld = {};
	void *fh;
	int ret;

	ret = mcpp_file_open(f->mdev, &fh);
	if (ret)
		return ret;
	ld.source.entity = mcpp_entity_id(source);
	ld.sink.entity = mcpp_entity_id(sink);
	ld.flags = flags;
	ret = mcpp_file_ioctl(fh, MEDIA_IOC_SETUP_LINK, &ld, &bridge_io);
	mcpp_file_release(fh);
	return ret;
}

static void pipe_teardown(struct kunit *test, struct pipe_fixture *f)
{
	mcpp_device_unregister(f->mdev);
	mcpp_entity_put(f->sensor);
	mcpp_entity_put(f->isp);
	mcpp_entity_put(f->tap);
	mcpp_entity_put(f->capture);
	mcpp_entity_put(f->capture2);
	mcpp_entity_put(f->capture3);
	mcpp_device_put(f->mdev);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&f->drv.release_done, 15 * HZ));
	KUNIT_EXPECT_EQ(test, f->drv.released, 1);
}

static void pipe_log_reset(struct pipe_fixture *f)
{
	f->nlog = 0;
	memset(f->log, 0, sizeof(f->log));
}

/* Valid pipeline: sub-devices start nearest first and stop in reverse. */
static void bridge_pipeline_order(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	pipe_setup(test, f, MEDIA_BUS_FMT_SRGGB8_1X8);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	KUNIT_EXPECT_STREQ(test, f->log, "is");
	KUNIT_EXPECT_EQ(test, f->vd.starts, 1);
	KUNIT_EXPECT_TRUE(test, mcpp_entity_streaming(f->sensor));
	/* The other capture node is inside the pipeline, claimed with it. */
	KUNIT_EXPECT_TRUE(test, mcpp_entity_streaming(f->capture2));
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->tap));

	/* A non-dynamic link of a running pipeline cannot change. */
	KUNIT_EXPECT_EQ(test, pipe_setup_link(f, f->sensor, f->isp, 0), -EBUSY);

	pipe_streamoff(f->video);
	KUNIT_EXPECT_STREQ(test, f->log, "isSI");
	KUNIT_EXPECT_EQ(test, f->vd.stops, 1);
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->sensor));
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->capture2));
	/* Released: a new pipeline can start. */
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	pipe_streamoff(f->video);
	pipe_teardown(test, f);
}

/*
 * One pipeline feeds two capture nodes: the second joins it, the shared
 * sub-devices start once and stop only with the last capture node.
 */
static void bridge_pipeline_shared(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	pipe_setup(test, f, MEDIA_BUS_FMT_SRGGB8_1X8);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video2), 0);
	KUNIT_EXPECT_STREQ(test, f->log, "is");
	KUNIT_EXPECT_EQ(test, f->vd2.starts, 1);

	pipe_streamoff(f->video);
	KUNIT_EXPECT_STREQ(test, f->log, "is");
	KUNIT_EXPECT_TRUE(test, mcpp_entity_streaming(f->isp));
	KUNIT_EXPECT_EQ(test, pipe_setup_link(f, f->sensor, f->isp, 0), -EBUSY);
	/* The first node rejoins the running pipeline. */
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	pipe_streamoff(f->video2);
	KUNIT_EXPECT_STREQ(test, f->log, "is");
	pipe_streamoff(f->video);
	KUNIT_EXPECT_STREQ(test, f->log, "isSI");
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->sensor));
	pipe_teardown(test, f);
}

/*
 * A second pipeline through a busy pad: with the sensor streaming to the
 * ISP, its DYNAMIC link to the tap is enabled; the tap's capture node would
 * start a pipeline reaching into the running one: -EBUSY, nothing started.
 */
static void bridge_pipeline_busy(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	pipe_setup(test, f, MEDIA_BUS_FMT_SRGGB8_1X8);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	KUNIT_EXPECT_EQ(test, pipe_setup_link(f, f->sensor, f->tap, MEDIA_LNK_FL_ENABLED), 0);
	pipe_log_reset(f);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video3), -EBUSY);
	KUNIT_EXPECT_EQ(test, f->nlog, 0);
	KUNIT_EXPECT_EQ(test, f->vd3.starts, 0);
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->tap));
	pipe_streamoff(f->video3);

	/* Free again: the tap's pipeline now includes the ISP's branch. */
	pipe_streamoff(f->video);
	pipe_log_reset(f);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video3), 0);
	KUNIT_EXPECT_STREQ(test, f->log, "ts");
	KUNIT_EXPECT_TRUE(test, mcpp_entity_streaming(f->isp));
	/* capture is in the running pipeline, so it joins (ISP starts now). */
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	KUNIT_EXPECT_STREQ(test, f->log, "tsi");
	pipe_streamoff(f->video3);
	pipe_streamoff(f->video);
	KUNIT_EXPECT_STREQ(test, f->log, "tsiTSI");
	pipe_teardown(test, f);
}

/* The tap's driver decides its sink link: called, and its verdict stands. */
static void bridge_pipeline_link_validate(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	/* A sensor code the tap's sink format does not have: the hook allows it. */
	pipe_setup(test, f, MEDIA_BUS_FMT_SGRBG8_1X8);
	KUNIT_EXPECT_EQ(test, pipe_setup_link(f, f->sensor, f->isp, 0), 0);
	KUNIT_EXPECT_EQ(test, pipe_setup_link(f, f->sensor, f->tap, MEDIA_LNK_FL_ENABLED), 0);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video3), 0);
	KUNIT_EXPECT_EQ(test, f->sd_tap.validated, 1);
	pipe_streamoff(f->video3);

	f->sd_tap.verdict = -EPIPE;
	pipe_log_reset(f);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video3), -EPIPE);
	KUNIT_EXPECT_EQ(test, f->sd_tap.validated, 2);
	KUNIT_EXPECT_EQ(test, f->nlog, 0);
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->sensor));
	pipe_streamoff(f->video3);
	pipe_teardown(test, f);
}

/* Formats disagree: STREAMON fails with EPIPE, nothing started. */
static void bridge_pipeline_mismatch(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	pipe_setup(test, f, MEDIA_BUS_FMT_SGRBG8_1X8);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), -EPIPE);
	KUNIT_EXPECT_EQ(test, f->nlog, 0);
	KUNIT_EXPECT_EQ(test, f->vd.starts, 0);
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(f->sensor));
	pipe_streamoff(f->video);
	pipe_teardown(test, f);
}

/* The sensor fails to start: the ISP, already started, is stopped again. */
static void bridge_pipeline_partial_start_undone(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	pipe_setup(test, f, MEDIA_BUS_FMT_SRGGB8_1X8);
	f->sd_sensor.fail_start = -EIO;
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), -EIO);
	KUNIT_EXPECT_STREQ(test, f->log, "isI");
	KUNIT_EXPECT_EQ(test, f->vd.starts, 0);
	/* Nothing stays claimed: with the fault gone, it starts. */
	f->sd_sensor.fail_start = 0;
	pipe_log_reset(f);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), 0);
	KUNIT_EXPECT_STREQ(test, f->log, "is");
	pipe_streamoff(f->video);
	pipe_teardown(test, f);
}

/* A sensor with a flip that changes its Bayer order, and an exposure. */
static int pipe_s_ctrl(void *drvdata, u32 id, s64 value)
{
	struct pipe_sd *sd = drvdata;

	sd->calls++;
	return 0;
}

static const struct mcpp_subdev_ops pipe_sensor_ctrl_ops = {
	.init_format = pipe_init_format,
	.adjust_format = pipe_adjust_format,
	.enum_mbus_code = bridge_enum_mbus_code,
	.enum_frame_size = bridge_enum_frame_size,
	.s_stream = pipe_s_stream,
	.s_ctrl = pipe_s_ctrl,
};

static const struct mcpp_ctrl_desc pipe_sensor_ctrls[] = {
	{ V4L2_CID_EXPOSURE, 1, 100, 1, 10 },
	{ V4L2_CID_HFLIP, 0, 1, 1, 0, MCPP_CTRL_STD, NULL, NULL, V4L2_CTRL_FLAG_MODIFY_LAYOUT },
};

/* S_CTRL as the ioctl does it, on the sensor's node. */
static int pipe_sensor_ctrl(struct pipe_fixture *f, u32 id, s32 value)
{
	struct v4l2_control c = { .id = id, .value = value };

	return v4l2_s_ctrl(NULL, mcpp_test_entity_subdev(f->sensor)->ctrl_handler, &c);
}

static u32 pipe_sensor_ctrl_flags(struct pipe_fixture *f, u32 id)
{
	return v4l2_ctrl_find(mcpp_test_entity_subdev(f->sensor)->ctrl_handler, id)->flags;
}

/* The sensor's ACTIVE format gets @code (an idle pipeline only). */
static int pipe_sensor_code(struct pipe_fixture *f, u32 code)
{
	struct v4l2_subdev *sd = mcpp_test_entity_subdev(f->sensor);
	struct v4l2_subdev_format fmt = { .which = V4L2_SUBDEV_FORMAT_ACTIVE, .pad = 0 };
	struct v4l2_subdev_state *state = v4l2_subdev_lock_and_get_active_state(sd);
	int ret;

	f->sd_sensor.code = code;
	ret = v4l2_subdev_call(sd, pad, set_fmt, state, &fmt);
	v4l2_subdev_unlock_state(state);
	return ret;
}

struct pipe_start {
	struct pipe_fixture *f;
	struct completion parked, resume, done;
	int ret;
};

static void pipe_park_hook(void *ctx, enum mcpp_hook_point point)
{
	struct pipe_start *ps = ctx;

	complete(&ps->parked);
	wait_for_completion(&ps->resume);
}

static int pipe_streamon_thread(void *arg)
{
	struct pipe_start *ps = arg;

	ps->ret = pipe_streamon(ps->f->video);
	complete(&ps->done);
	return 0;
}

/*
 * A control that changes the sensor's format (MODIFY_LAYOUT: a flip changing
 * its Bayer order) cannot change while a pipeline holds the sensor: not in
 * the window between STREAMON's link check and the driver's s_stream (a
 * STREAMON parked there), not while streaming, not while another node of the
 * pipeline still streams. Other controls can. It is free again when the
 * pipeline ends, and after a STREAMON whose link check failed.
 */
static void bridge_layout_ctrl_claimed(struct kunit *test)
{
	struct pipe_fixture *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	struct pipe_start *ps = kunit_kzalloc(test, sizeof(*ps), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, ps);
	f->sensor_ops = &pipe_sensor_ctrl_ops;
	f->sensor_ctrls = pipe_sensor_ctrls;
	f->num_sensor_ctrls = ARRAY_SIZE(pipe_sensor_ctrls);
	pipe_setup(test, f, MEDIA_BUS_FMT_SRGGB8_1X8);
	KUNIT_EXPECT_TRUE(test, pipe_sensor_ctrl_flags(f, V4L2_CID_HFLIP) &
				V4L2_CTRL_FLAG_MODIFY_LAYOUT);
	KUNIT_EXPECT_FALSE(test, pipe_sensor_ctrl_flags(f, V4L2_CID_EXPOSURE) &
				 V4L2_CTRL_FLAG_MODIFY_LAYOUT);
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_HFLIP, 1), 0);

	ps->f = f;
	init_completion(&ps->parked);
	init_completion(&ps->resume);
	init_completion(&ps->done);
	mcpp_hook_arm(MCPP_HOOK_STREAM_START, pipe_park_hook, ps);
	t = kthread_run(pipe_streamon_thread, ps, "mcpp-streamon");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&ps->parked, 10 * HZ));
	/* Checked, not started: the flip is refused, the exposure is not. */
	KUNIT_EXPECT_EQ(test, f->nlog, 0);
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_HFLIP, 0), -EBUSY);
	KUNIT_EXPECT_TRUE(test, pipe_sensor_ctrl_flags(f, V4L2_CID_HFLIP) &
				V4L2_CTRL_FLAG_GRABBED);
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_EXPOSURE, 20), 0);
	complete(&ps->resume);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&ps->done, 10 * HZ));
	mcpp_hook_disarm(MCPP_HOOK_STREAM_START);
	KUNIT_EXPECT_EQ(test, ps->ret, 0);
	KUNIT_EXPECT_STREQ(test, f->log, "is");

	/* Streaming, and still while the pipeline's other node streams. */
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_HFLIP, 0), -EBUSY);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video2), 0);
	pipe_streamoff(f->video);
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_HFLIP, 0), -EBUSY);
	pipe_streamoff(f->video2);
	KUNIT_EXPECT_FALSE(test, pipe_sensor_ctrl_flags(f, V4L2_CID_HFLIP) &
				 V4L2_CTRL_FLAG_GRABBED);
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_HFLIP, 0), 0);

	/* A STREAMON whose link check fails leaves nothing grabbed. */
	KUNIT_EXPECT_EQ(test, pipe_sensor_code(f, MEDIA_BUS_FMT_SGRBG8_1X8), 0);
	KUNIT_EXPECT_EQ(test, pipe_streamon(f->video), -EPIPE);
	pipe_streamoff(f->video);
	KUNIT_EXPECT_EQ(test, pipe_sensor_ctrl(f, V4L2_CID_HFLIP, 1), 0);
	pipe_teardown(test, f);
}

/*
 * Metadata nodes: sensor:0 -> isp:0, params:0 -> isp:1 (parameters, a
 * metadata output node), isp:2 -> stats:0 (statistics, a metadata capture
 * node), everything enabled.
 */
struct meta_fixture {
	struct pipe_fixture f;	/* mdev, sensor, isp, log; the rest unused */
	struct mcpp_entity *params, *stats;
	struct mcpp_video *params_node, *stats_node;
	struct bridge_video_drv params_drv, stats_drv;
};

static void meta_init_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	pipe_init_format(drvdata, pad, fmt);
	if (pad > 0)
		fmt->code = MEDIA_BUS_FMT_METADATA_FIXED;
}

static const struct mcpp_subdev_ops meta_isp_ops = {
	.init_format = meta_init_format,
	.adjust_format = meta_init_format,
	.enum_mbus_code = bridge_enum_mbus_code,
	.enum_frame_size = bridge_enum_frame_size,
	.s_stream = pipe_s_stream,
};

static int meta_enum_fmt(void *drvdata, u32 index, u32 mbus_code, u32 *format)
{
	struct bridge_video_drv *vd = drvdata;

	if (index || (mbus_code && mbus_code != MEDIA_BUS_FMT_METADATA_FIXED))
		return -EINVAL;
	*format = vd->output ? V4L2_META_FMT_RK_ISP1_PARAMS : V4L2_META_FMT_RK_ISP1_STAT_3A;
	return 0;
}

/* One fixed format each: 4 KiB buffers, whatever is asked. */
static void meta_adjust(void *drvdata, struct v4l2_meta_format *meta)
{
	struct bridge_video_drv *vd = drvdata;

	memset(meta, 0, sizeof(*meta));
	meta->dataformat = vd->output ? V4L2_META_FMT_RK_ISP1_PARAMS :
					V4L2_META_FMT_RK_ISP1_STAT_3A;
	meta->buffersize = 4096;
}

static const struct mcpp_video_ops meta_ops = {
	.enum_fmt = meta_enum_fmt,
	.adjust_meta = meta_adjust,
	.start_streaming = bridge_start,
	.stop_streaming = bridge_stop,
};

static void meta_setup(struct kunit *test, struct meta_fixture *m)
{
	static const u32 src[] = { MEDIA_PAD_FL_SOURCE };
	static const u32 sink[] = { MEDIA_PAD_FL_SINK };
	static const u32 isp[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
	struct mcpp_device_info info = { .driver = "mcpp_bridge", .model = "meta" };
	struct pipe_fixture *f = &m->f;

	init_completion(&f->drv.release_done);
	f->sd_sensor = (struct pipe_sd){ .f = f, .code = MEDIA_BUS_FMT_SRGGB8_1X8, .tag = 's' };
	f->sd_isp = (struct pipe_sd){ .f = f, .code = MEDIA_BUS_FMT_SRGGB8_1X8, .tag = 'i' };
	m->params_drv.output = true;
	f->mdev = mcpp_device_create(&bridge_pdev->dev, &info, &bridge_ops, &f->drv);
	KUNIT_ASSERT_FALSE(test, IS_ERR(f->mdev));
	f->sensor = pipe_entity(test, f, "sensor", MEDIA_ENT_F_CAM_SENSOR, 1, src);
	f->isp = pipe_entity(test, f, "isp", MEDIA_ENT_F_PROC_VIDEO_ISP, 3, isp);
	m->params = pipe_entity(test, f, "params", MEDIA_ENT_F_IO_V4L, 1, src);
	m->stats = pipe_entity(test, f, "stats", MEDIA_ENT_F_IO_V4L, 1, sink);
	pipe_link(test, f->sensor, 0, f->isp, 0, MEDIA_LNK_FL_ENABLED);
	pipe_link(test, m->params, 0, f->isp, 1, MEDIA_LNK_FL_ENABLED);
	pipe_link(test, f->isp, 2, m->stats, 0, MEDIA_LNK_FL_ENABLED);
	KUNIT_ASSERT_EQ(test, mcpp_subdev_register(f->sensor, &pipe_subdev_ops, &f->sd_sensor,
						   NULL, 0), 0);
	KUNIT_ASSERT_EQ(test, mcpp_subdev_register(f->isp, &meta_isp_ops, &f->sd_isp, NULL, 0), 0);
	m->params_node = mcpp_meta_register(m->params, true, &meta_ops, &m->params_drv);
	m->stats_node = mcpp_meta_register(m->stats, false, &meta_ops, &m->stats_drv);
	KUNIT_ASSERT_FALSE(test, IS_ERR(m->params_node) || IS_ERR(m->stats_node));
	/* Not a metadata driver's ops: refused. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(mcpp_meta_register(m->stats, false, &pipe_video_ops, NULL)),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, mcpp_device_register(f->mdev), 0);
}

static int meta_start(struct mcpp_video *video, u32 type, u32 bytesused)
{
	struct vb2_queue *q = mcpp_test_video_queue(video);
	struct v4l2_requestbuffers req = { .count = 1, .type = type, .memory = V4L2_MEMORY_MMAP };
	struct v4l2_buffer b = { .index = 0, .type = type, .memory = V4L2_MEMORY_MMAP,
				 .bytesused = bytesused };
	int ret;

	mutex_lock(q->lock);
	ret = vb2_reqbufs(q, &req);
	if (!ret)
		ret = vb2_qbuf(q, NULL, &b);
	if (!ret)
		ret = vb2_streamon(q, type);
	mutex_unlock(q->lock);
	return ret;
}

static void meta_stop(struct mcpp_video *video, u32 type)
{
	struct vb2_queue *q = mcpp_test_video_queue(video);
	struct v4l2_requestbuffers req = { .count = 0, .type = type, .memory = V4L2_MEMORY_MMAP };

	mutex_lock(q->lock);
	vb2_streamoff(q, type);
	KUNIT_EXPECT_EQ(current->kunit_test, vb2_reqbufs(q, &req), 0);
	mutex_unlock(q->lock);
}

static void meta_teardown(struct kunit *test, struct meta_fixture *m)
{
	mcpp_entity_put(m->params);
	mcpp_entity_put(m->stats);
	mcpp_device_unregister(m->f.mdev);
	mcpp_entity_put(m->f.sensor);
	mcpp_entity_put(m->f.isp);
	mcpp_device_put(m->f.mdev);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&m->f.drv.release_done, 15 * HZ));
	KUNIT_EXPECT_EQ(test, m->f.drv.released, 1);
}

/*
 * Statistics stream like video: the capture starts the ISP and sensor.
 * Parameters only reach the driver: their STREAMON starts no pipeline, and
 * a queued buffer carries what userspace wrote.
 */
static void bridge_meta_nodes(struct kunit *test)
{
	struct meta_fixture *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct v4l2_meta_format meta;
	struct mcpp_buffer *buf;
	size_t size;

	KUNIT_ASSERT_NOT_NULL(test, m);
	meta_setup(test, m);
	KUNIT_EXPECT_EQ(test, mcpp_test_video_device(m->stats_node)->device_caps,
			V4L2_CAP_META_CAPTURE | V4L2_CAP_STREAMING | V4L2_CAP_IO_MC);
	KUNIT_EXPECT_EQ(test, mcpp_test_video_device(m->params_node)->device_caps,
			V4L2_CAP_META_OUTPUT | V4L2_CAP_STREAMING | V4L2_CAP_IO_MC);
	KUNIT_EXPECT_EQ(test, mcpp_test_video_device(m->params_node)->vfl_dir, VFL_DIR_TX);
	mcpp_meta_format(m->stats_node, &meta);
	KUNIT_EXPECT_EQ(test, meta.dataformat, V4L2_META_FMT_RK_ISP1_STAT_3A);
	KUNIT_EXPECT_EQ(test, meta.buffersize, 4096);

	KUNIT_EXPECT_EQ(test, meta_start(m->params_node, V4L2_BUF_TYPE_META_OUTPUT, 100), 0);
	KUNIT_EXPECT_EQ(test, m->params_drv.starts, 1);
	KUNIT_EXPECT_EQ(test, m->f.nlog, 0);
	KUNIT_EXPECT_FALSE(test, mcpp_entity_streaming(m->f.isp));
	buf = mcpp_video_next_buffer(m->params_node);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_NOT_NULL(test, mcpp_buffer_plane(buf, &size));
	KUNIT_EXPECT_EQ(test, size, 100);
	mcpp_buffer_done(buf, 0, false);

	KUNIT_EXPECT_EQ(test, meta_start(m->stats_node, V4L2_BUF_TYPE_META_CAPTURE, 0), 0);
	KUNIT_EXPECT_EQ(test, m->stats_drv.starts, 1);
	KUNIT_EXPECT_STREQ(test, m->f.log, "is");
	/* The parameters node is inside the statistics' pipeline. */
	KUNIT_EXPECT_TRUE(test, mcpp_entity_streaming(m->params));
	buf = mcpp_video_next_buffer(m->stats_node);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	mcpp_buffer_plane(buf, &size);
	KUNIT_EXPECT_EQ(test, size, 4096);
	mcpp_buffer_done(buf, 0, false);

	meta_stop(m->stats_node, V4L2_BUF_TYPE_META_CAPTURE);
	KUNIT_EXPECT_STREQ(test, m->f.log, "isSI");
	meta_stop(m->params_node, V4L2_BUF_TYPE_META_OUTPUT);
	KUNIT_EXPECT_EQ(test, m->params_drv.stops, 1);
	meta_teardown(test, m);
}

/*
 * Selection and frame intervals: the pipeline's sensor becomes a cropping
 * sensor (a 128x128 array, crop windows of at least 16x16 at even offsets
 * and sizes, the source format is the crop's size, two frame intervals),
 * written with the state-based ops. Calls into it are counted.
 */
#define CROP_ARRAY 128

static const struct v4l2_fract crop_intervals[] = { { 1, 30 }, { 1, 15 } };

static void crop_adjust(struct v4l2_rect *r)
{
	r->width = ALIGN(clamp_t(u32, r->width, 16, CROP_ARRAY), 2);
	r->height = ALIGN(clamp_t(u32, r->height, 16, CROP_ARRAY), 2);
	r->left = ALIGN_DOWN(clamp_t(s32, r->left, 0, CROP_ARRAY - r->width), 2);
	r->top = ALIGN_DOWN(clamp_t(s32, r->top, 0, CROP_ARRAY - r->height), 2);
}

static void crop_store(struct pipe_sd *sd, struct mcpp_sd_state *state, const struct v4l2_rect *r)
{
	struct v4l2_mbus_framefmt *fmt = mcpp_state_format(state, 0);

	*mcpp_state_crop(state, 0) = *r;
	pipe_init_format(sd, 0, fmt);
	fmt->width = r->width;
	fmt->height = r->height;
}

/* The default: a centred 64x64 window, what the ISP and capture node take. */
static void crop_init_state(void *drvdata, struct mcpp_sd_state *state)
{
	struct v4l2_rect r = { 32, 32, 64, 64 };

	crop_store(drvdata, state, &r);
	*mcpp_state_interval(state, 0) = crop_intervals[0];
}

static int crop_set_format(void *drvdata, struct mcpp_sd_state *state,
			   struct v4l2_subdev_format *format)
{
	struct pipe_sd *sd = drvdata;
	struct v4l2_rect r = *mcpp_state_crop(state, 0);

	sd->calls++;
	r.width = format->format.width;
	r.height = format->format.height;
	crop_adjust(&r);
	crop_store(sd, state, &r);
	format->format = *mcpp_state_format(state, 0);
	return 0;
}

static int crop_get_selection(void *drvdata, struct mcpp_sd_state *state,
			      struct v4l2_subdev_selection *sel)
{
	((struct pipe_sd *)drvdata)->calls++;
	if (sel->target == V4L2_SEL_TGT_CROP_BOUNDS) {
		sel->r = (struct v4l2_rect){ 0, 0, CROP_ARRAY, CROP_ARRAY };
		return 0;
	}
	if (sel->target != V4L2_SEL_TGT_CROP)
		return -EINVAL;
	sel->r = *mcpp_state_crop(state, sel->pad);
	return 0;
}

static int crop_set_selection(void *drvdata, struct mcpp_sd_state *state,
			      struct v4l2_subdev_selection *sel)
{
	((struct pipe_sd *)drvdata)->calls++;
	if (sel->target != V4L2_SEL_TGT_CROP)
		return -EINVAL;
	crop_adjust(&sel->r);
	crop_store(drvdata, state, &sel->r);
	return 0;
}

static int crop_enum_frame_interval(void *drvdata, struct v4l2_subdev_frame_interval_enum *fie)
{
	((struct pipe_sd *)drvdata)->calls++;
	if (fie->index >= ARRAY_SIZE(crop_intervals))
		return -EINVAL;
	fie->interval = crop_intervals[fie->index];
	return 0;
}

static int crop_get_frame_interval(void *drvdata, struct mcpp_sd_state *state,
				   struct v4l2_subdev_frame_interval *fi)
{
	((struct pipe_sd *)drvdata)->calls++;
	fi->interval = *mcpp_state_interval(state, fi->pad);
	return 0;
}

/* 1/15 for anything slower than 1/20 s, else 1/30 (also for a 0). */
static int crop_set_frame_interval(void *drvdata, struct mcpp_sd_state *state,
				   struct v4l2_subdev_frame_interval *fi)
{
	u64 num = fi->interval.numerator, den = fi->interval.denominator;

	((struct pipe_sd *)drvdata)->calls++;
	fi->interval = crop_intervals[num && den && num * 20 > den ? 1 : 0];
	*mcpp_state_interval(state, fi->pad) = fi->interval;
	return 0;
}

static const struct mcpp_subdev_ops crop_subdev_ops = {
	.init_state = crop_init_state,
	.set_format = crop_set_format,
	.enum_mbus_code = bridge_enum_mbus_code,
	.enum_frame_size = bridge_enum_frame_size,
	.s_stream = pipe_s_stream,
	.get_selection = crop_get_selection,
	.set_selection = crop_set_selection,
	.enum_frame_interval = crop_enum_frame_interval,
	.get_frame_interval = crop_get_frame_interval,
	.set_frame_interval = crop_set_frame_interval,
};

struct crop_fixture {
	struct pipe_fixture f;
	struct v4l2_subdev *sd;	/* the sensor's */
	struct file *node;	/* the sensor's node, open: its fh has the TRY state */
};

static void crop_setup(struct kunit *test, struct crop_fixture *x)
{
	char path[48];

	x->f.sensor_ops = &crop_subdev_ops;
	pipe_setup(test, &x->f, MEDIA_BUS_FMT_SRGGB8_1X8);
	x->sd = mcpp_test_entity_subdev(x->f.sensor);
	KUNIT_ASSERT_NOT_NULL(test, x->sd);
	snprintf(path, sizeof(path), "/dev/%s", video_device_node_name(x->sd->devnode));
	x->node = filp_open(path, O_RDWR, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(x->node), "open %s: %ld", path, PTR_ERR(x->node));
}

static void crop_teardown(struct kunit *test, struct crop_fixture *x)
{
	filp_close(x->node, NULL);
	pipe_teardown(test, &x->f);
}

/* The state an ioctl with @which would use, locked as the V4L2 core does. */
static struct v4l2_subdev_state *crop_lock(struct crop_fixture *x, u32 which)
{
	struct v4l2_subdev_state *state;

	if (which != V4L2_SUBDEV_FORMAT_TRY)
		return v4l2_subdev_lock_and_get_active_state(x->sd);
	state = to_v4l2_subdev_fh((struct v4l2_fh *)x->node->private_data)->state;
	v4l2_subdev_lock_state(state);
	return state;
}

/* A pad op through v4l2_subdev_call(): the V4L2 core's checks, then ours. */
#define crop_call(x, op, arg) ({						\
	struct v4l2_subdev_state *__st = crop_lock(x, (arg)->which);		\
	int __ret = v4l2_subdev_call((x)->sd, pad, op, __st, arg);		\
	v4l2_subdev_unlock_state(__st);						\
	__ret;									\
})

static int crop_set(struct crop_fixture *x, u32 which, u32 pad, struct v4l2_rect r,
		    struct v4l2_rect *out)
{
	struct v4l2_subdev_selection sel = {
		.which = which, .pad = pad, .target = V4L2_SEL_TGT_CROP, .r = r,
	};
	int ret = crop_call(x, set_selection, &sel);

	if (out)
		*out = sel.r;
	return ret;
}

static int crop_get(struct crop_fixture *x, u32 which, u32 pad, u32 target, struct v4l2_rect *out)
{
	struct v4l2_subdev_selection sel = { .which = which, .pad = pad, .target = target };
	int ret = crop_call(x, get_selection, &sel);

	*out = sel.r;
	return ret;
}

static int crop_set_ival(struct crop_fixture *x, u32 which, u32 pad, struct v4l2_fract ival,
			 struct v4l2_fract *out)
{
	struct v4l2_subdev_frame_interval fi = { .which = which, .pad = pad, .interval = ival };
	int ret = crop_call(x, set_frame_interval, &fi);

	if (out)
		*out = fi.interval;
	return ret;
}

static int crop_get_ival(struct crop_fixture *x, u32 which, u32 pad, struct v4l2_fract *out)
{
	struct v4l2_subdev_frame_interval fi = { .which = which, .pad = pad };
	int ret = crop_call(x, get_frame_interval, &fi);

	*out = fi.interval;
	return ret;
}

static int crop_set_fmt(struct crop_fixture *x, u32 which, u32 width, u32 height,
			struct v4l2_mbus_framefmt *out)
{
	struct v4l2_subdev_format fmt = { .which = which, .pad = 0 };
	int ret;

	fmt.format.width = width;
	fmt.format.height = height;
	ret = crop_call(x, set_fmt, &fmt);
	if (out)
		*out = fmt.format;
	return ret;
}

/* What the state holds for pad 0, read directly (no driver call). */
struct crop_snapshot {
	struct v4l2_rect crop;
	struct v4l2_fract ival;
	struct v4l2_mbus_framefmt fmt;
};

static struct crop_snapshot crop_snap(struct crop_fixture *x, u32 which)
{
	struct v4l2_subdev_state *state = crop_lock(x, which);
	struct mcpp_sd_state *st = (struct mcpp_sd_state *)state;
	struct crop_snapshot s = {
		.crop = *mcpp_state_crop(st, 0),
		.ival = *mcpp_state_interval(st, 0),
		.fmt = *mcpp_state_format(st, 0),
	};

	v4l2_subdev_unlock_state(state);
	return s;
}

static const u32 crop_which[] = { V4L2_SUBDEV_FORMAT_TRY, V4L2_SUBDEV_FORMAT_ACTIVE };

/* Pad 1 of a one-pad sensor: EINVAL from the V4L2 core, nothing reaches us. */
static void bridge_sel_bad_pad(struct kunit *test)
{
	struct crop_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct v4l2_rect big = { 0, 0, 32, 32 }, r;
	struct v4l2_fract fast = { 1, 15 }, f;
	struct crop_snapshot before, after;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, x);
	crop_setup(test, x);
	for (i = 0; i < ARRAY_SIZE(crop_which); i++) {
		u32 which = crop_which[i];

		before = crop_snap(x, which);
		KUNIT_EXPECT_EQ(test, crop_get(x, which, 1, V4L2_SEL_TGT_CROP, &r), -EINVAL);
		KUNIT_EXPECT_EQ(test, crop_set(x, which, 1, big, NULL), -EINVAL);
		KUNIT_EXPECT_EQ(test, crop_get_ival(x, which, 1, &f), -EINVAL);
		KUNIT_EXPECT_EQ(test, crop_set_ival(x, which, 1, fast, NULL), -EINVAL);
		KUNIT_EXPECT_EQ(test, crop_set_fmt(x, which, 1, 32, NULL), 0);	/* pad 0: fine */
		after = crop_snap(x, which);
		KUNIT_EXPECT_EQ(test, after.ival.denominator, before.ival.denominator);
		KUNIT_EXPECT_EQ(test, after.ival.numerator, before.ival.numerator);
	}
	/* Only the two valid set_fmt calls reached the driver. */
	KUNIT_EXPECT_EQ(test, x->f.sd_sensor.calls, 2);
	/* and a bad pad after them changes nothing either */
	before = crop_snap(x, V4L2_SUBDEV_FORMAT_ACTIVE);
	KUNIT_EXPECT_EQ(test, crop_set(x, V4L2_SUBDEV_FORMAT_ACTIVE, 7, big, NULL), -EINVAL);
	after = crop_snap(x, V4L2_SUBDEV_FORMAT_ACTIVE);
	KUNIT_EXPECT_EQ(test, memcmp(&before, &after, sizeof(before)), 0);
	crop_teardown(test, x);
}

/* A target the driver lacks, and a sub-device without selection ops. */
static void bridge_sel_unsupported(struct kunit *test)
{
	struct crop_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct v4l2_subdev_selection sel = { .which = V4L2_SUBDEV_FORMAT_ACTIVE,
					     .target = V4L2_SEL_TGT_CROP };
	struct v4l2_subdev_frame_interval_enum fie = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
	struct v4l2_subdev *isp;
	struct v4l2_rect r;

	KUNIT_ASSERT_NOT_NULL(test, x);
	crop_setup(test, x);
	KUNIT_EXPECT_EQ(test, crop_get(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, V4L2_SEL_TGT_COMPOSE, &r),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, crop_get(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, V4L2_SEL_TGT_CROP_BOUNDS,
				       &r), 0);
	KUNIT_EXPECT_EQ(test, r.width, CROP_ARRAY);
	sel.target = V4L2_SEL_TGT_CROP_BOUNDS;
	KUNIT_EXPECT_EQ(test, crop_call(x, set_selection, &sel), -EINVAL);

	/* The ISP has the legacy ops only: ENOTTY (-ENOIOCTLCMD) for the rest. */
	isp = mcpp_test_entity_subdev(x->f.isp);
	KUNIT_ASSERT_NOT_NULL(test, isp);
	sel.target = V4L2_SEL_TGT_CROP;
	KUNIT_EXPECT_EQ(test, v4l2_subdev_call_state_active(isp, pad, get_selection, &sel),
			-ENOIOCTLCMD);
	KUNIT_EXPECT_EQ(test, v4l2_subdev_call_state_active(isp, pad, set_selection, &sel),
			-ENOIOCTLCMD);
	KUNIT_EXPECT_EQ(test, v4l2_subdev_call_state_active(isp, pad, enum_frame_interval, &fie),
			-ENOIOCTLCMD);
	crop_teardown(test, x);
}

/* Crop is adjusted into the array and becomes the source format. */
static void bridge_sel_crop_adjusted(struct kunit *test)
{
	struct crop_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct crop_snapshot s;
	struct v4l2_rect r;

	KUNIT_ASSERT_NOT_NULL(test, x);
	crop_setup(test, x);
	KUNIT_EXPECT_EQ(test, crop_set(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0,
				       (struct v4l2_rect){ -10, 101, 33, 5000 }, &r), 0);
	KUNIT_EXPECT_EQ(test, r.left, 0);
	KUNIT_EXPECT_EQ(test, r.top, 0);
	KUNIT_EXPECT_EQ(test, r.width, 34);
	KUNIT_EXPECT_EQ(test, r.height, CROP_ARRAY);
	KUNIT_EXPECT_EQ(test, crop_set(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0,
				       (struct v4l2_rect){ 121, 97, 2, 20 }, &r), 0);
	KUNIT_EXPECT_EQ(test, r.left, CROP_ARRAY - 16);
	KUNIT_EXPECT_EQ(test, r.top, 96);
	KUNIT_EXPECT_EQ(test, r.width, 16);
	KUNIT_EXPECT_EQ(test, r.height, 20);
	s = crop_snap(x, V4L2_SUBDEV_FORMAT_ACTIVE);
	KUNIT_EXPECT_EQ(test, memcmp(&s.crop, &r, sizeof(r)), 0);
	KUNIT_EXPECT_EQ(test, s.fmt.width, 16);
	KUNIT_EXPECT_EQ(test, s.fmt.height, 20);
	/* and the format size picks the crop window's size */
	KUNIT_EXPECT_EQ(test, crop_set_fmt(x, V4L2_SUBDEV_FORMAT_ACTIVE, 1000, 0, NULL), 0);
	s = crop_snap(x, V4L2_SUBDEV_FORMAT_ACTIVE);
	KUNIT_EXPECT_EQ(test, s.crop.width, CROP_ARRAY);
	KUNIT_EXPECT_EQ(test, s.crop.height, 16);
	crop_teardown(test, x);
}

/* One function for TRY and ACTIVE: the same request, the same answer. */
static void bridge_sel_try_active_agree(struct kunit *test)
{
	struct crop_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct v4l2_rect req = { 7, 9, 51, 40 }, r[2];
	struct v4l2_fract f[2], g[2];
	struct crop_snapshot s[2];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, x);
	crop_setup(test, x);
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_EQ(test, crop_set(x, crop_which[i], 0, req, &r[i]), 0);
		KUNIT_EXPECT_EQ(test, crop_set_ival(x, crop_which[i], 0,
						    (struct v4l2_fract){ 1, 0 }, &f[i]), 0);
		KUNIT_EXPECT_EQ(test, crop_get_ival(x, crop_which[i], 0, &g[i]), 0);
		s[i] = crop_snap(x, crop_which[i]);
	}
	KUNIT_EXPECT_EQ(test, memcmp(&r[0], &r[1], sizeof(r[0])), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&s[0], &s[1], sizeof(s[0])), 0);
	KUNIT_EXPECT_EQ(test, r[0].width, 52);
	KUNIT_EXPECT_EQ(test, f[0].denominator, 30);	/* a 0 part: the default */
	KUNIT_EXPECT_EQ(test, f[1].denominator, 30);
	KUNIT_EXPECT_EQ(test, g[0].denominator, g[1].denominator);
	/* TRY did not leak into ACTIVE: a TRY-only change stays there. */
	KUNIT_EXPECT_EQ(test, crop_set_ival(x, V4L2_SUBDEV_FORMAT_TRY, 0,
					    (struct v4l2_fract){ 1, 10 }, &f[0]), 0);
	KUNIT_EXPECT_EQ(test, f[0].denominator, 15);
	KUNIT_EXPECT_EQ(test, crop_snap(x, V4L2_SUBDEV_FORMAT_ACTIVE).ival.denominator, 30);
	crop_teardown(test, x);
}

/* A running pipeline's ACTIVE configuration is frozen; TRY is not. */
static void bridge_sel_busy_while_streaming(struct kunit *test)
{
	struct crop_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct v4l2_rect small = { 0, 0, 32, 32 };
	struct v4l2_fract slow = { 1, 10 };
	int calls;

	KUNIT_ASSERT_NOT_NULL(test, x);
	crop_setup(test, x);
	KUNIT_ASSERT_EQ(test, pipe_streamon(x->f.video), 0);
	calls = x->f.sd_sensor.calls;
	KUNIT_EXPECT_EQ(test, crop_set(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, small, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, crop_set_ival(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, slow, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, crop_set_fmt(x, V4L2_SUBDEV_FORMAT_ACTIVE, 32, 32, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, x->f.sd_sensor.calls, calls);	/* refused before the driver */
	KUNIT_EXPECT_EQ(test, crop_snap(x, V4L2_SUBDEV_FORMAT_ACTIVE).fmt.width, 64);
	KUNIT_EXPECT_EQ(test, crop_set(x, V4L2_SUBDEV_FORMAT_TRY, 0, small, NULL), 0);
	KUNIT_EXPECT_EQ(test, crop_set_ival(x, V4L2_SUBDEV_FORMAT_TRY, 0, slow, NULL), 0);
	pipe_streamoff(x->f.video);
	KUNIT_EXPECT_EQ(test, crop_set(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, small, NULL), 0);
	KUNIT_EXPECT_EQ(test, crop_set_ival(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, slow, NULL), 0);
	crop_teardown(test, x);
}

/* After unregister, with the node still open: -ENODEV, the driver untouched. */
static void bridge_sel_after_unregister(struct kunit *test)
{
	struct crop_fixture *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct v4l2_subdev_frame_interval_enum fie = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
	struct v4l2_rect r = { 0, 0, 32, 32 };
	struct v4l2_fract f = { 1, 30 };
	unsigned int i;
	int calls;

	KUNIT_ASSERT_NOT_NULL(test, x);
	crop_setup(test, x);
	KUNIT_EXPECT_EQ(test, crop_get(x, V4L2_SUBDEV_FORMAT_ACTIVE, 0, V4L2_SEL_TGT_CROP, &r), 0);
	calls = x->f.sd_sensor.calls;
	KUNIT_EXPECT_GT(test, calls, 0);
	mcpp_device_unregister(x->f.mdev);
	for (i = 0; i < ARRAY_SIZE(crop_which); i++) {
		u32 which = crop_which[i];

		KUNIT_EXPECT_EQ(test, crop_get(x, which, 0, V4L2_SEL_TGT_CROP, &r), -ENODEV);
		KUNIT_EXPECT_EQ(test, crop_set(x, which, 0, r, NULL), -ENODEV);
		KUNIT_EXPECT_EQ(test, crop_get_ival(x, which, 0, &f), -ENODEV);
		KUNIT_EXPECT_EQ(test, crop_set_ival(x, which, 0, f, NULL), -ENODEV);
		KUNIT_EXPECT_EQ(test, crop_set_fmt(x, which, 32, 32, NULL), -ENODEV);
	}
	KUNIT_EXPECT_EQ(test, crop_call(x, enum_frame_interval, &fie), -ENODEV);
	KUNIT_EXPECT_EQ(test, x->f.sd_sensor.calls, calls);
	crop_teardown(test, x);
}

static struct kunit_case bridge_cases[] = {
	KUNIT_CASE_SLOW(bridge_pipeline_order),
	KUNIT_CASE_SLOW(bridge_pipeline_shared),
	KUNIT_CASE_SLOW(bridge_pipeline_busy),
	KUNIT_CASE_SLOW(bridge_pipeline_link_validate),
	KUNIT_CASE_SLOW(bridge_meta_nodes),
	KUNIT_CASE_SLOW(bridge_pipeline_mismatch),
	KUNIT_CASE_SLOW(bridge_pipeline_partial_start_undone),
	KUNIT_CASE_SLOW(bridge_layout_ctrl_claimed),
	KUNIT_CASE_SLOW(bridge_video_streaming_vs_unregister),
	KUNIT_CASE_SLOW(bridge_release_after_last_close),
	KUNIT_CASE_SLOW(bridge_race_op_vs_unregister),
	KUNIT_CASE_SLOW(bridge_sel_bad_pad),
	KUNIT_CASE_SLOW(bridge_sel_unsupported),
	KUNIT_CASE_SLOW(bridge_sel_crop_adjusted),
	KUNIT_CASE_SLOW(bridge_sel_try_active_agree),
	KUNIT_CASE_SLOW(bridge_sel_busy_while_streaming),
	KUNIT_CASE_SLOW(bridge_sel_after_unregister),
	{}
};

static struct kunit_suite bridge_suite = {
	.name = "mcpp_bridge",
	.test_cases = bridge_cases,
};
kunit_test_suite(bridge_suite);

static int __init bridge_kunit_init(void)
{
	bridge_pdev = platform_device_register_simple("mcpp-bridge-kunit", -1, NULL, 0);
	return PTR_ERR_OR_ZERO(bridge_pdev);
}

static void __exit bridge_kunit_exit(void)
{
	platform_device_unregister(bridge_pdev);
}

module_init(bridge_kunit_init);
module_exit(bridge_kunit_exit);
MODULE_DESCRIPTION("KUnit tests for the mcpp V4L2 bridge");
MODULE_LICENSE("GPL");
