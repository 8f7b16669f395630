/* kr-layout-cache.c
 *
 * An entry file is a magic string, then a SHA-256 of its key and payload, then the payload: the
 * helper's reply, byte for byte. The checksum catches a truncated or altered file and one
 * copied from another key; the payload then goes through the checks the helper's reply goes
 * through, so that a file that passes them is no more trusted than the helper is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-layout-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#ifdef __linux__
#include <link.h>
#endif
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kr-layout-cache.h"

/* Part of every key: a new format makes earlier entries unreachable (and they age out). */
#define FORMAT 1
#define MAGIC "KRLAYOUT"
#define MAGIC_SIZE 8
#define DIGEST_SIZE 32
/* A multiple of 8, so that the payload's doubles stay aligned. */
#define HEADER_SIZE (MAGIC_SIZE + DIGEST_SIZE)
#define KEY_LENGTH 64
/* A temporary file untouched for this long belongs to a write that will never finish. */
#define STALE_SECONDS 3600

struct _KrLayoutCache
{
  GObject parent_instance;

  char *directory;
  guint64 max_size;
};

G_DEFINE_FINAL_TYPE (KrLayoutCache, kr_layout_cache, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DIRECTORY,
  PROP_MAX_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GMutex default_lock;
static KrLayoutCache *default_cache;
static gboolean default_chosen;

static void
kr_layout_cache_finalize (GObject *object)
{
  KrLayoutCache *self = KR_LAYOUT_CACHE (object);

  g_free (self->directory);
  G_OBJECT_CLASS (kr_layout_cache_parent_class)->finalize (object);
}

static void
kr_layout_cache_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrLayoutCache *self = KR_LAYOUT_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_layout_cache_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  KrLayoutCache *self = KR_LAYOUT_CACHE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    case PROP_MAX_SIZE:
      self->max_size = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_layout_cache_class_init (KrLayoutCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kr_layout_cache_finalize;
  object_class->get_property = kr_layout_cache_get_property;
  object_class->set_property = kr_layout_cache_set_property;

  properties[PROP_DIRECTORY]
      = g_param_spec_string ("directory", NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_SIZE]
      = g_param_spec_uint64 ("max-size", NULL, NULL, 0, G_MAXUINT64, KR_LAYOUT_CACHE_MAX_SIZE,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kr_layout_cache_init (KrLayoutCache *self)
{
}

KrLayoutCache *
kr_layout_cache_new (const char *directory, guint64 max_size)
{
  g_return_val_if_fail (directory != NULL, NULL);

  return g_object_new (KR_TYPE_LAYOUT_CACHE, "directory", directory, "max-size", max_size, NULL);
}

const char *
kr_layout_cache_get_directory (KrLayoutCache *self)
{
  g_return_val_if_fail (KR_IS_LAYOUT_CACHE (self), NULL);

  return self->directory;
}

KrLayoutCache *
kr_layout_cache_dup_default (void)
{
  KrLayoutCache *cache;

  g_mutex_lock (&default_lock);
  if (!default_chosen)
    {
      g_autofree char *directory
          = g_build_filename (g_get_user_cache_dir (), "keiretsu", "layouts", NULL);

      default_chosen = TRUE;
      if (g_strcmp0 (g_getenv (KR_LAYOUT_CACHE_ENV), "0") != 0)
        default_cache = kr_layout_cache_new (directory, KR_LAYOUT_CACHE_MAX_SIZE);
    }
  cache = default_cache != NULL ? g_object_ref (default_cache) : NULL;
  g_mutex_unlock (&default_lock);
  return cache;
}

void
kr_layout_cache_set_default (KrLayoutCache *cache)
{
  g_return_if_fail (cache == NULL || KR_IS_LAYOUT_CACHE (cache));

  g_mutex_lock (&default_lock);
  default_chosen = TRUE;
  g_set_object (&default_cache, cache);
  g_mutex_unlock (&default_lock);
}

/* Only names this module makes: no separator, no dot, nothing to escape the directory. */
static gboolean
is_key (const char *key)
{
  if (key == NULL || strlen (key) != KEY_LENGTH)
    return FALSE;
  for (const char *c = key; *c; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

#ifdef __linux__
/* The GNU build ID of the program (the first object listed), in hexadecimal. */
static int
find_build_id (struct dl_phdr_info *info, size_t size, void *data)
{
  GString *id = data;

  for (ElfW (Half) i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW (Phdr) *segment = &info->dlpi_phdr[i];
      gsize align = segment->p_align == 8 ? 8 : 4;
      const guint8 *p, *end;

      if (segment->p_type != PT_NOTE)
        continue;
      p = (const guint8 *)(info->dlpi_addr + segment->p_vaddr);
      end = p + segment->p_memsz;
      while ((gsize)(end - p) >= sizeof (ElfW (Nhdr)))
        {
          const ElfW (Nhdr) *note = (const ElfW (Nhdr) *)p;
          const guint8 *name = p + sizeof *note;
          const guint8 *desc = name + ((note->n_namesz + align - 1) & ~(align - 1));

          if (desc > end || (gsize)(end - desc) < note->n_descsz)
            break;
          if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4
              && memcmp (name, "GNU", 4) == 0)
            {
              for (guint k = 0; k < note->n_descsz; k++)
                g_string_append_printf (id, "%02x", desc[k]);
              return 1;
            }
          p = desc + ((note->n_descsz + align - 1) & ~(align - 1));
        }
    }
  return 1;
}
#endif

/* What tells this build of the program from another: its build ID, or else the size and time of
 * its file. A layout kept by one build is not trusted by the next, whose layout code (how it
 * drives Graphviz, how it reads the result) may differ under the same version number. */
static const char *
program_build (void)
{
  static gsize once;
  static char *build;

  if (g_once_init_enter (&once))
    {
      GString *id = g_string_new (NULL);
      GStatBuf st;

#ifdef __linux__
      dl_iterate_phdr (find_build_id, id);
#endif
      if (id->len == 0 && g_stat ("/proc/self/exe", &st) == 0)
        g_string_printf (id, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, (gint64)st.st_size,
                         (gint64)st.st_mtime);
      build = g_string_free (id, FALSE);
      g_once_init_leave (&once, 1);
    }
  return build;
}

static void
add_string (GChecksum *checksum, const char *s)
{
  /* With its terminating nul, so that no two lists of strings run together alike. */
  g_checksum_update (checksum, (const guchar *)s, (gssize)strlen (s) + 1);
}

char *
kr_layout_cache_key (GBytes *request, const char *graphviz_version)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *format = g_strdup_printf ("keiretsu-layout-cache %d", FORMAT);
  gsize size = 0;
  const guchar *data;

  g_return_val_if_fail (request != NULL && graphviz_version != NULL, NULL);

  add_string (checksum, format);
  add_string (checksum, PACKAGE_VERSION);
  add_string (checksum, program_build ());
  add_string (checksum, graphviz_version);
  data = g_bytes_get_data (request, &size);
  g_checksum_update (checksum, data, (gssize)size);
  return g_strdup (g_checksum_get_string (checksum));
}

/* What an entry's header holds: the SHA-256 of its key and payload. */
static void
entry_digest (const char *key, const guint8 *payload, gsize size, guint8 digest[DIGEST_SIZE])
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize length = DIGEST_SIZE;

  g_checksum_update (checksum, (const guchar *)key, KEY_LENGTH);
  g_checksum_update (checksum, payload, (gssize)size);
  g_checksum_get_digest (checksum, digest, &length);
}

/* The largest entry kept: a sane share of the bound. */
static guint64
entry_limit (KrLayoutCache *self)
{
  return self->max_size / 8;
}

/* The payload of the entry open on @fd, or NULL when it is not a whole, unaltered entry of
 * @key: not a plain file, too large, too short, or failing its checksum. */
static GBytes *
read_entry (KrLayoutCache *self, int fd, const char *key)
{
  struct stat st;
  g_autofree guint8 *data = NULL;
  guint8 digest[DIGEST_SIZE];
  gsize size, done = 0;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size < HEADER_SIZE
      || (guint64)st.st_size > entry_limit (self))
    return NULL;
  size = (gsize)st.st_size;
  data = g_malloc (size);
  while (done < size)
    {
      ssize_t n = read (fd, data + done, size - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return NULL;
      done += (gsize)n;
    }
  if (memcmp (data, MAGIC, MAGIC_SIZE) != 0)
    return NULL;
  entry_digest (key, data + HEADER_SIZE, size - HEADER_SIZE, digest);
  if (memcmp (digest, data + MAGIC_SIZE, DIGEST_SIZE) != 0)
    return NULL;
  {
    g_autoptr (GBytes) whole = g_bytes_new_take (g_steal_pointer (&data), size);
    return g_bytes_new_from_bytes (whole, HEADER_SIZE, size - HEADER_SIZE);
  }
}

KrLayoutOutput *
kr_layout_cache_lookup (KrLayoutCache *self, const char *key, guint n_nodes, guint n_edges)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) payload = NULL;
  g_autoptr (GError) error = NULL;
  KrLayoutOutput *output = NULL;
  int fd;

  g_return_val_if_fail (KR_IS_LAYOUT_CACHE (self), NULL);
  g_return_val_if_fail (is_key (key), NULL);

  path = g_build_filename (self->directory, key, NULL);
  /* Not through a link, and without waiting on a pipe that took an entry's name. */
  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      if (errno == ENOENT)
        return NULL;
      g_debug ("%s: %s", path, g_strerror (errno));
      g_remove (path);
      return NULL;
    }
  payload = read_entry (self, fd, key);
  if (payload != NULL)
    output = kr_layout_output_deserialize (payload, n_nodes, n_edges, &error);
  if (output != NULL && !kr_layout_output_is_placed (output))
    g_clear_pointer (&output, kr_layout_output_free);
  if (output == NULL)
    {
      g_debug ("%s: not a layout of this request%s%s", path, error ? ": " : "",
               error ? error->message : "");
      g_remove (path);
    }
  else
    /* Used now: the last to be evicted. */
    futimens (fd, NULL);
  g_close (fd, NULL);
  return output;
}

