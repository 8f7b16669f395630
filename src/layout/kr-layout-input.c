/* kr-layout-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-layout-input"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-arrangement.h"
#include "kr-format.h"
#include "kr-layout-input.h"
#include "kr-text.h"

#define HUB_SIZE 14.0  /* points */
#define LINK_PAD_X 3.0 /* points around a link label's text, kept free of lines and nodes */
#define LINK_PAD_Y 1.0
#define INPUT_TYPE "(syia(ydd)a(uub)a(udd)adada(udd)bb)"
#define MAX_COORDINATE 1e7 /* points: more than any layout spans */

/* Whether Graphviz can use a position: one it cannot is no position. */
static gboolean
usable_position (double x, double y)
{
  return isfinite (x) && isfinite (y) && fabs (x) <= MAX_COORDINATE && fabs (y) <= MAX_COORDINATE;
}

static const char *const gv_shapes[KR_N_GV_SHAPES] = {
  "box", "hexagon", "house", "octagon", "ellipse", "parallelogram", "diamond",
};

const char *
kr_gv_shape_name (KrGvShape shape)
{
  g_return_val_if_fail (shape < KR_N_GV_SHAPES, "box");
  return gv_shapes[shape];
}

static KrGvShape
entity_shape (KrEntityKind kind, KrShape *shape, gboolean *dashed)
{
  *dashed = FALSE;
  switch (kind)
    {
    case KR_ENTITY_COMPANY:
      *shape = KR_SHAPE_ROUNDED_BOX;
      return KR_GV_BOX;
    case KR_ENTITY_DIVISION:
      *shape = KR_SHAPE_BOX;
      *dashed = TRUE;
      return KR_GV_BOX;
    case KR_ENTITY_JOINT_VENTURE:
      *shape = KR_SHAPE_POLYGON;
      return KR_GV_HEXAGON;
    case KR_ENTITY_GOVERNMENT:
      *shape = KR_SHAPE_POLYGON;
      return KR_GV_HOUSE;
    case KR_ENTITY_STATE_FUND:
      *shape = KR_SHAPE_POLYGON;
      return KR_GV_OCTAGON;
    case KR_ENTITY_PERSON:
      *shape = KR_SHAPE_ELLIPSE;
      return KR_GV_ELLIPSE;
    case KR_ENTITY_GROUP:
      *shape = KR_SHAPE_ELLIPSE;
      *dashed = TRUE;
      return KR_GV_ELLIPSE;
    case KR_ENTITY_PROGRAMME:
      *shape = KR_SHAPE_POLYGON;
      return KR_GV_PARALLELOGRAM;
    case KR_ENTITY_OTHER:
    case KR_N_ENTITY_KINDS:
    default:
      *shape = KR_SHAPE_BOX;
      return KR_GV_BOX;
    }
}

/* Room around the label for each shape, in points. */
static void
pad_for_shape (KrGvShape shape, double *w, double *h)
{
  switch (shape)
    {
    case KR_GV_ELLIPSE:
      *w = *w * 1.25 + 16;
      *h = *h * 1.25 + 10;
      break;
    case KR_GV_HEXAGON:
    case KR_GV_OCTAGON:
      *w += 40;
      *h += 16;
      break;
    case KR_GV_HOUSE:
      *w += 24;
      *h += 26;
      break;
    case KR_GV_PARALLELOGRAM:
      *w += 44;
      *h += 14;
      break;
    case KR_GV_BOX:
    case KR_GV_DIAMOND:
    case KR_N_GV_SHAPES:
    default:
      *w += 24;
      *h += 10;
      break;
    }
  *w = MAX (*w, 48);
  *h = MAX (*h, 28);
}

static guint
add_node (KrLayoutInput *input, const KrInputNode *node)
{
  g_array_append_vals (input->nodes, node, 1);
  return input->nodes->len - 1;
}

static void
add_edge (KrLayoutInput *input, guint deal, guint tail, guint head, gboolean directed,
          gboolean advocacy)
{
  KrInputEdge e = { deal, tail, head, directed, advocacy };
  g_array_append_val (input->edges, e);
}

