/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C++ driver interface of the V4L2 bridge: a driver writes a class with
 * member functions, and the adaptors here turn it into the C ops tables of
 * <mcpp/v4l2.h> at compile time. An op the class does not define is NULL in
 * the table, so the node answers ENOTTY for it, exactly as a C driver that
 * leaves it out. No virtual functions: the dispatch is a static cast of the
 * drvdata the bridge hands back.
 *
 * Sub-device driver (every member optional unless marked):
 *
 *   void init_state(SubdevState &st);                        required
 *   Status set_format(SubdevState &st, v4l2_subdev_format &f); required
 *   Status enum_mbus_code(v4l2_subdev_mbus_code_enum &c);    required
 *   Status enum_frame_size(v4l2_subdev_frame_size_enum &f);  required
 *   Status get_selection(SubdevState &st, v4l2_subdev_selection &s);
 *   Status set_selection(SubdevState &st, v4l2_subdev_selection &s);
 *   Status enum_frame_interval(v4l2_subdev_frame_interval_enum &f);
 *   Status get_frame_interval(SubdevState &st, v4l2_subdev_frame_interval &f);
 *   Status set_frame_interval(SubdevState &st, v4l2_subdev_frame_interval &f);
 *   Status s_ctrl(u32 id, s64 value);
 *   Status s_stream(bool enable);
 *   Status link_validate(u32 sink_pad, const v4l2_mbus_framefmt &source,
 *                        const v4l2_mbus_framefmt &sink);
 *   static constexpr bool kFrameSync = true;  it calls mcpp_subdev_frame_sync()
 *
 * Video or metadata node driver:
 *
 *   Result<u32> enum_fmt(u32 index, u32 mbus_code);          required
 *   void adjust_fmt(v4l2_pix_format &pix);        required for video capture
 *   void adjust_meta(v4l2_meta_format &meta);     required for metadata
 *   const char *format_name(u32 format);
 *   Status start_streaming();                                required
 *   void stop_streaming();                                   required
 *   Status enum_framesize(v4l2_frmsizeenum &f);          (video capture)
 *   Status frame_interval(v4l2_fract &interval);          (video capture)
 *   unsigned int ctrls(const mcpp_ctrl_desc **descs);    with s_ctrl
 *   Status s_ctrl(u32 id, s64 value);
 *   Status g_ctrl(u32 id, s64 &value);             for volatile controls
 *
 * The contexts and rules of each op are those of the C table it fills
 * (kerneldoc in <mcpp/v4l2.h>). Lifetime: the driver object must outlive the
 * media device (free it from the device's release callback).
 */
#pragma once

#include <linux/v4l2-mediabus.h>
#include <linux/v4l2-subdev.h>
#include <linux/videodev2.h>

#include <kcxx/result.hpp>
#include <mcpp/mcpp.hpp>
#include <mcpp/v4l2.h>

namespace mcpp::api {

using kcxx::Result;
using kcxx::Status;

/*
 * One TRY or ACTIVE configuration of a sub-device. @pad must be one the
 * sub-device has: the pad an op was given (the V4L2 core checked it) or one
 * of the driver's own.
 */
class SubdevState {
public:
	explicit SubdevState(mcpp_sd_state *s) : s_(s) {}

	v4l2_mbus_framefmt &format(__u32 pad) const { return *mcpp_state_format(s_, pad); }
	v4l2_rect &crop(__u32 pad) const { return *mcpp_state_crop(s_, pad); }
	v4l2_rect &compose(__u32 pad) const { return *mcpp_state_compose(s_, pad); }
	v4l2_fract &interval(__u32 pad) const { return *mcpp_state_interval(s_, pad); }

private:
	mcpp_sd_state *s_;
};

template <class D> class SubdevAdaptor {
public:
	static constexpr mcpp_subdev_ops table()
	{
		mcpp_subdev_ops o = {};
		o.init_state = [](void *p, mcpp_sd_state *s) {
			SubdevState st(s);
			drv(p).init_state(st);
		};
		o.set_format = [](void *p, mcpp_sd_state *s, v4l2_subdev_format *f) {
			SubdevState st(s);
			return drv(p).set_format(st, *f).code();
		};
		o.enum_mbus_code = [](void *p, v4l2_subdev_mbus_code_enum *c) {
			return drv(p).enum_mbus_code(*c).code();
		};
		o.enum_frame_size = [](void *p, v4l2_subdev_frame_size_enum *f) {
			return drv(p).enum_frame_size(*f).code();
		};
		if constexpr (requires(D & d, SubdevState & st, v4l2_subdev_selection & s) {
				      d.get_selection(st, s);
			      })
			o.get_selection = [](void *p, mcpp_sd_state *s,
					     v4l2_subdev_selection *sel) {
				SubdevState st(s);
				return drv(p).get_selection(st, *sel).code();
			};
		if constexpr (requires(D & d, SubdevState & st, v4l2_subdev_selection & s) {
				      d.set_selection(st, s);
			      })
			o.set_selection = [](void *p, mcpp_sd_state *s,
					     v4l2_subdev_selection *sel) {
				SubdevState st(s);
				return drv(p).set_selection(st, *sel).code();
			};
		if constexpr (requires(D & d, v4l2_subdev_frame_interval_enum & f) {
				      d.enum_frame_interval(f);
			      })
			o.enum_frame_interval = [](void *p, v4l2_subdev_frame_interval_enum *f) {
				return drv(p).enum_frame_interval(*f).code();
			};
		if constexpr (requires(D & d, SubdevState & st, v4l2_subdev_frame_interval & f) {
				      d.get_frame_interval(st, f);
			      })
			o.get_frame_interval = [](void *p, mcpp_sd_state *s,
						  v4l2_subdev_frame_interval *f) {
				SubdevState st(s);
				return drv(p).get_frame_interval(st, *f).code();
			};
		if constexpr (requires(D & d, SubdevState & st, v4l2_subdev_frame_interval & f) {
				      d.set_frame_interval(st, f);
			      })
			o.set_frame_interval = [](void *p, mcpp_sd_state *s,
						  v4l2_subdev_frame_interval *f) {
				SubdevState st(s);
				return drv(p).set_frame_interval(st, *f).code();
			};
		if constexpr (requires(D & d) { d.s_ctrl(0u, 0ll); })
			o.s_ctrl = [](void *p, __u32 id, __s64 value) {
				return drv(p).s_ctrl(id, value).code();
			};
		if constexpr (requires(D & d) { d.s_stream(true); })
			o.s_stream = [](void *p, int enable) {
				return drv(p).s_stream(enable != 0).code();
			};
		if constexpr (requires(D & d, const v4l2_mbus_framefmt &f) {
				      d.link_validate(0u, f, f);
			      })
			o.link_validate = [](void *p, __u32 pad, const v4l2_mbus_framefmt *source,
					     const v4l2_mbus_framefmt *sink) {
				return drv(p).link_validate(pad, *source, *sink).code();
			};
		if constexpr (requires { D::kFrameSync; })
			o.frame_sync = D::kFrameSync;
		return o;
	}

	static constexpr mcpp_subdev_ops ops = table();

private:
	static D &drv(void *p) { return *static_cast<D *>(p); }
};

template <class D> class VideoAdaptor {
public:
	static constexpr mcpp_video_ops table()
	{
		mcpp_video_ops o = {};
		o.enum_fmt = [](void *p, __u32 index, __u32 mbus_code, __u32 *format) {
			auto r = drv(p).enum_fmt(index, mbus_code);
			if (r.ok())
				*format = r.value();
			return r.code();
		};
		if constexpr (requires(D & d, v4l2_pix_format & f) { d.adjust_fmt(f); })
			o.adjust_fmt = [](void *p, v4l2_pix_format *f) {
				drv(p).adjust_fmt(*f);
			};
		if constexpr (requires(D & d, v4l2_meta_format & f) { d.adjust_meta(f); })
			o.adjust_meta = [](void *p, v4l2_meta_format *f) {
				drv(p).adjust_meta(*f);
			};
		if constexpr (requires(D & d) { d.format_name(0u); })
			o.format_name = [](void *p, __u32 f) {
				return drv(p).format_name(f);
			};
		o.start_streaming = [](void *p) {
			return drv(p).start_streaming().code();
		};
		o.stop_streaming = [](void *p) {
			drv(p).stop_streaming();
		};
		if constexpr (requires(D & d, v4l2_frmsizeenum & f) { d.enum_framesize(f); })
			o.enum_framesize = [](void *p, v4l2_frmsizeenum *f) {
				return drv(p).enum_framesize(*f).code();
			};
		if constexpr (requires(D & d, v4l2_fract & f) { d.frame_interval(f); })
			o.frame_interval = [](void *p, v4l2_fract *f) {
				return drv(p).frame_interval(*f).code();
			};
		if constexpr (requires(D & d, const mcpp_ctrl_desc **c) { d.ctrls(c); })
			o.ctrls = [](void *p, const mcpp_ctrl_desc **c) -> unsigned int {
				return drv(p).ctrls(c);
			};
		if constexpr (requires(D & d) { d.s_ctrl(0u, 0ll); })
			o.s_ctrl = [](void *p, __u32 id, __s64 value) {
				return drv(p).s_ctrl(id, value).code();
			};
		if constexpr (requires(D & d, kcxx::s64 & v) { d.g_ctrl(0u, v); })
			o.g_ctrl = [](void *p, __u32 id, __s64 *value) {
				kcxx::s64 v = 0;
				const int ret = drv(p).g_ctrl(id, v).code();

				*value = v;
				return ret;
			};
		return o;
	}

	static constexpr mcpp_video_ops ops = table();

private:
	static D &drv(void *p) { return *static_cast<D *>(p); }
};

/*
 * A buffer the driver holds, taken from a node's queue for one frame:
 * move-only, and it gives itself back flagged V4L2_BUF_FLAG_ERROR when it is
 * destroyed, reset or overwritten unless done() gave it back first. So no
 * path (an early return, a frame abandoned halfway) can keep a buffer from
 * videobuf2, which WARNs at stop about every buffer the driver still owns.
 * Empty when userspace had queued none (a drop). Completing from any
 * context is fine (mcpp_buffer_done()).
 */
class Buffer {
public:
	Buffer() = default;
	/* The node's oldest queued buffer, to be returned with @sequence; may be empty. */
	static Buffer take(mcpp_video *node, __u32 sequence)
	{
		return Buffer(mcpp_video_next_buffer(node), sequence);
	}
	Buffer(Buffer &&o) : buf_(kcxx::exchange(o.buf_, nullptr)), seq_(o.seq_) {}
	Buffer &operator=(Buffer &&o)
	{
		if (this != &o) {
			reset();
			buf_ = kcxx::exchange(o.buf_, nullptr);
			seq_ = o.seq_;
		}
		return *this;
	}
	Buffer(const Buffer &) = delete;
	Buffer &operator=(const Buffer &) = delete;
	~Buffer() { reset(); }

	explicit operator bool() const { return buf_ != nullptr; }
	/* The plane's memory; *size gets its length (see mcpp_buffer_plane()). */
	void *plane(size_t *size) const { return mcpp_buffer_plane(buf_, size); }
	/* Gives it back to userspace: filled, or flagged ERROR if @error. Empty after. */
	void done(bool error)
	{
		if (mcpp_buffer *b = kcxx::exchange(buf_, nullptr))
			mcpp_buffer_done(b, seq_, error);
	}
	/* Gives it back flagged ERROR (the frame was not produced). Empty after. */
	void reset() { done(true); }

private:
	Buffer(mcpp_buffer *b, __u32 sequence) : buf_(b), seq_(sequence) {}

	mcpp_buffer *buf_ = nullptr;
	__u32 seq_ = 0;
};

/* Gives @e a sub-device node driven by @driver (which must outlive the device). */
template <class D> Status register_subdev(const Entity &e, D &driver,
					  const mcpp_ctrl_desc *ctrls = nullptr,
					  unsigned int num_ctrls = 0)
{
	return kcxx::status_from_errno(
		mcpp_subdev_register(e.get(), &SubdevAdaptor<D>::ops, &driver, ctrls, num_ctrls));
}

/* Runs f(SubdevState &) on @e's ACTIVE state, locked (see the C function). */
template <class F> Status with_active_state(const Entity &e, F &&f)
{
	using Fn = kcxx::remove_reference_t<F>;
	auto call = [](void *ctx, mcpp_sd_state *s) {
		SubdevState st(s);
		(*static_cast<Fn *>(ctx))(st);
	};
	return kcxx::status_from_errno(mcpp_subdev_with_active_state(e.get(), call, &f));
}

/* A video capture node; valid until the device is unregistered. */
template <class D> Result<mcpp_video *> register_video(const Entity &e, D &driver)
{
	mcpp_video *v = mcpp_video_register(e.get(), &VideoAdaptor<D>::ops, &driver);
	if (kcxx::is_err(v))
		return kcxx::Error(kcxx::ptr_err(v));
	return v;
}

/* A metadata capture (statistics) or output (parameters) node. */
template <class D> Result<mcpp_video *> register_meta(const Entity &e, bool output, D &driver)
{
	mcpp_video *v = mcpp_meta_register(e.get(), output, &VideoAdaptor<D>::ops, &driver);
	if (kcxx::is_err(v))
		return kcxx::Error(kcxx::ptr_err(v));
	return v;
}

} // namespace mcpp::api
