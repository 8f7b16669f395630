/* kr-svg-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-svg-painter"

#include "config.h"

#include <string.h>

#include "kr-svg-painter.h"
#include "kr-text.h"

void
kr_xml_append_escaped (GString *out, const char *text, gssize length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        case '\n':
          g_string_append (out, "&#10;");
          break;
        default:
          if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0xfffe || c == 0xffff
              || (c >= 0xd800 && c <= 0xdfff))
            break;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

static void
append_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s = g_ascii_formatd (buf, sizeof buf, "%.2f", v);
  gsize n = strlen (s);

  /* "12.50" → "12.5", "12.00" → "12" */
  while (n > 0 && s[n - 1] == '0')
    s[--n] = '\0';
  if (n > 0 && s[n - 1] == '.')
    s[--n] = '\0';
  if (strcmp (s, "-0") == 0)
    s = (char *)"0";
  g_string_append (out, s);
}

static void
append_color_attr (GString *out, const char *name, KrColor c)
{
  char hex[8];

  g_string_append_printf (out, " %s=\"%s\"", name, kr_color_to_hex (c, hex));
  if (c.alpha < 0.999)
    {
      g_string_append_printf (out, " %s-opacity=\"", name);
      append_number (out, c.alpha);
      g_string_append_c (out, '"');
    }
}

static void
indent (KrSvgPainter *self)
{
  for (int i = 0; i < self->depth + 1; i++)
    g_string_append (self->out, "  ");
}

static void
begin_group (KrPainter *painter, const KrGroupInfo *info, double opacity)
{
  KrSvgPainter *self = (KrSvgPainter *)painter;
  gboolean link = info != NULL && info->href != NULL;

  g_array_append_val (self->link_stack, link);
  if (link)
    {
      indent (self);
      g_string_append (self->out, "<a href=\"");
      kr_xml_append_escaped (self->out, info->href, -1);
      g_string_append (self->out, "\" target=\"_blank\">\n");
      self->depth++;
    }
  indent (self);
  g_string_append (self->out, "<g");
  if (info != NULL && info->id != NULL)
    {
      g_string_append (self->out, " id=\"");
      kr_xml_append_escaped (self->out, info->id, -1);
      g_string_append_c (self->out, '"');
    }
  if (info != NULL && info->css_class != NULL)
    {
      g_string_append (self->out, " class=\"");
      kr_xml_append_escaped (self->out, info->css_class, -1);
      g_string_append_c (self->out, '"');
    }
  if (opacity < 0.999)
    {
      g_string_append (self->out, " opacity=\"");
      append_number (self->out, opacity);
      g_string_append_c (self->out, '"');
    }
  g_string_append (self->out, ">\n");
  self->depth++;
  if (info != NULL && info->title != NULL)
    {
      indent (self);
      g_string_append (self->out, "<title>");
      kr_xml_append_escaped (self->out, info->title, -1);
      g_string_append (self->out, "</title>\n");
    }
  if (info != NULL && info->description != NULL)
    {
      indent (self);
      g_string_append (self->out, "<desc>");
      kr_xml_append_escaped (self->out, info->description, -1);
      g_string_append (self->out, "</desc>\n");
    }
}

static void
end_group (KrPainter *painter)
{
  KrSvgPainter *self = (KrSvgPainter *)painter;
  gboolean link;

  g_return_if_fail (self->link_stack->len > 0);
  link = g_array_index (self->link_stack, gboolean, self->link_stack->len - 1);
  g_array_set_size (self->link_stack, self->link_stack->len - 1);
  self->depth--;
  indent (self);
  g_string_append (self->out, "</g>\n");
  if (link)
    {
      self->depth--;
      indent (self);
      g_string_append (self->out, "</a>\n");
    }
}

