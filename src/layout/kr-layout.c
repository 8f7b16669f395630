/* kr-layout.c — runs Graphviz, in-process or in a helper process, and builds the scene
 *
 * Graphviz keeps global state (error handlers, the numeric locale, plugin tables), so every
 * call into it happens under one process-wide lock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-layout"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <graphviz/gvc.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "kr-draft.h"
#include "kr-graph.h"
#include "kr-layout-cache.h"
#include "kr-layout-input.h"
#include "kr-layout-output.h"
#include "kr-link-room.h"
#include "kr-layout.h"
#include "kr-revision.h"

G_DEFINE_QUARK (kr - layout - error - quark, kr_layout_error)

#define MAX_REQUEST_SIZE (512 * 1024 * 1024)

static GMutex graphviz_lock;
static GVC_t *graphviz_context;
static GString *graphviz_messages;

static GMutex worker_lock;
static char **worker_argv;

void
kr_layout_set_worker (const char *const *argv)
{
  g_mutex_lock (&worker_lock);
  g_strfreev (worker_argv);
  worker_argv = g_strdupv ((char **)argv);
  g_mutex_unlock (&worker_lock);
}

/* ---- Graphviz ------------------------------------------------------------------------ */

static int
collect_message (char *message)
{
  if (graphviz_messages != NULL && graphviz_messages->len < 4096)
    g_string_append (graphviz_messages, message);
  return 0;
}

/* Takes the lock and makes sure the context exists. */
static void
graphviz_enter (void)
{
  g_mutex_lock (&graphviz_lock);
  if (graphviz_context == NULL)
    {
      graphviz_messages = g_string_new (NULL);
      graphviz_context = gvContext ();
      agseterrf (collect_message);
      agseterr (AGWARN);
    }
  g_string_truncate (graphviz_messages, 0);
}

static void
graphviz_leave (void)
{
  g_mutex_unlock (&graphviz_lock);
}

/* Part of a cached layout's key: the library of this process, which the helper runs too. */
static const char *
graphviz_version (void)
{
  static gsize once;
  static char *version;

  if (g_once_init_enter (&once))
    {
      graphviz_enter ();
      version = g_strdup (gvcVersion (graphviz_context));
      graphviz_leave ();
      g_once_init_leave (&once, 1);
    }
  return version;
}

static KrPoint
to_scene (pointf p, const boxf *bb)
{
  return (KrPoint){ p.x - bb->LL.x + KR_SCENE_MARGIN, bb->UR.y - p.y + KR_SCENE_MARGIN };
}

/* Where Graphviz put a link label: it leaves out those it finds no room for. */
static void
read_link (const textlabel_t *label, const boxf *bb, gboolean *placed, KrPoint *centre)
{
  *placed = label != NULL && label->set;
  if (*placed)
    *centre = to_scene (label->pos, bb);
}

static void
copy_node (KrLayoutOutput *output, Agnode_t *n, const boxf *bb)
{
  KrOutputNode on = { 0 };
  KrPoint centre = to_scene (ND_coord (n), bb);
  polygon_t *poly = ND_shape_info (n);

  on.x = centre.x;
  on.y = centre.y;
  if (poly != NULL && poly->sides >= 3 && poly->vertices != NULL
      && strcmp (agget (n, (char *)"shape"), "ellipse") != 0)
    {
      /* The outermost periphery is the last ring of vertices. */
      guint first = (guint)(MAX (poly->peripheries, 1) - 1) * (guint)poly->sides;
      on.n_vertices = (guint)poly->sides;
      on.vertices = g_new (KrPoint, on.n_vertices);
      for (guint i = 0; i < on.n_vertices; i++)
        on.vertices[i] = (KrPoint){ poly->vertices[first + i].x, -poly->vertices[first + i].y };
    }
  read_link (ND_xlabel (n), bb, &on.has_link, &on.link);
  g_array_append_val (output->nodes, on);
}

