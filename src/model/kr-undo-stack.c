/* kr-undo-stack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-undo-stack"

#include "config.h"

#include "kr-limits.h"
#include "kr-undo-stack.h"

struct _KrUndoStack
{
  GObject parent_instance;

  GPtrArray *commands; /* KrCommand, oldest first */
  guint done;          /* how many of them are applied: the rest were undone */
  guint64 budget;      /* for their costs together */
};

G_DEFINE_FINAL_TYPE (KrUndoStack, kr_undo_stack, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify_both (KrUndoStack *self, gboolean could_undo, gboolean could_redo)
{
  if (could_undo != kr_undo_stack_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != kr_undo_stack_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Forgets the oldest commands until those kept fit the budget; never the latest. */
static void
forget_beyond_budget (KrUndoStack *self)
{
  guint64 total = 0;
  guint keep = self->commands->len;

  /* From the latest back: the first command that does not fit, and all before it, go. */
  while (keep > 0)
    {
      const KrCommand *command = g_ptr_array_index (self->commands, keep - 1);

      if (keep < self->commands->len && total + command->cost > self->budget)
        break;
      total += command->cost;
      keep--;
    }
  if (keep > 0)
    g_ptr_array_remove_range (self->commands, 0, keep);
}

KrUndoStack *
kr_undo_stack_new (void)
{
  return g_object_new (KR_TYPE_UNDO_STACK, NULL);
}

void
kr_undo_stack_push (KrUndoStack *self, KrCommand *command)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (KR_IS_UNDO_STACK (self));
  g_return_if_fail (command != NULL);

  could_undo = kr_undo_stack_can_undo (self);
  could_redo = kr_undo_stack_can_redo (self);
  g_ptr_array_set_size (self->commands, self->done);
  g_ptr_array_add (self->commands, command);
  if (self->commands->len > KR_UNDO_STACK_DEPTH)
    g_ptr_array_remove_index (self->commands, 0);
  forget_beyond_budget (self);
  self->done = self->commands->len;
  notify_both (self, could_undo, could_redo);
}

void
kr_undo_stack_set_budget (KrUndoStack *self, guint64 bytes)
{
  g_return_if_fail (KR_IS_UNDO_STACK (self));
  /* Applies from the next command on: forgetting now could forget the ones undone. */
  self->budget = bytes;
}

guint64
kr_undo_stack_get_budget (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), 0);
  return self->budget;
}

guint
kr_undo_stack_get_length (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), 0);
  return self->commands->len;
}

gboolean
kr_undo_stack_undo (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), FALSE);

  if (self->done == 0)
    return FALSE;
  self->done--;
  kr_command_apply (g_ptr_array_index (self->commands, self->done), FALSE);
  notify_both (self, TRUE, self->done + 1 < self->commands->len);
  return TRUE;
}

gboolean
kr_undo_stack_redo (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), FALSE);

  if (self->done == self->commands->len)
    return FALSE;
  kr_command_apply (g_ptr_array_index (self->commands, self->done), TRUE);
  self->done++;
  notify_both (self, self->done > 1, TRUE);
  return TRUE;
}

gboolean
kr_undo_stack_can_undo (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), FALSE);
  return self->done > 0;
}

gboolean
kr_undo_stack_can_redo (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), FALSE);
  return self->done < self->commands->len;
}

const char *
kr_undo_stack_get_undo_label (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), NULL);
  return self->done > 0 ? ((KrCommand *)g_ptr_array_index (self->commands, self->done - 1))->label
                        : NULL;
}

const char *
kr_undo_stack_get_redo_label (KrUndoStack *self)
{
  g_return_val_if_fail (KR_IS_UNDO_STACK (self), NULL);
  return self->done < self->commands->len
             ? ((KrCommand *)g_ptr_array_index (self->commands, self->done))->label
             : NULL;
}

void
kr_undo_stack_clear (KrUndoStack *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (KR_IS_UNDO_STACK (self));

  could_undo = kr_undo_stack_can_undo (self);
  could_redo = kr_undo_stack_can_redo (self);
  g_ptr_array_set_size (self->commands, 0);
  self->done = 0;
  notify_both (self, could_undo, could_redo);
}

static void
kr_undo_stack_finalize (GObject *object)
{
  KrUndoStack *self = KR_UNDO_STACK (object);

  g_ptr_array_unref (self->commands);
  G_OBJECT_CLASS (kr_undo_stack_parent_class)->finalize (object);
}

static void
kr_undo_stack_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KrUndoStack *self = KR_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, kr_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, kr_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kr_undo_stack_class_init (KrUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kr_undo_stack_finalize;
  object_class->get_property = kr_undo_stack_get_property;

  properties[PROP_CAN_UNDO]
      = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO]
      = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kr_undo_stack_init (KrUndoStack *self)
{
  self->commands = g_ptr_array_new_with_free_func ((GDestroyNotify)kr_command_free);
  self->budget = kr_limits_get ()->memory / KR_UNDO_STACK_MEMORY_SHARE;
}
