// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's error-injection controls seen from userspace (Documentation/vcam.rst,
 * "Error injection"). Nodes are found by name under the platform device
 * (/sys/devices/platform/vcam.0), so a re-plugged instance is found again.
 *
 *   vcam-errinj-test controls
 *	each control of the main node and sensor-a, observed as documented:
 *	the errno of the injected REQBUFS, CREATE_BUFS, QBUF, STREAMON and
 *	start_streaming (queued buffers still QUEUED after it), the ERROR flag,
 *	dropped frames (counted against the ISP's frame-sync events), the
 *	sequence and timestamp wraps, the fatal error (QBUF and DQBUF EIO until
 *	STREAMOFF), a stalled sensor (no buffer while frames tick; a blocked
 *	DQBUF ended by STREAMOFF).
 *
 *   vcam-errinj-test disconnect COUNT
 *	COUNT times: with the media node open and blocked in poll(), main
 *	streaming with its buffers mmap'd and one exported (dma-buf mmap'd),
 *	a thread blocked in DQBUF on main, another in DQEVENT on the ISP, a
 *	third in DQEVENT (control events) on stats, press Disconnect on one
 *	node (in turn: main, stats, sensor-a, isp, resizer-self; the media node
 *	has no controls, it is held blocked meanwhile), then: every blocked
 *	call returns an error, every later call on the old files fails
 *	(ENODEV; EIO on the media node), the mappings stay usable, the media
 *	device leaves sysfs; after the last close a new instance appears (a new
 *	media device with every node) and streams.
 *
 * Prints "ok ..." / "not ok ..."; exits 1 on any failure.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/media.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>

#include "check.h"

#define PLAT "/sys/devices/platform/vcam.0"
#define CLASS 0x00f10000u
#define CID(n) ((CLASS | 0xf000u) + (n))
#define CID_DISCONNECT CID(0)
#define CID_BUF_ERROR CID(1)
#define CID_REQBUFS CID(2)
#define CID_QBUF CID(3)
#define CID_STREAMON CID(4)
#define CID_START CID(5)
#define CID_FATAL CID(6)
#define CID_DROP CID(7)
#define CID_SEQ_WRAP CID(8)
#define CID_TIME_WRAP CID(9)
#define CID_STALL CID(10)
#define NBUF 4
#define CAP V4L2_BUF_TYPE_VIDEO_CAPTURE

static char msg[256];

static void die(const char *what)
{
	printf("not ok %s: %s\n", what, strerror(errno));
	exit(1);
}

#define checkf(cond, ...) (snprintf(msg, sizeof(msg), __VA_ARGS__), check(cond, msg))

/* /dev path of vcam.0's node named @name ("media": its media device); "" if none. */
static const char *node(const char *name, char *out)
{
	char path[PATH_MAX], buf[64];
	struct dirent *e;
	DIR *d;
	FILE *f;

	out[0] = '\0';
	if (!strcmp(name, "media")) {
		d = opendir(PLAT);
		while (d && (e = readdir(d)))
			if (!strncmp(e->d_name, "media", 5))
				sprintf(out, "/dev/%s", e->d_name);
		if (d)
			closedir(d);
		return out;
	}
	d = opendir(PLAT "/video4linux");
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), PLAT "/video4linux/%s/name", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(buf, sizeof(buf), f) && !strncmp(buf, name, strlen(name)) &&
		    buf[strlen(name)] == '\n')
			sprintf(out, "/dev/%s", e->d_name);
		fclose(f);
	}
	if (d)
		closedir(d);
	return out;
}

static int open_node(const char *name, int flags)
{
	char path[64];
	int fd = open(node(name, path), flags);

	if (fd < 0) {
		snprintf(msg, sizeof(msg), "open %s (%s)", name, path);
		die(msg);
	}
	return fd;
}

static int set_ctrl(int fd, unsigned int id, int value)
{
	struct v4l2_control c = { .id = id, .value = value };

	return xioctl(fd, VIDIOC_S_CTRL, &c);
}

/* The control's value, or -1 (a one-shot reads 1 while armed). */
static int get_ctrl(int fd, unsigned int id)
{
	struct v4l2_control c = { .id = id };

	return xioctl(fd, VIDIOC_G_CTRL, &c) ? -1 : c.value;
}

