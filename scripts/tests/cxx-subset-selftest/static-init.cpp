// SPDX-License-Identifier: GPL-2.0
// The volatile read defeats constant initialisation, so the compiler has to
// emit a constructor into .init_array.
static volatile int seed;
struct holder {
	int value;
	holder() : value(seed) {}
};
holder mcpp_global_holder;
