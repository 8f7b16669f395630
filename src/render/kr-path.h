/* kr-path.h — an outline to fill or stroke, as the painters draw it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

G_END_DECLS
