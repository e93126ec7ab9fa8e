// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's frame path, run by the instance's frame thread with frame_lock_
 * held: every streaming sensor renders one frame; raw nodes get their
 * sensor's frame, the ISP processes the frame of the sensor linked to it
 * (statistics to the stats node), both resizers scale the ISP's output for
 * the main and self nodes. Every output of one tick carries the same
 * sequence number. Parameters taken during a frame apply from the next.
 *
 * The pixel work is the frame library's (frame/): row loops, no per-pixel
 * indirect calls. A resizer at 1:1 only converts, so its node's rows are
 * written from the ISP's row loop while each row is in the cache; only a
 * scaling resizer needs the ISP's whole frame. Frame buffers are allocated
 * when the first node starts streaming and freed by the thread as it ends.
 *
 * Stopping never waits for a frame: the ISP's row loop lets go of
 * frame_lock_ every kBand rows (frame_yield()); a node stopped meanwhile
 * has given its buffer back with an error (node_stopped()), and the frame
 * goes on without it, or ends at once when no node is left. Every buffer
 * the frame takes is an api::Buffer, which gives itself back flagged ERROR
 * on any path that does not complete it.
 */
#include <linux/media-bus-format.h>

#include <mcpp/test.h>

#include "frame/isp.hpp"
#include "frame/resize.hpp"
#include "frame/sensor.hpp"
#include "vcam.hpp"

