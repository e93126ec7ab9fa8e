// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf-hold: exported buffers outlive their device and its driver.
 *
 *   dmabuf-hold <capture node>      (commands on stdin, one per line)
 *
 * Streams the node with two MMAP buffers, exports both (EXPBUF), maps each
 * dma-buf, dequeues a frame and queues it back, then prints "ready". Each
 * command line then runs the checks and prints "ok <line>" (or "FAIL ..."
 * and exits 1): every mapping is written and read back, the dma-buf is
 * synced (DMA_BUF_IOCTL_SYNC) and mapped again, and the new mapping shows
 * what was written. The line "close-video" closes the video node first
 * (streaming stops, the queue goes; the dma-bufs stay). At end of input it
 * unmaps and closes everything and exits 0. The scenario unbinds and
 * unloads the driver between commands; KASAN and kmemleak watch.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/dma-buf.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define NBUF 2

static int video = -1;
static int dmabuf[NBUF];
static unsigned char *map[NBUF];
static size_t length[NBUF];

static void fail(const char *what)
{
	printf("FAIL %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static void xioctl(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (ioctl(fd, cmd, arg))
		fail(what);
}

static void setup(const char *node)
{
	struct v4l2_requestbuffers req = {
		.count = NBUF, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	struct pollfd pfd;
	struct v4l2_buffer b;
	int i;

	video = open(node, O_RDWR);
	if (video < 0)
		fail(node);
	xioctl(video, VIDIOC_REQBUFS, &req, "REQBUFS");
	if (req.count != NBUF)
		fail("REQBUFS count");
	for (i = 0; i < NBUF; i++) {
		struct v4l2_exportbuffer e = {
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .index = i, .flags = O_RDWR | O_CLOEXEC,
		};

		memset(&b, 0, sizeof(b));
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.index = i;
		xioctl(video, VIDIOC_QUERYBUF, &b, "QUERYBUF");
		length[i] = b.length;
		xioctl(video, VIDIOC_EXPBUF, &e, "EXPBUF");
		dmabuf[i] = e.fd;
		map[i] = mmap(NULL, length[i], PROT_READ | PROT_WRITE, MAP_SHARED, e.fd, 0);
		if (map[i] == MAP_FAILED)
			fail("mmap dma-buf");
		xioctl(video, VIDIOC_QBUF, &b, "QBUF");
	}
	xioctl(video, VIDIOC_STREAMON, &type, "STREAMON");
	pfd.fd = video;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 10000) != 1)
		fail("no frame in 10 s");
	memset(&b, 0, sizeof(b));
	b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	b.memory = V4L2_MEMORY_MMAP;
	xioctl(video, VIDIOC_DQBUF, &b, "DQBUF");
	xioctl(video, VIDIOC_QBUF, &b, "QBUF again");
}

static void sync_buf(int fd, unsigned long long flags)
{
	struct dma_buf_sync s = { .flags = flags };

	xioctl(fd, DMA_BUF_IOCTL_SYNC, &s, "DMA_BUF_IOCTL_SYNC");
}

static void check(const char *label)
{
	unsigned char value = (unsigned char)(0x40 + strlen(label));
	size_t j;
	int i;

	for (i = 0; i < NBUF; i++) {
		unsigned char *again;

		sync_buf(dmabuf[i], DMA_BUF_SYNC_START | DMA_BUF_SYNC_RW);
		memset(map[i], value, length[i]);
		for (j = 0; j < length[i]; j++)
			if (map[i][j] != value)
				fail("read back");
		sync_buf(dmabuf[i], DMA_BUF_SYNC_END | DMA_BUF_SYNC_RW);
		again = mmap(NULL, length[i], PROT_READ, MAP_SHARED, dmabuf[i], 0);
		if (again == MAP_FAILED)
			fail("mmap dma-buf again");
		for (j = 0; j < length[i]; j++)
			if (again[j] != value)
				fail("second mapping");
		munmap(again, length[i]);
	}
	printf("ok %s\n", label);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	char line[64];
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s <capture node>\n", argv[0]);
		return 2;
	}
	setup(argv[1]);
	printf("ready\n");
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = 0;
		if (!strcmp(line, "close-video") && video >= 0) {
			close(video);
			video = -1;
		}
		check(line);
	}
	for (i = 0; i < NBUF; i++) {
		munmap(map[i], length[i]);
		close(dmabuf[i]);
	}
	if (video >= 0)
		close(video);
	return 0;
}
