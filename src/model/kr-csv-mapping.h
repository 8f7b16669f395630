/* kr-csv-mapping.h — what each column of a spreadsheet is
 *
 * A CSV file says nothing of its columns but their headers. One table lists the fields a
 * column can be (an entity's name, a deal's date, the article a quote comes from …) with the
 * headers that name each in Keiretsu's own files, in Kumu's and in Gephi's; a mapping gives
 * each column of one table one of them, guessed from the headers or chosen by the user, and is
 * kept beside the file (see kr-csv-reader.h) to be offered again.
 *
 * It needs no display and is tested on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The fields, in the order a list of choices shows them. */
typedef enum
{
  KR_CSV_IGNORED,
  KR_CSV_ID,
  KR_CSV_NAME,
  KR_CSV_ENTITY_KIND,
  KR_CSV_COUNTRY,
  KR_CSV_DESCRIPTION,
  KR_CSV_ALIASES,
  KR_CSV_SOURCE,
  KR_CSV_TARGET,
  KR_CSV_PARTIES,
  KR_CSV_ROLES,
  KR_CSV_DEAL_KIND,
  KR_CSV_STATUS,
  KR_CSV_SUMMARY,
  KR_CSV_DATE,
  KR_CSV_END,
  KR_CSV_TIME_INTERVAL,
  KR_CSV_EXPECTED,
  KR_CSV_AMOUNT,
  KR_CSV_CURRENCY,
  KR_CSV_APPROXIMATE,
  KR_CSV_STAKE_BEFORE,
  KR_CSV_STAKE_AFTER,
  KR_CSV_NOTE,
  KR_CSV_ARTICLE_ID,
  KR_CSV_URL,
  KR_CSV_ARTICLE_TITLE,
  KR_CSV_PUBLISHER,
  KR_CSV_ARTICLE_DATE,
  KR_CSV_QUOTE,
  KR_CSV_STANCE,
  KR_CSV_QUOTE_NOTE,
  KR_CSV_N_FIELDS
} KrCsvField;

/* Which table a file is: one row per entity, or one row per deal. */
typedef enum
{
  KR_CSV_ENTITIES,
  KR_CSV_DEALS,
} KrCsvTableKind;

/* The field's token, as a mapping is kept ("deal_kind"), and its name for people, translated. */
const char *kr_csv_field_to_token (KrCsvField field);
KrCsvField kr_csv_field_from_token (const char *token); /* KR_CSV_IGNORED when unknown */
const char *kr_csv_field_get_label (KrCsvField field);
/* Whether a column of a table of @kind can be @field. */
gboolean kr_csv_field_fits (KrCsvField field, KrCsvTableKind kind);
/* The header Keiretsu writes for it, which the guess reads back as the same field. */
const char *kr_csv_field_get_header (KrCsvField field);

typedef struct
{
  KrCsvTableKind kind;
  guint n_columns;
  KrCsvField *fields; /* one per column */
} KrCsvMapping;

/* What the headers say: a table with a source and a target (or parties) is one of deals.
 * A header that names no field, or a field an earlier column took, is ignored. */
KrCsvMapping *kr_csv_mapping_guess (const char *const *headers, guint n_headers);
/* The same for a table known to be of @kind. */
KrCsvMapping *kr_csv_mapping_guess_as (const char *const *headers, guint n_headers,
                                       KrCsvTableKind kind);
KrCsvMapping *kr_csv_mapping_copy (const KrCsvMapping *self);
void kr_csv_mapping_free (KrCsvMapping *self);

/* The first column that is @field, or -1. */
int kr_csv_mapping_find (const KrCsvMapping *self, KrCsvField field);

/* The mapping as it is kept: {"table": "deals", "headers": [...], "fields": [...]}, with the
 * headers it was made for. */
JsonNode *kr_csv_mapping_to_json (const KrCsvMapping *self, const char *const *headers);
/* The mapping kept in @node, if it was made for exactly these headers; else NULL. */
KrCsvMapping *kr_csv_mapping_from_json (JsonNode *node, const char *const *headers,
                                        guint n_headers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrCsvMapping, kr_csv_mapping_free)

G_END_DECLS
