/* kr-dataset-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kr-dataset-private.h"
#include "kr-dataset-writer.h"
#include "kr-file.h"

/* What is being written: the text, how deep the open object or array is, and whether it has
 * anything in it yet. */
typedef struct
{
  GString *out;
  guint depth;
  gboolean empty;
} Writer;

static void
write_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *)s; *p != '\0'; p++)
    switch (*p)
      {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char)*p);
      }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as @value exactly; whole numbers without a point, as
 * people write them. */
static void
write_number (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append_printf (out, "%.0f", value);
      return;
    }
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

/* Starts the next member (@key) or element (@key NULL) on a line of its own. */
static void
next (Writer *w, const char *key)
{
  if (!w->empty)
    g_string_append_c (w->out, ',');
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
  w->empty = FALSE;
  if (key != NULL)
    {
      write_string (w->out, key);
      g_string_append (w->out, ": ");
    }
}

/* Opens an object or array (@bracket) as the next member or element, in @inner. */
static void
open_child (Writer *w, const char *key, char bracket, Writer *inner)
{
  next (w, key);
  g_string_append_c (w->out, bracket);
  *inner = (Writer){ .out = w->out, .depth = w->depth + 1, .empty = TRUE };
}

static void
close_child (Writer *inner, char bracket)
{
  if (!inner->empty)
    {
      g_string_append_c (inner->out, '\n');
      for (guint i = 1; i < inner->depth; i++)
        g_string_append (inner->out, "  ");
    }
  g_string_append_c (inner->out, bracket);
}

/* A text member, left out when NULL. */
static void
text (Writer *w, const char *key, const char *value)
{
  if (value == NULL)
    return;
  next (w, key);
  write_string (w->out, value);
}

static void
number (Writer *w, const char *key, double value)
{
  next (w, key);
  write_number (w->out, value);
}

/* A boolean member, left out when FALSE: every one defaults to it. */
static void
flag (Writer *w, const char *key, gboolean value)
{
  if (!value)
    return;
  next (w, key);
  g_string_append (w->out, "true");
}

static void
token (Writer *w, const char *key, const KrVocabulary *vocabulary, guint value)
{
  text (w, key, kr_vocabulary_to_token (vocabulary, value));
}

static void
write_evidence (Writer *w, KrDataset *dataset, const KrEvidence *evidence, guint n, gboolean always)
{
  Writer list, item;

  if (n == 0 && !always)
    return;
  open_child (w, "evidence", '[', &list);
  for (guint i = 0; i < n; i++)
    {
      const KrEvidence *e = &evidence[i];

      open_child (&list, NULL, '{', &item);
      text (&item, "article", kr_dataset_article_at (dataset, e->article)->id);
      text (&item, "quote", e->quote);
      if (e->stance != KR_STANCE_SUPPORTS)
        token (&item, "stance", &kr_stance_vocabulary, e->stance);
      text (&item, "note", e->note);
      close_child (&item, '}');
    }
  close_child (&list, ']');
}

static void
write_article (Writer *w, const KrArticle *a)
{
  text (w, "id", a->id);
  text (w, "title", a->title);
  text (w, "publisher", a->publisher);
  text (w, "date", a->date);
  flag (w, "date_inferred", a->date_inferred);
  text (w, "url", a->url);
  text (w, "author", a->author);
  text (w, "language", a->language);
  text (w, "note", a->note);
  /* A text read from a file stays in its file. */
  if (a->text_file != NULL)
    text (w, "text_file", a->text_file);
  else
    text (w, "text", a->text);
}

