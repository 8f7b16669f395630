/* kr-editor.c
 *
 * Every edit goes the same way: a draft (kr-editor-private.h) lists the records of the next
 * version, and the builder checks the ones that changed as it checks a file's. Versions are
 * immutable and shared: a command holds the versions before and after it, and undoing it is
 * putting the one before back; a version shares with the one before every record the edit
 * left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-editor-private.h"

struct _KrEditor
{
  GObject parent_instance;

  KrDataset *dataset;
  KrUndoStack *undo;
};

G_DEFINE_FINAL_TYPE (KrEditor, kr_editor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- commands ------------------------------------------------------------------------ */

typedef struct
{
  KrCommand parent;
  KrEditor *editor;
  KrDataset *before;
  KrDataset *after;
} EditCommand;

static void set_dataset (KrEditor *self, KrDataset *dataset);

static void
edit_command_apply (KrCommand *command, gboolean forward)
{
  EditCommand *edit = (EditCommand *)command;

  set_dataset (edit->editor, forward ? edit->after : edit->before);
}

static void
edit_command_finalize (KrCommand *command)
{
  EditCommand *edit = (EditCommand *)command;

  g_clear_object (&edit->editor);
  g_clear_object (&edit->before);
  g_clear_object (&edit->after);
}

static const KrCommandClass edit_command_class = {
  .apply = edit_command_apply,
  .finalize = edit_command_finalize,
};

/* Sets @error to the first of @problems. */
static void
set_error (GError **error, GPtrArray *problems)
{
  const KrProblem *first;

  g_assert (problems->len > 0);
  first = problems->pdata[0];
  if (first->path != NULL && g_str_has_prefix (first->path, "$."))
    g_set_error (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID, "%s: %s", first->path + 2,
                 first->message);
  else
    g_set_error_literal (error, KR_DATASET_ERROR, KR_DATASET_ERROR_INVALID, first->message);
}

/* Makes @after the current version, on the undo stack as @label. */
static void
push (KrEditor *self, KrDataset *after, const char *label)
{
  EditCommand *edit
      = (EditCommand *)kr_command_new (&edit_command_class, sizeof (EditCommand), label);

  edit->editor = g_object_ref (self);
  edit->before = g_object_ref (self->dataset);
  edit->after = g_object_ref (after);
  /* The version before is the previous command's after, or the one read: only this one is
   * the command's own. */
  edit->parent.cost = kr_dataset_get_size (after);
  set_dataset (self, after);
  kr_undo_stack_push (self->undo, &edit->parent);
}

/* Builds the draft and, when it is a valid dataset, makes it the current version. */
static gboolean
commit (KrEditor *self, KrDraft *draft, const char *label, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (KrDataset) after = kr_draft_build (draft, &problems);

  if (after == NULL)
    {
      set_error (error, problems);
      return FALSE;
    }
  push (self, after, label);
  return TRUE;
}

void
kr_editor_replace_dataset (KrEditor *self, KrDataset *dataset, const char *label)
{
  g_return_if_fail (KR_IS_EDITOR (self));
  g_return_if_fail (KR_IS_DATASET (dataset));
  push (self, dataset, label);
}

/* ---- the editor ---------------------------------------------------------------------- */

