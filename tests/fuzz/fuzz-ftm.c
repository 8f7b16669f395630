/* fuzz-ftm.c — libFuzzer target: arbitrary bytes as a FollowTheMoney entity stream
 *
 * Every input must either load or be refused with problems that say why, as through the
 * loader; and since a stream is read line by line, its line ends must not change what it
 * holds: the same lines ended by CR LF, as Windows writes them, load the same records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"
#include "kr-dataset.h"

#define NAME "fuzz.ftm.json"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static KrDataset *
load (GBytes *bytes)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  KrDataset *dataset = kr_dataset_new_from_bytes (bytes, NAME, &problems, &error);

  if (problems != NULL)
    fuzz_check_problems (problems, NAME);
  /* A refusal always says why. */
  g_assert (dataset != NULL || (error != NULL && problems != NULL && problems->len > 0));
  return dataset;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (KrDataset) dataset = load (bytes);
  g_autoptr (GByteArray) crlf = NULL;
  g_autoptr (GBytes) crlf_bytes = NULL;
  g_autoptr (KrDataset) again = NULL;

  if (dataset == NULL)
    return 0;
  fuzz_walk_dataset (dataset);

  crlf = g_byte_array_sized_new ((guint)size * 2);
  for (size_t i = 0; i < size; i++)
    {
      if (data[i] == '\n')
        g_byte_array_append (crlf, (const guint8 *)"\r", 1);
      g_byte_array_append (crlf, &data[i], 1);
    }
  crlf_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&crlf));
  again = load (crlf_bytes);
  g_assert (again != NULL);
  g_assert (kr_dataset_get_n_entities (again) == kr_dataset_get_n_entities (dataset));
  g_assert (kr_dataset_get_n_deals (again) == kr_dataset_get_n_deals (dataset));
  g_assert (kr_dataset_get_n_articles (again) == kr_dataset_get_n_articles (dataset));
  return 0;
}
