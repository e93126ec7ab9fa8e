// SPDX-License-Identifier: GPL-2.0
/*
 * mc-fuzz: a bounded, deterministic ioctl fuzzer for media controller
 * devices and the V4L2 nodes under them (video, metadata, sub-device).
 *
 *   mc-fuzz [--seed S] [--count N] [--timeout-s T] [--trace[=K]] [--label L]
 *           (--media /dev/mediaN | NODE...)
 *
 * --media opens the media device and every video and sub-device node its
 * G_TOPOLOGY lists (interface major:minor -> /sys/dev/char/M:m/uevent ->
 * /dev/NAME). N ioctls in total go to nodes picked at random: every ioctl
 * the node type knows, with arguments mixing random words, boundary values,
 * values the device reported (controls, formats, codes, links), and user
 * pointers that are valid, NULL, unmapped, read-only, kernel, misaligned or
 * at the end of a mapping; random ioctl numbers; the argument pointer
 * itself bad. Now and then a node is closed and reopened, a queue stopped
 * and freed, a buffer mmap'd, the node polled.
 *
 * The sequence of calls is a function of the seed (and of what the kernel
 * answered, where a call reuses an earlier result); --trace prints every
 * call from number K on. The last 64 calls are kept and printed when the
 * kernel log shows a report (KASAN, WARNING, BUG, lockdep), read from
 * /dev/kmsg every 64 calls, so a report is tied to the calls around it.
 *
 * A call that fails must change nothing: around every state-changing call
 * (video S_FMT, S_SELECTION and S_CROP; sub-device S_FMT, S_SELECTION and
 * S_CROP; S_CTRL and S_EXT_CTRLS; SETUP_LINK) the state it could change is
 * read back before and after (formats and selections of every pad, both
 * TRY and ACTIVE, on the same file; every control's current value but the
 * volatile and write-only ones; every link's flags), and a failed call
 * after which it differs is an anomaly. The one exception is the uAPI's:
 * S_EXT_CTRLS failing with 0 < error_idx < count failed while writing,
 * after validation, and the controls before error_idx may have been set.
 * And one the V4L2 core's: on a video or sub-device node video_usercopy()
 * runs the call and only then copies the result back, so an argument (or an
 * array in it) on a read-only page fails with EFAULT after the change (6.12,
 * every V4L2 driver; the media node is mcpp's own and is held to the rule).
 * Both kinds are counted, not compared.
 *
 * Exit status: 0 when every call returned a sane answer; 1 on an anomaly
 * (an errno the kernel must not leak, a media ioctl it does not know that
 * did not get ENOTTY, a failed call that changed state, a kernel report
 * seen in the log); 2 on usage or setup errors; 3 when a call hung or the
 * run exceeded --timeout-s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/media.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* The 6.12 uAPI the host's (older) headers may lack. */
#ifndef VIDIOC_SUBDEV_G_ROUTING
struct v4l2_subdev_route {
	__u32 sink_pad;
	__u32 sink_stream;
	__u32 source_pad;
	__u32 source_stream;
	__u32 flags;
	__u32 reserved[5];
};

struct v4l2_subdev_routing {
	__u32 which;
	__u32 len_routes;
	__u64 routes;
	__u32 num_routes;
	__u32 reserved[11];
};

#define VIDIOC_SUBDEV_G_ROUTING _IOWR('V', 38, struct v4l2_subdev_routing)
#define VIDIOC_SUBDEV_S_ROUTING _IOWR('V', 39, struct v4l2_subdev_routing)
#endif
#ifndef VIDIOC_SUBDEV_G_CLIENT_CAP
struct v4l2_subdev_client_capability {
	__u64 capabilities;
};

#define VIDIOC_SUBDEV_G_CLIENT_CAP _IOR('V', 101, struct v4l2_subdev_client_capability)
#define VIDIOC_SUBDEV_S_CLIENT_CAP _IOWR('V', 102, struct v4l2_subdev_client_capability)
#endif
#ifndef VIDIOC_REMOVE_BUFS
struct v4l2_remove_buffers {
	__u32 index;
	__u32 count;
	__u32 type;
	__u32 reserved[13];
};

#define VIDIOC_REMOVE_BUFS _IOWR('V', 104, struct v4l2_remove_buffers)
#endif

/* Offsets of 6.12 fields the older headers keep in reserved[]. */
#define SUBDEV_FMT_STREAM 56		/* v4l2_subdev_format.stream */
#define SUBDEV_SEL_STREAM 36		/* v4l2_subdev_selection.stream */
#define SUBDEV_FI_WHICH 20		/* v4l2_subdev_frame_interval.which */
#define CREATE_BUFS_MAX_NUM 252		/* v4l2_create_buffers.max_num_buffers */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_NODES 48
#define MAX_IDS 64
#define RING 64
#define ARG_MAX_SIZE 16384
#define ARENA_SIZE (64 * 1024)
#define USERPTR_SIZE (16 * 1024 * 1024)
#define HOLE_SIZE (64UL * 1024 * 1024)
#define MAX_MAPS 8
#define MAX_FDS 8

enum kind { K_MEDIA, K_VIDEO, K_SUBDEV };

static const char *const kind_name[] = { "media", "video", "subdev" };

struct ioc {
	unsigned long cmd;
	const char *name;
	int weight;		/* how often, relative to the others */
};

#define IOC(c, w) { c, #c, w }

/* Every MC ioctl of linux/media.h. */
static const struct ioc media_iocs[] = {
	IOC(MEDIA_IOC_DEVICE_INFO, 2),
	IOC(MEDIA_IOC_ENUM_ENTITIES, 4),
	IOC(MEDIA_IOC_ENUM_LINKS, 4),
	IOC(MEDIA_IOC_SETUP_LINK, 4),
	IOC(MEDIA_IOC_G_TOPOLOGY, 4),
	IOC(MEDIA_IOC_REQUEST_ALLOC, 1),
};

/*
 * Every ioctl of linux/videodev2.h. Weight 4: what a capture or metadata
 * node of a vb2 MC-centric driver handles; weight 1: the rest, which should
 * get ENOTTY (or EINVAL for a type the node does not have).
 */
static const struct ioc video_iocs[] = {
	IOC(VIDIOC_QUERYCAP, 2),
	IOC(VIDIOC_ENUM_FMT, 4),
	IOC(VIDIOC_G_FMT, 4),
	IOC(VIDIOC_S_FMT, 6),
	IOC(VIDIOC_REQBUFS, 6),
	IOC(VIDIOC_QUERYBUF, 4),
	IOC(VIDIOC_G_FBUF, 1),
	IOC(VIDIOC_S_FBUF, 1),
	IOC(VIDIOC_OVERLAY, 1),
	IOC(VIDIOC_QBUF, 6),
	IOC(VIDIOC_EXPBUF, 4),
	IOC(VIDIOC_DQBUF, 6),
	IOC(VIDIOC_STREAMON, 4),
	IOC(VIDIOC_STREAMOFF, 3),
	IOC(VIDIOC_G_PARM, 2),
	IOC(VIDIOC_S_PARM, 2),
	IOC(VIDIOC_G_STD, 1),
	IOC(VIDIOC_S_STD, 1),
	IOC(VIDIOC_ENUMSTD, 1),
	IOC(VIDIOC_ENUMINPUT, 3),
	IOC(VIDIOC_G_CTRL, 2),
	IOC(VIDIOC_S_CTRL, 2),
	IOC(VIDIOC_G_TUNER, 1),
	IOC(VIDIOC_S_TUNER, 1),
	IOC(VIDIOC_G_AUDIO, 1),
	IOC(VIDIOC_S_AUDIO, 1),
	IOC(VIDIOC_QUERYCTRL, 2),
	IOC(VIDIOC_QUERYMENU, 2),
	IOC(VIDIOC_G_INPUT, 3),
	IOC(VIDIOC_S_INPUT, 3),
	IOC(VIDIOC_G_EDID, 1),
	IOC(VIDIOC_S_EDID, 1),
	IOC(VIDIOC_G_OUTPUT, 2),
	IOC(VIDIOC_S_OUTPUT, 2),
	IOC(VIDIOC_ENUMOUTPUT, 2),
	IOC(VIDIOC_G_AUDOUT, 1),
	IOC(VIDIOC_S_AUDOUT, 1),
	IOC(VIDIOC_G_MODULATOR, 1),
	IOC(VIDIOC_S_MODULATOR, 1),
	IOC(VIDIOC_G_FREQUENCY, 1),
	IOC(VIDIOC_S_FREQUENCY, 1),
	IOC(VIDIOC_CROPCAP, 2),
	IOC(VIDIOC_G_CROP, 2),
	IOC(VIDIOC_S_CROP, 2),
	IOC(VIDIOC_G_JPEGCOMP, 1),
	IOC(VIDIOC_S_JPEGCOMP, 1),
	IOC(VIDIOC_QUERYSTD, 1),
	IOC(VIDIOC_TRY_FMT, 6),
	IOC(VIDIOC_ENUMAUDIO, 1),
	IOC(VIDIOC_ENUMAUDOUT, 1),
	IOC(VIDIOC_G_PRIORITY, 3),
	IOC(VIDIOC_S_PRIORITY, 3),
	IOC(VIDIOC_G_SLICED_VBI_CAP, 1),
	IOC(VIDIOC_LOG_STATUS, 1),
	IOC(VIDIOC_G_EXT_CTRLS, 2),
	IOC(VIDIOC_S_EXT_CTRLS, 2),
	IOC(VIDIOC_TRY_EXT_CTRLS, 2),
	IOC(VIDIOC_ENUM_FRAMESIZES, 3),
	IOC(VIDIOC_ENUM_FRAMEINTERVALS, 2),
	IOC(VIDIOC_G_ENC_INDEX, 1),
	IOC(VIDIOC_ENCODER_CMD, 1),
	IOC(VIDIOC_TRY_ENCODER_CMD, 1),
	IOC(VIDIOC_DBG_S_REGISTER, 1),
	IOC(VIDIOC_DBG_G_REGISTER, 1),
	IOC(VIDIOC_S_HW_FREQ_SEEK, 1),
	IOC(VIDIOC_S_DV_TIMINGS, 1),
	IOC(VIDIOC_G_DV_TIMINGS, 1),
	IOC(VIDIOC_DQEVENT, 3),
	IOC(VIDIOC_SUBSCRIBE_EVENT, 3),
	IOC(VIDIOC_UNSUBSCRIBE_EVENT, 3),
	IOC(VIDIOC_CREATE_BUFS, 5),
	IOC(VIDIOC_PREPARE_BUF, 4),
	IOC(VIDIOC_G_SELECTION, 2),
	IOC(VIDIOC_S_SELECTION, 2),
	IOC(VIDIOC_DECODER_CMD, 1),
	IOC(VIDIOC_TRY_DECODER_CMD, 1),
	IOC(VIDIOC_ENUM_DV_TIMINGS, 1),
	IOC(VIDIOC_QUERY_DV_TIMINGS, 1),
	IOC(VIDIOC_DV_TIMINGS_CAP, 1),
	IOC(VIDIOC_ENUM_FREQ_BANDS, 1),
	IOC(VIDIOC_DBG_G_CHIP_INFO, 1),
	IOC(VIDIOC_QUERY_EXT_CTRL, 2),
	IOC(VIDIOC_REMOVE_BUFS, 3),
};

