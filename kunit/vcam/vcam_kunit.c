// SPDX-License-Identifier: GPL-2.0
/*
 * vcam_driver: the loaded vcam driver's sub-devices, through the V4L2 core
 * (v4l2_subdev_call() on the nodes' real states): format negotiation per pad
 * gives identical TRY and ACTIVE results, flips change the Bayer order, the
 * control defaults and ranges give the documented frame timing. Needs
 * vcam.ko loaded with its default parameters; opens the sub-device nodes as
 * userspace would (filp_open), so TRY states are the open file's.
 */
#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/media-bus-format.h>
#include <linux/module.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-fh.h>
#include <media/v4l2-subdev.h>

struct sd_node {
	struct file *file;
	struct v4l2_subdev *sd;
};

/* Opens the first /dev/v4l-subdevN whose sub-device is called @name. */
static void open_subdev(struct kunit *test, const char *name, struct sd_node *n)
{
	char path[32];
	int i;

	for (i = 0; i < 32; i++) {
		struct file *f;
		struct v4l2_subdev *sd;

		snprintf(path, sizeof(path), "/dev/v4l-subdev%d", i);
		f = filp_open(path, O_RDWR, 0);
		if (IS_ERR(f))
			continue;
		sd = vdev_to_v4l2_subdev(video_devdata(f));
		if (!strcmp(sd->name, name) &&
		    !strcmp(dev_name(video_devdata(f)->dev.parent), "vcam.0")) {
			n->file = f;
			n->sd = sd;
			return;
		}
		filp_close(f, NULL);
	}
	KUNIT_FAIL_AND_ABORT(test, "no sub-device node %s of vcam.0 (is vcam.ko loaded?)", name);
}

static void close_subdev(struct sd_node *n)
{
	filp_close(n->file, NULL);
}

static struct v4l2_subdev_state *lock_state(struct sd_node *n, u32 which)
{
	struct v4l2_subdev_state *state;

	if (which != V4L2_SUBDEV_FORMAT_TRY)
		return v4l2_subdev_lock_and_get_active_state(n->sd);
	state = to_v4l2_subdev_fh((struct v4l2_fh *)n->file->private_data)->state;
	v4l2_subdev_lock_state(state);
	return state;
}

#define pad_call(n, op, arg) ({							\
	struct v4l2_subdev_state *__st = lock_state(n, (arg)->which);		\
	int __ret = v4l2_subdev_call((n)->sd, pad, op, __st, arg);		\
	v4l2_subdev_unlock_state(__st);						\
	__ret;									\
})

/* set_fmt in @which; the adjusted format comes back in @out. */
static int set_fmt(struct sd_node *n, u32 which, u32 pad, u32 code, u32 w, u32 h,
		   struct v4l2_mbus_framefmt *out)
{
	struct v4l2_subdev_format f = { .which = which, .pad = pad };
	int ret;

	f.format.code = code;
	f.format.width = w;
	f.format.height = h;
	ret = pad_call(n, set_fmt, &f);
	*out = f.format;
	return ret;
}

static u32 get_code(struct sd_node *n, u32 which, u32 pad)
{
	struct v4l2_subdev_format f = { .which = which, .pad = pad };

	return pad_call(n, get_fmt, &f) ? 0 : f.format.code;
}

/* The same request, TRY and ACTIVE: the same answer, field by field. */
static void expect_agree(struct kunit *test, struct sd_node *n, u32 pad, u32 code, u32 w, u32 h)
{
	struct v4l2_mbus_framefmt t, a;

	KUNIT_EXPECT_EQ(test, set_fmt(n, V4L2_SUBDEV_FORMAT_TRY, pad, code, w, h, &t), 0);
	KUNIT_EXPECT_EQ(test, set_fmt(n, V4L2_SUBDEV_FORMAT_ACTIVE, pad, code, w, h, &a), 0);
	KUNIT_EXPECT_EQ_MSG(test, memcmp(&t, &a, sizeof(t)), 0, "pad %u %ux%u code %#x", pad, w,
			    h, code);
}

