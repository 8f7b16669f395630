/* kr-ftm-export.c — a FollowTheMoney entity stream of what a scene shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-ftm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "kr-ftm-export.h"
#include "kr-ftm-schema.h"
#include "kr-graph-shown.h"

/* One entity of the stream, its properties added in the order they are written. */
typedef struct
{
  JsonObject *object;
  JsonObject *properties;
} Entity;

static Entity
entity_new (const char *id, const char *schema)
{
  Entity e = { json_object_new (), json_object_new () };

  json_object_set_string_member (e.object, "id", id);
  json_object_set_string_member (e.object, "schema", schema);
  return e;
}

/* Adds @value to property @name; nothing for NULL. */
static void
add (Entity *e, const char *name, const char *value)
{
  JsonArray *values;

  if (value == NULL)
    return;
  if (!json_object_has_member (e->properties, name))
    json_object_set_array_member (e->properties, name, json_array_new ());
  values = json_object_get_array_member (e->properties, name);
  json_array_add_string_element (values, value);
}

/* The shortest text that reads back as @value: "43.4", not "43.399999999999999". */
static void
add_number (Entity *e, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_dtostr (buf, sizeof buf, value);
  add (e, name, buf);
}

/* The articles that @evidence cites, each once, as the record's proof. */
static void
add_proof (Entity *e, KrDataset *dataset, const KrEvidence *evidence, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean seen = FALSE;

      for (guint k = 0; k < i && !seen; k++)
        seen = evidence[k].article == evidence[i].article;
      if (!seen)
        add (e, "proof", kr_dataset_get_article (dataset, evidence[i].article)->id);
    }
}

/* Writes @e as one line of @out, and frees it. */
static void
entity_write (Entity *e, GString *out, JsonGenerator *generator)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_object_set_object_member (e->object, "properties", e->properties);
  json_node_take_object (node, e->object);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static void
write_entity (GString *out, JsonGenerator *generator, KrDataset *dataset, guint i, gboolean *cited)
{
  const KrEntity *entity = kr_dataset_get_entity (dataset, i);
  const KrFtmSchema *schema = kr_ftm_schema_for_entity (entity->kind);
  Entity e = entity_new (entity->id, schema->name);

  add (&e, "name", entity->name);
  for (guint a = 0; a < entity->n_aliases; a++)
    add (&e, "alias", entity->aliases[a]);
  /* FtM has no language for a name: the names in other languages are more aliases. */
  for (guint n = 0; n < entity->n_names; n++)
    add (&e, "alias", entity->names[n].name);
  if (schema->kind != (int)entity->kind)
    add (&e, "classification", kr_vocabulary_to_token (&kr_entity_kind_vocabulary, entity->kind));
  if (entity->country != NULL)
    {
      g_autofree char *country = g_ascii_strdown (entity->country, -1);
      add (&e, "country", country);
    }
  add (&e, "description", entity->description);
  add_proof (&e, dataset, entity->evidence, entity->n_evidence);
  for (guint k = 0; k < entity->n_evidence; k++)
    cited[entity->evidence[k].article] = TRUE;
  entity_write (&e, out, generator);
}

/* Whether the deal's shown parties are the two ends of a line of its kind, in their roles:
 * what a link of two end properties can hold. */
static gboolean
fits_link (const KrDeal *deal, GArray *parties)
{
  KrRole from, to;

  if (parties->len != 2 || deal->has_value)
    return FALSE;
  kr_deal_kind_ends (deal->kind, &from, &to);
  return deal->parties[g_array_index (parties, guint, 0)].role == from
         && deal->parties[g_array_index (parties, guint, 1)].role == to;
}

/* What links and projects both say of a deal. */
static void
add_deal_fields (Entity *e, KrDataset *dataset, const KrDeal *deal)
{
  if (deal->status != KR_STATUS_UNSPECIFIED)
    add (e, "status", kr_vocabulary_to_token (&kr_status_vocabulary, deal->status));
  add (e, "startDate", deal->date);
  add (e, "endDate", deal->end);
  add (e, "summary", deal->summary);
  add (e, "description", deal->note);
  add_proof (e, dataset, deal->evidence, deal->n_evidence);
}

