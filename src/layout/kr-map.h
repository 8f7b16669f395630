/* kr-map.h — where the map puts what a view shows
 *
 * A dataset's map is laid out once, whole, for each engine and direction asked for. A view
 * (filters, time, a focus or a path) hides what is out of it and moves nothing that stays: its
 * scene is the whole map's with a mask (kr_scene_new_masked), made at once, without Graphviz.
 *
 * A view may also have an arrangement of its own, only when asked for: its focus laid out in
 * circles around the entity (radial), or what it shows laid out again from where it is
 * (kr_map_tidy). An arrangement holds while the view shows part of what it arranged; a view
 * that shows more, or the whole map, or leaves the radial focus, is shown at the whole map's
 * positions again, as they were.
 *
 * A new version of the dataset is made from the map of the version before: what it keeps stays
 * where it was and what is new is placed beside it (KrLayoutOptions.revise). One that changes
 * too much of it is laid out whole, starting from where its entities were, as far as the engine
 * takes starting positions (see KrLayoutOptions.seed).
 *
 * The window and `--export` show views through a map, so both place everything alike. It needs
 * no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-layout.h"

G_BEGIN_DECLS

typedef enum
{
  KR_MAP_WHOLE,  /* the whole map's positions */
  KR_MAP_RADIAL, /* the focus in circles around its entity */
  KR_MAP_TIDIED, /* what the view shows, laid out again */
} KrMapArrangement;

/* What a view asks of the map. Built with designated initialisers; it only borrows what it
 * points to, for the call it is given to. */
typedef struct
{
  KrEngine engine; /* the whole map's layout */
  KrRankdir rankdir;
  gboolean link_labels; /* the whole map laid out with labels on the deals' lines */
  const gboolean *shown_entities; /* one flag per entity of the dataset; NULL shows them all */
  const gboolean *shown_deals;    /* one flag per deal; NULL shows them all */
  const char *radial; /* nullable: the id of the entity in focus, laid out in circles (twopi)
                       * around it */
  GHashTable *pins;   /* nullable: entity id → KrPin, where entities were placed on this engine's
                       * and direction's map (kr_map_pins_key): its layouts and tidied views keep
                       * them there. The map keeps a copy. */
} KrMapView;

#define KR_MAP_VIEW_INIT                                                                           \
  {                                                                                                \
    .engine = KR_ENGINE_DOT, .rankdir = KR_RANKDIR_LR                                              \
  }

#define KR_TYPE_MAP (kr_map_get_type ())
G_DECLARE_FINAL_TYPE (KrMap, kr_map, KR, MAP, GObject)

KrMap *kr_map_new (void);

/* The key under which the pins of a map laid out with @engine and @rankdir are kept: "dot LR",
 * or the engine's name for the others, which have no direction. */
char *kr_map_pins_key (KrEngine engine, KrRankdir rankdir);

/* Maps @dataset from the next kr_map_show() on. @revision: it is a new version of the dataset
 * mapped, laid out starting from where the entities it keeps were. The scene shown stays until
 * the new dataset's is ready. */
void kr_map_set_dataset (KrMap *self, KrDataset *dataset, gboolean revision);
KrDataset *kr_map_get_dataset (KrMap *self);

/* Shows @view of the dataset. Returns TRUE when its scene is shown at once (the "scene"
 * property changed, or it already showed the view); otherwise Graphviz lays out what it needs
 * in the background, the scene shown stays, and then either "scene" changes or ::failed says
 * why not. A view that shows nothing fails at once (KR_LAYOUT_ERROR_EMPTY). */
gboolean kr_map_show (KrMap *self, const KrMapView *view);

/* The same, waiting for the layout it needs while running the thread's main context: the
 * scene that shows @view (a new reference), or NULL with @error saying why not. */
KrScene *kr_map_show_and_wait (KrMap *self, const KrMapView *view, GError **error);

/* Lays out again what the view shows, starting from where it is: with the whole map's engine
 * (neato, fdp and sfdp start from the positions; the others place everything afresh), or with
 * twopi around the focus of a radial view. Only a view that hides something is tidied: the
 * whole map is laid out once. */
void kr_map_tidy (KrMap *self);

/* Puts entities where @placed says (id → KrPin, scene coordinates), every other node of the
 * whole map staying where it is, and has Graphviz lay the lines out again around them, in the
 * background. Only the whole map's places are moved: not those of a tidied or radial view
 * (kr_map_get_arrangement). The pins of the view are not changed: the caller gives them with
 * the next view. */
void kr_map_place (KrMap *self, GHashTable *placed);
/* Lays the whole map out afresh, as when the pins were released. */
void kr_map_relayout (KrMap *self);
/* Whether the whole map of the view was made from the map of the version before, what an edit
 * did not touch staying where it was (KrLayoutOptions.revise), rather than laid out whole:
 * kr_map_relayout lays it out whole. */
gboolean kr_map_is_revised (KrMap *self);

/* Stops the layout under way, if any, without a word: the scene shown stays, and the next
 * kr_map_show() or kr_map_tidy() that needs a layout starts it again. */
void kr_map_stop (KrMap *self);

/* What shows the view, or NULL before the first layout. */
KrScene *kr_map_get_scene (KrMap *self);
KrMapArrangement kr_map_get_arrangement (KrMap *self);
/* Whether Graphviz is laying something out for the map (the "busy" property). */
gboolean kr_map_is_busy (KrMap *self);

G_END_DECLS
