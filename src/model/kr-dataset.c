/* kr-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-dataset"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "kr-dataset-private.h"
#include "kr-dataset-reader.h"

G_DEFINE_QUARK (kr - dataset - error - quark, kr_dataset_error)

G_DEFINE_FINAL_TYPE (KrDataset, kr_dataset, G_TYPE_OBJECT)

static void
kr_dataset_finalize (GObject *object)
{
  KrDataset *self = KR_DATASET (object);

  for (guint i = 0; self->shares == NULL && i < self->n_entities; i++)
    {
      g_free (self->entities[i].aliases);
      g_free (self->entities[i].names);
      g_free (self->entities[i].evidence);
    }
  for (guint i = 0; self->shares == NULL && i < self->n_deals; i++)
    {
      g_free (self->deals[i].parties);
      g_free (self->deals[i].proposed_by);
      g_free (self->deals[i].evidence);
    }
  g_strfreev (self->left_out);
  for (guint i = 0; self->quote_texts != NULL && i < self->n_articles; i++)
    g_free (self->quote_texts[i]);
  g_free (self->quote_texts);
  /* A version's blocks are kept by the versions that list the same records, or are those of
   * the dataset read. */
  g_free (self->articles);
  g_free (self->entities);
  g_free (self->deals);
  for (guint t = 0; t < KR_DATASET_N_LISTS; t++)
    {
      KrDatasetBlocks *blocks = &self->blocks[t];

      for (guint b = 0; blocks->kept != NULL && b < blocks->n_blocks; b++)
        g_clear_pointer (&blocks->kept[b], g_bytes_unref);
      g_free (blocks->kept);
      g_free (blocks->blocks);
      g_free (blocks->first);
      g_free (blocks->guide);
    }
  for (guint t = 0; t < KR_DATASET_N_LISTS; t++)
    g_clear_pointer (&self->ids[t], kr_ids_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_clear_pointer (&self->shares, g_ptr_array_unref);
  g_clear_pointer (&self->allocations, kr_arena_free);

  G_OBJECT_CLASS (kr_dataset_parent_class)->finalize (object);
}

static void
kr_dataset_class_init (KrDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kr_dataset_finalize;
}

static void
kr_dataset_init (KrDataset *self)
{
  self->strings = g_string_chunk_new (4096);
  for (guint t = 0; t < KR_DATASET_N_LISTS; t++)
    self->ids[t] = kr_ids_new (NULL);
}

void
kr_dataset_blocks_guide (KrDatasetBlocks *blocks)
{
  guint n = blocks->first[blocks->n_blocks];
  guint n_guide = (n + KR_DATASET_BLOCK - 1) / KR_DATASET_BLOCK;
  guint b = 0;

  blocks->guide = g_new (guint, MAX (n_guide, 1));
  for (guint g = 0; g < n_guide; g++)
    {
      while (blocks->first[b + 1] <= g * KR_DATASET_BLOCK)
        b++;
      blocks->guide[g] = b;
    }
}

static void
block_list (KrDatasetBlocks *blocks, gpointer list, guint n, gsize size)
{
  blocks->n_blocks = (n + KR_DATASET_BLOCK - 1) / KR_DATASET_BLOCK;
  blocks->blocks = g_new (gpointer, MAX (blocks->n_blocks, 1));
  blocks->first = g_new (guint, blocks->n_blocks + 1);
  for (guint b = 0; b < blocks->n_blocks; b++)
    {
      blocks->blocks[b] = (guchar *)list + (gsize)b * KR_DATASET_BLOCK * size;
      blocks->first[b] = b * KR_DATASET_BLOCK;
    }
  blocks->first[blocks->n_blocks] = n;
  kr_dataset_blocks_guide (blocks);
}

void
kr_dataset_block_lists (KrDataset *self)
{
  block_list (&self->blocks[KR_DATASET_ARTICLES], self->articles, self->n_articles,
              sizeof (KrArticle));
  block_list (&self->blocks[KR_DATASET_ENTITIES], self->entities, self->n_entities,
              sizeof (KrEntity));
  block_list (&self->blocks[KR_DATASET_DEALS], self->deals, self->n_deals, sizeof (KrDeal));
}

