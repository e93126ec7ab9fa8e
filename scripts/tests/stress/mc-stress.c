// SPDX-License-Identifier: GPL-2.0
/*
 * mc-stress: unbind a media driver under load, rebind it, check it works,
 * for a number of cycles; the same program for vcam and for vimc, so the
 * two can be compared in one boot.
 *
 *   mc-stress --dev vcam.0 --drv vcam --cycles 5 [--hammers 3] [--holders 2]
 *             [--load-ms 300] [--deadline-s 20] [--setup 'media-ctl ...']
 *             [--stream 'name,name']   (default: every capture node)
 *             [--summary FILE]         (the last line there, not on stdout)
 *
 * One cycle: fork clients on the bound device —
 *   streamers: one per capture node, MMAP buffers mapped and cycling
 *              (DQBUF/QBUF under poll), each page of each buffer read;
 *   holders:   every node open, polling for errors;
 *   hammers:   media, video and sub-device ioctls in a loop, from several
 *              processes —
 * let them run, unbind through sysfs, and wait (bounded) for every client
 * to see an error and exit. Streamers then read every mapped page again
 * (the mappings must outlive the device) before unmapping. A client alive
 * at the deadline is a hang: it is reported (with its wchan) and killed.
 * Then bind, run --setup (with $MEDIA set to the new /dev/mediaN), and
 * stream a few frames from the first capture node that streams.
 *
 * Prints progress as it goes and one "stress: key=value ..." line at the end; exits 1 if a cycle
 * had a hang, a client that saw no error, or a rebind that did not stream.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/media.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>

#define MAX_NODES 32
#define MAX_CLIENTS 48
#define NBUFS 3

enum node_kind { NODE_MEDIA, NODE_VIDEO, NODE_SUBDEV };

struct node {
	enum node_kind kind;
	char path[300];
	char name[64];
	int capture;		/* a video capture node */
};

static struct {
	const char *dev, *drv, *setup, *stream, *summary;
	int cycles, hammers, holders, load_ms, deadline_s;
} opt = { .cycles = 3, .hammers = 3, .holders = 2, .load_ms = 300, .deadline_s = 20 };

static struct node nodes[MAX_NODES];
static int nnodes;

/* What a client tells the parent when it exits (one write on its pipe). */
struct report {
	int kind;		/* 0 streamer, 1 holder, 2 hammer */
	int first_error;	/* errno of the first failure after the device went */
	long ops;		/* ioctls (or frames, for streamers) before that */
	int stream_refused;	/* a streamer whose STREAMON failed (held instead) */
	int mapping_bad;	/* a mapped page unreadable after unbind */
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, cmd, arg);
	while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ret;

	if (fd < 0)
		return -errno;
	ret = write(fd, text, strlen(text)) < 0 ? -errno : 0;
	close(fd);
	return ret;
}

static void read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");

	buf[0] = 0;
	if (!f)
		return;
	if (fgets(buf, size, f))
		buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

/* The bound device's nodes, from sysfs. */
static int discover(void)
{
	char dir[160], path[256];
	struct dirent *d;
	DIR *dp;

	nnodes = 0;
	snprintf(dir, sizeof(dir), "/sys/bus/platform/devices/%s", opt.dev);
	dp = opendir(dir);
	if (!dp)
		return -1;
	while ((d = readdir(dp)) && nnodes < MAX_NODES) {
		if (strncmp(d->d_name, "media", 5) || !d->d_name[5])
			continue;
		nodes[nnodes].kind = NODE_MEDIA;
		snprintf(nodes[nnodes].path, sizeof(nodes[0].path), "/dev/%s", d->d_name);
		snprintf(nodes[nnodes].name, sizeof(nodes[0].name), "media");
		nnodes++;
	}
	closedir(dp);
	snprintf(path, sizeof(path), "%s/video4linux", dir);
	dp = opendir(path);
	if (!dp)
		return -1;
	while ((d = readdir(dp)) && nnodes < MAX_NODES) {
		struct node *n = &nodes[nnodes];
		char name_path[600];

		if (!strncmp(d->d_name, "video", 5))
			n->kind = NODE_VIDEO;
		else if (!strncmp(d->d_name, "v4l-subdev", 10))
			n->kind = NODE_SUBDEV;
		else
			continue;
		snprintf(n->path, sizeof(n->path), "/dev/%s", d->d_name);
		snprintf(name_path, sizeof(name_path), "%s/%s/name", path, d->d_name);
		read_line(name_path, n->name, sizeof(n->name));
		n->capture = 0;
		if (n->kind == NODE_VIDEO) {
			struct v4l2_capability cap;
			int fd = open(n->path, O_RDWR | O_NONBLOCK);

			if (fd >= 0 && !xioctl(fd, VIDIOC_QUERYCAP, &cap))
				n->capture = !!(cap.device_caps & V4L2_CAP_VIDEO_CAPTURE);
			if (fd >= 0)
				close(fd);
		}
		nnodes++;
	}
	closedir(dp);
	return nnodes;
}

