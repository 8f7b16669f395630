/* kr-bench-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "kr-bench-data.h"

static const char *const syllables[] = { "ka", "ne", "shi", "to", "mi", "ra", "ko", "su",
                                         "ta", "no", "ha",  "ya", "mo", "ri", "ze", "do" };
static const char *const suffixes[] = { "Motors",     "Holdings", "Electric", "Batteries",
                                        "Industries", "Capital",  "Systems",  "Group" };
static const char *const kinds[] = { "company",       "company",    "company",    "division",
                                     "joint_venture", "government", "state_fund", "group" };
static const char *const deal_kinds[]
    = { "acquisition", "investment",  "equity_stake", "joint_venture",
        "alliance",    "partnership", "supply",       "rivalry" };
static const char *const statuses[]
    = { "rumoured", "proposed", "in_talks", "agreed", "active", "completed", "collapsed" };

static const char *const words[]
    = { "the",       "battery",    "venture",    "plant",      "shares",  "board",    "alliance",
        "supply",    "agreement",  "announced",  "Tuesday",    "market",  "electric", "vehicles",
        "Japanese",  "partner",    "investment", "billion",    "yen",     "stake",    "cells",
        "talks",     "regulators", "approval",   "production", "in",      "of",       "with",
        "a",         "to",         "and",        "its",        "said",    "people",   "familiar",
        "matter",    "Société",    "générale",   "日産",       "自動車",  "合弁",     "株式",
        "according", "statement",  "quarter",    "chips",      "sensors", "software" };
static const char *const countries[] = { "JP", "FR", "US", "DE", "CN", "KR", "TW", "GB" };
static const char *const currencies[] = { "JPY", "USD", "EUR" };

static char *
make_name (GRand *rand, guint i)
{
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (rand, 2, 4);

  for (int k = 0; k < n; k++)
    g_string_append (s, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
  s->str[0] = g_ascii_toupper (s->str[0]);
  g_string_append_printf (s, " %s %u",
                          suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (suffixes))], i);
  return g_string_free (s, FALSE);
}

/* Entity @i's id, name and kind, its object left open; returns its name. */
static char *
append_entity (GString *out, GRand *rand, guint i)
{
  char *name = make_name (rand, i);

  g_string_append_printf (out, "%s{\"id\":\"e%u\",\"name\":\"%s\",\"kind\":\"%s\"", i ? "," : "", i,
                          name, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);
  return name;
}

/* The members of a deal's list of parties. */
static void
append_parties (GString *out, const char *kind, const guint *parties, guint n_parties)
{
  for (guint p = 0; p < n_parties; p++)
    g_string_append_printf (out, "%s{\"entity\":\"e%u\",\"role\":\"%s\"}", p ? "," : "", parties[p],
                            n_parties > 2 || g_str_equal (kind, "alliance") ? "partner"
                            : p == 0                                        ? "investor"
                                                                            : "investee");
}

/* How many parties a deal has: two, or a tenth of the time three or four. */
static guint
pick_n_parties (GRand *rand)
{
  return g_rand_int_range (rand, 0, 10) == 0 ? (guint)g_rand_int_range (rand, 3, 5) : 2;
}

/* @n_parties distinct entities of @n into @parties. Preferential attachment: half of the time
 * a past deal end (@ends) is picked again. */
static void
pick_parties (GRand *rand, guint n, GArray *ends, guint n_parties, guint parties[4])
{
  for (guint p = 0; p < n_parties; p++)
    {
      gboolean fresh;
      do
        {
          if (ends->len > 0 && g_rand_boolean (rand))
            parties[p] = g_array_index (ends, guint, g_rand_int_range (rand, 0, (int)ends->len));
          else
            parties[p] = (guint)g_rand_int_range (rand, 0, (int)n);
          fresh = TRUE;
          for (guint q = 0; q < p; q++)
            fresh &= parties[q] != parties[p];
        }
      while (!fresh);
      g_array_append_val (ends, parties[p]);
    }
}

