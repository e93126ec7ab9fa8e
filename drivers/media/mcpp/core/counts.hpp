/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How many of each core object are alive, and how many devices have been
 * released: what a race test compares before and after the last user is
 * gone (mcpp_test_counts()). A Counted<K> member counts its object from
 * construction to destruction, so no path can forget it.
 */
#ifndef MCPP_CORE_COUNTS_HPP
#define MCPP_CORE_COUNTS_HPP

namespace mcpp::counts {

enum Kind { device, entity, interface, link, device_release, unregister_wait, kinds };

extern long value[kinds];

inline void add(Kind k, long n)
{
	__atomic_add_fetch(&value[k], n, __ATOMIC_RELAXED);
}

inline long read(Kind k)
{
	return __atomic_load_n(&value[k], __ATOMIC_RELAXED);
}

template <Kind K> struct Counted {
	Counted() { add(K, 1); }
	~Counted() { add(K, -1); }
	Counted(const Counted &) = delete;
	Counted &operator=(const Counted &) = delete;
};

} // namespace mcpp::counts

#endif
