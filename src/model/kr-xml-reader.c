/* kr-xml-reader.c — libxml2's streaming reader, with the limits of every dataset
 *
 * libxml2 places what it reports as errors, but not the elements it hands over: their start
 * is found by following the bytes alongside, from one "<" to the next that opens an element
 * (the reader hands every element over in the order of the file, and a "<" can only appear
 * in a tag, a comment, a CDATA section or a processing instruction). Only the bytes from there
 * to what libxml2 has taken are kept: the file is read twice, a piece at a time (once to check
 * its text and what precedes its root, once to parse it), and never held whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-xml-reader"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "kr-input.h"
#include "kr-xml-reader.h"

struct _KrXmlReader
{
  KrDatasetBuilder *builder;
  KrInput input;
  xmlTextReaderPtr reader;
  GByteArray *bytes; /* the file's start, then what libxml2 took and has not been followed */
  const char *data;  /* bytes->data */
  gsize size;
  gboolean failed;

  /* how far the bytes have been followed, and where the last element found in them starts */
  gsize offset;
  int line, column;
  int element_line, element_column;

  xmlChar *attribute; /* the last one asked for */
};

static const char *
dtd_refused (void)
{
  return _ ("the file declares a DTD; DTDs and the entities they declare are not read");
}

/* libxml2 2.12 made the error it hands to a handler const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError KrXmlError;
#else
typedef xmlError KrXmlError;
#endif

static void
on_error (void *user_data, KrXmlError *error)
{
  KrXmlReader *self = user_data;
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if (self->failed || error == NULL || error->level < XML_ERR_ERROR)
    return;
  text = g_strdup (error->message ? error->message : "");
  /* libxml2 ends its messages with a line break, and puts some in the middle. */
  g_strdelimit (g_strchomp (text), "\n", ' ');
  message = g_strdup_printf (_ ("syntax error: %s"), text);
  kr_dataset_builder_report_position (self->builder, error->line, error->int2, message);
  self->failed = TRUE;
}

static void advance (KrXmlReader *self, gsize n);
static void skip_past (KrXmlReader *self, const char *end);

typedef enum
{
  PROLOG_PLAIN,
  PROLOG_DTD,
  PROLOG_UNFINISHED, /* the bytes end within it */
} Prolog;

/* Whether the prolog, before the root element, declares a DTD: refused before libxml2 parses
 * anything, so that nothing the DTD declares is ever read. */
