# SPDX-License-Identifier: GPL-2.0
"""The planted defects of `make mutants` (scripts/tests/mutants/run.py).

Each mutant breaks one claim of Documentation/lifetime.rst or one class of the
race catalogue, with edits of the form (file, exact old snippet, new snippet).
Every old snippet must occur exactly once in its file: when nearby code
changes and an anchor vanishes, the mutant fails loudly as an ERROR of the
harness (re-anchor it here), never as a kill or a silent no-op.

kunit lists (module, filter glob) pairs: the glob is KUnit's
"suite.case" filter (/sys/module/kunit/parameters/filter_glob), so a boot
runs only the cases meant to catch the mutant. Documentation/testing.rst,
"Mutants", lists each one with the test that kills it.
"""

from dataclasses import dataclass, field


@dataclass
class Mutant:
    name: str
    claim: str
    edits: list            # [(path, old, new)]
    kunit: list = field(default_factory=list)       # [(module, glob)]
    scenarios: list = field(default_factory=list)   # scripts/tests/scenarios/<name>.sh
    timeout: int = 420     # seconds for the boot (a hang counts as a kill)


CORE = "mcpp_kunit"
BRIDGE = "mcpp_bridge_kunit"
VCAM = "vcam_race_kunit"

FILE = "drivers/media/mcpp/core/file.cpp"
DEVICE = "drivers/media/mcpp/core/device.cpp"
DEVICE_H = "drivers/media/mcpp/core/device.hpp"
DEVNODE = "drivers/media/mcpp/devnode.c"
LOCK = "include/kcxx/lock.hpp"
SUBDEV = "drivers/media/mcpp/v4l2/subdev.c"
VIDEO = "drivers/media/mcpp/v4l2/video.c"
V4L2 = "drivers/media/mcpp/v4l2/v4l2.c"
UNPLUG = "drivers/media/mcpp/v4l2/unplug.c"
BRIDGE_ABI = "drivers/media/mcpp/v4l2/abi.c"
PIPELINE = "drivers/media/mcpp/core/pipeline.cpp"
IOCTL = "drivers/media/mcpp/uapi/mc_ioctl.cpp"
VCAM_INSTANCE = "drivers/media/vcam/instance.cpp"
VCAM_MAIN = "drivers/media/vcam/vcam_main.c"
VCAM_RKISP1 = "drivers/media/vcam/frame/rkisp1.cpp"
VCAM_ISP = "drivers/media/vcam/frame/isp.cpp"
FRAME = "vcam_frame_kunit"

LIFETIME_REFS = (CORE, "mcpp_lifetime.mcpp_test_release_after_last_reference")

# A sub-device or video op's guard (a struct mcpp_live section) that checks
# the device but does not stay inside: the read section ends at once, and the
# guard's class skips its exit (idx -1).
_CHECKED_NOT_HELD = ("\t\tmcpp_live_exit(live); /* MUTANT: checked, not held */\n"
                     "\t\tlive.idx = -1;\n")

# The revocation guard of /dev/mediaN calls (MediaDevice::Access) checks the
# device under a momentary read section instead of holding it: the 2016 bug,
# a live bit checked once at entry. No call can skip the guard itself (an
# ioctl takes the guard, not the device), so this is where it can be broken.
_ACCESS_CHECK_ONLY = [
    (DEVICE_H, "\t\texplicit Access(MediaDevice &dev)\n"
               "\t\t\t: guard_(dev.srcu_), dev_(dev.live() ? &dev : nullptr)\n\t\t{\n\t\t}",
     "\t\texplicit Access(MediaDevice &dev) : dev_(nullptr)\n\t\t{\n"
     "\t\t\tkcxx::SrcuReadGuard momentary(dev.srcu_); // MUTANT: checked, not held\n"
     "\t\t\tdev_ = dev.live() ? &dev : nullptr;\n\t\t}"),
    (DEVICE_H, "\t\tkcxx::SrcuReadGuard guard_;\n\t\tMediaDevice *const dev_;",
     "\t\tMediaDevice *dev_;"),
]

