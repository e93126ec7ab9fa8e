// SPDX-License-Identifier: GPL-2.0
/*
 * node-wait-test SUBDEV VIDEO UNBIND-FILE DEVICE
 *
 * Every call blocked on a V4L2 node returns with an error when the device
 * goes: threads block in DQEVENT, poll, select and epoll on the sub-device
 * node (subscribed to its exposure control's events), and in DQBUF, poll and
 * epoll on the video node (streaming, its one buffer dequeued); then DEVICE
 * is written to UNBIND-FILE (sysfs). Written here, not by a shell: a
 * child's SIGCHLD would interrupt a waiter, whose restarted call then finds
 * the node gone, and a DQEVENT that would otherwise sleep for ever passes. Each call must return within 20 s: DQEVENT
 * and DQBUF with ENODEV, the waits with POLLERR. Then every file is closed,
 * so that the caller can check that the driver's module unloads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/videodev2.h>

static int subdev_fd, video_fd;

enum { DQEVENT, SD_POLL, SD_SELECT, SD_EPOLL, DQBUF, VID_POLL, VID_EPOLL, NWAITERS };

static const char *const names[NWAITERS] = {
	"sub-device DQEVENT", "sub-device poll", "sub-device select", "sub-device epoll",
	"video DQBUF", "video poll", "video epoll",
};

struct waiter {
	int which;
	pid_t tid;
	int ret, err;		/* the call's return and errno */
	unsigned int events;	/* poll/epoll: what was reported; select: in exceptfds */
};

static struct waiter waiters[NWAITERS];

static int epoll_one(int fd, unsigned int events, struct waiter *w)
{
	struct epoll_event ev = { .events = events }, out;
	int ep = epoll_create1(0);

	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
		return -1;
	w->ret = epoll_wait(ep, &out, 1, -1);
	w->err = errno;
	w->events = w->ret == 1 ? out.events : 0;
	close(ep);
	return 0;
}

static void *wait_thread(void *arg)
{
	struct waiter *w = arg;
	struct pollfd p;
	fd_set ex;

	w->tid = syscall(SYS_gettid);
	switch (w->which) {
	case DQEVENT: {
		struct v4l2_event ev;

		w->ret = ioctl(subdev_fd, VIDIOC_DQEVENT, &ev);
		w->err = errno;
		break;
	}
	case DQBUF: {
		struct v4l2_buffer b = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
		};

		w->ret = ioctl(video_fd, VIDIOC_DQBUF, &b);
		w->err = errno;
		break;
	}
	case SD_POLL:
	case VID_POLL:
		p.fd = w->which == SD_POLL ? subdev_fd : video_fd;
		p.events = w->which == SD_POLL ? POLLPRI : POLLIN;
		p.revents = 0;
		w->ret = poll(&p, 1, -1);
		w->err = errno;
		w->events = p.revents;
		break;
	case SD_SELECT:
		FD_ZERO(&ex);
		FD_SET(subdev_fd, &ex);
		w->ret = select(subdev_fd + 1, NULL, NULL, &ex, NULL);
		w->err = errno;
		w->events = FD_ISSET(subdev_fd, &ex);
		break;
	case SD_EPOLL:
		epoll_one(subdev_fd, EPOLLPRI, w);
		break;
	case VID_EPOLL:
		epoll_one(video_fd, EPOLLIN, w);
		break;
	}
	return NULL;
}

/* Is the thread asleep (state S in /proc)? */
static int sleeping(pid_t tid)
{
	char path[64], buf[256], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

static int fail(const char *what)
{
	fprintf(stderr, "node-wait-test: %s: %s\n", what, strerror(errno));
	return 1;
}

/* Streaming with one buffer queued, then dequeued: the next DQBUF waits. */
static int stream_one(void)
{
	struct v4l2_requestbuffers req = {
		.count = 1, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};
	struct v4l2_buffer b = {
		.index = 0, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (ioctl(video_fd, VIDIOC_REQBUFS, &req) || req.count < 1)
		return fail("REQBUFS");
	if (ioctl(video_fd, VIDIOC_QBUF, &b))
		return fail("QBUF");
	if (ioctl(video_fd, VIDIOC_STREAMON, &type))
		return fail("STREAMON");
	if (ioctl(video_fd, VIDIOC_DQBUF, &b))
		return fail("DQBUF of the first frame");
	return 0;
}

int main(int argc, char **argv)
{
	struct v4l2_event_subscription sub = { .type = V4L2_EVENT_CTRL, .id = V4L2_CID_EXPOSURE };
	pthread_t threads[NWAITERS];
	struct timespec deadline;
	int i, tries, unbind, bad = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: %s SUBDEV VIDEO UNBIND-FILE DEVICE\n", argv[0]);
		return 2;
	}
	subdev_fd = open(argv[1], O_RDWR);
	video_fd = open(argv[2], O_RDWR);
	if (subdev_fd < 0 || video_fd < 0)
		return fail("open");
	if (ioctl(subdev_fd, VIDIOC_SUBSCRIBE_EVENT, &sub))
		return fail("SUBSCRIBE_EVENT");
	if (stream_one())
		return 1;

	for (i = 0; i < NWAITERS; i++) {
		waiters[i].which = i;
		if (pthread_create(&threads[i], NULL, wait_thread, &waiters[i]))
			return fail("pthread_create");
	}
	/* Every waiter asleep in its call (bounded: 10 s). */
	for (tries = 0; tries < 500; tries++) {
		for (i = 0; i < NWAITERS; i++)
			if (!waiters[i].tid || !sleeping(waiters[i].tid))
				break;
		if (i == NWAITERS)
			break;
		usleep(20000);
	}
	if (i < NWAITERS) {
		fprintf(stderr, "node-wait-test: %s did not block\n", names[i]);
		return 1;
	}
	printf("node-wait-test: %d callers blocked; unbinding\n", NWAITERS);
	fflush(stdout);
	unbind = open(argv[3], O_WRONLY);
	if (unbind < 0 || write(unbind, argv[4], strlen(argv[4])) < 0)
		return fail("unbind");
	close(unbind);

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += 20;
	for (i = 0; i < NWAITERS; i++) {
		struct waiter *w = &waiters[i];
		int ok;

		if (pthread_timedjoin_np(threads[i], NULL, &deadline)) {
			printf("FAIL %s: still blocked 20 s after unbind\n", names[i]);
			bad = 1;
			continue;
		}
		switch (i) {
		case DQEVENT:
		case DQBUF:
			ok = w->ret == -1 && w->err == ENODEV;
			printf("%s %s: ret %d, %s\n", ok ? "ok" : "FAIL", names[i], w->ret,
			       strerror(w->err));
			break;
		case SD_SELECT:
			ok = w->ret == 1 && w->events;
			printf("%s %s: ret %d, in exceptfds: %u\n", ok ? "ok" : "FAIL", names[i],
			       w->ret, w->events);
			break;
		default:
			ok = w->ret == 1 && (w->events & POLLERR);
			printf("%s %s: ret %d, events 0x%x\n", ok ? "ok" : "FAIL", names[i], w->ret,
			       w->events);
		}
		bad |= !ok;
	}
	if (bad)
		_exit(1);	/* a waiter may still be blocked: exit_group ends it */
	close(video_fd);
	close(subdev_fd);
	return 0;
}
