/* kr-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-map"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-arrangement.h"
#include "kr-map.h"

struct _KrMap
{
  GObject parent_instance;

  KrDataset *dataset;
  /* The whole map of the dataset, per engine, direction and with or without link labels: the
   * direction only counts for dot, the others are kept under the first one. */
  KrScene *whole[KR_N_ENGINES][KR_N_RANKDIRS][2];
  KrScene *previous; /* of the version before, where a revision starts from */
  KrScene *draft;    /* a quick first placement of a large map, shown until sfdp's is ready */
  gboolean waiting;  /* for the map in full (kr_map_show_and_wait): no draft is wanted */

  KrScene *arranged; /* the view's own arrangement, or NULL */
  KrMapArrangement arrangement;

  /* The view, copied. */
  KrEngine engine;
  KrRankdir rankdir;
  gboolean link_labels;
  gboolean *shown_entities;
  gboolean *shown_deals;
  char *radial;
  GHashTable *pins; /* a copy of the view's, or NULL */
  gboolean shown;   /* the view was shown since the dataset was set */

  KrScene *scene; /* what shows it */

  GCancellable *cancellable; /* of the layout under way */
  KrLayoutOptions *pending;  /* what it was asked for */
  KrMapArrangement pending_arrangement;
};

G_DEFINE_FINAL_TYPE (KrMap, kr_map, G_TYPE_OBJECT)

/* See wants_draft (). */
#define DRAFT_ENTITIES 5000

enum
{
  PROP_0,
  PROP_SCENE,
  PROP_BUSY,
  N_PROPS
};

enum
{
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
kr_map_pins_key (KrEngine engine, KrRankdir rankdir)
{
  g_return_val_if_fail ((guint)engine < KR_N_ENGINES && (guint)rankdir < KR_N_RANKDIRS, NULL);

  if (engine == KR_ENGINE_DOT)
    return g_strdup_printf ("%s %s", kr_engine_get_name (engine), kr_rankdir_get_name (rankdir));
  return g_strdup (kr_engine_get_name (engine));
}

/* A copy of @pins (id → KrPin), which the layout reads in another thread while its owner may
 * change it; NULL for none. */
static GHashTable *
copy_pins (GHashTable *pins)
{
  GHashTable *copy;
  GHashTableIter iter;
  gpointer id, pin;

  if (pins == NULL || g_hash_table_size (pins) == 0)
    return NULL;
  copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, pins);
  while (g_hash_table_iter_next (&iter, &id, &pin))
    g_hash_table_insert (copy, g_strdup (id), g_memdup2 (pin, sizeof (KrPin)));
  return copy;
}

static KrScene **
whole_slot (KrMap *self, KrEngine engine, KrRankdir rankdir, gboolean link_labels)
{
  return &self->whole[engine][engine == KR_ENGINE_DOT ? rankdir : 0][link_labels ? 1 : 0];
}

static void
forget_layouts (KrMap *self)
{
  for (guint e = 0; e < KR_N_ENGINES; e++)
    for (guint r = 0; r < KR_N_RANKDIRS; r++)
      for (guint l = 0; l < 2; l++)
        g_clear_object (&self->whole[e][r][l]);
  g_clear_object (&self->draft);
  g_clear_object (&self->arranged);
}

static void
set_busy (KrMap *self, GCancellable *cancellable)
{
  gboolean was = self->cancellable != NULL;

  if (self->cancellable == cancellable)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = cancellable;
  if (was != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_pending (KrMap *self)
{
  set_busy (self, NULL);
  g_clear_pointer (&self->pending, kr_layout_options_free);
}

static void
set_scene (KrMap *self, KrScene *scene)
{
  if (g_set_object (&self->scene, scene))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENE]);
}

/* Whether every flag set in @inner is set in @outer (NULL: all set). */
/* Whether the whole map is large enough to be shown first as a draft (kr-draft.h) while sfdp
 * lays it out: sfdp takes minutes from about DRAFT_ENTITIES up. A revision starts from where its
 * entities were and pinned entities stay where they were put, which a draft does not do. */
static gboolean
wants_draft (KrMap *self)
{
  return !self->waiting && self->engine == KR_ENGINE_SFDP && self->radial == NULL
         && self->previous == NULL && (self->pins == NULL || g_hash_table_size (self->pins) == 0)
         && kr_dataset_get_n_entities (self->dataset) >= DRAFT_ENTITIES;
}