static int reqbufs(int fd, unsigned int count)
{
	struct v4l2_requestbuffers rb = { .count = count, .type = CAP, .memory = V4L2_MEMORY_MMAP };

	return xioctl(fd, VIDIOC_REQBUFS, &rb);
}

static int qbuf(int fd, unsigned int i)
{
	struct v4l2_buffer b = { .index = i, .type = CAP, .memory = V4L2_MEMORY_MMAP };

	return xioctl(fd, VIDIOC_QBUF, &b);
}

static int dqbuf(int fd, struct v4l2_buffer *b)
{
	memset(b, 0, sizeof(*b));
	b->type = CAP;
	b->memory = V4L2_MEMORY_MMAP;
	return xioctl(fd, VIDIOC_DQBUF, b);
}

static unsigned int querybuf_flags(int fd, unsigned int i)
{
	struct v4l2_buffer b = { .index = i, .type = CAP, .memory = V4L2_MEMORY_MMAP };

	return xioctl(fd, VIDIOC_QUERYBUF, &b) ? 0 : b.flags;
}

static int streamon(int fd)
{
	int type = CAP;

	return xioctl(fd, VIDIOC_STREAMON, &type);
}

static int streamoff(int fd)
{
	int type = CAP;

	return xioctl(fd, VIDIOC_STREAMOFF, &type);
}

/* Waits (blocking) for @n frame-sync events on the ISP: @n frames began. */
static void frames_pass(int isp, int n)
{
	struct v4l2_event ev;

	while (n > 0)
		if (xioctl(isp, VIDIOC_DQEVENT, &ev) == 0 && ev.type == V4L2_EVENT_FRAME_SYNC)
			n--;
}

/* Requeues every buffer it dequeues without blocking; returns how many. */
static int drain(int fd)
{
	struct v4l2_buffer b;
	int n = 0;

	while (dqbuf(fd, &b) == 0) {
		qbuf(fd, b.index);
		n++;
	}
	return n;
}

/* STREAMOFF, NBUF buffers queued, STREAMON: 0 or -errno of STREAMON. */
static int restart(int fd)
{
	unsigned int i;

	streamoff(fd);
	for (i = 0; i < NBUF; i++)
		qbuf(fd, i);
	return streamon(fd);
}

static void *blocked_dqbuf(void *arg)
{
	int fd = *(int *)arg, flags = fcntl(fd, F_GETFL);
	struct v4l2_buffer b;
	long ret;

	/* The queue's owner is this file: blocking from now on (restored after). */
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	while ((ret = dqbuf(fd, &b)) == 0)
		qbuf(fd, b.index);
	return (void *)ret;
}

