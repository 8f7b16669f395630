/* kr-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kr-file.h"

static gboolean
has_dot_dot (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

GFile *
kr_file_new_for_arg (const char *arg)
{
  g_autofree char *scheme = NULL;
  g_autofree char *resolved = NULL;

  g_return_val_if_fail (arg != NULL, NULL);

  scheme = g_uri_parse_scheme (arg);
  if (scheme == NULL && has_dot_dot (arg) && (resolved = realpath (arg, NULL)) != NULL)
    return g_file_new_for_path (resolved);
  return g_file_new_for_commandline_arg (arg);
}

/* The path the kernel resolves @arg from: itself, unless it is a URI. */
static char *
local_path (const char *arg)
{
  g_autofree char *scheme = g_uri_parse_scheme (arg);
  g_autoptr (GFile) file = NULL;

  if (scheme == NULL)
    return g_strdup (arg);
  file = g_file_new_for_uri (arg);
  return g_file_get_path (file);
}

gboolean
kr_file_is_same (const char *a, const char *b)
{
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  GStatBuf sa, sb;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  path_a = local_path (a);
  path_b = local_path (b);
  return path_a != NULL && path_b != NULL && g_stat (path_a, &sa) == 0 && g_stat (path_b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

typedef enum
{
  FAILED_CREATE,
  FAILED_WRITE,
  FAILED_RENAME,
} Failure;

static gboolean
fail (GError **error, Failure failure, int errsv, const char *path)
{
  g_autofree char *name = g_filename_display_name (path);
  GFileError code = g_file_error_from_errno (errsv);
  const char *reason = g_strerror (errsv);

  switch (failure)
    {
    case FAILED_CREATE:
      g_set_error (error, G_FILE_ERROR, code, _ ("cannot create a file in “%s”: %s"), name, reason);
      break;
    case FAILED_WRITE:
      g_set_error (error, G_FILE_ERROR, code, _ ("cannot write “%s”: %s"), name, reason);
      break;
    case FAILED_RENAME:
    default:
      g_set_error (error, G_FILE_ERROR, code, _ ("cannot replace “%s”: %s"), name, reason);
      break;
    }
  return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize size)
{
  while (size > 0)
    {
      gssize n = write (fd, data, MIN (size, (gsize)G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          /* write() returns 0 only when it cannot go on: the disk is full. */
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      size -= (gsize)n;
    }
  return TRUE;
}

gboolean
kr_file_replace (const char *path, const void *data, gsize size, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  GStatBuf old;
  gboolean exists;
  int fd, errsv;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  exists = g_stat (path, &old) == 0 && S_ISREG (old.st_mode);
  /* A short name, so that any name the destination may have leaves room for it. */
  dir = g_path_get_dirname (path);
  temp = g_build_filename (dir, ".keiretsu-XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail (error, FAILED_CREATE, errno, dir);

  if ((exists && fchmod (fd, old.st_mode & 0777) != 0) || !write_all (fd, data, size)
      || (exists && fsync (fd) != 0))
    {
      errsv = errno;
      close (fd);
      g_unlink (temp);
      return fail (error, FAILED_WRITE, errsv, path);
    }
  if (close (fd) != 0 || g_rename (temp, path) != 0)
    {
      errsv = errno;
      g_unlink (temp);
      return fail (error, FAILED_RENAME, errsv, path);
    }
  return TRUE;
}
