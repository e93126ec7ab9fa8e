// SPDX-License-Identifier: GPL-2.0
/*
 * vcam_races: unbind vcam.0 while a caller is parked inside each critical
 * window, deterministically. A test hook (include/mcpp/test.h) or a user
 * copy stops one thread at a named point; another thread unbinds; the test
 * checks that unbind waits for exactly what it must, lets the parked thread
 * go, and then that:
 *
 *   - the parked caller got the documented result (it was inside: it
 *     finishes; later calls on its file get -EIO on the media node,
 *     -ENODEV on a V4L2 node);
 *   - nothing is released while a file is open, and the media device (with
 *     the driver's release callback) is released exactly once after the last
 *     close, leaving the core's object counts where they were;
 *   - a rebind gives a new instance that streams.
 *
 * KASAN, lockdep, kmemleak and the WARN detectors watch the console. Needs
 * vcam.ko loaded with its defaults (one instance, vcam.0 bound). Nodes are
 * opened for real (filp_open); ioctls go through the nodes' own ioctl ops
 * with kernel arguments, under the node's lock as the V4L2 core takes it.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-buf.h>
#include <linux/iosys-map.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/media.h>
#include <linux/media-bus-format.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/sched/signal.h>
#include <linux/poll.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sysrq.h>
#include <linux/uaccess.h>
#include <linux/videodev2.h>
#include <media/v4l2-ctrls.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-event.h>
#include <media/v4l2-fh.h>
#include <media/v4l2-ioctl.h>
#include <media/v4l2-subdev.h>
#include <media/videobuf2-v4l2.h>

#include <mcpp/test.h>
#include <uapi/linux/vcam-config.h>

#define RELEASE_TIMEOUT (15 * HZ) /* DEBUG_KOBJECT_RELEASE delays releases */
#define SETTLE (HZ / 5)		  /* "still blocked" means: not done after this */

static struct device *vcam0;

/* Nodes ------------------------------------------------------------------ */

struct find_ctx {
	const char *prefix;	/* device name prefix: media, video, v4l-subdev */
	const char *name;	/* video_device name, or NULL */
	char found[32];
};

static int find_child(struct device *child, void *data)
{
	struct find_ctx *c = data;

	if (strncmp(dev_name(child), c->prefix, strlen(c->prefix)))
		return 0;
	if (c->name && strcmp(container_of(child, struct video_device, dev)->name, c->name))
		return 0;
	strscpy(c->found, dev_name(child), sizeof(c->found));
	return 1;
}

/* Opens vcam.0's node: @prefix "media", or a video/sub-device node by name. */
static struct file *open_node(struct kunit *test, const char *prefix, const char *name)
{
	struct find_ctx c = { .prefix = prefix, .name = name };
	char path[48];
	struct file *f;

	if (!device_for_each_child(vcam0, &c, find_child)) {
		KUNIT_FAIL(test, "vcam.0 has no node %s %s", prefix, name ?: "");
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

/*
 * Closes as userspace would, to the end: a kthread's last fput is deferred
 * to a work item, and the node's release (handing back its queue) must have
 * run before the next open of the same node takes the queue.
 */
static void close_node(struct file *f, fl_owner_t id)
{
	filp_close(f, id);
	flush_delayed_fput();
}

static struct video_device *vdev_of(struct file *f)
{
	return video_devdata(f);
}

/* A video node's ioctl op, with the lock the V4L2 core would hold. */
#define vid_ioctl(f, op, ...) ({						\
	struct video_device *__vd = vdev_of(f);					\
	long __ret;								\
	mutex_lock(__vd->lock);							\
	__ret = __vd->ioctl_ops->op((f), (f)->private_data, ##__VA_ARGS__);	\
	mutex_unlock(__vd->lock);						\
	__ret;									\
})

static int kernel_copy_out(const struct mcpp_user_io *io, __u64 uptr, const void *src,
			   size_t size)
{
	memcpy((void *)(uintptr_t)uptr, src, size);
	return 0;
}

static const struct mcpp_user_io kernel_io = { .copy_out = kernel_copy_out };

static long media_ioctl(struct file *f, unsigned int cmd, void *arg,
			const struct mcpp_user_io *io)
{
	return mcpp_file_ioctl(f->private_data, cmd, arg, io ?: &kernel_io);
}

#define MAX_ENTITIES 32

/* G_TOPOLOGY's entities into @ents; the entity count, or a negative errno. */
static long topology(struct file *media, struct media_v2_entity *ents,
		     const struct mcpp_user_io *io)
{
	struct media_v2_topology t = {};
	long ret;

	t.ptr_entities = (uintptr_t)ents;
	t.num_entities = MAX_ENTITIES;
	ret = media_ioctl(media, MEDIA_IOC_G_TOPOLOGY, &t, io);
	return ret ?: t.num_entities;
}

static u32 entity_id(struct media_v2_entity *ents, long n, const char *name)
{
	long i;

	for (i = 0; i < n; i++)
		if (!strcmp(ents[i].name, name))
			return ents[i].id;
	return 0;
}

/* A TRY set_fmt on the sub-device node @f's own state. */
static int subdev_try_fmt(struct file *f, u32 pad, u32 code, u32 w, u32 h)
{
	struct v4l2_subdev *sd = vdev_to_v4l2_subdev(vdev_of(f));
	struct v4l2_subdev_state *st = to_v4l2_subdev_fh(f->private_data)->state;
	struct v4l2_subdev_format fmt = { .which = V4L2_SUBDEV_FORMAT_TRY, .pad = pad };
	int ret;

	fmt.format.code = code;
	fmt.format.width = w;
	fmt.format.height = h;
	v4l2_subdev_lock_state(st);
	ret = v4l2_subdev_call(sd, pad, set_fmt, st, &fmt);
	v4l2_subdev_unlock_state(st);
	return ret;
}

static int set_exposure(struct file *sensor, s32 value)
{
	struct v4l2_control c = { .id = V4L2_CID_EXPOSURE, .value = value };

	return v4l2_s_ctrl(sensor->private_data, vdev_to_v4l2_subdev(vdev_of(sensor))->ctrl_handler,
			   &c);
}

static int try_main_fmt(struct file *f)
{
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

	fmt.fmt.pix.width = 640;
	fmt.fmt.pix.height = 480;
	fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
	return vid_ioctl(f, vidioc_try_fmt_vid_cap, &fmt);
}

/* REQBUFS @n MMAP buffers, QBUF @queued of them, STREAMON. */
static int stream_on(struct kunit *test, struct file *f, u32 n, u32 queued)
{
	struct v4l2_requestbuffers req = {
		.count = n, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};
	u32 i;

	KUNIT_EXPECT_EQ(test, vid_ioctl(f, vidioc_reqbufs, &req), 0);
	KUNIT_EXPECT_EQ(test, req.count, n);
	for (i = 0; i < queued; i++) {
		struct v4l2_buffer b = {
			.index = i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
		};
		KUNIT_EXPECT_EQ(test, vid_ioctl(f, vidioc_qbuf, &b), 0);
	}
	return vid_ioctl(f, vidioc_streamon, V4L2_BUF_TYPE_VIDEO_CAPTURE);
}

static int dqbuf(struct file *f, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof(*b));
	b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	b->memory = V4L2_MEMORY_MMAP;
	return vid_ioctl(f, vidioc_dqbuf, b);
}

/* A frame within 10 s, or -ETIMEDOUT: a stream that stalls fails, not hangs. */
static int dqbuf_frame(struct file *f, struct v4l2_buffer *b)
{
	unsigned int flags = f->f_flags;
	int i, ret = -EAGAIN;

	f->f_flags |= O_NONBLOCK;
	for (i = 0; i < 500 && ret == -EAGAIN; i++) {
		ret = dqbuf(f, b);
		if (ret == -EAGAIN)
			msleep(20);
	}
	f->f_flags = flags;
	return ret == -EAGAIN ? -ETIMEDOUT : ret;
}

/* Threads and parking ---------------------------------------------------- */

/* One call on its own thread; done completes when it has returned. */
struct actor {
	int (*fn)(struct actor *a);
	struct file *file;
	void *arg;
	int ret;
	struct completion done;
};

static int actor_thread(void *data)
{
	struct actor *a = data;

	a->ret = a->fn(a);
	complete_all(&a->done);	/* "done" stays true for every later wait */
	return 0;
}

static void actor_start(struct kunit *test, struct actor *a, int (*fn)(struct actor *),
			struct file *file, void *arg)
{
	struct task_struct *t;

	a->fn = fn;
	a->file = file;
	a->arg = arg;
	init_completion(&a->done);
	t = kthread_run(actor_thread, a, "vcam-race");
	if (IS_ERR(t)) {
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
		a->ret = PTR_ERR(t);
		complete_all(&a->done);
	}
}

/*
 * Waits for @a to return. A deadlock would hang the boot with nothing said:
 * after a minute, fail and print every blocked task's stack, then go on
 * waiting (the actor uses this test's memory).
 */
static void actor_wait(struct kunit *test, struct actor *a, const char *what)
{
	if (wait_for_completion_timeout(&a->done, 60 * HZ))
		return;
	KUNIT_FAIL(test, "%s: still running after 60 s; the blocked tasks follow", what);
	handle_sysrq('w');
	wait_for_completion(&a->done);
}

static int do_unbind(struct actor *a)
{
	device_release_driver(vcam0);
	return 0;
}

struct park {
	struct completion parked, resume;
	bool fired;
};

static void park_init(struct park *p)
{
	init_completion(&p->parked);
	init_completion(&p->resume);
	p->fired = false;
}

static void park_here(struct park *p)
{
	p->fired = true;
	complete(&p->parked);
	wait_for_completion(&p->resume);
}

static void park_hook(void *ctx, enum mcpp_hook_point point)
{
	park_here(ctx);
}

/* A user copy that parks on its first call: a page fault mid graph walk. */
struct park_io {
	struct mcpp_user_io io;
	struct park park;
};

static int parking_copy_out(const struct mcpp_user_io *io, __u64 uptr, const void *src,
			    size_t size)
{
	struct park_io *p = container_of(io, struct park_io, io);

	if (!p->park.fired)
		park_here(&p->park);
	return kernel_copy_out(io, uptr, src, size);
}

static long unregister_waits(void)
{
	struct mcpp_test_counts c;

	mcpp_test_counts(&c);
	return c.unregister_waits;
}

/*
 * The race: @op runs on its own thread until it parks in @p; unbind starts
 * on another and must still be waiting after SETTLE; then @op goes on and
 * both finish. Returns @op's result. @guarded: @op is parked inside the
 * revocation guard, so unregister must not have passed its wait for the
 * calls inside (whatever lock @op holds, which unbind may also wait for).
 */
static int race_unbind(struct kunit *test, struct park *p, int (*op)(struct actor *),
		       struct file *file, void *arg, bool guarded)
{
	struct actor *opa = kunit_kzalloc(test, sizeof(*opa), GFP_KERNEL);
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	long waits;

