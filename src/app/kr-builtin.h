/* kr-builtin.h — the dataset that ships inside the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_BUILTIN_DATASET_PATH RESOURCE_BASE "/datasets/builtin.json"

KrDataset *kr_builtin_dataset_load (GError **error);

/* Where the views of the dataset at @dataset are kept (kr-views-file.h): beside it, or for
 * the built-in dataset (@dataset NULL), which is read-only, in the user's data directory. */
GFile *kr_builtin_views_file_for (GFile *dataset);

G_END_DECLS
