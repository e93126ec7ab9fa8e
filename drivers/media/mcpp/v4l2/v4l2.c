// SPDX-License-Identifier: GPL-2.0
/*
 * The v4l2_device of a media device: what V4L2 nodes register on. It has no
 * in-kernel media_device; the graph is the core's.
 *
 * Lifetime: every registered V4L2 node holds a v4l2_device reference (the
 * V4L2 core takes it at registration and drops it after the node's release).
 * When the last one goes, mcpp_v4l2_release() frees the sub-device memory of
 * every node (which the V4L2 core still writes to right after a sub-device's
 * own release callback returns) and drops the media device reference.
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <media/v4l2-dev.h>
#include <media/v4l2-device.h>
#include <media/videobuf2-v4l2.h>

#include "bridge.h"
#include "v4l2.h"

void mcpp_subdev_free(struct mcpp_subdev *s)
{
	mcpp_interface_put(s->intf);
	v4l2_ctrl_handler_free(&s->ctrls);
	media_entity_cleanup(&s->sd.entity);
	kfree(s->pads);
	kfree(s);
}

static void mcpp_v4l2_release(struct v4l2_device *v4l2_dev)
{
	struct mcpp_v4l2 *v = container_of(v4l2_dev, struct mcpp_v4l2, v4l2_dev);
	struct mcpp_subdev *s, *next;

	list_for_each_entry_safe(s, next, &v->subdevs, node) {
		list_del(&s->node);
		mcpp_subdev_free(s);
	}
	mutex_destroy(&v->unplug_lock);
	mutex_destroy(&v->stream_lock);
	mutex_destroy(&v->lock);
	mcpp_device_put(v->mdev);
	kfree(v);
}

static struct mcpp_attachment *mcpp_v4l2_create(struct mcpp_device *mdev)
{
	struct device *parent = mcpp_device_parent(mdev);
	struct mcpp_v4l2 *v;
	int ret;

	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return ERR_PTR(-ENOMEM);
	INIT_LIST_HEAD(&v->subdevs);
	INIT_LIST_HEAD(&v->videos);
	INIT_LIST_HEAD(&v->grabbed);
	mutex_init(&v->lock);
	mutex_init(&v->stream_lock);
	mutex_init(&v->unplug_lock);
	/* Set first: v4l2_device_register() would read parent->driver->name. */
	snprintf(v->v4l2_dev.name, sizeof(v->v4l2_dev.name), "mcpp %s", dev_name(parent));
	ret = v4l2_device_register(parent, &v->v4l2_dev);
	if (ret) {
		mutex_destroy(&v->unplug_lock);
		mutex_destroy(&v->stream_lock);
		mutex_destroy(&v->lock);
		kfree(v);
		return ERR_PTR(ret);
	}
	v->v4l2_dev.release = mcpp_v4l2_release;
	v->mdev = mcpp_device_get(mdev);
	return &v->attachment;
}

static void mcpp_v4l2_unregister(struct mcpp_attachment *a)
{
	struct mcpp_v4l2 *v = container_of(a, struct mcpp_v4l2, attachment);
	struct mcpp_video *vid;

	/*
	 * Video nodes first: streaming stops and waiters wake. A node cannot be
	 * released before its own unregistration, and its release takes the
	 * lock, so the lock is not held across the call.
	 */
	for (;;) {
		mutex_lock(&v->lock);
		vid = list_first_entry_or_null(&v->videos, struct mcpp_video, node);
		if (vid)
			list_del_init(&vid->node);
		mutex_unlock(&v->lock);
		if (!vid)
			break;
		/* Stops streaming, wakes waiters; the release follows closes. */
		vb2_video_unregister_device(&vid->vdev);
	}
	/*
	 * Then each sub-device and its node; releases follow closes. Under the
	 * lock: an unplug (mcpp_subdev_unregister()) may be unregistering one.
	 */
	mutex_lock(&v->lock);
	v4l2_device_unregister(&v->v4l2_dev);
	mutex_unlock(&v->lock);
	v4l2_device_put(&v->v4l2_dev);
}

static const struct mcpp_attachment_ops mcpp_v4l2_attachment_ops = {
	.create = mcpp_v4l2_create,
	.teardown = mcpp_v4l2_unregister,
};

struct mcpp_v4l2 *mcpp_device_v4l2(struct mcpp_device *mdev)
{
	struct mcpp_attachment *a = mcpp_device_attachment(mdev, &mcpp_v4l2_attachment_ops);

	if (IS_ERR(a))
		return ERR_CAST(a);
	return container_of(a, struct mcpp_v4l2, attachment);
}
