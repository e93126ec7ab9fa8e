// SPDX-License-Identifier: GPL-2.0
/*
 * vcam module glue: parameters, one platform device per camera instance,
 * the platform driver (bind/unbind through sysfs), and the few kernel
 * facilities the C++ driver (the *.cpp files beside it) uses. Nothing here
 * is devm_*: an instance lives until its media device's last reference
 * (vcam.hpp).
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include <mcpp/test.h>

#include "glue.h"

#define VCAM_MAX_INSTANCES 4

static unsigned int instances = 1;
module_param(instances, uint, 0444);
MODULE_PARM_DESC(instances, "camera instances (1-4, default 1)");

static unsigned int sensors = 2;
module_param(sensors, uint, 0444);
MODULE_PARM_DESC(sensors, "raw sensors per instance (1-2, default 2)");

static bool no_error_inj;
module_param(no_error_inj, bool, 0444);
MODULE_PARM_DESC(no_error_inj, "hide the error-injection controls (default: shown)");

static bool no_disconnect;
module_param(no_disconnect, bool, 0444);
MODULE_PARM_DESC(no_disconnect,
		 "hide the Disconnect control only (v4l2-compliance presses every button)");

static char *personality = "vcam";
module_param(personality, charp, 0444);
MODULE_PARM_DESC(personality,
		 "what the instances present: vcam (default) or rkisp1 (the Rockchip ISP1 uAPI, one IMX219)");
static unsigned int personality_id;

static unsigned int scene;
module_param(scene, uint, 0644);
MODULE_PARM_DESC(scene,
		 "rkisp1: what the IMX219 sees with its test pattern Disabled: 0 colour bars (default), 1 an under-exposed grey card (raw R/G 0.56, B/G 0.70)");

unsigned int vcam_scene(void)
{
	return READ_ONCE(scene);
}

static struct platform_device *vcam_pdevs[VCAM_MAX_INSTANCES];
static struct dentry *vcam_debugfs_root;

/*
 * Disconnect's unplug works and the re-plugs after it run on vcam's own
 * workqueue, drained at module exit before the devices go; vcam_exiting
 * (under vcam_replug_lock) stops new re-plugs from then on.
 */
static struct workqueue_struct *vcam_wq;
static DEFINE_SPINLOCK(vcam_replug_lock);
static bool vcam_exiting;
static struct work_struct vcam_replug_works[VCAM_MAX_INSTANCES];
static struct platform_driver vcam_driver;

/*
 * Which instance a queued unplug or re-plug is for, per platform device
 * vcam.N: never by address (a rebind can give a new instance the freed
 * one's), by generation. Under vcam.N's device lock: vcam_gen[N] is the
 * generation of the last instance probed there (each probe takes the next,
 * never 0), vcam_unplugged_gen[N] the generation Disconnect removed, whose
 * release may re-plug (0: none; a probe clears it). Under vcam_replug_lock:
 * vcam_released_gen[N], the generation whose release asked for the re-plug.
 */
static unsigned int vcam_gen[VCAM_MAX_INSTANCES];
static unsigned int vcam_unplugged_gen[VCAM_MAX_INSTANCES];
static unsigned int vcam_released_gen[VCAM_MAX_INSTANCES];

/* A new instance on vcam.@i, the device locked: the next generation. */
static void *vcam_probe_locked(struct device *dev, unsigned int i)
{
	void *inst;

	device_lock_assert(dev);
	if (!++vcam_gen[i])
		vcam_gen[i] = 1;
	vcam_unplugged_gen[i] = 0;
	inst = vcam_probe(dev, i, vcam_gen[i], personality_id ? 1 : sensors, personality_id);
	if (!IS_ERR(inst))
		dev_set_drvdata(dev, inst);
	return inst;
}

bool vcam_error_inj(void)
{
	return !no_error_inj;
}

bool vcam_disconnect_ctrl(void)
{
	return !no_disconnect;
}

