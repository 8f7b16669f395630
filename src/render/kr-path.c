/* kr-path.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-path"

#include "config.h"

#include "kr-path.h"

/* Control-point distance that approximates a quarter circle with one cubic. */
#define KAPPA 0.5522847498

void
kr_path_init (KrPath *path)
{
  path->elements = g_array_sized_new (FALSE, FALSE, sizeof (KrPathElement), 32);
}

void
kr_path_clear (KrPath *path)
{
  g_clear_pointer (&path->elements, g_array_unref);
}

static void
add (KrPath *path, KrPathOp op, double x, double y)
{
  KrPathElement e = { op, { x, y } };
  g_array_append_val (path->elements, e);
}

void
kr_path_move_to (KrPath *path, double x, double y)
{
  add (path, KR_PATH_MOVE, x, y);
}

void
kr_path_line_to (KrPath *path, double x, double y)
{
  add (path, KR_PATH_LINE, x, y);
}

void
kr_path_curve_to (KrPath *path, double x1, double y1, double x2, double y2, double x3, double y3)
{
  add (path, KR_PATH_CURVE, x1, y1);
  add (path, KR_PATH_CURVE, x2, y2);
  add (path, KR_PATH_CURVE, x3, y3);
}

void
kr_path_close (KrPath *path)
{
  add (path, KR_PATH_CLOSE, 0, 0);
}

void
kr_path_rect (KrPath *path, double x, double y, double w, double h)
{
  kr_path_move_to (path, x, y);
  kr_path_line_to (path, x + w, y);
  kr_path_line_to (path, x + w, y + h);
  kr_path_line_to (path, x, y + h);
  kr_path_close (path);
}

void
kr_path_ellipse (KrPath *path, double cx, double cy, double rx, double ry)
{
  double kx = rx * KAPPA, ky = ry * KAPPA;

  kr_path_move_to (path, cx + rx, cy);
  kr_path_curve_to (path, cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
  kr_path_curve_to (path, cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
  kr_path_curve_to (path, cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
  kr_path_curve_to (path, cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
  kr_path_close (path);
}

void
kr_path_rounded_rect (KrPath *path, double x, double y, double w, double h, double r)
{
  double k;

  r = MIN (r, MIN (w, h) / 2);
  k = r * (1 - KAPPA);
  kr_path_move_to (path, x + r, y);
  kr_path_line_to (path, x + w - r, y);
  kr_path_curve_to (path, x + w - k, y, x + w, y + k, x + w, y + r);
  kr_path_line_to (path, x + w, y + h - r);
  kr_path_curve_to (path, x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
  kr_path_line_to (path, x + r, y + h);
  kr_path_curve_to (path, x + k, y + h, x, y + h - k, x, y + h - r);
  kr_path_line_to (path, x, y + r);
  kr_path_curve_to (path, x, y + k, x + k, y, x + r, y);
  kr_path_close (path);
}
