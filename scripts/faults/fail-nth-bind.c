// SPDX-License-Identifier: GPL-2.0
/*
 * Probe fault injection through sysfs bind: for N = 1, 2, ... the Nth
 * fault-injection site (failslab: every slab allocation) reached by this
 * task's bind write fails, and the bind must then fail cleanly.
 *
 *   fail-nth-bind <driver dir> <device> <max points>
 *   e.g. fail-nth-bind /sys/bus/platform/drivers/vcam vcam.0 3000
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
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

static void runs_add(struct runs *r, long point, const char *name)
{
	if (r->name && !strcmp(r->name, name) && r->last == point - 1) {
		r->last = point;
		return;
	}
	if (r->name && r->first == r->last)
		printf(" %ld:%s", r->first, r->name);
	else if (r->name)
		printf(" %ld-%ld:%s", r->first, r->last, r->name);
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

int main(int argc, char **argv)
{
	static long histogram[MAX_ERRNO];
	char bind[512], unbind[512], link[512];
	long n, max, failed = 0, absorbed = 0, retries = 0;
	int bind_fd, unbind_fd, nth_fd, e, clean = 0;
	struct runs runs = { 0 };
	double t0 = now();
	const char *dev;

	if (argc != 4) {
		fprintf(stderr, "usage: %s <driver dir> <device> <max points>\n", argv[0]);
		return 2;
	}
	dev = argv[2];
	max = strtol(argv[3], NULL, 10);
	snprintf(bind, sizeof(bind), "%s/bind", argv[1]);
	snprintf(unbind, sizeof(unbind), "%s/unbind", argv[1]);
	snprintf(link, sizeof(link), "%s/%s", argv[1], dev);
	if (bound(link)) {
		printf("not ok %s is bound at start\n", dev);
		return 1;
	}
	bind_fd = open_or_die(bind, O_WRONLY);
	unbind_fd = open_or_die(unbind, O_WRONLY);
	nth_fd = open_or_die("/proc/thread-self/fail-nth", O_RDWR);

	printf("fail-nth-bind: outcome per point:");
	for (n = 1; n <= max && !clean; n++) {
		int tries = 0;
		ssize_t ret;
		long left;

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
		if (ret >= 0) {
			/* The fault fired and probe succeeded: a tolerated failure. */
			absorbed++;
			runs_add(&runs, n, "ok");
			check(bound(link), "bind succeeded but the device is not bound", n);
			write_or_die(unbind_fd, dev, "unbind");
			continue;
		}
		check(!bound(link), "failed bind left the device bound", n);
		if ((left || e == ENFILE) && tries < MAX_RETRIES) {
			/* Out of minors, not the fault: see the top. */
			retries++;
			tries++;
			usleep(RETRY_US);
			goto again;
		}
		check(!left, "bind failed without the injected fault", n);
		check(e != ENFILE, "out of V4L2 minors for ten seconds", n);
		failed++;
		if (e > 0 && e < MAX_ERRNO)
			histogram[e]++;
		runs_add(&runs, n, strerrorname_np(e) ? strerrorname_np(e) : "E?");
	}
	runs_add(&runs, n, "end");
	printf("\n");

	printf("fail-nth-bind: %ld points swept in %.0f s: %ld binds failed, %ld faults absorbed (bind succeeded), %ld retries\n",
	       n - 1, now() - t0, failed, absorbed, retries);
	printf("fail-nth-bind: failed=%ld\n", failed);
	for (e = 0; e < MAX_ERRNO; e++)
		if (histogram[e])
			printf("fail-nth-bind: errno %s: %ld\n", strerrorname_np(e), histogram[e]);
	check(clean, "the sweep reached a probe without an injected failure", n);
	check(failed > 0, "some bind failed", n);
	printf("%s fail-nth sweep of %s\n", failures ? "not ok" : "ok", dev);
	return failures ? 1 : 0;
}
