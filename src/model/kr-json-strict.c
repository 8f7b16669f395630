/* kr-json-strict.c — a scan of the raw bytes for what RFC 8259 forbids
 *
 * One pass, no recursion: containers open and close on a stack of their own, so deep nesting
 * costs memory in proportion to the file and no more. The names of the open objects' members
 * are kept on one stack too, and an object's are compared one by one, as a record's dozen are;
 * an object with more members keeps them in a hash table, hashed with a seed chosen at random
 * once per process, so that no file can be written whose names all collide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-json-strict"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kr-json-strict.h"
#include "kr-problem.h"

void
kr_json_position (const char *data, gsize offset, int *line, int *column)
{
  int l = 1, c = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          l++;
          c = 1;
        }
      else if (((guchar)data[i] & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *column = c;
}

static guint32 hash_seed;

/* FNV-1a from a random start: the collisions of one process are not those of the next. */
static guint
seeded_hash (gconstpointer key)
{
  guint32 h = hash_seed;

  for (const guchar *p = key; *p != '\0'; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

/* Past this many members, an object's names go in a hash table. */
#define FEW_NAMES 16

/* A member name of an open object, in Scan.names_text. */
typedef struct
{
  gsize text; /* its offset in names_text */
  gsize len;
  gsize at; /* where it is in the file */
} Name;

/* An open container. */
typedef struct
{
  gboolean object;
  guint first_name;   /* its first name in Scan.names */
  gsize names_end;    /* where its names end in Scan.names_text */
  GHashTable *lookup; /* name → where, once it has more than FEW_NAMES */
} Open;

typedef struct
{
  const char *data;
  gsize size;
  gsize pos;
  GArray *open;  /* Open */
  GArray *names; /* Name: of every open object, the innermost last */
  GString *names_text;
  GString *name; /* the member name being read */
  gsize fail_at;
  char *message;
} Scan;

static gboolean
fail_with (Scan *s, gsize at, char *message)
{
  s->message = message;
  s->fail_at = at;
  return FALSE;
}

/* What is not JSON at all. */
static gboolean G_GNUC_PRINTF (3, 4) fail (Scan *s, gsize at, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  return fail_with (s, at, g_strdup_printf (_ ("syntax error: %s"), what));
}

static gboolean
at_end (const Scan *s)
{
  return s->pos >= s->size;
}

static char
peek (const Scan *s, gsize ahead)
{
  return s->pos + ahead < s->size ? s->data[s->pos + ahead] : '\0';
}

static gboolean
in_word (char c)
{
  return g_ascii_isalnum (c) || strchr ("+-._", c) != NULL || ((guchar)c & 0x80) != 0;
}

/* The character at @at, or the word or number that starts there, quoted for a message. */
static char *
word_at (const Scan *s, gsize at)
{
  gsize end = at + g_utf8_skip[(guchar)s->data[at]];
  g_autofree char *word = NULL;

  if (in_word (s->data[at]))
    while (end < s->size && end - at < 64 && in_word (s->data[end]))
      end++;
  word = g_strndup (s->data + at, MIN (end, s->size) - at);
  return kr_problem_quote (word);
}

static gboolean
unexpected (Scan *s)
{
  g_autofree char *word = NULL;

  if (at_end (s))
    return fail (s, s->pos, _ ("the file ends before the JSON text does"));
  if (s->data[s->pos] == '\'')
    return fail (s, s->pos, _ ("strings are written in double quotes"));
  word = word_at (s, s->pos);
  return fail (s, s->pos, _ ("unexpected \"%s\""), word);
}

static gboolean
skip_space (Scan *s)
{
  for (; !at_end (s); s->pos++)
    {
      char c = s->data[s->pos];

      if (c == '/' && (peek (s, 1) == '/' || peek (s, 1) == '*'))
        return fail (s, s->pos, _ ("comments are not allowed in JSON"));
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
    }
  return TRUE;
}

/* Four hex digits after "\u" at @at, or -1. */
static int
read_unit (const Scan *s, gsize at)
{
  int unit = 0;

  if (at + 4 > s->size)
    return -1;
  for (gsize i = at; i < at + 4; i++)
    {
      int v = g_ascii_xdigit_value (s->data[i]);
      if (v < 0)
        return -1;
      unit = unit * 16 + v;
    }
  return unit;
}

/* Whether one of the eight bytes of @word ends a string's plain run: a control character, a
 * quote or a backslash (each test is nonzero when a byte is below a bound, or zero). */
static inline gboolean
ends_run (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = word ^ (ones * '"'), backslash = word ^ (ones * '\\');

  return ((((word - ones * 0x20) & ~word) | ((quote - ones) & ~quote)
           | ((backslash - ones) & ~backslash))
          & highs)
         != 0;
}

/* Reads the string at s->pos, its text into @text when not NULL. */
static gboolean
scan_string (Scan *s, GString *text)
{
  s->pos++;
  while (!at_end (s))
    {
      gsize start;
      guchar c;
      guint64 word;

      /* A value's text is not kept: its plain runs are passed eight bytes at a time. */
      while (text == NULL && s->size - s->pos >= 8
             && (memcpy (&word, s->data + s->pos, 8), !ends_run (word)))
        s->pos += 8;
      if (at_end (s))
        break;
      start = s->pos;
      c = (guchar)s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, start,
                     _ ("a line break, tab or other control character in a string "
                        "must be written as an escape"));
      if (c != '\\')
        {
          if (text != NULL)
            g_string_append_c (text, (char)c);
          s->pos++;
          continue;
        }
      switch (peek (s, 1))
        {
        case '"':
        case '\\':
        case '/':
          if (text != NULL)
            g_string_append_c (text, peek (s, 1));
          s->pos += 2;
          break;
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          /* Names only need to compare equal: any one byte per escape does. */
          if (text != NULL)
            g_string_append_len (text, s->data + s->pos, 2);
          s->pos += 2;
          break;
        case 'u':
          {
            int unit = read_unit (s, s->pos + 2);
            int low;

            if (unit < 0)
              {
                g_autofree char *escape = g_strndup (s->data + start, MIN (6, s->size - start));
                g_autofree char *shown = kr_problem_quote (escape);
                return fail (s, start, _ ("\"%s\" is not a JSON escape"), shown);
              }
            if (unit == 0)
              return fail (s, start, _ ("a string may not contain \\u0000, the NUL character"));
            s->pos += 6;
            if (unit >= 0xD800 && unit < 0xDC00 && peek (s, 0) == '\\' && peek (s, 1) == 'u'
                && (low = read_unit (s, s->pos + 2)) >= 0xDC00 && low < 0xE000)
              {
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                s->pos += 6;
              }
            /* Half a pair names no character. Some json-glib versions pass it on as invalid
             * UTF-8, others call it a syntax error: it is refused here, in one way for all. */
            else if (unit >= 0xD800 && unit < 0xE000)
              {
                g_autofree char *escape = g_strndup (s->data + start, 6);
                g_autofree char *shown = kr_problem_quote (escape);
                return fail_with (s, start,
                                  g_strdup_printf (_ ("\"%s\" is half of a surrogate pair: the "
                                                      "text is not valid Unicode"),
                                                   shown));
              }
            if (text != NULL)
              g_string_append_unichar (text, (gunichar)unit);
          }
          break;
        default:
          {
            const char *next = s->data + start + 1;
            g_autofree char *escape = g_strndup (
                s->data + start,
                1 + (next < s->data + s->size ? g_utf8_skip[*(const guchar *)next] : 0));
            g_autofree char *shown = kr_problem_quote (escape);
            return fail (s, start, _ ("\"%s\" is not a JSON escape"), shown);
          }
        }
    }
  return unexpected (s);
}

static gboolean
digits (Scan *s)
{
  gsize start = s->pos;

  while (!at_end (s) && g_ascii_isdigit (s->data[s->pos]))
    s->pos++;
  return s->pos > start;
}

/* json-glib reads a whole number beyond 64 bits as another number: it is refused, as written. */
static gboolean
check_integer (Scan *s, gsize start)
{
  gboolean negative = s->data[start] == '-';
  const char *digits = s->data + start + negative;
  gsize n = s->data + s->pos - digits;
  const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
  g_autofree char *written = NULL;
  g_autofree char *shown = NULL;

  if (n < strlen (limit) || (n == strlen (limit) && memcmp (digits, limit, n) <= 0))
    return TRUE;
  written = g_strndup (s->data + start, s->pos - start);
  shown = kr_problem_quote (written);
  return fail_with (s, start,
                    g_strdup_printf (_ ("%s is out of range; a whole number must be from %s to %s"),
                                     shown, "-9223372036854775808", "9223372036854775807"));
}

static gboolean
scan_number (Scan *s)
{
  gsize start = s->pos;
  gboolean ok = TRUE, whole = TRUE;
  char next;

  if (peek (s, 0) == '-')
    s->pos++;
  if (peek (s, 0) == '0')
    s->pos++;
  else
    ok = peek (s, 0) >= '1' && peek (s, 0) <= '9' && digits (s);
  if (ok && peek (s, 0) == '.')
    {
      s->pos++;
      ok = digits (s);
      whole = FALSE;
    }
  if (ok && (peek (s, 0) == 'e' || peek (s, 0) == 'E'))
    {
      s->pos++;
      if (peek (s, 0) == '+' || peek (s, 0) == '-')
        s->pos++;
      ok = digits (s);
      whole = FALSE;
    }
  next = peek (s, 0);
  if (!ok || g_ascii_isalnum (next) || next == '.' || next == '+' || next == '-' || next == '_')
    {
      g_autofree char *word = word_at (s, start);
      return fail (s, start, _ ("\"%s\" is not a JSON number"), word);
    }
  return !whole || check_integer (s, start);
}

static gboolean
scan_literal (Scan *s, const char *literal)
{
  gsize n = strlen (literal);

  if (s->size - s->pos < n || memcmp (s->data + s->pos, literal, n) != 0
      || g_ascii_isalnum (peek (s, n)))
    return unexpected (s);
  s->pos += n;
  return TRUE;
}

/* Where the open object @o already has a member named @name, or G_MAXSIZE. */
static gsize
find_name (Scan *s, Open *o, const GString *name)
{
  gpointer at;

  if (o->lookup != NULL)
    return g_hash_table_lookup_extended (o->lookup, name->str, NULL, &at) ? GPOINTER_TO_SIZE (at)
                                                                          : G_MAXSIZE;
  for (guint i = o->first_name; i < s->names->len; i++)
    {
      const Name *n = &g_array_index (s->names, Name, i);

      if (n->len == name->len && memcmp (s->names_text->str + n->text, name->str, n->len) == 0)
        return n->at;
    }
  return G_MAXSIZE;
}

static void
add_name (Scan *s, Open *o, const GString *name, gsize at)
{
  Name n = { .text = s->names_text->len, .len = name->len, .at = at };

  if (o->lookup == NULL && s->names->len - o->first_name < FEW_NAMES)
    {
      g_string_append_len (s->names_text, name->str, (gssize)name->len);
      g_array_append_val (s->names, n);
      return;
    }
  if (o->lookup == NULL)
    {
      o->lookup = g_hash_table_new_full (seeded_hash, g_str_equal, g_free, NULL);
      for (guint i = o->first_name; i < s->names->len; i++)
        {
          const Name *m = &g_array_index (s->names, Name, i);

          g_hash_table_insert (o->lookup, g_strndup (s->names_text->str + m->text, m->len),
                               GSIZE_TO_POINTER (m->at));
        }
      g_array_set_size (s->names, o->first_name);
      g_string_truncate (s->names_text, o->names_end);
    }
  g_hash_table_insert (o->lookup, g_strndup (name->str, name->len), GSIZE_TO_POINTER (at));
}

static gboolean
scan_member_name (Scan *s)
{
  Open *o = &g_array_index (s->open, Open, s->open->len - 1);
  gsize start = s->pos;
  gsize first;

  if (peek (s, 0) != '"')
    {
      if (peek (s, 0) == '}')
        return fail (s, s->pos, _ ("a comma before \"}\" must be followed by a member"));
      return unexpected (s);
    }
  g_string_truncate (s->name, 0);
  if (!scan_string (s, s->name))
    return FALSE;
  if ((first = find_name (s, o, s->name)) != G_MAXSIZE)
    {
      g_autofree char *shown = kr_problem_quote (s->name->str);
      int line, column;

      kr_json_position (s->data, first, &line, &column);
      return fail_with (s, start,
                        g_strdup_printf (_ ("member \"%s\" is given twice; the first is at "
                                            "line %d, column %d"),
                                         shown, line, column));
    }
  add_name (s, o, s->name, start);
  if (!skip_space (s))
    return FALSE;
  if (peek (s, 0) != ':')
    return unexpected (s);
  s->pos++;
  return TRUE;
}

static void
close_container (Scan *s)
{
  Open *o = &g_array_index (s->open, Open, s->open->len - 1);

  s->pos++;
  if (o->object)
    {
      g_clear_pointer (&o->lookup, g_hash_table_unref);
      g_array_set_size (s->names, o->first_name);
      g_string_truncate (s->names_text, o->names_end);
    }
  g_array_set_size (s->open, s->open->len - 1);
}

static void
clear_open (gpointer data)
{
  Open *o = data;

  g_clear_pointer (&o->lookup, g_hash_table_unref);
}

typedef enum
{
  WANT_VALUE,
  WANT_NAME,
  AFTER_VALUE,
} Want;

/* Opens an object or an array. */
static gboolean
open_container (Scan *s, gboolean object, Want *want)
{
  Open o = { .object = object, .first_name = s->names->len, .names_end = s->names_text->len };

  s->pos++;
  g_array_append_val (s->open, o);
  if (!skip_space (s))
    return FALSE;
  if (peek (s, 0) == (object ? '}' : ']'))
    close_container (s);
  else
    *want = object ? WANT_NAME : WANT_VALUE;
  return TRUE;
}

static gboolean
in_object (const Scan *s)
{
  return g_array_index (s->open, Open, s->open->len - 1).object;
}

static gboolean
scan (Scan *s)
{
  Want want = WANT_VALUE;

  for (;;)
    {
      if (!skip_space (s))
        return FALSE;
      switch (want)
        {
        case WANT_NAME:
          if (!scan_member_name (s))
            return FALSE;
          want = WANT_VALUE;
          break;

        case WANT_VALUE:
          want = AFTER_VALUE;
          switch (peek (s, 0))
            {
            case '{':
              if (!open_container (s, TRUE, &want))
                return FALSE;
              break;
            case '[':
              if (!open_container (s, FALSE, &want))
                return FALSE;
              break;
            case '"':
              if (!scan_string (s, NULL))
                return FALSE;
              break;
            case 't':
              if (!scan_literal (s, "true"))
                return FALSE;
              break;
            case 'f':
              if (!scan_literal (s, "false"))
                return FALSE;
              break;
            case 'n':
              if (!scan_literal (s, "null"))
                return FALSE;
              break;
            case ']':
              if (s->open->len > 0 && !in_object (s))
                return fail (s, s->pos, _ ("a comma before \"]\" must be followed by a value"));
              return unexpected (s);
            default:
              if (peek (s, 0) == '-' || peek (s, 0) == '.' || peek (s, 0) == '+'
                  || g_ascii_isdigit (peek (s, 0)))
                {
                  if (!scan_number (s))
                    return FALSE;
                  break;
                }
              return unexpected (s);
            }
          break;

        case AFTER_VALUE:
        default:
          if (s->open->len == 0)
            return at_end (s) || unexpected (s);
          {
            gboolean object = in_object (s);
            char c = peek (s, 0);

            if (c == ',')
              {
                s->pos++;
                want = object ? WANT_NAME : WANT_VALUE;
              }
            else if (c == (object ? '}' : ']'))
              close_container (s);
            else
              return unexpected (s);
          }
          break;
        }
    }
}

char *
kr_json_strict_check (const char *data, gsize size, int *line, int *column)
{
  static gsize seeded = 0;
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (Open));
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (Name));
  g_autoptr (GString) names_text = g_string_new (NULL);
  g_autoptr (GString) name = g_string_new (NULL);
  Scan s = {
    .data = data, .size = size, .open = open, .names = names, .names_text = names_text, .name = name
  };

  g_return_val_if_fail (data != NULL || size == 0, NULL);

  g_array_set_clear_func (open, clear_open);
  *line = 0;
  *column = 0;
  if (g_once_init_enter (&seeded))
    {
      hash_seed = g_random_int ();
      g_once_init_leave (&seeded, 1);
    }
  if (!skip_space (&s))
    goto failed;
  if (at_end (&s))
    return NULL;
  if (scan (&s))
    return NULL;
