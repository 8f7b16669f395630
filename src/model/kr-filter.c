/* kr-filter.c — the parts of a filter, the terms that write them, and their descriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-filter"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-filter-private.h"

G_DEFINE_QUARK (kr - filter - error - quark, kr_filter_error)

gboolean
kr_filter_check_date (const char *date, const char *what, GError **error)
{
  if (date == NULL || kr_date_is_valid (date))
    return TRUE;
  g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
               /* Translators: e.g. The date for “as of”, “2023-13”, is not a date; … */
               _ ("The date for “%s”, “%s”, is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"), what,
               date);
  return FALSE;
}

/* ---- describing ------------------------------------------------------------------------ */

/* "a, b, c" for up to three labels, "N kinds" beyond. */
static char *
list_of (const char *const *labels, guint n, char *(*many) (guint))
{
  if (n > 3)
    return many (n);
  /* Translators: put between the items of a list, as in "Alliance, Supply" */
  return g_strjoinv (C_ ("list separator", ", "), (char **)labels);
}

static char *
n_kinds (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u kind", "%u kinds", n), n);
}

static char *
n_statuses (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u status", "%u statuses", n), n);
}

static char *
n_countries (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u country", "%u countries", n), n);
}

static char *
n_articles (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n);
}

static char *
bits_text (guint32 bits, const KrVocabulary *vocabulary, char *(*many) (guint))
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (guint v = 0; v < kr_vocabulary_get_size (vocabulary); v++)
    if (bits & (1u << v))
      g_ptr_array_add (labels, (gpointer)kr_vocabulary_label (vocabulary, v));
  if (labels->len == 0)
    return g_strdup (_ ("none"));
  g_ptr_array_add (labels, NULL);
  return list_of ((const char *const *)labels->pdata, labels->len - 1, many);
}

static const char *
entity_name (KrDataset *dataset, const char *id)
{
  int e = kr_dataset_find_entity (dataset, id);
  return e >= 0 ? kr_dataset_get_entity (dataset, (guint)e)->display_name : id;
}

/* ---- the parts ------------------------------------------------------------------------- */

static gboolean
has_focus (const KrFilter *f)
{
  return f->focus != NULL;
}

static void
clear_focus (KrFilter *f)
{
  g_clear_pointer (&f->focus, g_free);
  f->radial = FALSE;
}

static void
copy_focus (KrFilter *d, const KrFilter *s)
{
  d->focus = g_strdup (s->focus);
  d->depth = s->depth;
  d->radial = s->radial;
}

static char *
describe_focus (const KrFilter *f, KrDataset *dataset)
{
  /* Translators: the map shows one entity and its neighbourhood */
  return g_strdup_printf (_ ("Around %s"), entity_name (dataset, f->focus));
}

static gboolean
has_path (const KrFilter *f)
{
  return f->path_from != NULL;
}

static void
clear_path (KrFilter *f)
{
  g_clear_pointer (&f->path_from, g_free);
  g_clear_pointer (&f->path_to, g_free);
}

static void
copy_path (KrFilter *d, const KrFilter *s)
{
  d->path_from = g_strdup (s->path_from);
  d->path_to = g_strdup (s->path_to);
}

static char *
describe_path (const KrFilter *f, KrDataset *dataset)
{
  /* Translators: the map shows the shortest chains of deals between two entities */
  return g_strdup_printf (_ ("Chains from %s to %s"), entity_name (dataset, f->path_from),
                          entity_name (dataset, f->path_to));
}

static gboolean
has_time (const KrFilter *f)
{
  return f->as_of != NULL || f->as_reported != NULL;
}

static void
clear_time (KrFilter *f)
{
  g_clear_pointer (&f->as_of, g_free);
  g_clear_pointer (&f->as_reported, g_free);
}

static void
copy_time (KrFilter *d, const KrFilter *s)
{
  d->as_of = g_strdup (s->as_of);
  d->as_reported = g_strdup (s->as_reported);
}

static char *
describe_time (const KrFilter *f, KrDataset *dataset)
{
  if (f->as_of != NULL)
    return g_strdup_printf (_ ("As of %s"), f->as_of);
  /* Translators: what the articles had reported by a date */
  return g_strdup_printf (_ ("As reported by %s"), f->as_reported);
}

