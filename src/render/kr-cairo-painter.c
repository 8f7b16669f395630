/* kr-cairo-painter.c
 *
 * Dimmed groups multiply the alpha of what they draw instead of compositing a group, which
 * keeps a frame's cost proportional to what it draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-cairo-painter"

#include "config.h"

#include <pango/pangocairo.h>

#include "kr-cairo-painter.h"

static void
set_color (KrCairoPainter *self, KrColor c)
{
  cairo_set_source_rgba (self->cr, c.red, c.green, c.blue, c.alpha * self->alpha);
}

static void
begin_group (KrPainter *painter, const KrGroupInfo *info, double opacity)
{
  KrCairoPainter *self = (KrCairoPainter *)painter;

  g_array_append_val (self->alpha_stack, self->alpha);
  self->alpha *= opacity;
}

static void
end_group (KrPainter *painter)
{
  KrCairoPainter *self = (KrCairoPainter *)painter;

  g_return_if_fail (self->alpha_stack->len > 0);
  self->alpha = g_array_index (self->alpha_stack, double, self->alpha_stack->len - 1);
  g_array_set_size (self->alpha_stack, self->alpha_stack->len - 1);
}

static void
set_dash (cairo_t *cr, KrLineStyle style, double width, double offset)
{
  double dashes[2];

  switch (style)
    {
    case KR_LINE_DASHED:
      dashes[0] = 3.5 * MAX (width, 1.5);
      dashes[1] = 2.5 * MAX (width, 1.5);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashes, 2, offset);
      break;
    case KR_LINE_DOTTED:
      dashes[0] = 0;
      dashes[1] = 2.5 * MAX (width, 1.2);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dashes, 2, offset);
      break;
    case KR_LINE_SOLID:
    default:
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

static void
draw_path (KrPainter *painter, const KrPath *path, const KrPaint *paint)
{
  KrCairoPainter *self = (KrCairoPainter *)painter;
  cairo_t *cr = self->cr;
  const KrPathElement *el = (const KrPathElement *)path->elements->data;
  guint n = path->elements->len;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      switch (el[i].op)
        {
        case KR_PATH_MOVE:
          cairo_move_to (cr, el[i].p.x, el[i].p.y);
          break;
        case KR_PATH_LINE:
          cairo_line_to (cr, el[i].p.x, el[i].p.y);
          break;
        case KR_PATH_CURVE:
          if (i + 2 < n)
            cairo_curve_to (cr, el[i].p.x, el[i].p.y, el[i + 1].p.x, el[i + 1].p.y, el[i + 2].p.x,
                            el[i + 2].p.y);
          i += 2;
          break;
        case KR_PATH_CLOSE:
        default:
          cairo_close_path (cr);
          break;
        }
    }
  if (paint->has_fill)
    {
      set_color (self, paint->fill);
      if (paint->has_stroke)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (paint->has_stroke)
    {
      set_color (self, paint->stroke);
      cairo_set_line_width (cr, paint->width);
      set_dash (cr, paint->line, paint->width, paint->dash_offset);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
}

static void
draw_text (KrPainter *painter, PangoLayout *layout, double cx, double cy, double scale,
           KrColor color)
{
  KrCairoPainter *self = (KrCairoPainter *)painter;
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  set_color (self, color);
  cairo_save (self->cr);
  cairo_translate (self->cr, cx, cy);
  cairo_scale (self->cr, scale, scale);
  cairo_move_to (self->cr, -(logical.x + logical.width / 2.0) / PANGO_SCALE,
                 -(logical.y + logical.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (self->cr, layout);
  cairo_restore (self->cr);
}

void
kr_cairo_painter_init (KrCairoPainter *self, cairo_t *cr, PangoContext *context)
{
  *self = (KrCairoPainter){ 0 };
  self->parent.begin_group = begin_group;
  self->parent.end_group = end_group;
  self->parent.draw_path = draw_path;
  self->parent.draw_text = draw_text;
  self->parent.context = context;
  self->cr = cr;
  self->alpha = 1.0;
  self->alpha_stack = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

void
kr_cairo_painter_clear (KrCairoPainter *self)
{
  g_clear_pointer (&self->alpha_stack, g_array_unref);
  self->cr = NULL;
}

void
kr_cairo_paint_scene (cairo_t *cr, PangoContext *context, KrScene *scene,
                      const KrPaintOptions *options)
{
  KrCairoPainter painter;

  kr_cairo_painter_init (&painter, cr, context);
  kr_scene_paint (scene, &painter.parent, options);
  kr_cairo_painter_clear (&painter);
}