static void
write_deal (GString *out, JsonGenerator *generator, KrGraphShown *shown, guint d)
{
  KrDataset *dataset = shown->dataset;
  const KrDeal *deal = kr_dataset_get_deal (dataset, d);
  GArray *parties = kr_graph_shown_parties (shown, d);
  const char *kind = kr_vocabulary_to_token (&kr_deal_kind_vocabulary, deal->kind);

  if (fits_link (deal, parties))
    {
      /* A stake held is what an Ownership's percentage says, whatever the kind. */
      const KrFtmSchema *schema = !isnan (deal->stake_after) ? kr_ftm_schema_find ("Ownership")
                                                             : kr_ftm_schema_for_deal (deal->kind);
      Entity e = entity_new (deal->id, schema->name);

      for (guint p = 0; p < 2; p++)
        add (
            &e, p ? schema->target : schema->source,
            kr_dataset_get_entity (dataset, deal->parties[g_array_index (parties, guint, p)].entity)
                ->id);
      if (schema->kind != (int)deal->kind)
        add (&e, "role", kind);
      if (!isnan (deal->stake_after) && deal->stake_after <= 100)
        add_number (&e, "percentage", deal->stake_after);
      add_deal_fields (&e, dataset, deal);
      entity_write (&e, out, generator);
      return;
    }

  {
    const KrFtmSchema *project = kr_ftm_schema_find ("Project");
    const KrFtmSchema *participant = kr_ftm_schema_find ("ProjectParticipant");
    Entity e = entity_new (deal->id, project->name);

    add (&e, "name", deal->summary);
    if (project->kind != (int)deal->kind)
      add (&e, "keywords", kind);
    if (deal->has_value)
      {
        add_number (&e, "amount", deal->value_amount);
        add (&e, "currency", deal->value_currency);
      }
    add_deal_fields (&e, dataset, deal);
    entity_write (&e, out, generator);
    for (guint p = 0; p < parties->len; p++)
      {
        const KrParty *party = &deal->parties[g_array_index (parties, guint, p)];
        const char *entity = kr_dataset_get_entity (dataset, party->entity)->id;
        g_autofree char *id = g_strdup_printf ("%s.%s", deal->id, entity);
        Entity pe = entity_new (id, participant->name);

        add (&pe, participant->target, deal->id);
        add (&pe, participant->source, entity);
        add (&pe, "role", kr_vocabulary_to_token (&kr_role_vocabulary, party->role));
        entity_write (&pe, out, generator);
      }
  }
}

static void
write_article (GString *out, JsonGenerator *generator, KrDataset *dataset, guint a)
{
  const KrArticle *article = kr_dataset_get_article (dataset, a);
  Entity e = entity_new (article->id, "Article");

  add (&e, "title", article->title);
  add (&e, "publisher", article->publisher);
  add (&e, "author", article->author);
  add (&e, "publishedAt", article->date);
  add (&e, "sourceUrl", article->url);
  add (&e, "description", article->note);
  entity_write (&e, out, generator);
}

char *
kr_ftm_export_write (KrScene *scene)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  GString *out = g_string_sized_new (64 * 1024);
  g_autofree gboolean *cited = NULL;
  KrGraphShown shown;
  KrDataset *dataset;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  kr_graph_shown_init (&shown, scene);
  dataset = shown.dataset;
  cited = kr_dataset_new_article_flags (dataset);
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    if (shown.nodes[i] >= 0)
      write_entity (out, generator, dataset, i, cited);
  for (guint d = 0; d < kr_dataset_get_n_deals (dataset); d++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, d);

      if (shown.parties[d]->len == 0)
        continue;
      write_deal (out, generator, &shown, d);
      for (guint k = 0; k < deal->n_evidence; k++)
        cited[deal->evidence[k].article] = TRUE;
    }
  for (guint a = 0; a < kr_dataset_get_n_articles (dataset); a++)
    if (cited[a])
      write_article (out, generator, dataset, a);
  kr_graph_shown_clear (&shown);
  return g_string_free (out, FALSE);
}

char *
kr_ftm_export_left_out (KrScene *scene)
{
  g_autoptr (GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) things = g_ptr_array_new ();
  gboolean excerpts = FALSE, expected = FALSE, before = FALSE, proposed = FALSE, about = FALSE;
  KrGraphShown shown;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  kr_graph_shown_init (&shown, scene);
  for (guint d = 0; d < kr_dataset_get_n_deals (shown.dataset); d++)
    if (shown.parties[d]->len > 0)
      {
        const KrDeal *deal = kr_dataset_get_deal (shown.dataset, d);

        excerpts |= deal->n_evidence > 0;
        expected |= deal->expected != NULL;
        before |= !isnan (deal->stake_before);
        proposed |= deal->n_proposed_by > 0;
        about |= deal->has_value && deal->value_approximate;
      }
  for (guint i = 0; i < kr_dataset_get_n_entities (shown.dataset); i++)
    if (shown.nodes[i] >= 0)
      excerpts |= kr_dataset_get_entity (shown.dataset, i)->n_evidence > 0;
  kr_graph_shown_clear (&shown);

  if (excerpts)
    g_ptr_array_add (said, g_strdup (_ ("FollowTheMoney has no place for the excerpts: their "
                                        "quotes and stances were left out, and the articles "
                                        "they cite are the records’ proof.")));
  if (expected)
    g_ptr_array_add (things, _ ("expected dates"));
  if (before)
    g_ptr_array_add (things, _ ("stakes held before a deal"));
  if (proposed)
    g_ptr_array_add (things, _ ("who proposed a deal"));
  if (about)
    g_ptr_array_add (things, _ ("whether an amount is approximate"));
  kr_graph_shown_say_left_out (said, "FollowTheMoney", things);
  if (said->len == 0)
    return NULL;
  g_ptr_array_add (said, NULL);
  return g_strjoinv (" ", (char **)said->pdata);
}
