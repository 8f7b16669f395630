/* kr-limits.h — how large a dataset this machine can hold
 *
 * A file is read whole into memory and grows several times over as it becomes a dataset, a
 * layout and a map, so the largest file and the most records Keiretsu opens follow the memory
 * available to it, between a floor (the limits of a small machine, always allowed) and a
 * ceiling (what no desktop map is meant to hold).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The limits on a machine with little memory, and the most they grow to. */
#define KR_LIMITS_MIN_FILE_SIZE ((guint64)64 * 1024 * 1024)
#define KR_LIMITS_MAX_FILE_SIZE ((guint64)2 * 1024 * 1024 * 1024 - 1)
#define KR_LIMITS_MIN_RECORDS 200000
#define KR_LIMITS_MAX_RECORDS 4000000

/* Sets how much memory Keiretsu may count on (bytes), in place of what the machine says it
 * has available; read once, by kr_limits_get(). Accepts a number with K, M or G after it. */
#define KR_LIMITS_MEMORY_VARIABLE "KEIRETSU_MEMORY"

typedef struct
{
  guint64 memory;        /* bytes Keiretsu counts on */
  guint64 max_file_size; /* bytes of a dataset file */
  guint max_records;     /* articles, entities and deals together */
} KrLimits;

/* The limits with @memory bytes available. */
void kr_limits_for_memory (guint64 memory, KrLimits *limits);

/* This process's limits, worked out the first time from KR_LIMITS_MEMORY_VARIABLE, or else the
 * memory the system has available (MemAvailable on Linux) and the process's address-space
 * limit, whichever is less. */
const KrLimits *kr_limits_get (void);

/* "the file is 240.0 MiB, larger than the limit of 64.0 MiB": for the readers' messages. */
char *kr_limits_describe_file_size (guint64 size);

G_END_DECLS
