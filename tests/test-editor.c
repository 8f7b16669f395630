/* test-editor.c — edits to a dataset: checked by the loader's rules, undone and redone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench/kr-bench-data.h"
#include "kr-dataset-writer.h"
#include "kr-editor.h"
#include "kr-test-data.h"

typedef struct
{
  KrUndoStack *undo;
  KrEditor *editor;
  guint n_notified;
} Fixture;

static void
on_dataset (KrEditor *editor, GParamSpec *pspec, Fixture *f)
{
  (void)editor;
  (void)pspec;
  f->n_notified++;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (KrDataset) dataset = data != NULL ? kr_test_load_good (data) : kr_test_load_builtin ();

  f->undo = kr_undo_stack_new ();
  f->editor = kr_editor_new (dataset, f->undo);
  f->n_notified = 0;
  g_signal_connect (f->editor, "notify::dataset", G_CALLBACK (on_dataset), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void)data;
  g_clear_object (&f->editor);
  g_clear_object (&f->undo);
}

static KrDataset *
dataset (Fixture *f)
{
  return kr_editor_get_dataset (f->editor);
}

static guint
entity (Fixture *f, const char *id)
{
  int i = kr_dataset_find_entity (dataset (f), id);

  g_assert_cmpint (i, >=, 0);
  return (guint)i;
}

static guint
deal (Fixture *f, const char *id)
{
  int i = kr_dataset_find_deal (dataset (f), id);

  g_assert_cmpint (i, >=, 0);
  return (guint)i;
}

/* The dataset, written and read back: what saving and opening again would give. */
static KrDataset *
reread (KrDataset *ds)
{
  g_autoptr (GBytes) bytes = kr_dataset_writer_write (ds);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  KrDataset *again = kr_dataset_new_from_bytes (bytes, "edited.json", &problems, &error);

  g_assert_no_error (error);
  return again;
}

static void
test_set_entity (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) before = g_object_ref (dataset (f));
  g_autoptr (KrDataset) again = NULL;
  KrEntity e = *kr_dataset_get_entity (dataset (f), entity (f, "sample"));
  const char *aliases[] = { "Sample", "Sample Limited" };
  KrLocalName names[] = { { "ja", "サンプル" } };

  (void)data;
  e.name = "Sample Group";
  e.aliases = aliases;
  e.n_aliases = G_N_ELEMENTS (aliases);
  e.names = names;
  e.n_names = G_N_ELEMENTS (names);
  e.kind = KR_ENTITY_GROUP;
  e.country = "GB";
  e.description = "A group.";
  g_assert_true (kr_editor_set_entity (f->editor, entity (f, "sample"), &e, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_notified, ==, 1);
  g_assert_true (dataset (f) != before);
  {
    const KrEntity *now = kr_dataset_get_entity (dataset (f), entity (f, "sample"));

    g_assert_cmpstr (now->name, ==, "Sample Group");
    g_assert_cmpstr (now->aliases[1], ==, "Sample Limited");
    g_assert_cmpstr (now->names[0].name, ==, "サンプル");
    g_assert_cmpint (now->kind, ==, KR_ENTITY_GROUP);
    g_assert_cmpstr (now->country, ==, "GB");
  }
  /* Deals still join the same entities. */
  g_assert_cmpuint (kr_dataset_get_deal (dataset (f), deal (f, "buy"))->parties[1].entity, ==,
                    entity (f, "sample"));
  g_assert_cmpstr (kr_undo_stack_get_undo_label (f->undo), ==, "Edit Sample Ltd");

  again = reread (dataset (f));
  kr_test_assert_same_dataset (dataset (f), again);

  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (dataset (f) == before);
  g_assert_true (kr_undo_stack_redo (f->undo));
  kr_test_assert_same_dataset (dataset (f), again);
  g_assert_cmpuint (f->n_notified, ==, 3);
}

