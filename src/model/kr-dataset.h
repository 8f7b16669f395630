/* kr-dataset.h — an immutable, validated entity and deal dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kr-enums.h"
#include "kr-limits.h"
#include "kr-problem.h"

G_BEGIN_DECLS

#define KR_DATASET_FORMAT "keiretsu-dataset"
#define KR_DATASET_VERSION 1

/* Limits that keep a hostile file from exhausting the machine; those on the file's size and on
 * the number of records follow the machine's memory (kr-limits.h). */
#define KR_DATASET_MAX_STRING (64 * 1024)
#define KR_DATASET_MAX_DEPTH 64
/* An article's full text, given in the dataset or read from the file it names. */
#define KR_DATASET_MAX_TEXT (4 * 1024 * 1024)

#define KR_DATASET_ERROR (kr_dataset_error_quark ())

typedef enum
{
  KR_DATASET_ERROR_INVALID, /* the file was read but is not a valid dataset */
  KR_DATASET_ERROR_TOO_LARGE,
  KR_DATASET_ERROR_NOT_PAIRED, /* two files given together are not two tables of one dataset */
} KrDatasetError;

GQuark kr_dataset_error_quark (void);

typedef struct
{
  guint article; /* index into the dataset's articles */
  const char *quote;
  KrStance stance;
  const char *note; /* nullable */
} KrEvidence;

typedef struct
{
  const char *id;
  const char *title;
  const char *publisher;
  const char *date; /* nullable, ISO 8601, maybe partial */
  gboolean date_inferred;
  const char *url;      /* nullable, http(s) only */
  const char *author;   /* nullable */
  const char *language; /* nullable */
  const char *note;     /* nullable */
  const char *text;     /* nullable: the article's full text, that its quotes must appear in */
  const char *text_file; /* nullable: the file beside the dataset that text was read from,
                          * relative to the dataset's folder; written back instead of text */
} KrArticle;

typedef struct
{
  const char *language;
  const char *name;
} KrLocalName;

typedef struct
{
  const char *id;
  const char *name;
  KrEntityKind kind;
  const char *country;  /* nullable */
  const char **aliases; /* n_aliases entries */
  guint n_aliases;
  KrLocalName *names; /* n_names entries */
  guint n_names;
  const char *display_name; /* the name in the user's language when the entity has one,
                             * else name: what the map and the panel show */
  const char *description;  /* nullable */
  KrEvidence *evidence;
  guint n_evidence;
  /* Where the file it came from drew it (GEXF's viz:position, y up, in the file's units), for
   * writing it back; Keiretsu's own format has no positions. */
  gboolean has_position;
  double x, y;
} KrEntity;

typedef struct
{
  guint entity;
  KrRole role;
} KrParty;

typedef struct
{
  const char *id;
  KrDealKind kind;
  KrDealStatus status;
  const char *summary;
  KrParty *parties;
  guint n_parties;
  const char *date;     /* nullable */
  const char *end;      /* nullable */
  const char *expected; /* nullable */
  gboolean has_value;
  double value_amount;
  char value_currency[4];
  gboolean value_approximate;
  double stake_before; /* NAN when not given */
  double stake_after;  /* NAN when not given */
  guint *proposed_by;
  guint n_proposed_by;
  const char *note; /* nullable */
  KrEvidence *evidence;
  guint n_evidence;
} KrDeal;

#define KR_TYPE_DATASET (kr_dataset_get_type ())
G_DECLARE_FINAL_TYPE (KrDataset, kr_dataset, KR, DATASET, GObject)

/* Loading. On failure these return NULL, set @error and, when @problems is not NULL, store
 * every problem found (a GPtrArray of KrProblem). @display_name names the source in
 * messages, e.g. the file's path. The name's suffix picks the reader (kr-dataset-reader.h);
 * a name no reader claims is read as a Keiretsu dataset (JSON). */
KrDataset *kr_dataset_new_from_bytes (GBytes *bytes, const char *display_name, GPtrArray **problems,
                                      GError **error);