static void
set_invalid_error (GError **error, GPtrArray *problems, const char *display_name)
{
  g_autofree char *first = kr_problem_to_string (problems->pdata[0], display_name);

  if (problems->len == 1)
    g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID, "%s", first);
  else
    g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)",
                              "%s (and %u more problems)", problems->len - 1),
                 first, problems->len - 1);
}

/* The reader that @name names: the Keiretsu dataset's when none claims it. */
static const KrDatasetReader *
reader_for (const char *name)
{
  const KrDatasetReader *reader = kr_dataset_reader_find (name);

  return reader ? reader : kr_dataset_reader_get (0);
}

/* Says what @found (the problems of reading @name, taken) was, unless @self was read. */
static KrDataset *
read_or_explain (KrDataset *self, GPtrArray *found, const char *name, GPtrArray **problems,
                 GError **error)
{
  if (self == NULL)
    {
      g_assert (found->len > 0);
      set_invalid_error (error, found, name);
    }
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  else
    g_ptr_array_unref (found);
  return self;
}

/* The bytes of @file (or of none) read by the reader that @display_name names; takes @bytes. */
static KrDataset *
new_from_bytes_of (GFile *file, GBytes *bytes, const char *display_name, GCancellable *cancellable,
                   GPtrArray **problems, GError **error)
{
  const char *name = display_name ? display_name : "-";
  GPtrArray *found = NULL;
  KrDataset *self;

  self = kr_dataset_reader_read_file (reader_for (name), file, bytes, cancellable, &found);
  return read_or_explain (self, found, name, problems, error);
}

KrDataset *
kr_dataset_new_from_bytes (GBytes *bytes, const char *display_name, GPtrArray **problems,
                           GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_from_bytes_of (NULL, g_bytes_ref (bytes), display_name, NULL, problems, error);
}

static char *
display_name_for_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  /* Messages are UTF-8; a path is whatever bytes the file system holds. */
  return path ? g_filename_display_name (path) : g_file_get_uri (file);
}

KrDataset *
kr_dataset_new_from_file_bytes (GFile *file, GBytes *bytes, GPtrArray **problems, GError **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = display_name_for_file (file);
  return new_from_bytes_of (file, g_bytes_ref (bytes), name, NULL, problems, error);
}

/* Reads the file, but never more than @limit bytes: it may have grown since it was measured. */
static GBytes *
read_at_most (GFile *file, gsize limit, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, error);
  g_autoptr (GByteArray) data = NULL;
  gsize chunk = 1024 * 1024;

  if (in == NULL)
    return NULL;
  data = g_byte_array_new ();
  while (data->len < limit)
    {
      gsize want = MIN (chunk, limit - data->len);
      gsize got = 0;
      guint old = data->len;

      g_byte_array_set_size (data, old + want);
      if (!g_input_stream_read_all (G_INPUT_STREAM (in), data->data + old, want, &got, cancellable,
                                    error))
        return NULL;
      g_byte_array_set_size (data, old + got);
      if (got < want)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static KrDataset *
refuse_size (const char *name, guint64 size, GError **error)
{
  g_autofree char *why = kr_limits_describe_file_size (size);

  g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_TOO_LARGE, "%s: %s", name, why);
  return NULL;
}

/* Whether @file, named @name in what it says, is a regular file within the limit. */
static gboolean
check_dataset_file (GFile *file, const char *name, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _ ("%s: cannot open: %s"), name,
                   local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _ ("%s: is a folder, not a dataset file"), name);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      /* A pipe or a device could block or never end. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _ ("%s: is not a regular file (a pipe, socket or device)"), name);
      return FALSE;
    }
  if ((guint64)g_file_info_get_size (info) > kr_limits_get ()->max_file_size)
    {
      refuse_size (name, (guint64)g_file_info_get_size (info), error);
      return FALSE;
    }
  return TRUE;
}

/* @file opened for a reader that reads streams, named @name in what it says. */
static GInputStream *
open_dataset_file (GFile *file, const char *name, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  GFileInputStream *in = g_file_read (file, cancellable, &local_error);

  if (in == NULL)
    g_set_error (error, local_error->domain, local_error->code, _ ("%s: cannot read: %s"), name,
                 local_error->message);
  return G_INPUT_STREAM (in);
}

