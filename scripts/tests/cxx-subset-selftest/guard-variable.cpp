// SPDX-License-Identifier: GPL-2.0
// A function-local static with a dynamic initialiser gets a _ZGV guard
// variable (plus __cxa_guard_* calls unless -fno-threadsafe-statics).
static volatile int seed;
struct holder {
	int value;
	holder() : value(seed) {}
};

extern "C" int mcpp_lazy(void)
{
	static holder h;
	return h.value;
}
