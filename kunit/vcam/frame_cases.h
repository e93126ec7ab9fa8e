/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vcam frame library KUnit cases, one line each (include/kcxx/kunit.h):
 * the C++ bodies are in frame_cases.cpp, vcam_frame_kunit.c registers the
 * suite.
 */
#ifndef VCAM_FRAME_CASES_H
#define VCAM_FRAME_CASES_H

#include <kcxx/kunit.h>

#define VCAM_FRAME_CASES(CASE, SLOW)           \
	CASE(vcam_test_bayer_flip_orders)      \
	CASE(vcam_test_colour_bars_each_order) \
	CASE(vcam_test_colour_bars_75)         \
	CASE(vcam_test_sensor_flip_and_crop)   \
	CASE(vcam_test_sensor_patterns_gain)   \
	CASE(vcam_test_sensor_noise)           \
	CASE(vcam_test_sensor_bad_config)      \
	CASE(vcam_test_raw_writer_depths)      \
	CASE(vcam_test_isp_params)             \
	CASE(vcam_test_isp_blc_wb)             \
	CASE(vcam_test_debayer_flat)           \
	CASE(vcam_test_debayer_edge)           \
	CASE(vcam_test_ccm)                    \
	CASE(vcam_test_gamma_lut)              \
	CASE(vcam_test_csc_pure_colours)       \
	CASE(vcam_test_isp_stats)              \
	CASE(vcam_test_isp_full_frame)         \
	CASE(vcam_test_isp_row_direct)         \
	CASE(vcam_test_resize_identity)        \
	CASE(vcam_test_resize_down2)           \
	CASE(vcam_test_resize_up2)             \
	CASE(vcam_test_resize_crop)            \
	CASE(vcam_test_writers_layout)         \
	CASE(vcam_test_resize_bad_config)      \
	CASE(vcam_test_rk1_legacy_params)      \
	CASE(vcam_test_rk1_ext_params)         \
	CASE(vcam_test_rk1_stats)              \
	CASE(vcam_test_rk1_ae_grid)

#ifdef __cplusplus
extern "C" {
#endif

KCXX_KUNIT_DECLARE(VCAM_FRAME_CASES)

#ifdef __cplusplus
}
#endif

#endif /* VCAM_FRAME_CASES_H */