/* Every ioctl of linux/v4l2-subdev.h, and the control and event ioctls. */
static const struct ioc subdev_iocs[] = {
	IOC(VIDIOC_SUBDEV_QUERYCAP, 2),
	IOC(VIDIOC_SUBDEV_G_FMT, 6),
	IOC(VIDIOC_SUBDEV_S_FMT, 8),
	IOC(VIDIOC_SUBDEV_G_FRAME_INTERVAL, 2),
	IOC(VIDIOC_SUBDEV_S_FRAME_INTERVAL, 2),
	IOC(VIDIOC_SUBDEV_ENUM_MBUS_CODE, 4),
	IOC(VIDIOC_SUBDEV_ENUM_FRAME_SIZE, 4),
	IOC(VIDIOC_SUBDEV_ENUM_FRAME_INTERVAL, 2),
	IOC(VIDIOC_SUBDEV_G_CROP, 3),
	IOC(VIDIOC_SUBDEV_S_CROP, 3),
	IOC(VIDIOC_SUBDEV_G_SELECTION, 4),
	IOC(VIDIOC_SUBDEV_S_SELECTION, 6),
	IOC(VIDIOC_SUBDEV_G_ROUTING, 2),
	IOC(VIDIOC_SUBDEV_S_ROUTING, 2),
	IOC(VIDIOC_SUBDEV_G_CLIENT_CAP, 2),
	IOC(VIDIOC_SUBDEV_S_CLIENT_CAP, 2),
	IOC(VIDIOC_SUBDEV_G_STD, 1),
	IOC(VIDIOC_SUBDEV_S_STD, 1),
	IOC(VIDIOC_SUBDEV_ENUMSTD, 1),
	IOC(VIDIOC_SUBDEV_G_EDID, 1),
	IOC(VIDIOC_SUBDEV_S_EDID, 1),
	IOC(VIDIOC_SUBDEV_QUERYSTD, 1),
	IOC(VIDIOC_SUBDEV_S_DV_TIMINGS, 1),
	IOC(VIDIOC_SUBDEV_G_DV_TIMINGS, 1),
	IOC(VIDIOC_SUBDEV_ENUM_DV_TIMINGS, 1),
	IOC(VIDIOC_SUBDEV_QUERY_DV_TIMINGS, 1),
	IOC(VIDIOC_SUBDEV_DV_TIMINGS_CAP, 1),
	IOC(VIDIOC_QUERYCTRL, 3),
	IOC(VIDIOC_QUERY_EXT_CTRL, 3),
	IOC(VIDIOC_QUERYMENU, 3),
	IOC(VIDIOC_G_CTRL, 3),
	IOC(VIDIOC_S_CTRL, 4),
	IOC(VIDIOC_G_EXT_CTRLS, 3),
	IOC(VIDIOC_S_EXT_CTRLS, 4),
	IOC(VIDIOC_TRY_EXT_CTRLS, 3),
	IOC(VIDIOC_SUBSCRIBE_EVENT, 3),
	IOC(VIDIOC_UNSUBSCRIBE_EVENT, 3),
	IOC(VIDIOC_DQEVENT, 3),
	IOC(VIDIOC_LOG_STATUS, 1),
	IOC(VIDIOC_DBG_G_REGISTER, 1),
	IOC(VIDIOC_DBG_S_REGISTER, 1),
};

static const struct ioc *const node_iocs[] = { media_iocs, video_iocs, subdev_iocs };
static const unsigned int node_niocs[] = {
	ARRAY_SIZE(media_iocs), ARRAY_SIZE(video_iocs), ARRAY_SIZE(subdev_iocs)
};

/* Counted by errno (0: success); N_ERRNO - 1 collects the rest. */
#define N_ERRNO 160

struct node {
	char path[128];
	char name[64];
	enum kind kind;
	int fd;
	u_int32_t entity;	/* its entity in the topology, 0 if unknown */
	u_int32_t npads;
	u_int32_t buf_type;	/* video: the node's buffer type */
	u_int32_t ctrls[MAX_IDS];
	u_int32_t ctrl_flags[MAX_IDS];
	u_int32_t ctrl_bytes[MAX_IDS];	/* payload size, 0: a plain value */
	unsigned int nctrls;
	u_int32_t codes[MAX_IDS];	/* subdev: mbus codes; video: pixel formats */
	unsigned int ncodes;
	unsigned long calls, reopens, err[N_ERRNO];
	unsigned int nbufs;	/* buffers allocated, as REQBUFS/CREATE_BUFS said */
	unsigned char *tmpl[ARRAY_SIZE(video_iocs)];	/* last argument that succeeded */
};

struct link {
	u_int32_t source, source_pad, sink, sink_pad, flags;
};

static struct node nodes[MAX_NODES];
static unsigned int n_nodes;
static struct link links[128];
static unsigned int n_links;
static u_int32_t entity_ids[MAX_IDS];
static unsigned int n_entities;

/* Memory the kernel may be pointed at: nothing of ours lives there. */
static unsigned char *arena;		/* ARENA_SIZE rw, then a PROT_NONE page */
static unsigned char *ro_page;
static unsigned char *hole;		/* HOLE_SIZE of PROT_NONE */
static unsigned char *userptr;		/* USERPTR_SIZE rw */
static unsigned long page;

static struct {
	void *addr;
	size_t len;
} maps[MAX_MAPS];
static int exp_fds[MAX_FDS];

static unsigned long long rng_state;
static int ro_used;	/* this call points the kernel at the read-only page */
static unsigned long total, anomalies, kreports;
static unsigned long progress;	/* calls done, for the SIGALRM watchdog */
static unsigned long watch_last, watch_stuck;
static unsigned long hang_s = 30, timeout_s;
static time_t t_start;
static long trace_from = -1;
static int kmsg_fd = -1;
static unsigned int max_buffers;	/* 0: no limit */
static u_int32_t max_buffer_size;	/* 0: no limit */

static struct {
	unsigned long n;
	int node;
	unsigned long cmd;
	const char *name;
	unsigned char arg[32];
	long ret;
} ring[RING];

static unsigned long long rnd64(void)
{
	/* splitmix64: every seed, including 0, gives a good stream */
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u_int32_t rnd(u_int32_t n)
{
	return n ? (u_int32_t)(rnd64() % n) : 0;
}

static int chance(unsigned int percent)
{
	return rnd(100) < percent;
}

static u_int32_t boundary32(void)
{
	static const u_int32_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 255, 256, 1023, 1024,
		4095, 4096, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
		0xfffffffe, 0xffffffff, 640, 480, 1920, 1080, 1921, 1081,
	};

	if (chance(15))
		return (u_int32_t)rnd64();
	return v[rnd(ARRAY_SIZE(v))];
}

/* A small index, sometimes just past the end, sometimes absurd. */
static u_int32_t index32(u_int32_t n)
{
	if (chance(70))
		return rnd(n + 2);
	return boundary32();
}

static void put32(void *buf, size_t off, u_int32_t v)
{
	memcpy((unsigned char *)buf + off, &v, 4);
}

