// SPDX-License-Identifier: GPL-2.0
/*
 * Test-kernel fixup, not part of mcpp: clears stale KASAN poison left in
 * module memory when a module goes away, on kernels where nobody else does.
 *
 * A module's globals are poisoned around their redzones when it loads. With
 * CONFIG_KASAN_VMALLOC the shadow of freed vmalloc memory is reset; UML has
 * no KASAN_VMALLOC and a static shadow, so the poison outlives the module
 * and the next vmalloc() reusing those pages (insmod reads the next module
 * file into one) trips a false global-out-of-bounds report. The harness
 * loads this first, so every later unload (and every freed init section)
 * leaves clean shadow behind. A module's code no longer runs when its GOING
 * (or, for init sections, LIVE) notification arrives.
 */
#include <linux/align.h>
#include <linux/kasan.h>
#include <linux/module.h>
#include <linux/notifier.h>

#if IS_ENABLED(CONFIG_KASAN_GENERIC) && !IS_ENABLED(CONFIG_KASAN_VMALLOC)

/* mm/kasan/kasan.h, exported but not in a public header. */
void kasan_poison(const void *addr, size_t size, u8 value, bool init);
#define UML_KASAN_GRANULE (1UL << KASAN_SHADOW_SCALE_SHIFT)

static void uml_kasan_clear(struct module *mod, bool init_only)
{
	for_each_mod_mem_type(type) {
		struct module_memory *mem = &mod->mem[type];

		if (!mem->base || !mem->size || (init_only && !mod_mem_type_is_init(type)))
			continue;
		kasan_poison(mem->base, ALIGN(mem->size, UML_KASAN_GRANULE), 0, false);
	}
}

static int uml_kasan_notify(struct notifier_block *nb, unsigned long state, void *data)
{
	if (state == MODULE_STATE_GOING)
		uml_kasan_clear(data, false);
	else if (state == MODULE_STATE_LIVE)
		uml_kasan_clear(data, true);
	return NOTIFY_DONE;
}

static struct notifier_block uml_kasan_nb = {
	.notifier_call = uml_kasan_notify,
	.priority = INT_MIN,	/* after every other GOING handler */
};

static int __init uml_kasan_init(void)
{
	return register_module_notifier(&uml_kasan_nb);
}

static void __exit uml_kasan_exit(void)
{
	unregister_module_notifier(&uml_kasan_nb);
}

module_init(uml_kasan_init);
module_exit(uml_kasan_exit);
#endif

MODULE_DESCRIPTION("Test kernel: reset KASAN shadow of unloaded modules (UML)");
MODULE_LICENSE("GPL");
