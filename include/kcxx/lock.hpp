/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Locks as kernel objects embedded in C++ objects, and RAII guards that
 * release them on every path out of a scope.
 *
 * Every lock gets its own lockdep class from the place it is initialised:
 *
 *   kcxx::Mutex lock_{"mcpp_graph", KCXX_LOCK_KEY()};
 *
 * Guarded<T, Lock> holds data that can only be reached with its lock held
 * (SerenityOS's SpinlockProtected): graph.with([&](Graph &g) { ... }), or
 * auto g = graph.locked() for the rest of a scope.
 *
 * LockedBy<T, Token> is a field of another object kept under the lock of a
 * Guarded<Token> (an entity's links, under its device's graph lock): it is
 * reached only with a Token &, which only that Guarded hands out, so
 * code that forgot the lock does not build.
 *
 * SrcuReadGuard keeps the SRCU read index in the guard, which lives in the
 * caller's stack frame: an index stored in a shared object is what broke the
 * kernel's first "revocable" (another thread's lock overwrote it).
 */
#pragma once

#include <kcxx/base.hpp>
#include <kcxx/layout.h>

namespace kcxx {

/* A lockdep class key; must have static storage (see KCXX_LOCK_KEY). */
struct LockKey {
	Opaque<KCXX_SIZEOF_LOCK_CLASS_KEY, KCXX_ALIGNOF_LOCK_CLASS_KEY> storage;
	struct lock_class_key *get() { return reinterpret_cast<struct lock_class_key *>(&storage); }
};

/* One static key per source location: each lambda has its own static. */
#define KCXX_LOCK_KEY()                           \
	([]() -> ::kcxx::LockKey * {              \
		static ::kcxx::LockKey kcxx_key_; \
		return &kcxx_key_;                \
	}())

class Mutex : Pinned {
public:
	Mutex(const char *name, LockKey *key) { kcxx_mutex_init(raw(), name, key->get()); }
	~Mutex() { kcxx_mutex_destroy(raw()); }

	void lock() { kcxx_mutex_lock(raw()); }
	[[nodiscard]] int lock_interruptible() { return kcxx_mutex_lock_interruptible(raw()); }
	void unlock() { kcxx_mutex_unlock(raw()); }
	bool is_locked() { return kcxx_mutex_is_locked(raw()); }
	void assert_held() { kcxx_mutex_assert_held(raw()); }

	struct mutex *raw() { return reinterpret_cast<struct mutex *>(&storage_); }

private:
	Opaque<KCXX_SIZEOF_MUTEX, KCXX_ALIGNOF_MUTEX> storage_;
};

class SpinLock : Pinned {
public:
	SpinLock(const char *name, LockKey *key) { kcxx_spin_lock_init(raw(), name, key->get()); }

	void lock() { kcxx_spin_lock(raw()); }
	void unlock() { kcxx_spin_unlock(raw()); }
	[[nodiscard]] unsigned long lock_irqsave() { return kcxx_spin_lock_irqsave(raw()); }
	void unlock_irqrestore(unsigned long flags) { kcxx_spin_unlock_irqrestore(raw(), flags); }
	/* For assertions and tests: 1 if this task holds it, 0 if not, <0 unknown. */
	int held() { return kcxx_spin_held(raw()); }

	struct spinlock *raw() { return reinterpret_cast<struct spinlock *>(&storage_); }

private:
	Opaque<KCXX_SIZEOF_SPINLOCK, KCXX_ALIGNOF_SPINLOCK> storage_;
};

/*
 * An SRCU domain. init() can fail (it allocates per-CPU state), so it is a
 * separate step whose Status must be checked; cleanup() pairs with a
 * successful init().
 */
class Srcu : Pinned {
public:
	Srcu() = default;
	[[nodiscard]] int init(const char *name, LockKey *key)
	{
		return kcxx_srcu_init(raw(), name, key->get());
	}
	void cleanup() { kcxx_srcu_cleanup(raw()); }
	void synchronize() { kcxx_synchronize_srcu(raw()); }
	bool read_held() const { return kcxx_srcu_read_lock_held(raw()); }

	struct srcu_struct *raw() { return reinterpret_cast<struct srcu_struct *>(&storage_); }
	const struct srcu_struct *raw() const
	{
		return reinterpret_cast<const struct srcu_struct *>(&storage_);
	}

private:
	Opaque<KCXX_SIZEOF_SRCU, KCXX_ALIGNOF_SRCU> storage_;
};

class Completion : Pinned {
public:
	Completion() { kcxx_completion_init(raw()); }

