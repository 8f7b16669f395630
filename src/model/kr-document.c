/* kr-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-document"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kr-article-text.h"
#include "kr-dataset-builder.h"
#include "kr-dataset-reader.h"
#include "kr-dataset-writer.h"
#include "kr-document.h"
#include "kr-file.h"
#include "kr-json-reader.h"

struct _KrDocument
{
  GObject parent_instance;

  KrEditor *editor;
  GFile *file;
  gboolean from_keiretsu; /* the file is a Keiretsu dataset, which Save may write */
  KrDataset *saved;       /* the version on disk; NULL when the disk holds another */
  char *disk_checksum;    /* of what was last read or written */
  gboolean modified;
};

G_DEFINE_FINAL_TYPE (KrDocument, kr_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (kr - document - error - quark, kr_document_error)

enum
{
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_modified (KrDocument *self)
{
  gboolean modified = kr_editor_get_dataset (self->editor) != self->saved;

  if (modified == self->modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
kr_document_dispose (GObject *object)
{
  KrDocument *self = KR_DOCUMENT (object);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  g_clear_object (&self->editor);
  g_clear_object (&self->file);
  g_clear_object (&self->saved);
  g_clear_pointer (&self->disk_checksum, g_free);
  G_OBJECT_CLASS (kr_document_parent_class)->dispose (object);
}

static void
kr_document_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrDocument *self = KR_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_document_class_init (KrDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kr_document_dispose;
  object_class->get_property = kr_document_get_property;

  properties[PROP_MODIFIED]
      = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kr_document_init (KrDocument *self)
{
  (void)self;
}

static gboolean
is_keiretsu_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  const KrDatasetReader *reader = name != NULL ? kr_dataset_reader_find (name) : NULL;

  /* A name no reader claims is read as a Keiretsu dataset too. */
  return reader == NULL || reader == kr_dataset_reader_get (0);
}

KrDocument *
kr_document_new (KrDataset *dataset, GFile *file, KrUndoStack *undo)
{
  KrDocument *self;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (KR_TYPE_DOCUMENT, NULL);
  self->editor = kr_editor_new (dataset, undo);
  self->saved = g_object_ref (dataset);
  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->from_keiretsu = file != NULL && is_keiretsu_name (file);
  g_signal_connect_swapped (self->editor, "notify::dataset", G_CALLBACK (update_modified), self);
  return self;
}

KrDocument *
kr_document_new_empty (KrUndoStack *undo)
{
  g_autoptr (KrDatasetBuilder) builder = kr_dataset_builder_new (kr_json_reader_format_place);
  g_autoptr (KrDataset) empty = NULL;

  kr_dataset_builder_get_dataset_record (builder)->title = _ ("Untitled Map");
  kr_dataset_builder_add_articles (builder, 0);
  kr_dataset_builder_add_entities (builder, 0);
  kr_dataset_builder_add_deals (builder, 0);
  empty = kr_dataset_builder_build (builder);
  g_assert (empty != NULL);
  return kr_document_new (empty, NULL, undo);
}

KrEditor *
kr_document_get_editor (KrDocument *self)
{
  g_return_val_if_fail (KR_IS_DOCUMENT (self), NULL);
  return self->editor;
}

KrDataset *
kr_document_get_dataset (KrDocument *self)
{
  g_return_val_if_fail (KR_IS_DOCUMENT (self), NULL);
  return kr_editor_get_dataset (self->editor);
}

GFile *
kr_document_get_file (KrDocument *self)
{
  g_return_val_if_fail (KR_IS_DOCUMENT (self), NULL);
  return self->file;
}

gboolean
kr_document_can_save (KrDocument *self)
{
  g_return_val_if_fail (KR_IS_DOCUMENT (self), FALSE);
  return self->file != NULL && self->from_keiretsu;
}

gboolean
kr_document_get_modified (KrDocument *self)
{
  g_return_val_if_fail (KR_IS_DOCUMENT (self), FALSE);
  return self->modified;
}

static char *
checksum (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Whether @bytes read back as a dataset: a graph file's deals may come without the evidence a
 * Keiretsu dataset needs, and what --check would reject is not written. */
static gboolean
reads_back (GBytes *bytes, GFile *file, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) read_error = NULL;
  g_autoptr (KrDataset) again
      = kr_dataset_new_from_file_bytes (file, bytes, &problems, &read_error);
  g_autofree char *why = NULL;

  if (again != NULL)
    return TRUE;
  if (problems != NULL && problems->len > 0)
    {
      const KrProblem *first = problems->pdata[0];
      const char *path = first->path != NULL ? first->path : "";

      why = g_strdup_printf ("%s: %s", g_str_has_prefix (path, "$.") ? path + 2 : path,
                             first->message);
    }
  else
    why = g_strdup (read_error->message);
  g_set_error (error, KR_DOCUMENT_ERROR, KR_DOCUMENT_ERROR_OTHER_FORMAT,
               _ ("This dataset cannot be written as a Keiretsu dataset (%s)"), why);
  return FALSE;
}

gboolean
kr_document_save (KrDocument *self, GFile *file, GError **error)
{
  KrDataset *dataset;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) from = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  if (file == NULL && !kr_document_can_save (self))
    {
      g_set_error_literal (error, KR_DOCUMENT_ERROR,
                           self->file == NULL ? KR_DOCUMENT_ERROR_NO_FILE
                                              : KR_DOCUMENT_ERROR_OTHER_FORMAT,
                           _ ("Save it as a Keiretsu dataset first"));
      return FALSE;
    }
  if (file == NULL)
    file = self->file;
  if (!is_keiretsu_name (file))
    {
      g_set_error_literal (error, KR_DOCUMENT_ERROR, KR_DOCUMENT_ERROR_OTHER_FORMAT,
                           _ ("A Keiretsu dataset is saved as a .json file"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Keiretsu saves only to files on this computer"));
      return FALSE;
    }
  dataset = kr_document_get_dataset (self);
  bytes = kr_dataset_writer_write (dataset);
  /* The texts go first, for the dataset to read back with them. */
  from = self->file != NULL ? g_file_get_parent (self->file) : NULL;
  if (!kr_dataset_place_texts (dataset, from, file, error) || !reads_back (bytes, file, error))
    return FALSE;
  if (!kr_file_replace (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;
  /* The autosave of the name it had is no longer needed, nor that of the new one. */
  kr_document_remove_autosave (self);
  if (self->file == NULL || !g_file_equal (file, self->file))
    {
      g_set_object (&self->file, file);
      kr_document_remove_autosave (self);
    }
  self->from_keiretsu = TRUE;
  g_set_object (&self->saved, dataset);
  g_free (self->disk_checksum);
  self->disk_checksum = checksum (bytes);
  update_modified (self);
  return TRUE;
}

gboolean
kr_document_is_on_disk (KrDocument *self, GBytes *bytes)
{
  g_autofree char *sum = NULL;

  g_return_val_if_fail (KR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (self->disk_checksum == NULL && self->file != NULL && self->saved != NULL)
    {
      /* Read lazily: most files are never watched changing. */
      g_autoptr (GBytes) now = kr_dataset_writer_write (self->saved);
      self->disk_checksum = checksum (now);
    }
  sum = checksum (bytes);
  return g_strcmp0 (sum, self->disk_checksum) == 0;
}

void
kr_document_set_disk_changed (KrDocument *self)
{
  g_return_if_fail (KR_IS_DOCUMENT (self));
  g_clear_object (&self->saved);
  g_clear_pointer (&self->disk_checksum, g_free);
  update_modified (self);
}

GFile *
kr_document_get_autosave_file (KrDocument *self)
{
  g_autoptr (GFile) parent = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hidden = NULL;

  g_return_val_if_fail (KR_IS_DOCUMENT (self), NULL);

  if (!kr_document_can_save (self) || (parent = g_file_get_parent (self->file)) == NULL)
    return NULL;
  name = g_file_get_basename (self->file);
  hidden = g_strdup_printf (".%s.autosave", name);
  return g_file_get_child (parent, hidden);
}

gboolean
kr_document_autosave (KrDocument *self, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (KR_IS_DOCUMENT (self), FALSE);

  file = kr_document_get_autosave_file (self);
  if (file == NULL || !self->modified || (path = g_file_get_path (file)) == NULL)
    return TRUE;
  return kr_dataset_writer_save (kr_document_get_dataset (self), path, error);
}

static guint64
modified_time (GFile *file)
{
  g_autoptr (GFileInfo) info = g_file_query_info (
      file, G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
      G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return 0;
  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
         + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

KrDataset *
kr_document_find_autosave (KrDocument *self, GError **error)
{
  g_autoptr (GFile) file = NULL;
  guint64 kept;

  g_return_val_if_fail (KR_IS_DOCUMENT (self), NULL);

  file = kr_document_get_autosave_file (self);
  if (file == NULL || (kept = modified_time (file)) == 0 || kept <= modified_time (self->file))
    return NULL;
  return kr_dataset_new_from_file (file, NULL, NULL, error);
}

void
kr_document_remove_autosave (KrDocument *self)
{
  g_autoptr (GFile) file = NULL;

  g_return_if_fail (KR_IS_DOCUMENT (self));

  file = kr_document_get_autosave_file (self);
  if (file != NULL)
    g_file_delete (file, NULL, NULL);
}
