/* kr-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-dataset-queries.h"
#include "kr-paths.h"
#include "kr-view.h"

#define MAX_HISTORY 100

typedef struct
{
  KrItemKind kind;
  char *id;
} Visit;

struct _KrView
{
  GObject parent_instance;

  GSettings *settings; /* nullable */
  KrDataset *dataset;
  char *key; /* the dataset's address, for its remembered filters */

  KrFilter filter;
  gboolean *shown_entities; /* NULL while the filter is empty */
  gboolean *shown_deals;
  guint focus_depth;
  char *path_start;

  GArray *highlighted_entities; /* guint */
  GArray *highlighted_deals;

  GArray *history; /* Visit, oldest first */
  guint history_at;
  gboolean away; /* from the visit at history_at, to something not kept */
};

G_DEFINE_FINAL_TYPE (KrView, kr_view, G_TYPE_OBJECT)
G_DEFINE_QUARK (kr - view - error - quark, kr_view_error)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed (KrView *self, KrViewChange what)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint)what);
}

/* ---- remembered filters ------------------------------------------------------------------ */

/* The filters chosen for a dataset, as terms; focus, paths and time are not remembered. */
static void
remember_filter (KrView *self)
{
  g_autoptr (GVariant) saved = NULL;
  g_autofree char *terms = NULL;
  const char *before = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *k, *v;

  if (self->settings == NULL || self->key == NULL)
    return;
  saved = g_settings_get_value (self->settings, "dataset-filters");
  terms = kr_filter_terms_to_string (&self->filter);
  if (!g_variant_lookup (saved, self->key, "&s", &before))
    before = "";
  if (g_str_equal (before, terms))
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s&s}", &k, &v))
    if (!g_str_equal (k, self->key))
      g_variant_builder_add (&builder, "{ss}", k, v);
  if (terms[0] != '\0')
    g_variant_builder_add (&builder, "{ss}", self->key, terms);
  g_settings_set_value (self->settings, "dataset-filters", g_variant_builder_end (&builder));
}

/* The filters remembered for the dataset, or FALSE. */
static gboolean
remembered_filter (KrView *self, KrFilter *filter)
{
  g_autoptr (GVariant) saved = NULL;
  g_autofree char *terms = NULL;
  g_auto (GStrv) list = NULL;

  if (self->settings == NULL || self->key == NULL)
    return FALSE;
  saved = g_settings_get_value (self->settings, "dataset-filters");
  if (!g_variant_lookup (saved, self->key, "s", &terms))
    return FALSE;
  list = g_strsplit (terms, ";", -1);
  for (guint i = 0; list[i] != NULL; i++)
    if (!kr_filter_parse_term (filter, list[i], NULL))
      return FALSE;
  return TRUE;
}

/* ---- what the map shows ------------------------------------------------------------------ */

/* @filter applied to the dataset, into new flags; FALSE with @error when it cannot be shown. */
static gboolean
apply (KrView *self, const KrFilter *filter, gboolean **entities, gboolean **deals, GError **error)
{
  g_autofree gboolean *e = NULL;
  g_autofree gboolean *d = NULL;
  guint n_e;
  gboolean any = FALSE;

  if (self->dataset == NULL)
    {
      g_set_error_literal (error, KR_VIEW_ERROR, KR_VIEW_ERROR_NO_DATASET,
                           _ ("There is no map to filter yet"));
      return FALSE;
    }
  n_e = kr_dataset_get_n_entities (self->dataset);
  e = kr_dataset_new_entity_flags (self->dataset);
  d = kr_dataset_new_deal_flags (self->dataset);
  if (!kr_filter_apply (filter, self->dataset, e, d, error))
    return FALSE;
  for (guint i = 0; i < n_e && !any; i++)
    any = e[i];
  if (!any && n_e > 0)
    {
      g_set_error_literal (error, KR_VIEW_ERROR, KR_VIEW_ERROR_NOTHING_SHOWN,
                           _ ("Nothing on the map fits that: the view is unchanged"));
      return FALSE;
    }
  *entities = g_steal_pointer (&e);
  *deals = g_steal_pointer (&d);
  return TRUE;
}