	void complete() { kcxx_complete(raw()); }
	void complete_all() { kcxx_complete_all(raw()); }
	void wait() { kcxx_wait_for_completion(raw()); }
	/* True if completed within ms milliseconds. */
	[[nodiscard]] bool wait_ms(unsigned long ms)
	{
		return kcxx_wait_for_completion_timeout(raw(), ms) != 0;
	}

	struct completion *raw() { return reinterpret_cast<struct completion *>(&storage_); }

private:
	Opaque<KCXX_SIZEOF_COMPLETION, KCXX_ALIGNOF_COMPLETION> storage_;
};

class [[nodiscard]] MutexGuard : Pinned {
public:
	explicit MutexGuard(Mutex &m) : m_(m) { m_.lock(); }
	~MutexGuard() { m_.unlock(); }

private:
	Mutex &m_;
};

class [[nodiscard]] SpinGuard : Pinned {
public:
	explicit SpinGuard(SpinLock &l) : l_(l) { l_.lock(); }
	~SpinGuard() { l_.unlock(); }

private:
	SpinLock &l_;
};

class [[nodiscard]] SpinIrqGuard : Pinned {
public:
	explicit SpinIrqGuard(SpinLock &l) : l_(l), flags_(l.lock_irqsave()) {}
	~SpinIrqGuard() { l_.unlock_irqrestore(flags_); }

private:
	SpinLock &l_;
	unsigned long flags_;
};

class [[nodiscard]] SrcuReadGuard : Pinned {
public:
	explicit SrcuReadGuard(Srcu &s) : s_(s), idx_(kcxx_srcu_read_lock(s.raw())) {}
	~SrcuReadGuard() { kcxx_srcu_read_unlock(s_.raw(), idx_); }

private:
	Srcu &s_;
	const int idx_; // Lifetime: this frame's own read section
};

/* Data reachable only through its lock. */
template <class T, class Lock = Mutex> class Guarded : Pinned {
public:
	template <class... Args> Guarded(const char *name, LockKey *key, Args &&...args)
		: lock_(name, key), data_(forward<Args>(args)...)
	{
	}

	template <class F> decltype(auto) with(F &&fn)
	{
		Locker held(lock_);
		return fn(data_);
	}

	/*
	 * The data, with the lock held for the Locked's scope:
	 *
	 *   auto g = graph.locked();
	 *   g->entities.push_back(...);
	 */
	class [[nodiscard]] Locked : Pinned {
	public:
		~Locked() { g_.lock_.unlock(); }
		T *operator->() const { return &**this; }
		T &operator*() const
		{
			if constexpr (requires(Lock & l) { l.assert_held(); })
				g_.lock_.assert_held();
			return g_.data_;
		}

	private:
		friend class Guarded;
		explicit Locked(Guarded &g) : g_(g) { g_.lock_.lock(); }
		Guarded &g_;
	};
	Locked locked() { return Locked(*this); }

	Lock &lock() { return lock_; }

private:
	struct Locker : Pinned {
		explicit Locker(Lock &l) : l(l) { l.lock(); }
		~Locker() { l.unlock(); }
		Lock &l;
	};

	Lock lock_;
	T data_;
};

/*
 * A field kept under the lock of a Guarded<Token>, which is not its own: the
 * proof that the lock is held is a Token & (what Guarded<Token>::locked()
 * and with() hand out; Token's constructor must be private to Guarded, so
 * no other Token exists):
 *
 *   e.links_.in(g).push_back(l);  // g: the Graph & of graph_.locked()
 *
 * store() writes a scalar field with release order and peek() reads one
 * without the lock (acquire): for the lock-free reads a field's design
 * allows, such as a flag read as a hint.
 */
template <class T, class Token> class LockedBy : Pinned {
public:
	LockedBy() = default;

	T &in(Token &) { return v_; }
	const T &in(const Token &) const { return v_; }
	void store(Token &, T v) { __atomic_store_n(&v_, v, __ATOMIC_RELEASE); }
	T peek() const { return __atomic_load_n(&v_, __ATOMIC_ACQUIRE); }

private:
	T v_{};
};

} // namespace kcxx
