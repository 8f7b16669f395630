/* test-saved-views.c — views saved under a name, and their member of the views file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kr-saved-views.h"
#include "kr-test-data.h"
#include "kr-views-file.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* A view with every part of a filter that can go together with a focus. */
static void
fill_focus_view (KrSavedView *view, const char *name)
{
  KrFilter *f = &view->filter;

  view->name = g_strdup (name);
  g_assert_true (kr_filter_parse_term (f, "deal-kind=alliance,investment", NULL));
  g_assert_true (kr_filter_parse_term (f, "status=active", NULL));
  g_assert_true (kr_filter_parse_term (f, "entity-kind=company", NULL));
  g_assert_true (kr_filter_parse_term (f, "country=JP,FR", NULL));
  g_assert_true (kr_filter_parse_term (f, "article=early", NULL));
  g_assert_true (kr_filter_parse_term (f, "from=2020", NULL));
  g_assert_true (kr_filter_parse_term (f, "to=2023-06", NULL));
  g_assert_true (kr_filter_parse_term (f, "hide-isolated", NULL));
  f->focus = g_strdup ("a");
  f->depth = 2;
  f->radial = TRUE;
  f->as_reported = g_strdup ("2022-05-01");
  view->engine = g_strdup ("neato");
  view->direction = g_strdup ("TB");
  view->framed = TRUE;
  view->x = 120.5;
  view->y = -40.25;
  view->zoom = 0.75;
}

static void
assert_same_filter (const KrFilter *a, const KrFilter *b)
{
  g_autofree char *ta = kr_filter_terms_to_string (a);
  g_autofree char *tb = kr_filter_terms_to_string (b);

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (a->focus, ==, b->focus);
  g_assert_cmpuint (a->depth, ==, b->depth);
  g_assert_cmpint (a->radial, ==, b->radial);
  g_assert_cmpstr (a->path_from, ==, b->path_from);
  g_assert_cmpstr (a->path_to, ==, b->path_to);
  g_assert_cmpstr (a->as_of, ==, b->as_of);
  g_assert_cmpstr (a->as_reported, ==, b->as_reported);
}

static KrSavedViews *
round_trip (KrSavedViews *views)
{
  g_autoptr (JsonNode) node = kr_saved_views_to_json (views);
  g_autofree char *text = json_to_string (node, TRUE);
  g_autoptr (JsonNode) again = parse (text);
  g_autoptr (GError) error = NULL;
  KrSavedViews *read = kr_saved_views_new ();

  g_assert_true (kr_saved_views_load (read, again, &error));
  g_assert_no_error (error);
  return read;
}

static void
test_round_trip (void)
{
  g_autoptr (KrSavedViews) views = kr_saved_views_new ();
  g_autoptr (KrSavedViews) read = NULL;
  g_auto (KrSavedView) focus = KR_SAVED_VIEW_INIT;
  g_auto (KrSavedView) path = KR_SAVED_VIEW_INIT;
  g_auto (KrSavedView) bare = KR_SAVED_VIEW_INIT;

  fill_focus_view (&focus, "Around A");
  path.name = g_strdup ("  A to F  ");
  path.filter.path_from = g_strdup ("a");
  path.filter.path_to = g_strdup ("f");
  path.filter.as_of = g_strdup ("2021");
  bare.name = g_strdup ("Everything");
  g_assert_true (kr_saved_views_put (views, &focus, -1, NULL));
  g_assert_true (kr_saved_views_put (views, &path, -1, NULL));
  g_assert_true (kr_saved_views_put (views, &bare, 0, NULL));

  read = round_trip (views);
  g_assert_cmpuint (kr_saved_views_get_n_views (read), ==, 3);
  {
    g_auto (GStrv) names = kr_saved_views_get_names (read);
    const char *const expected[] = { "Everything", "Around A", "A to F", NULL };
    g_assert_cmpstrv (names, expected);
  }
  {
    const KrSavedView *v = kr_saved_views_get_view (read, 1);
    assert_same_filter (&v->filter, &focus.filter);
    g_assert_cmpstr (v->engine, ==, "neato");
    g_assert_cmpstr (v->direction, ==, "TB");
    g_assert_true (v->framed);
    g_assert_cmpfloat (v->x, ==, 120.5);
    g_assert_cmpfloat (v->y, ==, -40.25);
    g_assert_cmpfloat (v->zoom, ==, 0.75);
  }
  {
    const KrSavedView *v = kr_saved_views_get_view (read, 2);
    assert_same_filter (&v->filter, &path.filter);
    g_assert_null (v->engine);
    g_assert_false (v->framed);
  }
  g_assert_true (kr_filter_is_empty (&kr_saved_views_get_view (read, 0)->filter));
}

