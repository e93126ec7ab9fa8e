/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /dev/mediaN: the character device glue between the VFS and the core (C++),
 * private to mcpp.ko (nothing here is exported).
 * The glue owns the struct device + cdev pair and the user copies; the core
 * owns everything else, including the revocation of calls on unregister.
 */
#ifndef MCPP_DEVNODE_H
#define MCPP_DEVNODE_H

#include <mcpp/test.h> /* MCPP_NOEXCEPT, struct mcpp_user_io */


struct device;
struct module;
struct mcpp_devnode;

/*
 * The core's entry points, called by the glue. @core is the devnode's owner
 * (a media device); @fh is what open returned.
 */
struct mcpp_devnode_ops {
	/* -ENXIO once revoked, as the in-kernel media controller */
	int (*open)(void *core, void **fh);
	void (*release)(void *fh);
	/* -EIO once revoked, as the in-kernel media controller */
	long (*ioctl)(void *fh, unsigned int cmd, void *karg,
		      const struct mcpp_user_io *io);
	/* true once revoked: poll then reports EPOLLERR | EPOLLHUP */
	bool (*revoked)(void *fh);
	/*
	 * is @cmd an ioctl of this node (checked before any user copy); an
	 * unknown one is passed to ioctl with a NULL @karg, which only says
	 * -ENOTTY, or -EIO once revoked
	 */
	bool (*ioctl_known)(unsigned int cmd);
	/* the devnode's reference on @core, dropped at the struct device release */
	void (*put_core)(void *core);
};

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Registers /dev/mediaN as a child of @parent, cdev owned by @owner. The
 * devnode takes over one reference on @core (dropped by ops->put_core when the
 * struct device is released, even if registration fails).
 */
struct mcpp_devnode *mcpp_devnode_register(struct device *parent, struct module *owner,
					   const struct mcpp_devnode_ops *ops,
					   void *core) MCPP_NOEXCEPT;
/*
 * Removes the node from /dev and sysfs and wakes pollers; drops the
 * registration's reference. Open files keep the devnode's memory.
 */
void mcpp_devnode_unregister(struct mcpp_devnode *node) MCPP_NOEXCEPT;
void mcpp_devnode_wake_pollers(struct mcpp_devnode *node) MCPP_NOEXCEPT;
int mcpp_devnode_minor(struct mcpp_devnode *node) MCPP_NOEXCEPT;

/* Module init/exit of the char region. */
int mcpp_devnode_init(void) MCPP_NOEXCEPT;
void mcpp_devnode_exit(void) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_DEVNODE_H */
