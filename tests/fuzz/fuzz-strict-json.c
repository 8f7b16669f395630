/* fuzz-strict-json.c — libFuzzer target: arbitrary bytes into the scan for strict JSON
 *
 * The scan must end on any input, in one pass, with either nothing to say or one printable line
 * and a place inside the input; and what it lets through, json-glib must read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "kr-json-strict.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* What json-glib may still refuse after the scan: escapes that are not whole characters (lone
 * surrogates), and nesting deeper than the readers let json-glib see. */
static gboolean
json_glib_may_refuse (const char *text, gsize size)
{
  int depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      if (text[i] == '[' || text[i] == '{')
        depth++;
      if (depth > 64
          || (text[i] == '\\' && i + 2 < size && text[i + 1] == 'u'
              && (text[i + 2] == 'd' || text[i + 2] == 'D')))
        return TRUE;
    }
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *)data;
  int line, column;
  g_autofree char *problem = NULL;

  /* The readers check the encoding first: the scan sees UTF-8 text without NUL bytes. */
  if (!g_utf8_validate_len (text, size, NULL) || memchr (text, '\0', size) != NULL)
    return 0;
  problem = kr_json_strict_check (text, size, &line, &column);
  if (problem != NULL)
    {
      g_assert (g_utf8_validate (problem, -1, NULL));
      for (const char *p = problem; *p != '\0'; p++)
        g_assert ((guchar)*p >= 0x20 && *p != 0x7f);
      g_assert (line >= 1 && column >= 1);
      g_assert ((gsize)line <= size + 1 && (gsize)column <= size + 1);
      return 0;
    }
  if (!json_glib_may_refuse (text, size))
    {
      g_autoptr (JsonParser) parser = json_parser_new_immutable ();
      g_autoptr (GError) error = NULL;

      json_parser_load_from_data (parser, text, (gssize)size, &error);
      g_assert_no_error (error);
    }
  return 0;
}
