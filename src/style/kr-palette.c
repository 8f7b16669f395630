/* kr-palette.c
 *
 * The light palette uses pale fills under near-black text, the dark one deep fills under
 * white text; every text/fill pair has a contrast ratio above 7:1 (WCAG AAA), and edge
 * colours stay above 3:1 against their background.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-palette"

#include "config.h"

#include "kr-palette.h"

#define RGB(hex)                                                                                   \
  {                                                                                                \
    ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex)&0xff) / 255.0, 1.0           \
  }

/* Deal kinds share a colour by family: buying, money, cooperation, supply, control, rivalry,
 * and links of no stated kind. */
#define DEAL_COLORS(buy, money, coop, supply, control, rival, other)                               \
  {                                                                                                \
    [KR_DEAL_FAMILY_BUYING] = RGB (buy), [KR_DEAL_FAMILY_MONEY] = RGB (money),                     \
    [KR_DEAL_FAMILY_COOPERATION] = RGB (coop), [KR_DEAL_FAMILY_SUPPLY] = RGB (supply),             \
    [KR_DEAL_FAMILY_CONTROL] = RGB (control), [KR_DEAL_FAMILY_RIVALRY] = RGB (rival),              \
    [KR_DEAL_FAMILY_OTHER] = RGB (other),                                                          \
  }

static const KrPalette light = {
  .dark = FALSE,
  .background = RGB (0xffffff),
  .text = RGB (0x1e1e1e),
  .node_stroke = RGB (0x3d3846),
  .selection = RGB (0x1c71d8),
  .failed = { 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0, 0.85 },
  .disputed = RGB (0xc01c28),
  .entity_fill = {
    [KR_ENTITY_COMPANY] = RGB (0xdbe7fb),
    [KR_ENTITY_DIVISION] = RGB (0xeceff4),
    [KR_ENTITY_JOINT_VENTURE] = RGB (0xd9f2e0),
    [KR_ENTITY_GOVERNMENT] = RGB (0xfbe2d2),
    [KR_ENTITY_STATE_FUND] = RGB (0xfcefc4),
    [KR_ENTITY_PERSON] = RGB (0xf1e0f6),
    [KR_ENTITY_GROUP] = RGB (0xf0e8dc),
    [KR_ENTITY_PROGRAMME] = RGB (0xdcf1f4),
    [KR_ENTITY_OTHER] = RGB (0xebebeb),
  },
  .deal = DEAL_COLORS (0xc01c28, 0xb34700, 0x1a5fb4, 0x26804a, 0x0d7680, 0x8c3fa6, 0x865e3c),
};

static const KrPalette dark = {
  .dark = TRUE,
  .background = RGB (0x1e1e1e),
  .text = RGB (0xffffff),
  .node_stroke = RGB (0xc0bfbc),
  .selection = RGB (0x78aeed),
  .failed = { 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0, 0.85 },
  .disputed = RGB (0xff7b63),
  .entity_fill = {
    [KR_ENTITY_COMPANY] = RGB (0x1f3b63),
    [KR_ENTITY_DIVISION] = RGB (0x383841),
    [KR_ENTITY_JOINT_VENTURE] = RGB (0x1f4a2c),
    [KR_ENTITY_GOVERNMENT] = RGB (0x5a2e1a),
    [KR_ENTITY_STATE_FUND] = RGB (0x4f4013),
    [KR_ENTITY_PERSON] = RGB (0x4a2655),
    [KR_ENTITY_GROUP] = RGB (0x4a3b2a),
    [KR_ENTITY_PROGRAMME] = RGB (0x1d4a50),
    [KR_ENTITY_OTHER] = RGB (0x3d3d3d),
  },
  .deal = DEAL_COLORS (0xff7b63, 0xffa348, 0x99c1f1, 0x8ff0a4, 0x5fd1d9, 0xdc8add, 0xcdab8f),
};

const KrPalette *
kr_palette_get (gboolean is_dark)
{
  return is_dark ? &dark : &light;
}

KrColor
kr_palette_deal_color (const KrPalette *palette, KrDealKind kind, KrDealStatus status)
{
  g_return_val_if_fail (palette != NULL, light.text);
  g_return_val_if_fail (kind < KR_N_DEAL_KINDS, palette->text);

  if (kr_status_is_failed (status))
    return palette->failed;
  return palette->deal[kr_deal_kind_family (kind)];
}

KrLineStyle
kr_status_line_style (KrDealStatus status)
{
  switch (status)
    {
    case KR_STATUS_RUMOURED:
      return KR_LINE_DOTTED;
    case KR_STATUS_EXPLORING:
    case KR_STATUS_PROPOSED:
    case KR_STATUS_IN_TALKS:
    case KR_STATUS_COLLAPSED:
    case KR_STATUS_DECLINED:
      return KR_LINE_DASHED;
    case KR_STATUS_PLANNED:
    case KR_STATUS_AGREED:
    case KR_STATUS_ACTIVE:
    case KR_STATUS_COMPLETED:
    case KR_STATUS_ENDED:
    case KR_STATUS_UNSPECIFIED:
    case KR_N_STATUSES:
    default:
      return KR_LINE_SOLID;
    }
}

double
kr_deal_line_width (KrDealStatus status, guint n_sources)
{
  double width = (status == KR_STATUS_EXPLORING || status == KR_STATUS_RUMOURED
                  || status == KR_STATUS_UNSPECIFIED)
                     ? 1.0
                     : 1.5;

  if (n_sources > 1)
    width += 0.75 * (MIN (n_sources, 5) - 1);
  return width;
}

const char *
kr_color_to_hex (KrColor c, char buf[8])
{
  g_snprintf (buf, 8, "#%02x%02x%02x", (int)(c.red * 255 + 0.5), (int)(c.green * 255 + 0.5),
              (int)(c.blue * 255 + 0.5));
  return buf;
}
