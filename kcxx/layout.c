// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes, alignments and constants of kernel objects that C++ code embeds as
 * opaque storage or passes through the glue. Compiled to assembly only; kbuild
 * turns the markers into generated/kcxx/layout.h (as for asm-offsets), so the
 * numbers always match the kernel being built against, whatever its config
 * (lockdep makes a mutex several times larger, for one).
 */
#include <linux/kbuild.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include <linux/completion.h>
#include <linux/wait.h>

#define LAYOUT(name, type)                                   \
	do {                                                 \
		DEFINE(KCXX_SIZEOF_##name, sizeof(type));     \
		DEFINE(KCXX_ALIGNOF_##name, __alignof__(type)); \
	} while (0)

int main(void);
int main(void)
{
	LAYOUT(KREF, struct kref);
	LAYOUT(LIST_HEAD, struct list_head);
	LAYOUT(MUTEX, struct mutex);
	LAYOUT(SPINLOCK, spinlock_t);
	LAYOUT(SRCU, struct srcu_struct);
	LAYOUT(LOCK_CLASS_KEY, struct lock_class_key);
	LAYOUT(COMPLETION, struct completion);
	LAYOUT(WAIT_QUEUE_HEAD, struct wait_queue_head);
	BLANK();
	DEFINE(KCXX_OFFSETOF_LIST_HEAD_NEXT, offsetof(struct list_head, next));
	DEFINE(KCXX_OFFSETOF_LIST_HEAD_PREV, offsetof(struct list_head, prev));
	BLANK();
	DEFINE(KCXX_GFP_KERNEL, GFP_KERNEL);
	DEFINE(KCXX_GFP_ATOMIC, GFP_ATOMIC);
	DEFINE(KCXX_GFP_NOWAIT, GFP_NOWAIT);
	return 0;
}
