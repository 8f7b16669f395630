/* test-document.c — saving, the modified state, and the autosave beside the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "kr-document.h"
#include "kr-test-data.h"

static void
rename_first_entity (KrDocument *document, const char *name)
{
  KrEditor *editor = kr_document_get_editor (document);
  KrEntity e = *kr_dataset_get_entity (kr_editor_get_dataset (editor), 0);
  g_autoptr (GError) error = NULL;

  e.name = name;
  g_assert_true (kr_editor_set_entity (editor, 0, &e, &error));
  g_assert_no_error (error);
}

static void
test_save (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kr-document-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "map.json", NULL);
  g_autofree char *graph_path = g_build_filename (dir, "map.graphml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) graph = g_file_new_for_path (graph_path);
  g_autoptr (GFile) autosave = NULL;
  g_autoptr (KrDataset) minimal = kr_test_load_good ("minimal.json");
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrDocument) document = kr_document_new (minimal, NULL, undo);
  g_autoptr (KrDataset) kept = NULL;
  g_autoptr (KrDataset) reread = NULL;
  g_autoptr (GBytes) written = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  /* The built-in dataset has no file to save to. */
  g_assert_false (kr_document_can_save (document));
  g_assert_false (kr_document_save (document, NULL, &error));
  g_assert_error (error, KR_DOCUMENT_ERROR, KR_DOCUMENT_ERROR_NO_FILE);
  g_clear_error (&error);
  g_assert_null (kr_document_get_autosave_file (document));

  g_assert_false (kr_document_get_modified (document));
  rename_first_entity (document, "Renamed");
  g_assert_true (kr_document_get_modified (document));
  kr_undo_stack_undo (undo);
  g_assert_false (kr_document_get_modified (document));
  kr_undo_stack_redo (undo);

  g_assert_false (kr_document_save (document, graph, &error));
  g_assert_error (error, KR_DOCUMENT_ERROR, KR_DOCUMENT_ERROR_OTHER_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (graph_path, G_FILE_TEST_EXISTS));

  g_assert_true (kr_document_save (document, file, &error));
  g_assert_no_error (error);
  g_assert_false (kr_document_get_modified (document));
  g_assert_true (g_file_equal (kr_document_get_file (document), file));
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  written = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_assert_true (kr_document_is_on_disk (document, written));
  reread = kr_dataset_new_from_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kr_dataset_get_entity (reread, 0)->name, ==, "Renamed");

  /* Undoing past the save makes it modified again; the autosave keeps that version, newer
   * than the file. */
  kr_undo_stack_undo (undo);
  g_assert_true (kr_document_get_modified (document));
  autosave = kr_document_get_autosave_file (document);
  g_assert_true (kr_document_autosave (document, &error));
  g_assert_no_error (error);
  {
    g_autofree char *name = g_file_get_basename (autosave);
    g_assert_cmpstr (name, ==, ".map.json.autosave");
  }
  /* The file system's clock may be coarse: the file is older than the autosave. */
  g_assert_cmpint (g_utime (path, &(struct utimbuf){ .actime = 1000, .modtime = 1000 }), ==, 0);
  kept = kr_document_find_autosave (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kr_dataset_get_entity (kept, 0)->name, ==, "Example Corp");

  /* Saving removes the autosave; someone else writing the file makes it modified. */
  g_assert_true (kr_document_save (document, NULL, &error));
  g_assert_false (g_file_query_exists (autosave, NULL));
  g_assert_null (kr_document_find_autosave (document, &error));
  kr_document_set_disk_changed (document);
  g_assert_true (kr_document_get_modified (document));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_new (void)
{
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrDocument) document = kr_document_new_empty (undo);
  KrEntity e = { .name = "First", .kind = KR_ENTITY_PERSON };
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (kr_dataset_get_n_entities (kr_document_get_dataset (document)), ==, 0);
  g_assert_null (kr_document_get_file (document));
  g_assert_true (kr_editor_add_entity (kr_document_get_editor (document), &e, NULL, &error));
  g_assert_true (kr_document_get_modified (document));
}

/* A graph file's deals have no evidence: saved as a Keiretsu dataset, it would not read back. */
static void
test_graph_not_saved (void)
{
  g_autofree char *source
      = g_test_build_filename (G_TEST_DIST, "data", "formats", "gephi.gexf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (KrDataset) graph = kr_dataset_new_from_file (file, NULL, NULL, &error);
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrDocument) document = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kr-document-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "graph.json", NULL);
  g_autoptr (GFile) target = g_file_new_for_path (path);

  g_assert_no_error (error);
  document = kr_document_new (graph, file, undo);
  g_assert_false (kr_document_can_save (document));
  g_assert_false (kr_document_save (document, target, &error));
  g_assert_error (error, KR_DOCUMENT_ERROR, KR_DOCUMENT_ERROR_OTHER_FORMAT);
  g_assert_nonnull (strstr (error->message, "needs at least one excerpt"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/save", test_save);
  g_test_add_func ("/document/new", test_new);
  g_test_add_func ("/document/graph-not-saved", test_graph_not_saved);
  return g_test_run ();
}