static void
copy_edge (KrLayoutOutput *output, Agedge_t *e, const boxf *bb)
{
  KrOutputEdge oe = { 0 };
  splines *spl = ED_spl (e);

  if (spl != NULL && spl->size > 0 && spl->list[0].size >= 4)
    {
      const bezier *first = &spl->list[0];
      const bezier *last = &spl->list[spl->size - 1];
      guint total = 0;

      /* The sizes are ints before Graphviz 13, size_t since. */
      for (size_t i = 0; i < (size_t)spl->size; i++)
        total += (guint)spl->list[i].size;
      oe.points = g_new (KrPoint, total);
      for (size_t i = 0; i < (size_t)spl->size; i++)
        for (size_t j = 0; j < (size_t)spl->list[i].size; j++)
          {
            /* Consecutive pieces share an end point; keep one copy. */
            if (i > 0 && j == 0)
              continue;
            oe.points[oe.n_points++] = to_scene (spl->list[i].list[j], bb);
          }
      if (first->sflag)
        oe.arrow_start = (KrArrow){ TRUE, to_scene (first->list[0], bb), to_scene (first->sp, bb) };
      if (last->eflag)
        oe.arrow_end
            = (KrArrow){ TRUE, to_scene (last->list[last->size - 1], bb), to_scene (last->ep, bb) };
    }
  if (oe.n_points < 4 || (oe.n_points - 1) % 3 != 0)
    {
      /* No usable route: a straight line between the centres. */
      KrPoint a = to_scene (ND_coord (agtail (e)), bb);
      KrPoint b = to_scene (ND_coord (aghead (e)), bb);
      g_free (oe.points);
      oe.n_points = 4;
      oe.points = g_new (KrPoint, 4);
      for (int i = 0; i < 4; i++)
        oe.points[i] = (KrPoint){ a.x + (b.x - a.x) * i / 3.0, a.y + (b.y - a.y) * i / 3.0 };
    }
  /* dot's edges have labels, the other engines' xlabels (kr-graph.c). */
  read_link (ED_label (e) != NULL ? ED_label (e) : ED_xlabel (e), bb, &oe.has_link, &oe.link);
  g_array_append_val (output->edges, oe);
}

/* Graphviz's @messages say why, when it said anything. */
static void
set_unplaced_error (GError **error, KrEngine engine, const char *messages)
{
  g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED,
               _ ("%s could not place the entities: %s"), kr_engine_get_name (engine),
               *messages ? messages : _ ("it gave coordinates that are not numbers"));
}

static KrLayoutOutput *
compute_locked (const KrLayoutInput *input, GError **error)
{
  g_autoptr (KrGraph) graph = NULL;
  KrLayoutOutput *output;
  boxf bb;

  if (input->nodes->len == 0)
    {
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_EMPTY, _ ("There is nothing to show"));
      return NULL;
    }

  graph = kr_graph_new (input, NULL, NULL);
  /* "nop2" is `neato -n2`: every node stays where it is given, only the lines are laid out. */
  if (gvLayout (graphviz_context, graph->graph,
                input->route ? "nop2" : kr_engine_get_name (input->engine))
      != 0)
    {
      g_strstrip (graphviz_messages->str);
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED,
                   _ ("Graphviz could not lay out the diagram with %s: %s"),
                   kr_engine_get_name (input->engine),
                   graphviz_messages->len ? graphviz_messages->str : _ ("unknown error"));
      return NULL;
    }

  bb = GD_bb (graph->graph);
  output = kr_layout_output_new (bb.UR.x - bb.LL.x + 2 * KR_SCENE_MARGIN,
                                 bb.UR.y - bb.LL.y + 2 * KR_SCENE_MARGIN);
  for (guint i = 0; i < input->nodes->len; i++)
    copy_node (output, graph->nodes[i], &bb);
  for (guint i = 0; i < input->edges->len; i++)
    copy_edge (output, graph->edges[i], &bb);
  gvFreeLayout (graphviz_context, graph->graph);
  if (!kr_layout_output_is_placed (output))
    {
      g_strstrip (graphviz_messages->str);
      set_unplaced_error (error, input->engine, graphviz_messages->str);
      g_clear_pointer (&output, kr_layout_output_free);
    }
  else
    kr_link_room_clear (input, output);
  return output;
}

