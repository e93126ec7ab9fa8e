// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace checks of /dev/mediaN through the real system calls: what the
 * KUnit suites cannot reach (user copies, bad and unmapped pointers, poll,
 * a file held across unbind).
 *
 *   mc-uapi-test <node> bad-pointers   bad user memory gets EFAULT/ENOTTY
 *   mc-uapi-test <node> hold <unbind-cmd>
 *                                      open, unbind by running the command,
 *                                      then expect EIO and EPOLLERR|EPOLLHUP
 *                                      (the in-kernel media controller's)
 *   mc-uapi-test <video node> priority V4L2 priority between two files
 *   mc-uapi-test <video node> create-bufs <largest format size>
 *                                      CREATE_BUFS sizes: at least the
 *                                      format's, at most 8 MiB past the
 *                                      largest format's
 *
 * Prints "ok <what>" / "not ok <what>" lines; exits non-zero on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/media.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static void *unmapped(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 4096);
	return p;
}

static void bad_pointers(int fd)
{
	struct media_device_info info;
	struct media_v2_topology topo;
	struct media_entity_desc ent;
	struct media_links_enum links;
	void *gone = unmapped();

	check(xioctl(fd, MEDIA_IOC_DEVICE_INFO, &info) == 0, "DEVICE_INFO works");
	check(xioctl(fd, MEDIA_IOC_DEVICE_INFO, NULL) == -EFAULT, "DEVICE_INFO NULL: EFAULT");
	check(xioctl(fd, MEDIA_IOC_DEVICE_INFO, gone) == -EFAULT, "DEVICE_INFO unmapped: EFAULT");
	check(xioctl(fd, _IOWR('|', 0x7e, struct media_link_desc), NULL) == -ENOTTY,
	      "unknown ioctl: ENOTTY (before any copy)");
	check(xioctl(fd, MEDIA_IOC_REQUEST_ALLOC, NULL) == -ENOTTY, "REQUEST_ALLOC: ENOTTY");

	memset(&topo, 0, sizeof(topo));
	check(xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo) == 0 && topo.num_entities > 0,
	      "G_TOPOLOGY counts");
	topo.ptr_entities = (uintptr_t)gone;
	check(xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo) == -EFAULT, "G_TOPOLOGY unmapped array: EFAULT");
	topo.ptr_entities = 8;
	check(xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo) == -EFAULT, "G_TOPOLOGY bogus pointer: EFAULT");
	topo.num_entities = 0;
	topo.ptr_entities = (uintptr_t)gone;
	check(xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo) == -ENOSPC, "G_TOPOLOGY short array: ENOSPC");

	memset(&ent, 0, sizeof(ent));
	ent.id = MEDIA_ENT_ID_FLAG_NEXT;
	check(xioctl(fd, MEDIA_IOC_ENUM_ENTITIES, &ent) == 0, "ENUM_ENTITIES first");
	memset(&links, 0, sizeof(links));
	links.entity = ent.id;
	links.pads = gone;
	check(xioctl(fd, MEDIA_IOC_ENUM_LINKS, &links) == -EFAULT, "ENUM_LINKS unmapped pads: EFAULT");
	links.pads = NULL;
	links.links = NULL;
	check(xioctl(fd, MEDIA_IOC_ENUM_LINKS, &links) == 0, "ENUM_LINKS with no arrays");
	links.entity = 0xdeadbeef;
	check(xioctl(fd, MEDIA_IOC_ENUM_LINKS, &links) == -EINVAL, "ENUM_LINKS unknown entity: EINVAL");
}

/*
 * A child blocks in poll() with no timeout, waiting for POLLPRI (a live node
 * is always readable and writable, as in the in-kernel media controller, so
 * POLLIN would not block); unbind must wake it with POLLERR|POLLHUP. Returns
 * the child's pid; its exit status says what it saw.
 */
static pid_t blocked_poller(int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLPRI };
		int n = poll(&pfd, 1, -1);

		_exit(n == 1 && (pfd.revents & (POLLERR | POLLHUP)) == (POLLERR | POLLHUP) ? 0 : 1);
	}
	return pid;
}