struct vcam_unplug {
	struct work_struct work;
	struct device *dev;	/* a reference */
	void *instance;		/* the instance's reference for this work */
	unsigned int gen;	/* the instance's generation on dev */
};

/*
 * Disconnect, asynchronously: with the device locked (a sysfs unbind holds
 * the same lock), the instance is removed if it is still the one bound (its
 * generation, not its address: the work's reference keeps the address from
 * being reused, but the generation says it without relying on that); the
 * device stays bound to the driver without an instance (remove() and the
 * re-plug then find none) until the re-plug probes a new one.
 */
static void vcam_unplug_fn(struct work_struct *work)
{
	struct vcam_unplug *u = container_of(work, struct vcam_unplug, work);
	unsigned int i = to_platform_device(u->dev)->id;

	mcpp_hook(MCPP_HOOK_DRIVER_UNPLUG); /* a race test may park us here */
	device_lock(u->dev);
	if (u->dev->driver == &vcam_driver.driver && dev_get_drvdata(u->dev) &&
	    vcam_gen[i] == u->gen) {
		dev_set_drvdata(u->dev, NULL);
		vcam_unplugged_gen[i] = u->gen;
		vcam_unplugged(u->instance);
	}
	device_unlock(u->dev);
	vcam_put(u->instance);
	put_device(u->dev);
	kfree(u);
}

int vcam_unplug_queue(struct device *parent, void *instance, unsigned int gen)
{
	struct vcam_unplug *u = kzalloc(sizeof(*u), GFP_KERNEL);

	if (!u)
		return -ENOMEM;
	INIT_WORK(&u->work, vcam_unplug_fn);
	u->dev = get_device(parent);
	u->instance = instance;
	u->gen = gen;
	queue_work(vcam_wq, &u->work);
	return 0;
}

/*
 * A new instance on a device that Disconnect left bound without one, for
 * the release of the instance Disconnect removed last there: a stale release
 * (of an instance unplugged before a rebind) finds another generation.
 */
static void vcam_replug_fn(struct work_struct *work)
{
	unsigned int i = work - vcam_replug_works;
	struct device *dev = &vcam_pdevs[i]->dev;
	unsigned long flags;
	unsigned int gen;
	void *inst;

	device_lock(dev);
	spin_lock_irqsave(&vcam_replug_lock, flags);
	gen = vcam_released_gen[i];
	spin_unlock_irqrestore(&vcam_replug_lock, flags);
	if (!READ_ONCE(vcam_exiting) && dev->driver == &vcam_driver.driver &&
	    !dev_get_drvdata(dev) && gen && vcam_unplugged_gen[i] == gen) {
		inst = vcam_probe_locked(dev, i);
		if (IS_ERR(inst))
			dev_err(dev, "re-plug after Disconnect failed: %pe\n", inst);
	}
	device_unlock(dev);
}

void vcam_replug(unsigned int index, unsigned int gen)
{
	unsigned long flags;

	spin_lock_irqsave(&vcam_replug_lock, flags);
	if (!vcam_exiting && index < VCAM_MAX_INSTANCES && vcam_pdevs[index]) {
		vcam_released_gen[index] = gen;
		queue_work(vcam_wq, &vcam_replug_works[index]);
	}
	spin_unlock_irqrestore(&vcam_replug_lock, flags);
}

/**
 * vcam_test_press_disconnect() - press Disconnect on a bound vcam device (KUnit)
 * @dev: the platform device (bound to vcam, with an instance)
 *
 * What the Disconnect control does when set, for tests without a file.
 *
 * Return: 0 (the unplug is queued), -ENODEV if @dev has no instance.
 */
int vcam_test_press_disconnect(struct device *dev)
{
	void *inst;
	int ret = -ENODEV;

	device_lock(dev);
	inst = dev->driver == &vcam_driver.driver ? dev_get_drvdata(dev) : NULL;
	if (inst)
		ret = vcam_test_press_disconnect_inst(inst);
	device_unlock(dev);
	return ret;
}
EXPORT_SYMBOL_GPL(vcam_test_press_disconnect);

