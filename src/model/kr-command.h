/* kr-command.h — one edit a person made, that can be undone and done again
 *
 * Whatever a person changes by hand (a moved entity, and later an edited record) is a command:
 * made by the object whose state it changes, already applied, then handed to the undo stack
 * (kr-undo-stack.h), which applies it backwards and forwards from then on. A command knows
 * nothing of the stack or of the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KrCommand KrCommand;

typedef struct
{
  /* Undoes (@forward FALSE) or does again (@forward TRUE) what the command did. */
  void (*apply) (KrCommand *command, gboolean forward);
  /* Frees what the command holds besides itself. */
  void (*finalize) (KrCommand *command);
} KrCommandClass;

struct _KrCommand
{
  const KrCommandClass *klass;
  char *label; /* what it did, for people ("Move Nissan") */
  gsize cost;  /* bytes of memory that it alone keeps, about; 0 when it is small */
};

/* A command of @size bytes (a struct that starts with a KrCommand), zeroed. */
KrCommand *kr_command_new (const KrCommandClass *klass, gsize size, const char *label);
void kr_command_apply (KrCommand *command, gboolean forward);
void kr_command_free (KrCommand *command);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrCommand, kr_command_free)

G_END_DECLS
