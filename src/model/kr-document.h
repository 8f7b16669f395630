/* kr-document.h — a dataset being made: its file, its edits, and whether they are saved
 *
 * The document owns the editor (kr-editor.h) of the dataset it was opened with, and knows
 * which version is on disk: "modified" is whether the current one is another, so undoing back
 * to the saved version makes it unmodified again. Saving writes the canonical JSON
 * (kr-dataset-writer.h) whole or not at all, keeping the file's mode. Between saves, an
 * autosave beside the file (".NAME.autosave", in the same folder) keeps the latest version, so
 * that a crash loses only what came after it.
 *
 * It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-editor.h"

G_BEGIN_DECLS

#define KR_DOCUMENT_ERROR (kr_document_error_quark ())

typedef enum
{
  KR_DOCUMENT_ERROR_NO_FILE,      /* the built-in dataset or a new map: save it as a file */
  KR_DOCUMENT_ERROR_OTHER_FORMAT, /* a name that says another format, a file read from one, or
                                   * a dataset that format cannot hold */
} KrDocumentError;

GQuark kr_document_error_quark (void);

#define KR_TYPE_DOCUMENT (kr_document_get_type ())
G_DECLARE_FINAL_TYPE (KrDocument, kr_document, KR, DOCUMENT, GObject)

/* @dataset as read from @file (NULL: the built-in dataset), its edits put on @undo. */
KrDocument *kr_document_new (KrDataset *dataset, GFile *file, KrUndoStack *undo);
/* A new, empty map with no file yet. */
KrDocument *kr_document_new_empty (KrUndoStack *undo);

KrEditor *kr_document_get_editor (KrDocument *self);
KrDataset *kr_document_get_dataset (KrDocument *self);
/* Where it was read from or last saved to; NULL for the built-in dataset and a new map. */
GFile *kr_document_get_file (KrDocument *self);
/* Whether Save can write to its file: a Keiretsu dataset's, not a graph file's. */
gboolean kr_document_can_save (KrDocument *self);
/* Whether the current version is not the one on disk ("notify::modified"). */
gboolean kr_document_get_modified (KrDocument *self);

/* Writes the current version to @file (NULL: its own file), which becomes its file; refuses a
 * name that says another format. The autosave, no longer needed, is removed. */
gboolean kr_document_save (KrDocument *self, GFile *file, GError **error);
/* Whether @bytes are what the document last read or wrote: its own save seen by a file
 * monitor, rather than a change made by someone else. */
gboolean kr_document_is_on_disk (KrDocument *self, GBytes *bytes);
/* Says that the file on disk is no longer the version saved (someone else changed it): the
 * document is modified, whatever it holds. */
void kr_document_set_disk_changed (KrDocument *self);

/* Where the autosave of the document goes: ".NAME.autosave" beside its file; NULL without one. */
GFile *kr_document_get_autosave_file (KrDocument *self);
/* Writes the current version to the autosave file, when it is modified. */
gboolean kr_document_autosave (KrDocument *self, GError **error);
/* The version kept by an autosave newer than the file, or NULL when there is none (or it cannot
 * be read, @error saying why). */
KrDataset *kr_document_find_autosave (KrDocument *self, GError **error);
/* Removes the autosave, as when what it kept is discarded. */
void kr_document_remove_autosave (KrDocument *self);

G_END_DECLS
