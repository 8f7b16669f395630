/* kr-graph-import.c — from a graph's nodes and edges to the dataset's records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-graph-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-arena.h"
#include "kr-graph-import.h"
#include "kr-import-values.h"
#include "kr-xml-reader.h"

typedef struct _Attr Attr;
struct _Attr
{
  Attr *next;
  const char *name; /* lower case, '_' between words */
  const char *value;
};

typedef struct _End End;
struct _End
{
  End *next;
  const char *key;
  const char *node;
};

typedef struct _Deal Deal;
typedef struct _Evidence Evidence;
struct _Evidence
{
  Evidence *next;
  const Deal *deal;
  const KrPlace *place; /* NULL: the edge's own */
  KrGraphEvidence e; /* its texts in the import's */
  const char *key;   /* what the article is known by: its id in the file, or its address */
};

/* What an edge's record waits for until every node and article is known: the ids, and the
 * excerpts, which a later row of a table may add to. */
struct _Deal
{
  KrDealRecord *record; /* NULL past the record limit */
  KrPlace place;
  const char *id; /* the file's */
  Evidence *evidence, **last_evidence;
  guint n_evidence;
  gboolean evidence_from_attributes;
};

/* A node or an edge while its element is open: it becomes a record when it ends. */
typedef struct
{
  KrPlace place;
  int depth; /* of its element */
  const char *id;
  Attr *attrs; /* the newest first */
  End *ends, **last_end;
  guint n_ends;
  gboolean has_position;
  double x, y;
  Deal *deal; /* an edge's */
} Item;

struct _KrGraphImport
{
  KrDatasetBuilder *builder;
  GStringChunk *texts; /* kept by the builder: the records point into it */
  GHashTable *interned; /* the texts that repeat (ids, keys, articles' words), once each */
  GHashTable *names;    /* an attribute's name as the file gives it → as the fields know it */
  /* What waits for the end of the file (the deals' excerpts, the graph's attributes), freed
   * with the import, before the dataset is built: no record points into it. */
  KrArena *arena;
  /* The items open and their attributes, freed whenever none is open. */
  KrArena *open_arena;
  Attr *graph_attrs;
  GPtrArray *entities; /* KrEntityRecord *, their ids still the file's */
  GPtrArray *deals;    /* Deal *, in the arena */
  GPtrArray *open;     /* Item *, begun and not ended */
  guint64 n_items;
};

/* ---- the names of fields -------------------------------------------------------------- */

/* Attribute names that say what a field is, the likeliest first. */
static const char *const graph_title[] = { "title", "name", "label", NULL };
static const char *const graph_description[] = { "description", NULL };
static const char *const entity_name[] = { "name", "label", "title", NULL };
static const char *const entity_kind[] = { "kind", "type", "category", "entity_kind", NULL };
static const char *const entity_country[] = { "country", "country_code", NULL };
static const char *const entity_description[] = { "description", "desc", NULL };
static const char *const deal_kind[]
    = { "kind", "type", "relation", "relationship", "interaction", "deal_kind", NULL };
static const char *const deal_status[] = { "status", "state", NULL };
static const char *const deal_summary[] = { "summary", "description", "title", "label", NULL };
static const char *const deal_date[] = { "date", "start", "start_date", "since", NULL };
static const char *const deal_end[] = { "end", "end_date", "until", NULL };
static const char *const deal_expected[] = { "expected", NULL };
static const char *const stake_before[] = { "stake_before", NULL };
static const char *const stake_after[] = { "stake_after", NULL };
static const char *const entity_aliases[] = { "aliases", NULL };
static const char *const deal_amount[] = { "amount", "value", NULL };
static const char *const deal_currency[] = { "currency", NULL };
static const char *const deal_approximate[] = { "approximate", NULL };
static const char *const deal_note[] = { "note", "notes", NULL };
static const char *const deal_roles[] = { "roles", NULL };
static const char *const source_role[] = { "source_role", NULL };
static const char *const target_role[] = { "target_role", NULL };
static const char *const article_url[] = { "url", "source_url", "sourceurl", "source", NULL };
static const char *const article_title[] = { "source_title", "article_title", "article", NULL };
static const char *const article_publisher[] = { "publisher", NULL };
static const char *const evidence_quote[] = { "quote", "excerpt", NULL };

