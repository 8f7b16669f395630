/* kr-dataset-reader.c — the table of dataset formats
 *
 * A new format is a reader that fills a KrDatasetBuilder (see kr-json-reader.c) and a row here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-csv-reader.h"
#include "kr-dataset-builder.h"
#include "kr-dataset-reader.h"
#include "kr-ftm-reader.h"
#include "kr-gexf-reader.h"
#include "kr-graphml-reader.h"
#include "kr-json-reader.h"
#include "kr-xml-reader.h"

struct _KrDatasetReader
{
  const char *name; /* untranslated */
  const char *const *suffixes;
  const char *const *mime_types;
  /* Hands the records in the bytes, which it takes, to the builder; FALSE when there is
   * nothing to build. */
  gboolean (*read) (KrDatasetBuilder *builder, GBytes *bytes);
  /* The same for the file's bytes, when the format reads other files beside it. */
  gboolean (*read_file) (KrDatasetBuilder *builder, GFile *file, GBytes *bytes,
                         GCancellable *cancellable);
  /* Or, for a format read as it comes, the records in the stream (of @file, when there is
   * one), which is never held whole: one of these, or the two above. */
  gboolean (*read_stream) (KrDatasetBuilder *builder, GFile *file, GInputStream *stream,
                           GCancellable *cancellable);
  /* The same for two files given together, when the format keeps a dataset in two. */
  gboolean (*read_pair) (KrDatasetBuilder *builder, GFile *file, GInputStream *stream, GFile *other,
                         GInputStream *other_stream, GCancellable *cancellable);
  KrPlaceFormatFunc format_place;
};

static const KrDatasetReader readers[] = {
  {
      .name = N_ ("Keiretsu datasets (JSON)"),
      .suffixes = (const char *const[]){ "json", NULL },
      .mime_types = (const char *const[]){ "application/json", NULL },
      .read = kr_json_reader_read,
      .read_file = kr_json_reader_read_file,
      .format_place = kr_json_reader_format_place,
  },
  {
      .name = N_ ("GraphML graphs"),
      .suffixes = (const char *const[]){ "graphml", NULL },
      .mime_types = (const char *const[]){ "application/graphml+xml", NULL },
      .read_stream = kr_graphml_reader_read,
      .format_place = kr_xml_reader_format_place,
  },
  {
      .name = N_ ("GEXF graphs (Gephi)"),
      .suffixes = (const char *const[]){ "gexf", NULL },
      .mime_types = (const char *const[]){ "application/gexf+xml", NULL },
      .read_stream = kr_gexf_reader_read,
      .format_place = kr_xml_reader_format_place,
  },
  {
      .name = N_ ("Spreadsheets (CSV)"),
      .suffixes = (const char *const[]){ "csv", NULL },
      .mime_types = (const char *const[]){ "text/csv", NULL },
      .read_stream = kr_csv_reader_read,
      .read_pair = kr_csv_reader_read_pair,
      .format_place = kr_csv_reader_format_place,
  },
  {
      .name = N_ ("FollowTheMoney entities"),
      .suffixes = (const char *const[]){ "ftm.json", "ijson", "jsonl", NULL },
      .mime_types = (const char *const[]){ "application/x-ndjson", "application/jsonl", NULL },
      .read_stream = kr_ftm_reader_read,
      .format_place = kr_ftm_reader_format_place,
  },
};

guint
kr_dataset_reader_get_n (void)
{
  return G_N_ELEMENTS (readers);
}

const KrDatasetReader *
kr_dataset_reader_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (readers), NULL);
  return &readers[index];
}

const KrDatasetReader *
kr_dataset_reader_find (const char *file_name)
{
  const KrDatasetReader *found = NULL;
  gsize len, longest = 0;

  g_return_val_if_fail (file_name != NULL, NULL);

  /* The longest suffix wins: "x.ftm.json" is FollowTheMoney's, not a Keiretsu dataset. */
  len = strlen (file_name);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    for (const char *const *s = readers[i].suffixes; *s != NULL; s++)
      {
        gsize n = strlen (*s);

        if (len > n && n > longest && file_name[len - n - 1] == '.'
            && g_ascii_strcasecmp (file_name + len - n, *s) == 0)
          {
            found = &readers[i];
            longest = n;
          }
      }
  return found;
}

