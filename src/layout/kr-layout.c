/* kr-layout.c — runs Graphviz and copies its result into a KrScene
 *
 * Graphviz keeps global state (error handlers, the numeric locale, plugin tables), so every
 * call into it happens under one process-wide lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <string.h>

#include "kr-graph.h"
#include "kr-layout.h"

G_DEFINE_QUARK (kr - layout - error - quark, kr_layout_error)

static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi", NULL };

static GMutex graphviz_lock;
static GVC_t *graphviz_context;
static GString *graphviz_messages;

const char *const *
kr_layout_engines (void)
{
  return engines;
}

gboolean
kr_layout_engine_is_valid (const char *engine)
{
  return engine != NULL && g_strv_contains (engines, engine);
}

static int
collect_message (char *message)
{
  if (graphviz_messages != NULL && graphviz_messages->len < 4096)
    g_string_append (graphviz_messages, message);
  return 0;
}

static KrPoint
to_scene (pointf p, const boxf *bb, double margin)
{
  return (KrPoint){ p.x - bb->LL.x + margin, bb->UR.y - p.y + margin };
}

static void
copy_node (KrScene *scene, const KrGraph *graph, const KrGraphNode *gn, const boxf *bb,
           double margin)
{
  Agnode_t *n = gn->node;
  KrSceneNode sn = { 0 };
  KrPoint centre = to_scene (ND_coord (n), bb, margin);
  KrDataset *dataset = graph->dataset;

  sn.type = gn->type;
  sn.index = gn->index;
  sn.x = centre.x;
  sn.y = centre.y;
  sn.width = ND_width (n) * 72.0;
  sn.height = ND_height (n) * 72.0;
  sn.shape = gn->shape;
  sn.dashed_outline = gn->dashed_outline;
  sn.label
      = gn->type == KR_SCENE_NODE_ENTITY ? kr_dataset_get_entity (dataset, gn->index)->name : NULL;

  if (gn->shape == KR_SHAPE_POLYGON && ND_shape_info (n) != NULL)
    {
      polygon_t *poly = ND_shape_info (n);
      if (poly->sides >= 3 && poly->vertices != NULL)
        {
          /* The outermost periphery is the last ring of vertices. */
          guint first = (guint)(MAX (poly->peripheries, 1) - 1) * (guint)poly->sides;
          sn.n_vertices = (guint)poly->sides;
          sn.vertices = g_new (KrPoint, sn.n_vertices);
          for (guint i = 0; i < sn.n_vertices; i++)
            sn.vertices[i] = (KrPoint){ poly->vertices[first + i].x, -poly->vertices[first + i].y };
        }
      else
        sn.shape = KR_SHAPE_ELLIPSE;
    }
  kr_scene_add_node (scene, &sn);
}

static void
copy_edge (KrScene *scene, const KrGraphEdge *ge, const boxf *bb, double margin)
{
  Agedge_t *e = ge->edge;
  KrSceneEdge se = { 0 };
  splines *spl = ED_spl (e);

  se.deal = ge->deal;
  se.tail = ge->tail;
  se.head = ge->head;
  se.advocacy = ge->advocacy;

  if (spl != NULL && spl->size > 0 && spl->list[0].size >= 4)
    {
      const bezier *first = &spl->list[0];
      const bezier *last = &spl->list[spl->size - 1];
      guint total = 0;

      for (int i = 0; i < spl->size; i++)
        total += (guint)spl->list[i].size;
      se.points = g_new (KrPoint, total);
      for (int i = 0; i < spl->size; i++)
        for (int j = 0; j < spl->list[i].size; j++)
          {
            /* Consecutive pieces share an end point; keep one copy. */
            if (i > 0 && j == 0)
              continue;
            se.points[se.n_points++] = to_scene (spl->list[i].list[j], bb, margin);
          }
      if (first->sflag)
        se.arrow_start = (KrArrow){ TRUE, to_scene (first->list[0], bb, margin),
                                    to_scene (first->sp, bb, margin) };
      if (last->eflag)
        se.arrow_end = (KrArrow){ TRUE, to_scene (last->list[last->size - 1], bb, margin),
                                  to_scene (last->ep, bb, margin) };
    }
  else
    {
      /* No route (it can happen with splines=false on some engines): a straight line. */
      KrPoint a = to_scene (ND_coord (agtail (e)), bb, margin);
      KrPoint b = to_scene (ND_coord (aghead (e)), bb, margin);
      se.n_points = 4;
      se.points = g_new (KrPoint, 4);
      for (int i = 0; i < 4; i++)
        se.points[i] = (KrPoint){ a.x + (b.x - a.x) * i / 3.0, a.y + (b.y - a.y) * i / 3.0 };
    }
  kr_scene_add_edge (scene, &se);
}

