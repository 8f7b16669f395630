/* kr-batch-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-batch-painter"

#include "config.h"

#include "kr-batch-painter.h"

typedef struct
{
  KrPaint paint;
  KrPath path;
} Bucket;

typedef struct
{
  PangoLayout *layout;
  double cx, cy;
  KrColor color;
} DeferredText;

static gboolean
colors_equal (KrColor a, KrColor b)
{
  return a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha;
}

static gboolean
paints_equal (const KrPaint *a, const KrPaint *b)
{
  return a->has_fill == b->has_fill && a->has_stroke == b->has_stroke
         && (!a->has_fill || colors_equal (a->fill, b->fill))
         && (!a->has_stroke
             || (colors_equal (a->stroke, b->stroke) && a->width == b->width
                 && a->line == b->line));
}

static void
bucket_free (gpointer data)
{
  Bucket *b = data;
  kr_path_clear (&b->path);
  g_free (b);
}

static void
begin_group (KrPainter *painter, const KrGroupInfo *info, double opacity)
{
  KrBatchPainter *self = (KrBatchPainter *)painter;

  g_array_append_val (self->alpha_stack, self->alpha);
  self->alpha *= opacity;
}

static void
end_group (KrPainter *painter)
{
  KrBatchPainter *self = (KrBatchPainter *)painter;

  g_return_if_fail (self->alpha_stack->len > 0);
  self->alpha = g_array_index (self->alpha_stack, double, self->alpha_stack->len - 1);
  g_array_set_size (self->alpha_stack, self->alpha_stack->len - 1);
}

static void
draw_path (KrPainter *painter, const KrPath *path, const KrPaint *paint)
{
  KrBatchPainter *self = (KrBatchPainter *)painter;
  KrPaint p = *paint;
  Bucket *bucket = NULL;

  p.fill.alpha *= self->alpha;
  p.stroke.alpha *= self->alpha;
  /* The most recent bucket is the likeliest match: edges and nodes come in runs. */
  for (guint i = self->buckets->len; i-- > 0 && bucket == NULL;)
    if (paints_equal (&((Bucket *)self->buckets->pdata[i])->paint, &p))
      bucket = self->buckets->pdata[i];
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->paint = p;
      kr_path_init (&bucket->path);
      g_ptr_array_add (self->buckets, bucket);
    }
  g_array_append_vals (bucket->path.elements, path->elements->data, path->elements->len);
}

static void
draw_text (KrPainter *painter, PangoLayout *layout, double cx, double cy, KrColor color)
{
  KrBatchPainter *self = (KrBatchPainter *)painter;
  DeferredText t = { g_object_ref (layout), cx, cy, color };

  t.color.alpha *= self->alpha;
  g_array_append_val (self->texts, t);
}

void
kr_batch_painter_init (KrBatchPainter *self, KrPainter *target)
{
  *self = (KrBatchPainter){ 0 };
  self->parent.begin_group = begin_group;
  self->parent.end_group = end_group;
  self->parent.draw_path = draw_path;
  self->parent.draw_text = draw_text;
  self->parent.context = target->context;
  self->target = target;
  self->alpha = 1.0;
  self->alpha_stack = g_array_new (FALSE, FALSE, sizeof (double));
  self->buckets = g_ptr_array_new_with_free_func (bucket_free);
  self->texts = g_array_new (FALSE, FALSE, sizeof (DeferredText));
}

void
kr_batch_painter_flush (KrBatchPainter *self)
{
  for (guint i = 0; i < self->buckets->len; i++)
    {
      Bucket *b = self->buckets->pdata[i];
      self->target->draw_path (self->target, &b->path, &b->paint);
    }
  for (guint i = 0; i < self->texts->len; i++)
    {
      DeferredText *t = &g_array_index (self->texts, DeferredText, i);
      self->target->draw_text (self->target, t->layout, t->cx, t->cy, t->color);
      g_object_unref (t->layout);
    }
  g_clear_pointer (&self->buckets, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_array_unref);
  g_clear_pointer (&self->alpha_stack, g_array_unref);
}