const char *
kr_dataset_reader_get_name (const KrDatasetReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return _ (reader->name);
}

const char *const *
kr_dataset_reader_get_suffixes (const KrDatasetReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->suffixes;
}

const char *const *
kr_dataset_reader_get_mime_types (const KrDatasetReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->mime_types;
}

gboolean
kr_dataset_reader_reads_streams (const KrDatasetReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->read_stream != NULL;
}

KrDataset *
kr_dataset_reader_read (const KrDatasetReader *reader, GBytes *bytes, GPtrArray **problems)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  return kr_dataset_reader_read_file (reader, NULL, g_bytes_ref (bytes), NULL, problems);
}

static KrDataset *
build (KrDatasetBuilder *builder, gboolean read, GPtrArray **problems)
{
  KrDataset *dataset;

  /* Readers keep their records' strings in the builder. */
  kr_dataset_builder_give_strings (builder);
  dataset = read ? kr_dataset_builder_build (builder) : NULL;

  *problems = g_ptr_array_ref (kr_dataset_builder_get_problems (builder));
  return dataset;
}

KrDataset *
kr_dataset_reader_read_file (const KrDatasetReader *reader, GFile *file, GBytes *bytes,
                             GCancellable *cancellable, GPtrArray **problems)
{
  g_autoptr (KrDatasetBuilder) builder = NULL;
  gboolean read;

  g_return_val_if_fail (reader != NULL && bytes != NULL && problems != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (reader->read_stream != NULL)
    {
      g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

      g_bytes_unref (bytes);
      return kr_dataset_reader_read_stream (reader, file, stream, cancellable, problems);
    }
  builder = kr_dataset_builder_new (reader->format_place);
  if (file != NULL && reader->read_file != NULL)
    read = reader->read_file (builder, file, bytes, cancellable);
  else
    read = reader->read (builder, bytes);
  return build (builder, read, problems);
}

KrDataset *
kr_dataset_reader_read_stream (const KrDatasetReader *reader, GFile *file, GInputStream *stream,
                               GCancellable *cancellable, GPtrArray **problems)
{
  g_autoptr (KrDatasetBuilder) builder = NULL;
  gboolean read;

  g_return_val_if_fail (reader != NULL && reader->read_stream != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream) && problems != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  builder = kr_dataset_builder_new (reader->format_place);
  read = reader->read_stream (builder, file, stream, cancellable);
  return build (builder, read, problems);
}

gboolean
kr_dataset_reader_reads_pairs (const KrDatasetReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->read_pair != NULL;
}

const KrDatasetReader *
kr_dataset_reader_find_pair (GFile *file, GFile *other, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *other_name = NULL;
  const KrDatasetReader *reader;

  g_return_val_if_fail (G_IS_FILE (file) && G_IS_FILE (other), NULL);

  name = g_file_get_basename (file);
  other_name = g_file_get_basename (other);
  reader = name ? kr_dataset_reader_find (name) : NULL;
  if (reader == NULL || !kr_dataset_reader_reads_pairs (reader) || other_name == NULL
      || kr_dataset_reader_find (other_name) != reader)
    {
      g_autofree char *shown = g_filename_display_name (name ? name : "");
      g_autofree char *other_shown = g_filename_display_name (other_name ? other_name : "");

      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_NOT_PAIRED,
                   _ ("“%s” and “%s” do not open together: only two spreadsheets (CSV) do, a "
                      "table of deals and a table of entities"),
                   shown, other_shown);
      return NULL;
    }
  return reader;
}

KrDataset *
kr_dataset_reader_read_pair (const KrDatasetReader *reader, GFile *file, GInputStream *stream,
                             GFile *other, GInputStream *other_stream, GCancellable *cancellable,
                             GPtrArray **problems)
{
  g_autoptr (KrDatasetBuilder) builder = NULL;
  gboolean read;

  g_return_val_if_fail (reader != NULL && reader->read_pair != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file) && G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (G_IS_FILE (other) && G_IS_INPUT_STREAM (other_stream), NULL);
  g_return_val_if_fail (problems != NULL, NULL);

  builder = kr_dataset_builder_new (reader->format_place);
  read = reader->read_pair (builder, file, stream, other, other_stream, cancellable);
  return build (builder, read, problems);
}