/**
 * vcam_test_flush() - wait for the queued unplug and re-plug works (KUnit)
 *
 * After it, a Disconnect pressed before has unplugged its instance (or found
 * it gone), and a re-plug asked for before has probed (or found nothing to do).
 */
void vcam_test_flush(void)
{
	flush_workqueue(vcam_wq);
}
EXPORT_SYMBOL_GPL(vcam_test_flush);

void *vcam_vzalloc(size_t size)
{
	return vzalloc(size);
}

void vcam_vfree(void *p)
{
	vfree(p);
}

unsigned long long vcam_now_ns(void)
{
	return ktime_get_ns();
}

void vcam_cond_resched(void)
{
	cond_resched();
}

struct vcam_debugfs {
	struct dentry *dir;
};

/*
 * "disconnect": write "sensor-a" or "sensor-b" to unplug that sensor from
 * the live instance. debugfs_remove() waits for a write in progress, and
 * remove() calls it before the instance can go.
 */
static ssize_t vcam_disconnect_write(struct file *file, const char __user *ubuf, size_t len,
				     loff_t *ppos)
{
	const char *name;
	char buf[16];
	unsigned int i;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	for (i = 0; (name = vcam_sensor_name(file->private_data, i)); i++)
		if (sysfs_streq(buf, name))
			break;
	if (!name)
		return -EINVAL;
	ret = vcam_disconnect(file->private_data, i);
	return ret ? ret : len;
}

/**
 * vcam_test_disconnect() - unplug a sensor of a bound vcam device (KUnit)
 * @dev: the platform device (bound to vcam)
 * @sensor: 0 for sensor-a, 1 for sensor-b
 *
 * What writing the sensor's name to debugfs "disconnect" does, for tests that
 * have no user memory to write from. The caller keeps @dev bound meanwhile.
 *
 * Return: 0, -ENODEV if that sensor is already gone or the device is
 * going, -EINVAL for a sensor it does not have.
 */
int vcam_test_disconnect(struct device *dev, unsigned int sensor)
{
	void *inst = dev_get_drvdata(dev);

	return inst ? vcam_disconnect(inst, sensor) : -ENODEV;
}
EXPORT_SYMBOL_GPL(vcam_test_disconnect);

static const struct file_operations vcam_disconnect_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = vcam_disconnect_write,
};

struct vcam_debugfs *vcam_debugfs_create(const char *name, void *instance,
					 unsigned long long *frame_ns, unsigned int *frames,
					 unsigned int *drops)
{
	struct vcam_debugfs *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	d->dir = debugfs_create_dir(name, vcam_debugfs_root);
	debugfs_create_u64("frame_ns", 0444, d->dir, frame_ns);
	debugfs_create_u32("frames", 0444, d->dir, frames);
	debugfs_create_u32("drops", 0444, d->dir, drops);
	debugfs_create_file("disconnect", 0200, d->dir, instance, &vcam_disconnect_fops);
	return d;
}

/* Waits for readers: the counters may be freed once this returns. */
void vcam_debugfs_remove(struct vcam_debugfs *d)
{
	if (!d)
		return;
	debugfs_remove(d->dir);
	kfree(d);
}

static int vcam_platform_probe(struct platform_device *pdev)
{
	return PTR_ERR_OR_ZERO(vcam_probe_locked(&pdev->dev, pdev->id));
}

/* No instance: Disconnect removed it and the re-plug has not come yet. */
static void vcam_platform_remove(struct platform_device *pdev)
{
	void *inst = platform_get_drvdata(pdev);

	if (inst)
		vcam_remove(inst);
}

