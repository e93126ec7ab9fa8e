// SPDX-License-Identifier: GPL-2.0
/*
 * The size and rate ioctls of a capture node (ENUM_FRAMESIZES,
 * ENUM_FRAMEINTERVALS, G_PARM, S_PARM) with good and bad input: an unknown
 * format, an index past the end, a size the node does not take and a wrong
 * buffer type each fail with EINVAL, and none of them (nor S_PARM asking for
 * another rate) changes the node's format or frame interval.
 *
 *   vcam-enum-test CAPTURE_NODE [METADATA_NODE]
 *
 * The metadata node, if given, must answer all four with ENOTTY.
 * Prints "ok N - what" / "not ok N - what"; exits 1 on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/vcam-config.h>
#include <linux/videodev2.h>

static int n, failed;

static void check(int ok, const char *what, int err)
{
	n++;
	if (!ok)
		failed = 1;
	printf("%s %d - %s%s%s\n", ok ? "ok" : "not ok", n, what,
	       ok ? "" : ": errno ", ok ? "" : strerror(err));
}

/* ioctl @req fails with exactly @want. */
static void expect_err(int fd, unsigned long req, void *arg, int want, const char *what)
{
	int r = ioctl(fd, req, arg);

	check(r < 0 && errno == want, what, r < 0 ? errno : 0);
}

