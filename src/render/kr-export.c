/* kr-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <string.h>

#include "kr-cairo-painter.h"
#include "kr-export.h"
#include "kr-graph-export.h"
#include "kr-layout.h"
#include "kr-legend.h"
#include "kr-scene-paint.h"
#include "kr-svg-painter.h"
#include "kr-text.h"

#define LEGEND_GAP 16.0
#define MAX_PNG_PIXELS (16384.0 * 16384.0)
#define MAX_PNG_SIDE 32767.0
/* Below this, labels are less than a pixel high: a PNG shows nothing legible. */
#define MIN_PNG_SCALE (1.0 / KR_SCENE_FONT_SIZE)

G_DEFINE_QUARK (kr - export - error - quark, kr_export_error)

/* Each format's file-name extensions, the usual one first. */
static const char *const extensions[][3] = {
  [KR_EXPORT_SVG] = { "svg", NULL },
  [KR_EXPORT_PNG] = { "png", NULL },
  [KR_EXPORT_PDF] = { "pdf", NULL },
  [KR_EXPORT_DOT] = { "dot", "gv", NULL },
  [KR_EXPORT_GRAPHML] = { "graphml", NULL },
  [KR_EXPORT_GEXF] = { "gexf", NULL },
  [KR_EXPORT_CSV] = { "csv", NULL },
  [KR_EXPORT_FTM] = { "ftm.json", "ijson", NULL },
};

int
kr_export_format_from_extension (const char *extension)
{
  for (guint f = 0; extension != NULL && f < G_N_ELEMENTS (extensions); f++)
    for (guint i = 0; extensions[f][i] != NULL; i++)
      if (g_ascii_strcasecmp (extension, extensions[f][i]) == 0)
        return (int)f;
  return -1;
}

int
kr_export_format_from_filename (const char *filename)
{
  /* An extension may have a dot of its own: "ftm.json". */
  for (const char *dot = filename ? strchr (filename, '.') : NULL; dot != NULL;
       dot = strchr (dot + 1, '.'))
    {
      int format = kr_export_format_from_extension (dot + 1);

      if (format >= 0)
        return format;
    }
  return -1;
}

const char *
kr_export_format_extension (KrExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (extensions), NULL);
  return extensions[format][0];
}

/* The size of the picture: what the scene shows, with its margin (kr_scene_get_shown_area), and
 * the legend to its right. */
static void
picture_size (KrScene *scene, PangoContext *context, const KrExportOptions *o, double *w, double *h,
              double *legend_w)
{
  KrRect area = kr_scene_get_shown_area (scene);
  double lw = 0, lh = 0;

  if (o->legend)
    kr_legend_measure (scene, context, &lw, &lh);
  *legend_w = lw;
  *w = area.width + (o->legend ? lw + LEGEND_GAP : 0);
  *h = MAX (area.height, o->legend ? lh + 2 * LEGEND_GAP : 0);
}

/* Paints the picture in scene coordinates: its top-left corner is that of the shown area. */
static void
paint_picture (KrScene *scene, KrPainter *painter, const KrExportOptions *o, double w, double h)
{
  const KrPalette *palette = kr_palette_get (FALSE);
  KrRect area = kr_scene_get_shown_area (scene);
  KrPaintOptions paint;

  if (!o->transparent)
    {
      KrPath path;
      KrPaint bg = { TRUE, palette->background, FALSE, palette->background, 0, KR_LINE_SOLID };
      kr_path_init (&path);
      kr_path_rect (&path, area.x, area.y, w, h);
      painter->draw_path (painter, &path, &bg);
      kr_path_clear (&path);
    }
  kr_paint_options_init (&paint, palette);
  paint.with_metadata = TRUE;
  kr_scene_paint (scene, painter, &paint);
  if (o->legend)
    kr_legend_paint (scene, painter, palette, area.x + area.width + LEGEND_GAP / 2,
                     area.y + LEGEND_GAP);
}

static GBytes *
render_svg (KrScene *scene, const KrExportOptions *o, PangoContext *context)
{
  KrDataset *dataset = kr_scene_get_dataset (scene);
  GString *out = g_string_sized_new (64 * 1024);
  KrSvgPainter painter;
  KrRect area = kr_scene_get_shown_area (scene);
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  double w, h, lw;

  picture_size (scene, context, o, &w, &h, &lw);
  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  /* The view box crops the scene to what it shows. */
  g_string_append_printf (
      out,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
      "width=\"%d\" height=\"%d\" viewBox=\"%s %s %d %d\">\n",
      (int)(w + 0.999), (int)(h + 0.999), g_ascii_formatd (x, sizeof x, "%g", area.x),
      g_ascii_formatd (y, sizeof y, "%g", area.y), (int)(w + 0.999), (int)(h + 0.999));
  g_string_append (out, "  <title>");
  kr_xml_append_escaped (out, kr_dataset_get_title (dataset), -1);
  g_string_append (out, "</title>\n  <desc>");
  kr_xml_append_escaped (out,
                         _ ("Alliance diagram made with Keiretsu. Each deal carries its "
                            "summary and sources."),
                         -1);
  g_string_append (out, "</desc>\n");

  kr_svg_painter_init (&painter, out, context);
  paint_picture (scene, &painter.parent, o, w, h);
  kr_svg_painter_clear (&painter);

  g_string_append (out, "</svg>\n");
  return g_string_free_to_bytes (out);
}

