// SPDX-License-Identifier: GPL-2.0
/*
 * Probe fault injection through sysfs bind: for N = 1, 2, ... the Nth
 * fault-injection site (failslab: every slab allocation; fail_page_alloc:
 * every page allocation, vmalloc's included, when the caller enabled it;
 * one count for both) reached by this task's bind write fails, and the bind
 * must then fail cleanly.
 *
 *   fail-nth-bind [--prime] [--sites] [--whole E:L:NODE] <driver dir> <device> <max points>
 *   e.g. fail-nth-bind --sites --whole 12:10:main /sys/bus/platform/drivers/vcam vcam.0 5000
 *
 * The device must be unbound at start. Per point: arm
 * /proc/thread-self/fail-nth with N (the count belongs to this thread and is
 * consumed by the allocations of its following system calls, so the files
 * are opened beforehand and the very next call is the bind write), write the
 * device's name to <driver dir>/bind, read back what is left of the count
 * (0: the fault fired) and disarm. A failed bind must leave the device
 * unbound; a bind that succeeded although the fault fired (an allocation
 * whose failure the kernel tolerates) is unbound again and the sweep goes
 * on. The sweep ends with the first bind that succeeds without the fault
 * firing: probe made fewer than N allocations. The device stays bound then.
 *
 * The number of allocations before the probe is not constant: it depends on
 * what the previous bind left behind (a failed bind and a successful one
 * leave the kernel's preallocated pools differently filled), so the site a
 * point reaches shifts with the previous outcome. --prime binds and unbinds
 * the device cleanly before every point, so every point starts from the same
 * state ("after a success"); without it a point starts where the previous
 * one left (mostly "after a failure"). Sweeping both ways reaches every site
 * from both offsets.
 *
 * --sites: the caller set the fault attributes' verbose to 2 (a stack dump
 * per injected failure, kept off the console); after each point that fired
 * the helper reads the dump from /dev/kmsg and prints "site N ATTR FRAME":
 * the first frame in mcpp or vcam if any, else the first kernel frame past
 * the allocator. An allocation made with __GFP_NOWARN dumps nothing
 * ("nowarn": kmemleak's own metadata, mostly).
 *
 * --whole E:L:NODE: after a fault that the probe absorbed (the bind
 * succeeded), the instance must be whole: its media device lists E entities
 * and L data links, and the video node named NODE streams a frame. Only
 * then is it unbound and the sweep goes on.
 *
 * A bind that fails without the fault firing, or with ENFILE, is retried
 * after a pause, up to ten seconds: the nodes of a failed probe give their
 * V4L2 minors back only at their release (with DEBUG_KOBJECT_RELEASE, one to
 * four seconds later), so a fast sweep can run out of the 256 minors, and
 * ENFILE ("could not get a free minor") is that, never an injected failure.
 * Every retry is counted and printed.
 *
 * Prints the points swept, the outcome of each (run-length encoded), the
 * errno histogram, and "ok"/"not ok" lines; exits 1 on any failure.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/media.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "sites.h"

#define MAX_RETRIES 50
#define RETRY_US 200000
#define MAX_ERRNO 4096

static int failures;

static void check(int ok, const char *what, long point)
{
	if (ok)
		return;
	failures++;
	printf("not ok %s (point %ld)\n", what, point);
}

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0) {
		printf("not ok open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return fd;
}

static void write_or_die(int fd, const char *s, const char *what)
{
	if (pwrite(fd, s, strlen(s), 0) != (ssize_t)strlen(s)) {
		printf("not ok %s: %s\n", what, strerror(errno));
		exit(1);
	}
}

/* Arms (n > 0) or disarms (n = 0) this thread's fail-nth. */
static void set_fail_nth(int fd, long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", n);
	write_or_die(fd, buf, "write fail-nth");
}

static long get_fail_nth(int fd)
{
	char buf[32];
	ssize_t len = pread(fd, buf, sizeof(buf) - 1, 0);

	if (len <= 0) {
		printf("not ok read fail-nth: %s\n", len < 0 ? strerror(errno) : "empty");
		exit(1);
	}
	buf[len] = 0;
	return strtol(buf, NULL, 10);
}

static int bound(const char *link)
{
	return access(link, F_OK) == 0;
}

/* Run-length encoded outcomes: "1-40:ENOMEM 41:ok 42-50:ENOMEM". */
struct runs {
	const char *name;
	long first, last;
};

/* Kept, and printed at the end: site lines come in between. */
static char runs_text[1 << 16];
static size_t runs_len;

