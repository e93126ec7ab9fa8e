/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam: a virtual camera on mcpp, shaped like an SoC camera with raw
 * sensors (rkisp1-like). One instance per platform device, built from a
 * personality's topology tables (topology.cpp); the default one:
 *
 *   sensor-a:0 ==(dynamic, enabled)==> isp:0        raw Bayer in
 *   sensor-b:0 ==(dynamic)===========> isp:0
 *   sensor-X:0 --(immutable)---------> raw-X:0      /dev/videoN, Bayer
 *   params:0 ----(immutable)---------> isp:1        metadata output
 *   isp:2 -------(immutable)---------> resizer-main:0 and resizer-self:0
 *   isp:3 -------(immutable)---------> stats:0      metadata capture
 *   resizer-main:1 --(immutable)-----> main:0       /dev/videoN
 *   resizer-self:1 --(immutable)-----> self:0       /dev/videoN
 *   lens-a ~~(ancillary)~~ sensor-a                 FOCUS_ABSOLUTE
 *
 * Lifetime: an Instance is created at probe and freed by the media
 * device's release callback, after the last reference (open files, nodes,
 * entities) is gone; remove() only unregisters and drops the driver's own
 * references. Nothing is devm_*. Every sub-device and node driver object
 * below is a member of the Instance, so it outlives every op the bridge can
 * call (the bridge calls none after unregister returns).
 */
#pragma once

#include <linux/media.h>
#include <uapi/linux/vcam-config.h>

#include <kcxx/alloc.hpp>
#include <kcxx/lock.hpp>
#include <mcpp/v4l2.hpp>

#include "frame/isp.hpp"
#include "frame/rkisp1.hpp"
#include "glue.h"

namespace vcam {

using kcxx::Error;
using kcxx::Result;
using kcxx::s32;
using kcxx::s64;
using kcxx::Status;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
namespace api = mcpp::api;

class Instance;

/*
 * Error injection (errinj.cpp, Documentation/vcam.rst "Error injection"):
 * the controls of vcam's private class on every sub-device node. @stalled:
 * a sensor's "Stall Sensor" (it renders no frame while set).
 */
struct SubdevInj {
	enum class Kind : u8 { sensor, other };

	void init(Instance *i, Kind k) { inst = i, kind = k; }
	static bool handles(u32 id);
	Status s_ctrl(u32 id, s64 value);
	bool stall() const { return __atomic_load_n(&stalled, __ATOMIC_ACQUIRE); }

