/* kr-xml-reader.c — libxml2's streaming reader, with the limits of every dataset
 *
 * libxml2 places what it reports as errors, but not the elements it hands over: their start
 * is found by following the bytes alongside, from one "<" to the next that opens an element
 * (the reader hands every element over in the order of the file, and a "<" can only appear
 * in a tag, a comment, a CDATA section or a processing instruction).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kr-xml-reader"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "kr-xml-reader.h"

struct _KrXmlReader
{
  KrDatasetBuilder *builder;
  xmlTextReaderPtr reader;
  const char *data;
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

/* Whether the prolog, before the root element, declares a DTD: refused before libxml2 parses
 * anything, so that nothing the DTD declares is ever read. */
static gboolean
declares_dtd (KrXmlReader *self)
{
  if (self->size >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    self->offset = 3;
  while (self->offset < self->size)
    {
      const char *p = self->data + self->offset;
      gsize left = self->size - self->offset;

      if (g_ascii_isspace (*p))
        advance (self, 1);
      else if (left >= 2 && memcmp (p, "<?", 2) == 0)
        skip_past (self, "?>");
      else if (left >= 4 && memcmp (p, "<!--", 4) == 0)
        skip_past (self, "-->");
      else
        return left >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0;
    }
  return FALSE;
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

KrXmlReader *
kr_xml_reader_new (KrDatasetBuilder *builder, GBytes *bytes)
{
  KrXmlReader *self;
  const char *data;
  gsize size;

  g_return_val_if_fail (builder != NULL && bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = "";
  if (!kr_dataset_builder_check_size (builder, size))
    return NULL;
  if (size == 0)
    {
      kr_dataset_builder_report_position (builder, 1, 1, _ ("the file is empty"));
      return NULL;
    }
  /* libxml2 words a byte that is not UTF-8 differently from one version to the next. */
  if (is_utf8 (data, size) && !kr_dataset_builder_check_utf8 (builder, data, size))
    return NULL;

  self = g_new0 (KrXmlReader, 1);
  self->builder = builder;
  self->data = data;
  self->size = size;
  self->line = 1;
  self->column = 1;
  if (declares_dtd (self))
    {
      kr_dataset_builder_report_position (builder, self->line, self->column, dtd_refused ());
      g_free (self);
      return NULL;
    }
  self->offset = 0;
  self->line = 1;
  self->column = 1;
  /* Without XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE: entities stay references,
   * no external subset is fetched, and libxml2 keeps its own limits on depth and text. */
  self->reader
      = xmlReaderForMemory (data, (int)size, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (self->reader == NULL)
    {
      kr_dataset_builder_report_position (builder, 1, 1, _ ("the file cannot be read as XML"));
      g_free (self);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (self->reader, on_error, self);
  return self;
}

void
kr_xml_reader_free (KrXmlReader *self)
{
  if (self == NULL)
    return;
  xmlFree (self->attribute);
  xmlFreeTextReader (self->reader);
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
  for (gsize end = MIN (self->offset + n, self->size); self->offset < end; self->offset++)
    {
      guchar c = (guchar)self->data[self->offset];

      if (c == '\n')
        {
          self->line++;
          self->column = 1;
        }
      else if ((c & 0xC0) != 0x80)
        self->column++;
    }
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
