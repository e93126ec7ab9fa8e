// SPDX-License-Identifier: GPL-2.0
/*
 * A fixed test topology on the mcpp core, for userspace checks (media-ctl,
 * v4l2-compliance, the uAPI test program) before the real driver exists. It
 * is also the reference for using the C ABI from a C driver: a platform
 * driver whose state is freed from the media device's release callback, not
 * at unbind, and nothing allocated with devm_*.
 *
 *   sensor-a:0 --(dynamic, enabled)--> isp:0
 *   sensor-b:0 --(dynamic)-----------> isp:0
 *   isp:1 ------(immutable)----------> scaler:0
 *   scaler:1 ---(immutable)----------> capture:0  (/dev/videoN)
 *   params:0 ---(immutable)----------> isp:2      (metadata output)
 *   isp:3 ------(immutable)----------> stats:0    (metadata capture)
 *   lens ~~(ancillary)~~ sensor-a
 *
 * Only one sensor may feed the ISP: link_setup refuses a second (-EBUSY).
 * The sensors use the state-based ops (crop selection; no frame intervals:
 * v4l2-compliance 1.22.1 fails every sub-device that enumerates them, see
 * Documentation/testing.rst);
 * ISP and scaler the per-pad init_format/adjust_format ones.
 * Sensors, ISP and scaler get V4L2 sub-device nodes through the bridge, with
 * a Bayer format on the sensor side and YUYV after the ISP.
 */
#include <linux/err.h>
#include <linux/media.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <linux/media-bus-format.h>
#include <linux/videodev2.h>
#include <media/v4l2-mediabus.h>
#include <media/v4l2-subdev.h>

#include <mcpp/mcpp.h>
#include <mcpp/test.h>
#include <mcpp/v4l2.h>

/* Per sub-device: the media bus code of each of its pads. */
struct testdev_sd {
	u32 codes[4];		/* media bus code of each pad */
	u32 width[4], height[4];	/* default size of each pad */
	s64 exposure;		/* written by s_ctrl, inside the core's guard */
	bool streaming;		/* written by s_stream */
};

/* The nodes frames go to or come from. */
enum testdev_node { TESTDEV_CAPTURE, TESTDEV_PARAMS, TESTDEV_STATS, TESTDEV_NODES };

struct testdev {
	struct mcpp_device *mdev;	/* the driver's reference */
	struct mcpp_entity *sensor[2];	/* creator references, put at remove */
	struct mcpp_entity *isp, *scaler, *lens, *capture, *params, *stats;
	struct mcpp_video *node[TESTDEV_NODES];	/* valid until unregister */
	struct testdev_stream {
		struct testdev *td;
		enum testdev_node which;
		bool on;		/* guarded by frame_lock */
	} stream[TESTDEV_NODES];
	struct mutex frame_lock;	/* one frame at a time vs start/stop */
	struct delayed_work frame_work;	/* runs while any node streams */
	unsigned int streams;		/* nodes streaming; under frame_lock */
	u32 sequence;
	u32 drops;
	bool sensor_enabled[2];		/* guarded by the core's graph lock */
	struct testdev_sd sd_sensor, sd_isp, sd_scaler;
};

static struct platform_device *testdev_pdev;

/* Lifetime: the core calls this after the last reference to mdev. */
static void testdev_release(void *drvdata)
{
	struct testdev *td = drvdata;

	mutex_destroy(&td->frame_lock);
	kfree(td);
}

static int testdev_link_setup(void *drvdata, struct mcpp_entity *source, u16 source_pad,
			      struct mcpp_entity *sink, u16 sink_pad, u32 flags)
{
	struct testdev *td = drvdata;
	bool enable = flags & MEDIA_LNK_FL_ENABLED;
	int i = source == td->sensor[0] ? 0 : source == td->sensor[1] ? 1 : -1;

	if (i < 0)
		return -EINVAL;
	if (enable && td->sensor_enabled[!i])
		return -EBUSY;
	td->sensor_enabled[i] = enable;
	return 0;
}

static u32 testdev_code(void *drvdata, u32 pad)
{
	struct testdev_sd *sd = drvdata;

	return sd->codes[pad < ARRAY_SIZE(sd->codes) ? pad : 0];
}