static void
test_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  KrDataset *before = dataset (f);
  guint sample = entity (f, "sample");
  KrEntity e = *kr_dataset_get_entity (before, sample);
  KrDeal d = *kr_dataset_get_deal (before, deal (f, "buy"));
  KrArticle a = *kr_dataset_get_article (before, 0);
  KrLocalName twice[] = { { "ja", "一" }, { "ja", "二" } };
  g_autoptr (GPtrArray) problems = NULL;

  (void)data;
  e.name = "  ";
  problems = kr_editor_check_entity (f->editor, sample, &e);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((KrProblem *)problems->pdata[0])->path, ==, "$.entities[1].name");
  g_assert_cmpstr (((KrProblem *)problems->pdata[0])->message, ==, "must not be empty");
  g_assert_false (kr_editor_set_entity (f->editor, sample, &e, &error));
  g_assert_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "entities[1].name: must not be empty");
  g_clear_error (&error);

  e = *kr_dataset_get_entity (before, sample);
  e.country = "gb";
  g_assert_false (kr_editor_set_entity (f->editor, sample, &e, &error));
  g_clear_error (&error);
  e.country = NULL;
  e.names = twice;
  e.n_names = 2;
  g_assert_false (kr_editor_set_entity (f->editor, sample, &e, &error));
  g_assert_nonnull (strstr (error->message, "names.ja"));
  g_clear_error (&error);

  d.date = "2023-13";
  g_assert_false (kr_editor_set_deal (f->editor, deal (f, "buy"), &d, &error));
  g_assert_nonnull (strstr (error->message, "is not a date"));
  g_clear_error (&error);
  d = *kr_dataset_get_deal (before, deal (f, "buy"));
  d.stake_after = 120;
  g_assert_false (kr_editor_set_deal (f->editor, deal (f, "buy"), &d, &error));
  g_clear_error (&error);
  d.stake_after = NAN;
  d.n_parties = 1;
  g_assert_false (kr_editor_set_deal (f->editor, deal (f, "buy"), &d, &error));
  g_assert_nonnull (strstr (error->message, "at least two parties"));
  g_clear_error (&error);
  d.n_parties = 2;
  d.n_evidence = 0;
  g_assert_false (kr_editor_set_deal (f->editor, deal (f, "buy"), &d, &error));
  g_clear_error (&error);

  a.url = "ftp://example.org/";
  g_assert_false (kr_editor_set_article (f->editor, 0, &a, &error));
  g_assert_nonnull (strstr (error->message, "only http:// and https://"));
  g_clear_error (&error);

  g_assert_true (dataset (f) == before);
  g_assert_false (kr_undo_stack_can_undo (f->undo));
  g_assert_cmpuint (f->n_notified, ==, 0);
}

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  KrEntity e = { .name = "Sample Ltd", .kind = KR_ENTITY_COMPANY };
  KrEntity ja = { .name = "日産自動車", .kind = KR_ENTITY_COMPANY };
  KrEvidence ev = { .article = 1, .quote = "They shook hands.", .stance = KR_STANCE_SUPPORTS };
  KrParty parties[2];
  KrDeal d = { .kind = KR_DEAL_ALLIANCE,
               .status = KR_STATUS_AGREED,
               .summary = "A handshake.",
               .parties = parties,
               .n_parties = 2,
               .stake_before = NAN,
               .stake_after = NAN };
  guint at, ja_at, deal_at;
  KrArticle a = { .title = "Notes", .publisher = "Unknown", .date = "2025" };

  (void)data;
  g_assert_true (kr_editor_add_entity (f->editor, &e, &at, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kr_dataset_get_entity (dataset (f), at)->id, ==, "sample-ltd");
  g_assert_true (kr_editor_add_entity (f->editor, &e, &at, &error));
  g_assert_cmpstr (kr_dataset_get_entity (dataset (f), at)->id, ==, "sample-ltd-2");
  g_assert_true (kr_editor_add_entity (f->editor, &ja, &ja_at, &error));
  g_assert_cmpstr (kr_dataset_get_entity (dataset (f), ja_at)->id, ==, "entity");

  parties[0] = (KrParty){ .entity = at, .role = KR_ROLE_PARTNER };
  parties[1] = (KrParty){ .entity = ja_at, .role = KR_ROLE_PARTNER };
  /* A deal needs evidence, as in a file. */
  g_assert_false (kr_editor_add_deal (f->editor, &d, &deal_at, &error));
  g_assert_nonnull (strstr (error->message, "needs at least one excerpt"));
  g_clear_error (&error);
  d.evidence = &ev;
  d.n_evidence = 1;
  g_assert_true (kr_editor_add_deal (f->editor, &d, &deal_at, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kr_dataset_get_deal (dataset (f), deal_at)->id, ==, "a-handshake");
  g_assert_true (kr_deal_involves (kr_dataset_get_deal (dataset (f), deal_at), ja_at));

  g_assert_true (kr_editor_add_article (f->editor, &a, &at, &error));
  g_assert_cmpstr (kr_dataset_get_article (dataset (f), at)->id, ==, "notes");
  g_assert_cmpuint (kr_dataset_get_n_articles (dataset (f)), ==, 3);

  for (guint i = 0; i < 5; i++)
    g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_cmpuint (kr_dataset_get_n_entities (dataset (f)), ==, 5);
  g_assert_cmpuint (kr_dataset_get_n_deals (dataset (f)), ==, 4);
}

/* An article is checked before it is added, as the Add Article dialog checks it as typed, and
 * keeps its text. */
static void
test_add_article_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) none = NULL;
  KrArticle a = { .title = " ", .publisher = "Unknown", .text = "The whole\ntext." };
  guint at;

  (void)data;
  problems = kr_editor_check_new_article (f->editor, &a);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((KrProblem *)problems->pdata[0])->path, ==, "$.articles[2].title");
  a.title = "Notes";
  none = kr_editor_check_new_article (f->editor, &a);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (kr_dataset_get_n_articles (dataset (f)), ==, 2);

  g_assert_true (kr_editor_add_article (f->editor, &a, &at, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kr_dataset_get_article (dataset (f), at)->text, ==, "The whole\ntext.");
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_cmpuint (kr_dataset_get_n_articles (dataset (f)), ==, 2);
}

