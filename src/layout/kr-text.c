/* kr-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-text"

#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "kr-scene.h"
#include "kr-text.h"

#define HUB_DEALS 3 /* entities with more deals than this are labelled larger */

PangoContext *
kr_text_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default (); /* one per thread */
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics must not depend on the screen: no hinting, no rounding of glyph positions. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
#if PANGO_VERSION_CHECK(1, 44, 0)
  pango_context_set_round_glyph_positions (context, FALSE);
#endif
  cairo_font_options_destroy (options);
  return context;
}

/* Pango breaks a word with no place to break it in time that grows with the square of its
 * length: a label is cut to what it can show, so that no name, however long, holds up a layout
 * or an export. The whole name stays in the panel and in the SVG's titles. */
static void
set_label_text (PangoLayout *layout, const char *text)
{
  const char *end = text;
  g_autofree char *cut = NULL;

  for (guint n = 0; *end != '\0' && n < KR_TEXT_MAX_CHARS; n++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    {
      pango_layout_set_text (layout, text, -1);
      return;
    }
  /* Accents and other marks stay with their letter. */
  while (end > text && g_unichar_ismark (g_utf8_get_char (end)))
    end = g_utf8_prev_char (end);
  cut = g_strdup_printf ("%.*s…", (int)(end - text), text);
  pango_layout_set_text (layout, cut, -1);
}

PangoLayout *
kr_text_layout_new (PangoContext *context, const char *text, double size)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, KR_SCENE_FONT_FAMILY);
  pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout,
                          (int)(KR_SCENE_LABEL_WRAP * size / KR_SCENE_FONT_SIZE * PANGO_SCALE));
  set_label_text (layout, text);
  pango_font_description_free (font);
  return layout;
}

PangoLayout *
kr_text_link_layout_new (PangoContext *context, const char *text)
{
  PangoLayout *layout = kr_text_layout_new (context, text, KR_SCENE_LINK_FONT_SIZE);

  pango_layout_set_width (layout, -1);
  return layout;
}

static void
free_context (gpointer data)
{
  g_object_unref (data);
}

static PangoContext *
thread_context (void)
{
  static GPrivate context_key = G_PRIVATE_INIT (free_context);
  PangoContext *context = g_private_get (&context_key);

  if (context == NULL)
    {
      context = kr_text_context_new ();
      g_private_set (&context_key, context);
    }
  return context;
}

char *
kr_text_wrap (const char *text, const char *separator)
{
  g_autoptr (PangoLayout) layout = kr_text_layout_new (thread_context (), text, KR_SCENE_FONT_SIZE);
  GString *out = g_string_new (NULL);

  /* The lines of the label as set, which may be cut. */
  text = pango_layout_get_text (layout);

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      int length = line->length;

      while (length > 0 && text[line->start_index + length - 1] == ' ')
        length--;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append_len (out, text + line->start_index, length);
    }
  return g_string_free (out, FALSE);
}

/* Takes @layout, and gives the size of its text in points. */
static void
measure (PangoLayout *layout, double *width, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double)logical.width / PANGO_SCALE;
  *height = (double)logical.height / PANGO_SCALE;
  g_object_unref (layout);
}

void
kr_text_measure (const char *text, double size, double *width, double *height)
{
  measure (kr_text_layout_new (thread_context (), text, size), width, height);
}

void
kr_text_measure_link (const char *text, double *width, double *height)
{
  measure (kr_text_link_layout_new (thread_context (), text), width, height);
}

/* The widths of the characters of Latin text, as Pango sets each alone, in one font size. */
#define TABLE_CHARS 0x250 /* up to the end of Latin Extended-B */

typedef struct
{
  double width[TABLE_CHARS]; /* 0 for a character that the table leaves to Pango */
  double line_height;
} WidthTable;

static void
free_tables (gpointer data)
{
  g_hash_table_unref (data);
}

/* The characters that the table holds: the space, and those next to which Pango never breaks
 * a line (in Unicode's rules) when they come between letters. Hyphens, slashes and dashes are
 * places to break of their own: text with them is measured whole. */
