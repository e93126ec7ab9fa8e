// SPDX-License-Identifier: GPL-2.0
/*
 * uffd-unbind: unbind must not wait for a user page fault.
 *
 *   uffd-unbind CASE MEDIA SUBDEV VIDEO UNBIND DEVICE
 *
 * CASE is the call left blocked in its user copy, with its array in a
 * userfaultfd region (missing mode) whose fault is not resolved:
 *   topology      MEDIA_IOC_G_TOPOLOGY, the entities array   (copied out)
 *   links         MEDIA_IOC_ENUM_LINKS, the pads array       (copied out)
 *   subdev-ctrls  VIDIOC_G_EXT_CTRLS on SUBDEV, the controls (copied in)
 *   video-ctrls   VIDIOC_G_EXT_CTRLS on VIDEO, the controls  (copied in)
 *   video-userptr VIDIOC_QBUF of a USERPTR buffer on VIDEO   (pinned)
 *                 videobuf2 pins the pages under the queue lock, which
 *                 unregister takes to stop streaming: a node that offers
 *                 USERPTR fails here. If REQBUFS refuses USERPTR (EINVAL),
 *                 nothing is pinned and the case passes at once. The video
 *                 node's own ioctls are skipped (they take that lock too).
 *
 * With the faulting thread provably inside the fault (the userfaultfd
 * reader has its fault message and has not answered it), other media,
 * sub-device and video ioctls must answer (REQBUFS, QBUF and STREAMON
 * included), and writing DEVICE to the driver's UNBIND file must return.
 * Nothing here is timed: the fault is resolved only after those steps, so
 * each of them finished while the call was blocked. A step that blocks
 * instead is a failure, reported after a generous bound (STEP_BOUND_S);
 * the fault is then resolved so that everything unwinds. After the unbind
 * the other files answer as Documentation/lifetime.rst's contract says (media
 * EIO, video and sub-device ENODEV); the fault is resolved (UFFDIO_COPY) and
 * the blocked call must end with that node's error (the device went while it
 * was in its user copy; media: the arrays hold the graph as it was before).
 *
 * Exits 0 on success, 1 on a failed check ("uffd-unbind: FAIL: ..." on
 * stdout), 2 if the test itself cannot run (no userfaultfd).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/media.h>
#include <linux/userfaultfd.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>

/* Not a timing assumption: only how long to wait before calling a step hung. */
#define STEP_BOUND_S 90
#define REGION_PAGES 4

static const char *case_name;
static int failed;

#define FAIL(...)                                             \
	do {                                                  \
		printf("uffd-unbind: %s: FAIL: ", case_name); \
		printf(__VA_ARGS__);                          \
		printf("\n");                                 \
		fflush(stdout);                               \
		failed = 1;                                   \
	} while (0)

#define SAY(...)                                        \
	do {                                            \
		printf("uffd-unbind: %s: ", case_name); \
		printf(__VA_ARGS__);                    \
		printf("\n");                           \
		fflush(stdout);                         \
	} while (0)

