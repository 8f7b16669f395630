/* kr-xml-reader.c — XML read a piece at a time, for the subset the graph formats use
 *
 * GraphML and GEXF use little of XML: elements, attributes, text, the five predefined entities
 * and character references, comments, processing instructions, CDATA sections and namespace
 * prefixes. That subset is read here straight from the bytes, one pass over the file, 64 KiB
 * at a time: an element is placed at its "<" as it is found, its attributes are decoded once
 * into one buffer, and only the tag or text being read is ever held. What the rest of XML
 * allows and a dataset must not do is refused: a DTD (so no entity of the file's own is ever
 * expanded), an entity other than the five, a character XML does not allow.
 *
 * The file is UTF-8 unless it says otherwise: a UTF-16 byte order mark, or an encoding in its
 * XML declaration, puts a converter to UTF-8 between the file and the reader, and the reader
 * then reads the file again from its start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-xml-reader"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "kr-input.h"
#include "kr-problem.h"
#include "kr-xml-reader.h"

/* The longest tag, or reference, that is read whole; texts are read in pieces and have none. */
#define MAX_TAG (64 * 1024 * 1024)
#define MAX_REFERENCE 16

typedef enum
{
  BEFORE_ROOT,
  IN_ROOT,
  AFTER_ROOT,
} Stage;

typedef struct
{
  gsize name, value; /* offsets in attributes_text */
  gsize name_length;
} Attribute;

struct _KrXmlReader
{
  KrDatasetBuilder *builder;
  KrInput input;
  GInputStream *converted; /* the file in UTF-8 when it is in another encoding */

  /* The file's bytes from buffer[start] to buffer[end]; before @checked they are UTF-8. */
  char *buffer;
  gsize start, end, size, checked;
  gboolean at_end, failed;
  gboolean checking; /* whether the bytes are checked as UTF-8: once the encoding is known */
  Stage stage;

  /* The line and column of buffer[placed], which is at most start. */
  gsize placed;
  int line, column;
  int element_line, element_column;

  /* The elements open: their names as the file spells them, each ended by a NUL. */
  GString *open;
  GArray *open_starts; /* gsize: where each starts in @open */
  gboolean pop;        /* the last event closed an element: its name goes at the next */

  /* The current event. */
  const char *name; /* without its prefix */
  gboolean empty;
  int depth;
  GString *attributes_text; /* each name and value, ended by a NUL */
  GArray *attributes;       /* Attribute */
  GString *text;
};

static const char *
dtd_refused (void)
{
  return _ ("the file declares a DTD; DTDs and the entities they declare are not read");
}

/* ---- places ------------------------------------------------------------------------- */

/* The characters that start in @n bytes of UTF-8 text: the bytes that do not continue one,
 * eight at a time. */
static gsize
count_characters (const char *data, gsize n)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize count = n, i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      /* A byte continues a character when its top bits are 10: each such byte leaves a 1 in
       * its lowest bit, and the product adds them up in the top byte. */
      count -= (gsize)((((word >> 7) & ~(word >> 6) & ones) * ones) >> 56);
    }
  for (; i < n; i++)
    count -= ((guchar)data[i] & 0xC0) == 0x80;
  return count;
}

/* Moves the place of buffer[placed] to buffer[@to]: only the characters after the last line
 * break count. */
static void
place_at (KrXmlReader *self, gsize to)
{
  const char *p = self->buffer + self->placed, *end = self->buffer + to, *newline;

  g_assert (to >= self->placed && to <= self->end);
  while ((newline = memchr (p, '\n', (gsize)(end - p))) != NULL)
    {
      self->line++;
      self->column = 1;
      p = newline + 1;
    }
  self->column += (int)count_characters (p, (gsize)(end - p));
  self->placed = to;
}

/* Reports @message at buffer[@at] and stops reading. */
static void
fail_at (KrXmlReader *self, gsize at, const char *message)
{
  if (self->failed)
    return;
  place_at (self, MIN (MAX (at, self->placed), self->end));
  kr_dataset_builder_report_position (self->builder, self->line, self->column, message);
  self->failed = TRUE;
}

/* A problem with the file's XML at buffer[@at]. */
static void G_GNUC_PRINTF (3, 4) syntax_error (KrXmlReader *self, gsize at, const char *format, ...)
{
  g_autofree char *what = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strdup_printf (_ ("syntax error: %s"), what);
  fail_at (self, at, message);
}

/* ---- bytes -------------------------------------------------------------------------- */

/* Checks that the bytes read since the last check are UTF-8 text; a character that the bytes
 * end within is checked with the next ones, or at the end of the file. */
