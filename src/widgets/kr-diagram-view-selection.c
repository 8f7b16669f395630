/* kr-diagram-view-selection.c — the selection and the highlights, what they bring out on the
 * map, and what a screen reader says about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-diagram-view-private.h"
#include "kr-scene-paint.h"

/* A selection brings out what is related to it; otherwise highlighted entities stand out. */
void
_kr_diagram_view_update_emphasis (KrDiagramView *self)
{
  self->has_emphasis
      = self->scene != NULL
        && kr_scene_compute_emphasis (self->scene, self->selected_node, self->selected_edge,
                                      self->node_emphasis, self->edge_emphasis);
  if (!self->has_emphasis && self->scene != NULL
      && (self->highlighted->len > 0 || self->highlighted_deals->len > 0))
    {
      memset (self->node_emphasis, 0, kr_scene_get_n_nodes (self->scene));
      memset (self->edge_emphasis, 0, kr_scene_get_n_edges (self->scene));
      for (guint i = 0; i < self->highlighted->len; i++)
        {
          int node
              = kr_scene_find_entity (self->scene, g_array_index (self->highlighted, guint, i));
          if (node >= 0)
            self->node_emphasis[node] = 1;
        }
      if (self->highlighted_deals->len > 0)
        {
          g_autofree guint8 *wanted
              = g_malloc0 (MAX (kr_dataset_get_n_deals (kr_scene_get_dataset (self->scene)), 1));
          for (guint i = 0; i < self->highlighted_deals->len; i++)
            wanted[g_array_index (self->highlighted_deals, guint, i)] = 1;
          for (guint i = 0; i < kr_scene_get_n_edges (self->scene); i++)
            if (wanted[kr_scene_get_edge (self->scene, i)->deal])
              self->edge_emphasis[i] = 1;
          for (guint i = 0; i < kr_scene_get_n_nodes (self->scene); i++)
            {
              const KrSceneNode *n = kr_scene_get_node (self->scene, i);
              if (n->type == KR_SCENE_NODE_DEAL && wanted[n->index])
                self->node_emphasis[i] = 1;
            }
        }
      self->has_emphasis = TRUE;
    }
  self->tile_generation++;
}

/* What a screen reader says about the selection, or NULL. */
static char *
describe_selection (KrDiagramView *self)
{
  KrDataset *dataset;

  if (self->scene == NULL || (self->selected_node < 0 && self->selected_edge < 0))
    return NULL;
  dataset = kr_scene_get_dataset (self->scene);
  if (self->selected_node >= 0)
    {
      const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)self->selected_node);
      if (n->type == KR_SCENE_NODE_ENTITY)
        {
          const KrEntity *e = kr_dataset_get_entity (dataset, n->index);
          /* Translators: a selected entity, e.g. "Selected: Nissan, Company" */
          return g_strdup_printf (_ ("Selected: %s, %s"), e->display_name,
                                  kr_entity_kind_label (e->kind));
        }
    }
  {
    guint deal_index = self->selected_node >= 0
                           ? kr_scene_get_node (self->scene, (guint)self->selected_node)->index
                           : kr_scene_get_edge (self->scene, (guint)self->selected_edge)->deal;
    const KrDeal *d = kr_dataset_get_deal (dataset, deal_index);
    /* Translators: a selected deal: its summary, kind and status */
    return g_strdup_printf (_ ("Selected: %s (%s, %s)"), d->summary, kr_deal_kind_label (d->kind),
                            kr_status_label (d->status));
  }
}

void
_kr_diagram_view_set_selection (KrDiagramView *self, int node, int edge)
{
  g_autofree char *description = NULL;

  if (self->selected_node == node && self->selected_edge == edge)
    return;
  self->selected_node = node;
  self->selected_edge = edge;
  _kr_diagram_view_update_emphasis (self);
  description = describe_selection (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _ ("Nothing selected"), -1);
#if GTK_CHECK_VERSION(4, 14, 0)
  if (description != NULL)
    gtk_accessible_announce (GTK_ACCESSIBLE (self), description,
                             GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM);
#endif
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _kr_diagram_view_selection_card_changed (self);
  _kr_diagram_view_emit_selection_changed (self);
}

KrHit
kr_diagram_view_get_selection (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), ((KrHit){ KR_HIT_NONE, 0 }));
  if (self->selected_node >= 0)
    return (KrHit){ KR_HIT_NODE, (guint)self->selected_node };
  if (self->selected_edge >= 0)
    return (KrHit){ KR_HIT_EDGE, (guint)self->selected_edge };
  return (KrHit){ KR_HIT_NONE, 0 };
}