KrDataset *
kr_dataset_new_from_file (GFile *file, GCancellable *cancellable, GPtrArray **problems,
                          GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  const KrDatasetReader *reader;
  guint64 max_size = kr_limits_get ()->max_file_size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = display_name_for_file (file);
  if (!check_dataset_file (file, name, cancellable, error))
    return NULL;

  /* A format read as it comes takes the file a piece at a time, never whole. */
  reader = reader_for (name);
  if (kr_dataset_reader_reads_streams (reader))
    {
      g_autoptr (GInputStream) in = open_dataset_file (file, name, cancellable, error);
      GPtrArray *found = NULL;
      KrDataset *self;

      if (in == NULL)
        return NULL;
      self = kr_dataset_reader_read_stream (reader, file, in, cancellable, &found);
      return read_or_explain (self, found, name, problems, error);
    }

  bytes = read_at_most (file, max_size + 1, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, _ ("%s: cannot read: %s"), name,
                   local_error->message);
      return NULL;
    }
  if (g_bytes_get_size (bytes) > max_size)
    return refuse_size (name, g_bytes_get_size (bytes), error);

  return new_from_bytes_of (file, g_steal_pointer (&bytes), name, cancellable, problems, error);
}

KrDataset *
kr_dataset_new_from_pair (GFile *file, GFile *other, GCancellable *cancellable,
                          GPtrArray **problems, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *other_name = NULL;
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GInputStream) other_in = NULL;
  GPtrArray *found = NULL;
  KrDataset *self;
  const KrDatasetReader *reader;

  g_return_val_if_fail (G_IS_FILE (file) && G_IS_FILE (other), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((reader = kr_dataset_reader_find_pair (file, other, error)) == NULL)
    return NULL;
  name = display_name_for_file (file);
  other_name = display_name_for_file (other);
  /* Both are read as they come, a table never held whole. */
  if (!check_dataset_file (file, name, cancellable, error)
      || !check_dataset_file (other, other_name, cancellable, error)
      || (in = open_dataset_file (file, name, cancellable, error)) == NULL
      || (other_in = open_dataset_file (other, other_name, cancellable, error)) == NULL)
    return NULL;
  self = kr_dataset_reader_read_pair (reader, file, in, other, other_in, cancellable, &found);
  return read_or_explain (self, found, name, problems, error);
}

typedef struct
{
  GPtrArray *problems;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

/* The files a load reads: one, or two given together. */
typedef struct
{
  GFile *file;
  GFile *other; /* nullable */
} LoadFiles;

static void
load_files_free (LoadFiles *files)
{
  g_clear_object (&files->file);
  g_clear_object (&files->other);
  g_free (files);
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LoadFiles *files = task_data;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  KrDataset *dataset;

  (void)source;

  if (files->other != NULL)
    dataset = kr_dataset_new_from_pair (files->file, files->other, cancellable, &problems, &error);
  else
    dataset = kr_dataset_new_from_file (files->file, cancellable, &problems, &error);
  if (problems != NULL)
    {
      LoadResult *r = g_new0 (LoadResult, 1);
      r->problems = g_steal_pointer (&problems);
      g_object_set_data_full (G_OBJECT (task), "kr-load-result", r,
                              (GDestroyNotify)load_result_free);
    }
  if (dataset == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, dataset, g_object_unref);
}

void
kr_dataset_load_async (GFile *file, GCancellable *cancellable, GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_return_if_fail (G_IS_FILE (file));
  kr_dataset_load_pair_async (file, NULL, cancellable, callback, user_data);
}

void
kr_dataset_load_pair_async (GFile *file, GFile *other, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  LoadFiles *files;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (other == NULL || G_IS_FILE (other));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kr_dataset_load_async);
  files = g_new0 (LoadFiles, 1);
  files->file = g_object_ref (file);
  files->other = other ? g_object_ref (other) : NULL;
  g_task_set_task_data (task, files, (GDestroyNotify)load_files_free);
  g_task_run_in_thread (task, load_thread);
}

