// SPDX-License-Identifier: GPL-2.0
/*
 * Unplugging one sub-device from a live media device (a sensor on a flex
 * cable): revoke its ops, take it out of the graph, unregister its node, and
 * end in an error the streams that went through it. Above the sub-device
 * (subdev.c) and video (video.c) nodes, which it uses; below the bridge's C
 * face (abi.c), whose mcpp_subdev_unregister() calls it.
 * Documentation/lifetime.rst, "Unplugging one sub-device".
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <media/v4l2-device.h>

#include "bridge.h"

int mcpp_subdev_unplug(struct mcpp_entity *entity)
{
	struct mcpp_device *mdev = mcpp_entity_device(entity);
	struct mcpp_video *vid, *next;
	struct mcpp_subdev *s = NULL;
	struct mcpp_v4l2 *v;
	LIST_HEAD(broken);
	int ret;

	/* Pin the V4L2 side while the device is live: unregister may follow. */
	scoped_class(mcpp_live, live, mdev) {
		if (!live.mdev)
			return -ENODEV;
		v = mcpp_device_v4l2(mdev);
		if (!IS_ERR(v))
			s = mcpp_subdev_of(v, entity);
		if (s)
			v4l2_device_get(&v->v4l2_dev);
	}
	if (!s)
		return -ENODEV;

	mutex_lock(&v->unplug_lock);
	/* 1. Revoke: from here on no op of this sub-device reaches the driver. */
	mutex_lock(&v->stream_lock);
	ret = s->gone ? -ENODEV : 0;
	if (!ret) {
		WRITE_ONCE(s->gone, true);
		/* The device went away under a running stream: stop it, once. */
		if (s->streams && s->ops->s_stream)
			s->ops->s_stream(s->drvdata, 0);
		mutex_lock(&v->lock);
		list_for_each_entry(vid, &v->videos, node) {
			if (!mcpp_video_streams_through(vid, entity))
				continue;
			get_device(&vid->vdev.dev); /* until its queue is told */
			list_add_tail(&vid->unplug, &broken);
		}
		mutex_unlock(&v->lock);
	}
	mutex_unlock(&v->stream_lock);
	if (ret)
		goto out;
	/* Ops that entered before the mark finish before anything goes. */
	mcpp_device_synchronize(mdev);

	/* 2. Out of the graph: the entity, its links, its node's interface. */
	mcpp_interface_remove(s->intf);
	mcpp_entity_remove(entity);

	/* 3. The node: -ENODEV and POLLHUP now, its release after the last close. */
	mutex_lock(&v->lock);
	if (s->sd.v4l2_dev)
		v4l2_device_unregister_subdev(&s->sd);
	mutex_unlock(&v->lock);

	/* 4. The streams that went through it: an error, buffers back. */
	list_for_each_entry_safe(vid, next, &broken, unplug) {
		list_del_init(&vid->unplug);
		mcpp_video_source_gone(vid);
		put_device(&vid->vdev.dev);
	}
out:
	mutex_unlock(&v->unplug_lock);
	v4l2_device_put(&v->v4l2_dev);
	return ret;
}
