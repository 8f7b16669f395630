/* kr-label-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-label-plan"

#include "config.h"

#include <math.h>

#include "kr-label-plan.h"

#define PLATE_PAD_X 4.0 /* screen pixels around a label on a plate */
#define PLATE_PAD_Y 1.5
#define MAX_GROWTH 1.5 /* how much a label may grow within its node */

struct _KrLabelPlan
{
  double zoom;
  guint n_nodes;
  KrLabel *labels; /* per scene node */
  guint n_edges;
  guint8 *edge_links; /* per scene edge: its link label is shown */
  guint8 *hub_links;  /* per scene node: a deal hub's link label is shown */
  GArray *plates;     /* guint: the scene nodes whose label is on a plate, in order placed */
};

/* The labels placed so far, in a uniform grid of cells for finding those near a rectangle. */
typedef struct
{
  double cell;
  GArray *rects;     /* KrRect */
  GArray *owners;    /* guint: the scene node of each rectangle */
  GHashTable *cells; /* cell key → GArray of guint indices into rects */
} Placed;

static gint64
cell_key (gint64 column, gint64 row)
{
  /* Shifted as unsigned: a map's columns left of its origin are negative. */
  return (gint64)(((guint64)column << 32) ^ ((guint64)row & 0xffffffff));
}

static void
placed_init (Placed *placed, double cell)
{
  placed->cell = cell;
  placed->rects = g_array_new (FALSE, FALSE, sizeof (KrRect));
  placed->owners = g_array_new (FALSE, FALSE, sizeof (guint));
  placed->cells
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref);
}

static void
placed_clear (Placed *placed)
{
  g_clear_pointer (&placed->rects, g_array_unref);
  g_clear_pointer (&placed->owners, g_array_unref);
  g_clear_pointer (&placed->cells, g_hash_table_unref);
}

static gboolean
overlap (const KrRect *a, const KrRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height
         && b->y < a->y + a->height;
}

/* Whether @r meets a rectangle placed for another node than @owner; with @add, records it. */
static gboolean
placed_visit (Placed *placed, const KrRect *r, guint owner, gboolean add)
{
  gint64 c0 = (gint64)floor (r->x / placed->cell),
         c1 = (gint64)floor ((r->x + r->width) / placed->cell);
  gint64 r0 = (gint64)floor (r->y / placed->cell),
         r1 = (gint64)floor ((r->y + r->height) / placed->cell);
  guint index = placed->rects->len;

  if (add)
    {
      g_array_append_val (placed->rects, *r);
      g_array_append_val (placed->owners, owner);
    }
  for (gint64 row = r0; row <= r1; row++)
    for (gint64 column = c0; column <= c1; column++)
      {
        gint64 key = cell_key (column, row);
        GArray *items = g_hash_table_lookup (placed->cells, &key);

        if (add)
          {
            if (items == NULL)
              {
                items = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (placed->cells, g_memdup2 (&key, sizeof key), items);
              }
            g_array_append_val (items, index);
            continue;
          }
        for (guint k = 0; items != NULL && k < items->len; k++)
          {
            guint i = g_array_index (items, guint, k);
            if (g_array_index (placed->owners, guint, i) != owner
                && overlap (r, &g_array_index (placed->rects, KrRect, i)))
              return TRUE;
          }
      }
  return FALSE;
}

/* How much the label can grow and still leave part of the room its node keeps around it. */
static double
room_in_node (const KrSceneNode *node)
{
  double w = node->label_width + (node->width - node->label_width) * 0.5;
  double h = node->label_height + (node->height - node->label_height) * 0.4;

  if (node->label_width <= 0 || node->label_height <= 0)
    return 1.0;
  return CLAMP (MIN (w / node->label_width, h / node->label_height), 1.0, MAX_GROWTH);
}