/* The deal's label and the room it needs. */
static KrInputLink
make_link (KrLayoutInput *input, const KrDeal *d)
{
  g_autofree char *text = kr_format_link_label (d);
  KrInputLink link = { g_string_chunk_insert (input->strings, text) };

  kr_text_measure_link (text, &link.width, &link.height);
  link.width += 2 * LINK_PAD_X;
  link.height += 2 * LINK_PAD_Y;
  return link;
}

static gboolean
is_party (const KrDeal *d, guint entity)
{
  for (guint i = 0; i < d->n_parties; i++)
    if (d->parties[i].entity == entity)
      return TRUE;
  return FALSE;
}

static void
add_deal (KrLayoutInput *input, KrDataset *dataset, const int *entity_node, guint deal_index,
          gboolean link_labels)
{
  const KrDeal *d = kr_dataset_get_deal (dataset, deal_index);
  g_autofree int *proposer = g_new0 (int, MAX (d->n_proposed_by, 1));
  guint n_visible = 0, n_outside_proposers = 0;
  int a = -1, b = -1;

  for (guint i = 0; i < d->n_parties; i++)
    if (entity_node[d->parties[i].entity] >= 0)
      {
        if (n_visible == 0)
          a = (int)i;
        else if (n_visible == 1)
          b = (int)i;
        n_visible++;
      }
  if (n_visible < 2)
    return;

  for (guint i = 0; i < d->n_proposed_by; i++)
    {
      guint e = d->proposed_by[i];
      proposer[i] = -1;
      if (entity_node[e] >= 0 && !is_party (d, e))
        {
          proposer[i] = entity_node[e];
          n_outside_proposers++;
        }
    }

  if (n_visible == 2 && n_outside_proposers == 0)
    {
      /* One edge, from the party whose role acts to the one acted upon. */
      const KrParty *pa = &d->parties[a], *pb = &d->parties[b];
      KrDirection da = kr_role_direction (pa->role), db = kr_role_direction (pb->role);
      guint na = (guint)entity_node[pa->entity], nb = (guint)entity_node[pb->entity];

      if ((da == KR_DIRECTION_FROM && db != KR_DIRECTION_FROM)
          || (db == KR_DIRECTION_TO && da != KR_DIRECTION_TO))
        add_edge (input, deal_index, na, nb, TRUE, FALSE);
      else if ((db == KR_DIRECTION_FROM && da != KR_DIRECTION_FROM)
               || (da == KR_DIRECTION_TO && db != KR_DIRECTION_TO))
        add_edge (input, deal_index, nb, na, TRUE, FALSE);
      else
        add_edge (input, deal_index, na, nb, FALSE, FALSE);
      if (link_labels)
        g_array_index (input->edges, KrInputEdge, input->edges->len - 1).link
            = make_link (input, d);
      return;
    }

  {
    KrInputNode hub = { .type = KR_SCENE_NODE_DEAL,
                        .index = deal_index,
                        .gv_shape = KR_GV_DIAMOND,
                        .shape = KR_SHAPE_POLYGON,
                        .width = HUB_SIZE,
                        .height = HUB_SIZE };
    guint h;

    if (link_labels)
      hub.link = make_link (input, d);
    h = add_node (input, &hub);

    for (guint i = 0; i < d->n_parties; i++)
      {
        int n = entity_node[d->parties[i].entity];
        if (n < 0)
          continue;
        switch (kr_role_direction (d->parties[i].role))
          {
          case KR_DIRECTION_FROM:
            add_edge (input, deal_index, (guint)n, h, TRUE, FALSE);
            break;
          case KR_DIRECTION_TO:
            add_edge (input, deal_index, h, (guint)n, TRUE, FALSE);
            break;
          case KR_DIRECTION_NONE:
          default:
            add_edge (input, deal_index, (guint)n, h, FALSE, FALSE);
            break;
          }
      }
    for (guint i = 0; i < d->n_proposed_by; i++)
      if (proposer[i] >= 0)
        add_edge (input, deal_index, (guint)proposer[i], h, TRUE, TRUE);
  }
}