static gboolean
flags_within (const gboolean *inner, const gboolean *outer, guint n)
{
  if (outer == NULL)
    return TRUE;
  if (inner == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (inner[i] && !outer[i])
      return FALSE;
  return TRUE;
}

/* Whether the view shows only what @options laid out. */
static gboolean
view_within (KrMap *self, const KrLayoutOptions *options)
{
  return flags_within (self->shown_entities, options->visible_entities,
                       kr_dataset_get_n_entities (self->dataset))
         && flags_within (self->shown_deals, options->visible_deals,
                          kr_dataset_get_n_deals (self->dataset));
}

/* Whether the arrangement still serves the view: the same radial focus, or a tidied view of
 * the same map that still hides something; either showing nothing it did not arrange. */
static gboolean
arrangement_holds (KrMap *self)
{
  const KrLayoutOptions *options;

  if (self->arranged == NULL)
    return FALSE;
  options = kr_scene_get_options (self->arranged);
  if (options->link_labels != self->link_labels)
    return FALSE;
  if (self->arrangement == KR_MAP_RADIAL)
    {
      if (g_strcmp0 (self->radial, options->root) != 0)
        return FALSE;
    }
  else if (self->radial != NULL || self->shown_entities == NULL || options->engine != self->engine
           || (self->engine == KR_ENGINE_DOT && options->rankdir != self->rankdir))
    return FALSE;
  return view_within (self, options);
}

/* The options of the layout the view needs, with what it will be. */
static KrLayoutOptions *
needed_layout (KrMap *self, KrMapArrangement *arrangement)
{
  KrLayoutOptions options = {
    .engine = self->engine,
    .rankdir = self->rankdir,
    .link_labels = self->link_labels,
  };

  if (self->radial != NULL)
    {
      *arrangement = KR_MAP_RADIAL;
      options.engine = KR_ENGINE_TWOPI;
      options.root = self->radial;
      options.visible_entities = self->shown_entities;
      options.n_entities = kr_dataset_get_n_entities (self->dataset);
      options.visible_deals = self->shown_deals;
      options.n_deals = kr_dataset_get_n_deals (self->dataset);
    }
  else
    {
      *arrangement = KR_MAP_WHOLE;
      /* A revision keeps what it shares with the version before exactly where it was, places
       * what is new beside it and lays out again only the lines that touch a change
       * (kr-revision.h). An edit too large for that is laid out whole, the kept entities
       * anchored: only started there, the stress majorization of neato and fdp would move them
       * on, and Graphviz 14 moves them far. */
      options.seed = self->previous;
      options.anchor = self->previous != NULL;
      options.revise = self->previous != NULL;
      options.pins = self->pins;
      options.draft = self->draft == NULL && wants_draft (self);
    }
  return kr_layout_options_copy (&options);
}

/* Whether the layout under way gives what @options ask for. */
static gboolean
pending_serves (KrMap *self, const KrLayoutOptions *options, KrMapArrangement arrangement)
{
  const KrLayoutOptions *p = self->pending;

  if (p == NULL || self->pending_arrangement != arrangement || p->engine != options->engine
      || (p->engine == KR_ENGINE_DOT && p->rankdir != options->rankdir)
      || p->link_labels != options->link_labels || p->draft != options->draft)
    return FALSE;
  if (arrangement == KR_MAP_WHOLE)
    return TRUE;
  return arrangement == KR_MAP_RADIAL && g_strcmp0 (p->root, options->root) == 0
         && view_within (self, p);
}

static void layout_done (GObject *source, GAsyncResult *result, gpointer user_data);

static void
start_layout (KrMap *self, KrLayoutOptions *options, KrMapArrangement arrangement)
{
  GCancellable *cancellable = g_cancellable_new ();

  g_clear_pointer (&self->pending, kr_layout_options_free);
  self->pending = options;
  self->pending_arrangement = arrangement;
  set_busy (self, cancellable);
  kr_layout_run_async (self->dataset, options, cancellable, layout_done, g_object_ref (self));
}

static void
fail (KrMap *self, GError *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

/* Shows @layout with the view's mask. */
static gboolean
show_part_of (KrMap *self, KrScene *layout)
{
  g_autoptr (KrScene) scene = NULL;

  if (self->shown_entities == NULL && self->shown_deals == NULL)
    scene = g_object_ref (layout);
  else
    scene = kr_scene_new_masked (layout, self->shown_entities, self->shown_deals);
  if (kr_scene_get_n_shown_nodes (scene) == 0 && kr_dataset_get_n_entities (self->dataset) > 0)
    {
      g_autoptr (GError) error = g_error_new_literal (KR_LAYOUT_ERROR, KR_LAYOUT_ERROR_EMPTY,
                                                      _ ("There is nothing to show"));
      fail (self, error);
      return FALSE;
    }
  set_scene (self, scene);
  return TRUE;
}

/* Shows the view from a layout at hand, or starts the one it needs. */
static gboolean
update (KrMap *self)
{
  g_autoptr (KrLayoutOptions) needed = NULL;
  KrMapArrangement arrangement;
  KrScene *whole;

  if (self->dataset == NULL)
    return FALSE;
  if (arrangement_holds (self))
    {
      /* A tidy under way is still wanted; any other layout is not. */
      if (self->pending_arrangement != KR_MAP_TIDIED)
        cancel_pending (self);
      return show_part_of (self, self->arranged);
    }
  g_clear_object (&self->arranged);
  whole = *whole_slot (self, self->engine, self->rankdir, self->link_labels);
  if (self->radial == NULL && whole != NULL)
    {
      /* Lines laid out again around moved entities are still wanted; any other layout is not. */
      if (self->pending == NULL || !self->pending->hold)
        cancel_pending (self);
      return show_part_of (self, whole);
    }
  needed = needed_layout (self, &arrangement);
  if (!pending_serves (self, needed, arrangement))
    start_layout (self, g_steal_pointer (&needed), arrangement);
  /* The draft is shown while sfdp works on the map it stands for. */
  if (self->radial == NULL && self->draft != NULL && wants_draft (self))
    return show_part_of (self, self->draft);
  return FALSE;
}

static void
layout_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KrMap) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KrScene) scene = kr_layout_run_finish (result, &error);
  const KrLayoutOptions *options;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (scene == NULL)
    {
      cancel_pending (self);
      fail (self, error);
      return;
    }
  options = self->pending;
  if (options->draft)
    g_set_object (&self->draft, scene);
  else if (self->pending_arrangement == KR_MAP_WHOLE)
    {
      g_set_object (whole_slot (self, options->engine, options->rankdir, options->link_labels),
                    scene);
      /* The new version is placed: later layouts of it start afresh. */
      g_clear_object (&self->previous);
      /* The draft stood for this map: its geometry, as large as the map's, is let go. */
      if (options->engine == KR_ENGINE_SFDP)
        g_clear_object (&self->draft);
    }
  else
    {
      g_set_object (&self->arranged, scene);
      self->arrangement = self->pending_arrangement;
    }
  g_clear_pointer (&self->pending, kr_layout_options_free);
  /* Not busy before the scene changes: whoever hears of it finds the map at rest. */
  set_busy (self, NULL);
  update (self);
}

