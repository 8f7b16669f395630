/* test-writer.c — datasets written as Keiretsu writes them read back the same, and write the
 * same text again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "kr-dataset-writer.h"
#include "kr-test-data.h"

static KrDataset *
read_bytes (GBytes *bytes)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset
      = kr_dataset_new_from_bytes (bytes, "written.json", &problems, &error);

  if (dataset == NULL)
    {
      g_autofree char *text = kr_problems_to_string (problems, "written.json", 0);
      g_test_message ("%s", text);
    }
  g_assert_no_error (error);
  return g_steal_pointer (&dataset);
}

/* Read → write → read → write: the two texts are the same, and so are the two datasets. */
static void
assert_round_trip (KrDataset *first)
{
  g_autoptr (GBytes) once = kr_dataset_writer_write (first);
  g_autoptr (KrDataset) second = read_bytes (once);
  g_autoptr (GBytes) twice = kr_dataset_writer_write (second);
  g_autoptr (KrDataset) third = read_bytes (twice);

  kr_test_assert_same_dataset (first, second);
  kr_test_assert_same_dataset (second, third);
  g_assert_cmpmem (g_bytes_get_data (once, NULL), g_bytes_get_size (once),
                   g_bytes_get_data (twice, NULL), g_bytes_get_size (twice));
}

static void
test_builtin (void)
{
  g_autoptr (KrDataset) builtin = kr_test_load_builtin ();
  assert_round_trip (builtin);
}

static void
test_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  assert_round_trip (dataset);
}

/* Every member in its place, two spaces a level, defaults left out, text escaped as JSON
 * needs and no more, numbers as short as they can be and still read back exactly. */
static void
test_layout (void)
{
  static const char source[]
      = "{\"version\": 1, \"format\": \"keiretsu-dataset\", \"title\": \"T\\u0001\\\"\\\\\","
        " \"articles\": [{\"publisher\": \"P\", \"title\": \"Tab\\there\", \"id\": \"a\","
        " \"date_inferred\": false}],"
        " \"entities\": [{\"kind\": \"company\", \"name\": \"日産\", \"id\": \"x\"},"
        " {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"person\", \"aliases\": []}],"
        " \"deals\": [{\"id\": \"d\", \"kind\": \"acquisition\", \"status\": \"agreed\","
        " \"summary\": \"S\", \"stake\": {\"after\": 33.3, \"before\": 0.1},"
        " \"value\": {\"currency\": \"USD\", \"amount\": 4900000000},"
        " \"parties\": [{\"role\": \"acquirer\", \"entity\": \"x\"}, {\"entity\": \"y\","
        " \"role\": \"target\"}],"
        " \"evidence\": [{\"quote\": \"q\", \"article\": \"a\", \"stance\": \"supports\"}]}]}";
  static const char expected[] = "{\n"
                                 "  \"format\": \"keiretsu-dataset\",\n"
                                 "  \"version\": 1,\n"
                                 "  \"title\": \"T\\u0001\\\"\\\\\",\n"
                                 "  \"articles\": [\n"
                                 "    {\n"
                                 "      \"id\": \"a\",\n"
                                 "      \"title\": \"Tab\\there\",\n"
                                 "      \"publisher\": \"P\"\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"entities\": [\n"
                                 "    {\n"
                                 "      \"id\": \"x\",\n"
                                 "      \"name\": \"日産\",\n"
                                 "      \"kind\": \"company\"\n"
                                 "    },\n"
                                 "    {\n"
                                 "      \"id\": \"y\",\n"
                                 "      \"name\": \"Y\",\n"
                                 "      \"kind\": \"person\"\n"
                                 "    }\n"
                                 "  ],\n"
                                 "  \"deals\": [\n"
                                 "    {\n"
                                 "      \"id\": \"d\",\n"
                                 "      \"kind\": \"acquisition\",\n"
                                 "      \"status\": \"agreed\",\n"
                                 "      \"summary\": \"S\",\n"
                                 "      \"parties\": [\n"
                                 "        {\n"
                                 "          \"entity\": \"x\",\n"
                                 "          \"role\": \"acquirer\"\n"
                                 "        },\n"
                                 "        {\n"
                                 "          \"entity\": \"y\",\n"
                                 "          \"role\": \"target\"\n"
                                 "        }\n"
                                 "      ],\n"
                                 "      \"value\": {\n"
                                 "        \"amount\": 4900000000,\n"
                                 "        \"currency\": \"USD\"\n"
                                 "      },\n"
                                 "      \"stake\": {\n"
                                 "        \"before\": 0.1,\n"
                                 "        \"after\": 33.3\n"
                                 "      },\n"
                                 "      \"evidence\": [\n"
                                 "        {\n"
                                 "          \"article\": \"a\",\n"
                                 "          \"quote\": \"q\"\n"
                                 "        }\n"
                                 "      ]\n"
                                 "    }\n"
                                 "  ]\n"
                                 "}\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (source, sizeof source - 1);
  g_autoptr (KrDataset) dataset = read_bytes (bytes);
  g_autoptr (GBytes) written = kr_dataset_writer_write (dataset);

  g_assert_cmpstr (g_bytes_get_data (written, NULL), ==, expected);
  assert_round_trip (dataset);
}

/* Saving replaces the file whole and keeps its mode. */
static void
test_save (void)
{
  g_autoptr (KrDataset) dataset = kr_test_load_good ("minimal.json");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kr-writer-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr (GBytes) expected = kr_dataset_writer_write (dataset);
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (kr_dataset_writer_save (dataset, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL),
                   g_bytes_get_size (expected));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  static const char *const dirs[] = { "good", "schema" };
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/writer/builtin", test_builtin);
  g_test_add_func ("/writer/layout", test_layout);
  g_test_add_func ("/writer/save", test_save);
  /* Every valid Keiretsu file of the tests: all of good/, and the schema's good-*. */
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", dirs[d], NULL);
      g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *test_name = NULL;

          if (!g_str_has_suffix (name, ".json") || g_str_has_prefix (name, "bad-"))
            continue;
          g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
          test_name = g_strdup_printf ("/writer/file/%s/%s", dirs[d], name);
          g_test_add_data_func (test_name, paths->pdata[paths->len - 1], test_file);
        }
    }
  return g_test_run ();
}
