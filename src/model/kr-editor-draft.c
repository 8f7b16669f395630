/* kr-editor-draft.c — the next version of a dataset, as a list of records for the builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-dataset-builder.h"
#include "kr-editor-private.h"
#include "kr-json-reader.h"

/* How many tables an index of ids may have under its own (kr-dataset-private.h) before a
 * version makes one table of them all again. */
#define MAX_IDS_DEPTH 4

/* Ids made for new records are cut at this many characters, well within the limit of 64. */
#define MAX_MADE_ID 40

/* ---- copies -------------------------------------------------------------------------- */

void
kr_draft_init (KrDraft *draft, KrDataset *base)
{
  draft->base = base;
  draft->owned = g_ptr_array_new_with_free_func (g_free);
  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    {
      guint n = kr_dataset_count (base, (KrDatasetList)t);
      const KrDatasetBlocks *blocks = &base->blocks[t];
      gsize size = kr_dataset_record_size ((KrDatasetList)t);

      draft->lists[t] = g_ptr_array_sized_new (n + 1);
      /* Block by block: a record looked up by its index would look for its block each time. */
      for (guint b = 0; b < blocks->n_blocks; b++)
        for (guint i = blocks->first[b]; i < blocks->first[b + 1]; i++)
          g_ptr_array_add (draft->lists[t],
                           (guchar *)blocks->blocks[b] + (i - blocks->first[b]) * size);
    }
}

/* The index of @record among the base's records of list @t, or G_MAXUINT when it is not one of
 * them (a copy): @hint is tried first, the index the draft's order suggests, in block *@block
 * when it is there (the block of the hint before), which is left at the hint's block. */
static guint
base_index (KrDraft *draft, KrDraftList t, gconstpointer record, guint hint, guint *block)
{
  const KrDatasetBlocks *blocks = &draft->base->blocks[t];
  const guchar *p = record;
  gsize size = kr_dataset_record_size ((KrDatasetList)t);
  guint n = kr_dataset_count (draft->base, (KrDatasetList)t);

  if (hint < n)
    {
      guint b = *block;

      /* Hints mostly go up one by one: their block is the one before or the next. */
      if (b >= blocks->n_blocks || hint < blocks->first[b] || hint >= blocks->first[b + 1])
        b = kr_dataset_block_of (blocks, hint);
      *block = b;
      if ((const guchar *)blocks->blocks[b] + (hint - blocks->first[b]) * size == p)
        return hint;
    }
  for (guint b = 0; b < blocks->n_blocks; b++)
    {
      const guchar *start = blocks->blocks[b];
      guint in_block = blocks->first[b + 1] - blocks->first[b];

      if (p >= start && p < start + in_block * size)
        return blocks->first[b] + (guint)((gsize)(p - start) / size);
    }
  return G_MAXUINT;
}

void
kr_draft_clear (KrDraft *draft)
{
  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    g_clear_pointer (&draft->lists[t], g_ptr_array_unref);
  g_clear_pointer (&draft->owned, g_ptr_array_unref);
}

/* A copy of @n elements of @size bytes that lives as long as the draft. */
gpointer
kr_draft_copy (KrDraft *draft, gconstpointer data, guint n, gsize size)
{
  gpointer copy = g_malloc0 (MAX (n, 1) * size);

  if (n > 0)
    memcpy (copy, data, n * size);
  g_ptr_array_add (draft->owned, copy);
  return copy;
}

/* @copy, the draft's latest copy, grown to @n elements of @size bytes. */
gpointer
kr_draft_grow (KrDraft *draft, gpointer copy, guint n, gsize size)
{
  g_assert (draft->owned->pdata[draft->owned->len - 1] == copy);
  copy = g_realloc_n (copy, MAX (n, 1), size);
  draft->owned->pdata[draft->owned->len - 1] = copy;
  return copy;
}

/* Whether @id is taken by a record of the base or one the draft adds: ids are made before the
 * draft changes any of the base's records. */
static gboolean
draft_has_id (KrDraft *draft, const char *id)
{
  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    {
      if (kr_ids_find (draft->base->ids[t], id) != 0)
        return TRUE;
      for (guint i = kr_dataset_count (draft->base, (KrDatasetList)t); i < draft->lists[t]->len;
           i++)
        /* Every record starts with its id (kr-dataset-builder-records.c). */
        if (g_strcmp0 (*(const char *const *)draft->lists[t]->pdata[i], id) == 0)
          return TRUE;
    }
  return FALSE;
}

/* An id no record of the draft has, made of @text's letters and digits ("Sony Group" →
 * "sony-group"), or of @fallback when it has none (a name in Japanese). */