/* Every part of a filter has its member: a new part without one fails here. */
static void
test_every_part_written (void)
{
  g_auto (KrSavedView) focus = KR_SAVED_VIEW_INIT;
  g_autoptr (KrSavedViews) views = kr_saved_views_new ();
  g_autoptr (JsonNode) node = NULL;
  JsonObject *filter;

  fill_focus_view (&focus, "All");
  g_assert_true (kr_saved_views_put (views, &focus, -1, NULL));
  node = kr_saved_views_to_json (views);
  filter = json_object_get_object_member (
      json_array_get_object_element (json_node_get_array (node), 0), "filter");
  for (guint p = 0; p < KR_N_FILTER_PARTS; p++)
    if (p != KR_FILTER_PART_PATH)
      g_assert_true (json_object_has_member (filter, kr_filter_part_to_token (p)));
  g_assert_cmpuint (json_object_get_size (filter), ==, KR_N_FILTER_PARTS - 1);
}

static void
test_names (void)
{
  g_autoptr (KrSavedViews) views = kr_saved_views_new ();
  g_auto (KrSavedView) view = KR_SAVED_VIEW_INIT;
  g_autoptr (GError) error = NULL;
  g_autofree char *trimmed = kr_saved_view_check_name ("  Nissan ", NULL);
  g_autofree char *long_name = g_strnfill (KR_SAVED_VIEW_NAME_MAX + 1, 'x');
  g_autofree char *longest = g_strnfill (KR_SAVED_VIEW_NAME_MAX, 'x');
  g_autofree char *fits = kr_saved_view_check_name (longest, NULL);

  g_assert_cmpstr (trimmed, ==, "Nissan");
  g_assert_nonnull (fits);
  g_assert_null (kr_saved_view_check_name ("   ", &error));
  g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME);
  g_clear_error (&error);
  g_assert_null (kr_saved_view_check_name (long_name, &error));
  g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME);
  g_clear_error (&error);
  g_assert_null (kr_saved_view_check_name ("two\nlines", &error));
  g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME);
  g_clear_error (&error);

  view.name = g_strdup ("One");
  g_assert_true (kr_saved_views_put (views, &view, -1, NULL));
  g_free (view.name);
  view.name = g_strdup ("Two");
  view.filter.hide_isolated = TRUE;
  g_assert_true (kr_saved_views_put (views, &view, -1, NULL));

  /* The same name replaces the view where it is. */
  g_free (view.name);
  view.name = g_strdup (" One ");
  g_assert_true (kr_saved_views_put (views, &view, -1, NULL));
  g_assert_cmpuint (kr_saved_views_get_n_views (views), ==, 2);
  g_assert_cmpint (kr_saved_views_find (views, "One"), ==, 0);
  g_assert_true (kr_saved_views_get_view (views, 0)->filter.hide_isolated);

  g_assert_false (kr_saved_views_rename (views, "One", "Two", &error));
  g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (kr_saved_views_rename (views, "Three", "Four", &error));
  g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (kr_saved_views_rename (views, "One", "", &error));
  g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME);
  g_clear_error (&error);
  g_assert_true (kr_saved_views_rename (views, "One", "Uno ", &error));
  g_assert_cmpint (kr_saved_views_find (views, "Uno"), ==, 0);

  g_assert_cmpint (kr_saved_views_remove (views, "Uno"), ==, 0);
  g_assert_cmpint (kr_saved_views_remove (views, "Uno"), ==, -1);
  g_assert_cmpuint (kr_saved_views_get_n_views (views), ==, 1);
  g_assert_cmpint (kr_saved_views_remove (views, "Two"), ==, 0);
  /* No views, no member. */
  g_assert_null (kr_saved_views_to_json (views));
}