/* Words other programs use for the values of the vocabularies. */
static const KrImportWord entity_kind_words[] = {
  { "organization", "company" }, { "organisation", "company" },   { "corporation", "company" },
  { "firm", "company" },         { "legal_entity", "company" },   { "people", "person" },
  { "individual", "person" },    { "public_body", "government" },
};

static const KrImportWord deal_kind_words[] = {
  { "acquires", "acquisition" },      { "acquired", "acquisition" }, { "buys", "acquisition" },
  { "invests", "investment" },        { "invested", "investment" },  { "stake", "equity_stake" },
  { "shareholding", "equity_stake" }, { "owns", "ownership" },       { "owner", "ownership" },
  { "subsidiary", "ownership" },      { "supplies", "supply" },      { "supplier", "supply" },
  { "jv", "joint_venture" },          { "partner", "partnership" },  { "founded", "founding" },
  { "competes", "rivalry" },          { "competitor", "rivalry" },   { "leads", "leadership" },
};

/* ---- collecting ----------------------------------------------------------------------- */

static void make_record (KrGraphImport *self, Item *item);

KrGraphImport *
kr_graph_import_new (KrDatasetBuilder *builder)
{
  KrGraphImport *self;

  g_return_val_if_fail (builder != NULL, NULL);

  self = g_new0 (KrGraphImport, 1);
  self->builder = builder;
  self->arena = kr_arena_new ();
  self->open_arena = kr_arena_new ();
  self->texts = g_string_chunk_new (64 * 1024);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kr_dataset_builder_keep (builder, self->texts, (GDestroyNotify)g_string_chunk_free);
  kr_dataset_builder_set_evidence_optional (builder, TRUE);
  self->entities = g_ptr_array_new ();
  self->deals = g_ptr_array_new ();
  self->open = g_ptr_array_new ();
  return self;
}

void
kr_graph_import_free (KrGraphImport *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->entities);
  g_ptr_array_unref (self->deals);
  g_ptr_array_unref (self->open);
  g_hash_table_unref (self->interned);
  g_hash_table_unref (self->names);
  kr_arena_free (self->arena);
  kr_arena_free (self->open_arena);
  g_free (self);
}

/* A text that repeats is kept once. The table that finds it goes with the import, before the
 * dataset is built, where the string chunk's own would stay as long as its texts. */
static const char *
intern (KrGraphImport *self, const char *text)
{
  const char *kept;

  if (text == NULL)
    return NULL;
  if ((kept = g_hash_table_lookup (self->interned, text)) == NULL)
    {
      kept = g_string_chunk_insert (self->texts, text);
      g_hash_table_add (self->interned, (gpointer)kept);
    }
  return kept;
}

void
kr_graph_import_set_graph_place (KrGraphImport *self, KrXmlReader *xml)
{
  KrDatasetRecord *dataset;
  int line, column;

  g_return_if_fail (self != NULL && xml != NULL);
  kr_xml_reader_get_position (xml, &line, &column);
  dataset = kr_dataset_builder_get_dataset_record (self->builder);
  dataset->head.place = kr_xml_reader_place (self->builder, "graph", line, column);
}