static cairo_status_t
append_to_array (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_cairo (KrScene *scene, KrExportFormat format, const KrExportOptions *o,
              PangoContext *context, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  KrCairoPainter painter;
  double w, h, lw, scale = 1.0;
  cairo_t *cr;

  picture_size (scene, context, o, &w, &h, &lw);
  if (format == KR_EXPORT_PNG)
    {
      scale = o->png_scale > 0 ? o->png_scale : 2.0;
      if (w * scale * h * scale > MAX_PNG_PIXELS)
        scale = sqrt (MAX_PNG_PIXELS / (w * h));
      /* cairo's images are at most 32 767 pixels on a side. */
      scale = MIN (scale, MIN (MAX_PNG_SIDE / w, MAX_PNG_SIDE / h));
      if (scale < MIN_PNG_SCALE)
        {
          g_set_error (error, KR_EXPORT_ERROR, KR_EXPORT_ERROR_RENDER,
                       _ ("The diagram is too large for a PNG image (%.0f × %.0f points); export "
                          "it as SVG or PDF"),
                       w, h);
          return NULL;
        }
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)(w * scale + 0.999),
                                            (int)(h * scale + 0.999));
    }
  else
    surface = cairo_pdf_surface_create_for_stream (append_to_array, out, w, h);

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  {
    KrRect area = kr_scene_get_shown_area (scene);
    cairo_translate (cr, -area.x, -area.y);
  }
  kr_cairo_painter_init (&painter, cr, context);
  paint_picture (scene, &painter.parent, o, w, h);
  kr_cairo_painter_clear (&painter);
  cairo_destroy (cr);

  if (format == KR_EXPORT_PNG)
    cairo_surface_write_to_png_stream (surface, append_to_array, out);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KR_EXPORT_ERROR, KR_EXPORT_ERROR_RENDER,
                   _ ("Could not draw the diagram: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  KrScene *scene;
  KrExportFormat format;
  KrExportOptions options;
} RenderJob;

static void
render_job_free (RenderJob *job)
{
  g_object_unref (job->scene);
  g_free (job);
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RenderJob *job = task_data;
  GError *error = NULL;
  GBytes *bytes = kr_export_render (job->scene, job->format, &job->options, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

void
kr_export_render_async (KrScene *scene, KrExportFormat format, const KrExportOptions *options,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (KR_IS_SCENE (scene));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kr_export_render_async);
  job = g_new0 (RenderJob, 1);
  job->scene = g_object_ref (scene);
  job->format = format;
  job->options = options != NULL ? *options : (KrExportOptions)KR_EXPORT_OPTIONS_INIT;
  g_task_set_task_data (task, job, (GDestroyNotify)render_job_free);
  g_task_run_in_thread (task, render_thread);
}

GBytes *
kr_export_render_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
kr_export_render (KrScene *scene, KrExportFormat format, const KrExportOptions *options,
                  GError **error)
{
  PangoContext *context;
  static const KrExportOptions defaults = KR_EXPORT_OPTIONS_INIT;
  GBytes *bytes = NULL;

  g_return_val_if_fail (KR_IS_SCENE (scene), NULL);

  if (options == NULL)
    options = &defaults;
  context = kr_text_context_new ();
  switch (format)
    {
    case KR_EXPORT_SVG:
      bytes = render_svg (scene, options, context);
      break;
    case KR_EXPORT_PNG:
    case KR_EXPORT_PDF:
      bytes = render_cairo (scene, format, options, context, error);
      break;
    case KR_EXPORT_DOT:
      {
        char *dot = kr_layout_write_scene_dot (scene, error);

        if (dot != NULL)
          bytes = g_bytes_new_take (dot, strlen (dot));
        break;
      }
    case KR_EXPORT_GRAPHML:
    case KR_EXPORT_GEXF:
    case KR_EXPORT_CSV:
    case KR_EXPORT_FTM:
      {
        char *text = kr_graph_export_write (scene, format);
        bytes = g_bytes_new_take (text, strlen (text));
        break;
      }
    default:
      g_set_error (error, KR_EXPORT_ERROR, KR_EXPORT_ERROR_FORMAT, _ ("Unknown export format"));
      break;
    }
  g_object_unref (context);
  return bytes;
}