static const char *media_path(void)
{
	for (int i = 0; i < nnodes; i++)
		if (nodes[i].kind == NODE_MEDIA)
			return nodes[i].path;
	return NULL;
}

/* Clients --------------------------------------------------------------- */

/* One ioctl a hammer or holder can repeat on a node; 0 or -errno. */
static int poke(int fd, enum node_kind kind, unsigned int step)
{
	switch (kind) {
	case NODE_MEDIA: {
		struct media_v2_entity ents[64];
		struct media_v2_topology topo = { 0 };
		struct media_entity_desc ent = { .id = MEDIA_ENT_ID_FLAG_NEXT };
		struct media_device_info info;
		int ret;

		switch (step % 3) {
		case 0:
			ret = xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo);
			if (ret || topo.num_entities > 64)
				return ret;
			topo.ptr_entities = (uintptr_t)ents;
			return xioctl(fd, MEDIA_IOC_G_TOPOLOGY, &topo);
		case 1:
			ret = xioctl(fd, MEDIA_IOC_ENUM_ENTITIES, &ent);
			if (!ret) {
				struct media_pad_desc pads[16];
				struct media_link_desc links[32];
				struct media_links_enum le = { .entity = ent.id };

				if (ent.pads > 16 || ent.links > 32)
					return 0;
				le.pads = pads;
				le.links = links;
				ret = xioctl(fd, MEDIA_IOC_ENUM_LINKS, &le);
			}
			return ret;
		default:
			return xioctl(fd, MEDIA_IOC_DEVICE_INFO, &info);
		}
	}
	case NODE_VIDEO: {
		struct v4l2_capability cap;
		struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
		struct v4l2_fmtdesc fd_ = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
		int ret = xioctl(fd, VIDIOC_QUERYCAP, &cap);

		if (ret || !(cap.device_caps & V4L2_CAP_VIDEO_CAPTURE))
			return ret;
		if (step % 3 == 0)
			return xioctl(fd, VIDIOC_G_FMT, &fmt);
		if (step % 3 == 1) {
			ret = xioctl(fd, VIDIOC_ENUM_FMT, &fd_);
			return ret == -EINVAL ? 0 : ret;
		}
		ret = xioctl(fd, VIDIOC_G_FMT, &fmt);
		return ret ?: xioctl(fd, VIDIOC_TRY_FMT, &fmt);
	}
	case NODE_SUBDEV:
	default: {
		struct v4l2_subdev_capability cap;
		struct v4l2_subdev_format f = { .which = V4L2_SUBDEV_FORMAT_ACTIVE };
		struct v4l2_subdev_mbus_code_enum c = { .which = V4L2_SUBDEV_FORMAT_TRY };
		int ret;

		if (step % 3 == 0)
			return xioctl(fd, VIDIOC_SUBDEV_QUERYCAP, &cap);
		if (step % 3 == 1) {
			ret = xioctl(fd, VIDIOC_SUBDEV_G_FMT, &f);
			return ret == -EINVAL ? 0 : ret;	/* a pad-less entity */
		}
		ret = xioctl(fd, VIDIOC_SUBDEV_ENUM_MBUS_CODE, &c);
		return ret == -EINVAL ? 0 : ret;
	}
	}
}

/* A "no" a node may give while bound: not the end of the device. */
static int refused(int ret)
{
	return ret == -EINVAL || ret == -ENOTTY;
}

static void send_report(int wfd, const struct report *r)
{
	if (write(wfd, r, sizeof(*r)) != sizeof(*r))
		_exit(3);
}

