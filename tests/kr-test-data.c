/* kr-test-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
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
kr_test_load_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
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

KrDataset *
kr_test_load_format (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return kr_test_load_file (file);
}

char *
kr_test_problems_in (const char *name, const char *text, gsize size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, size);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = kr_dataset_new_from_bytes (bytes, name, &problems, &error);

  g_assert_null (dataset);
  return kr_problems_to_string (problems, name, 0);
}

char *
kr_test_problems_of (const char *name, const char *text)
{
  return kr_test_problems_in (name, text, strlen (text));
}

static void
assert_same_evidence (const KrEvidence *a, guint n_a, const KrEvidence *b, guint n_b)
{
  g_assert_cmpuint (n_a, ==, n_b);
  for (guint i = 0; i < n_a; i++)
    {
      g_assert_cmpuint (a[i].article, ==, b[i].article);
      g_assert_cmpstr (a[i].quote, ==, b[i].quote);
      g_assert_cmpint (a[i].stance, ==, b[i].stance);
      g_assert_cmpstr (a[i].note, ==, b[i].note);
    }
}

/* Equal numbers, NAN (not given) equal to itself. */
static void
assert_same_number (double a, double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

void
kr_test_assert_same_dataset (KrDataset *a, KrDataset *b)
{
  g_assert_cmpstr (kr_dataset_get_title (a), ==, kr_dataset_get_title (b));
  g_assert_cmpuint (kr_dataset_get_n_articles (a), ==, kr_dataset_get_n_articles (b));
  g_assert_cmpuint (kr_dataset_get_n_entities (a), ==, kr_dataset_get_n_entities (b));
  g_assert_cmpuint (kr_dataset_get_n_deals (a), ==, kr_dataset_get_n_deals (b));

  for (guint i = 0; i < kr_dataset_get_n_articles (a); i++)
    {
      const KrArticle *x = kr_dataset_get_article (a, i), *y = kr_dataset_get_article (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->publisher, ==, y->publisher);
      g_assert_cmpstr (x->date, ==, y->date);
      g_assert_cmpint (x->date_inferred, ==, y->date_inferred);
      g_assert_cmpstr (x->url, ==, y->url);
      g_assert_cmpstr (x->author, ==, y->author);
      g_assert_cmpstr (x->language, ==, y->language);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->text_file, ==, y->text_file);
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (a); i++)
    {
      const KrEntity *x = kr_dataset_get_entity (a, i), *y = kr_dataset_get_entity (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->country, ==, y->country);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpuint (x->n_aliases, ==, y->n_aliases);
      for (guint j = 0; j < x->n_aliases; j++)
        g_assert_cmpstr (x->aliases[j], ==, y->aliases[j]);
      g_assert_cmpuint (x->n_names, ==, y->n_names);
      for (guint j = 0; j < x->n_names; j++)
        {
          g_assert_cmpstr (x->names[j].language, ==, y->names[j].language);
          g_assert_cmpstr (x->names[j].name, ==, y->names[j].name);
        }
      assert_same_evidence (x->evidence, x->n_evidence, y->evidence, y->n_evidence);
    }
  for (guint i = 0; i < kr_dataset_get_n_deals (a); i++)
    {
      const KrDeal *x = kr_dataset_get_deal (a, i), *y = kr_dataset_get_deal (b, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->summary, ==, y->summary);
      g_assert_cmpuint (x->n_parties, ==, y->n_parties);
      for (guint j = 0; j < x->n_parties; j++)
        {
          g_assert_cmpuint (x->parties[j].entity, ==, y->parties[j].entity);
          g_assert_cmpint (x->parties[j].role, ==, y->parties[j].role);
        }
      g_assert_cmpstr (x->date, ==, y->date);
      g_assert_cmpstr (x->end, ==, y->end);
      g_assert_cmpstr (x->expected, ==, y->expected);
      g_assert_cmpint (x->has_value, ==, y->has_value);
      if (x->has_value)
        {
          g_assert_cmpfloat (x->value_amount, ==, y->value_amount);
          g_assert_cmpstr (x->value_currency, ==, y->value_currency);
          g_assert_cmpint (x->value_approximate, ==, y->value_approximate);
        }
      assert_same_number (x->stake_before, y->stake_before);
      assert_same_number (x->stake_after, y->stake_after);
      g_assert_cmpuint (x->n_proposed_by, ==, y->n_proposed_by);
      for (guint j = 0; j < x->n_proposed_by; j++)
        g_assert_cmpuint (x->proposed_by[j], ==, y->proposed_by[j]);
      g_assert_cmpstr (x->note, ==, y->note);
      assert_same_evidence (x->evidence, x->n_evidence, y->evidence, y->n_evidence);
    }
}
