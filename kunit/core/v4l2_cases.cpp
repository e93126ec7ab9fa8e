// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp_cxx_driver: the C++ driver interface (<mcpp/v4l2.hpp>). The adaptor
 * tables hold exactly the ops a driver class defines (the rest NULL, so the
 * node answers ENOTTY), dispatch to the driver object the bridge hands back,
 * and turn Status into errnos; a class registers as a real sub-device and
 * capture node, whose creation calls back into it.
 */
#include <linux/media-bus-format.h>
#include <mcpp/v4l2.hpp>

#include "fixture.hpp"
#include "v4l2_cases.h"

using namespace mcpp_test;
namespace api = mcpp::api;
using kcxx::Error;
using kcxx::Result;
using kcxx::Status;

namespace {

/* Only what a sub-device must have. */
struct MinimalSubdev {
	int inits = 0;

	void init_state(api::SubdevState &st)
	{
		inits++;
		st.format(0) = {};
		st.format(0).code = MEDIA_BUS_FMT_SRGGB10_1X10;
		st.format(0).width = 640;
		st.format(0).height = 480;
	}
	Status set_format(api::SubdevState &st, v4l2_subdev_format &f)
	{
		f.format = st.format(f.pad);
		return {};
	}
	Status enum_mbus_code(v4l2_subdev_mbus_code_enum &c)
	{
		if (c.index)
			return Error(-EINVAL);
		c.code = MEDIA_BUS_FMT_SRGGB10_1X10;
		return {};
	}
	Status enum_frame_size(v4l2_subdev_frame_size_enum &) { return Error(-EINVAL); }
};

/* Plus selection, streaming and link validation. */
struct FullSubdev : MinimalSubdev {
	bool streaming = false;
	int stream_ret = 0;

	Status get_selection(api::SubdevState &, v4l2_subdev_selection &) { return {}; }
	Status set_selection(api::SubdevState &, v4l2_subdev_selection &) { return {}; }
	Status s_stream(bool enable)
	{
		if (stream_ret)
			return Error(stream_ret);
		streaming = enable;
		return {};
	}
	Status link_validate(u32, const v4l2_mbus_framefmt &source, const v4l2_mbus_framefmt &sink)
	{
		return source.code == sink.code ? Status() : Status(Error(-EPIPE));
	}
};

struct Capture {
	int starts = 0, stops = 0;

	Result<u32> enum_fmt(u32 index, u32 mbus_code)
	{
		if (index || (mbus_code && mbus_code != MEDIA_BUS_FMT_SRGGB10_1X10))
			return Error(-EINVAL);
		return u32(V4L2_PIX_FMT_SRGGB10);
	}
	void adjust_fmt(v4l2_pix_format &pix)
	{
		pix.pixelformat = V4L2_PIX_FMT_SRGGB10;
		pix.width = 640;
		pix.height = 480;
		pix.field = V4L2_FIELD_NONE;
		pix.bytesperline = 1280;
		pix.sizeimage = 1280 * 480;
	}
	Status start_streaming()
	{
		starts++;
		return {};
	}
	void stop_streaming() { stops++; }
};

} // namespace

extern "C" void mcpp_test_cxx_driver_tables(struct kunit *test)
{
	const mcpp_subdev_ops &min = api::SubdevAdaptor<MinimalSubdev>::ops;
	const mcpp_subdev_ops &full = api::SubdevAdaptor<FullSubdev>::ops;
	const mcpp_video_ops &cap = api::VideoAdaptor<Capture>::ops;

	KCXX_EXPECT(test,
		    min.init_state && min.set_format && min.enum_mbus_code && min.enum_frame_size);
	KCXX_EXPECT(test, !min.get_selection && !min.set_selection && !min.s_stream &&
				  !min.s_ctrl && !min.link_validate && !min.enum_frame_interval &&
				  !min.get_frame_interval && !min.set_frame_interval);
	KCXX_EXPECT(test, !min.init_format && !min.adjust_format);
	KCXX_EXPECT(test, full.get_selection && full.set_selection && full.s_stream &&
				  full.link_validate && !full.s_ctrl);

	FullSubdev sd;
	v4l2_subdev_mbus_code_enum code = {};
	KCXX_EXPECT_EQ(test, full.enum_mbus_code(&sd, &code), 0);
	KCXX_EXPECT_EQ(test, code.code, u32(MEDIA_BUS_FMT_SRGGB10_1X10));
	code.index = 1;
	KCXX_EXPECT_EQ(test, full.enum_mbus_code(&sd, &code), -EINVAL);
	KCXX_EXPECT_EQ(test, full.s_stream(&sd, 1), 0);
	KCXX_EXPECT(test, sd.streaming);
	sd.stream_ret = -EIO;
	KCXX_EXPECT_EQ(test, full.s_stream(&sd, 0), -EIO);
	KCXX_EXPECT(test, sd.streaming);
	v4l2_mbus_framefmt a = {}, b = {};
	a.code = MEDIA_BUS_FMT_SRGGB10_1X10;
	KCXX_EXPECT_EQ(test, full.link_validate(&sd, 0, &a, &b), -EPIPE);
	b.code = a.code;
	KCXX_EXPECT_EQ(test, full.link_validate(&sd, 0, &a, &b), 0);

	KCXX_EXPECT(test, cap.adjust_fmt && !cap.adjust_meta && !cap.format_name);
	Capture c;
	u32 fourcc = 0;
	KCXX_EXPECT_EQ(test, cap.enum_fmt(&c, 0, 0, &fourcc), 0);
	KCXX_EXPECT_EQ(test, fourcc, u32(V4L2_PIX_FMT_SRGGB10));
	KCXX_EXPECT_EQ(test, cap.enum_fmt(&c, 0, MEDIA_BUS_FMT_YUYV8_1X16, &fourcc), -EINVAL);
	KCXX_EXPECT_EQ(test, cap.start_streaming(&c), 0);
	cap.stop_streaming(&c);
	KCXX_EXPECT(test, c.starts == 1 && c.stops == 1);
}

/* Real nodes from C++ classes: creation calls init_state and adjust_fmt. */
extern "C" void mcpp_test_cxx_driver_registers(struct kunit *test)
{
	static const __u32 src[] = { MEDIA_PAD_FL_SOURCE };
	static const __u32 snk[] = { MEDIA_PAD_FL_SINK };
	Heap<Driver> drv;
	Heap<FullSubdev> sd;
	Heap<Capture> cap;

	KCXX_EXPECT(test, drv && sd && cap);
	if (!drv || !sd || !cap)
		return;
	{
		api::Device dev = make_device(test, *drv);
		auto sensor = api::create_entity(dev, "sensor", MEDIA_ENT_F_CAM_SENSOR, 0, 1, src);
		auto io = api::create_entity(dev, "capture", MEDIA_ENT_F_IO_V4L, 0, 1, snk);
		KCXX_EXPECT(test, sensor.ok() && io.ok());
		if (!sensor.ok() || !io.ok())
			return;
		KCXX_EXPECT_EQ(test, api::register_subdev(sensor.value(), *sd).code(), 0);
		KCXX_EXPECT(test, sd->inits >= 1); /* the ACTIVE state was initialised */
		auto video = api::register_video(io.value(), *cap);
		KCXX_EXPECT(test, video.ok());
		KCXX_EXPECT_EQ(test, mcpp_device_register(dev.get()), 0);
		mcpp_device_unregister(dev.get());
	}
	KCXX_EXPECT(test, wait_released(*drv));
	KCXX_EXPECT_EQ(test, drv->released, 1);
}
