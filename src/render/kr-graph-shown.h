/* kr-graph-shown.h — what a scene shows, as the files for other programs write it
 *
 * The graph writers (GraphML, GEXF, FollowTheMoney) write the entities that the scene shows,
 * and the deals between two or more of them, with only the parties shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-scene.h"

G_BEGIN_DECLS

/* Entities by their node, deals by their shown parties (two or more). */
typedef struct
{
  KrScene *scene;
  KrDataset *dataset;
  int *nodes;       /* per entity: its shown scene node, or -1 */
  GArray **parties; /* per deal: the indices into its parties of those shown */
} KrGraphShown;

void kr_graph_shown_init (KrGraphShown *shown, KrScene *scene);
void kr_graph_shown_clear (KrGraphShown *shown);

/* The shown parties of deal @d (indices into its parties; none when it is not written), in
 * the order a line draws them: one that acts first. */
GArray *kr_graph_shown_parties (KrGraphShown *shown, guint d);

/* Adds to @said the sentence saying that @format (its name) has no place for @things
 * (translated phrases, such as "who proposed a deal"), which were left out; nothing when there
 * are none. */
void kr_graph_shown_say_left_out (GPtrArray *said, const char *format, GPtrArray *things);

G_END_DECLS
