/* kr-arrangement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-arrangement"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kr-arrangement.h"
#include "kr-views-file.h"

/* Beyond any layout's size, in points. */
#define MAX_COORDINATE 1e7
/* Room for an entity's label, in points: a drawing whose entities have less is spread out. */
#define DRAWN_SPACING 120.0

struct _KrArrangement
{
  GObject parent_instance;

  GHashTable *layouts; /* key → (entity id → KrPin) */
};

G_DEFINE_FINAL_TYPE (KrArrangement, kr_arrangement, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GHashTable *
pins_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
layouts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify)g_hash_table_unref);
}

static void
set_pin (KrArrangement *self, const char *key, const char *id, const KrPin *pin)
{
  GHashTable *pins = g_hash_table_lookup (self->layouts, key);

  if (pin == NULL)
    {
      if (pins != NULL && g_hash_table_remove (pins, id) && g_hash_table_size (pins) == 0)
        g_hash_table_remove (self->layouts, key);
      return;
    }
  if (pins == NULL)
    {
      pins = pins_new ();
      g_hash_table_insert (self->layouts, g_strdup (key), pins);
    }
  g_hash_table_insert (pins, g_strdup (id), g_memdup2 (pin, sizeof *pin));
}

/* ::changed: @key (NULL: every layout) changed; @placed, when entities were put somewhere,
 * says where (id → KrPin). */
static void
changed (KrArrangement *self, const char *key, GHashTable *placed)
{
  g_signal_emit (self, signals[CHANGED], 0, key, placed);
}

/* ---- commands ------------------------------------------------------------------------ */

typedef struct
{
  char *id;
  KrPin from, to;
  gboolean was_pinned; /* at from */
} Step;

typedef struct
{
  KrCommand parent;
  KrArrangement *arrangement;
  char *key;
  GArray *steps; /* Step */
} MoveCommand;

static void
move_apply (KrCommand *command, gboolean forward)
{
  MoveCommand *self = (MoveCommand *)command;
  g_autoptr (GHashTable) placed = pins_new ();

  for (guint i = 0; i < self->steps->len; i++)
    {
      const Step *s = &g_array_index (self->steps, Step, i);
      const KrPin *at = forward ? &s->to : &s->from;

      set_pin (self->arrangement, self->key, s->id, forward || s->was_pinned ? at : NULL);
      g_hash_table_insert (placed, g_strdup (s->id), g_memdup2 (at, sizeof *at));
    }
  changed (self->arrangement, self->key, placed);
}

static void
clear_step (gpointer data)
{
  g_free (((Step *)data)->id);
}

static void
move_finalize (KrCommand *command)
{
  MoveCommand *self = (MoveCommand *)command;

  g_clear_object (&self->arrangement);
  g_free (self->key);
  g_array_unref (self->steps);
}

static const KrCommandClass move_class = {
  .apply = move_apply,
  .finalize = move_finalize,
};

typedef struct
{
  KrCommand parent;
  KrArrangement *arrangement;
  char *key;
  char *id;
  KrPin pin;
} UnpinCommand;

static void
unpin_apply (KrCommand *command, gboolean forward)
{
  UnpinCommand *self = (UnpinCommand *)command;

  set_pin (self->arrangement, self->key, self->id, forward ? NULL : &self->pin);
  changed (self->arrangement, self->key, NULL);
}

static void
unpin_finalize (KrCommand *command)
{
  UnpinCommand *self = (UnpinCommand *)command;

  g_clear_object (&self->arrangement);
  g_free (self->key);
  g_free (self->id);
}

static const KrCommandClass unpin_class = {
  .apply = unpin_apply,
  .finalize = unpin_finalize,
};

typedef struct
{
  KrCommand parent;
  KrArrangement *arrangement;
  GHashTable *layouts; /* those that were reset */
} ResetCommand;

static void
reset_apply (KrCommand *command, gboolean forward)
{
  ResetCommand *self = (ResetCommand *)command;
  KrArrangement *arrangement = self->arrangement;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (arrangement->layouts);
  /* The pins come back as copies: the command keeps its own for the next time. */
  g_hash_table_iter_init (&iter, self->layouts);
  while (!forward && g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTableIter pins;
      gpointer id, pin;

      g_hash_table_iter_init (&pins, value);
      while (g_hash_table_iter_next (&pins, &id, &pin))
        set_pin (arrangement, key, id, pin);
    }
  changed (arrangement, NULL, NULL);
}

