// SPDX-License-Identifier: GPL-2.0
/*
 * mc-bench: the userspace half of `make bench` (scripts/bench/run.py), run
 * inside the benchmark kernel. Every figure is printed as one line
 * "BENCH <what> key=value ...", read back from the console by the runner.
 *
 *   mc-bench topo <media> <label> <seconds>
 *	full MEDIA_IOC_G_TOPOLOGY fetches per second (two calls each: the
 *	counts, then the arrays), and the graph's sizes
 *   mc-bench enum <media> <label> <seconds>
 *	walks per second: ENUM_ENTITIES over every entity and ENUM_LINKS on each
 *   mc-bench stream <video> <label> <thread-comm> <warmup> <frames> [file...]
 *	stream (MMAP, 8 buffers, no data touched); after the warm-up, track the
 *	frame thread's on-CPU time (debugfs mcpp_bench/thread) over <frames>
 *	dequeued frames; each file (a counter) is read before and after
 *   mc-bench unbind <driver dir> <device> <label> <K> <stream video|-> <node>...
 *	open K handles round-robin over the nodes (and stream on one more if a
 *	video node is given, its buffers mapped as a capture client's are: the
 *	mappings keep their memory past unbind, which would otherwise free it
 *	there), time the write to <driver dir>/unbind, close
 *	everything, time the write to <driver dir>/bind
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <linux/media.h>
#include <linux/videodev2.h>

#define THREAD_FILE "/sys/kernel/debug/mcpp_bench/thread"

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "mc-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* G_TOPOLOGY ----------------------------------------------------------------- */

struct topo_bufs {
	struct media_v2_entity *ents;
	struct media_v2_interface *intfs;
	struct media_v2_pad *pads;
	struct media_v2_link *links;
	struct media_v2_topology counts;
};

static void topo_fetch(int fd, struct topo_bufs *b)
{
	struct media_v2_topology t;

	memset(&t, 0, sizeof(t));
	if (ioctl(fd, MEDIA_IOC_G_TOPOLOGY, &t))
		die("G_TOPOLOGY (counts)");
	if (t.num_entities > b->counts.num_entities || t.num_interfaces > b->counts.num_interfaces ||
	    t.num_pads > b->counts.num_pads || t.num_links > b->counts.num_links) {
		fprintf(stderr, "mc-bench: the graph grew\n");
		exit(1);
	}
	t.ptr_entities = (uintptr_t)b->ents;
	t.ptr_interfaces = (uintptr_t)b->intfs;
	t.ptr_pads = (uintptr_t)b->pads;
	t.ptr_links = (uintptr_t)b->links;
	if (ioctl(fd, MEDIA_IOC_G_TOPOLOGY, &t))
		die("G_TOPOLOGY");
}

static int enum_walk(int fd)
{
	static struct media_pad_desc pads[4096];
	static struct media_link_desc links[8192];
	struct media_entity_desc e;
	struct media_links_enum le;
	int n = 0;

	memset(&e, 0, sizeof(e));
	for (;;) {
		e.id |= MEDIA_ENT_ID_FLAG_NEXT;
		if (ioctl(fd, MEDIA_IOC_ENUM_ENTITIES, &e)) {
			if (errno == EINVAL)
				return n;
			die("ENUM_ENTITIES");
		}
		if (e.pads > 4096 || e.links > 8192) {
			fprintf(stderr, "mc-bench: entity too large\n");
			exit(1);
		}
		memset(&le, 0, sizeof(le));
		le.entity = e.id;
		le.pads = pads;
		le.links = links;
		if (ioctl(fd, MEDIA_IOC_ENUM_LINKS, &le))
			die("ENUM_LINKS");
		n++;
	}
}

/*
 * Runs one operation in batches, doubling the batch until one takes 20 ms,
 * for at least @seconds; prints operations per second.
 */
static void rate(const char *what, const char *label, double seconds, int fd,
		 struct topo_bufs *b, const char *extra)
{
	uint64_t batch = 1, done = 0, start = now_ns(), t0, spent = 0;

	while (spent < (uint64_t)(seconds * 1e9)) {
		t0 = now_ns();
		for (uint64_t i = 0; i < batch; i++) {
			if (b)
				topo_fetch(fd, b);
			else
				enum_walk(fd);
		}
		done += batch;
		spent = now_ns() - start;
		if (now_ns() - t0 < 20000000ull && batch < (1u << 20))
			batch *= 2;
	}
	printf("BENCH %s label=%s calls=%llu ns=%llu per_s=%.1f%s\n", what, label,
	       (unsigned long long)done, (unsigned long long)spent, done * 1e9 / spent, extra);
}

