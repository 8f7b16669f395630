/* kr-file.h — files as the kernel names them: the dataset and the files written beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The file a command-line argument names: a URI, or a path as the kernel resolves it. GIO tidies
 * "link/../x" into "x" before the kernel sees it, but the kernel follows the link first and
 * finds x beside where the link points: a path with ".." is resolved by the kernel here. */
GFile *kr_file_new_for_arg (const char *arg);

/* TRUE when @a and @b, command-line arguments, name one existing file, whatever their spelling:
 * the same device and inode after the kernel resolves them. */
gboolean kr_file_is_same (const char *a, const char *b);

/* Replaces the file at @path with @size bytes of @data, whole or not at all: written to a
 * temporary file with a short name beside it, then renamed over it. An existing file keeps its
 * permissions, as cp and shell redirection keep them. On failure, nothing is left behind. Ignore
 * SIGXFSZ first, for a file-size limit to be the error it is rather than the end of the process. */
gboolean kr_file_replace (const char *path, const void *data, gsize size, GError **error);

G_END_DECLS