MUTANTS = [
    # --- References: taken, not taken, put twice ---------------------------
    Mutant("file-no-ref",
           "each open /dev/mediaN file holds a reference on the media device",
           [(FILE, "File{ Ref<MediaDevice>::acquire(&*live) }",
             "File{ Ref<MediaDevice>::adopt(&*live) }")],
           kunit=[LIFETIME_REFS]),
    Mutant("file-put-twice",
           "the last close() drops the file's reference, once",
           [(FILE, "\tkcxx::destroy(static_cast<File *>(fh));",
             "\tFile *f = static_cast<File *>(fh);\n"
             "\tRef<MediaDevice>::adopt(f->dev.get()).reset(); // MUTANT: a second put\n"
             "\tkcxx::destroy(f);")],
           kunit=[LIFETIME_REFS]),
    Mutant("entity-no-device-ref",
           "each entity pins its media device (entities release before the device)",
           [(DEVICE, "make_ref<Entity>(Gfp::kernel, Ref<MediaDevice>::acquire(this), 0,",
             "make_ref<Entity>(Gfp::kernel, Ref<MediaDevice>::adopt(this), 0,")],
           kunit=[LIFETIME_REFS]),
    Mutant("interface-no-device-ref",
           "each interface pins its media device",
           [(DEVICE, "Gfp::kernel, Ref<MediaDevice>::acquire(this), 0, type, major, minor));",
             "Gfp::kernel, Ref<MediaDevice>::adopt(this), 0, type, major, minor));")],
           kunit=[LIFETIME_REFS]),
    Mutant("devnode-no-device-ref",
           "the devnode holds a device reference from register until its release",
           [(DEVICE, "&devnode_ops,\n\t\t\t\t\t\t\t  Ref<MediaDevice>::acquire(this).leak());",
             "&devnode_ops,\n\t\t\t\t\t\t\t  this);")],
           kunit=[LIFETIME_REFS]),
    Mutant("devnode-release-leaks-device-ref",
           "the devnode's release drops its device reference (else no release ever)",
           [(DEVNODE, "\tnode->ops->put_core(node->core);\n\tkfree(node);", "\tkfree(node);")],
           kunit=[(CORE, "mcpp_lifetime.mcpp_test_unregister_with_files_open")],
           timeout=150),  # rmmod then waits for the release for ever
    Mutant("remote-no-pin",
           "mcpp_link_remote() pins the entity it returns (a walker's pin)",
           [(DEVICE, "other = Ref<Entity>::acquire(l.sink);", "other = Ref<Entity>::adopt(l.sink);"),
            (DEVICE, "other = Ref<Entity>::acquire(l.source);",
             "other = Ref<Entity>::adopt(l.source);")],
           kunit=[(CORE, "mcpp_races.mcpp_test_race_walk_vs_entity_removal")]),
    Mutant("removal-keeps-graph-ref",
           "removing an entity drops the graph's reference on it",
           [(DEVICE, "\tgraph_ref = g.entities.take(e);",
             "\t(void)g.entities.take(e).leak(); // MUTANT: the graph's reference is kept")],
           kunit=[(CORE, "mcpp_lifetime.mcpp_test_entity_outlives_graph_removal")],
           timeout=150),
    Mutant("removal-keeps-links",
           "an entity's links are freed when it leaves the graph",
           [(DEVICE, "\tfree_links_of(g, &e);\n\tif (g.lookup_cursor == &e)",
             "\tif (g.lookup_cursor == &e)")],
           kunit=[(CORE, "mcpp_lifetime.mcpp_test_entity_outlives_graph_removal")]),
    Mutant("v4l2-device-no-device-ref",
           "the v4l2_device holds a media device reference until its release",
           [(V4L2, "v->mdev = mcpp_device_get(mdev);", "v->mdev = mdev;")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_release_after_last_close")]),
    Mutant("subdev-node-no-entity-ref",
           "a sub-device node holds a reference on its entity until its release",
           [(SUBDEV, "s->entity = mcpp_entity_get(entity);", "s->entity = entity;")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_release_after_last_close")]),
    Mutant("video-node-no-entity-ref",
           "a video node holds a reference on its entity until its release",
           [(VIDEO, "v->entity = mcpp_entity_get(entity);", "v->entity = entity;")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_video_streaming_vs_unregister")]),

    # --- Release before the last close ------------------------------------
    Mutant("devnode-ref-dropped-at-unregister",
           "the devnode keeps its device reference until its release, after the last close",
           [(DEVNODE, "\tcdev_device_del(&node->cdev, &node->dev);\n"
                      "\tmcpp_devnode_wake_pollers(node);\n\tput_device(&node->dev);",
             "\tcdev_device_del(&node->cdev, &node->dev);\n"
             "\tmcpp_devnode_wake_pollers(node);\n"
             "\tnode->ops->put_core(node->core);\n\tnode->core = NULL;\n"
             "\tput_device(&node->dev);"),
            (DEVNODE, "\tnode->ops->put_core(node->core);\n\tkfree(node);",
             "\tif (node->core)\n\t\tnode->ops->put_core(node->core);\n\tkfree(node);")],
           kunit=[(VCAM, "vcam_races.race_media_walk")]),
    Mutant("cdev-not-parented",
           "an open file keeps the devnode (cdev_device_add: the cdev's parent)",
           [(DEVNODE, "ret = cdev_device_add(&node->cdev, &node->dev);",
             "ret = cdev_add(&node->cdev, node->dev.devt, 1) ?: device_add(&node->dev);")],
           kunit=[(VCAM, "vcam_races.race_media_walk")]),
    Mutant("minor-freed-at-unregister",
           "a minor returns to the allocator only in the devnode's release",
           [(DEVNODE, "\tida_free(&mcpp_minors, MINOR(dev->devt));\n", ""),
            (DEVNODE, "\tcdev_device_del(&node->cdev, &node->dev);\n",
             "\tcdev_device_del(&node->cdev, &node->dev);\n"
             "\tida_free(&mcpp_minors, MINOR(node->dev.devt));\n")],
           kunit=[(CORE, "mcpp_lifetime.mcpp_test_minor_reused_only_after_release")]),

    # --- The revocation guard (SRCU) --------------------------------------
    Mutant("shared-srcu-index",
           "each read section's SRCU index lives on its caller's stack",
           [(LOCK, "\texplicit SrcuReadGuard(Srcu &s) : s_(s), idx_(kcxx_srcu_read_lock(s.raw())) {}\n"
                   "\t~SrcuReadGuard() { kcxx_srcu_read_unlock(s_.raw(), idx_); }",
             "\texplicit SrcuReadGuard(Srcu &s) : s_(s), idx_(0)\n"
             "\t{\n\t\tshared() = kcxx_srcu_read_lock(s.raw());\n\t}\n"
             "\t~SrcuReadGuard() { kcxx_srcu_read_unlock(s_.raw(), shared()); }\n"
             "\tstatic int &shared()\n\t{\n\t\tstatic int index; // MUTANT: one for all\n"
             "\t\treturn index;\n\t}")],
           kunit=[(CORE, "mcpp_races.mcpp_test_race_threads_share_one_file")],
           timeout=150),
    Mutant("ioctl-live-bit-only",
           "an ioctl stays inside the guard (not a live bit checked once, the 2016 bug)",
           _ACCESS_CHECK_ONLY,
           kunit=[(CORE, "mcpp_races.mcpp_test_race_ioctl_vs_unregister")]),
    Mutant("setup-link-unguarded",
           "SETUP_LINK (which calls the driver) is fenced by the guard, not the graph lock",
           _ACCESS_CHECK_ONLY,
           kunit=[(VCAM, "vcam_races.race_setup_link")]),
    Mutant("unregister-no-wait",
           "unregister waits (synchronize_srcu) for the calls already inside",
           [(DEVICE, "\tsrcu_.synchronize();\n", "")],
           kunit=[(CORE, "mcpp_races.mcpp_test_race_ioctl_vs_unregister")]),
    Mutant("open-unguarded",
           "open() after unregister fails with -ENXIO",
           [(FILE, "\tif (!live)\n\t\treturn -ENXIO;\n\thook(MCPP_HOOK_OPEN);",
             "\thook(MCPP_HOOK_OPEN);"),
            (FILE, "File{ Ref<MediaDevice>::acquire(&*live) }",
             "File{ Ref<MediaDevice>::acquire(static_cast<MediaDevice *>(core)) }")],
           kunit=[(CORE, "mcpp_lifetime.mcpp_test_open_after_unregister_fails")],
           timeout=150),  # the file it opens is never closed: rmmod waits
    Mutant("poll-unguarded",
           "poll() after unregister reports EPOLLERR | EPOLLHUP",
           [(FILE, "\tMediaDevice::Access live(dev);\n\treturn !live;",
             "\t(void)dev;\n\treturn false;")],
           kunit=[(VCAM, "vcam_races.race_poll")]),
    Mutant("bridge-guard-check-only",
           "the bridge's guard (mcpp_device_enter) holds the read section until exit",
           [(DEVICE, "\t*idx = i;\n\treturn 0;",
             "\tkcxx_srcu_read_unlock(srcu_.raw(), i);\n\t*idx = i;\n\treturn 0;"),
            (DEVICE_H, "\tvoid exit(int idx) { kcxx_srcu_read_unlock(srcu_.raw(), idx); }",
             "\tvoid exit(int idx) { (void)idx; }")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_race_op_vs_unregister")]),
    Mutant("subdev-op-unguarded",
           "sub-device pad and control ops run inside the guard",
           [(SUBDEV, "\tif (live.mdev)\n\t\tmcpp_hook(MCPP_HOOK_SUBDEV_OP);\n\treturn live;",
             "\tif (live.mdev) {\n" + _CHECKED_NOT_HELD + "\t\tmcpp_hook(MCPP_HOOK_SUBDEV_OP);\n"
             "\t}\n\treturn live;"),
            (SUBDEV, "DEFINE_CLASS(mcpp_sd_live, struct mcpp_live, mcpp_live_exit(_T),",
             "DEFINE_CLASS(mcpp_sd_live, struct mcpp_live, if (_T.idx >= 0) mcpp_live_exit(_T),")],
           kunit=[(VCAM, "vcam_races.race_subdev_ioctl")]),
    Mutant("video-op-unguarded",
           "video node format ops run inside the guard (not just under the node lock)",
           [(VIDEO, "\tif (live.mdev)\n\t\tmcpp_hook(MCPP_HOOK_VIDEO_OP);\n\treturn live;",
             "\tif (live.mdev) {\n" + _CHECKED_NOT_HELD + "\t\tmcpp_hook(MCPP_HOOK_VIDEO_OP);\n"
             "\t}\n\treturn live;"),
            (VIDEO, "DEFINE_CLASS(mcpp_vid_live, struct mcpp_live, mcpp_live_exit(_T),",
             "DEFINE_CLASS(mcpp_vid_live, struct mcpp_live, if (_T.idx >= 0) mcpp_live_exit(_T),")],
           kunit=[(VCAM, "vcam_races.race_video_ioctl")]),
    Mutant("stream-start-unguarded",
           "no driver op after unregister: a parked STREAMON finds the device revoked",
           [(SUBDEV, "\t\tCLASS(mcpp_sd_live, live)(s);\n\n\t\tif (!live.mdev)\n\t\t\treturn -ENODEV;\n"
                     "\t\tret = s->ops->s_stream(s->drvdata, 1);",
             "\t\tret = s->ops->s_stream(s->drvdata, 1); /* MUTANT: no guard */")],
           kunit=[(VCAM, "vcam_races.race_streamon")]),
    Mutant("control-unguarded",
           "no driver op after unregister: a control set gets -ENODEV",
           [(SUBDEV, "\tCLASS(mcpp_sd_live, live)(s);\n\tif (!live.mdev)\n\t\treturn -ENODEV;\n"
                     "\tret = s->ops->s_ctrl(s->drvdata, ctrl->id, ctrl->val);",
             "\tret = s->ops->s_ctrl(s->drvdata, ctrl->id, ctrl->val); /* MUTANT: no guard */")],
           kunit=[(VCAM, "vcam_races.race_control_vs_frame")]),

    # --- Unregister: wake, stop, return -----------------------------------
    Mutant("pollers-not-woken",
           "unregister wakes every poller of /dev/mediaN",
           [(DEVNODE, "\twake_up_interruptible_all(&node->pollers);", "\t(void)node;")],
           kunit=[(VCAM, "vcam_races.race_poll")]),
    Mutant("streaming-not-stopped",
           "unregister stops streaming (vb2_video_unregister_device), waking DQBUF",
           [(V4L2, "\t\tvb2_video_unregister_device(&vid->vdev);",
             "\t\tvideo_unregister_device(&vid->vdev);")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_video_streaming_vs_unregister")]),
    Mutant("buffers-not-returned",
           "stopping gives every queued buffer back (with an error)",
           [(VIDEO, "\tmutex_unlock(&video_v4l2(v)->stream_lock);\n"
                    "\tmcpp_return_pending(v, VB2_BUF_STATE_ERROR);\n}",
             "\tmutex_unlock(&video_v4l2(v)->stream_lock);\n}")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_video_streaming_vs_unregister")]),
    Mutant("stop-twice",
           "the driver's stop runs once, inside unregister",
           [(V4L2, "\t\tvb2_video_unregister_device(&vid->vdev);",
             "\t\tif (vb2_is_streaming(&vid->queue))\n"
             "\t\t\tvid->ops->stop_streaming(vid->drvdata);\n"
             "\t\tvb2_video_unregister_device(&vid->vdev);")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_video_streaming_vs_unregister")]),
    Mutant("frame-thread-not-joined",
           "vcam's frame thread, told to end at the last stop, is joined by the release",
           [(VCAM_INSTANCE, "\t\tkcxx_thread_join(t);", "\t\t(void)t; // MUTANT: not joined")],
           kunit=[(VCAM, "vcam_races.race_streamoff")]),
    Mutant("frame-finished-at-unbind",
           "unbind does not wait for the frame in progress (the last stop does not join)",
           [(VCAM_INSTANCE, "\t\tstop_.complete(); // not joined here",
             "\t\tstop_.complete(), join_thread(); // MUTANT: joined here")],
           kunit=[(VCAM, "vcam_races.unbind_abandons_frame")]),
    Mutant("frame-buffer-kept-at-stop",
           "a stop takes back the buffer of the frame in progress (flagged ERROR)",
           [(VCAM_INSTANCE, "\t\tinflight.reset(); // back to videobuf2", "\t\t// MUTANT: kept")],
           kunit=[(VCAM, "vcam_races.unbind_abandons_frame")]),

    # --- Modules, minors, pipelines, the graph lock -----------------------
    Mutant("open-does-not-pin-module",
           "an open file pins the driver's module (cdev owner)",
           [(DEVNODE, "\tnode->cdev.owner = owner;\n", "")],
           kunit=[(VCAM, "vcam_races.race_poll")]),
    Mutant("pipeline-claim-leaked",
           "the pipeline's claim ends with its last stream",
           [(PIPELINE, "\t\t\tfor (u32 i = 0; i < done->members_.size(); i++)\n"
                       "\t\t\t\tdone->members_.at(i)->pipeline_.store(g, nullptr);\n", "")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_pipeline_order")]),
    Mutant("graph-walk-unlocked",
           "graph walks take the graph lock",
           [(LOCK, "\t\texplicit Locked(Guarded &g) : g_(g) { g_.lock_.lock(); }",
             "\t\texplicit Locked(Guarded &g) : g_(g) {} // MUTANT: reached unlocked"),
            (LOCK, "\t\t~Locked() { g_.lock_.unlock(); }", "\t\t~Locked() {}")],
           kunit=[(CORE, "mcpp_uapi.mcpp_test_uapi_enum_entities_and_links")]),
    # --- Unbind never waits for userspace; every blocked call wakes ------------
    Mutant("dqevent-not-woken",
           "a DQEVENT blocked on a sub-device node wakes with -ENODEV when the node goes",
           [(SUBDEV, "\tint ret = wait_event_interruptible(fh->wait, READ_ONCE(fh->navailable) ||\n"
                     "\t\t\t\t\t\t     !video_is_registered(vdev));",
             "\tint ret = wait_event_interruptible(fh->wait, READ_ONCE(fh->navailable));")],
           kunit=[(VCAM, "vcam_races.race_blocked_dqevent")]),
    Mutant("user-copy-inside-guard",
           "ENUM_LINKS/G_TOPOLOGY copy to user memory outside the guard unbind waits for",
           [(FILE, "\tint copied = out.copy_out(*io);\n",
             "\tMediaDevice::Access held(dev);\n\tint copied = out.copy_out(*io);\n")],
           kunit=[(VCAM, "vcam_races.race_media_walk")]),
    Mutant("subdev-open-outside-guard",
           "a sub-device node's open runs whole inside the guard",
           [(SUBDEV, "\tret = READ_ONCE(s->gone) ? -ENODEV : s->core_fops->open(file);\n",
             "\tmcpp_live_exit(live); /* MUTANT: the guard ends before the open */\n"
             "\tlive.mdev = NULL;\n"
             "\tret = READ_ONCE(s->gone) ? -ENODEV : s->core_fops->open(file);\n")],
           kunit=[(VCAM, "vcam_races.race_open_subdev")]),
    Mutant("layout-ctrls-not-grabbed",
           "a claimed entity refuses controls that change its format (EBUSY)",
           [(SUBDEV, "\t\tif (ctrl->flags & V4L2_CTRL_FLAG_MODIFY_LAYOUT)\n"
                     "\t\t\t__v4l2_ctrl_grab(ctrl, grab);",
             "\t\tif (ctrl->flags & V4L2_CTRL_FLAG_MODIFY_LAYOUT)\n"
             "\t\t\t(void)grab;")],
           kunit=[(BRIDGE, "mcpp_bridge.bridge_layout_ctrl_claimed")]),
    Mutant("unplugged-subdev-still-reaches-driver",
           "no op of an unplugged sub-device reaches the driver",
           [(UNPLUG, "\t\tWRITE_ONCE(s->gone, true);", "\t\t(void)s;")],
           kunit=[(VCAM, "vcam_races.unplug_sensor_streaming")]),
    # --- Error injection (vcam's Disconnect and the bridge's injected errors) --
    Mutant("disconnect-waits-for-unplug",
           "a Disconnect press returns without waiting for the unplug it queued",
           [(VCAM_MAIN, "\tqueue_work(vcam_wq, &u->work);\n\treturn 0;",
             "\tqueue_work(vcam_wq, &u->work);\n\tflush_work(&u->work);\n\treturn 0;")],
           kunit=[(VCAM, "vcam_races.disconnect_vs_sysfs_unbind")], timeout=300),
    Mutant("no-replug-after-disconnect",
           "the release of an instance removed by Disconnect probes a new one",
           [(VCAM_INSTANCE, "\tif (replug)\n\t\tvcam_replug(index, gen);",
             "\t(void)replug;\n\t(void)index;\n\t(void)gen;")],
           kunit=[(VCAM, "vcam_races.disconnect_replug")]),
    Mutant("replug-by-absence",
           "only the release of the instance Disconnect removed last re-plugs (by generation)",
           [(VCAM_MAIN, "\t    !dev_get_drvdata(dev) && gen && vcam_unplugged_gen[i] == gen) {",
             "\t    !dev_get_drvdata(dev)) {")],
           kunit=[(VCAM, "vcam_races.disconnect_stale_replug")]),
    Mutant("unplug-without-generation",
           "a Disconnect queued for an instance a rebind replaced leaves the new one alone",
           [(VCAM_MAIN, "\tif (u->dev->driver == &vcam_driver.driver && dev_get_drvdata(u->dev) &&\n"
                        "\t    vcam_gen[i] == u->gen) {",
             "\tif (u->dev->driver == &vcam_driver.driver && dev_get_drvdata(u->dev)) {")],
           kunit=[(VCAM, "vcam_races.disconnect_parked_across_rebind")]),
    Mutant("unplug-after-unbind",
           "a Disconnect's unplug that comes after a sysfs unbind finds nothing to remove",
           [(VCAM_MAIN, "\tif (u->dev->driver == &vcam_driver.driver && dev_get_drvdata(u->dev) &&\n"
                        "\t    vcam_gen[i] == u->gen) {",
             "\tif (1) {")],
           kunit=[(VCAM, "vcam_races.disconnect_vs_sysfs_unbind")], timeout=300),
    Mutant("exit-skips-queued-unplug",
           "module exit waits for a queued Disconnect before its devices go",
           [(VCAM_MAIN, "\tspin_unlock_irqrestore(&vcam_replug_lock, flags);\n\tdrain_workqueue(vcam_wq);\n",
             "\tspin_unlock_irqrestore(&vcam_replug_lock, flags);\n")],
           kunit=[(VCAM, "vcam_races.disconnect_vs_rmmod")], timeout=300),
    Mutant("replug-after-exit",
           "a release after module exit began queues no re-plug",
           [(VCAM_MAIN, "\tif (!vcam_exiting && index < VCAM_MAX_INSTANCES && vcam_pdevs[index]) {",
             "\tif (index < VCAM_MAX_INSTANCES) {")],
           kunit=[(VCAM, "vcam_races.disconnect_release_after_rmmod")], timeout=300),
    Mutant("one-shot-not-disarmed",
           "a one-shot injected error written 0 is disarmed (what v4l2-compliance leaves)",
           [(BRIDGE_ABI, "\t\tif (value)\n\t\t\tset_bit(what, &v->inject);\n\t\telse\n\t\t\tclear_bit(what, &v->inject);",
             "\t\tset_bit(what, &v->inject);")],
           scenarios=["34-errinj"]),
    Mutant("start-error-keeps-buffers",
           "a failed start_streaming gives the queued buffers back to videobuf2 (QUEUED)",
           [(VIDEO, "\tif (ret)\n\t\tmcpp_return_pending(v, VB2_BUF_STATE_QUEUED);\n\treturn ret;",
             "\treturn ret;")],
           scenarios=["34-errinj"]),
    Mutant("video-dqevent-not-woken",
           "a DQEVENT blocked on a video node wakes with -ENODEV when the node goes",
           [(VIDEO, "\tif (!to_video(file)->has_ctrls || _IOC_TYPE(cmd) != 'V' ||",
             "\tif (1 || _IOC_TYPE(cmd) != 'V' ||")],
           kunit=[(VCAM, "vcam_races.race_blocked_dqevent")]),
    # --- Bad input from userspace: the rkisp1 parameter buffers ------------
    Mutant("rk1e-params-partial",
           "an RK1E parameter buffer applies whole or not at all (a bad block refuses it)",
           [(VCAM_RKISP1, "			if (pass == 1) {", "			if (pass == 0) {")],
           kunit=[(FRAME, "vcam_frame.vcam_test_rk1_ext_params")]),
    Mutant("rk1-supported-blocks-missing",
           "rkisp1's parameters node reports the RK1E blocks it accepts"
           " (RKISP1_CID_SUPPORTED_PARAMS_BLOCKS)",
           [("drivers/media/vcam/nodes.cpp", "\tctrls_.d[ctrls_.n++] = kSupportedBlocks;\n",
             "\t(void)kSupportedBlocks;\n")],
           scenarios=["34-libcamera"]),
    Mutant("imx219-exposure-vblank",
           "the IMX219's exposure maximum follows VBLANK (height + VBLANK - 4, imx219.c)",
           [("drivers/media/vcam/sensor.cpp",
             "return c.imx219 ? follow_vblank(c.height, u32(value)) : Status{};",
             "return c.imx219 ? Status{} : Status{};")],
           scenarios=["34-libcamera"]),
    Mutant("imx219-exposure-mode",
           "the IMX219's exposure and VBLANK ranges follow the ACTIVE mode (imx219.c)",
           [("drivers/media/vcam/sensor.cpp",
             "\tif (f.which == V4L2_SUBDEV_FORMAT_ACTIVE)\n\t\treturn follow_mode(m);",
             "\tif (f.which == V4L2_SUBDEV_FORMAT_ACTIVE && false)\n\t\treturn follow_mode(m);")],
           scenarios=["34-libcamera"]),
    Mutant("subdev-state-lock-separate",
           "a sub-device's states share its control handler's lock (a pad op may change"
           " control ranges, s_ctrl the ACTIVE state)",
           [(SUBDEV, "\ts->sd.state_lock = s->ctrls.lock;\n", "")],
           scenarios=["34-libcamera"]),
    # --- The ISP's capture writers: the same bytes as the resizer's --------
    Mutant("direct-chroma-unclamped",
           "the ISP's capture writers clamp a Cb or Cr of 256 to 255, as the 4:4:4 path does",
           [(VCAM_ISP, "\t\tc = Clamp ? v - ((v >> 8) & 0x00010001u) : v;", "\t\tc = v;")],
           kunit=[(FRAME, "vcam_frame.vcam_test_isp_row_direct")]),
    Mutant("direct-nv12-chroma-repeat",
           "NV12: an odd row repeating the one two above copies its chroma row only if "
           "the even row before it repeated too",
           [(VCAM_ISP, "(f != DirectFormat::nv12 || !(j & 1) || repeated_);",
             "(f != DirectFormat::nv12 || !(j & 1) || true);")],
           kunit=[(FRAME, "vcam_frame.vcam_test_isp_row_direct")]),
]
