// SPDX-License-Identifier: GPL-2.0
/*
 * vcam's error injection (Documentation/vcam.rst, "Error injection"): the
 * controls of a private class that make every failure an application must
 * handle reachable from userspace, as vivid's do. Hidden with no_error_inj=1.
 *
 * Disconnect unplugs the whole instance as a sysfs unbind would, from inside
 * the ioctl that pressed it. So the press only queues a work item (holding a
 * reference on the media device, so the instance outlives it) and returns;
 * the work, with the platform device locked, finds the instance still bound,
 * clears the drvdata and runs remove(), which revokes and unregisters while
 * the pressing call finishes on its own. A concurrent sysfs unbind is
 * serialised by the device lock: whichever comes first removes the instance,
 * the other finds nothing to do. When the removed instance is released
 * (after the last file of it closes), its release callback asks for a new
 * one on the same platform device (vcam_replug()): a new media device with
 * new nodes, as re-plugged hardware would give.
 */
#include <mcpp/test.h>

#include "vcam.hpp"

namespace vcam {

namespace {

/* vcam's private control class (a driver-private class id, as vivid's). */
constexpr u32 kClass = 0x00f10000;
constexpr u32 kBase = kClass | 0xf000;

enum : u32 {
	kCidClass = kClass | 1,
	kCidDisconnect = kBase,
	kCidBufError,
	kCidReqbufs,
	kCidQbuf,
	kCidStreamon,
	kCidStart,
	kCidFatal,
	kCidDropPercent,
	kCidSeqWrap,
	kCidTimeWrap,
	kCidStall,
};

constexpr mcpp_ctrl_desc custom(u32 id, const char *name, u32 type, s64 max = 0, u32 flags = 0)
{
	mcpp_ctrl_desc d = {};
	d.id = id;
	d.name = name;
	d.type = type;
	d.max = max;
	d.step = type == V4L2_CTRL_TYPE_BUTTON || type == V4L2_CTRL_TYPE_CTRL_CLASS ? 0 : 1;
	d.flags = flags;
	return d;
}

/*
 * A one-shot error: a boolean, 1 arms it and 0 disarms it; it reads 1 while
 * armed (until the call it fails). Not a button, as vivid's are: anything
 * that sets every control to its maximum and then back to its default
 * (v4l2-compliance does) leaves it disarmed, where a button stays pressed.
 */
constexpr mcpp_ctrl_desc one_shot(u32 id, const char *name)
{
	return custom(id, name, V4L2_CTRL_TYPE_BOOLEAN, 1,
		      V4L2_CTRL_FLAG_VOLATILE | V4L2_CTRL_FLAG_EXECUTE_ON_WRITE);
}

constexpr mcpp_ctrl_desc kClassCtrl =
	custom(kCidClass, "vcam Error Injection", V4L2_CTRL_TYPE_CTRL_CLASS);
constexpr mcpp_ctrl_desc kDisconnect =
	custom(kCidDisconnect, "Disconnect", V4L2_CTRL_TYPE_BUTTON);
constexpr mcpp_ctrl_desc kStall = custom(kCidStall, "Stall Sensor", V4L2_CTRL_TYPE_BOOLEAN, 1);

// Disconnect last: no_disconnect=1 leaves it out.
const mcpp_ctrl_desc kVideoCtrls[] = {
	kClassCtrl,
	one_shot(kCidBufError, "Inject V4L2_BUF_FLAG_ERROR"),
	one_shot(kCidReqbufs, "Inject VIDIOC_REQBUFS Error"),
	one_shot(kCidQbuf, "Inject VIDIOC_QBUF Error"),
	one_shot(kCidStreamon, "Inject VIDIOC_STREAMON Error"),
	one_shot(kCidStart, "Inject start_streaming Error"),
	custom(kCidFatal, "Inject Fatal Streaming Error", V4L2_CTRL_TYPE_BUTTON),
	custom(kCidDropPercent, "Percentage of Dropped Buffers", V4L2_CTRL_TYPE_INTEGER, 100),
	custom(kCidSeqWrap, "Wrap Sequence Number", V4L2_CTRL_TYPE_BOOLEAN, 1),
	custom(kCidTimeWrap, "Wrap Timestamp", V4L2_CTRL_TYPE_BOOLEAN, 1),
	kDisconnect,
};

constexpr struct {
	u32 id;
	mcpp_inject what;
} kVideoMap[] = {
	{ kCidBufError, MCPP_INJECT_BUF_ERROR },
	{ kCidReqbufs, MCPP_INJECT_REQBUFS },
	{ kCidQbuf, MCPP_INJECT_QBUF },
	{ kCidStreamon, MCPP_INJECT_STREAMON },
	{ kCidStart, MCPP_INJECT_START },
	{ kCidFatal, MCPP_INJECT_FATAL },
	{ kCidDropPercent, MCPP_INJECT_DROP_PERCENT },
	{ kCidSeqWrap, MCPP_INJECT_SEQ_WRAP },
	{ kCidTimeWrap, MCPP_INJECT_TIME_WRAP },
};

} // namespace

bool SubdevInj::handles(u32 id)
{
	return (id & 0x0fff0000) == kClass;
}

Status SubdevInj::s_ctrl(u32 id, s64 value)
{
	switch (id) {
	case kCidDisconnect:
		return inst->press_disconnect();
	case kCidStall:
		__atomic_store_n(&stalled, value != 0, __ATOMIC_RELEASE);
		return {};
	}
	return Error(-EINVAL);
}

void subdev_ctrls(CtrlList &l, const mcpp_ctrl_desc *std, u32 n, SubdevInj::Kind kind)
{
	l.n = 0;
	for (u32 i = 0; i < n && l.n < 21; i++)
		l.d[l.n++] = std[i];
	if (!vcam_error_inj() || (kind != SubdevInj::Kind::sensor && !vcam_disconnect_ctrl()))
		return; // a class with no control is not one
	l.d[l.n++] = kClassCtrl;
	if (vcam_disconnect_ctrl())
		l.d[l.n++] = kDisconnect;
	if (kind == SubdevInj::Kind::sensor)
		l.d[l.n++] = kStall;
}

unsigned int video_ctrls(const mcpp_ctrl_desc **descs)
{
	constexpr unsigned int n = sizeof(kVideoCtrls) / sizeof(kVideoCtrls[0]);

	*descs = kVideoCtrls;
	if (!vcam_error_inj())
		return 0;
	return vcam_disconnect_ctrl() ? n : n - 1;
}

Status video_s_ctrl(Instance *inst, mcpp_video *node, u32 id, s64 value)
{
	if (id == kCidDisconnect)
		return inst->press_disconnect();
	if (!node)
		return {}; // the defaults at registration: nothing armed yet
	for (const auto &m : kVideoMap)
		if (m.id == id)
			return kcxx::status_from_errno(mcpp_video_inject(node, m.what, int(value)));
	return Error(-EINVAL);
}

Status video_g_ctrl(mcpp_video *node, u32 id, s64 &value)
{
	value = 0; // before registration: nothing armed
	for (const auto &m : kVideoMap)
		if (m.id == id) {
			if (node)
				value = mcpp_video_armed(node, m.what);
			return {};
		}
	return Error(-EINVAL);
}

Status Instance::press_disconnect()
{
	if (__atomic_exchange_n(&pressed_, true, __ATOMIC_ACQ_REL))
		return {}; // an unplug is queued already
	work_ref_ = mcpp_device_get(dev.get()); // the work's: this outlives the work
	int ret = vcam_unplug_queue(parent_, this, gen_);
	if (ret) {
		mcpp_device_put(kcxx::exchange(work_ref_, nullptr)); // the driver holds another
		__atomic_store_n(&pressed_, false, __ATOMIC_RELEASE);
		return Error(ret);
	}
	return {};
}

void Instance::unplugged_by_control()
{
	replug_ = true; // read by the release, after the work's reference goes
	remove(); // the work still holds a reference: this stays valid
}

void Instance::put()
{
	mcpp_device_put(kcxx::exchange(work_ref_, nullptr)); // may free this
}

} // namespace vcam

extern "C" void vcam_unplugged(void *instance) noexcept
{
	static_cast<vcam::Instance *>(instance)->unplugged_by_control();
}

extern "C" void vcam_put(void *instance) noexcept
{
	static_cast<vcam::Instance *>(instance)->put();
}

extern "C" int vcam_test_press_disconnect_inst(void *instance) noexcept
{
	return static_cast<vcam::Instance *>(instance)->press_disconnect().code();
}
