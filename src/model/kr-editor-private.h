/* kr-editor-private.h — the editor's drafts: what the next version of a dataset lists
 *
 * A draft lists the records of the next version, most of them the current version's own, a few
 * copies changed, added or left out; the builder checks the copies as it checks a file's
 * records, and the version made shares the others, with their strings and lists. Indices inside
 * records (an excerpt's article, a party) are the current version's, whatever the draft leaves out:
 * references are written as ids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset-private.h"
#include "kr-editor.h"

G_BEGIN_DECLS

typedef enum
{
  KR_DRAFT_ARTICLES,
  KR_DRAFT_ENTITIES,
  KR_DRAFT_DEALS,
  KR_DRAFT_N_LISTS
} KrDraftList;

typedef struct
{
  KrDataset *base;
  /* const KrArticle *, const KrEntity *, const KrDeal *: the base's, or copies in owned */
  GPtrArray *lists[KR_DRAFT_N_LISTS];
  GPtrArray *owned;
} KrDraft;

void kr_draft_init (KrDraft *draft, KrDataset *base);
void kr_draft_clear (KrDraft *draft);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KrDraft, kr_draft_clear)
#define KR_DRAFT_INIT                                                                              \
  {                                                                                                \
    .base = NULL                                                                                   \
  }

/* A copy of @n elements of @size bytes (@data NULL: zeroed) that lives as long as the draft. */
gpointer kr_draft_copy (KrDraft *draft, gconstpointer data, guint n, gsize size);
/* @copy, the draft's latest copy, grown to @n elements of @size bytes. */
gpointer kr_draft_grow (KrDraft *draft, gpointer copy, guint n, gsize size);
/* An id no record of the draft has, made of @text's letters and digits ("Sony Group" →
 * "sony-group"), or of @fallback when it has none (a name in Japanese). */
char *kr_draft_make_id (KrDraft *draft, const char *text, const char *fallback);

/* Leaves entity @index out, its deals and proposals made @to's (G_MAXUINT: left out too); a
 * deal left with one party goes. */
void kr_draft_remove_entity (KrDraft *draft, guint index, guint to, KrDeletion *deletion);
/* Leaves article @index out, with its excerpts; a deal left without evidence goes. */
void kr_draft_remove_article (KrDraft *draft, guint index, KrDeletion *deletion);
/* @keep with what @other adds to it: aliases, names, excerpts, country and description. */
KrEntity *kr_draft_merged_entity (KrDraft *draft, const KrEntity *keep, const KrEntity *other);

/* The dataset the draft describes, or NULL; @problems gets what the builder found. Only the
 * records that changed are checked and built: the version shares the others with the base. */
KrDataset *kr_draft_build (KrDraft *draft, GPtrArray **problems);
/* What kr_draft_build() would find, without making the version. */
GPtrArray *kr_draft_check (KrDraft *draft);

G_END_DECLS