/* Open every node; poke them in turn until one fails. */
static void run_poker(int wfd, int kind, unsigned int seed, int ready_fd)
{
	struct report r = { .kind = kind };
	int fds[MAX_NODES];
	unsigned int step = seed;

	for (int i = 0; i < nnodes; i++)
		fds[i] = open(nodes[i].path, O_RDWR | O_NONBLOCK);
	if (write(ready_fd, "r", 1) != 1)
		_exit(3);
	for (;;) {
		int i = step % nnodes;
		int ret = fds[i] < 0 ? -EBADF : poke(fds[i], nodes[i].kind, step / nnodes);

		if (ret && !refused(ret)) {
			r.first_error = -ret;
			break;
		}
		r.ops++;
		step = step * 1103515245u + 12345u;
		if (kind == 1) {	/* a holder: mostly waits, as an idle app does */
			struct pollfd p = { .fd = fds[i], .events = POLLPRI };

			poll(&p, 1, 20);
		}
	}
	for (int i = 0; i < nnodes; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	send_report(wfd, &r);
}

/* Reads a byte of every page: a mapping must stay valid after unbind. */
static unsigned int touched;

static void touch(void *const *maps, const size_t *lens, int n)
{
	unsigned int sum = 0;

	for (int b = 0; b < n; b++)
		for (size_t o = 0; maps[b] && o < lens[b]; o += 4096)
			sum += __atomic_load_n((unsigned char *)maps[b] + o, __ATOMIC_RELAXED);
	touched += sum;
}

static void run_streamer(int wfd, const struct node *n, int ready_fd)
{
	struct report r = { .kind = 0 };
	struct v4l2_requestbuffers req = {
		.count = NBUFS, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
	};
	void *maps[NBUFS] = { 0 };
	size_t lens[NBUFS] = { 0 };
	int fd = open(n->path, O_RDWR | O_NONBLOCK);
	int ret = fd < 0 ? -errno : xioctl(fd, VIDIOC_REQBUFS, &req);
	unsigned int i;

	for (i = 0; !ret && i < req.count && i < NBUFS; i++) {
		struct v4l2_buffer b = {
			.index = i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
		};

		ret = xioctl(fd, VIDIOC_QUERYBUF, &b);
		if (ret)
			break;
		maps[i] = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			       b.m.offset);
		if (maps[i] == MAP_FAILED) {
			maps[i] = NULL;
			ret = -errno;
			break;
		}
		lens[i] = b.length;
		ret = xioctl(fd, VIDIOC_QBUF, &b);
	}
	if (!ret)
		ret = xioctl(fd, VIDIOC_STREAMON, &req.type);
	if (ret) {
		/* Not streamable as configured: hold it open and poke it instead. */
		r.stream_refused = 1;
		if (write(ready_fd, "r", 1) != 1)
			_exit(3);
		while (fd >= 0 && (!(ret = poke(fd, NODE_VIDEO, r.ops)) || refused(ret)))
			r.ops++, usleep(10000);
		r.first_error = fd < 0 ? EBADF : -ret;
	} else {
		if (write(ready_fd, "r", 1) != 1)
			_exit(3);
		for (;;) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			struct v4l2_buffer b = {
				.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP,
			};

			if (poll(&p, 1, 2000) < 0 && errno != EINTR) {
				ret = -errno;
				break;
			}
			ret = xioctl(fd, VIDIOC_DQBUF, &b);
			if (ret == -EAGAIN)
				continue;
			if (!ret && b.index < NBUFS)
				touch(&maps[b.index], &lens[b.index], 1);
			if (!ret)
				ret = xioctl(fd, VIDIOC_QBUF, &b);
			if (ret)
				break;
			r.ops++;
		}
		r.first_error = -ret;
	}
	/* After the device is gone: every mapped page is still there. */
	touch(maps, lens, NBUFS);
	for (i = 0; i < NBUFS; i++)
		if (maps[i] && munmap(maps[i], lens[i]))
			r.mapping_bad = 1;
	if (fd >= 0)
		close(fd);
	send_report(wfd, &r);
}

/* Cycles ----------------------------------------------------------------- */

struct client {
	pid_t pid;
	int rfd;
	struct report r;
	int reported;
	int early;	/* exited before unbind */
};

static struct {
	long cycles, clients, errors, no_error, hangs, refused, mapping_bad, rebind_bad, early;
	long frames_after_rebind, unbind_ms_max, unbind_ms_sum;
	long errno_count[4];	/* ENODEV, EIO, EPIPE, other */
	long by_errno[256];
} total;

static void count_errno(int e)
{
	total.errno_count[e == ENODEV ? 0 : e == EIO ? 1 : e == EPIPE ? 2 : 3]++;
	total.by_errno[e & 255]++;
}

/* Is @n a node to stream? All capture nodes, or those --stream names. */
static int to_stream(const struct node *n)
{
	const char *p = opt.stream;
	size_t len = strlen(n->name);

	if (!n->capture)
		return 0;
	if (!p)
		return 1;
	for (; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, n->name, len) && (p[len] == ',' || !p[len]))
			return 1;
	return 0;
}

