/* fuzz-common.h — what every fuzz target sets up once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <locale.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

/* Drops GLib's messages below warning (a dataset's problems are data, not news) and turns
 * criticals and warnings into aborts: on hostile input they are bugs the fuzzer must see. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_standard_streams (level, fields, n_fields, user_data);
}

/* libFuzzer calls this once, before the first input; each target includes this header once. */
int LLVMFuzzerInitialize (int *argc, char ***argv);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  return 0;
}

/* Messages quote the dataset: they must stay one printable line of UTF-8 each, so that a
 * hostile file cannot forge lines or send terminal escapes through `keiretsu --check`. */
static void G_GNUC_UNUSED
fuzz_check_problems (GPtrArray *problems, const char *name)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = kr_problem_to_string (problems->pdata[i], name);

      g_assert (g_utf8_validate (line, -1, NULL));
      for (const char *p = line; *p != '\0'; p++)
        g_assert ((guchar)*p >= 0x20 && *p != 0x7f);
    }
  g_free (kr_problems_to_string (problems, name, 5));
}

/* Walks what was loaded, as the window and the exporters do. */
static void G_GNUC_UNUSED
fuzz_walk_dataset (KrDataset *dataset)
{
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
}

G_END_DECLS