static void runs_add(struct runs *r, long point, const char *name)
{
	size_t room = sizeof(runs_text) - runs_len;

	if (r->name && !strcmp(r->name, name) && r->last == point - 1) {
		r->last = point;
		return;
	}
	if (r->name && r->first == r->last)
		runs_len += snprintf(runs_text + runs_len, room, " %ld:%s", r->first, r->name);
	else if (r->name)
		runs_len += snprintf(runs_text + runs_len, room, " %ld-%ld:%s", r->first, r->last,
				     r->name);
	if (runs_len >= sizeof(runs_text))
		runs_len = sizeof(runs_text) - 1;
	r->name = name;
	r->first = point;
	r->last = point;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- --whole: the instance bound despite a fault is whole ---- */

static int want_entities = -1, want_links = -1;
static const char *want_node;
static char dev_dir[512];

/* /dev/NAME of the first "prefix*" entry of dir that has a dev file. */
static int find_node(const char *dir, const char *prefix, const char *named, char *out,
		     size_t len)
{
	struct dirent *d;
	DIR *dp = opendir(dir);
	int found = 0;

	if (!dp)
		return -1;
	while (!found && (d = readdir(dp))) {
		char p[768], name[64] = "";
		FILE *f;

		if (strncmp(d->d_name, prefix, strlen(prefix)))
			continue;
		if (named) {
			snprintf(p, sizeof(p), "%s/%s/name", dir, d->d_name);
			f = fopen(p, "r");
			if (!f)
				continue;
			if (!fgets(name, sizeof(name), f))
				name[0] = 0;
			fclose(f);
			name[strcspn(name, "\n")] = 0;
			if (strcmp(name, named))
				continue;
		}
		snprintf(out, len, "/dev/%s", d->d_name);
		found = 1;
	}
	closedir(dp);
	return found ? 0 : -1;
}

static const char *whole_topology(void)
{
	struct media_v2_topology t = { 0 };
	struct media_v2_link *lks;
	char path[600];
	unsigned int i, data = 0;
	int fd, bad = 0;

	if (find_node(dev_dir, "media", NULL, path, sizeof(path)))
		return "no media node";
	fd = open(path, O_RDWR);
	if (fd < 0)
		return "cannot open the media node";
	if (ioctl(fd, MEDIA_IOC_G_TOPOLOGY, &t)) {
		close(fd);
		return "G_TOPOLOGY failed";
	}
	lks = calloc(t.num_links + 1, sizeof(*lks));
	t.ptr_links = (uintptr_t)lks;
	if (!lks || ioctl(fd, MEDIA_IOC_G_TOPOLOGY, &t))
		bad = 1;
	for (i = 0; !bad && i < t.num_links; i++)
		data += (lks[i].flags & MEDIA_LNK_FL_LINK_TYPE) == MEDIA_LNK_FL_DATA_LINK;
	free(lks);
	close(fd);
	if (bad)
		return "G_TOPOLOGY failed";
	if ((int)t.num_entities != want_entities)
		return "wrong number of entities";
	if ((int)data != want_links)
		return "wrong number of data links";
	return NULL;
}

static const char *whole_stream(void)
{
	struct v4l2_requestbuffers rb = { .count = 2, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
					  .memory = V4L2_MEMORY_MMAP };
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE, fd;
	const char *why = NULL;
	char dir[600], path[700];
	struct pollfd pfd;
	unsigned int i;

	snprintf(dir, sizeof(dir), "%s/video4linux", dev_dir);
	if (find_node(dir, "video", want_node, path, sizeof(path)))
		return "no video node of that name";
	fd = open(path, O_RDWR | O_NONBLOCK);
	if (fd < 0)
		return "cannot open the video node";
	if (ioctl(fd, VIDIOC_REQBUFS, &rb) || rb.count < 1) {
		close(fd);
		return "REQBUFS failed";
	}
	for (i = 0; i < rb.count && !why; i++) {
		struct v4l2_buffer b = { .index = i, .type = rb.type, .memory = rb.memory };

		if (ioctl(fd, VIDIOC_QBUF, &b))
			why = "QBUF failed";
	}
	if (!why && ioctl(fd, VIDIOC_STREAMON, &type))
		why = "STREAMON failed";
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	if (!why && poll(&pfd, 1, 20000) != 1)
		why = "no frame within 20 s";
	if (!why) {
		struct v4l2_buffer b = { .type = rb.type, .memory = rb.memory };

		if (ioctl(fd, VIDIOC_DQBUF, &b) || (b.flags & V4L2_BUF_FLAG_ERROR))
			why = "DQBUF failed or the frame has an error";
	}
	ioctl(fd, VIDIOC_STREAMOFF, &type);
	close(fd);
	return why;
}

/* A clean bind and unbind (--prime), retried while V4L2 minors run out. */
static void prime(int bind_fd, int unbind_fd, const char *dev, const char *link, long point,
		  long *retries)
{
	int tries;

	for (tries = 0; tries <= MAX_RETRIES; tries++) {
		if (pwrite(bind_fd, dev, strlen(dev), 0) >= 0)
			break;
		(*retries)++;
		usleep(RETRY_US);
	}
	check(bound(link), "priming bind", point);
	if (bound(link))
		write_or_die(unbind_fd, dev, "unbind after priming");
}

int main(int argc, char **argv)
{
	static long histogram[MAX_ERRNO];
	char bind[512], unbind[512], link[512], attr[64], site[256];
	long n, max, failed = 0, absorbed = 0, retries = 0, fired_sites = 0;
	int bind_fd, unbind_fd, nth_fd, e, clean = 0, primed = 0, sites = 0, a = 1;
	struct runs runs = { 0 };
	double t0 = now();
	const char *dev;

	for (; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "--prime")) {
			primed = 1;
		} else if (!strcmp(argv[a], "--sites")) {
			sites = 1;
		} else if (!strcmp(argv[a], "--whole") && a + 1 < argc) {
			static char spec[128];

			snprintf(spec, sizeof(spec), "%s", argv[++a]);
			want_node = strrchr(spec, ':');
			if (!want_node || sscanf(spec, "%d:%d:", &want_entities, &want_links) != 2)
				break;
			want_node++;
		} else {
			break;
		}
	}
	if (argc - a != 3) {
		fprintf(stderr, "usage: %s [--prime] [--sites] [--whole E:L:NODE] <driver dir> <device> <max points>\n",
			argv[0]);
		return 2;
	}
	dev = argv[a + 1];
	max = strtol(argv[a + 2], NULL, 10);
	snprintf(bind, sizeof(bind), "%s/bind", argv[a]);
	snprintf(unbind, sizeof(unbind), "%s/unbind", argv[a]);
	snprintf(link, sizeof(link), "%s/%s", argv[a], dev);
	snprintf(dev_dir, sizeof(dev_dir), "%s/%s", argv[a], dev);
	if (bound(link)) {
		printf("not ok %s is bound at start\n", dev);
		return 1;
	}
	bind_fd = open_or_die(bind, O_WRONLY);
	unbind_fd = open_or_die(unbind, O_WRONLY);
	nth_fd = open_or_die("/proc/thread-self/fail-nth", O_RDWR);
	if (sites)
		sites_init();

	printf("fail-nth-bind: %s sweep\n", primed ? "primed (every point after a clean bind)" :
	       "linear (every point after the previous one)");
	for (n = 1; n <= max && !clean; n++) {
		int tries = 0;
		ssize_t ret;
		long left;

		if (primed)
			prime(bind_fd, unbind_fd, dev, link, n, &retries);
again:
		set_fail_nth(nth_fd, n);
		ret = pwrite(bind_fd, dev, strlen(dev), 0);
		e = errno;
		left = get_fail_nth(nth_fd);
		set_fail_nth(nth_fd, 0);

		if (ret >= 0 && left) {
			/* Fewer injection sites than n: a clean probe, the end. */
			clean = 1;
			check(bound(link), "clean bind left the device bound", n);
			break;
		}
		if (ret < 0 && (left || e == ENFILE) && tries < MAX_RETRIES) {
			/* Out of minors, not the fault: see the top. */
			check(!bound(link), "failed bind left the device bound", n);
			retries++;
			tries++;
			usleep(RETRY_US);
			goto again;
		}
		if (sites && !left) {
			sites_read(attr, sizeof(attr), site, sizeof(site));
			fired_sites++;
			printf("site %ld %s %s -> %s\n", n, attr, site,
			       ret >= 0 ? "absorbed" : strerrorname_np(e) ? strerrorname_np(e) : "E?");
		}
		if (ret >= 0) {
			/* The fault fired and probe succeeded: a tolerated failure. */
			const char *why = NULL;

			absorbed++;
			runs_add(&runs, n, "ok");
			check(bound(link), "bind succeeded but the device is not bound", n);
			if (want_node && bound(link)) {
				why = whole_topology();
				if (!why)
					why = whole_stream();
				if (why) {
					printf("not ok the instance bound despite the fault is not whole: %s (point %ld)\n",
					       why, n);
					failures++;
				}
			}
			write_or_die(unbind_fd, dev, "unbind");
			continue;
		}
		check(!bound(link), "failed bind left the device bound", n);
		check(!left, "bind failed without the injected fault", n);
		check(e != ENFILE, "out of V4L2 minors for ten seconds", n);
		failed++;
		if (e > 0 && e < MAX_ERRNO)
			histogram[e]++;
		runs_add(&runs, n, strerrorname_np(e) ? strerrorname_np(e) : "E?");
	}
	runs_add(&runs, n, "end");
	printf("fail-nth-bind: outcome per point:%s\n", runs_text);

	printf("fail-nth-bind: %ld points swept in %.0f s: %ld binds failed, %ld faults absorbed (bind succeeded%s), %ld retries\n",
	       n - 1, now() - t0, failed, absorbed, want_node ? ", instance checked whole" : "",
	       retries);
	printf("fail-nth-bind: failed=%ld\n", failed);
	for (e = 0; e < MAX_ERRNO; e++)
		if (histogram[e])
			printf("fail-nth-bind: errno %s: %ld\n", strerrorname_np(e), histogram[e]);
	if (sites)
		printf("fail-nth-bind: %ld injected failures located\n", fired_sites);
	check(clean, "the sweep reached a probe without an injected failure", n);
	check(failed > 0, "some bind failed", n);
	printf("%s fail-nth sweep of %s\n", failures ? "not ok" : "ok", dev);
	return failures ? 1 : 0;
}
