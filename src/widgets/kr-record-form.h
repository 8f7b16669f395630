/* kr-record-form.h — the side panel's form for editing an entity, a deal or an article
 *
 * Every field is an entry or a choice, checked as it is typed with the loader's own rules
 * (kr_editor_check_*()): a field the loader would reject is marked, its message under it (a
 * problem with the parties or the excerpts under their list, one that belongs to no field
 * under the form), and Apply waits until there is none. Apply makes the edit, one command on the
 * undo stack; Escape or Cancel leaves the record as it was. Either way, "done" says it is over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-editor.h"

G_BEGIN_DECLS

#define KR_TYPE_RECORD_FORM (kr_record_form_get_type ())
G_DECLARE_FINAL_TYPE (KrRecordForm, kr_record_form, KR, RECORD_FORM, GtkBox)

/* A form for entity @entity, deal @deal or article @article of @editor's dataset. */
GtkWidget *kr_record_form_new_entity (KrEditor *editor, guint entity);
GtkWidget *kr_record_form_new_deal (KrEditor *editor, guint deal);
GtkWidget *kr_record_form_new_article (KrEditor *editor, guint article);
/* A form for a new deal between the @n @entities, with its first excerpt; Apply adds it. */
GtkWidget *kr_record_form_new_deal_between (KrEditor *editor, const guint *entities, guint n);
/* A form for a new deal whose first excerpt is @excerpt, a passage captured from its article
 * (only its stance can change); its parties are chosen in the form. */
GtkWidget *kr_record_form_new_deal_from_excerpt (KrEditor *editor, const KrEvidence *excerpt);
/* A form for a new article, without a heading or buttons of its own: those are its dialog's,
 * as is @text, the view its text is typed or pasted in, which is checked with the fields and
 * marked when the loader finds fault with the text, @text_problem saying why. The form's
 * "valid" property says when kr_record_form_apply() can add it. */
GtkWidget *kr_record_form_new_article_with_text (KrEditor *editor, GtkTextView *text,
                                                 GtkLabel *text_problem);

/* Moves keyboard focus to the first field to type in. */
void kr_record_form_focus (KrRecordForm *self);
/* What Apply and Enter do: when the fields as typed pass the check (made first if it was
 * waiting for typing to pause), makes the edit and says "done". */
void kr_record_form_apply (KrRecordForm *self);
/* Opens the list of entities under a deal's parties, to add one, with the focus in its search;
 * while the deal has fewer than two, the list opens again for the next. */
void kr_record_form_choose_party (KrRecordForm *self);

G_END_DECLS