static void
reset_finalize (KrCommand *command)
{
  ResetCommand *self = (ResetCommand *)command;

  g_clear_object (&self->arrangement);
  g_hash_table_unref (self->layouts);
}

static const KrCommandClass reset_class = {
  .apply = reset_apply,
  .finalize = reset_finalize,
};

/* ---- the arrangement ------------------------------------------------------------------- */

KrArrangement *
kr_arrangement_new (void)
{
  return g_object_new (KR_TYPE_ARRANGEMENT, NULL);
}

GHashTable *
kr_arrangement_get_pins (KrArrangement *self, const char *key)
{
  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->layouts, key);
}

gboolean
kr_arrangement_lookup (KrArrangement *self, const char *key, const char *id, KrPin *pin)
{
  GHashTable *pins;
  const KrPin *found;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), FALSE);
  g_return_val_if_fail (key != NULL && id != NULL, FALSE);

  pins = g_hash_table_lookup (self->layouts, key);
  found = pins != NULL ? g_hash_table_lookup (pins, id) : NULL;
  if (found != NULL && pin != NULL)
    *pin = *found;
  return found != NULL;
}

gboolean
kr_arrangement_is_empty (KrArrangement *self)
{
  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), TRUE);
  return g_hash_table_size (self->layouts) == 0;
}

KrCommand *
kr_arrangement_move (KrArrangement *self, const char *key, const KrMove *moves, guint n)
{
  MoveCommand *command;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), NULL);
  g_return_val_if_fail (key != NULL && moves != NULL && n > 0, NULL);

  command = (MoveCommand *)kr_command_new (&move_class, sizeof (MoveCommand),
                                           n == 1 ? _ ("Move") : _ ("Move Entities"));
  command->arrangement = g_object_ref (self);
  command->key = g_strdup (key);
  command->steps = g_array_sized_new (FALSE, TRUE, sizeof (Step), n);
  g_array_set_clear_func (command->steps, clear_step);
  for (guint i = 0; i < n; i++)
    {
      Step step = {
        .id = g_strdup (moves[i].id),
        .from = moves[i].from,
        .to = moves[i].to,
      };

      /* A pinned entity was at its pin, even while the map is still placing it there. */
      step.was_pinned = kr_arrangement_lookup (self, key, moves[i].id, &step.from);
      g_array_append_val (command->steps, step);
    }
  move_apply (&command->parent, TRUE);
  return &command->parent;
}

KrCommand *
kr_arrangement_unpin (KrArrangement *self, const char *key, const char *id)
{
  UnpinCommand *command;
  KrPin pin;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), NULL);
  g_return_val_if_fail (key != NULL && id != NULL, NULL);

  if (!kr_arrangement_lookup (self, key, id, &pin))
    return NULL;
  command = (UnpinCommand *)kr_command_new (&unpin_class, sizeof (UnpinCommand), _ ("Unpin"));
  command->arrangement = g_object_ref (self);
  command->key = g_strdup (key);
  command->id = g_strdup (id);
  command->pin = pin;
  unpin_apply (&command->parent, TRUE);
  return &command->parent;
}

KrCommand *
kr_arrangement_reset (KrArrangement *self)
{
  ResetCommand *command;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), NULL);

  if (kr_arrangement_is_empty (self))
    return NULL;
  command
      = (ResetCommand *)kr_command_new (&reset_class, sizeof (ResetCommand), _ ("Reset Positions"));
  command->arrangement = g_object_ref (self);
  /* The arrangement's table goes to the command; the arrangement starts a new one. */
  command->layouts = g_steal_pointer (&self->layouts);
  self->layouts = layouts_new ();
  changed (self, NULL, NULL);
  return &command->parent;
}

/* ---- the member in the views file -------------------------------------------------------- */

static gboolean
read_coordinate (JsonArray *array, guint i, double *value)
{
  JsonNode *node = json_array_get_element (array, i);
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value) && fabs (*value) <= MAX_COORDINATE;
}

static gboolean
read_pins (KrArrangement *self, const char *key, JsonNode *node, const char *name, GError **error)
{
  JsonObject *object;
  g_autoptr (GList) ids = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* TRANSLATORS: the file, then the place in it, as in $.positions["dot LR"] */
      g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID,
                   _ ("%s: $.positions[\"%s\"]: an object of entity ids is expected"), name, key);
      return FALSE;
    }
  object = json_node_get_object (node);
  ids = json_object_get_members (object);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;
      KrPin pin;

      if (array == NULL || json_array_get_length (array) != 2 || !read_coordinate (array, 0, &pin.x)
          || !read_coordinate (array, 1, &pin.y))
        {
          /* TRANSLATORS: the file, then the place in it, as in $.positions["dot LR"].nissan */
          g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID,
                       _ ("%s: $.positions[\"%s\"].%s: a position [x, y] of two numbers is "
                          "expected"),
                       name, key, (const char *)l->data);
          return FALSE;
        }
      set_pin (self, key, l->data, &pin);
    }
  return TRUE;
}