/* For each entity, how many deals of the whole dataset it takes part in or urged: what
 * makes it a hub, whatever part of the map is shown, so that its size never changes with
 * a filter. */
static guint *
count_deals (KrDataset *dataset)
{
  guint *count = g_new0 (guint, MAX (kr_dataset_get_n_entities (dataset), 1));

  for (guint i = 0; i < kr_dataset_get_n_deals (dataset); i++)
    {
      const KrDeal *d = kr_dataset_get_deal (dataset, i);

      for (guint k = 0; k < d->n_parties; k++)
        count[d->parties[k].entity]++;
      for (guint k = 0; k < d->n_proposed_by; k++)
        if (!is_party (d, d->proposed_by[k]))
          count[d->proposed_by[k]]++;
    }
  return count;
}

/* Whether @seed, a map of another version of @dataset, shows entity @i with the same label at
 * the same size: then the size it measured is the entity's. */
static gboolean
same_label (KrScene *seed, KrDataset *dataset, guint i, double font_size, double *sizes)
{
  int at = kr_scene_find_record (seed, dataset, KR_SCENE_NODE_ENTITY, i);
  const KrSceneNode *node = at >= 0 ? kr_scene_get_node (seed, (guint)at) : NULL;

  if (node == NULL || node->font_size != font_size
      || g_strcmp0 (node->label, kr_dataset_get_entity (dataset, i)->display_name) != 0)
    return FALSE;
  sizes[0] = node->label_width;
  sizes[1] = node->label_height;
  return TRUE;
}

/* Each entity's label size (width, height), measured once per dataset and kept with it: every
 * layout of the whole map (each engine, each direction) needs them, and measuring every label
 * with Pango is most of the time its request takes. A dataset never changes, nor does the font size
 * its deals give each label. A new version of it takes those of the labels @seed (nullable), a map
 * of a version before, shows as they were: an edit measures only the labels it changed. */
static const double *
label_sizes (KrDataset *dataset, const guint *n_deals_of, KrScene *seed)
{
  static GMutex lock;
  static GQuark quark;
  double *sizes;

  g_mutex_lock (&lock);
  if (quark == 0)
    quark = g_quark_from_static_string ("kr-layout-input-label-sizes");
  sizes = g_object_get_qdata (G_OBJECT (dataset), quark);
  if (sizes == NULL)
    {
      guint n = kr_dataset_get_n_entities (dataset);

      /* A draft's sizes are near, not measured. */
      if (seed != NULL
          && (kr_scene_get_dataset (seed) == dataset || kr_scene_get_options (seed)->draft))
        seed = NULL;
      sizes = g_new (double, 2 * MAX (n, 1));
      for (guint i = 0; i < n; i++)
        if (seed == NULL
            || !same_label (seed, dataset, i, kr_text_label_size (n_deals_of[i]), &sizes[2 * i]))
          kr_text_measure (kr_dataset_get_entity (dataset, i)->display_name,
                           kr_text_label_size (n_deals_of[i]), &sizes[2 * i], &sizes[2 * i + 1]);
      g_object_set_qdata_full (G_OBJECT (dataset), quark, sizes, g_free);
    }
  g_mutex_unlock (&lock);
  return sizes;
}

/* A draft's label sizes, from kr_text_measure_near: measuring each with Pango took 0.7 s at
 * 20 000 entities and 2.5 s at 100 000, before the first map could be shown. The full layout
 * that replaces the draft, and every export, measure each label exactly (label_sizes), while the
 * draft is shown. */