static void
set_dataset (KrEditor *self, KrDataset *dataset)
{
  if (!g_set_object (&self->dataset, dataset))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
kr_editor_dispose (GObject *object)
{
  KrEditor *self = KR_EDITOR (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (kr_editor_parent_class)->dispose (object);
}

static void
kr_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrEditor *self = KR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_editor_class_init (KrEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kr_editor_dispose;
  object_class->get_property = kr_editor_get_property;

  properties[PROP_DATASET]
      = g_param_spec_object ("dataset", NULL, NULL, KR_TYPE_DATASET,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kr_editor_init (KrEditor *self)
{
  (void)self;
}

KrEditor *
kr_editor_new (KrDataset *dataset, KrUndoStack *undo)
{
  KrEditor *self;

  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (KR_IS_UNDO_STACK (undo), NULL);

  self = g_object_new (KR_TYPE_EDITOR, NULL);
  self->dataset = g_object_ref (dataset);
  self->undo = g_object_ref (undo);
  return self;
}

KrDataset *
kr_editor_get_dataset (KrEditor *self)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  return self->dataset;
}

/* ---- setting and adding records ------------------------------------------------------ */

/* A copy of @record, @size bytes, with @id: what replaces or joins list @list. */
static gpointer
draft_put (KrDraft *draft, KrDraftList list, gint index, gconstpointer record, gsize size,
           const char *id)
{
  gpointer copy = kr_draft_copy (draft, record, 1, size);

  *(const char **)copy = id;
  if (index < 0)
    g_ptr_array_add (draft->lists[list], copy);
  else
    draft->lists[list]->pdata[index] = copy;
  return copy;
}

/* The draft with record @index of @list replaced by @record. */
static void
draft_set (KrDraft *draft, KrDataset *base, KrDraftList list, guint index, gconstpointer record,
           gsize size)
{
  kr_draft_init (draft, base);
  draft_put (draft, list, (gint)index, record, size,
             *(const char *const *)draft->lists[list]->pdata[index]);
}

static GPtrArray *
check (KrEditor *self, KrDraftList list, guint index, gconstpointer record, gsize size)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;

  draft_set (&draft, self->dataset, list, index, record, size);
  return kr_draft_check (&draft);
}

static gboolean
set (KrEditor *self, KrDraftList list, guint index, gconstpointer record, gsize size,
     const char *name, GError **error)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  g_autofree char *label = NULL;

  draft_set (&draft, self->dataset, list, index, record, size);
  /* Translators: an edit in the Undo menu item: "Undo Edit Nissan" */
  label = g_strdup_printf (_ ("Edit %s"), name);
  return commit (self, &draft, label, error);
}

GPtrArray *
kr_editor_check_entity (KrEditor *self, guint index, const KrEntity *entity)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->dataset->n_entities && entity != NULL, NULL);
  return check (self, KR_DRAFT_ENTITIES, index, entity, sizeof *entity);
}

GPtrArray *
kr_editor_check_deal (KrEditor *self, guint index, const KrDeal *deal)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->dataset->n_deals && deal != NULL, NULL);
  return check (self, KR_DRAFT_DEALS, index, deal, sizeof *deal);
}

GPtrArray *
kr_editor_check_article (KrEditor *self, guint index, const KrArticle *article)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->dataset->n_articles && article != NULL, NULL);
  return check (self, KR_DRAFT_ARTICLES, index, article, sizeof *article);
}

gboolean
kr_editor_set_entity (KrEditor *self, guint index, const KrEntity *entity, GError **error)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_entities && entity != NULL, FALSE);
  return set (self, KR_DRAFT_ENTITIES, index, entity, sizeof *entity,
              kr_dataset_entity_at (self->dataset, index)->name, error);
}

gboolean
kr_editor_set_deal (KrEditor *self, guint index, const KrDeal *deal, GError **error)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_deals && deal != NULL, FALSE);
  return set (self, KR_DRAFT_DEALS, index, deal, sizeof *deal,
              kr_dataset_deal_at (self->dataset, index)->summary, error);
}

gboolean
kr_editor_set_article (KrEditor *self, guint index, const KrArticle *article, GError **error)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_articles && article != NULL, FALSE);
  return set (self, KR_DRAFT_ARTICLES, index, article, sizeof *article,
              kr_dataset_article_at (self->dataset, index)->title, error);
}

/* @evidence, @n excerpts, with @more after them: free with g_free(). */
static KrEvidence *
evidence_with (const KrEvidence *evidence, guint n, const KrEvidence *more)
{
  KrEvidence *out = g_new (KrEvidence, n + 1);

  if (n > 0)
    memcpy (out, evidence, n * sizeof *out);
  out[n] = *more;
  return out;
}

gboolean
kr_editor_add_deal_excerpt (KrEditor *self, guint index, const KrEvidence *evidence, GError **error)
{
  g_autofree KrEvidence *excerpts = NULL;
  KrDeal deal;

  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_deals && evidence != NULL, FALSE);

  deal = *kr_dataset_deal_at (self->dataset, index);
  excerpts = evidence_with (deal.evidence, deal.n_evidence, evidence);
  deal.evidence = excerpts;
  deal.n_evidence++;
  return set (self, KR_DRAFT_DEALS, index, &deal, sizeof deal, deal.summary, error);
}

gboolean
kr_editor_add_entity_excerpt (KrEditor *self, guint index, const KrEvidence *evidence,
                              GError **error)
{
  g_autofree KrEvidence *excerpts = NULL;
  KrEntity entity;

  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_entities && evidence != NULL, FALSE);

  entity = *kr_dataset_entity_at (self->dataset, index);
  excerpts = evidence_with (entity.evidence, entity.n_evidence, evidence);
  entity.evidence = excerpts;
  entity.n_evidence++;
  return set (self, KR_DRAFT_ENTITIES, index, &entity, sizeof entity, entity.name, error);
}

