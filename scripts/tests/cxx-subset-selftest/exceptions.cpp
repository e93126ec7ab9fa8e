// SPDX-License-Identifier: GPL-2.0
// A throw needs __cxa_allocate_exception/__cxa_throw from libsupc++.
extern "C" int mcpp_checked(int v)
{
	if (v < 0)
		throw v;
	return v;
}