static double *
near_label_sizes (KrDataset *dataset, const guint *n_deals_of)
{
  guint n = kr_dataset_get_n_entities (dataset);
  double *sizes = g_new (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    kr_text_measure_near (kr_dataset_get_entity (dataset, i)->display_name,
                          kr_text_label_size (n_deals_of[i]), &sizes[2 * i], &sizes[2 * i + 1]);
  return sizes;
}

static void place_from (KrLayoutInput *input, KrDataset *dataset, KrScene *seed, gboolean hold);
static void pin (KrLayoutInput *input, KrDataset *dataset, GHashTable *pins);
static KrInputLink copy_link (KrLayoutInput *input, const KrInputLink *link);

KrLayoutInput *
kr_layout_input_new_empty (KrEngine engine, KrRankdir rankdir, guint n_nodes, guint n_edges)
{
  KrLayoutInput *input = g_new0 (KrLayoutInput, 1);

  input->engine = engine;
  input->rankdir = rankdir;
  input->root = -1;
  input->nodes = g_array_sized_new (FALSE, TRUE, sizeof (KrInputNode), n_nodes);
  input->edges = g_array_sized_new (FALSE, TRUE, sizeof (KrInputEdge), n_edges);
  input->strings = g_string_chunk_new (1024);
  return input;
}

KrLayoutInput *
kr_layout_input_new (KrDataset *dataset, const KrLayoutOptions *options)
{
  guint n_entities, n_deals;
  g_autofree int *entity_node = NULL;
  g_autofree guint *n_deals_of = NULL;
  g_autofree double *near_sizes = NULL;
  const double *sizes;
  KrLayoutInput *input;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  n_entities = kr_dataset_get_n_entities (dataset);
  n_deals = kr_dataset_get_n_deals (dataset);
  input = kr_layout_input_new_empty (options->engine, options->rankdir, n_entities, n_deals * 2);
  input->draft = options->draft;

  entity_node = g_new (int, MAX (n_entities, 1));
  n_deals_of = count_deals (dataset);
  if (options->draft)
    sizes = near_sizes = near_label_sizes (dataset, n_deals_of);
  else
    sizes = label_sizes (dataset, n_deals_of, options->seed);
  for (guint i = 0; i < n_entities; i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, i);
      KrInputNode node = { .type = KR_SCENE_NODE_ENTITY, .index = i, .n_deals = n_deals_of[i] };

      entity_node[i] = -1;
      if (options->visible_entities != NULL && !options->visible_entities[i])
        continue;
      node.gv_shape = entity_shape (e->kind, &node.shape, &node.dashed_outline);
      node.font_size = kr_text_label_size (node.n_deals);
      node.label_width = sizes[2 * i];
      node.label_height = sizes[2 * i + 1];
      node.width = node.label_width;
      node.height = node.label_height;
      pad_for_shape (node.gv_shape, &node.width, &node.height);
      entity_node[i] = (int)add_node (input, &node);
    }
  for (guint i = 0; i < n_deals; i++)
    if (options->visible_deals == NULL || options->visible_deals[i])
      add_deal (input, dataset, entity_node, i, options->link_labels);
  if (options->root != NULL)
    {
      int root = kr_dataset_find_entity (dataset, options->root);
      input->root = root >= 0 ? entity_node[root] : -1;
    }
  if (options->seed != NULL)
    {
      place_from (input, dataset, options->seed, options->hold);
      input->anchored = options->anchor;
    }
  if (options->pins != NULL)
    pin (input, dataset, options->pins);
  return input;
}

/* Puts each node where the same entity or deal hub is shown in @seed, which may show another
 * version of the dataset; with @hold, it stays there. */
static void
place_from (KrLayoutInput *input, KrDataset *dataset, KrScene *seed, gboolean hold)
{
  double height = kr_scene_get_height (seed);

  for (guint i = 0; i < input->nodes->len; i++)
    {
      KrInputNode *n = &g_array_index (input->nodes, KrInputNode, i);
      int at = kr_scene_find_record (seed, dataset, n->type, n->index);

      if (at < 0)
        continue;
      n->has_pos = TRUE;
      n->x = kr_scene_get_node (seed, (guint)at)->x;
      n->y = height - kr_scene_get_node (seed, (guint)at)->y;
      n->pinned = hold;
      n->pin_x = n->x;
      n->pin_y = kr_scene_get_node (seed, (guint)at)->y;
    }
}

