/* kr-saved-views.c — the named views of a dataset, and their member of the views file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-saved-views"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-problem.h"
#include "kr-saved-views-private.h"

G_DEFINE_QUARK (kr - saved - views - error - quark, kr_saved_views_error)

/* ---- one view ---------------------------------------------------------------------------- */

void
kr_saved_view_clear (KrSavedView *view)
{
  g_clear_pointer (&view->name, g_free);
  kr_filter_clear (&view->filter);
  g_clear_pointer (&view->engine, g_free);
  g_clear_pointer (&view->direction, g_free);
  g_clear_pointer (&view->later, json_object_unref);
  *view = (KrSavedView)KR_SAVED_VIEW_INIT;
}

void
kr_saved_view_copy (KrSavedView *dest, const KrSavedView *src)
{
  *dest = (KrSavedView){
    .name = g_strdup (src->name),
    .engine = g_strdup (src->engine),
    .direction = g_strdup (src->direction),
    .framed = src->framed,
    .x = src->x,
    .y = src->y,
    .zoom = src->zoom,
    .later = src->later != NULL ? json_object_ref (src->later) : NULL,
  };
  kr_filter_copy (&dest->filter, &src->filter);
}

char *
kr_saved_view_check_name (const char *name, GError **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME,
                           _ ("A view’s name must be text"));
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (name));
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME,
                           _ ("A view needs a name"));
      return NULL;
    }
  if (g_utf8_strlen (trimmed, -1) > KR_SAVED_VIEW_NAME_MAX)
    {
      g_set_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME,
                   _ ("A view’s name can be at most %d characters long"), KR_SAVED_VIEW_NAME_MAX);
      return NULL;
    }
  for (const char *c = trimmed; *c != '\0'; c = g_utf8_next_char (c))
    if (g_unichar_iscntrl (g_utf8_get_char (c)))
      {
        g_set_error_literal (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_NAME,
                             _ ("A view’s name must be one line of text"));
        return NULL;
      }
  return g_steal_pointer (&trimmed);
}

/* Adds @id to @gone, once. */
static void
note_gone (GPtrArray *gone, const char *id)
{
  for (guint i = 0; i < gone->len; i++)
    if (g_str_equal (gone->pdata[i], id))
      return;
  g_ptr_array_add (gone, g_strdup (id));
}