static void testdev_adjust_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	u32 code = testdev_code(drvdata, pad);

	fmt->code = code;
	/* Clamp, then round: ALIGN(U32_MAX, 2) wraps to 0. */
	fmt->width = ALIGN(clamp_t(u32, fmt->width, 64, 1920), 2);
	fmt->height = ALIGN(clamp_t(u32, fmt->height, 64, 1080), 2);
	fmt->field = V4L2_FIELD_NONE;
	fmt->colorspace = code == MEDIA_BUS_FMT_SRGGB10_1X10 ? V4L2_COLORSPACE_RAW
							     : V4L2_COLORSPACE_SRGB;
	fmt->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	fmt->quantization = V4L2_QUANTIZATION_DEFAULT;
	fmt->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	fmt->flags = 0;
	memset(fmt->reserved, 0, sizeof(fmt->reserved));
}

static void testdev_init_format(void *drvdata, u32 pad, struct v4l2_mbus_framefmt *fmt)
{
	struct testdev_sd *sd = drvdata;

	memset(fmt, 0, sizeof(*fmt));
	fmt->width = sd->width[pad < ARRAY_SIZE(sd->width) ? pad : 0];
	fmt->height = sd->height[pad < ARRAY_SIZE(sd->height) ? pad : 0];
	testdev_adjust_format(drvdata, pad, fmt);
}

static int testdev_enum_mbus_code(void *drvdata, struct v4l2_subdev_mbus_code_enum *code)
{
	if (code->index)
		return -EINVAL;
	code->code = testdev_code(drvdata, code->pad);
	return 0;
}

static int testdev_enum_frame_size(void *drvdata, struct v4l2_subdev_frame_size_enum *fse)
{
	if (fse->index || fse->code != testdev_code(drvdata, fse->pad))
		return -EINVAL;
	fse->min_width = 64;
	fse->max_width = 1920;
	fse->min_height = 64;
	fse->max_height = 1080;
	return 0;
}

static int testdev_s_ctrl(void *drvdata, u32 id, s64 value)
{
	struct testdev_sd *sd = drvdata;

	if (id == V4L2_CID_EXPOSURE)
		sd->exposure = value;
	return 0;
}

static int testdev_s_stream(void *drvdata, int enable)
{
	struct testdev_sd *sd = drvdata;

	sd->streaming = enable;
	return 0;
}

static const struct mcpp_subdev_ops testdev_subdev_ops = {
	.init_format = testdev_init_format,
	.adjust_format = testdev_adjust_format,
	.enum_mbus_code = testdev_enum_mbus_code,
	.enum_frame_size = testdev_enum_frame_size,
	.s_ctrl = testdev_s_ctrl,
	.s_stream = testdev_s_stream,
};

/*
 * The sensors: a 1920x1080 pixel array read out through a crop window, no
 * scaling, so the source format is the crop's size. Their
 * configuration lives in the sub-device state only, one per sensor node.
 */
#define TESTDEV_ARRAY_W 1920
#define TESTDEV_ARRAY_H 1080

/* The crop window nearest @r: inside the array, even sizes and offsets. */
static void testdev_adjust_crop(struct v4l2_rect *r)
{
	r->width = ALIGN(clamp_t(u32, r->width, 64, TESTDEV_ARRAY_W), 2);
	r->height = ALIGN(clamp_t(u32, r->height, 64, TESTDEV_ARRAY_H), 2);
	r->left = ALIGN_DOWN(clamp_t(s32, r->left, 0, TESTDEV_ARRAY_W - r->width), 2);
	r->top = ALIGN_DOWN(clamp_t(s32, r->top, 0, TESTDEV_ARRAY_H - r->height), 2);
}

/* Propagation: the source format is exactly the crop window's size. */
static void testdev_sensor_store(void *drvdata, struct mcpp_sd_state *state,
				 const struct v4l2_rect *crop)
{
	struct v4l2_mbus_framefmt *fmt = mcpp_state_format(state, 0);

	*mcpp_state_crop(state, 0) = *crop;
	fmt->width = crop->width;
	fmt->height = crop->height;
	testdev_adjust_format(drvdata, 0, fmt);
}

static void testdev_sensor_init_state(void *drvdata, struct mcpp_sd_state *state)
{
	struct v4l2_rect full = { 0, 0, TESTDEV_ARRAY_W, TESTDEV_ARRAY_H };

	memset(mcpp_state_format(state, 0), 0, sizeof(struct v4l2_mbus_framefmt));
	testdev_sensor_store(drvdata, state, &full);
}

/* A format size selects a centred crop window of that size. */
static int testdev_sensor_set_format(void *drvdata, struct mcpp_sd_state *state,
				     struct v4l2_subdev_format *format)
{
	struct v4l2_rect crop = {
		.width = format->format.width,
		.height = format->format.height,
	};

