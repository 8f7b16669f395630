/* test-view.c — a view of a dataset, without a display: what it shows, what stands out, the
 * history, the timeline's dates and the filters it remembers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kr-test-data.h"
#include "kr-view.h"

/* tests/data/good/network.json: entities a b c d e f lone (0–6); deals ab bd ac cdf ea (0–4). */

static void
record_change (KrView *view, guint what, guint *changes)
{
  *changes |= what;
}

/* The entities the view shows, by id, space-separated; "all" when it shows everything. */
static char *
shown_entities (KrView *view)
{
  KrDataset *ds = kr_view_get_dataset (view);
  const gboolean *shown = kr_view_get_shown_entities (view);
  GString *s = g_string_new (NULL);

  if (shown == NULL)
    return g_string_free (s, FALSE), g_strdup ("all");
  for (guint e = 0; e < kr_dataset_get_n_entities (ds); e++)
    if (shown[e])
      g_string_append_printf (s, "%s%s", s->len ? " " : "", kr_dataset_get_entity (ds, e)->id);
  return g_string_free (s, FALSE);
}

static void
test_filter (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrView) view = kr_view_new (NULL);
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  g_autoptr (GError) error = NULL;
  g_autofree char *shown = NULL;
  guint changes = 0;

  g_signal_connect (view, "changed", G_CALLBACK (record_change), &changes);

  /* Before any dataset, nothing can be filtered, and nothing breaks. */
  g_assert_false (kr_view_set_time (view, "2023", FALSE, &error));
  g_assert_error (error, KR_VIEW_ERROR, KR_VIEW_ERROR_NO_DATASET);
  g_clear_error (&error);
  g_assert_null (kr_view_list_chains (view, 10));
  g_assert_cmpuint (changes, ==, 0);

  g_assert_true (kr_view_set_dataset (view, ds, "test:network", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==,
                    KR_VIEW_CHANGED_DATASET | KR_VIEW_CHANGED_FILTER | KR_VIEW_CHANGED_HISTORY);
  g_assert_true (kr_view_get_dataset (view) == ds);
  g_assert_true (kr_filter_is_empty (kr_view_get_filter (view)));
  g_assert_null (kr_view_get_shown_entities (view));
  g_assert_null (kr_view_get_shown_deals (view));

  /* A filter shows its part of the map, and says so. */
  changes = 0;
  g_assert_true (kr_filter_parse_term (&filter, "deal-kind=alliance", NULL));
  g_assert_true (kr_filter_parse_term (&filter, "hide-isolated", NULL));
  g_assert_true (kr_view_set_filter (view, &filter, &error));
  g_assert_cmpuint (changes, ==, KR_VIEW_CHANGED_FILTER);
  shown = shown_entities (view);
  g_assert_cmpstr (shown, ==, "a b");
  g_assert_true (kr_view_get_shown_deals (view)[0]);
  g_assert_false (kr_view_get_shown_deals (view)[1]);

  /* One that cannot be shown leaves the view as it was, and says why. */
  changes = 0;
  kr_filter_clear (&filter);
  filter.focus = g_strdup ("nobody");
  g_assert_false (kr_view_set_filter (view, &filter, &error));
  g_assert_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID);
  g_clear_error (&error);
  kr_filter_clear (&filter);
  g_assert_true (kr_filter_parse_term (&filter, "country=NONE", NULL));
  g_assert_false (kr_view_set_filter (view, &filter, &error));
  g_assert_error (error, KR_VIEW_ERROR, KR_VIEW_ERROR_NOTHING_SHOWN);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 0);
  g_clear_pointer (&shown, g_free);
  shown = shown_entities (view);
  g_assert_cmpstr (shown, ==, "a b");

  /* Parts go one at a time; clearing shows everything. */
  g_assert_true (kr_view_clear_part (view, KR_FILTER_PART_HIDE_ISOLATED, &error));
  g_assert_true (kr_filter_has_part (kr_view_get_filter (view), KR_FILTER_PART_DEAL_KINDS));
  g_assert_false (kr_filter_has_part (kr_view_get_filter (view), KR_FILTER_PART_HIDE_ISOLATED));
  kr_view_clear (view);
  g_assert_true (kr_filter_is_empty (kr_view_get_filter (view)));
  g_assert_null (kr_view_get_shown_entities (view));
}

