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

} // namespace

const Personality kVcamPersonality = {
	.driver = "vcam",
	.model = "vcam virtual camera",
	.hw_revision = 1,
	.topology = &kVcamTopology,
};

} // namespace vcam
