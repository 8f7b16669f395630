/* kr-csv-reader.h — spreadsheets (CSV) read into the builder
 *
 * A deals table has a row per deal, with its parties in a source and a target column (or a
 * "|"-separated list of parties); an entities table has a row per entity. Either comes alone
 * (a deals table names its entities by their ends; an entities table is a map without links),
 * or both side by side: "NAME.csv" for the deals and "NAME.entities.csv" for the entities,
 * either of which opens both. Two tables given together open as one dataset whatever their
 * names: their headers say which holds the deals (a source and a target, or parties), and two
 * tables of deals, or of entities, are refused, naming both. The cells go through the graph
 * import (kr-graph-import.h), so what a spreadsheet does not say gets the same honest defaults
 * as a graph's.
 *
 * Files are UTF-8 with or without a byte order mark, with commas, semicolons or tabs between
 * cells (whichever the header row has most of) and quotes around cells that hold them or
 * line breaks. Problems are placed at ROW:COLUMN, the header being row 1; one in the other
 * table than the file opened (or given first) is placed at "NAME.entities.csv:ROW:COLUMN".
 *
 * What each column is comes from its header (kr-csv-mapping.h) unless the user chose: the
 * choice is kept in the views file beside the file opened, or beside the table of deals of two
 * given together (kr-views-file.h), as member "csv-columns", and used for as long as the
 * headers stay the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-csv-mapping.h"
#include "kr-dataset-builder.h"

G_BEGIN_DECLS

/* The views file's member that keeps the columns chosen, by the tables' base names. */
#define KR_CSV_VIEWS_MEMBER "csv-columns"
/* More columns than any table of deals or entities needs. */
#define KR_CSV_MAX_COLUMNS 256

/* Reads the tables @file opens, the first from @stream, with the columns kept for them; with
 * no @file, the one table in @stream, its columns guessed from its headers. The tables are
 * read a chunk at a time, never held whole. */
gboolean kr_csv_reader_read (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                             GCancellable *cancellable);
/* Reads the tables @file and @other, given together, from @stream and @other_stream, as one
 * dataset; their header rows, read first, say which is which, and the streams (seekable, at
 * their start) are then read again from the start, a chunk at a time. */
gboolean kr_csv_reader_read_pair (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                                  GFile *other, GInputStream *other_stream,
                                  GCancellable *cancellable);

void kr_csv_reader_format_place (GString *out, const KrPlace *place, gboolean in_text);

/* The file of entities that goes with the file of deals @file, and the other way round. */
GFile *kr_csv_reader_get_sibling (GFile *file);

/* The first rows of a table, as the window shows them before loading. */
typedef struct
{
  GFile *file;
  char **headers; /* n_columns */
  guint n_columns;
  GPtrArray *rows;       /* char ** of n_columns cells each, the header row not among them */
  KrCsvMapping *mapping; /* the columns kept for it, or else guessed */
} KrCsvTableHead;

void kr_csv_table_head_free (KrCsvTableHead *self);

/* The tables that @file opens (itself, then its sibling when there is one), with at most
 * @max_rows rows each. NULL when one cannot be read, saying why. */
GPtrArray *kr_csv_reader_read_heads (GFile *file, guint max_rows, GCancellable *cancellable,
                                     GError **error);

/* The tables @file and @other, given together: the table of deals first. NULL when one cannot
 * be read, or when both are of deals or both of entities, saying why
 * (KR_DATASET_ERROR_NOT_PAIRED). */
GPtrArray *kr_csv_reader_read_pair_heads (GFile *file, GFile *other, guint max_rows,
                                          GCancellable *cancellable, GError **error);

/* Keeps the mappings of @heads (as _read_heads gave them, then changed) in the views file
 * beside @file, for every later reading of it; @file is the first head's. */
gboolean kr_csv_reader_keep_mappings (GFile *file, GPtrArray *heads, GCancellable *cancellable,
                                      GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrCsvTableHead, kr_csv_table_head_free)

G_END_DECLS
