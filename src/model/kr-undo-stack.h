/* kr-undo-stack.h — the edits a person made, to undo and redo in turn
 *
 * Holds commands (kr-command.h) already applied. Undo applies the latest backwards, redo
 * the latest undone forwards; a new command forgets what was undone. The "can-undo" and
 * "can-redo" properties say whether there is anything to do, for the window's actions.
 *
 * It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kr-command.h"

G_BEGIN_DECLS

/* Beyond this many, the oldest edits are forgotten; and beyond the memory budget, too. */
#define KR_UNDO_STACK_DEPTH 200
/* The part of the memory Keiretsu counts on (kr-limits.h) that the edits may keep. */
#define KR_UNDO_STACK_MEMORY_SHARE 4

#define KR_TYPE_UNDO_STACK (kr_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (KrUndoStack, kr_undo_stack, KR, UNDO_STACK, GObject)

KrUndoStack *kr_undo_stack_new (void);
/* The bytes that the commands kept may cost together (their KrCommand.cost), by default a
 * KR_UNDO_STACK_MEMORY_SHARE'th of the memory in kr_limits_get(). The latest command is always
 * kept, whatever its cost. */
void kr_undo_stack_set_budget (KrUndoStack *self, guint64 bytes);
guint64 kr_undo_stack_get_budget (KrUndoStack *self);
/* How many commands are kept, done and undone. */
guint kr_undo_stack_get_length (KrUndoStack *self);
/* Takes @command, which was just applied. */
void kr_undo_stack_push (KrUndoStack *self, KrCommand *command);
gboolean kr_undo_stack_undo (KrUndoStack *self);
gboolean kr_undo_stack_redo (KrUndoStack *self);
gboolean kr_undo_stack_can_undo (KrUndoStack *self);
gboolean kr_undo_stack_can_redo (KrUndoStack *self);
/* What undo or redo would undo or do again, or NULL. */
const char *kr_undo_stack_get_undo_label (KrUndoStack *self);
const char *kr_undo_stack_get_redo_label (KrUndoStack *self);
/* Forgets everything, as when another dataset is opened. */
void kr_undo_stack_clear (KrUndoStack *self);

G_END_DECLS