KrDataset *
kr_dataset_load_finish (GAsyncResult *result, GPtrArray **problems, GError **error)
{
  LoadResult *r;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  r = g_object_get_data (G_OBJECT (result), "kr-load-result");
  if (problems != NULL)
    *problems = (r && r->problems) ? g_ptr_array_ref (r->problems) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

gsize
kr_dataset_get_size (KrDataset *self)
{
  gsize size;

  g_return_val_if_fail (KR_IS_DATASET (self), 0);

  /* A version's records point into the datasets it shares: only the last, the changes that
   * made it, is its own, with the lists and indices that it does not share. */
  if (self->shares != NULL)
    return self->own_bytes + kr_dataset_get_size (self->shares->pdata[self->shares->len - 1]);
  size = self->n_articles * (sizeof (KrArticle) + KR_DATASET_ID_BYTES)
         + self->n_entities * (sizeof (KrEntity) + KR_DATASET_ID_BYTES)
         + self->n_deals * (sizeof (KrDeal) + KR_DATASET_ID_BYTES);
  size += self->string_bytes;
  for (guint i = 0; i < self->n_entities; i++)
    {
      const KrEntity *e = &self->entities[i];

      size += e->n_aliases * sizeof (char *) + e->n_names * sizeof (KrLocalName)
              + e->n_evidence * sizeof (KrEvidence);
    }
  for (guint i = 0; i < self->n_deals; i++)
    {
      const KrDeal *d = &self->deals[i];

      size += d->n_parties * sizeof (KrParty) + d->n_proposed_by * sizeof (guint)
              + d->n_evidence * sizeof (KrEvidence);
    }
  return size;
}

const char *
kr_dataset_get_title (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  return self->title;
}

const char *const *
kr_dataset_get_left_out (KrDataset *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  return self->left_out ? (const char *const *)self->left_out : none;
}

guint
kr_dataset_get_n_articles (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), 0);
  return self->n_articles;
}

const KrArticle *
kr_dataset_get_article (KrDataset *self, guint index)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->n_articles, NULL);
  return kr_dataset_article_at (self, index);
}

guint
kr_dataset_get_n_entities (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), 0);
  return self->n_entities;
}

const KrEntity *
kr_dataset_get_entity (KrDataset *self, guint index)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->n_entities, NULL);
  return kr_dataset_entity_at (self, index);
}

guint
kr_dataset_get_n_deals (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), 0);
  return self->n_deals;
}

const KrDeal *
kr_dataset_get_deal (KrDataset *self, guint index)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->n_deals, NULL);
  return kr_dataset_deal_at (self, index);
}

gboolean
kr_date_is_valid (const char *s)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gsize n = strlen (s);
  int year, month, day;

  if (n != 4 && n != 7 && n != 10)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      gboolean dash = (i == 4 || i == 7);
      if (dash ? s[i] != '-' : !g_ascii_isdigit (s[i]))
        return FALSE;
    }
  year = atoi (s);
  if (year < 1)
    return FALSE;
  if (n == 4)
    return TRUE;
  month = atoi (s + 5);
  if (month < 1 || month > 12)
    return FALSE;
  if (n == 7)
    return TRUE;
  day = atoi (s + 8);
  if (day < 1 || day > days[month - 1])
    return FALSE;
  if (month == 2 && day == 29)
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return TRUE;
}

/* White space as JSON Schema patterns (ECMAScript's \s) know it, and control characters: the
 * dataset's schema forbids exactly these in an address, by the same list. */
static gboolean
is_space_in_url (gunichar c)
{
  return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A)
         || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