static gboolean
begin (KrGraphImport *self, gboolean edge, const KrPlace *place, int depth, const char *id)
{
  Item *item;

  if (++self->n_items > kr_limits_get ()->max_records)
    {
      /* Counted, unread, so that the build reports the limit. */
      if (edge)
        kr_dataset_builder_add_deals (self->builder, 1);
      else
        kr_dataset_builder_add_entities (self->builder, 1);
      return FALSE;
    }
  item = kr_arena_new0 (self->open_arena, Item, 1);
  item->place = *place;
  item->depth = depth;
  item->id = intern (self, id);
  item->last_end = &item->ends;
  if (edge)
    {
      item->deal = kr_arena_new0 (self->arena, Deal, 1);
      item->deal->place = *place;
      item->deal->id = item->id;
      item->deal->last_evidence = &item->deal->evidence;
      g_ptr_array_add (self->deals, item->deal);
    }
  g_ptr_array_add (self->open, item);
  return TRUE;
}

static KrPlace
element_place (KrGraphImport *self, KrXmlReader *xml)
{
  int line, column;

  kr_xml_reader_get_position (xml, &line, &column);
  return kr_xml_reader_place (self->builder, intern (self, kr_xml_reader_get_name (xml)), line,
                              column);
}

gboolean
kr_graph_import_begin_node (KrGraphImport *self, KrXmlReader *xml, const char *id)
{
  KrPlace place;

  g_return_val_if_fail (self != NULL && xml != NULL, FALSE);
  place = element_place (self, xml);
  return begin (self, FALSE, &place, kr_xml_reader_get_depth (xml), id);
}

gboolean
kr_graph_import_begin_edge (KrGraphImport *self, KrXmlReader *xml, const char *id)
{
  KrPlace place;

  g_return_val_if_fail (self != NULL && xml != NULL, FALSE);
  place = element_place (self, xml);
  return begin (self, TRUE, &place, kr_xml_reader_get_depth (xml), id);
}

/* Items begun at a place rather than an element have no depth: they end when told. */
gboolean
kr_graph_import_begin_node_at (KrGraphImport *self, const KrPlace *place, const char *id)
{
  g_return_val_if_fail (self != NULL && place != NULL, FALSE);
  return begin (self, FALSE, place, -1, id);
}

gboolean
kr_graph_import_begin_edge_at (KrGraphImport *self, const KrPlace *place, const char *id)
{
  g_return_val_if_fail (self != NULL && place != NULL, FALSE);
  return begin (self, TRUE, place, -1, id);
}

/* The innermost item ends: it becomes a record, and when no other is open what they were read
 * into goes. */
static void
end_item (KrGraphImport *self)
{
  make_record (self, g_ptr_array_steal_index (self->open, self->open->len - 1));
  if (self->open->len == 0)
    kr_arena_reset (self->open_arena);
}

void
kr_graph_import_end_item (KrGraphImport *self)
{
  g_return_if_fail (self != NULL && self->open->len > 0);
  end_item (self);
}

gboolean
kr_graph_import_in_item (KrGraphImport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->open->len > 0;
}

/* The element at @depth ends: so does the item it began, if any. */
static void
close_at (KrGraphImport *self, int depth)
{
  if (self->open->len > 0
      && ((Item *)g_ptr_array_index (self->open, self->open->len - 1))->depth == depth)
    end_item (self);
}

void
kr_graph_import_add_end (KrGraphImport *self, const char *key, const char *node)
{
  Item *item;
  End *end;

  g_return_if_fail (self != NULL && key != NULL && self->open->len > 0);
  item = g_ptr_array_index (self->open, self->open->len - 1);
  end = kr_arena_new0 (self->open_arena, End, 1);
  end->key = key;
  end->node = intern (self, node);
  *item->last_end = end;
  item->last_end = &end->next;
  item->n_ends++;
}

void
kr_graph_import_set_position (KrGraphImport *self, double x, double y)
{
  Item *item;

  g_return_if_fail (self != NULL && self->open->len > 0);
  item = g_ptr_array_index (self->open, self->open->len - 1);
  item->has_position = TRUE;
  item->x = x;
  item->y = y;
}

/* A file names its attributes with a few names, each on every item: each is made into a
 * field's name once. */
