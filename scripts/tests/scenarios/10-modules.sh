#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Module boundary: mcpp.ko is loaded, the KUnit module that uses its exported
# C ABI pins it, and rmmod of mcpp is refused with EBUSY while that holds.
set -u
fail() { echo "scenario: FAIL: $*"; exit 1; }

[ -d /sys/module/mcpp ] || fail "mcpp not loaded"
[ -d /sys/module/kcxx_kunit ] || fail "kcxx_kunit not loaded"
holders=$(ls /sys/module/mcpp/holders)
echo "mcpp holders: $holders"
echo "$holders" | grep -qx kcxx_kunit || fail "kcxx_kunit does not hold mcpp"
refcnt=$(cat /sys/module/mcpp/refcnt)
[ "$refcnt" -ge 1 ] || fail "mcpp refcnt $refcnt"

out=$(rmmod mcpp 2>&1) && fail "rmmod mcpp succeeded while in use"
echo "rmmod mcpp while in use: $out"
echo "$out" | grep -q "in use" || fail "unexpected rmmod error: $out"
[ -d /sys/module/mcpp ] || fail "mcpp gone after refused rmmod"
echo "scenario: modules ok"
