/* kr-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-input"

#include "config.h"

#include "kr-input.h"
#include "kr-limits.h"

guint64
kr_input_get_size (KrInput *self)
{
  goffset here, end;

  g_return_val_if_fail (self != NULL && G_IS_INPUT_STREAM (self->stream), G_MAXUINT64);

  if (!G_IS_SEEKABLE (self->stream) || !g_seekable_can_seek (G_SEEKABLE (self->stream)))
    return G_MAXUINT64;
  here = g_seekable_tell (G_SEEKABLE (self->stream));
  if (!g_seekable_seek (G_SEEKABLE (self->stream), 0, G_SEEK_END, self->cancellable, NULL))
    return G_MAXUINT64;
  end = g_seekable_tell (G_SEEKABLE (self->stream));
  if (!g_seekable_seek (G_SEEKABLE (self->stream), here, G_SEEK_SET, self->cancellable, NULL))
    return G_MAXUINT64;
  return end >= here ? (guint64)(end - here) : 0;
}

static void
report_error (KrInput *self, GError *error)
{
  kr_dataset_builder_report (self->builder, NULL, "%s", error->message);
}

gssize
kr_input_read (KrInput *self, void *buffer, gsize size)
{
  g_autoptr (GError) error = NULL;
  gsize got = 0;

  g_return_val_if_fail (self != NULL && buffer != NULL, -1);

  if (!g_input_stream_read_all (self->stream, buffer, size, &got, self->cancellable, &error))
    {
      report_error (self, error);
      return -1;
    }
  self->done += got;
  /* A file measured within the limit may have grown since. */
  if (!kr_dataset_builder_check_size (self->builder, self->done))
    return -1;
  return (gssize)got;
}

gboolean
kr_input_rewind (KrInput *self)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (self != NULL && G_IS_SEEKABLE (self->stream), FALSE);

  if (!g_seekable_seek (G_SEEKABLE (self->stream), -(goffset)self->done, G_SEEK_CUR,
                        self->cancellable, &error))
    {
      report_error (self, error);
      return FALSE;
    }
  self->done = 0;
  return TRUE;
}
