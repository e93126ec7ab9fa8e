# SPDX-License-Identifier: GPL-2.0
# Sourced by the scenarios: kmemleak's suspects, with the V4L2 core's own
# leak told apart.
#
# The V4L2 core leaks the name of a sub-device node whose device_register()
# failed: dev_set_name() in __video_register_device(), called from
# __v4l2_device_register_subdev_nodes(), after which 6.12 frees the
# video_device without put_device() (Documentation/testing.rst, "Probe fault
# injection"). Only a failed bind makes one, which only 35-probe-faults
# causes; but kmemleak reports a block once two scans see it unreferenced,
# and a stale pointer can keep it looking referenced for a while, so such a
# block may first be reported during a later scenario.

kml=/sys/kernel/debug/kmemleak

# The addresses of the suspects listed now that are not that leak, one a line.
kmemleak_other() {
	awk '
	function judge() {
		if (obj != "" && !(subdev && n == 3))
			print obj
	}
	/^unreferenced object/ { judge(); obj = $3; subdev = 0; n = 0; next }
	/^    [0-9a-f][0-9a-f] / && /v4l-subdev[0-9]/ { subdev = 1 }
	n == 0 && /^    dev_set_name\+/ { n = 1 }
	n == 1 && /^    __video_register_device\+/ { n = 2 }
	n == 2 && /^    __v4l2_device_register_subdev_nodes\+/ { n = 3 }
	END { judge() }' $kml
}

# How many suspects are listed now that are not that leak.
kmemleak_count_other() {
	kmemleak_other | grep -c .
}
