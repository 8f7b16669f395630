/* kr-dataset-builder-private.h — shared between the builder and its record checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-arena.h"
#include "kr-dataset-builder.h"
#include "kr-dataset-private.h"

G_BEGIN_DECLS

typedef enum
{
  NOTE_RECORD,
  NOTE_FIELD,
  NOTE_ELEMENT,
} NoteKind;

struct _KrNote
{
  KrNote *next;
  NoteKind kind;
  const char *field; /* NOTE_RECORD: the member, or NULL for the record itself */
  guint index;       /* NOTE_ELEMENT */
  const char *message;
};

typedef enum
{
  REC_ARTICLE,
  REC_ENTITY,
  REC_DEAL,
  N_RECORD_TYPES
} RecordType;

struct _KrDatasetBuilder
{
  KrPlaceFormatFunc format_place;
  KrDatasetRecord dataset_record;
  GPtrArray *records[N_RECORD_TYPES]; /* KrArticleRecord *, KrEntityRecord *, KrDealRecord * */
  gboolean listed[N_RECORD_TYPES];    /* whether the reader added records of that type */
  gboolean evidence_optional;
  gboolean give_strings;
  GFile *folder;
  guint64 n_records; /* every record added, even past the limit */

  KrArena *arena;      /* what kr_dataset_builder_alloc() hands out */
  GStringChunk *texts; /* notes' texts */
  GPtrArray *kept;

  GPtrArray *problems;
  gboolean gave_up;
  GPtrArray *left_out; /* char * */

  /* a new version's other records (kr_dataset_builder_set_others), or NULLs */
  KrIds *others[N_RECORD_TYPES];
  GHashTable *added_at[N_RECORD_TYPES]; /* the indices + 1 of the records added there */

  /* while building */
  KrDataset *dataset;
  GHashTable *ids[N_RECORD_TYPES]; /* the dataset's: id → index + 1 */
};

/* kr-dataset-builder.c: problems and notes */

/* A problem with @field of the record at @place (NULL @field: the place itself). */
void kr_builder_report (KrDatasetBuilder *self, const KrPlace *place, const char *field,
                        const char *format, ...) G_GNUC_PRINTF (4, 5);
/* Reports the notes on the record itself and on members the builder does not know; FALSE
 * when the record could not be read at all. */
gboolean kr_builder_begin_record (KrDatasetBuilder *self, const KrRecordHead *head);
gboolean kr_builder_is_readable (const KrRecordHead *head);
/* Reports the note on @field, if the reader left one: TRUE when it could not read the field. */
gboolean kr_builder_noted (KrDatasetBuilder *self, const KrRecordHead *head, const char *field);
/* The same for element @index of @field, at @place. */
gboolean kr_builder_noted_element (KrDatasetBuilder *self, const KrRecordHead *head,
                                   const char *field, guint index, const KrPlace *place);
/* Whether the file gives @field, readable or not. */
gboolean kr_builder_given (const KrRecordHead *head, const char *field, gboolean has_value);

/* kr-dataset-builder-records.c: checks every record and fills self->dataset; FALSE when there
 * was any problem. */
gboolean kr_builder_build (KrDatasetBuilder *self);

G_END_DECLS
