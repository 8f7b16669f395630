/* fuzz-export.c — libFuzzer target: a dataset through layout, SVG export and DOT output
 *
 * Inputs are plain dataset files, so that seeds are the test data and any crash found is a
 * dataset that `keiretsu --export` reproduces. What the input does not say (engine, direction,
 * a focused view, the legend) comes from its size, which mutations change all the time: every
 * engine gets its share. A focused view is made as `keiretsu --focus ID --depth N` makes it,
 * through the filter, and twopi centres on the entity in focus as the window does. Datasets
 * too large to lay out quickly are only loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "kr-dataset.h"
#include "kr-export.h"
#include "kr-filter.h"
#include "kr-layout.h"

/* Graphviz's running time grows fast with the graph; beyond this a run is too slow to fuzz. */
#define MAX_ENTITIES 200
#define MAX_DEALS 400

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_layout_error (const GError *error)
{
  /* Graphviz may refuse a graph, and a dataset may have nothing to show; nothing else. */
  g_assert (error != NULL);
  g_assert (error->domain == KR_LAYOUT_ERROR);
  g_assert (error->code == KR_LAYOUT_ERROR_FAILED || error->code == KR_LAYOUT_ERROR_EMPTY);
  g_assert (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (GBytes) svg = NULL;
  g_autofree char *dot = NULL;
  g_autofree gboolean *entities = NULL;
  g_autofree gboolean *deals = NULL;
  g_auto (KrFilter) filter = { 0 };
  guint n_entities;
  KrExportOptions export_options = KR_EXPORT_OPTIONS_INIT;
  KrLayoutOptions options = {
    .engine = (KrEngine)(size % KR_N_ENGINES),
    .rankdir = (KrRankdir)((size / KR_N_ENGINES) % KR_N_RANKDIRS),
  };

  dataset = kr_dataset_new_from_bytes (bytes, "fuzz.json", &problems, &error);
  if (dataset == NULL)
    return 0;
  n_entities = kr_dataset_get_n_entities (dataset);
  if (n_entities > MAX_ENTITIES || kr_dataset_get_n_deals (dataset) > MAX_DEALS)
    return 0;

  /* A focused view, as --focus makes it, is centred on the entity in focus; views of the whole
   * dataset are too, now and then, though their other parts are not connected to it (twopi
   * once crashed on those). */
  kr_filter_init (&filter);
  if (n_entities > 0 && (size / 24) % 4 == 2)
    options.root = kr_dataset_get_entity (dataset, (guint)(size / 96) % n_entities)->id;
  else if (n_entities > 0 && (options.engine == KR_ENGINE_TWOPI || (size / 24) % 4 == 3))
    {
      filter.focus
          = g_strdup (kr_dataset_get_entity (dataset, (guint)(size / 96) % n_entities)->id);
      filter.depth = 1 + (guint)(size / 24) % KR_FILTER_MAX_DEPTH;
      entities = kr_dataset_new_entity_flags (dataset);
      deals = kr_dataset_new_deal_flags (dataset);
      if (!kr_filter_apply (&filter, dataset, entities, deals, &error))
        g_error ("focus on an entity of the dataset refused: %s", error->message);
      g_assert (entities[kr_dataset_find_entity (dataset, filter.focus)]);
      options.visible_entities = entities;
      options.n_entities = n_entities;
      options.visible_deals = deals;
      options.n_deals = kr_dataset_get_n_deals (dataset);
      options.root = filter.focus;
    }

  dot = kr_layout_write_dot (dataset, &options, &error);
  g_assert_no_error (error);
  g_assert (dot != NULL && g_utf8_validate (dot, -1, NULL));

  scene = kr_layout_run (dataset, &options, &error);
  if (scene == NULL)
    {
      check_layout_error (error);
      return 0;
    }

  export_options.legend = ((size / 384) & 1) != 0;
  svg = kr_export_render (scene, KR_EXPORT_SVG, &export_options, &error);
  g_assert_no_error (error);
  g_assert (svg != NULL);
  /* The SVG is text: a NUL in it would cut it short for every reader. */
  g_assert (memchr (g_bytes_get_data (svg, NULL), '\0', g_bytes_get_size (svg)) == NULL);
  return 0;
}
