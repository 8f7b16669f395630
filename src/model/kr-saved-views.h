/* kr-saved-views.h — views of a dataset saved under a name, to come back to and to share
 *
 * A saved view is what the map showed when it was saved: the whole filter (with a focus, its
 * depth and whether it was radial; a path's two ends; the time and its mode), the layout
 * engine and direction, and where the map was looked at — the centre of the window in scene
 * coordinates and the zoom, so that on a window of another size the same place is in the
 * middle at the same scale. The views of a dataset are the "views" member of its views file
 * (kr-views-file.h), an array of objects in the order people arranged them; members a later
 * version writes into a view are kept as they were.
 *
 * It needs no display and is tested on its own; engines and directions are kept by name, for
 * the layout to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kr-filter.h"

G_BEGIN_DECLS

/* The views file's member that holds the saved views. */
#define KR_SAVED_VIEWS_MEMBER "views"
/* Enough for a title; a name longer than that would not fit a menu. */
#define KR_SAVED_VIEW_NAME_MAX 80

#define KR_SAVED_VIEWS_ERROR (kr_saved_views_error_quark ())

typedef enum
{
  KR_SAVED_VIEWS_ERROR_INVALID, /* the member cannot be read; the message names the place */
  KR_SAVED_VIEWS_ERROR_NAME,    /* not a name a view can have */
  KR_SAVED_VIEWS_ERROR_EXISTS,  /* another view has that name */
  KR_SAVED_VIEWS_ERROR_UNKNOWN, /* no view has that name */
} KrSavedViewsError;

GQuark kr_saved_views_error_quark (void);

typedef struct
{
  char *name;
  KrFilter filter;
  char *engine;      /* nullable: the engine's name ("dot"); none keeps the one shown */
  char *direction;   /* nullable: the direction's name ("LR") */
  gboolean framed;   /* whether the view says where the map was looked at: */
  double x, y;       /* the centre, in scene coordinates */
  double zoom;       /* and the scale */
  JsonObject *later; /* nullable: members a later version wrote, kept as they were */
} KrSavedView;

#define KR_SAVED_VIEW_INIT                                                                         \
  {                                                                                                \
    .filter = KR_FILTER_INIT, .zoom = 1.0                                                          \
  }

void kr_saved_view_clear (KrSavedView *view);
/* @dest is overwritten: it must hold nothing (as after KR_SAVED_VIEW_INIT). */
void kr_saved_view_copy (KrSavedView *dest, const KrSavedView *src);

/* @name without the spaces around it, or NULL with @error saying why no view can have it
 * (empty, too long, or with line breaks or other control characters). */
char *kr_saved_view_check_name (const char *name, GError **error);

/* Takes out of @filter what @dataset no longer has: a focus or path on an entity that has
 * gone, articles that have gone. Returns what was left out, for people, or NULL when the
 * whole filter fits. */
char *kr_saved_view_fit (KrFilter *filter, KrDataset *dataset);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KrSavedView, kr_saved_view_clear)

#define KR_TYPE_SAVED_VIEWS (kr_saved_views_get_type ())
G_DECLARE_FINAL_TYPE (KrSavedViews, kr_saved_views, KR, SAVED_VIEWS, GObject)

/* No views; "changed" is emitted whenever the list or a view in it changes. */
KrSavedViews *kr_saved_views_new (void);

guint kr_saved_views_get_n_views (KrSavedViews *self);
const KrSavedView *kr_saved_views_get_view (KrSavedViews *self, guint position);
/* The position of the view named @name, or -1. */
int kr_saved_views_find (KrSavedViews *self, const char *name);
/* The names in order, for messages and the command line. */
char **kr_saved_views_get_names (KrSavedViews *self);

/* Keeps a copy of @view under its name (checked and trimmed): in place of the view of that
 * name when there is one, else at @position (-1 or past the end: last). */
gboolean kr_saved_views_put (KrSavedViews *self, const KrSavedView *view, int position,
                             GError **error);
gboolean kr_saved_views_rename (KrSavedViews *self, const char *name, const char *new_name,
                                GError **error);
/* Returns the position the view was at, or -1 when there was none of that name. */
int kr_saved_views_remove (KrSavedViews *self, const char *name);

/* Reads the views from @member (nullable: none). On an error, which names the place
 * ("$.views[2].filter.deal-kinds[0]: …"), @self holds no views. */
gboolean kr_saved_views_load (KrSavedViews *self, JsonNode *member, GError **error);
/* The member that holds the views, or NULL when there are none. */
JsonNode *kr_saved_views_to_json (KrSavedViews *self);

G_END_DECLS