	Instance *inst = nullptr;
	Kind kind = Kind::other;
	bool stalled = false;
};

/* A node's controls: its own (@std, @n) and, unless no_error_inj, the private class's. */
struct CtrlList {
	mcpp_ctrl_desc d[24];
	u32 n;
};
void subdev_ctrls(CtrlList &l, const mcpp_ctrl_desc *std, u32 n, SubdevInj::Kind kind);
/* The error-injection controls of a video node (none with no_error_inj). */
unsigned int video_ctrls(const mcpp_ctrl_desc **descs);
/* Applies one to @node of @inst; nothing while @node is unset (registration). */
Status video_s_ctrl(Instance *inst, mcpp_video *node, u32 id, s64 value);
/* Whether a one-shot error is armed on @node (0 while @node is unset). */
Status video_g_ctrl(mcpp_video *node, u32 id, s64 &value);

constexpr u32 kMaxSensors = 2;
constexpr u32 kArrayWidth = 1920; // the sensors' pixel array
constexpr u32 kArrayHeight = 1080;
constexpr u32 kMinSize = 64; // smallest ISP/resizer size
constexpr u32 kPixelRate = 74250000; // Hz: 1920x1080 at 30/s with 2200x1125 timings

/*
 * The uAPI an instance speaks where vcam's own and a real driver's differ:
 * media bus codes of the processed path, metadata formats, sensor model.
 */
enum class Flavour : u8 {
	vcam, // YUV8_1X24/RGB888_1X24, VCMP/VCMS, vcam's sensor
	rkisp1, // YUYV8_2X8 (and 1_5X8 after the resizers), RK1P/RK1E/RK1S, an IMX219
};

/* Bayer colour filter orders; flips change which one the output has. */
enum class Bayer : u8 { rggb, grbg, gbrg, bggr };

constexpr Bayer flipped(Bayer b, bool hflip, bool vflip)
{
	u8 v = static_cast<u8>(b);
	if (hflip)
		v ^= 1; // swaps columns: RGGB <-> GRBG, GBRG <-> BGGR
	if (vflip)
		v ^= 2; // swaps rows: RGGB <-> GBRG, GRBG <-> BGGR
	return static_cast<Bayer>(v);
}

/* Formats and modes (formats.cpp; the tables: formats.hpp). */

/* MEDIA_BUS_FMT_S*_1X* of @order at 8, 10 or 12 bits; 0 for anything else. */
u32 bayer_code(Bayer order, u32 bits);
/* The bits (8, 10, 12) and order of a Bayer media bus code; false if not one. */
bool bayer_of_code(u32 code, u32 *bits, Bayer *order);
/* The V4L2_PIX_FMT_S* that carries @code unpacked; 0 if none. */
u32 bayer_pixfmt(u32 code);

/* A sensor mode: a centred crop of the array, output unscaled. */
struct Mode {
	u32 width, height;
	u32 hblank_min, vblank_def;
};

/* The sensor mode nearest a size. */
const Mode &nearest_mode(u32 width, u32 height);
/* The @index-th sensor mode, or nullptr past the last. */
const Mode *mode_at(u32 index);

/* The driver's own metadata formats (layouts: include/uapi/linux/vcam-config.h). */
constexpr u32 kMetaParams = V4L2_META_FMT_VCAM_PARAMS;
constexpr u32 kMetaStats = V4L2_META_FMT_VCAM_STATS;

/* What the frame thread needs of a sensor; ACTIVE values, stable while streaming. */
struct SensorConfig {
	u32 code;
	u32 width, height; // output (= crop) size
	s32 left, top; // crop in the array
	u32 exposure, analogue_gain, digital_gain, hblank, vblank, pattern;
	bool hflip, vflip;
	bool imx219; // the rkisp1 personality's sensor: its gain model and pattern menu
};

/* A raw sensor (sensor.cpp). */
class Sensor {
public:
	enum { kSource = 0, kPads };
	static const mcpp_ctrl_desc kCtrls[];
	static const u32 kNumCtrls;
	static const mcpp_ctrl_desc kImx219Ctrls[];
	static const u32 kNumImx219Ctrls;

	void init(Flavour flavour);

	void init_state(api::SubdevState &st);
	Status set_format(api::SubdevState &st, v4l2_subdev_format &f);
	Status enum_mbus_code(v4l2_subdev_mbus_code_enum &c);
	Status enum_frame_size(v4l2_subdev_frame_size_enum &f);
	Status get_selection(api::SubdevState &st, v4l2_subdev_selection &s);
	Status set_selection(api::SubdevState &st, v4l2_subdev_selection &s);
	Status s_ctrl(u32 id, s64 value);
	Status s_stream(bool enable);

	/* A snapshot of the ACTIVE configuration, for the frame thread. */
	SensorConfig config();
	SubdevInj inj;
	/* Frame period in ns: (width + hblank) * (height + vblank) / pixel rate. */
	u64 frame_ns();
	/* Pixel clocks per frame, blanking included: the period times kPixelRate. */
	u64 frame_pixels();
	bool streaming() const { return __atomic_load_n(&streaming_, __ATOMIC_ACQUIRE); }

	api::Entity entity;

private:
	Bayer order();
	void fill(v4l2_mbus_framefmt &fmt, const Mode &m, u32 bits);
	void set_ctrl(u32 id, s64 value);
	Status follow_mode(const Mode &m);
	Status follow_vblank(u32 height, u32 vblank);

	kcxx::SpinLock lock_{ "vcam_sensor", KCXX_LOCK_KEY() }; // guards cfg_
	SensorConfig cfg_ = {};
	bool streaming_ = false;
};

/* A voice-coil lens: no pads, one control (lens.cpp). */
class Lens {
public:
	static const mcpp_ctrl_desc kCtrls[];
	static const u32 kNumCtrls;

	void init_state(api::SubdevState &) {}
	Status set_format(api::SubdevState &, v4l2_subdev_format &) { return Error(-EINVAL); }
	Status enum_mbus_code(v4l2_subdev_mbus_code_enum &) { return Error(-EINVAL); }
	Status enum_frame_size(v4l2_subdev_frame_size_enum &) { return Error(-EINVAL); }
	Status s_ctrl(u32 id, s64 value);

