// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: exports a symbol that mcpp_defect_consumer needs. The
 * self-test loads the consumer without this module, which must show up as
 * "Unknown symbol" and a module that failed to load.
 */
#include <linux/module.h>

int mcpp_defect_provided(void);
int mcpp_defect_provided(void)
{
	return 1;
}
EXPORT_SYMBOL_GPL(mcpp_defect_provided);

MODULE_DESCRIPTION("mcpp harness self-test: symbol provider");
MODULE_LICENSE("GPL");
