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
#include <media/v4l2-dev.h>
#include <media/v4l2-subdev.h>

#include <mcpp/mcpp.h>
#include <mcpp/test.h>
#include <mcpp/v4l2.h>

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
	complete(&p->unreg_done);
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

static struct kunit_case bridge_cases[] = {
	KUNIT_CASE_SLOW(bridge_release_after_last_close),
	KUNIT_CASE_SLOW(bridge_race_op_vs_unregister),
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
