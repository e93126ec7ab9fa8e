// SPDX-License-Identifier: GPL-2.0
// x86-64 gcc refuses to emit soft-float calls (doubles travel in SSE
// registers), so plant the libgcc helper reference an -msoft-float target
// would produce by hand.
extern "C" int __fixdfsi(unsigned long bits);

extern "C" int mcpp_soft_truncate(unsigned long bits)
{
	return __fixdfsi(bits);
}
