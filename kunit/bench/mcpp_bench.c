// SPDX-License-Identifier: GPL-2.0
/*
 * Measurement points for the benchmark runner (scripts/bench/run.py, `make
 * bench`); never loaded by `make check`.
 *
 * - Synthetic graphs: one media device per value of graphs= (at most four),
 *   each a chain of that many entities (sink and source pad, a data link to
 *   the next, a sub-device interface linked to each), for the cost of the MC
 *   ioctls against the graph's size.
 * - /sys/kernel/debug/mcpp_bench/thread: write a pid, read back the time that
 *   task spent on the CPU since, with how often it was switched in and how
 *   often it went to sleep. Taken from ktime at every context switch (a
 *   sched_switch probe): UML's sched_clock counts jiffies, so the scheduler's
 *   own accounting is too coarse for a frame. The same method serves every
 *   driver's frame thread.
 * - /sys/kernel/debug/mcpp_bench/copy: write "<bytes> <count>", read back
 *   the ns that many memcpy()s of one vmalloc buffer into another took: the
 *   memory-bound floor of producing a frame.
 */
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/ktime.h>
#include <linux/media.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include <mcpp/mcpp.h>

#define BENCH_MAX_GRAPHS 4
#define BENCH_MAX_ENTITIES 4096
#define BENCH_MAX_COPY (64UL << 20)

static unsigned int graphs[BENCH_MAX_GRAPHS];
static int num_graphs;
module_param_array(graphs, uint, &num_graphs, 0444);
MODULE_PARM_DESC(graphs, "entities of each synthetic graph (chains), e.g. 10,100,1000");

/* Synthetic graphs ---------------------------------------------------------- */

struct bench_graph {
	struct mcpp_device *mdev;	/* the driver's reference */
};

static struct platform_device *bench_pdev[BENCH_MAX_GRAPHS];

static void bench_graph_release(void *drvdata)
{
	kfree(drvdata);
}

static const struct mcpp_device_ops bench_graph_ops = {
	.owner = THIS_MODULE,
	.release = bench_graph_release,
};

/* Entity @i of @n in a chain: a source pad first, a sink pad last, both between. */
static int bench_graph_entity(struct mcpp_device *mdev, unsigned int i, unsigned int n,
			      struct mcpp_entity **prev)
{
	static const u32 first[] = { MEDIA_PAD_FL_SOURCE };
	static const u32 middle[] = { MEDIA_PAD_FL_SINK, MEDIA_PAD_FL_SOURCE };
	static const u32 last[] = { MEDIA_PAD_FL_SINK };
	const u32 *pads = i == 0 ? first : i + 1 == n ? last : middle;
	u16 num_pads = i == 0 || i + 1 == n ? 1 : 2;
	struct mcpp_interface *intf;
	struct mcpp_entity *e;
	char name[32];
	int ret = 0;

	if (n == 1)
		num_pads = 0;
	snprintf(name, sizeof(name), "bench-%u", i);
	e = mcpp_entity_create(mdev, name, MEDIA_ENT_F_PROC_VIDEO_SCALER, 0, num_pads, pads);
	if (IS_ERR(e))
		return PTR_ERR(e);
	intf = mcpp_interface_create(mdev, MEDIA_INTF_T_V4L_SUBDEV, 0, i);
	if (IS_ERR(intf)) {
		ret = PTR_ERR(intf);
	} else {
		ret = mcpp_interface_link_create(intf, e);
		mcpp_interface_put(intf);
	}
	if (ret >= 0 && *prev)
		ret = mcpp_link_create(*prev, i == 1 ? 0 : 1, e, 0,
				       MEDIA_LNK_FL_IMMUTABLE | MEDIA_LNK_FL_ENABLED);
	mcpp_entity_put(*prev);
	*prev = e;
	return ret < 0 ? ret : 0;
}