/* A call on its own thread, so that a caller can tell "blocked" from "returned". */
struct job {
	const char *what;
	long (*fn)(struct job *j);
	int fd;
	unsigned long cmd;
	void *arg;
	const char *text; /* for the unbind write */
	const char *path;
	long ret;
	int err;
	int done;
	int started, joined;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static long do_ioctl(struct job *j)
{
	return ioctl(j->fd, j->cmd, j->arg);
}

static long do_write_file(struct job *j)
{
	int fd = open(j->path, O_WRONLY);
	long ret;

	if (fd < 0)
		return -1;
	ret = write(fd, j->text, strlen(j->text));
	close(fd);
	return ret;
}

static void *job_main(void *p)
{
	struct job *j = p;
	long ret = j->fn(j);
	int err = errno;

	pthread_mutex_lock(&j->lock);
	j->ret = ret;
	j->err = err;
	j->done = 1;
	pthread_cond_broadcast(&j->cond);
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

static void job_start(struct job *j)
{
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	j->done = 0;
	if (pthread_create(&j->thread, NULL, job_main, j)) {
		perror("pthread_create");
		exit(2);
	}
	j->started = 1;
}

static int job_done(struct job *j)
{
	int done;

	pthread_mutex_lock(&j->lock);
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	return done;
}

/* Waits for the job; 0 if it returned, -1 if still blocked after the bound. */
static int job_wait(struct job *j, int bound_s)
{
	struct timespec until;
	int done;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += bound_s;
	pthread_mutex_lock(&j->lock);
	while (!j->done)
		if (pthread_cond_timedwait(&j->cond, &j->lock, &until))
			break;
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	if (done && !j->joined) {
		pthread_join(j->thread, NULL);
		j->joined = 1;
	}
	return done ? 0 : -1;
}

/* Jobs that did not return in time: joined after the fault is resolved. */
static struct job *stuck[16];
static int n_stuck;

/*
 * Runs one call that must answer while the fault is pending; @want_err 0
 * wants success, else that errno. A call that blocks is a failure.
 */
static void must_answer(const char *what, int fd, unsigned long cmd, void *arg, int want_err)
{
	struct job *j;

	if (failed)
		return; /* one failure says it; do not wait out every bound */
	j = calloc(1, sizeof(*j));
	if (!j)
		exit(2);
	j->what = what;
	j->fn = do_ioctl;
	j->fd = fd;
	j->cmd = cmd;
	j->arg = arg;
	job_start(j);
	if (job_wait(j, STEP_BOUND_S)) {
		FAIL("%s: blocked (no answer in %d s) while the other call waits on its page fault",
		     what, STEP_BOUND_S);
		if (n_stuck < 16)
			stuck[n_stuck++] = j;
		return;
	}
	if (want_err == 0 && j->ret < 0)
		FAIL("%s: %s", what, strerror(j->err));
	else if (want_err && (j->ret >= 0 || j->err != want_err))
		FAIL("%s: %ld (%s), want %s", what, j->ret, j->ret < 0 ? strerror(j->err) : "ok",
		     strerror(want_err));
	else
		SAY("%s: %s", what, want_err ? strerror(want_err) : "ok");
	free(j);
}

static int open_node(const char *path)
{
	int fd = open(path, O_RDWR);

	if (fd < 0) {
		printf("uffd-unbind: cannot open %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return fd;
}

/* The id of the first entity that has pads, from G_TOPOLOGY. */
static __u32 entity_with_pads(int media)
{
	struct media_v2_entity ents[64];
	struct media_v2_pad pads[256];
	struct media_v2_topology t;
	__u32 i;

	memset(&t, 0, sizeof(t));
	t.num_entities = 64;
	t.ptr_entities = (uintptr_t)ents;
	t.num_pads = 256;
	t.ptr_pads = (uintptr_t)pads;
	if (ioctl(media, MEDIA_IOC_G_TOPOLOGY, &t) || !t.num_pads)
		return 0;
	for (i = 0; i < t.num_entities; i++)
		if (ents[i].id == pads[0].entity_id)
			return ents[i].id;
	return 0;
}

int main(int argc, char **argv)
{
	static struct media_v2_topology topo;
	static struct media_links_enum links;
	static struct v4l2_ext_controls ctrls;
	static struct v4l2_buffer qbuf;
	int userptr, media_call;
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	struct uffdio_copy copy;
	struct uffd_msg msg;
	struct job faulting, unbind;
	long page = sysconf(_SC_PAGESIZE);
	size_t len = REGION_PAGES * page;
	struct pollfd pfd;
	char *region, *zeros;
	int media, other, subdev, video, uffd, i;
	const char *unbind_path, *device;
	__u32 entity = 0;

	memset(&faulting, 0, sizeof(faulting));
	memset(&unbind, 0, sizeof(unbind));
	if (argc != 7) {
		fprintf(stderr, "usage: %s CASE MEDIA SUBDEV VIDEO UNBIND DEVICE\n", argv[0]);
		return 2;
	}
	case_name = argv[1];
	unbind_path = argv[5];
	device = argv[6];
	media = open_node(argv[2]);
	other = open_node(argv[2]);
	subdev = open_node(argv[3]);
	video = open_node(argv[4]);
	userptr = !strcmp(case_name, "video-userptr");
	media_call = !strcmp(case_name, "topology") || !strcmp(case_name, "links");
	if (userptr) {
		struct v4l2_format f = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
		struct v4l2_requestbuffers req = { .count = 2,
						   .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
						   .memory = V4L2_MEMORY_USERPTR };

		if (ioctl(video, VIDIOC_G_FMT, &f))
			return 2;
		if (ioctl(video, VIDIOC_REQBUFS, &req)) {
			if (errno != EINVAL) {
				printf("uffd-unbind: USERPTR buffers: %s\n", strerror(errno));
				return 2;
			}
			SAY("REQBUFS refuses USERPTR (EINVAL): no user pages pinned under a lock");
			SAY("ok");
			return 0;
		}
		if (f.fmt.pix.sizeimage > len)
			len = (f.fmt.pix.sizeimage + page - 1) / page * page;
		qbuf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		qbuf.memory = V4L2_MEMORY_USERPTR;
		qbuf.length = f.fmt.pix.sizeimage;
	}

	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0) {
		printf("uffd-unbind: userfaultfd: %s\n", strerror(errno));
		return 2;
	}
	if (ioctl(uffd, UFFDIO_API, &api)) {
		printf("uffd-unbind: UFFDIO_API: %s\n", strerror(errno));
		return 2;
	}
	region = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	zeros = calloc(1, len);
	if (region == MAP_FAILED || !zeros)
		return 2;
	memset(&reg, 0, sizeof(reg));
	reg.range.start = (uintptr_t)region;
	reg.range.len = len;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg)) {
		printf("uffd-unbind: UFFDIO_REGISTER: %s\n", strerror(errno));
		return 2;
	}

	/* The call that will block in its user copy. */
	faulting.fn = do_ioctl;
	if (!strcmp(case_name, "topology")) {
		topo.num_entities = len / sizeof(struct media_v2_entity);
		topo.ptr_entities = (uintptr_t)region;
		faulting.what = "G_TOPOLOGY";
		faulting.fd = media;
		faulting.cmd = MEDIA_IOC_G_TOPOLOGY;
		faulting.arg = &topo;
	} else if (!strcmp(case_name, "links")) {
		entity = entity_with_pads(media);
		if (!entity) {
			printf("uffd-unbind: no entity with pads\n");
			return 2;
		}
		links.entity = entity;
		links.pads = (struct media_pad_desc *)region;
		faulting.what = "ENUM_LINKS";
		faulting.fd = media;
		faulting.cmd = MEDIA_IOC_ENUM_LINKS;
		faulting.arg = &links;
	} else if (!strcmp(case_name, "subdev-ctrls") || !strcmp(case_name, "video-ctrls")) {
		ctrls.which = V4L2_CTRL_WHICH_CUR_VAL;
		ctrls.count = 1;
		ctrls.controls = (struct v4l2_ext_control *)region;
		faulting.what = "G_EXT_CTRLS";
		faulting.fd = video;
		if (!strcmp(case_name, "subdev-ctrls"))
			faulting.fd = subdev;
		faulting.cmd = VIDIOC_G_EXT_CTRLS;
		faulting.arg = &ctrls;
	} else if (userptr) {
		qbuf.m.userptr = (uintptr_t)region;
		faulting.what = "QBUF (USERPTR)";
		faulting.fd = video;
		faulting.cmd = VIDIOC_QBUF;
		faulting.arg = &qbuf;
	} else {
		fprintf(stderr, "unknown case %s\n", case_name);
		return 2;
	}
	job_start(&faulting);

	/* Proof that it is blocked: its fault message, read and not answered. */
	pfd.fd = uffd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, STEP_BOUND_S * 1000) != 1 ||
	    read(uffd, &msg, sizeof(msg)) != sizeof(msg)) {
		FAIL("%s: no page fault reached the userfaultfd (%s)", faulting.what,
		     job_done(&faulting) ? "the call returned" : "the call is blocked elsewhere");
		goto release;
	}
	if (msg.event != UFFD_EVENT_PAGEFAULT ||
	    msg.arg.pagefault.address - (uintptr_t)region >= len) {
		FAIL("unexpected userfaultfd event %u at %llx", msg.event,
		     (unsigned long long)msg.arg.pagefault.address);
		goto release;
	}
	SAY("%s blocked in its user copy: %s fault at region+%#llx, left unresolved", faulting.what,
	    msg.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WRITE ? "write" : "read",
	    (unsigned long long)(msg.arg.pagefault.address - (uintptr_t)region));

	/* Everything else answers meanwhile. */
	{
		static struct media_device_info info;
		static struct media_entity_desc ent = { .id = MEDIA_ENT_ID_FLAG_NEXT };
		static struct media_v2_entity ents[64];
		static struct media_v2_topology t = { .num_entities = 64 };
		static struct v4l2_subdev_format sfmt = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
		static struct v4l2_capability cap;
		static struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
		static struct v4l2_requestbuffers req = { .count = 2,
							  .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
							  .memory = V4L2_MEMORY_MMAP };
		static struct v4l2_buffer buf;
		static int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

		t.ptr_entities = (uintptr_t)ents;
		must_answer("media DEVICE_INFO", other, MEDIA_IOC_DEVICE_INFO, &info, 0);
		must_answer("media ENUM_ENTITIES", other, MEDIA_IOC_ENUM_ENTITIES, &ent, 0);
		must_answer("media G_TOPOLOGY", other, MEDIA_IOC_G_TOPOLOGY, &t, 0);
		must_answer("sub-device SUBDEV_G_FMT", subdev, VIDIOC_SUBDEV_G_FMT, &sfmt, 0);
		if (userptr)
			goto others_done;
		must_answer("video QUERYCAP", video, VIDIOC_QUERYCAP, &cap, 0);
		must_answer("video G_FMT", video, VIDIOC_G_FMT, &fmt, 0);
		must_answer("video REQBUFS", video, VIDIOC_REQBUFS, &req, 0);
		for (i = 0; i < 2 && !failed; i++) {
			memset(&buf, 0, sizeof(buf));
			buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
			buf.memory = V4L2_MEMORY_MMAP;
			buf.index = i;
			must_answer("video QBUF", video, VIDIOC_QBUF, &buf, 0);
		}
		if (!failed)
			must_answer("video STREAMON", video, VIDIOC_STREAMON, &type, 0);
	}
