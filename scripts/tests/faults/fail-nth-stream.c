// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection where frame and buffer memory come from: the buffers of
 * REQBUFS (videobuf2-vmalloc) and the frame memory a pipeline allocates at
 * STREAMON (vcam: vzalloc). For N = 1, 2, ... the Nth fault-injection site
 * (failslab and fail_page_alloc, one count; the caller enables page
 * allocations, vmalloc's included) reached by this thread's call fails:
 *
 *   fail-nth-stream [--sites] <video node> <max points>
 *
 * reqbufs: open the node, arm fail-nth, REQBUFS 2 MMAP buffers, read back
 *   what is left of the count, disarm. A failed call must have fired the
 *   fault and left no buffer (QUERYBUF 0 fails), and the same REQBUFS
 *   without a fault must then work; a call that succeeded although the fault
 *   fired (a tolerated failure) must give buffers that stream a frame.
 * streamon: open, REQBUFS 2, QBUF both, arm, STREAMON, disarm. A failed
 *   call must have fired the fault, and STREAMON without a fault must then
 *   stream a frame (nothing half-started is left behind); one that
 *   succeeded although the fault fired must stream a frame.
 *
 * Each sweep ends at the first call that succeeds with the fault not fired.
 * --sites prints "site N ATTR FRAME -> OUTCOME" per injected failure
 * (sites.h). Prints "ok"/"not ok" lines; exits 1 on any failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sites.h"

static int failures;
static int nth_fd;

static void fail(const char *what, const char *stage, long point)
{
	failures++;
	printf("not ok %s: %s (point %ld)\n", stage, what, point);
}

static void set_fail_nth(long n)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%ld", n);

	if (pwrite(nth_fd, buf, len, 0) != len) {
		printf("not ok write fail-nth: %s\n", strerror(errno));
		exit(1);
	}
}

static long get_fail_nth(void)
{
	char buf[32];
	ssize_t len = pread(nth_fd, buf, sizeof(buf) - 1, 0);

	if (len <= 0) {
		printf("not ok read fail-nth\n");
		exit(1);
	}
	buf[len] = 0;
	return strtol(buf, NULL, 10);
}

static int reqbufs(int fd, unsigned int count)
{
	struct v4l2_requestbuffers rb = { .count = count, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					  .memory = V4L2_MEMORY_MMAP };

	if (ioctl(fd, VIDIOC_REQBUFS, &rb))
		return -errno;
	return rb.count;
}

static int queue_all(int fd, int count)
{
	for (int i = 0; i < count; i++) {
		struct v4l2_buffer b = { .index = i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					 .memory = V4L2_MEMORY_MMAP };

		if (ioctl(fd, VIDIOC_QBUF, &b))
			return -errno;
	}
	return 0;
}

static int streamon(int fd)
{
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	return ioctl(fd, VIDIOC_STREAMON, &type) ? -errno : 0;
}

/* A frame arrives, without an error flag. */
static int a_frame(int fd)
{
	struct v4l2_buffer b = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP };
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (poll(&pfd, 1, 20000) != 1)
		return 0;
	return !ioctl(fd, VIDIOC_DQBUF, &b) && !(b.flags & V4L2_BUF_FLAG_ERROR);
}

/* REQBUFS 2, QBUF, STREAMON, a frame: all without a fault. */
static int streams(int fd, int have_bufs)
{
	int n = have_bufs ? have_bufs : reqbufs(fd, 2);

	return n > 0 && !queue_all(fd, n) && !streamon(fd) && a_frame(fd);
}

static int sweep(const char *node, const char *stage, long max, int sites)
{
	long n, failed = 0, absorbed = 0;
	char attr[64], site[256];
	int clean = 0;

	for (n = 1; n <= max && !clean; n++) {
		int fd = open(node, O_RDWR | O_NONBLOCK), ret, bufs = 0;
		long left;

		if (fd < 0) {
			fail("open", stage, n);
			break;
		}
		if (!strcmp(stage, "streamon")) {
			bufs = reqbufs(fd, 2);
			if (bufs <= 0 || queue_all(fd, bufs)) {
				fail("REQBUFS and QBUF without a fault", stage, n);
				close(fd);
				break;
			}
		}
		set_fail_nth(n);
		ret = !strcmp(stage, "streamon") ? streamon(fd) : reqbufs(fd, 2);
		left = get_fail_nth();
		set_fail_nth(0);
		if (ret >= 0 && left) {
			clean = 1;
			if (!(bufs ? a_frame(fd) : streams(fd, ret)))
				fail("the call without a fault does not stream", stage, n);
			close(fd);
			break;
		}
		if (sites && !left) {
			sites_read(attr, sizeof(attr), site, sizeof(site));
			printf("site %ld %s %s -> %s\n", n, attr, site,
			       ret >= 0 ? "absorbed" : strerrorname_np(-ret) ?: "E?");
		}
		if (ret >= 0) {
			absorbed++;
			if (!(bufs ? a_frame(fd) : streams(fd, ret)))
				fail("succeeded despite the fault, but does not stream", stage, n);
		} else {
			struct v4l2_buffer b = { .index = 0, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
						 .memory = V4L2_MEMORY_MMAP };

			failed++;
			if (left)
				fail("failed without the injected fault", stage, n);
			if (!bufs && !ioctl(fd, VIDIOC_QUERYBUF, &b))
				fail("a failed REQBUFS left a buffer", stage, n);
			if (!(bufs ? !streamon(fd) && a_frame(fd) : streams(fd, 0)))
				fail("after the failed call, the same call without a fault does not stream",
				     stage, n);
		}
		close(fd);
	}
	printf("fail-nth-stream: %s: %ld points: %ld calls failed, %ld faults absorbed\n", stage,
	       n - 1, failed, absorbed);
	if (!clean)
		fail("no call got past every injection site", stage, n);
	if (!failed)
		fail("no call failed", stage, n);
	return 0;
}

int main(int argc, char **argv)
{
	int a = 1, sites = 0;

	if (a < argc && !strcmp(argv[a], "--sites")) {
		sites = 1;
		a++;
	}
	if (argc - a != 2) {
		fprintf(stderr, "usage: %s [--sites] <video node> <max points>\n", argv[0]);
		return 2;
	}
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth_fd < 0) {
		printf("not ok open fail-nth: %s\n", strerror(errno));
		return 1;
	}
	if (sites)
		sites_init();
	sweep(argv[a], "reqbufs", strtol(argv[a + 1], NULL, 10), sites);
	sweep(argv[a], "streamon", strtol(argv[a + 1], NULL, 10), sites);
	printf("%s fail-nth sweeps of %s\n", failures ? "not ok" : "ok", argv[a]);
	return failures ? 1 : 0;
}