static void
pin (KrLayoutInput *input, KrDataset *dataset, GHashTable *pins)
{
  for (guint i = 0; i < input->nodes->len; i++)
    {
      KrInputNode *n = &g_array_index (input->nodes, KrInputNode, i);
      const KrPin *at
          = n->type == KR_SCENE_NODE_ENTITY
                ? g_hash_table_lookup (pins, kr_dataset_get_entity (dataset, n->index)->id)
                : NULL;

      if (at == NULL || !usable_position (at->x, at->y))
        continue;
      n->pinned = TRUE;
      n->pin_x = at->x;
      n->pin_y = at->y;
    }
}

gboolean
kr_layout_input_has_pins (const KrLayoutInput *input, gboolean *all)
{
  guint n = 0;

  for (guint i = 0; i < input->nodes->len; i++)
    n += g_array_index (input->nodes, KrInputNode, i).pinned ? 1 : 0;
  if (all != NULL)
    *all = n == input->nodes->len;
  return n > 0;
}

KrLayoutInput *
kr_layout_input_new_held (const KrLayoutInput *input, const KrLayoutOutput *placed)
{
  KrLayoutInput *held;
  double dx = 0, dy = 0, left = G_MAXDOUBLE, top = G_MAXDOUBLE;
  guint n_pinned = 0;

  g_return_val_if_fail (placed == NULL || placed->nodes->len == input->nodes->len, NULL);

  /* neato and fdp keep the pins apart as they are, but place the whole where they like: what
   * they placed moves with the pins. The others are not given pins (kr-graph.c), and their own
   * places stay. */
  if (placed != NULL && (input->engine == KR_ENGINE_NEATO || input->engine == KR_ENGINE_FDP))
    {
      for (guint i = 0; i < input->nodes->len; i++)
        {
          const KrInputNode *n = &g_array_index (input->nodes, KrInputNode, i);
          const KrOutputNode *o = &g_array_index (placed->nodes, KrOutputNode, i);

          if (!n->pinned)
            continue;
          dx += n->pin_x - o->x;
          dy += n->pin_y - o->y;
          n_pinned++;
        }
      if (n_pinned > 0)
        {
          dx /= n_pinned;
          dy /= n_pinned;
        }
    }

  held = kr_layout_input_new_empty (KR_ENGINE_NEATO, input->rankdir, input->nodes->len,
                                    input->edges->len);
  held->route = TRUE;
  for (guint i = 0; i < input->nodes->len; i++)
    {
      KrInputNode n = g_array_index (input->nodes, KrInputNode, i);

      if (!n.pinned)
        {
          const KrOutputNode *o = &g_array_index (placed->nodes, KrOutputNode, i);
          n.pin_x = o->x + dx;
          n.pin_y = o->y + dy;
          n.pinned = TRUE;
        }
      n.has_pos = FALSE;
      n.link = copy_link (held, &n.link);
      left = MIN (left, n.pin_x - n.width / 2);
      top = MIN (top, n.pin_y - n.height / 2);
      g_array_append_val (held->nodes, n);
    }
  /* Nothing goes above or left of the scene: the whole is moved into it, pins too. */
  for (guint i = 0; i < held->nodes->len && (left < 0 || top < 0); i++)
    {
      KrInputNode *n = &g_array_index (held->nodes, KrInputNode, i);
      n->pin_x -= MIN (left, 0);
      n->pin_y -= MIN (top, 0);
    }
  for (guint i = 0; i < input->edges->len; i++)
    {
      KrInputEdge e = g_array_index (input->edges, KrInputEdge, i);
      e.link = copy_link (held, &e.link);
      g_array_append_val (held->edges, e);
    }
  return held;
}

void
kr_layout_input_hold (const KrLayoutInput *held, KrLayoutOutput *output)
{
  const KrInputNode *n;
  const KrOutputNode *o;

  g_return_if_fail (held->route && output->nodes->len == held->nodes->len);

  if (held->nodes->len == 0)
    return;
  n = &g_array_index (held->nodes, KrInputNode, 0);
  o = &g_array_index (output->nodes, KrOutputNode, 0);
  kr_layout_output_translate (output, n->pin_x - o->x, n->pin_y - o->y);
}

