/* kr-json-strict.h — JSON exactly as RFC 8259 defines it, and each member named once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks that @data is one JSON text as RFC 8259 defines it, with no member named twice in an
 * object and no NUL character escaped into a string: what json-glib accepts before its strict
 * mode (comments, single quotes, hexadecimal and octal numbers, numbers that start or end with a
 * dot, unknown escapes, raw control characters in strings, trailing commas) and what it lets
 * pass silently (a member given twice, where the last wins). Linear in @size, whatever the
 * input. Text that is only white space passes: the caller says that the file is empty.
 *
 * Returns NULL when it is, or else what is wrong, with its place in @line and @column. */
char *kr_json_strict_check (const char *data, gsize size, int *line, int *column);

/* The offset of the first bracket in @data that opens a value nested more than @max_depth deep,
 * or -1: json-glib recurses once per level, so deep nesting is refused before it parses. */
gssize kr_json_too_deep (const char *data, gsize size, int max_depth);

/* The 1-based line and column (in characters) of byte @offset of @data. */
void kr_json_position (const char *data, gsize offset, int *line, int *column);

/* Walks a text that kr_json_strict_check() accepted, without parsing it: the members of an
 * object, or the elements of an array, each found as the slice of the text that holds it. A
 * reader can then parse one value at a time instead of the whole document at once. */
typedef struct
{
  const char *data;
  gsize size;
  gsize at;     /* where the next member or element begins, or the closing bracket */
  char closing; /* '}' or ']' */
} KrJsonWalk;

/* Begins at the object ('{') or array ('[') whose bracket is at @start, after white space;
 * FALSE when a value of another kind is there. */
gboolean kr_json_walk_begin (KrJsonWalk *walk, const char *data, gsize size, gsize start,
                             char bracket);
/* The next member (@name: its quoted name) or element: where its value starts in the text and
 * how long it is. FALSE after the last. @name and @name_size may be NULL for an array. */
gboolean kr_json_walk_next (KrJsonWalk *walk, gsize *name, gsize *name_size, gsize *value,
                            gsize *value_size);
/* Appends to @out the text of the string found by the walk at @start, @size bytes with its
 * quotes, its escapes undone. */
void kr_json_walk_string (const KrJsonWalk *walk, gsize start, gsize size, GString *out);

G_END_DECLS