	api::Entity entity;
	u32 focus = 0;
	SubdevInj inj;
};

/* What the frame thread needs of the ISP. */
struct IspConfig {
	u32 in_code, width, height; // Bayer in (the sink format)
	u32 out_code; // MEDIA_BUS_FMT_YUV8_1X24 or RGB888_1X24
	u32 ycbcr_enc, quantization; // V4L2_YCBCR_ENC_601/709, V4L2_QUANTIZATION_*
	v4l2_rect sink_crop; // of the input: what the ISP processes
	v4l2_rect src_crop; // of the processed frame: the source format's size
};

/* The ISP (isp.cpp). */
class Isp {
public:
	enum { kSink = 0, kParams, kSource, kStats, kPads };
	static constexpr bool kFrameSync = true; // V4L2_EVENT_FRAME_SYNC at each frame start

	void init(Flavour flavour) { flavour_ = flavour; }
	void init_state(api::SubdevState &st);
	Status set_format(api::SubdevState &st, v4l2_subdev_format &f);
	Status enum_mbus_code(v4l2_subdev_mbus_code_enum &c);
	Status enum_frame_size(v4l2_subdev_frame_size_enum &f);
	Status get_selection(api::SubdevState &st, v4l2_subdev_selection &s);
	Status set_selection(api::SubdevState &st, v4l2_subdev_selection &s);
	Status s_stream(bool enable);
	Status s_ctrl(u32 id, s64 value) { return inj.s_ctrl(id, value); }

	IspConfig config();
	SubdevInj inj;
	bool streaming() const { return __atomic_load_n(&streaming_, __ATOMIC_ACQUIRE); }

	api::Entity entity;

private:
	void fill_source(v4l2_mbus_framefmt &src, const v4l2_mbus_framefmt &sink, u32 code, u32 enc,
			 u32 quant) const;
	void reset_crops(api::SubdevState &st);
	void store(api::SubdevState &st, u32 which);

	/* The processed output's code: YUV8_1X24 (vcam) or YUYV8_2X8 (rkisp1). */
	u32 yuv_code() const;
	bool out_code_ok(u32 code) const;

	Flavour flavour_ = Flavour::vcam;
	kcxx::SpinLock lock_{ "vcam_isp", KCXX_LOCK_KEY() };
	IspConfig cfg_ = {};
	bool streaming_ = false;
};

struct ResizerConfig {
	u32 code; // the ISP's output code, passed through
	u32 in_width, in_height;
	v4l2_rect crop; // of the input
	u32 out_width, out_height;
};

/* A resizer (resizer.cpp). */
class Resizer {
public:
	enum { kSink = 0, kSource, kPads };

	void init(u32 out_w, u32 out_h, Flavour flavour);
	void init_state(api::SubdevState &st);
	Status set_format(api::SubdevState &st, v4l2_subdev_format &f);
	Status enum_mbus_code(v4l2_subdev_mbus_code_enum &c);
	Status enum_frame_size(v4l2_subdev_frame_size_enum &f);
	Status get_selection(api::SubdevState &st, v4l2_subdev_selection &s);
	Status set_selection(api::SubdevState &st, v4l2_subdev_selection &s);
	Status s_stream(bool enable);
	Status s_ctrl(u32 id, s64 value) { return inj.s_ctrl(id, value); }

	ResizerConfig config();
	SubdevInj inj;
	bool streaming() const { return __atomic_load_n(&streaming_, __ATOMIC_ACQUIRE); }

	api::Entity entity;

private:
	void mirror(api::SubdevState &st, u32 which);
	void fill_processed(v4l2_mbus_framefmt &f, u32 code, u32 w, u32 h) const;

	Flavour flavour_ = Flavour::vcam;
	u32 def_w_ = 0, def_h_ = 0;
	kcxx::SpinLock lock_{ "vcam_resizer", KCXX_LOCK_KEY() };
	ResizerConfig cfg_ = {};
	bool streaming_ = false;
};

/* A capture node: raw Bayer from a sensor, or processed from a resizer (nodes.cpp). */
class Capture {
public:
	enum class Kind : u8 { raw, processed };

