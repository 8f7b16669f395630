/* kr-article-dialog.h — a new article: where it was published, and its text pasted or opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kr-editor.h"

G_BEGIN_DECLS

#define KR_TYPE_ARTICLE_DIALOG (kr_article_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KrArticleDialog, kr_article_dialog, KR, ARTICLE_DIALOG, AdwWindow)

/* A dialog that adds the article typed in it through @editor, checked as it is typed with the
 * loader's rules; "added" (with the article's index) is emitted when it did, and the dialog
 * closes itself. */
KrArticleDialog *kr_article_dialog_new (GtkWindow *parent, KrEditor *editor);

/* Fills in the text, as "Open Text File…" does with a file's. */
void kr_article_dialog_set_text (KrArticleDialog *self, const char *text);

G_END_DECLS