static KrScene *
layout_locked (KrDataset *dataset, const KrLayoutOptions *options, GError **error)
{
  const double margin = 12.0;
  g_autoptr (KrGraph) graph = NULL;
  const char *engine = options->engine ? options->engine : "dot";
  KrScene *scene;
  boxf bb;
  int rc;

  if (graphviz_context == NULL)
    {
      graphviz_context = gvContext ();
      agseterrf (collect_message);
      agseterr (AGWARN);
    }
  g_string_truncate (graphviz_messages, 0);

  graph = kr_graph_build (dataset, options, FALSE);
  if (graph->nodes->len == 0)
    {
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_EMPTY, _ ("There is nothing to show"));
      return NULL;
    }

  rc = gvLayout (graphviz_context, graph->graph, engine);
  if (rc != 0)
    {
      g_strstrip (graphviz_messages->str);
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED,
                   _ ("Graphviz could not lay out the diagram with %s: %s"), engine,
                   graphviz_messages->len ? graphviz_messages->str : _ ("unknown error"));
      return NULL;
    }

  bb = GD_bb (graph->graph);
  scene = kr_scene_new (dataset, bb.UR.x - bb.LL.x + 2 * margin, bb.UR.y - bb.LL.y + 2 * margin);
  kr_scene_set_engine (scene, engine);
  for (guint i = 0; i < graph->nodes->len; i++)
    copy_node (scene, graph, &g_array_index (graph->nodes, KrGraphNode, i), &bb, margin);
  for (guint i = 0; i < graph->edges->len; i++)
    copy_edge (scene, &g_array_index (graph->edges, KrGraphEdge, i), &bb, margin);

  gvFreeLayout (graphviz_context, graph->graph);
  return scene;
}

KrScene *
kr_layout_run (KrDataset *dataset, const KrLayoutOptions *options, GError **error)
{
  static const KrLayoutOptions defaults = { "dot", KR_RANKDIR_LR, NULL, NULL };
  KrScene *scene;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (options->engine != NULL && !kr_layout_engine_is_valid (options->engine))
    {
      g_autofree char *list = g_strjoinv (", ", (char **)engines);
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_ENGINE,
                   _ ("Unknown layout engine “%s”; choose one of %s"), options->engine, list);
      return NULL;
    }

  g_mutex_lock (&graphviz_lock);
  if (graphviz_messages == NULL)
    graphviz_messages = g_string_new (NULL);
  scene = layout_locked (dataset, options, error);
  g_mutex_unlock (&graphviz_lock);
  return scene;
}

typedef struct
{
  KrDataset *dataset;
  KrLayoutOptions options;
  char *engine;
  gboolean *visible_entities;
  gboolean *visible_deals;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->dataset);
  g_free (job->engine);
  g_free (job->visible_entities);
  g_free (job->visible_deals);
  g_free (job);
}

static void
layout_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  KrScene *scene;

  if (g_task_return_error_if_cancelled (task))
    return;
  scene = kr_layout_run (job->dataset, &job->options, &error);
  if (scene == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scene, g_object_unref);
}

void
kr_layout_run_async (KrDataset *dataset, const KrLayoutOptions *options, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Job *job;

  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (options != NULL);

  job = g_new0 (Job, 1);
  job->dataset = g_object_ref (dataset);
  job->engine = g_strdup (options->engine);
  job->options.engine = job->engine;
  job->options.rankdir = options->rankdir;
  if (options->visible_entities != NULL)
    job->visible_entities = g_memdup2 (options->visible_entities,
                                       sizeof (gboolean) * kr_dataset_get_n_entities (dataset));
  if (options->visible_deals != NULL)
    job->visible_deals
        = g_memdup2 (options->visible_deals, sizeof (gboolean) * kr_dataset_get_n_deals (dataset));
  job->options.visible_entities = job->visible_entities;
  job->options.visible_deals = job->visible_deals;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kr_layout_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, layout_thread);
}

KrScene *
kr_layout_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