static int bench_graph_probe(struct platform_device *pdev)
{
	struct mcpp_device_info info = {
		.driver = "mcpp_bench",
		.model = "mcpp synthetic graph",
	};
	unsigned int n = graphs[pdev->id], i;
	struct mcpp_entity *prev = NULL;
	struct bench_graph *g;
	int ret = 0;

	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return -ENOMEM;
	g->mdev = mcpp_device_create(&pdev->dev, &info, &bench_graph_ops, g);
	if (IS_ERR(g->mdev)) {
		ret = PTR_ERR(g->mdev);
		kfree(g);	/* the release callback never runs */
		return ret;
	}
	for (i = 0; i < n && !ret; i++)
		ret = bench_graph_entity(g->mdev, i, n, &prev);
	mcpp_entity_put(prev);
	if (!ret)
		ret = mcpp_device_register(g->mdev);
	if (ret) {
		mcpp_device_unregister(g->mdev);
		mcpp_device_put(g->mdev);
		return ret;
	}
	platform_set_drvdata(pdev, g);
	return 0;
}

static void bench_graph_remove(struct platform_device *pdev)
{
	struct bench_graph *g = platform_get_drvdata(pdev);

	mcpp_device_unregister(g->mdev);
	mcpp_device_put(g->mdev);
}

static struct platform_driver bench_graph_driver = {
	.probe = bench_graph_probe,
	.remove_new = bench_graph_remove,
	.driver = {
		.name = "mcpp-bench",
	},
};

/* One thread's on-CPU time ----------------------------------------------------- */

static DEFINE_SPINLOCK(bench_lock);	/* the fields below, vs the probe */
static pid_t bench_pid;			/* 0: nothing tracked */
static u64 bench_on_ns, bench_since;	/* accumulated; last switch-in (0: off CPU) */
static u64 bench_runs, bench_sleeps;
static struct tracepoint *bench_tp;

static void bench_sched_switch(void *data, bool preempt, struct task_struct *prev,
			       struct task_struct *next, unsigned int prev_state)
{
	pid_t pid = READ_ONCE(bench_pid);
	u64 now;

	if (!pid || (prev->pid != pid && next->pid != pid))
		return;
	now = ktime_get_mono_fast_ns();
	spin_lock(&bench_lock);
	if (pid == bench_pid && prev->pid == pid && bench_since) {
		bench_on_ns += now - bench_since;
		bench_since = 0;
		if (prev_state != TASK_RUNNING)
			bench_sleeps++;
	}
	if (pid == bench_pid && next->pid == pid) {
		bench_since = now;
		bench_runs++;
	}
	spin_unlock(&bench_lock);
}

static void bench_find_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sched_switch"))
		bench_tp = tp;
}

static ssize_t bench_thread_write(struct file *file, const char __user *ubuf, size_t len,
				  loff_t *ppos)
{
	int pid, ret;

	ret = kstrtoint_from_user(ubuf, len, 10, &pid);
	if (ret)
		return ret;
	if (pid < 0)
		return -EINVAL;
	spin_lock_irq(&bench_lock);
	bench_pid = pid;
	bench_on_ns = 0;
	bench_runs = 0;
	bench_sleeps = 0;
	/* Called from another task: the tracked one is off the CPU (one CPU). */
	bench_since = 0;
	spin_unlock_irq(&bench_lock);
	return len;
}

