/* test-layout-cache.c — layouts kept on disk: hits, misses, eviction, damaged entries, and a
 * reopened map drawn from the cache exactly as from Graphviz
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "kr-editor.h"
#include "kr-layout-cache.h"
#include "kr-layout-input.h"
#include "kr-layout-output.h"
#include "kr-layout.h"
#include "kr-test-data.h"

/* A temporary directory for one test, removed with what it holds. */
typedef struct
{
  char *path;
} TempDir;

static void
temp_dir_clear (TempDir *dir)
{
  g_autoptr (GDir) d = NULL;
  const char *name;

  if (dir->path == NULL)
    return;
  d = g_dir_open (dir->path, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir->path, name, NULL);
      if (g_remove (path) != 0)
        g_rmdir (path);
    }
  g_rmdir (dir->path);
  g_clear_pointer (&dir->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TempDir, temp_dir_clear)

#define TEMP_DIR_INIT                                                                              \
  {                                                                                                \
    .path = g_dir_make_tmp ("kr-layout-cache-XXXXXX", NULL)                                        \
  }

/* Every file, or (@entries_only) the entries: a write under way is a temporary file
 * "KEY.XXXXXX" beside them. */
static guint
count_some_files (const char *directory, gboolean entries_only)
{
  g_autoptr (GDir) d = g_dir_open (directory, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += !entries_only || strchr (name, '.') == NULL;
  return n;
}

static guint
count_files (const char *directory)
{
  return count_some_files (directory, FALSE);
}

/* The helper's reply for a graph of @n_nodes nodes and one edge, each coordinate shifted by
 * @shift so that replies differ. */
static GBytes *
make_output (guint n_nodes, double shift)
{
  g_autoptr (KrLayoutOutput) output = kr_layout_output_new (100 + shift, 50);
  KrOutputEdge edge = { .n_points = 4 };

  for (guint i = 0; i < n_nodes; i++)
    {
      KrOutputNode node = { .x = i * 10 + shift, .y = 20 };
      if (i == 0)
        {
          node.n_vertices = 3;
          node.vertices = g_new (KrPoint, 3);
          for (guint v = 0; v < 3; v++)
            node.vertices[v] = (KrPoint){ v, -(double)v };
        }
      g_array_append_val (output->nodes, node);
    }
  edge.points = g_new (KrPoint, 4);
  for (guint p = 0; p < 4; p++)
    edge.points[p] = (KrPoint){ p + shift, p * 2 };
  edge.arrow_end = (KrArrow){ TRUE, { 3, 6 }, { 4, 7 } };
  g_array_append_val (output->edges, edge);
  return kr_layout_output_serialize (output);
}

static char *
make_key (const char *text)
{
  g_autoptr (GBytes) request = g_bytes_new (text, strlen (text));
  return kr_layout_cache_key (request, "2.42.2");
}

static char *
entry_path (KrLayoutCache *cache, const char *key)
{
  return g_build_filename (kr_layout_cache_get_directory (cache), key, NULL);
}

static void
store (KrLayoutCache *cache, const char *key, GBytes *output)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (kr_layout_cache_store (cache, key, output, &error));
  g_assert_no_error (error);
}

/* Whether @key holds @output (a reply for @n_nodes nodes and one edge). */
static gboolean
holds (KrLayoutCache *cache, const char *key, GBytes *output, guint n_nodes)
{
  g_autoptr (KrLayoutOutput) found = kr_layout_cache_lookup (cache, key, n_nodes, 1);
  g_autoptr (GBytes) again = NULL;

  if (found == NULL)
    return FALSE;
  again = kr_layout_output_serialize (found);
  return g_bytes_equal (again, output);
}

static void
test_key (void)
{
  g_autofree char *a = make_key ("a request");
  g_autofree char *a2 = make_key ("a request");
  g_autofree char *b = make_key ("another request");
  g_autoptr (GBytes) request = g_bytes_new_static ("a request", 9);
  g_autofree char *newer = kr_layout_cache_key (request, "12.2.1");

  /* SHA-256 in hexadecimal: a file name and nothing more. */
  g_assert_cmpuint (strlen (a), ==, 64);
  g_assert_true (strspn (a, "0123456789abcdef") == 64);
  g_assert_cmpstr (a, ==, a2);
  g_assert_cmpstr (a, !=, b);
  /* Another Graphviz may lay the same request out otherwise. */
  g_assert_cmpstr (a, !=, newer);
}

