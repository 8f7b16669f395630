/* kr-cairo-painter.h — a painter that draws with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "kr-painter.h"
#include "kr-scene-paint.h"

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

/* Paints @scene onto @cr, in scene coordinates, with text laid out in @context. */
void kr_cairo_paint_scene (cairo_t *cr, PangoContext *context, KrScene *scene,
                           const KrPaintOptions *options);

G_END_DECLS
