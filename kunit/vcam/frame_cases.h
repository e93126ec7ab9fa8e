/* SPDX-License-Identifier: GPL-2.0 */
/* vcam frame library KUnit cases: C++ bodies, registered in vcam_frame_kunit.c. */
#ifndef VCAM_FRAME_CASES_H
#define VCAM_FRAME_CASES_H

struct kunit;

#ifdef __cplusplus
extern "C" {
#endif

void vcam_test_bayer_flip_orders(struct kunit *test);
void vcam_test_colour_bars_each_order(struct kunit *test);
void vcam_test_colour_bars_75(struct kunit *test);
void vcam_test_sensor_flip_and_crop(struct kunit *test);
void vcam_test_sensor_patterns_gain(struct kunit *test);
void vcam_test_sensor_noise(struct kunit *test);
void vcam_test_sensor_bad_config(struct kunit *test);
void vcam_test_raw_writer_depths(struct kunit *test);
void vcam_test_isp_params(struct kunit *test);
void vcam_test_isp_blc_wb(struct kunit *test);
void vcam_test_debayer_flat(struct kunit *test);
void vcam_test_debayer_edge(struct kunit *test);
void vcam_test_ccm(struct kunit *test);
void vcam_test_gamma_lut(struct kunit *test);
void vcam_test_csc_pure_colours(struct kunit *test);
void vcam_test_isp_stats(struct kunit *test);
void vcam_test_isp_full_frame(struct kunit *test);
void vcam_test_resize_identity(struct kunit *test);
void vcam_test_resize_down2(struct kunit *test);
void vcam_test_resize_up2(struct kunit *test);
void vcam_test_resize_crop(struct kunit *test);
void vcam_test_writers_layout(struct kunit *test);
void vcam_test_resize_bad_config(struct kunit *test);
void vcam_test_rk1_legacy_params(struct kunit *test);
void vcam_test_rk1_ext_params(struct kunit *test);
void vcam_test_rk1_stats(struct kunit *test);
void vcam_test_rk1_ae_grid(struct kunit *test);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_FRAME_CASES_H */
