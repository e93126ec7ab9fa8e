// SPDX-License-Identifier: GPL-2.0
// Not a defect: defines the symbol unknown-symbol.cpp needs, to show that
// --ours objects satisfy undefined references.
extern "C" int mcpp_no_such_symbol(void)
{
	return 7;
}
