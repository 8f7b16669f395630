/* kr-arena.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-arena"

#include "config.h"

#include <string.h>

#include "kr-arena.h"

#define BLOCK_SIZE (64 * 1024)
/* What records and their parts hold needs no more: the three pointers of a list node take 24
 * bytes rather than 32, and there are hundreds of thousands of them. */
#define ALIGN MAX (G_ALIGNOF (gdouble), G_ALIGNOF (gpointer))

struct _KrArena
{
  GPtrArray *blocks;
  guchar *block; /* the one small allocations come from */
  gsize block_used;
};

KrArena *
kr_arena_new (void)
{
  KrArena *self = g_new0 (KrArena, 1);

  self->blocks = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
kr_arena_free (KrArena *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->blocks);
  g_free (self);
}

void
kr_arena_reset (KrArena *self)
{
  guint i;

  g_return_if_fail (self != NULL);

  if (self->block != NULL && g_ptr_array_find (self->blocks, self->block, &i))
    g_ptr_array_steal_index_fast (self->blocks, i);
  g_ptr_array_set_size (self->blocks, 0);
  if (self->block == NULL)
    return;
  g_ptr_array_add (self->blocks, self->block);
  memset (self->block, 0, self->block_used);
  self->block_used = 0;
}

gpointer
kr_arena_alloc (KrArena *self, gsize n, gsize size)
{
  gsize bytes;
  gpointer p;

  g_return_val_if_fail (self != NULL, NULL);

  if (n == 0)
    return NULL;
  if (!g_size_checked_mul (&bytes, n, size) || bytes > G_MAXSIZE - ALIGN)
    g_error ("%s: overflow allocating %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " bytes", G_STRLOC, n,
             size);
  bytes = (bytes + ALIGN - 1) & ~(gsize)(ALIGN - 1);

  if (bytes > BLOCK_SIZE / 4)
    {
      p = g_malloc0 (bytes);
      g_ptr_array_add (self->blocks, p);
      return p;
    }
  if (self->block == NULL || BLOCK_SIZE - self->block_used < bytes)
    {
      self->block = g_malloc0 (BLOCK_SIZE);
      g_ptr_array_add (self->blocks, self->block);
      self->block_used = 0;
    }
  p = self->block + self->block_used;
  self->block_used += bytes;
  return p;
}