static void vcam_sensor_formats(struct kunit *test)
{
	struct v4l2_subdev_frame_size_enum fse = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
	struct v4l2_subdev_selection sel = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
	struct v4l2_mbus_framefmt f;
	struct sd_node s;
	u32 i;

	open_subdev(test, "sensor-a", &s);
	/* Any size snaps to the nearest mode; a non-Bayer code to 10-bit. */
	KUNIT_EXPECT_EQ(test, set_fmt(&s, V4L2_SUBDEV_FORMAT_TRY, 0, MEDIA_BUS_FMT_YUYV8_1X16,
				      1300, 700, &f), 0);
	KUNIT_EXPECT_EQ(test, f.width, 1280);
	KUNIT_EXPECT_EQ(test, f.height, 720);
	KUNIT_EXPECT_EQ(test, f.code, MEDIA_BUS_FMT_SRGGB10_1X10);
	expect_agree(test, &s, 0, MEDIA_BUS_FMT_SRGGB12_1X12, 1920, 1080);
	expect_agree(test, &s, 0, MEDIA_BUS_FMT_SRGGB8_1X8, 100, 100);
	expect_agree(test, &s, 0, 0, 0, 0);
	expect_agree(test, &s, 0, MEDIA_BUS_FMT_SRGGB10_1X10, 640, 480); /* the default back */

	/* Three modes per code, each a fixed size. */
	fse.code = MEDIA_BUS_FMT_SRGGB10_1X10;
	for (i = 0; i < 3; i++) {
		fse.index = i;
		KUNIT_EXPECT_EQ(test, pad_call(&s, enum_frame_size, &fse), 0);
		KUNIT_EXPECT_EQ(test, fse.min_width, fse.max_width);
	}
	fse.index = 3;
	KUNIT_EXPECT_EQ(test, pad_call(&s, enum_frame_size, &fse), -EINVAL);

	/* The crop is the mode's window, centred; NATIVE_SIZE the array. */
	sel.target = V4L2_SEL_TGT_CROP;
	KUNIT_EXPECT_EQ(test, pad_call(&s, get_selection, &sel), 0);
	KUNIT_EXPECT_EQ(test, sel.r.left, 640);
	KUNIT_EXPECT_EQ(test, sel.r.top, 300);
	sel.target = V4L2_SEL_TGT_NATIVE_SIZE;
	KUNIT_EXPECT_EQ(test, pad_call(&s, get_selection, &sel), 0);
	KUNIT_EXPECT_EQ(test, sel.r.width, 1920);
	KUNIT_EXPECT_EQ(test, sel.r.height, 1080);
	/* A crop moves the window (even offsets, inside the array). */
	sel.target = V4L2_SEL_TGT_CROP;
	sel.which = V4L2_SUBDEV_FORMAT_TRY;
	sel.r = (struct v4l2_rect){ 1501, -7, 640, 480 };
	KUNIT_EXPECT_EQ(test, pad_call(&s, set_selection, &sel), 0);
	KUNIT_EXPECT_EQ(test, sel.r.left, 1280);
	KUNIT_EXPECT_EQ(test, sel.r.top, 0);
	close_subdev(&s);
}

