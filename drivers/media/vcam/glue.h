/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vcam's C glue (vcam_main.c): the module, its platform devices and driver,
 * and one small function per kernel facility the C++ side needs.
 */
#ifndef VCAM_GLUE_H
#define VCAM_GLUE_H

#include <kcxx/glue.h>

struct device;

#ifdef __cplusplus
extern "C" {
#endif

/* Frame-sized buffers (megabytes): vmalloc, not kmalloc. */
void *vcam_vzalloc(size_t size) KCXX_NOEXCEPT;
void vcam_vfree(void *p) KCXX_NOEXCEPT;
/* CLOCK_MONOTONIC, ns. */
unsigned long long vcam_now_ns(void) KCXX_NOEXCEPT;
/* cond_resched(): the frame thread lets a task it woke run (a non-preemptible kernel). */
void vcam_cond_resched(void) KCXX_NOEXCEPT;
/*
 * Per-instance debugfs figures (frame processing time) and the "disconnect"
 * file (write a sensor's name: vcam_disconnect()); NULL-safe.
 */
struct vcam_debugfs *vcam_debugfs_create(const char *name, void *instance,
					 unsigned long long *frame_ns, unsigned int *frames,
					 unsigned int *drops) KCXX_NOEXCEPT;
void vcam_debugfs_remove(struct vcam_debugfs *d) KCXX_NOEXCEPT;

/*
 * The scene the rkisp1 personality's IMX219 shows with its test pattern
 * "Disabled" (module parameter scene, writable at any time): 0 colour bars,
 * 1 an under-exposed grey card with the raw sensor's colour cast (vcam.rst).
 */
unsigned int vcam_scene(void) KCXX_NOEXCEPT;

/* The C++ side (instance.cpp): probe returns the instance or an ERR_PTR. */
/*
 * @personality: 0 vcam, 1 rkisp1 (Personality in vcam.hpp). @gen: the
 * instance's generation on vcam.@index (vcam_main.c), given back to
 * vcam_unplug_queue() and vcam_replug().
 */
void *vcam_probe(struct device *parent, unsigned int index, unsigned int gen,
		 unsigned int sensors, unsigned int personality) KCXX_NOEXCEPT;
void vcam_remove(void *instance) KCXX_NOEXCEPT;
/* Unplugs sensor @sensor (0: sensor-a) from the live instance: 0 or -errno. */
int vcam_disconnect(void *instance, unsigned int sensor) KCXX_NOEXCEPT;
/* The entity name of the instance's personality's sensor @sensor; NULL past the last. */
const char *vcam_sensor_name(void *instance, unsigned int sensor) KCXX_NOEXCEPT;
/* The same for a bound platform device, exported for KUnit (vcam_main.c). */
int vcam_test_disconnect(struct device *dev, unsigned int sensor) KCXX_NOEXCEPT;

/* Error injection (errinj.cpp): the controls exist unless no_error_inj=1. */
bool vcam_error_inj(void) KCXX_NOEXCEPT;
/* Disconnect among them, unless no_disconnect=1. */
bool vcam_disconnect_ctrl(void) KCXX_NOEXCEPT;
/*
 * Disconnect: queue the unplug of @instance (generation @gen on the platform
 * device @parent) on vcam's workqueue. The work holds @parent; the caller
 * gave the work a reference on the instance, which the work drops
 * (vcam_put()). 0 or -ENOMEM (then the reference is the caller's to drop).
 */
int vcam_unplug_queue(struct device *parent, void *instance, unsigned int gen) KCXX_NOEXCEPT;
/*
 * The instance of generation @gen, removed by Disconnect, was released:
 * probe a new one on vcam.@index if nothing was bound or unplugged there since.
 */
void vcam_replug(unsigned int index, unsigned int gen) KCXX_NOEXCEPT;
/* The C++ side of the unplug work (errinj.cpp). */
void vcam_unplugged(void *instance) KCXX_NOEXCEPT;
void vcam_put(void *instance) KCXX_NOEXCEPT;
/* Press Disconnect on the instance bound to @dev, as its control does (KUnit). */
int vcam_test_press_disconnect(struct device *dev) KCXX_NOEXCEPT;
int vcam_test_press_disconnect_inst(void *instance) KCXX_NOEXCEPT;
/* Waits for the queued unplug and re-plug works (KUnit). */
void vcam_test_flush(void) KCXX_NOEXCEPT;
/* What module exit does, the module staying; and init's registration again (KUnit). */
void vcam_test_unregister(void) KCXX_NOEXCEPT;
int vcam_test_register(void) KCXX_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* VCAM_GLUE_H */