static void
test_hit_and_miss (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autofree char *directory = g_build_filename (dir.path, "keiretsu", "layouts", NULL);
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (directory, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autofree char *key = make_key ("three nodes");
  g_autofree char *other = make_key ("three other nodes");
  g_autofree char *path = entry_path (cache, key);
  g_autoptr (GBytes) output = make_output (3, 0);
  g_autoptr (GBytes) changed = make_output (3, 5);

  /* Nothing kept yet, not even the directory: a miss. */
  g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
  store (cache, key, output);
  g_assert_true (holds (cache, key, output, 3));
  g_assert_null (kr_layout_cache_lookup (cache, other, 3, 1));
  /* Storing again replaces the entry, leaving nothing else behind. */
  store (cache, key, changed);
  g_assert_true (holds (cache, key, changed, 3));
  g_assert_cmpuint (count_files (directory), ==, 1);
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A reply that does not fit the request fails the helper's checks: a miss, and gone. */
  g_assert_null (kr_layout_cache_lookup (cache, key, 4, 1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_remove (directory);
  g_clear_pointer (&directory, g_free);
  directory = g_build_filename (dir.path, "keiretsu", NULL);
  g_rmdir (directory);
}

static void
set_used (KrLayoutCache *cache, const char *name, gint64 seconds_ago)
{
  g_autofree char *path = entry_path (cache, name);
  struct utimbuf times;

  times.actime = times.modtime = (time_t)(g_get_real_time () / G_USEC_PER_SEC - seconds_ago);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_eviction (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autoptr (GBytes) output = make_output (200, 1);
  g_autoptr (GBytes) huge = make_output (3000, 0);
  /* Room for eight entries and a half (one entry may take an eighth of the bound). */
  guint64 entry = g_bytes_get_size (output) + 40;
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (dir.path, entry * 17 / 2);
  g_autoptr (GError) error = NULL;
  char *keys[10];

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *name = g_strdup_printf ("entry %u", i);
      keys[i] = make_key (name);
    }
  for (guint i = 0; i < 8; i++)
    {
      store (cache, keys[i], output);
      set_used (cache, keys[i], 1000 - i * 10);
    }
  g_assert_cmpuint (count_files (dir.path), ==, 8);
  /* The first is used now: the second is the least recently used. */
  g_assert_true (holds (cache, keys[0], output, 200));
  store (cache, keys[8], output);
  g_assert_cmpuint (count_files (dir.path), ==, 8);
  g_assert_false (holds (cache, keys[1], output, 200));
  for (guint i = 0; i <= 8; i++)
    if (i != 1)
      g_assert_true (holds (cache, keys[i], output, 200));

  /* One entry never takes more than an eighth of the bound. */
  g_assert_cmpuint (g_bytes_get_size (huge), >, entry * 17 / 2 / 8);
  g_assert_false (kr_layout_cache_store (cache, keys[9], huge, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_null (kr_layout_cache_lookup (cache, keys[9], 3000, 1));
  g_assert_cmpuint (count_files (dir.path), ==, 8);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_free (keys[i]);
}

/* Each way an entry can be damaged or not be an entry at all: each a miss, and removed. */
static void
test_damaged (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (dir.path, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autoptr (KrLayoutCache) small = kr_layout_cache_new (dir.path, 8 * 1024);
  g_autofree char *key = make_key ("damaged");
  g_autofree char *foreign = make_key ("foreign");
  g_autofree char *path = entry_path (cache, key);
  g_autofree char *foreign_path = entry_path (cache, foreign);
  g_autoptr (GBytes) output = make_output (3, 0);
  g_autoptr (GBytes) big = make_output (400, 0);
  g_autofree char *good = NULL;
  gsize size;

  store (cache, key, output);
  g_assert_true (g_file_get_contents (path, &good, &size, NULL));

  /* Truncated anywhere, to nothing included. */
  for (gsize cut = 0; cut < size; cut += MAX (1, size / 16))
    {
      g_assert_true (g_file_set_contents (path, good, (gssize)cut, NULL));
      g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  /* One bit flipped, in the header or in the payload. */
  for (gsize at = 0; at < size; at += MAX (1, size / 32))
    {
      g_autofree char *flipped = g_memdup2 (good, size);
      flipped[at] ^= 0x10;
      g_assert_true (g_file_set_contents (path, flipped, (gssize)size, NULL));
      g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  /* Whole and unaltered, but another key's entry. */
  g_assert_true (g_file_set_contents (foreign_path, good, (gssize)size, NULL));
  g_assert_null (kr_layout_cache_lookup (cache, foreign, 3, 1));
  g_assert_false (g_file_test (foreign_path, G_FILE_TEST_EXISTS));
  /* Something else entirely. */
  g_assert_true (g_file_set_contents (path, "{\"entities\": []}", -1, NULL));
  g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Not a plain file: no entry is read through a link, from a pipe or from a folder. */
  g_assert_true (g_file_set_contents (foreign_path, good, (gssize)size, NULL));
  g_assert_cmpint (symlink (foreign_path, path), ==, 0);
  g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
  g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (foreign_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Larger than any entry may be: not even read. */
  store (cache, key, big);
  g_assert_null (kr_layout_cache_lookup (small, key, 400, 1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* After all that, the entry can be kept again. */
  store (cache, key, output);
  g_assert_true (holds (cache, key, output, 3));
}

/* An interrupted write leaves at most a temporary file, which is never taken for the entry. */
static void
test_atomic (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (dir.path, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autofree char *key = make_key ("atomic");
  g_autofree char *path = entry_path (cache, key);
  g_autofree char *partial_name = g_strconcat (key, ".W1TK3Q", NULL);
  g_autofree char *partial = entry_path (cache, partial_name);
  g_autoptr (GBytes) output = make_output (3, 0);
  g_autoptr (GBytes) newer = make_output (3, 7);
  g_autoptr (GError) error = NULL;
  g_autofree char *good = NULL;
  gsize size;

  store (cache, key, output);
  g_assert_true (g_file_get_contents (path, &good, &size, NULL));
  g_assert_true (g_file_set_contents (partial, good, (gssize)size / 2, NULL));
  g_remove (path);
  g_assert_null (kr_layout_cache_lookup (cache, key, 3, 1));
  /* The temporary file goes with a later write once it is an hour old, not before (its write
   * may be under way). */
  store (cache, key, output);
  g_assert_true (g_file_test (partial, G_FILE_TEST_EXISTS));
  set_used (cache, partial_name, 2 * 3600);
  store (cache, key, output);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir.path), ==, 1);

  /* A write that cannot finish leaves the entry there was. */
  store (cache, key, output);
  g_assert_cmpint (g_chmod (dir.path, 0500), ==, 0);
  if (access (dir.path, W_OK) == 0)
    g_test_message ("the directory stays writable (root): skipping the failed write");
  else
    {
      g_assert_false (kr_layout_cache_store (cache, key, newer, &error));
      g_assert_nonnull (error);
      g_assert_true (holds (cache, key, output, 3));
    }
  g_assert_cmpint (g_chmod (dir.path, 0700), ==, 0);
}

static void
got_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_store_async (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (dir.path, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autofree char *key = make_key ("async");
  g_autoptr (GBytes) output = make_output (3, 0);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  kr_layout_cache_store_async (cache, key, output, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kr_layout_cache_store_finish (cache, result, &error));
  g_assert_no_error (error);
  g_assert_true (holds (cache, key, output, 3));
}

/* Off by default in the tests (KEIRETSU_LAYOUT_CACHE=0); otherwise in the user's cache. */
static void
test_default (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (KrLayoutCache) cache = NULL;
      g_autofree char *expected = NULL;

      if (g_strcmp0 (g_getenv (KR_LAYOUT_CACHE_ENV), "0") == 0)
        {
          g_assert_null (kr_layout_cache_dup_default ());
          return;
        }
      cache = kr_layout_cache_dup_default ();
      expected = g_build_filename (g_get_user_cache_dir (), "keiretsu", "layouts", NULL);
      g_assert_nonnull (cache);
      g_assert_cmpstr (kr_layout_cache_get_directory (cache), ==, expected);
      return;
    }
  g_setenv (KR_LAYOUT_CACHE_ENV, "0", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_setenv (KR_LAYOUT_CACHE_ENV, "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_setenv (KR_LAYOUT_CACHE_ENV, "0", TRUE);
}

/* ---- layouts through the cache --------------------------------------------------------------- */

static KrScene *
lay_out (KrDataset *ds, const KrLayoutOptions *options, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  kr_layout_run_async (ds, options, cancellable, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return kr_layout_run_finish (result, error);
}

/* Waits for the entries written in the background to number @n. */
static void
wait_for_entries (const char *directory, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (count_some_files (directory, TRUE) < n && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 100);
  g_assert_cmpuint (count_some_files (directory, TRUE), ==, n);
}

static void
assert_same_point (KrPoint a, KrPoint b)
{
  g_assert_cmpfloat (a.x, ==, b.x);
  g_assert_cmpfloat (a.y, ==, b.y);
}

static void
assert_same_link (const KrSceneLinkLabel *a, const KrSceneLinkLabel *b)
{
  g_assert_cmpstr (a->text, ==, b->text);
  assert_same_point (a->centre, b->centre);
  g_assert_cmpfloat (a->width, ==, b->width);
  g_assert_cmpfloat (a->height, ==, b->height);
}

static void
assert_same_arrow (const KrArrow *a, const KrArrow *b)
{
  g_assert_cmpint (a->present, ==, b->present);
  assert_same_point (a->base, b->base);
  assert_same_point (a->tip, b->tip);
}

/* The same geometry, to the bit. */
static void
assert_same_scene (KrScene *a, KrScene *b)
{
  g_assert_cmpfloat (kr_scene_get_width (a), ==, kr_scene_get_width (b));
  g_assert_cmpfloat (kr_scene_get_height (a), ==, kr_scene_get_height (b));
  g_assert_cmpstr (kr_scene_get_engine (a), ==, kr_scene_get_engine (b));
  g_assert_cmpuint (kr_scene_get_n_nodes (a), ==, kr_scene_get_n_nodes (b));
  g_assert_cmpuint (kr_scene_get_n_edges (a), ==, kr_scene_get_n_edges (b));
  for (guint i = 0; i < kr_scene_get_n_nodes (a); i++)
    {
      const KrSceneNode *x = kr_scene_get_node (a, i), *y = kr_scene_get_node (b, i);

      g_assert_cmpint (x->type, ==, y->type);
      g_assert_cmpuint (x->index, ==, y->index);
      assert_same_point ((KrPoint){ x->x, x->y }, (KrPoint){ y->x, y->y });
      g_assert_cmpfloat (x->width, ==, y->width);
      g_assert_cmpfloat (x->height, ==, y->height);
      g_assert_cmpint (x->shape, ==, y->shape);
      g_assert_cmpuint (x->n_vertices, ==, y->n_vertices);
      for (guint v = 0; v < x->n_vertices; v++)
        assert_same_point (x->vertices[v], y->vertices[v]);
      g_assert_cmpstr (x->label, ==, y->label);
      g_assert_cmpfloat (x->font_size, ==, y->font_size);
      assert_same_link (&x->link_label, &y->link_label);
    }
  for (guint i = 0; i < kr_scene_get_n_edges (a); i++)
    {
      const KrSceneEdge *x = kr_scene_get_edge (a, i), *y = kr_scene_get_edge (b, i);

      g_assert_cmpuint (x->deal, ==, y->deal);
      g_assert_cmpuint (x->tail, ==, y->tail);
      g_assert_cmpuint (x->head, ==, y->head);
      g_assert_cmpuint (x->n_points, ==, y->n_points);
      for (guint p = 0; p < x->n_points; p++)
        assert_same_point (x->points[p], y->points[p]);
      assert_same_arrow (&x->arrow_start, &y->arrow_start);
      assert_same_arrow (&x->arrow_end, &y->arrow_end);
      assert_same_link (&x->link_label, &y->link_label);
    }
}

/* With a helper that can only crash, a layout that succeeds came from the cache. */
static void
assert_misses (KrDataset *ds, const KrLayoutOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = lay_out (ds, options, NULL, &error);

  g_assert_null (scene);
  g_assert_error (error, KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_FAILED);
}

static void
test_reopen (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (dir.path, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrDataset) reopened = kr_test_load_good ("network.json");
  g_autoptr (KrDataset) other = kr_test_load_good ("minimal.json");
  const char *keiretsu = g_getenv ("KEIRETSU");
  const char *worker[] = { keiretsu, KR_LAYOUT_WORKER_OPTION, NULL };
  const char *crashing[] = { "/bin/sh", "-c", "cat >/dev/null; kill -SEGV $$", NULL };
  KrLayoutOptions options = { .engine = KR_ENGINE_DOT, .link_labels = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) fresh = NULL;
  g_autoptr (KrScene) kept = NULL;

  if (keiretsu == NULL)
    {
      g_test_skip ("KEIRETSU names no program to run as the layout helper");
      return;
    }
  kr_layout_cache_set_default (cache);
  kr_layout_set_worker (worker);
  fresh = lay_out (ds, &options, NULL, &error);
  g_assert_no_error (error);
  wait_for_entries (dir.path, 1);

  /* Reopened, the same dataset is laid out without the helper, exactly as it was. */
  kr_layout_set_worker (crashing);
  kept = lay_out (reopened, &options, NULL, &error);
  g_assert_no_error (error);
  assert_same_scene (fresh, kept);

  /* Anything that changes the request misses: the engine, the direction, the link labels,
   * the dataset. */
  assert_misses (ds, &(KrLayoutOptions){ .engine = KR_ENGINE_NEATO, .link_labels = TRUE });
  assert_misses (ds, &(KrLayoutOptions){
                         .engine = KR_ENGINE_DOT, .rankdir = KR_RANKDIR_TB, .link_labels = TRUE });
  assert_misses (ds, &(KrLayoutOptions){ .engine = KR_ENGINE_DOT });
  assert_misses (other, &options);

  /* Cancelling works as before, on a hit too. */
  {
    g_autoptr (GCancellable) cancellable = g_cancellable_new ();
    g_autoptr (KrScene) cancelled = NULL;

    g_clear_error (&error);
    g_cancellable_cancel (cancellable);
    cancelled = lay_out (ds, &options, cancellable, &error);
    g_assert_null (cancelled);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  /* A damaged entry is a miss, and the layout runs again. */
  {
    g_autoptr (GDir) d = g_dir_open (dir.path, 0, NULL);
    g_autofree char *path = g_build_filename (dir.path, g_dir_read_name (d), NULL);
    g_assert_true (g_file_set_contents (path, "KRLAYOUT", -1, NULL));
  }
  assert_misses (ds, &options);
  kr_layout_set_worker (worker);
  g_clear_object (&kept);
  kept = lay_out (ds, &options, NULL, &error);
  g_assert_no_error (error);
  assert_same_scene (fresh, kept);
  wait_for_entries (dir.path, 1);

  kr_layout_set_worker (NULL);
  kr_layout_cache_set_default (NULL);
}

/* An edit that changes nothing the layout sees is laid out as the version before was, without
 * the helper; one that does (a name, so a label's width) is laid out again, starting from
 * where the version before's entities were. */
static void
test_revision (void)
{
  g_auto (TempDir) dir = TEMP_DIR_INIT;
  g_autoptr (KrLayoutCache) cache = kr_layout_cache_new (dir.path, KR_LAYOUT_CACHE_MAX_SIZE);
  g_autoptr (KrDataset) ds = kr_test_load_good ("network.json");
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrEditor) editor = kr_editor_new (ds, undo);
  const char *keiretsu = g_getenv ("KEIRETSU");
  const char *worker[] = { keiretsu, KR_LAYOUT_WORKER_OPTION, NULL };
  const char *crashing[] = { "/bin/sh", "-c", "cat >/dev/null; kill -SEGV $$", NULL };
  KrLayoutOptions options = { .engine = KR_ENGINE_NEATO, .link_labels = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) fresh = NULL;
  g_autoptr (KrScene) revised = NULL;
  KrEntity e;

  if (keiretsu == NULL)
    {
      g_test_skip ("KEIRETSU names no program to run as the layout helper");
      return;
    }
  kr_layout_cache_set_default (cache);
  kr_layout_set_worker (worker);
  fresh = lay_out (ds, &options, NULL, &error);
  g_assert_no_error (error);
  wait_for_entries (dir.path, 1);

  e = *kr_dataset_get_entity (ds, 0);
  e.description = "A description the map does not show";
  g_assert_true (kr_editor_set_entity (editor, 0, &e, &error));
  g_assert_no_error (error);
  kr_layout_set_worker (crashing);
  options.seed = fresh;
  options.anchor = TRUE;
  revised = lay_out (kr_editor_get_dataset (editor), &options, NULL, &error);
  g_assert_no_error (error);
  assert_same_scene (fresh, revised);
  g_assert_true (kr_scene_get_dataset (revised) == kr_editor_get_dataset (editor));

  /* Lines laid out again around an entity moved by hand are not the version before's. */
  options.hold = TRUE;
  assert_misses (kr_editor_get_dataset (editor), &options);
  options.hold = FALSE;

  e.name = "A name of another width";
  g_assert_true (kr_editor_set_entity (editor, 0, &e, &error));
  assert_misses (kr_editor_get_dataset (editor), &options);

  kr_layout_set_worker (NULL);
  kr_layout_cache_set_default (NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layout-cache/key", test_key);
  g_test_add_func ("/layout-cache/hit-and-miss", test_hit_and_miss);
  g_test_add_func ("/layout-cache/eviction", test_eviction);
  g_test_add_func ("/layout-cache/damaged", test_damaged);
  g_test_add_func ("/layout-cache/atomic", test_atomic);
  g_test_add_func ("/layout-cache/store-async", test_store_async);
  g_test_add_func ("/layout-cache/default", test_default);
  g_test_add_func ("/layout-cache/reopen", test_reopen);
  g_test_add_func ("/layout-cache/revision", test_revision);
  return g_test_run ();
}
