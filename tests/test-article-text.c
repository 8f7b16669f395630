/* test-article-text.c — articles' texts, in the dataset or beside it, and the quotes looked
 * for in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kr-article-text.h"
#include "kr-dataset-writer.h"
#include "kr-document.h"
#include "kr-test-data.h"

/* A dataset with one article, whose members after its id, title and publisher are @article,
 * and a deal between two entities quoting it with @quote (ASCII), as Keiretsu writes it. */
static char *
dataset_text (const char *article, const char *quote)
{
  g_autofree char *quoted = g_strescape (quote, NULL);

  return g_strdup_printf ("{\n"
                          "  \"format\": \"keiretsu-dataset\",\n"
                          "  \"version\": 1,\n"
                          "  \"title\": \"Texts\",\n"
                          "  \"articles\": [\n"
                          "    {\n"
                          "      \"id\": \"a\",\n"
                          "      \"title\": \"A\",\n"
                          "      \"publisher\": \"P\"%s%s\n"
                          "    }\n"
                          "  ],\n"
                          "  \"entities\": [\n"
                          "    {\n"
                          "      \"id\": \"x\",\n"
                          "      \"name\": \"X\",\n"
                          "      \"kind\": \"company\"\n"
                          "    },\n"
                          "    {\n"
                          "      \"id\": \"y\",\n"
                          "      \"name\": \"Y\",\n"
                          "      \"kind\": \"company\"\n"
                          "    }\n"
                          "  ],\n"
                          "  \"deals\": [\n"
                          "    {\n"
                          "      \"id\": \"d\",\n"
                          "      \"kind\": \"alliance\",\n"
                          "      \"status\": \"active\",\n"
                          "      \"summary\": \"X and Y\",\n"
                          "      \"parties\": [\n"
                          "        {\n"
                          "          \"entity\": \"x\",\n"
                          "          \"role\": \"partner\"\n"
                          "        },\n"
                          "        {\n"
                          "          \"entity\": \"y\",\n"
                          "          \"role\": \"partner\"\n"
                          "        }\n"
                          "      ],\n"
                          "      \"evidence\": [\n"
                          "        {\n"
                          "          \"article\": \"a\",\n"
                          "          \"quote\": \"%s\"\n"
                          "        }\n"
                          "      ]\n"
                          "    }\n"
                          "  ]\n"
                          "}\n",
                          article[0] != '\0' ? ",\n      " : "", article, quoted);
}

/* A folder of its own for one test, removed by the caller's rm -r. */
typedef struct
{
  char *folder;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void)data;
  f->folder = g_dir_make_tmp ("kr-article-text-XXXXXX", NULL);
  g_assert_nonnull (f->folder);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) && g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void)data;
  remove_tree (f->folder);
  g_free (f->folder);
}

static void
write_file (const char *folder, const char *name, const char *data, gssize size)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

/* The dataset "data.json" in @folder with @article's members, loaded: NULL with its problems in
 * @problems_out (one a line) when it does not load. */