static ssize_t bench_thread_read(struct file *file, char __user *ubuf, size_t len,
				 loff_t *ppos)
{
	char buf[96];
	int n;

	spin_lock_irq(&bench_lock);
	n = scnprintf(buf, sizeof(buf), "pid=%d on_ns=%llu runs=%llu sleeps=%llu\n",
		      bench_pid, bench_on_ns, bench_runs, bench_sleeps);
	spin_unlock_irq(&bench_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations bench_thread_fops = {
	.owner = THIS_MODULE,
	.read = bench_thread_read,
	.write = bench_thread_write,
	.llseek = default_llseek,
};

/* The plain copy ---------------------------------------------------------------- */

static DEFINE_MUTEX(bench_copy_lock);	/* the result below */
static unsigned long bench_copy_bytes, bench_copy_count;
static u64 bench_copy_ns;

static ssize_t bench_copy_write(struct file *file, const char __user *ubuf, size_t len,
				loff_t *ppos)
{
	unsigned long bytes, count, i;
	char buf[48];
	void *src, *dst;
	u64 start;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%lu %lu", &bytes, &count) != 2 || !bytes || bytes > BENCH_MAX_COPY ||
	    !count || count > 10000)
		return -EINVAL;
	src = vmalloc(bytes);
	dst = vmalloc(bytes);
	if (!src || !dst) {
		vfree(src);
		vfree(dst);
		return -ENOMEM;
	}
	/* Touch both first: the pages are mapped and cached as a frame's would be. */
	memset(src, 0x5a, bytes);
	memset(dst, 0, bytes);
	mutex_lock(&bench_copy_lock);
	start = ktime_get_ns();
	for (i = 0; i < count; i++) {
		memcpy(dst, src, bytes);
		/* Keep the copies: the compiler must not fold them into one. */
		barrier_data(dst);
	}
	bench_copy_ns = ktime_get_ns() - start;
	bench_copy_bytes = bytes;
	bench_copy_count = count;
	mutex_unlock(&bench_copy_lock);
	vfree(src);
	vfree(dst);
	return len;
}

static ssize_t bench_copy_read(struct file *file, char __user *ubuf, size_t len, loff_t *ppos)
{
	char buf[96];
	int n;

	mutex_lock(&bench_copy_lock);
	n = scnprintf(buf, sizeof(buf), "bytes=%lu count=%lu ns=%llu\n", bench_copy_bytes,
		      bench_copy_count, bench_copy_ns);
	mutex_unlock(&bench_copy_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations bench_copy_fops = {
	.owner = THIS_MODULE,
	.read = bench_copy_read,
	.write = bench_copy_write,
	.llseek = default_llseek,
};

/* Module ------------------------------------------------------------------------ */

static struct dentry *bench_dir;

static void bench_remove_graphs(void)
{
	int i;

	for (i = 0; i < BENCH_MAX_GRAPHS; i++) {
		if (!IS_ERR_OR_NULL(bench_pdev[i]))
			platform_device_unregister(bench_pdev[i]);
		bench_pdev[i] = NULL;
	}
}

static int __init bench_init(void)
{
	int i, ret;

	for (i = 0; i < num_graphs; i++)
		if (!graphs[i] || graphs[i] > BENCH_MAX_ENTITIES)
			return -EINVAL;
	for_each_kernel_tracepoint(bench_find_tp, NULL);
	if (bench_tp) {
		ret = tracepoint_probe_register(bench_tp, bench_sched_switch, NULL);
		if (ret)
			return ret;
	} else {
		pr_warn("mcpp_bench: no sched_switch tracepoint: no thread figures\n");
	}
	ret = platform_driver_register(&bench_graph_driver);
	if (ret)
		goto err_tp;
	for (i = 0; i < num_graphs; i++) {
		bench_pdev[i] = platform_device_register_simple("mcpp-bench", i, NULL, 0);
		if (IS_ERR(bench_pdev[i])) {
			ret = PTR_ERR(bench_pdev[i]);
			goto err_graphs;
		}
		/* probe ran synchronously: no driver bound means it failed */
		if (!platform_get_drvdata(bench_pdev[i])) {
			ret = -ENODEV;
			goto err_graphs;
		}
	}
	bench_dir = debugfs_create_dir("mcpp_bench", NULL);
	debugfs_create_file("thread", 0600, bench_dir, NULL, &bench_thread_fops);
	debugfs_create_file("copy", 0600, bench_dir, NULL, &bench_copy_fops);
	return 0;

err_graphs:
	bench_remove_graphs();
	platform_driver_unregister(&bench_graph_driver);
err_tp:
	if (bench_tp) {
		tracepoint_probe_unregister(bench_tp, bench_sched_switch, NULL);
		tracepoint_synchronize_unregister();
	}
	return ret;
}

static void __exit bench_exit(void)
{
	debugfs_remove(bench_dir);
	bench_remove_graphs();
	platform_driver_unregister(&bench_graph_driver);
	if (bench_tp) {
		tracepoint_probe_unregister(bench_tp, bench_sched_switch, NULL);
		tracepoint_synchronize_unregister();
	}
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_DESCRIPTION("mcpp benchmark measurement points");
MODULE_LICENSE("GPL");