static void
test_focus_and_path (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrView) view = kr_view_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) chains = NULL;
  g_autofree char *around = NULL;
  g_autofree char *farther = NULL;
  g_autofree char *path = NULL;
  guint changes = 0;

  kr_view_set_dataset (view, ds, "test:network", NULL);
  g_signal_connect (view, "changed", G_CALLBACK (record_change), &changes);

  /* A focus reaches as far as the depth; a new depth moves the focus shown. */
  g_assert_true (kr_view_focus (view, "d", &error));
  around = shown_entities (view);
  g_assert_cmpstr (around, ==, "b c d f");
  g_assert_true (kr_view_set_focus_depth (view, 2, &error));
  g_assert_cmpuint (kr_view_get_filter (view)->depth, ==, 2);
  farther = shown_entities (view);
  g_assert_cmpstr (farther, ==, "a b c d e f"); /* e by the deal c urged */

  /* Radial is a choice of this focus: on and off again it shows the same, a new focus starts
   * without it, and it goes with the focus; without one, there is nothing to turn on. */
  changes = 0;
  g_assert_true (kr_view_set_focus_radial (view, TRUE, &error));
  g_assert_true (kr_view_get_filter (view)->radial);
  g_assert_cmpuint (changes, ==, KR_VIEW_CHANGED_FILTER);
  g_clear_pointer (&farther, g_free);
  farther = shown_entities (view);
  g_assert_cmpstr (farther, ==, "a b c d e f");
  g_assert_true (kr_view_set_focus_radial (view, FALSE, &error));
  g_assert_false (kr_view_get_filter (view)->radial);
  g_assert_true (kr_view_set_focus_radial (view, TRUE, &error));
  g_assert_true (kr_view_focus (view, "b", &error));
  g_assert_false (kr_view_get_filter (view)->radial);
  g_assert_true (kr_view_set_focus_radial (view, TRUE, &error));
  g_assert_true (kr_view_clear_part (view, KR_FILTER_PART_FOCUS, &error));
  g_assert_false (kr_view_get_filter (view)->radial);
  changes = 0;
  g_assert_true (kr_view_set_focus_radial (view, TRUE, &error));
  g_assert_false (kr_view_get_filter (view)->radial);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (kr_view_focus (view, "d", &error));
  g_assert_true (kr_view_set_focus_radial (view, TRUE, &error));

  /* A path begun and ended on the same entity chooses nothing, and changes nothing. */
  changes = 0;
  kr_view_start_path (view, "a");
  g_assert_cmpstr (kr_view_get_path_start (view), ==, "a");
  g_assert_false (kr_view_finish_path (view, "a", &error));
  g_assert_no_error (error);
  g_assert_null (kr_view_get_path_start (view));
  g_assert_cmpuint (changes, ==, 0);

  /* A path replaces the focus and lists its chains. */
  kr_view_start_path (view, "a");
  g_assert_true (kr_view_finish_path (view, "d", &error));
  g_assert_null (kr_view_get_filter (view)->focus);
  g_assert_false (kr_view_get_filter (view)->radial);
  path = shown_entities (view);
  g_assert_cmpstr (path, ==, "a b c d");
  chains = kr_view_list_chains (view, 10);
  g_assert_cmpuint (chains->len, ==, 3); /* by ab-bd, ac-cdf, and ea (which c urged)-cdf */
  g_assert_cmpuint (g_array_index ((GArray *)chains->pdata[0], guint, 0), ==, 0);
}

static void
dates_listed (GObject *source, GAsyncResult *result, gpointer data)
{
  char ***dates = data;
  g_autoptr (GError) error = NULL;

  *dates = kr_view_list_dates_finish (KR_VIEW (source), result, &error);
  g_assert_no_error (error);
}

static char *
list_dates (KrView *view, gboolean reported)
{
  char **dates = NULL;
  char *joined;

  kr_view_list_dates_async (view, reported, NULL, dates_listed, &dates);
  while (dates == NULL)
    g_main_context_iteration (NULL, TRUE);
  joined = g_strjoinv (" ", dates);
  g_strfreev (dates);
  return joined;
}