/* A draft needs no Graphviz (kr-draft.h); an empty one is refused as any empty layout is. */
static gboolean
wants_draft (const KrLayoutInput *input)
{
  return input->draft && input->nodes->len > 0;
}

static KrLayoutOutput *
compute (const KrLayoutInput *input, GError **error)
{
  g_autoptr (KrLayoutOutput) output = NULL;
  g_autoptr (KrLayoutInput) held = NULL;
  gboolean all_pinned;

  if (wants_draft (input))
    return kr_draft_layout (input);
  graphviz_enter ();
  if (!kr_layout_input_has_pins (input, &all_pinned))
    output = compute_locked (input, error);
  else
    {
      /* Pinned nodes go exactly where they were put, the others where the engine put them;
       * then Graphviz lays the lines out again with every node held. */
      if (!all_pinned)
        output = compute_locked (input, error);
      if (all_pinned || output != NULL)
        held = kr_layout_input_new_held (input, output);
      g_clear_pointer (&output, kr_layout_output_free);
      if (held != NULL)
        output = compute_locked (held, error);
      if (output != NULL)
        kr_layout_input_hold (held, output);
    }
  graphviz_leave ();
  return g_steal_pointer (&output);
}

/* ---- scene ----------------------------------------------------------------------------- */

/* A link label the layout placed; none when it had no text or Graphviz found no room. */
static KrSceneLinkLabel
scene_link (const KrInputLink *link, gboolean placed, KrPoint centre)
{
  KrSceneLinkLabel label = { 0 };

  if (link->text == NULL || !placed)
    return label;
  label.text = g_strdup (link->text);
  label.centre = centre;
  label.width = link->width;
  label.height = link->height;
  return label;
}

/* Takes the curves and outlines of @output, which is left without them. */
static KrScene *
build_scene (KrDataset *dataset, const KrLayoutOptions *options, const KrLayoutInput *input,
             KrLayoutOutput *output)
{
  KrScene *scene = kr_scene_new (dataset, output->width, output->height);

  kr_scene_set_options (scene, options);
  kr_scene_reserve (scene, input->nodes->len, input->edges->len);
  for (guint i = 0; i < input->nodes->len; i++)
    {
      const KrInputNode *in = &g_array_index (input->nodes, KrInputNode, i);
      KrOutputNode *on = &g_array_index (output->nodes, KrOutputNode, i);
      KrSceneNode sn = { 0 };

      sn.type = in->type;
      sn.index = in->index;
      sn.x = on->x;
      sn.y = on->y;
      sn.width = in->width;
      sn.height = in->height;
      sn.shape = in->shape;
      sn.dashed_outline = in->dashed_outline;
      sn.label = in->type == KR_SCENE_NODE_ENTITY
                     ? kr_dataset_get_entity (dataset, in->index)->display_name
                     : NULL;
      sn.font_size = in->font_size;
      sn.label_width = in->label_width;
      sn.label_height = in->label_height;
      sn.n_deals = in->n_deals;
      sn.link_label = scene_link (&in->link, on->has_link, on->link);
      if (in->shape == KR_SHAPE_POLYGON)
        {
          if (on->n_vertices >= 3)
            {
              sn.vertices = g_steal_pointer (&on->vertices);
              sn.n_vertices = on->n_vertices;
            }
          else
            sn.shape = KR_SHAPE_BOX;
        }
      kr_scene_add_node (scene, &sn);
    }
  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *in = &g_array_index (input->edges, KrInputEdge, i);
      KrOutputEdge *oe = &g_array_index (output->edges, KrOutputEdge, i);
      KrSceneEdge se = { 0 };

      se.deal = in->deal;
      se.tail = in->tail;
      se.head = in->head;
      se.advocacy = in->advocacy;
      se.points = g_steal_pointer (&oe->points);
      se.n_points = oe->n_points;
      se.arrow_start = oe->arrow_start;
      se.arrow_end = oe->arrow_end;
      se.link_label = scene_link (&in->link, oe->has_link, oe->link);
      kr_scene_add_edge (scene, &se);
    }
  return scene;
}

