/* SPDX-License-Identifier: GPL-2.0 */
/* scripts/bench/run.py --frame-host: the C interface to each build of the library. */
#pragma once
#include <stdint.h>
struct Job {
	uint32_t array_w, array_h;
	uint8_t array_order;
	uint32_t crop[4];
	bool hflip, vflip;
	uint8_t pattern;
	bool bars_75;
	uint8_t checker_shift;
	uint16_t solid[3];
	uint32_t gain;
	uint16_t pedestal;
	uint32_t frame_number;
	uint16_t black_level;
	uint16_t wb[3];
	int16_t ccm[9];
	uint16_t gamma[65];
	uint8_t encoding;
	bool stats;
	uint32_t rcrop[4];
	uint32_t out_w, out_h;
	uint8_t format;
};
struct Bufs {
	uint16_t *raw;
	uint8_t *isp_out;
	uint8_t *out;
	void *stats;
	void *tables;
	void *scratch;
	uint32_t rw, rh; /* rendered size */
	uint8_t order;
};
enum { ST_SETUP, ST_RENDER, ST_ISP, ST_RESIZE, ST_PIPELINE = 7 };
extern "C" int base_run(const Job *, Bufs *, int);
extern "C" int new_run(const Job *, Bufs *, int);
extern "C" unsigned long base_size(int), new_size(int);