static void put64(void *buf, size_t off, u_int64_t v)
{
	memcpy((unsigned char *)buf + off, &v, 8);
}

static u_int32_t get32(const void *buf, size_t off)
{
	u_int32_t v;

	memcpy(&v, (const unsigned char *)buf + off, 4);
	return v;
}

/*
 * A user pointer for an array of want bytes: mostly valid, else NULL,
 * unmapped, read-only, kernel, non-canonical, misaligned, straddling the end
 * of a mapping, or random inside a PROT_NONE hole.
 */
static u_int64_t user_ptr(size_t want)
{
	size_t w = want > ARENA_SIZE / 2 ? ARENA_SIZE / 2 : want;

	switch (rnd(20)) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)hole + (rnd64() % HOLE_SIZE);
	case 2:
		ro_used = 1;
		return (uintptr_t)ro_page;
	case 3:
		return 0xffff888000000000ULL;
	case 4:
		return 0x0000800000000000ULL + rnd(4096);
	case 5:
		return (uintptr_t)arena + 1 + rnd(7);
	case 6:
		/* the array ends a few bytes past the mapping */
		return (uintptr_t)arena + ARENA_SIZE - w + 1 + rnd(16);
	case 7:
		/* the array ends exactly at the end of the mapping */
		return (uintptr_t)arena + ARENA_SIZE - w;
	case 8:
		return rnd(2) ? 0xffffffffffffffffULL : 8;
	default:
		return (uintptr_t)arena + ARENA_SIZE / 2 + rnd(4) * 8;
	}
}

/* Valid-looking ids: what the device reported, else a boundary value. */
static u_int32_t pick_id(const u_int32_t *ids, unsigned int n)
{
	if (n && chance(75))
		return ids[rnd(n)];
	return boundary32();
}

static u_int32_t pick_which(void)
{
	return chance(85) ? rnd(2) : boundary32();
}

static u_int32_t pick_memory(void)
{
	static const u_int32_t m[] = {
		V4L2_MEMORY_MMAP, V4L2_MEMORY_MMAP, V4L2_MEMORY_MMAP,
		V4L2_MEMORY_USERPTR, V4L2_MEMORY_USERPTR, V4L2_MEMORY_DMABUF,
		V4L2_MEMORY_OVERLAY, 0, 5, 0xffffffff,
	};

	return m[rnd(ARRAY_SIZE(m))];
}

static u_int32_t pick_type(const struct node *n)
{
	if (chance(65))
		return n->buf_type;
	if (chance(70))
		return 1 + rnd(14);
	return boundary32();
}

static u_int32_t pick_count(void)
{
	static const u_int32_t c[] = { 0, 1, 1, 2, 2, 3, 4, 8, 32, 33, 64, 65, 0x7fffffff,
				       0xffffffff };

	return c[rnd(ARRAY_SIZE(c))];
}

static u_int32_t pick_dim(void)
{
	static const u_int32_t d[] = { 0, 1, 2, 63, 64, 65, 320, 240, 640, 480, 1280, 720,
				       1920, 1080, 1922, 4096, 0x7fffffff, 0xffffffff };

	return chance(80) ? d[rnd(ARRAY_SIZE(d))] : (u_int32_t)rnd64();
}

/* A rectangle: left, top (signed), width, height. */
static void fill_rect(void *buf, size_t off)
{
	static const int32_t pos[] = { 0, 0, 1, 2, 10, 640, 1919, -1, -2, 0x7fffffff, INT32_MIN };

	put32(buf, off, chance(85) ? (u_int32_t)pos[rnd(ARRAY_SIZE(pos))] : (u_int32_t)rnd64());
	put32(buf, off + 4, chance(85) ? (u_int32_t)pos[rnd(ARRAY_SIZE(pos))] : (u_int32_t)rnd64());
	put32(buf, off + 8, pick_dim());
	put32(buf, off + 12, pick_dim());
}

/* G/S_EDID: 128-byte blocks at a user pointer. */
static void fill_edid(unsigned char *a, u_int32_t npads)
{
	struct v4l2_edid *e = (void *)a;

	e->pad = index32(npads);
	e->start_block = index32(4);
	e->blocks = chance(70) ? rnd(4) : boundary32();
	e->edid = (void *)(uintptr_t)user_ptr((size_t)(e->blocks & 0xff) * 128);
}

/* An array of v4l2_ext_control in the arena, for EXT_CTRLS. */
static u_int64_t ext_ctrl_array(const struct node *n, u_int32_t count)
{
	struct v4l2_ext_control *c;
	u_int32_t i, max = ARENA_SIZE / 2 / sizeof(*c);
	u_int64_t p = user_ptr((size_t)(count < max ? count : max) * sizeof(*c));
	u_int64_t lo = (uintptr_t)arena, hi = lo + ARENA_SIZE;

	if (p < lo || p >= hi)
		return p;	/* not ours to fill */
	c = (struct v4l2_ext_control *)(uintptr_t)p;
	for (i = 0; i < count && (uintptr_t)(c + i + 1) <= hi; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].id = pick_id(n->ctrls, n->nctrls);
		c[i].size = chance(80) ? 0 : boundary32();
		if (chance(10))
			c[i].ptr = (void *)(uintptr_t)user_ptr(c[i].size);
		else
			c[i].value64 = chance(50) ? (int32_t)boundary32() : (int64_t)rnd64();
	}
	return p;
}

static void fix_media(struct node *n, unsigned long cmd, unsigned char *a)
{
	struct media_links_enum *le = (void *)a;
	struct media_entity_desc *ed = (void *)a;
	struct media_link_desc *ld = (void *)a;

	switch (cmd) {
	case MEDIA_IOC_ENUM_ENTITIES:
		ed->id = pick_id(entity_ids, n_entities);
		if (chance(40))
			ed->id = chance(50) ? (ed->id | MEDIA_ENT_ID_FLAG_NEXT) : MEDIA_ENT_ID_FLAG_NEXT;
		break;
	case MEDIA_IOC_ENUM_LINKS:
		le->entity = pick_id(entity_ids, n_entities);
		le->pads = chance(70) ? (void *)(uintptr_t)user_ptr(16 * sizeof(struct media_pad_desc)) : NULL;
		le->links = chance(70) ? (void *)(uintptr_t)user_ptr(16 * sizeof(struct media_link_desc)) : NULL;
		break;
	case MEDIA_IOC_SETUP_LINK:
		if (n_links && chance(75)) {
			const struct link *l = &links[rnd(n_links)];

			ld->source.entity = l->source;
			ld->source.index = l->source_pad;
			ld->sink.entity = l->sink;
			ld->sink.index = l->sink_pad;
			ld->flags = l->flags;
			if (chance(60))
				ld->flags ^= MEDIA_LNK_FL_ENABLED;
			if (chance(20))
				ld->flags ^= 1u << rnd(32);
			if (chance(15))
				put32(a, 4 * rnd(sizeof(*ld) / 4), boundary32());
		}
		break;
	case MEDIA_IOC_G_TOPOLOGY: {
		/* num_entities, ptr_entities, ... : four (u32, u32, u64) groups */
		size_t off = offsetof(struct media_v2_topology, num_entities);
		unsigned int i;

		for (i = 0; i < 4; i++, off += 16) {
			u_int32_t num = chance(60) ? 64 : index32(64);

			put32(a, off, num);
			put64(a, off + 8, chance(30) ? 0 : user_ptr((size_t)(num & 0xffff) * 64));
		}
		break;
	}
	}
}

static void fix_buffer(struct node *n, unsigned char *a)
{
	struct v4l2_buffer *b = (void *)a;

	b->index = index32(8);
	b->type = pick_type(n);
	b->memory = pick_memory();
	if (chance(60))
		b->flags = 0;
	else if (chance(50))
		b->flags = 1u << rnd(32);
	b->field = chance(80) ? rnd(3) : boundary32();
	b->bytesused = chance(50) ? 0 : boundary32();
	b->length = chance(50) ? 640 * 480 * 2 : boundary32();
	if (V4L2_TYPE_IS_MULTIPLANAR(b->type) || chance(5)) {
		b->length = chance(70) ? rnd(VIDEO_MAX_PLANES + 2) : boundary32();
		b->m.planes = (void *)(uintptr_t)user_ptr(b->length * sizeof(struct v4l2_plane));
	} else if (b->memory == V4L2_MEMORY_USERPTR) {
		b->m.userptr = chance(70) ? (uintptr_t)userptr + (chance(80) ? 0 : rnd(4096))
					  : user_ptr(b->length);
		if (chance(70))
			b->length = USERPTR_SIZE / (1 + rnd(4));
	} else if (b->memory == V4L2_MEMORY_DMABUF) {
		b->m.fd = chance(60) ? exp_fds[rnd(MAX_FDS)] : (int32_t)boundary32();
	}
	b->request_fd = chance(90) ? 0 : (int32_t)boundary32();
}

