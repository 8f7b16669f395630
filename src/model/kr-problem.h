/* kr-problem.h — one thing wrong with a dataset, and where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *path; /* JSON path such as "$.deals[3].parties", or NULL for a syntax error */
  int line;   /* 1-based, 0 when unknown */
  int column; /* 1-based, 0 when unknown */
  char *message;
} KrProblem;

/* A copy of untrusted text fit to quote in a message: valid UTF-8, control characters and
 * bidirectional overrides shown as U+FFFD (no line breaks, terminal escapes or text that reads
 * backwards), cut to @max_chars characters with "…" (0: no cut).
 */
char *kr_problem_printable (const char *text, guint max_chars);
/* Text from a dataset as a message quotes it: printable, and short. */
char *kr_problem_quote (const char *text);

/* Exactly what g_utf8_validate_len() answers, @end included, many bytes at a time where the
 * text is ASCII, as most of a dataset is. */
gboolean kr_utf8_validate (const char *data, gsize size, const char **end);

KrProblem *kr_problem_new_at_path (const char *path, const char *message);
KrProblem *kr_problem_new_at_position (int line, int column, const char *message);
void kr_problem_free (KrProblem *problem);

/* "FILE:PATH: message" or "FILE:LINE:COL: message". */
char *kr_problem_to_string (const KrProblem *problem, const char *source_name);

/* The problems, one per line, at most @max_lines (then "and N more"); 0 means all. */
char *kr_problems_to_string (GPtrArray *problems, const char *source_name, guint max_lines);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KrProblem, kr_problem_free)

G_END_DECLS