	if (!opa || !unb) {
		KUNIT_FAIL(test, "out of memory");
		return -ENOMEM;
	}
	actor_start(test, opa, op, file, arg);
	if (!wait_for_completion_timeout(&p->parked, 10 * HZ)) {
		KUNIT_FAIL(test, "the caller never reached the parking point");
		return -ETIMEDOUT;	/* the hook stays armed: the caller disarms */
	}
	waits = unregister_waits();
	actor_start(test, unb, do_unbind, NULL, NULL);
	KUNIT_EXPECT_FALSE_MSG(test, wait_for_completion_timeout(&unb->done, SETTLE),
			       "unbind did not wait for the parked caller");
	if (guarded)
		KUNIT_EXPECT_EQ_MSG(test, unregister_waits(), waits,
				    "unregister passed its wait with a call inside the guard");
	complete(&p->resume);
	actor_wait(test, opa, "the parked caller");
	actor_wait(test, unb, "unbind");
	KUNIT_EXPECT_NULL_MSG(test, vcam0->driver, "vcam.0 still bound after unbind");
	return opa->ret;
}

/*
 * With the frame thread parked in @frame: unbind must wait for the frame in
 * progress; then the frame goes on, unbind finishes and the hook is
 * disarmed.
 */
static void unbind_past_parked_frame(struct kunit *test, struct park *frame)
{
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);

	if (!unb) {
		KUNIT_FAIL(test, "out of memory");
		complete(&frame->resume);
		mcpp_hook_disarm(MCPP_HOOK_DRIVER_FRAME);
		return;
	}
	actor_start(test, unb, do_unbind, NULL, NULL);
	KUNIT_EXPECT_FALSE_MSG(test, wait_for_completion_timeout(&unb->done, SETTLE),
			       "unbind did not wait for the frame in progress");
	complete(&frame->resume);
	actor_wait(test, unb, "unbind");
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_FRAME);
}

/* Lifetime checks -------------------------------------------------------- */

/*
 * vcam's frame threads alive (not exiting): kthread_stop() returns once the
 * thread is in do_exit(), so a joined thread always shows PF_EXITING.
 */
static int frame_threads(void)
{
	struct task_struct *p;
	int n = 0;

	rcu_read_lock();
	for_each_process(p)
		if (!strcmp(p->comm, "vcam-frames") && !(READ_ONCE(p->flags) & PF_EXITING))
			n++;
	rcu_read_unlock();
	return n;
}


static void close_all(struct file **files, int n)
{
	while (n--)
		if (files[n])
			close_node(files[n], NULL);
}

/*
 * After unbind with @files still open: nothing is released yet; after the
 * last close, exactly one device release (the driver's callback).
 */
static void expect_released_once(struct kunit *test, const struct mcpp_test_counts *before,
				 struct file **files, int n)
{
	struct mcpp_test_counts now;
	unsigned long deadline;

	msleep(200);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.device_releases, before->device_releases,
			    "released while a file was open");
	close_all(files, n);
	deadline = jiffies + RELEASE_TIMEOUT;
	do {
		mcpp_test_counts(&now);
		if (now.device_releases > before->device_releases)
			break;
		msleep(50);
	} while (time_before(jiffies, deadline));
	msleep(100);	/* a second release would come right behind */
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.device_releases, before->device_releases + 1,
			    "the old instance was not released exactly once");
}

/*
 * After the release of an instance that streamed (and before any other
 * streams): its frame thread, told to end at the last stop and not waited
 * for there, was joined by the release, before the module could go.
 */
static void expect_thread_joined(struct kunit *test)
{
	KUNIT_EXPECT_EQ_MSG(test, frame_threads(), 0, "a frame thread outlived the release");
}

/*
 * An open /dev/mediaN of the unbound instance @media: once the instance's
 * other holders are gone (its @n entities, pinned by nodes whose releases
 * DEBUG_KOBJECT_RELEASE delays), exactly two references remain on its media
 * device: the file's own and the devnode's, which the open file keeps.
 * @past_deferral: and still two after the longest a devnode's release can be
 * deferred (DEBUG_KOBJECT_RELEASE: up to 4 s for the cdev's kobject, then up
 * to 4 s for its parent, the devnode's device), so a devnode that the file
 * does not keep would have been released by then.
 */
static void expect_media_pinned(struct kunit *test, struct file *media,
				const struct mcpp_test_counts *before, long n, bool past_deferral)
{
	struct mcpp_device *mdev = mcpp_test_file_device(media->private_data);
	unsigned long deadline = jiffies + RELEASE_TIMEOUT;
	struct mcpp_test_counts now;

	do {
		mcpp_test_counts(&now);
		if (now.entities <= before->entities - n && mcpp_test_device_refs(mdev) <= 2)
			break;
		msleep(50);
	} while (time_before(jiffies, deadline));
	KUNIT_EXPECT_EQ(test, now.entities, before->entities - n);
	if (past_deferral)
		msleep(9000);
	KUNIT_EXPECT_EQ_MSG(test, mcpp_test_device_refs(mdev), 2u,
			    "an open media file must hold its own and the devnode's reference");
	KUNIT_EXPECT_EQ_MSG(test, now.device_releases, before->device_releases,
			    "released while a file was open");
}

/*
 * Rebinds vcam.0 and checks the new instance: the same topology as @before
 * (counts and @n_entities), and main streams a frame. Then the core's counts
 * are what they were before the test.
 */
static void expect_new_instance(struct kunit *test, const struct mcpp_test_counts *before,
				long n_entities)
{
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct mcpp_test_counts now;
	struct file *media, *main;
	struct v4l2_buffer b;

	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_EQ_MSG(test, device_attach(vcam0), 1, "rebind failed");
	media = open_node(test, "media", NULL);
	main = open_node(test, "video", "main");
	if (media)
		KUNIT_EXPECT_EQ(test, topology(media, ents, NULL), n_entities);
	if (main) {
		KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
		KUNIT_EXPECT_EQ(test, dqbuf_frame(main, &b), 0);
		KUNIT_EXPECT_EQ(test, b.bytesused, 640u * 480 * 2);
		KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_streamoff,
						V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
		close_node(main, NULL);
	}
	if (media)
		close_node(media, NULL);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before->devices);
	KUNIT_EXPECT_EQ(test, now.entities, before->entities);
	KUNIT_EXPECT_EQ(test, now.interfaces, before->interfaces);
	KUNIT_EXPECT_EQ(test, now.links, before->links);
}

/* Each case starts bound, with its topology's size known. */
static long start(struct kunit *test, struct mcpp_test_counts *before)
{
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct module *owner;
	struct file *media;
	int pins;
	long n;

	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_NOT_NULL_MSG(test, vcam0->driver, "vcam.0 is not bound");
	owner = vcam0->driver->owner;
	pins = module_refcount(owner);
	media = open_node(test, "media", NULL);
	KUNIT_ASSERT_NOT_NULL(test, media);
	/* An open file pins the driver's module (rmmod: EBUSY), not only mcpp. */
	KUNIT_EXPECT_EQ(test, module_refcount(owner), pins + 1);
	n = topology(media, ents, NULL);
	close_node(media, NULL);
	KUNIT_EXPECT_EQ(test, module_refcount(owner), pins);
	KUNIT_ASSERT_GT(test, n, 0);
	mcpp_test_counts(before);
	return n;
}

/* (a) An ioctl parked inside each node type ------------------------------ */

static int op_topology(struct actor *a)
{
	struct park_io *pio = a->arg;
	struct media_v2_entity *ents = kcalloc(MAX_ENTITIES, sizeof(*ents), GFP_KERNEL);
	int ret = ents ? topology(a->file, ents, &pio->io) : -ENOMEM;

	kfree(ents);
	return ret;
}

/*
 * A graph walk (G_TOPOLOGY) parked in its user copy (a page fault there is
 * the real-world version: userfaultfd, FUSE, a stalled mount). The copy
 * runs on a snapshot, outside the graph lock and the guard: unbind must
 * finish while the walk stays parked; resumed, the walk copies the graph as
 * it was and ends with -ENODEV.
 */
static void race_media_walk(struct kunit *test)
{
	struct park_io *pio = kunit_kzalloc(test, sizeof(*pio), GFP_KERNEL);
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct actor *opa = kunit_kzalloc(test, sizeof(*opa), GFP_KERNEL);
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *media = open_node(test, "media", NULL);

	KUNIT_ASSERT_NOT_NULL(test, pio);
	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_NOT_NULL(test, opa);
	KUNIT_ASSERT_NOT_NULL(test, unb);
	KUNIT_ASSERT_NOT_NULL(test, media);
	pio->io.copy_out = parking_copy_out;
	park_init(&pio->park);
	actor_start(test, opa, op_topology, media, pio);
	if (!wait_for_completion_timeout(&pio->park.parked, 10 * HZ)) {
		KUNIT_FAIL(test, "the walk never reached its user copy");
		actor_wait(test, opa, "the walk");
		close_node(media, NULL);
		return;
	}
	actor_start(test, unb, do_unbind, NULL, NULL);
	/* Not a timing assumption: a bound on what would otherwise be a hang. */
	KUNIT_EXPECT_TRUE_MSG(test, wait_for_completion_timeout(&unb->done, 60 * HZ),
			      "unbind waited for a call parked in its user copy");
	KUNIT_EXPECT_FALSE_MSG(test, completion_done(&opa->done),
			       "the walk did not stay parked");
	complete(&pio->park.resume);
	actor_wait(test, opa, "the parked walk");
	actor_wait(test, unb, "unbind");
	KUNIT_EXPECT_NULL_MSG(test, vcam0->driver, "vcam.0 still bound after unbind");
	KUNIT_EXPECT_EQ(test, opa->ret, -EIO);
	KUNIT_EXPECT_EQ(test, topology(media, ents, NULL), -EIO);
	KUNIT_EXPECT_TRUE(test, mcpp_file_revoked(media->private_data));
	expect_media_pinned(test, media, &before, n, true);
	expect_released_once(test, &before, &media, 1);
	expect_new_instance(test, &before, n);
}

/*
 * @op on vcam.0's node (@prefix, @name), parked at @point while unbind
 * starts: unbind waits, @op returns @want, and when called again the node's
 * error after unbind: -EIO on the media node (as the in-kernel media
 * controller), -ENODEV on V4L2 nodes.
 */
static void race_node_op(struct kunit *test, enum mcpp_hook_point point, const char *prefix,
			 const char *name, int (*op)(struct actor *), void *arg, int want)
{
	struct park p;
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *f = open_node(test, prefix, name);

	KUNIT_ASSERT_NOT_NULL(test, f);
	park_init(&p);
	mcpp_hook_arm(point, park_hook, &p);
	KUNIT_EXPECT_EQ(test, race_unbind(test, &p, op, f, arg, true), want);
	mcpp_hook_disarm(point);
	KUNIT_EXPECT_EQ(test, op(&(struct actor){ .file = f, .arg = arg }),
			strcmp(prefix, "media") ? -ENODEV : -EIO);
	if (!strcmp(prefix, "media"))
		expect_media_pinned(test, f, &before, n, false);
	expect_released_once(test, &before, &f, 1);
	expect_new_instance(test, &before, n);
}

static int op_try_fmt(struct actor *a)
{
	return try_main_fmt(a->file);
}

static void race_video_ioctl(struct kunit *test)
{
	race_node_op(test, MCPP_HOOK_VIDEO_OP, "video", "main", op_try_fmt, NULL, 0);
}

static int op_subdev_fmt(struct actor *a)
{
	return subdev_try_fmt(a->file, 0, MEDIA_BUS_FMT_SRGGB10_1X10, 640, 480);
}

static void race_subdev_ioctl(struct kunit *test)
{
	race_node_op(test, MCPP_HOOK_SUBDEV_OP, "v4l-subdev", "isp", op_subdev_fmt, NULL, 0);
}