/* Takes @filter's contents and the flags it gives. */
static void
take_filter (KrView *self, KrFilter *filter, gboolean *entities, gboolean *deals)
{
  kr_filter_clear (&self->filter);
  self->filter = *filter;
  kr_filter_init (filter);
  g_clear_pointer (&self->shown_entities, g_free);
  g_clear_pointer (&self->shown_deals, g_free);
  if (kr_filter_is_empty (&self->filter))
    {
      g_free (entities);
      g_free (deals);
    }
  else
    {
      self->shown_entities = entities;
      self->shown_deals = deals;
    }
}

gboolean
kr_view_set_filter (KrView *self, const KrFilter *filter, GError **error)
{
  g_auto (KrFilter) copy = KR_FILTER_INIT;
  gboolean *entities = NULL, *deals = NULL;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  if (!apply (self, filter, &entities, &deals, error))
    return FALSE;
  kr_filter_copy (&copy, filter);
  take_filter (self, &copy, entities, deals);
  remember_filter (self);
  changed (self, KR_VIEW_CHANGED_FILTER);
  return TRUE;
}

const KrFilter *
kr_view_get_filter (KrView *self)
{
  g_return_val_if_fail (KR_IS_VIEW (self), NULL);
  return &self->filter;
}

const gboolean *
kr_view_get_shown_entities (KrView *self)
{
  g_return_val_if_fail (KR_IS_VIEW (self), NULL);
  return self->shown_entities;
}

const gboolean *
kr_view_get_shown_deals (KrView *self)
{
  g_return_val_if_fail (KR_IS_VIEW (self), NULL);
  return self->shown_deals;
}

gboolean
kr_view_clear_part (KrView *self, KrFilterPart part, GError **error)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  kr_filter_copy (&candidate, &self->filter);
  kr_filter_clear_part (&candidate, part);
  return kr_view_set_filter (self, &candidate, error);
}

void
kr_view_clear (KrView *self)
{
  g_auto (KrFilter) empty = KR_FILTER_INIT;

  g_return_if_fail (KR_IS_VIEW (self));
  if (self->dataset != NULL)
    kr_view_set_filter (self, &empty, NULL);
}

gboolean
kr_view_focus (KrView *self, const char *entity, GError **error)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);
  kr_filter_copy (&candidate, &self->filter);
  kr_filter_clear_part (&candidate, KR_FILTER_PART_PATH);
  kr_filter_clear_part (&candidate, KR_FILTER_PART_FOCUS);
  candidate.focus = g_strdup (entity);
  candidate.depth = self->focus_depth;
  return kr_view_set_filter (self, &candidate, error);
}

guint
kr_view_get_focus_depth (KrView *self)
{
  g_return_val_if_fail (KR_IS_VIEW (self), 1);
  return self->focus_depth;
}

gboolean
kr_view_set_focus_depth (KrView *self, guint depth, GError **error)
{
  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);

  self->focus_depth = CLAMP (depth, 1, KR_FILTER_MAX_DEPTH);
  if (self->filter.focus != NULL && self->filter.depth != self->focus_depth)
    {
      g_auto (KrFilter) candidate = KR_FILTER_INIT;
      kr_filter_copy (&candidate, &self->filter);
      candidate.depth = self->focus_depth;
      return kr_view_set_filter (self, &candidate, error);
    }
  return TRUE;
}

gboolean
kr_view_set_focus_radial (KrView *self, gboolean radial, GError **error)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  if (self->filter.focus == NULL || self->filter.radial == !!radial)
    return TRUE;
  kr_filter_copy (&candidate, &self->filter);
  candidate.radial = !!radial;
  return kr_view_set_filter (self, &candidate, error);
}

gboolean
kr_view_set_time (KrView *self, const char *date, gboolean reported, GError **error)
{
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  kr_filter_copy (&candidate, &self->filter);
  kr_filter_clear_part (&candidate, KR_FILTER_PART_TIME);
  if (date != NULL && reported)
    candidate.as_reported = g_strdup (date);
  else if (date != NULL)
    candidate.as_of = g_strdup (date);
  return kr_view_set_filter (self, &candidate, error);
}

void
kr_view_start_path (KrView *self, const char *entity)
{
  g_return_if_fail (KR_IS_VIEW (self));
  g_free (self->path_start);
  self->path_start = g_strdup (entity);
}

const char *
kr_view_get_path_start (KrView *self)
{
  g_return_val_if_fail (KR_IS_VIEW (self), NULL);
  return self->path_start;
}

