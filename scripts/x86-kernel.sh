#!/usr/bin/env bash
# The x86_64 test kernel (booted under QEMU by scripts/tests/harness.py): the
# same provisioning and cache as the UML kernel, with kunit/x86_64.config
# over x86_64_defconfig. Prints the build dir; --path prints it without
# building. See scripts/uml-kernel.sh.
KERNEL_ARCH=x86_64 exec "$(dirname "$0")/uml-kernel.sh" "$@"