static struct platform_driver vcam_driver = {
	.probe = vcam_platform_probe,
	.remove_new = vcam_platform_remove,
	.driver = {
		.name = "vcam",
	},
};

static void vcam_unregister_devices(void)
{
	int i;

	for (i = VCAM_MAX_INSTANCES - 1; i >= 0; i--) {
		platform_device_unregister(vcam_pdevs[i]);
		vcam_pdevs[i] = NULL;
	}
}

/* The driver and its devices, bound (each probes an instance). */
static int vcam_start(void)
{
	unsigned long flags;
	unsigned int i;
	int ret;

	spin_lock_irqsave(&vcam_replug_lock, flags);
	vcam_exiting = false;
	spin_unlock_irqrestore(&vcam_replug_lock, flags);
	ret = platform_driver_register(&vcam_driver);
	if (ret)
		return ret;
	for (i = 0; i < instances; i++) {
		vcam_pdevs[i] = platform_device_register_simple("vcam", i, NULL, 0);
		if (IS_ERR(vcam_pdevs[i])) {
			ret = PTR_ERR(vcam_pdevs[i]);
			vcam_pdevs[i] = NULL;
			vcam_unregister_devices();
			platform_driver_unregister(&vcam_driver);
			return ret;
		}
	}
	return 0;
}

/*
 * What module exit does before the workqueue goes: no re-plug from now on
 * (a release after this asks for none); the queued unplug and re-plug works
 * finish before the devices go.
 */
static void vcam_stop(void)
{
	unsigned long flags;

	spin_lock_irqsave(&vcam_replug_lock, flags);
	vcam_exiting = true;
	spin_unlock_irqrestore(&vcam_replug_lock, flags);
	drain_workqueue(vcam_wq);
	vcam_unregister_devices();
	platform_driver_unregister(&vcam_driver);
}

/**
 * vcam_test_unregister() - what rmmod does to vcam, but the module stays (KUnit)
 *
 * Stops re-plugs, waits for the queued Disconnect and re-plug works, and
 * unregisters the devices and the driver, as module exit does; the workqueue
 * and debugfs stay for vcam_test_register(). Instances removed stay until
 * their last reference goes, as after rmmod.
 */
void vcam_test_unregister(void)
{
	vcam_stop();
}
EXPORT_SYMBOL_GPL(vcam_test_unregister);

/**
 * vcam_test_register() - register vcam's driver and devices again (KUnit)
 *
 * After vcam_test_unregister(): what module init registers, so later tests
 * find vcam.0 bound with a new instance.
 *
 * Return: 0 or -errno.
 */
int vcam_test_register(void)
{
	return vcam_start();
}
EXPORT_SYMBOL_GPL(vcam_test_register);

static int __init vcam_init(void)
{
	unsigned int i;
	int ret;

	if (!instances || instances > VCAM_MAX_INSTANCES || !sensors || sensors > 2)
		return -EINVAL;
	if (!strcmp(personality, "rkisp1"))
		personality_id = 1;
	else if (strcmp(personality, "vcam"))
		return -EINVAL;
	for (i = 0; i < VCAM_MAX_INSTANCES; i++)
		INIT_WORK(&vcam_replug_works[i], vcam_replug_fn);
	vcam_wq = alloc_workqueue("vcam", 0, 0);
	if (!vcam_wq)
		return -ENOMEM;
	vcam_debugfs_root = debugfs_create_dir("vcam", NULL);
	ret = vcam_start();
	if (ret) {
		debugfs_remove(vcam_debugfs_root);
		destroy_workqueue(vcam_wq);
	}
	return ret;
}

static void __exit vcam_exit(void)
{
	vcam_stop();
	debugfs_remove(vcam_debugfs_root);
	destroy_workqueue(vcam_wq);
}

module_init(vcam_init);
module_exit(vcam_exit);
MODULE_DESCRIPTION("vcam: a virtual raw-sensor + ISP camera on mcpp");
MODULE_LICENSE("GPL");