void
kr_bench_write_dataset (const char *path, guint n, guint32 seed)
{
  kr_bench_write_dataset_with_deals (path, n, n * 5 / 4, seed);
}

void
kr_bench_write_dataset_with_deals (const char *path, guint n, guint n_deals, guint32 seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  GString *out = g_string_sized_new (n * 400);
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint)); /* one entry per deal end */

  g_string_append (out, "{\"format\":\"keiretsu-dataset\",\"version\":1,"
                        "\"title\":\"Synthetic benchmark\",\"articles\":[");
  for (int a = 0; a < 20; a++)
    g_string_append_printf (out,
                            "%s{\"id\":\"a%d\",\"title\":\"Article %d\",\"publisher\":"
                            "\"Bench Times\",\"date\":\"2024-%02d\"}",
                            a ? "," : "", a, a, a % 12 + 1);
  g_string_append (out, "],\"entities\":[");
  for (guint i = 0; i < n; i++)
    {
      g_free (append_entity (out, rand, i));
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"deals\":[");
  for (guint d = 0; d < n_deals; d++)
    {
      guint n_parties = pick_n_parties (rand);
      guint parties[4];
      const char *kind = deal_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (deal_kinds))];

      pick_parties (rand, n, ends, n_parties, parties);
      g_string_append_printf (out,
                              "%s{\"id\":\"d%u\",\"kind\":\"%s\",\"status\":\"%s\","
                              "\"summary\":\"Deal %u between %u parties.\",\"parties\":[",
                              d ? "," : "", d, kind,
                              statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))], d,
                              n_parties);
      append_parties (out, kind, parties, n_parties);
      g_string_append_printf (out,
                              "],\"evidence\":[{\"article\":\"a%d\",\"quote\":\"Quote %u.\"}]}",
                              g_rand_int_range (rand, 0, 20), d);
    }
  g_string_append (out, "]}");
  g_file_set_contents (path, out->str, (gssize)out->len, NULL);
  g_string_free (out, TRUE);
  g_rand_free (rand);
}

double
kr_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