static KrInputLink
copy_link (KrLayoutInput *input, const KrInputLink *link)
{
  KrInputLink copy = *link;

  if (copy.text != NULL)
    copy.text = g_string_chunk_insert (input->strings, copy.text);
  return copy;
}

KrLayoutInput *
kr_layout_input_new_shown (KrScene *scene)
{
  g_autoptr (KrLayoutInput) all = NULL;
  g_autofree int *node_of = NULL;
  KrLayoutOptions options;
  KrLayoutInput *input;
  double height;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  options = *kr_scene_get_options (scene);
  all = kr_layout_input_new (kr_scene_get_dataset (scene), &options);
  /* The scene was laid out from this same input, node for node and edge for edge. */
  g_return_val_if_fail (all->nodes->len == kr_scene_get_n_nodes (scene)
                            && all->edges->len == kr_scene_get_n_edges (scene),
                        g_steal_pointer (&all));

  height = kr_scene_get_height (scene);
  input = kr_layout_input_new_empty (all->engine, all->rankdir, kr_scene_get_n_shown_nodes (scene),
                                     all->edges->len);
  node_of = g_new (int, MAX (all->nodes->len, 1));
  for (guint i = 0; i < all->nodes->len; i++)
    {
      KrInputNode n = g_array_index (all->nodes, KrInputNode, i);
      const KrSceneNode *at = kr_scene_get_node (scene, i);

      node_of[i] = -1;
      if (!kr_scene_is_node_shown (scene, i))
        continue;
      n.has_pos = TRUE;
      n.x = at->x;
      n.y = height - at->y;
      n.pinned = FALSE;
      /* The texts stay with the input that holds them. */
      n.link = copy_link (input, &n.link);
      node_of[i] = (int)add_node (input, &n);
    }
  for (guint i = 0; i < all->edges->len; i++)
    {
      const KrInputEdge *e = &g_array_index (all->edges, KrInputEdge, i);
      if (!kr_scene_is_edge_shown (scene, i))
        continue;
      add_edge (input, e->deal, (guint)node_of[e->tail], (guint)node_of[e->head], e->directed,
                e->advocacy);
      g_array_index (input->edges, KrInputEdge, input->edges->len - 1).link
          = copy_link (input, &e->link);
    }
  input->root = all->root >= 0 ? node_of[all->root] : -1;
  return input;
}

void
kr_layout_input_free (KrLayoutInput *input)
{
  if (input == NULL)
    return;
  g_clear_pointer (&input->nodes, g_array_unref);
  g_clear_pointer (&input->edges, g_array_unref);
  g_clear_pointer (&input->strings, g_string_chunk_free);
  g_free (input);
}

/* Link labels travel as flat arrays of their sizes, width and height for each node or edge, and
 * as empty arrays when there are none: a request without labels costs nothing more. */
/* The request's arrays of nodes, edges and places are made of fixed-size tuples, which GVariant
 * lays out as these structs: they are written and read whole, not a variant per element, which
 * at 100 000 entities took 260 MB to make a request of 7 MB. */
typedef struct
{
  guint8 shape;
  double width, height;
} WireNode; /* (ydd) */

typedef struct
{
  guint32 tail, head;
  guint8 directed;
} WireEdge; /* (uub) */

typedef struct
{
  guint32 node;
  double x, y;
} WirePlace; /* (udd) */

G_STATIC_ASSERT (sizeof (WireNode) == 24 && G_STRUCT_OFFSET (WireNode, width) == 8);
G_STATIC_ASSERT (sizeof (WireEdge) == 12 && G_STRUCT_OFFSET (WireEdge, directed) == 8);
G_STATIC_ASSERT (sizeof (WirePlace) == 24 && G_STRUCT_OFFSET (WirePlace, x) == 8);

