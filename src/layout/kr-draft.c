/* kr-draft.c — a quick first placement of a large map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-draft"

#include "config.h"

#include <math.h>

#include "kr-draft.h"

/* Successive nodes of a spiral this far apart in angle fill a disc evenly (Vogel's sunflower). */
#define GOLDEN_ANGLE 2.39996322972865332
/* Room around each node, as sfdp's "sep" leaves (kr-graph.c). */
#define GAP 6.0
#define ARROW_LENGTH 10.0
/* One node in so many is a hub, up to KR_DRAFT_HUBS. */
#define HUB_SHARE 8

struct _KrDraft
{
  KrLayoutInput *hubs;
  guint *disc;    /* of each node: the hub's node in hubs, or the disc of nodes no hub reaches */
  guint *turn;    /* of each node: its place on its disc's spiral, 0 for the hub itself */
  double *inner;  /* of each disc: the room its hub takes, which the spiral goes around */
  double spacing; /* each node of a spiral has π·spacing² of room */
};

static int
by_degree (gconstpointer a, gconstpointer b, gpointer data)
{
  const guint *degree = data;
  guint x = *(const guint *)a, y = *(const guint *)b;

  if (degree[x] != degree[y])
    return degree[x] > degree[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static int
by_value (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return (x > y) - (x < y);
}

/* The hubs' graph: one round node per disc, as large as the disc, and a line between two discs
 * for every pair that some deal joins. */
static KrLayoutInput *
hub_graph (const KrLayoutInput *input, KrDraft *draft, guint n_discs, const guint *count)
{
  KrLayoutInput *hubs = kr_layout_input_new_empty (KR_ENGINE_SFDP, input->rankdir, n_discs, 0);
  g_autoptr (GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint k = 0; k < n_discs; k++)
    {
      double radius = sqrt (draft->inner[k] * draft->inner[k]
                            + draft->spacing * draft->spacing * (count[k] + 1));
      KrInputNode node = {
        .type = KR_SCENE_NODE_ENTITY,
        .gv_shape = KR_GV_ELLIPSE,
        .shape = KR_SHAPE_ELLIPSE,
        .width = 2 * radius,
        .height = 2 * radius,
      };
      g_array_append_val (hubs->nodes, node);
    }
  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);
      guint a = MIN (draft->disc[e->tail], draft->disc[e->head]);
      guint b = MAX (draft->disc[e->tail], draft->disc[e->head]);
      guint64 pair = (guint64)a << 32 | b;

      if (a != b)
        g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, by_value);
  for (guint i = 0; i < pairs->len; i++)
    {
      guint64 pair = g_array_index (pairs, guint64, i);
      KrInputEdge edge = { .tail = (guint)(pair >> 32), .head = (guint)(pair & G_MAXUINT32) };

      if (i == 0 || pair != g_array_index (pairs, guint64, i - 1))
        g_array_append_val (hubs->edges, edge);
    }
  return hubs;
}

