// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/mediaN glue: char region, struct device + cdev, file operations and
 * user copies. The core (C++) decides what a call does and whether it may
 * run at all; this file only moves bytes and objects between the VFS and it.
 *
 * Lifetime: struct mcpp_devnode is freed by its struct device's release. The
 * cdev is added with cdev_device_add(), which makes the device the cdev's
 * kobject parent, so an open file (which holds the cdev) keeps the devnode
 * alive. The devnode owns one reference on its core object (the media
 * device), dropped in that release. Minors return to the IDA only there, so
 * a minor is never reused while anything can still reach the old node.
 */
#include <linux/cdev.h>
#include <linux/compat.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <media/media-device.h>
#include <media/media-devnode.h>
#include <uapi/linux/media.h>

#include "devnode.h"

#define MCPP_MINORS 256

struct mcpp_devnode {
	struct device dev;
	struct cdev cdev;
	wait_queue_head_t pollers;
	const struct mcpp_devnode_ops *ops;
	void *core; /* Lifetime: one reference, dropped in mcpp_devnode_release */
	int name_index; /* N of mediaN, or -1 */
};

static dev_t mcpp_devt;
static DEFINE_IDA(mcpp_minors);
static DEFINE_IDA(mcpp_names);

/*
 * /dev/mediaN names are shared with the in-kernel media controller, which
 * names its nodes media0..media255 after its own minors (MEDIA_NUM_DEVICES
 * in mc-devnode.c) and cannot see ours. Ours therefore start at 256: no load
 * or plug order can give two media devices the same /dev node, and the
 * names stay unique on the media bus both kinds share (below). name_base moves ours
 * further up, never below 256.
 */
#define MCPP_NAME_FIRST 256
static unsigned int name_base = MCPP_NAME_FIRST;
module_param(name_base, uint, 0444);
MODULE_PARM_DESC(name_base,
		 "lowest N of the /dev/mediaN names mcpp gives (default and minimum 256)");

static int mcpp_name_alloc(void)
{
	unsigned int from = clamp_t(unsigned int, name_base, MCPP_NAME_FIRST, INT_MAX);

	return ida_alloc_min(&mcpp_names, from, GFP_KERNEL);
}

/*
 * The in-kernel media bus ("media"), so that udev, libudev's enumeration by
 * subsystem and /sys/bus/media/devices list our nodes like the kernel's own
 * (libcamera finds media devices only there). Its bus_type is static in
 * mc-devnode.c; mcpp_devnode_init() reads it from a throwaway in-kernel
 * media device, registered and unregistered once at module init. The bus
 * has no match or probe and no driver: adding a device to it only makes
 * the sysfs links and the uevent (SUBSYSTEM=media). It lives as long as the
 * module that defines it (mc.ko, or the kernel), which cannot unload while
 * mcpp is loaded: mcpp uses its exported functions. A bus, not a class:
 * tools (v4l2-compliance) look for mediaN directly in the parent's sysfs
 * directory.
 */
static const struct bus_type *mcpp_bus;

/* The kernel's media bus, read from a media device registered for that alone. */
static int mcpp_find_media_bus(void)
{
	struct media_device *mdev;
	int ret;

	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return -ENOMEM;
	/* No parent: a /sys/devices/mediaN of its own, "no bus info". */
	strscpy(mdev->model, "mcpp bus probe", sizeof(mdev->model));
	strscpy(mdev->driver_name, "mcpp", sizeof(mdev->driver_name));
	media_device_init(mdev);
	ret = media_device_register(mdev);
	if (!ret) {
		mcpp_bus = mdev->devnode->dev.bus;
		media_device_unregister(mdev);
	}
	/* The devnode is freed by its own release, which no longer needs @mdev. */
	media_device_cleanup(mdev);
	kfree(mdev);
	return ret;
}

static struct mcpp_devnode *to_devnode(struct device *dev)
{
	return container_of(dev, struct mcpp_devnode, dev);
}

static int mcpp_fop_open(struct inode *inode, struct file *file)
{
	struct mcpp_devnode *node = container_of(inode->i_cdev, struct mcpp_devnode, cdev);
	void *fh = NULL;
	int ret;

	ret = node->ops->open(node->core, &fh);
	if (ret)
		return ret;
	file->private_data = fh;
	return 0;
}

