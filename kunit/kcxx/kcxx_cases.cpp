// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx KUnit cases: each primitive exercised for real on the running kernel
 * (kref, slab with fail-nth injection, lockdep-tracked locks, SRCU, list_head).
 * Registered in kcxx_kunit.c.
 */
#include <kcxx/kunit.hpp>
#include <kcxx/list.hpp>
#include <kcxx/lock.hpp>
#include <kcxx/ref.hpp>

#include "kcxx_cases.h"

using namespace kcxx;

namespace {

/* Counts constructions, destructions and releases of instrumented objects. */
struct Counters {
	int constructed = 0;
	int destroyed = 0;
	int released = 0;
};

class Tracked : public RefCounted<Tracked> {
public:
	explicit Tracked(Counters *c) : c_(c) { c_->constructed++; }
	~Tracked() { c_->destroyed++; }

	// Lifetime: runs once, after the last put; nothing can reach us after.
	static void release(Tracked *self)
	{
		self->c_->released++;
		destroy(self);
	}

	int payload = 42;

private:
	Counters *c_;
};

/* Released but not freed, so try_acquire can be shown failing at zero. */
class Parked : public RefCounted<Parked> {
public:
	static void release(Parked *self) { self->released++; }
	int released = 0;
};

} // namespace

void kcxx_test_ref_release_once_at_last_put(struct kunit *test)
{
	Counters c;
	{
		auto made = make_ref<Tracked>(Gfp::kernel, &c);
		KCXX_EXPECT(test, made.ok());
		if (!made.ok())
			return;
		Ref<Tracked> a = made.take();
		KCXX_EXPECT_EQ(test, a->ref_count(), 1);
		{
			Ref<Tracked> b = a;
			Ref<Tracked> d = b;
			KCXX_EXPECT_EQ(test, a->ref_count(), 3);
		}
		KCXX_EXPECT_EQ(test, a->ref_count(), 1);
		KCXX_EXPECT_EQ(test, c.released, 0);
		Ref<Tracked> last = a;
		a.reset();
		KCXX_EXPECT_EQ(test, c.released, 0);
		KCXX_EXPECT_EQ(test, last->payload, 42);
	}
	KCXX_EXPECT_EQ(test, c.constructed, 1);
	KCXX_EXPECT_EQ(test, c.released, 1);
	KCXX_EXPECT_EQ(test, c.destroyed, 1);
}

void kcxx_test_ref_move_transfers(struct kunit *test)
{
	Counters c;
	{
		Ref<Tracked> a = make_ref<Tracked>(Gfp::kernel, &c).take();
		Ref<Tracked> b = move(a);
		KCXX_EXPECT(test, !a);
		KCXX_EXPECT(test, static_cast<bool>(b));
		KCXX_EXPECT_EQ(test, b->ref_count(), 1);
		Ref<Tracked> d;
		d = move(b);
		KCXX_EXPECT_EQ(test, d->ref_count(), 1);
		d = Ref<Tracked>(); // assigning empty drops the reference
		KCXX_EXPECT_EQ(test, c.released, 1);
	}
	KCXX_EXPECT_EQ(test, c.released, 1);
}

void kcxx_test_ref_leak_adopt_round_trip(struct kunit *test)
{
	Counters c;
	Tracked *raw;
	{
		Ref<Tracked> a = make_ref<Tracked>(Gfp::kernel, &c).take();
		raw = a.leak(); // as a C struct's private pointer would own it
		KCXX_EXPECT(test, !a);
	}
	KCXX_EXPECT_EQ(test, c.released, 0);
	KCXX_EXPECT_EQ(test, raw->ref_count(), 1);
	{
		Ref<Tracked> extra = Ref<Tracked>::acquire(raw);
		KCXX_EXPECT_EQ(test, raw->ref_count(), 2);
	}
	Ref<Tracked> back = Ref<Tracked>::adopt(raw);
	back.reset();
	KCXX_EXPECT_EQ(test, c.released, 1);
	KCXX_EXPECT_EQ(test, c.destroyed, 1);
}

