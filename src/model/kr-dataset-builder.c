/* kr-dataset-builder.c — records in, problems and a dataset out
 *
 * The builder never stops at the first problem: it checks every record, reports each problem
 * at the place the reader gave, and only builds the dataset when there were none. This file
 * holds the records, the notes and the problems; kr-dataset-builder-records.c the checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset-builder"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "kr-dataset-builder-private.h"
#include "kr-json-strict.h"

#define MAX_PROBLEMS 500

typedef struct
{
  gpointer data;
  GDestroyNotify free_func;
} Kept;

static void
kept_free (Kept *kept)
{
  kept->free_func (kept->data);
  g_free (kept);
}

KrDatasetBuilder *
kr_dataset_builder_new (KrPlaceFormatFunc format_place)
{
  KrDatasetBuilder *self = g_new0 (KrDatasetBuilder, 1);

  g_return_val_if_fail (format_place != NULL, NULL);

  self->format_place = format_place;
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    self->records[t] = g_ptr_array_new ();
  self->arena = kr_arena_new ();
  /* A string that does not fit in the block being filled starts another and leaves the rest
   * of that one unused: with blocks of 1 KiB, a sixth of a text-heavy dataset's strings. */
  self->texts = g_string_chunk_new (64 * 1024);
  self->kept = g_ptr_array_new_with_free_func ((GDestroyNotify)kept_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)kr_problem_free);
  self->left_out = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kr_dataset_builder_free (KrDatasetBuilder *self)
{
  if (self == NULL)
    return;
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    {
      g_ptr_array_unref (self->records[t]);
      g_clear_pointer (&self->others[t], kr_ids_unref);
      g_clear_pointer (&self->added_at[t], g_hash_table_unref);
    }
  kr_arena_free (self->arena);
  g_clear_pointer (&self->texts, g_string_chunk_free);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->left_out);
  g_clear_object (&self->folder);
  g_free (self);
}

void
kr_dataset_builder_keep (KrDatasetBuilder *self, gpointer data, GDestroyNotify free_func)
{
  Kept *kept = g_new (Kept, 1);

  g_return_if_fail (self != NULL && free_func != NULL);

  kept->data = data;
  kept->free_func = free_func;
  g_ptr_array_add (self->kept, kept);
}

const char *
kr_dataset_builder_copy_text (KrDatasetBuilder *self, const char *text)
{
  g_return_val_if_fail (self != NULL, NULL);
  return text ? g_string_chunk_insert (self->texts, text) : NULL;
}

gpointer
kr_dataset_builder_alloc (KrDatasetBuilder *self, gsize n, gsize size)
{
  g_return_val_if_fail (self != NULL, NULL);

  /* Records come by the hundred thousand: small ones are carved out of shared blocks. */
  return kr_arena_alloc (self->arena, n, size);
}

void
kr_place_append_fields (GString *out, const KrPlace *place, const KrPlace *record)
{
  if (place == NULL || place == record)
    return;
  kr_place_append_fields (out, place->up, record);
  g_string_append (out, place->up == record ? ": " : ".");
  if (place->key != NULL)
    {
      g_autofree char *key = kr_problem_quote (place->key);
      g_string_append (out, key);
    }
  if (place->indexed)
    g_string_append_printf (out, "[%u]", place->index);
}

void
kr_dataset_builder_set_evidence_optional (KrDatasetBuilder *self, gboolean optional)
{
  g_return_if_fail (self != NULL);
  self->evidence_optional = optional;
}

void
kr_dataset_builder_set_folder (KrDatasetBuilder *self, GFile *folder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));
  g_set_object (&self->folder, folder);
}

GFile *
kr_dataset_builder_get_folder (KrDatasetBuilder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->folder;
}

void
kr_dataset_builder_set_others (KrDatasetBuilder *self, KrIds *const others[3], guint n_others)
{
  g_return_if_fail (self != NULL && others != NULL);
  g_return_if_fail (self->n_records == 0);

  for (guint t = 0; t < N_RECORD_TYPES; t++)
    {
      self->others[t] = kr_ids_ref (others[t]);
      self->added_at[t] = g_hash_table_new (NULL, NULL);
    }
  self->n_records = n_others;
}

KrDatasetRecord *
kr_dataset_builder_get_dataset_record (KrDatasetBuilder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->dataset_record;
}

