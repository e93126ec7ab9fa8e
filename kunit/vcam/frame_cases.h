/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vcam_frame KUnit cases (bodies in frame_cases.cpp and
 * rkisp1_cases.cpp), one line each: a case list, included with KCXX_CASE
 * and KCXX_SLOW defined (include/kcxx/kunit.h).
 */
KCXX_CASE(vcam_test_bayer_flip_orders)
KCXX_CASE(vcam_test_colour_bars_each_order)
KCXX_CASE(vcam_test_colour_bars_75)
KCXX_CASE(vcam_test_sensor_flip_and_crop)
KCXX_CASE(vcam_test_sensor_patterns_gain)
KCXX_CASE(vcam_test_sensor_noise)
KCXX_CASE(vcam_test_sensor_bad_config)
KCXX_CASE(vcam_test_raw_writer_depths)
KCXX_CASE(vcam_test_isp_params)
KCXX_CASE(vcam_test_isp_blc_wb)
KCXX_CASE(vcam_test_debayer_flat)
KCXX_CASE(vcam_test_debayer_edge)
KCXX_CASE(vcam_test_ccm)
KCXX_CASE(vcam_test_gamma_lut)
KCXX_CASE(vcam_test_csc_pure_colours)
KCXX_CASE(vcam_test_isp_stats)
KCXX_CASE(vcam_test_isp_full_frame)
KCXX_CASE(vcam_test_isp_row_direct)
KCXX_CASE(vcam_test_resize_identity)
KCXX_CASE(vcam_test_resize_down2)
KCXX_CASE(vcam_test_resize_up2)
KCXX_CASE(vcam_test_resize_crop)
KCXX_CASE(vcam_test_writers_layout)
KCXX_CASE(vcam_test_resize_bad_config)
KCXX_CASE(vcam_test_rk1_legacy_params)
KCXX_CASE(vcam_test_rk1_ext_params)
KCXX_CASE(vcam_test_rk1_stats)
KCXX_CASE(vcam_test_rk1_ae_grid)
