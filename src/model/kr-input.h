/* kr-input.h — a dataset file read a piece at a time
 *
 * The formats that can be read as they come (spreadsheets, XML graphs, FtM's lines) never hold
 * the whole file: they take it in pieces from a stream, and what the pieces become is all that
 * stays. The stream is held to the file size limit even when the file grows while it is read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset-builder.h"

G_BEGIN_DECLS

/* What a reader takes at a time. */
#define KR_INPUT_CHUNK_SIZE (64 * 1024)

typedef struct
{
  KrDatasetBuilder *builder;
  GInputStream *stream;
  GCancellable *cancellable;
  guint64 done; /* bytes read so far */
} KrInput;

/* The parameters are not named as the members: the designators would be replaced too. */
#define KR_INPUT_INIT(b, s, c) ((KrInput){ .builder = (b), .stream = (s), .cancellable = (c) })

/* The size of what is left of the stream, when it can be known without reading it: a file's,
 * or bytes' in memory; G_MAXUINT64 otherwise. */
guint64 kr_input_get_size (KrInput *self);

/* Reads up to @size bytes into @buffer, fewer only at the end of the stream (0 there); -1 when
 * the stream cannot be read or has grown past the file size limit, which is reported. */
gssize kr_input_read (KrInput *self, void *buffer, gsize size);

/* Reads the stream again from where it started, for a check that goes over the whole file
 * before anything is made of it; the stream must be seekable (files and bytes in memory are).
 * FALSE when it cannot be, which is reported. */
gboolean kr_input_rewind (KrInput *self);

G_END_DECLS