/* (f) SETUP_LINK parked inside its guard, before the graph lock ---------- */

static int op_setup_link(struct actor *a)
{
	return media_ioctl(a->file, MEDIA_IOC_SETUP_LINK, a->arg, NULL);
}

/* Disables sensor-a -> isp, a DYNAMIC link: the driver's link_setup runs. */
static void race_setup_link(struct kunit *test)
{
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct media_link_desc *link = kunit_kzalloc(test, sizeof(*link), GFP_KERNEL);
	struct file *media = open_node(test, "media", NULL);
	long n;

	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_NOT_NULL(test, link);
	KUNIT_ASSERT_NOT_NULL(test, media);
	n = topology(media, ents, NULL);
	close_node(media, NULL);
	link->source.entity = entity_id(ents, n, "sensor-a");
	link->sink.entity = entity_id(ents, n, "isp");
	KUNIT_ASSERT_NE(test, link->source.entity, 0);
	KUNIT_ASSERT_NE(test, link->sink.entity, 0);
	race_node_op(test, MCPP_HOOK_IOCTL, "media", NULL, op_setup_link, link, 0);
}

/* (b) STREAMON and STREAMOFF midway; (f) a pipeline start ----------------- */

static int op_streamon(struct actor *a)
{
	return vid_ioctl(a->file, vidioc_streamon, V4L2_BUF_TYPE_VIDEO_CAPTURE);
}

static int op_streamoff(struct actor *a)
{
	return vid_ioctl(a->file, vidioc_streamoff, V4L2_BUF_TYPE_VIDEO_CAPTURE);
}

/*
 * Everything the queue lent the driver came back and it stopped streaming.
 * (The frame thread, told to end, is joined at the release: expect_released_once().)
 */
static void expect_queue_idle(struct kunit *test, struct file *f)
{
	struct vb2_queue *q = vdev_of(f)->queue;
	struct v4l2_buffer b;

	mutex_lock(vdev_of(f)->lock);
	KUNIT_EXPECT_FALSE(test, vb2_is_streaming(q));
	KUNIT_EXPECT_EQ(test, atomic_read(&q->owned_by_drv_count), 0);
	mutex_unlock(vdev_of(f)->lock);
	KUNIT_EXPECT_EQ(test, dqbuf(f, &b), -ENODEV);
}

static bool frame_seen;

static void note_frame(void *ctx, enum mcpp_hook_point point)
{
	*(bool *)ctx = true;
}

/* STREAMON parked with its pipeline claimed and nothing started yet. */
static void race_streamon(struct kunit *test)
{
	struct park p;
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *main = open_node(test, "video", "main");
	struct v4l2_requestbuffers req = {
		.count = 2, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, main);
	KUNIT_ASSERT_EQ(test, vid_ioctl(main, vidioc_reqbufs, &req), 0);
	for (i = 0; i < req.count; i++) {
		struct v4l2_buffer b = {
			.index = i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
		};
		KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_qbuf, &b), 0);
	}
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_STREAM_START, park_hook, &p);
	/* vcam's start runs its frame thread, whose first frame passes this point. */
	frame_seen = false;
	mcpp_hook_arm(MCPP_HOOK_DRIVER_FRAME, note_frame, &frame_seen);
	/*
	 * Unbind revoked the device while the start was parked: starting the
	 * sub-devices (each call inside the guard) fails, the start is undone.
	 */
	KUNIT_EXPECT_EQ(test, race_unbind(test, &p, op_streamon, main, NULL, true), -ENODEV);
	mcpp_hook_disarm(MCPP_HOOK_STREAM_START);
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_FRAME);
	KUNIT_EXPECT_FALSE_MSG(test, frame_seen, "the driver's start ran");
	expect_queue_idle(test, main);
	expect_released_once(test, &before, &main, 1);
	expect_new_instance(test, &before, n);
}

/* STREAMOFF parked after the driver stopped, before the pipeline did. */
static void race_streamoff(struct kunit *test)
{
	struct park p;
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *main = open_node(test, "video", "main");
	struct v4l2_buffer b;

	KUNIT_ASSERT_NOT_NULL(test, main);
	KUNIT_ASSERT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_EXPECT_EQ(test, dqbuf_frame(main, &b), 0);	/* it really streams */
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_STREAM_STOP, park_hook, &p);
	KUNIT_EXPECT_EQ(test, race_unbind(test, &p, op_streamoff, main, NULL, false), 0);
	mcpp_hook_disarm(MCPP_HOOK_STREAM_STOP);
	expect_queue_idle(test, main);
	expect_released_once(test, &before, &main, 1);
	expect_thread_joined(test);
	expect_new_instance(test, &before, n);
}

/* (c) A blocked DQBUF ----------------------------------------------------- */

/* A bit-field, set by the waiter before it sleeps (and read here unlocked). */
static bool waiting_in_dqbuf(struct vb2_queue *q)
{
	barrier();
	return q->waiting_in_dqbuf;
}

static int op_dqbuf(struct actor *a)
{
	return dqbuf(a->file, a->arg);
}

/*
 * The frame thread is parked before its first frame, so DQBUF blocks with
 * two buffers queued; unbind must wait for the frame in progress. The
 * waiter gets -ENODEV: its node is gone.
 */
static void race_blocked_dqbuf(struct kunit *test)
{
	struct v4l2_buffer *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct actor *dq = kunit_kzalloc(test, sizeof(*dq), GFP_KERNEL);
	struct park frame;
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *main = open_node(test, "video", "main");
	struct vb2_queue *q;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, dq);
	KUNIT_ASSERT_NOT_NULL(test, main);
	q = vdev_of(main)->queue;
	park_init(&frame);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_FRAME, park_hook, &frame);
	KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&frame.parked, 10 * HZ));
	actor_start(test, dq, op_dqbuf, main, b);
	for (i = 0; i < 100 && !waiting_in_dqbuf(q); i++)
		msleep(20);
	KUNIT_EXPECT_TRUE_MSG(test, waiting_in_dqbuf(q), "DQBUF is not waiting");
	KUNIT_EXPECT_FALSE(test, completion_done(&dq->done));

	unbind_past_parked_frame(test, &frame);
	actor_wait(test, dq, "DQBUF");
	KUNIT_EXPECT_EQ(test, dq->ret, -ENODEV);
	expect_queue_idle(test, main);
	expect_released_once(test, &before, &main, 1);
	expect_new_instance(test, &before, n);
}

/* (d) A waiting poll, on each node type ----------------------------------- */

#define POLL_HEADS 4

/* What a poll()ing task leaves on the wait queues: entries that wake us. */
struct poller {
	poll_table pt;
	struct {
		wait_queue_entry_t entry;
		wait_queue_head_t *head;
	} waits[POLL_HEADS];
	int n;
	struct completion woken;
};

static int poller_wake(wait_queue_entry_t *entry, unsigned int mode, int sync, void *key)
{
	complete(entry->private);
	return 0;
}

static void poller_queue(struct file *file, wait_queue_head_t *head, poll_table *pt)
{
	struct poller *p = container_of(pt, struct poller, pt);

	if (WARN_ON(p->n == POLL_HEADS))
		return;
	init_waitqueue_func_entry(&p->waits[p->n].entry, poller_wake);
	p->waits[p->n].entry.private = &p->woken;
	p->waits[p->n].head = head;
	add_wait_queue(head, &p->waits[p->n].entry);
	p->n++;
}

static __poll_t poller_start(struct poller *p, struct file *f, __poll_t events)
{
	init_poll_funcptr(&p->pt, poller_queue);
	p->pt._key = events;
	p->n = 0;
	init_completion(&p->woken);
	return vfs_poll(f, &p->pt);
}

static void poller_stop(struct poller *p)
{
	while (p->n--)
		remove_wait_queue(p->waits[p->n].head, &p->waits[p->n].entry);
}

/* Waiting for events on media, video and sub-device nodes: unbind wakes all. */
static void race_poll(struct kunit *test)
{
	struct poller *w = kunit_kcalloc(test, 3, sizeof(*w), GFP_KERNEL);
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *files[3] = {
		open_node(test, "media", NULL),
		open_node(test, "video", "main"),
		open_node(test, "v4l-subdev", "sensor-a"),
	};
	int i;

	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < 3; i++) {
		KUNIT_ASSERT_NOT_NULL(test, files[i]);
		/* The media node is always readable and writable (as in-kernel). */
		KUNIT_EXPECT_EQ_MSG(test, poller_start(&w[i], files[i], EPOLLPRI) & EPOLLPRI, 0,
				    "node %d is ready before unbind", i);
		KUNIT_EXPECT_GT(test, w[i].n, 0);
	}
	device_release_driver(vcam0);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, wait_for_completion_timeout(&w[i].woken, 5 * HZ),
				      "node %d: the poller was not woken", i);
		poller_stop(&w[i]);
		KUNIT_EXPECT_TRUE_MSG(test, vfs_poll(files[i], NULL) & EPOLLERR,
				      "node %d: no EPOLLERR after unbind", i);
		KUNIT_EXPECT_TRUE(test, vfs_poll(files[i], NULL) & EPOLLHUP);
	}
	close_node(files[1], NULL);	/* the media file alone pins the device */
	close_node(files[2], NULL);
	files[1] = files[2] = NULL;
	expect_media_pinned(test, files[0], &before, n, false);
	expect_released_once(test, &before, files, 3);
	expect_new_instance(test, &before, n);
}

/* (h) A blocked DQEVENT ---------------------------------------------------- */

/*
 * An ioctl through the node's own file operations, as userspace makes it
 * (user memory: kunit_vm_mmap() gave the test thread an mm).
 */
static long user_ioctl(struct file *f, unsigned int cmd, unsigned long uaddr, void *karg,
		       size_t size)
{
	long ret;

	if (copy_to_user((void __user *)uaddr, karg, size))
		return -EFAULT;
	ret = f->f_op->unlocked_ioctl(f, cmd, uaddr);
	if (copy_from_user(karg, (void __user *)uaddr, size))
		return -EFAULT;
	return ret;
}

/*
 * The mm kunit_vm_mmap() attached to the test thread: 6.12's
 * kunit_attach_mm() never lets it go (kmemleak reports it), so the test
 * does, when it is done with user memory.
 */
static void drop_test_mm(void)
{
	struct mm_struct *mm = current->mm;

	if (!mm)
		return;
	kthread_unuse_mm(mm);
	mmput(mm);
}

/* A DQEVENT on its own thread, in the test's mm; SIGKILL ends its wait. */
struct dqevent_waiter {
	struct file *file;
	struct mm_struct *mm;
	unsigned long uaddr;
	long ret;
	struct task_struct *task;
	struct completion done;
};

static int dqevent_thread(void *data)
{
	struct dqevent_waiter *w = data;

	allow_signal(SIGKILL);
	kthread_use_mm(w->mm);
	w->ret = w->file->f_op->unlocked_ioctl(w->file, VIDIOC_DQEVENT, w->uaddr);
	kthread_unuse_mm(w->mm);
	complete_all(&w->done);
	return 0;
}

/*
 * A DQEVENT blocked on a sub-device node (its controls send events) when
 * vcam.0 is unbound: it returns -ENODEV (the V4L2 core's own wait would go
 * back to sleep for ever, its file keeping vcam.ko busy), the files close,
 * and the module's count is back: rmmod would succeed. The same for a
 * DQEVENT blocked on a video node (main: its error-injection controls send
 * control events; vcam.ko is loaded with them).
 */
