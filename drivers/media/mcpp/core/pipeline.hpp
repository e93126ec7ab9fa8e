/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pipelines over the core graph (pipeline.cpp): a Stream is what one
 * started sink uses, a Pipeline the connected part of the graph its first
 * stream claims.
 *
 * Lifetime: a Pipeline pins each member entity and a Stream each entity of
 * its path, so both stay valid after the graph lock is dropped, even if the
 * entities are removed meanwhile.
 */
#pragma once

#include "device.hpp"

namespace mcpp {

using kcxx::Error;

/* An enabled data link, copied: both ends are pinned by its holder. */
struct PipeLink {
	Entity *source;
	Entity *sink;
	u16 source_pad;
	u16 sink_pad;
};

/* Entities (pinned) and the links between them, bounded. */
template <u32 N> class EntitySet {
public:
	bool contains(const Entity *e) const
	{
		for (u32 i = 0; i < size_; i++)
			if (entities_[i].get() == e)
				return true;
		return false;
	}
	Status add(Entity *e)
	{
		if (contains(e))
			return {};
		if (size_ == N)
			return Error(-E2BIG);
		entities_[size_++] = Ref<Entity>::acquire(e);
		return {};
	}
	Status add_link(const Link &l)
	{
		if (nlinks_ == N)
			return Error(-E2BIG);
		links_[nlinks_++] = { l.source, l.sink, l.source_pad, l.sink_pad };
		return {};
	}
	Entity *at(u32 i) const { return i < size_ ? entities_[i].get() : nullptr; }
	u32 size() const { return size_; }
	const PipeLink *links() const { return links_; }
	u32 num_links() const { return nlinks_; }

private:
	Ref<Entity> entities_[N]; // Lifetime: pins, dropped with the set
	u32 size_ = 0;
	PipeLink links_[N];
	u32 nlinks_ = 0;
};

class Pipeline {
public:
	static constexpr u32 kMax = 64;

private:
	friend class MediaDevice;

	EntitySet<kMax> members_;
	u32 streams_ = 0;
};

class Stream {
public:
	static constexpr u32 kMax = 32;

	Entity *entity(u32 i) const { return path_.at(i); }
	u32 size() const { return path_.size(); }

private:
	friend class MediaDevice;

	Pipeline *pipeline_ = nullptr; // one of its streams_
	EntitySet<kMax> path_;
};

} // namespace mcpp