failed:
  kr_json_position (data, s.fail_at, line, column);
  return s.message;
}

/* Past the string whose opening quote is at @i: the first quote after it that an odd number of
 * backslashes does not escape. Strings are most of a dataset's bytes; memchr() goes through
 * them many bytes at a time. */
static gsize
past_string (const char *data, gsize size, gsize i)
{
  const char *end = data + size, *p = data + i + 1;

  for (;;)
    {
      const char *quote = memchr (p, '"', (gsize)(end - p));
      gsize backslashes = 0;

      if (quote == NULL)
        return size;
      while (quote[-1 - (gssize)backslashes] == '\\')
        backslashes++;
      if (backslashes % 2 == 0)
        return (gsize)(quote + 1 - data);
      p = quote + 1;
    }
}

gssize
kr_json_too_deep (const char *data, gsize size, int max_depth)
{
  int depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (c == '"')
        i = past_string (data, size, i) - 1;
      else if ((c == '{' || c == '[') && ++depth > max_depth)
        return (gssize)i;
      else if (c == '}' || c == ']')
        depth--;
    }
  return -1;
}

/* ---- walking a checked text ---------------------------------------------------------- */

static gsize
skip_white (const KrJsonWalk *walk, gsize i)
{
  while (i < walk->size
         && (walk->data[i] == ' ' || walk->data[i] == '\t' || walk->data[i] == '\n'
             || walk->data[i] == '\r'))
    i++;
  return i;
}