static void race_blocked_dqevent(struct kunit *test)
{
	struct dqevent_waiter *w = kunit_kzalloc(test, sizeof(*w), GFP_KERNEL);
	struct v4l2_event_subscription sub = {
		.type = V4L2_EVENT_CTRL, .id = V4L2_CID_EXPOSURE,
		.flags = V4L2_EVENT_SUB_FL_SEND_INITIAL,
	};
	struct v4l2_event_subscription vsub = {
		.type = V4L2_EVENT_CTRL, .id = 0x00f1f008, /* Wrap Sequence Number */
	};
	struct dqevent_waiter *vw = kunit_kzalloc(test, sizeof(*vw), GFP_KERNEL);
	struct v4l2_event ev = {};
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *files[2] = {
		open_node(test, "v4l-subdev", "sensor-a"),
		open_node(test, "video", "main"),
	};
	struct v4l2_fh *vfh;
	unsigned long uaddr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
					    MAP_ANONYMOUS | MAP_PRIVATE, 0);
	struct v4l2_fh *fh;
	struct module *owner;
	int refs, i;

	KUNIT_ASSERT_NOT_NULL(test, w);
	KUNIT_ASSERT_NOT_NULL(test, vw);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	KUNIT_ASSERT_NE_MSG(test, uaddr, 0, "no user memory");
	vfh = files[1]->private_data;
	fh = files[0]->private_data;
	owner = vdev_of(files[0])->cdev->owner;
	refs = module_refcount(owner);

	KUNIT_EXPECT_EQ(test, user_ioctl(files[0], VIDIOC_SUBSCRIBE_EVENT, uaddr, &sub,
					 sizeof(sub)), 0);
	/* The initial event, through the same path. */
	KUNIT_EXPECT_EQ(test, user_ioctl(files[0], VIDIOC_DQEVENT, uaddr, &ev, sizeof(ev)), 0);
	KUNIT_EXPECT_EQ(test, ev.type, V4L2_EVENT_CTRL);
	KUNIT_EXPECT_EQ(test, ev.id, V4L2_CID_EXPOSURE);
	KUNIT_EXPECT_EQ(test, ev.u.ctrl.value, 1000);
	KUNIT_EXPECT_EQ(test, user_ioctl(files[1], VIDIOC_SUBSCRIBE_EVENT, uaddr, &vsub,
					 sizeof(vsub)), 0);

	w->file = files[0];
	w->mm = current->mm;
	w->uaddr = uaddr;
	init_completion(&w->done);
	w->task = kthread_run(dqevent_thread, w, "vcam-dqevent");
	KUNIT_ASSERT_FALSE(test, IS_ERR(w->task));
	get_task_struct(w->task);
	/* Unlocked peeks: has the waiter gone to sleep on its queue yet? */
	for (i = 0; i < 100 && !waitqueue_active(&fh->wait); i++)
		msleep(20);
	KUNIT_EXPECT_TRUE_MSG(test, waitqueue_active(&fh->wait), "DQEVENT is not waiting");
	KUNIT_EXPECT_FALSE(test, completion_done(&w->done));
	vw->file = files[1];
	vw->mm = current->mm;
	vw->uaddr = uaddr + sizeof(ev);
	init_completion(&vw->done);
	vw->task = kthread_run(dqevent_thread, vw, "vcam-dqevent");
	KUNIT_ASSERT_FALSE(test, IS_ERR(vw->task));
	get_task_struct(vw->task);
	for (i = 0; i < 100 && !waitqueue_active(&vfh->wait); i++)
		msleep(20);
	KUNIT_EXPECT_TRUE_MSG(test, waitqueue_active(&vfh->wait), "DQEVENT on main is not waiting");
	KUNIT_EXPECT_FALSE(test, completion_done(&vw->done));

	device_release_driver(vcam0);
	/* Bounded: a DQEVENT that does not return is killed, and the case fails. */
	if (!wait_for_completion_timeout(&w->done, 10 * HZ)) {
		KUNIT_FAIL(test, "DQEVENT still blocked 10 s after unbind");
		send_sig(SIGKILL, w->task, 1);
		wait_for_completion(&w->done);
	}
	put_task_struct(w->task);
	KUNIT_EXPECT_EQ(test, w->ret, -ENODEV);
	if (!wait_for_completion_timeout(&vw->done, 10 * HZ)) {
		KUNIT_FAIL(test, "DQEVENT on main still blocked 10 s after unbind");
		send_sig(SIGKILL, vw->task, 1);
		wait_for_completion(&vw->done);
	}
	put_task_struct(vw->task);
	KUNIT_EXPECT_EQ(test, vw->ret, -ENODEV);
	KUNIT_EXPECT_EQ(test, user_ioctl(files[0], VIDIOC_DQEVENT, uaddr, &ev, sizeof(ev)),
			-ENODEV);
	drop_test_mm();
	expect_released_once(test, &before, files, 2);
	KUNIT_EXPECT_EQ_MSG(test, module_refcount(owner), refs - 2,
			    "vcam.ko still in use after the last close");
	expect_new_instance(test, &before, n);
}

/* (g) A control set while the frame timer fires --------------------------- */

static int op_exposure(struct actor *a)
{
	return set_exposure(a->file, 1000);
}

/*
 * The frame thread parked inside its frame (frame_lock_ held): a control
 * set does not wait for it; unbind does, and after it the control is gone.
 */
static void race_control_vs_frame(struct kunit *test)
{
	struct actor *ctl = kunit_kzalloc(test, sizeof(*ctl), GFP_KERNEL);
	struct park frame;
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *files[2] = {
		open_node(test, "video", "main"),
		open_node(test, "v4l-subdev", "sensor-a"),
	};

	KUNIT_ASSERT_NOT_NULL(test, ctl);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	KUNIT_EXPECT_EQ(test, stream_on(test, files[0], 2, 2), 0);
	park_init(&frame);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_FRAME, park_hook, &frame);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&frame.parked, 10 * HZ));

	actor_start(test, ctl, op_exposure, files[1], NULL);
	KUNIT_EXPECT_TRUE_MSG(test, wait_for_completion_timeout(&ctl->done, 5 * HZ),
			      "the control set waited for the frame");
	unbind_past_parked_frame(test, &frame);
	actor_wait(test, ctl, "the control set");
	KUNIT_EXPECT_EQ(test, ctl->ret, 0);
	KUNIT_EXPECT_EQ(test, set_exposure(files[1], 900), -ENODEV);
	expect_queue_idle(test, files[0]);
	expect_released_once(test, &before, files, 2);
	expect_new_instance(test, &before, n);
}

/* Rebind while the old instance's files are open ------------------------- */

/*
 * Old media, video and sub-device files across unbind and a rebind: they
 * get -ENODEV, the new instance works beside them, and the old instance is
 * released only at their last close.
 */
static void rebind_with_old_files(struct kunit *test)
{
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct mcpp_test_counts before, now;
	long n = start(test, &before);
	struct file *old[3] = {
		open_node(test, "media", NULL),
		open_node(test, "video", "main"),
		open_node(test, "v4l-subdev", "isp"),
	};
	struct file *media, *main;
	struct v4l2_buffer b;

	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_NOT_NULL(test, old[0]);
	KUNIT_ASSERT_NOT_NULL(test, old[1]);
	KUNIT_ASSERT_NOT_NULL(test, old[2]);
	KUNIT_EXPECT_EQ(test, stream_on(test, old[1], 2, 2), 0);
	device_release_driver(vcam0);
	KUNIT_ASSERT_EQ(test, device_attach(vcam0), 1);

	media = open_node(test, "media", NULL);
	main = open_node(test, "video", "main");
	KUNIT_ASSERT_NOT_NULL(test, media);
	KUNIT_ASSERT_NOT_NULL(test, main);
	KUNIT_EXPECT_NE(test, file_inode(media)->i_rdev, file_inode(old[0])->i_rdev);
	KUNIT_EXPECT_EQ(test, topology(media, ents, NULL), n);
	KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_EXPECT_EQ(test, dqbuf_frame(main, &b), 0);

	KUNIT_EXPECT_EQ(test, topology(old[0], ents, NULL), -EIO);
	KUNIT_EXPECT_EQ(test, try_main_fmt(old[1]), -ENODEV);
	KUNIT_EXPECT_EQ(test, dqbuf(old[1], &b), -ENODEV);
	KUNIT_EXPECT_EQ(test, op_subdev_fmt(&(struct actor){ .file = old[2] }), -ENODEV);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before.devices + 1);	/* old and new */

	close_node(main, NULL);
	close_node(media, NULL);
	expect_released_once(test, &before, old, 3);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before.devices);
	KUNIT_EXPECT_EQ(test, now.entities, before.entities);
	KUNIT_EXPECT_EQ(test, now.interfaces, before.interfaces);
	KUNIT_EXPECT_EQ(test, now.links, before.links);
}

/* Parameters: one fetch from the mapped buffer ----------------------------- */

/* REQBUFS @n MMAP buffers of the node's own type. */
static int reqbufs(struct file *f, u32 type, u32 n)
{
	struct v4l2_requestbuffers req = { .count = n, .type = type, .memory = V4L2_MEMORY_MMAP };
	int ret = vid_ioctl(f, vidioc_reqbufs, &req);

	return ret ?: (req.count == n ? 0 : -ENOMEM);
}

static int qbuf(struct file *f, u32 type, u32 index, u32 bytesused)
{
	struct v4l2_buffer b = {
		.index = index, .type = type, .memory = V4L2_MEMORY_MMAP, .bytesused = bytesused,
	};

	return vid_ioctl(f, vidioc_qbuf, &b);
}

/* A buffer of @type within 10 s, or -ETIMEDOUT. */
static int dqbuf_type(struct file *f, u32 type, struct v4l2_buffer *b)
{
	unsigned int flags = f->f_flags;
	int i, ret = -EAGAIN;

	f->f_flags |= O_NONBLOCK;
	for (i = 0; i < 500 && ret == -EAGAIN; i++) {
		memset(b, 0, sizeof(*b));
		b->type = type;
		b->memory = V4L2_MEMORY_MMAP;
		ret = vid_ioctl(f, vidioc_dqbuf, b);
		if (ret == -EAGAIN)
			msleep(20);
	}
	f->f_flags = flags;
	return ret == -EAGAIN ? -ETIMEDOUT : ret;
}

/* The kernel mapping of buffer @index: the memory userspace has mmap'd. */
static void *plane_of(struct file *f, u32 index)
{
	return vb2_plane_vaddr(vb2_get_buffer(vdev_of(f)->queue, index), 0);
}

/*
 * The frame thread takes a parameter buffer (zero white-balance gains: every
 * output pixel black) and parks between its copy and the validation;
 * userspace, which still has the buffer mapped, rewrites it (a version the
 * driver refuses, unity gains). The frame must apply what it copied: the
 * buffer comes back without the error flag, and the statistics of the
 * frames after it show a black image. Reading the buffer again after the
 * park (a double fetch) would refuse the buffer or apply the new gains.
 */
