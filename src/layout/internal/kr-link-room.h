/* kr-link-room.h — link labels kept off the entities, whatever Graphviz did with them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-layout-input.h"
#include "kr-layout-output.h"

G_BEGIN_DECLS

/* Moves each link label of @output that lies over an entity to the nearest place beside its
 * hub or the middle of its line where it covers no entity and no other label, inside the
 * scene; one that finds no such place is left out, as Graphviz leaves out those it finds no
 * room for. */
void kr_link_room_clear (const KrLayoutInput *input, KrLayoutOutput *output);

G_END_DECLS
