/* test-views-file.c — the file of positions and saved views beside a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kr-views-file.h"

typedef struct
{
  char *dir;
  GFile *file;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GFile) dataset = NULL;

  f->dir = g_dir_make_tmp ("kr-views-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  dataset = g_file_new_build_filename (f->dir, "alliances.json", NULL);
  f->file = kr_views_file_beside (dataset);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_object_unref (f->file);
}

static void
write_text (Fixture *f, const char *text)
{
  g_autofree char *path = g_file_get_path (f->file);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static char *
read_text (Fixture *f)
{
  g_autofree char *path = g_file_get_path (f->file);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static JsonNode *
number (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_double (node, value);
  return node;
}

static void
test_beside (void)
{
  static const struct
  {
    const char *dataset, *views;
  } cases[] = {
    { "/data/alliances.json", "/data/alliances.views.json" },
    { "/data/map.graphml", "/data/map.graphml.views.json" },
    { "/data/.json", "/data/.json.views.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GFile) dataset = g_file_new_for_path (cases[i].dataset);
      g_autoptr (GFile) views = kr_views_file_beside (dataset);
      g_autofree char *path = g_file_get_path (views);
      g_assert_cmpstr (path, ==, cases[i].views);
    }
}

/* A dataset without a views file has nothing arranged yet. */
static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
  g_autoptr (GError) error = NULL;

  g_assert_true (kr_views_file_load (views, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kr_views_file_is_empty (views));
}

