/* SPDX-License-Identifier: GPL-2.0 */
/*
 * C++ sees the Linux UAPI headers (media.h, videodev2.h, ...) through this
 * directory, searched before the kernel's: the kernel's own linux/types.h is
 * C-only (typedef _Bool bool; enum { false, true }), while the UAPI headers
 * need nothing but the fixed-width __u8..__u64 types and their endian
 * variants, which the UAPI defines C++-cleanly.
 */
#ifndef KCXX_SHIM_LINUX_TYPES_H
#define KCXX_SHIM_LINUX_TYPES_H

#include <uapi/asm-generic/int-ll64.h>

/* Sparse annotations the in-tree UAPI headers still carry. */
#ifndef __user
#define __user
#endif
#ifndef __force
#define __force
#endif
#ifndef __bitwise
#define __bitwise
#endif

typedef __u16 __le16;
typedef __u16 __be16;
typedef __u32 __le32;
typedef __u32 __be32;
typedef __u64 __le64;
typedef __u64 __be64;
typedef __u16 __sum16;
typedef __u32 __wsum;

#endif
