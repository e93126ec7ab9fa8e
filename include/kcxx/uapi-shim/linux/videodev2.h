/* SPDX-License-Identifier: GPL-2.0 */
/*
 * C++ sees the V4L2 UAPI (videodev2.h, and v4l2-mediabus.h/v4l2-subdev.h,
 * which include it) directly: the kernel's own linux/videodev2.h wraps it
 * in linux/time.h and the rest of the C-only kernel headers. The UAPI
 * header needs only the fixed-width types and, under __KERNEL__,
 * struct __kernel_timespec.
 */
#ifndef KCXX_SHIM_LINUX_VIDEODEV2_H
#define KCXX_SHIM_LINUX_VIDEODEV2_H

#include <linux/types.h>
#include <uapi/asm-generic/posix_types.h>
#include <uapi/linux/time_types.h>
#include <uapi/linux/videodev2.h>

#endif
