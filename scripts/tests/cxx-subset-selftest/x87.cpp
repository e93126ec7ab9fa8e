// SPDX-License-Identifier: GPL-2.0
// long double arithmetic is x87 (fldt, fmul, fstpt) on x86-64.
extern "C" long double mcpp_double_it(long double v)
{
	return v * 2;
}
