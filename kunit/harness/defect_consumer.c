// SPDX-License-Identifier: GPL-2.0
/* Harness self-test: needs mcpp_defect_provider (see defect_provider.c). */
#include <linux/module.h>

int mcpp_defect_provided(void);

static int __init consumer_init(void)
{
	return mcpp_defect_provided() ? 0 : -EINVAL;
}

static void __exit consumer_exit(void)
{
}

module_init(consumer_init);
module_exit(consumer_exit);
MODULE_DESCRIPTION("mcpp harness self-test: symbol consumer");
MODULE_LICENSE("GPL");
