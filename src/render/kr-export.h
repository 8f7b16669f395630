/* kr-export.h — a scene as an SVG, PNG, PDF, DOT, GraphML, GEXF, CSV or FollowTheMoney file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-scene.h"

G_BEGIN_DECLS

#define KR_EXPORT_ERROR (kr_export_error_quark ())

typedef enum
{
  KR_EXPORT_ERROR_FORMAT,
  KR_EXPORT_ERROR_RENDER,
} KrExportError;

GQuark kr_export_error_quark (void);

typedef enum
{
  KR_EXPORT_SVG,
  KR_EXPORT_PNG,
  KR_EXPORT_PDF,
  KR_EXPORT_DOT,     /* Graphviz's own format, with names, labels and styling */
  KR_EXPORT_GRAPHML, /* the graph for other programs (kr-graph-export.h) */
  KR_EXPORT_GEXF,
  KR_EXPORT_CSV, /* the deals; the entities go in a second file (kr-graph-export.h) */
  KR_EXPORT_FTM, /* FollowTheMoney entities (kr-ftm-export.h) */
} KrExportFormat;

typedef struct
{
  gboolean legend;      /* draw the legend beside the diagram */
  gboolean transparent; /* no background fill */
  double png_scale;     /* pixels per point for PNG; 0 means 2 */
} KrExportOptions;

/* The options when none are given: the legend, an opaque background, PNG at 2 pixels a point. */
#define KR_EXPORT_OPTIONS_INIT { .legend = TRUE, .transparent = FALSE, .png_scale = 2.0 }

/* The format named by an extension ("svg", "gv", any case), or by a file name's, or -1. */
int kr_export_format_from_extension (const char *extension);
int kr_export_format_from_filename (const char *filename);
/* The format's usual extension, without the dot. */
const char *kr_export_format_extension (KrExportFormat format);

GBytes *kr_export_render (KrScene *scene, KrExportFormat format, const KrExportOptions *options,
                          GError **error);

/* The same in a worker thread: a large map takes seconds to write. The scene is only read. */
void kr_export_render_async (KrScene *scene, KrExportFormat format, const KrExportOptions *options,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data);
GBytes *kr_export_render_finish (GAsyncResult *result, GError **error);

G_END_DECLS