static int cmd_topo(char **argv, int enumerate)
{
	int fd = open(argv[0], O_RDWR);
	struct topo_bufs b;
	struct media_v2_topology *t = &b.counts;
	char extra[160];

	if (fd < 0)
		die(argv[0]);
	memset(&b, 0, sizeof(b));
	if (ioctl(fd, MEDIA_IOC_G_TOPOLOGY, t))
		die("G_TOPOLOGY");
	b.ents = calloc(t->num_entities + 1, sizeof(*b.ents));
	b.intfs = calloc(t->num_interfaces + 1, sizeof(*b.intfs));
	b.pads = calloc(t->num_pads + 1, sizeof(*b.pads));
	b.links = calloc(t->num_links + 1, sizeof(*b.links));
	if (!b.ents || !b.intfs || !b.pads || !b.links)
		die("calloc");
	snprintf(extra, sizeof(extra), " entities=%u interfaces=%u pads=%u links=%u",
		 t->num_entities, t->num_interfaces, t->num_pads, t->num_links);
	if (enumerate && enum_walk(fd) != (int)t->num_entities) {
		fprintf(stderr, "mc-bench: ENUM_ENTITIES and G_TOPOLOGY disagree\n");
		return 1;
	}
	rate(enumerate ? "enum" : "topo", argv[1], atof(argv[2]), fd,
	     enumerate ? NULL : &b, extra);
	close(fd);
	return 0;
}

/* Streaming ------------------------------------------------------------------ */

/* The pid of the task whose comm starts with @prefix, or -1. */
static int find_thread(const char *prefix)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int pid = -1;

	if (!d)
		die("/proc");
	while ((de = readdir(d))) {
		char path[300], comm[64] = "";
		FILE *f;

		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) && !strncmp(comm, prefix, strlen(prefix)))
			pid = atoi(de->d_name);
		fclose(f);
		if (pid > 0)
			break;
	}
	closedir(d);
	return pid;
}

static void read_file(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		die(path);
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die(path);
	close(fd);
}

static int stream_start(int fd, unsigned int count)
{
	struct v4l2_requestbuffers rb = {
		.count = count,
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;

	if (ioctl(fd, VIDIOC_REQBUFS, &rb))
		die("REQBUFS");
	for (unsigned int i = 0; i < rb.count; i++) {
		struct v4l2_buffer b = {
			.index = i,
			.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
			.memory = V4L2_MEMORY_MMAP,
		};

		/* Mapped, as every capture client maps them (never touched here). */
		if (ioctl(fd, VIDIOC_QUERYBUF, &b))
			die("QUERYBUF");
		if (mmap(NULL, b.length, PROT_READ, MAP_SHARED, fd, b.m.offset) == MAP_FAILED)
			die("mmap");
		if (ioctl(fd, VIDIOC_QBUF, &b))
			die("QBUF");
	}
	if (ioctl(fd, VIDIOC_STREAMON, &type))
		die("STREAMON");
	return rb.count;
}

/* Dequeues and requeues one buffer; returns its sequence number. */
static unsigned int stream_cycle(int fd)
{
	struct v4l2_buffer b = {
		.type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
		.memory = V4L2_MEMORY_MMAP,
	};

	unsigned int seq;

	if (ioctl(fd, VIDIOC_DQBUF, &b))
		die("DQBUF");
	seq = b.sequence;	/* QBUF writes the buffer back */
	if (ioctl(fd, VIDIOC_QBUF, &b))
		die("QBUF");
	return seq;
}

static int cmd_stream(int argc, char **argv)
{
	const char *label = argv[1], *comm = argv[2];
	int warmup = atoi(argv[3]), frames = atoi(argv[4]), nfiles = argc - 5;
	char before[8][64], after[8][64], stats[160], pidtext[16];
	int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	unsigned int seq0 = 0, seq1 = 0;
	struct v4l2_format fmt = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE };
	uint64_t t0, t1;
	int fd, pid;

	if (nfiles > 8)
		nfiles = 8;
	fd = open(argv[0], O_RDWR);
	if (fd < 0)
		die(argv[0]);
	if (ioctl(fd, VIDIOC_G_FMT, &fmt))
		die("G_FMT");
	stream_start(fd, 8);
	for (int i = 0; i < warmup; i++)
		stream_cycle(fd);
	pid = find_thread(comm);
	if (pid < 0) {
		fprintf(stderr, "mc-bench: no thread named %s*\n", comm);
		return 1;
	}
	/* Between frames: the thread is asleep or runnable, never on the CPU (UML has one). */
	snprintf(pidtext, sizeof(pidtext), "%d", pid);
	write_file(THREAD_FILE, pidtext);
	for (int i = 0; i < nfiles; i++)
		read_file(argv[5 + i], before[i], sizeof(before[i]));
	t0 = now_ns();
	for (int i = 0; i < frames; i++) {
		unsigned int s = stream_cycle(fd);

		if (i == 0)
			seq0 = s;
		seq1 = s;
	}
	t1 = now_ns();
	read_file(THREAD_FILE, stats, sizeof(stats));
	for (int i = 0; i < nfiles; i++)
		read_file(argv[5 + i], after[i], sizeof(after[i]));
	write_file(THREAD_FILE, "0");
	if (ioctl(fd, VIDIOC_STREAMOFF, &type))
		die("STREAMOFF");
	close(fd);
	printf("BENCH stream label=%s width=%u height=%u fourcc=%.4s sizeimage=%u frames=%d",
	       label, fmt.fmt.pix.width, fmt.fmt.pix.height, (char *)&fmt.fmt.pix.pixelformat,
	       fmt.fmt.pix.sizeimage, frames);
	printf(" seq0=%u seq1=%u wall_ns=%llu %s", seq0, seq1, (unsigned long long)(t1 - t0), stats);
	for (int i = 0; i < nfiles; i++) {
		const char *base = strrchr(argv[5 + i], '/');

		printf(" dbg_%s=%s..%s", base ? base + 1 : argv[5 + i], before[i], after[i]);
	}
	printf("\n");
	return 0;
}

