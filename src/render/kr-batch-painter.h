/* kr-batch-painter.h — a painter that merges what it is given into a few large draws
 *
 * Drawing thousands of small paths one by one spends most of the time per call; this painter
 * gathers paths that share a paint (colour, width, line style, group opacity folded in)
 * into one path each, and defers text, then hands everything to the real painter in the
 * order the paints first appeared. Groups carry no metadata through it: it is for screens,
 * not exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-painter.h"

G_BEGIN_DECLS

typedef struct
{
  KrPainter parent;
  KrPainter *target;
  double alpha;
  GArray *alpha_stack; /* double */
  GPtrArray *buckets;  /* Bucket */
  GArray *texts;       /* DeferredText */
} KrBatchPainter;

void kr_batch_painter_init (KrBatchPainter *self, KrPainter *target);
/* Draws everything gathered into the target, and frees it. */
void kr_batch_painter_flush (KrBatchPainter *self);

G_END_DECLS
