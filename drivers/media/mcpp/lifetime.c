// SPDX-License-Identifier: GPL-2.0
/*
 * Lifetime glue that has to be C: keeping a driver module loaded until every
 * media device it created has been released, and the test hooks.
 *
 * Why the module wait: open files pin the driver's module (cdev owner), but
 * some releases run after the last close on their own schedule (a struct
 * device's release with DEBUG_KOBJECT_RELEASE, a V4L2 node's release), and
 * the last of them calls the driver's release callback. A module notifier
 * holds MODULE_STATE_GOING for the driver (which runs after its exit
 * function, before its memory is freed) until its devices are all released.
 * Userspace cannot delay that: with a file open, rmmod fails with EBUSY
 * before any of this runs.
 */
#include <linux/device.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/version.h>
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include <mcpp/test.h>

#include "lifetime.h"

struct mcpp_owner {
	struct list_head node;
	struct module *mod;
	unsigned int live; /* media devices created and not yet released */
};

/* A spinlock: mcpp_owner_idle() is a wait_event() condition and must not sleep. */
static DEFINE_SPINLOCK(mcpp_owners_lock);
static LIST_HEAD(mcpp_owners);
static DECLARE_WAIT_QUEUE_HEAD(mcpp_owners_wq);

static struct mcpp_owner *mcpp_owner_find(struct module *mod)
{
	struct mcpp_owner *o;

	list_for_each_entry(o, &mcpp_owners, node)
		if (o->mod == mod)
			return o;
	return NULL;
}

int mcpp_owner_hold(struct module *mod)
{
	struct mcpp_owner *fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	struct mcpp_owner *o;

	if (!fresh)
		return -ENOMEM;
	spin_lock(&mcpp_owners_lock);
	o = mcpp_owner_find(mod);
	if (!o) {
		o = fresh;
		fresh = NULL;
		o->mod = mod;
		list_add(&o->node, &mcpp_owners);
	}
	o->live++;
	spin_unlock(&mcpp_owners_lock);
	kfree(fresh);
	return 0;
}

void mcpp_owner_release(struct module *mod)
{
	struct mcpp_owner *o, *dead = NULL;

	spin_lock(&mcpp_owners_lock);
	o = mcpp_owner_find(mod);
	if (!WARN_ON(!o) && --o->live == 0) {
		list_del(&o->node);
		dead = o;
	}
	spin_unlock(&mcpp_owners_lock);
	kfree(dead);
	wake_up_all(&mcpp_owners_wq);
}

static bool mcpp_owner_idle(struct module *mod)
{
	bool idle;

	spin_lock(&mcpp_owners_lock);
	idle = !mcpp_owner_find(mod);
	spin_unlock(&mcpp_owners_lock);
	return idle;
}

static int mcpp_module_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;

	if (action != MODULE_STATE_GOING)
		return NOTIFY_DONE;
	/* Pending releases finish within seconds; a device never put is a bug. */
	if (!wait_event_timeout(mcpp_owners_wq, mcpp_owner_idle(mod), 30 * HZ)) {
		WARN(1, "mcpp: %s is unloading with unreleased media devices\n", mod->name);
		wait_event(mcpp_owners_wq, mcpp_owner_idle(mod));
	}
	return NOTIFY_OK;
}

static struct notifier_block mcpp_module_nb = {
	.notifier_call = mcpp_module_notify,
};

int mcpp_lifetime_init(void)
{
	return register_module_notifier(&mcpp_module_nb);
}

void mcpp_lifetime_exit(void)
{
	unregister_module_notifier(&mcpp_module_nb);
}

const char *mcpp_dev_name(struct device *dev)
{
	return dev_name(dev);
}

unsigned int mcpp_linux_version_code(void)
{
	return LINUX_VERSION_CODE;
}

bool mcpp_str_copy(char *dst, const char *src, size_t size)
{
	return strscpy(dst, src, size) >= 0;
}

/* Test hooks (exported by exports.c; the functions are core/abi.cpp's). */
int mcpp_hooks_armed;

static struct {
	mcpp_hook_fn fn;
	void *ctx;
} mcpp_hooks[MCPP_HOOK_COUNT];
static DEFINE_SPINLOCK(mcpp_hooks_lock);

void mcpp_hooks_arm(enum mcpp_hook_point point, mcpp_hook_fn fn, void *ctx)
{
	if (WARN_ON(point >= MCPP_HOOK_COUNT))
		return;
	spin_lock(&mcpp_hooks_lock);
	WARN_ON(mcpp_hooks[point].fn);
	mcpp_hooks[point].fn = fn;
	mcpp_hooks[point].ctx = ctx;
	WRITE_ONCE(mcpp_hooks_armed, mcpp_hooks_armed + 1);
	spin_unlock(&mcpp_hooks_lock);
}

void mcpp_hooks_disarm(enum mcpp_hook_point point)
{
	if (WARN_ON(point >= MCPP_HOOK_COUNT))
		return;
	spin_lock(&mcpp_hooks_lock);
	if (mcpp_hooks[point].fn) {
		mcpp_hooks[point].fn = NULL;
		WRITE_ONCE(mcpp_hooks_armed, mcpp_hooks_armed - 1);
	}
	spin_unlock(&mcpp_hooks_lock);
}

/*
 * A hook runs at most once per arming: it is disarmed as it fires, so a
 * parked thread is the only one parked there.
 */
void mcpp_hooks_run(enum mcpp_hook_point point)
{
	mcpp_hook_fn fn;
	void *ctx;

	spin_lock(&mcpp_hooks_lock);
	fn = mcpp_hooks[point].fn;
	ctx = mcpp_hooks[point].ctx;
	if (fn) {
		mcpp_hooks[point].fn = NULL;
		WRITE_ONCE(mcpp_hooks_armed, mcpp_hooks_armed - 1);
	}
	spin_unlock(&mcpp_hooks_lock);
	if (fn)
		fn(ctx, point);
}
