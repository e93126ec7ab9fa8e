// SPDX-License-Identifier: GPL-2.0
/*
 * The file operations of /dev/mediaN on kernel arguments: what the devnode
 * glue calls after the user copies, and what KUnit calls directly.
 *
 * Every operation that can reach the driver or the graph runs inside a
 * MediaDevice::Access (SRCU read section; the device reached through it only
 * if it was live at entry), and unregister
 * waits for the ones already inside. After unregister they fail with the
 * in-kernel media controller's errors (mc-devnode.c), which userspace
 * written against it sees: open -ENXIO, every ioctl -EIO
 * (Documentation/lifetime.rst, "The contract after unbind").
 * No user memory is touched inside it (devnode_ioctl).
 */
#include <linux/media.h>

#include "device.hpp"

namespace mcpp {

namespace {

int devnode_open(void *core, void **fh)
{
	// Lifetime: the devnode's reference keeps the device alive during open.
	MediaDevice::Access live(*static_cast<MediaDevice *>(core));
	if (!live)
		return -ENXIO;
	hook(MCPP_HOOK_OPEN);
	File *f = new (kcxx::Gfp::kernel) File{ Ref<MediaDevice>::acquire(&*live) };
	if (!f)
		return -ENOMEM;
	*fh = f;
	return 0;
}

void devnode_release(void *fh)
{
	// No Access: release reaches neither the driver nor the graph.
	kcxx::destroy(static_cast<File *>(fh));
}

/*
 * The handler runs inside Access (under the graph lock if the ioctl table
 * says so); the arrays it returns are copied to the caller only after both
 * are left, so a user page fault that never resolves blocks this call alone:
 * unregister, other ioctls and STREAMON go on. A call whose arrays were
 * copied while the device went reports -EIO (what it copied is the graph as
 * it was before); a failed copy reports -EFAULT.
 */
long devnode_ioctl(void *fh, unsigned int cmd, void *karg, const struct mcpp_user_io *io)
{
	MediaDevice &dev = *static_cast<File *>(fh)->dev;
	UserArrays out;
	long ret;
	{
		MediaDevice::Access live(dev);
		if (!live)
			return -EIO;
		const MediaDevice::IoctlDesc *d = MediaDevice::ioctl_desc(cmd);
		if (!d)
			return -ENOTTY; // @karg is NULL: the glue copied nothing
		hook(MCPP_HOOK_IOCTL);
		ret = MediaDevice::ioctl(live, *d, karg, out);
	}
	if (ret < 0 || out.empty())
		return ret;
	int copied = out.copy_out(*io);
	if (copied)
		return copied;
	return dev.revoked() ? -EIO : ret;
}

bool devnode_revoked(void *fh)
{
	MediaDevice &dev = *static_cast<File *>(fh)->dev;
	MediaDevice::Access live(dev);
	return !live;
}

bool devnode_ioctl_known(unsigned int cmd)
{
	return MediaDevice::ioctl_desc(cmd) != nullptr;
}

void devnode_put_core(void *core)
{
	Ref<MediaDevice>::adopt(static_cast<MediaDevice *>(core)).reset();
}

} // namespace

const struct mcpp_devnode_ops devnode_ops = {
	.open = devnode_open,
	.release = devnode_release,
	.ioctl = devnode_ioctl,
	.revoked = devnode_revoked,
	.ioctl_known = devnode_ioctl_known,
	.put_core = devnode_put_core,
};

} // namespace mcpp
