// SPDX-License-Identifier: GPL-2.0
/*
 * V4L2_EVENT_FRAME_SYNC on vcam's ISP sub-device: a file subscribed to it
 * gets one event per frame start, numbered as that frame's buffers are.
 * Streams N frames from a capture node fed by the ISP and, for each buffer,
 * finds the frame-sync event with the buffer's sequence number among those
 * dequeued since. A sub-device that sends no frame starts (a sensor) refuses
 * the subscription with EINVAL.
 *
 *   vcam-sync-test ISP_SUBDEV CAPTURE_NODE FRAMES [OTHER_SUBDEV]
 *
 * Prints "ok N - what" / "not ok N - what"; exits 1 on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>

static int n, failed;

static void check(int ok, const char *what)
{
	n++;
	if (!ok)
		failed = 1;
	printf("%s %d - %s\n", ok ? "ok" : "not ok", n, what);
}

static void die(const char *what)
{
	printf("not ok - %s: %s\n", what, strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	struct v4l2_event_subscription sub = { .type = V4L2_EVENT_FRAME_SYNC };
	struct v4l2_requestbuffers rb = { .count = 4, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					   .memory = V4L2_MEMORY_MMAP };
	enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	static unsigned char seen[1 << 16];
	int isp, vid, frames, matched = 0, overflow = 0, events = 0, order_ok = 1;
	long long last = -1;
	unsigned int i;

	if (argc < 4) {
		fprintf(stderr, "usage: %s ISP_SUBDEV CAPTURE_NODE FRAMES [OTHER_SUBDEV]\n", argv[0]);
		return 2;
	}
	frames = atoi(argv[3]);
	isp = open(argv[1], O_RDWR | O_NONBLOCK); /* DQEVENT: ENOENT when drained */
	vid = open(argv[2], O_RDWR);
	if (isp < 0 || vid < 0)
		die("open");
	sub.id = 1;
	check(ioctl(isp, VIDIOC_SUBSCRIBE_EVENT, &sub) < 0 && errno == EINVAL,
	      "FRAME_SYNC with id 1: EINVAL");
	sub.id = 0;
	check(ioctl(isp, VIDIOC_SUBSCRIBE_EVENT, &sub) == 0, "subscribe FRAME_SYNC on the ISP");
	if (argc > 4) {
		int other = open(argv[4], O_RDWR);

		if (other < 0)
			die("open other");
		check(ioctl(other, VIDIOC_SUBSCRIBE_EVENT, &sub) < 0 && errno == EINVAL,
		      "FRAME_SYNC on a sub-device that sends none: EINVAL");
		close(other);
	}
	if (ioctl(vid, VIDIOC_REQBUFS, &rb) < 0)
		die("REQBUFS");
	for (i = 0; i < rb.count; i++) {
		struct v4l2_buffer b = { .index = i, .type = rb.type, .memory = V4L2_MEMORY_MMAP };

		if (ioctl(vid, VIDIOC_QBUF, &b) < 0)
			die("QBUF");
	}
	if (ioctl(vid, VIDIOC_STREAMON, &type) < 0)
		die("STREAMON");
	for (int f = 0; f < frames; f++) {
		struct pollfd p = { .fd = vid, .events = POLLIN };
		struct v4l2_buffer b = { .type = rb.type, .memory = V4L2_MEMORY_MMAP };
		struct v4l2_event ev;
		long long first = -1;

		if (poll(&p, 1, 30000) <= 0)
			die("no frame within 30 s");
		if (ioctl(vid, VIDIOC_DQBUF, &b) < 0)
			die("DQBUF");
		/* Its frame started (and queued the event) before it completed. */
		while (ioctl(isp, VIDIOC_DQEVENT, &ev) == 0) {
			if (ev.type != V4L2_EVENT_FRAME_SYNC)
				continue;
			events++;
			if ((long long)ev.u.frame_sync.frame_sequence <= last)
				order_ok = 0;
			last = ev.u.frame_sync.frame_sequence;
			if (first < 0)
				first = last;
			if (last < (long long)sizeof(seen))
				seen[last] = 1;
		}
		if (b.sequence < sizeof(seen) && seen[b.sequence]) {
			matched++;
		} else if (first > (long long)b.sequence) {
			/* The node keeps 4 events: more frame starts since (drops on a loaded machine). */
			overflow++;
			printf("# buffer %u: its event overwritten (oldest kept %lld)\n", b.sequence, first);
		} else {
			printf("# buffer %u: no frame-sync event\n", b.sequence);
		}
		if (ioctl(vid, VIDIOC_QBUF, &b) < 0)
			die("QBUF");
	}
	printf("# %d buffers: %d with their event, %d overwritten; %d events\n", frames, matched,
	       overflow, events);
	check(matched + overflow == frames && matched > 0,
	      "every buffer's sequence had its frame-sync event");
	check(order_ok && events >= matched, "frame-sync sequences strictly increasing");
	ioctl(vid, VIDIOC_STREAMOFF, &type);
	close(vid);
	close(isp);
	printf("# %s\n", failed ? "FAILED" : "all ok");
	return failed;
}