gboolean
kr_view_finish_path (KrView *self, const char *entity, GError **error)
{
  g_autofree char *start = NULL;
  g_auto (KrFilter) candidate = KR_FILTER_INIT;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  g_return_val_if_fail (self->path_start != NULL && entity != NULL, FALSE);

  start = g_steal_pointer (&self->path_start);
  if (g_str_equal (start, entity))
    return FALSE;
  kr_filter_copy (&candidate, &self->filter);
  kr_filter_clear_part (&candidate, KR_FILTER_PART_FOCUS);
  kr_filter_clear_part (&candidate, KR_FILTER_PART_PATH);
  candidate.path_from = g_steal_pointer (&start);
  candidate.path_to = g_strdup (entity);
  return kr_view_set_filter (self, &candidate, error);
}

GPtrArray *
kr_view_list_chains (KrView *self, guint max)
{
  int a, b;

  g_return_val_if_fail (KR_IS_VIEW (self), NULL);
  if (self->dataset == NULL || self->filter.path_from == NULL)
    return NULL;
  a = kr_dataset_find_entity (self->dataset, self->filter.path_from);
  b = kr_dataset_find_entity (self->dataset, self->filter.path_to);
  if (a < 0 || b < 0)
    return NULL;
  /* The chains through the deals the view shows, between the two. */
  return kr_dataset_shortest_paths (self->dataset, (guint)a, (guint)b, self->shown_deals, max);
}

/* ---- the dates of the timeline ----------------------------------------------------------- */

typedef struct
{
  KrDataset *dataset;
  KrFilter filter; /* the view without its time */
  gboolean reported;
} DatesJob;

static void
dates_job_free (DatesJob *job)
{
  g_object_unref (job->dataset);
  kr_filter_clear (&job->filter);
  g_free (job);
}

/* As of a date before the first deal, or as reported before the first article, there is
 * nothing to draw: only the dates that show something are kept. Nor are those that show what
 * the date kept before them showed (as reported by a date on which nothing was published, as
 * of one on which no deal began or ended): playing through time would seem to stall there. */
static void
list_dates (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  DatesJob *job = data;
  guint n_e = kr_dataset_get_n_entities (job->dataset);
  guint n_d = kr_dataset_get_n_deals (job->dataset);
  g_auto (GStrv) dates = kr_dataset_list_dates (job->dataset, 120);
  g_autoptr (GStrvBuilder) shown = g_strv_builder_new ();
  g_autofree gboolean *entities = kr_dataset_new_entity_flags (job->dataset);
  g_autofree gboolean *deals = kr_dataset_new_deal_flags (job->dataset);
  g_autofree gboolean *kept_entities = kr_dataset_new_entity_flags (job->dataset);
  g_autofree gboolean *kept_deals = kr_dataset_new_deal_flags (job->dataset);
  char **slot = job->reported ? &job->filter.as_reported : &job->filter.as_of;

  for (guint i = 0; dates[i] != NULL; i++)
    {
      gboolean any = FALSE;

      if (g_task_return_error_if_cancelled (task))
        return;
      *slot = dates[i];
      if (kr_filter_apply (&job->filter, job->dataset, entities, deals, NULL))
        for (guint e = 0; e < n_e && !any; e++)
          any = entities[e];
      *slot = NULL;
      if (!any
          || (memcmp (entities, kept_entities, n_e * sizeof (gboolean)) == 0
              && memcmp (deals, kept_deals, n_d * sizeof (gboolean)) == 0))
        continue;
      g_strv_builder_add (shown, dates[i]);
      memcpy (kept_entities, entities, n_e * sizeof (gboolean));
      memcpy (kept_deals, deals, n_d * sizeof (gboolean));
    }
  g_task_return_pointer (task, g_strv_builder_end (shown), (GDestroyNotify)g_strfreev);
}