/* A passage becomes one more excerpt of a deal or an entity, in one undoable edit. */
static void
test_add_excerpt (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  KrEvidence ev = { .article = 1, .quote = "A passage.", .stance = KR_STANCE_QUALIFIES };
  guint deal = 0, ent = entity (f, "sample");
  guint n_deal = kr_dataset_get_deal (dataset (f), deal)->n_evidence;
  guint n_entity = kr_dataset_get_entity (dataset (f), ent)->n_evidence;
  const KrEvidence *added;

  (void)data;
  g_assert_true (kr_editor_add_deal_excerpt (f->editor, deal, &ev, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kr_dataset_get_deal (dataset (f), deal)->n_evidence, ==, n_deal + 1);
  added = &kr_dataset_get_deal (dataset (f), deal)->evidence[n_deal];
  g_assert_cmpstr (added->quote, ==, "A passage.");
  g_assert_cmpint (added->stance, ==, KR_STANCE_QUALIFIES);
  g_assert_cmpuint (added->article, ==, 1);

  g_assert_true (kr_editor_add_entity_excerpt (f->editor, ent, &ev, &error));
  g_assert_cmpuint (kr_dataset_get_entity (dataset (f), ent)->n_evidence, ==, n_entity + 1);

  /* A blank quote is refused with the loader's words, and nothing changes. */
  ev.quote = " ";
  g_assert_false (kr_editor_add_deal_excerpt (f->editor, deal, &ev, &error));
  g_assert_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID);
  g_assert_cmpuint (kr_dataset_get_deal (dataset (f), deal)->n_evidence, ==, n_deal + 1);

  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_cmpuint (kr_dataset_get_deal (dataset (f), deal)->n_evidence, ==, n_deal);
  g_assert_cmpuint (kr_dataset_get_entity (dataset (f), ent)->n_evidence, ==, n_entity);
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *said = NULL;
  KrDataset *before = dataset (f);
  KrDeletion deletion = { .deleted = NULL };

  (void)data;
  /* Sample is party to buy and urge (two parties each: they go) and to jv (three: it stays). */
  kr_editor_count_entity_deletion (f->editor, entity (f, "sample"), &deletion);
  g_assert_cmpuint (deletion.deals_deleted, ==, 2);
  g_assert_cmpuint (deletion.deals_changed, ==, 1);
  said = kr_deletion_describe (&deletion);
  g_assert_cmpstr (said, ==, "2 deals go with it. 1 more deal loses it.");
  g_assert_true (kr_editor_delete_entity (f->editor, entity (f, "sample"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kr_dataset_find_entity (dataset (f), "sample"), ==, -1);
  g_assert_cmpint (kr_dataset_find_deal (dataset (f), "buy"), ==, -1);
  g_assert_cmpuint (kr_dataset_get_deal (dataset (f), deal (f, "jv"))->n_parties, ==, 2);
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (dataset (f) == before);

  /* Article a2 evidences urge and rivals alone, and one excerpt of buy. */
  kr_editor_count_article_deletion (f->editor, 1, &deletion);
  g_assert_cmpuint (deletion.deals_deleted, ==, 2);
  g_assert_cmpuint (deletion.deals_changed, ==, 1);
  g_assert_cmpuint (deletion.excerpts, ==, 3);
  /* Which ones, when asked. */
  {
    g_autoptr (GArray) deleted = g_array_new (FALSE, FALSE, sizeof (guint));
    g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
    KrDeletion listed = { .deleted = deleted, .changed = changed };
    guint urge = deal (f, "urge"), rivals = deal (f, "rivals");

    kr_editor_count_article_deletion (f->editor, 1, &listed);
    g_assert_cmpuint (deleted->len, ==, 2);
    g_assert_cmpuint (g_array_index (deleted, guint, 0), ==, MIN (urge, rivals));
    g_assert_cmpuint (g_array_index (deleted, guint, 1), ==, MAX (urge, rivals));
    g_assert_cmpuint (changed->len, ==, 1);
    g_assert_cmpuint (g_array_index (changed, guint, 0), ==, deal (f, "buy"));
  }
  g_assert_true (kr_editor_delete_article (f->editor, 1, &error));
  g_assert_cmpuint (kr_dataset_get_n_deals (dataset (f)), ==, 2);
  g_assert_cmpuint (kr_dataset_get_deal (dataset (f), deal (f, "buy"))->n_evidence, ==, 1);

  g_assert_true (kr_editor_delete_deal (f->editor, deal (f, "jv"), &error));
  g_assert_cmpint (kr_dataset_find_deal (dataset (f), "jv"), ==, -1);
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (dataset (f) == before);

  /* The fund proposed a deal without being party to it: the deal stays, without it. */
  kr_editor_count_entity_deletion (f->editor, entity (f, "fund"), &deletion);
  g_clear_pointer (&said, g_free);
  said = kr_deletion_describe (&deletion);
  g_assert_cmpstr (said, ==, "1 more deal loses it.");
  kr_editor_count_entity_deletion (f->editor, entity (f, "venture"), &deletion);
  g_clear_pointer (&said, g_free);
  said = kr_deletion_describe (&deletion);
  g_assert_cmpstr (said, ==, "1 more deal loses it.");
}

static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) before = g_object_ref (dataset (f));
  g_autofree char *said = NULL;
  const KrEntity *merged;
  const KrDeal *rivals;

  (void)data;
  /* Third competes with Example: merged into it, the rivalry would join Example alone. */
  said = kr_editor_describe_merge (f->editor, entity (f, "example"), entity (f, "third"));
  g_assert_cmpstr (said, ==,
                   "“Third Co” becomes another name of “Example Corp”. 1 deal moves to it. 1 deal "
                   "between the two goes, with no other party.");
  g_assert_true (
      kr_editor_merge_entities (f->editor, entity (f, "example"), entity (f, "third"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (kr_dataset_find_entity (dataset (f), "third"), ==, -1);
  merged = kr_dataset_get_entity (dataset (f), entity (f, "example"));
  g_assert_cmpstr (merged->aliases[merged->n_aliases - 1], ==, "Third Co");
  g_assert_cmpint (kr_dataset_find_deal (dataset (f), "rivals"), ==, -1);
  /* Third's investment in Sample is Example's now. */
  g_assert_true (kr_deal_involves (kr_dataset_get_deal (dataset (f), deal (f, "urge")),
                                   entity (f, "example")));
  g_assert_cmpstr (kr_undo_stack_get_undo_label (f->undo), ==, "Merge Third Co into Example Corp");

  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (dataset (f) == before);
  rivals = kr_dataset_get_deal (dataset (f), deal (f, "rivals"));
  g_assert_true (kr_deal_involves (rivals, entity (f, "third")));
}

/* ---- random edits -------------------------------------------------------------------- */

static const char *const texts[]
    = { "Nissan", "A",    "Example Corp", "  ",    "",
        "日産",   "x\ty", NULL,           "Tab\t", "Long name of a company" };
static const char *const countries[] = { "JP", "FR", "jp", "J", NULL, "EU" };
static const char *const languages[] = { "ja", "fr", "zh-Hans", "j", "", "1a" };
static const char *const dates[] = { "2023", "2023-04", "2023-04-31", "2023-02-29", "2024-02-29",
                                     "23",   NULL,      "2023-13",    "2025-12-01" };
static const char *const urls[]
    = { "https://example.org/a", "http://x", "ftp://x", "http://a b", NULL };
static const char *const currencies[] = { "USD", "JPY", "usd", "EURO" };

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

static double
random_number (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return NAN;
    case 1:
      return g_rand_double_range (rand, -20, 120);
    case 2:
      return g_rand_int_range (rand, 0, 101);
    default:
      return 33.3;
    }
}

static void
random_evidence (GRand *rand, KrDataset *ds, KrEvidence *ev, guint n)
{
  for (guint i = 0; i < n; i++)
    ev[i] = (KrEvidence){
      .article = (guint)g_rand_int_range (rand, 0, (gint32)kr_dataset_get_n_articles (ds)),
      .quote = PICK (rand, texts),
      .stance
      = (KrStance)g_rand_int_range (rand, 0, kr_vocabulary_get_size (&kr_stance_vocabulary)),
      .note = g_rand_boolean (rand) ? NULL : PICK (rand, texts),
    };
}

static void
random_entity (GRand *rand, KrDataset *ds, KrEntity *e, const char **aliases, KrLocalName *names,
               KrEvidence *ev)
{
  guint field = (guint)g_rand_int_range (rand, 0, 7);

  if (field == 0)
    e->name = PICK (rand, texts);
  else if (field == 1)
    {
      e->n_aliases = (guint)g_rand_int_range (rand, 0, 3);
      for (guint i = 0; i < e->n_aliases; i++)
        aliases[i] = PICK (rand, texts);
      e->aliases = aliases;
    }
  else if (field == 2)
    {
      e->n_names = (guint)g_rand_int_range (rand, 0, 3);
      for (guint i = 0; i < e->n_names; i++)
        names[i] = (KrLocalName){ PICK (rand, languages), PICK (rand, texts) };
      e->names = names;
    }
  else if (field == 3)
    e->kind = (KrEntityKind)g_rand_int_range (rand, 0,
                                              kr_vocabulary_get_size (&kr_entity_kind_vocabulary));
  else if (field == 4)
    e->country = PICK (rand, countries);
  else if (field == 5)
    e->description = PICK (rand, texts);
  else if (kr_dataset_get_n_articles (ds) > 0)
    {
      e->n_evidence = (guint)g_rand_int_range (rand, 0, 3);
      random_evidence (rand, ds, ev, e->n_evidence);
      e->evidence = ev;
    }
}

static void
random_deal (GRand *rand, KrDataset *ds, KrDeal *d, KrParty *parties, guint *proposers,
             KrEvidence *ev)
{
  guint n_entities = kr_dataset_get_n_entities (ds);
  guint field = (guint)g_rand_int_range (rand, 0, 9);

  if (field == 0)
    d->kind
        = (KrDealKind)g_rand_int_range (rand, 0, kr_vocabulary_get_size (&kr_deal_kind_vocabulary));
  else if (field == 1)
    d->status
        = (KrDealStatus)g_rand_int_range (rand, 0, kr_vocabulary_get_size (&kr_status_vocabulary));
  else if (field == 2 && n_entities > 0)
    {
      d->n_parties = (guint)g_rand_int_range (rand, 1, 4);
      for (guint i = 0; i < d->n_parties; i++)
        parties[i] = (KrParty){
          .entity = (guint)g_rand_int_range (rand, 0, (gint32)n_entities),
          .role = (KrRole)g_rand_int_range (rand, 0, kr_vocabulary_get_size (&kr_role_vocabulary)),
        };
      d->parties = parties;
    }
  else if (field == 3)
    {
      d->date = PICK (rand, dates);
      d->end = PICK (rand, dates);
      d->expected = PICK (rand, dates);
    }
  else if (field == 4)
    {
      d->has_value = g_rand_boolean (rand);
      d->value_amount = g_rand_boolean (rand) ? 4.9e9 : g_rand_double_range (rand, -5, 1e6);
      memcpy (d->value_currency, PICK (rand, currencies), 4);
      d->value_approximate = g_rand_boolean (rand);
    }
  else if (field == 5)
    {
      d->stake_before = random_number (rand);
      d->stake_after = random_number (rand);
    }
  else if (field == 6)
    {
      d->summary = PICK (rand, texts);
      d->note = PICK (rand, texts);
    }
  else if (field == 7 && n_entities > 0)
    {
      d->n_proposed_by = (guint)g_rand_int_range (rand, 0, 3);
      for (guint i = 0; i < d->n_proposed_by; i++)
        proposers[i] = (guint)g_rand_int_range (rand, 0, (gint32)n_entities);
      d->proposed_by = proposers;
    }
  else if (kr_dataset_get_n_articles (ds) > 0)
    {
      d->n_evidence = (guint)g_rand_int_range (rand, 0, 3);
      random_evidence (rand, ds, ev, d->n_evidence);
      d->evidence = ev;
    }
}

static void
random_article (GRand *rand, KrArticle *a)
{
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      a->title = PICK (rand, texts);
      break;
    case 1:
      a->publisher = PICK (rand, texts);
      break;
    case 2:
      a->author = PICK (rand, texts);
      break;
    case 3:
      a->date = PICK (rand, dates);
      a->date_inferred = g_rand_boolean (rand);
      break;
    default:
      a->url = PICK (rand, urls);
    }
}

/* One edit at random, maybe invalid; returns whether it was made. */
static gboolean
random_edit (GRand *rand, KrEditor *editor, KrUndoStack *undo)
{
  KrDataset *ds = kr_editor_get_dataset (editor);
  guint n_articles = kr_dataset_get_n_articles (ds);
  guint n_entities = kr_dataset_get_n_entities (ds);
  guint n_deals = kr_dataset_get_n_deals (ds);
  const char *aliases[3];
  KrLocalName names[3];
  KrEvidence ev[3];
  KrParty parties[4];
  guint proposers[3];
  g_autoptr (GError) error = NULL;

  switch (g_rand_int_range (rand, 0, 14))
    {
    case 0:
      return kr_undo_stack_undo (undo);
    case 1:
      return kr_undo_stack_redo (undo);
    case 2:
    case 3:
      if (n_entities == 0)
        return FALSE;
      {
        guint i = (guint)g_rand_int_range (rand, 0, (gint32)n_entities);
        KrEntity e = *kr_dataset_get_entity (ds, i);

        random_entity (rand, ds, &e, aliases, names, ev);
        return kr_editor_set_entity (editor, i, &e, &error);
      }
    case 4:
    case 5:
      if (n_deals == 0)
        return FALSE;
      {
        guint i = (guint)g_rand_int_range (rand, 0, (gint32)n_deals);
        KrDeal d = *kr_dataset_get_deal (ds, i);

        random_deal (rand, ds, &d, parties, proposers, ev);
        return kr_editor_set_deal (editor, i, &d, &error);
      }
    case 6:
      if (n_articles == 0)
        return FALSE;
      {
        guint i = (guint)g_rand_int_range (rand, 0, (gint32)n_articles);
        KrArticle a = *kr_dataset_get_article (ds, i);

        random_article (rand, &a);
        return kr_editor_set_article (editor, i, &a, &error);
      }
    case 7:
      {
        KrEntity e = { .name = PICK (rand, texts), .kind = KR_ENTITY_COMPANY };

        random_entity (rand, ds, &e, aliases, names, ev);
        return kr_editor_add_entity (editor, &e, NULL, &error);
      }
    case 8:
      if (n_entities < 2 || n_articles == 0)
        return FALSE;
      {
        KrDeal d = { .summary = PICK (rand, texts), .stake_before = NAN, .stake_after = NAN };

        parties[0] = (KrParty){ .entity = 0, .role = KR_ROLE_PARTNER };
        parties[1] = (KrParty){ .entity = n_entities - 1, .role = KR_ROLE_PARTNER };
        d.parties = parties;
        d.n_parties = 2;
        random_evidence (rand, ds, ev, 1);
        d.evidence = ev;
        d.n_evidence = 1;
        random_deal (rand, ds, &d, parties, proposers, ev);
        return kr_editor_add_deal (editor, &d, NULL, &error);
      }
    case 9:
      {
        KrArticle a = { .title = PICK (rand, texts), .publisher = "Unknown" };

        random_article (rand, &a);
        return kr_editor_add_article (editor, &a, NULL, &error);
      }
    case 10:
      return n_entities > 0
             && kr_editor_delete_entity (
                 editor, (guint)g_rand_int_range (rand, 0, (gint32)n_entities), &error);
    case 11:
      return n_deals > 0
             && kr_editor_delete_deal (editor, (guint)g_rand_int_range (rand, 0, (gint32)n_deals),
                                       &error);
    case 12:
      return n_articles > 1
             && kr_editor_delete_article (
                 editor, (guint)g_rand_int_range (rand, 0, (gint32)n_articles), &error);
    default:
      {
        guint a, b;

        if (n_entities < 2)
          return FALSE;
        a = (guint)g_rand_int_range (rand, 0, (gint32)n_entities);
        b = (guint)g_rand_int_range (rand, 0, (gint32)n_entities);
        return a != b && kr_editor_merge_entities (editor, a, b, &error);
      }
    }
}

/* Whatever the edits, undone and redone at random, the dataset written is one that --check
 * accepts, and an edit refused changes nothing. */
static void
test_random (Fixture *f, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kr-editor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "edited.json", NULL);
  g_autofree char *out = NULL;
  const char *keiretsu = g_getenv ("KEIRETSU");
  guint n_made = 0;
  int status;

  (void)data;
  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    {
      KrDataset *before = kr_editor_get_dataset (f->editor);
      guint notified = f->n_notified;

      if (random_edit (rand, f->editor, f->undo))
        n_made++;
      else
        {
          g_assert_true (kr_editor_get_dataset (f->editor) == before);
          g_assert_cmpuint (f->n_notified, ==, notified);
        }
      if (i % 250 == 0)
        {
          g_autoptr (KrDataset) again = reread (dataset (f));
          kr_test_assert_same_dataset (dataset (f), again);
        }
    }
  g_test_message ("%u of 3000 edits made", n_made);
  g_assert_cmpuint (n_made, >, 500);

  g_assert_true (kr_dataset_writer_save (dataset (f), path, &error));
  g_assert_no_error (error);
  if (keiretsu != NULL)
    {
      const char *argv[] = { keiretsu, "--check", path, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                   NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "valid:"));
    }
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Appends each of @evidence's quotes with its article's id, leaving out those of @gone. */
static void
append_quotes (GString *out, KrDataset *ds, const KrEvidence *evidence, guint n, const char *gone)
{
  for (guint i = 0; i < n; i++)
    {
      const char *id = kr_dataset_get_article (ds, evidence[i].article)->id;

      if (g_strcmp0 (id, gone) != 0)
        g_string_append_printf (out, " quote:%s:%s", id, evidence[i].quote);
    }
}

