// SPDX-License-Identifier: GPL-2.0
/*
 * vcam ISP parameters apply from the frame after the one that took them:
 *
 *   vcam-params-test <params node> <stats node>
 *
 * Streams statistics, then queues a parameter buffer that zeroes the
 * white-balance gains (every output pixel black: the luma histogram's bin 0
 * then holds every pixel). The parameter buffer comes back with the
 * sequence number P of the frame that took it: statistics of frames up to P
 * must show the old image, from P + 1 on the new one. A malformed buffer
 * comes back flagged as an error and changes nothing. Unity gains are
 * restored at the end. Prints "ok ..."/"not ok ..." lines; exits non-zero on
 * any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

#include <linux/vcam-config.h>

#define NSTATS 4

struct queue {
	int fd;
	unsigned int type;
	unsigned int count;
	void *mem[NSTATS];
	size_t len[NSTATS];
};

static int setup(struct queue *q, const char *node, unsigned int type, unsigned int count)
{
	struct v4l2_requestbuffers req = { .count = count, .type = type,
					   .memory = V4L2_MEMORY_MMAP };
	unsigned int i;

	q->fd = open(node, O_RDWR);
	q->type = type;
	if (q->fd < 0 || xioctl(q->fd, VIDIOC_REQBUFS, &req) || req.count < count)
		return -1;
	q->count = count;
	for (i = 0; i < count; i++) {
		struct v4l2_buffer b = { .index = i, .type = type, .memory = V4L2_MEMORY_MMAP };

		if (xioctl(q->fd, VIDIOC_QUERYBUF, &b))
			return -1;
		q->len[i] = b.length;
		q->mem[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, q->fd,
				 b.m.offset);
		if (q->mem[i] == MAP_FAILED)
			return -1;
	}
	return 0;
}

static int queue_buf(struct queue *q, unsigned int index, unsigned int bytesused)
{
	struct v4l2_buffer b = { .index = index, .type = q->type, .memory = V4L2_MEMORY_MMAP,
				 .bytesused = bytesused };

	return xioctl(q->fd, VIDIOC_QBUF, &b);
}

/* Blocking DQBUF, bounded to 10 s. */
static int dequeue(struct queue *q, struct v4l2_buffer *b)
{
	struct pollfd pfd = { .fd = q->fd, .events = POLLIN | POLLOUT };

	if (poll(&pfd, 1, 10000) != 1)
		return -ETIMEDOUT;
	memset(b, 0, sizeof(*b));
	b->type = q->type;
	b->memory = V4L2_MEMORY_MMAP;
	return xioctl(q->fd, VIDIOC_DQBUF, b);
}

/* Dequeues one statistics buffer: its sequence and whether all is black. */
static int next_stats(struct queue *s, unsigned int *seq, int *black)
{
	struct v4l2_buffer b;
	const struct vcam_isp_stats *st;
	int ret = dequeue(s, &b);

	if (ret)
		return ret;
	st = s->mem[b.index];
	*seq = b.sequence;
	*black = st->hist_total && st->hist[0] == st->hist_total;
	if (b.flags & V4L2_BUF_FLAG_ERROR || st->version != VCAM_ISP_STATS_VERSION ||
	    st->sequence != b.sequence)
		ret = -EIO;
	queue_buf(s, b.index, 0);
	return ret;
}

/* Queues parameters setting the WB gains; returns the taking frame's sequence. */
static int send_gains(struct queue *p, unsigned int version, unsigned int gain,
		      unsigned int *seq, int *error)
{
	struct vcam_isp_params *pr = p->mem[0];
	struct v4l2_buffer b;
	int ret;

	memset(pr, 0, sizeof(*pr));
	pr->version = version;
	pr->valid = VCAM_ISP_BLOCK_WB;
	pr->wb_gain[0] = pr->wb_gain[1] = pr->wb_gain[2] = gain;
	ret = queue_buf(p, 0, sizeof(*pr));
	if (!ret)
		ret = dequeue(p, &b);
	*seq = b.sequence;
	*error = !!(b.flags & V4L2_BUF_FLAG_ERROR);
	return ret;
}

/* Statistics until one later than @after: as @before up to it, as @later after. */
static void expect_switch(struct queue *s, unsigned int after, int before, int later,
			  const char *what)
{
	unsigned int seq = 0;
	int black, ok = 1, seen_after = 0, n;
	char line[160];

	for (n = 0; n < 20 && !seen_after; n++) {
		if (next_stats(s, &seq, &black)) {
			ok = 0;
			break;
		}
		if (seq <= after && black != before)
			ok = 0; /* changed too early */
		if (seq > after) {
			seen_after = 1;
			if (black != later)
				ok = 0; /* not changed on the next frame */
		}
	}
	snprintf(line, sizeof(line), "%s (taken by frame %u, first later frame %u)", what, after,
		 seq);
	check(ok && seen_after, line);
}

int main(int argc, char **argv)
{
	struct queue p = { 0 }, s = { 0 };
	unsigned int i, seq;
	int error, black;
	int type;

	if (argc != 3) {
		fprintf(stderr, "usage: %s <params node> <stats node>\n", argv[0]);
		return 2;
	}
	check(!setup(&p, argv[1], V4L2_BUF_TYPE_META_OUTPUT, 1), "parameters node: 1 buffer");
	check(!setup(&s, argv[2], V4L2_BUF_TYPE_META_CAPTURE, NSTATS),
	      "statistics node: 4 buffers");
	if (failures)
		return 1;
	for (i = 0; i < NSTATS; i++)
		queue_buf(&s, i, 0);
	type = V4L2_BUF_TYPE_META_CAPTURE;
	check(!xioctl(s.fd, VIDIOC_STREAMON, &type), "statistics stream");
	type = V4L2_BUF_TYPE_META_OUTPUT;
	check(!xioctl(p.fd, VIDIOC_STREAMON, &type), "parameters stream");
	for (i = 0; i < 3; i++)
		check(!next_stats(&s, &seq, &black) && !black, "a frame before: not all black");

	check(!send_gains(&p, VCAM_ISP_PARAMS_VERSION, 0, &seq, &error) && !error,
	      "zero WB gains taken");
	expect_switch(&s, seq, 0, 1, "all black from the next frame on");

	check(!send_gains(&p, 99, 256, &seq, &error) && error, "a bad version: ERROR flag");
	expect_switch(&s, seq, 1, 1, "after a bad buffer: still all black");

	check(!send_gains(&p, VCAM_ISP_PARAMS_VERSION, 256, &seq, &error) && !error,
	      "unity WB gains taken");
	expect_switch(&s, seq, 1, 0, "the image back from the next frame on");

	type = V4L2_BUF_TYPE_META_OUTPUT;
	xioctl(p.fd, VIDIOC_STREAMOFF, &type);
	type = V4L2_BUF_TYPE_META_CAPTURE;
	xioctl(s.fd, VIDIOC_STREAMOFF, &type);
	close(p.fd);
	close(s.fd);
	return failures ? 1 : 0;
}
