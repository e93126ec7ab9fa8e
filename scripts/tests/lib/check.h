/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the userspace test programs share: "ok"/"not ok" result lines and an
 * ioctl that returns -errno. Header-only; each program is one file.
 */
#ifndef MCPP_TEST_CHECK_H
#define MCPP_TEST_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <sys/ioctl.h>

static int failures;

static inline void check(int cond, const char *what)
{
	printf("%s %s\n", cond ? "ok" : "not ok", what);
	if (!cond)
		failures++;
}

/* 0 or -errno; retried on EINTR. */
static inline int xioctl(int fd, unsigned long cmd, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, cmd, arg);
	while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

#endif