void
kr_diagram_view_set_highlighted (KrDiagramView *self, const guint *entities, guint n,
                                 const guint *deals, guint n_deals)
{
  KrTilesBefore *before;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  /* Search matches come and go a few at a time: the tiles of the rest stay. */
  before = _kr_diagram_view_tiles_before (self);
  g_array_set_size (self->highlighted, 0);
  g_array_set_size (self->highlighted_deals, 0);
  if (entities != NULL)
    g_array_append_vals (self->highlighted, entities, n);
  if (deals != NULL)
    g_array_append_vals (self->highlighted_deals, deals, n_deals);
  _kr_diagram_view_update_emphasis (self);
  _kr_diagram_view_tiles_after (self, before);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_to_box (double box[4], double x, double y, double width, double height)
{
  box[0] = MIN (box[0], x);
  box[1] = MIN (box[1], y);
  box[2] = MAX (box[2], x + width);
  box[3] = MAX (box[3], y + height);
}

void
kr_diagram_view_reveal (KrDiagramView *self, const guint *entities, guint n, const guint *deals,
                        guint n_deals)
{
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double margin = 24, fx, fy, fw, fh, zoom;
  graphene_rect_t free;
  g_autofree guint8 *wanted = NULL;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  if (self->scene == NULL || w <= 0 || h <= 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      int node = kr_scene_find_entity (self->scene, entities[i]);
      if (node >= 0)
        {
          const KrSceneNode *nd = kr_scene_get_node (self->scene, (guint)node);
          add_to_box (box, nd->x - nd->width / 2, nd->y - nd->height / 2, nd->width, nd->height);
        }
    }
  wanted = g_malloc0 (MAX (kr_dataset_get_n_deals (kr_scene_get_dataset (self->scene)), 1));
  for (guint i = 0; i < n_deals; i++)
    wanted[deals[i]] = 1;
  for (guint i = 0; i < kr_scene_get_n_edges (self->scene); i++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (self->scene, i);
      if (wanted[e->deal] && kr_scene_is_edge_shown (self->scene, i))
        add_to_box (box, e->bounds.x, e->bounds.y, e->bounds.width, e->bounds.height);
    }
  if (box[0] > box[2])
    return; /* none of them is on the map */

  /* In the part of the view the legend leaves free, as a fit leaves the map. */
  free = _kr_diagram_view_free_area (self);
  fx = free.origin.x;
  fy = free.origin.y;
  fw = free.size.width;
  fh = free.size.height;
  zoom = MIN ((fw - 2 * margin) / MAX (box[2] - box[0], 1),
              (fh - 2 * margin) / MAX (box[3] - box[1], 1));
  zoom = CLAMP (zoom, MIN_ZOOM, 1.0);
  /* On screen already, and not much smaller than they could be: moving would only disturb. */
  if (self->zoom * 1.25 >= zoom && self->offset_x + box[0] * self->zoom >= fx
      && self->offset_x + box[2] * self->zoom <= fx + fw
      && self->offset_y + box[1] * self->zoom >= fy
      && self->offset_y + box[3] * self->zoom <= fy + fh)
    return;
  self->follow_fit = FALSE;
  _kr_diagram_view_animate_view (self, zoom, fx + (fw - (box[0] + box[2]) * zoom) / 2,
                                 fy + (fh - (box[1] + box[3]) * zoom) / 2);
}

void
kr_diagram_view_select_entity (KrDiagramView *self, int entity, gboolean reveal)
{
  int node;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  if (self->scene == NULL || entity < 0)
    return;
  node = kr_scene_find_entity (self->scene, (guint)entity);
  if (node < 0)
    return;
  _kr_diagram_view_set_selection (self, node, -1);
  if (reveal)
    {
      const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)node);
      _kr_diagram_view_reveal_point (self, n->x, n->y);
    }
}

void
kr_diagram_view_select_deal (KrDiagramView *self, int deal, gboolean reveal)
{
  int hub;

  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  if (self->scene == NULL || deal < 0)
    return;
  hub = kr_scene_find_deal_hub (self->scene, (guint)deal);
  if (hub >= 0)
    {
      const KrSceneNode *n = kr_scene_get_node (self->scene, (guint)hub);
      _kr_diagram_view_set_selection (self, hub, -1);
      if (reveal)
        _kr_diagram_view_reveal_point (self, n->x, n->y);
      return;
    }
  for (guint i = 0; i < kr_scene_get_n_edges (self->scene); i++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (self->scene, i);
      if (e->deal != (guint)deal || !kr_scene_is_edge_shown (self->scene, i))
        continue;
      _kr_diagram_view_set_selection (self, -1, (int)i);
      if (reveal && e->n_points >= 4)
        {
          KrPoint mid = kr_bezier_point (e->points, 0.5);
          _kr_diagram_view_reveal_point (self, mid.x, mid.y);
        }
      return;
    }
}

void
kr_diagram_view_clear_selection (KrDiagramView *self)
{
  g_return_if_fail (KR_IS_DIAGRAM_VIEW (self));
  _kr_diagram_view_set_selection (self, -1, -1);
}