	testdev_adjust_crop(&crop);
	crop.left = ALIGN_DOWN((TESTDEV_ARRAY_W - crop.width) / 2, 2);
	crop.top = ALIGN_DOWN((TESTDEV_ARRAY_H - crop.height) / 2, 2);
	testdev_sensor_store(drvdata, state, &crop);
	format->format = *mcpp_state_format(state, 0);
	return 0;
}

static int testdev_sensor_get_selection(void *drvdata, struct mcpp_sd_state *state,
					struct v4l2_subdev_selection *sel)
{
	switch (sel->target) {
	case V4L2_SEL_TGT_CROP:
		sel->r = *mcpp_state_crop(state, sel->pad);
		return 0;
	case V4L2_SEL_TGT_CROP_BOUNDS:
	case V4L2_SEL_TGT_CROP_DEFAULT:
	case V4L2_SEL_TGT_NATIVE_SIZE:
		sel->r = (struct v4l2_rect){ 0, 0, TESTDEV_ARRAY_W, TESTDEV_ARRAY_H };
		return 0;
	default:
		return -EINVAL;
	}
}

static int testdev_sensor_set_selection(void *drvdata, struct mcpp_sd_state *state,
					struct v4l2_subdev_selection *sel)
{
	if (sel->target != V4L2_SEL_TGT_CROP)
		return -EINVAL;
	testdev_adjust_crop(&sel->r);
	testdev_sensor_store(drvdata, state, &sel->r);
	return 0;
}

static const struct mcpp_subdev_ops testdev_sensor_ops = {
	.init_state = testdev_sensor_init_state,
	.set_format = testdev_sensor_set_format,
	.enum_mbus_code = testdev_enum_mbus_code,
	.enum_frame_size = testdev_enum_frame_size,
	.s_ctrl = testdev_s_ctrl,
	.s_stream = testdev_s_stream,
	.get_selection = testdev_sensor_get_selection,
	.set_selection = testdev_sensor_set_selection,
};

static const struct mcpp_ctrl_desc testdev_sensor_ctrls[] = {
	{ V4L2_CID_EXPOSURE, 1, 1100, 1, 1000 },
	{ V4L2_CID_ANALOGUE_GAIN, 16, 248, 1, 16 },
	{ V4L2_CID_HFLIP, 0, 1, 1, 0 },
	{ V4L2_CID_VFLIP, 0, 1, 1, 0 },
};

static int testdev_subdevs(struct testdev *td)
{
	int ret;

	/*
	 * Defaults that stream with no configuration: full HD up to the
	 * scaler, which outputs VGA, the capture node's default.
	 */
	td->sd_sensor = (struct testdev_sd){};	/* size: TESTDEV_ARRAY_W/H */
	td->sd_isp = (struct testdev_sd){ .width = { 1920, 1920, 64, 64 },
					  .height = { 1080, 1080, 64, 64 } };
	td->sd_scaler = (struct testdev_sd){ .width = { 1920, 640 }, .height = { 1080, 480 } };
	td->sd_sensor.codes[0] = MEDIA_BUS_FMT_SRGGB10_1X10;
	td->sd_isp.codes[0] = MEDIA_BUS_FMT_SRGGB10_1X10;
	td->sd_isp.codes[1] = MEDIA_BUS_FMT_YUYV8_1X16;
	td->sd_isp.codes[2] = MEDIA_BUS_FMT_METADATA_FIXED;
	td->sd_isp.codes[3] = MEDIA_BUS_FMT_METADATA_FIXED;
	td->sd_scaler.codes[0] = MEDIA_BUS_FMT_YUYV8_1X16;
	td->sd_scaler.codes[1] = MEDIA_BUS_FMT_YUYV8_1X16;
	ret = mcpp_subdev_register(td->sensor[0], &testdev_sensor_ops, &td->sd_sensor,
				   testdev_sensor_ctrls, ARRAY_SIZE(testdev_sensor_ctrls));
	if (!ret)
		ret = mcpp_subdev_register(td->sensor[1], &testdev_sensor_ops, &td->sd_sensor,
					   testdev_sensor_ctrls, ARRAY_SIZE(testdev_sensor_ctrls));
	if (!ret)
		ret = mcpp_subdev_register(td->isp, &testdev_subdev_ops, &td->sd_isp, NULL, 0);
	if (!ret)
		ret = mcpp_subdev_register(td->scaler, &testdev_subdev_ops, &td->sd_scaler, NULL, 0);
	return ret;
}

