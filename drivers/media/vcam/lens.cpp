// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's lens: a voice-coil focus actuator with no pads, ancillary to a
 * sensor (its entity is linked to the sensor's by an ancillary link).
 */
#include "vcam.hpp"

namespace vcam {

const mcpp_ctrl_desc Lens::kCtrls[] = {
	{ V4L2_CID_FOCUS_ABSOLUTE, 0, 1023, 1, 0 },
};

const u32 Lens::kNumCtrls = sizeof(kCtrls) / sizeof(kCtrls[0]);

Status Lens::s_ctrl(u32 id, s64 value)
{
	if (id == V4L2_CID_FOCUS_ABSOLUTE)
		__atomic_store_n(&focus, u32(value), __ATOMIC_RELAXED);
	return {};
}

} // namespace vcam