char *
kr_saved_view_fit (KrFilter *filter, KrDataset *dataset)
{
  g_autoptr (GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (KR_IS_DATASET (dataset), NULL);

  if (filter->focus != NULL && kr_dataset_find_entity (dataset, filter->focus) < 0)
    {
      note_gone (gone, filter->focus);
      kr_filter_clear_part (filter, KR_FILTER_PART_FOCUS);
    }
  if (filter->path_from != NULL)
    {
      gboolean from = kr_dataset_find_entity (dataset, filter->path_from) >= 0;
      gboolean to = kr_dataset_find_entity (dataset, filter->path_to) >= 0;

      if (!from)
        note_gone (gone, filter->path_from);
      if (!to)
        note_gone (gone, filter->path_to);
      if (!from || !to)
        kr_filter_clear_part (filter, KR_FILTER_PART_PATH);
    }
  if (filter->articles != NULL)
    {
      g_autoptr (GStrvBuilder) kept = g_strv_builder_new ();
      gboolean any = FALSE;

      for (guint i = 0; filter->articles[i] != NULL; i++)
        if (kr_dataset_find_article (dataset, filter->articles[i]) >= 0)
          {
            g_strv_builder_add (kept, filter->articles[i]);
            any = TRUE;
          }
        else
          note_gone (gone, filter->articles[i]);
      g_strfreev (filter->articles);
      /* With none left, the view shows what every article evidences. */
      filter->articles = any ? g_strv_builder_end (kept) : NULL;
    }
  if (gone->len == 0)
    return NULL;
  g_ptr_array_add (gone, NULL);
  {
    /* Translators: put between the items of a list, as in "Alliance, Supply" */
    g_autofree char *list = g_strjoinv (C_ ("list separator", ", "), (char **)gone->pdata);
    g_autofree char *shown = kr_problem_printable (list, 200);
    /* Translators: %s lists ids of entities or articles */
    return g_strdup_printf (_ ("No longer in the dataset, so left out of the view: %s"), shown);
  }
}

/* ---- the list ------------------------------------------------------------------------------ */

struct _KrSavedViews
{
  GObject parent_instance;

  GArray *views; /* KrSavedView, in the order people arranged them */
};

G_DEFINE_FINAL_TYPE (KrSavedViews, kr_saved_views, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kr_saved_views_finalize (GObject *object)
{
  KrSavedViews *self = KR_SAVED_VIEWS (object);

  g_clear_pointer (&self->views, g_array_unref);
  G_OBJECT_CLASS (kr_saved_views_parent_class)->finalize (object);
}

static void
kr_saved_views_class_init (KrSavedViewsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kr_saved_views_finalize;

  /**
   * KrSavedViews::changed:
   *
   * A view was saved, renamed or removed, or the views were read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
kr_saved_views_init (KrSavedViews *self)
{
  self->views = g_array_new (FALSE, FALSE, sizeof (KrSavedView));
  g_array_set_clear_func (self->views, (GDestroyNotify)kr_saved_view_clear);
}

KrSavedViews *
kr_saved_views_new (void)
{
  return g_object_new (KR_TYPE_SAVED_VIEWS, NULL);
}

guint
kr_saved_views_get_n_views (KrSavedViews *self)
{
  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), 0);
  return self->views->len;
}

const KrSavedView *
kr_saved_views_get_view (KrSavedViews *self, guint position)
{
  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), NULL);
  g_return_val_if_fail (position < self->views->len, NULL);
  return &g_array_index (self->views, KrSavedView, position);
}

int
kr_saved_views_find (KrSavedViews *self, const char *name)
{
  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->views->len; i++)
    if (g_str_equal (g_array_index (self->views, KrSavedView, i).name, name))
      return (int)i;
  return -1;
}

char **
kr_saved_views_get_names (KrSavedViews *self)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), NULL);
  for (guint i = 0; i < self->views->len; i++)
    g_strv_builder_add (names, g_array_index (self->views, KrSavedView, i).name);
  return g_strv_builder_end (names);
}

gboolean
kr_saved_views_put (KrSavedViews *self, const KrSavedView *view, int position, GError **error)
{
  g_autofree char *name = NULL;
  KrSavedView copy = KR_SAVED_VIEW_INIT;
  int at;

  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), FALSE);
  g_return_val_if_fail (view != NULL && view->name != NULL, FALSE);

  name = kr_saved_view_check_name (view->name, error);
  if (name == NULL)
    return FALSE;
  kr_saved_view_copy (&copy, view);
  g_free (copy.name);
  copy.name = g_steal_pointer (&name);
  at = kr_saved_views_find (self, copy.name);
  if (at >= 0)
    {
      kr_saved_view_clear (&g_array_index (self->views, KrSavedView, at));
      g_array_index (self->views, KrSavedView, at) = copy;
    }
  else if (position < 0 || (guint)position >= self->views->len)
    g_array_append_val (self->views, copy);
  else
    g_array_insert_val (self->views, (guint)position, copy);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
kr_saved_views_rename (KrSavedViews *self, const char *name, const char *new_name, GError **error)
{
  g_autofree char *checked = NULL;
  int at, other;

  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), FALSE);
  g_return_val_if_fail (name != NULL && new_name != NULL, FALSE);

  at = kr_saved_views_find (self, name);
  if (at < 0)
    {
      g_autofree char *shown = kr_problem_quote (name);
      g_set_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_UNKNOWN,
                   _ ("There is no view named “%s”"), shown);
      return FALSE;
    }
  checked = kr_saved_view_check_name (new_name, error);
  if (checked == NULL)
    return FALSE;
  other = kr_saved_views_find (self, checked);
  if (other >= 0 && other != at)
    {
      g_set_error (error, KR_SAVED_VIEWS_ERROR, KR_SAVED_VIEWS_ERROR_EXISTS,
                   _ ("Another view is named “%s”"), checked);
      return FALSE;
    }
  if (other == at)
    return TRUE;
  g_free (g_array_index (self->views, KrSavedView, at).name);
  g_array_index (self->views, KrSavedView, at).name = g_steal_pointer (&checked);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

int
kr_saved_views_remove (KrSavedViews *self, const char *name)
{
  int at;

  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  at = kr_saved_views_find (self, name);
  if (at < 0)
    return -1;
  g_array_remove_index (self->views, (guint)at);
  g_signal_emit (self, signals[CHANGED], 0);
  return at;
}

gboolean
kr_saved_views_load (KrSavedViews *self, JsonNode *member, GError **error)
{
  const KrPlace top = { .key = KR_SAVED_VIEWS_MEMBER };
  g_autoptr (GArray) views = g_array_new (FALSE, FALSE, sizeof (KrSavedView));
  JsonArray *array;
  gboolean ok = TRUE;

  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), FALSE);

  g_array_set_clear_func (views, (GDestroyNotify)kr_saved_view_clear);
  array = member != NULL ? _kr_saved_views_read_array (member, &top, error) : NULL;
  ok = member == NULL || array != NULL;
  for (guint i = 0; ok && array != NULL && i < json_array_get_length (array); i++)
    {
      const KrPlace at = { .up = &top, .key = NULL, .index = i, .indexed = TRUE };
      KrSavedView view = KR_SAVED_VIEW_INIT;

      ok = _kr_saved_view_read (&view, json_array_get_element (array, i), &at, error);
      g_array_append_val (views, view);
      for (guint j = 0; ok && j + 1 < views->len; j++)
        if (g_str_equal (g_array_index (views, KrSavedView, j).name, view.name))
          {
            const KrPlace name = { .up = &at, .key = "name" };
            _kr_saved_views_invalid (error, &name, _ ("another view is named “%s” already"),
                                     view.name);
            ok = FALSE;
          }
    }
  if (!ok)
    g_array_set_size (views, 0);
  g_clear_pointer (&self->views, g_array_unref);
  self->views = g_steal_pointer (&views);
  g_signal_emit (self, signals[CHANGED], 0);
  return ok;
}

JsonNode *
kr_saved_views_to_json (KrSavedViews *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (KR_IS_SAVED_VIEWS (self), NULL);
  if (self->views->len == 0)
    return NULL;
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->views->len; i++)
    _kr_saved_view_write (&g_array_index (self->views, KrSavedView, i), builder);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
