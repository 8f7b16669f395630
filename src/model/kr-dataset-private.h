/* kr-dataset-private.h — shared between the dataset and its builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-arena.h"
#include "kr-dataset.h"

G_BEGIN_DECLS

/* Records are kept in blocks of up to this many: a version made by an edit shares with the
 * version before every block in which nothing changed, wherever the records before it moved
 * to, and copies only the others. */
#define KR_DATASET_BLOCK_SHIFT 8
#define KR_DATASET_BLOCK (1u << KR_DATASET_BLOCK_SHIFT)

typedef enum
{
  KR_DATASET_ARTICLES,
  KR_DATASET_ENTITIES,
  KR_DATASET_DEALS,
  KR_DATASET_N_LISTS
} KrDatasetList;

/* One list of records as blocks: block b holds records first[b] to first[b + 1] - 1. A
 * dataset read has full blocks; a version's may hold fewer records, where the edit that made
 * it left some out, so that it shares the blocks after them instead of copying them one
 * record along. */
typedef struct
{
  gpointer *blocks;
  GBytes **kept; /* per block, what keeps it when a version made it; NULL: its dataset's list */
  guint *first;  /* n_blocks + 1 entries */
  /* Per KR_DATASET_BLOCK records, the block that holds the first of them: a record's block is
   * that one or one of the next few, as a version keeps no two small blocks side by side. */
  guint *guide;
  guint n_blocks;
} KrDatasetBlocks;

/* Gives @blocks, whose first indices are set, the guide to them. */
void kr_dataset_blocks_guide (KrDatasetBlocks *blocks);

/* An index of ids, id → index + 1. A version made by an edit keeps in its own table only the
 * ids that changed, over the index of the version before: those of the records it adds or
 * changes, and its base's ids that no longer name a record (KR_IDS_GONE); the indices found
 * under are shifted by the records that moved. A chain of tables grows as long as
 * MAX_IDS_DEPTH (kr-editor-draft.c); then the tables over the bottom one are gathered into
 * one, and a version that moved records makes one table of them all. */
typedef struct _KrIds KrIds;
struct _KrIds
{
  GHashTable *table;
  KrIds *under; /* what @table adds to, or NULL */
  guint depth;  /* how many tables are under @table */
  /* From index shift_from[k] under on, up to the next, an index is shift_by[k] less here. */
  GArray *shift_from;
  GArray *shift_by;
};

#define KR_IDS_GONE GUINT_TO_POINTER (G_MAXUINT)

KrIds *kr_ids_new (KrIds *under);
KrIds *kr_ids_ref (KrIds *self);
void kr_ids_unref (KrIds *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrIds, kr_ids_unref)
/* The index + 1 of the record that has @id, 0 when none has it. */
guint kr_ids_find (KrIds *self, const char *id);
/* An index that finds what @self finds, made of one table over the bottom one of @self's
 * chain: what the tables over it say, gathered. */
KrIds *kr_ids_compact (KrIds *self);
/* Says that from @from under on, indices are @by less in @self. */
void kr_ids_shift (KrIds *self, guint from, guint by);
/* About how many bytes @self alone takes. */
gsize kr_ids_get_size (KrIds *self);

struct _KrDataset
{
  GObject parent_instance;

  GStringChunk *strings; /* every string of the dataset, unless its builder gave them */
  GPtrArray *kept;       /* what its strings are in when its builder gave them, or NULL */
  gsize string_bytes;    /* what its strings take */
  const char *title;
  const char *description;
  char **left_out; /* what the reader left out of the file, for people */

  /* The lists the builder made, one allocation each; NULL for a version made by an edit, whose
   * records are all in blocks. */
  KrArticle *articles;
  guint n_articles;
  KrEntity *entities;
  guint n_entities;
  KrDeal *deals;
  guint n_deals;
  KrDatasetBlocks blocks[KR_DATASET_N_LISTS]; /* what the records are read from */

  KrIds *ids[KR_DATASET_N_LISTS]; /* one index per list */

  /* Each article's text as quotes are looked for in it, normalised when first asked for
   * (kr-article-text.c), by the main thread that shows and checks quotes; NULL until then. */
  char **quote_texts;

  /* A version made by an edit (kr-editor-draft.c) owns only its record lists and indices: its
   * records' strings and lists are those of the datasets it shares, the one read and what each
   * edit since added. NULL for a dataset that owns them all. */
  GPtrArray *shares;
  KrArena *allocations; /* more lists that the records of the versions sharing it point to */
  gsize own_bytes;        /* what a version's own lists and indices take */
};

/* About what one entry of an index of ids takes: key, value and hash, in a table about twice
 * the entries' size. */
#define KR_DATASET_ID_BYTES (2 * (2 * sizeof (gpointer) + sizeof (guint)))

/* Points the blocks at the lists the builder made. */
void kr_dataset_block_lists (KrDataset *self);

/* The block of @blocks that holds record @index. */
static inline guint
kr_dataset_block_of (const KrDatasetBlocks *blocks, guint index)
{
  guint b = blocks->guide[index >> KR_DATASET_BLOCK_SHIFT];

  while (blocks->first[b + 1] <= index)
    b++;
  return b;
}

static inline gpointer
kr_dataset_record (KrDataset *self, KrDatasetList t, guint index, gsize size)
{
  const KrDatasetBlocks *blocks = &self->blocks[t];
  guint b = kr_dataset_block_of (blocks, index);

  return (guchar *)blocks->blocks[b] + (index - blocks->first[b]) * size;
}

static inline gsize
kr_dataset_record_size (KrDatasetList t)
{
  return t == KR_DATASET_ARTICLES   ? sizeof (KrArticle)
         : t == KR_DATASET_ENTITIES ? sizeof (KrEntity)
                                    : sizeof (KrDeal);
}

static inline guint
kr_dataset_count (KrDataset *self, KrDatasetList t)
{
  return t == KR_DATASET_ARTICLES   ? self->n_articles
         : t == KR_DATASET_ENTITIES ? self->n_entities
                                    : self->n_deals;
}

static inline KrArticle *
kr_dataset_article_at (KrDataset *self, guint index)
{
  return kr_dataset_record (self, KR_DATASET_ARTICLES, index, sizeof (KrArticle));
}

static inline KrEntity *
kr_dataset_entity_at (KrDataset *self, guint index)
{
  return kr_dataset_record (self, KR_DATASET_ENTITIES, index, sizeof (KrEntity));
}

static inline KrDeal *
kr_dataset_deal_at (KrDataset *self, guint index)
{
  return kr_dataset_record (self, KR_DATASET_DEALS, index, sizeof (KrDeal));
}

G_END_DECLS