others_done:
	if (failed)
		goto release;
	if (job_done(&faulting)) {
		FAIL("%s returned before its fault was resolved", faulting.what);
		goto release;
	}

	/* Unbind returns while the call still waits on its page fault. */
	unbind.fn = do_write_file;
	unbind.path = unbind_path;
	unbind.text = device;
	job_start(&unbind);
	if (job_wait(&unbind, STEP_BOUND_S)) {
		FAIL("unbind blocked (not returned in %d s) while %s waits on its page fault",
		     STEP_BOUND_S, faulting.what);
		goto release;
	}
	if (unbind.ret < 0) {
		FAIL("unbind: %s", strerror(unbind.err));
		goto release;
	}
	if (job_done(&faulting)) {
		FAIL("%s returned before its fault was resolved", faulting.what);
		goto release;
	}
	SAY("unbind returned; %s still blocked in its page fault", faulting.what);
	{
		static struct media_device_info info;
		static struct v4l2_subdev_format sfmt = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
		static struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };

		must_answer("media DEVICE_INFO after unbind", other, MEDIA_IOC_DEVICE_INFO, &info,
			    EIO);
		must_answer("sub-device SUBDEV_G_FMT after unbind", subdev, VIDIOC_SUBDEV_G_FMT,
			    &sfmt, ENODEV);
		if (!userptr)
			must_answer("video G_FMT after unbind", video, VIDIOC_G_FMT, &fmt, ENODEV);
	}