/* Unbind --------------------------------------------------------------------- */

static int cmd_unbind(int argc, char **argv)
{
	const char *dir = argv[0], *device = argv[1], *label = argv[2], *video = argv[4];
	int k = atoi(argv[3]), nodes = argc - 5, sfd = -1;
	struct rlimit rl = { .rlim_cur = k + 64, .rlim_max = k + 64 };
	char path[256];
	uint64_t t0, unbind_ns, bind_ns;
	int *fds;

	if (nodes < 1 || k < 0)
		return 2;
	if (rl.rlim_cur > 1024 && setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit");
	fds = calloc(k + 1, sizeof(*fds));
	if (!fds)
		die("calloc");
	for (int i = 0; i < k; i++) {
		fds[i] = open(argv[5 + i % nodes], O_RDWR);
		if (fds[i] < 0)
			die(argv[5 + i % nodes]);
	}
	if (strcmp(video, "-")) {
		sfd = open(video, O_RDWR);
		if (sfd < 0)
			die(video);
		stream_start(sfd, 4);
		stream_cycle(sfd);
		stream_cycle(sfd);
	}
	snprintf(path, sizeof(path), "%s/unbind", dir);
	t0 = now_ns();
	write_file(path, device);
	unbind_ns = now_ns() - t0;
	if (sfd >= 0)
		close(sfd);
	for (int i = 0; i < k; i++)
		close(fds[i]);
	snprintf(path, sizeof(path), "%s/bind", dir);
	t0 = now_ns();
	write_file(path, device);
	bind_ns = now_ns() - t0;
	printf("BENCH unbind label=%s handles=%d streaming=%d unbind_ns=%llu bind_ns=%llu\n",
	       label, k, sfd >= 0, (unsigned long long)unbind_ns, (unsigned long long)bind_ns);
	free(fds);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 5 && !strcmp(argv[1], "topo"))
		return cmd_topo(argv + 2, 0);
	if (argc >= 5 && !strcmp(argv[1], "enum"))
		return cmd_topo(argv + 2, 1);
	if (argc >= 7 && !strcmp(argv[1], "stream"))
		return cmd_stream(argc - 2, argv + 2);
	if (argc >= 8 && !strcmp(argv[1], "unbind"))
		return cmd_unbind(argc - 2, argv + 2);
	fprintf(stderr, "usage: %s topo|enum|stream|unbind ... (see the source's head)\n",
		argv[0]);
	return 2;
}
