// SPDX-License-Identifier: GPL-2.0
/*
 * Pipelines over the core graph: who feeds a sink, whether every link agrees
 * (the caller's validate callback: formats are V4L2's business), and a claim
 * on each entity so that no second pipeline runs through it.
 *
 * Lifetime: a Pipeline pins each of its entities with a reference, so they
 * stay valid after the graph lock is dropped, even if removed meanwhile.
 */
#include <linux/media.h>

#include "device.hpp"

namespace mcpp {

using kcxx::Error;
using kcxx::MutexGuard;

class Pipeline {
public:
	static constexpr u32 kMax = 32;

	Entity *entity(u32 i) const { return i < size_ ? entities_[i].get() : nullptr; }
	u32 size() const { return size_; }

private:
	friend class MediaDevice;

	bool contains(const Entity *e) const
	{
		for (u32 i = 0; i < size_; i++)
			if (entities_[i].get() == e)
				return true;
		return false;
	}

	Ref<Entity> entities_[kMax]; // Lifetime: pins, dropped at stop
	u32 size_ = 0;
};

Result<Pipeline *> MediaDevice::start_pipeline(Entity &sink, mcpp_link_validate_fn validate,
					       void *ctx)
{
	Pipeline *p = TRY(kcxx::make<Pipeline>(kcxx::Gfp::kernel));
	int err = 0;
	{
		MutexGuard g(graph_lock_);
		if (!sink.in_graph_ || unregistered_) {
			err = -ENODEV;
		} else {
			p->entities_[p->size_++] = Ref<Entity>::acquire(&sink);
		}
		// Breadth first from the sink: each entity's sink pads, upstream.
		for (u32 i = 0; !err && i < p->size_; i++) {
			Entity *e = p->entities_[i].get();
			if (e->streaming_) {
				err = -EBUSY;
				break;
			}
			for (u16 pad = 0; !err && pad < e->num_pads(); pad++) {
				const u32 flags = e->pad(pad)->flags;
				if (!(flags & MEDIA_PAD_FL_SINK))
					continue;
				bool connected = false;
				for (Link &l : links_) {
					if (l.kind != LinkKind::data || l.sink != e ||
					    l.sink_pad != pad || !(l.flags & MEDIA_LNK_FL_ENABLED))
						continue;
					connected = true;
					if (validate) {
						err = validate(
							ctx,
							reinterpret_cast<mcpp_entity *>(l.source),
							l.source_pad,
							reinterpret_cast<mcpp_entity *>(e), pad);
						if (err)
							break;
					}
					if (!p->contains(l.source)) {
						if (p->size_ == Pipeline::kMax) {
							err = -E2BIG;
							break;
						}
						p->entities_[p->size_++] =
							Ref<Entity>::acquire(l.source);
					}
				}
				if (!err && !connected && (flags & MEDIA_PAD_FL_MUST_CONNECT))
					err = -ENOLINK;
			}
		}
		if (!err)
			for (u32 i = 0; i < p->size_; i++)
				p->entities_[i]->streaming_ = true;
	}
	if (err) {
		kcxx::destroy(p); // drops the pins, outside the lock
		return Error(err);
	}
	return p;
}

void MediaDevice::stop_pipeline(Pipeline *p)
{
	{
		MutexGuard g(graph_lock_);
		for (u32 i = 0; i < p->size_; i++)
			p->entities_[i]->streaming_ = false;
	}
	kcxx::destroy(p);
}

} // namespace mcpp

using mcpp::Entity;
using mcpp::Pipeline;

extern "C" struct mcpp_pipeline *
mcpp_pipeline_start(struct mcpp_entity *sink, mcpp_link_validate_fn validate, void *ctx) noexcept
{
	Entity *e = reinterpret_cast<Entity *>(sink);
	auto r = e->device().start_pipeline(*e, validate, ctx);
	if (!r.ok())
		return reinterpret_cast<struct mcpp_pipeline *>(
			static_cast<kcxx::ptrdiff>(r.code()));
	return reinterpret_cast<struct mcpp_pipeline *>(r.value());
}

extern "C" unsigned int mcpp_pipeline_size(struct mcpp_pipeline *p) noexcept
{
	return reinterpret_cast<Pipeline *>(p)->size();
}

extern "C" struct mcpp_entity *mcpp_pipeline_entity(struct mcpp_pipeline *p,
						    unsigned int i) noexcept
{
	return reinterpret_cast<struct mcpp_entity *>(reinterpret_cast<Pipeline *>(p)->entity(i));
}

extern "C" void mcpp_pipeline_stop(struct mcpp_pipeline *p) noexcept
{
	Pipeline *pl = reinterpret_cast<Pipeline *>(p);
	Entity *sink = pl->entity(0);
	sink->device().stop_pipeline(pl);
}