static gboolean
has_deal_kinds (const KrFilter *f)
{
  return f->deal_kinds != 0;
}

static void
clear_deal_kinds (KrFilter *f)
{
  f->deal_kinds = 0;
}

static void
copy_deal_kinds (KrFilter *d, const KrFilter *s)
{
  d->deal_kinds = s->deal_kinds;
}

static char *
describe_deal_kinds (const KrFilter *f, KrDataset *dataset)
{
  g_autofree char *list = bits_text (f->deal_kinds, &kr_deal_kind_vocabulary, n_kinds);
  return g_strdup_printf (_ ("Deals: %s"), list);
}

static gboolean
has_statuses (const KrFilter *f)
{
  return f->statuses != 0;
}

static void
clear_statuses (KrFilter *f)
{
  f->statuses = 0;
}

static void
copy_statuses (KrFilter *d, const KrFilter *s)
{
  d->statuses = s->statuses;
}

static char *
describe_statuses (const KrFilter *f, KrDataset *dataset)
{
  g_autofree char *list = bits_text (f->statuses, &kr_status_vocabulary, n_statuses);
  return g_strdup_printf (_ ("Status: %s"), list);
}

static gboolean
has_entity_kinds (const KrFilter *f)
{
  return f->entity_kinds != 0;
}

static void
clear_entity_kinds (KrFilter *f)
{
  f->entity_kinds = 0;
}

static void
copy_entity_kinds (KrFilter *d, const KrFilter *s)
{
  d->entity_kinds = s->entity_kinds;
}

static char *
describe_entity_kinds (const KrFilter *f, KrDataset *dataset)
{
  g_autofree char *list = bits_text (f->entity_kinds, &kr_entity_kind_vocabulary, n_kinds);
  return g_strdup_printf (_ ("Entities: %s"), list);
}

static gboolean
has_countries (const KrFilter *f)
{
  return f->countries != NULL;
}

static void
clear_countries (KrFilter *f)
{
  g_clear_pointer (&f->countries, g_strfreev);
}

static void
copy_countries (KrFilter *d, const KrFilter *s)
{
  d->countries = g_strdupv (s->countries);
}

static char *
describe_countries (const KrFilter *f, KrDataset *dataset)
{
  g_autofree char *list = f->countries[0] ? list_of ((const char *const *)f->countries,
                                                     g_strv_length (f->countries), n_countries)
                                          : g_strdup (_ ("none"));
  return g_strdup_printf (_ ("Countries: %s"), list);
}

static gboolean
has_articles (const KrFilter *f)
{
  return f->articles != NULL;
}

static void
clear_articles (KrFilter *f)
{
  g_clear_pointer (&f->articles, g_strfreev);
}

static void
copy_articles (KrFilter *d, const KrFilter *s)
{
  d->articles = g_strdupv (s->articles);
}

static char *
describe_articles (const KrFilter *f, KrDataset *dataset)
{
  guint n = g_strv_length (f->articles);
  int a = n == 1 ? kr_dataset_find_article (dataset, f->articles[0]) : -1;
  g_autofree char *list
      = a >= 0 ? g_strdup (kr_dataset_get_article (dataset, (guint)a)->title) : n_articles (n);
  /* Translators: the map shows only what some articles evidence */
  return g_strdup_printf (_ ("Sources: %s"), list);
}

static gboolean
has_dates (const KrFilter *f)
{
  return f->from != NULL || f->to != NULL;
}

static void
clear_dates (KrFilter *f)
{
  g_clear_pointer (&f->from, g_free);
  g_clear_pointer (&f->to, g_free);
}

static void
copy_dates (KrFilter *d, const KrFilter *s)
{
  d->from = g_strdup (s->from);
  d->to = g_strdup (s->to);
}

static char *
describe_dates (const KrFilter *f, KrDataset *dataset)
{
  if (f->from != NULL && f->to != NULL)
    return g_strdup_printf (_ ("Dated %s to %s"), f->from, f->to);
  if (f->from != NULL)
    return g_strdup_printf (_ ("Dated from %s"), f->from);
  return g_strdup_printf (_ ("Dated until %s"), f->to);
}

