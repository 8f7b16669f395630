/* kr-cairo-painter.h — a painter that draws with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "kr-painter.h"

G_BEGIN_DECLS

typedef struct
{
  KrPainter parent;
  cairo_t *cr;
  double alpha; /* opacity of the current group */
  GArray *alpha_stack;
} KrCairoPainter;

void kr_cairo_painter_init (KrCairoPainter *self, cairo_t *cr, PangoContext *context);
void kr_cairo_painter_clear (KrCairoPainter *self);

G_END_DECLS