static KrDataset *
load_in (const char *folder, const char *article, const char *quote, char **problems_out)
{
  g_autofree char *text = dataset_text (article, quote);
  g_autofree char *path = g_build_filename (folder, "data.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  KrDataset *dataset;

  write_file (folder, "data.json", text, -1);
  dataset = kr_dataset_new_from_file (file, NULL, &problems, &error);
  *problems_out = problems ? kr_problems_to_string (problems, "data.json", 0) : NULL;
  return dataset;
}

static void
test_normalise (void)
{
  static const struct
  {
    const char *text, *expected;
  } cases[] = {
    { "  one\n\ttwo  \r\n three ", "one two three" },
    { "\xe2\x80\x98it\xe2\x80\x99s\xe2\x80\x99", "'it's'" },
    { "\xe2\x80\x9cyes\xe2\x80\x9d \xef\xbc\x82no\xef\xbc\x82", "\"yes\" \"no\"" },
    { "2023\xe2\x80\x93"
      "24 \xe2\x80\x94 end",
      "2023-24 - end" },
    /* e and a combining acute accent are é */
    { "Renault\xc2\xa0"
      "caf"
      "e\xcc\x81",
      "Renault caf\xc3\xa9" },
    { "\xe2\x80\x83", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = kr_quote_normalise (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
  g_assert_null (kr_quote_normalise ("\xff"));
}

static void
test_found (void)
{
  const char *text = "Nissan\xe2\x80\x99s board  said:\n\xe2\x80\x9cWe will\nnot\xe2\x80\x94"
                     "ever.\xe2\x80\x9d";

  g_assert_true (kr_quote_found ("Nissan's board said", text));
  g_assert_true (kr_quote_found ("\"We will not-ever.\"", text));
  g_assert_true (kr_quote_found ("  board\tsaid: ", text));
  /* One word changed, a letter's case, a word left out: not the article's words. */
  g_assert_false (kr_quote_found ("Nissan's board says", text));
  g_assert_false (kr_quote_found ("nissan's board said", text));
  g_assert_false (kr_quote_found ("We will ever", text));
  g_assert_false (kr_quote_found (" \n ", text));
}

static void
test_names (void)
{
  static const char *const good[] = { "a.txt", "texts/a.txt", "./a.txt", "..a", "a..", "a/b..c/d" };
  static const char *const bad[] = { "../a.txt", "..",   "a/../b", "texts/..", "/etc/passwd",
                                     "C:a.txt",  "a\\b", "a\nb",   "a\tb" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_null (kr_text_file_name_problem (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_nonnull (kr_text_file_name_problem (bad[i]));
}

static void
test_text_file (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;
  g_autofree char *texts = g_build_filename (f->folder, "texts", NULL);
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (GPtrArray) unfound = NULL;
  const KrArticle *article;

  (void)data;
  g_mkdir (texts, 0700);
  write_file (texts, "a.txt", "\xef\xbb\xbfThe whole\ntext, with \xe2\x80\x9cquotes\xe2\x80\x9d.",
              -1);
  dataset
      = load_in (f->folder, "\"text_file\": \"texts/a.txt\"", "text, with \"quotes\"", &problems);
  g_assert_cmpstr (problems, ==, "");
  g_assert_nonnull (dataset);
  article = kr_dataset_get_article (dataset, 0);
  g_assert_cmpstr (article->text_file, ==, "texts/a.txt");
  g_assert_cmpstr (article->text, ==, "The whole\ntext, with \xe2\x80\x9cquotes\xe2\x80\x9d.");
  unfound = kr_dataset_check_quotes (dataset);
  g_assert_cmpuint (unfound->len, ==, 0);
  g_assert_true (kr_evidence_is_found (dataset, &kr_dataset_get_deal (dataset, 0)->evidence[0]));
}

/* Written as it was read, byte for byte: text inline, and text_file as a name, its text left in
 * its file. */
static void
test_round_trip (Fixture *f, gconstpointer data)
{
  static const char *const articles[] = {
    "\"text\": \"The whole\\ntext.\"",
    "\"text_file\": \"a.txt\"",
  };

  (void)data;
  write_file (f->folder, "a.txt", "The whole\ntext.", -1);
  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    {
      g_autofree char *expected = dataset_text (articles[i], "whole text");
      g_autofree char *problems = NULL;
      g_autoptr (KrDataset) dataset = load_in (f->folder, articles[i], "whole text", &problems);
      g_autoptr (GBytes) written = NULL;

      g_assert_cmpstr (problems, ==, "");
      g_assert_cmpstr (kr_dataset_get_article (dataset, 0)->text, ==, "The whole\ntext.");
      written = kr_dataset_writer_write (dataset);
      g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), expected,
                       strlen (expected));
    }
}

static void
test_quote_not_found (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (GPtrArray) unfound = NULL;
  g_autofree char *line = NULL;

  (void)data;
  dataset = load_in (f->folder, "\"text\": \"X and Y work together.\"", "X and Z work together",
                     &problems);
  g_assert_nonnull (dataset);
  g_assert_false (kr_evidence_is_found (dataset, &kr_dataset_get_deal (dataset, 0)->evidence[0]));
  unfound = kr_dataset_check_quotes (dataset);
  line = kr_problems_to_string (unfound, "data.json", 0);
  g_assert_cmpstr (line, ==,
                   "data.json:$.deals[0].evidence[0].quote: quote not found in article \"a\"");
}

/* Every way a text file can be wrong is a problem at the article's text_file, and nothing
 * outside the dataset's folder is read. */
static void
test_hostile (Fixture *f, gconstpointer data)
{
  g_autofree char *inside = g_build_filename (f->folder, "inside", NULL);
  g_autofree char *outside = g_build_filename (f->folder, "outside.txt", NULL);
  g_autofree char *link = g_build_filename (inside, "link.txt", NULL);
  g_autofree char *huge = g_build_filename (inside, "huge.txt", NULL);
  g_autofree char *sub = g_build_filename (inside, "sub", NULL);
  static const struct
  {
    const char *article, *problem;
  } cases[] = {
    { "\"text_file\": \"../outside.txt\"",
      "data.json:$.articles[0].text_file: must not lead out of the dataset's folder with \"..\"" },
    { "\"text_file\": \"sub/../../outside.txt\"",
      "data.json:$.articles[0].text_file: must not lead out of the dataset's folder with \"..\"" },
    { "\"text_file\": \"/etc/passwd\"",
      "data.json:$.articles[0].text_file: must be a path relative to the dataset's folder, with "
      "forward slashes" },
    { "\"text_file\": \"link.txt\"",
      "data.json:$.articles[0].text_file: leads out of the dataset's folder" },
    { "\"text_file\": \"huge.txt\"",
      "data.json:$.articles[0].text_file: the text file is larger than the limit of 4 MiB" },
    { "\"text_file\": \"bad.txt\"",
      "data.json:$.articles[0].text_file: the text file is not UTF-8 text (at byte 4)" },
    { "\"text_file\": \"nul.txt\"",
      "data.json:$.articles[0].text_file: the text file is not UTF-8 text (at byte 2)" },
    { "\"text_file\": \"missing.txt\"",
      "data.json:$.articles[0].text_file: cannot open: No such file or directory" },
    { "\"text_file\": \"sub\"", "data.json:$.articles[0].text_file: is not a regular file" },
    { "\"text_file\": \"good.txt\", \"text\": \"X\"",
      "data.json:$.articles[0].text_file: give the text or a text file, not both" },
    { "\"text_file\": \"empty.txt\"", "data.json:$.articles[0].text_file: must not be empty" },
  };
  int fd;

  (void)data;
  g_mkdir (inside, 0700);
  g_mkdir (sub, 0700);
  write_file (f->folder, "outside.txt", "Outside the dataset's folder.", -1);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  write_file (inside, "bad.txt", "good\xc3(bad", -1);
  write_file (inside, "nul.txt", "ab\0cd", 5);
  write_file (inside, "good.txt", "X", -1);
  write_file (inside, "empty.txt", " \n", -1);
  /* Sparse: it takes no room on disk. */
  fd = g_open (huge, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, KR_DATASET_MAX_TEXT + 1), ==, 0);
  close (fd);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problems = NULL;
      g_autoptr (KrDataset) dataset = load_in (inside, cases[i].article, "X", &problems);

      g_assert_cmpstr (problems, ==, cases[i].problem);
      g_assert_null (dataset);
    }
}

/* A text file cannot be named by a dataset that comes from no file, as on standard input. */
static void
test_no_folder (void)
{
  g_autofree char *text = dataset_text ("\"text_file\": \"a.txt\"", "X");
  g_autofree char *problems = kr_test_problems_of ("data.json", text);

  g_assert_cmpstr (problems, ==,
                   "data.json:$.articles[0].text_file: cannot be read: the dataset was not read "
                   "from a file");
}

/* The seed file an article's note names: "Seed NAME.txt." */
static char *
seed_name (const KrArticle *article)
{
  const char *start = article->note ? strstr (article->note, "Seed ") : NULL;
  const char *end = start ? strstr (start, ".txt.") : NULL;

  if (end == NULL)
    return NULL;
  start += strlen ("Seed ");
  return g_strndup (start, (gsize)(end - start) + strlen (".txt"));
}

static void
check_quotes_in_seeds (KrDataset *dataset, const KrEvidence *evidence, guint n, char **seeds,
                       const char *owner, guint *checked)
{
  for (guint i = 0; i < n; i++)
    {
      const KrEvidence *e = &evidence[i];

      if (!kr_quote_found_in (e->quote, seeds[e->article]))
        g_test_fail_printf ("%s: quote not found in article \"%s\": %s", owner,
                            kr_dataset_get_article (dataset, e->article)->id, e->quote);
      (*checked)++;
    }
}

/* The built-in dataset cites five articles without their texts: each quote is checked against
 * the seed file the article's note names, with the same matcher as --check. */
static void
test_builtin_seeds (void)
{
  g_autofree char *folder
      = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seeds", NULL);
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (GPtrArray) seeds = NULL;
  guint checked = 0;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_test_skip_printf ("%s: the seeds folder does not exist; the built-in quotes are not "
                          "checked",
                          folder);
      return;
    }
  dataset = kr_test_load_builtin ();
  seeds = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < kr_dataset_get_n_articles (dataset); i++)
    {
      const KrArticle *article = kr_dataset_get_article (dataset, i);
      g_autofree char *name = seed_name (article);
      g_autoptr (GFile) dir = g_file_new_for_path (folder);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_nonnull (name);
      text = kr_text_file_read (dir, name, NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (seeds, kr_quote_normalise (text));
    }
  for (guint i = 0; i < kr_dataset_get_n_entities (dataset); i++)
    {
      const KrEntity *entity = kr_dataset_get_entity (dataset, i);
      check_quotes_in_seeds (dataset, entity->evidence, entity->n_evidence, (char **)seeds->pdata,
                             entity->id, &checked);
    }
  for (guint i = 0; i < kr_dataset_get_n_deals (dataset); i++)
    {
      const KrDeal *deal = kr_dataset_get_deal (dataset, i);
      check_quotes_in_seeds (dataset, deal->evidence, deal->n_evidence, (char **)seeds->pdata,
                             deal->id, &checked);
    }
  g_test_message ("%u quotes found in their seeds", checked);
  g_assert_cmpuint (checked, >, 0);
}

/* Saved as a dataset in another folder, the texts go with it; a file there that holds
 * another text is never replaced, and then nothing is written. */
static void
test_save_elsewhere (Fixture *f, gconstpointer data)
{
  g_autofree char *problems = NULL;
  g_autofree char *texts = g_build_filename (f->folder, "texts", NULL);
  g_autofree char *from = g_build_filename (f->folder, "data.json", NULL);
  g_autofree char *other = g_build_filename (f->folder, "other", NULL);
  g_autofree char *target = g_build_filename (other, "copy.json", NULL);
  g_autofree char *copied = g_build_filename (other, "texts", "a.txt", NULL);
  g_autofree char *clash = g_build_filename (f->folder, "clash", NULL);
  g_autofree char *clash_target = g_build_filename (clash, "copy.json", NULL);
  g_autofree char *clash_text = g_build_filename (clash, "texts", "a.txt", NULL);
  g_autoptr (GFile) from_file = g_file_new_for_path (from);
  g_autoptr (GFile) target_file = g_file_new_for_path (target);
  g_autoptr (GFile) clash_file = g_file_new_for_path (clash_target);
  g_autoptr (KrUndoStack) undo = kr_undo_stack_new ();
  g_autoptr (KrDocument) document = NULL;
  g_autoptr (KrDataset) dataset = NULL;
  g_autoptr (KrDataset) reread = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *text = "The whole\ntext, with \xe2\x80\x9cquotes\xe2\x80\x9d.";

  (void)data;
  g_mkdir (texts, 0700);
  write_file (texts, "a.txt", text, -1);
  dataset
      = load_in (f->folder, "\"text_file\": \"texts/a.txt\"", "text, with \"quotes\"", &problems);
  g_assert_nonnull (dataset);
  document = kr_document_new (dataset, from_file, undo);

  /* Into a folder without the file: it is written, with the folder it needs. */
  g_mkdir (other, 0700);
  g_assert_true (kr_document_save (document, target_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (copied, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
  reread = kr_test_load_file (target_file);
  g_assert_cmpstr (kr_dataset_get_article (reread, 0)->text, ==, text);

  /* Saved there again, the file already holds the text: nothing to do. */
  g_assert_true (kr_document_save (document, NULL, &error));
  g_assert_no_error (error);

  /* Into a folder whose file of that name holds something else. */
  g_mkdir_with_parents (clash_text, 0700);
  g_rmdir (clash_text);
  write_file (clash, "texts/a.txt", "Someone else's notes.", -1);
  g_assert_false (kr_document_save (document, clash_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "texts/a.txt"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (clash_text, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Someone else's notes.");
  g_assert_false (g_file_test (clash_target, G_FILE_TEST_EXISTS));
  /* The document still names the file it was saved to before. */
  g_assert_true (g_file_equal (kr_document_get_file (document), target_file));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-text/normalise", test_normalise);
  g_test_add_func ("/article-text/found", test_found);
  g_test_add_func ("/article-text/names", test_names);
  g_test_add ("/article-text/text-file", Fixture, NULL, fixture_set_up, test_text_file,
              fixture_tear_down);
  g_test_add ("/article-text/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/article-text/quote-not-found", Fixture, NULL, fixture_set_up, test_quote_not_found,
              fixture_tear_down);
  g_test_add ("/article-text/hostile", Fixture, NULL, fixture_set_up, test_hostile,
              fixture_tear_down);
  g_test_add ("/article-text/save-elsewhere", Fixture, NULL, fixture_set_up, test_save_elsewhere,
              fixture_tear_down);
  g_test_add_func ("/article-text/no-folder", test_no_folder);
  g_test_add_func ("/article-text/builtin-seeds", test_builtin_seeds);
  return g_test_run ();
}