guint
kr_arrangement_pin_drawn (KrArrangement *self, const char *key, KrDataset *dataset)
{
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  double extent, scale = 1;
  guint n = 0;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), 0);
  g_return_val_if_fail (key != NULL && KR_IS_DATASET (dataset), 0);

  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, i);

      if (!e->has_position)
        continue;
      left = MIN (left, e->x);
      right = MAX (right, e->x);
      top = MIN (top, -e->y);
      bottom = MAX (bottom, -e->y);
      n++;
    }
  if (n == 0)
    return 0;
  /* As much room per entity as a square of them laid out evenly would give. */
  extent = MAX (right - left, bottom - top);
  if (extent > 0 && extent < DRAWN_SPACING * sqrt (n))
    scale = DRAWN_SPACING * sqrt (n) / extent;
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const KrEntity *e = kr_dataset_get_entity (dataset, i);
      KrPin pin;

      if (!e->has_position)
        continue;
      pin = (KrPin){ .x = CLAMP ((e->x - left) * scale, 0, MAX_COORDINATE),
                     .y = CLAMP ((-e->y - top) * scale, 0, MAX_COORDINATE) };
      set_pin (self, key, e->id, &pin);
    }
  changed (self, key, NULL);
  return n;
}

gboolean
kr_arrangement_load (KrArrangement *self, JsonNode *member, const char *name, GError **error)
{
  g_autoptr (GList) keys = NULL;
  JsonObject *object;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  g_hash_table_remove_all (self->layouts);
  if (member != NULL && !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error (error, KR_VIEWS_FILE_ERROR, KR_VIEWS_FILE_ERROR_INVALID,
                   _ ("%s: $.positions: an object of layouts is expected"), name);
      changed (self, NULL, NULL);
      return FALSE;
    }
  object = member != NULL ? json_node_get_object (member) : NULL;
  keys = object != NULL ? json_object_get_members (object) : NULL;
  for (GList *l = keys; l != NULL; l = l->next)
    if (!read_pins (self, l->data, json_object_get_member (object, l->data), name, error))
      {
        g_hash_table_remove_all (self->layouts);
        changed (self, NULL, NULL);
        return FALSE;
      }
  changed (self, NULL, NULL);
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (a, b);
}

JsonNode *
kr_arrangement_to_member (KrArrangement *self)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (GList) keys = NULL;

  g_return_val_if_fail (KR_IS_ARRANGEMENT (self), NULL);

  if (kr_arrangement_is_empty (self))
    return NULL;
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  /* In a stable order, so that the file diffs well. */
  keys = g_list_sort (g_hash_table_get_keys (self->layouts), compare_names);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      GHashTable *pins = g_hash_table_lookup (self->layouts, k->data);
      g_autoptr (GList) ids = g_list_sort (g_hash_table_get_keys (pins), compare_names);

      json_builder_set_member_name (builder, k->data);
      json_builder_begin_object (builder);
      for (GList *i = ids; i != NULL; i = i->next)
        {
          const KrPin *pin = g_hash_table_lookup (pins, i->data);

          json_builder_set_member_name (builder, i->data);
          json_builder_begin_array (builder);
          /* A hundredth of a point is finer than any screen shows. */
          json_builder_add_double_value (builder, round (pin->x * 100) / 100);
          json_builder_add_double_value (builder, round (pin->y * 100) / 100);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
kr_arrangement_finalize (GObject *object)
{
  KrArrangement *self = KR_ARRANGEMENT (object);

  g_hash_table_unref (self->layouts);
  G_OBJECT_CLASS (kr_arrangement_parent_class)->finalize (object);
}

static void
kr_arrangement_class_init (KrArrangementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kr_arrangement_finalize;

  /**
   * KrArrangement::changed:
   * @key: (nullable): the layout whose pins changed, or NULL for every layout
   * @placed: (nullable): id → KrPin, where entities were put, when they were
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_HASH_TABLE);
}

static void
kr_arrangement_init (KrArrangement *self)
{
  self->layouts = layouts_new ();
}
