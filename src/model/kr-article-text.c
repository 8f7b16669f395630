/* kr-article-text.c — an article's full text, and the quotes looked for in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-article-text"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kr-article-text.h"
#include "kr-dataset-private.h"
#include "kr-file.h"

/* ---- the file beside the dataset ----------------------------------------------------- */

const char *
kr_text_file_name_problem (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  /* A drive letter or a backslash would mean another folder on another system. */
  if (name[0] == '/' || strchr (name, '\\') != NULL
      || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return _ ("must be a path relative to the dataset's folder, with forward slashes");
  for (const char *part = name; part != NULL; part = strchr (part + 1, '/'))
    {
      const char *start = *part == '/' ? part + 1 : part;

      if (g_str_has_prefix (start, "..") && (start[2] == '/' || start[2] == '\0'))
        return _ ("must not lead out of the dataset's folder with \"..\"");
    }
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      return _ ("must not contain control characters");
  return NULL;
}

/* Whether @path is @folder or inside it; both are real paths, without symbolic links. */
static gboolean
is_inside (const char *path, const char *folder)
{
  gsize len = strlen (folder);

  if (strncmp (path, folder, len) != 0)
    return FALSE;
  return len > 0 && (folder[len - 1] == '/' || path[len] == '/');
}

/* The file's bytes, NUL-terminated, their number in @size. */
static char *
read_limited (int fd, gsize limit, gsize *size, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guchar chunk[64 * 1024];

  /* The file may have grown since it was measured: never read past the limit. */
  while (data->len <= limit)
    {
      gssize got = read (fd, chunk, sizeof chunk);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("cannot read: %s"),
                       g_strerror (saved));
          return NULL;
        }
      if (got == 0)
        break;
      g_byte_array_append (data, chunk, (guint)got);
    }
  if (data->len > limit)
    {
      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_TOO_LARGE,
                   _ ("the text file is larger than the limit of %d MiB"),
                   KR_DATASET_MAX_TEXT / (1024 * 1024));
      return NULL;
    }
  *size = data->len;
  g_byte_array_append (data, (const guchar *)"", 1);
  return (char *)g_byte_array_free (g_steal_pointer (&data), FALSE);
}

char *
kr_text_file_read (GFile *folder, const char *name, GCancellable *cancellable, GError **error)
{
  g_autofree char *folder_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *real = NULL;
  const char *problem;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  problem = kr_text_file_name_problem (name);
  if (problem != NULL)
    {
      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID, "%s", problem);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  folder_path = g_file_get_path (folder);
  if (folder_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("cannot be read: the dataset is not in a local folder"));
      return NULL;
    }
  path = g_build_filename (folder_path, name, NULL);
  real_folder = realpath (folder_path, NULL);
  real = realpath (path, NULL);
  if (real_folder == NULL || real == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("cannot open: %s"),
                   g_strerror (saved));
      return NULL;
    }
  /* A symbolic link inside the folder may point anywhere: where it leads is what counts. */
  if (!is_inside (real, real_folder))
    {
      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID,
                   _ ("leads out of the dataset's folder"));
      return NULL;
    }
  return kr_text_read_path (real, error);
}

/* Whether file @name in @folder may hold @text: it holds it already (*@missing FALSE), or is
 * not there and would be inside @folder once written, with any folder it needs (*@missing
 * TRUE). FALSE, saying why, when it holds another text, leads out of @folder or cannot be read. */