typedef struct
{
  char *name;
  guint64 size;
  gint64 used; /* nanoseconds */
} Entry;

static void
entry_clear (gpointer data)
{
  g_free (((Entry *)data)->name);
}

static int
by_use (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const Entry *)a)->used, y = ((const Entry *)b)->used;
  return (x > y) - (x < y);
}

/* Removes what an interrupted write left (a temporary file no write has touched for an hour),
 * then the least recently used files until the directory is within its bound. */
static void
evict (KrLayoutCache *self)
{
  g_autoptr (GDir) dir = g_dir_open (self->directory, 0, NULL);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint64 total = 0;
  const char *name;

  if (dir == NULL)
    return;
  g_array_set_clear_func (entries, entry_clear);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->directory, name, NULL);
      struct stat st;
      Entry entry = { 0 };

      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (!is_key (name) && st.st_mtime < time (NULL) - STALE_SECONDS && g_unlink (path) == 0)
        continue;
      entry.name = g_strdup (name);
      entry.size = (guint64)st.st_size;
      entry.used = (gint64)st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      total += entry.size;
      g_array_append_val (entries, entry);
    }
  if (total <= self->max_size)
    return;
  g_array_sort (entries, by_use);
  for (guint i = 0; i < entries->len && total > self->max_size; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);
      g_autofree char *path = g_build_filename (self->directory, entry->name, NULL);

      if (g_unlink (path) == 0)
        total -= entry->size;
    }
}