static gpointer
add_records (KrDatasetBuilder *self, RecordType type, guint n, gsize size)
{
  guchar *records;

  self->listed[type] = TRUE;
  self->n_records += n;
  if (n == 0 || self->n_records > kr_limits_get ()->max_records)
    return NULL;
  records = kr_dataset_builder_alloc (self, n, size);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->records[type], records + i * size);
  return records;
}

KrArticleRecord *
kr_dataset_builder_add_articles (KrDatasetBuilder *self, guint n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return add_records (self, REC_ARTICLE, n, sizeof (KrArticleRecord));
}

KrEntityRecord *
kr_dataset_builder_add_entities (KrDatasetBuilder *self, guint n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return add_records (self, REC_ENTITY, n, sizeof (KrEntityRecord));
}

KrDealRecord *
kr_dataset_builder_add_deals (KrDatasetBuilder *self, guint n)
{
  g_return_val_if_fail (self != NULL, NULL);
  return add_records (self, REC_DEAL, n, sizeof (KrDealRecord));
}

static void add_note (KrDatasetBuilder *self, KrRecordHead *head, NoteKind kind, const char *field,
                      guint index, const char *format, va_list args) G_GNUC_PRINTF (6, 0);

static void
add_note (KrDatasetBuilder *self, KrRecordHead *head, NoteKind kind, const char *field, guint index,
          const char *format, va_list args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  KrNote *note = kr_dataset_builder_new0 (self, KrNote, 1);
  KrNote **last = &head->notes;

  note->kind = kind;
  note->field = field ? g_string_chunk_insert (self->texts, field) : NULL;
  note->index = index;
  note->message = g_string_chunk_insert (self->texts, message);
  while (*last != NULL)
    last = &(*last)->next;
  *last = note;
}

void
kr_dataset_builder_note_record (KrDatasetBuilder *self, KrRecordHead *head, const char *member,
                                const char *format, ...)
{
  va_list args;

  g_return_if_fail (self != NULL && head != NULL);
  va_start (args, format);
  add_note (self, head, NOTE_RECORD, member, 0, format, args);
  va_end (args);
}

void
kr_dataset_builder_note_field (KrDatasetBuilder *self, KrRecordHead *head, const char *field,
                               const char *format, ...)
{
  va_list args;

  g_return_if_fail (self != NULL && head != NULL && field != NULL);
  va_start (args, format);
  add_note (self, head, NOTE_FIELD, field, 0, format, args);
  va_end (args);
}

void
kr_dataset_builder_note_element (KrDatasetBuilder *self, KrRecordHead *head, const char *field,
                                 guint index, const char *format, ...)
{
  va_list args;

  g_return_if_fail (self != NULL && head != NULL && field != NULL);
  va_start (args, format);
  add_note (self, head, NOTE_ELEMENT, field, index, format, args);
  va_end (args);
}

/* ---- problems ------------------------------------------------------------------------ */

static void
add_problem (KrDatasetBuilder *self, const KrPlace *place, const char *field, const char *message)
{
  const KrPlace link = { .up = place, .key = field };
  g_autoptr (GString) where = g_string_new (NULL);

  if (self->problems->len >= MAX_PROBLEMS)
    {
      if (!self->gave_up)
        {
          self->format_place (where, &self->dataset_record.head.place, FALSE);
          g_ptr_array_add (
              self->problems,
              kr_problem_new_at_path (where->str, _ ("too many problems; stopped looking")));
          self->gave_up = TRUE;
        }
      return;
    }
  self->format_place (where, field != NULL ? &link : place, FALSE);
  g_ptr_array_add (self->problems, kr_problem_new_at_path (where->str, message));
}

void
kr_builder_report (KrDatasetBuilder *self, const KrPlace *place, const char *field,
                   const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->problems->len >= MAX_PROBLEMS && self->gave_up)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (self, place, field, message);
}

void
kr_dataset_builder_report (KrDatasetBuilder *self, const KrPlace *place, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (self != NULL);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (self, place, NULL, message);
}

void
kr_dataset_builder_report_position (KrDatasetBuilder *self, int line, int column,
                                    const char *message)
{
  g_return_if_fail (self != NULL);
  g_ptr_array_add (self->problems, kr_problem_new_at_position (line, column, message));
}

gboolean
kr_dataset_builder_check_size (KrDatasetBuilder *self, gsize size)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  if (size <= kr_limits_get ()->max_file_size)
    return TRUE;
  message = kr_limits_describe_file_size (size);
  kr_dataset_builder_report_position (self, 0, 0, message);
  return FALSE;
}