gboolean
kr_url_is_web (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme, *host;

  if (url == NULL)
    return FALSE;
  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    if (is_space_in_url (g_utf8_get_char (p)))
      return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && host != NULL && host[0] != '\0';
}

gboolean *
kr_dataset_new_article_flags (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  return g_new0 (gboolean, MAX (self->n_articles, 1));
}

gboolean *
kr_dataset_new_entity_flags (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  return g_new0 (gboolean, MAX (self->n_entities, 1));
}

gboolean *
kr_dataset_new_deal_flags (KrDataset *self)
{
  g_return_val_if_fail (KR_IS_DATASET (self), NULL);
  return g_new0 (gboolean, MAX (self->n_deals, 1));
}

KrIds *
kr_ids_new (KrIds *under)
{
  KrIds *self = g_atomic_rc_box_new0 (KrIds);

  self->table = g_hash_table_new (g_str_hash, g_str_equal);
  if (under != NULL)
    {
      self->under = kr_ids_ref (under);
      self->depth = under->depth + 1;
      self->shift_from = g_array_new (FALSE, FALSE, sizeof (guint));
      self->shift_by = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  return self;
}

KrIds *
kr_ids_ref (KrIds *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
ids_clear (KrIds *self)
{
  g_hash_table_unref (self->table);
  g_clear_pointer (&self->under, kr_ids_unref);
  g_clear_pointer (&self->shift_from, g_array_unref);
  g_clear_pointer (&self->shift_by, g_array_unref);
}

void
kr_ids_unref (KrIds *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify)ids_clear);
}

void
kr_ids_shift (KrIds *self, guint from, guint by)
{
  g_assert (self->under != NULL);
  g_assert (self->shift_from->len == 0
            || g_array_index (self->shift_from, guint, self->shift_from->len - 1) < from);
  g_array_append_val (self->shift_from, from);
  g_array_append_val (self->shift_by, by);
}

gsize
kr_ids_get_size (KrIds *self)
{
  return g_hash_table_size (self->table) * KR_DATASET_ID_BYTES
         + (self->shift_from ? self->shift_from->len * 2 * sizeof (guint) : 0);
}