static int mcpp_fop_release(struct inode *inode, struct file *file)
{
	struct mcpp_devnode *node = container_of(inode->i_cdev, struct mcpp_devnode, cdev);

	node->ops->release(file->private_data);
	return 0;
}

static __poll_t mcpp_fop_poll(struct file *file, poll_table *wait)
{
	struct mcpp_devnode *node = container_of(file_inode(file)->i_cdev,
						 struct mcpp_devnode, cdev);

	/*
	 * As the in-kernel media controller: a live node is always ready
	 * (nothing is ever read or written), a revoked one reports an error.
	 * Unlike it, a poller waiting for anything else (EPOLLPRI) is woken
	 * by unregister.
	 */
	poll_wait(file, &node->pollers, wait);
	return node->ops->revoked(file->private_data) ? EPOLLERR | EPOLLHUP : DEFAULT_POLLMASK;
}

static int mcpp_copy_to_user(const struct mcpp_user_io *io, u64 uptr,
			     const void *src, size_t size)
{
	return copy_to_user(u64_to_user_ptr(uptr), src, size) ? -EFAULT : 0;
}

static const struct mcpp_user_io mcpp_user_io = {
	.copy_out = mcpp_copy_to_user,
};

/*
 * The video_usercopy pattern: the argument is copied in (or zeroed) before the
 * core sees it and copied out after, so the core's handlers take kernel
 * structs and KUnit can call them directly. Neither copy is inside the
 * core's revocation guard, and neither are the array copies (copy_out).
 */
static long mcpp_do_ioctl(struct mcpp_devnode *node, void *fh, unsigned int cmd,
			  void __user *uarg)
{
	size_t size = _IOC_SIZE(cmd);
	u8 sbuf[128];
	void *karg = sbuf;
	long ret;

	/* The core answers an unknown command (ENOTTY, or EIO once revoked). */
	if (!node->ops->ioctl_known(cmd))
		return node->ops->ioctl(fh, cmd, NULL, &mcpp_user_io);
	if (size > sizeof(sbuf)) {
		karg = kmalloc(size, GFP_KERNEL);
		if (!karg)
			return -ENOMEM;
	}
	if (_IOC_DIR(cmd) & _IOC_WRITE) {
		if (copy_from_user(karg, uarg, size)) {
			ret = -EFAULT;
			goto out;
		}
	} else {
		memset(karg, 0, size);
	}
	ret = node->ops->ioctl(fh, cmd, karg, &mcpp_user_io);
	if (ret >= 0 && (_IOC_DIR(cmd) & _IOC_READ) && copy_to_user(uarg, karg, size))
		ret = -EFAULT;
out:
	if (karg != sbuf)
		kfree(karg);
	return ret;
}

static long mcpp_fop_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mcpp_devnode *node = container_of(file_inode(file)->i_cdev,
						 struct mcpp_devnode, cdev);

	return mcpp_do_ioctl(node, file->private_data, cmd, (void __user *)arg);
}

#ifdef CONFIG_COMPAT
/* ENUM_LINKS carries native pointers: 32-bit userspace has its own layout. */
struct media_links_enum32 {
	__u32 entity;
	compat_uptr_t pads;
	compat_uptr_t links;
	__u32 reserved[4];
};

#define MEDIA_IOC_ENUM_LINKS32 _IOWR('|', 0x02, struct media_links_enum32)

static int mcpp_compat_copy_to_user(const struct mcpp_user_io *io, u64 uptr,
				    const void *src, size_t size)
{
	return copy_to_user(compat_ptr((compat_uptr_t)uptr), src, size) ? -EFAULT : 0;
}

static const struct mcpp_user_io mcpp_compat_user_io = {
	.copy_out = mcpp_compat_copy_to_user,
};