static const char *
normal_name (KrGraphImport *self, const char *name)
{
  const char *normal = g_hash_table_lookup (self->names, name);

  if (normal == NULL)
    {
      g_autofree char *made = kr_import_normalize_name (name);

      normal = intern (self, made);
      g_hash_table_insert (self->names, g_strdup (name), (gpointer)normal);
    }
  return normal;
}

void
kr_graph_import_set (KrGraphImport *self, const char *name, const char *value)
{
  Attr *attr, **list;

  g_return_if_fail (self != NULL && name != NULL && value != NULL);

  if (self->open->len > 0)
    {
      attr = kr_arena_new0 (self->open_arena, Attr, 1);
      list = &((Item *)g_ptr_array_index (self->open, self->open->len - 1))->attrs;
    }
  else
    {
      attr = kr_arena_new0 (self->arena, Attr, 1);
      list = &self->graph_attrs;
    }
  attr->name = normal_name (self, name);
  /* A value given under two names (a table's summary is also its label) is kept once. */
  if (*list != NULL && g_str_equal ((*list)->value, value))
    attr->value = (*list)->value;
  else
    attr->value = g_string_chunk_insert (self->texts, value);
  attr->next = *list;
  *list = attr;
}

static void
append_evidence (KrGraphImport *self, Deal *deal, const KrPlace *place,
                 const KrGraphEvidence *evidence)
{
  Evidence *e = kr_arena_new0 (self->arena, Evidence, 1);

  e->deal = deal;
  e->place = place;
  e->e = (KrGraphEvidence){
    .article = intern (self, evidence->article),
    .url = intern (self, evidence->url),
    .title = intern (self, evidence->title),
    .publisher = intern (self, evidence->publisher),
    .date = intern (self, evidence->date),
    .quote = evidence->quote ? g_string_chunk_insert (self->texts, evidence->quote) : NULL,
    .stance = intern (self, evidence->stance),
    .note = evidence->note ? g_string_chunk_insert (self->texts, evidence->note) : NULL,
  };
  e->key = e->e.article ? e->e.article : e->e.url;
  *deal->last_evidence = e;
  deal->last_evidence = &e->next;
  deal->n_evidence++;
}

void
kr_graph_import_add_evidence (KrGraphImport *self, const KrPlace *place,
                              const KrGraphEvidence *evidence)
{
  Item *open;
  Deal *deal;

  g_return_if_fail (self != NULL && place != NULL && evidence != NULL);
  g_return_if_fail (evidence->article != NULL || evidence->url != NULL);
  g_return_if_fail (self->open->len > 0 || self->deals->len > 0);

  open = self->open->len > 0 ? g_ptr_array_index (self->open, self->open->len - 1) : NULL;
  /* A node has no excerpts. */
  if (open != NULL && open->deal == NULL)
    return;
  deal = open != NULL ? open->deal : g_ptr_array_index (self->deals, self->deals->len - 1);
  /* Excerpts given this way replace the one the edge's attributes gave. */
  if (deal->evidence_from_attributes)
    {
      deal->evidence = NULL;
      deal->last_evidence = &deal->evidence;
      deal->n_evidence = 0;
      deal->evidence_from_attributes = FALSE;
    }
  append_evidence (self, deal, place, evidence);
}

/* ---- values --------------------------------------------------------------------------- */

/* The value of the first of @names that is given and not blank. */
static const char *
find (const Attr *attrs, const char *const *names)
{
  for (const char *const *n = names; *n != NULL; n++)
    for (const Attr *a = attrs; a != NULL; a = a->next)
      /* The first letters tell most names apart, without a call. */
      if (a->name[0] == (*n)[0] && strcmp (a->name, *n) == 0)
        {
          const char *v = a->value;

          while (g_ascii_isspace (*v))
            v++;
          if (*v != '\0')
            return a->value;
          break;
        }
  return NULL;
}