/* The timeline's dates are those at which the view shows something, in either mode. */
static void
test_dates (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrView) view = kr_view_new (NULL);
  g_autofree char *as_of = NULL;
  g_autofree char *reported = NULL;
  g_autofree char *none = NULL;

  none = list_dates (view, FALSE);
  g_assert_cmpstr (none, ==, "");
  kr_view_set_dataset (view, ds, "test:network", NULL);
  as_of = list_dates (view, FALSE);
  reported = list_dates (view, TRUE);
  /* Every dataset date shows something as of it (undated deals are always there); as
   * reported, nothing had been published before the first article. A date that shows what the
   * one before it showed is left out, or playing through time would stall there: as of the
   * first article's date (2022-03-01) or the end of a deal's month (2022-06), nothing began or
   * ended; as reported by a date on which nothing was published (2022-06, or 2023-07-15 and
   * 2024-01, after the last article), nothing more had been said. "2023", a year, reaches
   * the article of 2023-07 and the deals begun in that year. */
  g_assert_cmpstr (as_of, ==, "2021 2023 2024-01");
  g_assert_cmpstr (reported, ==, "2022-03-01 2023");
  g_assert_true (kr_view_set_time (view, "2022-03-01", TRUE, NULL));
  g_assert_cmpstr (kr_view_get_filter (view)->as_reported, ==, "2022-03-01");
  g_assert_true (kr_view_set_time (view, NULL, FALSE, NULL));
  g_assert_true (kr_filter_is_empty (kr_view_get_filter (view)));
}

static void
test_highlights (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrView) view = kr_view_new (NULL);
  const guint *entities, *deals;
  guint n_entities, n_deals, changes = 0;
  guint some[] = { 1, 2 };

  kr_view_set_dataset (view, ds, "test:network", NULL);
  g_signal_connect (view, "changed", G_CALLBACK (record_change), &changes);
  kr_view_set_highlights (view, some, 2, NULL, 0);
  g_assert_cmpuint (changes, ==, KR_VIEW_CHANGED_HIGHLIGHTS);
  entities = kr_view_get_highlighted_entities (view, &n_entities);
  g_assert_cmpuint (n_entities, ==, 2);
  g_assert_cmpuint (entities[1], ==, 2);

  /* An article: what it evidences, and who. */
  kr_view_highlight_article (view, (guint)kr_dataset_find_article (ds, "early"));
  deals = kr_view_get_highlighted_deals (view, &n_deals);
  g_assert_cmpuint (n_deals, >, 0);
  for (guint i = 0; i < n_deals; i++)
    {
      const KrDeal *d = kr_dataset_get_deal (ds, deals[i]);
      g_assert_true (kr_evidence_cites (d->evidence, d->n_evidence,
                                        (guint)kr_dataset_find_article (ds, "early")));
    }
  kr_view_get_highlighted_entities (view, &n_entities);
  g_assert_cmpuint (n_entities, >=, 2);

  changes = 0;
  kr_view_clear_highlights (view);
  kr_view_get_highlighted_entities (view, &n_entities);
  g_assert_cmpuint (n_entities, ==, 0);
  g_assert_cmpuint (changes, ==, KR_VIEW_CHANGED_HIGHLIGHTS);
  /* Clearing what is already clear is no change. */
  changes = 0;
  kr_view_clear_highlights (view);
  g_assert_cmpuint (changes, ==, 0);
}

