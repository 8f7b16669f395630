/* kr-import-values.c — values from other programs' files, as Keiretsu's fields take them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-import-values"

#include "config.h"

#include <string.h>

#include "kr-import-values.h"

char *
kr_import_normalize_name (const char *name)
{
  char *s = g_utf8_strdown (name, -1);

  g_strstrip (s);
  for (char *p = s; *p != '\0'; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return s;
}

/* Whether @name is as kr_import_normalize_name() would make it: most values are, and then
 * need no copy. */
static gboolean
is_normal (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_'))
      return FALSE;
  return TRUE;
}

const char *
kr_import_token (const KrVocabulary *vocabulary, const char *value, const KrImportWord *words,
                 guint n_words)
{
  g_autofree char *copy = NULL;
  const char *normal;
  int found;

  if (value == NULL)
    return NULL;
  normal = is_normal (value) ? value : (copy = kr_import_normalize_name (value));
  if ((found = kr_vocabulary_from_token (vocabulary, normal)) >= 0)
    return kr_vocabulary_to_token (vocabulary, (guint)found);
  for (guint i = 0; i < n_words; i++)
    if (g_str_equal (words[i].word, normal))
      return words[i].token;
  return NULL;
}

char *
kr_import_date (const char *value)
{
  static const char *const shapes[] = { "dddd", "dddd-dd", "dddd-dd-dd" };
  gsize n;

  if (value == NULL)
    return NULL;
  n = strlen (value);
  if (n > 10 && value[10] == 'T')
    n = 10;
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      gboolean fits = strlen (shapes[s]) == n;

      for (gsize i = 0; fits && i < n; i++)
        fits = shapes[s][i] == 'd' ? g_ascii_isdigit (value[i]) : value[i] == shapes[s][i];
      if (fits)
        return g_strndup (value, n);
    }
  return NULL;
}

char *
kr_import_country (const char *value)
{
  if (value == NULL || strlen (value) != 2 || !g_ascii_isalpha (value[0])
      || !g_ascii_isalpha (value[1]))
    return NULL;
  return g_ascii_strup (value, 2);
}

char *
kr_import_id_text (const char *wanted)
{
  GString *s = g_string_new (NULL);

  for (const char *p = wanted; *p != '\0' && s->len < 56; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || ((c == '_' || c == '.' || c == '-') && s->len > 0))
        g_string_append_c (s, c);
      else if (s->len > 0 && s->str[s->len - 1] != '-')
        g_string_append_c (s, '-');
    }
  while (s->len > 0 && s->str[s->len - 1] == '-')
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* What kr_import_id_text() leaves as it is, found without making it: an id is read for each
 * record. */
gboolean
kr_import_id_is_valid (const char *id)
{
  gsize n = 0;

  if (id == NULL)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++, n++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p)
          || ((*p == '_' || *p == '.' || *p == '-') && n > 0)))
      return FALSE;
  return n <= 56 && (n == 0 || id[n - 1] != '-');
}

const char *
kr_import_make_id (GHashTable *used, GStringChunk *texts, const char *wanted, const char *prefix,
                   guint index)
{
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  const char *kept;

  /* The file's own id, most often: it is kept already. */
  if (wanted != NULL && *wanted != '\0' && kr_import_id_is_valid (wanted)
      && !g_hash_table_contains (used, wanted))
    {
      g_hash_table_add (used, (gpointer)wanted);
      return wanted;
    }
  base = wanted ? kr_import_id_text (wanted) : g_strdup ("");
  if (base[0] == '\0')
    {
      g_free (base);
      base = g_strdup_printf ("%s%u", prefix, index);
    }
  id = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (used, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  /* New by construction: no need for the chunk to look for it among its texts. */
  kept = g_string_chunk_insert (texts, id);
  g_hash_table_add (used, (gpointer)kept);
  return kept;
}