static void fix_video(struct node *n, unsigned long cmd, unsigned char *a)
{
	switch (cmd) {
	case VIDIOC_ENUM_FMT: {
		struct v4l2_fmtdesc *f = (void *)a;

		f->index = index32(8);
		f->type = pick_type(n);
		f->mbus_code = chance(60) ? 0 : boundary32();
		break;
	}
	case VIDIOC_G_FMT:
	case VIDIOC_S_FMT:
	case VIDIOC_TRY_FMT: {
		struct v4l2_format *f = (void *)a;

		f->type = pick_type(n);
		if (f->type == V4L2_BUF_TYPE_META_CAPTURE || f->type == V4L2_BUF_TYPE_META_OUTPUT) {
			f->fmt.meta.dataformat = pick_id(n->codes, n->ncodes);
			f->fmt.meta.buffersize = boundary32();
			break;
		}
		f->fmt.pix.width = pick_dim();
		f->fmt.pix.height = pick_dim();
		f->fmt.pix.pixelformat = pick_id(n->codes, n->ncodes);
		f->fmt.pix.field = chance(80) ? rnd(3) : boundary32();
		f->fmt.pix.bytesperline = chance(60) ? 0 : boundary32();
		f->fmt.pix.sizeimage = chance(60) ? 0 : boundary32();
		f->fmt.pix.priv = chance(60) ? V4L2_PIX_FMT_PRIV_MAGIC : boundary32();
		break;
	}
	case VIDIOC_REQBUFS: {
		struct v4l2_requestbuffers *r = (void *)a;

		r->count = pick_count();
		r->type = pick_type(n);
		r->memory = pick_memory();
		r->flags = chance(70) ? 0 : (unsigned char)rnd64();
		break;
	}
	case VIDIOC_QUERYBUF:
	case VIDIOC_QBUF:
	case VIDIOC_DQBUF:
	case VIDIOC_PREPARE_BUF:
		fix_buffer(n, a);
		break;
	case VIDIOC_CREATE_BUFS: {
		struct v4l2_create_buffers *c = (void *)a;

		c->count = pick_count();
		c->memory = pick_memory();
		c->format.type = pick_type(n);
		if (chance(50)) {
			/* a format G_FMT would give, with a size of our choice */
			struct v4l2_format f = { .type = c->format.type };

			if (ioctl(n->fd, VIDIOC_G_FMT, &f) == 0)
				c->format = f;
		}
		if (chance(50)) {
			u_int32_t size = chance(50) ? boundary32() : (1 + rnd(64)) << 20;

			if (c->format.type == V4L2_BUF_TYPE_META_CAPTURE ||
			    c->format.type == V4L2_BUF_TYPE_META_OUTPUT)
				c->format.fmt.meta.buffersize = size;
			else
				c->format.fmt.pix.sizeimage = size;
		}
		c->flags = chance(80) ? 0 : boundary32();
		put32(a, CREATE_BUFS_MAX_NUM, chance(80) ? 0 : boundary32());
		break;
	}
	case VIDIOC_EXPBUF: {
		struct v4l2_exportbuffer *e = (void *)a;

		e->type = pick_type(n);
		e->index = index32(8);
		e->plane = chance(80) ? 0 : index32(VIDEO_MAX_PLANES);
		e->flags = chance(70) ? (O_CLOEXEC | (chance(50) ? O_RDWR : O_RDONLY)) : boundary32();
		break;
	}
	case VIDIOC_STREAMON:
	case VIDIOC_STREAMOFF:
		put32(a, 0, pick_type(n));
		break;
	case VIDIOC_S_PRIORITY:
		put32(a, 0, chance(80) ? rnd(5) : boundary32());
		break;
	case VIDIOC_G_PARM:
	case VIDIOC_S_PARM:
	case VIDIOC_CROPCAP:
	case VIDIOC_G_CROP:
	case VIDIOC_S_CROP:
		put32(a, 0, pick_type(n));
		if (cmd == VIDIOC_S_CROP)
			fill_rect(a, 4);
		break;
	case VIDIOC_G_SELECTION:
	case VIDIOC_S_SELECTION: {
		struct v4l2_selection *s = (void *)a;

		s->type = pick_type(n);
		s->target = chance(80) ? rnd(4) + (chance(50) ? 0x100 : 0) : boundary32();
		s->flags = chance(70) ? rnd(8) : boundary32();
		fill_rect(a, offsetof(struct v4l2_selection, r));
		break;
	}
	case VIDIOC_ENUM_FRAMESIZES:
	case VIDIOC_ENUM_FRAMEINTERVALS:
		put32(a, 0, index32(8));
		put32(a, 4, pick_id(n->codes, n->ncodes));
		if (cmd == VIDIOC_ENUM_FRAMEINTERVALS) {
			put32(a, 8, pick_dim());
			put32(a, 12, pick_dim());
		}
		break;
	case VIDIOC_ENUMINPUT:
	case VIDIOC_ENUMOUTPUT:
	case VIDIOC_S_INPUT:
	case VIDIOC_S_OUTPUT:
	case VIDIOC_ENUMAUDIO:
	case VIDIOC_ENUMAUDOUT:
	case VIDIOC_ENUMSTD:
		put32(a, 0, index32(4));
		break;
	case VIDIOC_G_EDID:
	case VIDIOC_S_EDID:
		fill_edid(a, 1);
		break;
	}
}

static void fix_subdev(struct node *n, unsigned long cmd, unsigned char *a)
{
	switch (cmd) {
	case VIDIOC_SUBDEV_G_FMT:
	case VIDIOC_SUBDEV_S_FMT: {
		struct v4l2_subdev_format *f = (void *)a;

		f->which = pick_which();
		f->pad = index32(n->npads);
		f->format.width = pick_dim();
		f->format.height = pick_dim();
		f->format.code = pick_id(n->codes, n->ncodes);
		f->format.field = chance(80) ? rnd(3) : boundary32();
		if (chance(50)) {
			f->format.colorspace = rnd(14);
			f->format.ycbcr_enc = rnd(9);
			f->format.quantization = rnd(3);
			f->format.xfer_func = rnd(8);
			f->format.flags = chance(80) ? 0 : (u_int16_t)rnd64();
		}
		put32(a, SUBDEV_FMT_STREAM, chance(85) ? 0 : boundary32());
		break;
	}
	case VIDIOC_SUBDEV_ENUM_MBUS_CODE: {
		struct v4l2_subdev_mbus_code_enum *c = (void *)a;

		c->pad = index32(n->npads);
		c->index = index32(16);
		c->which = pick_which();
		break;
	}
	case VIDIOC_SUBDEV_ENUM_FRAME_SIZE: {
		struct v4l2_subdev_frame_size_enum *f = (void *)a;

		f->index = index32(4);
		f->pad = index32(n->npads);
		f->code = pick_id(n->codes, n->ncodes);
		f->which = pick_which();
		break;
	}
	case VIDIOC_SUBDEV_ENUM_FRAME_INTERVAL: {
		struct v4l2_subdev_frame_interval_enum *f = (void *)a;

		f->index = index32(4);
		f->pad = index32(n->npads);
		f->code = pick_id(n->codes, n->ncodes);
		f->width = pick_dim();
		f->height = pick_dim();
		f->which = pick_which();
		break;
	}
	case VIDIOC_SUBDEV_G_FRAME_INTERVAL:
	case VIDIOC_SUBDEV_S_FRAME_INTERVAL: {
		struct v4l2_subdev_frame_interval *f = (void *)a;

		f->pad = index32(n->npads);
		f->interval.numerator = chance(60) ? rnd(3) : boundary32();
		f->interval.denominator = chance(60) ? rnd(61) : boundary32();
		put32(a, SUBDEV_FI_WHICH, pick_which());
		break;
	}
	case VIDIOC_SUBDEV_G_CROP:
	case VIDIOC_SUBDEV_S_CROP:
		put32(a, 0, pick_which());
		put32(a, 4, index32(n->npads));
		fill_rect(a, 8);
		break;
	case VIDIOC_SUBDEV_G_SELECTION:
	case VIDIOC_SUBDEV_S_SELECTION: {
		struct v4l2_subdev_selection *s = (void *)a;

		s->which = pick_which();
		s->pad = index32(n->npads);
		s->target = chance(80) ? rnd(4) + (chance(50) ? 0x100 : 0) : boundary32();
		s->flags = chance(70) ? rnd(8) : boundary32();
		fill_rect(a, offsetof(struct v4l2_subdev_selection, r));
		put32(a, SUBDEV_SEL_STREAM, chance(85) ? 0 : boundary32());
		break;
	}
	case VIDIOC_SUBDEV_G_ROUTING:
	case VIDIOC_SUBDEV_S_ROUTING: {
		struct v4l2_subdev_routing *r = (void *)a;

		r->which = pick_which();
		r->len_routes = chance(70) ? rnd(8) : boundary32();
		r->num_routes = chance(70) ? rnd(8) : boundary32();
		r->routes = user_ptr((size_t)(r->len_routes & 0xff) * sizeof(struct v4l2_subdev_route));
		break;
	}
	case VIDIOC_SUBDEV_S_CLIENT_CAP:
		put64(a, 0, chance(70) ? rnd(4) : rnd64());
		break;
	case VIDIOC_SUBDEV_G_EDID:
	case VIDIOC_SUBDEV_S_EDID:
		fill_edid(a, n->npads);
		break;
	case VIDIOC_SUBDEV_ENUMSTD:
	case VIDIOC_SUBDEV_ENUM_DV_TIMINGS:
		put32(a, 0, index32(4));
		break;
	}
}

