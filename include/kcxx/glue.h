/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kcxx runtime's C ABI: one small C function per kernel facility that C++
 * code needs, implemented in kcxx/glue.c and exported from mcpp.ko. Kernel
 * structures are opaque here; C++ embeds them as storage whose size comes
 * from generated/kcxx/layout.h.
 *
 * This header is included by the C glue itself, so the compiler checks that
 * both sides agree on every prototype.
 */
#ifndef KCXX_GLUE_H
#define KCXX_GLUE_H

/* C++ includes this through kcxx/base.hpp, which defines size_t first. */
#ifdef __cplusplus
#define KCXX_NOEXCEPT noexcept
#else
#include <linux/types.h>
#define KCXX_NOEXCEPT
#endif

struct kref;
struct list_head;
struct mutex;
struct lock_class_key;
struct srcu_struct;
struct completion;
struct spinlock;

#ifdef __cplusplus
extern "C" {
#endif

/* Memory: zeroed, may return NULL; size 0 is refused. */
void *kcxx_kmalloc(size_t size, unsigned int gfp) KCXX_NOEXCEPT;
void kcxx_kfree(const void *ptr) KCXX_NOEXCEPT;
/*
 * Large buffers (kvmalloc: kmalloc, falling back to vmalloc); zeroed, may
 * return NULL; size 0 is refused. Freed with kcxx_kvfree.
 */
void *kcxx_kvmalloc(size_t size, unsigned int gfp) KCXX_NOEXCEPT;
void kcxx_kvfree(const void *ptr) KCXX_NOEXCEPT;

/* kref */
void kcxx_kref_init(struct kref *kref) KCXX_NOEXCEPT;
void kcxx_kref_get(struct kref *kref) KCXX_NOEXCEPT;
bool kcxx_kref_get_unless_zero(struct kref *kref) KCXX_NOEXCEPT;
bool kcxx_kref_put(struct kref *kref,
		   void (*release)(struct kref *kref)) KCXX_NOEXCEPT;
unsigned int kcxx_kref_read(const struct kref *kref) KCXX_NOEXCEPT;

/* mutex; key is a static per-site lockdep class */
void kcxx_mutex_init(struct mutex *lock, const char *name,
		     struct lock_class_key *key) KCXX_NOEXCEPT;
void kcxx_mutex_destroy(struct mutex *lock) KCXX_NOEXCEPT;
void kcxx_mutex_lock(struct mutex *lock) KCXX_NOEXCEPT;
int kcxx_mutex_lock_interruptible(struct mutex *lock) KCXX_NOEXCEPT;
void kcxx_mutex_unlock(struct mutex *lock) KCXX_NOEXCEPT;
bool kcxx_mutex_is_locked(struct mutex *lock) KCXX_NOEXCEPT;
void kcxx_mutex_assert_held(struct mutex *lock) KCXX_NOEXCEPT;

/* spinlock */
void kcxx_spin_lock_init(struct spinlock *lock, const char *name,
			 struct lock_class_key *key) KCXX_NOEXCEPT;
void kcxx_spin_lock(struct spinlock *lock) KCXX_NOEXCEPT;
void kcxx_spin_unlock(struct spinlock *lock) KCXX_NOEXCEPT;
unsigned long kcxx_spin_lock_irqsave(struct spinlock *lock) KCXX_NOEXCEPT;
void kcxx_spin_unlock_irqrestore(struct spinlock *lock,
				 unsigned long flags) KCXX_NOEXCEPT;
/* 1 if this task holds it, 0 if not; -EOPNOTSUPP without lockdep. */
int kcxx_spin_held(struct spinlock *lock) KCXX_NOEXCEPT;

/* SRCU: the read index lives in the caller's frame, never in a shared object */
int kcxx_srcu_init(struct srcu_struct *ssp, const char *name,
		   struct lock_class_key *key) KCXX_NOEXCEPT;
void kcxx_srcu_cleanup(struct srcu_struct *ssp) KCXX_NOEXCEPT;
int kcxx_srcu_read_lock(struct srcu_struct *ssp) KCXX_NOEXCEPT;
void kcxx_srcu_read_unlock(struct srcu_struct *ssp, int idx) KCXX_NOEXCEPT;
bool kcxx_srcu_read_lock_held(const struct srcu_struct *ssp) KCXX_NOEXCEPT;
void kcxx_synchronize_srcu(struct srcu_struct *ssp) KCXX_NOEXCEPT;

/* list_head: modifications go through the kernel (with CONFIG_DEBUG_LIST) */
void kcxx_list_init(struct list_head *head) KCXX_NOEXCEPT;
void kcxx_list_add_tail(struct list_head *node,
			struct list_head *head) KCXX_NOEXCEPT;
void kcxx_list_del_init(struct list_head *node) KCXX_NOEXCEPT;

/* completion */
void kcxx_completion_init(struct completion *done) KCXX_NOEXCEPT;
void kcxx_complete(struct completion *done) KCXX_NOEXCEPT;
void kcxx_complete_all(struct completion *done) KCXX_NOEXCEPT;
void kcxx_wait_for_completion(struct completion *done) KCXX_NOEXCEPT;
/* Returns the jiffies left, 0 on timeout. */
unsigned long kcxx_wait_for_completion_timeout(struct completion *done,
					       unsigned long ms) KCXX_NOEXCEPT;

/*
 * Threads, for tests that park one thread inside a critical section while
 * another acts. start() returns NULL on failure; join() waits until @fn has
 * run to completion (it always runs, however early join() is called) and
 * returns its value.
 */
struct kcxx_thread;
struct kcxx_thread *kcxx_thread_start(int (*fn)(void *data), void *data,
				      const char *name) KCXX_NOEXCEPT;
int kcxx_thread_join(struct kcxx_thread *thread) KCXX_NOEXCEPT;

/* Diagnostics: a broken invariant is a WARN with the C++ location. */
void kcxx_warn(const char *file, int line, const char *what) KCXX_NOEXCEPT;
void kcxx_might_sleep(void) KCXX_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* KCXX_GLUE_H */