char *
kr_draft_make_id (KrDraft *draft, const char *text, const char *fallback)
{
  g_autoptr (GString) stem = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  char *id;

  for (const char *p = ascii; *p != '\0' && stem->len < MAX_MADE_ID; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (stem, g_ascii_tolower (*p));
    else if (stem->len > 0 && stem->str[stem->len - 1] != '-')
      g_string_append_c (stem, '-');
  while (stem->len > 0 && stem->str[stem->len - 1] == '-')
    g_string_truncate (stem, stem->len - 1);
  if (stem->len == 0)
    g_string_assign (stem, fallback);
  id = g_strdup (stem->str);
  for (guint n = 2; draft_has_id (draft, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", stem->str, n);
    }
  g_ptr_array_add (draft->owned, id);
  return id;
}

/* ---- from a draft to a dataset ------------------------------------------------------- */

static void
fill_evidence (KrDatasetBuilder *b, KrDraft *draft, KrRecordHead *owner, const KrEvidence *evidence,
               guint n, KrEvidenceRecord **out, guint *n_out)
{
  KrEvidenceRecord *records = kr_dataset_builder_new0 (b, KrEvidenceRecord, n);

  for (guint i = 0; i < n; i++)
    {
      records[i].head.place
          = (KrPlace){ .up = &owner->place, .key = "evidence", .index = i, .indexed = TRUE };
      records[i].article = kr_dataset_article_at (draft->base, evidence[i].article)->id;
      records[i].quote = evidence[i].quote;
      records[i].stance = kr_vocabulary_to_token (&kr_stance_vocabulary, evidence[i].stance);
      records[i].note = evidence[i].note;
    }
  *out = records;
  *n_out = n;
}

static void
fill_entity (KrDatasetBuilder *b, KrDraft *draft, const KrEntity *e, KrEntityRecord *r)
{
  r->id = e->id;
  r->name = e->name;
  r->kind = kr_vocabulary_to_token (&kr_entity_kind_vocabulary, e->kind);
  r->country = e->country;
  r->description = e->description;
  r->aliases = e->aliases;
  r->n_aliases = e->n_aliases;
  r->names = kr_dataset_builder_new0 (b, KrLocalNameRecord, e->n_names);
  r->n_names = e->n_names;
  for (guint i = 0; i < e->n_names; i++)
    {
      r->names[i].language = e->names[i].language;
      r->names[i].name = e->names[i].name;
      /* A file names each language once: an object's members are distinct. */
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (e->names[j].language, e->names[i].language) == 0)
          kr_dataset_builder_note_element (b, &r->head, "names", i,
                                           _ ("the entity already has a name in this language"));
    }
  fill_evidence (b, draft, &r->head, e->evidence, e->n_evidence, &r->evidence, &r->n_evidence);
}

static void
fill_deal (KrDatasetBuilder *b, KrDraft *draft, const KrDeal *d, KrDealRecord *r)
{
  r->id = d->id;
  r->kind = kr_vocabulary_to_token (&kr_deal_kind_vocabulary, d->kind);
  r->status = kr_vocabulary_to_token (&kr_status_vocabulary, d->status);
  r->summary = d->summary;
  r->date = d->date;
  r->end = d->end;
  r->expected = d->expected;
  r->note = d->note;
  if (d->has_value)
    {
      r->value = kr_dataset_builder_new0 (b, KrValueRecord, 1);
      r->value->head.place = (KrPlace){ .up = &r->head.place, .key = "value" };
      r->value->has_amount = TRUE;
      r->value->amount = d->value_amount;
      r->value->currency = d->value_currency;
      r->value->approximate = d->value_approximate;
    }
  if (!isnan (d->stake_before) || !isnan (d->stake_after))
    {
      r->stake = kr_dataset_builder_new0 (b, KrStakeRecord, 1);
      r->stake->head.place = (KrPlace){ .up = &r->head.place, .key = "stake" };
      r->stake->has_before = !isnan (d->stake_before);
      r->stake->before = d->stake_before;
      r->stake->has_after = !isnan (d->stake_after);
      r->stake->after = d->stake_after;
    }
  r->has_parties = TRUE;
  r->n_parties = d->n_parties;
  r->parties = kr_dataset_builder_new0 (b, KrPartyRecord, d->n_parties);
  for (guint i = 0; i < d->n_parties; i++)
    {
      r->parties[i].head.place
          = (KrPlace){ .up = &r->head.place, .key = "parties", .index = i, .indexed = TRUE };
      r->parties[i].entity = kr_dataset_entity_at (draft->base, d->parties[i].entity)->id;
      r->parties[i].role = kr_vocabulary_to_token (&kr_role_vocabulary, d->parties[i].role);
    }
  r->n_proposed_by = d->n_proposed_by;
  r->proposed_by = kr_dataset_builder_new0 (b, const char *, d->n_proposed_by);
  for (guint i = 0; i < d->n_proposed_by; i++)
    r->proposed_by[i] = kr_dataset_entity_at (draft->base, d->proposed_by[i])->id;
  r->has_evidence = TRUE;
  fill_evidence (b, draft, &r->head, d->evidence, d->n_evidence, &r->evidence, &r->n_evidence);
}

static void
fill_article (const KrArticle *a, KrArticleRecord *r)
{
  r->id = a->id;
  r->title = a->title;
  r->publisher = a->publisher;
  r->date = a->date;
  r->date_inferred = a->date_inferred;
  r->url = a->url;
  r->author = a->author;
  r->language = a->language;
  r->note = a->note;
  r->text = a->text;
  r->text_file = a->text_file;
}

/* ---- a version that shares what did not change ---------------------------------------- */

/* How one list of the draft stands to the base's: which records are the base's own, unchanged,
 * and where each base record went. */
typedef struct
{
  guint n_base; /* the base's records */
  gsize size;
  KrIds *base_ids;
  guint *slot;  /* per record of the draft: the base record it is, or G_MAXUINT: checked anew */
  guint *moved; /* per base record: its index in the draft, or G_MAXUINT when it is gone; NULL
                 * when every base record keeps its index and id */
  guint n_changed;
} Plan;

typedef struct
{
  Plan plans[KR_DRAFT_N_LISTS];
  KrIds *others[KR_DRAFT_N_LISTS]; /* the unchanged records' ids: id → index + 1 */
  KrDataset *changed;              /* the changed records, built */
  gsize own_bytes;                 /* what the version's lists and indices alone take */
  gboolean kept;                   /* made to be kept, not only checked */
} Version;

static void
version_clear (Version *v)
{
  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    {
      g_free (v->plans[t].slot);
      g_free (v->plans[t].moved);
      g_clear_pointer (&v->others[t], kr_ids_unref);
    }
  g_clear_object (&v->changed);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Version, version_clear)

static const char *
record_id (gconstpointer record)
{
  /* Every record starts with its id (kr-dataset-builder-records.c). */
  return *(const char *const *)record;
}

static void
plan_list (KrDraft *draft, KrDraftList t, Plan *plan)
{
  GPtrArray *list = draft->lists[t];
  gboolean kept = TRUE;
  guint next = 0, block = 0;

  *plan = (Plan){
    .n_base = kr_dataset_count (draft->base, (KrDatasetList)t),
    .size = kr_dataset_record_size ((KrDatasetList)t),
    .base_ids = draft->base->ids[t],
  };
  plan->slot = g_new (guint, MAX (list->len, 1));
  plan->moved = g_new (guint, MAX (plan->n_base, 1));
  for (guint i = 0; i < plan->n_base; i++)
    plan->moved[i] = G_MAXUINT;
  for (guint i = 0; i < list->len; i++)
    {
      guint from = base_index (draft, t, list->pdata[i], next, &block);

      plan->slot[i] = G_MAXUINT;
      if (from == G_MAXUINT)
        continue;
      next = from + 1;
      if (plan->moved[from] != G_MAXUINT)
        continue; /* listed twice: the builder says what is wrong with the second */
      plan->slot[i] = from;
      plan->moved[from] = i;
    }
  /* A changed record that keeps a base record's id is what that record's references now
   * point to, as they would by id. */
  for (guint i = 0; i < list->len; i++)
    if (plan->slot[i] == G_MAXUINT)
      {
        guint v = kr_ids_find (plan->base_ids, record_id (list->pdata[i]));

        if (v != 0 && plan->moved[v - 1] == G_MAXUINT)
          plan->moved[v - 1] = i;
      }
  for (guint i = 0; i < plan->n_base && kept; i++)
    kept = plan->moved[i] == i;
  if (kept)
    g_clear_pointer (&plan->moved, g_free);
}

/* Whether @index, a base record's, points to one that is gone. */
static gboolean
gone (const Plan *plan, guint index)
{
  return plan->moved != NULL && plan->moved[index] == G_MAXUINT;
}

static gboolean
evidence_lost (const Plan *articles, const KrEvidence *evidence, guint n)
{
  for (guint i = 0; articles->moved != NULL && i < n; i++)
    if (gone (articles, evidence[i].article))
      return TRUE;
  return FALSE;
}

/* Unchanged records that point to a record that is gone are checked anew: the builder then
 * says what they lost, as it would of any record. */
static void
plan_lost_references (KrDraft *draft, Plan *plans)
{
  const Plan *articles = &plans[KR_DRAFT_ARTICLES];
  const Plan *entities = &plans[KR_DRAFT_ENTITIES];
  Plan *plan;

  plan = &plans[KR_DRAFT_ENTITIES];
  for (guint i = 0; articles->moved != NULL && i < draft->lists[KR_DRAFT_ENTITIES]->len; i++)
    {
      const KrEntity *e = draft->lists[KR_DRAFT_ENTITIES]->pdata[i];

      if (plan->slot[i] != G_MAXUINT && evidence_lost (articles, e->evidence, e->n_evidence))
        plan->slot[i] = G_MAXUINT;
    }
  plan = &plans[KR_DRAFT_DEALS];
  for (guint i = 0; i < draft->lists[KR_DRAFT_DEALS]->len; i++)
    {
      const KrDeal *d = draft->lists[KR_DRAFT_DEALS]->pdata[i];
      gboolean lost;

      if (plan->slot[i] == G_MAXUINT)
        continue;
      lost = evidence_lost (articles, d->evidence, d->n_evidence);
      for (guint j = 0; entities->moved != NULL && j < d->n_parties; j++)
        lost |= gone (entities, d->parties[j].entity);
      for (guint j = 0; entities->moved != NULL && j < d->n_proposed_by; j++)
        lost |= gone (entities, d->proposed_by[j]);
      if (lost)
        plan->slot[i] = G_MAXUINT;
    }
}

/* The ids of the records of list @t that stay as they are, at their indices in the draft: the
 * base's, with the others' ids gone and the indices shifted as records moved. */
static KrIds *
other_ids (KrDraft *draft, Version *v, KrDraftList t)
{
  Plan *plan = &v->plans[t];
  GPtrArray *list = draft->lists[t];
  g_autoptr (KrIds) gathered = NULL;
  KrIds *ids;
  guint by = 0;

  /* Every record keeps its index and its id: the base's ids are the version's. */
  if (plan->moved == NULL && list->len == plan->n_base)
    return kr_ids_ref (plan->base_ids);
  /* Lookups would try too many tables: the version's goes over the base's gathered, or, when
   * that would hold many ids, over none. */
  if (v->kept && plan->base_ids->depth >= MAX_IDS_DEPTH)
    gathered = kr_ids_compact (plan->base_ids);
  if (gathered != NULL
      && g_hash_table_size (gathered->table) > g_hash_table_size (gathered->under->table) / 4)
    {
      ids = kr_ids_new (NULL);
      for (guint i = 0; i < list->len; i++)
        if (plan->slot[i] != G_MAXUINT)
          g_hash_table_insert (ids->table, (gpointer)record_id (list->pdata[i]),
                               GUINT_TO_POINTER (i + 1));
      return ids;
    }
  if (gathered != NULL)
    v->own_bytes += kr_ids_get_size (gathered);
  ids = kr_ids_new (gathered != NULL ? gathered : plan->base_ids);
  for (guint from = 0; from < plan->n_base; from++)
    {
      guint to = plan->moved ? plan->moved[from] : from;

      if (to == G_MAXUINT || plan->slot[to] != from)
        {
          /* Gone, or changed: a changed record's id is added with the version. */
          g_hash_table_insert (
              ids->table,
              (gpointer)record_id (kr_dataset_record (draft->base, (KrDatasetList)t, from,
                                                      kr_dataset_record_size ((KrDatasetList)t))),
              KR_IDS_GONE);
          continue;
        }
      /* Records are only left out or added at the end: none moves up. */
      g_assert (to <= from);
      if (from - to != by)
        kr_ids_shift (ids, from, by = from - to);
    }
  return ids;
}

/* Checks the draft's changed records, as the builder checks a file's, and builds them into
 * v->changed; FALSE with @problems saying why when there is a problem. */
static gboolean
build_changes (KrDraft *draft, Version *v, GPtrArray **problems)
{
  g_autoptr (KrDatasetBuilder) b = kr_dataset_builder_new (kr_json_reader_format_place);
  KrDatasetRecord *top = kr_dataset_builder_get_dataset_record (b);
  GPtrArray **lists = draft->lists;
  KrArticleRecord *articles;
  KrEntityRecord *entities;
  KrDealRecord *deals;
  guint n_others = 0;
  guint k;

  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    plan_list (draft, t, &v->plans[t]);
  plan_lost_references (draft, v->plans);
  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    {
      Plan *plan = &v->plans[t];

      for (guint i = 0; i < lists[t]->len; i++)
        plan->n_changed += plan->slot[i] == G_MAXUINT;
      n_others += lists[t]->len - plan->n_changed;
      v->others[t] = other_ids (draft, v, t);
    }
  kr_dataset_builder_set_others (b, v->others, n_others);

  top->title = draft->base->title;
  top->description = draft->base->description;
  articles = kr_dataset_builder_add_articles (b, v->plans[KR_DRAFT_ARTICLES].n_changed);
  entities = kr_dataset_builder_add_entities (b, v->plans[KR_DRAFT_ENTITIES].n_changed);
  deals = kr_dataset_builder_add_deals (b, v->plans[KR_DRAFT_DEALS].n_changed);
  k = 0;
  for (guint i = 0; articles != NULL && i < lists[KR_DRAFT_ARTICLES]->len; i++)
    if (v->plans[KR_DRAFT_ARTICLES].slot[i] == G_MAXUINT)
      {
        articles[k].head.place = (KrPlace){ .key = "articles", .index = i, .indexed = TRUE };
        fill_article (lists[KR_DRAFT_ARTICLES]->pdata[i], &articles[k++]);
      }
  k = 0;
  for (guint i = 0; entities != NULL && i < lists[KR_DRAFT_ENTITIES]->len; i++)
    if (v->plans[KR_DRAFT_ENTITIES].slot[i] == G_MAXUINT)
      {
        entities[k].head.place = (KrPlace){ .key = "entities", .index = i, .indexed = TRUE };
        fill_entity (b, draft, lists[KR_DRAFT_ENTITIES]->pdata[i], &entities[k++]);
      }
  k = 0;
  for (guint i = 0; deals != NULL && i < lists[KR_DRAFT_DEALS]->len; i++)
    if (v->plans[KR_DRAFT_DEALS].slot[i] == G_MAXUINT)
      {
        deals[k].head.place = (KrPlace){ .key = "deals", .index = i, .indexed = TRUE };
        fill_deal (b, draft, lists[KR_DRAFT_DEALS]->pdata[i], &deals[k++]);
      }

  v->changed = kr_dataset_builder_build (b);
  *problems = g_ptr_array_ref (kr_dataset_builder_get_problems (b));
  return v->changed != NULL;
}

/* @list (@n elements of @size bytes) with each index made @moved's: @list itself when none
 * changes, else a copy that the version's changed records keep, with their lists: one
 * allocation each would cost more in headers and time than the lists, by the hundred thousand
 * when a deletion moves the records after it. */
static gpointer
remap (Version *v, gconstpointer list, guint n, gsize size, gsize offset, const guint *moved)
{
  KrDataset *holder = v->changed;

  guchar *copy = NULL;

  for (guint i = 0; moved != NULL && i < n; i++)
    {
      guint from = *(const guint *)((const guchar *)list + i * size + offset);

      if (moved[from] == from)
        continue;
      if (copy == NULL)
        {
          if (holder->allocations == NULL)
            holder->allocations = kr_arena_new ();
          copy = kr_arena_alloc (holder->allocations, n, size);
          memcpy (copy, list, n * size);
          v->own_bytes += n * size;
        }
      *(guint *)(copy + i * size + offset) = moved[from];
    }
  return copy != NULL ? copy : (gpointer)list;
}

/* An unchanged record, as the version has it: its references made the version's indices. */
static void
take_unchanged (Version *v, KrDraftList t, gpointer record)
{
  const guint *articles = v->plans[KR_DRAFT_ARTICLES].moved;
  const guint *entities = v->plans[KR_DRAFT_ENTITIES].moved;

  if (t == KR_DRAFT_ENTITIES)
    {
      KrEntity *e = record;

      e->evidence = remap (v, e->evidence, e->n_evidence, sizeof (KrEvidence),
                           G_STRUCT_OFFSET (KrEvidence, article), articles);
    }
  else if (t == KR_DRAFT_DEALS)
    {
      KrDeal *d = record;

      d->evidence = remap (v, d->evidence, d->n_evidence, sizeof (KrEvidence),
                           G_STRUCT_OFFSET (KrEvidence, article), articles);
      d->parties = remap (v, d->parties, d->n_parties, sizeof (KrParty),
                          G_STRUCT_OFFSET (KrParty, entity), entities);
      d->proposed_by = remap (v, d->proposed_by, d->n_proposed_by, sizeof (guint), 0, entities);
    }
}

/* Whether one of the indices in @list (@n elements of @size bytes, each index @offset bytes
 * in) is one that @moved (nullable) moves. */
static gboolean
list_moves (gconstpointer list, guint n, gsize size, gsize offset, const guint *moved)
{
  for (guint i = 0; moved != NULL && i < n; i++)
    {
      guint from = *(const guint *)((const guchar *)list + i * size + offset);

      if (moved[from] != from)
        return TRUE;
    }
  return FALSE;
}

/* Whether records of list @t may point to records that moved. */
static gboolean
list_points_to_moved (Version *v, KrDraftList t)
{
  gboolean articles = v->plans[KR_DRAFT_ARTICLES].moved != NULL;
  gboolean entities = v->plans[KR_DRAFT_ENTITIES].moved != NULL;

  return (t == KR_DRAFT_ENTITIES && articles) || (t == KR_DRAFT_DEALS && (articles || entities));
}

/* Whether @record, one of the base's of list @t, points to records that moved. */
static gboolean
points_to_moved (Version *v, KrDraftList t, gconstpointer record)
{
  const guint *articles = v->plans[KR_DRAFT_ARTICLES].moved;
  const guint *entities = v->plans[KR_DRAFT_ENTITIES].moved;
  gsize article = G_STRUCT_OFFSET (KrEvidence, article);

  if (t == KR_DRAFT_ENTITIES)
    {
      const KrEntity *e = record;

      return list_moves (e->evidence, e->n_evidence, sizeof (KrEvidence), article, articles);
    }
  if (t == KR_DRAFT_DEALS)
    {
      const KrDeal *d = record;

      return list_moves (d->evidence, d->n_evidence, sizeof (KrEvidence), article, articles)
             || list_moves (d->parties, d->n_parties, sizeof (KrParty),
                            G_STRUCT_OFFSET (KrParty, entity), entities)
             || list_moves (d->proposed_by, d->n_proposed_by, sizeof (guint), 0, entities);
    }
  return FALSE;
}

/* The number of records of the base's block @b when the version can share it as it is from
 * record @i of the draft on, else 0: its records listed there in order, none changed nor
 * pointing to records that moved. A block less than half full is copied with the records
 * around it instead, so that no two small blocks lie side by side and a record's block is
 * found in a few steps (kr_dataset_block_of()). */
static guint
block_kept (KrDraft *draft, Version *v, KrDraftList t, guint b, guint i)
{
  const Plan *plan = &v->plans[t];
  const KrDatasetBlocks *base_blocks = &draft->base->blocks[t];
  guint first = base_blocks->first[b];
  guint n = base_blocks->first[b + 1] - first;

  if (n < KR_DATASET_BLOCK / 2 || i + n > draft->lists[t]->len)
    return 0;
  for (guint k = 0; k < n; k++)
    if (plan->slot[i + k] != first + k)
      return 0;
  for (guint k = 0; k < n && list_points_to_moved (v, t); k++)
    if (points_to_moved (v, t, (const guchar *)base_blocks->blocks[b] + k * plan->size))
      return 0;
  return n;
}

/* The blocks of a version's list as they are made. */
typedef struct
{
  GPtrArray *blocks;
  GPtrArray *kept;
  GArray *first;
  guchar *scratch; /* the records of the block being made */
  guint n_scratch;
} BlocksMade;

static void
add_block (BlocksMade *made, gpointer block, GBytes *kept, guint first)
{
  g_ptr_array_add (made->blocks, block);
  g_ptr_array_add (made->kept, kept);
  g_array_append_val (made->first, first);
}

/* Ends the block being made, if any, its last record before record @end. */
static void
end_block (Version *v, BlocksMade *made, gsize size, guint end)
{
  guchar *records;

  if (made->n_scratch == 0)
    return;
  records = g_realloc (g_steal_pointer (&made->scratch), made->n_scratch * size);
  add_block (made, records, g_bytes_new_take (records, made->n_scratch * size),
             end - made->n_scratch);
  v->own_bytes += made->n_scratch * size;
  made->n_scratch = 0;
}

/* The version's list @t, in blocks: those of the base in which nothing changed, shared
 * wherever their records now start; the other records copied into blocks of their own, the
 * changed ones as built, the others with their references moved. */
static void
take_blocks (KrDraft *draft, Version *v, KrDraftList t, KrDataset *ds)
{
  const Plan *plan = &v->plans[t];
  GPtrArray *list = draft->lists[t];
  const KrDatasetBlocks *base_blocks = &draft->base->blocks[t];
  KrDatasetBlocks *blocks = &ds->blocks[t];
  BlocksMade made = {
    .blocks = g_ptr_array_new (),
    .kept = g_ptr_array_new (),
    .first = g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  gsize size = plan->size;
  guint k = 0;

  for (guint i = 0; i < list->len;)
    {
      guint from = plan->slot[i];
      guint b = from != G_MAXUINT ? kr_dataset_block_of (base_blocks, from) : 0;
      guint n
          = from != G_MAXUINT && base_blocks->first[b] == from ? block_kept (draft, v, t, b, i) : 0;
      guchar *record;

      if (n > 0)
        {
          GBytes *kept = base_blocks->kept != NULL ? base_blocks->kept[b] : NULL;

          end_block (v, &made, size, i);
          add_block (&made, base_blocks->blocks[b], kept ? g_bytes_ref (kept) : NULL, i);
          i += n;
          continue;
        }
      if (made.scratch == NULL)
        made.scratch = g_malloc (KR_DATASET_BLOCK * size);
      record = made.scratch + made.n_scratch++ * size;
      if (from == G_MAXUINT)
        memcpy (record, kr_dataset_record (v->changed, (KrDatasetList)t, k++, size), size);
      else
        {
          /* The draft lists the base's record itself. */
          memcpy (record, list->pdata[i], size);
          take_unchanged (v, t, record);
        }
      if (made.n_scratch == KR_DATASET_BLOCK)
        end_block (v, &made, size, i + 1);
      i++;
    }
  end_block (v, &made, size, list->len);
  g_free (made.scratch);
  g_assert (k == plan->n_changed);

  blocks->n_blocks = made.blocks->len;
  g_array_append_val (made.first, list->len);
  blocks->first = (guint *)(gpointer)g_array_free (made.first, FALSE);
  g_ptr_array_add (made.blocks, NULL);
  blocks->blocks = g_ptr_array_free (made.blocks, FALSE);
  g_ptr_array_add (made.kept, NULL);
  blocks->kept = (GBytes **)g_ptr_array_free (made.kept, FALSE);
  kr_dataset_blocks_guide (blocks);
  v->own_bytes += blocks->n_blocks * (sizeof (gpointer) + sizeof (GBytes *) + sizeof (guint))
                  + (list->len / KR_DATASET_BLOCK + 1) * sizeof (guint);
}

/* The version's list @t and its ids. */
static void
take_list (KrDraft *draft, Version *v, KrDraftList t, KrDataset *ds)
{
  Plan *plan = &v->plans[t];
  GPtrArray *list = draft->lists[t];
  KrIds *ids = v->others[t];

  take_blocks (draft, v, t, ds);
  g_clear_pointer (&ds->ids[t], kr_ids_unref);
  ds->ids[t] = kr_ids_ref (ids);
  if (ids == plan->base_ids)
    return;
  for (guint i = 0; i < list->len; i++)
    if (plan->slot[i] == G_MAXUINT)
      g_hash_table_insert (
          ids->table, (gpointer)record_id (kr_dataset_record (ds, (KrDatasetList)t, i, plan->size)),
          GUINT_TO_POINTER (i + 1));
  v->own_bytes += kr_ids_get_size (ids);
}

/* The problems the draft has, as kr_draft_build() would find them, without making the
 * version. */
GPtrArray *
kr_draft_check (KrDraft *draft)
{
  g_auto (Version) v = { .kept = FALSE };
  GPtrArray *problems = NULL;

  build_changes (draft, &v, &problems);
  return problems;
}

/* The dataset the draft describes, or NULL with @problems saying why. Only the records that
 * changed are checked and built; the others, with their strings and lists, are the base's. */
KrDataset *
kr_draft_build (KrDraft *draft, GPtrArray **problems)
{
  g_auto (Version) v = { .kept = TRUE };
  KrDataset *base = draft->base;
  KrDataset *ds;

  if (!build_changes (draft, &v, problems))
    return NULL;

  ds = g_object_new (KR_TYPE_DATASET, NULL);
  ds->title = base->title;
  ds->description = base->description;
  ds->left_out = g_new0 (char *, 1);
  ds->string_bytes = base->string_bytes + v.changed->string_bytes;
  ds->n_articles = draft->lists[KR_DRAFT_ARTICLES]->len;
  ds->n_entities = draft->lists[KR_DRAFT_ENTITIES]->len;
  ds->n_deals = draft->lists[KR_DRAFT_DEALS]->len;
  for (guint t = 0; t < KR_DRAFT_N_LISTS; t++)
    take_list (draft, &v, t, ds);
  ds->own_bytes = v.own_bytes;
  ds->shares = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; base->shares != NULL && i < base->shares->len; i++)
    g_ptr_array_add (ds->shares, g_object_ref (base->shares->pdata[i]));
  if (base->shares == NULL)
    g_ptr_array_add (ds->shares, g_object_ref (base));
  g_ptr_array_add (ds->shares, g_steal_pointer (&v.changed));
  return ds;
}

/* @d with entity @from made @to among its parties and proposers (@to G_MAXUINT: left out, and
 * so when @to is there already): @d itself when @from is in neither, else a copy. */
static const KrDeal *
deal_replace_entity (KrDraft *draft, const KrDeal *d, guint from, guint to)
{
  KrDeal *copy;

  if (!kr_deal_involves (d, from))
    return d;
  copy = kr_draft_copy (draft, d, 1, sizeof *d);
  copy->parties = kr_draft_copy (draft, d->parties, d->n_parties, sizeof *d->parties);
  copy->proposed_by = kr_draft_copy (draft, d->proposed_by, d->n_proposed_by, sizeof (guint));
  copy->n_parties = 0;
  for (guint i = 0; i < d->n_parties; i++)
    {
      KrParty party = d->parties[i];
      gboolean taken = FALSE;

      for (guint j = 0; j < d->n_parties; j++)
        taken |= d->parties[j].entity == to;
      if (party.entity == from && (to == G_MAXUINT || taken))
        continue;
      if (party.entity == from)
        party.entity = to;
      copy->parties[copy->n_parties++] = party;
    }
  copy->n_proposed_by = 0;
  for (guint i = 0; i < d->n_proposed_by; i++)
    {
      guint e = d->proposed_by[i] == from ? to : d->proposed_by[i];
      gboolean taken = FALSE;

      for (guint j = 0; j < copy->n_proposed_by; j++)
        taken |= copy->proposed_by[j] == e;
      if (e != G_MAXUINT && !taken)
        copy->proposed_by[copy->n_proposed_by++] = e;
    }
  return copy;
}

/* Adds the index of @deal, one of the base's and listed at @i, at the start of @list
 * (nullable): the deals are looked at from the last. */
static void
note_deal (KrDraft *draft, GArray *list, const KrDeal *deal, guint i)
{
  guint index, block = 0;

  if (list == NULL)
    return;
  index = base_index (draft, KR_DRAFT_DEALS, deal, i, &block);
  g_assert (index != G_MAXUINT);
  g_array_prepend_val (list, index);
}

/* Leaves entity @index out of the draft, its deals and proposals made @to's (G_MAXUINT: left
 * out too); a deal left with one party goes. */
void
kr_draft_remove_entity (KrDraft *draft, guint index, guint to, KrDeletion *deletion)
{
  GPtrArray *deals = draft->lists[KR_DRAFT_DEALS];

  g_ptr_array_remove_index (draft->lists[KR_DRAFT_ENTITIES], index);
  for (guint i = deals->len; i-- > 0;)
    {
      const KrDeal *d = deals->pdata[i];
      const KrDeal *changed = deal_replace_entity (draft, d, index, to);

      if (changed == d)
        continue;
      if (changed->n_parties < 2)
        {
          g_ptr_array_remove_index (deals, i);
          deletion->deals_deleted++;
          note_deal (draft, deletion->deleted, d, i);
        }
      else
        {
          deals->pdata[i] = (gpointer)changed;
          deletion->deals_changed++;
          note_deal (draft, deletion->changed, d, i);
        }
    }
}

/* @ev without the excerpts citing @article, counted in @removed; @ev itself when it has none. */
static const KrEvidence *
evidence_without (KrDraft *draft, const KrEvidence *ev, guint n, guint article, guint *n_out,
                  guint *removed)
{
  KrEvidence *kept;

  *n_out = n;
  if (!kr_evidence_cites (ev, n, article))
    return ev;
  kept = kr_draft_copy (draft, ev, n, sizeof *ev);
  *n_out = 0;
  for (guint i = 0; i < n; i++)
    if (ev[i].article != article)
      kept[(*n_out)++] = ev[i];
  *removed += n - *n_out;
  return kept;
}

void
kr_draft_remove_article (KrDraft *draft, guint index, KrDeletion *deletion)
{
  GPtrArray *entities = draft->lists[KR_DRAFT_ENTITIES];
  GPtrArray *deals = draft->lists[KR_DRAFT_DEALS];

  g_ptr_array_remove_index (draft->lists[KR_DRAFT_ARTICLES], index);
  for (guint i = 0; i < entities->len; i++)
    {
      const KrEntity *e = entities->pdata[i];
      KrEntity *copy;

      if (!kr_evidence_cites (e->evidence, e->n_evidence, index))
        continue;
      copy = kr_draft_copy (draft, e, 1, sizeof *e);
      copy->evidence = (KrEvidence *)evidence_without (draft, e->evidence, e->n_evidence, index,
                                                       &copy->n_evidence, &deletion->excerpts);
      entities->pdata[i] = copy;
    }
  for (guint i = deals->len; i-- > 0;)
    {
      const KrDeal *d = deals->pdata[i];
      KrDeal *copy;

      if (!kr_evidence_cites (d->evidence, d->n_evidence, index))
        continue;
      copy = kr_draft_copy (draft, d, 1, sizeof *d);
      copy->evidence = (KrEvidence *)evidence_without (draft, d->evidence, d->n_evidence, index,
                                                       &copy->n_evidence, &deletion->excerpts);
      if (copy->n_evidence == 0)
        {
          g_ptr_array_remove_index (deals, i);
          deletion->deals_deleted++;
          note_deal (draft, deletion->deleted, d, i);
        }
      else
        {
          deals->pdata[i] = copy;
          deletion->deals_changed++;
          note_deal (draft, deletion->changed, d, i);
        }
    }
}

/* Whether @texts (@n of them) hold @s. */
static gboolean
texts_have (const char *const *texts, guint n, const char *s)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (texts[i], s) == 0)
      return TRUE;
  return FALSE;
}

