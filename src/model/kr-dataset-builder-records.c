/* kr-dataset-builder-records.c — checks each record's fields and builds the dataset
 *
 * Ids come first, for every record type, so that references can point forwards; then every
 * record, field by field, in one fixed order. A note the reader left on a field is reported
 * when that field comes up, so problems read in the same order whoever found them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset-builder"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-article-text.h"
#include "kr-dataset-builder-private.h"

/* ---- values -------------------------------------------------------------------------- */

/* A record's string as the dataset keeps it: the same, when the builder gives its strings. */
static const char *
intern (KrDatasetBuilder *self, const char *s)
{
  self->dataset->string_bytes += strlen (s) + 1;
  return self->give_strings ? s : g_string_chunk_insert (self->dataset->strings, s);
}

static gboolean
is_blank (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

/* @text, or NULL when it is longer than @limit bytes, not Unicode or blank (reported at
 * @field of @place). */
static const char *
check_text_within (KrDatasetBuilder *self, const KrPlace *place, const char *field,
                   const char *text, gsize limit)
{
  gsize len = strlen (text);

  if (len > limit)
    {
      /* A plain %lu: gettext cannot read G_GSIZE_FORMAT inside a translatable string. */
      kr_builder_report (self, place, field, _ ("text is %lu bytes long; the limit is %d"),
                         (unsigned long)len, (int)limit);
      return NULL;
    }
  /* Readers check that the file is UTF-8, but an escape (JSON's \u) can still spell an invalid
   * character. */
  if (!kr_utf8_validate (text, len, NULL))
    {
      kr_builder_report (self, place, field,
                         _ ("the text is not valid Unicode (a \\u escape names no character)"));
      return NULL;
    }
  if (is_blank (text))
    {
      kr_builder_report (self, place, field, _ ("must not be empty"));
      return NULL;
    }
  return text;
}

static const char *
check_text (KrDatasetBuilder *self, const KrPlace *place, const char *field, const char *text)
{
  return check_text_within (self, place, field, text, KR_DATASET_MAX_STRING);
}

static void
report_missing (KrDatasetBuilder *self, const KrPlace *place, const char *field)
{
  kr_builder_report (self, place, field, _ ("required member \"%s\" is missing"), field);
}

/* The text of @field (owned by the dataset), or NULL when absent or wrong. */
static const char *
get_text (KrDatasetBuilder *self, const KrRecordHead *head, const char *field, const char *text,
          gboolean required)
{
  if (kr_builder_noted (self, head, field))
    return NULL;
  if (text == NULL)
    {
      if (required)
        report_missing (self, &head->place, field);
      return NULL;
    }
  text = check_text (self, &head->place, field, text);
  return text ? intern (self, text) : NULL;
}

static gboolean
get_boolean (KrDatasetBuilder *self, const KrRecordHead *head, const char *field, gboolean value)
{
  return kr_builder_noted (self, head, field) ? FALSE : value;
}

/* Stores a finite number in [min, max] in @out; FALSE when absent, unreadable or out of range. */
static gboolean
get_number (KrDatasetBuilder *self, const KrRecordHead *head, const char *field, gboolean has,
            double value, double min, double max, double *out)
{
  if (kr_builder_noted (self, head, field) || !has)
    return FALSE;
  if (!isfinite (value) || value < min || value > max)
    {
      kr_builder_report (self, &head->place, field,
                         _ ("%g is out of range; expected a number from %g to %g"), value, min,
                         max);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static int
get_token (KrDatasetBuilder *self, const KrRecordHead *head, const char *field, const char *token,
           const KrVocabulary *vocabulary, int fallback)
{
  int v;

  if (kr_builder_noted (self, head, field))
    return -1;
  if (token == NULL)
    {
      if (fallback < 0)
        report_missing (self, &head->place, field);
      return fallback;
    }
  if (check_text (self, &head->place, field, token) == NULL)
    return -1;
  v = kr_vocabulary_from_token (vocabulary, token);
  if (v < 0)
    {
      g_autofree char *shown = kr_problem_quote (token);
      kr_builder_report (self, &head->place, field, _ ("unknown %s \"%s\"; expected one of: %s"),
                         field, shown, kr_vocabulary_tokens (vocabulary));
    }
  return v;
}

static gboolean
is_valid_id (const char *s)
{
  gsize n = strlen (s);

  if (n == 0 || n > 64 || !(g_ascii_islower (s[0]) || g_ascii_isdigit (s[0])))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!(g_ascii_islower (s[i]) || g_ascii_isdigit (s[i]) || s[i] == '-' || s[i] == '_'
          || s[i] == '.'))
      return FALSE;
  return TRUE;
}

/* Whether @s is @n capital letters: a country or currency code. */
static gboolean
is_code (const char *s, gsize n)
{
  if (strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_valid_language (const char *s)
{
  char **parts = g_strsplit (s, "-", -1);
  gboolean ok = parts[0] != NULL;

  for (guint i = 0; ok && parts[i]; i++)
    {
      gsize n = strlen (parts[i]);
      ok = n >= (i == 0 ? 2 : 1) && n <= 8;
      for (gsize j = 0; ok && j < n; j++)
        ok = g_ascii_isalnum (parts[i][j]) && (i > 0 || g_ascii_isalpha (parts[i][j]));
    }
  g_strfreev (parts);
  return ok;
}

static const char *
get_date (KrDatasetBuilder *self, const KrRecordHead *head, const char *field, const char *text)
{
  const char *s = get_text (self, head, field, text, FALSE);

  if (s != NULL && !kr_date_is_valid (s))
    {
      g_autofree char *shown = kr_problem_quote (s);
      kr_builder_report (self, &head->place, field,
                         _ ("\"%s\" is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601)"),
                         shown);
      return NULL;
    }
  return s;
}

static void
report_language (KrDatasetBuilder *self, const KrPlace *place, const char *field,
                 const char *language)
{
  g_autofree char *shown = kr_problem_quote (language);
  kr_builder_report (self, place, field,
                     _ ("\"%s\" is not a language tag such as \"en\" or \"ja\""), shown);
}

/* ---- ids and references -------------------------------------------------------------- */

static const char *
record_type_name (RecordType t)
{
  switch (t)
    {
    case REC_ARTICLE:
      return _ ("article");
    case REC_ENTITY:
      return _ ("entity");
    case REC_DEAL:
    default:
      return _ ("deal");
    }
}

static const char *
record_id (RecordType type, gconstpointer record)
{
  switch (type)
    {
    case REC_ARTICLE:
      return ((const KrArticleRecord *)record)->id;
    case REC_ENTITY:
      return ((const KrEntityRecord *)record)->id;
    case REC_DEAL:
    default:
      return ((const KrDealRecord *)record)->id;
    }
}

static const char *const list_fields[N_RECORD_TYPES] = { "articles", "entities", "deals" };

/* The index + 1 of the record of @type that has @id, 0 when none has it. */
static guint
lookup_id (KrDatasetBuilder *self, RecordType type, const char *id)
{
  guint v = GPOINTER_TO_UINT (g_hash_table_lookup (self->ids[type], id));

  if (v != 0 || self->others[type] == NULL)
    return v;
  v = kr_ids_find (self->others[type], id);
  /* What the other records' ids say of a record added is its former id. */
  if (v != 0 && g_hash_table_contains (self->added_at[type], GUINT_TO_POINTER (v)))
    return 0;
  return v;
}

/* "entity entities[3]": the record that already has an id, as a message names it. */
static char *
describe_owner (KrDatasetBuilder *self, const char *id)
{
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    {
      guint v = lookup_id (self, t, id);
      g_autoptr (GString) out = NULL;

      if (v == 0)
        continue;
      out = g_string_new (record_type_name (t));
      g_string_append_c (out, ' ');
      if (self->others[t] != NULL)
        {
          /* A new version's records are placed by their index in it. */
          const KrPlace place = { .key = list_fields[t], .index = v - 1, .indexed = TRUE };

          self->format_place (out, &place, TRUE);
        }
      else
        {
          const KrRecordHead *head = self->records[t]->pdata[v - 1];

          self->format_place (out, &head->place, TRUE);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  return NULL;
}

/* Registers every record's id in @ids (interned, one per record, NULL when wrong), so that
 * references can point forwards. */
static void
collect_ids (KrDatasetBuilder *self, RecordType type, const char **ids)
{
  GPtrArray *records = self->records[type];

  for (guint i = 0; i < records->len; i++)
    {
      const KrRecordHead *head = records->pdata[i];
      const char *id = record_id (type, head);
      g_autofree char *owner = NULL;

      if (!kr_builder_is_readable (head) || kr_builder_noted (self, head, "id"))
        continue; /* reported when the record is read */
      if (id == NULL)
        {
          kr_builder_report (self, &head->place, "id", _ ("required member \"id\" is missing"));
          continue;
        }
      if (check_text (self, &head->place, "id", id) == NULL)
        continue;
      if (!is_valid_id (id))
        {
          kr_builder_report (
              self, &head->place, "id",
              _ ("\"%s\" is not a valid id; use 1 to 64 characters from a-z, 0-9, '-', '_' "
                 "and '.', starting with a letter or digit"),
              id);
          continue;
        }
      owner = describe_owner (self, id);
      if (owner != NULL)
        {
          g_autofree char *shown = kr_problem_quote (id);
          kr_builder_report (self, &head->place, "id",
                             _ ("duplicate id \"%s\"; it is already used by %s"), shown, owner);
          continue;
        }
      ids[i] = intern (self, id);
      g_hash_table_insert (self->ids[type], (gpointer)ids[i],
                           GUINT_TO_POINTER ((self->others[type] ? head->place.index : i) + 1));
    }
}

/* The index of the record of @type whose id @field gives, or -1. */
static int
resolve (KrDatasetBuilder *self, const KrRecordHead *head, const char *field, const char *id,
         RecordType type)
{
  guint v;

  if (kr_builder_noted (self, head, field))
    return -1;
  if (id == NULL)
    {
      report_missing (self, &head->place, field);
      return -1;
    }
  if (check_text (self, &head->place, field, id) == NULL)
    return -1;
  if ((v = lookup_id (self, type, id)) == 0)
    {
      g_autofree char *shown = kr_problem_quote (id);
      kr_builder_report (self, &head->place, field, _ ("unknown %s \"%s\""),
                         record_type_name (type), shown);
      return -1;
    }
  return (int)v - 1;
}

/* ---- records ------------------------------------------------------------------------- */

static void
build_evidence (KrDatasetBuilder *self, const KrRecordHead *owner, gboolean required,
                gboolean listed, const KrEvidenceRecord *records, guint n, KrEvidence **out,
                guint *n_out)
{
  KrEvidence *ev;

  *out = NULL;
  *n_out = 0;
  if (kr_builder_noted (self, owner, "evidence"))
    return;
  if (!listed)
    {
      if (required)
        report_missing (self, &owner->place, "evidence");
      return;
    }
  if (n == 0 && required)
    {
      kr_builder_report (self, &owner->place, "evidence",
                         _ ("needs at least one excerpt citing an article"));
      return;
    }

  ev = g_new0 (KrEvidence, n);
  for (guint i = 0; i < n; i++)
    {
      const KrEvidenceRecord *r = &records[i];
      int article, stance;

      if (!kr_builder_begin_record (self, &r->head))
        continue;
      article = resolve (self, &r->head, "article", r->article, REC_ARTICLE);
      ev[*n_out].quote = get_text (self, &r->head, "quote", r->quote, TRUE);
      stance = get_token (self, &r->head, "stance", r->stance, &kr_stance_vocabulary,
                          KR_STANCE_SUPPORTS);
      ev[*n_out].note = get_text (self, &r->head, "note", r->note, FALSE);
      if (article < 0 || ev[*n_out].quote == NULL || stance < 0)
        continue;
      ev[*n_out].article = (guint)article;
      ev[*n_out].stance = (KrStance)stance;
      (*n_out)++;
    }
  *out = ev;
}

/* The article's text, given or read by the reader from text_file: problems with a text that
 * came from a file are the file's. */
static void
build_article_text (KrDatasetBuilder *self, const KrArticleRecord *r, KrArticle *a)
{
  const KrRecordHead *head = &r->head;
  const char *problem;

  a->text_file = get_text (self, head, "text_file", r->text_file, FALSE);
  if (a->text_file != NULL && (problem = kr_text_file_name_problem (a->text_file)) != NULL)
    {
      kr_builder_report (self, &head->place, "text_file", "%s", problem);
      a->text_file = NULL;
      return;
    }
  if (kr_builder_noted (self, head, "text") || r->text == NULL)
    return;
  a->text = check_text_within (self, &head->place, r->text_file ? "text_file" : "text", r->text,
                               KR_DATASET_MAX_TEXT);
  if (a->text != NULL)
    a->text = intern (self, a->text);
}

static void
build_article (KrDatasetBuilder *self, gconstpointer record, gpointer out)
{
  const KrArticleRecord *r = record;
  const KrRecordHead *head = &r->head;
  KrArticle *a = out;

  a->title = get_text (self, head, "title", r->title, TRUE);
  a->publisher = get_text (self, head, "publisher", r->publisher, TRUE);
  a->date = get_date (self, head, "date", r->date);
  a->date_inferred = get_boolean (self, head, "date_inferred", r->date_inferred);
  a->url = get_text (self, head, "url", r->url, FALSE);
  if (a->url != NULL && !kr_url_is_web (a->url))
    {
      kr_builder_report (self, &head->place, "url",
                         _ ("only http:// and https:// addresses are allowed"));
      a->url = NULL;
    }
  a->author = get_text (self, head, "author", r->author, FALSE);
  a->language = get_text (self, head, "language", r->language, FALSE);
  if (a->language != NULL && !is_valid_language (a->language))
    report_language (self, &head->place, "language", a->language);
  a->note = get_text (self, head, "note", r->note, FALSE);
  build_article_text (self, r, a);
}

/* The texts of list @field, each checked at its own place. */
static const char **
build_texts (KrDatasetBuilder *self, const KrRecordHead *head, const char *field,
             const char *const *texts, guint n, guint *n_out)
{
  const char **out = g_new0 (const char *, n);

  *n_out = 0;
  for (guint i = 0; i < n; i++)
    {
      const KrPlace here = { .up = &head->place, .key = field, .index = i, .indexed = TRUE };

      if (!kr_builder_noted_element (self, head, field, i, &here)
          && check_text (self, &here, NULL, texts[i] ? texts[i] : "") != NULL)
        out[(*n_out)++] = intern (self, texts[i]);
    }
  return out;
}

static void
build_local_names (KrDatasetBuilder *self, const KrEntityRecord *r, KrEntity *e)
{
  const KrPlace names = { .up = &r->head.place, .key = "names" };

  e->names = g_new0 (KrLocalName, r->n_names);
  for (guint i = 0; i < r->n_names; i++)
    {
      const KrLocalNameRecord *name = &r->names[i];
      const KrPlace here = { .up = &names, .key = name->language };
      const char *s = NULL;

      if (!kr_builder_noted_element (self, &r->head, "names", i, &here))
        s = check_text (self, &here, NULL, name->name ? name->name : "");
      if (!is_valid_language (name->language))
        {
          report_language (self, &here, NULL, name->language);
          continue;
        }
      if (s == NULL)
        continue;
      e->names[e->n_names].language = intern (self, name->language);
      e->names[e->n_names].name = intern (self, s);
      e->n_names++;
    }
}

static void
build_entity (KrDatasetBuilder *self, gconstpointer record, gpointer out)
{
  const KrEntityRecord *r = record;
  const KrRecordHead *head = &r->head;
  KrEntity *e = out;
  int kind;

  e->name = get_text (self, head, "name", r->name, TRUE);
  kind = get_token (self, head, "kind", r->kind, &kr_entity_kind_vocabulary, -1);
  e->kind = kind < 0 ? KR_ENTITY_OTHER : (KrEntityKind)kind;
  e->country = get_text (self, head, "country", r->country, FALSE);
  if (e->country != NULL && !is_code (e->country, 2))
    kr_builder_report (self, &head->place, "country",
                       _ ("\"%s\" is not a country code; use two capital letters such as \"JP\""),
                       e->country);
  e->description = get_text (self, head, "description", r->description, FALSE);
  if (!kr_builder_noted (self, head, "aliases"))
    e->aliases = build_texts (self, head, "aliases", r->aliases, r->n_aliases, &e->n_aliases);
  if (!kr_builder_noted (self, head, "names"))
    build_local_names (self, r, e);
  e->display_name = kr_entity_name_for_languages (e, g_get_language_names ());
  if (r->has_position && isfinite (r->x) && isfinite (r->y))
    {
      e->has_position = TRUE;
      e->x = r->x;
      e->y = r->y;
    }
  build_evidence (self, head, FALSE, TRUE, r->evidence, r->n_evidence, &e->evidence,
                  &e->n_evidence);
}

static void
build_value (KrDatasetBuilder *self, const KrDealRecord *deal, KrDeal *d)
{
  const KrValueRecord *r = deal->value;
  gboolean has_amount;
  const char *currency;
  double amount = 0;

  if (kr_builder_noted (self, &deal->head, "value") || r == NULL)
    return;
  kr_builder_begin_record (self, &r->head);
  has_amount = kr_builder_given (&r->head, "amount", r->has_amount);
  if (!has_amount)
    kr_builder_report (self, &r->head.place, "amount", _ ("required member \"amount\" is missing"));
  else if (!get_number (self, &r->head, "amount", r->has_amount, r->amount, 0, 1e15, &amount))
    return;
  currency = get_text (self, &r->head, "currency", r->currency, TRUE);
  if (currency != NULL && !is_code (currency, 3))
    {
      kr_builder_report (
          self, &r->head.place, "currency",
          _ ("\"%s\" is not a currency code; use three capital letters such as \"USD\""), currency);
      return;
    }
  if (currency == NULL || !has_amount)
    return;
  d->has_value = TRUE;
  d->value_amount = amount;
  memcpy (d->value_currency, currency, 4);
  d->value_approximate = get_boolean (self, &r->head, "approximate", r->approximate);
}

static void
build_stake (KrDatasetBuilder *self, const KrDealRecord *deal, KrDeal *d)
{
  const KrStakeRecord *r = deal->stake;

  d->stake_before = NAN;
  d->stake_after = NAN;
  if (kr_builder_noted (self, &deal->head, "stake") || r == NULL)
    return;
  kr_builder_begin_record (self, &r->head);
  if (!kr_builder_given (&r->head, "before", r->has_before)
      && !kr_builder_given (&r->head, "after", r->has_after))
    kr_builder_report (self, &r->head.place, NULL,
                       _ ("give a percentage \"before\", \"after\" or both"));
  get_number (self, &r->head, "before", r->has_before, r->before, 0, 100, &d->stake_before);
  get_number (self, &r->head, "after", r->has_after, r->after, 0, 100, &d->stake_after);
}

static void
build_parties (KrDatasetBuilder *self, const KrDealRecord *r, KrDeal *d)
{
  guint n = r->n_parties;

  if (kr_builder_noted (self, &r->head, "parties"))
    return;
  if (!r->has_parties)
    {
      report_missing (self, &r->head.place, "parties");
      return;
    }
  if (n < 2)
    kr_builder_report (self, &r->head.place, "parties",
                       g_dngettext (GETTEXT_PACKAGE,
                                    "a deal needs at least two parties, this one has %u",
                                    "a deal needs at least two parties, this one has %u", n),
                       n);
  d->parties = g_new0 (KrParty, n);
  for (guint i = 0; i < n; i++)
    {
      const KrPartyRecord *p = &r->parties[i];
      gboolean duplicate = FALSE;
      int entity, role;

      if (!kr_builder_begin_record (self, &p->head))
        continue;
      entity = resolve (self, &p->head, "entity", p->entity, REC_ENTITY);
      role = get_token (self, &p->head, "role", p->role, &kr_role_vocabulary, -1);
      if (entity < 0 || role < 0)
        continue;
      for (guint j = 0; j < d->n_parties; j++)
        duplicate |= d->parties[j].entity == (guint)entity;
      if (duplicate)
        {
          kr_builder_report (
              self, &p->head.place, "entity",
              _ ("\"%s\" is already a party to this deal; a deal joins distinct entities"),
              p->entity);
          continue;
        }
      d->parties[d->n_parties].entity = (guint)entity;
      d->parties[d->n_parties].role = (KrRole)role;
      d->n_parties++;
    }
}

static void
build_proposers (KrDatasetBuilder *self, const KrDealRecord *r, KrDeal *d)
{
  if (kr_builder_noted (self, &r->head, "proposed_by"))
    return;
  d->proposed_by = g_new0 (guint, r->n_proposed_by);
  for (guint i = 0; i < r->n_proposed_by; i++)
    {
      const KrPlace here
          = { .up = &r->head.place, .key = "proposed_by", .index = i, .indexed = TRUE };
      const char *id = r->proposed_by[i];
      guint v;

      if (kr_builder_noted_element (self, &r->head, "proposed_by", i, &here)
          || check_text (self, &here, NULL, id ? id : "") == NULL)
        continue;
      if ((v = lookup_id (self, REC_ENTITY, id)) == 0)
        {
          g_autofree char *shown = kr_problem_quote (id);
          kr_builder_report (self, &here, NULL, _ ("unknown entity \"%s\""), shown);
          continue;
        }
      d->proposed_by[d->n_proposed_by++] = v - 1;
    }
}

static void
build_deal (KrDatasetBuilder *self, gconstpointer record, gpointer out)
{
  const KrDealRecord *r = record;
  const KrRecordHead *head = &r->head;
  KrDeal *d = out;
  int kind, status;

  kind = get_token (self, head, "kind", r->kind, &kr_deal_kind_vocabulary, -1);
  d->kind = kind < 0 ? KR_DEAL_PARTNERSHIP : (KrDealKind)kind;
  status = get_token (self, head, "status", r->status, &kr_status_vocabulary, -1);
  d->status = status < 0 ? KR_STATUS_PROPOSED : (KrDealStatus)status;
  d->summary = get_text (self, head, "summary", r->summary, TRUE);
  d->date = get_date (self, head, "date", r->date);
  d->end = get_date (self, head, "end", r->end);
  d->expected = get_date (self, head, "expected", r->expected);
  d->note = get_text (self, head, "note", r->note, FALSE);
  build_value (self, r, d);
  build_stake (self, r, d);
  build_parties (self, r, d);
  build_proposers (self, r, d);
  build_evidence (self, head, !self->evidence_optional, r->has_evidence, r->evidence, r->n_evidence,
                  &d->evidence, &d->n_evidence);
}

/* ---- the dataset --------------------------------------------------------------------- */

/* The dataset's records of @type, @size bytes each, built by @build, with the ids collected:
 * every dataset record starts with its id. */
G_STATIC_ASSERT (G_STRUCT_OFFSET (KrArticle, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (KrEntity, id) == 0);
G_STATIC_ASSERT (G_STRUCT_OFFSET (KrDeal, id) == 0);

static gpointer
build_records (KrDatasetBuilder *self, RecordType type, const char **ids, gsize size,
               void (*build) (KrDatasetBuilder *, gconstpointer, gpointer), guint *n_out)
{
  GPtrArray *records = self->records[type];
  guchar *out = g_malloc0_n (MAX (records->len, 1), size);

  for (guint i = 0; i < records->len; i++)
    {
      *(const char **)(out + i * size) = ids[i];
      if (kr_builder_begin_record (self, records->pdata[i]))
        build (self, records->pdata[i], out + i * size);
    }
  *n_out = records->len;
  return out;
}

gboolean
kr_builder_build (KrDatasetBuilder *self)
{
  KrDataset *ds = self->dataset;
  const KrRecordHead *head = &self->dataset_record.head;
  GPtrArray **records = self->records;
  const char **ids[N_RECORD_TYPES] = { NULL };
  gboolean ok;

  kr_builder_begin_record (self, head);
  ds->title = get_text (self, head, "title", self->dataset_record.title, TRUE);
  ds->description = get_text (self, head, "description", self->dataset_record.description, FALSE);
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    if (!kr_builder_noted (self, head, list_fields[t]) && !self->listed[t])
      report_missing (self, &head->place, list_fields[t]);

  if (self->n_records > kr_limits_get ()->max_records)
    {
      kr_builder_report (self, &head->place, NULL, _ ("the dataset has %u records; the limit is %d"),
                         (guint)MIN (self->n_records, G_MAXUINT),
                         (int)kr_limits_get ()->max_records);
      return FALSE;
    }

  for (guint t = 0; t < N_RECORD_TYPES && self->others[t] != NULL; t++)
    for (guint i = 0; i < records[t]->len; i++)
      {
        const KrRecordHead *record = records[t]->pdata[i];

        g_hash_table_add (self->added_at[t], GUINT_TO_POINTER (record->place.index + 1));
      }
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    {
      ids[t] = g_new0 (const char *, MAX (records[t]->len, 1));
      collect_ids (self, t, ids[t]);
    }
  ds->articles = build_records (self, REC_ARTICLE, ids[REC_ARTICLE], sizeof (KrArticle),
                                build_article, &ds->n_articles);
  ds->entities = build_records (self, REC_ENTITY, ids[REC_ENTITY], sizeof (KrEntity), build_entity,
                                &ds->n_entities);
  ds->deals
      = build_records (self, REC_DEAL, ids[REC_DEAL], sizeof (KrDeal), build_deal, &ds->n_deals);
  ok = self->problems->len == 0;
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    g_free (ids[t]);
  return ok;
}