/* The rectangle of a label drawn in its node. */
static KrRect
label_bounds (const KrSceneNode *node, double scale)
{
  double w = node->label_width * scale, h = node->label_height * scale;

  return (KrRect){ node->x - w / 2, node->y - h / 2, w, h };
}

typedef struct
{
  guint node;
  guint n_deals;
  double font_size;
} Hub;

/* The most connected first; the larger label, then the scene's order, between equals. */
static int
by_importance (gconstpointer a, gconstpointer b)
{
  const Hub *ha = a, *hb = b;

  if (ha->n_deals != hb->n_deals)
    return ha->n_deals > hb->n_deals ? -1 : 1;
  if (ha->font_size != hb->font_size)
    return ha->font_size > hb->font_size ? -1 : 1;
  return ha->node < hb->node ? -1 : 1;
}

/* The hubs whose node is too small to show their name legibly, most connected first. */
static GArray *
hubs_to_plate (KrScene *scene, const KrLabel *labels, double zoom)
{
  GArray *hubs = g_array_new (FALSE, FALSE, sizeof (Hub));

  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, i);
      double pixels = node->font_size * labels[i].scale * zoom;

      if (node->label != NULL && node->font_size > KR_SCENE_FONT_SIZE
          && pixels < KR_LABEL_LEGIBLE_PIXELS - 1e-6 && kr_scene_is_node_shown (scene, i))
        {
          Hub hub = { i, node->n_deals, node->font_size };
          g_array_append_val (hubs, hub);
        }
    }
  g_array_sort (hubs, by_importance);
  return hubs;
}

/* Shows @link where it covers no label placed before it; @owner is its own in @placed. */
static gboolean
place_link (Placed *placed, const KrSceneLinkLabel *link, guint owner)
{
  KrRect r;

  if (link->text == NULL)
    return FALSE;
  r = kr_scene_link_label_bounds (link);
  if (placed_visit (placed, &r, owner, FALSE))
    return FALSE;
  placed_visit (placed, &r, owner, TRUE);
  return TRUE;
}

/* Link labels, where they are legible: at their size, after every entity's label and plate. */
static void
place_links (KrLabelPlan *plan, KrScene *scene, Placed *placed)
{
  /* What a view hides takes no room. */
  for (guint i = 0; i < plan->n_edges; i++)
    plan->edge_links[i]
        = kr_scene_is_edge_shown (scene, i)
          && place_link (placed, &kr_scene_get_edge (scene, i)->link_label, plan->n_nodes + i);
  for (guint i = 0; i < plan->n_nodes; i++)
    plan->hub_links[i] = kr_scene_is_node_shown (scene, i)
                         && place_link (placed, &kr_scene_get_node (scene, i)->link_label,
                                        plan->n_nodes + plan->n_edges + i);
}