namespace vcam {

namespace {

constexpr size_t kRawSamples = size_t(kArrayWidth) * kArrayHeight;
constexpr size_t kIspOutBytes = size_t(kArrayWidth) * kArrayHeight * 3;
constexpr size_t kLineBytes = size_t(kArrayWidth) * 3;
constexpr u32 kBand = 32; // ISP rows between two yields of frame_lock_

frame::Pattern pattern_of(u32 menu_index)
{
	switch (menu_index) {
	case 1:
		return frame::Pattern::gradient;
	case 2:
		return frame::Pattern::checkerboard;
	case 3:
		return frame::Pattern::solid;
	case 4:
		return frame::Pattern::noise;
	default:
		return frame::Pattern::colour_bars;
	}
}

/* 8, 10 or 12-bit unpacked; false for a non-Bayer pixel format. */
bool raw_format_of(u32 pixelformat, frame::RawFormat *f)
{
	static constexpr u32 codes[] = {
		MEDIA_BUS_FMT_SRGGB8_1X8, MEDIA_BUS_FMT_SRGGB10_1X10, MEDIA_BUS_FMT_SRGGB12_1X12,
		MEDIA_BUS_FMT_SGRBG8_1X8, MEDIA_BUS_FMT_SGRBG10_1X10, MEDIA_BUS_FMT_SGRBG12_1X12,
		MEDIA_BUS_FMT_SGBRG8_1X8, MEDIA_BUS_FMT_SGBRG10_1X10, MEDIA_BUS_FMT_SGBRG12_1X12,
		MEDIA_BUS_FMT_SBGGR8_1X8, MEDIA_BUS_FMT_SBGGR10_1X10, MEDIA_BUS_FMT_SBGGR12_1X12,
	};
	for (u32 i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (bayer_pixfmt(codes[i]) != pixelformat)
			continue;
		*f = i % 3 == 0 ? frame::RawFormat::raw8 :
		     i % 3 == 1 ? frame::RawFormat::raw10 :
				  frame::RawFormat::raw12;
		return true;
	}
	return false;
}

bool out_format_of(u32 pixelformat, frame::OutFormat *f)
{
	switch (pixelformat) {
	case V4L2_PIX_FMT_YUYV:
		*f = frame::OutFormat::yuyv;
		return true;
	case V4L2_PIX_FMT_UYVY:
		*f = frame::OutFormat::uyvy;
		return true;
	case V4L2_PIX_FMT_NV12:
		*f = frame::OutFormat::nv12;
		return true;
	case V4L2_PIX_FMT_NV16:
		*f = frame::OutFormat::nv16;
		return true;
	case V4L2_PIX_FMT_RGB24:
		*f = frame::OutFormat::rgb24;
		return true;
	case V4L2_PIX_FMT_XBGR32:
		*f = frame::OutFormat::xbgr32;
		return true;
	default:
		return false;
	}
}

frame::Encoding encoding_of(const IspConfig &c)
{
	if (c.out_code == MEDIA_BUS_FMT_RGB888_1X24)
		return frame::Encoding::rgb;
	const bool full = c.quantization == V4L2_QUANTIZATION_FULL_RANGE;
	if (c.ycbcr_enc == V4L2_YCBCR_ENC_709)
		return full ? frame::Encoding::bt709_full : frame::Encoding::bt709_limited;
	return full ? frame::Encoding::bt601_full : frame::Encoding::bt601_limited;
}

/*
 * Exposure (lines), analogue gain and digital gain (Q8) as one Q8.8 gain;
 * 1000 lines at unity gains is 1x. vcam's analogue gain: 16 = 1x; the
 * IMX219's: code c gives 256 / (256 - c), libcamera's helper's model.
 */
u32 total_gain(const SensorConfig &c)
{
	u64 g = c.imx219 ? u64(c.exposure) * 256 * c.digital_gain /
				   (1000ull *
				    (256 - (c.analogue_gain < 256 ? c.analogue_gain : 255))) :
			   u64(c.exposure) * c.analogue_gain * c.digital_gain / 16000;
	return g > 65535 ? 65535 : u32(g);
}

/* The IMX219's menu (Disabled, Color Bars, Solid Color, Grey Color Bars, PN9). */
frame::Pattern imx219_pattern_of(u32 menu_index, bool *scene)
{
	*scene = menu_index == 0;
	switch (menu_index) {
	case 2:
		return frame::Pattern::solid;
	case 3:
		return frame::Pattern::gradient;
	case 4:
		return frame::Pattern::noise;
	default:
		return frame::Pattern::colour_bars;
	}
}

} // namespace

/* Everything the frame path needs beyond the objects: megabytes, in vmalloc. */
struct FrameBuffers {
	u16 *raw[kMaxSensors];
	u8 *isp_out;
	u8 *lines; // two ISP output rows, when no scaling resizer needs the frame
	frame::IspTables *tables;
	u8 *isp_scratch;
	u8 *resize_scratch;
	u8 *params_copy; // rkisp1: a private copy of one parameter buffer
	frame::Rk1Scratch *rk1_scratch;
	// The IMX219's exposure takes effect a frame later than its gain: the
	// exposure each sensor's previous frame saw (valid once one was rendered).
	u32 prev_exposure[kMaxSensors];
	bool have_prev[kMaxSensors];
	frame::Encoding built_for;
	bool tables_valid;
	// The ISP's sensor, when nothing else reads its frame: its rows are
	// rendered in the ISP's row loop (render_sensor(), run_isp()); where
	// that frame would have been.
	frame::SensorRows rows;
	u16 *rows_frame;
};

static void free_buffers(FrameBuffers *fb)
{
	if (!fb)
		return;
	for (u16 *r : fb->raw)
		vcam_vfree(r);
	vcam_vfree(fb->isp_out);
	vcam_vfree(fb->lines);
	vcam_vfree(fb->tables);
	vcam_vfree(fb->isp_scratch);
	vcam_vfree(fb->resize_scratch);
	vcam_vfree(fb->params_copy);
	vcam_vfree(fb->rk1_scratch);
	vcam_vfree(fb);
}

Status Instance::alloc_frames()
{
	FrameBuffers *fb = static_cast<FrameBuffers *>(vcam_vzalloc(sizeof(FrameBuffers)));
	if (!fb)
		return Error(-ENOMEM);
	bool ok = true;
	for (u32 i = 0; i < num_sensors; i++) {
		fb->raw[i] = static_cast<u16 *>(vcam_vzalloc(kRawSamples * sizeof(u16)));
		ok = ok && fb->raw[i];
	}
	fb->isp_out = static_cast<u8 *>(vcam_vzalloc(kIspOutBytes));
	fb->lines = static_cast<u8 *>(vcam_vzalloc(2 * kLineBytes));
	fb->tables = static_cast<frame::IspTables *>(vcam_vzalloc(sizeof(frame::IspTables)));
	fb->isp_scratch = static_cast<u8 *>(vcam_vzalloc(frame::isp_scratch_bytes(kArrayWidth)));
	fb->resize_scratch =
		static_cast<u8 *>(vcam_vzalloc(frame::resize_scratch_bytes(kArrayWidth)));
	if (personality->flavour == Flavour::rkisp1) {
		fb->params_copy = static_cast<u8 *>(vcam_vzalloc(sizeof(rkisp1_ext_params_cfg)));
		fb->rk1_scratch =
			static_cast<frame::Rk1Scratch *>(vcam_vzalloc(sizeof(frame::Rk1Scratch)));
		ok = ok && fb->params_copy && fb->rk1_scratch;
	}
	if (!ok || !fb->isp_out || !fb->lines || !fb->tables || !fb->isp_scratch ||
	    !fb->resize_scratch) {
		free_buffers(fb);
		return Error(-ENOMEM);
	}
	frames_ = fb;
	// rkisp1: each stream starts from the driver's defaults (measurements on).
	if (personality->flavour == Flavour::rkisp1)
		frame::rk1_stream_defaults(rk1_);
	return {};
}

void Instance::free_frames()
{
	free_buffers(kcxx::exchange(frames_, nullptr));
}

/* Renders sensor @i's frame into its buffer; false if it is not streaming. */
bool Instance::render_sensor(u32 i, u32 seq, frame::RawFrame &out, bool defer)
{
	if (!sensors[i].streaming())
		return false;
	SensorConfig c = sensors[i].config();
	if (c.imx219) {
		/*
		 * Controls written after frame N starts are read at frame N + 1;
		 * the gain applies there (delay 1), the exposure one frame later
		 * (delay 2), as libcamera's sensor properties say of the IMX219.
		 */
		const u32 now = c.exposure;
		if (frames_->have_prev[i])
			c.exposure = frames_->prev_exposure[i];
		frames_->prev_exposure[i] = now;
		frames_->have_prev[i] = true;
	}
	frame::SensorConfig sc = {};
	sc.array_w = kArrayWidth;
	sc.array_h = kArrayHeight;
	sc.array_order = frame::BayerOrder::rggb;
	sc.crop = { u32(c.left), u32(c.top), c.width, c.height };
	sc.hflip = c.hflip;
	sc.vflip = c.vflip;
	sc.pattern = pattern_of(c.pattern);
	sc.checker_shift = 5;
	sc.solid[0] = sc.solid[1] = sc.solid[2] = 2048;
	sc.gain = total_gain(c);
	if (c.imx219) {
		bool scene;
		sc.pattern = imx219_pattern_of(c.pattern, &scene);
		sc.pedestal = 256; // the IMX219's black level: 64 at 10 bits
		if (scene && vcam_scene() == 1) {
			// A grey card as the raw sensor sees it (green strongest:
			// R/G 0.56, B/G 0.70), dark at 1x.
			sc.pattern = frame::Pattern::solid;
			sc.solid[0] = 140;
			sc.solid[1] = 250;
			sc.solid[2] = 175;
		}
	}
	sc.frame_number = seq;
	out = { frames_->raw[i], c.width, c.height, c.width, frame::BayerOrder::rggb };
	if (defer) {
		// Only the ISP reads this frame: it renders the rows as it takes
		// them (out.data NULL says so), each in the cache when used.
		frames_->rows_frame = out.data;
		out.data = nullptr;
		return frames_->rows.begin(sc, out) == 0;
	}
	return frame::sensor_render(sc, out) == 0;
}

void Instance::fill_raw(u32 i, const frame::RawFrame &rf, u32 seq)
{
	api::Buffer buf = api::Buffer::take(raw[i].node, seq);
	if (!buf) {
		drops_++;
		return;
	}
	v4l2_pix_format pix;
	mcpp_video_format(raw[i].node, &pix);
	frame::RawFormat f;
	size_t size;
	u8 *p = static_cast<u8 *>(buf.plane(&size));
	bool ok = raw_format_of(pix.pixelformat, &f) && pix.width == rf.width &&
		  pix.height == rf.height && size >= pix.sizeimage &&
		  frame::raw_write(rf, f, p, pix.bytesperline) == 0;
	buf.done(!ok);
}

/*
 * Between bands of rows, frame_lock_ held on entry and on return: lets a
 * stop in (node_stopped() takes back its node's buffer). False when no node
 * streams any more: the frame is abandoned.
 */
bool Instance::frame_yield()
{
	frame_lock_.unlock();
	// A stop waiting for the lock runs now, even on a kernel without preemption.
	vcam_cond_resched();
	mcpp_hook(MCPP_HOOK_DRIVER_BAND); // a race test may park us here, no lock held
	frame_lock_.lock();
	return any_node_on();
}

bool Instance::any_node_on()
{
	for (u32 i = 0; i < num_sensors; i++)
		if (raw[i].on())
			return true;
	return main.on() || self.on() || params.on() || stats.on();
}

/*
 * A processed node's part of the frame: its buffer, taken before the ISP
 * runs, and, when its resizer only copies (1:1), where its rows come from
 * in the ISP's output: the window at (left, top), out.w x out.h.
 */
struct ProcessedOut {
	Capture *cap;
	Resizer *rsz;
	frame::ResizeConfig cfg;
	frame::OutBuffer ob;
	bool direct;
	u32 left, top; // of the window in the ISP's (uncropped) output
};

namespace {

/*
 * Takes @cap's buffer and decides how it is filled from @in (the ISP's
 * output after its source crop; @in_left, @in_top: that crop's offset).
 * False if the node takes nothing from this frame (not streaming, no
 * buffer, or an invalid configuration: its buffer then went back flagged
 * ERROR, as resize_process() refusing it would have).
 */
bool prepare_out(ProcessedOut &o, Capture &cap, Resizer &rsz, const frame::Packed3Frame &in,
		 u32 in_left, u32 in_top, u32 seq, unsigned int &drops)
{
	if (!cap.on() || !rsz.streaming())
		return false;
	cap.inflight = api::Buffer::take(cap.node, seq);
	if (!cap.inflight) {
		drops++;
		return false;
	}
	v4l2_pix_format pix;
	mcpp_video_format(cap.node, &pix);
	const ResizerConfig rc = rsz.config();
	o.cap = &cap;
	o.rsz = &rsz;
	o.cfg = {};
	o.cfg.crop = { u32(rc.crop.left), u32(rc.crop.top), rc.crop.width, rc.crop.height };
	o.cfg.out_w = pix.width;
	o.cfg.out_h = pix.height;
	size_t size;
	u8 *p = static_cast<u8 *>(cap.inflight.plane(&size));
	o.ob = { { p, p + size_t(pix.bytesperline) * pix.height },
		 { pix.bytesperline, pix.bytesperline } };
	if (!out_format_of(pix.pixelformat, &o.cfg.format) || size < pix.sizeimage) {
		cap.inflight.done(true);
		return false;
	}
	o.direct = frame::resize_is_copy(in, o.cfg, o.ob);
	o.left = in_left + o.cfg.crop.left;
	o.top = in_top + o.cfg.crop.top;
	return true;
}

/* The capture formats the ISP's row loop writes itself (IspPass::row_direct()). */
bool direct_format_of(frame::OutFormat f, frame::DirectFormat *df)
{
	switch (f) {
	case frame::OutFormat::yuyv:
		*df = frame::DirectFormat::yuyv;
		return true;
	case frame::OutFormat::uyvy:
		*df = frame::DirectFormat::uyvy;
		return true;
	case frame::OutFormat::nv12:
		*df = frame::DirectFormat::nv12;
		return true;
	case frame::OutFormat::nv16:
		*df = frame::DirectFormat::nv16;
		return true;
	default:
		return false;
	}
}

} // namespace

/*
 * ISP row @y as 4:4:4, into the frame (a scaling resizer reads it later) or
 * a line buffer, and on to each node whose resizer copies. @line_row: which
 * ISP row each line buffer holds (a row repeating the one two above is left
 * there, not recomputed).
 */
void Instance::isp_row_out(frame::IspPass &pass, const frame::Packed3Frame &full, bool need_frame,
			   const ProcessedOut *po, u32 n, u32 y, u32 *line_row)
{
	u8 *row, *two_above = nullptr;
	const u8 *prev;
	if (need_frame) {
		row = full.data + size_t(y) * full.bytesperline;
		prev = y ? row - full.bytesperline : row;
		if (y >= 2)
			two_above = row - 2 * full.bytesperline;
	} else {
		row = frames_->lines + (y & 1) * kLineBytes;
		prev = y ? frames_->lines + ((y - 1) & 1) * kLineBytes : row;
		if (y >= 2 && line_row[y & 1] == y - 2)
			two_above = row;
		line_row[y & 1] = y;
	}
	pass.row(row, two_above);
	for (u32 k = 0; k < n; k++) {
		const ProcessedOut &o = po[k];
		if (!o.direct || !o.cap->inflight || y < o.top || y - o.top >= o.cfg.out_h)
			continue;
		frame::resize_write_row(o.cfg.format, row + 3 * o.left, prev + 3 * o.left,
					o.cfg.out_w, o.ob, y - o.top);
	}
}

/*
 * The ISP on the linked sensor's frame, statistics if the node streams, and
 * the nodes whose resizer copies, row by row. @out: the ISP's frame after
 * its source crop, for the scaling resizers (fill_processed()); false if
 * the frame was abandoned or the ISP refused its input.
 */
bool Instance::run_isp(const frame::RawFrame &rf, u32 seq, frame::Packed3Frame &out)
{
	const IspConfig ic = isp.config();
	const frame::Encoding enc = encoding_of(ic);
	const bool rk1 = personality->flavour == Flavour::rkisp1;
	if (!frames_->tables_valid || frames_->built_for != enc) {
		isp_params_.encoding = enc;
		if (rk1)
			frame::rk1_isp_config(rk1_, frame::Rk1Rev::v10, enc, isp_params_);
		frame::isp_build_tables(isp_params_, *frames_->tables);
		frames_->built_for = enc;
		frames_->tables_valid = true;
	}
	// The sink crop: a window of the sensor's frame, at even offsets (same order).
	const v4l2_rect &ic_in = ic.sink_crop;
	frame::RawFrame in = rf;
	const bool crop = ic_in.width && u32(ic_in.left) + ic_in.width <= rf.width &&
			  u32(ic_in.top) + ic_in.height <= rf.height;
	const frame::SensorRows *rows = nullptr;
	if (!rf.data) { // deferred by render_sensor()
		if (crop && (ic_in.left || ic_in.top || ic_in.width != rf.width ||
			     ic_in.height != rf.height)) {
			// A window of it: the whole frame first, as undeferred.
			in.data = frames_->rows_frame;
			for (u32 y = 0; y < rf.height; y++)
				frames_->rows.row(y, in.data + size_t(y) * rf.stride);
		} else {
			rows = &frames_->rows;
		}
	}
	if (crop && in.data) {
		in.data += size_t(ic_in.top) * rf.stride + u32(ic_in.left);
		in.width = ic_in.width;
		in.height = ic_in.height;
	}
	const frame::Packed3Frame full = { frames_->isp_out, in.width, in.height, in.width * 3,
					   frame::encoding_kind(enc) };
	// The source crop: a window of the processed frame, what the resizers get.
	out = full;
	u32 oleft = 0, otop = 0;
	const v4l2_rect &oc = ic.src_crop;
	if (oc.width && u32(oc.left) + oc.width <= out.width &&
	    u32(oc.top) + oc.height <= out.height) {
		oleft = u32(oc.left);
		otop = u32(oc.top);
		out.data += size_t(otop) * out.bytesperline + 3 * oleft;
		out.width = oc.width;
		out.height = oc.height;
	}

	ProcessedOut po[2];
	u32 n = 0;
	bool need_frame = false; // a scaling resizer reads the whole frame afterwards
	if (prepare_out(po[n], main, main_rsz, out, oleft, otop, seq, drops_))
		need_frame |= !po[n++].direct;
	if (prepare_out(po[n], self, self_rsz, out, oleft, otop, seq, drops_))
		need_frame |= !po[n++].direct;
	if (stats.on()) {
		stats.inflight = api::Buffer::take(stats.node, seq);
		if (!stats.inflight)
			drops_++;
	}
	vcam_isp_stats *st = nullptr;
	size_t size = 0;
	if (stats.inflight && !rk1) {
		st = static_cast<vcam_isp_stats *>(stats.inflight.plane(&size));
		if (size < sizeof(*st))
			st = nullptr;
	}

	frame::IspPass pass;
	int ret = pass.begin(*frames_->tables, in, full.kind, st, frames_->isp_scratch,
			     frame::isp_scratch_bytes(kArrayWidth), rows);
	// One node taking whole Y'CbCr rows: the ISP writes them itself.
	const ProcessedOut *pairs = nullptr;
	frame::DirectFormat df = frame::DirectFormat::yuyv;
	if (!ret && n == 1 && po[0].direct && !need_frame && pass.can_pair() && !po[0].left &&
	    po[0].cfg.out_w == in.width && direct_format_of(po[0].cfg.format, &df))
		pairs = &po[0];
	u32 line_row[2] = { ~0u, ~0u };
	for (u32 y = 0; !ret && y < in.height; y++) {
		if (pairs && pairs->cap->inflight && y >= pairs->top &&
		    y - pairs->top < pairs->cfg.out_h) {
			const u32 j = y - pairs->top, bpl = pairs->ob.bytesperline[0];
			const u32 cbpl = pairs->ob.bytesperline[1];
			u8 *d = pairs->ob.plane[0] + size_t(j) * bpl;
			// NV12: chroma row j / 2, the one above it is j / 2 - 1.
			const bool nv12 = df == frame::DirectFormat::nv12;
			const bool planar = nv12 || df == frame::DirectFormat::nv16;
			u8 *c = planar ? pairs->ob.plane[1] + size_t(nv12 ? j / 2 : j) * cbpl :
					 nullptr;
			pass.row_direct(df, d, c, j >= 2 ? d - 2 * size_t(bpl) : nullptr,
					j >= 2 && planar ? c - (nv12 ? 1 : 2) * size_t(cbpl) :
							   nullptr);
		} else {
			isp_row_out(pass, full, need_frame, po, n, y, line_row);
		}
		if ((y + 1) % kBand || y + 1 == in.height)
			continue;
		if (!frame_yield())
			return false; // nothing streams: abandoned
		if (st && !stats.inflight) { // stats stopped: its buffer is gone
			st = nullptr;
			pass.drop_stats();
		}
	}
	if (st)
		st->sequence = seq;
	bool stats_ok = st;
	if (rk1 && stats.inflight) {
		// RK1S: what the enabled measurement blocks saw of this frame.
		void *plane = stats.inflight.plane(&size);
		if (size >= sizeof(rkisp1_stat_buffer)) {
			auto *rs = static_cast<rkisp1_stat_buffer *>(plane);
			stats_ok = frame::rk1_stats(*frames_->tables, rk1_, frame::Rk1Rev::v10, in,
						    rs, *frames_->rk1_scratch) == 0;
			rs->frame_id = seq;
		}
	}
	stats.inflight.done(ret || !stats_ok);
	for (u32 k = 0; k < n; k++)
		if (po[k].direct)
			po[k].cap->inflight.done(ret != 0);
	return ret == 0 && need_frame;
}

/*
 * Takes one parameter buffer, if queued: it applies from the next frame.
 * Userspace still has the buffer mapped and may write it at any time: it is
 * read once, into a copy, and only the copy is validated and applied.
 */
void Instance::take_params(u32 seq)
{
	if (!params.on())
		return;
	api::Buffer buf = api::Buffer::take(params.node, seq);
	if (!buf)
		return;
	size_t size;
	const void *plane = buf.plane(&size);
	if (personality->flavour == Flavour::rkisp1) {
		take_rk1_params(buf, plane, size, seq);
		return;
	}
	vcam_isp_params p;
	int ret = -EINVAL;
	if (size >= sizeof(p)) {
		__builtin_memcpy(&p, plane, sizeof(p));
		// The copy is made here: no later read of p may go back to the plane.
		asm volatile("" : : : "memory");
		mcpp_hook(MCPP_HOOK_DRIVER_PARAMS); // a test may change the plane now
		ret = frame::isp_apply_params(isp_params_, &p, sizeof(p));
	}
	if (!ret)
		frames_->tables_valid = false;
	buf.done(ret != 0);
}

/*
 * rkisp1: the buffer is RK1P or RK1E as the node's format says. Copied once,
 * then parsed and applied (all or nothing) from the copy; a bad buffer comes
 * back with V4L2_BUF_FLAG_ERROR and changes nothing.
 */
void Instance::take_rk1_params(api::Buffer &buf, const void *plane, size_t size, u32 seq)
{
	v4l2_meta_format mf;
	mcpp_meta_format(params.node, &mf);
	size_t n = size; // RK1E: its data_size says how much of it counts
	if (n > sizeof(rkisp1_ext_params_cfg))
		n = sizeof(rkisp1_ext_params_cfg);
	__builtin_memcpy(frames_->params_copy, plane, n);
	asm volatile("" : : : "memory"); // only the copy is read from here on
	mcpp_hook(MCPP_HOOK_DRIVER_PARAMS);
	int ret;
	if (mf.dataformat == V4L2_META_FMT_RK_ISP1_EXT_PARAMS)
		ret = frame::rk1_apply_ext(rk1_, frame::Rk1Rev::v10, frames_->params_copy, n,
					   frame::rk1_ext_blocks_v10);
	else
		ret = frame::rk1_apply_legacy(
			rk1_, frame::Rk1Rev::v10,
			reinterpret_cast<const rkisp1_params_cfg *>(frames_->params_copy), n);
	if (!ret)
		frames_->tables_valid = false;
	buf.done(ret != 0);
}

/* A scaling resizer's node, from the ISP's whole frame (its buffer taken before the ISP). */
void Instance::fill_processed(Resizer &rsz, Capture &cap, const frame::Packed3Frame &in, u32 seq)
{
	if (!cap.inflight)
		return; // copied from the ISP's rows, refused, or stopped meanwhile
	v4l2_pix_format pix;
	mcpp_video_format(cap.node, &pix);
	const ResizerConfig rc = rsz.config();
	frame::ResizeConfig cfg = {};
	cfg.crop = { u32(rc.crop.left), u32(rc.crop.top), rc.crop.width, rc.crop.height };
	cfg.out_w = pix.width;
	cfg.out_h = pix.height;
	size_t size;
	u8 *p = static_cast<u8 *>(cap.inflight.plane(&size));
	frame::OutBuffer ob = { { p, p + size_t(pix.bytesperline) * pix.height },
				{ pix.bytesperline, pix.bytesperline } };
	bool ok = out_format_of(pix.pixelformat, &cfg.format) && size >= pix.sizeimage &&
		  frame::resize_process(in, cfg, ob, frames_->resize_scratch,
					frame::resize_scratch_bytes(kArrayWidth)) == 0;
	cap.inflight.done(!ok);
	(void)seq;
}

void Instance::produce_frame()
{
	if (!any_node_on())
		return; // the last stop came between frames: the thread is ending
	const u64 start = vcam_now_ns();
	const u32 seq = sequence_++;
	frame::RawFrame rf[kMaxSensors] = {};
	bool rendered[kMaxSensors] = {};

	// Frame start on the ISP, numbered as the frame's buffers will be.
	if (isp.streaming())
		mcpp_subdev_frame_sync(isp.entity.get(), seq);

	const bool rk1 = personality->flavour == Flavour::rkisp1;
	Sensor *s = isp_sensor();
	const u32 si = s ? u32(s - sensors) : 0;
	for (u32 i = 0; i < num_sensors; i++) {
		// Only the ISP reads the frame (no raw capture, no rkisp1
		// statistics over it): rendered row by row in its loop.
		const bool defer = s && i == si && isp.streaming() && !raw[i].on() && !rk1;
		// A stalled sensor (error injection) delivers nothing.
		rendered[i] = !sensors[i].inj.stall() && render_sensor(i, seq, rf[i], defer);
		if (rendered[i] && raw[i].on())
			fill_raw(i, rf[i], seq);
	}
	// rkisp1: a parameter buffer applies to the frame it is taken at, as the
	// rkisp1 driver applies the first at stream start and the next at each
	// frame's end, for the frame after.
	if (rk1)
		take_params(seq);
	if (s && rendered[si] && isp.streaming()) {
		frame::Packed3Frame out;
		if (run_isp(rf[si], seq, out)) {
			fill_processed(main_rsz, main, out, seq);
			if (!frame_yield())
				return;
			fill_processed(self_rsz, self, out, seq);
		}
		// Whatever the ISP did not complete (it refused its input) goes back now.
		main.inflight.reset();
		self.inflight.reset();
	}
	if (!rk1)
		take_params(seq);
	frame_ns_ = vcam_now_ns() - start;
	frames_done_++;
}

} // namespace vcam