static gboolean
text_file_may_hold (GFile *folder, const char *name, const char *text, gboolean *missing,
                    GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *real_folder = NULL;
  g_autofree char *real_parent = NULL;
  g_autofree char *held = kr_text_file_read (folder, name, NULL, &local);

  *missing = FALSE;
  if (held != NULL)
    {
      if (strcmp (held, text) == 0)
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("that folder already has a file of that name with another text"));
      return FALSE;
    }
  /* Only a file that is not there may be written: any other reason not to read it stands (a
   * name that is not a relative path inside the folder among them). */
  if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  folder_path = g_file_get_path (folder);
  parent = g_path_get_dirname (name);
  real_folder = realpath (folder_path, NULL);
  if (real_folder == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("cannot open: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  /* A folder on the way that is a symbolic link could lead anywhere: the nearest one that
   * exists must be inside, for the folders made below it to be. */
  for (g_autofree char *up = g_build_filename (folder_path, parent, NULL); real_parent == NULL;)
    {
      char *next;

      real_parent = realpath (up, NULL);
      if (real_parent != NULL || strlen (up) <= strlen (folder_path))
        break;
      next = g_path_get_dirname (up);
      g_free (up);
      up = next;
    }
  if (real_parent == NULL
      || (strcmp (real_parent, real_folder) != 0 && !is_inside (real_parent, real_folder)))
    {
      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID,
                   _ ("leads out of the dataset's folder"));
      return FALSE;
    }
  *missing = TRUE;
  return TRUE;
}

/* Writes @text to file @name in @folder, with any folder it needs. */
static gboolean
text_file_write (GFile *folder, const char *name, const char *text, GError **error)
{
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *path = g_build_filename (folder_path, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  if (g_mkdir_with_parents (parent, 0777) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("cannot write: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  return kr_file_replace (path, text, strlen (text), error);
}

static void
set_place_error (GError **error, const KrArticle *a, const GError *why)
{
  g_set_error (error, why->domain, why->code,
               _ ("The text of “%s” cannot be saved as “%s” beside the dataset: %s"), a->title,
               a->text_file, why->message);
}

gboolean
kr_dataset_place_texts (KrDataset *dataset, GFile *from, GFile *file, GError **error)
{
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GArray) missing = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean same;
  guint n;

  g_return_val_if_fail (KR_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  folder = g_file_get_parent (file);
  if (folder == NULL)
    return TRUE;
  same = from != NULL && g_file_equal (from, folder);
  n = kr_dataset_get_n_articles (dataset);
  /* Every file is looked at before any is written, so that a text that cannot go leaves
   * nothing behind. */
  for (guint i = 0; i < n; i++)
    {
      const KrArticle *a = kr_dataset_get_article (dataset, i);
      g_autoptr (GError) local = NULL;
      gboolean absent;

      if (a->text_file == NULL || a->text == NULL)
        continue;
      if (text_file_may_hold (folder, a->text_file, a->text, &absent, &local))
        {
          if (absent)
            g_array_append_val (missing, i);
          continue;
        }
      if (same && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        continue;
      set_place_error (error, a, local);
      return FALSE;
    }
  for (guint i = 0; i < missing->len; i++)
    {
      const KrArticle *a = kr_dataset_get_article (dataset, g_array_index (missing, guint, i));
      g_autoptr (GError) local = NULL;

      if (!text_file_write (folder, a->text_file, a->text, &local))
        {
          set_place_error (error, a, local);
          return FALSE;
        }
    }
  return TRUE;
}

char *
kr_text_read_path (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  const char *end;
  GStatBuf st;
  gsize size = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("cannot open: %s"),
                   g_strerror (saved));
      return NULL;
    }
  /* A pipe or a device could block or never end. */
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _ ("is not a regular file"));
      return NULL;
    }
  if (st.st_size > KR_DATASET_MAX_TEXT)
    {
      close (fd);
      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_TOO_LARGE,
                   _ ("the text file is larger than the limit of %d MiB"),
                   KR_DATASET_MAX_TEXT / (1024 * 1024));
      return NULL;
    }
  text = read_limited (fd, KR_DATASET_MAX_TEXT, &size, error);
  close (fd);
  if (text == NULL)
    return NULL;
  /* The length is the file's, so a NUL byte inside fails the check too. */
  if (!g_utf8_validate_len (text, size, &end))
    {
      g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID,
                   _ ("the text file is not UTF-8 text (at byte %lu)"),
                   (unsigned long)(end - text));
      return NULL;
    }
  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    return g_strdup (text + 3);
  return g_steal_pointer (&text);
}

