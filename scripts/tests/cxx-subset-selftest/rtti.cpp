// SPDX-License-Identifier: GPL-2.0
// dynamic_cast needs typeinfo objects and __dynamic_cast from libsupc++.
struct base {
	virtual ~base();
};
struct derived : base {
	int extra;
};
base::~base() {}

extern "C" int mcpp_extra(base *b)
{
	derived *d = dynamic_cast<derived *>(b);
	return d ? d->extra : 0;
}
