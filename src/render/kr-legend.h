/* kr-legend.h — the key to the shapes, colours and line styles a scene uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-painter.h"
#include "kr-scene.h"

G_BEGIN_DECLS

/* The legend: entity kinds and deal families present in the scene, and line styles.
 * kr_legend_measure gives its size; kr_legend_paint draws it with its top-left at (x, y). */
void kr_legend_measure (KrScene *scene, PangoContext *context, double *width, double *height);
void kr_legend_paint (KrScene *scene, KrPainter *painter, const KrPalette *palette, double x,
                      double y);

G_END_DECLS
