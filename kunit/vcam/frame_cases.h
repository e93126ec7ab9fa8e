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

/*
 * 1080p timing, driven from C (ktime): buffers allocated by the C side,
 * sizes from vcam_bench_sizes(), each step run by vcam_bench_step().
 */
struct vcam_bench {
	void *raw; /* sizes[0] bytes: 1920x1080 12-bit */
	void *isp_out; /* sizes[1]: 1920x1080 packed 4:4:4 */
	void *out; /* sizes[2]: 1920x1080 YUYV */
	void *tables; /* sizes[3]: IspTables */
	void *scratch; /* sizes[4]: ISP or resizer scratch */
	void *stats; /* sizes[5]: struct vcam_isp_stats */
};

enum vcam_bench_step_id {
	VCAM_BENCH_SETUP,
	VCAM_BENCH_RENDER,
	VCAM_BENCH_ISP,
	VCAM_BENCH_RESIZE,
	VCAM_BENCH_RESIZE_DOWN,
	VCAM_BENCH_STEPS,
};

void vcam_bench_sizes(unsigned long sizes[6]);
int vcam_bench_step(struct vcam_bench *b, int step);

#ifdef __cplusplus
}
#endif

#endif /* VCAM_FRAME_CASES_H */