static void
write_entity (Writer *w, KrDataset *dataset, const KrEntity *e)
{
  Writer list;

  text (w, "id", e->id);
  text (w, "name", e->name);
  token (w, "kind", &kr_entity_kind_vocabulary, e->kind);
  text (w, "country", e->country);
  if (e->n_aliases > 0)
    {
      open_child (w, "aliases", '[', &list);
      for (guint i = 0; i < e->n_aliases; i++)
        text (&list, NULL, e->aliases[i]);
      close_child (&list, ']');
    }
  if (e->n_names > 0)
    {
      open_child (w, "names", '{', &list);
      for (guint i = 0; i < e->n_names; i++)
        text (&list, e->names[i].language, e->names[i].name);
      close_child (&list, '}');
    }
  text (w, "description", e->description);
  write_evidence (w, dataset, e->evidence, e->n_evidence, FALSE);
}

static void
write_deal (Writer *w, KrDataset *dataset, const KrDeal *d)
{
  Writer list, item;

  text (w, "id", d->id);
  token (w, "kind", &kr_deal_kind_vocabulary, d->kind);
  token (w, "status", &kr_status_vocabulary, d->status);
  text (w, "summary", d->summary);
  open_child (w, "parties", '[', &list);
  for (guint i = 0; i < d->n_parties; i++)
    {
      open_child (&list, NULL, '{', &item);
      text (&item, "entity", kr_dataset_entity_at (dataset, d->parties[i].entity)->id);
      token (&item, "role", &kr_role_vocabulary, d->parties[i].role);
      close_child (&item, '}');
    }
  close_child (&list, ']');
  text (w, "date", d->date);
  text (w, "end", d->end);
  text (w, "expected", d->expected);
  if (d->has_value)
    {
      open_child (w, "value", '{', &item);
      number (&item, "amount", d->value_amount);
      text (&item, "currency", d->value_currency);
      flag (&item, "approximate", d->value_approximate);
      close_child (&item, '}');
    }
  if (!isnan (d->stake_before) || !isnan (d->stake_after))
    {
      open_child (w, "stake", '{', &item);
      if (!isnan (d->stake_before))
        number (&item, "before", d->stake_before);
      if (!isnan (d->stake_after))
        number (&item, "after", d->stake_after);
      close_child (&item, '}');
    }
  if (d->n_proposed_by > 0)
    {
      open_child (w, "proposed_by", '[', &list);
      for (guint i = 0; i < d->n_proposed_by; i++)
        text (&list, NULL, kr_dataset_entity_at (dataset, d->proposed_by[i])->id);
      close_child (&list, ']');
    }
  text (w, "note", d->note);
  /* Deals list their evidence even when the file they came from had none to give. */
  write_evidence (w, dataset, d->evidence, d->n_evidence, TRUE);
}

GBytes *
kr_dataset_writer_write (KrDataset *dataset)
{
  GString *out;
  Writer top, list, item;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);

  out = g_string_sized_new (4096);
  top = (Writer){ .out = out, .depth = 1, .empty = TRUE };
  g_string_append_c (out, '{');
  text (&top, "format", KR_DATASET_FORMAT);
  number (&top, "version", KR_DATASET_VERSION);
  text (&top, "title", dataset->title);
  text (&top, "description", dataset->description);

  open_child (&top, "articles", '[', &list);
  for (guint i = 0; i < dataset->n_articles; i++)
    {
      open_child (&list, NULL, '{', &item);
      write_article (&item, kr_dataset_article_at (dataset, i));
      close_child (&item, '}');
    }
  close_child (&list, ']');
  open_child (&top, "entities", '[', &list);
  for (guint i = 0; i < dataset->n_entities; i++)
    {
      open_child (&list, NULL, '{', &item);
      write_entity (&item, dataset, kr_dataset_entity_at (dataset, i));
      close_child (&item, '}');
    }
  close_child (&list, ']');
  open_child (&top, "deals", '[', &list);
  for (guint i = 0; i < dataset->n_deals; i++)
    {
      open_child (&list, NULL, '{', &item);
      write_deal (&item, dataset, kr_dataset_deal_at (dataset, i));
      close_child (&item, '}');
    }
  close_child (&list, ']');
  close_child (&top, '}');
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

gboolean
kr_dataset_writer_save (KrDataset *dataset, const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = kr_dataset_writer_write (dataset);
  return kr_file_replace (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}