KrLabelPlan *
kr_label_plan_new (KrScene *scene, double zoom)
{
  KrLabelPlan *plan;
  g_autoptr (GArray) hubs = NULL;
  gboolean links;
  Placed placed;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);
  g_return_val_if_fail (zoom > 0, NULL);

  plan = g_new0 (KrLabelPlan, 1);
  plan->zoom = zoom;
  plan->n_nodes = kr_scene_get_n_nodes (scene);
  plan->labels = g_new0 (KrLabel, MAX (plan->n_nodes, 1));
  plan->n_edges = kr_scene_get_n_edges (scene);
  plan->edge_links = g_new0 (guint8, MAX (plan->n_edges, 1));
  plan->hub_links = g_new0 (guint8, MAX (plan->n_nodes, 1));
  plan->plates = g_array_new (FALSE, FALSE, sizeof (guint));
  links = KR_SCENE_LINK_FONT_SIZE * zoom >= KR_LABEL_LEGIBLE_PIXELS - 1e-6;

  /* Every label in its node, enlarged towards a legible size as far as the node allows. */
  for (guint i = 0; i < plan->n_nodes; i++)
    {
      const KrSceneNode *node = kr_scene_get_node (scene, i);
      double pixels = node->font_size * zoom, growth;

      if (node->label == NULL || pixels <= 0 || !kr_scene_is_node_shown (scene, i))
        continue;
      growth = MIN (room_in_node (node), MAX (1.0, KR_LABEL_LEGIBLE_PIXELS / pixels));
      if (pixels * growth >= KR_LABEL_MIN_PIXELS)
        plan->labels[i] = (KrLabel){ KR_LABEL_IN_NODE, growth };
    }

  /* Hubs whose names their nodes cannot show go on plates, where they hide no other label. */
  hubs = hubs_to_plate (scene, plan->labels, zoom);
  if (hubs->len == 0 && !links)
    return plan;
  placed_init (&placed, 4 * KR_LABEL_LEGIBLE_PIXELS / zoom);
  for (guint i = 0; i < plan->n_nodes; i++)
    if (plan->labels[i].placement == KR_LABEL_IN_NODE)
      {
        KrRect r = label_bounds (kr_scene_get_node (scene, i), plan->labels[i].scale);
        placed_visit (&placed, &r, i, TRUE);
      }
  for (guint k = 0; k < hubs->len; k++)
    {
      guint i = g_array_index (hubs, Hub, k).node;
      const KrSceneNode *node = kr_scene_get_node (scene, i);
      KrLabel plate = { KR_LABEL_ON_PLATE, KR_LABEL_LEGIBLE_PIXELS / (node->font_size * zoom) };
      KrRect r = kr_label_plate_bounds (node, plate, zoom, node->x, node->y);

      if (!placed_visit (&placed, &r, i, FALSE))
        {
          plan->labels[i] = plate;
          g_array_append_val (plan->plates, i);
          placed_visit (&placed, &r, i, TRUE);
        }
    }
  if (links)
    place_links (plan, scene, &placed);
  placed_clear (&placed);
  return plan;
}

void
kr_label_plan_free (KrLabelPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->labels);
  g_free (plan->edge_links);
  g_free (plan->hub_links);
  g_array_unref (plan->plates);
  g_free (plan);
}

double
kr_label_plan_get_zoom (const KrLabelPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->zoom;
}

KrLabel
kr_label_plan_get (const KrLabelPlan *plan, guint node)
{
  KrLabel hidden = { KR_LABEL_HIDDEN, 0 };

  g_return_val_if_fail (plan != NULL, hidden);
  return node < plan->n_nodes ? plan->labels[node] : hidden;
}

gboolean
kr_label_plan_shows_edge_link (const KrLabelPlan *plan, guint edge)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  return edge < plan->n_edges && plan->edge_links[edge];
}

gboolean
kr_label_plan_shows_hub_link (const KrLabelPlan *plan, guint node)
{
  g_return_val_if_fail (plan != NULL, FALSE);
  return node < plan->n_nodes && plan->hub_links[node];
}

int
kr_label_plan_plate_at (const KrLabelPlan *plan, KrScene *scene, double x, double y)
{
  g_return_val_if_fail (plan != NULL, -1);

  /* The last placed is drawn last, on top. */
  for (guint i = plan->plates->len; i-- > 0;)
    {
      guint n = g_array_index (plan->plates, guint, i);
      const KrSceneNode *node;
      KrRect r;

      if (n >= kr_scene_get_n_nodes (scene))
        continue;
      node = kr_scene_get_node (scene, n);
      r = kr_label_plate_bounds (node, plan->labels[n], plan->zoom, node->x, node->y);
      if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height)
        return (int)n;
    }
  return -1;
}

KrRect
kr_label_plate_bounds (const KrSceneNode *node, KrLabel label, double zoom, double x, double y)
{
  double w = node->label_width * label.scale + 2 * PLATE_PAD_X / zoom;
  double h = node->label_height * label.scale + 2 * PLATE_PAD_Y / zoom;

  return (KrRect){ x - w / 2, y - h / 2, w, h };
}
