/* kr-builtin.h — the dataset that ships inside the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_BUILTIN_DATASET_PATH RESOURCE_BASE "/datasets/builtin.json"

KrDataset *kr_builtin_dataset_load (GError **error);

/* The views file (kr-views-file.h) of the dataset at @dataset, beside it; or, with NULL, of the
 * built-in dataset, which is a resource: its arrangement is the user's own, kept in the user's
 * data folder. */
GFile *kr_builtin_views_file_of (GFile *dataset);

G_END_DECLS
