/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reference counting over the kernel's kref.
 *
 * A type T opts in by deriving from RefCounted<T> and naming its teardown:
 *
 *   class Entity : public kcxx::RefCounted<Entity> {
 *   public:
 *       // Runs once, after the last reference is dropped. Lifetime: nothing
 *       // else points here any more, so it may free.
 *       static void release(Entity *self) { kcxx::destroy(self); }
 *   };
 *
 * The count starts at one when the object is constructed, and that first
 * reference must be adopted explicitly (Ref<T>::adopt, or make_ref which does
 * it), so the owner of the initial reference is visible at the call site.
 * Ref<T> owns exactly one reference: copying gets, destruction puts, moving
 * transfers. leak()/adopt() hand a reference across the C ABI and back.
 */
#pragma once

#include <kcxx/alloc.hpp>
#include <kcxx/list.hpp>

namespace kcxx {

template <class T> class Ref;

template <class T> class RefCounted : Pinned {
public:
	/* The current count; for tests and assertions only, it can change at once. */
	unsigned int ref_count() const
	{
		return kcxx_kref_read(reinterpret_cast<const struct kref *>(&kref_));
	}

protected:
	RefCounted() { kcxx_kref_init(kref()); }
	~RefCounted() = default;

private:
	friend class Ref<T>;

	struct kref *kref() { return reinterpret_cast<struct kref *>(&kref_); }

	void get() { kcxx_kref_get(kref()); }
	bool get_unless_zero() { return kcxx_kref_get_unless_zero(kref()); }
	void put() { kcxx_kref_put(kref(), &RefCounted::release_thunk); }

	static void release_thunk(struct kref *k)
	{
		// kref_ is the only member of RefCounted<T>, so the kref's
		// address is the base object's address.
		auto *base = reinterpret_cast<RefCounted *>(k);
		T::release(static_cast<T *>(base));
	}

	Opaque<KCXX_SIZEOF_KREF, KCXX_ALIGNOF_KREF> kref_;
};

template <class T> class [[nodiscard]] Ref {
public:
	constexpr Ref() = default;
	constexpr Ref(decltype(nullptr)) {}

	/* Takes over a reference the caller already owns (the first one, or one leaked). */
	static Ref adopt(T *obj) { return Ref(obj); }

	/* Takes a new reference to an object the caller knows is alive. */
	static Ref acquire(T *obj)
	{
		if (obj)
			obj->get();
		return Ref(obj);
	}

	/*
	 * Takes a new reference unless the count already reached zero (the
	 * object is being released): for lookups through a structure that does
	 * not itself hold a reference. Returns an empty Ref then.
	 */
	static Ref try_acquire(T *obj)
	{
		if (obj && obj->get_unless_zero())
			return Ref(obj);
		return Ref();
	}

	Ref(const Ref &o) : ptr_(o.ptr_)
	{
		if (ptr_)
			ptr_->get();
	}
	Ref(Ref &&o) : ptr_(exchange(o.ptr_, nullptr)) {}

	Ref &operator=(const Ref &o)
	{
		Ref tmp(o);
		swap(tmp);
		return *this;
	}
	Ref &operator=(Ref &&o)
	{
		Ref tmp(move(o));
		swap(tmp);
		return *this;
	}

	~Ref() { reset(); }

	/* Drops the reference now. */
	void reset()
	{
		if (T *p = exchange(ptr_, nullptr))
			p->put();
	}

	/* Gives up ownership without dropping: the caller now owns one reference. */
	[[nodiscard]] T *leak() { return exchange(ptr_, nullptr); }

	T *get() const { return ptr_; }
	T *operator->() const { return ptr_; }
	T &operator*() const { return *ptr_; }
	explicit operator bool() const { return ptr_ != nullptr; }

	void swap(Ref &o)
	{
		T *p = ptr_;
		ptr_ = o.ptr_;
		o.ptr_ = p;
	}

private:
	explicit Ref(T *obj) : ptr_(obj) {}

	T *ptr_ = nullptr;
};

/* Allocates a T and adopts its first reference; -ENOMEM if allocation fails. */
template <class T, class... Args> [[nodiscard]] Result<Ref<T>> make_ref(Gfp gfp, Args &&...args)
{
	T *obj = new (gfp) T(forward<Args>(args)...);
	if (!obj)
		return Error(-ENOMEM);
	return Ref<T>::adopt(obj);
}

/*
 * An intrusive list that owns one reference on each element: push_back()
 * takes a Ref, take() hands it back, clear() drops them all. The list's
 * references are never leaked or adopted by hand.
 *
 *   kcxx::RefList<Entity, &Entity::graph_node_> entities_;
 *   entities_.push_back(Ref<Entity>::acquire(e));  // the list's reference
 *   Ref<Entity> gone = entities_.take(e);          // dropped with `gone`
 */
template <class T, ListNode T::*Member> class RefList : Pinned {
public:
	using Iterator = typename List<T, Member>::Iterator;

	~RefList() { clear(); }

	void push_back(Ref<T> ref)
	{
		// Lifetime: the list's reference, until take() or clear().
		list_.push_back(*ref.leak());
	}
	/* Unlinks @elem, which must be on this list, with the list's reference. */
	[[nodiscard]] Ref<T> take(T &elem)
	{
		List<T, Member>::remove(elem);
		return Ref<T>::adopt(&elem);
	}
	/* Drops every element's reference. */
	void clear()
	{
		list_.for_each_safe([this](T &elem) { take(elem).reset(); });
	}

	bool empty() const { return list_.empty(); }
	size_t size() const { return list_.size(); }
	T *front() { return list_.front(); }
	T *back() { return list_.back(); }
	Iterator begin() { return list_.begin(); }
	Iterator end() { return list_.end(); }
	Iterator from(T &elem) { return list_.from(elem); }
	/* Calls fn on each element; fn may take() the element it is given. */
	template <class F> void for_each_safe(F &&fn) { list_.for_each_safe(forward<F>(fn)); }

private:
	List<T, Member> list_;
};

} // namespace kcxx