static gboolean
never_breaks (gunichar c)
{
  return c == ' ' || g_unichar_isalnum (c)
         || (c < 0x80 && strchr (".,&'()!?:;\"+#@*_%", (int)c) != NULL);
}

/* The height of @layout set to @text alone, and its width. */
static double
measure_line (PangoLayout *layout, const char *text, double *width)
{
  PangoRectangle logical;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double)logical.width / PANGO_SCALE;
  return (double)logical.height / PANGO_SCALE;
}

/* The table of @size in this thread, as its font map is. */
static const WidthTable *
width_table (double size)
{
  static GPrivate tables_key = G_PRIVATE_INIT (free_tables);
  GHashTable *tables = g_private_get (&tables_key);
  gint64 key = (gint64)round (size * PANGO_SCALE);
  WidthTable *table;
  g_autoptr (PangoLayout) layout = NULL;

  if (tables == NULL)
    {
      tables = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      g_private_set (&tables_key, tables);
    }
  table = g_hash_table_lookup (tables, &key);
  if (table != NULL)
    return table;
  table = g_new0 (WidthTable, 1);
  layout = kr_text_layout_new (thread_context (), "x", size);
  pango_layout_set_width (layout, -1);
  table->line_height = measure_line (layout, "x", NULL);
  for (gunichar c = 0x20; c < TABLE_CHARS; c++)
    {
      char text[8] = { 0 };
      double width;

      if (!never_breaks (c))
        continue;
      g_unichar_to_utf8 (c, text);
      /* A character that the label font lacks comes from another font, whose lines may be
       * taller: such text is measured whole. */
      if (measure_line (layout, text, &width) == table->line_height)
        table->width[c] = width;
    }
  g_hash_table_insert (tables, g_memdup2 (&key, sizeof key), table);
  return table;
}

/* The size of @text set as a label at @size, from @table: words go on a line while they fit
 * in the wrapping width, a word too long for a line alone is broken where it reaches it, as
 * Pango wraps labels. FALSE when @text has a character that is not in the table. */
static gboolean
measure_from_table (const WidthTable *table, const char *text, double size, double *width,
                    double *height)
{
  double wrap = KR_SCENE_LABEL_WRAP * size / KR_SCENE_FONT_SIZE;
  double space = table->width[' '], line = 0, word = 0, widest = 0;
  guint lines = 1;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ' ' && c != '\0')
        {
          if (c >= TABLE_CHARS || table->width[c] == 0)
            return FALSE;
          if (word > 0 && word + table->width[c] > wrap)
            {
              /* A word longer than a line goes on lines of its own, broken where it fills one. */
              if (line > 0)
                {
                  widest = MAX (widest, line);
                  lines++;
                  line = 0;
                }
              widest = MAX (widest, word);
              lines++;
              word = 0;
            }
          word += table->width[c];
          continue;
        }
      if (word > 0)
        {
          if (line > 0 && line + space + word > wrap)
            {
              widest = MAX (widest, line);
              lines++;
              line = word;
            }
          else
            line += (line > 0 ? space : 0) + word;
          word = 0;
        }
      if (c == '\0')
        break;
    }
  *width = MAX (widest, line);
  *height = lines * table->line_height;
  return TRUE;
}

void
kr_text_measure_near (const char *text, double size, double *width, double *height)
{
  if (g_utf8_strlen (text, KR_TEXT_MAX_CHARS * 4) >= KR_TEXT_MAX_CHARS
      || !measure_from_table (width_table (size), text, size, width, height))
    kr_text_measure (text, size, width, height);
}

double
kr_text_label_size (guint n_deals)
{
  /* A tenth larger each time the number of deals doubles past HUB_DEALS, up to half as large
   * again: Nissan's 22 deals in the built-in dataset set it at 1.3 times the size. In whole
   * steps, so that labels come in a few sizes, each font loaded once. */
  if (n_deals <= HUB_DEALS)
    return KR_SCENE_FONT_SIZE;
  return KR_SCENE_FONT_SIZE * (1 + 0.1 * MIN (round (log2 ((double)n_deals / HUB_DEALS)), 5));
}
