/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The V4L2 UAPI includes linux/compiler.h under __KERNEL__ but uses nothing
 * from it; the kernel's is C-only. Nothing here on purpose.
 */
#ifndef KCXX_SHIM_LINUX_COMPILER_H
#define KCXX_SHIM_LINUX_COMPILER_H
#endif