/* The capture node: YUYV frames of a moving ramp, at about 30 per second. */
static int testdev_enum_fmt(void *drvdata, u32 index, u32 mbus_code, u32 *pixelformat)
{
	if (index || (mbus_code && mbus_code != MEDIA_BUS_FMT_YUYV8_1X16))
		return -EINVAL;
	*pixelformat = V4L2_PIX_FMT_YUYV;
	return 0;
}

static void testdev_adjust_fmt(void *drvdata, struct v4l2_pix_format *pix)
{
	pix->pixelformat = V4L2_PIX_FMT_YUYV;
	pix->width = ALIGN(clamp_t(u32, pix->width, 64, 1920), 2); /* ALIGN(U32_MAX) wraps */
	pix->height = clamp_t(u32, pix->height, 64, 1080);
	pix->field = V4L2_FIELD_NONE;
	pix->bytesperline = pix->width * 2;
	pix->sizeimage = pix->bytesperline * pix->height;
	pix->colorspace = V4L2_COLORSPACE_SRGB;
	pix->ycbcr_enc = V4L2_YCBCR_ENC_DEFAULT;
	pix->quantization = V4L2_QUANTIZATION_DEFAULT;
	pix->xfer_func = V4L2_XFER_FUNC_DEFAULT;
	pix->flags = 0;
	pix->priv = 0;
}

/*
 * Parameters and statistics: the driver's own fixed layouts (a made-up
 * 64-byte block each), so they carry their own names.
 */
#define TESTDEV_META_PARAMS v4l2_fourcc('M', 'T', 'D', 'P')
#define TESTDEV_META_STATS v4l2_fourcc('M', 'T', 'D', 'S')
#define TESTDEV_META_SIZE 64

static u32 testdev_meta_format(void *drvdata)
{
	struct testdev_stream *st = drvdata;

	return st->which == TESTDEV_PARAMS ? TESTDEV_META_PARAMS : TESTDEV_META_STATS;
}

static int testdev_meta_enum_fmt(void *drvdata, u32 index, u32 mbus_code, u32 *format)
{
	if (index || (mbus_code && mbus_code != MEDIA_BUS_FMT_METADATA_FIXED))
		return -EINVAL;
	*format = testdev_meta_format(drvdata);
	return 0;
}

static void testdev_adjust_meta(void *drvdata, struct v4l2_meta_format *meta)
{
	memset(meta, 0, sizeof(*meta));
	meta->dataformat = testdev_meta_format(drvdata);
	meta->buffersize = TESTDEV_META_SIZE;
}

static const char *testdev_format_name(void *drvdata, u32 format)
{
	return format == TESTDEV_META_PARAMS ? "mcpp testdev parameters" :
	       format == TESTDEV_META_STATS ? "mcpp testdev statistics" : NULL;
}

/* The next buffer of a streaming node, or NULL (frame_lock held). */
static struct mcpp_buffer *testdev_take(struct testdev *td, enum testdev_node which)
{
	return td->stream[which].on ? mcpp_video_next_buffer(td->node[which]) : NULL;
}

/*
 * One frame, about 30 per second: a parameter buffer is consumed, the
 * capture gets a ramp level, the statistics its mean.
 */
static void testdev_frame(struct work_struct *work)
{
	struct testdev *td = container_of(work, struct testdev, frame_work.work);
	struct mcpp_buffer *buf;
	u32 seq;
	size_t size;
	u8 *p;

	mutex_lock(&td->frame_lock);
	seq = td->sequence++;
	buf = testdev_take(td, TESTDEV_PARAMS);
	if (buf)
		mcpp_buffer_done(buf, seq, false);
	buf = testdev_take(td, TESTDEV_CAPTURE);
	if (buf) {
		p = mcpp_buffer_plane(buf, &size);
		memset(p, seq & 0xff, size);
		mcpp_buffer_done(buf, seq, false);
	} else if (td->stream[TESTDEV_CAPTURE].on) {
		td->drops++;
	}
	buf = testdev_take(td, TESTDEV_STATS);
	if (buf) {
		p = mcpp_buffer_plane(buf, &size);
		memset(p, 0, size);
		p[0] = seq & 0xff;
		mcpp_buffer_done(buf, seq, false);
	}
	if (td->streams)
		schedule_delayed_work(&td->frame_work, msecs_to_jiffies(33));
	mutex_unlock(&td->frame_lock);
}

