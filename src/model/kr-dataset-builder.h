/* kr-dataset-builder.h — turns records from any reader into a validated dataset
 *
 * A reader (JSON, and later others) only deals with its syntax: it hands the builder plain
 * records whose fields are strings as the file gives them — ids, vocabulary tokens, dates,
 * codes — each record carrying its place in the file. The builder checks everything else:
 * ids and references between records (which may point forwards), vocabularies, formats,
 * ranges, limits and required fields. It reports every problem with its place, and builds
 * the dataset only when there was none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-dataset.h"

G_BEGIN_DECLS

/* Where something is in the file, as a chain of links from the outside in: a JSON reader
 * gives "$.deals[3]" as { .key = "deals", .index = 3, .indexed = TRUE }, and the builder adds
 * a link per field ("parties[1]", then "entity"). Places are only turned into text when a
 * problem is reported, by the reader's KrPlaceFormatFunc. */
typedef struct _KrPlace KrPlace;
struct _KrPlace
{
  const KrPlace *up; /* the place this one is in; NULL at the top of the file */
  const char *key;   /* a name: member, field, column; NULL for none */
  guint index;       /* a position: element, row, line; when indexed */
  gboolean indexed;
};

/* Writes @place (NULL: the whole file) to @out: as a problem's location, or, @in_text, as a
 * message names a record ("entities[0]" rather than "$.entities[0]"). */
typedef void (*KrPlaceFormatFunc) (GString *out, const KrPlace *place, gboolean in_text);

/* Appends the links of @place below @record, from the outside in, as the fields within a
 * record that is placed by lines: ": parties[1].entity". Nothing when @place is @record. */
void kr_place_append_fields (GString *out, const KrPlace *place, const KrPlace *record);

/* A problem a reader found in a record, kept with it until the builder reports it. */
typedef struct _KrNote KrNote;

/* What every record starts with. */
typedef struct
{
  KrPlace place;
  KrNote *notes; /* added with kr_dataset_builder_note_*() */
} KrRecordHead;

typedef struct
{
  KrRecordHead head;
  const char *title;
  const char *description;
} KrDatasetRecord;

typedef struct
{
  KrRecordHead head;
  const char *id;
  const char *title;
  const char *publisher;
  const char *date;
  gboolean date_inferred;
  const char *url;
  const char *author;
  const char *language;
  const char *note;
  const char *text;      /* the article's full text: as given, or as read from text_file */
  const char *text_file; /* the file it was read from, relative to the dataset's folder */
} KrArticleRecord;

typedef struct
{
  KrRecordHead head;
  const char *article; /* an article's id */
  const char *quote;
  const char *stance; /* token; NULL means supports */
  const char *note;
} KrEvidenceRecord;

/* Problems with a name are noted on the entity as element @i of field "names". */
typedef struct
{
  const char *language;
  const char *name;
} KrLocalNameRecord;

typedef struct
{
  KrRecordHead head;
  const char *id;
  const char *name;
  const char *kind; /* token */
  const char *country;
  const char *description;
  const char **aliases;
  guint n_aliases;
  KrLocalNameRecord *names;
  guint n_names;
  KrEvidenceRecord *evidence;
  guint n_evidence;
  gboolean has_position; /* where a graph file drew it: GEXF's viz:position */
  double x, y;
} KrEntityRecord;

typedef struct
{
  KrRecordHead head;
  const char *entity; /* an entity's id */
  const char *role;   /* token */
} KrPartyRecord;

typedef struct
{
  KrRecordHead head;
  gboolean has_amount;
  double amount;
  const char *currency;
  gboolean approximate;
} KrValueRecord;

typedef struct
{
  KrRecordHead head;
  gboolean has_before;
  double before; /* percentages */
  gboolean has_after;
  double after;
} KrStakeRecord;

typedef struct
{
  KrRecordHead head;
  const char *id;
  const char *kind;   /* token */
  const char *status; /* token */
  const char *summary;
  const char *date;
  const char *end;
  const char *expected;
  const char *note;
  KrValueRecord *value; /* NULL when not given */
  KrStakeRecord *stake; /* NULL when not given */
  gboolean has_parties; /* whether the file lists parties at all, even none */
  KrPartyRecord *parties;
  guint n_parties;
  const char **proposed_by; /* entities' ids */
  guint n_proposed_by;
  gboolean has_evidence;
  KrEvidenceRecord *evidence;
  guint n_evidence;
} KrDealRecord;

typedef struct _KrDatasetBuilder KrDatasetBuilder;

KrDatasetBuilder *kr_dataset_builder_new (KrPlaceFormatFunc format_place);
void kr_dataset_builder_free (KrDatasetBuilder *self);

/* Frees @data with @free_func when the builder is freed: what the records point into. */
void kr_dataset_builder_keep (KrDatasetBuilder *self, gpointer data, GDestroyNotify free_func);

/* A copy of @text (nullable) that lives as long as the builder: for a reader whose document
 * does not, as one that parses a record at a time. */
const char *kr_dataset_builder_copy_text (KrDatasetBuilder *self, const char *text);

