/* kr-saved-views-private.h — shared by the files of the saved views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-json-reader.h"
#include "kr-saved-views.h"

G_BEGIN_DECLS

/* Says what is wrong at @place of the views member: "$.views[2].filter: …". */
void _kr_saved_views_invalid (GError **error, const KrPlace *place, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
JsonArray *_kr_saved_views_read_array (JsonNode *node, const KrPlace *place, GError **error);

/* One view, at @place; FALSE at the first thing it cannot read. */
gboolean _kr_saved_view_read (KrSavedView *view, JsonNode *node, const KrPlace *place,
                              GError **error);
void _kr_saved_view_write (const KrSavedView *view, JsonBuilder *builder);

G_END_DECLS