void kcxx_test_ref_try_acquire_fails_at_zero(struct kunit *test)
{
	auto *p = new (Gfp::kernel) Parked();
	KCXX_EXPECT(test, p != nullptr);
	if (!p)
		return;
	{
		Ref<Parked> a = Ref<Parked>::adopt(p);
		Ref<Parked> b = Ref<Parked>::try_acquire(p);
		KCXX_EXPECT(test, static_cast<bool>(b));
		KCXX_EXPECT_EQ(test, p->ref_count(), 2);
	}
	KCXX_EXPECT_EQ(test, p->released, 1);
	KCXX_EXPECT_EQ(test, p->ref_count(), 0);
	Ref<Parked> late = Ref<Parked>::try_acquire(p);
	KCXX_EXPECT(test, !late);
	KCXX_EXPECT_EQ(test, p->ref_count(), 0);
	destroy(p);
}

void kcxx_test_ref_make_ref_alloc_failure(struct kunit *test)
{
	Counters c;
	kcxx_kunit_inject_fail_nth(1);
	auto made = make_ref<Tracked>(Gfp::kernel, &c);
	// The injection must have fired, or this test proved nothing.
	KCXX_EXPECT_EQ(test, kcxx_kunit_fail_nth_pending(), 0);
	KCXX_EXPECT(test, !made.ok());
	KCXX_EXPECT_EQ(test, made.code(), -ENOMEM);
	KCXX_EXPECT_EQ(test, c.constructed, 0);
	KCXX_EXPECT_EQ(test, c.released, 0);
}

namespace {

Result<int> parse_positive(int v)
{
	if (v <= 0)
		return Error(-ERANGE);
	return v;
}

Result<int> doubled(int v, int *reached)
{
	int x = TRY(parse_positive(v));
	(*reached)++;
	return 2 * x;
}

Status check_both(int a, int b)
{
	TRY(parse_positive(a));
	TRY(parse_positive(b));
	return {};
}

} // namespace

void kcxx_test_result_try_propagates(struct kunit *test)
{
	int reached = 0;
	auto bad = doubled(-3, &reached);
	KCXX_EXPECT(test, !bad.ok());
	KCXX_EXPECT_EQ(test, bad.code(), -ERANGE);
	KCXX_EXPECT_EQ(test, reached, 0);

	auto good = doubled(21, &reached);
	KCXX_EXPECT(test, good.ok());
	KCXX_EXPECT_EQ(test, good.value(), 42);
	KCXX_EXPECT_EQ(test, reached, 1);
}

void kcxx_test_result_status(struct kunit *test)
{
	KCXX_EXPECT(test, check_both(1, 2).ok());
	KCXX_EXPECT_EQ(test, check_both(1, 0).code(), -ERANGE);
	KCXX_EXPECT_EQ(test, check_both(-1, 5).code(), -ERANGE);
	KCXX_EXPECT_EQ(test, status_from_errno(-EBUSY).code(), -EBUSY);
	KCXX_EXPECT(test, status_from_errno(3).ok());
	// An "error" of 0 or a positive number is a bug; it must not read as success.
	KCXX_EXPECT_EQ(test, Error(0).code(), -EINVAL);
	KCXX_EXPECT_EQ(test, Error(5).code(), -EINVAL);
}

void kcxx_test_checked_overflow_caught(struct kunit *test)
{
	KCXX_EXPECT_EQ(test, checked_add<size_t>(size_max, 1).code(), -EOVERFLOW);
	KCXX_EXPECT_EQ(test, checked_add<size_t>(size_max - 1, 1).value(), size_max);
	KCXX_EXPECT_EQ(test, checked_mul<size_t>(size_max / 2 + 1, 2).code(), -EOVERFLOW);
	KCXX_EXPECT_EQ(test, checked_mul<u32>(65536, 65536).code(), -EOVERFLOW);
	KCXX_EXPECT_EQ(test, checked_mul<u32>(65535, 65537).value(), 0xffffffffu);
	KCXX_EXPECT_EQ(test, array_bytes<u64>(size_max / 8 + 1).code(), -EOVERFLOW);
	KCXX_EXPECT_EQ(test, array_bytes<u64>(4).value(), 32);
	struct Header {
		u32 count;
		u32 pad;
	};
	KCXX_EXPECT_EQ(test, (trailing_bytes<Header, u32>(3).value()), 20);
	KCXX_EXPECT_EQ(test, (trailing_bytes<Header, u64>(size_max / 8).code()), -EOVERFLOW);
}