/* What video and sub-device nodes share: controls and events. */
static void fix_common(struct node *n, unsigned long cmd, unsigned char *a)
{
	switch (cmd) {
	case VIDIOC_QUERYCTRL:
	case VIDIOC_QUERY_EXT_CTRL:
	case VIDIOC_QUERYMENU:
	case VIDIOC_G_CTRL:
	case VIDIOC_S_CTRL: {
		u_int32_t id = pick_id(n->ctrls, n->nctrls);

		if (cmd != VIDIOC_QUERYMENU && chance(25))
			id |= chance(50) ? V4L2_CTRL_FLAG_NEXT_CTRL :
				V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
		put32(a, 0, id);
		if (cmd == VIDIOC_QUERYMENU)
			put32(a, 4, index32(8));
		if (cmd == VIDIOC_S_CTRL)
			put32(a, 4, chance(50) ? rnd(1024) : boundary32());
		break;
	}
	case VIDIOC_G_EXT_CTRLS:
	case VIDIOC_S_EXT_CTRLS:
	case VIDIOC_TRY_EXT_CTRLS: {
		struct v4l2_ext_controls *c = (void *)a;
		static const u_int32_t which[] = {
			V4L2_CTRL_WHICH_CUR_VAL, V4L2_CTRL_WHICH_DEF_VAL, V4L2_CTRL_WHICH_REQUEST_VAL,
			V4L2_CTRL_CLASS_USER, V4L2_CTRL_CLASS_CAMERA, V4L2_CTRL_CLASS_IMAGE_SOURCE,
			V4L2_CTRL_CLASS_IMAGE_PROC,
		};

		c->which = chance(85) ? which[rnd(ARRAY_SIZE(which))] : boundary32();
		c->count = chance(80) ? rnd(5) : boundary32();
		c->error_idx = chance(80) ? 0 : boundary32();
		c->request_fd = chance(90) ? 0 : (int32_t)boundary32();
		c->controls = (void *)(uintptr_t)ext_ctrl_array(n, c->count);
		break;
	}
	case VIDIOC_SUBSCRIBE_EVENT:
	case VIDIOC_UNSUBSCRIBE_EVENT: {
		struct v4l2_event_subscription *s = (void *)a;

		s->type = chance(80) ? rnd(7) : boundary32();
		s->id = pick_id(n->ctrls, n->nctrls);
		s->flags = chance(80) ? rnd(4) : boundary32();
		break;
	}
	}
}

/* Argument buffers: each ends at a guard page, so a late offset faults. */
static unsigned char *argbuf;	/* ARG_MAX_SIZE rw, then a PROT_NONE page */

/* A random ioctl number: any direction, type, number and size. */
static unsigned long random_cmd(void)
{
	unsigned int type, nr = rnd(256), size = chance(50) ? rnd(256) : rnd(ARG_MAX_SIZE);
	unsigned int dir = rnd(4);

	switch (rnd(4)) {
	case 0:
	case 1:
		type = 'V';
		break;
	case 2:
		type = '|';
		break;
	default:
		type = rnd(256);
		/*
		 * Not the ioctls the VFS handles itself for any file: they would
		 * change the file (FIONBIO, FIOASYNC) or its filesystem (FIFREEZE,
		 * FS_IOC_SETFLAGS) rather than test the driver.
		 */
		if (type == 'T' || type == 'X' || type == 'f' || type == 0x94 ||
		    type == 0x15 || type == 0)
			type = 'V';
		break;
	}
	return _IOC(dir, type, nr, size);
}

static int known_cmd(const struct node *n, unsigned long cmd)
{
	unsigned int i;

	for (i = 0; i < node_niocs[n->kind]; i++)
		if (node_iocs[n->kind][i].cmd == cmd)
			return 1;
	return 0;
}

static void count_errno(struct node *n, int e)
{
	n->err[e >= 0 && e < N_ERRNO - 1 ? e : N_ERRNO - 1]++;
}

static const char *errno_name(unsigned int i)
{
	const char *name = i < N_ERRNO - 1 ? strerrorname_np(i) : NULL;

	return !i ? "ok" : name ? name : "other";
}

static void print_call(FILE *f, unsigned long num, int node, unsigned long cmd, const char *name,
		       const unsigned char *arg, size_t len, long ret)
{
	size_t i;

	fprintf(f, "call %lu %s %s 0x%08lx(%s) arg", num, nodes[node].path,
		kind_name[nodes[node].kind], cmd, name ? name : "random");
	for (i = 0; i < len && i < 32; i++)
		fprintf(f, "%s%02x", i % 4 ? "" : " ", arg[i]);
	if (ret != LONG_MIN)
		fprintf(f, " -> %ld", ret);
	fprintf(f, "\n");
}

static void dump_ring(void)
{
	unsigned long first = total >= RING ? total - RING : 0, i;

	printf("fuzz: the last %lu calls:\n", total - first);
	for (i = first; i < total; i++) {
		unsigned int r = i % RING;

		print_call(stdout, ring[r].n, ring[r].node, ring[r].cmd, ring[r].name, ring[r].arg,
			   sizeof(ring[r].arg), ring[r].ret);
	}
}

/* New kernel log records that are reports; returns how many. */
static int scan_kmsg(void)
{
	static const char *const pat[] = {
		"BUG:", "WARNING:", "KASAN", "kernel BUG", "Oops", "refcount_t:", "ODEBUG:",
		"possible circular locking", "list_add corruption", "list_del corruption",
		"unreferenced object",
	};
	char rec[1024];
	int found = 0;
	ssize_t len;
	unsigned int i;

	if (kmsg_fd < 0)
		return 0;
	for (;;) {
		len = read(kmsg_fd, rec, sizeof(rec) - 1);
		if (len < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on with the next */
		if (len <= 0)
			break;
		rec[len] = 0;
		for (i = 0; i < ARRAY_SIZE(pat); i++)
			if (strstr(rec, pat[i])) {
				printf("fuzz: kernel report after call %lu: %s", total, rec);
				found++;
				break;
			}
	}
	return found;
}

static void on_alarm(int sig)
{
	unsigned long done = __atomic_load_n(&progress, __ATOMIC_RELAXED);
	char msg[160];
	int len;

	(void)sig;

	if (done != watch_last) {
		watch_last = done;
		watch_stuck = 0;
	} else if (++watch_stuck >= hang_s) {
		len = snprintf(msg, sizeof(msg), "fuzz: FAIL: call %lu has not returned for %lus\n",
			       done, watch_stuck);
		if (write(1, msg, len) < 0)
			_exit(3);
		_exit(3);
	}
	if (timeout_s && (unsigned long)(time(NULL) - t_start) > timeout_s) {
		len = snprintf(msg, sizeof(msg), "fuzz: FAIL: over --timeout-s %lu at call %lu\n",
			       timeout_s, done);
		if (write(1, msg, len) < 0)
			_exit(3);
		_exit(3);
	}
}

static int open_node(struct node *n)
{
	n->fd = open(n->path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (n->fd < 0) {
		fprintf(stderr, "mc-fuzz: %s: %s\n", n->path, strerror(errno));
		return -1;
	}
	return 0;
}

static void probe_node(struct node *n)
{
	struct v4l2_query_ext_ctrl q = { .id = V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND };
	struct v4l2_capability cap = { 0 };
	unsigned int i, pad;

	if (n->kind == K_MEDIA)
		return;
	while (n->nctrls < MAX_IDS && ioctl(n->fd, VIDIOC_QUERY_EXT_CTRL, &q) == 0) {
		n->ctrl_flags[n->nctrls] = q.flags;
		n->ctrl_bytes[n->nctrls] = q.flags & V4L2_CTRL_FLAG_HAS_PAYLOAD ?
					   q.elem_size * q.elems : 0;
		n->ctrls[n->nctrls++] = q.id;
		q.id |= V4L2_CTRL_FLAG_NEXT_CTRL | V4L2_CTRL_FLAG_NEXT_COMPOUND;
	}
	if (n->kind == K_VIDEO) {
		if (ioctl(n->fd, VIDIOC_QUERYCAP, &cap) == 0) {
			u_int32_t caps = cap.capabilities & V4L2_CAP_DEVICE_CAPS ?
					 cap.device_caps : cap.capabilities;

			if (caps & V4L2_CAP_VIDEO_CAPTURE)
				n->buf_type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
			else if (caps & V4L2_CAP_VIDEO_CAPTURE_MPLANE)
				n->buf_type = V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE;
			else if (caps & V4L2_CAP_META_CAPTURE)
				n->buf_type = V4L2_BUF_TYPE_META_CAPTURE;
			else if (caps & V4L2_CAP_META_OUTPUT)
				n->buf_type = V4L2_BUF_TYPE_META_OUTPUT;
			else if (caps & V4L2_CAP_VIDEO_OUTPUT)
				n->buf_type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
			snprintf(n->name, sizeof(n->name), "%s", (char *)cap.card);
		}
		if (!n->buf_type)
			n->buf_type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		for (i = 0; i < 32 && n->ncodes < MAX_IDS; i++) {
			struct v4l2_fmtdesc f = { .index = i, .type = n->buf_type };

			if (ioctl(n->fd, VIDIOC_ENUM_FMT, &f))
				break;
			n->codes[n->ncodes++] = f.pixelformat;
		}
		return;
	}
	for (pad = 0; pad < n->npads; pad++)
		for (i = 0; i < 32 && n->ncodes < MAX_IDS; i++) {
			struct v4l2_subdev_mbus_code_enum c = {
				.pad = pad, .index = i, .which = V4L2_SUBDEV_FORMAT_ACTIVE
			};

			if (ioctl(n->fd, VIDIOC_SUBDEV_ENUM_MBUS_CODE, &c))
				break;
			n->codes[n->ncodes++] = c.code;
		}
}

static enum kind kind_of_path(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!strncmp(base, "media", 5))
		return K_MEDIA;
	if (!strncmp(base, "v4l-subdev", 10))
		return K_SUBDEV;
	return K_VIDEO;
}

static struct node *add_node(const char *path, enum kind kind)
{
	struct node *n;

	if (n_nodes == MAX_NODES) {
		fprintf(stderr, "mc-fuzz: more than %d nodes\n", MAX_NODES);
		exit(2);
	}
	n = &nodes[n_nodes++];
	snprintf(n->path, sizeof(n->path), "%s", path);
	n->kind = kind;
	return n;
}

/* /dev/NAME of a character device, from its uevent. */
static int devnode_path(u_int32_t major, u_int32_t minor, char *out, size_t len)
{
	char p[64], line[100];
	FILE *f;
	int ok = 0;

	snprintf(p, sizeof(p), "/sys/dev/char/%u:%u/uevent", major, minor);
	f = fopen(p, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "DEVNAME=", 8)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(out, len, "/dev/%s", line + 8);
			ok = 1;
		}
	fclose(f);
	return ok ? 0 : -1;
}

