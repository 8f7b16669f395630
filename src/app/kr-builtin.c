/* kr-builtin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-builtin"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-builtin.h"
#include "kr-resources.h"
#include "kr-views-file.h"

KrDataset *
kr_builtin_dataset_load (GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  /* Referencing the bundle also keeps the linker from dropping its registration. */
  g_return_val_if_fail (kr_get_resource () != NULL, NULL);
  bytes = g_resources_lookup_data (KR_BUILTIN_DATASET_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  return kr_dataset_new_from_bytes (bytes, _ ("built-in dataset"), NULL, error);
}

GFile *
kr_builtin_views_file_of (GFile *dataset)
{
  if (dataset != NULL)
    return kr_views_file_beside (dataset);
  return g_file_new_build_filename (g_get_user_data_dir (), "keiretsu", "builtin.views.json", NULL);
}