static void
draw_path (KrPainter *painter, const KrPath *path, const KrPaint *paint)
{
  KrSvgPainter *self = (KrSvgPainter *)painter;
  const KrPathElement *el = (const KrPathElement *)path->elements->data;
  guint n = path->elements->len;

  indent (self);
  g_string_append (self->out, "<path d=\"");
  for (guint i = 0; i < n; i++)
    {
      switch (el[i].op)
        {
        case KR_PATH_MOVE:
          g_string_append (self->out, "M");
          break;
        case KR_PATH_LINE:
          g_string_append (self->out, "L");
          break;
        case KR_PATH_CURVE:
          g_string_append (self->out, "C");
          for (int k = 0; k < 2 && i + 1 < n; k++, i++)
            {
              append_number (self->out, el[i].p.x);
              g_string_append_c (self->out, ',');
              append_number (self->out, el[i].p.y);
              g_string_append_c (self->out, ' ');
            }
          break;
        case KR_PATH_CLOSE:
        default:
          g_string_append (self->out, "Z");
          continue;
        }
      append_number (self->out, el[i].p.x);
      g_string_append_c (self->out, ',');
      append_number (self->out, el[i].p.y);
    }
  g_string_append_c (self->out, '"');

  if (paint->has_fill)
    append_color_attr (self->out, "fill", paint->fill);
  else
    g_string_append (self->out, " fill=\"none\"");
  if (paint->has_stroke)
    {
      append_color_attr (self->out, "stroke", paint->stroke);
      g_string_append (self->out, " stroke-width=\"");
      append_number (self->out, paint->width);
      g_string_append_c (self->out, '"');
      if (paint->line == KR_LINE_DASHED)
        {
          double w = MAX (paint->width, 1.5);
          g_string_append (self->out, " stroke-dasharray=\"");
          append_number (self->out, 3.5 * w);
          g_string_append_c (self->out, ',');
          append_number (self->out, 2.5 * w);
          g_string_append_c (self->out, '"');
        }
      else if (paint->line == KR_LINE_DOTTED)
        {
          g_string_append (self->out, " stroke-linecap=\"round\" stroke-dasharray=\"0,");
          append_number (self->out, 2.5 * MAX (paint->width, 1.2));
          g_string_append_c (self->out, '"');
        }
      if (paint->line != KR_LINE_SOLID && paint->dash_offset != 0)
        {
          g_string_append (self->out, " stroke-dashoffset=\"");
          append_number (self->out, paint->dash_offset);
          g_string_append_c (self->out, '"');
        }
      g_string_append (self->out, " stroke-linejoin=\"round\"");
    }
  g_string_append (self->out, "/>\n");
}

static void
draw_text (KrPainter *painter, PangoLayout *layout, double cx, double cy, double scale,
           KrColor color)
{
  KrSvgPainter *self = (KrSvgPainter *)painter;
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter;
  PangoRectangle logical;
  double top, size;
  gboolean bold;

  pango_layout_get_extents (layout, NULL, &logical);
  top = cy - (logical.y + logical.height / 2.0) / PANGO_SCALE * scale;
  size = scale
         * (font ? (double)pango_font_description_get_size (font) / PANGO_SCALE
                 : KR_SCENE_FONT_SIZE);
  bold = font && pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD;

  indent (self);
  g_string_append (self->out, "<text text-anchor=\"middle\" font-family=\"Cantarell, 'Noto Sans', "
                              "'Noto Sans CJK JP', sans-serif\" font-size=\"");
  append_number (self->out, size);
  g_string_append_c (self->out, '"');
  if (bold)
    g_string_append (self->out, " font-weight=\"bold\"");
  append_color_attr (self->out, "fill", color);
  g_string_append_c (self->out, '>');

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      double baseline = top + (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE * scale;
      int start = line->start_index, length = line->length;

      /* Trailing spaces of a wrapped line are not drawn. */
      while (length > 0 && text[start + length - 1] == ' ')
        length--;
      g_string_append (self->out, "<tspan x=\"");
      append_number (self->out, cx);
      g_string_append (self->out, "\" y=\"");
      append_number (self->out, baseline);
      g_string_append (self->out, "\">");
      kr_xml_append_escaped (self->out, text + start, length);
      g_string_append (self->out, "</tspan>");
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_string_append (self->out, "</text>\n");
}

void
kr_svg_painter_init (KrSvgPainter *self, GString *out, PangoContext *context)
{
  *self = (KrSvgPainter){ 0 };
  self->parent.begin_group = begin_group;
  self->parent.end_group = end_group;
  self->parent.draw_path = draw_path;
  self->parent.draw_text = draw_text;
  self->parent.context = context;
  self->out = out;
  self->link_stack = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

void
kr_svg_painter_clear (KrSvgPainter *self)
{
  g_clear_pointer (&self->link_stack, g_array_unref);
  self->out = NULL;
}
