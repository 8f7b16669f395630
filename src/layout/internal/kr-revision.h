/* kr-revision.h — an edit's map made from the map before
 *
 * An edit changes a few records of a map. Laid out again whole, the map would take as long as
 * its first layout, and move. Instead every node the map before shows keeps its place (a
 * renamed entity its centre, at its new size, unless it would then cover a neighbour: then it
 * goes to the nearest free place, its lines laid out again), what is new is put beside what it
 * deals with, covering nothing, and only the lines that touch a change are laid out again: by
 * Graphviz with every node held where it is (neato -n2), as around entities moved by hand, or
 * straight, without Graphviz, on a map whose lines are all straight (KR_GRAPH_MAX_SPLINE_NODES).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-layout-input.h"
#include "kr-layout-output.h"

G_BEGIN_DECLS

typedef struct _KrRevision KrRevision;

/* @input, made from @dataset with @options, laid out from @options->seed, a map of another
 * version of @dataset. NULL when the seed was laid out with another engine, direction or
 * labels, or when the edit changed too much of it: then the whole map is laid out again. */
KrRevision *kr_revision_new (const KrLayoutInput *input, KrDataset *dataset,
                             const KrLayoutOptions *options);
/* The lines Graphviz lays out again, every node held where it goes; NULL when it has none to.
 * It borrows the link labels' texts of the input. */
const KrLayoutInput *kr_revision_get_route (const KrRevision *self);
/* The layout of the input: @routed, Graphviz's layout of the route (NULL without one), gives
 * the lines laid out again and the outlines of what changed. Call once. */
KrLayoutOutput *kr_revision_finish (KrRevision *self, KrLayoutOutput *routed);
void kr_revision_free (KrRevision *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrRevision, kr_revision_free)

G_END_DECLS
