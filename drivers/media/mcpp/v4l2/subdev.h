/* SPDX-License-Identifier: GPL-2.0 */
/* Bridged sub-devices (subdev.c) and the v4l2_device they live on (v4l2.c). */
#ifndef MCPP_V4L2_SUBDEV_H
#define MCPP_V4L2_SUBDEV_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <media/v4l2-device.h>
#include <media/v4l2-subdev.h>
#include <mcpp/v4l2.h>

struct mcpp_v4l2 {
	struct v4l2_device v4l2_dev;
	struct mcpp_device *mdev;	/* Lifetime: one reference, put at release */
	struct mutex lock;		/* guards subdevs */
	struct list_head subdevs;	/* struct mcpp_subdev, freed at release */
};

struct mcpp_subdev {
	struct v4l2_subdev sd;
	struct media_pad *pads;
	struct list_head node;			/* in mcpp_v4l2.subdevs */
	struct mcpp_device *mdev;		/* no reference: mcpp_v4l2 holds one */
	struct mcpp_entity *entity;		/* Lifetime: put at the node's release */
	const struct mcpp_subdev_ops *ops;
	void *drvdata;
};

void mcpp_subdev_free(struct mcpp_subdev *s);

#endif /* MCPP_V4L2_SUBDEV_H */
