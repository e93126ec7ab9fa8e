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
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>

#include "glue.h"

#define VCAM_MAX_INSTANCES 4

static unsigned int instances = 1;
module_param(instances, uint, 0444);
MODULE_PARM_DESC(instances, "camera instances (1-4, default 1)");

static unsigned int sensors = 2;
module_param(sensors, uint, 0444);
MODULE_PARM_DESC(sensors, "raw sensors per instance (1-2, default 2)");

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
	void *inst = vcam_probe(&pdev->dev, pdev->id, personality_id ? 1 : sensors,
				personality_id);

	if (IS_ERR(inst))
		return PTR_ERR(inst);
	platform_set_drvdata(pdev, inst);
	return 0;
}

static void vcam_platform_remove(struct platform_device *pdev)
{
	vcam_remove(platform_get_drvdata(pdev));
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
	vcam_debugfs_root = debugfs_create_dir("vcam", NULL);
	ret = platform_driver_register(&vcam_driver);
	if (ret)
		goto err_debugfs;
	for (i = 0; i < instances; i++) {
		vcam_pdevs[i] = platform_device_register_simple("vcam", i, NULL, 0);
		if (IS_ERR(vcam_pdevs[i])) {
			ret = PTR_ERR(vcam_pdevs[i]);
			vcam_pdevs[i] = NULL;
			goto err_devices;
		}
	}
	return 0;

err_devices:
	vcam_unregister_devices();
	platform_driver_unregister(&vcam_driver);
err_debugfs:
	debugfs_remove(vcam_debugfs_root);
	return ret;
}

static void __exit vcam_exit(void)
{
	vcam_unregister_devices();
	platform_driver_unregister(&vcam_driver);
	debugfs_remove(vcam_debugfs_root);
}

module_init(vcam_init);
module_exit(vcam_exit);
MODULE_DESCRIPTION("vcam: a virtual raw-sensor + ISP camera on mcpp");
MODULE_LICENSE("GPL");
