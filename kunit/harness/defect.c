// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module that plants one defect on request, so that the
 * harness can show each of its detectors failing a run. Never loaded by a
 * normal test run.
 *
 *   insmod mcpp_defect.ko defect=NAME
 *
 * NAME: warn, leak, uaf, fail, hang (init never returns), lockdep (an AB-BA
 * lock order), refcount (an increment from zero), odebug (an armed timer
 * initialised again), oops (a NULL dereference), ubsan (an index past an array's end,
 * inside its object), dstate (init sleeps uninterruptibly for dstate_ms), or
 * none.
 */
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/timer.h>

static char *defect = "none";
module_param(defect, charp, 0444);
MODULE_PARM_DESC(defect, "warn, leak, uaf, fail, hang, lockdep, refcount, odebug, oops, ubsan, dstate or none");

static unsigned int dstate_ms = 20000;
module_param(dstate_ms, uint, 0444);
MODULE_PARM_DESC(dstate_ms, "how long defect=dstate sleeps uninterruptibly");

static void *leaked;

static DEFINE_MUTEX(defect_lock_a);
static DEFINE_MUTEX(defect_lock_b);

/* A then B, later B then A: lockdep must report the circular dependency. */
static noinline void defect_lock_inversion(void)
{
	mutex_lock(&defect_lock_a);
	mutex_lock(&defect_lock_b);
	mutex_unlock(&defect_lock_b);
	mutex_unlock(&defect_lock_a);

	mutex_lock(&defect_lock_b);
	mutex_lock(&defect_lock_a);
	mutex_unlock(&defect_lock_a);
	mutex_unlock(&defect_lock_b);
}

/* A get on an object already released: refcount_t must warn. */
static noinline void defect_refcount_from_zero(void)
{
	refcount_t ref = REFCOUNT_INIT(1);

	if (refcount_dec_and_test(&ref))
		refcount_inc(&ref);
}

static struct timer_list defect_timer;

static void defect_timer_fn(struct timer_list *t)
{
}

/*
 * An armed timer initialised again: debugobjects must report it (the test
 * kernel tracks timers only, not frees), and its fixup stops the timer.
 */
static noinline void defect_reinit_armed_timer(void)
{
	timer_setup(&defect_timer, defect_timer_fn, 0);
	mod_timer(&defect_timer, jiffies + 3600 * HZ);
	timer_setup(&defect_timer, defect_timer_fn, 0);
	timer_delete_sync(&defect_timer);
}

static int *defect_nowhere;

static noinline void defect_null_deref(void)
{
	int *p = READ_ONCE(defect_nowhere);

	pr_info("mcpp_defect: read %d\n", READ_ONCE(*p));
}

static struct {
	int a[4];
	int after;
} defect_bounds;
static int defect_index = 4;

/* In bounds of the object (KASAN is silent), past the array: UBSAN's. */
static noinline void defect_index_past_end(void)
{
	defect_bounds.a[READ_ONCE(defect_index)] = 1;
	pr_info("mcpp_defect: wrote past a[] into %d\n", defect_bounds.after);
}

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
	} else if (!strcmp(defect, "lockdep")) {
		defect_lock_inversion();
	} else if (!strcmp(defect, "refcount")) {
		defect_refcount_from_zero();
	} else if (!strcmp(defect, "odebug")) {
		defect_reinit_armed_timer();
	} else if (!strcmp(defect, "oops")) {
		defect_null_deref();
	} else if (!strcmp(defect, "ubsan")) {
		defect_index_past_end();
	} else if (!strcmp(defect, "dstate")) {
		/* The hung-task detector must report this task. */
		msleep(dstate_ms);
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
