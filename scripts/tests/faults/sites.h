/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where an injected allocation failure was: the fault-injection attributes'
 * verbose set to 2 makes the kernel dump the stack of every failure it
 * injects (unless the allocation asked for __GFP_NOWARN); sites_read()
 * reads that dump from /dev/kmsg and names the site: the first frame in
 * mcpp or vcam past the allocator and our wrappers of it (kcxx_kmalloc,
 * vcam_vzalloc, kcxx's allocating templates) if any, else the first kernel
 * frame past the allocator.
 * Shared by fail-nth-bind.c and fail-nth-stream.c (one program each, no
 * library).
 */
#ifndef MCPP_FAULTS_SITES_H
#define MCPP_FAULTS_SITES_H

#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int kmsg_fd = -1;
static regex_t frame_rx, skip_rx;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* The allocator's frames, and our wrappers of it: not a site. */
static const char *const skip[] = {
	"dump_stack", "show_stack", "fail_dump", "should_fail", "__should_fail",
	"prepare_alloc_pages", "__alloc_pages", "alloc_pages", "__kmalloc", "kmalloc",
	"kmem_cache_alloc", "__kmem_cache", "slab_", "__slab", "___slab", "kzalloc", "kvmalloc",
	"__kvmalloc", "__vmalloc", "vmalloc", "vzalloc", "vm_area_alloc", "__get_vm_area",
	"alloc_vmap", "kstrdup", "kstrndup", "kvasprintf", "kasprintf", "kmemdup", "krealloc",
	"__krealloc", "__alloc_pages_bulk", "alloc_pages_bulk", "__get_free_pages",
	"get_zeroed_page", "kmalloc_trace", "__kmalloc_cache", "alloc_slab", "new_slab",
	"allocate_slab", "__kasan", "kasan_", "kcxx_kmalloc", "vcam_vzalloc", "[a-z_]+_noprof$",
	/*
	 * kcxx's allocating templates (make<T>, make_ref<T>, alloc_array<T>,
	 * operator new(size_t, Gfp)): inlined or not depending on the kernel's
	 * options, so the site is their caller either way.
	 */
	"_ZN4kcxx4makeI", "_ZN4kcxx8make_refI", "_ZN4kcxx11alloc_arrayI", "_ZnwmN4kcxx3GfpE",
};

static void sites_init(void)
{
	char buf[8192], pattern[2048];
	size_t i, len = 0;

	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg_fd < 0) {
		printf("not ok open /dev/kmsg: %s\n", strerror(errno));
		exit(1);
	}
	lseek(kmsg_fd, 0, SEEK_END);
	while (read(kmsg_fd, buf, sizeof(buf)) > 0)
		;
	/* " [<6004f58f>] name+0x2e8/0x379 [module]"; "? " marks a guess. */
	regcomp(&frame_rx, "\\] (\\? )?([A-Za-z0-9_.$]+)\\+0x[0-9a-f]+/0x[0-9a-f]+( \\[([a-z0-9_]+)\\])?",
		REG_EXTENDED);
	for (i = 0; i < ARRAY_SIZE(skip); i++)
		len += snprintf(pattern + len, sizeof(pattern) - len, "%s%s", i ? "|" : "^(",
				skip[i]);
	snprintf(pattern + len, sizeof(pattern) - len, ")");
	regcomp(&skip_rx, pattern, REG_EXTENDED | REG_NOSUB);
}

/* Reads what the last injected failure dumped; fills attr and site. */
static void sites_read(char *attr, size_t alen, char *site, size_t slen)
{
	char rec[8192], kernel[200] = "";
	int seen = 0, ours = 0;
	ssize_t len;

	snprintf(attr, alen, "-");
	snprintf(site, slen, "nowarn");
	while ((len = read(kmsg_fd, rec, sizeof(rec) - 1)) > 0 || (len < 0 && errno == EPIPE)) {
		regmatch_t m[5];
		char *text, *p;

		if (len < 0)
			continue;	/* overwritten records: go on */
		rec[len] = 0;
		text = strchr(rec, ';');
		if (!text)
			continue;
		text++;
		if (strstr(text, "FAULT_INJECTION: forcing a failure")) {
			seen = 1;
			p = strstr(text, "name ");
			if (p && sscanf(p, "name %63[^,]", attr) != 1)
				snprintf(attr, alen, "?");
			continue;
		}
		if (!seen || ours || regexec(&frame_rx, text, 5, m, 0) || m[1].rm_so >= 0)
			continue;
		text[m[2].rm_eo] = 0;
		if (!regexec(&skip_rx, text + m[2].rm_so, 0, NULL, 0))
			continue;	/* the allocator, or our wrappers of it */
		if (m[4].rm_so >= 0) {
			text[m[4].rm_eo] = 0;
			if (!strcmp(text + m[4].rm_so, "vcam") || !strcmp(text + m[4].rm_so, "mcpp")) {
				snprintf(site, slen, "%s [%s]", text + m[2].rm_so, text + m[4].rm_so);
				ours = 1;
			}
			continue;
		}
		if (!kernel[0])
			snprintf(kernel, sizeof(kernel), "%s", text + m[2].rm_so);
	}
	if (seen && !ours)
		snprintf(site, slen, "%s", kernel[0] ? kernel : "?");
}

#endif /* MCPP_FAULTS_SITES_H */
