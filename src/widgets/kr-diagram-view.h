/* kr-diagram-view.h — draws a scene and lets people pan, zoom, hover and select
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-scene.h"

G_BEGIN_DECLS

#define KR_TYPE_DIAGRAM_VIEW (kr_diagram_view_get_type ())
G_DECLARE_FINAL_TYPE (KrDiagramView, kr_diagram_view, KR, DIAGRAM_VIEW, GtkWidget)

GtkWidget *kr_diagram_view_new (void);

KrScene *kr_diagram_view_get_scene (KrDiagramView *self);
/* Keeps the selection when the same entity or deal is in the new scene. A scene of the same
 * layout (kr_scene_same_layout) only shows more or less of it: nothing moves, and the view
 * stays unless part of what it shows is out of sight, then fits it. Another layout glides from
 * the one shown. */
void kr_diagram_view_set_scene (KrDiagramView *self, KrScene *scene);

double kr_diagram_view_get_zoom (KrDiagramView *self);
void kr_diagram_view_zoom_at (KrDiagramView *self, double factor, double x, double y);
void kr_diagram_view_fit (KrDiagramView *self);
/* Where the view looks: the scene point in the middle of the widget, and the zoom; where it is
 * going when it is moving there. A window of another size looking at the same point at the
 * same zoom shows the same place, more or less of around it. */
void kr_diagram_view_get_centre (KrDiagramView *self, double *x, double *y, double *zoom);
/* Looks at scene point (@x, @y) from the middle of the widget at @zoom, at once: the view
 * stays there, no longer fitting the map when the scene or the size changes. */
void kr_diagram_view_look_at (KrDiagramView *self, double x, double y, double zoom);
/* Whether the view is moving to a new place (fitting, zooming to a node, a new layout). */
gboolean kr_diagram_view_is_animating (KrDiagramView *self);

/* How high the label of @entity (a dataset index) is on screen, in pixels: its font size
 * times the zoom, or 0 when it is not drawn at this zoom (kr-label-plan.h). */
double kr_diagram_view_get_label_pixels (KrDiagramView *self, guint entity);

/* Whether the legend is open; when it is not, a button on the map opens it. */
gboolean kr_diagram_view_get_show_legend (KrDiagramView *self);
void kr_diagram_view_set_show_legend (KrDiagramView *self, gboolean show);
/* Puts @controls (nullable; buttons such as zoom) over the map's top right corner, which
 * fitting the map leaves free. */
void kr_diagram_view_set_controls (KrDiagramView *self, GtkWidget *controls);
/* What the legend, or the button that opens it, covers of the view, in widget coordinates:
 * fitting the map and bringing a selection into view leave it free. FALSE when nothing is
 * shown. */
gboolean kr_diagram_view_get_legend_area (KrDiagramView *self, graphene_rect_t *area);

/* The card hovering shows in a tooltip, and the one shown beside the entity the keyboard
 * selected (kr-hover-card.h). */
GtkWidget *kr_diagram_view_get_hover_card (KrDiagramView *self);
GtkWidget *kr_diagram_view_get_selection_card (KrDiagramView *self);

/* The selection, as a hit on the current scene (KR_HIT_NONE when nothing is selected). */
KrHit kr_diagram_view_get_selection (KrDiagramView *self);
/* What the pointer at (x, y) in the widget is over, as clicking there finds it: a hub's name
 * plate stands for the hub. */
KrHit kr_diagram_view_hit_at (KrDiagramView *self, double x, double y);
void kr_diagram_view_select_entity (KrDiagramView *self, int entity, gboolean reveal);
void kr_diagram_view_select_deal (KrDiagramView *self, int deal, gboolean reveal);
void kr_diagram_view_clear_selection (KrDiagramView *self);

/* Brings out these entities and deals (dataset indices), dimming the rest, while nothing is
 * selected; NULL or none for no highlight. */
void kr_diagram_view_set_highlighted (KrDiagramView *self, const guint *entities, guint n,
                                      const guint *deals, guint n_deals);
/* Moves the view, smoothly, to show these entities and deals (dataset indices) as large as the
 * map's size allows up to 100 %; those the map does not show are left out. Stays where it is
 * when they are all on screen already at nearly that size. */
void kr_diagram_view_reveal (KrDiagramView *self, const guint *entities, guint n,
                             const guint *deals, guint n_deals);

/* Marks these entities as pinned: one flag per entity of the scene's dataset (copied), or NULL
 * for none. An entity's menu (right click, the Menu key or Shift+F10 on the one selected)
 * offers to start a deal from it ("win.add-deal-from", with its id), and a pinned entity's to
 * unpin it ("win.unpin", with its id).
 *
 * Dragging an entity moves it (::entities-moved); Ctrl+click or Shift+click marks entities,
 * which are then dragged together, until a plain click. Dragging from an entity with Shift held
 * draws a line to the pointer, and dropping it on another entity asks for a deal between the
 * two (::deal-drawn); elsewhere, or with Escape, nothing is asked. */
void kr_diagram_view_set_pinned (KrDiagramView *self, const gboolean *entities, guint n);
/* The entities marked (indices in the scene's dataset), in the order they were marked. */
const guint *kr_diagram_view_get_marked (KrDiagramView *self, guint *n);

/* @cover (nullable) may lie over part of the map, as a side panel does that slides over it in a
 * narrow window: an entity's menu keeps to the part of the map it leaves visible, the view
 * moving the entity there if need be. */
void kr_diagram_view_set_cover (KrDiagramView *self, GtkWidget *cover);

/* Scene ↔ widget coordinates. */
void kr_diagram_view_to_widget (KrDiagramView *self, double sx, double sy, double *wx, double *wy);
void kr_diagram_view_to_scene (KrDiagramView *self, double wx, double wy, double *sx, double *sy);

G_END_DECLS
