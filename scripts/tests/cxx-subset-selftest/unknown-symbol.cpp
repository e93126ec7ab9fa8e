// SPDX-License-Identifier: GPL-2.0
// References a symbol that nothing exports or defines.
extern "C" int mcpp_no_such_symbol(void);

extern "C" int mcpp_calls_unknown(void)
{
	return mcpp_no_such_symbol() + 1;
}