void
kr_map_set_dataset (KrMap *self, KrDataset *dataset, gboolean revision)
{
  g_return_if_fail (KR_IS_MAP (self));
  g_return_if_fail (KR_IS_DATASET (dataset));

  cancel_pending (self);
  if (revision && self->dataset != NULL)
    {
      KrScene *whole = *whole_slot (self, self->engine, self->rankdir, self->link_labels);
      if (whole != NULL)
        g_set_object (&self->previous, whole);
    }
  else
    g_clear_object (&self->previous);
  forget_layouts (self);
  g_set_object (&self->dataset, dataset);
  /* The flags were those of the version before. */
  g_clear_pointer (&self->shown_entities, g_free);
  g_clear_pointer (&self->shown_deals, g_free);
  g_clear_pointer (&self->radial, g_free);
  self->shown = FALSE;
}

KrDataset *
kr_map_get_dataset (KrMap *self)
{
  g_return_val_if_fail (KR_IS_MAP (self), NULL);
  return self->dataset;
}

static gboolean *
copy_flags (const gboolean *flags, guint n)
{
  return flags != NULL ? g_memdup2 (flags, MAX (n, 1) * sizeof (gboolean)) : NULL;
}

static gboolean
same_flags (const gboolean *a, const gboolean *b, guint n)
{
  return a == NULL || b == NULL ? a == b : memcmp (a, b, n * sizeof (gboolean)) == 0;
}