static void vcam_sensor_flips(struct kunit *test)
{
	static const struct { int h, v; u32 code; } cases[] = {
		{ 1, 0, MEDIA_BUS_FMT_SGRBG10_1X10 },
		{ 0, 1, MEDIA_BUS_FMT_SGBRG10_1X10 },
		{ 1, 1, MEDIA_BUS_FMT_SBGGR10_1X10 },
		{ 0, 0, MEDIA_BUS_FMT_SRGGB10_1X10 },
	};
	struct v4l2_subdev_mbus_code_enum c = { .which = V4L2_SUBDEV_FORMAT_ACTIVE, .index = 1 };
	struct v4l2_ctrl *hflip, *vflip;
	struct sd_node s;
	u32 i;

	open_subdev(test, "sensor-a", &s);
	hflip = v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_HFLIP);
	vflip = v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_VFLIP);
	KUNIT_ASSERT_NOT_NULL(test, hflip);
	KUNIT_ASSERT_NOT_NULL(test, vflip);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		KUNIT_EXPECT_EQ(test, v4l2_ctrl_s_ctrl(hflip, cases[i].h), 0);
		KUNIT_EXPECT_EQ(test, v4l2_ctrl_s_ctrl(vflip, cases[i].v), 0);
		/* The ACTIVE format follows, and so does the enumeration. */
		KUNIT_EXPECT_EQ(test, get_code(&s, V4L2_SUBDEV_FORMAT_ACTIVE, 0), cases[i].code);
		KUNIT_EXPECT_EQ(test, pad_call(&s, enum_mbus_code, &c), 0);
		KUNIT_EXPECT_EQ(test, c.code, cases[i].code);
	}
	close_subdev(&s);
}

static s64 ctrl_value(struct kunit *test, struct v4l2_subdev *sd, u32 id)
{
	struct v4l2_ctrl *c = v4l2_ctrl_find(sd->ctrl_handler, id);

	KUNIT_ASSERT_NOT_NULL(test, c);
	return c->type == V4L2_CTRL_TYPE_INTEGER64 ? v4l2_ctrl_g_ctrl_int64(c) : v4l2_ctrl_g_ctrl(c);
}

/*
 * The frame interval is (width + HBLANK) x (height + VBLANK) / PIXEL_RATE:
 * the defaults give 640x480 at exactly 30/s (2200 x 1125 / 74.25 MHz), and
 * the read-only controls hold the documented values.
 */
static void vcam_sensor_controls(struct kunit *test)
{
	struct v4l2_ctrl *vblank, *rate, *orient;
	struct sd_node s;
	s64 pixels;

	open_subdev(test, "sensor-a", &s);
	pixels = (640 + ctrl_value(test, s.sd, V4L2_CID_HBLANK)) *
		 (480 + ctrl_value(test, s.sd, V4L2_CID_VBLANK));
	KUNIT_EXPECT_EQ(test, ctrl_value(test, s.sd, V4L2_CID_PIXEL_RATE), 74250000);
	KUNIT_EXPECT_EQ(test, pixels * 30, 74250000);
	rate = v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_PIXEL_RATE);
	orient = v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_CAMERA_ORIENTATION);
	KUNIT_ASSERT_NOT_NULL(test, orient);
	KUNIT_EXPECT_TRUE(test, rate->flags & V4L2_CTRL_FLAG_READ_ONLY);
	KUNIT_EXPECT_TRUE(test, orient->flags & V4L2_CTRL_FLAG_READ_ONLY);
	/* Out of range is clamped by the V4L2 core, never passed through. */
	vblank = v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_VBLANK);
	KUNIT_EXPECT_EQ(test, vblank->minimum, 45);
	KUNIT_EXPECT_EQ(test, v4l2_ctrl_s_ctrl(vblank, 1), 0);
	KUNIT_EXPECT_EQ(test, v4l2_ctrl_g_ctrl(vblank), 45);
	KUNIT_EXPECT_EQ(test, v4l2_ctrl_s_ctrl(vblank, 645), 0);
	KUNIT_EXPECT_NOT_NULL(test, v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_TEST_PATTERN));
	KUNIT_EXPECT_NOT_NULL(test, v4l2_ctrl_find(s.sd->ctrl_handler, V4L2_CID_LINK_FREQ));
	close_subdev(&s);
}