/* A date as Keiretsu places one, or NULL. */
static const char *
to_date (KrGraphImport *self, const char *value)
{
  g_autofree char *date = kr_import_date (value);

  return intern (self, date);
}

/* ---- records -------------------------------------------------------------------------- */

/* Its id stays the file's until the end, when every id is known. */
static void
fill_entity (KrGraphImport *self, const Item *node, KrEntityRecord *r)
{
  const char *aliases;

  r->head.place = node->place;
  r->id = node->id;
  r->name = find (node->attrs, entity_name);
  if (r->name == NULL)
    r->name = node->id;
  r->kind = kr_import_token (&kr_entity_kind_vocabulary, find (node->attrs, entity_kind),
                      entity_kind_words, G_N_ELEMENTS (entity_kind_words));
  if (r->kind == NULL)
    r->kind = "other";
  {
    g_autofree char *country = kr_import_country (find (node->attrs, entity_country));
    r->country = intern (self, country);
  }
  r->description = find (node->attrs, entity_description);
  /* Several values in one are split on "|", as spreadsheets and graph tools write them. */
  if ((aliases = find (node->attrs, entity_aliases)) != NULL)
    {
      g_auto (GStrv) split = g_strsplit (aliases, "|", -1);

      r->n_aliases = g_strv_length (split);
      r->aliases = kr_dataset_builder_new0 (self->builder, const char *, r->n_aliases);
      for (guint i = 0; i < r->n_aliases; i++)
        r->aliases[i] = intern (self, g_strstrip (split[i]));
    }
  r->has_position = node->has_position;
  r->x = node->x;
  r->y = node->y;
}

static gboolean
parse_non_negative (const char *text, double *amount)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *amount = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *amount >= 0;
}

static KrValueRecord *
make_value (KrGraphImport *self, const Item *edge, KrDealRecord *deal)
{
  const char *currency = find (edge->attrs, deal_currency);
  KrValueRecord *r;
  double amount;

  /* An amount in no currency is not money that a map can show. */
  if (currency == NULL || !parse_non_negative (find (edge->attrs, deal_amount), &amount))
    return NULL;
  r = kr_dataset_builder_new0 (self->builder, KrValueRecord, 1);
  r->head.place = (KrPlace){ .up = &deal->head.place, .key = "value" };
  r->has_amount = TRUE;
  r->amount = amount;
  r->currency = currency;
  r->approximate = g_strcmp0 (find (edge->attrs, deal_approximate), "true") == 0;
  return r;
}

/* Made only for a deal that has one: the records stay until the dataset is built. */
static KrStakeRecord *
make_stake (KrGraphImport *self, const Item *edge, KrDealRecord *deal)
{
  KrStakeRecord stake = { .head.place = { .up = &deal->head.place, .key = "stake" } }, *r;

  stake.has_before = parse_non_negative (find (edge->attrs, stake_before), &stake.before);
  stake.has_after = parse_non_negative (find (edge->attrs, stake_after), &stake.after);
  if (!stake.has_before && !stake.has_after)
    return NULL;
  r = kr_dataset_builder_new0 (self->builder, KrStakeRecord, 1);
  *r = stake;
  return r;
}

/* The parties' roles: as the file gives them ("roles", in the order of the ends, or
 * "source_role" and "target_role"), or those that the kind gives the ends of a line. */
static void
fill_roles (KrGraphImport *self, const Item *edge, KrDealRecord *r, KrDealKind kind)
{
  g_autofree char *listed = g_strdup (find (edge->attrs, deal_roles));
  g_auto (GStrv) roles = listed ? g_strsplit_set (g_strstrip (listed), " ,", -1) : NULL;
  guint n_roles = roles ? g_strv_length (roles) : 0;
  const char *given[2] = { find (edge->attrs, source_role), find (edge->attrs, target_role) };
  KrRole from, to;

  kr_deal_kind_ends (kind, &from, &to);
  for (guint i = 0; i < r->n_parties; i++)
    {
      const char *role = NULL;

      if (i < n_roles)
        role = intern (self, roles[i]);
      else if (roles == NULL && r->n_parties == 2)
        role = given[i];
      if (role == NULL)
        role = kr_vocabulary_to_token (&kr_role_vocabulary, i == 0 ? from : to);
      r->parties[i].role = role;
    }
}