static const KrLayoutOptions defaults = KR_LAYOUT_OPTIONS_INIT;

/* An engine and a direction from the tables, and a flag for each entity and deal shown. */
static gboolean
options_fit (const KrLayoutOptions *options, KrDataset *dataset)
{
  return (guint)options->engine < KR_N_ENGINES && (guint)options->rankdir < KR_N_RANKDIRS
         && (options->visible_entities == NULL
             || options->n_entities == kr_dataset_get_n_entities (dataset))
         && (options->visible_deals == NULL
             || options->n_deals == kr_dataset_get_n_deals (dataset));
}

/* An edit laid out from the map before (kr-revision.h); lines laid out again around entities
 * moved by hand keep every node where it is already. */
static gboolean
wants_revision (const KrLayoutOptions *options)
{
  return options->revise && options->seed != NULL && !options->hold && !options->draft;
}

KrScene *
kr_layout_run (KrDataset *dataset, const KrLayoutOptions *options, GError **error)
{
  g_autoptr (KrLayoutInput) input = NULL;
  g_autoptr (KrLayoutOutput) output = NULL;
  g_autoptr (KrRevision) revision = NULL;
  KrLayoutOptions laid;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options == NULL || options_fit (options, dataset), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  input = kr_layout_input_new (dataset, options);
  revision = wants_revision (options) ? kr_revision_new (input, dataset, options) : NULL;
  laid = *options;
  laid.revise = revision != NULL;
  if (revision == NULL)
    output = compute (input, error);
  else if (kr_revision_get_route (revision) == NULL)
    output = kr_revision_finish (revision, NULL);
  else
    {
      g_autoptr (KrLayoutOutput) routed = compute (kr_revision_get_route (revision), error);
      output = routed != NULL ? kr_revision_finish (revision, routed) : NULL;
    }
  return output ? build_scene (dataset, &laid, input, output) : NULL;
}

/* ---- DOT --------------------------------------------------------------------------------- */

static int
dot_putstr (void *channel, const char *str)
{
  g_string_append (channel, str);
  return 0;
}

static int
dot_flush (void *channel)
{
  return 0;
}

/* DOT text of @input's graph, named and styled from @dataset; @engine (nullable) names the
 * engine to lay it out with. */
static char *
write_graph (const KrLayoutInput *input, KrDataset *dataset, const char *engine)
{
  g_autoptr (KrGraph) graph = NULL;
  Agiodisc_t io = AgIoDisc;
  GString *out;

  io.putstr = dot_putstr;
  io.flush = dot_flush;
  out = g_string_sized_new (64 * 1024);

  graphviz_enter ();
  graph = kr_graph_new (input, dataset, &io);
  if (engine != NULL)
    agattr (graph->graph, AGRAPH, (char *)"layout", (char *)engine);
  agwrite (graph->graph, out);
  g_clear_pointer (&graph, kr_graph_free);
  graphviz_leave ();
  return g_string_free (out, FALSE);
}

char *
kr_layout_write_dot (KrDataset *dataset, const KrLayoutOptions *options, GError **error)
{
  g_autoptr (KrLayoutInput) input = NULL;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options == NULL || options_fit (options, dataset), NULL);

  if (options == NULL)
    options = &defaults;
  input = kr_layout_input_new (dataset, options);
  /* For the command-line tools: the engine the diagram was made with. */
  return write_graph (input, dataset, kr_engine_get_name (input->engine));
}

char *
kr_layout_write_scene_dot (KrScene *scene, GError **error)
{
  g_autoptr (KrLayoutInput) input = NULL;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  input = kr_layout_input_new_shown (scene);
  /* No engine: "layout" would override the tool's own, and neato -n2 keeps the positions. */
  return write_graph (input, kr_scene_get_dataset (scene), NULL);
}