/*
 * The topology, as a text digest of what must not change whatever the
 * ioctls did: entities, interfaces, pads, links (their ENABLED flag aside,
 * for links that are not immutable). Also fills the link and entity tables.
 */
static int topology(int fd, char *digest, size_t len, int add_nodes)
{
	struct media_v2_topology t = { 0 };
	struct media_v2_entity *ents;
	struct media_v2_interface *ifs;
	struct media_v2_pad *pads;
	struct media_v2_link *lks;
	size_t off = 0;
	unsigned int i, j;

	if (ioctl(fd, MEDIA_IOC_G_TOPOLOGY, &t))
		return -1;
	ents = calloc(t.num_entities + 1, sizeof(*ents));
	ifs = calloc(t.num_interfaces + 1, sizeof(*ifs));
	pads = calloc(t.num_pads + 1, sizeof(*pads));
	lks = calloc(t.num_links + 1, sizeof(*lks));
	if (!ents || !ifs || !pads || !lks)
		return -1;
	t.ptr_entities = (uintptr_t)ents;
	t.ptr_interfaces = (uintptr_t)ifs;
	t.ptr_pads = (uintptr_t)pads;
	t.ptr_links = (uintptr_t)lks;
	if (ioctl(fd, MEDIA_IOC_G_TOPOLOGY, &t))
		return -1;
#define DIGEST(...) (off += snprintf(digest + off, off < len ? len - off : 0, __VA_ARGS__))
	for (i = 0; i < t.num_entities; i++) {
		DIGEST("entity %u %s function 0x%x flags 0x%x\n", ents[i].id, ents[i].name,
		       ents[i].function, ents[i].flags);
		if (n_entities < MAX_IDS)
			entity_ids[n_entities++] = ents[i].id;
	}
	for (i = 0; i < t.num_interfaces; i++)
		DIGEST("interface %u type 0x%x %u:%u\n", ifs[i].id, ifs[i].intf_type,
		       ifs[i].devnode.major, ifs[i].devnode.minor);
	for (i = 0; i < t.num_pads; i++)
		DIGEST("pad %u entity %u index %u flags 0x%x\n", pads[i].id, pads[i].entity_id,
		       pads[i].index, pads[i].flags);
	for (i = 0; i < t.num_links; i++) {
		u_int32_t f = lks[i].flags;

		if (!(f & MEDIA_LNK_FL_IMMUTABLE))
			f &= ~MEDIA_LNK_FL_ENABLED;
		DIGEST("link %u %u -> %u flags 0x%x\n", lks[i].id, lks[i].source_id, lks[i].sink_id, f);
	}
#undef DIGEST
	if (off >= len)
		return -1;
	/* Data links for SETUP_LINK: pad ids to entity and index. */
	for (i = 0; i < t.num_links && n_links < ARRAY_SIZE(links); i++) {
		struct media_v2_pad *src = NULL, *snk = NULL;

		if ((lks[i].flags & MEDIA_LNK_FL_LINK_TYPE) != MEDIA_LNK_FL_DATA_LINK)
			continue;
		for (j = 0; j < t.num_pads; j++) {
			if (pads[j].id == lks[i].source_id)
				src = &pads[j];
			if (pads[j].id == lks[i].sink_id)
				snk = &pads[j];
		}
		if (src && snk)
			links[n_links++] = (struct link){ src->entity_id, src->index, snk->entity_id,
							  snk->index, lks[i].flags };
	}
	/* The video and sub-device nodes, with their entity and pad count. */
	for (i = 0; add_nodes && i < t.num_interfaces; i++) {
		char path[128];
		struct node *n;
		u_int32_t type = ifs[i].intf_type;

		if (type != MEDIA_INTF_T_V4L_VIDEO && type != MEDIA_INTF_T_V4L_SUBDEV)
			continue;
		if (devnode_path(ifs[i].devnode.major, ifs[i].devnode.minor, path, sizeof(path)))
			continue;
		n = add_node(path, type == MEDIA_INTF_T_V4L_SUBDEV ? K_SUBDEV : K_VIDEO);
		for (j = 0; j < t.num_links; j++)
			if (lks[j].source_id == ifs[i].id &&
			    (lks[j].flags & MEDIA_LNK_FL_LINK_TYPE) == MEDIA_LNK_FL_INTERFACE_LINK)
				n->entity = lks[j].sink_id;
		for (j = 0; j < t.num_pads; j++)
			if (pads[j].entity_id == n->entity)
				n->npads++;
		for (j = 0; j < t.num_entities; j++)
			if (ents[j].id == n->entity)
				memcpy(n->name, ents[j].name, sizeof(n->name));
	}
	free(ents);
	free(ifs);
	free(pads);
	free(lks);
	return 0;
}

static void remember_fd(int fd)
{
	unsigned int i = rnd(MAX_FDS);

	if (exp_fds[i] > 2)
		close(exp_fds[i]);
	exp_fds[i] = fd;
}

static void unmap_slot(unsigned int i)
{
	if (maps[i].addr)
		munmap(maps[i].addr, maps[i].len);
	maps[i].addr = NULL;
}

/* Not an ioctl: mmap a buffer (kept a while, across close), poll, read. */
static void side_op(struct node *n)
{
	unsigned int op = rnd(4);

	if (op == 0 && n->kind == K_VIDEO) {
		struct v4l2_buffer b = { .index = rnd(4), .type = n->buf_type,
					 .memory = V4L2_MEMORY_MMAP };
		unsigned int slot = rnd(MAX_MAPS);
		void *p;

		if (ioctl(n->fd, VIDIOC_QUERYBUF, &b) || !b.length)
			return;
		unmap_slot(slot);
		p = mmap(NULL, b.length, PROT_READ | (chance(50) ? PROT_WRITE : 0), MAP_SHARED,
			 n->fd, b.m.offset + (chance(90) ? 0 : rnd(3) * page));
		if (p == MAP_FAILED)
			return;
		(void)__atomic_load_n((unsigned char *)p, __ATOMIC_RELAXED);	/* fault it in */
		maps[slot].addr = p;
		maps[slot].len = b.length;
	} else if (op == 1) {
		struct pollfd p = { .fd = n->fd, .events = POLLIN | POLLOUT | POLLPRI | POLLERR };

		poll(&p, 1, 0);
	} else if (op == 2) {
		if (read(n->fd, arena, rnd(2) ? 16 : ARENA_SIZE) < 0)
			return;	/* no read() I/O: EINVAL */
	} else {
		unmap_slot(rnd(MAX_MAPS));
	}
}

/* Stop and free a queue, as a client that is done with it. */
static void reset_queue(struct node *n)
{
	struct v4l2_requestbuffers r = { .count = 0, .type = n->buf_type, .memory = rnd(2) + 1 };
	u_int32_t type = n->buf_type;

	ioctl(n->fd, VIDIOC_STREAMOFF, &type);
	if (ioctl(n->fd, VIDIOC_REQBUFS, &r) == 0)
		n->nbufs = 0;
}

static void reopen(struct node *n)
{
	close(n->fd);
	n->reopens++;
	n->nbufs = 0;
	if (open_node(n)) {
		printf("fuzz: FAIL: cannot open %s again: %s\n", n->path, strerror(errno));
		anomalies++;
		exit(1);
	}
}

static const struct ioc *pick_ioc(const struct node *n)
{
	const struct ioc *t = node_iocs[n->kind];
	unsigned int i, sum = 0, r;

	for (i = 0; i < node_niocs[n->kind]; i++)
		sum += t[i].weight;
	r = rnd(sum);
	for (i = 0; i < node_niocs[n->kind]; i++) {
		if (r < t[i].weight)
			return &t[i];
		r -= t[i].weight;
	}
	return &t[0];
}