	void init(Instance *inst, Kind kind) { inst_ = inst, kind_ = kind; }
	Result<u32> enum_fmt(u32 index, u32 mbus_code);
	void adjust_fmt(v4l2_pix_format &pix);
	Status enum_framesize(v4l2_frmsizeenum &f);
	Status frame_interval(v4l2_fract &interval);
	Status start_streaming();
	void stop_streaming();
	unsigned int ctrls(const mcpp_ctrl_desc **descs) { return video_ctrls(descs); }
	Status s_ctrl(u32 id, s64 value) { return video_s_ctrl(inst_, node, id, value); }
	Status g_ctrl(u32 id, s64 &value) { return video_g_ctrl(node, id, value); }

	bool on() const { return __atomic_load_n(&on_, __ATOMIC_ACQUIRE); }

	api::Entity entity;
	mcpp_video *node = nullptr; // valid until unregister
	api::Buffer inflight; // the frame in progress's buffer; frame_lock_

private:
	Instance *inst_ = nullptr;
	Kind kind_ = Kind::raw;
	bool on_ = false;
};

/* The parameters (output) and statistics (capture) nodes (nodes.cpp). */
class Meta {
public:
	void init(Instance *inst, bool output) { inst_ = inst, output_ = output; }
	Result<u32> enum_fmt(u32 index, u32 mbus_code);
	void adjust_meta(v4l2_meta_format &meta);
	const char *format_name(u32 format);
	Status start_streaming();
	void stop_streaming();
	unsigned int ctrls(const mcpp_ctrl_desc **descs);
	Status s_ctrl(u32 id, s64 value) { return video_s_ctrl(inst_, node, id, value); }
	Status g_ctrl(u32 id, s64 &value) { return video_g_ctrl(node, id, value); }

	bool on() const { return __atomic_load_n(&on_, __ATOMIC_ACQUIRE); }

	api::Entity entity;
	mcpp_video *node = nullptr;
	api::Buffer inflight; // the frame in progress's buffer; frame_lock_

private:
	u32 format() const;
	bool rkisp1() const;

	CtrlList ctrls_ = {}; // rkisp1's parameters node: its own control first

