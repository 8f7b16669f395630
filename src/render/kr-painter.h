/* kr-painter.h — the few drawing operations a diagram needs, with one backend per output
 *
 * The diagram is walked once (kr-scene-paint.c) and drawn through a painter: cairo for the
 * window and for PNG/PDF, SVG markup for export. Both therefore show the same picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "kr-palette.h"
#include "kr-path.h"
#include "kr-scene.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean has_fill;
  KrColor fill;
  gboolean has_stroke;
  KrColor stroke;
  double width;
  KrLineStyle line;
  double dash_offset; /* how far into the dash pattern the path starts */
} KrPaint;

/* Information a group carries into exported files: an id from the dataset, a title shown
 * as a tooltip, a longer description and a link. All nullable. */
typedef struct
{
  const char *id;
  const char *css_class;
  const char *title;
  const char *description;
  const char *href;
} KrGroupInfo;

typedef struct _KrPainter KrPainter;

struct _KrPainter
{
  void (*begin_group) (KrPainter *self, const KrGroupInfo *info, double opacity);
  void (*end_group) (KrPainter *self);
  void (*draw_path) (KrPainter *self, const KrPath *path, const KrPaint *paint);
  /* Draws @layout's text centred on (cx, cy), @scale times its size. */
  void (*draw_text) (KrPainter *self, PangoLayout *layout, double cx, double cy, double scale,
                     KrColor color);
  /* The context in which text layouts for this painter are made. */
  PangoContext *context;
};

G_END_DECLS