/* An edge with no excerpts of its own that gives an address and a quote among its attributes
 * has that one. */
static void
evidence_from_attributes (KrGraphImport *self, const Item *edge)
{
  KrGraphEvidence e = {
    .url = find (edge->attrs, article_url),
    .title = find (edge->attrs, article_title),
    .publisher = find (edge->attrs, article_publisher),
    .quote = find (edge->attrs, evidence_quote),
  };

  if (edge->deal->n_evidence == 0 && e.url != NULL && e.quote != NULL)
    {
      append_evidence (self, edge->deal, NULL, &e);
      edge->deal->evidence_from_attributes = TRUE;
    }
}

/* All but what needs every node and article known: the ids (the parties' stay the file's
 * nodes'), the summary made from the parties' names, the excerpts. */
static void
fill_deal (KrGraphImport *self, const Item *edge, KrDealRecord *r)
{
  const char *kind_text = find (edge->attrs, deal_kind);
  const char *label = find (edge->attrs, (const char *const[]){ "label", NULL });
  const char *status;
  guint i = 0;

  r->head.place = edge->place;
  r->kind = kr_import_token (&kr_deal_kind_vocabulary, kind_text, deal_kind_words,
                      G_N_ELEMENTS (deal_kind_words));
  /* Neo4j and others name a relationship by its label alone. */
  if (r->kind == NULL && kind_text == NULL)
    r->kind = kr_import_token (&kr_deal_kind_vocabulary, label, deal_kind_words,
                        G_N_ELEMENTS (deal_kind_words));
  if (r->kind == NULL)
    r->kind = "other";
  status = find (edge->attrs, deal_status);
  r->status = kr_import_token (&kr_status_vocabulary, status, NULL, 0);
  if (r->status == NULL)
    r->status = "unspecified";
  r->summary = find (edge->attrs, deal_summary);
  r->date = to_date (self, find (edge->attrs, deal_date));
  r->end = to_date (self, find (edge->attrs, deal_end));
  r->note = find (edge->attrs, deal_note);
  /* A type that is none of Keiretsu's is kept, in words, as a note. */
  if (r->note == NULL && kind_text != NULL && g_str_equal (r->kind, "other"))
    r->note = kind_text;
  r->expected = to_date (self, find (edge->attrs, deal_expected));
  r->value = make_value (self, edge, r);
  r->stake = make_stake (self, edge, r);

  r->has_parties = TRUE;
  r->n_parties = edge->n_ends;
  r->parties = kr_dataset_builder_new0 (self->builder, KrPartyRecord, edge->n_ends);
  for (const End *e = edge->ends; e != NULL; e = e->next, i++)
    {
      r->parties[i].head.place = (KrPlace){ .up = &r->head.place, .key = e->key };
      r->parties[i].entity = e->node;
    }
  fill_roles (self, edge, r, kr_vocabulary_from_token (&kr_deal_kind_vocabulary, r->kind));
}

/* What was read of an item goes once it ends: only its record stays. */
static void
make_record (KrGraphImport *self, Item *item)
{
  if (item->deal == NULL)
    {
      KrEntityRecord *r = kr_dataset_builder_add_entities (self->builder, 1);

      if (r != NULL)
        {
          fill_entity (self, item, r);
          g_ptr_array_add (self->entities, r);
        }
      return;
    }
  evidence_from_attributes (self, item);
  item->deal->record = kr_dataset_builder_add_deals (self->builder, 1);
  if (item->deal->record != NULL)
    fill_deal (self, item, item->deal->record);
}

