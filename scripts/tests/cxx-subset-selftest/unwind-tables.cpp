// SPDX-License-Identifier: GPL-2.0
// Innocent code; the defect comes from -fasynchronous-unwind-tables, which
// emits .eh_frame even without exceptions.
extern "C" int mcpp_twice(int v)
{
	return v * 2;
}