static gboolean
add (KrEditor *self, KrDraftList list, gconstpointer record, gsize size, const char *name,
     const char *fallback_id, guint *index_out, GError **error)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  g_autofree char *label = NULL;
  guint index;

  kr_draft_init (&draft, self->dataset);
  index = draft.lists[list]->len;
  draft_put (&draft, list, -1, record, size, kr_draft_make_id (&draft, name, fallback_id));
  /* Translators: an edit in the Undo menu item: "Undo Add Nissan" */
  label = g_strdup_printf (_ ("Add %s"), name != NULL ? name : "");
  if (!commit (self, &draft, label, error))
    return FALSE;
  if (index_out != NULL)
    *index_out = index;
  return TRUE;
}

/* The problems adding @record to @list would cause, as add() would add it. */
static GPtrArray *
check_new (KrEditor *self, KrDraftList list, gconstpointer record, gsize size, const char *name,
           const char *fallback_id)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;

  kr_draft_init (&draft, self->dataset);
  draft_put (&draft, list, -1, record, size, kr_draft_make_id (&draft, name, fallback_id));
  return kr_draft_check (&draft);
}

GPtrArray *
kr_editor_check_new_deal (KrEditor *self, const KrDeal *deal)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  g_return_val_if_fail (deal != NULL, NULL);
  return check_new (self, KR_DRAFT_DEALS, deal, sizeof *deal, deal->summary, "deal");
}

GPtrArray *
kr_editor_check_new_article (KrEditor *self, const KrArticle *article)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  g_return_val_if_fail (article != NULL, NULL);
  return check_new (self, KR_DRAFT_ARTICLES, article, sizeof *article, article->title, "article");
}

gboolean
kr_editor_add_entity (KrEditor *self, const KrEntity *entity, guint *index_out, GError **error)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  return add (self, KR_DRAFT_ENTITIES, entity, sizeof *entity, entity->name, "entity", index_out,
              error);
}

gboolean
kr_editor_add_deal (KrEditor *self, const KrDeal *deal, guint *index_out, GError **error)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (deal != NULL, FALSE);
  return add (self, KR_DRAFT_DEALS, deal, sizeof *deal, deal->summary, "deal", index_out, error);
}

gboolean
kr_editor_add_article (KrEditor *self, const KrArticle *article, guint *index_out, GError **error)
{
  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (article != NULL, FALSE);
  return add (self, KR_DRAFT_ARTICLES, article, sizeof *article, article->title, "article",
              index_out, error);
}

/* ---- deleting and merging ------------------------------------------------------------ */

void
kr_editor_count_entity_deletion (KrEditor *self, guint index, KrDeletion *deletion)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;

  g_return_if_fail (KR_IS_EDITOR (self));
  g_return_if_fail (index < self->dataset->n_entities && deletion != NULL);

  *deletion = (KrDeletion){
    .excerpts = kr_dataset_entity_at (self->dataset, index)->n_evidence,
    .deleted = deletion->deleted,
    .changed = deletion->changed,
  };
  kr_draft_init (&draft, self->dataset);
  kr_draft_remove_entity (&draft, index, G_MAXUINT, deletion);
}

void
kr_editor_count_article_deletion (KrEditor *self, guint index, KrDeletion *deletion)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;

  g_return_if_fail (KR_IS_EDITOR (self));
  g_return_if_fail (index < self->dataset->n_articles && deletion != NULL);

  *deletion = (KrDeletion){ .deleted = deletion->deleted, .changed = deletion->changed };
  kr_draft_init (&draft, self->dataset);
  kr_draft_remove_article (&draft, index, deletion);
}

/* Translators: an edit in the Undo menu item: "Undo Delete Nissan" */
#define DELETE_LABEL N_ ("Delete %s")

gboolean
kr_editor_delete_entity (KrEditor *self, guint index, GError **error)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  g_autofree char *label = NULL;
  KrDeletion deletion = { .deals_deleted = 0 };

  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_entities, FALSE);

  kr_draft_init (&draft, self->dataset);
  kr_draft_remove_entity (&draft, index, G_MAXUINT, &deletion);
  label = g_strdup_printf (_ (DELETE_LABEL), kr_dataset_entity_at (self->dataset, index)->name);
  return commit (self, &draft, label, error);
}

