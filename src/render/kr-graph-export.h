/* kr-graph-export.h — what a scene shows, as a GraphML, GEXF or FollowTheMoney graph or CSV
 * tables for others
 *
 * Entities are nodes, with their name, kind, country, description and aliases; deals are
 * edges from the party that acts to the one acted upon, with their kind, status, summary,
 * dates, money, stake, note and every party's role, in attributes named as the graph import
 * reads them back. GEXF also places each node where the map draws it (viz:position, y up,
 * with the colour of its kind and its size) and gives the deals' dates to Gephi's timeline.
 * Neither format has a place for the excerpts, and CSV room for one per deal: what is left
 * out is said by kr_graph_export_left_out(). FollowTheMoney is written by kr-ftm-export.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-export.h"

G_BEGIN_DECLS

/* The file's text; @format is KR_EXPORT_GRAPHML, KR_EXPORT_GEXF, KR_EXPORT_FTM or
 * KR_EXPORT_CSV (the table of deals). */
char *kr_graph_export_write (KrScene *scene, KrExportFormat format);

/* CSV puts the entities in a table of their own, which goes in the file that the CSV reader
 * opens with the deals' (kr_csv_reader_get_sibling(): "x.csv" has "x.entities.csv"). A cell
 * that a spreadsheet would run as a formula starts with an apostrophe. */
char *kr_graph_export_write_entities (KrScene *scene);
/* Whether writing the entities may replace @file: there is none, or it is a table of
 * entities as Keiretsu writes them (its header row says so). Nothing else is ever replaced by
 * a file the user did not name. */
gboolean kr_graph_export_may_replace_entities (GFile *file);

/* What a file of @format leaves out of what @scene shows, in sentences for people; NULL when
 * nothing (or when @format is not a graph format). */
char *kr_graph_export_left_out (KrScene *scene, KrExportFormat format);

G_END_DECLS