static gsize
skip_string (const KrJsonWalk *walk, gsize i)
{
  return past_string (walk->data, walk->size, i);
}

/* Past the value that starts at @i. The text is known to be JSON, so brackets match. */
static gsize
skip_value (const KrJsonWalk *walk, gsize i)
{
  char c = i < walk->size ? walk->data[i] : '\0';
  int depth = 0;

  if (c == '"')
    return skip_string (walk, i);
  if (c != '{' && c != '[')
    {
      while (i < walk->size && !strchr (",]} \t\r\n", walk->data[i]))
        i++;
      return i;
    }
  while (i < walk->size)
    {
      c = walk->data[i];
      if (c == '"')
        {
          i = skip_string (walk, i);
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        return i + 1;
      i++;
    }
  return i;
}

gboolean
kr_json_walk_begin (KrJsonWalk *walk, const char *data, gsize size, gsize start, char bracket)
{
  g_return_val_if_fail (bracket == '{' || bracket == '[', FALSE);

  *walk = (KrJsonWalk){ .data = data, .size = size, .closing = bracket == '{' ? '}' : ']' };
  start = skip_white (walk, start);
  if (start >= size || data[start] != bracket)
    return FALSE;
  walk->at = start + 1;
  return TRUE;
}

gboolean
kr_json_walk_next (KrJsonWalk *walk, gsize *name, gsize *name_size, gsize *value, gsize *value_size)
{
  gsize i = skip_white (walk, walk->at);

  if (i < walk->size && walk->data[i] == ',')
    i = skip_white (walk, i + 1);
  if (i >= walk->size || walk->data[i] == walk->closing)
    {
      walk->at = i;
      return FALSE;
    }
  if (walk->closing == '}')
    {
      gsize end = skip_string (walk, i);

      if (name != NULL)
        *name = i, *name_size = end - i;
      i = skip_white (walk, end);
      if (i < walk->size && walk->data[i] == ':')
        i = skip_white (walk, i + 1);
    }
  *value = i;
  walk->at = skip_value (walk, i);
  *value_size = walk->at - i;
  return TRUE;
}

/* Four hex digits, as the check found them. */
static gunichar
walk_unit (const char *at)
{
  gunichar unit = 0;

  for (guint i = 0; i < 4; i++)
    unit = unit * 16 + (gunichar)g_ascii_xdigit_value (at[i]);
  return unit;
}

void
kr_json_walk_string (const KrJsonWalk *walk, gsize start, gsize size, GString *out)
{
  const char *p, *end;

  g_return_if_fail (walk != NULL && out != NULL && size >= 2 && start + size <= walk->size);
  g_return_if_fail (walk->data[start] == '"');

  /* The check has seen every escape: each is complete and names a character. */
  for (p = walk->data + start + 1, end = walk->data + start + size - 1; p < end;)
    {
      const char *escape = memchr (p, '\\', (gsize)(end - p));
      gunichar unit;

      if (escape == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, escape - p);
      switch (escape[1])
        {
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          unit = walk_unit (escape + 2);
          if (unit >= 0xD800 && unit < 0xDC00)
            {
              unit = 0x10000 + ((unit - 0xD800) << 10) + (walk_unit (escape + 8) - 0xDC00);
              escape += 6;
            }
          g_string_append_unichar (out, unit);
          escape += 4;
          break;
        default: /* '"', '\\' and '/' stand for themselves */
          g_string_append_c (out, escape[1]);
          break;
        }
      p = escape + 2;
    }
}