/* Deal @d of @ds as a file gives its references, by id, leaving out those to @gone. */
static char *
deal_by_ids (KrDataset *ds, const KrDeal *d, const char *gone)
{
  GString *out = g_string_new (d->id);

  for (guint i = 0; i < d->n_parties; i++)
    {
      const char *id = kr_dataset_get_entity (ds, d->parties[i].entity)->id;

      if (g_strcmp0 (id, gone) != 0)
        g_string_append_printf (out, " party:%s/%d", id, d->parties[i].role);
    }
  for (guint i = 0; i < d->n_proposed_by; i++)
    {
      const char *id = kr_dataset_get_entity (ds, d->proposed_by[i])->id;

      if (g_strcmp0 (id, gone) != 0)
        g_string_append_printf (out, " by:%s", id);
    }
  append_quotes (out, ds, d->evidence, d->n_evidence, gone);
  return g_string_free (out, FALSE);
}

static char *
entity_by_ids (KrDataset *ds, const KrEntity *e, const char *gone)
{
  GString *out = g_string_new (e->id);

  append_quotes (out, ds, e->evidence, e->n_evidence, gone);
  return g_string_free (out, FALSE);
}

/* Every record of @after that @before had reads as it did, but for what pointed to @gone. */
static void
assert_references_kept (KrDataset *before, KrDataset *after, const char *gone)
{
  g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < kr_dataset_get_n_deals (before); i++)
    {
      const KrDeal *d = kr_dataset_get_deal (before, i);

      g_hash_table_insert (expected, (gpointer)d->id, deal_by_ids (before, d, gone));
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (before); i++)
    {
      const KrEntity *e = kr_dataset_get_entity (before, i);

      g_hash_table_insert (expected, (gpointer)e->id, entity_by_ids (before, e, gone));
    }
  for (guint i = 0; i < kr_dataset_get_n_deals (after); i++)
    {
      const KrDeal *d = kr_dataset_get_deal (after, i);
      g_autofree char *now = deal_by_ids (after, d, NULL);

      g_assert_cmpstr (now, ==, g_hash_table_lookup (expected, d->id));
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (after); i++)
    {
      const KrEntity *e = kr_dataset_get_entity (after, i);
      g_autofree char *now = entity_by_ids (after, e, NULL);

      g_assert_cmpstr (now, ==, g_hash_table_lookup (expected, e->id));
    }
}