static void params_single_fetch(struct kunit *test)
{
	const u32 stats_type = V4L2_BUF_TYPE_META_CAPTURE, params_type = V4L2_BUF_TYPE_META_OUTPUT;
	struct file *stats = open_node(test, "video", "stats");
	struct file *params = open_node(test, "video", "params");
	struct vcam_isp_params *p;
	const struct vcam_isp_stats *st;
	struct v4l2_buffer b;
	struct park park;
	u32 i, taken;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, stats);
	KUNIT_ASSERT_NOT_NULL(test, params);
	KUNIT_ASSERT_EQ(test, reqbufs(stats, stats_type, 4), 0);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, qbuf(stats, stats_type, i, 0), 0);
	KUNIT_ASSERT_EQ(test, vid_ioctl(stats, vidioc_streamon, stats_type), 0);
	KUNIT_ASSERT_EQ(test, reqbufs(params, params_type, 1), 0);
	p = plane_of(params, 0);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0, sizeof(*p));
	p->version = VCAM_ISP_PARAMS_VERSION;
	p->valid = VCAM_ISP_BLOCK_WB;

	park_init(&park);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_PARAMS, park_hook, &park);
	KUNIT_EXPECT_EQ(test, qbuf(params, params_type, 0, sizeof(*p)), 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(params, vidioc_streamon, params_type), 0);
	ret = wait_for_completion_timeout(&park.parked, 10 * HZ);
	KUNIT_EXPECT_TRUE_MSG(test, ret, "the frame thread never took the parameters");
	if (ret) {
		/* Userspace's write, after the copy, before its validation. */
		WRITE_ONCE(p->version, VCAM_ISP_PARAMS_VERSION + 1);
		for (i = 0; i < 3; i++)
			WRITE_ONCE(p->wb_gain[i], 256);
	}
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_PARAMS);
	complete(&park.resume);

	KUNIT_ASSERT_EQ(test, dqbuf_type(params, params_type, &b), 0);
	KUNIT_EXPECT_FALSE_MSG(test, b.flags & V4L2_BUF_FLAG_ERROR,
			       "the validated copy was refused: the buffer was read again");
	taken = b.sequence;
	/* The first statistics after the frame that took them. */
	for (i = 0; i < 50; i++) {
		ret = dqbuf_type(stats, stats_type, &b);
		if (ret || b.sequence > taken)
			break;
		KUNIT_EXPECT_EQ(test, qbuf(stats, stats_type, b.index, 0), 0);
	}
	KUNIT_EXPECT_EQ(test, ret, 0);
	if (!ret && b.sequence > taken) {
		st = plane_of(stats, b.index);
		KUNIT_EXPECT_GT(test, st->hist_total, 0u);
		KUNIT_EXPECT_EQ_MSG(test, st->hist[0], st->hist_total,
				    "frame %u after the parameters is not black: not the copy's gains",
				    b.sequence);
	} else {
		KUNIT_FAIL(test, "no statistics after frame %u", taken);
	}
	KUNIT_EXPECT_EQ(test, vid_ioctl(params, vidioc_streamoff, params_type), 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(stats, vidioc_streamoff, stats_type), 0);
	close_node(params, NULL);
	close_node(stats, NULL);
	/* The gains persist across streams: leave a fresh instance. */
	device_release_driver(vcam0);
	KUNIT_EXPECT_EQ(test, device_attach(vcam0), 1);
}

/* Opening a node while unbind runs --------------------------------------- */

/* Unplugs a sensor of the bound vcam device (vcam_main.c). */
int vcam_test_disconnect(struct device *dev, unsigned int sensor);

/* The /dev path of vcam.0's node (@prefix, @name) into @path. */
static bool node_path(struct kunit *test, const char *prefix, const char *name, char *path,
		      size_t size)
{
	struct find_ctx c = { .prefix = prefix, .name = name };

	if (!device_for_each_child(vcam0, &c, find_child)) {
		KUNIT_FAIL(test, "vcam.0 has no node %s %s", prefix, name ?: "");
		return false;
	}
	snprintf(path, size, "/dev/%s", c.found);
	return true;
}

/* Opens the path in @a->arg; the file (or NULL) goes to @a->file. */
static int op_open(struct actor *a)
{
	struct file *f = filp_open(a->arg, O_RDWR, 0);

	if (IS_ERR(f))
		return PTR_ERR(f);
	a->file = f;
	return 0;
}

/* After unbind and every file closed: exactly one release follows. */
static void expect_one_release(struct kunit *test, const struct mcpp_test_counts *before)
{
	struct mcpp_test_counts now;
	unsigned long deadline = jiffies + RELEASE_TIMEOUT;

	do {
		mcpp_test_counts(&now);
		if (now.device_releases > before->device_releases)
			break;
		msleep(50);
	} while (time_before(jiffies, deadline));
	msleep(100);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.device_releases, before->device_releases + 1,
			    "the old instance was not released exactly once");
}

/*
 * An open of vcam.0's node (@prefix, @name) parked before its guard
 * (MCPP_HOOK_NODE_OPEN: the V4L2 core has already found the node
 * registered): unbind does not wait for it and completes; resumed, the open
 * fails with -ENODEV and the driver never sees it. Then the same open parked
 * inside the guard (@inside): unbind waits for it; it succeeds, and its file
 * gets -ENODEV from @op.
 */
static void race_open(struct kunit *test, const char *prefix, const char *name,
		      enum mcpp_hook_point inside, int (*op)(struct actor *))
{
	struct actor *opener = kunit_kzalloc(test, sizeof(*opener), GFP_KERNEL);
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	char *path = kunit_kzalloc(test, 48, GFP_KERNEL);
	struct mcpp_test_counts before, now;
	struct park p;
	long n;

	KUNIT_ASSERT_NOT_NULL(test, opener);
	KUNIT_ASSERT_NOT_NULL(test, unb);
	KUNIT_ASSERT_NOT_NULL(test, path);

	/* Before the guard: unbind goes through, the open then fails. */
	n = start(test, &before);
	KUNIT_ASSERT_TRUE(test, node_path(test, prefix, name, path, 48));
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_NODE_OPEN, park_hook, &p);
	actor_start(test, opener, op_open, NULL, path);
	if (!wait_for_completion_timeout(&p.parked, 10 * HZ)) {
		KUNIT_FAIL(test, "the open never reached its parking point");
		goto abandon;
	}
	actor_start(test, unb, do_unbind, NULL, NULL);
	actor_wait(test, unb, "unbind with an open parked before the guard");
	KUNIT_EXPECT_NULL(test, vcam0->driver);
	msleep(200);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.device_releases, before.device_releases,
			    "released while an open was under way");
	complete(&p.resume);
	actor_wait(test, opener, "the parked open");
	mcpp_hook_disarm(MCPP_HOOK_NODE_OPEN);
	KUNIT_EXPECT_EQ_MSG(test, opener->ret, -ENODEV, "an open after revocation succeeded");
	if (opener->file)
		close_node(opener->file, NULL);
	flush_delayed_fput();
	expect_one_release(test, &before);
	expect_new_instance(test, &before, n);

	/* Inside the guard: unbind waits, the open succeeds, its file is dead. */
	n = start(test, &before);
	KUNIT_ASSERT_TRUE(test, node_path(test, prefix, name, path, 48));
	memset(opener, 0, sizeof(*opener));
	memset(unb, 0, sizeof(*unb));
	park_init(&p);
	mcpp_hook_arm(inside, park_hook, &p);
	actor_start(test, opener, op_open, NULL, path);
	if (!wait_for_completion_timeout(&p.parked, 10 * HZ)) {
		KUNIT_FAIL(test, "the open never entered its guard");
		goto abandon;
	}
	actor_start(test, unb, do_unbind, NULL, NULL);
	KUNIT_EXPECT_FALSE_MSG(test, wait_for_completion_timeout(&unb->done, SETTLE),
			       "unbind did not wait for the open inside the guard");
	complete(&p.resume);
	actor_wait(test, opener, "the parked open");
	actor_wait(test, unb, "unbind");
	mcpp_hook_disarm(inside);
	KUNIT_EXPECT_EQ(test, opener->ret, 0);
	if (opener->file) {
		KUNIT_EXPECT_EQ(test, op(opener), -ENODEV);
		expect_released_once(test, &before, &opener->file, 1);
	} else {
		expect_one_release(test, &before);
	}
	expect_new_instance(test, &before, n);
	return;

abandon: /* leave no parked hook or open file to the next case */
	mcpp_hook_disarm(MCPP_HOOK_NODE_OPEN);
	mcpp_hook_disarm(inside);
	actor_wait(test, opener, "the open");
	if (opener->file)
		close_node(opener->file, NULL);
}

static void race_open_video(struct kunit *test)
{
	race_open(test, "video", "main", MCPP_HOOK_VIDEO_OP, op_try_fmt);
}

static void race_open_subdev(struct kunit *test)
{
	race_open(test, "v4l-subdev", "sensor-a", MCPP_HOOK_SUBDEV_OP, op_subdev_fmt);
}

/* Many threads sharing one video node file --------------------------------- */

#define SHARERS 8

/* TRY_FMT then DQBUF on the shared file; its own reference, as fdget() takes. */
static int op_shared(struct actor *a)
{
	struct v4l2_buffer b;
	int ret = try_main_fmt(a->file);

	if (dqbuf(a->file, &b) != -ENODEV && !ret)
		ret = -EPROTO; /* the second call on a dead node must say so too */
	fput(a->file);
	return ret;
}

/*
 * One file of main shared by SHARERS threads: the first parks inside
 * TRY_FMT's guard (node lock held), the others queue behind it, unbind
 * starts and must wait for the parked one only. Resumed: the first returns
 * 0, every other -ENODEV (they entered after the revocation), the file is
 * released once, after the last thread's reference, and the device after it.
 */
static void shared_video_file(struct kunit *test)
{
	struct actor *a = kunit_kcalloc(test, SHARERS, sizeof(*a), GFP_KERNEL);
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *main = open_node(test, "video", "main");
	struct park p;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, unb);
	KUNIT_ASSERT_NOT_NULL(test, main);
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_VIDEO_OP, park_hook, &p);
	actor_start(test, &a[0], op_shared, get_file(main), NULL);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&p.parked, 10 * HZ));
	for (i = 1; i < SHARERS; i++)
		actor_start(test, &a[i], op_shared, get_file(main), NULL);
	close_node(main, NULL); /* the threads hold the file now */
	actor_start(test, unb, do_unbind, NULL, NULL);
	KUNIT_EXPECT_FALSE_MSG(test, wait_for_completion_timeout(&unb->done, SETTLE),
			       "unbind did not wait for the parked TRY_FMT");
	for (i = 1; i < SHARERS; i++)
		KUNIT_EXPECT_FALSE_MSG(test, completion_done(&a[i].done),
				       "sharer %d ran past the node lock", i);
	complete(&p.resume);
	for (i = 0; i < SHARERS; i++) {
		actor_wait(test, &a[i], "a sharer");
		KUNIT_EXPECT_EQ_MSG(test, a[i].ret, i ? -ENODEV : 0, "sharer %d", i);
	}
	actor_wait(test, unb, "unbind");
	mcpp_hook_disarm(MCPP_HOOK_VIDEO_OP);
	flush_delayed_fput();
	expect_one_release(test, &before);
	expect_new_instance(test, &before, n);
}

/* After unbind: the frame thread is gone, no buffer is touched again ------- */

/*
 * main streams with both buffers exported as dma-bufs (what EXPBUF hands
 * userspace, without the descriptor). After unbind returns: no buffer is
 * owned by the driver, and the buffers' memory,
 * kept by the dma-bufs past the queue's release, is read and written
 * through them and stays as written for 300 ms (nine frame periods): nothing
 * produces into it any more. Then the dma-bufs go, freeing the memory.
 */
