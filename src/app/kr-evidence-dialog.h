/* kr-evidence-dialog.h — a passage of an article made an excerpt of a deal or an entity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "kr-editor.h"

G_BEGIN_DECLS

#define KR_TYPE_EVIDENCE_DIALOG (kr_evidence_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KrEvidenceDialog, kr_evidence_dialog, KR, EVIDENCE_DIALOG, AdwWindow)

/* A dialog that adds @passage of article @article, verbatim, to the excerpts of the deal or
 * entity chosen in it, or makes it the first excerpt of a new deal filled in there, with the
 * stance chosen, through @editor. "made" (whether it is a deal, and its index) is emitted when
 * it did, and the dialog closes itself. */
KrEvidenceDialog *kr_evidence_dialog_new (GtkWindow *parent, KrEditor *editor, guint article,
                                          const char *passage);

G_END_DECLS