/* @index under @self, as an index in @self. */
static guint
shifted (KrIds *self, guint index)
{
  const guint *from = (const guint *)(gpointer)self->shift_from->data;
  guint lo = 0, hi = self->shift_from->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (from[mid] <= index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? index - g_array_index (self->shift_by, guint, lo - 1) : index;
}

guint
kr_ids_find (KrIds *self, const char *id)
{
  gpointer v;
  guint index;

  if (g_hash_table_lookup_extended (self->table, id, NULL, &v))
    return v == KR_IDS_GONE ? 0 : GPOINTER_TO_UINT (v);
  /* The newest table that knows the id says where it is, once shifted as the records moved
   * since. */
  if (self->under == NULL || (index = kr_ids_find (self->under, id)) == 0)
    return 0;
  return shifted (self, index - 1) + 1;
}

KrIds *
kr_ids_compact (KrIds *self)
{
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();
  g_autofree guint *at = NULL;
  KrIds *bottom, *out;
  guint n, by = 0;

  /* The tables over the bottom one, oldest first. */
  for (KrIds *ids = self; ids->under != NULL; ids = ids->under)
    g_ptr_array_insert (chain, 0, ids);
  g_assert (chain->len > 0);
  bottom = ((KrIds *)chain->pdata[0])->under;
  out = kr_ids_new (bottom);

  /* Where each of the bottom's indices went, through every table. The indices of the records
   * that go on meet each table's shifts in order; those of the records a table leaves out or
   * changes (which its entries name instead) may land past the next records', so a table's
   * place among its shifts steps back as well as on. */
  n = g_hash_table_size (bottom->table);
  at = g_new0 (guint, chain->len);
  for (guint r = 0; r < n; r++)
    {
      guint index = r;

      for (guint l = 0; l < chain->len; l++)
        {
          KrIds *ids = chain->pdata[l];
          const GArray *from = ids->shift_from;

          while (at[l] < from->len && g_array_index (from, guint, at[l]) <= index)
            at[l]++;
          while (at[l] > 0 && g_array_index (from, guint, at[l] - 1) > index)
            at[l]--;
          if (at[l] > 0)
            index -= g_array_index (ids->shift_by, guint, at[l] - 1);
        }
      if (r - index != by)
        kr_ids_shift (out, r, by = r - index);
    }

  /* Their entries, the newer over the older, each where the tables above it put it. */
  for (guint l = 0; l < chain->len; l++)
    {
      KrIds *ids = chain->pdata[l];
      GHashTableIter iter;
      gpointer id, v;

      g_hash_table_iter_init (&iter, ids->table);
      while (g_hash_table_iter_next (&iter, &id, &v))
        {
          guint index = GPOINTER_TO_UINT (v) - 1;

          if (v != KR_IDS_GONE)
            {
              for (guint above = l + 1; above < chain->len; above++)
                index = shifted (chain->pdata[above], index);
              v = GUINT_TO_POINTER (index + 1);
            }
          g_hash_table_insert (out->table, id, v);
        }
    }
  return out;
}

static int
find_in (KrIds *ids, const char *id)
{
  return id != NULL ? (int)kr_ids_find (ids, id) - 1 : -1;
}

int
kr_dataset_find_article (KrDataset *self, const char *id)
{
  g_return_val_if_fail (KR_IS_DATASET (self), -1);
  return find_in (self->ids[KR_DATASET_ARTICLES], id);
}

int
kr_dataset_find_entity (KrDataset *self, const char *id)
{
  g_return_val_if_fail (KR_IS_DATASET (self), -1);
  return find_in (self->ids[KR_DATASET_ENTITIES], id);
}

int
kr_dataset_find_deal (KrDataset *self, const char *id)
{
  g_return_val_if_fail (KR_IS_DATASET (self), -1);
  return find_in (self->ids[KR_DATASET_DEALS], id);
}

guint
kr_deal_count_sources (const KrDeal *deal)
{
  guint n = 0;

  g_return_val_if_fail (deal != NULL, 0);
  for (guint i = 0; i < deal->n_evidence; i++)
    {
      gboolean seen = FALSE;
      for (guint j = 0; j < i && !seen; j++)
        seen = deal->evidence[j].article == deal->evidence[i].article;
      if (!seen)
        n++;
    }
  return n;
}

gboolean
kr_deal_is_disputed (const KrDeal *deal)
{
  g_return_val_if_fail (deal != NULL, FALSE);
  for (guint i = 0; i < deal->n_evidence; i++)
    if (deal->evidence[i].stance != KR_STANCE_SUPPORTS)
      return TRUE;
  return FALSE;
}

gboolean
kr_deal_involves (const KrDeal *deal, guint entity)
{
  g_return_val_if_fail (deal != NULL, FALSE);
  for (guint i = 0; i < deal->n_parties; i++)
    if (deal->parties[i].entity == entity)
      return TRUE;
  for (guint i = 0; i < deal->n_proposed_by; i++)
    if (deal->proposed_by[i] == entity)
      return TRUE;
  return FALSE;
}

const char *
kr_entity_name_for_languages (const KrEntity *entity, const char *const *languages)
{
  g_return_val_if_fail (entity != NULL, NULL);

  for (guint l = 0; languages != NULL && languages[l] != NULL; l++)
    {
      /* "ja_JP.UTF-8@variant" matches a name written for "ja_JP" or for "ja". */
      for (guint i = 0; i < entity->n_names; i++)
        {
          const char *want = languages[l], *have = entity->names[i].language;
          gsize n = strlen (have);
          if (g_ascii_strncasecmp (want, have, n) == 0
              && (want[n] == '\0' || want[n] == '_' || want[n] == '.' || want[n] == '@'))
            return entity->names[i].name;
        }
    }
  return entity->name;
}

gboolean
kr_evidence_cites (const KrEvidence *evidence, guint n, guint article)
{
  for (guint i = 0; i < n; i++)
    if (evidence[i].article == article)
      return TRUE;
  return FALSE;
}
