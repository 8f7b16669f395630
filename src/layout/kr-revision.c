/* kr-revision.c — an edit's map made from the map before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-revision"

#include "config.h"

#include <math.h>

#include "kr-draft.h"
#include "kr-graph.h"
#include "kr-revision.h"

/* An edit that adds, changes or removes more than one node in so many is laid out whole: past
 * that, what it places around the map before would no longer look like a map of its own. */
#define MAX_CHANGED_SHARE 5
/* Room kept around a node placed, as the engines' "sep" leaves (kr-graph.c). */
#define GAP 6.0
/* How far a node placed is moved off a place taken, in rings each a step further out, before
 * it goes beside the map. */
#define MAX_RINGS 24
#define MIN_STEP 12.0
/* Positions that differ by less than this, in points, are the same place. */
#define SAME_PLACE 0.01

struct _KrRevision
{
  const KrLayoutInput *input;
  KrLayoutOutput *output; /* every node placed; the lines kept from the seed */
  gboolean *changed;      /* of each node: new, resized or moved, so without its outline */
  KrLayoutInput *route;   /* NULL when Graphviz has nothing to lay out */
  GArray *routed;         /* guint: the input edge of each edge of the route */
};

void
kr_revision_free (KrRevision *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->output, kr_layout_output_free);
  g_clear_pointer (&self->changed, g_free);
  g_clear_pointer (&self->route, kr_layout_input_free);
  g_clear_pointer (&self->routed, g_array_unref);
  g_free (self);
}

static const KrInputNode *
input_node (const KrRevision *self, guint i)
{
  return &g_array_index (self->input->nodes, KrInputNode, i);
}

static KrOutputNode *
output_node (const KrRevision *self, guint i)
{
  return &g_array_index (self->output->nodes, KrOutputNode, i);
}

static gboolean
same_place (double x, double y, const KrSceneNode *node)
{
  return fabs (x - node->x) < SAME_PLACE && fabs (y - node->y) < SAME_PLACE;
}

/* Whether a link label of @link's size can stand where @label was. */
static gboolean
same_link (const KrInputLink *link, const KrSceneLinkLabel *label)
{
  return label->text == NULL || (link->width == label->width && link->height == label->height);
}

/* Takes the outline and the link label of the node shown as @was. */
static void
keep_node (KrOutputNode *on, const KrSceneNode *was)
{
  if (was->vertices != NULL)
    {
      on->vertices = g_memdup2 (was->vertices, was->n_vertices * sizeof (KrPoint));
      on->n_vertices = was->n_vertices;
    }
  on->has_link = was->link_label.text != NULL;
  on->link = was->link_label.centre;
}

static void
keep_edge (KrOutputEdge *oe, const KrSceneEdge *was)
{
  oe->points = g_memdup2 (was->points, was->n_points * sizeof (KrPoint));
  oe->n_points = was->n_points;
  oe->arrow_start = was->arrow_start;
  oe->arrow_end = was->arrow_end;
  oe->has_link = was->link_label.text != NULL;
  oe->link = was->link_label.centre;
}

/* Whether nodes @i and @j, centred at their places, come closer than GAP. */
static gboolean
crowds (const KrRevision *self, guint i, double x, double y, guint j)
{
  const KrInputNode *a = input_node (self, i), *b = input_node (self, j);
  const KrOutputNode *at = output_node (self, j);

  return fabs (x - at->x) < (a->width + b->width) / 2 + GAP
         && fabs (y - at->y) < (a->height + b->height) / 2 + GAP;
}

/* The right edge of what is placed. */
static double
right_of (const KrRevision *self, const gboolean *placed)
{
  double right = KR_SCENE_MARGIN;

  for (guint j = 0; j < self->input->nodes->len; j++)
    if (placed[j])
      right = MAX (right, output_node (self, j)->x + input_node (self, j)->width / 2);
  return right;
}

/* Puts node @i at the first place free of every node placed, ring by ring around (@tx, @ty),
 * each ring @step further out, inside the scene's top and left edges. FALSE when all are
 * taken. */