/* ---- the helper process ------------------------------------------------------------------- */

static gboolean
write_all (int fd, const guint8 *data, gsize size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      size -= (gsize)n;
    }
  return TRUE;
}

int
kr_layout_worker_main (void)
{
  g_autoptr (GByteArray) request = g_byte_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (KrLayoutInput) input = NULL;
  g_autoptr (KrLayoutOutput) output = NULL;
  g_autoptr (GError) error = NULL;
  guint8 buffer[65536];

#ifdef __linux__
  /* A layout nobody waits for any more is wasted work: end with the program that asked. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () == 1)
    return 1;
#endif
  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_printerr ("%s\n", g_strerror (errno));
          return 1;
        }
      if (n == 0)
        break;
      g_byte_array_append (request, buffer, (guint)n);
      if (request->len > MAX_REQUEST_SIZE)
        {
          g_printerr ("%s\n", _ ("The layout request is too large"));
          return 1;
        }
    }

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request));
  input = kr_layout_input_deserialize (bytes, &error);
  if (input != NULL)
    output = compute (input, &error);
  if (output == NULL)
    {
      g_printerr ("%s\n", error->message);
      return error->code == KR_LAYOUT_ERROR_EMPTY ? 3 : 1;
    }
  reply = kr_layout_output_serialize (output);
  if (!write_all (STDOUT_FILENO, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply)))
    return 1;
  return 0;
}

/* ---- asynchronous layout ------------------------------------------------------------------ */

typedef struct
{
  KrDataset *dataset;
  KrLayoutOptions *options;
  KrLayoutInput *input;
  GBytes *request;      /* the input, serialized for the helper */
  KrLayoutCache *cache; /* NULL when layouts are not kept */
  char *cache_key;
  KrScene *ready;       /* the scene made without the helper: a draft's, or a kept layout's */
  KrRevision *revision; /* an edit's map made from the map before: the helper lays out its route */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->dataset);
  g_clear_pointer (&job->options, kr_layout_options_free);
  g_clear_pointer (&job->input, kr_layout_input_free);
  g_clear_pointer (&job->request, g_bytes_unref);
  g_clear_object (&job->cache);
  g_clear_pointer (&job->cache_key, g_free);
  g_clear_object (&job->ready);
  g_clear_pointer (&job->revision, kr_revision_free);
  g_free (job);
}

static char *
describe_failure (GSubprocess *subprocess, GBytes *err)
{
  g_autofree char *text = NULL;
  gsize size = 0;
  const char *data = err ? g_bytes_get_data (err, &size) : NULL;

  text = g_strstrip (g_strndup (data ? data : "", MIN (size, 4096)));
  if (g_subprocess_get_if_signaled (subprocess))
    {
      int sig = g_subprocess_get_term_sig (subprocess);
      return g_strdup_printf (_ ("Graphviz stopped unexpectedly (%s)%s%s"), g_strsignal (sig),
                              *text ? ": " : "", text);
    }
  if (*text)
    return g_steal_pointer (&text);
  return g_strdup_printf (_ ("Graphviz stopped with status %d"),
                          g_subprocess_get_exit_status (subprocess));
}

/* Starts the helper on @job's request and waits for its answer. It runs on the thread that
 * waits: the helper ends with the thread that started it (PR_SET_PDEATHSIG), and nothing here
 * waits for the main loop, which may be busy drawing a frame for a tenth of a second or more
 * when Mesa draws in software. */