static void test_controls(void)
{
	struct v4l2_create_buffers cb = { .count = 1, .memory = V4L2_MEMORY_MMAP };
	struct v4l2_event_subscription sub = { .type = V4L2_EVENT_FRAME_SYNC };
	int vid = open_node("main", O_RDWR | O_NONBLOCK);
	int isp = open_node("isp", O_RDWR);
	int sensor = open_node("sensor-a", O_RDWR);
	struct v4l2_buffer b;
	unsigned int i, last, errors, wraps, seq;
	int ret, n;
	pthread_t t;
	void *res;

	if (xioctl(isp, VIDIOC_SUBSCRIBE_EVENT, &sub))
		die("subscribe FRAME_SYNC on the ISP");

	/* REQBUFS and CREATE_BUFS: the next allocating call fails, the one after works. */
	check(set_ctrl(vid, CID_REQBUFS, 1) == 0 && get_ctrl(vid, CID_REQBUFS) == 1,
	      "arm Inject VIDIOC_REQBUFS Error (it reads 1)");
	check(set_ctrl(vid, CID_REQBUFS, 0) == 0 && get_ctrl(vid, CID_REQBUFS) == 0,
	      "disarm it (it reads 0)");
	check(reqbufs(vid, NBUF) == 0 && reqbufs(vid, 0) == 0, "disarmed: REQBUFS works");
	check(set_ctrl(vid, CID_REQBUFS, 1) == 0, "arm it again");
	check(reqbufs(vid, NBUF) == -EINVAL, "REQBUFS after it: EINVAL");
	check(get_ctrl(vid, CID_REQBUFS) == 0, "fired: it reads 0");
	cb.format.type = CAP;
	check(xioctl(vid, VIDIOC_G_FMT, &cb.format) == 0, "G_FMT");
	check(xioctl(vid, VIDIOC_CREATE_BUFS, &cb) == 0 && cb.index == 0,
	      "nothing allocated by it: CREATE_BUFS gives index 0");
	check(reqbufs(vid, 0) == 0, "REQBUFS 0 (frees; the injection is for allocations)");
	check(set_ctrl(vid, CID_REQBUFS, 1) == 0, "press it again");
	check(xioctl(vid, VIDIOC_CREATE_BUFS, &cb) == -EINVAL, "CREATE_BUFS after it: EINVAL");
	check(reqbufs(vid, NBUF) == 0, "the next REQBUFS works");

	/* QBUF. */
	check(set_ctrl(vid, CID_QBUF, 1) == 0, "press Inject VIDIOC_QBUF Error");
	check(qbuf(vid, 0) == -EINVAL, "QBUF after it: EINVAL");
	check(get_ctrl(vid, CID_QBUF) == 0, "fired: it reads 0");
	check(!(querybuf_flags(vid, 0) & V4L2_BUF_FLAG_QUEUED), "and the buffer is not queued");
	for (i = 0, ret = 0; i < NBUF; i++)
		ret |= qbuf(vid, i);
	check(ret == 0, "the next QBUFs work");

	/* STREAMON, then start_streaming. */
	check(set_ctrl(vid, CID_STREAMON, 1) == 0, "press Inject VIDIOC_STREAMON Error");
	check(streamon(vid) == -EIO, "STREAMON after it: EIO");
	check(set_ctrl(vid, CID_START, 1) == 0, "press Inject start_streaming Error");
	check(streamon(vid) == -EIO, "STREAMON after it: EIO (start_streaming failed)");
	for (i = 0, n = 0; i < NBUF; i++)
		n += !!(querybuf_flags(vid, i) & V4L2_BUF_FLAG_QUEUED);
	checkf(n == NBUF, "the %d queued buffers came back QUEUED (%d are)", NBUF, n);
	check(dqbuf(vid, &b) == -EINVAL, "nothing to dequeue, not streaming: EINVAL");
	check(streamon(vid) == 0, "the next STREAMON works");

	/* V4L2_BUF_FLAG_ERROR on exactly one buffer, the next one completed. */
	frames_pass(isp, 2);
	drain(vid);
	check(set_ctrl(vid, CID_BUF_ERROR, 1) == 0, "press Inject V4L2_BUF_FLAG_ERROR");
	for (n = 0, errors = 0; n < 6;) {
		frames_pass(isp, 1);
		while (dqbuf(vid, &b) == 0) {
			n++;
			if (b.flags & V4L2_BUF_FLAG_ERROR)
				errors++;
			qbuf(vid, b.index);
		}
	}
	checkf(errors == 1, "one of the next %d buffers flagged ERROR (%u)", n, errors);

	/* 100 % dropped: frames begin, no buffer comes; then 0 %: the sequence skipped them. */
	check(set_ctrl(vid, CID_DROP, 100) == 0, "Percentage of Dropped Buffers 100");
	frames_pass(isp, 2); /* a frame in progress at the set may still deliver */
	for (last = 0; dqbuf(vid, &b) == 0; qbuf(vid, b.index))
		last = b.sequence;
	frames_pass(isp, 3);
	check(dqbuf(vid, &b) == -EAGAIN, "3 frames later nothing to dequeue");
	check(set_ctrl(vid, CID_DROP, 0) == 0, "back to 0");
	frames_pass(isp, 1);
	while ((ret = dqbuf(vid, &b)) == -EAGAIN)
		frames_pass(isp, 1);
	seq = b.sequence;
	qbuf(vid, b.index);
	frames_pass(isp, 1);
	while ((ret = dqbuf(vid, &b)) == -EAGAIN)
		frames_pass(isp, 1);
	checkf(seq > last + 3, "the dropped frames' numbers skipped (%u, then %u)", last, seq);
	checkf(ret == 0 && b.sequence == seq + 1, "frames delivered again in sequence (%u, %u)",
	       seq, b.sequence);
	qbuf(vid, b.index);
	{
		struct v4l2_control c = { .id = CID_DROP };

		check(set_ctrl(vid, CID_DROP, 101) == 0 && xioctl(vid, VIDIOC_G_CTRL, &c) == 0 &&
		      c.value == 100, "101 % is clamped to 100 (an integer control)");
		check(set_ctrl(vid, CID_DROP, 0) == 0, "back to 0");
	}

	/* The sequence wrap: from the next start, frame n carries n - 16. */
	check(set_ctrl(vid, CID_SEQ_WRAP, 1) == 0, "Wrap Sequence Number on");
	check(restart(vid) == 0, "restart");
	for (n = 0, wraps = 0, last = 0, ret = 1; n < 20;) {
		frames_pass(isp, 1);
		while (dqbuf(vid, &b) == 0) {
			if (n == 0)
				ret = b.sequence >= 0xfffffff0u;
			else if (b.sequence < last)
				wraps++;
			last = b.sequence;
			n++;
			qbuf(vid, b.index);
		}
	}
	check(ret, "the first sequence is at most 16 short of 2^32");
	checkf(wraps == 1 && last < 16, "it wrapped once, to %u", last);
	check(set_ctrl(vid, CID_SEQ_WRAP, 0) == 0, "Wrap Sequence Number off");

	/* The timestamp wrap: from the next start, 16 s short of 2^32 s. */
	check(set_ctrl(vid, CID_TIME_WRAP, 1) == 0, "Wrap Timestamp on");
	check(restart(vid) == 0, "restart");
	frames_pass(isp, 2);
	while (dqbuf(vid, &b) == -EAGAIN)
		frames_pass(isp, 1);
	checkf(b.timestamp.tv_sec >= 0xffffffffLL - 16 && b.timestamp.tv_sec < 0xffffffffLL + 60,
	       "timestamp at %lld s: 16 s short of 2^32", (long long)b.timestamp.tv_sec);
	qbuf(vid, b.index);
	check(set_ctrl(vid, CID_TIME_WRAP, 0) == 0, "Wrap Timestamp off");
	check(restart(vid) == 0, "restart");
	frames_pass(isp, 2);
	while (dqbuf(vid, &b) == -EAGAIN)
		frames_pass(isp, 1);
	checkf(b.timestamp.tv_sec < 0xffffffffLL - 16, "and back (%lld s)",
	       (long long)b.timestamp.tv_sec);
	qbuf(vid, b.index);

	/* Fatal: QBUF and DQBUF fail with EIO until STREAMOFF. */
	frames_pass(isp, 1);
	while (dqbuf(vid, &b) == -EAGAIN)
		frames_pass(isp, 1);
	check(set_ctrl(vid, CID_FATAL, 1) == 0, "press Inject Fatal Streaming Error");
	check(qbuf(vid, b.index) == -EIO, "QBUF after it: EIO");
	check(dqbuf(vid, &b) == -EIO, "DQBUF after it: EIO");
	check(restart(vid) == 0, "STREAMOFF, STREAMON: streams again");
	frames_pass(isp, 1);
	while ((ret = dqbuf(vid, &b)) == -EAGAIN)
		frames_pass(isp, 1);
	check(ret == 0, "a buffer after it");
	qbuf(vid, b.index);
	streamoff(vid);
	check(set_ctrl(vid, CID_FATAL, 1) == 0, "pressed when not streaming: 0, nothing to break");

	/* A stalled sensor: frames begin, none is delivered; STREAMOFF ends a blocked DQBUF. */
	check(restart(vid) == 0, "restart");
	check(set_ctrl(sensor, CID_STALL, 1) == 0, "Stall Sensor on sensor-a");
	frames_pass(isp, 2);
	drain(vid);
	frames_pass(isp, 3);
	check(dqbuf(vid, &b) == -EAGAIN, "3 frames later nothing to dequeue");
	pthread_create(&t, NULL, blocked_dqbuf, &vid);
	frames_pass(isp, 2); /* the thread is (most likely) blocked in DQBUF by now */
	check(streamoff(vid) == 0, "STREAMOFF");
	pthread_join(t, &res);
	fcntl(vid, F_SETFL, O_RDWR | O_NONBLOCK);
	checkf((long)res == -EINVAL, "it ends the blocked DQBUF (%s)", strerror(-(long)res));
	check(set_ctrl(sensor, CID_STALL, 0) == 0, "Stall Sensor off");
	check(restart(vid) == 0, "restart");
	frames_pass(isp, 1);
	while ((ret = dqbuf(vid, &b)) == -EAGAIN)
		frames_pass(isp, 1);
	check(ret == 0, "frames again");
	streamoff(vid);
	reqbufs(vid, 0);
	close(isp);
	close(sensor);
	close(vid);
}