static void
test_bad_input (void)
{
  static const struct
  {
    const char *json;
    const char *place;
  } cases[] = {
    { "{}", "$.views: " },
    { "[{\"filter\": {}}]", "$.views[0]: " },
    { "[{\"name\": \"\"}]", "$.views[0].name: " },
    { "[{\"name\": 3}]", "$.views[0].name: " },
    { "[{\"name\": \"a\"}, {\"name\": \"a\"}]", "$.views[1].name: " },
    { "[{\"name\": \"a\"}, {\"name\": \"b\", \"filter\": {\"deal-kinds\": [\"alliance\", "
      "\"friendship\"]}}]",
      "$.views[1].filter.deal-kinds[1]: " },
    { "[{\"name\": \"a\", \"filter\": {\"statuses\": []}}]", "$.views[0].filter.statuses: " },
    { "[{\"name\": \"a\", \"filter\": {\"focus\": {\"entity\": \"x\", \"depth\": 9}}}]",
      "$.views[0].filter.focus.depth: " },
    { "[{\"name\": \"a\", \"filter\": {\"focus\": {\"depth\": 1}}}]", "$.views[0].filter.focus: " },
    { "[{\"name\": \"a\", \"filter\": {\"time\": {\"as-of\": \"2023-13\"}}}]",
      "$.views[0].filter.time.as-of: " },
    { "[{\"name\": \"a\", \"filter\": {\"time\": {}}}]", "$.views[0].filter.time: " },
    { "[{\"name\": \"a\", \"filter\": {\"mood\": \"happy\"}}]", "$.views[0].filter.mood: " },
    { "[{\"name\": \"a\", \"filter\": {\"countries\": [\"JP\", 4]}}]",
      "$.views[0].filter.countries[1]: " },
    { "[{\"name\": \"a\", \"filter\": {\"focus\": {\"entity\": \"a\"}, \"path\": {\"from\": "
      "\"a\", \"to\": \"b\"}}}]",
      "$.views[0].filter: " },
    { "[{\"name\": \"a\", \"viewport\": {\"x\": 1, \"y\": 2}}]", "$.views[0].viewport: " },
    { "[{\"name\": \"a\", \"viewport\": {\"x\": 1, \"y\": 2, \"zoom\": 0}}]",
      "$.views[0].viewport.zoom: " },
    { "[{\"name\": \"a\", \"engine\": false}]", "$.views[0].engine: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KrSavedViews) views = kr_saved_views_new ();
      g_autoptr (JsonNode) node = parse (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_auto (KrSavedView) good = KR_SAVED_VIEW_INIT;

      good.name = g_strdup ("kept?");
      g_assert_true (kr_saved_views_put (views, &good, -1, NULL));
      g_test_message ("%s", cases[i].json);
      g_assert_false (kr_saved_views_load (views, node, &error));
      g_assert_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].place));
      g_assert_cmpuint (kr_saved_views_get_n_views (views), ==, 0);
    }
}

/* What a later version writes into a view comes back out as it was. */
static void
test_later_members_kept (void)
{
  g_autoptr (KrSavedViews) views = kr_saved_views_new ();
  g_autoptr (JsonNode) node = parse ("[{\"name\": \"a\", \"colour\": \"teal\", \"layers\": "
                                     "{\"x\": [1, 2]}, \"filter\": {\"hide-isolated\": true}}]");
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (KrSavedView) copy = KR_SAVED_VIEW_INIT;
  JsonObject *view;

  g_assert_true (kr_saved_views_load (views, node, &error));
  g_assert_no_error (error);
  /* Renaming, and a copy saved under another name, keep them too. */
  g_assert_true (kr_saved_views_rename (views, "a", "b", NULL));
  kr_saved_view_copy (&copy, kr_saved_views_get_view (views, 0));
  g_free (copy.name);
  copy.name = g_strdup ("c");
  g_assert_true (kr_saved_views_put (views, &copy, -1, NULL));
  out = kr_saved_views_to_json (views);
  for (guint i = 0; i < 2; i++)
    {
      view = json_array_get_object_element (json_node_get_array (out), i);
      g_assert_cmpstr (json_object_get_string_member (view, "colour"), ==, "teal");
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (
                           json_object_get_object_member (view, "layers"), "x")),
                       ==, 2);
    }
}

