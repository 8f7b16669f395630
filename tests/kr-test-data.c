/* kr-test-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kr-test-data.h"

static KrDataset *
load (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  KrDataset *dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

KrDataset *
kr_test_load_good (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "good", name, NULL);
  return load (path);
}

KrDataset *
kr_test_load_builtin (void)
{
  g_autofree char *path
      = g_test_build_filename (G_TEST_DIST, "..", "data", "keiretsu-builtin.json", NULL);
  return load (path);
}

KrDataset *
kr_test_load_format (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  KrDataset *dataset = kr_dataset_new_from_file (file, NULL, &problems, &error);

  if (dataset == NULL)
    {
      g_autofree char *text = kr_problems_to_string (problems, name, 10);
      g_error ("%s: %s\n%s", name, error->message, text);
    }
  return dataset;
}

char *
kr_test_problems_of (const char *name, const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = kr_dataset_new_from_bytes (bytes, name, &problems, &error);

  g_assert_null (dataset);
  return kr_problems_to_string (problems, name, 0);
}
