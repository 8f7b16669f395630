/* kr-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-search"

#include "config.h"

#include <string.h>

#include "kr-search.h"

char *
kr_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *lower = NULL;
  GString *out;
  gboolean space = TRUE; /* drops leading spaces */

  g_return_val_if_fail (text != NULL, NULL);

  /* NFKD splits accents from letters and unifies compatibility forms; case folding then
   * makes "Ä" and "ä" alike, and the accents are dropped below. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  lower = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (lower));
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }
      g_string_append_unichar (out, c);
      space = FALSE;
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* How @folded_query matches @text, or -1. */
static int
match_kind (const char *text, const char *folded_query)
{
  g_autofree char *folded = kr_search_fold (text);
  const char *at;

  if (g_str_equal (folded, folded_query))
    return KR_MATCH_EXACT;
  if (g_str_has_prefix (folded, folded_query))
    return KR_MATCH_PREFIX;
  at = strstr (folded, folded_query);
  if (at == NULL)
    return -1;
  /* At the start of a word: after a space or punctuation. */
  for (; at != NULL; at = strstr (at + 1, folded_query))
    {
      const char *prev = g_utf8_find_prev_char (folded, at);
      if (prev == NULL || !g_unichar_isalnum (g_utf8_get_char (prev)))
        return KR_MATCH_WORD;
    }
  return KR_MATCH_SUBSTRING;
}

static int
compare_matches (gconstpointer a, gconstpointer b, gpointer data)
{
  const KrSearchMatch *x = a, *y = b;
  KrDataset *dataset = data;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  {
    int c = g_utf8_collate (kr_dataset_get_entity (dataset, x->entity)->name,
                            kr_dataset_get_entity (dataset, y->entity)->name);
    if (c != 0)
      return c;
  }
  return x->entity < y->entity ? -1 : x->entity > y->entity;
}

GArray *
kr_dataset_search (KrDataset *dataset, const char *query)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (KrSearchMatch));
  g_autofree char *folded = NULL;

  g_return_val_if_fail (dataset != NULL && query != NULL, matches);

  folded = kr_search_fold (query);
  if (folded[0] == '\0')
    return matches;
  for (guint e = 0; e < kr_dataset_get_n_entities (dataset); e++)
    {
      const KrEntity *en = kr_dataset_get_entity (dataset, e);
      KrSearchMatch best = { e, KR_MATCH_SUBSTRING + 1, NULL };
      int kind = match_kind (en->name, folded);

      if (kind >= 0)
        best = (KrSearchMatch){ e, kind, en->name };
      for (guint i = 0; i < en->n_aliases; i++)
        if ((kind = match_kind (en->aliases[i], folded)) >= 0 && kind < (int)best.kind)
          best = (KrSearchMatch){ e, kind, en->aliases[i] };
      for (guint i = 0; i < en->n_names; i++)
        if ((kind = match_kind (en->names[i].name, folded)) >= 0 && kind < (int)best.kind)
          best = (KrSearchMatch){ e, kind, en->names[i].name };
      if (best.matched != NULL)
        g_array_append_val (matches, best);
    }
  g_array_sort_with_data (matches, compare_matches, dataset);
  return matches;
}
