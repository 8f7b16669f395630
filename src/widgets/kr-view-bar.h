/* kr-view-bar.h — the parts of the map's current view as chips, each removable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-filter.h"

G_BEGIN_DECLS

#define KR_TYPE_VIEW_BAR (kr_view_bar_get_type ())
G_DECLARE_FINAL_TYPE (KrViewBar, kr_view_bar, KR, VIEW_BAR, GtkWidget)

GtkWidget *kr_view_bar_new (void);

/* Shows a chip per part of @filter, naming what it shows of @dataset; hides the bar when
 * the filter shows everything. Chips and buttons act through "win." actions:
 * clear-view-part (s: a part's token, see kr_filter_part_to_token()), clear-view,
 * focus-depth (i) and focus-radial (a boolean state). Chips that stay are changed in place. */
void kr_view_bar_show (KrViewBar *self, KrDataset *dataset, const KrFilter *filter);

/* What the chips say, one line each: for tests and screen readers. */
char *kr_view_bar_describe (KrViewBar *self);

G_END_DECLS
