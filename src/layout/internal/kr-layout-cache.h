/* kr-layout-cache.h — layouts kept on disk, so that a map opened again is drawn at once
 *
 * An entry is what the layout helper returned for one request (the serialised
 * KrLayoutOutput), named by a SHA-256 of the serialised request (KrLayoutInput) and of
 * whatever else decides the result: Graphviz's version, Keiretsu's version and build, and the
 * format of the entries. Everything the request carries — label sizes measured with the fonts of
 * the day, engine, direction, starting or pinned positions — is part of the key by construction.
 *
 * Entries are written atomically, used entries are touched, and the least recently used go
 * when the directory outgrows its bound. An entry that is truncated, altered, foreign or not a
 * plain file is a miss, and is removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-layout-output.h"

G_BEGIN_DECLS

#define KR_TYPE_LAYOUT_CACHE (kr_layout_cache_get_type ())
G_DECLARE_FINAL_TYPE (KrLayoutCache, kr_layout_cache, KR, LAYOUT_CACHE, GObject)

/* The bound of the user's cache, in bytes; one entry may take an eighth of the bound. */
#define KR_LAYOUT_CACHE_MAX_SIZE ((guint64)256 * 1024 * 1024)

/* The environment variable that turns the user's cache off when it is "0". */
#define KR_LAYOUT_CACHE_ENV "KEIRETSU_LAYOUT_CACHE"

KrLayoutCache *kr_layout_cache_new (const char *directory, guint64 max_size);
const char *kr_layout_cache_get_directory (KrLayoutCache *self);

/* The cache layouts use (a new reference): $XDG_CACHE_HOME/keiretsu/layouts, or none (NULL) when
 * KEIRETSU_LAYOUT_CACHE is 0. Setting another (or NULL) replaces it for the whole process. */
KrLayoutCache *kr_layout_cache_dup_default (void);
void kr_layout_cache_set_default (KrLayoutCache *cache);

/* The name of the entry for @request, laid out by Graphviz @graphviz_version. */
char *kr_layout_cache_key (GBytes *request, const char *graphviz_version);

/* The layout kept under @key, checked as the helper's reply is (@n_nodes and @n_edges of the
 * request); NULL for none. Blocks on the disk: call it off the main thread. */
KrLayoutOutput *kr_layout_cache_lookup (KrLayoutCache *self, const char *key, guint n_nodes,
                                        guint n_edges);

/* Keeps @output (the helper's reply) under @key, atomically, then evicts what the bound
 * leaves no room for. The asynchronous form writes in a thread. */
gboolean kr_layout_cache_store (KrLayoutCache *self, const char *key, GBytes *output,
                                GError **error);
void kr_layout_cache_store_async (KrLayoutCache *self, const char *key, GBytes *output,
                                  GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean kr_layout_cache_store_finish (KrLayoutCache *self, GAsyncResult *result, GError **error);

G_END_DECLS