void kcxx_test_checked_overflow_allocates_nothing(struct kunit *test)
{
	// Arm an injection: if alloc_array reached the allocator it would fire.
	kcxx_kunit_inject_fail_nth(1);
	auto r = alloc_array<u64>(size_max / 4, Gfp::kernel);
	KCXX_EXPECT_EQ(test, kcxx_kunit_fail_nth_pending(), 1);
	KCXX_EXPECT_EQ(test, r.code(), -EOVERFLOW);

	auto ok = alloc_array<u32>(16, Gfp::kernel);
	KCXX_EXPECT(test, ok.ok());
	if (ok.ok()) {
		u32 *a = ok.value();
		u32 sum = 0;
		for (int i = 0; i < 16; i++)
			sum |= a[i];
		KCXX_EXPECT_EQ(test, sum, 0); // zeroed
		free_array(a);
	}
}

namespace {

struct Widget {
	explicit Widget(int *dtors) : dtors(dtors) { value = 7; }
	~Widget() { (*dtors)++; }
	int *dtors;
	int value;
	u8 zeroed[32];
};

} // namespace

void kcxx_test_alloc_new_and_destroy(struct kunit *test)
{
	int dtors = 0;
	Widget *w = new (Gfp::kernel) Widget(&dtors);
	KCXX_EXPECT(test, w != nullptr);
	if (!w)
		return;
	KCXX_EXPECT_EQ(test, w->value, 7);
	int nonzero = 0;
	for (u8 b : w->zeroed)
		nonzero |= b;
	KCXX_EXPECT_EQ(test, nonzero, 0);
	destroy(w);
	KCXX_EXPECT_EQ(test, dtors, 1);
}

void kcxx_test_alloc_failure_returns_null(struct kunit *test)
{
	int dtors = 0;
	kcxx_kunit_inject_fail_nth(1);
	Widget *w = new (Gfp::kernel) Widget(&dtors);
	KCXX_EXPECT_EQ(test, kcxx_kunit_fail_nth_pending(), 0);
	KCXX_EXPECT(test, w == nullptr);
	destroy(w);
	KCXX_EXPECT_EQ(test, dtors, 0); // no constructor ran, nothing to destroy

	kcxx_kunit_inject_fail_nth(1);
	auto r = make<Widget>(Gfp::kernel, &dtors);
	KCXX_EXPECT_EQ(test, kcxx_kunit_fail_nth_pending(), 0);
	KCXX_EXPECT_EQ(test, r.code(), -ENOMEM);
}

namespace {

/* Three ways out of the locked region; the guard must unlock on each. */
int locked_paths(Mutex &m, int path)
{
	MutexGuard g(m);
	if (path == 0)
		return 10;
	for (int i = 0; i < 3; i++)
		if (path == i + 1)
			return 20 + i;
	return 30;
}

} // namespace

void kcxx_test_lock_mutex_guard_every_path(struct kunit *test)
{
	Mutex m("kcxx_test_mutex", KCXX_LOCK_KEY());
	for (int path = 0; path < 5; path++) {
		int r = locked_paths(m, path);
		KCXX_EXPECT(test, r >= 10);
		KCXX_EXPECT(test, !m.is_locked());
	}
	{
		MutexGuard g(m);
		KCXX_EXPECT(test, m.is_locked());
		m.assert_held();
	}
	KCXX_EXPECT(test, !m.is_locked());
}

void kcxx_test_lock_spin_guards(struct kunit *test)
{
	SpinLock l("kcxx_test_spin", KCXX_LOCK_KEY());
	{
		SpinGuard g(l);
		KCXX_EXPECT_EQ(test, l.held(), 1);
	}
	KCXX_EXPECT_EQ(test, l.held(), 0);
	{
		SpinIrqGuard g(l);
		KCXX_EXPECT_EQ(test, l.held(), 1);
	}
	KCXX_EXPECT_EQ(test, l.held(), 0);
}

