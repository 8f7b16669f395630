/* kr-filter-popover.h — choosing which kinds of deals and entities the map shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-filter.h"

G_BEGIN_DECLS

#define KR_TYPE_FILTER_POPOVER (kr_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (KrFilterPopover, kr_filter_popover, KR, FILTER_POPOVER, GtkPopover)

GtkWidget *kr_filter_popover_new (void);

/* Lists the deal kinds, statuses, entity kinds, countries and articles of @dataset, each
 * with how many it has, and shows @filter's choices among them. */
void kr_filter_popover_set_dataset (KrFilterPopover *self, KrDataset *dataset,
                                    const KrFilter *filter);

/* Shows @filter's choices again (after a chip removed some). */
void kr_filter_popover_sync (KrFilterPopover *self, const KrFilter *filter);

/* Writes the popover's choices into @filter, leaving its other parts (focus, path, time)
 * alone. The "changed" signal says when they change. */
void kr_filter_popover_apply (KrFilterPopover *self, KrFilter *filter);

G_END_DECLS