/* ISP: the sink size propagates to the processed source; encodings stick. */
static void vcam_isp_formats(struct kunit *test)
{
	struct v4l2_subdev_format src = { .which = V4L2_SUBDEV_FORMAT_TRY, .pad = 2 };
	struct v4l2_mbus_framefmt f;
	struct sd_node isp;

	open_subdev(test, "isp", &isp);
	expect_agree(test, &isp, 0, MEDIA_BUS_FMT_SGBRG12_1X12, 1280, 720);
	KUNIT_EXPECT_EQ(test, pad_call(&isp, get_fmt, &src), 0);
	KUNIT_EXPECT_EQ(test, src.format.width, 1280);
	KUNIT_EXPECT_EQ(test, src.format.height, 720);
	/* The source size cannot differ from the sink's; its code may. */
	KUNIT_EXPECT_EQ(test, set_fmt(&isp, V4L2_SUBDEV_FORMAT_TRY, 2, MEDIA_BUS_FMT_RGB888_1X24,
				      64, 64, &f), 0);
	KUNIT_EXPECT_EQ(test, f.width, 1280);
	KUNIT_EXPECT_EQ(test, f.code, MEDIA_BUS_FMT_RGB888_1X24);
	KUNIT_EXPECT_EQ(test, f.quantization, V4L2_QUANTIZATION_FULL_RANGE);
	expect_agree(test, &isp, 2, MEDIA_BUS_FMT_YUV8_1X24, 0, 0);
	/* Metadata pads are fixed. */
	KUNIT_EXPECT_EQ(test, set_fmt(&isp, V4L2_SUBDEV_FORMAT_TRY, 3, MEDIA_BUS_FMT_YUYV8_1X16,
				      640, 480, &f), 0);
	KUNIT_EXPECT_EQ(test, f.code, MEDIA_BUS_FMT_METADATA_FIXED);
	expect_agree(test, &isp, 0, MEDIA_BUS_FMT_SRGGB10_1X10, 640, 480); /* the default back */
	close_subdev(&isp);
}

/* Resizer: a new sink format resets the crop; the crop is clamped inside. */
static void vcam_resizer_crop(struct kunit *test)
{
	struct v4l2_subdev_selection sel = { .which = V4L2_SUBDEV_FORMAT_TRY,
					     .target = V4L2_SEL_TGT_CROP };
	struct v4l2_mbus_framefmt f;
	struct sd_node r;

	open_subdev(test, "resizer-main", &r);
	KUNIT_EXPECT_EQ(test, set_fmt(&r, V4L2_SUBDEV_FORMAT_TRY, 0, MEDIA_BUS_FMT_YUV8_1X24,
				      1920, 1080, &f), 0);
	sel.r = (struct v4l2_rect){ 1900, 11, 640, 480 };
	KUNIT_EXPECT_EQ(test, pad_call(&r, set_selection, &sel), 0);
	KUNIT_EXPECT_EQ(test, sel.r.left, 1280);
	KUNIT_EXPECT_EQ(test, sel.r.top, 10);
	KUNIT_EXPECT_EQ(test, set_fmt(&r, V4L2_SUBDEV_FORMAT_TRY, 0, MEDIA_BUS_FMT_YUV8_1X24,
				      800, 600, &f), 0);
	KUNIT_EXPECT_EQ(test, pad_call(&r, get_selection, &sel), 0);
	KUNIT_EXPECT_EQ(test, sel.r.width, 800);
	KUNIT_EXPECT_EQ(test, sel.r.left, 0);
	/* Scaling: any output size, same code as the input. */
	expect_agree(test, &r, 1, MEDIA_BUS_FMT_RGB888_1X24, 1000, 300);
	expect_agree(test, &r, 0, MEDIA_BUS_FMT_YUV8_1X24, 640, 480);
	expect_agree(test, &r, 1, MEDIA_BUS_FMT_YUV8_1X24, 640, 480); /* the default back */
	close_subdev(&r);
}

static struct kunit_case vcam_cases[] = {
	KUNIT_CASE(vcam_sensor_formats),
	KUNIT_CASE(vcam_sensor_flips),
	KUNIT_CASE(vcam_sensor_controls),
	KUNIT_CASE(vcam_isp_formats),
	KUNIT_CASE(vcam_resizer_crop),
	{}
};

static struct kunit_suite vcam_suite = {
	.name = "vcam_driver",
	.test_cases = vcam_cases,
};
kunit_test_suite(vcam_suite);

MODULE_DESCRIPTION("KUnit tests for the vcam driver's sub-devices");
MODULE_LICENSE("GPL");