/*
 * The state a failed call must leave alone, read back through the same file
 * (TRY formats and selections are per file): a byte string compared before
 * and after the call.
 */
#define STATE_SIZE (256 * 1024)
#define MAX_PAYLOAD 16384

struct state {
	size_t len;
	unsigned char buf[STATE_SIZE];
};

static struct state state_before, state_after;
static unsigned long state_checked, state_partial, state_copyback;

static void state_put(struct state *st, const void *p, size_t len)
{
	if (st->len + len > STATE_SIZE) {
		fprintf(stderr, "mc-fuzz: state larger than %d bytes\n", STATE_SIZE);
		exit(2);
	}
	memcpy(st->buf + st->len, p, len);
	st->len += len;
}

/* The answer of one read-back ioctl: its return, errno and argument. */
static void state_ioctl(struct state *st, int fd, unsigned long cmd, void *arg, size_t len)
{
	int ret = ioctl(fd, cmd, arg), e = ret < 0 ? errno : 0;

	state_put(st, &ret, sizeof(ret));
	state_put(st, &e, sizeof(e));
	state_put(st, arg, len);
}

static void state_controls(struct state *st, struct node *n)
{
	static unsigned char payload[MAX_PAYLOAD];
	unsigned int i;

	for (i = 0; i < n->nctrls; i++) {
		struct v4l2_ext_control c = { .id = n->ctrls[i], .size = n->ctrl_bytes[i] };
		struct v4l2_ext_controls cs = {
			.which = V4L2_CTRL_WHICH_CUR_VAL, .count = 1, .controls = &c
		};

		if (n->ctrl_flags[i] & (V4L2_CTRL_FLAG_VOLATILE | V4L2_CTRL_FLAG_WRITE_ONLY) ||
		    c.size > MAX_PAYLOAD)
			continue;
		if (c.size) {
			memset(payload, 0, c.size);
			c.ptr = payload;
		}
		state_ioctl(st, n->fd, VIDIOC_G_EXT_CTRLS, &cs, sizeof(cs.error_idx));
		state_put(st, c.size ? (void *)payload : (void *)&c.value64,
			  c.size ? c.size : sizeof(c.value64));
	}
}

static void state_links(struct state *st, struct node *n)
{
	static struct media_v2_link lks[512];
	struct media_v2_topology t = { 0 };
	unsigned int i;

	if (ioctl(n->fd, MEDIA_IOC_G_TOPOLOGY, &t) || t.num_links > ARRAY_SIZE(lks)) {
		state_put(st, "no topology", 11);
		return;
	}
	t.ptr_links = (uintptr_t)lks;
	state_ioctl(st, n->fd, MEDIA_IOC_G_TOPOLOGY, &t, sizeof(t.num_links));
	for (i = 0; i < t.num_links && i < ARRAY_SIZE(lks); i++)
		state_put(st, &lks[i], sizeof(lks[i]));
}

static void state_subdev_pads(struct state *st, struct node *n)
{
	static const u_int32_t targets[] = { V4L2_SEL_TGT_CROP, V4L2_SEL_TGT_COMPOSE };
	u_int32_t pad, which, t;

	for (pad = 0; pad < n->npads; pad++)
		for (which = V4L2_SUBDEV_FORMAT_TRY; which <= V4L2_SUBDEV_FORMAT_ACTIVE; which++) {
			struct v4l2_subdev_format f = { .which = which, .pad = pad };

			state_ioctl(st, n->fd, VIDIOC_SUBDEV_G_FMT, &f, sizeof(f));
			for (t = 0; t < ARRAY_SIZE(targets); t++) {
				struct v4l2_subdev_selection sel = {
					.which = which, .pad = pad, .target = targets[t]
				};

				state_ioctl(st, n->fd, VIDIOC_SUBDEV_G_SELECTION, &sel, sizeof(sel));
			}
		}
}

static void state_video(struct state *st, struct node *n)
{
	static const u_int32_t targets[] = { V4L2_SEL_TGT_CROP, V4L2_SEL_TGT_COMPOSE };
	struct v4l2_format f = { .type = n->buf_type };
	u_int32_t t;

	state_ioctl(st, n->fd, VIDIOC_G_FMT, &f, sizeof(f));
	for (t = 0; t < ARRAY_SIZE(targets); t++) {
		struct v4l2_selection sel = { .type = n->buf_type, .target = targets[t] };

		state_ioctl(st, n->fd, VIDIOC_G_SELECTION, &sel, sizeof(sel));
	}
}

/* Reads the state cmd may change into st; 0 if cmd changes none. */
static int state_read(struct node *n, unsigned long cmd, struct state *st)
{
	st->len = 0;
	if (n->kind == K_MEDIA && cmd == MEDIA_IOC_SETUP_LINK)
		state_links(st, n);
	else if (n->kind != K_MEDIA && (cmd == VIDIOC_S_CTRL || cmd == VIDIOC_S_EXT_CTRLS))
		state_controls(st, n);
	else if (n->kind == K_SUBDEV && (cmd == VIDIOC_SUBDEV_S_FMT ||
					 cmd == VIDIOC_SUBDEV_S_SELECTION ||
					 cmd == VIDIOC_SUBDEV_S_CROP))
		state_subdev_pads(st, n);
	else if (n->kind == K_VIDEO && (cmd == VIDIOC_S_FMT || cmd == VIDIOC_S_SELECTION ||
					cmd == VIDIOC_S_CROP))
		state_video(st, n);
	else
		return 0;
	return 1;
}

static void fuzz_one(void)
{
	int ni = rnd(n_nodes);
	struct node *n = &nodes[ni];
	const struct ioc *ioc = NULL;
	unsigned long cmd;
	unsigned int ti = 0, r = rnd(1000);
	size_t size;
	unsigned char *a;
	void *argp;
	long ret;
	int e = 0, stateful;

	ro_used = 0;
	if (r < 3) {
		reopen(n);
		return;
	}
	if (r < 6 && n->kind == K_VIDEO) {
		reset_queue(n);
		return;
	}
	if (r < 30) {
		side_op(n);
		return;
	}
	if (r < 130) {
		cmd = random_cmd();
	} else {
		ioc = pick_ioc(n);
		cmd = ioc->cmd;
		ti = ioc - node_iocs[n->kind];
	}
	size = _IOC_SIZE(cmd);
	/* Most arguments end exactly at the guard page after argbuf. */
	a = argbuf + ARG_MAX_SIZE - size;
	if (chance(20) && size + 8 <= ARG_MAX_SIZE / 2)
		a = argbuf + ARG_MAX_SIZE / 2 - size - (chance(30) ? rnd(8) : 0);
	switch (rnd(3)) {
	case 0:
		memset(a, 0, size);
		break;
	case 1:
		if (ioc && n->tmpl[ti]) {
			memcpy(a, n->tmpl[ti], size);
			break;
		}
		/* fall through */
	default:
		for (size_t i = 0; i < size; i += 8) {
			u_int64_t v = rnd64();

			memcpy(a + i, &v, size - i < 8 ? size - i : 8);
		}
		break;
	}
	/* A few words at boundary values. */
	for (unsigned int k = rnd(4); k && size >= 4; k--)
		put32(a, 4 * rnd(size / 4), boundary32());
	if (ioc && chance(85)) {
		if (n->kind == K_MEDIA)
			fix_media(n, cmd, a);
		else if (n->kind == K_VIDEO)
			fix_video(n, cmd, a);
		else
			fix_subdev(n, cmd, a);
		if (n->kind != K_MEDIA)
			fix_common(n, cmd, a);
	}
	/*
	 * A budget for drivers that let a client exhaust memory (vimc):
	 * fewer buffers, none larger than the limit.
	 */
	if (max_buffers && cmd == VIDIOC_REQBUFS) {
		struct v4l2_requestbuffers *rb = (void *)a;

		rb->count = rb->count > max_buffers ? max_buffers : rb->count;
	} else if (max_buffers && cmd == VIDIOC_CREATE_BUFS) {
		struct v4l2_create_buffers *cb = (void *)a;
		unsigned int room = n->nbufs < max_buffers ? max_buffers - n->nbufs : 0;

		cb->count = cb->count > room ? room : cb->count;
	}
	if (max_buffer_size && cmd == VIDIOC_CREATE_BUFS) {
		struct v4l2_create_buffers *cb = (void *)a;

		if (cb->format.fmt.pix.sizeimage > max_buffer_size)
			cb->format.fmt.pix.sizeimage = max_buffer_size;
	}
	argp = a;
	if (chance(4)) {
		static const unsigned long bad[] = { 0, 1, 0xffff888000000000UL, 0x800000000000UL };

		argp = chance(50) ? (void *)bad[rnd(ARRAY_SIZE(bad))] :
			(void *)(hole + rnd64() % HOLE_SIZE);
		if (chance(30))
			argp = ro_page;
		ro_used |= argp == ro_page;
		if (chance(20))
			argp = argbuf + ARG_MAX_SIZE - size + 1 + rnd(8);	/* straddles the guard */
	}

	ring[total % RING].n = total;
	ring[total % RING].node = ni;
	ring[total % RING].cmd = cmd;
	ring[total % RING].name = ioc ? ioc->name : NULL;
	memset(ring[total % RING].arg, 0, sizeof(ring[0].arg));
	if (argp == a)
		memcpy(ring[total % RING].arg, a, size < 32 ? size : 32);
	ring[total % RING].ret = LONG_MIN;
	if (trace_from >= 0 && total >= (unsigned long)trace_from) {
		print_call(stdout, total, ni, cmd, ioc ? ioc->name : NULL, argp == a ? a : NULL,
			   argp == a ? size : 0, LONG_MIN);
		fflush(stdout);
	}

	stateful = state_read(n, cmd, &state_before);
	ret = ioctl(n->fd, cmd, argp);
	if (ret < 0)
		e = errno;
	__atomic_store_n(&progress, ++total, __ATOMIC_RELAXED);
	if (stateful && ret < 0) {
		const struct v4l2_ext_controls *cs = (void *)a;

		if (cmd == VIDIOC_S_EXT_CTRLS && argp == a && cs->error_idx > 0 &&
		    cs->error_idx < cs->count) {
			state_partial++;	/* the uAPI allows a partial write */
		} else if (e == EFAULT && ro_used && n->kind != K_MEDIA) {
			state_copyback++;	/* video_usercopy() ran the call, then failed */
		} else {
			state_checked++;
			state_read(n, cmd, &state_after);
			if (state_after.len != state_before.len ||
			    memcmp(state_after.buf, state_before.buf, state_before.len)) {
				printf("fuzz: ANOMALY: failed with %s, but the state changed\n",
				       strerrorname_np(e) ? strerrorname_np(e) : "?");
				print_call(stdout, total - 1, ni, cmd, ioc ? ioc->name : NULL, a,
					   size, ret);
				anomalies++;
			}
		}
	}
	ring[(total - 1) % RING].ret = ret < 0 ? -e : ret;
	n->calls++;
	count_errno(n, e);

	if (e >= 512 || ret > 0) {
		printf("fuzz: ANOMALY: returned %ld errno %d\n", ret, e);
		print_call(stdout, total - 1, ni, cmd, ioc ? ioc->name : NULL, a, size, ret);
		anomalies++;
	}
	if (n->kind == K_MEDIA && !known_cmd(n, cmd) && e != ENOTTY) {
		printf("fuzz: ANOMALY: unknown media ioctl got %s, not ENOTTY\n",
		       e ? strerrorname_np(e) : "success");
		print_call(stdout, total - 1, ni, cmd, NULL, a, size, ret);
		anomalies++;
	}
	if (ret == 0 && argp == a) {
		if (cmd == VIDIOC_EXPBUF)
			remember_fd(((struct v4l2_exportbuffer *)a)->fd);
		else if (cmd == VIDIOC_REQBUFS)
			n->nbufs = ((struct v4l2_requestbuffers *)a)->count;
		else if (cmd == VIDIOC_CREATE_BUFS)
			n->nbufs = ((struct v4l2_create_buffers *)a)->index +
				   ((struct v4l2_create_buffers *)a)->count;
		else if (cmd == MEDIA_IOC_REQUEST_ALLOC)
			close(get32(a, 0));
		else if (ioc) {
			if (!n->tmpl[ti])
				n->tmpl[ti] = malloc(size);
			memcpy(n->tmpl[ti], a, size);
		}
	}
	if (total % 64 == 0 && scan_kmsg()) {
		dump_ring();
		kreports++;
	}
}

