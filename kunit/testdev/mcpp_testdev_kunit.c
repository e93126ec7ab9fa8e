// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_testdev: the test topology's driver under a parked caller. Needs
 * mcpp_testdev.ko loaded (its device bound). Nodes are opened for real
 * (filp_open); ioctls go through the nodes' own ioctl ops with kernel
 * arguments, under the node's lock as the V4L2 core takes it.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/videodev2.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-ioctl.h>

#include <mcpp/test.h>

static struct device *testdev;

struct find_ctx {
	const char *name;
	char found[32];
};

static int find_video(struct device *child, void *data)
{
	struct find_ctx *c = data;

	if (strncmp(dev_name(child), "video", 5) ||
	    strcmp(container_of(child, struct video_device, dev)->name, c->name))
		return 0;
	strscpy(c->found, dev_name(child), sizeof(c->found));
	return 1;
}

static struct file *open_video(struct kunit *test, const char *name)
{
	struct find_ctx c = { .name = name };
	char path[48];
	struct file *f;

	if (!device_for_each_child(testdev, &c, find_video)) {
		KUNIT_FAIL(test, "mcpp-testdev has no video node %s", name);
		return NULL;
	}
	snprintf(path, sizeof(path), "/dev/%s", c.found);
	f = filp_open(path, O_RDWR, 0);
	if (IS_ERR(f)) {
		KUNIT_FAIL(test, "open %s: %ld", path, PTR_ERR(f));
		return NULL;
	}
	return f;
}

/* A kthread's last fput is deferred: the node's release runs before we go on. */
static void close_video(struct file *f)
{
	filp_close(f, NULL);
	flush_delayed_fput();
}

/* A video node's ioctl op, with the lock the V4L2 core would hold. */
#define vid_ioctl(f, op, ...) ({						\
	struct video_device *__vd = video_devdata(f);				\
	long __ret;								\
	mutex_lock(__vd->lock);							\
	__ret = __vd->ioctl_ops->op((f), (f)->private_data, ##__VA_ARGS__);	\
	mutex_unlock(__vd->lock);						\
	__ret;									\
})

/* REQBUFS @n MMAP buffers of @type, QBUF @queued of them. */
static void get_buffers(struct kunit *test, struct file *f, u32 type, u32 n, u32 queued)
{
	struct v4l2_requestbuffers req = { .count = n, .type = type, .memory = V4L2_MEMORY_MMAP };
	u32 i;

	KUNIT_EXPECT_EQ(test, vid_ioctl(f, vidioc_reqbufs, &req), 0);
	KUNIT_EXPECT_EQ(test, req.count, n);
	for (i = 0; i < queued; i++) {
		struct v4l2_buffer b = { .index = i, .type = type, .memory = V4L2_MEMORY_MMAP };

		KUNIT_EXPECT_EQ(test, vid_ioctl(f, vidioc_qbuf, &b), 0);
	}
}

/* A frame within 10 s, or -ETIMEDOUT: a stream that stalls fails, not hangs. */
static int dqbuf_frame(struct file *f, struct v4l2_buffer *b)
{
	unsigned int flags = f->f_flags;
	int i, ret = -EAGAIN;

	f->f_flags |= O_NONBLOCK;
	for (i = 0; i < 500 && ret == -EAGAIN; i++) {
		memset(b, 0, sizeof(*b));
		b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b->memory = V4L2_MEMORY_MMAP;
		ret = vid_ioctl(f, vidioc_dqbuf, b);
		if (ret == -EAGAIN)
			msleep(20);
	}
	f->f_flags = flags;
	return ret == -EAGAIN ? -ETIMEDOUT : ret;
}

struct park {
	struct completion parked, resume, done;
	struct file *file;
	int ret;
};

static void park_hook(void *ctx, enum mcpp_hook_point point)
{
	struct park *p = ctx;

	complete(&p->parked);
	wait_for_completion(&p->resume);
}

static int streamoff_params(void *data)
{
	struct park *p = data;

	p->ret = vid_ioctl(p->file, vidioc_streamoff, V4L2_BUF_TYPE_META_OUTPUT);
	complete(&p->done);
	return 0;
}

/*
 * The last node to stop cancels the frame work outside the frame lock. A
 * start on another node parked in that window (params stopping, capture
 * starting) finds the work still queued and leaves it be; the cancel must
 * not leave capture without frames.
 */
static void testdev_stop_vs_start(struct kunit *test)
{
	struct park *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	struct file *params = open_video(test, "params");
	struct file *capture = open_video(test, "capture");
	struct task_struct *t;
	struct v4l2_buffer b;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, params);
	KUNIT_ASSERT_NOT_NULL(test, capture);
	/* Parameters stream alone: the frame work runs. */
	get_buffers(test, params, V4L2_BUF_TYPE_META_OUTPUT, 2, 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(params, vidioc_streamon, V4L2_BUF_TYPE_META_OUTPUT), 0);
	get_buffers(test, capture, V4L2_BUF_TYPE_VIDEO_CAPTURE, 2, 2);

	init_completion(&p->parked);
	init_completion(&p->resume);
	init_completion(&p->done);
	p->file = params;
	mcpp_hook_arm(MCPP_HOOK_DRIVER_STOP, park_hook, p);
	t = kthread_run(streamoff_params, p, "testdev-stop");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_TRUE_MSG(test, wait_for_completion_timeout(&p->parked, 10 * HZ),
			      "STREAMOFF never reached the driver's stop");
	/* In the window: nothing streams, and capture starts. */
	KUNIT_EXPECT_EQ(test, vid_ioctl(capture, vidioc_streamon, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	complete(&p->resume);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&p->done, 10 * HZ));
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_STOP);
	KUNIT_EXPECT_EQ(test, p->ret, 0);

	KUNIT_EXPECT_EQ_MSG(test, dqbuf_frame(capture, &b), 0,
			    "capture started during the last stop gets no frame");
	KUNIT_EXPECT_EQ(test, vid_ioctl(capture, vidioc_streamoff, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	close_video(capture);
	close_video(params);
}

static int testdev_kunit_init(struct kunit_suite *suite)
{
	testdev = bus_find_device_by_name(&platform_bus_type, NULL, "mcpp-testdev");
	if (!testdev || !testdev->driver) {
		pr_err("mcpp_testdev_races: no bound mcpp-testdev (is mcpp_testdev.ko loaded?)\n");
		put_device(testdev);
		testdev = NULL;
		return -ENODEV;
	}
	return 0;
}

static void testdev_kunit_exit(struct kunit_suite *suite)
{
	put_device(testdev);
}

static struct kunit_case testdev_race_cases[] = {
	KUNIT_CASE_SLOW(testdev_stop_vs_start),
	{}
};

static struct kunit_suite testdev_race_suite = {
	.name = "mcpp_testdev_races",
	.suite_init = testdev_kunit_init,
	.suite_exit = testdev_kunit_exit,
	.test_cases = testdev_race_cases,
};
kunit_test_suite(testdev_race_suite);

MODULE_DESCRIPTION("KUnit: mcpp_testdev's driver with a caller parked in its stop");
MODULE_LICENSE("GPL");