/* A version shares the records an edit leaves alone: when a deletion moves the records after
 * it, every reference still points to the record it did, and the version outlives the one it
 * was made from. */
static void
test_versions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) read = g_object_ref (dataset (f));
  guint n_entities = kr_dataset_get_n_entities (read);
  guint n_articles = kr_dataset_get_n_articles (read);
  const guint entities[] = { 0, 1, n_entities / 2, n_entities - 1 };
  const guint articles[] = { 0, n_articles - 1 };

  (void)data;
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      const char *id = kr_dataset_get_entity (read, entities[i])->id;

      g_assert_true (kr_editor_delete_entity (f->editor, entities[i], &error));
      g_assert_no_error (error);
      assert_references_kept (read, dataset (f), id);
      g_assert_true (kr_undo_stack_undo (f->undo));
      g_assert_true (dataset (f) == read);
    }
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      const char *id = kr_dataset_get_article (read, articles[i])->id;

      g_assert_true (kr_editor_delete_article (f->editor, articles[i], &error));
      g_assert_no_error (error);
      assert_references_kept (read, dataset (f), id);
      g_assert_true (kr_undo_stack_undo (f->undo));
    }

  /* Two deletions in a row: the second version is made from the first, not from the one read. */
  {
    g_autoptr (KrDataset) first = NULL;
    g_autofree char *gone = g_strdup (kr_dataset_get_entity (read, 0)->id);

    g_assert_true (kr_editor_delete_entity (f->editor, 0, &error));
    first = g_object_ref (dataset (f));
    /* Only the latest version is kept: the ones before go, with the undo stack. */
    kr_undo_stack_set_budget (f->undo, 1);
    g_assert_true (kr_editor_delete_entity (f->editor, 0, &error));
    g_assert_no_error (error);
    assert_references_kept (first, dataset (f), kr_dataset_get_entity (first, 0)->id);
    g_clear_object (&first);
    g_clear_object (&read);
    g_assert_cmpuint (kr_undo_stack_get_length (f->undo), ==, 1);
    {
      g_autoptr (KrDataset) again = reread (dataset (f));

      kr_test_assert_same_dataset (dataset (f), again);
      g_assert_cmpint (kr_dataset_find_entity (again, gone), ==, -1);
    }
  }
}