static gboolean
check_text (KrXmlReader *self)
{
  const char *data = self->buffer + self->checked, *bad = NULL;
  gsize size = self->end - self->checked, cut = size;

  if (!self->at_end)
    for (gsize back = 1; back <= MIN (size, 3); back++)
      {
        guchar c = (guchar)data[size - back];

        if ((c & 0xC0) == 0x80)
          continue;
        if (c >= 0xC0 && (c >= 0xF0 ? 4u : c >= 0xE0 ? 3u : 2u) > back)
          cut = size - back;
        break;
      }
  if (!kr_utf8_validate (data, cut, &bad))
    {
      fail_at (self, (gsize)(bad - self->buffer),
               *bad == '\0' ? _ ("the file contains a NUL byte; datasets are UTF-8 text")
                            : _ ("the file is not valid UTF-8 text"));
      return FALSE;
    }
  self->checked += cut;
  return TRUE;
}

/* Reads the next piece of the file after what is held; FALSE at its end or at a problem. What
 * has been read past (before start) is let go first. */
static gboolean
read_more (KrXmlReader *self)
{
  gssize n;

  if (self->at_end || self->failed)
    return FALSE;
  if (self->start > 0)
    {
      /* A character that the last piece ended within is kept whole, for its check. */
      gsize keep = MIN (self->start, self->checked);

      place_at (self, self->start);
      memmove (self->buffer, self->buffer + keep, self->end - keep);
      self->end -= keep;
      self->checked -= keep;
      self->start -= keep;
      self->placed = self->start;
    }
  if (self->size - self->end < KR_INPUT_CHUNK_SIZE)
    {
      self->size = MAX (self->size * 2, self->end + KR_INPUT_CHUNK_SIZE);
      self->buffer = g_realloc (self->buffer, self->size);
    }
  n = kr_input_read (&self->input, self->buffer + self->end, KR_INPUT_CHUNK_SIZE);
  if (n < 0)
    {
      self->failed = TRUE;
      return FALSE;
    }
  self->end += (gsize)n;
  self->at_end = n < KR_INPUT_CHUNK_SIZE;
  if (self->checking && !check_text (self))
    return FALSE;
  return n > 0;
}

/* Whether @n bytes from start are held, reading more if needed. */
static gboolean
have (KrXmlReader *self, gsize n)
{
  while (self->end - self->start < n)
    if (!read_more (self))
      return FALSE;
  return TRUE;
}

/* Whether the bytes from start + @at are @s. */
static gboolean
looking_at (KrXmlReader *self, gsize at, const char *s)
{
  gsize n = strlen (s);

  return have (self, at + n) && memcmp (self->buffer + self->start + at, s, n) == 0;
}

/* Where @s next occurs from start + @from, as an offset from start, reading as far as needed;
 * -1 when the file ends first. */
static gssize
find (KrXmlReader *self, gsize from, const char *s)
{
  gsize n = strlen (s);

  for (;;)
    {
      gsize held = self->end - self->start;

      if (held >= from + n)
        {
          const char *at = memmem (self->buffer + self->start + from, held - from, s, n);

          if (at != NULL)
            return at - (self->buffer + self->start);
          from = held - (n - 1);
        }
      if (!read_more (self))
        return -1;
    }
}

/* ---- characters --------------------------------------------------------------------- */

enum
{
  STOPS_TEXT = 1 << 0,  /* where a text's plain run stops */
  STOPS_VALUE = 1 << 1, /* where an attribute value's plain run stops */
  IS_NAME = 1 << 2,     /* may be in a name (any byte of a character past ASCII too) */
  IS_SPACE = 1 << 3,
};

static guint8 classes[256];

static void
init_classes (void)
{
  for (guint c = 0; c < 0x20; c++)
    classes[c] = STOPS_TEXT | STOPS_VALUE;
  classes['\t'] = classes['\n'] = STOPS_VALUE | IS_SPACE;
  classes['\r'] = STOPS_TEXT | STOPS_VALUE | IS_SPACE;
  classes[' '] = IS_SPACE;
  classes['<'] = classes['&'] = STOPS_TEXT | STOPS_VALUE;
  classes['"'] = classes['\''] = STOPS_VALUE;
  for (guint c = 0x80; c < 0x100; c++)
    classes[c] = IS_NAME;
  for (guint c = 'a'; c <= 'z'; c++)
    classes[c] = classes[c - 'a' + 'A'] = IS_NAME;
  for (guint c = '0'; c <= '9'; c++)
    classes[c] = IS_NAME;
  classes['_'] = classes[':'] = classes['-'] = classes['.'] = IS_NAME;
}

