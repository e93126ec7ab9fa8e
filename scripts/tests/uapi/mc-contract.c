// SPDX-License-Identifier: GPL-2.0
/*
 * What userspace sees of one media device's nodes around an unbind: the
 * probe behind the contract table of Documentation/lifetime.rst ("The
 * contract after unbind"). scripts/tests/scenarios/25-contract.sh runs it against
 * vimc (the in-kernel media controller) and vcam in one boot and compares
 * both with the table.
 *
 *   mc-contract --media M --video V --subdev S --unbind CMD
 *
 * V is a capture node that streams as configured (the probe streams it,
 * takes every buffer back and blocks in DQBUF and poll on the empty queue);
 * S is a sub-device node with controls. CMD unbinds the device.
 *
 * Prints one line per row, "<row>\t<answer>", in the table's order, and "# "
 * lines for the log. Answers: an errno name or "0"; poll's revents ("ERR|HUP",
 * "none" when nothing is ready); "woken: X" or "stays blocked" for a call
 * blocked at unbind. A blocked call still asleep a while after every other
 * one woke is reported as staying blocked, and killed. Exits non-zero only
 * when the probe itself could not run (a setup step failed).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/media.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define NBUF 3
/* How long blocked calls get to wake after the unbind returned. */
#define WAKE_BOUND_MS 10000

static void row(const char *name, const char *answer)
{
	printf("%s\t%s\n", name, answer);
	fflush(stdout);
}

static void die(const char *what)
{
	printf("# setup failed: %s: %s\n", what, strerror(errno));
	exit(2);
}