static GBytes *
run_helper (Job *job, GCancellable *cancellable, GError **error)
{
  g_auto (GStrv) argv = NULL;
  g_autoptr (GSubprocess) subprocess = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GBytes) err = NULL;

  g_mutex_lock (&worker_lock);
  argv = g_strdupv (worker_argv);
  g_mutex_unlock (&worker_lock);

  subprocess = g_subprocess_newv ((const char *const *)argv,
                                  G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                      | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  error);
  if (subprocess == NULL)
    return NULL;
  if (!g_subprocess_communicate (subprocess, job->request, cancellable, &answer, &err, error))
    {
      /* Stopped: a layout nobody waits for is not finished. */
      g_subprocess_force_exit (subprocess);
      return NULL;
    }
  if (!g_subprocess_get_successful (subprocess))
    {
      g_autofree char *why = describe_failure (subprocess, err);
      g_set_error (error, KR_LAYOUT_ERROR,
                   g_subprocess_get_if_exited (subprocess)
                           && g_subprocess_get_exit_status (subprocess) == 3
                       ? KR_LAYOUT_ERROR_EMPTY
                       : KR_LAYOUT_ERROR_FAILED,
                   "%s", why);
      return NULL;
    }
  return g_steal_pointer (&answer);
}

/* The scene of the helper's @answer, which it takes. */
static KrScene *
answer_scene (Job *job, GBytes *answer, GError **error)
{
  g_autoptr (GBytes) read = answer;
  g_autoptr (KrLayoutOutput) output = NULL;
  const KrLayoutInput *sent
      = job->revision != NULL ? kr_revision_get_route (job->revision) : job->input;

  output = kr_layout_output_deserialize (answer, sent->nodes->len, sent->edges->len, error);
  if (output != NULL && job->revision != NULL && kr_layout_output_is_placed (output))
    {
      g_autoptr (KrLayoutOutput) routed = g_steal_pointer (&output);
      output = kr_revision_finish (job->revision, routed);
    }
  if (output == NULL)
    return NULL;
  if (!kr_layout_output_is_placed (output))
    {
      set_unplaced_error (error, job->input->engine, "");
      return NULL;
    }
  /* Only a layout that could be read is kept. The answer, as large as the scene, is let go
   * before the scene is made. */
  if (job->cache != NULL)
    kr_layout_cache_store_async (job->cache, job->cache_key, read, NULL, NULL, NULL);
  g_clear_pointer (&read, g_bytes_unref);
  return build_scene (job->dataset, job->options, job->input, output);
}

/* The scene of the layout kept under @key for @input, laid out with @options, or NULL. */
static KrScene *
cached_scene (Job *job, const KrLayoutOptions *options, const KrLayoutInput *input, const char *key)
{
  g_autoptr (KrLayoutOutput) cached
      = kr_layout_cache_lookup (job->cache, key, input->nodes->len, input->edges->len);

  return cached != NULL ? build_scene (job->dataset, options, input, cached) : NULL;
}

/* A revision that changes nothing the layout sees (a description, a note, an excerpt) is laid
 * out as the version before was when that was laid out afresh: the layout kept for the
 * request made without the version before's places, if any. Not when lines are laid out
 * again around entities moved by hand, which that layout would undo. */
static KrScene *
find_unchanged (Job *job)
{
  KrLayoutOptions options = *job->options;
  g_autoptr (GBytes) request = NULL;
  g_autofree char *key = NULL;
  KrLayoutInput *input;
  KrScene *scene;

  if (options.seed == NULL || options.hold || options.draft)
    return NULL;
  options.seed = NULL;
  options.anchor = FALSE;
  input = kr_layout_input_new (job->dataset, &options);
  request = kr_layout_input_serialize (input);
  key = kr_layout_cache_key (request, graphviz_version ());
  scene = cached_scene (job, &options, input, key);
  kr_layout_input_free (input);
  return scene;
}

/* The bare graph of the map (labels measured: the only part that needs the dataset), and the
 * scene when it needs no helper: a draft, an edit that moves no line, a layout kept. */