/* @keep with what @other adds to it. */
KrEntity *
kr_draft_merged_entity (KrDraft *draft, const KrEntity *keep, const KrEntity *other)
{
  KrEntity *e = kr_draft_copy (draft, keep, 1, sizeof *keep);

  e->aliases = kr_draft_copy (draft, keep->aliases, keep->n_aliases, sizeof (char *));
  e->aliases
      = kr_draft_grow (draft, e->aliases, keep->n_aliases + other->n_aliases + 1, sizeof (char *));
  for (guint i = 0; i <= other->n_aliases; i++)
    {
      const char *alias = i == 0 ? other->name : other->aliases[i - 1];

      if (g_strcmp0 (alias, keep->name) != 0 && !texts_have (e->aliases, e->n_aliases, alias))
        e->aliases[e->n_aliases++] = alias;
    }

  e->names = kr_draft_copy (draft, keep->names, keep->n_names, sizeof (KrLocalName));
  e->names = kr_draft_grow (draft, e->names, keep->n_names + other->n_names, sizeof (KrLocalName));
  for (guint i = 0; i < other->n_names; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < e->n_names; j++)
        known |= g_strcmp0 (e->names[j].language, other->names[i].language) == 0;
      if (!known)
        e->names[e->n_names++] = other->names[i];
    }

  e->evidence = kr_draft_copy (draft, keep->evidence, keep->n_evidence, sizeof (KrEvidence));
  e->evidence = kr_draft_grow (draft, e->evidence, keep->n_evidence + other->n_evidence,
                               sizeof (KrEvidence));
  for (guint i = 0; i < other->n_evidence; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < e->n_evidence; j++)
        known |= e->evidence[j].article == other->evidence[i].article
                 && g_strcmp0 (e->evidence[j].quote, other->evidence[i].quote) == 0;
      if (!known)
        e->evidence[e->n_evidence++] = other->evidence[i];
    }

  if (e->country == NULL)
    e->country = other->country;
  if (e->description == NULL)
    e->description = other->description;
  return e;
}