	Instance *inst_ = nullptr;
	bool output_ = false;
	bool on_ = false;
};

/*
 * The topology of an instance, as data (topology.cpp): a table of entities
 * and a table of links between them. Instance::create() walks the tables:
 * it creates the entities in the order listed (their ids follow it), then
 * the links in the order listed, then registers the nodes.
 */

/* The kinds of entity; each is one driver class above, in a file of its own. */
enum class EntityKind : u8 {
	sensor, // Sensor: Instance::sensors[index]
	lens, // Lens: Instance::lens (index 0)
	isp, // Isp: Instance::isp (index 0)
	resizer, // Resizer: Instance::main_rsz (index 0), self_rsz (1)
	raw_capture, // Capture, Kind::raw: Instance::raw[index]
	capture, // Capture, Kind::processed: Instance::main (index 0), self (1)
	params, // Meta, output: Instance::params (index 0)
	stats, // Meta, capture: Instance::stats (index 0)
};

/* An entity present whatever the instance's sensor count. */
constexpr u8 kAnySensor = 0xff;

struct EntityDesc {
	const char *name; // the entity's name, which userspace looks for
	EntityKind kind;
	u8 index; // which one of its kind (above)
	u8 sensor; // present only with sensor @sensor (sensors= parameter), or kAnySensor
	u32 function; // MEDIA_ENT_F_*
	u16 num_pads;
	const u32 *pads; // MEDIA_PAD_FL_* of each pad
	u32 width, height; // a resizer's default output size
};

/*
 * A link between two entities of the table (indices into it). A link is
 * created only if both ends are present. MEDIA_LNK_FL_ANCILLARY_LINK in
 * @flags makes an ancillary link: @source is the primary entity, @sink the
 * ancillary one, the pads are unused. A DYNAMIC, ENABLED link from a
 * sensor to the ISP makes that sensor the ISP's at probe.
 */
struct LinkDesc {
	u8 source;
	u16 source_pad;
	u8 sink;
	u16 sink_pad;
	u32 flags; // MEDIA_LNK_FL_*
};

struct Topology {
	const EntityDesc *entities;
	u32 num_entities;
	const LinkDesc *links;
	u32 num_links;
	/*
	 * The order the entities' nodes register in (which sets their device
	 * numbers): indices into @entities; nullptr for the table's order.
	 */
	const u8 *node_order;
};

/* What an instance presents itself as: the media device's info and its topology. */
struct Personality {
	const char *driver; // media_device_info.driver
	const char *model;
	u32 hw_revision;
	const Topology *topology;
	Flavour flavour;
};

/*
 * Whether @t is one Instance can build, checked at compile time
 * (static_assert next to each table): every row's index names an object of
 * the Instance, a row has its kind's pads, a sensor and its raw node exist
 * with that sensor, every link joins two rows from a source pad to a sink
 * pad (an ancillary one: a sensor to a lens), the node order lists every
 * row once.
 */
constexpr bool topology_valid(const Topology &t)
{
	for (u32 i = 0; i < t.num_entities; i++) {
		const EntityDesc &e = t.entities[i];
		u32 count = 1, pads = 1; // objects of the kind, pads of one
		switch (e.kind) {
		case EntityKind::sensor:
		case EntityKind::raw_capture:
			count = kMaxSensors;
			if (e.sensor != e.index)
				return false;
			break;
		case EntityKind::lens:
			pads = 0;
			break;
		case EntityKind::isp:
			pads = Isp::kPads;
			break;
		case EntityKind::resizer:
			count = 2, pads = Resizer::kPads;
			break;
		case EntityKind::capture:
			count = 2;
			break;
		case EntityKind::params:
		case EntityKind::stats:
			break;
		}
		if (e.index >= count || e.num_pads != pads || (pads && !e.pads))
			return false;
		if (e.sensor != kAnySensor && e.sensor >= kMaxSensors)
			return false;
	}
	for (u32 i = 0; i < t.num_links; i++) {
		const LinkDesc &l = t.links[i];
		if (l.source >= t.num_entities || l.sink >= t.num_entities)
			return false;
		const EntityDesc &src = t.entities[l.source], &sink = t.entities[l.sink];
		if (l.flags & MEDIA_LNK_FL_ANCILLARY_LINK) {
			if (src.kind != EntityKind::sensor || sink.kind != EntityKind::lens)
				return false;
			continue;
		}
		if (l.source_pad >= src.num_pads || !(src.pads[l.source_pad] & MEDIA_PAD_FL_SOURCE))
			return false;
		if (l.sink_pad >= sink.num_pads || !(sink.pads[l.sink_pad] & MEDIA_PAD_FL_SINK))
			return false;
	}
	for (u32 i = 0; t.node_order && i < t.num_entities; i++) {
		u32 seen = 0;
		for (u32 j = 0; j < t.num_entities; j++)
			seen += t.node_order[j] == i;
		if (seen != 1)
			return false;
	}
	return true;
}

/* The default personality: "vcam", the topology drawn at the top of this file. */
extern const Personality kVcamPersonality;
/*
 * The Rockchip ISP1 personality (personality=rkisp1): the rkisp1 driver's
 * entity names, pads, links, formats and metadata, hw_revision 10 (V10), one
 * IMX219 sensor linked straight to the ISP (topology.cpp; Documentation/vcam.rst).
 */
extern const Personality kRkisp1Personality;

struct FrameBuffers;
struct ProcessedOut;

/* One camera: the graph, its drivers, and the frame thread. */
class Instance {
public:
	Instance()
	{
		frame::isp_default_config(isp_params_, frame::Encoding::bt601_limited);
		frame::rk1_default_state(rk1_);
	}
	~Instance() { join_thread(); }

	/* Probe: an instance of @personality with @sensors of its sensors. */
	static Result<Instance *> create(struct device *parent, u32 index, u32 gen, u32 sensors,
					 const Personality &personality);
	/* Driver unbind: unregister and drop the driver's references. */
	void remove();

