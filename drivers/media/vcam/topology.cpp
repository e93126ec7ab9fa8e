// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's topologies and personalities, as data: what Instance::create()
 * builds (instance.cpp walks these tables). Names are what userspace sees:
 * libcamera, the scenarios and the KUnit suites look entities up by them.
 */
#include "vcam.hpp"

namespace vcam {

namespace {

constexpr u32 kSource[] = { MEDIA_PAD_FL_SOURCE };
constexpr u32 kSink[] = { MEDIA_PAD_FL_SINK };
// A raw node without its sensor (unplugged) has nothing to capture: STREAMON gets -ENOLINK.
constexpr u32 kRawSink[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT };
constexpr u32 kIspPads[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT, MEDIA_PAD_FL_SINK,
			     MEDIA_PAD_FL_SOURCE, MEDIA_PAD_FL_SOURCE };
constexpr u32 kResizerPads[] = { MEDIA_PAD_FL_SINK | MEDIA_PAD_FL_MUST_CONNECT,
				 MEDIA_PAD_FL_SOURCE };
constexpr u32 kFixed = MEDIA_LNK_FL_ENABLED | MEDIA_LNK_FL_IMMUTABLE;

/* The default topology (vcam.hpp draws it): the entities' rows, in entity id order. */
enum : u8 {
	kSensorA,
	kSensorB,
	kLensA,
	kIsp,
	kResizerMain,
	kResizerSelf,
	kMain,
	kSelf,
	kParams,
	kStats,
	kRawA,
	kRawB,
};

constexpr EntityDesc kVcamEntities[] = {
	{ "sensor-a", EntityKind::sensor, 0, 0, MEDIA_ENT_F_CAM_SENSOR, 1, kSource },
	{ "sensor-b", EntityKind::sensor, 1, 1, MEDIA_ENT_F_CAM_SENSOR, 1, kSource },
	{ "lens-a", EntityKind::lens, 0, 0, MEDIA_ENT_F_LENS, 0, nullptr },
	{ "isp", EntityKind::isp, 0, kAnySensor, MEDIA_ENT_F_PROC_VIDEO_ISP, Isp::kPads, kIspPads },
	{ "resizer-main", EntityKind::resizer, 0, kAnySensor, MEDIA_ENT_F_PROC_VIDEO_SCALER,
	  Resizer::kPads, kResizerPads, 640, 480 },
	{ "resizer-self", EntityKind::resizer, 1, kAnySensor, MEDIA_ENT_F_PROC_VIDEO_SCALER,
	  Resizer::kPads, kResizerPads, 640, 480 },
	{ "main", EntityKind::capture, 0, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSink },
	{ "self", EntityKind::capture, 1, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSink },
	{ "params", EntityKind::params, 0, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSource },
	{ "stats", EntityKind::stats, 0, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSink },
	{ "raw-a", EntityKind::raw_capture, 0, 0, MEDIA_ENT_F_IO_V4L, 1, kRawSink },
	{ "raw-b", EntityKind::raw_capture, 1, 1, MEDIA_ENT_F_IO_V4L, 1, kRawSink },
};

constexpr LinkDesc kVcamLinks[] = {
	{ kSensorA, Sensor::kSource, kIsp, Isp::kSink,
	  MEDIA_LNK_FL_DYNAMIC | MEDIA_LNK_FL_ENABLED },
	{ kSensorA, Sensor::kSource, kRawA, 0, kFixed },
	{ kSensorB, Sensor::kSource, kIsp, Isp::kSink, MEDIA_LNK_FL_DYNAMIC },
	{ kSensorB, Sensor::kSource, kRawB, 0, kFixed },
	{ kParams, 0, kIsp, Isp::kParams, kFixed },
	{ kIsp, Isp::kSource, kResizerMain, Resizer::kSink, kFixed },
	{ kIsp, Isp::kSource, kResizerSelf, Resizer::kSink, kFixed },
	{ kIsp, Isp::kStats, kStats, 0, kFixed },
	{ kResizerMain, Resizer::kSource, kMain, 0, kFixed },
	{ kResizerSelf, Resizer::kSource, kSelf, 0, kFixed },
	{ kSensorA, 0, kLensA, 0, MEDIA_LNK_FL_ANCILLARY_LINK },
};

/* Each raw node right after its sensor: /dev/videoN numbers in that order. */
constexpr u8 kVcamNodeOrder[] = {
	kSensorA,     kRawA,	    kSensorB, kRawB, kLensA,  kIsp,
	kResizerMain, kResizerSelf, kMain,    kSelf, kParams, kStats,
};
static_assert(kVcamEntities[kRawB].kind == EntityKind::raw_capture); // rows as the enum
static_assert(sizeof(kVcamNodeOrder) == sizeof(kVcamEntities) / sizeof(kVcamEntities[0]));

constexpr Topology kVcamTopology = {
	kVcamEntities,	sizeof(kVcamEntities) / sizeof(kVcamEntities[0]),
	kVcamLinks,	sizeof(kVcamLinks) / sizeof(kVcamLinks[0]),
	kVcamNodeOrder,
};

/*
 * The rkisp1 personality: what libcamera's rkisp1 pipeline handler matches
 * (driver "rkisp1"; rkisp1_isp, the main and self resizers and capture
 * nodes, rkisp1_stats, rkisp1_params) and walks (a sensor linked to the
 * ISP's pad 0, as libcamera 0.0.3 requires: no CSI receiver between). The
 * ISP's links to the resizers are mutable, as the rkisp1 driver's: the
 * handler enables the paths a configuration uses.
 */
enum : u8 {
	kRkSensor,
	kRkIsp,
	kRkResizerMain,
	kRkResizerSelf,
	kRkMain,
	kRkSelf,
	kRkStats,
	kRkParams,
};

constexpr EntityDesc kRkisp1Entities[] = {
	{ "imx219 1-0010", EntityKind::sensor, 0, 0, MEDIA_ENT_F_CAM_SENSOR, 1, kSource },
	{ "rkisp1_isp", EntityKind::isp, 0, kAnySensor, MEDIA_ENT_F_PROC_VIDEO_ISP, Isp::kPads,
	  kIspPads },
	{ "rkisp1_resizer_mainpath", EntityKind::resizer, 0, kAnySensor,
	  MEDIA_ENT_F_PROC_VIDEO_SCALER, Resizer::kPads, kResizerPads, 640, 480 },
	{ "rkisp1_resizer_selfpath", EntityKind::resizer, 1, kAnySensor,
	  MEDIA_ENT_F_PROC_VIDEO_SCALER, Resizer::kPads, kResizerPads, 640, 480 },
	{ "rkisp1_mainpath", EntityKind::capture, 0, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSink },
	{ "rkisp1_selfpath", EntityKind::capture, 1, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSink },
	{ "rkisp1_stats", EntityKind::stats, 0, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSink },
	{ "rkisp1_params", EntityKind::params, 0, kAnySensor, MEDIA_ENT_F_IO_V4L, 1, kSource },
};

constexpr LinkDesc kRkisp1Links[] = {
	{ kRkSensor, Sensor::kSource, kRkIsp, Isp::kSink,
	  MEDIA_LNK_FL_DYNAMIC | MEDIA_LNK_FL_ENABLED },
	{ kRkIsp, Isp::kSource, kRkResizerMain, Resizer::kSink, MEDIA_LNK_FL_ENABLED },
	{ kRkIsp, Isp::kSource, kRkResizerSelf, Resizer::kSink, MEDIA_LNK_FL_ENABLED },
	{ kRkResizerMain, Resizer::kSource, kRkMain, 0, kFixed },
	{ kRkResizerSelf, Resizer::kSource, kRkSelf, 0, kFixed },
	{ kRkIsp, Isp::kStats, kRkStats, 0, kFixed },
	{ kRkParams, 0, kRkIsp, Isp::kParams, kFixed },
};

static_assert(kRkisp1Entities[kRkParams].kind == EntityKind::params); // rows as the enum

constexpr Topology kRkisp1Topology = {
	kRkisp1Entities, sizeof(kRkisp1Entities) / sizeof(kRkisp1Entities[0]),
	kRkisp1Links,	 sizeof(kRkisp1Links) / sizeof(kRkisp1Links[0]),
	nullptr,
};
static_assert(topology_valid(kVcamTopology));
static_assert(topology_valid(kRkisp1Topology));

} // namespace

const Personality kVcamPersonality = {
	.driver = "vcam",
	.model = "vcam virtual camera",
	.hw_revision = 1,
	.topology = &kVcamTopology,
	.flavour = Flavour::vcam,
};

const Personality kRkisp1Personality = {
	.driver = "rkisp1",
	.model = "rkisp1",
	.hw_revision = 10, // RKISP1_V10 (RK3399)
	.topology = &kRkisp1Topology,
	.flavour = Flavour::rkisp1,
};

} // namespace vcam
