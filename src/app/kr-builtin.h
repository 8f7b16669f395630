/* kr-builtin.h — the dataset that ships inside the program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_BUILTIN_DATASET_PATH RESOURCE_BASE "/datasets/builtin.json"

KrDataset *kr_builtin_dataset_load (GError **error);

G_END_DECLS