void
kr_bench_remove_dir (const char *dir)
{
  g_autoptr (GFile) d = g_file_new_for_path (dir);
  g_autoptr (GFileEnumerator) en = g_file_enumerate_children (d, "standard::name", 0, NULL, NULL);
  GFileInfo *info;

  while (en && (info = g_file_enumerator_next_file (en, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (d, g_file_info_get_name (info));
      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (d, NULL, NULL);
}

/* ---- a dataset with the words of a real one ------------------------------------------ */

/* Some @min to @max bytes of words, as a sentence; now and then a word in quotes, which JSON
 * escapes. */
static void
append_sentence (GString *out, GRand *rand, guint min, guint max)
{
  gsize start = out->len;
  guint length = (guint)g_rand_int_range (rand, (int)min, (int)max + 1);

  while (out->len - start < length)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (out->len > start)
        g_string_append_c (out, ' ');
      if (g_rand_int_range (rand, 0, 40) == 0)
        g_string_append_printf (out, "\\\"%s\\\"", word);
      else
        g_string_append (out, word);
    }
  if (out->len > start)
    out->str[start] = g_ascii_toupper (out->str[start]);
  g_string_append_c (out, '.');
}

/* @n words of news prose, as a sentence. */
static void
append_prose (GString *out, GRand *rand, guint n)
{
  for (guint w = 0; w < n; w++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      g_string_append_printf (out, "%s%c%s", w ? " " : "", w ? word[0] : g_ascii_toupper (word[0]),
                              word + 1);
    }
  g_string_append_c (out, '.');
}

/* A member holding a sentence of @min to @max bytes, then @n_prose words of prose. */
static void
append_member_sentence (GString *out, GRand *rand, const char *member, guint min, guint max,
                        guint n_prose)
{
  g_string_append_printf (out, ",\"%s\":\"", member);
  append_sentence (out, rand, min, max);
  if (n_prose > 0)
    {
      g_string_append_c (out, ' ');
      append_prose (out, rand, n_prose);
    }
  g_string_append_c (out, '"');
}

/* A day, a month or a year between 2005 and 2024. */
static void
append_date (GString *out, GRand *rand, const char *member)
{
  int y = g_rand_int_range (rand, 2005, 2025), m = g_rand_int_range (rand, 1, 13);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      g_string_append_printf (out, ",\"%s\":\"%04d-%02d-%02d\"", member, y, m,
                              g_rand_int_range (rand, 1, 29));
      break;
    case 1:
      g_string_append_printf (out, ",\"%s\":\"%04d-%02d\"", member, y, m);
      break;
    default:
      g_string_append_printf (out, ",\"%s\":\"%04d\"", member, y);
    }
}

void
kr_bench_write_text_dataset (const char *path, guint n, guint n_deals, guint n_words, guint32 seed)
{
  GRand *rand = g_rand_new_with_seed (seed);
  GString *out = g_string_sized_new (n * 300 + (gsize)n_deals * (500 + n_words * 8));
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_articles = MAX (20, n / 200);

  g_string_append (out, "{\"format\":\"keiretsu-dataset\",\"version\":1,"
                        "\"title\":\"Synthetic benchmark with words\",\"articles\":[");
  for (guint a = 0; a < n_articles; a++)
    {
      g_string_append_printf (out,
                              "%s{\"id\":\"a%u\",\"url\":\"https://news.example/%u/%u\","
                              "\"publisher\":\"Bench Times %u\"",
                              a ? "," : "", a, 2005 + a % 20, a, a % 7);
      append_member_sentence (out, rand, "title", 40, 90, 0);
      append_date (out, rand, "date");
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"entities\":[");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = append_entity (out, rand, i);

      if (g_rand_int_range (rand, 0, 10) < 7)
        g_string_append_printf (out, ",\"country\":\"%s\"",
                                countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))]);
      if (g_rand_boolean (rand))
        append_member_sentence (out, rand, "description", 40, 160, 0);
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append_printf (out, ",\"aliases\":[\"%s 株式会社 %u\"]", name, i);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"deals\":[");
  for (guint d = 0; d < n_deals; d++)
    {
      guint n_parties = pick_n_parties (rand);
      guint parties[4];
      const char *kind = deal_kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (deal_kinds))];
      guint n_evidence = g_rand_int_range (rand, 0, 4) == 0 ? 2 : 1;

      pick_parties (rand, n, ends, n_parties, parties);
      g_string_append_printf (out, "%s{\"id\":\"d%u\",\"kind\":\"%s\",\"status\":\"%s\"",
                              d ? "," : "", d, kind,
                              statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
      append_member_sentence (out, rand, "summary", 60, 140, n_words / 3);
      if (g_rand_int_range (rand, 0, 5) < 4)
        append_date (out, rand, "date");
      if (g_rand_int_range (rand, 0, 10) < 3)
        g_string_append_printf (out, ",\"value\":{\"amount\":%d,\"currency\":\"%s\"%s}",
                                g_rand_int_range (rand, 1, 100000) * 1000,
                                currencies[g_rand_int_range (rand, 0, G_N_ELEMENTS (currencies))],
                                g_rand_boolean (rand) ? ",\"approximate\":true" : "");
      if (g_rand_int_range (rand, 0, 10) == 0)
        append_member_sentence (out, rand, "note", 30, 80, 0);
      g_string_append (out, ",\"parties\":[");
      append_parties (out, kind, parties, n_parties);
      g_string_append (out, "],\"evidence\":[");
      for (guint e = 0; e < n_evidence; e++)
        {
          g_string_append_printf (out, "%s{\"article\":\"a%u\"", e ? "," : "",
                                  (guint)g_rand_int_range (rand, 0, (int)n_articles));
          append_member_sentence (out, rand, "quote", 60, 170, e == 0 ? n_words - n_words / 3 : 0);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]}");
  g_file_set_contents (path, out->str, (gssize)out->len, NULL);
  g_string_free (out, TRUE);
  g_rand_free (rand);
}
