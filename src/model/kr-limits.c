/* kr-limits.c — how large a dataset this machine can hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-limits"

#include "config.h"

#include <glib/gi18n.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kr-limits.h"

/* Read, a dataset takes up to FILE_GROWTH times its file, and BYTES_PER_RECORD a record with
 * its map. On 100 000 entities and 250 000 deals (245 MiB), `--check` peaks at 400 MiB, 1.6
 * times the file (formats other than JSON hold more while they read), and the window with the
 * first map at about 700 MiB, some 2 KiB a record: the margins are for the full layout's scene
 * and for edits. */
#define FILE_GROWTH 4
#define BYTES_PER_RECORD 4096

void
kr_limits_for_memory (guint64 memory, KrLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->memory = memory;
  limits->max_file_size
      = CLAMP (memory / FILE_GROWTH, KR_LIMITS_MIN_FILE_SIZE, KR_LIMITS_MAX_FILE_SIZE);
  limits->max_records
      = (guint)CLAMP (memory / BYTES_PER_RECORD, KR_LIMITS_MIN_RECORDS, KR_LIMITS_MAX_RECORDS);
}

/* "512M", "2G", "1073741824": 0 when it is none of these. */
static guint64
parse_memory (const char *text)
{
  char *end = NULL;
  guint64 value = g_ascii_strtoull (text, &end, 10);
  guint shift = 0;

  if (end == text)
    return 0;
  switch (g_ascii_toupper (*end))
    {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case '\0':
      return value;
    default:
      return 0;
    }
  return end[1] == '\0' && value < (G_GUINT64_CONSTANT (1) << (63 - shift)) ? value << shift : 0;
}

/* MemAvailable: what can be given out without swapping, page cache included. */
static guint64
available_memory (void)
{
  g_autofree char *meminfo = NULL;
  const char *line;
  struct rlimit limit;
  guint64 memory = 0;

  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL)
      && (line = strstr (meminfo, "MemAvailable:")) != NULL)
    memory = g_ascii_strtoull (line + strlen ("MemAvailable:"), NULL, 10) * 1024;
#ifdef _SC_AVPHYS_PAGES
  if (memory == 0 && sysconf (_SC_AVPHYS_PAGES) > 0)
    memory = (guint64)sysconf (_SC_AVPHYS_PAGES) * (guint64)sysconf (_SC_PAGESIZE);
#endif
  if (getrlimit (RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
      && (memory == 0 || (guint64)limit.rlim_cur < memory))
    memory = limit.rlim_cur;
  return memory;
}

const KrLimits *
kr_limits_get (void)
{
  static KrLimits limits;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const char *set = g_getenv (KR_LIMITS_MEMORY_VARIABLE);
      guint64 memory = set != NULL ? parse_memory (set) : 0;

      if (memory == 0)
        memory = available_memory ();
      kr_limits_for_memory (memory, &limits);
      g_once_init_leave (&done, 1);
    }
  return &limits;
}

char *
kr_limits_describe_file_size (guint64 size)
{
  g_autofree char *was = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit
      = g_format_size_full (kr_limits_get ()->max_file_size, G_FORMAT_SIZE_IEC_UNITS);

  /* Just past the limit, both round alike: then the bytes tell them apart. */
  if (g_str_equal (was, limit))
    {
      g_free (was);
      was = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
    }

  /* TRANSLATORS: the first is a file's size, the second the largest Keiretsu opens on this
   * computer, both as "240.0 MiB". */
  return g_strdup_printf (_ ("the file is %s, larger than the limit of %s for this computer's "
                             "memory"),
                          was, limit);
}