static gboolean
has_hide_isolated (const KrFilter *f)
{
  return f->hide_isolated;
}

static void
clear_hide_isolated (KrFilter *f)
{
  f->hide_isolated = FALSE;
}

static void
copy_hide_isolated (KrFilter *d, const KrFilter *s)
{
  d->hide_isolated = s->hide_isolated;
}

static char *
describe_hide_isolated (const KrFilter *f, KrDataset *dataset)
{
  return g_strdup (_ ("Entities with deals shown only"));
}

typedef struct
{
  const char *token;
  gboolean (*has) (const KrFilter *f);
  void (*clear) (KrFilter *f);
  void (*copy) (KrFilter *dest, const KrFilter *src); /* into a part that holds nothing */
  char *(*describe) (const KrFilter *f, KrDataset *dataset);
} Part;

#define PART(token, name)                                                                          \
  {                                                                                                \
    token, has_##name, clear_##name, copy_##name, describe_##name                                  \
  }

static const Part parts[KR_N_FILTER_PARTS] = {
  [KR_FILTER_PART_FOCUS] = PART ("focus", focus),
  [KR_FILTER_PART_PATH] = PART ("path", path),
  [KR_FILTER_PART_TIME] = PART ("time", time),
  [KR_FILTER_PART_DEAL_KINDS] = PART ("deal-kinds", deal_kinds),
  [KR_FILTER_PART_STATUSES] = PART ("statuses", statuses),
  [KR_FILTER_PART_ENTITY_KINDS] = PART ("entity-kinds", entity_kinds),
  [KR_FILTER_PART_COUNTRIES] = PART ("countries", countries),
  [KR_FILTER_PART_ARTICLES] = PART ("articles", articles),
  [KR_FILTER_PART_DATES] = PART ("dates", dates),
  [KR_FILTER_PART_HIDE_ISOLATED] = PART ("hide-isolated", hide_isolated),
};

#undef PART

const char *
kr_filter_part_to_token (KrFilterPart part)
{
  g_return_val_if_fail (part < KR_N_FILTER_PARTS, NULL);
  return parts[part].token;
}

int
kr_filter_part_from_token (const char *token)
{
  for (int p = 0; p < KR_N_FILTER_PARTS; p++)
    if (g_strcmp0 (parts[p].token, token) == 0)
      return p;
  return -1;
}

gboolean
kr_filter_has_part (const KrFilter *filter, KrFilterPart part)
{
  g_return_val_if_fail (filter != NULL && part < KR_N_FILTER_PARTS, FALSE);
  return parts[part].has (filter);
}

void
kr_filter_clear_part (KrFilter *filter, KrFilterPart part)
{
  g_return_if_fail (filter != NULL && part < KR_N_FILTER_PARTS);
  parts[part].clear (filter);
}

char *
kr_filter_describe_part (const KrFilter *filter, KrFilterPart part, KrDataset *dataset)
{
  g_return_val_if_fail (filter != NULL && part < KR_N_FILTER_PARTS, NULL);
  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  return parts[part].has (filter) ? parts[part].describe (filter, dataset) : NULL;
}

void
kr_filter_init (KrFilter *filter)
{
  *filter = (KrFilter)KR_FILTER_INIT;
}

void
kr_filter_clear (KrFilter *filter)
{
  for (guint p = 0; p < KR_N_FILTER_PARTS; p++)
    parts[p].clear (filter);
  kr_filter_init (filter);
}

void
kr_filter_copy (KrFilter *dest, const KrFilter *src)
{
  kr_filter_init (dest);
  for (guint p = 0; p < KR_N_FILTER_PARTS; p++)
    parts[p].copy (dest, src);
}

gboolean
kr_filter_is_empty (const KrFilter *f)
{
  for (guint p = 0; p < KR_N_FILTER_PARTS; p++)
    if (parts[p].has (f))
      return FALSE;
  return TRUE;
}

/* ---- terms ----------------------------------------------------------------------------- */

static char **
strv_append (char **strv, char **more)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (strv != NULL)
    g_strv_builder_addv (builder, (const char **)strv);
  g_strv_builder_addv (builder, (const char **)more);
  g_strfreev (strv);
  return g_strv_builder_end (builder);
}

