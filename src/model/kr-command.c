/* kr-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-command"

#include "config.h"

#include "kr-command.h"

KrCommand *
kr_command_new (const KrCommandClass *klass, gsize size, const char *label)
{
  KrCommand *command;

  g_return_val_if_fail (klass != NULL && klass->apply != NULL, NULL);
  g_return_val_if_fail (size >= sizeof (KrCommand), NULL);

  command = g_malloc0 (size);
  command->klass = klass;
  command->label = g_strdup (label);
  return command;
}

void
kr_command_apply (KrCommand *command, gboolean forward)
{
  g_return_if_fail (command != NULL);
  command->klass->apply (command, forward);
}

void
kr_command_free (KrCommand *command)
{
  if (command == NULL)
    return;
  if (command->klass->finalize != NULL)
    command->klass->finalize (command);
  g_free (command->label);
  g_free (command);
}
