/* kr-bench.c — how long Keiretsu takes at each step, against Graphviz's own tools
 *
 * For each size and engine, a synthetic dataset (power-law degrees, about 2.5 deal ends per
 * entity) goes through what opening it in the window does: load, build the layout input,
 * lay it out in the helper process, build the scene, and draw a first full-view frame; then
 * zoomed-in frames drawn as the window draws them (into tiles, reused while panning),
 * hit-tests and SVG export. The same graph, exported as DOT, is laid out
 * by the Graphviz command-line tool for comparison, and the peak memory of
 * `keiretsu --export` is compared with that of the tool.
 *
 *   kr-bench [--sizes 100,1000,5000,10000] [--engines dot,sfdp] [--runs 3] [--keiretsu PATH]
 *            [--link-labels]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kr-bench-data.h"
#include "kr-bench-run.h"
#include "kr-cairo-painter.h"
#include "kr-export.h"
#include "kr-filter.h"
#include "kr-layout-cache.h"
#include "kr-layout-input.h"
#include "kr-layout.h"
#include "kr-scene-paint.h"
#include "kr-text.h"
#include "kr-tile-cache.h"

#define FRAME_W 1600
#define FRAME_H 1000

typedef struct
{
  double load, input, layout, scene, frame, steady_frame, step, zoom_in, tile_max, pan, pan_max,
      hit_us, svg, total, cli;
  long rss_keiretsu, rss_cli;
} Timings;

static void
paint_frame (KrScene *scene, PangoContext *context, GPtrArray *cache, const KrLabelPlan *labels,
             double zoom, double ox, double oy)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_W, FRAME_H);
  cairo_t *cr = cairo_create (surface);
  KrPaintOptions options;

  cairo_set_tolerance (cr, zoom < 0.6 ? 1.0 : 0.3); /* as the window draws */
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, zoom, zoom);
  kr_paint_options_init (&options, kr_palette_get (FALSE));
  options.viewport = (KrRect){ -ox / zoom, -oy / zoom, FRAME_W / zoom, FRAME_H / zoom };
  /* As the window draws: details too small to see left out, the labels of its plan, label
   * layouts kept. */
  options.scale = zoom;
  options.layout_cache = cache;
  options.labels = labels;
  kr_cairo_paint_scene (cr, context, scene, &options);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
}

#define TILE_SIZE 256 /* as the window's */

typedef struct
{
  KrScene *scene;
  PangoContext *context;
  GPtrArray *cache;
  const KrLabelPlan *labels;
  double zoom;
  double slowest; /* ms, one tile */
} TileBench;

static void
draw_bench_tile (cairo_t *cr, const KrRect *area, gpointer data)
{
  TileBench *tb = data;
  KrPaintOptions options;
  double t0 = kr_bench_now_ms ();

  cairo_set_tolerance (cr, tb->zoom < 0.6 ? 1.0 : 0.3);
  kr_paint_options_init (&options, kr_palette_get (FALSE));
  options.viewport = *area;
  options.scale = tb->zoom;
  options.layout_cache = tb->cache;
  options.labels = tb->labels;
  kr_cairo_paint_scene (cr, tb->context, tb->scene, &options);
  tb->slowest = MAX (tb->slowest, kr_bench_now_ms () - t0);
}

static void
compose_tile (KrTile *tile, gpointer data)
{
  cairo_set_source_surface (data, tile->surface, tile->column * TILE_SIZE, tile->row * TILE_SIZE);
  cairo_paint (data);
}

