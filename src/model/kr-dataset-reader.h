/* kr-dataset-reader.h — the file formats Keiretsu reads datasets from
 *
 * One table lists them: a name for people, file-name suffixes, MIME types, and how each turns
 * bytes into records for the builder. Loading picks a reader by the file name's suffix (the
 * Keiretsu dataset when none claims it); the window derives its file filters and what it
 * accepts from the same table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

typedef struct _KrDatasetReader KrDatasetReader;

/* The readers, in the order a file dialog lists them; the first is the Keiretsu dataset. */
guint kr_dataset_reader_get_n (void);
const KrDatasetReader *kr_dataset_reader_get (guint index);

/* The reader whose suffix ends @file_name (a path, a URI or a base name; any case), or NULL. */
const KrDatasetReader *kr_dataset_reader_find (const char *file_name);

/* Its name for people, translated: "Keiretsu datasets (JSON)". */
const char *kr_dataset_reader_get_name (const KrDatasetReader *reader);
/* File-name suffixes without the dot ("json"), and MIME types: NULL-terminated. */
const char *const *kr_dataset_reader_get_suffixes (const KrDatasetReader *reader);
const char *const *kr_dataset_reader_get_mime_types (const KrDatasetReader *reader);

/* Reads @bytes with @reader into a dataset; NULL when there was any problem. @problems is set
 * to every problem found (KrProblem), none on success. */
KrDataset *kr_dataset_reader_read (const KrDatasetReader *reader, GBytes *bytes,
                                   GPtrArray **problems);
/* The same for the bytes of @file, which some formats read other files beside (CSV's table of
 * entities beside its table of deals, the columns the user chose for it). It takes @bytes and
 * lets them go once read, before the dataset is built from what was read: a large file and
 * its dataset are then not in memory together. */
KrDataset *kr_dataset_reader_read_file (const KrDatasetReader *reader, GFile *file, GBytes *bytes,
                                        GCancellable *cancellable, GPtrArray **problems);

/* Whether @reader reads a file as it comes, a piece at a time: then the file is best given to
 * kr_dataset_reader_read_stream(), and its bytes are never in memory together. */
gboolean kr_dataset_reader_reads_streams (const KrDatasetReader *reader);
/* Reads @stream (of @file, or of none), a seekable stream at its start, with a reader that
 * reads streams. */
KrDataset *kr_dataset_reader_read_stream (const KrDatasetReader *reader, GFile *file,
                                          GInputStream *stream, GCancellable *cancellable,
                                          GPtrArray **problems);

/* Whether @reader reads a dataset kept in two files given together (CSV's two tables). */
gboolean kr_dataset_reader_reads_pairs (const KrDatasetReader *reader);
/* The reader of @file and @other given together, or NULL, saying why
 * (KR_DATASET_ERROR_NOT_PAIRED), when no reader reads them as one dataset. */
const KrDatasetReader *kr_dataset_reader_find_pair (GFile *file, GFile *other, GError **error);
/* Reads @file and @other, given together, from @stream and @other_stream (seekable, at their
 * start) into one dataset, as _read_stream() reads one. */
KrDataset *kr_dataset_reader_read_pair (const KrDatasetReader *reader, GFile *file,
                                        GInputStream *stream, GFile *other,
                                        GInputStream *other_stream, GCancellable *cancellable,
                                        GPtrArray **problems);

G_END_DECLS
