/* kr-bench-data.h — synthetic datasets for the benchmarks, and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a valid dataset of @n_entities entities whose degrees follow a power law
 * (preferential attachment), with about 1.25 deals per entity (2.5 deal ends), a tenth of
 * them joining three or four parties. The same seed gives the same file. */
void kr_bench_write_dataset (const char *path, guint n_entities, guint32 seed);
/* The same with @n_deals deals. */
void kr_bench_write_dataset_with_deals (const char *path, guint n_entities, guint n_deals,
                                        guint32 seed);
/* A dataset shaped as those, with the words of a real one: each deal has a summary of a
 * sentence, a date most of the time, now and then an amount or a note, and one or two
 * excerpts of a few lines from articles with an address; half of the entities a description,
 * most a country, some an alias; a few words are not ASCII and a few are quoted. With
 * @n_words, each deal's summary and first excerpt together run that many words of news prose
 * more (about 7 bytes each), as in datasets gathered from articles. */
void kr_bench_write_text_dataset (const char *path, guint n_entities, guint n_deals, guint n_words,
                                  guint32 seed);

/* Milliseconds on the monotonic clock. */
double kr_bench_now_ms (void);

/* Removes @dir and the files in it. */
void kr_bench_remove_dir (const char *dir);

G_END_DECLS