release:
	/* Resolve the fault: the blocked copy goes on. */
	memset(&copy, 0, sizeof(copy));
	copy.dst = (uintptr_t)region;
	copy.src = (uintptr_t)zeros;
	copy.len = len;
	if (ioctl(uffd, UFFDIO_COPY, &copy) && errno != EEXIST) {
		printf("uffd-unbind: UFFDIO_COPY: %s\n", strerror(errno));
		close(uffd); /* unregisters the region: the fault resolves anyway */
	}
	if (job_wait(&faulting, STEP_BOUND_S)) {
		FAIL("%s still blocked after its fault was resolved", faulting.what);
		return 1;
	}
	if (!failed) {
		/* The media node's calls after unbind say EIO, the others ENODEV. */
		int want = media_call ? EIO : ENODEV;

		if (faulting.ret >= 0 || faulting.err != want)
			FAIL("%s ended with %ld (%s), want %s", faulting.what, faulting.ret,
			     faulting.ret < 0 ? strerror(faulting.err) : "success", strerror(want));
		else
			SAY("%s ended with %s once its fault was resolved", faulting.what,
			    strerror(want));
	}
	if (unbind.started && job_wait(&unbind, STEP_BOUND_S))
		FAIL("unbind still blocked after the fault was resolved");
	for (i = 0; i < n_stuck; i++)
		if (job_wait(stuck[i], STEP_BOUND_S))
			FAIL("%s still blocked after the fault was resolved", stuck[i]->what);
	close(video);
	close(subdev);
	close(other);
	close(media);
	if (!failed)
		SAY("ok");
	return failed;
}
