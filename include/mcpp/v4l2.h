/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mcpp V4L2 bridge: V4L2 sub-device nodes (/dev/v4l-subdevN) for entities of
 * the core graph, built on the kernel's own v4l2-subdev and registered on a
 * v4l2_device without an in-kernel media_device.
 *
 * Lifetime: each sub-device node holds one reference on its entity, dropped
 * when the node is released (after its last open file); the v4l2_device holds
 * one on the media device, dropped when the last V4L2 node is released. The
 * driver's ops run only inside the core's revocation guard: after
 * mcpp_device_unregister() returns, none runs again, and node calls that
 * would reach the driver return -ENODEV.
 */
#ifndef MCPP_V4L2_H
#define MCPP_V4L2_H

#include <mcpp/mcpp.h>

struct v4l2_mbus_framefmt;
struct v4l2_subdev_mbus_code_enum;
struct v4l2_subdev_frame_size_enum;

/**
 * struct mcpp_subdev_ops - what a driver implements for a sub-device node
 * @init_format: the default format of @pad (new TRY and ACTIVE states)
 * @adjust_format: change @fmt into the nearest format @pad supports; the same
 *                 for TRY and ACTIVE, so the two always agree
 * @enum_mbus_code: VIDIOC_SUBDEV_ENUM_MBUS_CODE (pad, index in; code out)
 * @enum_frame_size: VIDIOC_SUBDEV_ENUM_FRAME_SIZE (pad, index, code in)
 *
 * All run in process context, inside the revocation guard, with the node's
 * state locked; they must not sleep for long.
 */
struct mcpp_subdev_ops {
	void (*init_format)(void *drvdata, __u32 pad, struct v4l2_mbus_framefmt *fmt);
	void (*adjust_format)(void *drvdata, __u32 pad, struct v4l2_mbus_framefmt *fmt);
	int (*enum_mbus_code)(void *drvdata, struct v4l2_subdev_mbus_code_enum *code);
	int (*enum_frame_size)(void *drvdata, struct v4l2_subdev_frame_size_enum *fse);
};

#ifdef __cplusplus
extern "C" {
#endif

/**
 * mcpp_subdev_register() - give an entity a V4L2 sub-device node
 * @entity: the entity (its pads become the sub-device's pads)
 * @ops: the driver's pad operations; must outlive the media device
 * @drvdata: handed back to @ops
 *
 * Creates /dev/v4l-subdevN, a MEDIA_INTF_T_V4L_SUBDEV interface with its
 * major:minor and an interface link to @entity. The node goes away at
 * mcpp_device_unregister().
 *
 * Return: 0 or a negative errno.
 */
int mcpp_subdev_register(struct mcpp_entity *entity, const struct mcpp_subdev_ops *ops,
			 void *drvdata) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_V4L2_H */