static const char *errname(int err)
{
	static char buf[16];

	switch (err) {
	case 0:
		return "0";
	case EIO:
		return "EIO";
	case ENODEV:
		return "ENODEV";
	case ENXIO:
		return "ENXIO";
	case EINVAL:
		return "EINVAL";
	case ENOTTY:
		return "ENOTTY";
	case EPIPE:
		return "EPIPE";
	case EBUSY:
		return "EBUSY";
	case EFAULT:
		return "EFAULT";
	case ENOENT:
		return "ENOENT";
	case EAGAIN:
		return "EAGAIN";
	}
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

static const char *revents_str(short rev)
{
	static const struct {
		short bit;
		const char *name;
	} bits[] = {
		{ POLLIN, "IN" },	  { POLLOUT, "OUT" },	{ POLLRDNORM, "RDNORM" },
		{ POLLWRNORM, "WRNORM" }, { POLLPRI, "PRI" },	{ POLLERR, "ERR" },
		{ POLLHUP, "HUP" },	  { POLLNVAL, "NVAL" },
	};
	static char buf[64];
	size_t i;

	buf[0] = 0;
	for (i = 0; i < ARRAY_SIZE(bits); i++) {
		if (!(rev & bits[i].bit))
			continue;
		if (buf[0])
			strcat(buf, "|");
		strcat(buf, bits[i].name);
	}
	return buf[0] ? buf : "none";
}

/* poll() without waiting, for everything a node can report. */
static const char *poll_now(int fd)
{
	struct pollfd p = { .fd = fd,
			    .events = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM | POLLPRI };

	if (poll(&p, 1, 0) < 0)
		return errname(errno);
	return revents_str(p.revents);
}

static const char *open_again(int fd)
{
	char path[32];
	int f;

	/* The same inode the file was opened through: a stale path. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	f = open(path, O_RDWR);
	if (f >= 0) {
		close(f);
		return "0";
	}
	return errname(errno);
}

static const char *mmap_err(int fd)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);

	if (p != MAP_FAILED) {
		munmap(p, 4096);
		return "0";
	}
	return errname(errno);
}

static const char *read_err(int fd)
{
	char b[64];

	return read(fd, b, sizeof(b)) < 0 ? errname(errno) : "0";
}

/* ---- MEDIA_ENT_ID_FLAG_NEXT ---- */

/* The first entity with at least @min_pads pads and @min_links links. */
static int first_entity(int m, struct media_entity_desc *e, unsigned int min_pads,
			unsigned int min_links)
{
	memset(e, 0, sizeof(*e));
	e->id = MEDIA_ENT_ID_FLAG_NEXT;
	while (!xioctl(m, MEDIA_IOC_ENUM_ENTITIES, e)) {
		if (e->pads >= min_pads && e->links >= min_links)
			return 0;
		e->id |= MEDIA_ENT_ID_FLAG_NEXT;
	}
	return -1;
}

static void next_rows(int m)
{
	struct media_pad_desc pads[64];
	struct media_link_desc links[64];
	struct media_links_enum le;
	struct media_entity_desc e, n;
	struct media_link_desc d;
	int ret;

	if (first_entity(m, &e, 1, 1))
		die("no entity with pads and links");

	memset(&n, 0, sizeof(n));
	n.id = (e.id - 1) | MEDIA_ENT_ID_FLAG_NEXT;
	ret = xioctl(m, MEDIA_IOC_ENUM_ENTITIES, &n);
	row("media: ENUM_ENTITIES, id with NEXT", ret	       ? errname(-ret) :
						  n.id == e.id ? "next entity" :
								 "wrong entity");

	if (e.pads > 64 || e.links > 64)
		die("entity too large");
	memset(&le, 0, sizeof(le));
	memset(pads, 0, sizeof(pads));
	le.entity = (e.id - 1) | MEDIA_ENT_ID_FLAG_NEXT;
	le.pads = pads;
	le.links = links;
	ret = xioctl(m, MEDIA_IOC_ENUM_LINKS, &le);
	row("media: ENUM_LINKS, id with NEXT", ret		      ? errname(-ret) :
					       pads[0].entity == e.id ? "next entity" :
									"wrong entity");

	/* A link of that entity, set to what it is, with both ids as "next". */
	memset(links, 0, sizeof(links));
	le.entity = e.id;
	if (xioctl(m, MEDIA_IOC_ENUM_LINKS, &le))
		die("ENUM_LINKS");
	if (links[0].source.entity != e.id || !links[0].sink.entity) {
		errno = EINVAL;
		die("the entity's first link");
	}
	d = links[0];
	if (xioctl(m, MEDIA_IOC_SETUP_LINK, &d))
		die("SETUP_LINK with plain ids");
	printf("# SETUP_LINK probe: %u:%u -> %u:%u, flags %#x\n", d.source.entity, d.source.index,
	       d.sink.entity, d.sink.index, d.flags);
	d = links[0];
	d.source.entity = (d.source.entity - 1) | MEDIA_ENT_ID_FLAG_NEXT;
	d.sink.entity = (d.sink.entity - 1) | MEDIA_ENT_ID_FLAG_NEXT;
	row("media: SETUP_LINK, ids with NEXT", errname(-xioctl(m, MEDIA_IOC_SETUP_LINK, &d)));
}

/* ---- calls blocked at unbind ---- */

struct blocked {
	const char *row;
	pid_t pid;
	int pipe; /* the child's result */
	char answer[64];
};

static struct blocked blocked[8];
static int nblocked;

/*
 * The child has announced it is about to block: wait until it sleeps
 * interruptibly, as a blocked poll or ioctl does (a lock or a page fault
 * would sleep uninterruptibly), and still does 10 ms later.
 */
static int wait_asleep(pid_t pid)
{
	char path[32], buf[256], *p;
	int i, asleep = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (i = 0; i < 10000; i++) {
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

		if (f)
			fclose(f);
		buf[n] = 0;
		p = strrchr(buf, ')');
		if (!p || p[1] != ' ')
			return -1;
		asleep = p[2] == 'S' ? asleep + 1 : 0;
		if (asleep > 10)
			return 0;
		if (p[2] == 'Z' || p[2] == 'X')
			return -1;
		usleep(1000);
	}
	return -1;
}

/*
 * Forks a child that runs @fn (one blocking call; it returns the answer)
 * and waits until the child sleeps in it.
 */
static void start_blocked(const char *name, const char *(*fn)(int), int fd)
{
	struct blocked *b = &blocked[nblocked++];
	int ready[2], result[2];
	char c;

	b->row = name;
	if (pipe(ready) || pipe(result))
		die("pipe");
	b->pid = fork();
	if (b->pid < 0)
		die("fork");
	if (b->pid == 0) {
		const char *answer;

		close(ready[0]);
		close(result[0]);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		answer = fn(fd);
		if (write(result[1], answer, strlen(answer)) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(result[1]);
	b->pipe = result[0];
	if (read(ready[0], &c, 1) != 1)
		die("child start");
	close(ready[0]);
	if (wait_asleep(b->pid))
		printf("# %s: the child did not block\n", name);
}

static char child_buf[64];

static const char *woke_with(const char *what)
{
	snprintf(child_buf, sizeof(child_buf), "%s: %s", "woken", what);
	return child_buf;
}

static const char *block_poll_pri(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLPRI };

	return poll(&p, 1, -1) < 0 ? woke_with(errname(errno)) : woke_with(revents_str(p.revents));
}

static const char *block_poll_in(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, -1) < 0 ? woke_with(errname(errno)) : woke_with(revents_str(p.revents));
}

static const char *block_dqbuf(int fd)
{
	struct v4l2_buffer b = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP };

	return woke_with(errname(-xioctl(fd, VIDIOC_DQBUF, &b)));
}

static const char *block_dqevent(int fd)
{
	struct v4l2_event ev;

	return woke_with(errname(-xioctl(fd, VIDIOC_DQEVENT, &ev)));
}

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Every child that wakes within the bound reports; the others stay blocked. */
static void collect_blocked(void)
{
	long deadline = now_ms() + WAKE_BOUND_MS;
	int left = nblocked, i, st;

	while (left && now_ms() < deadline) {
		for (i = 0; i < nblocked; i++) {
			struct blocked *b = &blocked[i];
			ssize_t n;

			if (!b->pid || waitpid(b->pid, &st, WNOHANG) != b->pid)
				continue;
			n = read(b->pipe, b->answer, sizeof(b->answer) - 1);
			b->answer[n > 0 ? n : 0] = 0;
			if (n <= 0)
				snprintf(b->answer, sizeof(b->answer), "child failed");
			b->pid = 0;
			left--;
		}
		usleep(20000);
	}
	for (i = 0; i < nblocked; i++) {
		struct blocked *b = &blocked[i];

		if (b->pid) {
			kill(b->pid, SIGKILL);
			waitpid(b->pid, &st, 0);
			snprintf(b->answer, sizeof(b->answer), "stays blocked");
		}
		close(b->pipe);
	}
}

static const char *blocked_answer(const char *name)
{
	int i;

	for (i = 0; i < nblocked; i++)
		if (!strcmp(blocked[i].row, name))
			return blocked[i].answer;
	return "not probed";
}

/* ---- the probe ---- */

static int open_node(const char *path)
{
	int fd = open(path, O_RDWR);

	if (fd < 0)
		die(path);
	return fd;
}

/* Streams @fd, then takes every buffer back: the queue is empty. */
static void stream_and_drain(int fd, void **maps, size_t *lens)
{
	struct v4l2_requestbuffers rb = { .count = NBUF,
					  .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					  .memory = V4L2_MEMORY_MMAP };
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	unsigned int i;

	if (xioctl(fd, VIDIOC_REQBUFS, &rb) || rb.count < 2)
		die("REQBUFS");
	for (i = 0; i < NBUF; i++) {
		struct v4l2_buffer b = { .index = i,
					 .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					 .memory = V4L2_MEMORY_MMAP };

		if (i >= rb.count) {
			maps[i] = NULL;
			continue;
		}
		if (xioctl(fd, VIDIOC_QUERYBUF, &b))
			die("QUERYBUF");
		lens[i] = b.length;
		maps[i] = mmap(NULL, b.length, PROT_READ, MAP_SHARED, fd, b.m.offset);
		if (maps[i] == MAP_FAILED)
			die("mmap");
		if (xioctl(fd, VIDIOC_QBUF, &b))
			die("QBUF");
	}
	if (xioctl(fd, VIDIOC_STREAMON, &type))
		die("STREAMON");
	for (i = 0; i < rb.count; i++) {
		struct v4l2_buffer b = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					 .memory = V4L2_MEMORY_MMAP };

		if (xioctl(fd, VIDIOC_DQBUF, &b))
			die("DQBUF");
	}
	printf("# streamed %u buffers and took them all back\n", rb.count);
}

