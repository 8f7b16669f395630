/* kr-diagram-view-card.c — the card of what the pointer is over, in a tooltip, and the card of
 * the entity the keyboard selected, beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-diagram-view"

#include "config.h"

#include <math.h>

#include "kr-diagram-view-private.h"

/* Makes @card say what @hit is; FALSE when it is nothing. */
static gboolean
fill_card (KrDiagramView *self, KrHit hit, KrHoverCard *card)
{
  KrDataset *dataset;

  if (self->scene == NULL || hit.type == KR_HIT_NONE)
    return FALSE;
  dataset = kr_scene_get_dataset (self->scene);
  if (hit.type == KR_HIT_NODE)
    {
      const KrSceneNode *node = kr_scene_get_node (self->scene, hit.index);
      if (node->type == KR_SCENE_NODE_ENTITY)
        kr_hover_card_show_entity (card, dataset, node->index);
      else
        kr_hover_card_show_deal (card, dataset, node->index);
    }
  else
    kr_hover_card_show_deal (card, dataset, kr_scene_get_edge (self->scene, hit.index)->deal);
  return TRUE;
}

/* What @hit covers on screen, in widget coordinates. */
static GdkRectangle
hit_area (KrDiagramView *self, KrHit hit)
{
  KrRect r = hit.type == KR_HIT_NODE
                 ? kr_scene_node_bounds (kr_scene_get_node (self->scene, hit.index))
                 : kr_scene_get_edge (self->scene, hit.index)->bounds;
  double x0, y0, x1, y1;

  kr_diagram_view_to_widget (self, r.x, r.y, &x0, &y0);
  kr_diagram_view_to_widget (self, r.x + r.width, r.y + r.height, &x1, &y1);
  return (GdkRectangle){ (int)floor (x0), (int)floor (y0), (int)ceil (x1 - x0) + 1,
                         (int)ceil (y1 - y0) + 1 };
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
               gpointer user_data)
{
  KrDiagramView *self = KR_DIAGRAM_VIEW (widget);
  KrHit hit = _kr_diagram_view_hit_at (self, x, y);
  GdkRectangle area;

  /* An entity's menu opens where the pointer is: the card would cover it. */
  if (self->node_menu != NULL && gtk_widget_get_visible (self->node_menu))
    return FALSE;
  if (!fill_card (self, hit, self->hover_card))
    return FALSE;
  gtk_tooltip_set_custom (tooltip, GTK_WIDGET (self->hover_card));
  /* Asked again once the pointer leaves what it is over. */
  area = hit_area (self, hit);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

void
_kr_diagram_view_show_selection_card (KrDiagramView *self)
{
  KrHit hit = kr_diagram_view_get_selection (self);

  if (!fill_card (self, hit, self->selection_card))
    {
      _kr_diagram_view_hide_selection_card (self);
      return;
    }
  self->card_subject = hit;
  gtk_widget_set_visible (self->card_popover, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_kr_diagram_view_hide_selection_card (KrDiagramView *self)
{
  self->card_subject = (KrHit){ KR_HIT_NONE, 0 };
  if (self->card_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->card_popover));
}

/* The card stays with what it describes: it goes when the selection changes. */
void
_kr_diagram_view_selection_card_changed (KrDiagramView *self)
{
  KrHit hit = kr_diagram_view_get_selection (self);

  if (hit.type != self->card_subject.type || hit.index != self->card_subject.index)
    _kr_diagram_view_hide_selection_card (self);
}

void
_kr_diagram_view_view_moved_card (KrDiagramView *self)
{
  if (self->card_subject.type != KR_HIT_NONE)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_kr_diagram_view_allocate_card (KrDiagramView *self)
{
  GdkRectangle area;

  if (self->card_subject.type == KR_HIT_NONE || !gtk_widget_get_visible (self->card_popover))
    return;
  area = hit_area (self, self->card_subject);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->card_popover), &area);
  gtk_popover_present (GTK_POPOVER (self->card_popover));
}

static void
scene_changed (KrDiagramView *self)
{
  _kr_diagram_view_hide_selection_card (self);
}

static void
focus_left (KrDiagramView *self)
{
  _kr_diagram_view_hide_selection_card (self);
}

void
_kr_diagram_view_init_card (KrDiagramView *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->hover_card = g_object_ref_sink (KR_HOVER_CARD (kr_hover_card_new ()));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), NULL);

  /* Beside the selection, without taking the focus from the map: Tab goes on walking. */
  self->selection_card = KR_HOVER_CARD (kr_hover_card_new ());
  self->card_popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->card_popover), FALSE);
  gtk_popover_set_child (GTK_POPOVER (self->card_popover), GTK_WIDGET (self->selection_card));
  gtk_widget_set_can_focus (self->card_popover, FALSE);
  gtk_widget_set_can_target (self->card_popover, FALSE);
  gtk_widget_set_parent (self->card_popover, GTK_WIDGET (self));
  self->card_subject = (KrHit){ KR_HIT_NONE, 0 };

  g_signal_connect (self, "notify::scene", G_CALLBACK (scene_changed), NULL);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_left), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

void
_kr_diagram_view_dispose_card (KrDiagramView *self)
{
  g_clear_object (&self->hover_card);
  g_clear_pointer (&self->card_popover, gtk_widget_unparent);
  self->selection_card = NULL;
}

GtkWidget *
kr_diagram_view_get_hover_card (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), NULL);
  return GTK_WIDGET (self->hover_card);
}

GtkWidget *
kr_diagram_view_get_selection_card (KrDiagramView *self)
{
  g_return_val_if_fail (KR_IS_DIAGRAM_VIEW (self), NULL);
  return GTK_WIDGET (self->selection_card);
}
