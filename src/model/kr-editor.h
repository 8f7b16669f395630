/* kr-editor.h — edits to a dataset, each checked by the loader's rules and undoable
 *
 * A dataset is immutable: an edit makes a new version of it through the builder
 * (kr-dataset-builder.h), the one that checks every file, so that an edit the loader would
 * reject is refused, with the loader's message, and no sequence of edits can make a file that
 * `--check` rejects. An edit that passes becomes a command (kr-command.h) on the undo stack
 * given to the editor; undoing it brings the previous version back.
 *
 * Records are given whole, as the dataset's own structs: copy the one to change, change its
 * fields, hand it over. Indices in them (an excerpt's article, a deal's parties and proposers)
 * are the current version's; ids of records that exist stay as they are, and records added
 * get an id made from their name or summary.
 *
 * It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"
#include "kr-undo-stack.h"

G_BEGIN_DECLS

/* What deleting a record takes with it. */
typedef struct
{
  guint deals_deleted; /* deals left with fewer than two parties or without evidence */
  guint deals_changed; /* other deals that lose a party, a proposer or an excerpt */
  guint excerpts;      /* excerpts deleted: the entity's own, or every one citing the article */
  GArray *deleted;     /* nullable; when given, receives the indices (guint) of the deals that
                        * go, in order */
  GArray *changed;     /* nullable; likewise, of the deals that lose a party or an excerpt */
} KrDeletion;

/* The deletion said in a sentence or two for people, or NULL when nothing depends on it. */
char *kr_deletion_describe (const KrDeletion *deletion);

#define KR_TYPE_EDITOR (kr_editor_get_type ())
G_DECLARE_FINAL_TYPE (KrEditor, kr_editor, KR, EDITOR, GObject)

/* Edits @dataset, putting each edit on @undo. */
KrEditor *kr_editor_new (KrDataset *dataset, KrUndoStack *undo);

/* The current version; "notify::dataset" says when an edit, an undo or a redo replaced it. */
KrDataset *kr_editor_get_dataset (KrEditor *self);

/* The problems (KrProblem, as the loader reports them: "$.entities[3].name") that replacing
 * record @index with @record would cause; empty when there are none. For checking fields as
 * they are typed: nothing changes. */
GPtrArray *kr_editor_check_entity (KrEditor *self, guint index, const KrEntity *entity);
GPtrArray *kr_editor_check_deal (KrEditor *self, guint index, const KrDeal *deal);
GPtrArray *kr_editor_check_article (KrEditor *self, guint index, const KrArticle *article);

/* The problems that adding @deal would cause, as kr_editor_add_deal() would add it (at the
 * end: "$.deals[N]", N the number of deals now). */
GPtrArray *kr_editor_check_new_deal (KrEditor *self, const KrDeal *deal);
/* The same for adding @article ("$.articles[N]"). */
GPtrArray *kr_editor_check_new_article (KrEditor *self, const KrArticle *article);

/* Replaces record @index with @record (its id is kept). FALSE, with KR_DATASET_ERROR_INVALID
 * and the first problem, when the result would not be a valid dataset. */
gboolean kr_editor_set_entity (KrEditor *self, guint index, const KrEntity *entity, GError **error);
gboolean kr_editor_set_deal (KrEditor *self, guint index, const KrDeal *deal, GError **error);
gboolean kr_editor_set_article (KrEditor *self, guint index, const KrArticle *article,
                                GError **error);

/* Adds @evidence (its article an index in the current version) after the excerpts of deal or
 * entity @index: a passage captured from an article's text. */
gboolean kr_editor_add_deal_excerpt (KrEditor *self, guint index, const KrEvidence *evidence,
                                     GError **error);
gboolean kr_editor_add_entity_excerpt (KrEditor *self, guint index, const KrEvidence *evidence,
                                       GError **error);

/* Adds @record at the end, with a new id made from its name, summary or title (its own id is
 * ignored); @index_out (nullable) receives its index. */
gboolean kr_editor_add_entity (KrEditor *self, const KrEntity *entity, guint *index_out,
                               GError **error);
gboolean kr_editor_add_deal (KrEditor *self, const KrDeal *deal, guint *index_out, GError **error);
gboolean kr_editor_add_article (KrEditor *self, const KrArticle *article, guint *index_out,
                                GError **error);

/* What deleting entity, deal or article @index would take with it. @deletion's lists, when
 * given, are filled: initialise it where it is declared. */
void kr_editor_count_entity_deletion (KrEditor *self, guint index, KrDeletion *deletion);
void kr_editor_count_article_deletion (KrEditor *self, guint index, KrDeletion *deletion);

/* Deletes a record and what depends on it (kr_editor_count_*_deletion()): an entity leaves
 * the deals it was party to, and those left with one party go; an article's excerpts go, and
 * the deals left without evidence. */
gboolean kr_editor_delete_entity (KrEditor *self, guint index, GError **error);
gboolean kr_editor_delete_deal (KrEditor *self, guint index, GError **error);
gboolean kr_editor_delete_article (KrEditor *self, guint index, GError **error);

/* Makes @dataset the current version, as one edit called @label: what was recovered from an
 * autosave, say. */
void kr_editor_replace_dataset (KrEditor *self, KrDataset *dataset, const char *label);

/* Makes entity @other one with entity @keep: @other's name and aliases become @keep's aliases,
 * its names in other languages, country and description fill what @keep lacks, its excerpts
 * join @keep's, and its deals and proposals become @keep's (a deal between the two loses
 * @other, and goes when one party is left). Undo brings both back. */
gboolean kr_editor_merge_entities (KrEditor *self, guint keep, guint other, GError **error);

/* What merging @other into @keep moves, said in a sentence or two for people: its names, its
 * deals and its excerpts, and the deals between the two that go. */
char *kr_editor_describe_merge (KrEditor *self, guint keep, guint other);

G_END_DECLS