/* Every record of @ds is found by its id at its index, and each id of @ids (from an earlier
 * version) either is not found or names the record that has it now. */
static void
assert_ids (KrDataset *ds, GPtrArray *ids)
{
  for (guint i = 0; i < kr_dataset_get_n_articles (ds); i++)
    g_assert_cmpint (kr_dataset_find_article (ds, kr_dataset_get_article (ds, i)->id), ==, i);
  for (guint i = 0; i < kr_dataset_get_n_entities (ds); i++)
    g_assert_cmpint (kr_dataset_find_entity (ds, kr_dataset_get_entity (ds, i)->id), ==, i);
  for (guint i = 0; i < kr_dataset_get_n_deals (ds); i++)
    g_assert_cmpint (kr_dataset_find_deal (ds, kr_dataset_get_deal (ds, i)->id), ==, i);
  for (guint i = 0; i < ids->len; i++)
    {
      int e = kr_dataset_find_entity (ds, ids->pdata[i]);
      int d = kr_dataset_find_deal (ds, ids->pdata[i]);

      if (e >= 0)
        g_assert_cmpstr (kr_dataset_get_entity (ds, (guint)e)->id, ==, ids->pdata[i]);
      if (d >= 0)
        g_assert_cmpstr (kr_dataset_get_deal (ds, (guint)d)->id, ==, ids->pdata[i]);
    }
}

/* Records are kept in blocks of this many (kr-dataset-private.h): edits at their edges are
 * the ones most likely to go wrong. */
#define RECORD_BLOCK 256

/* A place among @n records: the first, the last, those at the edges of the first blocks, or one
 * at random. */
static guint
pick_place (GRand *rand, guint n)
{
  const guint edges[] = { 0,
                          G_MAXUINT,
                          RECORD_BLOCK - 1,
                          RECORD_BLOCK,
                          RECORD_BLOCK + 1,
                          2 * RECORD_BLOCK - 1,
                          2 * RECORD_BLOCK };
  guint k = (guint)g_rand_int_range (rand, 0, G_N_ELEMENTS (edges) + 3);

  g_assert (n > 0);
  return k < G_N_ELEMENTS (edges) ? MIN (edges[k], n - 1)
                                  : (guint)g_rand_int_range (rand, 0, (gint32)n);
}

/* After entity @other of @before was merged into @keep (named by id): every deal that did not
 * involve @other reads as it did, every one that did involves @keep instead, none names a
 * party twice, and @other is gone. */
static void
assert_merged (KrDataset *before, KrDataset *after, const char *keep, const char *other)
{
  int k = kr_dataset_find_entity (after, keep);
  int o = kr_dataset_find_entity (before, other);

  g_assert_cmpint (k, >=, 0);
  g_assert_cmpint (o, >=, 0);
  g_assert_cmpint (kr_dataset_find_entity (after, other), ==, -1);
  g_assert_cmpuint (kr_dataset_get_n_entities (after), ==, kr_dataset_get_n_entities (before) - 1);
  for (guint i = 0; i < kr_dataset_get_n_deals (after); i++)
    {
      const KrDeal *d = kr_dataset_get_deal (after, i);
      int was = kr_dataset_find_deal (before, d->id);
      const KrDeal *old;

      g_assert_cmpint (was, >=, 0);
      old = kr_dataset_get_deal (before, (guint)was);
      /* A deal that had both keeps one of them. */
      for (guint p = 0; p < d->n_parties; p++)
        for (guint q = 0; q < p; q++)
          g_assert_cmpuint (d->parties[p].entity, !=, d->parties[q].entity);
      if (kr_deal_involves (old, (guint)o))
        g_assert_true (kr_deal_involves (d, (guint)k));
      else
        {
          g_autofree char *then = deal_by_ids (before, old, NULL);
          g_autofree char *now = deal_by_ids (after, d, NULL);

          g_assert_cmpstr (now, ==, then);
        }
    }
}

