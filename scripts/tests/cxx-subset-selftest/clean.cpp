// SPDX-License-Identifier: GPL-2.0
// Everything the subset allows: classes, templates, constexpr globals,
// non-virtual methods, and a call to a symbol "exported by the kernel"
// (the selftest lists it in a fake Module.symvers).
extern "C" int mcpp_fake_export(int);

namespace {
template <typename T> struct counter {
	T value;
	constexpr explicit counter(T v) : value(v) {}
	void bump(T by) { value += by; }
};
constexpr int start = 40;
} // namespace

extern "C" int mcpp_clean_entry(int by)
{
	counter<int> c(start);
	c.bump(by);
	return mcpp_fake_export(c.value);
}