typedef struct Term Term;

/* A --filter term: KEY=VALUE[,VALUE…], or a bare KEY for a flag (no parse function). */
struct Term
{
  const char *key;
  const char *values; /* what goes after "=", for people; NULL for a flag */
  const char *help;
  const KrVocabulary *vocabulary; /* the values' vocabulary, when there is one */
  gsize field;                    /* offset of the KrFilter member the term writes */
  gboolean (*parse) (const Term *term, KrFilter *f, char **values, const char *text,
                     GError **error);
  char *(*print) (const Term *term, const KrFilter *f);
};

#define FIELD(f, term, type) ((type *)((guchar *)(f) + (term)->field))

static gboolean
parse_tokens (const Term *term, KrFilter *f, char **values, const char *text, GError **error)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      int value = kr_vocabulary_from_token (term->vocabulary, values[i]);
      if (value < 0)
        {
          g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                       /* Translators: e.g. Unknown status “agred” in the filter; use one of … */
                       _ ("Unknown %s “%s” in the filter; use one of: %s"),
                       kr_vocabulary_get_name (term->vocabulary), values[i],
                       kr_vocabulary_tokens (term->vocabulary));
          return FALSE;
        }
      *FIELD (f, term, guint32) |= 1u << value;
    }
  return TRUE;
}

static char *
print_tokens (const Term *term, const KrFilter *f)
{
  guint32 bits = *FIELD (f, term, const guint32);
  g_autoptr (GPtrArray) tokens = g_ptr_array_new ();

  if (bits == 0)
    return NULL;
  for (guint v = 0; v < kr_vocabulary_get_size (term->vocabulary); v++)
    if (bits & (1u << v))
      g_ptr_array_add (tokens, (gpointer)kr_vocabulary_to_token (term->vocabulary, v));
  g_ptr_array_add (tokens, NULL);
  return g_strjoinv (",", (char **)tokens->pdata);
}

static gboolean
parse_list (const Term *term, KrFilter *f, char **values, const char *text, GError **error)
{
  char ***list = FIELD (f, term, char **);
  *list = strv_append (*list, values);
  return TRUE;
}

static char *
print_list (const Term *term, const KrFilter *f)
{
  char **list = *FIELD (f, term, char **const);
  return list != NULL && list[0] != NULL ? g_strjoinv (",", list) : NULL;
}

static gboolean
parse_date (const Term *term, KrFilter *f, char **values, const char *text, GError **error)
{
  char **slot = FIELD (f, term, char *);

  if (!kr_filter_check_date (text, term->key, error))
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (text);
  return TRUE;
}

static char *
print_date (const Term *term, const KrFilter *f)
{
  return g_strdup (*FIELD (f, term, char *const));
}

static char *
print_flag (const Term *term, const KrFilter *f)
{
  return *FIELD (f, term, const gboolean) ? g_strdup ("") : NULL;
}

static const Term terms[] = {
  { "deal-kind", N_ ("KIND,…"), N_ ("only deals of these kinds"), &kr_deal_kind_vocabulary,
    G_STRUCT_OFFSET (KrFilter, deal_kinds), parse_tokens, print_tokens },
  { "status", N_ ("STATUS,…"), N_ ("only deals in these statuses"), &kr_status_vocabulary,
    G_STRUCT_OFFSET (KrFilter, statuses), parse_tokens, print_tokens },
  { "entity-kind", N_ ("KIND,…"), N_ ("only entities of these kinds"), &kr_entity_kind_vocabulary,
    G_STRUCT_OFFSET (KrFilter, entity_kinds), parse_tokens, print_tokens },
  { "country", N_ ("CODE,…"), N_ ("only entities of these countries (JP, FR, …)"), NULL,
    G_STRUCT_OFFSET (KrFilter, countries), parse_list, print_list },
  { "article", N_ ("ID,…"), N_ ("only what these articles evidence"), NULL,
    G_STRUCT_OFFSET (KrFilter, articles), parse_list, print_list },
  { "from", N_ ("DATE"), N_ ("only deals under way on or after DATE (undated deals stay)"), NULL,
    G_STRUCT_OFFSET (KrFilter, from), parse_date, print_date },
  { "to", N_ ("DATE"), N_ ("only deals begun by DATE (undated deals stay)"), NULL,
    G_STRUCT_OFFSET (KrFilter, to), parse_date, print_date },
  { "hide-isolated", NULL, N_ ("leave out entities that no deal shown joins"), NULL,
    G_STRUCT_OFFSET (KrFilter, hide_isolated), NULL, print_flag },
};

