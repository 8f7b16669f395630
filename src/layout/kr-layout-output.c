/* kr-layout-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-layout-output"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kr-layout-output.h"
#include "kr-layout.h"

#define OUTPUT_TYPE "(ddadauadauadadadad)"

static void
clear_node (gpointer data)
{
  g_clear_pointer (&((KrOutputNode *)data)->vertices, g_free);
}

static void
clear_edge (gpointer data)
{
  g_clear_pointer (&((KrOutputEdge *)data)->points, g_free);
}

KrLayoutOutput *
kr_layout_output_new (double width, double height)
{
  KrLayoutOutput *output = g_new0 (KrLayoutOutput, 1);

  output->width = width;
  output->height = height;
  output->nodes = g_array_new (FALSE, TRUE, sizeof (KrOutputNode));
  output->edges = g_array_new (FALSE, TRUE, sizeof (KrOutputEdge));
  g_array_set_clear_func (output->nodes, clear_node);
  g_array_set_clear_func (output->edges, clear_edge);
  return output;
}

void
kr_layout_output_free (KrLayoutOutput *output)
{
  if (output == NULL)
    return;
  g_clear_pointer (&output->nodes, g_array_unref);
  g_clear_pointer (&output->edges, g_array_unref);
  g_free (output);
}

static void
move_point (KrPoint *p, double dx, double dy)
{
  p->x += dx;
  p->y += dy;
}

void
kr_layout_output_translate (KrLayoutOutput *output, double dx, double dy)
{
  for (guint i = 0; i < output->nodes->len; i++)
    {
      KrOutputNode *n = &g_array_index (output->nodes, KrOutputNode, i);
      n->x += dx;
      n->y += dy;
      move_point (&n->link, dx, dy);
    }
  for (guint i = 0; i < output->edges->len; i++)
    {
      KrOutputEdge *e = &g_array_index (output->edges, KrOutputEdge, i);
      for (guint k = 0; k < e->n_points; k++)
        move_point (&e->points[k], dx, dy);
      move_point (&e->arrow_start.base, dx, dy);
      move_point (&e->arrow_start.tip, dx, dy);
      move_point (&e->arrow_end.base, dx, dy);
      move_point (&e->arrow_end.tip, dx, dy);
    }
  output->width += MAX (dx, 0);
  output->height += MAX (dy, 0);
}

/* Everything travels as flat arrays of numbers, whose elements are all the same size: GLib
 * finds each element of an array of variable-sized ones (a node with its vertices) by an offset
 * that it checks against all before it, which took 73 s on the 100 000 nodes of a large map.
 * Points are x0, y0, x1, y1, …; a list of points per node or edge is a count per item and all
 * the points one after the other. */
static GVariant *
doubles_variant (GArray *doubles)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, doubles->data, doubles->len,
                                    sizeof (double));
}

static GVariant *
counts_variant (GArray *counts)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, counts->data, counts->len,
                                    sizeof (guint32));
}

static void
append_points (GArray *counts, GArray *doubles, const KrPoint *points, guint n)
{
  guint32 count = n;

  g_array_append_val (counts, count);
  if (n > 0)
    g_array_append_vals (doubles, points, 2 * n);
}

static void
append_arrow (GArray *doubles, const KrArrow *a)
{
  double values[] = { a->present ? 1 : 0, a->base.x, a->base.y, a->tip.x, a->tip.y };
  g_array_append_vals (doubles, values, G_N_ELEMENTS (values));
}

/* Where link labels were placed, x and y for each node or edge (NaN for none), and an empty
 * array when none was: a layout without labels sends nothing more. */
static void
append_link (GArray *centres, gboolean placed, KrPoint at, gboolean *any)
{
  if (!placed)
    at = (KrPoint){ NAN, NAN };
  g_array_append_vals (centres, &at, 2);
  *any |= placed;
}

GBytes *
kr_layout_output_serialize (const KrLayoutOutput *output)
{
  g_autoptr (GArray) centres = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) vertex_counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) vertices = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) point_counts = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) arrows = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) node_links = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) edge_links = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean node_any = FALSE, edge_any = FALSE;
  g_autoptr (GVariant) v = NULL;

  for (guint i = 0; i < output->nodes->len; i++)
    {
      const KrOutputNode *n = &g_array_index (output->nodes, KrOutputNode, i);
      double centre[] = { n->x, n->y };

      g_array_append_vals (centres, centre, 2);
      append_points (vertex_counts, vertices, n->vertices, n->n_vertices);
      append_link (node_links, n->has_link, n->link, &node_any);
    }
  for (guint i = 0; i < output->edges->len; i++)
    {
      const KrOutputEdge *e = &g_array_index (output->edges, KrOutputEdge, i);

      append_points (point_counts, points, e->points, e->n_points);
      append_arrow (arrows, &e->arrow_start);
      append_arrow (arrows, &e->arrow_end);
      append_link (edge_links, e->has_link, e->link, &edge_any);
    }
  if (!node_any)
    g_array_set_size (node_links, 0);
  if (!edge_any)
    g_array_set_size (edge_links, 0);
  v = g_variant_ref_sink (g_variant_new (
      "(dd@ad@au@ad@au@ad@ad@ad@ad)", output->width, output->height, doubles_variant (centres),
      counts_variant (vertex_counts), doubles_variant (vertices), counts_variant (point_counts),
      doubles_variant (points), doubles_variant (arrows), doubles_variant (node_links),
      doubles_variant (edge_links)));
  return g_variant_get_data_as_bytes (v);
}

/* The place of the link label of item @i from @centres (none when it is empty). */
static gboolean
read_link (const double *centres, gsize n, gsize i, KrPoint *at)
{
  if (n == 0 || !isfinite (centres[2 * i]) || !isfinite (centres[2 * i + 1]))
    return FALSE;
  *at = (KrPoint){ centres[2 * i], centres[2 * i + 1] };
  return TRUE;
}

