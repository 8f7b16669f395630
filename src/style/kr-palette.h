/* kr-palette.h — the colours and line styles of the diagram, in light and dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kr-enums.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} KrColor;

typedef enum
{
  KR_LINE_SOLID,
  KR_LINE_DASHED,
  KR_LINE_DOTTED,
} KrLineStyle;

typedef struct
{
  gboolean dark;
  KrColor background;
  KrColor text;
  KrColor node_stroke;
  KrColor selection;
  KrColor failed;   /* edges of collapsed, declined and ended deals */
  KrColor disputed; /* the mark on deals whose sources disagree */
  KrColor entity_fill[KR_N_ENTITY_KINDS];
  KrColor deal[KR_N_DEAL_FAMILIES]; /* a colour per family of deal kinds */
} KrPalette;

const KrPalette *kr_palette_get (gboolean dark);

/* The colour of a deal's lines, given its kind and status. */
KrColor kr_palette_deal_color (const KrPalette *palette, KrDealKind kind, KrDealStatus status);
KrLineStyle kr_status_line_style (KrDealStatus status);
/* Line width in points: thin for tentative deals, wider the more articles evidence it. */
double kr_deal_line_width (KrDealStatus status, guint n_sources);

/* "#rrggbb" into @buf (8 bytes). */
const char *kr_color_to_hex (KrColor c, char buf[8]);

G_END_DECLS