gboolean
kr_editor_delete_deal (KrEditor *self, guint index, GError **error)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  g_autofree char *label = NULL;

  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_deals, FALSE);

  kr_draft_init (&draft, self->dataset);
  g_ptr_array_remove_index (draft.lists[KR_DRAFT_DEALS], index);
  label = g_strdup_printf (_ (DELETE_LABEL), kr_dataset_deal_at (self->dataset, index)->summary);
  return commit (self, &draft, label, error);
}

gboolean
kr_editor_delete_article (KrEditor *self, guint index, GError **error)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  g_autofree char *label = NULL;
  KrDeletion deletion = { .deals_deleted = 0 };

  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (index < self->dataset->n_articles, FALSE);

  kr_draft_init (&draft, self->dataset);
  kr_draft_remove_article (&draft, index, &deletion);
  label = g_strdup_printf (_ (DELETE_LABEL), kr_dataset_article_at (self->dataset, index)->title);
  return commit (self, &draft, label, error);
}

gboolean
kr_editor_merge_entities (KrEditor *self, guint keep, guint other, GError **error)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  g_autofree char *label = NULL;
  KrDeletion deletion = { .deals_deleted = 0 };
  const KrEntity *k, *o;

  g_return_val_if_fail (KR_IS_EDITOR (self), FALSE);
  g_return_val_if_fail (keep < self->dataset->n_entities, FALSE);
  g_return_val_if_fail (other < self->dataset->n_entities && other != keep, FALSE);

  k = kr_dataset_entity_at (self->dataset, keep);
  o = kr_dataset_entity_at (self->dataset, other);
  kr_draft_init (&draft, self->dataset);
  draft.lists[KR_DRAFT_ENTITIES]->pdata[keep] = kr_draft_merged_entity (&draft, k, o);
  kr_draft_remove_entity (&draft, other, keep, &deletion);
  /* Translators: an edit in the Undo menu item: "Undo Merge Nissan Motor into Nissan" */
  label = g_strdup_printf (_ ("Merge %s into %s"), o->name, k->name);
  return commit (self, &draft, label, error);
}

char *
kr_editor_describe_merge (KrEditor *self, guint keep, guint other)
{
  g_auto (KrDraft) draft = KR_DRAFT_INIT;
  KrDeletion deletion = { .deals_deleted = 0 };
  const KrEntity *k, *o;
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (KR_IS_EDITOR (self), NULL);
  g_return_val_if_fail (keep < self->dataset->n_entities, NULL);
  g_return_val_if_fail (other < self->dataset->n_entities && other != keep, NULL);

  k = kr_dataset_entity_at (self->dataset, keep);
  o = kr_dataset_entity_at (self->dataset, other);
  kr_draft_init (&draft, self->dataset);
  kr_draft_remove_entity (&draft, other, keep, &deletion);
  /* Its name and its aliases become @keep's aliases. */
  if (o->n_aliases == 0)
    /* Translators: what merging says: "“Nissan Motor” becomes another name of “Nissan”." */
    g_string_append_printf (out, _ ("“%s” becomes another name of “%s”."), o->name, k->name);
  else
    g_string_append_printf (out, _ ("“%s” and its other names become other names of “%s”."),
                            o->name, k->name);
  if (deletion.deals_changed > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "%u deal moves to it.",
                                           "%u deals move to it.", deletion.deals_changed),
                              deletion.deals_changed);
    }
  if (o->n_evidence > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE, "%u excerpt moves to it.",
                                           "%u excerpts move to it.", o->n_evidence),
                              o->n_evidence);
    }
  if (deletion.deals_deleted > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (
          out,
          g_dngettext (GETTEXT_PACKAGE, "%u deal between the two goes, with no other party.",
                       "%u deals between the two go, with no other party.", deletion.deals_deleted),
          deletion.deals_deleted);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
kr_deletion_describe (const KrDeletion *deletion)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (deletion != NULL, NULL);

  if (deletion->deals_deleted > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal goes with it.",
                                                   "%u deals go with it.", deletion->deals_deleted),
                                      deletion->deals_deleted));
  if (deletion->deals_changed > 0)
    g_ptr_array_add (
        parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more deal loses it.",
                                             "%u more deals lose it.", deletion->deals_changed),
                                deletion->deals_changed));
  if (deletion->excerpts > 0)
    g_ptr_array_add (parts,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u excerpt is deleted.",
                                                   "%u excerpts are deleted.", deletion->excerpts),
                                      deletion->excerpts));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" ", (char **)parts->pdata);
}
