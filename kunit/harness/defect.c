// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module that plants one defect on request, so that the
 * harness can show each of its detectors failing a run. Never loaded by a
 * normal test run.
 *
 *   insmod mcpp_defect.ko defect=warn|leak|uaf|fail|hang|none
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>

static char *defect = "none";
module_param(defect, charp, 0444);
MODULE_PARM_DESC(defect, "warn, leak, uaf, fail, hang or none");

static void *leaked;

static noinline void defect_touch_freed(void)
{
	char *p = kmalloc(32, GFP_KERNEL);

	if (!p)
		return;
	kfree(p);
	/* KASAN must report this read. */
	pr_info("mcpp_defect: read freed byte %d\n", READ_ONCE(p[3]));
}

static int __init defect_init(void)
{
	if (!strcmp(defect, "warn")) {
		WARN(1, "mcpp_defect: planted warning\n");
	} else if (!strcmp(defect, "leak")) {
		/* Drop the only pointer: kmemleak must find the block. */
		leaked = kmalloc(128, GFP_KERNEL);
		leaked = NULL;
	} else if (!strcmp(defect, "uaf")) {
		defect_touch_freed();
	} else if (!strcmp(defect, "fail")) {
		return -EINVAL;
	} else if (!strcmp(defect, "hang")) {
		/* Never returns: the runner's timeout must end the boot. */
		for (;;)
			msleep_interruptible(1000);
	}
	pr_info("mcpp_defect: planted '%s'\n", defect);
	return 0;
}

static void __exit defect_exit(void)
{
}

module_init(defect_init);
module_exit(defect_exit);
MODULE_DESCRIPTION("mcpp harness self-test: planted defects");
MODULE_LICENSE("GPL");
