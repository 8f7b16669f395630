/* kr-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-problem"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-problem.h"

/* Characters that change how a terminal shows what follows them: controls (escape sequences,
 * bell, line breaks), the Unicode line and paragraph separators, and the bidirectional marks,
 * embeddings, overrides and isolates, which can make a name read as something else. */
static gboolean
is_unsafe (gunichar c)
{
  return g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E
         || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
kr_problem_printable (const char *text, guint max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));
  guint n = 0;

  for (const char *s = valid; *s != '\0'; s = g_utf8_next_char (s), n++)
    {
      gunichar c = g_utf8_get_char (s);

      if (max_chars > 0 && n == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (is_unsafe (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
kr_problem_quote (const char *text)
{
  return kr_problem_printable (text, 40);
}

/* Whether the eight bytes of @word are ASCII and none is NUL. */
static inline gboolean
plain_ascii (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  return ((word | ((word - ones) & ~word)) & highs) == 0;
}

gboolean
kr_utf8_validate (const char *data, gsize size, const char **end)
{
  const char *p = data, *stop = data + size;

  while (p < stop)
    {
      const char *next;
      guint64 word;

      while (stop - p >= 8 && (memcpy (&word, p, 8), plain_ascii (word)))
        p += 8;
      if (p == stop)
        break;
      /* GLib from here to the next ASCII byte at least 64 bytes on: no character is cut, so
       * it stops where it would have stopped in the whole text. */
      next = p + MIN ((gsize)(stop - p), 64);
      while (next < stop && ((guchar)*next & 0x80) != 0)
        next++;
      if (!g_utf8_validate_len (p, (gsize)(next - p), end))
        return FALSE;
      p = next;
    }
  if (end != NULL)
    *end = stop;
  return TRUE;
}

KrProblem *
kr_problem_new_at_path (const char *path, const char *message)
{
  KrProblem *p = g_new0 (KrProblem, 1);
  p->path = kr_problem_printable (path, 0);
  p->message = kr_problem_printable (message, 0);
  return p;
}

KrProblem *
kr_problem_new_at_position (int line, int column, const char *message)
{
  KrProblem *p = g_new0 (KrProblem, 1);
  p->line = line;
  p->column = column;
  p->message = kr_problem_printable (message, 0);
  return p;
}

void
kr_problem_free (KrProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

char *
kr_problem_to_string (const KrProblem *problem, const char *source_name)
{
  g_return_val_if_fail (problem != NULL, NULL);

  /* A file name is as untrusted as the file. */
  g_autofree char *source = kr_problem_printable (source_name != NULL ? source_name : "-", 0);

  if (problem->path != NULL)
    return g_strdup_printf ("%s:%s: %s", source, problem->path, problem->message);
  if (problem->line > 0)
    return g_strdup_printf ("%s:%d:%d: %s", source, problem->line, problem->column,
                            problem->message);
  return g_strdup_printf ("%s: %s", source, problem->message);
}

char *
kr_problems_to_string (GPtrArray *problems, const char *source_name, guint max_lines)
{
  g_autoptr (GString) out = g_string_new (NULL);
  guint shown;

  g_return_val_if_fail (problems != NULL, NULL);

  shown = (max_lines == 0 || problems->len <= max_lines) ? problems->len : max_lines - 1;
  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *line = kr_problem_to_string (problems->pdata[i], source_name);
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }
  if (shown < problems->len)
    {
      guint rest = problems->len - shown;
      g_string_append_c (out, '\n');
      g_string_append_printf (
          out, g_dngettext (GETTEXT_PACKAGE, "…and %u more problem", "…and %u more problems", rest),
          rest);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