static void hold_across_unbind(int fd, const char *unbind)
{
	struct media_device_info info;
	struct media_v2_topology topo;
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLPRI };
	pid_t poller;
	int status = -1;

	check(xioctl(fd, MEDIA_IOC_DEVICE_INFO, &info) == 0, "DEVICE_INFO before unbind");
	check(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN, "poll before unbind: POLLIN");
	pfd.events = POLLPRI;
	check(poll(&pfd, 1, 0) == 0, "poll for POLLPRI before unbind: nothing");
	poller = blocked_poller(fd);
	check(poller > 0, "fork a poller");
	/* Let it block: poll() with nothing ready sleeps until woken. */
	usleep(200 * 1000);
	check(waitpid(poller, &status, WNOHANG) == 0, "poller blocked before unbind");
	check(system(unbind) == 0, "unbind with the file open");
	check(waitpid(poller, &status, 0) == poller && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "blocked poller woken by unbind with POLLERR|POLLHUP");
	check(xioctl(fd, MEDIA_IOC_DEVICE_INFO, &info) == -EIO, "DEVICE_INFO after unbind: EIO");
	memset(&topo, 0, sizeof(topo));
	check(xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo) == -EIO, "G_TOPOLOGY after unbind: EIO");
	pfd.revents = 0;
	check(poll(&pfd, 1, 1000) == 1 && (pfd.revents & (POLLERR | POLLHUP)) == (POLLERR | POLLHUP),
	      "poll after unbind: POLLERR|POLLHUP");
}

/*
 * While one file holds RECORD priority, another may read the format but not
 * change it nor take RECORD too; once the holder closes, it may.
 */
static void priority(int a, const char *node)
{
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	enum v4l2_priority prio = V4L2_PRIORITY_RECORD;
	int b = open(node, O_RDWR);

	check(b >= 0, "open a second file");
	check(xioctl(a, VIDIOC_S_PRIORITY, &prio) == 0, "S_PRIORITY RECORD");
	check(xioctl(b, VIDIOC_G_FMT, &fmt) == 0, "G_FMT from the other file");
	check(xioctl(b, VIDIOC_S_FMT, &fmt) == -EBUSY, "S_FMT from the other file: EBUSY");
	check(xioctl(b, VIDIOC_S_PRIORITY, &prio) == -EBUSY, "second RECORD: EBUSY");
	check(xioctl(a, VIDIOC_S_FMT, &fmt) == 0, "S_FMT from the holder");
	prio = 99;
	check(xioctl(a, VIDIOC_S_PRIORITY, &prio) == -EINVAL, "S_PRIORITY 99: EINVAL");
	check(xioctl(a, VIDIOC_G_PRIORITY, &prio) == 0 && prio == V4L2_PRIORITY_RECORD,
	      "G_PRIORITY: still RECORD");
	close(a);
	check(xioctl(b, VIDIOC_S_FMT, &fmt) == 0, "S_FMT after the holder closed");
	close(b);
}

/*
 * CREATE_BUFS sizes, on a video capture, metadata capture or metadata output
 * node: at least the current format's, at most MCPP_CREATE_BUFS_SLACK past
 * the node's largest format (include/mcpp/v4l2.h), whose size the caller
 * gives. So the current size plus a few MiB (v4l2-compliance asks for plus
 * 1 MiB) and the bound itself succeed; zero, one byte short, one byte past
 * the bound, 3 GB, sizes near U32_MAX (no wrap in the bound) and 32 x 400 MB
 * get EINVAL and allocate nothing. mc-fuzz --seed 1 found the bound missing:
 * 3 GB got a vmalloc warning, then the OOM killer ended the fuzzer.
 */
#define CREATE_BUFS_SLACK (8u << 20)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static __u32 get_size(const struct v4l2_format *f)
{
	return f->type == V4L2_BUF_TYPE_VIDEO_CAPTURE ? f->fmt.pix.sizeimage :
							f->fmt.meta.buffersize;
}

static void set_size(struct v4l2_format *f, __u32 size)
{
	if (f->type == V4L2_BUF_TYPE_VIDEO_CAPTURE)
		f->fmt.pix.sizeimage = size;
	else
		f->fmt.meta.buffersize = size; /* packed: no pointer to it */
}

/* CREATE_BUFS of one buffer of @size: 0 or -errno; on success its length. */
static int create_one(int fd, const struct v4l2_format *fmt, __u32 size, __u32 *length)
{
	struct v4l2_create_buffers cb = { .count = 1, .memory = V4L2_MEMORY_MMAP, .format = *fmt };
	struct v4l2_buffer b = { .type = fmt->type, .memory = V4L2_MEMORY_MMAP };
	int ret;

	set_size(&cb.format, size);
	ret = xioctl(fd, VIDIOC_CREATE_BUFS, &cb);
	if (ret || cb.count != 1)
		return ret ?: -ENOMEM;
	b.index = cb.index;
	ret = xioctl(fd, VIDIOC_QUERYBUF, &b);
	*length = b.length;
	return ret;
}