/* ---- quotes -------------------------------------------------------------------------- */

/* The ASCII form of a typographic mark, or 0 for a character that stays as it is. */
static char
plain_mark (gunichar c)
{
  switch (c)
    {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
      return '\'';
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0xFF02: /* ＂ */
      return '"';
    case 0x2013: /* – */
    case 0x2014: /* — */
      return '-';
    default:
      return 0;
    }
}

char *
kr_quote_normalise (const char *text)
{
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;
  out = g_string_sized_new (strlen (nfc));
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      char mark;

      if (g_unichar_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      mark = plain_mark (c);
      if (mark != 0)
        g_string_append_c (out, mark);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
kr_quote_found_in (const char *quote, const char *normalised)
{
  g_autofree char *q = NULL;

  g_return_val_if_fail (quote != NULL && normalised != NULL, FALSE);

  q = kr_quote_normalise (quote);
  return q != NULL && q[0] != '\0' && strstr (normalised, q) != NULL;
}

gboolean
kr_quote_found (const char *quote, const char *text)
{
  g_autofree char *normalised = NULL;

  g_return_val_if_fail (quote != NULL && text != NULL, FALSE);

  normalised = kr_quote_normalise (text);
  return normalised != NULL && kr_quote_found_in (quote, normalised);
}

/* The text of @article as quotes are looked for in it (NULL: not valid UTF-8). A panel shows
 * many excerpts of one article, and --check all of them: each text is normalised once for the
 * dataset's life, not once per quote. @article has a text. */
static const char *
quote_text (KrDataset *dataset, guint article)
{
  const char *text = kr_dataset_article_at (dataset, article)->text;

  if (dataset->quote_texts == NULL)
    dataset->quote_texts = g_new0 (char *, dataset->n_articles);
  if (dataset->quote_texts[article] == NULL)
    dataset->quote_texts[article] = kr_quote_normalise (text);
  return dataset->quote_texts[article];
}

gboolean
kr_evidence_is_found (KrDataset *dataset, const KrEvidence *evidence)
{
  const char *text;

  g_return_val_if_fail (KR_IS_DATASET (dataset), TRUE);
  g_return_val_if_fail (evidence != NULL && evidence->article < dataset->n_articles, TRUE);

  if (kr_dataset_article_at (dataset, evidence->article)->text == NULL)
    return TRUE;
  text = quote_text (dataset, evidence->article);
  return text != NULL && kr_quote_found_in (evidence->quote, text);
}

static void
check_excerpts (GPtrArray *problems, KrDataset *dataset, const char *list, guint index,
                const KrEvidence *evidence, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      const KrEvidence *e = &evidence[i];
      g_autofree char *path = NULL;
      g_autofree char *id = NULL;
      g_autofree char *message = NULL;

      if (kr_evidence_is_found (dataset, e))
        continue;
      path = g_strdup_printf ("$.%s[%u].evidence[%u].quote", list, index, i);
      id = kr_problem_quote (kr_dataset_article_at (dataset, e->article)->id);
      message = g_strdup_printf (_ ("quote not found in article \"%s\""), id);
      g_ptr_array_add (problems, kr_problem_new_at_path (path, message));
    }
}

GPtrArray *
kr_dataset_check_quotes (KrDataset *dataset)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify)kr_problem_free);

  g_return_val_if_fail (KR_IS_DATASET (dataset), problems);

  for (guint i = 0; i < dataset->n_entities; i++)
    {
      const KrEntity *e = kr_dataset_entity_at (dataset, i);

      check_excerpts (problems, dataset, "entities", i, e->evidence, e->n_evidence);
    }
  for (guint i = 0; i < dataset->n_deals; i++)
    {
      const KrDeal *d = kr_dataset_deal_at (dataset, i);

      check_excerpts (problems, dataset, "deals", i, d->evidence, d->n_evidence);
    }
  return problems;
}
