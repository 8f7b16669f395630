/* kr-layout.h — lays a dataset out with Graphviz and returns the scene
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset.h"
#include "kr-scene.h"

G_BEGIN_DECLS

#define KR_LAYOUT_ERROR (kr_layout_error_quark ())

typedef enum
{
  KR_LAYOUT_ERROR_ENGINE, /* unknown engine name */
  KR_LAYOUT_ERROR_FAILED, /* Graphviz reported an error */
  KR_LAYOUT_ERROR_EMPTY,  /* nothing to lay out */
} KrLayoutError;

GQuark kr_layout_error_quark (void);

typedef enum
{
  KR_RANKDIR_LR,
  KR_RANKDIR_TB,
  KR_RANKDIR_RL,
  KR_RANKDIR_BT,
} KrRankdir;

typedef struct
{
  const char *engine; /* dot, neato, fdp, sfdp, circo, twopi; NULL = dot */
  KrRankdir rankdir;
  const gboolean *visible_entities; /* NULL = all; else one flag per entity */
  const gboolean *visible_deals;    /* NULL = all; else one flag per deal */
} KrLayoutOptions;

/* The engines, NULL-terminated. */
const char *const *kr_layout_engines (void);
gboolean kr_layout_engine_is_valid (const char *engine);

/* Blocks; Graphviz runs are serialised process-wide. */
KrScene *kr_layout_run (KrDataset *dataset, const KrLayoutOptions *options, GError **error);
void kr_layout_run_async (KrDataset *dataset, const KrLayoutOptions *options,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data);
KrScene *kr_layout_run_finish (GAsyncResult *result, GError **error);

G_END_DECLS