/* One Disconnect -------------------------------------------------------- */

struct waiter {
	int fd;
	int kind; /* 0: poll, 1: DQBUF, 2: DQEVENT */
	long ret;
	pthread_t t;
};

static void *wait_fn(void *arg)
{
	struct waiter *w = arg;
	/* The media node is always readable and writable: wait for an exception. */
	struct pollfd p = { .fd = w->fd, .events = POLLPRI };
	struct v4l2_event ev;
	struct v4l2_buffer b;

	switch (w->kind) {
	case 0:
		w->ret = poll(&p, 1, -1) == 1 ? p.revents : -errno;
		break;
	case 1:
		while ((w->ret = dqbuf(w->fd, &b)) == 0)
			qbuf(w->fd, b.index);
		break;
	default:
		while ((w->ret = xioctl(w->fd, VIDIOC_DQEVENT, &ev)) == 0)
			;
	}
	return NULL;
}

static const char *const press_on[] = { "main", "stats", "sensor-a", "isp", "resizer-self" };

static int disconnect_once(unsigned int iter)
{
	struct v4l2_event_subscription fs = { .type = V4L2_EVENT_FRAME_SYNC };
	struct v4l2_event_subscription cs = { .type = V4L2_EVENT_CTRL, .id = CID(8) };
	struct v4l2_exportbuffer eb = { .type = CAP, .index = 0, .flags = O_RDWR | O_CLOEXEC };
	struct media_device_info info;
	struct v4l2_capability cap;
	const char *on = press_on[iter % 5];
	char before[64], after[64], path[64];
	struct waiter w[4];
	void *maps[NBUF];
	unsigned char *dm;
	unsigned int i;
	int media, vid, isp, isp2, stats, press, fd, ok = 1, tries;
	size_t lens[NBUF];
	int fails0 = failures;

	node("media", before);
	media = open(before, O_RDWR);
	vid = open_node("main", O_RDWR);
	isp = open_node("isp", O_RDWR);
	isp2 = open_node("isp", O_RDWR);
	stats = open_node("stats", O_RDWR);
	press = strcmp(on, "main") && strcmp(on, "stats") && strcmp(on, "isp") ?
			open_node(on, O_RDWR) : -1;
	if (media < 0)
		die("open media");
	if (reqbufs(vid, NBUF))
		die("REQBUFS");
	for (i = 0; i < NBUF; i++) {
		struct v4l2_buffer b = { .index = i, .type = CAP, .memory = V4L2_MEMORY_MMAP };

		if (xioctl(vid, VIDIOC_QUERYBUF, &b))
			die("QUERYBUF");
		lens[i] = b.length;
		maps[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, vid,
			       b.m.offset);
		if (maps[i] == MAP_FAILED)
			die("mmap");
	}
	if (xioctl(vid, VIDIOC_EXPBUF, &eb))
		die("EXPBUF");
	dm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, eb.fd, 0);
	if (dm == MAP_FAILED)
		die("mmap dma-buf");
	for (i = 1; i < NBUF; i++)
		qbuf(vid, i);
	if (streamon(vid) || xioctl(isp, VIDIOC_SUBSCRIBE_EVENT, &fs) ||
	    xioctl(isp2, VIDIOC_SUBSCRIBE_EVENT, &fs) ||
	    xioctl(stats, VIDIOC_SUBSCRIBE_EVENT, &cs))
		die("STREAMON, subscriptions");
	frames_pass(isp2, 1);
	/* SEND_INITIAL is not set: stats' control event queue stays empty. */
	w[0] = (struct waiter){ .fd = media, .kind = 0 };
	w[1] = (struct waiter){ .fd = vid, .kind = 1 };
	w[2] = (struct waiter){ .fd = isp, .kind = 2 };
	w[3] = (struct waiter){ .fd = stats, .kind = 2 };
	for (i = 0; i < 4; i++)
		pthread_create(&w[i].t, NULL, wait_fn, &w[i]);
	frames_pass(isp2, 2); /* the waiters are (most likely) blocked by now */

	fd = press >= 0 ? press : !strcmp(on, "main") ? vid : !strcmp(on, "stats") ? stats : isp;
	/* The ISP's file has a thread in DQEVENT; S_CTRL on it is still a call of its own. */
	ok = set_ctrl(fd, CID_DISCONNECT, 1) == 0;
	checkf(ok, "%u: Disconnect pressed on %s returns 0", iter, on);

	for (i = 0; i < 4; i++)
		pthread_join(w[i].t, NULL);
	checkf(w[0].ret > 0 && (w[0].ret & POLLERR), "%u: media poll woke with POLLERR (%#lx)",
	       iter, w[0].ret);
	checkf(w[1].ret == -ENODEV || w[1].ret == -EIO, "%u: blocked DQBUF ended: %s", iter,
	       strerror(-w[1].ret));
	checkf(w[2].ret == -ENODEV, "%u: blocked DQEVENT on the ISP ended: %s", iter,
	       strerror(-w[2].ret));
	checkf(w[3].ret == -ENODEV, "%u: blocked DQEVENT on stats ended: %s", iter,
	       strerror(-w[3].ret));
	checkf(xioctl(media, MEDIA_IOC_DEVICE_INFO, &info) == -EIO, "%u: old media node: EIO",
	       iter);
	checkf(xioctl(vid, VIDIOC_QUERYCAP, &cap) == -ENODEV, "%u: old video node: ENODEV", iter);
	checkf(xioctl(isp2, VIDIOC_SUBSCRIBE_EVENT, &fs) == -ENODEV,
	       "%u: old sub-device node: ENODEV", iter);
	checkf(set_ctrl(fd, CID_DISCONNECT, 1) == -ENODEV, "%u: pressing again: ENODEV", iter);
	memset(maps[1], 0x5a, 4096);
	dm[0] ^= 1;
	checkf(((unsigned char *)maps[1])[4095] == 0x5a, "%u: mappings still usable", iter);
	checkf(access(PLAT "/", F_OK) == 0 && !node("media", path)[0] &&
	       !node("main", path)[0], "%u: the old media device and nodes left sysfs", iter);

	/* The last close of the old instance: a new one appears. */
	for (i = 0; i < NBUF; i++)
		munmap(maps[i], lens[i]);
	munmap(dm, 4096);
	close(eb.fd);
	close(media);
	close(vid);
	close(isp);
	close(isp2);
	close(stats);
	if (press >= 0)
		close(press);
	/* Its media node is in sysfs a moment before it answers (registration). */
	for (tries = 0, ok = 0; tries < 1200 && !ok; tries++) {
		if (node("media", after)[0] && node("stats", path)[0]) {
			media = open(after, O_RDWR);
			ok = media >= 0 && xioctl(media, MEDIA_IOC_DEVICE_INFO, &info) == 0;
			if (media >= 0)
				close(media);
		}
		if (!ok)
			usleep(100000);
	}
	checkf(ok, "%u: a new instance after the last close, its media node answers (%s)", iter,
	       after);
	return failures != fails0;
}

