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

#define OUTPUT_TYPE "(dda(ddad)a(ad(bdddd)(bdddd))adad)"

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

/* Points travel as flat arrays of doubles: x0, y0, x1, y1, … */
static GVariant *
points_variant (const KrPoint *points, guint n)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, points, n * 2, sizeof (double));
}

static GVariant *
arrow_variant (const KrArrow *a)
{
  return g_variant_new ("(bdddd)", a->present, a->base.x, a->base.y, a->tip.x, a->tip.y);
}

/* Where link labels were placed travels as flat arrays, x and y for each node or edge (NaN for
 * none), and as empty arrays when none was: a layout without labels sends nothing more. */
static void
append_link (GArray *centres, gboolean placed, KrPoint at, gboolean *any)
{
  if (!placed)
    at = (KrPoint){ NAN, NAN };
  g_array_append_val (centres, at);
  *any |= placed;
}

static GVariant *
links_variant (GArray *centres, gboolean any)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, centres->data,
                                    any ? centres->len * 2 : 0, sizeof (double));
}

GBytes *
kr_layout_output_serialize (const KrLayoutOutput *output)
{
  GVariantBuilder nodes, edges;
  g_autoptr (GArray) node_links = g_array_new (FALSE, FALSE, sizeof (KrPoint));
  g_autoptr (GArray) edge_links = g_array_new (FALSE, FALSE, sizeof (KrPoint));
  gboolean node_any = FALSE, edge_any = FALSE;
  g_autoptr (GVariant) v = NULL;

  g_variant_builder_init (&nodes, G_VARIANT_TYPE ("a(ddad)"));
  for (guint i = 0; i < output->nodes->len; i++)
    {
      const KrOutputNode *n = &g_array_index (output->nodes, KrOutputNode, i);
      g_variant_builder_add (&nodes, "(dd@ad)", n->x, n->y,
                             points_variant (n->vertices, n->n_vertices));
      append_link (node_links, n->has_link, n->link, &node_any);
    }
  g_variant_builder_init (&edges, G_VARIANT_TYPE ("a(ad(bdddd)(bdddd))"));
  for (guint i = 0; i < output->edges->len; i++)
    {
      const KrOutputEdge *e = &g_array_index (output->edges, KrOutputEdge, i);
      g_variant_builder_add (&edges, "(@ad@(bdddd)@(bdddd))",
                             points_variant (e->points, e->n_points),
                             arrow_variant (&e->arrow_start), arrow_variant (&e->arrow_end));
      append_link (edge_links, e->has_link, e->link, &edge_any);
    }
  v = g_variant_ref_sink (g_variant_new (
      "(dda(ddad)a(ad(bdddd)(bdddd))@ad@ad)", output->width, output->height, &nodes, &edges,
      links_variant (node_links, node_any), links_variant (edge_links, edge_any)));
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

/* Copies the points whatever their values: kr_layout_output_is_placed() judges those. */
static gboolean
copy_points (GVariant *array, KrPoint **out, guint *n_out)
{
  gsize n = 0;
  const double *d = g_variant_get_fixed_array (array, &n, sizeof (double));

  *out = NULL;
  *n_out = 0;
  if (n % 2 != 0)
    return FALSE;
  if (n > 0)
    *out = g_memdup2 (d, n * sizeof (double));
  *n_out = (guint)(n / 2);
  return TRUE;
}

static void
read_arrow (GVariant *v, KrArrow *a)
{
  g_variant_get (v, "(bdddd)", &a->present, &a->base.x, &a->base.y, &a->tip.x, &a->tip.y);
}

KrLayoutOutput *
kr_layout_output_deserialize (GBytes *bytes, guint n_nodes, guint n_edges, GError **error)
{
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GVariant) nodes = NULL;
  g_autoptr (GVariant) edges = NULL;
  g_autoptr (GVariant) node_links = NULL;
  g_autoptr (GVariant) edge_links = NULL;
  g_autoptr (KrLayoutOutput) output = NULL;
  const double *node_centres, *edge_centres;
  gsize n_node_centres, n_edge_centres;
  double width, height;

  v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (OUTPUT_TYPE), bytes, FALSE));
  g_variant_get (v, "(dd@a(ddad)@a(ad(bdddd)(bdddd))@ad@ad)", &width, &height, &nodes, &edges,
                 &node_links, &edge_links);
  node_centres = g_variant_get_fixed_array (node_links, &n_node_centres, sizeof (double));
  edge_centres = g_variant_get_fixed_array (edge_links, &n_edge_centres, sizeof (double));
  if (g_variant_n_children (nodes) != n_nodes || g_variant_n_children (edges) != n_edges
      || (n_node_centres != 0 && n_node_centres != 2 * n_nodes)
      || (n_edge_centres != 0 && n_edge_centres != 2 * n_edges))
    goto malformed;

  output = kr_layout_output_new (width, height);
  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr (GVariant) child = g_variant_get_child_value (nodes, i);
      g_autoptr (GVariant) vertices = NULL;
      KrOutputNode n = { 0 };

      g_variant_get (child, "(dd@ad)", &n.x, &n.y, &vertices);
      if (!copy_points (vertices, &n.vertices, &n.n_vertices))
        goto malformed;
      n.has_link = read_link (node_centres, n_node_centres, i, &n.link);
      g_array_append_val (output->nodes, n);
    }
  for (guint i = 0; i < n_edges; i++)
    {
      g_autoptr (GVariant) child = g_variant_get_child_value (edges, i);
      g_autoptr (GVariant) points = NULL;
      g_autoptr (GVariant) start = NULL;
      g_autoptr (GVariant) end = NULL;
      KrOutputEdge e = { 0 };

      g_variant_get (child, "(@ad@(bdddd)@(bdddd))", &points, &start, &end);
      e.has_link = read_link (edge_centres, n_edge_centres, i, &e.link);
      if (!copy_points (points, &e.points, &e.n_points) || e.n_points < 4
          || (e.n_points - 1) % 3 != 0)
        {
          g_free (e.points);
          goto malformed;
        }
      read_arrow (start, &e.arrow_start);
      read_arrow (end, &e.arrow_end);
      g_array_append_val (output->edges, e);
    }
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
