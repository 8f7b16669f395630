/* kr-arrangement.h — where a person placed entities on the map, and how to undo it
 *
 * A moved entity is pinned: it keeps its place, in scene coordinates (points, y down), in the
 * layouts of that map to come. Pins are kept per layout, under a key that names the engine and,
 * for dot, the direction ("dot LR", "neato"): a place on one layout means nothing on another.
 * Pins are kept by entity id, also for ids the dataset no longer has, which a later version of
 * it may have again.
 *
 * Moving, unpinning and resetting make commands (kr-command.h) for the undo stack. Each change
 * emits ::changed; in the views file the pins are the member "positions".
 *
 * It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kr-command.h"
#include "kr-dataset.h"

G_BEGIN_DECLS

#define KR_ARRANGEMENT_MEMBER "positions"

typedef struct
{
  double x, y;
} KrPin;

/* One entity moved: from where it was to where it was put. When it was pinned, it was at its
 * pin, whatever @from says. */
typedef struct
{
  const char *id;
  KrPin from, to;
} KrMove;

#define KR_TYPE_ARRANGEMENT (kr_arrangement_get_type ())
G_DECLARE_FINAL_TYPE (KrArrangement, kr_arrangement, KR, ARRANGEMENT, GObject)

KrArrangement *kr_arrangement_new (void);

/* The pins of the layout @key: entity id → KrPin, or NULL when there are none; owned by
 * @self, valid until it changes. */
GHashTable *kr_arrangement_get_pins (KrArrangement *self, const char *key);
gboolean kr_arrangement_lookup (KrArrangement *self, const char *key, const char *id, KrPin *pin);
/* Whether any layout has a pin. */
gboolean kr_arrangement_is_empty (KrArrangement *self);

/* Pins @n entities where @moves put them, and returns the command that undoes it. */
KrCommand *kr_arrangement_move (KrArrangement *self, const char *key, const KrMove *moves, guint n);
/* Releases the pin of @id, which stays where it is until the map is laid out again; NULL
 * when it had none. */
KrCommand *kr_arrangement_unpin (KrArrangement *self, const char *key, const char *id);
/* Releases every pin of every layout; NULL when there were none. */
KrCommand *kr_arrangement_reset (KrArrangement *self);

/* Pins, in layout @key, every entity of @dataset where the file it came from drew it
 * (KrEntity.has_position: GEXF's viz:position), so that a map drawn elsewhere opens as it was
 * drawn: y turned down, and a drawing too tight for the map's labels (networkx draws in a unit
 * square) spread out evenly. Returns how many were pinned. */
guint kr_arrangement_pin_drawn (KrArrangement *self, const char *key, KrDataset *dataset);

/* Takes the member "positions" of a views file (NULL for none); one that is not as expected
 * leaves @self empty and says where, prefixed with @name. */
gboolean kr_arrangement_load (KrArrangement *self, JsonNode *member, const char *name,
                              GError **error);
/* The member "positions", or NULL when there are no pins. */
JsonNode *kr_arrangement_to_member (KrArrangement *self);

G_END_DECLS