static void
append_link (GArray *sizes, const KrInputLink *link, gboolean *any)
{
  g_array_append_val (sizes, link->width);
  g_array_append_val (sizes, link->height);
  *any |= link->width > 0;
}

static GVariant *
links_variant (GArray *sizes, gboolean any)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, sizes->data, any ? sizes->len : 0,
                                    sizeof (double));
}

GBytes *
kr_layout_input_serialize (const KrLayoutInput *input)
{
  guint n_nodes, n_edges, n_positions = 0, n_pins = 0;
  g_autofree WireNode *nodes = NULL;
  g_autofree WireEdge *edges = NULL;
  g_autofree WirePlace *positions = NULL;
  g_autofree WirePlace *pins = NULL;
  g_autoptr (GArray) node_links = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) edge_links = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean node_any = FALSE, edge_any = FALSE;
  g_autoptr (GVariant) v = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  n_nodes = input->nodes->len;
  n_edges = input->edges->len;
  /* Zeroed: GVariant's padding between members is zeros. */
  nodes = g_new0 (WireNode, MAX (n_nodes, 1));
  positions = g_new0 (WirePlace, MAX (n_nodes, 1));
  pins = g_new0 (WirePlace, MAX (n_nodes, 1));
  edges = g_new0 (WireEdge, MAX (n_edges, 1));
  for (guint i = 0; i < n_nodes; i++)
    {
      const KrInputNode *n = &g_array_index (input->nodes, KrInputNode, i);

      nodes[i].shape = (guint8)n->gv_shape;
      nodes[i].width = n->width;
      nodes[i].height = n->height;
      append_link (node_links, &n->link, &node_any);
      if (n->has_pos)
        positions[n_positions++] = (WirePlace){ .node = i, .x = n->x, .y = n->y };
      if (n->pinned)
        pins[n_pins++] = (WirePlace){ .node = i, .x = n->pin_x, .y = n->pin_y };
    }
  for (guint i = 0; i < n_edges; i++)
    {
      const KrInputEdge *e = &g_array_index (input->edges, KrInputEdge, i);

      edges[i].tail = e->tail;
      edges[i].head = e->head;
      edges[i].directed = e->directed != FALSE;
      append_link (edge_links, &e->link, &edge_any);
    }
  v = g_variant_ref_sink (g_variant_new (
      "(syi@a(ydd)@a(uub)@a(udd)@ad@ad@a(udd)bb)", kr_engine_get_name (input->engine),
      (guchar)input->rankdir, (gint32)input->root,
      g_variant_new_fixed_array (G_VARIANT_TYPE ("(ydd)"), nodes, n_nodes, sizeof (WireNode)),
      g_variant_new_fixed_array (G_VARIANT_TYPE ("(uub)"), edges, n_edges, sizeof (WireEdge)),
      g_variant_new_fixed_array (G_VARIANT_TYPE ("(udd)"), positions, n_positions,
                                 sizeof (WirePlace)),
      links_variant (node_links, node_any), links_variant (edge_links, edge_any),
      g_variant_new_fixed_array (G_VARIANT_TYPE ("(udd)"), pins, n_pins, sizeof (WirePlace)),
      input->anchored, input->draft));
  return g_variant_get_data_as_bytes (v);
}

/* The size of the link label of item @i from @sizes (none when it is empty); a size of nothing,
 * or not a number, is none. */
static KrInputLink
read_link (const double *sizes, gsize n, gsize i)
{
  KrInputLink link = { 0 };

  if (n == 0 || !(sizes[2 * i] > 0 && sizes[2 * i + 1] > 0))
    return link;
  link.width = MIN (sizes[2 * i], 1e5);
  link.height = MIN (sizes[2 * i + 1], 1e5);
  return link;
}