/* Whether @view is the one shown, or being laid out, already. */
static gboolean
is_current (KrMap *self, const KrMapView *view)
{
  return self->shown && view->engine == self->engine && view->rankdir == self->rankdir
         && !view->link_labels == !self->link_labels
         && g_strcmp0 (view->radial, self->radial) == 0
         && same_flags (view->shown_entities, self->shown_entities,
                        kr_dataset_get_n_entities (self->dataset))
         && same_flags (view->shown_deals, self->shown_deals,
                        kr_dataset_get_n_deals (self->dataset));
}

gboolean
kr_map_show (KrMap *self, const KrMapView *view)
{
  g_return_val_if_fail (KR_IS_MAP (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail ((guint)view->engine < KR_N_ENGINES && (guint)view->rankdir < KR_N_RANKDIRS,
                        FALSE);
  g_return_val_if_fail (self->dataset != NULL, FALSE);

  if (is_current (self, view))
    {
      /* Pins change by kr_map_place and kr_map_relayout, which lay out what they change. */
      g_clear_pointer (&self->pins, g_hash_table_unref);
      self->pins = copy_pins (view->pins);
      return self->pending == NULL && self->scene != NULL
             && kr_scene_get_dataset (self->scene) == self->dataset;
    }
  self->shown = TRUE;
  self->engine = view->engine;
  self->rankdir = view->rankdir;
  self->link_labels = view->link_labels;
  g_free (self->shown_entities);
  g_free (self->shown_deals);
  self->shown_entities
      = copy_flags (view->shown_entities, kr_dataset_get_n_entities (self->dataset));
  self->shown_deals = copy_flags (view->shown_deals, kr_dataset_get_n_deals (self->dataset));
  g_free (self->radial);
  self->radial = g_strdup (view->radial);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  self->pins = copy_pins (view->pins);
  return update (self);
}

static void
keep_failure (KrMap *self, const GError *error, GError **failure)
{
  if (*failure == NULL)
    *failure = g_error_copy (error);
}

KrScene *
kr_map_show_and_wait (KrMap *self, const KrMapView *view, GError **error)
{
  g_autoptr (GError) failure = NULL;
  gulong id;
  gboolean shown;

  g_return_val_if_fail (KR_IS_MAP (self), NULL);

  id = g_signal_connect (self, "failed", G_CALLBACK (keep_failure), &failure);
  self->waiting = TRUE;
  shown = kr_map_show (self, view);
  while (!shown && failure == NULL && kr_map_is_busy (self))
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  self->waiting = FALSE;
  g_signal_handler_disconnect (self, id);
  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return NULL;
    }
  return g_object_ref (self->scene);
}

void
kr_map_tidy (KrMap *self)
{
  KrLayoutOptions options = {
    .engine = self->radial != NULL ? KR_ENGINE_TWOPI : self->engine,
    .rankdir = self->rankdir,
    .link_labels = self->link_labels,
    .root = self->radial,
    .seed = self->scene,
    .pins = self->radial == NULL ? self->pins : NULL,
  };

  g_return_if_fail (KR_IS_MAP (self));
  if (self->dataset == NULL || self->scene == NULL
      || kr_scene_get_dataset (self->scene) != self->dataset
      || (self->shown_entities == NULL && self->shown_deals == NULL))
    return;
  options.visible_entities = self->shown_entities;
  options.n_entities = kr_dataset_get_n_entities (self->dataset);
  options.visible_deals = self->shown_deals;
  options.n_deals = kr_dataset_get_n_deals (self->dataset);
  start_layout (self, kr_layout_options_copy (&options),
                self->radial != NULL ? KR_MAP_RADIAL : KR_MAP_TIDIED);
}

void
kr_map_place (KrMap *self, GHashTable *placed)
{
  g_autoptr (GHashTable) pins = NULL;
  KrScene *whole;

  g_return_if_fail (KR_IS_MAP (self));
  g_return_if_fail (placed != NULL);

  /* Places are those of the whole map: a tidied or radial view has its own. Without a whole
   * map yet, the one under way starts from the pins. */
  if (self->dataset == NULL || kr_map_get_arrangement (self) != KR_MAP_WHOLE)
    return;
  whole = *whole_slot (self, self->engine, self->rankdir, self->link_labels);
  if (whole == NULL)
    return;
  /* A move whose lines are still being laid out is not lost to the next one. */
  if (self->pending != NULL && self->pending->hold && self->pending->pins != NULL)
    {
      GHashTableIter iter;
      gpointer id, pin;

      pins = copy_pins (self->pending->pins);
      g_hash_table_iter_init (&iter, placed);
      while (g_hash_table_iter_next (&iter, &id, &pin))
        g_hash_table_insert (pins, g_strdup (id), g_memdup2 (pin, sizeof (KrPin)));
    }
  else
    pins = copy_pins (placed);
  {
    KrLayoutOptions options = {
      .engine = self->engine,
      .rankdir = self->rankdir,
      .link_labels = self->link_labels,
      .seed = whole,
      .hold = TRUE,
      .pins = pins,
    };

    start_layout (self, kr_layout_options_copy (&options), KR_MAP_WHOLE);
  }
}

void
kr_map_relayout (KrMap *self)
{
  g_return_if_fail (KR_IS_MAP (self));

  if (self->dataset == NULL)
    return;
  cancel_pending (self);
  forget_layouts (self);
  /* Afresh: not from the map of the version before either. */
  g_clear_object (&self->previous);
  update (self);
}

gboolean
kr_map_is_revised (KrMap *self)
{
  KrScene *whole;

  g_return_val_if_fail (KR_IS_MAP (self), FALSE);
  if (self->dataset == NULL)
    return FALSE;
  whole = *whole_slot (self, self->engine, self->rankdir, self->link_labels);
  return whole != NULL && kr_scene_get_options (whole)->revise;
}

KrScene *
kr_map_get_scene (KrMap *self)
{
  g_return_val_if_fail (KR_IS_MAP (self), NULL);
  return self->scene;
}

KrMapArrangement
kr_map_get_arrangement (KrMap *self)
{
  g_return_val_if_fail (KR_IS_MAP (self), KR_MAP_WHOLE);
  return self->scene != NULL && self->arranged != NULL
                 && kr_scene_same_layout (self->scene, self->arranged)
             ? self->arrangement
             : KR_MAP_WHOLE;
}

void
kr_map_stop (KrMap *self)
{
  g_return_if_fail (KR_IS_MAP (self));
  if (self->pending == NULL)
    return;
  cancel_pending (self);
  /* The view asked for was not shown: asked again, it is laid out. */
  self->shown = FALSE;
}

gboolean
kr_map_is_busy (KrMap *self)
{
  g_return_val_if_fail (KR_IS_MAP (self), FALSE);
  return self->cancellable != NULL;
}

static void
kr_map_dispose (GObject *object)
{
  KrMap *self = KR_MAP (object);

  cancel_pending (self);
  forget_layouts (self);
  g_clear_object (&self->previous);
  g_clear_object (&self->scene);
  g_clear_object (&self->dataset);
  G_OBJECT_CLASS (kr_map_parent_class)->dispose (object);
}

static void
kr_map_finalize (GObject *object)
{
  KrMap *self = KR_MAP (object);

  g_free (self->shown_entities);
  g_free (self->shown_deals);
  g_free (self->radial);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  G_OBJECT_CLASS (kr_map_parent_class)->finalize (object);
}

static void
kr_map_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrMap *self = KR_MAP (object);

  switch (prop_id)
    {
    case PROP_SCENE:
      g_value_set_object (value, self->scene);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_map_class_init (KrMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kr_map_dispose;
  object_class->finalize = kr_map_finalize;
  object_class->get_property = kr_map_get_property;

  properties[PROP_SCENE] = g_param_spec_object ("scene", NULL, NULL, KR_TYPE_SCENE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KrMap::failed:
   * @error: why the view could not be shown; the scene shown stays
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
kr_map_init (KrMap *self)
{
  self->engine = KR_ENGINE_DOT;
  self->rankdir = KR_RANKDIR_LR;
}

KrMap *
kr_map_new (void)
{
  return g_object_new (KR_TYPE_MAP, NULL);
}
