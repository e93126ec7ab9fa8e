// SPDX-License-Identifier: GPL-2.0
/*
 * The core's module boundary: the functions of include/mcpp/mcpp.h that
 * drivers call and those of include/mcpp/test.h that tests call, all defined
 * in core/abi.cpp (and the count of armed hooks, lifetime.c's), exported to
 * GPL modules; no other file of the core exports (scripts/tests/layers.py). What only the V4L2 bridge (in
 * mcpp.ko) calls is not exported. Kerneldoc is in the headers.
 *
 * checkpatch wants each export right after its definition; the definitions
 * are C++, which cannot use the export macros, so they are listed here.
 */
#include <linux/export.h>

#include <mcpp/mcpp.h>
#include <mcpp/test.h>

EXPORT_SYMBOL_GPL(mcpp_device_create);
EXPORT_SYMBOL_GPL(mcpp_device_register);
EXPORT_SYMBOL_GPL(mcpp_device_unregister);
EXPORT_SYMBOL_GPL(mcpp_device_get);
EXPORT_SYMBOL_GPL(mcpp_device_put);
EXPORT_SYMBOL_GPL(mcpp_device_minor);
EXPORT_SYMBOL_GPL(mcpp_device_topology_version);
EXPORT_SYMBOL_GPL(mcpp_entity_create);
EXPORT_SYMBOL_GPL(mcpp_entity_remove);
EXPORT_SYMBOL_GPL(mcpp_entity_put);
EXPORT_SYMBOL_GPL(mcpp_entity_id);
EXPORT_SYMBOL_GPL(mcpp_entity_name);
EXPORT_SYMBOL_GPL(mcpp_entity_in_graph);
EXPORT_SYMBOL_GPL(mcpp_entity_streaming);
EXPORT_SYMBOL_GPL(mcpp_link_create);
EXPORT_SYMBOL_GPL(mcpp_ancillary_link_create);
EXPORT_SYMBOL_GPL(mcpp_link_remote);
EXPORT_SYMBOL_GPL(mcpp_interface_create);
EXPORT_SYMBOL_GPL(mcpp_interface_remove);
EXPORT_SYMBOL_GPL(mcpp_interface_put);
EXPORT_SYMBOL_GPL(mcpp_interface_link_create);

EXPORT_SYMBOL_GPL(mcpp_file_open);
EXPORT_SYMBOL_GPL(mcpp_file_release);
EXPORT_SYMBOL_GPL(mcpp_file_ioctl);
EXPORT_SYMBOL_GPL(mcpp_file_revoked);
EXPORT_SYMBOL_GPL(mcpp_test_counts);
EXPORT_SYMBOL_GPL(mcpp_test_device_refs);
EXPORT_SYMBOL_GPL(mcpp_test_file_device);
EXPORT_SYMBOL_GPL(mcpp_hook_arm);
EXPORT_SYMBOL_GPL(mcpp_hook_disarm);
EXPORT_SYMBOL_GPL(mcpp_hook_run);
EXPORT_SYMBOL_GPL(mcpp_hooks_armed); /* lifetime.c's, read by the inline mcpp_hook() */