	/*
	 * A node starts or stops streaming (@on: its flag, which the frame
	 * thread reads; @inflight: the buffer a frame in progress holds). The
	 * thread runs while any node streams. node_stopped() never waits for a
	 * frame to finish: it takes the lock the frame lets go of between bands
	 * of rows, gives the frame's buffer back with an error and returns;
	 * after it no frame touches that node's buffers. The last stop tells the
	 * thread to end and does not wait for it (it may be mid-frame): the next
	 * start or the Instance's release joins it.
	 */
	Status node_started(bool *on);
	void node_stopped(bool *on, api::Buffer &inflight);
	/* The sensor whose link to the ISP is enabled, or nullptr. */
	Sensor *isp_sensor();
	/*
	 * Unplugs sensor @i, as a hot-unplugged camera module would go: its
	 * entity, links and node leave the live device (mcpp_subdev_unregister()),
	 * streams through it end in an error, the rest keeps working. The
	 * debugfs file "disconnect" calls it; -ENODEV if already gone.
	 */
	Status disconnect_sensor(u32 i);
	/* The frame thread's period: the ISP's sensor's frame time, or 1/30 s. */
	u64 frame_period_ns();
	/*
	 * The Disconnect control (errinj.cpp): queues the unplug of the whole
	 * instance on vcam's workqueue, with a reference on the media device
	 * for the work, and returns (the caller is inside the guard: unregister
	 * must not wait for it). A second press while one is queued does nothing.
	 */
	Status press_disconnect();
	/* The unplug work, the platform device locked and still ours: remove(), re-plug later. */
	void unplugged_by_control();
	/* The work's reference, once done (may free this). */
	void put();

	api::Device dev;
	const Personality *personality = nullptr;
	u32 num_sensors = 0;
	Sensor sensors[kMaxSensors];
	Lens lens;
	Isp isp;
	Resizer main_rsz, self_rsz;
	Capture raw[kMaxSensors], main, self;
	Meta params, stats;

	// Link state, written by link_setup under the core's graph lock.
	bool sensor_linked[kMaxSensors] = {};

private:
	friend void instance_release(void *drvdata);
	bool present(const EntityDesc &e) const;
	api::Entity &entity_of(const EntityDesc &e);
	Status build();
	Status register_node(const EntityDesc &e, CtrlList &cl);
	Status register_nodes();
	static int thread_fn(void *data);

	// The frame path (frames.cpp), frame_lock_ held.
	Status alloc_frames();
	void free_frames();
	void produce_frame();
	bool any_node_on();
	bool frame_yield();
	void join_thread();
	bool render_sensor(u32 i, u32 seq, frame::RawFrame &out, bool defer);
	void fill_raw(u32 i, const frame::RawFrame &rf, u32 seq);
	bool run_isp(const frame::RawFrame &rf, u32 seq, frame::Packed3Frame &out);
	void isp_row_out(frame::IspPass &pass, const frame::Packed3Frame &full, bool need_frame,
			 const ProcessedOut *po, u32 n, u32 y, u32 *line_row);
	void take_params(u32 seq);
	void take_rk1_params(api::Buffer &buf, const void *plane, size_t size, u32 seq);
	void fill_processed(Resizer &rsz, Capture &cap, const frame::Packed3Frame &in, u32 seq);

	struct device *parent_ = nullptr; // valid while bound (the unplug work holds it)
	u32 index_ = 0;
	u32 gen_ = 0; // vcam_main.c's generation of this instance on vcam.index_
	bool pressed_ = false; // Disconnect queued (atomic)
	mcpp_device *work_ref_ = nullptr; // the unplug work's reference
	bool replug_ = false; // removed by Disconnect: a new instance at release
	kcxx::Mutex disconnect_lock_{ "vcam_disconnect", KCXX_LOCK_KEY() }; // sensors[].entity
	kcxx::Mutex stream_lock_{ "vcam_stream", KCXX_LOCK_KEY() }; // guards below
	// Held by the frame thread while it takes, fills and gives back buffers;
	// let go between bands of rows (frame_yield()).
	kcxx::Mutex frame_lock_{ "vcam_frame", KCXX_LOCK_KEY() };
	unsigned int streams_ = 0;
	struct kcxx_thread *thread_ = nullptr;
	kcxx::Completion stop_;
	u32 sequence_ = 0;

	FrameBuffers *frames_ = nullptr; // while a frame thread runs
	frame::IspConfig isp_params_; // userspace's parameters; persist across streams
	frame::Rk1State rk1_; // rkisp1: the blocks' state the parameters set; persists likewise
	// Figures for debugfs (vcam/<device>/): last frame's processing time, counts.
	unsigned long long frame_ns_ = 0;
	unsigned int frames_done_ = 0, drops_ = 0;
	struct vcam_debugfs *debugfs_ = nullptr;
};

} // namespace vcam