static int fork_client(struct client *c, int kind, const struct node *n, unsigned int seed,
		       int ready_fd)
{
	int p[2];

	if (pipe(p))
		return -1;
	c->pid = fork();
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		close(p[0]);
		if (kind == 0)
			run_streamer(p[1], n, ready_fd);
		else
			run_poker(p[1], kind, seed, ready_fd);
		_exit(0);
	}
	close(p[1]);
	c->rfd = p[0];
	c->reported = 0;
	c->early = 0;
	return 0;
}

static void wchan_of(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/wchan", pid);
	read_line(path, buf, size);
}

/* Streams @frames frames from the first capture node that streams. */
static int stream_check(int frames)
{
	for (int i = 0; i < nnodes; i++) {
		char cmd[256];

		if (!to_stream(&nodes[i]))
			continue;
		snprintf(cmd, sizeof(cmd),
			 "timeout 60 v4l2-ctl -d %s --stream-mmap --stream-count=%d --stream-to=/dev/null >/dev/null 2>&1",
			 nodes[i].path, frames);
		if (system(cmd) == 0)
			return i;
	}
	return -1;
}

static int setup(void)
{
	const char *media = media_path();

	if (!opt.setup)
		return 0;
	if (!media || setenv("MEDIA", media, 1))
		return -1;
	return system(opt.setup) == 0 ? 0 : -1;
}