static Prolog
read_prolog (KrXmlReader *self, gboolean whole)
{
  self->offset = 0;
  self->line = 1;
  self->column = 1;
  if (self->size >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    self->offset = 3;
  while (self->offset < self->size)
    {
      const char *p = self->data + self->offset;
      gsize left = self->size - self->offset;

      if (g_ascii_isspace (*p))
        advance (self, 1);
      else if (!whole && left < 9)
        return PROLOG_UNFINISHED;
      else if (left >= 2 && memcmp (p, "<?", 2) == 0)
        skip_past (self, "?>");
      else if (left >= 4 && memcmp (p, "<!--", 4) == 0)
        skip_past (self, "-->");
      else
        return left >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0 ? PROLOG_DTD : PROLOG_PLAIN;
      /* A declaration or a comment that does not end in the bytes may end later. */
      if (!whole && self->offset >= self->size)
        return PROLOG_UNFINISHED;
    }
  return whole ? PROLOG_PLAIN : PROLOG_UNFINISHED;
}

/* Whether the file is in UTF-8: it declares no other encoding, and starts with no UTF-16 byte
 * order mark. */
static gboolean
is_utf8 (const char *data, gsize size)
{
  const char *end, *at, *value;
  char quote;

  if (size >= 2 && ((guchar)data[0] == 0xFF || (guchar)data[0] == 0xFE))
    return FALSE;
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (size < 5 || memcmp (data, "<?xml", 5) != 0
      || (end = g_strstr_len (data, (gssize)size, "?>")) == NULL)
    return TRUE;
  at = g_strstr_len (data, end - data, "encoding");
  if (at == NULL)
    return TRUE;
  for (value = at + strlen ("encoding"); value < end && (*value == '=' || g_ascii_isspace (*value));
       value++)
    ;
  if (value >= end || (*value != '"' && *value != '\''))
    return TRUE;
  quote = *value++;
  return (end - value >= 6 && g_ascii_strncasecmp (value, "UTF-8", 5) == 0 && value[5] == quote)
         || (end - value >= 5 && g_ascii_strncasecmp (value, "UTF8", 4) == 0 && value[4] == quote);
}

/* Where the text stops being UTF-8, followed across the pieces it is read in. */
typedef struct
{
  int line, column;
  guchar carried[4]; /* a character that the last piece ended within */
  gsize n_carried;
} Utf8Check;

/* The bytes of a character that starts with @lead. */
static gsize
sequence_length (guchar lead)
{
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

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

/* Moves the place (@line, @column) past @size bytes of UTF-8 text: only the characters after
 * the last line break count. */
static void
move_place (int *line, int *column, const char *data, gsize size)
{
  const char *p = data, *end = data + size, *newline;

  while ((newline = memchr (p, '\n', (gsize)(end - p))) != NULL)
    {
      (*line)++;
      *column = 1;
      p = newline + 1;
    }
  *column += (int)count_characters (p, (gsize)(end - p));
}

/* Reports a text that is not UTF-8 at @bad, as kr_dataset_builder_check_utf8() does. */
static gboolean
not_utf8 (KrXmlReader *self, Utf8Check *check, const char *data, const char *bad)
{
  move_place (&check->line, &check->column, data, (gsize)(bad - data));
  kr_dataset_builder_report_position (
      self->builder, check->line, check->column,
      *bad == '\0' ? _ ("the file contains a NUL byte; datasets are UTF-8 text")
                   : _ ("the file is not valid UTF-8 text"));
  return FALSE;
}

/* Checks @size bytes that follow those checked before; FALSE when they are not UTF-8 text,
 * which is reported. A character cut by the end of the piece is checked with the next. */
static gboolean
check_utf8 (KrXmlReader *self, Utf8Check *check, const char *data, gsize size)
{
  const char *end = NULL;
  gsize cut = size;

  if (check->n_carried > 0)
    {
      gsize need = sequence_length (check->carried[0]) - check->n_carried;
      gsize take = MIN (need, size);

      memcpy (check->carried + check->n_carried, data, take);
      check->n_carried += take;
      if (take < need)
        return TRUE;
      if (!kr_utf8_validate ((const char *)check->carried, check->n_carried, &end))
        return not_utf8 (self, check, (const char *)check->carried, end);
      move_place (&check->line, &check->column, (const char *)check->carried, check->n_carried);
      check->n_carried = 0;
      data += take;
      size -= take;
      cut = size;
    }
  for (gsize back = 1; back <= MIN (size, 3); back++)
    {
      guchar c = (guchar)data[size - back];

      if ((c & 0xC0) == 0x80)
        continue;
      if (sequence_length (c) > back)
        cut = size - back;
      break;
    }
  if (!kr_utf8_validate (data, cut, &end))
    return not_utf8 (self, check, data, end);
  move_place (&check->line, &check->column, data, cut);
  memcpy (check->carried, data + cut, size - cut);
  check->n_carried = size - cut;
  return TRUE;
}

/* The first reading of the file: it must not be empty, must be UTF-8 text when it says it is,
 * and must declare no DTD. The bytes before the root element are kept for that. */
static gboolean
check_file (KrXmlReader *self)
{
  g_autofree char *chunk = g_malloc (KR_INPUT_CHUNK_SIZE);
  Utf8Check utf8 = { .line = 1, .column = 1 };
  gboolean text = TRUE, first = TRUE, in_prolog = TRUE;
  guint64 total = 0;
  gssize n;

  do
    {
      if ((n = kr_input_read (&self->input, chunk, KR_INPUT_CHUNK_SIZE)) < 0)
        return FALSE;
      /* libxml2 words a byte that is not UTF-8 differently from one version to the next. */
      if (first)
        text = is_utf8 (chunk, (gsize)n);
      first = FALSE;
      if (in_prolog)
        {
          g_byte_array_append (self->bytes, (const guint8 *)chunk, (guint)n);
          self->data = (const char *)self->bytes->data;
          self->size = self->bytes->len;
          in_prolog = read_prolog (self, n < KR_INPUT_CHUNK_SIZE) == PROLOG_UNFINISHED;
        }
      if (text && !check_utf8 (self, &utf8, chunk, (gsize)n))
        return FALSE;
      total += (guint64)n;
    }
  while (n == KR_INPUT_CHUNK_SIZE);
  if (total == 0)
    {
      kr_dataset_builder_report_position (self->builder, 1, 1, _ ("the file is empty"));
      return FALSE;
    }
  if (text && utf8.n_carried > 0)
    return not_utf8 (self, &utf8, (const char *)utf8.carried, (const char *)utf8.carried);
  if (read_prolog (self, TRUE) == PROLOG_DTD)
    {
      kr_dataset_builder_report_position (self->builder, self->line, self->column, dtd_refused ());
      return FALSE;
    }
  return TRUE;
}

/* libxml2 takes the file a piece at a time: what it takes is kept until followed. */
static int
read_more (void *context, char *buffer, int size)
{
  KrXmlReader *self = context;
  gssize n;

  if (self->failed || (n = kr_input_read (&self->input, buffer, (gsize)MAX (size, 0))) < 0)
    {
      self->failed = TRUE;
      return -1;
    }
  if (self->offset > 0)
    {
      g_byte_array_remove_range (self->bytes, 0, (guint)self->offset);
      self->offset = 0;
    }
  g_byte_array_append (self->bytes, (const guint8 *)buffer, (guint)n);
  self->data = (const char *)self->bytes->data;
  self->size = self->bytes->len;
  return (int)n;
}

KrXmlReader *
kr_xml_reader_new (KrDatasetBuilder *builder, GInputStream *stream, GCancellable *cancellable)
{
  g_autoptr (KrXmlReader) self = NULL;
  guint64 size;

  g_return_val_if_fail (builder != NULL && G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (KrXmlReader, 1);
  self->builder = builder;
  self->input = KR_INPUT_INIT (builder, stream, cancellable);
  self->bytes = g_byte_array_new ();
  size = kr_input_get_size (&self->input);
  if (size != G_MAXUINT64 && !kr_dataset_builder_check_size (builder, size))
    return NULL;
  if (!check_file (self) || !kr_input_rewind (&self->input))
    return NULL;
  g_byte_array_set_size (self->bytes, 0);
  self->data = (const char *)self->bytes->data;
  self->size = 0;
  self->offset = 0;
  self->line = 1;
  self->column = 1;
  /* Without XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE: entities stay references,
   * no external subset is fetched, and libxml2 keeps its own limits on depth and text. */
  self->reader
      = xmlReaderForIO (read_more, NULL, self, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (self->reader == NULL)
    {
      kr_dataset_builder_report_position (builder, 1, 1, _ ("the file cannot be read as XML"));
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, on_error, self);
  return g_steal_pointer (&self);
}

void
kr_xml_reader_free (KrXmlReader *self)
{
  if (self == NULL)
    return;
  xmlFree (self->attribute);
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_byte_array_unref (self->bytes);
  g_free (self);
}

gboolean
kr_xml_reader_failed (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->failed;
}

/* Moves self->offset past @n bytes, counting lines and characters. */
static void
advance (KrXmlReader *self, gsize n)
{
  gsize end = MIN (self->offset + n, self->size);

  if (self->offset >= end)
    return;
  move_place (&self->line, &self->column, self->data + self->offset, end - self->offset);
  self->offset = end;
}

/* Moves past what ends with @end, from the current offset. */
static void
skip_past (KrXmlReader *self, const char *end)
{
  const char *at
      = g_strstr_len (self->data + self->offset, (gssize)(self->size - self->offset), end);

  advance (self, at ? (gsize)(at - (self->data + self->offset)) + strlen (end)
                    : self->size - self->offset);
}

/* Finds the next start tag in the bytes: the element the reader has just handed over. */
static void
find_element (KrXmlReader *self)
{
  while (self->offset < self->size)
    {
      const char *p = self->data + self->offset;
      const char *lt = memchr (p, '<', self->size - self->offset);
      const char *rest;
      gsize left;

      if (lt == NULL)
        {
          advance (self, self->size - self->offset);
          return;
        }
      advance (self, (gsize)(lt - p));
      rest = self->data + self->offset;
      left = self->size - self->offset;
      if (left >= 4 && memcmp (rest, "<!--", 4) == 0)
        skip_past (self, "-->");
      else if (left >= 9 && memcmp (rest, "<![CDATA[", 9) == 0)
        skip_past (self, "]]>");
      else if (left >= 2 && (rest[1] == '?' || rest[1] == '!'))
        skip_past (self, ">");
      else if (left >= 2 && rest[1] == '/')
        advance (self, 2);
      else
        {
          self->element_line = self->line;
          self->element_column = self->column;
          advance (self, 1);
          return;
        }
    }
}

KrXmlEvent
kr_xml_reader_next (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, KR_XML_END_OF_FILE);

  g_clear_pointer (&self->attribute, xmlFree);
  while (!self->failed)
    {
      int r = xmlTextReaderRead (self->reader);

      if (r == 0)
        return KR_XML_END_OF_FILE;
      if (r < 0)
        {
          if (!self->failed)
            kr_xml_reader_fail (self, _ ("the file is not well-formed XML"));
          return KR_XML_END_OF_FILE;
        }
      switch (xmlTextReaderNodeType (self->reader))
        {
        case XML_READER_TYPE_ELEMENT:
          find_element (self);
          if (xmlTextReaderDepth (self->reader) >= KR_DATASET_MAX_DEPTH)
            {
              g_autofree char *msg = g_strdup_printf (
                  _ ("elements are nested more than %d levels deep"), KR_DATASET_MAX_DEPTH);
              kr_xml_reader_fail (self, msg);
              return KR_XML_END_OF_FILE;
            }
          return KR_XML_START;
        case XML_READER_TYPE_END_ELEMENT:
          return KR_XML_END;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          return KR_XML_TEXT;
        case XML_READER_TYPE_DOCUMENT_TYPE:
          kr_xml_reader_fail (self, dtd_refused ());
          return KR_XML_END_OF_FILE;
        case XML_READER_TYPE_ENTITY_REFERENCE:
          kr_xml_reader_fail (self, _ ("the file refers to an entity that it does not declare"));
          return KR_XML_END_OF_FILE;
        default:
          break;
        }
    }
  return KR_XML_END_OF_FILE;
}

const char *
kr_xml_reader_get_name (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *)xmlTextReaderConstLocalName (self->reader);
}

gboolean
kr_xml_reader_is_empty (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return xmlTextReaderIsEmptyElement (self->reader) == 1;
}

int
kr_xml_reader_get_depth (KrXmlReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return xmlTextReaderDepth (self->reader);
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
  g_clear_pointer (&self->attribute, xmlFree);
  self->attribute = xmlTextReaderGetAttribute (self->reader, (const xmlChar *)name);
  return (const char *)self->attribute;
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
  return (const char *)xmlTextReaderConstValue (self->reader);
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
