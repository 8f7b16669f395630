/* kr-timeline-bar.h — a slider over the dataset's dates, to see the map at one of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KR_TYPE_TIMELINE_BAR (kr_timeline_bar_get_type ())
G_DECLARE_FINAL_TYPE (KrTimelineBar, kr_timeline_bar, KR, TIMELINE_BAR, GtkWidget)

/* The dates to step through, in order (copied); the slider starts at the last. */
void kr_timeline_bar_set_dates (KrTimelineBar *self, const char *const *dates);

/* The date chosen, or NULL when there are no dates. */
const char *kr_timeline_bar_get_date (KrTimelineBar *self);
void kr_timeline_bar_set_date (KrTimelineBar *self, const char *date);

/* TRUE for "as reported by" (what articles published by the date say), FALSE for "as of"
 * (the deals under way on the date). */
gboolean kr_timeline_bar_get_reported (KrTimelineBar *self);
void kr_timeline_bar_set_reported (KrTimelineBar *self, gboolean reported);

/* While the map is being laid out, playing waits for it before the next date. */
void kr_timeline_bar_set_busy (KrTimelineBar *self, gboolean busy);

/* Stops playing through time. */
void kr_timeline_bar_stop (KrTimelineBar *self);

G_END_DECLS