static int one_cycle(int cycle)
{
	struct client clients[MAX_CLIENTS];
	int nclients = 0, ready[2], bad = 0, streamers = 0;
	char path[160];
	long t0, deadline;

	if (discover() <= 0) {
		printf("cycle %d: no nodes under %s\n", cycle, opt.dev);
		return 1;
	}
	if (pipe(ready))
		return 1;
	for (int i = 0; i < nnodes && nclients < MAX_CLIENTS; i++)
		if (to_stream(&nodes[i]) && !fork_client(&clients[nclients], 0, &nodes[i], 0, ready[1]))
			nclients++, streamers++;
	for (int i = 0; i < opt.holders && nclients < MAX_CLIENTS; i++)
		if (!fork_client(&clients[nclients], 1, NULL, cycle * 131 + i, ready[1]))
			nclients++;
	for (int i = 0; i < opt.hammers && nclients < MAX_CLIENTS; i++)
		if (!fork_client(&clients[nclients], 2, NULL, cycle * 977 + i * 7, ready[1]))
			nclients++;
	for (int i = 0; i < nclients; i++) {
		char c;

		if (read(ready[0], &c, 1) != 1)
			break;
	}
	close(ready[0]);
	close(ready[1]);
	usleep(opt.load_ms * 1000);
	/* Nobody may have given up while the device was still there. */
	for (int i = 0; i < nclients; i++) {
		if (waitpid(clients[i].pid, NULL, WNOHANG) != clients[i].pid)
			continue;
		if (read(clients[i].rfd, &clients[i].r, sizeof(clients[i].r)) == sizeof(clients[i].r))
			printf("cycle %d: client %d failed before unbind: %s\n", cycle, i,
			       strerrorname_np(clients[i].r.first_error));
		else
			printf("cycle %d: client %d died before unbind\n", cycle, i);
		close(clients[i].rfd);
		clients[i].pid = 0;
		clients[i].early = 1;
		total.early++;
		bad = 1;
	}

	snprintf(path, sizeof(path), "/sys/bus/platform/drivers/%s/unbind", opt.drv);
	t0 = now_ms();
	if (write_file(path, opt.dev)) {
		printf("cycle %d: unbind failed: %s\n", cycle, strerror(errno));
		bad = 1;
	}
	t0 = now_ms() - t0;
	total.unbind_ms_sum += t0;
	if (t0 > total.unbind_ms_max)
		total.unbind_ms_max = t0;

	/* Every client must see an error and exit by the deadline. */
	deadline = now_ms() + opt.deadline_s * 1000L;
	for (int left = nclients; left > 0 && now_ms() < deadline;) {
		left = 0;
		for (int i = 0; i < nclients; i++) {
			if (!clients[i].pid)
				continue;
			if (waitpid(clients[i].pid, NULL, WNOHANG) == clients[i].pid) {
				if (read(clients[i].rfd, &clients[i].r, sizeof(clients[i].r)) ==
				    sizeof(clients[i].r))
					clients[i].reported = 1;
				close(clients[i].rfd);
				clients[i].pid = 0;
			} else {
				left++;
			}
		}
		if (left)
			usleep(20000);
	}
	for (int i = 0; i < nclients; i++) {
		struct report *r = &clients[i].r;

		total.clients++;
		if (clients[i].early)
			continue;
		if (clients[i].pid) {
			char wchan[64];

			wchan_of(clients[i].pid, wchan, sizeof(wchan));
			printf("cycle %d: HANG: client %d (pid %d) alive %ds after unbind, wchan %s\n",
			       cycle, i, clients[i].pid, opt.deadline_s, wchan);
			kill(clients[i].pid, SIGKILL);
			waitpid(clients[i].pid, NULL, 0);
			close(clients[i].rfd);
			total.hangs++;
			bad = 1;
			continue;
		}
		if (!clients[i].reported || !r->first_error) {
			printf("cycle %d: client %d exited without an error report\n", cycle, i);
			total.no_error++;
			bad = 1;
			continue;
		}
		total.errors++;
		count_errno(r->first_error);
		total.refused += r->stream_refused;
		if (r->mapping_bad) {
			printf("cycle %d: client %d: munmap failed after unbind\n", cycle, i);
			total.mapping_bad++;
			bad = 1;
		}
	}

	snprintf(path, sizeof(path), "/sys/bus/platform/drivers/%s/bind", opt.drv);
	if (write_file(path, opt.dev) || discover() <= 0 || setup() || stream_check(3) < 0) {
		printf("cycle %d: the rebound device does not stream\n", cycle);
		total.rebind_bad++;
		bad = 1;
	} else {
		total.frames_after_rebind += 3;
	}
	total.cycles++;
	if (cycle < 3 || bad || cycle % 50 == 49)
		printf("cycle %d: %d clients (%d streamers), unbind took %ld ms%s; %ld clients so far, %ld hangs\n",
		       cycle, nclients, streamers, t0, bad ? ", FAILED" : "", total.clients,
		       total.hangs);
	fflush(stdout);
	return bad;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "drv", required_argument, NULL, 'D' },
		{ "cycles", required_argument, NULL, 'c' },
		{ "hammers", required_argument, NULL, 'H' },
		{ "holders", required_argument, NULL, 'o' },
		{ "load-ms", required_argument, NULL, 'l' },
		{ "deadline-s", required_argument, NULL, 't' },
		{ "setup", required_argument, NULL, 's' },
		{ "stream", required_argument, NULL, 'S' },
		{ "summary", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int c, failed_cycles = 0;
	long t0 = now_ms();

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			opt.dev = optarg;
			break;
		case 'D':
			opt.drv = optarg;
			break;
		case 'c':
			opt.cycles = atoi(optarg);
			break;
		case 'H':
			opt.hammers = atoi(optarg);
			break;
		case 'o':
			opt.holders = atoi(optarg);
			break;
		case 'l':
			opt.load_ms = atoi(optarg);
			break;
		case 't':
			opt.deadline_s = atoi(optarg);
			break;
		case 's':
			opt.setup = optarg;
			break;
		case 'S':
			opt.stream = optarg;
			break;
		case 'f':
			opt.summary = optarg;
			break;
		default:
			return 2;
		}
	}
	if (!opt.dev || !opt.drv || opt.cycles < 1) {
		fprintf(stderr, "usage: mc-stress --dev NAME --drv DRIVER --cycles N ...\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (discover() <= 0 || setup()) {
		printf("stress: %s: no nodes, or --setup failed\n", opt.dev);
		return 1;
	}
	for (int i = 0; i < opt.cycles; i++)
		failed_cycles += one_cycle(i);
	for (int e = 1; e < 256; e++)
		if (total.by_errno[e])
			printf("errno %s: %ld clients\n", strerrorname_np(e), total.by_errno[e]);
	if (opt.summary && !freopen(opt.summary, "w", stdout))
		return 2;
	printf("stress: dev=%s cycles=%ld clients=%ld errors=%ld no_error=%ld early=%ld hangs=%ld",
	       opt.dev, total.cycles, total.clients, total.errors, total.no_error, total.early,
	       total.hangs);
	printf(" enodev=%ld eio=%ld epipe=%ld other=%ld stream_refused=%ld mapping_bad=%ld",
	       total.errno_count[0], total.errno_count[1], total.errno_count[2],
	       total.errno_count[3], total.refused, total.mapping_bad);
	printf(" rebind_bad=%ld unbind_ms_avg=%ld unbind_ms_max=%ld failed_cycles=%d seconds=%ld\n",
	       total.rebind_bad, total.cycles ? total.unbind_ms_sum / total.cycles : 0,
	       total.unbind_ms_max, failed_cycles, (now_ms() - t0) / 1000);
	return failed_cycles ? 1 : 0;
}
