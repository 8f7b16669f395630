/* kr-legend.c — the key to shapes, colours and line styles, for what the scene contains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "kr-legend.h"
#include "kr-scene-paint.h"

#define PAD 10.0
#define SAMPLE_W 34.0
#define SAMPLE_H 18.0
#define ROW_GAP 5.0
#define FONT_SIZE 10.0

typedef enum
{
  ROW_HEADING,
  ROW_ENTITY,
  ROW_FAMILY,
  ROW_STATUS,
  ROW_ADVOCACY,
  ROW_DISPUTED,
} RowType;

typedef struct
{
  RowType type;
  int value; /* entity kind, deal family, or status */
  int node;  /* a scene node of that entity kind, for its exact shape */
  const char *label;
} Row;

static const struct
{
  KrDealStatus status;
  const char *label;
} status_rows[] = {
  { KR_STATUS_RUMOURED, N_ ("Rumoured") },
  { KR_STATUS_PROPOSED, N_ ("Exploring, proposed, in talks") },
  { KR_STATUS_COMPLETED, N_ ("Planned, agreed, active, completed") },
  { KR_STATUS_COLLAPSED, N_ ("Collapsed, declined, ended") },
  { KR_STATUS_UNSPECIFIED, N_ ("Status not given") },
};

static int
status_row_of (KrDealStatus s)
{
  if (kr_status_is_failed (s))
    return 3;
  if (s == KR_STATUS_UNSPECIFIED)
    return 4;
  switch (kr_status_line_style (s))
    {
    case KR_LINE_DOTTED:
      return 0;
    case KR_LINE_DASHED:
      return 1;
    case KR_LINE_SOLID:
    default:
      return 2;
    }
}

static GArray *
collect_rows (KrScene *scene)
{
  KrDataset *dataset = kr_scene_get_dataset (scene);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));
  int kind_node[KR_N_ENTITY_KINDS];
  gboolean family[KR_N_DEAL_FAMILIES] = { 0 };
  gboolean status[G_N_ELEMENTS (status_rows)] = { 0 };
  gboolean advocacy = FALSE, disputed = FALSE;
  Row row;

  for (int i = 0; i < KR_N_ENTITY_KINDS; i++)
    kind_node[i] = -1;
  for (guint i = 0; i < kr_scene_get_n_nodes (scene); i++)
    {
      const KrSceneNode *n = kr_scene_get_node (scene, i);
      if (n->type == KR_SCENE_NODE_ENTITY && kr_scene_is_node_shown (scene, i))
        {
          KrEntityKind k = kr_dataset_get_entity (dataset, n->index)->kind;
          if (kind_node[k] < 0)
            kind_node[k] = (int)i;
        }
    }
  for (guint i = 0; i < kr_scene_get_n_edges (scene); i++)
    {
      const KrSceneEdge *e = kr_scene_get_edge (scene, i);
      const KrDeal *d = kr_dataset_get_deal (dataset, e->deal);

      if (!kr_scene_is_edge_shown (scene, i))
        continue;
      family[kr_deal_kind_family (d->kind)] = TRUE;
      status[status_row_of (d->status)] = TRUE;
      advocacy |= e->advocacy;
      disputed |= kr_deal_is_disputed (d);
    }

  row = (Row){ ROW_HEADING, 0, -1, _ ("Entities") };
  g_array_append_val (rows, row);
  for (int k = 0; k < KR_N_ENTITY_KINDS; k++)
    if (kind_node[k] >= 0)
      {
        row = (Row){ ROW_ENTITY, k, kind_node[k], kr_entity_kind_label (k) };
        g_array_append_val (rows, row);
      }
  row = (Row){ ROW_HEADING, 0, -1, _ ("Deals") };
  g_array_append_val (rows, row);
  for (int f = 0; f < KR_N_DEAL_FAMILIES; f++)
    if (family[f])
      {
        row = (Row){ ROW_FAMILY, f, -1, kr_deal_family_label (f) };
        g_array_append_val (rows, row);
      }
  row = (Row){ ROW_HEADING, 0, -1, _ ("Status") };
  g_array_append_val (rows, row);
  for (guint i = 0; i < G_N_ELEMENTS (status_rows); i++)
    if (status[i])
      {
        row = (Row){ ROW_STATUS, status_rows[i].status, -1, _ (status_rows[i].label) };
        g_array_append_val (rows, row);
      }
  if (advocacy)
    {
      row = (Row){ ROW_ADVOCACY, 0, -1, _ ("Urged or proposed by") };
      g_array_append_val (rows, row);
    }
  if (disputed)
    {
      row = (Row){ ROW_DISPUTED, 0, -1, _ ("Sources disagree") };
      g_array_append_val (rows, row);
    }
  return rows;
}

static PangoLayout *
row_layout (PangoContext *context, const Row *row)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, KR_SCENE_FONT_FAMILY);
  pango_font_description_set_size (font, (int)(FONT_SIZE * PANGO_SCALE));
  if (row->type == ROW_HEADING)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, row->label, -1);
  pango_font_description_free (font);
  return layout;
}

static double
row_height (const Row *row, PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return MAX ((double)logical.height / PANGO_SCALE, row->type == ROW_HEADING ? 0 : SAMPLE_H);
}