/* The name a summary gives a party: its node's, or the id the file gives. */
static const char *
party_name (GHashTable *nodes, const KrPartyRecord *party)
{
  const KrEntityRecord *node = party->entity ? g_hash_table_lookup (nodes, party->entity) : NULL;

  return node ? node->name : party->entity ? party->entity : "?";
}

/* What the file says of a link with no words of its own: who it joins, "A → B". */
static const char *
make_summary (KrGraphImport *self, GHashTable *nodes, const KrDealRecord *r)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < r->n_parties; i++)
    {
      if (i > 0)
        g_string_append (s, r->n_parties == 2 ? " → " : ", ");
      g_string_append (s, party_name (nodes, &r->parties[i]));
    }
  return intern (self, s->str);
}

/* The excerpts of an edge, each from the article it names. */
static void
fill_evidence (KrGraphImport *self, const Deal *deal, KrDealRecord *r, GHashTable *articles)
{
  guint i = 0;

  if (deal->n_evidence == 0)
    return;
  r->has_evidence = TRUE;
  r->n_evidence = deal->n_evidence;
  r->evidence = kr_dataset_builder_new0 (self->builder, KrEvidenceRecord, deal->n_evidence);
  for (const Evidence *e = deal->evidence; e != NULL; e = e->next, i++)
    {
      KrEvidenceRecord *record = &r->evidence[i];

      record->head.place
          = (KrPlace){ .up = e->place ? e->place : &r->head.place, .key = "evidence" };
      record->article = g_hash_table_lookup (articles, e->key);
      record->quote = e->e.quote;
      record->stance = e->e.stance;
      record->note = e->e.note;
    }
}

/* One article for each id or address that excerpts name, with the first excerpt's words of
 * it; what they leave out is made up from the address: it is the title, and its site the
 * publisher. */
static void
add_articles (KrGraphImport *self, GHashTable *used, GHashTable *articles)
{
  g_autoptr (GPtrArray) first = g_ptr_array_new (); /* the first Evidence of each */
  KrArticleRecord *records;

  for (guint i = 0; i < self->deals->len; i++)
    {
      const Deal *deal = self->deals->pdata[i];

      for (const Evidence *e = deal->evidence; e != NULL; e = e->next)
        if (e->key != NULL && !g_hash_table_contains (articles, e->key))
          {
            g_hash_table_insert (articles, (gpointer)e->key,
                                 (gpointer)kr_import_make_id (used, self->texts, e->e.article,
                                                              "source-", first->len + 1));
            g_ptr_array_add (first, (gpointer)e);
          }
    }
  records = kr_dataset_builder_add_articles (self->builder, first->len);
  for (guint i = 0; records != NULL && i < first->len; i++)
    {
      const Evidence *e = first->pdata[i];
      g_autoptr (GUri) uri = e->e.url ? g_uri_parse (e->e.url, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri ? g_uri_get_host (uri) : NULL;

      records[i].head.place = e->place ? *e->place : e->deal->place;
      records[i].id = g_hash_table_lookup (articles, e->key);
      records[i].url = e->e.url;
      records[i].date = e->e.date;
      records[i].title = e->e.title ? e->e.title : e->key;
      records[i].publisher = e->e.publisher;
      if (records[i].publisher == NULL && e->e.url != NULL)
        records[i].publisher = host && *host ? intern (self, host) : e->e.url;
    }
}

void
kr_graph_import_finish (KrGraphImport *self)
{
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) entity_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) articles = g_hash_table_new (g_str_hash, g_str_equal);
  KrDatasetRecord *dataset;

  g_return_if_fail (self != NULL);

  /* What a file that stopped early left open is what was read of it. */
  while (self->open->len > 0)
    end_item (self);
  /* The file lists both, even none. */
  kr_dataset_builder_add_entities (self->builder, 0);
  kr_dataset_builder_add_deals (self->builder, 0);

  dataset = kr_dataset_builder_get_dataset_record (self->builder);
  dataset->title = find (self->graph_attrs, graph_title);
  if (dataset->title == NULL)
    dataset->title = _ ("Untitled graph");
  dataset->description = find (self->graph_attrs, graph_description);

  /* The file's ids first, so that an id made for another record never takes one of them. */
  for (guint i = 0; i < self->entities->len; i++)
    {
      const KrEntityRecord *node = self->entities->pdata[i];
      if (kr_import_id_is_valid (node->id))
        g_hash_table_add (used, (gpointer)node->id);
    }
  for (guint i = 0; i < self->entities->len; i++)
    {
      KrEntityRecord *node = self->entities->pdata[i];
      const char *file_id = node->id;
      const char *id;

      if (file_id != NULL && g_hash_table_contains (nodes, file_id))
        {
          /* Given twice: the builder says so. */
          id = g_hash_table_lookup (entity_ids, file_id);
        }
      else if (file_id != NULL && g_hash_table_contains (used, file_id))
        id = file_id;
      else
        id = kr_import_make_id (used, self->texts, file_id, "n", i + 1);
      if (file_id != NULL && !g_hash_table_contains (nodes, file_id))
        {
          g_hash_table_insert (nodes, (gpointer)file_id, node);
          g_hash_table_insert (entity_ids, (gpointer)file_id, (gpointer)id);
        }
      node->id = id;
    }

  add_articles (self, used, articles);
  for (guint i = 0; i < self->deals->len; i++)
    {
      const Deal *deal = self->deals->pdata[i];
      KrDealRecord *r = deal->record;

      if (r == NULL)
        continue;
      r->id = kr_import_make_id (used, self->texts, deal->id, "e", i + 1);
      if (r->summary == NULL)
        r->summary = make_summary (self, nodes, r);
      for (guint p = 0; p < r->n_parties; p++)
        {
          const char *entity = r->parties[p].entity;
          const char *id = entity ? g_hash_table_lookup (entity_ids, entity) : NULL;

          /* An end that is no node stays as the file gives it, for the builder to report. */
          if (id != NULL)
            r->parties[p].entity = id;
        }
      fill_evidence (self, deal, r, articles);
    }
}