int main(int argc, char **argv)
{
	struct v4l2_format fmt0 = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE }, fmt1;
	struct v4l2_streamparm p0 = { .type = V4L2_BUF_TYPE_VIDEO_CAPTURE }, p1;
	struct v4l2_frmsizeenum fs;
	struct v4l2_frmivalenum fi;
	__u32 count = 0;
	int fd, r;

	if (argc < 2) {
		fprintf(stderr, "usage: %s CAPTURE_NODE [METADATA_NODE]\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	check(ioctl(fd, VIDIOC_G_FMT, &fmt0) == 0, "G_FMT", errno);
	check(ioctl(fd, VIDIOC_G_PARM, &p0) == 0 &&
	      (p0.parm.capture.capability & V4L2_CAP_TIMEPERFRAME) &&
	      p0.parm.capture.timeperframe.numerator && p0.parm.capture.timeperframe.denominator,
	      "G_PARM reports a frame interval", errno);
	printf("# format %.4s %ux%u, interval %u/%u\n", (char *)&fmt0.fmt.pix.pixelformat,
	       fmt0.fmt.pix.width, fmt0.fmt.pix.height, p0.parm.capture.timeperframe.numerator,
	       p0.parm.capture.timeperframe.denominator);

	/* Good input: the current format's sizes, and the current size's interval. */
	memset(&fs, 0, sizeof(fs));
	fs.pixel_format = fmt0.fmt.pix.pixelformat;
	while (ioctl(fd, VIDIOC_ENUM_FRAMESIZES, &fs) == 0) {
		printf("# size %u: type %u, %ux%u\n", fs.index, fs.type,
		       fs.type == V4L2_FRMSIZE_TYPE_DISCRETE ? fs.discrete.width : fs.stepwise.max_width,
		       fs.type == V4L2_FRMSIZE_TYPE_DISCRETE ? fs.discrete.height : fs.stepwise.max_height);
		count = ++fs.index;
		if (count > 64)
			break;
	}
	check(count > 0 && count <= 64 && errno == EINVAL,
	      "ENUM_FRAMESIZES lists sizes, then EINVAL", errno);
	memset(&fi, 0, sizeof(fi));
	fi.pixel_format = fmt0.fmt.pix.pixelformat;
	fi.width = fmt0.fmt.pix.width;
	fi.height = fmt0.fmt.pix.height;
	r = ioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &fi);
	check(r == 0 && fi.type == V4L2_FRMIVAL_TYPE_DISCRETE &&
	      fi.discrete.numerator == p0.parm.capture.timeperframe.numerator &&
	      fi.discrete.denominator == p0.parm.capture.timeperframe.denominator,
	      "ENUM_FRAMEINTERVALS: the G_PARM interval", errno);

	/* Bad input. */
	memset(&fs, 0, sizeof(fs));
	fs.pixel_format = 0x20202020; /* "    ": no such format */
	expect_err(fd, VIDIOC_ENUM_FRAMESIZES, &fs, EINVAL, "ENUM_FRAMESIZES unknown format");
	memset(&fs, 0, sizeof(fs));
	fs.pixel_format = fmt0.fmt.pix.pixelformat;
	fs.index = count;
	expect_err(fd, VIDIOC_ENUM_FRAMESIZES, &fs, EINVAL, "ENUM_FRAMESIZES index past the end");
	fs.index = 0xffffffffu;
	expect_err(fd, VIDIOC_ENUM_FRAMESIZES, &fs, EINVAL, "ENUM_FRAMESIZES index 2^32-1");
	memset(&fi, 0, sizeof(fi));
	fi.pixel_format = 0x20202020;
	fi.width = fmt0.fmt.pix.width;
	fi.height = fmt0.fmt.pix.height;
	expect_err(fd, VIDIOC_ENUM_FRAMEINTERVALS, &fi, EINVAL, "ENUM_FRAMEINTERVALS unknown format");
	fi.pixel_format = fmt0.fmt.pix.pixelformat;
	fi.index = 1;
	expect_err(fd, VIDIOC_ENUM_FRAMEINTERVALS, &fi, EINVAL, "ENUM_FRAMEINTERVALS index past the end");
	fi.index = 0;
	fi.width += 1; /* odd: no node of vcam takes it */
	expect_err(fd, VIDIOC_ENUM_FRAMEINTERVALS, &fi, EINVAL, "ENUM_FRAMEINTERVALS size not taken");
	fi.width = 0;
	fi.height = 0;
	expect_err(fd, VIDIOC_ENUM_FRAMEINTERVALS, &fi, EINVAL, "ENUM_FRAMEINTERVALS size 0x0");
	memset(&p1, 0, sizeof(p1));
	p1.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	expect_err(fd, VIDIOC_G_PARM, &p1, EINVAL, "G_PARM wrong buffer type");
	p1.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
	p1.parm.output.timeperframe.numerator = 1;
	p1.parm.output.timeperframe.denominator = 5;
	expect_err(fd, VIDIOC_S_PARM, &p1, EINVAL, "S_PARM wrong buffer type");
	p1.type = 0x7fff;
	expect_err(fd, VIDIOC_S_PARM, &p1, EINVAL, "S_PARM unknown buffer type");

	/* S_PARM cannot change the rate (the sensor sets it): it reports it. */
	memset(&p1, 0, sizeof(p1));
	p1.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	p1.parm.capture.timeperframe.numerator = 1;
	p1.parm.capture.timeperframe.denominator = 5;
	r = ioctl(fd, VIDIOC_S_PARM, &p1);
	check(r == 0 && !memcmp(&p1.parm.capture.timeperframe, &p0.parm.capture.timeperframe,
				sizeof(struct v4l2_fract)),
	      "S_PARM reports the interval in force", errno);

	/* Nothing changed. */
	memset(&fmt1, 0, sizeof(fmt1));
	fmt1.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	memset(&p1, 0, sizeof(p1));
	p1.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
	check(ioctl(fd, VIDIOC_G_FMT, &fmt1) == 0 && !memcmp(&fmt0, &fmt1, sizeof(fmt0)),
	      "the format did not change", errno);
	check(ioctl(fd, VIDIOC_G_PARM, &p1) == 0 && !memcmp(&p0, &p1, sizeof(p0)),
	      "the frame interval did not change", errno);
	close(fd);

	if (argc > 2) {
		fd = open(argv[2], O_RDWR);
		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
		memset(&fs, 0, sizeof(fs));
		fs.pixel_format = V4L2_META_FMT_VCAM_STATS;
		expect_err(fd, VIDIOC_ENUM_FRAMESIZES, &fs, ENOTTY, "metadata: ENUM_FRAMESIZES");
		memset(&fi, 0, sizeof(fi));
		expect_err(fd, VIDIOC_ENUM_FRAMEINTERVALS, &fi, ENOTTY, "metadata: ENUM_FRAMEINTERVALS");
		memset(&p1, 0, sizeof(p1));
		p1.type = V4L2_BUF_TYPE_META_CAPTURE;
		expect_err(fd, VIDIOC_G_PARM, &p1, ENOTTY, "metadata: G_PARM");
		expect_err(fd, VIDIOC_S_PARM, &p1, ENOTTY, "metadata: S_PARM");
		close(fd);
	}
	printf("# %s\n", failed ? "FAILED" : "all ok");
	return failed;
}
