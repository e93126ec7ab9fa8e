// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx runtime glue: the kernel facilities C++ code uses, one small function
 * each, so that C++ never includes a kernel-internal header. Nothing clever
 * belongs here; if a function grows logic, that logic belongs in C++.
 */
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>

#include <kcxx/glue.h>

void *kcxx_kmalloc(size_t size, unsigned int gfp)
{
	if (WARN_ON_ONCE(!size))
		return NULL;
	return kzalloc(size, (__force gfp_t)gfp);
}
EXPORT_SYMBOL_GPL(kcxx_kmalloc);

void kcxx_kfree(const void *ptr)
{
	kfree(ptr);
}
EXPORT_SYMBOL_GPL(kcxx_kfree);

void *kcxx_kvmalloc(size_t size, unsigned int gfp)
{
	if (WARN_ON_ONCE(!size))
		return NULL;
	return kvzalloc(size, (__force gfp_t)gfp);
}
EXPORT_SYMBOL_GPL(kcxx_kvmalloc);

void kcxx_kvfree(const void *ptr)
{
	kvfree(ptr);
}
EXPORT_SYMBOL_GPL(kcxx_kvfree);

void kcxx_kref_init(struct kref *kref)
{
	kref_init(kref);
}
EXPORT_SYMBOL_GPL(kcxx_kref_init);

void kcxx_kref_get(struct kref *kref)
{
	kref_get(kref);
}
EXPORT_SYMBOL_GPL(kcxx_kref_get);

bool kcxx_kref_get_unless_zero(struct kref *kref)
{
	return kref_get_unless_zero(kref);
}
EXPORT_SYMBOL_GPL(kcxx_kref_get_unless_zero);

bool kcxx_kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	return kref_put(kref, release);
}
EXPORT_SYMBOL_GPL(kcxx_kref_put);

unsigned int kcxx_kref_read(const struct kref *kref)
{
	return kref_read(kref);
}
EXPORT_SYMBOL_GPL(kcxx_kref_read);

void kcxx_mutex_init(struct mutex *lock, const char *name,
		     struct lock_class_key *key)
{
	__mutex_init(lock, name, key);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_init);

void kcxx_mutex_destroy(struct mutex *lock)
{
	mutex_destroy(lock);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_destroy);

void kcxx_mutex_lock(struct mutex *lock)
{
	mutex_lock(lock);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_lock);

int kcxx_mutex_lock_interruptible(struct mutex *lock)
{
	return mutex_lock_interruptible(lock);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_lock_interruptible);

void kcxx_mutex_unlock(struct mutex *lock)
{
	mutex_unlock(lock);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_unlock);

bool kcxx_mutex_is_locked(struct mutex *lock)
{
	return mutex_is_locked(lock);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_is_locked);

void kcxx_mutex_assert_held(struct mutex *lock)
{
	lockdep_assert_held(lock);
}
EXPORT_SYMBOL_GPL(kcxx_mutex_assert_held);

void kcxx_spin_lock_init(spinlock_t *lock, const char *name,
			 struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_SPINLOCK
	__raw_spin_lock_init(spinlock_check(lock), name, key, LD_WAIT_CONFIG);
#else
	spin_lock_init(lock);
#endif
}
EXPORT_SYMBOL_GPL(kcxx_spin_lock_init);

void kcxx_spin_lock(spinlock_t *lock)
{
	spin_lock(lock);
}
EXPORT_SYMBOL_GPL(kcxx_spin_lock);

void kcxx_spin_unlock(spinlock_t *lock)
{
	spin_unlock(lock);
}
EXPORT_SYMBOL_GPL(kcxx_spin_unlock);

unsigned long kcxx_spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags;

	spin_lock_irqsave(lock, flags);
	return flags;
}
EXPORT_SYMBOL_GPL(kcxx_spin_lock_irqsave);

void kcxx_spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_unlock_irqrestore(lock, flags);
}
EXPORT_SYMBOL_GPL(kcxx_spin_unlock_irqrestore);

int kcxx_spin_held(spinlock_t *lock)
{
#ifdef CONFIG_LOCKDEP
	return lockdep_is_held(lock) ? 1 : 0;
#else
	return -EOPNOTSUPP;
#endif
}
EXPORT_SYMBOL_GPL(kcxx_spin_held);