static void
prepare (Job *job)
{
  KrLayoutInput *input = kr_layout_input_new (job->dataset, job->options);

  job->input = input;

  /* A draft takes less time than starting the helper would, and is not worth keeping. */
  if (wants_draft (input))
    {
      g_autoptr (KrLayoutOutput) output = kr_draft_layout (input);

      job->ready = build_scene (job->dataset, job->options, input, output);
      return;
    }
  if (wants_revision (job->options))
    job->revision = kr_revision_new (input, job->dataset, job->options);
  /* The scene says whether it was made so. */
  job->options->revise = job->revision != NULL;
  if (job->revision != NULL)
    {
      const KrLayoutInput *route = kr_revision_get_route (job->revision);

      /* The helper lays out only the lines of what changed; without any, it is not needed. */
      if (route != NULL)
        job->request = kr_layout_input_serialize (route);
      else
        {
          g_autoptr (KrLayoutOutput) output = kr_revision_finish (job->revision, NULL);
          job->ready = build_scene (job->dataset, job->options, input, output);
        }
      return;
    }
  /* Serializing a large graph takes a while too: not on the main thread either. */
  job->request = kr_layout_input_serialize (input);
  /* The same request laid out before needs neither the helper nor Graphviz. */
  job->cache = kr_layout_cache_dup_default ();
  if (job->cache != NULL)
    {
      job->cache_key = kr_layout_cache_key (job->request, graphviz_version ());
      /* Its scene too is made here, off the main thread. */
      job->ready = cached_scene (job, job->options, input, job->cache_key);
      if (job->ready == NULL)
        job->ready = find_unchanged (job);
    }
}

/* Layouts given to a thread and not finished there (kr_layout_wait_for_threads ()). */
static GMutex threads_lock;
static GCond threads_done;
static guint threads_running;

static void
thread_given (void)
{
  g_mutex_lock (&threads_lock);
  threads_running++;
  g_mutex_unlock (&threads_lock);
}

static void
thread_finished (void)
{
  g_mutex_lock (&threads_lock);
  if (--threads_running == 0)
    g_cond_broadcast (&threads_done);
  g_mutex_unlock (&threads_lock);
}

gboolean
kr_layout_wait_for_threads (double seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);
  gboolean done;

  g_mutex_lock (&threads_lock);
  while (threads_running > 0 && g_cond_wait_until (&threads_done, &threads_lock, deadline))
    ;
  done = threads_running == 0;
  g_mutex_unlock (&threads_lock);
  return done;
}

/* A layout with the helper, from the measuring of labels to the scene: all off the main
 * thread, which only hears of the scene. */
static void
run_job (GTask *task, Job *job, GCancellable *cancellable)
{
  GBytes *answer;
  GError *error = NULL;
  KrScene *scene;

  if (g_task_return_error_if_cancelled (task))
    return;
  prepare (job);
  if (job->ready != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&job->ready), g_object_unref);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  /* The request, as large as the graph, is let go once sent; the answer once read. */
  answer = run_helper (job, cancellable, &error);
  g_clear_pointer (&job->request, g_bytes_unref);
  scene = answer != NULL ? answer_scene (job, answer, &error) : NULL;
  if (scene == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scene, g_object_unref);
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  run_job (task, task_data, cancellable);
  thread_finished ();
}

static void
in_process_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  KrScene *scene;

  if (!g_task_return_error_if_cancelled (task))
    {
      scene = kr_layout_run (job->dataset, job->options, &error);
      if (scene == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, scene, g_object_unref);
    }
  thread_finished ();
}

void
kr_layout_run_async (KrDataset *dataset, const KrLayoutOptions *options, GCancellable *cancellable,
                     GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  gboolean use_worker;
  Job *job;

  g_return_if_fail (KR_IS_DATASET (dataset));
  g_return_if_fail (options != NULL && options_fit (options, dataset));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kr_layout_run_async);
  job = g_new0 (Job, 1);
  job->dataset = g_object_ref (dataset);
  job->options = kr_layout_options_copy (options);
  g_task_set_task_data (task, job, (GDestroyNotify)job_free);
  /* A cancelled layout reports at once, without waiting for Graphviz. */
  g_task_set_return_on_cancel (task, TRUE);

  g_mutex_lock (&worker_lock);
  use_worker = worker_argv != NULL;
  g_mutex_unlock (&worker_lock);

  thread_given ();
  g_task_run_in_thread (task, use_worker ? job_thread : in_process_thread);
}

KrScene *
kr_layout_run_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
