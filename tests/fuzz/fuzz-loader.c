/* fuzz-loader.c — libFuzzer target: arbitrary bytes into the dataset loader
 *
 * Every input must either load or be refused with an error and a list of problems; neither
 * path may crash, read out of bounds, leak, hit undefined behaviour or log a critical.
 *
 * The file's name picks the reader: built once per format, with FUZZ_FILE_NAME set to a name
 * with its suffix ("fuzz.graphml"); Keiretsu's JSON when not set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"
#include "kr-dataset.h"

#ifndef FUZZ_FILE_NAME
#define FUZZ_FILE_NAME "fuzz.json"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Messages quote the dataset: they must stay one printable line of UTF-8 each, so that a
 * hostile file cannot forge lines or send terminal escapes through `keiretsu --check`. */
static void
check_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = kr_problem_to_string (problems->pdata[i], FUZZ_FILE_NAME);

      g_assert (g_utf8_validate (line, -1, NULL));
      for (const char *p = line; *p != '\0'; p++)
        g_assert ((guchar)*p >= 0x20 && *p != 0x7f);
    }
  g_free (kr_problems_to_string (problems, FUZZ_FILE_NAME, 5));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;

  dataset = kr_dataset_new_from_bytes (bytes, FUZZ_FILE_NAME, &problems, &error);
  if (problems != NULL)
    check_problems (problems);
  if (dataset == NULL)
    {
      /* A refusal always says why. */
      g_assert (error != NULL);
      g_assert (problems != NULL && problems->len > 0);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);

  /* Walk what was loaded, as the window and the exporters do. */
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const KrEntity *entity = kr_dataset_get_entity (dataset, i);
      g_assert (kr_dataset_find_entity (dataset, entity->id) == (int)i);
      g_assert (g_utf8_validate (entity->display_name, -1, NULL));
    }
  for (guint i = 0; i < kr_dataset_get_n_deals (dataset); i++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, i);
      for (guint j = 0; j < deal->n_parties; j++)
        g_assert (deal->parties[j].entity < kr_dataset_get_n_entities (dataset));
      for (guint j = 0; j < deal->n_evidence; j++)
        g_assert (deal->evidence[j].article < kr_dataset_get_n_articles (dataset));
      (void)kr_deal_count_sources (deal);
      (void)kr_deal_is_disputed (deal);
    }
  return 0;
}
