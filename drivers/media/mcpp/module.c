// SPDX-License-Identifier: GPL-2.0
/*
 * mcpp.ko: a media controller core with a kref lifetime model, and the kcxx
 * runtime glue its C++ stands on. Module init is explicit: the C++ code has
 * no global constructors.
 */
#include <linux/module.h>

static int __init mcpp_init(void)
{
	return 0;
}

static void __exit mcpp_exit(void)
{
}

module_init(mcpp_init);
module_exit(mcpp_exit);

MODULE_DESCRIPTION("Media controller core with a kref lifetime model");
MODULE_AUTHOR("The mcpp developers");
MODULE_LICENSE("GPL");