static void summary(const char *label)
{
	unsigned long sum[N_ERRNO] = { 0 }, calls = 0, reopens = 0;
	unsigned int i, j;

	for (i = 0; i < n_nodes; i++) {
		struct node *n = &nodes[i];

		printf("fuzz: %s %-18s %-6s %-16s calls %7lu reopens %3lu:", label, n->path,
		       kind_name[n->kind], n->name, n->calls, n->reopens);
		for (j = 0; j < N_ERRNO; j++) {
			if (n->err[j])
				printf(" %s %lu", errno_name(j), n->err[j]);
			sum[j] += n->err[j];
		}
		printf("\n");
		calls += n->calls;
		reopens += n->reopens;
	}
	printf("fuzz: %s total: nodes %u calls %lu ok %lu errors %lu reopens %lu anomalies %lu kernel-reports %lu seconds %ld\n",
	       label, n_nodes, calls, sum[0], calls - sum[0], reopens, anomalies, kreports,
	       (long)(time(NULL) - t_start));
	printf("fuzz: %s failed state-changing calls: %lu read back and compared; not compared: %lu partial S_EXT_CTRLS writes (0 < error_idx < count), %lu EFAULTs copying the result back to a read-only page (V4L2 core)\n",
	       label, state_checked, state_partial, state_copyback);
	printf("fuzz: %s errno:", label);
	for (j = 0; j < N_ERRNO; j++)
		if (sum[j])
			printf(" %s %lu", errno_name(j), sum[j]);
	printf("\n");
}

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		perror("mc-fuzz: mmap");
		exit(2);
	}
	return p;
}

static void print_usage(void)
{
	fprintf(stderr,
		"usage: mc-fuzz [--seed S] [--count N] [--timeout-s T] [--hang-s H] [--trace[=K]]\n"
		"               [--max-buffers N] [--max-buffer-size BYTES] [--label L]\n"
		"               (--media /dev/mediaN | NODE...)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	unsigned long count = 10000;
	const char *media = NULL, *label = "run";
	char before[16384], after[16384];
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { { 1, 0 }, { 1, 0 } };
	int i, media_fd = -1;

	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--seed") && v)
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--count") && v)
			count = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--timeout-s") && v)
			timeout_s = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--hang-s") && v)
			hang_s = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--max-buffers") && v)
			max_buffers = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--max-buffer-size") && v)
			max_buffer_size = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--label") && v)
			label = argv[++i];
		else if (!strcmp(argv[i], "--media") && v)
			media = argv[++i];
		else if (!strcmp(argv[i], "--trace"))
			trace_from = 0;
		else if (!strncmp(argv[i], "--trace=", 8))
			trace_from = strtol(argv[i] + 8, NULL, 0);
		else if (argv[i][0] == '-')
			print_usage();
		else
			add_node(argv[i], kind_of_path(argv[i]));
	}
	if (!media && !n_nodes)
		print_usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	rng_state = seed;
	page = sysconf(_SC_PAGESIZE);

	arena = map(ARENA_SIZE + page, PROT_READ | PROT_WRITE);
	mprotect(arena + ARENA_SIZE, page, PROT_NONE);
	argbuf = map(ARG_MAX_SIZE + page, PROT_READ | PROT_WRITE);
	mprotect(argbuf + ARG_MAX_SIZE, page, PROT_NONE);
	ro_page = map(page, PROT_READ);
	hole = map(HOLE_SIZE, PROT_NONE);
	userptr = map(USERPTR_SIZE, PROT_READ | PROT_WRITE);
	for (i = 0; i < MAX_FDS; i++)
		exp_fds[i] = -1;

	if (media) {
		struct node *m = add_node(media, K_MEDIA);

		if (open_node(m))
			return 2;
		media_fd = open(media, O_RDONLY | O_CLOEXEC);
		if (media_fd < 0 || topology(media_fd, before, sizeof(before), 1)) {
			fprintf(stderr, "mc-fuzz: %s: G_TOPOLOGY failed\n", media);
			return 2;
		}
		snprintf(m->name, sizeof(m->name), "media");
	}
	for (i = 0; i < (int)n_nodes; i++) {
		if (nodes[i].fd <= 0 && open_node(&nodes[i]))
			return 2;
		probe_node(&nodes[i]);
	}
	printf("fuzz: %s seed %llu count %lu nodes %u\n", label, seed, count, n_nodes);
	for (i = 0; i < (int)n_nodes; i++)
		printf("fuzz: %s node %s %s '%s' pads %u controls %u formats %u\n", label,
		       nodes[i].path, kind_name[nodes[i].kind], nodes[i].name, nodes[i].npads,
		       nodes[i].nctrls, nodes[i].ncodes);

	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
	t_start = time(NULL);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);

	while (total < count)
		fuzz_one();

	it.it_value.tv_sec = 0;
	it.it_interval.tv_sec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < (int)n_nodes; i++)
		close(nodes[i].fd);
	for (i = 0; i < MAX_MAPS; i++)
		unmap_slot(i);
	for (i = 0; i < MAX_FDS; i++)
		if (exp_fds[i] > 2)
			close(exp_fds[i]);
	if (scan_kmsg()) {
		dump_ring();
		kreports++;
	}
	summary(label);

	if (media_fd >= 0) {
		n_links = 0;
		n_entities = 0;
		if (topology(media_fd, after, sizeof(after), 0) || strcmp(before, after)) {
			printf("fuzz: FAIL: the topology changed:\n--- before\n%s--- after\n%s", before,
			       after);
			return 1;
		}
		printf("fuzz: %s topology unchanged (%zu bytes of digest)\n", label, strlen(after));
		close(media_fd);
	}
	if (anomalies || kreports) {
		printf("fuzz: FAIL: %lu anomalies, %lu kernel reports\n", anomalies, kreports);
		return 1;
	}
	return 0;
}
