/* kr-article-text.h — an article's full text: the file beside the dataset it may come from,
 * and the quotes looked for in it
 *
 * A quote is found in its article when it appears in the article's text once both are
 * normalised: Unicode NFC, typographic quote marks, apostrophes and dashes as their ASCII
 * forms, and every run of white space as one space. Copying a passage out of a web page or a
 * PDF changes those and nothing else; a quote that differs in any other way is not the
 * article's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

/* Why @name cannot name an article's text file, for people (translated), or NULL when it can:
 * a relative path, with forward slashes, that stays inside the dataset's folder. */
const char *kr_text_file_name_problem (const char *name);

/* The text of file @name in @folder (a copy without a byte order mark), or NULL with @error:
 * the name is not one kr_text_file_name_problem() accepts, the file leads out of @folder
 * (through a symbolic link too), is not a regular file, is larger than KR_DATASET_MAX_TEXT or
 * is not UTF-8 text without NUL bytes. The messages say what is wrong without the path. */
char *kr_text_file_read (GFile *folder, const char *name, GCancellable *cancellable,
                         GError **error);

/* Makes the files that @dataset's articles name (text_file) hold their texts beside @file,
 * where the dataset is to be saved: a file that holds its text already is left as it is, one
 * that is not there is written, with any folder it needs. Fails, naming the article and the
 * file, when one holds another text, leads out of the folder or cannot be read; every file is
 * looked at first, so that nothing is written then. A file that holds something else is never
 * replaced. @from is the folder the texts were read from (NULL: none): there, a file changed
 * since is someone's edit and stays as it is. */
gboolean kr_dataset_place_texts (KrDataset *dataset, GFile *from, GFile *file, GError **error);

/* The text of the file at @path, for an article: as kr_text_file_read() reads it, wherever
 * the file is. */
char *kr_text_read_path (const char *path, GError **error);

/* @text normalised for comparing quotes; NULL when @text is not UTF-8. */
char *kr_quote_normalise (const char *text);

/* Whether @quote appears in @normalised, an article's text made by kr_quote_normalise(). */
gboolean kr_quote_found_in (const char *quote, const char *normalised);

/* Whether @quote appears in @text, both normalised. */
gboolean kr_quote_found (const char *quote, const char *text);

/* Whether excerpt @evidence of @dataset appears in its article; TRUE when the article has no
 * text to look in. */
gboolean kr_evidence_is_found (KrDataset *dataset, const KrEvidence *evidence);

/* Every excerpt whose article has a text that the quote does not appear in, as problems
 * (KrProblem) at the quote's JSON path: "$.deals[5].evidence[0].quote". Empty when there is
 * none; a dataset loads with them, and `--check` reports them as warnings. */
GPtrArray *kr_dataset_check_quotes (KrDataset *dataset);

G_END_DECLS