static int testdev_start_streaming(void *drvdata)
{
	struct testdev_stream *st = drvdata;
	struct testdev *td = st->td;

	mutex_lock(&td->frame_lock);
	st->on = true;
	if (td->streams++ == 0) {
		td->sequence = 0;
		schedule_delayed_work(&td->frame_work, 0);
	}
	mutex_unlock(&td->frame_lock);
	return 0;
}

static void testdev_stop_streaming(void *drvdata)
{
	struct testdev_stream *st = drvdata;
	struct testdev *td = st->td;
	bool last;

	/* After the lock no frame takes this node's buffers. */
	mutex_lock(&td->frame_lock);
	st->on = false;
	last = --td->streams == 0;
	mutex_unlock(&td->frame_lock);
	if (!last)
		return;
	mcpp_hook(MCPP_HOOK_DRIVER_STOP);	/* a test may start another node here */
	/* Not under the lock: a frame in progress takes it. */
	cancel_delayed_work_sync(&td->frame_work);
	/*
	 * A start on another node since the unlock found the work still
	 * queued, or running, and left it to us: it was just cancelled, and
	 * that node would wait for a frame for ever. Queue it again.
	 */
	mutex_lock(&td->frame_lock);
	if (td->streams)
		schedule_delayed_work(&td->frame_work, 0);
	mutex_unlock(&td->frame_lock);
}

static const struct mcpp_video_ops testdev_video_ops = {
	.enum_fmt = testdev_enum_fmt,
	.adjust_fmt = testdev_adjust_fmt,
	.start_streaming = testdev_start_streaming,
	.stop_streaming = testdev_stop_streaming,
};

static const struct mcpp_video_ops testdev_meta_ops = {
	.enum_fmt = testdev_meta_enum_fmt,
	.adjust_meta = testdev_adjust_meta,
	.format_name = testdev_format_name,
	.start_streaming = testdev_start_streaming,
	.stop_streaming = testdev_stop_streaming,
};

/* The capture, parameters and statistics nodes. */
static int testdev_nodes(struct testdev *td)
{
	enum testdev_node i;

	for (i = 0; i < TESTDEV_NODES; i++)
		td->stream[i] = (struct testdev_stream){ .td = td, .which = i };
	td->node[TESTDEV_CAPTURE] = mcpp_video_register(td->capture, &testdev_video_ops,
							&td->stream[TESTDEV_CAPTURE]);
	if (IS_ERR(td->node[TESTDEV_CAPTURE]))
		return PTR_ERR(td->node[TESTDEV_CAPTURE]);
	td->node[TESTDEV_PARAMS] = mcpp_meta_register(td->params, true, &testdev_meta_ops,
						      &td->stream[TESTDEV_PARAMS]);
	if (IS_ERR(td->node[TESTDEV_PARAMS]))
		return PTR_ERR(td->node[TESTDEV_PARAMS]);
	td->node[TESTDEV_STATS] = mcpp_meta_register(td->stats, false, &testdev_meta_ops,
						     &td->stream[TESTDEV_STATS]);
	return PTR_ERR_OR_ZERO(td->node[TESTDEV_STATS]);
}

static const struct mcpp_device_ops testdev_ops = {
	.owner = THIS_MODULE,
	.release = testdev_release,
	.link_setup = testdev_link_setup,
};

static void testdev_put_entities(struct testdev *td)
{
	mcpp_entity_put(td->sensor[0]);
	mcpp_entity_put(td->sensor[1]);
	mcpp_entity_put(td->isp);
	mcpp_entity_put(td->scaler);
	mcpp_entity_put(td->lens);
	mcpp_entity_put(td->capture);
	mcpp_entity_put(td->params);
	mcpp_entity_put(td->stats);
}

static struct mcpp_entity *testdev_entity(struct testdev *td, const char *name, u32 function,
					  u16 num_pads, const u32 *pads)
{
	struct mcpp_entity *e = mcpp_entity_create(td->mdev, name, function, 0, num_pads, pads);

	return IS_ERR(e) ? NULL : e;
}