static gboolean
put_in_rings (KrRevision *self, gboolean *placed, guint i, double tx, double ty, double step)
{
  const KrInputNode *in = input_node (self, i);
  KrOutputNode *on = output_node (self, i);
  double reach = MAX_RINGS * step + in->width + GAP;
  double left = KR_SCENE_MARGIN + in->width / 2, top = KR_SCENE_MARGIN + in->height / 2;
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Only the nodes within reach can be in the way. */
  for (guint j = 0; j < self->input->nodes->len; j++)
    {
      const KrOutputNode *at = output_node (self, j);
      const KrInputNode *other = input_node (self, j);

      if (placed[j] && fabs (at->x - tx) < reach + other->width / 2
          && fabs (at->y - ty) < reach + other->height / 2)
        g_array_append_val (near, j);
    }
  for (guint ring = 0; ring <= MAX_RINGS; ring++)
    {
      double radius = ring * step;
      guint n_places = ring == 0 ? 1 : MAX (8, (guint)(2 * G_PI * radius / step));

      for (guint k = 0; k < n_places; k++)
        {
          double x = MAX (tx + radius * cos (2 * G_PI * k / n_places), left);
          double y = MAX (ty + radius * sin (2 * G_PI * k / n_places), top);
          gboolean free = TRUE;

          for (guint m = 0; m < near->len && free; m++)
            free = !crowds (self, i, x, y, g_array_index (near, guint, m));
          if (free)
            {
              on->x = x;
              on->y = y;
              placed[i] = TRUE;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* Puts node @i as near (@tx, @ty) as it goes without crowding a node placed, in rings as far
 * apart as it is small; beside the map when every place near is taken. */
static void
put_near (KrRevision *self, gboolean *placed, guint i, double tx, double ty)
{
  const KrInputNode *in = input_node (self, i);
  KrOutputNode *on = output_node (self, i);

  if (put_in_rings (self, placed, i, tx, ty, MAX (MIN (in->width, in->height), MIN_STEP) + GAP))
    return;
  on->x = right_of (self, placed) + GAP + in->width / 2;
  on->y = MAX (ty, KR_SCENE_MARGIN + in->height / 2);
  placed[i] = TRUE;
}

/* Adds to (@x, @y, @n) where the placed neighbours of node @i are; through a hub not placed
 * yet, where that hub's placed neighbours are. */
static void
add_neighbours (const KrRevision *self, const gboolean *placed, guint i, gboolean through_hubs,
                double *x, double *y, guint *n)
{
  for (guint k = 0; k < self->input->edges->len; k++)
    {
      const KrInputEdge *e = &g_array_index (self->input->edges, KrInputEdge, k);
      guint other;

      if (e->tail != i && e->head != i)
        continue;
      other = e->tail == i ? e->head : e->tail;
      if (placed[other])
        {
          *x += output_node (self, other)->x;
          *y += output_node (self, other)->y;
          (*n)++;
        }
      else if (through_hubs && input_node (self, other)->type == KR_SCENE_NODE_DEAL)
        add_neighbours (self, placed, other, FALSE, x, y, n);
    }
}

/* Places what the map before did not show: entities beside those they deal with, or beside
 * the map; then the hubs of deals between their parties. */
static void
place_new (KrRevision *self, gboolean *placed)
{
  static const KrSceneNodeType order[] = { KR_SCENE_NODE_ENTITY, KR_SCENE_NODE_DEAL };

  for (guint pass = 0; pass < G_N_ELEMENTS (order); pass++)
    for (guint i = 0; i < self->input->nodes->len; i++)
      {
        double x = 0, y = 0;
        guint n = 0;

        if (placed[i] || input_node (self, i)->type != order[pass])
          continue;
        add_neighbours (self, placed, i, TRUE, &x, &y, &n);
        if (n > 0)
          put_near (self, placed, i, x / n, y / n);
        else
          put_near (self, placed, i,
                    right_of (self, placed) + GAP + input_node (self, i)->width / 2, 0);
      }
}

/* How far from its centre a line in direction (@dx, @dy), of length 1, leaves node @i's
 * outline: its polygon, its ellipse or its box. */
static double
reach_of (const KrRevision *self, guint i, double dx, double dy)
{
  const KrInputNode *in = input_node (self, i);
  const KrOutputNode *on = output_node (self, i);
  double best = G_MAXDOUBLE;

  if (on->n_vertices >= 3)
    {
      for (guint k = 0; k < on->n_vertices; k++)
        {
          KrPoint p = on->vertices[k], q = on->vertices[(k + 1) % on->n_vertices];
          double ex = q.x - p.x, ey = q.y - p.y, across = dx * ey - dy * ex;
          double t, s;

          if (fabs (across) < 1e-12)
            continue;
          t = (p.x * ey - p.y * ex) / across;
          s = (p.x * dy - p.y * dx) / across;
          if (t > 0 && s >= 0 && s <= 1)
            best = MIN (best, t);
        }
      if (best < G_MAXDOUBLE)
        return best;
    }
  if (in->gv_shape == KR_GV_ELLIPSE)
    return 1 / hypot (dx / (in->width / 2), dy / (in->height / 2));
  if (fabs (dx) > 1e-9)
    best = in->width / 2 / fabs (dx);
  if (fabs (dy) > 1e-9)
    best = MIN (best, in->height / 2 / fabs (dy));
  return best;
}

/* Whether a link label of @link's size centred at @at covers no entity. */
static gboolean
link_fits (const KrRevision *self, const KrInputLink *link, KrPoint at)
{
  for (guint j = 0; j < self->input->nodes->len; j++)
    {
      const KrInputNode *in = input_node (self, j);
      const KrOutputNode *on = output_node (self, j);

      if (in->type == KR_SCENE_NODE_ENTITY && fabs (at.x - on->x) < (link->width + in->width) / 2
          && fabs (at.y - on->y) < (link->height + in->height) / 2)
        return FALSE;
    }
  return TRUE;
}

/* A line from outline to outline, straight as every line of a map this large is, its label on
 * its middle where that covers no entity. */
static void
draw_straight (KrRevision *self, guint k)
{
  const KrInputEdge *e = &g_array_index (self->input->edges, KrInputEdge, k);
  KrOutputEdge *oe = &g_array_index (self->output->edges, KrOutputEdge, k);
  const KrOutputNode *from = output_node (self, e->tail), *to = output_node (self, e->head);
  double dx = to->x - from->x, dy = to->y - from->y, length = hypot (dx, dy);
  KrPoint a = { from->x, from->y }, b = { to->x, to->y };

  if (length > 1e-6)
    {
      double start = MIN (reach_of (self, e->tail, dx / length, dy / length), length / 2);
      double end = length - MIN (reach_of (self, e->head, -dx / length, -dy / length), length / 2);

      a = (KrPoint){ from->x + dx / length * start, from->y + dy / length * start };
      b = (KrPoint){ from->x + dx / length * end, from->y + dy / length * end };
    }
  kr_draft_line (a, b, e->directed, oe);
  oe->link = (KrPoint){ (a.x + b.x) / 2, (a.y + b.y) / 2 };
  oe->has_link = e->link.width > 0 && link_fits (self, &e->link, oe->link);
}

/* The outline and link label of a node new, resized or moved on a map whose lines are straight:
 * the label beside its hub, where it covers no entity. */
static void
outline_changed (KrRevision *self, guint i)
{
  const KrInputNode *in = input_node (self, i);
  KrOutputNode *on = output_node (self, i);

  on->vertices = kr_draft_outline (in->gv_shape, in->width, in->height, &on->n_vertices);
  on->link = (KrPoint){ on->x + in->width / 2 + in->link.width / 2 + GAP / 2, on->y };
  on->has_link = in->link.width > 0 && link_fits (self, &in->link, on->link);
}

/* Whether node @i, where it is placed, overlaps another node placed. */
static gboolean
overlaps_placed (const KrRevision *self, const gboolean *placed, guint i)
{
  const KrInputNode *a = input_node (self, i);
  const KrOutputNode *at = output_node (self, i);

  for (guint j = 0; j < self->input->nodes->len; j++)
    {
      const KrInputNode *b = input_node (self, j);
      const KrOutputNode *other = output_node (self, j);

      if (j != i && placed[j] && fabs (at->x - other->x) < (a->width + b->width) / 2
          && fabs (at->y - other->y) < (a->height + b->height) / 2)
        return TRUE;
    }
  return FALSE;
}

/* A node that grew where it was (a longer name) and now covers a neighbour goes, as near as it
 * can, to where it covers none; its lines are laid out again like a new node's. */
static void
move_grown (KrRevision *self, KrScene *seed, const int *old, gboolean *placed)
{
  for (guint i = 0; i < self->input->nodes->len; i++)
    {
      const KrInputNode *in = input_node (self, i);
      const KrSceneNode *was = old[i] >= 0 ? kr_scene_get_node (seed, (guint)old[i]) : NULL;
      KrOutputNode *on = output_node (self, i);

      if (was == NULL || (in->width <= was->width && in->height <= was->height)
          || !same_place (on->x, on->y, was) || !overlaps_placed (self, placed, i))
        continue;
      placed[i] = FALSE;
      /* Moved as little as it can be: first in fine rings, close around where it was. */
      if (!put_in_rings (self, placed, i, was->x, was->y, MIN_STEP + GAP))
        put_near (self, placed, i, was->x, was->y);
    }
}

/* Every node where the map before had it, or at its pin. */
static guint
keep_places (KrRevision *self, KrDataset *dataset, KrScene *seed, int *old, gboolean *placed)
{
  guint n_changed = 0;

  for (guint i = 0; i < self->input->nodes->len; i++)
    {
      const KrInputNode *in = input_node (self, i);
      KrOutputNode *on = output_node (self, i);
      int at = kr_scene_find_record (seed, dataset, in->type, in->index);
      const KrSceneNode *was = at >= 0 ? kr_scene_get_node (seed, (guint)at) : NULL;

      old[i] = at;
      if (was != NULL)
        {
          on->x = was->x;
          on->y = was->y;
          placed[i] = TRUE;
        }
      if (in->pinned && (was == NULL || !same_place (in->pin_x, in->pin_y, was)))
        {
          on->x = in->pin_x;
          on->y = in->pin_y;
          placed[i] = TRUE;
        }
      self->changed[i] = was == NULL || !same_place (on->x, on->y, was) || in->width != was->width
                         || in->height != was->height || !same_link (&in->link, &was->link_label);
      if (!self->changed[i])
        keep_node (on, was);
      n_changed += self->changed[i] ? 1 : 0;
    }
  return n_changed;
}

/* The line the map before had for edge @k, between the same two nodes, or NULL. */
static const KrSceneEdge *
kept_line (const KrRevision *self, KrDataset *dataset, KrScene *seed, const int *old,
           const int *first_edge, guint k)
{
  const KrInputEdge *e = &g_array_index (self->input->edges, KrInputEdge, k);
  KrDataset *before = kr_scene_get_dataset (seed);
  int deal;

  if (self->changed[e->tail] || self->changed[e->head])
    return NULL;
  deal = before == dataset
             ? (int)e->deal
             : kr_dataset_find_deal (before, kr_dataset_get_deal (dataset, e->deal)->id);
  if (deal < 0 || first_edge[deal] < 0)
    return NULL;
  /* A deal's edges are one run. */
  for (guint s = (guint)first_edge[deal]; s < kr_scene_get_n_edges (seed); s++)
    {
      const KrSceneEdge *was = kr_scene_get_edge (seed, s);

      if (was->deal != (guint)deal)
        break;
      if ((int)was->tail == old[e->tail] && (int)was->head == old[e->head]
          && !was->advocacy == !e->advocacy
          && !e->directed == !(was->arrow_end.present || was->arrow_start.present)
          && same_link (&e->link, &was->link_label))
        return was;
    }
  return NULL;
}

KrRevision *
kr_revision_new (const KrLayoutInput *input, KrDataset *dataset, const KrLayoutOptions *options)
{
  g_autoptr (KrRevision) self = NULL;
  KrScene *seed = options->seed;
  const KrLayoutOptions *was;
  g_autofree int *old = NULL;
  g_autofree int *first_edge = NULL;
  g_autofree gboolean *placed = NULL;
  guint n = input->nodes->len, n_changed, n_gone, n_deals_before;
  gboolean straight = n > KR_GRAPH_MAX_SPLINE_NODES;

  g_return_val_if_fail (KR_IS_SCENE (seed), NULL);

  was = kr_scene_get_options (seed);
  if (n == 0 || was->engine != options->engine
      || (options->engine == KR_ENGINE_DOT && was->rankdir != options->rankdir)
      || !was->link_labels != !options->link_labels || was->draft
      || !kr_scene_shows_everything (seed) || options->visible_entities != NULL
      || options->visible_deals != NULL || options->root != NULL)
    return NULL;

  self = g_new0 (KrRevision, 1);
  self->input = input;
  self->output = kr_layout_output_new (kr_scene_get_width (seed), kr_scene_get_height (seed));
  g_array_set_size (self->output->nodes, n);
  g_array_set_size (self->output->edges, input->edges->len);
  self->changed = g_new0 (gboolean, n);
  old = g_new (int, n);
  placed = g_new0 (gboolean, n);

  n_changed = keep_places (self, dataset, seed, old, placed);
  n_gone = kr_scene_get_n_nodes (seed);
  for (guint i = 0; i < n; i++)
    n_gone -= old[i] >= 0 ? 1 : 0;
  if (n_changed + n_gone > n / MAX_CHANGED_SHARE + 1)
    return NULL;
  move_grown (self, seed, old, placed);
  place_new (self, placed);

  n_deals_before = kr_dataset_get_n_deals (kr_scene_get_dataset (seed));
  first_edge = g_new (int, MAX (n_deals_before, 1));
  for (guint d = 0; d < n_deals_before; d++)
    first_edge[d] = -1;
  for (guint s = kr_scene_get_n_edges (seed); s-- > 0;)
    first_edge[kr_scene_get_edge (seed, s)->deal] = (int)s;

  if (straight)
    for (guint i = 0; i < n; i++)
      if (self->changed[i])
        outline_changed (self, i);
  self->routed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint k = 0; k < input->edges->len; k++)
    {
      const KrSceneEdge *line = kept_line (self, dataset, seed, old, first_edge, k);

      if (line != NULL)
        keep_edge (&g_array_index (self->output->edges, KrOutputEdge, k), line);
      else if (straight)
        draw_straight (self, k);
      else
        g_array_append_val (self->routed, k);
    }

  /* Graphviz lays out the lines to lay out again, with every node where it goes in the way,
   * and gives the outlines of the nodes that changed. */
  if (!straight && (self->routed->len > 0 || n_changed > 0))
    {
      self->route
          = kr_layout_input_new_empty (KR_ENGINE_NEATO, input->rankdir, n, self->routed->len);
      self->route->route = TRUE;
      for (guint i = 0; i < n; i++)
        {
          KrInputNode node = *input_node (self, i);

          node.has_pos = FALSE;
          node.pinned = TRUE;
          node.pin_x = output_node (self, i)->x;
          node.pin_y = output_node (self, i)->y;
          g_array_append_val (self->route->nodes, node);
        }
      for (guint r = 0; r < self->routed->len; r++)
        g_array_append_val (
            self->route->edges,
            g_array_index (input->edges, KrInputEdge, g_array_index (self->routed, guint, r)));
    }

  for (guint i = 0; i < n; i++)
    {
      self->output->width
          = MAX (self->output->width,
                 output_node (self, i)->x + input_node (self, i)->width / 2 + KR_SCENE_MARGIN);
      self->output->height
          = MAX (self->output->height,
                 output_node (self, i)->y + input_node (self, i)->height / 2 + KR_SCENE_MARGIN);
    }
  return g_steal_pointer (&self);
}

const KrLayoutInput *
kr_revision_get_route (const KrRevision *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->route;
}

KrLayoutOutput *
kr_revision_finish (KrRevision *self, KrLayoutOutput *routed)
{
  g_return_val_if_fail (self != NULL && self->output != NULL, NULL);
  g_return_val_if_fail ((routed == NULL) == (self->route == NULL), NULL);

  for (guint i = 0; routed != NULL && i < self->input->nodes->len; i++)
    {
      KrOutputNode *on = output_node (self, i);
      KrOutputNode *from = &g_array_index (routed->nodes, KrOutputNode, i);

      if (!self->changed[i])
        continue;
      /* Graphviz held the node where it is; its outline and label are where Graphviz put them,
       * less the little its scene moved by. */
      on->vertices = g_steal_pointer (&from->vertices);
      on->n_vertices = from->n_vertices;
      on->has_link = from->has_link;
      on->link = (KrPoint){ from->link.x - from->x + on->x, from->link.y - from->y + on->y };
    }
  for (guint r = 0; routed != NULL && r < self->routed->len; r++)
    {
      KrOutputEdge *oe = &g_array_index (self->output->edges, KrOutputEdge,
                                         g_array_index (self->routed, guint, r));
      KrOutputEdge *from = &g_array_index (routed->edges, KrOutputEdge, r);

      oe->points = g_steal_pointer (&from->points);
      oe->n_points = from->n_points;
      oe->arrow_start = from->arrow_start;
      oe->arrow_end = from->arrow_end;
      oe->has_link = from->has_link;
      oe->link = from->link;
    }
  return g_steal_pointer (&self->output);
}
