/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An intrusive doubly linked list over the kernel's list_head. Links and
 * unlinks go through list_add_tail()/list_del_init() (with CONFIG_DEBUG_LIST's
 * corruption checks); iteration reads the next pointers directly, which is
 * why ListNode's layout is checked against the real struct list_head.
 *
 *   struct Pad { kcxx::ListNode node; ... };
 *   kcxx::List<Pad, &Pad::node> pads;
 *   for (Pad &p : pads) ...
 *
 * The list neither owns nor counts its elements: whoever links an element
 * says, in a Lifetime: comment, what keeps it alive while linked.
 */
#pragma once

#include <kcxx/base.hpp>
#include <kcxx/layout.h>

namespace kcxx {

struct ListNode : Pinned {
	ListNode() { kcxx_list_init(raw()); }

	bool linked() const { return next != this; }
	struct list_head *raw() { return reinterpret_cast<struct list_head *>(this); }

	ListNode *next;
	ListNode *prev;
};

static_assert(sizeof(ListNode) == KCXX_SIZEOF_LIST_HEAD);
static_assert(__builtin_offsetof(ListNode, next) == KCXX_OFFSETOF_LIST_HEAD_NEXT);
static_assert(__builtin_offsetof(ListNode, prev) == KCXX_OFFSETOF_LIST_HEAD_PREV);

template <class T, ListNode T::*Member> class List : Pinned {
public:
	class Iterator {
	public:
		explicit Iterator(ListNode *n) : n_(n) {}
		T &operator*() const { return *List::owner(n_); }
		T *operator->() const { return List::owner(n_); }
		Iterator &operator++()
		{
			n_ = n_->next;
			return *this;
		}
		bool operator!=(const Iterator &o) const { return n_ != o.n_; }

	private:
		ListNode *n_;
	};

	bool empty() const { return !head_.linked(); }

	void push_back(T &elem)
	{
		KCXX_WARN_ON((elem.*Member).linked());
		kcxx_list_add_tail((elem.*Member).raw(), head_.raw());
	}

	static void remove(T &elem) { kcxx_list_del_init((elem.*Member).raw()); }

	T *front() { return empty() ? nullptr : owner(head_.next); }
	T *back() { return empty() ? nullptr : owner(head_.prev); }

	size_t size() const
	{
		size_t n = 0;
		for (const ListNode *p = head_.next; p != &head_; p = p->next)
			n++;
		return n;
	}

	Iterator begin() { return Iterator(head_.next); }
	Iterator end() { return Iterator(&head_); }
	/* From elem, which must be on this list, to the end. */
	Iterator from(T &elem) { return Iterator(&(elem.*Member)); }

	/* Calls fn on each element; fn may unlink the element it is given. */
	template <class F> void for_each_safe(F &&fn)
	{
		for (ListNode *p = head_.next, *n = p->next; p != &head_; p = n, n = p->next)
			fn(*owner(p));
	}

private:
	static T *owner(ListNode *node)
	{
		// container_of for a pointer to member.
		const auto off =
			reinterpret_cast<uintptr>(&(reinterpret_cast<T *>(0x1000)->*Member)) -
			0x1000;
		return reinterpret_cast<T *>(reinterpret_cast<u8 *>(node) - off);
	}

	ListNode head_;
};

} // namespace kcxx
