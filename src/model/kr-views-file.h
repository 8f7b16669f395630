/* kr-views-file.h — what a person arranged on a dataset's map, kept in a file beside it
 *
 * The dataset stays the record of what the articles say; where its entities were placed and
 * the views saved under a name live in a small JSON file next to it, which travels with it
 * when both are shared: "alliances.json" goes with "alliances.views.json". The file is a JSON
 * object, {"format": "keiretsu-views", "version": 1, …}; each kind of state is one member of
 * it, read and written by its own module, and members this version does not know are kept as
 * they are when the file is written again.
 *
 * It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KR_VIEWS_FILE_FORMAT "keiretsu-views"
#define KR_VIEWS_FILE_VERSION 1
/* More than the positions of a few hundred thousand entities take. */
#define KR_VIEWS_FILE_MAX_SIZE (32 * 1024 * 1024)
/* Deeper than any member needs; json-glib recurses once per level. */
#define KR_VIEWS_FILE_MAX_DEPTH 64

#define KR_VIEWS_FILE_ERROR (kr_views_file_error_quark ())

typedef enum
{
  KR_VIEWS_FILE_ERROR_INVALID,  /* not a views file this version can read */
  KR_VIEWS_FILE_ERROR_NOT_OURS, /* a file of something else is where the views file goes */
} KrViewsFileError;

GQuark kr_views_file_error_quark (void);

#define KR_TYPE_VIEWS_FILE (kr_views_file_get_type ())
G_DECLARE_FINAL_TYPE (KrViewsFile, kr_views_file, KR, VIEWS_FILE, GObject)

/* Where the views of the dataset at @dataset go: beside it, its name without ".json" and with
 * ".views.json". */
GFile *kr_views_file_beside (GFile *dataset);

/* An empty views file that loads from and saves to @file. */
KrViewsFile *kr_views_file_new (GFile *file);
GFile *kr_views_file_get_file (KrViewsFile *self);

/* Reads the file. One that does not exist is empty, not an error; one that cannot be read as
 * a views file leaves @self empty and says why, naming the file and the place. */
gboolean kr_views_file_load (KrViewsFile *self, GCancellable *cancellable, GError **error);
/* The same from bytes, named @name in messages. */
gboolean kr_views_file_load_bytes (KrViewsFile *self, GBytes *bytes, const char *name,
                                   GError **error);

/* A member of the file, or NULL; owned by @self. */
JsonNode *kr_views_file_get_member (KrViewsFile *self, const char *member);
/* Sets a member (taking @node), or removes it with NULL. */
void kr_views_file_set_member (KrViewsFile *self, const char *member, JsonNode *node);
/* Whether it holds anything besides its format and version. */
gboolean kr_views_file_is_empty (KrViewsFile *self);

/* The file's text: indented, members in a stable order, so it diffs well. */
char *kr_views_file_to_data (KrViewsFile *self, gsize *length);
/* Writes the file whole or not at all, keeping its mode. A file at that place that is not a
 * views file is never replaced (KR_VIEWS_FILE_ERROR_NOT_OURS). An empty views file removes
 * the file it was read from. */
gboolean kr_views_file_save (KrViewsFile *self, GCancellable *cancellable, GError **error);

G_END_DECLS
