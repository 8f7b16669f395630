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

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;

  dataset = kr_dataset_new_from_bytes (bytes, FUZZ_FILE_NAME, &problems, &error);
  if (problems != NULL)
    fuzz_check_problems (problems, FUZZ_FILE_NAME);
  if (dataset == NULL)
    {
      /* A refusal always says why. */
      g_assert (error != NULL);
      g_assert (problems != NULL && problems->len > 0);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);

  fuzz_walk_dataset (dataset);
  return 0;
}