/* The next @count points of @doubles (@n values in all, @used so far), copied whatever their
 * values: kr_layout_output_is_placed() judges those. FALSE when there are not that many. */
static gboolean
take_points (const double *doubles, gsize n, gsize *used, guint32 count, KrPoint **out,
             guint *n_out)
{
  *out = NULL;
  *n_out = 0;
  if (count > (n - *used) / 2)
    return FALSE;
  if (count > 0)
    *out = g_memdup2 (doubles + *used, (gsize)count * 2 * sizeof (double));
  *used += (gsize)count * 2;
  *n_out = count;
  return TRUE;
}

static KrArrow
read_arrow (const double *a)
{
  return (KrArrow){ a[0] != 0, { a[1], a[2] }, { a[3], a[4] } };
}

/* One array of @type from @v's child @i, and its length. */
static gconstpointer
fixed_child (GVariant *v, gsize i, gsize size, gsize *n)
{
  g_autoptr (GVariant) child = g_variant_get_child_value (v, i);
  /* The data stays with @v, which holds its children's. */
  return g_variant_get_fixed_array (child, n, size);
}

KrLayoutOutput *
kr_layout_output_deserialize (GBytes *bytes, guint n_nodes, guint n_edges, GError **error)
{
  g_autoptr (GVariant) v = NULL;
  g_autoptr (KrLayoutOutput) output = NULL;
  const double *centres, *vertices, *points, *arrows, *node_links, *edge_links;
  const guint32 *vertex_counts, *point_counts;
  gsize n_centres, n_vertex_counts, n_vertices, n_point_counts, n_points, n_arrows;
  gsize n_node_links, n_edge_links, used_vertices = 0, used_points = 0;
  double width, height;

  v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (OUTPUT_TYPE), bytes, FALSE));
  g_variant_get (v, "(dd@ad@au@ad@au@ad@ad@ad@ad)", &width, &height, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL);
  centres = fixed_child (v, 2, sizeof (double), &n_centres);
  vertex_counts = fixed_child (v, 3, sizeof (guint32), &n_vertex_counts);
  vertices = fixed_child (v, 4, sizeof (double), &n_vertices);
  point_counts = fixed_child (v, 5, sizeof (guint32), &n_point_counts);
  points = fixed_child (v, 6, sizeof (double), &n_points);
  arrows = fixed_child (v, 7, sizeof (double), &n_arrows);
  node_links = fixed_child (v, 8, sizeof (double), &n_node_links);
  edge_links = fixed_child (v, 9, sizeof (double), &n_edge_links);
  if (n_centres != 2 * (gsize)n_nodes || n_vertex_counts != n_nodes || n_point_counts != n_edges
      || n_arrows != 10 * (gsize)n_edges
      || (n_node_links != 0 && n_node_links != 2 * (gsize)n_nodes)
      || (n_edge_links != 0 && n_edge_links != 2 * (gsize)n_edges))
    goto malformed;

  output = kr_layout_output_new (width, height);
  for (guint i = 0; i < n_nodes; i++)
    {
      KrOutputNode n = { .x = centres[2 * i], .y = centres[2 * i + 1] };

      if (!take_points (vertices, n_vertices, &used_vertices, vertex_counts[i], &n.vertices,
                        &n.n_vertices))
        goto malformed;
      n.has_link = read_link (node_links, n_node_links, i, &n.link);
      g_array_append_val (output->nodes, n);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      KrOutputEdge e = { 0 };

      if (!take_points (points, n_points, &used_points, point_counts[i], &e.points, &e.n_points)
          || e.n_points < 4 || (e.n_points - 1) % 3 != 0)
        {
          g_free (e.points);
          goto malformed;
        }
      e.arrow_start = read_arrow (arrows + 10 * (gsize)i);
      e.arrow_end = read_arrow (arrows + 10 * (gsize)i + 5);
      e.has_link = read_link (edge_links, n_edge_links, i, &e.link);
      g_array_append_val (output->edges, e);
    }
  if (used_vertices != n_vertices || used_points != n_points)
    goto malformed;
  return g_steal_pointer (&output);

malformed:
  g_set_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED,
               _ ("The layout helper returned a malformed result"));
  return NULL;
}

static gboolean
is_finite_point (KrPoint p)
{
  return isfinite (p.x) && isfinite (p.y);
}

static gboolean
are_finite_points (const KrPoint *points, guint n)
{
  for (guint i = 0; i < n; i++)
    if (!is_finite_point (points[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_finite_arrow (const KrArrow *a)
{
  return !a->present || (is_finite_point (a->base) && is_finite_point (a->tip));
}

gboolean
kr_layout_output_is_placed (const KrLayoutOutput *output)
{
  g_return_val_if_fail (output != NULL, FALSE);

  if (!isfinite (output->width) || !isfinite (output->height))
    return FALSE;
  for (guint i = 0; i < output->nodes->len; i++)
    {
      const KrOutputNode *n = &g_array_index (output->nodes, KrOutputNode, i);
      if (!is_finite_point ((KrPoint){ n->x, n->y })
          || !are_finite_points (n->vertices, n->n_vertices)
          || (n->has_link && !is_finite_point (n->link)))
        return FALSE;
    }
  for (guint i = 0; i < output->edges->len; i++)
    {
      const KrOutputEdge *e = &g_array_index (output->edges, KrOutputEdge, i);
      if (!are_finite_points (e->points, e->n_points) || !is_finite_arrow (&e->arrow_start)
          || !is_finite_arrow (&e->arrow_end) || (e->has_link && !is_finite_point (e->link)))
        return FALSE;
    }
  return TRUE;
}