/* The member goes in and out of a views file beside the dataset, with the other members. */
static void
test_in_views_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kr-saved-views-XXXXXX", NULL);
  g_autoptr (GFile) dataset = g_file_new_build_filename (dir, "alliances.json", NULL);
  g_autoptr (GFile) path = kr_views_file_beside (dataset);
  g_autoptr (KrViewsFile) file = kr_views_file_new (path);
  g_autoptr (KrViewsFile) again = kr_views_file_new (path);
  g_autoptr (KrSavedViews) views = kr_saved_views_new ();
  g_autoptr (KrSavedViews) read = kr_saved_views_new ();
  g_auto (KrSavedView) view = KR_SAVED_VIEW_INIT;
  g_autoptr (GError) error = NULL;

  fill_focus_view (&view, "Around A");
  g_assert_true (kr_saved_views_put (views, &view, -1, NULL));
  kr_views_file_set_member (file, "positions", parse ("{\"a\": [1, 2]}"));
  kr_views_file_set_member (file, KR_SAVED_VIEWS_MEMBER, kr_saved_views_to_json (views));
  g_assert_true (kr_views_file_save (file, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (kr_views_file_load (again, NULL, &error));
  g_assert_true (
      kr_saved_views_load (read, kr_views_file_get_member (again, KR_SAVED_VIEWS_MEMBER), &error));
  g_assert_no_error (error);
  assert_same_filter (&kr_saved_views_get_view (read, 0)->filter, &view.filter);
  g_assert_nonnull (kr_views_file_get_member (again, "positions"));
  g_assert_true (g_file_delete (path, NULL, NULL));
  g_assert_true (g_rmdir (dir) == 0);
}

static void
test_fit (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_good ("network.json");
  g_auto (KrFilter) filter = KR_FILTER_INIT;
  g_autofree char *gone = NULL;
  g_autofree char *none = NULL;

  filter.focus = g_strdup ("a");
  filter.articles = g_strsplit ("early,vanished", ",", -1);
  filter.hide_isolated = TRUE;
  none = kr_saved_view_fit (&filter, dataset);
  g_assert_nonnull (none); /* "vanished" */
  g_assert_nonnull (strstr (none, "vanished"));
  g_assert_cmpstr (filter.focus, ==, "a");
  g_assert_cmpstr (filter.articles[0], ==, "early");
  g_assert_null (filter.articles[1]);

  g_clear_pointer (&filter.focus, g_free);
  filter.path_from = g_strdup ("gone-entity");
  filter.path_to = g_strdup ("f");
  gone = kr_saved_view_fit (&filter, dataset);
  g_assert_nonnull (strstr (gone, "gone-entity"));
  g_assert_false (kr_filter_has_part (&filter, KR_FILTER_PART_PATH));
  g_assert_true (filter.hide_isolated);
  g_assert_null (kr_saved_view_fit (&filter, dataset));
}

/* The samples of the views file's JSON Schema read as it says: the good one whole, the bad
 * ones not at all. */
static void
test_schema_samples (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "views", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint bad = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (KrViewsFile) views_file = kr_views_file_new (file);
      g_autoptr (KrSavedViews) views = kr_saved_views_new ();
      g_autoptr (GError) error = NULL;
      gboolean read;

      /* The other samples are of other members. */
      if (!g_str_has_suffix (name, ".views.json"))
        continue;
      g_assert_true (kr_views_file_load (views_file, NULL, &error));
      read = kr_saved_views_load (
          views, kr_views_file_get_member (views_file, KR_SAVED_VIEWS_MEMBER), &error);
      g_test_message ("%s: %s", name, error != NULL ? error->message : "read");
      if (g_str_has_prefix (name, "bad-"))
        {
          g_assert_false (read);
          bad++;
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (kr_saved_views_get_n_views (views), ==, 3);
          g_assert_true (kr_saved_views_get_view (views, 0)->filter.radial);
        }
    }
  g_assert_cmpuint (bad, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/saved-views/round-trip", test_round_trip);
  g_test_add_func ("/saved-views/every-part-written", test_every_part_written);
  g_test_add_func ("/saved-views/names", test_names);
  g_test_add_func ("/saved-views/bad-input", test_bad_input);
  g_test_add_func ("/saved-views/later-members-kept", test_later_members_kept);
  g_test_add_func ("/saved-views/in-views-file", test_in_views_file);
  g_test_add_func ("/saved-views/fit", test_fit);
  g_test_add_func ("/saved-views/schema-samples", test_schema_samples);
  return g_test_run ();
}
