// SPDX-License-Identifier: GPL-2.0
/*
 * Pipelines over the core graph.
 *
 * A Stream is what one started sink (a capture node's entity) uses: the
 * entities that feed it over enabled data links, nearest first. A Pipeline
 * is the connected part of the graph (enabled data links, both directions)
 * that the first stream claims; every stream started later inside it joins
 * it (an ISP with several outputs runs one pipeline), a stream that would
 * reach into it from outside gets -EBUSY. The pipeline ends with its last
 * stream.
 *
 * Links are validated (formats are V4L2's business: the caller's callback)
 * outside the graph lock, so the callback may take any lock; the entities
 * are claimed first, so nothing can start through them meanwhile, and the
 * claim is undone if a link disagrees.
 *
 * Lifetime: a Pipeline pins each member entity and a Stream each entity of
 * its path, so both stay valid after the graph lock is dropped, even if the
 * entities are removed meanwhile. Entity::pipeline_ and Pipeline::streams_
 * change only under the graph lock.
 */
#include <linux/media.h>

#include "pipeline.hpp"

namespace mcpp {

using kcxx::Error;

static bool usable_data_link(const Link &l)
{
	return l.kind == LinkKind::data && (l.flags & MEDIA_LNK_FL_ENABLED);
}

/* Breadth first from the sink, upstream through sink pads. Graph lock held. */
template <typename Links> static Status collect_path(Links &links, EntitySet<Stream::kMax> &path)
{
	for (u32 i = 0; i < path.size(); i++) {
		Entity *e = path.at(i);
		for (u16 pad = 0; pad < e->num_pads(); pad++) {
			const u32 flags = e->pad(pad)->flags;
			bool connected = false;

			if (!(flags & MEDIA_PAD_FL_SINK))
				continue;
			for (Link &l : links) {
				if (!usable_data_link(l) || l.sink != e || l.sink_pad != pad)
					continue;
				connected = true;
				TRY(path.add_link(l));
				TRY(path.add(l.source));
			}
			if (!connected && (flags & MEDIA_PAD_FL_MUST_CONNECT))
				return Error(-ENOLINK);
		}
	}
	return {};
}

/* Everything connected to the set's first entity, both ways. Graph lock held. */
template <typename Links>
static Status collect_component(Links &links, EntitySet<Pipeline::kMax> &set)
{
	for (u32 i = 0; i < set.size(); i++) {
		Entity *e = set.at(i);
		for (Link &l : links)
			if (usable_data_link(l) && l.touches(e))
				TRY(set.add(l.source == e ? l.sink : l.source));
	}
	for (Link &l : links)
		if (usable_data_link(l) && set.contains(l.source))
			TRY(set.add_link(l));
	return {};
}

/* Claims the path for @s: joins the sink's pipeline or starts one. */
Status MediaDevice::claim_stream(Graph &g, Stream &s, Entity &sink, Pipeline *&fresh)
{
	if (!sink.in_graph_.in(g) || unregistered_)
		return Error(-ENODEV);
	if (sink.stream_sink_.in(g))
		return Error(-EBUSY);
	TRY(s.path_.add(&sink));
	TRY(collect_path(g.links, s.path_));
	if (Pipeline *running = sink.pipeline_.in(g)) {
		// Joining: the whole path must be inside the running pipeline.
		for (u32 i = 0; i < s.size(); i++)
			if (s.entity(i)->pipeline_.in(g) != running)
				return Error(-EBUSY);
		s.pipeline_ = running;
	} else {
		fresh = TRY(kcxx::make<Pipeline>(kcxx::Gfp::kernel));
		TRY(fresh->members_.add(&sink));
		TRY(collect_component(g.links, fresh->members_));
		for (u32 i = 0; i < fresh->members_.size(); i++)
			if (fresh->members_.at(i)->pipeline_.in(g))
				return Error(-EBUSY);
		for (u32 i = 0; i < fresh->members_.size(); i++)
			fresh->members_.at(i)->pipeline_.store(g, fresh);
		s.pipeline_ = fresh;
	}
	s.pipeline_->streams_++;
	sink.stream_sink_.in(g) = true;
	return {};
}

Result<Stream *> MediaDevice::start_stream(Entity &sink, mcpp_link_validate_fn validate, void *ctx)
{
	Stream *s = TRY(kcxx::make<Stream>(kcxx::Gfp::kernel));
	Pipeline *fresh = nullptr;
	Status st;
	{
		st = claim_stream(*graph_.locked(), *s, sink, fresh);
	}
	if (!st.ok()) {
		// Outside the lock: dropping the pins may release entities.
		kcxx::destroy(fresh);
		kcxx::destroy(s);
		return st.error();
	}
	// A new pipeline's every link, or a joining stream's own path.
	const PipeLink *const checked = fresh ? fresh->members_.links() : s->path_.links();
	const u32 n = fresh ? fresh->members_.num_links() : s->path_.num_links();
	for (u32 i = 0; validate && i < n; i++) {
		const PipeLink &l = checked[i];
		int err = validate(ctx, reinterpret_cast<mcpp_entity *>(l.source), l.source_pad,
				   reinterpret_cast<mcpp_entity *>(l.sink), l.sink_pad);
		if (err) {
			stop_stream(s);
			return Error(err);
		}
	}
	return s;
}

void MediaDevice::stop_stream(Stream *s)
{
	Pipeline *done = nullptr;
	{
		auto locked = graph_.locked();
		Graph &g = *locked;
		s->entity(0)->stream_sink_.in(g) = false;
		if (--s->pipeline_->streams_ == 0) {
			done = s->pipeline_;
			for (u32 i = 0; i < done->members_.size(); i++)
				done->members_.at(i)->pipeline_.store(g, nullptr);
		}
	}
	kcxx::destroy(s);
	kcxx::destroy(done);
}

} // namespace mcpp
