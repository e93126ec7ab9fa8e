// SPDX-License-Identifier: GPL-2.0
// thread_local lands in .tbss and is addressed through %fs.
thread_local int mcpp_per_thread;

extern "C" int mcpp_tls_bump(void)
{
	return ++mcpp_per_thread;
}