gboolean
kr_layout_cache_store (KrLayoutCache *self, const char *key, GBytes *output, GError **error)
{
  g_autoptr (GByteArray) contents = NULL;
  g_autofree char *path = NULL;
  guint8 digest[DIGEST_SIZE];
  gsize size = 0;
  const guint8 *payload;

  g_return_val_if_fail (KR_IS_LAYOUT_CACHE (self), FALSE);
  g_return_val_if_fail (is_key (key), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  payload = g_bytes_get_data (output, &size);
  if (HEADER_SIZE + (guint64)size > entry_limit (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "A layout of %" G_GSIZE_FORMAT " bytes is too large to keep", size);
      return FALSE;
    }
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", self->directory,
                   g_strerror (saved));
      return FALSE;
    }
  entry_digest (key, payload, size, digest);
  contents = g_byte_array_sized_new ((guint)(HEADER_SIZE + size));
  g_byte_array_append (contents, (const guint8 *)MAGIC, MAGIC_SIZE);
  g_byte_array_append (contents, digest, DIGEST_SIZE);
  g_byte_array_append (contents, payload, (guint)size);
  path = g_build_filename (self->directory, key, NULL);
  /* A temporary file renamed into place: readers see the whole entry or none. */
  if (!g_file_set_contents_full (path, (const char *)contents->data, contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  evict (self);
  return TRUE;
}

typedef struct
{
  char *key;
  GBytes *output;
} Store;

static void
store_free (Store *store)
{
  g_free (store->key);
  g_bytes_unref (store->output);
  g_free (store);
}

static void
store_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Store *store = task_data;
  GError *error = NULL;

  if (kr_layout_cache_store (source, store->key, store->output, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kr_layout_cache_store_async (KrLayoutCache *self, const char *key, GBytes *output,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Store *store;

  g_return_if_fail (KR_IS_LAYOUT_CACHE (self));
  g_return_if_fail (is_key (key));
  g_return_if_fail (output != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kr_layout_cache_store_async);
  store = g_new0 (Store, 1);
  store->key = g_strdup (key);
  store->output = g_bytes_ref (output);
  g_task_set_task_data (task, store, (GDestroyNotify)store_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
kr_layout_cache_store_finish (KrLayoutCache *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
