/* kr-svg-painter.h — a painter that writes SVG markup, with text kept as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-painter.h"

G_BEGIN_DECLS

typedef struct
{
  KrPainter parent;
  GString *out;
  GArray *link_stack; /* gboolean per open group: closes an <a> too */
  int depth;
} KrSvgPainter;

void kr_svg_painter_init (KrSvgPainter *self, GString *out, PangoContext *context);
void kr_svg_painter_clear (KrSvgPainter *self);

/* Appends @text to @out escaped for XML character data and attribute values; characters
 * that XML 1.0 forbids are dropped. */
void kr_xml_append_escaped (GString *out, const char *text, gssize length);

G_END_DECLS