/* @n zeroed elements of @size bytes that live as long as the builder (NULL when @n is 0). */
gpointer kr_dataset_builder_alloc (KrDatasetBuilder *self, gsize n, gsize size);
#define kr_dataset_builder_new0(self, Type, n)                                                     \
  ((Type *)kr_dataset_builder_alloc ((self), (n), sizeof (Type)))

/* Whether a deal may come without evidence: in formats that have no place for sources, a deal
 * with none is what the file says, not a mistake. Deals need evidence unless this is set. */
void kr_dataset_builder_set_evidence_optional (KrDatasetBuilder *self, gboolean optional);

/* The folder of the file being read (NULL: the bytes come from no file), where the files a
 * dataset names beside it are: articles' texts. */
void kr_dataset_builder_set_folder (KrDatasetBuilder *self, GFile *folder);
GFile *kr_dataset_builder_get_folder (KrDatasetBuilder *self);

/* The dataset's own fields, which the reader fills in. */
KrDatasetRecord *kr_dataset_builder_get_dataset_record (KrDatasetBuilder *self);

/* @n more zeroed records, in the dataset's order, that the reader fills in. Calling these says
 * that the file lists records of that type (datasets must, even none). NULL when @n is 0 or
 * when the dataset would exceed the record limit (kr_limits_get), which the build reports. */
KrArticleRecord *kr_dataset_builder_add_articles (KrDatasetBuilder *self, guint n);
KrEntityRecord *kr_dataset_builder_add_entities (KrDatasetBuilder *self, guint n);
KrDealRecord *kr_dataset_builder_add_deals (KrDatasetBuilder *self, guint n);

/* What a reader finds wrong in a record goes with the record, so that the build reports every
 * problem in one order, whoever found it:
 * - _note_record: the record itself (@member NULL: it could not be read at all, and the
 *   builder skips it) or a member the builder does not know; reported before its fields;
 * - _note_field: @field could not be read; reported when the builder comes to that field,
 *   instead of its own checks (a field left NULL with a note is not "missing");
 * - _note_element: the same for element @index of list @field. */
void kr_dataset_builder_note_record (KrDatasetBuilder *self, KrRecordHead *head, const char *member,
                                     const char *format, ...) G_GNUC_PRINTF (4, 5);
void kr_dataset_builder_note_field (KrDatasetBuilder *self, KrRecordHead *head, const char *field,
                                    const char *format, ...) G_GNUC_PRINTF (4, 5);
void kr_dataset_builder_note_element (KrDatasetBuilder *self, KrRecordHead *head, const char *field,
                                      guint index, const char *format, ...) G_GNUC_PRINTF (5, 6);

/* Whether a file of @size bytes is within the limit; if not, reports that it is not. */
gboolean kr_dataset_builder_check_size (KrDatasetBuilder *self, gsize size);

/* Reports a problem now, before anything the build reports: for what stops reading (a syntax
 * error, a file that is not a dataset). */
void kr_dataset_builder_report (KrDatasetBuilder *self, const KrPlace *place, const char *format,
                                ...) G_GNUC_PRINTF (3, 4);
void kr_dataset_builder_report_position (KrDatasetBuilder *self, int line, int column,
                                         const char *message);
/* Whether @data is UTF-8 text without a NUL byte; if not, reports where it stops being so, in
 * the same words whatever the format and whichever library reads it next. */
gboolean kr_dataset_builder_check_utf8 (KrDatasetBuilder *self, const char *data, gsize size);

/* Says what the reader left out of the file on purpose, in a sentence for people: kept with
 * the dataset that is built (kr_dataset_get_left_out). */
void kr_dataset_builder_leave_out (KrDatasetBuilder *self, const char *format, ...)
    G_GNUC_PRINTF (2, 3);

/* Says that every string of the records lives as long as the builder: in its own texts
 * (kr_dataset_builder_copy_text), in what it keeps (kr_dataset_builder_keep), or for ever. The
 * dataset built then takes them over, with whatever else those hold, instead of copying them:
 * for a reader, whose texts go with it, not for records made from another dataset's strings. */
void kr_dataset_builder_give_strings (KrDatasetBuilder *self);

/* Says that the records added are the few that changed in a new version of a larger dataset,
 * each at the index its place gives (KrPlace.index): the build checks only them, and the
 * dataset it returns holds only them, in the order they were added, for the version to take
 * in. The version's other records are known by their ids in @others, one table per record
 * type (articles, entities, deals), id → index + 1; an entry at the index of a record added is
 * that record's former id, and is not looked at. @n_others: how many other records the version
 * has, for the limit. Call it before adding records. */
typedef struct _KrIds KrIds;
void kr_dataset_builder_set_others (KrDatasetBuilder *self, KrIds *const others[3], guint n_others);

/* Checks the records and builds the dataset; NULL when there was any problem, reported or
 * noted. Call it once, after the reader. */
KrDataset *kr_dataset_builder_build (KrDatasetBuilder *self);

/* Every problem so far (KrProblem), owned by the builder. */
GPtrArray *kr_dataset_builder_get_problems (KrDatasetBuilder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrDatasetBuilder, kr_dataset_builder_free)

G_END_DECLS