static const char *mapped_readable(void **maps, size_t *lens)
{
	unsigned int sum = 0, i;
	size_t off;

	/* A fault here kills the probe: the scenario reports that. */
	for (i = 0; i < NBUF; i++)
		for (off = 0; maps[i] && off < lens[i]; off += 4096)
			sum += ((unsigned char *)maps[i])[off];
	printf("# mapped buffers after unbind: byte sum %u\n", sum);
	return "readable";
}

static void subscribe_ctrl_event(int s)
{
	struct v4l2_queryctrl q = { .id = V4L2_CTRL_FLAG_NEXT_CTRL };
	struct v4l2_event_subscription sub = { .type = V4L2_EVENT_CTRL };

	if (xioctl(s, VIDIOC_QUERYCTRL, &q))
		die("sub-device without controls");
	sub.id = q.id;
	if (xioctl(s, VIDIOC_SUBSCRIBE_EVENT, &sub))
		die("SUBSCRIBE_EVENT");
	printf("# subscribed to control events of '%s'\n", (char *)q.name);
}

int main(int argc, char **argv)
{
	const char *media = NULL, *video = NULL, *subdev = NULL, *unbind = NULL;
	struct media_device_info info;
	struct v4l2_capability cap;
	struct v4l2_subdev_capability scap;
	void *maps[NBUF];
	size_t lens[NBUF];
	int i, m, v, vs, s;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--media"))
			media = argv[i + 1];
		else if (!strcmp(argv[i], "--video"))
			video = argv[i + 1];
		else if (!strcmp(argv[i], "--subdev"))
			subdev = argv[i + 1];
		else if (!strcmp(argv[i], "--unbind"))
			unbind = argv[i + 1];
	}
	if (!media || !video || !subdev || !unbind) {
		fprintf(stderr, "usage: %s --media M --video V --subdev S --unbind CMD\n", argv[0]);
		return 2;
	}
	m = open_node(media);
	v = open_node(video);
	vs = open_node(video);
	s = open_node(subdev);
	if (xioctl(m, MEDIA_IOC_DEVICE_INFO, &info))
		die("DEVICE_INFO");
	printf("# driver %s, %s %s %s\n", info.driver, media, video, subdev);

	/* Live nodes. */
	row("media: poll, live", poll_now(m));
	row("video: poll, live, not streaming", poll_now(v));
	row("sub-device: poll, live", poll_now(s));
	next_rows(m);

	/* Calls that block, then the unbind. */
	stream_and_drain(vs, maps, lens);
	subscribe_ctrl_event(s);
	start_blocked("media: poll (PRI) blocked at unbind", block_poll_pri, m);
	start_blocked("video: DQBUF blocked at unbind", block_dqbuf, vs);
	start_blocked("video: poll (IN) blocked at unbind", block_poll_in, vs);
	start_blocked("sub-device: poll (PRI) blocked at unbind", block_poll_pri, s);
	start_blocked("sub-device: DQEVENT blocked at unbind", block_dqevent, s);
	printf("# unbind: %s\n", unbind);
	fflush(stdout);
	if (system(unbind))
		die("unbind");
	collect_blocked();

	/* The files held across the unbind. */
	row("media: open after unbind", open_again(m));
	row("media: ioctl after unbind", errname(-xioctl(m, MEDIA_IOC_DEVICE_INFO, &info)));
	row("media: unknown ioctl after unbind",
	    errname(-xioctl(m, _IOWR('|', 0x7e, struct media_link_desc), &info)));
	row("media: poll after unbind", poll_now(m));
	row("media: mmap after unbind", mmap_err(m));
	row("media: read after unbind", read_err(m));
	row("media: poll (PRI) blocked at unbind",
	    blocked_answer("media: poll (PRI) blocked at unbind"));
	row("video: open after unbind", open_again(v));
	row("video: ioctl after unbind", errname(-xioctl(v, VIDIOC_QUERYCAP, &cap)));
	row("video: poll after unbind", poll_now(v));
	row("video: mmap after unbind", mmap_err(v));
	row("video: read after unbind", read_err(v));
	row("video: mapped buffer after unbind", mapped_readable(maps, lens));
	row("video: DQBUF blocked at unbind", blocked_answer("video: DQBUF blocked at unbind"));
	row("video: poll (IN) blocked at unbind",
	    blocked_answer("video: poll (IN) blocked at unbind"));
	row("sub-device: open after unbind", open_again(s));
	row("sub-device: ioctl after unbind", errname(-xioctl(s, VIDIOC_SUBDEV_QUERYCAP, &scap)));
	row("sub-device: poll after unbind", poll_now(s));
	row("sub-device: mmap after unbind", mmap_err(s));
	row("sub-device: read after unbind", read_err(s));
	row("sub-device: poll (PRI) blocked at unbind",
	    blocked_answer("sub-device: poll (PRI) blocked at unbind"));
	row("sub-device: DQEVENT blocked at unbind",
	    blocked_answer("sub-device: DQEVENT blocked at unbind"));

	for (i = 0; i < NBUF; i++)
		if (maps[i])
			munmap(maps[i], lens[i]);
	close(m);
	close(v);
	close(vs);
	close(s);
	return 0;
}
