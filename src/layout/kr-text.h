/* kr-text.h — how node labels are set, shared by layout (to size nodes) and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* A layout of @text in the label font, wrapped like every label. @context must use a
 * resolution of 72 dpi so that one Pango unit of size is one scene point. */
PangoLayout *kr_text_layout_new (PangoContext *context, const char *text);

/* The size of a label in points. Thread-safe. */
void kr_text_measure (const char *text, double *width, double *height);

/* The label's lines as Keiretsu wraps them, joined by @separator. Thread-safe. */
char *kr_text_wrap (const char *text, const char *separator);

/* A context at 72 dpi from the default cairo font map, for measuring. */
PangoContext *kr_text_context_new (void);

G_END_DECLS
