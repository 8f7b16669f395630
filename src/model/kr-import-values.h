/* kr-import-values.h — values from other programs' files, made into what Keiretsu's fields take
 *
 * The readers of formats that are not Keiretsu's own (GraphML, GEXF, FollowTheMoney) meet the
 * same values written in other ways: a kind as "Organisation", a date with a time after it, a
 * country in lower case, ids with capitals or spaces. What cannot be made into a valid value is
 * left out, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kr-enums.h"

G_BEGIN_DECLS

/* A word other programs use for a value of a vocabulary, and the token it means. */
typedef struct
{
  const char *word;
  const char *token;
} KrImportWord;

/* "Start Date" and "start-date" are "start_date": lower case, '_' between words. */
char *kr_import_normalize_name (const char *name);

/* The token of @vocabulary that @value names, in its own words or in those of @words; NULL
 * when it names none. The token is the vocabulary's (or @words'), not a copy. */
const char *kr_import_token (const KrVocabulary *vocabulary, const char *value,
                             const KrImportWord *words, guint n_words);

/* "2019", "2019-04" and "2019-04-01" as they are, a time after the day dropped; NULL for
 * anything else. */
char *kr_import_date (const char *value);

/* A country code when @value is two letters, in capitals; else NULL. */
char *kr_import_country (const char *value);

/* An id made of what ids allow (a-z, 0-9, '-', '_', '.'), from @wanted; maybe empty. */
char *kr_import_id_text (const char *wanted);

/* Whether @id is one that a dataset accepts as it is. */
gboolean kr_import_id_is_valid (const char *id);

/* @wanted when it is a valid id not in @used, else one made from it (or from @prefix and
 * @index when nothing of it is left), unique in @used; added to @used, whose keys live in
 * @texts like the id returned. @wanted must live in @texts too: it is returned itself. */
const char *kr_import_make_id (GHashTable *used, GStringChunk *texts, const char *wanted,
                               const char *prefix, guint index);

G_END_DECLS