/* Every key, joined with ", ". */
static char *
term_keys (gboolean flags)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();

  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    if ((terms[t].parse == NULL) == flags)
      g_ptr_array_add (keys, (gpointer)terms[t].key);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (", ", (char **)keys->pdata);
}

gboolean
kr_filter_parse_term (KrFilter *f, const char *term, GError **error)
{
  g_auto (GStrv) split = NULL;
  g_auto (GStrv) values = NULL;

  g_return_val_if_fail (f != NULL && term != NULL, FALSE);

  split = g_strsplit (term, "=", 2);
  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      const Term *row = &terms[t];

      if (!g_str_equal (split[0], row->key))
        continue;
      if (row->parse == NULL && split[1] == NULL)
        {
          *FIELD (f, row, gboolean) = TRUE;
          return TRUE;
        }
      if (row->parse == NULL || split[1] == NULL || split[1][0] == '\0')
        break;
      values = g_strsplit (split[1], ",", -1);
      for (guint i = 0; values[i] != NULL; i++)
        g_strstrip (values[i]);
      return row->parse (row, f, values, split[1], error);
    }
  if (split[1] == NULL || split[1][0] == '\0')
    {
      g_autofree char *keys = term_keys (FALSE);
      g_autofree char *flags = term_keys (TRUE);
      g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                   /* Translators: the 2nd %s lists keys, the 3rd flags, e.g. hide-isolated */
                   _ ("“%s” is not a filter; write KEY=VALUE[,VALUE…] with KEY one of %s, or "
                      "write %s"),
                   term, keys, flags);
      return FALSE;
    }
  {
    g_autofree char *keys = term_keys (FALSE);
    g_autofree char *flags = term_keys (TRUE);
    g_set_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID,
                 /* Translators: the 2nd %s lists keys, the 3rd flags, e.g. hide-isolated */
                 _ ("Unknown filter “%s”; use %s, or %s"), split[0], keys, flags);
  }
  return FALSE;
}

char *
kr_filter_terms_to_string (const KrFilter *f)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (f != NULL, NULL);
  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      g_autofree char *value = terms[t].print (&terms[t], f);
      if (value == NULL)
        continue;
      g_ptr_array_add (out, terms[t].parse == NULL
                                ? g_strdup (terms[t].key)
                                : g_strdup_printf ("%s=%s", terms[t].key, value));
    }
  g_ptr_array_add (out, NULL);
  return g_strjoinv (";", (char **)out->pdata);
}

char *
kr_filter_terms_help (void)
{
  GString *help = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      const Term *row = &terms[t];
      g_autofree char *term = row->values != NULL
                                  ? g_strdup_printf ("%s=%s", row->key, _ (row->values))
                                  : g_strdup (row->key);

      /* Columns by characters, not bytes: "…" is one character in three bytes. */
      int pad = MAX (24 - (int)g_utf8_strlen (term, -1), 1);

      g_string_append_printf (help, "  %s%*s%s\n", term, pad, "", _ (row->help));
      if (row->vocabulary != NULL)
        {
          /* The values, wrapped under the description. */
          g_auto (GStrv) tokens = g_strsplit (kr_vocabulary_tokens (row->vocabulary), ", ", -1);
          gsize line = 0;

          for (guint i = 0; tokens[i] != NULL; i++)
            {
              if (line == 0 || line + strlen (tokens[i]) > 48)
                {
                  g_string_append_printf (help, "%s%26s", i > 0 ? ",\n" : "", "");
                  line = 0;
                }
              else
                g_string_append (help, ", ");
              g_string_append (help, tokens[i]);
              line += strlen (tokens[i]) + 2;
            }
          g_string_append_c (help, '\n');
        }
    }
  g_string_truncate (help, help->len - 1);
  return g_string_free (help, FALSE);
}