static long mcpp_fop_compat_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct mcpp_devnode *node = container_of(file_inode(file)->i_cdev,
						 struct mcpp_devnode, cdev);
	struct media_links_enum32 __user *u32arg = compat_ptr(arg);
	struct media_links_enum32 e32;
	struct media_links_enum links;
	long ret;

	if (cmd != MEDIA_IOC_ENUM_LINKS32)
		return mcpp_do_ioctl(node, file->private_data, cmd, compat_ptr(arg));

	if (copy_from_user(&e32, u32arg, sizeof(e32)))
		return -EFAULT;
	memset(&links, 0, sizeof(links));
	links.entity = e32.entity;
	/* The core hands these back to copy_out as numbers. */
	links.pads = (void __user *)(unsigned long)e32.pads;
	links.links = (void __user *)(unsigned long)e32.links;
	memcpy(links.reserved, e32.reserved, sizeof(links.reserved));
	ret = node->ops->ioctl(file->private_data, MEDIA_IOC_ENUM_LINKS, &links,
			       &mcpp_compat_user_io);
	if (ret < 0)
		return ret;
	e32.entity = links.entity;
	memcpy(e32.reserved, links.reserved, sizeof(e32.reserved));
	return copy_to_user(u32arg, &e32, sizeof(e32)) ? -EFAULT : ret;
}
#endif

static const struct file_operations mcpp_fops = {
	.owner = THIS_MODULE, /* replaced per node by the driver's module */
	.open = mcpp_fop_open,
	.release = mcpp_fop_release,
	.poll = mcpp_fop_poll,
	.unlocked_ioctl = mcpp_fop_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl = mcpp_fop_compat_ioctl,
#endif
	.llseek = noop_llseek,
};

static void mcpp_devnode_release(struct device *dev)
{
	struct mcpp_devnode *node = to_devnode(dev);

	ida_free(&mcpp_minors, MINOR(dev->devt));
	if (node->name_index >= 0)
		ida_free(&mcpp_names, node->name_index);
	node->ops->put_core(node->core);
	kfree(node);
}

struct mcpp_devnode *mcpp_devnode_register(struct device *parent, struct module *owner,
					   const struct mcpp_devnode_ops *ops,
					   void *core)
{
	struct mcpp_devnode *node;
	int minor, ret;

	node = kzalloc(sizeof(*node), GFP_KERNEL);
	if (!node) {
		ops->put_core(core);
		return ERR_PTR(-ENOMEM);
	}
	minor = ida_alloc_max(&mcpp_minors, MCPP_MINORS - 1, GFP_KERNEL);
	if (minor < 0) {
		kfree(node);
		ops->put_core(core);
		return ERR_PTR(minor);
	}
	node->ops = ops;
	node->core = core;
	node->name_index = -1;
	init_waitqueue_head(&node->pollers);

	device_initialize(&node->dev);
	node->dev.bus = mcpp_bus;
	node->dev.parent = parent;
	node->dev.devt = MKDEV(MAJOR(mcpp_devt), minor);
	node->dev.release = mcpp_devnode_release;
	/* From here on the release frees the minor, name, reference and node. */
	node->name_index = mcpp_name_alloc();
	ret = node->name_index < 0 ? node->name_index :
				     dev_set_name(&node->dev, "media%d", node->name_index);
	if (ret)
		goto err_put;

	cdev_init(&node->cdev, &mcpp_fops);
	/* Open files pin the driver's module, not just the core's. */
	node->cdev.owner = owner;
	ret = cdev_device_add(&node->cdev, &node->dev);
	if (ret)
		goto err_put;
	return node;

err_put:
	put_device(&node->dev);
	return ERR_PTR(ret);
}

void mcpp_devnode_wake_pollers(struct mcpp_devnode *node)
{
	wake_up_interruptible_all(&node->pollers);
}

void mcpp_devnode_unregister(struct mcpp_devnode *node)
{
	cdev_device_del(&node->cdev, &node->dev);
	mcpp_devnode_wake_pollers(node);
	put_device(&node->dev);
}

int mcpp_devnode_minor(struct mcpp_devnode *node)
{
	return MINOR(node->dev.devt);
}

int mcpp_devnode_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&mcpp_devt, 0, MCPP_MINORS, "mcpp-media");
	if (ret)
		return ret;
	ret = mcpp_find_media_bus();
	if (ret) {
		pr_err("mcpp: no media bus: %d\n", ret);
		unregister_chrdev_region(mcpp_devt, MCPP_MINORS);
	}
	return ret;
}

void mcpp_devnode_exit(void)
{
	unregister_chrdev_region(mcpp_devt, MCPP_MINORS);
	ida_destroy(&mcpp_minors);
	ida_destroy(&mcpp_names);
}