int kcxx_srcu_init(struct srcu_struct *ssp, const char *name,
		   struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return __init_srcu_struct(ssp, name, key);
#else
	return init_srcu_struct(ssp);
#endif
}
EXPORT_SYMBOL_GPL(kcxx_srcu_init);

void kcxx_srcu_cleanup(struct srcu_struct *ssp)
{
	cleanup_srcu_struct(ssp);
}
EXPORT_SYMBOL_GPL(kcxx_srcu_cleanup);

int kcxx_srcu_read_lock(struct srcu_struct *ssp)
{
	return srcu_read_lock(ssp);
}
EXPORT_SYMBOL_GPL(kcxx_srcu_read_lock);

void kcxx_srcu_read_unlock(struct srcu_struct *ssp, int idx)
{
	srcu_read_unlock(ssp, idx);
}
EXPORT_SYMBOL_GPL(kcxx_srcu_read_unlock);

bool kcxx_srcu_read_lock_held(const struct srcu_struct *ssp)
{
	return srcu_read_lock_held(ssp);
}
EXPORT_SYMBOL_GPL(kcxx_srcu_read_lock_held);

void kcxx_synchronize_srcu(struct srcu_struct *ssp)
{
	synchronize_srcu(ssp);
}
EXPORT_SYMBOL_GPL(kcxx_synchronize_srcu);

void kcxx_list_init(struct list_head *head)
{
	INIT_LIST_HEAD(head);
}
EXPORT_SYMBOL_GPL(kcxx_list_init);

void kcxx_list_add_tail(struct list_head *node, struct list_head *head)
{
	list_add_tail(node, head);
}
EXPORT_SYMBOL_GPL(kcxx_list_add_tail);

void kcxx_list_del_init(struct list_head *node)
{
	list_del_init(node);
}
EXPORT_SYMBOL_GPL(kcxx_list_del_init);

void kcxx_completion_init(struct completion *done)
{
	init_completion(done);
}
EXPORT_SYMBOL_GPL(kcxx_completion_init);

void kcxx_complete(struct completion *done)
{
	complete(done);
}
EXPORT_SYMBOL_GPL(kcxx_complete);

void kcxx_complete_all(struct completion *done)
{
	complete_all(done);
}
EXPORT_SYMBOL_GPL(kcxx_complete_all);

void kcxx_wait_for_completion(struct completion *done)
{
	wait_for_completion(done);
}
EXPORT_SYMBOL_GPL(kcxx_wait_for_completion);

unsigned long kcxx_wait_for_completion_timeout(struct completion *done,
					       unsigned long ms)
{
	return wait_for_completion_timeout(done, msecs_to_jiffies(ms));
}
EXPORT_SYMBOL_GPL(kcxx_wait_for_completion_timeout);

struct kcxx_thread {
	struct task_struct *task;
	int (*fn)(void *data);
	void *data;
	int ret;
	struct completion done;
};

static int kcxx_thread_main(void *arg)
{
	struct kcxx_thread *t = arg;

	t->ret = t->fn(t->data);
	complete(&t->done);
	/* Stay until kthread_stop(), so join never races our exit. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

struct kcxx_thread *kcxx_thread_start(int (*fn)(void *data), void *data,
				      const char *name)
{
	struct kcxx_thread *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->fn = fn;
	t->data = data;
	init_completion(&t->done);
	t->task = kthread_run(kcxx_thread_main, t, "%s", name);
	if (IS_ERR(t->task)) {
		kfree(t);
		return NULL;
	}
	return t;
}
EXPORT_SYMBOL_GPL(kcxx_thread_start);

int kcxx_thread_join(struct kcxx_thread *t)
{
	int ret;

	wait_for_completion(&t->done);
	kthread_stop(t->task);
	ret = t->ret;
	kfree(t);
	return ret;
}
EXPORT_SYMBOL_GPL(kcxx_thread_join);

void kcxx_warn(const char *file, int line, const char *what)
{
	WARN(1, "kcxx: %s:%d: %s\n", file, line, what);
}
EXPORT_SYMBOL_GPL(kcxx_warn);

void kcxx_might_sleep(void)
{
	might_sleep();
}
EXPORT_SYMBOL_GPL(kcxx_might_sleep);
