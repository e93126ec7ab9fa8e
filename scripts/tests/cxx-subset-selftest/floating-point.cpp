// SPDX-License-Identifier: GPL-2.0
// Without -mgeneral-regs-only this compiles to SSE (cvtsi2sd, mulsd, ...).
extern "C" int mcpp_scale(int a, int b)
{
	return (int)((double)a / b * 1.5);
}