static void
test_history (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrDataset) other = kr_test_load_good ("minimal.json");
  g_autoptr (KrView) view = kr_view_new (NULL);
  KrItemKind kind;
  guint index;

  kr_view_set_dataset (view, ds, "test:network", NULL);
  g_assert_false (kr_view_can_go (view, -1));
  kr_view_remember (view, KR_ITEM_ENTITY, "a");
  kr_view_remember (view, KR_ITEM_DEAL, "ab");
  kr_view_remember (view, KR_ITEM_DEAL, "ab"); /* the same again is no new step */
  kr_view_remember (view, KR_ITEM_ENTITY, "b");
  g_assert_true (kr_view_can_go (view, -1));
  g_assert_false (kr_view_can_go (view, 1));

  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpint (kind, ==, KR_ITEM_DEAL);
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_deal (ds, "ab"));
  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpint (kind, ==, KR_ITEM_ENTITY);
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_entity (ds, "a"));
  g_assert_false (kr_view_go (view, -1, &kind, &index));
  g_assert_true (kr_view_go (view, 1, &kind, &index));
  g_assert_cmpint (kind, ==, KR_ITEM_DEAL);

  /* A new selection drops what lay ahead. */
  kr_view_remember (view, KR_ITEM_ENTITY, "lone");
  g_assert_false (kr_view_can_go (view, 1));
  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_deal (ds, "ab"));

  /* Left for what the history does not keep (the chains of a path, nothing selected), Back
   * returns to the selection first; Forward goes on as before. */
  kr_view_remember (view, KR_ITEM_ENTITY, "b");
  kr_view_leave (view);
  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_entity (ds, "b"));
  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_deal (ds, "ab"));
  kr_view_leave (view);
  g_assert_true (kr_view_go (view, 1, &kind, &index));
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_entity (ds, "b"));
  /* Selecting it again is being back. */
  kr_view_leave (view);
  kr_view_remember (view, KR_ITEM_ENTITY, "b");
  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpuint (index, ==, (guint)kr_dataset_find_deal (ds, "ab"));

  /* A new version of the dataset keeps the history; another dataset starts afresh. */
  kr_view_set_dataset (view, ds, "test:network", NULL);
  g_assert_true (kr_view_can_go (view, -1));
  kr_view_set_dataset (view, other, "test:minimal", NULL);
  g_assert_false (kr_view_can_go (view, -1));
  g_assert_false (kr_view_can_go (view, 1));

  /* With one selection only, and nothing before it, Back leads to it once it is left. */
  kr_view_leave (view);
  g_assert_false (kr_view_can_go (view, -1));
  kr_view_remember (view, KR_ITEM_ENTITY, "sample");
  g_assert_false (kr_view_can_go (view, -1));
  kr_view_leave (view);
  g_assert_true (kr_view_can_go (view, -1));
  g_assert_true (kr_view_go (view, -1, &kind, &index));
  g_assert_cmpint (kind, ==, KR_ITEM_ENTITY);
  g_assert_false (kr_view_can_go (view, -1));
}

/* The filters chosen for a dataset come back with it; a new version of it keeps the view as
 * far as it still fits. */
static void
test_remembered (void)
{
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrDataset) other = kr_test_load_good ("minimal.json");
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (KrView) view = kr_view_new (settings);
  g_autoptr (KrView) later = kr_view_new (settings);
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) saved = NULL;
  const char *terms = NULL;

  g_settings_reset (settings, "dataset-filters");
  kr_view_set_dataset (view, ds, "test:network", NULL);
  g_assert_true (kr_filter_parse_term (&filter, "deal-kind=alliance", NULL));
  filter.focus = g_strdup ("a");
  filter.radial = TRUE;
  g_assert_true (kr_view_set_filter (view, &filter, NULL));
  saved = g_settings_get_value (settings, "dataset-filters");
  /* Focus (radial or not), paths and time are not remembered. */
  g_assert_true (g_variant_lookup (saved, "test:network", "&s", &terms));
  g_assert_cmpstr (terms, ==, "deal-kind=alliance");

  kr_view_set_dataset (later, ds, "test:network", NULL);
  g_assert_cmpuint (kr_view_get_filter (later)->deal_kinds, ==, 1u << KR_DEAL_ALLIANCE);
  g_assert_null (kr_view_get_filter (later)->focus);
  g_assert_false (kr_view_get_filter (later)->radial);

  /* The new version no longer has the entity in focus: everything is shown, and why said. */
  g_assert_false (kr_view_set_dataset (view, other, "test:network", &error));
  g_assert_error (error, KR_FILTER_ERROR, KR_FILTER_ERROR_INVALID);
  g_assert_true (kr_filter_is_empty (kr_view_get_filter (view)));
  g_assert_null (kr_view_get_shown_entities (view));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/view/filter", test_filter);
  g_test_add_func ("/view/focus-and-path", test_focus_and_path);
  g_test_add_func ("/view/dates", test_dates);
  g_test_add_func ("/view/highlights", test_highlights);
  g_test_add_func ("/view/history", test_history);
  g_test_add_func ("/view/remembered", test_remembered);
  return g_test_run ();
}