static void create_bufs(int fd, unsigned long largest)
{
	struct v4l2_capability cap;
	struct v4l2_format fmt = {};
	struct v4l2_create_buffers cb;
	struct v4l2_requestbuffers rb = { .memory = V4L2_MEMORY_MMAP };
	struct v4l2_buffer b = { .memory = V4L2_MEMORY_MMAP };
	static const __u32 absurd[] = { 0xbda8c000, 0xfffff000, 0xffffffff };
	char what[96];
	__u32 cur, len, i;

	check(xioctl(fd, VIDIOC_QUERYCAP, &cap) == 0, "QUERYCAP");
	fmt.type = cap.device_caps & V4L2_CAP_VIDEO_CAPTURE ? V4L2_BUF_TYPE_VIDEO_CAPTURE :
		   cap.device_caps & V4L2_CAP_META_CAPTURE ? V4L2_BUF_TYPE_META_CAPTURE :
							      V4L2_BUF_TYPE_META_OUTPUT;
	rb.type = b.type = fmt.type;
	check(xioctl(fd, VIDIOC_G_FMT, &fmt) == 0, "G_FMT");
	cur = get_size(&fmt);
	printf("# type %u, format size %u, largest %lu, bound %lu\n", fmt.type, cur, largest,
	       largest + CREATE_BUFS_SLACK);

	for (i = 0; i < ARRAY_SIZE(absurd); i++) {
		snprintf(what, sizeof(what), "CREATE_BUFS %#x: EINVAL", absurd[i]);
		check(create_one(fd, &fmt, absurd[i], &len) == -EINVAL, what);
	}
	memset(&cb, 0, sizeof(cb));
	cb.count = 32;
	cb.memory = V4L2_MEMORY_MMAP;
	cb.format = fmt;
	set_size(&cb.format, 400 << 20);
	check(xioctl(fd, VIDIOC_CREATE_BUFS, &cb) == -EINVAL, "CREATE_BUFS 32 x 400 MB: EINVAL");
	check(create_one(fd, &fmt, largest + CREATE_BUFS_SLACK + 1, &len) == -EINVAL,
	      "CREATE_BUFS one byte past the bound: EINVAL");
	check(create_one(fd, &fmt, 0, &len) == -EINVAL, "CREATE_BUFS of size 0: EINVAL");
	if (cur)
		check(create_one(fd, &fmt, cur - 1, &len) == -EINVAL,
		      "CREATE_BUFS below the format: EINVAL");
	check(xioctl(fd, VIDIOC_QUERYBUF, &b) == -EINVAL, "no buffer allocated");

	check(create_one(fd, &fmt, cur, &len) == 0 && len >= cur, "CREATE_BUFS at the format's size");
	check(create_one(fd, &fmt, cur + (1 << 20), &len) == 0 && len >= cur + (1 << 20),
	      "CREATE_BUFS at the format's size + 1 MiB");
	check(create_one(fd, &fmt, cur + (4 << 20), &len) == 0 && len >= cur + (4 << 20),
	      "CREATE_BUFS at the format's size + 4 MiB");
	check(create_one(fd, &fmt, largest, &len) == 0 && len >= largest,
	      "CREATE_BUFS at the largest format's size");
	check(create_one(fd, &fmt, largest + CREATE_BUFS_SLACK, &len) == 0 &&
	      len >= largest + CREATE_BUFS_SLACK, "CREATE_BUFS at the bound");
	check(xioctl(fd, VIDIOC_REQBUFS, &rb) == 0, "REQBUFS 0 frees them");
}

int main(int argc, char **argv)
{
	int fd;

	if (argc < 3) {
		fprintf(stderr, "usage: %s <node> bad-pointers | hold <unbind-cmd> | priority |\n"
			"\tcreate-bufs <largest format size>\n",
			argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	check(fd >= 0, "open");
	if (fd < 0)
		return 1;
	if (!strcmp(argv[2], "bad-pointers"))
		bad_pointers(fd);
	else if (!strcmp(argv[2], "hold") && argc > 3)
		hold_across_unbind(fd, argv[3]);
	else if (!strcmp(argv[2], "priority"))
		priority(fd, argv[1]); /* closes fd */
	else if (!strcmp(argv[2], "create-bufs") && argc > 3)
		create_bufs(fd, strtoul(argv[3], NULL, 0));
	else
		return 2;
	if (strcmp(argv[2], "priority"))
		close(fd);
	return failures ? 1 : 0;
}
