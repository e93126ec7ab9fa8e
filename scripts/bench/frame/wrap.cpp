// SPDX-License-Identifier: GPL-2.0
/*
 * scripts/bench/run.py --frame-host: compiled once per library (PFX names the entry
 * points), runs one stage of a Job on that library.
 */
#include "isp.hpp"
#include "resize.hpp"
#include "sensor.hpp"
#include "job.h"
using namespace vcam::frame;
extern "C" unsigned long PFX(size)(int what)
{
	switch (what) {
	case 0:
		return sizeof(IspTables);
	case 1:
		return isp_scratch_bytes(8192) > resize_scratch_bytes(8192) ?
			       isp_scratch_bytes(8192) :
			       resize_scratch_bytes(8192);
	}
	return 0;
}
static SensorConfig sensor_config(const Job *j)
{
	SensorConfig c{};
	c.array_w = j->array_w;
	c.array_h = j->array_h;
	c.array_order = (BayerOrder)j->array_order;
	c.crop = { j->crop[0], j->crop[1], j->crop[2], j->crop[3] };
	c.hflip = j->hflip;
	c.vflip = j->vflip;
	c.pattern = (Pattern)j->pattern;
	c.bars_75 = j->bars_75;
	c.checker_shift = j->checker_shift;
	for (int i = 0; i < 3; i++)
		c.solid[i] = j->solid[i];
	c.gain = j->gain;
	c.pedestal = j->pedestal;
	c.frame_number = j->frame_number;
	return c;
}
extern "C" int PFX(run)(const Job *j, Bufs *b, int stage)
{
	RawFrame raw{ b->raw, b->rw, b->rh, b->rw, (BayerOrder)b->order };
	Encoding enc = (Encoding)j->encoding;
	Packed3Frame isp{ b->isp_out, b->rw, b->rh, 3 * b->rw, encoding_kind(enc) };
	switch (stage) {
	case ST_SETUP: {
		IspConfig cfg;
		isp_default_config(cfg, enc);
		cfg.black_level = j->black_level;
		for (int i = 0; i < 3; i++)
			cfg.wb_gain[i] = j->wb[i];
		for (int i = 0; i < 9; i++)
			cfg.ccm[i] = j->ccm[i];
		for (int i = 0; i < 65; i++)
			cfg.gamma[i] = j->gamma[i];
		isp_build_tables(cfg, *(IspTables *)b->tables);
		return 0;
	}
	case ST_RENDER: {
		SensorConfig c = sensor_config(j);
		b->rw = j->crop[2];
		b->rh = j->crop[3];
		raw = RawFrame{ b->raw, b->rw, b->rh, b->rw, BayerOrder::rggb };
		int r = sensor_render(c, raw);
		b->order = (uint8_t)raw.order;
		return r;
	}
	case ST_ISP:
		return isp_process(*(IspTables *)b->tables, raw, isp,
				   j->stats ? (vcam_isp_stats *)b->stats : nullptr, b->scratch,
				   PFX(size)(1));
	case ST_RESIZE: {
		ResizeConfig c{ { j->rcrop[0], j->rcrop[1], j->rcrop[2], j->rcrop[3] },
				j->out_w,
				j->out_h,
				(OutFormat)j->format };
		OutFormat f = c.format;
		u32 bpl0 = c.out_w * out_format_bpp(f) + 0;
		OutBuffer o{ { b->out, b->out + (size_t)bpl0 * c.out_h }, { bpl0, c.out_w } };
		return resize_process(isp, c, o, b->scratch, PFX(size)(1));
	}
	case 5:
		return debayer_frame(raw, (u16 *)b->out, 3 * b->rw, b->scratch, PFX(size)(1));
	case 6: {
		IspTables &t = *(IspTables *)b->tables;
		u16 *rgb = (u16 *)b->out;
		for (u32 y = 0; y < b->rh; y++)
			isp_ccm_row(t, rgb + 3 * b->rw * y, b->rw);
		for (u32 y = 0; y < b->rh; y++)
			isp_output_row(t, rgb + 3 * b->rw * y, b->rw,
				       b->out + 8 * b->rw * b->rh + 3 * b->rw * y);
		for (u32 y = 0; y < b->rh; y++)
			isp_blc_wb_row(t, b->raw + b->rw * y, b->rw, ch_g, ch_b,
				       (u16 *)b->out + 3 * b->rw * b->rh + b->rw * y);
		return 0;
	}
	case 4:
		isp_output_row(*(IspTables *)b->tables, b->raw, b->rw, b->isp_out);
		return 0;
	case ST_PIPELINE: {
		/* The driver's path: ISP then resizer; at 1:1 (FUSED builds) in one row loop. */
		ResizeConfig c{ { j->rcrop[0], j->rcrop[1], j->rcrop[2], j->rcrop[3] },
				j->out_w,
				j->out_h,
				(OutFormat)j->format };
#ifdef FUSED
		u32 bpl0 = c.out_w * out_format_bpp(c.format);
		OutBuffer o{ { b->out, b->out + (size_t)bpl0 * c.out_h }, { bpl0, c.out_w } };
		if (resize_is_copy(isp, c, o)) {
			IspPass pass;
#ifdef ROWS
			/* The sensor's rows rendered on demand into the ISP's lines. */
			SensorConfig sc = sensor_config(j);
			SensorRows rows;
			RawFrame geom = raw;
			if (rows.begin(sc, geom))
				return -1;
			int r = pass.begin(*(IspTables *)b->tables, geom, isp.kind,
					   j->stats ? (vcam_isp_stats *)b->stats : nullptr,
					   b->scratch, PFX(size)(1), &rows);
#else
			PFX(run)(j, b, ST_RENDER);
			int r = pass.begin(*(IspTables *)b->tables, raw, isp.kind,
					   j->stats ? (vcam_isp_stats *)b->stats : nullptr,
					   b->scratch, PFX(size)(1));
#endif
			if (r)
				return r;
#ifdef DIRECT
			/* Any Y'CbCr format the row loop writes itself, as the driver does. */
			const bool direct = pass.can_pair() && c.crop.left == 0 &&
					    c.out_w == raw.width && c.format <= OutFormat::nv16;
			const DirectFormat df = c.format == OutFormat::yuyv ? DirectFormat::yuyv :
						c.format == OutFormat::uyvy ? DirectFormat::uyvy :
						c.format == OutFormat::nv12 ? DirectFormat::nv12 :
									      DirectFormat::nv16;
#else
			const bool direct = false;
			const int df = 0;
#endif
			const bool pairs = !direct && pass.can_pair() && c.crop.left == 0 &&
					   c.out_w == raw.width &&
					   (c.format == OutFormat::yuyv || c.format == OutFormat::uyvy);
			for (u32 y = 0; y < raw.height; y++) {
#ifdef DIRECT
				if (direct && y >= c.crop.top && y - c.crop.top < c.out_h) {
					const u32 jj = y - c.crop.top;
					const bool two = c.format == OutFormat::nv12 ||
							 c.format == OutFormat::nv16;
					u8 *d = o.plane[0] + (size_t)jj * o.bytesperline[0];
					u8 *ch = o.plane[1] + (size_t)(c.format == OutFormat::nv12 ?
									  jj / 2 :
									  jj) *
								      o.bytesperline[1];
					const u32 up = c.format == OutFormat::nv12 ? 1 : 2;
					pass.row_direct(df, d, two ? ch : nullptr,
							jj >= 2 ? d - 2 * o.bytesperline[0] : nullptr,
							jj >= 2 && two ? ch - up * o.bytesperline[1] :
									 nullptr);
					continue;
				}
#endif
				(void)df;
				if (pairs && y >= c.crop.top && y - c.crop.top < c.out_h) {
					u8 *d = o.plane[0] + (size_t)(y - c.crop.top) * o.bytesperline[0];
					pass.row_pairs(d, c.format == OutFormat::uyvy,
						       y - c.crop.top >= 2 ? d - 2 * o.bytesperline[0] :
									     nullptr);
					continue;
				}
				u8 *row = b->isp_out + (y & 1) * 3 * raw.width;
				const u8 *prev = y ? b->isp_out + ((y - 1) & 1) * 3 * raw.width : row;
				pass.row(row, y >= 2 ? row : nullptr);
				if (y >= c.crop.top && y - c.crop.top < c.out_h)
					resize_write_row(c.format, row + 3 * c.crop.left,
							 prev + 3 * c.crop.left, c.out_w, o,
							 y - c.crop.top);
			}
			return 0;
		}
#endif
		int r = PFX(run)(j, b, ST_RENDER);
		r = r ? r : PFX(run)(j, b, ST_ISP);
		return r ? r : PFX(run)(j, b, ST_RESIZE);
	}
	}
	return -1;
}