static void unbind_frame_thread_gone(struct kunit *test)
{
	struct dma_buf *dbuf[2] = {};
	struct iosys_map map[2] = {};
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *main = open_node(test, "video", "main");
	struct vb2_queue *q;
	struct v4l2_buffer b;
	int i, ret;

	KUNIT_ASSERT_NOT_NULL(test, main);
	q = vdev_of(main)->queue;
	KUNIT_ASSERT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_ASSERT_EQ(test, dqbuf_frame(main, &b), 0);
	for (i = 0; i < 2; i++) {
		struct vb2_buffer *vb = vb2_get_buffer(q, i);

		mutex_lock(vdev_of(main)->lock);
		dbuf[i] = q->mem_ops->get_dmabuf(vb, vb->planes[0].mem_priv, O_RDWR);
		mutex_unlock(vdev_of(main)->lock);
		KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(dbuf[i]));
	}
	b.flags = 0;
	KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_qbuf, &b), 0); /* both with the driver */
	KUNIT_EXPECT_EQ_MSG(test, frame_threads(), 1, "no frame thread while streaming");

	device_release_driver(vcam0);
	expect_queue_idle(test, main);
	for (i = 0; i < 2; i++) {
		ret = dma_buf_vmap_unlocked(dbuf[i], &map[i]);
		KUNIT_EXPECT_EQ(test, ret, 0);
		if (!ret)
			memset(map[i].vaddr, 0x5a, dbuf[i]->size);
	}
	msleep(300);
	for (i = 0; i < 2; i++) {
		if (!map[i].vaddr)
			continue;
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(map[i].vaddr, 0x5a, dbuf[i]->size),
				      "buffer %d written after unbind", i);
		dma_buf_vunmap_unlocked(dbuf[i], &map[i]);
	}
	for (i = 0; i < 2; i++)
		dma_buf_put(dbuf[i]);
	expect_released_once(test, &before, &main, 1);
	expect_thread_joined(test);
	expect_new_instance(test, &before, n);
}

/* Parks the first caller only: later bands of the same thread go through. */
static void park_once_hook(void *ctx, enum mcpp_hook_point point)
{
	struct park *p = ctx;

	if (!p->fired)
		park_here(p);
}

/*
 * A frame abandoned, not finished: the frame thread parked between two
 * bands of rows of main's first frame (MCPP_HOOK_DRIVER_BAND: main's buffer
 * taken and its first rows written, no lock held). Unbind must return while
 * the thread stays parked, every buffer back from the driver (videobuf2
 * WARNs about any it still owns); then, the thread let go, nothing may
 * write into main's buffers any more: their memory, kept by dma-bufs and
 * filled with a marker after unbind, stays as marked for 300 ms (nine frame
 * periods; the parked frame had most of its rows left). The release joins
 * the thread.
 */
static void unbind_abandons_frame(struct kunit *test)
{
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	struct dma_buf *dbuf[2] = {};
	struct iosys_map map[2] = {};
	struct mcpp_test_counts before;
	long n = start(test, &before);
	struct file *main = open_node(test, "video", "main");
	struct park band;
	struct vb2_queue *q;
	bool returned;
	int i, ret;

	KUNIT_ASSERT_NOT_NULL(test, unb);
	KUNIT_ASSERT_NOT_NULL(test, main);
	q = vdev_of(main)->queue;
	park_init(&band);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_BAND, park_once_hook, &band);
	KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
	if (!wait_for_completion_timeout(&band.parked, 10 * HZ)) {
		mcpp_hook_disarm(MCPP_HOOK_DRIVER_BAND);
		KUNIT_FAIL(test, "the frame thread never reached a band's end");
		close_node(main, NULL);
		return;
	}
	for (i = 0; i < 2; i++) {
		struct vb2_buffer *vb = vb2_get_buffer(q, i);

		mutex_lock(vdev_of(main)->lock);
		dbuf[i] = q->mem_ops->get_dmabuf(vb, vb->planes[0].mem_priv, O_RDWR);
		mutex_unlock(vdev_of(main)->lock);
		KUNIT_EXPECT_FALSE(test, IS_ERR_OR_NULL(dbuf[i]));
		if (IS_ERR(dbuf[i]))
			dbuf[i] = NULL;
	}

	actor_start(test, unb, do_unbind, NULL, NULL);
	returned = wait_for_completion_timeout(&unb->done, 10 * HZ);
	KUNIT_EXPECT_TRUE_MSG(test, returned,
			      "unbind waited for the frame thread parked mid-frame");
	if (returned) {
		mutex_lock(vdev_of(main)->lock);
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&q->owned_by_drv_count), 0,
				    "unbind returned with a buffer still the driver's");
		mutex_unlock(vdev_of(main)->lock);
	}
	for (i = 0; i < 2; i++) {
		ret = dbuf[i] ? dma_buf_vmap_unlocked(dbuf[i], &map[i]) : -ENOMEM;
		KUNIT_EXPECT_EQ(test, ret, 0);
		if (!ret)
			memset(map[i].vaddr, 0x5a, dbuf[i]->size);
	}
	complete(&band.resume);
	actor_wait(test, unb, "unbind");
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_BAND);
	msleep(300);
	for (i = 0; i < 2; i++) {
		if (!map[i].vaddr)
			continue;
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(map[i].vaddr, 0x5a, dbuf[i]->size),
				      "buffer %d written after unbind", i);
		dma_buf_vunmap_unlocked(dbuf[i], &map[i]);
	}
	for (i = 0; i < 2; i++)
		if (dbuf[i])
			dma_buf_put(dbuf[i]);
	expect_queue_idle(test, main);
	expect_released_once(test, &before, &main, 1);
	expect_thread_joined(test);
	expect_new_instance(test, &before, n);
}

/* A sensor unplugged while its node is open and the pipeline streams ------- */

/* G_TOPOLOGY's version, entity and interface counts; 0 or a negative errno. */
static long topology_counts(struct file *media, struct media_v2_entity *ents, u64 *version,
			    u32 *nents, u32 *nintfs)
{
	struct media_v2_topology t = {};
	long ret;

	t.ptr_entities = (uintptr_t)ents;
	t.num_entities = MAX_ENTITIES;
	ret = media_ioctl(media, MEDIA_IOC_G_TOPOLOGY, &t, NULL);
	*version = t.topology_version;
	*nents = t.num_entities;
	*nintfs = t.num_interfaces;
	return ret;
}

static int op_disconnect(struct actor *a)
{
	return vcam_test_disconnect(vcam0, 0);
}

static int qbuf_index(struct file *f, u32 index)
{
	struct v4l2_buffer b = {
		.index = index, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};

	return vid_ioctl(f, vidioc_qbuf, &b);
}

/* Waits (bounded) until the core's live entity count is @want. */
static long wait_entities(long want)
{
	struct mcpp_test_counts now;
	unsigned long deadline = jiffies + RELEASE_TIMEOUT;

	do {
		mcpp_test_counts(&now);
		if (now.entities == want)
			break;
		msleep(50);
	} while (time_before(jiffies, deadline));
	return now.entities;
}

/*
 * sensor-a unplugged (vcam_test_disconnect(), what debugfs "disconnect"
 * does) while main streams through it, a DQBUF blocks on main (the frame
 * thread parked before its frame) and sensor-a's node is open. The DQBUF
 * wakes with -EIO; the topology's version changes and it lists neither
 * sensor-a nor its node's interface; sensor-a's node gets -ENODEV and
 * POLLERR|POLLHUP; main's buffers are all back; STREAMOFF works; the entity
 * is freed at the node's last close; STREAMON again finds no sensor
 * (-ENOLINK) until sensor-b is linked, then streams; raw-a has nothing to
 * capture (-ENOLINK). A second unplug: -ENODEV. Unbind and rebind give the
 * whole camera back.
 */
static void unplug_sensor_streaming(struct kunit *test)
{
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct media_link_desc *link = kunit_kzalloc(test, sizeof(*link), GFP_KERNEL);
	struct v4l2_buffer *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct actor *dq = kunit_kzalloc(test, sizeof(*dq), GFP_KERNEL);
	struct actor *unplug = kunit_kzalloc(test, sizeof(*unplug), GFP_KERNEL);
	struct mcpp_test_counts before, now;
	long n = start(test, &before);
	struct file *files[4] = {
		open_node(test, "media", NULL),
		open_node(test, "video", "main"),
		open_node(test, "v4l-subdev", "sensor-a"),
		open_node(test, "video", "raw-a"),
	};
	struct file *media = files[0], *main = files[1], *sensor = files[2], *raw = files[3];
	u32 nents, nintfs, nents2, nintfs2, sensor_b, isp;
	u64 version, version2;
	struct park frame;
	__poll_t mask;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_NOT_NULL(test, link);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, dq);
	KUNIT_ASSERT_NOT_NULL(test, unplug);
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_NOT_NULL(test, files[i]);
	KUNIT_ASSERT_EQ(test, topology_counts(media, ents, &version, &nents, &nintfs), 0);
	sensor_b = entity_id(ents, nents, "sensor-b");
	isp = entity_id(ents, nents, "isp");
	KUNIT_ASSERT_NE(test, sensor_b, 0);
	KUNIT_ASSERT_NE(test, isp, 0);

	KUNIT_ASSERT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_ASSERT_EQ(test, dqbuf_frame(main, b), 0); /* it really streams */
	park_init(&frame);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_FRAME, park_hook, &frame);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&frame.parked, 10 * HZ));
	KUNIT_EXPECT_EQ(test, qbuf_index(main, b->index), 0);
	actor_start(test, dq, op_dqbuf, main, b);
	for (i = 0; i < 100 && !waiting_in_dqbuf(vdev_of(main)->queue); i++)
		msleep(20);
	KUNIT_EXPECT_TRUE_MSG(test, waiting_in_dqbuf(vdev_of(main)->queue), "DQBUF is not waiting");

	/* The bridge's part wakes the waiter; vcam's then waits out the frame. */
	actor_start(test, unplug, op_disconnect, NULL, NULL);
	actor_wait(test, dq, "the DQBUF blocked across the unplug");
	KUNIT_EXPECT_EQ_MSG(test, dq->ret, -EIO, "the blocked DQBUF");
	complete(&frame.resume);
	actor_wait(test, unplug, "the unplug");
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_FRAME);
	KUNIT_EXPECT_EQ(test, unplug->ret, 0);

	/* The graph and the node. */
	KUNIT_ASSERT_EQ(test, topology_counts(media, ents, &version2, &nents2, &nintfs2), 0);
	KUNIT_EXPECT_NE_MSG(test, version2, version, "the topology version did not change");
	KUNIT_EXPECT_EQ(test, nents2, nents - 1);
	KUNIT_EXPECT_EQ(test, nintfs2, nintfs - 1);
	KUNIT_EXPECT_EQ(test, entity_id(ents, nents2, "sensor-a"), 0);
	KUNIT_EXPECT_EQ(test, subdev_try_fmt(sensor, 0, MEDIA_BUS_FMT_SRGGB10_1X10, 640, 480),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, set_exposure(sensor, 900), -ENODEV);
	mask = vfs_poll(sensor, NULL);
	KUNIT_EXPECT_TRUE_MSG(test, (mask & (EPOLLERR | EPOLLHUP)) == (EPOLLERR | EPOLLHUP),
			      "sensor-a's node polls %#x", mask);

	/* The stream: in error, every buffer back, stopped by userspace. */
	mutex_lock(vdev_of(main)->lock);
	KUNIT_EXPECT_EQ(test, atomic_read(&vdev_of(main)->queue->owned_by_drv_count), 0);
	mutex_unlock(vdev_of(main)->lock);
	KUNIT_EXPECT_EQ(test, dqbuf(main, b), -EIO);
	KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_streamoff, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	KUNIT_EXPECT_EQ(test, vcam_test_disconnect(vcam0, 0), -ENODEV);

	/* Freed at the node's last close (the stream's pin went with STREAMOFF). */
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.entities, before.entities, "freed while its node is open");
	close_node(sensor, NULL);
	files[2] = NULL;
	KUNIT_EXPECT_EQ_MSG(test, wait_entities(before.entities - 1), before.entities - 1,
			    "sensor-a's entity was not freed at its node's last close");

	/* The rest of the camera works: no sensor, then sensor-b. */
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, qbuf_index(main, i), 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_streamon, V4L2_BUF_TYPE_VIDEO_CAPTURE),
			-ENOLINK);
	link->source.entity = sensor_b;
	link->sink.entity = isp;
	link->flags = MEDIA_LNK_FL_ENABLED;
	KUNIT_EXPECT_EQ(test, media_ioctl(media, MEDIA_IOC_SETUP_LINK, link, NULL), 0);
	KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_EXPECT_EQ(test, dqbuf_frame(main, b), 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_streamoff, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	KUNIT_EXPECT_EQ(test, stream_on(test, raw, 2, 2), -ENOLINK);

	device_release_driver(vcam0);
	expect_released_once(test, &before, files, 4);
	expect_new_instance(test, &before, n);
}

