/* kr-view.h — one person's view of a dataset: what the map shows, what stands out, and where
 * they have been
 *
 * The view holds what is not a widget: the filter and the flags it gives, the entity a path is
 * being chosen from, how far a focus reaches, the entities and deals that stand out, and the
 * history of selections for Back and Forward. It remembers the filters chosen for each dataset.
 * Every change is announced by the "changed" signal with what changed, so the window only
 * draws and dispatches. It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-filter.h"

G_BEGIN_DECLS

#define KR_VIEW_ERROR (kr_view_error_quark ())

typedef enum
{
  KR_VIEW_ERROR_NOTHING_SHOWN, /* the filter asked for would leave the map empty */
  KR_VIEW_ERROR_NO_DATASET,    /* there is no dataset to view yet */
} KrViewError;

GQuark kr_view_error_quark (void);

/* What a "changed" signal says changed; several at once when one step changes several. */
typedef enum
{
  KR_VIEW_CHANGED_DATASET = 1 << 0,    /* another dataset, or a new version of it */
  KR_VIEW_CHANGED_FILTER = 1 << 1,     /* what the map shows: lay it out again */
  KR_VIEW_CHANGED_HIGHLIGHTS = 1 << 2, /* what stands out on the map */
  KR_VIEW_CHANGED_HISTORY = 1 << 3,    /* where Back and Forward lead */
} KrViewChange;

/* Something that can be selected and remembered. */
typedef enum
{
  KR_ITEM_ENTITY,
  KR_ITEM_DEAL,
} KrItemKind;

#define KR_TYPE_VIEW (kr_view_get_type ())
G_DECLARE_FINAL_TYPE (KrView, kr_view, KR, VIEW, GObject)

/* @settings (nullable) keeps the filters chosen for each dataset ("dataset-filters"). */
KrView *kr_view_new (GSettings *settings);

/* Views @dataset, known as @key (its address) among remembered filters. A new version of the
 * dataset viewed (@key unchanged) keeps the filter and the history; when the filter no longer
 * fits it (an id has gone), the view shows everything and returns FALSE with @error saying
 * why. Another dataset starts with the filters remembered for it, if they fit it. */
gboolean kr_view_set_dataset (KrView *self, KrDataset *dataset, const char *key, GError **error);
KrDataset *kr_view_get_dataset (KrView *self);

/* ---- what the map shows ------------------------------------------------------------------ */

const KrFilter *kr_view_get_filter (KrView *self);
/* One flag per entity and per deal of the dataset; NULL when the filter shows everything. */
const gboolean *kr_view_get_shown_entities (KrView *self);
const gboolean *kr_view_get_shown_deals (KrView *self);

/* Shows @filter's view instead, unless it cannot be shown (an id or a date the dataset does
 * not have, two ends no deal shown connects, or nothing left to show): then the view stays as
 * it was and @error says why. */
gboolean kr_view_set_filter (KrView *self, const KrFilter *filter, GError **error);
gboolean kr_view_clear_part (KrView *self, KrFilterPart part, GError **error);
/* Shows everything. */
void kr_view_clear (KrView *self);

/* Only @entity's neighbourhood, as far as the focus depth reaches. */
gboolean kr_view_focus (KrView *self, const char *entity, GError **error);
/* How many deals away a focus reaches, 1 to KR_FILTER_MAX_DEPTH; a focus shown follows. */
guint kr_view_get_focus_depth (KrView *self);
gboolean kr_view_set_focus_depth (KrView *self, guint depth, GError **error);

/* Whether the focus shown is laid out in circles around its entity (Graphviz's twopi) rather
 * than as the map is: a choice of this view only, which goes with the focus and is never
 * remembered. Without a focus, nothing changes. */
gboolean kr_view_set_focus_radial (KrView *self, gboolean radial, GError **error);

/* The map as of @date (@reported FALSE) or as articles had reported it by @date; NULL
 * shows every time. */
gboolean kr_view_set_time (KrView *self, const char *date, gboolean reported, GError **error);

/* Choosing a path: @entity is one end; the next entity given to kr_view_finish_path() is the
 * other. NULL: no path is being chosen. */
void kr_view_start_path (KrView *self, const char *entity);
const char *kr_view_get_path_start (KrView *self);
/* Shows the shortest chains between the path's start and @entity. Ending on the start itself
 * chooses no path: returns FALSE without an error. */
gboolean kr_view_finish_path (KrView *self, const char *entity, GError **error);
/* The chains of the path shown (kr_dataset_shortest_paths()' form), at most @max; NULL when
 * no path is shown. */
GPtrArray *kr_view_list_chains (KrView *self, guint max);

/* The dates at which the view, without its time, shows something (as of each date, or as
 * reported by it) that it did not show at the date before: stepping through them, the map
 * changes at every step. Worked out in a thread: a large dataset takes one filter pass per
 * date. */
void kr_view_list_dates_async (KrView *self, gboolean reported, GCancellable *cancellable,
                               GAsyncReadyCallback callback, gpointer user_data);
char **kr_view_list_dates_finish (KrView *self, GAsyncResult *result, GError **error);

/* ---- what stands out --------------------------------------------------------------------- */

void kr_view_set_highlights (KrView *self, const guint *entities, guint n_entities,
                             const guint *deals, guint n_deals);
/* What article @article evidences, and who those claims concern. */
void kr_view_highlight_article (KrView *self, guint article);
void kr_view_clear_highlights (KrView *self);
const guint *kr_view_get_highlighted_entities (KrView *self, guint *n);
const guint *kr_view_get_highlighted_deals (KrView *self, guint *n);

/* ---- where the user has been ------------------------------------------------------------- */

/* Remembers a selection, dropping what lay ahead of the current one. */
void kr_view_remember (KrView *self, KrItemKind kind, const char *id);
/* The current selection was left for what the history does not keep (nothing selected, the
 * chains of a path, the sources): Back first returns to it. */
void kr_view_leave (KrView *self);
gboolean kr_view_can_go (KrView *self, int step);
/* Moves through the history by @step (-1 back, 1 forward) and gives the selection there, or
 * returns FALSE when there is none that way or it no longer exists in the dataset. Whether the
 * map shows it is for the caller to find out: the view may have left it out. */
gboolean kr_view_go (KrView *self, int step, KrItemKind *kind, guint *index);

G_END_DECLS