/* A frame with the scene's origin at (ox, oy): missing tiles drawn, all of them composed. */
static void
tile_frame (KrTileCache *tiles, double ox, double oy)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_W, FRAME_H);
  cairo_t *cr = cairo_create (surface);

  ox = round (ox);
  oy = round (oy);
  cairo_translate (cr, ox, oy);
  kr_tile_cache_foreach (tiles, -ox, -oy, FRAME_W, FRAME_H, 1, compose_tile, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
measure (const char *keiretsu, guint size, KrEngine layout_engine, gboolean link_labels,
         const char *dir, Timings *t)
{
  const char *engine = kr_engine_get_name (layout_engine);
  g_autofree char *json_path = g_strdup_printf ("%s/bench-%u.json", dir, size);
  g_autofree char *dot_path = g_strdup_printf ("%s/bench-%u-%s.dot", dir, size, engine);
  g_autofree char *svg_path = g_strdup_printf ("%s/bench-%u-%s.svg", dir, size, engine);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrScene) scene = NULL;
  g_autoptr (KrLayoutInput) input = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) svg = NULL;
  g_autofree char *dot = NULL;
  GAsyncResult *result = NULL;
  KrLayoutOptions options = { .engine = layout_engine, .link_labels = link_labels };
  PangoContext *context = kr_text_context_new ();
  g_autoptr (GPtrArray) cache = g_ptr_array_new_with_free_func (unref_if_set);
  g_autoptr (KrLabelPlan) labels = NULL;
  const char *worker[] = { keiretsu, KR_LAYOUT_WORKER_OPTION, NULL };
  double t0, zoom, sw, sh;
  GRand *rand;

  if (!g_file_test (json_path, G_FILE_TEST_EXISTS))
    kr_bench_write_dataset (json_path, size, 42);

  /* Opening: load, lay out in the helper, first frame. */
  t0 = kr_bench_now_ms ();
  {
    g_autoptr (GFile) file = g_file_new_for_path (json_path);
    dataset = kr_dataset_new_from_file (file, NULL, NULL, &error);
  }
  if (dataset == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  t->load = kr_bench_now_ms () - t0;

  /* The input alone, to show what measuring labels costs. */
  t0 = kr_bench_now_ms ();
  input = kr_layout_input_new (dataset, &options);
  t->input = kr_bench_now_ms () - t0;

  kr_layout_set_worker (worker);
  /* Every run lays out, whatever an earlier one kept (kr-open-bench --reopen times the cache). */
  kr_layout_cache_set_default (NULL);
  t0 = kr_bench_now_ms ();
  kr_layout_run_async (dataset, &options, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  scene = kr_layout_run_finish (result, &error);
  g_clear_object (&result);
  if (scene == NULL)
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  t->layout = kr_bench_now_ms () - t0; /* input, helper, and scene */
  t->scene = 0;

  sw = kr_scene_get_width (scene);
  sh = kr_scene_get_height (scene);
  zoom = MIN (FRAME_W / sw, FRAME_H / sh);
  /* The first frame works out which labels the view shows; later ones at that zoom keep it. */
  t0 = kr_bench_now_ms ();
  labels = kr_label_plan_new (scene, zoom);
  paint_frame (scene, context, cache, labels, zoom, (FRAME_W - sw * zoom) / 2,
               (FRAME_H - sh * zoom) / 2);
  t->frame = kr_bench_now_ms () - t0;
  t->total = t->load + t->layout + t->frame;

  /* The same view again, as every later frame of it is drawn. */
  t0 = kr_bench_now_ms ();
  paint_frame (scene, context, cache, labels, zoom, (FRAME_W - sw * zoom) / 2,
               (FRAME_H - sh * zoom) / 2);
  t->steady_frame = kr_bench_now_ms () - t0;

  /* A step of a view (a deal kind unticked, then the next): the filter applied, the whole
   * map masked, the labels planned for the view; no layout. */
  {
    g_autofree gboolean *entities = kr_dataset_new_entity_flags (dataset);
    g_autofree gboolean *deals = kr_dataset_new_deal_flags (dataset);

    t0 = kr_bench_now_ms ();
    for (guint k = 0; k < KR_N_DEAL_KINDS; k++)
      {
        g_auto (KrFilter) filter = KR_FILTER_INIT;
        g_autoptr (KrScene) masked = NULL;
        g_autoptr (KrLabelPlan) plan = NULL;

        filter.deal_kinds = ~(1u << k);
        kr_filter_apply (&filter, dataset, entities, deals, NULL);
        masked = kr_scene_new_masked (scene, entities, deals);
        plan = kr_label_plan_new (masked, zoom);
      }
    t->step = (kr_bench_now_ms () - t0) / KR_N_DEAL_KINDS;
  }

  /* Zoomed in to 100 % around the middle of the diagram. While the zoom changes the window
   * draws frames directly; once it settles, it draws the view into tiles, which panning
   * then reuses, drawing only the tiles that come into view. */
  {
    g_autoptr (KrLabelPlan) near = kr_label_plan_new (scene, 1.0);
    TileBench tb = { scene, context, cache, near, 1.0, 0 };
    g_autoptr (KrTileCache) tiles = kr_tile_cache_new (TILE_SIZE, NULL);
    double ox = FRAME_W / 2 - sw / 2, oy = FRAME_H / 2 - sh / 2, sum = 0;
    const int steps = 64;

    paint_frame (scene, context, cache, near, 1.0, ox, oy); /* while zooming */
    kr_tile_cache_configure (tiles, 1.0, 1, draw_bench_tile, &tb);
    /* The window draws the tiles the view needs one by one when idle, then shows them. */
    t0 = kr_bench_now_ms ();
    while (kr_tile_cache_draw_ahead (tiles, -round (ox), -round (oy), FRAME_W, FRAME_H, 0))
      ;
    tile_frame (tiles, ox, oy);
    t->zoom_in = kr_bench_now_ms () - t0;
    t->tile_max = tb.slowest;
    /* A drag at about 1 000 pixels a second: 16 and 8 pixels a frame. */
    for (int i = 1; i <= steps; i++)
      {
        double d;
        t0 = kr_bench_now_ms ();
        tile_frame (tiles, ox - 16 * i, oy - 8 * i);
        d = kr_bench_now_ms () - t0;
        sum += d;
        t->pan_max = MAX (t->pan_max, d);
      }
    t->pan = sum / steps;
  }

  rand = g_rand_new_with_seed (7);
  t0 = kr_bench_now_ms ();
  for (int i = 0; i < 2000; i++)
    kr_scene_hit_test (scene, g_rand_double_range (rand, 0, sw), g_rand_double_range (rand, 0, sh),
                       4.0);
  t->hit_us = (kr_bench_now_ms () - t0) * 1000.0 / 2000;
  g_rand_free (rand);

  t0 = kr_bench_now_ms ();
  svg = kr_export_render (scene, KR_EXPORT_SVG, NULL, NULL);
  t->svg = kr_bench_now_ms () - t0;

  /* Graphviz's command-line tool on the DOT Keiretsu exports. */
  dot = kr_layout_write_dot (dataset, &options, NULL);
  g_file_set_contents (dot_path, dot, -1, NULL);
  {
    g_autofree char *k = g_strdup_printf ("-K%s", engine);
    const char *argv[] = { "dot", k, "-Tdot", "-o", "/dev/null", dot_path, NULL };
    t->cli = kr_bench_run_measured (argv, &t->rss_cli);
  }
  {
    const char *argv[] = {
      keiretsu, "--export", svg_path, "--layout", engine, json_path,
      link_labels ? "--link-labels" : NULL, NULL,
    };
    long rss = 0;
    t->rss_keiretsu = kr_bench_run_measured (argv, &rss) < 0 ? -1 : rss;
  }
  g_object_unref (context);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autofree char *sizes_arg = g_strdup ("100,1000,5000,10000");
  g_autofree char *engines_arg = g_strdup ("dot,sfdp");
  g_autofree char *keiretsu = NULL;
  g_autofree char *dir = NULL;
  int runs = 1;
  gboolean link_labels = FALSE;
  GOptionEntry entries[]
      = { { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Entity counts", "N,N,…" },
          { "engines", 0, 0, G_OPTION_ARG_STRING, &engines_arg, "Layout engines", "E,E,…" },
          { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per case (the best is kept)", "N" },
          { "keiretsu", 0, 0, G_OPTION_ARG_FILENAME, &keiretsu, "The keiretsu program", "PATH" },
          { "link-labels", 0, 0, G_OPTION_ARG_NONE, &link_labels,
            "Lay out and draw the labels of deals' lines", NULL },
          { NULL } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) sizes = NULL;
  g_auto (GStrv) engines = NULL;
  int status;

  if (kr_bench_run_child (argc, argv, &status))
    return status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (keiretsu == NULL)
    keiretsu = g_strdup (g_getenv ("KEIRETSU") ? g_getenv ("KEIRETSU") : "keiretsu");
  dir = g_dir_make_tmp ("kr-bench-XXXXXX", NULL);
  sizes = g_strsplit (sizes_arg, ",", -1);
  engines = g_strsplit (engines_arg, ",", -1);
  for (guint e = 0; engines[e]; e++)
    if (!kr_engine_from_name (engines[e], NULL, &error))
      {
        g_printerr ("%s\n", error->message);
        return 2;
      }

  g_print ("%-6s %-6s %8s %8s %9s %8s %9s %9s %8s %8s %8s %8s %8s %8s %8s %9s %7s %9s %9s %6s\n",
           "size", "engine", "load", "input", "layout*", "frame", "open", "dot CLI", "ratio",
           "frame2", "step", "zoom in", "tile max", "pan", "pan max", "hit µs", "svg", "RSS KiB",
           "CLI KiB", "ratio");
  for (guint s = 0; sizes[s]; s++)
    for (guint e = 0; engines[e]; e++)
      {
        guint size = (guint)g_ascii_strtoull (sizes[s], NULL, 10);
        KrEngine engine = KR_ENGINE_DOT;
        Timings best = { 0 };
        gboolean ok = kr_engine_from_name (engines[e], &engine, NULL);

        for (int r = 0; r < MAX (runs, 1) && ok; r++)
          {
            Timings t = { 0 };
            ok = measure (keiretsu, size, engine, link_labels, dir, &t);
            if (ok && (r == 0 || t.total < best.total))
              best = t;
          }
        if (!ok)
          continue;
        g_print ("%-6u %-6s %8.1f %8.1f %9.1f %8.1f %9.1f %9.1f %8.2f %8.1f %8.1f %8.1f %8.1f "
                 "%8.2f %8.1f "
                 "%9.2f "
                 "%7.1f %9ld "
                 "%9ld %6.2f\n",
                 size, engines[e], best.load, best.input, best.layout, best.frame, best.total,
                 best.cli, best.cli > 0 ? best.total / best.cli : 0, best.steady_frame, best.step,
                 best.zoom_in, best.tile_max, best.pan, best.pan_max, best.hit_us, best.svg,
                 best.rss_keiretsu, best.rss_cli,
                 best.rss_cli > 0 ? (double)best.rss_keiretsu / best.rss_cli : 0);
      }
  g_print (
      "\nTimes in ms. layout* includes building the input (label measurement), the helper "
      "process and the scene;\nopen = load + layout* + first full-view frame (%dx%d); "
      "ratio = open / dot CLI;\nframe2 = the same full view drawn again; step = a view changed "
      "(a filter or a timeline step:\nthe filter applied, the map masked, its labels planned; no "
      "layout); zoom in = drawing the "
      "tiles of a view at 100 %% in the middle,\nas the window does when idle after zooming "
      "(tile max: the slowest tile); pan = the mean frame of a 64-frame drag from "
      "there,\nwith no tiles drawn ahead; pan max its slowest frame.\n",
      FRAME_W, FRAME_H);
  kr_bench_remove_dir (dir);
  return 0;
}