/* Deletes or merges at @ds's edges, its blocks' edges and at random: each version reads as it
 * did, but for what went, and as it would written and read again; undone, the version before
 * is back; redone, the one made. */
static void
delete_at_edges (GRand *rand, KrEditor *editor, KrUndoStack *undo, GPtrArray *ids)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) before = g_object_ref (kr_editor_get_dataset (editor));
  g_autoptr (KrDataset) again = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *keep = NULL;
  KrDataset *after;
  guint n_entities = kr_dataset_get_n_entities (before);
  guint n_deals = kr_dataset_get_n_deals (before);
  guint n_articles = kr_dataset_get_n_articles (before);
  /* Deleting an article deletes the deals it alone evidences, a twentieth of the map's: it
   * comes less often, so that the map keeps its deals. */
  int what = g_rand_int_range (rand, 0, 10);

  if (what < 3)
    {
      guint i = pick_place (rand, n_entities);

      gone = g_strdup (kr_dataset_get_entity (before, i)->id);
      g_assert_true (kr_editor_delete_entity (editor, i, &error));
    }
  else if (what < 6)
    {
      guint i = pick_place (rand, n_deals);

      gone = g_strdup (kr_dataset_get_deal (before, i)->id);
      g_assert_true (kr_editor_delete_deal (editor, i, &error));
    }
  else if (what == 6 && n_articles > 1)
    {
      guint i = (guint)g_rand_int_range (rand, 0, (gint32)n_articles);

      gone = g_strdup (kr_dataset_get_article (before, i)->id);
      g_assert_true (kr_editor_delete_article (editor, i, &error));
    }
  else
    {
      guint a = pick_place (rand, n_entities), b = pick_place (rand, n_entities);

      if (a == b)
        b = a == 0 ? n_entities - 1 : 0;
      keep = g_strdup (kr_dataset_get_entity (before, a)->id);
      gone = g_strdup (kr_dataset_get_entity (before, b)->id);
      g_assert_true (kr_editor_merge_entities (editor, a, b, &error));
    }
  g_assert_no_error (error);
  after = kr_editor_get_dataset (editor);
  g_assert_true (after != before);
  if (keep != NULL)
    assert_merged (before, after, keep, gone);
  else
    assert_references_kept (before, after, gone);
  g_assert_cmpint (kr_dataset_find_entity (after, gone), ==, -1);
  g_assert_cmpint (kr_dataset_find_deal (after, gone), ==, -1);
  g_assert_cmpint (kr_dataset_find_article (after, gone), ==, -1);
  assert_ids (after, ids);
  again = reread (after);
  kr_test_assert_same_dataset (after, again);

  g_assert_true (kr_undo_stack_undo (undo));
  g_assert_true (kr_editor_get_dataset (editor) == before);
  assert_ids (before, ids);
  g_assert_true (kr_undo_stack_redo (undo));
  g_assert_true (kr_editor_get_dataset (editor) == after);
  kr_test_assert_same_dataset (after, again);
}

/* A benchmark map of @n_entities entities and @n_deals deals, read from the file written. */
static KrDataset *
load_bench (guint n_entities, guint n_deals, guint32 seed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kr-editor-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  KrDataset *ds;

  g_assert_no_error (error);
  kr_bench_write_dataset_with_deals (path, n_entities, n_deals, seed);
  ds = kr_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return ds;
}

/* Versions of a map of several blocks of records, each made from the one before by hundreds of
 * edits, adds and deletions: each reads as it would written and read again, finds every record
 * by its id, and outlives the versions it shares records with, freed in any order. */
static void
test_chains (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261208);
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (KrDataset) read = load_bench (2500, 4000, 29);
  KrDeal deal;

  for (guint i = 0; i < kr_dataset_get_n_entities (read); i += 7)
    g_ptr_array_add (ids, g_strdup (kr_dataset_get_entity (read, i)->id));
  for (guint i = 0; i < kr_dataset_get_n_deals (read); i += 11)
    g_ptr_array_add (ids, g_strdup (kr_dataset_get_deal (read, i)->id));
  editor = kr_editor_new (read, undo);

  /* Adds only: the last block fills and new ones begin. */
  deal = *kr_dataset_get_deal (read, 0);
  for (guint i = 0; i < 1200; i++)
    {
      g_assert_true (kr_editor_add_deal (editor, &deal, NULL, &error));
      g_assert_no_error (error);
    }
  assert_ids (kr_editor_get_dataset (editor), ids);
  for (guint i = 0; i < 200; i++)
    g_assert_true (kr_undo_stack_undo (undo));
  g_assert_cmpuint (kr_dataset_get_n_deals (kr_editor_get_dataset (editor)), ==,
                    kr_dataset_get_n_deals (read) + 1000);
  assert_ids (kr_editor_get_dataset (editor), ids);

  /* Deletions and merges, each made from the version the one before made. */
  for (guint i = 0; i < 60; i++)
    {
      delete_at_edges (rand, editor, undo, ids);
      if (i % 6 == 0)
        {
          g_ptr_array_add (kept, g_object_ref (kr_editor_get_dataset (editor)));
          g_ptr_array_add (written, kr_dataset_writer_write (kr_editor_get_dataset (editor)));
        }
    }

  /* Edits of every kind at random. */
  for (guint i = 0; i < 400; i++)
    {
      KrDataset *ds;

      random_edit (rand, editor, undo);
      ds = kr_editor_get_dataset (editor);
      if (i % 4 == 0)
        assert_ids (ds, ids);
      if (i % 20 == 0)
        {
          g_autoptr (KrDataset) again = reread (ds);

          kr_test_assert_same_dataset (ds, again);
          g_ptr_array_add (kept, g_object_ref (ds));
          g_ptr_array_add (written, kr_dataset_writer_write (ds));
        }
    }
  g_clear_object (&editor);
  g_clear_object (&undo);
  g_clear_object (&read);

  /* The versions kept, freed in an order of their own. */
  while (kept->len > 0)
    {
      guint i = (guint)g_rand_int_range (rand, 0, (gint32)kept->len);

      g_ptr_array_remove_index_fast (kept, i);
      g_ptr_array_remove_index_fast (written, i);
      for (guint j = 0; j < kept->len; j++)
        {
          g_autoptr (GBytes) now = kr_dataset_writer_write (kept->pdata[j]);

          g_assert_true (g_bytes_equal (now, written->pdata[j]));
        }
    }
}