/* Whether @c is a character XML 1.0 lets a document hold. */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Appends the character that the reference from buffer[@at] ("&" on) to before buffer[@semi]
 * (";") stands for; FALSE when it stands for none, which is reported. */
static gboolean
append_reference (KrXmlReader *self, GString *out, gsize at, gsize semi)
{
  const char *ref = self->buffer + at + 1;
  gsize n = semi - at - 1;
  static const struct
  {
    const char *name;
    char c;
  } predefined[]
      = { { "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' }, { "apos", '\'' } };
  guint64 c = 0;
  gsize i;

  if (n > 0 && ref[0] == '#')
    {
      gboolean hex = n > 1 && ref[1] == 'x';

      for (i = hex ? 2 : 1; i < n && c <= 0x10FFFF; i++)
        {
          int digit = hex ? g_ascii_xdigit_value (ref[i]) : g_ascii_digit_value (ref[i]);

          if (digit < 0)
            break;
          c = c * (hex ? 16 : 10) + (guint64)digit;
        }
      if (i == n && i > (hex ? 2u : 1u) && c <= 0x10FFFF && is_xml_char ((gunichar)c))
        {
          g_string_append_unichar (out, (gunichar)c);
          return TRUE;
        }
      syntax_error (self, at, _ ("&%.*s; is not a character XML allows"), (int)n, ref);
      return FALSE;
    }
  for (i = 0; i < G_N_ELEMENTS (predefined); i++)
    if (strlen (predefined[i].name) == n && memcmp (predefined[i].name, ref, n) == 0)
      {
        g_string_append_c (out, predefined[i].c);
        return TRUE;
      }
  syntax_error (self, at,
                _ ("the entity &%.*s; is not defined; only XML's own five and character "
                   "references are read"),
                (int)n, ref);
  return FALSE;
}

/* Reads the reference at start into @out; FALSE at a problem, reported. */
static gboolean
read_reference (KrXmlReader *self, GString *out)
{
  const char *semi;

  have (self, MAX_REFERENCE);
  if (self->failed)
    return FALSE;
  semi = memchr (self->buffer + self->start, ';',
                 MIN (self->end - self->start, (gsize)MAX_REFERENCE));
  if (semi == NULL)
    {
      syntax_error (self, self->start,
                    _ ("a reference that starts with \"&\" must end with \";\""));
      return FALSE;
    }
  if (!append_reference (self, out, self->start, (gsize)(semi - self->buffer)))
    return FALSE;
  self->start = (gsize)(semi - self->buffer) + 1;
  return TRUE;
}

static void
control_character (KrXmlReader *self, gsize at)
{
  syntax_error (self, at, _ ("the control character U+%04X is not allowed in XML"),
                (guint)(guchar)self->buffer[at]);
}

/* ---- text --------------------------------------------------------------------------- */

/* Reads text from start up to the next "<" (or the end of the file) into self->text, line
 * breaks as XML reads them; FALSE at a problem. */
static gboolean
read_text_run (KrXmlReader *self)
{
  for (;;)
    {
      const char *p = self->buffer + self->start, *end = self->buffer + self->end;

      while (p < end && !(classes[(guchar)*p] & STOPS_TEXT))
        p++;
      g_string_append_len (self->text, self->buffer + self->start,
                           p - (self->buffer + self->start));
      self->start = (gsize)(p - self->buffer);
      if (p == end)
        {
          if (!read_more (self))
            return !self->failed;
          continue;
        }
      if (*p == '<')
        return TRUE;
      if (*p == '&')
        {
          if (!read_reference (self, self->text))
            return FALSE;
        }
      else if (*p == '\r')
        {
          /* "\r\n" and a lone "\r" both end a line as "\n" does. */
          g_string_append_c (self->text, '\n');
          self->start++;
          if (have (self, 1) && self->buffer[self->start] == '\n')
            self->start++;
        }
      else
        {
          control_character (self, self->start);
          return FALSE;
        }
    }
}

/* ---- tags --------------------------------------------------------------------------- */

/* The length of the name at @p, before @end. */
static gsize
name_length (const char *p, const char *end)
{
  const char *q = p;

  if (q < end && (g_ascii_isdigit (*q) || *q == '-' || *q == '.'))
    return 0;
  while (q < end && (classes[(guchar)*q] & IS_NAME))
    q++;
  return (gsize)(q - p);
}

static const char *
skip_space (const char *p, const char *end)
{
  while (p < end && (classes[(guchar)*p] & IS_SPACE))
    p++;
  return p;
}

/* Decodes an attribute's value from @p to its closing quote (at @end) into attributes_text;
 * FALSE at a problem, reported. */
static gboolean
read_value (KrXmlReader *self, const char *p, const char *end)
{
  GString *out = self->attributes_text;

  while (p < end)
    {
      const char *run = p;

      while (p < end && !(classes[(guchar)*p] & STOPS_VALUE))
        p++;
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;
      switch (*p)
        {
        case '&':
          {
            const char *semi = memchr (p, ';', (gsize)MIN (end - p, MAX_REFERENCE));

            if (semi == NULL)
              {
                syntax_error (self, (gsize)(p - self->buffer),
                              _ ("a reference that starts with \"&\" must end with \";\""));
                return FALSE;
              }
            if (!append_reference (self, out, (gsize)(p - self->buffer),
                                   (gsize)(semi - self->buffer)))
              return FALSE;
            p = semi + 1;
            break;
          }
        case '<':
          syntax_error (self, (gsize)(p - self->buffer),
                        _ ("\"<\" is not allowed in an attribute's value"));
          return FALSE;
        case '"':
        case '\'':
          g_string_append_c (out, *p++);
          break;
        case '\r':
          /* White space in a value is read as spaces, "\r\n" as one. */
          g_string_append_c (out, ' ');
          p += p + 1 < end && p[1] == '\n' ? 2 : 1;
          break;
        case '\t':
        case '\n':
          g_string_append_c (out, ' ');
          p++;
          break;
        default:
          control_character (self, (gsize)(p - self->buffer));
          return FALSE;
        }
    }
  g_string_append_c (out, '\0');
  return TRUE;
}

typedef enum
{
  TAG_READ,
  TAG_SHORT, /* the bytes held end within it */
  TAG_BAD,   /* reported */
} TagRead;

/* Whether an attribute named as the @n bytes at @name has been read already. */
static gboolean
has_attribute (KrXmlReader *self, const char *name, gsize n)
{
  for (guint i = 0; i < self->attributes->len; i++)
    {
      const Attribute *a = &g_array_index (self->attributes, Attribute, i);

      if (a->name_length == n && memcmp (self->attributes_text->str + a->name, name, n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Reads the attributes of the tag whose name ends at @p, up to its end, which is left at
 * @close (its ">"), telling whether it is empty ("/>"). */
static TagRead
read_attributes (KrXmlReader *self, const char *p, const char **close)
{
  const char *end = self->buffer + self->end;

  for (;;)
    {
      const char *after = skip_space (p, end), *value_end;
      Attribute attribute;
      gsize n;
      char quote;

      if (after == end)
        return TAG_SHORT;
      if (*after == '>' || *after == '/')
        {
          if (after + 1 == end && *after == '/')
            return TAG_SHORT;
          if (*after == '/' && after[1] != '>')
            {
              syntax_error (self, (gsize)(after - self->buffer),
                            _ ("\">\" was expected after \"/\""));
              return TAG_BAD;
            }
          self->empty = *after == '/';
          *close = after + self->empty;
          return TAG_READ;
        }
      n = name_length (after, end);
      if (after + n == end)
        return TAG_SHORT;
      if (after == p || n == 0)
        {
          syntax_error (self, (gsize)(after - self->buffer),
                        after == p ? _ ("attributes must be separated by white space")
                                   : _ ("an attribute's name was expected"));
          return TAG_BAD;
        }
      if (has_attribute (self, after, n))
        {
          syntax_error (self, (gsize)(after - self->buffer),
                        _ ("the attribute %.*s is given twice"), (int)n, after);
          return TAG_BAD;
        }
      attribute.name = self->attributes_text->len;
      attribute.name_length = n;
      g_string_append_len (self->attributes_text, after, (gssize)n);
      g_string_append_c (self->attributes_text, '\0');
      p = skip_space (after + n, end);
      if (p == end)
        return TAG_SHORT;
      if (*p != '=')
        {
          syntax_error (self, (gsize)(p - self->buffer), _ ("\"=\" was expected after %.*s"),
                        (int)n, after);
          return TAG_BAD;
        }
      p = skip_space (p + 1, end);
      if (p == end)
        return TAG_SHORT;
      if (*p != '"' && *p != '\'')
        {
          syntax_error (self, (gsize)(p - self->buffer),
                        _ ("an attribute's value must be in quotes"));
          return TAG_BAD;
        }
      quote = *p++;
      value_end = memchr (p, quote, (gsize)(end - p));
      if (value_end == NULL)
        return TAG_SHORT;
      attribute.value = self->attributes_text->len;
      if (!read_value (self, p, value_end))
        return TAG_BAD;
      g_array_append_val (self->attributes, attribute);
      p = value_end + 1;
    }
}

/* Reads the start tag at start, in the bytes held: the element opens. */
static TagRead
read_start_tag_held (KrXmlReader *self)
{
  const char *tag = self->buffer + self->start, *end = self->buffer + self->end;
  const char *close = NULL, *colon;
  gsize n = name_length (tag + 1, end);
  TagRead read;

  if (tag + 1 + n == end)
    return TAG_SHORT;
  if (n == 0)
    {
      syntax_error (self, self->start + 1, _ ("an element's name was expected after \"<\""));
      return TAG_BAD;
    }
  g_string_truncate (self->attributes_text, 0);
  g_array_set_size (self->attributes, 0);
  if ((read = read_attributes (self, tag + 1 + n, &close)) != TAG_READ)
    return read;

  self->depth = (int)self->open_starts->len;
  g_array_append_val (self->open_starts, self->open->len);
  g_string_append_len (self->open, tag + 1, (gssize)n);
  g_string_append_c (self->open, '\0');
  self->name = self->open->str + g_array_index (self->open_starts, gsize, self->depth);
  colon = strchr (self->name, ':');
  if (colon != NULL)
    self->name = colon + 1;
  self->pop = self->empty;
  self->start = (gsize)(close + 1 - self->buffer);
  return TAG_READ;
}

/* Reads the start tag at start, reading more of the file while the bytes held end within it:
 * the tag is then read again from its "<", after twice as many bytes, so that a long tag is
 * read a few times, not once for every piece. FALSE at a problem, reported. */
static gboolean
read_start_tag (KrXmlReader *self)
{
  for (;;)
    {
      gsize held = self->end - self->start;

      switch (read_start_tag_held (self))
        {
        case TAG_READ:
          return TRUE;
        case TAG_BAD:
          return FALSE;
        case TAG_SHORT:
          while (self->end - self->start < 2 * held && read_more (self))
            ;
          if (self->failed)
            return FALSE;
          if (self->end - self->start == held || held > MAX_TAG)
            {
              syntax_error (self, self->start, _ ("a tag is not closed with \">\""));
              return FALSE;
            }
          break;
        }
    }
}

/* Reads the end tag at start, which must close the last element open; FALSE at a problem. */
static gboolean
read_end_tag (KrXmlReader *self)
{
  gssize close = find (self, 2, ">");
  const char *tag = self->buffer + self->start, *open, *colon;
  gsize n;

  if (close < 0)
    {
      if (!self->failed)
        syntax_error (self, self->start, _ ("a tag is not closed with \">\""));
      return FALSE;
    }
  tag = self->buffer + self->start;
  n = name_length (tag + 2, tag + close);
  open = self->open->str + g_array_index (self->open_starts, gsize, self->open_starts->len - 1);
  if (skip_space (tag + 2 + n, tag + close) != tag + close)
    {
      syntax_error (self, self->start, _ ("an end tag holds only the element's name"));
      return FALSE;
    }
  if (strlen (open) != n || memcmp (open, tag + 2, n) != 0)
    {
      syntax_error (self, self->start, _ ("</%.*s> does not close <%s>"), (int)n, tag + 2, open);
      return FALSE;
    }
  self->depth = (int)self->open_starts->len - 1;
  colon = strchr (open, ':');
  self->name = colon ? colon + 1 : open;
  self->empty = FALSE;
  self->pop = TRUE;
  self->start += (gsize)close + 1;
  return TRUE;
}

/* Moves past what ends with @end, from start + @skip; FALSE when the file ends first, which
 * is reported as @unfinished. */
static gboolean
skip_to (KrXmlReader *self, gsize skip, const char *end, const char *unfinished)
{
  gssize at = find (self, skip, end);

  if (at < 0)
    {
      if (!self->failed)
        syntax_error (self, self->start, "%s", unfinished);
      return FALSE;
    }
  self->start += (gsize)at + strlen (end);
  return TRUE;
}

/* Reads what is at the "<" at start that is not an element's tag: a comment, a processing
 * instruction, a CDATA section (its text into self->text) or a declaration, which is refused.
 * FALSE at a problem, reported. */
static gboolean
read_markup (KrXmlReader *self)
{
  if (looking_at (self, 1, "?"))
    return skip_to (self, 2, "?>", _ ("a processing instruction is not closed with \"?>\""));
  if (looking_at (self, 1, "!--"))
    return skip_to (self, 4, "-->", _ ("a comment is not closed with \"-->\""));
  if (looking_at (self, 1, "![CDATA["))
    {
      gssize close;
      const char *p, *end;

      if (self->stage != IN_ROOT)
        {
          syntax_error (self, self->start,
                        _ ("a CDATA section is only allowed inside the root element"));
          return FALSE;
        }
      close = find (self, 9, "]]>");
      if (close < 0)
        {
          if (!self->failed)
            syntax_error (self, self->start, _ ("a CDATA section is not closed with \"]]>\""));
          return FALSE;
        }
      /* Taken as it is, but for its line breaks and the characters XML forbids. */
      end = self->buffer + self->start + close;
      for (p = self->buffer + self->start + 9; p < end; p++)
        if (*p == '\r')
          {
            g_string_append_c (self->text, '\n');
            if (p + 1 < end && p[1] == '\n')
              p++;
          }
        else if ((guchar)*p < 0x20 && !(classes[(guchar)*p] & IS_SPACE))
          {
            control_character (self, (gsize)(p - self->buffer));
            return FALSE;
          }
        else
          g_string_append_c (self->text, *p);
      self->start += (gsize)close + 3;
      return TRUE;
    }
  if (looking_at (self, 1, "!DOCTYPE"))
    fail_at (self, self->start, dtd_refused ());
  else if (!self->failed)
    syntax_error (self, self->start, _ ("\"<!\" starts no comment or CDATA section"));
  return FALSE;
}

/* ---- reading ------------------------------------------------------------------------ */

/* The encoding named in the XML declaration at the start of @data, or NULL. */
static char *
declared_encoding (const char *data, gsize size)
{
  const char *end, *at, *value, *close;

  if (size < 6 || memcmp (data, "<?xml", 5) != 0 || !(classes[(guchar)data[5]] & IS_SPACE)
      || (end = g_strstr_len (data, (gssize)size, "?>")) == NULL
      || (at = g_strstr_len (data, end - data, "encoding")) == NULL)
    return NULL;
  for (value = at + strlen ("encoding"); value < end && (*value == '=' || g_ascii_isspace (*value));
       value++)
    ;
  if (value >= end || (*value != '"' && *value != '\'')
      || (close = memchr (value + 1, *value, (gsize)(end - value - 1))) == NULL)
    return NULL;
  return g_strndup (value + 1, (gsize)(close - value - 1));
}

/* Puts a converter to UTF-8 between the file and the reader when the file is in another
 * encoding, read from its first bytes; FALSE when it cannot be read, which is reported. */
static gboolean
open_encoding (KrXmlReader *self)
{
  const guchar *b;
  g_autofree char *declared = NULL;
  const char *from = NULL;
  g_autoptr (GCharsetConverter) converter = NULL;
  g_autoptr (GError) error = NULL;

  have (self, 128);
  if (self->failed)
    return FALSE;
  b = (const guchar *)self->buffer;
  if (self->end >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)))
    from = "UTF-16";
  else if (self->end >= 4 && memcmp (b, "<\0?\0", 4) == 0)
    from = "UTF-16LE";
  else if (self->end >= 4 && memcmp (b, "\0<\0?", 4) == 0)
    from = "UTF-16BE";
  else
    {
      gsize skip = self->end >= 3 && memcmp (b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

      /* A UTF-8 byte order mark says more than the declaration. */
      declared = declared_encoding (self->buffer + skip, self->end - skip);
      /* So does a declaration read as single bytes: "UTF-16" there is a mislabel. */
      if (skip > 0 || declared == NULL || g_ascii_strcasecmp (declared, "UTF-8") == 0
          || g_ascii_strcasecmp (declared, "UTF8") == 0
          || g_ascii_strncasecmp (declared, "UTF-16", 6) == 0)
        {
          self->checking = TRUE;
          return check_text (self);
        }
      from = declared;
    }
  converter = g_charset_converter_new ("UTF-8", from, &error);
  if (converter == NULL)
    {
      g_autofree char *message
          = g_strdup_printf (_ ("the file is in the encoding %s, which cannot be read"), from);
      kr_dataset_builder_report_position (self->builder, 1, 1, message);
      self->failed = TRUE;
      return FALSE;
    }
  if (!kr_input_rewind (&self->input))
    {
      self->failed = TRUE;
      return FALSE;
    }
  self->converted = g_converter_input_stream_new (self->input.stream, G_CONVERTER (converter));
  self->input.stream = self->converted;
  self->start = self->end = self->checked = self->placed = 0;
  self->at_end = FALSE;
  self->checking = TRUE;
  have (self, 1);
  return !self->failed;
}

KrXmlReader *
kr_xml_reader_new (KrDatasetBuilder *builder, GInputStream *stream, GCancellable *cancellable)
{
  g_autoptr (KrXmlReader) self = NULL;
  guint64 size;

  g_return_val_if_fail (builder != NULL && G_IS_INPUT_STREAM (stream), NULL);

  if (classes['<'] == 0)
    init_classes ();
  self = g_new0 (KrXmlReader, 1);
  self->builder = builder;
  self->input = KR_INPUT_INIT (builder, stream, cancellable);
  self->line = self->column = 1;
  self->open = g_string_new (NULL);
  self->open_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->attributes_text = g_string_new (NULL);
  self->attributes = g_array_new (FALSE, FALSE, sizeof (Attribute));
  self->text = g_string_new (NULL);
  size = kr_input_get_size (&self->input);
  if (size != G_MAXUINT64 && !kr_dataset_builder_check_size (builder, size))
    return NULL;
  if (!open_encoding (self))
    return NULL;
  if (self->end == 0)
    {
      kr_dataset_builder_report_position (builder, 1, 1, _ ("the file is empty"));
      return NULL;
    }
  /* A byte order mark is no character of the text. */
  if (self->end >= 3 && memcmp (self->buffer, "\xEF\xBB\xBF", 3) == 0)
    self->start = self->placed = 3;
  return g_steal_pointer (&self);
}

void
kr_xml_reader_free (KrXmlReader *self)
{
  if (self == NULL)
    return;
  g_free (self->buffer);
  g_clear_object (&self->converted);
  g_string_free (self->open, TRUE);
  g_array_unref (self->open_starts);
  g_string_free (self->attributes_text, TRUE);
  g_array_unref (self->attributes);
  g_string_free (self->text, TRUE);
  g_free (self);
}

gboolean
kr_xml_reader_failed (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->failed;
}

/* The end of the file: the root element must have ended. */
static KrXmlEvent
end_of_file (KrXmlReader *self)
{
  if (self->failed)
    return KR_XML_END_OF_FILE;
  if (self->stage == IN_ROOT)
    syntax_error (self, self->end, _ ("the file ends before </%s>"),
                  self->open->str
                      + g_array_index (self->open_starts, gsize, self->open_starts->len - 1));
  else if (self->stage == BEFORE_ROOT)
    syntax_error (self, self->end, _ ("the file has no root element"));
  return KR_XML_END_OF_FILE;
}

/* The element at start opens. */
static KrXmlEvent
start_element (KrXmlReader *self)
{
  if (self->stage == AFTER_ROOT)
    {
      syntax_error (self, self->start, _ ("there is more after the root element's end"));
      return KR_XML_END_OF_FILE;
    }
  place_at (self, self->start);
  self->element_line = self->line;
  self->element_column = self->column;
  if (!read_start_tag (self))
    return KR_XML_END_OF_FILE;
  self->stage = self->empty && self->depth == 0 ? AFTER_ROOT : IN_ROOT;
  if (self->depth >= KR_DATASET_MAX_DEPTH)
    {
      g_autofree char *msg = g_strdup_printf (_ ("elements are nested more than %d levels deep"),
                                              KR_DATASET_MAX_DEPTH);
      kr_xml_reader_fail (self, msg);
      return KR_XML_END_OF_FILE;
    }
  return KR_XML_START;
}

KrXmlEvent
kr_xml_reader_next (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, KR_XML_END_OF_FILE);

  if (self->pop)
    {
      g_string_truncate (self->open,
                         g_array_index (self->open_starts, gsize, self->open_starts->len - 1));
      g_array_set_size (self->open_starts, self->open_starts->len - 1);
      if (self->open_starts->len == 0)
        self->stage = AFTER_ROOT;
      self->pop = FALSE;
    }
  g_string_truncate (self->text, 0);
  while (!self->failed)
    {
      if (self->start == self->end && !read_more (self))
        {
          if (self->text->len > 0 && self->stage == IN_ROOT)
            break;
          return end_of_file (self);
        }
      /* Outside the root element, only white space may be between tags. */
      if (self->stage != IN_ROOT)
        {
          while (have (self, 1) && (classes[(guchar)self->buffer[self->start]] & IS_SPACE))
            self->start++;
          if (self->start == self->end)
            continue;
          if (self->buffer[self->start] != '<')
            {
              syntax_error (self, self->start,
                            self->stage == BEFORE_ROOT ? _ ("text before the root element")
                                                       : _ ("text after the root element"));
              return KR_XML_END_OF_FILE;
            }
        }
      if (self->buffer[self->start] != '<')
        {
          if (!read_text_run (self))
            return KR_XML_END_OF_FILE;
          continue;
        }
      if (!have (self, 2))
        {
          syntax_error (self, self->start, _ ("the file ends within a tag"));
          return KR_XML_END_OF_FILE;
        }
      if (self->buffer[self->start + 1] == '!' || self->buffer[self->start + 1] == '?')
        {
          if (!read_markup (self))
            return KR_XML_END_OF_FILE;
          continue;
        }
      /* A text before this tag is an event of its own. */
      if (self->text->len > 0)
        break;
      if (self->buffer[self->start + 1] == '/')
        {
          if (self->stage != IN_ROOT)
            {
              syntax_error (self, self->start, _ ("an end tag closes no element"));
              return KR_XML_END_OF_FILE;
            }
          return read_end_tag (self) ? KR_XML_END : KR_XML_END_OF_FILE;
        }
      return start_element (self);
    }
  if (self->failed)
    return KR_XML_END_OF_FILE;
  self->depth = (int)self->open_starts->len;
  return KR_XML_TEXT;
}

const char *
kr_xml_reader_get_name (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

gboolean
kr_xml_reader_is_empty (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->empty;
}

int
kr_xml_reader_get_depth (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->depth;
}

void
kr_xml_reader_get_position (KrXmlReader *self, int *line, int *column)
{
  g_return_if_fail (self != NULL && line != NULL && column != NULL);
  *line = self->element_line;
  *column = self->element_column;
}

const char *
kr_xml_reader_get_attribute (KrXmlReader *self, const char *name)
{
  g_return_val_if_fail (self != NULL && name != NULL, NULL);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      const Attribute *a = &g_array_index (self->attributes, Attribute, i);
      const char *at = self->attributes_text->str + a->name;

      if (at[0] == name[0] && strcmp (at, name) == 0)
        return self->attributes_text->str + a->value;
    }
  return NULL;
}

gboolean
kr_xml_reader_get_number (KrXmlReader *self, const char *name, double *value)
{
  const char *text;
  char *end = NULL;

  g_return_val_if_fail (self != NULL && name != NULL && value != NULL, FALSE);
  text = kr_xml_reader_get_attribute (self, name);
  if (text == NULL || *text == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return *end == '\0' && isfinite (*value);
}

const char *
kr_xml_reader_get_text (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text->str;
}

char *
kr_xml_reader_read_text (KrXmlReader *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  int depth;

  g_return_val_if_fail (self != NULL, NULL);

  if (kr_xml_reader_is_empty (self))
    return g_strdup ("");
  depth = kr_xml_reader_get_depth (self);
  for (;;)
    {
      KrXmlEvent event = kr_xml_reader_next (self);

      if (event == KR_XML_END_OF_FILE
          || (event == KR_XML_END && kr_xml_reader_get_depth (self) == depth))
        break;
      if (event == KR_XML_TEXT)
        {
          const char *t = kr_xml_reader_get_text (self);
          if (t != NULL)
            g_string_append (text, t);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
kr_xml_reader_read_child_text (KrXmlReader *self, const char *child)
{
  char *text = NULL;
  int depth;

  g_return_val_if_fail (self != NULL && child != NULL, NULL);

  if (kr_xml_reader_is_empty (self))
    return NULL;
  depth = kr_xml_reader_get_depth (self);
  for (;;)
    {
      KrXmlEvent event = kr_xml_reader_next (self);

      if (event == KR_XML_END_OF_FILE
          || (event == KR_XML_END && kr_xml_reader_get_depth (self) == depth))
        return text;
      if (event == KR_XML_START && g_str_equal (kr_xml_reader_get_name (self), child))
        {
          g_free (text);
          text = kr_xml_reader_read_text (self);
        }
    }
}

void
kr_xml_reader_fail (KrXmlReader *self, const char *message)
{
  g_return_if_fail (self != NULL && message != NULL);
  if (self->failed)
    return;
  kr_dataset_builder_report_position (self->builder, self->element_line, self->element_column,
                                      message);
  self->failed = TRUE;
}

/* ---- places ------------------------------------------------------------------------- */

KrPlace
kr_xml_reader_place (KrDatasetBuilder *builder, const char *element, int line, int column)
{
  KrPlace *at_line = kr_dataset_builder_new0 (builder, KrPlace, 1);

  *at_line = (KrPlace){ .index = (guint)MAX (line, 0), .indexed = TRUE };
  return (
      KrPlace){ .up = at_line, .key = element, .index = (guint)MAX (column, 0), .indexed = TRUE };
}

void
kr_xml_reader_format_place (GString *out, const KrPlace *place, gboolean in_text)
{
  const KrPlace *links[16];
  guint n = 0;

  (void)in_text;
  for (const KrPlace *p = place; p != NULL && n < G_N_ELEMENTS (links); p = p->up)
    links[n++] = p;
  /* The line, then the element's column, then the fields within the record. */
  if (n < 2)
    {
      g_string_append (out, "1:1");
      return;
    }
  g_string_append_printf (out, "%u:%u", links[n - 1]->index, links[n - 2]->index);
  kr_place_append_fields (out, place, links[n - 2]);
}
