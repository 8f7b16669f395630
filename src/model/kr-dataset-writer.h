/* kr-dataset-writer.h — a dataset as Keiretsu JSON, the same text every time
 *
 * Members come in the order docs/dataset-format.md lists them, each on its own line, indented
 * by two spaces per level, with what is absent or the default (a "supports" stance, an
 * inferred date that is not) left out. A file written here, read and written again, is the
 * same byte for byte, and an edit changes only the lines of what it changed: it diffs well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* The text of @dataset, ending with a line break. What the Keiretsu format has no place for
 * (where a graph file drew an entity) is left out. */
GBytes *kr_dataset_writer_write (KrDataset *dataset);

/* Writes @dataset to @path whole or not at all (kr_file_replace()). */
gboolean kr_dataset_writer_save (KrDataset *dataset, const char *path, GError **error);

G_END_DECLS
