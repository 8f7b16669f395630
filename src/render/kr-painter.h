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
#include "kr-scene.h"

G_BEGIN_DECLS

typedef enum
{
  KR_PATH_MOVE,
  KR_PATH_LINE,
  KR_PATH_CURVE, /* uses this point and the next two */
  KR_PATH_CLOSE,
} KrPathOp;

typedef struct
{
  KrPathOp op;
  KrPoint p;
} KrPathElement;

typedef struct
{
  GArray *elements; /* KrPathElement */
} KrPath;

void kr_path_init (KrPath *path);
void kr_path_clear (KrPath *path);
void kr_path_move_to (KrPath *path, double x, double y);
void kr_path_line_to (KrPath *path, double x, double y);
void kr_path_curve_to (KrPath *path, double x1, double y1, double x2, double y2, double x3,
                       double y3);
void kr_path_close (KrPath *path);
void kr_path_rect (KrPath *path, double x, double y, double w, double h);
void kr_path_ellipse (KrPath *path, double cx, double cy, double rx, double ry);
void kr_path_rounded_rect (KrPath *path, double x, double y, double w, double h, double r);

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
  /* Draws @layout's text centred on (cx, cy). */
  void (*draw_text) (KrPainter *self, PangoLayout *layout, double cx, double cy, KrColor color);
  /* The context in which text layouts for this painter are made. */
  PangoContext *context;
};

G_END_DECLS
