/* kr-text.h — how labels are set, shared by layout (to size nodes and link labels) and drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The most characters a label shows: a longer name is cut there and ends in "…". Ten lines or
 * so of a label, far more than any real name needs. */
#define KR_TEXT_MAX_CHARS 120

/* A layout of @text in the label font at @size points, wrapped like every label: the wrapping
 * width grows with the size, so a label breaks into the same lines at any size, and cut to
 * KR_TEXT_MAX_CHARS characters. @context must use a resolution of 72 dpi so that one Pango unit
 * of size is one scene point. */
PangoLayout *kr_text_layout_new (PangoContext *context, const char *text, double size);

/* A layout of a deal's link label: at KR_SCENE_LINK_FONT_SIZE, on one line. */
PangoLayout *kr_text_link_layout_new (PangoContext *context, const char *text);

/* The size of a label at @size points, in points. Thread-safe. */
void kr_text_measure (const char *text, double size, double *width, double *height);

/* The size of a label at @size points near enough for a draft, in points, in far less time:
 * Latin text from a table of each character's width, as Pango sets it alone, and wrapped as
 * Pango wraps it; without kerning, it is up to a few points off. Other scripts, and names long
 * enough to be cut, are measured as kr_text_measure does. Thread-safe. */
void kr_text_measure_near (const char *text, double size, double *width, double *height);

/* The size of a link label, in points. Thread-safe. */
void kr_text_measure_link (const char *text, double *width, double *height);

/* The label's lines as Keiretsu wraps and cuts them, joined by @separator. Thread-safe. In
 * time linear in the length of @text. */
char *kr_text_wrap (const char *text, const char *separator);

/* The font size of an entity's label, in points: hubs, the entities with many deals, are
 * labelled larger, so that they stand out and stay legible further out. */
double kr_text_label_size (guint n_deals);

/* A context at 72 dpi from the default cairo font map, for measuring. */
PangoContext *kr_text_context_new (void);

G_END_DECLS
