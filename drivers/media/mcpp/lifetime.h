/* SPDX-License-Identifier: GPL-2.0 */
/* Lifetime glue (lifetime.c): driver module tracking. */
#ifndef MCPP_LIFETIME_H
#define MCPP_LIFETIME_H

#include <mcpp/test.h> /* MCPP_NOEXCEPT, the hook types */


struct device;
struct module;

#ifdef __cplusplus
extern "C" {
#endif

/* A media device of @mod exists until the matching mcpp_owner_release(). */
int mcpp_owner_hold(struct module *mod) MCPP_NOEXCEPT;
void mcpp_owner_release(struct module *mod) MCPP_NOEXCEPT;
int mcpp_lifetime_init(void) MCPP_NOEXCEPT;
void mcpp_lifetime_exit(void) MCPP_NOEXCEPT;

/* Small kernel facilities the core needs (lifetime.c). */
const char *mcpp_dev_name(struct device *dev) MCPP_NOEXCEPT;
unsigned int mcpp_linux_version_code(void) MCPP_NOEXCEPT;
/* strscpy(); false if @src did not fit (the copy is truncated). */
bool mcpp_str_copy(char *dst, const char *src, size_t size) MCPP_NOEXCEPT;

/* The test hooks behind mcpp_hook_arm(), _disarm() and _run() (abi.cpp). */
void mcpp_hooks_arm(enum mcpp_hook_point point, mcpp_hook_fn fn, void *ctx) MCPP_NOEXCEPT;
void mcpp_hooks_disarm(enum mcpp_hook_point point) MCPP_NOEXCEPT;
void mcpp_hooks_run(enum mcpp_hook_point point) MCPP_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* MCPP_LIFETIME_H */
