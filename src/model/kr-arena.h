/* kr-arena.h — small allocations carved out of shared blocks, all freed at once
 *
 * Readers and the builder allocate records and their parts by the hundred thousand, each
 * living as long as its owner: one malloc each would cost more in headers and time than the
 * parts themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KrArena KrArena;

KrArena *kr_arena_new (void);
void kr_arena_free (KrArena *self);
/* Frees everything allocated so far, keeping one block for what comes next. */
void kr_arena_reset (KrArena *self);

/* @n zeroed elements of @size bytes, aligned for pointers and doubles (not for wider types);
 * NULL when @n is 0. Aborts when the size overflows. */
gpointer kr_arena_alloc (KrArena *self, gsize n, gsize size);
#define kr_arena_new0(self, Type, n) ((Type *)kr_arena_alloc ((self), (n), sizeof (Type)))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrArena, kr_arena_free)

G_END_DECLS