KrDraft *
kr_draft_new (const KrLayoutInput *input)
{
  guint n = input->nodes->len;
  guint n_hubs = CLAMP (n / HUB_SHARE, MIN (n, 1), KR_DRAFT_HUBS), n_discs = n_hubs;
  guint head = 0, tail = 0;
  g_autofree guint *degree = g_new0 (guint, MAX (n, 1));
  g_autofree guint *first = g_new0 (guint, n + 1);
  g_autofree guint *fill = NULL;
  g_autofree guint *around = g_new (guint, MAX (2 * input->edges->len, 1));
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree guint *queue = g_new (guint, MAX (n, 1));
  g_autofree guint *count = NULL;
  KrDraft *draft = g_new0 (KrDraft, 1);
  double area = 0;

  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);
      degree[e->tail]++;
      degree[e->head]++;
    }
  for (guint i = 0; i < n; i++)
    first[i + 1] = first[i] + degree[i];
  fill = g_memdup2 (first, sizeof (guint) * (n + 1));
  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);
      around[fill[e->tail]++] = e->head;
      around[fill[e->head]++] = e->tail;
    }
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint)n, sizeof (guint), by_degree, degree);

  /* Each node goes around the hub it is nearest to, by deals: a search from all hubs at once. */
  draft->disc = g_new (guint, MAX (n, 1));
  draft->turn = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    draft->disc[i] = G_MAXUINT;
  for (guint k = 0; k < n_hubs; k++)
    {
      draft->disc[order[k]] = k;
      queue[tail++] = order[k];
    }
  while (head < tail)
    {
      guint v = queue[head++];

      for (guint k = first[v]; k < first[v + 1]; k++)
        if (draft->disc[around[k]] == G_MAXUINT)
          {
            draft->disc[around[k]] = draft->disc[v];
            queue[tail++] = around[k];
          }
    }
  /* Small groups that no hub reaches share one more disc, the most connected in the middle. */
  if (tail < n)
    {
      for (guint i = 0; i < n; i++)
        if (draft->disc[order[i]] == G_MAXUINT)
          {
            draft->disc[order[i]] = n_hubs;
            queue[tail++] = order[i];
          }
      n_discs++;
    }
  count = g_new0 (guint, n_discs);
  draft->inner = g_new0 (double, n_discs);
  for (guint q = n_hubs; q < n; q++)
    draft->turn[queue[q]] = ++count[draft->disc[queue[q]]];
  for (guint i = 0; i < n; i++)
    {
      const KrInputNode *node = &g_array_index (input->nodes, KrInputNode, i);
      area += (node->width + GAP) * (node->height + GAP);
    }
  draft->spacing = sqrt (area / MAX (n, 1) / G_PI);
  for (guint k = 0; k < n_hubs; k++)
    {
      const KrInputNode *hub = &g_array_index (input->nodes, KrInputNode, order[k]);
      draft->inner[k] = hypot (hub->width, hub->height) / 2 + GAP;
    }
  draft->hubs = hub_graph (input, draft, n_discs, count);
  return draft;
}

const KrLayoutInput *
kr_draft_get_hubs (const KrDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);
  return draft->hubs;
}

/* The outline Graphviz would give @shape in a box of @w × @h, near enough for a draft: y down,
 * relative to the centre. NULL for the shapes drawn without vertices. */
static KrPoint *
outline (KrGvShape shape, double w, double h, guint *n)
{
  static const KrPoint hexagon[]
      = { { 0.5, 0 }, { 0.25, 0.5 }, { -0.25, 0.5 }, { -0.5, 0 }, { -0.25, -0.5 }, { 0.25, -0.5 } };
  static const KrPoint house[]
      = { { 0.5, 0.5 }, { -0.5, 0.5 }, { -0.5, -0.1 }, { 0, -0.5 }, { 0.5, -0.1 } };
  static const KrPoint octagon[] = { { 0.5, 0.2 },   { 0.2, 0.5 },   { -0.2, 0.5 }, { -0.5, 0.2 },
                                     { -0.5, -0.2 }, { -0.2, -0.5 }, { 0.2, -0.5 }, { 0.5, -0.2 } };
  static const KrPoint parallelogram[]
      = { { 0.375, 0.5 }, { -0.5, 0.5 }, { -0.375, -0.5 }, { 0.5, -0.5 } };
  static const KrPoint diamond[] = { { 0.5, 0 }, { 0, 0.5 }, { -0.5, 0 }, { 0, -0.5 } };
  const KrPoint *unit;
  KrPoint *vertices;

  switch (shape)
    {
    case KR_GV_HEXAGON:
      unit = hexagon, *n = G_N_ELEMENTS (hexagon);
      break;
    case KR_GV_HOUSE:
      unit = house, *n = G_N_ELEMENTS (house);
      break;
    case KR_GV_OCTAGON:
      unit = octagon, *n = G_N_ELEMENTS (octagon);
      break;
    case KR_GV_PARALLELOGRAM:
      unit = parallelogram, *n = G_N_ELEMENTS (parallelogram);
      break;
    case KR_GV_DIAMOND:
      unit = diamond, *n = G_N_ELEMENTS (diamond);
      break;
    case KR_GV_BOX:
    case KR_GV_ELLIPSE:
    case KR_N_GV_SHAPES:
    default:
      *n = 0;
      return NULL;
    }
  vertices = g_new (KrPoint, *n);
  for (guint i = 0; i < *n; i++)
    vertices[i] = (KrPoint){ unit[i].x * w, unit[i].y * h };
  return vertices;
}

/* How far from its centre a line in direction (@dx, @dy), of length 1, leaves @node's box. */
static double
leaves_at (const KrInputNode *node, double dx, double dy)
{
  double x = fabs (dx) > 1e-9 ? node->width / 2 / fabs (dx) : G_MAXDOUBLE;
  double y = fabs (dy) > 1e-9 ? node->height / 2 / fabs (dy) : G_MAXDOUBLE;
  return MIN (x, y);
}

