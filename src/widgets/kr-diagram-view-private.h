/* kr-diagram-view-private.h — the map's state, shared by the files that each handle one concern
 *
 *   kr-diagram-view.c            the object: properties, signals, the scene and the glide
 *                                between layouts, where the view looks and how it moves there
 *   kr-diagram-view-selection.c  the selection and highlights, and what they bring out
 *   kr-diagram-view-draw.c       drawing: palette, tiles drawn ahead while idle, hover, labels
 *   kr-diagram-view-legend.c     the legend or the button that opens it, and fitting the map
 *                                around it
 *   kr-diagram-view-input.c      pointer, scroll, pinch, keys and keyboard walking
 *   kr-diagram-view-card.c       the card of what is hovered (a tooltip), and of the entity the
 *                                keyboard selected (a popover beside it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kr-diagram-view.h"
#include "kr-hover-card.h"
#include "kr-label-plan.h"
#include "kr-palette.h"
#include "kr-tile-cache.h"

G_BEGIN_DECLS

#define MIN_ZOOM 0.05
#define MAX_ZOOM 6.0
#define LEGEND_MARGIN 12.0

typedef enum
{
  LEGEND_BOTTOM_LEFT,
  LEGEND_TOP_LEFT,
  LEGEND_BOTTOM_RIGHT, /* the top right is the zoom buttons' */
} LegendCorner;

struct _KrDiagramView
{
  GtkWidget parent_instance;

  KrScene *scene;
  double zoom;
  double offset_x, offset_y; /* widget position of the scene's origin */
  gboolean follow_fit;       /* refit when the widget is resized */
  gboolean fit_readable;     /* the fit is a first view's: its names legible (see below) */
  gboolean placed;           /* the widget has been on screen … */
  double screen_x, screen_y; /* … there, in its window: the map stays there when it moves */
  gboolean check_view;       /* fit what the new scene shows if it is not all in view … */
  gboolean check_wholly;     /* … wholly (a new layout), or at least in part (the same one) */

  int selected_node, selected_edge;
  int hover_node, hover_edge;
  guint8 *node_emphasis;
  guint8 *edge_emphasis;
  gboolean has_emphasis;
  GArray *highlighted;       /* guint dataset entity indices, e.g. search matches */
  GArray *highlighted_deals; /* guint dataset deal indices */

  gboolean show_legend;
  LegendCorner legend_corner; /* where the last fit put it */
  GtkWidget *legend_button;   /* closes the open legend, or opens it */
  GtkWidget *legend_icon, *legend_label;
  GtkWidget *controls; /* over the top right corner (the zoom buttons), or NULL */
  double legend_width, legend_height; /* at scale 1, 0 until measured for the scene */
  PangoContext *context;
  GPtrArray *layout_cache;
  KrLabelPlan *labels; /* at the current zoom, made when first drawn */

  KrHoverCard *hover_card;     /* shown in tooltips; not in the widget tree until then */
  GtkWidget *card_popover;     /* beside the selection made with the keyboard, */
  KrHoverCard *selection_card; /* showing this, */
  KrHit card_subject;          /* about this (KR_HIT_NONE while it is hidden) */

  double drag_start_x, drag_start_y;
  gboolean dragged;
  int moving;                  /* the scene node of the entity being dragged, or -1, */
  GArray *dragging;            /* guint scene nodes dragged with it, */
  KrPoint *drag_bases;         /* each drawn this far from its place when the drag began */
  GArray *marked;              /* guint dataset entity indices, moved together */
  gboolean *pinned;            /* per dataset entity, or NULL: marked as pinned */
  guint n_pinned;              /* how many flags pinned holds */
  GtkGesture *drag;            /* the gesture that moves, pans, or draws a deal */
  int linking;                 /* the scene node a deal is drawn from (Shift+drag), or -1, */
  int link_target;             /* the entity under the pointer, or -1, */
  double link_x, link_y;       /* and the pointer */
  GtkWidget *node_menu;        /* the menu of an entity, while it is open, */
  graphene_rect_t menu_at;     /* pointing here on the scene, */
  guint menu_tick_id;          /* which it follows while the map moves or is covered */
  GtkWidget *cover;            /* what may lie over part of the map, or NULL */
  gboolean has_pointer;        /* the pointer is over the map, … */
  double pointer_x, pointer_y; /* … there */
  double gesture_start_zoom;
  AdwStyleManager *style_manager;

  /* Animation: the view eases towards a target, and after a new layout nodes glide from
   * where they were (node_offsets shrink to zero). */
  guint tick_id;
  gint64 anim_start;
  gboolean view_anim;
  double from_zoom, from_x, from_y, to_zoom, to_x, to_y;
  KrPoint *start_offsets; /* per scene node, at the start */
  KrPoint *node_offsets;  /* per scene node, now */

  /* The map without hover highlights, drawn into tiles at the current zoom and reused while
   * panning. When the zoom or what the map shows changes, frames are drawn directly and the
   * tiles redrawn while the program is idle, once the zoom has settled. */
  KrTileCache *tiles;
  guint tile_generation; /* changed with the scene, selection or colours */
  gint64 zoom_changed_at;
  gboolean pinching;
  gboolean drew_directly; /* the frame on screen was not made of tiles */
  guint settle_id;
  guint fill_id;
};

