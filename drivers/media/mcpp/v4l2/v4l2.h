/* SPDX-License-Identifier: GPL-2.0 */
/* The V4L2 side of a media device (v4l2.c), created by the core on demand. */
#ifndef MCPP_V4L2_BRIDGE_H
#define MCPP_V4L2_BRIDGE_H

#include <mcpp/mcpp.h>

struct mcpp_v4l2;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The device's V4L2 side, created on first use (core); ERR_PTR(-ENODEV) once
 * unregister has begun. No reference for the caller: valid while the caller
 * holds a reference on something the media device keeps alive.
 */
struct mcpp_v4l2 *mcpp_device_v4l2(struct mcpp_device *mdev) MCPP_NOEXCEPT;

/* Takes a reference on @mdev, dropped when the last V4L2 node is released. */
struct mcpp_v4l2 *mcpp_v4l2_create(struct mcpp_device *mdev) MCPP_NOEXCEPT;
/*
 * Unregisters every node (open files keep them) and drops the creation
 * reference; the memory goes with the last node's release.
 */
void mcpp_v4l2_unregister(struct mcpp_v4l2 *v4l2) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_V4L2_BRIDGE_H */