gboolean
kr_dataset_builder_check_utf8 (KrDatasetBuilder *self, const char *data, gsize size)
{
  const char *end = NULL;
  int line, column;

  g_return_val_if_fail (self != NULL, FALSE);
  if (kr_utf8_validate (data, size, &end))
    return TRUE;
  kr_json_position (data, (gsize)(end - data), &line, &column);
  if (*end == '\0')
    kr_dataset_builder_report_position (
        self, line, column, _ ("the file contains a NUL byte; datasets are UTF-8 text"));
  else
    kr_dataset_builder_report_position (self, line, column, _ ("the file is not valid UTF-8 text"));
  return FALSE;
}

GPtrArray *
kr_dataset_builder_get_problems (KrDatasetBuilder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->problems;
}

/* ---- notes --------------------------------------------------------------------------- */

gboolean
kr_builder_begin_record (KrDatasetBuilder *self, const KrRecordHead *head)
{
  gboolean readable = TRUE;

  for (const KrNote *n = head->notes; n != NULL; n = n->next)
    if (n->kind == NOTE_RECORD)
      {
        add_problem (self, &head->place, n->field, n->message);
        readable &= n->field != NULL;
      }
  return readable;
}

gboolean
kr_builder_is_readable (const KrRecordHead *head)
{
  for (const KrNote *n = head->notes; n != NULL; n = n->next)
    if (n->kind == NOTE_RECORD && n->field == NULL)
      return FALSE;
  return TRUE;
}

static const KrNote *
find_note (const KrRecordHead *head, NoteKind kind, const char *field, guint index)
{
  for (const KrNote *n = head->notes; n != NULL; n = n->next)
    if (n->kind == kind && g_str_equal (n->field, field)
        && (kind != NOTE_ELEMENT || n->index == index))
      return n;
  return NULL;
}

gboolean
kr_builder_noted (KrDatasetBuilder *self, const KrRecordHead *head, const char *field)
{
  const KrNote *note = head->notes ? find_note (head, NOTE_FIELD, field, 0) : NULL;

  if (note != NULL)
    add_problem (self, &head->place, field, note->message);
  return note != NULL;
}

gboolean
kr_builder_noted_element (KrDatasetBuilder *self, const KrRecordHead *head, const char *field,
                          guint index, const KrPlace *place)
{
  const KrNote *note = head->notes ? find_note (head, NOTE_ELEMENT, field, index) : NULL;

  if (note != NULL)
    add_problem (self, place, NULL, note->message);
  return note != NULL;
}

gboolean
kr_builder_given (const KrRecordHead *head, const char *field, gboolean has_value)
{
  return has_value || (head->notes != NULL && find_note (head, NOTE_FIELD, field, 0) != NULL);
}

void
kr_dataset_builder_leave_out (KrDatasetBuilder *self, const char *format, ...)
{
  va_list args;

  g_return_if_fail (self != NULL && format != NULL);
  va_start (args, format);
  g_ptr_array_add (self->left_out, g_strdup_vprintf (format, args));
  va_end (args);
}

void
kr_dataset_builder_give_strings (KrDatasetBuilder *self)
{
  g_return_if_fail (self != NULL);
  self->give_strings = TRUE;
}

KrDataset *
kr_dataset_builder_build (KrDatasetBuilder *self)
{
  g_autoptr (KrDataset) ds = NULL;
  gboolean ok;

  g_return_val_if_fail (self != NULL, NULL);

  ds = g_object_new (KR_TYPE_DATASET, NULL);
  self->dataset = ds;
  for (guint t = 0; t < N_RECORD_TYPES; t++)
    self->ids[t] = ds->ids[t]->table;
  ok = kr_builder_build (self);
  ds->left_out = g_new0 (char *, self->left_out->len + 1);
  for (guint i = 0; i < self->left_out->len; i++)
    ds->left_out[i] = g_strdup (self->left_out->pdata[i]);
  self->dataset = NULL;
  memset (self->ids, 0, sizeof self->ids);
  if (!ok)
    return NULL;
  kr_dataset_block_lists (ds);
  /* The strings stay where the reader put them: a large file's are then not in memory twice
   * while the dataset is made. */
  if (self->give_strings)
    {
      kr_dataset_builder_keep (self, g_steal_pointer (&self->texts),
                               (GDestroyNotify)g_string_chunk_free);
      ds->kept = g_steal_pointer (&self->kept);
    }
  return g_steal_pointer (&ds);
}
