/* kr-evidence-panel.h — the side panel: what is selected, and the excerpts behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kr-dataset.h"

G_BEGIN_DECLS

/* The kinds of page the panel shows. */
typedef enum
{
  KR_PANEL_PAGE_EMPTY,   /* nothing selected */
  KR_PANEL_PAGE_ENTITY,  /* one entity */
  KR_PANEL_PAGE_DEAL,    /* one deal */
  KR_PANEL_PAGE_ARTICLE, /* one source article */
  KR_PANEL_PAGE_SOURCES, /* every source article */
  KR_PANEL_PAGE_CHAINS,  /* the shortest chains between two entities */
} KrPanelPage;

#define KR_TYPE_EVIDENCE_PANEL (kr_evidence_panel_get_type ())
G_DECLARE_FINAL_TYPE (KrEvidencePanel, kr_evidence_panel, KR, EVIDENCE_PANEL, GtkWidget)

GtkWidget *kr_evidence_panel_new (void);
void kr_evidence_panel_show_entity (KrEvidencePanel *self, KrDataset *dataset, guint entity);
void kr_evidence_panel_show_deal (KrEvidencePanel *self, KrDataset *dataset, guint deal);
void kr_evidence_panel_clear (KrEvidencePanel *self);

/* The dataset's source articles, each opening its page (action win.show-article). */
void kr_evidence_panel_show_articles (KrEvidencePanel *self, KrDataset *dataset);
/* The chains of deals from entity @from to entity @to: GArrays of guint, entity, deal,
 * entity, … as kr_dataset_shortest_paths() gives them. */
void kr_evidence_panel_show_chains (KrEvidencePanel *self, KrDataset *dataset, guint from, guint to,
                                    GPtrArray *chains);
/* One article, and every claim it evidences. */
void kr_evidence_panel_show_article (KrEvidencePanel *self, KrDataset *dataset, guint article);

/* Shows @form, a KrRecordForm editing what the panel shows, in place of its page; what is shown
 * stays the same record, until the page is shown again. */
void kr_evidence_panel_show_form (KrEvidencePanel *self, GtkWidget *form);
/* Whether the panel shows a form. */
gboolean kr_evidence_panel_get_editing (KrEvidencePanel *self);

/* Moves keyboard focus to the panel's content, for reading it. */
void kr_evidence_panel_focus (KrEvidencePanel *self);

/* The kind of page shown. */
KrPanelPage kr_evidence_panel_get_page (KrEvidencePanel *self);

/* The passage selected in the text of the article the panel shows, or NULL. */
char *kr_evidence_panel_get_passage (KrEvidencePanel *self);

/* What the panel shows, as a dataset id, or NULL. */
const char *kr_evidence_panel_get_shown_id (KrEvidencePanel *self);

G_END_DECLS