KrDataset *kr_dataset_new_from_file (GFile *file, GCancellable *cancellable, GPtrArray **problems,
                                     GError **error);
/* @bytes read as the contents of @file, which they may not be yet: the texts a dataset names
 * are read beside @file, and messages name it. */
KrDataset *kr_dataset_new_from_file_bytes (GFile *file, GBytes *bytes, GPtrArray **problems,
                                           GError **error);
void kr_dataset_load_async (GFile *file, GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data);
/* One dataset kept in two files given together, whatever their names: a spreadsheet's table of
 * deals and its table of entities, in either order (kr-csv-reader.h). @error says
 * KR_DATASET_ERROR_NOT_PAIRED when no format reads the two together; two tables of deals, or
 * of entities, are a problem as any other. Problems in @file are placed without its name, to
 * be named as the file opened; those in @other name it. */
KrDataset *kr_dataset_new_from_pair (GFile *file, GFile *other, GCancellable *cancellable,
                                     GPtrArray **problems, GError **error);
/* Loads @file, and @other with it when not NULL, as _new_from_pair() does; _load_finish() ends
 * it. */
void kr_dataset_load_pair_async (GFile *file, GFile *other, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data);
KrDataset *kr_dataset_load_finish (GAsyncResult *result, GPtrArray **problems, GError **error);

const char *kr_dataset_get_title (KrDataset *self);
/* About how many bytes of memory the dataset alone takes: its strings, records and indices; a
 * version made by an edit, its record lists and indices, and what the edit added. */
gsize kr_dataset_get_size (KrDataset *self);
/* What the reader left out of the file on purpose (schemata Keiretsu does not show …), one
 * sentence each for people; empty, never NULL. */
const char *const *kr_dataset_get_left_out (KrDataset *self);

guint kr_dataset_get_n_articles (KrDataset *self);
const KrArticle *kr_dataset_get_article (KrDataset *self, guint index);
guint kr_dataset_get_n_entities (KrDataset *self);
const KrEntity *kr_dataset_get_entity (KrDataset *self, guint index);
guint kr_dataset_get_n_deals (KrDataset *self);
const KrDeal *kr_dataset_get_deal (KrDataset *self, guint index);

/* A flag per article, entity or deal, all FALSE: what a filter or a query marks. Never NULL,
 * even for none; free with g_free(). */
gboolean *kr_dataset_new_article_flags (KrDataset *self);
gboolean *kr_dataset_new_entity_flags (KrDataset *self);
gboolean *kr_dataset_new_deal_flags (KrDataset *self);

/* Index of the record with that id, or -1. */
int kr_dataset_find_article (KrDataset *self, const char *id);
int kr_dataset_find_entity (KrDataset *self, const char *id);
int kr_dataset_find_deal (KrDataset *self, const char *id);

/* Number of distinct articles that evidence a deal. */
guint kr_deal_count_sources (const KrDeal *deal);
/* TRUE when some excerpt of the deal contradicts or qualifies the others. */
gboolean kr_deal_is_disputed (const KrDeal *deal);
/* TRUE when @entity is a party to @deal (or proposed it). */
gboolean kr_deal_involves (const KrDeal *deal, guint entity);

/* The entity's name in the first of @languages (as g_get_language_names() lists them, e.g.
 * "ja_JP.UTF-8", "ja_JP", "ja") for which it has one, else its name. */
const char *kr_entity_name_for_languages (const KrEntity *entity, const char *const *languages);

/* Whether one of the @n excerpts in @evidence comes from article @article. */
gboolean kr_evidence_cites (const KrEvidence *evidence, guint n, guint article);

/* Whether @url is a web address a dataset may give and Keiretsu opens: http or https, with a
 * host, no white space (Unicode's too, as the JSON Schema's \s) or control characters, and
 * escapes that are escapes. */
gboolean kr_url_is_web (const char *url);

/* Whether @date is a date as datasets write them: YYYY, YYYY-MM or YYYY-MM-DD. */
gboolean kr_date_is_valid (const char *date);

G_END_DECLS