KrLayoutInput *
kr_layout_input_deserialize (GBytes *bytes, GError **error)
{
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GVariant) nodes = NULL;
  g_autoptr (GVariant) edges = NULL;
  g_autoptr (GVariant) positions = NULL;
  g_autoptr (GVariant) node_links = NULL;
  g_autoptr (GVariant) edge_links = NULL;
  g_autoptr (GVariant) pins = NULL;
  const double *node_sizes, *edge_sizes;
  gsize n_node_sizes, n_edge_sizes;
  const WireNode *wire_nodes;
  const WireEdge *wire_edges;
  const WirePlace *places;
  KrLayoutInput *input;
  const char *name;
  KrEngine engine;
  guchar rankdir;
  gint32 root;
  gboolean anchored, draft;
  gsize n_nodes, n_edges, n_positions;

  v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (INPUT_TYPE), bytes, FALSE));
  /* The engine goes by name: a request of zeros names none, and is refused. */
  g_variant_get (v, "(&syi@a(ydd)@a(uub)@a(udd)@ad@ad@a(udd)bb)", &name, &rankdir, &root, &nodes,
                 &edges, &positions, &node_links, &edge_links, &pins, &anchored, &draft);
  wire_nodes = g_variant_get_fixed_array (nodes, &n_nodes, sizeof (WireNode));
  wire_edges = g_variant_get_fixed_array (edges, &n_edges, sizeof (WireEdge));
  node_sizes = g_variant_get_fixed_array (node_links, &n_node_sizes, sizeof (double));
  edge_sizes = g_variant_get_fixed_array (edge_links, &n_edge_sizes, sizeof (double));
  if (!kr_engine_from_name (name, &engine, NULL) || rankdir >= KR_N_RANKDIRS
      || (n_node_sizes != 0 && n_node_sizes != 2 * n_nodes)
      || (n_edge_sizes != 0 && n_edge_sizes != 2 * n_edges))
    {
      g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED, _ ("Malformed layout request"));
      return NULL;
    }

  input = kr_layout_input_new_empty (engine, (KrRankdir)rankdir, (guint)n_nodes, (guint)n_edges);
  input->root = root >= 0 && (gsize)root < n_nodes ? root : -1;
  input->anchored = anchored;
  input->draft = draft;
  for (gsize i = 0; i < n_nodes; i++)
    {
      KrInputNode n = { 0 };
      const WireNode *w = &wire_nodes[i];

      n.gv_shape = w->shape < KR_N_GV_SHAPES ? w->shape : KR_GV_BOX;
      n.width = CLAMP (w->width, 1, 1e5);
      n.height = CLAMP (w->height, 1, 1e5);
      n.link = read_link (node_sizes, n_node_sizes, i);
      g_array_append_val (input->nodes, n);
    }
  for (gsize i = 0; i < n_edges; i++)
    {
      KrInputEdge e = { 0 };

      e.tail = wire_edges[i].tail;
      e.head = wire_edges[i].head;
      e.directed = wire_edges[i].directed != 0;
      e.link = read_link (edge_sizes, n_edge_sizes, i);
      if (e.tail >= n_nodes || e.head >= n_nodes)
        {
          kr_layout_input_free (input);
          g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED,
                       _ ("Malformed layout request"));
          return NULL;
        }
      g_array_append_val (input->edges, e);
    }
  places = g_variant_get_fixed_array (positions, &n_positions, sizeof (WirePlace));
  for (gsize i = 0; i < n_positions; i++)
    {
      const WirePlace *p = &places[i];
      KrInputNode *n;

      if (p->node >= n_nodes || !usable_position (p->x, p->y))
        continue;
      n = &g_array_index (input->nodes, KrInputNode, p->node);
      n->has_pos = TRUE;
      n->x = p->x;
      n->y = p->y;
    }
  places = g_variant_get_fixed_array (pins, &n_positions, sizeof (WirePlace));
  for (gsize i = 0; i < n_positions; i++)
    {
      const WirePlace *p = &places[i];
      KrInputNode *n;

      if (p->node >= n_nodes || !usable_position (p->x, p->y))
        continue;
      n = &g_array_index (input->nodes, KrInputNode, p->node);
      n->pinned = TRUE;
      n->pin_x = p->x;
      n->pin_y = p->y;
    }
  return input;
}