/* Disconnect (error injection) ------------------------------------------- */

#define VCAM_CID_DISCONNECT 0x00f1f000 /* vcam's private class (errinj.cpp) */

void vcam_test_flush(void);

/* VIDIOC_S_CTRL Disconnect on a video or sub-device file, as the V4L2 core runs it. */
static int press_disconnect(struct file *f)
{
	struct v4l2_control c = { .id = VCAM_CID_DISCONNECT, .value = 1 };
	struct video_device *vd = vdev_of(f);
	int ret;

	if (vd->vfl_type == VFL_TYPE_SUBDEV)
		return v4l2_s_ctrl(f->private_data, vdev_to_v4l2_subdev(vd)->ctrl_handler, &c);
	mutex_lock(vd->lock);
	ret = v4l2_s_ctrl(f->private_data, vd->ctrl_handler, &c);
	mutex_unlock(vd->lock);
	return ret;
}

static int op_press(struct actor *a)
{
	return press_disconnect(a->file);
}

static bool has_media_node(void)
{
	struct find_ctx c = { .prefix = "media" };

	return device_for_each_child(vcam0, &c, find_child);
}

/*
 * Disconnect pressed on main while another thread unbinds vcam.0 through
 * sysfs. The press returns at once: its unplug work parks (before it takes
 * the device lock) and the press still completes, so the pressing call, which
 * is inside the guard, never waits for the unplug. While the work is parked
 * the sysfs unbind runs to the end (the work holds nothing it needs); the
 * work then finds the device unbound and does nothing. Old files: -ENODEV;
 * one release after the last close; no re-plug (the unbind was the user's).
 */
static void disconnect_vs_sysfs_unbind(struct kunit *test)
{
	struct actor *press = kunit_kzalloc(test, sizeof(*press), GFP_KERNEL);
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	struct mcpp_test_counts before, now;
	long n = start(test, &before);
	struct file *files[2] = {
		open_node(test, "video", "main"),
		open_node(test, "v4l-subdev", "isp"),
	};
	struct park p;

	KUNIT_ASSERT_NOT_NULL(test, press);
	KUNIT_ASSERT_NOT_NULL(test, unb);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_UNPLUG, park_hook, &p);
	actor_start(test, press, op_press, files[0], NULL);
	actor_wait(test, press, "Disconnect pressed on main");
	KUNIT_EXPECT_EQ(test, press->ret, 0);
	KUNIT_EXPECT_TRUE_MSG(test, wait_for_completion_timeout(&p.parked, 10 * HZ),
			      "the unplug work did not run");
	KUNIT_EXPECT_TRUE_MSG(test, video_is_registered(vdev_of(files[0])),
			      "unplugged before the work ran");
	actor_start(test, unb, do_unbind, NULL, NULL);
	actor_wait(test, unb, "sysfs unbind with the unplug work parked");
	KUNIT_EXPECT_NULL_MSG(test, vcam0->driver, "vcam.0 still bound after unbind");
	complete(&p.resume);
	vcam_test_flush();
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_UNPLUG);
	KUNIT_EXPECT_FALSE(test, video_is_registered(vdev_of(files[0])));
	KUNIT_EXPECT_EQ(test, press_disconnect(files[1]), -ENODEV);
	expect_released_once(test, &before, files, 2);
	vcam_test_flush(); /* a re-plug, had one been asked for, has run */
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.devices, before.devices - 1, "re-plugged after a sysfs unbind");
	KUNIT_EXPECT_NULL(test, vcam0->driver);
	expect_new_instance(test, &before, n);
}

/*
 * The other order: Disconnect's work unplugs first, leaving vcam.0 bound
 * without an instance; then a sysfs unbind finds nothing to remove. No
 * re-plug after the last close (vcam.0 is unbound by then).
 */
static void disconnect_then_sysfs_unbind(struct kunit *test)
{
	struct mcpp_test_counts before, now;
	long n = start(test, &before);
	struct file *files[2] = {
		open_node(test, "v4l-subdev", "sensor-a"),
		open_node(test, "media", NULL),
	};

	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	KUNIT_EXPECT_EQ(test, press_disconnect(files[0]), 0);
	vcam_test_flush();
	KUNIT_EXPECT_FALSE(test, video_is_registered(vdev_of(files[0])));
	KUNIT_EXPECT_NOT_NULL_MSG(test, vcam0->driver, "Disconnect unbound the platform device");
	KUNIT_EXPECT_FALSE(test, has_media_node());
	device_release_driver(vcam0);
	KUNIT_EXPECT_NULL(test, vcam0->driver);
	expect_released_once(test, &before, files, 2);
	vcam_test_flush();
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.devices, before.devices - 1, "re-plugged after a sysfs unbind");
	expect_new_instance(test, &before, n);
}

/*
 * Disconnect pressed while a sysfs unbind is in progress (it waits for a
 * TRY_FMT parked inside the guard, the device lock held): the device is
 * revoked already, so the press fails at once with -ENODEV and queues
 * nothing; the unbind finishes when TRY_FMT is resumed.
 */
static void disconnect_during_sysfs_unbind(struct kunit *test)
{
	struct actor *op = kunit_kzalloc(test, sizeof(*op), GFP_KERNEL);
	struct actor *unb = kunit_kzalloc(test, sizeof(*unb), GFP_KERNEL);
	struct mcpp_test_counts before, now;
	long n = start(test, &before);
	struct file *files[2] = {
		open_node(test, "video", "main"),
		open_node(test, "v4l-subdev", "isp"),
	};
	struct park p;

	KUNIT_ASSERT_NOT_NULL(test, op);
	KUNIT_ASSERT_NOT_NULL(test, unb);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_VIDEO_OP, park_hook, &p);
	actor_start(test, op, op_try_fmt, files[0], NULL);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&p.parked, 10 * HZ));
	actor_start(test, unb, do_unbind, NULL, NULL);
	KUNIT_EXPECT_FALSE_MSG(test, wait_for_completion_timeout(&unb->done, SETTLE),
			       "unbind did not wait for the parked TRY_FMT");
	KUNIT_EXPECT_EQ(test, press_disconnect(files[1]), -ENODEV);
	complete(&p.resume);
	actor_wait(test, op, "TRY_FMT");
	actor_wait(test, unb, "unbind");
	mcpp_hook_disarm(MCPP_HOOK_VIDEO_OP);
	KUNIT_EXPECT_NULL(test, vcam0->driver);
	expect_released_once(test, &before, files, 2);
	vcam_test_flush();
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before.devices - 1);
	expect_new_instance(test, &before, n);
}

/*
 * The re-plug: after Disconnect, vcam.0 stays bound without an instance
 * while any file of the old one is open (nothing new appears); at the last
 * close the old instance is released once and a new one is probed: a new
 * media device with the same topology, whose main node streams.
 */
static void disconnect_replug(struct kunit *test)
{
	struct media_v2_entity *ents = kunit_kcalloc(test, MAX_ENTITIES, sizeof(*ents),
						     GFP_KERNEL);
	struct mcpp_test_counts before, now;
	long n = start(test, &before);
	struct file *files[3] = {
		open_node(test, "media", NULL),
		open_node(test, "video", "stats"),
		open_node(test, "v4l-subdev", "resizer-self"),
	};
	struct file *media, *main;
	struct v4l2_buffer b;

	KUNIT_ASSERT_NOT_NULL(test, ents);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	KUNIT_ASSERT_NOT_NULL(test, files[2]);
	KUNIT_EXPECT_EQ(test, press_disconnect(files[1]), 0);
	KUNIT_EXPECT_EQ(test, press_disconnect(files[2]), 0); /* queued already: nothing more */
	vcam_test_flush();
	KUNIT_EXPECT_FALSE(test, video_is_registered(vdev_of(files[1])));
	KUNIT_EXPECT_FALSE(test, has_media_node());
	expect_released_once(test, &before, files, 3);
	vcam_test_flush(); /* the re-plug asked for by the release */
	KUNIT_ASSERT_NOT_NULL(test, vcam0->driver);
	KUNIT_EXPECT_TRUE_MSG(test, has_media_node(), "no new instance after the last close");
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before.devices);
	media = open_node(test, "media", NULL);
	main = open_node(test, "video", "main");
	KUNIT_ASSERT_NOT_NULL(test, media);
	KUNIT_ASSERT_NOT_NULL(test, main);
	KUNIT_EXPECT_EQ(test, topology(media, ents, NULL), n);
	KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_EXPECT_EQ(test, dqbuf_frame(main, &b), 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_streamoff, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	close_node(main, NULL);
	close_node(media, NULL);
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.entities, before.entities);
	KUNIT_EXPECT_EQ(test, now.links, before.links);
}

/*
 * A stale re-plug: Disconnect removes instance A (a file of it stays open),
 * a rebind gives B, Disconnect removes B too (a file of it stays open).
 * A's release comes first: it must not re-plug, since vcam.0 now waits for
 * B's last close, not A's (the re-plug names the generation it is for; an
 * address or a mere "no instance bound" cannot tell A's from B's). B's
 * release then re-plugs. Deterministic: the open files order the releases.
 */