static void test_disconnect(unsigned int count)
{
	unsigned int i;
	int vid, isp, ret;
	struct v4l2_event_subscription fs = { .type = V4L2_EVENT_FRAME_SYNC };
	struct v4l2_buffer b;

	for (i = 0; i < count; i++)
		if (disconnect_once(i))
			break;
	checkf(i == count, "%u Disconnects with every kind of file held", i);
	/* The last re-plugged instance streams. */
	vid = open_node("main", O_RDWR | O_NONBLOCK);
	isp = open_node("isp", O_RDWR);
	xioctl(isp, VIDIOC_SUBSCRIBE_EVENT, &fs);
	ret = reqbufs(vid, NBUF) || restart(vid);
	frames_pass(isp, 1);
	while (!ret && dqbuf(vid, &b) == -EAGAIN)
		frames_pass(isp, 1);
	check(!ret, "the new instance streams");
	streamoff(vid);
	reqbufs(vid, 0);
	close(isp);
	close(vid);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2 && !strcmp(argv[1], "controls"))
		test_controls();
	else if (argc >= 3 && !strcmp(argv[1], "disconnect"))
		test_disconnect(atoi(argv[2]));
	else {
		fprintf(stderr, "usage: %s controls | disconnect COUNT\n", argv[0]);
		return 2;
	}
	printf("vcam-errinj-test: %d failed\n", failures);
	return failures ? 1 : 0;
}