gboolean
kr_graph_import_read (KrDatasetBuilder *builder, GInputStream *stream, GCancellable *cancellable,
                      const char *root, const char *not_root, KrGraphElementFunc read_element,
                      gpointer user_data)
{
  g_autoptr (KrXmlReader) xml = NULL;
  g_autoptr (KrGraphImport) self = NULL;
  gboolean at_root = TRUE;

  g_return_val_if_fail (builder != NULL && G_IS_INPUT_STREAM (stream) && root != NULL
                            && not_root != NULL && read_element != NULL,
                        FALSE);

  xml = kr_xml_reader_new (builder, stream, cancellable);
  if (xml == NULL)
    return FALSE;
  self = kr_graph_import_new (builder);
  for (KrXmlEvent event; (event = kr_xml_reader_next (xml)) != KR_XML_END_OF_FILE;)
    {
      int depth = kr_xml_reader_get_depth (xml);

      if (event == KR_XML_START && at_root)
        {
          at_root = FALSE;
          if (!g_str_equal (kr_xml_reader_get_name (xml), root))
            {
              kr_xml_reader_fail (xml, not_root);
              break;
            }
        }
      else if (event == KR_XML_START)
        {
          /* An empty element ends where it begins. */
          gboolean empty = kr_xml_reader_is_empty (xml);

          if (!read_element (xml, self, user_data))
            break;
          if (empty)
            close_at (self, depth);
        }
      else if (event == KR_XML_END)
        close_at (self, depth);
    }
  if (kr_xml_reader_failed (xml))
    return FALSE;
  if (at_root)
    {
      kr_dataset_builder_report_position (builder, 1, 1, _ ("the file is empty"));
      return FALSE;
    }
  kr_graph_import_finish (self);
  return TRUE;
}