/* A straight line from box to box, with its arrowhead when it has one. */
static void
straight_edge (const KrInputEdge *e, const KrInputNode *tail, const KrInputNode *head,
               const KrOutputNode *from, const KrOutputNode *to, KrOutputEdge *out)
{
  double dx = to->x - from->x, dy = to->y - from->y, length = hypot (dx, dy);
  KrPoint a = { from->x, from->y }, b = { to->x, to->y };

  if (length > 1e-6)
    {
      double start = MIN (leaves_at (tail, dx / length, dy / length), length / 2);
      double end = length - MIN (leaves_at (head, dx / length, dy / length), length / 2);

      a = (KrPoint){ from->x + dx / length * start, from->y + dy / length * start };
      b = (KrPoint){ from->x + dx / length * end, from->y + dy / length * end };
      if (e->directed && end - start > 2 * ARROW_LENGTH)
        {
          KrPoint base = { b.x - dx / length * ARROW_LENGTH, b.y - dy / length * ARROW_LENGTH };
          out->arrow_end = (KrArrow){ TRUE, base, b };
          b = base;
        }
    }
  out->n_points = 4;
  out->points = g_new (KrPoint, 4);
  for (int i = 0; i < 4; i++)
    out->points[i] = (KrPoint){ a.x + (b.x - a.x) * i / 3.0, a.y + (b.y - a.y) * i / 3.0 };
}

KrLayoutOutput *
kr_draft_place (const KrDraft *draft, const KrLayoutInput *input, const KrLayoutOutput *hubs)
{
  KrLayoutOutput *output;
  double left = G_MAXDOUBLE, top = G_MAXDOUBLE, right = -G_MAXDOUBLE, bottom = -G_MAXDOUBLE;

  g_return_val_if_fail (draft != NULL && input != NULL && hubs != NULL, NULL);
  g_return_val_if_fail (hubs->nodes->len == draft->hubs->nodes->len, NULL);

  output = kr_layout_output_new (0, 0);
  g_array_set_size (output->nodes, input->nodes->len);
  for (guint i = 0; i < input->nodes->len; i++)
    {
      const KrInputNode *in = &g_array_index (input->nodes, KrInputNode, i);
      const KrOutputNode *centre = &g_array_index (hubs->nodes, KrOutputNode, draft->disc[i]);
      KrOutputNode *on = &g_array_index (output->nodes, KrOutputNode, i);
      guint turn = draft->turn[i];
      double inner = draft->inner[draft->disc[i]];
      double r = turn ? sqrt (inner * inner + draft->spacing * draft->spacing * turn) : 0;

      on->x = centre->x + r * cos (turn * GOLDEN_ANGLE);
      on->y = centre->y + r * sin (turn * GOLDEN_ANGLE);
      on->vertices = outline (in->gv_shape, in->width, in->height, &on->n_vertices);
      left = MIN (left, on->x - in->width / 2);
      right = MAX (right, on->x + in->width / 2);
      top = MIN (top, on->y - in->height / 2);
      bottom = MAX (bottom, on->y + in->height / 2);
    }
  g_array_set_size (output->edges, input->edges->len);
  for (guint i = 0; i < input->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);

      straight_edge (e, &g_array_index (input->nodes, KrInputNode, e->tail),
                     &g_array_index (input->nodes, KrInputNode, e->head),
                     &g_array_index (output->nodes, KrOutputNode, e->tail),
                     &g_array_index (output->nodes, KrOutputNode, e->head),
                     &g_array_index (output->edges, KrOutputEdge, i));
    }
  if (input->nodes->len == 0)
    left = top = right = bottom = 0;
  kr_layout_output_translate (output, KR_SCENE_MARGIN - left, KR_SCENE_MARGIN - top);
  output->width = right - left + 2 * KR_SCENE_MARGIN;
  output->height = bottom - top + 2 * KR_SCENE_MARGIN;
  return output;
}

void
kr_draft_free (KrDraft *draft)
{
  if (draft == NULL)
    return;
  kr_layout_input_free (draft->hubs);
  g_free (draft->disc);
  g_free (draft->turn);
  g_free (draft->inner);
  g_free (draft);
}