/* What is saved comes back; what this version does not know is kept; the text is stable. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
  g_autoptr (KrViewsFile) again = kr_views_file_new (f->file);
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  write_text (f, "{\"format\": \"keiretsu-views\", \"version\": 1, \"later\": [1, 2]}");
  g_assert_true (kr_views_file_load (views, NULL, &error));
  g_assert_no_error (error);
  kr_views_file_set_member (views, "positions", number (12.5));
  g_assert_true (kr_views_file_save (views, NULL, &error));
  g_assert_no_error (error);
  first = read_text (f);
  g_assert_true (
      g_str_has_prefix (first, "{\n  \"format\" : \"keiretsu-views\",\n  \"version\" : 1,"));
  /* Members in order of name after the format. */
  g_assert_true (strstr (first, "\"later\"") < strstr (first, "\"positions\""));

  g_assert_true (kr_views_file_load (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (json_node_get_double (kr_views_file_get_member (again, "positions")), ==,
                     12.5);
  g_assert_cmpuint (
      json_array_get_length (json_node_get_array (kr_views_file_get_member (again, "later"))), ==,
      2);
  g_assert_true (kr_views_file_save (again, NULL, &error));
  second = read_text (f);
  g_assert_cmpstr (first, ==, second);
}

/* Rewriting keeps a private file private. */
static void
test_keeps_mode (Fixture *f, gconstpointer data)
{
  g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (f->file);
  GStatBuf st;

  write_text (f, "{\"format\": \"keiretsu-views\", \"version\": 1}");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  kr_views_file_set_member (views, "positions", number (1));
  g_assert_true (kr_views_file_save (views, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A file of something else where the views file goes is never replaced. */
static void
test_not_ours (Fixture *f, gconstpointer data)
{
  static const char *const others[] = {
    "{\"format\": \"keiretsu\", \"version\": 1, \"entities\": []}",
    "not JSON at all",
    "[1, 2, 3]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
      g_autoptr (GError) error = NULL;
      g_autofree char *after = NULL;

      write_text (f, others[i]);
      kr_views_file_set_member (views, "positions", number (1));
      g_assert_false (kr_views_file_save (views, NULL, &error));
      g_assert_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_NOT_OURS);
      g_assert_nonnull (strstr (error->message, "alliances.views.json"));
      after = read_text (f);
      g_assert_cmpstr (after, ==, others[i]);
    }
}

/* Bad files say what is wrong, and where, and leave nothing behind. */
static void
test_invalid (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *text, *says;
  } cases[] = {
    { "{\"format\": \"keiretsu-views\",\n \"version\": 1,,}", "line 2, column" },
    { "{\"format\": \"keiretsu-views\", \"version\": 9}", "newer" },
    { "{\"format\": \"keiretsu-views\", \"version\": \"1\"}", "$.version" },
    { "{\"version\": 1}", "not a Keiretsu views file" },
    { "\"text\"", "not a JSON object" },
    { "{\"format\": \"keiretsu-views\", \"version\": 1, \"a\": \"\xff\"}", "UTF-8" },
    /* JSON as RFC 8259 has it, each member once: the same rules as the dataset's. */
    { "{\"format\": \"keiretsu-views\", \"version\": 1,\n \"version\": 2}",
      "line 2, column 2: member \"version\" is given twice; the first is at line 1, column 30" },
    { "{\"format\": \"keiretsu-views\", /* */ \"version\": 1}", "line 1, column 30: syntax error" },
    { "{'format': \"keiretsu-views\", \"version\": 1}", "double quotes" },
    { "{\"format\": \"keiretsu-views\", \"version\": 01}", "\"01\" is not a JSON number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
      g_autoptr (GError) error = NULL;

      write_text (f, cases[i].text);
      kr_views_file_set_member (views, "positions", number (1));
      g_assert_false (kr_views_file_load (views, NULL, &error));
      g_assert_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL
          || strstr (error->message, "alliances.views.json") == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].says);
      g_assert_true (kr_views_file_is_empty (views));
    }
}

/* Nesting deep enough to exhaust json-glib's stack is refused before it parses. */
static void
test_too_deep (Fixture *f, gconstpointer data)
{
  g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text
      = g_string_new ("{\"format\": \"keiretsu-views\", \"version\": 1, \"a\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  write_text (f, text->str);
  g_assert_false (kr_views_file_load (views, NULL, &error));
  g_assert_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nested more than 64 levels"));
  g_assert_nonnull (strstr (error->message, "line 1, column"));
}

/* A file too large is refused before it is read. */
static void
test_too_large (Fixture *f, gconstpointer data)
{
  g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (f->file);
  FILE *out = g_fopen (path, "w");

  g_assert_nonnull (out);
  g_assert_cmpint (fseek (out, KR_VIEWS_FILE_MAX_SIZE + 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('}', out), ==, '}');
  fclose (out);
  g_assert_false (kr_views_file_load (views, NULL, &error));
  g_assert_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "limit"));
}

/* Nothing left to keep: the file goes. */
static void
test_empty_removes (Fixture *f, gconstpointer data)
{
  g_autoptr (KrViewsFile) views = kr_views_file_new (f->file);
  g_autoptr (GError) error = NULL;

  write_text (f, "{\"format\": \"keiretsu-views\", \"version\": 1, \"positions\": 3}");
  g_assert_true (kr_views_file_load (views, NULL, &error));
  kr_views_file_set_member (views, "positions", NULL);
  g_assert_true (kr_views_file_save (views, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (f->file, NULL));
  /* And saving nothing where there is nothing is no error. */
  g_assert_true (kr_views_file_save (views, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/views-file/beside", test_beside);
  g_test_add ("/views-file/missing", Fixture, NULL, setup, test_missing, teardown);
  g_test_add ("/views-file/round-trip", Fixture, NULL, setup, test_round_trip, teardown);
  g_test_add ("/views-file/keeps-mode", Fixture, NULL, setup, test_keeps_mode, teardown);
  g_test_add ("/views-file/not-ours", Fixture, NULL, setup, test_not_ours, teardown);
  g_test_add ("/views-file/invalid", Fixture, NULL, setup, test_invalid, teardown);
  g_test_add ("/views-file/too-large", Fixture, NULL, setup, test_too_large, teardown);
  g_test_add ("/views-file/too-deep", Fixture, NULL, setup, test_too_deep, teardown);
  g_test_add ("/views-file/empty-removes", Fixture, NULL, setup, test_empty_removes, teardown);
  return g_test_run ();
}