void
kr_legend_measure (KrScene *scene, PangoContext *context, double *width, double *height)
{
  g_autoptr (GArray) rows = collect_rows (scene);
  double w = 0, h = PAD;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autoptr (PangoLayout) layout = row_layout (context, row);
      PangoRectangle logical;
      double indent = row->type == ROW_HEADING ? 0 : SAMPLE_W + 8;

      pango_layout_get_extents (layout, NULL, &logical);
      w = MAX (w, indent + (double)logical.width / PANGO_SCALE);
      h += row_height (row, layout) + ROW_GAP;
    }
  *width = w + 2 * PAD;
  *height = h - ROW_GAP + PAD;
}

static void
paint_sample (KrScene *scene, KrPainter *painter, const KrPalette *palette, const Row *row,
              double x, double cy)
{
  KrPath path;
  KrPaint paint = { 0 };
  double y0 = cy - SAMPLE_H / 2;

  kr_path_init (&path);
  switch (row->type)
    {
    case ROW_ENTITY:
      {
        const KrSceneNode *n = kr_scene_get_node (scene, (guint)row->node);
        double sx = SAMPLE_W / n->width, sy = SAMPLE_H / n->height;

        if (n->shape == KR_SHAPE_ELLIPSE)
          kr_path_ellipse (&path, x + SAMPLE_W / 2, cy, SAMPLE_W / 2, SAMPLE_H / 2);
        else if (n->shape == KR_SHAPE_ROUNDED_BOX)
          kr_path_rounded_rect (&path, x, y0, SAMPLE_W, SAMPLE_H, 5);
        else if (n->shape == KR_SHAPE_POLYGON && n->n_vertices >= 3)
          {
            kr_path_move_to (&path, x + SAMPLE_W / 2 + n->vertices[0].x * sx,
                             cy + n->vertices[0].y * sy);
            for (guint i = 1; i < n->n_vertices; i++)
              kr_path_line_to (&path, x + SAMPLE_W / 2 + n->vertices[i].x * sx,
                               cy + n->vertices[i].y * sy);
            kr_path_close (&path);
          }
        else
          {
            kr_path_rect (&path, x, y0, SAMPLE_W, SAMPLE_H);
          }
        paint = (KrPaint){ TRUE, palette->entity_fill[row->value],
                           TRUE, palette->node_stroke,
                           1.0,  n->dashed_outline ? KR_LINE_DASHED : KR_LINE_SOLID };
        break;
      }
    case ROW_FAMILY:
    case ROW_STATUS:
    case ROW_ADVOCACY:
      {
        KrColor c = row->type == ROW_FAMILY ? palette->deal[row->value]
                    : row->type == ROW_STATUS
                        ? (kr_status_is_failed (row->value) ? palette->failed : palette->text)
                        : palette->text;
        KrLineStyle style = row->type == ROW_ADVOCACY ? KR_LINE_DASHED
                            : row->type == ROW_STATUS ? kr_status_line_style (row->value)
                                                      : KR_LINE_SOLID;
        kr_path_move_to (&path, x, cy);
        kr_path_line_to (&path, x + SAMPLE_W, cy);
        paint = (KrPaint){ FALSE, c, TRUE, c, row->type == ROW_FAMILY ? 2.5 : 1.5, style };
        break;
      }
    case ROW_DISPUTED:
      kr_path_ellipse (&path, x + SAMPLE_W / 2, cy, 5.5, 5.5);
      paint = (KrPaint){ TRUE, palette->disputed, FALSE, palette->disputed, 0, KR_LINE_SOLID };
      break;
    case ROW_HEADING:
    default:
      break;
    }
  if (path.elements->len > 0)
    painter->draw_path (painter, &path, &paint);
  kr_path_clear (&path);
}

void
kr_legend_paint (KrScene *scene, KrPainter *painter, const KrPalette *palette, double x, double y)
{
  g_autoptr (GArray) rows = collect_rows (scene);
  KrGroupInfo info = { "kr-legend", "legend", _ ("Legend"), NULL, NULL };
  double w, h, cy = y + PAD;
  KrPath path;
  KrPaint frame = { TRUE, palette->background, TRUE, palette->node_stroke, 0.75, KR_LINE_SOLID };

  kr_legend_measure (scene, painter->context, &w, &h);
  painter->begin_group (painter, &info, 1.0);

  frame.fill.alpha = 0.94;
  kr_path_init (&path);
  kr_path_rounded_rect (&path, x, y, w, h, 8);
  painter->draw_path (painter, &path, &frame);
  kr_path_clear (&path);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autoptr (PangoLayout) layout = row_layout (painter->context, row);
      PangoRectangle logical;
      double rh = row_height (row, layout);
      double tx = x + PAD + (row->type == ROW_HEADING ? 0 : SAMPLE_W + 8);

      pango_layout_get_extents (layout, NULL, &logical);
      paint_sample (scene, painter, palette, row, x + PAD, cy + rh / 2);
      painter->draw_text (painter, layout, tx + (double)logical.width / PANGO_SCALE / 2,
                          cy + rh / 2, 1.0, palette->text);
      cy += rh + ROW_GAP;
    }
  painter->end_group (painter);
}