void
kr_view_list_dates_async (KrView *self, gboolean reported, GCancellable *cancellable,
                          GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  DatesJob *job;

  g_return_if_fail (KR_IS_VIEW (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kr_view_list_dates_async);
  if (self->dataset == NULL)
    {
      g_task_return_pointer (task, g_new0 (char *, 1), (GDestroyNotify)g_strfreev);
      return;
    }
  job = g_new0 (DatesJob, 1);
  job->dataset = g_object_ref (self->dataset);
  kr_filter_copy (&job->filter, &self->filter);
  kr_filter_clear_part (&job->filter, KR_FILTER_PART_TIME);
  job->reported = reported;
  g_task_set_task_data (task, job, (GDestroyNotify)dates_job_free);
  g_task_run_in_thread (task, list_dates);
}

char **
kr_view_list_dates_finish (KrView *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- what stands out --------------------------------------------------------------------- */

static void
set_highlights (KrView *self, const guint *entities, guint n_entities, const guint *deals,
                guint n_deals)
{
  if (n_entities == 0 && n_deals == 0 && self->highlighted_entities->len == 0
      && self->highlighted_deals->len == 0)
    return;
  g_array_set_size (self->highlighted_entities, 0);
  g_array_set_size (self->highlighted_deals, 0);
  g_array_append_vals (self->highlighted_entities, entities, n_entities);
  g_array_append_vals (self->highlighted_deals, deals, n_deals);
  changed (self, KR_VIEW_CHANGED_HIGHLIGHTS);
}

void
kr_view_set_highlights (KrView *self, const guint *entities, guint n_entities, const guint *deals,
                        guint n_deals)
{
  g_return_if_fail (KR_IS_VIEW (self));
  set_highlights (self, entities, n_entities, deals, n_deals);
}

void
kr_view_highlight_article (KrView *self, guint article)
{
  g_autoptr (GArray) entities = NULL;
  g_autoptr (GArray) deals = NULL;

  g_return_if_fail (KR_IS_VIEW (self));
  g_return_if_fail (self->dataset != NULL);
  g_return_if_fail (article < kr_dataset_get_n_articles (self->dataset));

  kr_dataset_list_evidenced_by (self->dataset, article, &entities, &deals);
  set_highlights (self, (const guint *)entities->data, entities->len,
                  (const guint *)deals->data, deals->len);
}

void
kr_view_clear_highlights (KrView *self)
{
  g_return_if_fail (KR_IS_VIEW (self));
  set_highlights (self, NULL, 0, NULL, 0);
}

const guint *
kr_view_get_highlighted_entities (KrView *self, guint *n)
{
  g_return_val_if_fail (KR_IS_VIEW (self) && n != NULL, NULL);
  *n = self->highlighted_entities->len;
  return (const guint *)self->highlighted_entities->data;
}

const guint *
kr_view_get_highlighted_deals (KrView *self, guint *n)
{
  g_return_val_if_fail (KR_IS_VIEW (self) && n != NULL, NULL);
  *n = self->highlighted_deals->len;
  return (const guint *)self->highlighted_deals->data;
}

/* ---- where the user has been ------------------------------------------------------------- */

static void
visit_clear (gpointer data)
{
  g_free (((Visit *)data)->id);
}

void
kr_view_remember (KrView *self, KrItemKind kind, const char *id)
{
  Visit visit = { kind, NULL };

  g_return_if_fail (KR_IS_VIEW (self));
  g_return_if_fail (id != NULL);

  if (self->history->len > 0)
    {
      const Visit *now = &g_array_index (self->history, Visit, self->history_at);
      if (now->kind == kind && g_str_equal (now->id, id))
        {
          /* Back where it was. */
          if (self->away)
            {
              self->away = FALSE;
              changed (self, KR_VIEW_CHANGED_HISTORY);
            }
          return;
        }
      g_array_set_size (self->history, self->history_at + 1);
    }
  visit.id = g_strdup (id);
  g_array_append_val (self->history, visit);
  if (self->history->len > MAX_HISTORY)
    g_array_remove_index (self->history, 0);
  self->history_at = self->history->len - 1;
  self->away = FALSE;
  changed (self, KR_VIEW_CHANGED_HISTORY);
}

void
kr_view_leave (KrView *self)
{
  g_return_if_fail (KR_IS_VIEW (self));
  if (self->away || self->history->len == 0)
    return;
  self->away = TRUE;
  changed (self, KR_VIEW_CHANGED_HISTORY);
}

gboolean
kr_view_can_go (KrView *self, int step)
{
  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  if (step < 0)
    return self->away ? self->history->len > 0 : self->history_at > 0;
  return self->history_at + 1 < self->history->len;
}

gboolean
kr_view_go (KrView *self, int step, KrItemKind *kind, guint *index)
{
  const Visit *there;
  int found;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  g_return_val_if_fail (step == -1 || step == 1, FALSE);

  if (self->dataset == NULL || !kr_view_can_go (self, step))
    return FALSE;
  /* Back from what the history does not keep is the visit it was left from. */
  if (!(self->away && step < 0))
    self->history_at += step;
  self->away = FALSE;
  changed (self, KR_VIEW_CHANGED_HISTORY);
  there = &g_array_index (self->history, Visit, self->history_at);
  found = there->kind == KR_ITEM_ENTITY ? kr_dataset_find_entity (self->dataset, there->id)
                                        : kr_dataset_find_deal (self->dataset, there->id);
  if (found < 0)
    return FALSE;
  *kind = there->kind;
  *index = (guint)found;
  return TRUE;
}

/* ---- the dataset ------------------------------------------------------------------------- */

gboolean
kr_view_set_dataset (KrView *self, KrDataset *dataset, const char *key, GError **error)
{
  gboolean same = self->key != NULL && g_strcmp0 (self->key, key) == 0;
  g_auto (KrFilter) kept = KR_FILTER_INIT;
  gboolean *entities = NULL, *deals = NULL;
  KrViewChange what = KR_VIEW_CHANGED_DATASET | KR_VIEW_CHANGED_FILTER;

  g_autoptr (GError) lost = NULL;

  g_return_val_if_fail (KR_IS_VIEW (self), FALSE);
  g_return_val_if_fail (KR_IS_DATASET (dataset), FALSE);

  if (same)
    /* A new version of the same dataset: the view goes on, as far as its ids still exist. */
    kr_filter_copy (&kept, &self->filter);
  g_set_object (&self->dataset, dataset);
  g_free (self->key);
  self->key = g_strdup (key);
  g_clear_pointer (&self->path_start, g_free);
  if (!same)
    {
      g_array_set_size (self->history, 0);
      self->history_at = 0;
      self->away = FALSE;
      what |= KR_VIEW_CHANGED_HISTORY;
      /* Another dataset: the filters chosen for it last time, if they still fit it. */
      if (!remembered_filter (self, &kept))
        kr_filter_clear (&kept);
    }
  if (!kr_filter_is_empty (&kept) && !apply (self, &kept, &entities, &deals, &lost))
    kr_filter_clear (&kept);
  take_filter (self, &kept, entities, deals);
  if (self->highlighted_entities->len > 0 || self->highlighted_deals->len > 0)
    {
      g_array_set_size (self->highlighted_entities, 0);
      g_array_set_size (self->highlighted_deals, 0);
      what |= KR_VIEW_CHANGED_HIGHLIGHTS;
    }
  changed (self, what);
  if (lost != NULL && same)
    {
      g_propagate_error (error, g_steal_pointer (&lost));
      return FALSE;
    }
  return TRUE;
}

KrDataset *
kr_view_get_dataset (KrView *self)
{
  g_return_val_if_fail (KR_IS_VIEW (self), NULL);
  return self->dataset;
}

/* ---- object ------------------------------------------------------------------------------ */

static void
kr_view_finalize (GObject *object)
{
  KrView *self = KR_VIEW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->key, g_free);
  kr_filter_clear (&self->filter);
  g_clear_pointer (&self->shown_entities, g_free);
  g_clear_pointer (&self->shown_deals, g_free);
  g_clear_pointer (&self->path_start, g_free);
  g_clear_pointer (&self->highlighted_entities, g_array_unref);
  g_clear_pointer (&self->highlighted_deals, g_array_unref);
  g_clear_pointer (&self->history, g_array_unref);
  G_OBJECT_CLASS (kr_view_parent_class)->finalize (object);
}

static void
kr_view_class_init (KrViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kr_view_finalize;

  /**
   * KrView::changed:
   * @what: the KrViewChange flags of what changed
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
kr_view_init (KrView *self)
{
  kr_filter_init (&self->filter);
  self->focus_depth = 1;
  self->highlighted_entities = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlighted_deals = g_array_new (FALSE, FALSE, sizeof (guint));
  self->history = g_array_new (FALSE, FALSE, sizeof (Visit));
  g_array_set_clear_func (self->history, visit_clear);
}

KrView *
kr_view_new (GSettings *settings)
{
  KrView *self = g_object_new (KR_TYPE_VIEW, NULL);

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), self);
  if (settings != NULL)
    self->settings = g_object_ref (settings);
  return self;
}