void kcxx_test_lock_guarded_data(struct kunit *test)
{
	struct Data {
		int n = 0;
	};
	Guarded<Data> g("kcxx_test_guarded", KCXX_LOCK_KEY());
	int seen = g.with([&](Data &d) {
		KCXX_EXPECT(test, g.lock().is_locked());
		d.n += 5;
		return d.n;
	});
	KCXX_EXPECT_EQ(test, seen, 5);
	KCXX_EXPECT(test, !g.lock().is_locked());
}

namespace {

struct SrcuPark {
	Srcu *srcu;
	Completion inside;
	Completion leave;
	Completion synced;
	bool sync_returned = false;
};

int srcu_reader(void *arg)
{
	auto *p = static_cast<SrcuPark *>(arg);
	SrcuReadGuard g(*p->srcu);
	p->inside.complete();
	p->leave.wait(); // parked inside the read section
	return 0;
}

int srcu_synchronizer(void *arg)
{
	auto *p = static_cast<SrcuPark *>(arg);
	p->srcu->synchronize();
	p->sync_returned = true;
	p->synced.complete();
	return 0;
}

bool srcu_paths(Srcu &s, int path)
{
	SrcuReadGuard g(s);
	if (path == 0)
		return s.read_held();
	return !s.read_held();
}

} // namespace

void kcxx_test_lock_srcu_guard(struct kunit *test)
{
	Srcu s;
	KCXX_EXPECT_EQ(test, s.init("kcxx_test_srcu", KCXX_LOCK_KEY()), 0);

	// Released on every path: a leaked read section would hang synchronize().
	KCXX_EXPECT(test, srcu_paths(s, 0));
	KCXX_EXPECT(test, !srcu_paths(s, 1));
	s.synchronize();

	// synchronize() waits for exactly the parked reader, deterministically.
	SrcuPark park;
	park.srcu = &s;
	struct kcxx_thread *reader = kcxx_thread_start(srcu_reader, &park, "kcxx-reader");
	KCXX_EXPECT(test, reader != nullptr);
	if (!reader) {
		s.cleanup();
		return;
	}
	park.inside.wait();
	struct kcxx_thread *syncer = kcxx_thread_start(srcu_synchronizer, &park, "kcxx-sync");
	KCXX_EXPECT(test, syncer != nullptr);
	// The synchronizer cannot finish while the reader is parked inside; the
	// timeout only bounds how long we look, it does not decide the outcome.
	KCXX_EXPECT(test, !park.synced.wait_ms(100));
	KCXX_EXPECT(test, !park.sync_returned);
	park.leave.complete();
	if (syncer)
		park.synced.wait();
	KCXX_EXPECT(test, park.sync_returned || !syncer);
	kcxx_thread_join(reader);
	if (syncer)
		kcxx_thread_join(syncer);
	s.cleanup();
}

namespace {

struct Item {
	explicit Item(int v) : v(v) {}
	int v;
	ListNode node;
};

} // namespace

void kcxx_test_list_basic(struct kunit *test)
{
	List<Item, &Item::node> list;
	Item a(1), b(2), c(3);
	KCXX_EXPECT(test, list.empty());
	list.push_back(a);
	list.push_back(b);
	list.push_back(c);
	KCXX_EXPECT_EQ(test, list.size(), 3);
	int order = 0;
	for (Item &it : list)
		order = order * 10 + it.v;
	KCXX_EXPECT_EQ(test, order, 123);
	KCXX_EXPECT_EQ(test, list.front()->v, 1);

	List<Item, &Item::node>::remove(b);
	KCXX_EXPECT(test, !b.node.linked());
	order = 0;
	for (Item &it : list)
		order = order * 10 + it.v;
	KCXX_EXPECT_EQ(test, order, 13);

	list.for_each_safe([&](Item &it) { List<Item, &Item::node>::remove(it); });
	KCXX_EXPECT(test, list.empty());
	KCXX_EXPECT(test, list.front() == nullptr);
	KCXX_EXPECT(test, !a.node.linked() && !c.node.linked());
}