/* Deleting a deal copies the block it was in, not the deals after it, which are shared with the
 * version before wherever they now start. */
static void
test_delete_shares (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) read = load_bench (2500, 8000, 31);
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = kr_editor_new (read, undo);
  guint n_deals = kr_dataset_get_n_deals (read);
  const guint places[] = { 0, 1, RECORD_BLOCK, n_deals / 2, n_deals - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *gone = g_strdup (kr_dataset_get_deal (read, places[i])->id);
      KrDataset *after;

      g_assert_true (kr_editor_delete_deal (editor, places[i], &error));
      g_assert_no_error (error);
      after = kr_editor_get_dataset (editor);
      g_assert_cmpuint (kr_dataset_get_size (after), <, 2 * RECORD_BLOCK * sizeof (KrDeal));
      assert_references_kept (read, after, gone);
      g_assert_true (kr_undo_stack_undo (undo));
    }
}

/* Each edit keeps a version of the dataset for undo: the oldest go when the versions kept would
 * cost more memory than the budget, and the latest is always kept. */
static void
test_undo_budget (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_text = g_strnfill (4000, 'x');
  guint sample = entity (f, "sample");
  KrEntity e = *kr_dataset_get_entity (dataset (f), sample);
  gsize small, large;

  (void)data;
  small = kr_dataset_get_size (dataset (f));
  g_assert_cmpuint (small, >, 0);
  e.description = long_text;
  g_assert_true (kr_editor_set_entity (f->editor, sample, &e, &error));
  g_assert_no_error (error);
  /* The version shares the strings of the one read: it costs what the edit added. */
  large = kr_dataset_get_size (dataset (f));
  g_assert_cmpuint (large, >=, 4000);
  g_assert_cmpuint (large, <, small + 4000);

  /* Room for two versions and a half: of five edits like it, the last two can be undone. */
  kr_undo_stack_set_budget (f->undo, large * 5 / 2);
  for (guint i = 0; i < 5; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "Name %u", i);
      e = *kr_dataset_get_entity (dataset (f), sample);
      e.name = name;
      e.description = long_text;
      g_assert_true (kr_editor_set_entity (f->editor, sample, &e, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (kr_undo_stack_get_length (f->undo), ==, 2);
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_false (kr_undo_stack_can_undo (f->undo));
  g_assert_cmpstr (kr_dataset_get_entity (dataset (f), sample)->name, ==, "Name 2");
  g_assert_true (kr_undo_stack_redo (f->undo));
  g_assert_true (kr_undo_stack_redo (f->undo));
  g_assert_cmpstr (kr_dataset_get_entity (dataset (f), sample)->name, ==, "Name 4");

  /* An edit larger than the whole budget can still be undone. */
  kr_undo_stack_set_budget (f->undo, 1);
  e = *kr_dataset_get_entity (dataset (f), sample);
  e.name = "Last";
  g_assert_true (kr_editor_set_entity (f->editor, sample, &e, &error));
  g_assert_cmpuint (kr_undo_stack_get_length (f->undo), ==, 1);
  g_assert_true (kr_undo_stack_undo (f->undo));
  g_assert_cmpstr (kr_dataset_get_entity (dataset (f), sample)->name, ==, "Name 4");
}

/* An edit to a dataset of 5,000 entities takes well under a keystroke's time. */
static void
test_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) large = load_bench (5000, 5000 * 5 / 4, 17);
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  KrEntity e;
  double seconds;

  editor = kr_editor_new (large, undo);
  e = *kr_dataset_get_entity (large, 10);
  e.name = "Renamed";
  g_timer_start (timer);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (GPtrArray) problems = kr_editor_check_entity (editor, 10, &e);
      g_assert_cmpuint (problems->len, ==, 0);
    }
  g_assert_true (kr_editor_set_entity (editor, 10, &e, &error));
  seconds = g_timer_elapsed (timer, NULL) / 11;
  g_test_message ("an edit of 5,000 entities: %.1f ms", seconds * 1000);
  /* Generous, for a busy machine under a sanitizer. */
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_cmpstr (kr_dataset_get_entity (kr_editor_get_dataset (editor), 10)->name, ==, "Renamed");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/editor/set-entity", Fixture, "minimal.json", fixture_set_up, test_set_entity,
              fixture_tear_down);
  g_test_add ("/editor/refused", Fixture, "minimal.json", fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/editor/add", Fixture, "minimal.json", fixture_set_up, test_add, fixture_tear_down);
  g_test_add ("/editor/add-article-text", Fixture, "minimal.json", fixture_set_up,
              test_add_article_text, fixture_tear_down);
  g_test_add ("/editor/add-excerpt", Fixture, "minimal.json", fixture_set_up, test_add_excerpt,
              fixture_tear_down);
  g_test_add ("/editor/delete", Fixture, "minimal.json", fixture_set_up, test_delete,
              fixture_tear_down);
  g_test_add ("/editor/merge", Fixture, "minimal.json", fixture_set_up, test_merge,
              fixture_tear_down);
  g_test_add ("/editor/random/minimal", Fixture, "minimal.json", fixture_set_up, test_random,
              fixture_tear_down);
  g_test_add ("/editor/random/builtin", Fixture, NULL, fixture_set_up, test_random,
              fixture_tear_down);
  g_test_add ("/editor/undo-budget", Fixture, "minimal.json", fixture_set_up, test_undo_budget,
              fixture_tear_down);
  g_test_add ("/editor/versions", Fixture, NULL, fixture_set_up, test_versions, fixture_tear_down);
  g_test_add_func ("/editor/large", test_large);
  g_test_add_func ("/editor/chains", test_chains);
  g_test_add_func ("/editor/delete-shares", test_delete_shares);
  return g_test_run ();
}