static void disconnect_stale_replug(struct kunit *test)
{
	struct mcpp_test_counts before, now;
	struct file *a[2], *b[1];

	start(test, &before);
	a[0] = open_node(test, "video", "main");
	a[1] = open_node(test, "media", NULL);
	KUNIT_ASSERT_NOT_NULL(test, a[0]);
	KUNIT_ASSERT_NOT_NULL(test, a[1]);
	KUNIT_EXPECT_EQ(test, press_disconnect(a[0]), 0);
	vcam_test_flush();
	KUNIT_EXPECT_FALSE(test, has_media_node());
	device_release_driver(vcam0); /* nothing to remove: A is gone already */
	KUNIT_ASSERT_EQ_MSG(test, device_attach(vcam0), 1, "rebind failed");
	b[0] = open_node(test, "v4l-subdev", "isp");
	KUNIT_ASSERT_NOT_NULL(test, b[0]);
	KUNIT_EXPECT_EQ(test, press_disconnect(b[0]), 0);
	vcam_test_flush();
	KUNIT_EXPECT_FALSE(test, video_is_registered(vdev_of(b[0])));
	KUNIT_EXPECT_FALSE(test, has_media_node());
	expect_released_once(test, &before, a, 2); /* A's release */
	vcam_test_flush();
	KUNIT_EXPECT_FALSE_MSG(test, has_media_node(),
			       "the release of an older instance re-plugged while B's file is open");
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.devices, before.devices, "not only B's device left");
	before.device_releases++;
	expect_released_once(test, &before, b, 1); /* B's: the re-plug */
	vcam_test_flush();
	KUNIT_ASSERT_NOT_NULL(test, vcam0->driver);
	KUNIT_EXPECT_TRUE_MSG(test, has_media_node(), "no new instance after B's last close");
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before.devices);
	KUNIT_EXPECT_EQ(test, now.entities, before.entities);
	KUNIT_EXPECT_EQ(test, now.links, before.links);
}

/*
 * A stale unplug: Disconnect pressed on A, its work parked (before the
 * device lock, holding nothing unbind takes) while vcam.0 is unbound and
 * bound again (B). Resumed, the work is for A's generation: it must leave B
 * alone (B keeps its nodes and streams), and A is released once at its last
 * close with no re-plug (B is bound).
 */
static void disconnect_parked_across_rebind(struct kunit *test)
{
	struct actor *press = kunit_kzalloc(test, sizeof(*press), GFP_KERNEL);
	struct mcpp_test_counts before, now;
	struct file *files[2], *main;
	struct v4l2_buffer b;
	struct park p;

	KUNIT_ASSERT_NOT_NULL(test, press);
	start(test, &before);
	files[0] = open_node(test, "video", "stats");
	files[1] = open_node(test, "media", NULL);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_UNPLUG, park_hook, &p);
	actor_start(test, press, op_press, files[0], NULL);
	actor_wait(test, press, "Disconnect pressed on stats");
	KUNIT_EXPECT_EQ(test, press->ret, 0);
	if (!wait_for_completion_timeout(&p.parked, 10 * HZ)) {
		KUNIT_FAIL(test, "the unplug work did not run");
		mcpp_hook_disarm(MCPP_HOOK_DRIVER_UNPLUG);
	}
	device_release_driver(vcam0);
	KUNIT_ASSERT_EQ_MSG(test, device_attach(vcam0), 1, "rebind failed");
	complete(&p.resume);
	vcam_test_flush();
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_UNPLUG);
	KUNIT_EXPECT_TRUE_MSG(test, has_media_node(),
			      "a Disconnect queued for the old instance unplugged the new one");
	expect_released_once(test, &before, files, 2);
	vcam_test_flush();
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before.devices);
	main = open_node(test, "video", "main");
	KUNIT_ASSERT_NOT_NULL(test, main);
	KUNIT_EXPECT_EQ(test, stream_on(test, main, 2, 2), 0);
	KUNIT_EXPECT_EQ(test, dqbuf_frame(main, &b), 0);
	KUNIT_EXPECT_EQ(test, vid_ioctl(main, vidioc_streamoff, V4L2_BUF_TYPE_VIDEO_CAPTURE), 0);
	close_node(main, NULL);
}

/* rmmod: what module exit does, then the driver registered again. -------- */

void vcam_test_unregister(void);
int vcam_test_register(void);

static int do_unregister(struct actor *a)
{
	vcam_test_unregister();
	return 0;
}

/* After vcam_test_unregister(): register again and find the new vcam.0, bound. */
static void reregister(struct kunit *test, const struct mcpp_test_counts *before)
{
	struct mcpp_test_counts now;

	KUNIT_ASSERT_EQ(test, vcam_test_register(), 0);
	put_device(vcam0);
	vcam0 = bus_find_device_by_name(&platform_bus_type, NULL, "vcam.0");
	KUNIT_ASSERT_NOT_NULL(test, vcam0);
	KUNIT_ASSERT_NOT_NULL_MSG(test, vcam0->driver, "vcam.0 not bound after registering again");
	KUNIT_EXPECT_TRUE(test, has_media_node());
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ(test, now.devices, before->devices);
	KUNIT_EXPECT_EQ(test, now.entities, before->entities);
	KUNIT_EXPECT_EQ(test, now.links, before->links);
}

/*
 * Disconnect pressed, its unplug work parked (before it takes the device
 * lock: it holds nothing unregister takes) while module exit runs on another
 * thread: exit waits for the queued work (it runs module code) before the
 * devices go. Resumed, the work unplugs the still-bound instance; exit then
 * finds nothing to remove. The old files' release, after exit began, asks
 * for no re-plug: nothing is probed on a device being unregistered.
 */
static void disconnect_vs_rmmod(struct kunit *test)
{
	struct actor *press = kunit_kzalloc(test, sizeof(*press), GFP_KERNEL);
	struct actor *unreg = kunit_kzalloc(test, sizeof(*unreg), GFP_KERNEL);
	struct mcpp_test_counts before, now;
	struct file *files[2];
	struct park p;

	KUNIT_ASSERT_NOT_NULL(test, press);
	KUNIT_ASSERT_NOT_NULL(test, unreg);
	start(test, &before);
	files[0] = open_node(test, "video", "main");
	files[1] = open_node(test, "v4l-subdev", "sensor-a");
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	park_init(&p);
	mcpp_hook_arm(MCPP_HOOK_DRIVER_UNPLUG, park_hook, &p);
	actor_start(test, press, op_press, files[1], NULL);
	actor_wait(test, press, "Disconnect pressed on sensor-a");
	KUNIT_EXPECT_EQ(test, press->ret, 0);
	if (!wait_for_completion_timeout(&p.parked, 10 * HZ)) {
		KUNIT_FAIL(test, "the unplug work did not run");
		mcpp_hook_disarm(MCPP_HOOK_DRIVER_UNPLUG);
	}
	actor_start(test, unreg, do_unregister, NULL, NULL);
	KUNIT_EXPECT_FALSE_MSG(test, wait_for_completion_timeout(&unreg->done, SETTLE),
			       "module exit did not wait for the queued unplug");
	complete(&p.resume);
	actor_wait(test, unreg, "module exit with an unplug queued");
	mcpp_hook_disarm(MCPP_HOOK_DRIVER_UNPLUG);
	KUNIT_EXPECT_FALSE(test, video_is_registered(vdev_of(files[0])));
	KUNIT_EXPECT_EQ(test, press_disconnect(files[0]), -ENODEV);
	expect_released_once(test, &before, files, 2);
	vcam_test_flush();
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.devices, before.devices - 1, "re-plugged during module exit");
	reregister(test, &before);
}

/*
 * Disconnect done (vcam.0 bound, waiting for the old instance's last close)
 * when module exit runs; the last close comes after exit: its release must
 * not queue a re-plug (the devices and, at rmmod, the workqueue are gone).
 */
static void disconnect_release_after_rmmod(struct kunit *test)
{
	struct mcpp_test_counts before, now;
	struct file *files[2];

	start(test, &before);
	files[0] = open_node(test, "video", "self");
	files[1] = open_node(test, "media", NULL);
	KUNIT_ASSERT_NOT_NULL(test, files[0]);
	KUNIT_ASSERT_NOT_NULL(test, files[1]);
	KUNIT_EXPECT_EQ(test, press_disconnect(files[0]), 0);
	vcam_test_flush();
	KUNIT_EXPECT_FALSE(test, has_media_node());
	vcam_test_unregister();
	expect_released_once(test, &before, files, 2);
	vcam_test_flush(); /* a re-plug, had one been queued, runs here */
	mcpp_test_counts(&now);
	KUNIT_EXPECT_EQ_MSG(test, now.devices, before.devices - 1, "re-plugged after module exit");
	reregister(test, &before);
}

static int vcam_races_init(struct kunit_suite *suite)
{
	vcam0 = bus_find_device_by_name(&platform_bus_type, NULL, "vcam.0");
	if (!vcam0) {
		pr_err("vcam_races: no vcam.0 (is vcam.ko loaded?)\n");
		return -ENODEV;
	}
	return 0;
}

static void vcam_races_exit(struct kunit_suite *suite)
{
	/* Leave it as we found it: bound. */
	if (vcam0 && !vcam0->driver && device_attach(vcam0) != 1)
		pr_err("vcam_races: vcam.0 left unbound\n");
	put_device(vcam0);
}

static struct kunit_case vcam_race_cases[] = {
	KUNIT_CASE_SLOW(race_media_walk),
	KUNIT_CASE_SLOW(race_video_ioctl),
	KUNIT_CASE_SLOW(race_subdev_ioctl),
	KUNIT_CASE_SLOW(race_setup_link),
	KUNIT_CASE_SLOW(race_streamon),
	KUNIT_CASE_SLOW(race_streamoff),
	KUNIT_CASE_SLOW(race_blocked_dqbuf),
	KUNIT_CASE_SLOW(race_poll),
	KUNIT_CASE_SLOW(race_blocked_dqevent),
	KUNIT_CASE_SLOW(race_control_vs_frame),
	KUNIT_CASE_SLOW(rebind_with_old_files),
	KUNIT_CASE_SLOW(race_open_video),
	KUNIT_CASE_SLOW(race_open_subdev),
	KUNIT_CASE_SLOW(shared_video_file),
	KUNIT_CASE_SLOW(unbind_frame_thread_gone),
	KUNIT_CASE_SLOW(unbind_abandons_frame),
	KUNIT_CASE_SLOW(unplug_sensor_streaming),
	KUNIT_CASE_SLOW(disconnect_vs_sysfs_unbind),
	KUNIT_CASE_SLOW(disconnect_then_sysfs_unbind),
	KUNIT_CASE_SLOW(disconnect_during_sysfs_unbind),
	KUNIT_CASE_SLOW(disconnect_replug),
	KUNIT_CASE_SLOW(disconnect_stale_replug),
	KUNIT_CASE_SLOW(disconnect_parked_across_rebind),
	KUNIT_CASE_SLOW(disconnect_vs_rmmod),
	KUNIT_CASE_SLOW(disconnect_release_after_rmmod),
	{}
};

static struct kunit_suite vcam_race_suite = {
	.name = "vcam_races",
	.suite_init = vcam_races_init,
	.suite_exit = vcam_races_exit,
	.test_cases = vcam_race_cases,
};

static struct kunit_case vcam_params_race_cases[] = {
	KUNIT_CASE_SLOW(params_single_fetch),
	{}
};

static struct kunit_suite vcam_params_race_suite = {
	.name = "vcam_params_race",
	.suite_init = vcam_races_init,
	.suite_exit = vcam_races_exit,
	.test_cases = vcam_params_race_cases,
};
kunit_test_suites(&vcam_race_suite, &vcam_params_race_suite);

MODULE_DESCRIPTION("KUnit: unbind vcam against parked callers of every kind");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(DMA_BUF);