static int testdev_build(struct testdev *td)
{
	static const u32 source[] = { MEDIA_PAD_FL_SOURCE };
	static const u32 sink[] = { MEDIA_PAD_FL_SINK };
	static const u32 isp[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT,
				   MEDIA_PAD_FL_SOURCE, MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
	static const u32 scaler[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
	int ret;

	td->sensor[0] = testdev_entity(td, "sensor-a", MEDIA_ENT_F_CAM_SENSOR, 1, source);
	td->sensor[1] = testdev_entity(td, "sensor-b", MEDIA_ENT_F_CAM_SENSOR, 1, source);
	td->isp = testdev_entity(td, "isp", MEDIA_ENT_F_PROC_VIDEO_ISP, 4, isp);
	td->scaler = testdev_entity(td, "scaler", MEDIA_ENT_F_PROC_VIDEO_SCALER, 2, scaler);
	td->lens = testdev_entity(td, "lens", MEDIA_ENT_F_LENS, 0, NULL);
	td->capture = testdev_entity(td, "capture", MEDIA_ENT_F_IO_V4L, 1, sink);
	td->params = testdev_entity(td, "params", MEDIA_ENT_F_IO_V4L, 1, source);
	td->stats = testdev_entity(td, "stats", MEDIA_ENT_F_IO_V4L, 1, sink);
	if (!td->sensor[0] || !td->sensor[1] || !td->isp || !td->scaler || !td->lens ||
	    !td->capture || !td->params || !td->stats)
		return -ENOMEM;

	ret = mcpp_link_create(td->sensor[0], 0, td->isp, 0,
			       MEDIA_LNK_FL_DYNAMIC | MEDIA_LNK_FL_ENABLED);
	if (ret >= 0)
		ret = mcpp_link_create(td->sensor[1], 0, td->isp, 0, MEDIA_LNK_FL_DYNAMIC);
	if (ret >= 0)
		ret = mcpp_link_create(td->isp, 1, td->scaler, 0,
				       MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_ENABLED);
	if (ret >= 0)
		ret = mcpp_link_create(td->scaler, 1, td->capture, 0,
				       MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_ENABLED);
	if (ret >= 0)
		ret = mcpp_link_create(td->params, 0, td->isp, 2,
				       MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_ENABLED);
	if (ret >= 0)
		ret = mcpp_link_create(td->isp, 3, td->stats, 0,
				       MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_ENABLED);
	if (ret >= 0)
		ret = mcpp_ancillary_link_create(td->sensor[0], td->lens);
	td->sensor_enabled[0] = true;
	return ret < 0 ? ret : 0;
}

static int testdev_probe(struct platform_device *pdev)
{
	struct mcpp_device_info info = {
		.driver = "mcpp_testdev",
		.model = "mcpp test topology",
		.serial = "0001",
		.hw_revision = 1,
	};
	struct testdev *td;
	int ret;

	td = kzalloc(sizeof(*td), GFP_KERNEL);
	if (!td)
		return -ENOMEM;
	td->mdev = mcpp_device_create(&pdev->dev, &info, &testdev_ops, td);
	if (IS_ERR(td->mdev)) {
		ret = PTR_ERR(td->mdev);
		kfree(td);	/* create failed: the release callback never runs */
		return ret;
	}
	/* From here on td is freed by testdev_release, after the last put. */
	mutex_init(&td->frame_lock);
	INIT_DELAYED_WORK(&td->frame_work, testdev_frame);
	ret = testdev_build(td);
	if (!ret)
		ret = testdev_subdevs(td);
	if (!ret)
		ret = testdev_nodes(td);
	if (!ret)
		ret = mcpp_device_register(td->mdev);
	if (ret) {
		mcpp_device_unregister(td->mdev);
		testdev_put_entities(td);
		mcpp_device_put(td->mdev);
		return ret;
	}
	platform_set_drvdata(pdev, td);
	return 0;
}

static void testdev_remove(struct platform_device *pdev)
{
	struct testdev *td = platform_get_drvdata(pdev);

	/* Revoke, empty the graph, drop our references; open files keep td. */
	mcpp_device_unregister(td->mdev);
	testdev_put_entities(td);
	mcpp_device_put(td->mdev);
}

static struct platform_driver testdev_driver = {
	.probe = testdev_probe,
	.remove_new = testdev_remove,
	.driver = {
		.name = "mcpp-testdev",
	},
};

static int __init testdev_init(void)
{
	int ret = platform_driver_register(&testdev_driver);

	if (ret)
		return ret;
	testdev_pdev = platform_device_register_simple("mcpp-testdev", -1, NULL, 0);
	if (IS_ERR(testdev_pdev)) {
		platform_driver_unregister(&testdev_driver);
		return PTR_ERR(testdev_pdev);
	}
	return 0;
}

static void __exit testdev_exit(void)
{
	platform_device_unregister(testdev_pdev);
	platform_driver_unregister(&testdev_driver);
}

module_init(testdev_init);
module_exit(testdev_exit);
MODULE_DESCRIPTION("mcpp test topology");
MODULE_LICENSE("GPL");
