// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp.ko: a media controller core with a kref lifetime model, and the kcxx
 * runtime glue its C++ stands on. Module init is explicit: the C++ code has
 * no global constructors.
 */
#include <linux/module.h>

#include "devnode.h"
#include "lifetime.h"

static int __init mcpp_init(void)
{
	int ret;

	ret = mcpp_devnode_init();
	if (ret)
		return ret;
	ret = mcpp_lifetime_init();
	if (ret)
		mcpp_devnode_exit();
	return ret;
}

static void __exit mcpp_exit(void)
{
	/*
	 * Every media device belongs to a module that depends on us and has
	 * already been unloaded, and each such unload waited for its devices'
	 * releases: nothing of ours can run after this.
	 */
	mcpp_lifetime_exit();
	mcpp_devnode_exit();
}

module_init(mcpp_init);
module_exit(mcpp_exit);

MODULE_DESCRIPTION("Media controller core with a kref lifetime model");
MODULE_AUTHOR("The mcpp developers");
MODULE_LICENSE("GPL");
