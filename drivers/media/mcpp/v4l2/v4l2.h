/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The V4L2 side of a media device (v4l2.c): the bottom of the bridge,
 * attached to the media device through the core's attachments.
 */
#ifndef MCPP_V4L2_BRIDGE_H
#define MCPP_V4L2_BRIDGE_H

#include <mcpp/mcpp.h>

struct mcpp_v4l2;

/*
 * The device's V4L2 side, created on first use; ERR_PTR(-ENODEV) once
 * unregister has begun. No reference for the caller: valid while the caller
 * holds a reference on something the media device keeps alive. Unregister
 * tears it down (mcpp_attachment_ops.teardown): every node is unregistered
 * (open files keep them) and the device's reference dropped; the memory goes
 * with the last node's release.
 */
struct mcpp_v4l2 *mcpp_device_v4l2(struct mcpp_device *mdev);

#endif /* MCPP_V4L2_BRIDGE_H */