/* kr-diagram-view.c */
void _kr_diagram_view_emit_selection_changed (KrDiagramView *self);
void _kr_diagram_view_emit_activate_selection (KrDiagramView *self);
void _kr_diagram_view_set_view (KrDiagramView *self, double zoom, double ox, double oy);
void _kr_diagram_view_animate_view (KrDiagramView *self, double zoom, double x, double y);
/* Brings the scene point (sx, sy) into view, nearer if the map is far out. */
void _kr_diagram_view_reveal_point (KrDiagramView *self, double sx, double sy);
/* Moves the view, smoothly, so that the scene point (sx, sy) is in the middle of @area at
 * @zoom, unless it is at that zoom already and more than @margin inside @area. */
void _kr_diagram_view_bring_point (KrDiagramView *self, double sx, double sy, double zoom,
                                   const graphene_rect_t *area, double margin);
/* The part of the map that the cover (kr_diagram_view_set_cover()) leaves visible: the largest
 * beside it, or the whole map while it is elsewhere. */
graphene_rect_t _kr_diagram_view_visible_area (KrDiagramView *self);
/* Nodes no longer glide; the view stops where it is. */
void _kr_diagram_view_stop_animation (KrDiagramView *self);
/* Emits ::entities-moved with @moves, of type a(udd); whether it was taken. */
gboolean _kr_diagram_view_emit_entities_moved (KrDiagramView *self, GVariant *moves);
/* Emits ::deal-drawn from scene node @from to scene node @to. */
void _kr_diagram_view_emit_deal_drawn (KrDiagramView *self, guint from, guint to);

/* kr-diagram-view-selection.c */
void _kr_diagram_view_update_emphasis (KrDiagramView *self);
/* Selects a scene node or edge (-1 for neither), says so to screen readers, and emits
 * ::selection-changed. */
void _kr_diagram_view_set_selection (KrDiagramView *self, int node, int edge);

/* kr-diagram-view-draw.c */
/* What the tiles show, kept while a new scene replaces the one they were drawn from. */
typedef struct _KrTilesBefore KrTilesBefore;
/* Before a new scene is set: what the tiles show, or NULL when they are not in use. */
KrTilesBefore *_kr_diagram_view_tiles_before (KrDiagramView *self);
/* Once the new scene, its selection and its highlights are set: the tiles stay where the new
 * scene draws what they show, and only the others are drawn again. Frees @before. */
void _kr_diagram_view_tiles_after (KrDiagramView *self, KrTilesBefore *before);
void _kr_diagram_view_class_init_draw (GtkWidgetClass *widget_class);
void _kr_diagram_view_init_draw (KrDiagramView *self);
void _kr_diagram_view_dispose_draw (KrDiagramView *self);

/* kr-diagram-view-legend.c */
void _kr_diagram_view_init_legend (KrDiagramView *self);
void _kr_diagram_view_dispose_legend (KrDiagramView *self);
/* The legend was opened or closed; the scene it lists changed. */
void _kr_diagram_view_legend_changed (KrDiagramView *self);
void _kr_diagram_view_legend_scene_changed (KrDiagramView *self);
void _kr_diagram_view_allocate_legend (KrDiagramView *self, int w, int h);
void _kr_diagram_view_snapshot_legend (KrDiagramView *self, GtkSnapshot *snapshot,
                                       const KrPalette *palette);
/* The zoom and the position of the scene's origin that show the whole map in a w × h view,
 * as large as it can be without a node under the legend; picks the legend's corner. When
 * @readable, the view of a map whose names would be too small to read seen whole is the
 * closest at which they are legible, on its most connected part, as long as that leaves out
 * little of it and no node under the legend. */
void _kr_diagram_view_fit_placement (KrDiagramView *self, int w, int h, gboolean readable,
                                     double *zoom, double *ox, double *oy);
/* Whether every node the scene shows is in the view (@wholly, or at least in part), and not
 * wholly under the legend. */
gboolean _kr_diagram_view_shows_all (KrDiagramView *self, gboolean wholly);
/* What the legend, or its button, takes of the view, and the largest part it leaves free. */
graphene_rect_t _kr_diagram_view_legend_area (KrDiagramView *self);
graphene_rect_t _kr_diagram_view_free_area (KrDiagramView *self);
void _kr_diagram_view_allocate_controls (KrDiagramView *self, int w, int h);

/* kr-diagram-view-input.c */
void _kr_diagram_view_dispose_input (KrDiagramView *self);
/* Entities being dragged are dropped where they were, as when the scene changes under them;
 * a deal being drawn is given up. */
void _kr_diagram_view_forget_drag (KrDiagramView *self);
/* Installs the key bindings. */
void _kr_diagram_view_class_init_input (GtkWidgetClass *widget_class);
/* Adds the gestures and event controllers. */
void _kr_diagram_view_init_input (KrDiagramView *self);
/* What lies under the widget point (wx, wy). */
KrHit _kr_diagram_view_hit_at (KrDiagramView *self, double wx, double wy);

/* kr-diagram-view-card.c */
void _kr_diagram_view_init_card (KrDiagramView *self);
void _kr_diagram_view_dispose_card (KrDiagramView *self);
/* Shows the card of the selection beside it, until the selection changes or the map loses the
 * focus. */
void _kr_diagram_view_show_selection_card (KrDiagramView *self);
void _kr_diagram_view_hide_selection_card (KrDiagramView *self);
/* The selection changed; the view moved; the widget is allocated. */
void _kr_diagram_view_selection_card_changed (KrDiagramView *self);
void _kr_diagram_view_view_moved_card (KrDiagramView *self);
void _kr_diagram_view_allocate_card (KrDiagramView *self);

G_END_DECLS
